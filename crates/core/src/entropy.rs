//! Entropy sources: what the plan may announce and how a revealed value
//! becomes the bytes that enter the entropy digest (SPEC §5.1).

use crate::error::{quote, FieldError, FieldKind};
use crate::hash::nfc;

/// The most dice a plan may ask for, and the longest text value in bytes.
pub const MAX_DICE: u64 = 1000;
/// SPEC §14.2: the most numbers a v3 `numbers` source may announce, and the
/// most digits of one number (without leading zeros).
pub const MAX_COUNTED_NUMBERS: u64 = 100;
pub const MAX_NUMBER_DIGITS: usize = 20;
pub const MAX_TEXT_BYTES: usize = 4096;
pub const MAX_LABEL_LEN: usize = 64;

/// The kind of a planned source, with its parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceKind {
    /// `count` dice of `faces` sides (6 or 10), recorded as the digits shown,
    /// in the order rolled: 1–6 for six-sided dice, 0–9 for ten-sided dice.
    Dice { count: u64, faces: u64 },
    /// A published text, such as a national lottery's numbers of a fixed date.
    Text,
    /// RFC 3797 method only (SPEC §12.3): one or more non-negative integers,
    /// such as a lottery's numbers, written as decimal digits separated by
    /// single spaces.
    Numbers,
    /// v3 only (SPEC §14.2): exactly `count` published non-negative integers,
    /// such as a lottery's numbers of a fixed date, in one canonical form:
    /// sorted ascending, decimal without leading zeros, single spaces.
    CountedNumbers { count: u64 },
    /// v2 only (SPEC §13.5): a round of a drand chain. The value is the
    /// round's 32 bytes of randomness, as 64 lowercase hex characters.
    Drand(DrandSource),
}

impl SourceKind {
    pub fn name(&self) -> &'static str {
        match self {
            SourceKind::Dice { .. } => "dice",
            SourceKind::Text => "text",
            SourceKind::Numbers | SourceKind::CountedNumbers { .. } => "numbers",
            SourceKind::Drand(_) => "drand",
        }
    }
}

/// SPEC §13.5: a drand round announced in the plan, with its whole chain so
/// that it verifies offline. Core checks only the form; the chain hash, the
/// key and the signature are checked by the `beacon` check (SPEC §8.2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrandSource {
    pub round: u64,
    pub beacon_id: String,
    pub hash: [u8; 32],
    pub scheme: String,
    pub public_key: Vec<u8>,
    pub genesis_time: u64,
    pub period: u64,
    pub group_hash: [u8; 32],
}

/// SPEC §13.1: the drand schemes potdraw accepts, with the byte lengths of a
/// compressed public key and signature. potdraw-beacon holds the same table
/// (a test in potdraw-verify asserts they agree); core keeps its own copy so
/// that it stays free of the BLS dependency.
pub const DRAND_SCHEMES: [(&str, usize, usize); 3] =
    [("pedersen-bls-chained", 48, 96), ("pedersen-bls-unchained", 48, 96), ("bls-unchained-g1-rfc9380", 96, 48)];

/// The public-key length of a known scheme.
pub fn drand_public_key_len(scheme: &str) -> Option<usize> {
    DRAND_SCHEMES.iter().find(|(id, _, _)| *id == scheme).map(|(_, pk, _)| *pk)
}

/// One announced source of the entropy plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanEntry {
    pub label: String,
    pub kind: SourceKind,
}

/// SPEC §5.1: labels are 1–64 characters of a–z, 0–9, '.', '_' and '-', starting with a letter or digit.
pub fn check_label(field: &str, label: &str) -> Result<(), FieldError> {
    let ok = !label.is_empty()
        && label.len() <= MAX_LABEL_LEN
        && label
            .bytes()
            .enumerate()
            .all(|(i, b)| b.is_ascii_lowercase() || b.is_ascii_digit() || (i > 0 && matches!(b, b'.' | b'_' | b'-')));
    if ok {
        Ok(())
    } else {
        Err(FieldError::typed(field, FieldKind::Label, quote(label)))
    }
}

/// The faces a die may have in protocol v1.
pub const DIE_FACES: [u64; 2] = [6, 10];

/// SPEC §5.1: the digits a die shows: 1–6 on a six-sided die, 0–9 on a ten-sided one.
pub fn die_digits(faces: u64) -> (char, char) {
    if faces == 10 {
        ('0', '9')
    } else {
        ('1', '6')
    }
}

/// SPEC §5.1: the bytes a revealed value contributes to the entropy digest.
///
/// dice: exactly `count` ASCII digits 1–6, contributed as they are;
/// text: non-empty, at most 4096 bytes, no control characters, contributed as UTF-8 of its NFC form;
/// drand (SPEC §13.5): the 32 bytes of randomness written as 64 lowercase hex characters.
pub fn value_bytes(field: &str, kind: &SourceKind, value: &str) -> Result<Vec<u8>, FieldError> {
    match kind {
        SourceKind::Dice { count, faces } => {
            let (lo, hi) = die_digits(*faces);
            let count = *count;
            if let Some((pos, c)) = value.chars().enumerate().find(|(_, c)| !(lo..=hi).contains(c)) {
                let kind = FieldKind::DiceDigit { count, lo, hi, position: pos + 1 };
                return Err(FieldError::typed(field, kind, quote(&c.to_string())));
            }
            if value.len() as u64 != count {
                return Err(FieldError::typed(field, FieldKind::DiceLength { count, lo, hi }, value.len().to_string()));
            }
            Ok(value.as_bytes().to_vec())
        }
        SourceKind::Text => {
            // SPEC §2.4: NFC is the same in every verifier only within the repertoire.
            if let Some((position, c)) = crate::unicode::first_unassigned(value) {
                let kind = FieldKind::Unassigned { code_point: c as u32, position };
                return Err(FieldError::typed(field, kind, quote(value)));
            }
            let normal = nfc(value);
            if normal.is_empty() || normal.len() > MAX_TEXT_BYTES || normal.chars().any(char::is_control) {
                return Err(FieldError::typed(field, FieldKind::Text { max: MAX_TEXT_BYTES }, quote(value)));
            }
            Ok(normal.into_bytes())
        }
        SourceKind::Numbers => {
            crate::rfc3797::parse_numbers(field, value)?;
            Ok(value.as_bytes().to_vec())
        }
        SourceKind::CountedNumbers { count } => {
            // SPEC §14.2: exactly the canonical form, nothing else. A value
            // that means the same numbers but is spelled otherwise fails, so
            // whoever types the value cannot choose among spellings.
            let canonical = canonical_numbers(field, *count, value)?;
            if canonical != value {
                return Err(FieldError::typed(field, FieldKind::NumbersCanonical { canonical }, quote(value)));
            }
            Ok(value.as_bytes().to_vec())
        }
        SourceKind::Drand(_) => Ok(crate::model::parse_hex::<32>(field, value)?.to_vec()),
    }
}

/// SPEC §9.3: every source of the plan is produced in the room (dice only).
/// Whoever has seen the revealed seed can then aim the roll; a source
/// published after the roll (numbers of a fixed date, a drand round) closes
/// that. Tools warn about such a plan; it is not an error.
pub fn room_only(plan: &[PlanEntry]) -> bool {
    plan.iter().all(|p| matches!(p.kind, SourceKind::Dice { .. }))
}

/// SPEC §9.8: a plan with a free `text` source (v1 and v2 only), whose
/// wording was not fixed in advance: whoever typed it could have tried
/// spellings until one drew the people they wanted.
pub fn has_free_text(plan: &[PlanEntry]) -> bool {
    plan.iter().any(|p| matches!(p.kind, SourceKind::Text))
}

/// SPEC §14.2 (informative): what may separate typed numbers: White_Space, `,` or `;`.
pub fn numbers_separator(c: char) -> bool {
    c.is_whitespace() || c == ',' || c == ';'
}

/// SPEC §14.2: the one canonical form of `count` published numbers, from the
/// way people type them: separated by white space, commas or semicolons,
/// with or without leading zeros, in any order. The result is the numbers
/// sorted ascending by value, each in decimal without leading zeros (`0` for
/// zero), joined by single spaces. Anything else (a letter, a minus sign, a
/// decimal point, the wrong count, a number of more than 20 digits) is an error.
pub fn canonical_numbers(field: &str, count: u64, typed: &str) -> Result<String, FieldError> {
    let kind = || FieldKind::CountedNumbers { count, max_digits: MAX_NUMBER_DIGITS };
    let separator = numbers_separator;
    if let Some(c) = typed.chars().find(|c| !c.is_ascii_digit() && !separator(*c)) {
        return Err(FieldError::typed(field, kind(), format!("{} in {}", quote(&c.to_string()), quote(typed))));
    }
    let mut numbers: Vec<&str> = Vec::new();
    for token in typed.split(separator).filter(|t| !t.is_empty()) {
        let digits = crate::rfc3797::canonical(token);
        if digits.len() > MAX_NUMBER_DIGITS {
            return Err(FieldError::typed(field, kind(), quote(token)));
        }
        numbers.push(digits);
        if numbers.len() as u64 > count {
            break;
        }
    }
    if numbers.len() as u64 != count {
        let found = typed.split(separator).filter(|t| !t.is_empty()).count();
        return Err(FieldError::typed(field, FieldKind::NumbersCount { count }, found.to_string()));
    }
    // Numeric order of canonical decimal strings: shorter is smaller.
    numbers.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
    Ok(numbers.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dice_values() {
        let k = SourceKind::Dice { count: 4, faces: 6 };
        assert_eq!(value_bytes("v", &k, "1266").unwrap(), b"1266");
        let e = value_bytes("v", &k, "1276").unwrap_err();
        assert_eq!(e.found, "\"7\"");
        assert_eq!(e.kind, FieldKind::DiceDigit { count: 4, lo: '1', hi: '6', position: 3 });
        assert_eq!(value_bytes("v", &k, "126").unwrap_err().found, "3");
        assert_eq!(value_bytes("v", &k, "126").unwrap_err().kind.class(), "field-dice-length");
        assert!(value_bytes("v", &k, "12 66").is_err());
        let d10 = SourceKind::Dice { count: 3, faces: 10 };
        assert_eq!(value_bytes("v", &d10, "907").unwrap(), b"907");
        assert_eq!(value_bytes("v", &k, "1260").unwrap_err().expected, "4 dice as digits 1-6 (character 4 is not)");
    }

    #[test]
    fn text_values_are_nfc() {
        assert_eq!(value_bytes("v", &SourceKind::Text, "de\u{301}c").unwrap(), "d\u{e9}c".as_bytes());
        assert!(value_bytes("v", &SourceKind::Text, "").is_err());
        assert!(value_bytes("v", &SourceKind::Text, "a\nb").is_err());
        // The limit is on the NFC bytes, exactly at 4096.
        let at_limit = "é".repeat(MAX_TEXT_BYTES / 2);
        assert_eq!(value_bytes("v", &SourceKind::Text, &at_limit).unwrap().len(), MAX_TEXT_BYTES);
        let e = value_bytes("v", &SourceKind::Text, &format!("{at_limit}x")).unwrap_err();
        assert_eq!(e.kind, FieldKind::Text { max: MAX_TEXT_BYTES });
    }

    /// SPEC §2.4: a mark assigned after Unicode 15.0 (U+1ADE, 17.0) is refused, naming it.
    #[test]
    fn text_values_stay_within_unicode_15() {
        let e = value_bytes("v", &SourceKind::Text, "03 14\u{1ADE}").unwrap_err();
        assert_eq!(e.kind, FieldKind::Unassigned { code_point: 0x1ADE, position: 6 });
        assert_eq!(e.expected, "characters assigned in Unicode 15.0.0 (U+1ADE at character 6 is not)");
        // Invisible but assigned characters are values like any other (shown marked, never hidden).
        assert!(value_bytes("v", &SourceKind::Text, "\u{200B}03 14\u{200B}").is_ok());
    }

    #[test]
    fn counted_numbers_have_one_spelling() {
        let k = SourceKind::CountedNumbers { count: 6 };
        // What people type: commas, leading zeros, any order, extra spaces.
        for typed in ["3 14 15 22 35 41", "41, 35, 22, 15, 14, 03", " 03;14 ;15,22\t35  041 "] {
            assert_eq!(canonical_numbers("v", 6, typed).unwrap(), "3 14 15 22 35 41", "{typed:?}");
        }
        // Numeric, not textual, order; zero is "0"; duplicates are kept.
        assert_eq!(canonical_numbers("v", 4, "10 9 000 9").unwrap(), "0 9 9 10");
        assert_eq!(value_bytes("v", &k, "3 14 15 22 35 41").unwrap(), b"3 14 15 22 35 41");
        // The stored value must be the canonical form itself.
        for other in
            ["03 14 15 22 35 41", "3,14,15,22,35,41", "41 35 22 15 14 3", "3  14 15 22 35 41", " 3 14 15 22 35 41"]
        {
            let e = value_bytes("v", &k, other).unwrap_err();
            assert_eq!(e.kind, FieldKind::NumbersCanonical { canonical: "3 14 15 22 35 41".into() }, "{other:?}");
        }
        let e = canonical_numbers("v", 6, "3 14 15 22 35").unwrap_err();
        assert_eq!((e.kind, e.found.as_str()), (FieldKind::NumbersCount { count: 6 }, "5"));
        assert_eq!(canonical_numbers("v", 2, "1 2 3").unwrap_err().found, "3");
        for bad in ["3 -14", "3 1.5", "3 x", "3\u{200b} 4", "", "3 4e2"] {
            assert!(canonical_numbers("v", 2, bad).is_err(), "{bad:?}");
        }
        let long = "1".repeat(MAX_NUMBER_DIGITS);
        assert_eq!(canonical_numbers("v", 1, &format!("000{long}")).unwrap(), long);
        assert!(canonical_numbers("v", 1, &format!("{long}0")).is_err());
    }

    #[test]
    fn labels() {
        for ok in ["room", "lotto-2026-12-05", "a", "x.y_z"] {
            check_label("l", ok).unwrap();
        }
        for bad in ["", "Room", "-x", "a b", "é", &"a".repeat(65)] {
            assert!(check_label("l", bad).is_err(), "{bad}");
        }
    }
}
