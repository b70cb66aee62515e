//! `potdraw version`: a notary or auditor ties a draw to the exact program
//! (docs/RELEASE.md). It must name every document format identifier that
//! crates/core/src/wire.rs defines, the commit git says this tree is at, and
//! the sha256 of docs/SPEC.md as it is on disk; the printed report must name
//! the version and the commit that verified it.

mod common;

use common::potdraw;
use potdraw_cli::i18n::Lang;
use potdraw_cli::report::esc;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::path::PathBuf;

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every `pub const NAME: &str = "potdraw/…";` in wire.rs, read from the
/// source so that a new identifier there cannot be forgotten here.
fn wire_formats() -> Vec<String> {
    // The documents' identifiers (wire.rs; lists.rs for several lists, issue
    // 27: `version` did not name the v4 formats `commit` writes) and the
    // substitution record's (amend.rs).
    let read = |f: &str| std::fs::read_to_string(workspace().join(f)).unwrap();
    let source =
        read("crates/core/src/wire.rs") + &read("crates/core/src/lists.rs") + &read("crates/core/src/amend.rs");
    let formats: Vec<String> = source
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub const ")?.split_once(": &str = \"")?.1.strip_suffix("\";"))
        // (`potdraw/v1/…` are hash tags, SPEC §3.2, not document formats.)
        .filter(|v| v.starts_with("potdraw/") && !v.starts_with("potdraw/v1/"))
        .map(str::to_owned)
        .collect();
    assert!(formats.len() >= 15, "the scan of wire.rs found only {formats:?}");
    formats
}

fn stdout(cmd: &mut assert_cmd::Command) -> String {
    String::from_utf8(cmd.assert().success().get_output().stdout.clone()).unwrap()
}

/// `git rev-parse HEAD` of this tree, if git can say (None from a tarball).
fn git_head() -> Option<String> {
    let out = std::process::Command::new("git").arg("-C").arg(workspace()).args(["rev-parse", "HEAD"]).output().ok()?;
    out.status.success().then(|| String::from_utf8(out.stdout).unwrap().trim().to_string())
}

#[test]
fn version_names_every_format_of_wire_rs_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    for code in ["en", "nl"] {
        let text = stdout(potdraw(dir.path()).args(["--lang", code, "version"]));
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        assert_eq!(lines[0], format!("potdraw {}", env!("CARGO_PKG_VERSION")), "{code}");
        for f in wire_formats() {
            assert!(lines.contains(&f.as_str()), "{code}: {f} is not a line of\n{text}");
        }
        let lang = Lang::from_code(code).unwrap();
        assert!(text.contains(&lang.t("version.formats", &[])), "{code}: heading of the formats");
    }
}

#[test]
fn version_json_names_the_commit_the_spec_and_the_formats() {
    let dir = tempfile::tempdir().unwrap();
    let v: Value = serde_json::from_str(&stdout(potdraw(dir.path()).args(["version", "--json"]))).unwrap();
    assert_eq!(v["version"], env!("CARGO_PKG_VERSION"));
    let formats: Vec<&str> = v["formats"].as_array().unwrap().iter().map(|f| f.as_str().unwrap()).collect();
    let mut want = wire_formats();
    let mut have: Vec<String> = formats.iter().map(|f| f.to_string()).collect();
    want.sort();
    have.sort();
    assert_eq!(have, want, "exactly the identifiers of wire.rs and amend.rs");
    // The commit git reports for this tree (build.rs reruns when HEAD moves).
    match git_head() {
        Some(head) => assert_eq!(v["commit"], head.as_str()),
        None => assert!(v["commit"].is_null()),
    }
    let spec = std::fs::read(workspace().join("docs/SPEC.md")).unwrap();
    assert_eq!(v["spec"]["sha256"], hex::encode(Sha256::digest(&spec)).as_str());
    assert!(v["rustc"].as_str().unwrap().starts_with("rustc "), "{}", v["rustc"]);
    // The text form says the same commit and SPEC hash.
    let text = stdout(potdraw(dir.path()).args(["--lang", "en", "version"]));
    assert!(text.contains(v["spec"]["sha256"].as_str().unwrap()), "{text}");
    if let Some(head) = git_head() {
        assert!(text.contains(&format!("commit: {head}")), "{text}");
        let short = stdout(potdraw(dir.path()).arg("--version"));
        assert_eq!(short.trim(), format!("potdraw {} ({})", env!("CARGO_PKG_VERSION"), &head[..12]));
    }
}

#[test]
fn the_report_names_the_version_and_commit_that_verified_it() {
    let dir = tempfile::tempdir().unwrap();
    let transcript = workspace().join("fixtures/example/transcript.json");
    for code in ["en", "nl"] {
        let out = dir.path().join(format!("report-{code}.html"));
        potdraw(dir.path()).args(["--lang", code, "report"]).arg(&transcript).arg("--out").arg(&out).assert().success();
        let html = std::fs::read_to_string(&out).unwrap();
        let lang = Lang::from_code(code).unwrap();
        let commit = git_head().unwrap_or_else(|| lang.t("version.unknown", &[]));
        let footer = lang.t("report.footer", &[("version", &env!("CARGO_PKG_VERSION")), ("commit", &commit)]);
        assert!(html.contains(&format!("<footer><p>{}</p></footer>", esc(&footer))), "{code}: footer");
        let generator = match git_head() {
            Some(head) => format!("<meta name=\"generator\" content=\"potdraw {} {head}\">", env!("CARGO_PKG_VERSION")),
            None => format!("<meta name=\"generator\" content=\"potdraw {}\">", env!("CARGO_PKG_VERSION")),
        };
        assert!(html.contains(&generator), "{code}: {generator}");
    }
}
