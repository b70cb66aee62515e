//! A published file, read once: what it is (by its content, SPEC §16.4),
//! whether it verifies, and whether its detached signature (SPEC §16.3)
//! is the organiser's. Shared by `sign`, `verify --key` and `audit`. A
//! public key is refused when it is weak (SPEC §16.1, issue 26).
//!
//! WHY by content and not by name: a website mirror renames files
//! (`transcript (1).json`, `2026-12.json`); the `format` member says what a
//! document is. WHY a real JSON parse of the top-level `format` and not a
//! look at the first bytes: a look is fooled by leading whitespace, an
//! escaped member name, another member order (JCS, SPEC §7.1, sorts
//! `commitment` before `format`) or the embedded commitment's `format`, and
//! a re-draw could hide behind any of them (issue 20, finding 5).

use potdraw_core::amend::Amendments;
use potdraw_core::lists::ListsCommitment;
use potdraw_core::model::Commitment;
use potdraw_core::parse;
use potdraw_verify::signature::{OrganiserKey, SignatureError};
use potdraw_verify::{Draw, ListsDraw, Report};
use std::path::{Path, PathBuf};

/// The suffix of a detached signature (minisign's own).
pub const SIGNATURE_SUFFIX: &str = ".minisig";

/// What a file turned out to be. One value lives at a time, per file, so
/// the size of the largest variant (a verified draw) costs nothing.
#[allow(clippy::large_enum_variant)]
pub enum Found {
    Commitment(Report<Commitment>),
    Transcript(Report<Draw>),
    /// A commitment with several lists (SPEC §17), verified as §17.7 says.
    ListsCommitment(Report<ListsCommitment>),
    /// A transcript with several lists (SPEC §17).
    ListsTranscript(Report<ListsDraw>),
    Amendments(Amendments),
    /// A receipt or receipts.jsonl: private, never to be published (SPEC §7.4).
    Receipt,
    /// A potdraw document that cannot be used: the error's class and message.
    Unusable {
        class: &'static str,
        message: String,
    },
    NotPotdraw,
}

/// What the top-level `format` member of a JSON document says.
pub enum Format {
    /// The document is a JSON object whose top-level `format` is this string.
    Named(String),
    /// Not a JSON object with a string `format` (or not JSON at all).
    Absent,
}

/// The top-level `format` member, read by a real JSON parse (SPEC §16.4):
/// member order, whitespace and escapes (`"form\u0061t"`) change nothing,
/// and the `format` of an embedded commitment is never mistaken for the
/// document's own. Other members are skipped without being kept.
pub fn format_member(bytes: &[u8]) -> Format {
    #[derive(serde::Deserialize)]
    struct Top {
        format: Option<String>,
    }
    // The first JSON value: receipts.jsonl holds one receipt a line (§7.4),
    // and whatever follows a document is the document parser's to refuse.
    match serde_json::Deserializer::from_slice(bytes).into_iter::<Top>().next() {
        Some(Ok(Top { format: Some(f) })) => Format::Named(f),
        _ => Format::Absent,
    }
}

/// Reads what `bytes` (the file at `path`) is, and verifies it.
pub fn classify(path: &Path, bytes: Vec<u8>) -> Found {
    let unusable = |e: anyhow::Error| {
        let (class, message) = crate::problem::describe(&e);
        Found::Unusable { class, message }
    };
    let located = |e: parse::ParseError| unusable(crate::problem::parse(&path.display(), &e));
    let Format::Named(format) = format_member(&bytes) else {
        // Not an object with a string `format`: a document that names a
        // potdraw format anywhere is refused as unusable, never skipped.
        if bytes.windows(9).any(|w| w == b"\"potdraw/") {
            return unusable(crate::problem!("audit-format-unknown", file = path.display()));
        }
        return Found::NotPotdraw;
    };
    // SPEC §17.1: a v4 document has its own layout and checks.
    if format == "potdraw/commitment/v4" {
        match potdraw_core::lists::parse_commitment(&bytes) {
            Ok(c) => Found::ListsCommitment(potdraw_verify::verify_lists_commitment(c)),
            Err(e) => located(e),
        }
    } else if format == "potdraw/transcript/v4" {
        match potdraw_core::lists::parse_transcript(&bytes) {
            Ok(t) => Found::ListsTranscript(potdraw_verify::verify_lists_transcript(t, None)),
            Err(e) => located(e),
        }
    } else if format.starts_with("potdraw/commitment/") {
        match parse::commitment_owned(bytes) {
            Ok(c) => Found::Commitment(potdraw_verify::verify_commitment(c)),
            Err(e) => located(e),
        }
    } else if format.starts_with("potdraw/transcript/") {
        match parse::transcript_owned(bytes) {
            Ok(t) => Found::Transcript(potdraw_verify::verify_transcript(t, None)),
            Err(e) => located(e),
        }
    } else if format.starts_with("potdraw/amendments/") {
        match potdraw_core::amend::parse(&bytes) {
            Ok(a) => Found::Amendments(a),
            Err(e) => located(e),
        }
    } else if format.starts_with("potdraw/receipt/") {
        Found::Receipt
    } else if format.starts_with("potdraw/") {
        unusable(crate::problem!("audit-format-unknown", file = path.display()))
    } else {
        Found::NotPotdraw
    }
}

/// `FILE.minisig`.
pub fn signature_path(file: &Path) -> PathBuf {
    let mut s = file.as_os_str().to_owned();
    s.push(SIGNATURE_SUFFIX);
    PathBuf::from(s)
}

/// The organiser's public key from `--key`: a file (a minisign `.pub`) or,
/// when no such file exists, the base64 line itself (`RW…`).
/// The argument is taken as the OS gave it, so a key file whose name is not
/// UTF-8 is still read.
pub fn public_key(arg: &std::ffi::OsStr) -> anyhow::Result<OrganiserKey> {
    let path = Path::new(arg);
    let text = if path.is_file() {
        String::from_utf8_lossy(&crate::files::read(path, 4096)?).into_owned()
    } else {
        arg.to_string_lossy().into_owned()
    };
    // SPEC §16.1: a key of small order, or not canonical, would let anyone
    // sign in the organiser's name (issue 26): refused, saying why.
    OrganiserKey::parse(&text).map_err(|e| match e {
        SignatureError::KeySmallOrder { order } => {
            crate::problem!("key-public-small-order", key = path.display(), order = order)
        }
        SignatureError::KeyNonCanonical => crate::problem!("key-public-non-canonical", key = path.display()),
        SignatureError::KeyNotAPoint => crate::problem!("key-public-not-a-point", key = path.display()),
        _ => crate::problem!("key-public-unreadable", key = path.display()),
    })
}

/// The outcome of `FILE.minisig` for `bytes`, the content of `file`:
/// `Ok(trusted comment)`, or why not (`None`: there is no signature file).
pub fn check_signature(key: &OrganiserKey, file: &Path, bytes: &[u8]) -> Result<String, Option<SignatureError>> {
    let sig = signature_path(file);
    // A signature is a small regular file: a link (perhaps to /dev/zero or
    // out of the audited folder), a FIFO or anything larger than 4 KiB is
    // refused unread, so a hostile folder cannot make the audit hang.
    match std::fs::symlink_metadata(&sig) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(None),
        _ => {}
    }
    let handle = crate::files::open_regular_no_follow(&sig).ok_or(Some(SignatureError::SignatureUnreadable))?;
    let text = crate::files::read_opened(handle, &sig, 4096).map_err(|_| Some(SignatureError::SignatureUnreadable))?;
    let text = std::str::from_utf8(&text).map_err(|_| Some(SignatureError::SignatureUnreadable))?;
    key.verify(bytes, text).map_err(Some)
}
