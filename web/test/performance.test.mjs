// A 10,000-candidate transcript made by the CLI verifies in JS, with progress,
// to the same digest as Rust; the time is printed, not asserted (a timed
// assertion fails on a busy machine and proves nothing; speed is measured
// with benches/, see benches/README.md). POTDRAW_WEB_LARGE=1 also runs
// 1,000,000 candidates (slow).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT } from "./helpers.mjs";
import * as V from "../potdraw-verify.js";

const BIN = path.join(ROOT, "target/release/potdraw");

function makeDraw(dir, n) {
  const lines = ["id,weight"];
  for (let i = 0; i < n; i++) lines.push(`M-${i},${(i % 7) + 1}`);
  writeFileSync(path.join(dir, "c.csv"), lines.join("\n") + "\n");
  execFileSync(BIN, ["commit", "--candidates", path.join(dir, "c.csv"), "--pot", "108000", "--entropy", "dice:room:20d6", "--entropy", "numbers:lotto:3", "--out", path.join(dir, "o")]);
  execFileSync(BIN, ["draw", "--commitment", path.join(dir, "o/public/commitment.json"), "--seed", path.join(dir, "o/private/seed"), "--entropy", "room=12345612345612345612", "--entropy", "lotto=1 2 3", "--out", path.join(dir, "t.json")]);
  return readFileSync(path.join(dir, "t.json"));
}

async function timed(n) {
  assert.ok(existsSync(BIN), `${BIN} is missing: run cargo build --release -p potdraw-cli first`);
  const dir = mkdtempSync(path.join(tmpdir(), "potdraw-web-perf-"));
  try {
    const bytes = makeDraw(dir, n);
    const progress = [];
    const t0 = performance.now();
    const rep = await V.verifyTranscript(bytes, { onProgress: (p) => progress.push(p.phase) });
    const ms = performance.now() - t0;
    assert.equal(rep.outcome, "verified", JSON.stringify(rep.checks.at(-1) || rep.unusable));
    const rust = JSON.parse(execFileSync(BIN, ["verify", path.join(dir, "t.json"), "--json"], { maxBuffer: 1 << 30 }).toString());
    assert.equal(rep.transcript_digest, rust.transcript_digest);
    console.log(`# ${n} candidates (${(bytes.length / 1e6).toFixed(1)} MB): JS verification ${ms.toFixed(0)} ms`);
    assert.ok(progress.includes("done"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("10,000 candidates verify, with progress, to Rust's digest", () => timed(10_000));

test("1,000,000 candidates verify with progress", { skip: !process.env.POTDRAW_WEB_LARGE, timeout: 600_000 }, () => timed(1_000_000));
