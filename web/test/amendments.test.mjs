// The amendments record (SPEC §15) in the JS verifier: every vector of
// fixtures/amendments/ gets its stated outcome and final list, and on 500
// random records over fresh random draws made by the release CLI the JS
// verifier and `potdraw verify --amendments --json` agree: the same outcome,
// the same failed check, the same digest and the same final list.
//
// Needs target/release/potdraw (`cargo build --release -p potdraw-cli`).
// POTDRAW_WEB_RECORDS sets the number of random records (default 500),
// POTDRAW_WEB_SEED the PRNG seed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync, readFileSync, rmSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { FIX, ROOT, listVectors, readVector } from "./helpers.mjs";
import * as V from "../potdraw-verify.js";

const BIN = path.join(ROOT, "target/release/potdraw");
const RECORDS = Number(process.env.POTDRAW_WEB_RECORDS || 500);
const SEED = Number(process.env.POTDRAW_WEB_SEED || Date.now() % 2 ** 31);

/** A transcript named by a vector's `transcript:` header: a JSON file, or a vector file's body (§15.7). */
function transcriptBytes(rel) {
  return rel.endsWith(".txt") ? readVector(path.join(FIX, rel)).body : readFileSync(path.join(FIX, rel));
}

test("every amendments vector has its stated outcome and final list (SPEC §15.7)", async (t) => {
  const seen = { verified: 0, failed: new Set(), unusable: 0 };
  for (const file of listVectors("amendments")) {
    const name = path.basename(file);
    const { headers, body } = readVector(file);
    assert.equal(headers.kind, "amendments", name);
    const report = await V.verifyTranscript(transcriptBytes(headers.transcript));
    assert.ok(report.verified, `${name}: the transcript must verify`);
    const earlier = headers.earlier ? readVector(path.join(FIX, headers.earlier)).body : null;
    const got = await V.verifyAmendments(report, body, { earlier });
    if (headers.expect === "verified") {
      assert.equal(got.outcome, "verified", `${name}: ${JSON.stringify(got.checks.at(-1))}`);
      assert.equal(got.final.map((f) => (f.index === null ? "-" : String(f.index))).join(" "), headers.final, name);
      seen.verified++;
    } else if (headers.expect === "unusable") {
      assert.equal(got.outcome, "unusable", name);
      seen.unusable++;
    } else {
      const check = headers.expect.replace(/^failed /, "");
      assert.ok(V.AMENDMENT_CHECKS.includes(check), `${name}: ${check}`);
      assert.equal(got.outcome, "failed", name);
      assert.equal(got.failed_check, check, `${name}: ${JSON.stringify(got.checks.at(-1))}`);
      seen.failed.add(check);
    }
  }
  assert.ok(seen.verified >= 8 && seen.unusable >= 8, JSON.stringify(seen));
  assert.deepEqual([...seen.failed].sort(), [...V.AMENDMENT_CHECKS].sort(), "a failing vector for every check");
});

test("a participant's final outcome in both languages (SPEC §15.5)", async () => {
  const report = await V.verifyTranscript(readFileSync(path.join(FIX, "example/transcript.json")));
  const rec = readVector(path.join(FIX, "amendments/valid-one-decline.txt")).body;
  const amended = await V.verifyAmendments(report, rec);
  const receipts = readFileSync(path.join(FIX, "example/receipts.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
  // Reserve 1 of the example is the third place's new holder.
  const leaf = amended.final[2].leaf;
  const r = receipts.find((x) => x.leaf === leaf);
  const check = await V.participantCheck(report, r.id, r.code);
  const o = V.amendedOutcome(check, amended);
  assert.deepEqual([o.final_outcome, o.place, o.reserve], ["moved-up", 3, 1]);
  assert.equal(V.amendedSentence(check, o, "nl"), "Uw lot zat in de trekking (gewicht 1). U was reserve 1 en bent doorgeschoven naar plaats 3: u ontvangt de schenking.");
  assert.equal(V.amendedSentence(check, o, "en"), "Your ticket was in the draw (weight 1). You were reserve 1 and moved up to place 3: you receive the grant.");
});

function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (xs) => xs[int(0, xs.length - 1)];
  return { next, int, pick };
}

function run(args) {
  return new Promise((resolve) => {
    execFile(BIN, args, { maxBuffer: 1 << 26 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === "number" ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

/** A random draw: small lists, so that the reserves run out and the selection continues. */
async function randomDraw(r, dir, rfc) {
  mkdirSync(dir, { recursive: true });
  const k = r.int(1, 4);
  const res = r.int(0, 3);
  const n = k + res + r.int(0, 5);
  const lines = ["id,weight", ...Array.from({ length: n }, (_, i) => `P-${i},${rfc ? 1 : r.int(1, 5)}`)];
  writeFileSync(path.join(dir, "c.csv"), lines.join("\n") + "\n");
  const out = path.join(dir, "out");
  const plan = rfc ? ["--entropy", "numbers:lotto:3"] : ["--entropy", "dice:room:5d6"];
  const method = rfc ? ["--method", "rfc3797"] : [];
  const c = await run(["commit", ...method, "--candidates", path.join(dir, "c.csv"), "--pot", String(12 * 9), "--grant-monthly", "1", "--months", "12", "--min", "1", "--max", "9", "--recipients", String(k), "--reserves", String(res), "--title", "Amend", ...plan, "--out", out, "--created-at", "2026-11-24T12:00:00Z"]);
  assert.equal(c.code, 0, c.stderr);
  const value = rfc ? `${r.int(0, 99)} ${r.int(0, 99)} ${r.int(0, 99)}` : Array.from({ length: 5 }, () => r.int(1, 6)).join("");
  const seed = rfc ? [] : ["--seed", path.join(out, "private", "seed")];
  const tfile = path.join(dir, "transcript.json");
  const d = await run(["draw", "--commitment", path.join(out, "public", "commitment.json"), ...seed, "--entropy", `${rfc ? "lotto" : "room"}=${value}`, "--out", tfile]);
  assert.equal(d.code, 0, d.stderr);
  return { tfile, k, res, n };
}

/** Valid events by a queue model of §15.3, then with some probability one random break. */
function randomRecord(r, digest, { k, res, n }) {
  const queue = Array.from({ length: n - k }, (_, i) => i + 1);
  const open = new Set(Array.from({ length: k }, (_, i) => i + 1));
  const events = [];
  let day = 24;
  for (let e = r.int(0, 8); e > 0; e--) {
    day += r.int(0, 2);
    const date = `2026-${day > 30 ? "12" : "11"}-${String(day > 30 ? day - 30 : day).padStart(2, "0")}`;
    const reason = r.pick(V.AMENDMENT_REASONS);
    const skippable = queue.filter((m) => m <= res);
    if (r.next() < 0.3 && skippable.length) {
      const m = r.pick(skippable);
      queue.splice(queue.indexOf(m), 1);
      events.push({ seq: events.length + 1, date, reserve: m, reason });
    } else if (open.size) {
      const place = r.pick([...open]);
      const m = queue.length ? queue.shift() : 0;
      if (!m) open.delete(place);
      events.push({ seq: events.length + 1, date, place, reason, taken_by: m });
    }
  }
  const record = { format: "potdraw/amendments/v1", transcript: digest, events };
  const breaks = [
    () => events.length && (events[r.int(0, events.length - 1)].seq += 1),
    () => events.length && (events[r.int(0, events.length - 1)].date = "2026-11-23"),
    () => events.length > 1 && (events[events.length - 1].date = "2026-11-24"),
    () => events.push({ seq: events.length + 1, date: "2026-12-31", place: r.int(0, k + 1), reason: "declined", taken_by: r.int(0, n) }),
    () => events.push({ seq: events.length + 1, date: "2026-12-31", reserve: r.int(0, res + 2), reason: "unreachable" }),
    () => events.length && events[r.int(0, events.length - 1)].place !== undefined && (events[0].taken_by = r.int(0, n)),
    () => (record.transcript = record.transcript.replace(/.$/, (c) => (c === "0" ? "1" : "0"))),
    () => events.length && (events[0].reason = "moved-away"),
    () => events.length && (events[0].name = "J. Jansen"),
    () => events.length && (events[0].date = "2026-02-30"),
    () => events.length && delete events[0].seq,
  ];
  const broken = r.next() < 0.45;
  if (broken) r.pick(breaks)();
  return record;
}

test(`JS and Rust agree on ${RECORDS} random records (SPEC §15.4)`, { timeout: 30 * 60 * 1000 }, async () => {
  assert.ok(existsSync(BIN), `${BIN} is missing: run cargo build --release -p potdraw-cli first`);
  const r = rng(SEED);
  const base = mkdtempSync(path.join(tmpdir(), "potdraw-amend-"));
  const tally = { verified: 0, failed: 0, unusable: 0, continued: 0, earlier: 0 };
  try {
    let made = 0;
    for (let d = 0; made < RECORDS; d++) {
      const rfc = d % 4 === 3;
      const draw = await randomDraw(r, path.join(base, `d${d}`), rfc);
      const report = await V.verifyTranscript(readFileSync(draw.tfile));
      assert.ok(report.verified, `seed ${SEED}, draw ${d}`);
      for (let j = 0; j < 20 && made < RECORDS; j++, made++) {
        const record = randomRecord(r, report.transcript_digest, draw);
        const text = JSON.stringify(record, null, 1);
        const file = path.join(base, `d${d}`, `rec${j}.json`);
        writeFileSync(file, text);
        // Sometimes an earlier version: a true prefix, or one with an event changed.
        let earlier = null;
        const args = ["verify", draw.tfile, "--amendments", file, "--json"];
        if (r.next() < 0.25 && Array.isArray(record.events) && record.events.length) {
          const old = structuredClone(record);
          old.events = old.events.slice(0, r.int(0, old.events.length));
          if (old.events.length && r.next() < 0.4) old.events[0].reason = old.events[0].reason === "declined" ? "unreachable" : "declined";
          earlier = JSON.stringify(old);
          const ofile = path.join(base, `d${d}`, `old${j}.json`);
          writeFileSync(ofile, earlier);
          args.push("--earlier", ofile);
          tally.earlier++;
        }
        const [rust, js] = await Promise.all([run(args), V.verifyAmendments(report, text, { earlier })]);
        const what = `seed ${SEED}, draw ${d}, record ${j}: ${text}`;
        const rj = JSON.parse(rust.stdout);
        if (js.outcome === "unusable") {
          assert.equal(rust.code, 2, what);
          assert.equal(rj.unusable, true, what);
          tally.unusable++;
          continue;
        }
        const ra = rj.amendments;
        assert.equal(ra.verified, js.verified, what);
        assert.equal(ra.failed_check, js.failed_check, what);
        if (js.verified) {
          assert.equal(rust.code, 0, what);
          assert.equal(ra.digest, js.digest, what);
          assert.deepEqual(ra.final, js.final, what);
          assert.deepEqual(ra.reasons, js.reasons, what);
          tally.verified++;
          if (js.final.some((f) => f.holder === "continued")) tally.continued++;
        } else {
          assert.equal(rust.code, 1, what);
          const rf = ra.checks.at(-1);
          const jf = js.checks.at(-1);
          assert.equal(rf.event, jf.event, what);
          tally.failed++;
        }
      }
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
  console.log(`seed ${SEED}: ${JSON.stringify(tally)}`);
  assert.ok(tally.verified > RECORDS / 5 && tally.failed > RECORDS / 10 && tally.unusable > 0 && tally.continued > 0, JSON.stringify(tally));
});
