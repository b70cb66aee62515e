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
/// `recipients`, which the verified transcript bounds.
pub fn replay(frame: Frame, events: &[Event]) -> Result<State, RuleError> {
    let k = frame.recipients;
    let mut holders: Vec<Holder> = (1..=k).map(Holder::Recipient).collect();
    let mut gone = std::collections::BTreeSet::new();
    let mut next = 1u64; // the lowest reserve number not in `gone`
    let mut called = 0u64;
    let mut left = Vec::new();
    for (event, e) in events.iter().enumerate() {
        match e.action {
            Action::Vacate { place, taken_by } => {
                if place == 0 || place > k {
                    return Err(RuleError::PlaceNotDrawn { event, place, recipients: k });
                }
                let slot = &mut holders[(place - 1) as usize];
                if *slot == Holder::Empty {
                    return Err(RuleError::PlaceEmpty { event, place });
                }
                let available = next <= frame.limit.saturating_sub(k);
                let expected = if available { next } else { 0 };
                if taken_by != expected {
                    return Err(RuleError::TakenBy { event, place, expected, found: taken_by });
                }
                left.push((*slot, Left { event: event + 1, reason: e.reason, place: Some(place) }));
                if available {
                    *slot = Holder::Reserve(next);
                    gone.insert(next);
                    called = called.max(next);
                    while gone.contains(&next) {
                        next += 1;
                    }
                } else {
                    *slot = Holder::Empty;
                }
            }
            Action::Skip { reserve } => {
                if reserve == 0 || reserve > frame.reserves {
                    return Err(RuleError::ReserveNotDrawn { event, reserve, reserves: frame.reserves });
                }
                if !gone.insert(reserve) {
                    return Err(RuleError::ReserveGone { event, reserve });
                }
                called = called.max(reserve);
                left.push((Holder::Reserve(reserve), Left { event: event + 1, reason: e.reason, place: None }));
                while gone.contains(&next) {
                    next += 1;
                }
            }
        }
    }
    Ok(State { holders, called, left, waiting: next })
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
