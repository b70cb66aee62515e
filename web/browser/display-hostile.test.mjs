// Hostile but well-formed display names (SPEC §19.2) are shown as text, never
// run or parsed as markup: a v5 draw made by the release CLI with five lists
// whose display names are `<img src=x onerror=alert(1)>`, `"&lt;b&gt;`, an
// Arabic name, a 64-character word and `</script><script>alert(2)</script>`,
// opened in Debian's headless Chromium: web/verify.html (the offline page,
// with a resident's card for each list), and the Rust outputs `potdraw
// report`, `potdraw publish` (index.html) and `potdraw slips` (HTML). In each:
// no dialog opens, no <img> and no script other than the page's own, and each
// display name is read back as exactly its text. The offline page fits a phone
// with the 64-character word.
//
//   cargo build --release -p potdraw-cli; npm ci --prefix web
//   node --test web/browser/display-hostile.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ROOT = path.resolve(WEB, "..");
const BIN = path.join(ROOT, "target/release/potdraw");
const PAGE_URL = pathToFileURL(path.join(WEB, "verify.html")).href;
const ARTIFACTS = path.join(ROOT, "target/ci-artifacts");
const CHROMIUM = process.env.POTDRAW_CHROMIUM || "/usr/bin/chromium";
const STEP = 60_000;
const PHONE = { width: 390, height: 844 };

const DISPLAYS = {
  a: "<img src=x onerror=alert(1)>",
  b: '"&lt;b&gt;',
  c: "الحي الشمالي",
  d: "Reisgenotenvanhetnoordelijkdeelvandestadendeomliggendedorpenxyzw",
  e: "</script><script>alert(2)</script>",
};
const NAMES = Object.keys(DISPLAYS);
// A right-to-left name is isolated from the sentence around it (U+2068 … U+2069), so a number beside it keeps its side.
const iso = (d) => (/[\u0590-\u08FF]/.test(d) ? `\u2068${d}\u2069` : d);

let chromium, ctx, page, work, draw, receipts;
const dialogs = [];
const problems = [];
const potdraw = (args, cwd) => execFileSync(BIN, [...args, "--lang", "en"], { cwd, encoding: "utf8" });

before(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium or set POTDRAW_CHROMIUM`);
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run cargo build --release -p potdraw-cli first`);
  ({ chromium } = await import("playwright-core"));
  mkdirSync(ARTIFACTS, { recursive: true });
  work = mkdtempSync(path.join(tmpdir(), "potdraw-hostile-"));
  draw = path.join(work, "draw");
  const args = [];
  for (const n of NAMES) {
    writeFileSync(path.join(work, `${n}.csv`), ["id,naam", ...Array.from({ length: 6 }, (_, i) => `${n.toUpperCase()}-${i + 1},Persoon ${n}${i + 1}`)].join("\n") + "\n");
    args.push("--list", `${n}=${n}.csv`, "--list-display", `${n}=${DISPLAYS[n]}`, "--list-recipients", `${n}=2`);
  }
  potdraw(["commit", ...args, "--entropy", "numbers:lotto:3", "--title", "Buurtpot <b>Oost</b>", "--out", draw], work);
  potdraw(["draw", "--commitment", "draw/public/commitment.json", "--seed", "draw/private/seed", "--entropy", "lotto=1 2 3", "--out", "draw/public/transcript.json"], work);
  potdraw(["report", "draw/public/transcript.json", "--out", "report.html"], work);
  potdraw(["publish", "draw", "--out", "site"], work);
  potdraw(["slips", "--commitment", "draw/public/commitment.json", "--receipts", "draw/private/receipts.jsonl", "--draw-date", "5 December 2026", "--out", "slips.html"], work);
  receipts = readFileSync(path.join(draw, "private/receipts.jsonl"), "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));

  ctx = await chromium.launchPersistentContext(path.join(work, "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    locale: "en-GB",
    viewport: PHONE,
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
    offline: true,
    timeout: STEP,
  });
  ctx.setDefaultTimeout(STEP);
  // file:// only: an injected <img src=x> would ask for file://…/x, which is let through and counted below
  await ctx.route(/.*/, (route) => (route.request().url().startsWith("file://") ? route.continue() : route.abort("blockedbyclient")));
  page = ctx.pages()[0] || (await ctx.newPage());
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
}, { timeout: 4 * STEP });

after(async () => {
  await ctx?.close();
  if (work) rmSync(work, { recursive: true, force: true });
}, { timeout: STEP });

/** Nothing injected: no dialog, no <img>, no script but the page's own `own` scripts, no element whose name comes from a display name. */
async function nothingInjected(what, own) {
  await page.waitForTimeout(200);
  assert.deepEqual(dialogs, [], `${what}: a dialog opened`);
  const found = await page.evaluate(() => ({ imgs: document.querySelectorAll("img[src='x'], img[onerror]").length, scripts: document.scripts.length, b: [...document.querySelectorAll("b")].map((x) => x.outerHTML) }));
  assert.equal(found.imgs, 0, `${what}: an injected <img>`);
  assert.equal(found.scripts, own, `${what}: scripts`);
  assert.deepEqual(found.b, [], `${what}: an injected <b>`);
}

/** The text of the page holds every display name exactly as it is. */
async function showsEveryDisplay(what) {
  const body = await page.evaluate(() => document.body.innerText);
  for (const d of Object.values(DISPLAYS)) assert.ok(body.includes(d), `${what}: ${d} is not shown as text`);
}

test("the offline page shows hostile display names as text, in the lists and on each resident's card", { timeout: 3 * STEP }, async () => {
  await page.goto(PAGE_URL, { waitUntil: "load" });
  const own = await page.evaluate(() => document.scripts.length);
  await page.setInputFiles("#file", path.join(draw, "public/transcript.json"));
  await page.waitForSelector("#summary.ok, #summary.bad, #summary.warn");
  assert.match(await page.locator("#summary").innerText(), /all checks passed/i);
  const heads = await page.$$eval("#lists section.list h3", (xs) => xs.map((x) => x.textContent));
  assert.deepEqual(heads, NAMES.map((n, i) => `List ${i + 1}: ${iso(DISPLAYS[n])}`));
  await showsEveryDisplay("offline page");
  await nothingInjected("offline page", own);
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  assert.ok(scrollWidth <= innerWidth, `the page is ${scrollWidth}px wide on a ${innerWidth}px screen`);
  await page.screenshot({ path: path.join(ARTIFACTS, "verify-page-hostile-displays.png"), fullPage: true });
  for (const n of NAMES) {
    const rc = receipts.find((r) => r.list === n);
    await page.fill("#pid", rc.id);
    await page.fill("#pcode", rc.code);
    await page.evaluate(() => {
      const a = document.getElementById("answer");
      a.textContent = "";
      delete a.dataset.outcome;
    });
    await page.click('#pform button[type="submit"]');
    await page.waitForFunction(() => document.getElementById("answer").dataset.outcome);
    const card = await page.locator("#card").innerText();
    assert.ok(card.includes(`list ${iso(DISPLAYS[n])}`), `card for list ${n}: ${card}`);
    await nothingInjected(`card of list ${n}`, own);
  }
  assert.deepEqual(problems, []);
});

for (const [what, file] of [["potdraw report", "report.html"], ["potdraw publish: index.html", "site/index.html"], ["potdraw slips", "slips.html"]]) {
  test(`${what} escapes hostile display names: text only, nothing run`, { timeout: STEP }, async () => {
    const html = readFileSync(path.join(work, file), "utf8");
    assert.ok(!html.includes("<img src=x") && !html.includes("<script>alert") && !html.includes("</script><script>"), `${file} holds a display name unescaped`);
    assert.ok(html.includes(iso(DISPLAYS.c)), `${file}: the right-to-left name is isolated from the sentence around it`);
    await page.setViewportSize({ width: 1024, height: 1400 });
    await page.goto(pathToFileURL(path.join(work, file)).href, { waitUntil: "load" });
    const own = (html.match(/<script\b/g) || []).length;
    await showsEveryDisplay(what);
    await nothingInjected(what, own);
    await page.screenshot({ path: path.join(ARTIFACTS, `hostile-displays-${path.basename(path.dirname(file)) === "." ? "" : "site-"}${path.basename(file, ".html")}.png`), fullPage: true });
    assert.deepEqual(problems, []);
    await page.setViewportSize(PHONE);
  });
}
