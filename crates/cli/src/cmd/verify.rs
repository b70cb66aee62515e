//! `potdraw verify`: anyone, any time (SPEC §8).

use crate::args::VerifyArgs;
use crate::{render, Exit};
use anyhow::Result;

pub fn run(a: VerifyArgs) -> Result<Exit> {
    let loaded = super::read_transcript(&a.transcript)
        .and_then(|t| Ok((t, a.commitment.as_deref().map(super::read_commitment).transpose()?)));
    let (transcript, published) = match loaded {
        Ok(x) => x,
        Err(e) if a.json => return Ok(render::unusable_json(&e)),
        Err(e) => return Err(e),
    };
    let report = potdraw_verify::verify_transcript(transcript, published.as_ref());
    if a.json {
        println!("{}", serde_json::to_string_pretty(&render::verify_json(&report))?);
    } else {
        print!("{}", render::verify_text(&report));
    }
    Ok(if report.is_verified() { Exit::Success } else { Exit::Failed })
}
