//! `draw`, `verify` and `check` for a draw with several lists (SPEC §17).
//!
//! WHY a module of its own: each command looks at the document's `format`
//! first ([`is_v4_file`]) and hands a v4 document here, so the single-list
//! paths — their output, their JSON, their exit codes — stay exactly as
//! they were. What is said here follows the single-list wording, with the
//! list named on every line, and the companions' pairing said in words.

use crate::args::{CheckArgs, VerifyArgs};
use crate::config::DrawConfig;
use crate::files::{self, Access};
use crate::i18n::Lang;
use crate::render::{failure_lines, fingerprint, note_text, passed_lines, plan_notes};
use crate::{problem, t, Exit};
use anyhow::{anyhow, bail, Result};
use potdraw_core::lists::{parse_commitment, parse_transcript, ListsCommitment, ListsTranscript, ListsTranscriptDoc};
use potdraw_core::unicode::visible;
use potdraw_verify::{ListTicket, ListsDraw, Outcome, Report, Verified};
use serde_json::{json, Value};
use std::path::Path;

/// Whether the file holds a v4 document (SPEC §17.1), by its `format`.
pub fn is_v4_file(path: &Path) -> Result<bool> {
    Ok(potdraw_core::lists::is_v4(&files::read(path, super::MAX_DOCUMENT_BYTES)?))
}

pub fn read_commitment(path: &Path) -> Result<ListsCommitment> {
    let bytes = files::read(path, super::MAX_DOCUMENT_BYTES)?;
    parse_commitment(&bytes).map_err(|e| crate::problem::parse(&path.display(), &e))
}

/// A commitment as published before the draw, read by its own `format`
/// (SPEC §8.2 step 2, §17.7 step 2): either layout is usable, and one of the
/// other layout than the transcript's fails `published-commitment`.
pub enum AnyCommitment {
    One(potdraw_core::model::Commitment),
    Lists(ListsCommitment),
}

impl AnyCommitment {
    pub fn read(path: &Path) -> Result<AnyCommitment> {
        Ok(if is_v4_file(path)? {
            AnyCommitment::Lists(read_commitment(path)?)
        } else {
            AnyCommitment::One(super::read_commitment(path)?)
        })
    }

    /// What a page about the commitment names, whatever its layout: the
    /// title, the digest (hex), `created_at`, and the seed commitment (none
    /// for the RFC 3797 method, which has no seed).
    pub fn head(&self) -> (&str, &str, &str, Option<potdraw_core::Hash32>) {
        match self {
            AnyCommitment::One(c) => (&c.doc.title, &c.doc.digest, &c.doc.created_at, c.seed_commitment),
            AnyCommitment::Lists(c) => (&c.doc.title, &c.doc.digest, &c.doc.created_at, Some(c.seed_commitment)),
        }
    }

    pub fn published(&self) -> potdraw_verify::Published<'_> {
        match self {
            AnyCommitment::One(c) => potdraw_verify::Published::One(c),
            AnyCommitment::Lists(c) => potdraw_verify::Published::Lists(c),
        }
    }
}

pub fn read_transcript(path: &Path) -> Result<ListsTranscript> {
    let bytes = files::read(path, super::MAX_DOCUMENT_BYTES)?;
    parse_transcript(&bytes).map_err(|e| crate::problem::parse(&path.display(), &e))
}

/// `potdraw draw` of a v4 commitment: every list from the one draw seed.
pub fn draw(cfg: DrawConfig) -> Result<Exit> {
    files::ensure_writable(&cfg.out, cfg.force)?;
    let commitment = match potdraw_verify::verify_lists_commitment(read_commitment(&cfg.commitment)?).outcome {
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
    let loaded = read_transcript(&a.transcript)
        .and_then(|t| Ok((t, a.commitment.as_deref().map(AnyCommitment::read).transpose()?)));
    let (transcript, published) = match loaded {
        Ok(x) => x,
        Err(e) if a.json => return Ok(crate::render::unusable_json(&e)),
        Err(e) => return Err(e),
    };
    let report =
        potdraw_verify::verify_lists_transcript_published(transcript, published.as_ref().map(AnyCommitment::published));
    // SPEC §15.4, §15.8: a record is checked only for a transcript that
    // verified, so a failing transcript is still reported as failed; a v1
    // record is refused then as `amendments-lists` (SPEC §17.10).
    let amended = match (&a.amendments, &report.outcome) {
        (Some(path), Ok(draw)) => {
            match super::amend_lists::check_record(draw, &a.transcript, path, a.earlier.as_deref()) {
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

/// `potdraw check` on a v4 transcript (SPEC §17.9).
pub fn check(a: &CheckArgs) -> Result<Exit> {
    let lang = Lang::current();
    let report = potdraw_verify::verify_lists_transcript(read_transcript(&a.transcript)?, None);
    let verified: Verified<ListsDraw> = match report.outcome {
        Ok(v) => v,
        Err(f) => {
            tell_not_verified(lang, &a.transcript, &f);
            return Ok(Exit::Failed);
        }
    };
    // SPEC §15.8, after the transcript verified (as in `verify`): a v2
    // record's final outcome, per list; a v1 record is refused (§17.10).
    let amended = match &a.amendments {
        Some(path) => {
            let checked = super::amend_lists::check_record(&verified, &a.transcript, path, None)?;
            match checked.outcome {
                Ok(v) => Some(v),
                Err(_) => return super::amend_lists::tell_record_failed(a, path, &checked),
            }
        }
        None => None,
    };
    let c = &verified.get().transcript.commitment;
    let (ticket, leaf) = match (&a.receipt, &a.id, &a.code) {
        (Some(path), id, None) => {
            // Only a receipt whose id is the id as typed: a draw with several
            // lists does not yet answer near misses of the id (single lists do).
            let receipt = match super::check::pick_receipt(path, id.as_deref())? {
                super::check::Picked::Exact(r) => r,
                super::check::Picked::Near { typed, .. } => {
                    return Err(problem!("receipt-no-id", file = path.display(), id = format!("{typed:?}")))
                }
            };
            if receipt.commitment_digest != c.digest {
                return Err(problem!(
                    "receipt-other-draw",
                    file = path.display(),
                    found = receipt.doc.commitment_digest,
                    title = format!("{:?}", receipt.doc.title),
                    expected = c.doc.digest
                ));
            }
            let Some(list) = &receipt.doc.list else {
                return Err(problem!("receipt-single-list", file = path.display()));
            };
            let ticket = verified
                .ticket_of_receipt(list, &receipt.leaf)
                .ok_or_else(|| problem!("receipt-list-unknown", file = path.display(), list = list))?;
            (ticket, receipt.leaf)
        }
        (None, Some(raw), Some(text)) => {
            let id = potdraw_core::unicode::check_id(raw).map_err(|e| crate::problem::id(&e, raw))?;
            let salt = potdraw_core::code::parse_for_draw(text, &c.digest).map_err(|e| crate::problem::code(&e))?;
            let ticket = verified.ticket_of_id(&id, &salt);
            let ListTicket::InDraw { list, .. } = &ticket else {
                // As for one list (SPEC §8.4, informative): a code of this draw
                // with an id that matches no ticket is a typing difference.
                return mismatch(a, lang, &verified, &id, raw, &salt);
            };
            let leaf = potdraw_core::lists_draw::leaf(list, &id, &salt);
            (ticket, leaf)
        }
        _ => return Err(problem!("check-usage")),
    };
    let notes = plan_notes(&c.plan);
    let fate = match (&amended, &ticket) {
        (Some(v), ListTicket::InDraw { list_index, .. }) => {
            let entries = c.entries(*list_index);
            entries.binary_search_by(|e| e.leaf.cmp(&leaf)).ok().map(|i| (v.fate(*list_index, i), v))
        }
        _ => None,
    };
    if a.json {
        let mut out = ticket_json(&ticket, &hex::encode(verified.get().transcript_digest));
        if ticket != ListTicket::NotInDraw {
            out["ticket"] = json!(hex::encode(leaf));
        }
        if let Some((f, v)) = &fate {
            out["amendments"] = crate::render_amend_lists::fate_json(f, v.get());
        }
        out["notes"] = json!(notes);
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else if let (Some((f, v)), ListTicket::InDraw { list, weight, .. }) = (&fate, &ticket) {
        let first = t!(lang, "check.lists.in-draw", list = list, weight = weight);
        println!("{first} {}", crate::render_amend_lists::fate_text(lang, f, v.get()));
        for note in notes {
            println!("\n{}", note_text(lang, note));
        }
    } else {
        println!("{}", ticket_text(lang, &ticket));
        for note in notes {
            println!("\n{}", note_text(lang, note));
        }
    }
    Ok(if ticket == ListTicket::NotInDraw { Exit::Failed } else { Exit::Success })
}

/// The id as typed matches no ticket of any list, though the code is of this
/// draw: the spelling most likely meant, with its answer, or none; exit 2.
fn mismatch(
    a: &CheckArgs,
    lang: Lang,
    verified: &Verified<ListsDraw>,
    id: &str,
    raw: &str,
    salt: &[u8; 16],
) -> Result<Exit> {
    let suggestion = crate::id_variants::variants(raw)
        .into_iter()
        .map(|v| {
            let t = verified.ticket_of_id(&v, salt);
            (v, t)
        })
        .find(|(_, t)| *t != ListTicket::NotInDraw);
    let d = hex::encode(verified.get().transcript_digest);
    if a.json {
        let suggested = suggestion.as_ref().map(|(_, t)| ticket_json(t, &d));
        let out = json!({"verified": true, "transcript_digest": d, "ticket": null, "in_draw": false,
            "weight": null, "outcome": "id-mismatch", "rank": null, "id": id, "list": null,
            "companion_of": null, "suggestion": suggestion.as_ref().map(|(v, _)| v), "suggested": suggested});
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        println!("{}", t!(lang, "check.id-mismatch", id = format!("{id:?}")));
        match &suggestion {
            Some((meant, t)) => {
                println!("{}", t!(lang, "check.did-you-mean", id = meant));
                println!("{}", ticket_text(lang, t));
            }
            None => println!("{}", t!(lang, "check.id-mismatch-none")),
        }
    }
    Ok(Exit::Unusable)
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

/// The participant's answer for a v4 draw (SPEC §17.9), in `lang`.
pub fn ticket_text(lang: Lang, ticket: &ListTicket) -> String {
    match ticket {
        ListTicket::NotInDraw => t!(lang, "check.not-in-draw"),
        ListTicket::InDraw { list, weight, outcome, companion_of, companions_list, .. } => {
            let mut s = t!(lang, "check.lists.in-draw", list = list, weight = weight);
            s.push(' ');
            // SPEC §17.9, in words (issue 27): a travel companion is never
            // told they were drawn as a recipient: they travel with place j
            // of another list and receive no grant.
            s.push_str(&match (outcome, companion_of, companions_list) {
                (Outcome::Recipient(n), Some((of, place)), _) => {
                    t!(lang, "check.lists.companion", rank = n, place = place, of = of)
                }
                (Outcome::Reserve(n), _, Some(of)) => t!(lang, "check.lists.companion-reserve", rank = n, of = of),
                (Outcome::Recipient(n), ..) => t!(lang, "check.recipient", rank = n),
                (Outcome::Reserve(n), ..) => t!(lang, "check.reserve", rank = n),
                (Outcome::NotDrawn, ..) => t!(lang, "check.not-drawn"),
            });
            s
        }
    }
}

/// `check --json` for a v4 draw: the single-list members, plus `list` and `companion_of`.
pub fn ticket_json(ticket: &ListTicket, transcript_digest: &str) -> Value {
    match ticket {
        ListTicket::NotInDraw => json!({"verified": true, "transcript_digest": transcript_digest, "ticket": null,
                                        "in_draw": false, "weight": null, "outcome": "not-in-draw", "rank": null,
                                        "list": null, "companion_of": null}),
        ListTicket::InDraw { list, weight, outcome, companion_of, .. } => {
            let (outcome, rank) = match outcome {
                Outcome::Recipient(n) => ("recipient", Some(*n)),
                Outcome::Reserve(n) => ("reserve", Some(*n)),
                Outcome::NotDrawn => ("not-drawn", None),
            };
            let companion = companion_of.as_ref().map(|(of, place)| json!({"list": of, "place": place}));
            json!({"verified": true, "transcript_digest": transcript_digest, "in_draw": true, "weight": weight,
                   "outcome": outcome, "rank": rank, "list": list, "companion_of": companion})
        }
    }
}
