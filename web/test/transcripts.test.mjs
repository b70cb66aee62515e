// Whole-transcript vectors (fixtures/v1/transcripts) and the bundled example with its receipts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { FIX, readVector, listVectors } from "./helpers.mjs";
import * as V from "../potdraw-verify.js";

for (const file of [...listVectors("v1/transcripts"), ...listVectors("v3/transcripts"), ...listVectors("v4/transcripts"), ...listVectors("v5/transcripts")]) {
  test(`transcript ${path.basename(file)}`, async () => {
    const { headers, body } = readVector(file);
    assert.equal(headers.kind, "transcript");
    const opts = {};
    if (headers["published-commitment"]) opts.publishedCommitment = readFileSync(path.join(FIX, headers["published-commitment"]));
    const rep = await V.verifyTranscript(body, opts);
    const exp = headers.expect;
    if (exp === "verified") {
      assert.equal(rep.outcome, "verified", JSON.stringify(rep.checks.at(-1)));
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

test("unusable drand kind is named plainly", async () => {
  const { body } = readVector(path.join(FIX, "v1/transcripts/unusable-drand-kind.txt"));
  const rep = await V.verifyTranscript(body);
  assert.equal(rep.outcome, "unusable");
  assert.match(rep.unusable.message, /drand/);
});

test("example: digests of SPEC §11.3, and every receipt", async () => {
  const ex = (f) => readFileSync(path.join(FIX, "example", f));
  const rep = await V.verifyTranscript(ex("transcript.json"), { publishedCommitment: ex("commitment.json") });
  assert.equal(rep.outcome, "verified");
  assert.deepEqual(rep.checks.map((c) => c.check), ["format", "published-commitment", "commitment-digest", "canonical-order", "counts", "pot", "seed-commitment", "entropy-plan", "draw-replay", "result"]);
  assert.equal(rep.commitment_digest, "23010bc132357ae781d8bff7991eae0360bbfcb81630f301802493309ee70749");
  assert.equal(rep.transcript_digest, "7b2bea58e0cb1dba5f35f7b97f9d978345c8db011efa5c2abf307db9bb2eb8a1");
  const receipts = ex("receipts.jsonl").toString("utf8").split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l));
  assert.equal(receipts.length, 24);
  const byId = {};
  for (const r of receipts) {
    const res = await V.participantCheck(rep, ` ${r.id}\u00a0`, r.code.toLowerCase().replaceAll("-", " "));
    assert.equal(res.ticket, r.leaf);
    assert.equal(res.in_draw, true);
    assert.equal(res.weight, r.weight);
    byId[r.id] = res;
  }
  const want = { "ZUID-001": ["recipient", 1], "ZUID-019": ["recipient", 2], "ZUID-024": ["recipient", 3], "ZUID-014": ["recipient", 4], "ZUID-009": ["recipient", 5], "ZUID-004": ["reserve", 1], "ZUID-006": ["reserve", 2], "ZUID-008": ["reserve", 3] };
  for (const [id, res] of Object.entries(byId)) {
    if (want[id]) assert.deepEqual([res.outcome, res.rank], want[id], id);
    else assert.equal(res.outcome, "not-drawn", id);
  }
  const r19 = byId["ZUID-019"];
  assert.equal(V.participantSentence(r19, "en"), "Your ticket was in the draw (weight 1). You were drawn as recipient number 2.");
  assert.equal(V.participantSentence(r19, "nl"), "Uw lot zat in de trekking (gewicht 1). U bent getrokken als ontvanger nummer 2.");
  // the README's mistyped code is an error, never "not in the draw"
  await assert.rejects(V.participantCheck(rep, "ZUID-002", "3CHZ-RM9V-747H-01MX-SD5R-9J3E-P3NM"), (e) => e instanceof V.CodeError && e.kind === "check");
  // a valid code with a wrong id: the id as typed does not match (§8.4), never "not in the draw"
  const other = await V.participantCheck(rep, "ZUID-999", receipts[0].code);
  assert.equal(other.outcome, "id-mismatch");
  assert.equal(other.suggestion, null);
  assert.match(V.participantSentence(other, "nl"), /^De controlecode hoort bij deze loting, maar past niet bij het id zoals u het typte: "ZUID-999"\./);
  assert.match(V.participantSentence(other, "nl"), /\nOok met andere hoofdletters, kleine letters, spaties of streepjes past het id bij geen enkel lot\./);
  assert.match(V.participantSentence(other, "en"), /^The code is valid for this draw, but it does not match the id as you typed it: "ZUID-999"\./);
  assert.doesNotMatch(V.participantSentence(other, "en"), /NOT in the draw|Did you mean/);
  assert.equal(V.participantSentence(byId["ZUID-004"], "nl"), "Uw lot zat in de trekking (gewicht 1). U bent getrokken als reserve nummer 1.");
  assert.equal(V.participantSentence(byId["ZUID-002"], "en"), "Your ticket was in the draw (weight 1). You were not drawn.");
  // on a transcript that does not verify, nothing is said about the ticket
  const { body } = readVector(path.join(FIX, "v1/transcripts/result-leaf-changed.txt"));
  const bad = await V.verifyTranscript(body);
  assert.deepEqual(await V.participantCheck(bad, receipts[0].id, receipts[0].code), { verified: false });
});

test("every v1, v4 and v5 transcript vector: the same outcome and failed check as target/release/potdraw verify --json", async () => {
  const { execFileSync } = await import("node:child_process");
  const { existsSync, mkdtempSync, writeFileSync, rmSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const bin = path.join(FIX, "../target/release/potdraw");
  assert.ok(existsSync(bin), `${bin} is missing: run cargo build --release -p potdraw-cli first`);
  const dir = mkdtempSync(path.join(tmpdir(), "potdraw-web-vec-"));
  try {
    for (const file of [...listVectors("v1/transcripts"), ...listVectors("v4/transcripts"), ...listVectors("v5/transcripts")]) {
      const { headers, body } = readVector(file);
      const t = path.join(dir, "t.json");
      writeFileSync(t, body);
      const args = ["verify", t, "--json"];
      const opts = {};
      if (headers["published-commitment"]) {
        args.push("--commitment", path.join(FIX, headers["published-commitment"]));
        opts.publishedCommitment = readFileSync(path.join(FIX, headers["published-commitment"]));
      }
      let code = 0;
      let out;
      try {
        out = execFileSync(bin, args, { stdio: ["ignore", "pipe", "ignore"] }).toString();
      } catch (e) {
        code = e.status;
        out = e.stdout.toString();
      }
      const rust = JSON.parse(out);
      const js = await V.verifyTranscript(body, opts);
      const name = path.basename(file);
      assert.equal(js.outcome, ["verified", "failed", "unusable"][code], name);
      assert.equal(js.failed_check, rust.failed_check ?? null, name);
      if (code === 0) assert.equal(js.transcript_digest, rust.transcript_digest, name);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// v2 (drand, SPEC §13) is not implemented in the browser verifier: no BLS in JS.
// It must say so plainly, as unusable, naming the identifier found and those it supports.
for (const name of ["valid", "valid-with-published-commitment"]) {
  test(`v2 drand transcript ${name} is unusable here, naming its identifier`, async () => {
    const { body } = readVector(path.join(FIX, `v2/transcripts/${name}.txt`));
    const rep = await V.verifyTranscript(body);
    assert.equal(rep.outcome, "unusable");
    assert.match(rep.unusable.message, /potdraw\/transcript\/v2/);
    assert.match(rep.unusable.message, /potdraw\/transcript\/v1/);
  });
}

test("participant check: an empty id or one above 256 bytes is named as Rust's check names it (§4.1), never 'not in the draw'", async () => {
  const ex = (f) => readFileSync(path.join(FIX, "example", f));
  const rep = await V.verifyTranscript(ex("transcript.json"));
  const code = JSON.parse(ex("receipts.jsonl").toString("utf8").split("\n")[0]).code;
  await assert.rejects(V.participantCheck(rep, " \u00a0 ", code), (e) => e instanceof V.CodeError && e.kind === "id-empty");
  await assert.rejects(V.participantCheck(rep, "Z".repeat(257), code), (e) => e instanceof V.CodeError && e.kind === "id-too-long" && e.bytes === 257);
  // 256 bytes is an id like any other: a valid code of another id is an id mismatch.
  const res = await V.participantCheck(rep, "Z".repeat(256), code);
  assert.equal(res.outcome, "id-mismatch");
  assert.equal(res.suggestion, null);
});

test("participant check: a lower-case or spaced id with its own code gets the id meant and its full answer (§8.4)", async () => {
  const ex = (f) => readFileSync(path.join(FIX, "example", f));
  const rep = await V.verifyTranscript(ex("transcript.json"));
  const receipts = ex("receipts.jsonl").toString("utf8").split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l));
  const of = (id) => receipts.find((r) => r.id === id);
  const exact = await V.participantCheck(rep, "ZUID-019", of("ZUID-019").code);
  for (const [id, typed] of [["ZUID-002", "zuid-002"], ["ZUID-002", "ZUID - 002"], ["ZUID-019", " zuid  019 "]]) {
    const res = await V.participantCheck(rep, typed, of(id).code);
    assert.equal(res.outcome, "id-mismatch", typed);
    assert.equal(res.in_draw, false);
    assert.equal(res.id, typed.trim());
    assert.equal(res.suggestion, id);
    assert.notEqual(res.ticket, of(id).leaf);
    assert.equal(res.suggested.ticket, of(id).leaf);
    assert.equal(res.suggested.in_draw, true);
    assert.equal(res.suggested.weight, of(id).weight);
    const en = V.participantSentence(res, "en").split("\n");
    const nl = V.participantSentence(res, "nl").split("\n");
    assert.equal(en[0], `The code is valid for this draw, but it does not match the id as you typed it: ${JSON.stringify(typed.trim())}. Type the id exactly as it is on your slip, with the same capital and small letters, spaces and hyphens.`);
    assert.equal(en[1], `Did you mean ${id}?`);
    assert.equal(nl[0], `De controlecode hoort bij deze loting, maar past niet bij het id zoals u het typte: ${JSON.stringify(typed.trim())}. Typ het id precies zoals het op uw bewijsje staat, met dezelfde hoofdletters en kleine letters, spaties en streepjes.`);
    assert.equal(nl[1], `Bedoelde u ${id}?`);
    // the full answer for the id meant is the answer for that id typed exactly
    const direct = await V.participantCheck(rep, id, of(id).code);
    assert.deepEqual(res.suggested, direct);
    assert.equal(en[2], V.participantSentence(direct, "en"));
    assert.equal(nl[2], V.participantSentence(direct, "nl"));
  }
  assert.equal(exact.outcome, "recipient");
  // a code of another draw (the RFC 3797 example's) stays a code error
  const rfc = readFileSync(path.join(FIX, "rfc3797/example/receipts.jsonl"), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
  await assert.rejects(V.participantCheck(rep, "zuid-002", rfc.find((r) => r.id === "ZUID-002").code), (e) => e instanceof V.CodeError && e.kind === "check");
});

test("idVariants: the same spellings, in the same order, as potdraw check (crates/cli/src/id_variants.rs)", () => {
  assert.deepEqual(V.idVariants("ZUID - 002"), ["zuid - 002", "ZUID002", "zuid002", "ZUID-002", "zuid-002", "ZUID 002", "zuid 002"]);
  assert.deepEqual(V.idVariants("Ren\u00e9 3"), ["REN\u00c9 3", "ren\u00e9 3", "Ren\u00e93", "REN\u00c93", "ren\u00e93", "Ren\u00e9-3", "REN\u00c9-3", "ren\u00e9-3"]);
  assert.deepEqual(V.idVariants("0"), []);
  assert.ok(V.idVariants("zuid-002").includes("ZUID-002"));
});
