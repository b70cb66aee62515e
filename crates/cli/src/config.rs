//! Stage two of argument handling: raw flags → validated configurations.
//! Every error names the flag, what it expects and what it was given.

use crate::args::{CommitArgs, DrawArgs};
use crate::problem;
use anyhow::Result;
use potdraw_core::commit::{CommitParams, PotPolicy};
use potdraw_core::entropy::{check_label, PlanEntry, SourceKind, DIE_FACES, MAX_DICE};
use potdraw_core::model::Method;
use potdraw_core::money::parse_euros;
use std::path::PathBuf;

/// The number of dice when the plan says just `dice:LABEL`.
pub const DEFAULT_DICE: u64 = 20;

#[derive(Debug, Clone)]
pub struct CommitConfig {
    pub candidates: PathBuf,
    pub out: PathBuf,
    pub method: Method,
    pub params: CommitParams,
    pub force: bool,
}

#[derive(Debug, Clone)]
pub struct DrawConfig {
    pub commitment: PathBuf,
    /// Required for potdraw-v1 and refused for rfc3797; `draw` checks it
    /// against the method the commitment records.
    pub seed: Option<PathBuf>,
    pub entropy: Vec<(String, String)>,
    pub out: PathBuf,
    pub force: bool,
}

pub fn commit(a: CommitArgs) -> Result<CommitConfig> {
    let euros = |flag: &str, text: &str| {
        parse_euros(text).map_err(|e| problem!("usage-amount", flag = flag, found = format!("{:?}", e.found)))
    };
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
    let mut plan: Vec<PlanEntry> = Vec::new();
    for spec in &a.entropy {
        let entry = plan_entry(spec)?;
        match (method, &entry.kind) {
            (Method::Rfc3797, SourceKind::Numbers)
            | (Method::PotdrawV1, SourceKind::Dice { .. } | SourceKind::Text) => {}
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
    let pot = PotPolicy {
        amount_cents: euros("pot", &a.pot)?,
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
    };
    Ok(CommitConfig { candidates: a.candidates, out: a.out, method, params, force: a.force })
}

/// RFC 3797 numbers as people type them ("2, 5, 12 8 10") in the stored
/// form of SPEC §12.3: the same numbers separated by single spaces.
pub fn normalise_numbers(value: &str) -> String {
    value.split(|c: char| c.is_whitespace() || c == ',').filter(|n| !n.is_empty()).collect::<Vec<_>>().join(" ")
}

/// `dice:LABEL`, `dice:LABEL:COUNT`, `dice:LABEL:COUNTdFACES`, `text:LABEL` or `numbers:LABEL`.
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
        ("text", None) => SourceKind::Text,
        ("numbers", None) => SourceKind::Numbers,
        ("drand", _) => return Err(problem!("entropy-drand", spec = quoted)),
        _ => return Err(usage()),
    };
    Ok(PlanEntry { label: label.to_string(), kind })
}

pub fn draw(a: DrawArgs) -> Result<DrawConfig> {
    let mut entropy = Vec::new();
    for e in &a.entropy {
        let Some((label, value)) = e.split_once('=') else {
            return Err(problem!("entropy-value-format", found = format!("{e:?}")));
        };
        entropy.push((label.trim().to_string(), value.to_string()));
    }
    Ok(DrawConfig { commitment: a.commitment, seed: a.seed, entropy, out: a.out, force: a.force })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_specs() {
        assert_eq!(plan_entry("dice:room").unwrap().kind, SourceKind::Dice { count: 20, faces: 6 });
        assert_eq!(plan_entry("dice:room:15d10").unwrap().kind, SourceKind::Dice { count: 15, faces: 10 });
        assert_eq!(plan_entry("dice:room:8").unwrap().kind, SourceKind::Dice { count: 8, faces: 6 });
        assert_eq!(plan_entry("text:lotto-2026-12-05").unwrap().kind, SourceKind::Text);
        assert_eq!(plan_entry("numbers:lotto").unwrap().kind, SourceKind::Numbers);
        for bad in
            ["dice", "dice:", "dice:Room", "dice:r:0", "dice:r:5d8", "coin:r", "text:r:x", "drand:r", "numbers:r:6"]
        {
            assert!(plan_entry(bad).is_err(), "{bad}");
        }
    }
}
