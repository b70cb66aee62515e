// At least 1,000 fresh random draws made by the release CLI: the JS verifier
// must verify each with the same commitment and transcript digests as
// `potdraw verify --json`, and a random single-field tamper must fail (or be
// unusable) in both, with the same failed check.
//
// Needs target/release/potdraw (`cargo build --release -p potdraw-cli`; .ci/run does this).
// POTDRAW_WEB_DRAWS sets the number of draws (default 1000), POTDRAW_WEB_SEED the PRNG seed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync, readFileSync, rmSync, mkdirSync } from "node:fs";
import { tmpdir, availableParallelism } from "node:os";
import path from "node:path";
import { ROOT } from "./helpers.mjs";
import * as V from "../potdraw-verify.js";

const BIN = path.join(ROOT, "target/release/potdraw");
const DRAWS = Number(process.env.POTDRAW_WEB_DRAWS || 1000);
const SEED = Number(process.env.POTDRAW_WEB_SEED || Date.now() % 2 ** 31);

function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)); // inclusive
  const pick = (xs) => xs[int(0, xs.length - 1)];
  return { next, int, pick };
}

function run(args) {
  return new Promise((resolve) => {
    execFile(BIN, args, { maxBuffer: 1 << 28 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === "number" ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

const HEXC = "0123456789abcdef";

function flipHex(r, s) {
  const j = r.int(0, s.length - 1);
  let c;
  do c = r.pick([...HEXC]);
  while (c === s[j]);
  return s.slice(0, j) + c + s.slice(j + 1);
}

/** One random single-field change to a transcript object; returns a description. */
function tamper(r, t, plan) {
  const C = t.commitment;
  const E = C.candidates.entries;
  const j = r.int(0, t.result.length - 1);
  const choices = [
    ["seed", () => (t.seed = flipHex(r, t.seed))],
    ["entropy_digest", () => (t.entropy_digest = flipHex(r, t.entropy_digest))],
    ["draw_seed", () => (t.draw_seed = flipHex(r, t.draw_seed))],
    ["commitment.digest", () => (C.digest = flipHex(r, C.digest))],
    ["commitment.seed_commitment", () => (C.seed_commitment = flipHex(r, C.seed_commitment))],
    ["commitment.title", () => (C.title += "!")],
    ["commitment.recipients", () => (C.recipients += 1)],
    ["commitment.reserves", () => (C.reserves += 1)],
    ["commitment.pot.surplus_cents", () => (C.pot.surplus_cents += 1)],
    ["commitment.pot.grant_months", () => (C.pot.grant_months += 1)],
    ["commitment.candidates.count", () => (C.candidates.count += 1)],
    ["commitment.candidates.total_weight", () => (C.candidates.total_weight = String(BigInt(C.candidates.total_weight) + 1n))],
    ["commitment.pot.min_recipients", () => (C.pot.min_recipients = C.recipients + 1)],
    ["commitment.pot.max_recipients", () => (C.pot.max_recipients = 0)],
    ["commitment.pot.amount_cents", () => (C.pot.amount_cents = C.recipients * C.pot.grant_cents - 1)],
    ["commitment.pot.grant_cents", () => (C.pot.grant_cents = 0)],
    ["commitment.recipients zero", () => (C.recipients = 0)],
    ["commitment.entropy_plan", () => (C.entropy_plan[0].label = "zz")],
    ["entries[].weight", () => (E[r.int(0, E.length - 1)].weight += 1)],
    ["entries[].leaf", () => { const e = E[r.int(0, E.length - 1)]; e.leaf = flipHex(r, e.leaf); }],
    ["entries swapped", () => { const a = r.int(0, E.length - 2); [E[a], E[a + 1]] = [E[a + 1], E[a]]; }],
    ["result[].index", () => (t.result[j].index = (t.result[j].index + 1) % E.length)],
    ["result[].position", () => (t.result[j].position += 1)],
    ["result[].rank", () => (t.result[j].rank += 1)],
    ["result[].weight", () => (t.result[j].weight += 1)],
    ["result[].leaf", () => (t.result[j].leaf = flipHex(r, t.result[j].leaf))],
    ["result[].role", () => (t.result[j].role = t.result[j].role === "recipient" ? "reserve" : "recipient")],
    ["result dropped", () => t.result.splice(j, 1)],
    ["entropy[].label", () => (t.entropy[r.int(0, t.entropy.length - 1)].label += "x")],
    ["entropy dropped", () => t.entropy.splice(r.int(0, t.entropy.length - 1), 1)],
    ["entropy[].value", () => {
      const i = r.int(0, t.entropy.length - 1);
      const e = t.entropy[i];
      if (e.kind === "text") e.value += r.pick(["!", "\u00e9", "\u0007", ""]);
      else if (e.kind === "numbers") {
        // Another spelling of the same numbers, or other numbers: both fail (SPEC §14.2).
        const ns = e.value.split(" ");
        const m = r.int(0, 3);
        if (m === 0) e.value = "0" + e.value;
        else if (m === 1) e.value = ns.reverse().join(" ");
        else if (m === 2) e.value = ns.join(", ");
        else e.value = ns.map((x, i) => (i === 0 ? String(BigInt(x) + 1n) : x)).join(" ") + " 0";
      } else {
        const p = r.int(0, e.value.length - 1);
        const c = r.pick(["1", "2", "0", "9", "7", "a", " "]);
        e.value = e.value.slice(0, p) + c + e.value.slice(p + 1);
      }
    }],
    ["entropy[].kind", () => (t.entropy[r.int(0, t.entropy.length - 1)].kind = r.pick(["drand", "text", "dice"]))],
    ["member removed", () => delete t[r.pick(["seed", "draw_seed", "result"])]],
    ["float weight", () => (E[0].weight = 1.5)],
  ];
  void plan;
  const [what, f] = r.pick(choices);
  f();
  return what;
}

async function oneDraw(r, dir, stats) {
  mkdirSync(dir, { recursive: true });
  const n = r.int(5, 300);
  const weighted = r.next() < 0.8;
  const lines = [weighted ? "id,weight,name" : "id,name"];
  for (let i = 0; i < n; i++) {
    const id = r.next() < 0.1 ? `Rene\u0301-${i}` : `P-${i}`;
    lines.push(weighted ? `${id},${r.int(1, 5)},x` : `${id},x`);
  }
  writeFileSync(path.join(dir, "c.csv"), lines.join("\n") + "\n");
  const k = r.int(1, Math.min(9, n));
  const res = r.int(0, Math.min(5, n - k));
  const monthly = r.int(1, 20) * 100;
  const months = r.int(1, 12);
  const euros = k * monthly * months + r.int(0, 3) * 1000;
  const plan = [];
  const nsrc = r.int(1, 3);
  for (let s = 0; s < nsrc; s++) {
    if (r.next() < 0.6) plan.push({ label: `dice-${s}`, kind: "dice", dice: r.int(1, 30), faces: r.pick([6, 10]) });
    else plan.push({ label: `numbers.${s}`, kind: "numbers", count: r.int(1, 8) });
  }
  const out = path.join(dir, "o");
  const c = await run(["commit", "--candidates", path.join(dir, "c.csv"), "--pot", String(euros), "--grant-monthly", String(monthly), "--months", String(months), "--min", "1", "--max", "9", "--recipients", String(k), "--reserves", String(res), "--title", `Random ${n}`, ...plan.flatMap((p) => ["--entropy", p.kind === "dice" ? `dice:${p.label}:${p.dice}d${p.faces}` : `numbers:${p.label}:${p.count}`]), "--out", out]);
  assert.equal(c.code, 0, c.stderr);
  // Numbers as people type them: any order, commas, leading zeros; draw records the canonical form.
  const typed = (count) => Array.from({ length: count }, () => "0".repeat(r.int(0, 1)) + String(r.int(0, 45))).join(r.pick([" ", ", ", ";", "  "]));
  const values = plan.map((p) => (p.kind === "dice" ? Array.from({ length: p.dice }, () => (p.faces === 6 ? r.int(1, 6) : r.int(0, 9))).join("") : typed(p.count)));
  const tfile = path.join(dir, "t.json");
  const d = await run(["draw", "--commitment", path.join(out, "public", "commitment.json"), "--seed", path.join(out, "private", "seed"), ...plan.flatMap((p, i) => ["--entropy", `${p.label}=${values[i]}`]), "--out", tfile]);
  assert.equal(d.code, 0, d.stderr);
  const bytes = readFileSync(tfile);
  const pub = readFileSync(path.join(out, "public", "commitment.json"));
  const [rv, jv] = await Promise.all([run(["verify", tfile, "--commitment", path.join(out, "public", "commitment.json"), "--json"]), V.verifyTranscript(bytes, { publishedCommitment: pub })]);
  assert.equal(rv.code, 0, rv.stdout);
  const rj = JSON.parse(rv.stdout);
  assert.equal(jv.outcome, "verified", JSON.stringify(jv.checks.at(-1) || jv.unusable));
  assert.equal(jv.transcript_digest, rj.transcript_digest);
  assert.equal(jv.commitment_digest, rj.commitment_digest);
  assert.deepEqual(jv.checks.map((x) => x.check), rj.checks.map((x) => x.check));
  assert.deepEqual(jv.recipients, rj.recipients);
  assert.deepEqual(jv.reserves, rj.reserves);

  // one receipt, checked in JS against the CLI's `check`
  const receipts = readFileSync(path.join(out, "private", "receipts.jsonl"), "utf8").split("\n").filter((l) => l);
  const rc = JSON.parse(r.pick(receipts));
  const [pj, pr] = await Promise.all([V.participantCheck(jv, rc.id, rc.code), run(["check", tfile, "--id", rc.id, "--code", rc.code, "--json"])]);
  const prj = JSON.parse(pr.stdout);
  assert.equal(pj.ticket, prj.ticket);
  assert.equal(pj.outcome, prj.outcome);
  assert.equal(pj.rank ?? null, prj.rank);
  assert.equal(pj.weight ?? null, prj.weight);
  assert.equal(pj.in_draw, prj.in_draw);
  // the same id typed in lower case (§8.4, informative): the same suggestion, or the same answer
  const lower = rc.id.toLowerCase();
  const [lj, lr] = await Promise.all([V.participantCheck(jv, lower, rc.code), run(["check", tfile, "--id", lower, "--code", rc.code, "--json"])]);
  const lrj = JSON.parse(lr.stdout);
  assert.equal(lj.outcome, lrj.outcome, lower);
  assert.equal(lj.suggestion ?? null, lrj.suggestion ?? null, lower);

  // a tamper
  const t = JSON.parse(bytes.toString("utf8"));
  let what = tamper(r, t, plan);
  if (what.startsWith("commitment.") && what !== "commitment.digest" && r.next() < 0.6) {
    // re-make the commitment digest so that the later checks (counts, pot, …) are reached
    const body = await V.parseJSON(JSON.stringify(t.commitment));
    body.delete("digest");
    t.commitment.digest = await V.Hhex(V.TAGS.commitment, V.jcsBytes(body));
    what += " (re-digested)";
  } else if (what.startsWith("entries") && r.next() < 0.6) {
    const body = await V.parseJSON(JSON.stringify(t.commitment));
    body.delete("digest");
    t.commitment.digest = await V.Hhex(V.TAGS.commitment, V.jcsBytes(body));
    what += " (re-digested)";
  }
  const bad = path.join(dir, "bad.json");
  const badText = JSON.stringify(t, null, r.next() < 0.5 ? 2 : 0);
  writeFileSync(bad, badText);
  const [rb, jb] = await Promise.all([run(["verify", bad, "--json"]), V.verifyTranscript(badText)]);
  const rbj = JSON.parse(rb.stdout);
  const rOutcome = rb.code === 0 ? "verified" : rb.code === 1 ? "failed" : "unusable";
  const ctx = `${what}: rust ${rb.stdout.slice(0, 400)} js ${JSON.stringify(jb.checks.at(-1) || jb.unusable)}`;
  assert.equal(jb.outcome, rOutcome, ctx);
  if (rOutcome === "failed") assert.equal(jb.failed_check, rbj.failed_check, ctx);
  if (rOutcome === "verified") assert.equal(jb.transcript_digest, rbj.transcript_digest, ctx);
  const key = `${what} → ${rOutcome === "failed" ? rbj.failed_check : rOutcome}`;
  stats[key] = (stats[key] || 0) + 1;
  rmSync(dir, { recursive: true, force: true });
}

test(`${DRAWS} random CLI draws agree with the JS verifier (seed ${SEED})`, { timeout: 600_000 }, async () => {
  assert.ok(existsSync(BIN), `${BIN} is missing: run cargo build --release -p potdraw-cli first`);
  const base = mkdtempSync(path.join(tmpdir(), "potdraw-web-"));
  const r = rng(SEED);
  const stats = {};
  let next = 0;
  const t0 = Date.now();
  const lanes = Math.max(2, Math.min(4, availableParallelism()));
  // each lane gets its own PRNG derived from the main one, so the run is reproducible per seed
  const seeds = Array.from({ length: DRAWS }, () => r.int(0, 2 ** 31 - 1));
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < DRAWS) {
        const i = next++;
        await oneDraw(rng(seeds[i]), path.join(base, String(i)), stats);
      }
    }),
  );
  rmSync(base, { recursive: true, force: true });
  const summary = Object.entries(stats).sort().map(([k2, v]) => `  ${v}\t${k2}`).join("\n");
  console.log(`# ${DRAWS} draws in ${((Date.now() - t0) / 1000).toFixed(1)} s (seed ${SEED}); tampers:\n${summary}`);
  assert.ok(Object.keys(stats).some((k2) => k2.includes("failed") || k2.includes("→")));
});

// ---------------------------------------------------------------- the RFC 3797 method (SPEC §12)
// At least 200 random RFC 3797 draws (`commit --method rfc3797`, `draw` without --seed),
// each verified by both verifiers and tampered once. POTDRAW_WEB_RFC_DRAWS sets the number.

const RFC_DRAWS = Number(process.env.POTDRAW_WEB_RFC_DRAWS || 200);

/** A random lottery-like source as a person might type it, and the numbers in it. */
function randomNumbers(r) {
  const count = r.int(1, 8);
  const nums = [];
  for (let i = 0; i < count; i++) {
    const x = r.next();
    if (x < 0.6) nums.push(String(r.int(0, 99)));
    else if (x < 0.8) nums.push(String(r.int(0, 9999)).padStart(4, "0")); // a printed daily number: 0927
    else nums.push(Array.from({ length: r.int(10, 20) }, () => r.int(0, 9)).join("")); // at most 20 digits (§12.9)
  }
  const sep = r.pick([" ", ", ", ",", "  "]);
  return nums.join(sep);
}

/** One random single-field change to an RFC 3797 transcript object; returns a description. */
function tamperRfc(r, t) {
  const C = t.commitment;
  const E = C.candidates.entries;
  const j = r.int(0, t.result.length - 1);
  const src = () => t.entropy[r.int(0, t.entropy.length - 1)];
  const choices = [
    ["key digit", () => {
      const ds = [...t.key].map((c, i) => (c >= "0" && c <= "9" ? i : -1)).filter((i) => i >= 0);
      const p = r.pick(ds);
      t.key = t.key.slice(0, p) + String((Number(t.key[p]) + r.int(1, 9)) % 10) + t.key.slice(p + 1);
    }],
    ["key unsorted", () => (t.key = t.key.split("/").map((s) => s.split(".").reverse().join(".")).join("/"))],
    ["key letter", () => (t.key += "x")],
    ["key removed", () => delete t.key],
    ["seed added", () => (t.seed = "00".repeat(32))],
    ["draw_seed added", () => (t.draw_seed = "00".repeat(32))],
    ["commitment.seed_commitment added", () => (C.seed_commitment = "00".repeat(32))],
    ["commitment.format v1", () => (C.format = "potdraw/commitment/v1")],
    ["format v1", () => (t.format = "potdraw/transcript/v1")],
    ["commitment.digest", () => (C.digest = flipHex(r, C.digest))],
    ["commitment.title", () => (C.title += "!")],
    ["commitment.recipients", () => (C.recipients += 1)],
    ["commitment.reserves", () => (C.reserves += 1)],
    ["commitment.pot.surplus_cents", () => (C.pot.surplus_cents += 1)],
    ["commitment.pot.grant_months", () => (C.pot.grant_months += 1)],
    ["commitment.candidates.count", () => (C.candidates.count += 1)],
    ["commitment.candidates.total_weight", () => (C.candidates.total_weight = String(BigInt(C.candidates.total_weight) + 1n))],
    ["commitment.pot.min_recipients", () => (C.pot.min_recipients = C.recipients + 1)],
    ["commitment.recipients zero", () => (C.recipients = 0)],
    ["commitment.entropy_plan label", () => (C.entropy_plan[0].label = "zz")],
    ["commitment.entropy_plan kind", () => (C.entropy_plan[0].kind = r.pick(["text", "dice", "drand"]))],
    ["commitment.entropy_plan faces", () => (C.entropy_plan[0].faces = 6)],
    ["entries[].weight 2", () => (E[r.int(0, E.length - 1)].weight = 2)],
    ["entries[].leaf", () => { const e = E[r.int(0, E.length - 1)]; e.leaf = flipHex(r, e.leaf); }],
    ["entries swapped", () => { const a = r.int(0, E.length - 2); [E[a], E[a + 1]] = [E[a + 1], E[a]]; }],
    ["entries removed", () => { E.splice(r.int(0, E.length - 1), 1); C.candidates.count -= 1; C.candidates.total_weight = String(E.length); }],
    ["result[].index", () => (t.result[j].index = (t.result[j].index + 1) % E.length)],
    ["result[].position", () => (t.result[j].position += 1)],
    ["result[].rank", () => (t.result[j].rank += 1)],
    ["result[].weight", () => (t.result[j].weight += 1)],
    ["result[].leaf", () => (t.result[j].leaf = flipHex(r, t.result[j].leaf))],
    ["result[].role", () => (t.result[j].role = t.result[j].role === "recipient" ? "reserve" : "recipient")],
    ["result dropped", () => t.result.splice(j, 1)],
    ["result added", () => t.result.push({ ...t.result[j] })],
    ["entropy[].label", () => (src().label += "x")],
    ["entropy dropped", () => t.entropy.splice(r.int(0, t.entropy.length - 1), 1)],
    ["entropy reversed", () => t.entropy.reverse()],
    ["entropy[].kind", () => (src().kind = r.pick(["text", "dice", "drand", "Numbers"]))],
    ["entropy[].value digit", () => {
      const e = src();
      const p = r.int(0, e.value.length - 1);
      e.value = e.value.slice(0, p) + r.pick(["0", "1", "5", "9", "a", " ", ",", "\u0663"]) + e.value.slice(p + 1);
    }],
    ["entropy[].value leading zero", () => { const e = src(); e.value = "0" + e.value; }],
    ["entropy[].value numbers reordered", () => { const e = src(); e.value = e.value.split(" ").reverse().join(" "); }],
    ["entropy[].value extra number", () => { const e = src(); e.value += " " + r.int(0, 99); }],
    ["entropy[].value double space", () => { const e = src(); e.value = e.value.replace(" ", "  ") + (e.value.includes(" ") ? "" : " "); }],
    ["entropy[].value 101 digits", () => (src().value = "1".repeat(101))],
    ["entropy[].value empty", () => (src().value = "")],
    ["member removed", () => delete t[r.pick(["entropy", "result", "commitment"])]],
    ["float weight", () => (E[0].weight = 1.5)],
  ];
  const [what, f] = r.pick(choices);
  f();
  return what;
}

async function oneRfcDraw(r, dir, stats) {
  mkdirSync(dir, { recursive: true });
  const n = r.int(5, 200);
  const lines = [r.next() < 0.5 ? "id,name" : "id,weight,name"];
  for (let i = 0; i < n; i++) {
    const id = r.next() < 0.1 ? `Rene\u0301-${i}` : `P-${i}`;
    lines.push(lines[0].includes("weight") ? `${id},1,x` : `${id},x`);
  }
  writeFileSync(path.join(dir, "c.csv"), lines.join("\n") + "\n");
  const k = r.int(1, Math.min(9, n));
  const res = r.int(0, Math.min(5, n - k));
  const monthly = r.int(1, 20) * 100;
  const months = r.int(1, 12);
  const euros = k * monthly * months + r.int(0, 3) * 1000;
  const labels = Array.from({ length: r.int(1, 3) }, (_, s) => r.pick([`lotto-${s}`, `daily.${s}`, `${s}-x_y`]));
  const out = path.join(dir, "o");
  // §12.9: the count of each source is fixed at commit; the values are typed as people do.
  const values = labels.map(() => randomNumbers(r));
  const counts = values.map((v) => v.split(/[ ,]+/).filter((x) => x !== "").length);
  const c = await run(["commit", "--method", "rfc3797", "--candidates", path.join(dir, "c.csv"), "--pot", String(euros), "--grant-monthly", String(monthly), "--months", String(months), "--min", "1", "--max", "9", "--recipients", String(k), "--reserves", String(res), "--title", `RFC 3797 random ${n}`, ...labels.flatMap((l, i) => ["--entropy", `numbers:${l}:${counts[i]}`]), "--out", out]);
  assert.equal(c.code, 0, c.stderr);
  const tfile = path.join(dir, "t.json");
  const d = await run(["draw", "--commitment", path.join(out, "public", "commitment.json"), ...labels.flatMap((l, i) => ["--entropy", `${l}=${values[i]}`]), "--out", tfile]);
  assert.equal(d.code, 0, d.stderr);
  const bytes = readFileSync(tfile);
  const pub = readFileSync(path.join(out, "public", "commitment.json"));
  const [rv, jv] = await Promise.all([run(["verify", tfile, "--commitment", path.join(out, "public", "commitment.json"), "--json"]), V.verifyTranscript(bytes, { publishedCommitment: pub })]);
  assert.equal(rv.code, 0, rv.stdout);
  const rj = JSON.parse(rv.stdout);
  assert.equal(jv.outcome, "verified", JSON.stringify(jv.checks.at(-1) || jv.unusable));
  assert.equal(jv.method, "rfc3797-v2");
  assert.equal(jv.transcript_digest, rj.transcript_digest);
  assert.equal(jv.commitment_digest, rj.commitment_digest);
  assert.deepEqual(jv.checks.map((x) => [x.check, x.status]), rj.checks.map((x) => [x.check, x.status]));
  assert.deepEqual(jv.recipients, rj.recipients);
  assert.deepEqual(jv.reserves, rj.reserves);
  // the key the draw wrote is the key of the typed numbers (SPEC §12.1)
  const T = JSON.parse(bytes.toString("utf8"));
  assert.equal(T.key, values.map((v) => V.rfc3797SourceString(v.split(/[ ,]+/))).join(""));
  assert.equal(jv.key, T.key);

  // one receipt, checked in JS against the CLI's `check`
  const receipts = readFileSync(path.join(out, "private", "receipts.jsonl"), "utf8").split("\n").filter((l) => l);
  const rc = JSON.parse(r.pick(receipts));
  const [pj, pr] = await Promise.all([V.participantCheck(jv, rc.id, rc.code), run(["check", tfile, "--id", rc.id, "--code", rc.code, "--json"])]);
  const prj = JSON.parse(pr.stdout);
  assert.equal(pj.ticket, prj.ticket);
  assert.equal(pj.outcome, prj.outcome);
  assert.equal(pj.rank ?? null, prj.rank);
  assert.equal(pj.weight ?? null, prj.weight);
  assert.equal(pj.in_draw, prj.in_draw);
  assert.equal(pj.transcript_digest, prj.transcript_digest);

  // a tamper, sometimes with the commitment digest re-made so that later checks are reached
  let what = tamperRfc(r, T);
  if ((what.startsWith("commitment.") || what.startsWith("entries")) && what !== "commitment.digest" && r.next() < 0.6) {
    const body = await V.parseJSON(JSON.stringify(T.commitment));
    body.delete("digest");
    T.commitment.digest = await V.Hhex(T.commitment.format.includes("rfc3797") ? V.RFC3797_TAGS.commitment : V.TAGS.commitment, V.jcsBytes(body));
    what += " (re-digested)";
  }
  const bad = path.join(dir, "bad.json");
  const badText = JSON.stringify(T, null, r.next() < 0.5 ? 2 : 0);
  writeFileSync(bad, badText);
  const withPub = r.next() < 0.3;
  const [rb, jb] = await Promise.all([
    run(["verify", bad, "--json", ...(withPub ? ["--commitment", path.join(out, "public", "commitment.json")] : [])]),
    V.verifyTranscript(badText, withPub ? { publishedCommitment: pub } : {}),
  ]);
  const rbj = JSON.parse(rb.stdout);
  const rOutcome = rb.code === 0 ? "verified" : rb.code === 1 ? "failed" : "unusable";
  const ctx = `${what}: rust ${rb.stdout.slice(0, 400)} js ${JSON.stringify(jb.checks.at(-1) || jb.unusable)}`;
  assert.equal(jb.outcome, rOutcome, ctx);
  assert.equal(jb.failed_check, rbj.failed_check ?? null, ctx);
  assert.equal(jb.transcript_digest, rOutcome === "verified" ? rbj.transcript_digest : null, ctx);
  const key = `${what}${withPub ? " [P]" : ""} → ${rOutcome === "failed" ? rbj.failed_check : rOutcome}`;
  stats[key] = (stats[key] || 0) + 1;
  rmSync(dir, { recursive: true, force: true });
}

test(`${RFC_DRAWS} random RFC 3797 CLI draws agree with the JS verifier (seed ${SEED})`, { timeout: 600_000 }, async () => {
  assert.ok(existsSync(BIN), `${BIN} is missing: run cargo build --release -p potdraw-cli first`);
  const base = mkdtempSync(path.join(tmpdir(), "potdraw-web-rfc-"));
  const r = rng(SEED ^ 0x3797);
  const stats = {};
  let next = 0;
  const t0 = Date.now();
  const lanes = Math.max(2, Math.min(4, availableParallelism()));
  const seeds = Array.from({ length: RFC_DRAWS }, () => r.int(0, 2 ** 31 - 1));
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < RFC_DRAWS) {
        const i = next++;
        await oneRfcDraw(rng(seeds[i]), path.join(base, String(i)), stats);
      }
    }),
  );
  rmSync(base, { recursive: true, force: true });
  const summary = Object.entries(stats).sort().map(([k2, v]) => `  ${v}\t${k2}`).join("\n");
  console.log(`# ${RFC_DRAWS} RFC 3797 draws in ${((Date.now() - t0) / 1000).toFixed(1)} s (seed ${SEED}); tampers:\n${summary}`);
  assert.ok(Object.values(stats).reduce((a, b) => a + b, 0) === RFC_DRAWS);
});
