//! A published file, read once: what it is (by its content, SPEC §16.4),
//! whether it verifies, and whether its detached signature (SPEC §16.3)
//! is the organiser's. Shared by `sign`, `verify --key` and `audit`. A
//! public key is refused when it is weak (SPEC §16.1, issue 26).
//!
//! WHY by content and not by name: a website mirror renames files
//! (`transcript (1).json`, `2026-12.json`); the `format` member says what a
//! document is. WHY read by `potdraw_core::parse::kind`, the parsers' own
//! reading, and not a look at the first bytes: a look is fooled by leading
//! whitespace, a byte order mark, an escaped member name or value, another
//! member order (JCS, SPEC §7.1, sorts `commitment` before `format`) or the
//! embedded commitment's `format`, and a re-draw hid behind each of them
//! (issue 20, finding 5; issue 26).

use potdraw_core::amend::Amendments;
use potdraw_core::lists::ListsCommitment;
use potdraw_core::model::Commitment;
use potdraw_core::parse::{self, Kind};
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

/// Reads what `bytes` (the file at `path`) is, and verifies it.
///
/// WHY [`parse::kind`] and nothing else decides: it is the reading every
/// command shares (issue 26: a first look of its own here missed a byte
/// order mark and `\u0070otdraw`, and a re-draw named `README-evening.json`
/// was ignored). A document that names a potdraw format is handed to that
/// format's parser, so it verifies or is unusable; it is never skipped.
pub fn classify(path: &Path, bytes: Vec<u8>) -> Found {
    let unusable = |e: anyhow::Error| {
        let (class, message) = crate::problem::describe(&e);
        Found::Unusable { class, message }
    };
    let located = |e: parse::ParseError| unusable(crate::problem::parse(&path.display(), &e));
    match parse::kind(&bytes) {
        // SPEC §17.1: a v4 document has its own layout and checks.
        Kind::ListsCommitment => match potdraw_core::lists::parse_commitment(&bytes) {
            Ok(c) => Found::ListsCommitment(potdraw_verify::verify_lists_commitment(c)),
            Err(e) => located(e),
        },
        Kind::ListsTranscript => match potdraw_core::lists::parse_transcript(&bytes) {
            Ok(t) => Found::ListsTranscript(potdraw_verify::verify_lists_transcript(t, None)),
            Err(e) => located(e),
        },
        Kind::Commitment => match parse::commitment_owned(bytes) {
            Ok(c) => Found::Commitment(potdraw_verify::verify_commitment(c)),
            Err(e) => located(e),
        },
        Kind::Transcript => match parse::transcript_owned(bytes) {
            Ok(t) => Found::Transcript(potdraw_verify::verify_transcript(t, None)),
            Err(e) => located(e),
        },
        Kind::Amendments => match potdraw_core::amend::parse(&bytes) {
            Ok(a) => Found::Amendments(a),
            Err(e) => located(e),
        },
        Kind::Receipt => Found::Receipt,
        Kind::OtherPotdraw(_) => unusable(crate::problem!("audit-format-unknown", file = path.display())),
        // WHY more than `kind`: no reader accepts these, but a document that
        // is one a reader cannot use must be refused, never skipped (issue 26).
        Kind::NotPotdraw => match near_miss(&bytes) {
            // Saved as UTF-16 or with two byte order marks: what `verify`
            // says of it (its kind's parser refuses the bytes).
            Some(kind) => {
                let said = match kind {
                    Kind::ListsCommitment => potdraw_core::lists::parse_commitment(&bytes).err(),
                    Kind::ListsTranscript => potdraw_core::lists::parse_transcript(&bytes).err(),
                    Kind::Commitment => parse::commitment(&bytes).err(),
                    Kind::Transcript => parse::transcript(&bytes).err(),
                    Kind::Amendments => potdraw_core::amend::parse(&bytes).err(),
                    _ => None,
                };
                match said {
                    Some(e) => located(e),
                    None => unusable(crate::problem!("audit-format-unknown", file = path.display())),
                }
            }
            // Broken before its `format` (`{"a":1,, "format":"potdraw/…"}`),
            // so no `format` could be read: one that spells a potdraw format
            // out, plainly or in escapes, is refused.
            // (Only a file that starts like a JSON object: a page such as the
            // report or the verifier names formats in its text and script, and
            // no reader takes an HTML page for a document, issue 27.)
            None if starts_like_object(&bytes) && mentions_potdraw(&bytes) => {
                unusable(crate::problem!("audit-format-unknown", file = path.display()))
            }
            None => Found::NotPotdraw,
        },
    }
}

/// The kind of a document that would be a potdraw document but for its
/// encoding: UTF-16 with its byte order mark (Notepad's "Unicode"), or more
/// than one UTF-8 byte order mark. `None` for anything else.
fn near_miss(bytes: &[u8]) -> Option<Kind> {
    let utf16 = |be: bool| {
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|p| if be { u16::from_be_bytes([p[0], p[1]]) } else { u16::from_le_bytes([p[0], p[1]]) })
            .collect();
        String::from_utf16_lossy(&units).into_bytes()
    };
    let text = if bytes.starts_with(b"\xff\xfe") {
        std::borrow::Cow::Owned(utf16(false))
    } else if bytes.starts_with(b"\xfe\xff") {
        std::borrow::Cow::Owned(utf16(true))
    } else {
        std::borrow::Cow::Borrowed(bytes)
    };
    let mut body = &text[..];
    while let Some(rest) = body.strip_prefix("\u{feff}".as_bytes()) {
        body = rest;
    }
    Some(parse::kind(body)).filter(Kind::is_potdraw)
}

/// Whether `bytes` spell `"potdraw/` anywhere, with any of its characters
/// written as a `\uXXXX` escape.
/// Whether the first byte after byte order marks and JSON whitespace is `{`.
fn starts_like_object(bytes: &[u8]) -> bool {
    let mut body = bytes;
    while let Some(rest) = body.strip_prefix(b"\xef\xbb\xbf") {
        body = rest;
    }
    body.iter().find(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r')) == Some(&b'{')
}

fn mentions_potdraw(bytes: &[u8]) -> bool {
    let mut plain = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = bytes.get(i..i + 6).filter(|e| e.starts_with(b"\\u"));
        let ascii =
            escaped.and_then(|e| std::str::from_utf8(&e[2..]).ok()).and_then(|h| u8::from_str_radix(h, 16).ok());
        match ascii {
            Some(b) if b.is_ascii() => {
                plain.push(b);
                i += 6;
            }
            _ => {
                plain.push(bytes[i]);
                i += 1;
            }
        }
    }
    plain.windows(9).any(|w| w == b"\"potdraw/")
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
