//! What each check of a verification established, and why one failed or
//! was skipped, in the words of the run's language (SPEC §8, §17.7).
//!
//! WHY apart from [`crate::render`]: these sentences are the one part of
//! `verify`'s output that grows with every check and every version; the
//! rest of `render` lays out documents and tickets. `render` re-exports
//! them, so every caller keeps its path.

use crate::i18n::Lang;
use crate::render::{counted, status, Noun};
use crate::t;
use potdraw_core::unicode::visible;
use potdraw_verify::{Check, Detail, Failure, Passed, Skipped, What};

/// One sentence for what a passed check established (SPEC §8), in `lang`.
pub fn detail_text(lang: Lang, d: &Detail) -> String {
    detail_named(lang, d, &crate::shown::Names::default())
}

/// [`detail_text`] with each list as people call it (SPEC §19.3).
pub fn detail_named(lang: Lang, d: &Detail, names: &crate::shown::Names) -> String {
    match d {
        Detail::Format { transcript, commitment } => {
            t!(lang, "verify.detail.format", transcript = transcript, commitment = commitment)
        }
        Detail::CommitmentFormat { commitment } => commitment.clone(),
        Detail::PublishedCommitment { digest } => t!(lang, "verify.detail.published-commitment", digest = digest),
        Detail::CommitmentDigest { digest } => digest.clone(),
        Detail::CanonicalOrder { entries } => {
            t!(lang, "verify.detail.canonical-order", entries = counted(lang, Noun::Tickets, *entries))
        }
        Detail::Counts { entries, total_weight, recipients, reserves } => t!(
            lang,
            "verify.detail.counts",
            entries = counted(lang, Noun::Tickets, *entries),
            total_weight = potdraw_core::money::group(*total_weight, &lang.t("format.thousands", &[])),
            recipients = counted(lang, Noun::Recipients, *recipients),
            reserves = counted(lang, Noun::Reserves, *reserves)
        ),
        Detail::Pot { grants, grant_cents, amount_cents, surplus_cents } => t!(
            lang,
            "verify.detail.pot",
            grants = counted(lang, Noun::Grants, *grants),
            grant = lang.money(*grant_cents),
            amount = lang.money(*amount_cents),
            surplus = lang.money(*surplus_cents)
        ),
        Detail::SeedCommitment => t!(lang, "verify.detail.seed-commitment"),
        Detail::EntropyPlan { sources: 1 } => t!(lang, "verify.detail.entropy-plan.one", sources = 1),
        Detail::EntropyPlan { sources } => t!(lang, "verify.detail.entropy-plan.other", sources = sources),
        Detail::DrawReplay { picks, draw_seed } => {
            t!(lang, "verify.detail.draw-replay", picks = counted(lang, Noun::Picks, *picks), draw_seed = draw_seed)
        }
        Detail::DrawReplayRfc3797 { picks, key } => {
            t!(lang, "verify.detail.draw-replay-rfc3797", picks = counted(lang, Noun::Picks, *picks), key = key)
        }
        Detail::Beacon { rounds } if rounds.is_empty() => t!(lang, "verify.detail.beacon-none"),
        Detail::Beacon { rounds } if rounds.len() == 1 => {
            t!(lang, "verify.detail.beacon.one", rounds = rounds.join(", "))
        }
        Detail::Beacon { rounds } => t!(lang, "verify.detail.beacon.other", rounds = rounds.join(", ")),
        Detail::Result { recipients, reserves } => t!(
            lang,
            "verify.detail.result",
            recipients = counted(lang, Noun::Recipients, *recipients),
            reserves = counted(lang, Noun::Reserves, *reserves)
        ),
        Detail::ListReplay { picks, list_seed } => {
            t!(lang, "verify.detail.list-replay", picks = counted(lang, Noun::Picks, *picks), list_seed = list_seed)
        }
        Detail::PerList(lists) if lists.is_empty() => t!(lang, "verify.detail.per-list-none"),
        Detail::PerList(lists) => lists
            .iter()
            .map(|(name, d)| {
                t!(lang, "verify.detail.per-list", list = names.shown(name), detail = detail_named(lang, d, names))
            })
            .collect::<Vec<_>>()
            .join("; "),
        Detail::Companions { pairs } if pairs.is_empty() => t!(lang, "verify.detail.companions-none"),
        Detail::Companions { pairs } => pairs
            .iter()
            .map(|(list, of, k)| {
                let key = if *k == 1 { "verify.detail.companions.one" } else { "verify.detail.companions.other" };
                lang.t(key, &[("list", &names.shown(list)), ("of", &names.shown(of)), ("pairs", k)])
            })
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// What a failed check found wrong, in `lang`; field paths stay as written.
pub fn what_text(lang: Lang, w: &What) -> String {
    match w {
        What::Field(path) => t!(lang, "verify.what.field", field = visible(path)),
        What::PublishedDigest => t!(lang, "verify.what.published-digest"),
        What::PublishedMember => t!(lang, "verify.what.published-member"),
        What::CanonicalEncoding => t!(lang, "verify.what.canonical-encoding"),
        What::CommitmentDigest { tag } => t!(lang, "verify.what.commitment-digest", tag = tag),
        What::Order { index } => {
            t!(lang, "verify.what.order", index = index, before = index.saturating_sub(1))
        }
        What::WeightSum => t!(lang, "verify.what.weight-sum"),
        What::TooManyPicks => t!(lang, "verify.what.too-many-picks"),
        What::PotTooSmall => t!(lang, "verify.what.pot-too-small"),
        What::SeedCommitment => t!(lang, "verify.what.seed-commitment"),
        What::EntropySources => t!(lang, "verify.what.entropy-sources"),
        What::Selection => t!(lang, "verify.what.selection"),
        What::ResultCount => t!(lang, "verify.what.result-count"),
        What::InList { number, name, what } => {
            t!(lang, "verify.what.in-list", number = number, list = visible(name), what = what_text(lang, what))
        }
        What::ListCount => t!(lang, "verify.what.list-count"),
    }
}

/// Why a check does not apply to a method, in `lang`.
pub fn skipped_text(lang: Lang, k: &Skipped) -> String {
    match k.check {
        Check::SeedCommitment => t!(lang, "verify.skipped.seed-commitment"),
        _ => k.why.to_string(),
    }
}

/// The passed checks, with any check the method does not have at its place in the order.
pub(crate) fn passed_lines(lang: Lang, passed: &[Passed], skipped: &[Skipped]) -> String {
    passed_named(lang, passed, skipped, &crate::shown::Names::default())
}

/// [`passed_lines`] with each list as people call it (SPEC §19.3).
pub(crate) fn passed_named(lang: Lang, passed: &[Passed], skipped: &[Skipped], names: &crate::shown::Names) -> String {
    let mut s = String::new();
    for check in Check::ALL {
        if let Some(p) = passed.iter().find(|p| p.check == check) {
            let st = status(lang, "verify.status.ok");
            s.push_str(&format!("  {st} {:<21} {}\n", p.check.id(), detail_named(lang, &p.detail, names)));
        } else if let Some(k) = skipped.iter().find(|k| k.check == check) {
            let st = status(lang, "verify.status.not-applicable");
            s.push_str(&format!("  {st} {:<21} {}\n", k.check.id(), skipped_text(lang, k)));
        }
    }
    s
}

/// The failed check: what was wrong, and the expected and found values.
pub fn failure_lines(lang: Lang, f: &Failure) -> String {
    let (expected, found) = (t!(lang, "verify.expected"), t!(lang, "verify.found"));
    let width = expected.chars().count().max(found.chars().count()) + 1;
    let st = status(lang, "verify.status.failed");
    format!(
        "  {st} {:<21} {}\n          {:<width$} {}\n          {:<width$} {}\n",
        f.check.id(),
        what_text(lang, &f.what),
        format!("{expected}:"),
        value_text(lang, &f.expected),
        format!("{found}:"),
        value_text(lang, &f.found)
    )
}

/// An expected or found value in `lang`: the verify crate's fixed phrases
/// ([`potdraw_verify::PHRASES`], `at most N`) are translated, values are not.
pub fn value_text(lang: Lang, value: &str) -> String {
    if let Some((_, key)) = potdraw_verify::PHRASES.iter().find(|(english, _)| *english == value) {
        return lang.t(&format!("verify.phrase.{key}"), &[]);
    }
    // potdraw_core::jcs's error for an integer JCS cannot encode exactly.
    let unsafe_integer = value
        .strip_prefix("integer ")
        .and_then(|v| v.strip_suffix(" is outside the exactly representable range 0..=2^53-1"))
        .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit() || b == b'-'));
    if let Some(n) = unsafe_integer {
        return t!(lang, "verify.phrase.unsafe-integer", n = n);
    }
    match value.strip_prefix(potdraw_verify::AT_MOST) {
        Some(n) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => t!(lang, "verify.phrase.at-most", n = n),
        // SPEC §2.4: a value from the document may hold anything; shown marked.
        _ => visible(value),
    }
}
