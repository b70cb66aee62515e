// The RFC 3797 method (SPEC §12): MD5, the RFC's worked example, the
// transcript vectors in fixtures/rfc3797/ and the generated example.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { FIX, readVector } from "./helpers.mjs";
import * as V from "../potdraw-verify.js";

test("MD5: the test suite of RFC 1321 appendix A.5", () => {
  const suite = [
    ["", "d41d8cd98f00b204e9800998ecf8427e"],
    ["a", "0cc175b9c0f1b6a831c399e269772661"],
    ["abc", "900150983cd24fb0d6963f7d28e17f72"],
    ["message digest", "f96b697d7cb7938d525a2f31aaf161d0"],
    ["abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"],
    ["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f"],
    ["12345678901234567890123456789012345678901234567890123456789012345678901234567890", "57edf4a22be3c955ac49da2e2107b67a"],
  ];
  for (const [msg, want] of suite) assert.equal(V.toHex(V.md5(msg)), want, JSON.stringify(msg));
});

test("MD5: every length from 0 to 200 bytes (padding edges at 55, 56, 63, 64) agrees with node:crypto", async () => {
  const { createHash } = await import("node:crypto");
  for (let n = 0; n <= 200; n++) {
    const b = Uint8Array.from({ length: n }, (_, i) => (i * 131 + n * 7) & 255);
    assert.equal(V.toHex(V.md5(b)), createHash("md5").update(b).digest("hex"), `length ${n}`);
  }
});
test("RFC 3797 §6 worked example (fixtures/rfc3797/rfc-example.txt): key, every MD5 value, the selection", () => {
  const { headers, body } = readVector(path.join(FIX, "rfc3797/rfc-example.txt"));
  assert.equal(headers.kind, "rfc3797-example");
  assert.equal(headers.expect, "match");
  const { inputs, outputs } = JSON.parse(body.toString("utf8"));
  const got = V.rfc3797Steps(inputs.sources, inputs.pool, inputs.select);
  assert.equal(got.key, "9319./2.5.8.10.12./9.18.26.34.41.45./");
  assert.equal(got.key, outputs.key);
  assert.equal(got.steps.length, 16);
  assert.deepEqual(got.steps, outputs.steps);
  assert.deepEqual(got.selected, outputs.selected);
  // the RFC's own ten, and the three values SPEC §12.7 quotes
  assert.deepEqual(got.selected.slice(0, 10), [17, 7, 2, 16, 25, 23, 8, 24, 19, 13]);
  assert.equal(got.steps[0].md5.toUpperCase(), "990DD0A5692A029A98B5E01AA28F3459");
  assert.equal(got.steps[1].md5.toUpperCase(), "3691E55CB63FCC37914430B2F70B5EC6");
  assert.equal(got.steps[9].md5.toUpperCase(), "31CB111C4A4EBE9287CEAE16FE51B909");
  // value(i) is MD5(u16be(i) ‖ key ‖ u16be(i)) read as a 128-bit big-endian integer
  const v = V.rfc3797Value(got.key, 0);
  assert.equal(v.value, BigInt("0x990DD0A5692A029A98B5E01AA28F3459"));
  assert.equal(Number(v.value % 25n) + 1, 17);
});

test("RFC 3797 key string: sorted by value, leading zeros dropped, sources in order, duplicates kept", () => {
  assert.equal(V.rfc3797Key(["3 14 15 22 35 41", "0927"]), "3.14.15.22.35.41./927./");
  assert.equal(V.rfc3797Key(["10 8 0 00 007"]), "0.0.7.8.10./");
  assert.equal(V.rfc3797Key(["5 5 3"]), "3.5.5./");
  assert.equal(V.rfc3797Key(["1", "2"]), "1./2./");
  assert.notEqual(V.rfc3797Key(["1", "2"]), V.rfc3797Key(["2", "1"]));
  const big = "9".repeat(100);
  assert.equal(V.rfc3797Key([`${big} 1${"0".repeat(98)} 0${big.slice(1)}`]), `1${"0".repeat(98)}.${"9".repeat(99)}.${big}./`);
  assert.equal(V.rfc3797ValueProblem("3 14 15"), null);
  assert.equal(V.rfc3797ValueProblem(Array(1000).fill("1").join(" ")), null);
  assert.equal(V.rfc3797ValueProblem(big), null);
  for (const bad of ["", " 3", "3 ", "3  14", "3,14", "3\t14", "-3", "+3", "\uff13", "1".repeat(101), Array(1001).fill("1").join(" ")]) {
    assert.notEqual(V.rfc3797ValueProblem(bad), null, JSON.stringify(bad));
  }
});

test("RFC 3797 selection: removal order, and the 65,536-value limit", () => {
  // a pool of 3 picked completely is a permutation
  const key = V.rfc3797Key(["1 2 3"]);
  assert.deepEqual([...V.rfc3797Select(key, 3, 3)].sort(), [0, 1, 2]);
  // the Fenwick walk equals the plain list of SPEC §12.1
  for (const [n, k] of [[1, 1], [2, 2], [25, 16], [100, 100], [1000, 37]]) {
    const remaining = Array.from({ length: n }, (_, i) => i);
    const want = [];
    for (let i = 0; i < k; i++) want.push(remaining.splice(Number(V.rfc3797Value(key, i).value % BigInt(remaining.length)), 1)[0]);
    assert.deepEqual(V.rfc3797Select(key, n, k), want, `${n}/${k}`);
  }
  assert.throws(() => V.rfc3797Select(key, 70000, 65537), RangeError);
});
