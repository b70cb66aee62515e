//! The organiser's candidate list (SPEC §4.1): CSV with a header row.
//!
//! Spreadsheets export many dialects of "CSV"; we accept UTF-8 with or
//! without a byte-order mark, LF or CRLF, and RFC 4180 quoting (commas and
//! newlines inside quotes). Everything else is refused with the line, the
//! column, what was expected and what was found: a list that is silently
//! misread would draw the wrong people.
//!
//! The checks of a row (id, weight, the private columns) live in [`Rows`],
//! the one place that validates a list, whatever it came from: this CSV
//! reader feeds it, and so does the spreadsheet reader ([`crate::sheet`]).
//! Which columns hold the id and the weight is decided there too, and a
//! column whose name suggests a weight but is not read as one is refused
//! (issue 16: a `Weging` column silently copied into the receipts gave an
//! unweighted draw that verified).

use crate::columns::WEIGHT_NAMES;
pub use crate::columns::{delimiter_name, detect_delimiter, looks_like_weight, List, Options, Place};
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
    /// In a spreadsheet: the sheet and the cell (boxed: most errors have none).
    pub sheet: Option<Box<SheetPlace>>,
}

/// A place in a spreadsheet, as a person sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetPlace {
    /// The sheet's name as written in a cell reference: `Blad1`, `'Mijn lijst'`.
    pub sheet: String,
    /// The cell, `Blad1!C7`, when the problem is in one.
    pub cell: Option<String>,
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
    /// An id that a spreadsheet would run as a formula (`=1+1`, `+31…`,
    /// `-5`, `@SUM(…)`): refused, so no file written for a spreadsheet
    /// ever has to carry it (issue 26, part 3).
    IdFormula,
    /// SPEC §4.1 (RFC 4180): a closing quote followed by more text, `"A"x`.
    TextAfterQuote,
    /// SPEC §4.1 (RFC 4180): a quote inside a field that does not start with one, `A"x`.
    QuoteInField,
    /// A second byte-order mark after the first.
    DoubleBom,
    /// SPEC §4.1: a line ended by CR alone.
    BareCr,
    /// `--id-column` or `--weight-column` names no column of the header.
    NoSuchColumn {
        /// `--weight-column` (else `--id-column`).
        weight: bool,
        name: String,
    },
    /// A column whose name suggests a weight, but weights are read from
    /// another column (`used`) or from none.
    WeightLike {
        used: Option<String>,
    },
    /// The header row has more than one of `,` `;` tab, as often as each other.
    Separator,
    /// `--encoding windows-1252` for a file that is UTF-8 with non-ASCII characters.
    EncodingIsUtf8,
    /// A spreadsheet file that cannot be read as one.
    SheetOpen,
    /// `--sheet NAME` names no sheet of the workbook.
    SheetMissing {
        name: String,
    },
    /// A cell holding an error value such as `#DIV/0!`.
    CellError,
    /// A formula without a saved (cached) value.
    Formula,
    /// A spreadsheet beyond a limit of `sheet::limits` (issue 26).
    SheetTooLarge(Box<crate::sheet::limits::Limit>),
    /// An Excel binary workbook (.xlsb): refused before it is opened, because
    /// its cells cannot be bounded before calamine allocates (issue 26).
    SheetXlsb,
    /// An id stored as a number but shown through a number format (`001`).
    IdNumberFormat {
        /// The format's code, or the text shown when `shown`.
        format: String,
        shown: bool,
    },
    /// `--where COLUMN=VALUE` names no column of the header.
    FilterColumn {
        name: String,
    },
    /// `--delimiter`, `--encoding` for a spreadsheet, or `--sheet` for a CSV file.
    FlagNotForFile {
        flag: &'static str,
        spreadsheet: bool,
    },
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
            CsvKind::DuplicateId { .. } => "csv-duplicate-id",
            CsvKind::DuplicateIdNfc { .. } => "csv-duplicate-id-nfc",
            CsvKind::Weight { .. } => "csv-weight",
            CsvKind::Syntax => "csv-syntax",
            CsvKind::NoRows => "csv-no-rows",
            CsvKind::FieldTooLong { .. } => "csv-field-too-long",
            CsvKind::TooMany { .. } => "csv-too-many",
            CsvKind::IdUnassigned { .. } => "csv-id-unassigned",
            CsvKind::IdInvisible { .. } => "csv-id-invisible",
            CsvKind::IdNoVisible => "csv-id-no-visible",
            CsvKind::IdFormula => "csv-id-formula",
            CsvKind::TextAfterQuote => "csv-text-after-quote",
            CsvKind::QuoteInField => "csv-quote-in-field",
            CsvKind::DoubleBom => "csv-double-bom",
            CsvKind::BareCr => "csv-bare-cr",
            CsvKind::NoSuchColumn { .. } => "csv-no-such-column",
            CsvKind::WeightLike { .. } => "csv-weight-column-unused",
            CsvKind::Separator => "csv-separator",
            CsvKind::EncodingIsUtf8 => "csv-encoding-utf8",
            CsvKind::SheetOpen => "sheet-open",
            CsvKind::SheetMissing { .. } => "sheet-missing",
            CsvKind::CellError => "sheet-cell-error",
            CsvKind::Formula => "sheet-formula",
            CsvKind::SheetTooLarge(_) => "sheet-too-large",
            CsvKind::SheetXlsb => "sheet-xlsb",
            CsvKind::IdNumberFormat { .. } => "sheet-id-number-format",
            CsvKind::FlagNotForFile { .. } => "list-flag",
            CsvKind::FilterColumn { .. } => "list-where-column",
        }
    }
}

/// SPEC §7.7: the longest field of the list in bytes (a cell holding a
/// whole file by a quoting mistake is refused, not carried along).
pub const MAX_FIELD_BYTES: usize = 64 * 1024;
/// SPEC §7.7: the most candidates one list may hold.
pub const MAX_CANDIDATES: usize = 10_000_000;

pub(crate) fn err(
    line: u64,
    column: Option<String>,
    kind: CsvKind,
    expected: impl Into<String>,
    found: impl Into<String>,
) -> CsvError {
    CsvError { line, column, expected: expected.into(), found: found.into(), kind, sheet: None }
}

/// Reads candidates from the bytes of a CSV file (separator detected).
pub fn parse(bytes: &[u8]) -> Result<Vec<Candidate>, CsvError> {
    parse_with(bytes, &Options::default()).map(|l| l.candidates)
}

/// Reads candidates from the bytes of a CSV file, as `options` say.
pub fn parse_with(bytes: &[u8], options: &Options) -> Result<List, CsvError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let delimiter = match options.delimiter {
        Some(d) => d,
        None => detect_delimiter(bytes)?,
    };
    if bytes.starts_with(b"\xef\xbb\xbf") {
        return Err(err(
            1,
            Some(col(0, "")),
            CsvKind::DoubleBom,
            "at most one byte-order mark at the start of the file",
            "two: the file starts with two byte-order marks",
        ));
    }
    crate::quoting::check_quoting(bytes, delimiter)?;
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(bytes);
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
    let rows_hint = bytes.iter().filter(|&&b| b == b'\n').count();
    let mut rows = Rows::new(names, options, Place::Csv, rows_hint)?;
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
        rows.check_count(line, record.len())?;
        let fields: Vec<&str> =
            record.iter().enumerate().map(|(i, f)| utf8(line, &rows.labels[i], f)).collect::<Result<_, _>>()?;
        rows.push(line, &fields)?;
    }
    rows.finish(2)
}

/// The one validator of a candidate list (SPEC §4.1): the header's columns,
/// then each row's id, weight and private columns.
pub struct Rows {
    names: Vec<String>,
    /// "2 (weight)" for CSV, the column's name for a sheet: each column's label in messages.
    pub labels: Vec<String>,
    id_col: usize,
    weight_col: Option<usize>,
    /// `--where`: the column of each filter, and how many rows it left out.
    filters: Vec<(usize, crate::columns::Filter, u64)>,
    /// Rows with nothing in any cell, skipped.
    blank_rows: u64,
    place: Place,
    out: Vec<Candidate>,
    // Indices into `out`, by id (NFC); the id as written when it was not NFC already.
    seen: hashbrown::HashTable<usize>,
    written: HashMap<usize, String>,
    hasher: foldhash::fast::RandomState,
}

impl Rows {
    /// Checks the header and chooses the id and weight columns.
    pub fn new(names: Vec<String>, options: &Options, place: Place, rows_hint: usize) -> Result<Rows, CsvError> {
        let labels: Vec<String> = match &place {
            Place::Csv => names.iter().enumerate().map(|(i, n)| col(i, n)).collect(),
            Place::Sheet { letters, .. } => {
                names.iter().zip(letters).map(|(n, l)| if n.is_empty() { l.clone() } else { n.clone() }).collect()
            }
        };
        let mut rows = Rows {
            names,
            labels,
            id_col: 0,
            weight_col: None,
            filters: Vec::new(),
            blank_rows: 0,
            place,
            out: Vec::new(),
            seen: hashbrown::HashTable::new(),
            written: HashMap::new(),
            hasher: foldhash::fast::RandomState::default(),
        };
        let names = &rows.names;
        let find = |want: &str| names.iter().position(|n| n.eq_ignore_ascii_case(want.trim()));
        let columns = || names.iter().map(|n| quote(n)).collect::<Vec<_>>().join(", ");
        let id_col = match &options.id_column {
            Some(want) => find(want).ok_or_else(|| {
                let kind = CsvKind::NoSuchColumn { weight: false, name: want.clone() };
                rows.fail(1, None, kind, format!("a column named {}", quote(want)), columns())
            })?,
            None => find("id").ok_or_else(|| {
                rows.fail(1, None, CsvKind::NoIdColumn, "a header row with an \"id\" column", columns())
            })?,
        };
        let weight_col = match &options.weight_column {
            Some(want) => Some(find(want).ok_or_else(|| {
                let kind = CsvKind::NoSuchColumn { weight: true, name: want.clone() };
                rows.fail(1, None, kind, format!("a column named {}", quote(want)), columns())
            })?),
            None => WEIGHT_NAMES.iter().find_map(|w| find(w)),
        };
        // Duplicates by a set of the names seen (ASCII case folded), not by
        // comparing each name with every earlier one: a header of 40,000
        // columns took 10 s that way (SPEC §7.7).
        let mut first = HashMap::with_capacity(names.len());
        for (i, n) in names.iter().enumerate() {
            if n.is_empty() {
                return Err(rows.fail(1, Some(i), CsvKind::HeaderEmpty, "a column name", "an empty header cell"));
            }
            if let Some(&j) = first.get(&n.to_ascii_lowercase()) {
                return Err(rows.fail(
                    1,
                    Some(i),
                    CsvKind::HeaderDuplicate { first: j + 1 },
                    format!("a name not used before (column {} has it)", j + 1),
                    quote(n),
                ));
            }
            first.insert(n.to_ascii_lowercase(), i);
        }
        if let Some(i) =
            (0..names.len()).find(|&i| i != id_col && Some(i) != weight_col && looks_like_weight(&names[i]))
        {
            let used = weight_col.map(|w| names[w].clone());
            return Err(rows.fail(
                1,
                Some(i),
                CsvKind::WeightLike { used },
                "weights read from this column (--weight-column NAME), or a name that is not a weight's",
                quote(&names[i]),
            ));
        }
        for f in &options.filters {
            let Some(i) = rows.names.iter().position(|n| crate::columns::same(n, &f.column)) else {
                let found = rows.names.iter().map(|n| quote(n)).collect::<Vec<_>>().join(", ");
                return Err(rows.fail(
                    1,
                    None,
                    CsvKind::FilterColumn { name: quote(&f.column) },
                    format!("a column named {}", quote(&f.column)),
                    found,
                ));
            };
            rows.filters.push((i, f.clone(), 0));
        }
        rows.id_col = id_col;
        rows.weight_col = weight_col;
        rows.out.reserve(rows_hint.min(MAX_CANDIDATES));
        rows.seen.reserve(rows_hint.min(MAX_CANDIDATES), |_| 0);
        Ok(rows)
    }

    /// An error at `line` (a CSV line or a sheet row) and column `i`.
    fn fail(
        &self,
        line: u64,
        i: Option<usize>,
        kind: CsvKind,
        expected: impl Into<String>,
        found: impl Into<String>,
    ) -> CsvError {
        let mut e = err(line, i.map(|i| self.labels[i].clone()), kind, expected, found);
        if let Place::Sheet { sheet, letters } = &self.place {
            let cell = i.map(|i| format!("{sheet}!{}{line}", letters[i]));
            e.sheet = Some(Box::new(SheetPlace { sheet: sheet.clone(), cell }));
        }
        e
    }

    /// An id that breaks a rule of SPEC §4.1, located in the list.
    fn id_error(&self, line: u64, id: &str, e: &IdError) -> CsvError {
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
                format!(
                    "an id of characters assigned in Unicode {}{}",
                    potdraw_core::unicode::VERSION,
                    at(position, c)
                )
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
        self.fail(line, Some(self.id_col), kind, expected, found)
    }

    /// SPEC §4.1: every record has as many fields as the header; and at most
    /// [`MAX_CANDIDATES`] rows (SPEC §7.7).
    pub fn check_count(&self, line: u64, fields: usize) -> Result<(), CsvError> {
        if self.out.len() >= MAX_CANDIDATES {
            return Err(self.fail(
                line,
                None,
                CsvKind::TooMany { max: MAX_CANDIDATES },
                format!("at most {MAX_CANDIDATES} candidates"),
                "more rows",
            ));
        }
        if fields != self.names.len() {
            return Err(self.fail(
                line,
                None,
                CsvKind::FieldCount { expected: self.names.len(), found: fields },
                format!("{} fields, as in the header", self.names.len()),
                format!("{fields} fields"),
            ));
        }
        Ok(())
    }

    /// Checks one row and adds its candidate.
    /// The id column's index among the names.
    pub fn id_index(&self) -> usize {
        self.id_col
    }

    pub fn push(&mut self, line: u64, fields: &[&str]) -> Result<(), CsvError> {
        self.check_count(line, fields.len())?;
        // A row with nothing in it holds nobody: skipped and counted, in every format.
        if fields.iter().all(|f| f.trim().is_empty()) {
            self.blank_rows += 1;
            return Ok(());
        }
        // `--where`: a row of another neighbourhood is no candidate, and is
        // not checked as one (its id may be empty or another list's).
        if let Some(f) = self.filters.iter_mut().find(|(i, f, _)| !f.matches(fields[*i])) {
            f.2 += 1;
            return Ok(());
        }
        if let Some((i, f)) = fields.iter().enumerate().find(|(_, f)| f.len() > MAX_FIELD_BYTES) {
            return Err(self.fail(
                line,
                Some(i),
                CsvKind::FieldTooLong { max: MAX_FIELD_BYTES, found: f.len() },
                format!("a field of at most {MAX_FIELD_BYTES} bytes"),
                format!("{} bytes", f.len()),
            ));
        }
        let id_col = self.id_col;
        let raw_id = fields[id_col];
        // SPEC §4.1: the id rules are core's, shared with `check --id`.
        let id = potdraw_core::unicode::check_id(raw_id).map_err(|e| self.id_error(line, raw_id.trim(), &e))?;
        if crate::spreadsheet_safe::holds_formula(&id) {
            return Err(self.fail(
                line,
                Some(id_col),
                CsvKind::IdFormula,
                "an id that does not start with = + - or @",
                quote(&id),
            ));
        }
        let id_name = || Some(id_col);
        let (out, written) = (&self.out, &self.written);
        let hash = self.hasher.hash_one(id.as_str());
        if let Some(&j) = self.seen.find(hash, |&j| out[j].id == id) {
            let (first, first_raw) = (out[j].line, written.get(&j).map_or(out[j].id.as_str(), String::as_str));
            let (how, kind) = if raw_id.trim() == first_raw {
                ("the same id", CsvKind::DuplicateId { first })
            } else {
                ("the same id after Unicode normalisation (NFC)", CsvKind::DuplicateIdNfc { first })
            };
            return Err(self.fail(
                line,
                id_name(),
                kind,
                format!("an id not used before ({how} is on line {first})"),
                quote(&id),
            ));
        }
        let weight = match self.weight_col {
            None => 1,
            Some(w) => parse_weight(fields[w]).map_err(|e| self.fail(line, Some(w), e.kind, e.expected, e.found))?,
        };
        let mut columns = Vec::new();
        for (i, name) in self.names.iter().enumerate() {
            if i != id_col && Some(i) != self.weight_col {
                // Trimmed as the id is (issue 28: "Ilse Kramer  " reached the slips).
                columns.push((name.clone(), fields[i].trim().to_string()));
            }
        }
        if raw_id.trim() != id {
            self.written.insert(self.out.len(), raw_id.trim().to_string());
        }
        let (out, hasher) = (&self.out, &self.hasher);
        self.seen.insert_unique(hash, out.len(), |&j| hasher.hash_one(out[j].id.as_str()));
        self.out.push(Candidate { id, weight, line, columns });
        Ok(())
    }

    /// The list, if it holds a candidate; `next_line` is the line after the header.
    pub fn finish(self, next_line: u64) -> Result<List, CsvError> {
        if self.out.is_empty() {
            return Err(self.fail(
                next_line,
                None,
                CsvKind::NoRows,
                "at least one candidate after the header row",
                "no rows",
            ));
        }
        let private = (0..self.names.len())
            .filter(|&i| i != self.id_col && Some(i) != self.weight_col)
            .map(|i| self.names[i].clone())
            .collect();
        let left_out = self.filters.iter().map(|(_, f, n)| (f.clone(), *n)).collect();
        Ok(List {
            left_out,
            blank_rows: self.blank_rows,
            id_column: self.names[self.id_col].clone(),
            weight_column: self.weight_col.map(|w| self.names[w].clone()),
            private,
            candidates: self.out,
        })
    }
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

/// A weight cell (SPEC §4.1): ASCII digits, trimmed, 1 to [`MAX_WEIGHT`].
/// The caller adds the place.
fn parse_weight(text: &str) -> Result<u64, CsvError> {
    let t = text.trim();
    match t.parse::<u64>() {
        Ok(w) if (1..=MAX_WEIGHT).contains(&w) && t.bytes().all(|b| b.is_ascii_digit()) => Ok(w),
        _ => Err(err(
            0,
            None,
            CsvKind::Weight { max: MAX_WEIGHT },
            format!("a whole number from 1 to {MAX_WEIGHT}"),
            quote(text),
        )),
    }
}

pub(crate) fn col(i: usize, name: &str) -> String {
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
#[path = "candidates_tests.rs"]
mod candidates_tests;
