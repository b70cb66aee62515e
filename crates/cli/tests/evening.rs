//! Issue 27: one evening, whole, in Dutch, as a volunteer treasurer holds
//! it: one workbook written by LibreOffice (fixtures/sheets/avond.xlsx) with
//! tabs Noord, Zuid and Reisgenoten; two neighbourhoods, each with its own
//! pot, and travel companions for both; the key and the signed commitment
//! before the evening; slips and the seed sheet; the ceremony (its keys
//! typed on standard input); the named results; a recipient declines and a
//! companion is unreachable; the same `amend` repeated (refused); the last
//! event undone; the report with the substitutions; the public folder
//! published and signed as the README says; the audit passes; and `check`
//! for a recipient, a companion, the reserve who moved up and the person
//! who declined. Every word printed is scanned for English.
//!
//! The expectations come from the files the binary wrote (the seed and the
//! salts are random) and from the rules, never from a result known before.

mod common;
#[path = "common/english.rs"]
mod english;

use english::english_in;
use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_potdraw");
const ROOM: &str = "3141526535";
const LOTTO: &str = "3 14 15 22 35 41";

struct Evening {
    dir: tempfile::TempDir,
    said: Vec<(String, String)>,
}

impl Evening {
    fn path(&self, p: &str) -> std::path::PathBuf {
        self.dir.path().join(p)
    }

    /// `potdraw --lang nl ARGS` in the evening's folder, with `input` on
    /// standard input; asserts the exit code and keeps what it said.
    fn run(&mut self, args: &[&str], input: &str, code: i32) -> String {
        let mut c = Command::new(BIN);
        c.current_dir(self.dir.path()).env_remove("LC_ALL").env_remove("LC_MESSAGES").env_remove("LANG");
        c.arg("--lang").arg("nl").args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = c.spawn().unwrap();
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert_eq!(out.status.code(), Some(code), "potdraw {args:?}:\n{text}");
        self.said.push((args.join(" "), text.clone()));
        text
    }

    fn json(&self, p: &str) -> Value {
        serde_json::from_slice(&std::fs::read(self.path(p)).unwrap()).unwrap()
    }
}

/// The receipt of a ticket: (id, code).
fn receipt_of(receipts: &[Value], list: &str, leaf: &str) -> (String, String) {
    let r = receipts.iter().find(|r| r["list"] == list && r["leaf"] == leaf).expect("every ticket has a receipt");
    (r["id"].as_str().unwrap().to_string(), r["code"].as_str().unwrap().to_string())
}

#[test]
fn one_evening_in_dutch() {
    let mut e = Evening { dir: tempfile::tempdir().unwrap(), said: Vec::new() };
    let book = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/sheets/avond.xlsx");
    std::fs::copy(&book, e.path("leden.xlsx")).unwrap();

    // Two weeks before: the key, the commitment, its signature.
    e.run(&["key", "generate", "--out", "sleutel"], "", 0);
    let mut commit: Vec<String> =
        ["commit", "--title", "Buurtpot Noord en Zuid, december 2026"].map(String::from).to_vec();
    for (list, sheet, filter) in [
        ("noord", "Noord", None),
        ("zuid", "Zuid", None),
        ("reisgenoten-noord", "Reisgenoten", Some("Wijk=Noord")),
        ("reisgenoten-zuid", "Reisgenoten", Some("Wijk=Zuid")),
    ] {
        commit.extend([
            "--list".into(),
            format!("{list}=leden.xlsx"),
            "--list-sheet".into(),
            format!("{list}={sheet}"),
        ]);
        if let Some(f) = filter {
            commit.extend(["--list-where".into(), format!("{list}={f}")]);
        }
    }
    commit.extend(
        [
            "--list-pot",
            "noord=€ 60.000,00",
            "--list-pot",
            "zuid=60000",
            "--companions",
            "reisgenoten-noord=noord",
            "--companions",
            "reisgenoten-zuid=zuid",
            "--list-reserves",
            "reisgenoten-noord=2",
            "--list-reserves",
            "reisgenoten-zuid=2",
            "--entropy",
            "dice:zaal:10",
            "--entropy",
            "numbers:lotto:6",
            "--created-at",
            "2026-12-01T12:00:00Z",
            "--out",
            "avond",
        ]
        .map(String::from),
    );
    let said = e.run(&commit.iter().map(String::as_str).collect::<Vec<_>>(), "", 0);
    assert!(said.contains("lijst noord: 10 deelnemers; 5 ontvangers betaald uit de pot"), "{said}");
    assert!(said.contains("lijst reisgenoten-zuid: 7 deelnemers; 5 reisgenoten van lijst zuid"), "{said}");
    e.run(&["sign", "avond/public/commitment.json", "--key", "sleutel/private/potdraw.key"], "", 0);

    // Slips (for the printer and the mail merge) and the seed on paper.
    let receipts_arg = ["--commitment", "avond/public/commitment.json", "--receipts", "avond/private/receipts.jsonl"];
    let date = ["--draw-date", "zaterdag 12 december 2026, 20.00 uur"];
    e.run(&[&["slips"][..], &receipts_arg, &date, &["--out", "avond/private/bewijsjes.html"]].concat(), "", 0);
    e.run(
        &[&["slips"][..], &receipts_arg, &date, &["--format", "csv", "--out", "avond/private/bewijsjes.csv"]].concat(),
        "",
        0,
    );
    let csv = std::fs::read_to_string(e.path("avond/private/bewijsjes.csv")).unwrap();
    assert!(csv.starts_with("\u{feff}id;naam;controlecode;lijst"), "Dutch Excel's CSV: {}", &csv[..80.min(csv.len())]);
    let seed_sheet = ["seed-sheet", "--commitment", "avond/public/commitment.json", "--seed", "avond/private/seed"];
    e.run(&[&seed_sheet[..], &["--out", "avond/private/startwaarde.html"]].concat(), "", 0);

    // The evening: the ceremony, one screen after another (Enter to go on).
    let input = format!("\n\n{ROOM}\n\n{LOTTO}\n\n{}", "\n".repeat(60));
    let ceremony = ["ceremony", "--commitment", "avond/public/commitment.json", "--seed", "avond/private/seed"];
    let shown = e.run(&[&ceremony[..], &["--out", "avond/public/transcript.json"]].concat(), &input, 0);
    assert!(shown.contains("Stap 13 van 13") && !shown.contains("van 6 ·"), "four lists, one step count: {shown}");
    assert!(e.path("avond/public/report.html").exists(), "the report beside the transcript");
    let t = e.json("avond/public/transcript.json");
    let receipts: Vec<Value> = std::fs::read_to_string(e.path("avond/private/receipts.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let pick = |list: usize, j: usize| t["lists"][list]["result"][j]["leaf"].as_str().unwrap().to_string();
    // noord: places 1..5, reserves after them; reisgenoten-zuid is list 3.
    let (noord_1, noord_2, noord_reserve_1) = (pick(0, 0), pick(0, 1), pick(0, 5));
    let (companion_noord_1, companion_zuid_2) = (pick(2, 0), pick(3, 1));

    // The named list for the board.
    let results =
        e.run(&["results", "avond/public/transcript.json", "--receipts", "avond/private/receipts.jsonl"], "", 0);
    let (id_1, _) = receipt_of(&receipts, "noord", &noord_1);
    let (id_companion_1, code_companion_1) = receipt_of(&receipts, "reisgenoten-noord", &companion_noord_1);
    let row = results.lines().find(|l| l.starts_with("ontvanger 1 ") && l.contains(&id_1)).expect("place 1 of noord");
    assert!(row.contains(&id_companion_1), "recipient and companion side by side: {results}");

    // A week later: place 1 of noord declines, companion 2 of zuid cannot be reached.
    let fp = potdraw_cli::render::fingerprint;
    let (fp_noord_1, fp_companion_zuid_2) = (fp(&noord_1), fp(&companion_zuid_2));
    let record = ["amend", "avond/public/transcript.json", "--record", "avond/public/vervangingen.json"];
    let declines = [&record[..], &["--list", "noord", "--place", "1", "--holder", &fp_noord_1]].concat();
    let declines = [&declines[..], &["--reason", "ziet af", "--date", "12-12-2026"]].concat();
    e.run(&declines, "", 0);
    let unreachable =
        [&record[..], &["--list", "reisgenoten-zuid", "--place", "2", "--holder", &fp_companion_zuid_2]].concat();
    e.run(&[&unreachable[..], &["--reason", "onbereikbaar", "--date", "13-12-2026"]].concat(), "", 0);
    // The same command again (arrow-up, Enter): refused, nothing written.
    let before = std::fs::read(e.path("avond/public/vervangingen.json")).unwrap();
    let again = e.run(&declines, "", 2);
    assert!(again.contains("gebeurtenis #1 van 2026-12-12") && again.contains("Er is niets vastgelegd"), "{again}");
    assert_eq!(std::fs::read(e.path("avond/public/vervangingen.json")).unwrap(), before);
    // The companion turns up after all: the last event is undone, publicly.
    e.run(&[&record[..], &["--undo", "--date", "14-12-2026"]].concat(), "", 0);
    let v = e.json("avond/public/vervangingen.json");
    assert_eq!((v["format"].as_str(), v["events"].as_array().map(Vec::len)), (Some("potdraw/amendments/v2"), Some(3)));

    // The report with the substitutions, the verifier page, every file signed.
    let report = ["report", "avond/public/transcript.json", "--amendments", "avond/public/vervangingen.json"];
    e.run(&[&report[..], &["--out", "avond/public/report.html", "--force"]].concat(), "", 0);
    e.run(&["web", "--out", "avond/public/verify.html"], "", 0);
    for f in ["transcript.json", "vervangingen.json", "report.html", "verify.html", "README.txt"] {
        e.run(&["sign", &format!("avond/public/{f}"), "--key", "sleutel/private/potdraw.key"], "", 0);
    }
    let audit = e.run(&["audit", "avond/public", "--key", "sleutel/public/potdraw.pub"], "", 0);
    assert!(audit.contains("Buurtpot Noord en Zuid,") && audit.contains("december 2026"), "the whole title: {audit}");
    assert!(audit.contains("CONTROLE GESLAAGD"), "{audit}");

    // Each resident checks, with the slip's id and code and the published record.
    let check = |e: &mut Evening, (id, code): (String, String)| {
        let args = ["check", "avond/public/transcript.json", "--id", &id, "--code", &code];
        e.run(&[&args[..], &["--amendments", "avond/public/vervangingen.json"]].concat(), "", 0)
    };
    let said = check(&mut e, receipt_of(&receipts, "noord", &noord_2));
    assert!(said.contains("U bent getrokken als ontvanger 2: u ontvangt de schenking."), "{said}");
    let said = check(&mut e, (id_companion_1, code_companion_1));
    assert!(said.contains("reisgenoot nummer 1: u reist mee met plaats 1 van lijst noord"), "{said}");
    assert!(!said.contains("ontvangt de schenking"), "a companion never hears they won: {said}");
    let said = check(&mut e, receipt_of(&receipts, "noord", &noord_reserve_1));
    assert!(said.contains("U was reserve 1 en bent doorgeschoven naar plaats 1: u ontvangt de schenking."), "{said}");
    let said = check(&mut e, receipt_of(&receipts, "noord", &noord_1));
    assert!(said.contains("U had plaats 1; die is op 2026-12-12 vrijgekomen: ziet af."), "{said}");
    let said = check(&mut e, receipt_of(&receipts, "reisgenoten-zuid", &companion_zuid_2));
    assert!(said.contains("u reist mee met plaats 2 van lijst zuid"), "the undo gave her place back: {said}");

    // Not one English word in the whole evening.
    let english: Vec<String> = e
        .said
        .iter()
        .flat_map(|(cmd, text)| english_in(text).into_iter().map(move |p| format!("{cmd}: {p}")))
        .collect();
    assert!(english.is_empty(), "English in the Dutch evening:\n{}", english.join("\n"));
}
