//! `potdraw check`: a participant's own check (SPEC §8, participant check;
//! §17.9 for a draw with lists), for a draw of any version.
//!
//! Thin: the draw is read and verified by [`ops::documents::verified_draw`],
//! the question answered by [`ops::participant::ask`], a record checked by
//! [`ops::amendments::check_record`]; this module says the answer
//! ([`crate::render_check`]) and picks the exit status: 0 in the draw, 1 not
//! in the draw or not verified, 2 when the id as typed matches no ticket.

use crate::args::CheckArgs;
use crate::i18n::Lang;
use crate::ops::participant::{Asked, Question};
use crate::ops::{self};
use crate::render_check::{fate_json, fate_text, in_draw_text, record_json, record_text, ticket_json, ticket_text};
use crate::{problem, render, t, Exit};
use anyhow::Result;
use potdraw_verify::ListTicket;

pub fn run(a: CheckArgs) -> Result<Exit> {
    let json = a.json;
    match answer(a) {
        Err(e) if json => Ok(render::unusable_json(&e)),
        other => other,
    }
}

fn answer(a: CheckArgs) -> Result<Exit> {
    let lang = Lang::current();
    let drawn = match ops::documents::verified_draw(&a.transcript)? {
        Ok(d) => d,
        Err(f) => {
            eprint!("{}", crate::render_check::transcript_not_verified(lang, &a.transcript, &f));
            return Ok(Exit::Failed);
        }
    };
    let question = match (&a.receipt, &a.id, &a.code) {
        (Some(file), id, None) => Question::Receipt { file, id: id.as_deref() },
        (None, Some(id), Some(code)) => Question::IdAndCode { id, code },
        _ => return Err(problem!("check-usage")),
    };
    let asked = ops::participant::ask(&drawn, question)?;
    let answered = asked.answered();
    // SPEC §15.5: with a record that verified, the final outcome as well.
    let fate_record = match &a.amendments {
        Some(path) => {
            let checked = ops::amendments::check_record(&drawn, &a.transcript, path, None)?;
            if !checked.is_verified() {
                // A record that breaks the rules says nothing about the final outcome.
                if a.json {
                    let out = serde_json::json!({"verified": true, "amendments": record_json(&checked)});
                    println!("{}", serde_json::to_string_pretty(&out)?);
                } else {
                    eprint!("{}", record_text(lang, &path.display().to_string(), &checked));
                }
                return Ok(Exit::Failed);
            }
            Some(checked)
        }
        None => None,
    };
    let fate = match (&fate_record, answered) {
        (Some(checked), Some((list, leaf))) => {
            drawn.lists().get(list).and_then(|l| l.index_of(&leaf)).and_then(|i| checked.fate(list, i))
        }
        _ => None,
    };
    // SPEC §9.3, §9.8: what this draw's plan leaves open is said to the
    // participant too, not only to whoever runs `verify`.
    let notes = render::plan_notes(drawn.plan());
    let digest = drawn.transcript_digest();
    let answer_json = |ticket: &ListTicket, leaf| {
        let mut out = ticket_json(&drawn, ticket, Some(leaf), digest);
        if let Some(f) = &fate {
            out["amendments"] = fate_json(f);
        }
        out
    };
    let answer_text = |ticket: &ListTicket| match (&fate, ticket) {
        (Some(f), ListTicket::InDraw { list, weight, .. }) => {
            format!("{} {}", in_draw_text(lang, &drawn, list.as_deref(), *weight), fate_text(lang, f))
        }
        _ => ticket_text(lang, &drawn, ticket),
    };
    match &asked {
        Asked::Ticket { list, leaf } => {
            let ticket = drawn.ticket_in(*list, leaf);
            if a.json {
                let mut out = answer_json(&ticket, leaf);
                out["notes"] = serde_json::json!(notes);
                println!("{}", serde_json::to_string_pretty(&out)?);
            } else {
                println!("{}", answer_text(&ticket));
                for note in notes {
                    println!("\n{}", render::note_text(lang, note));
                }
            }
            Ok(if ticket == ListTicket::NotInDraw { Exit::Failed } else { Exit::Success })
        }
        Asked::Mismatch { typed, leaf: typed_leaf, file, suggestion } => {
            let ticket = answered.map(|(list, leaf)| drawn.ticket_in(list, &leaf));
            if a.json {
                let suggested = match (suggestion, &ticket) {
                    (Some((_, _, l)), Some(t)) => {
                        let mut s = answer_json(t, l);
                        if let Some(o) = s.as_object_mut() {
                            o.remove("verified");
                            o.remove("transcript_digest");
                        }
                        s
                    }
                    _ => serde_json::Value::Null,
                };
                let out = serde_json::json!({"verified": true, "transcript_digest": hex::encode(digest),
                    "ticket": typed_leaf.map(hex::encode), "in_draw": false, "weight": null,
                    "outcome": "id-mismatch", "rank": null, "list": null, "companion_of": null, "id": typed,
                    "suggestion": suggestion.as_ref().map(|(id, ..)| id), "suggested": suggested, "notes": notes});
                println!("{}", serde_json::to_string_pretty(&out)?);
            } else {
                let id = format!("{typed:?}");
                match file {
                    Some(file) => println!("{}", t!(lang, "check.receipt-id-mismatch", file = file, id = id)),
                    None => println!("{}", t!(lang, "check.id-mismatch", id = id)),
                }
                match (suggestion, &ticket) {
                    (Some((meant, ..)), Some(t)) => {
                        println!("{}", t!(lang, "check.did-you-mean", id = meant));
                        println!("{}", answer_text(t));
                    }
                    _ => println!("{}", t!(lang, "check.id-mismatch-none")),
                }
                for note in notes {
                    println!("\n{}", render::note_text(lang, note));
                }
            }
            // SPEC §8.4 (informative): the input as typed matches no ticket, an
            // input problem (2), not "not in the draw" (1).
            Ok(Exit::Unusable)
        }
    }
}
