//! The organiser's candidate list (SPEC §4.1): CSV with a header row.
//!
//! Spreadsheets export many dialects of "CSV"; we accept UTF-8 with or
//! without a byte-order mark, LF or CRLF, and RFC 4180 quoting (commas and
//! newlines inside quotes). Everything else is refused with the line, the
//! column, what was expected and what was found: a list that is silently
//! misread would draw the wrong people.

use potdraw_core::commit::Candidate;
use potdraw_core::error::quote;
use potdraw_core::model::MAX_WEIGHT;
use potdraw_core::unicode::{code_point, IdError};
use std::collections::HashMap;
use std::hash::BuildHasher;

/// The longest id in bytes (after normalisation).
pub use potdraw_core::unicode::MAX_ID_BYTES;

/// A problem in the candidate list, located as precisely as we can.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}{}: expected {expected}, found {found}", column.as_ref().map(|c| format!(", column {c}")).unwrap_or_default())]
pub struct CsvError {
    pub line: u64,
    /// "2 (weight)" style: number and header name.
    pub column: Option<String>,
    pub expected: String,
    pub found: String,
    /// The rule that was broken, as data, for the message catalogue.
    pub kind: CsvKind,
}

/// What is wrong with the list; [`CsvKind::class`] is the stable error class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvKind {
    Empty,
    NoIdColumn,
    HeaderEmpty,
    HeaderDuplicate {
        first: usize,
    },
    FieldCount {
        expected: usize,
        found: usize,
    },
    NotUtf8 {
        byte: u8,
        at: usize,
    },
    EmptyId,
    ControlCharacter,
    IdTooLong {
        max: usize,
        found: usize,
    },
    /// SPEC §2.4: a code point outside the Unicode 15.0.0 repertoire.
    IdUnassigned {
        code_point: u32,
        position: usize,
    },
    /// SPEC §4.1: an invisible or format character (Cf, Zl, Zp, Co, Default_Ignorable_Code_Point).
    IdInvisible {
        code_point: u32,
        position: usize,
    },
    /// SPEC §4.1: nothing in the id can be seen.
    IdNoVisible,
    DuplicateId {
        first: u64,
    },
    DuplicateIdNfc {
        first: u64,
    },
    Weight {
        max: u64,
    },
    Syntax,
    NoRows,
    /// SPEC §7.7: a field longer than [`MAX_FIELD_BYTES`].
    FieldTooLong {
        max: usize,
        found: usize,
    },
    /// SPEC §7.7: more rows than [`MAX_CANDIDATES`].
    TooMany {
        max: usize,
    },
    /// SPEC §4.1 (RFC 4180): a closing quote followed by more text, `"A"x`.
    TextAfterQuote,
    /// SPEC §4.1 (RFC 4180): a quote inside a field that does not start with one, `A"x`.
    QuoteInField,
    /// A second byte-order mark after the first.
    DoubleBom,
}

impl CsvKind {
    pub fn class(&self) -> &'static str {
        match self {
            CsvKind::Empty => "csv-empty",
            CsvKind::NoIdColumn => "csv-no-id-column",
            CsvKind::HeaderEmpty => "csv-header-empty",
            CsvKind::HeaderDuplicate { .. } => "csv-header-duplicate",
            CsvKind::FieldCount { .. } => "csv-field-count",
            CsvKind::NotUtf8 { .. } => "csv-not-utf8",
            CsvKind::EmptyId => "csv-empty-id",
            CsvKind::ControlCharacter => "csv-control-character",
            CsvKind::IdTooLong { .. } => "csv-id-too-long",
            CsvKind::IdUnassigned { .. } => "csv-id-unassigned",
            CsvKind::IdInvisible { .. } => "csv-id-invisible",
            CsvKind::IdNoVisible => "csv-id-no-visible",
            CsvKind::DuplicateId { .. } => "csv-duplicate-id",
            CsvKind::DuplicateIdNfc { .. } => "csv-duplicate-id-nfc",
            CsvKind::Weight { .. } => "csv-weight",
            CsvKind::Syntax => "csv-syntax",
            CsvKind::NoRows => "csv-no-rows",
            CsvKind::FieldTooLong { .. } => "csv-field-too-long",
            CsvKind::TooMany { .. } => "csv-too-many",
            CsvKind::TextAfterQuote => "csv-text-after-quote",
            CsvKind::QuoteInField => "csv-quote-in-field",
            CsvKind::DoubleBom => "csv-double-bom",
        }
    }
}

/// SPEC §7.7: the longest field of the list in bytes (a cell holding a
/// whole file by a quoting mistake is refused, not carried along).
pub const MAX_FIELD_BYTES: usize = 64 * 1024;
/// SPEC §7.7: the most candidates one list may hold.
pub const MAX_CANDIDATES: usize = 10_000_000;

fn err(
    line: u64,
    column: Option<String>,
    kind: CsvKind,
    expected: impl Into<String>,
    found: impl Into<String>,
) -> CsvError {
    CsvError { line, column, expected: expected.into(), found: found.into(), kind }
}

/// Reads candidates from the bytes of a CSV file.
pub fn parse(bytes: &[u8]) -> Result<Vec<Candidate>, CsvError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if bytes.starts_with(b"\xef\xbb\xbf") {
        return Err(err(
            1,
            Some(col(0, "")),
            CsvKind::DoubleBom,
            "at most one byte-order mark at the start of the file",
            "two: the file starts with two byte-order marks",
        ));
    }
    check_quoting(bytes, b',')?;
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
    let mut records = reader.byte_records();
    let header = match records.next() {
        None => {
            return Err(err(
                1,
                None,
                CsvKind::Empty,
                "a header row naming the columns, with an \"id\" column",
                "an empty file",
            ))
        }
        Some(r) => r.map_err(|e| csv_error(e, &mut LineCounter::default(), bytes))?,
    };
    too_long(1, &header)?;
    let names: Vec<String> = header
        .iter()
        .enumerate()
        .map(|(i, f)| utf8(1, &col(i, "header"), f).map(|s| s.trim().to_string()))
        .collect::<Result<_, _>>()?;
    let find = |want: &str| names.iter().position(|n| n.eq_ignore_ascii_case(want));
    let id_col = find("id").ok_or_else(|| {
        err(
            1,
            None,
            CsvKind::NoIdColumn,
            "a header row with an \"id\" column",
            format!("the columns {}", names.iter().map(|n| quote(n)).collect::<Vec<_>>().join(", ")),
        )
    })?;
    let weight_col = find("weight");
    // Duplicates by a set of the names seen (ASCII case folded), not by
    // comparing each name with every earlier one: a header of 40,000 columns
    // took 10 s that way (SPEC §7.7).
    let mut first = std::collections::HashMap::with_capacity(names.len());
    for (i, n) in names.iter().enumerate() {
        if n.is_empty() {
            return Err(err(1, Some(col(i, "")), CsvKind::HeaderEmpty, "a column name", "an empty header cell"));
        }
        if let Some(&j) = first.get(&n.to_ascii_lowercase()) {
            return Err(err(
                1,
                Some(col(i, n)),
                CsvKind::HeaderDuplicate { first: j + 1 },
                format!("a name not used before (column {} has it)", j + 1),
                quote(n),
            ));
        }
        first.insert(n.to_ascii_lowercase(), i);
    }

    // "2 (weight)": each column's label in messages, formatted once.
    let labels: Vec<String> = names.iter().enumerate().map(|(i, n)| col(i, n)).collect();
    let rows = bytes.iter().filter(|&&b| b == b'\n').count();
    let mut out: Vec<Candidate> = Vec::with_capacity(rows);
    // Indices into `out`, by id (NFC); the id as written when it was not NFC already.
    let mut seen = hashbrown::HashTable::<usize>::with_capacity(rows);
    let mut written: HashMap<usize, String> = HashMap::new();
    let hasher = foldhash::fast::RandomState::default();
    let mut lines = LineCounter::default();
    for record in records {
        let record = record.map_err(|e| csv_error(e, &mut lines, bytes))?;
        // The csv position lies before any blank lines and line ends that precede the record.
        let mut offset = record.position().map_or(0, |p| p.byte() as usize);
        while offset < bytes.len() && matches!(bytes[offset], b'\r' | b'\n') {
            offset += 1;
        }
        let line = lines.line_at(bytes, offset);
        let raw = bytes[offset..].split(|&b| b == b'\n').next().unwrap_or_default();
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue; // a blank line
        }
        too_long(line, &record)?;
        if out.len() >= MAX_CANDIDATES {
            return Err(err(
                line,
                None,
                CsvKind::TooMany { max: MAX_CANDIDATES },
                format!("at most {MAX_CANDIDATES} candidates"),
                "more rows",
            ));
        }
        if record.len() != names.len() {
            return Err(err(
                line,
                None,
                CsvKind::FieldCount { expected: names.len(), found: record.len() },
                format!("{} fields, as in the header", names.len()),
                format!("{} fields", record.len()),
            ));
        }
        let id_name = &labels[id_col];
        let raw_id = utf8(line, id_name, &record[id_col])?;
        // SPEC §4.1: the id rules are core's, shared with `check --id`.
        let id = potdraw_core::unicode::check_id(raw_id).map_err(|e| id_error(line, id_name, raw_id.trim(), &e))?;
        let id_name = || id_name.clone();
        let hash = hasher.hash_one(id.as_str());
        if let Some(&j) = seen.find(hash, |&j| out[j].id == id) {
            let (first, first_raw) = (out[j].line, written.get(&j).map_or(out[j].id.as_str(), String::as_str));
            let (how, kind) = if raw_id.trim() == first_raw {
                ("the same id", CsvKind::DuplicateId { first })
            } else {
                ("the same id after Unicode normalisation (NFC)", CsvKind::DuplicateIdNfc { first })
            };
            return Err(err(
                line,
                Some(id_name()),
                kind,
                format!("an id not used before ({how} is on line {first})"),
                quote(&id),
            ));
        }
        let weight = match weight_col {
            None => 1,
            Some(w) => parse_weight(line, &labels[w], utf8(line, &labels[w], &record[w])?)?,
        };
        let mut columns = Vec::new();
        for (i, name) in names.iter().enumerate() {
            if i != id_col && Some(i) != weight_col {
                columns.push((name.clone(), utf8(line, &labels[i], &record[i])?.to_string()));
            }
        }
        if raw_id.trim() != id {
            written.insert(out.len(), raw_id.trim().to_string());
        }
        seen.insert_unique(hash, out.len(), |&j| hasher.hash_one(out[j].id.as_str()));
        out.push(Candidate { id, weight, line, columns });
    }
    if out.is_empty() {
        return Err(err(2, None, CsvKind::NoRows, "at least one candidate after the header row", "no rows"));
    }
    Ok(out)
}

/// RFC 4180 quoting, which the csv crate reads leniently: it takes `"A"x`
/// as `Ax` and `A"x` as `A"x`. A list that is silently read otherwise than
/// the spreadsheet showed it would draw among the wrong ids, so both are
/// refused, naming the line and the column (the field's number). A quote
/// left open is left to the reader, which reports it (the rest of the file
/// becomes one field). `delimiter` separates fields (`,` here).
pub fn check_quoting(bytes: &[u8], delimiter: u8) -> Result<(), CsvError> {
    #[derive(PartialEq)]
    enum State {
        Start,
        Unquoted,
        Quoted,
        /// A quote inside a quoted field: its end, or the first of `""`.
        QuoteInQuoted,
    }
    let (mut state, mut line, mut field, mut field_start) = (State::Start, 1u64, 0usize, 0usize);
    // The field as written, from its start through `at` to the next
    // delimiter or line end (at most 200 bytes: enough to recognise it).
    let field_text = |from: usize, at: usize| {
        let rest = &bytes[at..bytes.len().min(at + 200)];
        let end = rest.iter().position(|&b| b == delimiter || b == b'\n' || b == b'\r').unwrap_or(rest.len());
        let start = from.max(at.saturating_sub(200));
        quote(&String::from_utf8_lossy(&bytes[start..at + end]))
    };
    for (i, &b) in bytes.iter().enumerate() {
        state = match (state, b) {
            (State::Quoted, b'"') => State::QuoteInQuoted,
            (State::Quoted, b) => {
                line += u64::from(b == b'\n');
                State::Quoted
            }
            (State::QuoteInQuoted, b'"') => State::Quoted,
            (State::Start, b'"') => {
                field_start = i;
                State::Quoted
            }
            (_, b) if b == delimiter => {
                field += 1;
                State::Start
            }
            (_, b'\n') => {
                (line, field) = (line + 1, 0);
                State::Start
            }
            (_, b'\r') => {
                field = 0;
                State::Start
            }
            (State::QuoteInQuoted, _) => {
                return Err(err(
                    line,
                    Some(header_label(bytes, delimiter, line, field)),
                    CsvKind::TextAfterQuote,
                    "a comma or the end of the line after the closing quote",
                    field_text(field_start, i),
                ))
            }
            (State::Start, _) => {
                field_start = i;
                State::Unquoted
            }
            (State::Unquoted, b'"') => {
                return Err(err(
                    line,
                    Some(header_label(bytes, delimiter, line, field)),
                    CsvKind::QuoteInField,
                    "a field that contains a quote to be in quotes itself, the quote doubled (\"O\"\"Brien\")",
                    field_text(field_start, i),
                ))
            }
            (State::Unquoted, _) => State::Unquoted,
        };
    }
    Ok(())
}

/// "2 (name)": the column's number, and its header name when the error is
/// below the header (read again here, only for the message).
fn header_label(bytes: &[u8], delimiter: u8, line: u64, field: usize) -> String {
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(bytes);
    let name = match reader.byte_records().next() {
        Some(Ok(header)) if line > 1 => header.get(field).map(|n| String::from_utf8_lossy(n).trim().to_string()),
        _ => None,
    };
    col(field, name.as_deref().unwrap_or(""))
}

/// An id that breaks a rule of SPEC §4.1, located in the list.
fn id_error(line: u64, column: &str, id: &str, e: &IdError) -> CsvError {
    let column = Some(column.to_string());
    // The catalogue names the code point and its position; `found` is the id.
    let at = |position: usize, c: char| format!(" ({} at character {position} is one)", code_point(c));
    let (kind, expected, found) = match *e {
        IdError::Empty => (CsvKind::EmptyId, "a non-empty id".to_string(), "an empty cell".to_string()),
        IdError::Control { c, .. } => (
            CsvKind::ControlCharacter,
            "an id without control characters".into(),
            format!("{} in {}", quote(&c.to_string()), quote(id)),
        ),
        IdError::TooLong { max, found } => {
            (CsvKind::IdTooLong { max, found }, format!("an id of at most {max} bytes"), format!("{found} bytes"))
        }
        IdError::Unassigned { position, c } => (
            CsvKind::IdUnassigned { code_point: c as u32, position },
            format!("an id of characters assigned in Unicode {}{}", potdraw_core::unicode::VERSION, at(position, c))
                .replace("is one", "is not"),
            quote(id),
        ),
        IdError::Invisible { position, c } => (
            CsvKind::IdInvisible { code_point: c as u32, position },
            format!("an id without invisible or format characters{}", at(position, c)),
            quote(id),
        ),
        IdError::NoVisible => (CsvKind::IdNoVisible, "an id with at least one visible character".into(), quote(id)),
    };
    err(line, column, kind, expected, found)
}

/// SPEC §7.7: refuses a record with a field above [`MAX_FIELD_BYTES`].
fn too_long(line: u64, record: &csv::ByteRecord) -> Result<(), CsvError> {
    match record.iter().enumerate().find(|(_, f)| f.len() > MAX_FIELD_BYTES) {
        Some((i, f)) => Err(err(
            line,
            Some(format!("{}", i + 1)),
            CsvKind::FieldTooLong { max: MAX_FIELD_BYTES, found: f.len() },
            format!("a field of at most {MAX_FIELD_BYTES} bytes"),
            format!("{} bytes", f.len()),
        )),
        None => Ok(()),
    }
}

fn parse_weight(line: u64, column: &str, text: &str) -> Result<u64, CsvError> {
    let t = text.trim();
    match t.parse::<u64>() {
        Ok(w) if (1..=MAX_WEIGHT).contains(&w) && t.bytes().all(|b| b.is_ascii_digit()) => Ok(w),
        _ => Err(err(
            line,
            Some(column.to_string()),
            CsvKind::Weight { max: MAX_WEIGHT },
            format!("a whole number from 1 to {MAX_WEIGHT}"),
            quote(text),
        )),
    }
}

fn col(i: usize, name: &str) -> String {
    if name.is_empty() {
        format!("{}", i + 1)
    } else {
        format!("{} ({name})", i + 1)
    }
}

fn utf8<'a>(line: u64, column: &str, bytes: &'a [u8]) -> Result<&'a str, CsvError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        err(
            line,
            Some(column.to_string()),
            CsvKind::NotUtf8 { byte: bytes[at], at: at + 1 },
            "UTF-8 text (save the sheet as \"CSV UTF-8\")",
            format!(
                "the byte 0x{:02x} at byte {} of the cell, which is not UTF-8 (Latin-1 or Windows-1252?)",
                bytes[at],
                at + 1
            ),
        )
    })
}

/// Line numbers from byte offsets: 1 + the number of LF bytes before the
/// offset. (The csv crate's own line count drifts with CRLF and blank lines.)
#[derive(Default)]
struct LineCounter {
    offset: usize,
    line: u64,
}

impl LineCounter {
    /// Offsets come in increasing order, so counting is linear overall.
    fn line_at(&mut self, bytes: &[u8], offset: usize) -> u64 {
        if offset < self.offset {
            *self = LineCounter::default();
        }
        let end = offset.min(bytes.len());
        self.line += bytes[self.offset.min(end)..end].iter().filter(|&&b| b == b'\n').count() as u64;
        self.offset = end;
        self.line + 1
    }
}

fn csv_error(e: csv::Error, lines: &mut LineCounter, bytes: &[u8]) -> CsvError {
    let line = e.position().map(|p| lines.line_at(bytes, p.byte() as usize)).unwrap_or(0);
    match e.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            let kind = CsvKind::FieldCount { expected: *expected_len as usize, found: *len as usize };
            err(line, None, kind, format!("{expected_len} fields, as in the header"), format!("{len} fields"))
        }
        _ => err(line, None, CsvKind::Syntax, "well-formed CSV", e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(text: &str) -> Vec<(String, u64, u64)> {
        parse(text.as_bytes()).unwrap().into_iter().map(|c| (c.id, c.weight, c.line)).collect()
    }

    #[test]
    fn reads_bom_crlf_quotes_and_extra_columns() {
        let got =
            parse("\u{feff}id,weight,name\r\nA-1,2,\"Jansen, Piet\"\r\n B-2 ,1,\"two\nlines\"\r\n".as_bytes()).unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!((got[0].id.as_str(), got[0].weight, got[0].line), ("A-1", 2, 2));
        assert_eq!(got[0].columns, vec![("name".to_string(), "Jansen, Piet".to_string())]);
        assert_eq!((got[1].id.as_str(), got[1].line), ("B-2", 3));
        assert_eq!(got[1].columns[0].1, "two\nlines");
    }

    #[test]
    fn fields_are_limited_exactly_at_the_maximum() {
        let at = |n: usize| format!("id,note\nA,{}\n", "x".repeat(n));
        assert!(parse(at(MAX_FIELD_BYTES).as_bytes()).is_ok());
        let e = parse(at(MAX_FIELD_BYTES + 1).as_bytes()).unwrap_err();
        assert_eq!(e.kind, CsvKind::FieldTooLong { max: MAX_FIELD_BYTES, found: MAX_FIELD_BYTES + 1 });
        assert_eq!((e.line, e.column.as_deref()), (2, Some("2")));
        let header = format!("id,{}\nA,1\n", "h".repeat(MAX_FIELD_BYTES + 1));
        assert_eq!(parse(header.as_bytes()).unwrap_err().line, 1);
    }

    #[test]
    fn weight_defaults_to_one_and_ids_are_nfc() {
        assert_eq!(ids("id\nRe\u{301}ne\n\nX\n"), vec![("R\u{e9}ne".into(), 1, 2), ("X".into(), 1, 4)]);
    }

    #[test]
    fn errors_name_line_and_column() {
        let e = parse(b"id,weight\nA,1\nB,0\n").unwrap_err();
        assert_eq!((e.line, e.column.as_deref(), e.found.as_str()), (3, Some("2 (weight)"), "\"0\""));
        for list in ["id\nRen\u{e9}\nRene\u{301}\n", "id\nRene\u{301}\nRen\u{e9}\n"] {
            let e = parse(list.as_bytes()).unwrap_err();
            assert_eq!(e.line, 3);
            assert!(e.expected.contains("after Unicode normalisation (NFC) is on line 2"), "{e}");
        }
        assert!(parse(b"id\nA\n A \n").unwrap_err().expected.contains("(the same id is on line 2)"));
        let e = parse(b"name\nA\n").unwrap_err();
        assert!(e.expected.contains("\"id\" column"), "{e}");
        let e = parse(b"id\nJos\xe9\n").unwrap_err();
        assert!(e.found.contains("0xe9"), "{e}");
        let e = parse(b"id,weight\nA,1,x\n").unwrap_err();
        assert_eq!(e.found, "3 fields");
        assert_eq!(parse(b"id\n \n").unwrap_err().found, "no rows");
        assert_eq!(parse(b"id\n\"\"\n").unwrap_err().found, "an empty cell");
        assert!(parse(b"id,weight\nA,4294967296\n").is_err());
        assert!(parse(b"id,weight\nA,-1\n").is_err());
        assert!(parse(b"id,weight\nA,+1\n").is_err());
        assert!(parse(b"id\nA\x07\n").is_err());
        assert_eq!(parse(b"").unwrap_err().found, "an empty file");
    }

    /// Issue 15: RFC 4180 quoting is held to, with the line and the field
    /// where it breaks; what the spreadsheet writes is still read.
    #[test]
    fn malformed_quoting_is_refused_where_it_breaks() {
        let at = |text: &str| {
            let e = parse(text.as_bytes()).unwrap_err();
            (e.kind, e.line, e.column.unwrap_or_default(), e.found)
        };
        assert_eq!(at("id\n\"A\"x\n"), (CsvKind::TextAfterQuote, 2, "1 (id)".into(), "\"\\\"A\\\"x\"".into()));
        assert_eq!(at("id,name\nA,\"two\nlines\" \n").0, CsvKind::TextAfterQuote);
        assert_eq!(at("id,name\nA,\"two\nlines\" \n").1, 3, "the line of the closing quote");
        assert_eq!(at("id,name\nA,O\"Brien\n"), (CsvKind::QuoteInField, 2, "2 (name)".into(), "\"O\\\"Brien\"".into()));
        assert_eq!(at("id,na\"me\nA,B\n").1, 1);
        assert_eq!(at("id,na\"me\nA,B\n").2, "2", "no name for a column of the header itself");
        assert_eq!(at("id\r\nA\r\n\"B\"\"\"C\r\n").0, CsvKind::TextAfterQuote);
        // Well-formed quoting, as spreadsheets write it.
        let ok = parse(b"id,name\r\n\"A,1\",\"O\"\"Brien\"\r\n\"\"\"B\"\"\",\"\"\r\nC,\"x\r\ny\"\r\n").unwrap();
        let got: Vec<(&str, &str)> = ok.iter().map(|c| (c.id.as_str(), c.columns[0].1.as_str())).collect();
        assert_eq!(got, vec![("A,1", "O\"Brien"), ("\"B\"", ""), ("C", "x\r\ny")]);
    }

    #[test]
    fn a_second_byte_order_mark_is_refused() {
        let e = parse(b"\xef\xbb\xbf\xef\xbb\xbfid\nA\n").unwrap_err();
        assert_eq!((e.kind, e.line), (CsvKind::DoubleBom, 1));
        assert_eq!(parse(b"\xef\xbb\xbfid\nA\n").unwrap()[0].id, "A");
    }
}
