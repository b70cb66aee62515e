//! Amounts as a treasurer types them (issue 28): `108000`, `108000,00`,
//! `108.000,00`, `€ 108.000` and the English `108,000.00` are all
//! € 108.000,00; a form that reads two ways is refused with both readings.
//!
//! WHY refuse rather than guess: `108.000` is one hundred and eight thousand
//! euros to a Dutch reader and one hundred and eight euros to an English one;
//! a pot read the wrong way pays a thousand times too few or too many grants
//! and the commitment fixes it for good. Only a separator followed by exactly
//! three digits, once, is ambiguous: with two or more of them (`1.080.000`)
//! they can only group thousands, with both separators the last one is the
//! decimal one, and one or two digits after a separator are cents. With a
//! euro sign (`€ 108.000`) the text is money, and money has two digits of
//! cents in either language, so three digits after the one separator group
//! thousands there (issue 28). The value
//! that reaches the commitment is one integer of cents (SPEC §7.2), so the
//! typed spelling never reaches a document.

use potdraw_core::money::MAX_CENTS;

/// Why a typed amount cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error("not an amount in euros")]
    Syntax,
    /// `108.000` or `108,000`: `thousands` cents read with the separator
    /// grouping thousands, `decimal` cents read with it before the cents.
    #[error("ambiguous: {thousands} or {decimal} cents")]
    Ambiguous { thousands: u64, decimal: u64 },
}

/// The amount in cents of `text`, as a person writes euros in Dutch or English.
pub fn parse(text: &str) -> Result<u64, AmountError> {
    let t = text.trim();
    let euro = t.starts_with('€') || t.ends_with('€');
    let t = t.strip_prefix('€').or_else(|| t.strip_suffix('€')).unwrap_or(t).trim();
    // `108.000,-`: the Dutch way to say "no cents", so its points group thousands.
    if let Some(whole) = t.strip_suffix(",-") {
        let groups: Vec<&str> = whole.split('.').collect();
        let ok = (1..=3).contains(&groups[0].len()) || groups.len() == 1;
        if !ok || groups[1..].iter().any(|g| g.len() != 3) {
            return Err(AmountError::Syntax);
        }
        return to_cents(&groups.concat(), "");
    }
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',') {
        return Err(AmountError::Syntax);
    }
    let seps: Vec<(usize, u8)> = t.bytes().enumerate().filter(|(_, b)| !b.is_ascii_digit()).collect();
    let (whole, cents) = match seps.as_slice() {
        [] => (t.to_string(), ""),
        // One separator: cents after it (one or two digits), or, with three
        // digits after it, thousands; when the three end in 0 it reads as
        // cents too (`108.000` is € 108.000,00 or € 108,00): ambiguous,
        // unless a euro sign says it is money (`€ 108.000`).
        [(at, _)] => {
            let (w, f) = (&t[..*at], &t[at + 1..]);
            match f.len() {
                1 | 2 => (w.to_string(), f),
                3 if (1..=3).contains(&w.len()) => {
                    let thousands = to_cents(&format!("{w}{f}"), "")?;
                    if f.ends_with('0') && !euro {
                        let decimal = to_cents(w, &f[..2])?;
                        return Err(AmountError::Ambiguous { thousands, decimal });
                    }
                    return Ok(thousands);
                }
                _ => return Err(AmountError::Syntax),
            }
        }
        _ => {
            let last = seps[seps.len() - 1];
            let grouping = seps[0].1;
            // With both kinds the last is the decimal separator; with one kind they all group.
            let (groups_end, cents) = if last.1 != grouping { (last.0, &t[last.0 + 1..]) } else { (t.len(), "") };
            if seps[..seps.len() - usize::from(last.1 != grouping)].iter().any(|(_, b)| *b != grouping) {
                return Err(AmountError::Syntax);
            }
            let groups: Vec<&str> = t[..groups_end].split(grouping as char).collect();
            let first_ok = (1..=3).contains(&groups[0].len());
            if !first_ok || groups[1..].iter().any(|g| g.len() != 3) {
                return Err(AmountError::Syntax);
            }
            (groups.concat(), cents)
        }
    };
    to_cents(&whole, cents)
}

/// Whole euros and zero, one or two digits of cents, within the limit.
fn to_cents(whole: &str, cents: &str) -> Result<u64, AmountError> {
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(cents) || cents.len() > 2 {
        return Err(AmountError::Syntax);
    }
    let euros: u64 = whole.parse().map_err(|_| AmountError::Syntax)?;
    let c: u64 = if cents.is_empty() { 0 } else { cents.parse().map_err(|_| AmountError::Syntax)? };
    let c = if cents.len() == 1 { c * 10 } else { c };
    let total = euros.checked_mul(100).and_then(|e| e.checked_add(c)).ok_or(AmountError::Syntax)?;
    if total > MAX_CENTS {
        return Err(AmountError::Syntax);
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every accepted form, and what it is (issue 28's table).
    #[test]
    fn accepted_forms() {
        for (typed, cents) in [
            ("108000", 10_800_000),
            ("108000,00", 10_800_000),
            ("108000.00", 10_800_000),
            ("108.000,00", 10_800_000),
            ("108,000.00", 10_800_000),
            ("€ 108.000,00", 10_800_000),
            ("€108000", 10_800_000),
            ("€ 108.000", 10_800_000),
            ("€ 108,000", 10_800_000),
            ("€ 12.500", 1_250_000),
            ("108.000 €", 10_800_000),
            ("108.000,-", 10_800_000),
            ("1.080.000", 108_000_000),
            ("1,080,000", 108_000_000),
            ("60000.50", 6_000_050),
            ("60000,5", 6_000_050),
            ("12.000,5", 1_200_050),
            ("0", 0),
            // Three digits not ending in 0 cannot be cents: only thousands.
            ("1.234", 123_400),
            ("1,234", 123_400),
            (" 65000 ", 6_500_000),
        ] {
            assert_eq!(parse(typed), Ok(cents), "{typed:?}");
        }
    }

    #[test]
    fn ambiguous_forms_name_both_readings() {
        assert_eq!(parse("108.000"), Err(AmountError::Ambiguous { thousands: 10_800_000, decimal: 10_800 }));
        assert_eq!(parse("108,000"), Err(AmountError::Ambiguous { thousands: 10_800_000, decimal: 10_800 }));
        assert_eq!(parse("108.500"), Err(AmountError::Ambiguous { thousands: 10_850_000, decimal: 10_850 }));
    }

    #[test]
    fn refused_forms() {
        for typed in [
            "",
            "€",
            "abc",
            "108.00.00",
            "10.8000",
            "1.08.000",
            "108.000.00,0",
            "1,000.000,00",
            "108000,000",
            "108,000.123",
            "-5",
            "1e5",
            "108 000",
            "12.000,123",
            ".50",
            "50.",
        ] {
            assert!(matches!(parse(typed), Err(AmountError::Syntax)), "{typed:?}: {:?}", parse(typed));
        }
    }
}
