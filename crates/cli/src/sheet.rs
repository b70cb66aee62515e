//! Candidate lists straight from a spreadsheet: `.xlsx`, `.xls`, `.ods`
//! (issue 16).
//!
//! Organisers keep their lists in Excel or LibreOffice; every export to CSV
//! is a step where a separator, an encoding or a weight goes wrong. The
//! values are read by calamine (a maintained reader; our own passes over
//! the zip and XML only measure and check, see [`limits`], `xlsx`, `ods`),
//! and each cell becomes the text a person sees, so the rows go
//! through the same validator as a CSV file's ([`crate::candidates::Rows`]):
//!
//! - text as written; a number stored as a float (`2.0`) is the whole number
//!   `2`, and anything else (`1.5`, `-1`) is shown as it is, so a weight
//!   that is not a whole number is refused by the one weight check;
//! - a formula gives its saved (cached) value; a formula without one (files
//!   written by scripts that never calculated) is refused, never read as
//!   empty;
//! - a cell holding an error value (`#DIV/0!`) is refused;
//! - an id stored as a number but shown through a number format (`000`
//!   shows 1 as `001`) is refused: read as `1` it would not be the id the
//!   sheet shows, so the slips and `check --id 001` would not match.
//!
//! The header is the first row with a cell naming the id column (`id`, or
//! `--id-column`), so a title above the list is no problem; without one,
//! the first row that is not empty (and the id column is reported missing).
//!
//! A spreadsheet is bounded before calamine allocates anything for it
//! ([`limits`], issue 26): a 2 KB file could otherwise ask for 512 GiB.
//!
//! Places are named as a person sees them: `Blad1!C7` (sheet, column
//! letter, row number), and a candidate's line is its row number.

use crate::candidates::{CsvError, CsvKind, List, Options, Place, Rows, SheetPlace};
use calamine::{Data, Reader};

mod dates;
pub mod limits;
mod ods;
mod xls;
mod xlsx;
use potdraw_core::error::quote;
use std::io::Cursor;

/// The spreadsheet formats read, by file extension, as the summary names them.
pub const FORMATS: [(&str, &str); 5] = [
    ("xlsx", "Excel (.xlsx)"),
    ("xlsm", "Excel (.xlsm)"),
    ("xls", "Excel 97-2003 (.xls)"),
    ("xlsb", "Excel (.xlsb)"),
    ("ods", "OpenDocument (.ods)"),
];

/// The format of a file that is a spreadsheet, by its extension or, for a
/// spreadsheet under another name, by its first bytes (a zip or OLE file is
/// never a CSV list).
pub fn format_of(path: &std::path::Path, bytes: &[u8]) -> Option<&'static str> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    if let Some((e, _)) = FORMATS.iter().find(|(e, _)| *e == ext) {
        return Some(e);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") {
        return Some("auto");
    }
    None
}

/// The summary's name of a format.
pub fn format_name(format: &str) -> &'static str {
    FORMATS.iter().find(|(e, _)| *e == format).map_or("spreadsheet", |(_, n)| n)
}

/// A sheet as read: the list, the sheet's name and the format.
#[derive(Debug)]
pub struct SheetList {
    pub list: List,
    pub sheet: String,
    pub format: &'static str,
}

/// The opened workbook and its format.
type Opened<'a> = (calamine::Sheets<Cursor<&'a [u8]>>, &'static str);

fn open<'a>(bytes: &'a [u8], format: &'static str) -> Result<Opened<'a>, String> {
    use calamine::{open_workbook_from_rs, Ods, Sheets, Xls, Xlsb, Xlsx};
    let rs = Cursor::new(bytes);
    let opened = match format {
        "xlsx" | "xlsm" => open_workbook_from_rs::<Xlsx<_>, _>(rs).map(Sheets::Xlsx).map_err(|e| e.to_string()),
        "xls" => open_workbook_from_rs::<Xls<_>, _>(rs).map(Sheets::Xls).map_err(|e| e.to_string()),
        "xlsb" => open_workbook_from_rs::<Xlsb<_>, _>(rs).map(Sheets::Xlsb).map_err(|e| e.to_string()),
        "ods" => open_workbook_from_rs::<Ods<_>, _>(rs).map(Sheets::Ods).map_err(|e| e.to_string()),
        _ => calamine::open_workbook_auto_from_rs(rs).map_err(|e| e.to_string()),
    }?;
    let format = match (&opened, format) {
        (_, f) if f != "auto" => f,
        (Sheets::Xlsx(_), _) => "xlsx",
        (Sheets::Xls(_), _) => "xls",
        (Sheets::Xlsb(_), _) => "xlsb",
        (Sheets::Ods(_), _) => "ods",
    };
    Ok((opened, format))
}

fn fail(kind: CsvKind, at: Option<(&str, String)>, expected: impl Into<String>, found: impl Into<String>) -> CsvError {
    let sheet = at.map(|(sheet, cell)| Box::new(SheetPlace { sheet: sheet.to_string(), cell: Some(cell) }));
    CsvError { line: 1, column: None, expected: expected.into(), found: found.into(), kind, sheet }
}

/// A problem with the whole sheet (no cell).
fn in_sheet(e: CsvError, sheet: &str) -> CsvError {
    CsvError { sheet: Some(Box::new(SheetPlace { sheet: sheet.to_string(), cell: None })), ..e }
}

/// What was read: the cells present (row, column, value; never empty), the
/// sheet's [`xlsx::Facts`], the sheet's name and the format.
type Loaded<'a> = (xlsx::Cells<'a>, xlsx::Facts, String, &'static str);

/// Reads the list from sheet `want` (else the first sheet) of a workbook,
/// guarded: a reader that panics on a damaged
/// file (calamine 0.30 indexes shared strings unchecked) must give an error
/// that says so, never a crash. The panic hook is silenced meanwhile; no
/// other thread runs during `commit`'s reading. (A failed allocation is no
/// panic: [`limits`] keeps every one bounded before calamine reads.)
pub fn read(bytes: &[u8], format: &'static str, want: Option<&str>, options: &Options) -> Result<SheetList, CsvError> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let loaded =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_unguarded(bytes, format, want, options)));
    std::panic::set_hook(previous);
    loaded.unwrap_or_else(|panic| {
        let why = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(fail(CsvKind::SheetOpen, None, "a spreadsheet that Excel or LibreOffice can open", why))
    })
}

fn refused(r: limits::Refused) -> CsvError {
    match r {
        limits::Refused::Limit(limit) => {
            fail(CsvKind::SheetTooLarge(Box::new(limit)), None, "a spreadsheet within potdraw's limits", "")
        }
        limits::Refused::Damaged(why) => {
            fail(CsvKind::SheetOpen, None, "a spreadsheet that Excel or LibreOffice can open (xlsx, xls, ods)", why)
        }
    }
}

fn load<'a>(bytes: &'a [u8], format: &'static str, want: Option<&str>, id_name: &str) -> Result<Loaded<'a>, CsvError> {
    if bytes.len() as u64 > limits::MAX_FILE {
        return Err(refused(limits::Limit::File { size: bytes.len() as u64 }.into()));
    }
    // Bounded before calamine reads a byte of content (see `limits`).
    let (mut shown, mut ods_dates) = (Vec::new(), ods::Dates::default());
    let mut xls_formats: Option<xls::Formatted> = None;
    // WHY .xlsb is refused: its binary sheets hold cells whose count and
    // reach are known only once calamine has built the sheet, so it cannot
    // be bounded before anything is allocated as the other formats are; and
    // no organiser needs it (Excel and LibreOffice save .xlsx). Known by its
    // name or, under another name, by its workbook part (part names are
    // stored uncompressed in a zip).
    let xlsb_part = bytes.starts_with(b"PK") && bytes.windows(15).any(|w| w == b"xl/workbook.bin");
    if format == "xlsb" || xlsb_part {
        return Err(fail(CsvKind::SheetXlsb, None, "a workbook saved as .xlsx, .xls or .ods", "an .xlsb workbook"));
    }
    if bytes.starts_with(b"PK") {
        limits::check_archive(bytes).map_err(refused)?;
        // An .ods (whatever its name) is bounded before calamine opens it.
        (shown, ods_dates) = ods::check(bytes, want, id_name).map_err(refused)?;
    } else if bytes.starts_with(b"\xd0\xcf\x11\xe0") {
        // An .xls (whatever its name): calamine builds every sheet when it opens it.
        xls_formats = Some(xls::check(bytes).map_err(refused)?);
    }
    let (book, format) = open(bytes, format).map_err(|e| {
        fail(CsvKind::SheetOpen, None, "a spreadsheet that Excel or LibreOffice can open (xlsx, xls, ods)", e)
    })?;
    let names: Vec<String> = book.sheet_names();
    let sheet: Option<String> = match want {
        None => names.first().cloned(),
        Some(w) => names
            .iter()
            .find(|n| n.as_str() == w)
            .or_else(|| names.iter().find(|n| n.to_lowercase() == w.to_lowercase()))
            .cloned(),
    };
    let listed = names.iter().map(|n| quote(n)).collect::<Vec<_>>().join(", ");
    let Some(sheet) = sheet else {
        let expected = format!("a sheet named {}", quote(want.unwrap_or_default()));
        return Err(fail(CsvKind::SheetMissing { name: want.unwrap_or_default().to_string() }, None, expected, listed));
    };
    let damaged = |e: String| {
        fail(CsvKind::SheetOpen, None, "a spreadsheet that Excel or LibreOffice can open (xlsx, xls, ods)", e)
    };
    let reference = reference_name(&sheet);
    let (cells, facts) = match book {
        calamine::Sheets::Xlsx(x) => xlsx::read(bytes, x, &sheet, &reference).map_err(refused)?,
        mut other => {
            // .ods was bounded by `ods::check` before it was opened, .xls by
            // `xls::check`; .xlsb by its parts (see docs/HARDENING.md).
            let range = other.worksheet_range(&sheet).map_err(|e| damaged(e.to_string()))?;
            let formulas = other.worksheet_formula(&sheet).ok();
            let (cells, mut facts) = dense(range, formulas);
            let here = shown.into_iter().filter(|(s, ..)| *s == sheet);
            for (i, (_, r, c, text)) in here.enumerate() {
                facts.numbers.push((r, c, i as u32));
                facts.formats.push(Some(text));
            }
            facts.shown = true;
            facts.ods_dates = std::mem::take(&mut ods_dates);
            // An .xls: the number cells its formats show otherwise (by code, not shown text).
            if let Some(x) = xls_formats.take() {
                let offset = facts.formats.len() as u32;
                facts.formats.extend(x.codes.into_iter().map(Some));
                if let Some((_, numbers)) = x.sheets.into_iter().find(|(name, _)| *name == sheet) {
                    facts.numbers.extend(numbers.into_iter().map(|(r, c, i)| (r, c, i + offset)));
                }
                facts.shown = false;
            }
            facts.numbers.sort_unstable();
            (cells, facts)
        }
    };
    Ok((cells, facts, sheet, format))
}

/// A dense calamine range as the cells present, and its first formula without a saved value.
fn dense(
    range: calamine::Range<Data>,
    formulas: Option<calamine::Range<String>>,
) -> (xlsx::Cells<'static>, xlsx::Facts) {
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let mut facts = xlsx::Facts::default();
    if let Some(formulas) = formulas {
        let (f0, g0) = formulas.start().unwrap_or((0, 0));
        facts.unsaved_formula = formulas
            .used_cells()
            .map(|(r, c, f)| (f0 + r as u32, g0 + c as u32, f))
            .find(|(row, col, f)| {
                let saved = range.get_value((*row, *col)).is_some_and(|v| *v != Data::Empty && !is_empty_text(v));
                !f.trim().is_empty() && !saved
            })
            .map(|(r, c, f)| (r, c, f.clone()));
    }
    let cells = range
        .used_cells()
        .filter(|(_, _, v)| **v != Data::Empty)
        .map(|(r, c, v)| (r0 + r as u32, c0 + c as u32, v.clone()))
        .collect();
    (xlsx::Cells::Held(cells), facts)
}

impl From<limits::Refused> for CsvError {
    fn from(r: limits::Refused) -> Self {
        refused(r)
    }
}

fn read_unguarded(
    bytes: &[u8],
    format: &'static str,
    want: Option<&str>,
    options: &Options,
) -> Result<SheetList, CsvError> {
    let id_name = options.id_column.as_deref().unwrap_or("id").trim();
    let (mut cells, facts, sheet, format) = load(bytes, format, want, id_name)?;
    let reference = reference_name(&sheet);
    let at = |row: u32, col: u32| format!("{reference}!{}{}", letters(col), row + 1);
    // A formula without a saved value would read as an empty cell.
    if let Some((row, col, f)) = facts.unsaved_formula {
        let cell = at(row, col);
        return Err(fail(
            CsvKind::Formula,
            Some((&reference, cell)),
            "a formula with its calculated value",
            format!("={f}"),
        ));
    }
    // First pass: the header, the first row with a cell naming the id column
    // (a title above the list is skipped), else the first row that is not
    // empty; and each column's last row, for the columns of the list.
    let (mut first, mut named, mut last_row) = (None, None, std::collections::HashMap::new());
    cells.each(&mut |row, col, v| -> Result<(), CsvError> {
        first = first.or(Some(row));
        if named.is_none() && matches!(v, Data::String(s) if s.trim().eq_ignore_ascii_case(id_name)) {
            named = Some(row);
        }
        last_row.insert(col, row);
        Ok(())
    })?;
    let Some(header_row) = named.or(first) else {
        let e = fail(CsvKind::Empty, None, "a header row naming the columns, with an \"id\" column", "an empty sheet");
        return Err(in_sheet(e, &reference));
    };
    // The columns of the list: every column with a header or a value below it.
    let mut used: Vec<u32> = last_row.into_iter().filter(|&(_, r)| r >= header_row).map(|(c, _)| c).collect();
    used.sort_unstable();
    // Second pass: the rows, one at a time.
    let text = |row: u32, col: u32, v: &Data| -> Result<String, CsvError> {
        cell_text(v).ok_or_else(|| fail(CsvKind::CellError, Some((&reference, at(row, col))), "a value", v.to_string()))
    };
    let mut list: Option<Rows> = None;
    let take_row = |list: &mut Option<Rows>, row: u32, r: &[(u32, Data)]| -> Result<(), CsvError> {
        let value_at = |col: u32| r.binary_search_by_key(&col, |c| c.0).ok().map_or(&Data::Empty, |i| &r[i].1);
        let Some(rows) = list else {
            let names = used
                .iter()
                .map(|&c| text(row, c, value_at(c)).map(|t| t.trim().to_string()))
                .collect::<Result<Vec<_>, _>>()?;
            let place = Place::Sheet { sheet: reference.clone(), letters: used.iter().map(|&c| letters(c)).collect() };
            *list = Some(Rows::new(names, options, place, 0)?);
            return Ok(());
        };
        let id_col = used.get(rows.id_index()).copied();
        let fields = used
            .iter()
            .enumerate()
            .map(|(k, &c)| {
                // Named by its column, as every other problem in a row.
                let v = value_at(c);
                let number_format =
                    facts.format_at(row, c).filter(|_| Some(c) == id_col).map(|f| (quote(f), facts.shown));
                // An .ods date as id: the sheet shows 13-03-2024 where the
                // cell holds 2024-03-13, as a formatted number shows 001 for 1.
                let date_id = || {
                    let shown = facts.date_shown(row, c, v).filter(|_| Some(c) == id_col)?;
                    (cell_text(v).as_deref() != Some(shown.as_str())).then(|| (quote(&shown), true))
                };
                if let Some((format, shown)) = number_format.or_else(date_id) {
                    let e = fail(
                        CsvKind::IdNumberFormat { format, shown },
                        Some((&reference, at(row, c))),
                        "an id typed as text",
                        cell_text(v).unwrap_or_default(),
                    );
                    return Err(CsvError { column: Some(rows.labels[k].clone()), ..e });
                }
                // A date as the sheet shows it (issue 28), except an id: its
                // one form is ISO 8601, whatever the format and the machine.
                if Some(c) != id_col {
                    if let Some(shown) = facts.date_shown(row, c, v) {
                        return Ok(shown);
                    }
                }
                text(row, c, v).map_err(|e| CsvError { column: Some(rows.labels[k].clone()), ..e })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let fields: Vec<&str> = fields.iter().map(String::as_str).collect();
        rows.push(u64::from(row) + 1, &fields)
    };
    let mut current: (u32, Vec<(u32, Data)>) = (header_row, Vec::new());
    cells.each(&mut |row, col, v| -> Result<(), CsvError> {
        if row < header_row {
            return Ok(());
        }
        if row != current.0 {
            take_row(&mut list, current.0, &current.1)?;
            current = (row, Vec::new());
        }
        current.1.push((col, v.clone()));
        Ok(())
    })?;
    take_row(&mut list, current.0, &current.1)?;
    let Some(list) = list else {
        let e = fail(CsvKind::Empty, None, "a header row naming the columns, with an \"id\" column", "an empty sheet");
        return Err(in_sheet(e, &reference));
    };
    let list = list.finish(u64::from(header_row) + 2)?;
    Ok(SheetList { list, sheet, format })
}

fn is_empty_text(v: &Data) -> bool {
    matches!(v, Data::String(s) if s.is_empty())
}

/// The text a person sees in a cell, or `None` for an error value.
pub fn cell_text(v: &Data) -> Option<String> {
    Some(match v {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(d) => date(d.as_f64()),
        Data::Error(_) => return None,
    })
}

/// A number as a person reads it: whole numbers without a fraction (`2.0`
/// is `2`), others in the shortest form that reads back the same.
fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// A date cell (days since 1899-12-30, Excel's 1900 system) as ISO 8601:
/// `2026-12-01`, with the time when there is one.
fn date(serial: f64) -> String {
    // Excel's 1900 system counts a 29 February 1900 that never was (serial
    // 60): serials before it are one day later than days since 1899-12-30.
    if !(1.0..2_958_466.0).contains(&serial) || (60.0..61.0).contains(&serial) {
        return number(serial);
    }
    let whole = serial.floor();
    let days = whole as i64 - 25_569 + i64::from(whole < 60.0);
    let (y, m, d) = potdraw_core::time::civil_from_days(days);
    let secs = ((serial - whole) * 86_400.0).round() as i64;
    if secs == 0 {
        format!("{y:04}-{m:02}-{d:02}")
    } else if secs >= 86_400 {
        date(whole + 1.0)
    } else {
        format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", secs / 3600, secs / 60 % 60, secs % 60)
    }
}

/// A column's letters: 0 is A, 25 is Z, 26 is AA.
pub fn letters(mut col: u32) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A sheet's name as written in a reference: `Blad1`, or `'Mijn lijst'`.
pub fn reference_name(sheet: &str) -> String {
    let plain = sheet.chars().all(|c| c.is_alphanumeric() || c == '_')
        && !sheet.starts_with(|c: char| c.is_ascii_digit())
        && !sheet.is_empty();
    if plain {
        sheet.to_string()
    } else {
        format!("'{}'", sheet.replace('\'', "''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_read_as_a_person_sees_them() {
        assert_eq!(cell_text(&Data::Float(2.0)).unwrap(), "2");
        assert_eq!(cell_text(&Data::Float(1.5)).unwrap(), "1.5");
        assert_eq!(cell_text(&Data::Float(-1.0)).unwrap(), "-1");
        assert_eq!(cell_text(&Data::Float(1e20)).unwrap(), "100000000000000000000");
        assert_eq!(cell_text(&Data::Int(7)).unwrap(), "7");
        assert_eq!(cell_text(&Data::Empty).unwrap(), "");
        assert_eq!(cell_text(&Data::String(" Zoë ".into())).unwrap(), " Zoë ");
        assert!(cell_text(&Data::Error(calamine::CellErrorType::Div0)).is_none());
        assert_eq!(date(46_357.0), "2026-12-01");
        // Before 1970 (a birth date), and before Excel's 29 February 1900.
        assert_eq!(date(20_090.0), "1955-01-01");
        assert_eq!(date(1.0), "1900-01-01");
        assert_eq!(date(59.0), "1900-02-28");
        assert_eq!(date(61.0), "1900-03-01");
        assert_eq!(date(60.0), "60");
        assert_eq!(date(46_357.75), "2026-12-01T18:00:00Z");
    }

    #[test]
    fn places_are_named_as_in_the_spreadsheet() {
        assert_eq!(
            [letters(0), letters(2), letters(25), letters(26), letters(27), letters(701), letters(702)],
            ["A", "C", "Z", "AA", "AB", "ZZ", "AAA"]
        );
        assert_eq!(reference_name("Blad1"), "Blad1");
        assert_eq!(reference_name("Mijn lijst"), "'Mijn lijst'");
        assert_eq!(reference_name("Jan's"), "'Jan''s'");
    }

    #[test]
    fn spreadsheets_are_known_by_extension_or_first_bytes() {
        let p = std::path::Path::new;
        assert_eq!(format_of(p("lijst.XLSX"), b""), Some("xlsx"));
        assert_eq!(format_of(p("lijst.ods"), b""), Some("ods"));
        assert_eq!(format_of(p("lijst.csv"), b"PK\x03\x04rest"), Some("auto"));
        assert_eq!(format_of(p("lijst.csv"), b"id\nA\n"), None);
        let e = read(b"id\nA\n", "xlsx", None, &Options::default()).unwrap_err();
        assert_eq!(e.kind, CsvKind::SheetOpen);
    }
}
