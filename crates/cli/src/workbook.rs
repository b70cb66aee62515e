//! `results` and `slips --format xlsx`: one workbook that opens right on a
//! double click in Dutch Excel and LibreOffice (issue 28).
//!
//! WHY a workbook beside the Dutch CSV: a CSV is read by guessing (the
//! separator, the encoding, whether `0012` is a number), and a volunteer
//! whose spreadsheet guesses wrong sees one column of garbled text. An
//! `.xlsx` says what each cell is. rust_xlsxwriter writes the file; this
//! module decides what is in it:
//!
//! - every cell is a string, in a text cell format (`@`), so no value is
//!   ever a formula or a number: `=HYPERLINK(…)` from a hostile sheet stays
//!   text, `0012` keeps its zeros, `13-03-2024` stays what the sheet said;
//!   a cell that starts as a formula would (`= + - @`) also gets Excel's
//!   quote prefix, so editing it later does not run it either (unlike the
//!   CSV, no `'` is added to the value: it is not needed in a workbook);
//! - the header row and the words of the tool are those of the CSV in the
//!   user's language ([`crate::handouts::localise`]), the sheet has a name
//!   in that language, the header stays in view and can filter;
//! - each column is as wide as its longest cell, within bounds.
//!
//! The file names residents (and for slips, every code), so the commands
//! write it like the CSV: 0600, atomically, never over a file without
//! `--force` ([`crate::files::write`]).

use crate::handouts::localise;
use crate::i18n::Lang;
use crate::problem;
use crate::spreadsheet_safe::starts_like_formula;
use anyhow::Result;
use rust_xlsxwriter::{Format, Workbook};

/// Excel's limits: rows in a sheet (the header is one) and characters in a cell.
const MAX_ROWS: usize = 1_048_576;
const MAX_CELL_CHARS: usize = 32_767;
/// The narrowest and widest a column is made, in characters.
const MIN_WIDTH: usize = 6;
const MAX_WIDTH: usize = 60;

/// Which table a workbook holds: it names the sheet, in the user's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sheet {
    /// `results`: who was drawn.
    Results,
    /// `results --amendments`: the final list.
    Final,
    /// `slips`: the slips for a mail merge.
    Slips,
}

impl Sheet {
    fn key(self) -> &'static str {
        match self {
            Sheet::Results => "xlsx.sheet.results",
            Sheet::Final => "xlsx.sheet.final",
            Sheet::Slips => "xlsx.sheet.slips",
        }
    }
}

/// An `.xlsx` workbook of one sheet: `header` and `rows` in the words of
/// `lang` (`own` as for [`crate::handouts::csv`]), every cell text.
pub fn xlsx(sheet: Sheet, header: &[String], own: usize, rows: &[Vec<String>], lang: Lang) -> Result<Vec<u8>> {
    if rows.len() >= MAX_ROWS {
        return Err(problem!("xlsx-too-many-rows", rows = rows.len(), most = MAX_ROWS - 1));
    }
    let (header, rows) = localise(header, own, rows, Some(lang));
    let too_long = std::iter::once(&header).chain(&rows).enumerate().find_map(|(r, row)| {
        let c = row.iter().position(|c| c.chars().count() > MAX_CELL_CHARS)?;
        Some((r + 1, c + 1))
    });
    if let Some((row, column)) = too_long {
        return Err(problem!("xlsx-cell-too-long", row = row, column = column, most = MAX_CELL_CHARS));
    }
    let internal = |e: rust_xlsxwriter::XlsxError| anyhow::anyhow!("internal error: writing the workbook: {e}");
    let text = Format::new().set_num_format("@");
    let quoted = text.clone().set_quote_prefix();
    let bold = text.clone().set_bold();
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(lang.t(sheet.key(), &[])).map_err(internal)?;
    let columns = header.len().max(rows.iter().map(Vec::len).max().unwrap_or(0));
    for (r, row) in std::iter::once(&header).chain(&rows).enumerate() {
        let r = u32::try_from(r).map_err(|_| anyhow::anyhow!("internal error: row {r}"))?;
        for (c, cell) in row.iter().enumerate() {
            let c = u16::try_from(c).map_err(|_| anyhow::anyhow!("internal error: column {c}"))?;
            let format = if r == 0 {
                &bold
            } else if starts_like_formula(cell) {
                &quoted
            } else {
                &text
            };
            ws.write_string_with_format(r, c, cell, format).map_err(internal)?;
        }
    }
    for c in 0..columns {
        let widest = std::iter::once(&header)
            .chain(&rows)
            .filter_map(|row| row.get(c))
            .map(|cell| cell.lines().map(|l| l.chars().count()).max().unwrap_or(0))
            .max()
            .unwrap_or(0);
        let width = (widest + 2).clamp(MIN_WIDTH, MAX_WIDTH);
        let c = u16::try_from(c).map_err(|_| anyhow::anyhow!("internal error: column {c}"))?;
        // Widths are whole characters of at most 62, so the cast is exact.
        ws.set_column_width(c, width as f64).map_err(internal)?;
    }
    if columns > 0 {
        let last = u16::try_from(columns - 1).map_err(|_| anyhow::anyhow!("internal error: columns"))?;
        // Row counts are below MAX_ROWS, checked above.
        ws.autofilter(0, 0, rows.len() as u32, last).map_err(internal)?;
        ws.set_freeze_panes(1, 0).map_err(internal)?;
    }
    book.save_to_buffer().map_err(internal)
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx};

    fn cells(bytes: Vec<u8>) -> (String, Vec<Vec<Data>>) {
        let mut book = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let name = book.sheet_names()[0].clone();
        let range = book.worksheet_range(&name).unwrap();
        (name, range.rows().map(<[Data]>::to_vec).collect())
    }

    /// Every cell is a string: formulas, numbers and dates as the sheet
    /// wrote them; the tool's words in Dutch, the organiser's as they are.
    #[test]
    fn every_cell_is_text_in_the_user_s_words() {
        let nl = Lang::from_code("nl").unwrap();
        let header = ["role".into(), "rank".into(), "id".into(), "Naam".into(), "Lid sinds".into()];
        let rows = [
            vec!["recipient".into(), "1".into(), "0012".into(), "Daniël Bos".into(), "13-03-2024".into()],
            vec!["reserve".into(), "2".into(), "A-7".into(), "=HYPERLINK(\"x\")".into(), "-1".into()],
        ];
        let (sheet, got) = cells(xlsx(Sheet::Results, &header, 3, &rows, nl).unwrap());
        assert_eq!(sheet, "Uitslag");
        let s = |v: &str| Data::String(v.to_string());
        assert_eq!(got[0], ["rol", "nummer", "id", "Naam", "Lid sinds"].map(s));
        assert_eq!(got[1], ["ontvanger", "1", "0012", "Daniël Bos", "13-03-2024"].map(s));
        assert_eq!(got[2], ["reserve", "2", "A-7", "=HYPERLINK(\"x\")", "-1"].map(s));
        let en = Lang::from_code("en").unwrap();
        let (sheet, got) = cells(xlsx(Sheet::Slips, &header, 3, &rows, en).unwrap());
        assert_eq!((sheet.as_str(), &got[1][0]), ("Slips", &s("recipient")));
    }

    /// Past Excel's limits the workbook is refused with a class, not cut.
    #[test]
    fn what_excel_cannot_hold_is_refused() {
        let en = Lang::from_code("en").unwrap();
        let long = vec![vec!["x".repeat(MAX_CELL_CHARS + 1)]];
        let e = xlsx(Sheet::Results, &["id".into()], 1, &long, en).unwrap_err();
        assert_eq!(crate::problem::describe(&e).0, "xlsx-cell-too-long");
    }
}
