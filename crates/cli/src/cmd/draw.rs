//! `potdraw draw`: at the event (SPEC §5, §6, §7.3).

use crate::config::DrawConfig;
use crate::files::{self, Access};
use crate::{problem, render, Exit};
use anyhow::{anyhow, bail, Result};
use potdraw_core::entropy::SourceKind;
use potdraw_core::model::Method;
use potdraw_core::wire::TranscriptDoc;

/// Runs the draw and writes the transcript; returns it.
pub fn execute(cfg: &DrawConfig) -> Result<Result<TranscriptDoc, potdraw_verify::Failure>> {
    files::ensure_writable(&cfg.out, cfg.force)?;
    // Only a commitment that verifies is drawn from.
    let verified = match potdraw_verify::verify_commitment(super::read_commitment(&cfg.commitment)?).outcome {
        Ok(v) => v,
        Err(f) => return Ok(Err(f)),
    };
    let commitment = verified.get();
    // Dice are often typed with spaces between the digits: "3 1 4 1 5";
    // numbers with commas: "2, 5, 12".
    let given: Vec<(String, String)> = cfg
        .entropy
        .iter()
        .map(|(label, value)| {
            let kind = commitment.plan.iter().find(|p| &p.label == label).map(|p| &p.kind);
            let value = match kind {
                Some(SourceKind::Dice { .. }) => value.split_whitespace().collect(),
                Some(SourceKind::Numbers) => crate::config::normalise_numbers(value),
                _ => value.clone(),
            };
            (label.clone(), value)
        })
        .collect();
    let doc = match (commitment.method, &cfg.seed) {
        (Method::PotdrawV1, None) => return Err(problem!("seed-required", file = cfg.commitment.display())),
        (Method::Rfc3797, Some(path)) => {
            return Err(problem!("seed-unexpected", seed = path.display(), file = cfg.commitment.display()))
        }
        (Method::PotdrawV1, Some(path)) => {
            let seed = super::read_seed(path)?;
            potdraw_core::draw::run(commitment, &seed, &given)
                .map_err(|e| crate::problem::draw(&cfg.commitment.display(), &path.display(), &e))?
        }
        (Method::Rfc3797, None) => potdraw_core::draw::run_rfc3797(commitment, &given)
            .map_err(|e| crate::problem::draw(&cfg.commitment.display(), &"--seed", &e))?,
    };

    let bytes = render::document(&serde_json::to_value(&doc)?);
    let parsed = potdraw_core::parse::transcript(&bytes).map_err(|e| anyhow!("internal error: {e}"))?;
    if let Err(f) = potdraw_verify::verify_transcript(parsed, Some(commitment)).outcome {
        bail!("internal error: the new transcript does not verify: {f}");
    }
    files::write(&cfg.out, &bytes, Access::Public, cfg.force)?;
    Ok(Ok(doc))
}

pub fn run(cfg: DrawConfig) -> Result<Exit> {
    match execute(&cfg)? {
        Ok(doc) => {
            print!("{}", summary(&doc, &cfg.out));
            Ok(Exit::Success)
        }
        Err(f) => {
            eprintln!("potdraw: {}: the commitment does not verify; refusing to draw.\n{f}", cfg.commitment.display());
            Ok(Exit::Failed)
        }
    }
}

pub fn summary(doc: &TranscriptDoc, out: &std::path::Path) -> String {
    let mut s = format!("Drew {:?} and wrote {} (publish it).\n", doc.commitment.title, out.display());
    for e in &doc.entropy {
        s.push_str(&format!("  entropy {:<20} {}\n", e.label, e.value));
    }
    if let Some(draw_seed) = &doc.draw_seed {
        s.push_str(&format!("  draw seed {draw_seed}\n"));
    }
    if let Some(key) = &doc.key {
        s.push_str(&format!("  RFC 3797 key {key}\n"));
    }
    for r in &doc.result {
        s.push_str(&format!("  {:<9} {:>3}  ticket {}\n", r.role, r.rank, render::short(&r.leaf)));
    }
    s
}
