//! `potdraw publish`'s operation (issue 29): the draw's folder that `commit`
//! made becomes a folder ready for any static web host — the draw's own page
//! (`index.html`), the verifier page, the documents under the names the page
//! looks for, their signatures and time stamps, a fresh report and a
//! `README.txt`.
//!
//! WHY only `public/`: `private/` holds the seed and every code; nothing is
//! ever read from it, so nothing of it can reach the site. WHY verified
//! first: a page that shows a forged draw as a result would be worse than
//! none, so a transcript (or record) that does not verify writes nothing.
//! WHY one folder written at once: it is built beside the target under a
//! hidden name and renamed into place, so the host gets the old site or the
//! new one, never half of one.

use crate::files::{self, Access};
use crate::i18n::Lang;
use crate::ops::amendments::Checked;
use crate::ops::documents::{AnyCommitment, MAX_DOCUMENT_BYTES};
use crate::ops::verifying::Verification;
use crate::problem;
use crate::published::SIGNATURE_SUFFIX;
use crate::site::{Head, Index, Listed};
use anyhow::Result;
use potdraw_core::parse::Kind;
use potdraw_verify::{ByVersion, Drawn};
use std::path::{Path, PathBuf};

/// What `publish` is asked to do.
pub struct Request<'a> {
    /// The draw's folder (with `public/`).
    pub dir: &'a Path,
    /// The site folder to write.
    pub out: &'a Path,
    /// The address the site will have (for the slips' QR codes).
    pub url: Option<&'a str>,
    pub force: bool,
    /// The pages' first language (the other one follows on the same page).
    pub lang: Lang,
    /// Trust anchors for the time stamps beside the documents (SPEC §18).
    pub tsa_roots: Option<&'a Path>,
}

/// The outcome: the site written, or why nothing was.
pub enum Outcome {
    Written(Site),
    /// The transcript did not verify (exit 1).
    NotVerified {
        file: PathBuf,
        verification: Box<Verification>,
    },
    /// The record of substitutions did not verify (exit 1).
    RecordFailed {
        file: PathBuf,
        record: Box<Checked>,
    },
    /// A trusted time stamp is after the draw's first unpredictable value
    /// (SPEC §18.3, exit 1, as `verify` and `report`).
    PublishedAfter {
        file: PathBuf,
        stamps: Box<crate::timestamps::Timestamps>,
    },
    /// The commitment alone (no transcript yet) did not verify (exit 1).
    CommitmentFailed {
        file: PathBuf,
        check: &'static str,
    },
}

/// What was written.
pub struct Site {
    /// The file names, in the order written.
    pub files: Vec<String>,
    /// Whether the draw has taken place (a transcript is published).
    pub drawn: bool,
    /// The verifier page's address, when `--url` was given.
    pub page_url: Option<String>,
}

/// The names the page looks for in its own folder (web/src/page.js).
pub const TRANSCRIPT: &str = "transcript.json";
pub const COMMITMENT: &str = "commitment.json";
pub const RECORD: &str = "amendments.json";

/// An http(s) address without a fragment or query, printable on a slip.
pub fn check_url(url: &str) -> Result<String> {
    let ok = (url.starts_with("https://") || url.starts_with("http://"))
        && url.len() <= 200
        && !url.contains(['#', '?'])
        && url.chars().all(|c| c.is_ascii_graphic());
    if !ok {
        return Err(problem!("publish-url", found = format!("{url:?}")));
    }
    Ok(url.trim_end_matches('/').to_string())
}

/// The documents found in `public/`, by content.
#[derive(Default)]
struct Found {
    commitments: Vec<PathBuf>,
    transcripts: Vec<PathBuf>,
    records: Vec<(PathBuf, potdraw_core::Hash32, usize)>,
    keys: Vec<(String, Vec<u8>)>,
}

fn scan(public: &Path) -> Result<Found> {
    let entries = std::fs::read_dir(public)
        .map_err(|e| problem!("file-read", file = public.display(), reason = crate::os::reason(&e)))?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    let mut found = Found::default();
    for path in paths {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name.ends_with(SIGNATURE_SUFFIX) || name.ends_with(".tsr") || name.starts_with('.') {
            continue;
        }
        // A link, a FIFO or a folder is never published (it may point anywhere).
        let Some(handle) = files::open_regular_no_follow(&path) else { continue };
        let bytes = files::read_opened(handle, &path, MAX_DOCUMENT_BYTES)?;
        match potdraw_core::parse::kind(&bytes) {
            Kind::Commitment | Kind::ListsCommitment => found.commitments.push(path),
            Kind::Transcript | Kind::ListsTranscript => found.transcripts.push(path),
            Kind::Amendments => {
                let record = potdraw_core::amend::parse(&bytes).map_err(|e| problem::parse(&path.display(), &e))?;
                found.records.push((path, record.transcript, record.events.len()));
            }
            _ if name.ends_with(".pub") => {
                let text = String::from_utf8_lossy(&bytes);
                if potdraw_verify::signature::is_public_key(&text) {
                    found.keys.push((name, bytes));
                }
            }
            _ => {}
        }
    }
    Ok(found)
}

fn one(folder: &Path, mut paths: Vec<PathBuf>) -> Result<Option<PathBuf>> {
    if paths.len() > 1 {
        let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        return Err(problem!("publish-many", folder = folder.display(), files = names.join(", ")));
    }
    Ok(paths.pop())
}

/// SPEC §8, §15.4, §17.7, then the site: see the module's comment.
pub fn publish(req: &Request<'_>) -> Result<Outcome> {
    let page_url = req.url.map(check_url).transpose()?.map(|u| format!("{u}/verify.html"));
    check_site_target(req.out, req.force)?;
    let public = req.dir.join("public");
    if !public.is_dir() {
        return Err(problem!("publish-no-public", folder = req.dir.display()));
    }
    let found = scan(&public)?;
    let transcript = one(&public, found.transcripts)?;
    let commitment = one(&public, found.commitments)?;
    if transcript.is_none() && commitment.is_none() {
        return Err(problem!("publish-nothing", folder = public.display()));
    }
    let mut stamps = None;
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut documents: Vec<Listed> = Vec::new();
    let mut add = |files: &mut Vec<(String, Vec<u8>)>, from: &Path, name: &str| -> Result<()> {
        files.push((name.to_string(), files::read(from, MAX_DOCUMENT_BYTES)?));
        let mut listed = Listed { name: name.to_string(), signature: None, stamps: Vec::new() };
        if let Some(sig) = signature_of(from) {
            let sig_name = format!("{name}{SIGNATURE_SUFFIX}");
            files.push((sig_name.clone(), sig));
            listed.signature = Some(sig_name);
        }
        for (suffix, bytes) in stamps_of(from)? {
            let stamp = format!("{name}{suffix}");
            files.push((stamp.clone(), bytes));
            listed.stamps.push(stamp);
        }
        documents.push(listed);
        Ok(())
    };
    let (index, drawn) = match &transcript {
        Some(t) => {
            let v = crate::ops::verifying::verify(t, commitment.as_deref())?;
            let Some(drawn) = drawn_of(&v) else {
                return Ok(Outcome::NotVerified { file: t.clone(), verification: Box::new(v) });
            };
            let digest = *drawn.transcript_digest();
            let record = found.records.iter().filter(|r| r.1 == digest).max_by_key(|r| r.2).map(|r| r.0.clone());
            let checked = match &record {
                Some(path) => match v.check_record(t, path, None)? {
                    Some(c) if c.is_verified() => Some(c),
                    Some(c) => return Ok(Outcome::RecordFailed { file: path.clone(), record: Box::new(c) }),
                    None => None,
                },
                None => None,
            };
            add(&mut files, t, TRANSCRIPT)?;
            if let Some(c) = &commitment {
                add(&mut files, c, COMMITMENT)?;
            }
            if let Some(r) = &record {
                add(&mut files, r, RECORD)?;
            }
            let cfg = crate::config::ReportConfig {
                transcript: t.clone(),
                commitment: commitment.clone(),
                amendments: record.clone(),
                out: PathBuf::new(),
                force: true,
            };
            let report = match crate::ops::report::make_with_roots(&cfg, req.tsa_roots, req.lang)? {
                crate::ops::report::Made::Page(html) => html,
                crate::ops::report::Made::PublishedAfter(stamps) => {
                    return Ok(Outcome::PublishedAfter { file: t.clone(), stamps });
                }
                _ => anyhow::bail!("internal error: a verified draw without its report"),
            };
            // SPEC §18: what the time stamps prove, on the draw's page as in the report.
            stamps = crate::ops::report::stamps_of(&cfg, req.tsa_roots)?;
            push_page(&mut files, &public, "report.html", report.into_bytes());
            let subs = |lang| checked.as_ref().and_then(|c| crate::site::substitutions(lang, c));
            let substitutions = [subs(req.lang), subs(other(req.lang))];
            ((head_of(&drawn), Some(drawn), substitutions), true)
        }
        None => {
            let path = commitment.clone().unwrap_or_default();
            let c = AnyCommitment::read(&path)?;
            if let Some(check) = commitment_failure(&c) {
                return Ok(Outcome::CommitmentFailed { file: path, check });
            }
            add(&mut files, &path, COMMITMENT)?;
            ((head_of_commitment(&c), None, [None, None]), false)
        }
    };
    let (head, drawn_draw, substitutions) = index;
    push_page(&mut files, &public, "verify.html", crate::verifier_page::page_in(req.lang).into_bytes());
    for (name, bytes) in found.keys {
        files.push((name.clone(), bytes));
        documents.push(Listed { name, signature: None, stamps: Vec::new() });
    }
    let index = Index {
        head: &head,
        drawn: drawn_draw.as_ref(),
        substitutions: &substitutions,
        documents: &documents,
        extra: files.iter().map(|(n, _)| n.as_str()).filter(|n| n.ends_with(".html")).collect(),
        url: page_url.as_deref(),
    };
    let mut html = crate::site::render_index(&index, req.lang, other(req.lang));
    if let Some(ts) = &stamps {
        html = crate::report_stamps::with_timestamps(html, req.lang, ts);
    }
    files.push(("index.html".to_string(), html.into_bytes()));
    files.push(("README.txt".to_string(), crate::site::readme(req.lang, req.url.map(|u| u.trim_end_matches('/')))));
    write_site(req.out, &files, req.force)?;
    Ok(Outcome::Written(Site { files: files.into_iter().map(|(n, _)| n).collect(), drawn, page_url }))
}

/// The other of the two languages of the page.
fn other(lang: Lang) -> Lang {
    let code = if lang.code() == "nl" { "en" } else { "nl" };
    Lang::from_code(code).unwrap_or(lang)
}

/// A page the tool writes fresh, with the signature of the copy in `public/`
/// when that copy has exactly these bytes (a signature over other bytes
/// would fail the audit).
fn push_page(files: &mut Vec<(String, Vec<u8>)>, public: &Path, name: &str, bytes: Vec<u8>) {
    let old = public.join(name);
    let same = files::open_regular_no_follow(&old)
        .and_then(|h| files::read_opened(h, &old, MAX_DOCUMENT_BYTES).ok())
        .is_some_and(|b| b == bytes);
    let sig = if same { signature_of(&old) } else { None };
    files.push((name.to_string(), bytes));
    if let Some(sig) = sig {
        files.push((format!("{name}{SIGNATURE_SUFFIX}"), sig));
    }
}

/// `FILE.minisig` when it is a signature in minisign's form.
fn signature_of(file: &Path) -> Option<Vec<u8>> {
    let path = crate::published::signature_path(file);
    let bytes = files::open_regular_no_follow(&path).and_then(|h| files::read_opened(h, &path, 4096).ok())?;
    potdraw_verify::signature::is_signature(&String::from_utf8_lossy(&bytes)).then_some(bytes)
}

/// SPEC §18.1: the time-stamp tokens `FILE.NAME.tsr` beside `file`, each
/// with the part of its name after the document's name.
fn stamps_of(file: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut out = Vec::new();
    for token in crate::timestamps::find(&[file], &[]) {
        let token_name = token.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if let (Some(suffix), Some(handle)) = (token_name.strip_prefix(&name), files::open_regular_no_follow(&token)) {
            out.push((suffix.to_string(), files::read_opened(handle, &token, 1 << 20)?));
        }
    }
    Ok(out)
}

fn drawn_of(v: &Verification) -> Option<Drawn> {
    match v {
        Verification::One(r) => r.outcome.as_ref().ok().map(|d| Drawn::from(d.clone())),
        Verification::Lists(r) => r.outcome.as_ref().ok().map(|d| Drawn::from(d.clone())),
    }
}

fn head_of(drawn: &Drawn) -> Head {
    let (created, revealed) = match drawn.by_version() {
        ByVersion::One(v) => {
            let t = &v.get().transcript;
            (t.commitment.created_at, t.entropy.iter().map(|e| (e.label.clone(), e.value.clone())).collect())
        }
        ByVersion::Lists(v) => {
            let t = &v.get().transcript;
            (t.commitment.created_at, t.entropy.iter().map(|e| (e.label.clone(), e.value.clone())).collect())
        }
    };
    Head {
        title: drawn.title().to_string(),
        digest: drawn.commitment_digest_hex().to_string(),
        transcript_digest: Some(hex::encode(drawn.transcript_digest())),
        created,
        plan: drawn.plan().to_vec(),
        revealed,
    }
}

fn head_of_commitment(c: &AnyCommitment) -> Head {
    let (title, digest, _, _) = c.head();
    let (created, plan) = match c {
        AnyCommitment::One(c) => (c.created_at, c.plan.clone()),
        AnyCommitment::Lists(c) => (c.created_at, c.plan.clone()),
    };
    Head {
        title: title.to_string(),
        digest: digest.to_string(),
        transcript_digest: None,
        created,
        plan,
        revealed: Vec::new(),
    }
}

/// The check a commitment fails (SPEC §8.2, §17.7), if any.
fn commitment_failure(c: &AnyCommitment) -> Option<&'static str> {
    match c {
        AnyCommitment::One(c) => potdraw_verify::verify_commitment(c.clone()).outcome.err().map(|f| f.check.id()),
        AnyCommitment::Lists(c) => {
            potdraw_verify::verify_lists_commitment(c.clone()).outcome.err().map(|f| f.check.id())
        }
    }
}

/// Refuses an existing site (unless `force`) or a file in its place, before
/// anything is read.
fn check_site_target(out: &Path, force: bool) -> Result<()> {
    match std::fs::symlink_metadata(out) {
        Ok(m) if !m.is_dir() => Err(problem!("publish-site-not-folder", folder = out.display())),
        Ok(_) if !force => Err(problem!("publish-site-exists", folder = out.display())),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(problem!("file-write", file = out.display(), reason = crate::os::reason(&e))),
    }
}

/// Writes every file into a hidden folder beside `out`, then renames it into
/// place (an old site, with `force`, is moved aside first and removed after).
fn write_site(out: &Path, site: &[(String, Vec<u8>)], force: bool) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    check_site_target(out, force)?;
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let failed = |e: std::io::Error| problem!("file-write", file = out.display(), reason = crate::os::reason(&e));
    let staging = tempfile::Builder::new().prefix(".potdraw-site-").tempdir_in(parent).map_err(failed)?;
    for (name, bytes) in site {
        files::write(&staging.path().join(name), bytes, Access::Public, false)?;
    }
    std::fs::set_permissions(staging.path(), std::fs::Permissions::from_mode(0o755)).map_err(failed)?;
    let old = if out.exists() {
        let aside = tempfile::Builder::new().prefix(".potdraw-old-").tempdir_in(parent).map_err(failed)?.keep();
        std::fs::rename(out, &aside).map_err(failed)?;
        Some(aside)
    } else {
        None
    };
    let staged = staging.keep();
    if let Err(e) = std::fs::rename(&staged, out) {
        let _ = std::fs::remove_dir_all(&staged);
        if let Some(aside) = &old {
            let _ = std::fs::rename(aside, out);
        }
        return Err(failed(e));
    }
    if let Some(aside) = old {
        let _ = std::fs::remove_dir_all(aside);
    }
    let _ = std::fs::File::open(parent).and_then(|d| d.sync_all());
    Ok(())
}
