//! Helpers for the CLI integration tests: a small candidate list written into
//! a temporary folder, the standard commit and draw command lines, and readers
//! for the files the binary produces.
//!
//! Nothing here knows a digest, code or result in advance: `commit` uses the
//! operating system's randomness, so every expectation in the tests is derived
//! from the files the binary wrote (or from the candidate table below and the
//! arithmetic of SPEC §7.2).

// Each test binary (flow, refusals, inputs) uses a different part of this module.
#![allow(dead_code)]

use assert_cmd::assert::Assert;
use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Output;
use tempfile::TempDir;

/// The candidate table of the standard list: (id, weight, name).
///
/// Ids use upper-case letters so that they can never occur inside the
/// lower-case hexadecimal of a public document by accident; "René" is NFC.
pub const CANDIDATES: &[(&str, u64, &str)] = &[
    ("A01", 1, "Fatima Ouali"),
    ("A02", 2, "Henk de Vries"),
    ("A03", 1, "Mensah, Joyce"),
    ("Ren\u{e9}", 3, "Ren\u{e9} Dubois"),
    ("B05", 1, "Piotr Nowak"),
    ("B06", 1, "Sanne Bakker"),
    ("B07", 2, "Youssef Amrani"),
    ("B08", 1, "Ingrid Visser"),
    ("B09", 1, "Kees Jansen"),
    ("B10", 1, "Lotte Smit"),
    ("B11", 1, "Marco Rossi"),
    ("B12", 1, "Nadia El Idrissi"),
];

/// With `--pot 60000` and the default policy (€1,000 a month for 12 months,
/// 5 to 9 recipients): floor(60,000 / 12,000) = 5 recipients; 3 reserves by default.
pub const POT: &str = "60000";
pub const K: usize = 5;
pub const R: usize = 3;

/// The announced sources of the standard plan and the values revealed at the draw.
pub const ROOM: &str = "3141526535";
pub const LOTTO: &str = "3 14 15 22 35 41";

/// The order in which `verify` runs its checks (SPEC §8.2) on the standard
/// pot, which is v3 (a `numbers` source) and so has the `beacon` check.
pub const CHECK_ORDER: [&str; 11] = [
    "format",
    "published-commitment",
    "commitment-digest",
    "canonical-order",
    "counts",
    "pot",
    "seed-commitment",
    "entropy-plan",
    "beacon",
    "draw-replay",
    "result",
];

/// Crockford base 32 as in SPEC §4.3.
pub const ALPHABET: &str = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The standard list as CSV text: header `id,weight,name`, a quoted name with a comma.
pub fn candidates_csv() -> String {
    let mut s = String::from("id,weight,name\n");
    for (id, weight, name) in CANDIDATES {
        if name.contains(',') {
            s.push_str(&format!("{id},{weight},\"{name}\"\n"));
        } else {
            s.push_str(&format!("{id},{weight},{name}\n"));
        }
    }
    s
}

/// The binary, run in `cwd`.
pub fn potdraw(cwd: &Path) -> Command {
    let mut c = Command::cargo_bin("potdraw").expect("the potdraw binary is built for integration tests");
    c.current_dir(cwd);
    c
}

/// Asserts the exit code and that stderr contains every one of `needles`; returns stderr.
pub fn fails(cmd: &mut Command, code: i32, needles: &[&str]) -> String {
    let mut a: Assert = cmd.assert().code(code);
    for n in needles {
        a = a.stderr(predicate::str::contains(*n));
    }
    stderr(a.get_output())
}

/// Asserts success; returns stdout.
pub fn succeeds(cmd: &mut Command) -> String {
    let a = cmd.assert().success();
    stdout(a.get_output())
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

pub fn read_json(path: &Path) -> Value {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn write_json(path: &Path, v: &Value) {
    std::fs::write(path, serde_json::to_vec_pretty(v).unwrap()).unwrap();
}

/// The permission bits of a file.
pub fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).permissions().mode() & 0o777
}

/// The umask the binary inherits from this test process, read through `sh`.
pub fn umask() -> u32 {
    let out = std::process::Command::new("sh").args(["-c", "umask"]).output().expect("sh runs");
    u32::from_str_radix(String::from_utf8_lossy(&out.stdout).trim(), 8).expect("umask prints octal")
}

/// Names of files in `dir` that look like abandoned temporaries of potdraw.
pub fn leftover_temporaries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".potdraw-") || n.ends_with(".tmp"))
        .collect()
}

/// Changes the hexadecimal digit at `pos` to another lower-case hexadecimal digit.
pub fn flip_hex(s: &str, pos: usize) -> String {
    let c = s.as_bytes()[pos];
    assert!(c.is_ascii_hexdigit(), "not hex at {pos}: {s}");
    let new = if c == b'0' { '1' } else { '0' };
    let mut out = s.to_string();
    out.replace_range(pos..pos + 1, &new.to_string());
    out
}

/// int_be(hex) mod 1021, as in the receipt-code check of SPEC §4.3.
pub fn mod_1021(hex_digest: &str) -> u32 {
    hex_digest.as_bytes().chunks(2).fold(0u32, |acc, pair| {
        let byte = u32::from_str_radix(std::str::from_utf8(pair).unwrap(), 16).unwrap();
        (acc * 256 + byte) % 1021
    })
}

/// Where a ticket stands in a transcript, read straight from its `result` array.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    Recipient(u64),
    Reserve(u64),
    NotDrawn,
}

impl Expected {
    pub fn of(transcript: &Value, leaf: &str) -> Expected {
        let hit = transcript["result"].as_array().unwrap().iter().find(|r| r["leaf"] == leaf);
        match hit {
            None => Expected::NotDrawn,
            Some(r) => {
                let rank = r["rank"].as_u64().unwrap();
                match r["role"].as_str().unwrap() {
                    "recipient" => Expected::Recipient(rank),
                    "reserve" => Expected::Reserve(rank),
                    other => panic!("unknown role {other}"),
                }
            }
        }
    }

    /// The sentence `potdraw check` prints (after the weight sentence).
    pub fn sentence(self) -> String {
        match self {
            Expected::Recipient(n) => format!("You were drawn as recipient number {n}."),
            Expected::Reserve(n) => format!("You were drawn as reserve number {n}."),
            Expected::NotDrawn => "You were not drawn.".to_string(),
        }
    }

    /// (outcome, rank) as `check --json` writes them.
    pub fn json(self) -> (&'static str, Value) {
        match self {
            Expected::Recipient(n) => ("recipient", Value::from(n)),
            Expected::Reserve(n) => ("reserve", Value::from(n)),
            Expected::NotDrawn => ("not-drawn", Value::Null),
        }
    }
}

/// One organiser's folder: the candidate list, the commit output folder and the transcript.
pub struct Pot {
    pub dir: TempDir,
    pub csv: PathBuf,
    pub out: PathBuf,
    pub transcript: PathBuf,
}

impl Pot {
    /// A fresh folder holding the standard candidate list.
    pub fn new() -> Pot {
        Pot::with_csv(candidates_csv().as_bytes())
    }

    /// A fresh folder holding `bytes` as candidates.csv.
    pub fn with_csv(bytes: &[u8]) -> Pot {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("candidates.csv");
        std::fs::write(&csv, bytes).unwrap();
        let out = dir.path().join("pot");
        let transcript = dir.path().join("transcript.json");
        Pot { dir, csv, out, transcript }
    }

    /// The standard list, committed.
    pub fn committed() -> Pot {
        let p = Pot::new();
        succeeds(&mut p.commit_cmd());
        p
    }

    /// The standard list committed as an old v1 plan with a free text source
    /// (`commit` no longer offers one, SPEC §9.8; such commitments may still
    /// be drawn): `dice:room:10` and `text:lotto`, with `title`.
    pub fn committed_with_text(title: &str) -> Pot {
        use potdraw_core::entropy::{PlanEntry, SourceKind};
        let p = Pot::new();
        let args = [
            "potdraw",
            "commit",
            "--candidates",
            p.csv.to_str().unwrap(),
            "--pot",
            POT,
            "--entropy",
            "dice:room:10",
            "--title",
            title,
            "--created-at",
            "2026-12-01T12:00:00Z",
            "--out",
            p.out.to_str().unwrap(),
        ];
        let cli = <potdraw_cli::args::Cli as clap::Parser>::try_parse_from(args).unwrap();
        let potdraw_cli::args::Command::Commit(a) = cli.command else { panic!("commit arguments") };
        let mut cfg = potdraw_cli::config::commit(a).unwrap();
        cfg.params.plan.push(PlanEntry { label: "lotto".into(), kind: SourceKind::Text });
        let mut fill = |b: &mut [u8]| getrandom::fill(b).unwrap();
        potdraw_cli::cmd::commit::execute(&cfg, &mut fill).unwrap();
        assert_eq!(p.commitment_json()["format"], "potdraw/commitment/v1");
        p
    }

    /// The standard list, committed and drawn.
    pub fn drawn() -> Pot {
        let p = Pot::committed();
        succeeds(&mut p.draw_cmd());
        p
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn commitment(&self) -> PathBuf {
        self.out.join("public").join("commitment.json")
    }

    pub fn seed(&self) -> PathBuf {
        self.out.join("private").join("seed")
    }

    pub fn receipts(&self) -> PathBuf {
        self.out.join("private").join("receipts.jsonl")
    }

    pub fn cmd(&self) -> Command {
        potdraw(self.dir.path())
    }

    /// `potdraw commit` with the standard pot, plan and title; `extra` is appended.
    pub fn commit_cmd_with(&self, pot: &str, extra: &[&str]) -> Command {
        let mut c = self.cmd();
        c.arg("commit")
            .arg("--candidates")
            .arg(&self.csv)
            .args(["--pot", pot, "--entropy", "dice:room:10", "--entropy", "numbers:lotto:6"])
            .args(["--title", "Testpot", "--created-at", "2026-12-01T12:00:00Z"])
            .arg("--out")
            .arg(&self.out)
            .args(extra);
        c
    }

    pub fn commit_cmd(&self) -> Command {
        self.commit_cmd_with(POT, &[])
    }

    /// `potdraw draw` with the given entropy values, into `out`.
    pub fn draw_cmd_with(&self, entropy: &[&str], out: &Path) -> Command {
        let mut c = self.cmd();
        c.arg("draw").arg("--commitment").arg(self.commitment()).arg("--seed").arg(self.seed());
        for e in entropy {
            c.args(["--entropy", e]);
        }
        c.arg("--out").arg(out);
        c
    }

    /// `potdraw draw` with the standard values into transcript.json.
    pub fn draw_cmd(&self) -> Command {
        self.draw_cmd_with(&[&format!("room={ROOM}"), &format!("lotto={LOTTO}")], &self.transcript)
    }

    pub fn commitment_json(&self) -> Value {
        read_json(&self.commitment())
    }

    pub fn transcript_json(&self) -> Value {
        read_json(&self.transcript)
    }

    /// The receipts, one JSON object per line of receipts.jsonl, with the line text.
    pub fn receipt_lines(&self) -> Vec<(String, Value)> {
        let text = std::fs::read_to_string(self.receipts()).unwrap();
        assert!(text.ends_with('\n'), "receipts.jsonl ends with LF");
        text.lines().map(|l| (l.to_string(), serde_json::from_str(l).expect("one JSON object per line"))).collect()
    }

    pub fn receipts_json(&self) -> Vec<Value> {
        self.receipt_lines().into_iter().map(|(_, v)| v).collect()
    }

    /// The receipt of the candidate with this id.
    pub fn receipt_of(&self, id: &str) -> Value {
        self.receipts_json().into_iter().find(|r| r["id"] == id).unwrap_or_else(|| panic!("no receipt for {id}"))
    }

    /// Reads every file of the commit output folder (for byte-identity checks).
    pub fn snapshot(&self) -> Vec<(PathBuf, Vec<u8>)> {
        [self.commitment(), self.seed(), self.receipts()]
            .into_iter()
            .map(|p| {
                let bytes = std::fs::read(&p).unwrap();
                (p, bytes)
            })
            .collect()
    }
}
