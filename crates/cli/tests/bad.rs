//! The catalogue of bad inputs, `fixtures/bad/` (see its README.md): one
//! case per file, run through the real binary in English and in Dutch.
//!
//! A case is a few `key: value` header lines, an empty line and the input
//! bytes (or no body, when the input is built from a `base:` fixture and
//! `edit:` steps — needed when a valid digest must be recomputed). The
//! `expect:` line takes one of:
//!
//! - `exit 0` — the input is accepted (e.g. a BOM or CRLF from a spreadsheet);
//! - `exit 2 error CLASS` — unusable; stderr says `potdraw: error: … [error code: CLASS]` /
//!   `potdraw: fout: … [foutcode: CLASS]`;
//! - `exit 1 check CHECK` — readable but not verified; `--json` names CHECK.
//!
//! `en:` and `nl:` list message fragments (separated by ` | `) that must
//! appear in that language; `{input}` stands for the input file's path.
//! `input-file:` takes the input from a committed file (a spreadsheet).
//!
//! What an error (`exit 2`, unless the case says `plain: yes`) must say
//! besides its fragments differs by language:
//!
//! - English keeps the words: the message contains "expected" and "found".
//! - Dutch says it in sentences (issue 18, `/work/shared/glossary-nl.md`):
//!   what is wrong, where (file, line, cell, field), the value found, what
//!   belongs there and what to do — so it must *not* use the machine pattern
//!   of "verwacht …, gevonden …": no clause that starts with "verwacht"
//!   (at the start of a line or after ": ", "; ", "(") and no "verwacht"
//!   followed later on the same line by "gevonden"
//!   ([`dutch_machine_phrasing`]). That the place and the value found are
//!   named is pinned by each case's `nl:` fragments (e.g. "regel 3 | het
//!   aantal velden op deze regel is 3 | de kopregel heeft er 2").

#[path = "common/english.rs"]
mod english;
#[path = "common/xlsx.rs"]
mod xlsx;

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[derive(Debug, Default)]
struct Case {
    name: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Case {
    fn get(&self, key: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    fn all(&self, key: &str) -> Vec<&str> {
        self.headers.iter().filter(|(k, _)| k == key).map(|(_, v)| v.as_str()).collect()
    }
}

fn read_case(path: &Path) -> Case {
    let bytes = std::fs::read(path).unwrap();
    let split = bytes.windows(2).position(|w| w == b"\n\n").map_or(bytes.len(), |i| i + 1);
    let head = std::str::from_utf8(&bytes[..split]).expect("headers are UTF-8");
    let mut lines = head.lines();
    assert_eq!(lines.next(), Some("potdraw bad input v1"), "{}: first line", path.display());
    let headers = lines
        .filter(|l| !l.is_empty())
        .map(|l| {
            let (k, v) = l.split_once(": ").unwrap_or_else(|| panic!("{}: header {l:?}", path.display()));
            (k.to_string(), v.to_string())
        })
        .collect();
    let body = bytes.get(split + 1..).unwrap_or_default().to_vec();
    Case { name: path.file_name().unwrap().to_string_lossy().into_owned(), headers, body }
}

/// `\xNN` escapes, when the case says `escapes: yes` (CR, BOM, Latin-1 bytes stay visible in review).
fn unescape(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        if body[i..].starts_with(b"\\x") && i + 4 <= body.len() {
            out.push(u8::from_str_radix(std::str::from_utf8(&body[i + 2..i + 4]).unwrap(), 16).unwrap());
            i += 4;
        } else {
            out.push(body[i]);
            i += 1;
        }
    }
    out
}

/// A JSON pointer's parent and last key.
fn locate<'v>(v: &'v mut Value, pointer: &str) -> (&'v mut Value, String) {
    let (parent, last) = pointer.rsplit_once('/').unwrap();
    (v.pointer_mut(parent).unwrap_or_else(|| panic!("no {parent}")), last.to_string())
}

fn set(v: &mut Value, pointer: &str, new: Value) {
    let (parent, last) = locate(v, pointer);
    match parent {
        Value::Object(m) => {
            m.insert(last, new);
        }
        Value::Array(a) => a[last.parse::<usize>().unwrap()] = new,
        _ => panic!("{pointer}"),
    }
}

/// Builds the input from `base:` and the `edit:` steps.
fn build(case: &Case) -> Vec<u8> {
    let base = std::fs::read(root().join(case.get("base").unwrap())).unwrap();
    // A test vector (fixtures/v2/transcripts/*.txt): its document follows its header.
    let base = match base.strip_prefix(b"potdraw test vector v1\n".as_slice()) {
        Some(rest) => rest.windows(2).position(|w| w == b"\n\n").map_or(base.clone(), |i| rest[i + 2..].to_vec()),
        None => base,
    };
    let mut value: Option<Value> = None;
    let mut text: Vec<u8> = base.clone();
    for step in case.all("edit") {
        let (op, rest) = step.split_once(' ').unwrap_or((step, ""));
        let v = || serde_json::from_slice::<Value>(&base).unwrap();
        match op {
            // Value edits (then written as potdraw writes documents).
            "set" => {
                let (ptr, json) = rest.split_once(' ').unwrap();
                set(value.get_or_insert_with(v), ptr, serde_json::from_str(json).unwrap());
            }
            // A large value made at test time: a JSON string repeated N times,
            // or an array of N copies of a JSON value with "{i}" replaced by the index.
            "repeat" => {
                let mut parts = rest.splitn(3, ' ');
                let (ptr, n, json) = (parts.next().unwrap(), parts.next().unwrap(), parts.next().unwrap());
                let n: usize = n.parse().unwrap();
                let new = match serde_json::from_str::<Value>(json).unwrap() {
                    Value::String(s) => Value::String(s.repeat(n)),
                    _ => (0..n)
                        .map(|i| serde_json::from_str::<Value>(&json.replace("{i}", &i.to_string())).unwrap())
                        .collect(),
                };
                set(value.get_or_insert_with(v), ptr, new);
            }
            "remove" => {
                let (parent, last) = locate(value.get_or_insert_with(v), rest);
                parent.as_object_mut().unwrap().remove(&last).unwrap();
            }
            "swap" => {
                let (a, b) = rest.split_once(' ').unwrap();
                let doc = value.get_or_insert_with(v);
                let (x, y) = (doc.pointer(a).unwrap().clone(), doc.pointer(b).unwrap().clone());
                set(doc, a, y);
                set(doc, b, x);
            }
            "redigest" => {
                let doc = value.get_or_insert_with(v);
                let c = if doc.get("commitment").is_some() { &mut doc["commitment"] } else { doc };
                let wire: potdraw_core::wire::CommitmentDoc = serde_json::from_value(c.clone()).unwrap();
                c["digest"] = Value::String(hex::encode(potdraw_core::commit::digest_of(&wire).unwrap()));
            }
            // Byte edits, on the text as it stands.
            _ => {
                if let Some(v) = value.take() {
                    text = potdraw_cli::render::document(&v);
                }
                match op {
                    "truncate" => text.truncate(rest.parse().unwrap()),
                    "append" => text.extend_from_slice(&unescape(rest.as_bytes())),
                    "replace" => {
                        let (from, to) = rest.split_once(" => ").unwrap();
                        let s = String::from_utf8(text).unwrap();
                        assert!(s.contains(from), "{}: {from:?} not in the base", case.name);
                        text = s.replacen(from, to, 1).into_bytes();
                    }
                    other => panic!("{}: unknown edit {other}", case.name),
                }
            }
        }
    }
    match value {
        Some(v) => potdraw_cli::render::document(&v),
        None => text,
    }
}

/// The input bytes of a case.
fn input(case: &Case) -> Vec<u8> {
    if let Some(g) = case.get("generate") {
        // Too big to commit: made at test time.
        let (what, arg) = g.split_once(' ').unwrap();
        // Spreadsheets (issue 26), made with the zip crate through a file.
        let sheet = |make: &dyn Fn(&Path)| {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("made.xlsx");
            make(&path);
            std::fs::read(&path).unwrap()
        };
        match what {
            "xlsx-far-cell" => return sheet(&|p| xlsx::far_cell(p, arg)),
            "xlsx-whitespace-2gib" => return sheet(&|p| xlsx::whitespace_bomb(p)),
            "xlsx-shared-strings-2gb" => return sheet(&|p| xlsx::shared_strings_bomb(p)),
            "xlsx-repeated-cell" => return sheet(&|p| xlsx::repeated_cell(p, arg.parse().unwrap())),
            "ods-repeated-text" => return sheet(&|p| xlsx::ods_repeated_text(p, arg.parse().unwrap())),
            _ => {}
        }
        let n: usize = arg.parse().unwrap();
        return match what {
            "long-line" => [b"id\n".as_slice(), &vec![b'A'; n], b"\n"].concat(),
            "deep-json" => [vec![b'['; n], vec![b']'; n]].concat(),
            "wide-header" => {
                // N columns c1 … cN after "id", then "C1" again: a duplicate found at the end.
                let names: Vec<String> = (1..=n).map(|i| format!("c{i}")).collect();
                format!("id,{},C1\nA,{},x\n", names.join(","), vec!["x"; n].join(",")).into_bytes()
            }
            "candidates" => (0..n).fold(b"id\n".to_vec(), |mut csv, i| {
                csv.extend_from_slice(format!("ID-{i}\n").as_bytes());
                csv
            }),
            "deep-receipt" => {
                let line = std::fs::read_to_string(root().join("fixtures/example/receipts.jsonl")).unwrap();
                let first = line.lines().next().unwrap();
                let deep = format!("{}{}", "[".repeat(n), "]".repeat(n));
                first.replacen("\"columns\":{", &format!("\"columns\":{{\"deep\":{deep},"), 1).into_bytes()
            }
            other => panic!("generate {other}"),
        };
    }
    if case.get("base").is_some() {
        return build(case);
    }
    if let Some(file) = case.get("input-file") {
        // A binary input made by a real program (fixtures/sheets/make.sh).
        return std::fs::read(root().join(file)).unwrap_or_else(|e| panic!("{}: {file}: {e}", case.name));
    }
    if case.get("escapes") == Some("yes") {
        unescape(&case.body)
    } else {
        case.body.clone()
    }
}

/// The first clause of a Dutch answer in the machine pattern "verwacht …,
/// gevonden …" (see the module's doc comment), if there is one.
fn dutch_machine_phrasing(text: &str) -> Option<String> {
    for line in text.lines() {
        let lower = line.to_lowercase();
        if let Some(at) = lower.find("verwacht") {
            if lower[at..].contains("gevonden") {
                return Some(line.to_string());
            }
        }
        let starts = lower.starts_with("verwacht")
            || [": verwacht", "; verwacht", "(verwacht"].iter().any(|p| lower.contains(p));
        if starts {
            return Some(line.to_string());
        }
    }
    None
}

fn run_case(case: &Case, lang: &str, dir: &Path) -> Result<(), String> {
    let ext = case.get("input-name").unwrap_or("input");
    let input_path = dir.join(ext);
    std::fs::write(&input_path, input(case)).unwrap();
    let example = root().join("fixtures/example");
    let rfc = root().join("fixtures/rfc3797/example");
    let v3 = root().join("fixtures/v3");
    let v4 = root().join("fixtures/v4");
    // The committed time-stamp tokens and test roots (issue 30).
    let tsa = root().join("crates/timestamp/tests/data/bad");
    let out = dir.join(format!("out-{lang}"));
    let expand = |s: &str| {
        s.replace("{input}", &input_path.display().to_string())
            .replace("{out}", &out.display().to_string())
            .replace("{example}", &example.display().to_string())
            .replace("{rfc3797}", &rfc.display().to_string())
            .replace("{v3}", &v3.display().to_string())
            .replace("{v4}", &v4.display().to_string())
            .replace("{tsa}", &tsa.display().to_string())
    };
    let command = case.get("command").ok_or("no command:")?;
    let args: Vec<String> = command.split(' ').map(expand).collect();
    let expect: Vec<&str> = case.get("expect").ok_or("no expect:")?.split(' ').collect();
    let mut cmd = Command::cargo_bin("potdraw").unwrap();
    cmd.env_remove("LC_ALL").env_remove("LC_MESSAGES").env_remove("LANG").current_dir(dir);
    let output = cmd.arg("--lang").arg(lang).args(&args).output().unwrap();
    let (stdout, stderr) = (String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    let said = format!("exit {:?}\nstdout:\n{stdout}\nstderr:\n{stderr}", output.status.code());
    if stderr.contains("panicked") {
        return Err(format!("panic!\n{said}"));
    }
    // SPEC §2.4: nothing from an input reaches the terminal raw (escape sequences, carriage returns).
    if let Some(c) = stdout.chars().chain(stderr.chars()).find(|&c| c.is_control() && c != '\n') {
        return Err(format!("the output holds the control character {c:?}\n{said}"));
    }
    let code = output.status.code().ok_or("killed by a signal")?;
    match expect.as_slice() {
        ["exit", "0"] if code == 0 => {}
        ["exit", "2", "error", class] if code == 2 => {
            // Issue 28: the sentence first, the code after it, in the user's words.
            let (label, code) = if lang == "nl" { ("fout", "foutcode") } else { ("error", "error code") };
            if !stderr.starts_with(&format!("potdraw: {label}: ")) || !stderr.contains(&format!(" [{code}: {class}]")) {
                return Err(format!("expected class {class}\n{said}"));
            }
            if case.get("plain") != Some("yes") {
                if lang == "nl" {
                    if let Some(clause) = dutch_machine_phrasing(&stderr) {
                        return Err(format!(
                            "machine phrasing \"verwacht …, gevonden …\" in Dutch: {clause:?}\n{said}"
                        ));
                    }
                } else if !(stderr.contains("expected") && stderr.contains("found")) {
                    return Err(format!("the message must say what was expected and found\n{said}"));
                }
            }
        }
        ["exit", "1", "check", check] if code == 1 => {
            // The same command with --json names the failing check.
            let mut cmd = Command::cargo_bin("potdraw").unwrap();
            let json = cmd.current_dir(dir).arg("--lang").arg(lang).args(&args).arg("--json").output().unwrap();
            let v: Value = serde_json::from_slice(&json.stdout).map_err(|e| format!("--json: {e}\n{said}"))?;
            if v["failed_check"] != *check || v["verified"] != false {
                return Err(format!("expected failed_check {check}, got {v}"));
            }
        }
        _ => return Err(format!("expected {expect:?}\n{said}")),
    }
    for fragment in case.get(lang).map(|f| f.split(" | ").collect::<Vec<_>>()).unwrap_or_default() {
        let fragment = expand(fragment);
        if !stderr.contains(&fragment) && !stdout.contains(&fragment) {
            return Err(format!("missing {fragment:?}\n{said}"));
        }
    }
    // Issue 18: the Dutch answer holds no English (common/english.rs says what counts).
    if lang == "nl" {
        let english = english::english_in(&format!("{stdout}\n{stderr}"));
        if !english.is_empty() {
            return Err(format!("English in the Dutch answer:\n{}\n{said}", english.join("\n")));
        }
    }
    for secret in case.all("not") {
        if stderr.contains(secret) || stdout.contains(secret) {
            return Err(format!("{secret:?} must not be shown\n{said}"));
        }
    }
    if let Some(files) = case.get("writes") {
        for f in files.split(' ') {
            if !out.join(f).is_file() {
                return Err(format!("expected {f} to be written\n{said}"));
            }
        }
    } else if out.exists() {
        return Err(format!("a refused command left {} behind\n{said}", out.display()));
    }
    if let Some(ids) = case.get("receipt-ids") {
        // What was accepted was read right: exactly these ids, in this order.
        let text = std::fs::read_to_string(out.join("private").join("receipts.jsonl")).unwrap();
        let got: Vec<String> = text
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].as_str().unwrap().to_string())
            .collect();
        if got != ids.split(' ').collect::<Vec<_>>() {
            return Err(format!("expected the ids {ids}, read {got:?}"));
        }
    }
    Ok(())
}

#[test]
fn every_bad_input_gets_its_expected_answer_in_every_language() {
    let folder = root().join("fixtures/bad");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 40, "fixtures/bad holds {} cases", paths.len());
    let mut failures = Vec::new();
    for path in &paths {
        let case = read_case(path);
        for key in ["description", "command", "expect", "en", "nl"] {
            if case.get(key).is_none() {
                failures.push(format!("{}: no {key}: line", case.name));
            }
        }
        for lang in ["en", "nl"] {
            let dir = tempfile::tempdir().unwrap();
            if let Err(e) = run_case(&case, lang, dir.path()) {
                failures.push(format!("{} ({lang}): {e}", case.name));
            }
        }
    }
    assert!(failures.is_empty(), "{} of {} cases:\n\n{}", failures.len(), paths.len(), failures.join("\n\n"));
}

#[test]
fn the_dutch_rule_tells_machine_phrasing_from_sentences() {
    for machine in [
        "potdraw: fout: lijst.csv: regel 3: verwacht 2 velden, zoals in de kopregel, gevonden 3 velden [foutcode: csv-field-count]",
        "potdraw: fout: --code: verwacht 28 tekens [foutcode: code-length]",
        "potdraw: fout: a.json: veld: dit is fout (verwacht een datum; gevonden x) [foutcode: x]",
        "verwacht drand:LABEL:KETEN:RONDE",
    ] {
        assert!(dutch_machine_phrasing(machine).is_some(), "{machine}");
    }
    for sentence in [
        "potdraw: fout: lijst.csv: regel 3: het aantal velden op deze regel is 3, maar de kopregel heeft er 2. [foutcode: csv-field-count]",
        "potdraw: fout: --seed s: de vastlegging noemt een startwaarde met de hash 12ab. [foutcode: seed-mismatch]",
    ] {
        assert_eq!(dutch_machine_phrasing(sentence), None, "{sentence}");
    }
}
