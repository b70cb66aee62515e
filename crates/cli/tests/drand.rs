//! drand sources end to end (SPEC §13): commit → draw → verify with a real
//! round of quicknet and of mainnet, and the refusals: a forged signature, a
//! wrong round, a missing previous signature, a past round without
//! --allow-past-round, and a transcript whose signature was altered.
//!
//! The rounds are real published rounds, read from fixtures/drand (each file
//! names its source). They lie in the past, so commits either pass the hidden
//! testing flag `--now` (a clock before the round) or `--allow-past-round`.

mod common;

use common::*;
use serde_json::Value;
use std::path::PathBuf;

/// The beacon JSON body of fixtures/drand/NAME.txt.
fn round(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/drand").join(format!("{name}.txt"));
    let text = std::fs::read_to_string(&path).unwrap();
    let (_, body) = text.split_once("\n\n").unwrap();
    serde_json::from_str(body).unwrap()
}

fn s<'a>(v: &'a Value, k: &str) -> &'a str {
    v[k].as_str().unwrap_or_else(|| panic!("no {k} in {v}"))
}

const BEFORE_QUICKNET_ROUND: &str = "2024-01-01T00:00:00Z";

/// `commit` with dice and one drand source.
fn commit_drand(p: &Pot, drand: &str, extra: &[&str]) -> assert_cmd::Command {
    let mut c = p.cmd();
    c.arg("commit")
        .arg("--candidates")
        .arg(&p.csv)
        .args(["--pot", POT, "--entropy", "dice:room:10", "--entropy", drand])
        .args(["--title", "Testpot", "--created-at", "2023-12-01T12:00:00Z"])
        .arg("--out")
        .arg(&p.out)
        .args(extra);
    c
}

fn verify_json(p: &Pot) -> (i32, Value) {
    let o = p
        .cmd()
        .arg("verify")
        .arg(&p.transcript)
        .arg("--commitment")
        .arg(p.commitment())
        .arg("--json")
        .output()
        .unwrap();
    (o.status.code().unwrap(), serde_json::from_slice(&o.stdout).unwrap())
}

#[test]
fn quicknet_round_commit_draw_verify() {
    let r = round("quicknet-30662982");
    let p = Pot::new();
    let out = succeeds(&mut commit_drand(&p, "drand:beacon:quicknet:30662982", &["--now", BEFORE_QUICKNET_ROUND]));
    assert!(out.contains("beacon (drand round 30662982 of quicknet"), "{out}");
    assert!(!out.contains("WARNING"), "{out}");
    let c = p.commitment_json();
    assert_eq!(c["format"], "potdraw/commitment/v2");
    let plan = &c["entropy_plan"][1];
    assert_eq!((plan["kind"].as_str(), plan["round"].as_u64()), (Some("drand"), Some(30662982)));
    assert_eq!(plan["chain"]["hash"], "52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971");
    assert_eq!(plan["chain"]["scheme"], "bls-unchained-g1-rfc9380");

    let sig = s(&r, "signature");
    succeeds(&mut p.draw_cmd_with(&[&format!("room={ROOM}"), &format!("beacon={sig}")], &p.transcript));
    let t = p.transcript_json();
    assert_eq!(t["format"], "potdraw/transcript/v2");
    let e = &t["entropy"][1];
    assert_eq!((e["round"].as_u64(), e["signature"].as_str()), (Some(30662982), Some(sig)));
    assert_eq!(e["value"], r["randomness"], "the randomness drand served is SHA-256 of the signature");
    assert!(e.get("previous_signature").is_none());

    let (code, report) = verify_json(&p);
    assert_eq!(code, 0, "{report}");
    let ids: Vec<&str> = report["checks"].as_array().unwrap().iter().map(|c| c["check"].as_str().unwrap()).collect();
    assert_eq!(ids, CHECK_ORDER);
    let text = succeeds(p.cmd().arg("verify").arg(&p.transcript));
    assert!(text.contains("ok    beacon") && text.contains("round 30662982"), "{text}");

    // One bit of the recorded signature changed: the beacon check fails (exit 1).
    let mut tampered = t.clone();
    let mut bytes = hex::decode(sig).unwrap();
    bytes[20] ^= 0x01;
    tampered["entropy"][1]["signature"] = Value::from(hex::encode(bytes));
    write_json(&p.transcript, &tampered);
    let (code, report) = verify_json(&p);
    assert_eq!((code, report["failed_check"].as_str()), (1, Some("beacon")), "{report}");
    // A v2 transcript relabelled v1 is unusable: v1 has no drand kind (exit 2).
    let mut relabelled = t.clone();
    relabelled["format"] = Value::from("potdraw/transcript/v1");
    relabelled["commitment"]["format"] = Value::from("potdraw/commitment/v1");
    write_json(&p.transcript, &relabelled);
    p.cmd().arg("verify").arg(&p.transcript).assert().code(2);
}

#[test]
fn mainnet_chained_round_from_a_beacon_file_with_allow_past_round() {
    let r = round("mainnet-3907447");
    let p = Pot::new();
    // No --now: the real clock, and this 2024 round lies in the past.
    let out = succeeds(&mut commit_drand(&p, "drand:beacon:mainnet:3907447", &["--allow-past-round"]));
    assert!(out.contains("*** WARNING: drand round 3907447 of chain default"), "{out}");
    let file = p.path("beacon.json");
    write_json(&file, &r);
    let mut draw = p.draw_cmd_with(&[&format!("room={ROOM}")], &p.transcript);
    succeeds(draw.arg("--beacon").arg(format!("beacon={}", file.display())));
    let e = &p.transcript_json()["entropy"][1];
    assert_eq!(e["previous_signature"], r["previous_signature"]);
    assert_eq!(e["value"], r["randomness"]);
    assert_eq!(verify_json(&p).0, 0);
}

#[test]
fn draw_refuses_forged_wrong_round_and_incomplete_beacons() {
    let r = round("mainnet-3907447");
    let p = Pot::new();
    succeeds(&mut commit_drand(&p, "drand:beacon:mainnet:3907447", &["--allow-past-round"]));
    let (sig, prev) = (s(&r, "signature"), s(&r, "previous_signature"));
    let draw = |entropy: &str, extra: &[String]| {
        let mut c = p.draw_cmd_with(&[&format!("room={ROOM}"), entropy], &p.transcript);
        c.args(extra);
        c
    };
    let prev_flag = vec!["--previous-signature".to_string(), format!("beacon={prev}")];
    // Genuine, given as flags.
    succeeds(&mut draw(&format!("beacon={sig}"), &prev_flag));
    std::fs::remove_file(&p.transcript).unwrap();
    // A chained round without its previous signature.
    fails(&mut draw(&format!("beacon={sig}"), &[]), 2, &["\"beacon\"", "missing-previous-signature"]);
    // One hex digit of the signature changed: forged.
    let forged = flip_hex(sig, 100);
    fails(&mut draw(&format!("beacon={forged}"), &prev_flag), 2, &["\"beacon\"", "bad-signature", "round 3907447"]);
    // The genuine previous round (3907446) presented for the planned round 3907447.
    let other = round("mainnet-3907446");
    let wrong = vec!["--previous-signature".to_string(), format!("beacon={}", s(&other, "previous_signature"))];
    fails(&mut draw(&format!("beacon={}", s(&other, "signature")), &wrong), 2, &["bad-signature"]);
    // A beacon file of another round.
    let file = p.path("other.json");
    write_json(&file, &other);
    let mut c = p.draw_cmd_with(&[&format!("room={ROOM}")], &p.transcript);
    fails(
        c.arg("--beacon").arg(format!("beacon={}", file.display())),
        2,
        &["round: expected 3907447", "found 3907446"],
    );
    // A quicknet signature for a mainnet source: wrong chain.
    let q = round("quicknet-2");
    fails(&mut draw(&format!("beacon={}", s(&q, "signature")), &prev_flag), 2, &["signature-length", "96 bytes"]);
    assert!(!p.transcript.exists(), "no transcript is written for a refused beacon");
}

#[test]
fn commit_refuses_a_past_round_and_turns_a_time_into_the_next_round() {
    let p = Pot::new();
    fails(
        &mut commit_drand(&p, "drand:beacon:quicknet:30662982", &["--now", "2026-12-01T00:00:00Z"]),
        2,
        &["drand round 30662982", "--allow-past-round"],
    );
    assert!(!p.commitment().exists());
    // 2026-12-05T19:30:01Z is 1 s after round 34565212: the next round is chosen.
    let now = ["--now", "2026-12-01T00:00:00Z"];
    succeeds(&mut commit_drand(&p, "drand:beacon:quicknet:2026-12-05T19:30:01Z", &now));
    assert_eq!(p.commitment_json()["entropy_plan"][1]["round"], 34565213);
}

/// SPEC §10: the lowest version that can express the plan, so that what
/// v1 could express is written byte for byte as before.
#[test]
fn a_plan_of_dice_stays_v1_and_numbers_make_v3() {
    let p = Pot::new();
    let mut cmd = p.cmd();
    cmd.arg("commit").arg("--candidates").arg(&p.csv).args(["--pot", POT, "--entropy", "dice:room:10", "--out"]);
    let out = succeeds(cmd.arg(&p.out));
    assert_eq!(p.commitment_json()["format"], "potdraw/commitment/v1");
    assert!(out.contains("every public source of this plan is produced in the room"), "{out}");
    let q = Pot::committed();
    assert_eq!(q.commitment_json()["format"], "potdraw/commitment/v3");
}

#[test]
fn a_custom_chain_from_a_chain_info_file() {
    let p = Pot::new();
    let info = p.path("info.json");
    // Byte for byte what https://api.drand.sh/52db9ba7…/info serves.
    std::fs::write(&info, r#"{"public_key":"83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a","period":3,"genesis_time":1692803367,"hash":"52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971","groupHash":"f477d5c89f21a17c863a7f937c6a6d15859414d2be09cd448d4279af331c5d3e","schemeID":"bls-unchained-g1-rfc9380","metadata":{"beaconID":"quicknet"}}"#).unwrap();
    let spec = format!("drand:beacon:{}:30662990", info.display());
    succeeds(&mut commit_drand(&p, &spec, &["--now", BEFORE_QUICKNET_ROUND]));
    let r = round("quicknet-30662990");
    succeeds(
        &mut p.draw_cmd_with(&[&format!("room={ROOM}"), &format!("beacon={}", s(&r, "signature"))], &p.transcript),
    );
    let (code, report) = verify_json(&p);
    assert_eq!(code, 0);
    let beacon = report["checks"].as_array().unwrap().iter().find(|c| c["check"] == "beacon").unwrap();
    assert!(beacon["detail"].as_str().unwrap().ends_with("quicknet round 30662990"), "{beacon}");
    // The same file with another period no longer matches its chain hash.
    let text = std::fs::read_to_string(&info).unwrap().replace("\"period\":3", "\"period\":4");
    std::fs::write(&info, text).unwrap();
    fails(&mut commit_drand(&p, &spec, &["--now", BEFORE_QUICKNET_ROUND, "--force"]), 2, &["chain-hash"]);
}

#[test]
fn beacon_subcommands() {
    let dir = tempfile::tempdir().unwrap();
    let r = round("mainnet-72785");
    let args = |sig: &str| {
        let mut c = potdraw(dir.path());
        c.args(["beacon", "verify", "--chain", "mainnet", "--round", "72785", "--signature", sig])
            .args(["--previous-signature", s(&r, "previous_signature")]);
        c
    };
    let out = succeeds(&mut args(s(&r, "signature")));
    assert!(out.contains(&format!("randomness: {}", s(&r, "randomness"))), "{out}");
    let a = args(&flip_hex(s(&r, "signature"), 150)).assert().code(1);
    assert!(stdout(a.get_output()).contains("NOT GENUINE"));
    // Not hex at all: a usage error, not a forgery.
    fails(&mut args("xyz"), 2, &["--signature"]);
    let time = succeeds(potdraw(dir.path()).args(["beacon", "time-of", "--chain", "quicknet", "1"]));
    assert_eq!(time.trim(), "2023-08-23T15:09:27Z", "quicknet's genesis time 1692803367");
    let round_at =
        succeeds(potdraw(dir.path()).args(["beacon", "round-at", "--chain", "mainnet", "2020-07-22T15:18:01Z"]));
    assert_eq!(round_at.trim(), "3", "1 s after round 2 (genesis 1595431050 + 30 s)");
}

/// The ceremony with a quicknet round pasted by hand (the default build has
/// no network): a short signature, one that is not hex and a forged one are
/// explained and asked again; the genuine one goes in, and the transcript is
/// byte for byte the one `draw` writes from the same inputs.
#[test]
fn ceremony_with_a_pasted_drand_round_writes_what_draw_writes() {
    let r = round("quicknet-30662982");
    let sig = s(&r, "signature");
    let forged = flip_hex(sig, 5);
    let p = Pot::new();
    succeeds(&mut commit_drand(&p, "drand:beacon:quicknet:30662982", &["--now", BEFORE_QUICKNET_ROUND]));
    succeeds(&mut p.draw_cmd_with(&[&format!("room={ROOM}"), &format!("beacon={sig}")], &p.transcript));
    let by_draw = std::fs::read(&p.transcript).unwrap();

    for lang in ["en", "nl"] {
        let out = p.out.join(format!("ceremony-{lang}.json"));
        let input = format!("\n\n{ROOM}\n\nabcd\nxyz{}\n{forged}\n{sig}\n{}", &sig[3..], "\n".repeat(20));
        let o = p
            .cmd()
            .args(["--lang", lang, "ceremony", "--commitment"])
            .arg(p.commitment())
            .arg("--seed")
            .arg(p.seed())
            .arg("--out")
            .arg(&out)
            .arg("--report")
            .arg(p.out.join(format!("report-{lang}.html")))
            .write_stdin(input)
            .output()
            .unwrap();
        let shown = stdout(&o);
        assert_eq!(o.status.code(), Some(0), "{shown}{}", stderr(&o));
        let (length, not_hex, forged_msg, genuine, local) = match lang {
            "en" => (
                "That is 4 characters; a signature of this chain has 96.",
                "That is not hexadecimal",
                "This is not the genuine round 30662982",
                "✓ Genuine: round 30662982",
                // 07:38:30 UTC in summer is 09:38 in the Netherlands (issue 28).
                "Thursday 23 July 2026, 09:38 (Dutch time)",
            ),
            _ => (
                "Dat zijn 4 tekens; een handtekening van dit toevalsbaken heeft er 96.",
                "Dat is niet hexadecimaal",
                "Dit is niet de echte ronde 30662982",
                "✓ Echt: de handtekening van ronde 30662982",
                "donderdag 23 juli 2026, 09.38 uur",
            ),
        };
        for needle in [length, not_hex, forged_msg, genuine, local] {
            assert!(shown.contains(needle), "{lang}: {needle:?} not shown in\n{shown}");
        }
        assert!(shown.contains(s(&r, "randomness")), "the randomness is shown");
        assert_eq!(std::fs::read(&out).unwrap(), by_draw, "{lang}: the ceremony's transcript differs from draw's");
    }
}

/// Issue 28: a drand time typed without a zone is Dutch time, summer time
/// included: "12-12-2026 20.45" is the round of 19:45 UTC in winter, and
/// "03-07-2027 20.45" the round of 18:45 UTC in summer (both computed by
/// `beacon round-at` from the UTC form).
#[test]
fn a_drand_time_without_a_zone_is_dutch_time() {
    for (local, utc) in [("12-12-2026 20.45", "2026-12-12T19:45:00Z"), ("03-07-2027 20:45", "2027-07-03T18:45:00Z")] {
        let p = Pot::new();
        let round: u64 = {
            let out = succeeds(p.cmd().args(["beacon", "round-at", "--chain", "quicknet", utc]));
            out.trim().parse().unwrap()
        };
        let mut c = p.cmd();
        c.args(["--lang", "nl", "commit", "--candidates"]).arg(&p.csv).args(["--pot", POT]);
        c.args(["--entropy", "dice:room:10", "--entropy", &format!("drand:beacon:quicknet:{local}"), "--out"])
            .arg(&p.out);
        let said = succeeds(&mut c);
        let plan = &p.commitment_json()["entropy_plan"][1];
        assert_eq!(plan["round"].as_u64(), Some(round), "{local}: {said}");
        assert!(said.contains("20.45 uur"), "the round's time shown as Dutch time: {said}");
    }
}
