//! The RFC 3797 method through the binary (SPEC §12): commit --method
//! rfc3797 → draw (no seed) → verify → check; its refusals; and
//! `potdraw rfc3797` replaying the RFC's own worked example (RFC 3797 §6).

mod common;

use common::*;
use predicates::prelude::*;
use serde_json::Value;

/// The standard candidates without the weight column: the RFC 3797 method is unweighted.
fn unweighted_csv() -> String {
    let mut s = String::from("id,name\n");
    for (id, _, name) in CANDIDATES {
        s.push_str(&format!("{id},\"{name}\"\n"));
    }
    s
}

fn commit_rfc(p: &Pot, extra: &[&str]) -> assert_cmd::Command {
    let mut c = p.cmd();
    c.arg("commit")
        .arg("--candidates")
        .arg(&p.csv)
        .args(["--method", "rfc3797", "--pot", POT, "--entropy", "numbers:lotto:6", "--entropy", "numbers:daily:1"])
        .args(["--title", "Testpot RFC", "--created-at", "2026-12-01T12:00:00Z"])
        .arg("--out")
        .arg(&p.out)
        .args(extra);
    c
}

fn draw_rfc(p: &Pot, entropy: &[&str]) -> assert_cmd::Command {
    let mut c = p.cmd();
    c.arg("draw").arg("--commitment").arg(p.commitment());
    for e in entropy {
        c.args(["--entropy", e]);
    }
    c.arg("--out").arg(&p.transcript);
    c
}

#[test]
fn commit_draw_verify_check() {
    let p = Pot::with_csv(unweighted_csv().as_bytes());
    let out = succeeds(&mut commit_rfc(&p, &[]));
    assert!(out.contains("RFC 3797 method") && out.contains("no secret seed"), "{out}");
    assert!(!p.seed().exists(), "the RFC 3797 method writes no seed");
    let c = p.commitment_json();
    assert_eq!(c["format"], "potdraw/commitment/rfc3797-v2");
    assert_eq!(c["entropy_plan"][0]["count"], 6);
    assert!(c.get("seed_commitment").is_none());
    assert_eq!(c["entropy_plan"][0]["kind"], "numbers");
    assert!(c["candidates"]["entries"].as_array().unwrap().iter().all(|e| e["weight"] == 1));

    // Commas, extra spaces and leading zeros as people type them.
    let out = succeeds(&mut draw_rfc(&p, &["lotto=41, 3 14  15,22 35", "daily=0927"]));
    let t = p.transcript_json();
    assert_eq!(t["format"], "potdraw/transcript/rfc3797-v2");
    // SPEC §12.9: recorded in their one canonical form.
    assert_eq!(t["entropy"][0]["value"], "3 14 15 22 35 41");
    assert_eq!(t["entropy"][1]["value"], "927");
    assert_eq!(t["key"], "3.14.15.22.35.41./927./");
    assert!(out.contains("RFC 3797 key 3.14.15.22.35.41./927./"), "{out}");
    for m in ["seed", "entropy_digest", "draw_seed"] {
        assert!(t.get(m).is_none(), "{m}");
    }

    // The picks are the RFC's, replayed independently by `potdraw rfc3797` (1-based).
    let n = CANDIDATES.len().to_string();
    let picks = (K + R).to_string();
    let replay = succeeds(p.cmd().args(["rfc3797", "--pool", &n, "--select", &picks]).args([
        "--source",
        "3 14 15 22 35 41",
        "--source",
        "927",
    ]));
    let want: Vec<String> =
        t["result"].as_array().unwrap().iter().map(|r| (r["index"].as_u64().unwrap() + 1).to_string()).collect();
    assert!(replay.contains(&format!("Selected, in order: {}", want.join(", "))), "{replay}\n{want:?}");

    let out = succeeds(p.cmd().arg("verify").arg(&p.transcript).arg("--commitment").arg(p.commitment()));
    assert!(out.contains("VERIFIED"), "{out}");
    assert!(out.contains("--    seed-commitment       not applicable"), "{out}");
    let json: Value = serde_json::from_str(&succeeds(p.cmd().arg("verify").arg(&p.transcript).arg("--json"))).unwrap();
    assert_eq!(json["verified"], true);
    let seed_check = json["checks"].as_array().unwrap().iter().find(|c| c["check"] == "seed-commitment").unwrap();
    assert_eq!(seed_check["status"], "not-applicable");

    // Every participant's check agrees with the result lines.
    for (id, _, _) in CANDIDATES {
        let r = p.receipt_of(id);
        assert_eq!(r["weight"], 1);
        let expected = Expected::of(&t, r["leaf"].as_str().unwrap());
        let out =
            succeeds(p.cmd().arg("check").arg(&p.transcript).args(["--id", id, "--code", r["code"].as_str().unwrap()]));
        assert!(out.contains(&expected.sentence()), "{id}: {out}");
    }

    // A changed lottery number fails draw-replay (exit 1).
    let mut forged = t.clone();
    forged["entropy"][0]["value"] = "3 14 15 22 35 42".into();
    write_json(&p.path("forged.json"), &forged);
    let a = p.cmd().arg("verify").arg(p.path("forged.json")).assert().code(1);
    assert!(stdout(a.get_output()).contains("FAIL  draw-replay"));
    // SPEC §12.9: an added number fails the plan, which fixed six.
    forged["entropy"][0]["value"] = "3 14 15 17 22 35 41".into();
    write_json(&p.path("forged.json"), &forged);
    let a = p.cmd().arg("verify").arg(p.path("forged.json")).assert().code(1);
    assert!(stdout(a.get_output()).contains("FAIL  entropy-plan"));
}

#[test]
fn refusals() {
    // Weights are refused at commit, naming the line.
    let weighted = Pot::new();
    fails(&mut commit_rfc(&weighted, &[]), 2, &["line 3: weight 2", "unweighted"]);
    assert!(!weighted.commitment().exists());

    let p = Pot::with_csv(unweighted_csv().as_bytes());
    fails(
        p.cmd()
            .arg("commit")
            .arg("--candidates")
            .arg(&p.csv)
            .args(["--method", "rfc3797", "--pot", POT, "--entropy", "dice:room:10"])
            .arg("--out")
            .arg(&p.out),
        2,
        &["--entropy \"dice:room:10\"", "numbers:LABEL"],
    );
    fails(
        p.cmd()
            .arg("commit")
            .arg("--candidates")
            .arg(&p.csv)
            .args(["--pot", POT, "--entropy", "numbers:x"])
            .arg("--out")
            .arg(&p.out),
        2,
        &["numbers:LABEL without a count belongs to --method rfc3797"],
    );
    fails(
        p.cmd()
            .arg("commit")
            .arg("--candidates")
            .arg(&p.csv)
            .args(["--method", "md5", "--pot", POT, "--entropy", "numbers:x"])
            .arg("--out")
            .arg(&p.out),
        2,
        &["--method"],
    );

    succeeds(&mut commit_rfc(&p, &[]));
    // No seed for RFC 3797; a seed given is refused, not ignored.
    std::fs::write(p.path("seed"), format!("{}\n", "00".repeat(32))).unwrap();
    let mut with_seed = draw_rfc(&p, &["lotto=1 2 3 4 5 6", "daily=4"]);
    with_seed.arg("--seed").arg(p.path("seed"));
    fails(&mut with_seed, 2, &["--seed", "expected no seed", "RFC 3797"]);
    fails(&mut draw_rfc(&p, &["lotto=1 2 x", "daily=4"]), 2, &["--entropy", "6 whole numbers", "\"x\""]);
    fails(&mut draw_rfc(&p, &["lotto=1 2 3 4 5 6"]), 2, &["no value given", "daily"]);
    assert!(!p.transcript.exists());

    // v1 still requires --seed.
    let v1 = Pot::committed();
    let mut no_seed = v1.cmd();
    no_seed
        .arg("draw")
        .arg("--commitment")
        .arg(v1.commitment())
        .args(["--entropy", "room=3141526535", "--entropy", "lotto=1"])
        .arg("--out")
        .arg(&v1.transcript);
    fails(&mut no_seed, 2, &["--seed", "potdraw-v1"]);
}

/// RFC 3797 §6: the fully worked example, as printed by the RFC's reference program.
#[test]
fn replays_the_rfc_example() {
    let dir = tempfile::tempdir().unwrap();
    let out = succeeds(potdraw(dir.path()).args(["rfc3797", "--pool", "25", "--select", "10"]).args([
        "--source",
        "9319",
        "--source",
        "2 5 12 8 10",
        "--source",
        "9 18 26 34 41 45",
    ]));
    assert!(out.contains("Key is:\n 9319./2.5.8.10.12./9.18.26.34.41.45./\n"), "{out}");
    for line in [
        " 1  990DD0A5692A029A98B5E01AA28F3459  25  -> 17 <-",
        " 2  3691E55CB63FCC37914430B2F70B5EC6  24  ->  7 <-",
        " 5  F4AB33DF4889F0AF29C513905BE1D758  21  -> 25 <-",
        "10  31CB111C4A4EBE9287CEAE16FE51B909  16  -> 13 <-",
    ] {
        assert!(out.contains(line), "missing {line:?} in\n{out}");
    }
    assert!(out.contains("Selected, in order: 17, 7, 2, 16, 25, 23, 8, 24, 19, 13\n"), "{out}");

    fails(potdraw(dir.path()).args(["rfc3797", "--pool", "5", "--select", "6", "--source", "1"]), 2, &["--select"]);
    fails(
        potdraw(dir.path()).args(["rfc3797", "--pool", "5", "--select", "2", "--source", "Lotto 3 14"]),
        2,
        &["--source #1", "\"Lotto\"", "not supported"],
    );
    potdraw(dir.path())
        .args(["rfc3797", "--pool", "5", "--select", "2"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--source"));
}

/// SPEC §12.1: the limits that bound a replay's MD5 work (4096 picks, a key
/// of 16,384 bytes) hold at the draw and in `potdraw rfc3797`, exactly at
/// their edges, and the refusals name them.
#[test]
fn limits_bound_every_replay() {
    // 100-digit numbers without leading zeros: each adds 101 bytes to the key.
    let numbers = |n: usize| (0..n).map(|i| format!("9{i:099}")).collect::<Vec<_>>();
    // An rfc3797-v1 commitment (numbers without a count, as published before
    // SPEC §12.9): only such a plan takes numbers this long.
    let p = Pot::with_csv(unweighted_csv().as_bytes());
    std::fs::create_dir_all(p.commitment().parent().unwrap()).unwrap();
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/rfc3797/example/commitment.json");
    std::fs::copy(fixture, p.commitment()).unwrap();
    // 162 numbers of 100 digits and one of 17, then "1./": a key of exactly 16,384 bytes.
    let mut at_limit = numbers(162);
    at_limit.push("12345678901234567".into());
    let lotto = format!("lotto-2026-12-05={}", at_limit.join(","));
    succeeds(&mut draw_rfc(&p, &[&lotto, "daily-2026-12-05=1"]));
    assert_eq!(p.transcript_json()["key"].as_str().unwrap().len(), 16_384);
    succeeds(p.cmd().arg("verify").arg(&p.transcript));
    std::fs::remove_file(&p.transcript).unwrap();
    // One digit more is refused before anything is written.
    let lotto = format!("{lotto}8");
    fails(
        &mut draw_rfc(&p, &[&lotto, "daily-2026-12-05=1"]),
        2,
        &["--entropy", "at most 16384 bytes", "of 16385 bytes"],
    );
    let mut nl = p.cmd();
    nl.args(["--lang", "nl", "draw", "--commitment"]).arg(p.commitment()).args(["--entropy", &lotto]);
    nl.args(["--entropy", "daily-2026-12-05=1", "--out"]).arg(&p.transcript);
    fails(&mut nl, 2, &["hoogstens 16384 bytes", "van 16385 bytes"]);
    assert!(!p.transcript.exists());

    let dir = tempfile::tempdir().unwrap();
    let replay = |select: &str, sources: &[String]| {
        let mut c = potdraw(dir.path());
        c.args(["rfc3797", "--pool", "5000", "--select", select]);
        for s in sources {
            c.args(["--source", s]);
        }
        c
    };
    let two = [numbers(81).join(","), numbers(81).join(",")];
    let out = succeeds(&mut replay("4096", &two));
    assert!(out.contains("4096  ") && out.contains("Selected, in order: "), "{out}");
    fails(&mut replay("4097", &two), 2, &["--select", "at most 4096", "4097"]);
    let long = [numbers(81).join(","), numbers(82).join(",")];
    fails(&mut replay("1", &long), 2, &["--source", "at most 16384 bytes", "of 16465 bytes"]);
}
