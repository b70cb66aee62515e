//! Lists as people call them (issue 28, SPEC §19): a draw committed with
//! `--list-display` is shown by its display names in every text a person
//! reads — the commit summary, slips, the draw, results, check, verify,
//! amend, the report and the published page — while the documents and
//! `--json` keep each list's name. The refusals of `--list-display` are
//! cases of fixtures/bad/ (`lists-display-*.txt`).

mod common;

use common::{potdraw, read_json, succeeds};
use serde_json::Value;
use std::path::{Path, PathBuf};

const NAME: &str = "reisgenoten-noord";
const SHOWN: &str = "Reisgenoten Noord";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/v5/two-neighbourhoods").join(name)
}

/// `potdraw --lang nl ARGS` in `dir`; its standard output.
fn nl(dir: &Path, args: &[&str]) -> String {
    succeeds(potdraw(dir).args(["--lang", "nl"]).args(args))
}

/// The text of an HTML page without its tags (attributes keep the names).
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn shows_display(what: &str, text: &str) {
    assert!(text.contains(SHOWN), "{what}: {SHOWN:?} missing:\n{text}");
    assert!(!text.contains(NAME), "{what}: the bare name {NAME:?} shown:\n{text}");
}

/// Three lists from the v5 fixture's CSV files (copied under names that say
/// nothing), two of them with a display name typed loosely.
fn committed(dir: &Path) -> String {
    for (from, to) in [("noord.csv", "a.csv"), ("reisgenoten-noord.csv", "b.csv"), ("zuid.csv", "c.csv")] {
        std::fs::copy(fixture(from), dir.join(to)).unwrap();
    }
    nl(
        dir,
        &[
            "commit",
            "--list",
            "noord=a.csv",
            "--list",
            &format!("{NAME}=b.csv"),
            "--list",
            "zuid=c.csv",
            "--list-display",
            "noord=Noord",
            "--list-display",
            &format!("{NAME}=  Reisgenoten   Noord "),
            // A per-list flag may name a list by its display name (SPEC §19.3).
            "--companions",
            "reisgenoten noord=NOORD",
            "--list-reserves",
            "Reisgenoten Noord=2",
            "--list-pot",
            "noord=60000",
            "--list-recipients",
            "zuid=2",
            "--entropy",
            "dice:room:10",
            "--title",
            "Pot Noord",
            "--created-at",
            "2026-12-01T12:00:00Z",
            "--out",
            "loting",
        ],
    )
}

#[test]
fn a_v5_draw_is_shown_by_its_display_names_and_documents_keep_the_names() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let said = committed(dir);
    assert!(said.contains("lijst Reisgenoten Noord: 7 deelnemers; 5 reisgenoten van lijst Noord"), "{said}");
    assert!(said.contains("Lijst zuid heeft geen eigen weergavenaam (--list-display)"), "{said}");
    assert!(!said.contains(&format!("lijst {NAME}")), "{said}");
    let c = read_json(&dir.join("loting/public/commitment.json"));
    assert_eq!(c["format"], "potdraw/commitment/v5");
    assert_eq!((c["lists"][1]["name"].as_str(), c["lists"][1]["display"].as_str()), (Some(NAME), Some(SHOWN)));
    assert_eq!(c["lists"][1]["companions_of"], "noord");
    assert_eq!(c["lists"][1]["reserves"], 2);
    assert_eq!(c["lists"][2]["display"], "zuid");

    // Slips: the page and the mail merge.
    nl(
        dir,
        &["slips", "--commitment", "loting/public/commitment.json", "--receipts", "loting/private/receipts.jsonl"]
            .into_iter()
            .chain(["--draw-date", "zaterdag 5 december 2026", "--out", "slips.html"])
            .collect::<Vec<_>>(),
    );
    shows_display("slips", &text_of(&std::fs::read_to_string(dir.join("slips.html")).unwrap()));
    nl(
        dir,
        &[
            "slips",
            "--commitment",
            "loting/public/commitment.json",
            "--receipts",
            "loting/private/receipts.jsonl",
            "--draw-date",
            "5 december",
            "--format",
            "csv-en",
            "--out",
            "slips.csv",
        ],
    );
    let csv = std::fs::read_to_string(dir.join("slips.csv")).unwrap();
    assert!(csv.starts_with("id,name,code,list,display"), "{csv}");
    assert!(csv.contains(&format!("{NAME},{SHOWN}")), "{csv}");

    let drew = nl(
        dir,
        &[
            "draw",
            "--commitment",
            "loting/public/commitment.json",
            "--seed",
            "loting/private/seed",
            "--entropy",
            "room=3141526535",
            "--out",
            "loting/public/transcript.json",
        ],
    );
    shows_display("draw", &drew);
    let t = "loting/public/transcript.json";
    shows_display("verify", &nl(dir, &["verify", t]));
    let results = nl(dir, &["results", t, "--receipts", "loting/private/receipts.jsonl"]);
    shows_display("results", &results);
    assert!(results.contains("reisgenoot (Reisgenoten Noord)"), "{results}");

    // A travel companion's check.
    let receipts = std::fs::read_to_string(dir.join("loting/private/receipts.jsonl")).unwrap();
    let receipt: Value =
        receipts.lines().map(|l| serde_json::from_str::<Value>(l).unwrap()).find(|r| r["list"] == NAME).unwrap();
    let (id, code) = (receipt["id"].as_str().unwrap(), receipt["code"].as_str().unwrap());
    let check = nl(dir, &["check", t, "--id", id, "--code", code]);
    assert!(check.contains("Uw lot zat in de trekking van lijst Reisgenoten Noord"), "{check}");
    shows_display("check", &check);
    let json: Value = serde_json::from_str(&nl(dir, &["check", t, "--id", id, "--code", code, "--json"])).unwrap();
    assert_eq!((json["list"].as_str(), json["list_display"].as_str()), (Some(NAME), Some(SHOWN)));
    let json: Value = serde_json::from_str(&nl(dir, &["verify", t, "--json"])).unwrap();
    assert_eq!((json["lists"][1]["name"].as_str(), json["lists"][1]["display"].as_str()), (Some(NAME), Some(SHOWN)));
    let json: Value =
        serde_json::from_str(&nl(dir, &["results", t, "--receipts", "loting/private/receipts.jsonl", "--json"]))
            .unwrap();
    let companion = json["drawn"].as_array().unwrap().iter().find(|d| d["list"] == NAME).unwrap();
    assert_eq!(companion["list_display"], SHOWN);

    // amend asks for the list as people call it; the record keeps the name.
    let transcript = read_json(&dir.join(t));
    let holder = &transcript["lists"][1]["result"][0]["leaf"].as_str().unwrap()[..8];
    let record = "loting/public/vervangingen.json";
    let amend = nl(
        dir,
        &[
            "amend",
            t,
            "--record",
            record,
            "--list",
            "  reisgenoten NOORD ",
            "--place",
            "1",
            "--holder",
            holder,
            "--reason",
            "ziet af",
            "--date",
            "2026-12-10",
            "--yes",
        ],
    );
    assert!(amend.contains("(lijst Reisgenoten Noord)"), "{amend}");
    shows_display("amend", &amend);
    let r = read_json(&dir.join(record));
    assert_eq!(r["events"][0]["list"], NAME);
    let verified = nl(dir, &["verify", t, "--amendments", record]);
    assert!(verified.contains("Definitieve uitslag van lijst Reisgenoten Noord"), "{verified}");
    shows_display("verify --amendments", &verified);

    // The report and the published page.
    nl(dir, &["report", t, "--amendments", record, "--out", "verslag.html"]);
    shows_display("report", &text_of(&std::fs::read_to_string(dir.join("verslag.html")).unwrap()));
    nl(dir, &["publish", "loting", "--out", "site"]);
    let index = std::fs::read_to_string(dir.join("site/index.html")).unwrap();
    shows_display("index.html", &text_of(&index));
}

/// Issue 28: `--list "Reisgenoten Noord=FILE"` — a list typed as people
/// write it — gets its document name made from it and keeps what was typed
/// as its display name; the other flags name it either way.
#[test]
fn a_list_typed_as_people_write_it_is_committed_with_a_name_made_from_it() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    for (from, to) in [("noord.csv", "a.csv"), ("reisgenoten-noord.csv", "b.csv")] {
        std::fs::copy(fixture(from), dir.join(to)).unwrap();
    }
    let said = nl(
        dir,
        &[
            "commit",
            "--list",
            "Noord=a.csv",
            "--list",
            "Reisgenoten Noord=b.csv",
            "--companions",
            "reisgenoten-noord=Noord",
            "--list-reserves",
            "Reisgenoten Noord=2",
            "--list-pot",
            "noord=60000",
            "--entropy",
            "dice:room:10",
            "--created-at",
            "2026-12-01T12:00:00Z",
            "--out",
            "loting",
        ],
    );
    assert!(said.contains("lijst Reisgenoten Noord: 7 deelnemers; 5 reisgenoten van lijst Noord"), "{said}");
    let c: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("loting/public/commitment.json")).unwrap()).unwrap();
    assert_eq!(c["format"], "potdraw/commitment/v5");
    let lists: Vec<(&str, &str)> = c["lists"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["name"].as_str().unwrap(), l["display"].as_str().unwrap()))
        .collect();
    assert_eq!(lists, [("noord", "Noord"), ("reisgenoten-noord", "Reisgenoten Noord")]);
}
