// web/verify.html in a real browser: Debian's headless Chromium driven by
// playwright-core (no browser download). The page is opened from disk
// (file://), a transcript is loaded through the file input, a receipt is
// entered, the language is switched, a mistyped code and a forged transcript
// are tried, and what the page shows is asserted. The page must make no
// network request at all. Screenshots (desktop and phone) are written to
// target/ci-artifacts/ for CI to keep.
//
//   npm ci --prefix web            # once: playwright-core, pinned in web/package-lock.json
//   node --test web/browser/
//
// The browser is /usr/bin/chromium (Debian: apt-get install chromium), or
// the one named by POTDRAW_CHROMIUM.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ROOT = path.resolve(WEB, "..");
const PAGE = path.join(WEB, "verify.html");
const PAGE_URL = pathToFileURL(PAGE).href;
const EXAMPLE = path.join(ROOT, "fixtures/example/transcript.json");
const FORGED_VECTOR = path.join(ROOT, "fixtures/v1/transcripts/result-leaf-changed.txt");
const ARTIFACTS = path.join(ROOT, "target/ci-artifacts");
const CHROMIUM = process.env.POTDRAW_CHROMIUM || "/usr/bin/chromium";
const STEP = 60_000; // per test and per browser action

const ID = "ZUID-019";
const CODE = "0S29-WB00-VX9Z-CFX7-V28C-YDS4-RCHR";
const MISTYPED = CODE.slice(0, -1) + "S"; // last character changed
const COMMITMENT_DIGEST = "23010bc132357ae781d8bff7991eae0360bbfcb81630f301802493309ee70749";
// Without a published commitment the page runs every check but that one.
const CHECKS = ["format", "commitment-digest", "canonical-order", "counts", "pot", "seed-commitment", "entropy-plan", "draw-replay", "result"];

let chromium;
let context;
let page;
let userDataDir;
const requests = []; // every request the browser made, by URL
const problems = []; // console errors, page errors, CSP violations

before(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium) or set POTDRAW_CHROMIUM`);
  }
  try {
    ({ chromium } = await import("playwright-core"));
  } catch (e) {
    throw new Error(`playwright-core is not installed: run npm ci --prefix web (${e.message})`);
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  userDataDir = mkdtempSync(path.join(tmpdir(), "potdraw-chromium-"));
  context = await launch(userDataDir, "en-US");
  context.on("request", (r) => requests.push(r.url()));
  // Anything that is not the page itself is refused (and recorded above).
  await context.route(/.*/, (route) => (route.request().url() === PAGE_URL ? route.continue() : route.abort("blockedbyclient")));
  page = context.pages()[0] || (await context.newPage());
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  await page.goto(PAGE_URL, { waitUntil: "load" });
}, { timeout: STEP });

after(async () => {
  await context?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
}, { timeout: STEP });

// A fresh browser with its own temporary profile; offline, so nothing could load anyway.
async function launch(dir, locale) {
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    locale,
    viewport: { width: 1280, height: 900 },
    offline: true,
    timeout: STEP,
  });
  ctx.setDefaultTimeout(STEP);
  return ctx;
}

const text = (sel) => page.locator(sel).innerText();
// The answer itself; the notes of SPEC §9.3/§9.8/§12.9 follow as their own paragraphs.
const answer = async () => (await text("#answer")).split(/\n\s*\n/)[0];

async function shot(name) {
  const file = path.join(ARTIFACTS, name);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`screenshot: ${path.relative(ROOT, file)}`);
}

async function checkTicket(id, code) {
  await page.fill("#pid", id);
  await page.fill("#pcode", code);
  await page.evaluate(() => { const a = document.getElementById("answer"); a.textContent = ""; delete a.dataset.outcome; });
  await page.click('#pform button[type="submit"]');
  await page.waitForFunction(() => document.getElementById("answer").dataset.outcome);
  return { outcome: await page.getAttribute("#answer", "data-outcome"), sentence: await answer() };
}

async function statuses() {
  return page.$$eval("#checks li", (lis) => lis.map((li) => [li.dataset.check, li.dataset.status]));
}

test("the page opens from disk, in English for an English browser, and asks for a transcript", { timeout: STEP }, async () => {
  assert.equal(await page.title(), "potdraw verify");
  assert.equal(await text("h1"), "Check the draw");
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.equal(await page.getAttribute("#lang-en", "aria-pressed"), "true");
  assert.equal(await page.isHidden("#results"), true);
  assert.equal(await page.isHidden("#participant"), true);
});

test("the example transcript, chosen with the file input, verifies: every check passed", { timeout: STEP }, async () => {
  await page.setInputFiles("#file", EXAMPLE);
  await page.waitForSelector("#summary.ok, #summary.bad, #summary.warn");
  const summary = await text("#summary");
  assert.match(summary, /^The draw is correct: all checks passed\./, summary);
  assert.equal(await page.getAttribute("#summary", "class"), "summary ok");
  assert.deepEqual(await statuses(), CHECKS.map((c) => [c, "passed"]));
  for (const st of await page.$$eval("#checks li .st", (xs) => xs.map((x) => x.textContent))) assert.equal(st, "✓ ok");
  assert.equal(await text("#commitment-digest"), COMMITMENT_DIGEST);
  assert.equal(await page.isVisible("#participant"), true);
  // opened from disk too, the check ran in a Web Worker made from the page's own script (issue 29)
  assert.equal(await page.getAttribute("html", "data-engine"), "worker");
});

test("the receipt of ZUID-019 says: recipient number 2, in English and in Dutch", { timeout: STEP }, async () => {
  const en = await checkTicket(ID, CODE);
  assert.equal(en.outcome, "recipient");
  assert.equal(en.sentence, "Your ticket was in the draw (weight 1). You were drawn as recipient number 2.");
  await shot("verify-page-desktop.png");
  try {
    await page.click("#lang-nl");
    assert.equal(await page.getAttribute("html", "lang"), "nl");
    assert.equal(await text("h1"), "Controleer de loting");
    assert.match(await text("#summary"), /^De loting klopt: alle controles geslaagd\./);
    for (const st of await page.$$eval("#checks li .st", (xs) => xs.map((x) => x.textContent))) assert.equal(st, "✓ goed");
    assert.equal(await answer(), "Uw lot zat in de trekking (gewicht 1). U bent getrokken als ontvanger nummer 2.");
  } finally {
    await page.click("#lang-en");
  }
  assert.equal(await answer(), en.sentence);
});

test("each check's line is in the reader's language, amounts as money", { timeout: STEP }, async () => {
  const pot = () => page.locator('#checks li[data-check="pot"] .detail').innerText();
  assert.equal(await pot(), "5 grants of € 12,000.00 from a pot of € 65,000.00; € 5,000.00 is left over");
  try {
    await page.click("#lang-nl");
    assert.equal(await pot(), "5 schenkingen van € 12.000,00 uit een pot van € 65.000,00; er blijft € 5.000,00 over");
    const lines = await page.$$eval("#checks li .detail", (xs) => xs.map((x) => x.textContent).join("\n"));
    assert.match(lines, /^24 loten, totaal gewicht 29, 5 ontvangers en 3 reserves$/m);
    assert.match(lines, /^5 ontvangers en 3 reserves kloppen met de lijst$/m);
    assert.doesNotMatch(lines, /\b(grants|cents|surplus|entries|leaf|recipients|replayed|with)\b/);
  } finally {
    await page.click("#lang-en");
  }
});

// SPEC §8.4: the code belongs to this draw (its check characters show it), so
// an id that matches no ticket is a typing difference, never "not in the draw".
test("ZUID-019's code with the id typed in lower case or with spaces: 'Did you mean ZUID-019?' and the full answer, in English and Dutch", { timeout: STEP }, async () => {
  for (const typed of ["zuid-019", " ZUID - 019 "]) {
    const en = await checkTicket(typed, CODE);
    assert.equal(en.outcome, "id-mismatch", typed);
    assert.equal(await page.getAttribute("#answer", "data-suggestion"), ID);
    assert.deepEqual(en.sentence.split("\n"), [
      `The code is valid for this draw, but it does not match the id as you typed it: ${JSON.stringify(typed.trim())}. Type the id exactly as it is on your slip, with the same capital and small letters, spaces and hyphens.`,
      "Did you mean ZUID-019?",
      "Your ticket was in the draw (weight 1). You were drawn as recipient number 2.",
    ]);
    assert.doesNotMatch(en.sentence, /NOT in the draw/);
    try {
      await page.click("#lang-nl");
      assert.deepEqual((await answer()).split("\n"), [
        `De controlecode hoort bij deze loting, maar past niet bij het id zoals u het typte: ${JSON.stringify(typed.trim())}. Typ het id precies zoals het op uw bewijsje staat, met dezelfde hoofdletters en kleine letters, spaties en streepjes.`,
        "Bedoelde u ZUID-019?",
        "Uw lot zat in de trekking (gewicht 1). U bent getrokken als ontvanger nummer 2.",
      ]);
    } finally {
      await page.click("#lang-en");
    }
  }
  await shot("verify-page-did-you-mean.png");
});

test("a code of this draw with an id no variant matches: no suggestion, and still not 'not in the draw'", { timeout: STEP }, async () => {
  const none = await checkTicket("ZUID-099", CODE);
  assert.equal(none.outcome, "id-mismatch");
  assert.equal(await page.getAttribute("#answer", "data-suggestion"), "");
  assert.match(none.sentence, /^The code is valid for this draw, but it does not match the id as you typed it: "ZUID-099"\./);
  assert.match(none.sentence, /\nWritten with other capital or small letters, spaces or hyphens, the id matches no ticket either\./);
  assert.doesNotMatch(none.sentence, /Did you mean|NOT in the draw/);
  // A code of another draw (the RFC 3797 example's ZUID-019) is still a code error.
  const other = readFileSync(path.join(ROOT, "fixtures/rfc3797/example/receipts.jsonl"), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l)).find((r) => r.id === ID);
  const typo = await checkTicket("zuid-019", other.code);
  assert.equal(typo.outcome, "code-error");
  assert.equal(typo.sentence, "The code does not match this draw: it was mistyped, or it belongs to another draw. Please check your code.");
  // The tests below start from ZUID-019's own answer.
  assert.equal((await checkTicket(ID, CODE)).outcome, "recipient");
});

test("on a phone (390×844, in Dutch) the page fits the screen and stays readable", { timeout: STEP }, async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.click("#lang-nl");
  try {
    await shot("verify-page-phone.png"); // first, so CI keeps it even when an assertion below fails
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
    assert.ok(scrollWidth <= innerWidth, `the page is ${scrollWidth}px wide on a ${innerWidth}px screen`);
    const code = await page.$eval("#pcode", (e) => ({ scrollWidth: e.scrollWidth, clientWidth: e.clientWidth }));
    assert.ok(code.scrollWidth <= code.clientWidth, `the whole code is not visible in its field (${code.scrollWidth}px in ${code.clientWidth}px)`);
    // Each status ("✓ goed") on one line.
    const lines = await page.$$eval("#checks li .st", (xs) => xs.map((e) => { const r = document.createRange(); r.selectNodeContents(e); return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size; }));
    assert.ok(lines.every((n) => n === 1), `a check's status is broken over lines: ${lines}`);
    assert.equal(await answer(), "Uw lot zat in de trekking (gewicht 1). U bent getrokken als ontvanger nummer 2.");
  } finally {
    await page.click("#lang-en");
    await page.setViewportSize({ width: 1280, height: 900 });
  }
});

test("a mistyped code is reported as a typo, never as 'not in the draw'", { timeout: STEP }, async () => {
  const typo = await checkTicket(ID, MISTYPED);
  assert.equal(typo.outcome, "code-error");
  assert.equal(typo.sentence, "The code does not match this draw: it was mistyped, or it belongs to another draw. Please check your code.");
  assert.doesNotMatch(typo.sentence, /not in the draw/i);
  // I, L and O are read as 1, 1 and 0; a character that codes never use (U)
  // is named with its position.
  const bad = await checkTicket(ID, CODE.replace(/^0S29/, "0S2U"));
  assert.equal(bad.outcome, "code-error");
  assert.match(bad.sentence, /^Character 4 of the code \("U"\) is not used in codes/);
});

test("a forged transcript, pasted, fails the result check and is not verified", { timeout: STEP }, async () => {
  const vector = readFileSync(FORGED_VECTOR, "utf8");
  const body = vector.slice(vector.indexOf("\n\n") + 2);
  assert.match(vector, /^expect: failed result$/m);
  await page.fill("#paste", body);
  await page.click("#verify");
  await page.waitForSelector("#summary.bad, #summary.warn");
  const summary = await text("#summary");
  // the check by name and in words, and what to do (issue 29: it named `result` with no next step)
  assert.equal(summary, 'Verification failed: the check "result" did not pass (every recipient and reserve matches the list). Do not trust this result; show this page to the organiser or an auditor.');
  assert.doesNotMatch(summary, /draw is correct/);
  const st = Object.fromEntries(await statuses());
  assert.equal(st.result, "failed");
  for (const c of CHECKS.filter((c) => c !== "result")) assert.equal(st[c], "passed", c);
  assert.equal(await page.locator('#checks li[data-check="result"] .st').innerText(), "✗ FAIL");
  try {
    await page.click("#lang-nl");
    const lines = await page.$$eval('#checks li[data-check="result"] .detail', (xs) => xs.map((x) => x.textContent));
    assert.equal(lines[0], "transcript.result[0].leaf");
    assert.match(lines[1], /^verwacht: [0-9a-f]{64}$/);
    assert.match(lines[2], /^gevonden: [0-9a-f]{64}$/);
    assert.match(await page.locator('#checks li[data-check="pot"] .detail').innerText(), /^5 schenkingen van € 12\.000,00 uit een pot van € 65\.000,00; er blijft € 5\.000,00 over$/);
  } finally {
    await page.click("#lang-en");
  }
  // No verified draw, so no receipt check and no digests to compare.
  assert.equal(await page.isHidden("#participant"), true);
  assert.equal(await page.locator("#commitment-digest").count(), 0);
  await shot("verify-page-forged.png");
});

test("a Dutch browser gets the page in Dutch", { timeout: STEP }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "potdraw-chromium-nl-"));
  const nl = await launch(dir, "nl-NL");
  try {
    await nl.route(/.*/, (route) => (route.request().url() === PAGE_URL ? route.continue() : route.abort("blockedbyclient")));
    const p = nl.pages()[0] || (await nl.newPage());
    await p.goto(PAGE_URL, { waitUntil: "load" });
    assert.equal(await p.getAttribute("html", "lang"), "nl");
    assert.equal(await p.locator("h1").innerText(), "Controleer de loting");
    assert.equal(await p.getAttribute("#lang-nl", "aria-pressed"), "true");
  } finally {
    await nl.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("opened from a slip's QR code (#id=…&code=…) the page fills in id and code, and clears the address bar", { timeout: STEP }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "potdraw-chromium-fragment-"));
  const ctx = await launch(dir, "en-US");
  const seen = [];
  try {
    ctx.on("request", (r) => seen.push(r.url()));
    await ctx.route(/.*/, (route) => (route.request().url() === PAGE_URL ? route.continue() : route.abort("blockedbyclient")));
    const p = ctx.pages()[0] || (await ctx.newPage());
    // As `potdraw slips` percent-encodes it: an id with a space and an ampersand survives.
    const id = "A&B 7";
    await p.goto(`${PAGE_URL}#id=${encodeURIComponent(id)}&code=${CODE}`, { waitUntil: "load" });
    assert.equal(await p.inputValue("#pid"), id);
    assert.equal(await p.inputValue("#pcode"), CODE);
    assert.equal(await p.evaluate(() => location.hash), "", "the code is taken out of the address bar");
    // The fragment never reached anything: the only request is the page itself, without it.
    assert.deepEqual(seen, [PAGE_URL]);
  } finally {
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the page made no network request and logged no error", { timeout: STEP }, async () => {
  assert.deepEqual(requests, [PAGE_URL]);
  assert.deepEqual(problems, []);
});
