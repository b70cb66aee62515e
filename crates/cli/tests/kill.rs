//! No partial files (SPEC §7.5): `commit` of a large list is killed with
//! SIGKILL at many moments of its run. Whatever moment it dies, every file
//! in the output folder is complete, no temporary file is left where a user
//! would see it, and a published commitment always has its seed and
//! receipts beside it.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const N: usize = 60_000;

fn commit(list: &Path, out: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_potdraw"));
    c.args(["--lang", "en", "commit", "--candidates"])
        .arg(list)
        .args(["--pot", "65000", "--entropy", "dice:room", "--created-at", "2026-11-24T12:00:00Z", "--out"])
        .arg(out)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    c
}

/// Every file in `out` (in its public/ and private/ folders) is complete;
/// returns their names as `public/commitment.json`, ….
fn check_folder(out: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(out) else { return Vec::new() };
    let mut names = Vec::new();
    for e in entries {
        let sub = e.unwrap().file_name().to_string_lossy().into_owned();
        assert!(sub == "public" || sub == "private", "an unexpected entry in the output folder: {sub}");
        for f in std::fs::read_dir(out.join(&sub)).unwrap() {
            names.push(format!("{sub}/{}", f.unwrap().file_name().to_string_lossy()));
        }
    }
    names.sort();
    for name in &names {
        let bytes = std::fs::read(out.join(name)).unwrap();
        match name.as_str() {
            "public/README.txt" | "private/README.txt" => assert!(bytes.ends_with(b"\n"), "a partial {name}"),
            "private/seed" => assert_eq!(bytes.len(), 65, "a partial seed"),
            "private/receipts.jsonl" => {
                assert!(bytes.ends_with(b"\n"), "receipts.jsonl does not end with a line end");
                assert_eq!(bytes.iter().filter(|&&b| b == b'\n').count(), N, "receipts.jsonl is partial");
            }
            "public/commitment.json" => {
                let c = potdraw_core::parse::commitment(&bytes).expect("a complete commitment");
                assert_eq!(c.entries().len(), N);
                let private = ["private/seed", "private/receipts.jsonl", "private/README.txt", "public/README.txt"];
                assert!(private.iter().all(|p| names.contains(&p.to_string())), "{names:?}");
            }
            other => panic!("an unexpected file is left in the output folder: {other}"),
        }
    }
    names
}

#[test]
fn killing_commit_at_any_moment_leaves_no_partial_or_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("list.csv");
    let mut csv = String::from("id,weight\n");
    for i in 0..N {
        csv.push_str(&format!("P-{i:07},{}\n", 1 + i % 3));
    }
    std::fs::write(&list, csv).unwrap();

    // How long a whole run takes here, so the kills spread over it.
    let full = dir.path().join("full");
    let start = Instant::now();
    assert!(commit(&list, &full).status().unwrap().success());
    let took = start.elapsed();
    assert_eq!(
        check_folder(&full),
        ["private/README.txt", "private/receipts.jsonl", "private/seed", "public/README.txt", "public/commitment.json"]
    );

    let mut seen = std::collections::BTreeSet::new();
    // Early kills, then a fine sweep over the end of the run, where the files are written.
    let moments = (1..=4).map(|i| f64::from(i) * 0.15).chain((0..12).map(|i| 0.75 + f64::from(i) * 0.03));
    for (step, at) in moments.enumerate() {
        let out = dir.path().join(format!("killed-{step}"));
        let mut child = commit(&list, &out).spawn().unwrap();
        std::thread::sleep(took.mul_f64(at).max(Duration::from_millis(2)));
        let _ = child.kill(); // SIGKILL: no destructor, no cleanup code runs.
        let _ = child.wait();
        seen.insert(check_folder(&out).len());
    }
    // Not a timing test: just make sure the kills fell in more than one phase.
    eprintln!("files present after the kills: {seen:?} (a full run took {took:?})");
}
