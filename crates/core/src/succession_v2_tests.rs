//! Tests of SPEC §15.8's replay against its own definition: the state after
//! an undo is the state of the record without the undone event and its undo,
//! computed from scratch by §15.3's replay on the events in effect.

use super::*;
use crate::amend::{Action, Event, Reason};
use crate::succession::{replay, Holder};
use proptest::prelude::*;

fn ev(seq: u64, list: Option<&str>, action: Action) -> Event {
    let reason = match action {
        Action::Undo { .. } => None,
        _ => Some(Reason::Declined),
    };
    Event { seq, date: "2026-12-15".into(), reason, action, list: list.map(str::to_string) }
}

fn vacate(seq: u64, place: u64, taken_by: u64) -> Event {
    ev(seq, None, Action::Vacate { place, taken_by })
}

fn undo(seq: u64, undoes: u64) -> Event {
    ev(seq, None, Action::Undo { undoes })
}

const F: Frame = Frame { recipients: 3, reserves: 2, limit: 8 };

/// SPEC §15.8's example: place 2 declined, then "declined" again by mistake
/// (reserve 1 did not decline); the undo of event 2 restores reserve 1.
#[test]
fn undoing_a_repeated_decline_restores_the_reserve_who_moved_up() {
    let events = [vacate(1, 2, 1), vacate(2, 2, 2), undo(3, 2)];
    let r = replay_v2(&Layout::Single(F), &events).unwrap();
    assert_eq!(r.states[0].holders, vec![Holder::Recipient(1), Holder::Reserve(1), Holder::Recipient(3)]);
    assert_eq!(r.states[0].waiting, 2);
    assert_eq!(r.states[0].called, 1);
    assert_eq!(r.in_effect, vec![0]);
    assert_eq!(r.undone, 1);
    assert_eq!(r.states[0].left.len(), 1);
    // The next vacated place is taken by reserve 2 again (the lowest not used).
    let more = [vacate(1, 2, 1), vacate(2, 2, 2), undo(3, 2), vacate(4, 3, 2)];
    let r = replay_v2(&Layout::Single(F), &more).unwrap();
    assert_eq!(r.states[0].holders, vec![Holder::Recipient(1), Holder::Reserve(1), Holder::Reserve(2)]);
}

#[test]
fn two_undos_in_a_row_cancel_the_two_most_recent_events() {
    let events = [vacate(1, 2, 1), vacate(2, 3, 2), undo(3, 2), undo(4, 1)];
    let r = replay_v2(&Layout::Single(F), &events).unwrap();
    assert_eq!(r.states[0].holders, vec![Holder::Recipient(1), Holder::Recipient(2), Holder::Recipient(3)]);
    assert_eq!((r.states[0].waiting, r.states[0].called, r.undone), (1, 0, 2));
}

#[test]
fn each_broken_undo_or_list_rule_is_named_at_its_event() {
    let single = Layout::Single(F);
    assert_eq!(replay_v2(&single, &[undo(1, 1)]), Err(RuleError::NothingToUndo { event: 0 }));
    assert_eq!(
        replay_v2(&single, &[vacate(1, 2, 1), vacate(2, 3, 2), undo(3, 1)]),
        Err(RuleError::Undoes { event: 2, expected: 2, found: 1 })
    );
    // An undone event is no longer in effect: undoing it again fails.
    assert_eq!(
        replay_v2(&single, &[vacate(1, 2, 1), undo(2, 1), undo(3, 1)]),
        Err(RuleError::NothingToUndo { event: 2 })
    );
    let named = ev(1, Some("noord"), Action::Vacate { place: 1, taken_by: 1 });
    assert_eq!(replay_v2(&single, &[named]), Err(RuleError::ListNotAllowed { event: 0, list: "noord".into() }));
    let lists = Layout::Lists(vec![("noord".into(), F), ("zuid".into(), F)]);
    assert_eq!(replay_v2(&lists, &[vacate(1, 1, 1)]), Err(RuleError::ListMissing { event: 0 }));
    let other = ev(1, Some("oost"), Action::Vacate { place: 1, taken_by: 1 });
    assert_eq!(replay_v2(&lists, &[other]), Err(RuleError::ListUnknown { event: 0, list: "oost".into() }));
    // A rule broken by an event fails there, even if a later undo would cancel it.
    assert_eq!(
        replay_v2(&single, &[vacate(1, 2, 2), undo(2, 1)]),
        Err(RuleError::TakenBy { event: 0, place: 2, expected: 1, found: 2 })
    );
}

/// SPEC §15.8: each list has its own places and reserves, and an undo
/// crosses lists (it cancels the most recent event, whatever its list).
#[test]
fn lists_are_replayed_apart_and_an_undo_takes_the_most_recent_of_any_list() {
    let small = Frame { recipients: 2, reserves: 1, limit: 4 };
    let lists = Layout::Lists(vec![("a".into(), F), ("b".into(), small)]);
    let a = |seq, place, m| ev(seq, Some("a"), Action::Vacate { place, taken_by: m });
    let b = |seq, place, m| ev(seq, Some("b"), Action::Vacate { place, taken_by: m });
    let events = [a(1, 1, 1), b(2, 2, 1), b(3, 1, 2), a(4, 2, 2), undo(5, 4), undo(6, 3)];
    let r = replay_v2(&lists, &events).unwrap();
    assert_eq!(r.states[0].holders, vec![Holder::Reserve(1), Holder::Recipient(2), Holder::Recipient(3)]);
    assert_eq!(r.states[1].holders, vec![Holder::Recipient(1), Holder::Reserve(1)]);
    assert_eq!(r.in_effect, vec![0, 1]);
    // b: k = 2, L = 4: reserve 2 is b's one continued reserve, reserve 3 would exceed L.
    let events = [b(1, 2, 1), b(2, 1, 2), b(3, 1, 0)];
    let r = replay_v2(&lists, &events).unwrap();
    assert_eq!(r.states[1].holders, vec![Holder::Empty, Holder::Reserve(1)]);
}

/// A record's events, possibly breaking rules: (kind, a, b) per event.
fn model_events(raw: &[(u8, u64, u64)]) -> Vec<Event> {
    raw.iter()
        .enumerate()
        .map(|(i, &(kind, a, b))| {
            let seq = i as u64 + 1;
            match kind {
                0 => vacate(seq, a, b),
                1 => ev(seq, None, Action::Skip { reserve: a }),
                _ => undo(seq, b),
            }
        })
        .collect()
}

proptest! {
    /// The definition of §15.8: the stack E from the undos alone, then
    /// §15.3's replay of E from scratch, equals replay_v2 (holders, the
    /// waiting reserve, the highest called, and who left by which event).
    #[test]
    fn an_undo_leaves_exactly_the_state_without_the_undone_event(
        raw in proptest::collection::vec((0u8..3, 0u64..5, 0u64..7), 0..24)
    ) {
        // Make every vacate claim the successor of the state so far and every
        // undo name the top of the stack, so that most records are valid.
        let mut events = model_events(&raw);
        let mut stack: Vec<usize> = Vec::new();
        for i in 0..events.len() {
            match events[i].action {
                Action::Undo { .. } => match stack.pop() {
                    Some(top) => events[i].action = Action::Undo { undoes: events[top].seq },
                    None => continue,
                },
                Action::Vacate { place, .. } => {
                    let mine: Vec<Event> = stack.iter().map(|&j| events[j].clone()).collect();
                    let taken_by = replay(F, &mine).map(|s| s.successor(F)).unwrap_or(0);
                    events[i].action = Action::Vacate { place, taken_by };
                    stack.push(i);
                }
                Action::Skip { .. } => stack.push(i),
            }
        }
        let got = replay_v2(&Layout::Single(F), &events);
        // E from the undos alone.
        let mut e: Vec<usize> = Vec::new();
        let mut broken = false;
        for (i, ev) in events.iter().enumerate() {
            match ev.action {
                Action::Undo { undoes } => {
                    if e.last().map(|&j| events[j].seq) != Some(undoes) { broken = true; break; }
                    e.pop();
                }
                _ => e.push(i),
            }
        }
        if broken {
            prop_assert!(got.is_err());
        } else {
            let in_effect: Vec<Event> = e.iter().map(|&j| events[j].clone()).collect();
            let scratch = replay(F, &in_effect);
            match (got, scratch) {
                (Ok(g), Ok(s)) => {
                    prop_assert_eq!(&g.in_effect, &e);
                    prop_assert_eq!(&g.states[0].holders, &s.holders);
                    prop_assert_eq!(g.states[0].waiting, s.waiting);
                    prop_assert_eq!(g.states[0].called, s.called);
                    let renumbered: Vec<_> = s.left.iter().map(|(h, l)| {
                        let mut l = *l;
                        l.event = e[l.event - 1] + 1;
                        (*h, l)
                    }).collect();
                    prop_assert_eq!(&g.states[0].left, &renumbered);
                }
                // A rule broken by an event that was later undone fails replay_v2 only.
                (Err(_), _) => {}
                (Ok(_), Err(err)) => prop_assert!(false, "replay_v2 accepted what §15.3 refuses on E: {err}"),
            }
        }
    }
}
