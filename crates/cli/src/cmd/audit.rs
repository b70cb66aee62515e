//! `potdraw audit DIR [--key PUBLIC] [--json]`: an organiser's whole
//! history at once (SPEC §16.4).
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

use crate::args::AuditArgs;
use crate::published::{self, Found, SIGNATURE_SUFFIX};
use crate::Exit;
use anyhow::Result;
use potdraw_core::Hash32;
use potdraw_verify::history::{self, Doc, DrawInfo, Signed, Summary};
use potdraw_verify::signature::OrganiserKey;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A file found below the folder: its `/`-separated path relative to it,
/// and whether it is a symbolic link (or another non-regular file).
struct Entry {
    rel: String,
    special: bool,
}

pub fn run(a: AuditArgs) -> Result<Exit> {
    let key = a.key.as_deref().map(published::public_key).transpose()?;
    let meta =
        std::fs::metadata(&a.dir).map_err(|e| crate::problem!("audit-folder", folder = a.dir.display(), reason = e))?;
    if !meta.is_dir() {
        return Err(crate::problem!("audit-folder", folder = a.dir.display(), reason = "not a folder"));
    }
    let entries = walk(&a.dir)?;
    let mut summaries = summarise_all(&a.dir, &entries, key.as_ref());
    check_records(&a.dir, &mut summaries);
    let counts = Counts::of(&summaries);
    // SPEC §16.4: a folder without a single draw is the wrong folder, not a clean history.
    if counts.commitments + counts.transcripts == 0 {
        return Err(crate::problem!("audit-empty", folder = a.dir.display(), files = counts.files));
    }
    let h = history::assemble(summaries);
    let out = crate::render_audit::Audit { folder: &a.dir, key: key.as_ref(), counts, history: &h };
    if a.json {
        println!("{}", serde_json::to_string_pretty(&out.json())?);
    } else {
        print!("{}", out.text(crate::i18n::Lang::current()));
    }
    Ok(if h.is_clean() { Exit::Success } else { Exit::Failed })
}

/// How many files of each kind the folder holds.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub files: usize,
    pub commitments: usize,
    pub transcripts: usize,
    pub records: usize,
    pub signatures: usize,
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
                _ => c.other += 1,
            }
        }
        c
    }
}

/// Every file below `root`, sorted by path; folders are entered, links are not.
fn walk(root: &Path) -> Result<Vec<Entry>> {
    let mut found = Vec::new();
    let mut folders = vec![PathBuf::new()];
    while let Some(rel) = folders.pop() {
        let dir = root.join(&rel);
        let read =
            std::fs::read_dir(&dir).map_err(|e| crate::problem!("audit-folder", folder = dir.display(), reason = e))?;
        for item in read {
            let item = item.map_err(|e| crate::problem!("audit-folder", folder = dir.display(), reason = e))?;
            let kind =
                item.file_type().map_err(|e| crate::problem!("file-read", file = item.path().display(), reason = e))?;
            let path = rel.join(item.file_name());
            if kind.is_dir() {
                folders.push(path);
            } else {
                found.push(Entry { rel: path.to_string_lossy().into_owned(), special: !kind.is_file() });
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
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                s.spawn(move || {
                    (w..entries.len())
                        .step_by(workers)
                        .map(|i| (i, summarise(root, &entries[i], key)))
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

fn summarise(root: &Path, e: &Entry, key: Option<&OrganiserKey>) -> Summary {
    let summary = |doc, signature| Summary { path: e.rel.clone(), doc, signature };
    if e.special {
        return summary(Doc::NotPotdraw, Signed::NotRequired);
    }
    if let Some(signs) = e.rel.strip_suffix(SIGNATURE_SUFFIX) {
        return summary(Doc::Signature { signs: signs.to_string() }, Signed::NotRequired);
    }
    let path = root.join(&e.rel);
    let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
    let bytes = match crate::files::read(&path, super::MAX_DOCUMENT_BYTES) {
        Ok(b) => b,
        Err(err) => {
            let (class, _) = crate::problem::describe(&err);
            return summary(Doc::Unusable { reason: class.to_string() }, Signed::NotRequired);
        }
    };
    let signature = match key.map(|k| published::check_signature(k, &path, &bytes)) {
        None => Signed::NotChecked,
        Some(Ok(_)) => Signed::Good,
        Some(Err(None)) => Signed::Missing,
        Some(Err(Some(why))) => Signed::Bad(why.id()),
    };
    // SPEC §16.4: the organiser's published public key is expected beside
    // the documents; a secret key there is a leak, named like a receipt.
    if bytes.starts_with(b"untrusted comment:") {
        let text = String::from_utf8_lossy(&bytes);
        let doc = if OrganiserKey::parse(&text).is_ok() {
            Doc::Ignored
        } else if text.lines().next().is_some_and(|l| l.contains("secret key")) {
            Doc::Private
        } else {
            Doc::NotPotdraw
        };
        let signature = if signature == Signed::Missing { Signed::NotRequired } else { signature };
        return summary(doc, signature);
    }
    if name.starts_with("readme") {
        let signature = if signature == Signed::Missing { Signed::NotRequired } else { signature };
        return summary(Doc::Ignored, signature);
    }
    let doc = match published::classify(&path, bytes) {
        Found::Commitment(r) => match r.outcome {
            Ok(c) => Doc::Commitment(info(c.get())),
            Err(f) => Doc::Failed { check: f.check.id().to_string() },
        },
        Found::Transcript(r) => match r.outcome {
            Ok(d) => Doc::Transcript { draw: info(&d.get().transcript.commitment), digest: d.get().transcript_digest },
            Err(f) => Doc::Failed { check: f.check.id().to_string() },
        },
        Found::Amendments(a) => Doc::Amendments { transcript: a.transcript, failed: None },
        Found::Receipt => Doc::Private,
        Found::Unusable { class, .. } => Doc::Unusable { reason: class.to_string() },
        Found::NotPotdraw => Doc::NotPotdraw,
    };
    // SPEC §16.4: only potdraw documents must be signed.
    let signature = match (&doc, signature) {
        (Doc::NotPotdraw | Doc::Private, Signed::Missing) => Signed::NotRequired,
        (_, s) => s,
    };
    summary(doc, signature)
}

fn info(c: &potdraw_core::model::Commitment) -> DrawInfo {
    DrawInfo {
        commitment: c.digest,
        previous: c.previous,
        created_at: c.doc.created_at.clone(),
        title: c.doc.title.clone(),
        tickets: c.doc.candidates.count,
        recipients: c.doc.recipients,
    }
}

/// SPEC §15.4 for each record whose transcript is in the folder: the
/// transcript is read and verified again (one at a time), then the record.
fn check_records(root: &Path, files: &mut [Summary]) {
    let transcripts: BTreeMap<Hash32, String> = files
        .iter()
        .filter_map(|f| match &f.doc {
            Doc::Transcript { digest, .. } => Some((*digest, f.path.clone())),
            _ => None,
        })
        .collect();
    for f in files.iter_mut() {
        let Doc::Amendments { transcript, failed } = &mut f.doc else { continue };
        let Some(t_path) = transcripts.get(transcript) else { continue };
        let draw = match super::read_transcript(&root.join(t_path)).map(|t| potdraw_verify::verify_transcript(t, None))
        {
            Ok(r) => r.outcome,
            Err(_) => continue,
        };
        let Ok(draw) = draw else { continue };
        match super::amend::read_record(&root.join(&f.path)) {
            Ok(record) => {
                if let Err(fail) = potdraw_verify::amend::verify_amendments(&draw, record, None).outcome {
                    *failed = Some(fail.check.id().to_string());
                }
            }
            Err(e) => {
                let (class, _) = crate::problem::describe(&e);
                f.doc = Doc::Unusable { reason: class.to_string() };
            }
        }
    }
}
