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

fn reason_of(lang: Lang, name: &str) -> String {
    Reason::from_name(name).map_or_else(|| name.to_string(), |r| reason_word(lang, r))
}

/// One event in words: "#1 2026-12-10: place 3 declined; reserve 1 steps in".
pub fn event_text(lang: Lang, e: &EventDoc) -> String {
    let reason = reason_of(lang, &e.reason);
    match (e.place, e.taken_by, e.reserve) {
        (Some(place), Some(0), _) => {
            t!(lang, "amend.event.vacate-empty", seq = e.seq, date = e.date, place = place, reason = reason)
        }
        (Some(place), Some(m), _) => {
            t!(lang, "amend.event.vacate", seq = e.seq, date = e.date, place = place, reason = reason, reserve = m)
        }
        (_, _, Some(reserve)) => {
            t!(lang, "amend.event.skip", seq = e.seq, date = e.date, reserve = reserve, reason = reason)
        }
        _ => crate::i18n::render("#{seq} {date}", &[("seq", &e.seq), ("date", &e.date)]),
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

fn passed_text(lang: Lang, check: AmendCheck, r: &AmendReport) -> String {
    let (events, earlier, date) = (r.events, r.earlier_events.unwrap_or(0), &r.draw_date);
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
        AmendWhat::EarlierTranscript => t!(lang, "amend.what.earlier-transcript"),
        AmendWhat::EarlierLonger => t!(lang, "amend.what.earlier-longer"),
        AmendWhat::EarlierEvent => t!(lang, "amend.what.earlier-event", event = event),
    }
}

/// The human report of `verify --amendments`, after the transcript's own.
pub fn report_text(lang: Lang, file: &str, r: &AmendReport) -> String {
    let ok = lang.t("verify.status.ok", &[]);
    let mut s = format!("\n{}\n", t!(lang, "amend.heading", file = file));
    for &c in &r.passed {
        s.push_str(&format!("  {ok:<5} {:<21} {}\n", c.id(), passed_text(lang, c, r)));
    }
    match &r.outcome {
        Ok(v) => s.push_str(&verified_text(lang, v)),
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

fn verified_text(lang: Lang, v: &Verified<Amended>) -> String {
    let a = v.get();
    let counts = v.reason_counts();
    let d = hex::encode(a.digest);
    let mut s = format!(
        "\n{}\n{}\n",
        t!(
            lang,
            "amend.verified",
            events = crate::render::counted(lang, crate::render::Noun::Events, a.record.events.len() as u64),
            declined = counts[0].1,
            unreachable = counts[1].1,
            not_eligible = counts[2].1
        ),
        t!(lang, "amend.digest", digest = d, fingerprint = fingerprint(&d))
    );
    for e in &a.record.doc.events {
        s.push_str(&format!("  {}\n", event_text(lang, e)));
    }
    s.push_str(&format!("{}\n", t!(lang, "amend.final")));
    for p in &a.places {
        s.push_str(&format!("  {}\n", place_text(lang, p, a.reserves)));
    }
    s
}

/// The `amendments` member of `verify --json` (SPEC §15.4, informative).
pub fn report_json(r: &AmendReport) -> Value {
    let mut checks: Vec<Value> = r.passed.iter().map(|c| json!({"check": c.id(), "status": "passed"})).collect();
    match &r.outcome {
        Ok(v) => {
            let a = v.get();
            let counts: serde_json::Map<String, Value> =
                v.reason_counts().into_iter().map(|(r, n)| (r.name().to_string(), json!(n))).collect();
            json!({
                "verified": true,
                "checks": checks,
                "failed_check": null,
                "digest": hex::encode(a.digest),
                "events": a.record.events.len(),
                "reasons": counts,
                "final": final_json(a),
            })
        }
        Err(f) => {
            checks.push(json!({"check": f.check.id(), "status": "failed", "event": f.event,
                               "what": f.to_string(), "expected": f.expected, "found": f.found}));
            json!({"verified": false, "checks": checks, "failed_check": f.check.id()})
        }
    }
}

pub fn final_json(a: &Amended) -> Vec<Value> {
    a.places
        .iter()
        .map(|p| {
            let (holder, reserve) = holder_name(p, a.reserves);
            json!({"place": p.place, "holder": holder, "reserve": reserve, "index": p.index,
                   "leaf": p.leaf.map(hex::encode)})
        })
        .collect()
}

/// A participant's final outcome in words (SPEC §15.5).
pub fn fate_text(lang: Lang, fate: Fate, a: &Amended) -> String {
    let event = |n: usize| &a.record.doc.events[n - 1];
    match fate {
        Fate::Holds { place, holder: Holder::Recipient(_) } => t!(lang, "check.final.recipient", place = place),
        Fate::Holds { place, holder: Holder::Reserve(m) } if m <= a.reserves => {
            t!(lang, "check.final.moved-up", reserve = m, place = place)
        }
        Fate::Holds { place, holder } => {
            let m = if let Holder::Reserve(m) = holder { m } else { 0 };
            t!(lang, "check.final.continued", reserve = m, place = place)
        }
        Fate::Left { left, .. } => {
            let (reason, date) = (reason_word(lang, left.reason), &event(left.event).date);
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
    let (outcome, place, reserve) = match fate {
        Fate::Holds { place, holder: Holder::Recipient(_) } => ("recipient", Some(place), None),
        Fate::Holds { place, holder: Holder::Reserve(m) } if m <= a.reserves => ("moved-up", Some(place), Some(m)),
        Fate::Holds { place, holder: Holder::Reserve(m) } => ("continued", Some(place), Some(m)),
        Fate::Holds { place, .. } => ("recipient", Some(place), None),
        Fate::Left { left, holder } => {
            let m = if let Holder::Reserve(m) = holder { Some(m) } else { None };
            (if left.place.is_some() { "vacated" } else { "skipped" }, left.place, m)
        }
        Fate::Waiting { reserve } => ("waiting", None, Some(reserve)),
        Fate::NotDrawn => ("not-drawn", None, None),
    };
    json!({"final_outcome": outcome, "place": place, "reserve": reserve, "amendments_digest": hex::encode(a.digest)})
}
