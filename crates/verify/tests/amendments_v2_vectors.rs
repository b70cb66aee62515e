//! Walks fixtures/amendments-v2/ (SPEC §15.8): every record has the outcome
//! its file states, through this crate: verified with the stated final list
//! (per list for a v4 transcript, ` | ` between lists), failing exactly the
//! named check of §15.4, or unusable. The CLI runs the same files through
//! `potdraw verify --amendments --json` (crates/cli/tests/amend_v2.rs).

use potdraw_core::vector::{self, Expect};
use potdraw_core::{amend, lists, parse};
use potdraw_verify::amend::{verify_amendments, AmendCheck, AmendFailure, FinalPlace};
use potdraw_verify::amend_lists::verify_lists_amendments;
use std::path::{Path, PathBuf};

fn body_of(fixtures: &Path, path: &str) -> Vec<u8> {
    let bytes = std::fs::read(fixtures.join(path)).unwrap();
    if path.ends_with(".txt") {
        vector::parse(std::str::from_utf8(&bytes).unwrap()).unwrap().body.into_bytes()
    } else {
        bytes
    }
}

fn indices(places: &[FinalPlace]) -> String {
    places.iter().map(|p| p.index.map_or("-".into(), |i| i.to_string())).collect::<Vec<String>>().join(" ")
}

/// What this crate says of a vector: the outcome and the final lists.
fn verdict(fixtures: &Path, v: &vector::Vector) -> (Expect, Option<String>, Option<AmendFailure>) {
    let t = body_of(fixtures, v.header("transcript").unwrap());
    let earlier = v.header("earlier").map(|e| amend::parse(&body_of(fixtures, e)).unwrap());
    let Ok(record) = amend::parse(v.body.as_bytes()) else { return (Expect::Unusable, None, None) };
    if lists::is_v4(&t) {
        let draw = potdraw_verify::verify_lists_transcript(lists::parse_transcript(&t).unwrap(), None).outcome.unwrap();
        let Ok(report) = verify_lists_amendments(&draw, record, earlier.as_ref()) else {
            return (Expect::Unusable, None, None);
        };
        return match report.outcome {
            Ok(a) => {
                let each: Vec<String> = a.get().lists.iter().map(|l| indices(&l.places)).collect();
                (Expect::Verified, Some(each.join(" | ")), None)
            }
            Err(f) => (Expect::Failed(f.check.id().into()), None, Some(f)),
        };
    }
    let draw = potdraw_verify::verify_transcript(parse::transcript(&t).unwrap(), None).outcome.unwrap();
    match verify_amendments(&draw, record, earlier.as_ref()).outcome {
        Ok(a) => (Expect::Verified, Some(indices(&a.get().places)), None),
        Err(f) => (Expect::Failed(f.check.id().into()), None, Some(f)),
    }
}

#[test]
fn every_v2_amendments_vector_has_its_stated_outcome() {
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let mut counts = [0usize; 3];
    let mut v4 = 0;
    for entry in std::fs::read_dir(fixtures.join("amendments-v2")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension() != Some(std::ffi::OsStr::new("txt")) {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let v = vector::parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(v.header("kind"), Some("amendments"), "{name}");
        if v.header("transcript").unwrap().starts_with("v4/") {
            v4 += 1;
        }
        let (got, fin, failure) = verdict(&fixtures, &v);
        assert_eq!(got, v.expect, "{name}: {failure:?}");
        match &v.expect {
            Expect::Verified => {
                assert_eq!(fin.as_deref(), v.header("final"), "{name}");
                counts[0] += 1;
            }
            Expect::Failed(check) => {
                assert!(AmendCheck::ALL.iter().any(|c| c.id() == check), "{name}: {check} is a check of §15.4");
                let f = failure.unwrap();
                assert_ne!(f.expected, f.found, "{name}");
                assert!(f.event.is_some() || check == "amendments-transcript", "{name}: the failing event is named");
                counts[1] += 1;
            }
            Expect::Unusable => counts[2] += 1,
            other => panic!("{name}: {other:?} is not for amendments vectors"),
        }
    }
    assert!(counts[0] >= 7 && counts[1] >= 8 && counts[2] >= 4 && v4 >= 10, "{counts:?}, {v4} for v4");
}

/// SPEC §15.8: a v2 record with the events of a v1 record gives the same
/// final list and differs only in `format` (and so in its digest).
#[test]
fn a_v1_record_relabelled_v2_verifies_alike() {
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let t = parse::transcript(&std::fs::read(fixtures.join("example/transcript.json")).unwrap()).unwrap();
    let draw = potdraw_verify::verify_transcript(t, None).outcome.unwrap();
    let body = body_of(&fixtures, "amendments/valid-later-version.txt");
    let v1 = amend::parse(&body).unwrap();
    let v2 = amend::parse(v1.doc.clone().into_v2().to_pretty().as_bytes()).unwrap();
    let a1 = verify_amendments(&draw, v1.clone(), None).outcome.unwrap();
    let a2 = verify_amendments(&draw, v2.clone(), Some(&v1)).outcome.unwrap();
    assert_eq!(a1.get().places, a2.get().places);
    assert_ne!(a1.get().digest, a2.get().digest);
    assert_eq!((a1.get().undone, a2.get().undone), (0, 0));
    // And the other way round: the v2 version is an earlier version of nothing shorter.
    assert!(verify_amendments(&draw, v1, Some(&v2)).outcome.is_ok());
}
