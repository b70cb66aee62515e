//! Property tests (SPEC §8): any valid draw verifies, and any single-field
//! change to a valid transcript — each field, each entry, each result line,
//! each byte of each hash — makes verification fail at the check that owns
//! that field.

use potdraw_core::commit::{commit, Candidate, CommitParams, PotPolicy};
use potdraw_core::entropy::{PlanEntry, SourceKind};
use potdraw_core::model::{Commitment, Transcript};
use potdraw_core::wire::TranscriptDoc;
use potdraw_verify::{verify_transcript, Check};
use proptest::prelude::*;
use rand_chacha::ChaCha20Rng;
use rand_core::{RngCore, SeedableRng};

/// A random but valid draw: n candidates with weights 1..=5, k in 5..=9, r in 0..=3.
fn make_draw(seed: [u8; 32], n: usize, k: u64, r: u64, dice: &str) -> TranscriptDoc {
    let mut rng = ChaCha20Rng::from_seed(seed);
    let candidates: Vec<Candidate> = (0..n)
        .map(|i| Candidate {
            id: format!("C-{i:04}"),
            weight: 1 + rng.next_u64() % 5,
            line: i as u64 + 2,
            columns: vec![],
        })
        .collect();
    let params = CommitParams {
        title: "property".into(),
        created_at: 1_800_000_000,
        pot: PotPolicy { amount_cents: k * 1_200_000 + rng.next_u64() % 1_000_000, ..PotPolicy::default() },
        recipients: Some(k),
        reserves: r,
        plan: vec![
            PlanEntry { label: "room".into(), kind: SourceKind::Dice { count: dice.len() as u64, faces: 6 } },
            PlanEntry { label: "lotto".into(), kind: SourceKind::Text },
        ],
        previous: None,
    };
    let committed = commit(&params, candidates, &mut |b| rng.fill_bytes(b)).unwrap();
    let c = Commitment::try_from(committed.commitment).unwrap();
    let given = vec![("room".to_string(), dice.to_string()), ("lotto".to_string(), "1 2 3 4 5 6".to_string())];
    potdraw_core::draw::run(&c, &committed.seed, &given).unwrap()
}

fn verify(doc: &TranscriptDoc) -> Result<(), Check> {
    let t = Transcript::try_from(doc.clone()).expect("mutations keep the document well-formed");
    verify_transcript(t, None).outcome.map(|_| ()).map_err(|f| f.check)
}

/// Changes the hex digit at `pos` of `s` to a different hex digit.
fn flip_hex(s: &mut String, pos: usize) {
    let pos = pos % s.len();
    let c = s.as_bytes()[pos];
    let new = if c == b'0' { '1' } else { '0' };
    s.replace_range(pos..pos + 1, &new.to_string());
}

/// Every kind of single-field change, with the check that must catch it.
#[derive(Debug, Clone)]
enum Mutation {
    Title,
    CreatedAt,
    PotAmount,
    PotSurplus,
    Recipients,
    Reserves,
    SeedCommitmentByte(usize),
    PlanDice,
    EntryLeafByte(usize, usize),
    EntryWeight(usize),
    Count,
    TotalWeight,
    DigestByte(usize),
    SeedByte(usize),
    EntropyDie(usize),
    EntropyText,
    EntropyLabel(usize),
    EntropyKind(usize),
    EntropyDigestByte(usize),
    DrawSeedByte(usize),
    ResultIndex(usize),
    ResultLeafByte(usize, usize),
    ResultWeight(usize),
    ResultRank(usize),
    ResultPosition(usize),
    ResultRole(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    use Mutation::*;
    let i = || 0usize..1000;
    let b = || 0usize..64;
    prop_oneof![
        Just(Title),
        Just(CreatedAt),
        Just(PotAmount),
        Just(PotSurplus),
        Just(Recipients),
        Just(Reserves),
        b().prop_map(SeedCommitmentByte),
        Just(PlanDice),
        (i(), b()).prop_map(|(x, y)| EntryLeafByte(x, y)),
        i().prop_map(EntryWeight),
        Just(Count),
        Just(TotalWeight),
        b().prop_map(DigestByte),
        b().prop_map(SeedByte),
        i().prop_map(EntropyDie),
        Just(EntropyText),
        i().prop_map(EntropyLabel),
        i().prop_map(EntropyKind),
        b().prop_map(EntropyDigestByte),
        b().prop_map(DrawSeedByte),
        i().prop_map(ResultIndex),
        (i(), b()).prop_map(|(x, y)| ResultLeafByte(x, y)),
        i().prop_map(ResultWeight),
        i().prop_map(ResultRank),
        i().prop_map(ResultPosition),
        i().prop_map(ResultRole),
    ]
}

/// Applies the mutation; returns the check that must fail.
fn apply(t: &mut TranscriptDoc, m: &Mutation) -> Check {
    use Mutation::*;
    let picks = t.result.len();
    let c = t.commitment_mut();
    let n = c.candidates.entries.len();
    match *m {
        Title => c.title.push('x'),
        CreatedAt => c.created_at = "2030-01-01T00:00:00Z".into(),
        PotAmount => c.pot.amount_cents += 1,
        PotSurplus => c.pot.surplus_cents += 1,
        Recipients => c.recipients += 1,
        Reserves => c.reserves += 1,
        SeedCommitmentByte(p) => flip_hex(c.seed_commitment.get_or_insert_with(String::new), p),
        PlanDice => c.entropy_plan[0].dice = c.entropy_plan[0].dice.map(|d| d + 1),
        EntryLeafByte(i, p) => c.candidates.entries.edit(|e| {
            let leaf = &mut e[i % n].leaf;
            let mut text = leaf.to_string();
            flip_hex(&mut text, p);
            *leaf = text.as_str().into();
        }),
        EntryWeight(i) => c.candidates.entries.edit(|e| e[i % n].weight += 1),
        Count => c.candidates.count += 1,
        TotalWeight => c.candidates.total_weight = (c.candidates.total_weight.parse::<u64>().unwrap() + 1).to_string(),
        DigestByte(p) => flip_hex(&mut c.digest, p),
        SeedByte(p) => {
            flip_hex(t.seed.get_or_insert_with(String::new), p);
            return Check::SeedCommitment;
        }
        EntropyDie(i) => {
            let v = &mut t.entropy[0].value;
            let p = i % v.len();
            let d = if &v[p..p + 1] == "1" { "2" } else { "1" };
            v.replace_range(p..p + 1, d);
            return Check::DrawReplay;
        }
        EntropyText => {
            t.entropy[1].value.push('7');
            return Check::DrawReplay;
        }
        EntropyLabel(i) => {
            t.entropy[i % 2].label.push('x');
            return Check::EntropyPlan;
        }
        EntropyKind(i) => {
            t.entropy[i % 2].kind = if i % 2 == 0 { "text".into() } else { "dice".into() };
            return Check::EntropyPlan;
        }
        EntropyDigestByte(p) => {
            flip_hex(t.entropy_digest.get_or_insert_with(String::new), p);
            return Check::DrawReplay;
        }
        DrawSeedByte(p) => {
            flip_hex(t.draw_seed.get_or_insert_with(String::new), p);
            return Check::DrawReplay;
        }
        ResultIndex(i) => {
            let r = &mut t.result[i % picks];
            r.index = (r.index + 1 + (i as u64 % (n as u64 - 1))) % n as u64;
            return Check::DrawReplay;
        }
        ResultLeafByte(i, p) => {
            flip_hex(&mut t.result[i % picks].leaf, p);
            return Check::Result;
        }
        ResultWeight(i) => {
            t.result[i % picks].weight += 1;
            return Check::Result;
        }
        ResultRank(i) => {
            t.result[i % picks].rank += 1;
            return Check::Result;
        }
        ResultPosition(i) => {
            t.result[i % picks].position += 1;
            return Check::Result;
        }
        ResultRole(i) => {
            let r = &mut t.result[i % picks];
            r.role = if r.role == "recipient" { "reserve".into() } else { "recipient".into() };
            return Check::Result;
        }
    }
    // Every change to the commitment is caught by its digest.
    Check::CommitmentDigest
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_valid_draw_verifies(seed in any::<[u8; 32]>(), n in 12usize..80, k in 5u64..=9, r in 0u64..=3, dice in "[1-6]{4,12}") {
        let t = make_draw(seed, n, k, r, &dice);
        prop_assert_eq!(verify(&t), Ok(()));
        prop_assert_eq!(t.result.len() as u64, k + r);
    }

    #[test]
    fn any_single_change_fails_the_right_check(seed in any::<[u8; 32]>(), n in 12usize..60, m in mutation()) {
        let mut t = make_draw(seed, n, 5, 3, "31415626");
        let want = apply(&mut t, &m);
        prop_assert_eq!(verify(&t), Err(want), "mutation {:?}", m);
    }
}
