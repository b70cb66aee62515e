//! Issue 15, through the real binary: outputs are published all or none,
//! and an input that never ends is read no further than its limit.

mod common;

use common::*;

/// `commit --force` into a folder whose commitment.json is a folder: refused
/// before anything is replaced. The old seed and receipts stay, byte for
/// byte, beside the old state; no temporary file is left.
#[test]
fn commit_force_replaces_all_three_files_or_none() {
    let p = Pot::committed();
    let (seed, receipts) = (std::fs::read(p.seed()).unwrap(), std::fs::read(p.receipts()).unwrap());
    std::fs::remove_file(p.commitment()).unwrap();
    std::fs::create_dir(p.commitment()).unwrap();
    let err = fails(&mut p.commit_cmd_with(POT, &["--force"]), 2, &["commitment.json"]);
    assert!(err.contains("[error code: file-folder]"), "{err}");
    assert_eq!(std::fs::read(p.seed()).unwrap(), seed, "the seed was replaced");
    assert_eq!(std::fs::read(p.receipts()).unwrap(), receipts, "the receipts were replaced");
    assert!(leftover_temporaries(&p.out).is_empty(), "{:?}", leftover_temporaries(&p.out));
    // With the folder gone, --force replaces all three.
    std::fs::remove_dir(p.commitment()).unwrap();
    succeeds(&mut p.commit_cmd_with(POT, &["--force"]));
    assert_ne!(std::fs::read(p.seed()).unwrap(), seed);
    assert_ne!(std::fs::read(p.receipts()).unwrap(), receipts);
    assert!(p.commitment().is_file() && leftover_temporaries(&p.out).is_empty());
}

/// `draw --seed FIFO` fed without end: refused after 4097 bytes, promptly,
/// where it used to read until memory ran out.
#[test]
fn a_seed_from_a_pipe_without_end_is_refused_at_its_limit() {
    let p = Pot::committed();
    let fifo = p.path("seed-fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
    assert!(made.success());
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            use std::io::Write;
            let mut f = std::fs::OpenOptions::new().write(true).open(fifo).unwrap();
            let mut written = 0u64;
            // Until the reader closes its end (EPIPE), or far past any limit.
            while written < (1 << 30) && f.write_all(&[b'a'; 65536]).is_ok() {
                written += 65536;
            }
            written
        })
    };
    let started = std::time::Instant::now();
    let mut cmd = p.cmd();
    cmd.arg("draw").arg("--commitment").arg(p.commitment()).arg("--seed").arg(&fifo);
    cmd.args(["--entropy", &format!("room={ROOM}"), "--entropy", &format!("lotto={LOTTO}")]);
    cmd.arg("--out").arg(&p.transcript);
    let err = fails(&mut cmd, 2, &["seed-fifo", "4096"]);
    assert!(err.contains("[error code: file-too-large-stream]"), "{err}");
    let written = writer.join().unwrap();
    assert!(written < 1 << 30, "the reader kept reading: {written} bytes");
    assert!(started.elapsed() < std::time::Duration::from_secs(60), "{:?}", started.elapsed());
    assert!(!p.transcript.exists());
}

/// `ceremony --force` whose report would replace a folder: refused before
/// the first screen, so the room never draws a result that cannot be
/// published with its report; nothing is written.
#[test]
fn ceremony_refuses_a_folder_for_its_report_before_it_starts() {
    let p = Pot::committed();
    let report = p.path("report.html");
    std::fs::create_dir(&report).unwrap();
    let mut cmd = p.cmd();
    cmd.args(["ceremony", "--commitment"]).arg(p.commitment()).arg("--seed").arg(p.seed());
    cmd.arg("--out").arg(&p.transcript).arg("--report").arg(&report).arg("--force");
    let err = fails(cmd.write_stdin(""), 2, &["report.html"]);
    assert!(err.contains("[error code: file-folder]"), "{err}");
    assert!(!p.transcript.exists() && report.is_dir());
}
