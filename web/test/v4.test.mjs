// Version 4, several lists (SPEC §17): the inline examples of §17.3 and §17.4,
// recomputed by the JS verifier, and each compared with the SPEC's own text.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./helpers.mjs";
import * as V from "../potdraw-verify.js";

const SPEC = readFileSync(path.join(ROOT, "docs/SPEC.md"), "utf8");
const section = (from, to) => SPEC.slice(SPEC.indexOf(from), SPEC.indexOf(to));
const S = Uint8Array.from({ length: 16 }, (_, i) => i); // 000102…0f
const DRAW_SEED = Uint8Array.from({ length: 32 }, (_, i) => i); // 000102…1e1f

test("§17.3 example: the leaf binds the list name", async () => {
  const text = section("### §17.3", "### §17.4");
  const want = {
    reisgenoten: "398b57b426e7400700b124b4c1fa8e0f8acb78d37ee6fc102d0ace825ef0e1ea",
    ontvangers: "152b8cda51af53f27b961b56b9e8e5b7c9b5219abef2c2e12399a901281aea31",
    v1: "9d79e372bb489743400e008a39d2a59699f28333e1b5d936ce574355dad680ae",
  };
  for (const h of Object.values(want)) assert.ok(text.includes(h), `§17.3 no longer shows ${h}`);
  assert.ok(text.includes("`52 65 6e c3 a9`"));
  assert.deepEqual([...V.utf8("René".normalize("NFC"))], [0x52, 0x65, 0x6e, 0xc3, 0xa9]);
  assert.equal(V.toHex(await V.leafOfV4("reisgenoten", "René", S)), want.reisgenoten);
  assert.equal(V.toHex(await V.leafOfV4("ontvangers", "René", S)), want.ontvangers);
  assert.equal(V.toHex(await V.leafOf("René", S)), want.v1);
  // NFD input gives the same leaf: the id is normalised, the name is not
  assert.equal(V.toHex(await V.leafOfV4("reisgenoten", "Rene\u0301", S)), want.reisgenoten);
  // the tag's fields are name, id, salt, each length-prefixed (§3.1): not the concatenation
  assert.notEqual(V.toHex(await V.H("potdraw/v4/entry", V.utf8("reisgenotenRené"), S)), want.reisgenoten);
  assert.equal(V.toHex(await V.H("potdraw/v4/entry", V.utf8("reisgenoten"), V.utf8("René"), S)), want.reisgenoten);
});

test("§17.4 example: list seeds, first stream words, select over ten weights 1", async () => {
  const text = section("### §17.4", "### §17.5");
  const want = [
    { name: "ontvangers", seed: "7a13cab86daa95a5ae9bca92f60c1bb69e9e5002570d6c6213f38db2899aebd1", words: ["69af0259be41d670", "7f841b583a1dfd3c"], picks: [2, 4, 9, 8, 1, 7, 3, 5] },
    { name: "reisgenoten", seed: "73964bcb47dec393a62772c7c1184469b35bce2e7350832c9ca08fed1983bb31", words: ["70b1fa5b029ddfc0", "a9bb698ec60847c8"], picks: [4, 7, 9, 0, 6, 1, 5, 2] },
  ];
  for (const w of want) {
    // the SPEC's text shows exactly these values
    assert.ok(text.includes(`list_seed(${w.name})`) && text.includes(w.seed), w.name);
    assert.ok(text.includes(`0x${w.words[0]}, 0x${w.words[1]}`), w.name);
    assert.ok(text.includes(`select(list_seed, ten weights 1, 8) = ${w.picks.join(" ")}`), w.name);
    const ls = await V.listSeedOf(DRAW_SEED, w.name);
    assert.equal(V.toHex(ls), w.seed);
    const s = new V.Stream(ls);
    assert.deepEqual([s.next(), s.next()].map((x) => x.toString(16).padStart(16, "0")), w.words);
    assert.deepEqual(V.select(ls, Array(10).fill(1), 8), w.picks);
  }
  // the list seed is never the draw seed itself: its stream differs (§1.3)
  assert.notEqual(new V.Stream(DRAW_SEED).next().toString(16), want[0].words[0]);
});

// ---------------------------------------------------------------- documents built here (web/test/v4-docs.mjs)

import { buildV4, digestOf, potFor, TRAVEL } from "./v4-docs.mjs";

const clone = (x) => JSON.parse(JSON.stringify(x));
const flip = (h) => (h[0] === "0" ? "1" : "0") + h.slice(1);

test("a built travelling group verifies with the twelve checks of §17.7, each list shown", async () => {
  const { commitment, transcript } = await buildV4(TRAVEL);
  const rep = await V.verifyTranscript(JSON.stringify(transcript), { publishedCommitment: JSON.stringify(commitment) });
  assert.equal(rep.outcome, "verified", JSON.stringify(rep.checks.at(-1) || rep.unusable));
  assert.equal(rep.method, "v4");
  assert.deepEqual(rep.checks.map((c) => c.check), V.V4_CHECKS);
  assert.equal(rep.commitment_digest, commitment.digest);
  assert.deepEqual(rep.lists.map((L) => [L.number, L.name, L.rule, L.companions_of, L.recipients.length, L.reserves.length, L.count]), [
    [1, "ontvangers", "pot", null, 5, 3, 12],
    [2, "reisgenoten", "companions", "ontvangers", 5, 2, 9],
  ]);
  for (let i = 0; i < 2; i++) {
    const picked = transcript.lists[i].result.map((e) => e.leaf);
    assert.deepEqual([...rep.lists[i].recipients, ...rep.lists[i].reserves].map((x) => x.leaf), picked);
  }
  // a v4 report never lists v1's shape of one result
  assert.deepEqual(rep.recipients, []);
  // without the published commitment: eleven checks
  const alone = await V.verifyTranscript(JSON.stringify(transcript));
  assert.deepEqual(alone.checks.map((c) => c.check), V.V4_CHECKS.filter((c) => c !== "published-commitment"));
  assert.equal(alone.transcript_digest, rep.transcript_digest);
  // the commitment alone (§17.7, §8.3)
  const c = await V.verifyCommitmentV4(JSON.stringify(commitment));
  assert.equal(c.outcome, "verified");
  assert.deepEqual(c.checks.map((x) => x.check), V.V4_COMMITMENT_CHECKS);
});

test("participant check §17.9: by id and code, by receipt; the companion answer; a list's receipt never answers for another", async () => {
  const { commitment, transcript, receipts } = await buildV4(TRAVEL);
  const rep = await V.verifyTranscript(JSON.stringify(transcript));
  assert.equal(rep.outcome, "verified");
  const seen = { recipient: 0, reserve: 0, "not-drawn": 0 };
  for (const rc of receipts) {
    const L = transcript.lists.find((x) => x.name === rc.list);
    const j = L.result.findIndex((e) => e.leaf === rc.leaf);
    const k = commitment.lists.find((x) => x.name === rc.list).recipients;
    for (const res of [await V.participantCheck(rep, ` ${rc.id} `, rc.code.toLowerCase()), await V.participantCheckReceipt(rep, JSON.stringify(rc))]) {
      assert.equal(res.in_draw, true, rc.id);
      assert.equal(res.list, rc.list);
      assert.equal(res.ticket, rc.leaf);
      assert.equal(res.weight, rc.weight);
      if (j < 0) assert.equal(res.outcome, "not-drawn");
      else if (j < k) {
        assert.deepEqual([res.outcome, res.rank], ["recipient", j + 1]);
        assert.deepEqual(res.companion_of, rc.list === "reisgenoten" ? { list: "ontvangers", place: j + 1 } : null);
      } else {
        assert.deepEqual([res.outcome, res.rank, res.companion_of], ["reserve", j - k + 1, null]);
      }
      seen[res.outcome]++;
    }
  }
  assert.ok(seen.recipient && seen.reserve && seen["not-drawn"], JSON.stringify(seen));
  // The companion of place 3, in both languages (§17.9's sentences)
  const third = transcript.lists[1].result[2].leaf;
  const rc3 = receipts.find((x) => x.leaf === third);
  const res = await V.participantCheck(rep, rc3.id, rc3.code);
  assert.equal(V.participantSentence(res, "en"), "Your ticket was in the draw of list reisgenoten (weight 1). You were drawn as travel companion number 3: you travel with place 3 of list ontvangers. A travel companion receives no grant.");
  assert.equal(V.participantSentence(res, "nl"), "Uw lot zat in de trekking van lijst reisgenoten (gewicht 1). U bent getrokken als reisgenoot nummer 3: u reist mee met plaats 3 van lijst ontvangers. Een reisgenoot krijgt geen schenking.");
  // A recipient of ontvangers is nobody's companion
  const r1 = receipts.find((x) => x.leaf === transcript.lists[0].result[0].leaf);
  const a1 = await V.participantCheck(rep, r1.id, r1.code);
  assert.equal(V.participantSentence(a1, "nl"), `Uw lot zat in de trekking van lijst ontvangers (gewicht ${r1.weight}). U bent getrokken als ontvanger nummer 1.`);
  // A receipt moved to the other list (its leaf re-made so it stays a valid receipt) finds no ticket there
  const moved = { ...rc3, list: "ontvangers", leaf: V.toHex(await V.leafOfV4("ontvangers", rc3.id, V.fromHex(rc3.salt))) };
  const m = await V.participantCheckReceipt(rep, JSON.stringify(moved));
  assert.deepEqual([m.in_draw, m.outcome], [false, "not-in-draw"]);
  // ... and with only its list changed, the receipt is unusable (the leaf binds the list)
  await assert.rejects(V.participantCheckReceipt(rep, JSON.stringify({ ...rc3, list: "ontvangers" })), (e) => e instanceof V.Unusable && /leaf/.test(e.message));
  // A receipt naming a list that is not in this draw, or of another draw: errors, never "not in the draw"
  const ghost = { ...rc3, list: "overvecht", leaf: V.toHex(await V.leafOfV4("overvecht", rc3.id, V.fromHex(rc3.salt))) };
  await assert.rejects(V.participantCheckReceipt(rep, JSON.stringify(ghost)), (e) => e instanceof V.CodeError && e.kind === "receipt-unknown-list");
  const other = await buildV4(TRAVEL, 2);
  await assert.rejects(V.participantCheckReceipt(rep, JSON.stringify(other.receipts[0])), (e) => e instanceof V.CodeError && e.kind === "receipt-other-draw");
  // its code with this draw's digest: a code error (or, 1 time in 1021, not in the draw)
  await assert.rejects(V.participantCheck(rep, other.receipts[0].id, other.receipts[0].code), (e) => e instanceof V.CodeError && e.kind === "check");
  // The right code with another id: a typing difference, as `potdraw check` says (§17.9,
  // informative; issue 29: the page told a drawn resident "NIET in de trekking")
  const nobody = await V.participantCheck(rep, "ZUID-999", rc3.code);
  assert.deepEqual([nobody.in_draw, nobody.outcome, nobody.list, nobody.suggestion], [false, "id-mismatch", null, null]);
  assert.match(V.participantSentence(nobody, "nl"), /^De controlecode hoort bij deze loting, maar past niet bij het id/);
  // the id typed in small letters, as a phone types it: the id meant, and its answer
  const lower = await V.participantCheck(rep, rc3.id.toLowerCase(), rc3.code);
  assert.deepEqual([lower.outcome, lower.suggestion, lower.suggested.list], ["id-mismatch", rc3.id, rc3.list]);
  assert.match(V.participantSentence(lower, "nl"), new RegExp(`Bedoelde u ${rc3.id}\\?\nUw lot zat in de trekking van lijst ${rc3.list}`));
});

test("§17.8: a v1 receipt never belongs to a v4 draw, a v2 receipt never to a v1 draw", async () => {
  const { transcript, receipts } = await buildV4(TRAVEL);
  const rep4 = await V.verifyTranscript(JSON.stringify(transcript));
  const ex = (f) => readFileSync(path.join(ROOT, "fixtures/example", f));
  const rep1 = await V.verifyTranscript(ex("transcript.json"));
  const v1 = ex("receipts.jsonl").toString("utf8").split("\n")[1];
  await assert.rejects(V.participantCheckReceipt(rep4, v1), (e) => e instanceof V.CodeError && e.kind === "receipt-version");
  await assert.rejects(V.participantCheckReceipt(rep1, JSON.stringify(receipts[0])), (e) => e instanceof V.CodeError && e.kind === "receipt-version");
  // and a v1 receipt still answers for its own v1 draw, as the id and code do
  const r = JSON.parse(v1);
  const byReceipt = await V.participantCheckReceipt(rep1, v1);
  const byCode = await V.participantCheck(rep1, r.id, r.code);
  assert.deepEqual(byReceipt, byCode);
});

test("§17.10: an amendments record is refused (unusable) for a v4 transcript", async () => {
  const { transcript } = await buildV4(TRAVEL);
  const rep = await V.verifyTranscript(JSON.stringify(transcript));
  const rec = JSON.stringify({ format: "potdraw/amendments/v1", transcript: rep.transcript_digest, events: [] });
  const a = await V.verifyAmendments(rep, rec);
  assert.equal(a.outcome, "unusable");
  assert.equal(a.unusable.reason, "several-lists");
  assert.match(a.unusable.message, /names the list/);
});

// Each change, with the commitment digest re-made where `redigest`, fails the named check at the named list.
const FAILS = [
  ["commitment title", "commitment-digest", null, false, (t) => (t.commitment.title += "!")],
  ["entries of list 2 swapped", "canonical-order", 2, true, (t) => { const E = t.commitment.lists[1].candidates.entries; [E[0], E[1]] = [E[1], E[0]]; }],
  ["count of list 1", "counts", 1, true, (t) => (t.commitment.lists[0].candidates.count += 1)],
  ["total_weight of list 2", "counts", 2, true, (t) => (t.commitment.lists[1].candidates.total_weight = "10")],
  ["k = 0 in list 2 (counts before companions)", "counts", 2, true, (t) => (t.commitment.lists[1].recipients = 0)],
  ["k + r above n in list 1", "counts", 1, true, (t) => (t.commitment.lists[0].reserves = 8)],
  ["surplus of list 1", "pot", 1, true, (t) => (t.commitment.lists[0].pot.surplus_cents += 1)],
  ["pot of list 1 cannot pay k", "pot", 1, true, (t) => (t.commitment.lists[0].pot.amount_cents = 4 * 1200000)],
  ["companions k differs", "companions", 2, true, (t) => (t.commitment.lists[1].recipients = 4)],
  ["companions of itself", "companions", 2, true, (t) => (t.commitment.lists[1].companions_of = "reisgenoten")],
  ["companions of no list", "companions", 2, true, (t) => (t.commitment.lists[1].companions_of = "overvecht")],
  ["seed", "seed-commitment", null, false, (t) => (t.seed = flip(t.seed))],
  ["numbers spelled otherwise", "entropy-plan", null, false, (t) => (t.entropy[1].value = "03 14 15 22 35 41")],
  ["entropy label", "entropy-plan", null, false, (t) => (t.entropy[0].label = "zaal")],
  ["entropy_digest", "draw-replay", null, false, (t) => (t.entropy_digest = flip(t.entropy_digest))],
  ["draw_seed", "draw-replay", null, false, (t) => (t.draw_seed = flip(t.draw_seed))],
  ["a list dropped from the transcript", "draw-replay", null, false, (t) => t.lists.pop()],
  ["lists in the other order", "draw-replay", 1, false, (t) => t.lists.reverse()],
  ["list_seed of list 2", "draw-replay", 2, false, (t) => (t.lists[1].list_seed = flip(t.lists[1].list_seed))],
  ["list 1 drawn from the draw seed itself", "draw-replay", 1, false, (t) => (t.lists[0].list_seed = t.draw_seed)],
  ["an index of list 1", "draw-replay", 1, false, (t) => (t.lists[0].result[0].index = (t.lists[0].result[0].index + 1) % 12)],
  ["a reserve of list 2 dropped", "draw-replay", 2, false, (t) => t.lists[1].result.pop()],
  ["rank in list 2", "result", 2, false, (t) => (t.lists[1].result[2].rank += 1)],
  ["position in list 1", "result", 1, false, (t) => (t.lists[0].result[4].position = 1)],
  ["role in list 2", "result", 2, false, (t) => (t.lists[1].result[5].role = "recipient")],
  ["leaf in list 2", "result", 2, false, (t) => (t.lists[1].result[0].leaf = flip(t.lists[1].result[0].leaf))],
  ["weight in list 1", "result", 1, false, (t) => (t.lists[0].result[0].weight += 1)],
  ["list 1 renamed in both documents: another digest, so another draw seed (§17.4)", "draw-replay", null, true, (t) => { t.commitment.lists[0].name = "ontvangers-zuid"; t.commitment.lists[1].companions_of = "ontvangers-zuid"; t.lists[0].name = "ontvangers-zuid"; }],
];

for (const [what, check, list, redigest, f] of FAILS) {
  test(`v4 change: ${what} → failed ${check}${list ? ` at list ${list}` : ""}`, async () => {
    const { transcript } = await buildV4(TRAVEL);
    const t = clone(transcript);
    f(t);
    if (redigest) t.commitment.digest = await digestOf(t.commitment);
    const rep = await V.verifyTranscript(JSON.stringify(t));
    assert.equal(rep.outcome, "failed", JSON.stringify(rep.unusable));
    assert.equal(rep.failed_check, check, JSON.stringify(rep.checks.at(-1)));
    const last = rep.checks.at(-1);
    assert.ok(rep.checks.slice(0, -1).every((c) => c.status === "passed"));
    assert.equal(last.list_number ?? null, list);
    if (list) {
      assert.equal(last.list, t.commitment.lists[list - 1].name);
      assert.ok(last.detail.startsWith(`list ${list} (${last.list}): `), last.detail);
    }
    assert.notEqual(last.expected, undefined);
    assert.notEqual(last.found, undefined);
    assert.equal(rep.transcript_digest, null);
  });
}

test("v4: the companions list travels with a companions list → failed companions at the third list", async () => {
  const spec = clone(TRAVEL);
  spec.lists.push({ name: "tweede-reisgenoten", rule: "companions", companions_of: "reisgenoten", recipients: 5, reserves: 0, candidates: Array.from({ length: 6 }, (_, i) => ({ id: `T-${i}` })) });
  const { transcript } = await buildV4(spec);
  const rep = await V.verifyTranscript(JSON.stringify(transcript));
  assert.equal(rep.failed_check, "companions");
  assert.equal(rep.checks.at(-1).list_number, 3);
  assert.equal(rep.checks.at(-1).found, '"companions"');
  // two companions lists of one list are allowed (§17.6)
  spec.lists[2].companions_of = "ontvangers";
  const ok = await V.verifyTranscript(JSON.stringify((await buildV4(spec)).transcript));
  assert.equal(ok.outcome, "verified", JSON.stringify(ok.checks.at(-1)));
});

test("v4: the published commitment differs → failed published-commitment", async () => {
  const { transcript } = await buildV4(TRAVEL);
  const other = await buildV4(TRAVEL, 7);
  const rep = await V.verifyTranscript(JSON.stringify(transcript), { publishedCommitment: JSON.stringify(other.commitment) });
  assert.equal(rep.failed_check, "published-commitment");
});

// Each change makes the transcript unusable (§17.1, §17.2, §17.5).
const UNUSABLE = [
  ["a v3 commitment in a v4 transcript", (t) => (t.commitment.format = "potdraw/commitment/v3")],
  ["a v4 commitment in a v3 transcript", (t) => (t.format = "potdraw/transcript/v3")],
  ["a v4 commitment in a v1 transcript", (t) => (t.format = "potdraw/transcript/v1")],
  ["recipients at the top of the commitment", (t) => (t.commitment.recipients = 5)],
  ["pot at the top of the commitment", (t) => (t.commitment.pot = potFor(5))],
  ["candidates at the top of the commitment", (t) => (t.commitment.candidates = t.commitment.lists[0].candidates)],
  ["result at the top of the transcript", (t) => (t.result = [])],
  ["one list", (t) => t.commitment.lists.pop()],
  ["seventeen lists", (t) => { while (t.commitment.lists.length < 17) t.commitment.lists.push({ ...t.commitment.lists[0], rule: "fixed", pot: undefined, name: `l${t.commitment.lists.length}` }); }],
  ["lists not an array", (t) => (t.commitment.lists = {})],
  ["two lists of one name", (t) => { t.commitment.lists[1].name = "ontvangers"; t.commitment.lists[1].companions_of = "reisgenoten"; }],
  ["an uppercase name", (t) => (t.commitment.lists[0].name = "Ontvangers")],
  ["a name with a trailing space", (t) => (t.commitment.lists[0].name = "ontvangers ")],
  ["an empty name", (t) => (t.commitment.lists[0].name = "")],
  ["a name of 65 characters", (t) => (t.commitment.lists[0].name = "a".repeat(65))],
  ["a name starting with a hyphen", (t) => (t.commitment.lists[0].name = "-ontvangers")],
  ["a name with a letter outside ASCII", (t) => (t.commitment.lists[0].name = "ontvängers")],
  ["a name that is a number", (t) => (t.commitment.lists[0].name = 1)],
  ["an unknown rule", (t) => (t.commitment.lists[0].rule = "Pot")],
  ["no rule", (t) => delete t.commitment.lists[0].rule],
  ["a null rule", (t) => (t.commitment.lists[0].rule = null)],
  ["rule pot without pot", (t) => delete t.commitment.lists[0].pot],
  ["rule fixed with a pot", (t) => (t.commitment.lists[0].rule = "fixed")],
  ["rule companions without companions_of", (t) => delete t.commitment.lists[1].companions_of],
  ["rule fixed with companions_of", (t) => (t.commitment.lists[1].rule = "fixed")],
  ["rule pot with companions_of", (t) => (t.commitment.lists[0].companions_of = "reisgenoten")],
  ["companions_of in uppercase", (t) => (t.commitment.lists[1].companions_of = "Ontvangers")],
  ["companions_of null", (t) => (t.commitment.lists[1].companions_of = null)],
  ["a list with an unknown member", (t) => (t.commitment.lists[1].title = "x")],
  ["reserves null", (t) => (t.commitment.lists[1].reserves = null)],
  ["recipients missing", (t) => delete t.commitment.lists[1].recipients],
  ["recipients negative", (t) => (t.commitment.lists[1].recipients = -1)],
  ["a pot member missing", (t) => delete t.commitment.lists[0].pot.surplus_cents],
  ["weight 0", (t) => (t.commitment.lists[1].candidates.entries[0].weight = 0)],
  ["weight 2^32", (t) => (t.commitment.lists[1].candidates.entries[0].weight = 2 ** 32)],
  ["total_weight as a number", (t) => (t.commitment.lists[1].candidates.total_weight = 9)],
  ["an uppercase leaf", (t) => (t.commitment.lists[1].candidates.entries[0].leaf = t.commitment.lists[1].candidates.entries[0].leaf.toUpperCase())],
  ["a text source in the plan", (t) => (t.commitment.entropy_plan[1] = { label: "lotto-2026-12-05", kind: "text" })],
  ["previous null", (t) => (t.commitment.previous = null)],
  ["a transcript list with an unknown member", (t) => (t.lists[0].seed = t.draw_seed)],
  ["a transcript list without result", (t) => delete t.lists[0].result],
  ["an uppercase list_seed", (t) => (t.lists[0].list_seed = t.lists[0].list_seed.toUpperCase())],
  ["a transcript list name that is not a string", (t) => (t.lists[0].name = 1)],
  ["a result role of another word", (t) => (t.lists[1].result[0].role = "reisgenoot")],
  ["transcript lists not an array", (t) => (t.lists = {})],
];

for (const [what, f] of UNUSABLE) {
  test(`v4 unusable: ${what}`, async () => {
    const { transcript } = await buildV4(TRAVEL);
    const t = clone(transcript);
    f(t);
    t.commitment.digest = await digestOf(t.commitment).catch(() => t.commitment.digest);
    const rep = await V.verifyTranscript(JSON.stringify(t));
    assert.equal(rep.outcome, "unusable", JSON.stringify(rep.checks.at(-1)));
    assert.equal(rep.unusable.document, "transcript");
  });
}

test("v4 at parse time: a transcript list may have any name and an empty result (decided by draw-replay)", async () => {
  const { transcript } = await buildV4(TRAVEL);
  for (const f of [(t) => (t.lists[1].name = "Wat Dan Ook \u00e9"), (t) => (t.lists[1].result = []), (t) => (t.lists = [])]) {
    const t = clone(transcript);
    f(t);
    const rep = await V.verifyTranscript(JSON.stringify(t));
    assert.equal(rep.failed_check, "draw-replay");
  }
});

test("v1–v3 documents with `lists` stay unusable; v1 behaviour unchanged", async () => {
  const ex = JSON.parse(readFileSync(path.join(ROOT, "fixtures/example/transcript.json"), "utf8"));
  const t = clone(ex);
  t.commitment.lists = [];
  assert.equal((await V.verifyTranscript(JSON.stringify(t))).outcome, "unusable");
  const t2 = clone(ex);
  t2.lists = [];
  assert.equal((await V.verifyTranscript(JSON.stringify(t2))).outcome, "unusable");
  const rep = await V.verifyTranscript(JSON.stringify(ex));
  assert.ok(!rep.checks.some((c) => c.check === "companions"));
  assert.equal(rep.lists, undefined);
});

// ---------------------------------------------------------------- fixtures/v4 (SPEC §17.12), made by the Rust fixgen

import { FIX } from "./helpers.mjs";

const fx = (d, f) => readFileSync(path.join(FIX, "v4", d, f));
const receiptsOf = (d) => fx(d, "receipts.jsonl").toString("utf8").split("\n").filter((l) => l.trim() !== "");

for (const d of ["two-lists", "three-lists"]) {
  test(`fixtures/v4/${d}: the commitment alone, the draw against it, and every receipt by id and code and as a receipt`, async () => {
    const c = await V.verifyCommitmentV4(fx(d, "commitment.json"));
    assert.equal(c.outcome, "verified", JSON.stringify(c.checks.at(-1) || c.unusable));
    assert.deepEqual(c.checks.map((x) => x.check), V.V4_COMMITMENT_CHECKS);
    const rep = await V.verifyTranscript(fx(d, "transcript.json"), { publishedCommitment: fx(d, "commitment.json") });
    assert.equal(rep.outcome, "verified", JSON.stringify(rep.checks.at(-1) || rep.unusable));
    assert.deepEqual(rep.checks.map((x) => x.check), V.V4_CHECKS);
    assert.equal(rep.commitment_digest, c.commitment_digest);
    const T = JSON.parse(fx(d, "transcript.json"));
    const lines = receiptsOf(d);
    assert.equal(lines.length, T.commitment.lists.reduce((a, L) => a + L.candidates.count, 0), "one receipt per entry of every list");
    // §17.8: the lists in commitment order
    const order = [...new Set(lines.map((l) => JSON.parse(l).list))];
    assert.deepEqual(order, T.commitment.lists.map((L) => L.name));
    let companions = 0;
    for (const line of lines) {
      const rc = JSON.parse(line);
      const byCode = await V.participantCheck(rep, rc.id, rc.code);
      const byReceipt = await V.participantCheckReceipt(rep, line);
      assert.deepEqual(byReceipt, byCode, rc.id);
      assert.equal(byCode.list, rc.list);
      assert.equal(byCode.ticket, rc.leaf);
      // what the transcript says of this ticket, read from the transcript itself
      const i = T.commitment.lists.findIndex((L) => L.name === rc.list);
      const L = T.commitment.lists[i];
      const j = T.lists[i].result.findIndex((e) => e.leaf === rc.leaf);
      const want = j < 0 ? ["not-drawn", null] : j < L.recipients ? ["recipient", j + 1] : ["reserve", j - L.recipients + 1];
      assert.deepEqual([byCode.outcome, byCode.rank ?? null], want, rc.id);
      const comp = want[0] === "recipient" && L.rule === "companions" ? { list: L.companions_of, place: j + 1 } : null;
      assert.deepEqual(byCode.companion_of, comp);
      if (comp) companions++;
      // the same salt with this id in every other list finds no ticket there (§17.3)
      for (const o of T.commitment.lists.filter((x) => x.name !== rc.list)) {
        const moved = { ...rc, list: o.name, leaf: V.toHex(await V.leafOfV4(o.name, rc.id, V.fromHex(rc.salt))) };
        const m = await V.participantCheckReceipt(rep, JSON.stringify(moved));
        assert.deepEqual([m.in_draw, m.outcome], [false, "not-in-draw"]);
      }
    }
    assert.equal(companions, T.commitment.lists.filter((L) => L.rule === "companions").reduce((a, L) => a + L.recipients, 0));
  });
}

test("fixtures/v4/two-lists: the travel companion of place 3 is told so, in English and Dutch (§17.9)", async () => {
  const rep = await V.verifyTranscript(fx("two-lists", "transcript.json"));
  const T = JSON.parse(fx("two-lists", "transcript.json"));
  const leaf = T.lists[1].result[2].leaf;
  const rc = receiptsOf("two-lists").map((l) => JSON.parse(l)).find((x) => x.leaf === leaf);
  const res = await V.participantCheck(rep, rc.id, rc.code);
  assert.equal(V.participantSentence(res, "en"), "Your ticket was in the draw of list reisgenoten (weight 1). You were drawn as travel companion number 3: you travel with place 3 of list ontvangers. A travel companion receives no grant.");
  assert.equal(V.participantSentence(res, "nl"), "Uw lot zat in de trekking van lijst reisgenoten (gewicht 1). U bent getrokken als reisgenoot nummer 3: u reist mee met plaats 3 van lijst ontvangers. Een reisgenoot krijgt geen schenking.");
});

// §17.11, §7.7: claimed sizes are never trusted. Each case is a transcript text
// (numbers beyond 2^53 written into the text), the expected outcome, and the check.
const LIMITS = [
  ["list 1 claims 2^40 recipients", "failed", "counts", (t) => (t.commitment.lists[0].recipients = 2 ** 40), true],
  ["list 2 claims 2^53 − 1 reserves", "failed", "counts", (t) => (t.commitment.lists[1].reserves = 2 ** 53 - 1), true],
  ["list 1 claims 2^53 − 1 entries", "failed", "counts", (t) => (t.commitment.lists[0].candidates.count = 2 ** 53 - 1), true],
  ["list 2 claims 2^53 recipients (no canonical form)", "failed", "commitment-digest", (t) => (t.commitment.lists[1].recipients = "@2^53@"), false],
  ["list 1's pot of 2^64 − 1 cents (no canonical form)", "failed", "commitment-digest", (t) => (t.commitment.lists[0].pot.amount_cents = "@2^64-1@"), false],
  ["list 2 claims 2^64 entries", "unusable", null, (t) => (t.commitment.lists[1].candidates.count = "@2^64@"), false],
  ["a result index of 2^64 − 1 in list 2", "failed", "draw-replay", (t) => (t.lists[1].result[0].index = "@2^64-1@"), false],
];
const BIG = { "2^53": (1n << 53n).toString(), "2^64-1": ((1n << 64n) - 1n).toString(), "2^64": (1n << 64n).toString() };
async function limitText(f, redigest) {
  const { transcript } = await buildV4(TRAVEL);
  const t = clone(transcript);
  f(t);
  if (redigest) t.commitment.digest = await digestOf(t.commitment);
  return JSON.stringify(t).replace(/"@([^@]+)@"/g, (_, k) => BIG[k]);
}

for (const [what, outcome, check, f, redigest] of LIMITS) {
  test(`v4 limits: ${what} → ${outcome}${check ? ` ${check}` : ""}, at once`, async () => {
    const t0 = Date.now();
    const rep = await V.verifyTranscript(await limitText(f, redigest));
    assert.equal(rep.outcome, outcome, JSON.stringify(rep.checks.at(-1) || rep.unusable));
    assert.equal(rep.failed_check, check);
    assert.ok(Date.now() - t0 < 5000, "a claimed size was trusted");
  });
}

test("every hand-written v4 change and limit above: the same outcome and failed check as target/release/potdraw verify --json", async () => {
  const { execFileSync } = await import("node:child_process");
  const { existsSync, mkdtempSync, writeFileSync, rmSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const bin = path.join(ROOT, "target/release/potdraw");
  assert.ok(existsSync(bin), `${bin} is missing: run cargo build --release -p potdraw-cli first`);
  const dir = mkdtempSync(path.join(tmpdir(), "potdraw-web-v4-"));
  try {
    const { transcript } = await buildV4(TRAVEL);
    const cases = [...FAILS.map(([what, , , redigest, f]) => [what, redigest, f]), ...UNUSABLE.map(([what, f]) => [what, true, f])];
    const texts = [];
    for (const [what, redigest, f] of cases) {
      const t = clone(transcript);
      f(t);
      if (redigest) t.commitment.digest = await digestOf(t.commitment).catch(() => t.commitment.digest);
      texts.push([what, JSON.stringify(t)]);
    }
    for (const [what, , , f, redigest] of LIMITS) texts.push([what, await limitText(f, redigest)]);
    for (const [what, text] of texts) {
      const file = path.join(dir, "t.json");
      writeFileSync(file, text);
      let code = 0;
      let out;
      try {
        out = execFileSync(bin, ["verify", file, "--json"], { stdio: ["ignore", "pipe", "ignore"] }).toString();
      } catch (e) {
        code = e.status;
        out = e.stdout.toString();
      }
      const rust = JSON.parse(out);
      const js = await V.verifyTranscript(text);
      assert.equal(js.outcome, ["verified", "failed", "unusable"][code], what);
      assert.equal(js.failed_check, rust.failed_check ?? null, what);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// SPEC §17.7 step 2: a published commitment of the other layout is usable and
// fails published-commitment, with its own digest as the expected value — the
// same answer as `potdraw verify --json --commitment` (crates/cli/tests/lists.rs).
test("a published commitment of the other layout fails published-commitment", async () => {
  const fix = (p) => readFileSync(path.join(ROOT, "fixtures", p));
  for (const [commitment, transcript] of [
    ["v3/commitment.json", "v4/two-lists/transcript.json"],
    ["example/commitment.json", "v4/three-lists/transcript.json"],
    ["v4/two-lists/commitment.json", "example/transcript.json"],
    ["v4/three-lists/commitment.json", "v4/two-lists/transcript.json"],
  ]) {
    const rep = await V.verifyTranscript(fix(transcript), { publishedCommitment: fix(commitment) });
    assert.equal(rep.outcome, "failed", `${commitment} with ${transcript}`);
    assert.equal(rep.failed_check, "published-commitment", `${commitment} with ${transcript}`);
    assert.equal(rep.checks.at(-1).expected, JSON.parse(fix(commitment)).digest, `${commitment} with ${transcript}`);
  }
});
