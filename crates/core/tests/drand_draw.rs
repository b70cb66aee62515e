//! The drand path through `commit` and `draw` in core alone (SPEC §13.5):
//! a plan with a drand source is written as v2 with its chain, and the draw
//! records the round, its signatures and its randomness. (The BLS check
//! itself lives in potdraw-beacon; core only carries what was verified.)

use potdraw_core::commit::{commit, commit_rfc3797, Candidate, CommitParams, PotPolicy};
use potdraw_core::draw::{run_rfc3797, run_with_beacons, BeaconRecord, DrawError};
use potdraw_core::entropy::{DrandSource, PlanEntry, SourceKind};
use potdraw_core::parse;
use potdraw_core::wire::{COMMITMENT_V2, TRANSCRIPT_V2};

fn source() -> DrandSource {
    DrandSource {
        round: 30_662_982,
        beacon_id: "quicknet".into(),
        hash: [0x52; 32],
        scheme: "bls-unchained-g1-rfc9380".into(),
        public_key: vec![0x83; 96],
        genesis_time: 1_692_803_367,
        period: 3,
        group_hash: [0xf4; 32],
    }
}

fn params(plan: Vec<PlanEntry>) -> CommitParams {
    CommitParams {
        title: "drand".into(),
        created_at: 1_700_000_000,
        pot: PotPolicy { amount_cents: 6_500_000, ..PotPolicy::default() },
        recipients: None,
        reserves: 2,
        plan,
        previous: None,
    }
}

fn candidates() -> Vec<Candidate> {
    (0..12).map(|i| Candidate { id: format!("D-{i}"), weight: 1, line: i + 2, columns: vec![] }).collect()
}

fn counter() -> impl FnMut(&mut [u8]) {
    let mut n = 0u8;
    move |b: &mut [u8]| {
        b.iter_mut().for_each(|x| {
            n = n.wrapping_add(29);
            *x = n
        })
    }
}

fn plan() -> Vec<PlanEntry> {
    vec![
        PlanEntry { label: "room".into(), kind: SourceKind::Dice { count: 4, faces: 6 } },
        PlanEntry { label: "beacon".into(), kind: SourceKind::Drand(source()) },
    ]
}

#[test]
fn a_drand_plan_is_committed_as_v2_with_its_whole_chain() {
    let c = commit(&params(plan()), candidates(), &mut counter()).unwrap();
    assert_eq!(c.commitment.format, COMMITMENT_V2);
    let entry = &c.commitment.entropy_plan[1];
    assert_eq!((entry.kind.as_str(), entry.round), ("drand", Some(30_662_982)));
    let chain = entry.chain.as_ref().expect("the chain is embedded");
    assert_eq!((chain.beacon_id.as_str(), chain.period, chain.genesis_time), ("quicknet", 3, 1_692_803_367));
    assert_eq!((chain.hash.clone(), chain.group_hash.clone()), (hex::encode([0x52; 32]), hex::encode([0xf4; 32])));
    assert_eq!(chain.public_key, hex::encode([0x83; 96]));
    assert_eq!(c.commitment.entropy_plan[0].round, None, "dice carry no round");
    // It reads back as the same source.
    let parsed = parse::commitment(&serde_json::to_vec(&c.commitment).unwrap()).unwrap();
    assert_eq!(parsed.plan, plan());
}

#[test]
fn the_draw_records_the_verified_round() {
    let c = commit(&params(plan()), candidates(), &mut counter()).unwrap();
    let commitment = parse::commitment(&serde_json::to_vec(&c.commitment).unwrap()).unwrap();
    let randomness = "ab".repeat(32);
    let given = vec![("room".to_string(), "3141".to_string()), ("beacon".to_string(), randomness.clone())];
    let record = BeaconRecord { round: 30_662_982, signature: "cd".repeat(48), previous_signature: None };
    let beacons = vec![("beacon".to_string(), record.clone())];
    let t = run_with_beacons(&commitment, &c.seed, &given, &beacons).unwrap();
    assert_eq!(t.format, TRANSCRIPT_V2);
    let e = &t.entropy[1];
    assert_eq!((e.label.as_str(), e.kind.as_str(), e.value.as_str()), ("beacon", "drand", randomness.as_str()));
    assert_eq!(
        (e.round, e.signature.clone(), e.previous_signature.clone()),
        (Some(record.round), Some(record.signature), None)
    );
    assert_eq!((t.entropy[0].round, t.entropy[0].signature.clone()), (None, None));

    // Without the verified round the draw does not happen.
    assert_eq!(
        run_with_beacons(&commitment, &c.seed, &given, &[]),
        Err(DrawError::MissingBeacon { label: "beacon".into() })
    );
    // A label the plan does not have is refused, naming the announced ones.
    let mut extra = given.clone();
    extra.push(("lotto".into(), "1 2 3".into()));
    assert_eq!(
        run_with_beacons(&commitment, &c.seed, &extra, &beacons),
        Err(DrawError::Unannounced { label: "lotto".into(), announced: "room, beacon".into() })
    );
}

#[test]
fn rfc3797_draws_take_k_plus_r_picks_and_only_their_own_commitments() {
    let numbers = vec![PlanEntry { label: "lotto".into(), kind: SourceKind::Numbers }];
    let c = commit_rfc3797(&params(numbers), candidates(), &mut counter()).unwrap();
    let commitment = parse::commitment(&serde_json::to_vec(&c.commitment).unwrap()).unwrap();
    let t = run_rfc3797(&commitment, &[("lotto".into(), "2 5 12 8 10".into())]).unwrap();
    assert_eq!(t.result.len() as u64, commitment.doc.recipients + commitment.doc.reserves);
    assert_eq!(t.result.len(), 7, "5 recipients from the pot and 2 reserves");

    let v1 = commit(&params(plan()), candidates(), &mut counter()).unwrap();
    let v1 = parse::commitment(&serde_json::to_vec(&v1.commitment).unwrap()).unwrap();
    assert!(matches!(run_rfc3797(&v1, &[]), Err(DrawError::WrongMethod { .. })));
}
