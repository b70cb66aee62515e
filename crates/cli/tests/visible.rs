//! SPEC §2.4: values shown to people make invisible characters visible. The
//! attacker's case: a lottery text with U+200B before and after drew other
//! people than the plain text, and `draw`, the report and `verify` showed
//! both alike. Each must now show `⟨U+200B⟩`.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/example").join(name)
}

fn potdraw(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("potdraw").unwrap();
    cmd.env_remove("LC_ALL").env_remove("LC_MESSAGES").env_remove("LANG").current_dir(dir);
    cmd
}

#[test]
fn a_text_value_with_invisible_characters_is_visibly_different_on_screen_and_on_paper() {
    let dir = tempfile::tempdir().unwrap();
    let plain = "3 14 15 22 35 41";
    let mut outputs = Vec::new();
    for (name, value) in [("plain.json", plain.to_string()), ("hidden.json", format!("\u{200B}{plain}\u{200B}"))] {
        let out = dir.path().join(name);
        let draw = potdraw(dir.path())
            .arg("draw")
            .arg("--commitment")
            .arg(example("commitment.json"))
            .arg("--seed")
            .arg(example("seed"))
            .arg("--out")
            .arg(&out)
            .args(["--entropy", "room=3141526535", "--entropy"])
            .arg(format!("lotto-2026-12-05={value}"))
            .output()
            .unwrap();
        assert_eq!(draw.status.code(), Some(0), "{draw:?}");
        let screen = String::from_utf8(draw.stdout).unwrap();
        let html = dir.path().join(format!("{name}.html"));
        potdraw(dir.path()).args(["--lang", "nl", "report"]).arg(&out).arg("--out").arg(&html).assert().success();
        let paper = std::fs::read_to_string(&html).unwrap();
        outputs.push((screen, paper));
    }
    let marked = format!("⟨U+200B⟩{plain}⟨U+200B⟩");
    let (plain_screen, plain_paper) = &outputs[0];
    let (hidden_screen, hidden_paper) = &outputs[1];
    assert!(hidden_screen.contains(&marked), "{hidden_screen}");
    assert!(hidden_paper.contains(&marked), "the report shows the value marked");
    assert!(!plain_screen.contains('⟨') && !plain_paper.contains("⟨U+"), "a plain value stays plain");
    for text in [hidden_screen, hidden_paper] {
        assert!(!text.contains('\u{200B}'), "the invisible character itself is never shown");
    }
}

#[test]
fn verify_shows_a_title_with_its_invisible_characters_marked() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("c");
    potdraw(dir.path())
        .args(["commit", "--candidates"])
        .arg(example("candidates.csv"))
        .args(["--title", "Buurtpot\u{200B}Zuid", "--pot", "12000", "--min", "1", "--max", "1", "--reserves", "0"])
        .args(["--entropy", "dice:room:10", "--created-at", "2026-11-24T12:00:00Z", "--out"])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicates::str::contains("\"Buurtpot⟨U+200B⟩Zuid\""));
    let transcript = dir.path().join("t.json");
    potdraw(dir.path())
        .args(["draw", "--commitment"])
        .arg(out.join("public/commitment.json"))
        .arg("--seed")
        .arg(out.join("private/seed"))
        .arg("--out")
        .arg(&transcript)
        .args(["--entropy", "room=3141526535"])
        .assert()
        .success();
    let shown = potdraw(dir.path()).arg("verify").arg(&transcript).output().unwrap();
    let shown = String::from_utf8(shown.stdout).unwrap();
    assert!(shown.contains("\"Buurtpot⟨U+200B⟩Zuid\""), "{shown}");
}
