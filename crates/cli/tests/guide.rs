//! Issue 31: the guides for volunteers, `docs/handleiding.md` (Dutch) and
//! `docs/guide.md` (English), are run as written, so they cannot drift from
//! the tool.
//!
//! How a guide is read:
//! - A ```console block holds commands: a line `$ potdraw …` is a command
//!   exactly as typed (a line ending in ` \` goes on on the next line); the
//!   lines after it, up to the next `$ ` line or the block's end, are what it
//!   prints (standard output and standard error together, trailing spaces and
//!   empty lines at the end ignored). A shown `potdraw: fout:` or
//!   `potdraw: error:` line means the command must fail (exit code 2);
//!   otherwise it must succeed (0).
//! - The one wildcard, `…` (explained to readers at the top of each guide):
//!   inside a line it matches any text in that line; a line holding only
//!   `…` matches any number of lines. Use it only for what differs at each
//!   run (keys, hashes, codes, who is drawn) or with each version (the
//!   page's size in bytes).
//! - `potdraw ceremony` needs a terminal: it runs here in a pseudo-terminal
//!   (common/pty.rs), Enter pressed at each screen and the room's values
//!   typed ([`DICE`], [`LOTTO`], as the guides tell them). Its block shows no
//!   output; the ```screen blocks after it are excerpts of what the
//!   projector showed, each matched (with the wildcard) against a run of
//!   lines of what the terminal showed.
//! - Two values a reader copies from their own screen or slip cannot be
//!   typed in a guide as they will be at this run: the `--holder`
//!   fingerprint of `amend` (the reader's own screen shows theirs) and the
//!   `--code` of `check` (from the resident's slip). The guide shows the
//!   values of one real run; here the fingerprint is replaced by that of the
//!   ticket drawn at the place or reserve the same command names, and the
//!   code by the code of the `--id` in `avond/private/receipts.jsonl`.
//!
//! Each guide runs in its own temporary folder holding only `leden.xlsx`,
//! the bundled workbook `fixtures/sheets/avond.xlsx`, in the locale of its
//! language (`LANG`). What each command printed is written to
//! `target/guide/<lang>/log.txt`, and the folder is left in
//! `target/guide/<lang>/` for the pictures (web/browser/guide-pictures.mjs).

#[path = "common/pty.rs"]
mod pty;

use potdraw_cli::cmd::ceremony::screen::wrap;
use potdraw_cli::i18n::Lang;
use potdraw_cli::{render, t};
use pty::{plain, Pty};
use rexpect::process::WaitStatus;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_potdraw");
/// The dice rolled in the room and the lottery's numbers, as the guides tell them.
const DICE: &str = "3 1 4 1 5 2 6 5 3 5";
const LOTTO: &str = "3 14 15 22 35 41";
const RECEIPTS: &str = "avond/private/receipts.jsonl";
const WILDCARD: &str = "…";

/// One command of a guide: where, what is typed (as words), what it prints.
#[derive(Debug)]
struct Step {
    line: usize,
    typed: String,
    expected: Vec<String>,
}

#[derive(Debug)]
enum Block {
    Console(Vec<Step>),
    Screen { line: usize, lines: Vec<String> },
}

/// The ```console and ```screen blocks of a guide, in order.
fn blocks(md: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut lines = md.lines().enumerate().map(|(i, l)| (i + 1, l));
    while let Some((n, l)) = lines.next() {
        let Some(info) = l.trim_start().strip_prefix("```") else { continue };
        let body: Vec<(usize, &str)> = lines.by_ref().take_while(|(_, l)| l.trim_start() != "```").collect();
        match info.trim() {
            "console" => out.push(Block::Console(steps(&body))),
            "screen" => out.push(Block::Screen { line: n, lines: body.iter().map(|(_, l)| l.to_string()).collect() }),
            _ => {}
        }
    }
    out
}

fn steps(body: &[(usize, &str)]) -> Vec<Step> {
    let mut steps: Vec<Step> = Vec::new();
    let mut going_on = false;
    for &(n, l) in body {
        if going_on {
            let step = steps.last_mut().unwrap();
            step.typed.push('\n');
            step.typed.push_str(l);
            going_on = l.ends_with(" \\");
        } else if let Some(cmd) = l.strip_prefix("$ ") {
            steps.push(Step { line: n, typed: cmd.to_string(), expected: Vec::new() });
            going_on = l.ends_with(" \\");
        } else {
            let step = steps.last_mut().unwrap_or_else(|| panic!("line {n}: output before any `$ ` command"));
            step.expected.push(l.to_string());
        }
    }
    steps
}

/// A command line split into words as a shell does for these commands:
/// '…' and "…" quote, a backslash before a line end goes on on the next line.
fn words(typed: &str) -> Vec<String> {
    let mut out = Vec::new();
    let (mut word, mut in_word, mut quote) = (String::new(), false, None);
    let mut chars = typed.chars().peekable();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '\'' | '"') => (quote, in_word) = (Some(c), true),
            (None, '\\') if chars.peek() == Some(&'\n') => {
                chars.next();
            }
            (None, c) if c.is_whitespace() => {
                if in_word {
                    out.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            (None, c) => (word, in_word) = (word + &c.to_string(), true),
        }
    }
    assert!(quote.is_none(), "an unclosed quote in {typed:?}");
    if in_word {
        out.push(word);
    }
    out
}

/// `pattern` matches `line`: `…` stands for any text within the line.
fn line_matches(pattern: &str, line: &str) -> bool {
    let parts: Vec<&str> = pattern.split(WILDCARD).collect();
    if parts.len() == 1 {
        return pattern == line;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !line.starts_with(first) || line.len() < first.len() + last.len() || !line.ends_with(last) {
        return false;
    }
    let mut rest = &line[first.len()..line.len() - last.len()];
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    true
}

/// `pattern` matches all of `lines`: a line holding only `…` matches any lines.
fn lines_match(pattern: &[String], lines: &[String]) -> bool {
    match pattern.split_first() {
        None => lines.is_empty(),
        Some((p, rest)) if p.trim() == WILDCARD => (0..=lines.len()).any(|skip| lines_match(rest, &lines[skip..])),
        Some((p, rest)) => {
            lines.first().is_some_and(|l| line_matches(p.trim_end(), l)) && lines_match(rest, &lines[1..])
        }
    }
}

/// Text as compared: lines without trailing spaces, no empty lines at the end.
fn tidy(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = text.lines().map(|l| l.trim_end().to_string()).collect();
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

fn json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))).unwrap()
}

/// The value after `flag` in `args`.
fn flag<'a>(args: &'a [String], flag: &str) -> Option<&'a str> {
    args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1)).map(String::as_str)
}

/// The name of the list a person asked for in `transcript`, as `amend
/// --list` finds it (SPEC §19.3): by its name, else by its display name,
/// tidied as the tool tidies it, in any case.
fn list_asked(transcript: &Value, asked: &str) -> Option<String> {
    let lists = transcript["commitment"]["lists"].as_array()?;
    let wanted = potdraw_core::unicode::tidy_display(asked).to_lowercase();
    lists
        .iter()
        .find(|l| l["name"] == asked)
        .or_else(|| lists.iter().find(|l| l["display"].as_str().is_some_and(|d| d.to_lowercase() == wanted)))
        .map(|l| l["name"].as_str().unwrap().to_string())
}

/// The words of a command with this run's `--holder` and `--code` (see the
/// module's comment); each replaced value must look like what it stands for.
fn this_runs(dir: &Path, mut args: Vec<String>) -> Vec<String> {
    if args.first().map(String::as_str) == Some("amend") {
        if let Some(i) = args.iter().position(|a| a == "--holder") {
            let shown = &args[i + 1];
            assert!(
                shown.len() == 9 && shown.as_bytes()[4] == b'-',
                "--holder {shown}: a fingerprint as shown, 1234-ABCD"
            );
            let t = json(&dir.join(&args[1]));
            let asked = flag(&args, "--list").expect("amend --holder names its --list");
            let name = list_asked(&t, asked).unwrap_or_else(|| panic!("--list {asked:?}: a list of the draw"));
            let list = t["lists"].as_array().unwrap().iter().find(|l| l["name"] == name).unwrap();
            let (role, rank) = match (flag(&args, "--place"), flag(&args, "--reserve")) {
                (Some(p), None) => ("recipient", p),
                (None, Some(r)) => ("reserve", r),
                _ => panic!("amend --holder with --place or --reserve: {args:?}"),
            };
            let rank: u64 = rank.parse().unwrap();
            let r = list["result"].as_array().unwrap().iter().find(|r| r["role"] == role && r["rank"] == rank);
            args[i + 1] = render::fingerprint(r.expect("the place was drawn")["leaf"].as_str().unwrap());
        }
    }
    if args.first().map(String::as_str) == Some("check") {
        if let Some(i) = args.iter().position(|a| a == "--code") {
            assert!(args[i + 1].split('-').count() >= 4, "--code {}: a code as printed on a slip", args[i + 1]);
            let id = flag(&args, "--id").expect("check --code goes with --id");
            let receipts = std::fs::read_to_string(dir.join(RECEIPTS)).unwrap();
            let receipt = receipts.lines().map(|l| serde_json::from_str::<Value>(l).unwrap()).find(|r| r["id"] == id);
            args[i + 1] = receipt.unwrap_or_else(|| panic!("no slip with id {id}"))["code"].as_str().unwrap().into();
        }
    }
    args
}

fn command(dir: &Path, locale: &str, args: &[String]) -> Command {
    let mut c = Command::new(BIN);
    c.current_dir(dir).env_remove("LC_ALL").env_remove("LC_MESSAGES").env("LANG", locale).env("NO_COLOR", "1");
    c.args(args);
    c
}

/// `potdraw ceremony …` on the laptop at the projector: Enter at each
/// screen, the dice and the lottery numbers typed when asked. Returns what
/// the room saw.
fn ceremony(dir: &Path, locale: &str, args: &[String]) -> String {
    let l = Lang::from_code(&locale[..2]).unwrap();
    let first = |text: String| wrap(&text).into_iter().next().unwrap_or_default();
    let out = flag(args, "--out").expect("the ceremony writes --out");
    let c = json(&dir.join(flag(args, "--commitment").expect("ceremony --commitment")));
    let picks: u64 = c["lists"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["recipients"].as_u64().unwrap() + l["reserves"].as_u64().unwrap())
        .sum();
    let mut cmd = command(dir, locale, args);
    cmd.env("TERM", "xterm-256color");
    let mut pty = Pty::spawn(cmd, 30_000);
    pty.expect(&first(t!(l, "ceremony.continue")));
    pty.enter("");
    pty.expect(&first(t!(l, "ceremony.seed.match")));
    pty.expect(&first(t!(l, "ceremony.continue")));
    pty.enter("");
    pty.expect(&first(t!(l, "ceremony.dice.ask", count = 10, faces = 6, lo = '1', hi = '6')));
    pty.enter(DICE);
    pty.expect(&first(t!(l, "ceremony.value.confirm")));
    pty.enter("");
    pty.expect(&first(t!(l, "ceremony.counted.ask", count = 6)));
    pty.enter(LOTTO);
    pty.expect(&first(t!(l, "ceremony.value.confirm")));
    pty.enter("");
    pty.expect(&first(t!(l, "ceremony.mix.reveal")));
    for _ in 0..picks {
        assert!(!dir.join(out).exists(), "nothing is written before the last pick");
        pty.enter("");
        pty.expect(&first(t!(l, "ceremony.next")));
    }
    pty.enter("");
    pty.expect(&first(t!(l, "ceremony.transcript.written", file = out)));
    let status = pty.finish();
    let shown = plain(&pty.text());
    assert!(matches!(status, WaitStatus::Exited(_, 0)), "{status:?}\n{shown}");
    shown
}

/// The folder a guide's run is left in: `target/guide/<lang>/`.
fn left_folder(lang: &str) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).parent().expect("target/tmp is in target/").join("guide").join(lang)
}

/// Runs every command of `docs/<file>` in order; returns the mismatches.
fn run_guide(file: &str, lang: &str, locale: &str) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let md = std::fs::read_to_string(root.join("docs").join(file)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root.join("fixtures/sheets/avond.xlsx"), dir.path().join("leden.xlsx")).unwrap();
    let left = left_folder(lang);
    if left.exists() {
        std::fs::remove_dir_all(&left).unwrap();
    }
    std::fs::create_dir_all(&left).unwrap();
    let mut log = String::new();
    let mut problems = Vec::new();
    let (mut ran, mut screens, mut shown) = (0, 0, None::<Vec<String>>);
    for block in blocks(&md) {
        match block {
            Block::Console(steps) => {
                for step in steps {
                    let words = words(&step.typed);
                    assert_eq!(
                        words.first().map(String::as_str),
                        Some("potdraw"),
                        "{file}:{}: a potdraw command",
                        step.line
                    );
                    let args = this_runs(dir.path(), words[1..].to_vec());
                    ran += 1;
                    if args.first().map(String::as_str) == Some("ceremony") {
                        assert!(
                            step.expected.is_empty(),
                            "{file}:{}: the ceremony's screens go in ```screen blocks",
                            step.line
                        );
                        let text = ceremony(dir.path(), locale, &args);
                        log.push_str(&format!("\n$ {}\n{text}", step.typed));
                        shown = Some(tidy(&text));
                        continue;
                    }
                    let out = command(dir.path(), locale, &args).output().unwrap();
                    let text =
                        format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
                    log.push_str(&format!("\n$ {}\n{text}", step.typed));
                    let fails = step
                        .expected
                        .iter()
                        .any(|l| l.starts_with("potdraw: fout:") || l.starts_with("potdraw: error:"));
                    let code = out.status.code();
                    if code != Some(if fails { 2 } else { 0 }) {
                        problems.push(format!(
                            "{file}:{}: potdraw {}: exit code {code:?}\n{text}",
                            step.line,
                            args.join(" ")
                        ));
                    } else if !lines_match(&step.expected, &tidy(&text)) {
                        problems.push(format!(
                            "{file}:{}: potdraw {}\n--- the guide shows:\n{}\n--- it printed:\n{}",
                            step.line,
                            args.join(" "),
                            step.expected.join("\n"),
                            text.trim_end()
                        ));
                    }
                }
            }
            Block::Screen { line, lines } => {
                screens += 1;
                let shown = shown.as_ref().unwrap_or_else(|| panic!("{file}:{line}: a screen before the ceremony"));
                let around: Vec<String> =
                    [vec![WILDCARD.to_string()], tidy(&lines.join("\n")), vec![WILDCARD.into()]].concat();
                if !lines_match(&around, shown) {
                    problems.push(format!("{file}:{line}: this screen was not shown:\n{}", lines.join("\n")));
                }
            }
        }
    }
    std::fs::write(left.join("log.txt"), log).unwrap();
    if let Some(shown) = shown {
        std::fs::write(left.join("ceremony.txt"), shown.join("\n")).unwrap();
    }
    copy_folder(dir.path(), &left.join("folder"));
    assert!(
        ran >= 20 && screens >= 3,
        "{file}: {ran} commands and {screens} screens: are the blocks marked ```console and ```screen?"
    );
    problems
}

/// `from` and what it holds, copied into a new folder `to`.
fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_folder(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn the_dutch_guide_runs_as_written() {
    let problems = run_guide("handleiding.md", "nl", "nl_NL.UTF-8");
    assert!(problems.is_empty(), "{} mismatches:\n\n{}", problems.len(), problems.join("\n\n"));
}

#[test]
fn the_english_guide_runs_as_written() {
    let problems = run_guide("guide.md", "en", "en_GB.UTF-8");
    assert!(problems.is_empty(), "{} mismatches:\n\n{}", problems.len(), problems.join("\n\n"));
}

/// The subcommand and the flags of each command, in order.
fn skeleton(file: &str) -> Vec<String> {
    let md = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs").join(file)).unwrap();
    let mut out = Vec::new();
    for block in blocks(&md) {
        if let Block::Console(steps) = block {
            for step in steps {
                let w = words(&step.typed);
                let flags: Vec<&str> = w.iter().map(String::as_str).filter(|a| a.starts_with("--")).collect();
                out.push(format!("{} {}", w[1], flags.join(" ")));
            }
        }
    }
    out
}

#[test]
fn the_two_guides_are_twins() {
    assert_eq!(skeleton("handleiding.md"), skeleton("guide.md"), "the same commands with the same flags, in order");
}

#[test]
fn the_wildcard_is_no_catch_all() {
    let p = |s: &[&str]| s.iter().map(|l| l.to_string()).collect::<Vec<_>>();
    assert!(lines_match(&p(&["a … c"]), &p(&["a b c"])));
    assert!(!lines_match(&p(&["a … c"]), &p(&["a b d"])));
    assert!(!lines_match(&p(&["a …"]), &p(&["a b", "c"])), "… in a line stays in that line");
    assert!(lines_match(&p(&["x", "…", "z"]), &p(&["x", "y1", "y2", "z"])));
    assert!(lines_match(&p(&["x", "…", "z"]), &p(&["x", "z"])));
    assert!(!lines_match(&p(&["x", "…", "z"]), &p(&["x", "y"])));
    assert!(!lines_match(&p(&["x"]), &p(&["x", "y"])), "no output beyond what is shown");
    assert_eq!(words("a 'b c' \"d e\" \\\n  f"), p(&["a", "b c", "d e", "f"]));
}

#[test]
fn help_names_the_guide_in_the_users_language() {
    for (locale, guide) in [("nl_NL.UTF-8", "handleiding.md"), ("en_GB.UTF-8", "guide.md")] {
        let out = command(Path::new("."), locale, &["--help".to_string()]).output().unwrap();
        let help = String::from_utf8_lossy(&out.stdout);
        assert!(help.contains(&format!("/usr/share/doc/potdraw/{guide}")), "{locale}: {help}");
    }
}

#[test]
fn the_debian_package_installs_both_guides_and_their_pictures() {
    let toml = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
    for asset in [
        r#"["../../docs/handleiding.md", "usr/share/doc/potdraw/handleiding.md", "644"]"#,
        r#"["../../docs/guide.md", "usr/share/doc/potdraw/guide.md", "644"]"#,
        r#"["../../docs/img/*.png", "usr/share/doc/potdraw/img/", "644"]"#,
    ] {
        assert!(toml.contains(asset), "[package.metadata.deb] assets: {asset}");
    }
}
