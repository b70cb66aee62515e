//! One fixed Unicode repertoire, and strings made safe to show (SPEC §2.4).
//!
//! Why: NFC is stable only for code points that are assigned in the Unicode
//! version of the normaliser. Rust's `unicode-normalization` and the
//! browsers' ICU carry different versions, and marks assigned in between
//! normalise differently in each, so the two verifiers would hash different
//! bytes. Every string potdraw normalises (ids, text entropy values) and the
//! title may therefore only hold code points assigned in Unicode 15.0.0;
//! Unicode's normalization stability policy then gives the same NFC in every
//! implementation of Unicode 15.0 or later. The table is generated from the
//! Unicode Character Database (crates/fixgen/src/unicode.rs), never taken
//! from the Unicode version of a library.
//!
//! Invisible and format characters make two different values look alike on
//! a screen or on paper (U+200B before and after a lottery text), and
//! control characters in a message can rewrite a terminal. [`visible`]
//! renders any untrusted string with such characters as `⟨U+200B⟩`.

#[rustfmt::skip]
#[path = "unicode_table.rs"]
pub mod table;

/// The Unicode version of the repertoire (SPEC §2.4).
pub const VERSION: &str = table::VERSION;

fn within(ranges: &[(u32, u32)], c: char) -> bool {
    let c = c as u32;
    // The first range that ends at or after c is the only one that can hold it.
    let i = ranges.partition_point(|&(_, hi)| hi < c);
    ranges.get(i).is_some_and(|&(lo, _)| lo <= c)
}

/// SPEC §2.4: the code point is assigned in Unicode 15.0.0.
pub fn is_assigned(c: char) -> bool {
    within(table::ASSIGNED, c)
}

/// SPEC §2.4: Cc, Cf, Zl, Zp, Co, Zs other than U+0020, or Default_Ignorable_Code_Point.
pub fn is_invisible(c: char) -> bool {
    within(table::INVISIBLE, c)
}

/// "U+200B": a code point as people and the Unicode standard write it.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// The first character outside the repertoire: its 1-based position among
/// the string's characters, and the character.
pub fn first_unassigned(s: &str) -> Option<(usize, char)> {
    if s.is_ascii() {
        return None;
    }
    s.chars().enumerate().find(|(_, c)| !is_assigned(*c)).map(|(i, c)| (i + 1, c))
}

/// The marker [`visible`] shows for `c`, if it shows one.
fn marked(c: char) -> bool {
    // '⟨' itself is marked so that a literal "⟨U+200B⟩" cannot pass for U+200B.
    c == '⟨' || c.is_control() || is_invisible(c) || !is_assigned(c)
}

/// SPEC §2.4: `s` for display: every control, format or otherwise invisible
/// character, every code point outside the repertoire and `⟨` itself is
/// shown as `⟨U+XXXX⟩`; everything else as it is. Distinct strings stay
/// distinct, and nothing in the result can move a terminal's cursor.
pub fn visible(s: &str) -> String {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if marked(c) {
            out.push('⟨');
            out.push_str(&code_point(c));
            out.push('⟩');
        } else {
            out.push(c);
        }
    }
    out
}

/// SPEC §4.1: the longest id in bytes of UTF-8, after normalisation.
pub const MAX_ID_BYTES: usize = 256;

/// Why a text cannot be a candidate id (SPEC §4.1). Positions count
/// characters of the trimmed id, from 1.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("expected a non-empty id, found an empty text")]
    Empty,
    #[error("expected an id without control characters, found {} at character {position}", code_point(*c))]
    Control { position: usize, c: char },
    #[error(
        "expected characters assigned in Unicode {VERSION}, found {} at character {position}",
        code_point(*c)
    )]
    Unassigned { position: usize, c: char },
    #[error("expected an id without invisible or format characters, found {} at character {position}", code_point(*c))]
    Invisible { position: usize, c: char },
    #[error("expected an id with at least one visible character, found only invisible ones")]
    NoVisible,
    #[error("expected an id of at most {max} bytes, found {found} bytes")]
    TooLong { max: usize, found: usize },
}

/// SPEC §4.1: the id of a candidate or a participant check: trimmed of
/// White_Space, free of control characters, of code points outside the
/// repertoire (§2.4) and of invisible or format characters (Cf, Zl, Zp,
/// Co, Default_Ignorable_Code_Point), with a visible character, and at most
/// [`MAX_ID_BYTES`] bytes after NFC. Returns the NFC form.
pub fn check_id(raw: &str) -> Result<String, IdError> {
    let t = raw.trim();
    if t.is_empty() {
        return Err(IdError::Empty);
    }
    if !t.is_ascii() || t.bytes().any(|b| b.is_ascii_control()) {
        let chars = || t.chars().enumerate().map(|(i, c)| (i + 1, c));
        if let Some((position, c)) = chars().find(|(_, c)| c.is_control()) {
            return Err(IdError::Control { position, c });
        }
        if let Some((position, c)) = first_unassigned(t) {
            return Err(IdError::Unassigned { position, c });
        }
        // Zs is White_Space and may stand between words ("Jan\u{a0}Jansen").
        let hidden = |c: char| is_invisible(c) && (!c.is_whitespace() || matches!(c, '\u{2028}' | '\u{2029}'));
        if t.chars().all(|c| hidden(c) || c.is_whitespace()) {
            return Err(IdError::NoVisible);
        }
        if let Some((position, c)) = chars().find(|(_, c)| hidden(*c)) {
            return Err(IdError::Invisible { position, c });
        }
    }
    let id = crate::hash::nfc(t);
    if id.len() > MAX_ID_BYTES {
        return Err(IdError::TooLong { max: MAX_ID_BYTES, found: id.len() });
    }
    Ok(id)
}

/// Whether `s` holds a letter of a right-to-left script (Hebrew, Arabic,
/// Syriac, Thaana, N'Ko and the blocks after them up to U+08FF, their
/// presentation forms, and the right-to-left ranges of planes 1): the text
/// a page must isolate, or a number beside it moves to its other side
/// ("lijst الحي الشمالي: 6 loten" read as "6 :الحي الشمالي").
pub fn has_right_to_left(s: &str) -> bool {
    s.chars().any(|c| {
        matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
    })
}

/// SPEC §19.2: the most characters a list's display name may hold.
pub const MAX_DISPLAY_CHARS: usize = 64;

/// Why a text is not a well-formed display name (SPEC §19.2). Positions
/// count characters from 1.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DisplayError {
    #[error("expected 1 to {MAX_DISPLAY_CHARS} characters, found {found}")]
    Length { found: usize },
    #[error("expected characters assigned in Unicode {VERSION}, found {} at character {position}", code_point(*c))]
    Unassigned { position: usize, c: char },
    #[error("expected no control, format or invisible characters, found {} at character {position}", code_point(*c))]
    Invisible { position: usize, c: char },
    #[error("expected the text in NFC, found another form of the same letters")]
    NotNfc,
    #[error("expected plain spaces between words only, found {} at character {position}", code_point(*c))]
    Space { position: usize, c: char },
}

/// SPEC §19.2: whether `d` is a well-formed display name, exactly as it
/// stands (a verifier never trims or normalises it: one byte form).
pub fn check_display(d: &str) -> Result<(), DisplayError> {
    let n = d.chars().count();
    if !(1..=MAX_DISPLAY_CHARS).contains(&n) {
        return Err(DisplayError::Length { found: n });
    }
    let chars = || d.chars().enumerate().map(|(i, c)| (i + 1, c));
    if let Some((position, c)) = first_unassigned(d) {
        return Err(DisplayError::Unassigned { position, c });
    }
    // Rule 4: Cc, Cf, Zl, Zp, Co, Default_Ignorable; a Zs other than
    // U+0020 is White_Space and falls to rule 5 below.
    let hidden =
        |c: char| c.is_control() || (is_invisible(c) && (!c.is_whitespace() || matches!(c, '\u{2028}' | '\u{2029}')));
    if let Some((position, c)) = chars().find(|(_, c)| hidden(*c)) {
        return Err(DisplayError::Invisible { position, c });
    }
    if crate::hash::nfc(d) != d {
        return Err(DisplayError::NotNfc);
    }
    if let Some((position, c)) = chars().find(|(_, c)| c.is_whitespace() && *c != ' ') {
        return Err(DisplayError::Space { position, c });
    }
    if d.starts_with(' ') {
        return Err(DisplayError::Space { position: 1, c: ' ' });
    }
    if d.ends_with(' ') {
        return Err(DisplayError::Space { position: n, c: ' ' });
    }
    if let Some(at) = d.find("  ") {
        return Err(DisplayError::Space { position: d[..at].chars().count() + 2, c: ' ' });
    }
    Ok(())
}

/// The reference tool's form of a display name the organiser typed (SPEC
/// §19.4): trimmed, inner runs of white space as one space, in NFC. The
/// result still has to pass [`check_display`].
pub fn tidy_display(typed: &str) -> String {
    let words: Vec<&str> = typed.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()).collect();
    crate::hash::nfc(&words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_repertoire_is_unicode_15_0() {
        assert_eq!(VERSION, "15.0.0");
        for c in ['A', 'é', '\u{1ACE}', '\u{1F6DC}', '\u{31350}', '\u{E000}', '\u{10FFFD}', '\u{0}'] {
            assert!(is_assigned(c), "U+{:04X} is assigned in 15.0", c as u32);
        }
        // Assigned later (15.1, 16.0, 17.0): the marks the verifiers disagreed on.
        for c in ['\u{2FFC}', '\u{1ADE}', '\u{1ADF}', '\u{1AEC}', '\u{10ECB}', '\u{10EF0}', '\u{1D127}', '\u{378}'] {
            assert!(!is_assigned(c), "U+{:04X} is not assigned in 15.0", c as u32);
        }
        assert!(!is_assigned('\u{FFFF}') && !is_assigned('\u{10FFFF}'));
        assert_eq!(first_unassigned("ab\u{1ADE}c"), Some((3, '\u{1ADE}')));
        assert_eq!(first_unassigned("Buurtpot Zuid"), None);
    }

    #[test]
    fn invisible_characters() {
        for c in [
            '\u{0}',
            '\u{1B}',
            '\u{AD}',
            '\u{A0}',
            '\u{200B}',
            '\u{2028}',
            '\u{FEFF}',
            '\u{E000}',
            '\u{FE0F}',
            '\u{115F}',
            '\u{E0001}',
        ] {
            assert!(is_invisible(c), "U+{:04X}", c as u32);
        }
        for c in [' ', 'a', 'é', '\u{301}', '€'] {
            assert!(!is_invisible(c), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn visible_marks_what_cannot_be_seen() {
        assert_eq!(visible("\u{200B}03 14\u{200B}"), "⟨U+200B⟩03 14⟨U+200B⟩");
        assert_eq!(visible("\u{1b}[2J"), "⟨U+001B⟩[2J");
        assert_eq!(visible("a\u{a0}b\tc\n"), "a⟨U+00A0⟩b⟨U+0009⟩c⟨U+000A⟩");
        assert_eq!(visible("René €"), "René €");
        assert_eq!(visible("x\u{1ADE}"), "x⟨U+1ADE⟩");
        // The marker cannot be forged by typing it.
        assert_eq!(visible("⟨U+200B⟩"), "⟨U+27E8⟩U+200B⟩");
        assert_ne!(visible("⟨U+200B⟩"), visible("\u{200B}"));
    }

    #[test]
    fn ids() {
        assert_eq!(check_id("  Rene\u{301} "), Ok("Ren\u{e9}".into()));
        assert_eq!(check_id("Jan\u{a0}Jansen"), Ok("Jan\u{a0}Jansen".into()));
        assert_eq!(check_id(" \u{3000} "), Err(IdError::Empty));
        assert_eq!(check_id("A\u{7}B"), Err(IdError::Control { position: 2, c: '\u{7}' }));
        assert_eq!(check_id("\u{200B}"), Err(IdError::NoVisible));
        assert_eq!(check_id("\u{200B}\u{a0}\u{FEFF}"), Err(IdError::NoVisible));
        assert_eq!(check_id("\u{FEFF}A-1"), Err(IdError::Invisible { position: 1, c: '\u{FEFF}' }));
        assert_eq!(check_id("A\u{200D}B"), Err(IdError::Invisible { position: 2, c: '\u{200D}' }));
        assert_eq!(check_id("A\u{2028}B"), Err(IdError::Invisible { position: 2, c: '\u{2028}' }));
        assert_eq!(check_id("e\u{1ADE}"), Err(IdError::Unassigned { position: 2, c: '\u{1ADE}' }));
        assert_eq!(check_id(&"é".repeat(128)).map(|s| s.len()), Ok(256));
        assert_eq!(check_id(&"e\u{301}".repeat(129)), Err(IdError::TooLong { max: 256, found: 258 }));
        let e = check_id("x\u{200B}").unwrap_err().to_string();
        assert!(e.contains("U+200B at character 2"), "{e}");
    }

    #[test]
    fn display_names() {
        for ok in ["Noord", "Reisgenoten Noord", "Zuid-Oost", "Caf\u{e9} De Kroeg", "a", &"x".repeat(64)] {
            assert_eq!(check_display(ok), Ok(()), "{ok:?}");
        }
        assert_eq!(check_display(""), Err(DisplayError::Length { found: 0 }));
        assert_eq!(check_display(&"x".repeat(65)), Err(DisplayError::Length { found: 65 }));
        assert_eq!(check_display("Cafe\u{301}"), Err(DisplayError::NotNfc));
        assert_eq!(check_display("No\u{200B}ord"), Err(DisplayError::Invisible { position: 3, c: '\u{200B}' }));
        assert_eq!(check_display("No\u{7}ord"), Err(DisplayError::Invisible { position: 3, c: '\u{7}' }));
        assert_eq!(check_display("a\u{E000}"), Err(DisplayError::Invisible { position: 2, c: '\u{E000}' }));
        assert_eq!(check_display("Noord\u{a0}Oost"), Err(DisplayError::Space { position: 6, c: '\u{a0}' }));
        assert_eq!(check_display("a\tb"), Err(DisplayError::Invisible { position: 2, c: '\t' }));
        assert_eq!(check_display(" Noord"), Err(DisplayError::Space { position: 1, c: ' ' }));
        assert_eq!(check_display("Noord "), Err(DisplayError::Space { position: 6, c: ' ' }));
        assert_eq!(check_display("Reisgenoten  Noord"), Err(DisplayError::Space { position: 13, c: ' ' }));
        assert_eq!(check_display("e\u{1ADE}"), Err(DisplayError::Unassigned { position: 2, c: '\u{1ADE}' }));
        assert_eq!(tidy_display("  Reisgenoten \t Noord "), "Reisgenoten Noord");
        assert_eq!(tidy_display("Cafe\u{301}"), "Caf\u{e9}");
        assert_eq!(check_display(&tidy_display(" Zuid\u{a0}Oost ")), Ok(()));
        assert!(has_right_to_left("الحي الشمالي") && has_right_to_left("Noord שלום") && has_right_to_left("\u{1E900}"));
        assert!(!has_right_to_left("Zuid – Rivierenwijk") && !has_right_to_left("北区 𝔑𝔬𝔬𝔯𝔡"));
    }
}
