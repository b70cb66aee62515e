//! Words and JSON for the amendments record (SPEC §15): the checks of
//! `verify --amendments`, the final list, the events, and a participant's
//! final outcome for `check --amendments`.
//!
//! WHY its own module: render.rs is the transcript's; the record is a
//! second document with its own checks, and its sentences are in the
//! `## amend` section of the catalogues, in English and Dutch.

use crate::i18n::Lang;
use crate::render::Noun;
use crate::render::{fingerprint, value_text};
use crate::shown::Names;
use crate::t;
use potdraw_core::amend::{EventDoc, Reason};
use potdraw_core::succession::{Holder, RuleError};
use potdraw_verify::amend::{AmendCheck, AmendFailure, AmendReport, AmendWhat, Amended, Fate, FinalPlace};
use potdraw_verify::Verified;
use serde_json::{json, Value};

pub fn reason_word(lang: Lang, r: Reason) -> String {
    match r {
        Reason::Declined => t!(lang, "amend.reason.declined"),
        Reason::Unreachable => t!(lang, "amend.reason.unreachable"),
        Reason::NotEligible => t!(lang, "amend.reason.not-eligible"),
    }
}

fn reason_of(lang: Lang, name: Option<&str>) -> String {
    let name = name.unwrap_or_default();
    Reason::from_name(name).map_or_else(|| name.to_string(), |r| reason_word(lang, r))
}

/// One event in words: "#1 2026-12-10: place 3 declined; reserve 1 steps in",
/// "#3 2026-12-16: event 2 undone", and with its list (SPEC §15.8)
/// "… (list Noord)": the list as people call it (SPEC §19.3); `names` is
/// empty for a draw of one list. The record keeps the list's name.
pub fn event_text(lang: Lang, e: &EventDoc, names: &Names) -> String {
    let text = event_words(lang, e);
    match &e.list {
        Some(list) => t!(lang, "amend.event.in-list", event = text, list = names.shown(list)),
        None => text,
    }
}

fn event_words(lang: Lang, e: &EventDoc) -> String {
    // Issue 28: "15 december 2026"; the record keeps 2026-12-15.
    let date = crate::localtime::day(lang, &e.date);
    if let Some(undoes) = e.undoes {
        return t!(lang, "amend.event.undo", seq = e.seq, date = date, undoes = undoes);
    }
    let reason = reason_of(lang, e.reason.as_deref());
    match (e.place, e.taken_by, e.reserve) {
        (Some(place), Some(0), _) => {
            t!(lang, "amend.event.vacate-empty", seq = e.seq, date = date, place = place, reason = reason)
        }
        (Some(place), Some(m), _) => {
            t!(lang, "amend.event.vacate", seq = e.seq, date = date, place = place, reason = reason, reserve = m)
        }
        (_, _, Some(reserve)) => {
            t!(lang, "amend.event.skip", seq = e.seq, date = date, reserve = reserve, reason = reason)
        }
        _ => crate::i18n::render("#{seq} {date}", &[("seq", &e.seq), ("date", &date)]),
    }
}

/// One place of the final list in words.
pub fn place_text(lang: Lang, p: &FinalPlace, reserves: u64) -> String {
    let leaf = p.leaf.map(hex::encode).unwrap_or_default();
    match p.holder {
        Holder::Recipient(rank) => t!(lang, "amend.place.recipient", place = p.place, rank = rank, leaf = leaf),
        Holder::Reserve(m) if m <= reserves => {
            t!(lang, "amend.place.reserve", place = p.place, reserve = m, leaf = leaf)
        }
        Holder::Reserve(m) => t!(lang, "amend.place.continued", place = p.place, reserve = m, leaf = leaf),
        Holder::Empty => t!(lang, "amend.place.empty", place = p.place),
    }
}

fn holder_name(p: &FinalPlace, reserves: u64) -> (&'static str, Option<u64>) {
    match p.holder {
        Holder::Recipient(_) => ("recipient", None),
        Holder::Reserve(m) if m <= reserves => ("reserve", Some(m)),
        Holder::Reserve(m) => ("continued", Some(m)),
        Holder::Empty => ("empty", None),
    }
}

fn passed_text<T>(lang: Lang, check: AmendCheck, r: &AmendReport<T>) -> String {
    let (events, earlier) = (r.events, r.earlier_events.unwrap_or(0));
    let date = crate::localtime::day(lang, &r.draw_date);
    match check {
        AmendCheck::Transcript => t!(lang, "amend.check.amendments-transcript"),
        AmendCheck::Sequence => {
            t!(
                lang,
                "amend.check.amendments-sequence",
                events = crate::render::counted(lang, Noun::Events, events as u64)
            )
        }
        AmendCheck::Dates => t!(lang, "amend.check.amendments-dates", date = date),
        AmendCheck::Rules => t!(lang, "amend.check.amendments-rules"),
        AmendCheck::Prefix => {
            t!(
                lang,
                "amend.check.amendments-prefix",
                earlier = crate::render::counted(lang, Noun::Events, earlier as u64)
            )
        }
    }
}

pub fn what_text(lang: Lang, f: &AmendFailure) -> String {
    let event = f.event.unwrap_or(0);
    match &f.what {
        AmendWhat::Transcript => t!(lang, "amend.what.transcript"),
        AmendWhat::Seq => t!(lang, "amend.what.seq", event = event),
        AmendWhat::BeforeDraw => t!(lang, "amend.what.before-draw", event = event),
        AmendWhat::DateOrder => t!(lang, "amend.what.date-order", event = event),
        AmendWhat::Rule(RuleError::PlaceNotDrawn { .. }) => t!(lang, "amend.what.place-not-drawn", event = event),
        AmendWhat::Rule(RuleError::PlaceEmpty { .. }) => t!(lang, "amend.what.place-empty", event = event),
        AmendWhat::Rule(RuleError::TakenBy { place, .. }) => {
            t!(lang, "amend.what.taken-by", event = event, place = place)
        }
        AmendWhat::Rule(RuleError::ReserveNotDrawn { .. }) => t!(lang, "amend.what.reserve-not-drawn", event = event),
        AmendWhat::Rule(RuleError::ReserveGone { .. }) => t!(lang, "amend.what.reserve-gone", event = event),
        AmendWhat::Rule(RuleError::NothingToUndo { .. }) => t!(lang, "amend.what.nothing-to-undo", event = event),
        AmendWhat::Rule(RuleError::Undoes { .. }) => t!(lang, "amend.what.undoes", event = event),
        AmendWhat::Rule(RuleError::ListMissing { .. }) => t!(lang, "amend.what.list-missing", event = event),
        AmendWhat::Rule(RuleError::ListUnknown { .. }) => t!(lang, "amend.what.list-unknown", event = event),
        AmendWhat::Rule(RuleError::ListNotAllowed { .. }) => t!(lang, "amend.what.list-not-allowed", event = event),
        AmendWhat::EarlierTranscript => t!(lang, "amend.what.earlier-transcript"),
        AmendWhat::EarlierLonger => t!(lang, "amend.what.earlier-longer"),
        AmendWhat::EarlierEvent => t!(lang, "amend.what.earlier-event", event = event),
    }
}

/// The human report of `verify --amendments`, after the transcript's own.
pub fn report_text(lang: Lang, file: &str, r: &AmendReport) -> String {
    report_text_with(lang, file, r, |v| verified_text(lang, v))
}

/// [`report_text`] for either kind of draw: `verified` says what a record
/// that passed establishes (one final list, or one per list).
pub fn report_text_with<T>(
    lang: Lang,
    file: &str,
    r: &AmendReport<T>,
    verified: impl Fn(&Verified<T>) -> String,
) -> String {
    let ok = lang.t("verify.status.ok", &[]);
    let mut s = format!("\n{}\n", t!(lang, "amend.heading", file = file));
    for &c in &r.passed {
        s.push_str(&format!("  {ok:<5} {:<21} {}\n", c.id(), passed_text(lang, c, r)));
    }
    match &r.outcome {
        Ok(v) => s.push_str(&verified(v)),
        Err(f) => {
            let fail = lang.t("verify.status.failed", &[]);
            s.push_str(&format!("  {fail:<5} {:<21} {}\n", f.check.id(), what_text(lang, f)));
            s.push_str(&format!("          {}: {}\n", t!(lang, "verify.expected"), value_text(lang, &f.expected)));
            s.push_str(&format!("          {}: {}\n", t!(lang, "verify.found"), value_text(lang, &f.found)));
            s.push_str(&format!(
                "\n{}\n{}\n",
                t!(lang, "amend.not-verified", check = f.check.id()),
                t!(lang, "amend.meaning")
            ));
        }
    }
    s
}

/// The verdict, the digest and the events (SPEC §15.4; §15.8: undone events
/// are listed with the undo that cancelled them, and counted apart).
pub fn summary_text(
    lang: Lang,
    record: &potdraw_core::amend::Amendments,
    digest: &potdraw_core::Hash32,
    counts: &[(Reason, usize)],
    undone: usize,
    names: &Names,
) -> String {
    let d = hex::encode(digest);
    let mut s = format!(
        "\n{}\n{}\n",
        t!(
            lang,
            "amend.verified",
            events = crate::render::counted(lang, crate::render::Noun::Events, record.events.len() as u64),
            declined = counts[0].1,
            unreachable = counts[1].1,
            not_eligible = counts[2].1
        ),
        t!(lang, "amend.digest", digest = d, fingerprint = fingerprint(&d))
    );
    if undone > 0 {
        s.push_str(&format!("{}\n", t!(lang, "amend.undone", undone = undone)));
    }
    for e in &record.doc.events {
        s.push_str(&format!("  {}\n", event_text(lang, e, names)));
    }
    s
}

fn verified_text(lang: Lang, v: &Verified<Amended>) -> String {
    let a = v.get();
    let mut s = summary_text(lang, &a.record, &a.digest, &v.reason_counts(), a.undone, &Names::default());
    s.push_str(&format!("{}\n", t!(lang, "amend.final")));
    for p in &a.places {
        s.push_str(&format!("  {}\n", place_text(lang, p, a.reserves)));
    }
    s
}

/// The `amendments` member of `verify --json` (SPEC §15.4, §15.8, informative).
pub fn report_json(r: &AmendReport) -> Value {
    report_json_with(r, |v| {
        let a = v.get();
        verified_json(&a.record, &a.digest, &v.reason_counts(), a.undone, final_json(a))
    })
}

/// The members of a verified record's `amendments` object; `final` as given.
pub fn verified_json(
    record: &potdraw_core::amend::Amendments,
    digest: &potdraw_core::Hash32,
    counts: &[(Reason, usize)],
    undone: usize,
    finals: Vec<Value>,
) -> Value {
    let counts: serde_json::Map<String, Value> = counts.iter().map(|(r, n)| (r.name().to_string(), json!(n))).collect();
    json!({
        "verified": true,
        "failed_check": null,
        "digest": hex::encode(digest),
        "events": record.events.len(),
        "undone": undone,
        "reasons": counts,
        "final": finals,
    })
}

/// [`report_json`] for either kind of draw.
pub fn report_json_with<T>(r: &AmendReport<T>, verified: impl Fn(&Verified<T>) -> Value) -> Value {
    let mut checks: Vec<Value> = r.passed.iter().map(|c| json!({"check": c.id(), "status": "passed"})).collect();
    match &r.outcome {
        Ok(v) => {
            let mut out = verified(v);
            out["checks"] = Value::Array(checks);
            out
        }
        Err(f) => {
            checks.push(json!({"check": f.check.id(), "status": "failed", "event": f.event,
                               "what": f.to_string(), "expected": f.expected, "found": f.found}));
            json!({"verified": false, "checks": checks, "failed_check": f.check.id()})
        }
    }
}

pub fn final_json(a: &Amended) -> Vec<Value> {
    a.places.iter().map(|p| place_json(p, a.reserves)).collect()
}

/// One place of a final list: `{place, holder, reserve, index, leaf}` (SPEC §15.4).
pub fn place_json(p: &FinalPlace, reserves: u64) -> Value {
    let (holder, reserve) = holder_name(p, reserves);
    json!({"place": p.place, "holder": holder, "reserve": reserve, "index": p.index,
           "leaf": p.leaf.map(hex::encode)})
}

/// A participant's final outcome in words (SPEC §15.5).
pub fn fate_text(lang: Lang, fate: Fate, a: &Amended) -> String {
    let events = &a.record.doc.events;
    fate_text_in(lang, fate, events, a.reserves) + &undone_note(lang, fate, events, None)
}

/// SPEC §15.8: a person an undo gave their place (or their turn) back is
/// told so, as the page tells them (issue 27): the undone event that had
/// vacated their place, or had passed them over, with the undo's date.
/// `list`: the list of the place (`None` for a draw of one list).
pub fn undone_note(lang: Lang, fate: Fate, events: &[EventDoc], list: Option<&str>) -> String {
    let mine = |e: &EventDoc| match (fate, e.place, e.reserve) {
        (Fate::Holds { place, holder: Holder::Recipient(p) }, Some(vacated), _) => p == place && vacated == place,
        (Fate::Waiting { reserve }, None, Some(skipped)) => skipped == reserve,
        (Fate::Holds { holder: Holder::Reserve(m), .. }, None, Some(skipped)) => skipped == m,
        _ => false,
    };
    let mut out = String::new();
    for undo in events.iter().filter(|e| e.undoes.is_some()) {
        let Some(undone) = events.iter().find(|e| Some(e.seq) == undo.undoes) else { continue };
        if undone.list.as_deref() != list || !mine(undone) {
            continue;
        }
        let key = if undone.place.is_some() { "check.final.undone-vacate" } else { "check.final.undone-skip" };
        out.push(' ');
        let date = crate::localtime::day(lang, &undo.date);
        out.push_str(&lang.t(key, &[("event", &undone.seq), ("date", &date)]));
    }
    out
}

/// [`fate_text`] for one list with `reserves` reserves; `events` are the record's.
pub fn fate_text_in(lang: Lang, fate: Fate, events: &[EventDoc], reserves: u64) -> String {
    let event = |n: usize| &events[n - 1];
    match fate {
        Fate::Holds { place, holder: Holder::Recipient(_) } => t!(lang, "check.final.recipient", place = place),
        Fate::Holds { place, holder: Holder::Reserve(m) } if m <= reserves => {
            t!(lang, "check.final.moved-up", reserve = m, place = place)
        }
        Fate::Holds { place, holder } => {
            let m = if let Holder::Reserve(m) = holder { m } else { 0 };
            t!(lang, "check.final.continued", reserve = m, place = place)
        }
        Fate::Left { left, .. } => {
            let (reason, date) = (reason_word(lang, left.reason), crate::localtime::day(lang, &event(left.event).date));
            match left.place {
                Some(place) => t!(lang, "check.final.vacated", place = place, reason = reason, date = date),
                None => {
                    let m = event(left.event).reserve.unwrap_or(0);
                    t!(lang, "check.final.skipped", reserve = m, reason = reason, date = date)
                }
            }
        }
        Fate::Waiting { reserve } => t!(lang, "check.final.waiting", reserve = reserve),
        Fate::NotDrawn => t!(lang, "check.not-drawn"),
    }
}

/// `check --amendments --json`: the final outcome as data.
pub fn fate_json(fate: Fate, a: &Amended) -> Value {
    fate_json_in(fate, a.reserves, &a.digest)
}

/// [`fate_json`] for one list with `reserves` reserves.
pub fn fate_json_in(fate: Fate, reserves: u64, digest: &potdraw_core::Hash32) -> Value {
    let (outcome, place, reserve) = match fate {
        Fate::Holds { place, holder: Holder::Recipient(_) } => ("recipient", Some(place), None),
        Fate::Holds { place, holder: Holder::Reserve(m) } if m <= reserves => ("moved-up", Some(place), Some(m)),
        Fate::Holds { place, holder: Holder::Reserve(m) } => ("continued", Some(place), Some(m)),
        Fate::Holds { place, .. } => ("recipient", Some(place), None),
        Fate::Left { left, holder } => {
            let m = if let Holder::Reserve(m) = holder { Some(m) } else { None };
            (if left.place.is_some() { "vacated" } else { "skipped" }, left.place, m)
        }
        Fate::Waiting { reserve } => ("waiting", None, Some(reserve)),
        Fate::NotDrawn => ("not-drawn", None, None),
    };
    json!({"final_outcome": outcome, "place": place, "reserve": reserve, "amendments_digest": hex::encode(digest)})
}
