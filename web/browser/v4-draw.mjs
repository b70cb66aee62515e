// A v4 draw for the browser tests: {transcript, transcriptBytes, receipts}.
// Built in JavaScript from SPEC §17 (web/test/v4-docs.mjs) until the CLI can
// commit several lists.
import { buildV4, TRAVEL } from "../test/v4-docs.mjs";

export async function v4Draw() {
  const { transcript, receipts } = await buildV4(TRAVEL);
  return { transcript, transcriptBytes: JSON.stringify(transcript, null, 2), receipts };
}
