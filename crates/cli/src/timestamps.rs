//! Time-stamp tokens in `verify` (SPEC §18): finding the `.tsr` files
//! beside the commitment and the transcript, checking each against the
//! roots the verifier chose, and the `published-before` outcome in words
//! and in JSON.
//!
//! Kept apart from cmd/verify.rs because the same lines belong in the
//! report and the audit; the checks themselves live in potdraw-timestamp.
//! A draw without tokens and without `--timestamp` prints exactly what it
//! printed before (SPEC §18: tokens are optional).

use crate::i18n::Lang;
use crate::{localtime, t};
use anyhow::Result;
use potdraw_core::entropy::{PlanEntry, SourceKind};
use potdraw_core::unicode::visible;
use potdraw_timestamp::{
    published_before, Checked, PublishedBefore, Roots, SourceMoment, TokenError, Trust, Undecided,
};
use std::path::{Path, PathBuf};

/// The largest token read: real ones are a few kilobytes.
const MAX_TOKEN_BYTES: u64 = 1 << 20;

/// One token file and its verdict.
pub struct Token {
    pub file: PathBuf,
    pub outcome: std::result::Result<Checked, TokenError>,
}

/// Every token of a draw, and the published-before outcome.
pub struct Timestamps {
    pub tokens: Vec<Token>,
    pub before: PublishedBefore,
}

/// SPEC §18.1: `DOC.NAME.tsr` beside each document, then the `--timestamp`
/// files, each once, in name order within a folder.
pub fn find(documents: &[&Path], given: &[PathBuf]) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = Vec::new();
    for doc in documents {
        let (Some(name), dir) = (doc.file_name().and_then(|n| n.to_str()), doc.parent()) else { continue };
        let dir = match dir {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut here: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(&format!("{name}.")) && n.ends_with(".tsr"))
            })
            .collect();
        here.sort();
        out.extend(here);
    }
    for g in given {
        out.push(g.clone());
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|p| seen.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())));
    out
}

/// Reads the roots file (unusable input when it cannot be read).
pub fn roots(path: Option<&Path>) -> Result<Roots> {
    let Some(path) = path else { return Ok(Roots::none()) };
    let bytes = crate::files::read(path, MAX_TOKEN_BYTES)?;
    let roots = Roots::from_pem(&bytes)
        .map_err(|e| crate::problem!("tsa-roots-unreadable", file = path.display(), detail = e))?;
    if roots.is_empty() {
        return Err(crate::problem!("tsa-roots-unreadable", file = path.display(), detail = "no CERTIFICATE block"));
    }
    Ok(roots)
}

/// SPEC §18.2 and §18.3 for the commitment digest and plan.
pub fn check(files: &[PathBuf], digest: &[u8; 32], plan: &[PlanEntry], roots: &Roots) -> Result<Timestamps> {
    let mut tokens = Vec::with_capacity(files.len());
    for file in files {
        let bytes = crate::files::read(file, MAX_TOKEN_BYTES)?;
        tokens.push(Token { file: file.clone(), outcome: potdraw_timestamp::check(&bytes, digest, roots, None) });
    }
    let trusted: Vec<_> = tokens
        .iter()
        .filter_map(|t| t.outcome.as_ref().ok().filter(|c| c.trust == Trust::Trusted).map(Checked::time))
        .collect();
    Ok(Timestamps { before: published_before(&trusted, &moments(plan)), tokens })
}

/// The plan's sources with what it fixes of their time (SPEC §13.4 for drand).
pub fn moments(plan: &[PlanEntry]) -> Vec<SourceMoment> {
    plan.iter()
        .map(|p| {
            let label = p.label.clone();
            match &p.kind {
                SourceKind::Drand(d) => {
                    let time = d.round.saturating_sub(1).saturating_mul(d.period).saturating_add(d.genesis_time);
                    SourceMoment::Drand { label, round: d.round, time: i64::try_from(time).unwrap_or(i64::MAX) }
                }
                SourceKind::Dice { .. } => SourceMoment::Dice { label },
                SourceKind::Text => SourceMoment::Text { label },
                SourceKind::Numbers | SourceKind::CountedNumbers { .. } => SourceMoment::Numbers { label },
            }
        })
        .collect()
}

/// A moment for people: local time (issue 28).
pub fn when(lang: Lang, unix: i64) -> String {
    localtime::show(lang, u64::try_from(unix).unwrap_or(0))
}

/// A token's failure in words (SPEC §18.2's reason, with its detail).
pub fn reason(lang: Lang, e: &TokenError) -> String {
    let key = format!("timestamp.reason.{}", e.code());
    let detail = match e {
        TokenError::Imprint { expected, found } => format!("{found} ≠ {expected}"),
        TokenError::CertificateTime { subject, not_before, not_after, .. } => {
            format!("{subject}: {not_before} – {not_after}")
        }
        TokenError::Certificate { subject, .. } | TokenError::NotTimeStamping { subject, .. } => subject.clone(),
        TokenError::NotGranted { status } => status.to_string(),
        TokenError::Unsupported { found, .. } => found.clone(),
        _ => String::new(),
    };
    visible(&lang.t(&key, &[("detail", &detail)]))
}

/// The lines of `verify` (and the report): one per token, then published-before.
pub fn text(lang: Lang, ts: &Timestamps) -> String {
    let mut out = String::from("\n");
    for tok in &ts.tokens {
        out += &format!("  {}\n", token_line(lang, tok, &tok.file.display().to_string()));
    }
    out += &format!("  {}\n", before_text(lang, &ts.before));
    out
}

/// One token's line, naming it `file`: trusted, untrusted (with the root,
/// or the issuer that is missing) or not valid (with the reason).
pub fn token_line(lang: Lang, tok: &Token, file: &str) -> String {
    let file = visible(file);
    match &tok.outcome {
        Ok(c) if c.trust == Trust::Trusted => {
            t!(lang, "timestamp.trusted", file = file, signer = visible(&c.signer), time = when(lang, c.gen_time.unix))
        }
        Ok(c) if c.trust == Trust::IssuerMissing => t!(
            lang,
            "timestamp.issuer-missing",
            file = file,
            signer = visible(&c.signer),
            time = when(lang, c.gen_time.unix),
            issuer = visible(&c.root)
        ),
        Ok(c) => t!(
            lang,
            "timestamp.untrusted",
            file = file,
            signer = visible(&c.signer),
            time = when(lang, c.gen_time.unix),
            root = visible(&c.root)
        ),
        Err(e) => t!(lang, "timestamp.failed", file = file, reason = reason(lang, e)),
    }
}

/// The published-before sentence (SPEC §18.3), local times.
pub fn before_text(lang: Lang, b: &PublishedBefore) -> String {
    let undecided = |u: &[Undecided]| -> String {
        u.iter()
            .map(|u| match u {
                Undecided::Dice { label } => t!(lang, "published-before.undecided-dice", label = visible(label)),
                Undecided::NoDate { label } => t!(lang, "published-before.undecided-no-date", label = visible(label)),
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    match b {
        PublishedBefore::NoTrustedToken => t!(lang, "published-before.no-token"),
        PublishedBefore::NotDecidable { undecided: u } => {
            t!(lang, "published-before.not-decidable", why = undecided(u))
        }
        PublishedBefore::Passed { token, label, round, entropy_time, undecided: u } => {
            let line = t!(
                lang,
                "published-before.passed",
                token = when(lang, token.gen_time.unix),
                entropy = when(lang, *entropy_time),
                label = visible(label),
                round = round
            );
            if u.is_empty() {
                line
            } else {
                format!("{line} {}", undecided(u))
            }
        }
        PublishedBefore::Failed { token, label, round, entropy_time } => t!(
            lang,
            "published-before.failed",
            token = when(lang, token.gen_time.unix),
            entropy = when(lang, *entropy_time),
            label = visible(label),
            round = round
        ),
    }
}

/// `--json`: `timestamps` and `published_before` (SPEC §18.4).
pub fn json(ts: &Timestamps) -> (serde_json::Value, serde_json::Value) {
    use serde_json::json;
    let tokens = ts
        .tokens
        .iter()
        .map(|t| match &t.outcome {
            Ok(c) => json!({
                "file": t.file.display().to_string(),
                "status": if c.trust == Trust::Trusted { "trusted" } else { "untrusted" },
                "gen_time": potdraw_timestamp::rfc3339(c.gen_time.unix),
                "accuracy_micros": c.accuracy_micros,
                "signer": c.signer,
                "root": if c.trust == Trust::IssuerMissing { serde_json::Value::Null } else { c.root.clone().into() },
                "missing_issuer": if c.trust == Trust::IssuerMissing { c.root.clone().into() } else { serde_json::Value::Null },
            }),
            Err(e) => json!({"file": t.file.display().to_string(), "status": "failed", "reason": e.code(), "detail": e.to_string()}),
        })
        .collect::<Vec<_>>();
    let undecided = |u: &[Undecided]| {
        u.iter()
            .map(|u| match u {
                Undecided::Dice { label } => json!({"source": label, "why": "dice"}),
                Undecided::NoDate { label } => json!({"source": label, "why": "no-date"}),
            })
            .collect::<Vec<_>>()
    };
    let before = match &ts.before {
        PublishedBefore::NoTrustedToken => json!({"status": "no-trusted-token"}),
        PublishedBefore::NotDecidable { undecided: u } => json!({"status": "not-decidable", "undecided": undecided(u)}),
        PublishedBefore::Passed { token, label, round, entropy_time, undecided: u } => json!({
            "status": "passed", "token_latest": potdraw_timestamp::rfc3339(token.latest_unix()),
            "entropy_time": potdraw_timestamp::rfc3339(*entropy_time), "source": label, "round": round, "undecided": undecided(u),
        }),
        PublishedBefore::Failed { token, label, round, entropy_time } => json!({
            "status": "failed", "token_latest": potdraw_timestamp::rfc3339(token.latest_unix()),
            "entropy_time": potdraw_timestamp::rfc3339(*entropy_time), "source": label, "round": round,
        }),
    };
    (serde_json::Value::Array(tokens), before)
}
