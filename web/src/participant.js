// web/src/participant.js: the participant check (SPEC §8.4, §15.5, §17.9):
// a ticket's answer from an id and a code or a receipt, its final outcome
// after substitutions, and the sentences `potdraw check` says.
// Part of potdraw's independent verifier, written from docs/SPEC.md alone;
// web/build.mjs inlines the parts, in order, into the single offline page
// web/verify.html (imports between the parts are dropped there), and
// web/potdraw-verify.js gathers them for Node.

import { CodeError, FORMATS, Unusable, V4_FORMATS, codePoint, findLeaf, idProblem, idVariants, leafOf, parseJSON, readCode, toHex, trimWhiteSpace, utf8Length, visible } from "./protocol.js";
import { verifyTranscript } from "./documents.js";
import { leafOfV4, parseReceipt } from "./lists.js";

/**
 * The participant check (§8.4) on a report from verifyTranscript.
 * Returns {verified:false} for a transcript that did not verify, otherwise
 * {verified:true, ticket, in_draw, weight?, outcome: "recipient"|"reserve"|"not-drawn", rank?}, or,
 * when the code is valid for this draw but the id as typed matches no ticket,
 * {verified:true, ticket, in_draw:false, outcome:"id-mismatch", id, suggestion, suggested}:
 * `suggestion` is the variant of the id that matches (idVariants) or null, and
 * `suggested` the full answer for it. Throws CodeError for a code that cannot
 * be read (never "not in the draw").
 */
export async function participantCheck(report, id, code) {
  if (report && report._state && report._state.v4) return participantCheckV4(report, id, code); // §17.9
  if (!report || !report.verified || !report._state) return { verified: false };
  const { C, D } = report._state;
  // An id that is empty after trimming cannot be in the draw (§4.1); the page asks for it instead.
  const nid = trimWhiteSpace(String(id)).normalize("NFC");
  // §4.1: an id that no list can hold is named, not answered with "not in the draw"
  const bad = idProblem(id);
  if (bad) throw new CodeError(bad.kind, bad.cp === null ? "the id has no visible character" : `character ${bad.position} of the id (${codePoint(bad.cp)}) cannot be in an id`, { position: bad.position, codePoint: bad.cp === null ? null : codePoint(bad.cp) });
  // §4.1: an empty id, or one above 256 bytes, is named as Rust's `check` names it
  if (nid === "") throw new CodeError("id-empty", "the id is empty", {});
  if (utf8Length(nid) > 256) throw new CodeError("id-too-long", `the id is ${utf8Length(nid)} bytes, at most 256`, { bytes: utf8Length(nid), max: 256 });
  const salt = readCode(String(code), D);
  const leaf = toHex(await leafOf(nid, salt));
  const out = { verified: true, transcript_digest: report.transcript_digest, ticket: leaf };
  const i = findLeaf(C.leaves, leaf);
  if (i < 0) {
    // §8.4 (informative): read_code succeeded, so the code belongs to this
    // draw and the id as typed is most likely a typing difference: try the
    // spellings the person may have meant, with the same salt.
    for (const v of idVariants(id)) {
      const l = toHex(await leafOf(v, salt));
      const j = findLeaf(C.leaves, l);
      if (j >= 0) return { ...out, in_draw: false, outcome: "id-mismatch", id: nid, suggestion: v, suggested: answerFor(report, j, l) };
    }
    return { ...out, in_draw: false, outcome: "id-mismatch", id: nid, suggestion: null, suggested: null };
  }
  return { ...out, ...answerFor(report, i, leaf) };
}

/** The answer for entry i of a verified draw: in the draw, with weight, outcome and rank. */
function answerFor(report, i, leaf) {
  const { C, picks } = report._state;
  const out = { verified: true, transcript_digest: report.transcript_digest, ticket: leaf };
  out.in_draw = true;
  out.weight = C.weights[i];
  const j = picks.indexOf(i);
  if (j < 0) return { ...out, outcome: "not-drawn" };
  const kn = Number(C.recipients);
  return j < kn ? { ...out, outcome: "recipient", rank: j + 1 } : { ...out, outcome: "reserve", rank: j - kn + 1 };
}

/**
 * English and Dutch sentences for a participant result, as `potdraw check` says them.
 * For an id mismatch with a suggestion, `suggestedAnswer` replaces the plain
 * answer for the id meant (the page passes the final outcome of §15.5 there).
 */
export function participantSentence(res, lang = "en", suggestedAnswer = null) {
  const nl = lang === "nl";
  if (!res.verified) return nl ? "Het transcript van de loting klopt niet; over uw lot kan daarom niets worden gezegd." : "The transcript does not verify, so nothing can be said about your ticket.";
  if (res.outcome === "id-mismatch") {
    const shown = JSON.stringify(res.id);
    const head = nl
      ? `De controlecode hoort bij deze loting, maar past niet bij het id zoals u het typte: ${shown}. Typ het id precies zoals het op uw bewijsje staat, met dezelfde hoofdletters en kleine letters, spaties en streepjes.`
      : `The code is valid for this draw, but it does not match the id as you typed it: ${shown}. Type the id exactly as it is on your slip, with the same capital and small letters, spaces and hyphens.`;
    if (res.suggested) return `${head}\n${nl ? `Bedoelde u ${res.suggestion}?` : `Did you mean ${res.suggestion}?`}\n${suggestedAnswer || participantSentence(res.suggested, lang)}`;
    return `${head}\n${nl
      ? "Ook met andere hoofdletters, kleine letters, spaties of streepjes past het id bij geen enkel lot. Kijk het id op uw bewijsje na en typ het precies over. Hebt u dat gedaan en ziet u dit toch, dan zat uw lot misschien niet in de trekking: laat dit dan zien aan de organisator of een controleur."
      : "Written with other capital or small letters, spaces or hyphens, the id matches no ticket either. Check the id on your slip and type it exactly as it is printed. If you did and still see this, your ticket may not be in the draw: show this to the organiser or an auditor."}`;
  }
  if (!res.in_draw) {
    return nl
      ? "Uw lot zat NIET in de trekking: geen lot in deze loting past bij uw id en controlecode. Was u verteld dat u meedeed? Laat dit dan zien aan de organisator of een controleur."
      : "Your ticket was NOT in the draw: no ticket in this draw matches your id and code. If you were told you would take part, show this to the organiser or an auditor.";
  }
  if (typeof res.list === "string") return participantSentenceV4(res, lang); // §17.9: a ticket of a v4 list
  const head = nl ? `Uw lot zat in de trekking (gewicht ${res.weight}).` : `Your ticket was in the draw (weight ${res.weight}).`;
  if (res.outcome === "recipient") return `${head} ${nl ? `U bent getrokken als ontvanger nummer ${res.rank}.` : `You were drawn as recipient number ${res.rank}.`}`;
  if (res.outcome === "reserve") return `${head} ${nl ? `U bent getrokken als reserve nummer ${res.rank}.` : `You were drawn as reserve number ${res.rank}.`}`;
  return `${head} ${nl ? "U bent niet getrokken." : "You were not drawn."}`;
}

/**
 * §15.5, §15.8 (and §17.9 for v4, per list): a participant's final outcome,
 * given participantCheck's result and a verified record: {final_outcome,
 * place, reserve, reason?, date?, list?, companion_of?, restored?}, or null
 * when the ticket is not in the draw. Undone events made nobody leave;
 * `restored` names the last undone event that had made this person leave.
 */
export function amendedOutcome(check, amended) {
  if (!check.verified || !check.in_draw || !amended.verified) return null;
  const { A, v4, lists, undone } = amended._state;
  const li = v4 ? lists.findIndex((x) => x.name === check.list) : 0;
  if (li < 0) return null;
  const X = lists[li];
  const base = v4 ? { list: X.name, rule: X.rule, companions_list: X.rule === "companions" ? X.companionsOf : null, companion_of: null } : {};
  // §19.3: for a v5 draw, the display names a person is shown, beside the names
  const displayOf = (name) => {
    const Y = lists.find((x) => x.name === name);
    return Y && Y.display != null ? Y.display : undefined;
  };
  if (v4 && X.display != null) {
    base.list_display = X.display;
    if (X.rule === "companions") base.companions_list_display = displayOf(X.companionsOf);
  }
  const i = X.picks.indexOf(findLeaf(X.leaves, check.ticket));
  if (i < 0) return { ...base, final_outcome: "not-drawn", place: null, reserve: null };
  const who = BigInt(i) < X.k ? { kind: "recipient", n: BigInt(i + 1) } : { kind: "reserve", n: BigInt(i) - X.k + 1n };
  const same = (h) => h.kind === who.kind && h.n === who.n;
  const reserve = who.kind === "reserve" ? Number(who.n) : null;
  const u = [...undone].reverse().find((x) => x.li === li && same(x.left.holder));
  const restored = u ? { event: u.event, by: u.by, date: A.events[u.by - 1].date, vacate: u.left.place !== null } : null;
  const p = X.state.holders.findIndex(same);
  if (p >= 0) {
    // §17.6, §15.8: whoever holds place j of a companions list travels with place j of the list it travels with
    const companion_of = X.rule === "companions" ? { list: X.companionsOf, place: p + 1, ...(displayOf(X.companionsOf) !== undefined ? { display: displayOf(X.companionsOf) } : {}) } : null;
    const final_outcome = who.kind === "recipient" ? "recipient" : who.n <= X.r ? "moved-up" : "continued";
    return { ...base, final_outcome, place: p + 1, reserve, ...(v4 ? { companion_of } : {}), restored };
  }
  const gone = [...X.state.left].reverse().find((x) => same(x.holder));
  if (gone) return { ...base, final_outcome: gone.place !== null ? "vacated" : "skipped", place: gone.place !== null ? Number(gone.place) : null, reserve, reason: gone.reason, date: gone.date, restored: null };
  return { ...base, final_outcome: "waiting", place: null, reserve, restored };
}

/** §15.5, §15.8: the final outcome in English or Dutch, as `potdraw check --amendments` says it. */
const MONTHS = {
  nl: ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
  en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
};

/**
 * A record's date (YYYY-MM-DD, §15.2) as a person reads it: "15 december
 * 2026" / "15 December 2026", as potdraw says it (issue 28); the record keeps
 * its form. Anything else is returned as it is.
 */
export function dayText(date, lang = "en") {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const month = m && MONTHS[lang === "nl" ? "nl" : "en"][Number(m[2]) - 1];
  return month ? `${Number(m[3])} ${month} ${m[1]}` : date;
}

export function amendedSentence(res, o, lang = "en") {
  const nl = lang === "nl";
  const head = o.list
    ? nl ? `Uw lot zat in de trekking van lijst ${shown(o.list_display, o.list)} (gewicht ${nlInt(res.weight)}).` : `Your ticket was in the draw of list ${shown(o.list_display, o.list)} (weight ${res.weight}).`
    : nl ? `Uw lot zat in de trekking (gewicht ${res.weight}).` : `Your ticket was in the draw (weight ${res.weight}).`;
  const reasons = nl
    ? { declined: "ziet af", unreachable: "is niet bereikbaar", "not-eligible": "voldoet niet meer aan de voorwaarden" }
    : { declined: "declined", unreachable: "could not be reached", "not-eligible": "does not meet the eligibility rules" };
  // What holding a place means: a grant (one list, or a list with a pot), travelling
  // with a place of another list (travel companions: never a grant), or just the place (rule fixed).
  const c = o.companion_of;
  const what = c
    ? nl ? `: u reist mee met plaats ${c.place} van lijst ${shown(c.display, c.list)}.` : `: you travel with place ${c.place} of list ${shown(c.display, c.list)}.`
    : o.rule === "fixed" ? "." : nl ? ": u ontvangt de schenking." : ": you receive the grant.";
  const noGrant = c ? (nl ? " Een reisgenoot krijgt geen schenking." : " A travel companion receives no grant.") : "";
  const say = {
    recipient: () =>
      c ? (nl ? `U bent getrokken als reisgenoot nummer ${o.place}${what}` : `You were drawn as travel companion number ${o.place}${what}`)
      : nl ? `U bent getrokken als ontvanger ${o.place}${what}` : `You were drawn as recipient ${o.place}${what}`,
    "moved-up": () => (nl ? `U was reserve ${o.reserve} en bent doorgeschoven naar plaats ${o.place}${what}` : `You were reserve ${o.reserve} and moved up to place ${o.place}${what}`),
    continued: () =>
      nl
        ? `U was op de dag niet getrokken; door de trekking voort te zetten werd u reserve ${o.reserve}, en u bent doorgeschoven naar plaats ${o.place}${what}`
        : `You were not drawn on the day; continuing the selection made you reserve ${o.reserve}, and you moved up to place ${o.place}${what}`,
    vacated: () => (nl ? `U had plaats ${o.place}; die is op ${dayText(o.date, lang)} vrijgekomen: ${reasons[o.reason]}.` : `You held place ${o.place}; it was vacated on ${dayText(o.date, lang)}: ${reasons[o.reason]}.`),
    skipped: () => (nl ? `U was reserve ${o.reserve} en bent op ${dayText(o.date, lang)} overgeslagen: ${reasons[o.reason]}.` : `You were reserve ${o.reserve} and were passed over on ${dayText(o.date, lang)}: ${reasons[o.reason]}.`),
    waiting: () =>
      o.companions_list
        ? nl ? `U bent reserve ${o.reserve} van de reisgenoten van lijst ${shown(o.companions_list_display, o.companions_list)} en bent nog niet opgeroepen.` : `You are reserve ${o.reserve} of the travel companions of list ${shown(o.companions_list_display, o.companions_list)} and have not been called.`
        : nl ? `U bent reserve ${o.reserve} en bent nog niet opgeroepen.` : `You are reserve ${o.reserve} and have not been called.`,
    "not-drawn": () => (nl ? "U bent niet getrokken." : "You were not drawn."),
  };
  const holds = ["recipient", "moved-up", "continued"].includes(o.final_outcome);
  // §15.8: an undone event made nobody leave; the person it named is told so.
  const r = o.restored;
  const back = !r ? ""
    : r.vacate && holds ? (nl ? ` Gebeurtenis ${r.event}, waarin uw plaats vrijkwam, is op ${dayText(r.date, lang)} teruggedraaid: u houdt uw plaats.` : ` Event ${r.event}, which vacated your place, was undone on ${dayText(r.date, lang)}: you keep your place.`)
    : !r.vacate ? (nl ? ` Gebeurtenis ${r.event}, waarin u werd overgeslagen, is op ${dayText(r.date, lang)} teruggedraaid.` : ` Event ${r.event}, which passed you over, was undone on ${dayText(r.date, lang)}.`)
    : "";
  return `${head} ${say[o.final_outcome]()}${holds ? noGrant : ""}${back}`;
}

// ---- the participant check for v4 (§17.8, §17.9)

/**
 * §4.1, §8.4: the id as the participant check reads it: trimmed of
 * White_Space, then NFC. An id that no list can hold, an empty id, or one
 * above 256 bytes is a CodeError (as Rust's `check` names it), never "not in
 * the draw": the same rules as participantCheck's for a single list.
 */
function checkedId(id) {
  const nid = trimWhiteSpace(String(id)).normalize("NFC");
  const bad = idProblem(id);
  if (bad) throw new CodeError(bad.kind, bad.cp === null ? "the id has no visible character" : `character ${bad.position} of the id (${codePoint(bad.cp)}) cannot be in an id`, { position: bad.position, codePoint: bad.cp === null ? null : codePoint(bad.cp) });
  if (nid === "") throw new CodeError("id-empty", "the id is empty", {});
  if (utf8Length(nid) > 256) throw new CodeError("id-too-long", `the id is ${utf8Length(nid)} bytes, at most 256`, { bytes: utf8Length(nid), max: 256 });
  return nid;
}

/**
 * §19.3: the display name of the list named `name` in a v5 commitment C, for
 * a person to read; undefined for a v4 list (which is shown by its name).
 */
function shownName(C, name) {
  const X = C.lists.find((x) => x.name === name);
  return X && X.display != null ? X.display : undefined;
}

/**
 * §17.9 answer(L, i): the ticket at index i of list L of a verified v4 report.
 * For a v5 list (§19) the answer keeps the names (`list`, `companion_of.list`,
 * `companions_list`) and adds the display names a person is shown:
 * `list_display`, `companion_of.display`, `companions_list_display`.
 */
function answerV4(report, L, i, leaf) {
  const C = report._state.C;
  const picks = report._state.picksByList[L.number - 1];
  const out = { verified: true, transcript_digest: report.transcript_digest, ticket: leaf, in_draw: true, weight: L.weights[i], list: L.name, list_number: L.number, companion_of: null, companions_list: L.rule === "companions" ? L.companionsOf : null };
  if (L.display != null) {
    out.list_display = L.display;
    if (L.rule === "companions") out.companions_list_display = shownName(C, L.companionsOf);
  }
  const j = picks.indexOf(i);
  if (j < 0) return { ...out, outcome: "not-drawn" };
  const kn = Number(L.recipients);
  if (j >= kn) return { ...out, outcome: "reserve", rank: j - kn + 1 };
  // §17.6: C's recipient of rank j is the travel companion of place j of X; C's reserves belong to C.
  if (L.rule === "companions") {
    out.companion_of = { list: L.companionsOf, place: j + 1 };
    const d = shownName(C, L.companionsOf);
    if (d !== undefined) out.companion_of.display = d;
  }
  return { ...out, outcome: "recipient", rank: j + 1 };
}

const notInDrawV4 = (report, ticket) => ({ verified: true, transcript_digest: report.transcript_digest, ticket, in_draw: false, outcome: "not-in-draw", list: null, list_number: null, companion_of: null });

/**
 * §17.9 with (id, code), on a report from verifyTranscript of a v4 transcript:
 * the id and the salt read from the code are tried in each list, in order.
 * participantCheck calls it for v4 reports.
 */
export async function participantCheckV4(report, id, code) {
  if (!report || !report.verified || !report._state || !report._state.v4) return { verified: false };
  const { C, D } = report._state;
  const nid = checkedId(id);
  const salt = readCode(String(code), D);
  for (const L of C.lists) {
    const leaf = toHex(await leafOfV4(L.name, nid, salt));
    const i = findLeaf(L.leaves, leaf);
    if (i >= 0) return answerV4(report, L, i, leaf);
  }
  // §17.9 (informative), as for one list (§8.4): the code reads for this draw,
  // so an id that matches no ticket of any list is a typing difference, never
  // "not in the draw" (a phone typed zuid-017 for ZUID-017): the spellings the
  // person may have meant are tried in every list, with the same salt.
  const mismatch = { ...notInDrawV4(report, null), outcome: "id-mismatch", id: nid, suggestion: null, suggested: null };
  for (const v of idVariants(id)) {
    for (const L of C.lists) {
      const leaf = toHex(await leafOfV4(L.name, v, salt));
      const j = findLeaf(L.leaves, leaf);
      if (j >= 0) return { ...mismatch, suggestion: v, suggested: answerV4(report, L, j, leaf) };
    }
  }
  return mismatch;
}

/**
 * The participant check with a receipt (§8.4; §17.9 for v4): `input` is one
 * receipt document (text or bytes). Throws Unusable for a receipt outside the
 * syntax, and CodeError for a receipt of another version, another draw, or
 * (v4) a list that is not in the draw: never "not in the draw".
 */
export async function participantCheckReceipt(report, input) {
  const R = await parseReceipt(await parseJSON(input));
  if (!report || !report.verified || !report._state) return { verified: false };
  const v4 = !!report._state.v4;
  if (R.v2 !== v4) {
    throw new CodeError("receipt-version", v4 ? `a ${FORMATS.receipt} receipt never belongs to a draw with several lists (${V4_FORMATS.transcript})` : `a ${V4_FORMATS.receipt} receipt belongs only to a draw with several lists (${V4_FORMATS.transcript})`, { receipt: R.format });
  }
  if (R.commitmentDigest !== report.commitment_digest) throw new CodeError("receipt-other-draw", "this receipt belongs to another draw");
  if (v4) {
    const L = report._state.C.lists.find((x) => x.name === R.list);
    if (!L) throw new CodeError("receipt-unknown-list", `this receipt names a list that is not in this draw (${R.list})`, { list: R.list });
    const i = findLeaf(L.leaves, R.leaf);
    return i >= 0 ? answerV4(report, L, i, R.leaf) : notInDrawV4(report, R.leaf);
  }
  // §8.4 with a v1 receipt: its leaf in the single list
  const { C, picks } = report._state;
  const out = { verified: true, transcript_digest: report.transcript_digest, ticket: R.leaf };
  const i = findLeaf(C.leaves, R.leaf);
  if (i < 0) return { ...out, in_draw: false, outcome: "not-in-draw" };
  out.in_draw = true;
  out.weight = C.weights[i];
  const j = picks.indexOf(i);
  const kn = Number(C.recipients);
  if (j < 0) return { ...out, outcome: "not-drawn" };
  return j < kn ? { ...out, outcome: "recipient", rank: j + 1 } : { ...out, outcome: "reserve", rank: j - kn + 1 };
}

/**
 * §19.3, §2.4: a list as a person reads it: the display name of a v5 list,
 * else the name; shown with invisible characters as ⟨U+…⟩ (a display name
 * that verified has none, §19.2, but a name or display is the draw's text).
 */
const shown = (display, name) => visible(display != null ? display : name);

/** Dutch number format for whole numbers: 4.294.967.295. */
const nlInt = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");

/**
 * §17.9 (informative): the sentences of a v4 answer that is in the draw, in
 * English or Dutch; participantSentence calls it for answers that name a list.
 */
export function participantSentenceV4(res, lang = "en") {
  const nl = lang === "nl";
  // §19.3: a v5 list is called by its display name, a v4 list by its name
  const list = shown(res.list_display, res.list);
  const head = nl ? `Uw lot zat in de trekking van lijst ${list} (gewicht ${nlInt(res.weight)}).` : `Your ticket was in the draw of list ${list} (weight ${res.weight}).`;
  // A travel companion is never told they were drawn as a recipient: they
  // travel with place j of another list and receive no grant (issue 27).
  const noGrant = nl ? "Een reisgenoot krijgt geen schenking." : "A travel companion receives no grant.";
  if (res.outcome === "recipient") {
    const c = res.companion_of;
    if (c) return `${head} ${nl ? `U bent getrokken als reisgenoot nummer ${res.rank}: u reist mee met plaats ${c.place} van lijst ${shown(c.display, c.list)}.` : `You were drawn as travel companion number ${res.rank}: you travel with place ${c.place} of list ${shown(c.display, c.list)}.`} ${noGrant}`;
    return `${head} ${nl ? `U bent getrokken als ontvanger nummer ${res.rank}.` : `You were drawn as recipient number ${res.rank}.`}`;
  }
  const of = shown(res.companions_list_display, res.companions_list);
  if (res.outcome === "reserve" && res.companions_list) return `${head} ${nl ? `U bent getrokken als reserve nummer ${res.rank} van de reisgenoten van lijst ${of}.` : `You were drawn as reserve number ${res.rank} of the travel companions of list ${of}.`} ${noGrant}`;
  if (res.outcome === "reserve") return `${head} ${nl ? `U bent getrokken als reserve nummer ${res.rank}.` : `You were drawn as reserve number ${res.rank}.`}`;
  return `${head} ${nl ? "U bent niet getrokken." : "You were not drawn."}`;
}
