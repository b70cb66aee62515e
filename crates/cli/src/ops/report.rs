//! The printable report of a draw (`potdraw report`, the end of `potdraw
//! ceremony`): verified first, then rendered by [`crate::report`] or
//! [`crate::report_lists`]; a transcript that does not verify gets no page.

use crate::config::ReportConfig;
use crate::files::{self, Access};
use crate::i18n::Lang;
use anyhow::Result;
use potdraw_verify::{Draw, Report, Verified};

/// Writes the report of a verified draw to `path` atomically (0644), never
/// replacing an existing file unless `force`. For callers that have already
/// verified the draw, such as the end of `potdraw ceremony`.
pub fn write(verified: &Verified<Draw>, lang: Lang, path: &std::path::Path, force: bool) -> Result<()> {
    files::write(path, crate::report::render_html(verified, lang).as_bytes(), Access::Public, force)
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
