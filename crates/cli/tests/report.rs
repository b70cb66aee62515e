//! `potdraw report`: the printable page of a verified draw. What it must hold
//! (every recipient and reserve, in order, short and full; the digests; the
//! verify command; the QR code's content), what it must never hold (names,
//! ids, anything loaded from elsewhere, unescaped text), and that a
//! transcript that does not verify gets no page at all.

mod common;

use common::{potdraw, stderr, Pot};
use potdraw_cli::i18n::Lang;
use potdraw_cli::report::esc;
use std::path::{Path, PathBuf};

fn fixtures(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures").join(name)
}

fn verified(path: &Path) -> potdraw_verify::Verified<potdraw_verify::Draw> {
    let t = potdraw_core::parse::transcript(&std::fs::read(path).unwrap()).unwrap();
    potdraw_verify::verify_transcript(t, None).outcome.expect("the fixture verifies")
}

fn report(dir: &Path, lang: &str, transcript: &Path) -> String {
    let out = dir.join(format!("report-{lang}.html"));
    potdraw(dir).args(["--lang", lang, "report"]).arg(transcript).arg("--out").arg(&out).assert().success();
    std::fs::read_to_string(out).unwrap()
}

/// Every cell of the example's private candidate list: ids, names, phone numbers.
fn private_cells() -> Vec<String> {
    let text = std::fs::read_to_string(fixtures("example/candidates.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut cells = Vec::new();
    for record in reader.records() {
        let record = record.unwrap();
        cells.push(record[0].to_string()); // id
        cells.push(record[2].to_string()); // name
        cells.push(record[3].to_string()); // contact
    }
    assert_eq!(cells.len(), 3 * 24);
    cells
}

#[test]
fn the_example_report_holds_the_whole_result_in_order_in_both_languages_and_no_names() {
    let dir = tempfile::tempdir().unwrap();
    let transcript = fixtures("example/transcript.json");
    let v = verified(&transcript);
    let draw = v.get();
    let digest = hex::encode(draw.transcript_digest);
    let cells = private_cells();
    for code in ["en", "nl"] {
        let lang = Lang::from_code(code).unwrap();
        let html = report(dir.path(), code, &transcript);
        // The library function gives the very same page (the ceremony calls it).
        assert_eq!(html, potdraw_cli::report::render_html(&v, lang), "{code}");
        assert!(
            html.starts_with("<!DOCTYPE html>\n<html lang=\"") && html.contains(&format!("<html lang=\"{code}\">"))
        );
        for key in ["report.commitment.honest", "report.pot.heading", "report.verify.command"] {
            assert!(html.contains(&esc(&lang.t(key, &[]))), "{code}: {key} missing");
        }
        // Said of as many sources as the plan has (the example: the room's dice and a text).
        let sources = draw.transcript.commitment.doc.entropy_plan.len() as u64;
        assert_eq!(sources, 2);
        assert!(html.contains(&esc(&lang.tn("report.verdict", sources, &[]))), "{code}: the verdict");
        assert!(html.contains(&esc(&draw.transcript.commitment.doc.title)));
        assert!(html.contains(&draw.transcript.commitment.doc.digest));
        assert!(html.contains(&lang.money(6_500_000)) && html.contains(&lang.money(1_200_000)), "{code}: amounts");
        assert!(html.contains("potdraw verify transcript.json --commitment commitment.json"));
        assert!(html.contains(&format!("<figure id=\"qr\" data-content=\"{digest}\"><svg")), "{code}: QR");
        // Every recipient and reserve, in drawn order, short and full.
        let mut at = 0;
        for r in &draw.transcript.result {
            let leaf = hex::encode(r.leaf);
            let row = format!("data-role=\"{}\" data-rank=\"{}\" data-leaf=\"{leaf}\"", r.role.name(), r.rank);
            let found = html[at..].find(&row).unwrap_or_else(|| panic!("{code}: {row} missing or out of order"));
            at += found;
            let end = at + html[at..].find("</tr>").unwrap();
            let cells_html = &html[at..end];
            assert!(cells_html.contains(&potdraw_cli::render::short(&leaf)), "{code}: short form of {leaf}");
            assert!(cells_html.contains(&format!("<code class=\"hash\">{leaf}</code>")), "{code}: full {leaf}");
            let role = potdraw_cli::render::role_word(lang, r.role);
            assert!(cells_html.contains(&format!("<td>{role} {}</td>", r.rank)), "{code}: {role} {}", r.rank);
        }
        assert_eq!(html.matches("<tr class=\"recipient\"").count(), 5);
        assert_eq!(html.matches("<tr class=\"reserve\"").count(), 3);
        // No id, name or phone number of the private list.
        for cell in &cells {
            assert!(!html.contains(cell.as_str()), "{code}: the report contains {cell:?}");
        }
        // Self-contained: nothing to load, no script.
        for bad in ["<script", "<link", "<img", "<iframe", " src=", " href=", "url(", "@import"] {
            assert!(!html.contains(bad), "{code}: the report contains {bad:?}");
        }
        assert!(html.contains("default-src 'none'"));
        assert!(html.contains("@page { size: A4;"));
    }
}

#[test]
fn a_forged_transcript_gets_no_report() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixtures("v1/transcripts/result-leaf-changed.txt")).unwrap();
    let forged = dir.path().join("forged.json");
    std::fs::write(&forged, &text[text.find("\n\n").unwrap() + 2..]).unwrap();
    let out = dir.path().join("report.html");
    for lang in ["en", "nl"] {
        let a =
            potdraw(dir.path()).args(["--lang", lang, "report"]).arg(&forged).arg("--out").arg(&out).assert().code(1);
        let err = stderr(a.get_output());
        assert!(err.contains("result") && err.contains("transcript.result[0].leaf"), "{err}");
        let refused = if lang == "en" { "no report was written" } else { "er is geen verslag gemaakt" };
        assert!(err.contains(refused), "{err}");
        assert!(!out.exists(), "a report of a forged transcript was written");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "only forged.json, no temporary left");
    }
    // A published commitment that the transcript does not embed is refused too.
    let other = dir.path().join("other-commitment.json");
    std::fs::copy(fixtures("rfc3797/example/commitment.json"), &other).unwrap();
    potdraw(dir.path())
        .arg("report")
        .arg(fixtures("example/transcript.json"))
        .arg("--commitment")
        .arg(&other)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(1);
    assert!(!out.exists());
}

#[test]
fn an_existing_file_is_kept_unless_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.html");
    std::fs::write(&out, "mine").unwrap();
    let run = |force: bool| {
        let mut c = potdraw(dir.path());
        c.arg("report").arg(fixtures("example/transcript.json")).arg("--out").arg(&out);
        if force {
            c.arg("--force");
        }
        c.assert()
    };
    let a = run(false).code(2);
    assert!(stderr(a.get_output()).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "mine");
    run(true).success();
    assert!(std::fs::read_to_string(&out).unwrap().starts_with("<!DOCTYPE html>"));
}

#[test]
fn every_value_is_escaped() {
    let title = "<script>alert(\"x\")</script> & 'y'";
    let pot = Pot::committed_with_text(title);
    let dir = &pot.dir;
    potdraw(dir.path())
        .args(["draw", "--commitment", "pot/public/commitment.json", "--seed", "pot/private/seed"])
        .args(["--entropy", "room=1234561234", "--entropy", "lotto=<b>3 & 14</b>", "--out", "transcript.json"])
        .assert()
        .success();
    let html = report(dir.path(), "en", &dir.path().join("transcript.json"));
    assert!(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"), "title not escaped");
    assert!(html.contains("&lt;b&gt;3 &amp; 14&lt;/b&gt;"), "entropy value not escaped");
    assert!(!html.contains("<script") && !html.contains("<b>"), "raw markup in the report");
    assert!(html.contains("id=\"note-free-text-source\""), "the report says the text was not fixed in advance");
    for (id, _, name) in common::CANDIDATES {
        assert!(!contains_word(&html, id) && !html.contains(name), "{id} / {name} in the report");
    }
}

/// `word` with no letter or digit on either side: ids such as "B05" are
/// also hex, and may occur by chance inside an upper-case fingerprint.
fn contains_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[test]
fn an_rfc3797_report_has_no_seed_and_shows_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let transcript = fixtures("rfc3797/example/transcript.json");
    let v = verified(&transcript);
    let html = report(dir.path(), "nl", &transcript);
    let potdraw_core::model::Replay::Rfc3797 { key } = &v.get().transcript.replay else { panic!("not rfc3797") };
    assert!(html.contains(&esc(key)));
    assert!(html.contains(&esc(&Lang::from_code("nl").unwrap().t("report.seed.none", &[]))));
    assert!(!html.contains(&esc(&Lang::from_code("nl").unwrap().t("report.seed.seed", &[]))));
    assert_eq!(html.matches("data-role=").count(), v.get().transcript.result.len());
}
