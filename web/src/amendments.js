// web/src/amendments.js: the record of substitutions (SPEC §15, §15.8) and
// its checks (§15.4), for a draw of one list and of several.
// Part of potdraw's independent verifier, written from docs/SPEC.md alone;
// web/build.mjs inlines the parts, in order, into the single offline page
// web/verify.html (imports between the parts are dropped there), and
// web/potdraw-verify.js gathers them for Node.

import { fromHex, H, jcsBytes, parseJSON, RFC3797_MAX_PICKS, rfc3797Select, select, toHex, Unusable } from "./protocol.js";
import { arr, checkFormat, deepEqual, expectObject, hex, int, str, typeName, validCreatedAt, verifyTranscript } from "./documents.js";
import { displayOf, LIST_NAME_RULE, named, validListName } from "./lists.js";

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
