//! Interoperability with the real tool (SPEC §16): Debian's
//! `/usr/bin/minisign` verifies a signature made by `potdraw sign` and by
//! fixgen, and potdraw verifies a signature made by `minisign -S` with a key
//! made by `minisign -G -W`.
//!
//! Under CI (`POTDRAW_CI` set, `.ci/run` installs the package) these tests
//! must run: a missing minisign fails them. Elsewhere they skip with a note.

mod common;

use common::*;
use std::path::Path;
use std::process::Command;

const MINISIGN: &str = "/usr/bin/minisign";

fn have_minisign() -> bool {
    if Path::new(MINISIGN).exists() {
        return true;
    }
    assert!(
        std::env::var_os("POTDRAW_CI").is_none(),
        "{MINISIGN} is missing, and POTDRAW_CI is set: install it (apt-get install minisign)"
    );
    eprintln!(
        "note: {MINISIGN} is missing; the minisign interoperability tests are skipped (apt-get install minisign)"
    );
    false
}

fn minisign(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(MINISIGN).current_dir(dir).args(args).output().unwrap()
}

#[test]
fn debian_minisign_verifies_potdraw_signatures() {
    if !have_minisign() {
        return;
    }
    let p = Pot::drawn();
    succeeds(p.cmd().args(["key", "generate", "--out", "org"]));
    succeeds(p.cmd().args(["sign", "transcript.json", "--key", "org/private/potdraw.key"]));
    let out = minisign(p.dir.path(), &["-Vm", "transcript.json", "-p", "org/public/potdraw.pub"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Trusted comment: potdraw file:transcript.json format:potdraw/transcript/v3"));
    // A changed byte is caught by minisign too.
    let mut bytes = std::fs::read(&p.transcript).unwrap();
    bytes.push(b'\n');
    std::fs::write(&p.transcript, bytes).unwrap();
    let out = minisign(p.dir.path(), &["-Vm", "transcript.json", "-p", "org/public/potdraw.pub"]);
    assert!(!out.status.success());

    // The fixtures' deterministic signatures (fixgen) are minisign's format as well.
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/audit");
    let out = minisign(&fixtures, &["-Vm", "healthy/2027-04/transcript.json", "-p", "test-key/potdraw.pub"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn potdraw_verifies_a_signature_made_by_minisign() {
    if !have_minisign() {
        return;
    }
    let p = Pot::drawn();
    let d = p.dir.path();
    let out = minisign(d, &["-G", "-W", "-p", "mini.pub", "-s", "mini.key"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = minisign(d, &["-S", "-s", "mini.key", "-m", "transcript.json", "-t", "signed by minisign itself"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = succeeds(p.cmd().args(["verify", "transcript.json", "--key", "mini.pub"]));
    assert!(text.contains("signed by minisign itself"), "{text}");
    // The public key's line alone works as --key too, and audit agrees.
    let line = std::fs::read_to_string(d.join("mini.pub")).unwrap().lines().nth(1).unwrap().to_string();
    succeeds(p.cmd().args(["verify", "transcript.json", "--key", &line]));
    std::fs::create_dir(d.join("site")).unwrap();
    for f in ["transcript.json", "transcript.json.minisig"] {
        std::fs::copy(d.join(f), d.join("site").join(f)).unwrap();
    }
    let out = p.cmd().args(["audit", "site", "--key", "mini.pub", "--json"]).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // Signed, but the commitment is not published in site/.
    assert_eq!(json["problems"][0]["problem"], "commitment-missing", "{json}");
    assert_eq!(json["problems"].as_array().unwrap().len(), 1, "{json}");
    // And a minisign key can sign through potdraw (unencrypted, -W).
    succeeds(p.cmd().args(["sign", "pot/public/commitment.json", "--key", "mini.key"]));
    let out = minisign(d, &["-Vm", "pot/public/commitment.json", "-p", "mini.pub"]);
    assert!(out.status.success(), "{}", stderr(&out));
}
