//! Issue 18: with `--lang nl` (or a Dutch locale and no flag) a person reads
//! no English. The whole story runs through the real binary in Dutch:
//! commit, draw, the ceremony in a pseudo-terminal, verify (genuine and
//! forged), check, report, slips, results, seed sheet, amend, demo,
//! beacon, rfc3797, web, version, `--help` of every command and a few usage
//! errors. Their human output (stdout and stderr; not `--json`, not the
//! documents written) is scanned by `common/english.rs`, whose doc says
//! what counts as English and what is a machine name (error classes in
//! `[foutcode: …]`, check names such as `draw-replay`, flags, paths, commands in
//! backticks). The error output of every `fixtures/bad/` case in Dutch is
//! scanned in `tests/bad.rs`.

#[path = "common/english.rs"]
mod english;

use english::english_in;
use potdraw_cli::cmd::ceremony::screen::wrap;
use potdraw_cli::demo::EXAMPLE_LOTTO;
use potdraw_cli::i18n::Lang;
use potdraw_cli::t;
use rexpect::session::spawn_with_options;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_potdraw");

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs potdraw in `dir` without any locale variable; returns the exit code
/// and stdout followed by stderr.
fn run(dir: &Path, args: &[&str]) -> (i32, String) {
    run_env(dir, args, &[])
}

fn run_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, String) {
    let mut cmd = Command::new(BIN);
    cmd.current_dir(dir).env_remove("LC_ALL").env_remove("LC_MESSAGES").env_remove("LANG").args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(!text.contains("panicked"), "potdraw {args:?} panicked:\n{text}");
    (out.status.code().unwrap_or(-1), text)
}

/// Collects the output of each step, with the command that made it.
struct Story {
    said: Vec<(String, String)>,
}

impl Story {
    fn step(&mut self, dir: &Path, args: &[&str], code: i32) -> String {
        let (got, text) = run(dir, args);
        assert_eq!(got, code, "potdraw {args:?}:\n{text}");
        // `--help` lists the commands as they are typed (`  draw   Bij de loting: …`):
        // the first word of such a line is a machine name.
        let names: Vec<String> = command_paths().into_iter().filter_map(|p| p.last().cloned()).collect();
        let scanned = if args.contains(&"--help") || args.contains(&"help") {
            let lines = text.lines().map(|l| match l.split_whitespace().next() {
                Some(first) if l.starts_with("  ") && names.iter().any(|n| n == first) => l.replacen(first, "", 1),
                _ => l.to_string(),
            });
            lines.collect::<Vec<_>>().join("\n")
        } else {
            text.clone()
        };
        self.said.push((args.join(" "), scanned));
        text
    }

    fn assert_dutch(&self) {
        let mut problems = Vec::new();
        for (command, text) in &self.said {
            for p in english_in(text) {
                problems.push(format!("potdraw {command}: {p}"));
            }
            // A message missing from every catalogue shows as its key.
            let prefixes = ["help.", "help-extra.", "clap.", "usage.", "count.", "os.", "errors.", "json.", "drand."];
            for token in text.split_whitespace() {
                let t = token.trim_matches(|c: char| !c.is_alphanumeric());
                let key_like = t.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-');
                let file = [".json", ".jsonl", ".html", ".csv", ".txt"].iter().any(|e| t.ends_with(e));
                if key_like && !file && prefixes.iter().any(|p| t.starts_with(p)) {
                    problems.push(format!("potdraw {command}: a catalogue key instead of a sentence: {t}"));
                }
            }
        }
        assert!(problems.is_empty(), "English in Dutch output:\n{}", problems.join("\n"));
    }
}

fn receipt(dir: &Path, n: usize) -> Value {
    let text = std::fs::read_to_string(dir.join("pot/private/receipts.jsonl")).unwrap();
    serde_json::from_str(text.lines().nth(n).unwrap()).unwrap()
}

/// Every command path of the tree, as arguments: `["beacon", "verify"]`.
fn command_paths() -> Vec<Vec<String>> {
    let cmd = potdraw_cli::help::command(Lang::en());
    potdraw_cli::help::paths(&cmd)
        .into_iter()
        .map(|(p, _)| if p == "potdraw" { vec![] } else { p.split('.').map(String::from).collect() })
        .collect()
}

#[test]
fn the_whole_story_in_dutch_holds_no_english() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(root().join("fixtures/example/candidates.csv"), d.join("lijst.csv")).unwrap();
    let mut story = Story { said: Vec::new() };
    let nl = ["--lang", "nl"];
    let with = |rest: &[&str]| -> Vec<String> { nl.iter().chain(rest).map(|s| s.to_string()).collect() };
    let mut step = |args: &[&str], code: i32| -> String {
        let all = with(args);
        story.step(d, &all.iter().map(String::as_str).collect::<Vec<_>>(), code)
    };

    let commit = [
        "commit",
        "--candidates",
        "lijst.csv",
        "--pot",
        "65000",
        "--title",
        "Buurtpot",
        "--entropy",
        "dice:zaal:10",
        "--entropy",
        "numbers:lotto:6",
        "--out",
        "pot",
    ];
    step(&commit, 0);
    step(&commit, 2); // the files exist: refused without --force
    step(
        &[
            "draw",
            "--commitment",
            "pot/public/commitment.json",
            "--seed",
            "pot/private/seed",
            "--entropy",
            "zaal=5215123143",
            "--entropy",
            "lotto=3 14 15 22 35 41",
            "--out",
            "pot/public/transcript.json",
        ],
        0,
    );
    step(&["draw", "--commitment", "pot/public/commitment.json", "--seed", "pot/private/seed", "--out", "x.json"], 2);
    step(&["verify", "pot/public/transcript.json", "--commitment", "pot/public/commitment.json"], 0);
    let mut forged: Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("pot/public/transcript.json")).unwrap()).unwrap();
    // Another entry's ticket than the first recipient's (the salts are random,
    // so entry 0 may be the first recipient: the forgery would change nothing).
    let first_index = forged["result"][0]["index"].as_u64().unwrap();
    let other = if first_index == 0 { 1 } else { 0 };
    let leaf = forged["commitment"]["candidates"]["entries"][other]["leaf"].clone();
    forged["result"][0]["leaf"] = leaf;
    std::fs::write(d.join("vervalst.json"), serde_json::to_vec(&forged).unwrap()).unwrap();
    step(&["verify", "vervalst.json"], 1);
    // The ticket of place 1, as the projector shows it, for `amend --holder` below.
    let place_1 = place_1_fingerprint(d);
    let first = receipt(d, 0);
    let (id, code) = (first["id"].as_str().unwrap(), first["code"].as_str().unwrap());
    step(&["check", "pot/public/transcript.json", "--id", id, "--code", code], 0);
    step(&["check", "pot/public/transcript.json", "--id", id, "--code", "ZZZZ"], 2);
    step(&["check", "pot/public/transcript.json", "--receipt", "pot/private/receipts.jsonl"], 2);
    step(&["report", "pot/public/transcript.json", "--out", "verslag.html"], 0);
    step(
        &[
            "slips",
            "--commitment",
            "pot/public/commitment.json",
            "--receipts",
            "pot/private/receipts.jsonl",
            "--draw-date",
            "zaterdag 5 december",
            "--out",
            "pot/private/bewijsjes.html",
        ],
        0,
    );
    step(&["results", "pot/public/transcript.json", "--receipts", "pot/private/receipts.jsonl"], 0);
    step(
        &[
            "seed-sheet",
            "--commitment",
            "pot/public/commitment.json",
            "--seed",
            "pot/private/seed",
            "--out",
            "pot/private/blad.html",
        ],
        0,
    );
    step(
        &[
            "amend",
            "pot/public/transcript.json",
            "--record",
            "vervangingen.json",
            "--place",
            "1",
            "--holder",
            &place_1,
            "--reason",
            "declined",
            "--date",
            "2026-12-20",
        ],
        0,
    );
    step(&["verify", "pot/public/transcript.json", "--amendments", "vervangingen.json"], 0);
    step(&["check", "pot/public/transcript.json", "--id", id, "--code", code, "--amendments", "vervangingen.json"], 0);
    step(&["verify", "bestaat-niet.json"], 2);
    step(&["demo", "--keep", "demo"], 0);
    step(&["rfc3797", "--pool", "25", "--select", "10", "--source", "9 18 26 34 41 45", "--source", "2 5 12 8 10"], 0);
    step(&["web", "--out", "controle.html"], 0);
    step(&["version"], 0);
    step(&["beacon", "time-of", "--chain", "quicknet", "1000"], 0);
    step(&["beacon", "round-at", "--chain", "quicknet", "2026-12-05T19:30:00Z"], 0);
    let body = std::fs::read_to_string(root().join("fixtures/drand/quicknet-123.txt")).unwrap();
    let round: Value = serde_json::from_str(body.split_once("\n\n").unwrap().1).unwrap();
    let signature = round["signature"].as_str().unwrap();
    step(&["beacon", "verify", "--chain", "quicknet", "--round", "123", "--signature", signature], 0);
    step(&["beacon", "verify", "--chain", "quicknet", "--round", "124", "--signature", signature], 1);
    // Usage errors, in clap's place.
    step(&["verify", "pot/public/transcript.json", "--bogus"], 2);
    step(&["commit", "--pot", "5"], 2);
    step(&["commit", "--candidates", "a", "--pot", "1", "--entropy", "dice:a", "--out", "b", "--reserves", "drie"], 2);
    step(&["commit", "--candidates", "a", "--pot", "1", "--entropy", "dice:a", "--out", "b", "--method", "v9"], 2);
    step(&["veriffy"], 2);
    step(&["check", "t.json", "--receipt", "r", "--code", "c"], 2);
    step(&["help", "help"], 0);
    step(&["help", "commit"], 0);
    step(&["beacon", "help", "verify"], 0);
    for path in command_paths() {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let text = step(&args, 0);
        assert!(text.contains("Gebruik:") && text.contains("Opties:"), "{args:?}:\n{text}");
    }
    story.assert_dutch();
}

/// The ceremony in a pseudo-terminal, as the room sees it, in Dutch.
#[test]
fn the_ceremony_in_dutch_holds_no_english() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["commitment.json", "seed"] {
        std::fs::copy(root().join("fixtures/example").join(f), dir.path().join(f)).unwrap();
    }
    let l = Lang::from_code("nl").unwrap();
    let first = |s: String| wrap(&s).into_iter().next().unwrap_or_default();
    let mut cmd = Command::new(BIN);
    cmd.args(["--lang", "nl", "ceremony", "--commitment"]).arg(dir.path().join("commitment.json"));
    cmd.arg("--seed").arg(dir.path().join("seed")).env("TERM", "xterm-256color").env("NO_COLOR", "1");
    let options = rexpect::reader::Options { timeout_ms: Some(30_000), strip_ansi_escape_codes: true };
    let mut pty = spawn_with_options(cmd, options).unwrap();
    let mut seen = String::new();
    let mut expect = |pty: &mut rexpect::session::PtySession, needle: String| {
        let as_chars: String = needle.bytes().map(char::from).collect();
        let before = pty.exp_string(&as_chars).unwrap_or_else(|e| panic!("waiting for {needle:?}: {e}"));
        let bytes: Vec<u8> = before.chars().map(|c| c as u8).chain(needle.bytes()).collect();
        seen.push_str(&String::from_utf8_lossy(&bytes));
    };
    expect(&mut pty, first(t!(l, "ceremony.commitment.heading")));
    pty.send_line("").unwrap();
    expect(&mut pty, first(t!(l, "ceremony.seed.match")));
    pty.send_line("").unwrap();
    expect(&mut pty, first(t!(l, "ceremony.dice.ask", count = 10, faces = 6, lo = '1', hi = '6')));
    pty.send_line("3 1 4 1 5 2 6 5 3").unwrap(); // one die short: said in Dutch
    expect(&mut pty, first(t!(l, "ceremony.value.again")));
    pty.send_line("3 1 4 1 5 2 6 5 3 5").unwrap();
    expect(&mut pty, first(t!(l, "ceremony.value.confirm")));
    pty.send_line("").unwrap();
    expect(&mut pty, first(t!(l, "ceremony.text.ask")));
    pty.send_line(EXAMPLE_LOTTO).unwrap();
    expect(&mut pty, first(t!(l, "ceremony.value.confirm")));
    pty.send_line("").unwrap();
    expect(&mut pty, first(t!(l, "ceremony.mix.heading")));
    for _ in 0..20 {
        pty.send_line("").unwrap();
    }
    expect(&mut pty, "potdraw verify".to_string());
    let rest = pty.exp_eof().unwrap_or_default();
    seen.push_str(&String::from_utf8_lossy(&rest.chars().map(|c| c as u8).collect::<Vec<u8>>()));
    assert!(dir.path().join("transcript.json").exists(), "{seen}");
    let problems = english_in(&seen);
    assert!(problems.is_empty(), "English in the Dutch ceremony:\n{}", problems.join("\n"));
}

/// The same rule for every command: a Dutch locale and no flag, and the
/// other spellings of Dutch, give Dutch; `C` and no locale give English.
#[test]
fn dutch_from_the_locale_and_from_every_spelling_of_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let transcript = root().join("fixtures/example/transcript.json");
    let t = transcript.to_str().unwrap();
    let dutch = t!(Lang::from_code("nl").unwrap(), "clap.usage");
    for env in [[("LANG", "nl_NL.UTF-8")], [("LC_ALL", "nl_BE@euro")], [("LC_MESSAGES", "nl")]] {
        for args in
            [vec!["verify", t], vec!["rfc3797", "--pool", "5", "--select", "2", "--source", "1 2"], vec!["demo"]]
        {
            let (code, text) = run_env(d, &args, &env);
            assert_eq!(code, 0, "{env:?} {args:?}\n{text}");
            assert!(english_in(&text).is_empty(), "{env:?} {args:?}: {:?}", english_in(&text));
        }
        let (_, help) = run_env(d, &["commit", "--help"], &env);
        assert!(help.contains(&dutch), "{env:?}: {help}");
        let (code, usage) = run_env(d, &["verify", "--bogus"], &env);
        assert!(
            code == 2 && usage.starts_with("potdraw: fout: ") && usage.contains("[foutcode: usage]"),
            "{env:?}: {usage}"
        );
    }
    for flag in ["nl-NL", "nl_NL.UTF-8", "NL", "nederlands", "Dutch"] {
        let (code, text) = run(d, &["--lang", flag, "verify", t]);
        assert!(code == 0 && english_in(&text).is_empty() && text.contains("GEVERIFIEERD"), "{flag}: {text}");
        let (_, help) = run(d, &[&format!("--lang={flag}"), "verify", "--help"]);
        assert!(help.contains(&dutch), "{flag}: {help}");
    }
    for env in [[("LANG", "C")], [("LC_ALL", "POSIX")], [("LANG", "")]] {
        let (_, help) = run_env(d, &["verify", "--help"], &env);
        assert!(help.contains("Usage:"), "{env:?}: {help}");
    }
    // LC_ALL wins over LANG; an empty LC_ALL does not count.
    let (_, help) = run_env(d, &["verify", "--help"], &[("LC_ALL", "en_GB.UTF-8"), ("LANG", "nl_NL.UTF-8")]);
    assert!(help.contains("Usage:"), "{help}");
    let (_, help) = run_env(d, &["verify", "--help"], &[("LC_ALL", ""), ("LANG", "nl_NL.UTF-8")]);
    assert!(help.contains(&dutch), "{help}");
}

/// An unknown `--lang` is refused in the environment's language, naming
/// what was found and the accepted forms, before anything else.
#[test]
fn an_unknown_lang_is_refused_in_the_language_of_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let (code, text) = run_env(dir.path(), &["--lang", "fr", "verify", "--help"], &[("LANG", "nl_NL.UTF-8")]);
    assert_eq!(code, 2, "{text}");
    assert!(
        text.starts_with("potdraw: fout: --lang \"fr\"")
            && text.contains("[foutcode: lang-unknown]")
            && text.contains("nl_NL.UTF-8"),
        "{text}"
    );
    let (code, text) = run(dir.path(), &["--lang=klingon", "demo"]);
    assert_eq!(code, 2, "{text}");
    assert!(
        text.starts_with("potdraw: error: --lang \"klingon\"")
            && text.contains("[error code: lang-unknown]")
            && text.contains("en, nl"),
        "{text}"
    );
}

/// The fingerprint of place 1's ticket in `d`'s transcript, as the projector shows it.
fn place_1_fingerprint(d: &std::path::Path) -> String {
    let t: Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("pot/public/transcript.json")).unwrap()).unwrap();
    potdraw_cli::render::fingerprint(t["result"][0]["leaf"].as_str().unwrap())
}
