//! Issue 26 through the real binary: a document that `verify` accepts is
//! never ignored or called "not potdraw" by `audit`, whatever its bytes
//! look like (a byte order mark, `\uXXXX` escapes, whitespace) and whatever
//! its name; and the commands that take one list name a document with
//! several lists as such. The classification itself is tested over 1,000
//! random disguises in `src/cmd/audit_tests.rs`; these are the cases a user
//! meets, with the binary.

mod common;

use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

/// The January draw of fixtures/audit/re-draw without its second transcript.
fn january() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = fixtures().join("audit/re-draw/2027-01");
    std::fs::create_dir(dir.path().join("2027-01")).unwrap();
    for name in ["commitment.json", "transcript.json"] {
        std::fs::copy(from.join(name), dir.path().join("2027-01").join(name)).unwrap();
    }
    dir
}

fn second_transcript() -> String {
    std::fs::read_to_string(fixtures().join("audit/re-draw/2027-01/transcript-2.json")).unwrap()
}

/// The reviewer's disguise: `format` and `"potdraw/` written with escapes.
fn escaped(text: &str) -> String {
    text.replace("\"format\"", "\"form\\u0061t\"").replace("\"potdraw/", "\"\\u0070otdraw/")
}

fn audit(dir: &Path) -> (i32, Value) {
    let out = potdraw(dir).arg("audit").arg(dir).arg("--json").output().unwrap();
    (out.status.code().unwrap(), serde_json::from_slice(&out.stdout).unwrap_or(Value::Null))
}

fn problem_names(json: &Value) -> Vec<String> {
    json["problems"].as_array().unwrap().iter().map(|p| p["problem"].as_str().unwrap().to_string()).collect()
}

#[test]
fn a_second_transcript_verify_accepts_is_a_re_draw_under_any_disguise_and_name() {
    let t = second_transcript();
    let bom = |s: &str| [&b"\xef\xbb\xbf"[..], s.as_bytes()].concat();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("README-evening.json", bom(&escaped(&t))),
        ("README", bom(&t)),
        ("notes.txt", bom(&format!(" \r\n\t{}", escaped(&t)))),
        (".hidden", escaped(&t).into_bytes()),
        ("transcript.json.minisig", bom(&escaped(&t))),
        // `format` after 8 KiB of whitespace: past the audit's first look.
        ("readme.md", bom(&format!("{}{}", " ".repeat(8192), escaped(&t)))),
    ];
    for (name, bytes) in cases {
        let dir = january();
        let file = dir.path().join("2027-01").join(name);
        std::fs::write(&file, &bytes).unwrap();
        // verify accepts the file: it is a potdraw document to every reader.
        let out = potdraw(dir.path()).arg("verify").arg(&file).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        let (code, json) = audit(dir.path());
        assert_eq!((code, problem_names(&json)), (1, vec!["re-draw".to_string()]), "{name}: {json}");
        assert_eq!(json["ignored"], serde_json::json!([]), "{name}: {json}");
    }
}

#[test]
fn a_bom_alone_does_not_make_a_document_unusable() {
    let dir = january();
    let file = dir.path().join("2027-01/transcript.json");
    let text = std::fs::read(&file).unwrap();
    std::fs::write(&file, [&b"\xef\xbb\xbf"[..], &text].concat()).unwrap();
    let (code, json) = audit(dir.path());
    assert_eq!((code, &json["problems"]), (0, &serde_json::json!([])), "{json}");
    assert_eq!(json["draws"][0]["status"], "drawn", "{json}");
}

#[test]
fn a_symbolic_link_to_a_transcript_is_named_not_followed_nor_ignored() {
    let dir = january();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("t.json"), second_transcript()).unwrap();
    std::os::unix::fs::symlink(outside.path().join("t.json"), dir.path().join("2027-01/README-evening.json")).unwrap();
    let (code, json) = audit(dir.path());
    assert_eq!(code, 1, "{json}");
    assert!(problem_names(&json).contains(&"not-potdraw".to_string()), "{json}");
    assert_eq!(json["ignored"], serde_json::json!([]), "{json}");
}

#[test]
fn amend_refuses_a_disguised_v4_transcript_as_a_draw_with_several_lists() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixtures().join("v4/two-lists/transcript.json")).unwrap();
    let file = dir.path().join("t.json");
    std::fs::write(&file, [&b"\xef\xbb\xbf"[..], escaped(&text).as_bytes()].concat()).unwrap();
    for lang in ["en", "nl"] {
        let mut cmd = potdraw(dir.path());
        cmd.args(["--lang", lang, "amend"]).arg(&file).args([
            "--record",
            "r.json",
            "--place",
            "1",
            "--holder",
            "0000-0000",
        ]);
        // SPEC §15.8: a draw with several lists, so the event must name its list.
        let msg = fails(cmd.args(["--reason", "declined", "--date", "2027-01-20"]), 2, &["amend-list-required"]);
        assert!(!msg.contains("lists\"") && !dir.path().join("r.json").exists(), "{lang}: {msg}");
    }
}

#[test]
fn commit_previous_links_to_a_commitment_with_several_lists() {
    let dir = tempfile::tempdir().unwrap();
    let previous = fixtures().join("v4/two-lists/commitment.json");
    let mut cmd = potdraw(dir.path());
    cmd.arg("commit").arg("--candidates").arg(fixtures().join("example/candidates.csv"));
    cmd.args(["--pot", "65000", "--entropy", "dice:room:10", "--out", "out", "--previous"]).arg(&previous);
    succeeds(&mut cmd);
    let c = read_json(&dir.path().join("out/public/commitment.json"));
    assert_eq!(c["previous"], read_json(&previous)["digest"]);
    assert_eq!(c["format"], "potdraw/commitment/v3");
}

/// What no reader accepts but a Windows editor may write: UTF-16 with its
/// byte order mark, two UTF-8 byte order marks, and a document broken before
/// its escaped `format`. Each under a README name is unusable, with the
/// class `verify` gives it, never ignored; a plain README in UTF-16 still is.
#[test]
fn a_document_no_reader_accepts_is_unusable_not_ignored_whatever_its_name() {
    let t = second_transcript();
    let utf16 = |be: bool| {
        let mut out = if be { vec![0xfe, 0xff] } else { vec![0xff, 0xfe] };
        for u in t.encode_utf16() {
            out.extend(if be { u.to_be_bytes() } else { u.to_le_bytes() });
        }
        out
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("README-utf16.json", utf16(false), "json-syntax"),
        ("README-utf16be.json", utf16(true), "json-syntax"),
        ("README-2bom.json", [&b"\xef\xbb\xbf\xef\xbb\xbf"[..], t.as_bytes()].concat(), "json-syntax"),
        ("README-broken.json", format!("{{\"a\":1,,{}", &escaped(&t)[1..]).into_bytes(), "audit-format-unknown"),
    ];
    for (name, bytes, class) in cases {
        let dir = january();
        let file = dir.path().join("2027-01").join(name);
        std::fs::write(&file, &bytes).unwrap();
        if class != "audit-format-unknown" {
            fails(potdraw(dir.path()).arg("verify").arg(&file), 2, &[&format!("code: {class}]")]);
        }
        let (code, json) = audit(dir.path());
        assert_eq!(code, 1, "{name}: {json}");
        assert_eq!(json["problems"][0]["problem"], "unusable", "{name}: {json}");
        assert_eq!(json["problems"][0]["files"][0], format!("2027-01/{name}"), "{name}: {json}");
        assert_eq!(json["problems"][0]["detail"], class, "{name}: {json}");
        assert_eq!(json["ignored"], serde_json::json!([]), "{name}: {json}");
    }
    let dir = january();
    let note: Vec<u8> = [0xff, 0xfe].into_iter().chain("Lees mij".encode_utf16().flat_map(u16::to_le_bytes)).collect();
    std::fs::write(dir.path().join("README.txt"), note).unwrap();
    let (code, json) = audit(dir.path());
    assert_eq!((code, &json["ignored"]), (0, &serde_json::json!(["README.txt"])), "{json}");
}
