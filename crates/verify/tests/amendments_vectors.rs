//! Walks fixtures/amendments/ (SPEC §15.7): every record has the outcome its
//! file states: verified with the stated final list, failing exactly the
//! named check of §15.4, or unusable.

use potdraw_core::vector::{self, Expect};
use potdraw_core::{amend, parse};
use potdraw_verify::amend::{verify_amendments, AmendCheck};
use potdraw_verify::verify_transcript;
use std::path::{Path, PathBuf};

fn body_of(fixtures: &Path, path: &str) -> Vec<u8> {
    let bytes = std::fs::read(fixtures.join(path)).unwrap();
    if path.ends_with(".txt") {
        vector::parse(std::str::from_utf8(&bytes).unwrap()).unwrap().body.into_bytes()
    } else {
        bytes
    }
}

#[test]
fn every_amendments_vector_has_its_stated_outcome() {
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let mut counts = [0usize; 3];
    let mut checks = std::collections::HashSet::new();
    for entry in std::fs::read_dir(fixtures.join("amendments")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension() != Some(std::ffi::OsStr::new("txt")) {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let v = vector::parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(v.header("kind"), Some("amendments"), "{name}");
        let t = parse::transcript(&body_of(&fixtures, v.header("transcript").unwrap())).unwrap();
        let draw = verify_transcript(t, None).outcome.unwrap_or_else(|f| panic!("{name}: transcript {f}"));
        let earlier = v.header("earlier").map(|e| amend::parse(&body_of(&fixtures, e)).unwrap());
        match (&v.expect, amend::parse(v.body.as_bytes())) {
            (Expect::Unusable, Err(_)) => counts[2] += 1,
            (Expect::Unusable, Ok(_)) => panic!("{name}: expected unusable, but it parsed"),
            (_, Err(e)) => panic!("{name}: expected a readable record, got {e}"),
            (Expect::Verified, Ok(record)) => {
                let report = verify_amendments(&draw, record, earlier.as_ref());
                let a = report.outcome.unwrap_or_else(|f| panic!("{name}: {f}"));
                let got: Vec<String> =
                    a.get().places.iter().map(|p| p.index.map_or("-".into(), |i| i.to_string())).collect();
                assert_eq!(got.join(" "), v.header("final").unwrap(), "{name}");
                assert_eq!(report.passed.len(), if earlier.is_some() { 5 } else { 4 }, "{name}");
                counts[0] += 1;
            }
            (Expect::Failed(check), Ok(record)) => {
                let want = AmendCheck::ALL.into_iter().find(|c| c.id() == check).expect("a check of §15.4");
                let failure = verify_amendments(&draw, record, earlier.as_ref())
                    .outcome
                    .err()
                    .unwrap_or_else(|| panic!("{name}: verified, expected {check} to fail"));
                assert_eq!(failure.check, want, "{name}: {failure}");
                assert_ne!(failure.expected, failure.found, "{name}");
                checks.insert(want);
                counts[1] += 1;
            }
            (other, _) => panic!("{name}: {other:?} is not for amendments vectors"),
        }
    }
    assert!(counts[0] >= 8 && counts[1] >= 10 && counts[2] >= 8, "{counts:?}");
    assert_eq!(checks.len(), AmendCheck::ALL.len(), "every check of §15.4 has a failing vector: {checks:?}");
}

/// SPEC §15.1: the people the continuation draws are the picks after the
/// transcript's k + r in a draw of k + r + m picks from the same draw seed.
#[test]
fn continued_reserves_are_the_next_picks_of_the_same_draw() {
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let t = parse::transcript(&std::fs::read(fixtures.join("example/transcript.json")).unwrap()).unwrap();
    let potdraw_core::model::Replay::PotdrawV1 { draw_seed, .. } = t.replay else { panic!("a v1 transcript") };
    let evening: Vec<usize> = t.result.iter().map(|r| r.index as usize).collect();
    let draw = verify_transcript(t.clone(), None).outcome.unwrap();
    let v = vector::parse(&std::fs::read_to_string(fixtures.join("amendments/valid-reserves-exhausted.txt")).unwrap())
        .unwrap();
    let a = verify_amendments(&draw, amend::parse(v.body.as_bytes()).unwrap(), None).outcome.unwrap();
    let longer = potdraw_core::draw::picks(t.commitment.entries(), 10, &draw_seed).unwrap();
    assert_eq!(&longer[..8], &evening[..], "the transcript's picks are the start of the longer draw");
    assert_eq!(a.get().picks, longer, "reserves 4 and 5 are picks 9 and 10");
    assert_eq!(a.get().places[3].index, Some(longer[8]));
    assert_eq!(a.get().places[0].index, Some(longer[9]));
}
