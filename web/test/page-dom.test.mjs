// The page's own script, run against a tiny fake DOM (no browser here): load a
// transcript by pasting, verify, enter a receipt, switch language. This tests
// the page logic of web/verify.html; it is not a substitute for a real browser.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { FIX, readVector, transcriptDigest } from "./helpers.mjs";
import { OUT } from "../build.mjs";
// The answer itself; the notes of SPEC §9.3/§9.8/§12.9 follow as their own paragraphs.
const firstParagraph = (text) => text.split("\n\n")[0];

class El {
  constructor(tag, attrs = {}) {
    this.tagName = tag.toUpperCase();
    this.attrs = { ...attrs };
    this.children = [];
    this.listeners = {};
    this.value = "";
    this.disabled = false;
    this.hidden = "hidden" in attrs;
    const self = this;
    this.classList = { add: (c) => self.setAttribute("class", `${self.className} ${c}`.trim()), remove: (c) => self.setAttribute("class", self.className.split(" ").filter((x) => x !== c).join(" ")) };
    this.dataset = new Proxy({}, { get: (_, k) => self.attrs[`data-${String(k).replace(/[A-Z]/g, (m) => "-" + m.toLowerCase())}`], set: (_, k, v) => ((self.attrs[`data-${String(k)}`] = String(v)), true) });
  }
  get id() { return this.attrs.id; }
  get className() { return this.attrs.class || ""; }
  set className(v) { this.attrs.class = v; }
  setAttribute(k, v) { this.attrs[k] = String(v); }
  getAttribute(k) { return this.attrs[k] ?? null; }
  removeAttribute(k) { delete this.attrs[k]; }
  append(...kids) { for (const k of kids) this.children.push(typeof k === "string" ? { text: k } : k); }
  replaceChildren(...kids) { this.children = []; this.append(...kids); }
  get textContent() { return this.children.map((c) => (c instanceof El ? c.textContent : c.text)).join(""); }
  set textContent(v) { this.children = [{ text: String(v) }]; }
  addEventListener(type, fn) { (this.listeners[type] ||= []).push(fn); }
  async fire(type, ev = {}) { await Promise.all((this.listeners[type] || []).map((f) => f({ preventDefault() {}, target: this, ...ev }))); }
  all() { return [this, ...this.children.filter((c) => c instanceof El).flatMap((c) => c.all())]; }
}

async function loadPage(language, { preset = null, hash = "" } = {}) {
  const html = readFileSync(OUT, "utf8");
  const body = html.slice(html.indexOf("<body>"), html.indexOf("<script"));
  const byId = {};
  const tagged = [];
  for (const m of body.matchAll(/<([a-z0-9]+)((?:\s+[a-z-]+(?:="[^"]*")?)*)\s*>/g)) {
    const attrs = {};
    for (const a of m[2].matchAll(/([a-z-]+)(?:="([^"]*)")?/g)) attrs[a[1]] = a[2] ?? "";
    const e = new El(m[1], attrs);
    if (attrs.id) byId[attrs.id] = e;
    if ("data-t" in attrs) tagged.push(e);
  }
  const document = {
    getElementById: (id) => byId[id],
    querySelectorAll: () => tagged,
    // the page's own language, as `potdraw web --lang` writes it into the head
    querySelector: (q) => (preset && q === 'meta[name="potdraw-lang"]' ? { content: preset } : null),
    createElement: (t) => new El(t),
    documentElement: {},
  };
  globalThis.location = hash ? { hash, pathname: "/verify.html", search: "" } : undefined;
  const window = { addEventListener() {} };
  const js = html.slice(html.indexOf('<script type="module">') + 22, html.lastIndexOf("</script>")).replace(/^export /gm, "");
  const AsyncFunction = (async () => {}).constructor;
  await new AsyncFunction("document", "window", "navigator", js)(document, window, { language });
  return { $: (id) => byId[id], document };
}

const example = readFileSync(path.join(FIX, "example/transcript.json"), "utf8");
const receipts = readFileSync(path.join(FIX, "example/receipts.jsonl"), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
const codeOf = (id) => receipts.find((r) => r.id === id).code;

test("page: paste, verify, participant check in Dutch, then English", async () => {
  const { $ } = await loadPage("nl-NL");
  assert.equal($("verify").textContent, "Controleren");
  $("paste").value = example;
  await $("verify").fire("click");
  assert.equal($("summary").className, "summary ok");
  assert.match($("summary").textContent, /^De loting klopt: alle controles geslaagd\./);
  const items = $("checks").all().filter((e) => e.tagName === "LI");
  assert.deepEqual(items.map((e) => e.attrs["data-check"]), ["format", "commitment-digest", "canonical-order", "counts", "pot", "seed-commitment", "entropy-plan", "draw-replay", "result"]);
  assert.ok(items.every((e) => e.attrs["data-status"] === "passed"));
  assert.match($("digests").textContent, /7b2bea58e0cb1dba5f35f7b97f9d978345c8db011efa5c2abf307db9bb2eb8a1/);
  assert.equal($("participant").hidden, false);

  $("pid").value = "ZUID-024";
  $("pcode").value = codeOf("ZUID-024").toLowerCase();
  await $("pform").fire("submit");
  assert.equal(firstParagraph($("answer").textContent), "Uw lot zat in de trekking (gewicht 1). U bent getrokken als ontvanger nummer 3.");
  await $("lang-en").fire("click");
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(firstParagraph($("answer").textContent), "Your ticket was in the draw (weight 1). You were drawn as recipient number 3.");
  // The example is a v1 draw with a free text source: the participant is told (SPEC §9.8).
  assert.match($("answer").textContent, /\n\nNote: this draw used a free text source/);
  assert.match($("summary").textContent, /^The draw is correct: all checks passed\./);

  $("pcode").value = "3CHZ-RM9V-747H-01MX-SD5R-9J3E-P3NM";
  $("pid").value = "ZUID-002";
  await $("pform").fire("submit");
  assert.match($("answer").textContent, /mistyped, or it belongs to another draw/);
  $("pid").value = "  ";
  await $("pform").fire("submit");
  assert.equal(firstParagraph($("answer").textContent), "Please type your id.");
});

test("page: a forged transcript fails by name; a drand source is said plainly", async () => {
  const { $ } = await loadPage("en-GB");
  $("paste").value = readVector(path.join(FIX, "v1/transcripts/result-leaf-changed.txt")).body.toString("utf8");
  await $("verify").fire("click");
  assert.equal($("summary").className, "summary bad");
  assert.match($("summary").textContent, /the check "result" did not pass/);
  const failed = $("checks").all().find((e) => e.attrs["data-status"] === "failed");
  assert.equal(failed.attrs["data-check"], "result");
  assert.equal($("participant").hidden, true);

  $("paste").value = readVector(path.join(FIX, "v1/transcripts/unusable-drand-kind.txt")).body.toString("utf8");
  await $("verify").fire("click");
  assert.equal($("summary").className, "summary warn");
  assert.match($("summary").textContent, /kind "drand".*NOT checked.*NOT verified/);

  const t = JSON.parse(example);
  t.entropy[1].kind = "drand";
  $("paste").value = JSON.stringify(t);
  await $("verify").fire("click");
  assert.equal($("summary").className, "summary warn");
  assert.match($("summary").textContent, /kind "drand"/);
  assert.equal($("checks").all().find((e) => e.attrs["data-status"] === "failed").attrs["data-check"], "entropy-plan");
});

const rfcExample = readFileSync(path.join(FIX, "rfc3797/example/transcript.json"), "utf8");
const rfcReceipts = readFileSync(path.join(FIX, "rfc3797/example/receipts.jsonl"), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));

test("page: an RFC 3797 transcript names its method, shows seed-commitment as not applicable and the key, in Dutch and English", async () => {
  const { $ } = await loadPage("nl-BE");
  $("paste").value = rfcExample;
  await $("verify").fire("click");
  assert.equal($("summary").className, "summary ok");
  assert.match($("summary").textContent, /^De loting klopt: alle controles geslaagd\./);
  assert.equal($("method").hidden, false);
  assert.equal($("method").attrs["data-method"], "rfc3797");
  assert.match($("method").textContent, /^Methode: RFC 3797 \(MD5\)/);
  const items = $("checks").all().filter((e) => e.tagName === "LI");
  assert.deepEqual(items.map((e) => e.attrs["data-check"]), ["format", "commitment-digest", "canonical-order", "counts", "pot", "seed-commitment", "entropy-plan", "draw-replay", "result"]);
  const na = items.find((e) => e.attrs["data-check"] === "seed-commitment");
  assert.equal(na.attrs["data-status"], "not-applicable");
  assert.match(na.textContent, /n\.v\.t\..*niet van toepassing: de RFC 3797-methode heeft geen geheime startwaarde/);
  assert.ok(items.filter((e) => e !== na).every((e) => e.attrs["data-status"] === "passed"));
  assert.match($("digests").textContent, /RFC 3797-sleutel.*3\.14\.15\.22\.35\.41\.\/927\.\//);
  assert.match($("digests").textContent, /2cc73868a42eaf3db4c1c4573b7089e871cf025ab13ebbdd4a9cb5d49c06fe33/);
  assert.match($("digests").textContent, /e7a519a7675b93acad23f977002ee10009b5ee13a07424b9f035f761ff0b51cd/);

  // the participant check on an RFC 3797 draw: the first recipient's receipt
  const T = JSON.parse(rfcExample);
  const first = rfcReceipts.find((r) => r.leaf === T.result[0].leaf);
  $("pid").value = first.id;
  $("pcode").value = first.code;
  await $("pform").fire("submit");
  assert.equal(firstParagraph($("answer").textContent), "Uw lot zat in de trekking (gewicht 1). U bent getrokken als ontvanger nummer 1.");

  await $("lang-en").fire("click");
  await new Promise((r) => setTimeout(r, 10));
  assert.match($("method").textContent, /^Method: RFC 3797 \(MD5\)/);
  const na2 = $("checks").all().find((e) => e.attrs["data-check"] === "seed-commitment");
  assert.match(na2.textContent, /n\/a.*not applicable: the RFC 3797 method has no secret seed/);
  assert.match($("digests").textContent, /RFC 3797 key string.*3\.14\.15\.22\.35\.41\.\/927\.\//);
  assert.equal(firstParagraph($("answer").textContent), "Your ticket was in the draw (weight 1). You were drawn as recipient number 1.");

  // a v1 transcript afterwards names v1 and shows no key
  $("paste").value = example;
  await $("verify").fire("click");
  assert.match($("method").textContent, /^Method: potdraw v1/);
  assert.doesNotMatch($("digests").textContent, /key string/);
  assert.equal($("checks").all().find((e) => e.attrs["data-check"] === "seed-commitment").attrs["data-status"], "passed");
});

test("page: a forged RFC 3797 transcript fails by name, and seed-commitment stays not applicable", async () => {
  const { $ } = await loadPage("en-US");
  for (const [file, check] of [["key-changed.txt", "draw-replay"], ["commitment-title-changed.txt", "commitment-digest"]]) {
    $("paste").value = readVector(path.join(FIX, "rfc3797/transcripts", file)).body.toString("utf8");
    await $("verify").fire("click");
    assert.equal($("summary").className, "summary bad");
    assert.match($("summary").textContent, new RegExp(`the check "${check}" did not pass`));
    assert.match($("method").textContent, /RFC 3797 \(MD5\)/);
    const items = $("checks").all().filter((e) => e.tagName === "LI");
    assert.equal(items.find((e) => e.attrs["data-status"] === "failed").attrs["data-check"], check);
    assert.equal(items.find((e) => e.attrs["data-check"] === "seed-commitment").attrs["data-status"], "not-applicable");
    assert.equal($("participant").hidden, true);
    assert.doesNotMatch($("digests").textContent, /key string/);
  }
  // unusable: the method is not claimed
  $("paste").value = readVector(path.join(FIX, "rfc3797/transcripts/unusable-weight-2.txt")).body.toString("utf8");
  await $("verify").fire("click");
  assert.match($("summary").textContent, /cannot be read/);
  assert.equal($("method").hidden, true);
  // an unknown entropy kind in an RFC 3797 transcript is said plainly
  const t = JSON.parse(rfcExample);
  t.entropy[0].kind = "drand";
  $("paste").value = JSON.stringify(t);
  await $("verify").fire("click");
  assert.equal($("summary").className, "summary warn");
  assert.match($("summary").textContent, /kind "drand".*the RFC 3797 method knows only numbers.*NOT checked/);
});

test("page: a lottery text with U+200B before and after is shown marked, unlike the plain one (SPEC §2.4)", async () => {
  const { $ } = await loadPage("nl-NL");
  const lotto = "Lotto 5 december 2026: 3 14 15 22 35 41";
  $("paste").value = readFileSync(path.join(FIX, "unicode/transcript-zero-width.json"), "utf8");
  await $("verify").fire("click");
  assert.equal($("summary").className, "summary ok");
  const values = () => $("digests").all().find((e) => e.id === "entropy-values").textContent;
  const hidden = values();
  assert.match(hidden, /lotto-2026-12-05: ⟨U\+200B⟩Lotto 5 december 2026: 3 14 15 22 35 41⟨U\+200B⟩/);
  assert.ok(!hidden.includes("\u200b"), "the invisible character itself is not shown");
  $("paste").value = example;
  await $("verify").fire("click");
  const plain = values();
  assert.ok(plain.includes(`lotto-2026-12-05: ${lotto}`) && !plain.includes("⟨"), plain);
  assert.notEqual(hidden, plain);
});

test("page: a record of substitutions gives the final list and the final outcome (SPEC §15)", async () => {
  const { $ } = await loadPage("nl-NL");
  const inBox = (id) => $("amendments").all().find((e) => e.id === id);
  const record = readVector(path.join(FIX, "amendments/valid-one-decline.txt")).body;
  const file = { arrayBuffer: async () => record.buffer.slice(record.byteOffset, record.byteOffset + record.length) };
  $("paste").value = example;
  await $("amendfile").fire("change", { target: { files: [file] } });
  assert.equal(inBox("amend-summary").className, "summary ok");
  const places = inBox("final-list").all().filter((e) => e.tagName === "LI");
  assert.deepEqual(places.map((e) => e.attrs["data-holder"]), ["recipient", "recipient", "reserve", "recipient", "recipient"]);
  $("pid").value = "ZUID-004";
  $("pcode").value = codeOf("ZUID-004");
  await $("pform").fire("submit");
  assert.equal(firstParagraph($("answer").textContent), "Uw lot zat in de trekking (gewicht 1). U was reserve 1 en bent doorgeschoven naar plaats 3: u ontvangt de schenking.");
  $("pid").value = "ZUID-024";
  $("pcode").value = codeOf("ZUID-024");
  await $("pform").fire("submit");
  assert.equal(firstParagraph($("answer").textContent), "Uw lot zat in de trekking (gewicht 1). U had plaats 3; die is op 10 december 2026 vrijgekomen: ziet af.");

  const bad = readVector(path.join(FIX, "amendments/failed-reserve-skipped-without-event.txt")).body;
  await $("amendfile").fire("change", { target: { files: [{ arrayBuffer: async () => bad.buffer.slice(bad.byteOffset, bad.byteOffset + bad.length) }] } });
  assert.equal(inBox("amend-summary").className, "summary bad");
  assert.match(inBox("amend-summary").textContent, /amendments-rules/);
});

test("page: a v4 transcript (SPEC §17) shows each list in turn, the pairs by place, and the companion answer, in Dutch and English", async () => {
  const { buildV4, TRAVEL } = await import("./v4-docs.mjs");
  const { transcript, receipts: rcs } = await buildV4(TRAVEL);
  const { $ } = await loadPage("nl-NL");
  $("paste").value = JSON.stringify(transcript, null, 2);
  await $("verify").fire("click");
  assert.equal($("summary").className, "summary ok", $("summary").textContent);
  const items = $("checks").all().filter((e) => e.tagName === "LI");
  assert.deepEqual(items.map((e) => e.attrs["data-check"]), ["format", "commitment-digest", "canonical-order", "counts", "pot", "companions", "seed-commitment", "entropy-plan", "beacon", "draw-replay", "result"]);
  assert.ok(items.every((e) => e.attrs["data-status"] === "passed"));
  assert.match($("method").textContent, /^Methode: potdraw v4 /);
  const lists = () => $("digests").all().filter((e) => e.attrs.class === "list");
  const [a, b] = lists();
  assert.deepEqual([a.attrs["data-list"], b.attrs["data-list"]], ["ontvangers", "reisgenoten"]);
  const h = (e, tag) => e.all().filter((x) => x.tagName === tag).map((x) => x.textContent);
  assert.deepEqual(h(a, "H3"), ["Lijst 1: ontvangers"]);
  assert.deepEqual(h(b, "H3"), ["Lijst 2: reisgenoten"]);
  assert.equal(h(a, "P")[0], "Regel: zoveel ontvangers als de pot kan betalen. Met € 65.000,00 zijn 5 schenkingen van € 12.000,00 te betalen, en er blijft € 5.000,00 over.");
  assert.equal(h(a, "P")[1], "Uit 12 loten met een totaal gewicht van 16 zijn 5 ontvangers en 3 reserves getrokken.");
  assert.equal(h(b, "P")[1], "Uit 9 loten met een totaal gewicht van 9 zijn 5 reisgenoten en 2 reserves getrokken.");
  assert.deepEqual(h(b, "H4"), ["Reisduo's per plaats: lijst reisgenoten reist mee met lijst ontvangers", "Reisgenoten (per lot)", "Reserves (per lot)"]);
  const pairs = b.all().filter((x) => x.attrs["data-place"]).map((x) => x.textContent);
  assert.deepEqual(pairs, [1, 2, 3, 4, 5].map((j) => `plaats ${j}: ontvanger #${j} ↔ reisgenoot #${j}`));
  assert.equal(a.all().filter((x) => x.attrs["data-place"]).length, 0);
  // the tickets shown are the transcript's, list by list
  const shown = (e) => e.all().filter((x) => x.tagName === "OL" && x.attrs.class === "digest").flatMap((ol) => ol.children.map((li) => li.textContent));
  assert.deepEqual(shown(a), transcript.lists[0].result.map((x) => x.leaf));
  assert.deepEqual(shown(b), transcript.lists[1].result.map((x) => x.leaf));

  // the travel companion of place 3
  const rc = rcs.find((x) => x.leaf === transcript.lists[1].result[2].leaf);
  $("pid").value = rc.id;
  $("pcode").value = rc.code;
  await $("pform").fire("submit");
  assert.equal(firstParagraph($("answer").textContent), "Uw lot zat in de trekking van lijst reisgenoten (gewicht 1). U bent getrokken als reisgenoot nummer 3: u reist mee met plaats 3 van lijst ontvangers. Een reisgenoot krijgt geen schenking.");
  assert.equal($("answer").dataset.outcome, "recipient");
  await $("lang-en").fire("click");
  // the answer is re-made asynchronously in the new language
  for (let i = 0; i < 100 && /^Uw lot/.test($("answer").textContent); i++) await new Promise((r) => setTimeout(r, 10));
  assert.equal(firstParagraph($("answer").textContent), "Your ticket was in the draw of list reisgenoten (weight 1). You were drawn as travel companion number 3: you travel with place 3 of list ontvangers. A travel companion receives no grant.");
  const [ea, eb] = lists();
  assert.deepEqual(h(ea, "H3"), ["List 1: ontvangers"]);
  assert.equal(h(ea, "P")[0], "Rule: as many recipients as the pot pays. € 65,000.00 pays 5 grants of € 12,000.00, and € 5,000.00 is left over.");
  assert.match(h(eb, "P")[0], /^Rule: the travel companions of list ontvangers, as many as that list has recipients\./);
  assert.deepEqual(eb.all().filter((x) => x.attrs["data-place"]).map((x) => x.textContent)[0], "place 1: recipient #1 ↔ travel companion #1");

  // a record of substitutions names no list: refused for a draw with several lists (SPEC §17.10)
  const rec = Buffer.from(JSON.stringify({ format: "potdraw/amendments/v1", transcript: "0".repeat(64), events: [] }));
  await $("amendfile").fire("change", { target: { files: [{ arrayBuffer: async () => rec.buffer.slice(rec.byteOffset, rec.byteOffset + rec.length) }] } });
  const sum = $("amendments").all().find((e) => e.id === "amend-summary");
  assert.equal(sum.className, "summary bad");
  assert.match(sum.textContent, /^This record of substitutions cannot be used with this draw/);
});

test("page: a v2 record of substitutions (SPEC §15.8) with a v4 transcript: each list's final list, the events with the undo, the answers, in Dutch and English", async () => {
  const two = JSON.parse(readFileSync(path.join(FIX, "v4/two-lists/transcript.json"), "utf8"));
  const rcs = readFileSync(path.join(FIX, "v4/two-lists/receipts.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
  const { $ } = await loadPage("nl-NL");
  const inBox = () => $("amendments").all();
  const asFile = (text) => {
    const b = Buffer.from(text);
    return { target: { files: [{ arrayBuffer: async () => b.buffer.slice(b.byteOffset, b.byteOffset + b.length) }] } };
  };
  const events = [
    { seq: 1, date: "2026-12-15", list: "reisgenoten", place: 2, reason: "declined", taken_by: 1 },
    { seq: 2, date: "2026-12-15", list: "ontvangers", place: 2, reason: "declined", taken_by: 1 },
    { seq: 3, date: "2026-12-16", undoes: 2 },
  ];
  $("paste").value = JSON.stringify(two);
  await $("amendfile").fire("change", asFile(JSON.stringify({ format: "potdraw/amendments/v2", transcript: transcriptDigest(two), events })));
  const summary = () => inBox().find((e) => e.id === "amend-summary");
  assert.equal(summary().className, "summary ok", summary().textContent);
  assert.equal(summary().textContent, "Het register van vervangingen volgt de regels (3 gebeurtenissen; 1 gebeurtenis is teruggedraaid).");
  const finals = () => inBox().filter((e) => e.attrs.class === "final-list");
  assert.deepEqual(finals().map((e) => e.attrs["data-list"]), ["ontvangers", "reisgenoten"]);
  const holders = (ol) => ol.children.map((li) => li.attrs["data-holder"]);
  assert.deepEqual(holders(finals()[0]), ["recipient", "recipient", "recipient", "recipient", "recipient"], "the undone decline made nobody leave");
  assert.deepEqual(holders(finals()[1]), ["recipient", "reserve", "recipient", "recipient", "recipient"]);
  const leafOf = (li) => li.children.find((c) => c.attrs && c.attrs.class === "digest").textContent.trim();
  assert.equal(leafOf(finals()[1].children[1]), two.lists[1].result.find((x) => x.role === "reserve" && x.rank === 1).leaf);
  assert.equal(finals()[1].children[0].textContent.split(" ").slice(0, 3).join(" "), "plaats 1: reisgenoot");
  const shownEvents = () => inBox().find((e) => e.id === "amend-events").children.map((li) => li.textContent);
  assert.deepEqual(shownEvents(), [
    "#1 15 december 2026: lijst reisgenoten, plaats 2 vrijgekomen (ziet af), reserve 1 schuift door",
    "#2 15 december 2026: lijst ontvangers, plaats 2 vrijgekomen (ziet af), reserve 1 schuift door — teruggedraaid bij #3",
    "#3 16 december 2026: gebeurtenis 2 teruggedraaid",
  ]);
  const h3 = () => inBox().filter((e) => e.tagName === "H3").map((e) => e.textContent);
  assert.deepEqual(h3(), ["Lijst 1: ontvangers", "Lijst 2: reisgenoten (reisgenoten van lijst ontvangers)", "De gebeurtenissen in het register, op volgorde"]);

  // reserve 1 of reisgenoten moved up to place 2: a travel companion, never a grant
  const leaf = two.lists[1].result.find((x) => x.role === "reserve" && x.rank === 1).leaf;
  const rc = rcs.find((x) => x.leaf === leaf);
  $("pid").value = rc.id;
  $("pcode").value = rc.code;
  await $("pform").fire("submit");
  assert.equal(firstParagraph($("answer").textContent), "Uw lot zat in de trekking van lijst reisgenoten (gewicht 1). U was reserve 1 en bent doorgeschoven naar plaats 2: u reist mee met plaats 2 van lijst ontvangers. Een reisgenoot krijgt geen schenking.");
  assert.equal($("answer").dataset.outcome, "moved-up");

  await $("lang-en").fire("click");
  for (let i = 0; i < 100 && /^Uw lot/.test($("answer").textContent); i++) await new Promise((r) => setTimeout(r, 10));
  assert.equal(firstParagraph($("answer").textContent), "Your ticket was in the draw of list reisgenoten (weight 1). You were reserve 1 and moved up to place 2: you travel with place 2 of list ontvangers. A travel companion receives no grant.");
  assert.equal(summary().textContent, "The record of substitutions follows the rules (3 events; 1 event was undone).");
  assert.deepEqual(shownEvents(), [
    "#1 15 December 2026: list reisgenoten, place 2 vacated (declined), reserve 1 moves up",
    "#2 15 December 2026: list ontvangers, place 2 vacated (declined), reserve 1 moves up — undone by #3",
    "#3 16 December 2026: event 2 undone",
  ]);
  assert.deepEqual(h3(), ["List 1: ontvangers", "List 2: reisgenoten (travel companions of list ontvangers)", "The events of the record, in order"]);

  // a record that breaks a rule: the failed check, the event, and the rule in words
  await $("amendfile").fire("change", asFile(JSON.stringify({ format: "potdraw/amendments/v2", transcript: transcriptDigest(two), events: [{ seq: 1, date: "2026-12-15", place: 2, reason: "declined", taken_by: 1 }] })));
  assert.equal(summary().className, "summary bad");
  assert.match(summary().textContent, /check amendments-rules failed at event 1\./);
  assert.equal(inBox().find((e) => e.id === "amend-why").textContent, "In a draw with several lists, every event must name its list.");
  await $("lang-nl").fire("click");
  assert.match(summary().textContent, /controle amendments-rules mislukt bij gebeurtenis 1\./);
  assert.equal(inBox().find((e) => e.id === "amend-why").textContent, "Bij een loting met meerdere lijsten moet elke gebeurtenis haar lijst noemen.");
});

// Issue 29: the language follows the slip (#…&lang=nl), then the page's own
// (`potdraw web --lang nl`), and the phone's only as the fallback.
test("page: the slip's language, then the page's, then the phone's", async () => {
  const id = receipts[0].id, code = codeOf(receipts[0].id);
  const fromSlip = await loadPage("en-US", { hash: `#id=${encodeURIComponent(id)}&code=${code}&lang=nl` });
  assert.equal(fromSlip.$("verify").textContent, "Controleren", "an English phone, a Dutch slip: Dutch");
  assert.equal(fromSlip.$("pid").value, id);
  const fromPage = await loadPage("en-US", { preset: "nl" });
  assert.equal(fromPage.$("verify").textContent, "Controleren", "a page written in Dutch");
  const english = await loadPage("nl-NL", { preset: "en" });
  assert.notEqual(english.$("verify").textContent, "Controleren", "a page written in English, on a Dutch phone");
  const phone = await loadPage("nl-NL");
  assert.equal(phone.$("verify").textContent, "Controleren", "no slip, no page language: the phone's");
  globalThis.location = undefined;
});

// Issue 29: every sentence and check detail of the page in both languages, amounts as money.
const ENGLISH_WORDS = /\b(the|and|with|from|you|your|ticket|tickets|grant|grants|recipient|recipients|entries|source|sources|expected|found|invalid|cannot|which|this|picks|weight|total|match|replayed|surplus|cents|announced|revealed|order|list|lists|travel|companion|companions|file|line)\b/i;
const textOf = (e) => e.all().filter((x) => x.tagName !== "CODE").flatMap((x) => x.children.filter((c) => !(c.text === undefined)).map((c) => c.text)).join(" ");

test("page, several lists: every check line in Dutch, amounts as money; in English when switched", async () => {
  const { $ } = await loadPage("en-US", { preset: "nl" });
  $("paste").value = readFileSync(path.join(FIX, "v4/two-lists/transcript.json"), "utf8");
  await $("verify").fire("click");
  assert.equal($("summary").className, "summary ok");
  const lines = $("checks").all().filter((e) => e.tagName === "LI");
  assert.equal(lines.length, 11); // every check but published-commitment (no commitment was given)
  for (const li of lines) {
    const detail = li.all().filter((e) => e.className === "detail").map((e) => e.textContent).join(" ").replace(/potdraw\/[\w/]+/g, "");
    assert.doesNotMatch(detail, ENGLISH_WORDS, `${li.attrs["data-check"]}: ${detail}`);
  }
  const pot = lines.find((e) => e.attrs["data-check"] === "pot").textContent;
  assert.match(pot, /lijst 1 \(ontvangers\): 5 schenkingen van € 12\.000,00 uit een pot van € 65\.000,00; er blijft € 5\.000,00 over/);
  assert.match(lines.find((e) => e.attrs["data-check"] === "counts").textContent, /lijst 2 \(reisgenoten\): 9 loten, totaal gewicht 11, 5 reisgenoten en 2 reserves/);
  await $("lang-en").fire("click");
  const potEn = $("checks").all().find((e) => e.attrs && e.attrs["data-check"] === "pot").textContent;
  assert.match(potEn, /list 1 \(ontvangers\): 5 grants of € 12,000\.00 from a pot of € 65,000\.00; € 5,000\.00 is left over/);
});

test("page: a file that cannot be read, or the wrong file, is said in the reader's language with what to choose", async () => {
  const { $ } = await loadPage("en-US", { preset: "nl" });
  const cases = [
    [readFileSync(path.join(FIX, "v4/two-lists/commitment.json"), "utf8"), /^Dit transcript is niet te lezen, dus er is niets gecontroleerd: U koos de vastlegging \(commitment\.json\).* Kies hier het transcript: transcript\.json\.$/],
    ['{\n  "format": "potdraw/transcript/v1",\n  "x": [1,,2]\n}', /^Dit transcript is niet te lezen, .*: het is geen JSON-bestand zoals potdraw het schrijft: de tekst loopt mis op regel 3, kolom \d+\.$/],
    [readFileSync(path.join(FIX, "example/receipts.jsonl"), "utf8").split("\n")[0], /U koos een bewijsje/],
    ['{"format": "potdraw/transcript/v1"}', /^Dit transcript is niet te lezen, .*: het heeft niet de vorm die SPEC §7 voorschrijft, bij transcript\.$/],
  ];
  for (const [text, want] of cases) {
    $("paste").value = text;
    await $("verify").fire("click");
    assert.equal($("summary").className, "summary bad");
    assert.match($("summary").textContent, want);
    assert.doesNotMatch(textOf($("summary")), ENGLISH_WORDS, $("summary").textContent);
  }
  await $("lang-en").fire("click");
  $("paste").value = cases[0][0];
  await $("verify").fire("click");
  assert.match($("summary").textContent, /^This transcript cannot be read, so nothing was verified: You chose the commitment \(commitment\.json\)/);
});

test("page: a v5 transcript (SPEC §19) calls every list by its display name: lists, check lines, answers, a v2 record's events, in Dutch and English", async () => {
  const dir = path.join(FIX, "v5/two-neighbourhoods");
  const five = JSON.parse(readFileSync(path.join(dir, "transcript.json"), "utf8"));
  const rcs = readFileSync(path.join(dir, "receipts.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
  const { $ } = await loadPage("nl-NL");
  const asFile = (text) => {
    const b = Buffer.from(text);
    return { target: { files: [{ arrayBuffer: async () => b.buffer.slice(b.byteOffset, b.byteOffset + b.length) }] } };
  };
  const events = [{ seq: 1, date: "2026-12-15", list: "reisgenoten-noord", place: 2, reason: "declined", taken_by: 1 }];
  $("paste").value = JSON.stringify(five);
  await $("amendfile").fire("change", asFile(JSON.stringify({ format: "potdraw/amendments/v2", transcript: transcriptDigest(five), events })));
  assert.equal($("summary").className, "summary ok", $("summary").textContent);
  assert.match($("method").textContent, /^Methode: potdraw v5 /);
  const items = $("checks").all().filter((e) => e.tagName === "LI");
  assert.deepEqual(items.map((e) => e.attrs["data-check"]), ["format", "commitment-digest", "canonical-order", "counts", "pot", "companions", "seed-commitment", "entropy-plan", "beacon", "draw-replay", "result"]);
  const line = (name) => items.find((e) => e.attrs["data-check"] === name).textContent;
  assert.match(line("companions"), /lijst 3 \(Reisgenoten Noord\): 5 reisgenoten van lijst Noord; lijst 4 \(Reisgenoten Zuid\): 4 reisgenoten van lijst Zuid – Rivierenwijk/);
  assert.match(line("draw-replay"), /: Noord 8 trekkingen, Zuid – Rivierenwijk 6 trekkingen, Reisgenoten Noord 7 trekkingen, Reisgenoten Zuid 5 trekkingen$/);
  const h = (e, tag) => e.all().filter((x) => x.tagName === tag).map((x) => x.textContent);
  const lists = () => $("digests").all().filter((e) => e.attrs.class === "list");
  assert.deepEqual(lists().map((e) => e.attrs["data-list"]), ["noord", "zuid", "reisgenoten-noord", "reisgenoten-zuid"]);
  assert.deepEqual(lists().flatMap((e) => h(e, "H3")), ["Lijst 1: Noord", "Lijst 2: Zuid – Rivierenwijk", "Lijst 3: Reisgenoten Noord", "Lijst 4: Reisgenoten Zuid"]);
  assert.match(h(lists()[2], "P")[0], /^Regel: de reisgenoten van lijst Noord, evenveel als die lijst ontvangers heeft\. Reisgenoot nummer 1 reist met plaats 1 van lijst Noord,/);
  assert.equal(h(lists()[3], "H4")[0], "Reisduo's per plaats: lijst Reisgenoten Zuid reist mee met lijst Zuid – Rivierenwijk");
  const inBox = () => $("amendments").all();
  assert.deepEqual(inBox().filter((e) => e.tagName === "H3").map((e) => e.textContent), ["Lijst 1: Noord", "Lijst 2: Zuid – Rivierenwijk", "Lijst 3: Reisgenoten Noord (reisgenoten van lijst Noord)", "Lijst 4: Reisgenoten Zuid (reisgenoten van lijst Zuid – Rivierenwijk)", "De gebeurtenissen in het register, op volgorde"]);
  assert.deepEqual(inBox().find((e) => e.id === "amend-events").children.map((li) => li.textContent), ["#1 15 december 2026: lijst Reisgenoten Noord, plaats 2 vrijgekomen (ziet af), reserve 1 schuift door"]);
  // a travel companion of Noord, and the reserve who moved up
  const R = five.lists[2].result;
  const answer = async (leaf) => {
    const rc = rcs.find((x) => x.leaf === leaf);
    $("pid").value = rc.id;
    $("pcode").value = rc.code;
    await $("pform").fire("submit");
    return firstParagraph($("answer").textContent);
  };
  assert.equal(await answer(R[0].leaf), "Uw lot zat in de trekking van lijst Reisgenoten Noord (gewicht 1). U bent getrokken als reisgenoot nummer 1: u reist mee met plaats 1 van lijst Noord. Een reisgenoot krijgt geen schenking.");
  assert.equal(await answer(R[5].leaf), "Uw lot zat in de trekking van lijst Reisgenoten Noord (gewicht 1). U was reserve 1 en bent doorgeschoven naar plaats 2: u reist mee met plaats 2 van lijst Noord. Een reisgenoot krijgt geen schenking.");
  await $("lang-en").fire("click");
  for (let i = 0; i < 100 && /^Uw lot/.test($("answer").textContent); i++) await new Promise((r) => setTimeout(r, 10));
  assert.equal(firstParagraph($("answer").textContent), "Your ticket was in the draw of list Reisgenoten Noord (weight 1). You were reserve 1 and moved up to place 2: you travel with place 2 of list Noord. A travel companion receives no grant.");
  assert.equal(await answer(R[0].leaf), "Your ticket was in the draw of list Reisgenoten Noord (weight 1). You were drawn as travel companion number 1: you travel with place 1 of list Noord. A travel companion receives no grant.");
  assert.deepEqual(lists().flatMap((e) => h(e, "H3")), ["List 1: Noord", "List 2: Zuid – Rivierenwijk", "List 3: Reisgenoten Noord", "List 4: Reisgenoten Zuid"]);
  assert.deepEqual(inBox().find((e) => e.id === "amend-events").children.map((li) => li.textContent), ["#1 15 December 2026: list Reisgenoten Noord, place 2 vacated (declined), reserve 1 moves up"]);
  assert.match($("method").textContent, /^Method: potdraw v5 /);
  // nowhere on the page a list's bare name in words
  const all = [$("checks"), $("digests"), $("amendments"), $("answer")].map((e) => e.textContent).join("\n");
  for (const name of ["noord", "zuid", "reisgenoten-noord", "reisgenoten-zuid"]) assert.doesNotMatch(all, new RegExp(`\\b(list|lijst) ${name}\\b`));
});
