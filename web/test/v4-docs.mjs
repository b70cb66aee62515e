// Builds v4 and v5 documents (SPEC §17, §19) in JavaScript, for tests of the checks'
// order and the unusable rules. Each step is the SPEC's formula written with
// the verifier's primitives (H, JCS, select), so a document built here says
// nothing about agreement with Rust: fixtures/v4/ and the CLI draws do that.
import * as V from "../potdraw-verify.js";

/** A small deterministic PRNG of bytes (not a CSPRNG: tests only). */
export function byteRng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return {
    next,
    int: (lo, hi) => lo + (next() % (hi - lo + 1)),
    bytes: (n) => Uint8Array.from({ length: n }, () => next() & 0xff),
  };
}

/** A consistent pot for k recipients: grants of € 1.000,00 × 12, min 1, max 9, surplus `extra` cents. */
export const potFor = (k, extra = 500000) => ({ amount_cents: k * 1200000 + extra, grant_monthly_cents: 100000, grant_months: 12, grant_cents: 1200000, min_recipients: 1, max_recipients: 9, surplus_cents: extra });

/** The commitment digest of §4.5 for a commitment given as a plain object. */
export async function digestOf(commitment) {
  const body = await V.parseJSON(JSON.stringify(commitment));
  body.delete("digest");
  return V.toHex(await V.H(V.TAGS.commitment, V.jcsBytes(body)));
}

/**
 * spec: {title?, plan?, values?, previous?, lists: [{name, display?, rule, pot?, companions_of?,
 * recipients, reserves, candidates: [{id, weight?}]}]}. Returns {commitment,
 * transcript, receipts} as plain objects (receipts: potdraw/receipt/v2). A
 * spec whose lists have display names gives version 5 (SPEC §19): every list
 * then carries `display` (its name when the spec gives none).
 */
export async function buildV4(spec, seed = 1) {
  const r = byteRng(seed);
  const plan = spec.plan || [{ label: "room", kind: "dice", dice: 10, faces: 6 }, { label: "lotto-2026-12-05", kind: "numbers", count: 6 }];
  const values = spec.values || ["3141526354", "3 14 15 22 35 41"];
  const drawSecret = r.bytes(32);
  const receipts = [];
  const lists = [];
  const v5 = spec.lists.some((L) => L.display != null);
  for (const L of spec.lists) {
    const entries = [];
    let total = 0n;
    for (let j = 0; j < L.candidates.length; j++) {
      const c = L.candidates[j];
      const salt = r.bytes(16);
      const weight = c.weight ?? 1;
      const leaf = V.toHex(await V.leafOfV4(L.name, c.id, salt));
      entries.push({ leaf, weight });
      total += BigInt(weight);
      receipts.push({ list: L.name, id: c.id.normalize("NFC"), salt, leaf, weight, line: j + 2 });
    }
    entries.sort((x, y) => (x.leaf < y.leaf ? -1 : 1));
    const o = { name: L.name, ...(v5 ? { display: L.display ?? L.name } : {}), rule: L.rule };
    if (L.rule === "pot") o.pot = L.pot || potFor(L.recipients);
    if (L.rule === "companions") o.companions_of = L.companions_of;
    Object.assign(o, { recipients: L.recipients, reserves: L.reserves, candidates: { count: entries.length, total_weight: String(total), entries } });
    lists.push(o);
  }
  const commitment = {
    format: v5 ? "potdraw/commitment/v5" : "potdraw/commitment/v4",
    title: spec.title ?? "Reisgezelschap Zuid, december 2026",
    created_at: "2026-12-01T12:00:00Z",
    seed_commitment: V.toHex(await V.seedCommitmentOf(drawSecret)),
    entropy_plan: plan,
    lists,
    ...(spec.previous ? { previous: spec.previous } : {}),
    digest: "",
  };
  commitment.digest = await digestOf(commitment);
  const D = V.fromHex(commitment.digest);
  const entropy = plan.map((p, i) => ({ label: p.label, kind: p.kind, value: values[i] }));
  const ed = await V.entropyDigest(entropy);
  const ds = await V.drawSeedOf(D, drawSecret, ed);
  const tlists = [];
  for (const L of lists) {
    const ls = await V.listSeedOf(ds, L.name);
    const E = L.candidates.entries;
    const picks = V.select(ls, E.map((e) => e.weight), L.recipients + L.reserves);
    const result = picks.map((x, j) => ({ position: j + 1, role: j < L.recipients ? "recipient" : "reserve", rank: j < L.recipients ? j + 1 : j - L.recipients + 1, index: x, leaf: E[x].leaf, weight: E[x].weight }));
    tlists.push({ name: L.name, list_seed: V.toHex(ls), result });
  }
  const transcript = { format: v5 ? "potdraw/transcript/v5" : "potdraw/transcript/v4", commitment, seed: V.toHex(drawSecret), entropy, entropy_digest: V.toHex(ed), draw_seed: V.toHex(ds), lists: tlists };
  const full = receipts.map((x) => ({ format: "potdraw/receipt/v2", commitment_digest: commitment.digest, title: commitment.title, list: x.list, id: x.id, salt: V.toHex(x.salt), leaf: x.leaf, weight: x.weight, code: V.encodeCode(x.salt, D).code, line: x.line, columns: {} }));
  return { commitment, transcript, receipts: full };
}

/** A travelling group: 12 candidates in `ontvangers` (rule pot, k = 5, r = 3) and 9 volunteers in `reisgenoten` (companions, r = 2). */
export const TRAVEL = {
  lists: [
    { name: "ontvangers", rule: "pot", recipients: 5, reserves: 3, candidates: Array.from({ length: 12 }, (_, i) => ({ id: `ZUID-${String(i + 1).padStart(3, "0")}`, weight: 1 + (i % 3 === 0 ? 1 : 0) })) },
    { name: "reisgenoten", rule: "companions", companions_of: "ontvangers", recipients: 5, reserves: 2, candidates: Array.from({ length: 9 }, (_, i) => ({ id: `LID-${i + 1}` })) },
  ],
};

/** Display names people give lists (SPEC §19.2), some beyond ASCII. */
const DISPLAYS = ["Noord", "Zuid – Rivierenwijk", "Reisgenoten Noord", "Café De Kroeg", "Wijk 3 (oost)", "Daniëlsbuurt", "Ōsaka-buurt", "𝔑𝔬𝔬𝔯𝔡", "北区", "Reisgenoten Zuid", "a", "x".repeat(64)];

const NAMES = ["ontvangers", "reisgenoten", "kanaleneiland", "overvecht", "overvecht-reisgenoten", "zuid.2026", "noord_1", "0-west", "interviews", "a", "lijst-9", "x.y_z-0"];

/**
 * A random v4 spec for buildV4: 2 to 5 lists (rarely 16), rules fixed, pot and
 * companions (of an earlier fixed or pot list), weights 1 to 5 (rarely up to
 * 2^32 − 1), ids with NFD forms, and a plan of dice and counted numbers.
 * `r` is a PRNG with int(lo, hi) (inclusive) and next() in [0, 1).
 */
export function randomSpec(r) {
  const nlists = r.next() < 0.03 ? 16 : r.int(2, 5);
  const names = [];
  while (names.length < nlists) {
    const n = nlists > NAMES.length ? `lijst-${names.length}` : NAMES[r.int(0, NAMES.length - 1)];
    if (!names.includes(n)) names.push(n);
  }
  const lists = [];
  for (let i = 0; i < nlists; i++) {
    const heads = lists.filter((L) => L.rule !== "companions");
    const rule = i > 0 && heads.length && r.next() < 0.45 ? "companions" : r.next() < 0.5 ? "pot" : "fixed";
    const of = rule === "companions" ? heads[r.int(0, heads.length - 1)] : null;
    const k = of ? of.recipients : r.int(1, nlists > 5 ? 3 : 9);
    const n = k + r.int(0, nlists > 5 ? 4 : 40);
    const reserves = r.int(0, n - k);
    const heavy = r.next() < 0.1;
    const candidates = Array.from({ length: n }, (_, j) => ({
      id: r.next() < 0.1 ? `Rene\u0301-${i}-${j}` : `P-${i}-${j}`,
      weight: heavy && r.next() < 0.3 ? r.int(1, 2 ** 32 - 1) : r.int(1, 5),
    }));
    const L = { name: names[i], rule, recipients: k, reserves, candidates };
    if (rule === "pot") L.pot = potFor(k, r.int(0, 3) * 100000);
    if (of) L.companions_of = of.name;
    lists.push(L);
  }
  const plan = [];
  const values = [];
  if (r.next() < 0.8) {
    const faces = r.next() < 0.5 ? 6 : 10;
    const dice = r.int(1, 20);
    plan.push({ label: "room", kind: "dice", dice, faces });
    values.push(Array.from({ length: dice }, () => (faces === 6 ? r.int(1, 6) : r.int(0, 9))).join(""));
  }
  if (!plan.length || r.next() < 0.7) {
    const count = r.int(1, 8);
    plan.push({ label: `lotto-${r.int(1, 9)}`, kind: "numbers", count });
    values.push(Array.from({ length: count }, () => BigInt(r.int(0, 99))).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join(" "));
  }
  // SPEC §19: some draws name their lists for people (version 5).
  if (r.next() < 0.4) {
    const pool = [...DISPLAYS];
    for (const L of lists) L.display = pool.length && r.next() < 0.9 ? pool.splice(r.int(0, pool.length - 1), 1)[0] : `Lijst ${L.name}`;
  }
  return { title: `Random v4 ${nlists} lists`, lists, plan, values };
}
