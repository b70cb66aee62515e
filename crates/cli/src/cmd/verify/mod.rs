//! `potdraw verify`: anyone, any time (SPEC §8); with `--amendments`, the
//! record of substitutions too (SPEC §15.4), and the final list.

pub mod lists;

use crate::args::VerifyArgs;
use crate::i18n::Lang;
use crate::{published, render, render_amend, Exit};
use anyhow::Result;
use potdraw_verify::signature::SignatureError;

pub fn run(a: VerifyArgs) -> Result<Exit> {
    // SPEC §16.3: with --key, TRANSCRIPT.minisig must be the organiser's
    // signature over the transcript's bytes; without it nothing changes.
    let signature = match a.key.as_deref().map(|k| signature_of(k, &a.transcript)).transpose() {
        Ok(s) => s,
        Err(e) if a.json => return Ok(render::unusable_json(&e)),
        Err(e) => return Err(e),
    };
    // SPEC §17: a transcript with several lists has its own checks.
    match crate::ops::documents::has_lists(&a.transcript) {
        Ok(true) => return lists::verify(&a, signature.as_ref()),
        Err(e) if a.json => return Ok(render::unusable_json(&e)),
        Err(e) => return Err(e),
        Ok(false) => {}
    }
    let loaded = crate::ops::documents::read_transcript(&a.transcript)
        .and_then(|t| Ok((t, a.commitment.as_deref().map(crate::ops::documents::AnyCommitment::read).transpose()?)));
    let (transcript, published) = match loaded {
        Ok(x) => x,
        Err(e) if a.json => return Ok(render::unusable_json(&e)),
        Err(e) => return Err(e),
    };
    let report = potdraw_verify::verify_transcript_published(
        transcript,
        published.as_ref().map(crate::ops::documents::AnyCommitment::published),
    );
    // SPEC §15.4: a record is checked only against a transcript that verified.
    let amended = match (&a.amendments, &report.outcome) {
        (Some(path), Ok(draw)) => match crate::ops::amendments::check_one_record(draw, path, a.earlier.as_deref()) {
            Ok(r) => Some((path, r)),
            Err(e) if a.json => return Ok(render::unusable_json(&e)),
            Err(e) => return Err(e),
        },
        _ => None,
    };
    // SPEC §18: tokens beside the documents or given; none and no option: nothing changes.
    let stamps = match timestamps_of(&a, &report) {
        Ok(s) => s,
        Err(e) if a.json => return Ok(render::unusable_json(&e)),
        Err(e) => return Err(e),
    };
    if a.json {
        let mut out = render::verify_json(&report);
        if let Some(ts) = &stamps {
            let (tokens, before) = crate::timestamps::json(ts);
            out["timestamps"] = tokens;
            out["published_before"] = before;
        }
        if let Some((_, r)) = &amended {
            out["amendments"] = render_amend::report_json(r);
        }
        if let Some(s) = &signature {
            signature_json(&mut out, s, report.is_verified());
        }
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        print!("{}", render::verify_text(&report));
        if let Some((path, r)) = &amended {
            print!("{}", render_amend::report_text(Lang::current(), &path.display().to_string(), r));
        }
        if let Some(s) = &signature {
            print!("{}", signature_text(Lang::current(), s, report.is_verified()));
        }
        if let Some(ts) = &stamps {
            print!("{}", crate::timestamps::text(Lang::current(), ts));
        }
    }
    let record_ok = !matches!(&amended, Some((_, r)) if r.outcome.is_err());
    let signed = signature.as_ref().map_or(true, |s| s.outcome.is_ok());
    // SPEC §18.4: only a trusted token after the round fails the draw.
    let before_ok =
        !matches!(&stamps, Some(ts) if matches!(ts.before, potdraw_timestamp::PublishedBefore::Failed { .. }));
    Ok(if report.is_verified() && record_ok && signed && before_ok { Exit::Success } else { Exit::Failed })
}

/// The tokens of a verified draw (SPEC §18), when there are any or options ask for them.
fn timestamps_of(
    a: &VerifyArgs,
    report: &potdraw_verify::Report<potdraw_verify::Draw>,
) -> Result<Option<crate::timestamps::Timestamps>> {
    let Ok(draw) = &report.outcome else { return Ok(None) };
    let mut documents = vec![a.transcript.as_path()];
    documents.extend(a.commitment.as_deref());
    let files = crate::timestamps::find(&documents, &a.timestamp);
    if files.is_empty() && a.tsa_roots.is_none() {
        return Ok(None);
    }
    let roots = crate::timestamps::roots(a.tsa_roots.as_deref())?;
    let c = &draw.get().transcript.commitment;
    Ok(Some(crate::timestamps::check(&files, &c.digest, &c.plan, &roots)?))
}

/// The `signature` check (SPEC §16.3): the signature file and its outcome.
pub(super) struct SignatureCheck {
    file: std::path::PathBuf,
    pub(super) outcome: std::result::Result<String, Option<SignatureError>>,
}

fn signature_of(key: &std::ffi::OsStr, transcript: &std::path::Path) -> Result<SignatureCheck> {
    let key = published::public_key(key)?;
    let bytes = crate::files::read(transcript, crate::ops::documents::MAX_DOCUMENT_BYTES)?;
    let outcome = published::check_signature(&key, transcript, &bytes);
    Ok(SignatureCheck { file: published::signature_path(transcript), outcome })
}

/// One more line after the checks; "NOT VERIFIED" only when it is the first failure.
pub(super) fn signature_text(lang: Lang, s: &SignatureCheck, verified: bool) -> String {
    let file = potdraw_core::unicode::visible(&s.file.display().to_string());
    let (status, line) = match &s.outcome {
        Ok(comment) => ("verify.status.ok", crate::t!(lang, "signature.good", file = file, comment = comment)),
        Err(None) => ("verify.status.failed", crate::t!(lang, "signature.missing", file = file)),
        Err(Some(e)) => ("verify.status.failed", crate::t!(lang, "signature.bad", file = file, why = e.id())),
    };
    let mut out = format!("\n  {} {:<21} {line}\n", render::status(lang, status), "signature");
    if verified && s.outcome.is_err() {
        out += &crate::t!(lang, "verify.not-verified", check = "signature");
        out.push('\n');
    }
    out
}

pub(super) fn signature_json(out: &mut serde_json::Value, s: &SignatureCheck, verified: bool) {
    let (status, detail) = match &s.outcome {
        Ok(comment) => ("passed", format!("signed with the given key; trusted comment: {comment}")),
        Err(None) => ("failed", format!("no signature file {}", s.file.display())),
        Err(Some(e)) => ("failed", format!("{}: {e}", e.id())),
    };
    if let Some(checks) = out["checks"].as_array_mut() {
        checks.push(serde_json::json!({"check": "signature", "status": status, "detail": detail}));
    }
    if verified && s.outcome.is_err() {
        out["verified"] = false.into();
        out["failed_check"] = "signature".into();
    }
}
