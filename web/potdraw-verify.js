// potdraw-verify.js: an independent verifier for potdraw protocol v1, v3
// (§14) and v4 (§17, several lists), and for the RFC 3797 method (SPEC §12),
// written from docs/SPEC.md alone. Plain JavaScript (ES2020), no dependencies.
// Runs in the browser (inlined into verify.html) and under Node >= 20.
//
// JSON values are represented as: null, true, false, string, BigInt (every
// integer), Array, Map (objects, member order kept).

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const TWO64 = 1n << 64n;
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
/** The methods: "v1" (§1–§11), "v3" (§14), "v4" (§17) and "rfc3797" (§12), by their document identifiers. */
export const METHODS = {
  v1: { name: "v1", commitment: FORMATS.commitment, transcript: FORMATS.transcript, tags: TAGS },
  v3: { name: "v3", commitment: V3_FORMATS.commitment, transcript: V3_FORMATS.transcript, tags: TAGS },
  v4: { name: "v4", commitment: V4_FORMATS.commitment, transcript: V4_FORMATS.transcript, tags: TAGS },
  rfc3797: { name: "rfc3797", commitment: RFC3797_FORMATS.commitment, transcript: RFC3797_FORMATS.transcript, tags: RFC3797_TAGS },
  // §12.9: the RFC 3797 method with counted numbers in their one canonical form (§14.2).
  "rfc3797-v2": { name: "rfc3797-v2", commitment: "potdraw/commitment/rfc3797-v2", transcript: "potdraw/transcript/rfc3797-v2", tags: RFC3797_TAGS },
};
const methodOfCommitment = (f) => Object.values(METHODS).find((x) => x.commitment === f);
const methodOfTranscript = (f) => Object.values(METHODS).find((x) => x.transcript === f);

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
class JcsRangeError extends Error {}

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
function hasCc(s) {
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
const scalarCount = (s) => {
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

const defaultYield = () => new Promise((r) => setTimeout(r, 0));

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

// ---------------------------------------------------------------- document syntax (§7)

const typeName = (v) =>
  v === null ? "null" : typeof v === "bigint" ? "integer" : Array.isArray(v) ? "array" : v instanceof Map ? "object" : typeof v;

function expectObject(v, where, members) {
  if (!(v instanceof Map)) throw new Unusable(`expected an object, found ${typeName(v)}`, where);
  for (const k of v.keys()) if (!members.includes(k)) throw new Unusable(`unknown member ${JSON.stringify(k)}`, where);
  for (const k of members) if (!v.has(k)) throw new Unusable(`missing member ${JSON.stringify(k)}`, where);
  return v;
}
function str(m, k, where) {
  const v = m.get(k);
  if (typeof v !== "string") throw new Unusable(`expected a string, found ${typeName(v)}`, `${where}.${k}`);
  return v;
}
function int(m, k, where, lo = 0n, hi = TWO64 - 1n) {
  const v = m.get(k);
  if (typeof v !== "bigint") throw new Unusable(`expected an integer, found ${typeName(v)}`, `${where}.${k}`);
  if (v < lo || v > hi) throw new Unusable(`${v} is outside ${lo}…${hi}`, `${where}.${k}`);
  return v;
}
function hex(m, k, where, nbytes = 32) {
  const v = str(m, k, where);
  if (!isHex(v, nbytes)) throw new Unusable(`expected ${2 * nbytes} lowercase hex digits`, `${where}.${k}`);
  return v;
}
function arr(m, k, where) {
  const v = m.get(k);
  if (!Array.isArray(v)) throw new Unusable(`expected an array, found ${typeName(v)}`, `${where}.${k}`);
  return v;
}
/** The document's format among `supported` (§7.1, §10); otherwise Unusable naming the found and supported identifiers. */
function checkFormat(m, supported, where) {
  if (!(m instanceof Map)) throw new Unusable(`expected an object, found ${typeName(m)}`, where);
  const f = m.get("format");
  const list = supported.map((x) => JSON.stringify(x)).join(" or ");
  if (typeof f !== "string") throw new Unusable(`missing or non-string "format"; supported: ${list}`, where);
  if (!supported.includes(f)) throw new Unusable(`unknown format ${JSON.stringify(f)}; this verifier supports ${list}`, where);
  return f;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function validCreatedAt(s) {
  const r = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})Z$/.exec(s);
  if (!r) return false;
  const [y, mo, d, h, mi, se] = r.slice(1).map(Number);
  if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || h > 23 || mi > 59 || se > 59 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const dim = mo === 2 && leap ? 29 : DAYS[mo - 1];
  return d <= dim;
}
const LABEL_RE = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const POT_MEMBERS = ["amount_cents", "grant_monthly_cents", "grant_months", "grant_cents", "min_recipients", "max_recipients", "surplus_cents"];

async function maybeYield(j, opts) {
  if (j > 0 && j % (opts.chunk || 100000) === 0) {
    if (opts.onProgress) opts.onProgress({ phase: opts.phase, done: j, total: opts.total });
    await (opts.yieldFn || defaultYield)();
  }
}

/**
 * Validate a parsed commitment (§7.2; §12.2 for the RFC 3797 method; §17.2
 * for v4, by parseCommitmentV4). Returns a plain structure with .method (a key
 * of METHODS); keeps the raw Map as .raw. `opts.method`, when given, is the
 * only method accepted (the method of the transcript that embeds the
 * commitment); otherwise any is.
 */
export async function parseCommitment(m, where = "commitment", opts = {}) {
  const format = checkFormat(m, Object.values(METHODS).map((x) => x.commitment), where);
  const method = methodOfCommitment(format);
  if (opts.method && opts.method !== method) {
    throw new Unusable(`expected ${JSON.stringify(opts.method.commitment)} (the commitment format of a ${JSON.stringify(opts.method.transcript)} transcript), found ${JSON.stringify(format)}`, `${where}.format`);
  }
  if (method === METHODS.v4) return parseCommitmentV4(m, where, opts);
  const rfc = method.tags === RFC3797_TAGS;
  const v3 = method === METHODS.v3;
  // §12.2: the RFC 3797 commitment has no seed_commitment member; §14.3: a v3 one may have "previous"
  const optional = v3 && m instanceof Map && m.has("previous") ? ["previous"] : [];
  expectObject(m, where, ["format", "title", "created_at", "pot", "recipients", "reserves", ...(rfc ? [] : ["seed_commitment"]), "entropy_plan", "candidates", ...optional, "digest"]);
  const previous = optional.length ? hex(m, "previous", where) : null;
  const { title, createdAt } = parseTitleAndDate(m, where);
  const pot = parsePot(m.get("pot"), `${where}.pot`);
  const recipients = int(m, "recipients", where);
  const reserves = int(m, "reserves", where);
  const seedCommitment = rfc ? null : hex(m, "seed_commitment", where);
  // §12.1: a bounded number of picks bounds the MD5 work of a replay
  if (rfc && recipients + reserves > BigInt(RFC3797_MAX_PICKS)) {
    throw new Unusable(`expected at most ${RFC3797_MAX_PICKS} recipients and reserves together (the RFC 3797 method's limit), found ${recipients} + ${reserves}`, `${where}.recipients + reserves`);
  }
  const plan = parsePlan(m, where, method);
  const { count, totalWeight, leaves, weights } = await parseCandidates(m.get("candidates"), `${where}.candidates`, opts, rfc);
  const digest = hex(m, "digest", where);
  return { raw: m, method: method.name, format, title, createdAt, pot, recipients, reserves, seedCommitment, plan, count, totalWeight, leaves, weights, previous, digest };
}

/** §7.2: `title` and `created_at`. */
function parseTitleAndDate(m, where) {
  const title = str(m, "title", where);
  if (scalarCount(title) > 200) throw new Unusable("longer than 200 characters", `${where}.title`);
  if (hasCc(title)) throw new Unusable("contains a control character", `${where}.title`);
  const createdAt = str(m, "created_at", where);
  if (!validCreatedAt(createdAt)) throw new Unusable("expected YYYY-MM-DDTHH:MM:SSZ, a real date from 1970 to 9999", `${where}.created_at`);
  return { title, createdAt };
}

/** §7.2: the seven integers of `pot` (their values are the `pot` check's). */
function parsePot(v, where) {
  const potM = expectObject(v, where, POT_MEMBERS);
  const pot = {};
  for (const k of POT_MEMBERS) pot[k] = int(potM, k, where);
  return pot;
}

/** §5.1, §12.3, §14.1 (and §17.2 for v4, whose plan is exactly a v3 plan): `entropy_plan`. */
function parsePlan(m, where, method) {
  const rfc = method.tags === RFC3797_TAGS;
  const v3 = method === METHODS.v3 || method === METHODS.v4;
  const planA = arr(m, "entropy_plan", where);
  if (planA.length === 0) throw new Unusable("the entropy plan is empty", `${where}.entropy_plan`);
  if (planA.length > MAX_PLAN_SOURCES) throw new Unusable(`expected at most ${MAX_PLAN_SOURCES} public entropy sources, found ${planA.length}`, `${where}.entropy_plan`);
  const plan = [];
  const labels = new Set();
  planA.forEach((src, j) => {
    const w = `${where}.entropy_plan[${j}]`;
    if (!(src instanceof Map)) throw new Unusable(`expected an object, found ${typeName(src)}`, w);
    const kind = src.get("kind");
    if (typeof kind !== "string") throw new Unusable(`missing or non-string "kind"`, w);
    if (rfc && kind !== "numbers") {
      throw new Unusable(`expected "numbers" (the only source kind of the RFC 3797 method), found ${JSON.stringify(kind)}`, `${w}.kind`);
    }
    if (v3 && !V3_ENTROPY_KINDS.includes(kind)) {
      const why = kind === "text" ? ` ("text" is not a ${method.name} kind: a free text has many spellings, §14.1)` : kind === "drand" ? " (this verifier cannot check drand rounds)" : "";
      throw new Unusable(`unknown entropy kind ${JSON.stringify(kind)}: protocol ${method.name} knows "dice", "numbers" and "drand"${why}`, w);
    }
    if (!rfc && !v3 && !KNOWN_ENTROPY_KINDS.includes(kind)) {
      throw new Unusable(`unknown entropy kind ${JSON.stringify(kind)}: protocol v1 knows only "dice" and "text"${kind === "drand" ? ' ("drand" is reserved for a later revision and this verifier cannot check it)' : ""}`, w);
    }
    const counted = (v3 || method === METHODS["rfc3797-v2"]) && kind === "numbers";
    expectObject(src, w, kind === "dice" ? ["label", "kind", "dice", "faces"] : counted ? ["label", "kind", "count"] : ["label", "kind"]);
    const label = str(src, "label", w);
    if (!LABEL_RE.test(label)) throw new Unusable(`malformed label ${JSON.stringify(label)}`, w);
    if (labels.has(label)) throw new Unusable(`duplicate label ${JSON.stringify(label)}`, w);
    labels.add(label);
    const s = { label, kind };
    if (kind === "dice") {
      s.dice = Number(int(src, "dice", w, 1n, 1000n));
      const faces = int(src, "faces", w);
      if (faces !== 6n && faces !== 10n) throw new Unusable("faces must be 6 or 10", `${w}.faces`);
      s.faces = Number(faces);
    }
    if (counted) s.count = Number(int(src, "count", w, 1n, BigInt(V3_MAX_NUMBERS)));
    plan.push(s);
  });
  return plan;
}

/** §7.2: `candidates` {count, total_weight, entries}; `where` names the member. */
async function parseCandidates(v, where, opts, rfc) {
  const candM = expectObject(v, where, ["count", "total_weight", "entries"]);
  const count = int(candM, "count", where);
  const tw = str(candM, "total_weight", where);
  if (!/^(0|[1-9][0-9]*)$/.test(tw) || BigInt(tw) >= TWO64) throw new Unusable("expected a decimal string below 2^64", `${where}.total_weight`);
  const entA = arr(candM, "entries", where);
  const leaves = new Array(entA.length);
  const weights = new Array(entA.length);
  const o = { ...opts, phase: "entries", total: entA.length };
  for (let j = 0; j < entA.length; j++) {
    await maybeYield(j, o);
    const e = entA[j];
    const w = `${where}.entries[${j}]`;
    if (!(e instanceof Map) || e.size !== 2 || !e.has("leaf") || !e.has("weight")) expectObject(e, w, ["leaf", "weight"]);
    const leaf = e.get("leaf");
    if (!isHex(leaf, 32)) throw new Unusable("expected 64 lowercase hex digits", `${w}.leaf`);
    const wt = e.get("weight");
    if (typeof wt !== "bigint" || wt < 1n || wt > 0xffffffffn) {
      int(e, "weight", w, 1n, 0xffffffffn);
    }
    if (rfc && wt !== 1n) throw new Unusable(`expected 1 (the RFC 3797 method is unweighted), found ${wt}`, `${w}.weight`);
    leaves[j] = leaf;
    weights[j] = Number(wt);
  }
  return { count, totalWeight: BigInt(tw), leaves, weights };
}

const RFC_KEY = /^[0-9./]*$/;
const RFC_KEY_MAX = RFC3797_MAX_KEY_BYTES;

/** Validate a parsed transcript (§7.3; §12.2 for the RFC 3797 method). */
export async function parseTranscript(m, opts = {}) {
  const where = "transcript";
  const format = checkFormat(m, Object.values(METHODS).map((x) => x.transcript), where);
  const method = methodOfTranscript(format);
  if (method === METHODS.v4) return parseTranscriptV4(m, opts);
  const rfc = method.tags === RFC3797_TAGS;
  // §12.2: no seed, entropy_digest or draw_seed; a key instead
  expectObject(m, where, rfc ? ["format", "commitment", "entropy", "key", "result"] : ["format", "commitment", "seed", "entropy", "entropy_digest", "draw_seed", "result"]);
  const commitment = await parseCommitment(m.get("commitment"), "transcript.commitment", { ...opts, method });
  let key = null;
  if (rfc) {
    key = str(m, "key", where);
    if (key.length > RFC_KEY_MAX || !RFC_KEY.test(key)) {
      throw new Unusable(`expected an RFC 3797 key string of at most ${RFC_KEY_MAX} digits, '.' and '/', found ${JSON.stringify(key.slice(0, 80))}${key.length > 80 ? `… (${key.length} characters)` : ""}`, `${where}.key`);
    }
  }
  const seed = rfc ? null : hex(m, "seed", where);
  const entropy = parseEntropy(m, where, method);
  const entropyDigestHex = rfc ? null : hex(m, "entropy_digest", where);
  const drawSeedHex = rfc ? null : hex(m, "draw_seed", where);
  const result = parseResult(arr(m, "result", where), `${where}.result`);
  return { raw: m, method: method.name, format, commitment, seed, key, entropy, entropyDigest: entropyDigestHex, drawSeed: drawSeedHex, result };
}

/** §7.3: the transcript's `entropy` array (a v3 or v4 entry may carry drand members, §13.5). */
function parseEntropy(m, where, method) {
  return arr(m, "entropy", where).map((e, j) => {
    const w = `${where}.entropy[${j}]`;
    // §13.5, §14: a v3 entry may carry drand members; on any kind but drand
    // (which this verifier does not check) they fail entropy-plan, not parsing.
    const drandMembers = (method === METHODS.v3 || method === METHODS.v4) && e instanceof Map ? ["round", "signature", "previous_signature"].filter((k) => e.has(k)) : [];
    expectObject(e, w, ["label", "kind", "value", ...drandMembers]);
    if (drandMembers.includes("round")) int(e, "round", w);
    for (const k of drandMembers.filter((k) => k !== "round")) str(e, k, w);
    return { label: str(e, "label", w), kind: str(e, "kind", w), value: str(e, "value", w), beacon: drandMembers.length > 0 };
  });
}

/** §7.3: a `result` array, entries {position, role, rank, index, leaf, weight}; `where` names the array. */
function parseResult(a, where) {
  return a.map((e, j) => {
    const w = `${where}[${j}]`;
    expectObject(e, w, ["position", "role", "rank", "index", "leaf", "weight"]);
    const role = str(e, "role", w);
    if (role !== "recipient" && role !== "reserve") throw new Unusable(`role must be "recipient" or "reserve", found ${JSON.stringify(role)}`, `${w}.role`);
    return { position: int(e, "position", w), role, rank: int(e, "rank", w), index: int(e, "index", w), leaf: hex(e, "leaf", w), weight: int(e, "weight", w) };
  });
}

// ---------------------------------------------------------------- checks (§8)

function deepEqual(a, b) {
  if (a === b) return true;
  if (typeof a !== typeof b) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let j = 0; j < a.length; j++) if (!deepEqual(a[j], b[j])) return false;
    return true;
  }
  if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !deepEqual(v, b.get(k))) return false;
    return true;
  }
  return false;
}

/**
 * §14.2: a v3 numbers value is exactly its canonical form: `count` numbers,
 * each "0" or [1-9] followed by at most 19 digits, single spaces, sorted
 * ascending by value (equal numbers may repeat). Any other spelling of the
 * same numbers is refused.
 */
export function countedNumbersProblem(value, count) {
  const parts = value.split(" ");
  if (parts.length !== count) return `expected exactly ${count} numbers separated by single spaces, found ${parts.length} parts`;
  let prev = -1n;
  for (let j = 0; j < parts.length; j++) {
    const n = parts[j];
    if (!/^(0|[1-9][0-9]*)$/.test(n) || n.length > V3_MAX_DIGITS) return `number ${j + 1} (${JSON.stringify(n.slice(0, 30))}) is not written as decimal digits without leading zeros (at most ${V3_MAX_DIGITS})`;
    const v = BigInt(n);
    if (v < prev) return `number ${j + 1} (${n}) is smaller than the one before it: the canonical form is sorted ascending`;
    prev = v;
  }
  return null;
}

function validEntropyValue(src, value) {
  if (src.kind === "numbers" && src.count !== undefined) return countedNumbersProblem(value, src.count);
  if (src.kind === "numbers") return rfc3797ValueProblem(value);
  if (src.kind === "dice") {
    const max = src.faces === 6 ? "6" : "9";
    const min = src.faces === 6 ? "1" : "0";
    if (value.length !== src.dice) return `expected ${src.dice} dice as digits ${min}-${max}, found ${value.length} characters`;
    for (let j = 0; j < value.length; j++) {
      const c = value[j];
      if (!(c >= min && c <= max)) return `character ${j + 1} (${JSON.stringify(c)}) is not a digit ${min}-${max} of a ${src.faces}-sided die`;
    }
    return null;
  }
  // §7.7: NFC shrinks UTF-8 at most 3.5 times, so a value above 4 × 4096 bytes is too long after
  // NFC too; it is refused before normalising (canonical reordering can be quadratic).
  if (utf8Length(value) > MAX_RAW_TEXT_BYTES) return "the text is longer than 4096 bytes";
  // §2.4: checked before normalising, with this verifier's own Unicode 15.0.0 table
  const un = firstUnassigned(value);
  if (un) return `character ${un.position} (${codePoint(un.cp)}) is not assigned in Unicode ${UNICODE_VERSION}`;
  const nv = value.normalize("NFC");
  if (nv.length === 0) return "the text is empty";
  if (utf8(nv).length > 4096) return "the text is longer than 4096 bytes";
  if (hasCc(nv)) return "the text contains a control character";
  return null;
}

// The steps of §8.2 that v4 runs once per list (§17.7), as functions that
// return the first violation rather than record it, so that the caller can
// name the list. verifyTranscript runs the same steps inline for a single list.

/**
 * §8.2 step 5, `counts`, on parsed candidates {count, totalWeight, leaves,
 * weights} with k recipients and r reserves (BigInt). Returns {sum} when it
 * passes, or {fail: [detail, expected, found]} for the first violation.
 */
function countsProblem(cands, k, r) {
  const n = cands.leaves.length;
  if (cands.count !== BigInt(n)) return { fail: ["candidates.count", n, cands.count] };
  let sum = 0n;
  {
    // Sum in Number chunks (each < 2^53) then BigInt
    let part = 0;
    for (let j = 0; j < n; j++) {
      part += cands.weights[j];
      if ((j & 0xfffff) === 0xfffff) {
        sum += BigInt(part);
        part = 0;
      }
    }
    sum += BigInt(part);
  }
  if (sum >= TWO64) return { fail: ["the sum of the weights is 2^64 or more", "below 2^64", sum] };
  if (sum !== cands.totalWeight) return { fail: ["candidates.total_weight", sum, cands.totalWeight] };
  if (k < 1n) return { fail: ["recipients", "at least 1", k] };
  if (k + r > BigInt(n)) return { fail: ["recipients + reserves at most the number of entries", `at most ${n}`, k + r] };
  return { sum };
}

/** §8.2 step 6, `pot`, with exact products: null when it passes, else [detail, expected, found]. */
function potProblem(p, k) {
  const grant = p.grant_monthly_cents * p.grant_months;
  if (p.grant_cents !== grant) return ["pot.grant_cents = grant_monthly_cents × grant_months", grant, p.grant_cents];
  if (grant === 0n) return ["pot.grant_cents is not 0", "above 0", 0];
  if (!(1n <= p.min_recipients && p.min_recipients <= p.max_recipients)) return ["1 ≤ pot.min_recipients ≤ pot.max_recipients", "1 ≤ min ≤ max", `min ${p.min_recipients}, max ${p.max_recipients}`];
  if (!(p.min_recipients <= k && k <= p.max_recipients)) return ["recipients within pot.min_recipients … pot.max_recipients", `${p.min_recipients}…${p.max_recipients}`, k];
  if (k * grant > p.amount_cents) return ["recipients × grant_cents ≤ amount_cents", `at most ${p.amount_cents}`, k * grant];
  const surplus = p.amount_cents - k * grant;
  if (p.surplus_cents !== surplus) return ["pot.surplus_cents", surplus, p.surplus_cents];
  return null;
}

/**
 * §8.2 step 8, `entropy-plan`: null when it passes, else [detail, expected,
 * found]. Sets report.unknown_entropy_kind when the failing kind is unknown.
 */
function entropyPlanProblem(plan, E, rfc, report, knowsV4 = false) {
  if (E.length !== plan.length) {
    return ["number of entropy sources", plan.map((s) => s.label).join(", ") || "(none)", E.map((s) => s.label).join(", ") || "(none)"];
  }
  for (let j = 0; j < plan.length; j++) {
    const ps = plan[j];
    const ts = E[j];
    if (ts.label !== ps.label) return [`transcript.entropy[${j}].label`, ps.label, ts.label];
    if (ts.kind !== ps.kind) {
      const unknown = !KNOWN_ENTROPY_KINDS.includes(ts.kind) && !RFC3797_ENTROPY_KINDS.includes(ts.kind);
      report.unknown_entropy_kind = unknown ? ts.kind : undefined;
      const knows = rfc ? 'the RFC 3797 method knows "numbers"' : knowsV4 ? 'protocol v4 knows "dice", "numbers" and "drand", and this verifier does not check "drand"' : 'protocol v1 knows "dice" and "text"';
      return [unknown ? `transcript.entropy[${j}].kind: entropy kind ${JSON.stringify(ts.kind)} is unknown to this verifier (${knows}); it was not checked` : `transcript.entropy[${j}].kind`, ps.kind, ts.kind];
    }
    if (ts.beacon) return [`transcript.entropy[${j}]`, 'no "round", "signature" or "previous_signature" (only drand sources have them)', "drand members"];
    const bad = validEntropyValue(ps, ts.value);
    if (bad) {
      const want = ps.kind === "dice" ? `${ps.dice} dice of ${ps.faces} faces` : ps.count !== undefined ? `${ps.count} numbers in their one canonical form: sorted ascending, no leading zeros, single spaces (§14.2)` : ps.kind === "numbers" ? "1 to 1000 whole numbers of 1 to 100 digits, separated by single spaces (RFC 3797 numeric source)" : "a non-empty text without control characters";
      return [`transcript.entropy[${j}].value (${ps.label}): ${bad}`, want, ts.value];
    }
  }
  return null;
}

/**
 * Verify a transcript (SPEC §8.2; §12.5 for the RFC 3797 method).
 * @param input Uint8Array or string (the transcript document)
 * @param opts {publishedCommitment?: Uint8Array|string, onProgress?, yieldFn?, chunk?}
 * @returns report {outcome, verified, checks, failed_check, unusable?, method, title, commitment_digest, transcript_digest, key?, recipients, reserves, lists?}
 *   method is "v1", "v3", "v4", "rfc3797" or "rfc3797-v2" once the transcript parsed; key (RFC 3797) is the verified key string.
 *   A v4 transcript (§17) is checked by verifyTranscriptV4: its results are in `lists`, one per list, and `recipients`/`reserves` stay empty.
 *   A check that the method does not have has status "not-applicable" (§12.5).
 */
export async function verifyTranscript(input, opts = {}) {
  const report = { outcome: null, verified: false, checks: [], failed_check: null, method: null, title: null, commitment_digest: null, transcript_digest: null, recipients: [], reserves: [] };
  const progress = (phase, done, total) => opts.onProgress && opts.onProgress({ phase, done, total });
  const popts = { onProgress: opts.onProgress, yieldFn: opts.yieldFn, chunk: opts.chunk };
  let T;
  let P = null;
  try {
    progress("parse", 0, 1);
    T = await parseTranscript(await parseJSON(input, popts), popts);
  } catch (e) {
    if (!(e instanceof Unusable)) throw e;
    report.outcome = "unusable";
    report.unusable = { document: "transcript", message: e.message };
    return report;
  }
  if (opts.publishedCommitment != null) {
    try {
      P = await parseCommitment(await parseJSON(opts.publishedCommitment, popts), "published commitment", popts);
    } catch (e) {
      if (!(e instanceof Unusable)) throw e;
      report.outcome = "unusable";
      report.unusable = { document: "published commitment", message: e.message };
      return report;
    }
  }
  // §17: a transcript with several lists has checks of its own
  if (T.method === "v4") return verifyTranscriptV4(T, P, report, progress);
  const C = T.commitment;
  const method = METHODS[T.method];
  const rfc = method.tags === RFC3797_TAGS;
  report.method = T.method;
  report.title = C.title;
  const n = C.leaves.length;
  const k = C.recipients;
  const r = C.reserves;
  // `facts`: the numbers of a passed check's detail line, so that a page can
  // say it in the reader's language (amounts in cents as decimal strings).
  const pass = (check, detail, facts) => report.checks.push({ check, status: "passed", detail, ...(facts ? { facts } : {}) });
  const fail = (check, detail, expected, found) => {
    const c = { check, status: "failed", detail };
    if (expected !== undefined) c.expected = String(expected);
    if (found !== undefined) c.found = String(found);
    report.checks.push(c);
    report.failed_check = check;
    report.outcome = "failed";
    return report;
  };

  // 1. format
  pass("format", `${T.format} with ${C.format}`, { transcript: T.format, commitment: C.format });

  // 2. published-commitment
  if (P) {
    if (!deepEqual(C.raw, P.raw)) {
      return fail("published-commitment", C.digest === P.digest ? "the digests are equal, but another member differs from the published commitment" : "the transcript embeds a commitment other than the published one", P.digest, C.digest);
    }
    pass("published-commitment", `the transcript embeds exactly the published commitment ${P.digest}`, { digest: P.digest });
  }

  // 3. commitment-digest
  progress("commitment-digest", 0, 1);
  const body = new Map(C.raw);
  body.delete("digest");
  let canon;
  try {
    canon = jcsBytes(body);
  } catch (e) {
    if (!(e instanceof JcsRangeError)) throw e;
    return fail("commitment-digest", `the commitment has no canonical encoding: ${e.message}`);
  }
  const D = await H(method.tags.commitment, canon);
  const Dhex = toHex(D);
  if (Dhex !== C.digest) return fail("commitment-digest", "commitment.digest", Dhex, C.digest);
  pass("commitment-digest", Dhex, { digest: Dhex });
  report.commitment_digest = Dhex;

  // 4. canonical-order
  for (let j = 1; j < n; j++) {
    if (!(C.leaves[j - 1] < C.leaves[j])) {
      return fail("canonical-order", `entries[${j - 1}].leaf < entries[${j}].leaf`, `a leaf above ${C.leaves[j - 1]}`, C.leaves[j]);
    }
  }
  pass("canonical-order", `${n} entries strictly ascending by leaf`, { entries: n });

  // 5. counts
  if (C.count !== BigInt(n)) return fail("counts", "candidates.count", n, C.count);
  let sum = 0n;
  {
    // Sum in Number chunks (each < 2^53) then BigInt
    let part = 0;
    for (let j = 0; j < n; j++) {
      part += C.weights[j];
      if ((j & 0xfffff) === 0xfffff) {
        sum += BigInt(part);
        part = 0;
      }
    }
    sum += BigInt(part);
  }
  if (sum >= TWO64) return fail("counts", "the sum of the weights is 2^64 or more", "below 2^64", sum);
  if (sum !== C.totalWeight) return fail("counts", "candidates.total_weight", sum, C.totalWeight);
  if (k < 1n) return fail("counts", "recipients", "at least 1", k);
  if (k + r > BigInt(n)) return fail("counts", "recipients + reserves at most the number of entries", `at most ${n}`, k + r);
  pass("counts", `${n} entries, total weight ${sum}, ${k} recipients + ${r} reserves`, { entries: n, total_weight: String(sum), recipients: Number(k), reserves: Number(r) });

  // 6. pot
  const p = C.pot;
  const grant = p.grant_monthly_cents * p.grant_months;
  if (p.grant_cents !== grant) return fail("pot", "pot.grant_cents = grant_monthly_cents × grant_months", grant, p.grant_cents);
  if (grant === 0n) return fail("pot", "pot.grant_cents is not 0", "above 0", 0);
  if (!(1n <= p.min_recipients && p.min_recipients <= p.max_recipients)) return fail("pot", "1 ≤ pot.min_recipients ≤ pot.max_recipients", "1 ≤ min ≤ max", `min ${p.min_recipients}, max ${p.max_recipients}`);
  if (!(p.min_recipients <= k && k <= p.max_recipients)) return fail("pot", "recipients within pot.min_recipients … pot.max_recipients", `${p.min_recipients}…${p.max_recipients}`, k);
  if (k * grant > p.amount_cents) return fail("pot", "recipients × grant_cents ≤ amount_cents", `at most ${p.amount_cents}`, k * grant);
  const surplus = p.amount_cents - k * grant;
  if (p.surplus_cents !== surplus) return fail("pot", "pot.surplus_cents", surplus, p.surplus_cents);
  pass("pot", `${k} grants of ${grant} cents from ${p.amount_cents} cents, surplus ${surplus}`, { grants: Number(k), grant_cents: String(grant), amount_cents: String(p.amount_cents), surplus_cents: String(surplus) });

  // 7. seed-commitment (not applicable to the RFC 3797 method, §12.5)
  let seed = null;
  if (rfc) {
    report.checks.push({ check: "seed-commitment", status: "not-applicable", detail: "not applicable: the RFC 3797 method has no secret seed; the public sources alone fix the result" });
  } else {
    seed = fromHex(T.seed);
    const sc = toHex(await seedCommitmentOf(seed));
    if (sc !== C.seedCommitment) return fail("seed-commitment", "H(seed-commitment, seed) = commitment.seed_commitment", C.seedCommitment, sc);
    pass("seed-commitment", "the revealed seed is the committed one", {});
  }

  // 8. entropy-plan
  const plan = C.plan;
  const E = T.entropy;
  if (E.length !== plan.length) {
    return fail("entropy-plan", "number of entropy sources", plan.map((s) => s.label).join(", ") || "(none)", E.map((s) => s.label).join(", ") || "(none)");
  }
  for (let j = 0; j < plan.length; j++) {
    const ps = plan[j];
    const ts = E[j];
    if (ts.label !== ps.label) return fail("entropy-plan", `transcript.entropy[${j}].label`, ps.label, ts.label);
    if (ts.kind !== ps.kind) {
      const unknown = !KNOWN_ENTROPY_KINDS.includes(ts.kind) && !RFC3797_ENTROPY_KINDS.includes(ts.kind);
      report.unknown_entropy_kind = unknown ? ts.kind : undefined;
      const knows = rfc ? 'the RFC 3797 method knows "numbers"' : 'protocol v1 knows "dice" and "text"';
      return fail("entropy-plan", unknown ? `transcript.entropy[${j}].kind: entropy kind ${JSON.stringify(ts.kind)} is unknown to this verifier (${knows}); it was not checked` : `transcript.entropy[${j}].kind`, ps.kind, ts.kind);
    }
    if (ts.beacon) return fail("entropy-plan", `transcript.entropy[${j}]`, 'no "round", "signature" or "previous_signature" (only drand sources have them)', "drand members");
    const bad = validEntropyValue(ps, ts.value);
    if (bad) {
      const want = ps.kind === "dice" ? `${ps.dice} dice of ${ps.faces} faces` : ps.count !== undefined ? `${ps.count} numbers in their one canonical form: sorted ascending, no leading zeros, single spaces (§14.2)` : ps.kind === "numbers" ? "1 to 1000 whole numbers of 1 to 100 digits, separated by single spaces (RFC 3797 numeric source)" : "a non-empty text without control characters";
      return fail("entropy-plan", `transcript.entropy[${j}].value (${ps.label}): ${bad}`, want, ts.value);
    }
  }
  pass("entropy-plan", `${plan.length} announced source(s), each revealed once, in plan order`, { sources: plan.length });
  // §8.2 step 8a: v2 and v3 have the beacon check; this verifier accepts v3 plans without drand only.
  if (method === METHODS.v3) pass("beacon", "no drand source in the plan", { rounds: 0 });

  // 9. draw-replay
  progress("draw-replay", 0, 1);
  const npicks = Number(k + r);
  let picks;
  let replayed;
  let replayFacts;
  if (rfc) {
    // §12.5: the key from the stored values, then the selection of §12.1
    const key = rfc3797Key(E.map((x) => x.value));
    if (key !== T.key) return fail("draw-replay", "transcript.key (RFC 3797 §4)", short(key), short(T.key));
    picks = rfc3797Select(key, n, npicks);
    replayed = `replayed ${npicks} RFC 3797 picks from key ${short(key)}`;
    replayFacts = { picks: npicks, key: short(key) };
  } else {
    const ed = await entropyDigest(E);
    const edHex = toHex(ed);
    if (edHex !== T.entropyDigest) return fail("draw-replay", "transcript.entropy_digest", edHex, T.entropyDigest);
    const ds = await drawSeedOf(D, seed, ed);
    const dsHex = toHex(ds);
    if (dsHex !== T.drawSeed) return fail("draw-replay", "transcript.draw_seed", dsHex, T.drawSeed);
    picks = select(ds, C.weights, npicks);
    replayed = `replayed ${npicks} picks from draw seed ${dsHex}`;
    replayFacts = { picks: npicks, draw_seed: dsHex };
  }
  if (T.result.length !== npicks) return fail("draw-replay", "number of result entries", npicks, T.result.length);
  for (let j = 0; j < npicks; j++) {
    if (T.result[j].index !== BigInt(picks[j])) return fail("draw-replay", `transcript.result[${j}].index`, picks[j], T.result[j].index);
  }
  pass("draw-replay", replayed, replayFacts);

  // 10. result
  const kn = Number(k);
  for (let j = 0; j < npicks; j++) {
    const e = T.result[j];
    const role = j < kn ? "recipient" : "reserve";
    const rank = j < kn ? j + 1 : j - kn + 1;
    const w = `transcript.result[${j}]`;
    if (e.position !== BigInt(j + 1)) return fail("result", `${w}.position`, j + 1, e.position);
    if (e.role !== role) return fail("result", `${w}.role`, role, e.role);
    if (e.rank !== BigInt(rank)) return fail("result", `${w}.rank`, rank, e.rank);
    const i = picks[j];
    if (e.leaf !== C.leaves[i]) return fail("result", `${w}.leaf`, C.leaves[i], e.leaf);
    if (e.weight !== BigInt(C.weights[i])) return fail("result", `${w}.weight`, C.weights[i], e.weight);
  }
  pass("result", `${kn} recipient(s) and ${npicks - kn} reserve(s) match the list`, { recipients: kn, reserves: npicks - kn });

  progress("transcript-digest", 0, 1);
  report.transcript_digest = toHex(await H(method.tags.transcript, jcsBytes(T.raw)));
  if (rfc) report.key = T.key;
  report.outcome = "verified";
  report.verified = true;
  for (let j = 0; j < npicks; j++) {
    const e = { rank: j < kn ? j + 1 : j - kn + 1, leaf: C.leaves[picks[j]] };
    (j < kn ? report.recipients : report.reserves).push(e);
  }
  report.count = n;
  report.total_weight = sum.toString();
  report.notes = planNotes(C.plan);
  report.entropy = E.map((x) => ({ label: x.label, kind: x.kind, value: x.value }));
  Object.defineProperty(report, "_state", { value: { C, T, picks, D }, enumerable: false });
  progress("done", 1, 1);
  return report;
}

/**
 * §9.3 and §9.8: what a verified draw's plan leaves open, as the ids the
 * Rust verifier prints in --json: a free text source (its wording was not
 * fixed in advance), and a plan of dice alone (aimable by whoever saw the seed).
 */
export function planNotes(plan) {
  const notes = [];
  if (plan.some((s) => s.kind === "text")) notes.push("free-text-source");
  if (plan.every((s) => s.kind === "dice")) notes.push("room-only-plan");
  if (plan.some((s) => s.kind === "numbers" && s.count === undefined)) notes.push("uncounted-numbers");
  return notes;
}

/** A long value (an RFC 3797 key may be 1 MB) shortened for a report line. */
function short(x) {
  return x.length > 200 ? `${x.slice(0, 200)}… (${x.length} characters)` : x;
}

function findLeaf(leaves, leaf) {
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

/**
 * The participant check (§8.4) on a report from verifyTranscript.
 * Returns {verified:false} for a transcript that did not verify, otherwise
 * {verified:true, ticket, in_draw, weight?, outcome: "recipient"|"reserve"|"not-drawn", rank?}, or,
 * when the code is valid for this draw but the id as typed matches no ticket,
 * {verified:true, ticket, in_draw:false, outcome:"id-mismatch", id, suggestion, suggested}:
 * `suggestion` is the variant of the id that matches (idVariants) or null, and
 * `suggested` the full answer for it. Throws CodeError for a code that cannot
 * be read (never "not in the draw").
 */
export async function participantCheck(report, id, code) {
  if (report && report._state && report._state.v4) return participantCheckV4(report, id, code); // §17.9
  if (!report || !report.verified || !report._state) return { verified: false };
  const { C, D } = report._state;
  // An id that is empty after trimming cannot be in the draw (§4.1); the page asks for it instead.
  const nid = trimWhiteSpace(String(id)).normalize("NFC");
  // §4.1: an id that no list can hold is named, not answered with "not in the draw"
  const bad = idProblem(id);
  if (bad) throw new CodeError(bad.kind, bad.cp === null ? "the id has no visible character" : `character ${bad.position} of the id (${codePoint(bad.cp)}) cannot be in an id`, { position: bad.position, codePoint: bad.cp === null ? null : codePoint(bad.cp) });
  // §4.1: an empty id, or one above 256 bytes, is named as Rust's `check` names it
  if (nid === "") throw new CodeError("id-empty", "the id is empty", {});
  if (utf8Length(nid) > 256) throw new CodeError("id-too-long", `the id is ${utf8Length(nid)} bytes, at most 256`, { bytes: utf8Length(nid), max: 256 });
  const salt = readCode(String(code), D);
  const leaf = toHex(await leafOf(nid, salt));
  const out = { verified: true, transcript_digest: report.transcript_digest, ticket: leaf };
  const i = findLeaf(C.leaves, leaf);
  if (i < 0) {
    // §8.4 (informative): read_code succeeded, so the code belongs to this
    // draw and the id as typed is most likely a typing difference: try the
    // spellings the person may have meant, with the same salt.
    for (const v of idVariants(id)) {
      const l = toHex(await leafOf(v, salt));
      const j = findLeaf(C.leaves, l);
      if (j >= 0) return { ...out, in_draw: false, outcome: "id-mismatch", id: nid, suggestion: v, suggested: answerFor(report, j, l) };
    }
    return { ...out, in_draw: false, outcome: "id-mismatch", id: nid, suggestion: null, suggested: null };
  }
  return { ...out, ...answerFor(report, i, leaf) };
}

/** The answer for entry i of a verified draw: in the draw, with weight, outcome and rank. */
function answerFor(report, i, leaf) {
  const { C, picks } = report._state;
  const out = { verified: true, transcript_digest: report.transcript_digest, ticket: leaf };
  out.in_draw = true;
  out.weight = C.weights[i];
  const j = picks.indexOf(i);
  if (j < 0) return { ...out, outcome: "not-drawn" };
  const kn = Number(C.recipients);
  return j < kn ? { ...out, outcome: "recipient", rank: j + 1 } : { ...out, outcome: "reserve", rank: j - kn + 1 };
}

/**
 * English and Dutch sentences for a participant result, as `potdraw check` says them.
 * For an id mismatch with a suggestion, `suggestedAnswer` replaces the plain
 * answer for the id meant (the page passes the final outcome of §15.5 there).
 */
export function participantSentence(res, lang = "en", suggestedAnswer = null) {
  const nl = lang === "nl";
  if (!res.verified) return nl ? "Het transcript van de loting klopt niet; over uw lot kan daarom niets worden gezegd." : "The transcript does not verify, so nothing can be said about your ticket.";
  if (res.outcome === "id-mismatch") {
    const shown = JSON.stringify(res.id);
    const head = nl
      ? `De controlecode hoort bij deze loting, maar past niet bij het id zoals u het typte: ${shown}. Typ het id precies zoals het op uw bewijsje staat, met dezelfde hoofdletters en kleine letters, spaties en streepjes.`
      : `The code is valid for this draw, but it does not match the id as you typed it: ${shown}. Type the id exactly as it is on your slip, with the same capital and small letters, spaces and hyphens.`;
    if (res.suggested) return `${head}\n${nl ? `Bedoelde u ${res.suggestion}?` : `Did you mean ${res.suggestion}?`}\n${suggestedAnswer || participantSentence(res.suggested, lang)}`;
    return `${head}\n${nl
      ? "Ook met andere hoofdletters, kleine letters, spaties of streepjes past het id bij geen enkel lot. Kijk het id op uw bewijsje na en typ het precies over. Hebt u dat gedaan en ziet u dit toch, dan zat uw lot misschien niet in de trekking: laat dit dan zien aan de organisator of een controleur."
      : "Written with other capital or small letters, spaces or hyphens, the id matches no ticket either. Check the id on your slip and type it exactly as it is printed. If you did and still see this, your ticket may not be in the draw: show this to the organiser or an auditor."}`;
  }
  if (!res.in_draw) {
    return nl
      ? "Uw lot zat NIET in de trekking: geen lot in deze loting past bij uw id en controlecode. Was u verteld dat u meedeed? Laat dit dan zien aan de organisator of een controleur."
      : "Your ticket was NOT in the draw: no ticket in this draw matches your id and code. If you were told you would take part, show this to the organiser or an auditor.";
  }
  if (typeof res.list === "string") return participantSentenceV4(res, lang); // §17.9: a ticket of a v4 list
  const head = nl ? `Uw lot zat in de trekking (gewicht ${res.weight}).` : `Your ticket was in the draw (weight ${res.weight}).`;
  if (res.outcome === "recipient") return `${head} ${nl ? `U bent getrokken als ontvanger nummer ${res.rank}.` : `You were drawn as recipient number ${res.rank}.`}`;
  if (res.outcome === "reserve") return `${head} ${nl ? `U bent getrokken als reserve nummer ${res.rank}.` : `You were drawn as reserve number ${res.rank}.`}`;
  return `${head} ${nl ? "U bent niet getrokken." : "You were not drawn."}`;
}

// ---------------------------------------------------------------- amendments record (§15, §15.8)
//
// Written from SPEC §15 alone: the record of substitutions after the draw.
// It is checked only against a transcript report that verified (§15.4).
// Version 2 (§15.8) adds an optional `list` to vacate and skip events
// (required for a v4 transcript, forbidden for any other) and undo events,
// which cancel the most recent vacate or skip event still in effect.

export const AMENDMENTS_FORMAT = "potdraw/amendments/v1";
export const AMENDMENTS_V2_FORMAT = "potdraw/amendments/v2";
export const AMENDMENTS_FORMATS = [AMENDMENTS_FORMAT, AMENDMENTS_V2_FORMAT];
export const AMENDMENTS_TAG = "potdraw/v1/amendments";
export const AMENDMENT_REASONS = ["declined", "unreachable", "not-eligible"];
export const AMENDMENT_CHECKS = ["amendments-transcript", "amendments-sequence", "amendments-dates", "amendments-rules", "amendments-prefix"];

/** §15.2: exactly YYYY-MM-DD, a real Gregorian date, year 1970–9999. */
export const validDate = (s) => typeof s === "string" && s.length === 10 && validCreatedAt(`${s}T00:00:00Z`);

function eventDate(e, w) {
  const date = str(e, "date", w);
  if (!validDate(date)) throw new Unusable(`expected a UTC date YYYY-MM-DD, found ${JSON.stringify(date)}`, `${w}.date`);
  return date;
}

/**
 * §15.2, §15.8: the syntax of a record, v1 or v2; throws Unusable naming the
 * member. Each event is {raw, kind: "vacate"|"skip"|"undo", seq, date,
 * reason, list, place, taken_by, reserve, undoes}, absent members null.
 */
export function parseAmendments(m, where = "amendments") {
  const format = checkFormat(m, AMENDMENTS_FORMATS, where);
  const v2 = format === AMENDMENTS_V2_FORMAT;
  expectObject(m, where, ["format", "transcript", "events"]);
  const transcript = hex(m, "transcript", where);
  const none = { reason: null, list: null, place: null, taken_by: null, reserve: null, undoes: null };
  const events = arr(m, "events", where).map((e, j) => {
    const w = `${where}.events[${j}]`;
    if (!(e instanceof Map)) throw new Unusable(`expected an object, found ${typeName(e)}`, w);
    // §15.8: an undo has exactly seq, date and undoes (v2 only; in v1 `undoes` is an unknown member)
    if (v2 && e.has("undoes")) {
      expectObject(e, w, ["seq", "date", "undoes"]);
      const seq = int(e, "seq", w);
      const date = eventDate(e, w);
      return { ...none, raw: e, kind: "undo", seq, date, undoes: int(e, "undoes", w) };
    }
    // Exactly seq, date, reason, and either place + taken_by or reserve; in v2 optionally list.
    const vacate = e.has("place") || e.has("taken_by");
    const withList = v2 && e.has("list") ? ["list"] : [];
    expectObject(e, w, [...(vacate ? ["seq", "date", "reason", "place", "taken_by"] : ["seq", "date", "reason", "reserve"]), ...withList]);
    const seq = int(e, "seq", w);
    const date = eventDate(e, w);
    const reason = str(e, "reason", w);
    if (!AMENDMENT_REASONS.includes(reason)) throw new Unusable(`expected one of ${AMENDMENT_REASONS.join(", ")}, found ${JSON.stringify(reason)}`, `${w}.reason`);
    let list = null;
    if (withList.length) {
      list = str(e, "list", w);
      if (!validListName(list)) throw new Unusable(`malformed list name ${JSON.stringify(list)}: ${LIST_NAME_RULE}`, `${w}.list`);
    }
    return vacate
      ? { ...none, raw: e, kind: "vacate", seq, date, reason, list, place: int(e, "place", w), taken_by: int(e, "taken_by", w) }
      : { ...none, raw: e, kind: "skip", seq, date, reason, list, reserve: int(e, "reserve", w) };
  });
  return { raw: m, format, v2, transcript, events };
}

/**
 * §15.3 for one list (k, r, L BigInt), one event at a time, and §15.8's undo:
 * undo() takes back exactly the last event applied. holders[p − 1] is
 * {kind: "recipient"|"reserve"|"empty", n}; `gone` holds the reserve numbers
 * used or skipped (as strings); `left` has one entry per event in effect:
 * {holder, event (1-based), reason, place|null, date}.
 */
class ListReplay {
  constructor(k, r, L) {
    Object.assign(this, { k, r, L, holders: [], gone: new Set(), left: [], log: [] });
    for (let p = 1n; p <= k; p++) this.holders.push({ kind: "recipient", n: p });
    // All reserves below `waiting` are in `gone`; it moves back only by an undo, to where it was.
    this.waiting = 1n;
  }
  lowestWaiting() {
    while (this.gone.has(this.waiting.toString())) this.waiting++;
    return this.waiting;
  }
  /** Applies vacate or skip event e at 1-based position `at`: null, or the first failing rule {event, what, expected, found}. */
  apply(e, at) {
    const { k, r, L } = this;
    const before = this.waiting;
    if (e.kind === "vacate") {
      if (!(e.place >= 1n && e.place <= k)) return { event: at, what: "place-not-drawn", expected: `a place from 1 to ${k}`, found: `place ${e.place}` };
      const p = Number(e.place - 1n);
      const h = this.holders[p];
      if (h.kind === "empty") return { event: at, what: "place-empty", expected: "a place that has a holder", found: `place ${e.place}, empty` };
      let m = this.lowestWaiting();
      if (k + m > L) m = 0n;
      if (e.taken_by !== m) return { event: at, what: "taken-by", expected: `taken_by ${m}`, found: `taken_by ${e.taken_by}` };
      this.left.push({ holder: h, event: at, reason: e.reason, place: e.place, date: e.date });
      this.holders[p] = m !== 0n ? { kind: "reserve", n: m } : { kind: "empty", n: null };
      if (m !== 0n) this.gone.add(m.toString());
      this.log.push({ p, h, m, before });
    } else {
      if (!(e.reserve >= 1n && e.reserve <= r)) return { event: at, what: "reserve-not-drawn", expected: `a reserve from 1 to ${r}`, found: `reserve ${e.reserve}` };
      if (this.gone.has(e.reserve.toString())) return { event: at, what: "reserve-gone", expected: "a reserve not used or skipped before", found: `reserve ${e.reserve}` };
      this.gone.add(e.reserve.toString());
      this.left.push({ holder: { kind: "reserve", n: e.reserve }, event: at, reason: e.reason, place: null, date: e.date });
      this.log.push({ p: null, h: null, m: e.reserve, before });
    }
    return null;
  }
  /** Takes back the last event applied; returns its `left` entry. */
  undo() {
    const x = this.log.pop();
    if (x.p !== null) this.holders[x.p] = x.h;
    if (x.m !== 0n) this.gone.delete(x.m.toString());
    this.waiting = x.before;
    return this.left.pop();
  }
}

/**
 * §15.8 replay_v2 (and §15.3 for a v1 record, which has no undo and no list).
 * `lists` is [{name, k, r, L}] (one entry with name null for a single-list
 * transcript); `named` is true for a v4 transcript, whose vacate and skip
 * events must name one of the lists. Returns {states, effect, undone, fail}:
 * one ListReplay per list after the last event, the events in effect
 * [{at, li}], the undone events [{event, by, li, left}], and null or the
 * first failing rule {event (1-based), what, expected, found, list?}.
 */
export function replayRecord(lists, events, named) {
  const states = lists.map((x) => new ListReplay(x.k, x.r, x.L));
  const effect = [];
  const undone = [];
  const names = () => lists.map((x) => x.name).join(", ");
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    const at = i + 1;
    if (e.kind === "undo") {
      if (!effect.length) return { fail: { event: at, what: "nothing-to-undo", expected: "an event in effect to undo", found: `undoes ${e.undoes}, and no event is in effect` } };
      const last = effect[effect.length - 1];
      const seq = events[last.at - 1].seq;
      if (e.undoes !== seq) return { fail: { event: at, what: "undoes", expected: `undoes ${seq} (the most recent event in effect)`, found: `undoes ${e.undoes}` } };
      effect.pop();
      undone.push({ event: last.at, by: at, li: last.li, left: states[last.li].undo() });
      continue;
    }
    let li = 0;
    if (named) {
      if (e.list === null) return { fail: { event: at, what: "list-missing", expected: `a list: one of ${names()}`, found: "no list" } };
      li = lists.findIndex((x) => x.name === e.list);
      if (li < 0) return { fail: { event: at, what: "list-unknown", expected: `one of ${names()}`, found: `list ${e.list}`, list: e.list } };
    } else if (e.list !== null) {
      return { fail: { event: at, what: "list-forbidden", expected: "no list (this draw has one list)", found: `list ${e.list}`, list: e.list } };
    }
    const f = states[li].apply(e, at);
    if (f) return { fail: named ? { ...f, list: e.list } : f };
    effect.push({ at, li });
  }
  return { states, effect, undone, fail: null };
}

/**
 * §15.3 on one list for v1-style events (from parseAmendments): {holders, gone, left, fail}.
 * Kept for callers of the v1 API; replayRecord is the general replay.
 */
export function replayAmendments(k, r, L, events) {
  const x = replayRecord([{ name: null, k, r, L }], events, false);
  if (x.fail) return { fail: x.fail };
  const s = x.states[0];
  return { holders: s.holders, gone: s.gone, left: s.left, fail: null };
}

const severalListsMessage = `a ${AMENDMENTS_FORMAT} record applies only to a draw with one list: substitutions in a draw with several lists need a record that names the list (${AMENDMENTS_V2_FORMAT}, SPEC §17.10, §15.8)`;

/**
 * §15.4, §15.8: checks a record (v1 or v2) against a verified transcript
 * `report` (from verifyTranscript). `opts.earlier` is an earlier version (text
 * or bytes, v1 or v2). Returns {outcome: "verified"|"failed"|"unusable"|"not-checked",
 * checks, failed_check, digest, events, undone, reasons, history, final:
 * [{list?, place, holder, reserve, index, leaf}], lists? (v4: per list)}.
 */
export async function verifyAmendments(report, input, opts = {}) {
  const out = { outcome: null, verified: false, checks: [], failed_check: null };
  if (!report.verified || !report._state) return { ...out, outcome: "not-checked" };
  const v4 = !!report._state.v4;
  const read = async (bytes, where) => {
    const m = await parseJSON(bytes);
    // §17.10: a v1 record names no list, so it applies only to single-list transcripts
    if (v4 && m instanceof Map && m.get("format") === AMENDMENTS_FORMAT) return { severalLists: true };
    return parseAmendments(m, where);
  };
  let A;
  let O = null;
  for (const [doc, bytes] of [["amendments", input], ["earlier amendments", opts.earlier]]) {
    if (bytes == null) continue;
    let x;
    try {
      x = await read(bytes, doc);
    } catch (e) {
      if (!(e instanceof Unusable)) throw e;
      return { ...out, outcome: "unusable", unusable: { document: doc, message: e.message } };
    }
    if (x.severalLists) return { ...out, outcome: "unusable", unusable: { document: doc, reason: "several-lists", message: severalListsMessage } };
    if (doc === "amendments") A = x;
    else O = x;
  }
  const { C, T } = report._state;
  const fail = (check, f) => {
    out.checks.push({ check, status: "failed", ...f });
    return { ...out, outcome: "failed", failed_check: check };
  };
  const pass = (check) => out.checks.push({ check, status: "passed" });

  // 1. amendments-transcript
  if (A.transcript !== report.transcript_digest) return fail("amendments-transcript", { event: null, expected: report.transcript_digest, found: A.transcript });
  pass("amendments-transcript");
  // 2. amendments-sequence
  for (let i = 0; i < A.events.length; i++) {
    if (A.events[i].seq !== BigInt(i + 1)) return fail("amendments-sequence", { event: i + 1, expected: String(i + 1), found: String(A.events[i].seq) });
  }
  pass("amendments-sequence");
  // 3. amendments-dates: not before the commitment's date D0, never decreasing (same-form dates compare as strings); undo events too (§15.8)
  const D0 = C.createdAt.slice(0, 10);
  for (let i = 0; i < A.events.length; i++) {
    const d = A.events[i].date;
    if (d < D0) return fail("amendments-dates", { event: i + 1, expected: `${D0} or later`, found: d });
    if (i > 0 && d < A.events[i - 1].date) return fail("amendments-dates", { event: i + 1, expected: `${A.events[i - 1].date} or later`, found: d });
  }
  pass("amendments-dates");
  // 4. amendments-rules: §15.1 L = n, or min(n, 4096) for RFC 3797; for v4 each list's own k, r and L = n (§15.8)
  const rfc = !v4 && T.method.startsWith("rfc3797");
  const lists = v4
    ? C.lists.map((X, li) => ({ name: X.name, number: X.number, rule: X.rule, companionsOf: X.companionsOf, k: X.recipients, r: X.reserves, L: BigInt(X.leaves.length), leaves: X.leaves, weights: X.weights, seed: T.lists[li].listSeed }))
    : [{ name: null, number: 1, rule: null, companionsOf: null, k: C.recipients, r: C.reserves, L: rfc && C.leaves.length > RFC3797_MAX_PICKS ? BigInt(RFC3797_MAX_PICKS) : BigInt(C.leaves.length), leaves: C.leaves, weights: C.weights, seed: T.drawSeed }];
  const replay = replayRecord(lists, A.events, v4);
  if (replay.fail) return fail("amendments-rules", replay.fail);
  pass("amendments-rules");
  // 5. amendments-prefix: either version of O; events compared member for member as parsed values
  if (O) {
    if (O.transcript !== A.transcript) return fail("amendments-prefix", { event: null, expected: A.transcript, found: O.transcript });
    if (O.events.length > A.events.length) return fail("amendments-prefix", { event: null, expected: `at most ${A.events.length} events`, found: String(O.events.length) });
    for (let i = 0; i < O.events.length; i++) {
      if (!deepEqual(O.events[i].raw, A.events[i].raw)) return fail("amendments-prefix", { event: i + 1, expected: "the earlier version's event", found: "another event" });
    }
    pass("amendments-prefix");
  }
  // The final list, per list: reserve m is pick k + m − 1 (0-based) of the same selection continued (§15.1, §17.4).
  const perList = lists.map((X, li) => {
    const s = replay.states[li];
    let highest = X.r;
    for (const h of s.holders) if (h.kind === "reserve" && h.n > highest) highest = h.n;
    for (const g of s.gone) if (BigInt(g) > highest) highest = BigInt(g);
    const total = Number(X.k + highest);
    const picks = rfc ? rfc3797Select(T.key, C.leaves.length, total) : select(fromHex(X.seed), X.weights, total);
    const final = s.holders.map((h, p) => {
      const j = h.kind === "recipient" ? Number(h.n) - 1 : h.kind === "reserve" ? Number(X.k + h.n) - 1 : null;
      const index = j === null ? null : picks[j];
      const holder = h.kind === "reserve" && h.n > X.r ? "continued" : h.kind;
      return { ...(v4 ? { list: X.name } : {}), place: p + 1, holder, reserve: h.kind === "reserve" ? Number(h.n) : null, index, leaf: index === null ? null : X.leaves[index] };
    });
    return { ...X, picks, state: s, final };
  });
  out.final = perList.flatMap((X) => X.final);
  if (v4) out.lists = perList.map((X) => ({ name: X.name, number: X.number, rule: X.rule, companions_of: X.companionsOf, final: X.final }));
  const inEffect = replay.effect.map((x) => A.events[x.at - 1]);
  out.reasons = Object.fromEntries(AMENDMENT_REASONS.map((x) => [x, inEffect.filter((e) => e.reason === x).length]));
  out.events = A.events.length;
  out.undone = replay.undone.length;
  const undoneBy = new Map(replay.undone.map((u) => [u.event, u.by]));
  out.history = A.events.map((e, i) => ({
    seq: i + 1,
    date: e.date,
    kind: e.kind,
    list: e.list,
    reason: e.reason,
    place: e.place === null ? null : Number(e.place),
    taken_by: e.taken_by === null ? null : Number(e.taken_by),
    reserve: e.reserve === null ? null : Number(e.reserve),
    undoes: e.undoes === null ? null : Number(e.undoes),
    undone_by: undoneBy.get(i + 1) ?? null,
  }));
  out.digest = toHex(await H(AMENDMENTS_TAG, jcsBytes(A.raw)));
  out.outcome = "verified";
  out.verified = true;
  Object.defineProperty(out, "_state", { value: { A, v4, lists: perList, undone: replay.undone }, enumerable: false });
  return out;
}

/**
 * §15.5, §15.8 (and §17.9 for v4, per list): a participant's final outcome,
 * given participantCheck's result and a verified record: {final_outcome,
 * place, reserve, reason?, date?, list?, companion_of?, restored?}, or null
 * when the ticket is not in the draw. Undone events made nobody leave;
 * `restored` names the last undone event that had made this person leave.
 */
export function amendedOutcome(check, amended) {
  if (!check.verified || !check.in_draw || !amended.verified) return null;
  const { A, v4, lists, undone } = amended._state;
  const li = v4 ? lists.findIndex((x) => x.name === check.list) : 0;
  if (li < 0) return null;
  const X = lists[li];
  const base = v4 ? { list: X.name, rule: X.rule, companions_list: X.rule === "companions" ? X.companionsOf : null, companion_of: null } : {};
  const i = X.picks.indexOf(findLeaf(X.leaves, check.ticket));
  if (i < 0) return { ...base, final_outcome: "not-drawn", place: null, reserve: null };
  const who = BigInt(i) < X.k ? { kind: "recipient", n: BigInt(i + 1) } : { kind: "reserve", n: BigInt(i) - X.k + 1n };
  const same = (h) => h.kind === who.kind && h.n === who.n;
  const reserve = who.kind === "reserve" ? Number(who.n) : null;
  const u = [...undone].reverse().find((x) => x.li === li && same(x.left.holder));
  const restored = u ? { event: u.event, by: u.by, date: A.events[u.by - 1].date, vacate: u.left.place !== null } : null;
  const p = X.state.holders.findIndex(same);
  if (p >= 0) {
    // §17.6, §15.8: whoever holds place j of a companions list travels with place j of the list it travels with
    const companion_of = X.rule === "companions" ? { list: X.companionsOf, place: p + 1 } : null;
    const final_outcome = who.kind === "recipient" ? "recipient" : who.n <= X.r ? "moved-up" : "continued";
    return { ...base, final_outcome, place: p + 1, reserve, ...(v4 ? { companion_of } : {}), restored };
  }
  const gone = [...X.state.left].reverse().find((x) => same(x.holder));
  if (gone) return { ...base, final_outcome: gone.place !== null ? "vacated" : "skipped", place: gone.place !== null ? Number(gone.place) : null, reserve, reason: gone.reason, date: gone.date, restored: null };
  return { ...base, final_outcome: "waiting", place: null, reserve, restored };
}

/** §15.5, §15.8: the final outcome in English or Dutch, as `potdraw check --amendments` says it. */
const MONTHS = {
  nl: ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
  en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
};

/**
 * A record's date (YYYY-MM-DD, §15.2) as a person reads it: "15 december
 * 2026" / "15 December 2026", as potdraw says it (issue 28); the record keeps
 * its form. Anything else is returned as it is.
 */
export function dayText(date, lang = "en") {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const month = m && MONTHS[lang === "nl" ? "nl" : "en"][Number(m[2]) - 1];
  return month ? `${Number(m[3])} ${month} ${m[1]}` : date;
}

export function amendedSentence(res, o, lang = "en") {
  const nl = lang === "nl";
  const head = o.list
    ? nl ? `Uw lot zat in de trekking van lijst ${o.list} (gewicht ${nlInt(res.weight)}).` : `Your ticket was in the draw of list ${o.list} (weight ${res.weight}).`
    : nl ? `Uw lot zat in de trekking (gewicht ${res.weight}).` : `Your ticket was in the draw (weight ${res.weight}).`;
  const reasons = nl
    ? { declined: "ziet af", unreachable: "was niet bereikbaar", "not-eligible": "voldoet niet aan de regels" }
    : { declined: "declined", unreachable: "could not be reached", "not-eligible": "does not meet the eligibility rules" };
  // What holding a place means: a grant (one list, or a list with a pot), travelling
  // with a place of another list (travel companions: never a grant), or just the place (rule fixed).
  const c = o.companion_of;
  const what = c
    ? nl ? `: u reist mee met plaats ${c.place} van lijst ${c.list}.` : `: you travel with place ${c.place} of list ${c.list}.`
    : o.rule === "fixed" ? "." : nl ? ": u ontvangt de schenking." : ": you receive the grant.";
  const noGrant = c ? (nl ? " Een reisgenoot krijgt geen schenking." : " A travel companion receives no grant.") : "";
  const say = {
    recipient: () =>
      c ? (nl ? `U bent getrokken als reisgenoot nummer ${o.place}${what}` : `You were drawn as travel companion number ${o.place}${what}`)
      : nl ? `U bent getrokken als ontvanger ${o.place}${what}` : `You were drawn as recipient ${o.place}${what}`,
    "moved-up": () => (nl ? `U was reserve ${o.reserve} en bent doorgeschoven naar plaats ${o.place}${what}` : `You were reserve ${o.reserve} and moved up to place ${o.place}${what}`),
    continued: () =>
      nl
        ? `U was op de dag niet getrokken; door de trekking voort te zetten werd u reserve ${o.reserve}, en u bent doorgeschoven naar plaats ${o.place}${what}`
        : `You were not drawn on the day; continuing the selection made you reserve ${o.reserve}, and you moved up to place ${o.place}${what}`,
    vacated: () => (nl ? `U had plaats ${o.place}; die is op ${dayText(o.date, lang)} vrijgekomen: ${reasons[o.reason]}.` : `You held place ${o.place}; it was vacated on ${dayText(o.date, lang)}: ${reasons[o.reason]}.`),
    skipped: () => (nl ? `U was reserve ${o.reserve} en bent op ${dayText(o.date, lang)} overgeslagen: ${reasons[o.reason]}.` : `You were reserve ${o.reserve} and were passed over on ${dayText(o.date, lang)}: ${reasons[o.reason]}.`),
    waiting: () =>
      o.companions_list
        ? nl ? `U bent reserve ${o.reserve} van de reisgenoten van lijst ${o.companions_list} en bent nog niet opgeroepen.` : `You are reserve ${o.reserve} of the travel companions of list ${o.companions_list} and have not been called.`
        : nl ? `U bent reserve ${o.reserve} en bent nog niet opgeroepen.` : `You are reserve ${o.reserve} and have not been called.`,
    "not-drawn": () => (nl ? "U bent niet getrokken." : "You were not drawn."),
  };
  const holds = ["recipient", "moved-up", "continued"].includes(o.final_outcome);
  // §15.8: an undone event made nobody leave; the person it named is told so.
  const r = o.restored;
  const back = !r ? ""
    : r.vacate && holds ? (nl ? ` Gebeurtenis ${r.event}, waarin uw plaats vrijkwam, is op ${dayText(r.date, lang)} teruggedraaid: u houdt uw plaats.` : ` Event ${r.event}, which vacated your place, was undone on ${dayText(r.date, lang)}: you keep your place.`)
    : !r.vacate ? (nl ? ` Gebeurtenis ${r.event}, waarin u werd overgeslagen, is op ${dayText(r.date, lang)} teruggedraaid.` : ` Event ${r.event}, which passed you over, was undone on ${dayText(r.date, lang)}.`)
    : "";
  return `${head} ${say[o.final_outcome]()}${holds ? noGrant : ""}${back}`;
}

// ---------------------------------------------------------------- version 4: several lists (§17)
//
// Written from SPEC §17 alone. Version 4 is v3 (§14) with the commitment's
// `pot`, `recipients`, `reserves` and `candidates` replaced by 2 to 16 named
// `lists` (§17.2); leaves bind their list's name (§17.3); each list is drawn
// from its own stream keyed by H("potdraw/v4/list-seed", draw_seed, name)
// (§17.4); the transcript holds one result per list (§17.5); the checks are
// those of §8.2 per list, with the new check `companions` after `pot` (§17.7);
// receipts are potdraw/receipt/v2 and name their list (§17.8, §17.9).

export const V4_TAGS = { entry: "potdraw/v4/entry", listSeed: "potdraw/v4/list-seed" };
export const V4_RULES = ["fixed", "pot", "companions"];
/** §17.2, §17.11: a v4 commitment has 2 to 16 lists. */
export const V4_MIN_LISTS = 2;
export const V4_MAX_LISTS = 16;
/** §17.7: the names of a v4 report, in order (`published-commitment` only with a published commitment). */
export const V4_CHECKS = ["format", "published-commitment", "commitment-digest", "canonical-order", "counts", "pot", "companions", "seed-commitment", "entropy-plan", "beacon", "draw-replay", "result"];
/** §17.7, §8.3: a v4 commitment alone. */
export const V4_COMMITMENT_CHECKS = ["format", "commitment-digest", "canonical-order", "counts", "pot", "companions"];

/** §17.3: leaf = H("potdraw/v4/entry", UTF-8(name), UTF-8(NFC(id)), salt). */
export const leafOfV4 = (name, id, salt) => H(V4_TAGS.entry, utf8(name), utf8(id.normalize("NFC")), salt);
/** §17.4: list_seed(L) = H("potdraw/v4/list-seed", draw_seed, UTF-8(L.name)). */
export const listSeedOf = (drawSeed, name) => H(V4_TAGS.listSeed, drawSeed, utf8(name));

/** §17.2: a list's name (and `companions_of`): the label rule of §5.1, ASCII, so one byte form. */
const validListName = (s) => typeof s === "string" && LABEL_RE.test(s);
const LIST_NAME_RULE = 'expected 1 to 64 characters from a-z, 0-9, ".", "_" and "-", the first a letter or digit';

/**
 * §17.2: a v4 commitment. Returns the structure of parseCommitment with
 * `lists` in place of pot/recipients/reserves/candidates; each list is
 * {number (1-based), name, rule, pot|null, companionsOf|null, recipients,
 * reserves, count, totalWeight, leaves, weights}.
 */
async function parseCommitmentV4(m, where, opts) {
  // `pot`, `recipients`, `reserves` and `candidates` are unknown members here (§17.1).
  const optional = m.has("previous") ? ["previous"] : [];
  expectObject(m, where, ["format", "title", "created_at", "seed_commitment", "entropy_plan", "lists", ...optional, "digest"]);
  const previous = optional.length ? hex(m, "previous", where) : null;
  const { title, createdAt } = parseTitleAndDate(m, where);
  const seedCommitment = hex(m, "seed_commitment", where);
  const plan = parsePlan(m, where, METHODS.v4);
  const listsA = arr(m, "lists", where);
  if (listsA.length < V4_MIN_LISTS || listsA.length > V4_MAX_LISTS) {
    throw new Unusable(`expected ${V4_MIN_LISTS} to ${V4_MAX_LISTS} lists, found ${listsA.length} (a draw with one list is written as v1, v2 or v3)`, `${where}.lists`);
  }
  const names = new Set();
  const lists = [];
  for (let i = 0; i < listsA.length; i++) {
    const L = listsA[i];
    const w = `${where}.lists[${i}]`;
    if (!(L instanceof Map)) throw new Unusable(`expected an object, found ${typeName(L)}`, w);
    // The rule decides which members the list has: `pot` exactly with "pot", `companions_of` exactly with "companions".
    if (!L.has("rule")) throw new Unusable('missing member "rule"', w);
    const rule = str(L, "rule", w);
    if (!V4_RULES.includes(rule)) throw new Unusable(`expected "fixed", "pot" or "companions", found ${JSON.stringify(rule)}`, `${w}.rule`);
    expectObject(L, w, ["name", "rule", ...(rule === "pot" ? ["pot"] : []), ...(rule === "companions" ? ["companions_of"] : []), "recipients", "reserves", "candidates"]);
    const name = str(L, "name", w);
    if (!validListName(name)) throw new Unusable(`malformed list name ${JSON.stringify(name)}: ${LIST_NAME_RULE}`, `${w}.name`);
    if (names.has(name)) throw new Unusable(`the list name ${JSON.stringify(name)} is used twice; list names are unique`, `${w}.name`);
    names.add(name);
    const pot = rule === "pot" ? parsePot(L.get("pot"), `${w}.pot`) : null;
    const companionsOf = rule === "companions" ? str(L, "companions_of", w) : null;
    if (companionsOf !== null && !validListName(companionsOf)) throw new Unusable(`malformed list name ${JSON.stringify(companionsOf)}: ${LIST_NAME_RULE}`, `${w}.companions_of`);
    const recipients = int(L, "recipients", w);
    const reserves = int(L, "reserves", w);
    const cands = await parseCandidates(L.get("candidates"), `${w}.candidates`, opts, false);
    lists.push({ number: i + 1, name, rule, pot, companionsOf, recipients, reserves, ...cands });
  }
  const digest = hex(m, "digest", where);
  return { raw: m, method: "v4", format: V4_FORMATS.commitment, title, createdAt, seedCommitment, plan, lists, previous, digest };
}

/** §17.5: a v4 transcript; `lists` is [{name, listSeed, result}], any length at parse time. */
async function parseTranscriptV4(m, opts) {
  const where = "transcript";
  // `result` at the top level is an unknown member here (§17.1).
  expectObject(m, where, ["format", "commitment", "seed", "entropy", "entropy_digest", "draw_seed", "lists"]);
  const commitment = await parseCommitment(m.get("commitment"), "transcript.commitment", { ...opts, method: METHODS.v4 });
  const seed = hex(m, "seed", where);
  const entropy = parseEntropy(m, where, METHODS.v4);
  const entropyDigest = hex(m, "entropy_digest", where);
  const drawSeed = hex(m, "draw_seed", where);
  const lists = arr(m, "lists", where).map((R, i) => {
    const w = `${where}.lists[${i}]`;
    expectObject(R, w, ["name", "list_seed", "result"]);
    return { name: str(R, "name", w), listSeed: hex(R, "list_seed", w), result: parseResult(arr(R, "result", w), `${w}.result`) };
  });
  return { raw: m, method: "v4", format: V4_FORMATS.transcript, commitment, seed, key: null, entropy, entropyDigest, drawSeed, lists };
}

/** Check recorders for a report: pass(check, detail) and fail(check, list|null, detail, expected, found) → report. */
function recorders(report) {
  const pass = (check, detail) => report.checks.push({ check, status: "passed", detail });
  // §17.7: a failure names the list by name and 1-based number, what was compared, the expected and the found value.
  const fail = (check, L, detail, expected, found) => {
    const c = { check, status: "failed", detail: L ? `list ${L.number} (${L.name}): ${detail}` : detail };
    if (L) {
      c.list = L.name;
      c.list_number = L.number;
    }
    if (expected !== undefined) c.expected = String(expected);
    if (found !== undefined) c.found = String(found);
    report.checks.push(c);
    report.failed_check = check;
    report.outcome = "failed";
    return report;
  };
  return { pass, fail };
}

/**
 * §17.7 steps 3–7 on a parsed v4 commitment C: commitment-digest,
 * canonical-order, counts, pot, companions; sets report.commitment_digest once
 * the digest checks. Returns {D, sums} when all pass, or null after recording
 * the first failure.
 */
async function commitmentChecksV4(C, pass, fail, report) {
  // 3. commitment-digest: the body is the commitment without `digest`; JCS fails on an integer of 2^53 or more
  const body = new Map(C.raw);
  body.delete("digest");
  let canon;
  try {
    canon = jcsBytes(body);
  } catch (e) {
    if (!(e instanceof JcsRangeError)) throw e;
    fail("commitment-digest", null, `the commitment has no canonical encoding: ${e.message}`);
    return null;
  }
  const D = await H(TAGS.commitment, canon);
  const Dhex = toHex(D);
  if (Dhex !== C.digest) {
    fail("commitment-digest", null, "commitment.digest", Dhex, C.digest);
    return null;
  }
  pass("commitment-digest", Dhex);
  report.commitment_digest = Dhex;

  // 4. canonical-order, per list: leaves of different lists are never compared (§17.3)
  for (const L of C.lists) {
    for (let j = 1; j < L.leaves.length; j++) {
      if (!(L.leaves[j - 1] < L.leaves[j])) {
        fail("canonical-order", L, `entries[${j - 1}].leaf < entries[${j}].leaf`, `a leaf above ${L.leaves[j - 1]}`, L.leaves[j]);
        return null;
      }
    }
  }
  pass("canonical-order", C.lists.map((L) => `list ${L.number} (${L.name}): ${L.leaves.length} entries strictly ascending by leaf`).join("; "));

  // 5. counts, per list, each list's four rules before the next list's
  const sums = [];
  for (const L of C.lists) {
    const cnt = countsProblem(L, L.recipients, L.reserves);
    if (cnt.fail) {
      fail("counts", L, ...cnt.fail);
      return null;
    }
    sums.push(cnt.sum);
  }
  pass("counts", C.lists.map((L, i) => `list ${L.number} (${L.name}): ${L.leaves.length} entries, total weight ${sums[i]}, ${L.recipients} recipients + ${L.reserves} reserves`).join("; "));

  // 6. pot, for each list whose rule is "pot", with its own pot and k (§17.6)
  const potLists = C.lists.filter((L) => L.rule === "pot");
  for (const L of potLists) {
    const bad = potProblem(L.pot, L.recipients);
    if (bad) {
      fail("pot", L, ...bad);
      return null;
    }
  }
  pass("pot", potLists.length ? potLists.map((L) => `list ${L.number} (${L.name}): ${L.recipients} grants of ${L.pot.grant_cents} cents from ${L.pot.amount_cents} cents, surplus ${L.pot.surplus_cents}`).join("; ") : "no list has the rule pot");

  // 7. companions: X is another list named by companions_of, with rule fixed or pot, and the same k
  const compLists = C.lists.filter((L) => L.rule === "companions");
  for (const L of compLists) {
    const X = C.lists.find((x) => x !== L && x.name === L.companionsOf);
    if (!X) {
      const others = C.lists.filter((x) => x !== L).map((x) => x.name).join(", ");
      fail("companions", L, "companions_of names another list of this commitment", `one of ${others}`, L.companionsOf);
      return null;
    }
    if (X.rule !== "fixed" && X.rule !== "pot") {
      fail("companions", L, `companions_of: the rule of list ${X.number} (${X.name}), which this list travels with`, '"fixed" or "pot"', JSON.stringify(X.rule));
      return null;
    }
    if (L.recipients !== X.recipients) {
      fail("companions", L, `recipients = the recipients of list ${X.number} (${X.name}), which this list travels with`, X.recipients, L.recipients);
      return null;
    }
  }
  pass("companions", compLists.length ? compLists.map((L) => `list ${L.number} (${L.name}): ${L.recipients} travel companions of list ${L.companionsOf}`).join("; ") : "no list has the rule companions");
  return { D, sums };
}

/**
 * §17.7: the checks of a v4 transcript T (parsed), with the published
 * commitment P (parsed, or null). Fills `report` as verifyTranscript does,
 * plus report.lists: [{number, name, rule, companions_of, pot, count,
 * total_weight, recipients: [{rank, leaf}], reserves: [{rank, leaf}]}].
 */
async function verifyTranscriptV4(T, P, report, progress) {
  const C = T.commitment;
  report.method = "v4";
  report.title = C.title;
  const { pass, fail } = recorders(report);

  // 1. format: any other pairing was already unusable (§17.1)
  pass("format", `${T.format} with ${C.format}`);

  // 2. published-commitment, as §8.2 step 2
  if (P) {
    if (!deepEqual(C.raw, P.raw)) {
      return fail("published-commitment", null, C.digest === P.digest ? "the digests are equal, but another member differs from the published commitment" : "the transcript embeds a commitment other than the published one", P.digest, C.digest);
    }
    pass("published-commitment", `the transcript embeds exactly the published commitment ${P.digest}`);
  }

  // 3.–7. the commitment's own checks
  progress("commitment-digest", 0, 1);
  const cc = await commitmentChecksV4(C, pass, fail, report);
  if (!cc) return report;
  const { D, sums } = cc;

  // 8. seed-commitment
  const seed = fromHex(T.seed);
  const sc = toHex(await seedCommitmentOf(seed));
  if (sc !== C.seedCommitment) return fail("seed-commitment", null, "H(seed-commitment, seed) = commitment.seed_commitment", C.seedCommitment, sc);
  pass("seed-commitment", "the revealed seed is the committed one");

  // 9. entropy-plan, with the kinds of a v3 plan; 10. beacon (this verifier accepts plans without drand only)
  const planFail = entropyPlanProblem(C.plan, T.entropy, false, report, true);
  if (planFail) return fail("entropy-plan", null, ...planFail);
  pass("entropy-plan", `${C.plan.length} announced source(s), each revealed once, in plan order`);
  pass("beacon", "no drand source in the plan");

  // 11. draw-replay: entropy digest, draw seed, the number of lists, then each list in order
  progress("draw-replay", 0, 1);
  const ed = await entropyDigest(T.entropy);
  const edHex = toHex(ed);
  if (edHex !== T.entropyDigest) return fail("draw-replay", null, "transcript.entropy_digest", edHex, T.entropyDigest);
  const ds = await drawSeedOf(D, seed, ed);
  const dsHex = toHex(ds);
  if (dsHex !== T.drawSeed) return fail("draw-replay", null, "transcript.draw_seed", dsHex, T.drawSeed);
  if (T.lists.length !== C.lists.length) return fail("draw-replay", null, "number of lists in transcript.lists", C.lists.length, T.lists.length);
  const picksByList = [];
  for (let i = 0; i < C.lists.length; i++) {
    const L = C.lists[i];
    const R = T.lists[i];
    const w = `transcript.lists[${i}]`;
    if (R.name !== L.name) return fail("draw-replay", L, `${w}.name`, L.name, short(JSON.stringify(R.name)));
    const ls = toHex(await listSeedOf(ds, L.name));
    if (R.listSeed !== ls) return fail("draw-replay", L, `${w}.list_seed`, ls, R.listSeed);
    // counts has bounded recipients + reserves by the number of entries (§7.7)
    const npicks = Number(L.recipients + L.reserves);
    const picks = select(fromHex(ls), L.weights, npicks);
    if (R.result.length !== npicks) return fail("draw-replay", L, `number of entries in ${w}.result`, npicks, R.result.length);
    for (let j = 0; j < npicks; j++) {
      if (R.result[j].index !== BigInt(picks[j])) return fail("draw-replay", L, `${w}.result[${j}].index`, picks[j], R.result[j].index);
    }
    picksByList.push(picks);
  }
  pass("draw-replay", `replayed ${C.lists.length} lists from draw seed ${dsHex}: ${C.lists.map((L, i) => `${L.name} ${picksByList[i].length} picks`).join(", ")}`);

  // 12. result: each list's entries as §8.2 step 11, with that list's entries and k
  for (let i = 0; i < C.lists.length; i++) {
    const L = C.lists[i];
    const R = T.lists[i];
    const picks = picksByList[i];
    const kn = Number(L.recipients);
    for (let j = 0; j < picks.length; j++) {
      const e = R.result[j];
      const role = j < kn ? "recipient" : "reserve";
      const rank = j < kn ? j + 1 : j - kn + 1;
      const w = `transcript.lists[${i}].result[${j}]`;
      if (e.position !== BigInt(j + 1)) return fail("result", L, `${w}.position`, j + 1, e.position);
      if (e.role !== role) return fail("result", L, `${w}.role`, role, e.role);
      if (e.rank !== BigInt(rank)) return fail("result", L, `${w}.rank`, rank, e.rank);
      const x = picks[j];
      if (e.leaf !== L.leaves[x]) return fail("result", L, `${w}.leaf`, L.leaves[x], e.leaf);
      if (e.weight !== BigInt(L.weights[x])) return fail("result", L, `${w}.weight`, L.weights[x], e.weight);
    }
  }
  pass("result", C.lists.map((L) => `list ${L.number} (${L.name}): ${L.recipients} recipient(s) and ${L.reserves} reserve(s) match the list`).join("; "));

  progress("transcript-digest", 0, 1);
  report.transcript_digest = toHex(await H(TAGS.transcript, jcsBytes(T.raw)));
  report.outcome = "verified";
  report.verified = true;
  report.lists = C.lists.map((L, i) => {
    const kn = Number(L.recipients);
    const picks = picksByList[i];
    const byTicket = (from, to) => picks.slice(from, to).map((x, j) => ({ rank: j + 1, leaf: L.leaves[x] }));
    const pot = L.pot && Object.fromEntries(POT_MEMBERS.map((k) => [k, Number(L.pot[k])]));
    return { number: L.number, name: L.name, rule: L.rule, companions_of: L.companionsOf, pot, count: L.leaves.length, total_weight: sums[i].toString(), recipients: byTicket(0, kn), reserves: byTicket(kn, picks.length) };
  });
  report.notes = planNotes(C.plan);
  report.entropy = T.entropy.map((x) => ({ label: x.label, kind: x.kind, value: x.value }));
  Object.defineProperty(report, "_state", { value: { v4: true, C, T, picksByList, D }, enumerable: false });
  progress("done", 1, 1);
  return report;
}

/**
 * §17.7, §8.3: a v4 commitment alone (before the draw): format,
 * commitment-digest, canonical-order, counts, pot and companions.
 * Returns {outcome: "verified"|"failed"|"unusable", verified, checks, failed_check, commitment_digest, unusable?}.
 */
export async function verifyCommitmentV4(input, opts = {}) {
  const report = { outcome: null, verified: false, checks: [], failed_check: null, method: "v4", title: null, commitment_digest: null };
  let C;
  try {
    C = await parseCommitment(await parseJSON(input, opts), "commitment", { ...opts, method: METHODS.v4 });
  } catch (e) {
    if (!(e instanceof Unusable)) throw e;
    return { ...report, outcome: "unusable", unusable: { document: "commitment", message: e.message } };
  }
  report.title = C.title;
  const { pass, fail } = recorders(report);
  pass("format", C.format);
  if (!(await commitmentChecksV4(C, pass, fail, report))) return report;
  report.outcome = "verified";
  report.verified = true;
  return report;
}

// ---- the participant check for v4 (§17.8, §17.9)

/**
 * §4.1, §8.4: the id as the participant check reads it: trimmed of
 * White_Space, then NFC. An id that no list can hold, an empty id, or one
 * above 256 bytes is a CodeError (as Rust's `check` names it), never "not in
 * the draw": the same rules as participantCheck's for a single list.
 */
function checkedId(id) {
  const nid = trimWhiteSpace(String(id)).normalize("NFC");
  const bad = idProblem(id);
  if (bad) throw new CodeError(bad.kind, bad.cp === null ? "the id has no visible character" : `character ${bad.position} of the id (${codePoint(bad.cp)}) cannot be in an id`, { position: bad.position, codePoint: bad.cp === null ? null : codePoint(bad.cp) });
  if (nid === "") throw new CodeError("id-empty", "the id is empty", {});
  if (utf8Length(nid) > 256) throw new CodeError("id-too-long", `the id is ${utf8Length(nid)} bytes, at most 256`, { bytes: utf8Length(nid), max: 256 });
  return nid;
}

/** §17.9 answer(L, i): the ticket at index i of list L of a verified v4 report. */
function answerV4(report, L, i, leaf) {
  const picks = report._state.picksByList[L.number - 1];
  const out = { verified: true, transcript_digest: report.transcript_digest, ticket: leaf, in_draw: true, weight: L.weights[i], list: L.name, list_number: L.number, companion_of: null, companions_list: L.rule === "companions" ? L.companionsOf : null };
  const j = picks.indexOf(i);
  if (j < 0) return { ...out, outcome: "not-drawn" };
  const kn = Number(L.recipients);
  if (j >= kn) return { ...out, outcome: "reserve", rank: j - kn + 1 };
  // §17.6: C's recipient of rank j is the travel companion of place j of X; C's reserves belong to C.
  if (L.rule === "companions") out.companion_of = { list: L.companionsOf, place: j + 1 };
  return { ...out, outcome: "recipient", rank: j + 1 };
}

const notInDrawV4 = (report, ticket) => ({ verified: true, transcript_digest: report.transcript_digest, ticket, in_draw: false, outcome: "not-in-draw", list: null, list_number: null, companion_of: null });

/**
 * §17.9 with (id, code), on a report from verifyTranscript of a v4 transcript:
 * the id and the salt read from the code are tried in each list, in order.
 * participantCheck calls it for v4 reports.
 */
export async function participantCheckV4(report, id, code) {
  if (!report || !report.verified || !report._state || !report._state.v4) return { verified: false };
  const { C, D } = report._state;
  const nid = checkedId(id);
  const salt = readCode(String(code), D);
  for (const L of C.lists) {
    const leaf = toHex(await leafOfV4(L.name, nid, salt));
    const i = findLeaf(L.leaves, leaf);
    if (i >= 0) return answerV4(report, L, i, leaf);
  }
  // §17.9 (informative), as for one list (§8.4): the code reads for this draw,
  // so an id that matches no ticket of any list is a typing difference, never
  // "not in the draw" (a phone typed zuid-017 for ZUID-017): the spellings the
  // person may have meant are tried in every list, with the same salt.
  const mismatch = { ...notInDrawV4(report, null), outcome: "id-mismatch", id: nid, suggestion: null, suggested: null };
  for (const v of idVariants(id)) {
    for (const L of C.lists) {
      const leaf = toHex(await leafOfV4(L.name, v, salt));
      const j = findLeaf(L.leaves, leaf);
      if (j >= 0) return { ...mismatch, suggestion: v, suggested: answerV4(report, L, j, leaf) };
    }
  }
  return mismatch;
}

/**
 * §7.4 and §17.8: a receipt, potdraw/receipt/v1 or potdraw/receipt/v2 (which
 * adds `list`). Its leaf and code are checked; a receipt whose leaf or code
 * does not follow from its id and salt is unusable.
 */
export async function parseReceipt(m, where = "receipt") {
  const format = checkFormat(m, [FORMATS.receipt, V4_FORMATS.receipt], where);
  const v2 = format === V4_FORMATS.receipt;
  expectObject(m, where, ["format", "commitment_digest", "title", ...(v2 ? ["list"] : []), "id", "salt", "leaf", "weight", "code", "line", "columns"]);
  const commitmentDigest = hex(m, "commitment_digest", where);
  str(m, "title", where);
  const list = v2 ? str(m, "list", where) : null;
  if (v2 && !validListName(list)) throw new Unusable(`malformed list name ${JSON.stringify(list)}: ${LIST_NAME_RULE}`, `${where}.list`);
  const id = str(m, "id", where);
  if (id === "" || id !== trimWhiteSpace(id) || id !== id.normalize("NFC") || hasCc(id) || utf8Length(id) > 256) {
    throw new Unusable("expected the normalised id: trimmed, in NFC, non-empty, no control character, at most 256 bytes", `${where}.id`);
  }
  const saltHex = hex(m, "salt", where, 16);
  const salt = fromHex(saltHex);
  const leaf = hex(m, "leaf", where);
  const want = toHex(v2 ? await leafOfV4(list, id, salt) : await leafOf(id, salt));
  if (leaf !== want) throw new Unusable(`the leaf does not follow from the id${v2 ? ", the list" : ""} and the salt (expected ${want})`, `${where}.leaf`);
  const weight = int(m, "weight", where);
  const code = str(m, "code", where);
  if (code !== encodeCode(salt, fromHex(commitmentDigest)).code) throw new Unusable("the code does not follow from the salt and the commitment digest", `${where}.code`);
  int(m, "line", where);
  const cols = m.get("columns");
  if (!(cols instanceof Map)) throw new Unusable(`expected an object, found ${typeName(cols)}`, `${where}.columns`);
  for (const [k, v] of cols) if (typeof v !== "string") throw new Unusable(`expected a string, found ${typeName(v)}`, `${where}.columns.${k}`);
  return { format, v2, commitmentDigest, list, id, salt: saltHex, leaf, weight, code };
}

/**
 * The participant check with a receipt (§8.4; §17.9 for v4): `input` is one
 * receipt document (text or bytes). Throws Unusable for a receipt outside the
 * syntax, and CodeError for a receipt of another version, another draw, or
 * (v4) a list that is not in the draw: never "not in the draw".
 */
export async function participantCheckReceipt(report, input) {
  const R = await parseReceipt(await parseJSON(input));
  if (!report || !report.verified || !report._state) return { verified: false };
  const v4 = !!report._state.v4;
  if (R.v2 !== v4) {
    throw new CodeError("receipt-version", v4 ? `a ${FORMATS.receipt} receipt never belongs to a draw with several lists (${V4_FORMATS.transcript})` : `a ${V4_FORMATS.receipt} receipt belongs only to a draw with several lists (${V4_FORMATS.transcript})`, { receipt: R.format });
  }
  if (R.commitmentDigest !== report.commitment_digest) throw new CodeError("receipt-other-draw", "this receipt belongs to another draw");
  if (v4) {
    const L = report._state.C.lists.find((x) => x.name === R.list);
    if (!L) throw new CodeError("receipt-unknown-list", `this receipt names a list that is not in this draw (${R.list})`, { list: R.list });
    const i = findLeaf(L.leaves, R.leaf);
    return i >= 0 ? answerV4(report, L, i, R.leaf) : notInDrawV4(report, R.leaf);
  }
  // §8.4 with a v1 receipt: its leaf in the single list
  const { C, picks } = report._state;
  const out = { verified: true, transcript_digest: report.transcript_digest, ticket: R.leaf };
  const i = findLeaf(C.leaves, R.leaf);
  if (i < 0) return { ...out, in_draw: false, outcome: "not-in-draw" };
  out.in_draw = true;
  out.weight = C.weights[i];
  const j = picks.indexOf(i);
  const kn = Number(C.recipients);
  if (j < 0) return { ...out, outcome: "not-drawn" };
  return j < kn ? { ...out, outcome: "recipient", rank: j + 1 } : { ...out, outcome: "reserve", rank: j - kn + 1 };
}

/** Dutch number format for whole numbers: 4.294.967.295. */
const nlInt = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");

/**
 * §17.9 (informative): the sentences of a v4 answer that is in the draw, in
 * English or Dutch; participantSentence calls it for answers that name a list.
 */
export function participantSentenceV4(res, lang = "en") {
  const nl = lang === "nl";
  const head = nl ? `Uw lot zat in de trekking van lijst ${res.list} (gewicht ${nlInt(res.weight)}).` : `Your ticket was in the draw of list ${res.list} (weight ${res.weight}).`;
  // A travel companion is never told they were drawn as a recipient: they
  // travel with place j of another list and receive no grant (issue 27).
  const noGrant = nl ? "Een reisgenoot krijgt geen schenking." : "A travel companion receives no grant.";
  if (res.outcome === "recipient") {
    const c = res.companion_of;
    if (c) return `${head} ${nl ? `U bent getrokken als reisgenoot nummer ${res.rank}: u reist mee met plaats ${c.place} van lijst ${c.list}.` : `You were drawn as travel companion number ${res.rank}: you travel with place ${c.place} of list ${c.list}.`} ${noGrant}`;
    return `${head} ${nl ? `U bent getrokken als ontvanger nummer ${res.rank}.` : `You were drawn as recipient number ${res.rank}.`}`;
  }
  if (res.outcome === "reserve" && res.companions_list) return `${head} ${nl ? `U bent getrokken als reserve nummer ${res.rank} van de reisgenoten van lijst ${res.companions_list}.` : `You were drawn as reserve number ${res.rank} of the travel companions of list ${res.companions_list}.`} ${noGrant}`;
  if (res.outcome === "reserve") return `${head} ${nl ? `U bent getrokken als reserve nummer ${res.rank}.` : `You were drawn as reserve number ${res.rank}.`}`;
  return `${head} ${nl ? "U bent niet getrokken." : "You were not drawn."}`;
}
