//! Walks fixtures/v5/transcripts/ (SPEC §19.5): the draw with display names
//! verifies with §17.7's checks; a display name changed or swapped after
//! publication fails `commitment-digest`; every display name §19.2 refuses,
//! and every mismatch of v4 and v5, is unusable and named as such. Also: the
//! one model of a draw shows each list by its display name (SPEC §19.3).

use potdraw_core::lists::{parse_commitment, parse_transcript};
use potdraw_core::parse::ParseError;
use potdraw_core::vector::{self, Expect};
use potdraw_verify::{verify_lists_commitment, verify_lists_transcript, Check, Drawn};
use std::path::PathBuf;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

#[test]
fn every_v5_transcript_vector_has_its_stated_outcome() {
    let mut counts = [0usize; 3];
    for entry in std::fs::read_dir(fixtures().join("v5/transcripts")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let v = vector::parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let published = v
            .header("published-commitment")
            .map(|p| parse_commitment(&std::fs::read(fixtures().join(p)).unwrap()).unwrap());
        match (&v.expect, parse_transcript(v.body.as_bytes())) {
            (Expect::Unusable, Err(ParseError::Field(f))) => {
                // The refusal names the member at fault: a display name or a format.
                assert!(f.field.ends_with(".display") || f.field.ends_with("format"), "{name}: {f}");
                counts[2] += 1;
            }
            // `null` is refused by the JSON layer itself, at its line.
            (Expect::Unusable, Err(ParseError::Json { message, .. })) if message.contains("null") => counts[2] += 1,
            (Expect::Unusable, other) => panic!("{name}: expected a field refused, got {other:?}"),
            (_, Err(e)) => panic!("{name}: expected a readable transcript, got {e}"),
            (Expect::Verified, Ok(t)) => {
                assert!(t.commitment.has_display_names(), "{name}");
                let report = verify_lists_transcript(t, published.as_ref());
                assert!(report.is_verified(), "{name}: {:?}", report.outcome.err());
                counts[0] += 1;
            }
            (Expect::Failed(check), Ok(t)) => {
                assert_eq!(check, "commitment-digest", "{name}");
                let failure = verify_lists_transcript(t, published.as_ref()).outcome.unwrap_err();
                assert_eq!(failure.check, Check::CommitmentDigest, "{name}: {failure}");
                counts[1] += 1;
            }
            (other, _) => panic!("{name}: {other:?} is not for transcript vectors"),
        }
    }
    assert_eq!(counts, [2, 2, 16]);
}

#[test]
fn the_draw_shows_its_lists_by_their_display_names() {
    let dir = fixtures().join("v5/two-neighbourhoods");
    let c = parse_commitment(&std::fs::read(dir.join("commitment.json")).unwrap()).unwrap();
    assert!(verify_lists_commitment(c).is_verified());
    let t = parse_transcript(&std::fs::read(dir.join("transcript.json")).unwrap()).unwrap();
    let drawn = Drawn::from(verify_lists_transcript(t, None).outcome.unwrap());
    let shown: Vec<_> = drawn.lists().iter().map(|l| (l.name.unwrap(), l.shown().unwrap())).collect();
    assert_eq!(
        shown,
        [
            ("noord", "Noord"),
            ("zuid", "Zuid – Rivierenwijk"),
            ("reisgenoten-noord", "Reisgenoten Noord"),
            ("reisgenoten-zuid", "Reisgenoten Zuid")
        ]
    );
    assert_eq!(drawn.shown("reisgenoten-noord"), "Reisgenoten Noord");
    assert_eq!(drawn.shown("elders"), "elders");
    // Asked as people write it: the name, or the display name in any case.
    assert_eq!(drawn.list_asked("zuid"), Some(1));
    assert_eq!(drawn.list_asked(" reisgenoten   NOORD "), Some(2));
    assert_eq!(drawn.list_asked("zuid – rivierenwijk"), Some(1));
    assert_eq!(drawn.list_asked("Oost"), None);
    // A v4 draw shows its names.
    let v4 = fixtures().join("v4/two-lists/transcript.json");
    let t = parse_transcript(&std::fs::read(v4).unwrap()).unwrap();
    let drawn = Drawn::from(verify_lists_transcript(t, None).outcome.unwrap());
    assert_eq!(drawn.lists()[1].shown(), Some("reisgenoten"));
    assert_eq!(drawn.shown("reisgenoten"), "reisgenoten");
}
