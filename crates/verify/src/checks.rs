//! The checks of SPEC §8, each a small function returning what it
//! established or the first discrepancy.

use crate::reason::AT_MOST;
use crate::{Check, Detail, Draw, Failure, Passed, Report, Skipped, Verified, What};
use potdraw_core::commit::{digest_of, transcript_digests};
use potdraw_core::draw::{entropy_digest, picks, rfc3797_key, rfc3797_picks, role_of};
use potdraw_core::entropy::{value_bytes, SourceKind};
use potdraw_core::error::quote;
use potdraw_core::hash;
use potdraw_core::jcs::JcsError;
use potdraw_core::model::{Commitment, Method, Replay, Transcript};

pub(crate) type Step = Result<Detail, Failure>;

pub(crate) fn fail(check: Check, what: impl Into<What>, expected: impl ToString, found: impl ToString) -> Failure {
    Failure { check, what: what.into(), expected: expected.to_string(), found: found.to_string() }
}

pub(crate) type Steps<'a> = Vec<(Check, Box<dyn FnOnce() -> Step + 'a>)>;

/// Runs `steps` in order until one fails.
pub(crate) fn run(steps: Steps<'_>) -> (Vec<Passed>, Option<Failure>) {
    let mut passed = Vec::new();
    for (check, step) in steps {
        match step() {
            Ok(detail) => passed.push(Passed { check, detail }),
            Err(failure) => return (passed, Some(failure)),
        }
    }
    (passed, None)
}

/// SPEC §8 for a commitment alone (before a draw): format, digest, order, counts, pot.
pub fn verify_commitment(c: Commitment) -> Report<Commitment> {
    let (passed, failure) = run(commitment_steps(&c, digest_of(&c.doc)));
    Report { passed, skipped: Vec::new(), outcome: failure.map_or(Ok(Verified(c)), Err) }
}

/// SPEC §8: every check on a transcript; `published` is the commitment as
/// published before the draw. The transcript moves into the `Verified` value
/// when every check passes, so what was verified is exactly what is used.
pub fn verify_transcript(t: Transcript, published: Option<&Commitment>) -> Report<Draw> {
    verify_transcript_published(t, published.map(Published::One))
}

/// A commitment as published before the draw (SPEC §8.2 step 2), read by its
/// own `format`. One of another layout than the transcript's embedded
/// commitment (a v4 one for a single-list transcript, or the reverse) is a
/// usable document whose digest differs, so `published-commitment` fails
/// (SPEC §17.7 step 2), as for a commitment of the other method (§12.5).
#[derive(Debug, Clone, Copy)]
pub enum Published<'a> {
    /// A commitment of one list: v1, v2, v3 or the RFC 3797 method.
    One(&'a Commitment),
    /// A commitment with several lists (v4, SPEC §17).
    Lists(&'a potdraw_core::lists::ListsCommitment),
}

impl Published<'_> {
    /// The digest the published commitment states.
    pub fn digest(&self) -> &str {
        match self {
            Published::One(c) => &c.doc.digest,
            Published::Lists(c) => &c.doc.digest,
        }
    }
}

/// [`verify_transcript`] with a published commitment of any layout.
pub fn verify_transcript_published(t: Transcript, published: Option<Published<'_>>) -> Report<Draw> {
    // Both digests at once: the commitment's canonical bytes are written once.
    let (commitment_digest, transcript_digest) = transcript_digests(&t.doc);
    let (passed, failure) = run(transcript_steps(&t, published, commitment_digest));
    let skipped = match t.commitment.method {
        Method::PotdrawV1 => Vec::new(),
        Method::Rfc3797 => vec![Skipped {
            check: Check::SeedCommitment,
            why: "not applicable: the RFC 3797 method has no secret seed; the public sources alone fix the result",
        }],
    };
    let outcome = match failure {
        Some(f) => Err(f),
        None => {
            // Every check passed, so every number is within the JCS domain.
            let transcript_digest = transcript_digest.expect("a verified transcript is within the JCS domain");
            Ok(Verified(Draw { transcript: t, transcript_digest, passed: passed.clone(), skipped: skipped.clone() }))
        }
    };
    Report { passed, skipped, outcome }
}

fn transcript_steps<'a>(
    t: &'a Transcript,
    published: Option<Published<'a>>,
    computed: Result<potdraw_core::Hash32, JcsError>,
) -> Steps<'a> {
    let c = &t.commitment;
    let mut steps: Steps<'a> = Vec::new();
    steps.push((
        Check::Format,
        Box::new(|| Ok(Detail::Format { transcript: t.doc.format.clone(), commitment: c.doc.format.clone() })),
    ));
    if let Some(p) = published {
        steps.push((Check::PublishedCommitment, Box::new(move || published_commitment(c, p))));
    }
    steps.extend(commitment_steps(c, computed).into_iter().skip(1));
    if c.method == Method::PotdrawV1 {
        steps.push((Check::SeedCommitment, Box::new(|| seed_commitment(t))));
    }
    steps.push((Check::EntropyPlan, Box::new(|| entropy_plan(t))));
    if c.method == Method::PotdrawV1 && c.version >= potdraw_core::model::Version::V2 {
        steps.push((Check::Beacon, Box::new(|| crate::beacon::beacons(t))));
    }
    steps.push((Check::DrawReplay, Box::new(|| draw_replay(t))));
    steps.push((Check::Result, Box::new(|| result(t))));
    steps
}

/// `computed`: the digest of the commitment's body (SPEC §4.5), computed by the caller.
fn commitment_steps(c: &Commitment, computed: Result<potdraw_core::Hash32, JcsError>) -> Steps<'_> {
    vec![
        (Check::Format, Box::new(|| Ok(Detail::CommitmentFormat { commitment: c.doc.format.clone() }))),
        (Check::CommitmentDigest, Box::new(move || commitment_digest(c, computed))),
        (Check::CanonicalOrder, Box::new(|| canonical_order(c))),
        (Check::Counts, Box::new(|| counts(c))),
        (Check::Pot, Box::new(|| pot(c))),
    ]
}

fn published_commitment(embedded: &Commitment, published: Published<'_>) -> Step {
    let published = match published {
        Published::One(p) => p,
        Published::Lists(p) => {
            return Err(fail(Check::PublishedCommitment, What::PublishedDigest, &p.doc.digest, &embedded.doc.digest))
        }
    };
    if embedded.doc != published.doc {
        let what =
            if embedded.doc.digest != published.doc.digest { What::PublishedDigest } else { What::PublishedMember };
        return Err(fail(Check::PublishedCommitment, what, &published.doc.digest, &embedded.doc.digest));
    }
    Ok(Detail::PublishedCommitment { digest: published.doc.digest.clone() })
}

/// SPEC §8 `commitment-digest`: the digest computed from the body against the one written.
fn commitment_digest(c: &Commitment, computed: Result<potdraw_core::Hash32, JcsError>) -> Step {
    let computed =
        computed.map_err(|e| fail(Check::CommitmentDigest, What::CanonicalEncoding, "JCS-encodable body", e))?;
    if computed != c.digest {
        let tag = match c.method {
            Method::PotdrawV1 => hash::tag::COMMITMENT,
            Method::Rfc3797 => hash::tag::RFC3797_COMMITMENT,
        };
        return Err(fail(
            Check::CommitmentDigest,
            What::CommitmentDigest { tag },
            hex::encode(computed),
            &c.doc.digest,
        ));
    }
    Ok(Detail::CommitmentDigest { digest: c.doc.digest.clone() })
}

fn canonical_order(c: &Commitment) -> Step {
    canonical_order_of(c.entries())
}

/// SPEC §8.2 `canonical-order` for one list of entries.
pub(crate) fn canonical_order_of(entries: &[potdraw_core::model::Entry]) -> Step {
    for (i, pair) in entries.windows(2).enumerate() {
        if pair[0].leaf >= pair[1].leaf {
            return Err(fail(
                Check::CanonicalOrder,
                What::Order { index: i as u64 + 1 },
                format!("a leaf greater than {}", hex::encode(pair[0].leaf)),
                hex::encode(pair[1].leaf),
            ));
        }
    }
    Ok(Detail::CanonicalOrder { entries: entries.len() as u64 })
}

fn counts(c: &Commitment) -> Step {
    let d = &c.doc;
    counts_of(c.entries(), &d.candidates, c.total_weight, (d.recipients, d.reserves), "commitment")
}

/// SPEC §8.2 `counts` for one list: its entries, its `candidates` as
/// written, the total parsed from it, and its k and r; `at` is the object
/// holding them (`commitment`, or a v4 list, SPEC §17.7).
pub(crate) fn counts_of(
    entries: &[potdraw_core::model::Entry],
    candidates: &potdraw_core::wire::CandidatesDoc,
    total_weight: u64,
    (recipients, reserves): (u64, u64),
    at: &str,
) -> Step {
    let n = entries.len() as u64;
    if candidates.count != n {
        return Err(fail(Check::Counts, format!("{at}.candidates.count"), n, candidates.count));
    }
    let sum = entries.iter().try_fold(0u64, |acc, e| acc.checked_add(e.weight));
    match sum {
        Some(s) if s == total_weight => {}
        Some(s) => {
            return Err(fail(Check::Counts, format!("{at}.candidates.total_weight"), s, &candidates.total_weight))
        }
        None => return Err(fail(Check::Counts, What::WeightSum, "a total below 2^64", "an overflow")),
    }
    if recipients < 1 {
        return Err(fail(Check::Counts, format!("{at}.recipients"), "at least 1", recipients));
    }
    // SPEC §7.7: the sum computed without overflow (in 128 bits, where it is exact).
    let picks = u128::from(recipients) + u128::from(reserves);
    if picks > u128::from(n) {
        return Err(fail(Check::Counts, What::TooManyPicks, format!("{AT_MOST}{n}"), picks));
    }
    Ok(Detail::Counts { entries: n, total_weight, recipients, reserves })
}

fn pot(c: &Commitment) -> Step {
    pot_of(&c.doc.pot, c.doc.recipients, "commitment")
}

/// SPEC §8.2 `pot` for a pot and its k; `at` is the object holding them
/// (`commitment`, or a v4 list, SPEC §17.7).
pub(crate) fn pot_of(p: &potdraw_core::wire::PotDoc, k: u64, at: &str) -> Step {
    let f =
        |what: &str, expected: String, found: u64| Err(fail(Check::Pot, format!("{at}.pot.{what}"), expected, found));
    // The product in 128 bits: exact, so the message never shows a wrapped amount.
    let grant = u128::from(p.grant_monthly_cents) * u128::from(p.grant_months);
    if grant != u128::from(p.grant_cents) || p.grant_cents == 0 {
        return f("grant_cents", format!("grant_monthly_cents × grant_months = {grant}, not 0"), p.grant_cents);
    }
    if p.min_recipients < 1 || p.min_recipients > p.max_recipients {
        return f(
            "min_recipients",
            format!("1 ≤ min_recipients ≤ max_recipients ({})", p.max_recipients),
            p.min_recipients,
        );
    }
    if k < p.min_recipients || k > p.max_recipients {
        return Err(fail(
            Check::Pot,
            format!("{at}.recipients"),
            format!("{}..={}", p.min_recipients, p.max_recipients),
            k,
        ));
    }
    let paid = k.checked_mul(p.grant_cents).filter(|&x| x <= p.amount_cents);
    let Some(paid) = paid else {
        return Err(fail(Check::Pot, What::PotTooSmall, format!("{AT_MOST}{}", p.amount_cents), "more"));
    };
    if p.surplus_cents != p.amount_cents - paid {
        return f(
            "surplus_cents",
            format!("amount_cents − recipients × grant_cents = {}", p.amount_cents - paid),
            p.surplus_cents,
        );
    }
    Ok(Detail::Pot {
        grants: k,
        grant_cents: p.grant_cents,
        amount_cents: p.amount_cents,
        surplus_cents: p.surplus_cents,
    })
}

pub(crate) fn seed_commitment(t: &Transcript) -> Step {
    let (Replay::PotdrawV1 { seed, .. }, Some(committed)) = (&t.replay, t.commitment.seed_commitment) else {
        return Err(fail(Check::SeedCommitment, "transcript.seed", "a seed and a seed commitment", "none"));
    };
    let found = hash::seed_commitment(seed);
    if found != committed {
        return Err(fail(Check::SeedCommitment, What::SeedCommitment, hex::encode(committed), hex::encode(found)));
    }
    Ok(Detail::SeedCommitment)
}

fn entropy_plan(t: &Transcript) -> Step {
    entropy_plan_of(&t.commitment.plan, &t.entropy)
}

/// SPEC §8.2 `entropy-plan` for a plan and the revealed values (v4 too, SPEC §17.7).
pub(crate) fn entropy_plan_of(
    plan: &[potdraw_core::entropy::PlanEntry],
    entropy: &[potdraw_core::model::Revealed],
) -> Step {
    let labels = |xs: Vec<&str>| xs.join(", ");
    if plan.len() != entropy.len() {
        return Err(fail(
            Check::EntropyPlan,
            What::EntropySources,
            labels(plan.iter().map(|p| p.label.as_str()).collect()),
            labels(entropy.iter().map(|e| e.label.as_str()).collect()),
        ));
    }
    for (i, (p, e)) in plan.iter().zip(entropy).enumerate() {
        if p.label != e.label || p.kind.name() != e.kind {
            return Err(fail(
                Check::EntropyPlan,
                format!("transcript.entropy[{i}]"),
                format!("{} ({})", quote(&p.label), p.kind.name()),
                format!("{} ({})", quote(&e.label), quote(&e.kind)),
            ));
        }
        value_bytes(&format!("transcript.entropy[{i}].value"), &p.kind, &e.value)
            .map_err(|fe| fail(Check::EntropyPlan, fe.field, fe.expected, fe.found))?;
        if e.beacon.is_some() && !matches!(p.kind, SourceKind::Drand(_)) {
            return Err(fail(
                Check::EntropyPlan,
                format!("transcript.entropy[{i}]"),
                "no \"round\", \"signature\" or \"previous_signature\" (only drand sources have them)",
                "drand members",
            ));
        }
    }
    Ok(Detail::EntropyPlan { sources: plan.len() as u64 })
}

fn draw_replay(t: &Transcript) -> Step {
    let c = &t.commitment;
    let values: Vec<&str> = t.entropy.iter().map(|e| e.value.as_str()).collect();
    // Saturating: `counts` has bounded the sum by the entries; a larger one is refused by the selection.
    let count = usize::try_from(c.doc.recipients.saturating_add(c.doc.reserves)).unwrap_or(usize::MAX);
    let (replay, detail) = match &t.replay {
        Replay::PotdrawV1 { seed, entropy_digest: recorded_entropy, draw_seed: recorded_seed } => {
            let entropy = entropy_digest(&c.plan, &values)
                .map_err(|fe| fail(Check::DrawReplay, fe.field, fe.expected, fe.found))?;
            let recorded = |m: &Option<String>| m.clone().unwrap_or_default();
            if entropy != *recorded_entropy {
                return Err(fail(
                    Check::DrawReplay,
                    "transcript.entropy_digest",
                    hex::encode(entropy),
                    recorded(&t.doc.entropy_digest),
                ));
            }
            let draw_seed = hash::draw_seed(&c.digest, seed, &entropy);
            if draw_seed != *recorded_seed {
                return Err(fail(
                    Check::DrawReplay,
                    "transcript.draw_seed",
                    hex::encode(draw_seed),
                    recorded(&t.doc.draw_seed),
                ));
            }
            let replay = picks(c.entries(), count, &draw_seed)
                .map_err(|e| fail(Check::DrawReplay, What::Selection, "a valid list", e))?;
            (replay, Detail::DrawReplay { picks: count as u64, draw_seed: hex::encode(draw_seed) })
        }
        Replay::Rfc3797 { key: recorded } => {
            let key = rfc3797_key(&values).map_err(|fe| fail(Check::DrawReplay, fe.field, fe.expected, fe.found))?;
            if key != *recorded {
                return Err(fail(Check::DrawReplay, "transcript.key (RFC 3797 §4)", quote(&key), quote(recorded)));
            }
            let replay = rfc3797_picks(&key, c.entries().len(), count as u64)
                .map_err(|e| fail(Check::DrawReplay, What::Selection, "a valid list", e))?;
            (replay, Detail::DrawReplayRfc3797 { picks: count as u64, key })
        }
    };
    if t.result.len() != count {
        return Err(fail(Check::DrawReplay, What::ResultCount, count, t.result.len()));
    }
    for (i, (&want, got)) in replay.iter().zip(&t.result).enumerate() {
        if want as u64 != got.index {
            return Err(fail(Check::DrawReplay, format!("transcript.result[{i}].index"), want, got.index));
        }
    }
    Ok(detail)
}

fn result(t: &Transcript) -> Step {
    let c = &t.commitment;
    for (i, r) in t.result.iter().enumerate() {
        let at = |m: &str| format!("transcript.result[{i}].{m}");
        let (role, rank) = role_of(i, c.doc.recipients);
        if r.position != i as u64 + 1 {
            return Err(fail(Check::Result, at("position"), i + 1, r.position));
        }
        if r.role != role {
            return Err(fail(Check::Result, at("role"), role.name(), r.role.name()));
        }
        if r.rank != rank {
            return Err(fail(Check::Result, at("rank"), rank, r.rank));
        }
        // draw-replay has shown index < number of entries.
        let e = c.entries()[r.index as usize];
        if r.leaf != e.leaf {
            return Err(fail(Check::Result, at("leaf"), hex::encode(e.leaf), hex::encode(r.leaf)));
        }
        if r.weight != e.weight {
            return Err(fail(Check::Result, at("weight"), e.weight, r.weight));
        }
    }
    Ok(Detail::Result { recipients: c.doc.recipients, reserves: c.doc.reserves })
}

#[cfg(test)]
mod tests {
    use super::*;
    use potdraw_core::parse;

    /// SPEC §8 `canonical-order` names the first entry out of order.
    #[test]
    fn order_names_the_first_entry_out_of_place() {
        let json = include_bytes!("../../../fixtures/example/commitment.json");
        let mut c = parse::commitment(json).unwrap();
        assert!(canonical_order(&c).is_ok());
        fn entries(c: &mut potdraw_core::model::Commitment) -> &mut potdraw_core::wire::Entries {
            &mut std::sync::Arc::make_mut(&mut c.doc).candidates.entries
        }
        entries(&mut c).edit(|e| e.swap(3, 4));
        let f = canonical_order(&c).unwrap_err();
        assert_eq!(f.what, What::Order { index: 4 });
        assert_eq!(f.found, hex::encode(c.entries()[4].leaf));
        entries(&mut c).edit(|e| e[1] = e[0].clone());
        assert_eq!(canonical_order(&c).unwrap_err().what, What::Order { index: 1 });
    }
}
