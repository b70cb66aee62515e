//! Everything potdraw says to people and scripts about verification and
//! participant checks, in one place (a later change adds a Dutch catalogue),
//! and how documents are laid out on disk.

use potdraw_core::money::format_en;
use potdraw_core::wire::CommitmentDoc;
use potdraw_verify::{Check, Draw, Failure, Outcome, Passed, Report, Skipped, Ticket};
use serde_json::{json, Value};

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

/// The passed checks, with any check the method does not have at its place in the order.
fn passed_lines(passed: &[Passed], skipped: &[Skipped]) -> String {
    let mut s = String::new();
    for check in Check::ALL {
        if let Some(p) = passed.iter().find(|p| p.check == check) {
            s.push_str(&format!("  ok    {:<21} {}\n", p.check.id(), p.detail));
        } else if let Some(k) = skipped.iter().find(|k| k.check == check) {
            s.push_str(&format!("  --    {:<21} {}\n", k.check.id(), k.why));
        }
    }
    s
}

fn failure_lines(f: &Failure) -> String {
    format!(
        "  FAIL  {:<21} {}\n          expected: {}\n          found:    {}\n",
        f.check.id(),
        f.what,
        f.expected,
        f.found
    )
}

/// Human output of `verify`.
pub fn verify_text(report: &Report<Draw>) -> String {
    let mut s = passed_lines(&report.passed, &report.skipped);
    match &report.outcome {
        Ok(v) => {
            let t = &v.get().transcript;
            let c = &t.commitment.doc;
            s.push_str(&format!(
                "\nVERIFIED: {:?}: {} recipient(s) and {} reserve(s) drawn from {} ticket(s) (total weight {}).\n",
                c.title, c.recipients, c.reserves, c.candidates.count, c.candidates.total_weight
            ));
            s.push_str(&format!("commitment digest: {}  (fingerprint {})\n", c.digest, fingerprint(&c.digest)));
            let d = hex::encode(v.get().transcript_digest);
            s.push_str(&format!("transcript digest: {d}  (fingerprint {})\n", fingerprint(&d)));
            for r in &t.doc.result {
                s.push_str(&format!("  {:<9} {:>3}  ticket {}\n", r.role, r.rank, r.leaf));
            }
        }
        Err(f) => {
            s.push_str(&failure_lines(f));
            s.push_str(&format!("\nNOT VERIFIED: check {} failed.\n", f.check.id()));
        }
    }
    s
}

/// `verify --json`.
pub fn verify_json(report: &Report<Draw>) -> Value {
    let mut checks: Vec<Value> = Vec::new();
    for check in Check::ALL {
        if let Some(p) = report.passed.iter().find(|p| p.check == check) {
            checks.push(json!({"check": p.check.id(), "status": "passed", "detail": p.detail}));
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
            })
        }
        Err(f) => {
            checks.push(json!({"check": f.check.id(), "status": "failed", "what": f.what, "expected": f.expected, "found": f.found}));
            json!({"verified": false, "checks": checks, "failed_check": f.check.id()})
        }
    }
}

/// `--json` for input that cannot be used: still JSON on stdout, and on stderr the message; exit 2.
pub fn unusable_json(e: &anyhow::Error) -> crate::Exit {
    let (class, message) = crate::problem::describe(e);
    println!("{}", json!({"verified": false, "unusable": true, "class": class, "error": message}));
    eprintln!("potdraw: {}[{class}]: {message}", crate::i18n::Lang::current().t("general.error", &[]));
    crate::Exit::Unusable
}

/// The participant's answer, as a person would say it.
pub fn ticket_text(ticket: Ticket) -> String {
    match ticket {
        Ticket::NotInDraw => "Your ticket was NOT in the draw: no ticket in this draw matches your id and code.\n\
             If you were told you would take part, show this to the organiser or an auditor."
            .to_string(),
        Ticket::InDraw { weight, outcome } => {
            let first = format!("Your ticket was in the draw (weight {weight}).");
            let second = match outcome {
                Outcome::Recipient(n) => format!("You were drawn as recipient number {n}."),
                Outcome::Reserve(n) => format!("You were drawn as reserve number {n}."),
                Outcome::NotDrawn => "You were not drawn.".to_string(),
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

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn fingerprints() {
        assert_eq!(fingerprint("3f2a91c0deadbeef"), "3F2A-91C0");
        assert_eq!(short("3f2a91c0deadbeef00112233"), "3f2a91c0…2233");
    }
}
