//! `amend`, `verify --amendments` and `check --amendments` for a draw with
//! several lists (SPEC §15.8, §17.10).
//!
//! WHY apart from [`super::amend`]: an event names its list, which the
//! organiser gives with `--list` or which the receipt of `--holder ID
//! --receipts FILE` names, and the holder check, the successor and the
//! continued selection are those of that list alone (its k, r, L and list
//! seed, SPEC §17.4). The record is always `potdraw/amendments/v2`; a v1
//! record given with such a draw stays refused as `amendments-lists`.

use super::amend::{existing, finish, new_event, read_record, undo_event, AmendConfig, Op};
use crate::amend_holder::{confirm_in, named, Roster};
use crate::render_amend_lists::report_json;
use crate::{problem, Exit};
use anyhow::Result;
use potdraw_core::amend::{Amendments, AmendmentsDoc};
use potdraw_core::lists::ListsTranscript;
use potdraw_core::succession::Holder;
use potdraw_core::succession_v2::{continued_list_picks, replay_v2, Layout};
use potdraw_core::Hash32;
use potdraw_verify::amend::AmendReport;
use potdraw_verify::amend_lists::{verify_lists_amendments, ListsAmended};
use potdraw_verify::{ListsDraw, Verified};
use std::path::Path;

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

/// The lists of the draw, for messages: `ontvangers, reisgenoten`.
fn names(t: &ListsTranscript) -> String {
    t.commitment.doc.lists.iter().map(|l| l.name.as_str()).collect::<Vec<_>>().join(", ")
}

/// Checks `record` against the draw; a v1 record is refused (SPEC §17.10).
pub fn check(
    draw: &Verified<ListsDraw>,
    file: &Path,
    record: Amendments,
    earlier: Option<&Amendments>,
) -> Result<AmendReport<ListsAmended>> {
    verify_lists_amendments(draw, record, earlier).map_err(|_| problem!("amendments-lists", file = file.display()))
}

/// `verify … --amendments FILE [--earlier OLD]` for a v4 draw that verified.
pub fn check_record(
    draw: &Verified<ListsDraw>,
    transcript: &Path,
    record: &Path,
    earlier: Option<&Path>,
) -> Result<AmendReport<ListsAmended>> {
    let r = read_record(record)?;
    let old = earlier.map(read_record).transpose()?;
    check(draw, transcript, r, old.as_ref())
}

pub fn append(cfg: AmendConfig) -> Result<Exit> {
    let report = potdraw_verify::verify_lists_transcript(super::lists::read_transcript(&cfg.transcript)?, None);
    let draw = match report.outcome {
        Ok(d) => d,
        Err(f) => {
            super::amend::tell_transcript_failed(&cfg.transcript, &f);
            return Ok(Exit::Failed);
        }
    };
    let t = &draw.get().transcript;
    let digest = draw.get().transcript_digest;
    let path = cfg.transcript.clone();
    let old = existing(&cfg, &digest, |r| Ok(check(&draw, &path, r, None)?.outcome.map(|_| ())))?.map(|(r, _)| r);
    let layout = Layout::of_lists(t);
    let leaf_of = |i: usize, h: Holder| list_leaf(t, i, h);
    let (doc, event, restored) = match cfg.op {
        Op::Undo => undo_event(&cfg, old.as_ref(), &layout, &leaf_of)?,
        Op::Place(_) | Op::Reserve(_) => {
            let (ticket, receipt_list) = named(&t.commitment.digest, &cfg)?;
            let Some(list) = cfg.list.clone().or(receipt_list) else {
                return Err(problem!("amend-list-required", file = cfg.transcript.display(), lists = names(t)));
            };
            let Some((i, _)) = t.commitment.find(&list) else {
                return Err(problem!("amend-list-unknown", found = format!("{list:?}"), lists = names(t)));
            };
            let events = old.as_ref().map_or(&[][..], |o| &o.events[..]);
            // The old record verified, so its replay succeeds.
            let replayed = replay_v2(&layout, events).ok();
            let frame = match &layout {
                Layout::Lists(l) => l[i].1,
                Layout::Single(f) => *f,
            };
            let mut taken_by = 0;
            if let Some(state) = replayed.map(|mut r| r.states.swap_remove(i)) {
                taken_by = state.successor(frame);
                let leaf = |h: Holder| list_leaf(t, i, h);
                confirm_in(&Roster { frame, state, list: Some(&list), leaf_of: &leaf }, events, &cfg, &ticket)?;
            }
            let doc = old.as_ref().map_or_else(|| AmendmentsDoc::new_v2(&digest), |o| o.doc.clone());
            let event = new_event(&cfg, doc.events.len() as u64 + 1, taken_by).in_list(&list);
            (doc, event, None)
        }
    };
    finish(&cfg, doc, event, restored, |record| {
        let report = check(&draw, &path, record, old.as_ref())?;
        Ok((report.outcome.as_ref().map(|a| a.get().digest).map_err(Clone::clone), report_json(&report)))
    })
}

/// `check --amendments` with a record that breaks the rules: it says
/// nothing about the final outcome, so the record's report is shown; exit 1.
pub fn tell_record_failed(
    a: &crate::args::CheckArgs,
    path: &Path,
    checked: &AmendReport<ListsAmended>,
) -> Result<Exit> {
    if a.json {
        let out = serde_json::json!({"verified": true, "amendments": report_json(checked)});
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        let file = path.display().to_string();
        eprint!("{}", crate::render_amend_lists::report_text(crate::i18n::Lang::current(), &file, checked));
    }
    Ok(Exit::Failed)
}
