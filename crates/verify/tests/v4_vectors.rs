//! Walks fixtures/v4/transcripts/ (SPEC §17.12): the draws with two and
//! three lists verify, and each single change gets the outcome its file
//! states; every check of §17.7 that can fail has a vector. Also: a v4
//! list's receipts find their tickets only in their own list (SPEC §17.9).

use potdraw_core::code;
use potdraw_core::lists::{parse_commitment, parse_transcript};
use potdraw_core::model::Receipt;
use potdraw_core::parse::ParseError;
use potdraw_core::vector::{self, Expect};
use potdraw_verify::{verify_lists_commitment, verify_lists_transcript, Check, ListTicket, Outcome, What};
use std::collections::HashSet;
use std::path::PathBuf;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

#[test]
fn every_v4_transcript_vector_has_its_stated_outcome() {
    let fixtures = fixtures();
    let mut counts = [0usize; 3];
    let mut failed_checks = HashSet::new();
    for entry in std::fs::read_dir(fixtures.join("v4/transcripts")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let v = vector::parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let published = v
            .header("published-commitment")
            .map(|p| parse_commitment(&std::fs::read(fixtures.join(p)).unwrap()).unwrap());
        match (&v.expect, parse_transcript(v.body.as_bytes())) {
            (Expect::Unusable, Err(ParseError::Json { .. } | ParseError::Field(_))) => counts[2] += 1,
            (Expect::Unusable, Ok(_)) => panic!("{name}: expected unusable, but it parsed"),
            (_, Err(e)) => panic!("{name}: expected a readable transcript, got {e}"),
            (Expect::Verified, Ok(t)) => {
                let lists = t.lists.len();
                let report = verify_lists_transcript(t, published.as_ref());
                assert!(report.is_verified(), "{name}: {:?}", report.outcome.err());
                let ids: Vec<&str> = report.passed.iter().map(|p| p.check.id()).collect();
                let mut want = vec!["format", "commitment-digest", "canonical-order", "counts", "pot", "companions"];
                want.extend(["seed-commitment", "entropy-plan", "beacon", "draw-replay", "result"]);
                if published.is_some() {
                    want.insert(1, "published-commitment");
                }
                assert_eq!(ids, want, "{name}");
                assert!(lists >= 2);
                counts[0] += 1;
            }
            (Expect::Failed(check), Ok(t)) => {
                let want = Check::from_id(check).unwrap_or_else(|| panic!("{name}: unknown check {check}"));
                let failure = verify_lists_transcript(t, published.as_ref())
                    .outcome
                    .err()
                    .unwrap_or_else(|| panic!("{name}: verified, expected {check} to fail"));
                assert_eq!(failure.check, want, "{name}: {failure}");
                assert_ne!(failure.expected, failure.found, "{name}");
                failed_checks.insert(want);
                counts[1] += 1;
            }
            (other, _) => panic!("{name}: {other:?} is not for transcript vectors"),
        }
    }
    assert!(counts[0] >= 4 && counts[1] >= 20 && counts[2] >= 12, "{counts:?}");
    let every = [
        Check::PublishedCommitment,
        Check::CommitmentDigest,
        Check::CanonicalOrder,
        Check::Counts,
        Check::Pot,
        Check::Companions,
        Check::SeedCommitment,
        Check::EntropyPlan,
        Check::DrawReplay,
        Check::Result,
    ];
    for c in every {
        assert!(failed_checks.contains(&c), "no vector fails {}", c.id());
    }
}

/// A failure in a list names the list, by number and name (SPEC §17.7).
#[test]
fn a_failure_names_its_list() {
    let v = vector::parse(
        &std::fs::read_to_string(fixtures().join("v4/transcripts/two-lists-companions-fewer.txt")).unwrap(),
    )
    .unwrap();
    let f = verify_lists_transcript(parse_transcript(v.body.as_bytes()).unwrap(), None).outcome.unwrap_err();
    match &f.what {
        What::InList { number: 2, name, .. } => assert_eq!(name, "reisgenoten"),
        other => panic!("{other:?}"),
    }
    assert_eq!((f.expected.as_str(), f.found.as_str()), ("5", "4"));
}

/// The published commitments verify alone (SPEC §8.3 for v4).
#[test]
fn the_commitments_verify_alone() {
    for folder in ["two-lists", "three-lists"] {
        let c =
            parse_commitment(&std::fs::read(fixtures().join(format!("v4/{folder}/commitment.json"))).unwrap()).unwrap();
        let report = verify_lists_commitment(c);
        assert!(report.is_verified(), "{folder}: {:?}", report.outcome.err());
        assert_eq!(report.passed.len(), 6);
    }
}

/// SPEC §17.9: every receipt finds its ticket in its own list, by receipt
/// and by id and code; a companion learns the place they travel with; the
/// ticket is in no other list.
#[test]
fn receipts_work_only_for_their_own_list() {
    for folder in ["two-lists", "three-lists"] {
        let dir = fixtures().join(format!("v4/{folder}"));
        let t = parse_transcript(&std::fs::read(dir.join("transcript.json")).unwrap()).unwrap();
        let draw = verify_lists_transcript(t, None).outcome.unwrap();
        let text = std::fs::read_to_string(dir.join("receipts.jsonl")).unwrap();
        let (mut companions, mut seen) = (0, 0);
        for line in text.lines() {
            let r = Receipt::try_from(serde_json::from_str::<potdraw_core::wire::ReceiptDoc>(line).unwrap()).unwrap();
            let list = r.doc.list.clone().expect("a v2 receipt names its list");
            let by_receipt = draw.ticket_of_receipt(&list, &r.leaf).expect("a list of the draw");
            let salt = code::parse_for_draw(&r.doc.code, &r.commitment_digest).unwrap();
            assert_eq!(draw.ticket_of_id(&r.doc.id, &salt), by_receipt);
            let ListTicket::InDraw { list: found, outcome, companion_of, .. } = by_receipt else {
                panic!("{folder}: {} not in the draw", r.doc.id)
            };
            assert_eq!(found.as_deref(), Some(list.as_str()));
            if let Some((of, place)) = companion_of {
                assert!(matches!(outcome, Outcome::Recipient(rank) if rank == place));
                assert_ne!(of, list);
                companions += 1;
            }
            for other in draw.get().transcript.commitment.lists.iter().filter(|l| l.name != list) {
                assert_eq!(draw.ticket_of_receipt(&other.name, &r.leaf), Some(ListTicket::NotInDraw));
            }
            seen += 1;
        }
        assert!(seen >= 28 && companions >= 3, "{folder}: {seen} receipts, {companions} companions");
        assert_eq!(draw.ticket_of_receipt("nobody", &[0; 32]), None);
    }
}
