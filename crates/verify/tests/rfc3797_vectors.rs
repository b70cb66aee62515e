//! Walks fixtures/rfc3797/transcripts/ (SPEC §12.7): every file states its
//! expected outcome and this test holds the verifier to it. Also: the RFC
//! 3797 example verifies against its published commitment, with no
//! seed-commitment check, and each receipt finds its ticket.

use potdraw_core::model::Method;
use potdraw_core::parse;
use potdraw_core::vector::{self, Expect};
use potdraw_verify::{verify_transcript, Check, Ticket};
use std::path::PathBuf;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

/// fixtures/rfc3797/transcripts/ (rfc3797-v1) and fixtures/rfc3797/v2/transcripts/ (SPEC §12.9).
fn vector_files() -> Vec<std::fs::DirEntry> {
    let dirs = [fixtures().join("rfc3797/transcripts"), fixtures().join("rfc3797/v2/transcripts")];
    dirs.iter().flat_map(|d| std::fs::read_dir(d).unwrap().map(Result::unwrap)).collect()
}

#[test]
fn every_rfc3797_vector_has_its_stated_outcome() {
    let mut counts = [0usize; 3];
    let mut failed_checks = std::collections::BTreeSet::new();
    let mut v2_spellings = 0;
    for entry in vector_files() {
        let path = entry.path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let v = vector::parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(v.header("kind"), Some("transcript"), "{name}");
        let v2 = path.parent().unwrap().ends_with("v2/transcripts");
        let published = v.header("published-commitment").map(|p| {
            let c = parse::commitment(&std::fs::read(fixtures().join(p)).unwrap())
                .unwrap_or_else(|e| panic!("{name}: {p}: {e}"));
            assert_eq!(c.method, Method::Rfc3797, "{name}");
            c
        });
        match (&v.expect, parse::transcript(v.body.as_bytes())) {
            (Expect::Unusable, Err(_)) => counts[2] += 1,
            (Expect::Unusable, Ok(_)) => panic!("{name}: expected unusable, but it parsed"),
            (_, Err(e)) => panic!("{name}: expected a readable transcript, got {e}"),
            (Expect::Verified, Ok(t)) => {
                assert_eq!(t.commitment.method, Method::Rfc3797, "{name}");
                let report = verify_transcript(t, published.as_ref());
                assert!(report.is_verified(), "{name}: {:?}", report.outcome.err());
                // Every check of SPEC §8.2 but seed-commitment, which is reported as not applicable.
                assert_eq!(report.passed.len(), if published.is_some() { 9 } else { 8 }, "{name}");
                assert!(report.passed.iter().all(|p| p.check != Check::SeedCommitment), "{name}");
                assert_eq!(report.skipped.len(), 1, "{name}");
                assert_eq!(report.skipped[0].check, Check::SeedCommitment, "{name}");
                counts[0] += 1;
            }
            (Expect::Failed(check), Ok(t)) => {
                let want = Check::from_id(check).unwrap_or_else(|| panic!("{name}: unknown check {check}"));
                let report = verify_transcript(t, published.as_ref());
                let failure = report.outcome.err().unwrap_or_else(|| panic!("{name}: expected {check} to fail"));
                assert_eq!(failure.check, want, "{name}: {failure}");
                v2_spellings += usize::from(v2 && name.starts_with("numbers-") && want == Check::EntropyPlan);
                failed_checks.insert(check.clone());
                counts[1] += 1;
            }
            (Expect::Match | Expect::Rejected(_), _) => panic!("{name}: {:?} is not for transcript vectors", v.expect),
        }
    }
    assert!(counts[0] >= 4 && counts[1] >= 19 && counts[2] >= 7, "{counts:?}");
    // SPEC §12.9: an added number, a leading zero and another order each fail.
    assert!(v2_spellings >= 3, "{v2_spellings}");
    for check in [
        "published-commitment",
        "commitment-digest",
        "canonical-order",
        "counts",
        "pot",
        "entropy-plan",
        "draw-replay",
        "result",
    ] {
        assert!(failed_checks.contains(check), "no vector fails {check}");
    }
    assert!(!failed_checks.contains("seed-commitment"));
}

#[test]
fn rfc3797_example_receipts_find_their_tickets() {
    let dir = fixtures().join("rfc3797/example");
    let t = parse::transcript(&std::fs::read(dir.join("transcript.json")).unwrap()).unwrap();
    let c = parse::commitment(&std::fs::read(dir.join("commitment.json")).unwrap()).unwrap();
    assert!(c.seed_commitment.is_none());
    let verified = verify_transcript(t, Some(&c)).outcome.unwrap();
    let receipts = std::fs::read_to_string(dir.join("receipts.jsonl")).unwrap();
    let mut drawn = 0;
    for line in receipts.lines() {
        let r = parse::receipt(line.as_bytes()).unwrap();
        assert_eq!(r.commitment_digest, c.digest);
        match verified.ticket(&r.leaf) {
            Ticket::NotInDraw => panic!("{}: not in the draw", r.doc.id),
            Ticket::InDraw { weight, outcome } => {
                assert_eq!(weight, 1);
                if outcome != potdraw_verify::Outcome::NotDrawn {
                    drawn += 1;
                }
            }
        }
    }
    assert_eq!(drawn, 8);
}
