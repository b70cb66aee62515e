// Version 5 display names (SPEC §19.2), differentially: the v5 fixture
// transcript with list 0's display name (and sometimes list 1's) replaced by
// many candidate strings, the commitment digest re-made (§4.5) so that only
// the display-name rules decide, written to a file and verified by both
// verifiers from the same bytes. `potdraw verify FILE --json` (Rust) and
// verifyTranscript (this page's JS) must agree on the outcome, the failed
// check, the field an unusable document is refused at, and for a verified
// one the digests and every list's display name.
//
// A third opinion, when the Unicode Character Database 15.0.0 is installed
// (Debian `unicode-data`, /usr/share/unicode/, as SPEC §2.4 names it): the
// rules of §19.2 read literally from UnicodeData.txt, PropList.txt and
// DerivedCoreProperties.txt, with NFC from this platform's normaliser (the
// same for every string in the repertoire, §2.4). Both verifiers must then
// also agree with the SPEC text, so that a string both accept wrongly is
// caught as well.
//
// Candidates: hand-picked edge cases (astral planes, surrogate escapes,
// combining sequences, marks assigned after 15.0, Hangul, every Zs and
// White_Space character, Cc, Cf, variation selectors, private use,
// noncharacters, unassigned code points, JSON escapes, canonically
// equivalent pairs, HTML), invalid UTF-8 bytes, and POTDRAW_WEB_DISPLAY_RANDOM
// (default 2000) random strings from a seeded generator mixing those classes
// (POTDRAW_WEB_DISPLAY_SEED, default fixed).
//
// Needs target/release/potdraw (`cargo build --release -p potdraw-cli`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { FIX, ROOT, rng } from "./helpers.mjs";
import * as V from "../potdraw-verify.js";

const BIN = path.join(ROOT, "target/release/potdraw");
const RANDOM = Number(process.env.POTDRAW_WEB_DISPLAY_RANDOM || 2000);
const SEED = Number(process.env.POTDRAW_WEB_DISPLAY_SEED || 20261205);
const FIXTURE = path.join(FIX, "v5/two-neighbourhoods/transcript.json");
const BASE = JSON.parse(readFileSync(FIXTURE, "utf8"));
const OTHER_DISPLAYS = BASE.commitment.lists.map((L) => L.display);

// ---------------------------------------------------------------- the SPEC's rules, from the UCD 15.0.0

const UCD = "/usr/share/unicode";
function readUcd() {
  const files = ["UnicodeData.txt", "PropList.txt", "DerivedCoreProperties.txt"].map((f) => path.join(UCD, f));
  if (!files.every(existsSync)) return null;
  const [data, props, derived] = files.map((f) => readFileSync(f, "utf8"));
  // UnicodeData.txt names its version nowhere; DerivedCoreProperties.txt does in its first line
  if (!/DerivedCoreProperties-15\.0\.0\.txt/.test(derived.split("\n")[0])) return null;
  const gc = new Map();
  let first = null;
  for (const line of data.split("\n")) {
    if (!line) continue;
    const f = line.split(";");
    const cp = parseInt(f[0], 16);
    if (f[1].endsWith(", First>")) first = cp;
    else if (f[1].endsWith(", Last>")) {
      for (let c = first; c <= cp; c++) gc.set(c, f[2]);
    } else gc.set(cp, f[2]);
  }
  const prop = (text, name) => {
    const s = new Set();
    for (const line of text.split("\n")) {
      const m = /^([0-9A-F]+)(?:\.\.([0-9A-F]+))?\s*;\s*(\w+)/.exec(line);
      if (!m || m[3] !== name) continue;
      for (let c = parseInt(m[1], 16); c <= parseInt(m[2] || m[1], 16); c++) s.add(c);
    }
    return s;
  };
  return { gc, ws: prop(props, "White_Space"), di: prop(derived, "Default_Ignorable_Code_Point") };
}
const ucd = readUcd();

/** SPEC §19.2 read literally: whether D is a well-formed display name. */
function specDisplayOk(D) {
  const cps = [...D].map((c) => c.codePointAt(0));
  if (cps.length < 1 || cps.length > 64) return false;
  for (const c of cps) {
    const g = ucd.gc.get(c);
    if (g === undefined || g === "Cs") return false; // rule 2 (Cn is not listed in UnicodeData.txt)
    if (["Cc", "Cf", "Zl", "Zp", "Co"].includes(g) || ucd.di.has(c)) return false; // rule 4
  }
  if (D.normalize("NFC") !== D) return false; // rule 3
  if (cps.some((c) => ucd.ws.has(c) && c !== 0x20)) return false; // rule 5
  return !(D.startsWith(" ") || D.endsWith(" ") || D.includes("  "));
}

// ---------------------------------------------------------------- documents

const cps = (...xs) => String.fromCodePoint(...xs);
const hex4 = (u) => "\\u" + u.toString(16).padStart(4, "0");
/** A JSON string literal for s: "literal" as JSON.stringify writes it, "escaped" with every non-ASCII UTF-16 unit as \uXXXX, "upper" likewise in upper case. */
function jsonString(s, mode) {
  if (mode === "literal") return JSON.stringify(s);
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const u = s.charCodeAt(i);
    let e = u < 0x20 || u >= 0x7f ? hex4(u) : s[i] === '"' ? '\\"' : s[i] === "\\" ? "\\\\" : s[i];
    if (mode === "upper" && e.startsWith("\\u")) e = "\\u" + e.slice(2).toUpperCase();
    out += e;
  }
  return out + '"';
}

async function commitmentDigest(c) {
  const body = await V.parseJSON(JSON.stringify(c));
  body.delete("digest");
  return V.Hhex(V.TAGS.commitment, V.jcsBytes(body));
}

/**
 * The fixture's bytes with list i's display name displays[i] (undefined: as
 * it is), the digest re-made where the commitment has one (§4.5), each
 * replaced display written as a JSON string literal in `mode`.
 */
/**
 * The commitment digest re-made (§4.5) and the draw made again from it (§5.3,
 * §17.4), so that a document with well-formed display names verifies. A
 * commitment without JCS (a lone surrogate, §2.3.1) keeps the fixture's digest:
 * it is unusable anyway.
 */
async function redraw(t) {
  const digest = await commitmentDigest(t.commitment).catch(() => null);
  if (!digest) return t;
  t.commitment.digest = digest;
  const ds = await V.drawSeedOf(V.fromHex(digest), V.fromHex(t.seed), V.fromHex(t.entropy_digest));
  t.draw_seed = V.toHex(ds);
  for (const [i, L] of t.commitment.lists.entries()) {
    const ls = await V.listSeedOf(ds, L.name);
    const E = L.candidates.entries;
    const picks = V.select(ls, E.map((e) => e.weight), L.recipients + L.reserves);
    t.lists[i].list_seed = V.toHex(ls);
    t.lists[i].result = picks.map((x, j) => ({ position: j + 1, role: j < L.recipients ? "recipient" : "reserve", rank: j < L.recipients ? j + 1 : j - L.recipients + 1, index: x, leaf: E[x].leaf, weight: E[x].weight }));
  }
  return t;
}

async function documentBytes(displays, mode = "literal") {
  const t = structuredClone(BASE);
  displays.forEach((d, i) => {
    if (d !== undefined) t.commitment.lists[i].display = d;
  });
  await redraw(t);
  const marks = [];
  displays.forEach((d, i) => {
    if (d === undefined) return;
    marks.push([`@@display-${i}@@`, d]);
    t.commitment.lists[i].display = `@@display-${i}@@`;
  });
  let text = JSON.stringify(t, null, 2);
  for (const [mark, d] of marks) text = text.replace(JSON.stringify(mark), () => jsonString(d, mode));
  return Buffer.from(text, "utf8");
}

function run(args) {
  return new Promise((resolve) => {
    execFile(BIN, args, { maxBuffer: 1 << 26 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === "number" ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

/** Both verifiers on the same bytes: {rust, js}, each {outcome, check, where, digests, displays}. */
async function both(bytes, file) {
  writeFileSync(file, bytes);
  const [r, j] = await Promise.all([run(["verify", file, "--json"]), V.verifyTranscript(bytes)]);
  const rj = r.stdout ? JSON.parse(r.stdout) : {};
  const rust = { outcome: r.code === 0 ? "verified" : r.code === 1 ? "failed" : r.code === 2 ? "unusable" : `exit ${r.code}` };
  rust.check = rj.failed_check ?? null;
  if (rust.outcome === "unusable") rust.where = String(rj.error || r.stderr).slice(file.length + 2).split(": ")[0];
  if (rust.outcome === "verified") rust.result = [rj.commitment_digest, rj.transcript_digest, JSON.stringify(rj.lists.map((L) => L.display))];
  const js = { outcome: j.outcome, check: j.failed_check ?? null };
  if (js.outcome === "unusable") js.where = j.unusable.message.split(": ")[0];
  if (js.outcome === "verified") js.result = [j.commitment_digest, j.transcript_digest, JSON.stringify(j.lists.map((L) => L.display))];
  // a JSON syntax error is reported at a line and column, which each parser counts its own way
  for (const x of [rust, js]) if (x.where !== undefined && !x.where.startsWith("transcript")) x.where = "(JSON text)";
  return { rust, js, detail: `rust: ${(rj.error || r.stderr || rj.failed_check || "").slice(0, 300)}; js: ${j.unusable ? j.unusable.message : j.failed_check || j.outcome}` };
}

const show = (s) => [...s].map((c) => "U+" + c.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")).join(" ");

// ---------------------------------------------------------------- candidates

const ZS = [0xa0, 0x1680, ...Array.from({ length: 11 }, (_, i) => 0x2000 + i), 0x202f, 0x205f, 0x3000];
const WS_OTHER = [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x85, 0x2028, 0x2029];
const CC = [0x00, 0x07, 0x08, 0x1b, 0x1f, 0x7f, 0x80, 0x9f];
const CF = [0xad, 0x600, 0x61c, 0x6dd, 0x70f, 0x180e, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2060, 0x2061, 0x2064, 0x2066, 0x2067, 0x2068, 0x2069, 0x206a, 0x206f, 0xfeff, 0xfff9, 0xfffb, 0x110bd, 0x13430, 0x1bca0, 0x1d173, 0xe0001, 0xe0020, 0xe007f];
const DI = [0x34f, 0x115f, 0x1160, 0x17b4, 0x17b5, 0x180b, 0x180c, 0x180d, 0x180f, 0x3164, 0xfe00, 0xfe0e, 0xfe0f, 0xffa0, 0x1d17a, 0xe0100, 0xe01ef, 0xe0080, 0xe0fff];
const CO = [0xe000, 0xf8ff, 0xf0000, 0xffffd, 0x100000, 0x10fffd];
const NONCHAR = [0xfdd0, 0xfdef, 0xfffe, 0xffff, 0x1fffe, 0x1ffff, 0x10fffe, 0x10ffff];
// unassigned in 15.0: later marks and ideographic description characters, gaps
const UNASSIGNED = [0x378, 0x1ade, 0x1adf, 0x1aec, 0x2ffc, 0x2fff, 0x31ef, 0x10ecb, 0x10ef0, 0x1d127, 0x2ebf0, 0x323b0, 0x16d63, 0x16d67, 0x16d68, 0x113c2, 0x113c9, 0x113c5, 0x1e5ee, 0x1e5ef, 0x16121, 0x1611e, 0xe0080 + 0x70, 0x3ffff, 0xeffff];
// assigned in 15.0 (several of them new in 15.0, with combining classes)
const ASSIGNED_15 = [0x1ace, 0x1f6dc, 0x31350, 0x3134a, 0x323af, 0x11f00, 0x11f41, 0x11f42, 0x1e4ec, 0x1e4ed, 0x1e4ee, 0x1e4ef, 0x1e08f, 0x10efd, 0x10efe, 0x10eff, 0x1e030, 0x1df25];
const MARKS = [0x300, 0x301, 0x302, 0x308, 0x31b, 0x323, 0x327, 0x328, 0x345, 0x5b0, 0x64b, 0x93c, 0x94d, 0x1dc0, 0x20d7, 0x302a, 0x3099, 0x309a, 0x1d165, 0x1d16d];
const LETTERS = [..."AaZzéÉøßĲǅΩωЖжאבשלוםمرحباกขあア한국中文𝔑𝕆😀🌳👍🏽" ].map((c) => c.codePointAt(0));
const HANGUL = [0x1100, 0x1161, 0x11a8, 0x1112, 0x1175, 0xa960, 0xd7b0, 0xd7cb, 0xac00, 0xac01, 0xd7a3, 0x3131, 0x314f];
const DECOMPOSING = [0x958, 0x2126, 0x212b, 0x340, 0x341, 0x343, 0x344, 0x374, 0x37e, 0x387, 0xf73, 0x2adc, 0xf900, 0x2f800, 0x1e9b, 0xfb1d];
const HTML = [..."<>&\"'/=;`\\"].map((c) => c.codePointAt(0));
const CLASSES = { ZS, WS_OTHER, CC, CF, DI, CO, NONCHAR, UNASSIGNED, ASSIGNED_15, MARKS, LETTERS, HANGUL, DECOMPOSING, HTML };

/** [label, displays (list 0, list 1 …; undefined: unchanged), JSON string mode] */
function handPicked() {
  const c = [];
  const one = (label, d, mode = "literal") => c.push([label, [d], mode]);
  const two = (label, d0, d1, mode = "literal") => c.push([label, [d0, d1], mode]);
  one("fixture as it is", "Noord");
  one("one letter", "a");
  one("64 ASCII", "x".repeat(64));
  one("65 ASCII", "x".repeat(65));
  one("empty", "");
  one("64 astral (128 UTF-16 units)", "😀".repeat(64));
  one("65 astral", "😀".repeat(65));
  one("63 astral + 1 BMP (127 units)", "😀".repeat(63) + "a");
  one("32 astral + 32 BMP", "𝔑".repeat(32) + "b".repeat(32));
  one("64 astral escaped", "😀".repeat(64), "escaped");
  one("65 astral escaped", "😀".repeat(65), "escaped");
  one("64 letters + combining (65 scalars)", "é".repeat(64).normalize("NFD").slice(0, 65));
  one("64 precomposed é", "é".repeat(64));
  one("32 decomposed é (64 scalars, not NFC)", "e\u0301".repeat(32));
  one("lone high surrogate escape", "No\ud800ord");
  one("lone low surrogate escape", "No\udc00ord");
  one("lone surrogate alone", "\udfff");
  one("paired surrogate escapes", "No😀ord", "escaped");
  one("paired surrogate escapes, upper-case hex", "No😀ord", "upper");
  one("reversed surrogate pair", "No\ude00\ud83dord");
  for (const mode of ["literal", "escaped", "upper"]) {
    one(`Zuid – Rivierenwijk-like (${mode})`, "Zuid – Oost", mode);
    one(`café NFC (${mode})`, "Caf\u00e9", mode);
    one(`café NFD (${mode})`, "Cafe\u0301", mode);
    one(`html (${mode})`, "<img src=x onerror=alert(1)>", mode);
  }
  one("combining reordered: a + dot below + acute (NFC)", "\u1ea1\u0301");
  one("a + acute + dot below (not NFC)", "a\u0301\u0323");
  one("a + dot below + acute (not NFC: composes)", "a\u0323\u0301");
  one("q + dot below + acute (NFC: q has no composite)", "q\u0323\u0301");
  one("q + acute + dot below (not NFC: order)", "q\u0301\u0323");
  one("lone combining mark", "\u0301");
  one("leading combining mark then letter", "\u0301a");
  one("Kawi sign killer (new in 15.0, ccc 9)", "\u{11f12}\u{11f41}");
  one("Nag Mundari marks reordered (15.0 ccc 232 vs 220)", "\u{1e4d0}\u{1e4ec}\u{1e4ee}");
  one("Nag Mundari marks in order", "\u{1e4d0}\u{1e4ee}\u{1e4ec}");
  one("Arabic small low word (15.0)", "\u0628\u{10efd}");
  one("Unicode 16.0 Kirat Rai composing pair (unassigned in 15.0)", "\u{16d63}\u{16d67}");
  one("Unicode 16.0 Kirat Rai precomposed", "\u{16d68}");
  one("Unicode 16.0 Tulu-Tigalari pair", "\u{11382}\u{113c9}");
  one("U+1ADE (16/17 mark)", "e\u1ade");
  one("U+2FFC (15.1)", "\u2ffc");
  one("U+31350 (CJK ext H, 15.0)", "\u{31350}");
  one("U+323AF last of ext H", "\u{323af}");
  one("U+323B0 (unassigned)", "\u{323b0}");
  one("U+2EBF0 (ext I, 15.1)", "\u{2ebf0}");
  one("Hangul syllable", "한국");
  one("Hangul conjoining L V (not NFC)", "\u1112\u1161\u11ab");
  one("Hangul LV + T (not NFC)", "\uac00\u11a8");
  one("Hangul LVT", "\uac01");
  one("Hangul L alone", "\u1100");
  one("Hangul old jamo (no composite)", "\u1100\ud7b0");
  one("Hangul L + extended-A", "\ua960\u1161");
  one("Hangul filler U+115F", "\u115f\u1161");
  one("Hangul filler U+1160", "\u1100\u1160");
  one("Hangul filler U+3164", "\u3164");
  one("Hangul halfwidth filler U+FFA0", "a\uffa0");
  one("space at start", " Noord");
  one("space at end", "Noord ");
  one("only a space", " ");
  one("two spaces", "  ");
  one("double space", "No  ord");
  one("spaces between words", "Reisgenoten Noord Oost");
  for (const z of [...ZS, ...WS_OTHER]) {
    one(`white space ${show(cps(z))} inside`, `Noord${cps(z)}Oost`);
    one(`white space ${show(cps(z))} escaped`, `Noord${cps(z)}Oost`, "escaped");
  }
  one("U+0020 U+00A0 mix", "a \u00a0b");
  for (const x of [...CC, ...CF, ...DI, ...CO, ...NONCHAR, ...UNASSIGNED, ...ASSIGNED_15, ...DECOMPOSING, ...HANGUL]) {
    one(`${show(cps(x))} inside`, `N${cps(x)}o`);
    one(`${show(cps(x))} alone`, cps(x));
  }
  one("variation selector after emoji", "\u2764\ufe0f");
  one("variation selector after CJK (IVS)", "\u845b\u{e0100}");
  one("emoji ZWJ sequence", "👩\u200d👩\u200d👧");
  one("tag sequence flag", "🏴\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}");
  one("skin tone modifier", "👍🏽");
  one("regional indicators", "🇳🇱");
  one("Arabic name", "الحي الشمالي");
  one("Hebrew name", "השכונה הצפונית");
  one("RTL with digits", "שכונה 12");
  one("RLO bidi override", "\u202eNoord");
  one("64-char word", "Reisgenotenvanhetnoordelijkdeelvandestadendeomliggendedorpenxyzw".slice(0, 64));
  one("html quotes", "\"&lt;b&gt;");
  one("html script", "</script><script>alert(1)</script>");
  one("backslash and quote", "a\\\"b");
  one("slash", "a/b");
  one("U+007F", "a\u007fb");
  one("U+FFFD", "a\ufffdb");
  one("⟨U+200B⟩ typed", "⟨U+200B⟩");
  one("Ohm sign (singleton decomposition)", "\u2126");
  one("Greek capital omega", "\u03a9");
  one("Angstrom sign", "\u212b");
  one("U+0958 (composition exclusion)", "\u0958");
  one("U+0915 U+093C (its NFC)", "\u0915\u093c");
  one("CJK compatibility U+F900", "\uf900");
  one("compatibility ligature ﬁ (NFC keeps it)", "\ufb01");
  one("fullwidth letters (NFC keeps them)", "ＮＯＯＲＤ");
  two("two lists, same display", "Oost", "Oost");
  two("two lists, NFC and NFD of the same", "Caf\u00e9", "Cafe\u0301");
  two("two lists, NFD and NFC of the same", "Cafe\u0301", "Caf\u00e9");
  two("two lists, same text, escaped and literal", "Caf\u00e9", "Caf\u00e9", "escaped");
  two("two lists, case only", "Oost", "oost");
  two("two lists, Ohm and Omega", "\u2126", "\u03a9");
  two("two lists, Omega and Ohm", "\u03a9", "\u2126");
  two("two lists, Angstrom and Å", "\u00c5", "\u212b");
  two("two lists, with and without ZWSP", "Oost", "Oo\u200bst");
  two("two lists, space and no-break space", "Oost West", "Oost\u00a0West");
  two("two lists, swapped", OTHER_DISPLAYS[1], OTHER_DISPLAYS[0]);
  two("list 1 takes list 2's display", undefined, OTHER_DISPLAYS[2]);
  one("list 0 takes list 3's display", OTHER_DISPLAYS[3]);
  two("two lists, 64 astral each, differing last", "😀".repeat(63) + "a", "😀".repeat(63) + "b");
  return c;
}


/** A random string: mostly letters and spaces, with characters of every class; lengths around the limits. */
function randomDisplay(r) {
  const n = r.pick([1, 2, 3, 5, 8, 13, 30, 63, 64, 65, r.int(1, 70)]);
  const hostile = r.next() < 0.35 ? 0 : r.pick([0.02, 0.05, 0.15, 0.5]);
  const names = Object.keys(CLASSES);
  let s = "";
  for (let i = 0; i < n; i++) {
    const x = r.next();
    if (x < hostile) s += cps(r.pick(CLASSES[r.pick(names)]));
    else if (x < hostile + 0.12) s += " ";
    else if (x < hostile + 0.2) s += cps(r.pick(MARKS));
    else if (x < hostile + 0.3) s += cps(r.pick(LETTERS));
    else if (x < hostile + 0.33) s += cps(r.pick(HANGUL));
    else s += String.fromCharCode(r.pick([0x41, 0x61]) + r.int(0, 25));
  }
  // half of them made NFC, so that the later rules are reached
  return r.next() < 0.5 ? s.normalize("NFC") : s;
}

function cases() {
  const out = handPicked();
  const r = rng(SEED);
  for (let i = 0; i < RANDOM; i++) {
    const d0 = randomDisplay(r);
    const mode = r.pick(["literal", "literal", "escaped", "upper"]);
    if (r.next() < 0.15) out.push([`random ${i}`, [d0, r.next() < 0.3 ? d0.normalize("NFD") : randomDisplay(r)], mode]);
    else out.push([`random ${i}`, [d0], mode]);
  }
  return out;
}

// ---------------------------------------------------------------- the tests

test(`v5 display names: Rust and JS agree on ${RANDOM} random and every hand-picked display name (seed ${SEED})`, { timeout: 900_000 }, async () => {
  assert.ok(existsSync(BIN), `${BIN} is missing: run cargo build --release -p potdraw-cli first`);
  if (!ucd) console.log(`# ${UCD} (unicode-data 15.0.0) not found: the SPEC's rules are not checked as a third opinion`);
  const dir = mkdtempSync(path.join(tmpdir(), "potdraw-display-"));
  const all = cases();
  const problems = [];
  const stats = {};
  let next = 0;
  await Promise.all(
    Array.from({ length: 3 }, async (_, lane) => {
      const file = path.join(dir, `t${lane}.json`);
      while (next < all.length) {
        const [label, displays, mode] = all[next++];
        const bytes = await documentBytes(displays, mode);
        const { rust, js, detail } = await both(bytes, file);
        const key = `${rust.outcome}${rust.check ? " " + rust.check : ""}`;
        stats[key] = (stats[key] || 0) + 1;
        const what = `${label}: ${displays.map((d) => (d === undefined ? "(as it is)" : `[${show(d)}]`)).join(" / ")} (${mode})`;
        if (JSON.stringify(rust) !== JSON.stringify(js)) problems.push(`${what}\n    rust ${JSON.stringify(rust)}\n    js   ${JSON.stringify(js)}\n    ${detail}`);
        if (ucd) {
          const all4 = OTHER_DISPLAYS.map((d, i) => (displays[i] === undefined ? d : displays[i]));
          const wellFormed = all4.every((d) => !/[\ud800-\udfff]/u.test(d) && specDisplayOk(d)) && new Set(all4).size === all4.length;
          const expected = wellFormed ? "verified" : "unusable";
          if (rust.outcome !== expected || js.outcome !== expected) problems.push(`${what}\n    SPEC §19.2 says ${expected}; rust ${rust.outcome}, js ${js.outcome}\n    ${detail}`);
        }
      }
    }),
  );
  rmSync(dir, { recursive: true, force: true });
  console.log(`# ${all.length} documents: ${Object.entries(stats).sort().map(([k, v]) => `${v} ${k}`).join(", ")}`);
  assert.deepEqual(problems, [], `${problems.length} disagreements:\n${problems.slice(0, 40).join("\n")}`);
});

test("v5 display names: bytes that are not UTF-8 in a display name are unusable in both", async () => {
  assert.ok(existsSync(BIN), `${BIN} is missing`);
  const dir = mkdtempSync(path.join(tmpdir(), "potdraw-display-bytes-"));
  const text = (await documentBytes(["@@X@@"])).toString("utf8");
  const raw = {
    "CESU-8 surrogate ED A0 80": [0xed, 0xa0, 0x80],
    "CESU-8 pair for U+1F600": [0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80],
    "overlong slash C0 AF": [0xc0, 0xaf],
    "overlong NUL C0 80": [0xc0, 0x80],
    "above U+10FFFF F4 90 80 80": [0xf4, 0x90, 0x80, 0x80],
    "truncated E2 82": [0xe2, 0x82],
    "lone continuation 80": [0x80],
    "FF": [0xff],
  };
  const problems = [];
  for (const [label, b] of Object.entries(raw)) {
    const [pre, post] = text.split("@@X@@");
    const bytes = Buffer.concat([Buffer.from(pre, "utf8"), Buffer.from("No"), Buffer.from(b), Buffer.from("ord"), Buffer.from(post, "utf8")]);
    const { rust, js, detail } = await both(bytes, path.join(dir, "t.json"));
    if (rust.outcome !== "unusable" || js.outcome !== "unusable") problems.push(`${label}: rust ${rust.outcome}, js ${js.outcome}; ${detail}`);
  }
  rmSync(dir, { recursive: true, force: true });
  assert.deepEqual(problems, []);
});

/** Rebuild object o with its members in `order` (names first, then the rest as they were). */
function reorder(o, order) {
  const out = {};
  for (const k of order) if (k in o) out[k] = o[k];
  for (const k of Object.keys(o)) if (!(k in out)) out[k] = o[k];
  return out;
}
/** JSON.stringify(o) with every key, recursively, in reverse JCS order: any member order is allowed (§2.3.1). */
const reversed = (v) => (Array.isArray(v) ? v.map(reversed) : v && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().reverse().map((k) => [k, reversed(v[k])])) : v);

// §2.3.1, §19.1, §17.5: the structure around `display`, each with the outcome SPEC states.
const STRUCTURE = [
  ["display first in list 0", "verified", async (t) => void (t.commitment.lists[0] = reorder(t.commitment.lists[0], ["display"]))],
  ["display last in list 0", "verified", async (t) => {
    const L = t.commitment.lists[0];
    const d = L.display;
    delete L.display;
    L.display = d;
  }],
  ["every member in reverse order", "verified", async (t) => Object.assign(t, reversed(t))],
  ["byte-order mark", "verified", null, (text) => "\ufeff" + text],
  ["duplicate display, same value", "unusable", null, (text) => text.replace('"display": "Oost",', '"display": "Oost", "display": "Oost",')],
  ["duplicate display, other value", "unusable", null, (text) => text.replace('"display": "Oost",', '"display": "West", "display": "Oost",')],
  ["duplicate display, name escaped", "unusable", null, (text) => text.replace('"display": "Oost",', '"displ\\u0061y": "West", "display": "Oost",')],
  ["display name spelled with an escape only", "verified", null, (text) => text.replace('"display": "Oost",', '"\\u0064isplay": "Oost",')],
  ["Display (capital) beside display", "unusable", null, (text) => text.replace('"display": "Oost",', '"Display": "Oost", "display": "Oost",')],
  ["Display (capital) instead of display", "unusable", null, (text) => text.replace('"display": "Oost",', '"Display": "Oost",')],
  ["display a number", "unusable", async (t) => void (t.commitment.lists[0].display = 5)],
  ["display true", "unusable", async (t) => void (t.commitment.lists[0].display = true)],
  ["display an array", "unusable", async (t) => void (t.commitment.lists[0].display = ["Oost"])],
  ["display an object", "unusable", async (t) => void (t.commitment.lists[0].display = { text: "Oost" })],
  ["display null", "unusable", async (t) => void (t.commitment.lists[0].display = null)],
  ["display missing in list 1", "unusable", async (t) => void delete t.commitment.lists[1].display],
  ["display in the transcript's lists[0]", "unusable", async (t) => void (t.lists[0] = reorder({ ...t.lists[0], display: "Oost" }, ["name", "display"]))],
  ["display in the transcript's lists[0], equal to the commitment's", "unusable", async (t) => void (t.lists[0].display = t.commitment.lists[0].display)],
  ["display at the commitment's top level", "unusable", async (t) => void (t.commitment.display = "Oost")],
  ["display at the transcript's top level", "unusable", async (t) => void (t.display = "Oost")],
  ["display in candidates", "unusable", async (t) => void (t.commitment.lists[0].candidates.display = "Oost")],
  ["display in the pot", "unusable", async (t) => void (t.commitment.lists[0].pot.display = "Oost")],
  ["display in a result entry", "unusable", null, (text) => text.replace('"position": 1,', '"position": 1, "display": "Oost",')],
  ["display in an entropy value", "unusable", async (t) => void (t.entropy[0].display = "Oost")],
  ["v4 formats with display", "unusable", async (t) => {
    t.format = "potdraw/transcript/v4";
    t.commitment.format = "potdraw/commitment/v4";
  }],
  ["v4 formats without display", "verified", async (t) => {
    t.format = "potdraw/transcript/v4";
    t.commitment.format = "potdraw/commitment/v4";
    for (const L of t.commitment.lists) delete L.display;
  }],
  ["v5 transcript, v4 commitment without display", "unusable", async (t) => {
    t.commitment.format = "potdraw/commitment/v4";
    for (const L of t.commitment.lists) delete L.display;
  }],
];

test("v5 display names: member order, duplicates, types and places of `display` decide alike in both, as SPEC says", async () => {
  assert.ok(existsSync(BIN), `${BIN} is missing`);
  const dir = mkdtempSync(path.join(tmpdir(), "potdraw-display-structure-"));
  const problems = [];
  for (const [label, expected, change, edit] of STRUCTURE) {
    const t = structuredClone(BASE);
    t.commitment.lists[0].display = "Oost";
    if (change) await change(t);
    // the digest and the draw follow the change, where the commitment still has a JCS value
    await redraw(t);
    let text = JSON.stringify(t, null, 2);
    if (edit) {
      const edited = edit(text);
      assert.notEqual(edited, text, label);
      text = edited;
    }
    const { rust, js, detail } = await both(Buffer.from(text, "utf8"), path.join(dir, "t.json"));
    // where a structural error is reported differs in form (Rust's parser: line and column; JS: the field)
    delete rust.where;
    delete js.where;
    if (JSON.stringify(rust) !== JSON.stringify(js) || rust.outcome !== expected) problems.push(`${label}: expected ${expected}\n    rust ${JSON.stringify(rust)}\n    js   ${JSON.stringify(js)}\n    ${detail}`);
  }
  rmSync(dir, { recursive: true, force: true });
  assert.deepEqual(problems, [], problems.join("\n"));
});
