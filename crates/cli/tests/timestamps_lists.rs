//! Time stamps on a draw with several lists (issue 30, SPEC §17, §18):
//! `verify` and `report` go through one operation for every version, so a
//! token beside a v4 transcript is found, checked and reported as for one
//! list. The token is made at test time by a local OpenSSL TSA.

#[path = "../../timestamp/tests/common/tsa.rs"]
mod tsa;

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn potdraw(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("potdraw").unwrap();
    cmd.current_dir(dir).env_remove("LC_ALL").env_remove("LC_MESSAGES").env_remove("LANG");
    cmd
}

#[test]
fn a_token_beside_a_transcript_with_several_lists_is_verified_and_reported() {
    if !Path::new("/usr/bin/openssl").exists() {
        assert!(std::env::var_os("POTDRAW_CI").is_none(), "openssl is missing, and CI needs it");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let fixture = root().join("fixtures/v4/two-lists");
    for f in ["commitment.json", "transcript.json"] {
        std::fs::copy(fixture.join(f), dir.path().join(f)).unwrap();
    }
    let doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(fixture.join("commitment.json")).unwrap()).unwrap();
    let digest: [u8; 32] = hex::decode(doc["digest"].as_str().unwrap()).unwrap().try_into().unwrap();
    let authority = tsa::make(&dir.path().join("tsa"), "lists", &tsa::Options::default());
    let request = potdraw_timestamp::request(&digest, *b"v4 draw!").unwrap();
    std::fs::write(dir.path().join("commitment.json.lists.tsr"), authority.reply(&request.der)).unwrap();

    let out = potdraw(dir.path())
        .args(["verify", "transcript.json", "--commitment", "commitment.json", "--json", "--tsa-roots"])
        .arg(&authority.root)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["timestamps"][0]["status"], "trusted", "{v}");
    // Dice and published numbers: no date in the plan, each named.
    assert_eq!(v["published_before"]["status"], "not-decidable");
    assert_eq!(v["published_before"]["undecided"][1]["why"], "no-date");

    let page = dir.path().join("report.html");
    potdraw(dir.path())
        .args(["--lang", "nl", "report", "transcript.json", "--commitment", "commitment.json", "--tsa-roots"])
        .arg(&authority.root)
        .arg("--out")
        .arg(&page)
        .assert()
        .success();
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("<div id=\"timestamps\">"), "the report of a draw with lists shows its time stamps");
    assert!(html.contains("vastgelegd vóór de loting: dit valt niet uit de bestanden op te maken"));
    assert!(html.contains("commitment.json.lists.tsr") && html.contains("een root die u koos"));
}
