//! The fast paths give the published bytes: on every document in fixtures/
//! (the example, the v1 and RFC 3797 transcript vectors), the canonical
//! bytes written straight from the wire types ([`canon`]) equal RFC 8785 of
//! the `serde_json::Value` tree ([`jcs::canonicalize`]), for the transcript,
//! the commitment and the commitment body, whole and in the pieces that are
//! hashed.

use potdraw_core::wire::{CommitmentDoc, TranscriptDoc};
use potdraw_core::{canon, jcs};
use std::path::{Path, PathBuf};

fn documents(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            documents(&path, out);
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let json = match path.extension().and_then(|e| e.to_str()) {
            Some("json") => text,
            // A test vector: header lines, a blank line, then the document.
            Some("txt") => match text.split_once("\n\n") {
                Some((_, body)) if body.starts_with('{') => body.to_string(),
                _ => continue,
            },
            _ => continue,
        };
        out.push((path, json));
    }
}

fn tree<T: serde::Serialize>(v: &T) -> Vec<u8> {
    jcs::canonicalize(&serde_json::to_value(v).unwrap()).unwrap()
}

#[test]
fn canonical_writer_equals_the_value_tree_on_every_fixture() {
    let mut docs = Vec::new();
    documents(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures"), &mut docs);
    let (mut transcripts, mut commitments) = (0, 0);
    for (path, json) in &docs {
        let commitment = if let Ok(t) = serde_json::from_str::<TranscriptDoc>(json) {
            assert_eq!(canon::to_canonical(&t).unwrap(), tree(&t), "{}", path.display());
            assert_eq!(canon::to_canonical_pieces(&t, None).unwrap().pieces().concat(), tree(&t));
            transcripts += 1;
            t.commitment
        } else if let Ok(c) = serde_json::from_str::<CommitmentDoc>(json) {
            c
        } else {
            continue;
        };
        assert_eq!(canon::to_canonical(&commitment).unwrap(), tree(&commitment), "{}", path.display());
        assert_eq!(
            canon::to_canonical_without(&commitment, Some("digest")).unwrap(),
            jcs::canonicalize(&commitment.body_value()).unwrap(),
            "{}",
            path.display()
        );
        assert_eq!(
            canon::to_canonical_pieces(&commitment, Some("digest")).unwrap().pieces().concat(),
            jcs::canonicalize(&commitment.body_value()).unwrap(),
        );
        commitments += 1;
    }
    // The example and both methods' vectors were found (a moved folder must not pass silently).
    assert!(transcripts >= 30 && commitments > transcripts, "{transcripts} transcripts, {commitments} commitments");
}
