//! `amend`, `verify --amendments` and `check --amendments` for a draw with
//! several lists (SPEC §15.8, §17.10).
//!
//! WHY apart from [`super::amend`]: an event names its list, which the
//! organiser gives with `--list` or which the receipt of `--holder ID
//! --receipts FILE` names, and the holder check, the successor and the
//! continued selection are those of that list alone (its k, r, L and list
//! seed, SPEC §17.4). The record is always `potdraw/amendments/v2`; a v1
//! record given with such a draw stays refused as `amendments-lists`.

use super::holder::{confirm_in, named, Roster};
use super::{existing, finish, new_event, undo_event, AmendConfig, Op};
use crate::ops::amendments::{check_lists as check, list_leaf};
use crate::render_amend_lists::report_json;
use crate::shown::Names;
use crate::{problem, Exit};
use anyhow::Result;
use potdraw_core::amend::AmendmentsDoc;
use potdraw_core::lists::ListsTranscript;
use potdraw_core::succession::Holder;
use potdraw_core::succession_v2::{replay_v2, Layout};

pub fn append(mut cfg: AmendConfig) -> Result<Exit> {
    let report =
        potdraw_verify::verify_lists_transcript(crate::ops::documents::read_lists_transcript(&cfg.transcript)?, None);
    let draw = match report.outcome {
        Ok(d) => d,
        Err(f) => {
            super::tell_transcript_failed(&cfg.transcript, &f);
            return Ok(Exit::Failed);
        }
    };
    let t: &ListsTranscript = &draw.get().transcript;
    cfg.names = Names::of_docs(&t.commitment.doc.lists);
    let names = || cfg.names.all_shown();
    let digest = draw.get().transcript_digest;
    let path = cfg.transcript.clone();
    let old = existing(&cfg, &digest, |r| Ok(check(&draw, &path, r, None)?.outcome.map(|_| ())))?.map(|(r, _)| r);
    let layout = Layout::of_lists(t);
    let leaf_of = |i: usize, h: Holder| list_leaf(t, i, h);
    let (doc, event, restored) = match cfg.op {
        Op::Undo => {
            let travels_with = |i: usize| t.commitment.doc.lists.get(i).and_then(|l| l.companions_of.clone());
            undo_event(&cfg, old.as_ref(), &layout, &leaf_of, &travels_with)?
        }
        Op::Place(_) | Op::Reserve(_) => {
            let (ticket, receipt_list) = named(&t.commitment.digest, &cfg)?;
            let Some(asked) = cfg.list.clone().or(receipt_list) else {
                return Err(problem!("amend-list-required", file = cfg.transcript.display(), lists = names()));
            };
            // SPEC §19.3: asked by its name or its display name; the record keeps the name.
            let found = cfg.names.asked(&asked).and_then(|name| t.commitment.find(name));
            let Some((i, l)) = found else {
                return Err(problem!("amend-list-unknown", found = format!("{asked:?}"), lists = names()));
            };
            let list = l.name.clone();
            let shown = cfg.names.shown(&list);
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
                confirm_in(&Roster { frame, state, list: Some(&shown), leaf_of: &leaf }, events, &cfg, &ticket)?;
            }
            let doc = old.as_ref().map_or_else(|| AmendmentsDoc::new_v2(&digest), |o| o.doc.clone());
            let event = new_event(&cfg, doc.events.len() as u64 + 1, taken_by).in_list(&list);
            (doc, event, None)
        }
    };
    finish(&cfg, doc, event, restored, |record| {
        let report = check(&draw, &path, record, old.as_ref())?;
        let json = report_json(&report, &cfg.names);
        Ok((report.outcome.as_ref().map(|a| a.get().digest).map_err(Clone::clone), json))
    })
}
