//! SPEC §7.4: the private receipts of a commitment, one per candidate in
//! the order of the list, made one at a time as they are written.
//!
//! WHY: a receipt document is eight strings and a map. A million of them,
//! built before the first was written, were about 700 MB of the peak
//! memory of `commit` and tens of millions of allocations at ten million
//! candidates (issue 7). [`Receipts`] keeps what only the commitment knows
//! (each salt and leaf, the digest) beside the candidates themselves, and
//! [`Receipts::iter`] makes each [`ReceiptDoc`] when it is asked for: the
//! same documents, byte for byte, as before.

use crate::code;
use crate::commit::Candidate;
use crate::hash::{self, Hash32};
use crate::wire::{ReceiptDoc, RECEIPT_V1};

/// The receipts of one commitment. `Debug` shows only how many there are:
/// a salt or a code would let anyone find a candidate's ticket.
#[derive(Clone)]
pub struct Receipts {
    title: String,
    /// The commitment digest (SPEC §4.5), as bytes for the codes and as written.
    digest: Hash32,
    digest_hex: String,
    candidates: Vec<Candidate>,
    salts: Vec<[u8; 16]>,
    leaves: Vec<Hash32>,
    /// SPEC §17.8: the list's name, for the receipts of a v4 list.
    list: Option<String>,
}

impl Receipts {
    /// `candidates`, `salts` and `leaves` are parallel, in the list's order.
    pub(crate) fn new(
        title: String,
        digest: Hash32,
        candidates: Vec<Candidate>,
        salts: Vec<[u8; 16]>,
        leaves: Vec<Hash32>,
    ) -> Receipts {
        assert!(candidates.len() == salts.len() && salts.len() == leaves.len(), "one salt and leaf per candidate");
        Receipts { title, digest, digest_hex: hex::encode(digest), candidates, salts, leaves, list: None }
    }

    /// The same receipts as those of the entries of the v4 list `name` (SPEC §17.8).
    pub(crate) fn of_list(self, name: &str) -> Receipts {
        Receipts { list: Some(name.to_string()), ..self }
    }

    pub fn len(&self) -> usize {
        self.candidates.len()
    }

    pub fn is_empty(&self) -> bool {
        self.candidates.is_empty()
    }

    /// The receipt of the `i`-th candidate of the list (0-based).
    pub fn get(&self, i: usize) -> Option<ReceiptDoc> {
        let c = self.candidates.get(i)?;
        let (salt, leaf) = (&self.salts[i], &self.leaves[i]);
        Some(ReceiptDoc {
            format: if self.list.is_some() { crate::lists::RECEIPT_V2 } else { RECEIPT_V1 }.to_string(),
            list: self.list.clone(),
            commitment_digest: self.digest_hex.clone(),
            title: self.title.clone(),
            id: c.id.clone(),
            salt: hash::to_hex(salt),
            leaf: hash::to_hex(leaf),
            weight: c.weight,
            code: code::encode(salt, &self.digest),
            line: c.line,
            columns: crate::wire::Columns(c.columns.clone()),
        })
    }

    /// Every receipt, in the list's order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = ReceiptDoc> + '_ {
        (0..self.len()).map(|i| self.get(i).expect("i < len"))
    }
}

impl std::fmt::Debug for Receipts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<{} secret receipts>", self.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One receipt per candidate, in the list's order; none past the end;
    /// Debug tells only how many.
    #[test]
    fn receipts_follow_the_list() {
        let none = Receipts::new("t".into(), [1; 32], Vec::new(), Vec::new(), Vec::new());
        assert!(none.is_empty() && none.get(0).is_none() && none.iter().next().is_none());
        assert_eq!(none.len(), 0);
        let candidates: Vec<Candidate> = (0..3)
            .map(|i| Candidate {
                id: format!("c{i}"),
                weight: i + 1,
                line: i + 2,
                columns: vec![("x".into(), "y".into())],
            })
            .collect();
        let r = Receipts::new(
            "t".into(),
            [1; 32],
            candidates,
            vec![[5; 16], [6; 16], [7; 16]],
            vec![[8; 32], [9; 32], [10; 32]],
        );
        assert!(!r.is_empty() && r.len() == 3 && r.get(3).is_none());
        let docs: Vec<ReceiptDoc> = r.iter().collect();
        assert_eq!(docs.len(), 3);
        assert_eq!((docs[2].id.as_str(), docs[2].line, docs[2].weight), ("c2", 4, 3));
        assert_eq!((docs[1].salt.clone(), docs[1].leaf.clone()), (hex::encode([6u8; 16]), hex::encode([9u8; 32])));
        assert_eq!(docs[0].commitment_digest, hex::encode([1u8; 32]));
        assert_eq!(docs[0].code, code::encode(&[5; 16], &[1; 32]));
        assert_eq!(docs[0].columns.get("x"), Some("y"));
        assert_eq!(format!("{r:?}"), "<3 secret receipts>");
    }
}
