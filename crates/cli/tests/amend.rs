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
    let o = amend(&rec, &["--place", "3", "--reason", "declined", "--date", "2026-12-10"]);
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stderr));
    let o = amend(&rec, &["--reserve", "2", "--reason", "not-eligible", "--date", "2026-12-11", "--json"]);
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(json(&o)["event"]["reserve"], 2);
    let o = amend(&rec, &["--place", "5", "--reason", "unreachable", "--date", "2026-12-12", "--json"]);
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
        (&["--place", "3", "--reason", "moved", "--date", "2026-12-10"][..], "amend-reason"),
        (&["--place", "3", "--reason", "declined", "--date", "10-12-2026"][..], "amend-date"),
        (&["--place", "6", "--reason", "declined", "--date", "2026-12-10"][..], "amend-refused"),
        (&["--place", "3", "--reason", "declined", "--date", "2026-11-01"][..], "amend-refused"),
        (&["--reserve", "4", "--reason", "declined", "--date", "2026-12-10"][..], "amend-refused"),
    ] {
        let o = amend(&rec, args);
        assert_eq!(code(&o), 2, "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(&format!("[{class}]")), "{args:?}: {err}");
        assert!(!rec.exists(), "{args:?} wrote a record");
    }
    // A record of another transcript is refused, and left as it was.
    let other = dir.path().join("other.json");
    let v3 = std::fs::read_to_string(fixture("amendments/failed-another-transcript.txt")).unwrap();
    let body = &v3[v3.find("\n\n").unwrap() + 2..];
    std::fs::write(&other, body).unwrap();
    let o = amend(&other, &["--place", "1", "--reason", "declined", "--date", "2026-12-10"]);
    assert_eq!(code(&o), 2);
    assert!(String::from_utf8_lossy(&o.stderr).contains("[amend-other-transcript]"));
    assert_eq!(std::fs::read_to_string(&other).unwrap(), body);
}

#[test]
fn check_says_the_final_outcome_in_dutch_and_english() {
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("amendments.json");
    assert_eq!(code(&amend(&rec, &["--place", "3", "--reason", "declined", "--date", "2026-12-10"])), 0);
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
