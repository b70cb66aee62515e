//! The one hash construction of protocol v1 (SPEC §3) and every value built
//! from it (SPEC §4–§6).
//!
//! Every input is length-prefixed, so no two different field lists can
//! produce the same byte string, and every use has its own ASCII tag, so a
//! value computed for one purpose can never be replayed as another.

use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;

/// A 32-byte SHA-256 output.
pub type Hash32 = [u8; 32];

/// Domain-separation tags (SPEC §3.2). Changing any of these is a new protocol version.
pub mod tag {
    pub const ENTRY: &str = "potdraw/v1/entry";
    pub const SEED_COMMITMENT: &str = "potdraw/v1/seed-commitment";
    pub const COMMITMENT: &str = "potdraw/v1/commitment";
    pub const ENTROPY: &str = "potdraw/v1/entropy";
    pub const DRAW_SEED: &str = "potdraw/v1/draw-seed";
    pub const TRANSCRIPT: &str = "potdraw/v1/transcript";
    /// SPEC §17.3: the leaf of an entry of a v4 list, binding the list's name.
    pub const ENTRY_V4: &str = "potdraw/v4/entry";
    /// SPEC §17.4: a v4 list's stream key.
    pub const LIST_SEED_V4: &str = "potdraw/v4/list-seed";
    /// SPEC §12.2: the digests of the RFC 3797 method's documents.
    pub const RFC3797_COMMITMENT: &str = "potdraw/rfc3797-v1/commitment";
    pub const RFC3797_TRANSCRIPT: &str = "potdraw/rfc3797-v1/transcript";
}

/// SPEC §3.1: the 8-byte big-endian length prefix written before the tag and every field.
#[inline]
fn length_prefix(len: usize) -> [u8; 8] {
    (len as u64).to_be_bytes()
}

/// SPEC §3.1: H(tag, f1, …, fn) = SHA-256(len(tag) ‖ tag ‖ len(f1) ‖ f1 ‖ … ‖ len(fn) ‖ fn).
pub fn h(tag: &str, fields: &[&[u8]]) -> Hash32 {
    let mut hasher = Sha256::new();
    hasher.update(length_prefix(tag.len()));
    hasher.update(tag.as_bytes());
    for field in fields {
        hasher.update(length_prefix(field.len()));
        hasher.update(field);
    }
    hasher.finalize().into()
}

/// SPEC §3.1 for a single field given in pieces: H(tag, p1 ‖ p2 ‖ … ‖ pn),
/// so a canonical document can be hashed without being assembled first.
pub fn h_pieces(tag: &str, pieces: &[&[u8]]) -> Hash32 {
    let mut hasher = Sha256::new();
    hasher.update(length_prefix(tag.len()));
    hasher.update(tag.as_bytes());
    hasher.update(length_prefix(pieces.iter().map(|p| p.len()).sum()));
    for piece in pieces {
        hasher.update(piece);
    }
    hasher.finalize().into()
}

/// SPEC §4.1: ids are compared and hashed in Unicode Normalization Form C.
pub fn nfc(text: &str) -> String {
    // ASCII text is already in NFC (no ASCII character decomposes or
    // composes), so the normaliser would return it unchanged.
    if text.is_ascii() {
        return text.to_string();
    }
    text.nfc().collect()
}

/// SPEC §4.2: the leaf of an id that is already in NFC (as `candidates` and
/// receipts hold it): [`leaf`] without normalising again.
pub fn leaf_of_nfc(id_nfc: &str, salt: &[u8; 16]) -> Hash32 {
    debug_assert!(unicode_normalization::is_nfc(id_nfc), "leaf_of_nfc needs an NFC id");
    h(tag::ENTRY, &[id_nfc.as_bytes(), salt])
}

/// SPEC §4.2: leaf = H("potdraw/v1/entry", UTF-8(NFC(id)), salt).
pub fn leaf(id: &str, salt: &[u8; 16]) -> Hash32 {
    if id.is_ascii() || unicode_normalization::is_nfc_quick(id.chars()) == unicode_normalization::IsNormalized::Yes {
        return leaf_of_nfc(id, salt);
    }
    h(tag::ENTRY, &[nfc(id).as_bytes(), salt])
}

/// SPEC §2.2: lowercase hexadecimal, as `hex::encode` writes it, without
/// its per-character iterator (three per candidate in `commit`).
pub fn to_hex(bytes: &[u8]) -> String {
    let mut text = vec![0u8; bytes.len() * 2];
    hex_into(bytes, &mut text);
    String::from_utf8(text).expect("hexadecimal digits are ASCII")
}

/// SPEC §2.2: the lowercase hexadecimal digits of `bytes` into `out`, which
/// holds exactly two bytes per byte.
pub fn hex_into(bytes: &[u8], out: &mut [u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    assert_eq!(out.len(), 2 * bytes.len(), "two hexadecimal digits per byte");
    for (&b, pair) in bytes.iter().zip(out.chunks_exact_mut(2)) {
        pair[0] = DIGITS[(b >> 4) as usize];
        pair[1] = DIGITS[(b & 15) as usize];
    }
}

/// SPEC §4.4: seed commitment = H("potdraw/v1/seed-commitment", seed).
pub fn seed_commitment(seed: &[u8; 32]) -> Hash32 {
    h(tag::SEED_COMMITMENT, &[seed])
}

/// SPEC §4.5: commitment digest = H("potdraw/v1/commitment", JCS(body)).
pub fn commitment_digest(canonical_body: &[u8]) -> Hash32 {
    h(tag::COMMITMENT, &[canonical_body])
}

/// SPEC §12.2: H("potdraw/rfc3797-v1/transcript", JCS(transcript)).
pub fn rfc3797_transcript_digest(canonical_transcript: &[u8]) -> Hash32 {
    h(tag::RFC3797_TRANSCRIPT, &[canonical_transcript])
}

/// SPEC §5.2: entropy digest = H("potdraw/v1/entropy", kind1, value1, …) in plan order.
/// `sources` holds (kind, value-bytes) pairs exactly as SPEC §5.1 derives them.
pub fn entropy_digest(sources: &[(&str, Vec<u8>)]) -> Hash32 {
    let mut fields: Vec<&[u8]> = Vec::with_capacity(sources.len() * 2);
    for (kind, value) in sources {
        fields.push(kind.as_bytes());
        fields.push(value);
    }
    h(tag::ENTROPY, &fields)
}

/// SPEC §5.3: draw seed = H("potdraw/v1/draw-seed", commitment digest, seed, entropy digest).
pub fn draw_seed(commitment_digest: &Hash32, seed: &[u8; 32], entropy_digest: &Hash32) -> Hash32 {
    h(tag::DRAW_SEED, &[commitment_digest, seed, entropy_digest])
}

/// SPEC §7.3: transcript digest = H("potdraw/v1/transcript", JCS(transcript)).
pub fn transcript_digest(canonical_transcript: &[u8]) -> Hash32 {
    h(tag::TRANSCRIPT, &[canonical_transcript])
}

#[cfg(test)]
mod tests {
    use super::*;

    // Hand-assembled preimage for H("t", "ab"), independent of `h`'s loop.
    #[test]
    fn h_matches_hand_assembled_preimage() {
        let mut pre = Vec::new();
        pre.extend_from_slice(&[0, 0, 0, 0, 0, 0, 0, 1]);
        pre.push(b't');
        pre.extend_from_slice(&[0, 0, 0, 0, 0, 0, 0, 2]);
        pre.extend_from_slice(b"ab");
        let want: Hash32 = Sha256::digest(&pre).into();
        assert_eq!(h("t", &[b"ab"]), want);
    }

    #[test]
    fn pieces_hash_as_one_field() {
        assert_eq!(h_pieces("t", &[b"ab", b"", b"c"]), h("t", &[b"abc"]));
        assert_eq!(h_pieces("t", &[]), h("t", &[b""]));
    }

    #[test]
    fn length_prefix_separates_field_boundaries() {
        assert_ne!(h("t", &[b"ab", b"c"]), h("t", &[b"a", b"bc"]));
        assert_ne!(h("t", &[b"abc"]), h("t", &[b"abc", b""]));
    }

    proptest::proptest! {
        // The fast paths (ASCII, quick check "yes") give what full normalisation gives.
        #[test]
        fn fast_paths_equal_full_normalisation(id in "[a-zA-Z0-9 -]{0,8}|\\PC{0,8}|[Ae\u{301}\u{e9}\u{1100}\u{1161}\u{ac00}]{0,6}") {
            let full: String = id.nfc().collect();
            proptest::prop_assert_eq!(&nfc(&id), &full);
            let salt = [5u8; 16];
            proptest::prop_assert_eq!(leaf(&id, &salt), h(tag::ENTRY, &[full.as_bytes(), &salt]));
            proptest::prop_assert_eq!(leaf_of_nfc(&full, &salt), leaf(&id, &salt));
        }
    }

    proptest::proptest! {
        #[test]
        fn to_hex_equals_the_hex_crate(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..40)) {
            proptest::prop_assert_eq!(to_hex(&bytes), hex::encode(&bytes));
        }
    }

    #[test]
    fn leaf_normalises_id() {
        let salt = [7u8; 16];
        assert_eq!(leaf("Re\u{301}ne", &salt), leaf("R\u{e9}ne", &salt));
        assert_ne!(leaf("Rene", &salt), leaf("R\u{e9}ne", &salt));
    }
}
