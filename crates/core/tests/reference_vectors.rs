//! Protocol v1 values computed by an independent implementation (Python
//! hashlib and a hand-written ChaCha20), shipped in
//! `fixtures/v1/reference/independent-python.json`. Every case must match.
//! The file is a copy of the project's shared reference vectors; when the
//! shared copy is present beside the checkout, it must be identical.

use potdraw_core::{draw, entropy::PlanEntry, entropy::SourceKind, hash, jcs, select, stream::DrawStream};
use serde_json::Value;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn cases() -> Vec<Value> {
    let text = std::fs::read_to_string(root().join("fixtures/v1/reference/independent-python.json")).unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    doc["cases"].as_array().unwrap().clone()
}

fn h32(v: &Value) -> [u8; 32] {
    hex::decode(v.as_str().unwrap()).unwrap().try_into().unwrap()
}

fn bytes(v: &Value) -> Vec<u8> {
    hex::decode(v.as_str().unwrap()).unwrap()
}

fn num(v: &Value) -> u64 {
    v.as_str().map(|s| s.parse().unwrap()).or_else(|| v.as_u64()).unwrap()
}

#[test]
fn copy_matches_shared_reference_when_present() {
    let shared = root().join("../shared/reference-vectors-v1.json");
    if let Ok(text) = std::fs::read(&shared) {
        let ours = std::fs::read(root().join("fixtures/v1/reference/independent-python.json")).unwrap();
        assert_eq!(ours, text, "fixtures/v1/reference differs from {}", shared.display());
    }
}

#[test]
fn every_reference_case_matches() {
    let cases = cases();
    assert_eq!(cases.len(), 12, "a case was added or lost; extend this test");
    let mut checked = 0;
    for case in &cases {
        let what = case["what"].as_str().unwrap();
        let (i, e) = (&case["inputs"], &case["expect"]);
        if let Some(want) = e.get("hash_hex") {
            let fields: Vec<Vec<u8>> = i["fields_hex"].as_array().unwrap().iter().map(bytes).collect();
            let refs: Vec<&[u8]> = fields.iter().map(Vec::as_slice).collect();
            assert_eq!(hex::encode(hash::h(i["tag"].as_str().unwrap(), &refs)), want.as_str().unwrap(), "{what}");
        } else if let Some(want) = e.get("seed_commitment_hex") {
            assert_eq!(hex::encode(hash::seed_commitment(&h32(&i["seed_hex"]))), want.as_str().unwrap(), "{what}");
        } else if let Some(want) = e.get("leaf_hex") {
            let id = String::from_utf8(bytes(&i["id_utf8_hex"])).unwrap();
            let salt: [u8; 16] = bytes(&i["salt_hex"]).try_into().unwrap();
            assert_eq!(hex::encode(hash::leaf(&id, &salt)), want.as_str().unwrap(), "{what}");
            if let Some(nfc) = e.get("nfc_id_utf8_hex") {
                assert_eq!(hex::encode(hash::nfc(&id)), nfc.as_str().unwrap(), "{what}");
            }
        } else if let Some(want) = e.get("entropy_digest_hex") {
            let mut plan = Vec::new();
            let mut values = Vec::new();
            for (n, s) in i["sources"].as_array().unwrap().iter().enumerate() {
                let value = match s.get("value") {
                    Some(v) => v.as_str().unwrap().to_string(),
                    None => String::from_utf8(bytes(&s["value_utf8_hex"])).unwrap(),
                };
                let kind = match s["kind"].as_str().unwrap() {
                    // "31415926" holds a 9: ten-sided dice (digits 0-9) in potdraw's terms.
                    "dice" => SourceKind::Dice { count: value.len() as u64, faces: 10 },
                    _ => SourceKind::Text,
                };
                plan.push(PlanEntry { label: format!("s{n}"), kind });
                values.push(value);
            }
            let refs: Vec<&str> = values.iter().map(String::as_str).collect();
            assert_eq!(hex::encode(draw::entropy_digest(&plan, &refs).unwrap()), want.as_str().unwrap(), "{what}");
        } else if let Some(want) = e.get("draw_seed_hex") {
            let got = hash::draw_seed(
                &h32(&i["commitment_digest_hex"]),
                &h32(&i["seed_hex"]),
                &h32(&i["entropy_digest_hex"]),
            );
            assert_eq!(hex::encode(got), want.as_str().unwrap(), "{what}");
        } else if let Some(want) = e.get("words_hex") {
            let mut s = DrawStream::new(&h32(&i["draw_seed_hex"]));
            for w in want.as_array().unwrap() {
                assert_eq!(format!("{:016x}", s.next_word()), w.as_str().unwrap(), "{what}");
            }
        } else if let Some(want) = e.get("values") {
            let mut s = DrawStream::new(&h32(&i["draw_seed_hex"]));
            for (m, v) in i["m"].as_array().unwrap().iter().zip(want.as_array().unwrap()) {
                assert_eq!(s.uniform(num(m)), num(v), "{what}: uniform({m})");
            }
            assert_eq!(s.words_used(), num(&e["words_consumed"]), "{what}");
        } else if e.get("positions").is_some() || e.get("first_20_positions").is_some() {
            let weights: Vec<u64> = match i.get("weights") {
                Some(w) => w.as_array().unwrap().iter().map(num).collect(),
                None => {
                    assert_eq!(i["weights_rule"], "weight[i] = (i*37 mod 5) + 1 for i in 0..1000");
                    (0..1000u64).map(|i| (i * 37 % 5) + 1).collect()
                }
            };
            let picks = num(&i["picks"]) as usize;
            let seed = h32(&i["draw_seed_hex"]);
            let fast = select::select(&mut DrawStream::new(&seed), &weights, picks).unwrap();
            let walk = select::select_reference(&mut DrawStream::new(&seed), &weights, picks).unwrap();
            assert_eq!(fast, walk, "{what}");
            let as_u64: Vec<u64> = fast.iter().map(|&p| p as u64).collect();
            if let Some(p) = e.get("positions") {
                assert_eq!(as_u64, p.as_array().unwrap().iter().map(num).collect::<Vec<_>>(), "{what}");
            } else {
                let first: Vec<u64> = e["first_20_positions"].as_array().unwrap().iter().map(num).collect();
                let last: Vec<u64> = e["last_5_positions"].as_array().unwrap().iter().map(num).collect();
                assert_eq!(as_u64[..20], first[..], "{what}");
                assert_eq!(as_u64[picks - 5..], last[..], "{what}");
            }
        } else if let Some(want) = e.get("jcs_utf8_hex") {
            let canon = jcs::canonicalize(&i["json"]).unwrap();
            assert_eq!(hex::encode(&canon), want.as_str().unwrap(), "{what}");
            assert_eq!(std::str::from_utf8(&canon).unwrap(), e["jcs_text"].as_str().unwrap(), "{what}");
            assert_eq!(
                hex::encode(hash::commitment_digest(&canon)),
                e["commitment_digest_hex"].as_str().unwrap(),
                "{what}"
            );
        } else {
            panic!("reference case {what:?} has no expectation this test knows");
        }
        checked += 1;
    }
    assert_eq!(checked, cases.len());
}
