//! `check` with a code of this draw and an id that matches no ticket (SPEC
//! §8.4, informative): the code's check characters show that it belongs to
//! this draw, so the answer is "the id as typed does not match", never "not in
//! the draw", with the upper/lower-case or whitespace variant that does match
//! ("Did you mean ZUID-002?") and its full answer. Exit 2: an input problem.
//!
//! The example draw of `fixtures/example/` is used, so the ids, codes and
//! answers are those a resident of that draw has on paper; the expected
//! answers are read from its transcript, not written out by hand.

mod common;

use common::{potdraw, stderr, stdout};
use serde_json::Value;
use std::path::PathBuf;

fn fixture(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures").join(path)
}

/// The receipt of `id` in a receipts.jsonl of the fixtures.
fn receipt(file: &str, id: &str) -> Value {
    let text = std::fs::read_to_string(fixture(file)).unwrap();
    text.lines().map(|l| serde_json::from_str::<Value>(l).unwrap()).find(|r| r["id"] == id).unwrap()
}

/// The rank of a leaf in the example's result, as ("recipient" | "reserve", rank).
fn drawn(leaf: &str) -> Option<(String, u64)> {
    let t: Value = serde_json::from_slice(&std::fs::read(fixture("example/transcript.json")).unwrap()).unwrap();
    t["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["leaf"] == leaf)
        .map(|p| (p["role"].as_str().unwrap().to_owned(), p["rank"].as_u64().unwrap()))
}

fn check(lang: &str, args: &[&str], code: i32) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    let a = potdraw(dir.path())
        .args(["--lang", lang, "check"])
        .arg(fixture("example/transcript.json"))
        .args(args)
        .assert()
        .code(code);
    (stdout(a.get_output()), stderr(a.get_output()))
}

/// ZUID-002 (not drawn) and ZUID-019 (recipient 2), each typed as a resident might.
#[test]
fn a_lower_case_or_spaced_id_gets_the_id_meant_and_its_full_answer() {
    for (id, typed) in [("ZUID-002", "zuid-002"), ("ZUID-002", "ZUID - 002"), ("ZUID-019", " zuid  019 ")] {
        let r = receipt("example/receipts.jsonl", id);
        let code = r["code"].as_str().unwrap();
        let (en_answer, nl_answer) = match drawn(r["leaf"].as_str().unwrap()) {
            None => ("You were not drawn.".to_owned(), "U bent niet getrokken.".to_owned()),
            Some((role, n)) if role == "recipient" => (
                format!("You were drawn as recipient number {n}."),
                format!("U bent getrokken als ontvanger nummer {n}."),
            ),
            Some((_, n)) => {
                (format!("You were drawn as reserve number {n}."), format!("U bent getrokken als reserve nummer {n}."))
            }
        };
        let shown = format!("{:?}", typed.trim());
        let (out, _) = check("en", &["--id", typed, "--code", code], 2);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[0],
            format!("The code is valid for this draw, but it does not match the id as you typed it: {shown}. Type the id exactly as it is on your slip, with the same capital and small letters, spaces and hyphens.")
        );
        assert_eq!(lines[1], format!("Did you mean {id}?"));
        assert_eq!(lines[2], format!("Your ticket was in the draw (weight {}). {en_answer}", r["weight"]));
        assert!(!out.contains("NOT in the draw"), "{out}");

        let (out, _) = check("nl", &["--id", typed, "--code", code], 2);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[0],
            format!("De controlecode hoort bij deze loting, maar past niet bij het id zoals u het typte: {shown}. Typ het id precies zoals het op uw bewijsje staat, met dezelfde hoofdletters en kleine letters, spaties en streepjes.")
        );
        assert_eq!(lines[1], format!("Bedoelde u {id}?"));
        assert_eq!(lines[2], format!("Uw lot zat in de trekking (gewicht {}). {nl_answer}", r["weight"]));
        assert!(!out.contains("NIET in de trekking"), "{out}");

        // --json is the same in both languages.
        let (en, _) = check("en", &["--id", typed, "--code", code, "--json"], 2);
        let (nl, _) = check("nl", &["--id", typed, "--code", code, "--json"], 2);
        assert_eq!(en, nl);
        let v: Value = serde_json::from_str(&en).unwrap();
        assert_eq!(v["outcome"], "id-mismatch");
        assert_eq!(v["in_draw"], false);
        assert_eq!(v["id"], typed.trim());
        assert_eq!(v["suggestion"], id);
        assert_ne!(v["ticket"], r["leaf"], "the ticket of the id as typed is another leaf");
        let s = &v["suggested"];
        assert_eq!(s["ticket"], r["leaf"]);
        assert_eq!(s["in_draw"], true);
        assert_eq!(s["weight"], r["weight"]);
        match drawn(r["leaf"].as_str().unwrap()) {
            None => assert_eq!((&s["outcome"], &s["rank"]), (&Value::from("not-drawn"), &Value::Null)),
            Some((role, n)) => assert_eq!((&s["outcome"], &s["rank"]), (&Value::from(role), &Value::from(n))),
        }
    }
}

/// The id exactly as on the slip still gets the plain answer, exit 0.
#[test]
fn the_id_as_printed_is_answered_as_before() {
    let r = receipt("example/receipts.jsonl", "ZUID-019");
    let (out, _) = check("nl", &["--id", "ZUID-019", "--code", r["code"].as_str().unwrap()], 0);
    assert!(
        out.starts_with("Uw lot zat in de trekking (gewicht 1). U bent getrokken als ontvanger nummer 2."),
        "{out}"
    );
}

/// An id that no variant turns into a ticket of this code: the code is still
/// valid, the id does not match, and nothing is suggested.
#[test]
fn an_id_with_no_matching_variant_gets_no_suggestion() {
    let code = receipt("example/receipts.jsonl", "ZUID-002")["code"].as_str().unwrap().to_owned();
    for typed in ["ZUID-999", "ZUID-019", "zuid-003"] {
        let (out, _) = check("en", &["--id", typed, "--code", &code], 2);
        assert!(
            out.starts_with("The code is valid for this draw, but it does not match the id as you typed it"),
            "{out}"
        );
        assert!(
            out.contains(
                "\nWritten with other capital or small letters, spaces or hyphens, the id matches no ticket either."
            ),
            "{out}"
        );
        assert!(!out.contains("Did you mean") && !out.contains("Your ticket was"), "{out}");
        let (out, _) = check("nl", &["--id", typed, "--code", &code], 2);
        assert!(
            out.starts_with("De controlecode hoort bij deze loting, maar past niet bij het id zoals u het typte"),
            "{out}"
        );
        assert!(
            out.contains(
                "\nOok met andere hoofdletters, kleine letters, spaties of streepjes past het id bij geen enkel lot."
            ),
            "{out}"
        );
        assert!(!out.contains("Bedoelde u") && !out.contains("NIET in de trekking"), "{out}");
        let (json, _) = check("nl", &["--id", typed, "--code", &code, "--json"], 2);
        let v: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            (&v["outcome"], &v["suggestion"], &v["suggested"]),
            (&Value::from("id-mismatch"), &Value::Null, &Value::Null)
        );
    }
}

/// A code of another draw (the RFC 3797 example's) fails its check characters:
/// the old code error, on stderr, exit 2, no answer about the id.
#[test]
fn a_code_of_another_draw_is_still_a_code_error() {
    let code = receipt("rfc3797/example/receipts.jsonl", "ZUID-002")["code"].as_str().unwrap().to_owned();
    let (out, err) = check("en", &["--id", "zuid-002", "--code", &code], 2);
    assert_eq!(out, "");
    assert!(err.contains("--code: the code does not match this draw"), "{err}");
    assert!(!err.contains("Did you mean") && !err.contains("valid for this draw"), "{err}");
    let (_, err) = check("nl", &["--id", "zuid-002", "--code", &code], 2);
    assert!(err.contains("--code: de controlecode past niet bij deze loting"), "{err}");
    let (json, _) = check("en", &["--id", "zuid-002", "--code", &code, "--json"], 2);
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["unusable"], true);
    assert_eq!(v["outcome"], Value::Null);
}

/// The organiser's receipts.jsonl with an id in lower case: the receipt meant,
/// and its answer; an id with no such receipt stays an input error.
#[test]
fn receipts_file_with_a_lower_case_id() {
    let file = fixture("example/receipts.jsonl");
    let file = file.to_str().unwrap();
    let (out, _) = check("nl", &["--receipt", file, "--id", "zuid-019"], 2);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], format!("In {file} staat geen bewijsje met het id zoals u het typte: \"zuid-019\"."));
    assert_eq!(lines[1], "Bedoelde u ZUID-019?");
    assert_eq!(lines[2], "Uw lot zat in de trekking (gewicht 1). U bent getrokken als ontvanger nummer 2.");
    let (json, _) = check("en", &["--receipt", file, "--id", "zuid-019", "--json"], 2);
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        (&v["outcome"], &v["suggestion"], &v["ticket"]),
        (&Value::from("id-mismatch"), &Value::from("ZUID-019"), &Value::Null)
    );
    assert_eq!(v["suggested"]["ticket"], receipt("example/receipts.jsonl", "ZUID-019")["leaf"]);
    let (_, err) = check("en", &["--receipt", file, "--id", "ZUID-999"], 2);
    assert!(err.contains("no receipt in this file has the id \"ZUID-999\""), "{err}");
}

/// With a record of substitutions, the answer for the id meant is its final
/// outcome (SPEC §15.5): reserve 1 moved up when place 1 was vacated.
#[test]
fn with_amendments_the_id_meant_gets_its_final_outcome() {
    let dir = tempfile::tempdir().unwrap();
    let transcript = fixture("example/transcript.json");
    let record = dir.path().join("amendments.json");
    potdraw(dir.path())
        .arg("amend")
        .arg(&transcript)
        .arg("--record")
        .arg(&record)
        .args(["--place", "1", "--holder", "24C1-F54E", "--reason", "declined", "--date", "2026-12-20"])
        .assert()
        .success();
    let r = receipt("example/receipts.jsonl", "ZUID-004");
    assert_eq!(drawn(r["leaf"].as_str().unwrap()), Some(("reserve".to_owned(), 1)), "ZUID-004 is reserve 1");
    let code = r["code"].as_str().unwrap();
    let run = |lang: &str, json: bool| {
        let mut cmd = potdraw(dir.path());
        cmd.args(["--lang", lang, "check"]).arg(&transcript).args(["--id", "zuid-004", "--code", code]);
        cmd.arg("--amendments").arg(&record);
        if json {
            cmd.arg("--json");
        }
        stdout(cmd.assert().code(2).get_output())
    };
    let out = run("nl", false);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[1], "Bedoelde u ZUID-004?");
    assert_eq!(
        lines[2],
        "Uw lot zat in de trekking (gewicht 1). U was reserve 1 en bent doorgeschoven naar plaats 1: u ontvangt de schenking."
    );
    let v: Value = serde_json::from_str(&run("en", true)).unwrap();
    assert_eq!(v["outcome"], "id-mismatch");
    assert_eq!(v["suggested"]["amendments"]["final_outcome"], "moved-up");
    assert_eq!(v["suggested"]["amendments"]["place"], 1);
}

/// A transcript that does not verify is named by its file name with control
/// characters marked (`⟨U+001B⟩`), never written raw to the terminal, where an
/// escape sequence in a file name could repaint the answer (attack review of
/// issue 22, F5). The v4 path (`fixtures/v4/two-lists`) and `draw` of a
/// commitment that does not verify say it the same way.
#[test]
fn a_failing_document_is_named_without_raw_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let r = receipt("example/receipts.jsonl", "ZUID-002");
    let code = r["code"].as_str().unwrap();
    let mut cases = Vec::new();
    for (source, id) in [("example/transcript.json", "ZUID-002"), ("v4/two-lists/transcript.json", "x")] {
        let mut t: Value = serde_json::from_slice(&std::fs::read(fixture(source)).unwrap()).unwrap();
        t["seed"] = Value::String("00".repeat(32));
        let path = dir.path().join(format!("{}-\u{1b}[31mred.json", cases.len()));
        std::fs::write(&path, serde_json::to_vec(&t).unwrap()).unwrap();
        cases.push((path, id));
    }
    for (path, id) in &cases {
        let a = potdraw(dir.path()).arg("check").arg(path).args(["--id", id, "--code", code]).assert().code(1);
        let err = stderr(a.get_output());
        assert!(err.contains("-⟨U+001B⟩[31mred.json"), "{err}");
        assert!(!err.contains('\u{1b}'), "{err}");
    }
    let mut c: Value =
        serde_json::from_slice(&std::fs::read(fixture("v4/two-lists/commitment.json")).unwrap()).unwrap();
    c["title"] = Value::String("changed after publication".into());
    let commitment = dir.path().join("c-\u{1b}[31mred.json");
    std::fs::write(&commitment, serde_json::to_vec(&c).unwrap()).unwrap();
    let a = potdraw(dir.path())
        .args(["draw", "--commitment"])
        .arg(&commitment)
        .arg("--seed")
        .arg(fixture("v4/two-lists/seed"))
        .args(["--entropy", "room=3141526354", "--entropy", "lotto-2026-12-05=3 14 15 22 35 41", "--out", "t.json"])
        .assert()
        .code(1);
    let err = stderr(a.get_output());
    assert!(err.contains("c-⟨U+001B⟩[31mred.json"), "{err}");
    assert!(!err.contains('\u{1b}'), "{err}");
}
