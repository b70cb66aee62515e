//! Bounds on reading a spreadsheet, checked before anything is allocated
//! for its content (issue 26, part 4).
//!
//! A spreadsheet is a zip archive of XML (or a binary OLE file), and what
//! the archive declares about itself can lie: a 2 KB `.xlsx` with a cell at
//! A1 and one at XFD1048576 made calamine build a dense range of 512 GiB
//! (an abort, which `catch_unwind` cannot catch), a 2 MB one inflated to
//! 2 GiB of whitespace, a 5 MB one held 2 GB of shared strings. So, before
//! calamine reads a part:
//!
//! - every part of the archive is inflated once into a counting sink:
//!   its declared size is checked first, then the bytes actually inflated
//!   (declared sizes lie), each part and all parts together;
//! - the same pass bounds the longest run of XML without a tag break
//!   (a text node or tag is buffered whole by the XML reader) and counts
//!   the shared strings (`<si>` elements) — no XML is parsed to do so;
//! - the used range (rows × columns) is taken from the cells actually
//!   present, never from the declared `<dimension>`, and checked as they
//!   are read ([`Bounds`]).
//!
//! With these, peak memory stays below 256 MB for any input up to the
//! limits (crates/cli/tests/sheet_limits.rs measures it). The limits are
//! listed in SPEC §7.7.

use crate::i18n::Lang;
use std::io::{Cursor, Read};

/// A spreadsheet file as stored (compressed) (only ever read whole).
pub const MAX_FILE: u64 = 64 << 20;
/// The parts of a zip archive (Excel writes a dozen; LibreOffice a few more).
pub const MAX_PARTS: usize = 10_000;
/// One part, inflated.
pub const MAX_PART: u64 = 128 << 20;
/// All parts together, inflated (bounds the time spent inflating).
pub const MAX_INFLATED: u64 = 256 << 20;
/// The longest text or tag of XML (an Excel cell holds 32,767 characters).
pub const MAX_RUN: u64 = 1 << 20;
/// Shared strings: their part, inflated, and their number.
pub const MAX_SHARED_BYTES: u64 = 64 << 20;
pub const MAX_SHARED_STRINGS: u64 = 2_097_152;
/// Excel's own rows and columns (XFD).
pub const MAX_ROWS: u32 = 1_048_576;
pub const MAX_COLUMNS: u32 = 16_384;
/// The used range, rows × columns, from the first to the last cell present.
pub const MAX_CELLS: u64 = 2_097_152;
/// The same for an `.ods` file: all its sheets together, as calamine builds
/// the range of every sheet (dense, twice) when it opens the file.
pub const MAX_ODS_CELLS: u64 = 1_048_576;
/// The text the cells of a sheet hold together, as calamine holds it: each
/// cell its own copy of a shared string, an `.ods` cell once for every
/// time it is repeated (issue 26, part 4).
pub const MAX_TEXT: u64 = 64 << 20;
/// The shared formulas (`<f t="shared">`) of an `.xlsx` sheet: their number
/// and their text together, as our own pass keeps them.
pub const MAX_SHARED_FORMULAS: usize = 65_536;
pub const MAX_SHARED_FORMULA_BYTES: u64 = 16 << 20;

/// A limit a spreadsheet went beyond; [`describe`] says which in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Limit {
    File {
        size: u64,
    },
    Parts {
        count: usize,
    },
    PartDeclared {
        part: String,
        size: u64,
    },
    Part {
        part: String,
    },
    Inflated,
    Run {
        part: String,
    },
    SharedBytes {
        part: String,
        size: u64,
    },
    SharedStrings {
        count: u64,
    },
    Rows {
        row: u64,
    },
    Columns {
        column: u64,
    },
    Cells {
        sheet: String,
        first: String,
        last: String,
        rows: u64,
        columns: u64,
        max: u64,
    },
    /// `.xls` (see `xls.rs`): the Workbook stream, a number the file claims
    /// that calamine allocates by, CONTINUE records, macros, cell text.
    XlsStream {
        size: u64,
    },
    XlsClaim {
        field: String,
        claimed: u64,
        max: u64,
    },
    XlsContinues {
        count: u64,
    },
    XlsMacros,
    XlsText {
        size: u64,
    },
    /// Two cells at one position (`Blad1!A3`): Excel and LibreOffice never write that.
    Repeated {
        cell: String,
    },
    /// More cells with content than [`MAX_CELLS`] (counted, not spanned).
    CellCount {
        sheet: String,
        max: u64,
    },
    /// More text in the cells than [`MAX_TEXT`].
    Text {
        sheet: String,
        size: u64,
    },
    SharedFormulas {
        count: usize,
        size: u64,
    },
}

/// What was found and which limit it passes, as the `{found}` of `errors.sheet-too-large`.
pub fn describe(lang: Lang, limit: &Limit) -> String {
    use crate::t;
    match limit {
        Limit::File { size } => t!(lang, "list.sheet-limit-file", size = size, max = MAX_FILE),
        Limit::Parts { count } => t!(lang, "list.sheet-limit-parts", count = count, max = MAX_PARTS),
        Limit::PartDeclared { part, size } => {
            t!(lang, "list.sheet-limit-part-declared", part = part, size = size, max = MAX_PART)
        }
        Limit::Part { part } => t!(lang, "list.sheet-limit-part", part = part, max = MAX_PART),
        Limit::Inflated => t!(lang, "list.sheet-limit-inflated", max = MAX_INFLATED),
        Limit::Run { part } => t!(lang, "list.sheet-limit-run", part = part, max = MAX_RUN),
        Limit::SharedBytes { part, size } => {
            t!(lang, "list.sheet-limit-shared-bytes", part = part, size = size, max = MAX_SHARED_BYTES)
        }
        Limit::SharedStrings { count } => {
            t!(lang, "list.sheet-limit-shared-strings", count = count, max = MAX_SHARED_STRINGS)
        }
        Limit::Rows { row } => t!(lang, "list.sheet-limit-rows", row = row, max = MAX_ROWS),
        Limit::Columns { column } => {
            let letters = super::letters(MAX_COLUMNS - 1);
            t!(lang, "list.sheet-limit-columns", column = column, max = MAX_COLUMNS, letters = letters)
        }
        Limit::Cells { sheet, first, last, rows, columns, max } => t!(
            lang,
            "list.sheet-limit-cells",
            sheet = sheet,
            first = first,
            last = last,
            rows = rows,
            columns = columns,
            cells = rows * columns,
            max = max
        ),
        Limit::XlsStream { size } => {
            t!(lang, "list.sheet-limit-xls-stream", size = size, max = super::xls::MAX_XLS_STREAM)
        }
        Limit::XlsClaim { field, claimed, max } => {
            t!(lang, "list.sheet-limit-xls-claim", field = field, claimed = claimed, max = max)
        }
        Limit::XlsContinues { count } => {
            t!(lang, "list.sheet-limit-xls-continues", count = count, max = super::xls::MAX_CONTINUES)
        }
        Limit::XlsMacros => t!(lang, "list.sheet-limit-xls-macros"),
        Limit::XlsText { size } => {
            t!(lang, "list.sheet-limit-xls-text", size = size, max = super::xls::MAX_XLS_TEXT)
        }
        Limit::Repeated { cell } => t!(lang, "list.sheet-limit-repeated", cell = cell),
        Limit::CellCount { sheet, max } => t!(lang, "list.sheet-limit-cell-count", sheet = sheet, max = max),
        Limit::Text { sheet, size } => t!(lang, "list.sheet-limit-text", sheet = sheet, size = size, max = MAX_TEXT),
        Limit::SharedFormulas { count, size } => t!(
            lang,
            "list.sheet-limit-shared-formulas",
            count = count,
            size = size,
            max = MAX_SHARED_FORMULAS,
            bytes = MAX_SHARED_FORMULA_BYTES
        ),
    }
}

/// Why a spreadsheet was not read: a limit, or a damaged archive.
#[derive(Debug)]
pub enum Refused {
    Limit(Limit),
    Damaged(String),
}

impl From<Limit> for Refused {
    fn from(l: Limit) -> Self {
        Refused::Limit(l)
    }
}

/// Checks every part of a zip archive (xlsx, xlsm, xlsb, ods) as described
/// in the module's doc, inflating each once without keeping it.
pub fn check_archive(bytes: &[u8]) -> Result<(), Refused> {
    if bytes.len() as u64 > MAX_FILE {
        return Err(Limit::File { size: bytes.len() as u64 }.into());
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| Refused::Damaged(e.to_string()))?;
    if zip.len() > MAX_PARTS {
        return Err(Limit::Parts { count: zip.len() }.into());
    }
    let mut total = 0u64;
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|e| Refused::Damaged(e.to_string()))?;
        let name = part.name().to_string();
        let shared = is_shared_strings(&name);
        let max = if shared { MAX_SHARED_BYTES } else { MAX_PART };
        if part.size() > max {
            return Err(if shared {
                Limit::SharedBytes { part: name, size: part.size() }
            } else {
                Limit::PartDeclared { part: name, size: part.size() }
            }
            .into());
        }
        let xml = name.ends_with(".xml") || name.ends_with(".rels");
        let mut scan = Scan::default();
        let mut reader = (&mut part).take(max + 1);
        let mut buf = vec![0u8; 64 << 10];
        loop {
            let n = reader.read(&mut buf).map_err(|e| Refused::Damaged(format!("{name}: {e}")))?;
            if n == 0 {
                break;
            }
            total += n as u64;
            if total > MAX_INFLATED {
                return Err(Limit::Inflated.into());
            }
            if xml {
                scan.feed(&buf[..n]);
                if scan.longest > MAX_RUN {
                    return Err(Limit::Run { part: name }.into());
                }
                if shared && scan.si > MAX_SHARED_STRINGS {
                    return Err(Limit::SharedStrings { count: scan.si }.into());
                }
            } else {
                scan.bytes += n as u64;
            }
            if scan.bytes > max {
                return Err(if shared {
                    Limit::SharedBytes { part: name, size: scan.bytes }
                } else {
                    Limit::Part { part: name }
                }
                .into());
            }
        }
    }
    Ok(())
}

/// The shared strings of an xlsx (XML) or xlsb (binary) workbook.
fn is_shared_strings(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with("sharedstrings.xml") || lower.ends_with("sharedstrings.bin")
}

#[derive(Debug, Default, Clone, Copy, PartialEq)]
enum State {
    #[default]
    Text,
    /// In a tag; `name` collects its name.
    Tag,
    Comment,
    Cdata,
    Pi,
    /// `<!DOCTYPE …>` and other `<!` constructs, with the nesting of `<`.
    Bang(u32),
}

/// A streaming pass over XML bytes: their number, the longest run the XML
/// reader would buffer as one event, and the number of `<si>` elements.
#[derive(Debug, Default)]
struct Scan {
    bytes: u64,
    run: u64,
    longest: u64,
    state: State,
    /// The last bytes seen, newest in the low byte.
    recent: u64,
    name: [u8; 8],
    name_len: usize,
    si: u64,
}

impl Scan {
    fn feed(&mut self, chunk: &[u8]) {
        self.bytes += chunk.len() as u64;
        for &b in chunk {
            self.recent = (self.recent << 8) | u64::from(b);
            self.run += 1;
            let recent = self.recent;
            let ends = |s: &[u8]| {
                let mask = (1u64 << (8 * s.len())) - 1; // at most 4 bytes
                recent & mask == s.iter().fold(0u64, |acc, &c| (acc << 8) | u64::from(c))
            };
            match self.state {
                State::Text if b == b'<' => {
                    self.longest = self.longest.max(self.run - 1);
                    self.run = 1;
                    self.state = State::Tag;
                    self.name_len = 0;
                }
                State::Tag => {
                    if ends(b"<!--") {
                        self.state = State::Comment;
                    } else if ends(b"<![") {
                        self.state = State::Cdata;
                    } else if ends(b"<?") {
                        self.state = State::Pi;
                    } else if self.name_len == 1 && self.name[0] == b'!' && b != b'-' && b != b'[' {
                        self.state = State::Bang(0);
                    } else if b == b'>' || b == b'/' || b.is_ascii_whitespace() {
                        if self.name_len != usize::MAX {
                            let name = &self.name[..self.name_len];
                            if name == b"si" || name.ends_with(b":si") {
                                self.si += 1;
                            }
                            self.name_len = usize::MAX;
                        }
                        if b == b'>' {
                            self.state = State::Text;
                        }
                    } else if self.name_len < self.name.len() {
                        self.name[self.name_len] = b;
                        self.name_len += 1;
                    } else if self.name_len != usize::MAX {
                        self.name_len = usize::MAX; // a long name: not si
                    }
                }
                State::Comment if ends(b"-->") => self.state = State::Text,
                State::Cdata if ends(b"]]>") => self.state = State::Text,
                State::Pi if ends(b"?>") => self.state = State::Text,
                State::Bang(depth) => match b {
                    b'<' => self.state = State::Bang(depth + 1),
                    b'>' if depth == 0 => self.state = State::Text,
                    b'>' => self.state = State::Bang(depth - 1),
                    _ => {}
                },
                _ => {}
            }
        }
        self.longest = self.longest.max(self.run);
    }
}

/// The used range of the cells present so far, checked as each one comes.
#[derive(Debug)]
pub struct Bounds {
    first: Option<(u32, u32)>,
    last: (u32, u32),
    /// The cells this range may span.
    budget: u64,
}

impl Default for Bounds {
    fn default() -> Self {
        Bounds { first: None, last: (0, 0), budget: MAX_CELLS }
    }
}

impl Bounds {
    /// A range that may span `budget` cells (what other sheets left of a limit).
    pub fn within(budget: u64) -> Self {
        Bounds { budget, ..Bounds::default() }
    }

    /// The cells the range spans so far.
    pub fn cells(&self) -> u64 {
        self.first.map_or(0, |(r0, c0)| (u64::from(self.last.0 - r0) + 1) * (u64::from(self.last.1 - c0) + 1))
    }

    /// Takes a cell at `(row, col)` (0-based) into the range, or refuses it.
    pub fn take(&mut self, sheet: &str, row: u32, col: u32) -> Result<(), Limit> {
        if row >= MAX_ROWS {
            return Err(Limit::Rows { row: u64::from(row) + 1 });
        }
        if col >= MAX_COLUMNS {
            return Err(Limit::Columns { column: u64::from(col) + 1 });
        }
        let (r0, c0) = self.first.map_or((row, col), |(r, c)| (r.min(row), c.min(col)));
        let (r1, c1) = if self.first.is_some() { (self.last.0.max(row), self.last.1.max(col)) } else { (row, col) };
        let (rows, columns) = (u64::from(r1 - r0) + 1, u64::from(c1 - c0) + 1);
        if rows * columns > self.budget {
            let at = |r: u32, c: u32| format!("{}{}", super::letters(c), r + 1);
            let (sheet, max) = (sheet.to_string(), self.budget);
            return Err(Limit::Cells { sheet, first: at(r0, c0), last: at(r1, c1), rows, columns, max });
        }
        self.first = Some((r0, c0));
        self.last = (r1, c1);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(xml: &str) -> Scan {
        let mut s = Scan::default();
        // In two halves, so a construct across two chunks is seen too.
        let (a, b) = xml.as_bytes().split_at(xml.len() / 2);
        s.feed(a);
        s.feed(b);
        s
    }

    #[test]
    fn the_scan_counts_shared_strings_and_the_longest_run() {
        let s = scan(r#"<?xml version="1.0"?><sst count="2"><si><t>A-1</t></si><x:si><t>B</t></x:si><sis/></sst>"#);
        assert_eq!(s.si, 2);
        assert_eq!(s.longest, r#"<?xml version="1.0"?>"#.len() as u64);
        // A comment or CDATA with '<' inside is one event for the XML reader: one run.
        let body = format!("<a><!-- {} --></a>", "<b>".repeat(100));
        assert_eq!(scan(&body).longest, (body.len() - "<a>".len() - "</a>".len()) as u64);
        let cdata = format!("<a><![CDATA[{}]]></a>", "<b>".repeat(100));
        assert_eq!(scan(&cdata).longest, (cdata.len() - 7) as u64);
        let text = format!("<a>{}</a>", " ".repeat(5000));
        assert_eq!(scan(&text).longest, 5003);
    }

    #[test]
    fn the_used_range_comes_from_the_cells_present() {
        let mut b = Bounds::default();
        b.take("Blad1", 0, 0).unwrap();
        b.take("Blad1", 1_048_575, 1).unwrap();
        let e = b.take("Blad1", 5, 2).unwrap_err();
        assert_eq!(
            e,
            Limit::Cells {
                sheet: "Blad1".into(),
                first: "A1".into(),
                last: "C1048576".into(),
                rows: 1_048_576,
                columns: 3,
                max: MAX_CELLS
            }
        );
        assert_eq!(Bounds::default().take("B", MAX_ROWS, 0), Err(Limit::Rows { row: 1_048_577 }));
        assert_eq!(Bounds::default().take("B", 0, MAX_COLUMNS), Err(Limit::Columns { column: 16_385 }));
    }
}
