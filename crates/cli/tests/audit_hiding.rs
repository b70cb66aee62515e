//! `potdraw audit` must not let a second transcript of one commitment (a
//! re-draw) hide behind a file name, a layout or a byte the classifier
//! misreads (issue 20, the attacker's findings 1, 2, 3, 5, 7 and 8). Each
//! test copies fixtures/audit/healthy, adds the January re-draw of
//! fixtures/audit/re-draw under a disguise, and expects `re-draw`.

mod common;

use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/audit")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// The healthy history in a fresh folder.
fn healthy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join("healthy"), dir.path());
    dir
}

fn redraw() -> Vec<u8> {
    std::fs::read(fixtures().join("re-draw/2027-01/transcript-2.json")).unwrap()
}

fn audit_json(dir: &Path) -> (i32, Value) {
    let out = potdraw(dir).arg("audit").arg(dir).arg("--json").output().unwrap();
    let json = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out.status.code().unwrap(), json)
}

/// The files of the `re-draw` problem, or a failure that shows the audit.
fn redraw_files(dir: &Path) -> Vec<String> {
    let (code, json) = audit_json(dir);
    assert_eq!(code, 1, "{json}");
    let p = json["problems"].as_array().unwrap().iter().find(|p| p["problem"] == "re-draw");
    let p = p.unwrap_or_else(|| panic!("no re-draw in {json}"));
    p["files"].as_array().unwrap().iter().map(|f| f.as_str().unwrap().to_string()).collect()
}

/// `v` with the members of every object in sorted (JCS, SPEC §7.1) order.
fn sorted(v: Value) -> Value {
    match v {
        Value::Object(m) => {
            let mut pairs: Vec<(String, Value)> = m.into_iter().collect();
            pairs.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(pairs.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        Value::Array(a) => Value::Array(a.into_iter().map(sorted).collect()),
        other => other,
    }
}

#[test]
fn a_transcript_named_readme_is_read_by_its_content() {
    let dir = healthy();
    std::fs::write(dir.path().join("2027-01/README-redraw.json"), redraw()).unwrap();
    assert_eq!(redraw_files(dir.path()), ["2027-01/README-redraw.json", "2027-01/transcript.json"]);
}

#[test]
fn a_transcript_named_like_a_signature_is_read_by_its_content() {
    let dir = healthy();
    std::fs::write(dir.path().join("2027-01/transcript.json.minisig.minisig"), redraw()).unwrap();
    assert_eq!(redraw_files(dir.path()), ["2027-01/transcript.json", "2027-01/transcript.json.minisig.minisig"]);
}

#[test]
fn a_name_that_is_not_utf8_is_read_by_its_own_bytes() {
    use std::os::unix::ffi::OsStrExt;
    let dir = healthy();
    let raw = std::ffi::OsStr::from_bytes(b"t\xff.json");
    std::fs::write(dir.path().join("2027-01").join(raw), redraw()).unwrap();
    // The name a lossy conversion would make: a copy of the real transcript.
    std::fs::copy(dir.path().join("2027-01/transcript.json"), dir.path().join("2027-01/t\u{FFFD}.json")).unwrap();
    assert_eq!(redraw_files(dir.path()), ["2027-01/t\\xff.json", "2027-01/transcript.json"]);
}

#[test]
fn padding_escapes_and_member_order_do_not_hide_a_transcript() {
    let text = String::from_utf8(redraw()).unwrap();
    let value: Value = serde_json::from_str(&text).unwrap();
    let padded = format!("{}{text}", " ".repeat(5000));
    let escaped = text.replace("\"format\"", "\"form\\u0061t\"");
    let jcs = serde_json::to_string(&sorted(value)).unwrap();
    assert!(jcs.starts_with("{\"commitment\""), "the commitment comes first in JCS order");
    for (what, bytes) in [("padded", padded), ("escaped", escaped), ("jcs", jcs)] {
        let dir = healthy();
        std::fs::write(dir.path().join("2027-01/b.json"), bytes).unwrap();
        assert_eq!(redraw_files(dir.path()), ["2027-01/b.json", "2027-01/transcript.json"], "{what}");
    }
}

#[test]
fn sign_refuses_a_failing_transcript_in_jcs_order() {
    let p = Pot::drawn();
    succeeds(p.cmd().args(["key", "generate", "--out", "org"]));
    let mut t = p.transcript_json();
    t["seed"] = Value::String(flip_hex(t["seed"].as_str().unwrap(), 0));
    let forged = p.path("forged.json");
    std::fs::write(&forged, serde_json::to_string(&sorted(t)).unwrap()).unwrap();
    fails(p.cmd().arg("sign").arg(&forged).arg("--key").arg("org/private/potdraw.key"), 1, &["seed-commitment"]);
    assert!(!p.path("forged.json.minisig").exists());
}

#[test]
fn a_large_file_that_is_not_potdraw_is_named_not_read() {
    let dir = healthy();
    let big = std::fs::File::create(dir.path().join("big.bin")).unwrap();
    // Sparse: 5 GiB of zeros costs no disk, and would cost 5 GiB of memory if read.
    big.set_len(5 << 30).unwrap();
    let (code, json) = audit_json(dir.path());
    assert_eq!(code, 1, "{json}");
    assert_eq!(json["problems"][0]["problem"], "not-potdraw", "{json}");
    assert_eq!(json["problems"][0]["files"][0], "big.bin", "{json}");
}

#[test]
fn an_argument_that_is_not_utf8_never_panics() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = healthy();
    // A folder whose name is not UTF-8 is audited as it is.
    let odd = dir.path().join(OsStr::from_bytes(b"au\xffd"));
    copy_dir(&fixtures().join("healthy"), &odd);
    let out = potdraw(dir.path()).arg("audit").arg(&odd).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // A text argument that is not UTF-8 is a usage error, exit 2, not a panic (101).
    let out = potdraw(dir.path()).args(["commit", "--title"]).arg(OsStr::from_bytes(b"\xff")).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("code: usage]"), "{}", stderr(&out));
    // A --key that is not UTF-8 is read as a path, and named when it is not a key.
    let out =
        potdraw(dir.path()).arg("audit").arg(&odd).arg("--key").arg(OsStr::from_bytes(b"k\xff")).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("key-public-unreadable"), "{}", stderr(&out));
}

fn record(events: &[(u64, &str, u64, &str, u64)]) -> String {
    let digest = "f0378f366911cea42daf15327fe986c6424dcfeec66b65fba918bf157762fffa";
    let events: Vec<Value> = events
        .iter()
        .map(|(seq, date, place, reason, by)| {
            serde_json::json!({"seq": seq, "date": date, "place": place, "reason": reason, "taken_by": by})
        })
        .collect();
    serde_json::to_string_pretty(&serde_json::json!({
        "format": "potdraw/amendments/v1", "transcript": digest, "events": events
    }))
    .unwrap()
}

#[test]
fn two_versions_of_a_record_must_be_prefixes_of_the_longest() {
    let first = (1, "2027-01-20", 3, "declined", 1);
    let second = (2, "2027-01-22", 1, "not-eligible", 2);
    let other = (1, "2027-01-21", 1, "not-eligible", 1);
    // A record and its continuation: one history, no problem.
    let dir = healthy();
    std::fs::write(dir.path().join("2027-01/amendments.json"), record(&[first])).unwrap();
    std::fs::write(dir.path().join("2027-01/amendments-v2.json"), record(&[first, second])).unwrap();
    let (code, json) = audit_json(dir.path());
    assert_eq!((code, &json["problems"]), (0, &serde_json::json!([])), "{json}");
    // Each verifies on its own, but the first event was rewritten.
    std::fs::write(dir.path().join("2027-01/amendments-v2.json"), record(&[other, second])).unwrap();
    let (code, json) = audit_json(dir.path());
    assert_eq!(code, 1, "{json}");
    assert_eq!(json["problems"][0]["problem"], "amendments-rewritten", "{json}");
    assert_eq!(
        json["problems"][0]["files"],
        serde_json::json!(["2027-01/amendments-v2.json", "2027-01/amendments.json"])
    );
    assert_eq!(json["problems"].as_array().unwrap().len(), 1, "{json}");
    for lang in ["en", "nl"] {
        let out = potdraw(dir.path()).arg("audit").arg(dir.path()).args(["--lang", lang]).output().unwrap();
        assert!(stdout(&out).contains("[amendments-rewritten] "), "{lang}: {}", stdout(&out));
    }
}

#[test]
fn an_unreadable_sub_folder_is_a_problem_and_the_audit_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    let dir = healthy();
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::write(locked.join("t.json"), redraw()).unwrap();
    std::fs::write(dir.path().join("2027-01/README-redraw.json"), redraw()).unwrap();
    for (path, mode) in [(dir.path(), 0o755), (locked.as_path(), 0o000)] {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    }
    // root reads every folder: run the audit as `nobody` then (runuser).
    let mut cmd = if running_as_root() {
        let mut c = std::process::Command::new("runuser");
        c.args(["-u", "nobody", "--", env!("CARGO_BIN_EXE_potdraw")]);
        c
    } else {
        std::process::Command::new(env!("CARGO_BIN_EXE_potdraw"))
    };
    let out = cmd.arg("audit").arg(dir.path()).arg("--json").env("LC_ALL", "C").output().unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<&str> =
        json["problems"].as_array().unwrap().iter().map(|p| p["problem"].as_str().unwrap()).collect();
    assert_eq!(names, ["re-draw", "unusable"], "{json}");
    assert_eq!(json["problems"][1]["files"][0], "locked");
    assert_eq!(json["problems"][1]["detail"], "folder-unreadable");
}

/// Whether the tests run as root (uid 0), read from /proc without unsafe code.
fn running_as_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .map(|s| s.lines().any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("0")))
        .unwrap_or(false)
}

#[test]
fn a_secret_key_is_known_by_its_content_and_ignored_files_are_listed() {
    let dir = healthy();
    succeeds(potdraw(dir.path()).args(["key", "generate", "--out"]).arg(dir.path().join("org")));
    let key = std::fs::read_to_string(dir.path().join("org/private/potdraw.key")).unwrap();
    let line = key.lines().nth(1).unwrap();
    std::fs::remove_dir_all(dir.path().join("org")).unwrap();
    // The comment is the organiser's to edit: it says nothing about the content.
    std::fs::write(dir.path().join("notes.txt"), format!("untrusted comment: notes\n{line}\n")).unwrap();
    let (code, json) = audit_json(dir.path());
    assert_eq!(code, 1, "{json}");
    assert_eq!(json["problems"][0]["problem"], "private-file", "{json}");
    assert_eq!(json["problems"][0]["files"][0], "notes.txt", "{json}");
    assert_eq!(json["ignored"], serde_json::json!(["README.txt", "potdraw.pub"]), "{json}");
    // In the table each name is quoted, so a name holding ", " is one name.
    let out = potdraw(dir.path()).arg("audit").arg(dir.path()).args(["--lang", "en"]).output().unwrap();
    assert!(stdout(&out).contains("\"notes.txt\""), "{}", stdout(&out));
}

#[test]
fn verify_key_never_reads_a_signature_that_is_a_fifo_or_a_link() {
    let dir = healthy();
    let t = dir.path().join("2027-01/transcript.json");
    let sig = dir.path().join("2027-01/transcript.json.minisig");
    let key = fixtures().join("test-key/potdraw.pub");
    // A link to the real signature, outside the folder: not followed.
    std::fs::rename(&sig, dir.path().join("real.minisig")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("real.minisig"), &sig).unwrap();
    let out = potdraw(dir.path()).arg("verify").arg(&t).arg("--key").arg(&key).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    // A FIFO with no writer: opening it must not block.
    std::fs::remove_file(&sig).unwrap();
    rustix::fs::mknodat(rustix::fs::CWD, &sig, rustix::fs::FileType::Fifo, 0o600.into(), 0).unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_potdraw"))
        .arg("verify")
        .arg(&t)
        .arg("--key")
        .arg(&key)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!("verify --key hung on a FIFO signature");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(1));
}

#[test]
fn a_signature_is_read_as_strictly_as_minisign_reads_it() {
    let key = fixtures().join("test-key/potdraw.pub");
    let good = std::fs::read_to_string(fixtures().join("healthy/2027-01/transcript.json.minisig")).unwrap();
    let without_comment: String = good.lines().skip(1).map(|l| format!("{l}\n")).collect();
    for (what, text) in [("bom", format!("\u{feff}{good}")), ("no untrusted comment", without_comment)] {
        let dir = healthy();
        std::fs::write(dir.path().join("2027-01/transcript.json.minisig"), text).unwrap();
        let out =
            potdraw(dir.path()).arg("audit").arg(dir.path()).arg("--key").arg(&key).arg("--json").output().unwrap();
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(out.status.code(), Some(1), "{what}: {json}");
        assert_eq!(json["problems"][0]["problem"], "signature-bad", "{what}: {json}");
        assert_eq!(json["problems"][0]["detail"], "signature-unreadable", "{what}: {json}");
    }
}
