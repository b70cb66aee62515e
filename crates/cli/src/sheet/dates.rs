//! A date cell as the sheet shows it (issue 28): `13-03-2024`, not the
//! `2024-03-13` of the value underneath.
//!
//! A date in a spreadsheet is a number (`.xlsx`, `.xls`: days since
//! 1899-12-30) or a date value (`.ods`) shown through a number format:
//! an Excel format code (`[$-413]dd/mm/yyyy`, read from styles.xml or the
//! FORMAT records) or an OpenDocument `number:date-style`. This module
//! reads the common day, month, year and time parts of both into one
//! [`Format`] and renders a [`Moment`] through it.
//!
//! Nothing is guessed. What a format shows may depend on the language of
//! the program showing it: in an Excel code `/` is the date separator of
//! the format's language (`-` in Dutch, so `[$-413]dd/mm/yyyy` shows
//! `13-03-2024`), `mmmm` a month's name, and the built-in format 14 (short
//! date) is whatever the reader's machine calls a short date. These are
//! rendered only when the language is known, from the format itself
//! (`[$-413]`, `number:language`) or, for built-in formats, from the file
//! (`dc:language` of an `.xlsx`); else, and for every part not read here
//! (elapsed hours, fractions of a second, eras, quarters, conditions), the
//! cell reads as ISO 8601 (`2024-03-13`), as before issue 28: never a
//! day-first date read month-first.

/// A date and time of day, as a cell holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
}

impl Moment {
    /// An Excel serial (days since 1899-12-30, the 1900 date system), from
    /// 1900-03-01 (serial 61; before it Excel counts a 29 February 1900
    /// that never was) to 9999-12-31; the time rounded to the second.
    pub fn from_serial(serial: f64) -> Option<Moment> {
        if !(61.0..2_958_466.0).contains(&serial) {
            return None;
        }
        let secs = (serial * 86_400.0).round() as i64;
        let (days, secs) = (secs.div_euclid(86_400), secs.rem_euclid(86_400) as u32);
        let (year, month, day) = potdraw_core::time::civil_from_days(days - 25_569);
        Some(Moment { year, month, day, hour: secs / 3600, minute: secs / 60 % 60, second: secs % 60 })
    }

    /// An OpenDocument date value: `2024-03-13` or `2024-03-13T19:30:00`
    /// (a fraction of a second is dropped).
    pub fn from_iso(text: &str) -> Option<Moment> {
        let (date, time) = text.split_once('T').unwrap_or((text, ""));
        let mut d = date.splitn(3, '-');
        let year: i64 = d.next()?.parse().ok()?;
        let month: u32 = d.next()?.parse().ok()?;
        let day: u32 = d.next()?.parse().ok()?;
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return None;
        }
        let mut m = Moment { year, month, day, hour: 0, minute: 0, second: 0 };
        if !time.is_empty() {
            let time = time.trim_end_matches('Z');
            let time = time.split('.').next()?;
            let mut t = time.splitn(3, ':');
            m.hour = t.next()?.parse().ok()?;
            m.minute = t.next()?.parse().ok()?;
            m.second = t.next().unwrap_or("0").parse().ok()?;
            if m.hour > 23 || m.minute > 59 || m.second > 60 {
                return None;
            }
        }
        Some(m)
    }

    /// Monday 0 … Sunday 6.
    fn weekday(&self) -> usize {
        // Days since 1970-01-01, a Thursday.
        let days = potdraw_core::time::days_from_civil(self.year, self.month, self.day);
        (days + 3).rem_euclid(7) as usize
    }
}

/// A language (and country) a format is shown in; only those whose date
/// display is known here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locale {
    /// Dutch, the Netherlands: date separator `-`, short date `d-m-yyyy`.
    NlNl,
    /// Dutch, Belgium: date separator `/`, short date `d/mm/yyyy`.
    NlBe,
    /// Dutch, country not said: names known, separator not.
    Nl,
    /// English, United States: `/`, short date `m/d/yyyy`.
    EnUs,
    /// English, United Kingdom: `/`, short date `dd/mm/yyyy`.
    EnGb,
    /// English, country not said.
    En,
}

impl Locale {
    /// From a language tag: `nl-NL`, `nl_NL`, `en-US`, `nl`.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let tag = tag.trim().replace('_', "-").to_ascii_lowercase();
        let (lang, country) = tag.split_once('-').unwrap_or((&tag, ""));
        Locale::from_parts(lang, country)
    }

    /// From an OpenDocument `number:language` and `number:country`.
    pub fn from_parts(language: &str, country: &str) -> Option<Locale> {
        Some(match (language.to_ascii_lowercase().as_str(), country.to_ascii_uppercase().as_str()) {
            ("nl", "NL") => Locale::NlNl,
            ("nl", "BE") => Locale::NlBe,
            ("nl", _) => Locale::Nl,
            ("en", "US") => Locale::EnUs,
            ("en", "GB") => Locale::EnGb,
            ("en", _) => Locale::En,
            _ => return None,
        })
    }

    /// From a Windows locale id, as in `[$-413]` (hexadecimal).
    fn from_lcid(hex: &str) -> Option<Locale> {
        // The low 16 bits name the language and country; above them a calendar or digits.
        let id = u32::from_str_radix(hex, 16).ok()? & 0xFFFF;
        Some(match id {
            0x0413 => Locale::NlNl,
            0x0813 => Locale::NlBe,
            0x0013 => Locale::Nl,
            0x0409 => Locale::EnUs,
            0x0809 => Locale::EnGb,
            0x0009 => Locale::En,
            _ => return None,
        })
    }

    fn dutch(self) -> bool {
        matches!(self, Locale::NlNl | Locale::NlBe | Locale::Nl)
    }

    /// What `/` in an Excel code shows.
    fn date_separator(self) -> Option<&'static str> {
        match self {
            Locale::NlNl => Some("-"),
            Locale::NlBe | Locale::EnUs | Locale::EnGb => Some("/"),
            Locale::Nl | Locale::En => None,
        }
    }

    /// Excel's built-in format 14 (short date), as Excel shows it in this locale.
    fn short_date(self) -> Option<&'static str> {
        match self {
            Locale::NlNl => Some("d-m-yyyy"),
            Locale::NlBe => Some("d/mm/yyyy"),
            Locale::EnUs => Some("m/d/yyyy"),
            Locale::EnGb => Some("dd/mm/yyyy"),
            Locale::Nl | Locale::En => None,
        }
    }
}

const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_NL_SHORT: [&str; 12] =
    ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const DAYS_NL: [&str; 7] = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"];
const DAYS_NL_SHORT: [&str; 7] = ["ma", "di", "wo", "do", "vr", "za", "zo"];
const DAYS_EN: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// One part of a date format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Text(String),
    /// Excel's `/`: the date separator of the format's language.
    DateSeparator,
    /// Day of the month, at least this many digits (1 or 2).
    Day(u8),
    /// Name of the weekday, in full or short.
    Weekday {
        full: bool,
    },
    /// Month: 1 or 2 digits at least, 3 its short name, 4 its name, 5 its first letter.
    Month(u8),
    /// Year: 2 or 4 digits.
    Year(u8),
    Hour(u8),
    Minute(u8),
    Second(u8),
    /// AM or PM (and hours from 1 to 12).
    AmPm,
}

/// A date format read: its parts and the language it is shown in, if known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Format {
    pub parts: Vec<Part>,
    pub locale: Option<Locale>,
}

/// Excel's built-in date and time formats that are the same in every
/// language (ECMA-376 §18.8.30), by id; 14 and 22 (short date, and with
/// the time) follow the reader's machine and are `#14` and `#22`.
pub fn builtin(id: u32) -> Option<&'static str> {
    Some(match id {
        14 => "#14",
        15 => "d-mmm-yy",
        16 => "d-mmm",
        17 => "mmm-yy",
        18 => "h:mm AM/PM",
        19 => "h:mm:ss AM/PM",
        20 => "h:mm",
        21 => "h:mm:ss",
        22 => "#22",
        45 => "mm:ss",
        46 => "[h]:mm:ss",
        47 => "mmss.0",
        _ => return None,
    })
}

/// An Excel number format code read as a date format, in the language of
/// its `[$-LCID]` tag, else `file`'s; `None` when it is no date format or
/// one with a part not read here. `#14` and `#22` are the built-in short
/// date (with `h:mm` for 22) in the file's language.
pub fn excel(code: &str, file: Option<Locale>) -> Option<Format> {
    match code {
        "#14" => return excel(file?.short_date()?, file),
        "#22" => return excel(&format!("{} h:mm", file?.short_date()?), file),
        _ => {}
    }
    let chars: Vec<char> = code.chars().collect();
    let mut parts = Vec::new();
    let mut locale = None;
    let mut i = 0;
    // Month or minute (`m`, `mm`) is decided once the parts around it are known.
    let mut ambiguous: Vec<usize> = Vec::new();
    while i < chars.len() {
        let c = chars[i];
        let run = chars[i..].iter().take_while(|&&x| x.eq_ignore_ascii_case(&c)).count();
        let rest: String = chars[i..].iter().take(5).collect::<String>().to_ascii_uppercase();
        match c {
            // Only the first section (positive numbers): a date is one.
            ';' => break,
            '"' => {
                let end = chars[i + 1..].iter().position(|&x| x == '"')? + i + 1;
                parts.push(Part::Text(chars[i + 1..end].iter().collect()));
                i = end + 1;
                continue;
            }
            '\\' => {
                parts.push(Part::Text(chars.get(i + 1)?.to_string()));
                i += 2;
                continue;
            }
            '[' => {
                let end = chars[i..].iter().position(|&x| x == ']')? + i;
                let inner: String = chars[i + 1..end].iter().collect();
                if let Some(tag) = inner.strip_prefix('$') {
                    // `[$-413]`, `[$-nl-NL]`: a language; `[$€-413]` a currency, no date.
                    let tag = tag.strip_prefix('-')?;
                    locale = Some(Locale::from_lcid(tag).or_else(|| Locale::from_tag(tag))?);
                } else if !is_color(&inner) {
                    return None; // elapsed time ([h]) or a condition
                }
                i = end + 1;
                continue;
            }
            '/' => parts.push(Part::DateSeparator),
            'd' | 'D' => parts.push(match run {
                1 | 2 => Part::Day(run as u8),
                3 => Part::Weekday { full: false },
                _ => Part::Weekday { full: true },
            }),
            'y' | 'Y' => parts.push(Part::Year(if run <= 2 { 2 } else { 4 })),
            'h' | 'H' => parts.push(Part::Hour(run.min(2) as u8)),
            's' | 'S' => {
                // A fraction of a second (`ss.0`) is not read here.
                if chars.get(i + run) == Some(&'.') && chars.get(i + run + 1) == Some(&'0') {
                    return None;
                }
                parts.push(Part::Second(run.min(2) as u8));
            }
            'm' | 'M' if run >= 3 => parts.push(Part::Month(run.min(5) as u8)),
            'm' | 'M' => {
                ambiguous.push(parts.len());
                parts.push(Part::Month(run as u8));
            }
            'a' | 'A' if rest == "AM/PM" => {
                parts.push(Part::AmPm);
                i += 5;
                continue;
            }
            ' ' | '-' | '.' | ',' | ':' | '(' | ')' | '\'' => parts.push(Part::Text(c.to_string())),
            _ => return None, // a digit placeholder, text (@), fill, padding, era, …
        }
        i += match c {
            'd' | 'D' | 'y' | 'Y' | 'h' | 'H' | 's' | 'S' | 'm' | 'M' => run,
            _ => 1,
        };
    }
    // `m` after an hour or before a second is minutes (Excel's rule).
    for &k in &ambiguous {
        let before = parts[..k].iter().rev().find(|p| !matches!(p, Part::Text(_)));
        let after = parts[k + 1..].iter().find(|p| !matches!(p, Part::Text(_)));
        if matches!(before, Some(Part::Hour(_))) || matches!(after, Some(Part::Second(_))) {
            if let Part::Month(n) = parts[k] {
                parts[k] = Part::Minute(n);
            }
        }
    }
    parts.iter().any(|p| !matches!(p, Part::Text(_) | Part::DateSeparator)).then_some(())?;
    Some(Format { parts, locale: locale.or(file) })
}

fn is_color(inner: &str) -> bool {
    let l = inner.to_ascii_lowercase();
    ["black", "blue", "cyan", "green", "magenta", "red", "white", "yellow"].contains(&l.as_str())
        || l.strip_prefix("color").is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// `moment` as `format` shows it, or `None` when that needs a language
/// not known (a month's name, Excel's `/`, AM/PM outside English).
pub fn render(format: &Format, m: &Moment) -> Option<String> {
    let twelve = format.parts.contains(&Part::AmPm);
    let mut out = String::new();
    let pad = |out: &mut String, n: u32, width: u8| {
        if width >= 2 {
            out.push_str(&format!("{n:02}"));
        } else {
            out.push_str(&n.to_string());
        }
    };
    for part in &format.parts {
        match part {
            Part::Text(t) => out.push_str(t),
            Part::DateSeparator => out.push_str(format.locale?.date_separator()?),
            Part::Day(w) => pad(&mut out, m.day, *w),
            Part::Month(w @ (1 | 2)) => pad(&mut out, m.month, *w),
            Part::Month(w) => {
                let dutch = format.locale?.dutch();
                let i = m.month as usize - 1;
                let name = match (dutch, w) {
                    (true, 3) => MONTHS_NL_SHORT[i],
                    (true, _) => MONTHS_NL[i],
                    (false, 3) => &MONTHS_EN[i][..3],
                    (false, _) => MONTHS_EN[i],
                };
                if *w == 5 {
                    out.extend(name.chars().next());
                } else {
                    out.push_str(name);
                }
            }
            Part::Weekday { full } => {
                let i = m.weekday();
                out.push_str(match (format.locale?.dutch(), full) {
                    (true, true) => DAYS_NL[i],
                    (true, false) => DAYS_NL_SHORT[i],
                    (false, true) => DAYS_EN[i],
                    (false, false) => &DAYS_EN[i][..3],
                });
            }
            Part::Year(2) => out.push_str(&format!("{:02}", m.year.rem_euclid(100))),
            Part::Year(_) => out.push_str(&format!("{:04}", m.year)),
            Part::Hour(w) => {
                let h = if twelve { (m.hour + 11) % 12 + 1 } else { m.hour };
                pad(&mut out, h, *w);
            }
            Part::Minute(w) => pad(&mut out, m.minute, *w),
            Part::Second(w) => pad(&mut out, m.second, *w),
            Part::AmPm => {
                format.locale.filter(|l| !l.dutch())?;
                out.push_str(if m.hour < 12 { "AM" } else { "PM" });
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i64, mo: u32, d: u32, h: u32, mi: u32) -> Moment {
        Moment { year: y, month: mo, day: d, hour: h, minute: mi, second: 0 }
    }

    #[test]
    fn excel_codes_render_as_the_sheet_shows_them() {
        let m = at(2024, 3, 13, 19, 5);
        let nl = Some(Locale::NlNl);
        // (code, the file's language, what the sheet shows; None: read as ISO)
        let table: &[(&str, Option<Locale>, Option<&str>)] = &[
            ("dd-mm-yyyy", None, Some("13-03-2024")),
            ("d-m-yyyy", None, Some("13-3-2024")),
            ("dd\\-mm\\-yyyy", None, Some("13-03-2024")),
            ("DD-MM-YYYY", None, Some("13-03-2024")),
            ("yyyy-mm-dd", None, Some("2024-03-13")),
            ("dd\\/mm\\/yyyy", None, Some("13/03/2024")),
            ("dd\"/\"mm\"/\"yyyy", None, Some("13/03/2024")),
            // What LibreOffice writes for DD-MM-YYYY in Dutch: `/` is Dutch's `-`.
            ("[$-413]dd/mm/yyyy", None, Some("13-03-2024")),
            ("[$-413]d/m/yyyy", None, Some("13-3-2024")),
            ("[$-413]yyyy/mm/dd", None, Some("2024-03-13")),
            ("[$-nl-NL]dd/mm/yyyy", None, Some("13-03-2024")),
            ("[$-813]d/mm/yyyy", None, Some("13/03/2024")),
            ("[$-409]m/d/yyyy", None, Some("3/13/2024")),
            ("[$-809]dd/mm/yyyy", None, Some("13/03/2024")),
            ("dd/mm/yyyy", nl, Some("13-03-2024")),
            // `/` without a language: its separator is the reader's machine's.
            ("dd/mm/yyyy", None, None),
            ("[$-413]d\\ mmmm\\ yyyy", None, Some("13 maart 2024")),
            ("[$-413]d mmm yyyy", None, Some("13 mrt 2024")),
            ("[$-409]mmmm d, yyyy", None, Some("March 13, 2024")),
            ("[$-413]dddd d mmmm yyyy", None, Some("woensdag 13 maart 2024")),
            ("[$-409]ddd d mmm yy", None, Some("Wed 13 Mar 24")),
            ("d mmmm yyyy", nl, Some("13 maart 2024")),
            ("d mmmm yyyy", None, None),
            ("[$-413]dd/mm/yyyy\\ hh:mm", None, Some("13-03-2024 19:05")),
            ("dd-mm-yyyy h:mm:ss", None, Some("13-03-2024 19:05:00")),
            ("[$-409]h:mm AM/PM", None, Some("7:05 PM")),
            ("h:mm AM/PM", nl, None),
            ("h:mm", None, Some("19:05")),
            ("mm:ss", None, Some("05:00")),
            ("[Red]dd-mm-yyyy", None, Some("13-03-2024")),
            ("dd-mm-yyyy;@", None, Some("13-03-2024")),
            // Built-in short date: the file's language, else ISO.
            ("#14", nl, Some("13-3-2024")),
            ("#14", Some(Locale::EnUs), Some("3/13/2024")),
            ("#14", Some(Locale::EnGb), Some("13/03/2024")),
            ("#14", None, None),
            ("#14", Some(Locale::Nl), None),
            ("#22", nl, Some("13-3-2024 19:05")),
            // Not read here: ISO.
            ("[h]:mm:ss", None, None),
            ("[$-F800]dddd, mmmm dd, yyyy", None, None),
            ("[$-419]dd/mm/yyyy", None, None),
            ("mm:ss.0", None, None),
            ("0.00", None, None),
            ("#,##0", None, None),
            ("@", None, None),
            ("General", None, None),
            ("ggg e", None, None),
        ];
        for (code, file, want) in table {
            let got = excel(code, *file).and_then(|f| render(&f, &m));
            assert_eq!(got.as_deref(), *want, "{code} ({file:?})");
        }
    }

    #[test]
    fn serials_and_iso_values_are_moments() {
        assert_eq!(Moment::from_serial(45_364.0), Some(at(2024, 3, 13, 0, 0)));
        assert_eq!(Moment::from_serial(46_357.812_5), Some(at(2026, 12, 1, 19, 30)));
        assert_eq!(Moment::from_serial(46_357.295_138_888_9), Some(at(2026, 12, 1, 7, 5)));
        assert_eq!(Moment::from_serial(20_090.0), Some(at(1955, 1, 1, 0, 0)));
        assert_eq!(Moment::from_serial(61.0), Some(at(1900, 3, 1, 0, 0)));
        assert_eq!(Moment::from_serial(60.0), None);
        assert_eq!(Moment::from_iso("2024-03-13"), Some(at(2024, 3, 13, 0, 0)));
        assert_eq!(Moment::from_iso("2026-12-01T19:30:00"), Some(at(2026, 12, 1, 19, 30)));
        assert_eq!(Moment::from_iso("2026-12-01T19:30:00.000"), Some(at(2026, 12, 1, 19, 30)));
        assert_eq!(Moment::from_iso("13-03-2024"), None);
        assert_eq!(at(2024, 3, 13, 0, 0).weekday(), 2);
        assert_eq!(at(1970, 1, 1, 0, 0).weekday(), 3);
        assert_eq!(at(2000, 2, 29, 0, 0).weekday(), 1);
    }
}
