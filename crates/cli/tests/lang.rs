//! `verify` and `check` speak to people in English or Dutch (`--lang`, or the
//! locale), and `--json` stays the same machine text in every language.
//!
//! The expected sentences are written out here, not read from the catalogue:
//! they are the wording participants are promised (the web page says the
//! same, web/potdraw-verify.js `participantSentence`).

mod common;

use common::{potdraw, stderr, stdout};
use serde_json::Value;
use std::path::PathBuf;

fn example(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/example").join(name)
}

/// The body of a transcript vector (after the header and the empty line).
fn forged(dir: &std::path::Path) -> PathBuf {
    let vector =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/v1/transcripts/result-leaf-changed.txt");
    let text = std::fs::read_to_string(vector).unwrap();
    let body = &text[text.find("\n\n").unwrap() + 2..];
    let path = dir.join("forged.json");
    std::fs::write(&path, body).unwrap();
    path
}

/// What each receipt of the example says, in both languages, from the transcript's result.
#[test]
fn check_answers_every_participant_of_the_example_in_english_and_dutch() {
    let dir = tempfile::tempdir().unwrap();
    let transcript: Value = serde_json::from_slice(&std::fs::read(example("transcript.json")).unwrap()).unwrap();
    let result = transcript["result"].as_array().unwrap();
    let receipts = std::fs::read_to_string(example("receipts.jsonl")).unwrap();
    let mut seen = std::collections::BTreeSet::new();
    for line in receipts.lines() {
        let r: Value = serde_json::from_str(line).unwrap();
        let (id, leaf, weight) = (r["id"].as_str().unwrap(), r["leaf"].as_str().unwrap(), &r["weight"]);
        let drawn = result.iter().find(|p| p["leaf"] == leaf);
        let (en, nl) = match drawn.map(|p| (p["role"].as_str().unwrap(), &p["rank"])) {
            Some(("recipient", n)) => (
                format!("You were drawn as recipient number {n}."),
                format!("U bent getrokken als ontvanger nummer {n}."),
            ),
            Some(("reserve", n)) => {
                (format!("You were drawn as reserve number {n}."), format!("U bent getrokken als reserve nummer {n}."))
            }
            Some(other) => panic!("unexpected role {other:?}"),
            None => ("You were not drawn.".to_string(), "U bent niet getrokken.".to_string()),
        };
        seen.insert(drawn.map(|p| p["role"].as_str().unwrap()).unwrap_or("not drawn"));
        for (lang, want) in [
            ("en", format!("Your ticket was in the draw (weight {weight}). {en}")),
            ("nl", format!("Uw lot zat in de trekking (gewicht {weight}). {nl}")),
        ] {
            let a = potdraw(dir.path())
                .args(["--lang", lang, "check"])
                .arg(example("transcript.json"))
                .arg("--receipt")
                .arg(example("receipts.jsonl"))
                .args(["--id", id])
                .assert()
                .success();
            // The answer, then (the example being an old draw with a free text
            // source) the note of SPEC §9.8 as its own paragraph.
            let out = stdout(a.get_output());
            let (answer, note) = out.trim_end().split_once("\n\n").unwrap_or((out.trim_end(), ""));
            assert_eq!(answer, want, "{id} in {lang}");
            assert!(note.contains("SPEC §9.8"), "{id} in {lang}: no note of the free text source in {out:?}");
        }
    }
    assert_eq!(seen.len(), 3, "the example must have recipients, reserves and people not drawn: {seen:?}");
}

#[test]
fn the_language_comes_from_lang_when_no_flag_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let a = potdraw(dir.path())
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "nl_NL.UTF-8")
        .arg("check")
        .arg(example("transcript.json"))
        .args(["--id", "ZUID-019", "--code", "0S29-WB00-VX9Z-CFX7-V28C-YDS4-RCHR"])
        .assert()
        .success();
    let out = stdout(a.get_output());
    let (answer, note) = out.trim_end().split_once("\n\n").unwrap_or((out.trim_end(), ""));
    assert_eq!(answer, "Uw lot zat in de trekking (gewicht 1). U bent getrokken als ontvanger nummer 2.");
    assert!(note.starts_with("Let op: deze loting gebruikte een vrije tekst"), "{out}");
}

#[test]
fn a_ticket_not_in_the_draw_and_a_mistyped_code_in_dutch() {
    let dir = tempfile::tempdir().unwrap();
    // A well-formed code of this draw with an id that is not on the list: the
    // id as typed does not match (SPEC §8.4), never "not in the draw".
    let a = potdraw(dir.path())
        .args(["--lang", "nl", "check"])
        .arg(example("transcript.json"))
        .args(["--id", "ZUID-099", "--code", "0S29-WB00-VX9Z-CFX7-V28C-YDS4-RCHR"])
        .assert()
        .code(2);
    let out = stdout(a.get_output());
    assert!(
        out.starts_with("De controlecode hoort bij deze loting, maar past niet bij het id zoals u het typte"),
        "{out}"
    );
    // The last character changed: a typo, never "not in the draw".
    let a = potdraw(dir.path())
        .args(["--lang", "nl", "check"])
        .arg(example("transcript.json"))
        .args(["--id", "ZUID-019", "--code", "0S29-WB00-VX9Z-CFX7-V28C-YDS4-RCHS"])
        .assert()
        .code(2);
    let err = stderr(a.get_output());
    assert!(err.contains("de controlecode past niet bij deze loting: er is een tikfout gemaakt"), "{err}");
    assert!(!err.contains("NIET in de trekking"), "{err}");
    let a = potdraw(dir.path())
        .args(["--lang", "nl", "check"])
        .arg(example("transcript.json"))
        .args(["--id", "ZUID-019", "--code", "0S29-WB00"])
        .assert()
        .code(2);
    assert!(stderr(a.get_output()).contains("gevonden 8 tekens"), "{}", stderr(a.get_output()));
}

#[test]
fn verify_speaks_dutch_and_names_the_failed_check() {
    let dir = tempfile::tempdir().unwrap();
    let a = potdraw(dir.path()).args(["--lang", "nl", "verify"]).arg(example("transcript.json")).assert().success();
    let out = stdout(a.get_output());
    assert!(out.contains("  goed    format                potdraw/transcript/v1 met potdraw/commitment/v1\n"), "{out}");
    assert!(
        out.contains("goed    pot                   5 schenkingen van € 12.000,00 uit een pot van € 65.000,00; er blijft € 5.000,00 over"),
        "{out}"
    );
    assert!(out.contains("\nGEVERIFIEERD, de loting klopt: \"Buurtpot Zuid, december 2026\""), "{out}");
    assert!(
        out.contains("  ontvanger   1  lot 24c1f54eac3ed3859ecea6de016843d899127640ab18088fd2316f840a040e94"),
        "{out}"
    );
    let forged = forged(dir.path());
    let a = potdraw(dir.path()).args(["--lang", "nl", "verify"]).arg(&forged).assert().code(1);
    let out = stdout(a.get_output());
    assert!(out.contains("  FOUT    result                veld transcript.result[0].leaf\n"), "{out}");
    assert!(
        out.contains("          verwacht: 24c1f54eac3ed3859ecea6de016843d899127640ab18088fd2316f840a040e94\n"),
        "{out}"
    );
    assert!(
        out.contains("NIET GEVERIFIEERD: de controle result is mislukt.\nDe getrokken loten in het transcript zijn niet de loten die de trekking geeft. Vertrouw deze uitslag niet.\n"),
        "{out}"
    );
    assert!(!out.contains("GEVERIFIEERD, de loting klopt"), "{out}");
}

#[test]
fn json_is_the_same_machine_text_in_every_language() {
    let dir = tempfile::tempdir().unwrap();
    let forged = forged(dir.path());
    for (transcript, code) in [(example("transcript.json"), 0), (forged, 1)] {
        let run = |lang: &str| {
            let a = potdraw(dir.path()).args(["--lang", lang, "verify", "--json"]).arg(&transcript).assert().code(code);
            stdout(a.get_output())
        };
        let en = run("en");
        assert_eq!(en, run("nl"));
        let v: Value = serde_json::from_str(&en).unwrap();
        // The stable English of the verify crate's facts (unchanged since v1).
        let details: Vec<&str> = v["checks"].as_array().unwrap().iter().filter_map(|c| c["detail"].as_str()).collect();
        assert!(details.contains(&"5 grants of 1200000 cents from 6500000 cents, surplus 500000"), "{details:?}");
        assert!(details.contains(&"the revealed seed is the committed one"), "{details:?}");
    }
}

/// RFC 3797 §6's example replayed in Dutch: the RFC's own lines stay as the RFC prints them.
#[test]
fn rfc3797_replay_in_dutch() {
    let dir = tempfile::tempdir().unwrap();
    let a = potdraw(dir.path())
        .args(["--lang", "nl", "rfc3797", "--pool", "25", "--select", "10"])
        .args(["--source", "9319", "--source", "2 5 12 8 10", "--source", "9 18 26 34 41 45"])
        .assert()
        .success();
    let out = stdout(a.get_output());
    assert!(out.starts_with("Een pool van 25 items, genummerd 1 tot en met 25"), "{out}");
    assert!(out.contains("Er is ongeveer 21,"), "{out}");
    assert!(out.contains("Key is:\n 9319./2.5.8.10.12./9.18.26.34.41.45./\n"), "{out}");
    assert!(out.contains("Gekozen, in volgorde: 17, 7, 2, 16, 25, 23, 8, 24, 19, 13\n"), "{out}");
}
