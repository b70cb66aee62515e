// web/src/page.js: the page the resident sees (web/verify.template.html):
// its sentences in Dutch and English, the answer card, the checks, loading
// from the website, the form. Runs on the page only, never in the worker.

import { trimWhiteSpace, visible } from "./protocol.js";
import { amendedSentence, dayText, participantSentence } from "./participant.js";
import { engineCore } from "./engine.js";

// §19.3: a list as a person is shown it: a v5 list by its display name, a v4
// list by its name. The draw's own text: where it is put on the page it goes
// through visible() (§2.4), as the title does, and only as text, never markup.
const showList = (display, name) => (display != null ? display : name);

// A display name in a right-to-left script (Arabic, Hebrew, …) is isolated
// from the sentence around it (U+2068 … U+2069, Unicode's bidirectional
// isolates), or a number beside it moves to its other side: "lijst الحي
// الشمالي: 6 loten" would read "6 :الحي الشمالي". Done where text is put on the
// page, after visible(), so the marks are the page's and not the draw's.
const RIGHT_TO_LEFT = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;
let rtlNames = [];
function isolateNamesOf(rep) {
  const names = new Set();
  for (const L of (rep && rep.lists) || []) for (const d of [L.display, L.companions_of_display]) if (d != null && RIGHT_TO_LEFT.test(d)) names.add(visible(d));
  rtlNames = [...names].sort((a, b) => b.length - a.length);
}
const bidi = (text) => (rtlNames.length && typeof text === "string" ? rtlNames.reduce((t, n) => t.split(n).join(`\u2068${n}\u2069`), text) : text);

// ---------------------------------------------------------------- the page

const TEXT = {
  en: {
    title: "Check the draw",
    lead: "This page checks a potdraw lottery draw on your own device. It works offline; nothing you load or type leaves this page.",
    step1: "Load the transcript of the draw",
    drop: "Drop the transcript file (transcript.json) here, or choose it:",
    paste: "…or paste the transcript text here:",
    pubfile: "Optional, for auditors: the commitment as published before the draw (commitment.json)",
    amendfile: "Optional: the record of substitutions after the draw (amendments.json), to see the final list of recipients",
    amend: {
      heading: "Substitutions and the final list",
      ok: (n, u) => `The record of substitutions follows the rules (${n === 1 ? "1 event" : `${n} events`}${u ? `; ${u === 1 ? "1 event was" : `${u} events were`} undone` : ""}).`,
      finalOne: "The final list of recipients:",
      finalLists: "The final list of each list of this draw:",
      listHead: (L) => `List ${L.number}: ${showList(L.display, L.name)}${L.rule === "companions" ? ` (travel companions of list ${showList(L.companions_of_display, L.companions_of)})` : ""}`,
      fail: (c, ev) => `The record of substitutions does NOT follow the rules: check ${c} failed${ev ? ` at event ${ev}` : ""}. The final list it gives cannot be trusted; the draw itself is not affected.`,
      why: {
        "place-not-drawn": "The event names a place that was not drawn.",
        "place-empty": "The event names a place that is already empty.",
        "taken-by": "The event names another reserve than the lowest-numbered reserve still waiting.",
        "reserve-not-drawn": "The event passes over a reserve that is not in the transcript.",
        "reserve-gone": "The event passes over a reserve who has already moved up or been passed over.",
        "nothing-to-undo": "There is no event in effect left to undo.",
        undoes: "An undo can only undo the most recent event still in effect.",
        "list-missing": "In a draw with several lists, every event must name its list.",
        "list-unknown": "The event names a list that is not in this draw.",
        "list-forbidden": "In a draw with one list, no event may name a list.",
      },
      eventsHead: "The events of the record, in order",
      reason: { declined: "declined", unreachable: "could not be reached", "not-eligible": "does not meet the eligibility rules" },
      event: (e, r) =>
        e.kind === "undo" ? `#${e.seq} ${dayText(e.date, "en")}: event ${e.undoes} undone`
        : `#${e.seq} ${dayText(e.date, "en")}: ${e.list ? `list ${showList(e.list_display, e.list)}, ` : ""}${e.kind === "vacate"
          ? `place ${e.place} vacated (${r}), ${e.taken_by ? `reserve ${e.taken_by} moves up` : "nobody is left to move up"}`
          : `reserve ${e.reserve} passed over (${r})`}${e.undone_by ? ` — undone by #${e.undone_by}` : ""}`,
      unusable: (m) => `The record of substitutions cannot be read: ${m}`,
      notChecked: "The record of substitutions is checked only once the draw verifies.",
      place: (f, L) => L && L.rule === "companions" && f.holder === "recipient" ? `place ${f.place}: travel companion ${f.place}` : f.holder === "recipient" ? `place ${f.place}: recipient ${f.place}` : f.holder === "empty" ? `place ${f.place}: empty, everyone on the list has been picked` : f.holder === "continued" ? `place ${f.place}: reserve ${f.reserve}, drawn by continuing the selection, stepped in` : `place ${f.place}: reserve ${f.reserve}, stepped in`,
      digest: "Digest of this version of the record",
    },
    verify: "Verify",
    step2: "Was my ticket in the draw?",
    private: "Type the id and the code from your paper. Your ticket is computed here, on this device; nothing is sent anywhere.",
    id: "Your id",
    code: "Your code (28 characters; dashes, spaces and case do not matter)",
    check: "Check my ticket",
    about: "potdraw protocol v1 and the RFC 3797 method, verified by an independent JavaScript implementation of docs/SPEC.md. A verified draw proves the result follows from the published list, seed (v1) and public randomness; it does not prove when the commitment was published — compare its full digest with the dated publication (SPEC §9.6). Time stamps (the .tsr files beside the commitment, SPEC §18) are not read here: this page does not check certificates (X.509); `potdraw verify --tsa-roots` does.",
    verified: "The draw is correct: all checks passed.",
    failed: (c, d) => `Verification failed: the check "${c}" did not pass${d ? ` (${d})` : ""}. Do not trust this result; show this page to the organiser or an auditor.`,
    unusable: (doc, m) => `This ${doc === "transcript" ? "transcript" : "published commitment"} cannot be read, so nothing was verified: ${m}`,
    unknownKind: (k, m) => `This transcript uses an entropy source of kind "${k}", which this page does not know (${m && m.startsWith("rfc3797") ? "the RFC 3797 method knows only numbers" : "protocol v1 knows only dice and text"}). This was NOT checked, and the draw is NOT verified here.`,
    passed: "ok", failedSt: "FAIL", notRun: "not run", notApplicable: "n/a",
    methodLabel: "Method",
    notes: {
      "free-text-source": "Note: this draw used a free text source, whose exact wording was not fixed before the draw. Whoever typed it, after the seed was revealed, could have tried other spellings of the same text until one drew the people they wanted, and every spelling verifies. Compare the text with its publication yourself; newer draws use published numbers instead (SPEC §9.8).",
      "room-only-plan": "Note: every public source of this draw was produced in the room (dice only). Whoever had seen the revealed seed before the roll could have tried to aim it (SPEC §9.3).",
      "uncounted-numbers": "Note: this RFC 3797 draw did not fix in advance how many numbers each source has. Whoever typed the numbers, knowing every result in advance, could have added a number (a bonus ball, say) that chose the result, and it would verify. Compare the numbers with their publication yourself; newer RFC 3797 draws fix the count (SPEC §12.9).",
    },
    method: { v1: "potdraw v1 (SHA-256, ChaCha20, committed secret seed)", v3: "potdraw v3 (as v1; published numbers recorded in one written form)", rfc3797: "RFC 3797 (MD5): the public numbers alone fix the result; no secret seed, no weights", "rfc3797-v2": "RFC 3797 (MD5), with the count of each source's numbers fixed in advance; no secret seed, no weights" },
    keyLabel: "RFC 3797 key string (from the public numbers, in plan order)",
    entropyLabel: "Public randomness, as revealed (invisible characters are shown as ⟨U+…⟩)",
    naSeed: "not applicable: the RFC 3797 method has no secret seed; the public sources alone fix the result",
    expected: "expected", found: "found",
    cdigest: "commitment digest", tdigest: "transcript digest", fingerprint: "fingerprint",
    compare: "Compare all 64 characters of the commitment digest with the one published before the draw.",
    recipients: "Recipients (by ticket)", reserves: "Reserves (by ticket)",
    needId: "Please type your id.",
    needTranscript: "Load a transcript first.",
    reading: "Reading…",
    codeErr: {
      "bad-character": (e) => `Character ${e.position} of the code ("${e.character}") is not used in codes (allowed: 0-9 and A-Z except I, L, O, U). Please check your code.`,
      length: (e) => `A code has 28 characters (not counting dashes and spaces); you typed ${e.count}. Please check your code.`,
      range: () => "The first character of a code is 0 to 7. Please check your code.",
      check: () => "The code does not match this draw: it was mistyped, or it belongs to another draw. Please check your code.",
      "id-unassigned": (e) => `Character ${e.position} of the id (${e.codePoint}) is not in Unicode 15.0, so no list can hold this id. Type the id exactly as it is on your slip.`,
      "id-empty": () => "Please type your id.",
      "id-too-long": (e) => `An id has at most ${e.max} bytes; you typed ${e.bytes}. Type the id exactly as it is on your slip.`,
      "id-invisible": (e) => e.codePoint ? `Character ${e.position} of the id (${e.codePoint}) is invisible or a format character, so no list can hold this id. Type the id exactly as it is on your slip, without copying it from elsewhere.` : "The id has no visible character. Type the id on your slip.",
    },
    desc: {
      format: "document format", "published-commitment": "the draw used exactly the published commitment",
      "commitment-digest": "the commitment's digest", "canonical-order": "tickets in canonical order",
      counts: "number of tickets and weights", pot: "pot arithmetic", "seed-commitment": "the revealed seed is the committed one",
      "entropy-plan": "the public randomness follows the announced plan", beacon: "the drand rounds are signed by their chain (none in this plan)", "draw-replay": "the draw replayed from seed and randomness",
      result: "every recipient and reserve matches the list",
    },
    descRfc: {
      "seed-commitment": "secret seed", "entropy-plan": "the public numbers follow the announced plan",
      "draw-replay": "the RFC 3797 selection replayed from the public numbers (MD5)",
    },
    // The line under each passed check, from the verifier's facts (amounts in cents).
    facts: {
      format: (f) => `${f.transcript} with ${f.commitment}`,
      "published-commitment": (f) => `the transcript holds exactly the published commitment ${f.digest}`,
      "commitment-digest": (f) => f.digest,
      "canonical-order": (f) => (f.entries === 1 ? "1 ticket" : `${num(f.entries, "en")} tickets, each after the one before in the fixed order`),
      counts: (f) => `${count(f.entries, "en", "ticket", "tickets")}, total weight ${num(f.total_weight, "en")}, ${count(f.recipients, "en", "recipient", "recipients")} and ${count(f.reserves, "en", "reserve", "reserves")}`,
      pot: (f) => `${count(f.grants, "en", "grant", "grants")} of ${money(f.grant_cents, "en")} from a pot of ${money(f.amount_cents, "en")}; ${money(f.surplus_cents, "en")} is left over`,
      "seed-commitment": () => "the revealed secret seed is the one fixed before the draw",
      "entropy-plan": (f) => (f.sources === 1 ? "1 announced source, revealed once" : `${num(f.sources, "en")} announced sources, each revealed once, in the announced order`),
      beacon: () => "no drand source in the plan",
      "draw-replay": (f) => (f.key !== undefined ? `${count(f.picks, "en", "RFC 3797 pick", "RFC 3797 picks")} replayed from the key ${f.key}` : `${count(f.picks, "en", "pick", "picks")} replayed from the draw seed ${f.draw_seed}`),
      result: (f) => `${count(f.recipients, "en", "recipient", "recipients")} and ${count(f.reserves, "en", "reserve", "reserves")} match the list`,
    },
  },
  nl: {
    title: "Controleer de loting",
    lead: "Deze pagina controleert een loting van potdraw op uw eigen apparaat. Ze werkt zonder internet; niets wat u laadt of intypt verlaat deze pagina.",
    step1: "Laad het transcript: het bestand met de hele loting",
    drop: "Sleep het transcript (transcript.json) hierheen, of kies het bestand:",
    paste: "…of plak de tekst van het transcript hier:",
    pubfile: "Optioneel, voor controleurs: de vastlegging zoals die vóór de loting is gepubliceerd (commitment.json)",
    amendfile: "Optioneel: het register van vervangingen na de loting (amendments.json), voor de definitieve lijst van ontvangers",
    amend: {
      heading: "Vervangingen en de definitieve lijst",
      ok: (n, u) => `Het register van vervangingen volgt de regels (${n === 1 ? "1 gebeurtenis" : `${n} gebeurtenissen`}${u ? `; ${u === 1 ? "1 gebeurtenis is" : `${u} gebeurtenissen zijn`} teruggedraaid` : ""}).`,
      finalOne: "De definitieve lijst van ontvangers:",
      finalLists: "De definitieve lijst van elke lijst van deze loting:",
      listHead: (L) => `Lijst ${L.number}: ${showList(L.display, L.name)}${L.rule === "companions" ? ` (reisgenoten van lijst ${showList(L.companions_of_display, L.companions_of)})` : ""}`,
      fail: (c, ev) => `Het register van vervangingen volgt de regels NIET: controle ${c} mislukt${ev ? ` bij gebeurtenis ${ev}` : ""}. De definitieve lijst die eruit volgt is niet te vertrouwen; de loting zelf blijft geldig.`,
      why: {
        "place-not-drawn": "De gebeurtenis noemt een plaats die niet is getrokken.",
        "place-empty": "De gebeurtenis noemt een plaats die al leeg is.",
        "taken-by": "De gebeurtenis noemt een andere reserve dan de reserve met het laagste nummer die nog wacht.",
        "reserve-not-drawn": "De gebeurtenis slaat een reserve over die niet in het transcript staat.",
        "reserve-gone": "De gebeurtenis slaat een reserve over die al is doorgeschoven of overgeslagen.",
        "nothing-to-undo": "Er is geen gebeurtenis meer van kracht die kan worden teruggedraaid.",
        undoes: "Alleen de laatste gebeurtenis die nog van kracht is, kan worden teruggedraaid.",
        "list-missing": "Bij een loting met meerdere lijsten moet elke gebeurtenis haar lijst noemen.",
        "list-unknown": "De gebeurtenis noemt een lijst die niet in deze loting zit.",
        "list-forbidden": "Bij een loting met één lijst mag een gebeurtenis geen lijst noemen.",
      },
      eventsHead: "De gebeurtenissen in het register, op volgorde",
      reason: { declined: "ziet af", unreachable: "is niet bereikbaar", "not-eligible": "voldoet niet meer aan de voorwaarden" },
      event: (e, r) =>
        e.kind === "undo" ? `#${e.seq} ${dayText(e.date, "nl")}: gebeurtenis ${e.undoes} teruggedraaid`
        : `#${e.seq} ${dayText(e.date, "nl")}: ${e.list ? `lijst ${showList(e.list_display, e.list)}, ` : ""}${e.kind === "vacate"
          ? `plaats ${e.place} vrijgekomen (${r}), ${e.taken_by ? `reserve ${e.taken_by} schuift door` : "er is niemand meer die kan doorschuiven"}`
          : `reserve ${e.reserve} overgeslagen (${r})`}${e.undone_by ? ` — teruggedraaid bij #${e.undone_by}` : ""}`,
      unusable: (m) => `Het register van vervangingen kan niet worden gelezen: ${m}`,
      notChecked: "Het register van vervangingen wordt pas gecontroleerd als de loting klopt.",
      place: (f, L) => L && L.rule === "companions" && f.holder === "recipient" ? `plaats ${f.place}: reisgenoot ${f.place}` : f.holder === "recipient" ? `plaats ${f.place}: ontvanger ${f.place}` : f.holder === "empty" ? `plaats ${f.place}: leeg, want iedereen op de lijst is al getrokken` : f.holder === "continued" ? `plaats ${f.place}: reserve ${f.reserve}, getrokken door de trekking voort te zetten, doorgeschoven` : `plaats ${f.place}: reserve ${f.reserve}, doorgeschoven`,
      digest: "Hash van deze versie van het register",
    },
    verify: "Controleren",
    step2: "Zat mijn lot in de trekking?",
    private: "Typ het id en de controlecode van uw bewijsje. Uw lot wordt hier, op dit apparaat, berekend; er wordt niets verstuurd.",
    id: "Uw id",
    code: "Uw controlecode (28 tekens; streepjes, spaties en hoofdletters maken niet uit)",
    check: "Controleer mijn lot",
    about: "potdraw-protocol v1 en de RFC 3797-methode, gecontroleerd door een onafhankelijke JavaScript-uitvoering van docs/SPEC.md. Een geslaagde controle bewijst dat de uitslag volgt uit de gepubliceerde lijst, de geheime startwaarde (seed, bij v1) en de publieke toevalsbron; ze bewijst niet wanneer de vastlegging is gepubliceerd. Vergelijk daarvoor de volledige hash van de vastlegging (een soort vingerafdruk van het bestand) met de gedateerde publicatie (SPEC §9.6). Tijdstempels (de .tsr-bestanden naast de vastlegging, SPEC §18) worden hier niet gelezen: deze pagina controleert geen certificaten (X.509); `potdraw verify --tsa-roots` doet dat wel.",
    verified: "De loting klopt: alle controles geslaagd.",
    failed: (c, d) => `Controle mislukt: de controle „${d || c}” is niet geslaagd. Vertrouw deze uitslag niet; laat deze pagina zien aan de organisator of een controleur.`,
    unusable: (doc, m) => `${doc === "transcript" ? "Dit transcript" : "Deze gepubliceerde vastlegging"} is niet te lezen, dus er is niets gecontroleerd: ${m}`,
    unknownKind: (k, m) => `Dit transcript gebruikt een toevalsbron van het soort "${k}", die deze pagina niet kent (${m && m.startsWith("rfc3797") ? "de RFC 3797-methode kent alleen getallen" : "protocol v1 kent alleen dobbelstenen en tekst"}). Dit is NIET gecontroleerd, en de loting is hier NIET geverifieerd.`,
    passed: "goed", failedSt: "FOUT", notRun: "niet gedaan", notApplicable: "n.v.t.",
    methodLabel: "Methode",
    notes: {
      "free-text-source": "Let op: deze loting gebruikte een vrije tekst als toevalsbron, waarvan de precieze schrijfwijze niet vooraf vastlag. Wie de tekst intypte, nadat de geheime startwaarde bekend was, had andere schrijfwijzen van dezelfde tekst kunnen proberen tot er een de gewenste mensen trok, en elke schrijfwijze klopt bij de controle. Vergelijk de tekst zelf met de publicatie; nieuwere lotingen gebruiken gepubliceerde getallen (SPEC §9.8).",
      "room-only-plan": "Let op: alle publieke toevalsbronnen van deze loting ontstonden in de zaal (alleen dobbelstenen). Wie de geheime startwaarde al gezien had voordat er gegooid werd, had kunnen proberen de worp te sturen (SPEC §9.3).",
      "uncounted-numbers": "Let op: deze RFC 3797-loting legde niet vooraf vast hoeveel getallen elke bron heeft. Wie de getallen intypte, en elke uitslag vooraf kon uitrekenen, had een getal kunnen toevoegen (bijvoorbeeld een bonusbal) dat de uitslag koos, en dat zou kloppen bij de controle. Vergelijk de getallen zelf met de publicatie; nieuwere RFC 3797-lotingen leggen het aantal vast (SPEC §12.9).",
    },
    method: { v1: "potdraw v1 (SHA-256, ChaCha20, vastgelegde geheime startwaarde)", v3: "potdraw v3 (als v1; gepubliceerde getallen in één schrijfwijze vastgelegd)", rfc3797: "RFC 3797 (MD5): alleen de publieke getallen bepalen de uitslag; geen geheime startwaarde, geen gewichten", "rfc3797-v2": "RFC 3797 (MD5), met het aantal getallen van elke bron vooraf vastgelegd; geen geheime startwaarde, geen gewichten" },
    keyLabel: "RFC 3797-sleutel (uit de publieke getallen, in de volgorde van het plan)",
    entropyLabel: "Publieke toevalsbronnen, zoals bekendgemaakt (onzichtbare tekens staan er als ⟨U+…⟩)",
    naSeed: "niet van toepassing: de RFC 3797-methode heeft geen geheime startwaarde; alleen de publieke bronnen bepalen de uitslag",
    expected: "verwacht", found: "gevonden",
    cdigest: "hash van de vastlegging", tdigest: "hash van het transcript", fingerprint: "vingerafdruk",
    compare: "Vergelijk alle 64 tekens van de hash van de vastlegging (een soort vingerafdruk van het bestand) met de hash die vóór de loting is gepubliceerd.",
    recipients: "Ontvangers (per lot)", reserves: "Reserves (per lot)",
    needId: "Typ uw id.",
    needTranscript: "Laad eerst een transcript.",
    reading: "Bezig met lezen…",
    codeErr: {
      "bad-character": (e) => `Teken ${e.position} van de code ("${e.character}") komt in codes niet voor (toegestaan: 0-9 en A-Z behalve I, L, O, U). Controleer uw code.`,
      length: (e) => `Een controlecode heeft 28 tekens (streepjes en spaties niet meegeteld); u typte er ${e.count}. Controleer uw code.`,
      range: () => "Het eerste teken van een controlecode is 0 tot en met 7. Controleer uw code.",
      check: () => "Deze code past niet bij deze loting: er is een tikfout gemaakt, of de code hoort bij een andere loting. Controleer uw code.",
      "id-unassigned": (e) => `Teken ${e.position} van het id (${e.codePoint}) hoort niet bij Unicode 15.0, dus zo'n id kan in geen enkele lijst staan. Typ het id precies zoals het op uw bewijsje staat.`,
      "id-empty": () => "Typ uw id.",
      "id-too-long": (e) => `Een id heeft hoogstens ${e.max} bytes; u typte er ${e.bytes}. Typ het id precies zoals het op uw bewijsje staat.`,
      "id-invisible": (e) => e.codePoint ? `Teken ${e.position} van het id (${e.codePoint}) is onzichtbaar of een opmaakteken, dus zo'n id kan in geen enkele lijst staan. Typ het id precies zoals het op uw bewijsje staat, zonder het ergens anders vandaan te kopiëren.` : "Het id heeft geen zichtbaar teken. Typ het id van uw bewijsje.",
    },
    desc: {
      format: "formaat van het document", "published-commitment": "de loting gebruikte precies de gepubliceerde vastlegging",
      "commitment-digest": "hash van de vastlegging", "canonical-order": "loten in de vaste volgorde",
      counts: "aantal loten en gewichten", pot: "berekening van de pot", "seed-commitment": "de onthulde geheime startwaarde (seed) is de vastgelegde",
      "entropy-plan": "de publieke toevalsbron volgt het aangekondigde plan", beacon: "de drand-rondes zijn ondertekend door hun toevalsbaken (er zijn er geen in dit plan)", "draw-replay": "de trekking nagespeeld uit de geheime startwaarde en de publieke toevalsbron",
      result: "elke ontvanger en reserve klopt met de lijst",
    },
    descRfc: {
      "seed-commitment": "geheime startwaarde", "entropy-plan": "de publieke getallen volgen het aangekondigde plan",
      "draw-replay": "de RFC 3797-trekking nagespeeld uit de publieke getallen (MD5)",
    },
    facts: {
      format: (f) => `${f.transcript} met ${f.commitment}`,
      "published-commitment": (f) => `het transcript bevat precies de gepubliceerde vastlegging ${f.digest}`,
      "commitment-digest": (f) => f.digest,
      "canonical-order": (f) => (f.entries === 1 ? "1 lot" : `${num(f.entries, "nl")} loten, elk na het vorige in de vaste volgorde`),
      counts: (f) => `${count(f.entries, "nl", "lot", "loten")}, totaal gewicht ${num(f.total_weight, "nl")}, ${count(f.recipients, "nl", "ontvanger", "ontvangers")} en ${count(f.reserves, "nl", "reserve", "reserves")}`,
      pot: (f) => `${count(f.grants, "nl", "schenking", "schenkingen")} van ${money(f.grant_cents, "nl")} uit een pot van ${money(f.amount_cents, "nl")}; er blijft ${money(f.surplus_cents, "nl")} over`,
      "seed-commitment": () => "de onthulde geheime startwaarde is de waarde die vóór de loting is vastgelegd",
      "entropy-plan": (f) => (f.sources === 1 ? "1 aangekondigde publieke toevalsbron, één keer onthuld" : `${num(f.sources, "nl")} aangekondigde publieke toevalsbronnen, elk één keer onthuld, in de aangekondigde volgorde`),
      beacon: () => "geen drand-bron in het plan",
      "draw-replay": (f) => (f.key !== undefined ? `${count(f.picks, "nl", "RFC 3797-trekking", "RFC 3797-trekkingen")} nagespeeld vanuit de sleutel ${f.key}` : `${count(f.picks, "nl", "trekking", "trekkingen")} nagespeeld vanuit de startwaarde van de trekking ${f.draw_seed}`),
      result: (f) => `${count(f.recipients, "nl", "ontvanger", "ontvangers")} en ${count(f.reserves, "nl", "reserve", "reserves")} kloppen met de lijst`,
    },
    // The verifier's English words on a failed check's lines, in Dutch; field
    // names, hashes and numbers stay as they are.
    prose: [
      [/^the digests are equal, but another member differs from the published commitment$/, "de hashes zijn gelijk, maar een ander veld verschilt van de gepubliceerde vastlegging"],
      [/^the transcript embeds a commitment other than the published one$/, "het transcript bevat een andere vastlegging dan de gepubliceerde"],
      [/^the commitment has no canonical encoding: /, "de vastlegging heeft geen vaste codering (JCS): "],
      [/^the sum of the weights is 2\^64 or more$/, "de som van de gewichten is 2^64 of meer"],
      [/^recipients \+ reserves at most the number of entries$/, "ontvangers + reserves hoogstens het aantal loten"],
      [/^pot\.grant_cents is not 0$/, "pot.grant_cents is niet 0"],
      [/^recipients within pot\.min_recipients … pot\.max_recipients$/, "het aantal ontvangers ligt tussen pot.min_recipients en pot.max_recipients"],
      [/^number of entropy sources$/, "aantal publieke toevalsbronnen"],
      [/^number of result entries$/, "aantal regels in transcript.result"],
      [/^(transcript\.entropy\[\d+\]\.kind): entropy kind (".*") is unknown to this verifier \(the RFC 3797 method knows "numbers"\); it was not checked$/, '$1: deze controle kent het soort toevalsbron $2 niet (de RFC 3797-methode kent alleen "numbers"); het is niet gecontroleerd'],
      [/^(transcript\.entropy\[\d+\]\.kind): entropy kind (".*") is unknown to this verifier \(protocol v1 knows "dice" and "text"\); it was not checked$/, '$1: deze controle kent het soort toevalsbron $2 niet (protocol v1 kent alleen "dice" en "text"); het is niet gecontroleerd'],
      [/^no "round", "signature" or "previous_signature" \(only drand sources have them\)$/, 'geen "round", "signature" of "previous_signature" (alleen drand-bronnen hebben die)'],
      [/^drand members$/, "velden van een drand-bron"],
      [/^below 2\^64$/, "onder 2^64"],
      [/^at least (\d+)$/, "minstens $1"],
      [/^at most (\d+)$/, "hoogstens $1"],
      [/^above 0$/, "boven 0"],
      [/^a leaf above ([0-9a-f]+)$/, "een lot met een hash boven $1"],
      [/^\(none\)$/, "(geen)"],
      [/^(\d+) dice of (\d+) faces$/, "$1 dobbelstenen met $2 vlakken"],
      [/^(\d+) numbers in their one canonical form: sorted ascending, no leading zeros, single spaces \(§14\.2\)$/, "$1 getallen in hun enige schrijfwijze: oplopend, zonder voorloopnullen, met enkele spaties (§14.2)"],
      [/^a non-empty text without control characters$/, "een niet-lege tekst zonder stuurtekens"],
    ],
  },
};
// Numbers and money as the reader writes them: "12,000" and "€ 12,000.00" in
// English, "12.000" and "€ 12.000,00" in Dutch (as potdraw's catalogues do).
function num(x, l) {
  return String(x).replace(/\B(?=(\d{3})+(?!\d))/g, l === "nl" ? "." : ",");
}
function money(cents, l) {
  const c = BigInt(cents);
  return `€ ${num(c / 100n, l)}${l === "nl" ? "," : "."}${String(c % 100n).padStart(2, "0")}`;
}
// A number with the form of the noun that fits it: "1 ticket", "5 tickets".
const count = (x, l, one, other) => `${num(x, l)} ${Number(x) === 1 ? one : other}`;
const CHECKS = ["format", "published-commitment", "commitment-digest", "canonical-order", "counts", "pot", "seed-commitment", "entropy-plan", "beacon", "draw-replay", "result"];

// ---- version 4, several lists (SPEC §17): the check companions after pot (§17.7), and its words in both languages, added to TEXT
CHECKS.splice(CHECKS.indexOf("pot") + 1, 0, "companions");
const fmtInt = { en: (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ","), nl: (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".") };
const fmtEuro = {
  en: (cents) => `€ ${fmtInt.en(Math.floor(cents / 100))}.${String(cents % 100).padStart(2, "0")}`,
  nl: (cents) => `€ ${fmtInt.nl(Math.floor(cents / 100))},${String(cents % 100).padStart(2, "0")}`,
};
const TEXT_V4 = {
  en: {
    method: "potdraw v4 (as v3, with several lists in one draw; each list is drawn on its own)",
    methodV5: "potdraw v5 (as v4, with a display name for each list, fixed in the commitment)",
    desc: "every list of travel companions travels with a list of this draw, with as many places",
    severalLists: "This record of substitutions cannot be used with this draw: it is of version 1 and does not say which list each substitution belongs to, and this draw has several lists. A draw with several lists needs a record of version 2 (potdraw/amendments/v2), which names the list of each substitution (SPEC §17.10, §15.8).",
    lists: {
      heading: (n) => `The ${n} lists of this draw`,
      title: (L) => `List ${L.number}: ${showList(L.display, L.name)}`,
      rule: (L) =>
        L.rule === "fixed" ? "Rule: a fixed number of recipients, chosen by the organiser before the draw."
        : L.rule === "pot" ? `Rule: as many recipients as the pot pays. ${fmtEuro.en(L.pot.amount_cents)} pays ${L.recipients.length === 1 ? "1 grant" : `${L.recipients.length} grants`} of ${fmtEuro.en(L.pot.grant_cents)}, and ${fmtEuro.en(L.pot.surplus_cents)} is left over.`
        : `Rule: the travel companions of list ${showList(L.companions_of_display, L.companions_of)}, as many as that list has recipients. Travel companion number 1 travels with place 1 of list ${showList(L.companions_of_display, L.companions_of)}, number 2 with place 2, and so on.`,
      counts: (L) => {
        const k = L.recipients.length;
        const r = L.reserves.length;
        const who = L.rule === "companions" ? (k === 1 ? "1 travel companion" : `${k} travel companions`) : k === 1 ? "1 recipient" : `${k} recipients`;
        return `From ${L.count === 1 ? "1 ticket" : `${fmtInt.en(L.count)} tickets`} with a total weight of ${fmtInt.en(L.total_weight)}, ${who} and ${r === 1 ? "1 reserve" : `${r} reserves`} were drawn.`;
      },
      pairsHeading: (L) => `Pairs by place: list ${showList(L.display, L.name)} travels with list ${showList(L.companions_of_display, L.companions_of)}`,
      pair: (j) => `place ${j}: recipient #${j} ↔ travel companion #${j}`,
      recipients: (L) => (L.rule === "companions" ? "Travel companions (by ticket)" : "Recipients (by ticket)"),
      reserves: "Reserves (by ticket)",
    },
  },
  nl: {
    method: "potdraw v4 (als v3, met meerdere lijsten in één loting; elke lijst wordt apart getrokken)",
    methodV5: "potdraw v5 (als v4, met voor elke lijst een weergavenaam, vóór de loting vastgelegd)",
    desc: "elke lijst met reisgenoten reist mee met een lijst van deze loting, met evenveel plaatsen",
    severalLists: "Dit register van vervangingen kan bij deze loting niet worden gebruikt: het is van versie 1 en zegt niet bij welke lijst een vervanging hoort, en deze loting heeft meerdere lijsten. Een loting met meerdere lijsten heeft een register van versie 2 nodig (potdraw/amendments/v2), dat bij elke vervanging de lijst noemt (SPEC §17.10, §15.8).",
    lists: {
      heading: (n) => `De ${n} lijsten van deze loting`,
      title: (L) => `Lijst ${L.number}: ${showList(L.display, L.name)}`,
      rule: (L) =>
        L.rule === "fixed" ? "Regel: een vast aantal ontvangers, vóór de loting gekozen door de organisator."
        : L.rule === "pot" ? `Regel: zoveel ontvangers als de pot kan betalen. Met ${fmtEuro.nl(L.pot.amount_cents)} zijn ${L.recipients.length === 1 ? "1 schenking" : `${L.recipients.length} schenkingen`} van ${fmtEuro.nl(L.pot.grant_cents)} te betalen, en er blijft ${fmtEuro.nl(L.pot.surplus_cents)} over.`
        : `Regel: de reisgenoten van lijst ${showList(L.companions_of_display, L.companions_of)}, evenveel als die lijst ontvangers heeft. Reisgenoot nummer 1 reist met plaats 1 van lijst ${showList(L.companions_of_display, L.companions_of)}, nummer 2 met plaats 2, enzovoort.`,
      counts: (L) => {
        const k = L.recipients.length;
        const r = L.reserves.length;
        const who = L.rule === "companions" ? (k === 1 ? "1 reisgenoot" : `${k} reisgenoten`) : k === 1 ? "1 ontvanger" : `${k} ontvangers`;
        return `Uit ${L.count === 1 ? "1 lot" : `${fmtInt.nl(L.count)} loten`} met een totaal gewicht van ${fmtInt.nl(L.total_weight)} zijn ${who} en ${r === 1 ? "1 reserve" : `${r} reserves`} getrokken.`;
      },
      pairsHeading: (L) => `Reisduo's per plaats: lijst ${showList(L.display, L.name)} reist mee met lijst ${showList(L.companions_of_display, L.companions_of)}`,
      pair: (j) => `plaats ${j}: ontvanger #${j} ↔ reisgenoot #${j}`,
      recipients: (L) => (L.rule === "companions" ? "Reisgenoten (per lot)" : "Ontvangers (per lot)"),
      reserves: "Reserves (per lot)",
    },
  },
};
for (const l of ["en", "nl"]) {
  TEXT[l].method.v4 = TEXT_V4[l].method;
  TEXT[l].method.v5 = TEXT_V4[l].methodV5;
  TEXT[l].desc.companions = TEXT_V4[l].desc;
  TEXT[l].amend.severalLists = TEXT_V4[l].severalLists;
  TEXT[l].lists = TEXT_V4[l].lists;
}

// §17.5, §17.6: each list in turn; for a list of travel companions, the pairs by place (the page knows tickets, not ids).
function renderLists(rep) {
  const t = TEXT[lang].lists;
  const box = el("div", { id: "lists" }, el("h2", {}, t.heading(rep.lists.length)));
  for (const L of rep.lists) {
    const sec = el("section", { class: "list", "data-list": L.name, "data-rule": L.rule });
    sec.append(el("h3", {}, visible(t.title(L))), el("p", { class: "rule" }, visible(t.rule(L))), el("p", { class: "counts" }, t.counts(L)));
    if (L.rule === "companions") {
      const pairs = el("ol", { class: "pairs" });
      for (let j = 1; j <= L.recipients.length; j++) pairs.append(el("li", { "data-place": String(j) }, t.pair(j)));
      sec.append(el("h4", {}, visible(t.pairsHeading(L))), pairs);
    }
    for (const [head, xs] of [[t.recipients(L), L.recipients], [t.reserves, L.reserves]]) {
      if (!xs.length) continue;
      const ol = el("ol", { class: "digest" });
      for (const x of xs) ol.append(el("li", {}, x.leaf));
      sec.append(el("h4", {}, head), ol);
    }
    box.append(sec);
  }
  return box;
}

// ---- issue 29: every sentence of the page in both languages: the check lines
// of a draw with several lists, unreadable files and a file chosen in the
// wrong place; identifiers of SPEC (field paths, check names) stay as they are, in <code>.
// §19.3: a v5 list is called by its display name, a v4 list by its name
const listOf = (x, l) => (l === "nl" ? `lijst ${x.number} (${showList(x.display, x.name)})` : `list ${x.number} (${showList(x.display, x.name)})`);
const FACTS_V4 = {
  en: {
    "canonical-order": (f) => f.lists.map((x) => `${listOf(x, "en")}: ${count(x.entries, "en", "ticket", "tickets")} in the fixed order`).join("; "),
    counts: (f) => f.lists.map((x) => `${listOf(x, "en")}: ${count(x.entries, "en", "ticket", "tickets")}, total weight ${num(x.total_weight, "en")}, ${x.rule === "companions" ? count(x.recipients, "en", "travel companion", "travel companions") : count(x.recipients, "en", "recipient", "recipients")} and ${count(x.reserves, "en", "reserve", "reserves")}`).join("; "),
    pot: (f) => (f.lists.length ? f.lists.map((x) => `${listOf(x, "en")}: ${count(x.grants, "en", "grant", "grants")} of ${money(x.grant_cents, "en")} from a pot of ${money(x.amount_cents, "en")}; ${money(x.surplus_cents, "en")} is left over`).join("; ") : "no list is paid from a pot"),
    companions: (f) => (f.lists.length ? f.lists.map((x) => `${listOf(x, "en")}: ${count(x.companions, "en", "travel companion", "travel companions")} of list ${showList(x.of_display, x.of)}`).join("; ") : "no list of travel companions"),
    "draw-replay": (f) => `${count(f.lists.length, "en", "list", "lists")} replayed from the draw seed ${f.draw_seed}: ${f.lists.map((x) => `${showList(x.display, x.name)} ${count(x.picks, "en", "pick", "picks")}`).join(", ")}`,
    result: (f) => f.lists.map((x) => `${listOf(x, "en")}: ${x.rule === "companions" ? count(x.recipients, "en", "travel companion", "travel companions") : count(x.recipients, "en", "recipient", "recipients")} and ${count(x.reserves, "en", "reserve", "reserves")} match the list`).join("; "),
  },
  nl: {
    "canonical-order": (f) => f.lists.map((x) => `${listOf(x, "nl")}: ${count(x.entries, "nl", "lot", "loten")} in de vaste volgorde`).join("; "),
    counts: (f) => f.lists.map((x) => `${listOf(x, "nl")}: ${count(x.entries, "nl", "lot", "loten")}, totaal gewicht ${num(x.total_weight, "nl")}, ${x.rule === "companions" ? count(x.recipients, "nl", "reisgenoot", "reisgenoten") : count(x.recipients, "nl", "ontvanger", "ontvangers")} en ${count(x.reserves, "nl", "reserve", "reserves")}`).join("; "),
    pot: (f) => (f.lists.length ? f.lists.map((x) => `${listOf(x, "nl")}: ${count(x.grants, "nl", "schenking", "schenkingen")} van ${money(x.grant_cents, "nl")} uit een pot van ${money(x.amount_cents, "nl")}; er blijft ${money(x.surplus_cents, "nl")} over`).join("; ") : "geen lijst wordt uit een pot betaald"),
    companions: (f) => (f.lists.length ? f.lists.map((x) => `${listOf(x, "nl")}: ${count(x.companions, "nl", "reisgenoot", "reisgenoten")} van lijst ${showList(x.of_display, x.of)}`).join("; ") : "geen lijst met reisgenoten"),
    "draw-replay": (f) => `${count(f.lists.length, "nl", "lijst", "lijsten")} nagespeeld vanuit de startwaarde van de trekking ${f.draw_seed}: ${f.lists.map((x) => `${showList(x.display, x.name)} ${count(x.picks, "nl", "trekking", "trekkingen")}`).join(", ")}`,
    result: (f) => f.lists.map((x) => `${listOf(x, "nl")}: ${x.rule === "companions" ? count(x.recipients, "nl", "reisgenoot", "reisgenoten") : count(x.recipients, "nl", "ontvanger", "ontvangers")} en ${count(x.reserves, "nl", "reserve", "reserves")} kloppen met de lijst`).join("; "),
  },
};

const UNREADABLE = {
  en: {
    doc: { transcript: "This transcript", "published commitment": "This published commitment", amendments: "This record of substitutions" },
    wrong: {
      commitment: "You chose the commitment (commitment.json), the file published before the draw.",
      transcript: "You chose the transcript (transcript.json), the file with the whole draw.",
      amendments: "You chose the record of substitutions.",
      receipt: "You chose a receipt: the private file of one participant.",
    },
    want: { transcript: "Here, choose the transcript: transcript.json.", "published commitment": "Here, choose the commitment published before the draw: commitment.json.", amendments: "Here, choose the record of substitutions (amendments.json)." },
    json: (line, col) => `it is not a JSON file as potdraw writes it: the text goes wrong at line ${line}, column ${col}.`,
    utf8: "it is not a text file in UTF-8.",
    field: (w) => ["it does not have the form that SPEC §7 gives it, at ", el("code", {}, w), "."],
    unknownFormat: (f) => ["it is not a potdraw document this page knows (", el("code", {}, f), ")."],
    cannot: "cannot be read, so nothing was verified:",
  },
  nl: {
    doc: { transcript: "Dit transcript", "published commitment": "Deze gepubliceerde vastlegging", amendments: "Dit register van vervangingen" },
    wrong: {
      commitment: "U koos de vastlegging (commitment.json): het bestand dat vóór de loting is gepubliceerd.",
      transcript: "U koos het transcript (transcript.json): het bestand met de hele loting.",
      amendments: "U koos het register van vervangingen.",
      receipt: "U koos een bewijsje: het eigen bestand van één deelnemer.",
    },
    want: { transcript: "Kies hier het transcript: transcript.json.", "published commitment": "Kies hier de vastlegging die vóór de loting is gepubliceerd: commitment.json.", amendments: "Kies hier het register van vervangingen (amendments.json)." },
    json: (line, col) => `het is geen JSON-bestand zoals potdraw het schrijft: de tekst loopt mis op regel ${line}, kolom ${col}.`,
    utf8: "het is geen tekstbestand in UTF-8.",
    field: (w) => ["het heeft niet de vorm die SPEC §7 voorschrijft, bij ", el("code", {}, w), "."],
    unknownFormat: (f) => ["het is geen potdraw-document dat deze pagina kent (", el("code", {}, f), ")."],
    cannot: "is niet te lezen, dus er is niets gecontroleerd:",
  },
};

/**
 * Why a file cannot be read, in the reader's language, as nodes: a file of
 * another kind chosen in this place is named with the file wanted here;
 * otherwise what is wrong and where (the field path of SPEC §7, as code).
 * The verifier's own English message is not shown on the Dutch page.
 */
function unreadable(u, l) {
  const t = UNREADABLE[l];
  const doc = u.document in t.doc ? u.document : "transcript";
  const slot = { transcript: "transcript", "published commitment": "commitment", amendments: "amendments" }[doc];
  if (u.found_kind && u.found_kind !== slot) return [`${t.doc[doc]} ${t.cannot} `, t.wrong[u.found_kind], " ", t.want[doc]];
  const m = String(u.message);
  const json = /invalid JSON at line (\d+), column (\d+)/.exec(m);
  let why;
  if (json) why = [t.json(num(json[1], l), num(json[2], l))];
  else if (/not valid UTF-8|not valid Unicode/.test(m)) why = [t.utf8];
  else if (/(unknown format|missing or non-string "format")/.test(m)) why = t.unknownFormat(u.found_format || "format");
  else {
    const where = /^([A-Za-z_][\w.[\]-]*(?: commitment)?(?:\.[\w[\]]+)*): /.exec(m);
    why = t.field(where ? where[1] : doc);
  }
  return [`${t.doc[doc]} ${t.cannot} `, ...why];
}

/** A line of text with the SPEC field paths in it (transcript.lists[0].result[3].weight, pot.grant_cents) as code. */
function withCode(text) {
  const out = [];
  let last = 0;
  for (const m of String(text).matchAll(/\b[a-z_]+(?:\[\d+\])*(?:\.[a-z_]+(?:\[\d+\])*)+\b|\b[a-z_]+\[\d+\](?:\.[a-z_]+)*/g)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push(el("code", {}, m[0]));
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

// ---- the page's own sentences (issue 29): the answer card, loading from the website, both languages
const TEXT_PAGE = {
  en: {
    choose: "Choose the transcript file (transcript.json)",
    dragHint: "or drop it here.",
    idHint: "Type the id exactly as it is on your slip, capital letters included.",
    resultsHead: "The checks of the draw",
    progressLabel: "Progress of the check",
    loadingSite: "Loading the draw from this website and checking it…",
    checking: "Checking the draw…",
    site: (names) => `Loaded from this website, beside this page: ${names.join(", ")}. You may also choose other files below.`,
    siteMissing: "This website has no transcript.json beside this page, so choose the transcript yourself.",
    askCode: "The draw is correct. Type the id and the code from your slip below to see your answer.",
    card: {
      recipient: ["★", "You were drawn"],
      companion: ["⇄", "You travel along as a travel companion"],
      "moved-up": ["↑", "You moved up: you now have a place"],
      reserve: ["◔", "You are a reserve"],
      "passed-over": ["↷", "You were passed over as a reserve"],
      vacated: ["↷", "Your place was given up"],
      "not-drawn": ["○", "You were not drawn"],
      "other-draw": ["✕", "This code is not from this draw"],
      typing: ["✎", "Your id is typed differently from your slip"],
      "code-typo": ["✎", "Please check what you typed"],
      "not-verified": ["✕", "This draw does not verify"],
      "not-in-draw": ["✕", "Your ticket is not in this draw"],
    },
    typingTitle: (s) => `Did you mean ${s}?`,
    notVerified: "One of the checks of this draw did not pass, so nothing can be said about your ticket. Do not trust this result; show this page to the organiser or an auditor.",
    more: {
      weight: (w) => `Weight ${w}: your ticket counted ${Number(w) === 1 ? "once" : `${num(w, "en")} times`} in the draw.`,
      recipient: "The number is the order in which the recipients were drawn; every recipient receives the same.",
      companion: (p) => `A travel companion travels for a year with the recipient of place ${p}; a travel companion receives no grant.`,
      reserve: "Reserves are called in their order: when a recipient declines, reserve number 1 moves up first.",
      otherDraw: "Compare the title and date on your slip with this draw's. Each draw has its own page.",
    },
    failedNext: "Do not trust this result; show this page to the organiser or an auditor.",
  },
  nl: {
    choose: "Kies het transcript (transcript.json)",
    dragHint: "of sleep het bestand hierheen.",
    idHint: "Typ het id precies zoals het op uw bewijsje staat, ook de hoofdletters.",
    resultsHead: "De controles van de loting",
    progressLabel: "Voortgang van de controle",
    loadingSite: "De loting wordt van deze website geladen en gecontroleerd…",
    checking: "De loting wordt gecontroleerd…",
    site: (names) => `Geladen van deze website, naast deze pagina: ${names.join(", ")}. U kunt hieronder ook zelf andere bestanden kiezen.`,
    siteMissing: "Naast deze pagina staat op deze website geen transcript.json. Kies het transcript daarom zelf.",
    askCode: "De loting klopt. Typ hieronder het id en de controlecode van uw bewijsje om uw antwoord te zien.",
    card: {
      recipient: ["★", "U bent getrokken"],
      companion: ["⇄", "U reist mee als reisgenoot"],
      "moved-up": ["↑", "U bent doorgeschoven: u hebt nu een plaats"],
      reserve: ["◔", "U bent reserve"],
      "passed-over": ["↷", "U bent als reserve overgeslagen"],
      vacated: ["↷", "Uw plaats is vrijgekomen"],
      "not-drawn": ["○", "U bent niet getrokken"],
      "other-draw": ["✕", "Deze code hoort niet bij deze loting"],
      typing: ["✎", "Uw id is anders getypt dan op uw bewijsje"],
      "code-typo": ["✎", "Controleer wat u hebt getypt"],
      "not-verified": ["✕", "Deze loting klopt niet"],
      "not-in-draw": ["✕", "Uw lot zat niet in deze loting"],
    },
    typingTitle: (s) => `Bedoelde u ${s}?`,
    notVerified: "Een van de controles van deze loting is niet geslaagd, dus over uw lot kan niets worden gezegd. Vertrouw deze uitslag niet; laat deze pagina zien aan de organisator of een controleur.",
    more: {
      weight: (w) => `Gewicht ${num(w, "nl")}: uw lot telde ${Number(w) === 1 ? "één keer" : `${num(w, "nl")} keer`} mee in de trekking.`,
      recipient: "Het nummer is de volgorde waarin de ontvangers zijn getrokken; elke ontvanger krijgt hetzelfde.",
      companion: (p) => `Een reisgenoot reist een jaar mee met de ontvanger van plaats ${p}; een reisgenoot krijgt geen schenking.`,
      reserve: "Reserves worden op volgorde opgeroepen: als een ontvanger afziet, schuift reserve nummer 1 als eerste door.",
      otherDraw: "Vergelijk de titel en de datum op uw bewijsje met die van deze loting. Elke loting heeft een eigen pagina.",
    },
    failedNext: "Vertrouw deze uitslag niet; laat deze pagina zien aan de organisator of een controleur.",
  },
};
for (const l of ["en", "nl"]) Object.assign(TEXT[l], TEXT_PAGE[l]);

/**
 * The files the page reads by itself when it is served from a folder
 * (http or https, never file://), relative to the page, so from the same
 * folder of the same origin (and the Content-Security-Policy allows no
 * other: connect-src 'self'). `potdraw publish` writes transcript.json,
 * commitment.json and amendments.json; vervangingen.json is the Dutch name
 * the README's evening gives the record of substitutions. A file that is
 * not there is simply not used; only the transcript is needed.
 */
const SITE_FILES = { transcript: ["transcript.json"], published: ["commitment.json"], amendments: ["amendments.json", "vervangingen.json"] };

const $ = (id) => document.getElementById(id);
// The language: the slip's (`#…&lang=nl`, below), else the one `potdraw web
// --lang` wrote into the page, else the phone's (issue 29: an English phone
// showed English beside a Dutch slip).
const presetLang = ((typeof document.querySelector === "function" && document.querySelector('meta[name="potdraw-lang"]')) || {}).content;
let lang = presetLang === "nl" || presetLang === "en" ? presetLang : (navigator.language || "en").toLowerCase().startsWith("nl") ? "nl" : "en";
let transcriptBytes = null;
let publishedBytes = null;
let amendmentsBytes = null;
let amended = null;
let report = null;
let lastAnswer = null;
let siteNames = null; // the files read from the website, or [] when it had no transcript

function el(tag, attrs = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const k of kids) e.append(bidi(k));
  return e;
}
const fp = (hex) => `${hex.slice(0, 4)}-${hex.slice(4, 8)}`.toUpperCase();

/**
 * The engine in a Web Worker made from this page's own script (a Blob of its
 * text: nothing is loaded from anywhere, so it works from file:// too), or
 * null where there are no workers. The worker is made at the first call, in
 * a task of its own; calls wait until it says it is ready; if it cannot
 * start, the engine runs on the page instead (the same answers, but a large
 * draw holds the page while it is checked). <html data-engine> says which
 * one answered, for the tests.
 */
const PAGE_ONLY = "// ---- the page: everything below" + " runs on the page only"; // split so that this line is not the marker
function workerEngine() {
  const script = typeof document.querySelector === "function" ? document.querySelector('script[type="module"]') : null;
  if (!script || typeof Worker !== "function" || typeof Blob !== "function" || typeof URL.createObjectURL !== "function") return null;
  const waiting = new Map();
  let n = 0;
  let fallback = null;
  let ready = null;
  const start = () => new Promise((resolve) => {
    setTimeout(() => {
      let worker;
      try {
        // A classic worker (Chromium makes no module worker from a blob: of a file:// page):
        // the engine part of this script, without the page (web/build.mjs wrote it without `export`).
        const src = script.textContent;
        const end = src.indexOf(PAGE_ONLY);
        if (end < 0) return resolve(null);
        worker = new Worker(URL.createObjectURL(new Blob([src.slice(0, end)], { type: "text/javascript" })), { name: "potdraw-verify" });
      } catch (_) {
        return resolve(null);
      }
      let started = false;
      const timer = setTimeout(() => resolve(null), 30000);
      worker.addEventListener("message", ({ data }) => {
        if (data && data.ready) {
          started = true;
          clearTimeout(timer);
          return resolve(worker);
        }
        const w = waiting.get(data.n);
        if (!w) return;
        if (data.progress) return w.onProgress && w.onProgress(data.progress);
        waiting.delete(data.n);
        if ("error" in data) w.reject(new Error(data.error));
        else w.resolve(data.result);
      });
      worker.addEventListener("error", (ev) => {
        ev.preventDefault();
        clearTimeout(timer);
        resolve(null);
        if (started) for (const [k, w] of waiting) waiting.delete(k), w.reject(new Error(ev.message || "the worker stopped"));
      });
    }, 0);
  });
  const call = async (msg, onProgress) => {
    const worker = await (ready ||= start());
    if (!worker) {
      fallback ||= engineCore();
      document.documentElement.dataset.engine = "page";
      return msg.op === "verify" ? fallback.verify(msg.args, onProgress) : msg.op === "load" ? fallback.load(msg.urls) : fallback.check(msg.id, msg.code);
    }
    document.documentElement.dataset.engine = "worker";
    return new Promise((resolve, reject) => {
      const k = ++n;
      waiting.set(k, { resolve, reject, onProgress });
      worker.postMessage({ ...msg, n: k });
    });
  };
  return {
    load: (urls) => call({ op: "load", urls }),
    verify: (args, onProgress) => call({ op: "verify", args }, onProgress),
    check: (id, code) => call({ op: "check", id, code }),
  };
}
const engine = workerEngine() || engineCore();

function applyLang() {
  const t = TEXT[lang];
  document.documentElement.lang = lang;
  for (const e of document.querySelectorAll("[data-t]")) e.textContent = t[e.dataset.t];
  $("progress").setAttribute("aria-label", t.progressLabel);
  $("lang-nl").setAttribute("aria-pressed", String(lang === "nl"));
  $("lang-en").setAttribute("aria-pressed", String(lang === "en"));
  renderSite();
  if (report) render();
  if (lastAnswer) lastAnswer();
}

function renderSite() {
  const s = $("site");
  if (!siteNames) return;
  s.hidden = false;
  s.textContent = siteNames.length ? TEXT[lang].site(siteNames) : TEXT[lang].siteMissing;
}

function unknownKindOf(rep) {
  if (rep.unknown_entropy_kind) return rep.unknown_entropy_kind;
  const m = rep.unusable && /unknown entropy kind "([^"]*)"/.exec(rep.unusable.message);
  return m ? m[1] : null;
}

function render() {
  const t = TEXT[lang];
  // A failed check's words in the reader's language (TEXT.nl.prose); values unchanged.
  const say = (x, c) => {
    const text = String(x);
    // §17.7: a failure of a draw with several lists names its list first (§19.3: by its display name in v5)
    const head = /^list (\d+) \(([^)]*)\): /.exec(text);
    const rest = head ? text.slice(head[0].length) : text;
    const hit = (t.prose || []).find(([re]) => re.test(rest));
    const display = c && c.list === head?.[2] ? c.list_display : undefined;
    return (head ? `${listOf({ number: head[1], name: head[2], display }, lang)}: ` : "") + (hit ? rest.replace(hit[0], hit[1]) : rest);
  };
  const rep = report;
  isolateNamesOf(rep);
  $("results").hidden = false;
  const sum = $("summary");
  const kind = unknownKindOf(rep);
  if (rep.outcome === "verified") {
    sum.className = "summary ok";
    sum.textContent = t.verified + (rep.title ? ` — “${visible(rep.title)}”` : "");
  } else if (kind) {
    sum.className = "summary warn";
    sum.textContent = t.unknownKind(kind, rep.method);
  } else if (rep.outcome === "failed") {
    sum.className = "summary bad";
    sum.textContent = t.failed(rep.failed_check, ((rep.method || "").startsWith("rfc3797") && t.descRfc[rep.failed_check]) || t.desc[rep.failed_check]);
  } else {
    sum.className = "summary bad";
    sum.replaceChildren(...unreadable(rep.unusable, lang));
  }
  const rfc = (rep.method || "").startsWith("rfc3797");
  const meth = $("method");
  meth.hidden = !rep.method;
  meth.dataset.method = rep.method || "";
  meth.textContent = rep.method ? `${t.methodLabel}: ${t.method[rep.method]}` : "";
  const list = $("checks");
  list.replaceChildren();
  if (rep.outcome !== "unusable") {
    const done = new Map(rep.checks.map((c) => [c.check, c]));
    for (const name of CHECKS) {
      if (name === "published-commitment" && !done.has(name)) continue;
      if (name === "beacon" && rep.method !== "v3" && rep.method !== "v4" && rep.method !== "v5") continue;
      if (name === "companions" && rep.method !== "v4" && rep.method !== "v5") continue;
      const c = done.get(name);
      // RFC 3797 has no seed: that check is not applicable, whether or not verification got that far (SPEC §12.5)
      const status = rfc && name === "seed-commitment" ? "not-applicable" : c ? c.status : "skipped";
      const li = el("li", { "data-check": name, "data-status": status });
      li.append(el("span", { class: `st ${status}` }, status === "passed" ? `✓ ${t.passed}` : status === "failed" ? `✗ ${t.failedSt}` : status === "not-applicable" ? `– ${t.notApplicable}` : `– ${t.notRun}`));
      li.append(el("span", {}, el("code", { class: "name" }, name), " ", el("span", { class: "desc" }, (rfc && t.descRfc[name]) || t.desc[name])));
      if (status === "not-applicable") li.append(el("span", { class: "detail" }, t.naSeed));
      else if (c && c.facts && c.facts.lists && FACTS_V4[lang][name]) li.append(el("span", { class: "detail" }, visible(FACTS_V4[lang][name](c.facts))));
      else if (c && c.facts && t.facts[name]) li.append(el("span", { class: "detail" }, visible(t.facts[name](c.facts))));
      else if (c && c.detail) li.append(el("span", { class: "detail" }, ...withCode(visible(say(c.detail, c)))));
      if (c && c.expected !== undefined) li.append(el("span", { class: "detail" }, `${t.expected}: `, ...withCode(visible(say(c.expected)))));
      if (c && c.found !== undefined) li.append(el("span", { class: "detail" }, `${t.found}: `, ...withCode(visible(say(c.found)))));
      list.append(li);
    }
  }
  const dg = $("digests");
  dg.replaceChildren();
  if (rep.verified) {
    dg.append(
      el("p", {}, `${t.cdigest} (${t.fingerprint} ${fp(rep.commitment_digest)}):`, el("br"), el("span", { class: "digest", id: "commitment-digest" }, rep.commitment_digest)),
      el("p", {}, `${t.tdigest} (${t.fingerprint} ${fp(rep.transcript_digest)}):`, el("br"), el("span", { class: "digest", id: "transcript-digest" }, rep.transcript_digest)),
      el("p", { class: "small" }, t.compare),
    );
    for (const n of rep.notes || []) dg.append(el("p", { class: "note", id: `note-${n}` }, t.notes[n]));
    if (rfc) dg.append(el("p", {}, `${t.keyLabel}:`, el("br"), el("span", { class: "digest", id: "rfc-key" }, rep.key)));
    if (rep.entropy && rep.entropy.length) {
      // §2.4: a value with U+200B around it must not look like the value without
      const ul = el("ul", { id: "entropy-values" });
      for (const x of rep.entropy) ul.append(el("li", {}, `${visible(x.label)}: `, el("span", { class: "digest" }, visible(x.value))));
      dg.append(el("h2", {}, t.entropyLabel), ul);
    }
    for (const [key, xs] of [["recipients", rep.recipients], ["reserves", rep.reserves]]) {
      if (!xs.length) continue;
      const ol = el("ol", { class: "digest" });
      for (const x of xs) ol.append(el("li", {}, x.leaf));
      dg.append(el("h2", {}, t[key]), ol);
    }
    if (rep.lists) dg.append(renderLists(rep));
  }
  $("participant").hidden = !rep.verified;
  renderAmendments();
}

// §15: the record of substitutions, checked only against a draw that verified.
function renderAmendments() {
  const t = TEXT[lang].amend;
  const box = $("amendments");
  box.replaceChildren();
  if (!amended) return;
  box.append(el("h2", {}, t.heading));
  if (amended.outcome === "not-checked") return box.append(el("p", { class: "note" }, t.notChecked));
  if (amended.outcome === "unusable") return box.append(el("p", { class: "summary bad", id: "amend-summary" }, ...(amended.unusable.reason === "several-lists" ? [t.severalLists] : unreadable({ ...amended.unusable, document: "amendments" }, lang))));
  if (!amended.verified) {
    // the first failure, with its event (§15.4) and, for amendments-rules, the rule in words
    const f = amended.checks.at(-1) || {};
    box.append(el("p", { class: "summary bad", id: "amend-summary" }, t.fail(amended.failed_check, f.event)));
    if (f.what && t.why[f.what]) box.append(el("p", { class: "note", id: "amend-why" }, t.why[f.what]));
    return;
  }
  const placeItem = (f, L) => el("li", { "data-holder": f.holder }, t.place(f, L), f.leaf ? el("span", { class: "digest" }, ` ${f.leaf}`) : "");
  box.append(el("p", { class: "summary ok", id: "amend-summary" }, t.ok(amended.events, amended.undone)));
  if (amended.lists) {
    // §15.8: a v4 record's final list, per list in the commitment's order
    box.append(el("p", {}, t.finalLists));
    for (const L of amended.lists) {
      const ol = el("ol", { class: "final-list", "data-list": L.name });
      for (const f of L.final) ol.append(placeItem(f, L));
      box.append(el("h3", {}, visible(t.listHead(L))), ol);
    }
  } else {
    const ol = el("ol", { id: "final-list" });
    for (const f of amended.final) ol.append(placeItem(f, null));
    box.append(el("p", {}, t.finalOne), ol);
  }
  // every event, undo events and the events they undid included: the record's history shows each mistake and its correction
  if (amended.history && amended.history.length) {
    const ul = el("ul", { id: "amend-events" });
    for (const e of amended.history) ul.append(el("li", { "data-kind": e.kind, ...(e.undone_by ? { "data-undone": String(e.undone_by) } : {}) }, visible(t.event(e, e.reason ? t.reason[e.reason] : ""))));
    box.append(el("h3", {}, t.eventsHead), ul);
  }
  box.append(el("p", {}, `${t.digest} (${fp(amended.digest)}):`, el("br"), el("span", { class: "digest", id: "amendments-digest" }, amended.digest)));
}

async function readFile(file) {
  return new Uint8Array(await file.arrayBuffer());
}

function showLoading(text) {
  const box = $("loading");
  box.hidden = !text;
  $("loading-text").textContent = text || "";
  const prog = $("progress");
  prog.removeAttribute("value");
}

async function runVerify() {
  const t = TEXT[lang];
  let input = transcriptBytes;
  const pasted = $("paste").value;
  if (pasted.trim() !== "") input = pasted;
  if (!input) {
    report = null;
    $("results").hidden = false;
    $("summary").className = "summary warn";
    $("summary").textContent = t.needTranscript;
    $("method").hidden = true;
    $("checks").replaceChildren();
    $("digests").replaceChildren();
    return;
  }
  const btn = $("verify");
  const prog = $("progress");
  btn.disabled = true;
  showLoading(input === "site" ? t.loadingSite : t.checking);
  hideCard();
  mark("potdraw-verify-start");
  try {
    const out = await engine.verify({ transcript: input, published: publishedBytes, amendments: amendmentsBytes }, (p) => {
      if (p.total > 1) {
        prog.max = p.total;
        prog.value = p.done;
      } else prog.removeAttribute("value");
    });
    report = out.report;
    amended = out.amended;
    render();
    mark("potdraw-verify-end");
  } finally {
    btn.disabled = false;
    showLoading(null);
  }
}

// Marks on the page's timeline (performance.getEntriesByName), for the browser test's timings.
const mark = (name) => typeof performance !== "undefined" && typeof performance.mark === "function" && performance.mark(name);

function hideCard() {
  lastAnswer = null;
  $("card").hidden = true;
  $("answer").textContent = "";
  delete $("answer").dataset.outcome;
}

/**
 * The answer card: its kind sets colour, icon and first sentence (the
 * title); #answer holds the sentences `potdraw check` says, then the notes
 * of the plan; the list below explains the words of the answer.
 */
function showCard(kind, title, sentence, more, outcome) {
  const t = TEXT[lang];
  const card = $("card");
  card.className = `card k-${kind}`;
  card.dataset.kind = kind;
  $("card-icon").textContent = t.card[kind][0];
  $("card-title").textContent = title || t.card[kind][1];
  const out = $("answer");
  out.textContent = bidi(sentence);
  out.dataset.outcome = outcome;
  $("card-more").replaceChildren(...more.map((m) => el("li", {}, m)));
  card.hidden = false;
}

/** The card's kind for a participant's answer: the final outcome (§15.5) when a record was checked, else the draw's. */
function kindOf(res, fin) {
  const companion = (fin && fin.companion_of) || (!fin && res.companion_of);
  const o = fin ? fin.final_outcome : res.outcome;
  if (["recipient", "moved-up", "continued"].includes(o) && companion) return "companion";
  if (o === "recipient") return "recipient";
  if (o === "moved-up" || o === "continued") return "moved-up";
  if (o === "reserve" || o === "waiting") return "reserve";
  if (o === "skipped") return "passed-over";
  if (o === "vacated") return "vacated";
  if (o === "not-drawn") return "not-drawn";
  return "not-in-draw";
}

/** The lines that explain an answer's words: the weight, and what the number means. */
function explain(res, fin, kind) {
  const m = TEXT[lang].more;
  if (!res || !res.in_draw) return [];
  const more = [m.weight(res.weight)];
  if (kind === "companion") more.push(m.companion((fin && fin.companion_of ? fin.companion_of : res.companion_of).place));
  else if (kind === "recipient") more.push(m.recipient);
  else if (kind === "reserve") more.push(m.reserve);
  return more;
}

async function answerParticipant(id, code) {
  // the engine answers once; a change of language only says it again
  const r = trimWhiteSpace(id) === "" ? { empty: true } : !report || !report.verified ? { unverified: true } : await engine.check(id, code);
  lastAnswer = () => showAnswer(r);
  lastAnswer();
}

function showAnswer(r) {
  const t = TEXT[lang];
  if (r.empty) return showCard("code-typo", null, t.needId, [], "code-error");
  if (r.unverified) return showCard("not-verified", null, t.notVerified, [], "not-verified");
  if (r.codeError) {
    const e = r.codeError;
    const say = t.codeErr[e.kind] ? t.codeErr[e.kind](e) : e.message;
    if (e.kind === "check") return showCard("other-draw", null, say, [t.more.otherDraw], "code-error");
    return showCard("code-typo", null, say, [], "code-error");
  }
  const { res, fin } = r;
  const meant = res.outcome === "id-mismatch" ? res.suggested : res;
  // §9.3, §9.8: what the plan leaves open is said to the participant too.
  const full = fin ? amendedSentence(meant, fin, lang) : null;
  const answer = res.outcome === "id-mismatch" ? participantSentence(res, lang, full) : full || participantSentence(res, lang);
  const text = [answer, ...((report && report.notes) || []).map((n) => t.notes[n])].join("\n\n");
  const outcome = res.outcome === "id-mismatch" ? "id-mismatch" : fin ? fin.final_outcome : res.outcome || "not-verified";
  if (res.outcome === "id-mismatch") {
    showCard("typing", res.suggestion ? t.typingTitle(res.suggestion) : null, text, meant ? explain(meant, fin, kindOf(meant, fin)) : [], outcome);
    $("answer").dataset.suggestion = res.suggestion || "";
    $("card").dataset.meant = meant ? kindOf(meant, fin) : "";
  } else {
    const kind = kindOf(res, fin);
    showCard(kind, null, text, explain(res, fin, kind), outcome);
    delete $("answer").dataset.suggestion;
    delete $("card").dataset.meant;
  }
}

async function onParticipant(ev) {
  ev.preventDefault();
  await answerParticipant($("pid").value, $("pcode").value);
  const card = $("card");
  if (typeof card.scrollIntoView === "function") card.scrollIntoView({ block: "start" });
  if (typeof card.focus === "function") card.focus({ preventScroll: true });
}

/**
 * Served from a folder (http or https), the page reads the draw from the same
 * folder by itself (SITE_FILES); opened as a file it never does, and the
 * resident chooses the file as before. Returns true when a transcript was read.
 */
async function loadFromSite() {
  const here = globalThis.location;
  if (!here || (here.protocol !== "http:" && here.protocol !== "https:")) return false;
  showLoading(TEXT[lang].loadingSite);
  mark("potdraw-load-start");
  // every name resolved against the page's own address: the same folder, the same origin
  const urls = Object.fromEntries(Object.entries(SITE_FILES).map(([k, names]) => [k, names.map((n) => new URL(n, here.href).href)]));
  const found = await engine.load(urls);
  const name = (url) => url.slice(url.lastIndexOf("/") + 1);
  if (!found.transcript) {
    siteNames = [];
    showLoading(null);
    renderSite();
    return false;
  }
  transcriptBytes = "site";
  publishedBytes = found.published ? "site" : null;
  amendmentsBytes = found.amendments ? "site" : null;
  siteNames = [found.transcript, found.published, found.amendments].filter(Boolean).map(name);
  renderSite();
  await runVerify();
  return true;
}

$("lang-nl").addEventListener("click", () => { lang = "nl"; applyLang(); });
$("lang-en").addEventListener("click", () => { lang = "en"; applyLang(); });
$("file").addEventListener("change", async (e) => {
  const f = e.target.files[0];
  if (!f) return;
  transcriptBytes = await readFile(f);
  $("paste").value = "";
  await runVerify();
});
$("pubfile").addEventListener("change", async (e) => {
  const f = e.target.files[0];
  publishedBytes = f ? await readFile(f) : null;
  if (transcriptBytes || $("paste").value.trim()) await runVerify();
});
$("amendfile").addEventListener("change", async (e) => {
  const f = e.target.files[0];
  amendmentsBytes = f ? await readFile(f) : null;
  if (transcriptBytes || $("paste").value.trim()) await runVerify();
});
$("verify").addEventListener("click", runVerify);
$("pform").addEventListener("submit", onParticipant);
const drop = $("drop");
for (const ev of ["dragenter", "dragover"]) drop.addEventListener(ev, (e) => { e.preventDefault(); drop.classList.add("over"); });
for (const ev of ["dragleave", "drop"]) drop.addEventListener(ev, () => drop.classList.remove("over"));
drop.addEventListener("drop", async (e) => {
  e.preventDefault();
  const f = e.dataTransfer.files[0];
  if (!f) return;
  transcriptBytes = await readFile(f);
  $("paste").value = "";
  await runVerify();
});
// keep a dropped file from replacing the page anywhere else
for (const ev of ["dragover", "drop"]) window.addEventListener(ev, (e) => e.preventDefault());
// A slip's QR code opens this page as URL#id=…&code=…&lang=… (potdraw slips
// --page-url): the part after # never leaves the phone. Fill in the two
// fields from it, then take it out of the address bar so the code is not
// left on screen or in a shared link. Returns whether it held an id and a code.
function fillFromFragment() {
  const hash = globalThis.location && typeof globalThis.location.hash === "string" ? globalThis.location.hash : "";
  if (!hash) return false;
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const slipLang = params.get("lang");
  if (slipLang === "nl" || slipLang === "en") lang = slipLang;
  const id = params.get("id");
  const code = params.get("code");
  if (id === null && code === null) return false;
  if (id !== null) $("pid").value = id;
  if (code !== null) $("pcode").value = code;
  try { history.replaceState(null, "", location.pathname + location.search); } catch (_) { /* file: URLs in some browsers */ }
  return id !== null && code !== null;
}
const fromSlip = fillFromFragment();
applyLang();
// Served from the draw's folder: read it, verify it, and with an id and a
// code from the slip answer at once, the answer first on the screen.
if ((await loadFromSite()) && fromSlip) await answerParticipant($("pid").value, $("pcode").value);
