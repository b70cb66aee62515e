//! `potdraw amend`: records one substitution in the amendments record
//! (SPEC §15.6), or undoes the most recent one (SPEC §15.8), and the
//! `--amendments` parts of `verify` and `check`.
//!
//! WHY the tool computes `taken_by` instead of asking for it: the successor
//! is fixed by the rules (SPEC §15.3), so the organiser only says which place
//! was vacated and why. The record is verified before and after the new
//! event, with the old one as its earlier version (`amendments-prefix`), so
//! the command can only ever append, and refuses a record of another draw.
//! The file is replaced atomically (a temporary file renamed into place).
//!
//! WHY `--undo` appends instead of removing: the record is published version
//! by version, and each version must contain the one before (SPEC §15.4
//! step 5); an undo event corrects a mistake while the record keeps it. The
//! tool writes `potdraw/amendments/v1` for a single-list draw until the first
//! undo, byte for byte as before, and v2 from then on and for a draw with
//! several lists (SPEC §15.8 "Which version is written"; those live in
//! [`lists`]).

use crate::args::AmendArgs;
use crate::files::{self, Access};
use crate::i18n::Lang;
use crate::ops::amendments::{date_as_written, read_record, reason_as_said};
use crate::render_amend::{event_text, report_json};
use crate::{problem, render, t, Exit};
use anyhow::Result;
use potdraw_core::amend::{self, Amendments, AmendmentsDoc, EventDoc, Reason};
use potdraw_core::succession::{replay, Frame, Holder, State};
use potdraw_core::succession_v2::{replay_v2, Layout};
use potdraw_core::Hash32;
use potdraw_verify::amend::{verify_amendments, AmendFailure};
use potdraw_verify::{Draw, Verified};
use std::path::{Path, PathBuf};

pub mod holder;
pub mod lists;

/// What `amend` records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `--place N`: a place was vacated.
    Place(u64),
    /// `--reserve N`: a reserve is passed over.
    Reserve(u64),
    /// `--undo`: the most recent event in effect is undone (SPEC §15.8).
    Undo,
}

/// The validated flags of `amend`.
#[derive(Debug, Clone)]
pub struct AmendConfig {
    pub transcript: PathBuf,
    pub record: PathBuf,
    pub op: Op,
    /// `None` exactly for `--undo`.
    pub reason: Option<Reason>,
    pub date: String,
    pub json: bool,
    /// `--holder`: who the event is about (issue 27); `None` for `--undo`.
    pub holder: Option<String>,
    pub receipts: Option<PathBuf>,
    pub yes: bool,
    /// `--list`: the list of the event, for a draw with several lists, as
    /// typed (its name or its display name, SPEC §19.3).
    pub list: Option<String>,
    /// The draw's lists as people call them (empty for a draw of one
    /// list); filled once the transcript is read.
    pub names: crate::shown::Names,
}

/// Stage two of the flags (see [`crate::config`]): reason and date are checked
/// before any file is read.
pub fn config(a: AmendArgs) -> Result<AmendConfig> {
    let reason = match &a.reason {
        Some(r) => Some(reason_as_said(r).ok_or_else(|| problem!("amend-reason", found = format!("{r:?}")))?),
        None => None,
    };
    let date = match a.date.as_deref().map(date_as_written) {
        Some(Some(d)) if amend::valid_date(&d) => d,
        Some(_) => return Err(problem!("amend-date", found = format!("{:?}", a.date.unwrap_or_default()))),
        None => {
            let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
            potdraw_core::time::format_utc(now)[..10].to_string()
        }
    };
    let op = match (a.place, a.reserve, a.undo) {
        (Some(p), None, false) => Op::Place(p),
        (None, Some(r), false) => Op::Reserve(r),
        (None, None, true) => Op::Undo,
        _ => return Err(problem!("amend-usage")),
    };
    Ok(AmendConfig {
        transcript: a.transcript,
        record: a.record,
        op,
        reason,
        date,
        json: a.json,
        holder: a.holder,
        receipts: a.receipts,
        yes: a.yes,
        list: a.list,
        names: crate::shown::Names::default(),
    })
}

/// Reads and verifies a single-list transcript; `Err(exit)` after saying why it failed.
pub fn verified_draw(path: &Path) -> Result<Result<Verified<Draw>, Exit>> {
    let transcript = crate::ops::documents::read_transcript(path)?;
    let report = potdraw_verify::verify_transcript(transcript, None);
    match report.outcome {
        Ok(v) => Ok(Ok(v)),
        Err(f) => {
            tell_transcript_failed(path, &f);
            Ok(Err(Exit::Failed))
        }
    }
}

/// `amend`'s words for a transcript that does not verify.
pub fn tell_transcript_failed(path: &Path, f: &potdraw_verify::Failure) {
    let lang = Lang::current();
    eprint!(
        "potdraw: {}\n{}{}\n",
        t!(lang, "amend.transcript-not-verified", file = potdraw_core::unicode::visible(&path.display().to_string())),
        render::failure_lines(lang, f),
        t!(lang, "verify.not-verified", check = f.check.id())
    );
}

pub fn run(cfg: AmendConfig) -> Result<Exit> {
    let json = cfg.json;
    let result = match crate::ops::documents::has_lists(&cfg.transcript) {
        Ok(true) => lists::append(cfg),
        Ok(false) => append(cfg),
        Err(e) => Err(e),
    };
    match result {
        Err(e) if json => Ok(render::unusable_json(&e)),
        other => other,
    }
}

/// The record already at `cfg.record`, if any: of this transcript, and
/// following the rules (`check` runs §15.4 on it), else refused.
pub fn existing<T>(
    cfg: &AmendConfig,
    digest: &potdraw_core::Hash32,
    check: impl FnOnce(Amendments) -> Result<Result<T, AmendFailure>>,
) -> Result<Option<(Amendments, T)>> {
    if !cfg.record.exists() {
        return Ok(None);
    }
    let file = cfg.record.display();
    let record = read_record(&cfg.record)?;
    if &record.transcript != digest {
        return Err(problem!(
            "amend-other-transcript",
            file = file,
            found = hex::encode(record.transcript),
            expected = hex::encode(digest)
        ));
    }
    match check(record.clone())? {
        Ok(v) => Ok(Some((record, v))),
        Err(f) => {
            let what = crate::render_amend::what_text(Lang::current(), &f);
            Err(problem!("amend-record-invalid", file = file, check = f.check.id(), what = what))
        }
    }
}

fn append(cfg: AmendConfig) -> Result<Exit> {
    let draw = match verified_draw(&cfg.transcript)? {
        Ok(d) => d,
        Err(exit) => return Ok(exit),
    };
    if let Some(list) = &cfg.list {
        return Err(problem!("amend-list-single", found = format!("{list:?}"), file = cfg.transcript.display()));
    }
    let digest = draw.get().transcript_digest;
    let old = existing(&cfg, &digest, |r| Ok(verify_amendments(&draw, r, None).outcome.map(|_| ())))?.map(|(r, _)| r);
    let events = old.as_ref().map_or(&[][..], |o| &o.events[..]);
    let t = &draw.get().transcript;
    let frame = Frame::of(t);
    let (doc, event, restored) = match cfg.op {
        Op::Undo => {
            let leaf_of = |_: usize, h: Holder| crate::ops::amendments::leaf_of(t, h);
            undo_event(&cfg, old.as_ref(), &Layout::Single(frame), &leaf_of, &|_| None)?
        }
        Op::Place(_) | Op::Reserve(_) => {
            holder::confirm(&draw, events, &cfg)?;
            // The successor the rules give (SPEC §15.3); a place that cannot be
            // vacated is refused below by the same checks a verifier runs.
            let taken_by = replay(frame, events).map(|s| s.successor(frame)).unwrap_or(0);
            let doc = old.as_ref().map_or_else(|| AmendmentsDoc::new(&digest), |o| o.doc.clone());
            let event = new_event(&cfg, doc.events.len() as u64 + 1, taken_by);
            (doc, event, None)
        }
    };
    finish(&cfg, doc, event, restored, |record| {
        let report = verify_amendments(&draw, record, old.as_ref());
        Ok((report.outcome.as_ref().map(|a| a.get().digest).map_err(Clone::clone), report_json(&report)))
    })
}

/// The vacate (`--place`) or skip (`--reserve`) event of `cfg`, without its
/// list, numbered `seq` (never called for `--undo`).
pub fn new_event(cfg: &AmendConfig, seq: u64, taken_by: u64) -> EventDoc {
    let reason = cfg.reason.unwrap_or(Reason::Declined);
    match cfg.op {
        Op::Reserve(reserve) => EventDoc::skip(seq, &cfg.date, reserve, reason),
        Op::Place(place) => EventDoc::vacate(seq, &cfg.date, place, reason, taken_by),
        // Never asked for: an undo is made by [`undo_event`], which knows what it undoes.
        Op::Undo => EventDoc::undo(seq, &cfg.date, 0),
    }
}

/// SPEC §15.8: the undo of the most recent event in effect of `old`, with
/// the record it extends (as v2: its events kept as they were) and the
/// sentence that names the person restored. Shows the event and, on a
/// terminal, asks; refuses when no event is in effect. `leaf_of(list,
/// holder)` is a holder's ticket; `travels_with(list)` the list a list of
/// travel companions travels with (issue 27: a companion restored is never
/// called a recipient).
pub fn undo_event(
    cfg: &AmendConfig,
    old: Option<&Amendments>,
    layout: &Layout,
    leaf_of: &dyn Fn(usize, Holder) -> Option<Hash32>,
    travels_with: &dyn Fn(usize) -> Option<String>,
) -> Result<(AmendmentsDoc, EventDoc, Option<String>)> {
    let lang = Lang::current();
    let nothing = || problem!("amend-nothing-to-undo", file = cfg.record.display());
    let old = old.ok_or_else(nothing)?;
    // The record verified above, so its replay succeeds.
    let replayed = replay_v2(layout, &old.events).map_err(|_| nothing())?;
    let &last = replayed.in_effect.last().ok_or_else(nothing)?;
    let undone = &old.events[last];
    let list = layout.list_of(last, undone).map_err(|_| nothing())?;
    let restored = restored_text(lang, cfg, layout, &replayed.states[list], (list, last), leaf_of, travels_with);
    let shown = event_text(lang, &old.doc.events[last], &cfg.names);
    holder::ask(cfg, &t!(lang, "amend.undo.ask", event = shown, restored = restored))?;
    let doc = old.doc.clone().into_v2();
    let event = EventDoc::undo(doc.events.len() as u64 + 1, &cfg.date, undone.seq);
    // After writing: the undo, the event it cancels, and who is restored.
    Ok((doc, event, Some(format!("  {shown}\n{restored}"))))
}

/// Who an undo of event `last` (0-based) restores: the person it made leave.
fn restored_text(
    lang: Lang,
    cfg: &AmendConfig,
    layout: &Layout,
    state: &State,
    (list, last): (usize, usize),
    leaf_of: &dyn Fn(usize, Holder) -> Option<Hash32>,
    travels_with: &dyn Fn(usize) -> Option<String>,
) -> String {
    let name = match layout {
        Layout::Lists(l) => l.get(list).map(|(n, _)| cfg.names.shown(n)),
        Layout::Single(_) => None,
    };
    let Some((was, left)) = state.left.iter().find(|(_, l)| l.event == last + 1) else { return String::new() };
    let ticket = leaf_of(list, *was).map(|l| render::fingerprint(&hex::encode(l))).unwrap_or_default();
    let role = match (travels_with(list), *was) {
        (Some(of), Holder::Recipient(rank)) => {
            t!(lang, "amend.holder.companion", rank = rank, of = cfg.names.shown(&of))
        }
        (_, was) => holder::holder_text(lang, was),
    };
    match left.place {
        Some(place) => {
            let what = holder::place_words(lang, place, name.as_deref());
            t!(lang, "amend.undo.restored", ticket = ticket, role = role, what = what)
        }
        None => t!(lang, "amend.undo.restored-reserve", ticket = ticket, role = role),
    }
}

/// What checking the new record gives: its digest, or the first failure,
/// and the `amendments` object of `--json`.
pub type Checked = (std::result::Result<Hash32, AmendFailure>, serde_json::Value);

/// Appends `event` to `doc`, checks the new record (`check`, with the old
/// one as its earlier version), and only then replaces the file.
pub fn finish(
    cfg: &AmendConfig,
    mut doc: AmendmentsDoc,
    event: EventDoc,
    restored: Option<String>,
    check: impl FnOnce(Amendments) -> Result<Checked>,
) -> Result<Exit> {
    let file = cfg.record.display();
    let seq = event.seq;
    doc.events.push(event.clone());
    let text = doc.to_pretty();
    let record = amend::parse(text.as_bytes()).map_err(|e| problem::parse(&file, &e))?;
    let (outcome, json) = check(record)?;
    let digest = match outcome {
        Ok(d) => d,
        Err(f) => {
            let lang = Lang::current();
            let what = crate::render_amend::what_text(lang, &f);
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
        let out = serde_json::json!({"written": file.to_string(), "seq": seq, "event": event, "amendments": json});
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        let d = hex::encode(digest);
        println!("{}", event_text(lang, &event, &cfg.names));
        if let Some(r) = restored.filter(|r| !r.is_empty()) {
            println!("{r}.");
        }
        println!("{}", t!(lang, "amend.written", seq = seq, file = file, fingerprint = render::fingerprint(&d)));
    }
    Ok(Exit::Success)
}
