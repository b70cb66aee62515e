//! UTC timestamps as RFC 3339 text with whole seconds and a 'Z' (SPEC §7.2),
//! without a date-time library: the civil-calendar conversion is 20 lines.

/// Seconds since 1970-01-01T00:00:00Z → "YYYY-MM-DDTHH:MM:SSZ".
pub fn format_utc(unix: u64) -> String {
    let days = (unix / 86_400) as i64;
    let secs = unix % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", secs / 3600, secs / 60 % 60, secs % 60)
}

/// Parses exactly the form [`format_utc`] writes, years 1970–9999.
pub fn parse_utc(text: &str) -> Option<u64> {
    let b = text.as_bytes();
    if b.len() != 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' || b[16] != b':' || b[19] != b'Z'
    {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u64> {
        let s = &text[r];
        s.bytes().all(|c| c.is_ascii_digit()).then(|| s.parse().ok())?
    };
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, s) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if y < 1970 || !(1..=12).contains(&mo) || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 || s > 59 {
        return None;
    }
    let days = days_from_civil(y as i64, mo as u32, d as u32);
    Some(days as u64 * 86_400 + h * 3600 + mi * 60 + s)
}

fn days_in_month(y: u64, m: u64) -> u64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Howard Hinnant's algorithms (public domain), proleptic Gregorian calendar.

/// Days since 1970-01-01 (negative before) as (year, month, day).
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// (year, month, day) as days since 1970-01-01: the inverse of [`civil_from_days`].
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_instants() {
        assert_eq!(format_utc(0), "1970-01-01T00:00:00Z");
        // drand quicknet genesis, as published in its /info: 1692803367.
        assert_eq!(format_utc(1_692_803_367), "2023-08-23T15:09:27Z");
        assert_eq!(format_utc(951_782_400), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn round_trips_and_refuses_bad_dates() {
        for t in [0, 951_782_400, 1_692_803_367, 4_102_444_799] {
            assert_eq!(parse_utc(&format_utc(t)), Some(t));
        }
        for bad in [
            "2026-02-29T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-01-01 00:00:00Z",
            "2026-01-01T24:00:00Z",
            "2026-01-01T00:00:00+01:00",
            "1969-12-31T23:59:59Z",
        ] {
            assert_eq!(parse_utc(bad), None, "{bad}");
        }
    }

    /// Instants computed independently with Python's `datetime`
    /// (`datetime.fromtimestamp(t, timezone.utc)`): edges of minutes, hours,
    /// days, leap days (1972, 2000, 2024; 2100 is not one), and random
    /// instants up to the end of year 9999.
    const PYTHON: [(u64, &str); 28] = [
        (0, "1970-01-01T00:00:00Z"),
        (59, "1970-01-01T00:00:59Z"),
        (60, "1970-01-01T00:01:00Z"),
        (3599, "1970-01-01T00:59:59Z"),
        (3600, "1970-01-01T01:00:00Z"),
        (86399, "1970-01-01T23:59:59Z"),
        (86400, "1970-01-02T00:00:00Z"),
        (68169600, "1972-02-29T00:00:00Z"),
        (946684799, "1999-12-31T23:59:59Z"),
        (946684800, "2000-01-01T00:00:00Z"),
        (951782400, "2000-02-29T00:00:00Z"),
        (951868800, "2000-03-01T00:00:00Z"),
        (1709164800, "2024-02-29T00:00:00Z"),
        (4107542400, "2100-03-01T00:00:00Z"),
        (4102444799, "2099-12-31T23:59:59Z"),
        (253402300799, "9999-12-31T23:59:59Z"),
        (108022074679, "5393-01-30T11:51:19Z"),
        (15680644176, "2466-11-24T22:29:36Z"),
        (223649410867, "9057-03-02T20:21:07Z"),
        (28071399467, "2859-07-19T10:57:47Z"),
        (160484411896, "7055-07-20T11:18:16Z"),
        (249357206645, "9871-10-25T18:44:05Z"),
        (58013994741, "3808-05-23T06:32:21Z"),
        (21635879128, "2655-08-13T06:25:28Z"),
        (113531643738, "5567-09-04T15:42:18Z"),
        (64724536207, "4021-01-14T13:50:07Z"),
        (150713464793, "6745-12-02T19:19:53Z"),
        (14708197926, "2436-01-31T18:32:06Z"),
    ];

    #[test]
    fn agrees_with_python_datetime() {
        for (t, text) in PYTHON {
            assert_eq!(format_utc(t), text, "{t}");
            assert_eq!(parse_utc(text), Some(t), "{text}");
        }
    }

    /// Every field one past its range, every separator, and the calendar.
    #[test]
    fn each_field_is_checked_at_its_edge() {
        assert!(parse_utc("2026-04-30T23:59:59Z").is_some());
        assert!(parse_utc("2100-02-28T00:00:00Z").is_some());
        for bad in [
            "2026-04-31T00:00:00Z",
            "2026-06-31T00:00:00Z",
            "2026-09-31T00:00:00Z",
            "2026-11-31T00:00:00Z",
            "2026-01-32T00:00:00Z",
            "2026-01-00T00:00:00Z",
            "2026-00-10T00:00:00Z",
            "2100-02-29T00:00:00Z",
            "2026-01-01T00:60:00Z",
            "2026-01-01T00:00:60Z",
            "2026-01-01T0a:00:00Z",
            "2026-01-01T+1:00:00Z",
            "2026/01-01T00:00:00Z",
            "2026-01/01T00:00:00Z",
            "2026-01-01T00-00:00Z",
            "2026-01-01T00:00-00Z",
            "2026-01-01T00:00:00z",
            "2026-01-01T00:00:00ZZ",
        ] {
            assert_eq!(parse_utc(bad), None, "{bad}");
        }
    }
}
