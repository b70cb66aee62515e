//! Integration tests of the `potdraw` binary: the whole ceremony (commit →
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
    assert_eq!(c["format"], "potdraw/commitment/v1");
    assert_eq!(c["title"], "Testpot");
    assert_eq!(c["created_at"], "2026-12-01T12:00:00Z");
    assert_eq!(c["recipients"], K as u64);
    assert_eq!(c["reserves"], R as u64);
    assert_eq!(c["pot"]["amount_cents"], 6_000_000);
    assert_eq!(c["pot"]["grant_cents"], 1_200_000);
    assert_eq!(c["pot"]["surplus_cents"], 0);
    assert_eq!(
        c["entropy_plan"],
        json!([{"label": "room", "kind": "dice", "dice": 10, "faces": 6}, {"label": "lotto", "kind": "text"}])
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
    assert_eq!(t["format"], "potdraw/transcript/v1");
    assert_eq!(t["commitment"], p.commitment_json(), "the transcript embeds the commitment as published");
    assert_eq!(
        t["entropy"],
        json!([{"label": "room", "kind": "dice", "value": ROOM}, {"label": "lotto", "kind": "text", "value": LOTTO}])
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
    assert!(out.contains(&format!("{K} recipient(s) and {R} reserve(s)")), "{out}");
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
    let other = ["room=6666666666", "lotto=another text"];
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
// 4. verify: failed checks (exit 1) and unusable input (exit 2)
// ---------------------------------------------------------------------------

/// Edits a copy of the transcript and expects `check` to fail first.
fn assert_tamper_fails(p: &Pot, name: &str, check: &str, edit: impl FnOnce(&mut Value)) {
    let mut t = p.transcript_json();
    edit(&mut t);
    let file = p.path(&format!("tampered-{name}.json"));
    write_json(&file, &t);

    let out = p.cmd().arg("verify").arg(&file).assert().code(1);
    let text = stdout(out.get_output());
    assert!(text.contains(&format!("  FAIL  {check} ")), "{name}: expected {check} to fail:\n{text}");
    assert!(text.contains(&format!("NOT VERIFIED: check {check} failed.")), "{name}:\n{text}");
    assert!(!text.contains("\nVERIFIED:"), "{name}:\n{text}");
    // Checks after the failing one are not reported as passed.
    let order: Vec<&str> = CHECK_ORDER.iter().copied().filter(|c| *c != "published-commitment").collect();
    let at = order.iter().position(|c| *c == check).unwrap();
    for later in &order[at + 1..] {
        assert!(!text.contains(&format!("  ok    {later} ")), "{name}: {later} ran after {check} failed:\n{text}");
    }

    let out = p.cmd().arg("verify").arg(&file).arg("--json").assert().code(1);
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["verified"], false, "{name}");
    assert_eq!(v["failed_check"], check, "{name}");
    let checks = v["checks"].as_array().unwrap();
    let ids: Vec<&str> = checks.iter().map(|c| c["check"].as_str().unwrap()).collect();
    assert_eq!(ids, order[..=at], "{name}");
    let (last, passed) = checks.split_last().unwrap();
    assert_eq!(last["status"], "failed", "{name}");
    assert!(last["expected"].is_string() && last["found"].is_string(), "{name}: {last}");
    assert!(passed.iter().all(|c| c["status"] == "passed"), "{name}");
}

#[test]
fn verify_tampered_result_leaf_fails_result() {
    let p = Pot::drawn();
    assert_tamper_fails(&p, "leaf", "result", |t| {
        let leaf = t["result"][0]["leaf"].as_str().unwrap();
        t["result"][0]["leaf"] = json!(flip_hex(leaf, 17));
    });
}

#[test]
fn verify_tampered_seed_fails_seed_commitment() {
    let p = Pot::drawn();
    assert_tamper_fails(&p, "seed", "seed-commitment", |t| {
        let seed = t["seed"].as_str().unwrap();
        t["seed"] = json!(flip_hex(seed, 5));
    });
}

#[test]
fn verify_other_tampering_fails_the_owning_check() {
    let p = Pot::drawn();
    assert_tamper_fails(&p, "title", "commitment-digest", |t| t["commitment"]["title"] = json!("Another pot"));
    assert_tamper_fails(&p, "count", "commitment-digest", |t| {
        t["commitment"]["candidates"]["count"] = json!(CANDIDATES.len() + 1)
    });
    assert_tamper_fails(&p, "dice", "draw-replay", |t| {
        let v = t["entropy"][0]["value"].as_str().unwrap();
        let first = if v.as_bytes()[0] == b'1' { '2' } else { '1' };
        let swapped = format!("{first}{}", &v[1..]);
        t["entropy"][0]["value"] = json!(swapped);
    });
    assert_tamper_fails(&p, "dice-range", "entropy-plan", |t| t["entropy"][0]["value"] = json!("3141526537"));
    assert_tamper_fails(&p, "label", "entropy-plan", |t| t["entropy"][1]["label"] = json!("lotto2"));
    assert_tamper_fails(&p, "draw-seed", "draw-replay", |t| {
        let s = t["draw_seed"].as_str().unwrap();
        t["draw_seed"] = json!(flip_hex(s, 0));
    });
    assert_tamper_fails(&p, "short", "draw-replay", |t| {
        t["result"].as_array_mut().unwrap().pop();
    });
    assert_tamper_fails(&p, "index", "draw-replay", |t| {
        let (a, b) = (t["result"][0].clone(), t["result"][1].clone());
        t["result"][0]["index"] = b["index"].clone();
        t["result"][0]["leaf"] = b["leaf"].clone();
        t["result"][0]["weight"] = b["weight"].clone();
        t["result"][1]["index"] = a["index"].clone();
        t["result"][1]["leaf"] = a["leaf"].clone();
        t["result"][1]["weight"] = a["weight"].clone();
    });
    assert_tamper_fails(&p, "rank", "result", |t| t["result"][0]["rank"] = json!(2));
}

#[test]
fn verify_truncated_transcript_is_unusable() {
    let p = Pot::drawn();
    let bytes = std::fs::read(&p.transcript).unwrap();
    let file = p.path("truncated.json");
    std::fs::write(&file, &bytes[..bytes.len() / 2]).unwrap();
    let err = fails(p.cmd().arg("verify").arg(&file), 2, &["truncated.json", "line"]);
    assert!(!err.contains("VERIFIED"), "{err}");
    // --json still answers in JSON: not verified, unusable, with the located error.
    let out = p.cmd().arg("verify").arg(&file).arg("--json").assert().code(2).get_output().stdout.clone();
    let v: serde_json::Value = serde_json::from_slice(&out).expect("--json prints JSON for unusable input");
    assert_eq!(v["verified"], json!(false));
    assert_eq!(v["unusable"], json!(true));
    assert!(v["error"].as_str().unwrap().contains("truncated.json: line"), "{v}");
}

#[test]
fn verify_unknown_field_is_unusable() {
    let p = Pot::drawn();
    let mut t = p.transcript_json();
    t["comment"] = json!("added later");
    let file = p.path("extra.json");
    write_json(&file, &t);
    fails(p.cmd().arg("verify").arg(&file), 2, &["extra.json", "comment"]);

    let mut t = p.transcript_json();
    t["commitment"]["pot"]["bonus_cents"] = json!(5);
    write_json(&file, &t);
    fails(p.cmd().arg("verify").arg(&file), 2, &["extra.json", "bonus_cents"]);
}

#[test]
fn verify_unknown_format_version_is_unusable() {
    let p = Pot::drawn();
    let mut t = p.transcript_json();
    t["format"] = json!("potdraw/transcript/v9");
    let file = p.path("v9.json");
    write_json(&file, &t);
    fails(p.cmd().arg("verify").arg(&file), 2, &["v9.json", "potdraw/transcript/v9", "potdraw/transcript/v1"]);
}

#[test]
fn verify_missing_file_is_unusable() {
    let p = Pot::drawn();
    fails(p.cmd().args(["verify", "no-such-transcript.json"]), 2, &["no-such-transcript.json"]);
}

#[test]
fn verify_against_another_commitment_fails_published_commitment() {
    let p = Pot::drawn();
    let q = Pot::committed();
    let out = p.cmd().arg("verify").arg(&p.transcript).arg("--commitment").arg(q.commitment()).assert().code(1);
    let text = stdout(out.get_output());
    assert!(text.contains("  FAIL  published-commitment "), "{text}");
    assert!(text.contains("NOT VERIFIED: check published-commitment failed."), "{text}");
    let published = q.commitment_json()["digest"].as_str().unwrap().to_string();
    let embedded = p.commitment_json()["digest"].as_str().unwrap().to_string();
    assert!(text.contains(&format!("expected: {published}")), "{text}");
    assert!(text.contains(&format!("found:    {embedded}")), "{text}");

    let out =
        p.cmd().arg("verify").arg(&p.transcript).arg("--commitment").arg(q.commitment()).arg("--json").assert().code(1);
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["failed_check"], "published-commitment");
}

/// A published commitment that differs in a member but carries the same digest.
#[test]
fn verify_against_an_edited_commitment_with_the_same_digest() {
    let p = Pot::drawn();
    let mut c = p.commitment_json();
    c["title"] = json!("Edited after the fact");
    let file = p.path("edited-commitment.json");
    write_json(&file, &c);
    let out = p.cmd().arg("verify").arg(&p.transcript).arg("--commitment").arg(&file).assert().code(1);
    let text = stdout(out.get_output());
    assert!(text.contains("  FAIL  published-commitment "), "{text}");
    assert!(text.contains("other than the digest"), "{text}");
}

#[test]
fn verify_with_unusable_commitment_is_unusable() {
    let p = Pot::drawn();
    let file = p.path("broken-commitment.json");
    std::fs::write(&file, b"{\"format\": ").unwrap();
    fails(p.cmd().arg("verify").arg(&p.transcript).arg("--commitment").arg(&file), 2, &["broken-commitment.json"]);
}

// ---------------------------------------------------------------------------
// 5. draw refuses
// ---------------------------------------------------------------------------

fn assert_no_transcript(p: &Pot) {
    assert!(!p.transcript.exists(), "a refused draw wrote a transcript");
    assert!(leftover_temporaries(p.dir.path()).is_empty());
}

#[test]
fn draw_refuses_a_seed_from_another_commit() {
    let p = Pot::committed();
    let q = Pot::committed();
    let mut cmd = p.cmd();
    cmd.arg("draw").arg("--commitment").arg(p.commitment()).arg("--seed").arg(q.seed());
    cmd.args(["--entropy", &format!("room={ROOM}"), "--entropy", &format!("lotto={LOTTO}")]);
    cmd.arg("--out").arg(&p.transcript);
    fails(&mut cmd, 2, &["seed does not match"]);
    assert_no_transcript(&p);
}

#[test]
fn draw_refuses_an_unusable_seed_file() {
    let p = Pot::committed();
    std::fs::write(p.seed(), "not a seed\n").unwrap();
    fails(&mut p.draw_cmd(), 2, &["seed", "64 lowercase hexadecimal"]);
    assert_no_transcript(&p);
}

/// SPEC §7.5: the seed file may carry surrounding whitespace and upper-case hex.
#[test]
fn draw_accepts_an_uppercase_seed_with_whitespace() {
    let p = Pot::committed();
    let seed = std::fs::read_to_string(p.seed()).unwrap();
    let reference = p.path("reference.json");
    succeeds(&mut p.draw_cmd_with(&[&format!("room={ROOM}"), &format!("lotto={LOTTO}")], &reference));
    std::fs::write(p.seed(), format!("  {}\r\n\n", seed.trim().to_uppercase())).unwrap();
    succeeds(&mut p.draw_cmd());
    assert_eq!(std::fs::read(&p.transcript).unwrap(), std::fs::read(&reference).unwrap());
}

#[test]
fn draw_refuses_an_unannounced_label() {
    let p = Pot::committed();
    fails(
        &mut p.draw_cmd_with(&[&format!("room={ROOM}"), &format!("lotto={LOTTO}"), "weather=sunny"], &p.transcript),
        2,
        &["\"weather\"", "not announced", "room", "lotto"],
    );
    assert_no_transcript(&p);
}

#[test]
fn draw_refuses_a_missing_source() {
    let p = Pot::committed();
    fails(&mut p.draw_cmd_with(&[&format!("room={ROOM}")], &p.transcript), 2, &["\"lotto\"", "no value"]);
    assert_no_transcript(&p);
    fails(&mut p.draw_cmd_with(&[&format!("lotto={LOTTO}")], &p.transcript), 2, &["\"room\"", "no value"]);
    assert_no_transcript(&p);
}

#[test]
fn draw_refuses_a_repeated_source() {
    let p = Pot::committed();
    fails(
        &mut p.draw_cmd_with(&[&format!("room={ROOM}"), "room=1111111111", &format!("lotto={LOTTO}")], &p.transcript),
        2,
        &["\"room\"", "more than once"],
    );
    assert_no_transcript(&p);
}

#[test]
fn draw_refuses_bad_dice() {
    let p = Pot::committed();
    let lotto = format!("lotto={LOTTO}");
    for (value, found) in [
        ("31415x6535", "\"x\" at character 6"),
        ("3141576535", "\"7\" at character 6"),
        ("0141526535", "\"0\" at character 1"),
        ("314152653", "9 digits"),
        ("31415265351", "11 digits"),
    ] {
        let err = fails(
            &mut p.draw_cmd_with(&[&format!("room={value}"), &lotto], &p.transcript),
            2,
            &["\"room\"", "expected 10 dice", found],
        );
        assert!(err.contains("found"), "{value}: {err}");
        assert_no_transcript(&p);
    }
}

#[test]
fn draw_refuses_an_entropy_flag_without_a_value() {
    let p = Pot::committed();
    fails(&mut p.draw_cmd_with(&[ROOM, &format!("lotto={LOTTO}")], &p.transcript), 2, &["LABEL=VALUE"]);
    assert_no_transcript(&p);
}

/// Dice typed with spaces are stored without them, and draw the same as without.
#[test]
fn draw_accepts_dice_typed_with_spaces() {
    let p = Pot::committed();
    let spaced = p.path("spaced.json");
    succeeds(&mut p.draw_cmd_with(&["room=3 1 4 1 5 2 6 5 3 5", &format!("lotto={LOTTO}")], &spaced));
    assert_eq!(read_json(&spaced)["entropy"][0]["value"], "3141526535");
    succeeds(&mut p.draw_cmd());
    assert_eq!(std::fs::read(&spaced).unwrap(), std::fs::read(&p.transcript).unwrap());
    succeeds(p.cmd().arg("verify").arg(&spaced).arg("--commitment").arg(p.commitment()));
}

/// Text sources are stored in NFC (SPEC §5.1) and the transcript verifies.
#[test]
fn draw_stores_text_in_nfc() {
    let p = Pot::committed();
    succeeds(&mut p.draw_cmd_with(&[&format!("room={ROOM}"), "lotto=Trekking 5 de\u{301}cembre"], &p.transcript));
    assert_eq!(p.transcript_json()["entropy"][1]["value"], "Trekking 5 d\u{e9}cembre");
    succeeds(p.cmd().arg("verify").arg(&p.transcript));
}

#[test]
fn draw_refuses_a_commitment_that_does_not_verify() {
    let p = Pot::committed();
    let mut c = p.commitment_json();
    c["reserves"] = json!(2);
    write_json(&p.commitment(), &c);
    let err = fails(&mut p.draw_cmd(), 1, &["refusing to draw", "commitment-digest"]);
    assert!(err.contains("commitment.json"), "{err}");
    assert_no_transcript(&p);
}

// ---------------------------------------------------------------------------
// 6. commit: input errors
// ---------------------------------------------------------------------------

/// Eight filler rows so that list-size rules do not fire first.
const FILLER: &str = "F1\nF2\nF3\nF4\nF5\nF6\nF7\nF8\n";

fn assert_commit_refuses(csv: &[u8], pot: &str, extra: &[&str], needles: &[&str]) -> String {
    let p = Pot::with_csv(csv);
    let err = fails(&mut p.commit_cmd_with(pot, extra), 2, needles);
    assert!(!p.out.exists(), "a refused commit created its output folder");
    err
}

#[test]
fn commit_refuses_a_list_without_id_column() {
    let err = assert_commit_refuses(b"name,weight\nA,1\n", POT, &[], &["candidates.csv", "line 1", "\"id\" column"]);
    assert!(err.contains("\"name\""), "names the columns it found: {err}");
}

#[test]
fn commit_refuses_a_duplicate_id() {
    let csv = format!("id\nX1\n{FILLER}X1\n");
    assert_commit_refuses(
        csv.as_bytes(),
        POT,
        &[],
        &["candidates.csv", "line 11", "column 1 (id)", "not used before", "line 2", "\"X1\""],
    );
}

/// "René" with é as one code point (NFC) and as e + combining accent (NFD) are
/// one id, in either order, and the message says why two different-looking
/// lines clash.
#[test]
fn commit_refuses_an_nfc_equivalent_duplicate_id() {
    for (first, second) in [("Ren\u{e9}", "Rene\u{301}"), ("Rene\u{301}", "Ren\u{e9}")] {
        let csv = format!("id\n{FILLER}{first}\n{second}\n");
        assert_commit_refuses(
            csv.as_bytes(),
            POT,
            &[],
            &["candidates.csv", "line 11", "column 1 (id)", "Unicode normalisation (NFC)", "line 10"],
        );
    }
}

#[test]
fn commit_refuses_weight_zero() {
    let csv = "id,weight\nW1,1\nW2,0\nW3,1\n";
    assert_commit_refuses(
        csv.as_bytes(),
        POT,
        &[],
        &["candidates.csv", "line 3", "column 2 (weight)", "a whole number from 1", "found \"0\""],
    );
}

#[test]
fn commit_refuses_latin1() {
    let mut csv = b"id,name\nJ1,Jos\xe9\n".to_vec();
    csv.extend(FILLER.lines().flat_map(|l| format!("{l},x\n").into_bytes()));
    assert_commit_refuses(&csv, POT, &[], &["candidates.csv", "line 2", "column 2 (name)", "UTF-8", "0xe9"]);
}

#[test]
fn commit_refuses_a_row_with_too_many_fields() {
    assert_commit_refuses(b"id,weight\nA,1\nB,1,extra\n", POT, &[], &["candidates.csv", "line 3", "3 fields"]);
}

#[test]
fn commit_refuses_too_few_candidates() {
    // 5 recipients + 3 reserves need 8 candidates.
    let err = assert_commit_refuses(b"id\nC1\nC2\nC3\nC4\n", POT, &[], &["candidates.csv", "8 candidates"]);
    assert!(err.contains(" 4"), "says how many the list has: {err}");
}

#[test]
fn commit_refuses_a_pot_that_is_too_small() {
    // €50,000 pays 4 grants of €12,000; the minimum is 5, so €10,000 is missing.
    let err = assert_commit_refuses(candidates_csv().as_bytes(), "50000", &[], &["missing"]);
    assert!(err.contains("1000000 cents") || err.contains("10,000"), "states the missing amount: {err}");
}

#[test]
fn commit_refuses_thousands_separators_in_the_pot() {
    assert_commit_refuses(candidates_csv().as_bytes(), "60.000,00", &[], &["--pot", "\"60.000,00\""]);
}

#[test]
fn commit_refuses_bad_entropy_specs() {
    for (spec, needle) in [
        ("coin:room", "coin:room"),
        ("dice:Room", "Room"),
        ("dice:room:5d8", "6 or 10 faces"),
        ("dice:room:0", "number of dice"),
        ("text", "text:LABEL"),
        ("drand:beacon", "drand"),
    ] {
        let p = Pot::new();
        let mut cmd = p.cmd();
        cmd.arg("commit").arg("--candidates").arg(&p.csv).args(["--pot", POT, "--entropy", spec]).arg("--out");
        cmd.arg(&p.out);
        fails(&mut cmd, 2, &["--entropy", needle]);
        assert!(!p.out.exists(), "{spec}");
    }
}

#[test]
fn commit_refuses_a_repeated_entropy_label() {
    let p = Pot::new();
    fails(
        &mut p.commit_cmd_with(POT, &["--entropy", "text:room"]),
        2,
        &["--entropy", "\"room\"", "already in the plan"],
    );
    assert!(!p.out.exists());
}

#[test]
fn commit_refuses_a_missing_candidate_file() {
    let p = Pot::new();
    std::fs::remove_file(&p.csv).unwrap();
    fails(&mut p.commit_cmd(), 2, &["candidates.csv"]);
    assert!(!p.out.exists());
}

#[test]
fn commit_refuses_a_bad_created_at() {
    for t in ["2026-02-30T00:00:00Z", "2026-12-01T12:00:00", "2026-12-01T12:00:00+01:00", "yesterday"] {
        let p = Pot::new();
        let mut cmd = p.cmd();
        cmd.arg("commit").arg("--candidates").arg(&p.csv).args(["--pot", POT, "--entropy", "text:x"]);
        cmd.args(["--created-at", t]).arg("--out").arg(&p.out);
        fails(&mut cmd, 2, &["--created-at", t]);
        assert!(!p.out.exists(), "{t}");
    }
}

/// Amounts may carry a euro sign and cents; a fixed number of recipients is honoured.
#[test]
fn commit_pot_amounts_and_fixed_recipients() {
    let p = Pot::new();
    succeeds(&mut p.commit_cmd_with("\u{20ac} 72000.5", &["--recipients", "6", "--reserves", "2"]));
    let c = p.commitment_json();
    assert_eq!(c["pot"]["amount_cents"], 7_200_050);
    assert_eq!(c["recipients"], 6);
    assert_eq!(c["reserves"], 2);
    assert_eq!(c["pot"]["surplus_cents"], 50);

    // Six grants of €12,000 do not fit in €60,000.
    let q = Pot::new();
    fails(&mut q.commit_cmd_with(POT, &["--recipients", "6"]), 2, &["6 recipients"]);
    assert!(!q.out.exists());
}

/// A spreadsheet export: BOM, CRLF, upper-case headers, a quoted cell with a line break.
#[test]
fn commit_reads_a_spreadsheet_export() {
    let mut csv = String::from("\u{feff}ID,Weight,note\r\nS1,2,\"two\r\nlines\"\r\n");
    for i in 2..=9 {
        csv.push_str(&format!("S{i},1,n{i}\r\n"));
    }
    let p = Pot::with_csv(csv.as_bytes());
    succeeds(&mut p.commit_cmd());
    let receipts = p.receipts_json();
    assert_eq!(receipts.len(), 9);
    assert_eq!(receipts[0]["id"], "S1");
    assert_eq!(receipts[0]["weight"], 2);
    assert_eq!(receipts[0]["line"], 2);
    let note = receipts[0]["columns"]["note"].as_str().unwrap();
    assert!(note.starts_with("two") && note.ends_with("lines") && note.contains('\n'), "{note:?}");
    // S1's record spans lines 2 and 3, so S2 starts on line 4.
    assert_eq!(receipts[1]["id"], "S2");
    assert_eq!(receipts[1]["line"], 4);
    assert_eq!(receipts[1]["columns"], json!({"note": "n2"}));
    assert_eq!(p.commitment_json()["candidates"]["total_weight"], "10");
}

// ---------------------------------------------------------------------------
// 7. check: errors and "not in the draw"
// ---------------------------------------------------------------------------

/// Replaces the data character at `pos` (0-based, hyphens removed) by the one `delta` further in the alphabet.
fn typo(code: &str, pos: usize, delta: usize) -> String {
    let mut chars: Vec<char> = code.chars().filter(|&c| c != '-').collect();
    let v = ALPHABET.find(chars[pos]).unwrap();
    chars[pos] = ALPHABET.as_bytes()[(v + delta) % 32] as char;
    chars.chunks(4).map(|g| g.iter().collect::<String>()).collect::<Vec<_>>().join("-")
}

#[test]
fn check_reports_a_mistyped_code_as_an_error() {
    let p = Pot::drawn();
    let r = p.receipt_of("A01");
    let code = r["code"].as_str().unwrap();
    // Position 0 is left out: a first digit above 7 is a range error instead.
    for (pos, delta) in [(1, 1), (5, 31), (12, 7), (20, 16), (25, 2), (26, 1), (27, 30)] {
        let typed = typo(code, pos, delta);
        assert_ne!(typed, code);
        let err = fails(
            p.cmd().arg("check").arg(&p.transcript).args(["--id", "A01", "--code", &typed]),
            2,
            &["--code", "does not match", "mistyped"],
        );
        assert!(!err.to_lowercase().contains("not in the draw"), "{typed}: {err}");
    }
}

#[test]
fn check_refuses_malformed_codes() {
    let p = Pot::drawn();
    let code = p.receipt_of("A01")["code"].as_str().unwrap().to_string();
    let with_u = format!("{}U{}", &code[..5], &code[6..]);
    fails(p.cmd().arg("check").arg(&p.transcript).args(["--id", "A01", "--code", &with_u]), 2, &["'U'", "character 6"]);
    fails(p.cmd().arg("check").arg(&p.transcript).args(["--id", "A01", "--code", &code[..29]]), 2, &["characters"]);
    let range = format!("8{}", &code[1..]);
    fails(p.cmd().arg("check").arg(&p.transcript).args(["--id", "A01", "--code", &range]), 2, &["--code"]);
}

#[test]
fn check_refuses_a_receipt_of_another_draw() {
    let p = Pot::drawn();
    let q = Pot::committed();
    let (line, _) = q.receipt_lines().remove(0);
    let file = p.path("other-receipt.json");
    std::fs::write(&file, format!("{line}\n")).unwrap();
    let other = q.commitment_json()["digest"].as_str().unwrap().to_string();
    fails(
        p.cmd().arg("check").arg(&p.transcript).arg("--receipt").arg(&file),
        2,
        &["other-receipt.json", "belongs to", &other],
    );
    // The same through the other draw's receipts.jsonl and an id.
    fails(
        p.cmd().arg("check").arg(&p.transcript).arg("--receipt").arg(q.receipts()).args(["--id", "A01"]),
        2,
        &["belongs to"],
    );
}

/// Another draw's code fails the check digit unless the two commitment digests
/// agree mod 1021 (SPEC §4.3); then the ticket is simply not in this draw.
#[test]
fn check_code_of_another_draw() {
    let p = Pot::drawn();
    let q = Pot::committed();
    let code = q.receipt_of("A01")["code"].as_str().unwrap().to_string();
    let mut cmd = p.cmd();
    cmd.arg("check").arg(&p.transcript).args(["--id", "A01", "--code", &code]);
    let (dp, dq) = (p.commitment_json()["digest"].clone(), q.commitment_json()["digest"].clone());
    if mod_1021(dp.as_str().unwrap()) == mod_1021(dq.as_str().unwrap()) {
        cmd.assert().code(1).stdout(predicate::str::contains("NOT in the draw"));
    } else {
        let err = fails(&mut cmd, 2, &["does not match", "another draw"]);
        assert!(!err.contains("NOT in the draw"), "{err}");
    }
}

/// The check digit is bound to the salt and the draw, not to the id: a real
/// code typed with the wrong id reads fine and finds no ticket.
#[test]
fn check_valid_code_with_wrong_id_is_not_in_the_draw() {
    let p = Pot::drawn();
    let code = p.receipt_of("A01")["code"].as_str().unwrap().to_string();
    for id in ["NOBODY", "A02"] {
        let out = p.cmd().arg("check").arg(&p.transcript).args(["--id", id, "--code", &code]).assert().code(1);
        let text = stdout(out.get_output());
        assert!(text.contains("NOT in the draw"), "{id}: {text}");
        assert!(!text.contains("You were"), "{id}: {text}");
        let out =
            p.cmd().arg("check").arg(&p.transcript).args(["--id", id, "--code", &code, "--json"]).assert().code(1);
        let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
        assert_eq!(v["in_draw"], false);
        assert_eq!(v["outcome"], "not-in-draw");
        assert_eq!(v["weight"], Value::Null);
        assert_eq!(v["rank"], Value::Null);
    }
}

#[test]
fn check_on_a_tampered_transcript_says_nothing_about_the_ticket() {
    let p = Pot::drawn();
    let mut t = p.transcript_json();
    t["seed"] = json!(flip_hex(t["seed"].as_str().unwrap(), 9));
    let file = p.path("tampered.json");
    write_json(&file, &t);
    let r = p.receipt_of("A01");
    let code = r["code"].as_str().unwrap();
    let out = p.cmd().arg("check").arg(&file).args(["--id", "A01", "--code", code]).assert().code(1);
    let (text, err) = (stdout(out.get_output()), stderr(out.get_output()));
    assert!(err.contains("does not verify") && err.contains("seed-commitment"), "{err}");
    assert!(!text.contains("You were") && !text.contains("in the draw"), "{text}");

    let single = p.path("r.json");
    std::fs::write(&single, serde_json::to_string(&r).unwrap()).unwrap();
    p.cmd().arg("check").arg(&file).arg("--receipt").arg(&single).assert().code(1);
}

#[test]
fn check_on_an_unusable_transcript_is_unusable() {
    let p = Pot::drawn();
    let file = p.path("cut.json");
    let bytes = std::fs::read(&p.transcript).unwrap();
    std::fs::write(&file, &bytes[..100]).unwrap();
    let code = p.receipt_of("A01")["code"].as_str().unwrap().to_string();
    fails(p.cmd().arg("check").arg(&file).args(["--id", "A01", "--code", &code]), 2, &["cut.json", "line"]);
}

#[test]
fn check_input_errors() {
    let p = Pot::drawn();
    fails(p.cmd().arg("check").arg(&p.transcript).args(["--id", "A01"]), 2, &["--receipt", "--code"]);
    fails(
        p.cmd().arg("check").arg(&p.transcript).arg("--receipt").arg(p.receipts()).args(["--id", "NOBODY"]),
        2,
        &["receipts.jsonl", "no receipt has the id", "NOBODY"],
    );
    let bad = p.path("bad-receipt.json");
    let mut r = p.receipt_of("A01");
    r["id"] = json!("A02"); // the leaf no longer matches id and salt
    std::fs::write(&bad, serde_json::to_string(&r).unwrap()).unwrap();
    fails(p.cmd().arg("check").arg(&p.transcript).arg("--receipt").arg(&bad), 2, &["bad-receipt.json", "receipt.leaf"]);
}

// ---------------------------------------------------------------------------
// 8. demo
// ---------------------------------------------------------------------------

#[test]
fn demo_runs_the_whole_story() {
    let dir = tempfile::tempdir().unwrap();
    let out = succeeds(potdraw(dir.path()).arg("demo"));
    let mut at = 0;
    for n in 1..=5 {
        let step = format!("== Step {n}:");
        at += out[at..].find(&step).unwrap_or_else(|| panic!("{step} missing or out of order:\n{out}"));
    }
    assert!(out.contains("\nVERIFIED:"), "{out}");
    assert!(out.contains("NOT VERIFIED: check result failed."), "{out}");
    assert!(out.contains("You were drawn as recipient number 1."), "{out}");
    assert!(out.contains("You were not drawn."), "{out}");

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
    let transcript = keep.join("transcript.json");
    let commitment = keep.join("pot").join("commitment.json");
    for f in [&transcript, &commitment, &keep.join("pot/seed"), &keep.join("pot/receipts.jsonl")] {
        assert!(f.is_file(), "{} missing", f.display());
    }
    assert!(out.contains(&keep.display().to_string()), "{out}");
    assert_eq!(mode(&keep.join("pot/seed")), 0o600);

    // The kept files verify with the binary itself, and the forgery does not.
    succeeds(potdraw(dir.path()).arg("verify").arg(&transcript).arg("--commitment").arg(&commitment));
    let forged = keep.join("forged-transcript.json");
    potdraw(dir.path()).arg("verify").arg(&forged).assert().code(1).stdout(predicate::str::contains("FAIL  result"));

    // The dice the demo announced are the ones in the transcript.
    let dice = read_json(&transcript)["entropy"][0]["value"].as_str().unwrap().to_string();
    assert!(out.contains(&format!("the demo rolls {dice} for you")), "{out}");
}

// ---------------------------------------------------------------------------
// 9. Usage errors
// ---------------------------------------------------------------------------

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    fails(potdraw(dir.path()).args(["verify", "t.json", "--bogus"]), 2, &["--bogus"]);
    fails(potdraw(dir.path()).args(["frobnicate"]), 2, &["frobnicate"]);
    potdraw(dir.path()).assert().code(2);
    // commit without any --entropy.
    fails(
        potdraw(dir.path()).args(["commit", "--candidates", "c.csv", "--pot", "60000", "--out", "o"]),
        2,
        &["--entropy"],
    );
    // --receipt and --code conflict; --code needs --id.
    potdraw(dir.path()).args(["check", "t.json", "--receipt", "r.json", "--id", "A", "--code", "X"]).assert().code(2);
    potdraw(dir.path()).args(["check", "t.json", "--code", "X"]).assert().code(2);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "usage errors write nothing");
}

#[test]
fn version_and_help_exit_0() {
    let dir = tempfile::tempdir().unwrap();
    potdraw(dir.path()).arg("--version").assert().success().stdout(predicate::str::contains(env!("CARGO_PKG_VERSION")));
    potdraw(dir.path()).arg("--help").assert().success().stdout(predicate::str::contains("Exit codes"));
}
