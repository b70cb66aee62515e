// Every vector of fixtures/amendments-v2/ (SPEC §15.7, §15.8's last paragraph)
// gets its stated outcome, failed check and final list from the JS verifier.
// The vectors are written by the Rust tool's fixture generator, so this is where
// the two independent implementations of §15.8 meet.
//
// POTDRAW_FIXTURES=DIR reads the vectors (and the transcripts they name) from
// another fixtures folder, e.g. a branch's copy before it is merged.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { FIX, readVector } from "./helpers.mjs";
import * as V from "../potdraw-verify.js";

const ROOT_FIX = process.env.POTDRAW_FIXTURES ? path.resolve(process.env.POTDRAW_FIXTURES) : FIX;
const DIR = path.join(ROOT_FIX, "amendments-v2");

/** A transcript named by a `transcript:` header: a JSON file, or a §11.2 vector file's body (§15.7). */
const transcriptBytes = (rel) => (rel.endsWith(".txt") ? readVector(path.join(ROOT_FIX, rel)).body : readFileSync(path.join(ROOT_FIX, rel)));

/** §15.7 / §15.8: the final list as the `final:` header writes it; lists separated by " | " for v4. */
function finalOf(a) {
  const one = (xs) => xs.map((f) => (f.index === null ? "-" : String(f.index))).join(" ");
  return a.lists ? a.lists.map((L) => one(L.final)).join(" | ") : one(a.final);
}

const present = existsSync(DIR);
test(`every vector of ${path.relative(process.cwd(), DIR) || DIR} has its stated outcome, failed check and final list (SPEC §15.8)`, { skip: present ? false : `${DIR} does not exist (the Rust tool's vectors for §15.8 are not on this branch yet)` }, async (t) => {
  const files = readdirSync(DIR).filter((f) => f.endsWith(".txt")).sort();
  assert.ok(files.length > 0, `${DIR} has no .txt vectors`);
  const reports = new Map();
  const wrong = [];
  const seen = { verified: 0, failed: 0, unusable: 0, v4: 0, undo: 0 };
  for (const name of files) {
    const { headers, body } = readVector(path.join(DIR, name));
    assert.equal(headers.kind, "amendments", name);
    if (!reports.has(headers.transcript)) reports.set(headers.transcript, await V.verifyTranscript(transcriptBytes(headers.transcript)));
    const report = reports.get(headers.transcript);
    assert.ok(report.verified, `${name}: the transcript ${headers.transcript} must verify`);
    const earlier = headers.earlier ? readVector(path.join(ROOT_FIX, headers.earlier)).body : null;
    const got = await V.verifyAmendments(report, body, { earlier });
    const last = got.checks.at(-1);
    const said = got.outcome === "verified" ? `verified, final ${finalOf(got)}` : got.outcome === "failed" ? `failed ${got.failed_check} at event ${last.event} (${last.what || ""}: expected ${last.expected}, found ${last.found})` : `unusable: ${got.unusable.message}`;
    let ok;
    if (headers.expect === "verified") ok = got.outcome === "verified" && finalOf(got) === headers.final;
    else if (headers.expect === "unusable") ok = got.outcome === "unusable";
    else ok = got.outcome === "failed" && `failed ${got.failed_check}` === headers.expect;
    if (!ok) wrong.push(`${name} (${headers.description || ""}): expected ${headers.expect}${headers.final ? `, final ${headers.final}` : ""}; JS says ${said}`);
    seen[got.outcome === "not-checked" ? "unusable" : got.outcome]++;
    if (report.method === "v4") seen.v4++;
    try {
      if (JSON.parse(body).events.some((e) => "undoes" in e)) seen.undo++;
    } catch {}
  }
  t.diagnostic(`${files.length} vectors: ${JSON.stringify(seen)}`);
  assert.deepEqual(wrong, [], `JS and the vectors disagree:\n${wrong.join("\n")}`);
});
