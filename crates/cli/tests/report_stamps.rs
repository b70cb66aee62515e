//! `potdraw report` with time stamps (issue 30, SPEC §18): tokens beside the
//! transcript are shown with the published-before line; a trusted token
//! after the draw's entropy gets no page at all, as `verify` fails it. The
//! tokens are the committed ones of crates/timestamp/tests/data/bad/, over
//! the commitment of fixtures/v2.

mod common;

use common::potdraw;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// fixtures/v2's valid transcript in `dir`, with `token` beside it.
fn published(dir: &Path, token: &str) -> PathBuf {
    let vector = std::fs::read_to_string(root().join("fixtures/v2/transcripts/valid.txt")).unwrap();
    let transcript = dir.join("transcript.json");
    std::fs::write(&transcript, vector.split_once("\n\n").unwrap().1).unwrap();
    let tsa = root().join("crates/timestamp/tests/data/bad");
    std::fs::copy(tsa.join(token), dir.join("transcript.json.tsa.tsr")).unwrap();
    transcript
}

fn roots() -> PathBuf {
    root().join("crates/timestamp/tests/data/bad/test-root.pem")
}

#[test]
fn the_page_names_each_token_and_says_what_the_time_stamps_prove() {
    for (lang, line, token) in [
        ("en", "published-before: no trusted time stamp", "not counted as proof"),
        ("nl", "vastgelegd vóór de loting: er is geen vertrouwde tijdstempel", "dit telt niet als bewijs"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let transcript = published(dir.path(), "untrusted-root.tsr");
        let out = dir.path().join("report.html");
        potdraw(dir.path())
            .args(["--lang", lang, "report"])
            .arg(&transcript)
            .arg("--tsa-roots")
            .arg(roots())
            .arg("--out")
            .arg(&out)
            .assert()
            .success();
        let html = std::fs::read_to_string(&out).unwrap();
        let at = html.find("<div id=\"timestamps\">").expect("the time stamps' block");
        let commitment = html.find("<section id=\"commitment\">").unwrap();
        assert!(at > commitment && at < commitment + html[commitment..].find("</section>").unwrap());
        assert!(html.contains(line), "{lang}: {html}");
        assert!(html.contains("transcript.json.tsa.tsr") && html.contains(token), "{lang}");
        // The page names the token by its file name, not by the folder it lay in.
        assert!(!html.contains(&dir.path().display().to_string()), "{lang}");
    }
}

#[test]
fn without_tokens_and_roots_the_page_is_as_before() {
    let dir = tempfile::tempdir().unwrap();
    let transcript = published(dir.path(), "untrusted-root.tsr");
    std::fs::remove_file(dir.path().join("transcript.json.tsa.tsr")).unwrap();
    let out = dir.path().join("report.html");
    potdraw(dir.path()).arg("report").arg(&transcript).arg("--out").arg(&out).assert().success();
    assert!(!std::fs::read_to_string(&out).unwrap().contains("id=\"timestamps\""));
}

#[test]
fn a_trusted_token_after_the_round_gets_no_page() {
    let dir = tempfile::tempdir().unwrap();
    let transcript = published(dir.path(), "after-round.tsr");
    let out = dir.path().join("report.html");
    let run = potdraw(dir.path())
        .args(["--lang", "nl", "report"])
        .arg(&transcript)
        .arg("--tsa-roots")
        .arg(roots())
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("vastgelegd vóór de loting: MISLUKT"), "{stderr}");
    assert!(stderr.contains("dus er is geen verslag gemaakt"), "{stderr}");
    assert!(!out.exists());
}

/// `publish --tsa-roots` (issues 29 and 30): the draw's page says what the
/// time stamps prove, as the report does, and the tokens are published
/// beside their document; a trusted token after the round publishes nothing.
#[test]
fn the_published_page_says_what_the_time_stamps_prove() {
    let dir = tempfile::tempdir().unwrap();
    let public = dir.path().join("avond/public");
    std::fs::create_dir_all(&public).unwrap();
    published(&public, "untrusted-root.tsr");
    let site = dir.path().join("website");
    potdraw(dir.path())
        .args(["--lang", "nl", "publish"])
        .arg(dir.path().join("avond"))
        .arg("--out")
        .arg(&site)
        .arg("--tsa-roots")
        .arg(roots())
        .assert()
        .success();
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(index.contains("id=\"timestamps\""), "the page has the time stamps' paragraph");
    assert!(index.contains("vastgelegd vóór de loting: er is geen vertrouwde tijdstempel"), "{index}");
    let tokens: Vec<_> = std::fs::read_dir(&site)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".tsr"))
        .collect();
    assert_eq!(tokens.len(), 1, "the token is published: {tokens:?}");

    let after = tempfile::tempdir().unwrap();
    let public = after.path().join("avond/public");
    std::fs::create_dir_all(&public).unwrap();
    published(&public, "after-round.tsr");
    let site = after.path().join("website");
    let run = potdraw(after.path())
        .args(["--lang", "nl", "publish"])
        .arg(after.path().join("avond"))
        .arg("--out")
        .arg(&site)
        .arg("--tsa-roots")
        .arg(roots())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("vastgelegd vóór de loting: MISLUKT"), "{stderr}");
    assert!(!site.exists(), "nothing is published");
}
