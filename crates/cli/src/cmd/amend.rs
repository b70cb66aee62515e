//! `potdraw amend`: records one substitution in the amendments record
//! (SPEC §15.6), and the `--amendments` parts of `verify` and `check`.
//!
//! WHY the tool computes `taken_by` instead of asking for it: the successor
//! is fixed by the rules (SPEC §15.3), so the organiser only says which place
//! was vacated and why. The record is verified before and after the new
//! event, with the old one as its earlier version (`amendments-prefix`), so
//! the command can only ever append, and refuses a record of another draw.
//! The file is replaced atomically (a temporary file renamed into place).

use crate::args::AmendArgs;
use crate::files::{self, Access};
use crate::i18n::Lang;
use crate::render_amend::{event_text, report_json};
use crate::{problem, render, t, Exit};
use anyhow::Result;
use potdraw_core::amend::{self, Amendments, AmendmentsDoc, EventDoc, Reason};
use potdraw_core::succession::{replay, Frame};
use potdraw_verify::amend::{verify_amendments, AmendReport};
use potdraw_verify::{Draw, Verified};
use std::path::{Path, PathBuf};

/// The validated flags of `amend`.
#[derive(Debug, Clone)]
pub struct AmendConfig {
    pub transcript: PathBuf,
    pub record: PathBuf,
    /// `Ok(place)` for `--place`, `Err(reserve)` for `--reserve`.
    pub what: Result<u64, u64>,
    pub reason: Reason,
    pub date: String,
    pub json: bool,
    /// `--holder`: who the event is about (issue 27).
    pub holder: String,
    pub receipts: Option<PathBuf>,
    pub yes: bool,
}

/// Stage two of the flags (see [`crate::config`]): reason and date are checked
/// before any file is read.
pub fn config(a: AmendArgs) -> Result<AmendConfig> {
    let reason =
        Reason::from_name(&a.reason).ok_or_else(|| problem!("amend-reason", found = format!("{:?}", a.reason)))?;
    let date = match a.date {
        Some(d) if amend::valid_date(&d) => d,
        Some(d) => return Err(problem!("amend-date", found = format!("{d:?}"))),
        None => {
            let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
            potdraw_core::time::format_utc(now)[..10].to_string()
        }
    };
    let what = match (a.place, a.reserve) {
        (Some(p), None) => Ok(p),
        (None, Some(r)) => Err(r),
        _ => return Err(problem!("amend-usage")),
    };
    Ok(AmendConfig {
        transcript: a.transcript,
        record: a.record,
        what,
        reason,
        date,
        json: a.json,
        holder: a.holder,
        receipts: a.receipts,
        yes: a.yes,
    })
}

/// Reads and verifies the transcript; `Err(exit)` after saying why it failed.
pub fn verified_draw(path: &Path) -> Result<Result<Verified<Draw>, Exit>> {
    // SPEC §17.10: a record names places without a list, so a draw with
    // several lists gets the refusal `verify` and `check` give (issue 26).
    let transcript = super::read_transcript(path).map_err(|e| match problem::describe(&e).0 {
        "transcript-of-lists" => problem!("amendments-lists", file = path.display()),
        _ => e,
    })?;
    let report = potdraw_verify::verify_transcript(transcript, None);
    match report.outcome {
        Ok(v) => Ok(Ok(v)),
        Err(f) => {
            let lang = Lang::current();
            eprint!(
                "potdraw: {}\n{}{}\n",
                t!(
                    lang,
                    "amend.transcript-not-verified",
                    file = potdraw_core::unicode::visible(&path.display().to_string())
                ),
                render::failure_lines(lang, &f),
                t!(lang, "verify.not-verified", check = f.check.id())
            );
            Ok(Err(Exit::Failed))
        }
    }
}

/// Reads a record (unusable input is exit 2, naming the file and field).
pub fn read_record(path: &Path) -> Result<Amendments> {
    amend::parse(&files::read(path, super::MAX_DOCUMENT_BYTES)?).map_err(|e| problem::parse(&path.display(), &e))
}

pub fn run(cfg: AmendConfig) -> Result<Exit> {
    let json = cfg.json;
    match append(cfg) {
        Err(e) if json => Ok(render::unusable_json(&e)),
        other => other,
    }
}

fn append(cfg: AmendConfig) -> Result<Exit> {
    let draw = match verified_draw(&cfg.transcript)? {
        Ok(d) => d,
        Err(exit) => return Ok(exit),
    };
    let file = cfg.record.display();
    let digest = draw.get().transcript_digest;
    let old = if cfg.record.exists() {
        let record = read_record(&cfg.record)?;
        if record.transcript != digest {
            return Err(problem!(
                "amend-other-transcript",
                file = file,
                found = hex::encode(record.transcript),
                expected = hex::encode(digest)
            ));
        }
        let checked = verify_amendments(&draw, record.clone(), None);
        if let Err(f) = &checked.outcome {
            let what = crate::render_amend::what_text(Lang::current(), f);
            return Err(problem!("amend-record-invalid", file = file, check = f.check.id(), what = what));
        }
        Some(record)
    } else {
        None
    };
    let events = old.as_ref().map_or(&[][..], |o| &o.events[..]);
    crate::amend_holder::confirm(&draw, events, &cfg)?;
    let mut doc = old.as_ref().map_or_else(|| AmendmentsDoc::new(&digest), |o| o.doc.clone());
    let seq = doc.events.len() as u64 + 1;
    let event = match cfg.what {
        Ok(place) => {
            // The successor the rules give (SPEC §15.3); a place that cannot be
            // vacated is refused below by the same checks a verifier runs.
            let frame = Frame::of(&draw.get().transcript);
            let events = old.as_ref().map_or(&[][..], |o| &o.events[..]);
            let taken_by = replay(frame, events).map(|s| s.successor(frame)).unwrap_or(0);
            EventDoc::vacate(seq, &cfg.date, place, cfg.reason, taken_by)
        }
        Err(reserve) => EventDoc::skip(seq, &cfg.date, reserve, cfg.reason),
    };
    doc.events.push(event.clone());
    let text = doc.to_pretty();
    let record = amend::parse(text.as_bytes()).map_err(|e| problem::parse(&file, &e))?;
    let report = verify_amendments(&draw, record, old.as_ref());
    let amended = match &report.outcome {
        Ok(a) => a,
        Err(f) => {
            let lang = Lang::current();
            let what = crate::render_amend::what_text(lang, f);
            return Err(problem!(
                "amend-refused",
                check = f.check.id(),
                what = what,
                expected = render::value_text(lang, &f.expected),
                found = render::value_text(lang, &f.found)
            ));
        }
    };
    // The record grows by its purpose: replacing it is allowed (force), and
    // the checks above have shown the old one is its prefix.
    files::write(&cfg.record, text.as_bytes(), Access::Public, true)?;
    let lang = Lang::current();
    if cfg.json {
        let out = serde_json::json!({"written": file.to_string(), "seq": seq, "event": event,
                                     "amendments": report_json(&report)});
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        let d = hex::encode(amended.get().digest);
        println!("{}", event_text(lang, &event));
        println!("{}", t!(lang, "amend.written", seq = seq, file = file, fingerprint = render::fingerprint(&d)));
    }
    Ok(Exit::Success)
}

/// `verify … --amendments FILE [--earlier OLD]`: the record's checks after
/// the transcript's, for a transcript that verified.
pub fn check_record(draw: &Verified<Draw>, record: &Path, earlier: Option<&Path>) -> Result<AmendReport> {
    let r = read_record(record)?;
    let old = earlier.map(read_record).transpose()?;
    Ok(verify_amendments(draw, r, old.as_ref()))
}
