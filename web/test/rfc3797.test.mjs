// The RFC 3797 method (SPEC §12): MD5, the RFC's worked example, the
// transcript vectors in fixtures/rfc3797/ and the generated example.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { FIX, readVector, listVectors } from "./helpers.mjs";
import * as V from "../potdraw-verify.js";

test("MD5: the test suite of RFC 1321 appendix A.5", () => {
  const suite = [
    ["", "d41d8cd98f00b204e9800998ecf8427e"],
    ["a", "0cc175b9c0f1b6a831c399e269772661"],
    ["abc", "900150983cd24fb0d6963f7d28e17f72"],
    ["message digest", "f96b697d7cb7938d525a2f31aaf161d0"],
    ["abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"],
    ["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f"],
    ["12345678901234567890123456789012345678901234567890123456789012345678901234567890", "57edf4a22be3c955ac49da2e2107b67a"],
  ];
  for (const [msg, want] of suite) assert.equal(V.toHex(V.md5(msg)), want, JSON.stringify(msg));
});

test("MD5: every length from 0 to 200 bytes (padding edges at 55, 56, 63, 64) agrees with node:crypto", async () => {
  const { createHash } = await import("node:crypto");
  for (let n = 0; n <= 200; n++) {
    const b = Uint8Array.from({ length: n }, (_, i) => (i * 131 + n * 7) & 255);
    assert.equal(V.toHex(V.md5(b)), createHash("md5").update(b).digest("hex"), `length ${n}`);
  }
});
test("RFC 3797 §6 worked example (fixtures/rfc3797/rfc-example.txt): key, every MD5 value, the selection", () => {
  const { headers, body } = readVector(path.join(FIX, "rfc3797/rfc-example.txt"));
  assert.equal(headers.kind, "rfc3797-example");
  assert.equal(headers.expect, "match");
  const { inputs, outputs } = JSON.parse(body.toString("utf8"));
  const got = V.rfc3797Steps(inputs.sources, inputs.pool, inputs.select);
  assert.equal(got.key, "9319./2.5.8.10.12./9.18.26.34.41.45./");
  assert.equal(got.key, outputs.key);
  assert.equal(got.steps.length, 16);
  assert.deepEqual(got.steps, outputs.steps);
  assert.deepEqual(got.selected, outputs.selected);
  // the RFC's own ten, and the three values SPEC §12.7 quotes
  assert.deepEqual(got.selected.slice(0, 10), [17, 7, 2, 16, 25, 23, 8, 24, 19, 13]);
  assert.equal(got.steps[0].md5.toUpperCase(), "990DD0A5692A029A98B5E01AA28F3459");
  assert.equal(got.steps[1].md5.toUpperCase(), "3691E55CB63FCC37914430B2F70B5EC6");
  assert.equal(got.steps[9].md5.toUpperCase(), "31CB111C4A4EBE9287CEAE16FE51B909");
  // value(i) is MD5(u16be(i) ‖ key ‖ u16be(i)) read as a 128-bit big-endian integer
  const v = V.rfc3797Value(got.key, 0);
  assert.equal(v.value, BigInt("0x990DD0A5692A029A98B5E01AA28F3459"));
  assert.equal(Number(v.value % 25n) + 1, 17);
});

test("RFC 3797 key string: sorted by value, leading zeros dropped, sources in order, duplicates kept", () => {
  assert.equal(V.rfc3797Key(["3 14 15 22 35 41", "0927"]), "3.14.15.22.35.41./927./");
  assert.equal(V.rfc3797Key(["10 8 0 00 007"]), "0.0.7.8.10./");
  assert.equal(V.rfc3797Key(["5 5 3"]), "3.5.5./");
  assert.equal(V.rfc3797Key(["1", "2"]), "1./2./");
  assert.notEqual(V.rfc3797Key(["1", "2"]), V.rfc3797Key(["2", "1"]));
  const big = "9".repeat(100);
  assert.equal(V.rfc3797Key([`${big} 1${"0".repeat(98)} 0${big.slice(1)}`]), `1${"0".repeat(98)}.${"9".repeat(99)}.${big}./`);
  assert.equal(V.rfc3797ValueProblem("3 14 15"), null);
  assert.equal(V.rfc3797ValueProblem(Array(1000).fill("1").join(" ")), null);
  assert.equal(V.rfc3797ValueProblem(big), null);
  for (const bad of ["", " 3", "3 ", "3  14", "3,14", "3\t14", "-3", "+3", "\uff13", "1".repeat(101), Array(1001).fill("1").join(" ")]) {
    assert.notEqual(V.rfc3797ValueProblem(bad), null, JSON.stringify(bad));
  }
});

test("RFC 3797 selection: removal order, and the limit of 4096 picks (SPEC §12.1)", () => {
  // a pool of 3 picked completely is a permutation
  const key = V.rfc3797Key(["1 2 3"]);
  assert.deepEqual([...V.rfc3797Select(key, 3, 3)].sort(), [0, 1, 2]);
  // the Fenwick walk equals the plain list of SPEC §12.1
  for (const [n, k] of [[1, 1], [2, 2], [25, 16], [100, 100], [1000, 37]]) {
    const remaining = Array.from({ length: n }, (_, i) => i);
    const want = [];
    for (let i = 0; i < k; i++) want.push(remaining.splice(Number(V.rfc3797Value(key, i).value % BigInt(remaining.length)), 1)[0]);
    assert.deepEqual(V.rfc3797Select(key, n, k), want, `${n}/${k}`);
  }
  assert.throws(() => V.rfc3797Select(key, 70000, 65537), RangeError);
  assert.throws(() => V.rfc3797Select(key, 5000, 4097), RangeError);
  assert.equal(V.rfc3797Select(key, 5000, 4096).length, 4096);
});

const CHECKS = ["format", "published-commitment", "commitment-digest", "canonical-order", "counts", "pot", "seed-commitment", "entropy-plan", "draw-replay", "result"];

for (const file of [...listVectors("rfc3797/transcripts"), ...listVectors("rfc3797/v2/transcripts")]) {
  test(`rfc3797 transcript ${path.basename(file)}`, async () => {
    const { headers, body } = readVector(file);
    assert.equal(headers.kind, "transcript");
    const opts = {};
    if (headers["published-commitment"]) opts.publishedCommitment = readFileSync(path.join(FIX, headers["published-commitment"]));
    const rep = await V.verifyTranscript(body, opts);
    const exp = headers.expect;
    const last = JSON.stringify(rep.checks.at(-1) || rep.unusable);
    if (exp === "verified") {
      assert.equal(rep.outcome, "verified", last);
      assert.equal(rep.method, file.includes("/v2/") ? "rfc3797-v2" : "rfc3797");
      assert.deepEqual(rep.checks.map((c) => c.check), CHECKS.filter((c) => c !== "published-commitment" || opts.publishedCommitment));
      assert.ok(rep.checks.every((c) => c.status === (c.check === "seed-commitment" ? "not-applicable" : "passed")));
      assert.match(rep.transcript_digest, /^[0-9a-f]{64}$/);
    } else if (exp === "unusable") {
      assert.equal(rep.outcome, "unusable", last);
      assert.equal(rep.unusable.document, "transcript");
      assert.equal(rep.transcript_digest, null);
    } else {
      const m = /^failed ([a-z-]+)$/.exec(exp);
      assert.ok(m, `unknown expect ${exp}`);
      assert.equal(rep.outcome, "failed", last);
      assert.equal(rep.failed_check, m[1], last);
      assert.equal(rep.checks.at(-1).check, m[1]);
      assert.equal(rep.checks.at(-1).status, "failed");
      assert.ok(rep.checks.slice(0, -1).every((c) => c.status === (c.check === "seed-commitment" ? "not-applicable" : "passed")));
      assert.equal(rep.transcript_digest, null);
    }
  });
}

test("rfc3797 example: verifies against its published commitment, and every receipt gets its outcome", async () => {
  const ex = (f) => readFileSync(path.join(FIX, "rfc3797/example", f));
  const rep = await V.verifyTranscript(ex("transcript.json"), { publishedCommitment: ex("commitment.json") });
  assert.equal(rep.outcome, "verified", JSON.stringify(rep.checks.at(-1)));
  assert.equal(rep.method, "rfc3797");
  assert.deepEqual(rep.checks.map((c) => c.check), CHECKS);
  assert.deepEqual(rep.checks.find((c) => c.check === "seed-commitment").status, "not-applicable");
  assert.equal(rep.key, "3.14.15.22.35.41./927./");
  const T = JSON.parse(ex("transcript.json"));
  assert.equal(rep.commitment_digest, T.commitment.digest);
  assert.equal(rep.commitment_digest, JSON.parse(ex("commitment.json")).digest);
  // the digests use the tags of §12.2, not those of v1
  const body = await V.parseJSON(JSON.stringify(T.commitment));
  body.delete("digest");
  assert.equal(await V.Hhex("potdraw/rfc3797-v1/commitment", V.jcsBytes(body)), rep.commitment_digest);
  assert.notEqual(await V.Hhex(V.TAGS.commitment, V.jcsBytes(body)), rep.commitment_digest);
  assert.equal(await V.Hhex("potdraw/rfc3797-v1/transcript", V.jcsBytes(await V.parseJSON(ex("transcript.json")))), rep.transcript_digest);

  const receipts = ex("receipts.jsonl").toString("utf8").split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l));
  assert.equal(receipts.length, 24);
  // the expected outcome of each receipt, from the transcript's result lines (§8.4)
  const want = new Map();
  for (const x of T.result) want.set(x.leaf, [x.role, x.rank]);
  const seen = { recipient: 0, reserve: 0, "not-drawn": 0 };
  for (const r of receipts) {
    assert.equal(r.commitment_digest, rep.commitment_digest);
    assert.equal(r.weight, 1);
    const res = await V.participantCheck(rep, ` ${r.id}\u3000`, r.code.toLowerCase().replaceAll("-", " "));
    assert.equal(res.verified, true);
    assert.equal(res.ticket, r.leaf, r.id);
    assert.equal(res.in_draw, true, r.id);
    assert.equal(res.weight, 1);
    const w = want.get(r.leaf);
    if (w) assert.deepEqual([res.outcome, res.rank], w, r.id);
    else assert.equal(res.outcome, "not-drawn", r.id);
    seen[res.outcome]++;
  }
  assert.deepEqual(seen, { recipient: 5, reserve: 3, "not-drawn": 16 });
  // a v1 code (another commitment digest) is a code error, never "not in the draw"
  const v1 = readFileSync(path.join(FIX, "example/receipts.jsonl"), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
  let errors = 0;
  for (const r of v1) {
    try {
      const res = await V.participantCheck(rep, r.id, r.code);
      assert.equal(res.outcome, "id-mismatch"); // 1 in 1021 codes passes the check by chance
    } catch (e) {
      assert.ok(e instanceof V.CodeError && e.kind === "check", String(e));
      errors++;
    }
  }
  assert.ok(errors >= 23);
  // on a failed RFC 3797 transcript nothing is said about the ticket
  const bad = await V.verifyTranscript(readVector(path.join(FIX, "rfc3797/transcripts/key-changed.txt")).body);
  assert.deepEqual(await V.participantCheck(bad, receipts[0].id, receipts[0].code), { verified: false });
});

/** Run target/release/potdraw verify --json on bytes; {code, json}. */
async function rustVerify(dir, bytes, published) {
  const { execFileSync } = await import("node:child_process");
  const { writeFileSync } = await import("node:fs");
  const t = path.join(dir, "t.json");
  writeFileSync(t, bytes);
  const args = ["verify", t, "--json"];
  if (published) {
    writeFileSync(path.join(dir, "p.json"), published);
    args.push("--commitment", path.join(dir, "p.json"));
  }
  try {
    return { code: 0, json: JSON.parse(execFileSync(BIN, args, { stdio: ["ignore", "pipe", "ignore"], maxBuffer: 1 << 28 }).toString()) };
  } catch (e) {
    return { code: e.status, json: JSON.parse(e.stdout.toString()) };
  }
}
const BIN = path.join(FIX, "../target/release/potdraw");

async function agree(dir, name, bytes, published) {
  const rust = await rustVerify(dir, bytes, published);
  const js = await V.verifyTranscript(bytes, published ? { publishedCommitment: published } : {});
  const ctx = `${name}: rust ${JSON.stringify(rust.json).slice(0, 300)} js ${JSON.stringify(js.checks.at(-1) || js.unusable).slice(0, 300)}`;
  assert.equal(js.outcome, ["verified", "failed", "unusable"][rust.code], ctx);
  assert.equal(js.failed_check, rust.json.failed_check ?? null, ctx);
  assert.equal(js.transcript_digest, rust.json.transcript_digest ?? null, ctx);
  if (rust.code === 0) assert.deepEqual(js.checks.map((c) => [c.check, c.status]), rust.json.checks.map((c) => [c.check, c.status]), ctx);
  // On a failure before step 7 the Rust report lists seed-commitment (not applicable) just before the
  // failed check; this verifier lists it in its place only (SPEC §12.5). The checks run are the same.
  const run = (cs) => cs.filter((c) => c.status !== "not-applicable").map((c) => [c.check, c.status]);
  if (rust.code === 1) assert.deepEqual(run(js.checks), run(rust.json.checks), ctx);
  return js;
}

test("every rfc3797 vector, and edge cases of §12.2–§12.5: the same outcome, failed check and digest as target/release/potdraw verify --json", async () => {
  const { existsSync, mkdtempSync, rmSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  assert.ok(existsSync(BIN), `${BIN} is missing: run cargo build --release -p potdraw-cli first`);
  const dir = mkdtempSync(path.join(tmpdir(), "potdraw-web-rfcvec-"));
  try {
    for (const file of [...listVectors("rfc3797/transcripts"), ...listVectors("rfc3797/v2/transcripts")]) {
      const { headers, body } = readVector(file);
      const pub = headers["published-commitment"] ? readFileSync(path.join(FIX, headers["published-commitment"])) : null;
      await agree(dir, path.basename(file), body, pub);
    }
    const T0 = JSON.parse(readFileSync(path.join(FIX, "rfc3797/example/transcript.json"), "utf8"));
    const V1 = JSON.parse(readFileSync(path.join(FIX, "example/transcript.json"), "utf8"));
    const redigest = async (c) => {
      const body = await V.parseJSON(JSON.stringify(c));
      body.delete("digest");
      c.digest = await V.Hhex(V.RFC3797_TAGS.commitment, V.jcsBytes(body));
    };
    const cases = [];
    const mut = (name, f) => {
      const t = structuredClone(T0);
      cases.push([name, t, f(t)]);
    };
    for (const k of ["text", "dice", "drand", "Numbers"]) mut(`entropy kind ${k}`, (t) => void (t.entropy[0].kind = k));
    mut("key with a letter", (t) => void (t.key += "a"));
    mut("key empty", (t) => void (t.key = ""));
    mut("key of 16,384 bytes", (t) => void (t.key = "1".repeat(16384)));
    mut("key of 16,385 bytes", (t) => void (t.key = "1".repeat(16385)));
    mut("key of 2^20 bytes", (t) => void (t.key = "1".repeat(1 << 20)));
    const values = ["927", "0", "00", "5 5 3", "3  14", "3 14 ", " 3", "3,14", "", "1".repeat(100), "1".repeat(101), Array(1000).fill("1").join(" "), Array(1001).fill("1").join(" "), "\uff13", "3\t14", "-3", "+3", "41 35 22 15 14 3"];
    for (const v of values) mut(`value ${JSON.stringify(v).slice(0, 20)}`, (t) => void (t.entropy[1].value = v));
    mut("value with its key", (t) => {
      t.entropy[1].value = "5 5 3 0007";
      t.key = V.rfc3797Key(t.entropy.map((e) => e.value));
    });
    mut("entropy_digest member", (t) => void (t.entropy_digest = "00".repeat(32)));
    mut("plan with dice members", (t) => void Object.assign(t.commitment.entropy_plan[0], { dice: 3, faces: 6 }));
    mut("plan empty", (t) => void (t.commitment.entropy_plan = []));
    mut("weight 0", (t) => void (t.commitment.candidates.entries[0].weight = 0));
    mut("result empty", (t) => void (t.result = []));
    mut("commitment format v9", (t) => void (t.commitment.format = "potdraw/commitment/v9"));
    mut("v1 transcript format", (t) => void (t.format = "potdraw/transcript/v1"));
    for (const [name, t] of cases) await agree(dir, name, JSON.stringify(t));
    const t1 = structuredClone(V1);
    t1.commitment = T0.commitment;
    await agree(dir, "v1 transcript around an rfc3797 commitment", JSON.stringify(t1));
    // a published commitment of the other method is usable, and differs
    await agree(dir, "rfc3797 transcript, v1 published commitment", JSON.stringify(T0), JSON.stringify(V1.commitment));
    await agree(dir, "v1 transcript, rfc3797 published commitment", JSON.stringify(V1), JSON.stringify(T0.commitment));
    // more picks than SPEC §12.1 allows: unusable; exactly the limit: usable (draw-replay
    // fails on the empty result, after replaying 4096 picks)
    const big = structuredClone(T0);
    const n = 4097;
    const leaves = [];
    for (let i = 0; i < n; i++) leaves.push(V.toHex(V.md5(`leaf ${i}`)).repeat(2));
    leaves.sort();
    const c = big.commitment;
    c.candidates = { count: n, total_weight: String(n), entries: leaves.map((leaf) => ({ leaf, weight: 1 })) };
    c.recipients = 1;
    c.reserves = n - 1;
    c.pot = { amount_cents: 1200, grant_monthly_cents: 100, grant_months: 12, grant_cents: 1200, min_recipients: 1, max_recipients: 1, surplus_cents: 0 };
    await redigest(c);
    big.result = [];
    const js = await agree(dir, "4097 picks", JSON.stringify(big));
    assert.equal(js.outcome, "unusable");
    c.reserves = n - 2;
    await redigest(c);
    const atLimit = await agree(dir, "4096 picks", JSON.stringify(big));
    assert.equal(atLimit.failed_check, "draw-replay");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
