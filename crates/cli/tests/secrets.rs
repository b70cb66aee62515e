//! Secrets (SPEC §4.3, §4.4): the seed (until the draw reveals it) and the
//! receipts' salts and codes never appear in what potdraw prints — normal
//! output, `--json`, or error messages, even about a malformed secret.

use std::path::Path;
use std::process::{Command, Output};

fn potdraw(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_potdraw")).current_dir(dir).arg("--lang").arg("en").args(args).output().unwrap()
}

fn printed(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

#[test]
fn seed_salts_and_codes_are_never_printed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let list = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/example/candidates.csv");
    let mut out = vec![potdraw(
        d,
        &["commit", "--candidates", list, "--pot", "65000", "--entropy", "dice:room:5", "--out", "pot"],
    )];
    assert!(out[0].status.success(), "{}", printed(&out[0]));
    let seed = std::fs::read_to_string(d.join("pot/private/seed")).unwrap().trim().to_string();
    let receipts: Vec<serde_json::Value> = std::fs::read_to_string(d.join("pot/private/receipts.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut secrets: Vec<String> = vec![seed.clone(), seed[..40].to_string()];
    for r in &receipts {
        secrets.push(r["salt"].as_str().unwrap().to_string());
        secrets.push(r["code"].as_str().unwrap().to_string());
    }

    // A malformed seed file (one character short), and a receipt with a salt one byte short.
    std::fs::write(d.join("short-seed"), &seed[..63]).unwrap();
    let mut r = receipts[0].clone();
    let salt = r["salt"].as_str().unwrap().to_string();
    r["salt"] = serde_json::Value::String(salt[..30].to_string());
    std::fs::write(d.join("bad-receipt.json"), r.to_string()).unwrap();
    let mut wrong_code = receipts[0].clone();
    wrong_code["code"] = receipts[1]["code"].clone();
    std::fs::write(d.join("wrong-code.json"), wrong_code.to_string()).unwrap();
    std::fs::write(d.join("one-receipt.json"), receipts[0].to_string()).unwrap();

    let draw = ["draw", "--commitment", "pot/public/commitment.json", "--entropy", "room=31415", "--entropy", "x=1"];
    out.push(potdraw(d, &[&draw[..], &["--seed", "short-seed", "--out", "t.json"]].concat()));
    out.push(potdraw(d, &[&draw[..5], &["--seed", "pot/private/seed", "--out", "t.json"]].concat()));
    assert!(out.last().unwrap().status.success(), "{}", printed(out.last().unwrap()));
    let id = receipts[0]["id"].as_str().unwrap();
    let code = receipts[0]["code"].as_str().unwrap();
    for args in [
        vec!["check", "t.json", "--receipt", "one-receipt.json"],
        vec!["check", "t.json", "--receipt", "one-receipt.json", "--json"],
        vec!["check", "t.json", "--receipt", "pot/private/receipts.jsonl", "--id", id, "--json"],
        vec!["check", "t.json", "--id", id, "--code", code],
        vec!["check", "t.json", "--id", id, "--code", code, "--json"],
        vec!["check", "t.json", "--receipt", "bad-receipt.json"],
        vec!["check", "t.json", "--receipt", "bad-receipt.json", "--json"],
        vec!["check", "t.json", "--receipt", "wrong-code.json"],
    ] {
        out.push(potdraw(d, &args));
    }
    // Errors about the malformed inputs were given, without the secrets in them.
    assert!(printed(&out[1]).contains("[error code: field-hex]"), "{}", printed(&out[1]));
    assert!(printed(&out[8]).contains("[error code: field-hex]"), "{}", printed(&out[8]));
    assert!(printed(&out[10]).contains("[error code: field-receipt-code]"), "{}", printed(&out[10]));
    for (i, o) in out.iter().enumerate() {
        let text = printed(o);
        // The draw reveals the seed in the transcript file, never on the screen.
        for s in &secrets {
            assert!(!text.contains(s.as_str()), "output {i} shows a secret {s}:\n{text}");
        }
        assert!(!text.contains(&salt[..30]), "output {i} shows part of a salt:\n{text}");
    }
}
