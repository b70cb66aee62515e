// A v4 transcript (several lists, SPEC §17) in web/verify.html in Debian's
// headless Chromium: it verifies with the check `companions`, each list is
// shown in turn with the pairs by place for the travel companions, and the
// participant check gives the companion answer, in English and Dutch. The page
// makes no network request. The draw is fixtures/v4/two-lists with its receipts.
//
//   npm ci --prefix web
//   node --test web/browser/
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ROOT = path.resolve(WEB, "..");
const PAGE_URL = pathToFileURL(path.join(WEB, "verify.html")).href;
const ARTIFACTS = path.join(ROOT, "target/ci-artifacts");
const CHROMIUM = process.env.POTDRAW_CHROMIUM || "/usr/bin/chromium";
const STEP = 60_000;
const FIXTURE = path.join(ROOT, "fixtures/v4/two-lists");

/** fixtures/v4/two-lists (SPEC §17.12, made by the Rust fixgen) with its receipts. */
function v4Draw() {
  const transcriptBytes = readFileSync(path.join(FIXTURE, "transcript.json"));
  const receipts = readFileSync(path.join(FIXTURE, "receipts.jsonl"), "utf8").split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l));
  return { transcript: JSON.parse(transcriptBytes.toString("utf8")), transcriptBytes, receipts };
}

let chromium, ctx, page, work, draw;
const requests = [];
const problems = [];

before(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium or set POTDRAW_CHROMIUM`);
  ({ chromium } = await import("playwright-core"));
  mkdirSync(ARTIFACTS, { recursive: true });
  work = mkdtempSync(path.join(tmpdir(), "potdraw-lists-"));
  draw = v4Draw();
  ctx = await chromium.launchPersistentContext(path.join(work, "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    locale: "en-US",
    viewport: { width: 1280, height: 900 },
    offline: true,
    timeout: STEP,
  });
  ctx.setDefaultTimeout(STEP);
  ctx.on("request", (r) => requests.push(r.url()));
  await ctx.route(/.*/, (route) => (route.request().url() === PAGE_URL ? route.continue() : route.abort("blockedbyclient")));
  page = ctx.pages()[0] || (await ctx.newPage());
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  await page.goto(PAGE_URL, { waitUntil: "load" });
}, { timeout: 4 * STEP });

after(async () => {
  await ctx?.close();
  if (work) rmSync(work, { recursive: true, force: true });
}, { timeout: STEP });

const text = (sel) => page.locator(sel).innerText();
const answer = async () => (await text("#answer")).split(/\n\s*\n/)[0];

async function checkTicket(id, code) {
  await page.fill("#pid", id);
  await page.fill("#pcode", code);
  await page.evaluate(() => { const a = document.getElementById("answer"); a.textContent = ""; delete a.dataset.outcome; });
  await page.click('#pform button[type="submit"]');
  await page.waitForFunction(() => document.getElementById("answer").dataset.outcome);
  return { outcome: await page.getAttribute("#answer", "data-outcome"), sentence: await answer() };
}

test("a v4 transcript, chosen with the file input, verifies with the check companions", { timeout: STEP }, async () => {
  const file = path.join(work, "transcript.json");
  writeFileSync(file, draw.transcriptBytes);
  await page.setInputFiles("#file", file);
  await page.waitForSelector("#summary.ok, #summary.bad, #summary.warn");
  assert.match(await text("#summary"), /^The draw is correct: all checks passed\./);
  const st = await page.$$eval("#checks li", (lis) => lis.map((li) => [li.dataset.check, li.dataset.status]));
  assert.deepEqual(st, ["format", "commitment-digest", "canonical-order", "counts", "pot", "companions", "seed-commitment", "entropy-plan", "beacon", "draw-replay", "result"].map((c) => [c, "passed"]));
  assert.match(await text("#method"), /potdraw v4/);
});

test("each list is shown in turn, and the travel companions' pairs by place, in English and Dutch", { timeout: STEP }, async () => {
  const T = draw.transcript;
  const lists = await page.$$eval("#lists section.list", (xs) => xs.map((x) => ({ name: x.dataset.list, rule: x.dataset.rule, h3: x.querySelector("h3").innerText, places: [...x.querySelectorAll("ol.pairs li")].map((li) => li.innerText), tickets: [...x.querySelectorAll("ol.digest li")].map((li) => li.innerText) })));
  assert.deepEqual(lists.map((L) => L.name), T.commitment.lists.map((L) => L.name));
  for (let i = 0; i < lists.length; i++) {
    const L = T.commitment.lists[i];
    assert.equal(lists[i].h3, `List ${i + 1}: ${L.name}`);
    assert.equal(lists[i].rule, L.rule);
    assert.deepEqual(lists[i].tickets, T.lists[i].result.map((x) => x.leaf));
    assert.deepEqual(lists[i].places, L.rule === "companions" ? Array.from({ length: L.recipients }, (_, j) => `place ${j + 1}: recipient #${j + 1} ↔ travel companion #${j + 1}`) : []);
  }
  const comp = T.commitment.lists.findIndex((L) => L.rule === "companions");
  await page.click("#lang-nl");
  try {
    assert.equal(await page.locator(`#lists section.list[data-list="${T.commitment.lists[comp].name}"] ol.pairs li`).first().innerText(), "plaats 1: ontvanger #1 ↔ reisgenoot #1");
    assert.equal(await page.locator("#lists section.list h3").first().innerText(), `Lijst 1: ${T.commitment.lists[0].name}`);
    await page.screenshot({ path: path.join(ARTIFACTS, "verify-page-lists-nl.png"), fullPage: true });
  } finally {
    await page.click("#lang-en");
  }
});

test("the participant check gives the companion answer of place 3, in English and Dutch", { timeout: STEP }, async () => {
  const T = draw.transcript;
  const ci = T.commitment.lists.findIndex((L) => L.rule === "companions");
  const C = T.commitment.lists[ci];
  const leaf = T.lists[ci].result[2].leaf;
  const rc = draw.receipts.find((r) => r.leaf === leaf);
  assert.ok(rc, "the receipt of the companion of place 3");
  const en = await checkTicket(rc.id, rc.code);
  assert.equal(en.outcome, "recipient");
  assert.equal(en.sentence, `Your ticket was in the draw of list ${C.name} (weight ${rc.weight}). You were drawn as travel companion number 3: you travel with place 3 of list ${C.companions_of}. A travel companion receives no grant.`);
  await page.click("#lang-nl");
  try {
    assert.equal(await answer(), `Uw lot zat in de trekking van lijst ${C.name} (gewicht ${rc.weight}). U bent getrokken als reisgenoot nummer 3: u reist mee met plaats 3 van lijst ${C.companions_of}. Een reisgenoot krijgt geen schenking.`);
  } finally {
    await page.click("#lang-en");
  }
  // a recipient of the list it travels with is nobody's companion
  const xi = T.commitment.lists.findIndex((L) => L.name === C.companions_of);
  const rx = draw.receipts.find((r) => r.leaf === T.lists[xi].result[0].leaf);
  const x = await checkTicket(rx.id, rx.code);
  assert.equal(x.sentence, `Your ticket was in the draw of list ${C.companions_of} (weight ${rx.weight}). You were drawn as recipient number 1.`);
});

test("on a phone (390×844, in Dutch) the lists fit the screen", { timeout: STEP }, async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.click("#lang-nl");
  try {
    await page.screenshot({ path: path.join(ARTIFACTS, "verify-page-lists-phone.png"), fullPage: true });
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
    assert.ok(scrollWidth <= innerWidth, `the page is ${scrollWidth}px wide on a ${innerWidth}px screen`);
  } finally {
    await page.click("#lang-en");
    await page.setViewportSize({ width: 1280, height: 900 });
  }
});

test("the page made no network request and logged no error", { timeout: STEP }, async () => {
  assert.deepEqual(requests, [PAGE_URL]);
  assert.deepEqual(problems, []);
});
