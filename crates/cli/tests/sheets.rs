//! Issue 16: one list, four files as organisers have them (fixtures/sheets/,
//! made by its make.sh with LibreOffice): UTF-8 CSV, .xlsx, .ods, .xls, and a
//! Windows-1252 semicolon CRLF CSV as Dutch Excel saves it. Each must give
//! the same candidates, and with the same salt stream the same leaves and
//! weights: a list read differently from a spreadsheet would be a
//! different draw.

use potdraw_cli::list::{read, Encoding, ListOptions, ReadList, Source};
use potdraw_core::commit::{commit, CommitParams, PotPolicy};
use rand_chacha::rand_core::{RngCore, SeedableRng};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/sheets").join(name)
}

fn read_fixture(name: &str, options: &ListOptions) -> ReadList {
    let path = fixture(name);
    let bytes = std::fs::read(&path).unwrap();
    read(&path, &bytes, options).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Leaves and weights of the commitment, with a fixed salt stream.
fn entries(list: &ReadList) -> Vec<(String, u64)> {
    let params = CommitParams {
        title: "Blad1".into(),
        created_at: 1_796_126_400,
        pot: PotPolicy {
            amount_cents: 6_500_000,
            grant_monthly_cents: 100_000,
            grant_months: 12,
            min_recipients: 5,
            max_recipients: 9,
        },
        recipients: None,
        reserves: 3,
        plan: vec![potdraw_cli::config::plan_entry("dice:room").unwrap()],
        previous: None,
    };
    let mut rng = rand_chacha::ChaCha20Rng::from_seed([7; 32]);
    let c = commit(&params, list.list.candidates.clone(), &mut |b| rng.fill_bytes(b)).unwrap();
    c.commitment.candidates.entries.iter().map(|e| (serde_json::to_string(&e.leaf).unwrap(), e.weight)).collect()
}

#[test]
fn the_same_list_as_csv_xlsx_ods_and_dutch_excel_csv_gives_the_same_leaves_and_weights() {
    let utf8 = read_fixture("lijst.csv", &ListOptions::default());
    let excel_nl = ListOptions { encoding: Some(Encoding::Windows1252), ..ListOptions::default() };
    let others = [
        ("lijst.xlsx", read_fixture("lijst.xlsx", &ListOptions::default())),
        ("lijst.ods", read_fixture("lijst.ods", &ListOptions::default())),
        ("lijst.xls", read_fixture("lijst.xls", &ListOptions::default())),
        ("lijst-excel-nl.csv", read_fixture("lijst-excel-nl.csv", &excel_nl)),
    ];
    // The reference is the UTF-8 CSV, read as before issue 16.
    let reference = potdraw_cli::candidates::parse(&std::fs::read(fixture("lijst.csv")).unwrap()).unwrap();
    assert_eq!(utf8.list.candidates, reference);
    assert!(utf8.list.candidates.iter().any(|c| c.id == "Zo\u{eb}-011"), "an accented id");
    assert!(utf8.list.candidates.iter().any(|c| c.weight == 2), "a weight above 1");
    let want = entries(&utf8);
    assert_eq!(want.len(), utf8.list.candidates.len());
    for (name, other) in &others {
        let ids = |r: &ReadList| {
            r.list.candidates.iter().map(|c| (c.id.clone(), c.weight, c.columns.clone())).collect::<Vec<_>>()
        };
        assert_eq!(ids(other), ids(&utf8), "{name}: ids, weights and private columns");
        assert_eq!(entries(other), want, "{name}: leaves and weights");
        assert_eq!(other.list.weight_column.as_deref(), Some("Gewicht"), "{name}");
    }
    assert_eq!(others[0].1.source, Source::Sheet { format: "xlsx", sheet: "Blad1".into() });
    assert_eq!(others[1].1.source, Source::Sheet { format: "ods", sheet: "Blad1".into() });
    assert_eq!(others[2].1.source, Source::Sheet { format: "xls", sheet: "Blad1".into() });
    assert_eq!(others[3].1.source, Source::Csv { delimiter: b';', forced: false, encoding: Encoding::Windows1252 });
    // Dutch Excel's file really is what it claims: CRLF, semicolons, not UTF-8.
    let raw = std::fs::read(fixture("lijst-excel-nl.csv")).unwrap();
    assert!(raw.windows(2).any(|w| w == b"\r\n") && std::str::from_utf8(&raw).is_err());
}

#[test]
fn formulas_give_their_saved_value() {
    for name in ["formule.xlsx", "formule.ods"] {
        let r = read_fixture(name, &ListOptions::default());
        let got: Vec<(&str, u64)> = r.list.candidates.iter().map(|c| (c.id.as_str(), c.weight)).collect();
        // src/formule.csv: =1+1 and =1.
        assert_eq!(got, [("A-1", 2), ("B-2", 1)], "{name}");
    }
}

#[test]
fn a_title_above_the_header_is_skipped_and_lines_are_row_numbers() {
    for name in ["titel.xlsx", "titel.ods"] {
        let r = read_fixture(name, &ListOptions::default());
        let got: Vec<(&str, u64, u64)> = r.list.candidates.iter().map(|c| (c.id.as_str(), c.weight, c.line)).collect();
        // src/titel.csv: a title in row 1, an empty row 2, the header in row 3.
        assert_eq!(got, [("A-1", 2, 4), ("B-2", 1, 5)], "{name}");
    }
}

/// Issue 28: a date cell reaches the candidate's columns as the sheet shows
/// it. fixtures/sheets/src/datums.fods, written by LibreOffice as .xlsx and
/// .ods: "Lid sinds" DD-MM-YYYY (13-03-2024), "Geboren" D-M-YYYY, "Betaald"
/// DD/MM/YYYY, "Gemeld" YYYY-MM-DD, "Jarig" D MMMM YYYY in Dutch, "Binnen"
/// DD-MM-YYYY HH:MM; every format in Dutch (Netherlands).
#[test]
fn date_cells_read_as_the_sheet_shows_them() {
    let ods = [
        ("A-1", ["José", "13-03-2024", "4-7-1987", "05/01/2026", "2025-11-30", "13 maart 2024", "01-12-2026 19:30"]),
        ("B-2", ["Renée", "01-10-2019", "25-12-2001", "28/02/2026", "2025-01-02", "1 juli 2024", "01-12-2026 07:05"]),
    ];
    // LibreOffice writes DD/MM/YYYY to .xlsx as `[$-413]dd/mm/yyyy`, whose `/`
    // is the Dutch date separator `-`: Excel shows 05-01-2026, and so does potdraw.
    let mut xlsx = ods;
    xlsx[0].1[3] = "05-01-2026";
    xlsx[1].1[3] = "28-02-2026";
    let names = ["Naam", "Lid sinds", "Geboren", "Betaald", "Gemeld", "Jarig", "Binnen"];
    for (file, want) in [("datums.xlsx", xlsx), ("datums.ods", ods)] {
        let r = read_fixture(file, &ListOptions::default());
        let got: Vec<(String, Vec<(String, String)>)> =
            r.list.candidates.iter().map(|c| (c.id.clone(), c.columns.clone())).collect();
        let want: Vec<(String, Vec<(String, String)>)> = want
            .iter()
            .map(|(id, cells)| {
                (id.to_string(), names.iter().zip(cells).map(|(n, v)| (n.to_string(), v.to_string())).collect())
            })
            .collect();
        assert_eq!(got, want, "{file}");
    }
}

/// The .ods file says what LibreOffice showed in each cell (`<text:p>`):
/// every date cell of datums.ods reads as exactly that text.
#[test]
fn ods_date_cells_read_as_libreoffice_showed_them() {
    let bytes = std::fs::read(fixture("datums.ods")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes[..])).unwrap();
    let mut content = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("content.xml").unwrap(), &mut content).unwrap();
    let shown: Vec<&str> = content
        .split("office:value-type=\"date\"")
        .skip(1)
        .map(|cell| cell.split("<text:p>").nth(1).unwrap().split("</text:p>").next().unwrap())
        .collect();
    let r = read_fixture("datums.ods", &ListOptions::default());
    let read: Vec<&str> =
        r.list.candidates.iter().flat_map(|c| c.columns.iter().skip(1).map(|(_, v)| v.as_str())).collect();
    assert_eq!(read, shown);
    assert_eq!(read.len(), 12);
}

/// Issue 28: an id feeds the draw, so it has one form whatever its cell's
/// format, the machine and the language: a date id is never read through
/// its format. fixtures/sheets/datum-als-id.{ods,xlsx} (src/datum-als-id.fods):
/// ids that are dates shown as 13-03-2024. Both are refused as every id
/// shown through a number format (issue 26, part 5a): the .xlsx holds a
/// number, the .ods a date the sheet shows otherwise than it holds, so
/// `check --id 13-03-2024` would find nothing.
#[test]
fn a_date_id_is_never_read_through_its_format() {
    let path = fixture("datum-als-id.ods");
    let e = read(&path, &std::fs::read(&path).unwrap(), &ListOptions::default()).unwrap_err();
    assert!(format!("{e:?}").contains("IdNumberFormat") && format!("{e:?}").contains("13-03-2024"), "{e:?}");
    let path = fixture("datum-als-id.xlsx");
    let e = read(&path, &std::fs::read(&path).unwrap(), &ListOptions::default()).unwrap_err();
    assert!(format!("{e:?}").contains("IdNumberFormat") && format!("{e:?}").contains("[$-413]dd/mm/yyyy"), "{e:?}");
}
