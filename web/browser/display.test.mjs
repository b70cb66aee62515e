// A v5 transcript (list display names, SPEC §19) in web/verify.html in
// Debian's headless Chromium, on a phone (390×844): the resident opens the
// page from the slip's QR code (#id=…&code=…&lang=nl), chooses the draw's
// file, and reads an answer card that calls every list by its display name
// ("Reisgenoten Noord", "Noord"), never by its bare name
// ("reisgenoten-noord"), in Dutch and in English; the lists of the draw are
// headed by their display names too. axe-core finds no critical or serious
// violation, the page fits the screen, makes no network request and logs no
// error. The draw is fixtures/v5/two-neighbourhoods with its receipts.
//
//   npm ci --prefix web
//   node --test web/browser/display.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ROOT = path.resolve(WEB, "..");
const PAGE_URL = pathToFileURL(path.join(WEB, "verify.html")).href;
const ARTIFACTS = path.join(ROOT, "target/ci-artifacts");
const CHROMIUM = process.env.POTDRAW_CHROMIUM || "/usr/bin/chromium";
const STEP = 60_000;
const FIXTURE = path.join(ROOT, "fixtures/v5/two-neighbourhoods");
const PHONE = { width: 390, height: 844 };
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const transcript = JSON.parse(readFileSync(path.join(FIXTURE, "transcript.json"), "utf8"));
const receipts = readFileSync(path.join(FIXTURE, "receipts.jsonl"), "utf8").split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l));
/** The receipt of the ticket at `role` `rank` of list `name`, from the transcript and the receipts alone. */
const receiptAt = (name, role, rank) => {
  const e = transcript.lists.find((L) => L.name === name).result.find((x) => x.role === role && x.rank === rank);
  return receipts.find((r) => r.leaf === e.leaf);
};
const NAMES = transcript.commitment.lists.map((L) => L.name);

let chromium, ctx, page, work;
const requests = [];
const problems = [];

before(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium or set POTDRAW_CHROMIUM`);
  ({ chromium } = await import("playwright-core"));
  mkdirSync(ARTIFACTS, { recursive: true });
  work = mkdtempSync(path.join(tmpdir(), "potdraw-display-"));
  ctx = await chromium.launchPersistentContext(path.join(work, "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    locale: "nl-NL",
    viewport: PHONE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    offline: true,
    timeout: STEP,
  });
  ctx.setDefaultTimeout(STEP);
  ctx.on("request", (r) => requests.push(r.url().split("#")[0]));
  await ctx.route(/.*/, (route) => (route.request().url().split("#")[0] === PAGE_URL ? route.continue() : route.abort("blockedbyclient")));
  page = ctx.pages()[0] || (await ctx.newPage());
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
}, { timeout: 4 * STEP });

after(async () => {
  await ctx?.close();
  if (work) rmSync(work, { recursive: true, force: true });
}, { timeout: STEP });

const text = (sel) => page.locator(sel).innerText();
const answer = async () => (await text("#answer")).split(/\n\s*\n/)[0];

/** axe-core on the page as it is: no critical or serious violation. */
async function axe(state) {
  await page.evaluate(AXE);
  const found = await page.evaluate(async () => (await globalThis.axe.run(document, { resultTypes: ["violations"] })).violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 3) })));
  const bad = found.filter((v) => v.impact === "critical" || v.impact === "serious");
  assert.deepEqual(bad, [], `${state}: axe-core violations ${JSON.stringify(bad, null, 1)}`);
}

/** No list is named to the resident by its bare name (§19.3): "lijst reisgenoten-noord", "list noord". */
function noBareNames(s) {
  for (const name of NAMES) assert.doesNotMatch(s, new RegExp(`\\b(list|lijst) ${name}(?![\\w-])`), s);
  assert.ok(!s.includes("reisgenoten-noord"), s);
}

async function submit() {
  await page.evaluate(() => { const a = document.getElementById("answer"); a.textContent = ""; delete a.dataset.outcome; });
  await page.click('#pform button[type="submit"]');
  await page.waitForFunction(() => document.getElementById("answer").dataset.outcome);
}

test("on a phone, from the slip's link: the travel companion's card calls both lists by their display names, in Dutch and English", { timeout: 3 * STEP }, async () => {
  const rc = receiptAt("reisgenoten-noord", "recipient", 1);
  assert.equal(rc.list, "reisgenoten-noord");
  await page.goto(`${PAGE_URL}#id=${encodeURIComponent(rc.id)}&code=${encodeURIComponent(rc.code)}&lang=nl`, { waitUntil: "load" });
  assert.equal(await page.inputValue("#pid"), rc.id);
  await page.setInputFiles("#file", path.join(FIXTURE, "transcript.json"));
  await page.waitForSelector("#summary.ok, #summary.bad, #summary.warn");
  assert.match(await text("#summary"), /^De loting klopt: alle controles geslaagd\./);
  assert.match(await text("#method"), /potdraw v5/);
  await submit();
  assert.equal(await page.getAttribute("#card", "data-kind"), "companion");
  assert.equal(await answer(), "Uw lot zat in de trekking van lijst Reisgenoten Noord (gewicht 1). U bent getrokken als reisgenoot nummer 1: u reist mee met plaats 1 van lijst Noord. Een reisgenoot krijgt geen schenking.");
  const card = await text("#card");
  assert.match(card, /Reisgenoten Noord/);
  noBareNames(card);
  await page.screenshot({ path: path.join(ARTIFACTS, "verify-page-display-phone-nl.png") });
  await axe("v5 companion card, Dutch, phone");

  await page.click("#lang-en");
  await page.waitForFunction(() => /^Your ticket/.test(document.getElementById("answer").textContent));
  assert.equal(await answer(), "Your ticket was in the draw of list Reisgenoten Noord (weight 1). You were drawn as travel companion number 1: you travel with place 1 of list Noord. A travel companion receives no grant.");
  noBareNames(await text("#card"));
  await axe("v5 companion card, English, phone");
  await page.click("#lang-nl");
});

test("a reserve of a companions list, a recipient of Zuid – Rivierenwijk: display names on the card", { timeout: STEP }, async () => {
  const rs = receiptAt("reisgenoten-zuid", "reserve", 1);
  await page.fill("#pid", rs.id);
  await page.fill("#pcode", rs.code);
  await submit();
  assert.match(await answer(), /^Uw lot zat in de trekking van lijst Reisgenoten Zuid \(gewicht \d+\)\. U bent getrokken als reserve nummer 1 van de reisgenoten van lijst Zuid – Rivierenwijk\. Een reisgenoot krijgt geen schenking\.$/);
  noBareNames(await text("#card"));
  const rz = receiptAt("zuid", "recipient", 1);
  await page.fill("#pid", rz.id);
  await page.fill("#pcode", rz.code);
  await submit();
  assert.equal(await answer(), `Uw lot zat in de trekking van lijst Zuid – Rivierenwijk (gewicht ${rz.weight}). U bent getrokken als ontvanger nummer 1.`);
  await axe("v5 recipient card, Dutch, phone");
});

test("the lists of the draw are headed by their display names, and fit the phone's screen", { timeout: STEP }, async () => {
  const lists = await page.$$eval("#lists section.list", (xs) => xs.map((x) => ({ name: x.dataset.list, h3: x.querySelector("h3").innerText, rule: x.querySelector("p.rule").innerText })));
  assert.deepEqual(lists.map((L) => L.name), NAMES);
  assert.deepEqual(lists.map((L) => L.h3), ["Lijst 1: Noord", "Lijst 2: Zuid – Rivierenwijk", "Lijst 3: Reisgenoten Noord", "Lijst 4: Reisgenoten Zuid"]);
  assert.match(lists[2].rule, /^Regel: de reisgenoten van lijst Noord,/);
  noBareNames(await text("#results"));
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  assert.ok(scrollWidth <= innerWidth, `the page is ${scrollWidth}px wide on a ${innerWidth}px screen`);
  await page.screenshot({ path: path.join(ARTIFACTS, "verify-page-display-lists-phone.png"), fullPage: true });
  await axe("v5 draw with its lists, Dutch, phone");
});

test("the page made no network request and logged no error", { timeout: STEP }, async () => {
  assert.deepEqual([...new Set(requests)], [PAGE_URL]);
  assert.deepEqual(problems, []);
});
