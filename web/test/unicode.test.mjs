// SPEC §2.4: the JavaScript verifier's own Unicode 15.0.0 table agrees with
// the Rust one for every code point, Node's NFC agrees with Rust's on every
// assigned code point, and what is shown to people marks invisible characters.
import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import path from "node:path";
import { FIX } from "./helpers.mjs";
import { isAssigned, isInvisible, visible, firstUnassigned, idProblem, verifyTranscript, participantCheck, CodeError, UNICODE_VERSION } from "../potdraw-verify.js";

/** fixtures/unicode/ranges.txt (written by fixgen from crates/core/src/unicode_table.rs). */
function rustRanges() {
  const out = {};
  let cur = null;
  for (const line of readFileSync(path.join(FIX, "unicode/ranges.txt"), "utf8").split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const m = /^\[(\w+)\]$/.exec(line);
    if (m) out[(cur = m[1])] = [];
    else out[cur].push(line.split(" ").map((h) => parseInt(h, 16)));
  }
  return out;
}

/** A membership bitmap over 0..=0x10FFFF from inclusive ranges. */
function bitmap(ranges) {
  const bits = new Uint8Array(0x110000);
  for (const [a, b] of ranges) bits.fill(1, a, b + 1);
  return bits;
}

test("every code point 0..=0x10FFFF: the JS tables answer as the Rust tables", () => {
  const r = rustRanges();
  assert.ok(r.assigned.length > 600 && r.invisible.length > 20, "the fixture holds both tables");
  const assigned = bitmap(r.assigned);
  const invisible = bitmap(r.invisible);
  let nAssigned = 0;
  const wrong = [];
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    if (isAssigned(cp) !== (assigned[cp] === 1)) wrong.push(`assigned U+${cp.toString(16)}`);
    if (isInvisible(cp) !== (invisible[cp] === 1)) wrong.push(`invisible U+${cp.toString(16)}`);
    nAssigned += assigned[cp];
  }
  assert.deepEqual(wrong.slice(0, 10), []);
  // Unicode 15.0.0: 149,186 graphic and format characters, 65 controls, 137,468 private-use code points.
  assert.equal(nAssigned, 149186 + 65 + 137468);
  assert.equal(UNICODE_VERSION, "15.0.0");
});

test("Node's NFC equals Rust's on a string of every assigned code point next to combining marks", () => {
  const parts = [];
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    if (!isAssigned(cp)) continue;
    const c = String.fromCodePoint(cp);
    parts.push("a", c, "\u0327\u0301", c);
  }
  const normal = parts.join("").normalize("NFC");
  const got = createHash("sha256").update(Buffer.from(normal, "utf8")).digest("hex");
  const lines = readFileSync(path.join(FIX, "unicode/nfc.txt"), "utf8").split("\n").filter((l) => l && !l.startsWith("#"));
  assert.equal(got, lines[0], "Node's NFC differs from Rust's (fixtures/unicode/nfc.txt)");
});

test("marks assigned after Unicode 15.0 are outside the repertoire, whatever this Node knows", () => {
  for (const cp of [0x1ade, 0x1adf, 0x1aec, 0x1af0, 0x10ecb, 0x10ecf, 0x10ef0, 0x10ef9, 0x1d127, 0x1d128, 0x2ffc]) {
    assert.equal(isAssigned(cp), false, cp.toString(16));
  }
  assert.deepEqual(firstUnassigned("ab\u1adec"), { position: 3, cp: 0x1ade });
  assert.equal(firstUnassigned("René"), null);
  assert.deepEqual(firstUnassigned("a\ud800"), { position: 2, cp: 0xd800 });
});

test("visible: the same rendering as core::unicode::visible", () => {
  assert.equal(visible("\u200b03 14\u200b"), "⟨U+200B⟩03 14⟨U+200B⟩");
  assert.equal(visible("\u001b[2J"), "⟨U+001B⟩[2J");
  assert.equal(visible("a\u00a0b\tc\n"), "a⟨U+00A0⟩b⟨U+0009⟩c⟨U+000A⟩");
  assert.equal(visible("René €"), "René €");
  assert.equal(visible("x\u{1ade}"), "x⟨U+1ADE⟩");
  assert.equal(visible("⟨U+200B⟩"), "⟨U+27E8⟩U+200B⟩");
  assert.notEqual(visible("\u200b03\u200b"), visible("03"));
});

test("ids no list can hold: the rules of core::unicode::check_id", () => {
  assert.equal(idProblem("ZUID-001"), null);
  assert.equal(idProblem("Jan\u00a0Jansen"), null);
  assert.deepEqual(idProblem("\u200b"), { kind: "id-invisible", position: null, cp: null });
  assert.deepEqual(idProblem("\ufeffA-1"), { kind: "id-invisible", position: 1, cp: 0xfeff });
  assert.deepEqual(idProblem("A\u200dB"), { kind: "id-invisible", position: 2, cp: 0x200d });
  assert.deepEqual(idProblem("e\u{1ade}"), { kind: "id-unassigned", position: 2, cp: 0x1ade });
});

async function example() {
  const t = JSON.parse(readFileSync(path.join(FIX, "example/transcript.json"), "utf8"));
  const i = t.entropy.findIndex((e) => e.kind === "text");
  assert.ok(i >= 0, "the example has a text source");
  return { t, i };
}

test("a text value outside Unicode 15.0 fails entropy-plan, naming the code point", async () => {
  const { t, i } = await example();
  t.entropy[i].value = t.entropy[i].value + "\u{1ade}";
  const rep = await verifyTranscript(JSON.stringify(t));
  assert.equal(rep.failed_check, "entropy-plan");
  const failed = rep.checks.find((c) => c.check === "entropy-plan");
  assert.match(failed.detail, /U\+1ADE/);
});

test("the report carries the revealed values, and the participant check names an impossible id", async () => {
  const { t, i } = await example();
  const rep = await verifyTranscript(JSON.stringify(t));
  assert.equal(rep.verified, true);
  assert.equal(rep.entropy[i].value, t.entropy[i].value);
  const code = "0".repeat(28);
  await assert.rejects(participantCheck(rep, "\u200bZUID-002", code), (e) => e instanceof CodeError && e.kind === "id-invisible" && e.position === 1 && e.codePoint === "U+200B");
  await assert.rejects(participantCheck(rep, "ZUID-00\u{1ade}2", code), (e) => e instanceof CodeError && e.kind === "id-unassigned" && e.position === 8);
});
