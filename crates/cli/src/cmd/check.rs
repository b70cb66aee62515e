//! `potdraw check`: a participant's own check (SPEC §8, participant check).
//!
//! Why an id that matches no ticket is not answered "not in the draw" when
//! the code is valid: the code's check characters show it was made for this
//! draw, so the id as typed is almost surely a typing difference (`zuid-002`
//! for `ZUID-002`), and that answer would frighten the person the check is
//! for. The answer is then "the code is valid, the id as typed does not
//! match", with the spelling that does match ([`crate::id_variants`]) and its
//! full answer; exit 2, an input problem (SPEC §8.4, informative). Ids stay
//! case-sensitive in the leaves: nothing in the protocol changes.

use crate::args::CheckArgs;
use crate::i18n::Lang;
use crate::{problem, t};
use crate::{render, Exit};
use anyhow::Result;
use potdraw_core::code;
use potdraw_core::hash::{leaf, nfc};
use potdraw_core::model::Receipt;
use potdraw_verify::Ticket;

/// The largest receipts file we read (the organiser's receipts.jsonl for a big list).
const MAX_RECEIPTS_BYTES: u64 = 4 << 30;

pub fn run(a: CheckArgs) -> Result<Exit> {
    let json = a.json;
    match answer(a) {
        Err(e) if json => Ok(render::unusable_json(&e)),
        other => other,
    }
}

fn answer(a: CheckArgs) -> Result<Exit> {
    let verified = match super::verified_transcript(&a.transcript, Lang::current())? {
        Ok(v) => v,
        Err(exit) => return Ok(exit),
    };
    let transcript = &verified.get().transcript;
    let digest = &transcript.commitment.digest;
    let asked = match (&a.receipt, &a.id, &a.code) {
        (Some(path), id, None) => {
            let (receipt, typed) = match pick_receipt(path, id.as_deref())? {
                Picked::Exact(r) => (r, None),
                Picked::Near { typed, receipt } => (receipt, Some(typed)),
            };
            if &receipt.commitment_digest != digest {
                return Err(problem!(
                    "receipt-other-draw",
                    file = path.display(),
                    found = receipt.doc.commitment_digest,
                    title = format!("{:?}", receipt.doc.title),
                    expected = transcript.commitment.doc.digest
                ));
            }
            match typed {
                None => Asked::Ticket(receipt.leaf),
                Some(typed) => Asked::Mismatch {
                    typed,
                    leaf: None,
                    file: Some(path.display().to_string()),
                    suggestion: Some((receipt.doc.id.clone(), receipt.leaf)),
                },
            }
        }
        (None, Some(raw), Some(text)) => {
            // SPEC §4.1: the rules `commit` applied to the list, so an id it
            // would have refused is named, not answered with "not in the draw".
            let id = potdraw_core::unicode::check_id(raw).map_err(|e| crate::problem::id(&e, raw))?;
            let salt = code::parse_for_draw(text, digest).map_err(|e| crate::problem::code(&e))?;
            let typed_leaf = leaf(&id, &salt);
            if verified.ticket(&typed_leaf) == Ticket::NotInDraw {
                // SPEC §8.4 (informative): the code's check characters show it
                // belongs to this draw, so the id as typed is most likely a
                // typing difference; try the spellings the person may have meant.
                let suggestion = crate::id_variants::variants(raw)
                    .into_iter()
                    .map(|v| {
                        let l = leaf(&v, &salt);
                        (v, l)
                    })
                    .find(|(_, l)| verified.ticket(l) != Ticket::NotInDraw);
                Asked::Mismatch { typed: id, leaf: Some(typed_leaf), file: None, suggestion }
            } else {
                Asked::Ticket(typed_leaf)
            }
        }
        _ => return Err(problem!("check-usage")),
    };
    // The ticket the answer is about: the one asked for, or the one suggested.
    let answered = match &asked {
        Asked::Ticket(l) => Some(*l),
        Asked::Mismatch { suggestion, .. } => suggestion.as_ref().map(|(_, l)| *l),
    };
    let ticket = answered.map(|l| verified.ticket(&l));
    // SPEC §15.5: with a record that verified, the final outcome as well.
    let fate = match &a.amendments {
        Some(path) => {
            let checked = super::amend::check_record(&verified, path, None)?;
            let amended = match &checked.outcome {
                Ok(amended) => amended.clone(),
                Err(_) => {
                    // A record that breaks the rules says nothing about the final outcome.
                    if a.json {
                        let out = serde_json::json!({"verified": true,
                                                     "amendments": crate::render_amend::report_json(&checked)});
                        println!("{}", serde_json::to_string_pretty(&out)?);
                    } else {
                        let file = path.display().to_string();
                        eprint!("{}", crate::render_amend::report_text(Lang::current(), &file, &checked));
                    }
                    return Ok(Exit::Failed);
                }
            };
            let index = answered.and_then(|l| entries_index(&verified, &l));
            Some((index.map(|i| amended.fate(i)), amended))
        }
        None => None,
    };
    // SPEC §9.3, §9.8: what this draw's plan leaves open is said to the
    // participant too, not only to whoever runs `verify`.
    let notes = render::plan_notes(&transcript.commitment.plan);
    let lang = Lang::current();
    // The full answer for the ticket answered, as data and in words.
    let answer_json = |ticket: Ticket, l: &potdraw_core::Hash32| {
        let d = hex::encode(verified.get().transcript_digest);
        let mut out = render::ticket_json(ticket, &hex::encode(l), &d);
        if let Some((Some(fate), amended)) = &fate {
            out["amendments"] = crate::render_amend::fate_json(*fate, amended.get());
        }
        out
    };
    let answer_text = |ticket: Ticket| match &fate {
        Some((Some(f), amended)) => {
            let first = match ticket {
                Ticket::InDraw { weight, .. } => t!(lang, "check.in-draw", weight = weight),
                Ticket::NotInDraw => String::new(),
            };
            format!("{first} {}", crate::render_amend::fate_text(lang, *f, amended.get()))
        }
        _ => render::ticket_text(ticket),
    };
    match &asked {
        Asked::Ticket(l) => {
            let ticket = ticket.unwrap_or(Ticket::NotInDraw);
            if a.json {
                let mut out = answer_json(ticket, l);
                out["notes"] = serde_json::json!(notes);
                println!("{}", serde_json::to_string_pretty(&out)?);
            } else {
                println!("{}", answer_text(ticket));
                for note in notes {
                    println!("\n{}", render::note_text(lang, note));
                }
            }
            Ok(if ticket == Ticket::NotInDraw { Exit::Failed } else { Exit::Success })
        }
        Asked::Mismatch { typed, leaf: typed_leaf, file, suggestion } => {
            if a.json {
                let d = hex::encode(verified.get().transcript_digest);
                let suggested = match (suggestion, ticket) {
                    (Some((_, l)), Some(t)) => {
                        let mut s = answer_json(t, l);
                        if let Some(o) = s.as_object_mut() {
                            o.remove("verified");
                            o.remove("transcript_digest");
                        }
                        s
                    }
                    _ => serde_json::Value::Null,
                };
                let out = serde_json::json!({"verified": true, "transcript_digest": d,
                    "ticket": typed_leaf.map(hex::encode), "in_draw": false, "weight": null,
                    "outcome": "id-mismatch", "rank": null, "id": typed,
                    "suggestion": suggestion.as_ref().map(|(id, _)| id), "suggested": suggested, "notes": notes});
                println!("{}", serde_json::to_string_pretty(&out)?);
            } else {
                let id = format!("{typed:?}");
                match file {
                    Some(file) => println!("{}", t!(lang, "check.receipt-id-mismatch", file = file, id = id)),
                    None => println!("{}", t!(lang, "check.id-mismatch", id = id)),
                }
                match (suggestion, ticket) {
                    (Some((meant, _)), Some(t)) => {
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

/// What the participant asked about.
enum Asked {
    /// A ticket, by its leaf: the id as typed (or the receipt) names it.
    Ticket(potdraw_core::Hash32),
    /// The id as typed matches no ticket: with a code of this draw (`leaf`
    /// is then the leaf of the id as typed), or no receipt in `file` has it.
    /// `suggestion` is the id most likely meant, and its leaf, if any.
    Mismatch {
        typed: String,
        leaf: Option<potdraw_core::Hash32>,
        file: Option<String>,
        suggestion: Option<(String, potdraw_core::Hash32)>,
    },
}

/// The receipt picked from a receipt file.
enum Picked {
    /// Its id is the id as typed (or no id was given).
    Exact(Receipt),
    /// No receipt has the id as typed; this one's id is a variant of it
    /// (upper or lower case, spaces, hyphens: [`crate::id_variants`]).
    Near { typed: String, receipt: Receipt },
}

/// The entry index of a leaf in the verified (hence sorted) list.
fn entries_index(v: &potdraw_verify::Verified<potdraw_verify::Draw>, leaf: &potdraw_core::Hash32) -> Option<usize> {
    v.get().transcript.commitment.entries().binary_search_by(|e| e.leaf.cmp(leaf)).ok()
}

/// A receipt file holds one receipt, or many (receipts.jsonl) from which `id` picks one.
fn pick_receipt(path: &std::path::Path, id: Option<&str>) -> Result<Picked> {
    let bytes = crate::files::read(path, MAX_RECEIPTS_BYTES)?;
    let file = path.display();
    let text = std::str::from_utf8(&bytes).map_err(|_| problem!("receipt-not-utf8", file = file))?;
    let lines: Vec<(usize, &str)> = text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()).collect();
    let read = |n: usize, l: &str| {
        potdraw_core::parse::receipt(l.as_bytes()).map_err(|e| {
            crate::problem::parse(&t!(Lang::current(), "errors.receipt-line", file = file, line = n + 1), &e)
        })
    };
    // One receipt, pretty-printed or on one line, is a single JSON document.
    if lines.len() > 1 && serde_json::from_str::<serde_json::Value>(text).is_ok() {
        let r = potdraw_core::parse::receipt(text.as_bytes()).map_err(|e| crate::problem::parse(&file, &e))?;
        return matching(path, r, id);
    }
    match (lines.as_slice(), id) {
        ([], _) => Err(problem!("receipt-empty", file = file)),
        ([(n, l)], _) => matching(path, read(*n, l)?, id),
        (_, None) => Err(problem!("receipt-choose", file = file, count = lines.len())),
        (_, Some(id)) => {
            let want = nfc(id.trim());
            let meant = crate::id_variants::variants(id);
            let mut found: Option<(usize, Receipt)> = None;
            let mut near: Option<Receipt> = None;
            for (n, l) in &lines {
                let r = read(*n, l)?;
                if r.doc.id != want {
                    // The first receipt whose id is the most likely meant variant.
                    let rank = meant.iter().position(|m| *m == r.doc.id);
                    let best = near.as_ref().and_then(|b| meant.iter().position(|m| *m == b.doc.id));
                    if rank.is_some() && (best.is_none() || rank < best) {
                        near = Some(r);
                    }
                    continue;
                }
                // Two receipts of one id: the answer would depend on the order
                // of the lines, so neither is used.
                if let Some((first, _)) = &found {
                    let (first, line) = (first + 1, n + 1);
                    return Err(problem!(
                        "receipt-id-twice",
                        file = file,
                        id = format!("{want:?}"),
                        first = first,
                        line = line
                    ));
                }
                found = Some((*n, r));
            }
            match (found, near) {
                (Some((_, r)), _) => Ok(Picked::Exact(r)),
                (None, Some(receipt)) => Ok(Picked::Near { typed: want, receipt }),
                (None, None) => Err(problem!("receipt-no-id", file = file, id = format!("{want:?}"))),
            }
        }
    }
}

/// With --id, a single receipt must be that id's (or a variant of it).
fn matching(path: &std::path::Path, r: Receipt, id: Option<&str>) -> Result<Picked> {
    match id.map(|i| (nfc(i.trim()), crate::id_variants::variants(i))) {
        Some((want, meant)) if want != r.doc.id && meant.contains(&r.doc.id) => {
            Ok(Picked::Near { typed: want, receipt: r })
        }
        Some((want, _)) if want != r.doc.id => Err(problem!(
            "receipt-wrong-id",
            file = path.display(),
            id = format!("{want:?}"),
            found = format!("{:?}", r.doc.id)
        )),
        _ => Ok(Picked::Exact(r)),
    }
}
