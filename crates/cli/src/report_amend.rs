//! The printable report's section on substitutions (SPEC §15): the final
//! list of recipients, the public count of each reason (SPEC §9.9), and
//! every event of the record, with the record's digest.
//!
//! WHY a separate section inserted into the draw's page, not a new page:
//! the people in the room and the auditors later read one document, and the
//! evening's result stays visible next to the list that is paid.

use crate::i18n::Lang;
use crate::render::fingerprint;
use crate::render_amend::{event_text, place_text, reason_word};
use crate::report::esc;
use crate::shown::Names;
use crate::t;
use potdraw_verify::amend::Amended;
use potdraw_verify::Verified;
use std::fmt::Write;

/// `html` (the draw's page) with the substitutions section right after the
/// result, before the details (issue 29: the result on the first page).
pub fn with_amendments(html: String, lang: Lang, amended: &Verified<Amended>) -> String {
    let section = section(lang, amended);
    after_result(html, &section)
}

/// `section` inserted where the result ends: before the first section of
/// details (the pot, the lists' rules), else before "Check it yourself".
fn after_result(html: String, section: &str) -> String {
    let at = ["<section id=\"pot\">", "<section id=\"lists-rules\">", "<section id=\"verify\">", "</body>"]
        .iter()
        .find_map(|m| html.find(m));
    match at {
        Some(at) => format!("{}{section}{}", &html[..at], &html[at..]),
        None => html + section,
    }
}

/// `html` (the page of a draw with several lists) with the substitutions
/// section of a `potdraw/amendments/v2` record (SPEC §15.8): each list's
/// final list, the counts and every event (an undo among them).
pub fn with_lists_amendments(
    html: String,
    lang: Lang,
    v: &Verified<potdraw_verify::amend_lists::ListsAmended>,
    names: &Names,
) -> String {
    let a = v.get();
    let mut h = String::from("<section id=\"amendments\">\n");
    let _ = write!(
        h,
        "<h2>{}</h2>\n<p>{}</p>\n",
        esc(&t!(lang, "report.amend.heading")),
        esc(&t!(lang, "report.amend.explain"))
    );
    for (heading, lines) in crate::render_amend_lists::final_lists(lang, a, names) {
        let _ = writeln!(h, "<h3>{}</h3>\n<ol class=\"final\">", esc(&heading));
        for line in lines {
            let _ = writeln!(h, "<li>{}</li>", esc(&line));
        }
        h.push_str("</ol>\n");
    }
    events_and_digest(&mut h, lang, &v.reason_counts(), &a.record, &hex::encode(a.digest), names);
    after_result(html, &h)
}

/// The counts of each reason, every event, and the record's digest.
fn events_and_digest(
    h: &mut String,
    lang: Lang,
    counts: &[(potdraw_core::amend::Reason, usize)],
    record: &potdraw_core::amend::Amendments,
    d: &str,
    names: &Names,
) {
    h.push_str("<table class=\"facts\">");
    for (reason, n) in counts {
        let _ = write!(h, "<tr><th>{}</th><td>{n}</td></tr>", esc(&reason_word(lang, *reason)));
    }
    h.push_str("</table>\n");
    let _ = writeln!(h, "<h3>{}</h3>\n<ul class=\"events\">", esc(&t!(lang, "report.amend.events")));
    for e in &record.doc.events {
        let _ = writeln!(h, "<li>{}</li>", esc(&event_text(lang, e, names)));
    }
    if record.events.is_empty() {
        let _ = writeln!(h, "<li>{}</li>", esc(&t!(lang, "report.amend.no-events")));
    }
    let _ = write!(
        h,
        "</ul>\n<p class=\"note\">{}</p>\n</section>\n",
        esc(&t!(lang, "report.amend.digest", digest = d, fingerprint = fingerprint(d)))
    );
}

fn section(lang: Lang, v: &Verified<Amended>) -> String {
    let a = v.get();
    let mut h = String::from("<section id=\"amendments\">\n");
    let d = hex::encode(a.digest);
    let _ = write!(
        h,
        "<h2>{}</h2>\n<p>{}</p>\n<ol class=\"final\" id=\"final-list\">\n",
        esc(&t!(lang, "report.amend.heading")),
        esc(&t!(lang, "report.amend.explain"))
    );
    for p in &a.places {
        let _ = writeln!(h, "<li>{}</li>", esc(&place_text(lang, p, a.reserves)));
    }
    h.push_str("</ol>\n");
    events_and_digest(&mut h, lang, &v.reason_counts(), &a.record, &d, &Names::default());
    h
}
