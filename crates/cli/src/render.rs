//! Everything potdraw says to people and scripts about verification and
//! participant checks, and how documents are laid out on disk.
//!
//! Sentences for people come from the message catalogue (crates/cli/locales)
//! in the language of the run; the verify crate hands over typed facts
//! ([`Detail`], [`What`]) and this module words them. `--json` keeps the
//! verify crate's stable English (`Display`), which scripts rely on.

use crate::i18n::Lang;
use crate::t;
use potdraw_core::model::Role;
use potdraw_core::money::format_en;
use potdraw_core::unicode::visible;
use potdraw_core::wire::CommitmentDoc;
use potdraw_verify::{Check, Draw, Outcome, Report, Ticket};
use serde_json::{json, Value};

pub use crate::render_details::{detail_named, detail_text, failure_lines, skipped_text, value_text, what_text};
pub(crate) use crate::render_details::{passed_lines, passed_named};

/// Documents on disk: indented, but an object of plain values (an entry, a
/// result line) stays on one line, so a million entries are a million lines.
/// Only the canonical encoding is hashed; this layout is for people.
pub fn document(value: &Value) -> Vec<u8> {
    let mut out = String::new();
    write_pretty(&mut out, value, 0);
    out.push('\n');
    out.into_bytes()
}

fn is_flat(v: &Value) -> bool {
    match v {
        Value::Object(m) => m.values().all(|x| !x.is_object() && !x.is_array()),
        Value::Array(a) => a.iter().all(|x| !x.is_object() && !x.is_array()),
        _ => true,
    }
}

fn write_pretty(out: &mut String, v: &Value, depth: usize) {
    let pad = |n: usize| "  ".repeat(n);
    match v {
        Value::Object(m) if !(m.is_empty() || depth > 0 && is_flat(v)) => {
            out.push_str("{\n");
            for (i, (k, x)) in m.iter().enumerate() {
                out.push_str(&pad(depth + 1));
                out.push_str(&Value::String(k.clone()).to_string());
                out.push_str(": ");
                write_pretty(out, x, depth + 1);
                out.push_str(if i + 1 < m.len() { ",\n" } else { "\n" });
            }
            out.push_str(&pad(depth));
            out.push('}');
        }
        Value::Array(a) if !a.is_empty() && !is_flat(v) => {
            out.push_str("[\n");
            for (i, x) in a.iter().enumerate() {
                out.push_str(&pad(depth + 1));
                write_pretty(out, x, depth + 1);
                out.push_str(if i + 1 < a.len() { ",\n" } else { "\n" });
            }
            out.push_str(&pad(depth));
            out.push(']');
        }
        Value::Object(m) => {
            let parts: Vec<String> = m.iter().map(|(k, x)| format!("{}: {}", Value::String(k.clone()), x)).collect();
            out.push('{');
            out.push_str(&parts.join(", "));
            out.push('}');
        }
        Value::Array(a) => {
            let parts: Vec<String> = a.iter().map(Value::to_string).collect();
            out.push('[');
            out.push_str(&parts.join(", "));
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// The short fingerprint people compare by eye: the first 8 hex digits of a digest, grouped.
/// A time to wait as people say it (issue 28: "nog ongeveer 7977 minuten"
/// became "5 dagen en 13 uur"): days and hours from a day on, hours and
/// minutes from an hour on, else minutes (at least one); each number with
/// the form of its word that fits it.
pub fn duration_words(lang: Lang, seconds: u64) -> String {
    let minutes = seconds.div_ceil(60).max(1);
    // From a day on, the hours to the nearest hour ("about": 12 h 57 min is 13 hours).
    let (days, hours, mins) = if minutes >= 1440 {
        let hours = (minutes + 30) / 60;
        (hours / 24, hours % 24, 0)
    } else {
        (0, minutes / 60, minutes % 60)
    };
    let part = |n: u64, unit: &str| {
        let key = if n == 1 { format!("duration.{unit}.one") } else { format!("duration.{unit}.other") };
        lang.t(&key, &[("count", &n)])
    };
    let pair = |a: String, b: Option<String>| match b {
        Some(b) => t!(lang, "duration.and", first = a, second = b),
        None => a,
    };
    if days > 0 {
        pair(part(days, "days"), (hours > 0).then(|| part(hours, "hours")))
    } else if hours > 0 {
        pair(part(hours, "hours"), (mins > 0).then(|| part(mins, "minutes")))
    } else {
        part(mins, "minutes")
    }
}

pub fn fingerprint(hex_digest: &str) -> String {
    let h = hex_digest.get(..8).unwrap_or(hex_digest).to_uppercase();
    format!("{}-{}", &h[..4.min(h.len())], &h[4.min(h.len())..])
}

/// "3f2a91c0…5e7d" for lists.
pub fn short(hex_digest: &str) -> String {
    if hex_digest.len() > 16 {
        format!("{}…{}", &hex_digest[..8], &hex_digest[hex_digest.len() - 4..])
    } else {
        hex_digest.to_string()
    }
}

pub fn pot_line(c: &CommitmentDoc) -> String {
    let p = &c.pot;
    format!(
        "pot {}: {} recipient(s) × {} ({} a month for {} months), surplus {}",
        format_en(p.amount_cents),
        c.recipients,
        format_en(p.grant_cents),
        format_en(p.grant_monthly_cents),
        p.grant_months,
        format_en(p.surplus_cents)
    )
}

/// The status column of a check line: "ok", "--", "FAIL" (or the language's
/// words), padded to the longest of the three so the check names line up.
pub(crate) fn status(lang: Lang, key: &str) -> String {
    let words = ["verify.status.ok", "verify.status.not-applicable", "verify.status.failed"].map(|k| lang.t(k, &[]));
    let width = words.iter().map(|w| w.chars().count()).max().unwrap_or(4) + 1;
    format!("{:<width$}", lang.t(key, &[]))
}

/// The nouns that are counted in sentences: "1 ticket", "5 tickets".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Noun {
    Tickets,
    Recipients,
    Reserves,
    Grants,
    Picks,
    Events,
}

/// A number with the form of the noun that fits it, from the catalogue's
/// `count.<noun>.one` and `count.<noun>.other` ("1 lot", "5 loten"), the
/// number grouped as the language writes it. Sentences then carry the
/// counted noun, so no message needs a bracketed plural such as "lot(en)".
pub fn counted(lang: Lang, noun: Noun, n: u64) -> String {
    let n_text = potdraw_core::money::group(n, &lang.t("format.thousands", &[]));
    let one = n == 1;
    match (noun, one) {
        (Noun::Tickets, true) => t!(lang, "count.tickets.one", n = n_text),
        (Noun::Tickets, false) => t!(lang, "count.tickets.other", n = n_text),
        (Noun::Recipients, true) => t!(lang, "count.recipients.one", n = n_text),
        (Noun::Recipients, false) => t!(lang, "count.recipients.other", n = n_text),
        (Noun::Reserves, true) => t!(lang, "count.reserves.one", n = n_text),
        (Noun::Reserves, false) => t!(lang, "count.reserves.other", n = n_text),
        (Noun::Grants, true) => t!(lang, "count.grants.one", n = n_text),
        (Noun::Grants, false) => t!(lang, "count.grants.other", n = n_text),
        (Noun::Picks, true) => t!(lang, "count.picks.one", n = n_text),
        (Noun::Picks, false) => t!(lang, "count.picks.other", n = n_text),
        (Noun::Events, true) => t!(lang, "count.events.one", n = n_text),
        (Noun::Events, false) => t!(lang, "count.events.other", n = n_text),
    }
}

/// Human output of `verify`, in the language of this run.
pub fn verify_text(report: &Report<Draw>) -> String {
    verify_text_in(Lang::current(), report)
}

/// Human output of `verify` in `lang`.
pub fn verify_text_in(lang: Lang, report: &Report<Draw>) -> String {
    let mut s = passed_lines(lang, &report.passed, &report.skipped);
    match &report.outcome {
        Ok(v) => {
            let t = &v.get().transcript;
            let c = &t.commitment.doc;
            s.push('\n');
            s.push_str(&t!(
                lang,
                "verify.verified",
                title = format!("\"{}\"", visible(&c.title)),
                recipients = counted(lang, Noun::Recipients, c.recipients),
                reserves = counted(lang, Noun::Reserves, c.reserves),
                tickets = counted(lang, Noun::Tickets, c.candidates.count),
                total_weight = &c.candidates.total_weight
            ));
            s.push('\n');
            s.push_str(&t!(lang, "verify.commitment-digest", digest = c.digest, fingerprint = fingerprint(&c.digest)));
            s.push('\n');
            let d = hex::encode(v.get().transcript_digest);
            s.push_str(&t!(lang, "verify.transcript-digest", digest = d, fingerprint = fingerprint(&d)));
            s.push('\n');
            for r in &t.result {
                let role = role_word(lang, r.role);
                let ticket = t!(lang, "verify.ticket", leaf = hex::encode(r.leaf));
                s.push_str(&format!("  {role:<9} {:>3}  {ticket}\n", r.rank));
            }
            s.push_str(&crate::render::notes_text(lang, &t.commitment.plan));
        }
        Err(f) => s.push_str(&crate::render::not_verified_text(lang, f)),
    }
    s
}

/// SPEC §9.3 and §9.8: what a verified draw's plan leaves open, as stable
/// ids for `--json` (`free-text-source`, `room-only-plan`, `uncounted-numbers`). Verification
/// proves the replay; these say what it cannot prove.
pub fn plan_notes(plan: &[potdraw_core::entropy::PlanEntry]) -> Vec<&'static str> {
    let mut notes = Vec::new();
    if potdraw_core::entropy::has_free_text(plan) {
        notes.push("free-text-source");
    }
    if potdraw_core::entropy::room_only(plan) {
        notes.push("room-only-plan");
    }
    // SPEC §12.9: rfc3797-v1 numbers sources fixed no count.
    if plan.iter().any(|p| p.kind == potdraw_core::entropy::SourceKind::Numbers) {
        notes.push("uncounted-numbers");
    }
    notes
}

/// A plan note in plain words (`verify.note.…` in the catalogue).
pub fn note_text(lang: Lang, note: &str) -> String {
    match note {
        "free-text-source" => t!(lang, "verify.note.free-text-source"),
        "uncounted-numbers" => t!(lang, "verify.note.uncounted-numbers"),
        _ => t!(lang, "verify.note.room-only-plan"),
    }
}

/// What a failed check means for the people in the room, in plain words.
pub fn meaning(lang: Lang, check: Check) -> String {
    match check {
        Check::Format => t!(lang, "verify.meaning.format"),
        Check::PublishedCommitment => t!(lang, "verify.meaning.published-commitment"),
        Check::CommitmentDigest => t!(lang, "verify.meaning.commitment-digest"),
        Check::CanonicalOrder => t!(lang, "verify.meaning.canonical-order"),
        Check::Counts => t!(lang, "verify.meaning.counts"),
        Check::Pot => t!(lang, "verify.meaning.pot"),
        Check::Companions => t!(lang, "verify.meaning.companions"),
        Check::SeedCommitment => t!(lang, "verify.meaning.seed-commitment"),
        Check::EntropyPlan => t!(lang, "verify.meaning.entropy-plan"),
        Check::Beacon => t!(lang, "verify.meaning.beacon"),
        Check::DrawReplay => t!(lang, "verify.meaning.draw-replay"),
        Check::Result => t!(lang, "verify.meaning.result"),
    }
}

/// "recipient" / "reserve" in `lang`.
/// The word for a pick of a list with several lists (SPEC §17): `role` as
/// the transcript writes it, and whether the list is one of travel
/// companions, whose recipients are named companions, never recipients of
/// a grant (issue 27).
pub fn list_role_word(lang: Lang, role: &str, companions: bool) -> String {
    match (role, companions) {
        ("recipient", true) => t!(lang, "verify.role.companion"),
        ("recipient", false) => role_word(lang, Role::Recipient),
        _ => role_word(lang, Role::Reserve),
    }
}

pub fn role_word(lang: Lang, role: Role) -> String {
    match role {
        Role::Recipient => t!(lang, "verify.role.recipient"),
        Role::Reserve => t!(lang, "verify.role.reserve"),
    }
}

/// `verify --json`.
pub fn verify_json(report: &Report<Draw>) -> Value {
    let mut checks: Vec<Value> = Vec::new();
    for check in Check::ALL {
        if let Some(p) = report.passed.iter().find(|p| p.check == check) {
            checks.push(json!({"check": p.check.id(), "status": "passed", "detail": p.detail.to_string()}));
        } else if let Some(k) = report.skipped.iter().find(|k| k.check == check) {
            checks.push(json!({"check": k.check.id(), "status": "not-applicable", "detail": k.why}));
        }
    }
    match &report.outcome {
        Ok(v) => {
            let t = &v.get().transcript;
            let picks = |role: &str| -> Vec<Value> {
                t.doc
                    .result
                    .iter()
                    .filter(|r| r.role == role)
                    .map(|r| json!({"rank": r.rank, "leaf": r.leaf}))
                    .collect()
            };
            json!({
                "verified": true,
                "checks": checks,
                "failed_check": null,
                "title": t.commitment.doc.title,
                "commitment_digest": t.commitment.doc.digest,
                "transcript_digest": hex::encode(v.get().transcript_digest),
                "recipients": picks("recipient"),
                "reserves": picks("reserve"),
                "notes": plan_notes(&t.commitment.plan),
            })
        }
        Err(f) => {
            checks.push(json!({"check": f.check.id(), "status": "failed", "what": f.what.to_string(), "expected": f.expected, "found": f.found}));
            json!({"verified": false, "checks": checks, "failed_check": f.check.id()})
        }
    }
}

/// `--json` for input that cannot be used: still JSON on stdout, and on stderr the message; exit 2.
pub fn unusable_json(e: &anyhow::Error) -> crate::Exit {
    let (class, message) = crate::problem::describe(e);
    println!("{}", json!({"verified": false, "unusable": true, "class": class, "error": message}));
    eprintln!("{}", crate::problem::error_line(crate::i18n::Lang::current(), class, &message));
    crate::Exit::Unusable
}

/// The participant's answer, as a person would say it, in the language of this run.
pub fn ticket_text(ticket: Ticket) -> String {
    ticket_text_in(Lang::current(), ticket)
}

/// The participant's answer in `lang`: "Your ticket was in the draw (weight 1).
/// You were drawn as recipient number 3." The web page says the same (web/potdraw-verify.js).
pub fn ticket_text_in(lang: Lang, ticket: Ticket) -> String {
    match ticket {
        Ticket::NotInDraw => t!(lang, "check.not-in-draw"),
        Ticket::InDraw { weight, outcome } => {
            let first = t!(lang, "check.in-draw", weight = weight);
            let second = match outcome {
                Outcome::Recipient(n) => t!(lang, "check.recipient", rank = n),
                Outcome::Reserve(n) => t!(lang, "check.reserve", rank = n),
                Outcome::NotDrawn => t!(lang, "check.not-drawn"),
            };
            format!("{first} {second}")
        }
    }
}

pub fn ticket_json(ticket: Ticket, leaf: &str, transcript_digest: &str) -> Value {
    let (in_draw, weight, outcome, rank) = match ticket {
        Ticket::NotInDraw => (false, None, "not-in-draw", None),
        Ticket::InDraw { weight, outcome } => match outcome {
            Outcome::Recipient(n) => (true, Some(weight), "recipient", Some(n)),
            Outcome::Reserve(n) => (true, Some(weight), "reserve", Some(n)),
            Outcome::NotDrawn => (true, Some(weight), "not-drawn", None),
        },
    };
    json!({"verified": true, "transcript_digest": transcript_digest, "ticket": leaf, "in_draw": in_draw,
           "weight": weight, "outcome": outcome, "rank": rank})
}

/// The lines after the checks of a transcript that failed: the failure,
/// "NOT VERIFIED" and what that check's failure means (single and several lists).
pub fn not_verified_text(lang: Lang, f: &potdraw_verify::Failure) -> String {
    format!(
        "{}\n{}\n{}\n",
        failure_lines(lang, f),
        t!(lang, "verify.not-verified", check = f.check.id()),
        meaning(lang, f.check)
    )
}

/// The notes of a verified draw's plan, each after a blank line.
pub fn notes_text(lang: Lang, plan: &[potdraw_core::entropy::PlanEntry]) -> String {
    plan_notes(plan).into_iter().map(|note| format!("\n{}\n", note_text(lang, note))).collect()
}

#[cfg(test)]
mod duration_tests {
    use super::*;

    #[test]
    fn durations_read_as_people_say_them() {
        let nl = Lang::from_code("nl").unwrap();
        let en = Lang::from_code("en").unwrap();
        assert_eq!(duration_words(nl, 7977 * 60), "5 dagen en 13 uur");
        assert_eq!(duration_words(nl, 86_400 + 3_600), "1 dag en 1 uur");
        assert_eq!(duration_words(nl, 2 * 86_400), "2 dagen");
        assert_eq!(duration_words(nl, 3_600 * 2 + 60 * 5), "2 uur en 5 minuten");
        assert_eq!(duration_words(nl, 61), "2 minuten");
        assert_eq!(duration_words(nl, 5), "1 minuut");
        assert_eq!(duration_words(en, 7977 * 60), "5 days and 13 hours");
        assert_eq!(duration_words(en, (2 * 1440 - 10) * 60), "2 days");
        assert_eq!(duration_words(en, 60), "1 minute");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The form fits the number: one for 1, other for 0 and more; numbers grouped as the language writes them.
    #[test]
    fn counted_nouns_pick_the_form_by_number() {
        let (en, nl) = (Lang::from_code("en").unwrap(), Lang::from_code("nl").unwrap());
        assert_eq!(counted(en, Noun::Tickets, 1), "1 ticket");
        assert_eq!(counted(en, Noun::Tickets, 0), "0 tickets");
        assert_eq!(counted(en, Noun::Tickets, 12000), "12,000 tickets");
        assert_eq!(counted(nl, Noun::Tickets, 1), "1 lot");
        assert_eq!(counted(nl, Noun::Tickets, 12000), "12.000 loten");
        assert_eq!(counted(nl, Noun::Grants, 1), "1 schenking");
        assert_eq!(counted(nl, Noun::Grants, 5), "5 schenkingen");
        assert_eq!(counted(nl, Noun::Events, 2), "2 gebeurtenissen");
        for noun in [Noun::Tickets, Noun::Recipients, Noun::Reserves, Noun::Grants, Noun::Picks, Noun::Events] {
            for lang in Lang::all() {
                for n in [1, 2] {
                    let s = counted(lang, noun, n);
                    assert!(
                        s.starts_with(&format!("{n} ")) && !s.contains('{') && !s.contains('('),
                        "{noun:?} {n} in {}: {s}",
                        lang.code()
                    );
                }
            }
        }
    }

    #[test]
    fn document_layout_keeps_flat_objects_on_one_line() {
        let v = json!({"a": 1, "list": [{"leaf": "ab", "weight": 1}, {"leaf": "cd", "weight": 2}], "o": {"x": [1, 2]}});
        let text = String::from_utf8(document(&v)).unwrap();
        assert_eq!(
            text,
            "{\n  \"a\": 1,\n  \"list\": [\n    {\"leaf\": \"ab\", \"weight\": 1},\n    {\"leaf\": \"cd\", \"weight\": 2}\n  ],\n  \"o\": {\n    \"x\": [1, 2]\n  }\n}\n"
        );
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), v);
    }

    /// Every phrase of the verify crate has its sentence in every language;
    /// values pass through unchanged.
    #[test]
    fn failure_phrases_are_translated() {
        let nl = Lang::from_code("nl").unwrap();
        for (english, key) in potdraw_verify::PHRASES {
            for lang in Lang::all() {
                let said = value_text(lang, english);
                assert_ne!(said, format!("verify.phrase.{key}"), "{lang} lacks verify.phrase.{key}");
            }
            assert_eq!(value_text(Lang::en(), english), english, "English keeps the verify crate's words");
        }
        assert_eq!(value_text(nl, "at least 1"), "minstens 1");
        assert_eq!(value_text(nl, "at most 24"), "hoogstens 24");
        assert_eq!(value_text(nl, "at most x"), "at most x");
        assert_eq!(value_text(nl, "23010bc1"), "23010bc1");
    }

    #[test]
    fn fingerprints() {
        assert_eq!(fingerprint("3f2a91c0deadbeef"), "3F2A-91C0");
        assert_eq!(short("3f2a91c0deadbeef00112233"), "3f2a91c0…2233");
    }
}
