//! potdraw CLI behaviour: verify and draw refuse what does not hold.
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
use serde_json::{json, Value};

// ---------------------------------------------------------------------------
// 4. verify: failed checks (exit 1) and unusable input (exit 2)
// ---------------------------------------------------------------------------

/// Edits a copy of the transcript and expects `check` to fail first.
fn assert_tamper_fails(p: &Pot, name: &str, check: &str, edit: impl FnOnce(&mut Value)) {
    let mut t = p.transcript_json();
    edit(&mut t);
    let file = p.path(&format!("tampered-{name}.json"));
    write_json(&file, &t);

    let out = p.cmd().arg("verify").arg(&file).assert().code(1);
    let text = stdout(out.get_output());
    assert!(text.contains(&format!("  FAIL  {check} ")), "{name}: expected {check} to fail:\n{text}");
    assert!(text.contains(&format!("NOT VERIFIED: check {check} failed.")), "{name}:\n{text}");
    assert!(!text.contains("\nVERIFIED:"), "{name}:\n{text}");
    // Checks after the failing one are not reported as passed.
    let order: Vec<&str> = CHECK_ORDER.iter().copied().filter(|c| *c != "published-commitment").collect();
    let at = order.iter().position(|c| *c == check).unwrap();
    for later in &order[at + 1..] {
        assert!(!text.contains(&format!("  ok    {later} ")), "{name}: {later} ran after {check} failed:\n{text}");
    }

    let out = p.cmd().arg("verify").arg(&file).arg("--json").assert().code(1);
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["verified"], false, "{name}");
    assert_eq!(v["failed_check"], check, "{name}");
    let checks = v["checks"].as_array().unwrap();
    let ids: Vec<&str> = checks.iter().map(|c| c["check"].as_str().unwrap()).collect();
    assert_eq!(ids, order[..=at], "{name}");
    let (last, passed) = checks.split_last().unwrap();
    assert_eq!(last["status"], "failed", "{name}");
    assert!(last["expected"].is_string() && last["found"].is_string(), "{name}: {last}");
    assert!(passed.iter().all(|c| c["status"] == "passed"), "{name}");
}

#[test]
fn verify_tampered_result_leaf_fails_result() {
    let p = Pot::drawn();
    assert_tamper_fails(&p, "leaf", "result", |t| {
        let leaf = t["result"][0]["leaf"].as_str().unwrap();
        t["result"][0]["leaf"] = json!(flip_hex(leaf, 17));
    });
}

#[test]
fn verify_tampered_seed_fails_seed_commitment() {
    let p = Pot::drawn();
    assert_tamper_fails(&p, "seed", "seed-commitment", |t| {
        let seed = t["seed"].as_str().unwrap();
        t["seed"] = json!(flip_hex(seed, 5));
    });
}

#[test]
fn verify_other_tampering_fails_the_owning_check() {
    let p = Pot::drawn();
    assert_tamper_fails(&p, "title", "commitment-digest", |t| t["commitment"]["title"] = json!("Another pot"));
    assert_tamper_fails(&p, "count", "commitment-digest", |t| {
        t["commitment"]["candidates"]["count"] = json!(CANDIDATES.len() + 1)
    });
    assert_tamper_fails(&p, "dice", "draw-replay", |t| {
        let v = t["entropy"][0]["value"].as_str().unwrap();
        let first = if v.as_bytes()[0] == b'1' { '2' } else { '1' };
        let swapped = format!("{first}{}", &v[1..]);
        t["entropy"][0]["value"] = json!(swapped);
    });
    assert_tamper_fails(&p, "dice-range", "entropy-plan", |t| t["entropy"][0]["value"] = json!("3141526537"));
    assert_tamper_fails(&p, "label", "entropy-plan", |t| t["entropy"][1]["label"] = json!("lotto2"));
    assert_tamper_fails(&p, "draw-seed", "draw-replay", |t| {
        let s = t["draw_seed"].as_str().unwrap();
        t["draw_seed"] = json!(flip_hex(s, 0));
    });
    assert_tamper_fails(&p, "short", "draw-replay", |t| {
        t["result"].as_array_mut().unwrap().pop();
    });
    assert_tamper_fails(&p, "index", "draw-replay", |t| {
        let (a, b) = (t["result"][0].clone(), t["result"][1].clone());
        t["result"][0]["index"] = b["index"].clone();
        t["result"][0]["leaf"] = b["leaf"].clone();
        t["result"][0]["weight"] = b["weight"].clone();
        t["result"][1]["index"] = a["index"].clone();
        t["result"][1]["leaf"] = a["leaf"].clone();
        t["result"][1]["weight"] = a["weight"].clone();
    });
    assert_tamper_fails(&p, "rank", "result", |t| t["result"][0]["rank"] = json!(2));
}

#[test]
fn verify_truncated_transcript_is_unusable() {
    let p = Pot::drawn();
    let bytes = std::fs::read(&p.transcript).unwrap();
    let file = p.path("truncated.json");
    std::fs::write(&file, &bytes[..bytes.len() / 2]).unwrap();
    let err = fails(p.cmd().arg("verify").arg(&file), 2, &["truncated.json", "line"]);
    assert!(!err.contains("VERIFIED"), "{err}");
    // --json still answers in JSON: not verified, unusable, with the located error.
    let out = p.cmd().arg("verify").arg(&file).arg("--json").assert().code(2).get_output().stdout.clone();
    let v: serde_json::Value = serde_json::from_slice(&out).expect("--json prints JSON for unusable input");
    assert_eq!(v["verified"], json!(false));
    assert_eq!(v["unusable"], json!(true));
    assert!(v["error"].as_str().unwrap().contains("truncated.json: line"), "{v}");
}

#[test]
fn verify_unknown_field_is_unusable() {
    let p = Pot::drawn();
    let mut t = p.transcript_json();
    t["comment"] = json!("added later");
    let file = p.path("extra.json");
    write_json(&file, &t);
    fails(p.cmd().arg("verify").arg(&file), 2, &["extra.json", "comment"]);

    let mut t = p.transcript_json();
    t["commitment"]["pot"]["bonus_cents"] = json!(5);
    write_json(&file, &t);
    fails(p.cmd().arg("verify").arg(&file), 2, &["extra.json", "bonus_cents"]);
}

#[test]
fn verify_unknown_format_version_is_unusable() {
    let p = Pot::drawn();
    let mut t = p.transcript_json();
    t["format"] = json!("potdraw/transcript/v9");
    let file = p.path("v9.json");
    write_json(&file, &t);
    fails(p.cmd().arg("verify").arg(&file), 2, &["v9.json", "potdraw/transcript/v9", "potdraw/transcript/v1"]);
}

#[test]
fn verify_missing_file_is_unusable() {
    let p = Pot::drawn();
    fails(p.cmd().args(["verify", "no-such-transcript.json"]), 2, &["no-such-transcript.json"]);
}

#[test]
fn verify_against_another_commitment_fails_published_commitment() {
    let p = Pot::drawn();
    let q = Pot::committed();
    let out = p.cmd().arg("verify").arg(&p.transcript).arg("--commitment").arg(q.commitment()).assert().code(1);
    let text = stdout(out.get_output());
    assert!(text.contains("  FAIL  published-commitment "), "{text}");
    assert!(text.contains("NOT VERIFIED: check published-commitment failed."), "{text}");
    let published = q.commitment_json()["digest"].as_str().unwrap().to_string();
    let embedded = p.commitment_json()["digest"].as_str().unwrap().to_string();
    assert!(text.contains(&format!("expected: {published}")), "{text}");
    assert!(text.contains(&format!("found:    {embedded}")), "{text}");

    let out =
        p.cmd().arg("verify").arg(&p.transcript).arg("--commitment").arg(q.commitment()).arg("--json").assert().code(1);
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["failed_check"], "published-commitment");
}

/// A published commitment that differs in a member but carries the same digest.
#[test]
fn verify_against_an_edited_commitment_with_the_same_digest() {
    let p = Pot::drawn();
    let mut c = p.commitment_json();
    c["title"] = json!("Edited after the fact");
    let file = p.path("edited-commitment.json");
    write_json(&file, &c);
    let out = p.cmd().arg("verify").arg(&p.transcript).arg("--commitment").arg(&file).assert().code(1);
    let text = stdout(out.get_output());
    assert!(text.contains("  FAIL  published-commitment "), "{text}");
    assert!(text.contains("other than the digest"), "{text}");
}

#[test]
fn verify_with_unusable_commitment_is_unusable() {
    let p = Pot::drawn();
    let file = p.path("broken-commitment.json");
    std::fs::write(&file, b"{\"format\": ").unwrap();
    fails(p.cmd().arg("verify").arg(&p.transcript).arg("--commitment").arg(&file), 2, &["broken-commitment.json"]);
}

// ---------------------------------------------------------------------------
// 5. draw refuses
// ---------------------------------------------------------------------------

fn assert_no_transcript(p: &Pot) {
    assert!(!p.transcript.exists(), "a refused draw wrote a transcript");
    assert!(leftover_temporaries(p.dir.path()).is_empty());
}

#[test]
fn draw_refuses_a_seed_from_another_commit() {
    let p = Pot::committed();
    let q = Pot::committed();
    let mut cmd = p.cmd();
    cmd.arg("draw").arg("--commitment").arg(p.commitment()).arg("--seed").arg(q.seed());
    cmd.args(["--entropy", &format!("room={ROOM}"), "--entropy", &format!("lotto={LOTTO}")]);
    cmd.arg("--out").arg(&p.transcript);
    fails(&mut cmd, 2, &["seed does not match"]);
    assert_no_transcript(&p);
}

#[test]
fn draw_refuses_an_unusable_seed_file() {
    let p = Pot::committed();
    std::fs::write(p.seed(), "not a seed\n").unwrap();
    fails(&mut p.draw_cmd(), 2, &["seed", "64 lowercase hexadecimal"]);
    assert_no_transcript(&p);
}

/// SPEC §7.5: the seed file may carry surrounding whitespace and upper-case hex.
#[test]
fn draw_accepts_an_uppercase_seed_with_whitespace() {
    let p = Pot::committed();
    let seed = std::fs::read_to_string(p.seed()).unwrap();
    let reference = p.path("reference.json");
    succeeds(&mut p.draw_cmd_with(&[&format!("room={ROOM}"), &format!("lotto={LOTTO}")], &reference));
    std::fs::write(p.seed(), format!("  {}\r\n\n", seed.trim().to_uppercase())).unwrap();
    succeeds(&mut p.draw_cmd());
    assert_eq!(std::fs::read(&p.transcript).unwrap(), std::fs::read(&reference).unwrap());
}

#[test]
fn draw_refuses_an_unannounced_label() {
    let p = Pot::committed();
    fails(
        &mut p.draw_cmd_with(&[&format!("room={ROOM}"), &format!("lotto={LOTTO}"), "weather=sunny"], &p.transcript),
        2,
        &["\"weather\"", "not announced", "room", "lotto"],
    );
    assert_no_transcript(&p);
}

#[test]
fn draw_refuses_a_missing_source() {
    let p = Pot::committed();
    fails(&mut p.draw_cmd_with(&[&format!("room={ROOM}")], &p.transcript), 2, &["\"lotto\"", "no value"]);
    assert_no_transcript(&p);
    fails(&mut p.draw_cmd_with(&[&format!("lotto={LOTTO}")], &p.transcript), 2, &["\"room\"", "no value"]);
    assert_no_transcript(&p);
}

#[test]
fn draw_refuses_a_repeated_source() {
    let p = Pot::committed();
    fails(
        &mut p.draw_cmd_with(&[&format!("room={ROOM}"), "room=1111111111", &format!("lotto={LOTTO}")], &p.transcript),
        2,
        &["\"room\"", "more than once"],
    );
    assert_no_transcript(&p);
}

#[test]
fn draw_refuses_bad_dice() {
    let p = Pot::committed();
    let lotto = format!("lotto={LOTTO}");
    for (value, found) in [
        ("31415x6535", "\"x\" at character 6"),
        ("3141576535", "\"7\" at character 6"),
        ("0141526535", "\"0\" at character 1"),
        ("314152653", "9 digits"),
        ("31415265351", "11 digits"),
    ] {
        let err = fails(
            &mut p.draw_cmd_with(&[&format!("room={value}"), &lotto], &p.transcript),
            2,
            &["\"room\"", "expected 10 dice", found],
        );
        assert!(err.contains("found"), "{value}: {err}");
        assert_no_transcript(&p);
    }
}

#[test]
fn draw_refuses_an_entropy_flag_without_a_value() {
    let p = Pot::committed();
    fails(&mut p.draw_cmd_with(&[ROOM, &format!("lotto={LOTTO}")], &p.transcript), 2, &["LABEL=VALUE"]);
    assert_no_transcript(&p);
}

/// Dice typed with spaces are stored without them, and draw the same as without.
#[test]
fn draw_accepts_dice_typed_with_spaces() {
    let p = Pot::committed();
    let spaced = p.path("spaced.json");
    succeeds(&mut p.draw_cmd_with(&["room=3 1 4 1 5 2 6 5 3 5", &format!("lotto={LOTTO}")], &spaced));
    assert_eq!(read_json(&spaced)["entropy"][0]["value"], "3141526535");
    succeeds(&mut p.draw_cmd());
    assert_eq!(std::fs::read(&spaced).unwrap(), std::fs::read(&p.transcript).unwrap());
    succeeds(p.cmd().arg("verify").arg(&spaced).arg("--commitment").arg(p.commitment()));
}

/// Text sources are stored in NFC (SPEC §5.1) and the transcript verifies.
#[test]
fn draw_stores_text_in_nfc() {
    let p = Pot::committed_with_text("Testpot");
    succeeds(&mut p.draw_cmd_with(&[&format!("room={ROOM}"), "lotto=Trekking 5 de\u{301}cembre"], &p.transcript));
    assert_eq!(p.transcript_json()["entropy"][1]["value"], "Trekking 5 d\u{e9}cembre");
    let out = succeeds(p.cmd().arg("verify").arg(&p.transcript));
    assert!(out.contains("whose exact wording was not fixed before the draw"), "{out}");
}

#[test]
fn draw_refuses_a_commitment_that_does_not_verify() {
    let p = Pot::committed();
    let mut c = p.commitment_json();
    c["reserves"] = json!(2);
    write_json(&p.commitment(), &c);
    let err = fails(&mut p.draw_cmd(), 1, &["refusing to draw", "commitment-digest"]);
    assert!(err.contains("commitment.json"), "{err}");
    assert_no_transcript(&p);
}
