//! Transcript vectors: the example transcript as published, and single
//! changes to it, each with the check that must catch it.

use crate::{body, clean, failed_vectors, flip, redigest, unusable_vectors, vector, Example, Failing, Unusable};
use anyhow::Result;
use potdraw_core::vector::Expect;
use std::path::Path;

pub fn write_all(dir: &Path, ex: &Example) -> Result<()> {
    clean(dir)?;
    let published = [("published-commitment", "example/commitment.json".to_string())];
    vector(
        dir,
        "valid",
        "transcript",
        Expect::Verified,
        &[("description", "the bundled example as published".into())],
        body(&ex.transcript),
    )?;
    vector(
        dir,
        "valid-with-published-commitment",
        "transcript",
        Expect::Verified,
        &[published[0].clone(), ("description", "the example checked against its published commitment".into())],
        body(&ex.transcript),
    )?;

    let failed: Vec<Failing> = vec![
        ("seed-flipped", "seed-commitment", "the revealed seed differs in its last hex digit", |t| {
            flip(t.seed.get_or_insert_with(String::new))
        }),
        ("entropy-dice-changed", "draw-replay", "one die of the room's roll reads differently", |t| {
            let die = if t.entropy[0].value.starts_with('1') { "2" } else { "1" };
            t.entropy[0].value.replace_range(0..1, die)
        }),
        ("entropy-text-changed", "draw-replay", "the lottery numbers were edited", |t| t.entropy[1].value.push('0')),
        ("entropy-label-renamed", "entropy-plan", "a revealed value carries a label the plan did not announce", |t| {
            t.entropy[0].label = "hall".into()
        }),
        ("entropy-dice-not-digits", "entropy-plan", "a die shows 7, which a six-sided die cannot", |t| {
            t.entropy[0].value.replace_range(0..1, "7")
        }),
        ("entropy-source-missing", "entropy-plan", "the text source was dropped", |t| {
            t.entropy.pop();
        }),
        ("entropy-sources-swapped", "entropy-plan", "the two sources appear out of plan order", |t| {
            t.entropy.swap(0, 1)
        }),
        ("entropy-digest-flipped", "draw-replay", "the recorded entropy digest differs", |t| {
            flip(t.entropy_digest.get_or_insert_with(String::new))
        }),
        ("draw-seed-flipped", "draw-replay", "the recorded draw seed differs", |t| {
            flip(t.draw_seed.get_or_insert_with(String::new))
        }),
        ("result-index-changed", "draw-replay", "the first recipient points at another entry", |t| {
            t.result[0].index = (t.result[0].index + 1) % t.commitment.candidates.count
        }),
        ("result-recipients-swapped", "draw-replay", "recipients 1 and 2 swapped places", |t| {
            t.result.swap(0, 1);
            t.result[0].position = 1;
            t.result[0].rank = 1;
            t.result[1].position = 2;
            t.result[1].rank = 2;
        }),
        ("result-reserve-dropped", "draw-replay", "the last reserve was removed", |t| {
            t.result.pop();
        }),
        ("result-leaf-changed", "result", "the first recipient's ticket hash was replaced by another ticket's", |t| {
            let other =
                t.commitment.candidates.entries.iter().find(|e| t.result.iter().all(|r| r.leaf != e.leaf)).unwrap();
            t.result[0].leaf = other.leaf.to_string()
        }),
        ("result-leaf-flipped", "result", "one hex digit of a reserve's ticket hash differs", |t| {
            flip(&mut t.result.last_mut().unwrap().leaf)
        }),
        ("result-weight-changed", "result", "a recipient's weight was raised", |t| t.result[2].weight += 1),
        ("result-role-changed", "result", "the first reserve is listed as a recipient", |t| {
            let k = t.commitment.recipients as usize;
            t.result[k].role = "recipient".into()
        }),
        ("result-rank-changed", "result", "the second recipient claims rank 1", |t| t.result[1].rank = 1),
        ("result-position-changed", "result", "a result line claims another position", |t| t.result[3].position = 9),
        ("commitment-title-changed", "commitment-digest", "the title was edited after publication", |t| {
            t.commitment_mut().title.push('!')
        }),
        ("commitment-weight-changed", "commitment-digest", "an entry's weight was raised after publication", |t| {
            t.commitment_mut().candidates.entries.edit(|e| e[0].weight += 1)
        }),
        ("commitment-entry-removed", "commitment-digest", "an entry was removed after publication", |t| {
            t.commitment_mut().candidates.entries.edit(|e| e.pop());
        }),
        ("commitment-digest-flipped", "commitment-digest", "the digest itself differs", |t| {
            flip(&mut t.commitment_mut().digest)
        }),
        ("commitment-plan-changed", "commitment-digest", "the plan was changed to fewer dice", |t| {
            t.commitment_mut().entropy_plan[0].dice = Some(9)
        }),
        ("reordered-and-redigested", "canonical-order", "two entries swapped and the digest recomputed", |t| {
            t.commitment_mut().candidates.entries.edit(|e| e.swap(0, 1));
            redigest(t.commitment_mut())
        }),
        ("count-wrong-and-redigested", "counts", "the count understated and the digest recomputed", |t| {
            t.commitment_mut().candidates.count -= 1;
            redigest(t.commitment_mut())
        }),
        ("total-weight-wrong-and-redigested", "counts", "the total weight overstated and the digest recomputed", |t| {
            t.commitment_mut().candidates.total_weight = "1000".into();
            redigest(t.commitment_mut())
        }),
        ("surplus-wrong-and-redigested", "pot", "the surplus misstated and the digest recomputed", |t| {
            t.commitment_mut().pot.surplus_cents += 100;
            redigest(t.commitment_mut())
        }),
        ("too-many-recipients-and-redigested", "pot", "ten recipients from a pot policy of at most nine", |t| {
            t.commitment_mut().recipients = 10;
            t.commitment_mut().pot.amount_cents = 12_000_000 + 500_000;
            redigest(t.commitment_mut())
        }),
        (
            "entropy-text-too-long",
            "entropy-plan",
            "a lottery text of 16,389 bytes (combining marks of alternating classes): above 4 × 4096 bytes, so refused before NFC with the outcome NFC would give (SPEC §7.7)",
            |t| t.entropy[1].value = format!("a{}", "\u{301}\u{316}".repeat(4097)),
        ),
        (
            "entropy-text-jamo",
            "draw-replay",
            "the lottery text replaced by 1365 Hangul syllables typed as jamo: 12,285 bytes, but 4095 in NFC, so a valid value (SPEC §5.1) that changes the draw",
            |t| t.entropy[1].value = "\u{1100}\u{1161}\u{11a8}".repeat(1365),
        ),
    ];
    failed_vectors(dir, &ex.transcript, failed)?;

    // A transcript embedding a commitment other than the published one (new
    // title, digest recomputed): only the published-commitment check can tell.
    let mut t = ex.transcript.clone();
    t.commitment_mut().title = "Buurtpot Zuid, december 2026 (herzien)".into();
    redigest(t.commitment_mut());
    vector(
        dir,
        "published-commitment-replaced",
        "transcript",
        Expect::Failed("published-commitment".into()),
        &[
            published[0].clone(),
            ("description", "the transcript embeds a re-made commitment, not the published one".into()),
        ],
        body(&t),
    )?;

    // Unusable documents: not a well-formed transcript of a version we read.
    let unusable: Vec<Unusable> = vec![
        ("unusable-format-v9", "an unknown format version", |v| v["format"] = "potdraw/transcript/v9".into()),
        ("unusable-unknown-member", "a member the format does not define", |v| v["note"] = "hello".into()),
        ("unusable-float-weight", "a weight written as a float", |v| v["result"][0]["weight"] = serde_json::json!(1.5)),
        ("unusable-short-seed", "a seed of 63 hex digits", |v| {
            let s = v["seed"].as_str().unwrap().to_string();
            v["seed"] = s[..63].into()
        }),
        ("unusable-uppercase-leaf", "a leaf in uppercase hex", |v| {
            let s = v["result"][0]["leaf"].as_str().unwrap().to_uppercase();
            v["result"][0]["leaf"] = s.into()
        }),
        ("unusable-missing-member", "the draw seed left out", |v| {
            v.as_object_mut().unwrap().remove("draw_seed");
        }),
        ("unusable-drand-kind", "a plan entry of kind drand, which protocol v1 does not define", |v| {
            v["commitment"]["entropy_plan"][1]["kind"] = "drand".into()
        }),
        ("unusable-plan-65-sources", "a plan of 65 sources, more than the 64 a plan may have (SPEC §5.1)", |v| {
            let plan = (0..65).map(|i| serde_json::json!({"label": format!("lotto-{i}"), "kind": "text"}));
            v["commitment"]["entropy_plan"] = plan.collect()
        }),
    ];
    unusable_vectors(dir, &ex.transcript, unusable)?;
    let whole = body(&ex.transcript);
    vector(
        dir,
        "unusable-truncated",
        "transcript",
        Expect::Unusable,
        &[("description", "the file cut off half way".into())],
        whole[..whole.len() / 2].to_string(),
    )?;
    vector(
        dir,
        "unusable-trailing-garbage",
        "transcript",
        Expect::Unusable,
        &[("description", "bytes after the document".into())],
        format!("{whole}}}\n"),
    )?;
    let dup = whole.replacen("\"seed\":", "\"seed\": \"00\",\n  \"seed\":", 1);
    vector(
        dir,
        "unusable-duplicate-member",
        "transcript",
        Expect::Unusable,
        &[("description", "the seed member appears twice".into())],
        dup,
    )?;
    Ok(())
}
