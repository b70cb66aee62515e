//! Every command that takes a commitment, a transcript or a record accepts
//! every format the tool writes (issue 27: `seed-sheet` and `amend` refused
//! the draw with four lists that `commit` had written). Each published
//! format in `fixtures/` — v1, v2 (drand), v3 (numbers), RFC 3797, v4 with
//! two and with three lists, v5 with display names — goes through `verify`, `report`, `amend` (then
//! `verify`, `check`, `results` and `report` with the record), and, where
//! the fixture has them, `check`, `results`, `slips` and `seed-sheet`.

mod common;

use common::{potdraw, succeeds};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

/// One published draw of one format.
struct Published {
    name: &'static str,
    transcript: PathBuf,
    commitment: Option<PathBuf>,
    receipts: Option<PathBuf>,
    seed: Option<PathBuf>,
}

/// The JSON document of a self-describing vector file (after its header).
fn vector_document(path: &Path, out: &Path) -> PathBuf {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains("\nexpect: verified"), "{}: not a valid vector", path.display());
    let (_, json) = text.split_once("\n\n").unwrap();
    std::fs::write(out, json).unwrap();
    out.to_path_buf()
}

fn published(dir: &Path) -> Vec<Published> {
    let f = fixtures();
    let folder = |name: &'static str, sub: &str, seed: bool| Published {
        name,
        transcript: f.join(sub).join("transcript.json"),
        commitment: Some(f.join(sub).join("commitment.json")),
        receipts: Some(f.join(sub).join("receipts.jsonl")),
        seed: seed.then(|| f.join(sub).join("seed")),
    };
    let vector = |name: &'static str, sub: &str, seed: Option<&str>| Published {
        name,
        transcript: vector_document(&f.join(sub).join("transcripts/valid.txt"), &dir.join(format!("{name}.json"))),
        commitment: seed.map(|_| f.join(sub).join("commitment.json")),
        receipts: None,
        seed: seed.map(|s| f.join(sub).join(s)),
    };
    vec![
        folder("v1", "example", true),
        vector("v2", "v2", None),
        vector("v3", "v3", Some("seed")),
        folder("rfc3797", "rfc3797/example", false),
        vector("rfc3797-v2", "rfc3797/v2", None),
        folder("v4-two-lists", "v4/two-lists", true),
        folder("v4-three-lists", "v4/three-lists", true),
        folder("v5-two-neighbourhoods", "v5/two-neighbourhoods", true),
    ]
}

/// The holder of recipient place 1 of the first list (its fingerprint as
/// the projector shows it), and that list's name when the draw has lists.
fn first_place(transcript: &Path) -> (String, Option<String>) {
    let t: Value = serde_json::from_slice(&std::fs::read(transcript).unwrap()).unwrap();
    let (result, list) = match t["lists"].as_array() {
        Some(lists) => (&lists[0]["result"], lists[0]["name"].as_str().map(str::to_string)),
        None => (&t["result"], None),
    };
    let leaf = result[0]["leaf"].as_str().unwrap();
    assert_eq!(result[0]["role"], "recipient");
    (potdraw_cli::render::fingerprint(leaf), list)
}

#[test]
fn every_command_takes_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let all = published(d);
    let formats: Vec<String> = all
        .iter()
        .map(|p| {
            let t: Value = serde_json::from_slice(&std::fs::read(&p.transcript).unwrap()).unwrap();
            t["format"].as_str().unwrap().to_string()
        })
        .collect();
    // Every transcript format `potdraw version` names is among them.
    for id in potdraw_cli::version::formats().iter().filter(|f| f.starts_with("potdraw/transcript/")) {
        assert!(formats.iter().any(|f| f == id), "no fixture of {id} among {formats:?}");
    }
    for p in &all {
        let out = |file: &str| d.join(format!("{}-{file}", p.name));
        let t = &p.transcript;
        let mut verify = potdraw(d);
        verify.arg("verify").arg(t);
        if let Some(c) = &p.commitment {
            verify.arg("--commitment").arg(c);
        }
        succeeds(&mut verify);
        succeeds(potdraw(d).arg("report").arg(t).arg("--out").arg(out("report.html")));
        let report = std::fs::read_to_string(out("report.html")).unwrap();
        assert!(report.contains("<html"), "{}: report", p.name);
        // One substitution, named by its holder, then every reader of the record.
        let (holder, list) = first_place(t);
        let record = out("amendments.json");
        let mut amend = potdraw(d);
        amend.arg("amend").arg(t).arg("--record").arg(&record);
        amend.args(["--place", "1", "--reason", "declined", "--date", "2026-12-15", "--holder", &holder, "--yes"]);
        if let Some(l) = &list {
            amend.args(["--list", l]);
        }
        succeeds(&mut amend);
        succeeds(potdraw(d).arg("verify").arg(t).arg("--amendments").arg(&record));
        succeeds(potdraw(d).arg("report").arg(t).arg("--amendments").arg(&record).arg("--out").arg(out("final.html")));
        if let Some(r) = &p.receipts {
            let first: Value =
                serde_json::from_str(std::fs::read_to_string(r).unwrap().lines().next().unwrap()).unwrap();
            let id = first["id"].as_str().unwrap();
            let answer = potdraw(d).arg("check").arg(t).arg("--receipt").arg(r).args(["--id", id]).output().unwrap();
            assert!(matches!(answer.status.code(), Some(0)), "{}: check {id}: {answer:?}", p.name);
            let mut check = potdraw(d);
            check.arg("check").arg(t).arg("--receipt").arg(r).args(["--id", id]).arg("--amendments").arg(&record);
            succeeds(&mut check);
            succeeds(potdraw(d).arg("results").arg(t).arg("--receipts").arg(r));
            succeeds(potdraw(d).arg("results").arg(t).arg("--receipts").arg(r).arg("--amendments").arg(&record));
            let c = p.commitment.as_ref().unwrap();
            let mut slips = potdraw(d);
            slips.arg("slips").arg("--commitment").arg(c).arg("--receipts").arg(r);
            slips.args(["--draw-date", "zaterdag 12 december 2026"]).arg("--out").arg(out("slips.html"));
            succeeds(&mut slips);
        }
        if let (Some(c), Some(s)) = (&p.commitment, &p.seed) {
            let mut sheet = potdraw(d);
            sheet.arg("seed-sheet").arg("--commitment").arg(c).arg("--seed").arg(s).arg("--out").arg(out("seed.html"));
            succeeds(&mut sheet);
        }
    }
}
