//! The fast paths give the published bytes: on every document in fixtures/
//! (the example, the v1 and RFC 3797 transcript vectors), the canonical
//! bytes written straight from the wire types ([`canon`]) equal RFC 8785 of
//! the `serde_json::Value` tree ([`jcs::canonicalize`]), for the transcript,
//! the commitment and the commitment body, whole and in the pieces that are
//! hashed.

use potdraw_core::wire::{self, CommitmentDoc, TranscriptDoc};
use potdraw_core::{canon, commit, hash, jcs};
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
            // Both digests at once (the commitment written once) equal each
            // digest of the Value tree's bytes, whatever the document's format.
            // (Each tag follows its own document's format, SPEC §12.2.)
            let ctag = match wire::is_rfc3797_commitment(&t.commitment.format) {
                true => hash::tag::RFC3797_COMMITMENT,
                false => hash::tag::COMMITMENT,
            };
            let ttag = match wire::is_rfc3797_transcript(&t.format) {
                true => hash::tag::RFC3797_TRANSCRIPT,
                false => hash::tag::TRANSCRIPT,
            };
            let body = jcs::canonicalize(&t.commitment.body_value()).unwrap();
            let (c, d) = commit::transcript_digests(&t);
            assert_eq!(c.unwrap(), hash::h_pieces(ctag, &[&body]), "{}", path.display());
            assert_eq!(d.unwrap(), hash::h_pieces(ttag, &[&tree(&t)]), "{}", path.display());
            assert_eq!(commit::digest_of(&t.commitment).unwrap(), hash::h_pieces(ctag, &[&body]));
            transcripts += 1;
            (*t.commitment).clone()
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

/// Out of the JCS domain: a number above 2^53 - 1 in the commitment fails
/// both digests; one in the transcript alone fails only the transcript's.
#[test]
fn transcript_digests_fail_where_the_number_is() {
    let json = include_str!("../../../fixtures/example/transcript.json");
    let mut t: TranscriptDoc = serde_json::from_str(json).unwrap();
    let (c, d) = commit::transcript_digests(&t);
    assert_eq!(hex::encode(c.unwrap()), t.commitment.digest);
    assert!(d.is_ok());
    t.result[0].position = 1 << 53;
    let (c, d) = commit::transcript_digests(&t);
    assert_eq!(hex::encode(c.unwrap()), t.commitment.digest);
    assert!(matches!(d, Err(jcs::JcsError::IntegerRange { .. })), "{d:?}");
    t.commitment_mut().recipients = 1 << 53;
    let (c, d) = commit::transcript_digests(&t);
    assert!(matches!(c, Err(jcs::JcsError::IntegerRange { .. })), "{c:?}");
    assert!(d.is_err());
}

/// From 10,000 entries `transcript_digests` hashes on two threads; below,
/// on one (an audit verifies thousands of small transcripts). Both paths
/// give the digests of the value tree's bytes.
#[test]
fn transcript_digests_of_a_large_list_equal_the_value_tree() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/example/transcript.json");
    let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let entries = v["commitment"]["candidates"]["entries"].as_array_mut().unwrap();
    let first = entries[0].clone();
    for i in 0..12_000u32 {
        let mut e = first.clone();
        e["leaf"] = format!("{i:064x}").into();
        entries.push(e);
    }
    let t: TranscriptDoc = serde_json::from_value(v).unwrap();
    assert!(t.commitment.candidates.entries.len() >= 10_000);
    let body = jcs::canonicalize(&t.commitment.body_value()).unwrap();
    let (c, d) = commit::transcript_digests(&t);
    assert_eq!(c.unwrap(), hash::h_pieces(hash::tag::COMMITMENT, &[&body]));
    assert_eq!(d.unwrap(), hash::h_pieces(hash::tag::TRANSCRIPT, &[&tree(&t)]));
}
