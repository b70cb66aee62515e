//! What a participant asks (SPEC §8, §17.9): a ticket named by a receipt,
//! or by an id and the code from the slip, in a verified draw of any
//! version. The answer is data; the command and the page say it.
//!
//! WHY an id that matches no ticket is not answered "not in the draw" when
//! the code is valid: the code's check characters show it was made for this
//! draw, so the id as typed is almost surely a typing difference (`zuid-002`
//! for `ZUID-002`), and that answer would frighten the person the check is
//! for. The answer is then "the code is valid, the id as typed does not
//! match", with the spelling that does match ([`crate::id_variants`]); exit
//! 2, an input problem (SPEC §8.4, informative). Ids stay case-sensitive in
//! the leaves: nothing in the protocol changes.

use crate::ops::receipts::{pick_receipt, Picked};
use crate::problem;
use anyhow::Result;
use potdraw_core::Hash32;
use potdraw_verify::{Drawn, ListTicket, ReceiptList};
use std::path::Path;

/// How the participant names their ticket.
pub enum Question<'a> {
    /// A receipt file (one receipt, or receipts.jsonl with `id` to pick one).
    Receipt { file: &'a Path, id: Option<&'a str> },
    /// The id and the code printed on the slip.
    IdAndCode { id: &'a str, code: &'a str },
}

/// What the participant asked about.
pub enum Asked {
    /// A ticket: its list and leaf.
    Ticket { list: usize, leaf: Hash32 },
    /// The id as typed matches no ticket: with a code of this draw (`leaf`
    /// is then the leaf of the id as typed, when the draw has one list), or
    /// no receipt in `file` has it. `suggestion` is the id most likely
    /// meant, with its list and leaf, if any.
    Mismatch { typed: String, leaf: Option<Hash32>, file: Option<String>, suggestion: Option<(String, usize, Hash32)> },
}

impl Asked {
    /// The ticket the answer is about: the one asked for, or the one suggested.
    pub fn answered(&self) -> Option<(usize, Hash32)> {
        match self {
            Asked::Ticket { list, leaf } => Some((*list, *leaf)),
            Asked::Mismatch { suggestion, .. } => suggestion.as_ref().map(|(_, list, leaf)| (*list, *leaf)),
        }
    }
}

/// SPEC §8.4, §17.8, §17.9: the ticket a question names in `drawn`.
pub fn ask(drawn: &Drawn, question: Question<'_>) -> Result<Asked> {
    match question {
        Question::Receipt { file, id } => {
            let (receipt, typed) = match pick_receipt(file, id)? {
                Picked::Exact(r) => (r, None),
                Picked::Near { typed, receipt } => (receipt, Some(typed)),
            };
            // A receipt of a draw with lists, given for a draw of one list, is
            // named as such first: its digest differs too, but that says less.
            let list = drawn.list_of_receipt(receipt.doc.list.as_deref());
            if list == Err(ReceiptList::NamesAList) {
                return Err(problem!("receipt-of-lists", file = file.display()));
            }
            if &receipt.commitment_digest != drawn.commitment_digest() {
                return Err(problem!(
                    "receipt-other-draw",
                    file = file.display(),
                    found = receipt.doc.commitment_digest,
                    title = format!("{:?}", receipt.doc.title),
                    expected = drawn.commitment_digest_hex()
                ));
            }
            let list = list.map_err(|e| match e {
                ReceiptList::NamesAList => problem!("receipt-of-lists", file = file.display()),
                ReceiptList::NamesNoList => problem!("receipt-single-list", file = file.display()),
                ReceiptList::UnknownList => {
                    problem!(
                        "receipt-list-unknown",
                        file = file.display(),
                        list = receipt.doc.list.clone().unwrap_or_default()
                    )
                }
            })?;
            Ok(match typed {
                None => Asked::Ticket { list, leaf: receipt.leaf },
                Some(typed) => Asked::Mismatch {
                    typed,
                    leaf: None,
                    file: Some(file.display().to_string()),
                    suggestion: Some((receipt.doc.id.clone(), list, receipt.leaf)),
                },
            })
        }
        Question::IdAndCode { id: raw, code } => {
            // SPEC §4.1: the rules `commit` applied to the list, so an id it
            // would have refused is named, not answered with "not in the draw".
            let id = potdraw_core::unicode::check_id(raw).map_err(|e| crate::problem::id(&e, raw))?;
            let salt = potdraw_core::code::parse_for_draw(code, drawn.commitment_digest())
                .map_err(|e| crate::problem::code(&e))?;
            if let (ListTicket::InDraw { list_index, .. }, Some(leaf)) = drawn.ticket_of_id(&id, &salt) {
                return Ok(Asked::Ticket { list: list_index, leaf });
            }
            // SPEC §8.4 (informative): the code's check characters show it
            // belongs to this draw, so the id as typed is most likely a typing
            // difference; try the spellings the person may have meant.
            let suggestion =
                crate::id_variants::variants(raw).into_iter().find_map(|v| match drawn.ticket_of_id(&v, &salt) {
                    (ListTicket::InDraw { list_index, .. }, Some(leaf)) => Some((v, list_index, leaf)),
                    _ => None,
                });
            // With one list the id as typed makes one leaf; with several, one per list.
            let leaf = (drawn.lists().len() == 1).then(|| drawn.leaf(0, &id, &salt));
            Ok(Asked::Mismatch { typed: id, leaf, file: None, suggestion })
        }
    }
}
