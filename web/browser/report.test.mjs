// The printable report (`potdraw report`) in a real browser: Debian's
// headless Chromium driven by playwright-core. The release binary writes the
// report of the bundled example in English and in Dutch; each page is opened
// from disk (file://) with every other request refused, and the test asserts
// what a person sees: every recipient and reserve in drawn order, no id,
// name or phone number of the private candidate list, no network request.
// The QR code is decoded from a screenshot of what the page shows (jsQR on
// the PNG's pixels) and must give the transcript digest that `potdraw verify
// --json` computes. Screenshots (screen and print media) and the A4 PDF are
// written to target/ci-artifacts/.
//
//   cargo build --release -p potdraw-cli     # or set POTDRAW_BIN
//   npm ci --prefix web                      # playwright-core, jsqr, pngjs (web/package-lock.json)
//   node --test web/browser/
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ROOT = path.resolve(WEB, "..");
const EXAMPLE = path.join(ROOT, "fixtures/example");
const ARTIFACTS = path.join(ROOT, "target/ci-artifacts");
const CHROMIUM = process.env.POTDRAW_CHROMIUM || "/usr/bin/chromium";
const STEP = 60_000;

const BIN = process.env.POTDRAW_BIN || [path.join(ROOT, "target/release/potdraw"), path.join(ROOT, "target/debug/potdraw")].find(existsSync);

let chromium, jsQR, PNG;
let work;
let digest;
const leaves = []; // [role, rank, leaf] in drawn order, from the transcript itself

/** The cells of the private candidate list (id, name, contact), CSV with quoted fields. */
function privateCells() {
  const lines = readFileSync(path.join(EXAMPLE, "candidates.csv"), "utf8").trim().split("\n").slice(1);
  const cells = [];
  for (const line of lines) {
    const fields = [...line.matchAll(/("([^"]|"")*"|[^,]*)(,|$)/g)].map((m) => m[1].replace(/^"|"$/g, "").replace(/""/g, '"'));
    cells.push(fields[0], fields[2], fields[3]);
  }
  return cells.filter((c) => c);
}

before(async () => {
  if (!BIN) throw new Error("no potdraw binary: run cargo build --release -p potdraw-cli, or set POTDRAW_BIN");
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium or set POTDRAW_CHROMIUM`);
  try {
    ({ chromium } = await import("playwright-core"));
    ({ default: jsQR } = await import("jsqr"));
    ({ PNG } = await import("pngjs"));
  } catch (e) {
    throw new Error(`web test packages are not installed: run npm ci --prefix web (${e.message})`);
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  work = mkdtempSync(path.join(tmpdir(), "potdraw-report-"));
  const transcript = path.join(EXAMPLE, "transcript.json");
  for (const lang of ["en", "nl"]) {
    execFileSync(BIN, ["--lang", lang, "report", transcript, "--commitment", path.join(EXAMPLE, "commitment.json"), "--out", path.join(work, `report-${lang}.html`)]);
  }
  digest = JSON.parse(execFileSync(BIN, ["verify", "--json", transcript], { encoding: "utf8" })).transcript_digest;
  for (const r of JSON.parse(readFileSync(transcript, "utf8")).result) leaves.push([r.role, r.rank, r.leaf]);
}, { timeout: STEP });

after(() => { if (work) rmSync(work, { recursive: true, force: true }); });

/** Opens one report in a fresh offline browser that refuses every request but the page. */
async function open(lang, fn) {
  const profile = mkdtempSync(path.join(tmpdir(), "potdraw-chromium-"));
  const url = pathToFileURL(path.join(work, `report-${lang}.html`)).href;
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    locale: lang === "nl" ? "nl-NL" : "en-US",
    viewport: { width: 1100, height: 900 },
    offline: true,
    timeout: STEP,
  });
  try {
    ctx.setDefaultTimeout(STEP);
    const requests = [];
    const problems = [];
    ctx.on("request", (r) => requests.push(r.url()));
    await ctx.route(/.*/, (route) => (route.request().url() === url ? route.continue() : route.abort("blockedbyclient")));
    const page = ctx.pages()[0] || (await ctx.newPage());
    page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`); });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    await page.goto(url, { waitUntil: "load" });
    await fn(page);
    assert.deepEqual(requests, [url], "the report made a network request");
    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Decodes the QR code from a screenshot of the element as the page shows it. */
async function decodeQr(page) {
  const png = PNG.sync.read(await page.locator("#qr svg").screenshot());
  const code = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
  assert.ok(code, "no QR code found in the screenshot");
  return code.data;
}

for (const [lang, verdict, role] of [
  ["en", /^Verified: every check passed\./, { recipient: "recipient", reserve: "reserve" }],
  ["nl", /^Geverifieerd: alle controles geslaagd\./, { recipient: "ontvanger", reserve: "reserve" }],
]) {
  test(`the report in ${lang}: every recipient and reserve in order, no names, QR = transcript digest, A4`, { timeout: 4 * STEP }, async () => {
    await open(lang, async (page) => {
      assert.equal(await page.getAttribute("html", "lang"), lang);
      assert.match(await page.locator("#verdict").innerText(), verdict);
      const shown = await page.$$eval("#picks tbody tr", (rows) => rows.map((tr) => [tr.dataset.role, Number(tr.dataset.rank), tr.dataset.leaf, tr.innerText]));
      assert.deepEqual(shown.map(([r, n, l]) => [r, n, l]), leaves, "the result rows are not the transcript's, in order");
      for (const [r, n, leaf, text] of shown) {
        assert.ok(text.includes(`${role[r]} ${n}`), `${lang}: row ${r} ${n} says ${text}`);
        assert.ok(text.includes(leaf), `${lang}: the full ticket hash ${leaf} is not shown`);
        assert.ok(text.includes(`${leaf.slice(0, 8)}…${leaf.slice(-4)}`), `${lang}: the short form of ${leaf} is not shown`);
      }
      const body = await page.locator("body").innerText();
      for (const cell of privateCells()) assert.ok(!body.includes(cell), `${lang}: the report shows ${JSON.stringify(cell)}`);
      assert.ok(body.includes("potdraw verify transcript.json --commitment commitment.json"));
      assert.ok(body.includes(digest), "the transcript digest is not shown as text");

      await page.screenshot({ path: path.join(ARTIFACTS, `report-${lang}-screen.png`), fullPage: true });
      assert.equal(await decodeQr(page), digest, "the QR code on screen does not decode to the transcript digest");

      // The printed page: print media, A4.
      await page.emulateMedia({ media: "print" });
      await page.screenshot({ path: path.join(ARTIFACTS, `report-${lang}-print.png`), fullPage: true });
      assert.equal(await decodeQr(page), digest, "the QR code in print media does not decode to the transcript digest");
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      writeFileSync(path.join(ARTIFACTS, `report-${lang}-a4.pdf`), pdf);
      const text = pdf.toString("latin1");
      const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
      assert.ok(boxes.length >= 1, "the PDF has no pages");
      for (const [w, h] of boxes) assert.ok(Math.abs(w - 595.3) < 2 && Math.abs(h - 841.9) < 2, `page of ${w}×${h} pt, not A4`);
      assert.ok(boxes.length <= 4, `the example report takes ${boxes.length} A4 pages`);
      console.log(`report ${lang}: ${boxes.length} A4 page(s); artefacts in target/ci-artifacts/report-${lang}-*`);
    });
  });
}
