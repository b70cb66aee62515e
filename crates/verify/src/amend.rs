//! The checks of an amendments record (SPEC §15.4), and the final list.
//!
//! WHY a `Verified<Draw>` as input: a record is only ever checked against a
//! transcript that verified (SPEC §15.4), and only this crate can make one.
//! A record that passes becomes a `Verified<Amended>`, the only value from
//! which the final list and a participant's final outcome (SPEC §15.5) are
//! read, so nothing can report a final list that was not checked.
//!
//! Both versions of the record are checked here (SPEC §15.8): step 4 runs
//! `replay_v2`, which for a v1 record (no undo, no list) is §15.3's replay.
//! A record for a draw with several lists is checked by the same steps in
//! [`crate::amend_lists`].

use crate::{Draw, Verified};
use potdraw_core::amend::{digest, Action, Amendments, EventDoc, Reason};
use potdraw_core::succession::{continued_picks, index_of, Frame, Holder, Left, RuleError, State};
use potdraw_core::succession_v2::{replay_v2, Layout, Replayed};
use potdraw_core::Hash32;

/// The checks of SPEC §15.4, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AmendCheck {
    Transcript,
    Sequence,
    Dates,
    Rules,
    Prefix,
}

impl AmendCheck {
    pub const ALL: [AmendCheck; 5] =
        [AmendCheck::Transcript, AmendCheck::Sequence, AmendCheck::Dates, AmendCheck::Rules, AmendCheck::Prefix];

    /// The stable identifier of SPEC §15.4.
    pub fn id(self) -> &'static str {
        match self {
            AmendCheck::Transcript => "amendments-transcript",
            AmendCheck::Sequence => "amendments-sequence",
            AmendCheck::Dates => "amendments-dates",
            AmendCheck::Rules => "amendments-rules",
            AmendCheck::Prefix => "amendments-prefix",
        }
    }
}

/// What a failed check was about, as data (the CLI says it in words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AmendWhat {
    /// The record names another transcript digest.
    Transcript,
    /// `seq` of the event is not its 1-based position.
    Seq,
    /// The event is dated before the commitment's date.
    BeforeDraw,
    /// The event is dated before the event before it.
    DateOrder,
    /// A rule of §15.3.
    Rule(RuleError),
    /// The earlier version names another transcript.
    EarlierTranscript,
    /// The earlier version has more events than this one.
    EarlierLonger,
    /// An event of the earlier version differs here.
    EarlierEvent,
}

/// The first check that failed; `event` is 1-based where one is concerned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("check {} failed{}: expected {expected}, found {found}", check.id(),
        event.map(|e| format!(" at event {e}")).unwrap_or_default())]
pub struct AmendFailure {
    pub check: AmendCheck,
    pub event: Option<usize>,
    pub what: AmendWhat,
    pub expected: String,
    pub found: String,
}

/// One place of the final list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FinalPlace {
    pub place: u64,
    pub holder: Holder,
    /// The holder's entry (0-based, canonical order); `None` when empty.
    pub index: Option<usize>,
    pub leaf: Option<Hash32>,
}

/// A record that passed every check, with what it establishes.
#[derive(Debug, Clone)]
pub struct Amended {
    pub record: Amendments,
    /// SPEC §15.2.
    pub digest: Hash32,
    pub state: State,
    /// The first k + max(r, called) picks of the selection (SPEC §15.1).
    pub picks: Vec<usize>,
    pub places: Vec<FinalPlace>,
    pub recipients: u64,
    pub reserves: u64,
    /// SPEC §15.8: how many events were undone.
    pub undone: usize,
    /// SPEC §15.8: the record's events in effect (0-based), in order.
    pub in_effect: Vec<usize>,
}

/// The checks that passed and the outcome (`T`: [`Amended`] for a
/// single-list draw, [`crate::amend_lists::ListsAmended`] for several lists).
#[derive(Debug)]
pub struct AmendReport<T = Amended> {
    pub passed: Vec<AmendCheck>,
    /// The number of events in the record, and in the earlier version if one was given.
    pub events: usize,
    pub earlier_events: Option<usize>,
    /// The commitment's date, `YYYY-MM-DD` (SPEC §15.4, `amendments-dates`).
    pub draw_date: String,
    pub outcome: Result<Verified<T>, AmendFailure>,
}

fn fail(check: AmendCheck, event: Option<usize>, what: AmendWhat, e: impl ToString, f: impl ToString) -> AmendFailure {
    AmendFailure { check, event, what, expected: e.to_string(), found: f.to_string() }
}

/// SPEC §15.4: checks `record` against a verified draw, and against an
/// earlier version of itself when one is given.
pub fn verify_amendments(draw: &Verified<Draw>, record: Amendments, earlier: Option<&Amendments>) -> AmendReport {
    let mut passed = Vec::new();
    let events = record.events.len();
    let earlier_events = earlier.map(|o| o.events.len());
    let t = &draw.get().transcript;
    let draw_date = t.commitment.doc.created_at[..10].to_string();
    let layout = Layout::Single(Frame::of(t));
    let checked = run(draw.get().transcript_digest, &draw_date, &layout, &record, earlier, &mut passed);
    let outcome = checked.map(|replayed| {
        let Replayed { mut states, in_effect, undone } = replayed;
        let state = states.remove(0);
        // The replay kept every called reserve within L, so the selection can make them.
        let picks = continued_picks(t, state.called).expect("the replay keeps k + m within the list");
        let k = t.commitment.doc.recipients;
        let entries = t.commitment.entries();
        let places = final_places(&state, k, &picks, entries);
        // Every integer in a record whose rules passed is below the entry count, so JCS accepts it.
        let digest = digest(&record.doc).expect("a checked record is within the JCS domain");
        let reserves = t.commitment.doc.reserves;
        Verified(Amended { record, digest, state, picks, places, recipients: k, reserves, undone, in_effect })
    });
    AmendReport { passed, events, earlier_events, draw_date, outcome }
}

/// SPEC §15.4 steps 1–5 with §15.8's replay; `draw_date` is the
/// commitment's date (`YYYY-MM-DD`).
pub(crate) fn run(
    transcript_digest: Hash32,
    draw_date: &str,
    layout: &Layout,
    record: &Amendments,
    earlier: Option<&Amendments>,
    passed: &mut Vec<AmendCheck>,
) -> Result<Replayed, AmendFailure> {
    // amendments-transcript
    if record.transcript != transcript_digest {
        let (e, f) = (hex::encode(transcript_digest), hex::encode(record.transcript));
        return Err(fail(AmendCheck::Transcript, None, AmendWhat::Transcript, e, f));
    }
    passed.push(AmendCheck::Transcript);
    // amendments-sequence
    for (i, e) in record.events.iter().enumerate() {
        if e.seq != i as u64 + 1 {
            return Err(fail(AmendCheck::Sequence, Some(i + 1), AmendWhat::Seq, i + 1, e.seq));
        }
    }
    passed.push(AmendCheck::Sequence);
    // amendments-dates: not before the commitment's date, never decreasing (undo events too, §15.8).
    for (i, e) in record.events.iter().enumerate() {
        if e.date.as_str() < draw_date {
            let found = &e.date;
            return Err(fail(
                AmendCheck::Dates,
                Some(i + 1),
                AmendWhat::BeforeDraw,
                format!("{draw_date} or later"),
                found,
            ));
        }
        if i > 0 && e.date < record.events[i - 1].date {
            let before = &record.events[i - 1].date;
            return Err(fail(
                AmendCheck::Dates,
                Some(i + 1),
                AmendWhat::DateOrder,
                format!("{before} or later"),
                &e.date,
            ));
        }
    }
    passed.push(AmendCheck::Dates);
    // amendments-rules (SPEC §15.8: replay_v2; for a v1 record, §15.3's replay)
    let replayed = replay_v2(layout, &record.events).map_err(rule_failure)?;
    passed.push(AmendCheck::Rules);
    // amendments-prefix (SPEC §15.8: the earlier version may be of either version)
    if let Some(o) = earlier {
        prefix(o, record)?;
        passed.push(AmendCheck::Prefix);
    }
    Ok(replayed)
}

fn rule_failure(e: RuleError) -> AmendFailure {
    let (event, expected, found) = match &e {
        RuleError::PlaceNotDrawn { event, place, recipients } => {
            (event, format!("a place from 1 to {recipients}"), format!("place {place}"))
        }
        RuleError::PlaceEmpty { event, place } => {
            (event, "a place that has a holder".into(), format!("place {place}, empty"))
        }
        RuleError::TakenBy { expected: 0, event, found, .. } => {
            (event, "taken_by 0 (nobody is left)".into(), format!("taken_by {found}"))
        }
        RuleError::TakenBy { event, expected, found, .. } => {
            (event, format!("taken_by {expected}"), format!("taken_by {found}"))
        }
        RuleError::ReserveNotDrawn { event, reserve, reserves } => {
            (event, format!("a reserve from 1 to {reserves}"), format!("reserve {reserve}"))
        }
        RuleError::ReserveGone { event, reserve } => {
            (event, "a reserve not used or skipped before".into(), format!("reserve {reserve}"))
        }
        RuleError::NothingToUndo { event } => (event, "an event in effect to undo".into(), "none".into()),
        RuleError::Undoes { event, expected, found } => {
            (event, format!("undoes {expected}"), format!("undoes {found}"))
        }
        RuleError::ListMissing { event } => (event, "a list of this draw".into(), "no list".into()),
        RuleError::ListUnknown { event, list } => (event, "a list of this draw".into(), format!("list {list:?}")),
        RuleError::ListNotAllowed { event, list } => {
            (event, "no list (a draw with one list)".into(), format!("list {list:?}"))
        }
    };
    let event = *event + 1;
    fail(AmendCheck::Rules, Some(event), AmendWhat::Rule(e), expected, found)
}

/// SPEC §15.4 step 5 alone: whether `earlier` is a prefix of `record`,
/// event for event, of the same transcript (the audit's
/// `amendments-rewritten`, SPEC §16.4).
pub fn is_prefix(earlier: &Amendments, record: &Amendments) -> bool {
    prefix(earlier, record).is_ok()
}

/// SPEC §15.4 step 5: the earlier version is a prefix, event for event.
fn prefix(o: &Amendments, record: &Amendments) -> Result<(), AmendFailure> {
    if o.transcript != record.transcript {
        let (e, f) = (hex::encode(record.transcript), hex::encode(o.transcript));
        return Err(fail(AmendCheck::Prefix, None, AmendWhat::EarlierTranscript, e, f));
    }
    if o.doc.events.len() > record.doc.events.len() {
        let (e, f) = (format!("at most {} events", record.doc.events.len()), o.doc.events.len());
        return Err(fail(AmendCheck::Prefix, None, AmendWhat::EarlierLonger, e, f));
    }
    for (i, (a, b)) in o.doc.events.iter().zip(&record.doc.events).enumerate() {
        if a != b {
            return Err(fail(AmendCheck::Prefix, Some(i + 1), AmendWhat::EarlierEvent, describe(a), describe(b)));
        }
    }
    Ok(())
}

/// An event in one line, for reports: `seq 2, 2026-12-20, place 3 declined, taken_by 1`.
/// An undo reads `seq 3, 2026-12-16, undoes 2`; an event naming its list
/// `seq 1, 2026-12-15, list noord, place 2 declined, taken_by 1`.
pub fn describe(e: &EventDoc) -> String {
    let reason = e.reason.clone().unwrap_or_default();
    let what = match (e.place, e.taken_by, e.reserve, e.undoes) {
        (_, _, _, Some(u)) => format!("undoes {u}"),
        (Some(p), Some(m), _, _) => format!("place {p} {reason}, taken_by {m}"),
        (_, _, Some(m), _) => format!("reserve {m} {reason}"),
        _ => reason,
    };
    match &e.list {
        Some(l) => format!("seq {}, {}, list {l}, {what}", e.seq, e.date),
        None => format!("seq {}, {}, {what}", e.seq, e.date),
    }
}

/// Where a ticket stands after the substitutions (SPEC §15.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    /// Holds `place`, as the transcript's recipient or as reserve m.
    Holds {
        place: u64,
        holder: Holder,
    },
    /// Was `holder` and left (a place vacated, or a reserve skipped).
    Left {
        holder: Holder,
        left: Left,
    },
    /// A reserve of the transcript not yet called.
    Waiting {
        reserve: u64,
    },
    NotDrawn,
}

impl Verified<Amended> {
    /// The final outcome of the entry at `index` (from [`crate::Ticket`]'s lookup).
    pub fn fate(&self, index: usize) -> Fate {
        let a = self.get();
        fate_in(&a.picks, a.recipients, &a.places, &a.state, index)
    }

    /// SPEC §9.9: how many events of each reason are in effect (an undone
    /// event, SPEC §15.8, made nobody leave and is not counted).
    pub fn reason_counts(&self) -> Vec<(Reason, usize)> {
        reason_counts(&self.get().record, &self.get().in_effect)
    }
}

/// SPEC §9.9 with §15.8: the events in effect, by reason.
pub(crate) fn reason_counts(record: &Amendments, in_effect: &[usize]) -> Vec<(Reason, usize)> {
    let of = |r: Reason| in_effect.iter().filter(|&&i| record.events[i].reason == Some(r)).count();
    Reason::ALL.iter().map(|&r| (r, of(r))).collect()
}

/// SPEC §15.5 for one list: where the entry at `index` stands, with `state`
/// the replay of the events in effect (SPEC §15.8).
pub(crate) fn fate_in(picks: &[usize], k: u64, places: &[FinalPlace], state: &State, index: usize) -> Fate {
    let Some(j) = picks.iter().position(|&i| i == index) else {
        return Fate::NotDrawn;
    };
    let j = j as u64;
    let who = if j < k { Holder::Recipient(j + 1) } else { Holder::Reserve(j - k + 1) };
    if let Some(p) = places.iter().find(|p| p.holder == who) {
        return Fate::Holds { place: p.place, holder: who };
    }
    if let Some((_, left)) = state.left.iter().rev().find(|(h, _)| *h == who) {
        return Fate::Left { holder: who, left: *left };
    }
    match who {
        Holder::Reserve(m) => Fate::Waiting { reserve: m },
        _ => Fate::NotDrawn,
    }
}

/// SPEC §15.4: the final list of one list from its replayed state.
pub(crate) fn final_places(
    state: &State,
    k: u64,
    picks: &[usize],
    entries: &[potdraw_core::model::Entry],
) -> Vec<FinalPlace> {
    state
        .holders
        .iter()
        .enumerate()
        .map(|(p, &holder)| {
            let index = index_of(holder, k, picks);
            FinalPlace { place: p as u64 + 1, holder, index, leaf: index.map(|i| entries[i].leaf) }
        })
        .collect()
}

/// Whether an event is an undo (SPEC §15.8).
pub fn is_undo(e: &potdraw_core::amend::Event) -> bool {
    matches!(e.action, Action::Undo { .. })
}
