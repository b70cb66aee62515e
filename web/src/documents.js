// web/src/documents.js: the documents (SPEC §7, §15, §17) and their checks
// (§8, §15.4, §17.7): parsing, verifyTranscript, the record of substitutions,
// several lists; and the receipt (§7.4).
// Part of potdraw's independent verifier, written from docs/SPEC.md alone;
// web/build.mjs inlines the parts, in order, into the single offline page
// web/verify.html (imports between the parts are dropped there), and
// web/potdraw-verify.js gathers them for Node.

import { FORMATS, H, JcsRangeError, KNOWN_ENTROPY_KINDS, MAX_PLAN_SOURCES, MAX_RAW_TEXT_BYTES, METHODS, RFC3797_ENTROPY_KINDS, RFC3797_MAX_KEY_BYTES, RFC3797_MAX_PICKS, RFC3797_TAGS, TAGS, TWO64, UNICODE_VERSION, Unusable, V3_ENTROPY_KINDS, V3_MAX_DIGITS, V3_MAX_NUMBERS, V4_FORMATS, V5_FORMATS, codePoint, displayProblem, defaultYield, drawSeedOf, encodeCode, entropyDigest, firstUnassigned, fromHex, hasCc, isHex, jcsBytes, leafOf, methodOfCommitment, methodOfTranscript, parseJSON, rfc3797Key, rfc3797Select, rfc3797ValueProblem, scalarCount, seedCommitmentOf, select, toHex, trimWhiteSpace, utf8, utf8Length } from "./protocol.js";

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
function parseEntropy(m, where, method) {
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
function short(x) {
  return x.length > 200 ? `${x.slice(0, 200)}… (${x.length} characters)` : x;
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
    ? C.lists.map((X, li) => ({ name: X.name, display: X.display, number: X.number, rule: X.rule, companionsOf: X.companionsOf, k: X.recipients, r: X.reserves, L: BigInt(X.leaves.length), leaves: X.leaves, weights: X.weights, seed: T.lists[li].listSeed }))
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
  // §19.3: a v5 list's display name (and that of the list it travels with) beside its name, for the page
  const shownOf = (X) => (X.display != null ? { display: X.display, companions_of_display: X.companionsOf === null ? null : displayOf(C, X.companionsOf) } : {});
  if (v4) out.lists = perList.map((X) => ({ name: X.name, ...shownOf(X), number: X.number, rule: X.rule, companions_of: X.companionsOf, final: X.final }));
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
    ...(C.method === "v5" && e.list !== null ? { list_display: displayOf(C, e.list) } : {}),
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
/** A list as a report's facts name it: number and name, and (§19.3) the display name of a v5 list. */
const named = (L) => ({ number: L.number, name: L.name, ...(L.display != null ? { display: L.display } : {}) });
/** §19.3: how a person is shown the list named `name` of commitment C: its display name (v5), else its name. */
const displayOf = (C, name) => {
  const X = C.lists.find((x) => x.name === name);
  return X && X.display != null ? X.display : name;
};
const LIST_NAME_RULE = 'expected 1 to 64 characters from a-z, 0-9, ".", "_" and "-", the first a letter or digit';

/**
 * §17.2: a v4 commitment, and §19.1 a v5 one (`method` METHODS.v5), whose
 * list objects each have one more member, `display`. Returns the structure of
 * parseCommitment with `lists` in place of pot/recipients/reserves/candidates;
 * each list is {number (1-based), name, display (v5; null for v4), rule,
 * pot|null, companionsOf|null, recipients, reserves, count, totalWeight,
 * leaves, weights}.
 */
async function parseCommitmentV4(m, where, opts, method = METHODS.v4) {
  const v5 = method === METHODS.v5;
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
  const displays = new Set();
  const lists = [];
  for (let i = 0; i < listsA.length; i++) {
    const L = listsA[i];
    const w = `${where}.lists[${i}]`;
    if (!(L instanceof Map)) throw new Unusable(`expected an object, found ${typeName(L)}`, w);
    // The rule decides which members the list has: `pot` exactly with "pot", `companions_of` exactly with "companions".
    if (!L.has("rule")) throw new Unusable('missing member "rule"', w);
    const rule = str(L, "rule", w);
    if (!V4_RULES.includes(rule)) throw new Unusable(`expected "fixed", "pot" or "companions", found ${JSON.stringify(rule)}`, `${w}.rule`);
    // §19.1: `display` is required in a v5 list object and an unknown member in a v4 one (§17.2)
    expectObject(L, w, ["name", ...(v5 ? ["display"] : []), "rule", ...(rule === "pot" ? ["pot"] : []), ...(rule === "companions" ? ["companions_of"] : []), "recipients", "reserves", "candidates"]);
    const name = str(L, "name", w);
    if (!validListName(name)) throw new Unusable(`malformed list name ${JSON.stringify(name)}: ${LIST_NAME_RULE}`, `${w}.name`);
    if (names.has(name)) throw new Unusable(`the list name ${JSON.stringify(name)} is used twice; list names are unique`, `${w}.name`);
    names.add(name);
    let display = null;
    if (v5) {
      // §19.2: a well-formed display name, unique among the lists, compared as strings
      display = str(L, "display", w);
      const bad = displayProblem(display);
      if (bad) throw new Unusable(`malformed display name ${JSON.stringify(display)}: ${bad.message}`, `${w}.display`);
      if (displays.has(display)) throw new Unusable(`the display name ${JSON.stringify(display)} is used twice; display names are unique`, `${w}.display`);
      displays.add(display);
    }
    const pot = rule === "pot" ? parsePot(L.get("pot"), `${w}.pot`) : null;
    const companionsOf = rule === "companions" ? str(L, "companions_of", w) : null;
    if (companionsOf !== null && !validListName(companionsOf)) throw new Unusable(`malformed list name ${JSON.stringify(companionsOf)}: ${LIST_NAME_RULE}`, `${w}.companions_of`);
    const recipients = int(L, "recipients", w);
    const reserves = int(L, "reserves", w);
    const cands = await parseCandidates(L.get("candidates"), `${w}.candidates`, opts, false);
    lists.push({ number: i + 1, name, display, rule, pot, companionsOf, recipients, reserves, ...cands });
  }
  const digest = hex(m, "digest", where);
  return { raw: m, method: method.name, format: method.commitment, title, createdAt, seedCommitment, plan, lists, previous, digest };
}

/** §17.5: a v4 transcript (§19.1: or v5); `lists` is [{name, listSeed, result}], any length at parse time. */
async function parseTranscriptV4(m, opts, method = METHODS.v4) {
  const where = "transcript";
  // `result` at the top level is an unknown member here (§17.1).
  expectObject(m, where, ["format", "commitment", "seed", "entropy", "entropy_digest", "draw_seed", "lists"]);
  // §17.1, §19.1: a v4 transcript embeds a v4 commitment, a v5 one a v5 commitment
  const commitment = await parseCommitment(m.get("commitment"), "transcript.commitment", { ...opts, method });
  const seed = hex(m, "seed", where);
  const entropy = parseEntropy(m, where, method);
  const entropyDigest = hex(m, "entropy_digest", where);
  const drawSeed = hex(m, "draw_seed", where);
  const lists = arr(m, "lists", where).map((R, i) => {
    const w = `${where}.lists[${i}]`;
    expectObject(R, w, ["name", "list_seed", "result"]);
    return { name: str(R, "name", w), listSeed: hex(R, "list_seed", w), result: parseResult(arr(R, "result", w), `${w}.result`) };
  });
  return { raw: m, method: method.name, format: method.transcript, commitment, seed, key: null, entropy, entropyDigest, drawSeed, lists };
}

/** Check recorders for a report: pass(check, detail) and fail(check, list|null, detail, expected, found) → report. */
function recorders(report) {
  // `facts`: what the check established, as values, for a reader's own sentence (the page's, in Dutch or English)
  const pass = (check, detail, facts) => report.checks.push({ check, status: "passed", detail, ...(facts ? { facts } : {}) });
  // §17.7: a failure names the list by name and 1-based number, what was compared, the expected and the found value.
  const fail = (check, L, detail, expected, found) => {
    const c = { check, status: "failed", detail: L ? `list ${L.number} (${L.name}): ${detail}` : detail };
    if (L) {
      c.list = L.name;
      c.list_number = L.number;
      // §19.3: a v5 list is shown to a person by its display name
      if (L.display != null) c.list_display = L.display;
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
  pass("commitment-digest", Dhex, { digest: Dhex });
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
  pass("canonical-order", C.lists.map((L) => `list ${L.number} (${L.name}): ${L.leaves.length} entries strictly ascending by leaf`).join("; "), { lists: C.lists.map((L) => ({ ...named(L), entries: L.leaves.length })) });

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
  const countFacts = C.lists.map((L, i) => ({ ...named(L), rule: L.rule, entries: L.leaves.length, total_weight: sums[i].toString(), recipients: Number(L.recipients), reserves: Number(L.reserves) }));
  pass("counts", C.lists.map((L, i) => `list ${L.number} (${L.name}): ${L.leaves.length} entries, total weight ${sums[i]}, ${L.recipients} recipients + ${L.reserves} reserves`).join("; "), { lists: countFacts });

  // 6. pot, for each list whose rule is "pot", with its own pot and k (§17.6)
  const potLists = C.lists.filter((L) => L.rule === "pot");
  for (const L of potLists) {
    const bad = potProblem(L.pot, L.recipients);
    if (bad) {
      fail("pot", L, ...bad);
      return null;
    }
  }
  pass("pot", potLists.length ? potLists.map((L) => `list ${L.number} (${L.name}): ${L.recipients} grants of ${L.pot.grant_cents} cents from ${L.pot.amount_cents} cents, surplus ${L.pot.surplus_cents}`).join("; ") : "no list has the rule pot", {
    lists: potLists.map((L) => ({ ...named(L), grants: Number(L.recipients), grant_cents: L.pot.grant_cents.toString(), amount_cents: L.pot.amount_cents.toString(), surplus_cents: L.pot.surplus_cents.toString() })),
  });

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
  pass("companions", compLists.length ? compLists.map((L) => `list ${L.number} (${L.name}): ${L.recipients} travel companions of list ${L.companionsOf}`).join("; ") : "no list has the rule companions", {
    lists: compLists.map((L) => ({ ...named(L), companions: Number(L.recipients), of: L.companionsOf, ...(L.display != null ? { of_display: displayOf(C, L.companionsOf) } : {}) })),
  });
  return { D, sums, countFacts };
}

/**
 * §17.7: the checks of a v4 transcript T (parsed), with the published
 * commitment P (parsed, or null). Fills `report` as verifyTranscript does,
 * plus report.lists: [{number, name, rule, companions_of, pot, count,
 * total_weight, recipients: [{rank, leaf}], reserves: [{rank, leaf}]}].
 */
async function verifyTranscriptV4(T, P, report, progress) {
  const C = T.commitment;
  report.method = T.method;
  report.title = C.title;
  const { pass, fail } = recorders(report);

  // 1. format: any other pairing was already unusable (§17.1)
  pass("format", `${T.format} with ${C.format}`, { transcript: T.format, commitment: C.format });

  // 2. published-commitment, as §8.2 step 2
  if (P) {
    if (!deepEqual(C.raw, P.raw)) {
      return fail("published-commitment", null, C.digest === P.digest ? "the digests are equal, but another member differs from the published commitment" : "the transcript embeds a commitment other than the published one", P.digest, C.digest);
    }
    pass("published-commitment", `the transcript embeds exactly the published commitment ${P.digest}`, { digest: P.digest });
  }

  // 3.–7. the commitment's own checks
  progress("commitment-digest", 0, 1);
  const cc = await commitmentChecksV4(C, pass, fail, report);
  if (!cc) return report;
  const { D, sums, countFacts } = cc;

  // 8. seed-commitment
  const seed = fromHex(T.seed);
  const sc = toHex(await seedCommitmentOf(seed));
  if (sc !== C.seedCommitment) return fail("seed-commitment", null, "H(seed-commitment, seed) = commitment.seed_commitment", C.seedCommitment, sc);
  pass("seed-commitment", "the revealed seed is the committed one", {});

  // 9. entropy-plan, with the kinds of a v3 plan; 10. beacon (this verifier accepts plans without drand only)
  const planFail = entropyPlanProblem(C.plan, T.entropy, false, report, true);
  if (planFail) return fail("entropy-plan", null, ...planFail);
  pass("entropy-plan", `${C.plan.length} announced source(s), each revealed once, in plan order`, { sources: C.plan.length });
  pass("beacon", "no drand source in the plan", {});

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
  pass("draw-replay", `replayed ${C.lists.length} lists from draw seed ${dsHex}: ${C.lists.map((L, i) => `${L.name} ${picksByList[i].length} picks`).join(", ")}`, {
    draw_seed: dsHex,
    lists: C.lists.map((L, i) => ({ ...named(L), picks: picksByList[i].length })),
  });

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
  pass("result", C.lists.map((L) => `list ${L.number} (${L.name}): ${L.recipients} recipient(s) and ${L.reserves} reserve(s) match the list`).join("; "), { lists: countFacts });

  progress("transcript-digest", 0, 1);
  report.transcript_digest = toHex(await H(TAGS.transcript, jcsBytes(T.raw)));
  report.outcome = "verified";
  report.verified = true;
  report.lists = C.lists.map((L, i) => {
    const kn = Number(L.recipients);
    const picks = picksByList[i];
    const byTicket = (from, to) => picks.slice(from, to).map((x, j) => ({ rank: j + 1, leaf: L.leaves[x] }));
    const pot = L.pot && Object.fromEntries(POT_MEMBERS.map((k) => [k, Number(L.pot[k])]));
    const shown = L.display != null ? { display: L.display, companions_of_display: L.companionsOf === null ? null : displayOf(C, L.companionsOf) } : {};
    return { number: L.number, name: L.name, ...shown, rule: L.rule, companions_of: L.companionsOf, pot, count: L.leaves.length, total_weight: sums[i].toString(), recipients: byTicket(0, kn), reserves: byTicket(kn, picks.length) };
  });
  report.notes = planNotes(C.plan);
  report.entropy = T.entropy.map((x) => ({ label: x.label, kind: x.kind, value: x.value }));
  Object.defineProperty(report, "_state", { value: { v4: true, C, T, picksByList, D }, enumerable: false });
  progress("done", 1, 1);
  return report;
}

/**
 * §17.7, §8.3: a v4 commitment alone (before the draw): format,
 * commitment-digest, canonical-order, counts, pot and companions; §19.3: a
 * v5 commitment alone is checked as a v4 one.
 * Returns {outcome: "verified"|"failed"|"unusable", verified, checks, failed_check, commitment_digest, unusable?}.
 */
export async function verifyCommitmentV4(input, opts = {}) {
  const report = { outcome: null, verified: false, checks: [], failed_check: null, method: "v4", title: null, commitment_digest: null };
  let C;
  try {
    const m = await parseJSON(input, opts);
    const method = m instanceof Map && m.get("format") === V5_FORMATS.commitment ? METHODS.v5 : METHODS.v4;
    report.method = method.name;
    C = await parseCommitment(m, "commitment", { ...opts, method });
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
