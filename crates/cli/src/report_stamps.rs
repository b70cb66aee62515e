//! The printable report's line on time stamps (SPEC §18, issue 30): "made
//! public before the draw", with the time stamp's and the first
//! unpredictable value's local times, and one line per token found.
//!
//! WHY inserted into the finished page, not written by `report.rs` or
//! `report_lists.rs`: it is the same for a draw of any version, and a page
//! without tokens stays exactly as it was, whatever its layout. It goes at
//! the end of the commitment's section (what the stamp is about), or before
//! "check it yourself" when that section is not found.

use crate::i18n::Lang;
use crate::report::esc;
use crate::t;
use crate::timestamps::{before_text, token_line, when, Timestamps};
use potdraw_core::unicode::visible;
use potdraw_timestamp::PublishedBefore;
use std::fmt::Write;

/// `html` with the time stamps' paragraph.
pub fn with_timestamps(html: String, lang: Lang, ts: &Timestamps) -> String {
    let block = block(lang, ts);
    let at = html
        .find("<section id=\"commitment\">")
        .and_then(|start| html[start..].find("</section>").map(|end| start + end))
        .or_else(|| html.find("<section id=\"verify\">"))
        .or_else(|| html.find("</body>"));
    match at {
        Some(at) => format!("{}{block}{}", &html[..at], &html[at..]),
        None => html + &block,
    }
}

/// The sentence a person reads, then the tokens (by file name: the page
/// lies beside them).
fn block(lang: Lang, ts: &Timestamps) -> String {
    let mut h = format!("<div id=\"timestamps\">\n<p class=\"stamp\">{}</p>\n", esc(&sentence(lang, &ts.before)));
    if !ts.tokens.is_empty() {
        h.push_str("<ul class=\"checks\">\n");
        for tok in &ts.tokens {
            let name = tok.file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let _ = writeln!(h, "<li>{}</li>", esc(&token_line(lang, tok, &name)));
        }
        h.push_str("</ul>\n");
    }
    h.push_str("</div>\n");
    h
}

/// SPEC §18.3 in words for the room: a pass as "made public before the
/// draw: time stamp of …, the first unpredictable value came on …"; any
/// other outcome as `verify` says it.
pub fn sentence(lang: Lang, before: &PublishedBefore) -> String {
    match before {
        PublishedBefore::Passed { token, label, round, entropy_time, undecided } => {
            let line = t!(
                lang,
                "report.stamp.passed",
                token = when(lang, token.gen_time.unix),
                entropy = when(lang, *entropy_time),
                label = visible(label),
                round = round
            );
            if undecided.is_empty() {
                line
            } else {
                // The undecided sources, as `verify` names them.
                let full = before_text(lang, before);
                let rest = full.split_once(". ").map_or("", |(_, r)| r);
                if rest.is_empty() {
                    line
                } else {
                    format!("{line} {rest}")
                }
            }
        }
        other => before_text(lang, other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use potdraw_timestamp::{GenTime, TokenTime};

    #[test]
    fn a_pass_reads_as_a_sentence_with_local_times_in_both_languages() {
        // 2026-12-12 18:02 UTC = 19.02 uur; the round at 19:45 UTC = 20.45 uur.
        let token = TokenTime { gen_time: GenTime { unix: 1_797_098_520, nanos: 0 }, accuracy_micros: None };
        let passed = PublishedBefore::Passed {
            token,
            label: "beacon".into(),
            round: 7,
            entropy_time: 1_797_104_700,
            undecided: Vec::new(),
        };
        let nl = sentence(Lang::from_code("nl").unwrap(), &passed);
        assert!(
            nl.starts_with("Vastgelegd vóór de loting: tijdstempel van zaterdag 12 december 2026, 19.02 uur"),
            "{nl}"
        );
        assert!(nl.contains("kwam op zaterdag 12 december 2026, 20.45 uur"), "{nl}");
        let en = sentence(Lang::en(), &passed);
        assert!(en.starts_with("Made public before the draw: time stamp of Saturday 12 December 2026, 19:02"), "{en}");
        let html = with_timestamps(
            "<section id=\"commitment\"><h2>x</h2></section><section id=\"verify\"></section>".into(),
            Lang::from_code("nl").unwrap(),
            &Timestamps { tokens: Vec::new(), before: passed },
        );
        let stamp = html.find("id=\"timestamps\"").unwrap();
        assert!(stamp < html.find("</section>").unwrap() && stamp > html.find("<h2>").unwrap(), "{html}");
    }
}
