//! Words and JSON for a record of substitutions of a draw with several
//! lists (SPEC §15.8): the final list per list, and a participant's final
//! outcome in their list.
//!
//! WHY its own module: the checks and events are rendered as for one list
//! ([`crate::render_amend`]); what differs is one final list per list, in
//! the commitment's order, and that a travel companion is never told they
//! receive a grant: whoever holds place j of a companions list travels with
//! place j of the list it goes with (SPEC §17.6, §17.9).

use crate::i18n::Lang;
use crate::render_amend::{fate_json_in, fate_text_in, place_json, place_text, report_json_with, summary_text};
use crate::shown::Names;
use crate::t;
use potdraw_core::succession::Holder;
use potdraw_verify::amend::{AmendReport, Fate};
use potdraw_verify::amend_lists::{ListFate, ListsAmended};
use potdraw_verify::Verified;
use serde_json::{json, Value};

/// The human report of `verify --amendments` for a v4 draw.
pub fn report_text(lang: Lang, file: &str, r: &AmendReport<ListsAmended>, names: &Names) -> String {
    crate::render_amend::report_text_with(lang, file, r, |v| verified_text(lang, v, names))
}

fn verified_text(lang: Lang, v: &Verified<ListsAmended>, names: &Names) -> String {
    let a = v.get();
    let mut s = summary_text(lang, &a.record, &a.digest, &v.reason_counts(), a.undone, names);
    for (heading, lines) in final_lists(lang, a, names) {
        s.push_str(&format!("{heading}\n"));
        for line in lines {
            s.push_str(&format!("  {line}\n"));
        }
    }
    s
}

/// The final list of each list, in the commitment's order: its heading and
/// one line per place, for the terminal and the printable report alike;
/// each list as people call it (SPEC §19.3).
pub fn final_lists(lang: Lang, a: &ListsAmended, names: &Names) -> Vec<(String, Vec<String>)> {
    a.lists
        .iter()
        .map(|l| {
            let list = names.shown(&l.name);
            let heading = match &l.companions_of {
                Some(of) => t!(lang, "amend.final-companions", list = list, of = names.shown(of)),
                None => t!(lang, "amend.final-list", list = list),
            };
            let lines = l
                .places
                .iter()
                .map(|p| match (p.holder, &l.companions_of) {
                    // A travel companion is never called a recipient in words (SPEC §17.9).
                    (Holder::Recipient(rank), Some(_)) => {
                        let leaf = p.leaf.map(hex::encode).unwrap_or_default();
                        t!(lang, "amend.place.companion", place = p.place, rank = rank, leaf = leaf)
                    }
                    _ => place_text(lang, p, l.reserves),
                })
                .collect();
            (heading, lines)
        })
        .collect()
}

/// The `amendments` member of `verify --json` for a v4 draw (SPEC §15.8,
/// informative): `final` as `{list, place, holder, reserve, index, leaf}`.
pub fn report_json(r: &AmendReport<ListsAmended>, names: &Names) -> Value {
    report_json_with(r, |v| {
        let a = v.get();
        let finals = a
            .lists
            .iter()
            .flat_map(|l| {
                l.places.iter().map(move |p| {
                    let mut one = place_json(p, l.reserves);
                    one["list"] = json!(l.name);
                    if let Some(d) = names.display(&l.name) {
                        one["list_display"] = json!(d);
                    }
                    one
                })
            })
            .collect();
        crate::render_amend::verified_json(&a.record, &a.digest, &v.reason_counts(), a.undone, finals)
    })
}

/// A participant's final outcome in their list, in words (SPEC §15.5, §15.8).
pub fn fate_text(lang: Lang, f: &ListFate, a: &ListsAmended, names: &Names) -> String {
    let events = &a.record.doc.events;
    fate_words(lang, f, a, names) + &crate::render_amend::undone_note(lang, f.fate, events, Some(&f.list))
}

fn fate_words(lang: Lang, f: &ListFate, a: &ListsAmended, names: &Names) -> String {
    let Some(l) = a.lists.iter().find(|l| l.name == f.list) else { return String::new() };
    let travels_with = f.travels_with.as_ref().map(|(of, place)| (names.shown(of), place));
    match (&travels_with, f.fate) {
        (Some((of, _)), Fate::Holds { place, holder: Holder::Recipient(_) }) => {
            t!(lang, "check.final.companion", place = place, of = of)
        }
        (Some((of, _)), Fate::Holds { place, holder: Holder::Reserve(m) }) if m <= l.reserves => {
            t!(lang, "check.final.companion-moved-up", reserve = m, place = place, of = of)
        }
        (Some((of, _)), Fate::Holds { place, holder: Holder::Reserve(m) }) => {
            t!(lang, "check.final.companion-continued", reserve = m, place = place, of = of)
        }
        _ => fate_text_in(lang, f.fate, &a.record.doc.events, l.reserves),
    }
}

/// `check --amendments --json` for a v4 draw: the members of one list,
/// plus `list` and `travels_with` (`null` or `{list, place}`).
pub fn fate_json(f: &ListFate, a: &ListsAmended, names: &Names) -> Value {
    let reserves = a.lists.iter().find(|l| l.name == f.list).map_or(0, |l| l.reserves);
    let mut out = fate_json_in(f.fate, reserves, &a.digest);
    out["list"] = json!(f.list);
    if let Some(d) = names.display(&f.list) {
        out["list_display"] = json!(d);
    }
    out["travels_with"] = json!(f.travels_with.as_ref().map(|(of, place)| json!({"list": of, "place": place})));
    out
}
