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
/// SPEC §5.1, §7.7: the most sources a plan may announce. A real plan has
/// one to four; the limit keeps every per-source loop of a verifier small.
pub const MAX_PLAN_SOURCES: usize = 64;
/// SPEC §7.7: NFC shrinks UTF-8 at most 3.5 times (U+1FBE U+0308 U+0301,
/// 7 bytes, becomes U+0390, 2 bytes; a test measures the bound over every
/// code point), so a text value longer than this before normalisation is
/// longer than [`MAX_TEXT_BYTES`] after it: it is refused without spending
/// time on normalising it (canonical reordering is quadratic in some
/// normalisers).
pub const MAX_RAW_TEXT_BYTES: usize = 4 * MAX_TEXT_BYTES;

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
/// text: non-empty, at most 4096 bytes, no control characters, contributed as UTF-8 of its NFC form
/// (above [`MAX_RAW_TEXT_BYTES`] before NFC, refused without normalising: the same outcome, §7.7);
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
            if value.len() > MAX_RAW_TEXT_BYTES {
                return Err(FieldError::typed(field, FieldKind::Text { max: MAX_TEXT_BYTES }, quote(value)));
            }
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

    /// SPEC §7.7: the bound behind [`MAX_RAW_TEXT_BYTES`], measured over
    /// every code point with the normaliser potdraw uses. NFC(s) is the
    /// composition of NFD(s); each output code point y is made of the NFD
    /// code points of its own full decomposition, and each of those comes
    /// from one input code point c, whose bytes are shared among the code
    /// points of NFD(c). Charging every NFD code point z at most
    /// `w(z) = max |c| / |NFD(c)|` input bytes per byte, over the c whose
    /// NFD holds z (c = z included), gives |s| ≤ max_y (Σ |z|·w(z)) / |y| × |NFC(s)|.
    #[test]
    fn nfc_shrinks_utf8_at_most_three_and_a_half_times() {
        use unicode_normalization::char::decompose_canonical;
        let nfd = |c: char| {
            let mut d = Vec::new();
            decompose_canonical(c, |z| d.push(z));
            d
        };
        let all = || (0..=0x10ffff_u32).filter_map(char::from_u32);
        let mut w = std::collections::HashMap::<char, f64>::new();
        let mut shrink: f64 = 1.0;
        for c in all() {
            let d = nfd(c);
            let r = c.len_utf8() as f64 / d.iter().map(|z| z.len_utf8()).sum::<usize>() as f64;
            shrink = shrink.max(r);
            if r > 1.0 {
                for z in d {
                    let e = w.entry(z).or_insert(1.0);
                    *e = e.max(r);
                }
            }
        }
        let mut bound: f64 = 1.0;
        for y in all() {
            let d = nfd(y);
            // (A code point that is its own NFD and is charged 1 per byte gives 1.)
            if (d == [y] && !w.contains_key(&y)) || !unicode_normalization::is_nfc(y.encode_utf8(&mut [0; 4])) {
                continue; // (or never in an NFC string)
            }
            let charged: f64 = d.iter().map(|z| z.len_utf8() as f64 * w.get(z).copied().unwrap_or(1.0)).sum();
            bound = bound.max(charged / y.len_utf8() as f64);
        }
        // One code point alone: at most 3 (U+212A KELVIN SIGN, 3 bytes, is "K").
        assert_eq!(shrink, 3.0);
        // A whole string: at most 3.5, reached by U+1FBE U+0308 U+0301 (7 bytes) → U+0390 (2 bytes).
        assert_eq!(nfc("\u{1fbe}\u{308}\u{301}"), "\u{390}");
        // (The bound is exactly what the witness reaches: the argument is tight.)
        assert!((bound - 3.5).abs() < 1e-9, "NFC may shrink UTF-8 {bound} times");
        assert!(4 * MAX_TEXT_BYTES == MAX_RAW_TEXT_BYTES && bound < 4.0);
        // So the worst case just above the raw limit is refused with or without the early refusal.
        let worst = "\u{1fbe}\u{308}\u{301}".repeat(MAX_RAW_TEXT_BYTES / 7 + 1);
        assert!(worst.len() > MAX_RAW_TEXT_BYTES && nfc(&worst).len() > MAX_TEXT_BYTES);
    }

    /// SPEC §7.7: a long value is refused before it is normalised. Marks of
    /// alternating combining classes make canonical reordering quadratic in
    /// some normalisers; 1 MB of them is refused at once.
    #[test]
    fn long_text_values_are_refused_before_normalisation() {
        let k = SourceKind::Text;
        let marks = format!("a{}", "\u{301}\u{316}".repeat(250_000));
        let e = value_bytes("v", &k, &marks).unwrap_err();
        assert_eq!((e.field.as_str(), e.kind.clone()), ("v", FieldKind::Text { max: MAX_TEXT_BYTES }));
        assert!(e.found.ends_with("… (500001 characters)"), "{}", e.found);
        // Below the raw limit a value is judged on its NFC bytes: 1365 Hangul
        // syllables typed as jamo (12,285 bytes) are 4095 bytes in NFC, accepted;
        // one more syllable makes 4098, refused.
        let jamo = |n: usize| "\u{1100}\u{1161}\u{11a8}".repeat(n);
        assert_eq!(value_bytes("v", &k, &jamo(1365)).unwrap().len(), 4095);
        assert!(value_bytes("v", &k, &jamo(1366)).is_err());
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
