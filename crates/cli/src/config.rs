//! Stage two of argument handling: raw flags → validated configurations.
//! Every error names the flag, what it expects and what it was given.

use crate::args::{CeremonyArgs, CommitArgs, DrawArgs, ReportArgs};
use crate::problem;
use anyhow::{anyhow, bail, Result};
use potdraw_core::commit::{CommitParams, PotPolicy};
use potdraw_core::entropy::{check_label, PlanEntry, SourceKind, DIE_FACES, MAX_COUNTED_NUMBERS, MAX_DICE};
use potdraw_core::model::Method;
use std::path::PathBuf;

/// The number of dice when the plan says just `dice:LABEL`.
pub const DEFAULT_DICE: u64 = 20;

pub use crate::config_lists::{ListGrant, ListRule, ListSpec};

#[derive(Debug, Clone)]
pub struct CommitConfig {
    /// The single list (`--candidates`); empty when `lists` are given.
    pub candidates: PathBuf,
    /// Several lists (`--list`), in the order given; empty for a single list.
    pub lists: Vec<ListSpec>,
    /// How to read the list: sheet, columns, separator, encoding (issue 16).
    pub list: crate::list::ListOptions,
    pub out: PathBuf,
    pub method: Method,
    pub params: CommitParams,
    /// Loud warnings for the report: drand rounds accepted with --allow-past-round.
    pub past_rounds: Vec<String>,
    pub force: bool,
}

#[derive(Debug, Clone)]
pub struct DrawConfig {
    pub commitment: PathBuf,
    /// Required for potdraw-v1 and refused for rfc3797; `draw` checks it
    /// against the method the commitment records.
    pub seed: Option<PathBuf>,
    pub entropy: Vec<(String, String)>,
    /// drand: previous-round signatures by label (`--previous-signature LABEL=HEX`).
    pub previous_signatures: Vec<(String, String)>,
    /// drand: beacon JSON files by label (`--beacon LABEL=FILE`).
    pub beacons: Vec<(String, PathBuf)>,
    pub out: PathBuf,
    pub force: bool,
}

#[derive(Debug, Clone)]
pub struct CeremonyConfig {
    pub commitment: PathBuf,
    pub seed: Option<PathBuf>,
    /// `--out`, or transcript.json beside the commitment: the two documents
    /// the organiser publishes end up side by side.
    pub out: PathBuf,
    /// `--report`, or report.html beside the transcript.
    pub report: PathBuf,
    pub force: bool,
}

/// `commit --previous FILE` (SPEC §14.3): the digest of the organiser's
/// previous commitment, of any version, after it passed its own checks
/// (SPEC §8.3): a link to a commitment that does not verify would chain
/// the new draw to a document nobody can check.
/// WHY read by its own `format` (issue 26): "any version" includes a
/// commitment with several lists (SPEC §17), whose digest links the same way.
fn previous_digest(path: &std::path::Path) -> Result<potdraw_core::Hash32> {
    use crate::ops::documents::AnyCommitment;
    let verified = match AnyCommitment::read(path)? {
        AnyCommitment::One(c) => {
            potdraw_verify::verify_commitment(c).outcome.map(|c| c.get().digest).map_err(|f| f.check.id())
        }
        AnyCommitment::Lists(c) => {
            potdraw_verify::verify_lists_commitment(c).outcome.map(|c| c.get().digest).map_err(|f| f.check.id())
        }
    };
    verified.map_err(|check| problem!("previous-not-verified", file = path.display(), check = check))
}

pub fn commit(a: CommitArgs) -> Result<CommitConfig> {
    let euros = euros;
    let created_at = match &a.created_at {
        Some(t) => {
            potdraw_core::time::parse_utc(t).ok_or_else(|| problem!("usage-created-at", found = format!("{t:?}")))?
        }
        None => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_err(|_| problem!("usage-clock"))?
            .as_secs(),
    };
    let method = match a.method.as_str() {
        "rfc3797" => Method::Rfc3797,
        "potdraw-v1" => Method::PotdrawV1,
        other => return Err(problem!("usage-method", found = format!("{other:?}"))),
    };
    // SPEC §17: several lists are drawn with the potdraw-v1 method (said before the plan's checks).
    if !a.list.is_empty() && method == Method::Rfc3797 {
        return Err(problem!("lists-method"));
    }
    // Testing only (hidden flag): the clock against which drand rounds are judged.
    let now = match &a.now {
        Some(t) => potdraw_core::time::parse_utc(t).ok_or_else(|| {
            crate::problem!(
                "drand-input",
                detail = crate::t!(crate::i18n::Lang::current(), "drand.now", found = potdraw_core::error::quote(t))
            )
        })?,
        None => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_err(|_| crate::problem!("usage-clock"))?
            .as_secs(),
    };
    let mut plan: Vec<PlanEntry> = Vec::new();
    let mut past_rounds = Vec::new();
    // SPEC §5.1: a plan of at most 64 sources (checked first: the label check below is per pair).
    if a.entropy.len() > potdraw_core::entropy::MAX_PLAN_SOURCES {
        return Err(problem!(
            "entropy-plan-size",
            max = potdraw_core::entropy::MAX_PLAN_SOURCES,
            found = a.entropy.len()
        ));
    }
    for spec in &a.entropy {
        let entry = if spec.starts_with("drand:") {
            let (entry, past) = drand_plan_entry(spec, now, a.allow_past_round)?;
            past_rounds.extend(past);
            entry
        } else {
            plan_entry(spec)?
        };
        match (method, &entry.kind) {
            (Method::Rfc3797, SourceKind::CountedNumbers { .. })
            | (Method::PotdrawV1, SourceKind::Dice { .. } | SourceKind::CountedNumbers { .. } | SourceKind::Drand(_)) =>
                {}
            // SPEC §12.9: a source whose count is not fixed lets whoever types it add a number.
            (Method::Rfc3797, SourceKind::Numbers) => {
                return Err(problem!("entropy-rfc3797-count", spec = format!("{spec:?}")))
            }
            (Method::Rfc3797, _) => return Err(problem!("entropy-rfc3797-kind", spec = format!("{spec:?}"))),
            (Method::PotdrawV1, _) => return Err(problem!("entropy-numbers-v1", spec = format!("{spec:?}"))),
        }
        if plan.iter().any(|p| p.label == entry.label) {
            let label = format!("{:?}", entry.label);
            return Err(problem!("entropy-label-reused", spec = spec, label = label));
        }
        plan.push(entry);
    }
    if a.title.chars().count() > potdraw_core::model::MAX_TITLE_CHARS || a.title.chars().any(char::is_control) {
        return Err(problem!("usage-title", max = potdraw_core::model::MAX_TITLE_CHARS));
    }
    // SPEC §2.4: the title is normalised too, so it keeps to the repertoire.
    if let Some((position, c)) = potdraw_core::unicode::first_unassigned(&a.title) {
        return Err(problem!(
            "usage-title-unassigned",
            version = potdraw_core::unicode::VERSION,
            code_point = potdraw_core::unicode::code_point(c),
            position = position,
            found = potdraw_core::error::quote(&a.title)
        ));
    }
    let lists = crate::config_lists::lists(&a)?;
    let pot_text = match (&a.pot, lists.iter().any(|l| l.rule == ListRule::Pot(None))) {
        (Some(p), _) => p.as_str(),
        (None, true) => return Err(problem!("lists-pot-missing")),
        (None, false) => "0",
    };
    let pot = PotPolicy {
        amount_cents: euros("pot", pot_text)?,
        grant_monthly_cents: euros("grant-monthly", &a.grant_monthly)?,
        grant_months: a.months,
        min_recipients: a.min,
        max_recipients: a.max,
    };
    let params = CommitParams {
        title: potdraw_core::hash::nfc(a.title.trim()),
        created_at,
        pot,
        recipients: a.recipients,
        reserves: a.reserves,
        plan,
        previous: a.previous.as_deref().map(previous_digest).transpose()?,
    };
    if method == Method::Rfc3797 && params.previous.is_some() {
        return Err(problem!("previous-rfc3797"));
    }
    let list = crate::list::ListOptions {
        columns: crate::candidates::Options {
            id_column: a.id_column,
            weight_column: a.weight_column,
            delimiter: a.delimiter.map(|d| match d.as_str() {
                ";" => b';',
                "tab" => b'\t',
                _ => b',',
            }),
            filters: a.filter.iter().map(|f| filter("where", f)).collect::<Result<_>>()?,
        },
        encoding: a.encoding.map(|e| match e.as_str() {
            "windows-1252" => crate::list::Encoding::Windows1252,
            _ => crate::list::Encoding::Utf8,
        }),
        sheet: a.sheet,
    };
    let candidates = a.candidates.unwrap_or_default();
    Ok(CommitConfig { candidates, lists, list, out: a.out, method, params, past_rounds, force: a.force })
}

/// An amount of `--flag` as a treasurer types it ([`crate::amount`]): a
/// form that reads two ways is refused with both readings, in money.
pub(crate) fn euros(flag: &str, text: &str) -> Result<u64> {
    use crate::amount::AmountError;
    let lang = crate::i18n::Lang::current();
    crate::amount::parse(text).map_err(|e| match e {
        AmountError::Syntax => problem!("usage-amount", flag = flag, found = format!("{text:?}")),
        AmountError::Ambiguous { thousands, decimal } => problem!(
            "usage-amount-ambiguous",
            flag = flag,
            found = format!("{text:?}"),
            thousands = lang.money(thousands),
            decimal = lang.money(decimal)
        ),
    })
}

/// `--where COLUMN=VALUE` (issue 28): both sides as typed; compared trimmed
/// and in any case when the rows are read.
pub(crate) fn filter(flag: &str, text: &str) -> Result<crate::columns::Filter> {
    match text.split_once('=') {
        Some((column, value)) if !column.trim().is_empty() => {
            Ok(crate::columns::Filter { column: column.trim().to_string(), value: value.trim().to_string() })
        }
        _ => Err(problem!("list-where", flag = flag, found = format!("{text:?}"))),
    }
}

/// `drand:LABEL:CHAIN:ROUND` or `drand:LABEL:CHAIN:TIME` (SPEC §13.5). A time
/// becomes the first round at or after it. A round whose time is not after
/// `now` is refused unless `allow_past`, and then a warning is returned.
pub fn drand_plan_entry(spec: &str, now: u64, allow_past: bool) -> Result<(PlanEntry, Option<String>)> {
    let lang = crate::i18n::Lang::current();
    let usage = crate::t!(lang, "drand.usage");
    let spec_said = |detail: &dyn std::fmt::Display| {
        crate::t!(lang, "drand.spec", spec = potdraw_core::error::quote(spec), detail = detail)
    };
    let mut parts = spec.splitn(3, ':').skip(1);
    let (Some(label), Some(rest)) = (parts.next(), parts.next()) else {
        return Err(crate::problem!("drand-input", detail = spec_said(&usage)));
    };
    let Some((chain_arg, when)) = rest.split_once(':') else {
        return Err(crate::problem!("drand-input", detail = spec_said(&usage)));
    };
    check_label("label", label).map_err(|e| {
        let (_, said) = crate::problem::describe(&crate::problem::field(&format!("--entropy {spec:?}"), &e));
        crate::problem!("drand-input", detail = said)
    })?;
    let chain = crate::ops::drand::chain(chain_arg)
        .map_err(|e| crate::problem!("drand-input", detail = spec_said(&crate::problem::describe(&e).1)))?;
    let round = if !when.is_empty() && when.bytes().all(|b| b.is_ascii_digit()) {
        when.parse::<u64>().ok().filter(|r| *r >= 1).ok_or_else(|| {
            let said = crate::t!(lang, "drand.round-min", found = potdraw_core::error::quote(when));
            crate::problem!("drand-input", detail = spec_said(&said))
        })?
    } else {
        // Issue 28: a time without a zone is Dutch time (Europe/Amsterdam).
        let t = crate::localtime::parse(when).ok_or_else(|| {
            let said = crate::t!(lang, "drand.round-or-time", found = potdraw_core::error::quote(when));
            crate::problem!("drand-input", detail = spec_said(&said))
        })?;
        potdraw_beacon::round_at(&chain, t)
    };
    let at = potdraw_beacon::time_of(&chain, round)
        .map_err(|e| crate::problem!("drand-input", detail = spec_said(&crate::ops::drand::describe(&e))))?;
    let mut past = None;
    if at <= now {
        let (chain, at, now) = (chain.label(), crate::localtime::show(lang, at), crate::localtime::show(lang, now));
        let what = crate::t!(lang, "drand.past", round = round, chain = chain, at = at, now = now);
        if !allow_past {
            let said = crate::t!(lang, "drand.past-refused", what = what);
            return Err(crate::problem!("drand-input", detail = spec_said(&said)));
        }
        past = Some(crate::t!(lang, "drand.past-warning", what = what));
    }
    Ok((crate::ops::drand::plan_source(label, &chain, round), past))
}

/// RFC 3797 numbers as people type them ("2, 5, 12 8 10") in the stored
/// form of SPEC §12.3: the same numbers separated by single spaces.
pub fn normalise_numbers(value: &str) -> String {
    value.split(|c: char| c.is_whitespace() || c == ',').filter(|n| !n.is_empty()).collect::<Vec<_>>().join(" ")
}

/// `dice:LABEL`, `dice:LABEL:COUNT`, `dice:LABEL:COUNTdFACES`, `numbers:LABEL:COUNT`
/// (SPEC §14.1) or, for the RFC 3797 method, `numbers:LABEL`. `text:LABEL` is
/// refused: a free text has many spellings, and whoever types it after the
/// seed is known could choose among them (SPEC §9.8).
pub fn plan_entry(spec: &str) -> Result<PlanEntry> {
    let quoted = format!("{spec:?}");
    let usage = || problem!("entropy-spec", spec = quoted);
    let mut parts = spec.splitn(3, ':');
    let (kind, label, extra) = (parts.next().unwrap_or(""), parts.next(), parts.next());
    let Some(label) = label else { return Err(usage()) };
    check_label("label", label).map_err(|e| problem::field(&format!("--entropy {quoted}"), &e))?;
    let kind = match (kind, extra) {
        ("dice", None) => SourceKind::Dice { count: DEFAULT_DICE, faces: 6 },
        ("dice", Some(n)) => {
            let (count, faces) = n.split_once(['d', 'D']).unwrap_or((n, "6"));
            let count: u64 =
                count.parse().ok().filter(|c| (1..=MAX_DICE).contains(c)).ok_or_else(|| {
                    problem!("entropy-dice", spec = quoted, max = MAX_DICE, found = format!("{count:?}"))
                })?;
            let faces: u64 = faces
                .parse()
                .ok()
                .filter(|f| DIE_FACES.contains(f))
                .ok_or_else(|| problem!("entropy-faces", spec = quoted, found = format!("{faces:?}")))?;
            SourceKind::Dice { count, faces }
        }
        ("text", _) => return Err(problem!("entropy-text-retired", spec = quoted, label = label)),
        ("numbers", None) => SourceKind::Numbers,
        ("numbers", Some(n)) => {
            let count: u64 = n.parse().ok().filter(|c| (1..=MAX_COUNTED_NUMBERS).contains(c)).ok_or_else(|| {
                problem!("entropy-numbers-count", spec = quoted, max = MAX_COUNTED_NUMBERS, found = format!("{n:?}"))
            })?;
            SourceKind::CountedNumbers { count }
        }
        ("drand", _) => return Err(problem!("entropy-drand", spec = quoted)),
        _ => return Err(usage()),
    };
    Ok(PlanEntry { label: label.to_string(), kind })
}

#[derive(Debug, Clone)]
pub struct ReportConfig {
    pub transcript: PathBuf,
    pub commitment: Option<PathBuf>,
    /// The record of substitutions (SPEC §15), shown with the final list.
    pub amendments: Option<PathBuf>,
    pub out: PathBuf,
    pub force: bool,
}

/// `report` as asked: the page's configuration, and the time-stamp roots
/// the reader trusts (SPEC §18, `--tsa-roots`; kept beside ReportConfig,
/// which other operations build without them).
pub struct ReportRun {
    pub cfg: ReportConfig,
    pub tsa_roots: Option<PathBuf>,
}

/// `report`: the output must be a file path, and must not exist unless --force
/// (refused before anything is read or verified).
pub fn report(a: ReportArgs) -> Result<ReportRun> {
    if a.out.as_os_str().is_empty() || a.out.is_dir() {
        bail!("--out: expected a file path such as report.html, found {:?}", a.out.display().to_string());
    }
    crate::files::ensure_writable(&a.out, a.force)?;
    let cfg = ReportConfig {
        transcript: a.transcript,
        commitment: a.commitment,
        amendments: a.amendments,
        out: a.out,
        force: a.force,
    };
    Ok(ReportRun { cfg, tsa_roots: a.tsa_roots })
}

pub fn draw(a: DrawArgs) -> Result<DrawConfig> {
    let mut entropy = Vec::new();
    for e in &a.entropy {
        let Some((label, value)) = e.split_once('=') else {
            return Err(problem!("entropy-value-format", found = format!("{e:?}")));
        };
        entropy.push((label.trim().to_string(), value.to_string()));
    }
    let pairs = |flag: &str, items: &[String]| -> Result<Vec<(String, String)>> {
        items
            .iter()
            .map(|e| {
                e.split_once('=')
                    .map(|(l, v)| (l.trim().to_string(), v.to_string()))
                    .ok_or_else(|| anyhow!("{flag} {e:?}: expected LABEL=VALUE"))
            })
            .collect()
    };
    let previous_signatures = pairs("--previous-signature", &a.previous_signature)?;
    let beacons = pairs("--beacon", &a.beacon)?.into_iter().map(|(l, p)| (l, PathBuf::from(p))).collect();
    Ok(DrawConfig {
        commitment: a.commitment,
        seed: a.seed,
        entropy,
        previous_signatures,
        beacons,
        out: a.out,
        force: a.force,
    })
}

pub fn ceremony(a: CeremonyArgs) -> Result<CeremonyConfig> {
    let out = match a.out {
        Some(out) => out,
        None => match a.commitment.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir.join("transcript.json"),
            _ => PathBuf::from("transcript.json"),
        },
    };
    if out == a.commitment {
        bail!("--out {}: expected a new file for the transcript, found the commitment itself", out.display());
    }
    let report = match a.report {
        Some(report) => report,
        None => out.with_file_name("report.html"),
    };
    if report == out || report == a.commitment {
        bail!("--report {}: expected a new file for the report, found the transcript or commitment", report.display());
    }
    Ok(CeremonyConfig { commitment: a.commitment, seed: a.seed, out, report, force: a.force })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ceremony_transcript_goes_beside_the_commitment() {
        let args = |commitment: &str, out: Option<&str>| CeremonyArgs {
            commitment: commitment.into(),
            seed: None,
            out: out.map(PathBuf::from),
            report: None,
            force: false,
        };
        assert_eq!(ceremony(args("pot/commitment.json", None)).unwrap().out, PathBuf::from("pot/transcript.json"));
        assert_eq!(ceremony(args("pot/commitment.json", None)).unwrap().report, PathBuf::from("pot/report.html"));
        assert_eq!(ceremony(args("c.json", Some("t.json"))).unwrap().report, PathBuf::from("report.html"));
        assert_eq!(ceremony(args("commitment.json", None)).unwrap().out, PathBuf::from("transcript.json"));
        assert_eq!(ceremony(args("c.json", Some("t.json"))).unwrap().out, PathBuf::from("t.json"));
        assert!(ceremony(args("c.json", Some("c.json"))).is_err());
    }

    #[test]
    fn plan_specs() {
        assert_eq!(plan_entry("dice:room").unwrap().kind, SourceKind::Dice { count: 20, faces: 6 });
        assert_eq!(plan_entry("dice:room:15d10").unwrap().kind, SourceKind::Dice { count: 15, faces: 10 });
        assert_eq!(plan_entry("dice:room:8").unwrap().kind, SourceKind::Dice { count: 8, faces: 6 });
        assert_eq!(plan_entry("numbers:lotto").unwrap().kind, SourceKind::Numbers);
        assert_eq!(plan_entry("numbers:lotto:6").unwrap().kind, SourceKind::CountedNumbers { count: 6 });
        assert_eq!(plan_entry("numbers:lotto:100").unwrap().kind, SourceKind::CountedNumbers { count: 100 });
        let text = plan_entry("text:lotto-2026-12-05").unwrap_err();
        assert_eq!(crate::problem::describe(&text).0, "entropy-text-retired");
        for bad in [
            "dice",
            "dice:",
            "dice:Room",
            "dice:r:0",
            "dice:r:5d8",
            "coin:r",
            "text:r:x",
            "drand:r",
            "numbers:r:0",
            "numbers:r:101",
            "numbers:r:six",
            "numbers:r:",
        ] {
            assert!(plan_entry(bad).is_err(), "{bad}");
        }
    }
}
