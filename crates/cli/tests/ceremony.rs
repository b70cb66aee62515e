//! `potdraw ceremony` as the room sees it: the real binary in a
//! pseudo-terminal (rexpect), the organiser's keys typed into it, in English
//! and in Dutch, including a mistyped roll and Ctrl-C; and the same binary
//! with its output piped, where no escape code may appear.
//!
//! Input is the bundled example (fixtures/example: commitment.json and
//! seed) with the example's public values (crates/cli/src/demo.rs, fixgen).
//! Every expected sentence comes from the message catalogue and every
//! expected hash from the files `potdraw draw` writes for the same inputs;
//! the test knows no result in advance. The ceremony's transcript must equal
//! draw's byte for byte and pass `potdraw verify`.

use assert_cmd::Command;
use potdraw_cli::cmd::ceremony::screen::{big_rows, wrap};
use potdraw_cli::cmd::ceremony::sources::explain_dice;
use potdraw_cli::demo::EXAMPLE_LOTTO;
use potdraw_cli::i18n::Lang;
use potdraw_cli::{render, t};
use rexpect::process::WaitStatus;
use rexpect::session::{spawn_with_options, PtySession};
use serde_json::Value;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_potdraw");
/// The room's roll, typed as people type it (spaces between the dice).
const ROLL: &str = "3 1 4 1 5 2 6 5 3 5";
const TIMEOUT_MS: u64 = 30_000;

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/example")
}

/// A folder holding a copy of the example's commitment and seed.
fn folder() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["commitment.json", "seed"] {
        std::fs::copy(example().join(f), dir.path().join(f)).unwrap();
    }
    dir
}

fn lang(code: &str) -> Lang {
    Lang::from_code(code).unwrap()
}

/// The first screen line of a message (long messages wrap on the screen).
fn first_line(text: String) -> String {
    wrap(&text).into_iter().next().unwrap_or_default()
}

/// The files in a folder, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

/// `potdraw draw` with the same inputs, for the reference bytes.
fn drawn_by_draw(dir: &Path) -> (Vec<u8>, Value) {
    let out = dir.join("by-draw.json");
    Command::new(BIN)
        .arg("draw")
        .arg("--commitment")
        .arg(dir.join("commitment.json"))
        .arg("--seed")
        .arg(dir.join("seed"))
        .arg("--entropy")
        .arg(format!("room={}", ROLL.replace(' ', "")))
        .arg("--entropy")
        .arg(format!("lotto-2026-12-05={EXAMPLE_LOTTO}"))
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let bytes = std::fs::read(&out).unwrap();
    std::fs::remove_file(&out).unwrap();
    let json = serde_json::from_slice(&bytes).unwrap();
    (bytes, json)
}

/// rexpect hands the terminal's output over byte by byte, each byte as one
/// `char`; a needle is compared in that form, and what was seen is turned
/// back into UTF-8 for assertions and failure messages.
struct Pty {
    session: PtySession,
    seen: Vec<u8>,
}

impl Pty {
    fn spawn(dir: &Path, code: &str, no_color: bool) -> Pty {
        let mut cmd = std::process::Command::new(BIN);
        cmd.args(["--lang", code, "ceremony", "--commitment"]).arg(dir.join("commitment.json"));
        cmd.arg("--seed").arg(dir.join("seed")).env("TERM", "xterm-256color").env_remove("NO_COLOR");
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        let options = rexpect::reader::Options { timeout_ms: Some(TIMEOUT_MS), strip_ansi_escape_codes: false };
        Pty { session: spawn_with_options(cmd, options).unwrap(), seen: Vec::new() }
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.seen).into_owned()
    }

    fn expect(&mut self, needle: &str) {
        let as_chars: String = needle.bytes().map(char::from).collect();
        match self.session.exp_string(&as_chars) {
            Ok(before) => {
                self.seen.extend(before.chars().map(|c| c as u8));
                self.seen.extend(needle.bytes());
            }
            Err(e) => panic!("waiting for {needle:?}: {e}\nthe screen so far:\n{}", self.text()),
        }
    }

    fn enter(&mut self, line: &str) {
        self.session.send_line(line).unwrap();
    }

    /// Reads to the end and returns the exit status.
    fn finish(&mut self) -> WaitStatus {
        let rest = self.session.exp_eof().unwrap_or_default();
        self.seen.extend(rest.chars().map(|c| c as u8));
        self.session.process.wait().unwrap()
    }
}

/// Steps 1 and 2 and the dice, with two mistakes before the right roll.
fn up_to_the_dice(pty: &mut Pty, l: Lang, commitment: &Value) {
    let digest = commitment["digest"].as_str().unwrap();
    pty.expect(&first_line(t!(l, "ceremony.commitment.heading")));
    pty.expect(&first_line(t!(l, "ceremony.commitment.fingerprint")));
    pty.expect(&big_rows(&render::fingerprint(digest))[0]);
    pty.enter("");
    pty.expect(&first_line(t!(l, "ceremony.seed.match")));
    pty.enter("");
    let ask = first_line(t!(l, "ceremony.dice.ask", count = 10, faces = 6, lo = '1', hi = '6'));
    pty.expect(&ask);
    pty.enter("31415x6535");
    pty.expect(&first_line(explain_dice(l, "31415x6535", 10, 6)));
    pty.expect(&first_line(t!(l, "ceremony.value.again")));
    pty.expect(&ask);
    pty.enter("3 1 4 1 5 2 6 5 3");
    pty.expect(&first_line(explain_dice(l, "314152653", 10, 6)));
    pty.expect(&ask);
}

fn full_ceremony(code: &str, no_color: bool) {
    let dir = folder();
    let l = lang(code);
    let (reference, drawn) = drawn_by_draw(dir.path());
    let mut pty = Pty::spawn(dir.path(), code, no_color);
    up_to_the_dice(&mut pty, l, &drawn["commitment"]);
    pty.enter(ROLL);
    pty.expect(&first_line(t!(l, "ceremony.value.entered")));
    pty.expect(ROLL);
    pty.enter("");
    pty.expect(&first_line(t!(l, "ceremony.text.ask")));
    pty.enter(EXAMPLE_LOTTO);
    pty.expect(EXAMPLE_LOTTO);
    pty.enter("");
    pty.expect(&first_line(t!(l, "ceremony.mix.heading")));
    pty.expect(drawn["draw_seed"].as_str().unwrap());
    // Nothing is written before the last reserve has been shown.
    assert!(!dir.path().join("transcript.json").exists());
    let result = drawn["result"].as_array().unwrap();
    let count = |role: &str| result.iter().filter(|r| r["role"] == role).count();
    for r in result {
        pty.enter("");
        let (rank, leaf) = (r["rank"].as_u64().unwrap(), r["leaf"].as_str().unwrap());
        let place = if r["role"] == "recipient" {
            t!(l, "ceremony.recipient", rank = rank, total = count("recipient"))
        } else {
            t!(l, "ceremony.reserve", rank = rank, total = count("reserve"))
        };
        pty.expect(&place);
        pty.expect(&big_rows(&render::fingerprint(leaf))[0]);
        pty.expect(&t!(l, "ceremony.ticket", short = render::short(leaf), weight = r["weight"]));
        pty.expect(leaf);
    }
    assert!(!dir.path().join("transcript.json").exists());
    pty.enter("");
    let transcript = dir.path().join("transcript.json");
    pty.expect(&first_line(t!(l, "ceremony.transcript.written", file = transcript.display())));
    pty.expect(&format!("potdraw verify {} --commitment", transcript.display()));
    let status = pty.finish();
    assert!(matches!(status, WaitStatus::Exited(_, 0)), "{status:?}\n{}", pty.text());

    let screen = pty.text();
    let sgr = ["\x1b[1m", "\x1b[1;32m", "\x1b[0m"];
    if no_color {
        assert!(!sgr.iter().any(|c| screen.contains(c)), "NO_COLOR is set, yet colours:\n{screen:?}");
    } else {
        assert!(sgr.iter().all(|c| screen.contains(c)), "a terminal without NO_COLOR gets colours:\n{screen:?}");
    }
    assert!(screen.contains("\x1b[2J"), "on a terminal each step starts on a clear screen");
    assert!(!screen.contains(&t!(l, "ceremony.stopped")));

    let written = std::fs::read(&transcript).unwrap();
    assert!(written == reference, "the ceremony's transcript differs from draw's for the same inputs");
    Command::new(BIN)
        .arg("verify")
        .arg(&transcript)
        .arg("--commitment")
        .arg(dir.path().join("commitment.json"))
        .assert()
        .success();
    // The printable report is written beside the transcript, and says so.
    let report = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    let written_json: Value = serde_json::from_slice(&written).unwrap();
    for r in written_json["result"].as_array().unwrap() {
        assert!(report.contains(r["leaf"].as_str().unwrap()), "the report lacks {}", r["leaf"]);
    }
    assert!(screen.contains(first_line(t!(l, "ceremony.report.written", file = "")).trim_end()), "{screen}");
    assert_eq!(listing(dir.path()), ["commitment.json", "report.html", "seed", "transcript.json"]);
}

#[test]
fn english_ceremony_in_a_terminal_with_colours() {
    full_ceremony("en", false);
}

#[test]
fn dutch_ceremony_in_a_terminal_without_colours() {
    full_ceremony("nl", true);
}

/// Ctrl-C: the resume message, exit 130, and the folder as it was.
fn interrupted(pty: &mut Pty, l: Lang, dir: &Path) {
    pty.session.send_control('c').unwrap();
    pty.expect(&first_line(t!(l, "ceremony.stopped")));
    pty.expect(&first_line(t!(l, "ceremony.resume")));
    pty.expect("ceremony --commitment");
    pty.expect(&first_line(t!(l, "ceremony.resume-same")));
    let status = pty.finish();
    assert!(matches!(status, WaitStatus::Exited(_, 130)), "{status:?}\n{}", pty.text());
    assert_eq!(listing(dir), ["commitment.json", "seed"], "Ctrl-C left something behind");
}

#[test]
fn ctrl_c_at_the_dice_writes_nothing_and_says_how_to_resume() {
    let dir = folder();
    let l = lang("en");
    let commitment: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("commitment.json")).unwrap()).unwrap();
    let mut pty = Pty::spawn(dir.path(), "en", false);
    up_to_the_dice(&mut pty, l, &commitment);
    interrupted(&mut pty, l, dir.path());
}

#[test]
fn ctrl_c_while_the_recipients_are_shown_writes_nothing() {
    let dir = folder();
    let l = lang("nl");
    let commitment: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("commitment.json")).unwrap()).unwrap();
    let mut pty = Pty::spawn(dir.path(), "nl", true);
    up_to_the_dice(&mut pty, l, &commitment);
    pty.enter(ROLL);
    pty.expect(ROLL);
    pty.enter("");
    pty.expect(&first_line(t!(l, "ceremony.text.ask")));
    pty.enter(EXAMPLE_LOTTO);
    pty.expect(EXAMPLE_LOTTO);
    pty.enter("");
    pty.expect(&first_line(t!(l, "ceremony.mix.heading")));
    pty.enter("");
    pty.expect(&t!(l, "ceremony.recipient", rank = 1, total = 5));
    interrupted(&mut pty, l, dir.path());
}

#[test]
fn ctrl_d_at_a_prompt_ends_without_writing_and_exits_2() {
    let dir = folder();
    let l = lang("en");
    let mut pty = Pty::spawn(dir.path(), "en", true);
    pty.expect(&first_line(t!(l, "ceremony.commitment.fingerprint")));
    pty.enter("");
    pty.expect(&first_line(t!(l, "ceremony.seed.match")));
    pty.session.send_control('d').unwrap();
    pty.expect(&first_line(t!(l, "ceremony.stopped")));
    pty.expect(&first_line(t!(l, "ceremony.resume-same")));
    let status = pty.finish();
    assert!(matches!(status, WaitStatus::Exited(_, 2)), "{status:?}\n{}", pty.text());
    assert_eq!(listing(dir.path()), ["commitment.json", "seed"]);
}

/// The ceremony fed from a pipe: the whole input at once.
fn piped(dir: &Path, code: &str, seed: &Path, input: &str) -> assert_cmd::assert::Assert {
    Command::new(BIN)
        .args(["--lang", code, "ceremony", "--commitment"])
        .arg(dir.join("commitment.json"))
        .arg("--seed")
        .arg(seed)
        .env_remove("NO_COLOR")
        .env("TERM", "xterm-256color")
        .write_stdin(input)
        .assert()
}

#[test]
fn piped_output_has_no_escape_codes_and_the_same_transcript() {
    let dir = folder();
    let (reference, drawn) = drawn_by_draw(dir.path());
    let picks = drawn["result"].as_array().unwrap().len();
    let input = format!("\n\n{ROLL}\n\n{EXAMPLE_LOTTO}\n\n\n{}", "\n".repeat(picks));
    let out = piped(dir.path(), "en", &dir.path().join("seed"), &input).success().get_output().stdout.clone();
    let text = String::from_utf8(out).unwrap();
    assert!(!text.contains('\x1b'), "escape codes in piped output:\n{text:?}");
    assert!(text.contains(&first_line(t!(Lang::en(), "ceremony.seed.match"))), "{text}");
    assert!(std::fs::read(dir.path().join("transcript.json")).unwrap() == reference);
}

#[test]
fn end_of_input_stops_without_writing_and_exits_2() {
    let dir = folder();
    let l = lang("nl");
    let out = piped(dir.path(), "nl", &dir.path().join("seed"), "\n\n3141").code(2).get_output().stdout.clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains(&first_line(t!(l, "ceremony.stopped"))), "{text}");
    assert!(text.contains(&first_line(t!(l, "ceremony.resume-same"))), "{text}");
    assert_eq!(listing(dir.path()), ["commitment.json", "seed"]);
}

#[test]
fn a_seed_that_does_not_match_stops_the_draw_with_exit_2() {
    let dir = folder();
    let l = lang("en");
    let mut seed = std::fs::read_to_string(dir.path().join("seed")).unwrap();
    // Another valid seed: the last hex digit changed.
    let last = if seed.trim_end().ends_with('0') { "1" } else { "0" };
    seed = format!("{}{last}\n", &seed.trim_end()[..63]);
    let wrong = dir.path().join("other-seed");
    std::fs::write(&wrong, &seed).unwrap();
    let out = piped(dir.path(), "en", &wrong, "\n\n\n\n").code(2).get_output().stdout.clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains(&first_line(t!(l, "ceremony.seed.mismatch"))), "{text}");
    assert!(!text.contains(&first_line(t!(l, "ceremony.seed.match"))), "{text}");
    // The wrong file may be another draw's secret: it is not put on the screen.
    assert!(!text.contains(seed.trim_end()), "{text}");
    assert!(text.contains(&t!(l, "ceremony.seed.withheld")), "{text}");
    assert!(!text.contains(&first_line(t!(l, "ceremony.dice.ask", count = 10, faces = 6, lo = '1', hi = '6'))));
    assert_eq!(listing(dir.path()), ["commitment.json", "other-seed", "seed"]);
}

#[test]
fn an_existing_transcript_is_refused_before_the_first_screen() {
    let dir = folder();
    std::fs::write(dir.path().join("transcript.json"), "keep me").unwrap();
    let out = piped(dir.path(), "en", &dir.path().join("seed"), "").code(2).get_output().clone();
    assert!(out.stdout.is_empty(), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
    assert_eq!(std::fs::read(dir.path().join("transcript.json")).unwrap(), b"keep me");
}

#[test]
fn rfc3797_ceremony_has_no_seed_and_writes_what_draw_writes() {
    let dir = tempfile::tempdir().unwrap();
    let commitment = dir.path().join("commitment.json");
    std::fs::copy(example().join("../rfc3797/example/commitment.json"), &commitment).unwrap();
    let (lotto, daily) = ("3, 14, 15, 22, 35, 41", "0927");
    let reference = dir.path().join("by-draw.json");
    Command::new(BIN)
        .args(["draw", "--commitment"])
        .arg(&commitment)
        .arg("--entropy")
        .arg(format!("lotto-2026-12-05={lotto}"))
        .arg("--entropy")
        .arg(format!("daily-2026-12-05={daily}"))
        .arg("--out")
        .arg(&reference)
        .assert()
        .success();
    let drawn: Value = serde_json::from_slice(&std::fs::read(&reference).unwrap()).unwrap();
    let picks = drawn["result"].as_array().unwrap().len();
    let input = format!("\n\n3, 14, x\n{lotto}\n\n{daily}\n\n\n{}", "\n".repeat(picks));
    let l = lang("nl");
    let out = Command::new(BIN)
        .args(["--lang", "nl", "ceremony", "--commitment"])
        .arg(&commitment)
        .write_stdin(input)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    for shown in [
        t!(l, "ceremony.seed.none"),
        t!(l, "ceremony.numbers.invalid", found = "x", digits = potdraw_core::rfc3797::MAX_DIGITS),
        drawn["key"].as_str().unwrap().to_string(),
    ] {
        assert!(text.contains(&first_line(shown.clone())), "{shown:?} not shown:\n{text}");
    }
    let written = std::fs::read(dir.path().join("transcript.json")).unwrap();
    assert!(written == std::fs::read(&reference).unwrap(), "the ceremony's transcript differs from draw's");
}

#[test]
fn every_screen_fits_80_columns_by_24_rows() {
    let rule = "═".repeat(potdraw_cli::cmd::ceremony::screen::WIDTH);
    for code in ["en", "nl"] {
        let dir = folder();
        // A mistyped roll, then an empty line where the text is asked: both refused on a screen of their own.
        let input = format!("\n\n31415x6535\n{ROLL}\n\n\n{EXAMPLE_LOTTO}\n\n\n{}", "\n".repeat(8));
        let out = piped(dir.path(), code, &dir.path().join("seed"), &input).success().get_output().stdout.clone();
        let text = String::from_utf8(out).unwrap();
        // Each screen starts with its top rule, followed by the heading line.
        let screens: Vec<&str> = text.split(&format!("{rule}\n    ")).skip(1).collect();
        // Commitment, seed, three for each source (ask, refusal, confirm), the mix, 8 picks, the end.
        assert_eq!(screens.len(), 1 + 1 + 3 + 3 + 1 + 8 + 1, "{code}: screens\n{text}");
        for s in screens {
            // + the top rule; the last line holds the prompt and the cursor.
            let rows = s.lines().count() + 1;
            assert!(rows <= 24, "{code}: a screen of {rows} rows:\n{s}");
            // The verify command is the one line left whole, so that it can be copied.
            let lines = s.lines().filter(|l| !l.starts_with("    potdraw verify "));
            let widest = lines.map(|l| l.chars().count()).max().unwrap_or(0);
            assert!(widest <= 80, "{code}: a line of {widest} columns:\n{s}");
        }
    }
}
