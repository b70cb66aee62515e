//! fixtures/v3/ (SPEC §14): the bundled example's list committed as a v3
//! draw, with published numbers in place of free text and a `previous`
//! link to the v1 example's commitment; and single changes to its
//! transcript, each with the check that must catch it or `unusable`.

use crate::{
    body, clean, example_args, failed_vectors, fixed_rng, redigest, unusable_vectors, vector, write, Example, Failing,
    Unusable, EXAMPLE_DICE,
};
use anyhow::Result;
use potdraw_core::vector::Expect;
use potdraw_core::wire::TranscriptDoc;
use rand_core::RngCore;
use serde_json::Value;
use std::path::Path;

/// The lottery's six numbers as an organiser types them (any order, commas,
/// a leading zero); the transcript records "3 14 15 22 35 41".
pub const TYPED_NUMBERS: &str = "41, 35, 22, 15, 14, 03";

pub fn write_all(root: &Path, v1: &Example) -> Result<()> {
    let dir = root.join("v3");
    let csv = root.join("example/candidates.csv");
    let candidates = potdraw_cli::candidates::parse(&std::fs::read(&csv)?)?;
    let entropy = vec!["dice:room:10".into(), "numbers:lotto-2026-12-05:6".into()];
    let cfg = potdraw_cli::config::commit(example_args(
        csv,
        dir.clone(),
        entropy,
        "potdraw-v1",
        "Buurtpot Zuid, december 2026",
    ))?;
    let mut rng = fixed_rng("v3-example");
    let mut committed = potdraw_core::commit::commit(&cfg.params, candidates, &mut |b| rng.fill_bytes(b))?;
    // SPEC §14.3: the organiser's previous commitment, here the v1 example's.
    committed.commitment.previous = Some(v1.commitment.digest.clone());
    redigest(&mut committed.commitment);
    let doc = potdraw_cli::pretty::document(&committed.commitment)?;
    write(&dir.join("commitment.json"), &doc)?;
    write(&dir.join("seed"), format!("{}\n", hex::encode(committed.seed)).as_bytes())?;
    let commitment = potdraw_core::parse::commitment(&doc)?;
    let typed = potdraw_cli::ops::drawing::normalise(Some(&commitment.plan[1].kind), TYPED_NUMBERS);
    let given = vec![("room".to_string(), EXAMPLE_DICE.to_string()), ("lotto-2026-12-05".to_string(), typed)];
    let transcript = potdraw_core::draw::run(&commitment, &committed.seed, &given)?;
    vectors(&dir.join("transcripts"), &transcript)
}

fn vectors(dir: &Path, ex: &TranscriptDoc) -> Result<()> {
    clean(dir)?;
    let published = ("published-commitment", "v3/commitment.json".to_string());
    vector(dir, "valid", "transcript", Expect::Verified, &[("description", "the v3 example".into())], body(ex))?;
    vector(
        dir,
        "valid-with-published-commitment",
        "transcript",
        Expect::Verified,
        &[published, ("description", "the v3 example against its published commitment".into())],
        body(ex),
    )?;
    let failed: Vec<Failing> = vec![
        ("numbers-leading-zero", "entropy-plan", "the same numbers with a leading zero (another spelling)", |t| {
            t.entropy[1].value.insert(0, '0')
        }),
        ("numbers-unsorted", "entropy-plan", "the same numbers in drawn order, not sorted", |t| {
            t.entropy[1].value = "41 35 22 15 14 3".into()
        }),
        ("numbers-commas", "entropy-plan", "the same numbers separated by commas", |t| {
            t.entropy[1].value = t.entropy[1].value.replace(' ', ",")
        }),
        ("numbers-double-space", "entropy-plan", "the same numbers with two spaces in one place", |t| {
            t.entropy[1].value = t.entropy[1].value.replacen(' ', "  ", 1)
        }),
        ("numbers-trailing-space", "entropy-plan", "the same numbers followed by a space", |t| {
            t.entropy[1].value.push(' ')
        }),
        ("numbers-zero-width-space", "entropy-plan", "an invisible U+200B after the last number", |t| {
            t.entropy[1].value.push('\u{200b}')
        }),
        ("numbers-one-too-few", "entropy-plan", "five numbers where the plan announced six", |t| {
            t.entropy[1].value = "3 14 15 22 35".into()
        }),
        ("numbers-changed", "draw-replay", "another sixth number, still in canonical form", |t| {
            t.entropy[1].value = "3 14 15 22 35 42".into()
        }),
        ("numbers-kind-text", "entropy-plan", "the lottery value recorded as kind text", |t| {
            t.entropy[1].kind = "text".into()
        }),
        ("numbers-with-signature", "entropy-plan", "a drand signature member on the numbers value", |t| {
            t.entropy[1].signature = Some("00".into())
        }),
        ("commitment-previous-changed", "commitment-digest", "the previous link edited after publication", |t| {
            crate::flip(t.commitment_mut().previous.get_or_insert_with(String::new))
        }),
    ];
    failed_vectors(dir, ex, failed)?;
    let unusable: Vec<Unusable> = vec![
        ("unusable-text-kind", "a plan entry of kind text, which v3 does not have", |v| {
            let p = &mut v["commitment"]["entropy_plan"][1];
            p["kind"] = "text".into();
            p.as_object_mut().unwrap().remove("count");
        }),
        ("unusable-count-missing", "a numbers source without its count", |v| {
            v["commitment"]["entropy_plan"][1].as_object_mut().unwrap().remove("count");
        }),
        ("unusable-count-zero", "a numbers source of 0 numbers", |v| {
            v["commitment"]["entropy_plan"][1]["count"] = 0.into()
        }),
        ("unusable-count-101", "a numbers source of 101 numbers", |v| {
            v["commitment"]["entropy_plan"][1]["count"] = 101.into()
        }),
        ("unusable-count-on-dice", "a count member on a dice source", |v| {
            v["commitment"]["entropy_plan"][0]["count"] = 6.into()
        }),
        ("unusable-round-on-numbers", "a drand round member on the numbers source of the plan", |v| {
            v["commitment"]["entropy_plan"][1]["round"] = 1.into()
        }),
        ("unusable-round-on-dice", "a drand round member on the dice source of the plan", |v| {
            v["commitment"]["entropy_plan"][0]["round"] = 1.into()
        }),
        ("unusable-previous-short", "a previous link of 63 hex digits", |v| {
            let s = v["commitment"]["previous"].as_str().unwrap()[..63].to_string();
            v["commitment"]["previous"] = s.into()
        }),
        ("unusable-previous-null", "a previous link that is null", |v| v["commitment"]["previous"] = Value::Null),
        ("unusable-v1-with-previous", "a v1 transcript and commitment with a previous link", |v| {
            let p = &mut v["commitment"]["entropy_plan"][1];
            p["kind"] = "text".into();
            p.as_object_mut().unwrap().remove("count");
            v["entropy"][1]["kind"] = "text".into();
            v["format"] = "potdraw/transcript/v1".into();
            v["commitment"]["format"] = "potdraw/commitment/v1".into();
        }),
        ("unusable-v3-transcript-v2-commitment", "a v3 transcript embedding a v2 commitment", |v| {
            v["commitment"]["format"] = "potdraw/commitment/v2".into()
        }),
    ];
    unusable_vectors(dir, ex, unusable)?;
    Ok(())
}
