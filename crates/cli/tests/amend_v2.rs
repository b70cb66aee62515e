//! `potdraw amend --undo` and `amend --list` (SPEC §15.8), run through the
//! real binary as an organiser would, and every vector of
//! fixtures/amendments-v2/ through `potdraw verify --amendments --json`.
//! Expected holders come from the transcripts' own `result` (recipient p is
//! `result[p - 1]`, reserve m is `result[k + m - 1]`) and the receipts, and
//! expected final lists from the vector files, never from the tool's record.

mod common;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures").join(name)
}

fn potdraw() -> assert_cmd::Command {
    common::potdraw(&std::env::temp_dir())
}

fn run(lang: &str, args: &[&str], transcript: &Path, record: &Path) -> Output {
    let mut c = potdraw();
    c.args(["--lang", lang, "amend"]).arg(transcript).arg("--record").arg(record).args(args);
    c.output().unwrap()
}

fn ok(o: Output) -> Output {
    assert_eq!(o.status.code(), Some(0), "{}{}", common::stdout(&o), common::stderr(&o));
    o
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", common::stdout(o)))
}

fn read(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// The fingerprint of a leaf as the projector shows it: `1637-EEA6`.
fn fingerprint(leaf: &str) -> String {
    format!("{}-{}", &leaf[..4], &leaf[4..8]).to_uppercase()
}

/// Pick `j` (0-based) of a single-list transcript, or of list `list` of a v4 one.
fn pick(transcript: &Path, list: Option<usize>, j: usize) -> Value {
    let t = read(transcript);
    match list {
        Some(i) => t["lists"][i]["result"][j].clone(),
        None => t["result"][j].clone(),
    }
}

/// The id of the receipt with this leaf.
fn id_of(receipts: &Path, leaf: &str) -> String {
    std::fs::read_to_string(receipts)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|r| r["leaf"] == leaf)
        .map(|r| r["id"].as_str().unwrap().to_string())
        .unwrap()
}

/// The organiser's mistake of issue 27, on the bundled example (k = 5, r = 3):
/// place 2 declines, reserve 1 takes it; the same command again records that
/// reserve 1 declined too. `--undo` corrects it: she holds place 2 again.
#[test]
fn the_repeated_command_is_undone_and_the_reserve_holds_her_place_again() {
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("amendments.json");
    let t = fixture("example/transcript.json");
    let (place2, reserve1) = (pick(&t, None, 1), pick(&t, None, 5));
    let r1 = reserve1["leaf"].as_str().unwrap();
    let first = ["--place", "2", "--reason", "declined", "--date", "2026-12-15", "--holder"];
    ok(run("en", &[&first[..], &[&fingerprint(place2["leaf"].as_str().unwrap())]].concat(), &t, &rec));
    let v1 = std::fs::read(&rec).unwrap();
    assert_eq!(read(&rec)["format"], "potdraw/amendments/v1", "no undo yet: v1 as before");
    // The mistake: the same place "declined" again, naming who holds it now (reserve 1).
    ok(run("en", &[&first[..], &[&fingerprint(r1)]].concat(), &t, &rec));
    let o = ok(run("en", &["--undo", "--date", "2026-12-16"], &t, &rec));
    let out = common::stdout(&o);
    assert!(out.contains("#3 16 December 2026: event 2 undone"), "{out}");
    assert!(out.contains(&format!("Ticket {} (reserve 1) holds place 2 again", fingerprint(r1))), "{out}");
    let doc = read(&rec);
    assert_eq!(doc["format"], "potdraw/amendments/v2");
    assert_eq!(doc["events"][2], serde_json::json!({"seq": 3, "date": "2026-12-16", "undoes": 2}));
    // The earlier (v1) version is the start of this one, event for event.
    let old = dir.path().join("v1.json");
    std::fs::write(&old, &v1).unwrap();
    let mut c = potdraw();
    c.args(["--lang", "en", "verify"]).arg(&t).arg("--amendments").arg(&rec).arg("--earlier").arg(&old);
    let o = ok(c.arg("--json").output().unwrap());
    let a = &json(&o)["amendments"];
    assert_eq!((a["verified"].clone(), a["events"].clone(), a["undone"].clone()), (true.into(), 3.into(), 1.into()));
    assert_eq!(a["final"][1]["index"], reserve1["index"], "place 2 is reserve 1's again");
    assert_eq!(a["final"][1]["holder"], "reserve");
    // She is told she holds the place, in both languages.
    let receipts = fixture("example/receipts.jsonl");
    let id = id_of(&receipts, r1);
    for (lang, sentence) in [
        ("en", "You were reserve 1 and moved up to place 2: you receive the grant."),
        ("nl", "U was reserve 1 en bent doorgeschoven naar plaats 2: u ontvangt de schenking."),
    ] {
        let mut c = potdraw();
        c.args(["--lang", lang, "check"]).arg(&t).arg("--receipt").arg(&receipts).args(["--id", &id]);
        let o = ok(c.arg("--amendments").arg(&rec).output().unwrap());
        assert!(common::stdout(&o).contains(sentence), "{lang}: {}", common::stdout(&o));
    }
    let mut c = potdraw();
    c.args(["--lang", "nl", "verify"]).arg(&t).arg("--amendments").arg(&rec);
    assert!(common::stdout(&ok(c.output().unwrap())).contains("#3 16 december 2026: gebeurtenis 2 teruggedraaid"));
}

/// After an undo the rules are recomputed: the next vacated place goes to
/// the lowest reserve not in use, which is reserve 1 again.
#[test]
fn an_undo_then_a_new_decline_goes_to_the_reserve_waiting_again() {
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("amendments.json");
    let t = fixture("example/transcript.json");
    let holder = |j| fingerprint(pick(&t, None, j)["leaf"].as_str().unwrap());
    ok(run("en", &["--place", "2", "--reason", "declined", "--date", "2026-12-15", "--holder", &holder(1)], &t, &rec));
    ok(run("en", &["--undo", "--date", "2026-12-15", "--yes"], &t, &rec));
    let args = ["--place", "4", "--reason", "unreachable", "--date", "2026-12-17", "--json", "--holder", &holder(3)];
    let o = ok(run("en", &args, &t, &rec));
    assert_eq!(json(&o)["event"]["taken_by"], 1);
    assert_eq!(json(&o)["amendments"]["final"][3]["index"], pick(&t, None, 5)["index"]);
    assert_eq!(json(&o)["amendments"]["final"][1]["index"], pick(&t, None, 1)["index"], "place 2 is hers again");
    assert_eq!(read(&rec)["format"], "potdraw/amendments/v2", "a record with an undo stays v2");
    // The recipient whose decline was undone is told she holds her place.
    let receipts = fixture("example/receipts.jsonl");
    let id = id_of(&receipts, pick(&t, None, 1)["leaf"].as_str().unwrap());
    for (lang, sentence) in [
        ("en", "You were drawn as recipient 2: you receive the grant."),
        ("nl", "U bent getrokken als ontvanger 2: u ontvangt de schenking."),
    ] {
        let mut c = potdraw();
        c.args(["--lang", lang, "check"]).arg(&t).arg("--receipt").arg(&receipts).args(["--id", &id]);
        let o = ok(c.arg("--amendments").arg(&rec).output().unwrap());
        assert!(common::stdout(&o).contains(sentence), "{lang}: {}", common::stdout(&o));
    }
}

/// Two lists (fixtures/v4/two-lists): ontvangers (k = 5, r = 3) and its
/// travel companions reisgenoten (k = 5, r = 2). An event by --list and one
/// by id with the receipts; the companion who takes place 4 travels with place 4.
#[test]
fn amend_on_a_draw_with_several_lists_by_list_and_by_receipt() {
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("amendments.json");
    let t = fixture("v4/two-lists/transcript.json");
    let receipts = fixture("v4/two-lists/receipts.jsonl");
    let o2 = fingerprint(pick(&t, Some(0), 1)["leaf"].as_str().unwrap());
    let args =
        ["--list", "ontvangers", "--place", "2", "--reason", "declined", "--date", "2026-12-15", "--holder", &o2];
    ok(run("en", &args, &t, &rec));
    let doc = read(&rec);
    assert_eq!(doc["format"], "potdraw/amendments/v2");
    assert_eq!(doc["events"][0]["list"], "ontvangers");
    assert_eq!(doc["events"][0]["taken_by"], 1);
    // Companion 4, by id: the receipt names the list.
    let g4 = id_of(&receipts, pick(&t, Some(1), 3)["leaf"].as_str().unwrap());
    let args = ["--place", "4", "--reason", "unreachable", "--date", "2026-12-18", "--receipts"];
    let o = ok(run("en", &[&args[..], &[receipts.to_str().unwrap(), "--holder", &g4, "--json"]].concat(), &t, &rec));
    let a = &json(&o)["amendments"];
    assert_eq!(json(&o)["event"]["list"], "reisgenoten");
    // Reserve 1 of each list took its place: its own reserve, not the other list's.
    let final_of = |list: &str, place: u64| {
        a["final"].as_array().unwrap().iter().find(|p| p["list"] == list && p["place"] == place).unwrap().clone()
    };
    assert_eq!(final_of("ontvangers", 2)["index"], pick(&t, Some(0), 5)["index"]);
    assert_eq!(final_of("reisgenoten", 4)["index"], pick(&t, Some(1), 5)["index"]);
    assert_eq!(final_of("reisgenoten", 4)["holder"], "reserve");
    assert_eq!(final_of("reisgenoten", 2)["index"], pick(&t, Some(1), 1)["index"]);
    // The reserve who took place 4 of the companions travels with place 4 of ontvangers.
    let reserve = id_of(&receipts, pick(&t, Some(1), 5)["leaf"].as_str().unwrap());
    for (lang, sentence) in [
        ("en", "You were reserve 1 of the travel companions and moved up to place 4: you travel with place 4 of list ontvangers. A travel companion receives no grant."),
        ("nl", "U was reserve 1 van de reisgenoten en bent doorgeschoven naar plaats 4: u reist mee met plaats 4 van lijst ontvangers. Een reisgenoot krijgt geen schenking."),
    ] {
        let mut c = potdraw();
        c.args(["--lang", lang, "check"]).arg(&t).arg("--receipt").arg(&receipts).args(["--id", &reserve]);
        let o = ok(c.arg("--amendments").arg(&rec).output().unwrap());
        assert!(common::stdout(&o).contains(sentence), "{lang}: {}", common::stdout(&o));
    }
    let mut c = potdraw();
    c.args(["--lang", "en", "check"]).arg(&t).arg("--receipt").arg(&receipts).args(["--id", &reserve, "--json"]);
    let o = ok(c.arg("--amendments").arg(&rec).output().unwrap());
    let fate = &json(&o)["amendments"];
    assert_eq!(fate["final_outcome"], "moved-up");
    assert_eq!(fate["travels_with"], serde_json::json!({"list": "ontvangers", "place": 4}));
    // Companion 2 still travels with place 2 of ontvangers, now held by its reserve 1: pairs are by place.
    let companion2 = id_of(&receipts, pick(&t, Some(1), 1)["leaf"].as_str().unwrap());
    let mut c = potdraw();
    c.args(["--lang", "en", "check"]).arg(&t).arg("--receipt").arg(&receipts).args(["--id", &companion2, "--json"]);
    let o = ok(c.arg("--amendments").arg(&rec).output().unwrap());
    assert_eq!(json(&o)["amendments"]["travels_with"], serde_json::json!({"list": "ontvangers", "place": 2}));
    assert_eq!(json(&o)["amendments"]["final_outcome"], "recipient");
    // An undo across lists: the most recent event in effect is reisgenoten's.
    let o = ok(run("en", &["--undo", "--date", "2026-12-19"], &t, &rec));
    assert!(common::stdout(&o).contains("holds place 4 of list reisgenoten again"), "{}", common::stdout(&o));
}

/// A v4 place is checked against that list's current holder: the holder of
/// place 2 of ontvangers does not hold place 2 of reisgenoten.
#[test]
fn the_holder_is_checked_in_the_list_named() {
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("amendments.json");
    let t = fixture("v4/two-lists/transcript.json");
    let o2 = fingerprint(pick(&t, Some(0), 1)["leaf"].as_str().unwrap());
    let args =
        ["--list", "reisgenoten", "--place", "2", "--reason", "declined", "--date", "2026-12-15", "--holder", &o2];
    let o = run("en", &args, &t, &rec);
    assert_eq!(o.status.code(), Some(2));
    assert!(common::stderr(&o).contains("[error code: amend-holder]"), "{}", common::stderr(&o));
    assert!(common::stderr(&o).contains("place 2 of list reisgenoten"), "{}", common::stderr(&o));
    assert!(!rec.exists());
}

/// Every file of fixtures/amendments-v2/, listed at test time, through
/// `potdraw verify --amendments --json`: outcome, failed check, final list.
#[test]
fn every_v2_vector_through_verify_json() {
    let dir = fixture("amendments-v2");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "txt") {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let v = potdraw_core::vector::parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let tmp = tempfile::tempdir().unwrap();
        let record = tmp.path().join("record.json");
        std::fs::write(&record, v.body.as_bytes()).unwrap();
        let mut c = potdraw();
        c.args(["--lang", "en", "verify"]).arg(fixture(v.header("transcript").unwrap()));
        c.arg("--amendments").arg(&record).arg("--json");
        if let Some(e) = v.header("earlier") {
            let body = potdraw_core::vector::parse(&std::fs::read_to_string(fixture(e)).unwrap()).unwrap().body;
            let old = tmp.path().join("earlier.json");
            std::fs::write(&old, body).unwrap();
            c.arg("--earlier").arg(old);
        }
        let o = c.output().unwrap();
        let out = json(&o);
        match &v.expect {
            potdraw_core::vector::Expect::Verified => {
                assert_eq!(o.status.code(), Some(0), "{name}: {out}");
                let a = &out["amendments"];
                assert_eq!(a["verified"], true, "{name}");
                let places = a["final"].as_array().unwrap();
                let mut lists: Vec<(String, Vec<String>)> = Vec::new();
                for p in places {
                    let list = p["list"].as_str().unwrap_or("").to_string();
                    let index = p["index"].as_u64().map_or("-".to_string(), |i| i.to_string());
                    match lists.last_mut() {
                        Some((l, items)) if *l == list => items.push(index),
                        _ => lists.push((list, vec![index])),
                    }
                }
                let got: Vec<String> = lists.into_iter().map(|(_, items)| items.join(" ")).collect();
                assert_eq!(got.join(" | "), v.header("final").unwrap(), "{name}");
            }
            potdraw_core::vector::Expect::Failed(check) => {
                assert_eq!(o.status.code(), Some(1), "{name}: {out}");
                assert_eq!(out["amendments"]["failed_check"], check.as_str(), "{name}");
            }
            potdraw_core::vector::Expect::Unusable => {
                assert_eq!(o.status.code(), Some(2), "{name}: {out}");
            }
            other => panic!("{name}: {other:?}"),
        }
        seen += 1;
    }
    assert!(seen >= 20, "{seen}");
}
