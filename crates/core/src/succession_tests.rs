//! Tests of SPEC §15.3 against a second, simpler model of the rules: a queue
//! of reserves in order, from which a vacated place takes the front and a
//! skip removes one. The replay must accept every sequence the queue model
//! makes, agree with it on every successor, and refuse each broken rule.

use super::*;
use crate::amend::{Action, Event, Reason};
use crate::select::select;
use crate::stream::DrawStream;
use proptest::prelude::*;

fn vacate(place: u64, taken_by: u64) -> Event {
    Event {
        seq: 0,
        date: "2026-12-01".into(),
        reason: Some(Reason::Declined),
        action: Action::Vacate { place, taken_by },
        list: None,
    }
}

fn skip(reserve: u64) -> Event {
    Event {
        seq: 0,
        date: "2026-12-01".into(),
        reason: Some(Reason::NotEligible),
        action: Action::Skip { reserve },
        list: None,
    }
}

const F: Frame = Frame { recipients: 3, reserves: 2, limit: 6 };

#[test]
fn a_decline_is_taken_by_reserve_1_and_places_keep_their_numbers() {
    let s = replay(F, &[vacate(2, 1)]).unwrap();
    assert_eq!(s.holders, vec![Holder::Recipient(1), Holder::Reserve(1), Holder::Recipient(3)]);
    assert_eq!(s.called, 1);
    assert_eq!(s.left, vec![(Holder::Recipient(2), Left { event: 1, reason: Reason::Declined, place: Some(2) })]);
}

#[test]
fn a_skipped_reserve_is_passed_over_and_the_list_continues_then_runs_out() {
    // r = 2, L = 6: reserves 1, 2 are drawn, reserve 3 is the one continued reserve.
    let s = replay(F, &[skip(1), vacate(3, 2), vacate(3, 3), vacate(1, 0)]).unwrap();
    assert_eq!(s.holders, vec![Holder::Empty, Holder::Recipient(2), Holder::Reserve(3)]);
    assert_eq!(s.called, 3);
}

#[test]
fn each_broken_rule_is_named() {
    assert_eq!(replay(F, &[vacate(4, 1)]), Err(RuleError::PlaceNotDrawn { event: 0, place: 4, recipients: 3 }));
    assert_eq!(replay(F, &[vacate(0, 1)]), Err(RuleError::PlaceNotDrawn { event: 0, place: 0, recipients: 3 }));
    // A reserve skipped without an event: place 1 given to reserve 2.
    assert_eq!(replay(F, &[vacate(1, 2)]), Err(RuleError::TakenBy { event: 0, place: 1, expected: 1, found: 2 }));
    // A reserve used twice.
    assert_eq!(
        replay(F, &[vacate(1, 1), vacate(2, 1)]),
        Err(RuleError::TakenBy { event: 1, place: 2, expected: 2, found: 1 })
    );
    assert_eq!(replay(F, &[vacate(1, 1), skip(1)]), Err(RuleError::ReserveGone { event: 1, reserve: 1 }));
    assert_eq!(replay(F, &[skip(2), skip(2)]), Err(RuleError::ReserveGone { event: 1, reserve: 2 }));
    // Continued reserves cannot be skipped; reserve 0 does not exist.
    assert_eq!(replay(F, &[skip(3)]), Err(RuleError::ReserveNotDrawn { event: 0, reserve: 3, reserves: 2 }));
    assert_eq!(replay(F, &[skip(0)]), Err(RuleError::ReserveNotDrawn { event: 0, reserve: 0, reserves: 2 }));
    let empty = [vacate(1, 1), vacate(1, 2), vacate(1, 3), vacate(1, 0), vacate(1, 0)];
    assert_eq!(replay(F, &empty), Err(RuleError::PlaceEmpty { event: 4, place: 1 }));
    assert_eq!(replay(F, &empty[..3]).unwrap().holders[0], Holder::Reserve(3));
    assert_eq!(
        replay(F, &[vacate(1, 1), vacate(1, 2), vacate(1, 3), vacate(1, 4)]),
        Err(RuleError::TakenBy { event: 3, place: 1, expected: 0, found: 4 })
    );
}

/// A random list, seed and counts, and a random sequence of valid events
/// made by the queue model, with the successors the model expects.
#[derive(Debug, Clone)]
struct Case {
    seed: [u8; 32],
    weights: Vec<u64>,
    frame: Frame,
    events: Vec<Event>,
    /// `taken_by` of each vacate event, as the queue model gives it.
    successors: Vec<u64>,
}

fn case() -> impl Strategy<Value = Case> {
    (any::<[u8; 32]>(), 1u64..6, 0u64..4, 0usize..6, prop::collection::vec((0u8..3, any::<u64>()), 0..16))
        .prop_flat_map(|(seed, k, r, extra, moves)| {
            let n = (k + r) as usize + extra;
            (Just((seed, k, r, moves)), prop::collection::vec(1u64..=9, n..=n))
        })
        .prop_map(|((seed, k, r, moves), weights)| {
            let frame = Frame { recipients: k, reserves: r, limit: weights.len() as u64 };
            // The queue model: reserves waiting in order, places and who holds them.
            let mut queue: std::collections::VecDeque<u64> = (1..=frame.limit - k).collect();
            let mut occupied: Vec<bool> = vec![true; k as usize];
            let (mut events, mut successors) = (Vec::new(), Vec::new());
            for (what, pick) in moves {
                let skippable: Vec<u64> = queue.iter().copied().filter(|&m| m <= r).collect();
                if what == 0 && !skippable.is_empty() {
                    let m = skippable[(pick % skippable.len() as u64) as usize];
                    queue.retain(|&q| q != m);
                    events.push(skip(m));
                    continue;
                }
                let open: Vec<u64> = (1..=k).filter(|&p| occupied[(p - 1) as usize]).collect();
                if open.is_empty() {
                    break;
                }
                let p = open[(pick % open.len() as u64) as usize];
                let m = queue.pop_front().unwrap_or(0);
                occupied[(p - 1) as usize] = m != 0;
                events.push(vacate(p, m));
                successors.push(m);
            }
            Case { seed, weights, frame, events, successors }
        })
}

proptest! {
    /// SPEC §15.1: a draw of k + r + m picks begins with the draw of k + r picks.
    #[test]
    fn the_selection_is_prefix_stable(
        seed in any::<[u8; 32]>(),
        weights in prop::collection::vec(1u64..=1000, 1..120),
        a in 0usize..120,
        b in 0usize..120,
    ) {
        let n = weights.len();
        let (short, long) = (a % (n + 1), (a % (n + 1) + b).min(n));
        let s = select(&mut DrawStream::new(&seed), &weights, short).unwrap();
        let l = select(&mut DrawStream::new(&seed), &weights, long).unwrap();
        prop_assert_eq!(&l[..short], &s[..]);
    }

    /// SPEC §15.1, RFC 3797 (§12.1): the same for the MD5 selection.
    #[test]
    fn the_rfc3797_selection_is_prefix_stable(
        key in "([0-9]{1,4}\\.){1,5}/",
        pool in 1u64..300,
        a in 0u64..300,
        b in 0u64..300,
    ) {
        let (short, long) = (a % (pool + 1), (a % (pool + 1) + b).min(pool));
        let s = crate::rfc3797::select(&key, pool, short).unwrap();
        let l = crate::rfc3797::select(&key, pool, long).unwrap();
        prop_assert_eq!(&l[..short as usize], &s[..]);
    }

    /// For random draws and random valid events: the replay accepts them,
    /// every vacated place is filled in reserve order (the model's queue),
    /// the final list has no duplicate, and its people are the first picks
    /// of a draw of k + r + m picks from the same seed.
    #[test]
    fn random_valid_records(c in case()) {
        let state = replay(c.frame, &c.events).unwrap();
        let taken: Vec<u64> = c.events.iter().filter_map(|e| match e.action {
            Action::Vacate { taken_by, .. } => Some(taken_by),
            Action::Skip { .. } | Action::Undo { .. } => None,
        }).collect();
        prop_assert_eq!(&taken, &c.successors);
        let called: Vec<u64> = taken.iter().copied().filter(|&m| m != 0).collect();
        prop_assert!(called.windows(2).all(|w| w[0] < w[1]), "reserve order: {:?}", called);
        let (k, r) = (c.frame.recipients, c.frame.reserves);
        let m = state.called.saturating_sub(r);
        let all = select(&mut DrawStream::new(&c.seed), &c.weights, (k + r + m) as usize).unwrap();
        let evening = select(&mut DrawStream::new(&c.seed), &c.weights, (k + r) as usize).unwrap();
        prop_assert_eq!(&all[..(k + r) as usize], &evening[..]);
        let mut seen = std::collections::HashSet::new();
        for h in &state.holders {
            if let Some(i) = index_of(*h, k, &all) {
                prop_assert!(seen.insert(i), "entry {} holds two places", i);
            } else {
                prop_assert_eq!(*h, Holder::Empty);
            }
        }
        // Every prefix of a valid record is valid (SPEC §15.3).
        for cut in 0..c.events.len() {
            let before = replay(c.frame, &c.events[..cut]);
            prop_assert!(before.is_ok());
            if let Action::Vacate { taken_by, .. } = c.events[cut].action {
                prop_assert_eq!(before.unwrap().successor(c.frame), taken_by, "the successor `amend` would write");
            }
        }
    }
}
