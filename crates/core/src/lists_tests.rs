//! Tests of version 4 (SPEC §17): the worked examples of the SPEC, a round
//! trip through commit and draw, the independence of each list's result
//! (a property test), and a chi-square test of the companions' selection
//! and pairing over many fixed draw seeds.

use super::*;
use crate::commit::Candidate;
use crate::lists::{parse_commitment, parse_transcript, ListsCommitment};
use crate::stream::DrawStream;
use proptest::prelude::*;
use std::sync::Arc;

fn hex32(s: &str) -> Hash32 {
    hex::decode(s).unwrap().try_into().unwrap()
}

/// SPEC §17.3's example: the leaf binds the list's name.
#[test]
fn leaf_example_of_the_spec() {
    let salt: [u8; 16] = core::array::from_fn(|i| i as u8);
    assert_eq!(
        leaf("reisgenoten", "René", &salt),
        hex32("398b57b426e7400700b124b4c1fa8e0f8acb78d37ee6fc102d0ace825ef0e1ea")
    );
    // The NFD spelling of the same id gives the same leaf (SPEC §4.1).
    assert_eq!(leaf("reisgenoten", "Rene\u{301}", &salt), leaf("reisgenoten", "René", &salt));
    assert_eq!(
        leaf("ontvangers", "René", &salt),
        hex32("152b8cda51af53f27b961b56b9e8e5b7c9b5219abef2c2e12399a901281aea31")
    );
    assert_eq!(hash::leaf("René", &salt), hex32("9d79e372bb489743400e008a39d2a59699f28333e1b5d936ce574355dad680ae"));
}

/// SPEC §17.4's example: list seeds, their first words, and a selection.
#[test]
fn list_seed_example_of_the_spec() {
    let draw_seed: Hash32 = core::array::from_fn(|i| i as u8);
    let ten: Vec<Entry> = (0..10u8).map(|i| Entry { leaf: [i; 32], weight: 1 }).collect();
    for (name, seed, words, picks) in [
        (
            "ontvangers",
            "7a13cab86daa95a5ae9bca92f60c1bb69e9e5002570d6c6213f38db2899aebd1",
            [0x69af0259be41d670u64, 0x7f841b583a1dfd3c],
            [2, 4, 9, 8, 1, 7, 3, 5],
        ),
        (
            "reisgenoten",
            "73964bcb47dec393a62772c7c1184469b35bce2e7350832c9ca08fed1983bb31",
            [0x70b1fa5b029ddfc0, 0xa9bb698ec60847c8],
            [4, 7, 9, 0, 6, 1, 5, 2],
        ),
    ] {
        let s = list_seed(&draw_seed, name);
        assert_eq!(hex::encode(s), seed, "{name}");
        let mut stream = DrawStream::new(&s);
        assert_eq!([stream.next_word(), stream.next_word()], words, "{name}");
        assert_eq!(list_picks(&ten, 8, &draw_seed, name).unwrap(), picks, "{name}");
    }
}

fn candidates(prefix: &str, n: u64) -> Vec<Candidate> {
    (0..n).map(|i| Candidate { id: format!("{prefix}-{i}"), weight: 1 + i % 3, line: i + 2, columns: vec![] }).collect()
}

/// A counter stream: reproducible, never for a real commitment.
fn counter_fill() -> impl FnMut(&mut [u8]) {
    let mut n = 0u64;
    move |out: &mut [u8]| {
        for chunk in out.chunks_mut(32) {
            n += 1;
            let h = hash::h("test/fill", &[&n.to_be_bytes()]);
            chunk.copy_from_slice(&h[..chunk.len()]);
        }
    }
}

fn params() -> ListsParams {
    let plan = vec![crate::plan::plan_entry("p", "room", "dice", Some(4), Some(6)).unwrap()];
    ListsParams { title: "t".into(), created_at: 1_700_000_000, plan, previous: None }
}

fn two_lists() -> Vec<ListInput> {
    let policy = PotPolicy { amount_cents: 6_500_000, ..PotPolicy::default() };
    vec![
        ListInput {
            name: "ontvangers".into(),
            display: None,
            rule: RuleInput::Pot(policy, None),
            reserves: 2,
            candidates: candidates("a", 12),
        },
        ListInput {
            name: "reisgenoten".into(),
            display: None,
            rule: RuleInput::Companions("ontvangers".into()),
            reserves: 1,
            candidates: candidates("b", 7),
        },
    ]
}

/// Commit, parse, draw, parse again: the companions list gets the pot
/// list's k, receipts name their list, and every result is the replay of
/// its own list seed.
#[test]
fn commit_and_draw_round_trip() {
    let made = commit_lists(&params(), two_lists(), &mut counter_fill()).unwrap();
    let doc = &made.commitment;
    assert_eq!((doc.lists[0].recipients, doc.lists[1].recipients), (5, 5));
    assert_eq!(doc.lists[1].companions_of.as_deref(), Some("ontvangers"));
    assert_eq!(hex::encode(digest_of(doc).unwrap()), doc.digest);
    let bytes = serde_json::to_vec(doc).unwrap();
    let c = parse_commitment(&bytes).unwrap();
    assert_eq!(c.lists[1].rule, crate::lists::Rule::Companions("ontvangers".into()));
    let r = made.receipts[1].get(0).unwrap();
    assert_eq!((r.format.as_str(), r.list.as_deref()), ("potdraw/receipt/v2", Some("reisgenoten")));
    let receipt = crate::model::Receipt::try_from(r.clone()).unwrap();
    assert!(c.entries(1).iter().any(|e| e.leaf == receipt.leaf));
    assert!(!c.entries(0).iter().any(|e| e.leaf == receipt.leaf), "a ticket of one list is in no other");
    // A v2 receipt whose list is changed no longer matches its leaf.
    let moved = crate::wire::ReceiptDoc { list: Some("ontvangers".into()), ..r };
    assert!(crate::model::Receipt::try_from(moved).is_err());

    let t = run(&c, &made.seed, &[("room".into(), "1234".into())], &[]).unwrap();
    let t = parse_transcript(&serde_json::to_vec(&t).unwrap()).unwrap();
    assert_eq!(t.lists.len(), 2);
    for (i, l) in t.lists.iter().enumerate() {
        assert_eq!(l.list_seed, list_seed(&t.draw_seed, &l.name));
        let want = list_picks(c.entries(i), l.result.len(), &t.draw_seed, &l.name).unwrap();
        assert_eq!(l.result.iter().map(|p| p.index as usize).collect::<Vec<_>>(), want);
    }
    assert_eq!(t.lists[0].result.len(), 7);
    assert_eq!(t.lists[1].result.len(), 6);
}

#[test]
fn commit_refuses_what_the_spec_forbids() {
    let mut fill = counter_fill();
    let mut one = two_lists();
    one.truncate(1);
    assert_eq!(commit_lists(&params(), one, &mut fill).unwrap_err(), ListsError::ListCount { count: 1 });
    let mut chain = two_lists();
    chain.push(ListInput {
        name: "derde".into(),
        display: None,
        rule: RuleInput::Companions("reisgenoten".into()),
        reserves: 0,
        candidates: candidates("c", 6),
    });
    assert!(matches!(commit_lists(&params(), chain, &mut fill), Err(ListsError::CompanionsChain { .. })));
    let mut own = two_lists();
    own[1].rule = RuleInput::Companions("reisgenoten".into());
    assert!(matches!(commit_lists(&params(), own, &mut fill), Err(ListsError::CompanionsUnknown { .. })));
    let mut twice = two_lists();
    twice[1].candidates[3].id = "a-4".into();
    match commit_lists(&params(), twice, &mut fill) {
        Err(ListsError::IdInTwoLists { id, first, first_line, list, line }) => {
            assert_eq!(
                (id.as_str(), first.as_str(), first_line, list.as_str(), line),
                ("a-4", "ontvangers", 6, "reisgenoten", 5)
            )
        }
        other => panic!("{other:?}"),
    }
    let mut upper = two_lists();
    upper[0].name = "Ontvangers".into();
    assert!(matches!(commit_lists(&params(), upper, &mut fill), Err(ListsError::Name { .. })));
    let mut short = two_lists();
    short[1].candidates.truncate(5);
    assert!(matches!(commit_lists(&params(), short, &mut fill), Err(ListsError::List { .. })));
}

/// A v4 commitment made of `lists` (name, weights, k, r), digest not set:
/// enough for the draw, which does not look at the digest.
fn commitment_of(lists: &[(String, Vec<u64>, u64, u64)]) -> ListsCommitment {
    let docs = lists
        .iter()
        .map(|(name, weights, k, r)| {
            let mut entries: Vec<Entry> = weights
                .iter()
                .enumerate()
                .map(|(i, &w)| Entry {
                    leaf: hash::h("test/leaf", &[name.as_bytes(), &(i as u64).to_be_bytes()]),
                    weight: w,
                })
                .collect();
            entries.sort_unstable_by_key(|e| e.leaf);
            crate::lists::ListDoc {
                name: name.clone(),
                display: None,
                rule: "fixed".into(),
                pot: None,
                companions_of: None,
                recipients: *k,
                reserves: *r,
                candidates: crate::wire::CandidatesDoc {
                    count: weights.len() as u64,
                    total_weight: weights.iter().sum::<u64>().to_string(),
                    entries: entries.into(),
                },
            }
        })
        .collect();
    let doc = crate::lists::ListsCommitmentDoc {
        format: crate::lists::COMMITMENT_V4.into(),
        title: String::new(),
        created_at: "2026-12-01T12:00:00Z".into(),
        seed_commitment: "00".repeat(32),
        entropy_plan: vec![crate::commit::plan_doc(&params().plan[0])],
        lists: docs,
        previous: None,
        digest: "00".repeat(32),
    };
    ListsCommitment::try_from(Arc::new(doc)).unwrap()
}

fn list_strategy() -> impl Strategy<Value = (String, Vec<u64>, u64, u64)> {
    ("[a-z][a-z0-9-]{0,8}", prop::collection::vec(1u64..5, 1..12)).prop_flat_map(|(name, weights)| {
        let n = weights.len() as u64;
        (Just(name), Just(weights), 1..=n)
            .prop_flat_map(move |(name, weights, k)| (Just(name), Just(weights), Just(k), 0..=(n - k)))
    })
}

proptest! {
    /// SPEC §17.4: given the draw seed, removing a list, adding one, or
    /// reordering the lists leaves every other list's result unchanged.
    #[test]
    fn a_lists_result_depends_only_on_itself(
        lists in prop::collection::vec(list_strategy(), 3..6),
        extra in list_strategy(),
        drop in 0usize..6,
        draw_seed in prop::array::uniform32(any::<u8>()),
    ) {
        let mut names = std::collections::HashSet::new();
        prop_assume!(lists.iter().chain([&extra]).all(|l| names.insert(l.0.clone())));
        let drop = drop % lists.len();
        let all = draw_lists(&commitment_of(&lists), &draw_seed).unwrap();
        // Another commitment: one list removed, one added in front, the rest reversed.
        let mut other: Vec<_> = lists.iter().enumerate().filter(|(i, _)| *i != drop).map(|(_, l)| l.clone()).collect();
        other.reverse();
        other.insert(0, extra);
        let changed = draw_lists(&commitment_of(&other), &draw_seed).unwrap();
        for r in &changed[1..] {
            let same = all.iter().find(|a| a.name == r.name).expect("a list of both");
            prop_assert_eq!(same, r);
        }
        // And a list's result is not the same stream for every name.
        prop_assert_ne!(&all[0].list_seed, &all[1].list_seed);
    }
}

/// Exact probability that entry i is pick `rank` (0-based) of the weighted
/// selection without replacement (SPEC §6.3), by enumerating every sequence.
fn rank_probabilities(weights: &[u64], rank: usize) -> Vec<f64> {
    fn walk(weights: &[u64], used: &mut Vec<usize>, p: f64, rank: usize, out: &mut [f64]) {
        let remaining: u64 = weights.iter().enumerate().filter(|(i, _)| !used.contains(i)).map(|(_, w)| w).sum();
        for i in 0..weights.len() {
            if used.contains(&i) {
                continue;
            }
            let q = p * weights[i] as f64 / remaining as f64;
            if used.len() == rank {
                out[i] += q;
            } else {
                used.push(i);
                walk(weights, used, q, rank, out);
                used.pop();
            }
        }
    }
    let mut out = vec![0.0; weights.len()];
    walk(weights, &mut Vec::new(), 1.0, rank, &mut out);
    out
}

fn chi_square(observed: &[u64], expected: &[f64]) -> f64 {
    observed.iter().zip(expected).map(|(&o, &e)| (o as f64 - e).powi(2) / e).sum()
}

/// SPEC §17.6: the companions' selection follows the weights at every
/// place, and who travels with place j is independent of who holds place
/// j. 12,000 draw seeds H("test/chi", i), fixed, so the test gives the same
/// answer on every run. For each of the three places, two tests: who the
/// companion is (5 entries: 4 degrees of freedom) and the pair (6 × 5
/// cells against the product of the exact marginals: 29). The thresholds
/// are the chi-square quantiles of probability 1 − 10^-6 (4: 33.38;
/// 29: 80.44), so a correct selection fails one of the six tests with
/// probability below 6 × 10^-6 over the choice of seeds.
#[test]
fn companions_selection_and_pairing_are_fair() {
    const DRAWS: u64 = 12_000;
    let x_weights = vec![1, 2, 3, 1, 2, 3];
    let c_weights = vec![1, 1, 2, 2, 3];
    let c = commitment_of(&[
        ("ontvangers".into(), x_weights.clone(), 3, 1),
        ("reisgenoten".into(), c_weights.clone(), 3, 1),
    ]);
    let mut at_place = vec![vec![0u64; c_weights.len()]; 3];
    let mut pairs = vec![vec![0u64; x_weights.len() * c_weights.len()]; 3];
    for i in 0..DRAWS {
        let draw_seed = hash::h("test/chi", &[&i.to_be_bytes()]);
        let r = draw_lists(&c, &draw_seed).unwrap();
        for place in 0..3 {
            let (x, y) = (r[0].result[place].index as usize, r[1].result[place].index as usize);
            assert_eq!((r[0].result[place].rank, r[1].result[place].rank), (place as u64 + 1, place as u64 + 1));
            at_place[place][y] += 1;
            pairs[place][x * c_weights.len() + y] += 1;
        }
    }
    // The expected probabilities are those of the entries in canonical order,
    // which is the order `index` counts in.
    let weights = |i: usize| c.entries(i).iter().map(|e| e.weight).collect::<Vec<_>>();
    let (x_weights, c_weights) = (weights(0), weights(1));
    for place in 0..3 {
        let pc = rank_probabilities(&c_weights, place);
        let expected: Vec<f64> = pc.iter().map(|p| p * DRAWS as f64).collect();
        let chi = chi_square(&at_place[place], &expected);
        eprintln!("companions at place {}: chi-square {chi:.2} (4 degrees of freedom)", place + 1);
        assert!(chi < 33.38, "companions at place {}: chi-square {chi:.1} with 4 degrees of freedom", place + 1);
        let px = rank_probabilities(&x_weights, place);
        let joint: Vec<f64> = px.iter().flat_map(|a| pc.iter().map(move |b| a * b * DRAWS as f64)).collect();
        let chi = chi_square(&pairs[place], &joint);
        eprintln!("pairs at place {}: chi-square {chi:.2} (29 degrees of freedom)", place + 1);
        assert!(chi < 80.44, "pairs at place {}: chi-square {chi:.1} with 29 degrees of freedom", place + 1);
    }
}

/// The chi-square test can fail: a pairing that gives place 1 of the
/// companions the entry that mirrors place 1 of the other list is refused.
#[test]
fn the_chi_square_test_sees_a_dependent_pairing() {
    let px = rank_probabilities(&[1, 1, 1], 0);
    let expected: Vec<f64> = px.iter().flat_map(|a| px.iter().map(move |b| a * b * 900.0)).collect();
    let mut observed = vec![0u64; 9];
    for x in 0..3 {
        observed[x * 3 + x] = 300; // always paired with "the same" entry
    }
    assert!(chi_square(&observed, &expected) > 80.44);
    // Exact probabilities sum to 1 at every rank.
    for rank in 0..3 {
        let s: f64 = rank_probabilities(&[1, 2, 3, 4], rank).iter().sum();
        assert!((s - 1.0).abs() < 1e-12);
    }
}

/// SPEC §19.4: a display name makes the draw version 5, every list gets
/// one (its name when none was given), tidied as typed; the draw and the
/// parse agree; names a person cannot tell apart are refused.
#[test]
fn display_names_make_version_5() {
    let mut fill = counter_fill();
    let mut lists = two_lists();
    lists[1].display = Some("  Reisgenoten \t Zuid ".into());
    let made = commit_lists(&params(), lists, &mut fill).unwrap();
    assert_eq!(made.commitment.format, crate::lists::COMMITMENT_V5);
    let shown: Vec<_> = made.commitment.lists.iter().map(|l| l.display.as_deref()).collect();
    assert_eq!(shown, [Some("ontvangers"), Some("Reisgenoten Zuid")]);
    let bytes = serde_json::to_vec(&made.commitment).unwrap();
    let c = crate::lists::parse_commitment(&bytes).unwrap();
    assert!(c.has_display_names());
    assert_eq!(c.lists[1].display.as_deref(), Some("Reisgenoten Zuid"));
    let t = crate::lists_draw::run(&c, &made.seed, &[("room".into(), "3141".into())], &[]).unwrap();
    assert_eq!(t.format, crate::lists::TRANSCRIPT_V5);
    // Without display names: version 4, with no `display` member at all.
    let v4 = commit_lists(&params(), two_lists(), &mut counter_fill()).unwrap();
    assert_eq!(v4.commitment.format, crate::lists::COMMITMENT_V4);
    assert!(!String::from_utf8(serde_json::to_vec(&v4.commitment).unwrap()).unwrap().contains("display"));

    let mut twice = two_lists();
    twice[0].display = Some("Noord".into());
    twice[1].display = Some("NOORD".into());
    let e = commit_lists(&params(), twice, &mut counter_fill()).unwrap_err();
    assert!(matches!(e, ListsError::DisplayTwice { .. }), "{e:?}");
    let mut bad = two_lists();
    bad[0].display = Some("No\u{200B}ord".into());
    let e = commit_lists(&params(), bad, &mut counter_fill()).unwrap_err();
    assert!(matches!(e, ListsError::Display { ref list, .. } if list == "ontvangers"), "{e:?}");
}
