//! What `potdraw audit` prints: a table for people in their language, and
//! `--json` for scripts (stable member names, no sentences; SPEC §16.5).
//!
//! WHY every problem line starts with its stable name: a person can search
//! SPEC §16.4 for it, and a help desk can tell problems apart whatever the
//! language of the report.

use crate::i18n::Lang;
use crate::ops::audit::Counts;
use crate::render::fingerprint;
use crate::t;
use potdraw_core::unicode::visible;
use potdraw_verify::history::{History, Kind, Problem, Status};
use potdraw_verify::signature::OrganiserKey;
use serde_json::{json, Value};
use std::path::Path;

pub struct Audit<'a> {
    pub folder: &'a Path,
    pub key: Option<&'a OrganiserKey>,
    pub counts: Counts,
    pub history: &'a History,
    /// Whether time-stamp tokens were checked (`--tsa-roots`).
    pub tsa_roots: bool,
}

impl Audit<'_> {
    pub fn text(&self, lang: Lang) -> String {
        let c = &self.counts;
        let mut s = t!(lang, "audit.title", folder = visible(&self.folder.display().to_string())) + "\n";
        s += &t!(
            lang,
            "audit.files",
            files = c.files,
            commitments = c.commitments,
            transcripts = c.transcripts,
            records = c.records,
            signatures = c.signatures,
            other = c.other
        );
        s.push('\n');
        if c.timestamps > 0 {
            s += &if self.tsa_roots {
                t!(lang, "audit.timestamps-checked", n = c.timestamps, trusted = c.timestamps_trusted)
            } else {
                t!(lang, "audit.timestamps-unchecked", n = c.timestamps)
            };
            s.push('\n');
        }
        s += &match self.key {
            Some(k) => t!(lang, "audit.key", key = k.line),
            None => t!(lang, "audit.no-key"),
        };
        s.push_str("\n\n");
        let draws = self.history.draws.len();
        s += &if draws == 1 { t!(lang, "audit.draws.one") } else { t!(lang, "audit.draws.other", n = draws) };
        s.push('\n');
        if draws > 0 {
            let head = [
                t!(lang, "audit.column.date"),
                t!(lang, "audit.column.title"),
                t!(lang, "audit.column.tickets"),
                t!(lang, "audit.column.recipients"),
                t!(lang, "audit.column.companions"),
                t!(lang, "audit.column.status"),
                t!(lang, "audit.column.fingerprint"),
            ];
            // Issue 28: the day as people read it ("1 december 2026"); the column as wide as its widest.
            let days: Vec<String> = self
                .history
                .draws
                .iter()
                .map(|d| crate::localtime::day(lang, d.info.created_at.get(..10).unwrap_or("")))
                .collect();
            let dw = days.iter().chain([&head[0]]).map(|d| d.chars().count()).max().unwrap_or(10);
            s += &format!(
                "  {:<dw$}  {:<28}  {:>8}  {:>10}  {:>11}  {:<12}  {}\n",
                head[0], head[1], head[2], head[3], head[4], head[6], head[5]
            );
            for (d, day) in self.history.draws.iter().zip(&days) {
                // The title whole (issue 27: "…, december" lost the year),
                // wrapped in its column.
                let lines = wrap_title(&visible(&d.info.title), 28);
                s += &format!(
                    "  {:<dw$}  {:<28}  {:>8}  {:>10}  {:>11}  {:<12}  {}\n",
                    day,
                    lines[0],
                    d.info.tickets,
                    d.info.recipients,
                    d.info.companions,
                    fingerprint(&hex::encode(d.info.commitment)),
                    status_word(lang, d.status)
                );
                for more in &lines[1..] {
                    s += &format!("  {:<dw$}  {more}\n", "");
                }
            }
        }
        s.push('\n');
        let w = self.history.warnings.len();
        if w > 0 {
            s += &if w == 1 { t!(lang, "audit.warnings.one") } else { t!(lang, "audit.warnings.other", n = w) };
            s.push('\n');
            for p in &self.history.warnings {
                s += &format!("  [{}] {}\n", p.kind.id(), problem_text(lang, p));
            }
            s.push('\n');
        }
        let n = self.history.problems.len();
        if n == 0 {
            s += &t!(lang, "audit.passed");
            s.push('\n');
            return s;
        }
        s += &if n == 1 { t!(lang, "audit.problems.one") } else { t!(lang, "audit.problems.other", n = n) };
        s.push('\n');
        for p in &self.history.problems {
            s += &format!("  [{}] {}\n", p.kind.id(), problem_text(lang, p));
        }
        s.push('\n');
        s += &if n == 1 { t!(lang, "audit.failed.one") } else { t!(lang, "audit.failed.other", n = n) };
        s.push('\n');
        s
    }

    pub fn json(&self) -> Value {
        let c = &self.counts;
        let draws: Vec<Value> = self
            .history
            .draws
            .iter()
            .map(|d| {
                json!({
                    "commitment": hex::encode(d.info.commitment),
                    "previous": d.info.previous.map(hex::encode),
                    "created_at": d.info.created_at,
                    "title": d.info.title,
                    "tickets": d.info.tickets,
                    "recipients": d.info.recipients,
                    "companions": d.info.companions,
                    "status": d.status.id(),
                    "commitment_files": d.commitment_files,
                    "transcripts": d.transcripts.iter().map(|(f, t)| json!({"file": f, "digest": hex::encode(t)})).collect::<Vec<_>>(),
                })
            })
            .collect();
        let problems: Vec<Value> = self
            .history
            .problems
            .iter()
            .map(|p| {
                json!({
                    "problem": p.kind.id(),
                    "files": p.files,
                    "digest": p.digest.map(hex::encode),
                    "detail": p.detail,
                })
            })
            .collect();
        json!({
            "passed": self.history.is_clean(),
            "folder": self.folder.display().to_string(),
            "key": self.key.map(|k| k.line.clone()),
            "files": {
                "total": c.files,
                "commitments": c.commitments,
                "transcripts": c.transcripts,
                "amendments": c.records,
                "signatures": c.signatures,
                "timestamps": c.timestamps,
                "timestamps_trusted": if self.tsa_roots { Some(c.timestamps_trusted) } else { None },
                "other": c.other,
            },
            "draws": draws,
            "ignored": self.history.ignored,
            "warnings": self.history.warnings.iter().map(|p| json!({
                "warning": p.kind.id(),
                "files": p.files,
                "detail": p.detail,
            })).collect::<Vec<_>>(),
            "problems": problems,
        })
    }
}

fn status_word(lang: Lang, s: Status) -> String {
    match s {
        Status::Drawn => t!(lang, "audit.status.drawn"),
        Status::NotDrawn => t!(lang, "audit.status.not-drawn"),
        Status::ReDrawn => t!(lang, "audit.status.re-drawn"),
    }
}

/// One problem as a sentence: what is wrong, naming the files.
fn problem_text(lang: Lang, p: &Problem) -> String {
    // Each name quoted: a name may itself hold ", " (issue 20, finding 9).
    let files = p.files.iter().map(|f| format!("\"{}\"", visible(f))).collect::<Vec<_>>().join(", ");
    let digest = p.digest.map(|d| fingerprint(&hex::encode(d))).unwrap_or_default();
    let detail = p.detail.as_deref().map(visible).unwrap_or_default();
    match p.kind {
        Kind::ReDraw => t!(lang, "audit.problem.re-draw", digest = digest, files = files),
        Kind::VerificationFailed => t!(lang, "audit.problem.verification-failed", files = files, check = detail),
        Kind::Unusable => t!(lang, "audit.problem.unusable", files = files, class = detail),
        Kind::CommitmentMissing => t!(lang, "audit.problem.commitment-missing", digest = digest, files = files),
        Kind::NotDrawn => t!(lang, "audit.problem.not-drawn", digest = digest, files = files),
        Kind::Fork => t!(lang, "audit.problem.fork", digest = digest, files = files),
        Kind::Gap => t!(lang, "audit.problem.gap", digest = digest, files = files),
        Kind::ChainStart => t!(lang, "audit.problem.chain-start", files = files),
        Kind::SignatureMissing => t!(lang, "audit.problem.signature-missing", files = files),
        Kind::SignatureBad => t!(lang, "audit.problem.signature-bad", files = files, why = detail),
        Kind::SignatureWithoutFile => t!(lang, "audit.problem.signature-without-file", files = files),
        Kind::TimeStampWithoutDocument => t!(lang, "audit.problem.time-stamp-without-document", files = files),
        Kind::TimeStampFailed => t!(lang, "audit.problem.time-stamp-failed", files = files, why = detail),
        Kind::AmendmentsFailed => t!(lang, "audit.problem.amendments-failed", files = files, check = detail),
        Kind::AmendmentsRewritten => t!(lang, "audit.problem.amendments-rewritten", files = files),
        Kind::AmendmentsTranscriptMissing => {
            t!(lang, "audit.problem.amendments-transcript-missing", digest = digest, files = files)
        }
        Kind::PageUnknownDraw => t!(lang, "audit.problem.page-unknown-draw", files = files),
        Kind::PrivateFile => t!(lang, "audit.problem.private-file", files = files),
        Kind::NotPotdraw => t!(lang, "audit.problem.not-potdraw", files = files),
        Kind::DuplicateTitle => t!(lang, "audit.problem.duplicate-title", files = files, title = detail),
    }
}

/// `title` in lines of at most `width` characters, broken at spaces where
/// it can be (a word longer than the column is cut into pieces).
fn wrap_title(title: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in title.split(' ') {
        let mut word: Vec<char> = word.chars().collect();
        let last = lines.last_mut().expect("one line at least");
        let used = last.chars().count();
        if used > 0 && used + 1 + word.len() <= width {
            last.push(' ');
            last.extend(word);
            continue;
        }
        if used > 0 {
            lines.push(String::new());
        }
        while word.len() > width {
            let rest = word.split_off(width);
            lines.last_mut().expect("one line at least").extend(word);
            lines.push(String::new());
            word = rest;
        }
        lines.last_mut().expect("one line at least").extend(word);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::wrap_title;

    #[test]
    fn a_title_is_wrapped_whole() {
        assert_eq!(wrap_title("Buurtpot Zuid, december 2026", 28), ["Buurtpot Zuid, december 2026"]);
        assert_eq!(
            wrap_title("Buurtpot Kanaleneiland, december 2026", 28),
            ["Buurtpot Kanaleneiland,", "december 2026"]
        );
        assert_eq!(wrap_title(&"x".repeat(30), 28), ["x".repeat(28), "xx".to_string()]);
        assert_eq!(wrap_title("", 28), [""]);
    }
}
