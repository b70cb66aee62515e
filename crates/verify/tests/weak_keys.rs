//! fixtures/signatures/weak-keys.json (SPEC §16.1–§16.2, issue 26): every
//! public key of small order or not canonical is refused when parsed, with
//! the reason the vector names, and a signature forged for it without any
//! secret key fails the strict check even when the key check is bypassed.
//!
//! WHY the old verifier is run too: a forgery that fails for a dull reason
//! (a wrong key id, a bad encoding) would make "refused" prove nothing. So
//! each forgery is shown to the verifier potdraw used before (minisign-verify
//! 0.3), and the vector pins what it answered: for most of these keys it
//! accepted a signature made with no secret key at all.

mod forge;

use blake2::{Blake2b512, Digest};
use curve25519_dalek::edwards::CompressedEdwardsY;
use curve25519_dalek::traits::IsIdentity;
use ed25519_dalek::VerifyingKey;
use potdraw_verify::signature::{self, OrganiserKey};
use serde_json::Value;

const KEY_ID: [u8; 8] = [0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef];

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn cases() -> Vec<Value> {
    let text = std::fs::read_to_string(root().join("fixtures/signatures/weak-keys.json")).unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["format"], "potdraw/weak-keys/v1");
    doc["cases"].as_array().unwrap().clone()
}

fn key_bytes(case: &Value) -> [u8; 32] {
    hex::decode(case["key"].as_str().unwrap()).unwrap().try_into().unwrap()
}

/// The order of the decoded point by repeated doubling, or None when it is
/// not 1, 2, 4 or 8 (or the bytes decode to no point).
fn order(key: &[u8; 32]) -> Option<u64> {
    let mut p = CompressedEdwardsY(*key).decompress()?;
    for order in [1, 2, 4, 8] {
        if p.is_identity() {
            return Some(order);
        }
        p = p + p;
    }
    None
}

fn old_verifier_accepts(line: &str, file: &[u8], minisig: &str) -> bool {
    let Ok(key) = minisign_verify::PublicKey::from_base64(line) else { return false };
    let sig = minisign_verify::Signature::decode(minisig).unwrap();
    key.verify(file, &sig, false).is_ok()
}

#[test]
fn the_vectors_cover_the_eight_small_order_points_and_each_expectation() {
    let cases = cases();
    let canonical_small: std::collections::BTreeSet<String> =
        cases.iter().filter(|c| c["expect"] == "small-order").map(|c| c["key"].as_str().unwrap().to_string()).collect();
    assert_eq!(canonical_small.len(), 8, "the eight points of small order, each once");
    for expect in ["accepted", "small-order", "non-canonical", "not-a-point"] {
        assert!(cases.iter().any(|c| c["expect"] == expect), "no case expects {expect}");
    }
}

#[test]
fn each_key_is_refused_for_the_reason_its_vector_names() {
    for case in cases() {
        let name = case["name"].as_str().unwrap();
        let key = key_bytes(&case);
        let line = case["line"].as_str().unwrap();
        assert_eq!(forge::key_line(&KEY_ID, &key), line, "{name}: line and key disagree");
        assert_eq!(order(&key), case["order"].as_u64(), "{name}: order");
        // The form of a public key, whatever its point: the audit ignores it.
        assert!(signature::is_public_key(line), "{name}");
        let got = match OrganiserKey::parse(line) {
            Ok(_) => "accepted".to_string(),
            Err(e) => e.id().strip_prefix("key-").unwrap_or(e.id()).to_string(),
        };
        assert_eq!(got, case["expect"].as_str().unwrap(), "{name}");
        // The same in a public key file, as `minisign -G` writes it.
        let file = format!("untrusted comment: minisign public key 0123456789ABCDEF\n{line}\n");
        assert_eq!(OrganiserKey::parse(&file).is_ok(), got == "accepted", "{name}: as a file");
        if let Err(signature::SignatureError::KeySmallOrder { order }) = OrganiserKey::parse(line) {
            assert_eq!(Some(u64::from(order)), case["order"].as_u64(), "{name}: the order in the error");
        }
    }
}

#[test]
fn a_signature_forged_for_a_small_order_point_fails_the_strict_check() {
    let file = std::fs::read(root().join("fixtures/example/transcript.json")).unwrap();
    let prehash = Blake2b512::digest(&file);
    let mut forged = 0;
    for case in cases() {
        let name = case["name"].as_str().unwrap();
        let key = key_bytes(&case);
        let line = case["line"].as_str().unwrap();
        let minisig = forge::forged_minisig(&KEY_ID, &key, &file, "potdraw file:transcript.json");
        let Some(minisig) = minisig else {
            assert!(case["order"].is_null(), "{name}: a small-order point must be forgeable");
            assert!(case["old_verifier"].is_null(), "{name}");
            continue;
        };
        forged += 1;
        let old = if old_verifier_accepts(line, &file, &minisig) { "accepts" } else { "refuses" };
        assert_eq!(old, case["old_verifier"].as_str().unwrap_or("null"), "{name}: the old verifier\n{minisig}");
        // Past the key check (which refuses the key first): the strict
        // check alone refuses both signatures of the file.
        let vk = VerifyingKey::from_bytes(&key).expect("decodes (the order is known)");
        let sig = forge::forge(&key, &prehash, 0).unwrap();
        assert!(!signature::strict(&vk, &prehash, &sig), "{name}: R = [0]B - [j]A");
        // Also with R of large order (s = 1..): only the key is weak now.
        let sig = forge::forge(&key, &prehash, 1).unwrap();
        assert!(!signature::strict(&vk, &prehash, &sig), "{name}: R of large order");
        assert!(OrganiserKey::parse(line).is_err(), "{name}");
    }
    assert_eq!(forged, 14, "every vector whose point has small order");
}

#[test]
fn the_control_key_verifies_a_real_signature() {
    // The same key as fixtures/audit/test-key with its own key id: the strict
    // check accepts honest signatures (so the refusals above are not a
    // verifier that refuses everything).
    let text = std::fs::read_to_string(root().join("fixtures/audit/test-key/potdraw.pub")).unwrap();
    let key = OrganiserKey::parse(&text).unwrap();
    let file = std::fs::read(root().join("fixtures/audit/healthy/2027-04/transcript.json")).unwrap();
    let sig = std::fs::read_to_string(root().join("fixtures/audit/healthy/2027-04/transcript.json.minisig")).unwrap();
    let comment = key.verify(&file, &sig).unwrap();
    assert!(comment.starts_with("potdraw file:transcript.json"), "{comment}");
    let control = cases().into_iter().find(|c| c["expect"] == "accepted").unwrap();
    assert_eq!(forge::key_line(&key.key_id(), &key_bytes(&control)), key.line, "the control is the test key");
}
