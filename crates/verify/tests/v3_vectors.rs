//! Walks fixtures/v3/transcripts/ (SPEC §14): the v3 example verifies, and
//! each single change gets the outcome its file states. Most of them spell
//! the same published numbers another way: each must fail, so that whoever
//! types the value cannot choose among spellings (SPEC §9.8).

use potdraw_core::parse;
use potdraw_core::vector::{self, Expect};
use potdraw_verify::{verify_transcript, Check};
use std::path::PathBuf;

#[test]
fn every_v3_transcript_vector_has_its_stated_outcome() {
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let mut counts = [0usize; 3];
    let mut spellings = 0;
    for entry in std::fs::read_dir(fixtures.join("v3/transcripts")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let v = vector::parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let published = v
            .header("published-commitment")
            .map(|p| parse::commitment(&std::fs::read(fixtures.join(p)).unwrap()).unwrap());
        match (&v.expect, parse::transcript(v.body.as_bytes())) {
            (Expect::Unusable, Err(_)) => counts[2] += 1,
            (Expect::Unusable, Ok(_)) => panic!("{name}: expected unusable, but it parsed"),
            (_, Err(e)) => panic!("{name}: expected a readable transcript, got {e}"),
            (Expect::Verified, Ok(t)) => {
                assert_eq!(t.entropy[1].value, "3 14 15 22 35 41", "{name}");
                assert!(t.commitment.previous.is_some(), "{name}: the example links to its previous commitment");
                let report = verify_transcript(t, published.as_ref());
                assert!(report.is_verified(), "{name}: {:?}", report.outcome.err());
                assert_eq!(report.passed.len(), if published.is_some() { 11 } else { 10 }, "{name}");
                counts[0] += 1;
            }
            (Expect::Failed(check), Ok(t)) => {
                let want = Check::from_id(check).unwrap_or_else(|| panic!("{name}: unknown check {check}"));
                let failure = verify_transcript(t, published.as_ref())
                    .outcome
                    .err()
                    .unwrap_or_else(|| panic!("{name}: verified, expected {check} to fail"));
                assert_eq!(failure.check, want, "{name}: {failure}");
                assert_ne!(failure.expected, failure.found, "{name}");
                spellings += usize::from(name.starts_with("numbers-") && want == Check::EntropyPlan);
                counts[1] += 1;
            }
            (other, _) => panic!("{name}: {other:?} is not for transcript vectors"),
        }
    }
    assert!(counts[0] >= 2 && counts[1] >= 8 && counts[2] >= 8 && spellings >= 6, "{counts:?} {spellings}");
}

/// The v3 example's previous link is the v1 example's commitment digest.
#[test]
fn the_v3_example_links_to_the_v1_example() {
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let v1 = parse::commitment(&std::fs::read(fixtures.join("example/commitment.json")).unwrap()).unwrap();
    let v3 = parse::commitment(&std::fs::read(fixtures.join("v3/commitment.json")).unwrap()).unwrap();
    assert_eq!(v3.previous, Some(v1.digest));
    assert_eq!(v3.doc.format, "potdraw/commitment/v3");
}
