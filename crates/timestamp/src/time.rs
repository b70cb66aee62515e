//! genTime and certificate times as POSIX seconds (SPEC §18.2, §18.3).
//!
//! RFC 3161 §2.4.2 writes genTime as a GeneralizedTime in UTC, with
//! optional fractional seconds and no trailing zeros in them. `der` 0.7's
//! `GeneralizedTime` refuses the fraction, so the string is read here, by
//! the grammar of RFC 3161 and X.680, and each field is range-checked.
//! Certificates are judged at genTime's whole second (as `openssl ts
//! -verify -attime` does); the fraction is kept for published-before.

use std::fmt;

/// A token's genTime: POSIX seconds and the fraction in nanoseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GenTime {
    /// Seconds since 1970-01-01T00:00:00Z, leap seconds not counted.
    pub unix: i64,
    /// The fraction of the second, in nanoseconds (0 to 999,999,999).
    pub nanos: u32,
}

impl GenTime {
    /// Reads the content of a GeneralizedTime: `YYYYMMDDHHMMSS[.f+]Z`.
    pub(crate) fn parse(text: &[u8]) -> Option<GenTime> {
        let s = std::str::from_utf8(text).ok()?;
        let body = s.strip_suffix('Z')?;
        let (whole, fraction) = match body.split_once('.') {
            Some((w, f)) => (w, Some(f)),
            None => (body, None),
        };
        if whole.len() != 14 || !whole.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let num = |r: std::ops::Range<usize>| whole[r].parse::<u32>().ok();
        let (year, month, day) = (num(0..4)?, num(4..6)?, num(6..8)?);
        let (hour, minute, second) = (num(8..10)?, num(10..12)?, num(12..14)?);
        let nanos = match fraction {
            None => 0,
            // RFC 3161: no trailing zeros, and a fraction is never empty.
            Some(f) if f.is_empty() || f.ends_with('0') || !f.bytes().all(|b| b.is_ascii_digit()) => return None,
            Some(f) => {
                let digits: String = f.chars().take(9).collect();
                let scale = 10u32.pow(9 - digits.len() as u32);
                digits.parse::<u32>().ok()? * scale
            }
        };
        let days = days_from_civil(year, month, day)?;
        if hour > 23 || minute > 59 || second > 59 {
            return None;
        }
        let unix = days * 86_400 + i64::from(hour * 3600 + minute * 60 + second);
        Some(GenTime { unix, nanos })
    }
}

impl fmt::Display for GenTime {
    /// RFC 3339 UTC, with the fraction when there is one.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&rfc3339(self.unix))?;
        if self.nanos != 0 {
            let frac = format!("{:09}", self.nanos);
            write!(f, " (+0.{})", frac.trim_end_matches('0'))?;
        }
        Ok(())
    }
}

/// Days since 1970-01-01 of a valid Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: u32, month: u32, day: u32) -> Option<i64> {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let month_days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if !(1..=12).contains(&month) || day == 0 || day > month_days[(month - 1) as usize] {
        return None;
    }
    let (y, m, d) = (i64::from(year), i64::from(month), i64::from(day));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// POSIX seconds as RFC 3339 UTC, `YYYY-MM-DDTHH:MM:SSZ`.
pub fn rfc3339(unix: i64) -> String {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", secs / 3600, secs % 3600 / 60, secs % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_whole_and_fractional_seconds() {
        let t = GenTime::parse(b"20250509115855Z").unwrap();
        assert_eq!(t, GenTime { unix: 1_746_791_935, nanos: 0 });
        assert_eq!(rfc3339(t.unix), "2025-05-09T11:58:55Z");
        let t = GenTime::parse(b"20240229235959.125Z").unwrap();
        assert_eq!(rfc3339(t.unix), "2024-02-29T23:59:59Z");
        assert_eq!(t.nanos, 125_000_000);
    }

    #[test]
    fn refuses_what_rfc_3161_does_not_allow() {
        for bad in [
            &b"20250509115855"[..],
            b"20250509115855.Z",
            b"20250509115855.50Z",
            b"20250229115855Z",
            b"20251301115855Z",
            b"20250509245855Z",
            b"2025050911585Z",
            b"20250509115855+0100",
            b"2025-5-09115855Z",
        ] {
            assert_eq!(GenTime::parse(bad), None, "{}", String::from_utf8_lossy(bad));
        }
    }
}
