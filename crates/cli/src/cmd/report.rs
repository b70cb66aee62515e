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

pub fn run(cfg: ReportConfig) -> Result<Exit> {
    let lang = Lang::current();
    // SPEC §17: a draw with several lists has a page with a section per list.
    if crate::ops::documents::has_lists(&cfg.transcript)? {
        return run_lists(&cfg, lang);
    }
    if let Some(path) = &cfg.amendments {
        return run_amended(&cfg, path, lang);
    }
    if let Err(report) = crate::ops::report::verify_and_write(&cfg, lang)? {
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
    let html = crate::report_amend::with_amendments(crate::report::render_html(verified, lang), lang, amended);
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
        eprint!("{}", crate::render_lists::verify_text(lang, &report));
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
