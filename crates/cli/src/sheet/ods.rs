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

use super::limits::{Bounds, Limit, Refused, MAX_ODS_CELLS, MAX_TEXT};
use quick_xml::events::{BytesStart, Event};
use std::io::{BufReader, Cursor};

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
pub fn check(bytes: &[u8], want: Option<&str>, id_name: &str) -> Result<Vec<Shown>, Refused> {
    let damaged = |e: &dyn std::fmt::Display| Refused::Damaged(e.to_string());
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(&e))?;
    let Ok(part) = zip.by_name("content.xml") else { return Ok(Vec::new()) };
    let mut shown = Vec::new();
    let mut r = quick_xml::Reader::from_reader(BufReader::new(part));
    r.config_mut().check_end_names = false;
    let (mut buf, mut used, mut held) = (Vec::new(), 0u64, 0u64);
    let (mut sheet, mut bounds) = (String::new(), Bounds::within(MAX_ODS_CELLS));
    let (mut row, mut rows_here, mut col) = (0u64, 1u64, 0u64);
    // The sheet is the one read; its header cell naming the id column.
    let (mut tables, mut target, mut header) = (0usize, false, None);
    loop {
        let event = r.read_event_into(&mut buf).map_err(|e| damaged(&e))?;
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
    Ok(shown)
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
