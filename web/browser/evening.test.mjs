// The page part of the evening (issue 27): the folder the Dutch evening
// published (crates/cli/tests/evening.rs leaves it in target/evening/, with
// page.json naming who checks and what they must read) is opened as a
// resident opens it: its verify.html (written by `potdraw --lang nl web`)
// in Debian's headless Chromium on a phone set to English, the transcript
// and the record of substitutions chosen with the file inputs. The page
// must answer in Dutch, for a recipient, a travel companion, the reserve
// who moved up, the reserve passed over, the person who declined and the
// companion whose place came back by the undo, with the role and place
// `potdraw check` gave them. The page makes no network request.
//
// This test never skips: CI runs `cargo test` (which runs the evening)
// before this step, and a missing or stale folder is a failure that says
// how to make it (`cargo test -p potdraw-cli --test evening`).
//
//   npm ci --prefix web
//   node --test web/browser/
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ROOT = path.resolve(WEB, "..");
const TARGET = path.resolve(ROOT, process.env.CARGO_TARGET_DIR || "target");
const EVENING = path.join(TARGET, "evening");
const ARTIFACTS = path.join(ROOT, "target/ci-artifacts");
const CHROMIUM = process.env.POTDRAW_CHROMIUM || "/usr/bin/chromium";
const STEP = 60_000;
const MAKE_IT = "run the evening first: cargo test -p potdraw-cli --test evening";

/** target/evening/page.json and the published page, checked to be this checkout's page. */
function evening() {
  const file = path.join(EVENING, "page.json");
  if (!existsSync(file)) throw new Error(`${file} is missing: ${MAKE_IT}`);
  const spec = JSON.parse(readFileSync(file, "utf8"));
  const published = readFileSync(path.join(EVENING, spec.page), "utf8");
  // `potdraw --lang nl web` writes the committed page with its language
  // after the page's marker; anything else is another page than this checkout's.
  const committed = readFileSync(path.join(WEB, "verify.html"), "utf8");
  const meta = '\n<meta name="potdraw-lang" content="nl">';
  assert.ok(published.includes(meta), "the published page says its language is Dutch");
  if (published.replace(meta, "") !== committed) throw new Error(`${spec.page} in ${EVENING} is not the page of this checkout (web/verify.html): ${MAKE_IT}`);
  return spec;
}

let chromium, ctx, page, work, spec, pageUrl;
const requests = [];
const problems = [];

before(async () => {
  spec = evening();
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium or set POTDRAW_CHROMIUM`);
  ({ chromium } = await import("playwright-core"));
  mkdirSync(ARTIFACTS, { recursive: true });
  work = mkdtempSync(path.join(tmpdir(), "potdraw-evening-"));
  pageUrl = pathToFileURL(path.join(EVENING, spec.page)).href;
  ctx = await chromium.launchPersistentContext(path.join(work, "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    // A phone set to English: the published page must still speak Dutch.
    locale: "en-US",
    viewport: { width: 390, height: 844 },
    offline: true,
    timeout: STEP,
  });
  ctx.setDefaultTimeout(STEP);
  ctx.on("request", (r) => requests.push(r.url()));
  await ctx.route(/.*/, (route) => (route.request().url() === pageUrl ? route.continue() : route.abort("blockedbyclient")));
  page = ctx.pages()[0] || (await ctx.newPage());
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  await page.goto(pageUrl, { waitUntil: "load" });
}, { timeout: 4 * STEP });

after(async () => {
  await ctx?.close();
  if (work) rmSync(work, { recursive: true, force: true });
}, { timeout: STEP });

const text = (sel) => page.locator(sel).innerText();

async function checkTicket(id, code) {
  await page.fill("#pid", id);
  await page.fill("#pcode", code);
  await page.evaluate(() => { const a = document.getElementById("answer"); a.textContent = ""; delete a.dataset.outcome; });
  await page.click('#pform button[type="submit"]');
  await page.waitForFunction(() => document.getElementById("answer").dataset.outcome);
  return { outcome: await page.getAttribute("#answer", "data-outcome"), answer: await text("#answer") };
}

test("the published page verifies the evening's transcript and its substitutions, in Dutch", { timeout: 2 * STEP }, async () => {
  assert.equal(await page.getAttribute("html", "lang"), "nl", "the page speaks the language potdraw web wrote into it");
  await page.setInputFiles("#file", path.join(EVENING, spec.transcript));
  await page.waitForSelector("#summary.ok, #summary.bad, #summary.warn");
  assert.match(await text("#summary"), /^De loting klopt: alle controles geslaagd\./);
  await page.setInputFiles("#amendfile", path.join(EVENING, spec.amendments));
  await page.waitForSelector("#amend-summary");
  assert.match(await page.getAttribute("#amend-summary", "class"), /\bok\b/, await text("#amendments"));
  const lists = await page.$$eval("#lists section.list", (xs) => xs.map((x) => x.dataset.list));
  assert.deepEqual(lists, ["noord", "zuid", "reisgenoten-noord", "reisgenoten-zuid"]);
  // Each list under the name the volunteer typed (SPEC §19), not the document's name.
  const headings = await page.$$eval("#lists section.list h3", (xs) => xs.map((x) => x.innerText));
  assert.deepEqual(headings, ["Lijst 1: Noord", "Lijst 2: Zuid", "Lijst 3: Reisgenoten Noord", "Lijst 4: Reisgenoten Zuid"]);
});

test("every resident of the evening reads their role and place in Dutch, as potdraw check said it", { timeout: 4 * STEP }, async () => {
  assert.ok(spec.people.length >= 4, "a recipient, a companion, a reserve who moved up and one passed over");
  for (const p of spec.people) {
    const { outcome, answer } = await checkTicket(p.id, p.code);
    const first = answer.split(/\n\s*\n/)[0];
    assert.equal(outcome, p.outcome, `${p.who}: ${answer}`);
    assert.ok(first.startsWith(`Uw lot zat in de trekking van lijst ${p.list_shown} (gewicht ${p.weight}). `), `${p.who}: ${first}`);
    assert.ok(!first.includes(`lijst ${p.list} `), `${p.who}: the bare name: ${first}`);
    assert.ok(first.includes(p.says), `${p.who}: the page says\n  ${first}\nand potdraw check said\n  ${p.says}`);
    if (p.page_also) assert.ok(first.includes(p.page_also), `${p.who}: ${first}`);
    if (p.list.startsWith("reisgenoten")) {
      assert.ok(first.includes("Een reisgenoot krijgt geen schenking."), `${p.who}: ${first}`);
      assert.ok(!first.includes("ontvangt de schenking"), `a companion never reads they won: ${first}`);
    }
    // Not one English word: the words of the evening that would show one.
    const english = first.match(/\b(you|your|the|list|place|travel|companion|grant|recipient|reserve number|drawn|moved|passed)\b/gi);
    assert.equal(english, null, `${p.who}: English on the Dutch page: ${first}`);
  }
  await page.screenshot({ path: path.join(ARTIFACTS, "verify-page-evening-nl.png"), fullPage: true });
});

test("the page of the evening made no network request and logged no error", { timeout: STEP }, async () => {
  assert.deepEqual(requests, [pageUrl]);
  assert.deepEqual(problems, []);
});
