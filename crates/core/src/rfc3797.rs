//! The selection method of RFC 3797, "Publicly Verifiable Nominations
//! Committee (NomCom) Random Selection" (D. Eastlake 3rd, June 2004), §4,
//! for numeric sources, as specified in SPEC §12.
//!
//! 1. Key string (RFC 3797 §4): every source is a set of non-negative
//!    integers. Within a source the numbers are sorted from smallest to
//!    largest; each is written in decimal without leading zeros (a lone
//!    `0` for zero) followed by `.`; the source is terminated by `/`. The
//!    sources are concatenated in their announced order. The RFC 3797 §6
//!    example: sources `9319`, `2 5 12 8 10` and `9 18 26 34 41 45` give
//!    `9319./2.5.8.10.12./9.18.26.34.41.45./`.
//! 2. Values: for i = 0, 1, 2, …, MD5(u16be(i) ‖ key ‖ u16be(i)), read as a
//!    128-bit unsigned big-endian integer.
//! 3. Selection: value i modulo the number of items still in the list gives
//!    the 0-based position, in the remaining list (published order, picked
//!    items removed), of pick i. In the RFC's 1-based words: the remainder
//!    plus one.
//!
//! Alphanumeric and fractional sources, which RFC 3797 §4 discourages, are
//! not supported: a value that is not a list of decimal integers is refused.

use crate::error::{quote, FieldError, FieldKind};
use md5::{Digest, Md5};
use std::cmp::Ordering;

/// SPEC §12.1: at most this many picks. The RFC's 2-byte counter allows
/// 65,536; potdraw allows fewer so that a replay is bounded: with
/// [`MAX_KEY_BYTES`], a verification hashes at most
/// `MAX_PICKS × (MAX_KEY_BYTES + 4)` = 67,125,248 bytes of MD5 input.
pub const MAX_PICKS: u64 = 4096;
/// SPEC §12.1: the longest key string, in bytes (see [`MAX_PICKS`]).
pub const MAX_KEY_BYTES: usize = 16_384;
/// At most this many numbers in one source.
pub const MAX_NUMBERS: usize = 1000;
/// At most this many digits in one number.
pub const MAX_DIGITS: usize = 100;

/// Why a selection cannot run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rfc3797Error {
    #[error("{picks} picks requested but the pool has only {pool} items")]
    TooFewItems { picks: u64, pool: u64 },
    #[error("{picks} picks requested; potdraw's RFC 3797 method allows at most {MAX_PICKS}")]
    TooManyPicks { picks: u64 },
    #[error("a key string of {bytes} bytes; potdraw's RFC 3797 method allows at most {MAX_KEY_BYTES}")]
    KeyTooLong { bytes: usize },
}

/// SPEC §12.3: the numbers of one source value, as written: ASCII decimal
/// integers separated by single spaces (leading zeros allowed, as a lottery
/// may print them; they do not enter the key).
pub fn parse_numbers<'a>(field: &str, value: &'a str) -> Result<Vec<&'a str>, FieldError> {
    let kind = || FieldKind::Numbers { max_numbers: MAX_NUMBERS, max_digits: MAX_DIGITS };
    let numbers: Vec<&str> = value.split(' ').collect();
    if value.is_empty() || numbers.len() > MAX_NUMBERS {
        return Err(FieldError::typed(field, kind(), quote(value)));
    }
    for (i, n) in numbers.iter().enumerate() {
        if n.is_empty() || n.len() > MAX_DIGITS || !n.bytes().all(|b| b.is_ascii_digit()) {
            return Err(FieldError::typed(field, kind(), format!("{} (number {})", quote(n), i + 1)));
        }
    }
    Ok(numbers)
}

/// A number's decimal form without leading zeros ("0" for zero).
pub fn canonical(digits: &str) -> &str {
    let t = digits.trim_start_matches('0');
    if t.is_empty() {
        "0"
    } else {
        t
    }
}

/// Numeric order of canonical decimal strings.
fn numeric(a: &str, b: &str) -> Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

/// RFC 3797 §4 steps 1–2: one source's part of the key, e.g. `2.5.8.10.12./`.
pub fn source_key(numbers: &[&str]) -> String {
    let mut sorted: Vec<&str> = numbers.iter().map(|n| canonical(n)).collect();
    sorted.sort_by(|a, b| numeric(a, b));
    let mut s = String::new();
    for n in sorted {
        s.push_str(n);
        s.push('.');
    }
    s.push('/');
    s
}

/// RFC 3797 §4 step 3: the key string of all sources, in their announced order.
pub fn key(sources: &[Vec<&str>]) -> String {
    sources.iter().map(|s| source_key(s)).collect()
}

/// RFC 3797 §4: MD5(u16be(i) ‖ key ‖ u16be(i)).
pub fn value(key: &str, i: u16) -> [u8; 16] {
    let counter = i.to_be_bytes();
    let mut h = Md5::new();
    h.update(counter);
    h.update(key.as_bytes());
    h.update(counter);
    h.finalize().into()
}

/// One step of the selection, as the RFC's reference program prints it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// The counter i (0-based; the reference program prints i + 1).
    pub counter: u16,
    /// MD5(u16be(i) ‖ key ‖ u16be(i)).
    pub md5: [u8; 16],
    /// The number of items still in the list: the divisor.
    pub remaining: u64,
    /// The pick: a 0-based position in the original list.
    pub index: u64,
}

/// RFC 3797 §4: `picks` items from a list of `pool`, in pick order; the
/// limits of SPEC §12.1 bound its MD5 work.
pub fn select(key: &str, pool: u64, picks: u64) -> Result<Vec<Step>, Rfc3797Error> {
    if picks > MAX_PICKS {
        return Err(Rfc3797Error::TooManyPicks { picks });
    }
    if key.len() > MAX_KEY_BYTES {
        return Err(Rfc3797Error::KeyTooLong { bytes: key.len() });
    }
    if picks > pool {
        return Err(Rfc3797Error::TooFewItems { picks, pool });
    }
    // The remaining list only ever holds the first `picks` removals' worth of
    // change, so keep the removed positions instead of a copy of the pool.
    let mut removed: Vec<u64> = Vec::with_capacity(picks as usize);
    let mut steps = Vec::with_capacity(picks as usize);
    for i in 0..picks {
        let counter = i as u16; // i < 2^16, checked above
        let md5 = value(key, counter);
        let remaining = pool - i;
        let k = (u128::from_be_bytes(md5) % u128::from(remaining)) as u64;
        let index = nth_remaining(&removed, k);
        let at = removed.partition_point(|&r| r < index);
        removed.insert(at, index);
        steps.push(Step { counter, md5, remaining, index });
    }
    Ok(steps)
}

/// The k-th (0-based) position of 0, 1, 2, … that is not in `removed` (sorted).
fn nth_remaining(removed: &[u64], k: u64) -> u64 {
    let mut index = k;
    for &r in removed {
        if r <= index {
            index += 1;
        } else {
            break;
        }
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SPEC §12.3: at most MAX_NUMBERS numbers of at most MAX_DIGITS digits.
    #[test]
    fn numbers_are_limited_at_their_edges() {
        let numbers = |n: usize| vec!["7"; n].join(" ");
        assert_eq!(parse_numbers("v", &numbers(MAX_NUMBERS)).map(|v| v.len()), Ok(MAX_NUMBERS));
        assert!(parse_numbers("v", &numbers(MAX_NUMBERS + 1)).is_err());
        assert!(parse_numbers("v", "").is_err());
        let digits = |n: usize| "9".repeat(n);
        assert_eq!(parse_numbers("v", &digits(MAX_DIGITS)), Ok(vec![digits(MAX_DIGITS).as_str()]));
        assert!(parse_numbers("v", &digits(MAX_DIGITS + 1)).is_err());
        assert!(parse_numbers("v", "1  2").is_err(), "an empty number between two spaces");
    }

    #[test]
    fn numbers_are_strict() {
        assert_eq!(parse_numbers("v", "2 5 12 8 10").unwrap(), vec!["2", "5", "12", "8", "10"]);
        assert_eq!(parse_numbers("v", "09").unwrap(), vec!["09"]);
        for bad in ["", " 1", "1 ", "1  2", "1,2", "-1", "1.5", "x", "１"] {
            let e = parse_numbers("v", bad).unwrap_err();
            assert_eq!(e.field, "v", "{bad}");
        }
        assert!(parse_numbers("v", &"1".repeat(MAX_DIGITS + 1)).is_err());
    }

    #[test]
    fn key_sorts_numerically_and_drops_leading_zeros() {
        assert_eq!(source_key(&["2", "5", "12", "8", "10"]), "2.5.8.10.12./");
        assert_eq!(source_key(&["09", "0", "000", "100"]), "0.0.9.100./");
        assert_eq!(key(&[vec!["9319"], vec!["45", "9"]]), "9319./9.45./");
    }

    #[test]
    fn remaining_list_is_walked_in_order() {
        assert_eq!(nth_remaining(&[], 3), 3);
        assert_eq!(nth_remaining(&[0, 2], 0), 1);
        assert_eq!(nth_remaining(&[0, 2], 1), 3);
        assert_eq!(nth_remaining(&[5], 4), 4);
        assert_eq!(nth_remaining(&[5], 5), 6);
    }

    /// The remaining-list walk equals the literal "remove from a Vec" reading of the RFC.
    #[test]
    fn selection_equals_literal_list_removal() {
        let key = "1.2.3./";
        for pool in [1u64, 2, 7, 40] {
            let steps = select(key, pool, pool).unwrap();
            let mut list: Vec<u64> = (0..pool).collect();
            for s in &steps {
                let k = (u128::from_be_bytes(s.md5) % u128::from(list.len() as u64)) as usize;
                assert_eq!(list.remove(k), s.index);
            }
        }
        assert_eq!(select(key, 3, 4), Err(Rfc3797Error::TooFewItems { picks: 4, pool: 3 }));
        assert_eq!(select(key, 1 << 20, MAX_PICKS + 1), Err(Rfc3797Error::TooManyPicks { picks: MAX_PICKS + 1 }));
    }

    /// The bounds themselves are allowed: MAX_PICKS picks with a key of
    /// MAX_KEY_BYTES (the most MD5 work a replay may cost), and each item of
    /// a pool of exactly that size is picked once; one more of either is refused.
    #[test]
    fn exactly_the_limits_are_allowed() {
        let longest = format!("{}./", "1".repeat(MAX_KEY_BYTES - 2));
        let steps = select(&longest, MAX_PICKS, MAX_PICKS).unwrap();
        assert_eq!(steps.len() as u64, MAX_PICKS);
        assert_eq!(steps.last().unwrap().md5, value(&longest, (MAX_PICKS - 1) as u16));
        let mut seen = vec![false; MAX_PICKS as usize];
        for s in &steps {
            assert!(!std::mem::replace(&mut seen[s.index as usize], true), "picked twice: {}", s.index);
        }
        let too_long = format!("1{longest}");
        assert_eq!(select(&too_long, 10, 1), Err(Rfc3797Error::KeyTooLong { bytes: MAX_KEY_BYTES + 1 }));
        assert_eq!(select("1./", MAX_PICKS + 1, MAX_PICKS + 1), Err(Rfc3797Error::TooManyPicks { picks: 4097 }));
    }
}
