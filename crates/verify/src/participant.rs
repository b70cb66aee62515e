//! The participant's check (SPEC §8): was my ticket in the draw, and was I drawn?

use crate::{Draw, Verified};
use potdraw_core::model::Role;
use potdraw_core::Hash32;

/// Where a ticket stands in a verified draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ticket {
    NotInDraw,
    InDraw { weight: u64, outcome: Outcome },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Recipient(u64),
    Reserve(u64),
    NotDrawn,
}

impl Verified<Draw> {
    /// Looks a leaf up in the (verified, hence sorted) list and in the result.
    pub fn ticket(&self, leaf: &Hash32) -> Ticket {
        let t = &self.get().transcript;
        let entries = t.commitment.entries();
        let Ok(index) = entries.binary_search_by(|e| e.leaf.cmp(leaf)) else {
            return Ticket::NotInDraw;
        };
        let outcome = t
            .result
            .iter()
            .find(|r| r.index == index as u64)
            .map(|r| match r.role {
                Role::Recipient => Outcome::Recipient(r.rank),
                Role::Reserve => Outcome::Reserve(r.rank),
            })
            .unwrap_or(Outcome::NotDrawn);
        Ticket::InDraw { weight: entries[index].weight, outcome }
    }
}
