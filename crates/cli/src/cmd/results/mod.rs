//! `potdraw results TRANSCRIPT --receipts FILE`: who was drawn, by name, for
//! the organiser only (issue 17).
//!
//! WHY: the transcript names tickets by hash, never people (SPEC §4), so
//! after the draw the organiser had to search receipts.jsonl by hash prefix
//! to learn whom to call. This joins the verified result with the receipts:
//! recipients and reserves in drawn order, each with the id and the private
//! columns. The transcript is verified first (a result that does not verify
//! names nobody), and receipts of another draw are refused. The answer names
//! residents, so a file is written 0600 and never over another without
//! `--force`.
//!
//! WHY the table for people is arranged (issue 27): a board reads who
//! travels with whom, so a recipient and their travel companion share a
//! row (SPEC §17.6: companion j with place j); after substitutions
//! (`--amendments`) the list is the final one, place by place; and the
//! table fits a terminal of 100 columns, showing the id and the name — the
//! CSV and JSON carry every private column.

pub mod amended;

use crate::files::{self, Access};
use crate::handouts;
use crate::i18n::Lang;
use crate::shown::Names;
use crate::{problem, t, Exit};
use anyhow::Result;
use clap::Args;
use potdraw_core::model::{Receipt, Role};
use potdraw_core::unicode::visible;
use std::collections::HashMap;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ResultsArgs {
    /// The transcript of the draw; it is verified first.
    #[arg(value_name = "TRANSCRIPT")]
    pub transcript: PathBuf,
    /// The receipts written by `commit` (private/receipts.jsonl).
    #[arg(long, value_name = "FILE")]
    pub receipts: PathBuf,
    /// The record of substitutions (SPEC §15): the final list, place by place, instead of the draw's.
    #[arg(long, value_name = "FILE")]
    pub amendments: Option<PathBuf>,
    /// text (a table for people), csv (role, rank, id, the private columns) or xlsx (the same as a workbook).
    #[arg(long, value_name = "FORMAT", default_value = "text", value_parser = ["text", "csv", "csv-en", "xlsx"])]
    pub format: String,
    /// Machine-readable output (JSON).
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// Write to this file (mode 0600) instead of the terminal.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Overwrite an existing file.
    #[arg(long)]
    pub force: bool,
}

/// One drawn ticket with its receipt.
struct Named<'a> {
    role: Role,
    rank: u64,
    receipt: &'a Receipt,
    /// A draw with several lists (SPEC §17): the list, and for a travel
    /// companion drawn as recipient, the list they travel with.
    list: Option<(String, Option<String>)>,
}

/// The widest a name cell of the table for people may be (100 columns in all).
const NAME_WIDTH: usize = 24;

pub fn run(a: ResultsArgs) -> Result<Exit> {
    let lang = Lang::current();
    handouts::check_workbook_out(&a.format, a.out.as_deref())?;
    if let Some(out) = &a.out {
        files::ensure_writable(out, a.force)?;
    }
    let drawn = match crate::ops::documents::verified_draw(&a.transcript)? {
        Ok(d) => d,
        Err(f) => {
            eprint!("{}", crate::render_check::transcript_not_verified(lang, &a.transcript, &f));
            return Ok(Exit::Failed);
        }
    };
    let receipts = handouts::read_receipts(&a.receipts, drawn.commitment_digest())?;
    // A receipt by its list (none for the one list of a draw of one list) and ticket.
    let by_leaf: HashMap<_, _> = receipts.iter().map(|r| ((r.doc.list.clone(), r.leaf), r)).collect();
    let mut named = Vec::new();
    for l in drawn.lists() {
        let name = l.name.map(str::to_string);
        for p in l.result {
            let Some(receipt) = by_leaf.get(&(name.clone(), p.leaf)) else {
                let place = match &name {
                    Some(list) => format!("{list}: {}", place_of(lang, p.role, p.rank)),
                    None => place_of(lang, p.role, p.rank),
                };
                return Err(problem!(
                    "results-no-receipt",
                    file = a.receipts.display(),
                    place = place,
                    leaf = hex::encode(p.leaf)
                ));
            };
            let of = l.companions_of().map(str::to_string).filter(|_| p.role == Role::Recipient);
            let list = name.clone().map(|n| (n, of));
            named.push(Named { role: p.role, rank: p.rank, receipt, list });
        }
    }
    let digest = hex::encode(drawn.transcript_digest());
    // SPEC §19.3: each list as people call it; documents keep the name.
    let names = Names::of_drawn(&drawn);
    // SPEC §15.5, §15.8: the final lists after a record that verified.
    if let Some(record) = &a.amendments {
        let checked = crate::ops::amendments::check_record(&drawn, &a.transcript, record, None)?;
        if !checked.is_verified() {
            eprint!("{}", crate::render_check::record_text(lang, &record.display().to_string(), &checked));
            return Ok(Exit::Failed);
        }
        let groups = amended::of_checked(&checked, &drawn, &by_leaf, lang)?;
        return amended::write(&a, lang, &groups, &receipts, &digest, &names);
    }
    // Named lists are shown list by list, the companions beside their places.
    if named.iter().any(|n| n.list.is_some()) {
        write(&a, lang, &named, &receipts, &digest, &names, || lists_text(&named, lang, &names))
    } else {
        write(&a, lang, &named, &receipts, &digest, &names, || text(&named, lang))
    }
}

/// The answer in the format asked for, to the terminal or a file.
fn write(
    a: &ResultsArgs,
    lang: Lang,
    named: &[Named<'_>],
    receipts: &[Receipt],
    digest: &str,
    names: &Names,
    text: impl FnOnce() -> String,
) -> Result<Exit> {
    let columns = handouts::column_names(receipts);
    let bytes = if a.json {
        json(named, digest, names)?
    } else if a.format != "text" {
        let (header, own, rows) = sheet_rows(named, &columns, names);
        handouts::spreadsheet(&a.format, lang, crate::workbook::Sheet::Results, &header, own, &rows)?
    } else {
        text().into_bytes()
    };
    emit(a, lang, &bytes)
}

/// `bytes` to `--out` (0600) or the terminal.
pub(crate) fn emit(a: &ResultsArgs, lang: Lang, bytes: &[u8]) -> Result<Exit> {
    match &a.out {
        Some(out) => {
            files::write(out, bytes, Access::Secret, a.force)?;
            println!("{}", t!(lang, "results.written", file = out.display()));
        }
        None => {
            use std::io::Write;
            std::io::stdout().write_all(bytes)?;
        }
    }
    Ok(Exit::Success)
}

fn place_of(lang: Lang, role: Role, rank: u64) -> String {
    match role {
        Role::Recipient => t!(lang, "results.recipient", rank = rank),
        Role::Reserve => t!(lang, "results.reserve", rank = rank),
    }
}

/// The name shown for a receipt: its first private column (the name, as
/// `slips` takes it), cut to [`NAME_WIDTH`] characters.
pub(crate) fn name_of(r: &Receipt) -> String {
    let name = r.doc.columns.0.first().map_or("", |(_, v)| v.as_str());
    cut(&visible(name.trim()), NAME_WIDTH)
}

/// `s` in at most `width` characters, the last one `…` when cut.
pub(crate) fn cut(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return s.to_string();
    }
    let mut out: String = s.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// The person cells of a row: id and name.
fn person(n: &Named<'_>) -> [String; 2] {
    [cut(&visible(&n.receipt.doc.id), NAME_WIDTH), name_of(n.receipt)]
}

/// A table for people: place, id and name, in drawn order.
fn text(named: &[Named<'_>], lang: Lang) -> String {
    let mut rows = vec![vec![t!(lang, "results.role"), "id".to_string(), t!(lang, "results.name")]];
    for n in named {
        let [id, name] = person(n);
        rows.push(vec![place_of(lang, n.role, n.rank), id, name]);
    }
    format!("{}\n\n{}", wrap(&t!(lang, "results.heading")), table(&rows))
}

/// `text` wrapped at spaces to lines of at most 100 characters (the table's width).
pub(crate) fn wrap(text: &str) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in text.split(' ') {
        let n = word.chars().count();
        if line > 0 && line + 1 + n > 100 {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += n;
    }
    out
}

/// Several lists (SPEC §17): each list of recipients place by place, with
/// the travel companion of each place beside the recipient, then each
/// list's reserves.
fn lists_text(named: &[Named<'_>], lang: Lang, names: &Names) -> String {
    let mut out = format!("{}\n", wrap(&t!(lang, "results.heading")));
    let lists: Vec<&String> =
        named.iter().filter_map(|n| n.list.as_ref().map(|(l, _)| l)).fold(Vec::new(), |mut v, l| {
            if !v.contains(&l) {
                v.push(l);
            }
            v
        });
    fn of_list<'n, 'a>(named: &'n [Named<'a>], list: &'n str) -> impl Iterator<Item = &'n Named<'a>> {
        named.iter().filter(move |n| n.list.as_ref().is_some_and(|(l, _)| l == list))
    }
    let companions_of = |n: &Named<'_>| n.list.as_ref().and_then(|(_, of)| of.clone());
    // A list is a list of companions when one of its recipients travels with another list.
    let travels: HashMap<&String, String> =
        lists.iter().filter_map(|l| of_list(named, l).find_map(|n| companions_of(n).map(|of| (*l, of)))).collect();
    for list in &lists {
        if travels.contains_key(list) {
            continue;
        }
        let partners: Vec<&&String> = lists.iter().filter(|c| travels.get(**c) == Some(*list)).collect();
        let mut header = vec![t!(lang, "results.role"), "id".to_string(), t!(lang, "results.name")];
        for c in &partners {
            header.push(t!(lang, "results.lists.companion-column", list = names.shown(c)));
            header.push(t!(lang, "results.name"));
        }
        let mut rows = vec![header];
        for n in of_list(named, list).filter(|n| n.role == Role::Recipient) {
            let [id, name] = person(n);
            let mut row = vec![place_of(lang, n.role, n.rank), id, name];
            for c in &partners {
                match of_list(named, c).find(|m| m.role == Role::Recipient && m.rank == n.rank) {
                    Some(m) => row.extend(person(m)),
                    None => row.extend([String::new(), String::new()]),
                }
            }
            rows.push(row);
        }
        out.push_str(&format!("\n{}\n{}", t!(lang, "verify.lists.heading", list = names.shown(list)), table(&rows)));
    }
    for list in &lists {
        let reserves: Vec<&Named<'_>> = of_list(named, list).filter(|n| n.role == Role::Reserve).collect();
        if reserves.is_empty() {
            continue;
        }
        let mut rows = vec![vec![t!(lang, "results.role"), "id".to_string(), t!(lang, "results.name")]];
        for n in reserves {
            let [id, name] = person(n);
            rows.push(vec![place_of(lang, n.role, n.rank), id, name]);
        }
        let heading = match travels.get(list) {
            Some(of) => t!(lang, "results.lists.companion-reserves", list = names.shown(list), of = names.shown(of)),
            None => t!(lang, "results.lists.reserves", list = names.shown(list)),
        };
        out.push_str(&format!("\n{heading}\n{}", table(&rows)));
    }
    out
}

/// Rows as aligned columns, two spaces apart, without trailing spaces.
pub(crate) fn table(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|i| rows.iter().filter_map(|r| r.get(i)).map(|c| c.chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for r in rows {
        let cells: Vec<String> =
            r.iter().zip(&widths).map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count()))).collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

/// The table of the CSV and the workbook: the header, how many of its
/// first names are the tool's own, and a row per drawn ticket.
fn sheet_rows(named: &[Named<'_>], columns: &[String], names: &Names) -> (Vec<String>, usize, Vec<Vec<String>>) {
    // A draw with several lists has a first column naming the list (SPEC §17),
    // and in version 5 a second with its display name (SPEC §19.3).
    let lists = named.iter().any(|n| n.list.is_some());
    let mut header = if lists { vec!["list".to_string()] } else { Vec::new() };
    let displays = names.has_displays();
    if displays {
        header.push("display".to_string());
    }
    header.extend(["role".to_string(), "rank".to_string(), "id".to_string()]);
    header.extend(columns.iter().cloned());
    let rows: Vec<Vec<String>> = named
        .iter()
        .map(|n| {
            let d = &n.receipt.doc;
            let mut row: Vec<String> = n.list.iter().map(|(l, _)| l.clone()).collect();
            if displays {
                row.extend(n.list.iter().map(|(l, _)| names.display(l).unwrap_or(l).to_string()));
            }
            row.extend([role_name(n).to_string(), n.rank.to_string(), d.id.clone()]);
            row.extend(columns.iter().map(|c| d.columns.get(c).unwrap_or("").to_string()));
            row
        })
        .collect();
    let own = header.len() - columns.len();
    (header, own, rows)
}

/// The role column of the CSV: `companion` for a travel companion drawn on
/// a list of companions (SPEC §17.6), so no spreadsheet calls them a
/// recipient of a grant; otherwise the transcript's role.
fn role_name(n: &Named<'_>) -> &'static str {
    match &n.list {
        Some((_, Some(_))) => "companion",
        _ => n.role.name(),
    }
}

fn json(named: &[Named<'_>], transcript_digest: &str, names: &Names) -> Result<Vec<u8>> {
    let drawn: Vec<serde_json::Value> = named
        .iter()
        .map(|n| {
            let d = &n.receipt.doc;
            let mut v = serde_json::json!({
                "role": n.role.name(),
                "rank": n.rank,
                "id": d.id,
                "leaf": d.leaf,
                "columns": d.columns,
            });
            if let Some((list, of)) = &n.list {
                v["list"] = serde_json::json!(list);
                if let Some(d) = names.display(list) {
                    v["list_display"] = serde_json::json!(d);
                }
                v["companion_of"] =
                    serde_json::json!(of.as_ref().map(|of| serde_json::json!({"list": of, "place": n.rank})));
            }
            v
        })
        .collect();
    let v = serde_json::json!({ "transcript_digest": transcript_digest, "drawn": drawn });
    let mut bytes = serde_json::to_vec_pretty(&v)?;
    bytes.push(b'\n');
    Ok(bytes)
}
