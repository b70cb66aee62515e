//! Walks fixtures/v1/transcripts/: every file states its expected outcome
//! (`verified`, `failed CHECK`, `unusable`) and this test holds the verifier
//! to it. Also: the bundled example verifies, alone and against its
//! published commitment.

use potdraw_core::parse;
use potdraw_core::vector::{self, Expect};
use potdraw_verify::{verify_transcript, Check};
use std::path::PathBuf;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

#[test]
fn every_transcript_vector_has_its_stated_outcome() {
    let dir = fixtures().join("v1/transcripts");
    let mut counts = [0usize; 3];
    let mut failed_checks = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let v = vector::parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(v.header("kind"), Some("transcript"), "{name}");
        let published = v.header("published-commitment").map(|p| {
            parse::commitment(&std::fs::read(fixtures().join(p)).unwrap())
                .unwrap_or_else(|e| panic!("{name}: {p}: {e}"))
        });
        let parsed = parse::transcript(v.body.as_bytes());
        match (&v.expect, parsed) {
            (Expect::Unusable, Err(_)) => counts[2] += 1,
            (Expect::Unusable, Ok(_)) => panic!("{name}: expected unusable, but it parsed"),
            (_, Err(e)) => panic!("{name}: expected a readable transcript, got {e}"),
            (Expect::Verified, Ok(t)) => {
                let report = verify_transcript(t, published.as_ref());
                assert!(report.is_verified(), "{name}: {:?}", report.outcome.err());
                assert_eq!(report.passed.len(), if published.is_some() { 10 } else { 9 }, "{name}");
                counts[0] += 1;
            }
            (Expect::Failed(check), Ok(t)) => {
                let want = Check::from_id(check).unwrap_or_else(|| panic!("{name}: unknown check {check}"));
                let report = verify_transcript(t, published.as_ref());
                let failure =
                    report.outcome.err().unwrap_or_else(|| panic!("{name}: verified, expected {check} to fail"));
                assert_eq!(failure.check, want, "{name}: {failure}");
                assert_ne!(failure.expected, failure.found, "{name}: a failure must show a difference");
                failed_checks.insert(check.clone());
                counts[1] += 1;
            }
            (Expect::Match | Expect::Rejected(_), _) => panic!("{name}: {:?} is not for transcript vectors", v.expect),
        }
    }
    assert!(counts[0] >= 2 && counts[1] >= 20 && counts[2] >= 5, "too few vectors: {counts:?}");
    for c in [
        "published-commitment",
        "commitment-digest",
        "canonical-order",
        "counts",
        "pot",
        "seed-commitment",
        "entropy-plan",
        "draw-replay",
        "result",
    ] {
        assert!(failed_checks.contains(c), "no vector makes check {c} fail");
    }
}

#[test]
fn bundled_example_verifies_and_matches_its_commitment() {
    let t = parse::transcript(&std::fs::read(fixtures().join("example/transcript.json")).unwrap()).unwrap();
    let c = parse::commitment(&std::fs::read(fixtures().join("example/commitment.json")).unwrap()).unwrap();
    let report = verify_transcript(t, Some(&c));
    let verified = report.outcome.expect("the bundled example verifies");
    // Every candidate with a receipt is in the draw with the receipt's weight.
    let receipts = std::fs::read_to_string(fixtures().join("example/receipts.jsonl")).unwrap();
    let mut drawn = 0;
    for line in receipts.lines() {
        let r = parse::receipt(line.as_bytes()).unwrap();
        assert_eq!(r.commitment_digest, c.digest);
        match verified.ticket(&r.leaf) {
            potdraw_verify::Ticket::InDraw { weight, outcome } => {
                assert_eq!(weight, r.doc.weight);
                if outcome != potdraw_verify::Outcome::NotDrawn {
                    drawn += 1;
                }
            }
            potdraw_verify::Ticket::NotInDraw => panic!("receipt {} not in the draw", r.doc.id),
        }
    }
    assert_eq!(drawn, 8, "5 recipients + 3 reserves among the receipts");
}
