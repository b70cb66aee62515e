//! Time-stamp tokens in the audit (SPEC §16.4, §18; issue 30).
//!
//! WHY recognised: a `DOC.NAME.tsr` beside a commitment is what `potdraw
//! timestamp` writes for publication; listing it as "not a potdraw file"
//! would make every time-stamped folder fail its audit. A file is a time
//! stamp only when its name ends in `.tsr` **and** its bytes read as a
//! time-stamp response or token (DER), so no document hides behind the name.
//!
//! WHY checked only with `--tsa-roots`: whether a token is proof depends on
//! the authorities the auditor trusts, as for `verify`. Without roots each
//! token is counted, and one beside no document of the folder is a problem
//! (`time-stamp-without-document`). With roots each is checked completely
//! (SPEC §18.2) against the commitment digest of the document it names; a
//! token that fails is a problem (`time-stamp-failed`, with its reason), an
//! untrusted one is counted but is no problem (it proves nothing either
//! way), and when the earliest trusted token of a document is not before
//! its plan's first drand round, its trusted tokens fail `published-before`
//! (SPEC §18.3).

use crate::ops::documents;
use potdraw_core::entropy::PlanEntry;
use potdraw_core::parse::Kind;
use potdraw_timestamp::{published_before, PublishedBefore, Roots, TokenError, Trust};
use potdraw_verify::history::{Doc, Summary};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The largest token read: real ones are a few kilobytes.
const MAX_TOKEN_BYTES: u64 = 1 << 20;

/// The doc of a `.tsr` file that reads as a time stamp (unchecked yet);
/// `None` for anything else, which the audit then reads like any file.
pub fn sniff(path: &Path) -> Option<Doc> {
    let name = path.file_name()?.to_str()?;
    if !name.ends_with(".tsr") {
        return None;
    }
    let bytes = crate::files::read(path, MAX_TOKEN_BYTES).ok()?;
    match potdraw_timestamp::check(&bytes, &[0; 32], &Roots::none(), None) {
        Err(TokenError::Malformed { .. }) => None,
        _ => Some(Doc::TimeStamp { stamps: None, trusted: false, failed: None }),
    }
}

/// Names the document each token lies beside (the longest `DOC` of
/// `DOC.NAME.tsr` in its folder), and with `roots` checks each against it.
/// `rel` are the files' paths below `root`, in the order of `files`.
pub fn resolve(root: &Path, rel: &[PathBuf], files: &mut [Summary], roots: Option<&Roots>) {
    let by_path: BTreeMap<&Path, usize> = rel.iter().enumerate().map(|(i, p)| (p.as_path(), i)).collect();
    let mut of_document: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, token) in rel.iter().enumerate() {
        if !matches!(files[i].doc, Doc::TimeStamp { .. }) {
            continue;
        }
        let name = token.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        // commitment.json.freetsa.org.tsr: commitment.json.freetsa.org, then
        // commitment.json.freetsa, commitment.json …: the longest that is here.
        let mut named = None;
        let mut cut = name.as_str();
        while let Some((head, _)) = cut.rsplit_once('.') {
            if let Some(&j) = by_path.get(token.with_file_name(head).as_path()) {
                if j != i && !matches!(files[j].doc, Doc::TimeStamp { .. }) {
                    named = Some(j);
                    break;
                }
            }
            cut = head;
        }
        if let Some(j) = named {
            let display = files[j].path.clone();
            if let Doc::TimeStamp { stamps, .. } = &mut files[i].doc {
                *stamps = Some(display);
            }
            of_document.entry(j).or_default().push(i);
        }
    }
    let Some(roots) = roots else { return };
    for (doc, tokens) in of_document {
        if !matches!(files[doc].doc, Doc::Commitment(_) | Doc::Transcript { .. }) {
            continue;
        }
        let Some((digest, plan)) = digest_and_plan(&root.join(&rel[doc])) else { continue };
        let mut trusted = Vec::new();
        for &t in &tokens {
            let outcome = crate::files::read(&root.join(&rel[t]), MAX_TOKEN_BYTES)
                .map_err(|_| "file-read".to_string())
                .and_then(|b| potdraw_timestamp::check(&b, &digest, roots, None).map_err(|e| e.code().to_string()));
            if let Doc::TimeStamp { trusted: is_trusted, failed, .. } = &mut files[t].doc {
                match outcome {
                    Ok(c) if c.trust == Trust::Trusted => {
                        *is_trusted = true;
                        trusted.push((t, c.time()));
                    }
                    Ok(_) => {}
                    Err(code) => *failed = Some(code),
                }
            }
        }
        let times: Vec<_> = trusted.iter().map(|(_, time)| *time).collect();
        if let PublishedBefore::Failed { .. } = published_before(&times, &crate::timestamps::moments(&plan)) {
            for (t, _) in trusted {
                if let Doc::TimeStamp { failed, .. } = &mut files[t].doc {
                    *failed = Some("published-before".to_string());
                }
            }
        }
    }
}

/// The commitment digest and plan of a commitment or a transcript that
/// verified when it was summarised (read again: summaries keep no plan).
fn digest_and_plan(path: &Path) -> Option<([u8; 32], Vec<PlanEntry>)> {
    match documents::kind_of(path).ok()? {
        Kind::Commitment | Kind::ListsCommitment => {
            crate::ops::timestamping::target(path).ok().map(|t| (t.digest, t.plan))
        }
        _ => {
            let v = crate::ops::verifying::verify(path, None).ok()?;
            v.commitment().map(|(d, p)| (*d, p.to_vec()))
        }
    }
}
