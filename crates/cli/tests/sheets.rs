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
