// potdraw-verify.js: an independent verifier for potdraw protocol v1–v3
// (§14), v4 (§17, several lists) and v5 (§19, their display names), and for the RFC 3797 method (SPEC §12),
// written from docs/SPEC.md alone. Plain JavaScript (ES2020), no dependencies.
// Runs in the browser (inlined into verify.html by web/build.mjs) and under
// Node >= 20, where this file gathers its parts:
//
//   src/protocol.js     the primitives (§2–§6, §12.1, §4.3)
//   src/documents.js    the documents and their checks (§7, §8)
//   src/lists.js        several lists and their display names (§17, §19)
//   src/amendments.js   the record of substitutions (§15)
//   src/participant.js  the participant check and its sentences (§8.4, §15.5, §17.9)
//
// The page itself is src/engine.js (verification in a Web Worker) and
// src/page.js (what the resident sees), built into the page only.
export * from "./src/protocol.js";
export * from "./src/documents.js";
export * from "./src/lists.js";
export * from "./src/amendments.js";
export * from "./src/participant.js";
