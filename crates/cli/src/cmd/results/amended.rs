//! `results --amendments FILE`: the final list after substitutions, by
//! name, for the organiser only (issue 27).
//!
//! WHY: after a decline the board's named list was the draw's, not the one
//! the published record gives; the organiser called the person who had
//! declined. The record is verified against the transcript first (SPEC
//! §15.4); then every place is named by who holds it now, the reserves who
//! still wait, and the people who left with the event that says why.

use super::{cut, emit, name_of, table, wrap, ResultsArgs};
use crate::i18n::Lang;
use crate::ops::amendments::Checked;
use crate::render_amend::reason_word;
use crate::{problem, t, Exit};
use anyhow::Result;
use potdraw_core::model::{Receipt, Transcript};
use potdraw_core::succession::Holder;
use potdraw_core::unicode::visible;
use potdraw_core::Hash32;
use potdraw_verify::amend::Amended;
use potdraw_verify::ByVersion;
use potdraw_verify::Verified;
use std::collections::HashMap;

/// Where a person stands after the record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Standing {
    /// Holds `place` as the draw's recipient of that place.
    Recipient { place: u64 },
    /// Holds `place` as reserve `reserve`, who moved up.
    MovedUp { place: u64, reserve: u64 },
    /// `place` is empty: nobody was left to take it.
    Empty { place: u64 },
    /// Reserve `reserve`, not called.
    Waiting { reserve: u64 },
    /// Left: the event's date and reason, and the place left (none for a reserve passed over).
    Left { was: Holder, date: String, reason: potdraw_core::amend::Reason, place: Option<u64> },
}

/// One line of the final list: where a person stands, and their receipt
/// (none for an empty place).
pub struct Final<'a> {
    pub standing: Standing,
    pub receipt: Option<&'a Receipt>,
}

/// One list's final list: its name and the list it travels with (several
/// lists, SPEC §17), and where each person stands.
pub struct Group<'a> {
    pub list: Option<(String, Option<String>)>,
    pub finals: Vec<Final<'a>>,
}

/// The final lists after a record that verified, for a draw of any
/// version; `by_leaf` finds a receipt by its list (none for the one list of
/// a draw of one list) and ticket.
pub fn of_checked<'a>(
    checked: &Checked,
    drawn: &potdraw_verify::Drawn,
    by_leaf: &HashMap<(Option<String>, Hash32), &'a Receipt>,
    lang: Lang,
) -> Result<Vec<Group<'a>>> {
    match (checked, drawn.by_version()) {
        (Checked::One(r), ByVersion::One(v)) => match &r.outcome {
            Ok(amended) => {
                let one: HashMap<Hash32, &'a Receipt> = by_leaf.iter().map(|((_, leaf), r)| (*leaf, *r)).collect();
                named(amended, &v.get().transcript, &one, lang)
            }
            Err(_) => Err(anyhow::anyhow!("internal error: the final lists of a record that did not verify")),
        },
        (Checked::Lists(r, _), ByVersion::Lists(v)) => match &r.outcome {
            Ok(amended) => named_lists(amended, &v.get().transcript, by_leaf, lang),
            Err(_) => Err(anyhow::anyhow!("internal error: the final lists of a record that did not verify")),
        },
        // A record is checked against the draw it is read for, so its version is the draw's.
        _ => Err(anyhow::anyhow!("internal error: a record of another version than its draw")),
    }
}

/// The final list of a verified record, named by the receipts.
fn named<'a>(
    amended: &Verified<Amended>,
    t: &Transcript,
    by_leaf: &HashMap<Hash32, &'a Receipt>,
    lang: Lang,
) -> Result<Vec<Group<'a>>> {
    let a = amended.get();
    let leaf_of = |h: Holder| crate::ops::amendments::leaf_of(t, h);
    let finals = standings(&a.places, a.reserves, &a.state, &a.record, &|h| receipt(lang, leaf_of(h), h, by_leaf))?;
    Ok(vec![Group { list: None, finals }])
}

/// The final lists of a verified record of a draw with several lists (SPEC
/// §15.8), one group a list in the commitment's order.
fn named_lists<'a>(
    amended: &Verified<potdraw_verify::amend_lists::ListsAmended>,
    t: &potdraw_core::lists::ListsTranscript,
    by_leaf: &HashMap<(Option<String>, Hash32), &'a Receipt>,
    lang: Lang,
) -> Result<Vec<Group<'a>>> {
    let a = amended.get();
    let mut groups = Vec::new();
    for (i, l) in a.lists.iter().enumerate() {
        let of_list: HashMap<Hash32, &'a Receipt> = by_leaf
            .iter()
            .filter(|((list, _), _)| list.as_deref() == Some(l.name.as_str()))
            .map(|((_, leaf), r)| (*leaf, *r))
            .collect();
        let leaf_of = |h: Holder| crate::ops::amendments::list_leaf(t, i, h);
        let finals =
            standings(&l.places, l.reserves, &l.state, &a.record, &|h| receipt(lang, leaf_of(h), h, &of_list))?;
        groups.push(Group { list: Some((l.name.clone(), l.companions_of.clone())), finals });
    }
    Ok(groups)
}

/// The receipt of `holder`'s ticket `leaf` (none for an empty place).
fn receipt<'a>(
    lang: Lang,
    leaf: Option<Hash32>,
    holder: Holder,
    by_leaf: &HashMap<Hash32, &'a Receipt>,
) -> Result<Option<&'a Receipt>> {
    let Some(leaf) = leaf else { return Ok(None) };
    by_leaf.get(&leaf).copied().map(Some).ok_or_else(|| {
        problem!("results-no-receipt", file = "--receipts", place = holder_text(lang, holder), leaf = hex::encode(leaf))
    })
}

/// Where each person of one list stands after the record: the places, the
/// reserves who wait, and those who left with the event that says why.
fn standings<'a>(
    places: &[potdraw_verify::amend::FinalPlace],
    reserves: u64,
    state: &potdraw_core::succession::State,
    record: &potdraw_core::amend::Amendments,
    receipt_of: &dyn Fn(Holder) -> Result<Option<&'a Receipt>>,
) -> Result<Vec<Final<'a>>> {
    let mut out = Vec::new();
    for p in places {
        let standing = match p.holder {
            Holder::Recipient(_) => Standing::Recipient { place: p.place },
            Holder::Reserve(m) => Standing::MovedUp { place: p.place, reserve: m },
            Holder::Empty => Standing::Empty { place: p.place },
        };
        out.push(Final { standing, receipt: receipt_of(p.holder)? });
    }
    for m in 1..=reserves {
        let who = Holder::Reserve(m);
        let gone = places.iter().any(|p| p.holder == who) || state.left.iter().any(|(h, _)| *h == who);
        if !gone {
            out.push(Final { standing: Standing::Waiting { reserve: m }, receipt: receipt_of(who)? });
        }
    }
    for (was, left) in &state.left {
        let e = &record.events[left.event - 1];
        let standing = Standing::Left { was: *was, date: e.date.clone(), reason: left.reason, place: left.place };
        out.push(Final { standing, receipt: receipt_of(*was)? });
    }
    Ok(out)
}

fn holder_text(lang: Lang, h: Holder) -> String {
    match h {
        Holder::Recipient(p) => t!(lang, "results.recipient", rank = p),
        Holder::Reserve(m) => t!(lang, "results.reserve", rank = m),
        Holder::Empty => String::new(),
    }
}

/// The first column of the table for people, and the note after the name.
fn words(lang: Lang, s: &Standing) -> (String, String) {
    match s {
        Standing::Recipient { place } => (t!(lang, "results.final.place", place = place), String::new()),
        Standing::MovedUp { place, reserve } => {
            (t!(lang, "results.final.place", place = place), t!(lang, "results.final.moved-up", reserve = reserve))
        }
        Standing::Empty { place } => (t!(lang, "results.final.place", place = place), t!(lang, "results.final.empty")),
        Standing::Waiting { reserve } => {
            (t!(lang, "results.reserve", rank = reserve), t!(lang, "results.final.waiting"))
        }
        Standing::Left { was, date, reason, place } => {
            let date = crate::localtime::day(lang, date);
            let what = match place {
                Some(p) => {
                    t!(lang, "results.final.left-place", place = p, date = date, reason = reason_word(lang, *reason))
                }
                None => t!(lang, "results.final.left-reserve", date = date, reason = reason_word(lang, *reason)),
            };
            (holder_text(lang, *was), what)
        }
    }
}

/// `(status, rank)` of the CSV and JSON: a stable word and the number it goes with.
fn status(s: &Standing) -> (&'static str, u64) {
    match s {
        Standing::Recipient { place } => ("recipient", *place),
        Standing::MovedUp { place, .. } => ("moved-up", *place),
        Standing::Empty { place } => ("empty", *place),
        Standing::Waiting { reserve } => ("reserve", *reserve),
        Standing::Left { was: Holder::Recipient(p), .. } => ("left-recipient", *p),
        Standing::Left { was: Holder::Reserve(m), .. } => ("left-reserve", *m),
        Standing::Left { .. } => ("left", 0),
    }
}

/// The final list in the format asked for.
pub fn write(
    a: &ResultsArgs,
    lang: Lang,
    groups: &[Group<'_>],
    receipts: &[Receipt],
    digest: &str,
    names: &crate::shown::Names,
) -> Result<Exit> {
    let columns = crate::handouts::column_names(receipts);
    let lists = groups.iter().any(|g| g.list.is_some());
    // SPEC §19.3: a v5 list's display name beside its name, for programs and spreadsheets.
    let displays = lists && names.has_displays();
    let named: Vec<(Option<&str>, &Final<'_>)> = groups
        .iter()
        .flat_map(|g| g.finals.iter().map(move |f| (g.list.as_ref().map(|(l, _)| l.as_str()), f)))
        .collect();
    let bytes = if a.json {
        let rows: Vec<serde_json::Value> = named
            .iter()
            .map(|(list, f)| {
                let (status, rank) = status(&f.standing);
                let d = f.receipt.map(|r| &r.doc);
                let mut v = serde_json::json!({"status": status, "rank": rank, "id": d.map(|d| &d.id),
                                   "leaf": d.map(|d| &d.leaf), "columns": d.map(|d| &d.columns)});
                if lists {
                    v["list"] = serde_json::json!(list);
                }
                if let Some(d) = list.and_then(|l| names.display(l)) {
                    v["list_display"] = serde_json::json!(d);
                }
                v
            })
            .collect();
        let mut b = serde_json::to_vec_pretty(&serde_json::json!({"transcript_digest": digest, "final": rows}))?;
        b.push(b'\n');
        b
    } else if a.format != "text" {
        let mut header = if lists { vec!["list".to_string()] } else { Vec::new() };
        if displays {
            header.push("display".to_string());
        }
        header.extend(["status".to_string(), "rank".to_string(), "id".to_string()]);
        header.extend(columns.iter().cloned());
        let rows: Vec<Vec<String>> = named
            .iter()
            .map(|(list, f)| {
                let (status, rank) = status(&f.standing);
                let mut row: Vec<String> = list.iter().map(|l| l.to_string()).collect();
                if displays {
                    row.extend(list.iter().map(|l| names.display(l).unwrap_or(l).to_string()));
                }
                row.extend([status.to_string(), rank.to_string()]);
                row.push(f.receipt.map(|r| r.doc.id.clone()).unwrap_or_default());
                row.extend(
                    columns.iter().map(|c| f.receipt.and_then(|r| r.doc.columns.get(c)).unwrap_or("").to_string()),
                );
                row
            })
            .collect();
        let own = header.len() - columns.len();
        crate::handouts::spreadsheet(&a.format, lang, crate::workbook::Sheet::Final, &header, own, &rows)?
    } else {
        let mut out = format!("{}\n", wrap(&t!(lang, "results.final.heading")));
        for g in groups {
            let mut rows =
                vec![vec![t!(lang, "results.role"), "id".to_string(), t!(lang, "results.name"), String::new()]];
            for f in &g.finals {
                let (first, mut note) = words(lang, &f.standing);
                // A travel companion holds a place to travel with, never a grant (SPEC §17.6).
                if let (Some((_, Some(of))), Standing::Recipient { place } | Standing::MovedUp { place, .. }) =
                    (&g.list, &f.standing)
                {
                    let pair = t!(lang, "verify.lists.pair", place = place, of = names.shown(of));
                    note = if note.is_empty() { pair } else { format!("{note}; {pair}") };
                }
                let id = f.receipt.map(|r| cut(&visible(&r.doc.id), 24)).unwrap_or_default();
                rows.push(vec![first, id, f.receipt.map(name_of).unwrap_or_default(), note]);
            }
            if let Some((list, _)) = &g.list {
                out.push_str(&format!("\n{}\n", t!(lang, "verify.lists.heading", list = names.shown(list))));
            } else {
                out.push('\n');
            }
            out.push_str(&table(&rows));
        }
        out.into_bytes()
    };
    emit(a, lang, &bytes)
}
