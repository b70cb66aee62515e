//! The used range of an `.ods` file, before calamine opens it (issue 26).
//!
//! calamine reads every sheet of content.xml when it opens the file, and
//! expands `table:number-columns-repeated` and `table:number-rows-repeated`
//! into dense ranges: 100 bytes saying "this cell, 16,384 times, on a
//! million rows" would fill the memory. So one pass of our own over
//! content.xml (its size bounded by [`super::limits::check_archive`])
//! computes, for each sheet, the range spanned by the cells that are not
//! empty, repeats counted, and refuses the file before calamine reads it
//! when all sheets together span more than [`MAX_ODS_CELLS`].
//!
//! calamine also copies a cell's text into every cell it repeats: 1 MB of
//! text with `table:number-columns-repeated="300"` took 885 MB from a
//! 1.9 KB file. So the same pass sums, over the cells of all sheets, the
//! text each holds (its text, the spaces `<text:s text:c="N"/>` stands
//! for, its attributes' values such as a formula) times the columns and
//! rows it is repeated across, and refuses more than [`MAX_TEXT`].
//!
//! The same pass reads what calamine does not say: the text a number cell
//! shows (`001` for the value 1, through a number format). calamine gives
//! the value, so an id read from it would not be the id the sheet shows
//! (issue 26, part 5a); the first such id cell is reported and refused.

use super::dates::{Format, Locale, Part};
use super::limits::{Bounds, Limit, Refused, MAX_ODS_CELLS, MAX_TEXT};
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use std::io::{BufReader, Cursor};

/// Cells side by side with one date format: first column, columns, format.
type Run = (u32, u32, u32);

/// The date cells of the sheet read whose style has a date format (issue
/// 28), as the file says them: runs of rows (first row, rows), each with
/// runs of columns (first column, columns, index into the formats).
#[derive(Debug, Default)]
pub struct Dates {
    rows: Vec<(u32, u32, Vec<Run>)>,
    formats: Vec<Format>,
}

impl Dates {
    /// The date format of the date cell at (row, col), if it has one read here.
    pub fn at(&self, row: u32, col: u32) -> Option<&Format> {
        let i = self.rows.partition_point(|r| r.0 <= row).checked_sub(1)?;
        let (r0, n, cells) = &self.rows[i];
        if row - r0 >= *n {
            return None;
        }
        let j = cells.partition_point(|c| c.0 <= col).checked_sub(1)?;
        let (c0, m, f) = cells[j];
        (col - c0 < m).then(|| &self.formats[f as usize])
    }

    fn push(&mut self, row: u32, rows: u32, col: u32, cols: u32, format: u32) {
        match self.rows.last_mut() {
            Some((r0, _, cells)) if *r0 == row => cells.push((col, cols, format)),
            _ => self.rows.push((row, rows, vec![(col, cols, format)])),
        }
    }
}

fn attr_of(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes().filter_map(Result::ok).find(|a| a.key.as_ref() == name).map(|a| {
        quick_xml::escape::unescape(&String::from_utf8_lossy(&a.value)).map(|c| c.into_owned()).unwrap_or_default()
    })
}

/// The data styles (`number:date-style`, `number:time-style`) and cell
/// styles of styles.xml and content.xml, as far as dates need them.
#[derive(Default)]
struct Styles {
    /// Date styles by name; `None` for one with a part not read here.
    data: HashMap<String, Option<Format>>,
    /// Cell styles by name: their data style and parent style.
    cells: HashMap<String, (Option<String>, Option<String>)>,
    /// The date style being read: name, language, parts, all parts read.
    building: Option<(String, Option<Locale>, Vec<Part>, bool)>,
    text: Option<String>,
    /// Cell style names resolved, as indexes into `formats`.
    resolved: HashMap<String, Option<u32>>,
    formats: Vec<Format>,
}

impl Styles {
    fn feed(&mut self, event: &Event<'_>) {
        let (e, empty) = match event {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::Text(t) => {
                if let Some(text) = self.text.as_mut() {
                    text.push_str(&t.unescape().map(|c| c.into_owned()).unwrap_or_default());
                }
                return;
            }
            Event::End(e) => {
                match e.name().as_ref() {
                    b"number:text" => {
                        if let (Some(text), Some(b)) = (self.text.take(), self.building.as_mut()) {
                            b.2.push(Part::Text(text));
                        }
                    }
                    b"number:date-style" | b"number:time-style" => self.finish(),
                    _ => {}
                }
                return;
            }
            _ => return,
        };
        let long = attr_of(e, b"number:style").as_deref() == Some("long");
        let name = e.name();
        if name.as_ref() == b"style:style" {
            if attr_of(e, b"style:family").as_deref() == Some("table-cell") {
                if let Some(n) = attr_of(e, b"style:name") {
                    let data = attr_of(e, b"style:data-style-name");
                    self.cells.insert(n, (data, attr_of(e, b"style:parent-style-name")));
                }
            }
            return;
        }
        if matches!(name.as_ref(), b"number:date-style" | b"number:time-style") {
            let locale = Locale::from_parts(
                &attr_of(e, b"number:language").unwrap_or_default(),
                &attr_of(e, b"number:country").unwrap_or_default(),
            );
            self.building = Some((attr_of(e, b"style:name").unwrap_or_default(), locale, Vec::new(), true));
            if empty {
                self.finish();
            }
            return;
        }
        let Some((_, _, parts, ok)) = self.building.as_mut() else { return };
        let calendar = attr_of(e, b"number:calendar");
        if calendar.is_some_and(|c| c != "gregorian") {
            *ok = false;
        }
        match name.as_ref() {
            b"number:day" => parts.push(Part::Day(if long { 2 } else { 1 })),
            b"number:month" => {
                let textual = attr_of(e, b"number:textual").as_deref() == Some("true");
                parts.push(Part::Month(match (textual, long) {
                    (true, true) => 4,
                    (true, false) => 3,
                    (false, true) => 2,
                    (false, false) => 1,
                }));
            }
            b"number:year" => parts.push(Part::Year(if long { 4 } else { 2 })),
            b"number:day-of-week" => parts.push(Part::Weekday { full: long }),
            b"number:hours" => parts.push(Part::Hour(if long { 2 } else { 1 })),
            b"number:minutes" => parts.push(Part::Minute(if long { 2 } else { 1 })),
            b"number:seconds" => {
                let decimals = attr_of(e, b"number:decimal-places").and_then(|d| d.parse::<u32>().ok());
                *ok &= decimals.unwrap_or(0) == 0;
                parts.push(Part::Second(if long { 2 } else { 1 }));
            }
            b"number:am-pm" => parts.push(Part::AmPm),
            b"number:text" if !empty => self.text = Some(String::new()),
            b"number:quarter" | b"number:week-of-year" | b"number:era" | b"style:map" => *ok = false,
            _ => {}
        }
    }

    fn finish(&mut self) {
        if let Some((name, locale, parts, ok)) = self.building.take() {
            let read = parts.iter().any(|p| !matches!(p, Part::Text(_)));
            self.data.insert(name, (ok && read).then_some(Format { parts, locale }));
        }
    }

    /// The date format of a cell style (its own data style, else its parent's).
    fn resolve(&mut self, style: &str) -> Option<u32> {
        if let Some(r) = self.resolved.get(style) {
            return *r;
        }
        let mut name = style.to_string();
        let mut found = None;
        for _ in 0..8 {
            let Some((data, parent)) = self.cells.get(&name) else { break };
            if let Some(data) = data {
                found = self.data.get(data).cloned().flatten();
                break;
            }
            let Some(parent) = parent else { break };
            name = parent.clone();
        }
        let index = found.map(|f| {
            self.formats.push(f);
            (self.formats.len() - 1) as u32
        });
        self.resolved.insert(style.to_string(), index);
        index
    }
}

fn repeats(e: &BytesStart<'_>, name: &[u8]) -> u64 {
    e.attributes()
        .filter_map(Result::ok)
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| std::str::from_utf8(&a.value).ok()?.trim().parse::<u64>().ok())
        .unwrap_or(1)
        .max(1)
}

/// Whether calamine may read a cell as not empty: it has a value type or a
/// formula, or content (counted generously: more is refused, never less).
fn filled(e: &BytesStart<'_>, has_content: bool) -> bool {
    has_content
        || e.attributes().filter_map(Result::ok).any(|a| {
            let k = a.key.as_ref();
            k == b"office:value-type" || k == b"table:formula" || k == b"calcext:value-type"
        })
}

/// A number cell that the sheet shows otherwise than its value reads
/// (`001` for 1): the sheet's name, row, column and the text shown.
pub type Shown = (String, u32, u32, String);

/// Refuses an `.ods` whose sheets together span more than [`MAX_ODS_CELLS`];
/// else gives, for the sheet `want` (else the first), the first number cell
/// of the id column (named `id_name` in the header) that the sheet shows
/// otherwise than its value reads: such an id is refused (issue 26, part 5a).
/// One cell at most, so a column of a million formatted numbers costs nothing.
///
/// The same pass gives the date formats of the date cells of that sheet
/// ([`Dates`], issue 28), from the styles of styles.xml and content.xml.
pub fn check(bytes: &[u8], want: Option<&str>, id_name: &str) -> Result<(Vec<Shown>, Dates), Refused> {
    let damaged = |e: &dyn std::fmt::Display| Refused::Damaged(e.to_string());
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(&e))?;
    let mut styles = Styles::default();
    if let Ok(part) = zip.by_name("styles.xml") {
        let mut r = quick_xml::Reader::from_reader(BufReader::new(part));
        r.config_mut().check_end_names = false;
        let mut buf = Vec::new();
        loop {
            let event = r.read_event_into(&mut buf).map_err(|e| damaged(&e))?;
            if event == Event::Eof {
                break;
            }
            styles.feed(&event);
            buf.clear();
        }
    }
    let mut dates = Dates::default();
    let Ok(part) = zip.by_name("content.xml") else { return Ok((Vec::new(), dates)) };
    let mut shown = Vec::new();
    // Before office:body, the automatic styles; in the sheet read, its columns' default cell styles.
    let (mut body, mut columns, mut column_at) = (false, Vec::<(u64, u64, Option<String>)>::new(), 0u64);
    let mut r = quick_xml::Reader::from_reader(BufReader::new(part));
    r.config_mut().check_end_names = false;
    let (mut buf, mut used, mut held) = (Vec::new(), 0u64, 0u64);
    let (mut sheet, mut bounds) = (String::new(), Bounds::within(MAX_ODS_CELLS));
    let (mut row, mut rows_here, mut col) = (0u64, 1u64, 0u64);
    // The sheet is the one read; its header cell naming the id column.
    let (mut tables, mut target, mut header) = (0usize, false, None);
    loop {
        let event = r.read_event_into(&mut buf).map_err(|e| damaged(&e))?;
        if !body {
            body = matches!(&event, Event::Start(e) if e.name().as_ref() == b"office:body");
            styles.feed(&event);
        }
        let (e, content) = match &event {
            Event::Start(e) => (e, true),
            Event::Empty(e) => (e, false),
            Event::End(e) if e.name().as_ref() == b"table:table" => {
                used += bounds.cells();
                bounds = Bounds::within(MAX_ODS_CELLS.saturating_sub(used));
                buf.clear();
                continue;
            }
            Event::End(e) if e.name().as_ref() == b"table:table-row" => {
                row = row.saturating_add(rows_here);
                buf.clear();
                continue;
            }
            Event::Eof => break,
            _ => {
                buf.clear();
                continue;
            }
        };
        match e.name().as_ref() {
            b"table:table" => {
                sheet = e
                    .attributes()
                    .filter_map(Result::ok)
                    .find(|a| a.key.as_ref() == b"table:name")
                    .map(|a| String::from_utf8_lossy(&a.value).into_owned())
                    .unwrap_or_default();
                row = 0;
                target = match want {
                    None => tables == 0,
                    Some(w) => sheet == w || sheet.to_lowercase() == w.to_lowercase(),
                };
                (tables, header) = (tables + 1, None);
                (columns, column_at) = (Vec::new(), 0);
            }
            b"table:table-column" if target => {
                let n = repeats(e, b"table:number-columns-repeated");
                columns.push((column_at, n, attr_of(e, b"table:default-cell-style-name")));
                column_at = column_at.saturating_add(n);
            }
            b"table:table-row" => {
                rows_here = repeats(e, b"table:number-rows-repeated");
                col = 0;
                if !content {
                    row = row.saturating_add(rows_here);
                }
            }
            b"table:table-cell" | b"table:covered-table-cell" => {
                let cols = repeats(e, b"table:number-columns-repeated");
                if filled(e, content) {
                    let name = super::reference_name(&sheet);
                    let at = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
                    bounds.take(&name, at(row), at(col))?;
                    bounds.take(&name, at(row.saturating_add(rows_here - 1)), at(col.saturating_add(cols - 1)))?;
                }
                let value = number_value(e);
                if target && attr_of(e, b"office:value-type").as_deref() == Some("date") {
                    let style = attr_of(e, b"table:style-name").or_else(|| {
                        columns.iter().find(|(c0, n, _)| col >= *c0 && col - c0 < *n).and_then(|c| c.2.clone())
                    });
                    if let Some(f) = style.and_then(|s| styles.resolve(&s)) {
                        let at = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
                        dates.push(at(row), at(rows_here), at(col), at(cols), f);
                    }
                }
                // What calamine copies into each cell this one is repeated across, counted generously.
                let mut size: u64 = e.attributes().filter_map(Result::ok).map(|a| a.value.len() as u64).sum();
                if content {
                    // The cell's text, as the sheet shows it (its start: enough for a header or a number).
                    let (mut text, mut inner) = (String::new(), Vec::new());
                    loop {
                        match r.read_event_into(&mut inner).map_err(|e| damaged(&e))? {
                            Event::Text(t) => {
                                size += t.len() as u64;
                                if target && text.len() < 4096 {
                                    text.push_str(&t.unescape().map_err(|e| damaged(&e))?)
                                }
                            }
                            Event::Start(s) | Event::Empty(s) => size += spaces(&s),
                            Event::End(end) if end.name().as_ref() == e.name().as_ref() => break,
                            Event::Eof => break,
                            _ => {}
                        }
                        inner.clear();
                    }
                    if target && header.is_none() && text.trim().eq_ignore_ascii_case(id_name) {
                        header = Some((row, col));
                    }
                    let id_cell =
                        header.is_some_and(|(hr, hc)| row > hr && (col..col.saturating_add(cols)).contains(&hc));
                    let otherwise = value.is_some_and(|v| super::number(v) != text.trim() && !text.is_empty());
                    if target && id_cell && otherwise && shown.is_empty() {
                        let at = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
                        let hc = header.map_or(col, |(_, c)| c);
                        shown.push((sheet.clone(), at(row), at(hc), text.trim().to_string()));
                    }
                }
                if filled(e, content) {
                    held = held.saturating_add(size.saturating_mul(cols).saturating_mul(rows_here));
                    if held > MAX_TEXT {
                        let sheet = super::reference_name(&sheet);
                        return Err(Limit::Text { sheet, size: held }.into());
                    }
                }
                col = col.saturating_add(cols);
            }
            _ => {}
        }
        buf.clear();
    }
    dates.formats = styles.formats;
    Ok((shown, dates))
}

/// The characters an element inside a cell adds to its text as calamine
/// reads it: `<text:s text:c="N"/>` N spaces, a paragraph a line break.
fn spaces(e: &BytesStart<'_>) -> u64 {
    match e.name().as_ref() {
        b"text:s" => repeats(e, b"text:c"),
        _ => 1,
    }
}

/// The value of a number cell (`office:value-type` float, percentage or currency).
fn number_value(e: &BytesStart<'_>) -> Option<f64> {
    let attr = |name: &[u8]| {
        e.attributes().filter_map(Result::ok).find(|a| a.key.as_ref() == name).map(|a| a.value.into_owned())
    };
    let kind = attr(b"office:value-type")?;
    if !matches!(kind.as_slice(), b"float" | b"percentage" | b"currency") {
        return None;
    }
    std::str::from_utf8(&attr(b"office:value")?).ok()?.trim().parse().ok()
}
