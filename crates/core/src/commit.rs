//! Building a commitment (SPEC §4, §7.2, §7.4): pot arithmetic, salted
//! leaves in canonical order, the seed commitment, the digest, and one
//! receipt per candidate. No I/O: randomness comes in as a fill function so
//! the CLI can use the operating system's CSPRNG and the fixture generator a
//! fixed stream.

use crate::entropy::{PlanEntry, SourceKind};
use crate::hash::{self, Hash32};
use crate::jcs;
use crate::model::{Entry, Version, MAX_WEIGHT};
use crate::money::MAX_CENTS;
use crate::receipts::Receipts;
use crate::wire::*;
use std::hash::BuildHasher;

/// The pot's money and policy, all in cents (SPEC §7.2 `pot`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PotPolicy {
    pub amount_cents: u64,
    pub grant_monthly_cents: u64,
    pub grant_months: u64,
    pub min_recipients: u64,
    pub max_recipients: u64,
}

impl Default for PotPolicy {
    /// €1,000 a month for 12 months, 5 to 9 recipients; the amount is the organiser's.
    fn default() -> Self {
        PotPolicy {
            amount_cents: 0,
            grant_monthly_cents: 100_000,
            grant_months: 12,
            min_recipients: 5,
            max_recipients: 9,
        }
    }
}

/// Why the pot does not allow a draw.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PotError {
    #[error("a grant of {monthly_cents} cents a month for {months} months is not a positive amount below 2^53 cents")]
    Grant { monthly_cents: u64, months: u64 },
    #[error("the policy needs 1 <= minimum <= maximum recipients; found minimum {min}, maximum {max}")]
    Bounds { min: u64, max: u64 },
    #[error("the pot of {pot_cents} cents pays {affordable} grants of {grant_cents} cents; the minimum is {min}, so {missing_cents} cents are missing")]
    TooSmall { pot_cents: u64, grant_cents: u64, affordable: u64, min: u64, missing_cents: u64 },
    #[error("{k} recipients were asked for; expected between {min} and {max}")]
    OutOfBounds { k: u64, min: u64, max: u64 },
    #[error("{k} recipients need {needed_cents} cents but the pot holds {pot_cents} cents")]
    Unaffordable { k: u64, needed_cents: u64, pot_cents: u64 },
    /// `grants` grants (the fixed recipients, or the policy's minimum, named
    /// by `of`) cost more than [`MAX_CENTS`]: no pot can pay them, and the
    /// amount they would need has no exact number to show.
    #[error("{grants} grants ({of}) of {grant_cents} cents come to more than {MAX_CENTS} cents, the largest amount")]
    TooManyGrants { grants: u64, grant_cents: u64, of: &'static str },
}

/// SPEC §7.2: k = min(floor(pot / grant), max) unless fixed; the pot must pay at least `min` grants.
pub fn plan_pot(policy: PotPolicy, fixed: Option<u64>) -> Result<(PotDoc, u64), PotError> {
    let grant = policy
        .grant_monthly_cents
        .checked_mul(policy.grant_months)
        .filter(|&g| g > 0 && g <= MAX_CENTS)
        .ok_or(PotError::Grant { monthly_cents: policy.grant_monthly_cents, months: policy.grant_months })?;
    let (min, max) = (policy.min_recipients, policy.max_recipients);
    if min < 1 || min > max {
        return Err(PotError::Bounds { min, max });
    }
    let affordable = policy.amount_cents / grant;
    // `grants` grants in cents, or the error naming them: every product of a
    // count and an amount is checked, never wrapped (issue 15).
    let cost = |grants: u64, of: &'static str| {
        grants.checked_mul(grant).filter(|&c| c <= MAX_CENTS).ok_or(PotError::TooManyGrants {
            grants,
            grant_cents: grant,
            of,
        })
    };
    let k = match fixed {
        Some(k) if k < min || k > max => return Err(PotError::OutOfBounds { k, min, max }),
        Some(k) if k > affordable => {
            let needed_cents = cost(k, "recipients")?;
            return Err(PotError::Unaffordable { k, needed_cents, pot_cents: policy.amount_cents });
        }
        Some(k) => k,
        None if affordable < min => {
            let needed_cents = cost(min, "min_recipients")?;
            return Err(PotError::TooSmall {
                pot_cents: policy.amount_cents,
                grant_cents: grant,
                affordable,
                min,
                missing_cents: needed_cents - policy.amount_cents,
            });
        }
        None => affordable.min(max),
    };
    // k <= affordable = floor(amount / grant), so k × grant <= amount.
    let paid = cost(k, "recipients")?;
    let pot = PotDoc {
        amount_cents: policy.amount_cents,
        grant_monthly_cents: policy.grant_monthly_cents,
        grant_months: policy.grant_months,
        grant_cents: grant,
        min_recipients: min,
        max_recipients: max,
        surplus_cents: policy.amount_cents - paid,
    };
    Ok((pot, k))
}

/// One candidate as read from the organiser's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Trimmed and NFC-normalised.
    pub id: String,
    pub weight: u64,
    /// Line of the input where the candidate was read (for receipts and errors).
    pub line: u64,
    /// Every other column, kept only in the private receipt.
    pub columns: Vec<(String, String)>,
}

/// Everything `commit` needs besides the candidates.
#[derive(Debug, Clone)]
pub struct CommitParams {
    pub title: String,
    pub created_at: u64,
    pub pot: PotPolicy,
    pub recipients: Option<u64>,
    pub reserves: u64,
    pub plan: Vec<PlanEntry>,
    /// SPEC §14.3: the digest of the organiser's previous commitment; when
    /// set, the commitment is written as v3 (the only version with the link).
    pub previous: Option<Hash32>,
}

/// The outputs of `commit`: public document, secret seed, private receipts.
/// `Debug` shows neither the seed nor the receipts (they are secret until the draw).
#[derive(Clone)]
pub struct Committed {
    pub commitment: CommitmentDoc,
    pub seed: [u8; 32],
    pub receipts: Receipts,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CommitError {
    #[error(transparent)]
    Pot(#[from] PotError),
    #[error("{needed} candidates are needed ({recipients} recipients + {reserves} reserves) but the list has {found}")]
    TooFewCandidates { needed: u64, recipients: u64, reserves: u64, found: u64 },
    #[error("line {line}: id {id:?} was already used on line {first_line}")]
    DuplicateId { id: String, line: u64, first_line: u64 },
    #[error("line {line}: weight {weight} is outside 1..={MAX_WEIGHT}")]
    Weight { line: u64, weight: u64 },
    #[error("the total weight of the list does not fit in 64 bits")]
    TotalOverflow,
    #[error("the entropy plan is empty; announce at least one public source")]
    EmptyPlan,
    #[error("two candidates received the same hash; run commit again")]
    LeafCollision,
    #[error("line {line}: weight {weight}, but the RFC 3797 method is unweighted: every candidate has weight 1 (leave the weight column out, or use --method potdraw-v1)")]
    Weighted { line: u64, weight: u64 },
    #[error("entropy source {label:?} is of kind {kind}, but the RFC 3797 method takes only numbers:LABEL sources")]
    NotNumbers { label: String, kind: String },
    #[error("{picks} recipients + reserves; the RFC 3797 method allows at most {} picks", crate::rfc3797::MAX_PICKS)]
    TooManyPicks { picks: u64 },
    /// Recipients + reserves above 2^64 − 1: no list is that long.
    #[error("{recipients} recipients + {reserves} reserves do not fit in 64 bits")]
    PicksOverflow { recipients: u64, reserves: u64 },
    #[error("{sources} entropy sources; a plan has at most {} (SPEC §5.1)", crate::entropy::MAX_PLAN_SOURCES)]
    PlanTooLarge { sources: usize },
}

impl std::fmt::Debug for Committed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Committed")
            .field("commitment", &self.commitment)
            .field("seed", &"<secret>")
            .field("receipts", &self.receipts)
            .finish()
    }
}

impl std::fmt::Debug for CommittedRfc3797 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CommittedRfc3797")
            .field("commitment", &self.commitment)
            .field("receipts", &self.receipts)
            .finish()
    }
}

/// SPEC §7.2 / §7.4: builds the commitment, seed and receipts. The
/// candidates move into the receipts, which are made from them when written.
pub fn commit(
    params: &CommitParams,
    candidates: Vec<Candidate>,
    fill: &mut dyn FnMut(&mut [u8]),
) -> Result<Committed, CommitError> {
    let (pot, k, total) = check_list(params, &candidates)?;
    let mut seed = [0u8; 32];
    fill(&mut seed);
    let seed_commitment = Some(hex::encode(hash::seed_commitment(&seed)));
    let format = match params.previous {
        Some(_) => Version::V3.formats().0,
        None => format_of(&params.plan).0,
    };
    let (commitment, receipts) = build(params, candidates, fill, (pot, k, total), format, seed_commitment)?;
    Ok(Committed { commitment, seed, receipts })
}

/// SPEC §10: the lowest version that can express a plan, so that every plan
/// v1 or v2 could express is written byte for byte as before: a `numbers`
/// source needs v3 (SPEC §14), a drand source v2 (SPEC §13.5), anything else v1.
pub fn format_of(plan: &[PlanEntry]) -> (&'static str, &'static str) {
    let version = if plan.iter().any(|p| matches!(p.kind, SourceKind::CountedNumbers { .. })) {
        Version::V3
    } else if plan.iter().any(|p| matches!(p.kind, SourceKind::Drand(_))) {
        Version::V2
    } else {
        Version::V1
    };
    version.formats()
}

/// The outputs of `commit` for the RFC 3797 method: no seed (SPEC §12.2).
/// `Debug` does not show the receipts.
#[derive(Clone)]
pub struct CommittedRfc3797 {
    pub commitment: CommitmentDoc,
    pub receipts: Receipts,
}

/// SPEC §12.2: the commitment of the RFC 3797 method: every weight 1, every
/// planned source of kind "numbers", no seed. Salts, leaves, the canonical
/// order and receipts are as in v1.
pub fn commit_rfc3797(
    params: &CommitParams,
    candidates: Vec<Candidate>,
    fill: &mut dyn FnMut(&mut [u8]),
) -> Result<CommittedRfc3797, CommitError> {
    // SPEC §12.9: counted numbers make rfc3797-v2; numbers without a count
    // (rfc3797-v1, kept for the published example) cannot be mixed with them.
    let counted = params.plan.iter().any(|p| matches!(p.kind, SourceKind::CountedNumbers { .. }));
    let refused = |p: &&PlanEntry| match p.kind {
        SourceKind::CountedNumbers { .. } => false,
        SourceKind::Numbers => counted,
        _ => true,
    };
    if let Some(p) = params.plan.iter().find(refused) {
        return Err(CommitError::NotNumbers { label: p.label.clone(), kind: p.kind.name().to_string() });
    }
    let format = if counted { COMMITMENT_RFC3797_V2 } else { COMMITMENT_RFC3797 };
    if let Some(c) = candidates.iter().find(|c| c.weight != 1) {
        return Err(CommitError::Weighted { line: c.line, weight: c.weight });
    }
    let (pot, k, total) = check_list(params, &candidates)?;
    // check_list has refused a sum that does not fit.
    let picks = k.saturating_add(params.reserves);
    if picks > crate::rfc3797::MAX_PICKS {
        return Err(CommitError::TooManyPicks { picks });
    }
    let (commitment, receipts) = build(params, candidates, fill, (pot, k, total), format, None)?;
    Ok(CommittedRfc3797 { commitment, receipts })
}

/// The checks before any randomness is drawn: pot, plan, list size, ids, weights.
fn check_list(params: &CommitParams, candidates: &[Candidate]) -> Result<(PotDoc, u64, u64), CommitError> {
    let (pot, k) = plan_pot(params.pot, params.recipients)?;
    if params.plan.is_empty() {
        return Err(CommitError::EmptyPlan);
    }
    if params.plan.len() > crate::entropy::MAX_PLAN_SOURCES {
        return Err(CommitError::PlanTooLarge { sources: params.plan.len() });
    }
    let total = check_candidates(k, params.reserves, candidates)?;
    Ok((pot, k, total))
}

/// The list's size against k + r, unique ids and weights; the total weight.
pub(crate) fn check_candidates(k: u64, reserves: u64, candidates: &[Candidate]) -> Result<u64, CommitError> {
    let needed = k.checked_add(reserves).ok_or(CommitError::PicksOverflow { recipients: k, reserves })?;
    if (candidates.len() as u64) < needed {
        return Err(CommitError::TooFewCandidates { needed, recipients: k, reserves, found: candidates.len() as u64 });
    }
    // Indices into the list by id: 8 bytes a slot where a map of (id, line)
    // took 24, so a table of ten million misses the cache less often.
    let hasher = foldhash::fast::RandomState::default();
    let mut seen = hashbrown::HashTable::<usize>::with_capacity(candidates.len());
    let mut total: u64 = 0;
    for (i, c) in candidates.iter().enumerate() {
        let hash = hasher.hash_one(c.id.as_str());
        if let Some(&first) = seen.find(hash, |&j| candidates[j].id == c.id) {
            let first_line = candidates[first].line;
            return Err(CommitError::DuplicateId { id: c.id.clone(), line: c.line, first_line });
        }
        seen.insert_unique(hash, i, |&j| hasher.hash_one(candidates[j].id.as_str()));
        if !(1..=MAX_WEIGHT).contains(&c.weight) {
            return Err(CommitError::Weight { line: c.line, weight: c.weight });
        }
        total = total.checked_add(c.weight).ok_or(CommitError::TotalOverflow)?;
    }
    Ok(total)
}

/// Salts, leaves in canonical order, the document with its digest, and the receipts.
fn build(
    params: &CommitParams,
    candidates: Vec<Candidate>,
    fill: &mut dyn FnMut(&mut [u8]),
    (pot, k, total): (PotDoc, u64, u64),
    format: &str,
    seed_commitment: Option<String>,
) -> Result<(CommitmentDoc, Receipts), CommitError> {
    // One call for every salt: consecutive 16-byte pieces of the fill's
    // stream, the same bytes as one call per salt for a stream such as
    // ChaCha20 or the OS CSPRNG, without a million system calls.
    let mut salts = vec![[0u8; 16]; candidates.len()];
    fill(salts.as_flattened_mut());
    let leaves: Vec<Hash32> = candidates.iter().zip(&salts).map(|(c, s)| hash::leaf(&c.id, s)).collect();
    // SPEC §4.3: ascending by leaf. The entries themselves are sorted (no
    // indices to follow into the leaves: at ten million, every comparison
    // was two cache misses), first by the leaf's first 8 bytes as a number,
    // which is the bytes' order, then by the whole leaf where those agree.
    let mut entries: Vec<Entry> =
        leaves.iter().zip(&candidates).map(|(&leaf, c)| Entry { leaf, weight: c.weight }).collect();
    entries.sort_unstable_by(leaf_order);
    if entries.windows(2).any(|w| w[0].leaf == w[1].leaf) {
        return Err(CommitError::LeafCollision);
    }

    let mut doc = CommitmentDoc {
        format: format.to_string(),
        title: params.title.clone(),
        created_at: crate::time::format_utc(params.created_at),
        pot,
        recipients: k,
        reserves: params.reserves,
        seed_commitment,
        entropy_plan: params.plan.iter().map(plan_doc).collect(),
        candidates: CandidatesDoc {
            count: candidates.len() as u64,
            total_weight: total.to_string(),
            entries: entries.into(),
        },
        previous: params.previous.map(hex::encode),
        digest: String::new(),
    };
    let digest = digest_of(&doc).expect("a commitment built here is within the JCS domain");
    doc.digest = hex::encode(digest);

    let receipts = Receipts::new(params.title.clone(), digest, candidates, salts, leaves);
    Ok((doc, receipts))
}

/// SPEC §4.3: the order of two entries' leaves (their bytes' order), by
/// the first 8 bytes as one number and only then by the rest.
pub(crate) fn leaf_order(a: &Entry, b: &Entry) -> std::cmp::Ordering {
    let prefix = |e: &Entry| u64::from_be_bytes(e.leaf[..8].try_into().expect("32 bytes"));
    prefix(a).cmp(&prefix(b)).then_with(|| a.leaf.cmp(&b.leaf))
}

/// SPEC §4.5 and §7.3 together, for verifying a transcript: the digest its
/// embedded commitment should carry, and the transcript's own digest.
///
/// WHY: the embedded commitment is nearly all of a transcript's bytes. Its
/// canonical bytes are written once and hashed twice, on two threads (the
/// two hashes are independent), instead of being written once per digest.
/// `digest_of` and `to_canonical_pieces` of the whole transcript are the
/// reference; tests compare.
pub fn transcript_digests(doc: &TranscriptDoc) -> (Result<Hash32, jcs::JcsError>, Result<Hash32, jcs::JcsError>) {
    let commitment =
        match crate::canon::to_canonical_pieces_sized(&*doc.commitment, None, canonical_size(&doc.commitment)) {
            Ok(c) => c,
            Err(e) => return (Err(e.clone()), Err(e)),
        };
    let rest = crate::canon::to_canonical_pieces(doc, Some("commitment"));
    let ctag = if is_rfc3797_commitment(&doc.commitment.format) {
        hash::tag::RFC3797_COMMITMENT
    } else {
        hash::tag::COMMITMENT
    };
    let ttag = if is_rfc3797_transcript(&doc.format) { hash::tag::RFC3797_TRANSCRIPT } else { hash::tag::TRANSCRIPT };
    let body = commitment.pieces_with(Some("digest"), None);
    let transcript =
        || rest.map(|rest| hash::h_pieces(ttag, &rest.pieces_with(None, Some(("commitment", commitment.pieces())))));
    // A second thread pays off only for a large list: starting one costs
    // about as much as hashing 100 KB, and an audit verifies thousands of
    // small transcripts one after another (issue 20: 10,000 threads for
    // 10,000 transcripts of 24 tickets). The digests are the same either way.
    if doc.commitment.candidates.entries.len() < PARALLEL_DIGESTS_FROM {
        return (Ok(hash::h_pieces(ctag, &body)), transcript());
    }
    let (commitment_digest, transcript_digest) = crate::par::join(|| hash::h_pieces(ctag, &body), transcript);
    (Ok(commitment_digest), transcript_digest)
}

/// From how many entries the two digests of a transcript are hashed on two
/// threads (about 1 MB of canonical bytes each).
const PARALLEL_DIGESTS_FROM: usize = 10_000;

/// Room for a commitment's canonical bytes: an entry is at most 96 bytes
/// (`{"leaf":"…64 digits…","weight":4294967295},`), the rest is small. A
/// larger document (long titles, a malformed leaf) grows the buffer as usual;
/// untouched room costs no memory.
fn canonical_size(doc: &CommitmentDoc) -> usize {
    64 * 1024 + 96 * doc.candidates.entries.len()
}

/// SPEC §4.5: the digest a commitment document should carry; its tag
/// follows the format (SPEC §12.2 for the RFC 3797 method).
pub fn digest_of(doc: &CommitmentDoc) -> Result<Hash32, jcs::JcsError> {
    // The body's canonical bytes, written without a Value tree and hashed in
    // pieces (the same bytes as jcs::canonicalize(&doc.body_value()); canon's
    // tests and tests/fast_paths.rs compare them).
    let body = crate::canon::to_canonical_pieces_sized(doc, Some("digest"), canonical_size(doc))?;
    let tag = if is_rfc3797_commitment(&doc.format) { hash::tag::RFC3797_COMMITMENT } else { hash::tag::COMMITMENT };
    Ok(hash::h_pieces(tag, &body.pieces()))
}

/// SPEC §7.2: how a plan entry is written.
pub fn plan_doc(p: &PlanEntry) -> PlanEntryDoc {
    PlanEntryDoc {
        label: p.label.clone(),
        kind: p.kind.name().to_string(),
        dice: match p.kind {
            SourceKind::Dice { count, .. } => Some(count),
            _ => None,
        },
        faces: match p.kind {
            SourceKind::Dice { faces, .. } => Some(faces),
            _ => None,
        },
        count: match p.kind {
            SourceKind::CountedNumbers { count } => Some(count),
            _ => None,
        },
        round: match &p.kind {
            SourceKind::Drand(d) => Some(d.round),
            _ => None,
        },
        chain: match &p.kind {
            SourceKind::Drand(d) => Some(DrandChainDoc {
                beacon_id: d.beacon_id.clone(),
                hash: hex::encode(d.hash),
                scheme: d.scheme.clone(),
                public_key: hex::encode(&d.public_key),
                genesis_time: d.genesis_time,
                period: d.period,
                group_hash: hex::encode(d.group_hash),
            }),
            _ => None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `leaf_order` is the leaves' byte order, also where the first 8 bytes agree.
    #[test]
    fn leaf_order_is_the_byte_order() {
        let entry = |leaf: Hash32| Entry { leaf, weight: 1 };
        let mut leaves: Vec<Hash32> = Vec::new();
        for (i, b) in [0u8, 1, 0x7f, 0x80, 0xff].into_iter().enumerate() {
            let mut l = [0x55u8; 32];
            l[i % 8] = b; // differs within the first 8 bytes
            leaves.push(l);
            let mut l = [0x55u8; 32];
            l[8 + i * 3] = b; // the first 8 bytes agree: decided by the rest
            leaves.push(l);
        }
        leaves.push([0; 32]);
        leaves.push([0xff; 32]);
        for a in &leaves {
            for b in &leaves {
                assert_eq!(leaf_order(&entry(*a), &entry(*b)), a.cmp(b), "{} {}", hex::encode(a), hex::encode(b));
            }
        }
    }

    fn policy(amount_cents: u64) -> PotPolicy {
        PotPolicy { amount_cents, ..PotPolicy::default() }
    }

    #[test]
    fn recipients_follow_from_the_pot() {
        let (pot, k) = plan_pot(policy(6_500_000), None).unwrap();
        assert_eq!((k, pot.grant_cents, pot.surplus_cents), (5, 1_200_000, 500_000));
        assert_eq!(plan_pot(policy(200_000_000), None).unwrap().1, 9);
        assert_eq!(
            plan_pot(policy(5_000_000), None),
            Err(PotError::TooSmall {
                pot_cents: 5_000_000,
                grant_cents: 1_200_000,
                affordable: 4,
                min: 5,
                missing_cents: 1_000_000
            })
        );
    }

    #[test]
    fn fixed_recipients_are_bounded_and_affordable() {
        assert_eq!(plan_pot(policy(12_000_000), Some(6)).unwrap().1, 6);
        assert!(matches!(plan_pot(policy(12_000_000), Some(10)), Err(PotError::OutOfBounds { .. })));
        assert_eq!(
            plan_pot(policy(6_000_000), Some(6)),
            Err(PotError::Unaffordable { k: 6, needed_cents: 7_200_000, pot_cents: 6_000_000 })
        );
        let wide = PotPolicy { min_recipients: 50, max_recipients: 350, ..policy(420_000_000) };
        assert_eq!(plan_pot(wide, None).unwrap().1, 350);
    }
}

#[cfg(test)]
#[path = "commit_tests.rs"]
mod commit_tests;
