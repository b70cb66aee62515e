//! Issue 28: a member sheet's date column ("Lid sinds", shown as
//! 13-03-2024) reaches the resident's private receipt and `results` as the
//! sheet shows it, not as the ISO date underneath (2024-03-13); the id,
//! which feeds the draw, is unchanged. fixtures/sheets/datums.{xlsx,ods},
//! written by LibreOffice from src/datums.fods (DD-MM-YYYY in Dutch).

mod common;

use common::*;

/// The sheet committed (one recipient, one reserve) and drawn.
fn drawn(file: &str) -> Pot {
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join(file);
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/sheets").join(file);
    std::fs::copy(fixture, &sheet).unwrap();
    let (out, transcript) = (dir.path().join("pot"), dir.path().join("transcript.json"));
    let p = Pot { dir, csv: sheet, out, transcript };
    succeeds(&mut p.commit_cmd_with("12000", &["--min", "1", "--max", "1", "--reserves", "1"]));
    succeeds(&mut p.draw_cmd());
    p
}

#[test]
fn a_date_cell_reaches_the_receipt_and_results_as_the_sheet_shows_it() {
    for file in ["datums.xlsx", "datums.ods"] {
        let p = drawn(file);
        let receipt = p.receipt_of("A-1");
        assert_eq!(receipt["columns"]["Lid sinds"], "13-03-2024", "{file}: {receipt}");
        assert_eq!(receipt["columns"]["Jarig"], "13 maart 2024", "{file}: {receipt}");
        assert_eq!(receipt["columns"]["Binnen"], "01-12-2026 19:30", "{file}: {receipt}");
        assert_eq!(p.receipt_of("B-2")["columns"]["Lid sinds"], "01-10-2019", "{file}");
        let csv = p.path("uitslag.csv");
        let mut results = p.cmd();
        results.args(["--lang", "nl", "results"]).arg(&p.transcript).arg("--receipts").arg(p.receipts());
        succeeds(results.args(["--format", "csv", "--out"]).arg(&csv));
        let text = std::fs::read_to_string(&csv).unwrap();
        let header = text.lines().next().unwrap();
        let at = header.split(';').position(|h| h == "Lid sinds").unwrap();
        let mut sinds: Vec<&str> = text.lines().skip(1).map(|l| l.split(';').nth(at).unwrap()).collect();
        sinds.sort_unstable();
        assert_eq!(sinds, ["01-10-2019", "13-03-2024"], "{file}: {text}");
        // In English too: the sheet's text, not a translation of it.
        let mut en = p.cmd();
        en.args(["--lang", "en", "results"]).arg(&p.transcript).arg("--receipts").arg(p.receipts());
        let out = succeeds(en.args(["--format", "csv-en"]));
        assert!(out.contains("13-03-2024") && !out.contains("2024-03-13"), "{file}: {out}");
    }
}
