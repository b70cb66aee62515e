// The record of substitutions, version 2 (SPEC §15.8), in the JS verifier:
// hand-made records over the committed fixture transcripts, each expected
// outcome derived here from the SPEC's rules and the transcripts' own result
// arrays (who is recipient and reserve), never from the code under test.
//
//   fixtures/example/transcript.json      one list: k = 5, r = 3, n = 24
//   fixtures/v4/two-lists/transcript.json ontvangers (pot, k = 5, r = 3, n = 24)
//                                         reisgenoten (companions of ontvangers, k = 5, r = 2, n = 9)
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { FIX, transcriptDigest } from "./helpers.mjs";
import * as V from "../potdraw-verify.js";

const readJSON = (rel) => JSON.parse(readFileSync(path.join(FIX, rel), "utf8"));
const ONE = readJSON("example/transcript.json");
const TWO = readJSON("v4/two-lists/transcript.json");
const RECEIPTS_TWO = readFileSync(path.join(FIX, "v4/two-lists/receipts.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
const RECEIPTS_ONE = readFileSync(path.join(FIX, "example/receipts.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));

const digestOf = transcriptDigest;

// Who is who, from the transcripts' result arrays (§7.3, §17.5).
const byRole = (result) => ({
  rec: result.filter((x) => x.role === "recipient").map((x) => x.index),
  res: result.filter((x) => x.role === "reserve").map((x) => x.index),
});
const one = byRole(ONE.result);
const ont = byRole(TWO.lists[0].result);
const reis = byRole(TWO.lists[1].result);
const N_REIS = TWO.commitment.lists[1].candidates.count;

let reports;
async function rep() {
  reports ||= { one: await V.verifyTranscript(JSON.stringify(ONE)), two: await V.verifyTranscript(JSON.stringify(TWO)) };
  assert.ok(reports.one.verified && reports.two.verified);
  return reports;
}

// Events, as §15.2 and §15.8 write them.
const vac = (seq, date, place, taken_by, list, reason = "declined") => ({ seq, date, ...(list ? { list } : {}), place, reason, taken_by });
const skip = (seq, date, reserve, list, reason = "unreachable") => ({ seq, date, ...(list ? { list } : {}), reserve, reason });
const undo = (seq, date, undoes) => ({ seq, date, undoes });
const record = (t, events, format = "potdraw/amendments/v2") => JSON.stringify({ format, transcript: digestOf(t), events });

/** The final list as §15.7's `final:` header writes it (for v4: lists separated by " | ", §15.8). */
function finalOf(a) {
  if (!a.lists) return a.final.map((f) => (f.index === null ? "-" : f.index)).join(" ");
  return a.lists.map((L) => L.final.map((f) => (f.index === null ? "-" : f.index)).join(" ")).join(" | ");
}
const listStr = (xs) => xs.join(" ");
const withPlace = (xs, p, v) => xs.map((x, i) => (i === p - 1 ? v : x));
function failedAt(a, check, event) {
  assert.equal(a.outcome, "failed", JSON.stringify(a.checks.at(-1)));
  assert.equal(a.failed_check, check);
  assert.equal(a.checks.at(-1).event, event, JSON.stringify(a.checks.at(-1)));
}

test("the independent digest helper agrees with the committed §15.7 vector's transcript digest", () => {
  const vec = readFileSync(path.join(FIX, "amendments/valid-one-decline.txt"), "utf8");
  assert.equal(digestOf(ONE), JSON.parse(vec.slice(vec.indexOf("\n\n") + 2)).transcript);
});

test("one list: a repeated decline undone leaves the list as after the first decline", async () => {
  const { one: R } = await rep();
  // #1 place 3 declined, reserve 1 takes it; #2 the same command again (reserve 1 'declines' too, reserve 2 takes it); #3 undoes #2.
  const a = await V.verifyAmendments(R, record(ONE, [vac(1, "2026-12-15", 3, 1), vac(2, "2026-12-15", 3, 2), undo(3, "2026-12-16", 2)]));
  assert.equal(a.outcome, "verified", JSON.stringify(a.checks.at(-1)));
  assert.equal(finalOf(a), listStr(withPlace(one.rec, 3, one.res[0])));
  assert.deepEqual([a.events, a.undone], [3, 1]);
  assert.deepEqual(a.history.map((e) => [e.kind, e.undone_by]), [["vacate", null], ["vacate", 3], ["undo", null]]);
  // The same final list as the record of the first event alone (§15.8: as if the undone event had never been).
  const b = await V.verifyAmendments(R, record(ONE, [vac(1, "2026-12-15", 3, 1)], "potdraw/amendments/v1"));
  assert.deepEqual(a.final, b.final);
});

test("one list: undo, then a new event, takes the lowest reserve again", async () => {
  const { one: R } = await rep();
  const ev = [vac(1, "2026-12-15", 3, 1), undo(2, "2026-12-16", 1)];
  const a = await V.verifyAmendments(R, record(ONE, [...ev, vac(3, "2026-12-17", 4, 1)]));
  assert.equal(a.outcome, "verified", JSON.stringify(a.checks.at(-1)));
  assert.equal(finalOf(a), listStr(withPlace(one.rec, 4, one.res[0])));
  // reserve 1 is waiting again after the undo: taken_by 2 breaks the reserve order
  failedAt(await V.verifyAmendments(R, record(ONE, [...ev, vac(3, "2026-12-17", 4, 2)])), "amendments-rules", 3);
  // an undo dated before the event before it fails amendments-dates (§15.8, step 3 holds for undo events)
  failedAt(await V.verifyAmendments(R, record(ONE, [vac(1, "2026-12-15", 3, 1), undo(2, "2026-12-14", 1)])), "amendments-dates", 2);
});

test("one list: two undos in a row restore the draw's own list", async () => {
  const { one: R } = await rep();
  const ev = [vac(1, "2026-12-15", 2, 1), vac(2, "2026-12-15", 4, 2), undo(3, "2026-12-16", 2), undo(4, "2026-12-16", 1)];
  const a = await V.verifyAmendments(R, record(ONE, ev));
  assert.equal(a.outcome, "verified", JSON.stringify(a.checks.at(-1)));
  assert.equal(finalOf(a), listStr(one.rec));
  assert.equal(a.undone, 2);
  const b = await V.verifyAmendments(R, record(ONE, [...ev, skip(5, "2026-12-17", 1), vac(6, "2026-12-18", 4, 2)]));
  assert.equal(b.outcome, "verified", JSON.stringify(b.checks.at(-1)));
  assert.equal(finalOf(b), listStr(withPlace(one.rec, 4, one.res[1])));
  // a third undo has nothing left to undo
  failedAt(await V.verifyAmendments(R, record(ONE, [...ev, undo(5, "2026-12-17", 1)])), "amendments-rules", 5);
});

test("undo with nothing in effect, and undo naming another event than the most recent in effect, fail amendments-rules there", async () => {
  const { one: R } = await rep();
  failedAt(await V.verifyAmendments(R, record(ONE, [undo(1, "2026-12-15", 1)])), "amendments-rules", 1);
  failedAt(await V.verifyAmendments(R, record(ONE, [undo(1, "2026-12-15", 0)])), "amendments-rules", 1);
  const two = [vac(1, "2026-12-15", 2, 1), vac(2, "2026-12-15", 4, 2)];
  failedAt(await V.verifyAmendments(R, record(ONE, [...two, undo(3, "2026-12-16", 1)])), "amendments-rules", 3);
  failedAt(await V.verifyAmendments(R, record(ONE, [...two, undo(3, "2026-12-16", 3)])), "amendments-rules", 3);
  // an undone event is not in effect any more: undoing it twice fails
  failedAt(await V.verifyAmendments(R, record(ONE, [...two, undo(3, "2026-12-16", 2), undo(4, "2026-12-16", 2)])), "amendments-rules", 4);
  // an event that breaks a rule fails there, even if an undo follows
  failedAt(await V.verifyAmendments(R, record(ONE, [vac(1, "2026-12-15", 2, 2), undo(2, "2026-12-16", 1)])), "amendments-rules", 1);
});

test("list: forbidden for a single-list transcript, required and known for a v4 transcript", async () => {
  const { one: R1, two: R2 } = await rep();
  failedAt(await V.verifyAmendments(R1, record(ONE, [vac(1, "2026-12-15", 3, 1, "ontvangers")])), "amendments-rules", 1);
  failedAt(await V.verifyAmendments(R1, record(ONE, [skip(1, "2026-12-15", 1), skip(2, "2026-12-15", 2, "noord")])), "amendments-rules", 2);
  failedAt(await V.verifyAmendments(R2, record(TWO, [vac(1, "2026-12-15", 3, 1)])), "amendments-rules", 1);
  failedAt(await V.verifyAmendments(R2, record(TWO, [vac(1, "2026-12-15", 3, 1, "ontvangers"), skip(2, "2026-12-15", 1)])), "amendments-rules", 2);
  failedAt(await V.verifyAmendments(R2, record(TWO, [vac(1, "2026-12-15", 3, 1, "noord")])), "amendments-rules", 1);
  // the list name is compared exactly: a name outside the §17.2 syntax is unusable, not another spelling
  assert.equal((await V.verifyAmendments(R2, record(TWO, [vac(1, "2026-12-15", 3, 1, "Ontvangers")]))).outcome, "unusable");
  // a v1 record for a v4 transcript stays unusable (§17.10), a v2 record with no events verifies
  const v1 = await V.verifyAmendments(R2, record(TWO, [], "potdraw/amendments/v1"));
  assert.deepEqual([v1.outcome, v1.unusable.reason], ["unusable", "several-lists"]);
  const empty = await V.verifyAmendments(R2, record(TWO, []));
  assert.equal(empty.outcome, "verified");
  assert.equal(finalOf(empty), `${listStr(ont.rec)} | ${listStr(reis.rec)}`);
});

test("v4: each list has its own reserves, and a list's reserves run out into continued reserves, then nobody", async () => {
  const { two: R } = await rep();
  const L = "reisgenoten";
  // ontvangers first: its reserve 1 is its own, whatever happens in reisgenoten
  const ev = [vac(1, "2026-12-15", 2, 1, "ontvangers"), vac(2, "2026-12-15", 1, 1, L), vac(3, "2026-12-16", 2, 2, L)];
  const a = await V.verifyAmendments(R, record(TWO, ev));
  assert.equal(a.outcome, "verified", JSON.stringify(a.checks.at(-1)));
  assert.equal(finalOf(a), `${listStr(withPlace(ont.rec, 2, ont.res[0]))} | ${listStr(withPlace(withPlace(reis.rec, 1, reis.res[0]), 2, reis.res[1]))}`);
  assert.deepEqual(a.final.slice(0, 2).map((f) => [f.list, f.place, f.holder]), [["ontvangers", 1, "recipient"], ["ontvangers", 2, "reserve"]]);
  // reisgenoten: k = 5, r = 2, n = 9, so continued reserves 3 and 4 exist (k + m ≤ 9) and reserve 5 does not
  assert.equal(reis.rec.length + reis.res.length, 7);
  const more = [...ev, vac(4, "2026-12-17", 3, 3, L), vac(5, "2026-12-17", 4, 4, L), vac(6, "2026-12-18", 5, 0, L)];
  const b = await V.verifyAmendments(R, record(TWO, more));
  assert.equal(b.outcome, "verified", JSON.stringify(b.checks.at(-1)));
  const fin = b.lists[1].final;
  assert.deepEqual(fin.map((f) => f.holder), ["reserve", "reserve", "continued", "continued", "empty"]);
  // the continued reserves are the two entries the draw had not picked, in the order of the continued selection
  const unpicked = Array.from({ length: N_REIS }, (_, i) => i).filter((i) => !reis.rec.includes(i) && !reis.res.includes(i));
  assert.deepEqual([fin[2].index, fin[3].index].sort(), unpicked);
  const C = (await V.parseCommitment(await V.parseJSON(JSON.stringify(TWO.commitment)), "c", { method: V.METHODS.v4 })).lists[1];
  const full = V.select(V.fromHex(TWO.lists[1].list_seed), C.weights, N_REIS);
  assert.deepEqual(full.slice(0, 7), [...reis.rec, ...reis.res], "the selection continued begins with the transcript's picks (§15.1)");
  assert.deepEqual([fin[2].index, fin[3].index], full.slice(7));
  assert.equal(fin[4].leaf, null);
  // nobody left: a continued reserve cannot be claimed, an empty place cannot be vacated, and ontvangers is untouched
  failedAt(await V.verifyAmendments(R, record(TWO, [...more.slice(0, 5), vac(6, "2026-12-18", 5, 5, L)])), "amendments-rules", 6);
  failedAt(await V.verifyAmendments(R, record(TWO, [...more, vac(7, "2026-12-19", 5, 0, L)])), "amendments-rules", 7);
  failedAt(await V.verifyAmendments(R, record(TWO, [...ev, skip(4, "2026-12-17", 3, L)])), "amendments-rules", 4);
  assert.equal(b.lists[0].final.map((f) => f.index).join(" "), listStr(withPlace(ont.rec, 2, ont.res[0])));
});

test("unusable records: unknown members, wrong combinations, null (§15.8 syntax)", async () => {
  const { one: R1, two: R2 } = await rep();
  const bad1 = [
    [{ ...vac(1, "2026-12-15", 3, 1), name: "J. Jansen" }],
    [{ ...undo(1, "2026-12-15", 1), reason: "declined" }],
    [{ ...undo(1, "2026-12-15", 1), list: "ontvangers" }],
    [{ ...undo(1, "2026-12-15", 1), place: 3 }],
    [{ seq: 1, date: "2026-12-15" }],
    [{ ...vac(1, "2026-12-15", 3, 1), list: null }],
    [{ ...undo(1, "2026-12-15", 1), undoes: null }],
    [{ ...undo(1, "2026-12-15", 1), undoes: "1" }],
    [{ ...undo(1, "2026-12-31T00:00:00Z", 1) }],
    [vac(1, "2026-12-15", 3, 1, "-noord")],
  ];
  for (const ev of bad1) {
    for (const [R, T] of [[R1, ONE], [R2, TWO]]) {
      const a = await V.verifyAmendments(R, record(T, ev));
      assert.equal(a.outcome, "unusable", JSON.stringify(ev));
      assert.equal(typeof a.unusable.message, "string");
    }
  }
  // v1 keeps its syntax: no undo event, no list
  for (const ev of [[undo(1, "2026-12-15", 1)], [vac(1, "2026-12-15", 3, 1, "ontvangers")]]) {
    assert.equal((await V.verifyAmendments(R1, record(ONE, ev, "potdraw/amendments/v1"))).outcome, "unusable", JSON.stringify(ev));
  }
  assert.equal((await V.verifyAmendments(R1, record(ONE, [], "potdraw/amendments/v3"))).outcome, "unusable");
});

test("amendments-prefix: a v1 earlier version of a v2 record passes; a changed event fails there", async () => {
  const { one: R } = await rep();
  const e1 = vac(1, "2026-12-15", 3, 1);
  const now = record(ONE, [e1, vac(2, "2026-12-15", 3, 2), undo(3, "2026-12-16", 2)]);
  // the v1 earlier version, with its members in another order (compared as parsed values)
  const old = JSON.stringify({ events: [{ taken_by: 1, reason: "declined", place: 3, date: "2026-12-15", seq: 1 }], transcript: digestOf(ONE), format: "potdraw/amendments/v1" });
  const a = await V.verifyAmendments(R, now, { earlier: old });
  assert.equal(a.outcome, "verified", JSON.stringify(a.checks.at(-1)));
  assert.deepEqual(a.checks.map((c) => c.check), V.AMENDMENT_CHECKS);
  // so is a v2 earlier version that is a prefix
  assert.equal((await V.verifyAmendments(R, now, { earlier: record(ONE, [e1, vac(2, "2026-12-15", 3, 2)]) })).outcome, "verified");
  // an earlier version whose first event differs
  failedAt(await V.verifyAmendments(R, now, { earlier: record(ONE, [{ ...e1, reason: "unreachable" }], "potdraw/amendments/v1") }), "amendments-prefix", 1);
  // an earlier version longer than the record
  failedAt(await V.verifyAmendments(R, record(ONE, [e1]), { earlier: now }), "amendments-prefix", null);
  // an unusable earlier version makes the check unusable
  const u = await V.verifyAmendments(R, now, { earlier: "{" });
  assert.deepEqual([u.outcome, u.unusable.document], ["unusable", "earlier amendments"]);
});

// ---- the participant check with a record (§15.5, §15.8, §17.9)

const receiptOf = (list, index) => {
  const leaf = TWO.commitment.lists.find((L) => L.name === list).candidates.entries[index].leaf;
  return RECEIPTS_TWO.find((r) => r.list === list && r.leaf === leaf);
};
const weightOf = (list, index) => TWO.commitment.lists.find((L) => L.name === list).candidates.entries[index].weight;
async function answer(R, a, receipt) {
  const check = await V.participantCheck(R, receipt.id, receipt.code);
  const o = V.amendedOutcome(check, a);
  return { o, nl: V.amendedSentence(check, o, "nl"), en: V.amendedSentence(check, o, "en") };
}

test("participant: a travel companion travels with a place and is never told of a grant; a reserve who moved up on the companions list likewise", async () => {
  const { two: R } = await rep();
  const a = await V.verifyAmendments(R, record(TWO, [vac(1, "2026-12-15", 2, 1, "reisgenoten")]));
  assert.equal(a.outcome, "verified", JSON.stringify(a.checks.at(-1)));
  const comp = await answer(R, a, receiptOf("reisgenoten", reis.rec[2]));
  assert.deepEqual([weightOf("reisgenoten", reis.rec[2]), weightOf("reisgenoten", reis.res[0])], [1, 1], "the sentences below are written for weight 1");
  assert.deepEqual([comp.o.final_outcome, comp.o.place, comp.o.companion_of], ["recipient", 3, { list: "ontvangers", place: 3 }]);
  assert.equal(comp.nl, "Uw lot zat in de trekking van lijst reisgenoten (gewicht 1). U bent getrokken als reisgenoot nummer 3: u reist mee met plaats 3 van lijst ontvangers. Een reisgenoot krijgt geen schenking.");
  assert.equal(comp.en, "Your ticket was in the draw of list reisgenoten (weight 1). You were drawn as travel companion number 3: you travel with place 3 of list ontvangers. A travel companion receives no grant.");
  const up = await answer(R, a, receiptOf("reisgenoten", reis.res[0]));
  assert.deepEqual([up.o.final_outcome, up.o.place, up.o.reserve], ["moved-up", 2, 1]);
  assert.equal(up.nl, "Uw lot zat in de trekking van lijst reisgenoten (gewicht 1). U was reserve 1 en bent doorgeschoven naar plaats 2: u reist mee met plaats 2 van lijst ontvangers. Een reisgenoot krijgt geen schenking.");
  assert.equal(up.en, "Your ticket was in the draw of list reisgenoten (weight 1). You were reserve 1 and moved up to place 2: you travel with place 2 of list ontvangers. A travel companion receives no grant.");
  const left = await answer(R, a, receiptOf("reisgenoten", reis.rec[1]));
  const w = weightOf("reisgenoten", reis.rec[1]);
  assert.equal(left.en, `Your ticket was in the draw of list reisgenoten (weight ${w}). You held place 2; it was vacated on 15 December 2026: declined.`);
  assert.equal(left.nl, `Uw lot zat in de trekking van lijst reisgenoten (gewicht ${w}). U had plaats 2; die is op 15 december 2026 vrijgekomen: ziet af.`);
  const wait = await answer(R, a, receiptOf("reisgenoten", reis.res[1]));
  const w2 = weightOf("reisgenoten", reis.res[1]);
  assert.equal(wait.en, `Your ticket was in the draw of list reisgenoten (weight ${w2}). You are reserve 2 of the travel companions of list ontvangers and have not been called.`);
  assert.equal(wait.nl, `Uw lot zat in de trekking van lijst reisgenoten (gewicht ${w2}). U bent reserve 2 van de reisgenoten van lijst ontvangers en bent nog niet opgeroepen.`);
  for (const s of [comp, up, left, wait].flatMap((x) => [x.nl, x.en])) assert.doesNotMatch(s, /ontvangt de schenking|receive the grant|\bontvanger\b|\brecipient\b/);
  // a ticket of ontvangers, place 2, still receives the grant, and its list is ontvangers
  const rec2 = await answer(R, a, receiptOf("ontvangers", ont.rec[1]));
  assert.equal(rec2.en, `Your ticket was in the draw of list ontvangers (weight ${weightOf("ontvangers", ont.rec[1])}). You were drawn as recipient 2: you receive the grant.`);
});

test("participant: a decline that was undone made nobody leave; the restored person holds their place, the reserve waits again", async () => {
  const { two: R } = await rep();
  const a = await V.verifyAmendments(R, record(TWO, [vac(1, "2026-12-15", 2, 1, "ontvangers"), undo(2, "2026-12-16", 1)]));
  assert.equal(a.outcome, "verified", JSON.stringify(a.checks.at(-1)));
  const w = weightOf("ontvangers", ont.rec[1]);
  const back = await answer(R, a, receiptOf("ontvangers", ont.rec[1]));
  assert.deepEqual([back.o.final_outcome, back.o.place], ["recipient", 2]);
  assert.equal(back.nl, `Uw lot zat in de trekking van lijst ontvangers (gewicht ${w}). U bent getrokken als ontvanger 2: u ontvangt de schenking. Gebeurtenis 1, waarin uw plaats vrijkwam, is op 16 december 2026 teruggedraaid: u houdt uw plaats.`);
  assert.equal(back.en, `Your ticket was in the draw of list ontvangers (weight ${w}). You were drawn as recipient 2: you receive the grant. Event 1, which vacated your place, was undone on 16 December 2026: you keep your place.`);
  const res1 = await answer(R, a, receiptOf("ontvangers", ont.res[0]));
  assert.equal(res1.o.final_outcome, "waiting");
  assert.match(res1.en, /You are reserve 1 and have not been called\.$/);
  assert.match(res1.nl, /U bent reserve 1 en bent nog niet opgeroepen\.$/);
  // one list, with the example's receipts: reserve 1, whose repeated decline was undone, keeps place 3
  const { one: R1 } = await rep();
  const b = await V.verifyAmendments(R1, record(ONE, [vac(1, "2026-12-15", 3, 1), vac(2, "2026-12-15", 3, 2), undo(3, "2026-12-16", 2)]));
  const leaf = ONE.result.find((x) => x.role === "reserve" && x.rank === 1).leaf;
  const r = RECEIPTS_ONE.find((x) => x.leaf === leaf);
  const check = await V.participantCheck(R1, r.id, r.code);
  const o = V.amendedOutcome(check, b);
  assert.equal(V.amendedSentence(check, o, "nl"), "Uw lot zat in de trekking (gewicht 1). U was reserve 1 en bent doorgeschoven naar plaats 3: u ontvangt de schenking. Gebeurtenis 2, waarin uw plaats vrijkwam, is op 16 december 2026 teruggedraaid: u houdt uw plaats.");
  assert.equal(V.amendedSentence(check, o, "en"), "Your ticket was in the draw (weight 1). You were reserve 1 and moved up to place 3: you receive the grant. Event 2, which vacated your place, was undone on 16 December 2026: you keep your place.");
});

// §15.8: "the state after an undo is exactly the state of the record without the
// undone event and its undo". Random valid records with undos, made by a model of
// §15.3 kept here, against the record of the events left in effect (renumbered;
// for one list as a v1 record, whose replay the random test of amendments.test.mjs
// compares with the Rust verifier).
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
/** The next valid vacate or skip event for the events in effect E of one list (k, r, n), by §15.3; null if none. */
function nextEvent(rand, E, k, r, n) {
  const gone = new Set();
  const empty = new Set();
  for (const e of E) {
    if (e.reserve !== undefined) gone.add(e.reserve);
    else if (e.taken_by) gone.add(e.taken_by);
    else empty.add(e.place);
  }
  let m = 1;
  while (gone.has(m)) m++;
  if (k + m > n) m = 0;
  const places = Array.from({ length: k }, (_, i) => i + 1).filter((p) => !empty.has(p));
  const skippable = Array.from({ length: r }, (_, i) => i + 1).filter((x) => !gone.has(x));
  if (skippable.length && (rand() < 0.25 || !places.length)) return { reserve: skippable[Math.floor(rand() * skippable.length)], reason: "not-eligible" };
  if (!places.length) return null;
  return { place: places[Math.floor(rand() * places.length)], reason: "declined", taken_by: m };
}

test("random records with undos: the final list is that of the events left in effect (§15.8)", async () => {
  const { one: R1, two: R2 } = await rep();
  const seed = Number(process.env.POTDRAW_WEB_SEED || Date.now() % 2 ** 31);
  const rand = rng(seed);
  const shapes = [
    { R: R1, T: ONE, lists: [{ name: null, k: 5, r: 3, n: 24 }] },
    { R: R2, T: TWO, lists: TWO.commitment.lists.map((L) => ({ name: L.name, k: L.recipients, r: L.reserves, n: L.candidates.count })) },
  ];
  let undos = 0;
  for (let i = 0; i < 150; i++) {
    const { R, T, lists } = shapes[i % 2];
    const all = [];
    const effect = []; // [list index, event] of the events in effect
    for (let j = Math.floor(rand() * 14); j > 0; j--) {
      const date = `2026-12-${String(10 + all.length).padStart(2, "0")}`;
      if (effect.length && rand() < 0.35) {
        const [, last] = effect.pop();
        all.push({ seq: all.length + 1, date, undoes: last.seq });
        undos++;
        continue;
      }
      const li = Math.floor(rand() * lists.length);
      const X = lists[li];
      const e = nextEvent(rand, effect.filter(([l]) => l === li).map(([, x]) => x), X.k, X.r, X.n);
      if (!e) continue;
      const ev = { seq: all.length + 1, date, ...(X.name ? { list: X.name } : {}), ...e };
      all.push(ev);
      effect.push([li, ev]);
    }
    const what = `seed ${seed}, record ${i}: ${JSON.stringify(all)}`;
    const a = await V.verifyAmendments(R, record(T, all));
    assert.equal(a.outcome, "verified", `${what}: ${JSON.stringify(a.checks.at(-1))}`);
    const kept = effect.map(([, e], j) => ({ ...e, seq: j + 1 }));
    const b = await V.verifyAmendments(R, record(T, kept, lists[0].name ? "potdraw/amendments/v2" : "potdraw/amendments/v1"));
    assert.equal(b.outcome, "verified", what);
    assert.deepEqual(a.final, b.final, what);
    assert.equal(all.length - kept.length, 2 * a.undone, what); // each undo is an event and takes one event out of effect
    assert.equal(a.history.filter((e) => e.undone_by !== null).length, a.undone, what);
  }
  assert.ok(undos > 50, `only ${undos} undos`);
});
