//! RFC 4180 quoting, checked before the csv crate reads a list (SPEC §4.1).
//!
//! Why a pass of its own: the csv crate reads quoting leniently, taking
//! `"A"x` as `Ax` and `A"x` as `A"x`. A list that is read otherwise than the
//! spreadsheet showed it draws among the wrong ids, so both are refused
//! before any row is used, naming the line and the column.

use crate::candidates::{err, CsvError, CsvKind};
use potdraw_core::error::quote;

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
            // SPEC §4.1: LF or CRLF. A CR alone (old Mac files) would make the
            // whole list one line, every candidate on "line 1".
            (_, b'\r') if bytes.get(i + 1) != Some(&b'\n') => {
                return Err(err(
                    line,
                    None,
                    CsvKind::BareCr,
                    "lines ended by LF or CRLF",
                    "a line ended by CR alone (the old Macintosh format)",
                ))
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
    crate::candidates::col(field, name.as_deref().unwrap_or(""))
}

#[cfg(test)]
mod tests {
    use crate::candidates::{parse, CsvKind};

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
    fn a_line_ended_by_cr_alone_is_refused() {
        let e = parse(b"id\rA\rB\r").unwrap_err();
        assert_eq!((e.kind, e.line), (CsvKind::BareCr, 1));
        let e = parse(b"id\nA\rB\n").unwrap_err();
        assert_eq!((e.kind, e.line), (CsvKind::BareCr, 2));
        // Inside quotes a CR is part of the value, and CRLF is a line end.
        assert_eq!(parse(b"id,note\r\nA,\"x\ry\"\r\n").unwrap()[0].columns[0].1, "x\ry");
    }

    #[test]
    fn a_second_byte_order_mark_is_refused() {
        let e = parse(b"\xef\xbb\xbf\xef\xbb\xbfid\nA\n").unwrap_err();
        assert_eq!((e.kind, e.line), (CsvKind::DoubleBom, 1));
        assert_eq!(parse(b"\xef\xbb\xbfid\nA\n").unwrap()[0].id, "A");
    }
}
