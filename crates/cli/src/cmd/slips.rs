//! `potdraw slips`: the residents' slips, printable or for a mail merge
//! (issue 17). The page itself is made by [`crate::slips`].
//!
//! The output holds every code, so it is written 0600 like the receipts, and
//! never replaces a file without `--force`. Receipts of another commitment
//! are refused: a slip must carry a code of the pot whose title it shows.

use crate::files::{self, Access};
use crate::handouts;
use crate::i18n::Lang;
use crate::slips::{self, Sheet};
use crate::{problem, t, Exit};
use anyhow::Result;
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct SlipsArgs {
    /// The commitment as published (public/commitment.json).
    #[arg(long, value_name = "FILE")]
    pub commitment: PathBuf,
    /// The receipts written by `commit` (private/receipts.jsonl).
    #[arg(long, value_name = "FILE")]
    pub receipts: PathBuf,
    /// The planned date (and time) of the draw as it should read on the slips,
    /// e.g. "Saturday 5 December 2026, 19:30".
    #[arg(long, value_name = "TEXT")]
    pub draw_date: String,
    /// The receipts' column that holds the resident's name (default: the first private column).
    #[arg(long, value_name = "COLUMN")]
    pub name_column: Option<String>,
    /// The address of the verifier page; each slip then carries a QR code of
    /// URL#id=…&code=… (the part after # never reaches a server).
    #[arg(long, value_name = "URL")]
    pub page_url: Option<String>,
    /// html: printable A4 page; csv: a table for a mail merge (id, name, code, the private columns); xlsx: the same as a workbook.
    #[arg(long, value_name = "FORMAT", default_value = "html", value_parser = ["html", "csv", "csv-en", "xlsx"])]
    pub format: String,
    /// Where to write the slips (mode 0600: it holds every code).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Overwrite an existing file.
    #[arg(long)]
    pub force: bool,
}

/// The longest planned date we print (it is a line on a slip).
const MAX_DATE_CHARS: usize = 100;

pub fn run(a: SlipsArgs) -> Result<Exit> {
    let date = a.draw_date.trim();
    if date.is_empty() || date.chars().count() > MAX_DATE_CHARS || date.chars().any(char::is_control) {
        return Err(problem!("draw-date", found = format!("{:?}", a.draw_date)));
    }
    if let Some(url) = &a.page_url {
        check_url(url)?;
    }
    handouts::check_workbook_out(&a.format, Some(&a.out))?;
    files::ensure_writable(&a.out, a.force)?;
    // Either layout (SPEC §7.2, §17.2): the slips need its title and digest.
    let commitment = crate::ops::documents::AnyCommitment::read(&a.commitment)?;
    let (title, digest) = (commitment.head().0.to_string(), *commitment.digest());
    let receipts = handouts::read_receipts(&a.receipts, &digest)?;
    let name_column = handouts::name_column(&receipts, a.name_column.as_deref())?;
    // SPEC §19.3: a slip names the list as people call it.
    let names = commitment.names();
    let bytes = if a.format != "html" {
        let (header, own, rows) = slips::csv_rows(&receipts, name_column.as_deref(), &names);
        let sheet = crate::workbook::Sheet::Slips;
        handouts::spreadsheet(&a.format, Lang::current(), sheet, &header, own, &rows)?
    } else {
        let sheet = Sheet {
            title: &title,
            draw_date: date,
            name_column: name_column.as_deref(),
            page_url: a.page_url.as_deref(),
            names: &names,
        };
        slips::render_html(&sheet, &receipts, Lang::current())?.into_bytes()
    };
    files::write(&a.out, &bytes, Access::Secret, a.force)?;
    let (lang, file) = (Lang::current(), a.out.display());
    if receipts.len() == 1 {
        println!("{}", t!(lang, "slips.written.one", count = 1, file = file));
    } else {
        println!("{}", t!(lang, "slips.written.other", count = receipts.len(), file = file));
    }
    Ok(Exit::Success)
}

/// An http(s) address without a fragment of its own, printable in a QR code.
fn check_url(url: &str) -> Result<()> {
    let ok = (url.starts_with("https://") || url.starts_with("http://"))
        && url.len() <= 1000
        && !url.contains('#')
        && url.chars().all(|c| c.is_ascii_graphic());
    if ok {
        Ok(())
    } else {
        Err(problem!("page-url", found = format!("{url:?}")))
    }
}
