//! potdraw CLI behaviour: the full flow, file modes, no overwrite, the demo.
//!
//! draw → verify → check), the files it writes, its refusals and its exit
//! codes (0 success / verified, 1 verification failed or not in the draw,
//! 2 usage or input error).
//!
//! `commit` draws its seed and salts from the operating system, so no test
//! knows a digest, code or result beforehand: expectations come from the
//! candidate table in `common`, from SPEC arithmetic, or from the files the
//! binary itself wrote (receipts.jsonl, transcript.json).

mod common;

use common::*;
use predicates::prelude::*;
use serde_json::{json, Value};
use std::path::Path;

// ---------------------------------------------------------------------------
// 1. The full flow
// ---------------------------------------------------------------------------

#[test]
fn commit_writes_consistent_commitment_and_receipts() {
    let p = Pot::new();
    let out = succeeds(&mut p.commit_cmd());
    let c = p.commitment_json();
    let digest = c["digest"].as_str().unwrap().to_string();
    assert_eq!(digest.len(), 64);
    assert!(out.contains(&digest), "commit prints the commitment digest:\n{out}");
    assert!(out.contains(&format!("{} candidates", CANDIDATES.len())), "{out}");

    // Policy arithmetic (SPEC §7.2) with the default €1,000 × 12 months.
    assert_eq!(c["format"], "potdraw/commitment/v3");
    assert_eq!(c["title"], "Testpot");
    assert_eq!(c["created_at"], "2026-12-01T12:00:00Z");
    assert_eq!(c["recipients"], K as u64);
    assert_eq!(c["reserves"], R as u64);
    assert_eq!(c["pot"]["amount_cents"], 6_000_000);
    assert_eq!(c["pot"]["grant_cents"], 1_200_000);
    assert_eq!(c["pot"]["surplus_cents"], 0);
    assert_eq!(
        c["entropy_plan"],
        json!([{"label": "room", "kind": "dice", "dice": 10, "faces": 6}, {"label": "lotto", "kind": "numbers", "count": 6}])
    );
    let total: u64 = CANDIDATES.iter().map(|c| c.1).sum();
    assert_eq!(c["candidates"]["count"], CANDIDATES.len() as u64);
    assert_eq!(c["candidates"]["total_weight"], total.to_string());

    // Entries: strictly ascending leaves.
    let entries = c["candidates"]["entries"].as_array().unwrap();
    let leaves: Vec<&str> = entries.iter().map(|e| e["leaf"].as_str().unwrap()).collect();
    assert!(leaves.windows(2).all(|w| w[0] < w[1]), "entries are in canonical order");

    // One receipt per candidate, in input order, bound to this commitment.
    let receipts = p.receipts_json();
    assert_eq!(receipts.len(), CANDIDATES.len());
    for (i, (r, (id, weight, name))) in receipts.iter().zip(CANDIDATES).enumerate() {
        assert_eq!(r["format"], "potdraw/receipt/v1");
        assert_eq!(r["id"], *id);
        assert_eq!(r["weight"], *weight);
        assert_eq!(r["line"], i as u64 + 2, "header is line 1");
        assert_eq!(r["columns"], json!({"name": name}));
        assert_eq!(r["commitment_digest"], digest.as_str());
        assert_eq!(r["title"], "Testpot");
        let code = r["code"].as_str().unwrap();
        let groups: Vec<&str> = code.split('-').collect();
        assert_eq!(groups.len(), 7, "{code}");
        assert!(groups.iter().all(|g| g.len() == 4 && g.chars().all(|ch| ALPHABET.contains(ch))), "{code}");
        // The receipt's ticket is in the public list with the candidate's weight.
        let leaf = r["leaf"].as_str().unwrap();
        let e = entries.iter().find(|e| e["leaf"] == leaf).expect("receipt leaf is in the commitment");
        assert_eq!(e["weight"], *weight);
    }

    // The public file names nobody.
    let public = std::fs::read_to_string(p.commitment()).unwrap();
    for (id, _, name) in CANDIDATES {
        assert!(!public.contains(id), "commitment.json leaks id {id}");
        assert!(!public.contains(name), "commitment.json leaks name {name}");
    }
}

#[test]
fn draw_writes_a_transcript_that_embeds_the_commitment() {
    let p = Pot::committed();
    let out = succeeds(&mut p.draw_cmd());
    let t = p.transcript_json();
    assert_eq!(t["format"], "potdraw/transcript/v3");
    assert_eq!(t["commitment"], p.commitment_json(), "the transcript embeds the commitment as published");
    assert_eq!(
        t["entropy"],
        json!([{"label": "room", "kind": "dice", "value": ROOM}, {"label": "lotto", "kind": "numbers", "value": LOTTO}])
    );
    let seed = std::fs::read_to_string(p.seed()).unwrap();
    assert_eq!(t["seed"], seed.trim(), "the draw reveals the committed seed");
    assert!(out.contains(t["draw_seed"].as_str().unwrap()), "draw prints the draw seed:\n{out}");

    let result = t["result"].as_array().unwrap();
    assert_eq!(result.len(), K + R);
    let entries = t["commitment"]["candidates"]["entries"].as_array().unwrap();
    for (j, r) in result.iter().enumerate() {
        assert_eq!(r["position"], j as u64 + 1);
        let (role, rank) = if j < K { ("recipient", j + 1) } else { ("reserve", j - K + 1) };
        assert_eq!(r["role"], role);
        assert_eq!(r["rank"], rank as u64);
        let e = &entries[r["index"].as_u64().unwrap() as usize];
        assert_eq!(r["leaf"], e["leaf"]);
        assert_eq!(r["weight"], e["weight"]);
    }
    let mut indexes: Vec<u64> = result.iter().map(|r| r["index"].as_u64().unwrap()).collect();
    indexes.sort_unstable();
    indexes.dedup();
    assert_eq!(indexes.len(), K + R, "no ticket is drawn twice");

    // The public transcript names nobody either.
    let public = std::fs::read_to_string(&p.transcript).unwrap();
    for (id, _, name) in CANDIDATES {
        assert!(!public.contains(id) && !public.contains(name), "transcript leaks {id}");
    }
}

#[test]
fn verify_with_commitment_prints_every_check_in_order_and_verified() {
    let p = Pot::drawn();
    let out = succeeds(p.cmd().arg("verify").arg(&p.transcript).arg("--commitment").arg(p.commitment()));
    let mut at = 0;
    for id in CHECK_ORDER {
        let line = format!("  ok    {id} ");
        let pos = out[at..].find(&line).unwrap_or_else(|| panic!("check {id} missing or out of order:\n{out}"));
        at += pos + line.len();
    }
    assert!(!out.contains("FAIL"), "{out}");
    assert!(out.contains("\nVERIFIED: \"Testpot\""), "{out}");
    assert!(out.contains(&format!("{K} recipients and {R} reserves")), "{out}");
    let digest = p.commitment_json()["digest"].as_str().unwrap().to_string();
    assert!(out.contains(&format!("commitment digest: {digest}")), "{out}");
    for r in p.transcript_json()["result"].as_array().unwrap() {
        assert!(out.contains(r["leaf"].as_str().unwrap()), "verify lists every drawn ticket:\n{out}");
    }
}

#[test]
fn verify_without_commitment_skips_published_commitment() {
    let p = Pot::drawn();
    let out = succeeds(p.cmd().arg("verify").arg(&p.transcript));
    assert!(!out.contains("published-commitment"), "{out}");
    for id in CHECK_ORDER.iter().filter(|&&c| c != "published-commitment") {
        assert!(out.contains(&format!("  ok    {id} ")), "{id} missing:\n{out}");
    }
    assert!(out.contains("\nVERIFIED:"), "{out}");
}

#[test]
fn verify_json_reports_checks_and_the_result() {
    let p = Pot::drawn();
    let out = succeeds(p.cmd().arg("verify").arg(&p.transcript).arg("--commitment").arg(p.commitment()).arg("--json"));
    let v: Value = serde_json::from_str(&out).expect("verify --json prints JSON");
    assert_eq!(v["verified"], true);
    assert_eq!(v["failed_check"], Value::Null);
    let checks = v["checks"].as_array().unwrap();
    let ids: Vec<&str> = checks.iter().map(|c| c["check"].as_str().unwrap()).collect();
    assert_eq!(ids, CHECK_ORDER);
    assert!(checks.iter().all(|c| c["status"] == "passed"), "{checks:?}");
    assert_eq!(v["commitment_digest"], p.commitment_json()["digest"]);
    assert_eq!(v["transcript_digest"].as_str().unwrap().len(), 64);

    let t = p.transcript_json();
    let result = t["result"].as_array().unwrap();
    let recipients = v["recipients"].as_array().unwrap();
    let reserves = v["reserves"].as_array().unwrap();
    assert_eq!(recipients.len(), K);
    assert_eq!(reserves.len(), R);
    for (i, r) in recipients.iter().enumerate() {
        assert_eq!(r["rank"], i as u64 + 1);
        assert_eq!(r["leaf"], result[i]["leaf"]);
    }
    for (i, r) in reserves.iter().enumerate() {
        assert_eq!(r["rank"], i as u64 + 1);
        assert_eq!(r["leaf"], result[K + i]["leaf"]);
    }
}

/// Every candidate checks their own receipt, saved on its own in a file.
#[test]
fn check_single_receipt_file_for_every_candidate() {
    let p = Pot::drawn();
    let t = p.transcript_json();
    let mut seen = (0, 0, 0);
    for (i, (line, r)) in p.receipt_lines().into_iter().enumerate() {
        let file = p.path(&format!("receipt-{i}.json"));
        std::fs::write(&file, format!("{line}\n")).unwrap();
        let expected = Expected::of(&t, r["leaf"].as_str().unwrap());
        match expected {
            Expected::Recipient(_) => seen.0 += 1,
            Expected::Reserve(_) => seen.1 += 1,
            Expected::NotDrawn => seen.2 += 1,
        }
        let out = succeeds(p.cmd().arg("check").arg(&p.transcript).arg("--receipt").arg(&file));
        let want = format!("Your ticket was in the draw (weight {}). {}", r["weight"], expected.sentence());
        assert_eq!(out.trim_end(), want, "receipt of {}", r["id"]);
    }
    assert_eq!(seen, (K, R, CANDIDATES.len() - K - R));
}

/// The organiser's receipts.jsonl with --id, with --json output.
#[test]
fn check_receipts_jsonl_with_id_json() {
    let p = Pot::drawn();
    let t = p.transcript_json();
    for (id, weight, _) in CANDIDATES {
        let r = p.receipt_of(id);
        let out = succeeds(
            p.cmd().arg("check").arg(&p.transcript).arg("--receipt").arg(p.receipts()).args(["--id", id, "--json"]),
        );
        let v: Value = serde_json::from_str(&out).expect("check --json prints JSON");
        let (outcome, rank) = Expected::of(&t, r["leaf"].as_str().unwrap()).json();
        assert_eq!(v["verified"], true);
        assert_eq!(v["in_draw"], true, "{id}");
        assert_eq!(v["weight"], *weight, "{id}");
        assert_eq!(v["outcome"], outcome, "{id}");
        assert_eq!(v["rank"], rank, "{id}");
        assert_eq!(v["ticket"], r["leaf"], "{id}");
    }
}

/// The id and code as printed on the participant's paper.
#[test]
fn check_id_and_code_for_every_candidate() {
    let p = Pot::drawn();
    let t = p.transcript_json();
    for (id, weight, _) in CANDIDATES {
        let r = p.receipt_of(id);
        let expected = Expected::of(&t, r["leaf"].as_str().unwrap());
        let code = r["code"].as_str().unwrap();
        let out = succeeds(p.cmd().arg("check").arg(&p.transcript).args(["--id", id, "--code", code]));
        assert_eq!(out.trim_end(), format!("Your ticket was in the draw (weight {weight}). {}", expected.sentence()));
    }
}

/// Codes are read as people type them, and ids are trimmed and NFC-normalised.
#[test]
fn check_accepts_sloppy_codes_and_unnormalised_ids() {
    let p = Pot::drawn();
    let t = p.transcript_json();
    let r = p.receipt_of("Ren\u{e9}");
    let expected = Expected::of(&t, r["leaf"].as_str().unwrap());
    let code = r["code"].as_str().unwrap();
    let sloppy = [
        code.to_lowercase(),
        code.replace('-', ""),
        code.replace('-', " "),
        format!("  {code}  "),
        code.replace('0', "O").replace('1', "l"),
    ];
    for typed in &sloppy {
        for id in ["Ren\u{e9}", "Rene\u{301}", "  Ren\u{e9} "] {
            let out = succeeds(p.cmd().arg("check").arg(&p.transcript).args(["--id", id, "--code", typed]));
            assert!(out.contains(&expected.sentence()), "id {id:?} code {typed:?}:\n{out}");
            assert!(out.contains("(weight 3)"), "{out}");
        }
    }
}

#[test]
fn check_pretty_printed_single_receipt() {
    let p = Pot::drawn();
    let r = p.receipt_of("A02");
    let file = p.path("mine.json");
    write_json(&file, &r);
    let expected = Expected::of(&p.transcript_json(), r["leaf"].as_str().unwrap());
    let out = succeeds(p.cmd().arg("check").arg(&p.transcript).arg("--receipt").arg(&file));
    assert!(out.contains(&expected.sentence()), "{out}");
}

/// A participant who saved their receipt with `jq` (pretty-printed, several
/// lines) and also types their id, as the help for --receipt suggests for
/// receipts.jsonl, gets a JSON syntax error about "line 1" instead of the answer.
#[test]
fn check_pretty_printed_single_receipt_with_id() {
    let p = Pot::drawn();
    let r = p.receipt_of("A02");
    let file = p.path("mine.json");
    write_json(&file, &r);
    let expected = Expected::of(&p.transcript_json(), r["leaf"].as_str().unwrap());
    let out = succeeds(p.cmd().arg("check").arg(&p.transcript).arg("--receipt").arg(&file).args(["--id", "A02"]));
    assert!(out.contains(&expected.sentence()), "{out}");
}

#[test]
fn check_receipts_jsonl_without_id_asks_for_one() {
    let p = Pot::drawn();
    fails(
        p.cmd().arg("check").arg(&p.transcript).arg("--receipt").arg(p.receipts()),
        2,
        &["receipts.jsonl", &format!("{} receipts", CANDIDATES.len()), "--id"],
    );
}

// ---------------------------------------------------------------------------
// 2. File modes and secrecy
// ---------------------------------------------------------------------------

#[test]
fn commit_file_modes_and_the_seed_stays_off_the_terminal() {
    let p = Pot::new();
    let assert = p.commit_cmd().assert().success();
    let (out, err) = (stdout(assert.get_output()), stderr(assert.get_output()));

    assert_eq!(mode(&p.seed()), 0o600, "seed");
    assert_eq!(mode(&p.receipts()), 0o600, "receipts.jsonl");
    // Public files are 0644, less whatever the umask removes.
    assert_eq!(mode(&p.commitment()), 0o644 & !umask(), "commitment.json");

    // SPEC §7.5: 64 lowercase hex characters and one LF.
    let seed = std::fs::read_to_string(p.seed()).unwrap();
    assert_eq!(seed.len(), 65, "{seed:?}");
    assert!(seed.ends_with('\n'));
    let hex = seed.trim_end();
    assert!(hex.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)), "{seed:?}");

    for (what, text) in [("stdout", &out), ("stderr", &err)] {
        assert!(!text.contains(hex), "commit printed the seed on {what}");
        assert!(!text.to_lowercase().contains(hex), "commit printed the seed on {what}");
    }
    let public = std::fs::read_to_string(p.commitment()).unwrap();
    assert!(!public.contains(hex), "commitment.json holds the seed");
    let receipts = std::fs::read_to_string(p.receipts()).unwrap();
    assert!(!receipts.contains(hex), "receipts.jsonl holds the seed");
    assert!(leftover_temporaries(&p.out).is_empty());
}

#[test]
fn two_commits_use_fresh_randomness() {
    let a = Pot::committed();
    let b = Pot::committed();
    assert_ne!(std::fs::read(a.seed()).unwrap(), std::fs::read(b.seed()).unwrap());
    assert_ne!(a.commitment_json()["digest"], b.commitment_json()["digest"]);
    assert_ne!(a.receipt_of("A01")["salt"], b.receipt_of("A01")["salt"]);
}

#[test]
fn transcript_is_public() {
    let p = Pot::drawn();
    assert_eq!(mode(&p.transcript), 0o644 & !umask());
    assert!(leftover_temporaries(p.dir.path()).is_empty());
}

// ---------------------------------------------------------------------------
// 3. No overwrite without --force
// ---------------------------------------------------------------------------

#[test]
fn commit_refuses_to_overwrite_and_force_replaces() {
    let p = Pot::committed();
    let before = p.snapshot();
    let err = fails(&mut p.commit_cmd(), 2, &["already exists", "--force"]);
    assert!(err.contains("pot"), "the message names the file: {err}");
    assert_eq!(p.snapshot(), before, "a refused commit changes nothing");
    assert!(leftover_temporaries(&p.out).is_empty());

    succeeds(&mut p.commit_cmd_with(POT, &["--force"]));
    let after = p.snapshot();
    for ((path, old), (_, new)) in before.iter().zip(&after) {
        assert_ne!(old, new, "{} was replaced by a new commit", path.display());
    }
    assert_eq!(mode(&p.seed()), 0o600);
    assert_eq!(mode(&p.receipts()), 0o600);
    assert_eq!(mode(&p.commitment()), 0o644 & !umask());
    assert_eq!(p.receipts_json()[0]["commitment_digest"], p.commitment_json()["digest"]);
    assert!(leftover_temporaries(&p.out).is_empty());
}

/// If only the secret files are left, commit still refuses, and writes no new public file.
#[test]
fn commit_refuses_when_any_output_exists() {
    let p = Pot::committed();
    std::fs::remove_file(p.commitment()).unwrap();
    let seed = std::fs::read(p.seed()).unwrap();
    fails(&mut p.commit_cmd(), 2, &["already exists", "--force"]);
    assert!(!p.commitment().exists(), "no commitment for a seed that was not written");
    assert_eq!(std::fs::read(p.seed()).unwrap(), seed);
    assert!(leftover_temporaries(&p.out).is_empty());
}

#[test]
fn draw_refuses_to_overwrite_and_force_replaces() {
    let p = Pot::drawn();
    let before = std::fs::read(&p.transcript).unwrap();
    let other = ["room=6666666666", "lotto=1 2 3 4 5 6"];
    let err = fails(&mut p.draw_cmd_with(&other, &p.transcript), 2, &["already exists", "--force"]);
    assert!(err.contains("transcript.json"), "{err}");
    assert_eq!(std::fs::read(&p.transcript).unwrap(), before, "a refused draw changes nothing");
    assert!(leftover_temporaries(p.dir.path()).is_empty());

    succeeds(p.draw_cmd_with(&other, &p.transcript).arg("--force"));
    let t = p.transcript_json();
    assert_eq!(t["entropy"][0]["value"], "6666666666");
    assert_ne!(std::fs::read(&p.transcript).unwrap(), before);
    succeeds(p.cmd().arg("verify").arg(&p.transcript).arg("--commitment").arg(p.commitment()));
    assert_eq!(mode(&p.transcript), 0o644 & !umask());
    assert!(leftover_temporaries(p.dir.path()).is_empty());
}

// ---------------------------------------------------------------------------
// 8. demo
// ---------------------------------------------------------------------------

#[test]
fn demo_runs_the_whole_story() {
    let dir = tempfile::tempdir().unwrap();
    let out = succeeds(potdraw(dir.path()).arg("demo"));
    let mut at = 0;
    for n in 1..=6 {
        let step = format!("== Step {n}:");
        at += out[at..].find(&step).unwrap_or_else(|| panic!("{step} missing or out of order:\n{out}"));
    }
    assert!(out.contains("\nVERIFIED:"), "{out}");
    assert!(out.contains("NOT VERIFIED: check result failed."), "{out}");
    assert!(out.contains("You were drawn as recipient number 1."), "{out}");
    assert!(out.contains("You were not drawn."), "{out}");
    // Step 6: the slips are written, and the results name the drawn (the example's names).
    assert!(out.contains("24 slips written to"), "{out}");
    let results = &out[out.find("Drawn, in order.").expect("the results")..];
    assert_eq!(results.lines().filter(|l| l.starts_with("recipient ") || l.starts_with("reserve ")).count(), 8);

    // The temporary folder (shown in the commit command line) is gone afterwards.
    let line = out.lines().find(|l| l.starts_with("$ potdraw commit --candidates ")).expect("commit line");
    let csv = line["$ potdraw commit --candidates ".len()..].split(' ').next().unwrap().trim_matches('\'');
    let folder = Path::new(csv).parent().unwrap();
    assert!(!folder.exists(), "{} was not removed", folder.display());
}

#[test]
fn demo_keep_leaves_verifiable_files() {
    let dir = tempfile::tempdir().unwrap();
    let keep = dir.path().join("kept").join("demo");
    let out = succeeds(potdraw(dir.path()).arg("demo").arg("--keep").arg(&keep));
    let transcript = keep.join("pot/public/transcript.json");
    let commitment = keep.join("pot/public/commitment.json");
    for f in [&transcript, &commitment, &keep.join("pot/private/seed"), &keep.join("pot/private/receipts.jsonl")] {
        assert!(f.is_file(), "{} missing", f.display());
    }
    assert!(out.contains(&keep.display().to_string()), "{out}");
    assert_eq!(mode(&keep.join("pot/private/seed")), 0o600);

    // The kept files verify with the binary itself, and the forgery does not.
    succeeds(potdraw(dir.path()).arg("verify").arg(&transcript).arg("--commitment").arg(&commitment));
    let forged = keep.join("forged-transcript.json");
    potdraw(dir.path()).arg("verify").arg(&forged).assert().code(1).stdout(predicate::str::contains("FAIL  result"));

    // The dice the demo announced are the ones in the transcript.
    let dice = read_json(&transcript)["entropy"][0]["value"].as_str().unwrap().to_string();
    assert!(out.contains(&format!("the demo rolls {dice} for you")), "{out}");
}

// ---------------------------------------------------------------------------
// Progress bar (issue 7): only on a terminal
// ---------------------------------------------------------------------------

/// A list long enough for the bar to matter (and to be seen if it leaked).
fn long_list(n: usize) -> Vec<u8> {
    let mut csv = b"id,weight\n".to_vec();
    for i in 0..n {
        csv.extend_from_slice(format!("P{i:07},{}\n", 1 + i % 5).as_bytes());
    }
    csv
}

#[test]
fn commit_prints_no_progress_when_stderr_is_not_a_terminal() {
    let p = Pot::with_csv(&long_list(20_000));
    let assert = p.commit_cmd().assert().success();
    let err = stderr(assert.get_output());
    assert_eq!(err, "", "commit wrote to a non-terminal stderr");
    assert!(stdout(assert.get_output()).contains("20000 candidates"));
}

#[test]
fn commit_shows_progress_on_a_terminal() {
    // `script` (util-linux) runs the command with a pseudo-terminal as its stderr.
    let p = Pot::with_csv(&long_list(1_000));
    let bin = assert_cmd::cargo::cargo_bin("potdraw");
    let (csv, out) = (p.csv.display().to_string(), p.out.display().to_string());
    let args = [&bin.display().to_string(), "commit", "--candidates", &csv, "--pot", POT, "--entropy", "dice:room"];
    let line = args.iter().chain(&["--out", &out]).map(|a| format!("'{a}'")).collect::<Vec<_>>();
    let out = std::process::Command::new("script")
        .args(["-qec", &line.join(" "), "/dev/null"])
        .current_dir(&p.dir)
        .output()
        .expect("script (util-linux) runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("] 1/4 reading the candidate list"), "{text:?}");
    assert!(text.contains("[###############-----] 4/4 publishing the files"), "{text:?}");
    assert!(text.contains("Committed"), "{text:?}");
}
