// web/src/documents.js: the documents (SPEC §7) and their checks (§8):
// parsing and verifyTranscript, which hands a draw of several lists to
// lists.js (§17, §19); the record of substitutions is amendments.js (§15).
// Part of potdraw's independent verifier, written from docs/SPEC.md alone;
// web/build.mjs inlines the parts, in order, into the single offline page
// web/verify.html (imports between the parts are dropped there), and
// web/potdraw-verify.js gathers them for Node.

import { codePoint, defaultYield, drawSeedOf, entropyDigest, firstUnassigned, fromHex, H, hasCc, isHex, jcsBytes, JcsRangeError, KNOWN_ENTROPY_KINDS, MAX_PLAN_SOURCES, MAX_RAW_TEXT_BYTES, methodOfCommitment, methodOfTranscript, METHODS, parseJSON, RFC3797_ENTROPY_KINDS, RFC3797_MAX_KEY_BYTES, RFC3797_MAX_PICKS, RFC3797_TAGS, rfc3797Key, rfc3797Select, rfc3797ValueProblem, scalarCount, seedCommitmentOf, select, toHex, TWO64, UNICODE_VERSION, Unusable, utf8, utf8Length, V3_ENTROPY_KINDS, V3_MAX_DIGITS, V3_MAX_NUMBERS } from "./protocol.js";
import { parseCommitmentV4, parseTranscriptV4, verifyTranscriptV4 } from "./lists.js";

// ---------------------------------------------------------------- document syntax (§7)

export const typeName = (v) =>
  v === null ? "null" : typeof v === "bigint" ? "integer" : Array.isArray(v) ? "array" : v instanceof Map ? "object" : typeof v;

export function expectObject(v, where, members) {
  if (!(v instanceof Map)) throw new Unusable(`expected an object, found ${typeName(v)}`, where);
  for (const k of v.keys()) if (!members.includes(k)) throw new Unusable(`unknown member ${JSON.stringify(k)}`, where);
  for (const k of members) if (!v.has(k)) throw new Unusable(`missing member ${JSON.stringify(k)}`, where);
  return v;
}
export function str(m, k, where) {
  const v = m.get(k);
  if (typeof v !== "string") throw new Unusable(`expected a string, found ${typeName(v)}`, `${where}.${k}`);
  return v;
}
export function int(m, k, where, lo = 0n, hi = TWO64 - 1n) {
  const v = m.get(k);
  if (typeof v !== "bigint") throw new Unusable(`expected an integer, found ${typeName(v)}`, `${where}.${k}`);
  if (v < lo || v > hi) throw new Unusable(`${v} is outside ${lo}…${hi}`, `${where}.${k}`);
  return v;
}
export function hex(m, k, where, nbytes = 32) {
  const v = str(m, k, where);
  if (!isHex(v, nbytes)) throw new Unusable(`expected ${2 * nbytes} lowercase hex digits`, `${where}.${k}`);
  return v;
}
export function arr(m, k, where) {
  const v = m.get(k);
  if (!Array.isArray(v)) throw new Unusable(`expected an array, found ${typeName(v)}`, `${where}.${k}`);
  return v;
}
/** The document's format among `supported` (§7.1, §10); otherwise Unusable naming the found and supported identifiers. */
export function checkFormat(m, supported, where) {
  if (!(m instanceof Map)) throw new Unusable(`expected an object, found ${typeName(m)}`, where);
  const f = m.get("format");
  const list = supported.map((x) => JSON.stringify(x)).join(" or ");
  if (typeof f !== "string") throw new Unusable(`missing or non-string "format"; supported: ${list}`, where);
  if (!supported.includes(f)) throw new Unusable(`unknown format ${JSON.stringify(f)}; this verifier supports ${list}`, where);
  return f;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
export function validCreatedAt(s) {
  const r = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})Z$/.exec(s);
  if (!r) return false;
  const [y, mo, d, h, mi, se] = r.slice(1).map(Number);
  if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || h > 23 || mi > 59 || se > 59 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const dim = mo === 2 && leap ? 29 : DAYS[mo - 1];
  return d <= dim;
}
export const LABEL_RE = /^[a-z0-9][a-z0-9._-]{0,63}$/;
export const POT_MEMBERS = ["amount_cents", "grant_monthly_cents", "grant_months", "grant_cents", "min_recipients", "max_recipients", "surplus_cents"];

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
  if (method === METHODS.v4 || method === METHODS.v5) return parseCommitmentV4(m, where, opts, method);
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
export function parseTitleAndDate(m, where) {
  const title = str(m, "title", where);
  if (scalarCount(title) > 200) throw new Unusable("longer than 200 characters", `${where}.title`);
  if (hasCc(title)) throw new Unusable("contains a control character", `${where}.title`);
  const createdAt = str(m, "created_at", where);
  if (!validCreatedAt(createdAt)) throw new Unusable("expected YYYY-MM-DDTHH:MM:SSZ, a real date from 1970 to 9999", `${where}.created_at`);
  return { title, createdAt };
}

/** §7.2: the seven integers of `pot` (their values are the `pot` check's). */
export function parsePot(v, where) {
  const potM = expectObject(v, where, POT_MEMBERS);
  const pot = {};
  for (const k of POT_MEMBERS) pot[k] = int(potM, k, where);
  return pot;
}

/** §5.1, §12.3, §14.1 (and §17.2 for v4, whose plan is exactly a v3 plan): `entropy_plan`. */
export function parsePlan(m, where, method) {
  const rfc = method.tags === RFC3797_TAGS;
  const v3 = method === METHODS.v3 || method === METHODS.v4 || method === METHODS.v5;
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
export async function parseCandidates(v, where, opts, rfc) {
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
  if (method === METHODS.v4 || method === METHODS.v5) return parseTranscriptV4(m, opts, method);
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
export function parseEntropy(m, where, method) {
  return arr(m, "entropy", where).map((e, j) => {
    const w = `${where}.entropy[${j}]`;
    // §13.5, §14: a v3 entry may carry drand members; on any kind but drand
    // (which this verifier does not check) they fail entropy-plan, not parsing.
    const drandMembers = (method === METHODS.v3 || method === METHODS.v4 || method === METHODS.v5) && e instanceof Map ? ["round", "signature", "previous_signature"].filter((k) => e.has(k)) : [];
    expectObject(e, w, ["label", "kind", "value", ...drandMembers]);
    if (drandMembers.includes("round")) int(e, "round", w);
    for (const k of drandMembers.filter((k) => k !== "round")) str(e, k, w);
    return { label: str(e, "label", w), kind: str(e, "kind", w), value: str(e, "value", w), beacon: drandMembers.length > 0 };
  });
}

/** §7.3: a `result` array, entries {position, role, rank, index, leaf, weight}; `where` names the array. */
export function parseResult(a, where) {
  return a.map((e, j) => {
    const w = `${where}[${j}]`;
    expectObject(e, w, ["position", "role", "rank", "index", "leaf", "weight"]);
    const role = str(e, "role", w);
    if (role !== "recipient" && role !== "reserve") throw new Unusable(`role must be "recipient" or "reserve", found ${JSON.stringify(role)}`, `${w}.role`);
    return { position: int(e, "position", w), role, rank: int(e, "rank", w), index: int(e, "index", w), leaf: hex(e, "leaf", w), weight: int(e, "weight", w) };
  });
}

// ---------------------------------------------------------------- checks (§8)

export function deepEqual(a, b) {
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
export function countsProblem(cands, k, r) {
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
export function potProblem(p, k) {
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
export function entropyPlanProblem(plan, E, rfc, report, knowsV4 = false) {
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
 *   method is "v1", "v3", "v4", "v5", "rfc3797" or "rfc3797-v2" once the transcript parsed; key (RFC 3797) is the verified key string.
 *   A v4 or v5 transcript (§17, §19) is checked by verifyTranscriptV4: its results are in `lists`, one per list, and `recipients`/`reserves` stay empty.
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
  if (T.method === "v4" || T.method === "v5") return verifyTranscriptV4(T, P, report, progress);
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
export function short(x) {
  return x.length > 200 ? `${x.slice(0, 200)}… (${x.length} characters)` : x;
}
