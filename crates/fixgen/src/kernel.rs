//! Kernel vectors: small inputs → outputs for each protocol function.

use crate::{clean, fixed_rng, vector};
use anyhow::Result;
use potdraw_core::vector::Expect;
use potdraw_core::{code, hash, select, stream::DrawStream};
use rand_core::RngCore;
use serde_json::{json, Value};
use std::path::Path;

fn seed_of(label: &str) -> [u8; 32] {
    hash::h("potdraw/fixtures/draw-seed", &[label.as_bytes()])
}

fn kernel(dir: &Path, name: &str, what: &str, description: &str, inputs: Value, outputs: Value) -> Result<()> {
    let body = serde_json::to_string_pretty(&json!({"inputs": inputs, "outputs": outputs}))? + "\n";
    vector(
        dir,
        name,
        "kernel",
        Expect::Match,
        &[("vector", what.to_string()), ("description", description.to_string())],
        body,
    )
}

fn selection(dir: &Path, name: &str, description: &str, weights: Vec<u64>, picks: usize) -> Result<()> {
    let seed = seed_of(name);
    let positions = select::select(&mut DrawStream::new(&seed), &weights, picks)?;
    let reference = select::select_reference(&mut DrawStream::new(&seed), &weights, picks)?;
    assert_eq!(positions, reference, "{name}: Fenwick and reference walk disagree");
    kernel(
        dir,
        name,
        "selection",
        description,
        json!({"draw_seed": hex::encode(seed), "weights": weights, "picks": picks}),
        json!({"positions": positions}),
    )
}

pub fn write_all(dir: &Path) -> Result<()> {
    clean(dir)?;
    selection(dir, "selection-uniform-10-pick-10", "every entry picked: a permutation", vec![1; 10], 10)?;
    selection(dir, "selection-single-entry", "one entry, one pick", vec![1], 1)?;
    selection(dir, "selection-weighted-small", "weights 1..=8, 5 picks", (1..=8).collect(), 5)?;
    selection(
        dir,
        "selection-max-weights",
        "weights at the maximum 2^32-1 and 1",
        vec![u32::MAX as u64, 1, u32::MAX as u64, 2, 3],
        4,
    )?;
    selection(
        dir,
        "selection-2000-pick-350",
        "2000 entries with weight (i*7 mod 5)+1, 350 picks (a large scheme)",
        (0..2000u64).map(|i| (i * 7 % 5) + 1).collect(),
        350,
    )?;

    let seed = seed_of("uniform");
    let ms: Vec<u64> = vec![1, 2, 6, 7, 1000, (1 << 32) + 1, (1 << 63) + 1, (1 << 63) + 3, u64::MAX];
    let mut s = DrawStream::new(&seed);
    let values: Vec<String> = ms.iter().map(|&m| s.uniform(m).to_string()).collect();
    kernel(
        dir,
        "uniform-sequence",
        "uniform",
        "uniform(m) called in sequence on one stream; decimal strings because values exceed 2^53",
        json!({"draw_seed": hex::encode(seed), "m": ms.iter().map(u64::to_string).collect::<Vec<_>>()}),
        json!({"values": values, "words_consumed": s.words_used()}),
    )?;

    let mut s = DrawStream::new(&[0x42; 32]);
    let words: Vec<String> = (0..10).map(|_| format!("{:016x}", s.next_word())).collect();
    kernel(
        dir,
        "stream-words",
        "stream",
        "first 10 words; the 9th and 10th cross into the second 64-byte ChaCha20 block",
        json!({"draw_seed": hex::encode([0x42; 32])}),
        json!({"words": words}),
    )?;

    let mut rng = fixed_rng("leaves");
    let ids = ["ZUID-001", "Re\u{301}ne", "R\u{e9}ne", "  spaced id  ", "李小龍-7", "\u{1F600}"];
    for (n, id) in ids.iter().enumerate() {
        let mut salt = [0u8; 16];
        rng.fill_bytes(&mut salt);
        kernel(
            dir,
            &format!("leaf-{n}"),
            "leaf",
            "leaf = H(entry, UTF-8(NFC(id)), salt); the id is given as is (trimming is the CSV reader's job)",
            json!({"id": id, "salt": hex::encode(salt)}),
            json!({"leaf": hex::encode(hash::leaf(id, &salt))}),
        )?;
    }

    for (n, seed) in [[0u8; 32], [0xff; 32], seed_of("commitment")].iter().enumerate() {
        kernel(
            dir,
            &format!("seed-commitment-{n}"),
            "seed-commitment",
            "H(seed-commitment, seed)",
            json!({"seed": hex::encode(seed)}),
            json!({"seed_commitment": hex::encode(hash::seed_commitment(seed))}),
        )?;
    }

    let sources = [
        json!([{"kind": "dice", "faces": 6, "value": "3141526535"}]),
        json!([{"kind": "dice", "faces": 10, "value": "0123456789"}, {"kind": "text", "value": "Lotto 5 de\u{301}cember: 3 14 15"}]),
        json!([{"kind": "text", "value": "Staatsloterij 31-12-2026: 0472815"}, {"kind": "dice", "faces": 6, "value": "66"}]),
    ];
    for (n, src) in sources.iter().enumerate() {
        let mut plan = Vec::new();
        let mut values = Vec::new();
        for (i, s) in src.as_array().unwrap().iter().enumerate() {
            let value = s["value"].as_str().unwrap().to_string();
            let kind = match s["kind"].as_str().unwrap() {
                "dice" => potdraw_core::entropy::SourceKind::Dice {
                    count: value.len() as u64,
                    faces: s["faces"].as_u64().unwrap(),
                },
                _ => potdraw_core::entropy::SourceKind::Text,
            };
            plan.push(potdraw_core::entropy::PlanEntry { label: format!("s{i}"), kind });
            values.push(value);
        }
        let refs: Vec<&str> = values.iter().map(String::as_str).collect();
        let digest = potdraw_core::draw::entropy_digest(&plan, &refs)?;
        kernel(
            dir,
            &format!("entropy-{n}"),
            "entropy",
            "entropy digest over (kind, value bytes) in plan order; text is NFC-normalised",
            json!({"sources": src}),
            json!({"entropy_digest": hex::encode(digest)}),
        )?;
    }

    for (n, (salt, digest)) in
        [([0u8; 16], [0u8; 32]), ([0xff; 16], [0x11; 32]), (*b"potdraw-receipt!", seed_of("code"))].iter().enumerate()
    {
        kernel(
            dir,
            &format!("receipt-code-{n}"),
            "receipt-code",
            "26 Crockford base-32 digits of the salt, 2 check digits of (salt + digest) mod 1021",
            json!({"salt": hex::encode(salt), "commitment_digest": hex::encode(digest)}),
            json!({"code": code::encode(salt, digest), "check": code::check_value(salt, digest)}),
        )?;
    }
    Ok(())
}
