// Version 5, list display names (SPEC §19): every vector of fixtures/v5/transcripts
// with its stated outcome, the display name rules of §19.2 one by one, the v5
// draw of fixtures/v5/two-neighbourhoods with its receipts, and the sentences a
// resident reads, which call each list by its display name.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { FIX, listVectors, readVector, transcriptDigest } from "./helpers.mjs";
import * as V from "../potdraw-verify.js";

const vectors = listVectors("v5/transcripts");

test("fixtures/v5/transcripts holds the 20 vectors of §19.5", () => {
  assert.equal(vectors.length, 20);
});

for (const file of vectors) {
  test(`v5 transcript ${path.basename(file)}`, async () => {
    const { headers, body } = readVector(file);
    assert.equal(headers.kind, "transcript");
    const opts = {};
    if (headers["published-commitment"]) opts.publishedCommitment = readFileSync(path.join(FIX, headers["published-commitment"]));
    const rep = await V.verifyTranscript(body, opts);
    const exp = headers.expect;
    if (exp === "verified") {
      assert.equal(rep.outcome, "verified", JSON.stringify(rep.checks.at(-1) || rep.unusable));
      assert.equal(rep.method, "v5");
      assert.deepEqual(rep.checks.map((c) => c.check), V.V4_CHECKS.filter((c) => opts.publishedCommitment || c !== "published-commitment"));
      assert.ok(rep.checks.every((c) => c.status === "passed"));
    } else if (exp === "unusable") {
      assert.equal(rep.outcome, "unusable", JSON.stringify(rep.checks.at(-1)));
      assert.equal(rep.unusable.document, "transcript");
    } else {
      const m = /^failed ([a-z-]+)$/.exec(exp);
      assert.ok(m, `unknown expect ${exp}`);
      assert.equal(rep.outcome, "failed", rep.unusable && rep.unusable.message);
      assert.equal(rep.failed_check, m[1], JSON.stringify(rep.checks.at(-1)));
      assert.equal(rep.checks.at(-1).check, m[1]);
      assert.ok(rep.checks.slice(0, -1).every((c) => c.status === "passed"));
      assert.equal(rep.transcript_digest, null);
    }
  });
}

test("each unusable v5 vector is refused for its own reason", async () => {
  const why = {
    "unusable-display-control": /lists\[0\]\.display: .*U\+0007/,
    "unusable-display-double-space": /display: .*two spaces in a row/,
    "unusable-display-empty": /display: .*1 to 64 characters, found 0/,
    "unusable-display-leading-space": /display: .*begins or ends with a space/,
    "unusable-display-missing": /missing member "display"/,
    "unusable-display-no-break-space": /display: .*U\+00A0/,
    "unusable-display-not-nfc": /display: .*not in NFC/,
    "unusable-display-null": /display: expected a string, found null/,
    "unusable-display-too-long": /display: .*1 to 64 characters, found 65/,
    "unusable-display-trailing-space": /display: .*begins or ends with a space/,
    "unusable-display-twice": /display name "Noord" is used twice/,
    "unusable-display-unassigned": /display: .*U\+1ADE\) is not assigned in Unicode 15\.0\.0/,
    "unusable-display-zero-width": /display: .*U\+200B/,
    "unusable-v4-transcript-v5-commitment": /expected "potdraw\/commitment\/v4".*found "potdraw\/commitment\/v5"/,
    "unusable-v4-with-display": /unknown member "display"/,
    "unusable-v5-transcript-v4-commitment": /expected "potdraw\/commitment\/v5".*found "potdraw\/commitment\/v4"/,
  };
  for (const file of vectors.filter((f) => path.basename(f).startsWith("unusable-"))) {
    const name = path.basename(file, ".txt");
    assert.ok(why[name], `no reason listed for ${name}`);
    const rep = await V.verifyTranscript(readVector(file).body);
    assert.match(rep.unusable.message, why[name], name);
  }
});

test("§19.2: the display name rules, one by one, from the page's own Unicode 15.0 table", () => {
  const ok = ["Noord", "Reisgenoten Noord", "Zuid – Rivierenwijk", "Zuid-Oost", "Caf\u00e9 De Kroeg", "a", "x".repeat(64), "é".repeat(64), "Noord 🌳", "𝔑oord", "Ĳsselmonde", "N\u0308oord" /* no precomposed N̈: already NFC */];
  for (const d of ok) assert.equal(V.displayProblem(d), null, d);
  const bad = {
    "": "length",
    ["x".repeat(65)]: "length",
    ["😀".repeat(65)]: "length",
    "Noord\u1ADE": "repertoire", // assigned in Unicode 16.0, not in 15.0 (§2.4)
    "Noord\u{10EF0}": "repertoire",
    "Noord\u0378": "repertoire", // unassigned
    "Noord\u0007": "invisible", // Cc
    "Noord\t": "invisible", // Cc, White_Space
    "No\u200Bord": "invisible", // Cf
    "No\u00ADord": "invisible", // soft hyphen, Cf
    "Noord\uFEFF": "invisible",
    "Noord\u2028Oost": "invisible", // Zl
    "Noord\u2029Oost": "invisible", // Zp
    "Noord\uE000": "invisible", // Co
    "Noord\u3164": "invisible", // Hangul filler, Default_Ignorable
    "Noord\u034F": "invisible", // combining grapheme joiner, Default_Ignorable
    "Cafe\u0301": "nfc",
    "No\u0308ord": "nfc",
    "\u212B": "nfc", // ANGSTROM SIGN, NFC is U+00C5
    "Noord\u00A0Oost": "white-space", // Zs
    "Noord\u3000Oost": "white-space",
    "Noord\u2009Oost": "white-space",
    " Noord": "white-space",
    "Noord ": "white-space",
    "Noord  Oost": "white-space",
    " ": "white-space",
  };
  for (const [d, rule] of Object.entries(bad)) {
    const p = V.displayProblem(d);
    assert.ok(p, JSON.stringify(d));
    assert.equal(p.rule, rule, JSON.stringify(d));
  }
});

// ---------------------------------------------------------------- the fixture draw

const DIR = path.join(FIX, "v5/two-neighbourhoods");
const read = (f) => readFileSync(path.join(DIR, f));
const receipts = read("receipts.jsonl").toString("utf8").trim().split("\n").map((l) => JSON.parse(l));
const DISPLAY = { noord: "Noord", zuid: "Zuid – Rivierenwijk", "reisgenoten-noord": "Reisgenoten Noord", "reisgenoten-zuid": "Reisgenoten Zuid" };

test("the v5 fixture draw verifies, each list with its display name; the commitment alone too", async () => {
  const rep = await V.verifyTranscript(read("transcript.json"), { publishedCommitment: read("commitment.json") });
  assert.equal(rep.outcome, "verified");
  assert.equal(rep.method, "v5");
  assert.deepEqual(rep.lists.map((L) => [L.name, L.display, L.rule, L.companions_of, L.companions_of_display]), [
    ["noord", "Noord", "pot", null, null],
    ["zuid", "Zuid – Rivierenwijk", "pot", null, null],
    ["reisgenoten-noord", "Reisgenoten Noord", "companions", "noord", "Noord"],
    ["reisgenoten-zuid", "Reisgenoten Zuid", "companions", "zuid", "Zuid – Rivierenwijk"],
  ]);
  assert.equal(rep.transcript_digest, transcriptDigest(JSON.parse(read("transcript.json"))));
  // the facts of the checks carry the display names beside the names
  const comp = rep.checks.find((c) => c.check === "companions").facts.lists;
  assert.deepEqual(comp.map((x) => [x.name, x.display, x.of, x.of_display]), [
    ["reisgenoten-noord", "Reisgenoten Noord", "noord", "Noord"],
    ["reisgenoten-zuid", "Reisgenoten Zuid", "zuid", "Zuid – Rivierenwijk"],
  ]);
  // §19.3: a v5 commitment alone is checked as a v4 commitment alone
  const alone = await V.verifyCommitmentV4(read("commitment.json"));
  assert.equal(alone.outcome, "verified");
  assert.equal(alone.method, "v5");
  assert.deepEqual(alone.checks.map((c) => c.check), V.V4_COMMITMENT_CHECKS);
  // a v4 commitment with `display` is unusable (§19.1)
  const c = JSON.parse(read("commitment.json"));
  c.format = "potdraw/commitment/v4";
  const v4 = await V.verifyCommitmentV4(JSON.stringify(c));
  assert.equal(v4.outcome, "unusable");
  assert.match(v4.unusable.message, /unknown member "display"/);
  // a v5 list's display changed: the digest covers it (§19.2)
  const d = JSON.parse(read("commitment.json"));
  d.lists[0].display = "Noord-Oost";
  assert.equal((await V.verifyCommitmentV4(JSON.stringify(d))).failed_check, "commitment-digest");
});

test("participant check on the v5 draw: every receipt, by id and code and by receipt; the answers name the lists by display name", async () => {
  const rep = await V.verifyTranscript(read("transcript.json"));
  const T = JSON.parse(read("transcript.json"));
  const seen = new Set();
  for (const rc of receipts) {
    const R = T.lists.find((x) => x.name === rc.list);
    const L = T.commitment.lists.find((x) => x.name === rc.list);
    const j = R.result.findIndex((e) => e.leaf === rc.leaf);
    for (const res of [await V.participantCheck(rep, ` ${rc.id} `, rc.code.toLowerCase()), await V.participantCheckReceipt(rep, JSON.stringify(rc))]) {
      assert.equal(res.in_draw, true, rc.id);
      assert.equal(res.list, rc.list);
      assert.equal(res.list_display, DISPLAY[rc.list]);
      const comp = L.rule === "companions";
      assert.equal(res.companions_list_display, comp ? DISPLAY[L.companions_of] : undefined);
      if (j >= 0 && j < L.recipients && comp) assert.deepEqual(res.companion_of, { list: L.companions_of, place: j + 1, display: DISPLAY[L.companions_of] });
      else assert.equal(res.companion_of, null);
      for (const lang of ["nl", "en"]) {
        const s = V.participantSentence(res, lang);
        assert.ok(s.includes(lang === "nl" ? `van lijst ${DISPLAY[rc.list]} (gewicht` : `of list ${DISPLAY[rc.list]} (weight`), s);
        // no bare name of a list anywhere in what a resident reads
        for (const name of Object.keys(DISPLAY)) assert.doesNotMatch(s, new RegExp(`lij?st ${name}\\b`), s);
      }
      seen.add(`${comp ? "companions" : "list"} ${res.outcome}`);
    }
  }
  assert.deepEqual([...seen].sort(), ["companions not-drawn", "companions recipient", "companions reserve", "list not-drawn", "list recipient", "list reserve"]);

  // the sentences for a travel companion and a reserve of a companions list, in Dutch and English
  const place = (name, j) => receipts.find((x) => x.leaf === T.lists.find((R) => R.name === name).result[j].leaf);
  const c1 = await V.participantCheck(rep, place("reisgenoten-noord", 0).id, place("reisgenoten-noord", 0).code);
  assert.equal(V.participantSentence(c1, "nl"), "Uw lot zat in de trekking van lijst Reisgenoten Noord (gewicht 1). U bent getrokken als reisgenoot nummer 1: u reist mee met plaats 1 van lijst Noord. Een reisgenoot krijgt geen schenking.");
  assert.equal(V.participantSentence(c1, "en"), "Your ticket was in the draw of list Reisgenoten Noord (weight 1). You were drawn as travel companion number 1: you travel with place 1 of list Noord. A travel companion receives no grant.");
  const r1 = await V.participantCheck(rep, place("reisgenoten-zuid", 4).id, place("reisgenoten-zuid", 4).code);
  assert.equal(r1.outcome, "reserve");
  assert.match(V.participantSentence(r1, "nl"), /^Uw lot zat in de trekking van lijst Reisgenoten Zuid \(gewicht \d+\)\. U bent getrokken als reserve nummer 1 van de reisgenoten van lijst Zuid – Rivierenwijk\. Een reisgenoot krijgt geen schenking\.$/);
  assert.match(V.participantSentence(r1, "en"), /of the travel companions of list Zuid – Rivierenwijk\. A travel companion receives no grant\.$/);
});

test("a v2 record of substitutions on the v5 draw: names lists by name, and the answers and events show their display names", async () => {
  const rep = await V.verifyTranscript(read("transcript.json"));
  const T = JSON.parse(read("transcript.json"));
  const record = {
    format: "potdraw/amendments/v2",
    transcript: rep.transcript_digest,
    events: [
      { seq: 1, date: "2026-12-15", list: "reisgenoten-noord", place: 2, reason: "declined", taken_by: 1 },
      { seq: 2, date: "2026-12-16", list: "noord", reserve: 1, reason: "unreachable" },
    ],
  };
  const amd = await V.verifyAmendments(rep, JSON.stringify(record));
  assert.equal(amd.outcome, "verified", JSON.stringify(amd.checks.at(-1)));
  assert.deepEqual(amd.lists.map((L) => [L.name, L.display, L.companions_of_display]), [
    ["noord", "Noord", null],
    ["zuid", "Zuid – Rivierenwijk", null],
    ["reisgenoten-noord", "Reisgenoten Noord", "Noord"],
    ["reisgenoten-zuid", "Reisgenoten Zuid", "Zuid – Rivierenwijk"],
  ]);
  assert.deepEqual(amd.history.map((e) => [e.list, e.list_display]), [["reisgenoten-noord", "Reisgenoten Noord"], ["noord", "Noord"]]);
  // reserve 1 of the companions of Noord moved up to place 2
  const leaf = T.lists[2].result[5].leaf;
  const rc = receipts.find((x) => x.leaf === leaf);
  const res = await V.participantCheck(rep, rc.id, rc.code);
  const fin = V.amendedOutcome(res, amd);
  assert.deepEqual([fin.final_outcome, fin.place, fin.companion_of], ["moved-up", 2, { list: "noord", place: 2, display: "Noord" }]);
  assert.equal(V.amendedSentence(res, fin, "nl"), "Uw lot zat in de trekking van lijst Reisgenoten Noord (gewicht 1). U was reserve 1 en bent doorgeschoven naar plaats 2: u reist mee met plaats 2 van lijst Noord. Een reisgenoot krijgt geen schenking.");
  assert.equal(V.amendedSentence(res, fin, "en"), "Your ticket was in the draw of list Reisgenoten Noord (weight 1). You were reserve 1 and moved up to place 2: you travel with place 2 of list Noord. A travel companion receives no grant.");
  // reserve 2 of the companions of Noord waits
  const rc2 = receipts.find((x) => x.leaf === T.lists[2].result[6].leaf);
  const res2 = await V.participantCheck(rep, rc2.id, rc2.code);
  assert.equal(V.amendedSentence(res2, V.amendedOutcome(res2, amd), "nl"), "Uw lot zat in de trekking van lijst Reisgenoten Noord (gewicht 1). U bent reserve 2 van de reisgenoten van lijst Noord en bent nog niet opgeroepen.");
  assert.equal(V.amendedSentence(res2, V.amendedOutcome(res2, amd), "en"), "Your ticket was in the draw of list Reisgenoten Noord (weight 1). You are reserve 2 of the travel companions of list Noord and have not been called.");
  // a v1 record never applies to a draw with several lists (§17.10, through §19)
  const v1 = await V.verifyAmendments(rep, JSON.stringify({ format: "potdraw/amendments/v1", transcript: rep.transcript_digest, events: [] }));
  assert.equal(v1.outcome, "unusable");
  assert.equal(v1.unusable.reason, "several-lists");
});
