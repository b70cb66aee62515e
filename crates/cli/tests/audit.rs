//! `potdraw audit`, `key generate`, `sign`, `verify --key` and
//! `commit --previous` (SPEC §16), as data: the scenarios of
//! fixtures/audit/ with their `NAME.expect`, and a history made here with
//! fresh keys and fresh draws.

mod common;

use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/audit")
}

struct Expect {
    name: String,
    key: Option<PathBuf>,
    exit: i32,
    problems: Vec<String>,
}

fn expectations() -> Vec<Expect> {
    let mut all = Vec::new();
    for e in std::fs::read_dir(fixtures()).unwrap() {
        let path = e.unwrap().path();
        let Some(name) = path.file_name().unwrap().to_str().unwrap().strip_suffix(".expect") else { continue };
        let text = std::fs::read_to_string(&path).unwrap();
        let field = |f: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(&format!("{f}:")))
                .unwrap_or_else(|| panic!("{name}: no {f}"))
                .trim()
        };
        all.push(Expect {
            name: name.to_string(),
            key: match field("key") {
                "none" => None,
                k => Some(fixtures().join(k)),
            },
            exit: field("exit").parse().unwrap(),
            problems: field("problems").split_whitespace().map(String::from).collect(),
        });
    }
    all.sort_by(|a, b| a.name.cmp(&b.name));
    all
}

fn audit(dir: &Path, key: Option<&Path>, extra: &[&str]) -> std::process::Output {
    let mut c = potdraw(dir);
    c.arg("audit").arg(dir);
    if let Some(k) = key {
        c.arg("--key").arg(k);
    }
    c.args(extra).output().unwrap()
}

fn problems(json: &Value) -> Vec<String> {
    json["problems"].as_array().unwrap().iter().map(|p| p["problem"].as_str().unwrap().to_string()).collect()
}

#[test]
fn every_fixture_scenario_names_its_problems_in_json_english_and_dutch() {
    let all = expectations();
    assert!(all.len() >= 9, "fixtures/audit has the nine scenarios of SPEC §16.6");
    for e in &all {
        let dir = fixtures().join(&e.name);
        let out = audit(&dir, e.key.as_deref(), &["--json"]);
        assert_eq!(out.status.code(), Some(e.exit), "{}: {}", e.name, stderr(&out));
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(problems(&json), e.problems, "{}", e.name);
        assert_eq!(json["passed"], e.problems.is_empty(), "{}", e.name);
        for (lang, passed, failed) in
            [("en", "AUDIT PASSED", "AUDIT FAILED"), ("nl", "CONTROLE GESLAAGD", "CONTROLE MISLUKT")]
        {
            let out = audit(&dir, e.key.as_deref(), &["--lang", lang]);
            assert_eq!(out.status.code(), Some(e.exit), "{} {lang}", e.name);
            let text = stdout(&out);
            for p in &e.problems {
                assert!(text.contains(&format!("[{p}] ")), "{} {lang}: no [{p}] in\n{text}", e.name);
            }
            assert!(text.contains(if e.problems.is_empty() { passed } else { failed }), "{} {lang}:\n{text}", e.name);
        }
    }
}

#[test]
fn the_healthy_history_lists_three_draws_in_date_order_each_drawn() {
    let key = fixtures().join("test-key/potdraw.pub");
    let out = audit(&fixtures().join("healthy"), Some(&key), &["--json"]);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let draws = json["draws"].as_array().unwrap();
    let dates: Vec<&str> = draws.iter().map(|d| &d["created_at"].as_str().unwrap()[..7]).collect();
    assert_eq!(dates, ["2027-01", "2027-04", "2027-07"]);
    assert!(draws.iter().all(|d| d["status"] == "drawn" && d["tickets"] == 24 && d["recipients"] == 5));
    // The chain: each names the one before it.
    assert_eq!(draws[0]["previous"], Value::Null);
    assert_eq!(draws[1]["previous"], draws[0]["commitment"]);
    assert_eq!(draws[2]["previous"], draws[1]["commitment"]);
    let text = stdout(&audit(&fixtures().join("healthy"), Some(&key), &["--lang", "nl"]));
    assert!(text.contains("3 lotingen:") && text.contains("getrokken"), "{text}");
}

#[test]
fn without_a_key_signatures_are_not_checked_and_say_so() {
    let out = audit(&fixtures().join("unsigned"), None, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("Signatures not checked"), "{}", stdout(&out));
}

#[test]
fn another_key_makes_every_signature_bad() {
    let dir = tempfile::tempdir().unwrap();
    succeeds(potdraw(dir.path()).args(["key", "generate", "--out", "k"]));
    let out = audit(&fixtures().join("healthy"), Some(&dir.path().join("k/public/potdraw.pub")), &["--json"]);
    assert_eq!(out.status.code(), Some(1));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let bad = json["problems"].as_array().unwrap();
    assert_eq!(bad.len(), 6, "three commitments and three transcripts: {json}");
    assert!(bad.iter().all(|p| p["problem"] == "signature-bad" && p["detail"] == "other-key"), "{json}");
}

#[test]
fn unusable_input_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    fails(potdraw(dir.path()).args(["audit", "no-such-folder"]), 2, &["audit-folder"]);
    fails(potdraw(dir.path()).args(["audit", ".", "--key", "RWnot-a-key"]), 2, &["key-public-unreadable"]);
    std::fs::write(dir.path().join("notes.txt"), "no draw here").unwrap();
    fails(potdraw(dir.path()).args(["audit", "."]), 2, &["audit-empty", "found none (files read: 1)"]);
}

#[test]
fn a_symbolic_link_is_not_followed_and_is_named() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("/", dir.path().join("root")).unwrap();
    std::os::unix::fs::symlink("loop", dir.path().join("loop")).unwrap();
    for f in ["commitment.json", "transcript.json"] {
        std::fs::copy(fixtures().join("healthy/2027-01").join(f), dir.path().join(f)).unwrap();
    }
    let out = audit(dir.path(), None, &["--json"]);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(problems(&json), ["not-potdraw", "not-potdraw"]);
    assert_eq!(out.status.code(), Some(1));
}

/// The organiser's whole story with fresh keys: key, commit, draw, sign,
/// commit --previous, draw, sign; then audit, verify --key, and a re-draw.
#[test]
fn an_organiser_signs_a_chain_and_the_audit_passes_until_a_re_draw() {
    let first = Pot::drawn();
    let home = first.dir.path();
    let out = succeeds(first.cmd().args(["key", "generate", "--out", "org"]));
    assert!(out.contains("key id"), "{out}");
    let (public, secret) = (home.join("org/public/potdraw.pub"), home.join("org/private/potdraw.key"));
    assert_eq!(mode(&secret), 0o600);
    assert_eq!(mode(&home.join("org/private")), 0o700);
    assert!(!out.contains(&std::fs::read_to_string(&secret).unwrap().lines().nth(1).unwrap()[..20]));
    fails(first.cmd().args(["key", "generate", "--out", "org"]), 2, &["file-exists"]);

    let site = home.join("site");
    std::fs::create_dir_all(site.join("1")).unwrap();
    std::fs::copy(first.commitment(), site.join("1/commitment.json")).unwrap();
    std::fs::copy(&first.transcript, site.join("1/transcript.json")).unwrap();

    // The second draw names the first.
    let second = Pot::new();
    let prev = site.join("1/commitment.json");
    succeeds(&mut second.commit_cmd_with(POT, &["--previous", prev.to_str().unwrap()]));
    let c2 = second.commitment_json();
    assert_eq!(c2["format"], "potdraw/commitment/v3");
    assert_eq!(c2["previous"], read_json(&prev)["digest"]);
    succeeds(&mut second.draw_cmd());
    std::fs::create_dir_all(site.join("2")).unwrap();
    std::fs::copy(second.commitment(), site.join("2/commitment.json")).unwrap();
    std::fs::copy(&second.transcript, site.join("2/transcript.json")).unwrap();

    for f in ["1/commitment.json", "1/transcript.json", "2/commitment.json", "2/transcript.json"] {
        let out = succeeds(first.cmd().arg("sign").arg(site.join(f)).arg("--key").arg(&secret));
        assert!(out.contains("potdraw file:"), "{out}");
    }
    fails(first.cmd().arg("sign").arg(site.join("1/transcript.json")).arg("--key").arg(&secret), 2, &["file-exists"]);
    let out = audit(&site, Some(&public), &["--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));

    // verify --key: passes, then fails once the signature is gone.
    let t1 = site.join("1/transcript.json");
    let json: Value =
        serde_json::from_str(&succeeds(first.cmd().arg("verify").arg(&t1).arg("--key").arg(&public).arg("--json")))
            .unwrap();
    assert_eq!(json["checks"].as_array().unwrap().last().unwrap()["check"], "signature");
    std::fs::rename(site.join("1/transcript.json.minisig"), home.join("kept.minisig")).unwrap();
    let out = first.cmd().arg("verify").arg(&t1).arg("--key").arg(&public).arg("--json").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["failed_check"], "signature");
    std::fs::rename(home.join("kept.minisig"), site.join("1/transcript.json.minisig")).unwrap();

    // A second draw of the second commitment, signed too: a re-draw.
    let again = home.join("again.json");
    succeeds(&mut second.draw_cmd_with(&["room=6666666666", &format!("lotto={LOTTO}")], &again));
    std::fs::copy(&again, site.join("2/transcript-again.json")).unwrap();
    succeeds(first.cmd().arg("sign").arg(site.join("2/transcript-again.json")).arg("--key").arg(&secret));
    let out = audit(&site, Some(&public), &["--json"]);
    assert_eq!(out.status.code(), Some(1));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(problems(&json), ["re-draw"]);
    assert_eq!(json["problems"][0]["files"], serde_json::json!(["2/transcript-again.json", "2/transcript.json"]));
}

#[test]
fn sign_refuses_a_transcript_that_does_not_verify_and_commit_a_previous_that_does_not() {
    let p = Pot::drawn();
    succeeds(p.cmd().args(["key", "generate", "--out", "org"]));
    let mut t = p.transcript_json();
    t["seed"] = Value::String(flip_hex(t["seed"].as_str().unwrap(), 0));
    let forged = p.path("forged.json");
    write_json(&forged, &t);
    fails(p.cmd().arg("sign").arg(&forged).arg("--key").arg("org/private/potdraw.key"), 1, &["seed-commitment"]);
    assert!(!p.path("forged.json.minisig").exists());

    let mut c = p.commitment_json();
    c["title"] = Value::String("changed".into());
    let bad = p.path("bad-commitment.json");
    write_json(&bad, &c);
    let next = Pot::new();
    fails(&mut next.commit_cmd_with(POT, &["--previous", bad.to_str().unwrap()]), 2, &["previous-not-verified"]);
}

#[test]
fn a_signature_that_is_a_link_is_bad_and_never_read() {
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("transcript.json");
    std::fs::copy(fixtures().join("healthy/2027-01/transcript.json"), &t).unwrap();
    std::fs::copy(fixtures().join("healthy/2027-01/commitment.json"), dir.path().join("commitment.json")).unwrap();
    std::fs::copy(
        fixtures().join("healthy/2027-01/commitment.json.minisig"),
        dir.path().join("commitment.json.minisig"),
    )
    .unwrap();
    // /dev/zero never ends: read, it would hang the audit.
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("transcript.json.minisig")).unwrap();
    let out = audit(dir.path(), Some(&fixtures().join("test-key/potdraw.pub")), &["--json"]);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(problems(&json), ["signature-bad", "not-potdraw"], "{json}");
    assert_eq!(json["problems"][0]["detail"], "signature-unreadable");
}

/// Issue 27: the tool's own public folder, published as its README.txt says
/// (commitment, README.txt, transcript and report.html written by the
/// ceremony's layout, the verifier page) and every file signed as the
/// README says, passes its own audit; the report and the page are listed
/// as ignored, not as problems. Slips or a seed sheet put there by mistake
/// are named as private files. The title is shown whole.
#[test]
fn a_public_folder_published_as_the_docs_say_passes_its_own_audit() {
    let p = Pot::committed();
    let home = p.dir.path();
    let public = p.out.join("public");
    let transcript = public.join("transcript.json");
    succeeds(&mut p.draw_cmd_with(&[&format!("room={ROOM}"), &format!("lotto={LOTTO}")], &transcript));
    succeeds(p.cmd().arg("report").arg(&transcript).arg("--out").arg(public.join("report.html")));
    succeeds(p.cmd().args(["--lang", "nl", "web", "--out"]).arg(public.join("verify.html")));
    succeeds(p.cmd().args(["key", "generate", "--out", "org"]));
    let (key, secret) = (home.join("org/public/potdraw.pub"), home.join("org/private/potdraw.key"));
    let mut names: Vec<String> =
        std::fs::read_dir(&public).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["README.txt", "commitment.json", "report.html", "transcript.json", "verify.html"]);
    for f in &names {
        succeeds(p.cmd().arg("sign").arg(public.join(f)).arg("--key").arg(&secret));
    }
    for lang in ["en", "nl"] {
        let out = audit(&public, Some(&key), &["--lang", lang]);
        let text = stdout(&out);
        assert_eq!(out.status.code(), Some(0), "{text}");
    }
    let out = audit(&public, Some(&key), &["--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(problems(&json), Vec::<String>::new());
    let ignored: Vec<&str> = json["ignored"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    for page in ["README.txt", "report.html", "verify.html"] {
        assert!(ignored.contains(&page), "{page} is the tool's own page: {json}");
    }
    // The whole title, whatever its length.
    let text = stdout(&audit(&public, Some(&key), &["--lang", "nl"]));
    assert!(text.contains("december 2026") || text.contains("2026"), "{text}");
    let title = p.commitment_json()["title"].as_str().unwrap().to_string();
    for word in title.split(' ') {
        assert!(text.contains(word), "{word} of {title:?} in {text}");
    }

    // Issue 26, F4: a report that names no transcript of the folder (here
    // the report with every digest changed, as a report of a draw that was
    // never published would be) is a problem; the true one stays ignored.
    let report = std::fs::read_to_string(public.join("report.html")).unwrap();
    let elsewhere = hex::encode(potdraw_core::hash::h("another draw", &[]));
    let mut forged = report.clone();
    for run in report.split(|c: char| !c.is_ascii_hexdigit()).filter(|r| r.len() == 64) {
        forged = forged.replace(run, &elsewhere);
    }
    assert_ne!(forged, report, "the report prints its digests");
    std::fs::write(public.join("uitslag-oud.html"), forged).unwrap();
    succeeds(p.cmd().arg("sign").arg(public.join("uitslag-oud.html")).arg("--key").arg(&secret));
    let out = audit(&public, Some(&key), &["--json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(problems(&json), ["page-unknown-draw"], "{json}");
    assert_eq!(json["problems"][0]["files"][0], "uitslag-oud.html");
    let text = stdout(&audit(&public, Some(&key), &["--lang", "nl"]));
    assert!(text.contains("noemt geen transcript dat in deze map staat"), "{text}");
    std::fs::remove_file(public.join("uitslag-oud.html")).unwrap();
    std::fs::remove_file(public.join("uitslag-oud.html.minisig")).unwrap();

    // The organiser's own pages are a leak there.
    succeeds(
        p.cmd()
            .args(["slips", "--commitment"])
            .arg(p.commitment())
            .arg("--receipts")
            .arg(p.receipts())
            .args(["--draw-date", "5 december 2026", "--out"])
            .arg(public.join("slips.html")),
    );
    succeeds(
        p.cmd()
            .args(["seed-sheet", "--commitment"])
            .arg(p.commitment())
            .arg("--seed")
            .arg(p.seed())
            .arg("--out")
            .arg(public.join("seed.html")),
    );
    let out = audit(&public, Some(&key), &["--json"]);
    assert_eq!(out.status.code(), Some(1));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let private: Vec<&Value> =
        json["problems"].as_array().unwrap().iter().filter(|p| p["problem"] == "private-file").collect();
    let files: Vec<&str> =
        private.iter().flat_map(|p| p["files"].as_array().unwrap()).map(|f| f.as_str().unwrap()).collect();
    assert!(files.contains(&"slips.html") && files.contains(&"seed.html"), "{json}");
}

/// Issue 27: a draw with travel companions counts its recipients and its
/// companions apart ("ontvangers 18" was shown for 9 grants).
#[test]
fn audit_counts_recipients_and_companions_apart() {
    let p = Pot::new();
    let companions = p.path("reisgenoten.csv");
    let mut csv = String::from("id\n");
    for i in 1..=8 {
        csv.push_str(&format!("REIS-{i:02}\n"));
    }
    std::fs::write(&companions, csv).unwrap();
    let mut c = p.cmd();
    c.arg("commit").arg("--list").arg(format!("ontvangers={}", p.csv.display()));
    c.arg("--list").arg(format!("reisgenoten={}", companions.display()));
    c.args(["--companions", "reisgenoten=ontvangers", "--pot", POT, "--entropy", "dice:room:10"]);
    c.args(["--entropy", "numbers:lotto:6", "--out"]).arg(&p.out);
    succeeds(&mut c);
    succeeds(&mut p.draw_cmd());
    let out = audit(&p.out.join("public"), None, &["--json"]);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let draw = &json["draws"][0];
    assert_eq!((draw["recipients"].as_u64(), draw["companions"].as_u64()), (Some(K as u64), Some(K as u64)), "{json}");
}
