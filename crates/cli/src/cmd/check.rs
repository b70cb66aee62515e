//! `potdraw check`: a participant's own check (SPEC §8, participant check).

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
    // SPEC §17.9: a draw with several lists finds a ticket in its own list.
    if super::lists::is_v4_file(&a.transcript)? {
        return super::lists::check(&a);
    }
    let verified = match super::verified_transcript(&a.transcript, Lang::current())? {
        Ok(v) => v,
        Err(exit) => return Ok(exit),
    };
    let transcript = &verified.get().transcript;
    let digest = &transcript.commitment.digest;
    let ticket_leaf = match (&a.receipt, &a.id, &a.code) {
        (Some(path), id, None) => {
            let receipt = pick_receipt(path, id.as_deref())?;
            // SPEC §17.8: a receipt naming a list belongs to a draw with several lists.
            if receipt.doc.list.is_some() {
                return Err(problem!("receipt-of-lists", file = path.display()));
            }
            if &receipt.commitment_digest != digest {
                return Err(problem!(
                    "receipt-other-draw",
                    file = path.display(),
                    found = receipt.doc.commitment_digest,
                    title = format!("{:?}", receipt.doc.title),
                    expected = transcript.commitment.doc.digest
                ));
            }
            receipt.leaf
        }
        (None, Some(id), Some(text)) => {
            // SPEC §4.1: the rules `commit` applied to the list, so an id it
            // would have refused is named, not answered with "not in the draw".
            let id = potdraw_core::unicode::check_id(id).map_err(|e| crate::problem::id(&e, id))?;
            let salt = code::parse_for_draw(text, digest).map_err(|e| crate::problem::code(&e))?;
            leaf(&id, &salt)
        }
        _ => return Err(problem!("check-usage")),
    };
    let ticket = verified.ticket(&ticket_leaf);
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
            let index = entries_index(&verified, &ticket_leaf);
            Some((index.map(|i| amended.fate(i)), amended))
        }
        None => None,
    };
    // SPEC §9.3, §9.8: what this draw's plan leaves open is said to the
    // participant too, not only to whoever runs `verify`.
    let notes = render::plan_notes(&transcript.commitment.plan);
    if a.json {
        let d = hex::encode(verified.get().transcript_digest);
        let mut out = render::ticket_json(ticket, &hex::encode(ticket_leaf), &d);
        out["notes"] = serde_json::json!(notes);
        if let Some((Some(fate), amended)) = &fate {
            out["amendments"] = crate::render_amend::fate_json(*fate, amended.get());
        }
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        match &fate {
            Some((Some(f), amended)) => {
                let lang = Lang::current();
                let first = match ticket {
                    Ticket::InDraw { weight, .. } => t!(lang, "check.in-draw", weight = weight),
                    Ticket::NotInDraw => String::new(),
                };
                println!("{first} {}", crate::render_amend::fate_text(lang, *f, amended.get()));
            }
            _ => println!("{}", render::ticket_text(ticket)),
        }
        for note in notes {
            println!("\n{}", render::note_text(Lang::current(), note));
        }
    }
    Ok(if ticket == Ticket::NotInDraw { Exit::Failed } else { Exit::Success })
}

/// The entry index of a leaf in the verified (hence sorted) list.
fn entries_index(v: &potdraw_verify::Verified<potdraw_verify::Draw>, leaf: &potdraw_core::Hash32) -> Option<usize> {
    v.get().transcript.commitment.entries().binary_search_by(|e| e.leaf.cmp(leaf)).ok()
}

/// A receipt file holds one receipt, or many (receipts.jsonl) from which `id` picks one.
pub(crate) fn pick_receipt(path: &std::path::Path, id: Option<&str>) -> Result<Receipt> {
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
            let mut found: Option<(usize, Receipt)> = None;
            for (n, l) in &lines {
                let r = read(*n, l)?;
                if r.doc.id != want {
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
            found.map(|(_, r)| r).ok_or_else(|| problem!("receipt-no-id", file = file, id = format!("{want:?}")))
        }
    }
}

/// With --id, a single receipt must be that id's.
fn matching(path: &std::path::Path, r: Receipt, id: Option<&str>) -> Result<Receipt> {
    match id.map(|i| nfc(i.trim())) {
        Some(want) if want != r.doc.id => Err(problem!(
            "receipt-wrong-id",
            file = path.display(),
            id = format!("{want:?}"),
            found = format!("{:?}", r.doc.id)
        )),
        _ => Ok(r),
    }
}
