//! potdraw CLI with several lists in one draw (SPEC §17, issue 22): commit
//! with `--list`, draw, verify, check; the refusals; and every v4 vector
//! of fixtures/v4/transcripts/ through `potdraw verify`, with its exit code.
//!
//! `commit` draws its seed and salts from the operating system, so the
//! expectations come from the files the binary wrote (receipts, transcript)
//! and from SPEC arithmetic, never from a result known beforehand.

mod common;

use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The recipients' list (the standard one) and eight volunteers who travel with them.
struct Lists {
    pot: Pot,
    companions: PathBuf,
}

impl Lists {
    fn new() -> Lists {
        let pot = Pot::new();
        let companions = pot.path("reisgenoten.csv");
        let mut csv = String::from("id,weight\n");
        for i in 1..=8 {
            csv.push_str(&format!("REIS-{i:02},{}\n", 1 + i % 2));
        }
        std::fs::write(&companions, csv).unwrap();
        Lists { pot, companions }
    }

    fn commit_cmd(&self, extra: &[&str]) -> assert_cmd::Command {
        self.commit_cmd_with(&["--companions", "reisgenoten=ontvangers"], extra)
    }

    /// `commit` of the two lists with `rules` for them, then `extra`.
    fn commit_cmd_with(&self, rules: &[&str], extra: &[&str]) -> assert_cmd::Command {
        let mut c = self.pot.cmd();
        c.arg("commit")
            .arg("--list")
            .arg(format!("ontvangers={}", self.pot.csv.display()))
            .arg("--list")
            .arg(format!("reisgenoten={}", self.companions.display()))
            .args(rules)
            .args(["--list-reserves", "reisgenoten=2"])
            .args(["--pot", POT, "--entropy", "dice:room:10", "--entropy", "numbers:lotto:6"])
            .args(["--title", "Reisgezelschap", "--created-at", "2026-12-01T12:00:00Z"])
            .arg("--out")
            .arg(&self.pot.out)
            .args(extra);
        c
    }

    fn drawn() -> Lists {
        let l = Lists::new();
        succeeds(&mut l.commit_cmd(&[]));
        succeeds(&mut l.pot.draw_cmd());
        l
    }
}

#[test]
fn commit_writes_one_v4_commitment_and_receipts_naming_their_list() {
    let l = Lists::new();
    let out = succeeds(&mut l.commit_cmd(&[]));
    let c = l.pot.commitment_json();
    assert_eq!(c["format"], "potdraw/commitment/v4");
    let lists = c["lists"].as_array().unwrap();
    assert_eq!((lists[0]["name"].as_str(), lists[0]["rule"].as_str()), (Some("ontvangers"), Some("pot")));
    assert_eq!(
        (lists[1]["rule"].as_str(), lists[1]["companions_of"].as_str()),
        (Some("companions"), Some("ontvangers"))
    );
    // SPEC §17.6: the companions get as many places as the pot pays grants.
    assert_eq!(lists[0]["recipients"], K as u64);
    assert_eq!(lists[1]["recipients"], K as u64);
    assert_eq!((lists[0]["reserves"].as_u64(), lists[1]["reserves"].as_u64()), (Some(R as u64), Some(2)));
    assert_eq!(lists[1]["candidates"]["count"], 8);
    assert!(out.contains("travel companions of list ontvangers"), "{out}");
    let receipts = l.pot.receipts_json();
    assert_eq!(receipts.len(), CANDIDATES.len() + 8);
    assert!(receipts.iter().all(|r| r["format"] == "potdraw/receipt/v2" && r["commitment_digest"] == c["digest"]));
    assert_eq!(receipts[0]["list"], "ontvangers");
    assert_eq!(receipts[CANDIDATES.len()]["list"], "reisgenoten");
    assert_eq!(receipts[CANDIDATES.len()]["id"], "REIS-01");
    assert_eq!(receipts[CANDIDATES.len()]["line"], 2);
    assert_eq!(mode(&l.pot.seed()), 0o600);
    assert_eq!(mode(&l.pot.receipts()), 0o600);
    // Never overwritten without --force.
    fails(&mut l.commit_cmd(&[]), 2, &["--force"]);
}

#[test]
fn draw_verify_and_check_a_draw_with_travel_companions() {
    let l = Lists::drawn();
    let t = read_json(&l.pot.transcript);
    assert_eq!(t["format"], "potdraw/transcript/v4");
    let out = succeeds(l.pot.cmd().arg("verify").arg(&l.pot.transcript).arg("--commitment").arg(l.pot.commitment()));
    assert!(out.contains("companions") && out.contains("list reisgenoten travels with list ontvangers"), "{out}");
    let json: Value =
        serde_json::from_str(&succeeds(l.pot.cmd().arg("verify").arg(&l.pot.transcript).arg("--json"))).unwrap();
    assert_eq!(json["verified"], true);
    assert_eq!(json["lists"][1]["recipients"].as_array().unwrap().len(), K);
    assert_eq!(json["checks"].as_array().unwrap().len(), 11);

    // Every companion drawn as a recipient hears which place they travel with.
    let companions = &t["lists"][1]["result"];
    let mut told = 0;
    for r in l.pot.receipts_json().iter().filter(|r| r["list"] == "reisgenoten") {
        let leaf = r["leaf"].as_str().unwrap();
        let pick = companions.as_array().unwrap().iter().find(|p| p["leaf"] == leaf);
        let (id, code) = (r["id"].as_str().unwrap(), r["code"].as_str().unwrap());
        let mut cmd = l.pot.cmd();
        cmd.env("LANG", "nl_NL.UTF-8").arg("check").arg(&l.pot.transcript).args(["--id", id, "--code", code]);
        let said = succeeds(&mut cmd);
        assert!(said.contains("Uw lot zat in de trekking van lijst reisgenoten"), "{said}");
        match pick {
            Some(p) if p["role"] == "recipient" => {
                let place = p["rank"].as_u64().unwrap();
                assert!(
                    said.contains(&format!(
                        "U bent getrokken als reisgenoot nummer {place}: u reist mee met plaats {place} van lijst ontvangers. Een reisgenoot krijgt geen schenking."
                    )),
                    "{said}"
                );
                // Never told they won a grant (issue 27).
                assert!(!said.contains("als ontvanger"), "{said}");
                let json: Value = serde_json::from_str(&succeeds(
                    l.pot
                        .cmd()
                        .arg("check")
                        .arg(&l.pot.transcript)
                        .arg("--receipt")
                        .arg(l.pot.receipts())
                        .args(["--id", id, "--json"]),
                ))
                .unwrap();
                assert_eq!(
                    (json["list"].as_str(), json["companion_of"]["place"].as_u64()),
                    (Some("reisgenoten"), Some(place))
                );
                told += 1;
            }
            Some(p) => {
                let n = p["rank"].as_u64().unwrap();
                assert!(
                    said.contains(&format!(
                        "U bent getrokken als reserve nummer {n} van de reisgenoten van lijst ontvangers."
                    )),
                    "{said}"
                );
            }
            None => assert!(!said.contains("reist mee met plaats") && said.contains("niet getrokken"), "{said}"),
        }
    }
    assert_eq!(told, K);
    // A code of this draw with the id in small letters: a typing difference (exit 2), the id meant named.
    let r = &l.pot.receipts_json()[CANDIDATES.len()];
    let out = l
        .pot
        .cmd()
        .env("LANG", "en_GB.UTF-8")
        .arg("check")
        .arg(&l.pot.transcript)
        .args(["--id", "reis-01", "--code", r["code"].as_str().unwrap()])
        .assert()
        .code(2)
        .get_output()
        .stdout
        .clone();
    let said = String::from_utf8(out).unwrap();
    assert!(said.contains("REIS-01") && said.contains("Your ticket was in the draw of list reisgenoten"), "{said}");
    // A recipient of the first list is no one's companion, in English too.
    let r = &l.pot.receipts_json()[0];
    let said = succeeds(l.pot.cmd().env("LANG", "en_GB.UTF-8").arg("check").arg(&l.pot.transcript).args([
        "--id",
        r["id"].as_str().unwrap(),
        "--code",
        r["code"].as_str().unwrap(),
    ]));
    assert!(said.contains("Your ticket was in the draw of list ontvangers") && !said.contains("companion"), "{said}");
}

#[test]
fn a_changed_result_fails_and_an_unreadable_one_is_unusable() {
    let l = Lists::drawn();
    let mut t = read_json(&l.pot.transcript);
    let r = &mut t["lists"][1]["result"];
    let (a, b) = (r[0]["index"].clone(), r[1]["index"].clone());
    r[0]["index"] = b;
    r[1]["index"] = a;
    let edited = l.pot.path("edited.json");
    write_json(&edited, &t);
    let out = l.pot.cmd().arg("verify").arg(&edited).arg("--json").assert().code(1).get_output().stdout.clone();
    let json: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(json["failed_check"], "draw-replay");
    t["lists"][0]["list_seed"] = Value::from("00");
    write_json(&edited, &t);
    fails(l.pot.cmd().arg("verify").arg(&edited), 2, &["list_seed"]);
    // A v1 record names places without a list: refused for several lists (SPEC §17.10).
    let v1 = r#"{"format":"potdraw/amendments/v1","transcript":"00000000000000000000000000000000000000000000000000000000000000aa","events":[]}"#;
    std::fs::write(l.pot.path("record.json"), v1).unwrap();
    fails(
        l.pot.cmd().arg("verify").arg(&l.pot.transcript).arg("--amendments").arg(l.pot.path("record.json")),
        2,
        &["amendments-lists"],
    );
    // A transcript that fails is reported as failed, with or without a record
    // (attack review F2: the refusal of the record hid the failure).
    t["lists"][0]["list_seed"] = read_json(&l.pot.transcript)["lists"][0]["list_seed"].clone();
    write_json(&edited, &t);
    let out = l
        .pot
        .cmd()
        .arg("verify")
        .arg(&edited)
        .arg("--json")
        .arg("--amendments")
        .arg(l.pot.path("record.json"))
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let json: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(json["failed_check"], "draw-replay");
}

#[test]
fn a_receipt_works_only_with_a_draw_of_its_kind() {
    let l = Lists::drawn();
    let single = Pot::drawn();
    // A v2 receipt (naming its list) against a single-list transcript.
    let receipt = l.pot.path("one.json");
    std::fs::write(&receipt, serde_json::to_vec(&l.pot.receipts_json()[0]).unwrap()).unwrap();
    fails(single.cmd().arg("check").arg(&single.transcript).arg("--receipt").arg(&receipt), 2, &["receipt-of-lists"]);
    // A v1 receipt against the v4 transcript.
    let v1 = l.pot.path("v1.json");
    std::fs::write(&v1, serde_json::to_vec(&single.receipts_json()[0]).unwrap()).unwrap();
    fails(l.pot.cmd().arg("check").arg(&l.pot.transcript).arg("--receipt").arg(&v1), 2, &["receipt-other-draw"]);
}

#[test]
fn commit_refuses_lists_it_cannot_draw() {
    let l = Lists::new();
    // The same person on both lists, named by file and line.
    let both = l.pot.path("both.csv");
    std::fs::write(&both, "id\nREIS-01\nA-7\n").unwrap();
    let mut c = l.pot.cmd();
    c.arg("commit")
        .arg("--list")
        .arg(format!("a={}", l.companions.display()))
        .arg("--list")
        .arg(format!("b={}", both.display()))
        .args(["--list-recipients", "a=2", "--list-recipients", "b=1", "--reserves", "0", "--entropy", "dice:room:10"])
        .arg("--out")
        .arg(&l.pot.out);
    let err = fails(&mut c, 2, &["lists-id-twice", "REIS-01", "both.csv"]);
    assert!(err.contains("reisgenoten.csv"), "{err}");
    assert!(!l.pot.commitment().exists());
    for (rules, class) in [
        (vec!["--companions", "reisgenoten=nobody"], "lists-unknown"),
        (vec!["--companions", "reisgenoten=reisgenoten"], "lists-companions-unknown"),
        (vec!["--companions", "reisgenoten=ontvangers", "--list-recipients", "reisgenoten=2"], "lists-rule-twice"),
        (vec!["--list-recipients", "reisgenoten=0"], "lists-no-recipients"),
        (vec!["--list-recipients", "reisgenoten=x"], "lists-number"),
    ] {
        fails(&mut l.commit_cmd_with(&rules, &[]), 2, &[class]);
    }
    fails(&mut l.commit_cmd(&["--method", "rfc3797"]), 2, &["lists-method"]);
    // Two lists on the one pot: each list of recipients needs its own (issue 27).
    let mut c = l.pot.cmd();
    c.arg("commit")
        .arg("--list")
        .arg(format!("a={}", l.pot.csv.display()))
        .arg("--list")
        .arg(format!("b={}", l.companions.display()))
        .args(["--pot", POT, "--entropy", "dice:room:10", "--out"])
        .arg(&l.pot.out);
    fails(&mut c, 2, &["lists-pot-several", "--list-pot a=EUROS --list-pot b=EUROS"]);
    // --list and --candidates together: a usage error.
    fails(&mut l.commit_cmd(&["--candidates", l.pot.csv.to_str().unwrap()]), 2, &["--candidates"]);
}

/// SPEC §17.12: every vector of fixtures/v4/transcripts/ through `potdraw
/// verify --json`: verified exit 0, failed exit 1 naming the check, unusable exit 2.
#[test]
fn every_v4_vector_has_its_outcome_on_the_command_line() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let dir = tempfile::tempdir().unwrap();
    let mut seen = 0;
    for entry in std::fs::read_dir(fixtures.join("v4/transcripts")).unwrap() {
        let path = entry.unwrap().path();
        let v = potdraw_core::vector::parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let body = dir.path().join("t.json");
        std::fs::write(&body, &v.body).unwrap();
        let mut cmd = potdraw(dir.path());
        cmd.arg("verify").arg(&body).arg("--json");
        if let Some(p) = v.header("published-commitment") {
            cmd.arg("--commitment").arg(fixtures.join(p));
        }
        let out = cmd.output().unwrap();
        let json: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
        let name = path.display();
        match &v.expect {
            potdraw_core::vector::Expect::Verified => assert_eq!(out.status.code(), Some(0), "{name}"),
            potdraw_core::vector::Expect::Failed(check) => {
                assert_eq!(out.status.code(), Some(1), "{name}");
                assert_eq!(json["failed_check"].as_str(), Some(check.as_str()), "{name}");
            }
            potdraw_core::vector::Expect::Unusable => {
                assert_eq!(out.status.code(), Some(2), "{name}");
                assert_eq!(json["unusable"], true, "{name}");
            }
            other => panic!("{name}: {other:?}"),
        }
        seen += 1;
    }
    assert!(seen >= 40, "{seen} vectors");
}

/// The ceremony shows each list in turn and writes the bytes `draw` writes;
/// report, results and slips name the lists (SPEC §17).
#[test]
fn ceremony_report_results_and_slips_of_several_lists() {
    let l = Lists::new();
    succeeds(&mut l.commit_cmd(&[]));
    succeeds(&mut l.pot.draw_cmd());
    let ceremony = l.pot.path("ceremony.json");
    let input = format!("\n\n{ROOM}\n\n{LOTTO}\n\n{}", "\n".repeat(40));
    let shown = succeeds(
        l.pot
            .cmd()
            .env("LANG", "nl_NL.UTF-8")
            .arg("ceremony")
            .arg("--commitment")
            .arg(l.pot.commitment())
            .arg("--seed")
            .arg(l.pot.seed())
            .arg("--out")
            .arg(&ceremony)
            .write_stdin(input),
    );
    assert_eq!(std::fs::read(&ceremony).unwrap(), std::fs::read(&l.pot.transcript).unwrap());
    assert!(shown.contains("lijst ontvangers (1 van 2)") && shown.contains("lijst reisgenoten (2 van 2)"), "{shown}");
    // Each pair on its own screen, then again in the final overview.
    assert_eq!(shown.matches("reist mee met plaats").count(), 2 * K, "{shown}");
    // Issue 27: one step count for the whole evening (two lists: 9 steps),
    // the last one an overview of every list; the report written beside
    // the transcript, as for one list.
    for n in 1..=9 {
        assert!(shown.contains(&format!("Stap {n} van 9 ·")), "step {n}: {shown}");
    }
    assert!(!shown.contains("van 6 ·"), "{shown}");
    let overview = shown.rsplit("Stap 9 van 9").next().unwrap();
    assert!(overview.contains("lijst ontvangers:") && overview.contains("lijst reisgenoten:"), "{overview}");
    let fingerprints = |t: &Value| -> Vec<String> {
        t["lists"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|l| l["result"].as_array().unwrap().clone())
            .map(|p| potdraw_cli::render::fingerprint(p["leaf"].as_str().unwrap()))
            .collect()
    };
    for f in fingerprints(&l.pot.transcript_json()) {
        assert!(overview.contains(&f), "{f} in the overview: {overview}");
    }
    let beside = ceremony.with_file_name("report.html");
    let html = std::fs::read_to_string(&beside).expect("the ceremony writes the report beside the transcript");
    assert!(html.contains("data-list=\"reisgenoten\"") && html.contains(">reisgenoot "), "in Dutch: {html}");
    // Issue 27: the projector names a companion as such, never as a recipient.
    for j in 1..=K {
        assert!(shown.contains(&format!("Ontvanger nummer {j} van {K}")), "{shown}");
        assert!(shown.contains(&format!("Reisgenoot nummer {j} van {K}")), "{shown}");
    }
    assert_eq!(shown.matches("Ontvanger nummer").count(), K, "only list ontvangers has recipients: {shown}");

    let report = l.pot.path("verslag.html");
    succeeds(
        l.pot
            .cmd()
            .arg("report")
            .arg(&l.pot.transcript)
            .arg("--commitment")
            .arg(l.pot.commitment())
            .arg("--out")
            .arg(&report),
    );
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.contains("data-list=\"ontvangers\"") && html.contains("data-list=\"reisgenoten\""));
    assert_eq!(html.matches("(travels with place").count(), K);
    assert_eq!(html.matches("data-role=\"recipient\"").count(), 2 * K, "the transcript's role, for scripts");
    assert_eq!(html.matches(">companion ").count(), K, "a companion is named so in the report: {html}");
    assert_eq!(html.matches(">recipient ").count(), K, "only list ontvangers has recipients");

    let csv = succeeds(
        l.pot
            .cmd()
            .arg("results")
            .arg(&l.pot.transcript)
            .arg("--receipts")
            .arg(l.pot.receipts())
            .args(["--format", "csv"]),
    );
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows[0], "list,role,rank,id,name");
    assert_eq!(rows.len(), 1 + K + R + K + 2);
    assert!(rows[1..=K + R].iter().all(|r| r.starts_with("ontvangers,")));
    assert!(rows[K + R + 1..].iter().all(|r| r.starts_with("reisgenoten,") && r.contains(",REIS-")));
    // Issue 27: a companion's role is `companion` in the table, never `recipient`.
    assert_eq!(rows.iter().filter(|r| r.starts_with("reisgenoten,companion,")).count(), K, "{csv}");
    assert_eq!(rows.iter().filter(|r| r.contains(",recipient,")).count(), K, "{csv}");
    let text = succeeds(
        l.pot.cmd().args(["--lang", "nl", "results"]).arg(&l.pot.transcript).arg("--receipts").arg(l.pot.receipts()),
    );
    // Issue 27: each recipient and their travel companion side by side, on
    // the row of the place; the table fits 100 columns.
    let id_of = |list: &str, role: &str, rank: usize| -> String {
        let row = rows.iter().find(|r| r.starts_with(&format!("{list},{role},{rank},"))).unwrap();
        row.split(',').nth(3).unwrap().to_string()
    };
    for j in 1..=K {
        let line = text.lines().find(|l| l.starts_with(&format!("ontvanger {j} "))).expect("a row per place");
        let (recipient, companion) = (id_of("ontvangers", "recipient", j), id_of("reisgenoten", "companion", j));
        assert!(line.contains(&recipient) && line.contains(&companion), "place {j}: {line}\n{text}");
    }
    assert!(text.contains("reisgenoot (reisgenoten)"), "{text}");
    assert!(text.lines().all(|l| l.chars().count() <= 100), "{text}");

    let slips = l.pot.path("slips.csv");
    succeeds(
        l.pot
            .cmd()
            .arg("slips")
            .arg("--commitment")
            .arg(l.pot.commitment())
            .arg("--receipts")
            .arg(l.pot.receipts())
            .args(["--draw-date", "5 december", "--format", "csv", "--out"])
            .arg(&slips),
    );
    let text = std::fs::read_to_string(&slips).unwrap();
    assert!(text.starts_with("id,name,code,list"), "{text}");
    assert_eq!(text.lines().filter(|l| l.contains(",reisgenoten")).count(), 8);
}

/// A published commitment of the other layout (a v4 one for a single-list
/// transcript, or the reverse) is a usable document with another digest:
/// `published-commitment` fails (exit 1), as in the JS verifier, rather than
/// the published file being called unusable (SPEC §17.7 step 2; attack review F1).
#[test]
fn a_published_commitment_of_the_other_layout_fails_published_commitment() {
    let fixtures = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let dir = tempfile::tempdir().unwrap();
    for (commitment, transcript) in [
        ("v3/commitment.json", "v4/two-lists/transcript.json"),
        ("example/commitment.json", "v4/three-lists/transcript.json"),
        ("v4/two-lists/commitment.json", "example/transcript.json"),
        ("v4/three-lists/commitment.json", "v4/two-lists/transcript.json"),
    ] {
        let out = common::potdraw(dir.path())
            .args(["verify", "--json", "--commitment"])
            .arg(fixtures.join(commitment))
            .arg(fixtures.join(transcript))
            .assert()
            .code(1)
            .get_output()
            .stdout
            .clone();
        let json: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(json["failed_check"], "published-commitment", "{commitment} with {transcript}");
        let published: Value = serde_json::from_slice(&std::fs::read(fixtures.join(commitment)).unwrap()).unwrap();
        let failed = json["checks"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(failed["expected"], published["digest"], "{commitment} with {transcript}");
    }
}

/// `verify --key` holds a transcript with several lists to the organiser's
/// signature too (SPEC §16.3): missing, it fails `signature`; signed with
/// the key, it verifies; signed by another key, it fails.
#[test]
fn verify_with_a_key_checks_the_signature_of_a_v4_transcript() {
    let fixtures = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let dir = tempfile::tempdir().unwrap();
    let transcript = dir.path().join("transcript.json");
    std::fs::copy(fixtures.join("v4/two-lists/transcript.json"), &transcript).unwrap();
    let public = fixtures.join("audit/test-key/potdraw.pub");
    let verify = |code: i32| -> Value {
        let out = common::potdraw(dir.path())
            .args(["verify", "--json", "--key"])
            .arg(&public)
            .arg(&transcript)
            .assert()
            .code(code)
            .get_output()
            .stdout
            .clone();
        serde_json::from_slice(&out).unwrap()
    };
    assert_eq!(verify(1)["failed_check"], "signature");
    common::potdraw(dir.path())
        .arg("sign")
        .arg(&transcript)
        .arg("--key")
        .arg(fixtures.join("audit/test-key/potdraw.key"))
        .assert()
        .code(0);
    assert_eq!(verify(0)["verified"], true);
    common::potdraw(dir.path()).args(["key", "generate", "--out", "other"]).assert().code(0);
    common::potdraw(dir.path())
        .arg("sign")
        .arg(&transcript)
        .args(["--force", "--key", "other/private/potdraw.key"])
        .assert()
        .code(0);
    assert_eq!(verify(1)["failed_check"], "signature");
}

/// `sign` and `audit` read documents with several lists (SPEC §16, §17): a
/// signed v4 draw passes the audit with the tickets and recipients of all its
/// lists, and a second v4 transcript of the same commitment is a `re-draw`.
#[test]
fn audit_and_sign_know_draws_with_several_lists() {
    let fixtures = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir(&site).unwrap();
    for f in ["commitment.json", "transcript.json"] {
        std::fs::copy(fixtures.join("v4/two-lists").join(f), site.join(f)).unwrap();
    }
    let secret = fixtures.join("audit/test-key/potdraw.key");
    let public = fixtures.join("audit/test-key/potdraw.pub");
    let sign = |file: &std::path::Path| {
        common::potdraw(dir.path()).arg("sign").arg(file).arg("--key").arg(&secret).assert().code(0);
    };
    let audit = |code: i32| -> Value {
        let out = common::potdraw(dir.path())
            .arg("audit")
            .arg(&site)
            .arg("--json")
            .arg("--key")
            .arg(&public)
            .assert()
            .code(code);
        serde_json::from_slice(&out.get_output().stdout).unwrap()
    };
    sign(&site.join("commitment.json"));
    sign(&site.join("transcript.json"));
    let json = audit(0);
    let c = read_json(&site.join("commitment.json"));
    let lists = c["lists"].as_array().unwrap();
    let tickets: u64 = lists.iter().map(|l| l["candidates"]["count"].as_u64().unwrap()).sum();
    // Recipients and travel companions apart (issue 27), each from the commitment.
    let count = |companions: bool| -> u64 {
        let of = |l: &&Value| l["rule"] == "companions";
        lists.iter().filter(|l| of(l) == companions).map(|l| l["recipients"].as_u64().unwrap()).sum()
    };
    assert_eq!(json["draws"][0]["tickets"], tickets);
    assert_eq!(json["draws"][0]["recipients"], count(false));
    assert_eq!(json["draws"][0]["companions"], count(true));
    assert_eq!(json["draws"][0]["status"], "drawn");
    // The same commitment drawn again with other dice: a re-draw.
    let again = site.join("transcript-again.json");
    common::potdraw(dir.path())
        .args(["draw", "--commitment"])
        .arg(site.join("commitment.json"))
        .arg("--seed")
        .arg(fixtures.join("v4/two-lists/seed"))
        .args(["--entropy", "room=6543216543", "--entropy", "lotto-2026-12-05=1 2 3 4 5 6", "--out"])
        .arg(&again)
        .assert()
        .code(0);
    sign(&again);
    let json = audit(1);
    let names: Vec<&str> =
        json["problems"].as_array().unwrap().iter().map(|p| p["problem"].as_str().unwrap()).collect();
    assert_eq!(names, ["re-draw"], "{json}");
}

/// A record of substitutions naming a transcript with several lists cannot
/// apply to it (SPEC §17.10): the audit reports the record as unusable
/// instead of letting it pass unchecked.
#[test]
fn audit_refuses_a_record_of_substitutions_for_several_lists() {
    let fixtures = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let dir = tempfile::tempdir().unwrap();
    for f in ["commitment.json", "transcript.json"] {
        std::fs::copy(fixtures.join("v4/two-lists").join(f), dir.path().join(f)).unwrap();
    }
    let out = common::potdraw(dir.path()).args(["verify", "--json", "transcript.json"]).assert().code(0);
    let verified: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let record = serde_json::json!({
        "format": "potdraw/amendments/v1",
        "transcript": verified["transcript_digest"],
        "events": [{"seq": 1, "date": "2026-12-20", "place": 3, "reason": "declined", "taken_by": 1}],
    });
    write_json(&dir.path().join("amendments.json"), &record);
    let out = common::potdraw(dir.path()).args(["audit", ".", "--json"]).assert().code(1);
    let json: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let problems = json["problems"].as_array().unwrap();
    assert!(problems.iter().any(|p| p["problem"] == "unusable" && p["detail"] == "amendments-lists"), "{json}");

    // SPEC §15.8: a v2 record names its list, and is checked like any record:
    // the folder passes; a second version that is not a prefix of the first
    // is caught as amendments-rewritten.
    let t = read_json(&dir.path().join("transcript.json"));
    let rank1 = &t["lists"][0]["result"][0];
    assert_eq!((rank1["role"].as_str(), rank1["rank"].as_u64()), (Some("recipient"), Some(1)));
    let holder = potdraw_cli::render::fingerprint(rank1["leaf"].as_str().unwrap());
    let list = t["lists"][0]["name"].as_str().unwrap().to_string();
    std::fs::remove_file(dir.path().join("amendments.json")).unwrap();
    let mut c = common::potdraw(dir.path());
    c.args(["amend", "transcript.json", "--record", "amendments.json", "--list", &list, "--place", "1"]);
    c.args(["--holder", &holder, "--reason", "declined", "--date", "2027-01-20", "--yes"]);
    c.assert().code(0);
    let v2 = read_json(&dir.path().join("amendments.json"));
    assert_eq!(v2["format"], "potdraw/amendments/v2");
    // The printable report shows each list's final list and the event (issue 27).
    common::potdraw(dir.path())
        .args(["--lang", "en", "report", "transcript.json", "--amendments", "amendments.json", "--out", "r.html"])
        .assert()
        .code(0);
    let html = std::fs::read_to_string(dir.path().join("r.html")).unwrap();
    assert!(html.contains("id=\"amendments\"") && html.contains("declined; reserve 1 steps in"), "{html}");
    assert_eq!(html.matches("<ol class=\"final\">").count(), t["lists"].as_array().unwrap().len(), "{html}");
    std::fs::remove_file(dir.path().join("r.html")).unwrap();
    // `results --amendments` names the final lists (issue 27): place 1 of the
    // first list is held by its reserve 1, who moved up; the person who declined left.
    let receipts = fixtures.join("v4/two-lists/receipts.jsonl");
    let out = common::potdraw(dir.path())
        .args(["--lang", "nl", "results", "transcript.json", "--amendments", "amendments.json", "--receipts"])
        .arg(&receipts)
        .assert()
        .code(0);
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let reserve_1 = &t["lists"][0]["result"][t["commitment"]["lists"][0]["recipients"].as_u64().unwrap() as usize];
    let id_of = |leaf: &Value| -> String {
        let all = std::fs::read_to_string(&receipts).unwrap();
        let r = all.lines().map(|l| serde_json::from_str::<Value>(l).unwrap()).find(|r| &r["leaf"] == leaf).unwrap();
        r["id"].as_str().unwrap().to_string()
    };
    let row = text.lines().find(|l| l.starts_with("plaats 1 ")).unwrap_or_else(|| panic!("{text}"));
    assert!(row.contains(&id_of(&reserve_1["leaf"])) && row.contains("reserve 1, doorgeschoven"), "{text}");
    assert!(text.contains(&id_of(&rank1["leaf"])) && text.contains("ziet af"), "{text}");
    assert!(text.contains(&format!("lijst {list}:")), "{text}");
    let out = common::potdraw(dir.path()).args(["audit", ".", "--json"]).assert().code(0);
    let json: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(json["problems"], serde_json::json!([]), "{json}");
    let mut other = v2.clone();
    other["events"][0]["reason"] = "unreachable".into();
    write_json(&dir.path().join("amendments-again.json"), &other);
    let out = common::potdraw(dir.path()).args(["audit", ".", "--json"]).assert().code(1);
    let json: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let problems: Vec<&str> =
        json["problems"].as_array().unwrap().iter().map(|p| p["problem"].as_str().unwrap()).collect();
    assert_eq!(problems, ["amendments-rewritten"], "{json}");
}

/// Issue 27: two neighbourhoods, each with its own pot (`--list-pot`,
/// SPEC §17.6), and travel companions: each pot pays its own grants, the
/// commitment records both amounts, and `verify` checks both.
#[test]
fn each_neighbourhood_has_its_own_pot() {
    let l = Lists::new();
    let zuid = l.pot.path("zuid.csv");
    let mut csv = String::from("id\n");
    for i in 1..=9 {
        csv.push_str(&format!("ZUID-{i:03}\n"));
    }
    std::fs::write(&zuid, csv).unwrap();
    let mut c = l.pot.cmd();
    c.args(["--lang", "nl", "commit", "--list"])
        .arg(format!("noord={}", l.pot.csv.display()))
        .arg("--list")
        .arg(format!("zuid={}", zuid.display()))
        .arg("--list")
        .arg(format!("reisgenoten={}", l.companions.display()))
        .args(["--list-pot", "noord=60000", "--list-pot", "zuid=72000", "--companions", "reisgenoten=noord"])
        .args(["--list-reserves", "zuid=2", "--list-reserves", "reisgenoten=2"])
        .args(["--entropy", "dice:room:10", "--entropy", "numbers:lotto:6", "--created-at", "2026-12-01T12:00:00Z"])
        .arg("--out")
        .arg(&l.pot.out);
    let said = succeeds(&mut c);
    let commitment: Value = serde_json::from_slice(&std::fs::read(l.pot.commitment()).unwrap()).unwrap();
    let lists = commitment["lists"].as_array().unwrap();
    let pot = |i: usize| {
        (lists[i]["rule"].as_str(), lists[i]["pot"]["amount_cents"].as_u64(), lists[i]["recipients"].as_u64())
    };
    assert_eq!(pot(0), (Some("pot"), Some(6_000_000), Some(5)), "{said}");
    assert_eq!(pot(1), (Some("pot"), Some(7_200_000), Some(6)), "{said}");
    assert_eq!((lists[2]["rule"].as_str(), lists[2]["recipients"].as_u64()), (Some("companions"), Some(5)));
    assert!(said.contains("lijst noord: 12 deelnemers; 5 ontvangers betaald uit de pot"), "{said}");
    assert!(said.contains("lijst zuid: 9 deelnemers; 6 ontvangers betaald uit de pot"), "{said}");
    succeeds(&mut l.pot.draw_cmd());
    let verified = succeeds(l.pot.cmd().args(["--lang", "nl", "verify"]).arg(&l.pot.transcript));
    assert!(
        verified.contains("lijst noord: 5 schenkingen") && verified.contains("lijst zuid: 6 schenkingen"),
        "{verified}"
    );
}

/// Issue 27: the seed of a draw with several lists goes on paper like any
/// other: `seed-sheet` takes the v4 commitment, and the seed typed back from
/// the sheet's groups of four draws the same transcript.
#[test]
fn the_seed_sheet_of_several_lists_prints_the_seed_that_draws() {
    let l = Lists::drawn();
    let sheet = l.pot.path("seed.html");
    let mut c = l.pot.cmd();
    c.args(["--lang", "nl", "seed-sheet", "--commitment"]).arg(l.pot.commitment());
    c.arg("--seed").arg(l.pot.seed()).arg("--out").arg(&sheet);
    succeeds(&mut c);
    assert_eq!(mode(&sheet), 0o600);
    let html = std::fs::read_to_string(&sheet).unwrap();
    let seed = std::fs::read_to_string(l.pot.seed()).unwrap().trim().to_string();
    let grouped = potdraw_cli::cmd::seed_sheet::grouped(&seed);
    assert!(html.contains(&grouped), "the seed in groups of four");
    assert!(html.contains("Reisgezelschap"), "the draw's title");
    let typed = l.pot.path("typed-seed");
    std::fs::write(&typed, grouped.to_uppercase()).unwrap();
    let again = l.pot.path("again.json");
    let mut d = l.pot.cmd();
    d.arg("draw").arg("--commitment").arg(l.pot.commitment()).arg("--seed").arg(&typed);
    d.args(["--entropy", &format!("room={ROOM}"), "--entropy", &format!("lotto={LOTTO}"), "--out"]).arg(&again);
    succeeds(&mut d);
    assert_eq!(std::fs::read(&again).unwrap(), std::fs::read(&l.pot.transcript).unwrap());
}

fn sheets_fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/sheets").join(name)
}

/// Issue 28: one workbook for the whole evening, as LibreOffice wrote it
/// (fixtures/sheets/avond.xlsx and .ods from src/avond.fods): a tab per list
/// with `--list-sheet`, or the member sheet filtered with `--where` and
/// `--list-where`; the summary says per list how many rows each filter left
/// out (compared trimmed and in any case: "zuid " and "Ja" count).
#[test]
fn one_workbook_for_the_whole_evening() {
    for book in ["avond.xlsx", "avond.ods"] {
        let file = sheets_fixture(book);
        let p = Pot::new();
        let mut c = p.cmd();
        c.args(["--lang", "nl", "commit"]);
        for (list, sheet) in [("noord", "Noord"), ("zuid", "Zuid"), ("reisgenoten", "Reisgenoten")] {
            c.arg("--list").arg(format!("{list}={}", file.display()));
            c.args(["--list-sheet", &format!("{list}={sheet}")]);
        }
        c.args(["--list-pot", "noord=60000", "--list-pot", "zuid=60000", "--companions", "reisgenoten=noord"]);
        c.args(["--entropy", "dice:room:10", "--entropy", "numbers:lotto:6", "--out"]).arg(&p.out);
        let said = succeeds(&mut c);
        for (sheet, n) in [("Noord", 10), ("Zuid", 9), ("Reisgenoten", 14)] {
            assert!(said.contains(&format!("blad \"{sheet}\"")), "{book}: {said}");
            assert!(said.contains(&format!("{n} deelnemers")), "{book} {sheet}: {said}");
        }
        let c = p.commitment_json();
        let counts: Vec<u64> =
            c["lists"].as_array().unwrap().iter().map(|l| l["candidates"]["count"].as_u64().unwrap()).collect();
        assert_eq!(counts, [10, 9, 14], "{book}");

        // The member sheet, filtered: who takes part, per neighbourhood.
        let p = Pot::new();
        let mut c = p.cmd();
        c.args(["--lang", "nl", "commit", "--where", "Doet mee aan loting=ja"]);
        for (list, wijk) in [("noord", "Noord"), ("zuid", "Zuid")] {
            c.arg("--list").arg(format!("{list}={}", file.display()));
            c.args(["--list-sheet", &format!("{list}=Leden"), "--list-where", &format!("{list}=Wijk={wijk}")]);
        }
        c.args(["--list-pot", "noord=60000", "--list-pot", "zuid=60000"]);
        c.args(["--entropy", "dice:room:10", "--entropy", "numbers:lotto:6", "--out"]).arg(&p.out);
        let said = succeeds(&mut c);
        let c = p.commitment_json();
        let counts: Vec<u64> =
            c["lists"].as_array().unwrap().iter().map(|l| l["candidates"]["count"].as_u64().unwrap()).collect();
        assert_eq!(counts, [9, 8], "{book}: one 'nee' in each neighbourhood: {said}");
        assert_eq!(
            said.matches("weggelaten: 2 rijen waarin \"Doet mee aan loting\" niet \"ja\" is").count(),
            2,
            "{said}"
        );
        assert!(said.contains("weggelaten: 8 rijen waarin \"Wijk\" niet \"Noord\" is"), "{said}");
        assert!(said.contains("weggelaten: 9 rijen waarin \"Wijk\" niet \"Zuid\" is"), "{said}");
    }
    // A filter on a column the sheet does not have is named, with the columns it has.
    let p = Pot::new();
    let mut c = p.cmd();
    c.args(["--lang", "nl", "commit", "--candidates"]).arg(sheets_fixture("avond.xlsx"));
    c.args(["--sheet", "Leden", "--where", "Buurt=Noord", "--pot", POT, "--entropy", "dice:room:10", "--out"])
        .arg(&p.out);
    let err = fails(&mut c, 2, &["list-where-column", "\"Buurt\"", "\"Wijk\""]);
    assert!(!p.out.exists(), "{err}");
}
