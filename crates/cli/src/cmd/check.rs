//! `potdraw check`: a participant's own check (SPEC §8, participant check).

use crate::args::CheckArgs;
use crate::i18n::Lang;
use crate::{render, t, Exit};
use anyhow::{anyhow, bail, Result};
use potdraw_core::code::{self, CodeError};
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
                bail!(t!(
                    Lang::current(),
                    "check.receipt-other-draw",
                    file = path.display(),
                    title = format!("{:?}", receipt.doc.title),
                    receipt_digest = receipt.doc.commitment_digest,
                    digest = transcript.commitment.doc.digest
                ));
            }
            receipt.leaf
        }
        (None, Some(id), Some(text)) => {
            let salt = code::parse_for_draw(text, digest).map_err(|e| anyhow!(code_text(Lang::current(), &e)))?;
            leaf(&nfc(id.trim()), &salt)
        }
        _ => bail!("give either --receipt FILE, or --id ID together with --code CODE"),
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

/// Why a typed code cannot be used, as the participant should hear it: a
/// mistyped code is a typo to fix, never "not in the draw" (the web page
/// says the same, web/verify.template.html `codeErr`).
pub fn code_text(lang: Lang, e: &CodeError) -> String {
    match e {
        CodeError::BadCharacter { position, found } => {
            t!(lang, "check.code.bad-character", position = position, character = format!("{found:?}"))
        }
        CodeError::Length { found } => t!(lang, "check.code.length", count = found),
        CodeError::Range => t!(lang, "check.code.range"),
        CodeError::Check => t!(lang, "check.code.mismatch"),
    }
}

/// A receipt file holds one receipt, or many (receipts.jsonl) from which `id` picks one.
fn pick_receipt(path: &std::path::Path, id: Option<&str>) -> Result<Receipt> {
    let bytes = crate::files::read(path, MAX_RECEIPTS_BYTES)?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|_| anyhow!("{}: expected UTF-8 JSON, found other bytes", path.display()))?;
    let lines: Vec<(usize, &str)> = text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()).collect();
    let read = |n: usize, l: &str| {
        potdraw_core::parse::receipt(l.as_bytes())
            .map_err(|e| anyhow!("{}: receipt on line {}: {e}", path.display(), n + 1))
    };
    // One receipt, pretty-printed or on one line, is a single JSON document.
    if lines.len() > 1 && serde_json::from_str::<serde_json::Value>(text).is_ok() {
        let r = potdraw_core::parse::receipt(text.as_bytes()).map_err(|e| anyhow!("{}: {e}", path.display()))?;
        return matching(path, r, id);
    }
    match (lines.as_slice(), id) {
        ([], _) => bail!("{}: expected a receipt, found an empty file", path.display()),
        ([(n, l)], _) => matching(path, read(*n, l)?, id),
        (_, None) => bail!("{}: this file holds {} receipts; add --id ID to choose yours", path.display(), lines.len()),
        (_, Some(id)) => {
            let want = nfc(id.trim());
            for (n, l) in &lines {
                let r = read(*n, l)?;
                if r.doc.id == want {
                    return Ok(r);
                }
            }
            bail!("{}: no receipt has the id {want:?}", path.display())
        }
    }
}

/// With --id, a single receipt must be that id's.
fn matching(path: &std::path::Path, r: Receipt, id: Option<&str>) -> Result<Receipt> {
    match id.map(|i| nfc(i.trim())) {
        Some(want) if want != r.doc.id => {
            bail!("{}: this receipt is for id {:?}, not {want:?}", path.display(), r.doc.id)
        }
        _ => Ok(r),
    }
}
