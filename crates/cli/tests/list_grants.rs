//! Issue 27, "money is never silent": each list of recipients has its own
//! pot (`--list-pot NAME=EUROS`) *with the grant settings per list where
//! they differ* (SPEC §17.6: each pot list has its own `pot` object):
//! `--list-grant-monthly`, `--list-months`, `--list-min`, `--list-max`.
//! The commitment carries them, `verify` checks them, and the summary, the
//! ceremony and the report show each list's own grant. The refusals (an
//! unknown list, a list without its own pot, a setting given twice, a pot
//! too small for the list's own grants) are bad cases in fixtures/bad
//! (`lists-setting-*`, `lists-pot-too-small*`).

mod common;

use common::*;
use serde_json::json;

/// Noord (the standard list) and Zuid (nine residents), each with its own
/// pot; Zuid gives € 500,00 a month (typed the Dutch way) for 6 months, to
/// 2 to 4 recipients.
fn commit_two_pots(p: &Pot, extra: &[&str]) -> assert_cmd::Command {
    let zuid = p.path("zuid.csv");
    let mut csv = String::from("id\n");
    for i in 1..=9 {
        csv.push_str(&format!("ZUID-{i:03}\n"));
    }
    std::fs::write(&zuid, csv).unwrap();
    let mut c = p.cmd();
    c.args(["--lang", "nl", "commit", "--list"])
        .arg(format!("noord={}", p.csv.display()))
        .arg("--list")
        .arg(format!("zuid={}", zuid.display()))
        .args(["--list-pot", "noord=60000", "--list-pot", "zuid=€ 36.000,00"])
        .args(["--list-grant-monthly", "zuid=500,00", "--list-months", "zuid=6"])
        .args(["--list-min", "zuid=2", "--list-max", "zuid=4", "--list-reserves", "zuid=2"])
        .args(["--entropy", "dice:room:10", "--entropy", "numbers:lotto:6"])
        .args(["--title", "Twee wijken", "--created-at", "2026-12-01T12:00:00Z", "--out"])
        .arg(&p.out)
        .args(extra);
    c
}

#[test]
fn a_list_has_its_own_grant_in_the_commitment_summary_ceremony_and_report() {
    let p = Pot::new();
    let said = succeeds(&mut commit_two_pots(&p, &[]));
    let c = p.commitment_json();
    // Noord keeps the draw's grant flags (defaults: € 1.000 × 12, 5 to 9).
    assert_eq!(
        c["lists"][0]["pot"],
        json!({"amount_cents": 6_000_000, "grant_monthly_cents": 100_000, "grant_months": 12,
               "grant_cents": 1_200_000, "min_recipients": 5, "max_recipients": 9, "surplus_cents": 0}),
    );
    // Zuid: € 36.000 pays 12 grants of € 3.000; its own maximum is 4.
    assert_eq!(
        c["lists"][1]["pot"],
        json!({"amount_cents": 3_600_000, "grant_monthly_cents": 50_000, "grant_months": 6,
               "grant_cents": 300_000, "min_recipients": 2, "max_recipients": 4, "surplus_cents": 2_400_000}),
    );
    assert_eq!((c["lists"][0]["recipients"].as_u64(), c["lists"][1]["recipients"].as_u64()), (Some(5), Some(4)));
    assert!(
        said.contains(
            "lijst zuid: 9 deelnemers; 4 ontvangers betaald uit de pot van € 36.000,00 (schenkingen van \
             € 3.000,00: € 500,00 per maand, 6 maanden lang; er blijft € 24.000,00 over), daarna 2 reserves"
        ),
        "{said}"
    );
    assert!(said.contains("(schenkingen van € 12.000,00: € 1.000,00 per maand, 12 maanden lang;"), "{said}");

    // The ceremony (keys on standard input) shows each list's pot and grant,
    // and draws what `draw` draws.
    let input = format!("\n\n{ROOM}\n\n{LOTTO}\n\n{}", "\n".repeat(40));
    let mut c = p.cmd();
    c.args(["--lang", "nl", "ceremony", "--commitment"]).arg(p.commitment()).arg("--seed").arg(p.seed());
    c.arg("--out").arg(p.path("ceremonie.json")).write_stdin(input);
    // The screen wraps at 80 columns: compared with the line breaks as spaces.
    let shown = succeeds(&mut c).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        shown.contains(
            "Lijst zuid: 4 ontvangers, betaald uit de pot van € 36.000,00 (schenkingen van € 3.000,00: \
             € 500,00 per maand, 6 maanden lang), daarna 2 reserves"
        ),
        "{shown}"
    );
    assert!(shown.contains("Lijst noord: 5 ontvangers, betaald uit de pot van € 60.000,00"), "{shown}");
    succeeds(&mut p.draw_cmd());
    assert_eq!(std::fs::read(p.path("ceremonie.json")).unwrap(), std::fs::read(&p.transcript).unwrap());

    // verify checks each pot with its own grant.
    let verified = succeeds(p.cmd().args(["--lang", "nl", "verify"]).arg(&p.transcript));
    assert!(verified.contains("lijst zuid: 4 schenkingen van € 3.000,00 uit een pot van € 36.000,00"), "{verified}");

    // The report: each list's grant and its own rules.
    let report = p.path("verslag.html");
    succeeds(p.cmd().args(["--lang", "nl", "report"]).arg(&p.transcript).arg("--out").arg(&report));
    let html = std::fs::read_to_string(&report).unwrap();
    // The result first (issue 29), then each list's rules.
    assert!(html.find("data-list=\"zuid\"").unwrap() < html.find("data-rules=\"noord\"").unwrap());
    let zuid = &html[html.find("data-rules=\"zuid\"").expect("zuid's rules")..];
    assert!(zuid.contains("€ 3.000,00: € 500,00 per maand gedurende 6 maanden"), "{zuid}");
    assert!(zuid.contains("minstens 2 en hoogstens 4 ontvangers"), "{zuid}");
    let noord = &html[html.find("data-rules=\"noord\"").unwrap()..html.find("data-rules=\"zuid\"").unwrap()];
    assert!(noord.contains("€ 12.000,00: € 1.000,00 per maand gedurende 12 maanden"), "{noord}");
}

/// The per-list setting is the list's own: a draw flag given beside it
/// (`--grant-monthly`) still holds for the list without one.
#[test]
fn the_draw_flags_hold_for_a_list_without_its_own() {
    let p = Pot::new();
    succeeds(&mut commit_two_pots(&p, &["--grant-monthly", "1.000,50", "--months", "10", "--min", "4"]));
    let c = p.commitment_json();
    let pot = |i: usize, k: &str| c["lists"][i]["pot"][k].clone();
    assert_eq!((pot(0, "grant_monthly_cents"), pot(0, "grant_months")), (json!(100_050), json!(10)));
    assert_eq!(pot(0, "min_recipients"), json!(4));
    assert_eq!((pot(1, "grant_monthly_cents"), pot(1, "grant_months")), (json!(50_000), json!(6)));
    assert_eq!(pot(1, "min_recipients"), json!(2));
}

/// A fixed list and a list of travel companions have no pot; a grant
/// setting for them is refused in both languages (the companions case,
/// the plain `--pot` list, twice and an unknown name are in fixtures/bad).
#[test]
fn a_fixed_list_takes_no_grant_setting() {
    for (lang, needles) in [
        ("en", ["--list-max \"zuid=4\"", "list zuid has no pot of its own", "fixed number of recipients"]),
        ("nl", ["--list-max \"zuid=4\"", "lijst zuid heeft geen eigen pot", "vast aantal ontvangers"]),
    ] {
        let p = Pot::new();
        let mut c = p.cmd();
        c.args(["--lang", lang, "commit", "--list"]).arg(format!("noord={}", p.csv.display()));
        c.arg("--list").arg(format!("zuid={}", p.csv.display()));
        c.args(["--list-pot", "noord=60000", "--list-recipients", "zuid=3", "--list-max", "zuid=4"]);
        c.args(["--entropy", "dice:room:10", "--out"]).arg(&p.out);
        let err = fails(&mut c, 2, &needles);
        assert!(err.contains("lists-setting-no-pot"), "{err}");
        assert!(!p.out.exists());
    }
}
