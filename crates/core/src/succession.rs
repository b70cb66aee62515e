//! Who holds each place after the substitutions (SPEC §15.1, §15.3).
//!
//! WHY here and not in the verify crate: `amend` must compute the successor
//! (`taken_by`) it writes, and the verifier must recompute it; both use this
//! one replay, so the tool can never write a record its own verifier
//! refuses. The replay needs only numbers (k, r, the limit L); the entries
//! of continued reserves are computed afterwards, and only as many as the
//! record uses ([`continued_picks`], SPEC §7.7).
//!
//! The continuation relies on the selection being prefix-stable: a draw of
//! k + r + m picks begins with the k + r picks of the transcript (SPEC
//! §15.1). The tests below hold `select` (§6.3) and the RFC 3797 selection
//! (§12.1) to that.

use crate::amend::{Action, Event, Reason};
use crate::draw::{picks, rfc3797_picks};
use crate::model::{Replay, Transcript};
use crate::rfc3797::{Rfc3797Error, MAX_PICKS};
use crate::select::SelectError;

/// The numbers a replay needs: k, r and the limit L of SPEC §15.1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frame {
    pub recipients: u64,
    pub reserves: u64,
    /// L: reserve m exists only when k + m ≤ L.
    pub limit: u64,
}

impl Frame {
    /// SPEC §15.1: L = n for the potdraw-v1 method, min(n, 65536) for RFC 3797.
    pub fn of(t: &Transcript) -> Frame {
        let n = t.commitment.entries().len() as u64;
        let limit = match t.replay {
            Replay::PotdrawV1 { .. } => n,
            Replay::Rfc3797 { .. } => n.min(MAX_PICKS),
        };
        Frame { recipients: t.commitment.doc.recipients, reserves: t.commitment.doc.reserves, limit }
    }
}

/// Who holds a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    /// The transcript's recipient of this rank (the place's own number).
    Recipient(u64),
    /// Reserve m (m > r: a continued reserve).
    Reserve(u64),
    /// Nobody was left to take it.
    Empty,
}

/// A rule of SPEC §15.3 that an event breaks; `event` is 0-based.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleError {
    #[error("event {}: place {place} was not drawn (places 1 to {recipients})", event + 1)]
    PlaceNotDrawn { event: usize, place: u64, recipients: u64 },
    #[error("event {}: place {place} is empty, nobody can leave it", event + 1)]
    PlaceEmpty { event: usize, place: u64 },
    #[error("event {}: place {place} is taken by reserve {expected} (0: nobody is left), found {found}", event + 1)]
    TakenBy { event: usize, place: u64, expected: u64, found: u64 },
    #[error("event {}: reserve {reserve} was not drawn (reserves 1 to {reserves})", event + 1)]
    ReserveNotDrawn { event: usize, reserve: u64, reserves: u64 },
    #[error("event {}: reserve {reserve} was already used or skipped", event + 1)]
    ReserveGone { event: usize, reserve: u64 },
    /// SPEC §15.8: an undo with no event in effect.
    #[error("event {}: nothing to undo (no event is in effect)", event + 1)]
    NothingToUndo { event: usize },
    /// SPEC §15.8: an undo must name the most recent event in effect.
    #[error("event {}: undoes {expected} (the most recent event in effect), found {found}", event + 1)]
    Undoes { event: usize, expected: u64, found: u64 },
    /// SPEC §15.8: a v4 transcript's vacate and skip events name their list.
    #[error("event {}: names no list (a draw with several lists)", event + 1)]
    ListMissing { event: usize },
    /// SPEC §15.8: the list named is not one of the transcript's.
    #[error("event {}: list {list:?} is not in this draw", event + 1)]
    ListUnknown { event: usize, list: String },
    /// SPEC §15.8: a single-list transcript's events name no list.
    #[error("event {}: names list {list:?}, but the draw has one list", event + 1)]
    ListNotAllowed { event: usize, list: String },
}

/// What happened to one person, for the participant's answer (SPEC §15.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Left {
    /// 1-based event number.
    pub event: usize,
    pub reason: Reason,
    /// The place left, or `None` for a reserve skipped before taking one.
    pub place: Option<u64>,
}

/// The list after the events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    /// holders[p − 1] holds place p.
    pub holders: Vec<Holder>,
    /// The highest reserve number ever called or skipped (continued ones included).
    pub called: u64,
    /// For each person who left, by who they were: (holder, what happened).
    pub left: Vec<(Holder, Left)>,
    /// The lowest reserve number not yet used or skipped.
    pub waiting: u64,
}

impl State {
    /// SPEC §15.3: the `taken_by` of the next vacated place: the waiting
    /// reserve, or 0 when every entry has been picked.
    pub fn successor(&self, frame: Frame) -> u64 {
        if self.waiting <= frame.limit.saturating_sub(frame.recipients) {
            self.waiting
        } else {
            0
        }
    }
}

/// SPEC §15.3: the replay, event by event; the first broken rule is returned.
/// The loop never allocates by a claimed number: places are at most
/// `recipients`, which the verified transcript bounds. (A v1 record has no
/// undo event; one here is refused as [`RuleError::NothingToUndo`] or
/// [`RuleError::Undoes`], as §15.8 would refuse it.)
pub fn replay(frame: Frame, events: &[Event]) -> Result<State, RuleError> {
    let mut r = Replayer::new(frame);
    let mut applied: Vec<usize> = Vec::new();
    for (event, e) in events.iter().enumerate() {
        match e.action {
            Action::Undo { undoes } => {
                let Some(&last) = applied.last() else { return Err(RuleError::NothingToUndo { event }) };
                if events[last].seq != undoes {
                    return Err(RuleError::Undoes { event, expected: events[last].seq, found: undoes });
                }
                applied.pop();
                r.revert();
            }
            _ => {
                r.apply(event, e)?;
                applied.push(event);
            }
        }
    }
    Ok(r.state())
}

/// What one applied event changed, so that an undo (SPEC §15.8) restores
/// exactly the state before it.
#[derive(Debug, Clone)]
struct Change {
    /// The place whose holder changed, and the holder before.
    slot: Option<(usize, Holder)>,
    /// The reserve added to `gone`.
    gone: Option<u64>,
    next: u64,
    called: u64,
}

/// The replay of SPEC §15.3 for one list, one event at a time, with the
/// last events revertible (SPEC §15.8: the state after an undo is the state
/// of the record without the undone event). WHY revert instead of
/// replaying again: the undo always cancels the most recent event in
/// effect, which is the last one applied to its list, so restoring what it
/// changed is exact and keeps the replay linear in the record's length.
#[derive(Debug, Clone)]
pub struct Replayer {
    frame: Frame,
    holders: Vec<Holder>,
    gone: std::collections::BTreeSet<u64>,
    /// The lowest reserve number not in `gone`.
    next: u64,
    called: u64,
    left: Vec<(Holder, Left)>,
    log: Vec<Change>,
}

impl Replayer {
    pub fn new(frame: Frame) -> Replayer {
        Replayer {
            frame,
            holders: (1..=frame.recipients).map(Holder::Recipient).collect(),
            gone: std::collections::BTreeSet::new(),
            next: 1,
            called: 0,
            left: Vec::new(),
            log: Vec::new(),
        }
    }

    /// SPEC §15.3: applies the vacate or skip event `e`, the record's event
    /// `event` (0-based); nothing changes when a rule fails. An undo event
    /// is not for this function (see [`Replayer::revert`]) and changes nothing.
    pub fn apply(&mut self, event: usize, e: &Event) -> Result<(), RuleError> {
        let k = self.frame.recipients;
        // Parsing gives every vacate and skip event its reason (SPEC §15.2);
        // only hand-made events in tests could lack one.
        let reason = e.reason.unwrap_or(Reason::Declined);
        let mut change = Change { slot: None, gone: None, next: self.next, called: self.called };
        match e.action {
            Action::Vacate { place, taken_by } => {
                if place == 0 || place > k {
                    return Err(RuleError::PlaceNotDrawn { event, place, recipients: k });
                }
                let i = (place - 1) as usize;
                let was = self.holders[i];
                if was == Holder::Empty {
                    return Err(RuleError::PlaceEmpty { event, place });
                }
                let available = self.next <= self.frame.limit.saturating_sub(k);
                let expected = if available { self.next } else { 0 };
                if taken_by != expected {
                    return Err(RuleError::TakenBy { event, place, expected, found: taken_by });
                }
                self.left.push((was, Left { event: event + 1, reason, place: Some(place) }));
                change.slot = Some((i, was));
                if available {
                    self.holders[i] = Holder::Reserve(self.next);
                    self.gone.insert(self.next);
                    change.gone = Some(self.next);
                    self.called = self.called.max(self.next);
                    while self.gone.contains(&self.next) {
                        self.next += 1;
                    }
                } else {
                    self.holders[i] = Holder::Empty;
                }
            }
            Action::Skip { reserve } => {
                if reserve == 0 || reserve > self.frame.reserves {
                    return Err(RuleError::ReserveNotDrawn { event, reserve, reserves: self.frame.reserves });
                }
                if !self.gone.insert(reserve) {
                    return Err(RuleError::ReserveGone { event, reserve });
                }
                change.gone = Some(reserve);
                self.called = self.called.max(reserve);
                self.left.push((Holder::Reserve(reserve), Left { event: event + 1, reason, place: None }));
                while self.gone.contains(&self.next) {
                    self.next += 1;
                }
            }
            Action::Undo { .. } => return Ok(()),
        }
        self.log.push(change);
        Ok(())
    }

    /// SPEC §15.8: cancels the last event applied (nothing when none is).
    pub fn revert(&mut self) {
        let Some(c) = self.log.pop() else { return };
        if let Some((i, was)) = c.slot {
            self.holders[i] = was;
        }
        if let Some(m) = c.gone {
            self.gone.remove(&m);
        }
        self.next = c.next;
        self.called = c.called;
        self.left.pop();
    }

    /// The list as the events in effect leave it.
    pub fn state(&self) -> State {
        State { holders: self.holders.clone(), called: self.called, left: self.left.clone(), waiting: self.next }
    }
}

/// Why the continued selection cannot be computed (never for a verified
/// transcript and a record whose rules passed: the replay keeps k + m ≤ L).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ContinueError {
    #[error(transparent)]
    Select(#[from] SelectError),
    #[error(transparent)]
    Rfc3797(#[from] Rfc3797Error),
}

/// SPEC §15.1: the first `k + m` picks (0-based entry indices) of the same
/// selection as the transcript's: the transcript's own k + r, then the
/// continued reserves. `t` must have verified.
pub fn continued_picks(t: &Transcript, reserves: u64) -> Result<Vec<usize>, ContinueError> {
    let total = t.commitment.doc.recipients + reserves.max(t.commitment.doc.reserves);
    let entries = t.commitment.entries();
    Ok(match &t.replay {
        Replay::PotdrawV1 { draw_seed, .. } => picks(entries, total as usize, draw_seed)?,
        Replay::Rfc3797 { key } => rfc3797_picks(key, entries.len(), total)?,
    })
}

/// The entry index of a holder, given [`continued_picks`] covering it.
pub fn index_of(holder: Holder, recipients: u64, picks: &[usize]) -> Option<usize> {
    match holder {
        Holder::Recipient(p) => picks.get((p - 1) as usize).copied(),
        Holder::Reserve(m) => picks.get((recipients + m - 1) as usize).copied(),
        Holder::Empty => None,
    }
}

#[cfg(test)]
#[path = "succession_tests.rs"]
mod tests;
