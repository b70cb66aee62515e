//! `potdraw report`: the printable report of a draw, for the room and the
//! record. The transcript is verified first (SPEC §8); a transcript that does
//! not verify gets no report at all — exit 1, the failed check on stderr, and
//! nothing written — because a nicely printed page of a forged draw would be
//! worse than none. With `--amendments` the record of substitutions is
//! verified as well (SPEC §15.4), and the page adds the final list.

use crate::config::ReportConfig;
use crate::files::{self, Access};
use crate::i18n::Lang;
use crate::{render, t, Exit};
use anyhow::Result;
use potdraw_verify::{Draw, Report, Verified};

/// The report of a verified draw as a self-contained HTML page (for
/// `potdraw ceremony`, which ends with it). See [`crate::report`].
pub fn render_html(verified: &Verified<Draw>, lang: Lang) -> String {
    crate::report::render_html(verified, lang)
}

/// Writes the report of a verified draw to `path` atomically (0644), never
/// replacing an existing file unless `force`. For callers that have already
/// verified the draw, such as the end of `potdraw ceremony`.
pub fn write(verified: &Verified<Draw>, lang: Lang, path: &std::path::Path, force: bool) -> Result<()> {
    files::write(path, render_html(verified, lang).as_bytes(), Access::Public, force)
}

/// Reads, verifies and, only if every check passes, writes the report; prints
/// nothing. `Ok(Err(report))` is a transcript that does not verify (nothing
/// written). For `potdraw ceremony`, which has just written the transcript:
/// `verify_and_write(&ReportConfig { transcript, commitment: Some(..), out, force }, lang)`.
pub fn verify_and_write(cfg: &ReportConfig, lang: Lang) -> Result<Result<(), Report<Draw>>> {
    let transcript = crate::ops::documents::read_transcript(&cfg.transcript)?;
    let published = cfg.commitment.as_deref().map(crate::ops::documents::read_commitment).transpose()?;
    let report = potdraw_verify::verify_transcript(transcript, published.as_ref());
    let Ok(verified) = &report.outcome else { return Ok(Err(report)) };
    write(verified, lang, &cfg.out, cfg.force)?;
    Ok(Ok(()))
}

/// The report of a transcript not yet written (`bytes`), verified against
/// the published commitment at `commitment` exactly as [`verify_and_write`]
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
    Ok(Ok(render_html(verified, lang)))
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

pub fn run(cfg: ReportConfig) -> Result<Exit> {
    let lang = Lang::current();
    // SPEC §17: a draw with several lists has a page with a section per list.
    if crate::ops::documents::has_lists(&cfg.transcript)? {
        return run_lists(&cfg, lang);
    }
    if let Some(path) = &cfg.amendments {
        return run_amended(&cfg, path, lang);
    }
    if let Err(report) = verify_and_write(&cfg, lang)? {
        eprint!("{}", render::verify_text_in(lang, &report));
        eprintln!("potdraw: {}", t!(lang, "report.refused", file = cfg.transcript.display()));
        return Ok(Exit::Failed);
    }
    println!("{}", t!(lang, "report.written", file = cfg.out.display()));
    Ok(Exit::Success)
}

/// `report --amendments FILE`: the transcript and the record are both
/// verified (SPEC §8, §15.4) before anything is written; the page then also
/// shows the final list and the record's events.
fn run_amended(cfg: &ReportConfig, path: &std::path::Path, lang: Lang) -> Result<Exit> {
    let transcript = crate::ops::documents::read_transcript(&cfg.transcript)?;
    let published = cfg.commitment.as_deref().map(crate::ops::documents::read_commitment).transpose()?;
    let report = potdraw_verify::verify_transcript(transcript, published.as_ref());
    let Ok(verified) = &report.outcome else {
        eprint!("{}", render::verify_text_in(lang, &report));
        eprintln!("potdraw: {}", t!(lang, "report.refused", file = cfg.transcript.display()));
        return Ok(Exit::Failed);
    };
    let checked = crate::ops::amendments::check_one_record(verified, path, None)?;
    let Ok(amended) = &checked.outcome else {
        eprint!("{}", crate::render_amend::report_text(lang, &path.display().to_string(), &checked));
        eprintln!("potdraw: {}", t!(lang, "report.refused-amendments", file = path.display()));
        return Ok(Exit::Failed);
    };
    let html = crate::report_amend::with_amendments(render_html(verified, lang), lang, amended);
    files::write(&cfg.out, html.as_bytes(), Access::Public, cfg.force)?;
    println!("{}", t!(lang, "report.written", file = cfg.out.display()));
    Ok(Exit::Success)
}

/// `report` of a draw with several lists (SPEC §17): verified first, like any draw.
fn run_lists(cfg: &ReportConfig, lang: Lang) -> Result<Exit> {
    let transcript = crate::ops::documents::read_lists_transcript(&cfg.transcript)?;
    let published = cfg.commitment.as_deref().map(crate::ops::documents::read_lists_commitment).transpose()?;
    let report = potdraw_verify::verify_lists_transcript(transcript, published.as_ref());
    let Ok(verified) = &report.outcome else {
        eprint!("{}", super::lists::verify_text(lang, &report));
        eprintln!("potdraw: {}", t!(lang, "report.refused", file = cfg.transcript.display()));
        return Ok(Exit::Failed);
    };
    let mut html = crate::report_lists::render_html(verified, lang);
    // SPEC §15.8: a record of substitutions naming its lists (a v1 record is refused, §17.10).
    if let Some(path) = &cfg.amendments {
        let checked = crate::ops::amendments::check_lists_record(verified, &cfg.transcript, path, None)?;
        let Ok(amended) = &checked.outcome else {
            eprint!("{}", crate::render_amend_lists::report_text(lang, &path.display().to_string(), &checked));
            eprintln!("potdraw: {}", t!(lang, "report.refused-amendments", file = path.display()));
            return Ok(Exit::Failed);
        };
        html = crate::report_amend::with_lists_amendments(html, lang, amended);
    }
    files::write(&cfg.out, html.as_bytes(), Access::Public, cfg.force)?;
    println!("{}", t!(lang, "report.written", file = cfg.out.display()));
    Ok(Exit::Success)
}
