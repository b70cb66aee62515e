//! What `draw` says it drew (one list or several), and `verify` of a draw
//! with several lists (SPEC §17), in words and as data: the single-list
//! wording, with the list named on every line and the companions' pairing said.

use crate::i18n::Lang;
use crate::render::{fingerprint, plan_notes};
use crate::t;
use potdraw_core::lists::ListsTranscriptDoc;
use potdraw_core::unicode::visible;
use potdraw_verify::{ListsDraw, Report};
use serde_json::{json, Value};
use std::path::Path;

pub fn draw_summary(lang: Lang, doc: &ListsTranscriptDoc, out: &Path) -> String {
    let mut s = t!(lang, "draw.lists.wrote", title = visible(&doc.commitment.title), file = out.display());
    s.push('\n');
    for e in &doc.entropy {
        s.push_str(&format!("  {} {}\n", visible(&e.label), visible(&e.value)));
    }
    s.push_str(&format!("  {}\n", t!(lang, "draw.summary.draw-seed", seed = doc.draw_seed)));
    s.push_str(&results_text(lang, doc));
    s
}

/// Every list's result, one line per pick, the companions' places said.
pub fn results_text(lang: Lang, doc: &ListsTranscriptDoc) -> String {
    let mut s = String::new();
    let lists = &doc.commitment.lists;
    for (l, r) in lists.iter().zip(&doc.lists) {
        let list = crate::shown::list(lists, &l.name);
        let of = l.companions_of.as_deref().map(|of| crate::shown::list(lists, of));
        let heading = match &of {
            Some(of) => t!(lang, "verify.lists.companions-heading", list = list, of = of),
            None => t!(lang, "verify.lists.heading", list = list),
        };
        s.push_str(&format!("{heading}\n"));
        for p in &r.result {
            let role = crate::render::list_role_word(lang, &p.role, l.companions_of.is_some());
            let ticket = t!(lang, "verify.ticket", leaf = p.leaf);
            let pair = match (&of, p.role.as_str()) {
                (Some(of), "recipient") => format!("  {}", t!(lang, "verify.lists.pair", place = p.rank, of = of)),
                _ => String::new(),
            };
            s.push_str(&format!("  {role:<9} {:>3}  {ticket}{pair}\n", p.rank));
        }
    }
    s
}

pub fn verify_text(lang: Lang, report: &Report<ListsDraw>) -> String {
    // SPEC §19.3: the checks name each list as people call it.
    let names = match &report.outcome {
        Ok(v) => crate::shown::Names::of_docs(&v.get().transcript.commitment.doc.lists),
        Err(_) => crate::shown::Names::default(),
    };
    let mut s = crate::render::passed_named(lang, &report.passed, &report.skipped, &names);
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
                    let mut one = json!({"name": l.name, "rule": l.rule, "companions_of": l.companions_of,
                           "recipients": picks("recipient"), "reserves": picks("reserve")});
                    // SPEC §19.3: the display name beside the name, for a v5 list only.
                    if let Some(d) = &l.display {
                        one["display"] = json!(d);
                    }
                    one
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

/// What `draw` says it did, in the language of this run.
pub fn summary(doc: &potdraw_core::wire::TranscriptDoc, out: &std::path::Path) -> String {
    let lang = crate::i18n::Lang::current();
    // SPEC §2.4: values as people must see them, invisible characters marked.
    let title = format!("\"{}\"", visible(&doc.commitment.title));
    let mut s = crate::t!(lang, "draw.summary.drew", title = title, file = out.display());
    s.push('\n');
    for e in &doc.entropy {
        let (label, value) = (format!("{:<20}", visible(&e.label)), visible(&e.value));
        let line = match e.round {
            Some(round) => crate::t!(lang, "draw.summary.entropy-drand", label = label, value = value, round = round),
            None => crate::t!(lang, "draw.summary.entropy", label = label, value = value),
        };
        s.push_str(&format!("  {line}\n"));
    }
    if let Some(draw_seed) = &doc.draw_seed {
        s.push_str(&format!("  {}\n", crate::t!(lang, "draw.summary.draw-seed", seed = draw_seed)));
    }
    if let Some(key) = &doc.key {
        s.push_str(&format!("  {}\n", crate::t!(lang, "draw.summary.key", key = key)));
    }
    let word = |role: &str| match role {
        "recipient" => crate::t!(lang, "verify.role.recipient"),
        "reserve" => crate::t!(lang, "verify.role.reserve"),
        other => other.to_string(),
    };
    let width = ["recipient", "reserve"].map(|r| word(r).chars().count()).into_iter().max().unwrap_or(9);
    for r in &doc.result {
        let role = word(&r.role);
        let ticket = crate::t!(lang, "verify.ticket", leaf = crate::render::short(&r.leaf));
        s.push_str(&format!("  {role:<width$} {:>3}  {ticket}\n", r.rank));
    }
    s
}

/// What `draw` says it drew, whatever the version.
pub fn drew_text(lang: Lang, drew: &crate::ops::drawing::Drew, out: &Path) -> String {
    match drew {
        crate::ops::drawing::Drew::One(doc) => summary(doc, out),
        crate::ops::drawing::Drew::Lists(doc) => draw_summary(lang, doc, out),
    }
}
