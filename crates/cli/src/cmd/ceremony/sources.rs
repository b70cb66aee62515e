//! Step 3 of the ceremony: the value of each announced public source, asked
//! for in plan order (SPEC §5.1).
//!
//! Why one function per kind: each kind is asked for differently (dice are
//! rolled and typed, a text is copied from its publication, a beacon would be
//! fetched or pasted and verified), but all of them end in the same check.
//! [`ask`] is the one place that maps a kind to its step; a new kind in
//! `potdraw_core::entropy::SourceKind` does not compile until it has a step
//! here.
//!
//! What is accepted is decided by the same two functions `potdraw draw` uses:
//! [`crate::ops::drawing::normalise`] (spaces between dice, commas between
//! numbers) and core's [`value_bytes`]. The explanations below only say, in
//! the room's language, why a value was refused; they never accept or fix
//! anything themselves. Each accepted value is shown back and the organiser
//! confirms it with Enter or types it again.

use super::screen::{Room, Stop, Tone};
use crate::i18n::Lang;
use crate::ops::drawing::normalise;
use crate::t;
use potdraw_core::draw::BeaconRecord;
use potdraw_core::entropy::{
    canonical_numbers, die_digits, numbers_separator, value_bytes, PlanEntry, SourceKind, MAX_NUMBER_DIGITS,
    MAX_TEXT_BYTES,
};
use potdraw_core::rfc3797::{MAX_DIGITS, MAX_NUMBERS};
use potdraw_core::unicode::{code_point, first_unassigned, visible};
use std::io::{BufRead, Write};

/// One announced source's answer: the value as typed (`draw` normalises it
/// again, with the same function), and for a drand round the verified
/// record for the transcript (then `value` is its randomness, hex).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub value: String,
    pub beacon: Option<BeaconRecord>,
}

/// Asks for one announced source until a valid value is confirmed. A new
/// kind gets its arm here, with a function like [`ask_dice`].
pub fn ask<R: BufRead, W: Write>(
    room: &mut Room<R, W>,
    lang: Lang,
    entry: &PlanEntry,
    heading: &str,
) -> Result<Answer, Stop> {
    let typed = |value| Answer { value, beacon: None };
    match &entry.kind {
        SourceKind::Dice { count, faces } => ask_dice(room, lang, entry, heading, *count, *faces).map(typed),
        SourceKind::Text => ask_text(room, lang, entry, heading).map(typed),
        SourceKind::Numbers => ask_numbers(room, lang, entry, heading).map(typed),
        SourceKind::CountedNumbers { count } => ask_counted(room, lang, entry, heading, *count).map(typed),
        SourceKind::Drand(source) => super::drand::ask(room, lang, &entry.label, source, heading),
    }
}

fn ask_dice<R: BufRead, W: Write>(
    room: &mut Room<R, W>,
    lang: Lang,
    entry: &PlanEntry,
    heading: &str,
    count: u64,
    faces: u64,
) -> Result<String, Stop> {
    let (lo, hi) = die_digits(faces);
    let prompt = t!(lang, "ceremony.dice.ask", count = count, faces = faces, lo = lo, hi = hi);
    let show = |v: &str| v.chars().map(String::from).collect::<Vec<_>>().join(" ");
    until_valid(room, lang, entry, heading, &prompt, show, |value| explain_dice(lang, value, count, faces))
}

fn ask_text<R: BufRead, W: Write>(
    room: &mut Room<R, W>,
    lang: Lang,
    entry: &PlanEntry,
    heading: &str,
) -> Result<String, Stop> {
    let prompt = t!(lang, "ceremony.text.ask");
    // SPEC §2.4: what was typed is shown with invisible characters marked.
    until_valid(room, lang, entry, heading, &prompt, visible, |value| {
        if value.is_empty() {
            t!(lang, "ceremony.value.empty")
        } else if let Some((position, c)) = first_unassigned(value) {
            let version = potdraw_core::unicode::VERSION;
            t!(lang, "ceremony.text.unassigned", position = position, code_point = code_point(c), version = version)
        } else {
            t!(lang, "ceremony.text.invalid", max = MAX_TEXT_BYTES)
        }
    })
}

fn ask_numbers<R: BufRead, W: Write>(
    room: &mut Room<R, W>,
    lang: Lang,
    entry: &PlanEntry,
    heading: &str,
) -> Result<String, Stop> {
    let prompt = t!(lang, "ceremony.numbers.ask");
    until_valid(room, lang, entry, heading, &prompt, str::to_string, |value| {
        let numbers: Vec<&str> = value.split(' ').filter(|n| !n.is_empty()).collect();
        if numbers.is_empty() {
            t!(lang, "ceremony.value.empty")
        } else if numbers.len() > MAX_NUMBERS {
            t!(lang, "ceremony.numbers.too-many", found = numbers.len(), max = MAX_NUMBERS)
        } else {
            let bad = numbers.iter().find(|n| n.len() > MAX_DIGITS || !n.bytes().all(|b| b.is_ascii_digit()));
            t!(lang, "ceremony.numbers.invalid", found = visible(bad.copied().unwrap_or(value)), digits = MAX_DIGITS)
        }
    })
}

/// SPEC §14.2: a v3 numbers source. People type the published numbers as
/// they like; what is shown back for confirmation is the canonical form
/// that the transcript records.
fn ask_counted<R: BufRead, W: Write>(
    room: &mut Room<R, W>,
    lang: Lang,
    entry: &PlanEntry,
    heading: &str,
    count: u64,
) -> Result<String, Stop> {
    let prompt = t!(lang, "ceremony.counted.ask", count = count);
    until_valid(room, lang, entry, heading, &prompt, str::to_string, |value| explain_counted(lang, value, count))
}

/// Why a typed numbers value is refused, in the room's words.
pub fn explain_counted(lang: Lang, value: &str, count: u64) -> String {
    use potdraw_core::error::FieldKind;
    match canonical_numbers("value", count, value) {
        Ok(_) => String::new(),
        Err(e) => match e.kind {
            FieldKind::NumbersCount { .. } if e.found == "0" => t!(lang, "ceremony.value.empty"),
            FieldKind::NumbersCount { .. } => t!(lang, "ceremony.counted.count", found = e.found, count = count),
            _ => match value.chars().find(|c| !(c.is_ascii_digit() || numbers_separator(*c))) {
                Some(c) => t!(lang, "ceremony.counted.character", found = visible(&c.to_string())),
                None => t!(lang, "ceremony.numbers.invalid", found = visible(value), digits = MAX_NUMBER_DIGITS),
            },
        },
    }
}

/// Why a dice value (spaces already removed) is refused, in the room's words.
pub fn explain_dice(lang: Lang, value: &str, count: u64, faces: u64) -> String {
    let (lo, hi) = die_digits(faces);
    if value.is_empty() {
        return t!(lang, "ceremony.value.empty");
    }
    if let Some((i, c)) = value.chars().enumerate().find(|(_, c)| !(lo..=hi).contains(c)) {
        let position = i + 1;
        return if c.is_ascii_digit() {
            t!(lang, "ceremony.dice.out-of-range", found = c, position = position, faces = faces, lo = lo, hi = hi)
        } else {
            t!(lang, "ceremony.dice.not-a-digit", found = c, position = position)
        };
    }
    t!(lang, "ceremony.dice.count", found = value.chars().count(), count = count)
}

/// The loop every kind shares: ask, normalise as `draw` does, check with
/// core's [`value_bytes`], explain a refusal and ask again, show an accepted
/// value back and wait for Enter (or a corrected value).
fn until_valid<R: BufRead, W: Write>(
    room: &mut Room<R, W>,
    lang: Lang,
    entry: &PlanEntry,
    heading: &str,
    prompt: &str,
    show: impl Fn(&str) -> String,
    explain: impl Fn(&str) -> String,
) -> Result<String, Stop> {
    room.screen(heading);
    let mut typed = room.ask(prompt)?;
    loop {
        let value = normalise(Some(&entry.kind), &typed);
        if value_bytes(&entry.label, &entry.kind, &value).is_err() {
            // A fresh screen for each attempt keeps it within 24 rows.
            room.screen(heading);
            room.line(&t!(lang, "ceremony.value.typed", value = visible(&typed)));
            room.styled(&explain(&value), Tone::Bad);
            room.line(&t!(lang, "ceremony.value.again"));
            typed = room.ask(prompt)?;
            continue;
        }
        room.screen(heading);
        room.line(&t!(lang, "ceremony.value.entered"));
        room.line("");
        room.styled(&format!("  {}", show(&value)), Tone::Strong);
        let answer = room.ask(&t!(lang, "ceremony.value.confirm"))?;
        if answer.trim().is_empty() {
            return Ok(typed);
        }
        typed = answer;
    }
}

#[cfg(test)]
mod tests {
    use super::super::screen::Style;
    use super::*;

    fn run(kind: SourceKind, input: &str) -> (Result<String, Stop>, String) {
        let mut out = Vec::new();
        let entry = PlanEntry { label: "room".into(), kind };
        let result = ask(&mut Room::new(input.as_bytes(), &mut out, Style::PLAIN, Lang::en()), Lang::en(), &entry, "H");
        (result.map(|a| a.value), String::from_utf8(out).unwrap())
    }

    #[test]
    fn dice_mistakes_are_explained_and_asked_again() {
        let d6 = SourceKind::Dice { count: 4, faces: 6 };
        let (got, shown) = run(d6.clone(), "12x4\n1274\n123\n1 2 3 4\n\n");
        assert_eq!(got, Ok("1 2 3 4".to_string()));
        let en = Lang::en();
        for refusal in [explain_dice(en, "12x4", 4, 6), explain_dice(en, "1274", 4, 6), explain_dice(en, "123", 4, 6)] {
            assert!(shown.contains(&refusal), "{refusal:?} not in\n{shown}");
        }
        assert_eq!(shown.matches(&t!(en, "ceremony.value.again")).count(), 3, "{shown}");
        assert!(shown.contains("1 2 3 4"), "{shown}");
    }

    #[test]
    fn explanations_name_the_problem() {
        let en = Lang::en();
        assert_ne!(explain_dice(en, "12x4", 4, 6), explain_dice(en, "1274", 4, 6));
        assert!(explain_dice(en, "1274", 4, 6).contains('7'));
        assert!(explain_dice(en, "123", 4, 6).contains('3') && explain_dice(en, "123", 4, 6).contains('4'));
        // A ten-sided die shows 0: accepted there, refused on a six-sided one.
        assert!(value_bytes("v", &SourceKind::Dice { count: 2, faces: 10 }, "09").is_ok());
        assert!(explain_dice(en, "09", 2, 6).contains('0'));
    }

    #[test]
    fn a_confirmed_value_can_be_corrected_before_enter() {
        let (got, _) = run(SourceKind::Text, "Lotto 1 2 3\nLotto 4 5 6\n\n");
        assert_eq!(got, Ok("Lotto 4 5 6".to_string()));
        let (got, shown) = run(SourceKind::Text, "\nabc\n\n");
        assert_eq!(got, Ok("abc".to_string()));
        assert!(shown.contains(&t!(Lang::en(), "ceremony.value.empty")), "{shown}");
    }

    /// SPEC §2.4: an invisible character is shown marked; a character outside
    /// Unicode 15.0 is refused, naming it, and asked again.
    #[test]
    fn texts_show_invisible_characters_and_refuse_unassigned_ones() {
        let (got, shown) = run(SourceKind::Text, "03 14\u{1ADE}\n\u{200B}03 14\u{200B}\n\n");
        assert_eq!(got, Ok("\u{200B}03 14\u{200B}".to_string()));
        assert!(shown.contains("character 6 (U+1ADE) is not in Unicode 15.0.0"), "{shown}");
        assert!(shown.contains("03 14⟨U+1ADE⟩"), "the refused value is shown marked: {shown}");
        assert!(shown.contains("  ⟨U+200B⟩03 14⟨U+200B⟩"), "{shown}");
        assert!(!shown.contains('\u{200B}'), "{shown:?}");
    }

    #[test]
    fn numbers_accept_what_draw_accepts() {
        let (got, _) = run(SourceKind::Numbers, "2, 5,x\n2, 5, 12\n\n");
        assert_eq!(got, Ok("2, 5, 12".to_string()));
        assert_eq!(normalise(Some(&SourceKind::Numbers), "2, 5, 12"), "2 5 12");
    }

    #[test]
    fn counted_numbers_are_confirmed_in_their_canonical_form() {
        let (got, shown) = run(
            SourceKind::CountedNumbers { count: 6 },
            "41, 35, 22, 15, 14\n41, 35, 22, 15, 14, x3\n41, 35, 22, 15, 14, 03\n\n",
        );
        assert_eq!(got.unwrap(), "41, 35, 22, 15, 14, 03");
        assert!(shown.contains("That is 5 numbers, but the commitment announced 6."), "{shown}");
        assert!(shown.contains("\"x\" cannot be part of a number"), "{shown}");
        assert!(shown.contains("3 14 15 22 35 41"), "{shown}");
        assert_eq!(
            normalise(Some(&SourceKind::CountedNumbers { count: 6 }), "41, 35, 22, 15, 14, 03"),
            "3 14 15 22 35 41"
        );
        // What is shown back about a refused value has its control characters marked, never raw.
        let (_, shown) = run(SourceKind::CountedNumbers { count: 2 }, "1\u{b}2 123456789012345678901\n1 2\n\n");
        assert!(shown.contains("\u{27e8}U+000B\u{27e9}") && !shown.contains('\u{b}'), "{shown:?}");
    }

    #[test]
    fn end_of_input_stops_the_question() {
        assert_eq!(run(SourceKind::Dice { count: 2, faces: 6 }, "9\n").0, Err(Stop::EndOfInput));
    }
}
