//! The RFC 3797 method's generated fixtures (SPEC §12): an example
//! commitment, receipts and transcript in fixtures/rfc3797/example/, and
//! transcript vectors in fixtures/rfc3797/transcripts/. (The RFC's own worked
//! example, fixtures/rfc3797/rfc-example.txt, is copied from the RFC by hand
//! and never written here.)

use crate::{
    body, clean, example_args, failed_vectors, fixed_rng, flip, redigest, unusable_vectors, vector, write, Failing,
    Unusable,
};
use anyhow::{Context, Result};
use potdraw_core::vector::Expect;
use potdraw_core::wire::TranscriptDoc;
use rand_core::RngCore;
use std::path::Path;

/// The announced sources of the example and the values drawn: a lottery's
/// six numbers and a daily number printed with a leading zero.
pub const SOURCES: [(&str, &str); 2] = [("lotto-2026-12-05", "3 14 15 22 35 41"), ("daily-2026-12-05", "0927")];

pub fn write_all(root: &Path) -> Result<()> {
    let dir = root.join("rfc3797/example");
    let csv_path = root.join("example/candidates.csv");
    let csv = std::fs::read(&csv_path).context("fixtures/example/candidates.csv")?;
    // The same people as the bundled example, unweighted: RFC 3797 has no weights.
    let candidates: Vec<_> = potdraw_cli::candidates::parse(&csv)?
        .into_iter()
        .map(|c| potdraw_core::commit::Candidate { weight: 1, ..c })
        .collect();
    let args = example_args(
        csv_path,
        dir.clone(),
        SOURCES.iter().map(|(l, v)| format!("numbers:{l}:{}", v.split(' ').count())).collect(),
        "rfc3797",
        "Buurtpot Zuid, december 2026 (RFC 3797)",
    );
    let mut cfg = potdraw_cli::config::commit(args)?;
    // The example is rfc3797-v1: numbers without a count, as published before
    // `commit` required one (SPEC §12.9); it keeps verifying as it was.
    for p in &mut cfg.params.plan {
        p.kind = potdraw_core::entropy::SourceKind::Numbers;
    }
    let mut rng = fixed_rng("rfc3797-example");
    let committed = potdraw_core::commit::commit_rfc3797(&cfg.params, candidates, &mut |b| rng.fill_bytes(b))?;
    let doc = potdraw_cli::pretty::document(&committed.commitment)?;
    write(&dir.join("commitment.json"), &doc)?;
    write(&dir.join("receipts.jsonl"), &potdraw_cli::cmd::commit::jsonl(&committed.receipts)?)?;
    let commitment = potdraw_core::parse::commitment(&doc)?;
    let given: Vec<(String, String)> = SOURCES.iter().map(|(l, v)| (l.to_string(), v.to_string())).collect();
    let transcript = potdraw_core::draw::run_rfc3797(&commitment, &given)?;
    write(&dir.join("transcript.json"), &potdraw_cli::pretty::document(&transcript)?)?;
    vectors(&root.join("rfc3797/transcripts"), &transcript)
}

fn vectors(dir: &Path, ex: &TranscriptDoc) -> Result<()> {
    clean(dir)?;
    let published = ("published-commitment", "rfc3797/example/commitment.json".to_string());
    vector(
        dir,
        "valid",
        "transcript",
        Expect::Verified,
        &[("description", "the RFC 3797 example as published".into())],
        body(ex),
    )?;
    vector(
        dir,
        "valid-with-published-commitment",
        "transcript",
        Expect::Verified,
        &[published.clone(), ("description", "the RFC 3797 example checked against its published commitment".into())],
        body(ex),
    )?;
    let failed: Vec<Failing> = vec![
        ("key-changed", "draw-replay", "the recorded key string differs from the one the sources give", |t| {
            t.key = Some("3.14.15.22.35.41./928./".into())
        }),
        ("entropy-number-changed", "draw-replay", "one lottery number was edited", |t| {
            t.entropy[0].value = "3 14 15 22 35 42".into()
        }),
        ("entropy-not-numbers", "entropy-plan", "a source value holds a word, not numbers", |t| {
            t.entropy[1].value = "zero927".into()
        }),
        ("entropy-label-renamed", "entropy-plan", "a value carries a label the plan did not announce", |t| {
            t.entropy[0].label = "lotto".into()
        }),
        ("entropy-source-missing", "entropy-plan", "the second source was dropped", |t| {
            t.entropy.pop();
        }),
        ("entropy-sources-swapped", "entropy-plan", "the two sources appear out of plan order", |t| {
            t.entropy.swap(0, 1)
        }),
        ("result-index-changed", "draw-replay", "the first recipient points at another entry", |t| {
            t.result[0].index = (t.result[0].index + 1) % t.commitment.candidates.count
        }),
        ("result-reserve-dropped", "draw-replay", "the last reserve was removed", |t| {
            t.result.pop();
        }),
        ("result-leaf-changed", "result", "the first recipient's ticket hash was replaced by another ticket's", |t| {
            let other =
                t.commitment.candidates.entries.iter().find(|e| t.result.iter().all(|r| r.leaf != e.leaf)).unwrap();
            t.result[0].leaf = other.leaf.to_string()
        }),
        ("result-rank-changed", "result", "the second recipient claims rank 1", |t| t.result[1].rank = 1),
        ("commitment-title-changed", "commitment-digest", "the title was edited after publication", |t| {
            t.commitment_mut().title.push('!')
        }),
        ("commitment-entry-removed", "commitment-digest", "an entry was removed after publication", |t| {
            t.commitment_mut().candidates.entries.edit(|e| e.pop());
        }),
        ("commitment-digest-flipped", "commitment-digest", "the digest itself differs", |t| {
            flip(&mut t.commitment_mut().digest)
        }),
        ("reordered-and-redigested", "canonical-order", "two entries swapped (the published list reordered)", |t| {
            t.commitment_mut().candidates.entries.edit(|e| e.swap(0, 1));
            redigest(t.commitment_mut())
        }),
        ("count-wrong-and-redigested", "counts", "the count understated and the digest recomputed", |t| {
            t.commitment_mut().candidates.count -= 1;
            redigest(t.commitment_mut())
        }),
        ("surplus-wrong-and-redigested", "pot", "the surplus misstated and the digest recomputed", |t| {
            t.commitment_mut().pot.surplus_cents += 100;
            redigest(t.commitment_mut())
        }),
        (
            "key-16384-bytes",
            "draw-replay",
            "a key string of 16,384 bytes, the limit (SPEC §12.1), not the sources' key",
            |t| t.key = Some(format!("{}./", "1".repeat(16_382))),
        ),
        ("picks-4096-and-redigested", "counts", "4096 picks, the limit (SPEC §12.1), from 24 entries", |t| {
            t.commitment_mut().reserves = 4091;
            redigest(t.commitment_mut())
        }),
    ];
    failed_vectors(dir, ex, failed)?;
    let mut t = ex.clone();
    t.commitment_mut().title = "Buurtpot Zuid, december 2026 (RFC 3797, herzien)".into();
    redigest(t.commitment_mut());
    vector(
        dir,
        "published-commitment-replaced",
        "transcript",
        Expect::Failed("published-commitment".into()),
        &[published, ("description", "the transcript embeds a re-made commitment, not the published one".into())],
        body(&t),
    )?;

    let unusable: Vec<Unusable> = vec![
        ("unusable-seed-member", "a seed member, which the RFC 3797 method does not define", |v| {
            v["seed"] = "00".repeat(32).into()
        }),
        ("unusable-seed-commitment-member", "a seed commitment in the commitment", |v| {
            v["commitment"]["seed_commitment"] = "00".repeat(32).into()
        }),
        ("unusable-key-missing", "the key string left out", |v| {
            v.as_object_mut().unwrap().remove("key");
        }),
        ("unusable-weight-2", "an entry of weight 2: the RFC 3797 method is unweighted", |v| {
            v["commitment"]["candidates"]["entries"][0]["weight"] = 2.into()
        }),
        ("unusable-text-kind", "a plan entry of kind text, which the RFC 3797 method does not take", |v| {
            v["commitment"]["entropy_plan"][0]["kind"] = "text".into()
        }),
        ("unusable-v1-commitment", "an RFC 3797 transcript around a commitment claiming format v1", |v| {
            v["commitment"]["format"] = "potdraw/commitment/v1".into()
        }),
        ("unusable-format-v9", "an unknown format version", |v| v["format"] = "potdraw/transcript/rfc3797-v9".into()),
        ("unusable-key-16385-bytes", "a key string of 16,385 bytes, above the limit of SPEC §12.1", |v| {
            v["key"] = format!("{}./", "1".repeat(16_383)).into()
        }),
        ("unusable-picks-4097", "4097 picks (5 recipients, 4092 reserves), above the limit of SPEC §12.1", |v| {
            v["commitment"]["reserves"] = 4092.into()
        }),
    ];
    unusable_vectors(dir, ex, unusable)?;
    Ok(())
}
