//! potdraw CLI behaviour: commit and check input errors, usage errors.
//!
//! draw → verify → check), the files it writes, its refusals and its exit
//! codes (0 success / verified, 1 verification failed or not in the draw,
//! 2 usage or input error).
//!
//! `commit` draws its seed and salts from the operating system, so no test
//! knows a digest, code or result beforehand: expectations come from the
//! candidate table in `common`, from SPEC arithmetic, or from the files the
//! binary itself wrote (receipts.jsonl, transcript.json).

mod common;

use common::*;
use predicates::prelude::*;
use serde_json::{json, Value};

// ---------------------------------------------------------------------------
// 6. commit: input errors
// ---------------------------------------------------------------------------

/// Eight filler rows so that list-size rules do not fire first.
const FILLER: &str = "F1\nF2\nF3\nF4\nF5\nF6\nF7\nF8\n";

fn assert_commit_refuses(csv: &[u8], pot: &str, extra: &[&str], needles: &[&str]) -> String {
    let p = Pot::with_csv(csv);
    let err = fails(&mut p.commit_cmd_with(pot, extra), 2, needles);
    assert!(!p.out.exists(), "a refused commit created its output folder");
    err
}

#[test]
fn commit_refuses_a_list_without_id_column() {
    let err = assert_commit_refuses(b"name,weight\nA,1\n", POT, &[], &["candidates.csv", "line 1", "\"id\" column"]);
    assert!(err.contains("\"name\""), "names the columns it found: {err}");
}

#[test]
fn commit_refuses_a_duplicate_id() {
    let csv = format!("id\nX1\n{FILLER}X1\n");
    assert_commit_refuses(
        csv.as_bytes(),
        POT,
        &[],
        &["candidates.csv", "line 11", "column 1 (id)", "not used before", "line 2", "\"X1\""],
    );
}

/// "René" with é as one code point (NFC) and as e + combining accent (NFD) are
/// one id, in either order, and the message says why two different-looking
/// lines clash.
#[test]
fn commit_refuses_an_nfc_equivalent_duplicate_id() {
    for (first, second) in [("Ren\u{e9}", "Rene\u{301}"), ("Rene\u{301}", "Ren\u{e9}")] {
        let csv = format!("id\n{FILLER}{first}\n{second}\n");
        assert_commit_refuses(
            csv.as_bytes(),
            POT,
            &[],
            &["candidates.csv", "line 11", "column 1 (id)", "Unicode normalisation (NFC)", "line 10"],
        );
    }
}

#[test]
fn commit_refuses_weight_zero() {
    let csv = "id,weight\nW1,1\nW2,0\nW3,1\n";
    assert_commit_refuses(
        csv.as_bytes(),
        POT,
        &[],
        &["candidates.csv", "line 3", "column 2 (weight)", "a whole number from 1", "found \"0\""],
    );
}

#[test]
fn commit_refuses_latin1() {
    let mut csv = b"id,name\nJ1,Jos\xe9\n".to_vec();
    csv.extend(FILLER.lines().flat_map(|l| format!("{l},x\n").into_bytes()));
    assert_commit_refuses(&csv, POT, &[], &["candidates.csv", "line 2", "column 2 (name)", "UTF-8", "0xe9"]);
}

#[test]
fn commit_refuses_a_row_with_too_many_fields() {
    assert_commit_refuses(b"id,weight\nA,1\nB,1,extra\n", POT, &[], &["candidates.csv", "line 3", "3 fields"]);
}

#[test]
fn commit_refuses_too_few_candidates() {
    // 5 recipients + 3 reserves need 8 candidates.
    let err = assert_commit_refuses(b"id\nC1\nC2\nC3\nC4\n", POT, &[], &["candidates.csv", "8 candidates"]);
    assert!(err.contains(" 4"), "says how many the list has: {err}");
}

#[test]
fn commit_refuses_a_pot_that_is_too_small() {
    // €50,000 pays 4 grants of €12,000; the minimum is 5, so €10,000 is missing.
    let err = assert_commit_refuses(candidates_csv().as_bytes(), "50000", &[], &["missing"]);
    assert!(err.contains("1000000 cents") || err.contains("10,000"), "states the missing amount: {err}");
}

#[test]
fn commit_reads_a_dutch_pot_and_refuses_an_ambiguous_one() {
    // Issue 28: "60.000,00" is € 60.000,00, as every output writes it …
    let p = Pot::new();
    succeeds(&mut p.commit_cmd_with("60.000,00", &[]));
    assert_eq!(p.commitment_json()["pot"]["amount_cents"], 6_000_000);
    // … and "60.000" reads two ways: refused with both readings.
    let err = assert_commit_refuses(candidates_csv().as_bytes(), "60.000", &[], &["--pot", "\"60.000\""]);
    assert!(err.contains("€ 60,000.00") && err.contains("€ 60.00"), "{err}");
}

#[test]
fn commit_refuses_bad_entropy_specs() {
    for (spec, needle) in [
        ("coin:room", "coin:room"),
        ("dice:Room", "Room"),
        ("dice:room:5d8", "6 or 10 faces"),
        ("dice:room:0", "number of dice"),
        ("text", "numbers:LABEL:COUNT"),
        ("text:lotto", "numbers:lotto:COUNT"),
        ("numbers:lotto", "numbers:LABEL:COUNT"),
        ("numbers:lotto:0", "1 to 100"),
        ("drand:beacon", "drand"),
    ] {
        let p = Pot::new();
        let mut cmd = p.cmd();
        cmd.arg("commit").arg("--candidates").arg(&p.csv).args(["--pot", POT, "--entropy", spec]).arg("--out");
        cmd.arg(&p.out);
        fails(&mut cmd, 2, &["--entropy", needle]);
        assert!(!p.out.exists(), "{spec}");
    }
}

#[test]
fn commit_refuses_a_repeated_entropy_label() {
    let p = Pot::new();
    fails(
        &mut p.commit_cmd_with(POT, &["--entropy", "numbers:room:6"]),
        2,
        &["--entropy", "\"room\"", "already in the plan"],
    );
    assert!(!p.out.exists());
}

#[test]
fn commit_refuses_a_missing_candidate_file() {
    let p = Pot::new();
    std::fs::remove_file(&p.csv).unwrap();
    fails(&mut p.commit_cmd(), 2, &["candidates.csv"]);
    assert!(!p.out.exists());
}

#[test]
fn commit_refuses_a_bad_created_at() {
    for t in ["2026-02-30T00:00:00Z", "2026-12-01T12:00:00", "2026-12-01T12:00:00+01:00", "yesterday"] {
        let p = Pot::new();
        let mut cmd = p.cmd();
        cmd.arg("commit").arg("--candidates").arg(&p.csv).args(["--pot", POT, "--entropy", "numbers:x:6"]);
        cmd.args(["--created-at", t]).arg("--out").arg(&p.out);
        fails(&mut cmd, 2, &["--created-at", t]);
        assert!(!p.out.exists(), "{t}");
    }
}

/// Amounts may carry a euro sign and cents; a fixed number of recipients is honoured.
#[test]
fn commit_pot_amounts_and_fixed_recipients() {
    let p = Pot::new();
    succeeds(&mut p.commit_cmd_with("\u{20ac} 72000.5", &["--recipients", "6", "--reserves", "2"]));
    let c = p.commitment_json();
    assert_eq!(c["pot"]["amount_cents"], 7_200_050);
    assert_eq!(c["recipients"], 6);
    assert_eq!(c["reserves"], 2);
    assert_eq!(c["pot"]["surplus_cents"], 50);

    // Six grants of €12,000 do not fit in €60,000.
    let q = Pot::new();
    fails(&mut q.commit_cmd_with(POT, &["--recipients", "6"]), 2, &["6 recipients"]);
    assert!(!q.out.exists());
}

/// A spreadsheet export: BOM, CRLF, upper-case headers, a quoted cell with a line break.
#[test]
fn commit_reads_a_spreadsheet_export() {
    let mut csv = String::from("\u{feff}ID,Weight,note\r\nS1,2,\"two\r\nlines\"\r\n");
    for i in 2..=9 {
        csv.push_str(&format!("S{i},1,n{i}\r\n"));
    }
    let p = Pot::with_csv(csv.as_bytes());
    succeeds(&mut p.commit_cmd());
    let receipts = p.receipts_json();
    assert_eq!(receipts.len(), 9);
    assert_eq!(receipts[0]["id"], "S1");
    assert_eq!(receipts[0]["weight"], 2);
    assert_eq!(receipts[0]["line"], 2);
    let note = receipts[0]["columns"]["note"].as_str().unwrap();
    assert!(note.starts_with("two") && note.ends_with("lines") && note.contains('\n'), "{note:?}");
    // S1's record spans lines 2 and 3, so S2 starts on line 4.
    assert_eq!(receipts[1]["id"], "S2");
    assert_eq!(receipts[1]["line"], 4);
    assert_eq!(receipts[1]["columns"], json!({"note": "n2"}));
    assert_eq!(p.commitment_json()["candidates"]["total_weight"], "10");
}

// ---------------------------------------------------------------------------
// 7. check: errors and "not in the draw"
// ---------------------------------------------------------------------------

/// Replaces the data character at `pos` (0-based, hyphens removed) by the one `delta` further in the alphabet.
fn typo(code: &str, pos: usize, delta: usize) -> String {
    let mut chars: Vec<char> = code.chars().filter(|&c| c != '-').collect();
    let v = ALPHABET.find(chars[pos]).unwrap();
    chars[pos] = ALPHABET.as_bytes()[(v + delta) % 32] as char;
    chars.chunks(4).map(|g| g.iter().collect::<String>()).collect::<Vec<_>>().join("-")
}

#[test]
fn check_reports_a_mistyped_code_as_an_error() {
    let p = Pot::drawn();
    let r = p.receipt_of("A01");
    let code = r["code"].as_str().unwrap();
    // Position 0 is left out: a first digit above 7 is a range error instead.
    for (pos, delta) in [(1, 1), (5, 31), (12, 7), (20, 16), (25, 2), (26, 1), (27, 30)] {
        let typed = typo(code, pos, delta);
        assert_ne!(typed, code);
        let err = fails(
            p.cmd().arg("check").arg(&p.transcript).args(["--id", "A01", "--code", &typed]),
            2,
            &["--code", "does not match", "mistyped"],
        );
        assert!(!err.to_lowercase().contains("not in the draw"), "{typed}: {err}");
    }
}

#[test]
fn check_refuses_malformed_codes() {
    let p = Pot::drawn();
    let code = p.receipt_of("A01")["code"].as_str().unwrap().to_string();
    let with_u = format!("{}U{}", &code[..5], &code[6..]);
    fails(p.cmd().arg("check").arg(&p.transcript).args(["--id", "A01", "--code", &with_u]), 2, &["'U'", "character 6"]);
    fails(p.cmd().arg("check").arg(&p.transcript).args(["--id", "A01", "--code", &code[..29]]), 2, &["characters"]);
    let range = format!("8{}", &code[1..]);
    fails(p.cmd().arg("check").arg(&p.transcript).args(["--id", "A01", "--code", &range]), 2, &["--code"]);
}

#[test]
fn check_refuses_a_receipt_of_another_draw() {
    let p = Pot::drawn();
    let q = Pot::committed();
    let (line, _) = q.receipt_lines().remove(0);
    let file = p.path("other-receipt.json");
    std::fs::write(&file, format!("{line}\n")).unwrap();
    let other = q.commitment_json()["digest"].as_str().unwrap().to_string();
    fails(
        p.cmd().arg("check").arg(&p.transcript).arg("--receipt").arg(&file),
        2,
        &["other-receipt.json", "found a receipt of the draw with commitment digest", &other],
    );
    // The same through the other draw's receipts.jsonl and an id.
    fails(
        p.cmd().arg("check").arg(&p.transcript).arg("--receipt").arg(q.receipts()).args(["--id", "A01"]),
        2,
        &["found a receipt of the draw with commitment digest"],
    );
}

/// Another draw's code fails the check digit unless the two commitment digests
/// agree mod 1021 (SPEC §4.3); then it reads as a code of this draw whose id
/// matches no ticket (SPEC §8.4, exit 2).
#[test]
fn check_code_of_another_draw() {
    let p = Pot::drawn();
    let q = Pot::committed();
    let code = q.receipt_of("A01")["code"].as_str().unwrap().to_string();
    let mut cmd = p.cmd();
    cmd.arg("check").arg(&p.transcript).args(["--id", "A01", "--code", &code]);
    let (dp, dq) = (p.commitment_json()["digest"].clone(), q.commitment_json()["digest"].clone());
    if mod_1021(dp.as_str().unwrap()) == mod_1021(dq.as_str().unwrap()) {
        cmd.assert().code(2).stdout(predicate::str::contains("does not match the id as you typed it"));
    } else {
        let err = fails(&mut cmd, 2, &["does not match", "another draw"]);
        assert!(!err.contains("NOT in the draw"), "{err}");
    }
}

/// The check digit is bound to the salt and the draw, not to the id: a real
/// code typed with the wrong id reads fine and finds no ticket. That is said
/// as "the id as typed does not match" (SPEC §8.4), exit 2, never "not in the draw".
#[test]
fn check_valid_code_with_wrong_id_is_an_id_mismatch() {
    let p = Pot::drawn();
    let code = p.receipt_of("A01")["code"].as_str().unwrap().to_string();
    for id in ["NOBODY", "A02"] {
        let out = p.cmd().arg("check").arg(&p.transcript).args(["--id", id, "--code", &code]).assert().code(2);
        let text = stdout(out.get_output());
        assert!(text.contains("does not match the id as you typed it"), "{id}: {text}");
        assert!(!text.contains("NOT in the draw"), "{id}: {text}");
        assert!(!text.contains("You were"), "{id}: {text}");
        let out =
            p.cmd().arg("check").arg(&p.transcript).args(["--id", id, "--code", &code, "--json"]).assert().code(2);
        let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
        assert_eq!(v["in_draw"], false);
        assert_eq!(v["outcome"], "id-mismatch");
        assert_eq!(v["suggestion"], Value::Null);
        assert_eq!(v["weight"], Value::Null);
        assert_eq!(v["rank"], Value::Null);
    }
}

#[test]
fn check_on_a_tampered_transcript_says_nothing_about_the_ticket() {
    let p = Pot::drawn();
    let mut t = p.transcript_json();
    t["seed"] = json!(flip_hex(t["seed"].as_str().unwrap(), 9));
    let file = p.path("tampered.json");
    write_json(&file, &t);
    let r = p.receipt_of("A01");
    let code = r["code"].as_str().unwrap();
    let out = p.cmd().arg("check").arg(&file).args(["--id", "A01", "--code", code]).assert().code(1);
    let (text, err) = (stdout(out.get_output()), stderr(out.get_output()));
    assert!(err.contains("does not verify") && err.contains("seed-commitment"), "{err}");
    assert!(!text.contains("You were") && !text.contains("in the draw"), "{text}");

    let single = p.path("r.json");
    std::fs::write(&single, serde_json::to_string(&r).unwrap()).unwrap();
    p.cmd().arg("check").arg(&file).arg("--receipt").arg(&single).assert().code(1);
}

#[test]
fn check_on_an_unusable_transcript_is_unusable() {
    let p = Pot::drawn();
    let file = p.path("cut.json");
    let bytes = std::fs::read(&p.transcript).unwrap();
    std::fs::write(&file, &bytes[..100]).unwrap();
    let code = p.receipt_of("A01")["code"].as_str().unwrap().to_string();
    fails(p.cmd().arg("check").arg(&file).args(["--id", "A01", "--code", &code]), 2, &["cut.json", "line"]);
}

#[test]
fn check_input_errors() {
    let p = Pot::drawn();
    fails(p.cmd().arg("check").arg(&p.transcript).args(["--id", "A01"]), 2, &["--receipt", "--code"]);
    fails(
        p.cmd().arg("check").arg(&p.transcript).arg("--receipt").arg(p.receipts()).args(["--id", "NOBODY"]),
        2,
        &["receipts.jsonl", "no receipt in this file has the id", "NOBODY"],
    );
    let bad = p.path("bad-receipt.json");
    let mut r = p.receipt_of("A01");
    r["id"] = json!("A02"); // the leaf no longer matches id and salt
    std::fs::write(&bad, serde_json::to_string(&r).unwrap()).unwrap();
    fails(p.cmd().arg("check").arg(&p.transcript).arg("--receipt").arg(&bad), 2, &["bad-receipt.json", "receipt.leaf"]);
}

// ---------------------------------------------------------------------------
// 9. Usage errors
// ---------------------------------------------------------------------------

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    fails(potdraw(dir.path()).args(["verify", "t.json", "--bogus"]), 2, &["--bogus"]);
    fails(potdraw(dir.path()).args(["frobnicate"]), 2, &["frobnicate"]);
    potdraw(dir.path()).assert().code(2);
    // commit without any --entropy.
    fails(
        potdraw(dir.path()).args(["commit", "--candidates", "c.csv", "--pot", "60000", "--out", "o"]),
        2,
        &["--entropy"],
    );
    // --receipt and --code conflict; --code needs --id.
    potdraw(dir.path()).args(["check", "t.json", "--receipt", "r.json", "--id", "A", "--code", "X"]).assert().code(2);
    potdraw(dir.path()).args(["check", "t.json", "--code", "X"]).assert().code(2);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "usage errors write nothing");
}

#[test]
fn version_and_help_exit_0() {
    let dir = tempfile::tempdir().unwrap();
    potdraw(dir.path()).arg("--version").assert().success().stdout(predicate::str::contains(env!("CARGO_PKG_VERSION")));
    potdraw(dir.path()).arg("--help").assert().success().stdout(predicate::str::contains("Exit codes"));
}
