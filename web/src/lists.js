// web/src/lists.js: several lists in one draw (SPEC §17, version 4) and their
// display names (§19, version 5): parsing, the checks of §17.7, receipts v2.
// Part of potdraw's independent verifier, written from docs/SPEC.md alone;
// web/build.mjs inlines the parts, in order, into the single offline page
// web/verify.html (imports between the parts are dropped there), and
// web/potdraw-verify.js gathers them for Node.

import { displayProblem, drawSeedOf, encodeCode, entropyDigest, FORMATS, fromHex, H, hasCc, jcsBytes, JcsRangeError, leafOf, METHODS, parseJSON, seedCommitmentOf, select, TAGS, toHex, trimWhiteSpace, Unusable, utf8, utf8Length, V4_FORMATS, V5_FORMATS } from "./protocol.js";
import { arr, checkFormat, countsProblem, deepEqual, entropyPlanProblem, expectObject, hex, int, LABEL_RE, parseCandidates, parseCommitment, parseEntropy, parsePlan, parsePot, parseResult, parseTitleAndDate, planNotes, POT_MEMBERS, potProblem, short, str, typeName, verifyTranscript } from "./documents.js";

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
export const validListName = (s) => typeof s === "string" && LABEL_RE.test(s);
/** A list as a report's facts name it: number and name, and (§19.3) the display name of a v5 list. */
export const named = (L) => ({ number: L.number, name: L.name, ...(L.display != null ? { display: L.display } : {}) });
/** §19.3: how a person is shown the list named `name` of commitment C: its display name (v5), else its name. */
export const displayOf = (C, name) => {
  const X = C.lists.find((x) => x.name === name);
  return X && X.display != null ? X.display : name;
};
export const LIST_NAME_RULE = 'expected 1 to 64 characters from a-z, 0-9, ".", "_" and "-", the first a letter or digit';

/**
 * §17.2: a v4 commitment, and §19.1 a v5 one (`method` METHODS.v5), whose
 * list objects each have one more member, `display`. Returns the structure of
 * parseCommitment with `lists` in place of pot/recipients/reserves/candidates;
 * each list is {number (1-based), name, display (v5; null for v4), rule,
 * pot|null, companionsOf|null, recipients, reserves, count, totalWeight,
 * leaves, weights}.
 */
export async function parseCommitmentV4(m, where, opts, method = METHODS.v4) {
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
export async function parseTranscriptV4(m, opts, method = METHODS.v4) {
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
export async function verifyTranscriptV4(T, P, report, progress) {
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
