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
    let transcript = super::read_transcript(&a.transcript)?;
    let report = potdraw_verify::verify_transcript(transcript, None);
    let verified = match report.outcome {
        Ok(v) => v,
        Err(f) => {
            let lang = Lang::current();
            eprint!(
                "potdraw: {}\n{}{}\n",
                t!(lang, "check.transcript-not-verified", file = a.transcript.display()),
                render::failure_lines(lang, &f),
                t!(lang, "verify.not-verified", check = f.check.id())
            );
            return Ok(Exit::Failed);
        }
    };
    let transcript = &verified.get().transcript;
    let digest = &transcript.commitment.digest;
    let ticket_leaf = match (&a.receipt, &a.id, &a.code) {
        (Some(path), id, None) => {
            let receipt = pick_receipt(path, id.as_deref())?;
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
    if a.json {
        let d = hex::encode(verified.get().transcript_digest);
        println!("{}", serde_json::to_string_pretty(&render::ticket_json(ticket, &hex::encode(ticket_leaf), &d))?);
    } else {
        println!("{}", render::ticket_text(ticket));
    }
    Ok(if ticket == Ticket::NotInDraw { Exit::Failed } else { Exit::Success })
}

/// A receipt file holds one receipt, or many (receipts.jsonl) from which `id` picks one.
fn pick_receipt(path: &std::path::Path, id: Option<&str>) -> Result<Receipt> {
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
            for (n, l) in &lines {
                let r = read(*n, l)?;
                if r.doc.id == want {
                    return Ok(r);
                }
            }
            Err(problem!("receipt-no-id", file = file, id = format!("{want:?}")))
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
