//! Issue 26, part 4: spreadsheets that aborted `commit` or filled the
//! memory, built here at test time (too big to commit) with the `zip`
//! crate, run through the real binary under `/usr/bin/time -f %M`, which
//! reports the child's peak resident memory (wait4's ru_maxrss, in KiB).
//!
//! Each must be refused with exit 2 and a sentence naming the limit, and
//! stay below 256 MB at its peak; so must a file just within the limits,
//! which must be accepted. Before the fix, the far cell aborted with exit
//! 134 (a 512 GiB allocation) and the two bombs peaked at about 2 GB.

#[path = "common/xlsx.rs"]
mod xlsx;

use std::path::{Path, PathBuf};
use std::process::Command;
use xlsx::{far_cell, inline, shared_strings_bomb, whitespace_bomb, xlsx, SHEET_END, SHEET_START};

const PEAK_LIMIT_KIB: u64 = 256 * 1000;

/// Sets every declared (uncompressed) size of a zip file to 1,000 bytes, in
/// the local headers and the central directory: declared sizes lie.
fn lie_about_sizes(path: &Path) {
    let mut b = std::fs::read(path).unwrap();
    let mut i = 0;
    while i + 46 <= b.len() {
        let at = match &b[i..i + 4] {
            [0x50, 0x4b, 0x03, 0x04] => Some(i + 22),
            [0x50, 0x4b, 0x01, 0x02] => Some(i + 24),
            _ => None,
        };
        if let Some(at) = at {
            b[at..at + 4].copy_from_slice(&1000u32.to_le_bytes());
        }
        i += 1;
    }
    std::fs::write(path, b).unwrap();
}

struct Run {
    code: Option<i32>,
    stderr: String,
    peak_kib: u64,
}

/// `potdraw --lang LANG commit` on `input`, with the child's peak memory.
fn commit(input: &Path, lang: &str) -> Run {
    let dir = input.parent().unwrap();
    let out = dir.join(format!("out-{lang}"));
    let times = dir.join("time.txt");
    let output = Command::new("/usr/bin/time")
        .args(["-f", "%M", "-o"])
        .arg(&times)
        .arg(env!("CARGO_BIN_EXE_potdraw"))
        .args(["--lang", lang, "commit", "--candidates"])
        .arg(input)
        .args(["--pot", "12000", "--min", "1", "--max", "1", "--reserves", "0", "--entropy", "dice:room"])
        .args(["--created-at", "2026-11-24T12:00:00Z", "--out"])
        .arg(&out)
        .env_remove("LC_ALL")
        .env_remove("LANG")
        .output()
        .expect("/usr/bin/time (Debian: apt-get install time)");
    let peak = std::fs::read_to_string(&times).unwrap();
    let peak_kib = peak.lines().last().unwrap().trim().parse().unwrap_or_else(|_| panic!("time said {peak:?}"));
    let _ = std::fs::remove_dir_all(&out);
    Run { code: output.status.code(), stderr: String::from_utf8_lossy(&output.stderr).into_owned(), peak_kib }
}

/// Refused in both languages with exit 2, the class and the fragments, below the memory bound.
fn refused(input: &Path, class: &str, en: &[&str], nl: &[&str]) -> u64 {
    let mut peak = 0;
    for (lang, fragments, label) in [("en", en, "error code"), ("nl", nl, "foutcode")] {
        let run = commit(input, lang);
        let said =
            format!("{} ({lang}): exit {:?}, peak {} KiB\n{}", input.display(), run.code, run.peak_kib, run.stderr);
        assert_eq!(run.code, Some(2), "{said}");
        assert!(run.stderr.contains(&format!("[{label}: {class}]")), "{said}");
        for f in fragments {
            assert!(run.stderr.contains(f), "missing {f:?}: {said}");
        }
        assert!(run.peak_kib < PEAK_LIMIT_KIB, "{said}");
        eprintln!("{}: {class}, peak {} KiB", input.file_name().unwrap().to_string_lossy(), run.peak_kib);
        peak = peak.max(run.peak_kib);
    }
    peak
}

fn tmp() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_path_buf();
    (dir, path)
}

#[test]
fn a_far_cell_is_refused_by_the_used_range_of_the_cells_present() {
    let (_keep, dir) = tmp();
    let far = dir.join("ver.xlsx");
    // The declared <dimension> says A1:A2 (a lie); the cells present span A1:XFD1048576.
    far_cell(&far, "XFD1048576");
    let bytes = std::fs::read(&far).unwrap();
    assert!(bytes.len() < 4000, "{} bytes", bytes.len());
    refused(
        &far,
        "sheet-too-large",
        &["from Blad1!A1 to Blad1!XFD1048576", "17179869184 cells (the limit is 2097152 cells)"],
        &["van Blad1!A1 tot Blad1!XFD1048576", "17179869184 cellen"],
    );
    // Beyond Excel's last column: refused by the column limit.
    let beyond = dir.join("voorbij.xlsx");
    xlsx(
        &beyond,
        &mut |w| {
            write!(w, r#"{SHEET_START}<row r="1">{}{}</row>{SHEET_END}"#, inline("A1", "id"), inline("XFE1", "x"))
                .unwrap()
        },
        None,
    );
    refused(
        &beyond,
        "sheet-too-large",
        &["a cell in column 16385 (the limit is 16384 columns, up to XFD)"],
        &["kolom 16385"],
    );
    // One column in: the rows × columns limit, from the cells present.
    let near = dir.join("bijna.xlsx");
    xlsx(
        &near,
        &mut |w| {
            write!(
                w,
                r#"{SHEET_START}<row r="1">{}</row><row r="1048576">{}</row>{SHEET_END}"#,
                inline("A1", "id"),
                inline("C1048576", "x")
            )
            .unwrap();
        },
        None,
    );
    refused(
        &near,
        "sheet-too-large",
        &["from Blad1!A1 to Blad1!C1048576", "3145728 cells (the limit is 2097152 cells)"],
        &["van Blad1!A1 tot Blad1!C1048576", "hoogstens 2097152 cellen"],
    );
}

#[test]
fn zip_bombs_are_refused_by_the_size_of_each_part_declared_and_inflated() {
    let (_keep, dir) = tmp();
    let ws = dir.join("witruimte.xlsx");
    whitespace_bomb(&ws);
    refused(&ws, "sheet-too-large", &["xl/worksheets/sheet1.xml", "unpacks to 2147"], &["xl/worksheets/sheet1.xml"]);
    // The same, with the declared sizes changed to 1,000 bytes: refused
    // while inflating, at the first MiB of whitespace without a tag.
    lie_about_sizes(&ws);
    refused(
        &ws,
        "sheet-too-large",
        &["in the part xl/worksheets/sheet1.xml, text or a tag of more than 1048576 bytes"],
        &["in het deel xl/worksheets/sheet1.xml staat tekst of een tag van meer dan 1048576 bytes"],
    );
    let ss = dir.join("teksten.xlsx");
    shared_strings_bomb(&ss);
    refused(&ss, "sheet-too-large", &["xl/sharedStrings.xml", "the limit is 67108864 bytes"], &["gedeelde teksten"]);
    lie_about_sizes(&ss);
    // Lying, it is refused as the inflated bytes pass the limit.
    refused(
        &ss,
        "sheet-too-large",
        &["the shared strings (xl/sharedStrings.xml) of 67108865 bytes unpacked (the limit is 67108864 bytes)"],
        &["gedeelde teksten (xl/sharedStrings.xml) zijn uitgepakt 67108865 bytes"],
    );
}

#[test]
fn many_short_shared_strings_are_refused_by_their_count() {
    let (_keep, dir) = tmp();
    let ss = dir.join("veel.xlsx");
    xlsx(
        &ss,
        &mut |w| write!(w, r#"{SHEET_START}<row r="1"><c r="A1" t="s"><v>0</v></c></row>{SHEET_END}"#).unwrap(),
        Some(&mut |w| {
            write!(w, r#"<sst><si><t>id</t></si>"#).unwrap();
            for _ in 0..2_100_000 {
                w.write_all(b"<si/>").unwrap();
            }
            write!(w, "</sst>").unwrap();
        }),
    );
    refused(&ss, "sheet-too-large", &["more than 2097152 shared strings"], &["meer dan 2097152 gedeelde teksten"]);
}

/// A list at the limits is read within the memory bound: 1,048,575
/// candidates with a weight (2,097,152 cells, Excel's last row), the ids
/// shared strings as Excel writes them; the last id repeats the first, so
/// the whole sheet is read and validated before the list is refused (a
/// `commit` that goes on to write a million receipts needs more memory
/// for that, as it does from a CSV list).
#[test]
fn a_list_at_the_limits_is_read_within_the_memory_bound() {
    let (_keep, dir) = tmp();
    let big = dir.join("groot.xlsx");
    let rows = 1_048_576u32;
    xlsx(
        &big,
        &mut |w| {
            write!(w, r#"{SHEET_START}<row r="1"><c r="A1" t="s"><v>0</v></c>{}</row>"#, inline("B1", "gewicht"))
                .unwrap();
            for r in 2..=rows {
                let id = if r == rows { 1 } else { r - 1 };
                write!(w, r#"<row r="{r}"><c r="A{r}" t="s"><v>{id}</v></c><c r="B{r}"><v>1</v></c></row>"#).unwrap();
            }
            write!(w, "{SHEET_END}").unwrap();
        },
        Some(&mut |w| {
            write!(w, "<sst><si><t>id</t></si>").unwrap();
            for r in 2..rows {
                write!(w, "<si><t>ID-{r:07}</t></si>").unwrap();
            }
            write!(w, "</sst>").unwrap();
        }),
    );
    let peak = refused(&big, "csv-duplicate-id", &["Blad1!A1048576", "ID-0000002"], &["Blad1!A1048576", "ID-0000002"]);
    assert!(peak > 50_000, "a million candidates read in {peak} KiB: was the sheet read at all?");
}

/// What else was tried against the limits (issue 26): each is refused with
/// exit 2 or read, never an abort, and below the memory bound.
#[test]
fn other_bombs_are_refused_within_the_memory_bound() {
    let (_keep, dir) = tmp();
    // An .ods: one cell repeated across all 16,384 columns, on 10,000 rows.
    let wide = dir.join("breed.ods");
    xlsx::ods(&wide, &mut |w| {
        write!(w, r#"<table:table table:name="Blad1"><table:table-row>{}</table:table-row>"#, xlsx::ods_cell("id", 1))
            .unwrap();
        for _ in 0..10_000 {
            write!(w, "<table:table-row>{}</table:table-row>", xlsx::ods_cell("x", 16_384)).unwrap();
        }
        write!(w, "</table:table>").unwrap();
    });
    refused(&wide, "sheet-too-large", &["the limit is 1048576 cells"], &["hoogstens 1048576 cellen"]);
    // An .ods: one row of two cells repeated 1,048,575 times (100 bytes of XML).
    let tall = dir.join("lang.ods");
    xlsx::ods(&tall, &mut |w| {
        let row = format!("{}{}", xlsx::ods_cell("id", 1), xlsx::ods_cell("gewicht", 1));
        write!(w, r#"<table:table table:name="Blad1"><table:table-row>{row}</table:table-row>"#).unwrap();
        let row = format!("{}{}", xlsx::ods_cell("A", 1), xlsx::ods_cell("1", 1));
        write!(w, r#"<table:table-row table:number-rows-repeated="1048575">{row}</table:table-row></table:table>"#)
            .unwrap();
    });
    refused(&tall, "sheet-too-large", &["from Blad1!A1 to Blad1!B1048576"], &["van Blad1!A1 tot Blad1!B1048576"]);
    // An .ods of 20 sheets of 100,000 cells each: calamine reads every sheet, so they count together.
    let many = dir.join("bladen.ods");
    xlsx::ods(&many, &mut |w| {
        for s in 0..20 {
            write!(
                w,
                r#"<table:table table:name="Blad{s}"><table:table-row>{}</table:table-row>"#,
                xlsx::ods_cell("id", 1)
            )
            .unwrap();
            write!(
                w,
                r#"<table:table-row table:number-rows-repeated="99999">{}</table:table-row></table:table>"#,
                xlsx::ods_cell("x", 1)
            )
            .unwrap();
        }
    });
    refused(&many, "sheet-too-large", &["the limit is"], &["hoogstens"]);
    // An .xlsx with 10,001 parts.
    let parts = dir.join("delen.xlsx");
    {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&parts).unwrap());
        for i in 0..10_001 {
            zip.start_file(format!("x/{i}.xml"), zip::write::SimpleFileOptions::default()).unwrap();
        }
        zip.finish().unwrap();
    }
    refused(&parts, "sheet-too-large", &["an archive of 10001 parts (the limit is 10000)"], &["10001 delen"]);
    // A shared formula whose index asks calamine's formula reader for 4 billion slots,
    // and whose reference spans a million rows: our own pass reads no such table.
    let shared = dir.join("formule.xlsx");
    xlsx(
        &shared,
        &mut |w| {
            write!(w, r#"{SHEET_START}<row r="1">{}{}</row>"#, inline("A1", "id"), inline("B1", "gewicht")).unwrap();
            for r in 2..1000 {
                write!(w, r#"<row r="{r}">{}<c r="B{r}"><f t="shared" si="4000000000" ref="B2:B1048576">1+1</f><v>2</v></c></row>"#, inline(&format!("A{r}"), &format!("ID-{r}"))).unwrap();
            }
            write!(w, "{SHEET_END}").unwrap();
        },
        None,
    );
    let run = commit(&shared, "en");
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.peak_kib < PEAK_LIMIT_KIB, "peak {} KiB", run.peak_kib);
    eprintln!("formule.xlsx: accepted, peak {} KiB", run.peak_kib);
    // Nesting a million elements deep inside a cell.
    let deep = dir.join("diep.xlsx");
    xlsx(
        &deep,
        &mut |w| {
            write!(w, r#"{SHEET_START}<row r="1">{}</row><row r="2"><c r="A2" t="inlineStr"><is>"#, inline("A1", "id"))
                .unwrap();
            w.write_all(&b"<a>".repeat(1_000_000)).unwrap();
            w.write_all(&b"</a>".repeat(1_000_000)).unwrap();
            write!(w, "</is></c></row>{SHEET_END}").unwrap();
        },
        None,
    );
    let run = commit(&deep, "en");
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(run.peak_kib < PEAK_LIMIT_KIB, "peak {} KiB", run.peak_kib);
    eprintln!("diep.xlsx: exit 2, peak {} KiB", run.peak_kib);
    // A truncated archive (the far-cell file cut in half).
    let cut = dir.join("half.xlsx");
    far_cell(&cut, "B2");
    let bytes = std::fs::read(&cut).unwrap();
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    refused(&cut, "sheet-open", &["cannot be read as one"], &["niet als spreadsheet te lezen"]);
}

/// Ids typed as plain numbers (General format, as most lists of member
/// numbers are) are read as the sheet shows them; only a number format
/// that shows them otherwise is refused (fixtures/bad/sheet-id-leading-zeros-*).
#[test]
fn plain_number_ids_are_still_read() {
    let (_keep, dir) = tmp();
    let plain = dir.join("nummers.xlsx");
    xlsx(
        &plain,
        &mut |w| {
            write!(w, r#"{SHEET_START}<row r="1">{}</row><row r="2"><c r="A2"><v>7</v></c></row><row r="3"><c r="A3" s="0"><v>12</v></c></row>{SHEET_END}"#, inline("A1", "id")).unwrap()
        },
        None,
    );
    let out = dir.join("out");
    let run = Command::new(env!("CARGO_BIN_EXE_potdraw"))
        .args(["commit", "--candidates"])
        .arg(&plain)
        .args(["--pot", "12000", "--min", "1", "--max", "1", "--reserves", "0", "--entropy", "dice:room"])
        .args(["--created-at", "2026-11-24T12:00:00Z", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let receipts = std::fs::read_to_string(out.join("private/receipts.jsonl")).unwrap();
    let ids: Vec<String> = receipts
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["7", "12"]);
}

/// An .ods at its limit (calamine holds every sheet dense, twice): 524,287
/// candidates with a weight, 1,048,576 cells; the last id repeats the first,
/// so the whole sheet is read before the list is refused.
#[test]
fn an_ods_at_its_limit_is_read_within_the_memory_bound() {
    let (_keep, dir) = tmp();
    let big = dir.join("groot.ods");
    let rows = 524_288u32;
    xlsx::ods(&big, &mut |w| {
        let cell = |t: &str| {
            format!(r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#)
        };
        write!(
            w,
            r#"<table:table table:name="Blad1"><table:table-row>{}{}</table:table-row>"#,
            cell("id"),
            cell("gewicht")
        )
        .unwrap();
        for r in 2..=rows {
            let id = if r == rows { 2 } else { r };
            let weight =
                r#"<table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>"#;
            write!(w, "<table:table-row>{}{weight}</table:table-row>", cell(&format!("ID-{id:07}"))).unwrap();
        }
        write!(w, "</table:table>").unwrap();
    });
    let peak = refused(&big, "csv-duplicate-id", &["Blad1!A524288", "ID-0000002"], &["Blad1!A524288", "ID-0000002"]);
    assert!(peak > 50_000, "half a million candidates read in {peak} KiB: was the sheet read at all?");
}

/// A committed `.xls` written by LibreOffice (fixtures/sheets/src/xls/*.fods).
fn xls_fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/sheets").join(name)
}

/// Rewrites the sheet's DIMENSIONS record (BIFF8: 0x0200, 14 bytes) to claim
/// A1:A1 only, so that only the cells present can tell the used range.
fn lie_about_dimensions(from: &Path, to: &Path) {
    let mut b = std::fs::read(from).unwrap();
    let at = b.windows(4).position(|w| w == [0x00, 0x02, 0x0e, 0x00]).expect("a DIMENSIONS record");
    b[at + 4..at + 18].copy_from_slice(&[0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0]);
    std::fs::write(to, b).unwrap();
}

#[test]
fn an_xls_far_cell_is_refused_before_calamine_opens_it() {
    // 5.6 KB, cells at A1 and IV65536: calamine took 1.06 GB before this check.
    // Copied: `commit` writes its output beside the input.
    let (_keep, dir) = tmp();
    let far = dir.join("ver-weg.xls");
    std::fs::copy(xls_fixture("ver-weg.xls"), &far).unwrap();
    assert!(std::fs::metadata(&far).unwrap().len() < 8000);
    refused(
        &far,
        "sheet-too-large",
        &["ver-weg.xls", "DIMENSIONS: 16777216 (at most 2097152 fits)"],
        &["ver-weg.xls", "DIMENSIONS het getal 16777216", "hoogstens 2097152"],
    );
    // Its DIMENSIONS record made to lie: the cells present still tell.
    let lying = dir.join("ver-weg-klein.xls");
    lie_about_dimensions(&far, &lying);
    refused(
        &lying,
        "sheet-too-large",
        &["from Blad1!A1 to Blad1!IV65536", "16777216 cells (the limit is 2097152 cells)"],
        &["van Blad1!A1 tot Blad1!IV65536", "16777216 cellen"],
    );
    // One column over the limit (A1:AG65536), with a lying DIMENSIONS too.
    let over = dir.join("over-de-grens.xls");
    lie_about_dimensions(&xls_fixture("over-de-grens.xls"), &over);
    refused(&over, "sheet-too-large", &["to Blad1!AG65536", "2162688 cells"], &["tot Blad1!AG65536"]);
}

#[test]
fn an_xls_at_the_limit_is_read_within_the_memory_bound() {
    // A1:AF65536: 65,536 rows by 32 columns, exactly 2,097,152 cells.
    let (_keep, dir) = tmp();
    let input = dir.join("op-de-grens.xls");
    std::fs::copy(xls_fixture("op-de-grens.xls"), &input).unwrap();
    let run = commit(&input, "en");
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.peak_kib < PEAK_LIMIT_KIB, "op-de-grens.xls: peak {} KiB", run.peak_kib);
    eprintln!("op-de-grens.xls: accepted, peak {} KiB", run.peak_kib);
}

/// An Excel binary workbook (.xlsb) cannot be bounded before it is opened,
/// so it is refused unopened, by its name or, under another name, by its
/// workbook part, with the advice to save it as .xlsx (issue 26, part 4).
#[test]
fn an_xlsb_workbook_is_refused_unopened() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    for name in ["leden.xlsb", "leden.xlsx"] {
        let path = dir.path().join(name);
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
        let opts = zip::write::SimpleFileOptions::default();
        for part in ["[Content_Types].xml", "xl/workbook.bin", "xl/worksheets/sheet1.bin"] {
            zip.start_file(part, opts).unwrap();
            zip.write_all(b"\x00\x01").unwrap();
        }
        zip.finish().unwrap();
        refused(&path, "sheet-xlsb", &[".xlsx", "Save As"], &[".xlsx", "Opslaan als"]);
    }
}

/// A sheet of cells at `A{r}` for each `r` given (after `id` at A1), each `cell`.
fn cells_at(path: &Path, rows: &mut dyn Iterator<Item = u32>, cell: &dyn Fn(u32) -> String, shared: Option<&str>) {
    let styles = r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="000"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>"#;
    let mut sheet = |w: &mut dyn std::io::Write| {
        write!(
            w,
            r#"{SHEET_START}<row r="1">{}</row><row r="2">{}</row><row r="3">"#,
            inline("A1", "id"),
            inline("A2", "X1")
        )
        .unwrap();
        for r in &mut *rows {
            w.write_all(cell(r).as_bytes()).unwrap();
        }
        write!(w, "</row>{SHEET_END}").unwrap();
    };
    let mut sst = |w: &mut dyn std::io::Write| write!(w, "<sst><si><t>{}</t></si></sst>", shared.unwrap()).unwrap();
    xlsx::xlsx_with(path, &mut sheet, shared.map(|_| &mut sst as xlsx::Writer<'_>), &[("xl/styles.xml", styles)]);
}

/// Issue 26 part 4, the reviewer's xlsx/mk2.py and xlsx/mk.py: one position
/// repeated. 500 copies of `<c r="A3" t="s">` naming a string of a million
/// characters peaked at 984 MB (2.9 KB file; 5,000 copies aborted), 4 million
/// number cells at A3 at 366 MB, 2 million shared formulas at A3 at 426 MB.
#[test]
fn a_cell_repeated_at_one_position_is_refused() {
    let (_keep, dir) = tmp();
    let long = "A".repeat(1_000_000);
    let en = ["two or more cells at Blad1!A3, one position"];
    let nl = ["er staan twee of meer cellen op Blad1!A3"];
    for n in [500, 5000] {
        let path = dir.join(format!("sst{n}.xlsx"));
        cells_at(&path, &mut (0..n).map(|_| 3), &|_| r#"<c r="A3" t="s"><v>0</v></c>"#.into(), Some(&long));
        assert!(std::fs::metadata(&path).unwrap().len() < 100_000);
        refused(&path, "sheet-too-large", &en, &nl);
    }
    let numbers = dir.join("numbers.xlsx");
    cells_at(&numbers, &mut (0..4_000_000).map(|_| 3), &|_| r#"<c r="A3" s="1"><v>1</v></c>"#.into(), None);
    refused(&numbers, "sheet-too-large", &en, &nl);
    let shared = dir.join("shared.xlsx");
    let formula = |i: u32| format!(r#"<c r="A3"><f t="shared" si="{i}">A1</f></c>"#);
    cells_at(&shared, &mut (0..2_000_000), &formula, None);
    refused(&shared, "sheet-too-large", &en, &nl);
    // Out of order (A4, A3, A4): found once the cells are sorted.
    let mixed = dir.join("door-elkaar.xlsx");
    cells_at(&mixed, &mut [4, 3, 4].into_iter(), &|r| inline(&format!("A{r}"), "x"), None);
    refused(&mixed, "sheet-too-large", &["two or more cells at Blad1!A4"], &["Blad1!A4"]);
    // Two positions in turn (A3, A4, A3, …) 2.1 million times: refused by the count of cells.
    let count = dir.join("telling.xlsx");
    cells_at(&count, &mut (0..2_100_000).map(|i| 3 + i % 2), &|r| format!(r#"<c r="A{r}"><v>1</v></c>"#), None);
    refused(
        &count,
        "sheet-too-large",
        &["more than 2097152 cells with content in Blad1"],
        &["meer dan 2097152 cellen"],
    );
}

/// The text the cells hold together (each its own copy of a shared string),
/// and the shared formulas our own pass keeps, are bounded (issue 26 part 4).
#[test]
fn the_text_of_the_cells_and_the_shared_formulas_are_bounded() {
    let (_keep, dir) = tmp();
    let long = "A".repeat(1_000_000);
    let at = |r: u32| format!(r#"<c r="A{r}" t="s"><v>0</v></c>"#);
    // 70 cells out of order naming a string of a million characters: 70 MB held, over the limit.
    let over = dir.join("tekst.xlsx");
    cells_at(&over, &mut (3..73).rev(), &at, Some(&long));
    refused(&over, "sheet-too-large", &["more than 67108864 bytes of text"], &["meer dan 67108864 bytes tekst"]);
    // 60 such cells are held (out of order) within the memory bound, then refused as too long an id.
    let within = dir.join("binnen.xlsx");
    cells_at(&within, &mut (3..63).rev(), &at, Some(&long));
    refused(&within, "csv-field-too-long", &["Blad1!A3"], &["Blad1!A3"]);
    // 65,537 shared formulas, each at its own cell with its value.
    let formulas = dir.join("formules.xlsx");
    let formula = |r: u32| format!(r#"<c r="A{r}"><f t="shared" si="{r}" ref="A{r}">1+1</f><v>2</v></c>"#);
    cells_at(&formulas, &mut (3..65_540), &formula, None);
    refused(
        &formulas,
        "sheet-too-large",
        &["(the limit is 65536 shared formulas"],
        &["hoogstens 65536 gedeelde formules"],
    );
}

/// The reviewer's ods/mk.py: one cell of 1 MB of text repeated across 300
/// columns peaked at 885 MB (1.9 KB file; 3,000 aborted); calamine copies
/// the text into each. And `<text:s text:c="N"/>`, N spaces for calamine.
#[test]
fn ods_text_times_its_repeats_is_bounded() {
    let (_keep, dir) = tmp();
    let big = "A".repeat(1_000_000);
    let row = |second: &str| {
        let cell = |t: &str| {
            format!(r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#)
        };
        format!(
            r#"<table:table table:name="Blad1"><table:table-row>{}{}</table:table-row><table:table-row>{}{second}</table:table-row></table:table>"#,
            cell("id"),
            cell("naam"),
            cell("X1")
        )
    };
    for rep in [300, 3000] {
        let path = dir.join(format!("rep{rep}.ods"));
        let cell = format!(
            r#"<table:table-cell office:value-type="string" table:number-columns-repeated="{rep}"><text:p>{big}</text:p></table:table-cell>"#
        );
        xlsx::ods(&path, &mut |w| w.write_all(row(&cell).as_bytes()).unwrap());
        refused(
            &path,
            "sheet-too-large",
            &["cells in Blad1 holding more than 67108864 bytes of text"],
            &["meer dan 67108864 bytes tekst"],
        );
    }
    let spaces = dir.join("spaties.ods");
    let cell = r#"<table:table-cell office:value-type="string"><text:p>a<text:s text:c="1000000000"/></text:p></table:table-cell>"#;
    xlsx::ods(&spaces, &mut |w| w.write_all(row(cell).as_bytes()).unwrap());
    refused(&spaces, "sheet-too-large", &["more than 67108864 bytes of text"], &["meer dan 67108864 bytes tekst"]);
    // Within the limit: 60 copies of a megabyte, read within the memory bound (then refused for its empty header cells).
    let within = dir.join("rep60.ods");
    let cell = format!(
        r#"<table:table-cell office:value-type="string" table:number-columns-repeated="60"><text:p>{big}</text:p></table:table-cell>"#
    );
    xlsx::ods(&within, &mut |w| w.write_all(row(&cell).as_bytes()).unwrap());
    refused(&within, "csv-header-empty", &["Blad1!C1"], &["Blad1!C1"]);
}
