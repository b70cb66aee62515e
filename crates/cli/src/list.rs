//! `commit --candidates FILE`: the list as organisers really have it
//! (issue 16), and the summary of what was read.
//!
//! A CSV file or a spreadsheet ([`crate::sheet`]); for CSV the separator is
//! detected from the header row (or `--delimiter`), and bytes that are not
//! UTF-8 are refused unless the organiser says `--encoding windows-1252`
//! (Dutch Excel's "CSV"): an encoding is never guessed, because a guess
//! that is wrong changes ids, and so tickets, without a word. Every row
//! then goes through the one validator, [`crate::candidates::Rows`].
//!
//! Before anything is written, the organiser reads what was understood
//! ([`summary`]): file type, separator and encoding or sheet, the id and
//! weight columns, the columns copied to the private receipts, the number
//! of candidates and their weights, and warnings about rows that look like
//! the same person twice (a warning, not an error: a family may share a
//! phone).

use crate::candidates::{CsvError, CsvKind, List, Options};
use crate::i18n::Lang;
use potdraw_core::error::quote;
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasher, Hasher};
use std::path::Path;

/// How the bytes of a CSV file are text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Windows1252,
}

/// The flags of `commit` that say how to read the list.
#[derive(Debug, Clone, Default)]
pub struct ListOptions {
    pub columns: Options,
    /// `--encoding`; UTF-8 when not given.
    pub encoding: Option<Encoding>,
    /// `--sheet NAME`; the first sheet when not given.
    pub sheet: Option<String>,
}

/// Where the list came from, for the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Csv { delimiter: u8, forced: bool, encoding: Encoding },
    Sheet { format: &'static str, sheet: String },
}

/// Two rows with different ids and the same name, phone and e-mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    pub first: u64,
    pub second: u64,
    pub columns: Vec<String>,
}

/// A list as read, with what the summary says about it.
#[derive(Debug, Clone)]
pub struct ReadList {
    pub list: List,
    pub source: Source,
    pub duplicates: Vec<Duplicate>,
    /// Cells with a `?` between letters, by line (issue 28): Excel's "CSV"
    /// writes `?` for a letter Windows-1252 lacks ("Thijs Y?lmaz").
    pub question_marks: Vec<(u64, String)>,
}

fn flag_error(flag: &'static str, spreadsheet: bool, expected: &str, found: &str) -> CsvError {
    CsvError {
        line: 1,
        column: None,
        expected: expected.into(),
        found: found.into(),
        kind: CsvKind::FlagNotForFile { flag, spreadsheet },
        sheet: None,
    }
}

/// Reads a candidate list from the bytes of `path`.
pub fn read(path: &Path, bytes: &[u8], options: &ListOptions) -> Result<ReadList, CsvError> {
    let (list, source) = match crate::sheet::format_of(path, bytes) {
        Some(format) => {
            if options.columns.delimiter.is_some() {
                return Err(flag_error("--delimiter", true, "a CSV file", "a spreadsheet"));
            }
            if options.encoding.is_some() {
                return Err(flag_error("--encoding", true, "a CSV file", "a spreadsheet"));
            }
            let s = crate::sheet::read(bytes, format, options.sheet.as_deref(), &options.columns)?;
            (s.list, Source::Sheet { format: s.format, sheet: s.sheet })
        }
        None => {
            if options.sheet.is_some() {
                return Err(flag_error("--sheet", false, "a spreadsheet", "a CSV file"));
            }
            let encoding = options.encoding.unwrap_or(Encoding::Utf8);
            let text: std::borrow::Cow<'_, [u8]> = match encoding {
                Encoding::Utf8 => bytes.into(),
                Encoding::Windows1252 => windows_1252(bytes)?.into(),
            };
            let delimiter = match options.columns.delimiter {
                Some(d) => d,
                None => crate::candidates::detect_delimiter(&text)?,
            };
            let columns = Options { delimiter: Some(delimiter), ..options.columns.clone() };
            let list = crate::candidates::parse_with(&text, &columns)?;
            (list, Source::Csv { delimiter, forced: options.columns.delimiter.is_some(), encoding })
        }
    };
    let duplicates = duplicates(&list);
    let question_marks = question_marks(&list);
    Ok(ReadList { list, source, duplicates, question_marks })
}

/// Each candidate's first cell (id or private column) with a `?` between
/// two letters: where Excel's Windows-1252 "CSV" lost a letter. A warning,
/// not an error: a name may hold a `?` on purpose.
fn question_marks(list: &List) -> Vec<(u64, String)> {
    let lost = |v: &str| {
        let chars: Vec<char> = v.chars().collect();
        chars.windows(3).any(|w| w[1] == '?' && (w[0].is_alphabetic() && w[2].is_alphabetic()))
    };
    list.candidates
        .iter()
        .filter_map(|c| {
            let cells = std::iter::once(c.id.as_str()).chain(c.columns.iter().map(|(_, v)| v.as_str()));
            cells.into_iter().find(|v| lost(v)).map(|v| (c.line, v.to_string()))
        })
        .collect()
}

/// Windows-1252 to UTF-8 (every byte is a character, so this never fails).
/// A file that is UTF-8 with non-ASCII characters is refused: read as
/// Windows-1252, `é` would become `Ã©`, and the ids would change silently.
fn windows_1252(bytes: &[u8]) -> Result<Vec<u8>, CsvError> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        if let Some(at) = text.find(|c: char| !c.is_ascii()) {
            let line = 1 + text[..at].matches('\n').count() as u64;
            let c = text[at..].chars().next().unwrap_or_default();
            return Err(CsvError {
                line,
                column: None,
                expected: "a file in Windows-1252".into(),
                found: quote(&c.to_string()),
                kind: CsvKind::EncodingIsUtf8,
                sheet: None,
            });
        }
    }
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
    Ok(text.into_owned().into_bytes())
}

/// What a private column holds, judged by its name or, failing that, by
/// every value in it: a name, a phone number or an e-mail address.
/// How a column's values are compared: phone numbers by their digits, the
/// rest by their words in lowercase. Each feeds a value's normal form to a
/// hasher and says whether it was filled in (no copy of the value is made).
type Normalise = fn(&str, &mut dyn Hasher) -> bool;

fn by_digits(v: &str, h: &mut dyn Hasher) -> bool {
    let mut any = false;
    for b in v.bytes().filter(u8::is_ascii_digit) {
        h.write_u8(b);
        any = true;
    }
    any
}

fn by_words(v: &str, h: &mut dyn Hasher) -> bool {
    let mut any = false;
    for w in v.split_whitespace() {
        for c in w.chars().flat_map(char::to_lowercase) {
            h.write_u32(c as u32);
        }
        h.write_u8(b' ');
        any = true;
    }
    any
}

fn identifies<'a>(name: &str, values: impl Iterator<Item = &'a str> + Clone) -> Option<Normalise> {
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let joined: String = lower.chars().filter(|c| c.is_alphanumeric()).collect();
    // Every filled-in value is like this (and there is one): judged without copying the column.
    let all = |like: &dyn Fn(&str) -> bool| {
        let mut filled = values.clone().filter(|v| !v.trim().is_empty()).peekable();
        filled.peek().is_some() && filled.all(like)
    };
    let phone_like = |v: &str| {
        // At least 9 digits: a Dutch number has 10, a date written 01-02-1980 only 8.
        v.chars().filter(char::is_ascii_digit).count() >= 9
            && v.chars().all(|c| c.is_ascii_digit() || " +-()./".contains(c))
    };
    let is_phone = ["telefoon", "phone", "mobiel", "mobile", "gsm"].iter().any(|w| joined.contains(w))
        || words.contains(&"tel")
        || all(&phone_like);
    if is_phone {
        return Some(by_digits);
    }
    let named = joined.contains("mail") || joined.contains("naam") || joined.contains("name");
    if named || all(&|v| v.contains('@')) {
        return Some(by_words);
    }
    None
}

/// Rows with different ids but the same value in every private column that
/// holds a name, a phone number or an e-mail address (at least one filled in).
pub fn duplicates(list: &List) -> Vec<Duplicate> {
    let Some(first) = list.candidates.first() else { return Vec::new() };
    let normalisers: Vec<(usize, Normalise)> = (0..first.columns.len())
        .filter_map(|i| {
            let values = list.candidates.iter().map(move |c| c.columns[i].1.as_str());
            identifies(&first.columns[i].0, values).map(|f| (i, f))
        })
        .collect();
    if normalisers.is_empty() {
        return Vec::new();
    }
    let columns: Vec<String> = normalisers.iter().map(|(i, _)| first.columns[*i].0.clone()).collect();
    // By a 64-bit hash of the values, not the values: a million rows stay
    // cheap, and a collision (about 2^-64 a pair) costs only a false warning.
    let state = foldhash::quality::RandomState::default();
    let mut seen: HashMap<u64, u64> = HashMap::with_capacity(list.candidates.len());
    let mut out = Vec::new();
    for c in &list.candidates {
        let mut h = state.build_hasher();
        let mut filled = false;
        for (i, f) in &normalisers {
            filled |= f(&c.columns[*i].1, &mut h);
            h.write_u8(0xff); // between columns: ("a b", "") is not ("a", "b")
        }
        if !filled {
            continue;
        }
        let key = h.finish();
        match seen.get(&key) {
            Some(&first) => out.push(Duplicate { first, second: c.line, columns: columns.clone() }),
            None => {
                seen.insert(key, c.line);
            }
        }
    }
    out
}

/// At most this many duplicate pairs are listed one by one.
const SHOWN_DUPLICATES: usize = 10;
/// At most this many distinct weights are listed in the distribution.
const SHOWN_WEIGHTS: usize = 8;

/// What was read, in the user's language, for the organiser to check
/// before anything is written.
pub fn summary(lang: Lang, file: &dyn std::fmt::Display, r: &ReadList) -> String {
    let kind = match &r.source {
        Source::Csv { delimiter, forced, encoding } => {
            let sep = match delimiter {
                b';' => lang.t("list.separator-semicolon", &[]),
                b'\t' => lang.t("list.separator-tab", &[]),
                _ => lang.t("list.separator-comma", &[]),
            };
            let how = lang.t(if *forced { "list.separator-given" } else { "list.separator-detected" }, &[]);
            let enc =
                lang.t(if *encoding == Encoding::Utf8 { "list.encoding-utf8" } else { "list.encoding-1252" }, &[]);
            crate::t!(lang, "list.kind-csv", separator = sep, how = how, encoding = enc)
        }
        Source::Sheet { format, sheet } => {
            crate::t!(lang, "list.kind-sheet", format = crate::sheet::format_name(format), sheet = quote(sheet))
        }
    };
    let l = &r.list;
    let mut out = vec![crate::t!(lang, "list.read", file = file, kind = kind)];
    out.push(crate::t!(lang, "list.id-column", column = quote(&l.id_column)));
    out.push(match &l.weight_column {
        Some(w) => crate::t!(lang, "list.weight-column", column = quote(w)),
        None => lang.t("list.no-weight-column", &[]),
    });
    out.push(if l.private.is_empty() {
        lang.t("list.private-none", &[])
    } else {
        let names = l.private.iter().map(|n| quote(n)).collect::<Vec<_>>().join(", ");
        crate::t!(lang, "list.private", columns = names)
    });
    if l.blank_rows > 0 {
        out.push(crate::t!(lang, "list.blank-rows", count = l.blank_rows));
    }
    // Issue 28: how many rows each `--where` left out, before the count.
    for (f, n) in &l.left_out {
        out.push(crate::t!(lang, "list.left-out", count = n, column = quote(&f.column), value = quote(&f.value)));
    }
    let mut weights: BTreeMap<u64, usize> = BTreeMap::new();
    for c in &l.candidates {
        *weights.entry(c.weight).or_default() += 1;
    }
    let mut parts: Vec<String> = weights
        .iter()
        .take(SHOWN_WEIGHTS)
        .map(|(w, n)| crate::t!(lang, "list.weight-count", count = n, weight = w))
        .collect();
    if weights.len() > SHOWN_WEIGHTS {
        parts.push(crate::t!(lang, "list.weights-more", count = weights.len() - SHOWN_WEIGHTS));
    }
    let count = l.candidates.len();
    let key = if count == 1 { "list.count-one" } else { "list.count" };
    out.push(lang.t(key, &[("count", &count), ("weights", &parts.join(", "))]));
    let rows = matches!(r.source, Source::Sheet { .. });
    for d in r.duplicates.iter().take(SHOWN_DUPLICATES) {
        let names = d.columns.iter().map(|n| quote(n)).collect::<Vec<_>>().join(", ");
        let key = if rows { "list.duplicate-rows" } else { "list.duplicate-lines" };
        out.push(lang.t(key, &[("first", &d.first), ("second", &d.second), ("columns", &names)]));
    }
    if r.duplicates.len() > SHOWN_DUPLICATES {
        out.push(crate::t!(lang, "list.duplicates-more", count = r.duplicates.len() - SHOWN_DUPLICATES));
    }
    if let Some((line, value)) = r.question_marks.first() {
        let place = lang.t(if rows { "list.row" } else { "list.line" }, &[("line", line)]);
        let others = r.question_marks.len() - 1;
        let mut said = crate::t!(lang, "list.question-mark", place = place, value = quote(value));
        if others > 0 {
            let key = if others == 1 { "list.question-mark-more.one" } else { "list.question-mark-more.other" };
            said.push(' ');
            said.push_str(&lang.t(key, &[("count", &others)]));
        }
        out.push(said);
    }
    let mut text = out.remove(0);
    text.push('\n');
    for line in out {
        text.push_str("  ");
        text.push_str(&line);
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_csv(text: &[u8], options: &ListOptions) -> Result<ReadList, CsvError> {
        read(Path::new("lijst.csv"), text, options)
    }

    #[test]
    fn separators_are_detected_from_the_header_and_encodings_are_never_guessed() {
        let o = ListOptions::default();
        let r = read_csv(b"id;naam;Gewicht\r\nA;Jansen, Piet;2\r\n", &o).unwrap();
        assert_eq!(r.source, Source::Csv { delimiter: b';', forced: false, encoding: Encoding::Utf8 });
        assert_eq!((r.list.candidates[0].weight, r.list.weight_column.as_deref()), (2, Some("Gewicht")));
        assert_eq!(r.list.candidates[0].columns, vec![("naam".into(), "Jansen, Piet".into())]);
        let tab = read_csv(b"ID\tweight\nA\t3\n", &o).unwrap();
        assert_eq!((tab.list.candidates[0].id.as_str(), tab.list.candidates[0].weight), ("A", 3));
        let e = read_csv(b"id;naam\nJos\xe9;x\n", &o).unwrap_err();
        assert_eq!((e.kind.class(), e.line), ("csv-not-utf8", 2));
        let o1252 = ListOptions { encoding: Some(Encoding::Windows1252), ..o.clone() };
        let r = read_csv(b"id;naam\nJos\xe9;Zo\xeb\n", &o1252).unwrap();
        assert_eq!(r.list.candidates[0].id, "Jos\u{e9}");
        assert_eq!(r.list.candidates[0].columns[0].1, "Zo\u{eb}");
        let e = read_csv("id\nJosé\n".as_bytes(), &o1252).unwrap_err();
        assert_eq!((e.kind.class(), e.line), ("csv-encoding-utf8", 2));
        assert_eq!(read_csv(b"id;a,b\nA;1,2\n", &o).unwrap_err().kind, CsvKind::Separator);
        let forced = ListOptions { columns: Options { delimiter: Some(b','), ..Options::default() }, ..o };
        assert_eq!(read_csv(b"id;a,b\nA;1,2\n", &forced).unwrap_err().found, "\"id;a\", \"b\"");
    }

    #[test]
    fn weight_columns_are_never_dropped_silently() {
        let o = ListOptions::default();
        for header in ["Weging", "aantal loten", "Aantal_Loten", "TICKETS", "gewicht (2 = dubbel)", "AantalLoten"] {
            let e = read_csv(format!("id,weight,{header}\nA,1,2\n").as_bytes(), &o).unwrap_err();
            assert_eq!(
                (e.kind.class(), e.column.as_deref()),
                ("csv-weight-column-unused", Some(&*format!("3 ({header})")))
            );
        }
        let e = read_csv(b"id,weight,gewicht\nA,1,2\n", &o).unwrap_err();
        assert_eq!(e.kind, CsvKind::WeightLike { used: Some("weight".into()) });
        let chosen = ListOptions {
            columns: Options {
                id_column: Some("Lidnummer".into()),
                weight_column: Some("weging".into()),
                delimiter: None,
                filters: Vec::new(),
            },
            ..o.clone()
        };
        let r = read_csv(b"Lidnummer,Weging,afgesloten\nA,2,ja\n", &chosen).unwrap();
        assert_eq!((r.list.candidates[0].id.as_str(), r.list.candidates[0].weight), ("A", 2));
        let e = read_csv(b"nummer,weight\nA,2\n", &chosen).unwrap_err();
        assert_eq!(e.kind, CsvKind::NoSuchColumn { weight: false, name: "Lidnummer".into() });
        assert_eq!(e.found, "\"nummer\", \"weight\"");
    }

    #[test]
    fn likely_duplicates_are_warned_with_both_lines() {
        let text = "id,Naam,contact,born\nA,Piet Jansen,06-1234 5678,01-02-1980\nB,Els,06-99999999,01-02-1980\nC,piet  jansen,0612345678,\nD,Kees,06-99999999,\n";
        let r = read_csv(text.as_bytes(), &ListOptions::default()).unwrap();
        assert_eq!(
            r.duplicates,
            vec![Duplicate { first: 2, second: 4, columns: vec!["Naam".into(), "contact".into()] }]
        );
        let nl = Lang::from_code("nl").unwrap();
        let s = summary(nl, &"lijst.csv", &r);
        assert!(s.contains("4 deelnemers: 4 × gewicht 1"), "{s}");
        assert!(s.contains("regel 2 en regel 4"), "{s}");
    }
}
