//! v2 vectors (SPEC §13.6): the example list committed with ten dice and a
//! real quicknet round (30662982, copied into fixtures/drand/ with its
//! source), drawn, and single changes to the transcript. Deterministic: the
//! seed and salts come from a fixed stream, the round is a published one.

use crate::{body, clean, example_args, fixed_rng, flip, redigest, vector, write, EXAMPLE_DICE};
use anyhow::{anyhow, Result};
use potdraw_core::draw::BeaconRecord;
use potdraw_core::vector::Expect;
use potdraw_core::wire::TranscriptDoc;
use rand_core::RngCore;
use std::path::Path;

/// quicknet round 30662982 (fixtures/drand/quicknet-30662982.txt).
const ROUND: u64 = 30_662_982;
const SIGNATURE: &str =
    "8b3edd0d42a2fa36ac15641a2dea2e4f4895acec2ef72ef39e5b6138f0346fb6b046dde1b4b3d09ff5fe8a6a7acd674a";
/// Before the round's time (2026-07-23), so commit needs no --allow-past-round.
const CREATED_AT: &str = "2024-01-01T12:00:00Z";

type Edit = fn(&mut TranscriptDoc);

pub fn write_all(root: &Path) -> Result<()> {
    let dir = root.join("v2");
    let mut args = example_args(
        root.join("example/candidates.csv"),
        dir.clone(),
        vec!["dice:room:10".into(), format!("drand:beacon:quicknet:{ROUND}")],
        "potdraw-v1",
        "Buurtpot Zuid met drand",
    );
    args.created_at = Some(CREATED_AT.into());
    args.now = Some(CREATED_AT.into());
    let cfg = potdraw_cli::config::commit(args)?;
    let candidates = potdraw_cli::candidates::parse(&std::fs::read(root.join("example/candidates.csv"))?)?;
    let mut rng = fixed_rng("v2-example");
    let committed = potdraw_core::commit::commit(&cfg.params, candidates, &mut |b| rng.fill_bytes(b))?;
    let doc = potdraw_cli::render::document(&serde_json::to_value(&committed.commitment)?);
    write(&dir.join("commitment.json"), &doc)?;
    let commitment = potdraw_core::parse::commitment(&doc)?;

    let chain = potdraw_beacon::builtin("quicknet").ok_or_else(|| anyhow!("quicknet is built in"))?;
    let signature = hex::decode(SIGNATURE)?;
    let randomness = potdraw_beacon::verify(&chain, ROUND, &signature, None)?;
    let given = vec![("room".to_string(), EXAMPLE_DICE.to_string()), ("beacon".to_string(), hex::encode(randomness))];
    let record = BeaconRecord { round: ROUND, signature: SIGNATURE.into(), previous_signature: None };
    let t = potdraw_core::draw::run_with_beacons(&commitment, &committed.seed, &given, &[("beacon".into(), record)])?;

    let tdir = dir.join("transcripts");
    clean(&tdir)?;
    let published = ("published-commitment", "v2/commitment.json".to_string());
    let desc = |d: &str| ("description", d.to_string());
    vector(&tdir, "valid", "transcript", Expect::Verified, &[desc("dice and a real quicknet round")], body(&t))?;
    vector(
        &tdir,
        "valid-with-published-commitment",
        "transcript",
        Expect::Verified,
        &[published.clone(), desc("checked against its published commitment")],
        body(&t),
    )?;
    let failed: Vec<(&str, &str, &str, Edit)> = vec![
        ("beacon-signature-bit-flipped", "beacon", "one bit of the recorded signature differs", |t| {
            let sig = t.entropy[1].signature.as_mut().unwrap();
            let mut b = hex::decode(&*sig).unwrap();
            b[10] ^= 0x01;
            *sig = hex::encode(b);
        }),
        ("beacon-round-changed", "beacon", "the transcript records another round than planned", |t| {
            t.entropy[1].round = Some(ROUND + 1)
        }),
        ("beacon-value-changed", "beacon", "the randomness is not SHA-256 of the signature", |t| {
            flip(&mut t.entropy[1].value)
        }),
        ("beacon-signature-missing", "beacon", "the signature member was removed", |t| t.entropy[1].signature = None),
        ("beacon-previous-signature-added", "beacon", "a previous signature for the unchained quicknet", |t| {
            t.entropy[1].previous_signature = t.entropy[1].signature.clone()
        }),
        ("beacon-chain-period-changed", "beacon", "the plan's chain period changed, digest recomputed", |t| {
            t.commitment_mut().entropy_plan[1].chain.as_mut().unwrap().period = 4;
            redigest(t.commitment_mut())
        }),
        ("beacon-planned-round-changed", "commitment-digest", "the planned round edited after publication", |t| {
            t.commitment_mut().entropy_plan[1].round = Some(ROUND + 1)
        }),
        ("drand-members-on-dice", "entropy-plan", "the dice value carries a drand round member", |t| {
            t.entropy[0].round = Some(1)
        }),
    ];
    for (name, check, description, edit) in failed {
        let mut t = t.clone();
        edit(&mut t);
        vector(&tdir, name, "transcript", Expect::Failed(check.into()), &[desc(description)], body(&t))?;
    }
    let unusable: Vec<(&str, &str, Edit)> = vec![
        ("v1-with-drand", "relabelled v1 (digest recomputed): v1 has no drand kind", |t| {
            t.format = potdraw_core::wire::TRANSCRIPT_V1.into();
            t.commitment_mut().format = potdraw_core::wire::COMMITMENT_V1.into();
            redigest(t.commitment_mut())
        }),
        ("v2-transcript-v1-commitment", "a v2 transcript embedding a commitment relabelled v1", |t| {
            t.commitment_mut().format = potdraw_core::wire::COMMITMENT_V1.into();
            redigest(t.commitment_mut())
        }),
        ("beacon-round-null", "the round member is null", |_| {}),
    ];
    for (name, description, edit) in unusable {
        let mut t = t.clone();
        edit(&mut t);
        let mut text = body(&t);
        if name == "beacon-round-null" {
            let genuine = format!("\"round\": {ROUND}, \"signature\"");
            anyhow::ensure!(text.contains(&genuine), "the layout of a drand value changed");
            text = text.replacen(&genuine, "\"round\": null, \"signature\"", 1);
        }
        vector(&tdir, name, "transcript", Expect::Unusable, &[desc(description)], text)?;
    }
    Ok(())
}
