//! A participant's receipt file: one receipt, or the organiser's
//! receipts.jsonl from which an id picks one (SPEC §7.4).

use crate::i18n::Lang;
use crate::{problem, t};
use anyhow::Result;
use potdraw_core::hash::nfc;
use potdraw_core::model::Receipt;

/// The largest receipts file we read (the organiser's receipts.jsonl for a big list).
const MAX_RECEIPTS_BYTES: u64 = 4 << 30;

/// The receipt picked from a receipt file.
pub enum Picked {
    /// Its id is the id as typed (or no id was given).
    Exact(Receipt),
    /// No receipt has the id as typed; this one's id is a variant of it
    /// (upper or lower case, spaces, hyphens: [`crate::id_variants`]).
    Near { typed: String, receipt: Receipt },
}

/// A receipt file holds one receipt, or many (receipts.jsonl) from which `id` picks one.
pub fn pick_receipt(path: &std::path::Path, id: Option<&str>) -> Result<Picked> {
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
