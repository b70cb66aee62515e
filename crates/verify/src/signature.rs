//! Organiser signatures (SPEC §16): detached minisign signatures over the
//! bytes of a published file.
//!
//! WHY minisign's format: it is a small, documented Ed25519 format that a
//! Debian package (`minisign`) and several independent libraries verify, so
//! an auditor need not trust potdraw to check who published a file. WHY here,
//! in the auditable crate: a verifier that cannot check a signature must say
//! so; the check is the same few lines for `verify --key` and `audit --key`.
//! The cryptography is `minisign-verify` (no dependencies of its own); this
//! module only names the outcomes.

use minisign_verify::{Error as MinisignError, PublicKey, Signature};

/// The organiser's public key, as published (SPEC §16.1).
#[derive(Debug, Clone)]
pub struct OrganiserKey {
    key: PublicKey,
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
            SignatureError::SignatureUnreadable => "signature-unreadable",
            SignatureError::OtherKey => "other-key",
            SignatureError::Mismatch => "mismatch",
            SignatureError::Algorithm => "algorithm",
        }
    }
}

impl OrganiserKey {
    /// A public key file's text (`untrusted comment: …` then the base64
    /// line), or the base64 line alone, surrounding whitespace ignored.
    pub fn parse(text: &str) -> Result<OrganiserKey, SignatureError> {
        let trimmed = text.trim();
        let line = match trimmed.lines().count() {
            1 => trimmed,
            2 if trimmed.starts_with("untrusted comment:") => trimmed.lines().nth(1).unwrap_or("").trim(),
            _ => return Err(SignatureError::KeyUnreadable),
        };
        let key = PublicKey::from_base64(line).map_err(|_| SignatureError::KeyUnreadable)?;
        Ok(OrganiserKey { key, line: line.to_string() })
    }

    /// Checks a detached signature (the text of `FILE.minisig`) over
    /// `bytes`; on success, the signed trusted comment.
    pub fn verify(&self, bytes: &[u8], signature: &str) -> Result<String, SignatureError> {
        let sig = decode_signature(signature)?;
        // SPEC §16.2: only prehashed signatures (what minisign writes by default).
        self.key.verify(bytes, &sig, false).map_err(|e| match e {
            MinisignError::UnexpectedKeyId => SignatureError::OtherKey,
            MinisignError::UnexpectedAlgorithm | MinisignError::UnsupportedAlgorithm => SignatureError::Algorithm,
            MinisignError::InvalidEncoding => SignatureError::SignatureUnreadable,
            _ => SignatureError::Mismatch,
        })?;
        Ok(sig.trusted_comment().to_string())
    }
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

fn decode_signature(text: &str) -> Result<Signature, SignatureError> {
    if !text.starts_with("untrusted comment:") {
        return Err(SignatureError::SignatureUnreadable);
    }
    Signature::decode(text).map_err(|_| SignatureError::SignatureUnreadable)
}
