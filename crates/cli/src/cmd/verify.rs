//! `potdraw verify`: anyone, any time (SPEC §8); with `--amendments`, the
//! record of substitutions too (SPEC §15.4), and the final list.

use crate::args::VerifyArgs;
use crate::i18n::Lang;
use crate::{render, render_amend, Exit};
use anyhow::Result;

pub fn run(a: VerifyArgs) -> Result<Exit> {
    // SPEC §17: a transcript with several lists has its own checks.
    match super::lists::is_v4_file(&a.transcript) {
        Ok(true) => return super::lists::verify(&a),
        Err(e) if a.json => return Ok(render::unusable_json(&e)),
        Err(e) => return Err(e),
        Ok(false) => {}
    }
    let loaded = super::read_transcript(&a.transcript)
        .and_then(|t| Ok((t, a.commitment.as_deref().map(super::lists::AnyCommitment::read).transpose()?)));
    let (transcript, published) = match loaded {
        Ok(x) => x,
        Err(e) if a.json => return Ok(render::unusable_json(&e)),
        Err(e) => return Err(e),
    };
    let report = potdraw_verify::verify_transcript_published(
        transcript,
        published.as_ref().map(super::lists::AnyCommitment::published),
    );
    // SPEC §15.4: a record is checked only against a transcript that verified.
    let amended = match (&a.amendments, &report.outcome) {
        (Some(path), Ok(draw)) => match super::amend::check_record(draw, path, a.earlier.as_deref()) {
            Ok(r) => Some((path, r)),
            Err(e) if a.json => return Ok(render::unusable_json(&e)),
            Err(e) => return Err(e),
        },
        _ => None,
    };
    if a.json {
        let mut out = render::verify_json(&report);
        if let Some((_, r)) = &amended {
            out["amendments"] = render_amend::report_json(r);
        }
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        print!("{}", render::verify_text(&report));
        if let Some((path, r)) = &amended {
            print!("{}", render_amend::report_text(Lang::current(), &path.display().to_string(), r));
        }
    }
    let record_ok = !matches!(&amended, Some((_, r)) if r.outcome.is_err());
    Ok(if report.is_verified() && record_ok { Exit::Success } else { Exit::Failed })
}
