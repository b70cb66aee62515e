//! The printable report of a draw (`potdraw report`, the end of `potdraw
//! ceremony`): verified first, then rendered by [`crate::report`] or
//! [`crate::report_lists`]; a transcript that does not verify gets no page.

use crate::config::ReportConfig;
use crate::i18n::Lang;
use crate::ops::amendments::Checked;
use crate::ops::verifying::Verification;
use crate::timestamps::Timestamps;
use anyhow::Result;
use potdraw_timestamp::PublishedBefore;
use potdraw_verify::{Draw, Report};
use std::path::Path;

/// What `potdraw report` made of a transcript (and its record).
pub enum Made {
    /// The page, for a draw (and record) that verified.
    Page(String),
    /// The transcript did not verify: no page (a nicely printed page of a
    /// forged draw would be worse than none).
    NotVerified(Box<Verification>),
    /// The record of substitutions did not verify: no page.
    RecordFailed(Box<Checked>),
    /// A trusted time stamp is not before the draw's entropy (SPEC §18.4,
    /// `published-before` failed): no page, as `verify` fails it.
    PublishedAfter(Box<Timestamps>),
}

/// SPEC §8, §15.4, §17.7: verifies the transcript (against the commitment
/// as published, if given) and the record, and only then renders the page,
/// for a draw of any version; time-stamp tokens beside the documents are
/// shown, none of them trusted ([`make_with_roots`] with no roots).
pub fn make(cfg: &ReportConfig, lang: Lang) -> Result<Made> {
    make_with_roots(cfg, None, lang)
}

/// [`make`], with the time-stamp roots the reader trusts (SPEC §18,
/// `report --tsa-roots`): a trusted token that is not before the draw's
/// entropy gets no page ([`Made::PublishedAfter`]).
pub fn make_with_roots(cfg: &ReportConfig, tsa_roots: Option<&Path>, lang: Lang) -> Result<Made> {
    let v = crate::ops::verifying::verify(&cfg.transcript, cfg.commitment.as_deref())?;
    if !v.is_verified() {
        return Ok(Made::NotVerified(Box::new(v)));
    }
    let record = match &cfg.amendments {
        Some(path) => v.check_record(&cfg.transcript, path, None)?,
        None => None,
    };
    let record = match record {
        Some(r) if !r.is_verified() => return Ok(Made::RecordFailed(Box::new(r))),
        record => record,
    };
    let stamps = timestamps(cfg, tsa_roots, &v)?;
    if let Some(ts) = stamps {
        if matches!(ts.before, PublishedBefore::Failed { .. }) {
            return Ok(Made::PublishedAfter(Box::new(ts)));
        }
        let html = page(&v, record.as_ref(), lang)
            .ok_or_else(|| anyhow::anyhow!("internal error: a verified draw without its page"))?;
        return Ok(Made::Page(crate::report_stamps::with_timestamps(html, lang, &ts)));
    }
    page(&v, record.as_ref(), lang)
        .map(Made::Page)
        .ok_or_else(|| anyhow::anyhow!("internal error: a verified draw without its page"))
}

/// SPEC §18: the time stamps of a draw that verifies (for `publish`, after
/// [`make_with_roots`] made its report), or `None` as [`timestamps`] gives.
pub fn stamps_of(cfg: &ReportConfig, tsa_roots: Option<&Path>) -> Result<Option<Timestamps>> {
    let v = crate::ops::verifying::verify(&cfg.transcript, cfg.commitment.as_deref())?;
    timestamps(cfg, tsa_roots, &v)
}

/// SPEC §18: the tokens beside the transcript and the commitment, checked
/// against `--tsa-roots`; `None` when there are none and no roots were given
/// (the page is then exactly as without time stamps).
fn timestamps(cfg: &ReportConfig, tsa_roots: Option<&Path>, v: &Verification) -> Result<Option<Timestamps>> {
    let Some((digest, plan)) = v.commitment() else { return Ok(None) };
    let mut documents = vec![cfg.transcript.as_path()];
    documents.extend(cfg.commitment.as_deref());
    let files = crate::timestamps::find(&documents, &[]);
    if files.is_empty() && tsa_roots.is_none() {
        return Ok(None);
    }
    let roots = crate::timestamps::roots(tsa_roots)?;
    Ok(Some(crate::timestamps::check(&files, digest, plan, &roots)?))
}

/// The page of a verified draw, with the final lists of a verified record.
fn page(v: &Verification, record: Option<&Checked>, lang: Lang) -> Option<String> {
    match (v, record) {
        (Verification::One(r), None) => Some(crate::report::render_html(r.outcome.as_ref().ok()?, lang)),
        (Verification::One(r), Some(Checked::One(c))) => {
            let html = crate::report::render_html(r.outcome.as_ref().ok()?, lang);
            Some(crate::report_amend::with_amendments(html, lang, c.outcome.as_ref().ok()?))
        }
        (Verification::Lists(r), None) => Some(crate::report_lists::render_html(r.outcome.as_ref().ok()?, lang)),
        (Verification::Lists(r), Some(Checked::Lists(c, names))) => {
            let html = crate::report_lists::render_html(r.outcome.as_ref().ok()?, lang);
            Some(crate::report_amend::with_lists_amendments(html, lang, c.outcome.as_ref().ok()?, names))
        }
        // A record is checked by the draw's own version (`check_record`).
        _ => None,
    }
}

/// The report of a transcript not yet written (`bytes`), verified against
/// the published commitment at `commitment` exactly as [`make`]
/// verifies the file: `Ok(Err(report))` if it does not verify. For `potdraw
/// ceremony`, which publishes the transcript and its report together.
pub fn verify_and_render(
    bytes: &[u8],
    commitment: &std::path::Path,
    lang: Lang,
) -> Result<Result<String, Report<Draw>>> {
    let transcript = potdraw_core::parse::transcript(bytes).map_err(|e| anyhow::anyhow!("internal error: {e}"))?;
    let published = crate::ops::documents::read_commitment(commitment)?;
    let report = potdraw_verify::verify_transcript(transcript, Some(&published));
    let Ok(verified) = &report.outcome else { return Ok(Err(report)) };
    Ok(Ok(crate::report::render_html(verified, lang)))
}

/// [`verify_and_render`] for a draw with several lists (SPEC §17): the
/// ceremony publishes its transcript and report together, as for one list.
pub fn verify_and_render_lists(
    bytes: &[u8],
    commitment: &std::path::Path,
    lang: Lang,
) -> Result<Result<String, Report<potdraw_verify::ListsDraw>>> {
    let transcript =
        potdraw_core::lists::parse_transcript(bytes).map_err(|e| anyhow::anyhow!("internal error: {e}"))?;
    let published = crate::ops::documents::read_lists_commitment(commitment)?;
    let report = potdraw_verify::verify_lists_transcript(transcript, Some(&published));
    let Ok(verified) = &report.outcome else { return Ok(Err(report)) };
    Ok(Ok(crate::report_lists::render_html(verified, lang)))
}
