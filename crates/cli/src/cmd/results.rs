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

use crate::files::{self, Access};
use crate::handouts;
use crate::i18n::Lang;
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
    /// text (a table for people) or csv (role, rank, id, the private columns).
    #[arg(long, value_name = "FORMAT", default_value = "text", value_parser = ["text", "csv"])]
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

pub fn run(a: ResultsArgs) -> Result<Exit> {
    let lang = Lang::current();
    if let Some(out) = &a.out {
        files::ensure_writable(out, a.force)?;
    }
    // SPEC §17: a draw with several lists names each list's picks in turn.
    if super::lists::is_v4_file(&a.transcript)? {
        let report = potdraw_verify::verify_lists_transcript(super::lists::read_transcript(&a.transcript)?, None);
        let verified = match report.outcome {
            Ok(v) => v,
            Err(f) => {
                super::lists::tell_not_verified(lang, &a.transcript, &f);
                return Ok(Exit::Failed);
            }
        };
        let t = &verified.get().transcript;
        let receipts = handouts::read_receipts(&a.receipts, &t.commitment.digest)?;
        let by_leaf: HashMap<_, _> = receipts.iter().map(|r| ((r.doc.list.clone(), r.leaf), r)).collect();
        let mut named = Vec::new();
        for (l, r) in t.commitment.doc.lists.iter().zip(&t.lists) {
            for p in &r.result {
                let Some(receipt) = by_leaf.get(&(Some(l.name.clone()), p.leaf)) else {
                    return Err(problem!(
                        "results-no-receipt",
                        file = a.receipts.display(),
                        place = format!("{}: {}", l.name, place_of(lang, p.role, p.rank)),
                        leaf = hex::encode(p.leaf)
                    ));
                };
                let of = l.companions_of.clone().filter(|_| p.role == Role::Recipient);
                named.push(Named { role: p.role, rank: p.rank, receipt, list: Some((l.name.clone(), of)) });
            }
        }
        return write(&a, lang, &named, &receipts, &hex::encode(verified.get().transcript_digest));
    }
    let verified = match super::verified_transcript(&a.transcript, lang)? {
        Ok(v) => v,
        Err(exit) => return Ok(exit),
    };
    let t = &verified.get().transcript;
    let receipts = handouts::read_receipts(&a.receipts, &t.commitment.digest)?;
    let by_leaf: HashMap<_, _> = receipts.iter().map(|r| (r.leaf, r)).collect();
    let mut named = Vec::with_capacity(t.result.len());
    for p in &t.result {
        let Some(receipt) = by_leaf.get(&p.leaf) else {
            return Err(problem!(
                "results-no-receipt",
                file = a.receipts.display(),
                place = place_of(lang, p.role, p.rank),
                leaf = hex::encode(p.leaf)
            ));
        };
        named.push(Named { role: p.role, rank: p.rank, receipt, list: None });
    }
    write(&a, lang, &named, &receipts, &hex::encode(verified.get().transcript_digest))
}

/// The answer in the format asked for, to the terminal or a file.
fn write(a: &ResultsArgs, lang: Lang, named: &[Named<'_>], receipts: &[Receipt], digest: &str) -> Result<Exit> {
    let columns = handouts::column_names(receipts);
    let bytes = if a.json {
        json(named, digest)?
    } else if a.format == "csv" {
        csv(named, &columns)?
    } else {
        text(named, &columns, lang).into_bytes()
    };
    match &a.out {
        Some(out) => {
            files::write(out, &bytes, Access::Secret, a.force)?;
            println!("{}", t!(lang, "results.written", file = out.display()));
        }
        None => {
            use std::io::Write;
            std::io::stdout().write_all(&bytes)?;
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

fn place(lang: Lang, n: &Named<'_>) -> String {
    let place = place_of(lang, n.role, n.rank);
    match &n.list {
        None => place,
        Some((list, None)) => t!(lang, "results.lists.place", list = list, place = place),
        // A travel companion is never called a recipient (issue 27): they
        // travel with a place of another list and receive no grant.
        Some((list, Some(of))) => t!(lang, "results.lists.companion", list = list, rank = n.rank, of = of),
    }
}

/// A table for people: place, id, then the private columns.
fn text(named: &[Named<'_>], columns: &[String], lang: Lang) -> String {
    let mut rows: Vec<Vec<String>> = vec![std::iter::once(t!(lang, "results.role"))
        .chain(std::iter::once("id".to_string()))
        .chain(columns.iter().cloned())
        .collect()];
    for n in named {
        let d = &n.receipt.doc;
        let mut row = vec![place(lang, n), visible(&d.id)];
        row.extend(columns.iter().map(|c| visible(d.columns.get(c).unwrap_or(""))));
        rows.push(row);
    }
    let widths: Vec<usize> =
        (0..rows[0].len()).map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0)).collect();
    let mut out = format!("{}\n\n", t!(lang, "results.heading"));
    for r in &rows {
        let cells: Vec<String> =
            r.iter().zip(&widths).map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count()))).collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

fn csv(named: &[Named<'_>], columns: &[String]) -> Result<Vec<u8>> {
    // A draw with several lists has a first column naming the list (SPEC §17).
    let lists = named.iter().any(|n| n.list.is_some());
    let mut header = if lists { vec!["list".to_string()] } else { Vec::new() };
    header.extend(["role".to_string(), "rank".to_string(), "id".to_string()]);
    header.extend(columns.iter().cloned());
    let rows: Vec<Vec<String>> = named
        .iter()
        .map(|n| {
            let d = &n.receipt.doc;
            let mut row: Vec<String> = n.list.iter().map(|(l, _)| l.clone()).collect();
            row.extend([role_name(n).to_string(), n.rank.to_string(), d.id.clone()]);
            row.extend(columns.iter().map(|c| d.columns.get(c).unwrap_or("").to_string()));
            row
        })
        .collect();
    handouts::csv(&header, &rows)
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

fn json(named: &[Named<'_>], transcript_digest: &str) -> Result<Vec<u8>> {
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
