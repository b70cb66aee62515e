// web/src/engine.js: where the page's verification runs (issue 29). The
// engine reads the draw's files from the website, verifies them, and answers
// participant checks, keeping the verified state; the page gets plain
// results. web/build.mjs puts this part last before the page's marker, so
// the page can start a Web Worker from a Blob of everything before it.

import { CodeError } from "./protocol.js";
import { verifyAmendments } from "./amendments.js";
import { verifyTranscript } from "./documents.js";
import { amendedOutcome, participantCheck } from "./participant.js";

// ---- the engine: verification off the page's thread (issue 29)
//
// The page runs in one offline file, from file:// too, so the worker is made
// from this very script (a Blob of its text); in the worker there is no
// document, and only the part of this script before the page's marker runs. The page falls back to running
// the engine itself where a worker cannot be made.
/** The kind of document a file is by its `format` member, when it is a potdraw document: commitment, transcript, amendments, receipt. */
const DOC_KINDS = ["commitment", "transcript", "amendments", "receipt"];

/**
 * Where verification runs. The engine holds the verified report and record
 * (with their internal state) and answers participant checks; the page gets
 * plain results it can render. `engineCore` is the same code wherever it runs.
 */
function sniff(input) {
  try {
    const f = JSON.parse(typeof input === "string" ? input : new TextDecoder().decode(input)).format;
    const kind = typeof f === "string" && /^potdraw\/([a-z-]+)\/v\d+$/.exec(f);
    return typeof f === "string" ? { found_format: f.slice(0, 80), found_kind: kind && DOC_KINDS.includes(kind[1]) ? kind[1] : null } : {};
  } catch (_) {
    return {};
  }
}
export function engineCore() {
  let rep = null;
  let amd = null;
  const site = { transcript: null, published: null, amendments: null };
  return {
    /**
     * The draw's files read from the website: `urls` gives, for each kind,
     * the addresses to try in order (the page's folder; the Content-Security-
     * Policy allows its own origin only). Keeps what it read for verify
     * ("site"), and returns the name of the address that answered, per kind.
     */
    async load(urls) {
      const get = async (kind) => {
        for (const url of urls[kind] || []) {
          try {
            const r = await fetch(url, { cache: "no-cache", credentials: "same-origin", redirect: "error" });
            if (r.ok) {
              site[kind] = new Uint8Array(await r.arrayBuffer());
              return url;
            }
          } catch (_) { /* not there, or refused: the next address */ }
        }
        site[kind] = null;
        return null;
      };
      const kinds = ["transcript", "published", "amendments"];
      const found = await Promise.all(kinds.map(get));
      return Object.fromEntries(kinds.map((k, i) => [k, found[i]]));
    },
    // Each of transcript, published and amendments: bytes or text, null (none), or "site" (the one load read).
    async verify(args, onProgress) {
      const pick = (k) => (args[k] === "site" ? site[k] : args[k]);
      const transcript = pick("transcript");
      const published = pick("published");
      const amendments = pick("amendments");
      try {
        rep = await verifyTranscript(transcript, { publishedCommitment: published, onProgress });
      } catch (e) {
        rep = { outcome: "unusable", verified: false, checks: [], unusable: { document: "transcript", message: String((e && e.message) || e) } };
      }
      amd = amendments ? await verifyAmendments(rep, amendments) : null;
      // A file that cannot be read: which potdraw document it is, if any (a commitment chosen as the transcript, say).
      if (rep.unusable) Object.assign(rep.unusable, sniff(rep.unusable.document === "transcript" ? transcript : published));
      if (amd && amd.unusable) Object.assign(amd.unusable, sniff(amendments));
      return { report: rep, amended: amd };
    },
    async check(id, code) {
      try {
        const res = await participantCheck(rep, id, code);
        // §8.4: a code of this draw with an id that matches no ticket is
        // answered for the id most likely meant, if one matches; §15.5: the final outcome.
        const meant = res.outcome === "id-mismatch" ? res.suggested : res;
        const fin = meant && amd && amd.verified ? amendedOutcome(meant, amd) : null;
        return { res, fin };
      } catch (e) {
        if (e instanceof CodeError) return { codeError: { ...e, kind: e.kind, message: e.message } };
        throw e;
      }
    },
  };
}

if (typeof document === "undefined" && typeof WorkerGlobalScope !== "undefined" && self instanceof WorkerGlobalScope) {
  const core = engineCore();
  self.onmessage = async ({ data }) => {
    const { n, op } = data;
    let last = 0;
    // progress at most every 50 ms: a message per chunk would keep the page busy
    const progress = (p) => {
      const now = Date.now();
      if (p.phase === "done" || now - last >= 50) {
        last = now;
        self.postMessage({ n, progress: p });
      }
    };
    try {
      const result = op === "verify" ? await core.verify(data.args, progress) : op === "load" ? await core.load(data.urls) : await core.check(data.id, data.code);
      self.postMessage({ n, result });
    } catch (e) {
      self.postMessage({ n, error: String((e && e.message) || e) });
    }
  };
  self.postMessage({ ready: true });
}
