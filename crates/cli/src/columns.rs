//! Which columns of a candidate list are which, and the separator of a CSV
//! file (issue 16).
//!
//! Organisers' lists come from Dutch Excel (`;`), LibreOffice, scripts
//! (tab); their weight column may be `Gewicht` or `Weging`. The separator
//! is detected from the header row and named in the summary, never guessed
//! when two are equally likely; the id and weight columns are found by
//! name or chosen by flag, and a column whose name suggests a weight must
//! be the one read as the weight ([`looks_like_weight`]), because a weight
//! copied silently into the receipts gives a wrong draw that verifies.

use crate::candidates::{err, CsvError, CsvKind};
use potdraw_core::commit::Candidate;

/// How to read a list (issue 16): which columns, and for CSV the separator.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--id-column NAME`; else the column named `id`, in any case.
    pub id_column: Option<String>,
    /// `--weight-column NAME`; else `weight` or `gewicht`, in any case, if there is one.
    pub weight_column: Option<String>,
    /// `--delimiter`; else detected from the header row ([`detect_delimiter`]).
    pub delimiter: Option<u8>,
    /// `--where COLUMN=VALUE` (and a list's `--list-where`): only the rows
    /// whose COLUMN holds VALUE are candidates (issue 28: one member sheet
    /// with a column `Wijk` for every neighbourhood).
    pub filters: Vec<Filter>,
}

/// One `--where COLUMN=VALUE`: compared as a person would, both sides
/// trimmed and in lower case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    pub column: String,
    pub value: String,
}

impl Filter {
    /// Whether a cell holds this filter's value, as a person would read it.
    pub fn matches(&self, cell: &str) -> bool {
        same(cell, &self.value)
    }
}

/// Two texts equal as a person reads them: trimmed, case ignored.
pub fn same(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// A list as read, with what was used to read it (for the summary).
#[derive(Debug, Clone)]
pub struct List {
    pub candidates: Vec<Candidate>,
    pub id_column: String,
    pub weight_column: Option<String>,
    /// Every other column: copied only into the candidate's receipt.
    pub private: Vec<String>,
    /// Rows left out by each `--where`, in the order given (a row counts
    /// for the first filter it does not match).
    pub left_out: Vec<(Filter, u64)>,
    /// Rows with nothing in any cell: skipped, in every format (issue 28:
    /// an empty row stopped a CSV file with "fill it in", though there was
    /// nobody to give an id, and was skipped in a spreadsheet).
    pub blank_rows: u64,
}

/// The separator of a CSV file: `,` `;` or tab, whichever the header row
/// (its first line, outside quotes) holds most often; `,` when it holds
/// none (a one-column list). Two of them equally often is refused
/// ([`CsvKind::Separator`]): the organiser says which with `--delimiter`.
pub fn detect_delimiter(bytes: &[u8]) -> Result<u8, CsvError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for &b in bytes {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if !quoted => counts.iter_mut().filter(|(d, _)| *d == b).for_each(|(_, n)| *n += 1),
            _ => {}
        }
    }
    let most = counts.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let top: Vec<u8> = counts.iter().filter(|(_, n)| *n == most && most > 0).map(|(d, _)| *d).collect();
    match top.as_slice() {
        [] => Ok(b','),
        [d] => Ok(*d),
        _ => Err(err(
            1,
            None,
            CsvKind::Separator,
            "one separator in the header row (use --delimiter to choose)",
            top.iter().map(|d| delimiter_name(*d)).collect::<Vec<_>>().join(", "),
        )),
    }
}

/// A separator as the summary and messages show it.
pub fn delimiter_name(d: u8) -> &'static str {
    match d {
        b';' => "\";\"",
        b'\t' => "tab",
        _ => "\",\"",
    }
}

/// Where the rows of a list come from, to name places as a person sees them.
#[derive(Debug, Clone)]
pub enum Place {
    /// A CSV file: line numbers, and columns by number and name.
    Csv,
    /// A sheet: cells such as `Blad1!C7`. `sheet` is the name as written in
    /// a reference; `letters` the column letters of each column of the list.
    Sheet { sheet: String, letters: Vec<String> },
}

/// The normalised names that are read as a weight when no `--weight-column` is given.
pub const WEIGHT_NAMES: [&str; 2] = ["weight", "gewicht"];

/// Does a column's name suggest a weight (issue 16)? Words such as weging,
/// gewicht, weight, loten, tickets, in any case, with spaces, underscores or
/// hyphens (`aantal_loten`, `Weging (2 = dubbel)`, `AantalLoten`).
pub fn looks_like_weight(name: &str) -> bool {
    const WORDS: [&str; 11] = [
        "weging",
        "gewicht",
        "gewichten",
        "weight",
        "weights",
        "loten",
        "lot",
        "tickets",
        "ticket",
        "kansen",
        "lootjes",
    ];
    const JOINED: [&str; 5] = ["gewicht", "weging", "weight", "aantalloten", "tickets"];
    let lower = name.to_lowercase();
    let words = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty());
    let joined: String = lower.chars().filter(|c| c.is_alphanumeric()).collect();
    words.clone().any(|w| WORDS.contains(&w)) || JOINED.iter().any(|j| joined.contains(j))
}
