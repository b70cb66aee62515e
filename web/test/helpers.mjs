// Shared helpers for the Node tests of web/potdraw-verify.js.
import { readFileSync, readdirSync } from "node:fs";
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import path from "node:path";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const FIX = path.join(ROOT, "fixtures");

/** Read a SPEC §11.2 test-vector file: {headers, body (Buffer)}. */
export function readVector(file) {
  const buf = readFileSync(file);
  const sep = buf.indexOf("\n\n");
  if (sep < 0) throw new Error(`${file}: no empty line after the header`);
  const lines = buf.subarray(0, sep).toString("utf8").split("\n");
  if (lines[0] !== "potdraw test vector v1") throw new Error(`${file}: bad first line`);
  const headers = {};
  for (const l of lines.slice(1)) {
    const c = l.indexOf(": ");
    if (c < 0) throw new Error(`${file}: bad header line ${l}`);
    const key = l.slice(0, c);
    if (key in headers) throw new Error(`${file}: repeated header ${key}`);
    headers[key] = l.slice(c + 2);
  }
  return { headers, body: buf.subarray(sep + 2) };
}

export function listVectors(dir) {
  return readdirSync(path.join(FIX, dir))
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => path.join(FIX, dir, f));
}

export const hexToBytes = (h) => Uint8Array.from(Buffer.from(h, "hex"));

// §3.1 and §7.3, independently of the verifier: H(tag, JCS(transcript)) with
// node:crypto and a JCS sufficient for these documents (small integers, strings).
const jcs = (v) => (Array.isArray(v) ? `[${v.map(jcs).join(",")}]` : v && typeof v === "object" ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${jcs(v[k])}`).join(",")}}` : JSON.stringify(v));
function H(tag, ...fields) {
  const h = createHash("sha256");
  const u64 = (n) => {
    const b = Buffer.alloc(8);
    b.writeBigUInt64BE(BigInt(n));
    return b;
  };
  for (const f of [Buffer.from(tag, "ascii"), ...fields]) h.update(u64(f.length)).update(f);
  return h.digest("hex");
}
/** The transcript digest of a parsed transcript (§7.3), computed here and not by the verifier. */
export const transcriptDigest = (t) => H("potdraw/v1/transcript", Buffer.from(jcs(t), "utf8"));

/** A small seeded PRNG for the random tests (mulberry32; not a CSPRNG): next() in [0, 1), int(lo, hi) inclusive, pick(xs). */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)); // inclusive
  const pick = (xs) => xs[int(0, xs.length - 1)];
  return { next, int, pick };
}
