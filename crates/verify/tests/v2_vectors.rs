//! Walks fixtures/v2/transcripts/ (SPEC §13.6): the v2 example with a real
//! quicknet round verifies, and each single change gets the outcome its file
//! states, the `beacon` check included.

use potdraw_core::parse;
use potdraw_core::vector::{self, Expect};
use potdraw_verify::{verify_transcript, Check};
use std::path::PathBuf;

#[test]
fn every_v2_transcript_vector_has_its_stated_outcome() {
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let mut counts = [0usize; 3];
    let mut beacon_failures = 0;
    for entry in std::fs::read_dir(fixtures.join("v2/transcripts")).unwrap() {
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
                let report = verify_transcript(t, published.as_ref());
                assert!(report.is_verified(), "{name}: {:?}", report.outcome.err());
                assert!(
                    report.passed.iter().any(|p| p.check == Check::Beacon && p.detail.to_string().contains("30662982")),
                    "{name}"
                );
                counts[0] += 1;
            }
            (Expect::Failed(check), Ok(t)) => {
                let want = Check::from_id(check).unwrap_or_else(|| panic!("{name}: unknown check {check}"));
                let failure = verify_transcript(t, published.as_ref())
                    .outcome
                    .err()
                    .unwrap_or_else(|| panic!("{name}: verified"));
                assert_eq!(failure.check, want, "{name}: {failure}");
                beacon_failures += usize::from(want == Check::Beacon);
                counts[1] += 1;
            }
            (other, _) => panic!("{name}: {other:?} is not for transcript vectors"),
        }
    }
    assert!(counts[0] >= 2 && counts[1] >= 8 && counts[2] >= 3 && beacon_failures >= 6, "{counts:?}");
}
