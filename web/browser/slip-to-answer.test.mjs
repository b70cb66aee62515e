// From the slip to the answer in one tap (issue 29), for the Dutch evening
// of crates/cli/tests/evening.rs (two neighbourhoods, travel companions,
// a decline, a reserve passed over, an undo): its public folder is published
// with `potdraw publish --url`, served on 127.0.0.1, the slips are made with
// that address and printed to an A4 PDF, each slip's QR code is decoded
// from the printed pages, and each address is opened on a phone set to English.
// The answer card must be first on the screen without scrolling, in Dutch,
// right in role and place for the evening's residents (page.json: the same
// sentences `potdraw check` gave them); an id typed in lower case is a typing
// difference with the id meant, and a wrong code is never "not drawn". No
// page may ask another origin for anything.
//
// This test never skips: CI runs `cargo test` (which runs the evening)
// before this step.
//
//   cargo test -p potdraw-cli --test evening && cargo build --release -p potdraw-cli
//   npm ci --prefix web && node --test web/browser/
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ROOT = path.resolve(WEB, "..");
const TARGET = path.resolve(ROOT, process.env.CARGO_TARGET_DIR || "target");
const EVENING = path.join(TARGET, "evening");
const CHROMIUM = process.env.POTDRAW_CHROMIUM || "/usr/bin/chromium";
const BIN = process.env.POTDRAW_BIN || [path.join(TARGET, "release/potdraw"), path.join(TARGET, "debug/potdraw")].find(existsSync);
const PDFTOPPM = process.env.POTDRAW_PDFTOPPM || "/usr/bin/pdftoppm";
const STEP = 60_000;
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

let chromium, jsQR, PNG, browser, server, base, work, site, spec;
const requests = [];

before(async () => {
  const file = path.join(EVENING, "page.json");
  if (!existsSync(file)) throw new Error(`${file} is missing: run cargo test -p potdraw-cli --test evening first`);
  spec = JSON.parse(readFileSync(file, "utf8"));
  if (!spec.receipts) throw new Error(`${file} names no receipts: run the evening of this checkout first`);
  if (!BIN) throw new Error("no potdraw binary: run cargo build --release -p potdraw-cli, or set POTDRAW_BIN");
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium or set POTDRAW_CHROMIUM`);
  if (!existsSync(PDFTOPPM)) throw new Error(`${PDFTOPPM} is missing: apt-get install poppler-utils`);
  ({ chromium } = await import("playwright-core"));
  ({ default: jsQR } = await import("jsqr"));
  ({ PNG } = await import("pngjs"));
  work = mkdtempSync(path.join(tmpdir(), "potdraw-slip-to-answer-"));
  site = path.join(work, "site");
  server = createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    const f = path.join(site, path.normalize(decodeURIComponent(url.pathname)));
    if (!f.startsWith(site) || !existsSync(f) || f === site) return res.writeHead(404).end("not found");
    const type = f.endsWith(".html") ? "text/html; charset=utf-8" : "application/octet-stream";
    res.writeHead(200, { "content-type": type, "cache-control": "no-store" }).end(readFileSync(f));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS, timeout: STEP });
}, { timeout: 2 * STEP });

after(async () => {
  await browser?.close();
  await new Promise((r) => (server ? server.close(r) : r()));
  if (work) rmSync(work, { recursive: true, force: true });
}, { timeout: STEP });

/**
 * Every slip's id and the address its QR code holds, decoded from the slips
 * as printed: the page printed to an A4 PDF by Chromium, each PDF page made
 * an image by pdftoppm (poppler-utils), each third of a page (three slips a
 * page) read by jsQR — what a resident's phone scans is the paper.
 */
async function slipAddresses(slips) {
  const pdf = path.join(work, "slips.pdf");
  execFileSync(CHROMIUM, ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", `--print-to-pdf=${pdf}`, pathToFileURL(slips).href], { stdio: "ignore", timeout: STEP });
  execFileSync(PDFTOPPM, ["-r", "150", "-png", pdf, path.join(work, "page")], { timeout: STEP });
  const pages = readdirSync(work).filter((f) => /^page-\d+\.png$/.test(f)).sort();
  assert.ok(pages.length >= 10, `the slips' pages: ${pages.length}`);
  const found = new Map();
  for (const f of pages) {
    const png = PNG.sync.read(readFileSync(path.join(work, f)));
    const band = Math.floor(png.height / 3);
    for (let i = 0; i < 3; i++) {
      const part = new PNG({ width: png.width, height: band });
      png.data.copy(part.data, 0, i * band * png.width * 4, (i + 1) * band * png.width * 4);
      const qr = jsQR(new Uint8ClampedArray(part.data.buffer, part.data.byteOffset, part.data.length), part.width, part.height);
      if (!qr) continue;
      const id = new URLSearchParams(new URL(qr.data).hash.slice(1)).get("id");
      assert.ok(!found.has(id), `${id}: one slip`);
      found.set(id, qr.data);
    }
  }
  return found;
}

/** A phone set to English opens `address`; the answer card as it shows. */
async function open(address) {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "en-US" });
  try {
    ctx.setDefaultTimeout(STEP);
    ctx.on("request", (r) => requests.push(r.url()));
    await ctx.route(/.*/, (route) => (route.request().url().startsWith(`${base}/`) ? route.continue() : route.abort("blockedbyclient")));
    const page = await ctx.newPage();
    await page.goto(address, { waitUntil: "load" });
    await page.waitForSelector("#card:not([hidden])");
    return await page.evaluate(() => {
      const c = document.getElementById("card");
      const r = c.getBoundingClientRect();
      return { kind: c.dataset.kind, title: document.getElementById("card-title").textContent, answer: document.getElementById("answer").innerText, outcome: document.getElementById("answer").dataset.outcome, top: r.top, bottom: r.bottom, scrollY: window.scrollY, innerHeight: window.innerHeight, lang: document.documentElement.lang };
    });
  } finally {
    await ctx.close();
  }
}

function first(card, who) {
  assert.equal(card.scrollY, 0, `${who}: the page did not scroll`);
  assert.ok(card.top >= 0 && card.bottom <= card.innerHeight, `${who}: the card (${Math.round(card.top)}–${Math.round(card.bottom)} px) is inside the first ${card.innerHeight} px`);
  assert.equal(card.lang, "nl", `${who}: the slip's language, on a phone set to English`);
}

test("publish → slips with the site's address → each QR code → the answer first on a phone, for every resident of the evening", { timeout: 12 * STEP }, async () => {
  execFileSync(BIN, ["--lang", "nl", "publish", EVENING, "--out", site, "--url", `${base}/`]);
  for (const f of ["index.html", "verify.html", "transcript.json", "commitment.json", "amendments.json"]) {
    assert.ok(existsSync(path.join(site, f)), `the published site has ${f}`);
  }
  const slips = path.join(work, "slips.html");
  execFileSync(BIN, ["--lang", "nl", "slips", "--commitment", path.join(EVENING, "public/commitment.json"), "--receipts", path.join(EVENING, spec.receipts), "--draw-date", "zaterdag 12 december 2026, 20.00 uur", "--page-url", `${base}/verify.html`, "--out", slips]);
  const addresses = await slipAddresses(slips);
  const receipts = readFileSync(path.join(EVENING, spec.receipts), "utf8").split("\n").filter((l) => l.trim()).length;
  assert.equal(addresses.size, receipts, "every slip's QR code read from the paper");
  for (const p of spec.people) {
    const address = addresses.get(p.id);
    assert.ok(address?.startsWith(`${base}/verify.html#`), `${p.who}: the QR code of ${p.id} leads to the site: ${address}`);
    const card = await open(address);
    assert.equal(card.outcome, p.outcome, `${p.who}: ${card.title} / ${card.answer}`);
    assert.ok(card.answer.includes(p.says), `${p.who}: the card says\n  ${card.answer}\nand potdraw check said\n  ${p.says}`);
    if (p.page_also) assert.ok(card.answer.includes(p.page_also), `${p.who}: ${card.answer}`);
    if (p.list.startsWith("reisgenoten")) assert.ok(!card.answer.includes("ontvangt de schenking"), `a companion never reads they won: ${card.answer}`);
    first(card, p.who);
  }
  // An id a phone typed in lower case, with the slip's code: a typing difference, never "not in the draw".
  const someone = spec.people[0];
  const lower = new URL(addresses.get(someone.id));
  const q = new URLSearchParams(lower.hash.slice(1));
  q.set("id", someone.id.toLowerCase());
  lower.hash = q.toString();
  const typed = await open(lower.href);
  assert.equal(typed.kind, "typing", typed.answer);
  assert.equal(typed.title, `Bedoelde u ${someone.id}?`);
  first(typed, "lower-case id");
  // The slip's id with another slip's code: the code is not of this ticket; never "not drawn".
  const other = spec.people[1];
  const wrong = new URL(addresses.get(someone.id));
  const w = new URLSearchParams(wrong.hash.slice(1));
  w.set("code", new URLSearchParams(new URL(addresses.get(other.id)).hash.slice(1)).get("code"));
  wrong.hash = w.toString();
  const card = await open(wrong.href);
  assert.notEqual(card.outcome, "not-drawn", card.answer);
  assert.notEqual(card.kind, "recipient", card.answer);
  first(card, "wrong code");
  assert.deepEqual(requests.filter((u) => !u.startsWith(`${base}/`)), [], "no request to another origin");
});
