//! Running the draw (SPEC §5, §6, §7.3): from a commitment, the revealed
//! seed and the announced entropy values to the ordered result. The same
//! functions replay the draw in the verify crate.

use crate::entropy::SourceKind;
use crate::entropy::{value_bytes, PlanEntry};
use crate::error::{quote, FieldError};
use crate::hash::{self, Hash32};
use crate::model::{Commitment, Entry, Method, Role};
use crate::rfc3797::{self, Rfc3797Error};
use crate::select::{select, SelectError};
use crate::stream::DrawStream;
use crate::wire::{EntropyValueDoc, ResultEntryDoc, TranscriptDoc};

/// SPEC §13.5: what a v2 transcript records of a drand round besides its
/// randomness. The caller (the CLI) has verified the signature before the
/// draw; the `beacon` check verifies it again on every replay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BeaconRecord {
    pub round: u64,
    /// Lowercase hex.
    pub signature: String,
    /// Lowercase hex; chained schemes only.
    pub previous_signature: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DrawError {
    #[error("the seed does not match the commitment: expected H(seed) = {expected}, found {found}")]
    SeedMismatch { expected: String, found: String },
    #[error("entropy {label:?} was not announced in the commitment's plan (announced: {announced})")]
    Unannounced { label: String, announced: String },
    #[error("entropy {label:?} was given more than once")]
    Repeated { label: String },
    #[error("no value given for the announced entropy source {label:?} ({kind})")]
    Missing { label: String, kind: String },
    #[error(transparent)]
    Value(#[from] FieldError),
    #[error(transparent)]
    Select(#[from] SelectError),
    #[error(transparent)]
    Rfc3797(#[from] Rfc3797Error),
    #[error("no verified beacon given for the drand source {label:?}")]
    MissingBeacon { label: String },
    #[error("this commitment uses the method {found}, not {expected}")]
    WrongMethod { expected: &'static str, found: &'static str },
}

/// SPEC §5.1–§5.2: the entropy digest of values given in plan order.
pub fn entropy_digest(plan: &[PlanEntry], values: &[&str]) -> Result<Hash32, FieldError> {
    let mut sources = Vec::with_capacity(plan.len());
    for (i, (p, v)) in plan.iter().zip(values).enumerate() {
        sources.push((p.kind.name(), value_bytes(&format!("entropy[{i}].value ({})", p.label), &p.kind, v)?));
    }
    Ok(hash::entropy_digest(&sources))
}

/// SPEC §6.3: positions (0-based, canonical order) of the k + r picks.
pub fn picks(entries: &[Entry], count: usize, draw_seed: &Hash32) -> Result<Vec<usize>, SelectError> {
    let weights: Vec<u64> = entries.iter().map(|e| e.weight).collect();
    select(&mut DrawStream::new(draw_seed), &weights, count)
}

/// SPEC §7.3: how pick i (0-based) of a draw with k recipients is written.
pub fn role_of(i: usize, recipients: u64) -> (Role, u64) {
    let i = i as u64;
    if i < recipients {
        (Role::Recipient, i + 1)
    } else {
        (Role::Reserve, i - recipients + 1)
    }
}

/// Checks `given` (label, value pairs in any order) against the plan and
/// returns the values in plan order, as the transcript records them.
fn revealed(
    commitment: &Commitment,
    given: &[(String, String)],
    beacons: &[(String, BeaconRecord)],
) -> Result<Vec<EntropyValueDoc>, DrawError> {
    revealed_for(&commitment.plan, given, beacons)
}

/// [`revealed`] for a plan (a v4 commitment's too, SPEC §17).
pub(crate) fn revealed_for(
    plan: &[PlanEntry],
    given: &[(String, String)],
    beacons: &[(String, BeaconRecord)],
) -> Result<Vec<EntropyValueDoc>, DrawError> {
    let announced = || plan.iter().map(|p| p.label.as_str()).collect::<Vec<_>>().join(", ");
    for (i, (label, _)) in given.iter().enumerate() {
        if !plan.iter().any(|p| &p.label == label) {
            return Err(DrawError::Unannounced { label: label.clone(), announced: announced() });
        }
        if given[..i].iter().any(|(l, _)| l == label) {
            return Err(DrawError::Repeated { label: label.clone() });
        }
    }
    let mut revealed = Vec::with_capacity(plan.len());
    for p in plan {
        let (_, v) = given
            .iter()
            .find(|(l, _)| *l == p.label)
            .ok_or_else(|| DrawError::Missing { label: p.label.clone(), kind: p.kind.name().to_string() })?;
        let bytes = value_bytes(&format!("entropy {}", quote(&p.label)), &p.kind, v)?;
        let mut doc = match &p.kind {
            SourceKind::Drand(_) => EntropyValueDoc::plain(&p.label, "drand", hex::encode(&bytes)),
            _ => EntropyValueDoc::plain(&p.label, p.kind.name(), String::from_utf8(bytes).expect("UTF-8 values")),
        };
        if let SourceKind::Drand(_) = p.kind {
            let (_, b) = beacons
                .iter()
                .find(|(l, _)| *l == p.label)
                .ok_or_else(|| DrawError::MissingBeacon { label: p.label.clone() })?;
            doc.round = Some(b.round);
            doc.signature = Some(b.signature.clone());
            doc.previous_signature = b.previous_signature.clone();
        }
        revealed.push(doc);
    }
    Ok(revealed)
}

/// SPEC §7.3: the result lines of the picks (0-based positions in canonical order).
fn result_lines(commitment: &Commitment, positions: &[usize]) -> Vec<ResultEntryDoc> {
    let k = commitment.doc.recipients;
    positions
        .iter()
        .enumerate()
        .map(|(i, &index)| {
            let (role, rank) = role_of(i, k);
            let e = commitment.entries()[index];
            ResultEntryDoc {
                position: i as u64 + 1,
                role: role.name().to_string(),
                rank,
                index: index as u64,
                leaf: hex::encode(e.leaf),
                weight: e.weight,
            }
        })
        .collect()
}

/// Runs the draw; `given` holds (label, value) pairs in any order.
pub fn run(commitment: &Commitment, seed: &[u8; 32], given: &[(String, String)]) -> Result<TranscriptDoc, DrawError> {
    run_with_beacons(commitment, seed, given, &[])
}

/// Runs the draw of a v1 or v2 commitment. For each drand source, `given`
/// holds its randomness (64 hex characters) and `beacons` the verified round
/// it came from, both under the source's label (SPEC §13.5).
pub fn run_with_beacons(
    commitment: &Commitment,
    seed: &[u8; 32],
    given: &[(String, String)],
    beacons: &[(String, BeaconRecord)],
) -> Result<TranscriptDoc, DrawError> {
    let Some(committed) = commitment.seed_commitment else {
        return Err(DrawError::WrongMethod { expected: Method::PotdrawV1.name(), found: commitment.method.name() });
    };
    let found = hash::seed_commitment(seed);
    if found != committed {
        return Err(DrawError::SeedMismatch { expected: hex::encode(committed), found: hex::encode(found) });
    }
    let revealed = revealed(commitment, given, beacons)?;
    let value_refs: Vec<&str> = revealed.iter().map(|e| e.value.as_str()).collect();
    let entropy = entropy_digest(&commitment.plan, &value_refs)?;
    let draw_seed = hash::draw_seed(&commitment.digest, seed, &entropy);
    // Saturating: a sum beyond the entries is refused by `picks`, never wrapped.
    let count =
        usize::try_from(commitment.doc.recipients.saturating_add(commitment.doc.reserves)).unwrap_or(usize::MAX);
    let positions = picks(commitment.entries(), count, &draw_seed)?;
    Ok(TranscriptDoc {
        format: commitment.version.formats().1.to_string(),
        commitment: commitment.doc.clone(),
        seed: Some(hex::encode(seed)),
        entropy: revealed,
        entropy_digest: Some(hex::encode(entropy)),
        draw_seed: Some(hex::encode(draw_seed)),
        key: None,
        result: result_lines(commitment, &positions),
    })
}

/// SPEC §12.4: the key string of the revealed values, in plan order.
pub fn rfc3797_key(values: &[&str]) -> Result<String, FieldError> {
    let mut sources = Vec::with_capacity(values.len());
    for (i, v) in values.iter().enumerate() {
        sources.push(rfc3797::parse_numbers(&format!("entropy[{i}].value"), v)?);
    }
    Ok(rfc3797::key(&sources))
}

/// SPEC §12.4: positions (0-based, canonical order) of the k + r picks of the RFC 3797 method.
pub fn rfc3797_picks(key: &str, entries: usize, count: u64) -> Result<Vec<usize>, Rfc3797Error> {
    Ok(rfc3797::select(key, entries as u64, count)?.iter().map(|s| s.index as usize).collect())
}

/// SPEC §12.4: runs an RFC 3797 draw; no seed. `given` holds (label, value) pairs in any order.
pub fn run_rfc3797(commitment: &Commitment, given: &[(String, String)]) -> Result<TranscriptDoc, DrawError> {
    if commitment.method != Method::Rfc3797 {
        return Err(DrawError::WrongMethod { expected: Method::Rfc3797.name(), found: commitment.method.name() });
    }
    let revealed = revealed(commitment, given, &[])?;
    let value_refs: Vec<&str> = revealed.iter().map(|e| e.value.as_str()).collect();
    let key = rfc3797_key(&value_refs)?;
    // Saturating: a sum beyond the entries is refused by `rfc3797_picks`, never wrapped.
    let count = commitment.doc.recipients.saturating_add(commitment.doc.reserves);
    let positions = rfc3797_picks(&key, commitment.entries().len(), count)?;
    Ok(TranscriptDoc {
        format: crate::model::formats(Method::Rfc3797, commitment.version).1.to_string(),
        commitment: commitment.doc.clone(),
        seed: None,
        entropy: revealed,
        entropy_digest: None,
        draw_seed: None,
        key: Some(key),
        result: result_lines(commitment, &positions),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SPEC §7.3: picks 1..=k are recipients 1..=k, then reserves 1, 2, … in order.
    #[test]
    fn roles_and_ranks_follow_the_pick_order() {
        let k = 3;
        let got: Vec<(Role, u64)> = (0..6).map(|i| role_of(i, k)).collect();
        let want = [(Role::Recipient, 1), (Role::Recipient, 2), (Role::Recipient, 3)]
            .into_iter()
            .chain([(Role::Reserve, 1), (Role::Reserve, 2), (Role::Reserve, 3)])
            .collect::<Vec<_>>();
        assert_eq!(got, want);
        assert_eq!(role_of(0, 0), (Role::Reserve, 1));
    }

    /// The picks are the selection of SPEC §6.3 on the draw stream: as many as asked, all distinct.
    #[test]
    fn picks_are_as_many_as_asked_and_distinct() {
        let entries: Vec<Entry> = (0..20u8).map(|i| Entry { leaf: [i; 32], weight: 1 + u64::from(i % 3) }).collect();
        let p = picks(&entries, 8, &[7; 32]).unwrap();
        assert_eq!(p.len(), 8);
        let mut sorted = p.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), 8);
        assert!(p.iter().all(|&i| i < 20));
        assert_ne!(p, picks(&entries, 8, &[8; 32]).unwrap(), "another draw seed, another draw");
        assert!(picks(&entries, 21, &[7; 32]).is_err());
    }
}
