//! `amend --holder`: the person a substitution is about (issue 27).
//!
//! WHY: the record of substitutions only appends (SPEC §15.6), and a place
//! number says nothing about who holds it now. An organiser who ran `amend
//! … --place 2 --reason declined` twice (arrow-up, Enter) recorded that
//! reserve 1, who had just moved up to place 2 and never declined, declined
//! too; she then read on her slip's page that her place was vacated, and
//! nothing could correct it. So `amend` is told who the event is about —
//! the ticket's fingerprint as the projector and the report show it, or an
//! id looked up in the private receipts — and refuses, before anything is
//! written, when that ticket does not hold the place (or is not that
//! reserve) now. A repeated command names the person who already left, and
//! is refused with the event that recorded it.
//!
//! The holder of a place is the replay of SPEC §15.3 on the events so far;
//! a continued reserve (beyond the transcript's r) is found in the same
//! selection, continued (SPEC §15.1). Nothing here changes a document.
//!
//! For a draw with several lists (SPEC §15.8) the same check runs on one
//! list: its replayed state and its own tickets ([`Roster`]); an id found
//! in the receipts also tells which list the event is about.

use super::{AmendConfig, Op};
use crate::i18n::Lang;
use crate::ops::amendments::leaf_of;
use crate::render::fingerprint;
use crate::{problem, t};
use anyhow::Result;
use potdraw_core::amend::Event;
use potdraw_core::succession::{replay, Frame, Holder, State};
use potdraw_core::Hash32;
use potdraw_verify::{Draw, Verified};

/// Who `--holder` names: a ticket by its full leaf, by the eight hex digits
/// of its fingerprint, or (with `--receipts`) by the receipt's id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Named {
    Leaf(Hash32),
    Fingerprint(String),
}

impl Named {
    fn is(&self, leaf: &Hash32) -> bool {
        match self {
            Named::Leaf(l) => l == leaf,
            Named::Fingerprint(f) => fingerprint(&hex::encode(leaf)).replace('-', "") == *f,
        }
    }
}

/// `--holder` as typed: `DA7D-21C5` (any case, with or without the hyphen
/// or spaces) or the 64 hex digits of a ticket; `None` for anything else.
pub fn parse_ticket(text: &str) -> Option<Named> {
    let hex: String = text.chars().filter(|c| !matches!(c, '-' | ' ')).collect::<String>().to_uppercase();
    if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    match hex.len() {
        8 => Some(Named::Fingerprint(hex)),
        64 => {
            let mut leaf = [0u8; 32];
            hex::decode_to_slice(&hex, &mut leaf).ok()?;
            Some(Named::Leaf(leaf))
        }
        _ => None,
    }
}

/// A holder in words: "recipient 2" or "reserve 1".
pub fn holder_text(lang: Lang, h: Holder) -> String {
    match h {
        Holder::Recipient(p) => t!(lang, "amend.holder.recipient", rank = p),
        Holder::Reserve(m) => t!(lang, "amend.holder.reserve", rank = m),
        Holder::Empty => t!(lang, "amend.holder.nobody"),
    }
}

/// One list as the holder check sees it: its numbers, its replayed state,
/// its name (for a draw with several lists) and the ticket of each holder.
pub struct Roster<'a> {
    pub frame: Frame,
    pub state: State,
    pub list: Option<&'a str>,
    pub leaf_of: &'a dyn Fn(Holder) -> Option<Hash32>,
}

/// Refuses, before anything is written, an event about somebody who does
/// not hold the place (or is not the reserve) now; on a terminal, shows who
/// does and asks to confirm. Returns without a word when the record's own
/// rules will refuse the event anyway (a place never drawn, a reserve gone):
/// those refusals keep their own messages.
pub fn confirm(draw: &Verified<Draw>, events: &[Event], cfg: &AmendConfig) -> Result<()> {
    let t = &draw.get().transcript;
    let frame = Frame::of(t);
    let Ok(state) = replay(frame, events) else { return Ok(()) };
    let (named, _) = named(&t.commitment.digest, cfg)?;
    let leaf_of = |h: Holder| leaf_of(t, h);
    confirm_in(&Roster { frame, state, list: None, leaf_of: &leaf_of }, events, cfg, &named)
}

/// [`confirm`] on one list, for `named`.
pub fn confirm_in(r: &Roster<'_>, events: &[Event], cfg: &AmendConfig, named: &Named) -> Result<()> {
    let lang = Lang::current();
    let (state, frame) = (&r.state, r.frame);
    let (holder, what) = match cfg.op {
        Op::Place(place) => match usize::try_from(place).ok().and_then(|p| state.holders.get(p.checked_sub(1)?)) {
            Some(h) => (*h, place_words(lang, place, r.list)),
            None => return Ok(()),
        },
        Op::Reserve(reserve) if reserve == 0 || reserve > frame.reserves => return Ok(()),
        Op::Reserve(reserve) => {
            let gone = state.left.iter().any(|(h, _)| *h == Holder::Reserve(reserve))
                || state.holders.contains(&Holder::Reserve(reserve));
            if gone {
                return Ok(());
            }
            let what = match r.list {
                Some(list) => t!(lang, "amend.holder.reserve-in-list", reserve = reserve, list = list),
                None => t!(lang, "amend.holder.reserve-what", reserve = reserve),
            };
            (Holder::Reserve(reserve), what)
        }
        Op::Undo => return Ok(()),
    };
    let now = (r.leaf_of)(holder);
    if now.as_ref().is_some_and(|leaf| named.is(leaf)) {
        let ticket = now.map(|l| fingerprint(&hex::encode(l))).unwrap_or_default();
        let reason = cfg.reason.map(|x| crate::render_amend::reason_word(lang, x)).unwrap_or_default();
        let question = t!(
            lang,
            "amend.holder.ask",
            what = what,
            ticket = ticket,
            role = holder_text(lang, holder),
            reason = reason,
            date = crate::localtime::day(lang, &cfg.date)
        );
        return ask(cfg, &question);
    }
    // Who the holder named was, if they already left: the event that says so.
    let before = state.left.iter().find(|(h, _)| (r.leaf_of)(*h).is_some_and(|l| named.is(&l)));
    let earlier = match before {
        Some((_, left)) => {
            let e = &events[left.event - 1];
            t!(
                lang,
                "amend.holder.left-before",
                seq = e.seq,
                date = crate::localtime::day(lang, &e.date),
                reason = e.reason.map(|r| crate::render_amend::reason_word(lang, r)).unwrap_or_default()
            )
        }
        None => t!(lang, "amend.holder.never-held"),
    };
    Err(problem!(
        "amend-holder",
        what = what,
        holder = format!("{:?}", cfg.holder.as_deref().unwrap_or_default()),
        now = now.map_or_else(|| holder_text(lang, Holder::Empty), |l| fingerprint(&hex::encode(l))),
        role = holder_text(lang, holder),
        earlier = earlier
    ))
}

/// "place 2", or "place 2 of list ontvangers".
pub fn place_words(lang: Lang, place: u64, list: Option<&str>) -> String {
    match list {
        Some(list) => t!(lang, "amend.holder.place-in-list", place = place, list = list),
        None => t!(lang, "amend.holder.place", place = place),
    }
}

/// `--holder` read as a ticket, or with `--receipts` as an id; with a
/// receipt, also the list it names (`potdraw/receipt/v2`, SPEC §17.8).
pub fn named(commitment_digest: &Hash32, cfg: &AmendConfig) -> Result<(Named, Option<String>)> {
    let holder = cfg.holder.as_deref().unwrap_or_default();
    let Some(path) = &cfg.receipts else {
        let ticket =
            parse_ticket(holder).ok_or_else(|| problem!("amend-holder-ticket", found = format!("{holder:?}")))?;
        return Ok((ticket, None));
    };
    let receipts = crate::handouts::read_receipts(path, commitment_digest)?;
    let id = potdraw_core::hash::nfc(holder.trim());
    receipts
        .iter()
        .find(|r| r.doc.id == id)
        .map(|r| (Named::Leaf(r.leaf), r.doc.list.clone()))
        .ok_or_else(|| problem!("amend-holder-id", file = path.display(), found = format!("{holder:?}")))
}

/// On a terminal (and without `--yes` or `--json`): `question` (who holds
/// the place now and what will be recorded, or the event an undo cancels),
/// confirmed by typing yes (`ja`).
pub fn ask(cfg: &AmendConfig, question: &str) -> Result<()> {
    use std::io::{BufRead, IsTerminal, Write};
    if cfg.yes || cfg.json || !std::io::stdin().is_terminal() {
        return Ok(());
    }
    print!("{question} ");
    std::io::stdout().flush()?;
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    let answer = line.trim().to_lowercase();
    if ["ja", "j", "yes", "y"].contains(&answer.as_str()) {
        Ok(())
    } else {
        Err(problem!("amend-not-confirmed"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tickets_are_read_in_every_written_form_and_nothing_else() {
        let want = Some(Named::Fingerprint("DA7D21C5".into()));
        for typed in ["DA7D-21C5", "da7d-21c5", "DA7D21C5", " da7d 21c5 "] {
            assert_eq!(parse_ticket(typed), want, "{typed:?}");
        }
        let full = "da7d21c5".repeat(8);
        assert!(matches!(parse_ticket(&full), Some(Named::Leaf(l)) if hex::encode(l) == full));
        for bad in ["", "DA7D-21C", "DA7D-21C5-0", "ZUID-004", "DA7D-21G5"] {
            assert_eq!(parse_ticket(bad), None, "{bad:?}");
        }
    }
}
