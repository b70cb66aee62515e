//! Amounts of money: integer euro cents everywhere (SPEC §7.2), parsed from
//! what an organiser types and formatted for people to read.

/// Largest amount in cents, so every amount stays an exact JSON integer (below 2^53).
pub const MAX_CENTS: u64 = (1 << 53) - 1;

/// Why an amount could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected an amount in euros such as 60000 or 60000.50 (digits, at most two decimals after a '.', no thousands separators), found {found:?}")]
pub struct AmountError {
    pub found: String,
}

/// Parses "60000", "60000.5" or "60000.50" exactly into cents.
pub fn parse_euros(text: &str) -> Result<u64, AmountError> {
    let err = || AmountError { found: text.to_string() };
    let t = text.trim();
    let t = t.strip_prefix('€').map(str::trim).unwrap_or(t);
    let (whole, frac) = match t.split_once('.') {
        Some((w, f)) => (w, f),
        None => (t, ""),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || (t.contains('.') && !digits(frac)) || frac.len() > 2 {
        return Err(err());
    }
    let euros: u64 = whole.parse().map_err(|_| err())?;
    let mut cents: u64 = if frac.is_empty() { 0 } else { frac.parse().map_err(|_| err())? };
    if frac.len() == 1 {
        cents *= 10;
    }
    let total = euros.checked_mul(100).and_then(|c| c.checked_add(cents)).ok_or_else(err)?;
    if total > MAX_CENTS {
        return Err(err());
    }
    Ok(total)
}

/// "€ 12,000.00" style for English text.
pub fn format_en(cents: u64) -> String {
    format!("€ {}.{:02}", group(cents / 100, ","), cents % 100)
}

/// "€ 12.000,00" style for Dutch text.
pub fn format_nl(cents: u64) -> String {
    format!("€ {},{:02}", group(cents / 100, "."), cents % 100)
}

/// `n` in decimal with `sep` between groups of three digits: 1,000,000.
pub fn group(mut n: u64, sep: &str) -> String {
    let mut parts = Vec::new();
    loop {
        if n < 1000 {
            parts.push(n.to_string());
            break;
        }
        parts.push(format!("{:03}", n % 1000));
        n /= 1000;
    }
    parts.reverse();
    parts.join(sep)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_exact_cents() {
        assert_eq!(parse_euros("60000"), Ok(6_000_000));
        assert_eq!(parse_euros("60000.5"), Ok(6_000_050));
        assert_eq!(parse_euros("60000.50"), Ok(6_000_050));
        assert_eq!(parse_euros("0.07"), Ok(7));
        assert_eq!(parse_euros("€ 12"), Ok(1200));
        // The largest amount is 2^53 - 1 cents, exactly.
        assert_eq!(parse_euros("90071992547409.91"), Ok(9_007_199_254_740_991));
        assert!(parse_euros("90071992547409.92").is_err());
        for bad in ["", "60.000,00", "60,000", "-5", "1.234", "1.", ".5", "1e5", "99999999999999999"] {
            assert!(parse_euros(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn formats_both_languages() {
        assert_eq!(format_en(1_200_000), "€ 12,000.00");
        assert_eq!(format_nl(1_200_050), "€ 12.000,50");
        assert_eq!(format_nl(5), "€ 0,05");
        assert_eq!(format_en(100_000_000_000), "€ 1,000,000,000.00");
    }
}
