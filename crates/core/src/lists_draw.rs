//! Version 4 (SPEC §17): leaves that bind their list, one stream per list
//! from the one draw seed, committing several lists and drawing them.
//!
//! WHY one stream per list, keyed by H(tag, draw seed, name), rather than
//! one stream read list after list: with a shared stream, a list's picks
//! would depend on how many words the lists before it consumed, so adding,
//! removing or reordering a list would change every later list's result.
//! Keyed by name, a list's result depends only on the draw seed, its name,
//! its entries and its k + r (SPEC §17.4), which the tests check.

use crate::commit::{check_candidates, leaf_order, plan_pot, Candidate, CommitError, PotPolicy};
use crate::draw::{entropy_digest, picks, revealed_for, role_of, BeaconRecord, DrawError};
use crate::entropy::{check_label, PlanEntry, SourceKind};
use crate::hash::{self, tag, Hash32};
use crate::jcs::JcsError;
use crate::lists::{
    ListDoc, ListResultDoc, ListsCommitment, ListsCommitmentDoc, ListsTranscriptDoc, COMMITMENT_V4, COMMITMENT_V5,
    MAX_LISTS, MIN_LISTS, TRANSCRIPT_V4, TRANSCRIPT_V5,
};
use crate::model::Entry;
use crate::receipts::Receipts;
use crate::select::SelectError;
use crate::wire::{CandidatesDoc, ResultEntryDoc};

/// SPEC §17.3: leaf = H("potdraw/v4/entry", UTF-8(name), UTF-8(NFC(id)), salt).
pub fn leaf(name: &str, id: &str, salt: &[u8; 16]) -> Hash32 {
    hash::h(tag::ENTRY_V4, &[name.as_bytes(), hash::nfc(id).as_bytes(), salt])
}

/// SPEC §17.4: list_seed = H("potdraw/v4/list-seed", draw_seed, UTF-8(name)).
pub fn list_seed(draw_seed: &Hash32, name: &str) -> Hash32 {
    hash::h(tag::LIST_SEED_V4, &[draw_seed, name.as_bytes()])
}

/// SPEC §17.4: the picks of one list (0-based positions in its canonical order).
pub fn list_picks(entries: &[Entry], count: usize, draw_seed: &Hash32, name: &str) -> Result<Vec<usize>, SelectError> {
    picks(entries, count, &list_seed(draw_seed, name))
}

/// SPEC §4.5 for a v4 commitment: H("potdraw/v1/commitment", JCS(body)).
pub fn digest_of(doc: &ListsCommitmentDoc) -> Result<Hash32, JcsError> {
    let body = crate::canon::to_canonical_pieces(doc, Some("digest"))?;
    Ok(hash::h_pieces(tag::COMMITMENT, &body.pieces()))
}

/// SPEC §7.3 for a v4 transcript: H("potdraw/v1/transcript", JCS(transcript)).
pub fn transcript_digest(doc: &ListsTranscriptDoc) -> Result<Hash32, JcsError> {
    let all = crate::canon::to_canonical_pieces(doc, None)?;
    Ok(hash::h_pieces(tag::TRANSCRIPT, &all.pieces()))
}

/// How the organiser sets a list's number of recipients (SPEC §17.6).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleInput {
    Fixed(u64),
    /// The pot's policy, and k if the organiser fixes it (SPEC §7.2).
    Pot(PotPolicy, Option<u64>),
    /// As many as the recipients of the named list.
    Companions(String),
}

/// One list as the organiser gives it.
#[derive(Debug, Clone)]
pub struct ListInput {
    pub name: String,
    /// SPEC §19: the name people call the list by, as typed; `None` when
    /// the organiser gave none.
    pub display: Option<String>,
    pub rule: RuleInput,
    pub reserves: u64,
    pub candidates: Vec<Candidate>,
}

/// Everything a v4 commit needs besides the lists.
#[derive(Debug, Clone)]
pub struct ListsParams {
    pub title: String,
    pub created_at: u64,
    pub plan: Vec<PlanEntry>,
    pub previous: Option<Hash32>,
}

/// The outputs of a v4 commit. `Debug` shows neither seed nor receipts.
#[derive(Clone)]
pub struct CommittedLists {
    pub commitment: ListsCommitmentDoc,
    pub seed: [u8; 32],
    /// One set of receipts per list, in the commitment's order (SPEC §17.8).
    pub receipts: Vec<Receipts>,
}

impl std::fmt::Debug for CommittedLists {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CommittedLists").field("commitment", &self.commitment).field("seed", &"<secret>").finish()
    }
}

/// Why a v4 commitment cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ListsError {
    #[error("{count} lists; a draw with several lists has {MIN_LISTS} to {MAX_LISTS}")]
    ListCount { count: usize },
    #[error(
        "list name {name:?}: expected 1 to 64 characters a-z, 0-9, '.', '_' or '-', starting with a letter or digit"
    )]
    Name { name: String },
    #[error("two lists are named {name:?}")]
    DuplicateName { name: String },
    #[error("list {list:?}: display name {display:?}: {source}")]
    Display { list: String, display: String, source: crate::unicode::DisplayError },
    #[error("lists {first:?} and {list:?} have display names {first_display:?} and {display:?}, which a person cannot tell apart")]
    DisplayTwice { first: String, first_display: String, list: String, display: String },
    #[error("list {list:?} travels with {of:?}, which is not another list of this draw")]
    CompanionsUnknown { list: String, of: String },
    #[error("list {list:?} travels with {of:?}, which itself travels with another list; companions go with a list of a fixed number or a pot")]
    CompanionsChain { list: String, of: String },
    #[error("list {list:?}: a fixed number of recipients must be at least 1")]
    NoRecipients { list: String },
    #[error("id {id:?} is on list {first:?} (line {first_line}) and on list {list:?} (line {line}); a person may be on one list only")]
    IdInTwoLists { id: String, first: String, first_line: u64, list: String, line: u64 },
    #[error(
        "entropy source {label:?} is of kind {kind}; a draw with several lists takes dice, numbers and drand sources"
    )]
    PlanKind { label: String, kind: String },
    #[error("list {list:?}: {source}")]
    List { list: String, source: CommitError },
    #[error(transparent)]
    Plan(CommitError),
}

/// SPEC §17.2–§17.3, §17.8: builds a v4 commitment, its seed and the
/// receipts of every list. `fill` gives the seed first, then each list's
/// salts in list order (a fixed stream makes the fixtures reproducible).
pub fn commit_lists(
    params: &ListsParams,
    lists: Vec<ListInput>,
    fill: &mut dyn FnMut(&mut [u8]),
) -> Result<CommittedLists, ListsError> {
    if !(MIN_LISTS..=MAX_LISTS).contains(&lists.len()) {
        return Err(ListsError::ListCount { count: lists.len() });
    }
    if params.plan.is_empty() {
        return Err(ListsError::Plan(CommitError::EmptyPlan));
    }
    if params.plan.len() > crate::entropy::MAX_PLAN_SOURCES {
        return Err(ListsError::Plan(CommitError::PlanTooLarge { sources: params.plan.len() }));
    }
    if let Some(p) = params.plan.iter().find(|p| matches!(p.kind, SourceKind::Text | SourceKind::Numbers)) {
        return Err(ListsError::PlanKind { label: p.label.clone(), kind: p.kind.name().to_string() });
    }
    for (i, l) in lists.iter().enumerate() {
        if check_label("name", &l.name).is_err() {
            return Err(ListsError::Name { name: l.name.clone() });
        }
        if lists[..i].iter().any(|o| o.name == l.name) {
            return Err(ListsError::DuplicateName { name: l.name.clone() });
        }
    }
    // SPEC §17.6: k of the fixed and pot lists first, then the companions take theirs.
    let mut ks: Vec<Option<(u64, Option<crate::wire::PotDoc>)>> = Vec::with_capacity(lists.len());
    for l in &lists {
        let wrap = |source| ListsError::List { list: l.name.clone(), source };
        ks.push(match &l.rule {
            RuleInput::Fixed(0) => return Err(ListsError::NoRecipients { list: l.name.clone() }),
            RuleInput::Fixed(k) => Some((*k, None)),
            RuleInput::Pot(policy, fixed) => {
                let (pot, k) = plan_pot(*policy, *fixed).map_err(|e| wrap(CommitError::Pot(e)))?;
                Some((k, Some(pot)))
            }
            RuleInput::Companions(_) => None,
        });
    }
    let mut resolved = Vec::with_capacity(lists.len());
    for (i, l) in lists.iter().enumerate() {
        resolved.push(match (&l.rule, &ks[i]) {
            (RuleInput::Companions(of), _) => {
                let unknown = || ListsError::CompanionsUnknown { list: l.name.clone(), of: of.clone() };
                let j = lists.iter().position(|o| &o.name == of).filter(|&j| j != i).ok_or_else(unknown)?;
                let (k, _) =
                    ks[j].clone().ok_or(ListsError::CompanionsChain { list: l.name.clone(), of: of.clone() })?;
                (k, None)
            }
            (_, Some(k_pot)) => k_pot.clone(),
            (_, None) => unreachable!("every list but a companions list has its k"),
        });
    }
    let mut totals = Vec::with_capacity(lists.len());
    for (l, (k, _)) in lists.iter().zip(&resolved) {
        let total = check_candidates(*k, l.reserves, &l.candidates)
            .map_err(|source| ListsError::List { list: l.name.clone(), source })?;
        totals.push(total);
    }
    check_one_list_per_id(&lists)?;

    let displays = displays_of(&lists)?;
    let format = if displays.is_some() { COMMITMENT_V5 } else { COMMITMENT_V4 };
    let mut displays = displays.map(Vec::into_iter);

    let mut seed = [0u8; 32];
    fill(&mut seed);
    let mut docs = Vec::with_capacity(lists.len());
    let mut made = Vec::with_capacity(lists.len());
    for ((l, (k, pot)), total) in lists.into_iter().zip(resolved).zip(totals) {
        let mut salts = vec![[0u8; 16]; l.candidates.len()];
        fill(salts.as_flattened_mut());
        let leaves: Vec<Hash32> = l.candidates.iter().zip(&salts).map(|(c, s)| leaf(&l.name, &c.id, s)).collect();
        let mut entries: Vec<Entry> =
            leaves.iter().zip(&l.candidates).map(|(&leaf, c)| Entry { leaf, weight: c.weight }).collect();
        entries.sort_unstable_by(leaf_order);
        if entries.windows(2).any(|w| w[0].leaf == w[1].leaf) {
            return Err(ListsError::List { list: l.name, source: CommitError::LeafCollision });
        }
        let companions_of = match &l.rule {
            RuleInput::Companions(of) => Some(of.clone()),
            _ => None,
        };
        let rule = match &l.rule {
            RuleInput::Fixed(_) => "fixed",
            RuleInput::Pot(..) => "pot",
            RuleInput::Companions(_) => "companions",
        };
        docs.push(ListDoc {
            name: l.name.clone(),
            display: displays.as_mut().and_then(Iterator::next),
            rule: rule.to_string(),
            pot,
            companions_of,
            recipients: k,
            reserves: l.reserves,
            candidates: CandidatesDoc {
                count: l.candidates.len() as u64,
                total_weight: total.to_string(),
                entries: entries.into(),
            },
        });
        made.push((l.name, l.candidates, salts, leaves));
    }
    let mut doc = ListsCommitmentDoc {
        format: format.to_string(),
        title: params.title.clone(),
        created_at: crate::time::format_utc(params.created_at),
        seed_commitment: hex::encode(hash::seed_commitment(&seed)),
        entropy_plan: params.plan.iter().map(crate::commit::plan_doc).collect(),
        lists: docs,
        previous: params.previous.map(hex::encode),
        digest: String::new(),
    };
    let digest = digest_of(&doc).expect("a commitment built here is within the JCS domain");
    doc.digest = hex::encode(digest);
    let receipts = made
        .into_iter()
        .map(|(name, candidates, salts, leaves)| {
            Receipts::new(params.title.clone(), digest, candidates, salts, leaves).of_list(&name)
        })
        .collect();
    Ok(CommittedLists { commitment: doc, seed, receipts })
}

/// SPEC §19.4: every list's display name when the organiser gave at least
/// one (a list without one is shown by its name), else `None` (v4).
/// Tidied as typed, then held to §19.2; two names that differ only in
/// case are refused, as a person asked for a list could not tell them apart.
fn displays_of(lists: &[ListInput]) -> Result<Option<Vec<String>>, ListsError> {
    if lists.iter().all(|l| l.display.is_none()) {
        return Ok(None);
    }
    let mut out: Vec<String> = Vec::with_capacity(lists.len());
    for l in lists {
        let d = match &l.display {
            Some(typed) => crate::unicode::tidy_display(typed),
            None => l.name.clone(),
        };
        crate::unicode::check_display(&d).map_err(|source| ListsError::Display {
            list: l.name.clone(),
            display: d.clone(),
            source,
        })?;
        if let Some(j) = out.iter().position(|o| o.to_lowercase() == d.to_lowercase()) {
            return Err(ListsError::DisplayTwice {
                first: lists[j].name.clone(),
                first_display: out[j].clone(),
                list: l.name.clone(),
                display: d,
            });
        }
        out.push(d);
    }
    Ok(Some(out))
}

/// SPEC §17.3: the reference tool refuses an id that is on two lists.
fn check_one_list_per_id(lists: &[ListInput]) -> Result<(), ListsError> {
    let mut seen: std::collections::HashMap<&str, (usize, u64)> = std::collections::HashMap::new();
    for (i, l) in lists.iter().enumerate() {
        for c in &l.candidates {
            if let Some(&(j, first_line)) = seen.get(c.id.as_str()) {
                if j != i {
                    return Err(ListsError::IdInTwoLists {
                        id: c.id.clone(),
                        first: lists[j].name.clone(),
                        first_line,
                        list: l.name.clone(),
                        line: c.line,
                    });
                }
            } else {
                seen.insert(&c.id, (i, c.line));
            }
        }
    }
    Ok(())
}

/// SPEC §17.4–§17.5: runs the draw of a v4 commitment. `given` holds
/// (label, value) pairs in any order; `beacons` each drand source's
/// verified round, as for v2 and v3.
pub fn run(
    commitment: &ListsCommitment,
    seed: &[u8; 32],
    given: &[(String, String)],
    beacons: &[(String, BeaconRecord)],
) -> Result<ListsTranscriptDoc, DrawError> {
    let found = hash::seed_commitment(seed);
    if found != commitment.seed_commitment {
        return Err(DrawError::SeedMismatch {
            expected: hex::encode(commitment.seed_commitment),
            found: hex::encode(found),
        });
    }
    let revealed = revealed_for(&commitment.plan, given, beacons)?;
    let values: Vec<&str> = revealed.iter().map(|e| e.value.as_str()).collect();
    let entropy = entropy_digest(&commitment.plan, &values)?;
    let draw_seed = hash::draw_seed(&commitment.digest, seed, &entropy);
    let results = draw_lists(commitment, &draw_seed)?;
    Ok(ListsTranscriptDoc {
        format: if commitment.has_display_names() { TRANSCRIPT_V5 } else { TRANSCRIPT_V4 }.to_string(),
        commitment: commitment.doc.clone(),
        seed: hex::encode(seed),
        entropy: revealed,
        entropy_digest: hex::encode(entropy),
        draw_seed: hex::encode(draw_seed),
        lists: results,
    })
}

/// SPEC §17.4: every list's result for a draw seed, in the commitment's order.
pub fn draw_lists(commitment: &ListsCommitment, draw_seed: &Hash32) -> Result<Vec<ListResultDoc>, SelectError> {
    let mut results = Vec::with_capacity(commitment.doc.lists.len());
    for (i, l) in commitment.doc.lists.iter().enumerate() {
        // Saturating: a sum beyond the entries is refused by the selection, never wrapped.
        let count = usize::try_from(l.recipients.saturating_add(l.reserves)).unwrap_or(usize::MAX);
        let positions = list_picks(commitment.entries(i), count, draw_seed, &l.name)?;
        results.push(ListResultDoc {
            name: l.name.clone(),
            list_seed: hex::encode(list_seed(draw_seed, &l.name)),
            result: result_lines(commitment.entries(i), l.recipients, &positions),
        });
    }
    Ok(results)
}

/// SPEC §17.5: a list's result lines (its `index` counts within the list).
pub fn result_lines(entries: &[Entry], recipients: u64, positions: &[usize]) -> Vec<ResultEntryDoc> {
    positions
        .iter()
        .enumerate()
        .map(|(j, &index)| {
            let (role, rank) = role_of(j, recipients);
            ResultEntryDoc {
                position: j as u64 + 1,
                role: role.name().to_string(),
                rank,
                index: index as u64,
                leaf: hex::encode(entries[index].leaf),
                weight: entries[index].weight,
            }
        })
        .collect()
}

#[cfg(test)]
#[path = "lists_tests.rs"]
mod tests;
