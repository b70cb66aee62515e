//! `potdraw amend`, and `verify`/`check`/`report --amendments` (SPEC §15),
//! run as a person would, on the bundled example. The expected successors
//! follow from the rules (§15.3) and the example's result, which the tests
//! read from the transcript, not from the tool's own record.

mod common;

use common::potdraw as potdraw_in;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures").join(name)
}

fn example() -> PathBuf {
    fixture("example/transcript.json")
}

fn amend(record: &Path, args: &[&str]) -> std::process::Output {
    let mut cmd = potdraw();
    cmd.args(["--lang", "en", "amend"]).arg(example()).arg("--record").arg(record).args(args);
    cmd.output().unwrap()
}

fn potdraw() -> assert_cmd::Command {
    potdraw_in(&std::env::temp_dir())
}

fn code(o: &std::process::Output) -> i32 {
    o.status.code().unwrap()
}

fn json(o: &std::process::Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stdout)))
}

/// The leaf of pick `j` (0-based) of the example's transcript.
fn leaf_of_pick(j: usize) -> String {
    let t: Value = serde_json::from_slice(&std::fs::read(example()).unwrap()).unwrap();
    t["result"][j]["leaf"].as_str().unwrap().to_string()
}

#[test]
fn amend_appends_events_with_the_successor_the_rules_give() {
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("amendments.json");
    let o = amend(&rec, &["--place", "3", "--holder", "61BF-0A66", "--reason", "declined", "--date", "2026-12-10"]);
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stderr));
    let o = amend(
        &rec,
        &["--reserve", "2", "--holder", "6763-627e", "--reason", "not-eligible", "--date", "2026-12-11", "--json"],
    );
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(json(&o)["event"]["reserve"], 2);
    let o = amend(
        &rec,
        &["--place", "5", "--holder", "79BEA84B", "--reason", "unreachable", "--date", "2026-12-12", "--json"],
    );
    // Reserve 1 is used and reserve 2 skipped: reserve 3 takes place 5.
    assert_eq!(json(&o)["event"]["taken_by"], 3);
    let record: Value = serde_json::from_slice(&std::fs::read(&rec).unwrap()).unwrap();
    assert_eq!(record["events"].as_array().unwrap().len(), 3);
    assert!(record["events"].as_array().unwrap().iter().all(|e| e.get("name").is_none()));

    let mut v = potdraw();
    v.args(["verify"]).arg(example()).arg("--amendments").arg(&rec).arg("--json");
    let out = v.output().unwrap();
    assert_eq!(code(&out), 0);
    let a = &json(&out)["amendments"];
    assert_eq!(a["verified"], true);
    let holders: Vec<&str> = a["final"].as_array().unwrap().iter().map(|p| p["holder"].as_str().unwrap()).collect();
    assert_eq!(holders, ["recipient", "recipient", "reserve", "recipient", "reserve"]);
    // Place 3 is reserve 1 (pick 6 of 8), place 5 reserve 3 (pick 8).
    assert_eq!(a["final"][2]["leaf"], leaf_of_pick(5));
    assert_eq!(a["final"][4]["leaf"], leaf_of_pick(7));
    assert_eq!(a["reasons"], serde_json::json!({"declined": 1, "unreachable": 1, "not-eligible": 1}));
}

#[test]
fn amend_refuses_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("amendments.json");
    for (args, class) in [
        (&["--place", "3", "--holder", "61BF-0A66", "--reason", "moved", "--date", "2026-12-10"][..], "amend-reason"),
        (&["--place", "3", "--holder", "61BF-0A66", "--reason", "declined", "--date", "2026-13-01"][..], "amend-date"),
        (
            &["--place", "6", "--holder", "61BF-0A66", "--reason", "declined", "--date", "2026-12-10"][..],
            "amend-refused",
        ),
        (
            &["--place", "3", "--holder", "61BF-0A66", "--reason", "declined", "--date", "2026-11-01"][..],
            "amend-refused",
        ),
        (
            &["--reserve", "4", "--holder", "61BF-0A66", "--reason", "declined", "--date", "2026-12-10"][..],
            "amend-refused",
        ),
    ] {
        let o = amend(&rec, args);
        assert_eq!(code(&o), 2, "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(&format!("code: {class}]")), "{args:?}: {err}");
        assert!(!rec.exists(), "{args:?} wrote a record");
    }
    // A record of another transcript is refused, and left as it was.
    let other = dir.path().join("other.json");
    let v3 = std::fs::read_to_string(fixture("amendments/failed-another-transcript.txt")).unwrap();
    let body = &v3[v3.find("\n\n").unwrap() + 2..];
    std::fs::write(&other, body).unwrap();
    let o = amend(&other, &["--place", "1", "--holder", "24C1-F54E", "--reason", "declined", "--date", "2026-12-10"]);
    assert_eq!(code(&o), 2);
    assert!(String::from_utf8_lossy(&o.stderr).contains("code: amend-other-transcript]"));
    assert_eq!(std::fs::read_to_string(&other).unwrap(), body);
}

#[test]
fn check_says_the_final_outcome_in_dutch_and_english() {
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("amendments.json");
    assert_eq!(
        code(&amend(&rec, &["--place", "3", "--holder", "61BF-0A66", "--reason", "declined", "--date", "2026-12-10"])),
        0
    );
    let receipts = std::fs::read_to_string(fixture("example/receipts.jsonl")).unwrap();
    let reserve1 = leaf_of_pick(5);
    let id = receipts
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|r| r["leaf"] == reserve1.as_str())
        .map(|r| r["id"].as_str().unwrap().to_string())
        .unwrap();
    let said = |lang: &str| {
        let mut c = potdraw();
        c.args(["--lang", lang, "check"]).arg(example());
        c.arg("--receipt").arg(fixture("example/receipts.jsonl")).args(["--id", &id]);
        let o = c.arg("--amendments").arg(&rec).output().unwrap();
        assert_eq!(code(&o), 0);
        String::from_utf8(o.stdout).unwrap()
    };
    assert!(said("nl").contains("U was reserve 1 en bent doorgeschoven naar plaats 3: u ontvangt de schenking."));
    assert!(said("en").contains("You were reserve 1 and moved up to place 3: you receive the grant."));
}

#[test]
fn verify_and_report_refuse_a_record_that_breaks_the_rules() {
    let dir = tempfile::tempdir().unwrap();
    let v = std::fs::read_to_string(fixture("amendments/failed-reserve-used-twice.txt")).unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, &v[v.find("\n\n").unwrap() + 2..]).unwrap();
    let mut c = potdraw();
    let o = c.args(["verify"]).arg(example()).arg("--amendments").arg(&bad).arg("--json").output().unwrap();
    assert_eq!(code(&o), 1);
    assert_eq!(json(&o)["amendments"]["failed_check"], "amendments-rules");
    let out = dir.path().join("report.html");
    let mut c = potdraw();
    let o = c.args(["report"]).arg(example()).arg("--amendments").arg(&bad).arg("--out").arg(&out).output().unwrap();
    assert_eq!(code(&o), 1);
    assert!(!out.exists());
    let good = dir.path().join("good.json");
    let v = std::fs::read_to_string(fixture("amendments/valid-reserves-exhausted.txt")).unwrap();
    std::fs::write(&good, &v[v.find("\n\n").unwrap() + 2..]).unwrap();
    let mut c = potdraw();
    let o = c.args(["--lang", "en", "report"]).arg(example()).arg("--amendments").arg(&good).arg("--out").arg(&out);
    assert_eq!(code(&o.output().unwrap()), 0);
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("id=\"final-list\"") && html.contains("drawn by continuing the selection"), "{html}");
}

/// Issue 27: `amend --holder` names the person the event is about, and is
/// refused when that person does not hold the place now: the same command
/// run twice (arrow-up, Enter) no longer records a decline by reserve 1,
/// who moved up and never declined. The record is left byte for byte.
#[test]
fn a_repeated_command_is_refused_and_names_the_event_that_recorded_it() {
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("amendments.json");
    let place_2 = potdraw_cli::render::fingerprint(&leaf_of_pick(1));
    let reserve_1 = potdraw_cli::render::fingerprint(&leaf_of_pick(5));
    let args = ["--place", "2", "--holder", &place_2, "--reason", "declined", "--date", "2026-12-15"];
    assert_eq!(code(&amend(&rec, &args)), 0);
    let once = std::fs::read(&rec).unwrap();
    for lang in ["en", "nl"] {
        let mut cmd = potdraw();
        cmd.args(["--lang", lang, "amend"]).arg(example()).arg("--record").arg(&rec).args(args);
        let o = cmd.output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(code(&o), 2, "{err}");
        assert!(err.contains("code: amend-holder]") && err.contains(&reserve_1), "who holds it now: {err}");
        let (left, nothing) = match lang {
            "en" => ("event #1 of 15 December 2026", "Nothing was recorded"),
            _ => ("gebeurtenis #1 van 15 december 2026", "Er is niets vastgelegd"),
        };
        assert!(err.contains(left) && err.contains(nothing), "{err}");
        assert_eq!(std::fs::read(&rec).unwrap(), once, "the record is unchanged");
    }
    // Reserve 1, who holds place 2 now, can still decline: by fingerprint …
    let o = amend(&rec, &["--place", "2", "--holder", &reserve_1, "--reason", "declined", "--date", "2026-12-16"]);
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stderr));
    // … and a person named by id with the receipts: ZUID-… of place 4.
    let receipts = fixture("example/receipts.jsonl");
    let leaf = leaf_of_pick(3);
    let text = std::fs::read_to_string(&receipts).unwrap();
    let id = text
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|r| r["leaf"] == leaf.as_str())
        .map(|r| r["id"].as_str().unwrap().to_string())
        .unwrap();
    let by_id = ["--place", "4", "--holder", &id, "--receipts", receipts.to_str().unwrap()];
    let wrong = ["--place", "5", "--holder", &id, "--receipts", receipts.to_str().unwrap()];
    let o = amend(&rec, &[&wrong[..], &["--reason", "unreachable", "--date", "2026-12-17"]].concat());
    assert_eq!(code(&o), 2, "place 5 is not held by {id}");
    assert!(String::from_utf8_lossy(&o.stderr).contains("never held it"));
    let o = amend(&rec, &[&by_id[..], &["--reason", "unreachable", "--date", "2026-12-17"]].concat());
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stderr));
    let mut v = potdraw();
    v.args(["verify"]).arg(example()).arg("--amendments").arg(&rec).arg("--json");
    let a = json(&v.output().unwrap());
    assert_eq!(a["amendments"]["events"], 3, "{a}");
    // Place 2: recipient 2 declined, then reserve 1 (who moved up) declined; reserve 2 holds it.
    assert_eq!(
        (&a["amendments"]["final"][1]["holder"], &a["amendments"]["final"][1]["reserve"]),
        (&"reserve".into(), &2.into())
    );
    // A holder that is no ticket at all is a usage error naming the form.
    let o = amend(&rec, &["--place", "1", "--holder", "ZUID-001", "--reason", "declined", "--date", "2026-12-18"]);
    assert_eq!(code(&o), 2);
    assert!(String::from_utf8_lossy(&o.stderr).contains("code: amend-holder-ticket]"));
}

/// Issue 27: on a terminal, `amend` shows who holds the place and records
/// only after "ja"; any other answer records nothing (a pseudo-terminal,
/// as the organiser types).
#[test]
fn on_a_terminal_amend_asks_before_it_records() {
    use rexpect::session::spawn_with_options;
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("amendments.json");
    let place_3 = potdraw_cli::render::fingerprint(&leaf_of_pick(2));
    for (answer, recorded) in [("nee", false), ("ja", true)] {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_potdraw"));
        cmd.args(["--lang", "nl", "amend"]).arg(example()).arg("--record").arg(&rec);
        cmd.args(["--place", "3", "--holder", &place_3, "--reason", "declined", "--date", "2026-12-15"]);
        let options = rexpect::reader::Options { timeout_ms: Some(20_000), strip_ansi_escape_codes: true };
        let mut s = spawn_with_options(cmd, options).unwrap();
        s.exp_string(&format!("plaats 3 is nu van lot {place_3} (ontvanger 3 van de trekking)")).unwrap();
        s.exp_string("Typ ja en Enter").unwrap();
        s.send_line(answer).unwrap();
        let rest = s.exp_eof().unwrap_or_default();
        assert_eq!(rec.exists(), recorded, "{answer}: {rest}");
    }
}

/// Issue 27: `results --amendments` names the final list, place by place:
/// the reserve who moved up holds the place, the person who declined is
/// listed as having left, with date and reason; CSV and JSON say the same.
#[test]
fn results_with_the_record_name_the_final_list() {
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("amendments.json");
    let place_3 = potdraw_cli::render::fingerprint(&leaf_of_pick(2));
    let o = amend(&rec, &["--place", "3", "--holder", &place_3, "--reason", "declined", "--date", "2026-12-10"]);
    assert_eq!(code(&o), 0);
    let receipts = fixture("example/receipts.jsonl");
    let text = std::fs::read_to_string(&receipts).unwrap();
    let id_of = |leaf: &str| -> String {
        text.lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .find(|r| r["leaf"] == leaf)
            .map(|r| r["id"].as_str().unwrap().to_string())
            .unwrap()
    };
    let (declined, moved_up) = (id_of(&leaf_of_pick(2)), id_of(&leaf_of_pick(5)));
    let run = |extra: &[&str]| -> String {
        let mut c = potdraw();
        c.args(["--lang", "nl", "results"]).arg(example()).arg("--receipts").arg(&receipts);
        c.arg("--amendments").arg(&rec).args(extra);
        let o = c.output().unwrap();
        assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    let table = run(&[]);
    let row = |start: &str| table.lines().find(|l| l.starts_with(start)).unwrap_or_else(|| panic!("{start}: {table}"));
    assert!(row("plaats 3 ").contains(&moved_up) && row("plaats 3 ").contains("reserve 1, doorgeschoven"), "{table}");
    assert!(
        row("ontvanger 3 ").contains(&declined) && row("ontvanger 3 ").contains("10 december 2026: ziet af"),
        "{table}"
    );
    assert!(!table.contains(&format!("plaats 3     {declined}")), "{table}");
    let csv = run(&["--format", "csv-en"]);
    assert!(csv.lines().any(|l| l.starts_with(&format!("moved-up,3,{moved_up},"))), "{csv}");
    assert!(csv.lines().any(|l| l.starts_with(&format!("left-recipient,3,{declined},"))), "{csv}");
    // In Dutch, as Dutch Excel opens it (issue 28): ';', a byte order mark, Dutch words.
    let nl = run(&["--format", "csv"]);
    assert!(nl.starts_with("\u{feff}stand;nummer;id;"), "{nl}");
    assert!(nl.lines().any(|l| l.starts_with(&format!("doorgeschoven;3;{moved_up};"))), "{nl}");
    let json: Value = serde_json::from_str(&run(&["--json"])).unwrap();
    assert_eq!(json["final"][2]["id"], moved_up.as_str(), "{json}");
    assert_eq!(json["final"][2]["status"], "moved-up");
}

/// Issue 28: the reason and date as a Dutch organiser types them; the record
/// keeps its one form (`declined`, `2026-12-15`).
#[test]
fn a_dutch_reason_and_date_are_recorded_in_the_record_s_form() {
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("amendments.json");
    let place_3 = potdraw_cli::render::fingerprint(&leaf_of_pick(2));
    let mut c = potdraw();
    c.args(["--lang", "nl", "amend"]).arg(example()).arg("--record").arg(&rec);
    c.args(["--place", "3", "--holder", &place_3, "--reason", "ziet af", "--date", "15-12-2026"]);
    let o = c.output().unwrap();
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stderr));
    let record: Value = serde_json::from_slice(&std::fs::read(&rec).unwrap()).unwrap();
    assert_eq!(
        (&record["events"][0]["reason"], &record["events"][0]["date"]),
        (&"declined".into(), &"2026-12-15".into())
    );
}
