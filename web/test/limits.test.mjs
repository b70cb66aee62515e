// The limits that bound a verification's work (SPEC §5.1, §7.7, §12.1): a plan
// of at most 64 sources, text values refused by size before NFC, and the RFC
// 3797 method's 4096 picks and 16,384-byte key. The inputs are made here, large
// enough that losing a limit would be obvious (a quadratic label check, NFC of a
// megabyte of combining marks, a megabyte key hashed per pick); the work itself
// is measured by benches, not asserted here.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { FIX } from "./helpers.mjs";
import * as V from "../potdraw-verify.js";

const example = () => JSON.parse(readFileSync(path.join(FIX, "example/transcript.json"), "utf8"));
const rfcExample = () => JSON.parse(readFileSync(path.join(FIX, "rfc3797/example/transcript.json"), "utf8"));
const utf8 = (s) => Buffer.byteLength(s, "utf8");

test("NFC shrinks UTF-8 at most 3.5 times in this engine, so 4 × 4096 raw bytes are too many (SPEC §7.7)", () => {
  // Charge each code point z of NFD(s) the most input bytes per byte that any code point c whose
  // NFD holds z (c = z included) spends on it: |c| / |NFD(c)|. Each code point y of NFC(s) stands
  // for its own NFD, so |s| ≤ max over y of (Σ |z|·w(z)) / |y| × |NFC(s)|.
  const w = new Map();
  let shrink = 1;
  const nfdOf = [];
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const c = String.fromCodePoint(cp);
    const d = c.normalize("NFD");
    if (d === c) continue; // charged 1 per byte
    nfdOf.push([c, d]);
    const r = utf8(c) / utf8(d);
    shrink = Math.max(shrink, r);
    if (r > 1) for (const z of d) w.set(z, Math.max(w.get(z) ?? 1, r));
  }
  let bound = 1;
  const charge = (y, d) => {
    let sum = 0;
    for (const z of d) sum += utf8(z) * (w.get(z) ?? 1);
    bound = Math.max(bound, sum / utf8(y));
  };
  for (const [y, d] of nfdOf) if (y.normalize("NFC") === y) charge(y, d);
  for (const z of w.keys()) if (z.normalize("NFC") === z) charge(z, z);
  assert.equal(shrink, 3, "one code point: U+212A KELVIN SIGN (3 bytes) is K");
  assert.equal("\u1fbe\u0308\u0301".normalize("NFC"), "\u0390", "7 bytes become 2");
  assert.ok(Math.abs(bound - 3.5) < 1e-9, `NFC may shrink UTF-8 ${bound} times here`);
  assert.equal(V.MAX_RAW_TEXT_BYTES, 4 * 4096);
  // the worst case just above the raw limit is too long after NFC as well
  const worst = "\u1fbe\u0308\u0301".repeat(Math.floor(V.MAX_RAW_TEXT_BYTES / 7) + 1);
  assert.ok(utf8(worst) > V.MAX_RAW_TEXT_BYTES && utf8(worst.normalize("NFC")) > 4096);
});

test("utf8Length counts UTF-8 bytes without encoding", () => {
  for (const s of ["", "a", "é", "€", "😀", "a\u0301\u0316😀€", "\u1100\u1161\u11a8".repeat(7)]) assert.equal(V.utf8Length(s), utf8(s), s);
});

test("a megabyte of combining marks in a text value fails entropy-plan, refused by its size", async () => {
  const t = example();
  // alternating canonical classes (230, 220): canonical reordering is quadratic in some normalisers
  t.entropy[1].value = "a" + "\u0301\u0316".repeat(250_000);
  const rep = await V.verifyTranscript(JSON.stringify(t));
  assert.equal(rep.outcome, "failed");
  assert.equal(rep.failed_check, "entropy-plan");
  assert.match(rep.checks.at(-1).detail, /longer than 4096 bytes/);
  // below the raw limit the value is judged on its NFC bytes: 12,285 bytes of jamo are 4095 in NFC
  t.entropy[1].value = "\u1100\u1161\u11a8".repeat(1365);
  const ok = await V.verifyTranscript(JSON.stringify(t));
  assert.equal(ok.failed_check, "draw-replay", "the value is valid; only the draw differs");
});

test("a plan of 80,000 sources is unusable, naming the limit of 64", async () => {
  const t = example();
  t.commitment.entropy_plan = Array.from({ length: 80_000 }, (_, i) => ({ label: `s${i}`, kind: "text" }));
  const rep = await V.verifyTranscript(JSON.stringify(t));
  assert.equal(rep.outcome, "unusable");
  assert.match(rep.unusable.message, /at most 64 public entropy sources, found 80000/);
  // 64 sources are usable: the transcript then fails on its digest, not on the plan
  t.commitment.entropy_plan = t.commitment.entropy_plan.slice(0, 64);
  assert.equal((await V.verifyTranscript(JSON.stringify(t))).failed_check, "commitment-digest");
});

test("RFC 3797: a key of a million digits and 65,536 picks are unusable, naming the limits", async () => {
  const key = rfcExample();
  key.key = "1".repeat(1_000_000);
  const k = await V.verifyTranscript(JSON.stringify(key));
  assert.equal(k.outcome, "unusable");
  assert.match(k.unusable.message, /at most 16384 digits/);
  for (const reserves of [65531, 4092, "18446744073709551615"]) {
    const t = rfcExample();
    const text = JSON.stringify(t).replace(`"reserves":${t.commitment.reserves}`, `"reserves":${reserves}`);
    const rep = await V.verifyTranscript(text);
    assert.equal(rep.outcome, "unusable", String(reserves));
    assert.match(rep.unusable.message, /at most 4096 recipients and reserves together/);
  }
  assert.throws(() => V.rfc3797Select("1./", 5000, 4097), RangeError);
  assert.throws(() => V.rfc3797Select("1".repeat(16_385), 10, 1), RangeError);
  assert.equal(V.rfc3797Select(`${"1".repeat(16_382)}./`, 4096, 4096).length, 4096);
});
