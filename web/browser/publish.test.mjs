// `potdraw publish` and the printed pages in a real browser (issue 29):
// Debian's headless Chromium, driven by playwright-core, with axe-core.
//
// A draw with two lists (recipients and their travel companions), the
// longest title (200 characters), a 60-character name on every slip of one
// list, a two-line draw date and the list row, is committed, drawn, and a
// place given up with `amend`; `publish` writes the site, served here on
// 127.0.0.1. The test asserts:
// - index.html (phone and desktop): no critical or serious axe-core
//   violation, no English in the Dutch part, every drawn ticket by its
//   fingerprint, a companion with the place they travel with;
// - the verifier page of the site answers a slip's address at once;
// - report.html: axe-core, and the drawn tickets on the first A4 page
//   (pdftotext of the PDF's page 1);
// - the slips in Dutch and English: axe-core; printed to A4 with
//   `chromium --headless --print-to-pdf`, every sentence of every slip is in
//   the PDF's text (pdftotext, poppler-utils), no slip's text runs out of its
//   89 mm, three slips a page;
// - the seed sheet: axe-core.
//
//   cargo build --release -p potdraw-cli     # or set POTDRAW_BIN
//   npm ci --prefix web                      # playwright-core, axe-core
//   apt-get install poppler-utils            # pdftotext
//   node --test web/browser/
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ROOT = path.resolve(WEB, "..");
const ARTIFACTS = path.join(ROOT, "target/ci-artifacts");
const CHROMIUM = process.env.POTDRAW_CHROMIUM || "/usr/bin/chromium";
const PDFTOTEXT = process.env.POTDRAW_PDFTOTEXT || "/usr/bin/pdftotext";
const BIN = process.env.POTDRAW_BIN || path.join(ROOT, "target/release/potdraw");
const STEP = 60_000;
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const ENGLISH = /\b(the|and|with|from|you|your|ticket|tickets|drawn|grant|grants|recipient|recipients|source|sources|which|this|that|list|lists|place|travel|companion|companions|check|checks|file|files|only|signature|time stamp)\b/gi;
const SITE_URL = "https://buurtpot.example/loting";
const TITLE = "Buurtpot Zuid en Reisgenoten: de grote herverdelingsactie van het collectief voor december 2026 en januari 2027, met extra schenkingen voor wie het langst wacht, en een reisgezelschap voor iedereen".padEnd(200, ".");
const NAME = "Anna-Maria Wilhelmina van der Berg-Oosterhuis de Jong-Smitje"; // 60 characters
const DATE = "zaterdag 12 december 2026, 20.00 uur, in het buurthuis De Linde aan de Lindenlaan 12";

let chromium, browser, server, base, work, pot, receipts, transcript;

const run = (...args) => execFileSync(BIN, args, { cwd: work, encoding: "utf8" });
const fingerprint = (leaf) => `${leaf.slice(0, 4)}-${leaf.slice(4, 8)}`.toUpperCase();

before(async () => {
  assert.ok(existsSync(BIN), `${BIN} is missing: run cargo build --release -p potdraw-cli, or set POTDRAW_BIN`);
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium or set POTDRAW_CHROMIUM`);
  if (!existsSync(PDFTOTEXT)) throw new Error(`${PDFTOTEXT} is missing: install poppler-utils`);
  ({ chromium } = await import("playwright-core"));
  mkdirSync(ARTIFACTS, { recursive: true });
  work = mkdtempSync(path.join(tmpdir(), "potdraw-publish-"));
  assert.equal(NAME.length, 60);
  assert.equal(TITLE.length, 200);
  writeFileSync(path.join(work, "a.csv"), "id,naam\n" + [1, 2, 3, 4, 5, 6].map((i) => `ZUID-00${i},${NAME}\n`).join(""));
  writeFileSync(path.join(work, "b.csv"), "id,naam\n" + [1, 2, 3, 4, 5, 6].map((i) => `REIS-00${i},Kees ${i}\n`).join(""));
  run("commit", "--title", TITLE, "--list", "ontvangers=a.csv", "--list", "reisgenoten=b.csv", "--list-recipients", "ontvangers=2", "--companions", "reisgenoten=ontvangers", "--entropy", "dice:zaal:10", "--entropy", "numbers:lotto:6", "--out", "pot");
  pot = path.join(work, "pot");
  run("draw", "--commitment", "pot/public/commitment.json", "--seed", "pot/private/seed", "--entropy", "zaal=3141526535", "--entropy", "lotto=3 14 15 22 35 41", "--out", "pot/public/transcript.json");
  transcript = JSON.parse(readFileSync(path.join(pot, "public/transcript.json"), "utf8"));
  receipts = readFileSync(path.join(pot, "private/receipts.jsonl"), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
  // Place 1 of ontvangers gives up; reserve 1 moves up.
  const place1 = transcript.lists[0].result[0].leaf;
  run("amend", "pot/public/transcript.json", "--record", "pot/public/vervangingen.json", "--list", "ontvangers", "--place", "1", "--holder", fingerprint(place1), "--reason", "declined", "--date", "2026-12-15");
  run("--lang", "nl", "publish", "pot", "--out", "site", "--url", SITE_URL);
  server = createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    const file = path.join(work, "site", path.normalize(decodeURIComponent(url.pathname)));
    if (!file.startsWith(path.join(work, "site")) || !existsSync(file)) return res.writeHead(404).end("not found");
    const type = file.endsWith(".html") ? "text/html; charset=utf-8" : "application/octet-stream";
    res.writeHead(200, { "content-type": type }).end(readFileSync(file));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"], timeout: STEP });
}, { timeout: 3 * STEP });

after(async () => {
  await browser?.close();
  await new Promise((r) => (server ? server.close(r) : r()));
  if (work) rmSync(work, { recursive: true, force: true });
}, { timeout: STEP });

async function open(url, viewport = { width: 1000, height: 900 }, opts = {}) {
  const ctx = await browser.newContext({ viewport, locale: "en-US", ...opts });
  ctx.setDefaultTimeout(STEP);
  const page = await ctx.newPage();
  page.problems = [];
  page.on("pageerror", (e) => page.problems.push(e.message));
  await page.goto(url, { waitUntil: "load" });
  return { ctx, page };
}

async function axe(page, what) {
  await page.evaluate(AXE);
  const found = await page.evaluate(async () => (await globalThis.axe.run(document, { resultTypes: ["violations"] })).violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 3) })));
  const bad = found.filter((v) => v.impact === "critical" || v.impact === "serious");
  assert.deepEqual(bad, [], `${what}: axe-core violations ${JSON.stringify(bad, null, 1)}`);
}

/** The text of a PDF (pages `first`..`last`), whitespace made single spaces. */
function pdfText(pdf, first, last) {
  const args = ["-enc", "UTF-8"];
  if (first) args.push("-f", String(first), "-l", String(last));
  return execFileSync(PDFTOTEXT, [...args, pdf, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
}

test("the published index: axe-core on a phone and a desktop, Dutch then English, every drawn ticket by its fingerprint", { timeout: 5 * STEP }, async () => {
  for (const [viewport, opts, what] of [[{ width: 390, height: 844 }, { isMobile: true, hasTouch: true }, "phone"], [{ width: 1100, height: 900 }, {}, "desktop"]]) {
    const { ctx, page } = await open(`${base}/index.html`, viewport, opts);
    try {
      assert.equal(await page.getAttribute("html", "lang"), "nl");
      await axe(page, `index.html on a ${what}`);
      const nl = await page.evaluate(() => {
        const a = document.querySelector("article[lang=nl]").cloneNode(true);
        a.querySelectorAll("code, a[href$='.json'], a[href$='.minisig'], a[href$='.html']").forEach((n) => n.remove());
        return a.innerText;
      });
      const english = nl.match(ENGLISH);
      assert.equal(english, null, `English in the Dutch part of index.html: ${[...new Set(english || [])].join(", ")}`);
      const text = await page.innerText("article[lang=nl]");
      for (const l of transcript.lists) for (const r of l.result) assert.ok(text.includes(fingerprint(r.leaf)), `${l.name} ${r.role} ${r.rank}`);
      assert.ok(text.includes("reist mee met plaats 1 van lijst ontvangers"));
      assert.ok(text.includes(transcript.commitment.digest), "the full commitment hash");
      assert.ok((await page.innerText("article[lang=en]")).includes("travels with place 1 of list ontvangers"));
      await page.screenshot({ path: path.join(ARTIFACTS, `publish-index-${what}.png`), fullPage: what === "phone" });
      assert.deepEqual(page.problems, []);
    } finally {
      await ctx.close();
    }
  }
});

test("the site's verifier page answers a slip's address from the site's own files", { timeout: 3 * STEP }, async () => {
  const leaf = transcript.lists[0].result[0].leaf; // place 1, given up
  const r = receipts.find((x) => x.leaf === leaf);
  const q = new URLSearchParams({ id: r.id, code: r.code, lang: "nl" });
  const { ctx, page } = await open(`${base}/verify.html#${q}`, { width: 390, height: 844 }, { isMobile: true, hasTouch: true });
  try {
    await page.waitForSelector("#card:not([hidden])");
    assert.equal(await page.getAttribute("#card", "data-kind"), "vacated", await page.innerText("#card"));
  } finally {
    await ctx.close();
  }
});

test("the report: axe-core, and the drawn tickets on the first A4 page", { timeout: 3 * STEP }, async () => {
  const { ctx, page } = await open(`${base}/report.html`);
  try {
    await axe(page, "report.html");
    await page.emulateMedia({ media: "print" });
    const pdf = path.join(work, "report.pdf");
    writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    writeFileSync(path.join(ARTIFACTS, "publish-report-a4.pdf"), readFileSync(pdf));
    const first = pdfText(pdf, 1, 1);
    for (const r of transcript.lists[0].result) {
      assert.ok(first.includes(`${r.leaf.slice(0, 8)}…${r.leaf.slice(-4)}`), `ticket ${r.role} ${r.rank} of ${transcript.lists[0].name} is not on page 1:\n${first}`);
    }
    assert.ok(first.includes("potdraw v4"), "the method as the page names it");
  } finally {
    await ctx.close();
  }
});

for (const lang of ["nl", "en"]) {
  test(`the slips in ${lang}: axe-core; on A4 every sentence of every slip, nothing out of its 89 mm`, { timeout: 5 * STEP }, async () => {
    const slips = path.join(work, `slips-${lang}.html`);
    run("--lang", lang, "slips", "--commitment", "pot/public/commitment.json", "--receipts", "pot/private/receipts.jsonl", "--draw-date", DATE, "--page-url", `${SITE_URL}/verify.html`, "--out", slips);
    const { ctx, page } = await open(pathToFileURL(slips).href);
    let sentences;
    try {
      await axe(page, `slips (${lang})`);
      await page.emulateMedia({ media: "print" });
      // No slip's text runs out of its box (the box no longer hides it).
      const out = await page.$$eval("article.slip", (as) => as.flatMap((a) => {
        const box = a.getBoundingClientRect();
        return [...a.querySelectorAll("p, h2, dt, dd, figure")].filter((e) => e.getBoundingClientRect().bottom > box.bottom + 0.5 || e.getBoundingClientRect().right > box.right + 0.5).map((e) => `${a.dataset.id}: ${e.textContent.slice(0, 40)}`);
      }));
      assert.deepEqual(out, [], "text outside its slip");
      sentences = await page.$$eval("article.slip", (as) => as.map((a) => [...a.querySelectorAll(".kicker, h2, dd, p.screen, p.explain")].map((e) => e.textContent.replace(/\s+/g, " ").trim())));
    } finally {
      await ctx.close();
    }
    const pdf = path.join(work, `slips-${lang}.pdf`);
    execFileSync(CHROMIUM, ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", `--print-to-pdf=${pdf}`, pathToFileURL(slips).href], { stdio: "ignore", timeout: STEP });
    writeFileSync(path.join(ARTIFACTS, `publish-slips-${lang}-a4.pdf`), readFileSync(pdf));
    const pages = (readFileSync(pdf).toString("latin1").match(/\/Type\s*\/Page\b/g) || []).length;
    assert.equal(pages, Math.ceil(receipts.length / 3), "three slips a page");
    const text = pdfText(pdf);
    assert.equal(sentences.length, receipts.length);
    for (const [i, slip] of sentences.entries()) {
      const r = receipts[i];
      for (const want of [r.id, r.code, r.list, TITLE, DATE, "buurtpot.example/loting/verify.html", fingerprint(r.leaf)]) {
        assert.ok(slip.some((s) => s.includes(want)), `slip ${r.id} lacks ${want}`);
      }
      if (r.list === "ontvangers") assert.ok(slip.includes(NAME), `slip ${r.id}: the 60-character name`);
      // (Case aside: the kicker is printed in capitals.)
      for (const s of slip) assert.ok(text.toLowerCase().includes(s.toLowerCase()), `slip ${r.id} (${lang}): not in the PDF: ${JSON.stringify(s)}`);
    }
    const screen = lang === "nl" ? "Uw lot op het scherm:" : "Your ticket on the screen:";
    assert.equal(text.split(screen).length - 1, receipts.length);
    assert.ok(!/Niemand anders|nobody else/.test(text), "no claim that nobody else has the code");
  });
}

test("the seed sheet: axe-core", { timeout: 2 * STEP }, async () => {
  const sheet = path.join(work, "seed.html");
  run("--lang", "nl", "seed-sheet", "--commitment", "pot/public/commitment.json", "--seed", "pot/private/seed", "--out", sheet);
  const { ctx, page } = await open(pathToFileURL(sheet).href);
  try {
    await axe(page, "seed sheet");
  } finally {
    await ctx.close();
  }
});
