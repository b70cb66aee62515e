// Version 4, several lists (SPEC §17): the inline examples of §17.3 and §17.4,
// recomputed by the JS verifier, and each compared with the SPEC's own text.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./helpers.mjs";
import * as V from "../potdraw-verify.js";

const SPEC = readFileSync(path.join(ROOT, "docs/SPEC.md"), "utf8");
const section = (from, to) => SPEC.slice(SPEC.indexOf(from), SPEC.indexOf(to));
const S = Uint8Array.from({ length: 16 }, (_, i) => i); // 000102…0f
const DRAW_SEED = Uint8Array.from({ length: 32 }, (_, i) => i); // 000102…1e1f

test("§17.3 example: the leaf binds the list name", async () => {
  const text = section("### §17.3", "### §17.4");
  const want = {
    reisgenoten: "398b57b426e7400700b124b4c1fa8e0f8acb78d37ee6fc102d0ace825ef0e1ea",
    ontvangers: "152b8cda51af53f27b961b56b9e8e5b7c9b5219abef2c2e12399a901281aea31",
    v1: "9d79e372bb489743400e008a39d2a59699f28333e1b5d936ce574355dad680ae",
  };
  for (const h of Object.values(want)) assert.ok(text.includes(h), `§17.3 no longer shows ${h}`);
  assert.ok(text.includes("`52 65 6e c3 a9`"));
  assert.deepEqual([...V.utf8("René".normalize("NFC"))], [0x52, 0x65, 0x6e, 0xc3, 0xa9]);
  assert.equal(V.toHex(await V.leafOfV4("reisgenoten", "René", S)), want.reisgenoten);
  assert.equal(V.toHex(await V.leafOfV4("ontvangers", "René", S)), want.ontvangers);
  assert.equal(V.toHex(await V.leafOf("René", S)), want.v1);
  // NFD input gives the same leaf: the id is normalised, the name is not
  assert.equal(V.toHex(await V.leafOfV4("reisgenoten", "Rene\u0301", S)), want.reisgenoten);
  // the tag's fields are name, id, salt, each length-prefixed (§3.1): not the concatenation
  assert.notEqual(V.toHex(await V.H("potdraw/v4/entry", V.utf8("reisgenotenRené"), S)), want.reisgenoten);
  assert.equal(V.toHex(await V.H("potdraw/v4/entry", V.utf8("reisgenoten"), V.utf8("René"), S)), want.reisgenoten);
});

test("§17.4 example: list seeds, first stream words, select over ten weights 1", async () => {
  const text = section("### §17.4", "### §17.5");
  const want = [
    { name: "ontvangers", seed: "7a13cab86daa95a5ae9bca92f60c1bb69e9e5002570d6c6213f38db2899aebd1", words: ["69af0259be41d670", "7f841b583a1dfd3c"], picks: [2, 4, 9, 8, 1, 7, 3, 5] },
    { name: "reisgenoten", seed: "73964bcb47dec393a62772c7c1184469b35bce2e7350832c9ca08fed1983bb31", words: ["70b1fa5b029ddfc0", "a9bb698ec60847c8"], picks: [4, 7, 9, 0, 6, 1, 5, 2] },
  ];
  for (const w of want) {
    // the SPEC's text shows exactly these values
    assert.ok(text.includes(`list_seed(${w.name})`) && text.includes(w.seed), w.name);
    assert.ok(text.includes(`0x${w.words[0]}, 0x${w.words[1]}`), w.name);
    assert.ok(text.includes(`select(list_seed, ten weights 1, 8) = ${w.picks.join(" ")}`), w.name);
    const ls = await V.listSeedOf(DRAW_SEED, w.name);
    assert.equal(V.toHex(ls), w.seed);
    const s = new V.Stream(ls);
    assert.deepEqual([s.next(), s.next()].map((x) => x.toString(16).padStart(16, "0")), w.words);
    assert.deepEqual(V.select(ls, Array(10).fill(1), 8), w.picks);
  }
  // the list seed is never the draw seed itself: its stream differs (§1.3)
  assert.notEqual(new V.Stream(DRAW_SEED).next().toString(16), want[0].words[0]);
});
