//! `potdraw verify`: anyone, any time (SPEC §8); with `--amendments`, the
//! record of substitutions too (SPEC §15.4), and the final list.

use crate::args::VerifyArgs;
use crate::i18n::Lang;
use crate::ops::verifying::Verification;
use crate::render_check::{record_json, record_text, verification_json, verification_text};
use crate::{published, render, Exit};
use anyhow::Result;
use potdraw_verify::signature::SignatureError;

pub fn run(a: VerifyArgs) -> Result<Exit> {
    let json = a.json;
    match answer(a) {
        Err(e) if json => Ok(render::unusable_json(&e)),
        other => other,
    }
}

fn answer(a: VerifyArgs) -> Result<Exit> {
    let lang = Lang::current();
    // SPEC §16.3: with --key, TRANSCRIPT.minisig must be the organiser's
    // signature over the transcript's bytes; without it nothing changes.
    let signature = a.key.as_deref().map(|k| signature_of(k, &a.transcript)).transpose()?;
    let v = crate::ops::verifying::verify(&a.transcript, a.commitment.as_deref())?;
    // SPEC §15.4, §15.8: a record is checked only against a transcript that
    // verified; a v1 record for a draw with lists is refused (§17.10).
    let amended = match &a.amendments {
        Some(path) => v.check_record(&a.transcript, path, a.earlier.as_deref())?.map(|r| (path, r)),
        None => None,
    };
    // SPEC §18: tokens beside the documents or given; none and no option: nothing changes.
    let stamps = timestamps_of(&a, &v)?;
    // SPEC §18.4: only a trusted token after the round fails the draw.
    let before_ok =
        !matches!(&stamps, Some(ts) if matches!(ts.before, potdraw_timestamp::PublishedBefore::Failed { .. }));
    if a.json {
        let mut out = verification_json(&v);
        if let Some(ts) = &stamps {
            let (tokens, before) = crate::timestamps::json(ts);
            out["timestamps"] = tokens;
            out["published_before"] = before;
            if v.is_verified() && !before_ok {
                out["verified"] = false.into();
                out["failed_check"] = "published-before".into();
            }
        }
        if let Some((_, r)) = &amended {
            out["amendments"] = record_json(r);
        }
        if let Some(s) = &signature {
            signature_json(&mut out, s, v.is_verified());
        }
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        print!("{}", verification_text(lang, &v));
        if let Some((path, r)) = &amended {
            print!("{}", record_text(lang, &path.display().to_string(), r));
        }
        if let Some(s) = &signature {
            print!("{}", signature_text(lang, s, v.is_verified()));
        }
        if let Some(ts) = &stamps {
            print!("{}", crate::timestamps::text(lang, ts));
            if v.is_verified() && !before_ok {
                println!("{}", crate::t!(lang, "verify.not-verified", check = "published-before"));
            }
        }
    }
    let record_ok = !matches!(&amended, Some((_, r)) if !r.is_verified());
    let signed = signature.as_ref().map_or(true, |s| s.outcome.is_ok());
    Ok(if v.is_verified() && record_ok && signed && before_ok { Exit::Success } else { Exit::Failed })
}

/// The tokens of a verified draw (SPEC §18), when there are any or options ask for them.
fn timestamps_of(a: &VerifyArgs, v: &Verification) -> Result<Option<crate::timestamps::Timestamps>> {
    let Some((digest, plan)) = v.commitment() else { return Ok(None) };
    let mut documents = vec![a.transcript.as_path()];
    documents.extend(a.commitment.as_deref());
    let files = crate::timestamps::find(&documents, &a.timestamp);
    if files.is_empty() && a.tsa_roots.is_none() {
        return Ok(None);
    }
    let roots = crate::timestamps::roots(a.tsa_roots.as_deref())?;
    Ok(Some(crate::timestamps::check(&files, digest, plan, &roots)?))
}

/// The `signature` check (SPEC §16.3): the signature file and its outcome.
struct SignatureCheck {
    file: std::path::PathBuf,
    outcome: std::result::Result<String, Option<SignatureError>>,
}

fn signature_of(key: &std::ffi::OsStr, transcript: &std::path::Path) -> Result<SignatureCheck> {
    let key = published::public_key(key)?;
    let bytes = crate::files::read(transcript, crate::ops::documents::MAX_DOCUMENT_BYTES)?;
    let outcome = published::check_signature(&key, transcript, &bytes);
    Ok(SignatureCheck { file: published::signature_path(transcript), outcome })
}

/// One more line after the checks; "NOT VERIFIED" only when it is the first failure.
fn signature_text(lang: Lang, s: &SignatureCheck, verified: bool) -> String {
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

fn signature_json(out: &mut serde_json::Value, s: &SignatureCheck, verified: bool) {
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
