//! A participant's answer in words and as data, for a draw of any version
//! (issue 27: one model of a draw). A place in a named list names its list;
//! the one list of a draw of one list has no name, and its answer reads as
//! it always did. The page (web/potdraw-verify.js) says the same.

use crate::i18n::Lang;
use crate::ops::amendments::{Checked, FateOf};
use crate::ops::verifying::Verification;
use crate::shown;
use crate::t;
use potdraw_core::unicode::visible;
use potdraw_core::Hash32;
use potdraw_verify::{Drawn, Failure, ListTicket, Outcome};
use serde_json::{json, Value};

/// "Your ticket was in the draw (weight 1)", naming the list when it has a
/// name, as people call it (SPEC §19.3).
pub fn in_draw_text(lang: Lang, drawn: &Drawn, list: Option<&str>, weight: u64) -> String {
    match list {
        Some(list) => t!(lang, "check.lists.in-draw", list = shown::drawn(drawn, list), weight = weight),
        None => t!(lang, "check.in-draw", weight = weight),
    }
}

/// The participant's answer (SPEC §8, §17.9). A travel companion is never
/// told they were drawn as a recipient: they travel with place j of another
/// list and receive no grant (issue 27).
pub fn ticket_text(lang: Lang, drawn: &Drawn, ticket: &ListTicket) -> String {
    match ticket {
        ListTicket::NotInDraw => t!(lang, "check.not-in-draw"),
        ListTicket::InDraw { list, weight, outcome, companion_of, companions_list, .. } => {
            let second = match (outcome, companion_of, companions_list) {
                (Outcome::Recipient(n), Some((of, place)), _) => {
                    t!(lang, "check.lists.companion", rank = n, place = place, of = shown::drawn(drawn, of))
                }
                (Outcome::Reserve(n), _, Some(of)) => {
                    t!(lang, "check.lists.companion-reserve", rank = n, of = shown::drawn(drawn, of))
                }
                (Outcome::Recipient(n), ..) => t!(lang, "check.recipient", rank = n),
                (Outcome::Reserve(n), ..) => t!(lang, "check.reserve", rank = n),
                (Outcome::NotDrawn, ..) => t!(lang, "check.not-drawn"),
            };
            format!("{} {second}", in_draw_text(lang, drawn, list.as_deref(), *weight))
        }
    }
}

/// `check --json`: the ticket (its leaf), where it stands, and its list and
/// pairing (`null` for the one list of a draw of one list); a v5 list's
/// display name beside its name (`list_display`, SPEC §19.3).
pub fn ticket_json(drawn: &Drawn, ticket: &ListTicket, leaf: Option<&Hash32>, transcript_digest: &Hash32) -> Value {
    let d = hex::encode(transcript_digest);
    let leaf = leaf.map(hex::encode);
    match ticket {
        ListTicket::NotInDraw => json!({"verified": true, "transcript_digest": d, "ticket": leaf, "in_draw": false,
                                        "weight": null, "outcome": "not-in-draw", "rank": null, "list": null,
                                        "companion_of": null}),
        ListTicket::InDraw { list, weight, outcome, companion_of, .. } => {
            let (outcome, rank) = match outcome {
                Outcome::Recipient(n) => ("recipient", Some(*n)),
                Outcome::Reserve(n) => ("reserve", Some(*n)),
                Outcome::NotDrawn => ("not-drawn", None),
            };
            let companion = companion_of.as_ref().map(|(of, place)| json!({"list": of, "place": place}));
            let mut out = json!({"verified": true, "transcript_digest": d, "ticket": leaf, "in_draw": true,
                   "weight": weight, "outcome": outcome, "rank": rank, "list": list, "companion_of": companion});
            if let Some(display) =
                list.as_deref().and_then(|l| drawn.list_asked(l)).and_then(|i| drawn.lists()[i].display)
            {
                out["list_display"] = json!(display);
            }
            out
        }
    }
}

/// The final outcome after a record (SPEC §15.5), in words.
pub fn fate_text(lang: Lang, fate: &FateOf<'_>) -> String {
    match fate {
        FateOf::One(f, a) => crate::render_amend::fate_text(lang, *f, a),
        FateOf::Lists(f, a, names) => crate::render_amend_lists::fate_text(lang, f, a, names),
    }
}

/// The final outcome after a record, as data.
pub fn fate_json(fate: &FateOf<'_>) -> Value {
    match fate {
        FateOf::One(f, a) => crate::render_amend::fate_json(*f, a),
        FateOf::Lists(f, a, names) => crate::render_amend_lists::fate_json(f, a, names),
    }
}

/// A record's checks, in words (`file` names it).
pub fn record_text(lang: Lang, file: &str, checked: &Checked) -> String {
    match checked {
        Checked::One(r) => crate::render_amend::report_text(lang, file, r),
        Checked::Lists(r, names) => crate::render_amend_lists::report_text(lang, file, r, names),
    }
}

/// A record's checks, as data.
pub fn record_json(checked: &Checked) -> Value {
    match checked {
        Checked::One(r) => crate::render_amend::report_json(r),
        Checked::Lists(r, names) => crate::render_amend_lists::report_json(r, names),
    }
}

/// For a command that answers from a verified draw: why the transcript in
/// `file` did not verify (told on standard error; exit 1).
pub fn transcript_not_verified(lang: Lang, file: &std::path::Path, f: &Failure) -> String {
    format!(
        "potdraw: {}\n{}{}\n",
        t!(lang, "check.transcript-not-verified", file = visible(&file.display().to_string())),
        crate::render::failure_lines(lang, f),
        t!(lang, "verify.not-verified", check = f.check.id())
    )
}

/// `potdraw verify` in words: the checks and the result, for either version.
pub fn verification_text(lang: Lang, v: &Verification) -> String {
    match v {
        Verification::One(r) => crate::render::verify_text_in(lang, r),
        Verification::Lists(r) => crate::render_lists::verify_text(lang, r),
    }
}

/// `potdraw verify --json`.
pub fn verification_json(v: &Verification) -> Value {
    match v {
        Verification::One(r) => crate::render::verify_json(r),
        Verification::Lists(r) => crate::render_lists::verify_json(r),
    }
}
