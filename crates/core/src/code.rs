//! Receipt codes: the salt written so a person can copy it from paper (SPEC §4.3).
//!
//! A code is the 16-byte salt as 26 Crockford base-32 digits followed by two
//! check digits, shown in seven groups of four: `0ABC-DEFG-…-WXYZ`.
//! The check value is (salt + commitment digest) mod 1021, read as big-endian
//! integers. 1021 is prime and larger than 31·32, so every single wrong
//! character and every swap of two neighbouring data characters changes the
//! check; and because the digest is mixed in, a code from another draw fails
//! the check too (1020 times in 1021), instead of reading as "not in the draw".

use crate::hash::Hash32;

/// Crockford's base-32 alphabet: no I, L, O or U.
pub const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// The check modulus: the largest prime below 32².
pub const CHECK_MODULUS: u32 = 1021;
const DATA_DIGITS: usize = 26;
const CODE_DIGITS: usize = 28;

/// Why a typed code cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("character {position} of the code is {found:?}, which is not used in codes (allowed: 0-9 and A-Z except I, L, O, U)")]
    BadCharacter { position: usize, found: char },
    #[error("the code has {found} characters; expected 28 (seven groups of four)")]
    Length { found: usize },
    #[error("the code is not valid: its first character must be a digit from 0 to 7")]
    Range,
    #[error("the code does not match this draw: it was mistyped, or it belongs to another draw")]
    Check,
}

/// A code read from text: the salt and the check value as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParsedCode {
    pub salt: [u8; 16],
    pub check: u32,
}

/// SPEC §4.3: the check value for a salt in a given draw.
pub fn check_value(salt: &[u8; 16], commitment_digest: &Hash32) -> u32 {
    let m = CHECK_MODULUS as u128;
    let mut d: u128 = 0;
    for &b in commitment_digest {
        d = (d * 256 + b as u128) % m;
    }
    ((u128::from_be_bytes(*salt) % m + d) % m) as u32
}

/// SPEC §4.3: the code for `salt` in the draw with this commitment digest.
pub fn encode(salt: &[u8; 16], commitment_digest: &Hash32) -> String {
    let mut digits = [0u8; CODE_DIGITS];
    let mut v = u128::from_be_bytes(*salt);
    for slot in digits[..DATA_DIGITS].iter_mut().rev() {
        *slot = ALPHABET[(v % 32) as usize];
        v /= 32;
    }
    let c = check_value(salt, commitment_digest);
    digits[26] = ALPHABET[(c / 32) as usize];
    digits[27] = ALPHABET[(c % 32) as usize];
    grouped(&digits)
}

/// SPEC §4.3: the 28 digits in seven groups of four joined by hyphens.
fn grouped(digits: &[u8; CODE_DIGITS]) -> String {
    let mut text = String::with_capacity(CODE_DIGITS + CODE_DIGITS / 4 - 1);
    for (i, group) in digits.chunks(4).enumerate() {
        if i > 0 {
            text.push('-');
        }
        text.push_str(std::str::from_utf8(group).expect("the alphabet is ASCII"));
    }
    text
}

/// Reads a code as a person may type it: any case, with or without the
/// hyphens or spaces, O for 0 and I or L for 1 (Crockford's rule).
pub fn parse(text: &str) -> Result<ParsedCode, CodeError> {
    let mut values = Vec::with_capacity(CODE_DIGITS);
    for (i, c) in text.trim().chars().enumerate() {
        let v = match c.to_ascii_uppercase() {
            '-' | ' ' => continue,
            'O' => 0,
            'I' | 'L' => 1,
            u if u.is_ascii() => match ALPHABET.iter().position(|&a| a as char == u) {
                Some(p) => p as u32,
                None => return Err(CodeError::BadCharacter { position: i + 1, found: c }),
            },
            _ => return Err(CodeError::BadCharacter { position: i + 1, found: c }),
        };
        values.push(v);
    }
    if values.len() != CODE_DIGITS {
        return Err(CodeError::Length { found: values.len() });
    }
    if values[0] > 7 {
        return Err(CodeError::Range);
    }
    let salt = values[..DATA_DIGITS].iter().fold(0u128, |acc, &v| (acc << 5) | v as u128);
    Ok(ParsedCode { salt: salt.to_be_bytes(), check: values[26] * 32 + values[27] })
}

/// Parses and checks a code against a draw; returns the salt.
pub fn parse_for_draw(text: &str, commitment_digest: &Hash32) -> Result<[u8; 16], CodeError> {
    let code = parse(text)?;
    if code.check != check_value(&code.salt, commitment_digest) {
        return Err(CodeError::Check);
    }
    Ok(code.salt)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const DIGEST: Hash32 = [0x11; 32];

    #[test]
    fn layout() {
        let code = encode(&[0; 16], &DIGEST);
        assert_eq!(code.len(), 34);
        assert!(code.starts_with("0000-0000-0000-0000-0000-0000-"));
        let code = encode(&[0xff; 16], &DIGEST);
        assert!(code.starts_with("7ZZZ-ZZZZ-"), "{code}");
    }

    #[test]
    fn lenient_reading() {
        let salt = *b"0123456789abcdef";
        let code = encode(&salt, &DIGEST);
        let sloppy = code.replace('-', " ").to_lowercase().replace('0', "o").replace('1', "l");
        assert_eq!(parse_for_draw(&sloppy, &DIGEST), Ok(salt));
        assert_eq!(parse("0000-U000"), Err(CodeError::BadCharacter { position: 6, found: 'U' }));
        assert_eq!(parse("0000-0000"), Err(CodeError::Length { found: 8 }));
        assert_eq!(parse(&format!("8{}", &code[1..])), Err(CodeError::Range));
    }

    #[test]
    fn letters_read_as_digits_and_other_characters_are_named() {
        let code = encode(&[0u8; 16], &DIGEST);
        assert!(code.starts_with("0000"));
        let typed = code.replacen('0', "O", 2).replacen('0', "o", 1);
        assert_eq!(parse(&typed), parse(&code));
        let salt = [0x21u8; 16];
        let code = encode(&salt, &DIGEST);
        assert!(code.contains('1'), "{code}");
        assert_eq!(parse_for_draw(&code.replace('1', "I"), &DIGEST), Ok(salt));
        assert_eq!(parse_for_draw(&code.replace('1', "l"), &DIGEST), Ok(salt));
        // A non-ASCII character is named by its position, counting every character typed.
        assert_eq!(parse("00-\u{e9}0"), Err(CodeError::BadCharacter { position: 4, found: '\u{e9}' }));
        assert_eq!(parse("\u{30a2}"), Err(CodeError::BadCharacter { position: 1, found: '\u{30a2}' }));
    }

    #[test]
    fn code_of_another_draw_fails_the_check() {
        let salt = [5u8; 16];
        assert_eq!(parse_for_draw(&encode(&salt, &[0x22; 32]), &DIGEST), Err(CodeError::Check));
    }

    proptest! {
        #[test]
        fn round_trip(salt in any::<[u8; 16]>(), digest in any::<[u8; 32]>()) {
            prop_assert_eq!(parse_for_draw(&encode(&salt, &digest), &digest), Ok(salt));
        }

        #[test]
        fn every_single_substitution_is_caught(salt in any::<[u8; 16]>(), pos in 0usize..28, delta in 1u8..32) {
            let code: Vec<u8> = encode(&salt, &DIGEST).bytes().filter(|&b| b != b'-').collect();
            let mut typo = code.clone();
            let v = ALPHABET.iter().position(|&a| a == code[pos]).unwrap();
            typo[pos] = ALPHABET[(v + delta as usize) % 32];
            let text = String::from_utf8(typo).unwrap();
            prop_assert!(parse_for_draw(&text, &DIGEST).is_err());
        }

        #[test]
        fn every_neighbour_swap_in_the_data_is_caught(salt in any::<[u8; 16]>(), pos in 0usize..25) {
            let code: Vec<u8> = encode(&salt, &DIGEST).bytes().filter(|&b| b != b'-').collect();
            prop_assume!(code[pos] != code[pos + 1]);
            let mut typo = code.clone();
            typo.swap(pos, pos + 1);
            let text = String::from_utf8(typo).unwrap();
            prop_assert!(parse_for_draw(&text, &DIGEST).is_err());
        }
    }
}
