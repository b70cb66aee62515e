// The pictures of the guides (issue 31): docs/img/{bewijsje,scherm,telefoon,verslag}.png
// for docs/handleiding.md and docs/img/{slip,screen,phone,report}.png for
// docs/guide.md, made in Debian's headless Chromium (playwright-core) from
// the folders crates/cli/tests/guide.rs leaves in target/guide/{nl,en}/ when
// it runs each guide's commands on the bundled workbook:
//
//   - the slip: the first slip of the printable slips (`potdraw slips`);
//   - the projector screen: the ceremony's first recipient, as the terminal
//     showed it (target/guide/<lang>/ceremony.txt), drawn as a dark screen;
//   - the page's answer on a phone: the published verify.html on a phone-sized
//     window, the transcript and the record of substitutions chosen, the id
//     and code of recipient 2 of the list noord typed, and its answer;
//   - the report: the top of the published report.html.
//
// Usage (after `cargo test -p potdraw-cli --test guide` and `npm ci --prefix web`):
//
//   node web/browser/guide-pictures.mjs [OUTPUT-FOLDER]    # default: docs/img
//
// The seed and the salts are new at each run, so the pictures differ from run
// to run in their codes and fingerprints: CI runs this script into
// target/ci-artifacts/guide-img/ and checks that every picture is written.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ROOT = path.resolve(WEB, "..");
const TARGET = path.resolve(ROOT, process.env.CARGO_TARGET_DIR || "target");
const CHROMIUM = process.env.POTDRAW_CHROMIUM || "/usr/bin/chromium";
const OUT = path.resolve(process.argv[2] || path.join(ROOT, "docs/img"));
const MAKE_IT = "run the guides first: cargo test -p potdraw-cli --test guide";
const NAMES = {
  nl: { slip: "bewijsje", screen: "scherm", phone: "telefoon", report: "verslag", locale: "nl-NL" },
  en: { slip: "slip", screen: "screen", phone: "phone", report: "report", locale: "en-GB" },
};

const { chromium } = await import("playwright-core");
if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium or set POTDRAW_CHROMIUM`);
mkdirSync(OUT, { recursive: true });
const work = mkdtempSync(path.join(tmpdir(), "potdraw-pictures-"));

/** A fresh offline browser in `lang` with a window of `width` × `height`. */
async function browser(lang, width, height) {
  return chromium.launchPersistentContext(mkdtempSync(path.join(work, "profile-")), {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    locale: NAMES[lang].locale,
    viewport: { width, height },
    offline: true,
    timeout: 60_000,
  });
}

/** The ceremony's screen for the first recipient, cut from what the terminal showed. */
function firstRecipientScreen(shown) {
  const at = shown.search(/(Stap|Step) 5 (van|of) /);
  if (at < 0) throw new Error("the ceremony never showed step 5");
  let start = shown.lastIndexOf("═", at);
  while (start > 0 && shown[start - 1] === "═") start--;
  const closing = shown.indexOf("═", at);
  const afterClosing = shown.indexOf("\n", closing);
  const next = shown.indexOf("═", afterClosing);
  const lines = shown.slice(start, next < 0 ? undefined : next).split("\n");
  return ["  " + lines[0], ...lines.slice(1)].join("\n").replace(/\s+$/, "");
}

for (const lang of ["nl", "en"]) {
  const names = NAMES[lang];
  const left = path.join(TARGET, "guide", lang);
  const folder = path.join(left, "folder", "avond");
  for (const f of ["ceremony.txt", "folder/avond/private/bewijsjes.html", "folder/avond/public/report.html", "folder/avond/public/verify.html"]) {
    if (!existsSync(path.join(left, f))) throw new Error(`${path.join(left, f)} is missing: ${MAKE_IT}`);
  }
  const shot = (name) => path.join(OUT, `${name}.png`);

  // The slip, as printed.
  let ctx = await browser(lang, 900, 1200);
  let page = ctx.pages()[0] || (await ctx.newPage());
  await page.goto(pathToFileURL(path.join(folder, "private/bewijsjes.html")).href, { waitUntil: "load" });
  await page.locator("article.slip").first().screenshot({ path: shot(names.slip) });

  // The report, its top as the room sees it.
  await page.setViewportSize({ width: 900, height: 1100 });
  await page.goto(pathToFileURL(path.join(folder, "public/report.html")).href, { waitUntil: "load" });
  await page.screenshot({ path: shot(names.report) });
  await ctx.close();

  // The projector: the terminal's screen for the first recipient.
  const screen = firstRecipientScreen(readFileSync(path.join(left, "ceremony.txt"), "utf8"));
  const html = path.join(work, `screen-${lang}.html`);
  const escaped = screen.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  writeFileSync(html, `<!doctype html><meta charset="utf-8"><body style="margin:0;background:#111"><pre id="s" style="margin:0;padding:24px 24px 32px;display:inline-block;background:#111;color:#eee;font:16px/1.2 'DejaVu Sans Mono',monospace">${escaped}</pre>`);
  ctx = await browser(lang, 900, 700);
  page = ctx.pages()[0] || (await ctx.newPage());
  await page.goto(pathToFileURL(html).href, { waitUntil: "load" });
  await page.locator("#s").screenshot({ path: shot(names.screen) });
  await ctx.close();

  // The page's answer on a phone, for recipient 2 of the list noord.
  const transcript = JSON.parse(readFileSync(path.join(folder, "public/transcript.json"), "utf8"));
  const noord = transcript.lists.find((l) => l.name === "noord");
  const leaf = noord.result.find((r) => r.role === "recipient" && r.rank === 2).leaf;
  const receipt = readFileSync(path.join(folder, "private/receipts.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l)).find((r) => r.list === "noord" && r.leaf === leaf);
  ctx = await browser(lang, 390, 844);
  page = ctx.pages()[0] || (await ctx.newPage());
  await page.goto(pathToFileURL(path.join(folder, "public/verify.html")).href, { waitUntil: "load" });
  await page.setInputFiles("#file", path.join(folder, "public/transcript.json"));
  await page.waitForSelector("#summary.ok, #summary.bad, #summary.warn");
  await page.setInputFiles("#amendfile", path.join(folder, "public/vervangingen.json"));
  await page.waitForSelector("#amend-summary");
  await page.fill("#pid", receipt.id);
  await page.fill("#pcode", receipt.code);
  await page.click('#pform button[type="submit"]');
  await page.waitForFunction(() => document.getElementById("answer").dataset.outcome);
  const outcome = await page.getAttribute("#answer", "data-outcome");
  if (outcome !== "recipient") throw new Error(`the page answered ${outcome} for recipient 2 of noord`);
  // The answer card is the first thing on the page: the picture shows the top of the screen.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: shot(names.phone) });
  await ctx.close();

  for (const name of [names.slip, names.screen, names.phone, names.report]) {
    if (!existsSync(shot(name)) || readFileSync(shot(name)).length < 1000) throw new Error(`${shot(name)} was not written`);
    console.log(`${lang}: ${shot(name)}`);
  }
}
rmSync(work, { recursive: true, force: true });
