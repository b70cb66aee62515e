//! Organiser signatures (SPEC §16): detached minisign signatures over the
//! bytes of a published file.
//!
//! WHY minisign's format: it is a small, documented Ed25519 format that a
//! Debian package (`minisign`) and several independent libraries verify, so
//! an auditor need not trust potdraw to check who published a file. WHY here,
//! in the auditable crate: a verifier that cannot check a signature must say
//! so; the check is the same few lines for `verify --key` and `audit --key`.
//!
//! WHY strict, and WHY not `minisign-verify` any more (issue 26): that
//! crate refuses the identity as a public key but accepts the seven other
//! points of small order, and small-order `R`. With the key
//! `RWQBI0VniavN7+z///////////////////////////////////////9/` (a point of
//! order 2) anyone can make, without a secret key, signatures that verify
//! for every file. So a key is refused unless its encoding is canonical and
//! its point has large order (SPEC §16.1), and a signature is checked as
//! libsodium (Debian's `minisign`) checks it: `S < L`, `R` canonical and not
//! of small order, and `[S]B = R + [k]A` (SPEC §16.2). The curve arithmetic
//! is `ed25519-dalek`'s (`verify_strict`); the decoding and the prehash
//! (BLAKE2b-512) are this module's.

use base64::Engine;
use blake2::{Blake2b512, Digest};
use curve25519_dalek::edwards::{CompressedEdwardsY, EdwardsPoint};
use curve25519_dalek::traits::IsIdentity;
use ed25519_dalek::VerifyingKey;

/// The organiser's public key, as published (SPEC §16.1): canonical, and a
/// point of large order (checked when it is parsed, so no value of this type
/// holds a weak key).
#[derive(Debug, Clone)]
pub struct OrganiserKey {
    key_id: [u8; 8],
    key: VerifyingKey,
    /// The base64 line people compare (`RW…`), as minisign prints it.
    pub line: String,
}

/// Why a public key or a signature file cannot be used or does not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// The public key is neither a minisign public key file nor its base64 line.
    #[error(
        "expected a minisign public key (a file of two lines, or the line starting with RW), found something else"
    )]
    KeyUnreadable,
    /// The 32 key bytes are not the encoding of a point of the curve.
    #[error("expected an Ed25519 public key, found 32 bytes that are not a point of the curve")]
    KeyNotAPoint,
    /// The key's y coordinate is encoded as a number ≥ p (or x = 0 with its sign bit set).
    #[error("expected an Ed25519 public key in its one canonical encoding, found a non-canonical encoding (y ≥ p, or a sign bit on x = 0)")]
    KeyNonCanonical,
    /// The key is one of the eight points of small order.
    #[error("expected an Ed25519 public key of large order, found a point of order {order}: with it anyone can make signatures that verify for any file")]
    KeySmallOrder {
        /// 1, 2, 4 or 8.
        order: u8,
    },
    /// The `.minisig` file is not in minisign's signature format.
    #[error("expected a minisign signature (four lines), found something else")]
    SignatureUnreadable,
    /// Made with another key than the one given.
    #[error("the signature was made with another key than the one given")]
    OtherKey,
    /// The signature does not match the file's bytes or its trusted comment.
    #[error("the signature does not match the file: the file or its trusted comment was changed, or it was signed by another key")]
    Mismatch,
    /// A legacy (not prehashed) signature, or an algorithm minisign does not define.
    #[error("expected a signature made with minisign's prehashed algorithm (ED), found another algorithm")]
    Algorithm,
}

impl SignatureError {
    /// A stable name for `--json` and the catalogue.
    pub fn id(&self) -> &'static str {
        match self {
            SignatureError::KeyUnreadable => "key-unreadable",
            SignatureError::KeyNotAPoint => "key-not-a-point",
            SignatureError::KeyNonCanonical => "key-non-canonical",
            SignatureError::KeySmallOrder { .. } => "key-small-order",
            SignatureError::SignatureUnreadable => "signature-unreadable",
            SignatureError::OtherKey => "other-key",
            SignatureError::Mismatch => "mismatch",
            SignatureError::Algorithm => "algorithm",
        }
    }
}

/// minisign's algorithm names (SPEC §16.1–§16.2): `Ed` for keys and legacy
/// signatures, `ED` for prehashed signatures.
const LEGACY: [u8; 2] = *b"Ed";
const PREHASHED: [u8; 2] = *b"ED";

/// Standard base64 with canonical padding and zero trailing bits, as
/// minisign writes and reads it.
fn b64(text: &str) -> Option<Vec<u8>> {
    base64::engine::general_purpose::STANDARD.decode(text).ok()
}

impl OrganiserKey {
    /// A public key file's text (`untrusted comment: …` then the base64
    /// line), or the base64 line alone, surrounding whitespace ignored.
    /// SPEC §16.1: a key that is not canonical or has small order is refused.
    pub fn parse(text: &str) -> Result<OrganiserKey, SignatureError> {
        let (key_id, bytes, line) = decode_public(text)?;
        let key = check_public(&bytes)?;
        Ok(OrganiserKey { key_id, key, line: line.to_string() })
    }

    /// The 8-byte key id, as in the file.
    pub fn key_id(&self) -> [u8; 8] {
        self.key_id
    }

    /// Checks a detached signature (the text of `FILE.minisig`) over
    /// `bytes`; on success, the signed trusted comment (SPEC §16.2).
    pub fn verify(&self, bytes: &[u8], signature: &str) -> Result<String, SignatureError> {
        let sig = decode_signature(signature)?;
        if sig.key_id != self.key_id {
            return Err(SignatureError::OtherKey);
        }
        // SPEC §16.2: only prehashed signatures (what minisign writes by default).
        if sig.algorithm != PREHASHED {
            return Err(SignatureError::Algorithm);
        }
        let prehash = Blake2b512::digest(bytes);
        if !strict(&self.key, &prehash, &sig.signature) {
            return Err(SignatureError::Mismatch);
        }
        let mut global = Vec::with_capacity(64 + sig.trusted_comment.len());
        global.extend_from_slice(&sig.signature);
        global.extend_from_slice(sig.trusted_comment.as_bytes());
        if !strict(&self.key, &global, &sig.global_signature) {
            return Err(SignatureError::Mismatch);
        }
        Ok(sig.trusted_comment.to_string())
    }
}

/// Whether the text has the form of a minisign public key (a file of two
/// lines or the `RW…` line), whatever its point. WHY apart from
/// [`OrganiserKey::parse`]: the audit ignores a public key published beside
/// the documents (SPEC §16.4) by its form; whether it is a usable key
/// matters only for `--key`.
pub fn is_public_key(text: &str) -> bool {
    decode_public(text).is_ok()
}

/// The key id, the 32 key bytes and the base64 line (SPEC §16.1).
fn decode_public(text: &str) -> Result<([u8; 8], [u8; 32], &str), SignatureError> {
    let trimmed = text.trim();
    let line = match trimmed.lines().count() {
        1 => trimmed,
        2 if trimmed.starts_with("untrusted comment:") => trimmed.lines().nth(1).unwrap_or("").trim(),
        _ => return Err(SignatureError::KeyUnreadable),
    };
    let bin = b64(line).ok_or(SignatureError::KeyUnreadable)?;
    // minisign's readers accept both names on a key; minisign writes `Ed`.
    if bin.len() != 42 || (bin[..2] != LEGACY && bin[..2] != PREHASHED) {
        return Err(SignatureError::KeyUnreadable);
    }
    let key_id = bin[2..10].try_into().expect("8 bytes");
    let key = bin[10..42].try_into().expect("32 bytes");
    Ok((key_id, key, line))
}

/// SPEC §16.1: the 32 bytes must decode to a point of the curve, be that
/// point's one canonical encoding, and the point must not have small order.
pub fn check_public(bytes: &[u8; 32]) -> Result<VerifyingKey, SignatureError> {
    let point = CompressedEdwardsY(*bytes).decompress().ok_or(SignatureError::KeyNotAPoint)?;
    // Decompression reduces y mod p and ignores the sign of x = 0, so a
    // non-canonical encoding decodes; compressing again shows it.
    if point.compress().as_bytes() != bytes {
        return Err(SignatureError::KeyNonCanonical);
    }
    if point.is_small_order() {
        return Err(SignatureError::KeySmallOrder { order: small_order(point) });
    }
    let key = VerifyingKey::from_bytes(bytes).map_err(|_| SignatureError::KeyNotAPoint)?;
    debug_assert!(!key.is_weak());
    Ok(key)
}

/// The order (1, 2, 4 or 8) of a point of small order.
fn small_order(mut p: EdwardsPoint) -> u8 {
    let mut order = 1u8;
    while !p.is_identity() && order < 8 {
        p = p + p;
        order *= 2;
    }
    order
}

/// Strict Ed25519 (SPEC §16.2), as libsodium checks it: `S < L`, `R` not
/// of small order, the key not of small order, and `R`'s bytes equal to the
/// canonical encoding of the recomputed `[S]B − [k]A` (so a non-canonical
/// `R` never matches). ed25519-dalek's `verify_strict` does all of it; `S <
/// L` is checked here as well, so the answer does not depend on the
/// `legacy_compatibility` feature of ed25519-dalek, which another crate in
/// the tree could switch on. (Decoding `R` a second time here cost 20 µs a
/// signature: benches/README.md.)
pub fn strict(key: &VerifyingKey, message: &[u8], signature: &[u8; 64]) -> bool {
    let s: [u8; 32] = signature[32..].try_into().expect("32 bytes");
    if !bool::from(curve25519_dalek::Scalar::from_canonical_bytes(s).is_some()) {
        return false;
    }
    key.verify_strict(message, &ed25519_dalek::Signature::from_bytes(signature)).is_ok()
}

/// A minisign signature file's four lines (SPEC §16.2).
struct Decoded<'a> {
    algorithm: [u8; 2],
    key_id: [u8; 8],
    signature: [u8; 64],
    trusted_comment: &'a str,
    global_signature: [u8; 64],
}

/// Whether `text` is a minisign signature file (SPEC §16.2), as strictly as
/// minisign reads one: the first line starts `untrusted comment:` (no byte
/// order mark before it), then the signature, the trusted comment and the
/// global signature. WHY strict: the audit classifies a `.minisig` by this
/// test (SPEC §16.4); anything that fails it is read as an ordinary file, so
/// a document cannot hide behind the name of a signature.
pub fn is_signature(text: &str) -> bool {
    decode_signature(text).is_ok()
}

/// The rules of minisign's readers (minisign 0.11, minisign-verify): four
/// lines (what follows them is not read), base64 of 74 and 64 bytes, the
/// third line starting `trusted comment: `, the algorithm `Ed` or `ED`.
fn decode_signature(text: &str) -> Result<Decoded<'_>, SignatureError> {
    let unreadable = SignatureError::SignatureUnreadable;
    if !text.starts_with("untrusted comment:") {
        return Err(unreadable);
    }
    let mut lines = text.lines().skip(1);
    let mut next = || lines.next().ok_or(SignatureError::SignatureUnreadable);
    let first = b64(next()?).filter(|b| b.len() == 74).ok_or(unreadable.clone())?;
    let comment = next()?;
    let global = b64(next()?).filter(|b| b.len() == 64).ok_or(unreadable.clone())?;
    let trusted_comment = comment.strip_prefix("trusted comment: ").ok_or(unreadable.clone())?;
    let algorithm: [u8; 2] = first[..2].try_into().expect("2 bytes");
    if algorithm != LEGACY && algorithm != PREHASHED {
        // minisign-verify said `UnsupportedAlgorithm` here; a file that
        // names no algorithm of minisign's is not a signature of minisign's.
        return Err(unreadable);
    }
    Ok(Decoded {
        algorithm,
        key_id: first[2..10].try_into().expect("8 bytes"),
        signature: first[10..74].try_into().expect("64 bytes"),
        trusted_comment,
        global_signature: global.try_into().expect("64 bytes"),
    })
}
