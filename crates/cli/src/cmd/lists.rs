//! `draw`, `verify` and `check` for a draw with several lists (SPEC §17).
//!
//! WHY a module of its own: each command looks at the document's `format`
//! first ([`crate::ops::documents::has_lists`]) and hands a v4 document here, so the single-list
//! paths — their output, their JSON, their exit codes — stay exactly as
//! they were. What is said here follows the single-list wording, with the
//! list named on every line, and the companions' pairing said in words.

use crate::args::VerifyArgs;
use crate::config::DrawConfig;
use crate::files::{self, Access};
use crate::i18n::Lang;
use crate::render::{failure_lines, fingerprint, passed_lines, plan_notes};
use crate::{problem, t, Exit};
use anyhow::{anyhow, bail, Result};
use potdraw_core::lists::{parse_transcript, ListsCommitment, ListsTranscriptDoc};
use potdraw_core::unicode::visible;
use potdraw_verify::{ListsDraw, Report};
use serde_json::{json, Value};
use std::path::Path;

/// `potdraw draw` of a v4 commitment: every list from the one draw seed.
pub fn draw(cfg: DrawConfig) -> Result<Exit> {
    files::ensure_writable(&cfg.out, cfg.force)?;
    let commitment =
        match potdraw_verify::verify_lists_commitment(crate::ops::documents::read_lists_commitment(&cfg.commitment)?)
            .outcome
        {
            Ok(v) => v,
            Err(f) => {
                let lang = crate::i18n::Lang::current();
                let said = t!(lang, "draw.refused", file = visible(&cfg.commitment.display().to_string()));
                eprintln!("potdraw: {said}\n{}", crate::render::failure_lines(lang, &f));
                return Ok(Exit::Failed);
            }
        };
    let c = commitment.get();
    let Some(seed_path) = cfg.seed.as_deref() else {
        return Err(problem!("seed-required", file = cfg.commitment.display()));
    };
    let seed = super::read_seed(seed_path)?;
    let (drand_values, beacons) = super::draw::drand_rounds(&cfg, &c.plan)?;
    let given: Vec<(String, String)> = cfg
        .entropy
        .iter()
        .filter(|(label, _)| !drand_values.iter().any(|(l, _)| l == label))
        .cloned()
        .chain(drand_values.iter().cloned())
        .collect();
    let (doc, bytes) = transcript(c, &cfg.commitment, (seed_path, &seed), &given, &beacons)?;
    files::stage(&cfg.out, &bytes, Access::Public)?.commit(cfg.force)?;
    print!("{}", draw_summary(Lang::current(), &doc, &cfg.out));
    Ok(Exit::Success)
}

/// Draws a v4 commitment and lays the transcript out as the file `draw`
/// writes, after checking that it verifies; `potdraw ceremony` writes these
/// same bytes. Values are taken as people type them ([`super::draw::normalise`]).
pub fn transcript(
    c: &ListsCommitment,
    commitment_path: &Path,
    (seed_path, seed): (&Path, &[u8; 32]),
    entropy: &[(String, String)],
    beacons: &[(String, potdraw_core::draw::BeaconRecord)],
) -> Result<(ListsTranscriptDoc, Vec<u8>)> {
    let given: Vec<(String, String)> = entropy
        .iter()
        .map(|(label, value)| {
            let kind = c.plan.iter().find(|p| &p.label == label).map(|p| &p.kind);
            (label.clone(), super::draw::normalise(kind, value))
        })
        .collect();
    let doc = potdraw_core::lists_draw::run(c, seed, &given, beacons)
        .map_err(|e| crate::problem::draw(&commitment_path.display(), &seed_path.display(), &e))?;
    let bytes = crate::pretty::document(&doc)?;
    // The new transcript, read back and verified against its commitment, before it is written.
    let parsed = parse_transcript(&bytes).map_err(|e| anyhow!("internal error: {e}"))?;
    if let Err(f) = potdraw_verify::verify_lists_transcript(parsed, Some(c)).outcome {
        bail!("internal error: the new transcript does not verify: {f}");
    }
    Ok((doc, bytes))
}

fn draw_summary(lang: Lang, doc: &ListsTranscriptDoc, out: &Path) -> String {
    let mut s = t!(lang, "draw.lists.wrote", title = visible(&doc.commitment.title), file = out.display());
    s.push('\n');
    for e in &doc.entropy {
        s.push_str(&format!("  {} {}\n", visible(&e.label), visible(&e.value)));
    }
    s.push_str(&format!("  draw seed {}\n", doc.draw_seed));
    s.push_str(&results_text(lang, doc));
    s
}

/// Every list's result, one line per pick, the companions' places said.
fn results_text(lang: Lang, doc: &ListsTranscriptDoc) -> String {
    let mut s = String::new();
    for (l, r) in doc.commitment.lists.iter().zip(&doc.lists) {
        let heading = match &l.companions_of {
            Some(of) => t!(lang, "verify.lists.companions-heading", list = l.name, of = of),
            None => t!(lang, "verify.lists.heading", list = l.name),
        };
        s.push_str(&format!("{heading}\n"));
        for p in &r.result {
            let role = crate::render::list_role_word(lang, &p.role, l.companions_of.is_some());
            let ticket = t!(lang, "verify.ticket", leaf = p.leaf);
            let pair = match (&l.companions_of, p.role.as_str()) {
                (Some(of), "recipient") => format!("  {}", t!(lang, "verify.lists.pair", place = p.rank, of = of)),
                _ => String::new(),
            };
            s.push_str(&format!("  {role:<9} {:>3}  {ticket}{pair}\n", p.rank));
        }
    }
    s
}

/// `potdraw verify` of a v4 transcript (SPEC §17.7).
/// `signature`: the `--key` check of SPEC §16.3, made by `verify::run`
/// before it dispatches here, so a v4 transcript is held to it too.
pub(super) fn verify(a: &VerifyArgs, signature: Option<&super::verify::SignatureCheck>) -> Result<Exit> {
    let loaded = crate::ops::documents::read_lists_transcript(&a.transcript)
        .and_then(|t| Ok((t, a.commitment.as_deref().map(crate::ops::documents::AnyCommitment::read).transpose()?)));
    let (transcript, published) = match loaded {
        Ok(x) => x,
        Err(e) if a.json => return Ok(crate::render::unusable_json(&e)),
        Err(e) => return Err(e),
    };
    let report = potdraw_verify::verify_lists_transcript_published(
        transcript,
        published.as_ref().map(crate::ops::documents::AnyCommitment::published),
    );
    // SPEC §15.4, §15.8: a record is checked only for a transcript that
    // verified, so a failing transcript is still reported as failed; a v1
    // record is refused then as `amendments-lists` (SPEC §17.10).
    let amended = match (&a.amendments, &report.outcome) {
        (Some(path), Ok(draw)) => {
            match crate::ops::amendments::check_lists_record(draw, &a.transcript, path, a.earlier.as_deref()) {
                Ok(r) => Some((path, r)),
                Err(e) if a.json => return Ok(crate::render::unusable_json(&e)),
                Err(e) => return Err(e),
            }
        }
        _ => None,
    };
    if a.json {
        let mut out = verify_json(&report);
        if let Some((_, r)) = &amended {
            out["amendments"] = crate::render_amend_lists::report_json(r);
        }
        if let Some(s) = signature {
            super::verify::signature_json(&mut out, s, report.is_verified());
        }
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        print!("{}", verify_text(Lang::current(), &report));
        if let Some((path, r)) = &amended {
            let file = path.display().to_string();
            print!("{}", crate::render_amend_lists::report_text(Lang::current(), &file, r));
        }
        if let Some(s) = signature {
            print!("{}", super::verify::signature_text(Lang::current(), s, report.is_verified()));
        }
    }
    let record_ok = !matches!(&amended, Some((_, r)) if r.outcome.is_err());
    let signed = signature.map_or(true, |s| s.outcome.is_ok());
    Ok(if report.is_verified() && record_ok && signed { Exit::Success } else { Exit::Failed })
}

pub fn verify_text(lang: Lang, report: &Report<ListsDraw>) -> String {
    let mut s = passed_lines(lang, &report.passed, &report.skipped);
    match &report.outcome {
        Ok(v) => {
            let t = &v.get().transcript;
            let c = &t.commitment.doc;
            s.push('\n');
            s.push_str(&t!(
                lang,
                "verify.lists.verified",
                title = format!("\"{}\"", visible(&c.title)),
                lists = c.lists.len()
            ));
            s.push('\n');
            s.push_str(&t!(lang, "verify.commitment-digest", digest = c.digest, fingerprint = fingerprint(&c.digest)));
            s.push('\n');
            let d = hex::encode(v.get().transcript_digest);
            s.push_str(&t!(lang, "verify.transcript-digest", digest = d, fingerprint = fingerprint(&d)));
            s.push('\n');
            s.push_str(&results_text(lang, &t.doc));
            s.push_str(&crate::render::notes_text(lang, &t.commitment.plan));
        }
        Err(f) => s.push_str(&crate::render::not_verified_text(lang, f)),
    }
    s
}

/// `verify --json` of a v4 transcript: the single-list members, with the
/// results per list instead of `recipients` and `reserves`.
pub fn verify_json(report: &Report<ListsDraw>) -> Value {
    let mut checks: Vec<Value> = report
        .passed
        .iter()
        .map(|p| json!({"check": p.check.id(), "status": "passed", "detail": p.detail.to_string()}))
        .collect();
    match &report.outcome {
        Ok(v) => {
            let t = &v.get().transcript;
            let lists: Vec<Value> = t
                .commitment
                .doc
                .lists
                .iter()
                .zip(&t.doc.lists)
                .map(|(l, r)| {
                    let picks = |role: &str| -> Vec<Value> {
                        r.result
                            .iter()
                            .filter(|p| p.role == role)
                            .map(|p| json!({"rank": p.rank, "leaf": p.leaf}))
                            .collect()
                    };
                    json!({"name": l.name, "rule": l.rule, "companions_of": l.companions_of,
                           "recipients": picks("recipient"), "reserves": picks("reserve")})
                })
                .collect();
            json!({
                "verified": true,
                "checks": checks,
                "failed_check": null,
                "title": t.commitment.doc.title,
                "commitment_digest": t.commitment.doc.digest,
                "transcript_digest": hex::encode(v.get().transcript_digest),
                "lists": lists,
                "notes": plan_notes(&t.commitment.plan),
            })
        }
        Err(f) => {
            checks.push(json!({"check": f.check.id(), "status": "failed", "what": f.what.to_string(), "expected": f.expected, "found": f.found}));
            json!({"verified": false, "checks": checks, "failed_check": f.check.id()})
        }
    }
}

/// For a command that answers from a verified draw: the failure, told on standard error.
pub fn tell_not_verified(lang: Lang, path: &Path, f: &potdraw_verify::Failure) {
    eprint!(
        "potdraw: {}\n{}{}\n",
        t!(lang, "check.transcript-not-verified", file = visible(&path.display().to_string())),
        failure_lines(lang, f),
        t!(lang, "verify.not-verified", check = f.check.id())
    );
}
