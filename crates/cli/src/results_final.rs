//! `results --amendments FILE`: the final list after substitutions, by
//! name, for the organiser only (issue 27).
//!
//! WHY: after a decline the board's named list was the draw's, not the one
//! the published record gives; the organiser called the person who had
//! declined. The record is verified against the transcript first (SPEC
//! §15.4); then every place is named by who holds it now, the reserves who
//! still wait, and the people who left with the event that says why.

use crate::cmd::results::{cut, emit, name_of, table, wrap, ResultsArgs};
use crate::i18n::Lang;
use crate::render_amend::reason_word;
use crate::{problem, t, Exit};
use anyhow::Result;
use potdraw_core::model::{Receipt, Transcript};
use potdraw_core::succession::Holder;
use potdraw_core::unicode::visible;
use potdraw_core::Hash32;
use potdraw_verify::amend::Amended;
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

/// The final list of a verified record, named by the receipts.
pub fn named<'a>(
    amended: &Verified<Amended>,
    t: &Transcript,
    by_leaf: &HashMap<Hash32, &'a Receipt>,
    lang: Lang,
) -> Result<Vec<Final<'a>>> {
    let a = amended.get();
    let receipt_of = |holder: Holder| -> Result<Option<&'a Receipt>> {
        let Some(leaf) = crate::amend_holder::leaf_of(t, holder) else { return Ok(None) };
        by_leaf.get(&leaf).copied().map(Some).ok_or_else(|| {
            problem!(
                "results-no-receipt",
                file = "--receipts",
                place = holder_text(lang, holder),
                leaf = hex::encode(leaf)
            )
        })
    };
    let mut out = Vec::new();
    for p in &a.places {
        let standing = match p.holder {
            Holder::Recipient(_) => Standing::Recipient { place: p.place },
            Holder::Reserve(m) => Standing::MovedUp { place: p.place, reserve: m },
            Holder::Empty => Standing::Empty { place: p.place },
        };
        out.push(Final { standing, receipt: receipt_of(p.holder)? });
    }
    for m in 1..=a.reserves {
        let who = Holder::Reserve(m);
        let gone = a.places.iter().any(|p| p.holder == who) || a.state.left.iter().any(|(h, _)| *h == who);
        if !gone {
            out.push(Final { standing: Standing::Waiting { reserve: m }, receipt: receipt_of(who)? });
        }
    }
    for (was, left) in &a.state.left {
        let e = &a.record.events[left.event - 1];
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
pub fn write(a: &ResultsArgs, lang: Lang, named: &[Final<'_>], receipts: &[Receipt], digest: &str) -> Result<Exit> {
    let columns = crate::handouts::column_names(receipts);
    let bytes = if a.json {
        let rows: Vec<serde_json::Value> = named
            .iter()
            .map(|f| {
                let (status, rank) = status(&f.standing);
                let d = f.receipt.map(|r| &r.doc);
                serde_json::json!({"status": status, "rank": rank, "id": d.map(|d| &d.id),
                                   "leaf": d.map(|d| &d.leaf), "columns": d.map(|d| &d.columns)})
            })
            .collect();
        let mut b = serde_json::to_vec_pretty(&serde_json::json!({"transcript_digest": digest, "final": rows}))?;
        b.push(b'\n');
        b
    } else if a.format.starts_with("csv") {
        let mut header = vec!["status".to_string(), "rank".to_string(), "id".to_string()];
        header.extend(columns.iter().cloned());
        let rows: Vec<Vec<String>> = named
            .iter()
            .map(|f| {
                let (status, rank) = status(&f.standing);
                let mut row = vec![status.to_string(), rank.to_string()];
                row.push(f.receipt.map(|r| r.doc.id.clone()).unwrap_or_default());
                row.extend(
                    columns.iter().map(|c| f.receipt.and_then(|r| r.doc.columns.get(c)).unwrap_or("").to_string()),
                );
                row
            })
            .collect();
        let own = header.len() - columns.len();
        crate::handouts::csv(&header, own, &rows, crate::handouts::CsvStyle::of_format(&a.format, lang))?
    } else {
        let mut rows = vec![vec![t!(lang, "results.role"), "id".to_string(), t!(lang, "results.name"), String::new()]];
        for f in named {
            let (first, note) = words(lang, &f.standing);
            let id = f.receipt.map(|r| cut(&visible(&r.doc.id), 24)).unwrap_or_default();
            rows.push(vec![first, id, f.receipt.map(name_of).unwrap_or_default(), note]);
        }
        format!("{}\n\n{}", wrap(&t!(lang, "results.final.heading")), table(&rows)).into_bytes()
    };
    emit(a, lang, &bytes)
}
