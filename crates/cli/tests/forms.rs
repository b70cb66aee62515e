//! Issue 28: every form of an amount, a date, a reason and a time that a
//! person types, accepted or refused, as one table run through the real
//! binary in English and in Dutch. The parsers have their own unit tests
//! (amount.rs, localtime.rs, ops/amendments.rs); this table holds what a
//! person sees: how an accepted form is read back to them, in their
//! language (a pot as `€ 108.000,00`, a date as `15 december 2026`, a drand
//! round's time as Dutch time, summer and winter), and which error class
//! and sentence a refused form gets. The record and the commitment keep
//! their one form (`2026-12-15`, `declined`, cents, a round number).

mod common;

use common::*;
use std::path::Path;

/// What a typed form gives: read, and shown as these words (English,
/// Dutch); or refused with this class and these fragments (English, Dutch).
enum Then {
    Read(&'static str, &'static str),
    Refused(&'static str, &'static str, &'static str),
}
use Then::{Read, Refused};

fn run(args: &[&str], lang: &str, cwd: &Path) -> (i32, String) {
    let o = potdraw(cwd).args(["--lang", lang]).args(args).output().unwrap();
    let text = format!("{}{}", stdout(&o), stderr(&o));
    assert!(!text.contains("panicked"), "{args:?}: {text}");
    (o.status.code().unwrap_or(-1), text)
}

/// Checks one row in both languages: `args` are the command's for a
/// language; `extra` checks an accepted row further (its files).
fn check(args: &dyn Fn(&str) -> Vec<String>, typed: &str, then: &Then, cwd: &Path, extra: &dyn Fn(&str)) {
    for lang in ["en", "nl"] {
        let args = args(lang);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, text) = run(&args, lang, cwd);
        match then {
            Read(en, nl) => {
                assert_eq!(code, 0, "{typed:?} ({lang}) should be read: {text}");
                let shown = if lang == "en" { en } else { nl };
                assert!(text.contains(shown), "{typed:?} ({lang}): {shown:?} not in\n{text}");
                extra(lang);
            }
            Refused(class, en, nl) => {
                assert_eq!(code, 2, "{typed:?} ({lang}) should be refused: {text}");
                let code_word = if lang == "en" { "error code" } else { "foutcode" };
                assert!(text.contains(&format!("[{code_word}: {class}]")), "{typed:?} ({lang}): {text}");
                for fragment in (if lang == "en" { en } else { nl }).split(" | ") {
                    assert!(text.contains(fragment), "{typed:?} ({lang}): {fragment:?} not in\n{text}");
                }
            }
        }
    }
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|a| a.to_string()).collect()
}

/// `commit --pot`: Dutch and English amounts, and the ambiguous ones refused with both readings.
#[test]
fn amounts_as_people_write_them() {
    let rows = [
        ("108000", Read("€ 108,000.00", "€ 108.000,00")),
        ("108000,00", Read("€ 108,000.00", "€ 108.000,00")),
        ("108.000,00", Read("€ 108,000.00", "€ 108.000,00")),
        ("€ 108.000", Read("€ 108,000.00", "€ 108.000,00")),
        ("€ 108.000,-", Read("€ 108,000.00", "€ 108.000,00")),
        ("108,000.00", Read("€ 108,000.00", "€ 108.000,00")),
        ("96.000,50", Read("€ 96,000.50", "€ 96.000,50")),
        ("€ 96,000.50", Read("€ 96,000.50", "€ 96.000,50")),
        (
            "108.000",
            Refused("usage-amount-ambiguous", "€ 108,000.00 | € 108.00", "€ 108.000,00 | € 108,00 | twee manieren"),
        ),
        ("108,000", Refused("usage-amount-ambiguous", "€ 108,000.00 | € 108.00", "€ 108.000,00 | € 108,00")),
        ("108 000", Refused("usage-amount", "expected an amount in euros", "geen bedrag")),
        ("1e5", Refused("usage-amount", "expected an amount in euros", "geen bedrag")),
        ("108.00.00", Refused("usage-amount", "expected an amount in euros", "geen bedrag")),
    ];
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("list.csv");
    let ids: String = (1..=10).map(|i| format!("A-{i}\n")).collect();
    std::fs::write(&list, format!("id\n{ids}")).unwrap();
    for (n, (typed, then)) in rows.iter().enumerate() {
        let out = |lang: &str| dir.path().join(format!("out-{n}-{lang}"));
        let args = |lang: &str| {
            let (list, out) = (list.to_str().unwrap(), out(lang));
            let mut a = strings(&["commit", "--candidates", list, "--pot", typed, "--min", "1", "--max", "99"]);
            a.extend(strings(&["--reserves", "0", "--entropy", "dice:room", "--created-at", "2026-11-24T12:00:00Z"]));
            a.extend(strings(&["--out", out.to_str().unwrap()]));
            a
        };
        check(&args, typed, then, dir.path(), &|lang| {
            assert!(out(lang).join("public/commitment.json").exists(), "{typed:?}: committed");
        });
        if let Refused(..) = then {
            assert!(!out("en").exists() && !out("nl").exists(), "{typed:?}: a refused pot writes nothing");
        }
    }
}

/// `amend --date` and `--reason`: day first or year first, the reasons in
/// both languages; shown to people as "15 december 2026", kept in the
/// record as 2026-12-15 and `declined`.
#[test]
fn dates_and_reasons_as_people_write_them() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/example/transcript.json");
    let dir = tempfile::tempdir().unwrap();
    let rows = [
        (
            "15-12-2026",
            "ziet af",
            Read("#1 15 December 2026: place 3: declined", "#1 15 december 2026: plaats 3: ziet af"),
        ),
        ("2026-12-15", "declined", Read("15 December 2026", "15 december 2026")),
        ("15/12/2026", "Ziet af.", Read("15 December 2026", "15 december 2026")),
        ("15.12.2026", "afgezien", Read("15 December 2026", "15 december 2026")),
        ("3-1-2027", "ziet af", Read("3 January 2027", "3 januari 2027")),
        (
            "15-12-26",
            "ziet af",
            Refused("amend-date", "--date | \"15-12-26\"", "--date | \"15-12-26\" | dag, maand, jaar"),
        ),
        ("12/15/2026", "ziet af", Refused("amend-date", "\"12/15/2026\"", "\"12/15/2026\"")),
        ("31-11-2026", "ziet af", Refused("amend-date", "\"31-11-2026\"", "\"31-11-2026\"")),
        ("morgen", "ziet af", Refused("amend-date", "\"morgen\"", "\"morgen\"")),
        ("15-12-2026", "verhuisd", Refused("amend-reason", "verhuisd", "verhuisd | ziet af, onbereikbaar")),
    ];
    for (n, (date, reason, then)) in rows.iter().enumerate() {
        let record = dir.path().join(format!("record-{n}.json"));
        let (example, rec) = (example.to_str().unwrap(), record.to_str().unwrap());
        let args = |_: &str| {
            let mut a = strings(&["amend", example, "--record", rec, "--place", "3", "--holder", "61BF-0A66"]);
            a.extend(strings(&["--reason", reason, "--date", date]));
            a
        };
        check(&args, &format!("{date} / {reason}"), then, dir.path(), &|_| {
            let r: serde_json::Value = serde_json::from_slice(&std::fs::read(&record).unwrap()).unwrap();
            let e = &r["events"][0];
            assert_eq!(e["reason"], "declined", "{date} / {reason}: the record keeps the canonical reason");
            assert!(e["date"].as_str().is_some_and(|d| d.len() == 10 && &d[4..5] == "-"), "{e}");
            std::fs::remove_file(&record).unwrap();
        });
    }
}

/// `beacon round-at` (and so `drand:LABEL:CHAIN:TIME`): a time without a
/// zone is Dutch time, winter (UTC+1) and summer (UTC+2); with a zone it is
/// read as written; the round's time is shown as Dutch time. The hour that
/// does not exist in March and the one that happens twice in October are
/// refused, as is a time without a date.
#[test]
fn drand_times_in_winter_and_summer() {
    let dir = tempfile::tempdir().unwrap();
    let round_of = |utc: &str| -> String {
        let (code, text) = run(&["beacon", "round-at", "--chain", "quicknet", utc], "en", dir.path());
        assert_eq!(code, 0, "{text}");
        text.lines().next().unwrap().to_string()
    };
    let (winter, summer) = (round_of("2026-12-12T19:45:00Z"), round_of("2026-07-04T18:45:00Z"));
    let w = Read("Saturday 12 December 2026, 20:45 (Dutch time)", "zaterdag 12 december 2026, 20.45 uur");
    let s = Read("Saturday 4 July 2026, 20:45 (Dutch time)", "zaterdag 4 juli 2026, 20.45 uur");
    let gap = "needs its zone";
    let rows: [(&str, Option<&String>, Then); 12] = [
        ("12-12-2026 20.45", Some(&winter), w),
        ("2026-12-12 20:45", Some(&winter), Read("20:45 (Dutch time)", "20.45 uur")),
        ("12-12-2026T20:45:00", Some(&winter), Read("20:45 (Dutch time)", "20.45 uur")),
        ("2026-12-12T19:45:00Z", Some(&winter), Read("20:45 (Dutch time)", "20.45 uur")),
        ("2026-12-12T20:45:00+01:00", Some(&winter), Read("20:45 (Dutch time)", "20.45 uur")),
        ("04-07-2026 20.45", Some(&summer), s),
        ("2026-07-04T18:45:00Z", Some(&summer), Read("4 July 2026, 20:45", "4 juli 2026, 20.45 uur")),
        ("2026-03-29 02:30", None, Refused("drand-input", gap, "in maart wordt overgeslagen")),
        ("2026-10-25 02:30", None, Refused("drand-input", gap, "in oktober twee keer")),
        ("20:45", None, Refused("drand-input", "\"20:45\"", "\"20:45\" is geen tijdstip")),
        ("2026-12-12", None, Refused("drand-input", "\"2026-12-12\"", "is geen tijdstip")),
        ("31-11-2026 10:00", None, Refused("drand-input", "\"31-11-2026 10:00\"", "is geen tijdstip")),
    ];
    for (typed, round, then) in &rows {
        let args = |_: &str| strings(&["beacon", "round-at", "--chain", "quicknet", typed]);
        check(&args, typed, then, dir.path(), &|lang| {
            let (_, text) = run(&["beacon", "round-at", "--chain", "quicknet", typed], lang, dir.path());
            assert_eq!(Some(text.lines().next().unwrap()), round.map(String::as_str), "{typed:?}: the round");
        });
    }
    assert_ne!(winter, summer);
}
