//! `potdraw report`: the printable report of a draw, for the room and the
//! record. The transcript is verified first (SPEC §8); a transcript that does
//! not verify gets no report at all — exit 1, the failed check on stderr, and
//! nothing written — because a nicely printed page of a forged draw would be
//! worse than none.

use crate::config::ReportConfig;
use crate::files::{self, Access};
use crate::i18n::Lang;
use crate::{render, t, Exit};
use anyhow::Result;
use potdraw_verify::{Draw, Verified};

/// The report of a verified draw as a self-contained HTML page (for
/// `potdraw ceremony`, which ends with it). See [`crate::report`].
pub fn render_html(verified: &Verified<Draw>, lang: Lang) -> String {
    crate::report::render_html(verified, lang)
}

pub fn run(cfg: ReportConfig) -> Result<Exit> {
    let lang = Lang::current();
    let transcript = super::read_transcript(&cfg.transcript)?;
    let published = cfg.commitment.as_deref().map(super::read_commitment).transpose()?;
    let report = potdraw_verify::verify_transcript(transcript, published.as_ref());
    if !report.is_verified() {
        eprint!("{}", render::verify_text_in(lang, &report));
        eprintln!("potdraw: {}", t!(lang, "report.refused", file = cfg.transcript.display()));
        return Ok(Exit::Failed);
    }
    let Ok(verified) = report.outcome else { return Ok(Exit::Failed) };
    let html = render_html(&verified, lang);
    files::write(&cfg.out, html.as_bytes(), Access::Public, cfg.force)?;
    println!("{}", t!(lang, "report.written", file = cfg.out.display()));
    Ok(Exit::Success)
}
