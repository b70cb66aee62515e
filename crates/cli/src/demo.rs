//! `potdraw demo`: the whole story on the bundled example (README's main job).
//!
//! It runs the same code as the commands, in-process, in a temporary folder
//! (or `--keep DIR`), and prints each step with the command an organiser,
//! participant or auditor would type.

use crate::args::DemoArgs;
use crate::cmd;
use crate::config::{self, DrawConfig};
use crate::files::{self, Access};
use crate::i18n::Lang;
use crate::{render, t, Exit};
use anyhow::{bail, Context, Result};
use std::path::Path;

/// The bundled example list (fictional people), also in fixtures/example/.
pub const EXAMPLE_CSV: &str = include_str!("../../../fixtures/example/candidates.csv");
/// The bundled example's public text source (fixtures/example/, a v1 draw
/// from before text sources were retired; SPEC §9.8).
pub const EXAMPLE_LOTTO: &str = "Lotto 5 december 2026: 3 14 15 22 35 41";
/// The demo's published numbers: a lottery's six numbers of a fixed date,
/// typed as people do (commas, a leading zero, drawn order); the transcript
/// records them as "3 14 15 22 35 41" (SPEC §14.2).
pub const EXAMPLE_NUMBERS: &str = "15, 03, 41, 22, 35, 14";

pub fn run(a: DemoArgs) -> Result<Exit> {
    let lang = Lang::current();
    let temp;
    let dir: &Path = match &a.keep {
        Some(d) => {
            std::fs::create_dir_all(d)
                .map_err(|e| crate::problem!("folder-create", folder = d.display(), reason = crate::os::reason(&e)))?;
            d
        }
        None => {
            temp = tempfile::tempdir().map_err(|e| {
                let folder = std::env::temp_dir();
                crate::problem!("file-temp", folder = folder.display(), reason = crate::os::reason(&e))
            })?;
            temp.path()
        }
    };
    let csv = dir.join("candidates.csv");
    files::write(&csv, EXAMPLE_CSV.as_bytes(), Access::Secret, false)?;
    let out = dir.join("pot");
    // Issue 17: the transcript is public, so it goes beside the commitment in pot/public/.
    let transcript = out.join("public").join("transcript.json");

    step(1, t!(lang, "demo.step-1"));
    let commit_args = [
        "potdraw",
        "commit",
        "--candidates",
        path(&csv),
        "--pot",
        "65000",
        "--title",
        "Buurtpot Zuid, december 2026",
        "--entropy",
        "dice:room:10",
        "--entropy",
        "numbers:lotto-2026-12-05:6",
        "--out",
        path(&out),
    ];
    show(&commit_args);
    let cli = <crate::args::Cli as clap::Parser>::try_parse_from(commit_args)?;
    let crate::args::Command::Commit(ca) = cli.command else { bail!("internal error: demo arguments") };
    let cfg = config::commit(ca)?;
    let mut fill =
        |buf: &mut [u8]| getrandom::fill(buf).expect("the operating system's random number generator failed");
    let (committed, outputs) = cmd::commit::execute(&cfg, &mut fill)?;
    print!("{}", cmd::commit::summary(&committed, &outputs));

    step(2, t!(lang, "demo.step-2"));
    let mut roll = [0u8; 10];
    getrandom::fill(&mut roll).context("no randomness for the demo's dice")?;
    let dice: String = roll.iter().map(|b| char::from(b'1' + b % 6)).collect();
    println!("{}", t!(lang, "demo.dice", dice = dice));
    let draw_cfg = DrawConfig {
        commitment: outputs.commitment.clone(),
        seed: Some(outputs.seed.clone()),
        entropy: vec![("room".into(), dice.clone()), ("lotto-2026-12-05".into(), EXAMPLE_NUMBERS.into())],
        previous_signatures: Vec::new(),
        beacons: Vec::new(),
        out: transcript.clone(),
        force: false,
    };
    show(&[
        "potdraw",
        "draw",
        "--commitment",
        path(&outputs.commitment),
        "--seed",
        path(&outputs.seed),
        "--entropy",
        &format!("room={dice}"),
        "--entropy",
        &format!("lotto-2026-12-05={EXAMPLE_NUMBERS}"),
        "--out",
        path(&transcript),
    ]);
    let Ok(doc) = crate::ops::drawing::execute(&draw_cfg, &cmd::read_seed)? else {
        bail!("internal error: the demo's commitment does not verify")
    };
    print!("{}", crate::render_lists::summary(&doc, &transcript));

    step(3, t!(lang, "demo.step-3"));
    show(&["potdraw", "verify", path(&transcript), "--commitment", path(&outputs.commitment)]);
    let t = crate::ops::documents::read_transcript(&transcript)?;
    let published = crate::ops::documents::read_commitment(&outputs.commitment)?;
    let report = potdraw_verify::verify_transcript(t, Some(&published));
    print!("{}", render::verify_text(&report));
    let Ok(verified) = report.outcome else { bail!("internal error: the demo's transcript does not verify") };
    let t = &verified.get().transcript;

    step(4, t!(lang, "demo.step-4"));
    let drawn = &doc.result[0].leaf;
    let lucky = committed.receipts.iter().find(|r| &r.leaf == drawn);
    let other = committed.receipts.iter().find(|r| doc.result.iter().all(|x| x.leaf != r.leaf));
    for r in lucky.into_iter().chain(other) {
        show(&["potdraw", "check", path(&transcript), "--id", &r.id, "--code", &r.code]);
        let salt = potdraw_core::code::parse_for_draw(&r.code, &t.commitment.digest)?;
        let leaf = potdraw_core::hash::leaf(&r.id, &salt);
        println!("{}", render::ticket_text(verified.ticket(&leaf)));
    }

    step(5, t!(lang, "demo.step-5"));
    let mut forged = t.doc.clone();
    let swap = forged.commitment.candidates.entries.iter().find(|e| forged.result.iter().all(|r| r.leaf != e.leaf));
    if let Some(e) = swap {
        forged.result[0].leaf = e.leaf.to_string();
    }
    let forged_path = dir.join("forged-transcript.json");
    files::write(&forged_path, &crate::pretty::document(&forged)?, Access::Public, true)?;
    show(&["potdraw", "verify", path(&forged_path)]);
    let forged_t = crate::ops::documents::read_transcript(&forged_path)?;
    print!("{}", render::verify_text(&potdraw_verify::verify_transcript(forged_t, None)));

    step(6, t!(lang, "demo.step-6"));
    let slips = out.join("private").join("slips.html");
    let date = t!(lang, "demo.draw-date");
    let date = date.as_str();
    let (c, r, s) = (path(&outputs.commitment), path(&outputs.receipts), path(&slips));
    show(&["potdraw", "slips", "--commitment", c, "--receipts", r, "--draw-date", date, "--out", s]);
    cmd::slips::run(cmd::slips::SlipsArgs {
        commitment: outputs.commitment.clone(),
        receipts: outputs.receipts.clone(),
        draw_date: date.into(),
        name_column: None,
        page_url: None,
        format: "html".into(),
        out: slips,
        force: false,
    })?;
    show(&["potdraw", "results", path(&transcript), "--receipts", r]);
    cmd::results::run(cmd::results::ResultsArgs {
        amendments: None,
        transcript: transcript.clone(),
        receipts: outputs.receipts.clone(),
        format: "text".into(),
        json: false,
        out: None,
        force: false,
    })?;

    println!();
    match &a.keep {
        Some(d) => println!("{}", t!(lang, "demo.kept", folder = d.display())),
        None => println!("{}", t!(lang, "demo.removed")),
    }
    Ok(Exit::Success)
}

fn step(n: u32, what: String) {
    println!("\n{}", t!(Lang::current(), "demo.step", n = n, what = what));
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap_or("<non-UTF-8 path>")
}

/// Prints a command line, quoting arguments that need it.
fn show(args: &[&str]) {
    let quoted: Vec<String> = args
        .iter()
        .map(|a| {
            if a.chars().all(|c| c.is_ascii_alphanumeric() || "-_./:=,".contains(c)) {
                a.to_string()
            } else {
                format!("'{}'", a.replace('\'', "'\\''"))
            }
        })
        .collect();
    println!("$ {}", quoted.join(" "));
}
