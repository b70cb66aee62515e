//! fixtures/rfc3797/v2/ (SPEC §12.9): the RFC 3797 example committed as
//! rfc3797-v2, whose numbers sources fix their count and whose values have
//! one canonical form; and single changes to its transcript. An added
//! number, a leading zero and another order each fail `entropy-plan`.

use crate::rfc3797::SOURCES;
use crate::{body, clean, example_args, failed_vectors, fixed_rng, unusable_vectors, vector, write, Failing, Unusable};
use anyhow::Result;
use potdraw_core::vector::Expect;
use potdraw_core::wire::TranscriptDoc;
use rand_core::RngCore;
use std::path::Path;

pub fn write_all(root: &Path) -> Result<()> {
    let dir = root.join("rfc3797/v2");
    let csv_path = root.join("example/candidates.csv");
    let candidates: Vec<_> = potdraw_cli::candidates::parse(&std::fs::read(&csv_path)?)?
        .into_iter()
        .map(|c| potdraw_core::commit::Candidate { weight: 1, ..c })
        .collect();
    let entropy = SOURCES.iter().map(|(l, v)| format!("numbers:{l}:{}", v.split(' ').count())).collect();
    let cfg = potdraw_cli::config::commit(example_args(
        csv_path,
        dir.clone(),
        entropy,
        "rfc3797",
        "Buurtpot Zuid, december 2026 (RFC 3797)",
    ))?;
    let mut rng = fixed_rng("rfc3797-v2-example");
    let committed = potdraw_core::commit::commit_rfc3797(&cfg.params, candidates, &mut |b| rng.fill_bytes(b))?;
    let doc = potdraw_cli::pretty::document(&committed.commitment)?;
    write(&dir.join("commitment.json"), &doc)?;
    let commitment = potdraw_core::parse::commitment(&doc)?;
    // As typed at the draw: the daily number with its printed leading zero.
    let given: Vec<(String, String)> = commitment
        .plan
        .iter()
        .zip(SOURCES)
        .map(|(p, (l, v))| (l.to_string(), potdraw_cli::ops::drawing::normalise(Some(&p.kind), v)))
        .collect();
    let transcript = potdraw_core::draw::run_rfc3797(&commitment, &given)?;
    vectors(&dir.join("transcripts"), &transcript)
}

fn vectors(dir: &Path, ex: &TranscriptDoc) -> Result<()> {
    clean(dir)?;
    let published = ("published-commitment", "rfc3797/v2/commitment.json".to_string());
    let valid = ("description", "the rfc3797-v2 example".to_string());
    vector(dir, "valid", "transcript", Expect::Verified, &[valid], body(ex))?;
    let described = ("description", "the rfc3797-v2 example against its published commitment".to_string());
    vector(dir, "valid-with-published-commitment", "transcript", Expect::Verified, &[published, described], body(ex))?;
    let failed: Vec<Failing> = vec![
        ("numbers-added", "entropy-plan", "a seventh number (a bonus ball) added to the six announced", |t| {
            t.entropy[0].value.push_str(" 17")
        }),
        ("numbers-leading-zero", "entropy-plan", "the daily number stored as printed, 0927", |t| {
            t.entropy[1].value = "0927".into()
        }),
        ("numbers-unsorted", "entropy-plan", "the lottery numbers in drawn order", |t| {
            t.entropy[0].value = "41 35 22 15 14 3".into()
        }),
        ("key-changed", "draw-replay", "the recorded key string differs from the one the sources give", |t| {
            t.key = Some("3.14.15.22.35.41./928./".into())
        }),
    ];
    failed_vectors(dir, ex, failed)?;
    let unusable: Vec<Unusable> = vec![
        ("unusable-count-missing", "a numbers source without its count", |v| {
            v["commitment"]["entropy_plan"][0].as_object_mut().unwrap().remove("count");
        }),
        ("unusable-v2-transcript-v1-commitment", "an rfc3797-v2 transcript embedding an rfc3797-v1 commitment", |v| {
            v["commitment"]["format"] = "potdraw/commitment/rfc3797-v1".into()
        }),
    ];
    unusable_vectors(dir, ex, unusable)?;
    Ok(())
}
