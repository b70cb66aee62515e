//! `potdraw sign FILE --key SECRET`: a detached signature in minisign's
//! format, `FILE.minisig` (SPEC §16.2).
//!
//! WHY detached: a signature signs bytes that already exist; inside the
//! document it would change the digest it signs (SPEC §10). WHY a potdraw
//! document is verified first: the organiser's signature says "I published
//! this"; signing a transcript that fails its checks would put the
//! organiser's name under a broken draw. WHY the trusted comment names the
//! file, the format and the digests: minisign shows it to whoever verifies,
//! and it is signed, so the digest a person compares is the signed one.

use crate::args::SignArgs;
use crate::files::{self, Access};
use crate::i18n::Lang;
use crate::published::{self, Found};
use crate::{problem, t, Exit};
use anyhow::Result;
use potdraw_core::unicode::visible;
use potdraw_verify::signature::OrganiserKey;

pub fn run(a: SignArgs) -> Result<Exit> {
    let sig_path = published::signature_path(&a.file);
    files::ensure_writable(&sig_path, a.force)?;
    let sk = read_secret(&a.key)?;
    // With the public key, minisign checks the new signature before it is written.
    let pk = minisign::PublicKey::from_secret_key(&sk)
        .map_err(|_| problem!("key-secret-unreadable", file = a.key.display()))?;
    // SPEC §16.1 (issue 26): never sign with a key whose public half every
    // strict verifier refuses (small order, not canonical): such signatures
    // prove nothing, and the organiser must make a new key.
    let organiser = OrganiserKey::parse(&pk.to_base64())
        .map_err(|e| problem!("key-secret-weak", file = a.key.display(), reason = e.id()))?;
    let bytes = files::read(&a.file, crate::ops::documents::MAX_DOCUMENT_BYTES)?;
    let lang = Lang::current();
    let comment = match comment(&a.file, bytes.clone())? {
        Comment::Ready(c) => c,
        Comment::Failed(check) => return refuse(lang, &a.file, check),
    };
    let untrusted = "signature from a potdraw secret key";
    let sig = minisign::sign(Some(&pk), &sk, bytes.as_slice(), Some(&comment), Some(untrusted))
        .map_err(|e| problem!("sign-failed", file = a.file.display(), reason = e.to_string()))?
        .into_string();
    // And potdraw's own strict check (SPEC §16.2): what `sign` writes, `verify --key` accepts.
    organiser
        .verify(&bytes, &sig)
        .map_err(|e| problem!("sign-failed", file = a.file.display(), reason = e.to_string()))?;
    files::write(&sig_path, sig.as_bytes(), Access::Public, a.force)?;
    println!("{}", t!(lang, "sign.written", file = sig_path.display()));
    println!("  {}", t!(lang, "sign.comment", comment = comment));
    Ok(Exit::Success)
}

/// The trusted comment for a file, or the check a potdraw document failed.
pub enum Comment {
    Ready(String),
    Failed(&'static str),
}

/// SPEC §16.2: `potdraw file:NAME` and, for a potdraw document that
/// verifies, its format and digests. Receipts are refused (exit 2).
pub fn comment(file: &std::path::Path, bytes: Vec<u8>) -> Result<Comment> {
    let name = visible(&file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default());
    Ok(Comment::Ready(match published::classify(file, bytes) {
        Found::Commitment(r) => match r.outcome {
            Ok(c) => format!("potdraw file:{name} format:{} commitment:{}", c.get().doc.format, c.get().doc.digest),
            Err(f) => return Ok(Comment::Failed(f.check.id())),
        },
        Found::Transcript(r) => match r.outcome {
            Ok(d) => {
                let t = &d.get().transcript;
                format!(
                    "potdraw file:{name} format:{} transcript:{} commitment:{}",
                    t.doc.format,
                    hex::encode(d.get().transcript_digest),
                    t.commitment.doc.digest
                )
            }
            Err(f) => return Ok(Comment::Failed(f.check.id())),
        },
        Found::ListsCommitment(r) => match r.outcome {
            Ok(c) => format!("potdraw file:{name} format:{} commitment:{}", c.get().doc.format, c.get().doc.digest),
            Err(f) => return Ok(Comment::Failed(f.check.id())),
        },
        Found::ListsTranscript(r) => match r.outcome {
            Ok(d) => {
                let t = &d.get().transcript;
                format!(
                    "potdraw file:{name} format:{} transcript:{} commitment:{}",
                    t.doc.format,
                    hex::encode(d.get().transcript_digest),
                    t.commitment.doc.digest
                )
            }
            Err(f) => return Ok(Comment::Failed(f.check.id())),
        },
        Found::Amendments(r) => {
            let digest = potdraw_core::amend::digest(&r.doc).map(hex::encode).unwrap_or_default();
            format!(
                "potdraw file:{name} format:{} record:{digest} transcript:{}",
                r.doc.format,
                hex::encode(r.transcript)
            )
        }
        Found::Receipt => return Err(problem!("sign-receipt", file = file.display())),
        Found::Unusable { class, message } => return Err(problem_of(class, message)),
        Found::NotPotdraw => format!("potdraw file:{name}"),
    }))
}

/// A failed document is not signed: exit 1, as `verify` would.
fn refuse(lang: Lang, file: &std::path::Path, check: &str) -> Result<Exit> {
    eprintln!("potdraw: {}", t!(lang, "sign.not-verified", file = file.display(), check = check));
    Ok(Exit::Failed)
}

fn problem_of(class: &'static str, message: String) -> anyhow::Error {
    anyhow::Error::new(crate::problem::Problem { class, message })
}

/// A minisign secret key; a password-protected one asks for its password
/// on the terminal (minisign's own prompt).
fn read_secret(path: &std::path::Path) -> Result<minisign::SecretKey> {
    let text = files::read(path, 4096)?;
    let text = String::from_utf8(text).map_err(|_| problem!("key-secret-unreadable", file = path.display()))?;
    let unreadable = |_| problem!("key-secret-unreadable", file = path.display());
    let sk_box = || minisign::SecretKeyBox::from_string(&text).map_err(unreadable);
    // Unencrypted first (potdraw's keys, `minisign -G -W`); else minisign asks.
    match sk_box()?.into_unencrypted_secret_key() {
        Ok(sk) => Ok(sk),
        Err(_) => match unencrypted_without_checksum(&text) {
            Some(sk) => Ok(sk),
            None => sk_box()?.into_secret_key(None).map_err(unreadable),
        },
    }
}

/// `minisign -G -W` (Debian's minisign 0.11) writes an unencrypted key with
/// an all-zero checksum, which the minisign crate refuses as corrupted. The
/// key itself is read by the crate (`SecretKey::from_bytes`); a corrupted
/// key is still caught, because `sign` checks each new signature against the
/// public half stored in the key.
fn unencrypted_without_checksum(text: &str) -> Option<minisign::SecretKey> {
    use base64::Engine;
    let line = text.lines().nth(1)?.trim();
    let bytes = base64::engine::general_purpose::STANDARD.decode(line).ok()?;
    // SPEC §16.1: "Ed", KDF "\0\0" (none), checksum algorithm "B2", … 158 bytes.
    if bytes.len() != 158 || &bytes[..6] != b"Ed\0\0B2" || bytes[126..].iter().any(|&b| b != 0) {
        return None;
    }
    minisign::SecretKey::from_bytes(&bytes).ok()
}
