//! `potdraw publish` (issue 29): the draw's folder as `commit` made it
//! (fixtures/v4/two-lists: two lists, travel companions, with its seed and
//! receipts in private/), a substitution recorded with `amend`, every
//! document signed and a time-stamp token beside the commitment, becomes a
//! folder for a web host. Nothing of private/ reaches it, the audit passes
//! on it with the organiser's key, the page shows the drawn tickets by the
//! fingerprint the screen showed, a transcript that does not verify writes
//! nothing, and an existing folder is replaced only with --force.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn potdraw(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut c = Command::cargo_bin("potdraw").unwrap();
    c.env_remove("LC_ALL").env_remove("LC_MESSAGES").env_remove("LANG").current_dir(dir);
    c.args(args).output().unwrap()
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = potdraw(dir, args);
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.status.code(), Some(0), "potdraw {args:?}:\n{text}");
    text
}

/// The draw's folder: public/ with the documents, private/ with the seed and the receipts.
fn draw_folder(dir: &Path) {
    let v4 = root().join("fixtures/v4/two-lists");
    std::fs::create_dir_all(dir.join("loting/public")).unwrap();
    std::fs::create_dir_all(dir.join("loting/private")).unwrap();
    for f in ["commitment.json", "transcript.json"] {
        std::fs::copy(v4.join(f), dir.join("loting/public").join(f)).unwrap();
    }
    for f in ["seed", "receipts.jsonl"] {
        std::fs::copy(v4.join(f), dir.join("loting/private").join(f)).unwrap();
    }
}

fn leaves(list: usize) -> Vec<(String, String, u64)> {
    let t: Value =
        serde_json::from_slice(&std::fs::read(root().join("fixtures/v4/two-lists/transcript.json")).unwrap()).unwrap();
    t["lists"][list]["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["leaf"].as_str().unwrap().into(), r["role"].as_str().unwrap().into(), r["rank"].as_u64().unwrap()))
        .collect()
}

#[test]
fn the_site_holds_the_verified_draw_and_nothing_private() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    draw_folder(dir);
    ok(dir, &["key", "generate", "--out", "sleutel"]);
    // Place 2 of ontvangers declines; reserve 1 takes it.
    let place_2 = &leaves(0)[1].0;
    let fp = potdraw_cli::render::fingerprint(place_2);
    ok(
        dir,
        &[
            "amend",
            "loting/public/transcript.json",
            "--record",
            "loting/public/vervangingen.json",
            "--list",
            "ontvangers",
            "--place",
            "2",
            "--holder",
            &fp,
            "--reason",
            "declined",
            "--date",
            "2026-12-15",
        ],
    );
    for f in ["commitment.json", "transcript.json", "vervangingen.json"] {
        ok(dir, &["sign", &format!("loting/public/{f}"), "--key", "sleutel/private/potdraw.key"]);
    }
    // A real RFC 3161 response (over another file: the audit knows it as a token; `verify` checks it).
    let token = root().join("crates/timestamp/tests/data/sigstore-staging/response-sha256.tsr");
    std::fs::copy(token, dir.join("loting/public/commitment.json.tsa.tsr")).unwrap();
    // A file that is not the draw's document is not published.
    std::fs::write(dir.join("loting/public/notes.txt"), b"notes").unwrap();

    let said =
        ok(dir, &["--lang", "nl", "publish", "loting", "--out", "site", "--url", "https://buurtpot.example/loting/"]);
    assert!(said.contains("--page-url https://buurtpot.example/loting/verify.html"), "{said}");
    let mut names: Vec<String> = std::fs::read_dir(dir.join("site"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let want = [
        "README.txt",
        "amendments.json",
        "amendments.json.minisig",
        "commitment.json",
        "commitment.json.minisig",
        "commitment.json.tsa.tsr",
        "index.html",
        "report.html",
        "transcript.json",
        "transcript.json.minisig",
        "verify.html",
    ];
    assert_eq!(names, want);
    // Nothing hidden is left beside the site.
    let beside: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(beside.is_empty(), "{beside:?}");
    // The documents are the organiser's bytes.
    assert_eq!(
        std::fs::read(dir.join("site/amendments.json")).unwrap(),
        std::fs::read(dir.join("loting/public/vervangingen.json")).unwrap()
    );

    // Nothing of private/: not a code, salt, id or column of a receipt (the
    // seed is in the transcript once drawn; before, see the test below).
    let mut secrets = Vec::new();
    for line in std::fs::read_to_string(dir.join("loting/private/receipts.jsonl")).unwrap().lines() {
        let r: Value = serde_json::from_str(line).unwrap();
        for k in ["code", "salt", "id"] {
            secrets.push(r[k].as_str().unwrap().to_string());
        }
        for (_, v) in r["columns"].as_object().unwrap() {
            secrets.push(v.as_str().unwrap().to_string());
        }
    }
    let private_bytes: Vec<Vec<u8>> =
        ["seed", "receipts.jsonl"].iter().map(|f| std::fs::read(dir.join("loting/private").join(f)).unwrap()).collect();
    // verify.html is the page `potdraw web` writes (its own text names an
    // example id); every other file is the draw's.
    let web = dir.join("web.html");
    ok(dir, &["--lang", "nl", "web", "--out", "web.html"]);
    assert_eq!(std::fs::read(dir.join("site/verify.html")).unwrap(), std::fs::read(&web).unwrap());
    for name in names.iter().filter(|n| *n != "verify.html") {
        let bytes = std::fs::read(dir.join("site").join(name)).unwrap();
        assert!(!private_bytes.contains(&bytes), "{name} is a private file");
        let text = String::from_utf8_lossy(&bytes);
        for s in &secrets {
            assert!(!text.contains(s.as_str()), "{name} holds {s:?} from private/");
        }
    }

    // The audit passes on the site, every document signed with the organiser's key.
    let audit = ok(dir, &["audit", "site", "--key", "sleutel/public/potdraw.pub"]);
    assert!(audit.contains("AUDIT PASSED"), "{audit}");

    // The page: every drawn ticket by its fingerprint, a companion with the place they travel with.
    let index = std::fs::read_to_string(dir.join("site/index.html")).unwrap();
    assert!(index.contains("<meta name=\"potdraw-page\" content=\"index\">"));
    assert!(index.contains("<html lang=\"nl\"") && index.contains("<article lang=\"en\""), "both languages");
    for list in 0..2 {
        for (leaf, _, _) in leaves(list) {
            assert!(index.contains(&potdraw_cli::render::fingerprint(&leaf)), "{leaf}");
        }
    }
    assert!(index.contains("reist mee met plaats 1 van lijst ontvangers"));
    assert!(index.contains("travels with place 1 of list ontvangers"));
    assert!(!index.contains("reisgenoot 1 ontvangt"), "a companion never gets a grant");
    let t: Value = serde_json::from_slice(&std::fs::read(dir.join("site/transcript.json")).unwrap()).unwrap();
    let digest = t["commitment"]["digest"].as_str().unwrap();
    assert!(index.contains(digest), "the full commitment hash");
    assert!(index.contains(&potdraw_cli::render::fingerprint(digest)), "its fingerprint");
    for f in want.iter().filter(|f| **f != "index.html" && **f != "README.txt") {
        assert!(index.contains(&format!("href=\"{f}\"")), "a link to {f}");
    }
    assert!(index.contains("id=\"nl-amendments\""), "the substitutions");
    let readme = std::fs::read_to_string(dir.join("site/README.txt")).unwrap();
    assert_eq!(readme.trim_end().matches(". ").count(), 0, "one sentence: {readme}");
    assert!(readme.contains("https://buurtpot.example/loting/"), "{readme}");
    let verify = std::fs::read_to_string(dir.join("site/verify.html")).unwrap();
    assert!(verify.contains("<meta name=\"potdraw-lang\" content=\"nl\">"), "the page's language");

    // An existing site: refused without --force, untouched; replaced with it.
    let before = std::fs::read(dir.join("site/index.html")).unwrap();
    let again = potdraw(dir, &["publish", "loting", "--out", "site"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("publish-site-exists"));
    assert_eq!(std::fs::read(dir.join("site/index.html")).unwrap(), before);
    ok(dir, &["--lang", "en", "publish", "loting", "--out", "site", "--force"]);
    let index = std::fs::read_to_string(dir.join("site/index.html")).unwrap();
    assert!(index.contains("<html lang=\"en\""), "replaced");
}

#[test]
fn a_transcript_that_does_not_verify_publishes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    draw_folder(dir);
    let path = dir.join("loting/public/transcript.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut t: Value = serde_json::from_str(&text).unwrap();
    let w = t["lists"][0]["result"][0]["weight"].as_u64().unwrap();
    t["lists"][0]["result"][0]["weight"] = Value::from(w + 1);
    std::fs::write(&path, serde_json::to_vec_pretty(&t).unwrap()).unwrap();
    let out = potdraw(dir, &["publish", "loting", "--out", "site"]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing was published"));
    assert!(!dir.join("site").exists());
    let left: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left.len(), 1, "nothing beside the draw's folder: {left:?}");
}

#[test]
fn before_the_draw_the_site_shows_the_commitment() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    draw_folder(dir);
    std::fs::remove_file(dir.join("loting/public/transcript.json")).unwrap();
    ok(dir, &["--lang", "en", "publish", "loting", "--out", "site"]);
    let index = std::fs::read_to_string(dir.join("site/index.html")).unwrap();
    assert!(index.contains("The draw has not taken place yet"));
    assert!(dir.join("site/commitment.json").exists() && !dir.join("site/transcript.json").exists());
    // The seed stays private until the draw reveals it.
    let seed = std::fs::read_to_string(dir.join("loting/private/seed")).unwrap();
    for e in std::fs::read_dir(dir.join("site")).unwrap() {
        let text = String::from_utf8_lossy(&std::fs::read(e.unwrap().path()).unwrap()).into_owned();
        assert!(!text.contains(seed.trim()), "the seed before the draw");
    }
}
