//! The draw at the event (SPEC §5, §6, §7.3; §17.5 for several lists): the
//! values as people type them, the drand rounds verified, the transcript
//! drawn, laid out as the file is written, and verified before it is.
//!
//! WHY here: `potdraw draw` and `potdraw ceremony` (and a web front end)
//! must write byte-identical transcripts from the same inputs, so they call
//! the same functions.

use crate::config::DrawConfig;
use crate::files::{self, Access};
use crate::ops::drand::{hex_arg, verified_round};
use crate::problem;
use anyhow::{anyhow, bail, Result};
use potdraw_core::draw::BeaconRecord;
use potdraw_core::entropy::SourceKind;
use potdraw_core::lists::{ListsCommitment, ListsTranscriptDoc};
use potdraw_core::model::{Commitment, Method};
use potdraw_core::wire::TranscriptDoc;
use std::path::Path;

/// Reads the seed from a file, or from the person at a terminal (`-`).
pub type SeedReader<'a> = &'a dyn Fn(&Path) -> Result<[u8; 32]>;

/// The transcript a draw wrote, in its version.
pub enum Drew {
    One(TranscriptDoc),
    Lists(ListsTranscriptDoc),
}

/// `potdraw draw` for a commitment of any version (SPEC §6; §17.5 for
/// several lists): the commitment verified, the seed read, the values and
/// drand rounds taken, the transcript drawn, verified and written.
/// `Ok(Err(failure))`: the commitment does not verify (nothing written).
pub fn draw(cfg: &DrawConfig, read_seed: SeedReader<'_>) -> Result<Result<Drew, potdraw_verify::Failure>> {
    if crate::ops::documents::kind_of(&cfg.commitment)? == potdraw_core::parse::Kind::ListsCommitment {
        return Ok(draw_lists(cfg, read_seed)?.map(Drew::Lists));
    }
    Ok(execute(cfg, read_seed)?.map(Drew::One))
}

/// [`draw`] of a commitment with several lists: every list from the one draw seed.
fn draw_lists(
    cfg: &DrawConfig,
    read_seed: SeedReader<'_>,
) -> Result<Result<ListsTranscriptDoc, potdraw_verify::Failure>> {
    files::ensure_writable(&cfg.out, cfg.force)?;
    let read = crate::ops::documents::read_lists_commitment(&cfg.commitment)?;
    let commitment = match potdraw_verify::verify_lists_commitment(read).outcome {
        Ok(v) => v,
        Err(f) => return Ok(Err(f)),
    };
    let c = commitment.get();
    let Some(seed_path) = cfg.seed.as_deref() else {
        return Err(problem!("seed-required", file = cfg.commitment.display()));
    };
    let seed = read_seed(seed_path)?;
    let (drand_values, beacons) = drand_rounds(cfg, &c.plan)?;
    let given: Vec<(String, String)> = cfg
        .entropy
        .iter()
        .filter(|(label, _)| !drand_values.iter().any(|(l, _)| l == label))
        .cloned()
        .chain(drand_values.iter().cloned())
        .collect();
    let (doc, bytes) = lists_transcript(c, &cfg.commitment, (seed_path, &seed), &given, &beacons)?;
    files::stage(&cfg.out, &bytes, Access::Public)?.commit(cfg.force)?;
    Ok(Ok(doc))
}

/// Runs the draw and writes the transcript; returns it.
///
/// `read_seed` reads the seed file (or asks for it on a terminal): how is
/// the front end's business, so it is given here.
pub fn execute(cfg: &DrawConfig, read_seed: SeedReader<'_>) -> Result<Result<TranscriptDoc, potdraw_verify::Failure>> {
    files::ensure_writable(&cfg.out, cfg.force)?;
    // Only a commitment that verifies is drawn from.
    let verified =
        match potdraw_verify::verify_commitment(crate::ops::documents::read_commitment(&cfg.commitment)?).outcome {
            Ok(v) => v,
            Err(f) => return Ok(Err(f)),
        };
    let commitment = verified.get();
    let seed = seed_for(commitment.method, cfg.seed.as_deref(), &cfg.commitment, read_seed)?;
    let seed = cfg.seed.as_deref().zip(seed.as_ref());
    let (drand_values, beacons) = drand_rounds(cfg, &commitment.plan)?;
    // A drand source's value is its verified randomness, never what was typed.
    let entropy: Vec<(String, String)> = cfg
        .entropy
        .iter()
        .filter(|(label, _)| !drand_values.iter().any(|(l, _)| l == label))
        .chain(drand_values.iter())
        .cloned()
        .collect();
    let (doc, bytes) = drawn(commitment, &cfg.commitment, seed, &entropy, &beacons)?;
    // The self-check on a second thread while the file is written (and
    // synced) on this one; it is published only when the check has passed.
    let (checked, staged) =
        potdraw_core::par::join(|| check(&bytes, commitment), || files::stage(&cfg.out, &bytes, Access::Public));
    let staged = staged?;
    checked?;
    staged.commit(cfg.force)?;
    Ok(Ok(doc))
}

/// The seed the commitment's method needs: potdraw-v1 reveals the committed
/// seed (read from `seed`), RFC 3797 has none and refuses one.
pub fn seed_for(
    method: Method,
    seed: Option<&Path>,
    commitment_path: &Path,
    read_seed: SeedReader<'_>,
) -> Result<Option<[u8; 32]>> {
    match (method, seed) {
        (Method::PotdrawV1, None) => Err(problem!("seed-required", file = commitment_path.display())),
        (Method::Rfc3797, Some(path)) => {
            Err(problem!("seed-unexpected", seed = path.display(), file = commitment_path.display()))
        }
        (Method::PotdrawV1, Some(path)) => Ok(Some(read_seed(path)?)),
        (Method::Rfc3797, None) => Ok(None),
    }
}

/// A value as people type it in the form the draw takes: dice are often
/// typed with spaces between the digits ("3 1 4 1 5"), numbers with commas
/// ("2, 5, 12"); text is taken as it is. `potdraw ceremony` uses this too,
/// so that it accepts exactly what `draw --entropy` accepts.
pub fn normalise(kind: Option<&SourceKind>, value: &str) -> String {
    match kind {
        Some(SourceKind::Dice { .. }) => value.split_whitespace().collect(),
        Some(SourceKind::Numbers) => crate::config::normalise_numbers(value),
        // SPEC §14.2: what people type (commas, leading zeros, any order)
        // becomes the one canonical form; a value that cannot is left as
        // typed, and core's check then says why.
        Some(SourceKind::CountedNumbers { count }) => {
            potdraw_core::entropy::canonical_numbers("value", *count, value).unwrap_or_else(|_| value.to_string())
        }
        _ => value.to_string(),
    }
}

/// Draws and lays the transcript out as the file `draw` writes, after
/// checking that it verifies; `seed` is the seed file's path and content
/// (potdraw-v1) or `None` (RFC 3797). `potdraw ceremony` writes these same
/// bytes, so both commands give byte-identical transcripts.
pub fn transcript(
    commitment: &Commitment,
    commitment_path: &Path,
    seed: Option<(&Path, &[u8; 32])>,
    entropy: &[(String, String)],
    beacons: &[(String, BeaconRecord)],
) -> Result<(TranscriptDoc, Vec<u8>)> {
    let (doc, bytes) = drawn(commitment, commitment_path, seed, entropy, beacons)?;
    check(&bytes, commitment)?;
    Ok((doc, bytes))
}

/// [`transcript`] without its check: the draw and the bytes to write.
fn drawn(
    commitment: &Commitment,
    commitment_path: &Path,
    seed: Option<(&Path, &[u8; 32])>,
    entropy: &[(String, String)],
    beacons: &[(String, BeaconRecord)],
) -> Result<(TranscriptDoc, Vec<u8>)> {
    let given: Vec<(String, String)> = entropy
        .iter()
        .map(|(label, value)| {
            let kind = commitment.plan.iter().find(|p| &p.label == label).map(|p| &p.kind);
            (label.clone(), normalise(kind, value))
        })
        .collect();
    let doc = match seed {
        Some((path, seed)) => potdraw_core::draw::run_with_beacons(commitment, seed, &given, beacons)
            .map_err(|e| crate::problem::draw(&commitment_path.display(), &path.display(), &e))?,
        None => potdraw_core::draw::run_rfc3797(commitment, &given)
            .map_err(|e| crate::problem::draw(&commitment_path.display(), &"--seed", &e))?,
    };

    let bytes = crate::pretty::document(&doc)?;
    Ok((doc, bytes))
}

/// The new transcript as written, read back and verified against the commitment it was drawn from.
fn check(bytes: &[u8], commitment: &Commitment) -> Result<()> {
    let parsed = potdraw_core::parse::transcript(bytes).map_err(|e| anyhow!("internal error: {e}"))?;
    if let Err(f) = potdraw_verify::verify_transcript(parsed, Some(commitment)).outcome {
        bail!("internal error: the new transcript does not verify: {f}");
    }
    Ok(())
}

/// SPEC §13.5: every drand source of the plan, verified before the draw.
/// Its signature comes from `--entropy LABEL=SIGNATURE_HEX` (with
/// `--previous-signature LABEL=HEX` for a chained scheme) or from
/// `--beacon LABEL=FILE`, the JSON the drand HTTP API serves. Returns the
/// randomness of each (as the value to mix in) and the records for the transcript.
type DrandRounds = (Vec<(String, String)>, Vec<(String, BeaconRecord)>);

pub fn drand_rounds(cfg: &DrawConfig, plan: &[potdraw_core::entropy::PlanEntry]) -> Result<DrandRounds> {
    let plan_kind = |label: &str| plan.iter().find(|p| p.label == label).map(|p| &p.kind);
    for (flag, label) in cfg
        .previous_signatures
        .iter()
        .map(|(l, _)| ("--previous-signature", l))
        .chain(cfg.beacons.iter().map(|(l, _)| ("--beacon", l)))
    {
        if !matches!(plan_kind(label), Some(SourceKind::Drand(_))) {
            return Err(crate::problem!(
                "drand-input",
                detail = crate::t!(
                    crate::i18n::Lang::current(),
                    "drand.label-flag",
                    flag = flag,
                    label = label,
                    found = potdraw_core::error::quote(label)
                )
            ));
        }
    }
    let (mut values, mut records) = (Vec::new(), Vec::new());
    for p in plan {
        let SourceKind::Drand(source) = &p.kind else { continue };
        let label = p.label.as_str();
        let given = cfg.entropy.iter().find(|(l, _)| l == label).map(|(_, v)| v);
        let file = cfg.beacons.iter().find(|(l, _)| l == label).map(|(_, f)| f);
        let prev_flag = cfg.previous_signatures.iter().find(|(l, _)| l == label).map(|(_, v)| v);
        let (signature, previous) = match (given, file) {
            (Some(_), Some(_)) => {
                let said = crate::t!(crate::i18n::Lang::current(), "draw.drand-both", name = label);
                return Err(crate::problem!("drand-input", detail = crate::ops::drand::source_problem(label, &said)));
            }
            (None, None) => {
                let said =
                    crate::t!(crate::i18n::Lang::current(), "draw.drand-none", name = label, round = source.round);
                return Err(crate::problem!("drand-input", detail = crate::ops::drand::source_problem(label, &said)));
            }
            (Some(sig), None) => {
                let previous = prev_flag.map(|p| hex_arg(&format!("--previous-signature {label}"), p)).transpose()?;
                (hex_arg(&format!("--entropy {label}"), sig)?, previous)
            }
            (None, Some(path)) => {
                let b = crate::ops::drand::read_beacon(path)?;
                if b.round != source.round {
                    let said = crate::t!(
                        crate::i18n::Lang::current(),
                        "draw.drand-round",
                        name = label,
                        file = path.display(),
                        expected = source.round,
                        found = b.round
                    );
                    return Err(crate::problem!("drand-input", detail = said));
                }
                if prev_flag.is_some() {
                    let said = crate::t!(crate::i18n::Lang::current(), "draw.drand-previous", name = label);
                    return Err(crate::problem!("drand-input", detail = said));
                }
                let chain = potdraw_verify::chain_info(source).map_err(|e| {
                    let said = crate::ops::drand::describe(&e);
                    crate::problem!("drand-input", detail = crate::ops::drand::source_problem(label, &said))
                })?;
                potdraw_beacon::verify_beacon(&chain, &b, Some(source.round)).map_err(|e| {
                    let said = crate::ops::drand::describe(&e);
                    let file = path.display();
                    crate::problem!(
                        "drand-input",
                        detail = crate::t!(
                            crate::i18n::Lang::current(),
                            "draw.drand-file",
                            name = label,
                            file = file,
                            detail = said
                        )
                    )
                })?;
                (b.signature, b.previous_signature)
            }
        };
        let (randomness, record) = verified_round(label, source, &signature, previous.as_deref())?;
        values.push((label.to_string(), hex::encode(randomness)));
        records.push((label.to_string(), record));
    }
    Ok((values, records))
}

/// Draws a v4 commitment and lays the transcript out as the file `draw`
/// writes, after checking that it verifies; `potdraw ceremony` writes these
/// same bytes. Values are taken as people type them ([`normalise`]).
pub fn lists_transcript(
    c: &ListsCommitment,
    commitment_path: &Path,
    (seed_path, seed): (&Path, &[u8; 32]),
    entropy: &[(String, String)],
    beacons: &[(String, potdraw_core::draw::BeaconRecord)],
) -> Result<(ListsTranscriptDoc, Vec<u8>)> {
    let given: Vec<(String, String)> = entropy
        .iter()
        .map(|(label, value)| {
            let kind = c.plan.iter().find(|p| &p.label == label).map(|p| &p.kind);
            (label.clone(), normalise(kind, value))
        })
        .collect();
    let doc = potdraw_core::lists_draw::run(c, seed, &given, beacons)
        .map_err(|e| crate::problem::draw(&commitment_path.display(), &seed_path.display(), &e))?;
    let bytes = crate::pretty::document(&doc)?;
    // The new transcript, read back and verified against its commitment, before it is written.
    let parsed = potdraw_core::lists::parse_transcript(&bytes).map_err(|e| anyhow!("internal error: {e}"))?;
    if let Err(f) = potdraw_verify::verify_lists_transcript(parsed, Some(c)).outcome {
        bail!("internal error: the new transcript does not verify: {f}");
    }
    Ok((doc, bytes))
}
