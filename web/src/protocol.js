// web/src/protocol.js: the primitives of the protocol (SPEC §2–§6, §12.1, §4.3): bytes,
// H, MD5, text and Unicode 15.0.0 rules, strict JSON, JCS, ChaCha20, the
// selection, entropy, the RFC 3797 method, receipt codes.
// Part of potdraw's independent verifier, written from docs/SPEC.md alone;
// web/build.mjs inlines the parts, in order, into the single offline page
// web/verify.html (imports between the parts are dropped there), and
// web/potdraw-verify.js gathers them for Node.

// potdraw-verify.js: an independent verifier for potdraw protocol v1, v3
// (§14) and v4 (§17, several lists), and for the RFC 3797 method (SPEC §12),
// written from docs/SPEC.md alone. Plain JavaScript (ES2020), no dependencies.
// Runs in the browser (inlined into verify.html) and under Node >= 20.
//
// JSON values are represented as: null, true, false, string, BigInt (every
// integer), Array, Map (objects, member order kept).

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const TWO64 = 1n << 64n;
const MAX_SAFE = (1n << 53n) - 1n;

export const TAGS = {
  entry: "potdraw/v1/entry",
  seedCommitment: "potdraw/v1/seed-commitment",
  commitment: "potdraw/v1/commitment",
  entropy: "potdraw/v1/entropy",
  drawSeed: "potdraw/v1/draw-seed",
  transcript: "potdraw/v1/transcript",
};
export const FORMATS = {
  commitment: "potdraw/commitment/v1",
  transcript: "potdraw/transcript/v1",
  receipt: "potdraw/receipt/v1",
};
export const KNOWN_ENTROPY_KINDS = ["dice", "text"];
// §5.1, §7.7: the most sources a plan may announce; the longest text value before NFC (4 × 4096 bytes).
export const MAX_PLAN_SOURCES = 64;
export const MAX_RAW_TEXT_BYTES = 4 * 4096;

// The RFC 3797 method (SPEC §12): its own identifiers and tags; v1 is unchanged.
export const RFC3797_TAGS = {
  commitment: "potdraw/rfc3797-v1/commitment",
  transcript: "potdraw/rfc3797-v1/transcript",
};
export const RFC3797_FORMATS = {
  commitment: "potdraw/commitment/rfc3797-v1",
  transcript: "potdraw/transcript/rfc3797-v1",
};
export const RFC3797_ENTROPY_KINDS = ["numbers"];
// Version 3 (SPEC §14): v1's algorithm and tags; the "numbers" kind with a
// count in place of "text", and an optional "previous" member. Its "drand"
// kind (§13) is not checked by this verifier, as in v2.
export const V3_FORMATS = { commitment: "potdraw/commitment/v3", transcript: "potdraw/transcript/v3" };
export const V3_ENTROPY_KINDS = ["dice", "numbers"];
export const V3_MAX_NUMBERS = 100;
export const V3_MAX_DIGITS = 20;
// Version 4 (SPEC §17): v3 with several named lists drawn from one draw seed;
// receipts of format potdraw/receipt/v2. Its functions are in the section
// "version 4: several lists" below.
export const V4_FORMATS = { commitment: "potdraw/commitment/v4", transcript: "potdraw/transcript/v4", receipt: "potdraw/receipt/v2" };
// Version 5 (SPEC §19): v4 with a required display name (`display`) on every
// list object, inside the digest; every other rule, tag, receipt and record is v4's.
export const V5_FORMATS = { commitment: "potdraw/commitment/v5", transcript: "potdraw/transcript/v5", receipt: V4_FORMATS.receipt };
/** The methods: "v1" (§1–§11), "v3" (§14), "v4" (§17), "v5" (§19) and "rfc3797" (§12), by their document identifiers. */
export const METHODS = {
  v1: { name: "v1", commitment: FORMATS.commitment, transcript: FORMATS.transcript, tags: TAGS },
  v3: { name: "v3", commitment: V3_FORMATS.commitment, transcript: V3_FORMATS.transcript, tags: TAGS },
  v4: { name: "v4", commitment: V4_FORMATS.commitment, transcript: V4_FORMATS.transcript, tags: TAGS },
  v5: { name: "v5", commitment: V5_FORMATS.commitment, transcript: V5_FORMATS.transcript, tags: TAGS },
  rfc3797: { name: "rfc3797", commitment: RFC3797_FORMATS.commitment, transcript: RFC3797_FORMATS.transcript, tags: RFC3797_TAGS },
  // §12.9: the RFC 3797 method with counted numbers in their one canonical form (§14.2).
  "rfc3797-v2": { name: "rfc3797-v2", commitment: "potdraw/commitment/rfc3797-v2", transcript: "potdraw/transcript/rfc3797-v2", tags: RFC3797_TAGS },
};
export const methodOfCommitment = (f) => Object.values(METHODS).find((x) => x.commitment === f);
export const methodOfTranscript = (f) => Object.values(METHODS).find((x) => x.transcript === f);

// ---------------------------------------------------------------- errors

/** The document cannot be parsed or is outside the syntax (SPEC §8.1). */
export class Unusable extends Error {
  constructor(message, where) {
    super(where ? `${where}: ${message}` : message);
    this.name = "Unusable";
  }
}
/** A receipt code that cannot be read (SPEC §4.3). */
export class CodeError extends Error {
  constructor(kind, message, extra = {}) {
    super(message);
    this.name = "CodeError";
    this.kind = kind;
    Object.assign(this, extra);
  }
}
export class JcsRangeError extends Error {}

// ---------------------------------------------------------------- bytes, hex

const enc = new TextEncoder();
export const utf8 = (s) => enc.encode(s);

export function toHex(bytes) {
  let s = "";
  for (let i = 0; i < bytes.length; i++) s += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
  return s;
}
export function isHex(s, nbytes) {
  if (typeof s !== "string" || s.length !== 2 * nbytes) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}
export function fromHex(s) {
  if (typeof s !== "string" || s.length % 2 !== 0 || !isHex(s, s.length / 2)) {
    throw new Error(`malformed hex: ${JSON.stringify(String(s).slice(0, 80))}`);
  }
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.substr(2 * i, 2), 16);
  return out;
}
function intBE(bytes) {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

// ---------------------------------------------------------------- H (§3)

function u64be(n) {
  const b = new Uint8Array(8);
  let v = BigInt(n);
  for (let i = 7; i >= 0; i--) {
    b[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return b;
}

/** H(tag, f1, …, fn) = SHA-256(u64be(len(tag)) ‖ tag ‖ u64be(len(f1)) ‖ f1 ‖ …). Returns Uint8Array(32). */
export async function H(tag, ...fields) {
  const parts = [utf8(tag), ...fields.map((f) => (typeof f === "string" ? utf8(f) : f))];
  let total = 0;
  for (const p of parts) total += 8 + p.length;
  const buf = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    buf.set(u64be(p.length), o);
    buf.set(p, o + 8);
    o += 8 + p.length;
  }
  const d = await globalThis.crypto.subtle.digest("SHA-256", buf);
  return new Uint8Array(d);
}
export const Hhex = async (tag, ...fields) => toHex(await H(tag, ...fields));

export const leafOf = (id, salt) => H(TAGS.entry, utf8(id.normalize("NFC")), salt);
export const seedCommitmentOf = (seed) => H(TAGS.seedCommitment, seed);

// ---------------------------------------------------------------- MD5 (RFC 1321), for the RFC 3797 method (§12)

// Web Crypto has no MD5, so it is written out here from RFC 1321 §3.
const MD5_S = [7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21];
// T[i] = floor(2^32 · |sin(i + 1)|), RFC 1321 §3.4, written out rather than computed from Math.sin.
const MD5_T = new Uint32Array([
  0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
  0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
  0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
  0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
  0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
  0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
  0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
  0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
]);

/** MD5(bytes) per RFC 1321. `input` is a Uint8Array or a string (hashed as UTF-8). Returns Uint8Array(16). */
export function md5(input) {
  const msg = typeof input === "string" ? utf8(input) : input;
  const len = msg.length;
  // padding: 0x80, zeros to 56 mod 64, then the bit length as 64-bit little-endian
  const total = ((len + 8) >>> 6) * 64 + 64;
  const buf = new Uint8Array(total);
  buf.set(msg);
  buf[len] = 0x80;
  const dv = new DataView(buf.buffer);
  dv.setUint32(total - 8, (len * 8) >>> 0, true);
  dv.setUint32(total - 4, Math.floor(len / 0x20000000), true);
  let a0 = 0x67452301;
  let b0 = 0xefcdab89;
  let c0 = 0x98badcfe;
  let d0 = 0x10325476;
  const X = new Uint32Array(16);
  for (let off = 0; off < total; off += 64) {
    for (let j = 0; j < 16; j++) X[j] = dv.getUint32(off + 4 * j, true);
    let a = a0;
    let b = b0;
    let c = c0;
    let d = d0;
    for (let i = 0; i < 64; i++) {
      let f;
      let g;
      if (i < 16) {
        f = (b & c) | (~b & d);
        g = i;
      } else if (i < 32) {
        f = (d & b) | (~d & c);
        g = (5 * i + 1) & 15;
      } else if (i < 48) {
        f = b ^ c ^ d;
        g = (3 * i + 5) & 15;
      } else {
        f = c ^ (b | ~d);
        g = (7 * i) & 15;
      }
      const t = (a + f + MD5_T[i] + X[g]) | 0;
      a = d;
      d = c;
      c = b;
      b = (b + ((t << MD5_S[i]) | (t >>> (32 - MD5_S[i])))) | 0;
    }
    a0 = (a0 + a) | 0;
    b0 = (b0 + b) | 0;
    c0 = (c0 + c) | 0;
    d0 = (d0 + d) | 0;
  }
  const out = new Uint8Array(16);
  const ov = new DataView(out.buffer);
  ov.setUint32(0, a0 >>> 0, true);
  ov.setUint32(4, b0 >>> 0, true);
  ov.setUint32(8, c0 >>> 0, true);
  ov.setUint32(12, d0 >>> 0, true);
  return out;
}

// ---------------------------------------------------------------- text helpers

const WHITE_SPACE = new Set([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004,
  0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);
/** Trim Unicode White_Space (SPEC §1.3, §4.1); not String.prototype.trim. */
export function trimWhiteSpace(s) {
  let a = 0;
  let b = s.length;
  while (a < b && WHITE_SPACE.has(s.charCodeAt(a))) a++;
  while (b > a && WHITE_SPACE.has(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}
const isCc = (cp) => cp <= 0x1f || (cp >= 0x7f && cp <= 0x9f);
export function hasCc(s) {
  for (let i = 0; i < s.length; i++) if (isCc(s.charCodeAt(i))) return true;
  return false;
}
/** UTF-8 length of a well-formed string, without encoding it (a surrogate pair counts 2 + 2). */
export function utf8Length(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdfff ? 2 : 3;
  }
  return n;
}
export const scalarCount = (s) => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

// ---------------------------------------------------------------- Unicode 15.0.0 repertoire (§2.4)
// This verifier's own table, never the browser's Unicode version: NFC is the
// same everywhere only for code points assigned in Unicode 15.0.0.
// BEGIN generated Unicode 15.0.0 tables (SPEC §2.4): made by `cargo run -p potdraw-fixgen -- unicode`
// from UnicodeData.txt and DerivedCoreProperties.txt; do not edit. Hex ranges "a-b" or single "a".
const UNICODE_ASSIGNED_RANGES =
  "0-377 37a-37f 384-38a 38c 38e-3a1 3a3-52f 531-556 559-58a 58d-58f 591-5c7 5d0-5ea 5ef-5f4 " +
  "600-70d 70f-74a 74d-7b1 7c0-7fa 7fd-82d 830-83e 840-85b 85e 860-86a 870-88e 890-891 898-983 " +
  "985-98c 98f-990 993-9a8 9aa-9b0 9b2 9b6-9b9 9bc-9c4 9c7-9c8 9cb-9ce 9d7 9dc-9dd 9df-9e3 " +
  "9e6-9fe a01-a03 a05-a0a a0f-a10 a13-a28 a2a-a30 a32-a33 a35-a36 a38-a39 a3c a3e-a42 a47-a48 " +
  "a4b-a4d a51 a59-a5c a5e a66-a76 a81-a83 a85-a8d a8f-a91 a93-aa8 aaa-ab0 ab2-ab3 ab5-ab9 " +
  "abc-ac5 ac7-ac9 acb-acd ad0 ae0-ae3 ae6-af1 af9-aff b01-b03 b05-b0c b0f-b10 b13-b28 b2a-b30 " +
  "b32-b33 b35-b39 b3c-b44 b47-b48 b4b-b4d b55-b57 b5c-b5d b5f-b63 b66-b77 b82-b83 b85-b8a b8e-b90 " +
  "b92-b95 b99-b9a b9c b9e-b9f ba3-ba4 ba8-baa bae-bb9 bbe-bc2 bc6-bc8 bca-bcd bd0 bd7 " +
  "be6-bfa c00-c0c c0e-c10 c12-c28 c2a-c39 c3c-c44 c46-c48 c4a-c4d c55-c56 c58-c5a c5d c60-c63 " +
  "c66-c6f c77-c8c c8e-c90 c92-ca8 caa-cb3 cb5-cb9 cbc-cc4 cc6-cc8 cca-ccd cd5-cd6 cdd-cde ce0-ce3 " +
  "ce6-cef cf1-cf3 d00-d0c d0e-d10 d12-d44 d46-d48 d4a-d4f d54-d63 d66-d7f d81-d83 d85-d96 d9a-db1 " +
  "db3-dbb dbd dc0-dc6 dca dcf-dd4 dd6 dd8-ddf de6-def df2-df4 e01-e3a e3f-e5b e81-e82 " +
  "e84 e86-e8a e8c-ea3 ea5 ea7-ebd ec0-ec4 ec6 ec8-ece ed0-ed9 edc-edf f00-f47 f49-f6c " +
  "f71-f97 f99-fbc fbe-fcc fce-fda 1000-10c5 10c7 10cd 10d0-1248 124a-124d 1250-1256 1258 125a-125d " +
  "1260-1288 128a-128d 1290-12b0 12b2-12b5 12b8-12be 12c0 12c2-12c5 12c8-12d6 12d8-1310 1312-1315 1318-135a 135d-137c " +
  "1380-1399 13a0-13f5 13f8-13fd 1400-169c 16a0-16f8 1700-1715 171f-1736 1740-1753 1760-176c 176e-1770 1772-1773 1780-17dd " +
  "17e0-17e9 17f0-17f9 1800-1819 1820-1878 1880-18aa 18b0-18f5 1900-191e 1920-192b 1930-193b 1940 1944-196d 1970-1974 " +
  "1980-19ab 19b0-19c9 19d0-19da 19de-1a1b 1a1e-1a5e 1a60-1a7c 1a7f-1a89 1a90-1a99 1aa0-1aad 1ab0-1ace 1b00-1b4c 1b50-1b7e " +
  "1b80-1bf3 1bfc-1c37 1c3b-1c49 1c4d-1c88 1c90-1cba 1cbd-1cc7 1cd0-1cfa 1d00-1f15 1f18-1f1d 1f20-1f45 1f48-1f4d 1f50-1f57 " +
  "1f59 1f5b 1f5d 1f5f-1f7d 1f80-1fb4 1fb6-1fc4 1fc6-1fd3 1fd6-1fdb 1fdd-1fef 1ff2-1ff4 1ff6-1ffe 2000-2064 " +
  "2066-2071 2074-208e 2090-209c 20a0-20c0 20d0-20f0 2100-218b 2190-2426 2440-244a 2460-2b73 2b76-2b95 2b97-2cf3 2cf9-2d25 " +
  "2d27 2d2d 2d30-2d67 2d6f-2d70 2d7f-2d96 2da0-2da6 2da8-2dae 2db0-2db6 2db8-2dbe 2dc0-2dc6 2dc8-2dce 2dd0-2dd6 " +
  "2dd8-2dde 2de0-2e5d 2e80-2e99 2e9b-2ef3 2f00-2fd5 2ff0-2ffb 3000-303f 3041-3096 3099-30ff 3105-312f 3131-318e 3190-31e3 " +
  "31f0-321e 3220-a48c a490-a4c6 a4d0-a62b a640-a6f7 a700-a7ca a7d0-a7d1 a7d3 a7d5-a7d9 a7f2-a82c a830-a839 a840-a877 " +
  "a880-a8c5 a8ce-a8d9 a8e0-a953 a95f-a97c a980-a9cd a9cf-a9d9 a9de-a9fe aa00-aa36 aa40-aa4d aa50-aa59 aa5c-aac2 aadb-aaf6 " +
  "ab01-ab06 ab09-ab0e ab11-ab16 ab20-ab26 ab28-ab2e ab30-ab6b ab70-abed abf0-abf9 ac00-d7a3 d7b0-d7c6 d7cb-d7fb e000-fa6d " +
  "fa70-fad9 fb00-fb06 fb13-fb17 fb1d-fb36 fb38-fb3c fb3e fb40-fb41 fb43-fb44 fb46-fbc2 fbd3-fd8f fd92-fdc7 fdcf " +
  "fdf0-fe19 fe20-fe52 fe54-fe66 fe68-fe6b fe70-fe74 fe76-fefc feff ff01-ffbe ffc2-ffc7 ffca-ffcf ffd2-ffd7 ffda-ffdc " +
  "ffe0-ffe6 ffe8-ffee fff9-fffd 10000-1000b 1000d-10026 10028-1003a 1003c-1003d 1003f-1004d 10050-1005d 10080-100fa 10100-10102 10107-10133 " +
  "10137-1018e 10190-1019c 101a0 101d0-101fd 10280-1029c 102a0-102d0 102e0-102fb 10300-10323 1032d-1034a 10350-1037a 10380-1039d 1039f-103c3 " +
  "103c8-103d5 10400-1049d 104a0-104a9 104b0-104d3 104d8-104fb 10500-10527 10530-10563 1056f-1057a 1057c-1058a 1058c-10592 10594-10595 10597-105a1 " +
  "105a3-105b1 105b3-105b9 105bb-105bc 10600-10736 10740-10755 10760-10767 10780-10785 10787-107b0 107b2-107ba 10800-10805 10808 1080a-10835 " +
  "10837-10838 1083c 1083f-10855 10857-1089e 108a7-108af 108e0-108f2 108f4-108f5 108fb-1091b 1091f-10939 1093f 10980-109b7 109bc-109cf " +
  "109d2-10a03 10a05-10a06 10a0c-10a13 10a15-10a17 10a19-10a35 10a38-10a3a 10a3f-10a48 10a50-10a58 10a60-10a9f 10ac0-10ae6 10aeb-10af6 10b00-10b35 " +
  "10b39-10b55 10b58-10b72 10b78-10b91 10b99-10b9c 10ba9-10baf 10c00-10c48 10c80-10cb2 10cc0-10cf2 10cfa-10d27 10d30-10d39 10e60-10e7e 10e80-10ea9 " +
  "10eab-10ead 10eb0-10eb1 10efd-10f27 10f30-10f59 10f70-10f89 10fb0-10fcb 10fe0-10ff6 11000-1104d 11052-11075 1107f-110c2 110cd 110d0-110e8 " +
  "110f0-110f9 11100-11134 11136-11147 11150-11176 11180-111df 111e1-111f4 11200-11211 11213-11241 11280-11286 11288 1128a-1128d 1128f-1129d " +
  "1129f-112a9 112b0-112ea 112f0-112f9 11300-11303 11305-1130c 1130f-11310 11313-11328 1132a-11330 11332-11333 11335-11339 1133b-11344 11347-11348 " +
  "1134b-1134d 11350 11357 1135d-11363 11366-1136c 11370-11374 11400-1145b 1145d-11461 11480-114c7 114d0-114d9 11580-115b5 115b8-115dd " +
  "11600-11644 11650-11659 11660-1166c 11680-116b9 116c0-116c9 11700-1171a 1171d-1172b 11730-11746 11800-1183b 118a0-118f2 118ff-11906 11909 " +
  "1190c-11913 11915-11916 11918-11935 11937-11938 1193b-11946 11950-11959 119a0-119a7 119aa-119d7 119da-119e4 11a00-11a47 11a50-11aa2 11ab0-11af8 " +
  "11b00-11b09 11c00-11c08 11c0a-11c36 11c38-11c45 11c50-11c6c 11c70-11c8f 11c92-11ca7 11ca9-11cb6 11d00-11d06 11d08-11d09 11d0b-11d36 11d3a " +
  "11d3c-11d3d 11d3f-11d47 11d50-11d59 11d60-11d65 11d67-11d68 11d6a-11d8e 11d90-11d91 11d93-11d98 11da0-11da9 11ee0-11ef8 11f00-11f10 11f12-11f3a " +
  "11f3e-11f59 11fb0 11fc0-11ff1 11fff-12399 12400-1246e 12470-12474 12480-12543 12f90-12ff2 13000-13455 14400-14646 16800-16a38 16a40-16a5e " +
  "16a60-16a69 16a6e-16abe 16ac0-16ac9 16ad0-16aed 16af0-16af5 16b00-16b45 16b50-16b59 16b5b-16b61 16b63-16b77 16b7d-16b8f 16e40-16e9a 16f00-16f4a " +
  "16f4f-16f87 16f8f-16f9f 16fe0-16fe4 16ff0-16ff1 17000-187f7 18800-18cd5 18d00-18d08 1aff0-1aff3 1aff5-1affb 1affd-1affe 1b000-1b122 1b132 " +
  "1b150-1b152 1b155 1b164-1b167 1b170-1b2fb 1bc00-1bc6a 1bc70-1bc7c 1bc80-1bc88 1bc90-1bc99 1bc9c-1bca3 1cf00-1cf2d 1cf30-1cf46 1cf50-1cfc3 " +
  "1d000-1d0f5 1d100-1d126 1d129-1d1ea 1d200-1d245 1d2c0-1d2d3 1d2e0-1d2f3 1d300-1d356 1d360-1d378 1d400-1d454 1d456-1d49c 1d49e-1d49f 1d4a2 " +
  "1d4a5-1d4a6 1d4a9-1d4ac 1d4ae-1d4b9 1d4bb 1d4bd-1d4c3 1d4c5-1d505 1d507-1d50a 1d50d-1d514 1d516-1d51c 1d51e-1d539 1d53b-1d53e 1d540-1d544 " +
  "1d546 1d54a-1d550 1d552-1d6a5 1d6a8-1d7cb 1d7ce-1da8b 1da9b-1da9f 1daa1-1daaf 1df00-1df1e 1df25-1df2a 1e000-1e006 1e008-1e018 1e01b-1e021 " +
  "1e023-1e024 1e026-1e02a 1e030-1e06d 1e08f 1e100-1e12c 1e130-1e13d 1e140-1e149 1e14e-1e14f 1e290-1e2ae 1e2c0-1e2f9 1e2ff 1e4d0-1e4f9 " +
  "1e7e0-1e7e6 1e7e8-1e7eb 1e7ed-1e7ee 1e7f0-1e7fe 1e800-1e8c4 1e8c7-1e8d6 1e900-1e94b 1e950-1e959 1e95e-1e95f 1ec71-1ecb4 1ed01-1ed3d 1ee00-1ee03 " +
  "1ee05-1ee1f 1ee21-1ee22 1ee24 1ee27 1ee29-1ee32 1ee34-1ee37 1ee39 1ee3b 1ee42 1ee47 1ee49 1ee4b " +
  "1ee4d-1ee4f 1ee51-1ee52 1ee54 1ee57 1ee59 1ee5b 1ee5d 1ee5f 1ee61-1ee62 1ee64 1ee67-1ee6a 1ee6c-1ee72 " +
  "1ee74-1ee77 1ee79-1ee7c 1ee7e 1ee80-1ee89 1ee8b-1ee9b 1eea1-1eea3 1eea5-1eea9 1eeab-1eebb 1eef0-1eef1 1f000-1f02b 1f030-1f093 1f0a0-1f0ae " +
  "1f0b1-1f0bf 1f0c1-1f0cf 1f0d1-1f0f5 1f100-1f1ad 1f1e6-1f202 1f210-1f23b 1f240-1f248 1f250-1f251 1f260-1f265 1f300-1f6d7 1f6dc-1f6ec 1f6f0-1f6fc " +
  "1f700-1f776 1f77b-1f7d9 1f7e0-1f7eb 1f7f0 1f800-1f80b 1f810-1f847 1f850-1f859 1f860-1f887 1f890-1f8ad 1f8b0-1f8b1 1f900-1fa53 1fa60-1fa6d " +
  "1fa70-1fa7c 1fa80-1fa88 1fa90-1fabd 1fabf-1fac5 1face-1fadb 1fae0-1fae8 1faf0-1faf8 1fb00-1fb92 1fb94-1fbca 1fbf0-1fbf9 20000-2a6df 2a700-2b739 " +
  "2b740-2b81d 2b820-2cea1 2ceb0-2ebe0 2f800-2fa1d 30000-3134a 31350-323af e0001 e0020-e007f e0100-e01ef f0000-ffffd 100000-10fffd ";
const UNICODE_INVISIBLE_RANGES =
  "0-1f 7f-a0 ad 34f 600-605 61c 6dd 70f 890-891 8e2 115f-1160 1680 " +
  "17b4-17b5 180b-180f 2000-200f 2028-202f 205f-206f 3000 3164 e000-f8ff fe00-fe0f feff ffa0 fff0-fffb " +
  "110bd 110cd 13430-1343f 1bca0-1bca3 1d173-1d17a e0000-e0fff f0000-ffffd 100000-10fffd ";
// END generated Unicode 15.0.0 tables

function parseRanges(text) {
  const parts = text.trim().split(/ +/);
  const out = new Uint32Array(parts.length * 2);
  parts.forEach((p, i) => {
    const [a, b = a] = p.split("-");
    out[2 * i] = parseInt(a, 16);
    out[2 * i + 1] = parseInt(b, 16);
  });
  return out;
}
export const UNICODE_VERSION = "15.0.0";
const ASSIGNED = parseRanges(UNICODE_ASSIGNED_RANGES);
const INVISIBLE = parseRanges(UNICODE_INVISIBLE_RANGES);
function inRanges(r, cp) {
  let lo = 0;
  let hi = r.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < r[2 * mid]) hi = mid - 1;
    else if (cp > r[2 * mid + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}
/** §2.4: the code point is assigned in Unicode 15.0.0 (surrogates are not). */
export const isAssigned = (cp) => inRanges(ASSIGNED, cp);
/** §2.4: Cc, Cf, Zl, Zp, Co, Zs other than U+0020, or Default_Ignorable_Code_Point. */
export const isInvisible = (cp) => inRanges(INVISIBLE, cp);
/** "U+200B" */
export const codePoint = (cp) => "U+" + cp.toString(16).toUpperCase().padStart(4, "0");
/** §2.4: the first code point outside the repertoire, {position (1-based, in code points), cp}, or null. */
export function firstUnassigned(s) {
  let position = 0;
  for (const ch of s) {
    position++;
    const cp = ch.codePointAt(0);
    if (!isAssigned(cp)) return { position, cp };
  }
  return null;
}
/**
 * §4.1: why an id can be in no list, or null: a control, invisible or format
 * character (Cf, Zl, Zp, Co, Default_Ignorable_Code_Point; Zs may stand
 * between words), nothing visible, or a code point outside the repertoire.
 * Returns {kind: "id-unassigned" | "id-invisible", position, cp} (position
 * 1-based in code points of the trimmed id; cp null when nothing is visible).
 */
export function idProblem(id) {
  const t = trimWhiteSpace(String(id));
  const hidden = (cp) => isCc(cp) || (isInvisible(cp) && (!WHITE_SPACE.has(cp) || cp === 0x2028 || cp === 0x2029));
  let position = 0;
  let seen = false;
  let first = null;
  for (const ch of t) {
    position++;
    const cp = ch.codePointAt(0);
    if (!isAssigned(cp)) return { kind: "id-unassigned", position, cp };
    if (hidden(cp)) first = first || { kind: "id-invisible", position, cp };
    else if (!WHITE_SPACE.has(cp)) seen = true;
  }
  if (t.length && !seen) return { kind: "id-invisible", position: null, cp: null };
  return first;
}
/**
 * §19.2: why a list's display name D is not well-formed, or null. The rules
 * in the SPEC's order: 1 to 64 scalar values; every character within the
 * repertoire (§2.4, this page's own table), checked before NFC, so that
 * String.prototype.normalize is only ever asked about assigned characters;
 * no Cc, Cf, Zl, Zp, Co or Default_Ignorable_Code_Point; NFC(D) = D; the
 * only White_Space is U+0020, not at either end and never twice in a row.
 * Rule 4 is §2.4's table of characters to mark minus Zs; a Zs other than
 * U+0020 is White_Space and refused by rule 5. Returns {rule, message}.
 */
export function displayProblem(D) {
  const n = scalarCount(D);
  if (n < 1 || n > 64) return { rule: "length", message: `expected 1 to 64 characters, found ${n}` };
  let position = 0;
  for (const ch of D) {
    position++;
    const cp = ch.codePointAt(0);
    if (!isAssigned(cp)) return { rule: "repertoire", message: `character ${position} (${codePoint(cp)}) is not assigned in Unicode ${UNICODE_VERSION}` };
  }
  position = 0;
  for (const ch of D) {
    position++;
    const cp = ch.codePointAt(0);
    if (WHITE_SPACE.has(cp) && !isCc(cp) && cp !== 0x2028 && cp !== 0x2029) continue; // Zs: rule 5's
    if (isCc(cp) || isInvisible(cp)) return { rule: "invisible", message: `character ${position} (${codePoint(cp)}) is a control, format, separator, private-use or default-ignorable character` };
  }
  if (D.normalize("NFC") !== D) return { rule: "nfc", message: "not in NFC (Unicode normalization form C)" };
  position = 0;
  for (const ch of D) {
    position++;
    const cp = ch.codePointAt(0);
    if (WHITE_SPACE.has(cp) && cp !== 0x20) return { rule: "white-space", message: `character ${position} (${codePoint(cp)}) is white space other than U+0020 SPACE` };
  }
  if (D.startsWith(" ") || D.endsWith(" ")) return { rule: "white-space", message: "begins or ends with a space" };
  if (D.includes("  ")) return { rule: "white-space", message: "holds two spaces in a row" };
  return null;
}
/** §4.1: the NFC form of a valid id, or null (the rules `commit` applies to the list). */
function validId(s) {
  const t = trimWhiteSpace(String(s));
  if (t === "" || idProblem(t)) return null;
  const id = t.normalize("NFC");
  return utf8Length(id) > 256 ? null : id;
}
const isWs = (ch) => WHITE_SPACE.has(ch.codePointAt(0));
const isLetter = (ch) => /\p{Alphabetic}/u.test(ch);
const isDigit = (ch) => ch >= "0" && ch <= "9";
const boundary = (a, b) => (isLetter(a) && isDigit(b)) || (isDigit(a) && isLetter(b));
/**
 * §8.4 (informative): the spellings of a typed id that a participant most
 * likely meant, as `potdraw check` tries them (crates/cli/src/id_variants.rs),
 * in the same order: White_Space runs as typed, collapsed to one space, or
 * removed; then the separator between a letter and a digit (a run of hyphens
 * and White_Space) as it is, removed, one hyphen, or one space; then as typed,
 * upper case and lower case. Only valid ids other than the one typed, each once.
 */
export function idVariants(typed) {
  const t = trimWhiteSpace(String(typed));
  const base = validId(t);
  const collapse = (x) => {
    let out = "";
    // a White_Space run becomes one space; out ends with " " only after such a run
    for (const ch of x) if (!isWs(ch)) out += ch;
    else if (!out.endsWith(" ")) out += " ";
    return out;
  };
  const bare = (x) => {
    const cs = [...x];
    const sep = (ch) => ch === "-" || isWs(ch);
    let out = "";
    for (let i = 0; i < cs.length; ) {
      if (sep(cs[i]) && i > 0) {
        let end = i;
        while (end < cs.length && sep(cs[end])) end++;
        if (!(end < cs.length && boundary(cs[i - 1], cs[end]))) out += cs.slice(i, end).join("");
        i = end;
        continue;
      }
      out += cs[i++];
    }
    return out;
  };
  const join = (x, sep) => {
    let out = "";
    let prev = null;
    for (const ch of x) {
      if (prev !== null && boundary(prev, ch)) out += sep;
      out += ch;
      prev = ch;
    }
    return out;
  };
  const out = [];
  for (const spaced of [t, collapse(t), [...t].filter((ch) => !isWs(ch)).join("")]) {
    const b = bare(spaced);
    for (const joined of [spaced, b, join(b, "-"), join(b, " ")]) {
      for (const cased of [joined, joined.toUpperCase(), joined.toLowerCase()]) {
        const id = validId(cased);
        if (id !== null && id !== base && !out.includes(id)) out.push(id);
      }
    }
  }
  return out;
}
/** §2.4: a string for display, invisible characters (and "⟨" itself) shown as ⟨U+XXXX⟩. */
export function visible(s) {
  let out = "";
  for (const ch of String(s)) {
    const cp = ch.codePointAt(0);
    out += cp === 0x27e8 || isCc(cp) || isInvisible(cp) || !isAssigned(cp) ? `⟨${codePoint(cp)}⟩` : ch;
  }
  return out;
}

// ---------------------------------------------------------------- strict JSON (§2.3.1)

export const defaultYield = () => new Promise((r) => setTimeout(r, 0));

/**
 * Parse a potdraw JSON document strictly. `input` is a Uint8Array (UTF-8,
 * optional BOM) or a string. Throws Unusable. Integers become BigInt,
 * objects become Map. Duplicate member names, floats, negatives, integers
 * above 2^64 − 1 and escaped unpaired surrogates are errors.
 */
export async function parseJSON(input, opts = {}) {
  let text;
  if (typeof input === "string") {
    text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
    // A JS string may hold lone surrogates (from a paste); they are not UTF-8.
    if (!isWellFormed(text)) throw new Unusable("the text is not valid Unicode (lone surrogate)");
  } else {
    try {
      // Default ignoreBOM=false strips one leading BOM; fatal rejects invalid UTF-8.
      text = new TextDecoder("utf-8", { fatal: true }).decode(input);
    } catch {
      throw new Unusable("the file is not valid UTF-8");
    }
  }
  return parseText(text, opts);
}
function isWellFormed(s) {
  if (typeof s.isWellFormed === "function") return s.isWellFormed();
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}

async function parseText(s, { onProgress, yieldFn = defaultYield, chunk = 1 << 21 } = {}) {
  const n = s.length;
  let i = 0;
  let nextYield = chunk;
  const err = (msg) => {
    let line = 1;
    let col = 1;
    for (let j = 0; j < i && j < n; j++) {
      if (s.charCodeAt(j) === 10) {
        line++;
        col = 1;
      } else col++;
    }
    return new Unusable(`invalid JSON at line ${line}, column ${col}: ${msg}`);
  };
  const ws = () => {
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
  };
  const hex4 = () => {
    const h = s.substr(i, 4);
    if (!/^[0-9a-fA-F]{4}$/.test(h)) throw err("bad \\u escape");
    i += 4;
    return parseInt(h, 16);
  };
  const str = () => {
    // at opening quote
    i++;
    let out = "";
    let start = i;
    for (;;) {
      if (i >= n) throw err("unterminated string");
      const c = s.charCodeAt(i);
      if (c === 0x22) {
        out += s.slice(start, i);
        i++;
        return out;
      }
      if (c < 0x20) throw err("control character in string");
      if (c !== 0x5c) {
        i++;
        continue;
      }
      out += s.slice(start, i);
      i++;
      const e = s[i++];
      switch (e) {
        case '"': out += '"'; break;
        case "\\": out += "\\"; break;
        case "/": out += "/"; break;
        case "b": out += "\b"; break;
        case "f": out += "\f"; break;
        case "n": out += "\n"; break;
        case "r": out += "\r"; break;
        case "t": out += "\t"; break;
        case "u": {
          const u = hex4();
          if (u >= 0xd800 && u <= 0xdbff) {
            if (s[i] !== "\\" || s[i + 1] !== "u") throw err("unpaired surrogate escape");
            i += 2;
            const l = hex4();
            if (!(l >= 0xdc00 && l <= 0xdfff)) throw err("unpaired surrogate escape");
            out += String.fromCharCode(u, l);
          } else if (u >= 0xdc00 && u <= 0xdfff) {
            throw err("unpaired surrogate escape");
          } else out += String.fromCharCode(u);
          break;
        }
        default:
          throw err("bad escape");
      }
      start = i;
    }
  };
  const num = () => {
    const m = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
    m.lastIndex = i;
    const r = m.exec(s);
    if (!r || r[0] === "" || r[0] === "-") throw err("invalid number");
    if (r[0][0] === "-") throw err("negative numbers are not allowed");
    if (r[2] !== undefined || r[3] !== undefined) throw err("only integers are allowed (no fraction or exponent)");
    const c = s.charCodeAt(i + r[0].length);
    if (c >= 48 && c <= 57) throw err("leading zero");
    i += r[0].length;
    const v = BigInt(r[1]);
    if (v >= TWO64) throw err("integer above 2^64 − 1");
    return v;
  };
  const lit = (word, v) => {
    if (s.startsWith(word, i)) {
      i += word.length;
      return v;
    }
    throw err("unexpected character");
  };
  // scalar or container start; containers are pushed onto the stack
  const stack = []; // frames: {kind:'a', v:[]} or {kind:'o', v:Map, key}
  let root;
  let haveRoot = false;
  const emit = (v) => {
    if (stack.length === 0) {
      root = v;
      haveRoot = true;
      return;
    }
    const top = stack[stack.length - 1];
    if (top.kind === "a") top.v.push(v);
    else top.v.set(top.key, v);
  };
  const value = () => {
    ws();
    if (i >= n) throw err("unexpected end of input");
    const c = s[i];
    if (c === "{") {
      i++;
      stack.push({ kind: "o", v: new Map(), key: null, needValue: true });
      ws();
      if (s[i] === "}") {
        i++;
        const f = stack.pop();
        emit(f.v);
        return;
      }
      memberName();
      return "open";
    }
    if (c === "[") {
      i++;
      stack.push({ kind: "a", v: [], needValue: true });
      ws();
      if (s[i] === "]") {
        i++;
        const f = stack.pop();
        emit(f.v);
        return;
      }
      return "open";
    }
    if (c === '"') return emit(str());
    if (c === "t") return emit(lit("true", true));
    if (c === "f") return emit(lit("false", false));
    if (c === "n") return emit(lit("null", null));
    if (c === "-" || (c >= "0" && c <= "9")) return emit(num());
    throw err("unexpected character");
  };
  const memberName = () => {
    ws();
    if (s[i] !== '"') throw err("expected a member name");
    const k = str();
    const top = stack[stack.length - 1];
    if (top.v.has(k)) throw err(`duplicate member ${JSON.stringify(k)}`);
    ws();
    if (s[i] !== ":") throw err("expected ':'");
    i++;
    top.key = k;
  };
  value();
  while (stack.length) {
    if (i >= nextYield) {
      nextYield = i + chunk;
      if (onProgress) onProgress({ phase: "parse", done: i, total: n });
      await yieldFn();
    }
    // after an element was emitted into the top container (or a container was just opened)
    const top = stack[stack.length - 1];
    if (top.needValue) {
      top.needValue = false;
      value();
      continue;
    }
    ws();
    const c = s[i];
    if (c === ",") {
      i++;
      if (top.kind === "o") memberName();
      value();
    } else if ((c === "]" && top.kind === "a") || (c === "}" && top.kind === "o")) {
      i++;
      stack.pop();
      emit(top.v);
    } else throw err(i >= n ? "unexpected end of input" : "expected ',' or a closing bracket");
  }
  if (!haveRoot) throw err("no value");
  ws();
  if (i < n) throw err("content after the top-level value");
  return root;
}

// ---------------------------------------------------------------- JCS (§2.3.2)

// Strings of printable ASCII other than '"' and '\\' need no escaping.
const PLAIN = /^[ !#-\[\]-~]*$/;
const jcsString = (x) => (PLAIN.test(x) ? `"${x}"` : JSON.stringify(x));
// Canonical text of large arrays, reused: the transcript digest covers the
// same entries as the commitment digest (a 1,000,000-entry list is ~90 MB).
const jcsCache = new WeakMap();

function jcs(v) {
  if (v === null) return "null";
  if (v === true) return "true";
  if (v === false) return "false";
  if (typeof v === "string") return jcsString(v);
  if (typeof v === "bigint") {
    if (v > MAX_SAFE || v < -MAX_SAFE) throw new JcsRangeError(`integer ${v} is 2^53 or more`);
    return v.toString();
  }
  if (typeof v === "number") {
    if (!Number.isSafeInteger(v)) throw new JcsRangeError(`number ${v} is outside the domain`);
    return String(v);
  }
  if (Array.isArray(v)) {
    let text = v.length > 1000 ? jcsCache.get(v) : undefined;
    if (text === undefined) {
      const parts = new Array(v.length);
      for (let j = 0; j < v.length; j++) parts[j] = jcs(v[j]);
      text = "[" + parts.join(",") + "]";
      if (v.length > 1000) jcsCache.set(v, text);
    }
    return text;
  }
  if (v instanceof Map || (typeof v === "object" && v)) {
    const keys = v instanceof Map ? [...v.keys()] : Object.keys(v);
    let sorted = true;
    for (let j = 1; j < keys.length && sorted; j++) sorted = keys[j - 1] < keys[j];
    // default string comparison is by UTF-16 code units, as JCS requires
    if (!sorted) keys.sort();
    let text = "{";
    for (let j = 0; j < keys.length; j++) {
      if (j) text += ",";
      text += jcsString(keys[j]) + ":" + jcs(v instanceof Map ? v.get(keys[j]) : v[keys[j]]);
    }
    return text + "}";
  }
  throw new JcsRangeError(`value outside the JCS domain`);
}
/** RFC 8785 canonical text of a value in potdraw's domain. Throws on integers ≥ 2^53. */
export function jcsText(v) {
  return jcs(v);
}
export const jcsBytes = (v) => utf8(jcsText(v));

// ---------------------------------------------------------------- ChaCha20 stream (§6.1)

export class Stream {
  constructor(key) {
    if (key.length !== 32) throw new Error("key must be 32 bytes");
    const dv = new DataView(key.buffer, key.byteOffset, 32);
    this.key = new Uint32Array(8);
    for (let j = 0; j < 8; j++) this.key[j] = dv.getUint32(4 * j, true);
    this.block = 0n;
    this.out = new Uint32Array(16);
    this.pos = 16; // in 32-bit words
    this.consumed = 0;
  }
  refill() {
    const x = new Uint32Array(16);
    x[0] = 0x61707865;
    x[1] = 0x3320646e;
    x[2] = 0x79622d32;
    x[3] = 0x6b206574;
    x.set(this.key, 4);
    x[12] = Number(this.block & 0xffffffffn);
    x[13] = Number(this.block >> 32n);
    const st = x.slice();
    const qr = (a, b, c, d) => {
      x[a] += x[b]; x[d] ^= x[a]; x[d] = (x[d] << 16) | (x[d] >>> 16);
      x[c] += x[d]; x[b] ^= x[c]; x[b] = (x[b] << 12) | (x[b] >>> 20);
      x[a] += x[b]; x[d] ^= x[a]; x[d] = (x[d] << 8) | (x[d] >>> 24);
      x[c] += x[d]; x[b] ^= x[c]; x[b] = (x[b] << 7) | (x[b] >>> 25);
    };
    for (let r = 0; r < 10; r++) {
      qr(0, 4, 8, 12); qr(1, 5, 9, 13); qr(2, 6, 10, 14); qr(3, 7, 11, 15);
      qr(0, 5, 10, 15); qr(1, 6, 11, 12); qr(2, 7, 8, 13); qr(3, 4, 9, 14);
    }
    for (let j = 0; j < 16; j++) this.out[j] = (x[j] + st[j]) >>> 0;
    this.block += 1n;
    this.pos = 0;
  }
  /** next 64-bit word as BigInt: first 8 keystream bytes little-endian */
  next() {
    if (this.pos >= 16) this.refill();
    const lo = this.out[this.pos];
    const hi = this.out[this.pos + 1];
    this.pos += 2;
    this.consumed++;
    return (BigInt(hi) << 32n) | BigInt(lo);
  }
  /** uniform(m), §6.2; m is a BigInt, 1 ≤ m < 2^64 */
  uniform(m) {
    m = BigInt(m);
    if (m < 1n || m >= TWO64) throw new Error("uniform: m out of range");
    const zone = TWO64 - (TWO64 % m);
    for (;;) {
      const w = this.next();
      if (w < zone) return w % m;
    }
  }
}

// ---------------------------------------------------------------- selection (§6.3)

/** select(draw_seed, weights, npicks): 0-based indices in pick order. Fenwick tree, BigInt sums. */
export function select(drawSeed, weights, npicks) {
  const n = weights.length;
  const tree = new Array(n + 1).fill(0n);
  let total = 0n;
  for (let j = 0; j < n; j++) {
    const w = BigInt(weights[j]);
    total += w;
    tree[j + 1] += w;
    const p = j + 1 + ((j + 1) & -(j + 1));
    if (p <= n) tree[p] += tree[j + 1];
  }
  let top = 1;
  while (top * 2 <= n) top *= 2;
  const stream = new Stream(drawSeed);
  const current = weights.map((w) => BigInt(w));
  const picks = [];
  let remaining = total;
  for (let p = 0; p < npicks; p++) {
    const t = stream.uniform(remaining);
    // smallest index whose inclusive prefix sum exceeds t
    let pos = 0;
    let rem = t;
    for (let step = top; step > 0; step >>= 1) {
      const q = pos + step;
      if (q <= n && tree[q] <= rem) {
        pos = q;
        rem -= tree[q];
      }
    }
    const idx = pos; // 0-based
    picks.push(idx);
    const w = current[idx];
    remaining -= w;
    current[idx] = 0n;
    for (let q = idx + 1; q <= n; q += q & -q) tree[q] -= w;
  }
  return picks;
}

// ---------------------------------------------------------------- entropy (§5)

function entropyValueBytes(kind, value) {
  return kind === "text" ? utf8(value.normalize("NFC")) : utf8(value);
}
/** entropy digest from [{kind, value}] in plan order */
export function entropyDigest(sources) {
  const fields = [];
  for (const s of sources) fields.push(utf8(s.kind), entropyValueBytes(s.kind, s.value));
  return H(TAGS.entropy, ...fields);
}
export const drawSeedOf = (D, seed, entropyDigestBytes) => H(TAGS.drawSeed, D, seed, entropyDigestBytes);

// ---------------------------------------------------------------- RFC 3797 method (§12.1, §12.3)

// §12.1: the RFC's counter allows 65,536 picks; potdraw allows 4096 and a key of 16,384 bytes,
// so that a replay hashes at most 4096 × (16,384 + 4) bytes of MD5 input.
export const RFC3797_MAX_PICKS = 4096;
export const RFC3797_MAX_KEY_BYTES = 16384;
const RFC_NUMBER = /^[0-9]{1,100}$/;

/**
 * §12.3: why a stored `numbers` value is invalid, or null if it is valid:
 * 1 to 1000 ASCII decimal numbers of 1 to 100 digits, separated by single spaces.
 */
export function rfc3797ValueProblem(value) {
  if (value === "") return "the value is empty";
  const parts = value.split(" ");
  for (let j = 0; j < parts.length; j++) {
    if (!RFC_NUMBER.test(parts[j])) return `number ${j + 1} (${JSON.stringify(parts[j].slice(0, 120))}) is not 1 to 100 ASCII digits, or the numbers are not separated by single spaces`;
  }
  if (parts.length > 1000) return `${parts.length} numbers, more than 1000`;
  return null;
}
const numberKey = (d) => d.replace(/^0+(?=.)/, ""); // decimal without leading zeros; "000" → "0"
/** §12.1: one source's part of the key, from its numbers (digit strings, any order): "2.5.8.10.12./". */
export function rfc3797SourceString(numbers) {
  const xs = numbers.map(numberKey);
  // by value: a shorter number (no leading zeros) is smaller; equal lengths compare as text
  xs.sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  return xs.map((x) => x + ".").join("") + "/";
}
/** §12.1: the key string from the stored values (§12.3) in plan order. */
export function rfc3797Key(values) {
  return values.map((v) => rfc3797SourceString(v.split(" "))).join("");
}
/** §12.1: value(i) = int_be(MD5(u16be(i) ‖ key ‖ u16be(i))); returns {md5, value}. */
export function rfc3797Value(key, i) {
  return rfc3797Values(key, 1, i)[0];
}
function rfc3797Values(key, count, first = 0) {
  if (first + count > RFC3797_MAX_PICKS) throw new RangeError(`at most ${RFC3797_MAX_PICKS} values (SPEC §12.1)`);
  if (key.length > RFC3797_MAX_KEY_BYTES) throw new RangeError(`a key of at most ${RFC3797_MAX_KEY_BYTES} bytes (SPEC §12.1)`);
  const kb = utf8(key);
  const buf = new Uint8Array(kb.length + 4);
  buf.set(kb, 2);
  const out = [];
  for (let i = first; i < first + count; i++) {
    buf[0] = buf[buf.length - 2] = i >> 8;
    buf[1] = buf[buf.length - 1] = i & 255;
    const d = md5(buf);
    out.push({ md5: d, value: intBE(d) });
  }
  return out;
}
/**
 * §12.1 selection of `npicks` items from a list of n: 0-based positions in the
 * original list, in pick order. Throws RangeError above the limits of §12.1.
 */
export function rfc3797Select(key, n, npicks) {
  if (npicks > n) throw new RangeError(`${npicks} picks from ${n} items`);
  const values = rfc3797Values(key, npicks);
  // Fenwick tree of "still remaining" counts: the j-th remaining item in O(log n)
  const tree = new Int32Array(n + 1);
  for (let q = 1; q <= n; q++) {
    tree[q] += 1;
    const p = q + (q & -q);
    if (p <= n) tree[p] += tree[q];
  }
  let top = 1;
  while (top * 2 <= n) top *= 2;
  const picks = [];
  for (let i = 0; i < npicks; i++) {
    let rem = Number(values[i].value % BigInt(n - i)); // j, 0-based among the remaining
    let pos = 0;
    for (let step = top; step > 0; step >>= 1) {
      const q = pos + step;
      if (q <= n && tree[q] <= rem) {
        pos = q;
        rem -= tree[q];
      }
    }
    picks.push(pos);
    for (let q = pos + 1; q <= n; q += q & -q) tree[q] -= 1;
  }
  return picks;
}
/**
 * The steps of RFC 3797 §6 for a pool numbered 1 … pool: {key, steps: [{index, md5, div, selected}], selected}
 * (`index` and `selected` 1-based, `md5` lowercase hex), as in fixtures/rfc3797/rfc-example.txt.
 */
export function rfc3797Steps(sources, pool, count) {
  const key = rfc3797Key(sources);
  const picks = rfc3797Select(key, pool, count);
  const values = rfc3797Values(key, count);
  const steps = picks.map((p, i) => ({ index: i + 1, md5: toHex(values[i].md5), div: pool - i, selected: p + 1 }));
  return { key, steps, selected: steps.map((x) => x.selected) };
}

// ---------------------------------------------------------------- receipt codes (§4.3)

function checkValue(salt, D) {
  return Number(((intBE(salt) % 1021n) + (intBE(D) % 1021n)) % 1021n);
}
export function encodeCode(salt, D) {
  let s = intBE(salt);
  const digits = new Array(26);
  for (let j = 25; j >= 0; j--) {
    digits[j] = ALPHABET[Number(s & 31n)];
    s >>= 5n;
  }
  const c = checkValue(salt, D);
  digits.push(ALPHABET[Math.floor(c / 32)], ALPHABET[c % 32]);
  const groups = [];
  for (let j = 0; j < 28; j += 4) groups.push(digits.slice(j, j + 4).join(""));
  return { code: groups.join("-"), check: c };
}
/** read_code(text, D) → salt (Uint8Array 16). Throws CodeError (bad-character, length, range, check). */
export function readCode(text, D) {
  const t = trimWhiteSpace(text);
  const values = [];
  let p = 0;
  for (const ch of t) {
    p++;
    const u = ch.length === 1 && ch >= "a" && ch <= "z" ? ch.toUpperCase() : ch;
    if (u === "-" || u === " ") continue;
    let v;
    if (u === "O") v = 0;
    else if (u === "I" || u === "L") v = 1;
    else if (u.length === 1 && ALPHABET.includes(u)) v = ALPHABET.indexOf(u);
    else throw new CodeError("bad-character", `character ${p} (${JSON.stringify(ch)}) cannot be part of a code`, { position: p, character: ch });
    values.push(v);
  }
  if (values.length !== 28) throw new CodeError("length", `a code has 28 characters (not counting dashes and spaces); this one has ${values.length}`, { count: values.length });
  if (values[0] > 7) throw new CodeError("range", "the first character of a code is 0–7");
  let s = 0n;
  for (let j = 0; j < 26; j++) s = s * 32n + BigInt(values[j]);
  const written = values[26] * 32 + values[27];
  const salt = new Uint8Array(16);
  for (let j = 15; j >= 0; j--) {
    salt[j] = Number(s & 0xffn);
    s >>= 8n;
  }
  if (written !== checkValue(salt, D)) throw new CodeError("check", "the code does not match this draw: it was mistyped, or it belongs to another draw");
  return salt;
}

// ---------------------------------------------------------------- leaves

/** A leaf's index in an ascending list of leaves (hex), or -1. */
export function findLeaf(leaves, leaf) {
  let lo = 0;
  let hi = leaves.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (leaves[mid] === leaf) return mid;
    if (leaves[mid] < leaf) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
