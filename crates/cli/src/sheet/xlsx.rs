//! The cells of an `.xlsx`/`.xlsm` sheet, read sparsely (issue 26).
//!
//! calamine's `worksheet_range` builds a dense range over the cells it
//! finds (one far cell made it allocate 512 GiB), and its formula reader
//! grows a table by an attribute of the file (`si="4000000000"`). So the
//! values come from calamine's streaming cell reader into a list of the
//! cells present, checked against [`Bounds`] as each one comes, and one
//! pass of our own over the sheet's XML finds what calamine does not say:
//!
//! - the first formula without a saved value (refused, never read as empty);
//! - the number cells shown through a number format other than General
//!   (`000` shows 1 as `001`): an id read from one would silently lose what
//!   the sheet shows (issue 26, part 5a), so such an id is refused.
//!
//! Both passes count the cells with content (at most [`MAX_CELLS`], not
//! only the range they span) and refuse two cells at one position, which
//! Excel and LibreOffice never write: 500 copies of `<c r="A3">` naming a
//! shared string of a million characters were held as 500 copies (984 MB
//! from a 2.9 KB file). The text the cells hold together is bounded by
//! [`MAX_TEXT`], and the shared formulas our pass keeps by
//! [`MAX_SHARED_FORMULAS`] and [`MAX_SHARED_FORMULA_BYTES`].
//!
//! Every part was bounded by [`super::limits::check_archive`] before.

use super::limits::{Bounds, Limit, Refused, MAX_CELLS, MAX_SHARED_FORMULAS, MAX_SHARED_FORMULA_BYTES, MAX_TEXT};
use calamine::{Data, Xlsx};
use quick_xml::events::Event;
use std::collections::HashMap;
use std::io::{BufReader, Cursor, Read};

/// A cell present in the sheet: row and column (0-based) and its value.
pub type Cell = (u32, u32, Data);

/// What a sheet holds besides its values.
#[derive(Debug, Default)]
pub struct Facts {
    /// The first formula (in the order of the file) without a saved value: its cell and text.
    pub unsaved_formula: Option<(u32, u32, String)>,
    /// Number cells with a number format that is not General: row, column
    /// and the index of the format in `formats`, sorted (12 bytes a cell).
    pub numbers: Vec<(u32, u32, u32)>,
    /// The formats' codes by style, or (`.ods`, `shown`) the text the sheet shows.
    pub formats: Vec<Option<String>>,
    pub shown: bool,
    /// The file's language (`.xlsx`: `dc:language` of docProps/core.xml),
    /// for Excel's built-in short date (issue 28).
    pub locale: Option<super::dates::Locale>,
    /// `.ods`: the date formats of the date cells (issue 28).
    pub ods_dates: super::ods::Dates,
}

impl Facts {
    /// The number format (or text shown) of a number cell, if not General.
    pub fn format_at(&self, row: u32, col: u32) -> Option<&str> {
        let i = self.numbers.binary_search_by_key(&(row, col), |&(r, c, _)| (r, c)).ok()?;
        self.formats.get(self.numbers[i].2 as usize)?.as_deref()
    }

    /// A date cell's value as the sheet shows it, through its number
    /// format (`.xlsx`, `.xls`) or date style (`.ods`); `None` when it is
    /// no date or its format is not read (see [`super::dates`]).
    pub fn date_shown(&self, row: u32, col: u32, v: &Data) -> Option<String> {
        use super::dates::{excel, render, Moment};
        match v {
            Data::DateTime(d) if !self.shown => {
                let moment = Moment::from_serial(d.as_f64())?;
                render(&excel(self.format_at(row, col)?, self.locale)?, &moment)
            }
            Data::DateTimeIso(s) => render(self.ods_dates.at(row, col)?, &Moment::from_iso(s)?),
            _ => None,
        }
    }
}

type Zip<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

fn damaged(e: impl std::fmt::Display) -> Refused {
    Refused::Damaged(e.to_string())
}

fn xml<R: Read>(part: R) -> quick_xml::Reader<BufReader<R>> {
    let mut r = quick_xml::Reader::from_reader(BufReader::new(part));
    r.config_mut().check_end_names = false;
    r.config_mut().expand_empty_elements = true;
    r
}

/// The attributes of an element by local name (prefixes dropped).
fn attrs(e: &quick_xml::events::BytesStart<'_>) -> Vec<(Vec<u8>, String)> {
    e.attributes()
        .filter_map(Result::ok)
        .map(|a| (a.key.local_name().as_ref().to_vec(), String::from_utf8_lossy(&a.value).into_owned()))
        .collect()
}

fn attr<'v>(list: &'v [(Vec<u8>, String)], name: &[u8]) -> Option<&'v str> {
    list.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// A part's name in the archive, as the workbook's relationships give it.
fn part_of(zip: &Zip<'_>, target: &str) -> Option<String> {
    let path = match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("xl/{target}"),
    };
    zip.file_names().find(|n| n.eq_ignore_ascii_case(&path)).map(str::to_string)
}

/// The zip part holding sheet `name`, from xl/workbook.xml and its relationships.
fn sheet_part(zip: &mut Zip<'_>, name: &str) -> Result<String, Refused> {
    let mut rid = None;
    {
        let mut r = xml(zip.by_name("xl/workbook.xml").map_err(damaged)?);
        let mut buf = Vec::new();
        loop {
            match r.read_event_into(&mut buf).map_err(damaged)? {
                Event::Start(e) if e.local_name().as_ref() == b"sheet" => {
                    let a = attrs(&e);
                    if attr(&a, b"name").map(unescape).as_deref() == Some(name) {
                        rid = attr(&a, b"id").map(str::to_string);
                        break;
                    }
                }
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
    }
    let rid = rid.ok_or_else(|| damaged(format!("no sheet {name} in xl/workbook.xml")))?;
    let mut target = None;
    {
        let mut r = xml(zip.by_name("xl/_rels/workbook.xml.rels").map_err(damaged)?);
        let mut buf = Vec::new();
        loop {
            match r.read_event_into(&mut buf).map_err(damaged)? {
                Event::Start(e) if e.local_name().as_ref() == b"Relationship" => {
                    let a = attrs(&e);
                    if attr(&a, b"Id") == Some(rid.as_str()) {
                        target = attr(&a, b"Target").map(unescape);
                        break;
                    }
                }
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
    }
    target.and_then(|t| part_of(zip, &t)).ok_or_else(|| damaged(format!("the part of sheet {name} is missing")))
}

fn unescape(s: &str) -> String {
    quick_xml::escape::unescape(s).map_or_else(|_| s.to_string(), |c| c.into_owned())
}

/// Each cell style's number format, when it is not General: xl/styles.xml.
fn number_formats(zip: &mut Zip<'_>) -> Result<Vec<Option<String>>, Refused> {
    let Ok(part) = zip.by_name("xl/styles.xml") else { return Ok(Vec::new()) };
    let mut r = xml(part);
    let (mut codes, mut styles) = (HashMap::new(), Vec::new());
    let (mut buf, mut in_xfs) = (Vec::new(), false);
    loop {
        match r.read_event_into(&mut buf).map_err(damaged)? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"numFmt" => {
                    let a = attrs(&e);
                    if let (Some(id), Some(code)) = (attr(&a, b"numFmtId"), attr(&a, b"formatCode")) {
                        codes.insert(id.to_string(), unescape(code));
                    }
                }
                b"cellXfs" => in_xfs = true,
                b"xf" if in_xfs => {
                    let a = attrs(&e);
                    let id = attr(&a, b"numFmtId").unwrap_or("0").to_string();
                    let code = codes.get(&id).cloned().or_else(|| builtin(&id));
                    let plain = |c: &str| c.eq_ignore_ascii_case("general") || c == "@";
                    styles.push(code.filter(|c| !plain(c)));
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == b"cellXfs" => in_xfs = false,
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(styles)
}

/// The file's language: `dc:language` of docProps/core.xml (LibreOffice
/// writes it; Excel seldom does), if one whose dates are known.
fn language(zip: &mut Zip<'_>) -> Result<Option<super::dates::Locale>, Refused> {
    let Ok(part) = zip.by_name("docProps/core.xml") else { return Ok(None) };
    let mut r = xml(part);
    let (mut buf, mut inside, mut tag) = (Vec::new(), false, String::new());
    loop {
        match r.read_event_into(&mut buf).map_err(damaged)? {
            Event::Start(e) if e.local_name().as_ref() == b"language" => inside = true,
            Event::Text(t) if inside && tag.len() < 64 => tag.push_str(&t.unescape().map_err(damaged)?),
            Event::End(e) if e.local_name().as_ref() == b"language" => break,
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(super::dates::Locale::from_tag(&tag))
}

/// Excel's built-in number formats by id (ECMA-376 §18.8.30), General and text as `None`.
fn builtin(id: &str) -> Option<String> {
    let code = match id {
        "0" | "49" => return None,
        "1" => "0",
        "2" => "0.00",
        "3" => "#,##0",
        "4" => "#,##0.00",
        "9" => "0%",
        "10" => "0.00%",
        "11" => "0.00E+00",
        _ => match id.parse().ok().and_then(super::dates::builtin) {
            Some(code) => code,
            None => return Some(format!("#{id}")),
        },
    };
    Some(code.to_string())
}

/// Our own pass over the sheet's XML: see [`Facts`].
fn facts(zip: &mut Zip<'_>, part: &str, styles: &[Option<String>], sheet: &str) -> Result<Facts, Refused> {
    let mut r = xml(zip.by_name(part).map_err(damaged)?);
    let mut facts = Facts::default();
    let (mut buf, mut row, mut col) = (Vec::new(), 0u32, 0u32);
    // The cell being read: position, type, style; its formula text and whether it has one; its value.
    let mut cell: Option<((u32, u32), String, usize)> = None;
    let (mut formula, mut has_formula, mut value) = (String::new(), false, String::new());
    let mut shared: HashMap<String, String> = HashMap::new();
    let mut shared_si = None;
    // The cells with content so far, the last one's position, the shared formulas' text.
    let (mut count, mut last, mut shared_bytes) = (0u64, None, 0u64);
    let mut inside = None; // "f", "v" or "t" (inline string text)
    loop {
        match r.read_event_into(&mut buf).map_err(damaged)? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"row" => {
                    if let Some(n) = attr(&attrs(&e), b"r").and_then(|v| v.parse::<u32>().ok()) {
                        row = n.saturating_sub(1);
                    }
                    col = 0;
                }
                b"c" => {
                    let a = attrs(&e);
                    let pos = attr(&a, b"r").and_then(reference).unwrap_or((row, col));
                    let style = attr(&a, b"s").and_then(|s| s.parse().ok()).unwrap_or(0);
                    cell = Some((pos, attr(&a, b"t").unwrap_or("n").to_string(), style));
                    (has_formula, shared_si) = (false, None);
                    formula.clear();
                    value.clear();
                }
                b"f" if cell.is_some() => {
                    has_formula = true;
                    let a = attrs(&e);
                    shared_si = (attr(&a, b"t") == Some("shared")).then(|| attr(&a, b"si").unwrap_or("").to_string());
                    inside = Some("f");
                }
                b"v" if cell.is_some() => inside = Some("v"),
                b"t" if cell.is_some() => inside = Some("t"),
                _ => {}
            },
            Event::Text(t) => {
                let text = t.unescape().map_err(damaged)?;
                match inside {
                    Some("f") => formula.push_str(&text),
                    Some(_) => value.push_str(&text),
                    None => {}
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"f" | b"v" | b"t" => inside = None,
                b"c" => {
                    if let Some(((r0, c0), kind, style)) = cell.take() {
                        if has_formula || !value.is_empty() {
                            if last == Some((r0, c0)) {
                                let cell = format!("{sheet}!{}{}", super::letters(c0), r0 + 1);
                                return Err(Limit::Repeated { cell }.into());
                            }
                            last = Some((r0, c0));
                            count += 1;
                            if count > MAX_CELLS {
                                return Err(Limit::CellCount { sheet: sheet.to_string(), max: MAX_CELLS }.into());
                            }
                        }
                        if let Some(si) = shared_si.take() {
                            if formula.trim().is_empty() {
                                formula = shared.get(&si).cloned().unwrap_or_default();
                            } else if !shared.contains_key(&si) {
                                shared_bytes += (si.len() + formula.len()) as u64;
                                if shared.len() >= MAX_SHARED_FORMULAS || shared_bytes > MAX_SHARED_FORMULA_BYTES {
                                    let (count, size) = (shared.len() + 1, shared_bytes);
                                    return Err(Limit::SharedFormulas { count, size }.into());
                                }
                                shared.insert(si, formula.clone());
                            }
                        }
                        if has_formula && value.is_empty() && facts.unsaved_formula.is_none() {
                            facts.unsaved_formula = Some((r0, c0, formula.clone()));
                        }
                        let number = kind == "n" && !value.is_empty();
                        if number && matches!(styles.get(style), Some(Some(_))) {
                            facts.numbers.push((r0, c0, style as u32));
                        }
                        col = c0.saturating_add(1);
                    }
                }
                b"row" => row = row.saturating_add(1),
                b"sheetData" => break,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    facts.numbers.sort_unstable();
    facts.formats = styles.to_vec();
    Ok(facts)
}

/// `C7` as (row 6, column 2).
fn reference(r: &str) -> Option<(u32, u32)> {
    let split = r.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = r.split_at(split);
    let col = letters.bytes().try_fold(0u32, |acc, b| {
        b.is_ascii_uppercase().then(|| acc.saturating_mul(26).saturating_add(u32::from(b - b'A') + 1))
    })?;
    let row: u32 = digits.parse().ok()?;
    Some((row.checked_sub(1)?, col.checked_sub(1)?))
}

/// The cells of a sheet, for [`super::read`]'s two passes: read again from
/// the file for each pass when they come in the order of rows and columns
/// (as Excel and LibreOffice write them), so no pass holds more than a
/// row; else held, sorted (at most [`super::limits::MAX_CELLS`] of them).
pub enum Cells<'a> {
    Stream(Box<Xlsx<Cursor<&'a [u8]>>>, String),
    Held(Vec<Cell>),
}

impl Cells<'_> {
    /// Calls `f` on each cell that is not empty, in the order of rows and columns.
    pub fn each<E>(&mut self, f: &mut dyn FnMut(u32, u32, &Data) -> Result<(), E>) -> Result<(), E>
    where
        E: From<Refused>,
    {
        match self {
            Cells::Held(cells) => cells.iter().try_for_each(|(r, c, v)| f(*r, *c, v)),
            Cells::Stream(book, name) => {
                let mut reader = book.worksheet_cells_reader(name).map_err(damaged)?;
                while let Some(c) = reader.next_cell().map_err(damaged)? {
                    let value = Data::from(c.get_value().clone());
                    if value != Data::Empty {
                        let (row, col) = c.get_position();
                        f(row, col, &value)?;
                    }
                }
                Ok(())
            }
        }
    }
}

/// The cells of sheet `name` and its [`Facts`], checked against the limits
/// in one pass that keeps nothing (unless the cells are out of order).
pub fn read<'a>(
    bytes: &'a [u8],
    book: Xlsx<Cursor<&'a [u8]>>,
    name: &str,
    reference_name: &str,
) -> Result<(Cells<'a>, Facts), Refused> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(damaged)?;
    let part = sheet_part(&mut zip, name)?;
    let styles = number_formats(&mut zip)?;
    let mut facts = facts(&mut zip, &part, &styles, reference_name)?;
    facts.locale = language(&mut zip)?;
    if let Some((row, col, _)) = &facts.unsaved_formula {
        Bounds::default().take(reference_name, *row, *col)?;
    }
    let mut cells = Cells::Stream(Box::new(book), name.to_string());
    let (mut bounds, mut last, mut in_order) = (Bounds::default(), None, true);
    let (mut count, mut text) = (0u64, 0u64);
    let repeated =
        |row: u32, col: u32| Limit::Repeated { cell: format!("{reference_name}!{}{}", super::letters(col), row + 1) };
    cells.each(&mut |row, col, v| -> Result<(), Refused> {
        bounds.take(reference_name, row, col)?;
        if last == Some((row, col)) {
            return Err(repeated(row, col).into());
        }
        in_order &= last < Some((row, col));
        last = Some((row, col));
        count += 1;
        if count > MAX_CELLS {
            return Err(Limit::CellCount { sheet: reference_name.to_string(), max: MAX_CELLS }.into());
        }
        // Each cell holds its own copy of a shared string.
        if let Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) = v {
            text += s.len() as u64;
            if text > MAX_TEXT {
                return Err(Limit::Text { sheet: reference_name.to_string(), size: text }.into());
            }
        }
        Ok(())
    })?;
    if !in_order {
        // At most MAX_CELLS cells holding at most MAX_TEXT bytes of text (counted above).
        let mut held = Vec::with_capacity(count as usize);
        cells.each(&mut |row, col, v| -> Result<(), Refused> {
            held.push((row, col, v.clone()));
            Ok(())
        })?;
        held.sort_unstable_by_key(|&(r, c, _)| (r, c));
        if let Some(w) = held.windows(2).find(|w| (w[0].0, w[0].1) == (w[1].0, w[1].1)) {
            return Err(repeated(w[0].0, w[0].1).into());
        }
        cells = Cells::Held(held);
    }
    Ok((cells, facts))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_read_as_excel_writes_them() {
        assert_eq!(reference("A1"), Some((0, 0)));
        assert_eq!(reference("C7"), Some((6, 2)));
        assert_eq!(reference("XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(reference("AA10"), Some((9, 26)));
        assert_eq!(reference("A0"), None);
        assert_eq!(reference("7"), None);
        assert_eq!(reference("a1"), None);
    }
}
