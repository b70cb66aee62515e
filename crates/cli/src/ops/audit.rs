//! The audit walk (SPEC §16.4): an organiser's whole history at once, read
//! from a published folder (`potdraw audit` says it).
//!
//! WHY: one transcript proves one draw; only the collection shows that a
//! commitment was drawn twice, never drawn, or that the chain of `previous`
//! links has a fork or a gap. This module reads the folder; the matching is
//! `potdraw_verify::history`, without I/O, where an auditor can read it.
//!
//! WHY one file at a time, keeping a summary: a collective's mirror may hold
//! thousands of documents; memory is bounded by the largest document, not
//! by their number. WHY two worker threads: reading and verifying 20,000
//! small transcripts is CPU work that two cores halve; the answer does not
//! depend on which thread finished first, because the summaries are sorted
//! by path before they are matched. WHY symbolic links are not followed: a
//! link can point out of the folder, or at itself; each is listed as
//! `not-potdraw` by its own name instead.
//!
//! WHY by content first, and names kept as the OS gave them: a re-draw hid
//! behind `README-redraw.json`, `transcript.json.minisig.minisig`, a
//! non-UTF-8 name beside its lossy twin, and leading whitespace (issue 20).
//! No name exempts a file from being read; only the display is escaped.

use crate::ops::audit_pages::{self, tool_page, Page};
use crate::published::{self, Found, SIGNATURE_SUFFIX};
use anyhow::Result;
use potdraw_core::Hash32;
use potdraw_verify::history::{self, Doc, DrawInfo, Signed, Summary};
use potdraw_verify::signature::OrganiserKey;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A file found below the folder: its path relative to it (kept as the
/// operating system gave it, so a name that is not UTF-8 is still read by
/// its own bytes), the same path for display (`/`-separated, bytes that are
/// not UTF-8 written `\xNN`), and what kind of entry it is.
struct Entry {
    rel: PathBuf,
    display: String,
    kind: EntryKind,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum EntryKind {
    File,
    /// A symbolic link, FIFO, device or socket: listed, never opened.
    Special,
    /// A sub-folder that could not be listed (SPEC §16.4: a problem, and
    /// the audit goes on with the rest).
    UnreadableFolder,
}

/// `path` for display: UTF-8 as it is, every other byte as `\xNN`, so two
/// different names never look the same (WHY: a lossy `\u{FFFD}` made
/// `t\xff.json` and `t\u{FFFD}.json` one file, and a re-draw hid, issue 20).
pub fn display_path(path: &Path) -> String {
    let mut out = String::new();
    for (i, part) in path.iter().enumerate() {
        if i > 0 {
            out.push('/');
        }
        for chunk in part.as_encoded_bytes().utf8_chunks() {
            out.push_str(chunk.valid());
            for b in chunk.invalid() {
                out.push_str(&format!("\\x{b:02x}"));
            }
        }
    }
    out
}

/// SPEC §16.4: the audit of a folder — every file read and summarised, the
/// records checked, the counts, and the organiser's history assembled.
/// With `tsa_roots`, time-stamp tokens are checked too (SPEC §18,
/// [`crate::ops::audit_stamps`]).
pub fn examine(
    dir: &Path,
    key: Option<&OrganiserKey>,
    tsa_roots: Option<&potdraw_timestamp::Roots>,
) -> Result<(Counts, history::History)> {
    let meta =
        std::fs::metadata(dir).map_err(|e| crate::problem!("audit-folder", folder = dir.display(), reason = e))?;
    if !meta.is_dir() {
        return Err(crate::problem!("audit-folder", folder = dir.display(), reason = "not a folder"));
    }
    let entries = walk(dir)?;
    let mut summaries = summarise_all(dir, &entries, key);
    check_records(dir, &entries, &mut summaries);
    let rel: Vec<PathBuf> = entries.iter().map(|e| e.rel.clone()).collect();
    crate::ops::audit_stamps::resolve(dir, &rel, &mut summaries, tsa_roots);
    let counts = Counts::of(&summaries);
    // SPEC §16.4: a folder without a single draw is the wrong folder, not a clean history.
    if counts.commitments + counts.transcripts == 0 {
        return Err(crate::problem!("audit-empty", folder = dir.display(), files = counts.files));
    }
    Ok((counts, history::assemble(summaries)))
}

/// How many files of each kind the folder holds.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub files: usize,
    pub commitments: usize,
    pub transcripts: usize,
    pub records: usize,
    pub signatures: usize,
    /// Time-stamp tokens (SPEC §18), and how many passed against the roots given.
    pub timestamps: usize,
    pub timestamps_trusted: usize,
    pub other: usize,
}

impl Counts {
    fn of(files: &[Summary]) -> Counts {
        let mut c = Counts { files: files.len(), ..Counts::default() };
        for f in files {
            match &f.doc {
                Doc::Commitment(_) => c.commitments += 1,
                Doc::Transcript { .. } => c.transcripts += 1,
                Doc::Amendments { .. } => c.records += 1,
                Doc::Signature { .. } => c.signatures += 1,
                Doc::TimeStamp { trusted, .. } => {
                    c.timestamps += 1;
                    c.timestamps_trusted += usize::from(*trusted);
                }
                _ => c.other += 1,
            }
        }
        c
    }
}

/// Every file below `root`, sorted by path; folders are entered, links are
/// not. Only `root` itself must be readable: a sub-folder that cannot be
/// listed is an entry of its own (SPEC §16.4), so one folder cannot stop the
/// audit of the rest (issue 20, finding 8).
fn walk(root: &Path) -> Result<Vec<Entry>> {
    let mut found = Vec::new();
    let mut folders = vec![PathBuf::new()];
    let entry = |rel: PathBuf, kind| Entry { display: display_path(&rel), rel, kind };
    while let Some(rel) = folders.pop() {
        let dir = root.join(&rel);
        let read = match std::fs::read_dir(&dir) {
            Ok(r) => r,
            Err(e) if rel.as_os_str().is_empty() => {
                return Err(crate::problem!("audit-folder", folder = dir.display(), reason = e))
            }
            Err(_) => {
                found.push(entry(rel, EntryKind::UnreadableFolder));
                continue;
            }
        };
        for item in read {
            let Ok(item) = item else {
                found.push(entry(rel.clone(), EntryKind::UnreadableFolder));
                break;
            };
            let path = rel.join(item.file_name());
            match item.file_type() {
                Ok(kind) if kind.is_dir() => folders.push(path),
                Ok(kind) if kind.is_file() => found.push(entry(path, EntryKind::File)),
                _ => found.push(entry(path, EntryKind::Special)),
            }
        }
    }
    found.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok(found)
}

/// Summaries of every file, made by up to two threads; the order of the
/// result is the order of `entries`.
fn summarise_all(root: &Path, entries: &[Entry], key: Option<&OrganiserKey>) -> Vec<Summary> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 2);
    let mut slots: Vec<Option<Summary>> = vec![None; entries.len()];
    // WHY a shared counter and not every other file: sorted by path, a
    // folder alternates documents and their `.minisig` files, so "every
    // other file" gave one worker every document (and every signature
    // check) and the other only the cheap signature files.
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let next = &next;
                s.spawn(move || {
                    std::iter::from_fn(|| {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        (i < entries.len()).then(|| (i, summarise(root, &entries[i], key)))
                    })
                    .collect::<Vec<_>>()
                })
            })
            .collect();
        for h in handles {
            for (i, summary) in h.join().expect("an audit worker panicked") {
                slots[i] = Some(summary);
            }
        }
    });
    slots.into_iter().flatten().collect()
}

/// How much of a file is read before deciding whether to read it whole.
const SNIFF_BYTES: u64 = 4096;

/// A file's bytes, or why it was not read whole: a file that does not start
/// like a JSON object or a minisign file is not potdraw's and is not read
/// beyond its first 4 KiB (issue 20, finding 7).
enum Read {
    Whole(Vec<u8>),
    /// Not a document; for a page the tool writes, which one (issue 27).
    NotPotdraw(Option<Page>),
    /// Starts like a JSON object and is larger than any document read.
    TooLarge,
    Failed(&'static str),
}

fn read_sniffed(path: &Path) -> Read {
    use std::io::{Read as _, Seek};
    let failed = |e: anyhow::Error| Read::Failed(crate::problem::describe(&e).0);
    // Listed as a regular file, but opened without following a link that
    // may have replaced it since (finding 6).
    let Some(mut handle) = crate::files::open_regular_no_follow(path) else {
        return Read::Failed("file-read");
    };
    let mut head = Vec::new();
    if (&mut handle).take(SNIFF_BYTES).read_to_end(&mut head).is_err() {
        return Read::Failed("file-read");
    }
    // Byte order marks or leading whitespace do not decide: the parse
    // does (a padded document is still a document, issue 20, finding 5).
    // Nor does UTF-16 (Notepad's "Unicode") or a second byte order mark:
    // no reader accepts those, so the audit must say so (issue 26).
    let mut body = &head[..];
    while let Some(rest) = body.strip_prefix(b"\xef\xbb\xbf") {
        body = rest;
    }
    let first = body.iter().find(|b| !b.is_ascii_whitespace());
    let blank_so_far = first.is_none() && head.len() as u64 == SNIFF_BYTES;
    let minisign = head.starts_with(b"untrusted comment:");
    let utf16 = head.starts_with(b"\xff\xfe") || head.starts_with(b"\xfe\xff");
    if first != Some(&b'{') && !minisign && !blank_so_far && !utf16 {
        return Read::NotPotdraw(tool_page(&head));
    }
    let len = handle.metadata().map(|m| m.len()).unwrap_or(0);
    // WHY every such file and not only one whose first 4 KiB name a potdraw
    // format: `format` may come after a long member or be escapes, so no
    // look at a part can say it is not a document (issue 26).
    if len > crate::ops::documents::MAX_DOCUMENT_BYTES {
        return Read::TooLarge;
    }
    if handle.rewind().is_err() {
        return Read::Failed("file-read");
    }
    match crate::files::read_opened(handle, path, crate::ops::documents::MAX_DOCUMENT_BYTES) {
        Ok(b) => Read::Whole(b),
        Err(e) => failed(e),
    }
}

fn summarise(root: &Path, e: &Entry, key: Option<&OrganiserKey>) -> Summary {
    let summary = |doc, signature| Summary { path: e.display.clone(), doc, signature };
    match e.kind {
        EntryKind::File => {}
        EntryKind::Special => return summary(Doc::NotPotdraw, Signed::NotRequired),
        EntryKind::UnreadableFolder => {
            return summary(Doc::Unusable { reason: "folder-unreadable".into() }, Signed::NotRequired)
        }
    }
    let path = root.join(&e.rel);
    // SPEC §18: a `.tsr` that reads as a time-stamp token (never by name alone).
    if let Some(doc) = crate::ops::audit_stamps::sniff(&path) {
        return summary(doc, Signed::NotRequired);
    }
    let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
    let readme = name.starts_with("readme");
    let other = |doc| {
        let doc = if readme && doc == Doc::NotPotdraw { Doc::Ignored } else { doc };
        summary(doc, Signed::NotRequired)
    };
    let bytes = match read_sniffed(&path) {
        Read::Whole(b) => b,
        // SPEC §16.4: a page the tool writes for publishing (the report, the
        // verifier page) is expected beside the documents; one it writes for
        // the organiser alone (slips with every code, the seed sheet) is a
        // leak, named like a receipt (issue 27).
        Read::NotPotdraw(Some(Page::Verifier)) => return summary(Doc::Ignored, Signed::NotRequired),
        // Issue 26, F4: a page about a draw must name one of the folder's.
        Read::NotPotdraw(Some(Page::AboutADraw)) => {
            return summary(Doc::Page { names: audit_pages::digests_named(&path) }, Signed::NotRequired)
        }
        Read::NotPotdraw(Some(Page::Secret)) => return summary(Doc::Private, Signed::NotRequired),
        // SPEC §18.1: a time-stamp token beside a document (`DOC.NAME.tsr`,
        // as `publish` copies it) is expected; `verify` checks it.
        Read::NotPotdraw(None) if name.ends_with(".tsr") && is_time_stamp(&path) => {
            return summary(Doc::Ignored, Signed::NotRequired)
        }
        Read::NotPotdraw(None) => return other(Doc::NotPotdraw),
        Read::TooLarge => return summary(Doc::Unusable { reason: "file-too-large".into() }, Signed::NotRequired),
        Read::Failed(class) => return summary(Doc::Unusable { reason: class.to_string() }, Signed::NotRequired),
    };
    // SPEC §16.4: a `.minisig` is a signature only when it parses as one
    // (strictly, as minisign reads it); anything else under that name is
    // read by its content like any other file, so a document cannot hide
    // behind the name (issue 20, finding 2).
    if bytes.starts_with(b"untrusted comment:") {
        let text = String::from_utf8_lossy(&bytes);
        if potdraw_verify::signature::is_signature(&text) {
            return match e.display.strip_suffix(SIGNATURE_SUFFIX) {
                Some(signs) => summary(Doc::Signature { signs: signs.to_string() }, Signed::NotRequired),
                None => other(Doc::NotPotdraw),
            };
        }
        // SPEC §16.4: the organiser's published public key is expected
        // beside the documents; a secret key there is a leak, named like a
        // receipt. By its form: a weak key published here is refused only
        // when given as --key (SPEC §16.1).
        let doc = if potdraw_verify::signature::is_public_key(&text) {
            Doc::Ignored
        } else if is_secret_key(&text) {
            Doc::Private
        } else {
            Doc::NotPotdraw
        };
        return summary(doc, Signed::NotRequired);
    }
    let signature = match key.map(|k| published::check_signature(k, &path, &bytes)) {
        None => Signed::NotChecked,
        Some(Ok(_)) => Signed::Good,
        Some(Err(None)) => Signed::Missing,
        Some(Err(Some(why))) => Signed::Bad(why.id()),
    };
    let doc = match published::classify(&path, bytes) {
        Found::Commitment(r) => match r.outcome {
            Ok(c) => Doc::Commitment(info(c.get())),
            Err(f) => Doc::Failed { check: f.check.id().to_string() },
        },
        Found::Transcript(r) => match r.outcome {
            Ok(d) => Doc::Transcript { draw: info(&d.get().transcript.commitment), digest: d.get().transcript_digest },
            Err(f) => Doc::Failed { check: f.check.id().to_string() },
        },
        Found::ListsCommitment(r) => match r.outcome {
            Ok(c) => Doc::Commitment(info_of_lists(c.get())),
            Err(f) => Doc::Failed { check: f.check.id().to_string() },
        },
        Found::ListsTranscript(r) => match r.outcome {
            Ok(d) => Doc::Transcript {
                draw: info_of_lists(&d.get().transcript.commitment),
                digest: d.get().transcript_digest,
            },
            Err(f) => Doc::Failed { check: f.check.id().to_string() },
        },
        Found::Amendments(a) => Doc::Amendments { transcript: a.transcript, failed: None, rewritten: None },
        Found::Receipt => Doc::Private,
        Found::Unusable { class, .. } => Doc::Unusable { reason: class.to_string() },
        // SPEC §16.4: a README is ignored only when it is not a potdraw
        // document; the content decides first (issue 20, finding 1).
        Found::NotPotdraw if readme => Doc::Ignored,
        Found::NotPotdraw => Doc::NotPotdraw,
    };
    // SPEC §16.4: only potdraw documents must be signed.
    let signature = match (&doc, signature) {
        (Doc::Private | Doc::NotPotdraw | Doc::Ignored, Signed::Missing) => Signed::NotRequired,
        (_, s) => s,
    };
    summary(doc, signature)
}

/// Whether the file is an RFC 3161 time-stamp response or token: one that
/// parses as such (held against no commitment here, so any other verdict,
/// such as another imprint, still says it is a token).
fn is_time_stamp(path: &Path) -> bool {
    use potdraw_timestamp::TokenError as E;
    let Some(handle) = crate::files::open_regular_no_follow(path) else { return false };
    let Ok(bytes) = crate::files::read_opened(handle, path, 1 << 20) else { return false };
    match potdraw_timestamp::check(&bytes, &[0; 32], &potdraw_timestamp::Roots::none(), None) {
        Ok(_) => true,
        Err(E::Malformed { .. } | E::NotGranted { .. } | E::NoToken | E::NotATimeStamp { .. }) => false,
        Err(_) => true,
    }
}

/// Whether `text` is a minisign secret key file, by its content and not by
/// its comment (which anyone can edit): the second line decodes to the 158
/// bytes of minisign's secret key box, starting with the algorithm `Ed`.
fn is_secret_key(text: &str) -> bool {
    use base64::Engine;
    let Some(line) = text.lines().nth(1) else { return false };
    let decoded = base64::engine::general_purpose::STANDARD.decode(line.trim());
    decoded.is_ok_and(|b| b.len() == 158 && b.starts_with(b"Ed"))
}

fn info(c: &potdraw_core::model::Commitment) -> DrawInfo {
    DrawInfo {
        commitment: c.digest,
        previous: c.previous,
        created_at: c.doc.created_at.clone(),
        title: c.doc.title.clone(),
        tickets: c.doc.candidates.count,
        recipients: c.doc.recipients,
        companions: 0,
    }
}

/// A draw with several lists (SPEC §17) in the table: its tickets and
/// recipients are those of all its lists together.
fn info_of_lists(c: &potdraw_core::lists::ListsCommitment) -> DrawInfo {
    DrawInfo {
        commitment: c.digest,
        previous: c.previous,
        created_at: c.doc.created_at.clone(),
        title: c.doc.title.clone(),
        tickets: c.doc.lists.iter().map(|l| l.candidates.count).sum(),
        recipients: c.doc.lists.iter().filter(|l| l.companions_of.is_none()).map(|l| l.recipients).sum(),
        companions: c.doc.lists.iter().filter(|l| l.companions_of.is_some()).map(|l| l.recipients).sum(),
    }
}

/// SPEC §15.4 for each record whose transcript is in the folder, then
/// SPEC §16.4 `amendments-rewritten`: the verified records of one
/// transcript are versions of one record, so each must be a prefix of the
/// longest (the `amendments-prefix` rule of §15.4 step 5); two that are not
/// would let an organiser show each reader the version that suits them.
/// WHY kept in memory: records are small (one line per substitution) and
/// few (one per draw, each version a file).
fn check_records(root: &Path, entries: &[Entry], files: &mut [Summary]) {
    let mut versions: BTreeMap<Hash32, Vec<(usize, potdraw_core::amend::Amendments)>> = BTreeMap::new();
    verify_records(root, entries, files, &mut versions, &mut load_transcript);
    for records in versions.values() {
        let Some((longest, top)) = records.iter().max_by_key(|(i, r)| (r.events.len(), std::cmp::Reverse(*i))) else {
            continue;
        };
        for (i, r) in records {
            if i != longest && !potdraw_verify::amend::is_prefix(r, top) {
                let longer = files[*longest].path.clone();
                if let Doc::Amendments { rewritten, .. } = &mut files[*i].doc {
                    *rewritten = Some(longer);
                }
            }
        }
    }
}

/// What SPEC §15.4 needs of a transcript that records name. One lives at a
/// time, so the size of the verified draw costs nothing.
#[allow(clippy::large_enum_variant)]
enum Loaded {
    Draw(potdraw_verify::Verified<potdraw_verify::Draw>),
    /// A draw with several lists: a v2 record applies (SPEC §15.8), a v1
    /// record is unusable (§17.10).
    Lists(potdraw_verify::Verified<potdraw_verify::ListsDraw>),
    /// Unreadable or not verified: already a problem of its own.
    Unverified,
}

/// Reads and verifies a transcript again (the summaries keep only digests,
/// so memory stays bounded by the largest document, not by their number).
fn load_transcript(path: &Path) -> Loaded {
    let Ok(bytes) = crate::files::read(path, crate::ops::documents::MAX_DOCUMENT_BYTES) else {
        return Loaded::Unverified;
    };
    if potdraw_core::parse::kind(&bytes) == potdraw_core::parse::Kind::ListsTranscript {
        let Ok(t) = potdraw_core::lists::parse_transcript(&bytes) else { return Loaded::Unverified };
        return match potdraw_verify::verify_lists_transcript(t, None).outcome {
            Ok(d) => Loaded::Lists(d),
            Err(_) => Loaded::Unverified,
        };
    }
    let Ok(t) = potdraw_core::parse::transcript_owned(bytes) else { return Loaded::Unverified };
    match potdraw_verify::verify_transcript(t, None).outcome {
        Ok(d) => Loaded::Draw(d),
        Err(_) => Loaded::Unverified,
    }
}

/// The records, grouped by the transcript they name: each transcript is
/// read and verified once (`load`), however many records name it, and
/// dropped before the next (WHY: 100 records of one 20 MB transcript made
/// the audit verify it 100 times, 0.2 s became 10 s, issue 26).
fn verify_records(
    root: &Path,
    entries: &[Entry],
    files: &mut [Summary],
    versions: &mut BTreeMap<Hash32, Vec<(usize, potdraw_core::amend::Amendments)>>,
    load: &mut dyn FnMut(&Path) -> Loaded,
) {
    let mut transcripts: BTreeMap<Hash32, &Path> = BTreeMap::new();
    let mut records: BTreeMap<Hash32, Vec<usize>> = BTreeMap::new();
    for (index, (f, e)) in files.iter().zip(entries).enumerate() {
        match &f.doc {
            Doc::Transcript { digest, .. } => {
                transcripts.entry(*digest).or_insert(&e.rel);
            }
            Doc::Amendments { transcript, .. } => records.entry(*transcript).or_default().push(index),
            _ => {}
        }
    }
    for (digest, indexes) in records {
        let Some(t_path) = transcripts.get(&digest) else { continue };
        let draw = load(&root.join(t_path));
        if matches!(draw, Loaded::Unverified) {
            continue;
        }
        for index in indexes {
            let Doc::Amendments { failed, .. } = &mut files[index].doc else { continue };
            match crate::ops::amendments::read_record(&root.join(&entries[index].rel)) {
                Ok(record) => {
                    let copy = record.clone();
                    // SPEC §15.4; for a draw with several lists §15.8, and a
                    // `potdraw/amendments/v1` record there is unusable (§17.10).
                    let outcome = match &draw {
                        Loaded::Draw(d) => {
                            potdraw_verify::amend::verify_amendments(d, record, None).outcome.map(|_| ())
                        }
                        Loaded::Lists(d) => match potdraw_verify::amend_lists::verify_lists_amendments(d, record, None)
                        {
                            Ok(report) => report.outcome.map(|_| ()),
                            Err(_) => {
                                files[index].doc = Doc::Unusable { reason: "amendments-lists".to_string() };
                                continue;
                            }
                        },
                        Loaded::Unverified => continue,
                    };
                    match outcome {
                        Err(fail) => *failed = Some(fail.check.id().to_string()),
                        Ok(()) => versions.entry(digest).or_default().push((index, copy)),
                    }
                }
                Err(e) => {
                    let (class, _) = crate::problem::describe(&e);
                    files[index].doc = Doc::Unusable { reason: class.to_string() };
                }
            }
        }
    }
}

#[cfg(test)]
#[path = "audit_tests.rs"]
mod tests;
