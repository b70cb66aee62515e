//! Time-stamp tokens in `potdraw audit` (issue 30, SPEC §16.4, §18): a
//! `DOC.NAME.tsr` that reads as a token is counted as a time stamp, never
//! as a file that is not potdraw's; one beside no document is a problem;
//! with `--tsa-roots` each is checked against the document it lies beside.
//! The tokens are the committed ones of crates/timestamp/tests/data/bad/,
//! over the commitment of fixtures/v2.

mod common;

use common::potdraw;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn token(name: &str) -> PathBuf {
    root().join("crates/timestamp/tests/data/bad").join(name)
}

/// fixtures/v2's commitment and transcript, with tokens beside them.
fn folder(dir: &Path) {
    std::fs::copy(root().join("fixtures/v2/commitment.json"), dir.join("commitment.json")).unwrap();
    let vector = std::fs::read_to_string(root().join("fixtures/v2/transcripts/valid.txt")).unwrap();
    std::fs::write(dir.join("transcript.json"), vector.split_once("\n\n").unwrap().1).unwrap();
    std::fs::copy(token("untrusted-root.tsr"), dir.join("commitment.json.other.tsr")).unwrap();
    std::fs::copy(token("other-digest.tsr"), dir.join("transcript.json.test.tsr")).unwrap();
    std::fs::copy(token("after-round.tsr"), dir.join("commitment.json.test.org.tsr")).unwrap();
    std::fs::copy(token("expired.tsr"), dir.join("nothing.json.test.tsr")).unwrap();
    // A document under a token's name is read as what it is.
    std::fs::write(dir.join("notes.tsr"), b"{\"not\": \"a token\"}\n").unwrap();
}

fn audit(dir: &Path, roots: bool) -> Value {
    let mut cmd = potdraw(dir);
    cmd.args(["audit", ".", "--json"]);
    if roots {
        cmd.arg("--tsa-roots").arg(token("test-root.pem"));
    }
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn problems(v: &Value) -> Vec<(String, String, String)> {
    v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let detail = p["detail"].as_str().unwrap_or("").to_string();
            (p["problem"].as_str().unwrap().to_string(), p["files"][0].as_str().unwrap().to_string(), detail)
        })
        .collect()
}

#[test]
fn tokens_are_counted_and_one_beside_no_document_is_a_problem() {
    let dir = tempfile::tempdir().unwrap();
    folder(dir.path());
    let v = audit(dir.path(), false);
    assert_eq!(v["files"]["timestamps"], 4, "{v}");
    assert_eq!(v["files"]["timestamps_trusted"], Value::Null);
    assert_eq!(v["draws"][0]["status"], "drawn");
    let p = problems(&v);
    assert_eq!(
        p,
        [
            ("time-stamp-without-document".into(), "nothing.json.test.tsr".into(), String::new()),
            ("not-potdraw".into(), "notes.tsr".into(), String::new()),
        ],
        "{v}"
    );
    // In words, in both languages.
    for (lang, said) in [("en", "counted but not checked"), ("nl", "geteld maar niet gecontroleerd")] {
        let out = potdraw(dir.path()).args(["--lang", lang, "audit", "."]).output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains(said) && text.contains("[time-stamp-without-document]"), "{text}");
    }
}

#[test]
fn with_roots_each_token_is_checked_against_the_document_it_lies_beside() {
    let dir = tempfile::tempdir().unwrap();
    folder(dir.path());
    let v = audit(dir.path(), true);
    assert_eq!(v["files"]["timestamps"], 4);
    // The after-round token is trusted (and fails published-before); the others are not.
    assert_eq!(v["files"]["timestamps_trusted"], 1, "{v}");
    let p = problems(&v);
    let want = [
        ("time-stamp-without-document", "nothing.json.test.tsr", ""),
        ("time-stamp-failed", "commitment.json.test.org.tsr", "published-before"),
        ("time-stamp-failed", "transcript.json.test.tsr", "imprint"),
        ("not-potdraw", "notes.tsr", ""),
    ];
    let want: Vec<(String, String, String)> =
        want.iter().map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string())).collect();
    assert_eq!(p, want, "{v}");
    let out = potdraw(dir.path())
        .args(["--lang", "nl", "audit", ".", "--tsa-roots"])
        .arg(token("test-root.pem"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Tijdstempels: 4, gecontroleerd met uw rootcertificaten (--tsa-roots); 1 daarvan"), "{text}");
    assert!(text.contains("een tijdstempel die niet klopt voor het document waar hij naast staat (imprint)"), "{text}");
}
