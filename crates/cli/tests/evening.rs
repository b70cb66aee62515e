//! Issue 27: one evening, whole, in Dutch, as a volunteer treasurer holds
//! it: one workbook written by LibreOffice (fixtures/sheets/avond.xlsx) with
//! tabs Noord, Zuid and Reisgenoten; two neighbourhoods, each with its own
//! pot, and travel companions for both; the key and the signed commitment
//! before the evening; slips and the seed sheet; the ceremony in a
//! pseudo-terminal (rexpect), its keys typed as on the laptop at the
//! projector, reaching the transcript `draw` writes for the same values;
//! the named results; a recipient declines, a reserve is passed over and a
//! companion is unreachable; the same `amend` repeated (refused); the last
//! event undone; the report with the substitutions; the public folder
//! published and signed as the README says; the audit passes; and `check`
//! for a recipient, a companion, the reserve who moved up, the reserve
//! passed over, the person who declined and the companion whose place came
//! back. Every word printed is scanned for English.
//!
//! What each step printed is written, as a person read it, to
//! `target/evening/log.txt`. The published folder and the people who check
//! are left in `target/evening/` (page.json) for the page part of the
//! evening: web/browser/evening.test.mjs opens the published verify.html in
//! headless Chromium and asks it the same questions (CI runs it after this
//! test; it fails, never skips, when this folder is missing or was written
//! with another page).
//!
//! The expectations come from the files the binary wrote (the seed and the
//! salts are random) and from the rules, never from a result known before.

mod common;
#[path = "common/english.rs"]
mod english;
#[path = "common/pty.rs"]
mod pty;

use english::{english_words_in, WORDS};
use potdraw_cli::cmd::ceremony::screen::{big_rows, wrap};
use potdraw_cli::i18n::Lang;
use potdraw_cli::{render, t};
use pty::{plain, Pty};
use rexpect::process::WaitStatus;
use serde_json::{json, Value};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_potdraw");
const ROOM: &str = "3141526535";
const LOTTO: &str = "3 14 15 22 35 41";

/// English words a Dutch evening must not show, besides the scan's own:
/// the words of the evening itself (lists, places, companions, grants).
const EVENING_WORDS: [&str; 16] = [
    "and",
    "you",
    "your",
    "with",
    "list",
    "place",
    "travel",
    "companion",
    "companions",
    "grant",
    "grants",
    "ticket",
    "step",
    "written",
    "passed",
    "receipt",
];

/// The folder this test leaves for a person and for the page part:
/// `target/evening/` (beside `target/tmp`, `CARGO_TARGET_TMPDIR`).
fn left_folder() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).parent().expect("target/tmp is in target/").join("evening")
}

struct Evening {
    dir: tempfile::TempDir,
    said: Vec<(String, String)>,
    log: PathBuf,
}

impl Evening {
    /// Keeps what a step showed, and adds it to the evening's log at once
    /// (a failing step leaves the log up to it).
    fn record(&mut self, what: &str, text: &str) {
        let text = plain(text);
        let n = self.said.len() + 1;
        let mut log = std::fs::OpenOptions::new().append(true).open(&self.log).unwrap();
        write!(log, "\n── stap {n}: potdraw --lang nl {what}\n{text}").unwrap();
        self.said.push((what.to_string(), text));
    }

    fn path(&self, p: &str) -> std::path::PathBuf {
        self.dir.path().join(p)
    }

    /// `potdraw --lang nl ARGS` in the evening's folder, with `input` on
    /// standard input; asserts the exit code and keeps what it said.
    fn run(&mut self, args: &[&str], input: &str, code: i32) -> String {
        let mut c = Command::new(BIN);
        c.current_dir(self.dir.path()).env_remove("LC_ALL").env_remove("LC_MESSAGES").env_remove("LANG");
        c.arg("--lang").arg("nl").args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = c.spawn().unwrap();
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        self.record(&args.join(" "), &text);
        assert_eq!(out.status.code(), Some(code), "potdraw {args:?}:\n{text}");
        text
    }

    fn json(&self, p: &str) -> Value {
        serde_json::from_slice(&std::fs::read(self.path(p)).unwrap()).unwrap()
    }
}

/// The receipt of a ticket: (id, code).
fn receipt_of(receipts: &[Value], list: &str, leaf: &str) -> (String, String) {
    let r = receipts.iter().find(|r| r["list"] == list && r["leaf"] == leaf).expect("every ticket has a receipt");
    (r["id"].as_str().unwrap().to_string(), r["code"].as_str().unwrap().to_string())
}

#[test]
fn one_evening_in_dutch() {
    let left = left_folder();
    if left.exists() {
        std::fs::remove_dir_all(&left).unwrap();
    }
    std::fs::create_dir_all(&left).unwrap();
    let log = left.join("log.txt");
    std::fs::write(
        &log,
        "Eén avond, in het Nederlands: wat potdraw bij elke stap liet zien (crates/cli/tests/evening.rs).\n",
    )
    .unwrap();
    let mut e = Evening { dir: tempfile::tempdir().unwrap(), said: Vec::new(), log };
    let book = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/sheets/avond.xlsx");
    std::fs::copy(&book, e.path("leden.xlsx")).unwrap();

    // Two weeks before: the key, the commitment, its signature.
    e.run(&["key", "generate", "--out", "sleutel"], "", 0);
    let mut commit: Vec<String> =
        ["commit", "--title", "Buurtpot Noord en Zuid, december 2026"].map(String::from).to_vec();
    // The lists as the volunteer calls them (SPEC §19: the documents name
    // them noord, reisgenoten-noord, …; every text and page says these).
    for (list, sheet, filter) in [
        ("Noord", "Noord", None),
        ("Zuid", "Zuid", None),
        ("Reisgenoten Noord", "Reisgenoten", Some("Wijk=Noord")),
        ("Reisgenoten Zuid", "Reisgenoten", Some("Wijk=Zuid")),
    ] {
        commit.extend([
            "--list".into(),
            format!("{list}=leden.xlsx"),
            "--list-sheet".into(),
            format!("{list}={sheet}"),
        ]);
        if let Some(f) = filter {
            commit.extend(["--list-where".into(), format!("{list}={f}")]);
        }
    }
    commit.extend(
        [
            "--list-pot",
            "Noord=€ 60.000,00",
            "--list-pot",
            "Zuid=60000",
            "--companions",
            "Reisgenoten Noord=Noord",
            "--companions",
            "reisgenoten zuid=zuid",
            "--list-reserves",
            "Reisgenoten Noord=2",
            "--list-reserves",
            "Reisgenoten Zuid=2",
            "--entropy",
            "dice:zaal:10",
            "--entropy",
            "numbers:lotto:6",
            "--created-at",
            "2026-12-01T12:00:00Z",
            "--out",
            "avond",
        ]
        .map(String::from),
    );
    let said = e.run(&commit.iter().map(String::as_str).collect::<Vec<_>>(), "", 0);
    assert!(said.contains("lijst Noord: 10 deelnemers; 5 ontvangers betaald uit de pot"), "{said}");
    assert!(said.contains("lijst Reisgenoten Zuid: 7 deelnemers; 5 reisgenoten van lijst Zuid"), "{said}");
    let c = e.json("avond/public/commitment.json");
    assert_eq!(c["format"], "potdraw/commitment/v5");
    assert_eq!(
        (&c["lists"][2]["name"], &c["lists"][2]["display"]),
        (&"reisgenoten-noord".into(), &"Reisgenoten Noord".into())
    );
    e.run(&["sign", "avond/public/commitment.json", "--key", "sleutel/private/potdraw.key"], "", 0);

    // Slips (for the printer and the mail merge) and the seed on paper.
    let receipts_arg = ["--commitment", "avond/public/commitment.json", "--receipts", "avond/private/receipts.jsonl"];
    let date = ["--draw-date", "zaterdag 12 december 2026, 20.00 uur"];
    e.run(&[&["slips"][..], &receipts_arg, &date, &["--out", "avond/private/bewijsjes.html"]].concat(), "", 0);
    e.run(
        &[&["slips"][..], &receipts_arg, &date, &["--format", "csv", "--out", "avond/private/bewijsjes.csv"]].concat(),
        "",
        0,
    );
    let csv = std::fs::read_to_string(e.path("avond/private/bewijsjes.csv")).unwrap();
    assert!(csv.starts_with("\u{feff}id;naam;controlecode;lijst"), "Dutch Excel's CSV: {}", &csv[..80.min(csv.len())]);
    let seed_sheet = ["seed-sheet", "--commitment", "avond/public/commitment.json", "--seed", "avond/private/seed"];
    e.run(&[&seed_sheet[..], &["--out", "avond/private/startwaarde.html"]].concat(), "", 0);

    // The evening: what `draw` writes for the room's values (kept aside),
    // then the ceremony in a terminal, which must reach the same bytes.
    let draw = ["draw", "--commitment", "avond/public/commitment.json", "--seed", "avond/private/seed"];
    let values = ["--entropy", &format!("zaal={ROOM}"), "--entropy", &format!("lotto={LOTTO}")];
    e.run(&[&draw[..], &values, &["--out", "ter-controle.json"]].concat(), "", 0);
    let drawn = e.json("ter-controle.json");
    let shown = ceremony_in_a_terminal(&mut e, &drawn);
    assert!(shown.contains("Stap 13 van 13") && !shown.contains("van 6 ·"), "four lists, one step count: {shown}");
    assert_eq!(
        std::fs::read(e.path("avond/public/transcript.json")).unwrap(),
        std::fs::read(e.path("ter-controle.json")).unwrap(),
        "the ceremony's transcript is draw's, byte for byte"
    );
    assert!(e.path("avond/public/report.html").exists(), "the report beside the transcript");
    let t = e.json("avond/public/transcript.json");
    let receipts: Vec<Value> = std::fs::read_to_string(e.path("avond/private/receipts.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let pick = |list: usize, j: usize| t["lists"][list]["result"][j]["leaf"].as_str().unwrap().to_string();
    // noord: places 1..5, reserves after them; reisgenoten-zuid is list 3.
    let (noord_1, noord_2, noord_reserve_1, noord_reserve_2) = (pick(0, 0), pick(0, 1), pick(0, 5), pick(0, 6));
    let (companion_noord_1, companion_zuid_2) = (pick(2, 0), pick(3, 1));

    // The named list for the board.
    let results =
        e.run(&["results", "avond/public/transcript.json", "--receipts", "avond/private/receipts.jsonl"], "", 0);
    let (id_1, _) = receipt_of(&receipts, "noord", &noord_1);
    let (id_companion_1, _) = receipt_of(&receipts, "reisgenoten-noord", &companion_noord_1);
    let row = results.lines().find(|l| l.starts_with("ontvanger 1 ") && l.contains(&id_1)).expect("place 1 of noord");
    assert!(row.contains(&id_companion_1), "recipient and companion side by side: {results}");

    // A week later: place 1 of noord declines, companion 2 of zuid cannot be reached.
    let fp = potdraw_cli::render::fingerprint;
    let (fp_noord_1, fp_companion_zuid_2) = (fp(&noord_1), fp(&companion_zuid_2));
    let record = ["amend", "avond/public/transcript.json", "--record", "avond/public/vervangingen.json"];
    let declines = [&record[..], &["--list", "Noord", "--place", "1", "--holder", &fp_noord_1]].concat();
    let declines = [&declines[..], &["--reason", "ziet af", "--date", "12-12-2026"]].concat();
    e.run(&declines, "", 0);
    // Reserve 2 of noord no longer meets the conditions: passed over.
    let fp_reserve_2 = fp(&noord_reserve_2);
    let passed_over = [&record[..], &["--list", "noord", "--reserve", "2", "--holder", &fp_reserve_2]].concat();
    e.run(
        &[&passed_over[..], &["--reason", "voldoet niet meer aan de voorwaarden", "--date", "13-12-2026"]].concat(),
        "",
        0,
    );
    let unreachable =
        [&record[..], &["--list", "reisgenoten zuid", "--place", "2", "--holder", &fp_companion_zuid_2]].concat();
    e.run(&[&unreachable[..], &["--reason", "onbereikbaar", "--date", "13-12-2026"]].concat(), "", 0);
    // The same command again (arrow-up, Enter): refused, nothing written.
    let before = std::fs::read(e.path("avond/public/vervangingen.json")).unwrap();
    let again = e.run(&declines, "", 2);
    assert!(
        again.contains("gebeurtenis #1 van 12 december 2026") && again.contains("Er is niets vastgelegd"),
        "{again}"
    );
    assert_eq!(std::fs::read(e.path("avond/public/vervangingen.json")).unwrap(), before);
    // The companion turns up after all: the last event is undone, publicly.
    let undone = e.run(&[&record[..], &["--undo", "--date", "14-12-2026"]].concat(), "", 0);
    // The companion restored is named as a companion, never as a recipient.
    assert!(undone.contains("(reisgenoot 2, die meereist met plaats 2 van lijst Zuid)"), "{undone}");
    assert!(!undone.contains("ontvanger 2 van de trekking"), "{undone}");
    let v = e.json("avond/public/vervangingen.json");
    assert_eq!((v["format"].as_str(), v["events"].as_array().map(Vec::len)), (Some("potdraw/amendments/v2"), Some(4)));

    // The report with the substitutions, the verifier page, every file signed.
    let report = ["report", "avond/public/transcript.json", "--amendments", "avond/public/vervangingen.json"];
    e.run(&[&report[..], &["--out", "avond/public/report.html", "--force"]].concat(), "", 0);
    e.run(&["web", "--out", "avond/public/verify.html"], "", 0);
    for f in ["transcript.json", "vervangingen.json", "report.html", "verify.html", "README.txt"] {
        e.run(&["sign", &format!("avond/public/{f}"), "--key", "sleutel/private/potdraw.key"], "", 0);
    }
    let audit = e.run(&["audit", "avond/public", "--key", "sleutel/public/potdraw.pub"], "", 0);
    assert!(audit.contains("Buurtpot Noord en Zuid,") && audit.contains("december 2026"), "the whole title: {audit}");
    assert!(audit.contains("CONTROLE GESLAAGD"), "{audit}");

    // Each resident checks, with the slip's id and code and the published
    // record; the page part asks the published page the same (page.json).
    let people = [
        ("ontvanger", "noord", &noord_2, "U bent getrokken als ontvanger 2: u ontvangt de schenking.", "recipient"),
        (
            "reisgenoot",
            "reisgenoten-noord",
            &companion_noord_1,
            "U bent getrokken als reisgenoot nummer 1: u reist mee met plaats 1 van lijst Noord.",
            "recipient",
        ),
        (
            "doorgeschoven reserve",
            "noord",
            &noord_reserve_1,
            "U was reserve 1 en bent doorgeschoven naar plaats 1: u ontvangt de schenking.",
            "moved-up",
        ),
        (
            "overgeslagen reserve",
            "noord",
            &noord_reserve_2,
            "U was reserve 2 en bent op 13 december 2026 overgeslagen: voldoet niet meer aan de voorwaarden.",
            "skipped",
        ),
        ("ziet af", "noord", &noord_1, "U had plaats 1; die is op 12 december 2026 vrijgekomen: ziet af.", "vacated"),
        (
            "reisgenoot, weer op haar plaats",
            "reisgenoten-zuid",
            &companion_zuid_2,
            "U bent getrokken als reisgenoot nummer 2: u reist mee met plaats 2 van lijst Zuid.",
            "recipient",
        ),
    ];
    // What is said besides, by `check` and by the page alike.
    let page_also = |who: &str| match who {
        "reisgenoot, weer op haar plaats" => {
            Some("Gebeurtenis 3, waarin uw plaats vrijkwam, is op 14 december 2026 teruggedraaid: u houdt uw plaats.")
        }
        _ => None,
    };
    let mut for_the_page = Vec::new();
    for (who, list, leaf, says, outcome) in people {
        let (id, code) = receipt_of(&receipts, list, leaf);
        let args = ["check", "avond/public/transcript.json", "--id", &id, "--code", &code];
        let said = e.run(&[&args[..], &["--amendments", "avond/public/vervangingen.json"]].concat(), "", 0);
        assert!(said.contains(says), "{who}: {said}");
        let shown = c["lists"].as_array().unwrap().iter().find(|l| l["name"] == list).unwrap()["display"].clone();
        let first = format!("Uw lot zat in de trekking van lijst {} (", shown.as_str().unwrap());
        assert!(said.contains(&first), "{who}: the list as people call it: {said}");
        assert!(!said.contains(&format!("lijst {list}")), "{who}: the bare name: {said}");
        if let Some(also) = page_also(who) {
            assert!(said.contains(also), "{who}: check names the undo as the page does: {said}");
        }
        if list.starts_with("reisgenoten") {
            assert!(!said.contains("ontvangt de schenking"), "a companion never hears they won: {said}");
            assert!(said.contains("Een reisgenoot krijgt geen schenking."), "{said}");
        }
        let weight = receipts.iter().find(|r| r["leaf"] == leaf.as_str()).map(|r| r["weight"].clone());
        for_the_page.push(json!({
            "who": who, "list": list, "list_shown": shown, "id": id, "code": code, "weight": weight,
            "says": says, "outcome": outcome, "page_also": page_also(who),
        }));
    }

    // Not one English word in the whole evening.
    let words: Vec<&str> = WORDS.iter().chain(EVENING_WORDS.iter()).copied().collect();
    let english: Vec<String> = e
        .said
        .iter()
        .flat_map(|(cmd, text)| english_words_in(text, &words).into_iter().map(move |p| format!("{cmd}: {p}")))
        .collect();
    assert!(english.is_empty(), "English in the Dutch evening:\n{}", english.join("\n"));

    // The page part (web/browser/evening.test.mjs): the folder as published,
    // and who checks, with what they must read.
    copy_folder(&e.path("avond/public"), &left.join("public"));
    // The slips are made again from the receipts by web/browser/slip-to-answer.test.mjs,
    // with the address the test serves the published site at (issue 29).
    std::fs::create_dir_all(left.join("private")).unwrap();
    std::fs::copy(e.path("avond/private/receipts.jsonl"), left.join("private/receipts.jsonl")).unwrap();
    let page = json!({
        "about": "written by crates/cli/tests/evening.rs for web/browser/evening.test.mjs and slip-to-answer.test.mjs",
        "receipts": "private/receipts.jsonl",
        "page": "public/verify.html",
        "transcript": "public/transcript.json",
        "amendments": "public/vervangingen.json",
        "people": for_the_page,
    });
    std::fs::write(left.join("page.json"), serde_json::to_vec_pretty(&page).unwrap()).unwrap();
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

/// The ceremony on the laptop at the projector: a pseudo-terminal, Enter to
/// go on, the room's roll and the lottery numbers typed, each pick waited
/// for on its own screen under one step count. `drawn` is what `draw`
/// wrote for the same values: the screens must show its picks. Returns what
/// the room saw.
fn ceremony_in_a_terminal(e: &mut Evening, drawn: &Value) -> String {
    let l = Lang::from_code("nl").unwrap();
    let first = |text: String| wrap(&text).into_iter().next().unwrap_or_default();
    let lists = drawn["commitment"]["lists"].as_array().unwrap();
    let total = 5 + 2 * lists.len();
    let heading = |n: usize, what: String| first(t!(l, "ceremony.step", n = n, total = total, what = what));
    let args = ["ceremony", "--commitment", "avond/public/commitment.json", "--seed", "avond/private/seed"];
    let args = [&args[..], &["--out", "avond/public/transcript.json"]].concat();
    let mut cmd = Command::new(BIN);
    cmd.current_dir(e.dir.path()).env_remove("LC_ALL").env_remove("LC_MESSAGES").env_remove("LANG");
    cmd.env("TERM", "xterm-256color").env("NO_COLOR", "1").arg("--lang").arg("nl").args(&args);
    let mut pty = Pty::spawn(cmd, 30_000);
    pty.expect(&heading(1, t!(l, "ceremony.commitment.heading")));
    pty.expect(&big_rows(&render::fingerprint(drawn["commitment"]["digest"].as_str().unwrap()))[0]);
    pty.enter("");
    pty.expect(&first(t!(l, "ceremony.seed.match")));
    pty.enter("");
    pty.expect(&first(t!(l, "ceremony.dice.ask", count = 10, faces = 6, lo = '1', hi = '6')));
    pty.enter(ROOM);
    pty.expect(&first(t!(l, "ceremony.value.entered")));
    pty.enter("");
    pty.expect(&first(t!(l, "ceremony.counted.ask", count = 6)));
    pty.enter(LOTTO);
    pty.expect(&first(t!(l, "ceremony.value.entered")));
    pty.enter("");
    pty.expect(&heading(4, t!(l, "ceremony.mix.heading")));
    pty.expect(drawn["draw_seed"].as_str().unwrap());
    for (i, list) in lists.iter().enumerate() {
        let result = drawn["lists"][i]["result"].as_array().unwrap();
        let count = |role: &str| result.iter().filter(|r| r["role"] == role).count();
        // The room reads each list by its display name (SPEC §19.3).
        let shown = |name: &str| {
            let l = lists.iter().find(|l| l["name"] == name).unwrap();
            l["display"].as_str().unwrap().to_string()
        };
        let (name, of) = (shown(list["name"].as_str().unwrap()), list["companions_of"].as_str().map(shown));
        for r in result {
            assert!(!e.path("avond/public/transcript.json").exists(), "nothing is written before the last pick");
            pty.enter("");
            let (rank, recipient) = (r["rank"].as_u64().unwrap(), r["role"] == "recipient");
            let (step, key) = match (recipient, &of) {
                (true, None) => (5 + 2 * i, "ceremony.recipients.heading"),
                (true, Some(_)) => (5 + 2 * i, "ceremony.companions.heading"),
                (false, _) => (6 + 2 * i, "ceremony.reserves.heading"),
            };
            // The heading wraps on the screen: its step count, then which list and what.
            pty.expect(t!(l, "ceremony.step", n = step, total = total, what = "").trim_end());
            let n = lists.len();
            pty.expect(t!(l, "ceremony.lists.heading", list = name, n = i + 1, total = n, what = "").trim_end());
            pty.expect(l.t(key, &[]).split_whitespace().next().unwrap());
            match (recipient, &of) {
                (true, Some(of)) => {
                    pty.expect(&t!(l, "ceremony.companion", rank = rank, total = count("recipient")));
                    pty.expect(&t!(l, "verify.lists.pair", place = rank, of = of.as_str()));
                }
                (true, None) => pty.expect(&t!(l, "ceremony.recipient", rank = rank, total = count("recipient"))),
                (false, _) => pty.expect(&t!(l, "ceremony.reserve", rank = rank, total = count("reserve"))),
            }
            pty.expect(&big_rows(&render::fingerprint(r["leaf"].as_str().unwrap()))[0]);
            pty.expect(r["leaf"].as_str().unwrap());
        }
    }
    pty.enter("");
    pty.expect(&heading(total, t!(l, "ceremony.transcript.heading")));
    pty.expect(&first(t!(l, "ceremony.transcript.written", file = "avond/public/transcript.json")));
    let status = pty.finish();
    let shown = pty.text();
    e.record(&format!("{} (in een terminal, met de toetsen van de organisator)", args.join(" ")), &shown);
    assert!(matches!(status, WaitStatus::Exited(_, 0)), "{status:?}\n{}", plain(&shown));
    plain(&shown)
}
