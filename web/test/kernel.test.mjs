// Kernel vectors (fixtures/v1/kernel) and the independent reference vectors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { FIX, readVector, listVectors, hexToBytes } from "./helpers.mjs";
import * as V from "../potdraw-verify.js";

const seedWords = (hex, count) => {
  const s = new V.Stream(hexToBytes(hex));
  return Array.from({ length: count }, () => s.next().toString(16).padStart(16, "0"));
};

for (const file of listVectors("v1/kernel")) {
  test(`kernel ${path.basename(file)}`, async () => {
    const { headers, body } = readVector(file);
    assert.equal(headers.kind, "kernel");
    assert.equal(headers.expect, "match");
    const { inputs, outputs } = JSON.parse(body.toString("utf8"));
    switch (headers.vector) {
      case "leaf":
        assert.equal(V.toHex(await V.leafOf(inputs.id, hexToBytes(inputs.salt))), outputs.leaf);
        break;
      case "seed-commitment":
        assert.equal(V.toHex(await V.seedCommitmentOf(hexToBytes(inputs.seed))), outputs.seed_commitment);
        break;
      case "entropy":
        for (const s of inputs.sources) if (s.kind === "dice") assert.ok(s.faces === 6 || s.faces === 10);
        assert.equal(V.toHex(await V.entropyDigest(inputs.sources)), outputs.entropy_digest);
        break;
      case "receipt-code": {
        const salt = hexToBytes(inputs.salt);
        const D = hexToBytes(inputs.commitment_digest);
        const { code, check } = V.encodeCode(salt, D);
        assert.equal(code, outputs.code);
        assert.equal(check, outputs.check);
        assert.deepEqual(V.readCode(code.toLowerCase(), D), salt);
        break;
      }
      case "stream":
        assert.deepEqual(seedWords(inputs.draw_seed, outputs.words.length), outputs.words);
        break;
      case "uniform": {
        const s = new V.Stream(hexToBytes(inputs.draw_seed));
        assert.deepEqual(inputs.m.map((m) => s.uniform(BigInt(m)).toString()), outputs.values);
        assert.equal(s.consumed, outputs.words_consumed);
        break;
      }
      case "selection":
        assert.deepEqual(V.select(hexToBytes(inputs.draw_seed), inputs.weights, inputs.picks), outputs.positions);
        break;
      default:
        assert.fail(`unknown vector ${headers.vector}`);
    }
  });
}

test("independent-python.json: every case", async () => {
  const ref = JSON.parse(readFileSync(path.join(FIX, "v1/reference/independent-python.json"), "utf8"));
  let n = 0;
  for (const { what, inputs: i, expect: x } of ref.cases) {
    n++;
    if ("hash_hex" in x) {
      assert.equal(await V.Hhex(i.tag, ...i.fields_hex.map(hexToBytes)), x.hash_hex, what);
    } else if ("seed_commitment_hex" in x) {
      assert.equal(V.toHex(await V.seedCommitmentOf(hexToBytes(i.seed_hex))), x.seed_commitment_hex, what);
    } else if ("leaf_hex" in x) {
      const id = Buffer.from(i.id_utf8_hex, "hex").toString("utf8");
      if (x.nfc_id_utf8_hex) assert.equal(Buffer.from(id.normalize("NFC"), "utf8").toString("hex"), x.nfc_id_utf8_hex);
      assert.equal(V.toHex(await V.leafOf(id, hexToBytes(i.salt_hex))), x.leaf_hex, what);
    } else if ("entropy_digest_hex" in x) {
      const sources = i.sources.map((s) => ({ kind: s.kind, value: s.value ?? Buffer.from(s.value_utf8_hex, "hex").toString("utf8") }));
      assert.equal(V.toHex(await V.entropyDigest(sources)), x.entropy_digest_hex, what);
    } else if ("draw_seed_hex" in x) {
      const d = await V.drawSeedOf(hexToBytes(i.commitment_digest_hex), hexToBytes(i.seed_hex), hexToBytes(i.entropy_digest_hex));
      assert.equal(V.toHex(d), x.draw_seed_hex, what);
    } else if ("words_hex" in x) {
      assert.deepEqual(seedWords(i.draw_seed_hex, x.words_hex.length), x.words_hex, what);
    } else if ("values" in x) {
      const s = new V.Stream(hexToBytes(i.draw_seed_hex));
      assert.deepEqual(i.m.map((m) => s.uniform(BigInt(m)).toString()), x.values, what);
      assert.equal(s.consumed, x.words_consumed, what);
    } else if ("positions" in x || "first_20_positions" in x) {
      const weights = i.weights ?? Array.from({ length: 1000 }, (_, j) => ((j * 37) % 5) + 1);
      const picks = V.select(hexToBytes(i.draw_seed_hex), weights, i.picks);
      if (x.positions) assert.deepEqual(picks, x.positions, what);
      else {
        assert.deepEqual(picks.slice(0, 20), x.first_20_positions, what);
        assert.deepEqual(picks.slice(-5), x.last_5_positions, what);
      }
    } else if ("jcs_utf8_hex" in x) {
      // the case gives the value itself; the JS value goes through the strict parser as text
      const v = await V.parseJSON(JSON.stringify(i.json));
      const bytes = V.jcsBytes(v);
      assert.equal(Buffer.from(bytes).toString("hex"), x.jcs_utf8_hex, what);
      assert.equal(V.jcsText(v), x.jcs_text, what);
      assert.equal(await V.Hhex(V.TAGS.commitment, bytes), x.commitment_digest_hex, what);
    } else assert.fail(`unknown case: ${what}`);
  }
  assert.equal(n, ref.cases.length);
});

test("SPEC §11.3 inline vectors: receipt codes and stream", async () => {
  const S = hexToBytes("000102030405060708090a0b0c0d0e0f");
  const D11 = new Uint8Array(32).fill(0x11);
  assert.equal(V.encodeCode(S, D11).code, "0004-1061-050R-3GG2-8A1C-60T3-GFDC");
  assert.equal(V.encodeCode(S, D11).check, 428);
  assert.equal(V.encodeCode(S, new Uint8Array(32)).code, "0004-1061-050R-3GG2-8A1C-60T3-GF5E");
  assert.equal(V.encodeCode(new Uint8Array(16).fill(0xff), D11).code, "7ZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZW3");
  assert.deepEqual(V.readCode("0oo4 1o61 050r 3gg2 8a1c 60t3 gfdc", D11), S);
  assert.deepEqual(seedWords("00".repeat(32), 4), ["903df1a0ade0b876", "28bd8653e56a5d40", "1aed8da0b819d2bd", "c70d778bccef36a8"]);
  const s = new V.Stream(new Uint8Array(32).fill(7));
  const ms = ["1", "3", "100", "9223372036854775809", "9223372036854775809", "9223372036854775809", "18446744073709551615", "6"];
  assert.deepEqual(ms.map((m) => s.uniform(BigInt(m)).toString()), ["0", "1", "28", "2493974645020279109", "8545961352640693675", "7773193665626430936", "18231815251767690295", "4"]);
  assert.equal(s.consumed, 10);
});

test("read_code errors, in order: bad-character, length, range, check", () => {
  const D = new Uint8Array(32).fill(0x11);
  const kind = (t) => {
    try {
      V.readCode(t, D);
      return "ok";
    } catch (e) {
      assert.ok(e instanceof V.CodeError);
      return e.kind;
    }
  };
  assert.equal(kind("0004-1061-050R-3GG2-8A1C-60T3-GFDC"), "ok");
  assert.equal(kind("\u00a0 0004-1061-050R-3GG2-8A1C-60T3-GFDC\u3000"), "ok");
  assert.equal(kind("U004-1061-050R"), "bad-character");
  assert.equal(kind("0004\t1061-050R-3GG2-8A1C-60T3-GFDC"), "bad-character");
  assert.equal(kind("\ufeff0004-1061-050R-3GG2-8A1C-60T3-GFDC"), "bad-character");
  assert.equal(kind("0004-1061-050R-3GG2-8A1C-60T3-GFD"), "length");
  assert.equal(kind("8004-1061-050R-3GG2-8A1C-60T3-GFDC"), "range");
  assert.equal(kind("0004-1061-050R-3GG2-8A1C-60T3-GFDD"), "check");
  assert.equal(kind("0004-1061-050R-3GG2-8A1C-60T3-FGDC"), "check");
});

test("strict JSON: duplicates, floats, big integers, surrogates, trailing content", async () => {
  const bad = ['{"a":1,"a":2}', '{"a":1.0}', '{"a":1E2}', '{"a":-0}', '{"a":01}', '{"a":18446744073709551616}', '"\\ud800"', '"\\udc00\\ud800"', "{} x", "[1,]", "{,}", '{"a" 1}', "", "[", '"a\nb"', "nul"];
  for (const t of bad) await assert.rejects(V.parseJSON(t), V.Unusable, t);
  const ok = await V.parseJSON(Buffer.from('\ufeff {"b":[18446744073709551615, "\\ud83d\\ude00", {}, []], "a": null} \n'));
  assert.equal(ok.get("b")[0], 18446744073709551615n);
  assert.equal(ok.get("b")[1], "\u{1f600}");
  await assert.rejects(V.parseJSON(Uint8Array.from([0x22, 0xff, 0x22])), V.Unusable);
  assert.throws(() => V.jcsText(ok), /2\^53/);
  assert.equal(V.jcsText(await V.parseJSON('{"\ufb33":1,"\u{1f600}":2,"a":[true,false,null,"\\u001f\\u007f/"]}')), '{"a":[true,false,null,"\\u001f\u007f/"],"\u{1f600}":2,"\ufb33":1}');
});
