// Shared helpers for the Node tests of web/potdraw-verify.js.
import { readFileSync, readdirSync } from "node:fs";
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
