//! The replay of a version 2 record (SPEC §15.8): events that name their
//! list, and undo events.
//!
//! WHY a stack of events in effect: an undo cancels the most recent event
//! still in effect, and the state after it must be exactly the state of the
//! record without the undone event (the person restored holds their place,
//! the reserve who took it waits again). Each list is replayed by its own
//! [`Replayer`] with its own k, r and L (SPEC §15.1, §17.4), and since the
//! event on top of the stack is always the last one applied to its list,
//! reverting it there is exact. Like [`crate::succession`], this needs only
//! numbers; the entries of continued reserves are computed afterwards
//! ([`continued_list_picks`]), only as far as the record goes (SPEC §7.7).

use crate::amend::{Action, Event};
use crate::lists::ListsTranscript;
use crate::lists_draw::list_picks;
use crate::select::SelectError;
use crate::succession::{Frame, Replayer, RuleError, State};

/// The lists a record's events may name (SPEC §15.8 "Which list").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layout {
    /// A single-list transcript (v1–v3, RFC 3797): events name no list.
    Single(Frame),
    /// A v4 transcript: every vacate and skip event names one of these, in
    /// the commitment's order.
    Lists(Vec<(String, Frame)>),
}

impl Layout {
    /// SPEC §15.8: each list's k, r and L = n (§17.4 draws every list by
    /// §6.3, so L is the number of entries).
    pub fn of_lists(t: &ListsTranscript) -> Layout {
        let c = &t.commitment;
        Layout::Lists(
            c.doc
                .lists
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    let frame =
                        Frame { recipients: l.recipients, reserves: l.reserves, limit: c.entries(i).len() as u64 };
                    (l.name.clone(), frame)
                })
                .collect(),
        )
    }

    fn frames(&self) -> Vec<Frame> {
        match self {
            Layout::Single(f) => vec![*f],
            Layout::Lists(l) => l.iter().map(|(_, f)| *f).collect(),
        }
    }

    /// SPEC §15.8: the list (position) a vacate or skip event belongs to.
    pub fn list_of(&self, event: usize, e: &Event) -> Result<usize, RuleError> {
        match (self, &e.list) {
            (Layout::Single(_), None) => Ok(0),
            (Layout::Single(_), Some(list)) => Err(RuleError::ListNotAllowed { event, list: list.clone() }),
            (Layout::Lists(_), None) => Err(RuleError::ListMissing { event }),
            (Layout::Lists(l), Some(list)) => l
                .iter()
                .position(|(n, _)| n == list)
                .ok_or_else(|| RuleError::ListUnknown { event, list: list.clone() }),
        }
    }
}

/// The outcome of [`replay_v2`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replayed {
    /// One state per list, in the layout's order; `left` names events by
    /// their 1-based position in the record.
    pub states: Vec<State>,
    /// The record's events in effect (0-based positions), in order: `E`.
    pub in_effect: Vec<usize>,
    /// How many events were undone.
    pub undone: usize,
}

/// SPEC §15.8 `replay_v2`: the events in order with the stack `E` of the
/// events in effect; the first `require` that fails is returned.
pub fn replay_v2(layout: &Layout, events: &[Event]) -> Result<Replayed, RuleError> {
    let mut lists: Vec<Replayer> = layout.frames().into_iter().map(Replayer::new).collect();
    // E, with each event's list.
    let mut effect: Vec<(usize, usize)> = Vec::new();
    let mut undone = 0;
    for (event, e) in events.iter().enumerate() {
        if let Action::Undo { undoes } = e.action {
            let Some(&(last, list)) = effect.last() else { return Err(RuleError::NothingToUndo { event }) };
            if events[last].seq != undoes {
                return Err(RuleError::Undoes { event, expected: events[last].seq, found: undoes });
            }
            effect.pop();
            lists[list].revert();
            undone += 1;
        } else {
            let list = layout.list_of(event, e)?;
            lists[list].apply(event, e)?;
            effect.push((event, list));
        }
    }
    Ok(Replayed {
        states: lists.iter().map(Replayer::state).collect(),
        in_effect: effect.into_iter().map(|(e, _)| e).collect(),
        undone,
    })
}

/// SPEC §15.8 with §15.1: the first k + max(r, called) picks of list `i` of
/// a verified v4 transcript: the transcript's own picks, then the
/// continued reserves of that list, from its own list seed (§17.4).
pub fn continued_list_picks(t: &ListsTranscript, i: usize, called: u64) -> Result<Vec<usize>, SelectError> {
    let l = &t.commitment.doc.lists[i];
    let total = l.recipients + called.max(l.reserves);
    list_picks(t.commitment.entries(i), total as usize, &t.draw_seed, &l.name)
}

#[cfg(test)]
#[path = "succession_v2_tests.rs"]
mod tests;
