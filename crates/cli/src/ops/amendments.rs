//! Amendments records (SPEC §15): reading them, the reasons and dates as
//! people write them, and checking a record against a verified draw of any
//! version, one list or several.
//!
//! WHY [`Checked`] holds either record: a draw of one list keeps the
//! `potdraw/amendments/v1` record it always had (SPEC §15.2), a draw with
//! lists has a v2 record whose events name their list (§15.8). The command
//! asks for "the record checked" and "the fate of this place", and the
//! record's version stays in here and in its renderer.

use crate::problem;
use anyhow::Result;
use potdraw_core::amend::{self, Amendments, Reason};
use potdraw_core::lists::ListsTranscript;
use potdraw_core::model::Transcript;
use potdraw_core::succession::{continued_picks, index_of, Holder};
use potdraw_core::succession_v2::continued_list_picks;
use potdraw_core::Hash32;
use potdraw_verify::amend::{verify_amendments, AmendReport, Amended, Fate};
use potdraw_verify::amend_lists::{verify_lists_amendments, ListFate, ListsAmended};
use potdraw_verify::{ByVersion, Draw, Drawn, ListsDraw, Verified};
use std::path::Path;

/// A record checked against a verified draw (its report says whether it verified).
pub enum Checked {
    /// The record of a draw of one list.
    One(AmendReport),
    /// The record of a draw with lists (SPEC §15.8), with the draw's lists
    /// as people call them (SPEC §19.3).
    Lists(AmendReport<ListsAmended>, crate::shown::Names),
}

/// Where a place ends up after the record (SPEC §15.5).
pub enum FateOf<'a> {
    One(Fate, &'a Amended),
    Lists(ListFate, &'a ListsAmended, &'a crate::shown::Names),
}

impl Checked {
    pub fn is_verified(&self) -> bool {
        match self {
            Checked::One(r) => r.outcome.is_ok(),
            Checked::Lists(r, _) => r.outcome.is_ok(),
        }
    }

    /// The fate of entry `index` of list `list`, when the record verified.
    pub fn fate(&self, list: usize, index: usize) -> Option<FateOf<'_>> {
        match self {
            Checked::One(r) => r.outcome.as_ref().ok().map(|v| FateOf::One(v.fate(index), v.get())),
            Checked::Lists(r, names) => {
                r.outcome.as_ref().ok().map(|v| FateOf::Lists(v.fate(list, index), v.get(), names))
            }
        }
    }
}

/// `--amendments FILE [--earlier OLD]` for a draw that verified, whatever
/// its version.
pub fn check_record(drawn: &Drawn, transcript: &Path, record: &Path, earlier: Option<&Path>) -> Result<Checked> {
    Ok(match drawn.by_version() {
        ByVersion::One(one) => Checked::One(check_one_record(one, record, earlier)?),
        ByVersion::Lists(lists) => Checked::Lists(
            check_lists_record(lists, transcript, record, earlier)?,
            crate::shown::Names::of_drawn(drawn),
        ),
    })
}

/// A reason as people say it (issue 28; glossary): the record's own names
/// (`declined`, `unreachable`, `not-eligible`) or the Dutch words — "ziet af",
/// "afgezien", "onbereikbaar", "niet bereikbaar", "voldoet niet (meer) aan de
/// voorwaarden" — in any case and spacing. The record keeps the canonical name.
pub fn reason_as_said(said: &str) -> Option<Reason> {
    let words = said.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    let words = words.trim_end_matches('.');
    Reason::from_name(words).or(match words {
        "ziet af" | "afgezien" | "zag af" | "afzien" | "weigert" => Some(Reason::Declined),
        "onbereikbaar" | "niet bereikbaar" | "is niet bereikbaar" | "was niet bereikbaar" => Some(Reason::Unreachable),
        "voldoet niet aan de voorwaarden"
        | "voldoet niet meer aan de voorwaarden"
        | "niet meer aan de voorwaarden"
        | "voldoet niet aan de regels"
        | "niet meer aan de regels" => Some(Reason::NotEligible),
        _ => None,
    })
}

/// A date as a Dutch organiser writes it, `15-12-2026` (also `15/12/2026`
/// or `15.12.2026`), or as the record keeps it, `2026-12-15`: the record's
/// form, or `None` (issue 28). Day first, never month first: `03-04-2026`
/// is the third of April, as every Dutch calendar writes it.
pub fn date_as_written(text: &str) -> Option<String> {
    let t = text.trim();
    if t.len() == 10 && t.as_bytes()[4] == b'-' {
        return Some(t.to_string());
    }
    let parts: Vec<&str> = t.split(['-', '/', '.']).collect();
    match parts.as_slice() {
        [d, m, y] if (1..=2).contains(&d.len()) && (1..=2).contains(&m.len()) && y.len() == 4 => {
            let (d, m): (u32, u32) = (d.parse().ok()?, m.parse().ok()?);
            Some(format!("{y}-{m:02}-{d:02}"))
        }
        _ => None,
    }
}

/// Reads a record (unusable input is exit 2, naming the file and field).
pub fn read_record(path: &Path) -> Result<Amendments> {
    amend::parse(&crate::files::read(path, crate::ops::documents::MAX_DOCUMENT_BYTES)?)
        .map_err(|e| crate::problem::parse(&path.display(), &e))
}

/// `verify … --amendments FILE [--earlier OLD]`: the record's checks after
/// the transcript's, for a transcript that verified.
pub fn check_one_record(draw: &Verified<Draw>, record: &Path, earlier: Option<&Path>) -> Result<AmendReport> {
    let r = read_record(record)?;
    let old = earlier.map(read_record).transpose()?;
    Ok(verify_amendments(draw, r, old.as_ref()))
}

/// The ticket (leaf) of `holder` of list `i` in a verified v4 transcript;
/// a continued reserve from the list's own continued selection (SPEC §15.8).
pub fn list_leaf(t: &ListsTranscript, i: usize, holder: Holder) -> Option<Hash32> {
    let l = t.commitment.doc.lists.get(i)?;
    let result = &t.lists.get(i)?.result;
    let at = |j: u64| result.get(usize::try_from(j).ok()?).map(|p| p.leaf);
    match holder {
        Holder::Empty => None,
        Holder::Recipient(p) => at(p.checked_sub(1)?),
        Holder::Reserve(m) if m <= l.reserves => at(l.recipients + m.checked_sub(1)?),
        Holder::Reserve(m) => {
            let picks = continued_list_picks(t, i, m).ok()?;
            let index = *picks.get(usize::try_from(l.recipients + m - 1).ok()?)?;
            t.commitment.entries(i).get(index).map(|e| e.leaf)
        }
    }
}

/// Checks `record` against the draw; a v1 record is refused (SPEC §17.10).
pub fn check_lists(
    draw: &Verified<ListsDraw>,
    file: &Path,
    record: Amendments,
    earlier: Option<&Amendments>,
) -> Result<AmendReport<ListsAmended>> {
    verify_lists_amendments(draw, record, earlier).map_err(|_| problem!("amendments-lists", file = file.display()))
}

/// `verify … --amendments FILE [--earlier OLD]` for a v4 draw that verified.
pub fn check_lists_record(
    draw: &Verified<ListsDraw>,
    transcript: &Path,
    record: &Path,
    earlier: Option<&Path>,
) -> Result<AmendReport<ListsAmended>> {
    let r = read_record(record)?;
    let old = earlier.map(read_record).transpose()?;
    check_lists(draw, transcript, r, old.as_ref())
}

/// The ticket (leaf) of `holder` in a verified transcript `t`.
pub fn leaf_of(t: &Transcript, holder: Holder) -> Option<Hash32> {
    let k = t.commitment.doc.recipients;
    let r = t.commitment.doc.reserves;
    match holder {
        Holder::Empty => None,
        Holder::Recipient(p) => t.result.get(usize::try_from(p.checked_sub(1)?).ok()?).map(|p| p.leaf),
        Holder::Reserve(m) if m <= r => t.result.get(usize::try_from(k + m - 1).ok()?).map(|p| p.leaf),
        Holder::Reserve(m) => {
            let picks = continued_picks(t, m).ok()?;
            let index = index_of(holder, k, &picks)?;
            t.commitment.entries().get(index).map(|e| e.leaf)
        }
    }
}

#[cfg(test)]
mod words_tests {
    use super::*;

    /// Issue 28: the reasons and dates as people write them, in both languages.
    #[test]
    fn reasons_and_dates_as_people_write_them() {
        for (said, reason) in [
            ("declined", Reason::Declined),
            ("Ziet af", Reason::Declined),
            ("afgezien", Reason::Declined),
            ("  niet   bereikbaar ", Reason::Unreachable),
            ("onbereikbaar", Reason::Unreachable),
            ("Voldoet niet meer aan de voorwaarden.", Reason::NotEligible),
            ("not-eligible", Reason::NotEligible),
        ] {
            assert_eq!(reason_as_said(said), Some(reason), "{said:?}");
        }
        for said in ["", "verhuisd", "moved-away", "ziet"] {
            assert_eq!(reason_as_said(said), None, "{said:?}");
        }
        for (written, date) in [
            ("15-12-2026", "2026-12-15"),
            ("2026-12-15", "2026-12-15"),
            ("3-4-2026", "2026-04-03"),
            ("15/12/2026", "2026-12-15"),
        ] {
            assert_eq!(date_as_written(written).as_deref(), Some(date), "{written:?}");
        }
        for written in ["12-2026", "15-12-26", "2026/12/15", "morgen"] {
            assert!(date_as_written(written).map_or(true, |d| !amend::valid_date(&d)), "{written:?}");
        }
        assert!(!amend::valid_date(&date_as_written("31-11-2026").unwrap()), "no 31 November");
    }
}
