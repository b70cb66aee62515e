//! Times as a Dutch organiser types and reads them (issue 28).
//!
//! WHY: a drand round's time had to be typed in UTC (`2026-12-12T19:45:00Z`)
//! with no hint that 19:45Z is 20:45 in the Netherlands in winter; an
//! organiser who typed 20:45Z got a round an hour after the evening. So a
//! time without a zone is read as Europe/Amsterdam, summer time included
//! (jiff, with its own copy of the tz database, so every machine reads it
//! alike), and every time shown to a person is local: "zaterdag 12 december
//! 2026, 20.45 uur". A time with `Z` (or an offset) is read as written.
//! Documents keep UTC, as SPEC §7.2 and §13 say: only what a person types
//! and reads changes.

use crate::i18n::Lang;
use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use jiff::Timestamp;

/// The zone of the people potdraw is for.
const ZONE: &str = "Europe/Amsterdam";

fn zone() -> TimeZone {
    // The bundled database always holds it; UTC only if a build lacks it.
    TimeZone::get(ZONE).unwrap_or(TimeZone::UTC)
}

/// Seconds since 1970 of a time as typed: RFC 3339 with `Z` or an offset
/// (`2026-12-12T19:45:00Z`), or a local time in the Netherlands without a
/// zone, day first or year first, `T` or a space, `:` or `.` between hours
/// and minutes (`2026-12-12 20:45`, `12-12-2026 20.45`, `12-12-2026 20:45:00`).
/// A local time that does not exist (the hour skipped in spring) or exists
/// twice (the hour repeated in autumn) is `None`: the organiser must say
/// which, with an offset.
pub fn parse(text: &str) -> Option<u64> {
    let t = text.trim();
    if let Ok(ts) = t.parse::<Timestamp>() {
        return u64::try_from(ts.as_second()).ok();
    }
    let (date, time) = t.split_once(['T', ' '])?;
    let date = crate::ops::amendments::date_as_written(date)?;
    let time = time.trim().replace('.', ":");
    let time = if time.matches(':').count() == 1 { format!("{time}:00") } else { time };
    let civil: DateTime = format!("{date}T{time}").parse().ok()?;
    // `compatible` would guess in the gap and the fold; refuse them instead.
    let zoned = zone().to_ambiguous_zoned(civil).unambiguous().ok()?;
    u64::try_from(zoned.timestamp().as_second()).ok()
}

/// A moment as a person in the Netherlands reads it: "zaterdag 12 december
/// 2026, 20.45 uur" / "Saturday 12 December 2026, 20:45 (Dutch time)".
pub fn show(lang: Lang, seconds: u64) -> String {
    let Ok(ts) = Timestamp::from_second(i64::try_from(seconds).unwrap_or(i64::MAX)) else {
        return potdraw_core::time::format_utc(seconds);
    };
    let z = ts.to_zoned(zone());
    let weekday = lang.t(&format!("time.weekday.{}", z.weekday().to_monday_one_offset()), &[]);
    let month = lang.t(&format!("time.month.{}", z.month()), &[]);
    crate::t!(
        lang,
        "time.moment",
        weekday = weekday,
        day = z.day(),
        month = month,
        year = z.year(),
        hour = format!("{:02}", z.hour()),
        minute = format!("{:02}", z.minute())
    )
}

/// A calendar date of a document (`2026-12-15`, as SPEC §15 keeps it) as a
/// person reads it: "15 december 2026" / "15 December 2026" (issue 28). A
/// date is a day, not a moment, so no zone is involved. Text that is not
/// such a date is returned as it is.
pub fn day(lang: Lang, iso: &str) -> String {
    match iso.parse::<jiff::civil::Date>() {
        Ok(d) if iso.len() == 10 => {
            let month = lang.t(&format!("time.month.{}", d.month()), &[]);
            crate::t!(lang, "time.day", day = d.day(), month = month, year = d.year())
        }
        _ => iso.to_string(),
    }
}

/// A moment of a document, written in UTC (`2026-12-07T06:43:09Z`, SPEC
/// §7.2), as a person reads it ([`show`]); text that is not such a moment is
/// returned as it is.
pub fn show_utc(lang: Lang, utc: &str) -> String {
    potdraw_core::time::parse_utc(utc).map_or_else(|| utc.to_string(), |t| show(lang, t))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 28: winter and summer time, the forms a Dutch organiser types,
    /// and the hour that does not exist or exists twice.
    #[test]
    fn local_times_in_winter_and_summer() {
        let utc = |s: &str| potdraw_core::time::parse_utc(s).unwrap();
        // Winter: UTC+1.
        assert_eq!(parse("2026-12-12 20:45"), Some(utc("2026-12-12T19:45:00Z")));
        assert_eq!(parse("12-12-2026 20.45"), Some(utc("2026-12-12T19:45:00Z")));
        assert_eq!(parse("12-12-2026T20:45:00"), Some(utc("2026-12-12T19:45:00Z")));
        // Summer: UTC+2.
        assert_eq!(parse("2026-07-04 20:45"), Some(utc("2026-07-04T18:45:00Z")));
        // Written with a zone: as written.
        assert_eq!(parse("2026-12-12T20:45:00Z"), Some(utc("2026-12-12T20:45:00Z")));
        assert_eq!(parse("2026-12-12T20:45:00+01:00"), Some(utc("2026-12-12T19:45:00Z")));
        // 29 March 2026, 02:30 does not exist; 25 October 2026, 02:30 happens twice.
        assert_eq!(parse("2026-03-29 02:30"), None);
        assert_eq!(parse("2026-10-25 02:30"), None);
        for bad in ["", "20:45", "2026-12-12", "morgen 20.45", "2026-13-01 10:00", "31-11-2026 10:00"] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn moments_are_shown_in_dutch_time() {
        let nl = Lang::from_code("nl").unwrap();
        let en = Lang::from_code("en").unwrap();
        let winter = potdraw_core::time::parse_utc("2026-12-12T19:45:00Z").unwrap();
        assert_eq!(show(nl, winter), "zaterdag 12 december 2026, 20.45 uur");
        assert_eq!(show(en, winter), "Saturday 12 December 2026, 20:45 (Dutch time)");
        let summer = potdraw_core::time::parse_utc("2026-07-04T18:45:00Z").unwrap();
        assert_eq!(show(nl, summer), "zaterdag 4 juli 2026, 20.45 uur");
        assert_eq!(show_utc(nl, "2026-12-12T19:45:00Z"), "zaterdag 12 december 2026, 20.45 uur");
        assert_eq!(show_utc(nl, "gisteren"), "gisteren");
    }

    /// A record's date as people read it; anything else as it is.
    #[test]
    fn days_are_shown_as_people_read_them() {
        let nl = Lang::from_code("nl").unwrap();
        let en = Lang::from_code("en").unwrap();
        assert_eq!(day(nl, "2026-12-15"), "15 december 2026");
        assert_eq!(day(en, "2026-12-15"), "15 December 2026");
        assert_eq!(day(nl, "2027-03-01"), "1 maart 2027");
        for odd in ["2026-02-30", "15-12-2026", "", "2026-12-15T00:00:00Z"] {
            assert_eq!(day(nl, odd), odd);
        }
    }
}
