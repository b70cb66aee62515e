//! `potdraw verify` of a transcript with several lists (SPEC §17.7).

use crate::args::VerifyArgs;
use crate::i18n::Lang;
use crate::Exit;
use anyhow::Result;

/// `potdraw verify` of a v4 transcript (SPEC §17.7).
/// `signature`: the `--key` check of SPEC §16.3, made by `verify::run`
/// before it dispatches here, so a v4 transcript is held to it too.
pub(super) fn verify(a: &VerifyArgs, signature: Option<&super::SignatureCheck>) -> Result<Exit> {
    let loaded = crate::ops::documents::read_lists_transcript(&a.transcript)
        .and_then(|t| Ok((t, a.commitment.as_deref().map(crate::ops::documents::AnyCommitment::read).transpose()?)));
    let (transcript, published) = match loaded {
        Ok(x) => x,
        Err(e) if a.json => return Ok(crate::render::unusable_json(&e)),
        Err(e) => return Err(e),
    };
    let report = potdraw_verify::verify_lists_transcript_published(
        transcript,
        published.as_ref().map(crate::ops::documents::AnyCommitment::published),
    );
    // SPEC §15.4, §15.8: a record is checked only for a transcript that
    // verified, so a failing transcript is still reported as failed; a v1
    // record is refused then as `amendments-lists` (SPEC §17.10).
    let amended = match (&a.amendments, &report.outcome) {
        (Some(path), Ok(draw)) => {
            match crate::ops::amendments::check_lists_record(draw, &a.transcript, path, a.earlier.as_deref()) {
                Ok(r) => Some((path, r)),
                Err(e) if a.json => return Ok(crate::render::unusable_json(&e)),
                Err(e) => return Err(e),
            }
        }
        _ => None,
    };
    if a.json {
        let mut out = crate::render_lists::verify_json(&report);
        if let Some((_, r)) = &amended {
            out["amendments"] = crate::render_amend_lists::report_json(r);
        }
        if let Some(s) = signature {
            super::signature_json(&mut out, s, report.is_verified());
        }
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        print!("{}", crate::render_lists::verify_text(Lang::current(), &report));
        if let Some((path, r)) = &amended {
            let file = path.display().to_string();
            print!("{}", crate::render_amend_lists::report_text(Lang::current(), &file, r));
        }
        if let Some(s) = signature {
            print!("{}", super::signature_text(Lang::current(), s, report.is_verified()));
        }
    }
    let record_ok = !matches!(&amended, Some((_, r)) if r.outcome.is_err());
    let signed = signature.map_or(true, |s| s.outcome.is_ok());
    Ok(if report.is_verified() && record_ok && signed { Exit::Success } else { Exit::Failed })
}
