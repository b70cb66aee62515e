//! The tool's own pages in an audited folder (SPEC §16.4; issue 26, F4).
//!
//! WHY pages are recognised at all: `publish` and the README put the
//! report, the draw's page and the verifier page beside the documents, and
//! an audit that called them "not potdraw" would fail every folder
//! published as the docs say. A page is never a document that `verify` or
//! the offline page accepts, so recognising it hides no draw.
//!
//! WHY a page about a draw must name a transcript of the folder: a report
//! is what residents read. One that names no published transcript (a
//! report of a re-run never published, or of another organiser's draw) tells
//! of winners nobody can replay, so the audit names it
//! (`page-unknown-draw`). The check is by the digests the page prints
//! (every run of 64 hexadecimal digits in it); it proves the page is about
//! a draw of the folder, not that its every sentence is right — for that,
//! `potdraw report` makes the page again from the transcript.

use potdraw_core::Hash32;
use std::path::Path;

/// A page the tool writes, by the marker in its head.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// `report.html` and the draw's page (`index.html` of `potdraw
    /// publish`), which name their draw's digests.
    AboutADraw,
    /// The offline verifier page: about no draw in particular.
    Verifier,
    /// Slips (every code) and the seed sheet: never to be published.
    Secret,
}

/// The largest page read for its digests (a report lists the drawn tickets
/// only; the draw's page the same).
const MAX_PAGE_BYTES: u64 = 64 << 20;

/// Which of the tool's pages `head` (the first bytes of an HTML file) is,
/// by its `<meta name="potdraw-page" content="…">` (or, for a report made
/// before that marker, its `generator` meta).
pub fn tool_page(head: &[u8]) -> Option<Page> {
    let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    let marker = |kind: &str| has(format!("<meta name=\"potdraw-page\" content=\"{kind}\">").as_bytes());
    if marker("slips") || marker("seed-sheet") {
        Some(Page::Secret)
    } else if marker("verifier") {
        Some(Page::Verifier)
    } else if marker("report") || marker("index") || has(b"<meta name=\"generator\" content=\"potdraw ") {
        Some(Page::AboutADraw)
    } else {
        None
    }
}

/// Every digest a page about a draw names: each run of exactly 64
/// hexadecimal digits in its bytes, as the report and the draw's page print
/// digests. A page that cannot be read names none.
pub fn digests_named(path: &Path) -> Vec<Hash32> {
    let Some(handle) = crate::files::open_regular_no_follow(path) else { return Vec::new() };
    let Ok(bytes) = crate::files::read_opened(handle, path, MAX_PAGE_BYTES) else { return Vec::new() };
    digests_in(&bytes)
}

fn digests_in(bytes: &[u8]) -> Vec<Hash32> {
    let mut out: Vec<Hash32> = Vec::new();
    for run in bytes.split(|b| !b.is_ascii_hexdigit()) {
        if run.len() != 64 {
            continue;
        }
        let mut d = [0u8; 32];
        if hex::decode_to_slice(run.to_ascii_lowercase(), &mut d).is_ok() && !out.contains(&d) {
            out.push(d);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_names_the_digests_it_prints() {
        let a = "ab".repeat(32);
        let b = "0C".repeat(32);
        let page = format!("<code class=\"hash\">{a}</code> {b}. {a} {}x {}", "1".repeat(65), "2".repeat(63));
        assert_eq!(digests_in(page.as_bytes()), [[0xab; 32], [0x0c; 32]]);
        assert!(digests_in(b"<p>no digest</p>").is_empty());
    }

    #[test]
    fn pages_by_their_marker() {
        let head = |kind: &str| format!("<head><meta name=\"potdraw-page\" content=\"{kind}\"></head>");
        assert_eq!(tool_page(head("report").as_bytes()), Some(Page::AboutADraw));
        assert_eq!(tool_page(head("index").as_bytes()), Some(Page::AboutADraw));
        assert_eq!(tool_page(head("verifier").as_bytes()), Some(Page::Verifier));
        assert_eq!(tool_page(head("slips").as_bytes()), Some(Page::Secret));
        assert_eq!(tool_page(b"<meta name=\"generator\" content=\"potdraw 0.9\">"), Some(Page::AboutADraw));
        assert_eq!(tool_page(b"<html><title>x</title>"), None);
    }
}
