//! One model of a verified draw (issue 27): a draw of one list (v1–v3 and
//! the RFC 3797 method) is the one-list case of a draw with lists (v4,
//! SPEC §17).
//!
//! WHY a view and not one document type: the published bytes of v1–v3 may
//! never change (SPEC §10), so their wire and domain types stay as they are
//! and keep verifying by their own checks. What a person asks of a draw once
//! it verified — which lists, which rule and pot each list has, who holds
//! which place, where a ticket stands — has one answer for every version,
//! and is asked here. A command, a page or a second front end takes a
//! [`Drawn`] and never looks at the format version to decide what it can
//! do; only the two things that really differ by version stay inside this
//! module: how an id and a salt make a leaf (SPEC §4.4 and §17.4), and which
//! receipts belong to the draw (SPEC §17.8).
//!
//! WHY here: only this crate can make a [`Verified`] value, so a `Drawn` is
//! always a draw that passed every check.

use crate::{Draw, ListTicket, ListsDraw, Outcome, Passed, Verified};
use potdraw_core::entries::Entry;
use potdraw_core::entropy::PlanEntry;
use potdraw_core::lists::Rule;
use potdraw_core::model::{Pick, Role};
use potdraw_core::wire::PotDoc;
use potdraw_core::Hash32;

/// A verified draw of any version, seen as lists.
#[derive(Debug, Clone)]
pub struct Drawn(Shape);

/// Private: a reader of a [`Drawn`] asks it questions, never for its version.
#[derive(Debug, Clone)]
enum Shape {
    One(Verified<Draw>),
    Lists(Verified<ListsDraw>),
}

/// One list of a verified draw.
#[derive(Debug, Clone, Copy)]
pub struct DrawnList<'a> {
    /// The list's position in the commitment.
    pub index: usize,
    /// `None` for the one list of a draw of one list, which has no name.
    pub name: Option<&'a str>,
    /// SPEC §19: the name people call the list by (version 5); `None` for
    /// a list of version 4 and for the one list of a draw of one list.
    pub display: Option<&'a str>,
    /// For a draw of one list: [`Rule::Pot`] (its pot sets the number of
    /// recipients, SPEC §4.3).
    pub rule: &'a Rule,
    pub pot: Option<&'a PotDoc>,
    pub recipients: u64,
    pub reserves: u64,
    /// The candidate list, sorted by leaf (verified).
    pub entries: &'a [Entry],
    /// Recipients then reserves, in the order drawn.
    pub result: &'a [Pick],
}

impl<'a> DrawnList<'a> {
    /// What a person reads for this list (SPEC §19.3): its display name,
    /// else its name; `None` for the one list of a draw of one list.
    pub fn shown(&self) -> Option<&'a str> {
        self.display.or(self.name)
    }

    /// The list this list's recipients travel with (SPEC §17.6).
    pub fn companions_of(&self) -> Option<&str> {
        match self.rule {
            Rule::Companions(of) => Some(of),
            _ => None,
        }
    }

    /// The position of `leaf` in the (sorted) candidate list.
    pub fn index_of(&self, leaf: &Hash32) -> Option<usize> {
        self.entries.binary_search_by(|e| e.leaf.cmp(leaf)).ok()
    }
}

/// SPEC §4.3: the one list of a draw of one list draws by its pot.
static ONE_LIST_RULE: Rule = Rule::Pot;

impl From<Verified<Draw>> for Drawn {
    fn from(v: Verified<Draw>) -> Self {
        Drawn(Shape::One(v))
    }
}

impl From<Verified<ListsDraw>> for Drawn {
    fn from(v: Verified<ListsDraw>) -> Self {
        Drawn(Shape::Lists(v))
    }
}

impl Drawn {
    /// The lists, in the commitment's order (one for a draw of one list).
    pub fn lists(&self) -> Vec<DrawnList<'_>> {
        match &self.0 {
            Shape::One(v) => {
                let t = &v.get().transcript;
                let c = &t.commitment;
                vec![DrawnList {
                    index: 0,
                    name: None,
                    display: None,
                    rule: &ONE_LIST_RULE,
                    pot: Some(&c.doc.pot),
                    recipients: c.doc.recipients,
                    reserves: c.doc.reserves,
                    entries: c.entries(),
                    result: &t.result,
                }]
            }
            Shape::Lists(v) => {
                let t = &v.get().transcript;
                let c = &t.commitment;
                c.doc
                    .lists
                    .iter()
                    .zip(&c.lists)
                    .zip(&t.lists)
                    .enumerate()
                    .map(|(i, ((doc, list), result))| DrawnList {
                        index: i,
                        name: Some(&doc.name),
                        display: doc.display.as_deref(),
                        rule: &list.rule,
                        pot: doc.pot.as_ref(),
                        recipients: doc.recipients,
                        reserves: doc.reserves,
                        entries: c.entries(i),
                        result: &result.result,
                    })
                    .collect()
            }
        }
    }

    /// Whether the draw has named lists (SPEC §17); a reader names the list
    /// of a place exactly then.
    pub fn has_named_lists(&self) -> bool {
        matches!(self.0, Shape::Lists(_))
    }

    /// What a person reads for the list named `name` (SPEC §19.3): its
    /// display name in a draw of version 5, else the name itself (also for
    /// a name the draw does not have, so that nothing is ever hidden).
    pub fn shown<'a>(&'a self, name: &'a str) -> &'a str {
        match &self.0 {
            Shape::One(_) => name,
            Shape::Lists(v) => {
                v.get().transcript.commitment.find(name).and_then(|(_, l)| l.display.as_deref()).unwrap_or(name)
            }
        }
    }

    /// The list a person asked for by its name or its display name (SPEC
    /// §19.3: the display name trimmed and compared ignoring case), by its
    /// position; `None` when no list is meant.
    pub fn list_asked(&self, asked: &str) -> Option<usize> {
        let lists = self.lists();
        if let Some(l) = lists.iter().find(|l| l.name == Some(asked)) {
            return Some(l.index);
        }
        let wanted = potdraw_core::unicode::tidy_display(asked).to_lowercase();
        lists.iter().find(|l| l.display.is_some_and(|d| d.to_lowercase() == wanted)).map(|l| l.index)
    }

    pub fn title(&self) -> &str {
        match &self.0 {
            Shape::One(v) => &v.get().transcript.commitment.doc.title,
            Shape::Lists(v) => &v.get().transcript.commitment.doc.title,
        }
    }

    /// The transcript's `format` member, as published (for display only).
    pub fn format(&self) -> &str {
        match &self.0 {
            Shape::One(v) => &v.get().transcript.doc.format,
            Shape::Lists(v) => &v.get().transcript.doc.format,
        }
    }

    pub fn commitment_digest(&self) -> &Hash32 {
        match &self.0 {
            Shape::One(v) => &v.get().transcript.commitment.digest,
            Shape::Lists(v) => &v.get().transcript.commitment.digest,
        }
    }

    /// The commitment digest as written (lower-case hex).
    pub fn commitment_digest_hex(&self) -> &str {
        match &self.0 {
            Shape::One(v) => &v.get().transcript.commitment.doc.digest,
            Shape::Lists(v) => &v.get().transcript.commitment.doc.digest,
        }
    }

    pub fn transcript_digest(&self) -> &Hash32 {
        match &self.0 {
            Shape::One(v) => &v.get().transcript_digest,
            Shape::Lists(v) => &v.get().transcript_digest,
        }
    }

    pub fn plan(&self) -> &[PlanEntry] {
        match &self.0 {
            Shape::One(v) => &v.get().transcript.commitment.plan,
            Shape::Lists(v) => &v.get().transcript.commitment.plan,
        }
    }

    /// What each check established, in order.
    pub fn passed(&self) -> &[Passed] {
        match &self.0 {
            Shape::One(v) => &v.get().passed,
            Shape::Lists(v) => &v.get().passed,
        }
    }

    /// The draw in its own version, for what only that version's format
    /// has: its amendments record (SPEC §15.2 for one list, §15.8 for
    /// several). A command never asks; the layer that reads records does.
    pub fn by_version(&self) -> ByVersion<'_> {
        match &self.0 {
            Shape::One(v) => ByVersion::One(v),
            Shape::Lists(v) => ByVersion::Lists(v),
        }
    }

    /// The leaf an id and a salt make in list `list` (SPEC §4.4 for one
    /// list; §17.4 for several, where the list's name is hashed in).
    pub fn leaf(&self, list: usize, id: &str, salt: &[u8; 16]) -> Hash32 {
        match &self.0 {
            Shape::One(_) => potdraw_core::hash::leaf(id, salt),
            Shape::Lists(v) => {
                let name = v.get().transcript.commitment.doc.lists.get(list).map_or("", |l| l.name.as_str());
                potdraw_core::lists_draw::leaf(name, id, salt)
            }
        }
    }

    /// SPEC §8 and §17.9: the ticket `leaf` of list `list`.
    pub fn ticket_in(&self, list: usize, leaf: &Hash32) -> ListTicket {
        let lists = self.lists();
        let Some(l) = lists.get(list) else { return ListTicket::NotInDraw };
        let Some(index) = l.index_of(leaf) else { return ListTicket::NotInDraw };
        let outcome = match l.result.iter().find(|r| r.index == index as u64) {
            Some(r) if r.role == Role::Recipient => Outcome::Recipient(r.rank),
            Some(r) => Outcome::Reserve(r.rank),
            None => Outcome::NotDrawn,
        };
        let companions_list = l.companions_of().map(str::to_string);
        let companion_of = match (&companions_list, outcome) {
            (Some(of), Outcome::Recipient(rank)) => Some((of.clone(), rank)),
            _ => None,
        };
        ListTicket::InDraw {
            list: l.name.map(str::to_string),
            list_index: list,
            weight: l.entries[index].weight,
            outcome,
            companion_of,
            companions_list,
        }
    }

    /// SPEC §17.9: a ticket given by id and salt (from a code) is looked for
    /// in every list, with the leaf that list makes; with its leaf.
    pub fn ticket_of_id(&self, id: &str, salt: &[u8; 16]) -> (ListTicket, Option<Hash32>) {
        for i in 0..self.lists().len() {
            let leaf = self.leaf(i, id, salt);
            let found = self.ticket_in(i, &leaf);
            if found != ListTicket::NotInDraw {
                return (found, Some(leaf));
            }
        }
        (ListTicket::NotInDraw, None)
    }

    /// SPEC §17.8: the list a receipt's `list` member names. A receipt of a
    /// draw of one list names none; one of a draw with lists names one of
    /// its lists.
    pub fn list_of_receipt(&self, list: Option<&str>) -> Result<usize, ReceiptList> {
        match (&self.0, list) {
            (Shape::One(_), None) => Ok(0),
            (Shape::One(_), Some(_)) => Err(ReceiptList::NamesAList),
            (Shape::Lists(_), None) => Err(ReceiptList::NamesNoList),
            (Shape::Lists(v), Some(name)) => {
                v.get().transcript.commitment.find(name).map(|(i, _)| i).ok_or(ReceiptList::UnknownList)
            }
        }
    }
}

/// A verified draw in its own version ([`Drawn::by_version`]).
#[derive(Debug, Clone, Copy)]
pub enum ByVersion<'a> {
    One(&'a Verified<Draw>),
    Lists(&'a Verified<ListsDraw>),
}

/// Why a receipt's `list` member does not fit the draw (SPEC §17.8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReceiptList {
    /// A receipt naming a list, for a draw of one list.
    NamesAList,
    /// A receipt naming no list, for a draw with lists.
    NamesNoList,
    /// A list this draw does not have.
    UnknownList,
}
