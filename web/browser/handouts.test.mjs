// The organiser's whole flow around the draw (issue 17), with the binary and
// a real browser: commit → slips (the printable page opened in Debian's
// headless Chromium, every name, id and code on it, printed to an A4 PDF,
// QR codes decoded back to the verifier page's address with #id=…&code=…) →
// the verifier page opened from that address has the fields filled in →
// draw → results: the names in drawn order are those of the receipts of the
// transcript's picks. Nothing is known in advance: commit uses fresh
// randomness, so every expectation is read from the files it wrote.
//
//   cargo build --release -p potdraw-cli     # or set POTDRAW_BIN
//   npm ci --prefix web
//   node --test web/browser/
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ROOT = path.resolve(WEB, "..");
const PAGE_URL = pathToFileURL(path.join(WEB, "verify.html")).href;
const ARTIFACTS = path.join(ROOT, "target/ci-artifacts");
const CHROMIUM = process.env.POTDRAW_CHROMIUM || "/usr/bin/chromium";
const STEP = 60_000;
const BIN = process.env.POTDRAW_BIN || [path.join(ROOT, "target/release/potdraw"), path.join(ROOT, "target/debug/potdraw")].find(existsSync);
// The address printed in the QR codes: where the collective publishes the verifier page.
const SITE = "https://buurtpot.example/verify.html";

let chromium, jsQR, PNG;
let work, pot, receipts;

before(() => {
  if (!BIN) throw new Error("no potdraw binary: run cargo build --release -p potdraw-cli, or set POTDRAW_BIN");
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium or set POTDRAW_CHROMIUM`);
  mkdirSync(ARTIFACTS, { recursive: true });
  work = mkdtempSync(path.join(tmpdir(), "potdraw-handouts-"));
  pot = path.join(work, "pot");
  execFileSync(BIN, ["commit", "--candidates", path.join(ROOT, "fixtures/example/candidates.csv"), "--pot", "65000", "--title", "Buurtpot Zuid, december 2026", "--entropy", "dice:room:10", "--entropy", "numbers:lotto:6", "--out", pot]);
  receipts = readFileSync(path.join(pot, "private/receipts.jsonl"), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
  assert.ok(receipts.length > 3);
  return (async () => {
    ({ chromium } = await import("playwright-core"));
    ({ default: jsQR } = await import("jsqr"));
    ({ PNG } = await import("pngjs"));
  })();
}, { timeout: STEP });

after(() => { if (work) rmSync(work, { recursive: true, force: true }); });

/** A fresh offline browser that refuses every request but `url` (without its fragment). */
async function open(url, lang, fn) {
  const profile = mkdtempSync(path.join(tmpdir(), "potdraw-chromium-"));
  const bare = url.split("#")[0];
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    locale: lang === "nl" ? "nl-NL" : "en-US",
    viewport: { width: 1000, height: 900 },
    offline: true,
    timeout: STEP,
  });
  try {
    ctx.setDefaultTimeout(STEP);
    const requests = [];
    const problems = [];
    ctx.on("request", (r) => requests.push(r.url()));
    await ctx.route(/.*/, (route) => (route.request().url() === bare ? route.continue() : route.abort("blockedbyclient")));
    const page = ctx.pages()[0] || (await ctx.newPage());
    page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`); });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    await page.goto(url, { waitUntil: "load" });
    await fn(page);
    assert.deepEqual(requests, [bare], "a network request");
    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

async function decodeQr(locator) {
  const png = PNG.sync.read(await locator.screenshot());
  const code = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
  assert.ok(code, "no QR code found in the screenshot");
  return code.data;
}

test("commit → slips in the browser and on A4 → the page from a slip's QR code → draw → results by name", { timeout: 6 * STEP }, async () => {
  const slips = path.join(work, "slips.html");
  execFileSync(BIN, ["--lang", "nl", "slips", "--commitment", path.join(pot, "public/commitment.json"), "--receipts", path.join(pot, "private/receipts.jsonl"), "--draw-date", "zaterdag 5 december 2026, 19.30 uur", "--page-url", SITE, "--out", slips]);
  assert.equal(statSync(slips).mode & 0o777, 0o600, "the slips hold every code: mode 0600");

  let fromQr;
  await open(pathToFileURL(slips).href, "nl", async (page) => {
    const shown = await page.$$eval("article.slip", (as) => as.map((a) => a.innerText));
    assert.equal(shown.length, receipts.length, "one slip per receipt");
    receipts.forEach((r, i) => {
      for (const want of [r.id, r.code, r.columns.name, "Buurtpot Zuid, december 2026", "zaterdag 5 december 2026, 19.30 uur"]) {
        assert.ok(shown[i].includes(want), `slip ${i + 1} lacks ${JSON.stringify(want)}:\n${shown[i]}`);
      }
    });
    // The first and the last slip's QR codes, as printed: the site with this resident's id and code after #.
    await page.emulateMedia({ media: "print" });
    for (const i of [0, receipts.length - 1]) {
      const url = await decodeQr(page.locator("article.slip").nth(i).locator("figure.qr svg"));
      const [base, fragment] = url.split("#");
      assert.equal(base, SITE);
      const params = new URLSearchParams(fragment);
      assert.equal(params.get("id"), receipts[i].id);
      assert.equal(params.get("code"), receipts[i].code);
      fromQr ??= fragment;
    }
    await page.screenshot({ path: path.join(ARTIFACTS, "slips-print.png"), fullPage: true });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    writeFileSync(path.join(ARTIFACTS, "slips-a4.pdf"), pdf);
    const boxes = [...pdf.toString("latin1").matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
    for (const [w, h] of boxes) assert.ok(Math.abs(w - 595.3) < 2 && Math.abs(h - 841.9) < 2, `page of ${w}×${h} pt, not A4`);
    // Three slips a page: a slip never runs over onto a second page.
    assert.equal(boxes.length, Math.ceil(receipts.length / 3), `${receipts.length} slips on ${boxes.length} A4 pages`);
  });

  // The resident scans the code: the verifier page opens with id and code filled in.
  await open(`${PAGE_URL}#${fromQr}`, "nl", async (page) => {
    assert.equal(await page.inputValue("#pid"), receipts[0].id);
    assert.equal(await page.inputValue("#pcode"), receipts[0].code);
  });

  // The draw, then the organiser's list by name.
  const transcript = path.join(pot, "public/transcript.json");
  execFileSync(BIN, ["draw", "--commitment", path.join(pot, "public/commitment.json"), "--seed", path.join(pot, "private/seed"), "--entropy", "room=3141526535", "--entropy", "lotto=3 14 15 22 35 41", "--out", transcript]);
  const picks = JSON.parse(readFileSync(transcript, "utf8")).result;
  const byLeaf = new Map(receipts.map((r) => [r.leaf, r]));
  const results = JSON.parse(execFileSync(BIN, ["results", transcript, "--receipts", path.join(pot, "private/receipts.jsonl"), "--json"], { encoding: "utf8" }));
  assert.deepEqual(results.drawn.map((d) => d.id), picks.map((p) => byLeaf.get(p.leaf).id), "results are the receipts of the picks, in drawn order");
  assert.deepEqual(results.drawn.map((d) => d.columns.name), picks.map((p) => byLeaf.get(p.leaf).columns.name));
  assert.deepEqual(results.drawn.map((d) => [d.role, d.rank]), picks.map((p) => [p.role, p.rank]));
});
