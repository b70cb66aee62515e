//! The checks of a version 4 transcript (SPEC §17.7): the twelve checks of
//! §8.2 plus `companions`, each run list by list in the commitment's order,
//! and the participant check for v4 (SPEC §17.9).
//!
//! WHY the same check names and the same per-list functions as v1: an
//! auditor reading a v4 report meets the checks they know, and a v4 list is
//! checked by exactly the code that checks a v1 list (`counts_of`,
//! `pot_of`, `canonical_order_of`, the selection). What is new here is only
//! the loop over lists, the list seeds, and the `companions` rule.

use crate::beacon::beacons_of;
use crate::checks::{canonical_order_of, counts_of, entropy_plan_of, fail, pot_of, run, Step, Steps};
use crate::{Check, Detail, Failure, Passed, Published, Report, Verified, What};
use potdraw_core::draw::{entropy_digest, role_of};
use potdraw_core::hash::{self, Hash32};
use potdraw_core::lists::{ListsCommitment, ListsTranscript, Rule};
use potdraw_core::lists_draw::{digest_of, leaf, list_picks, list_seed, transcript_digest};
use potdraw_core::model::Role;

/// A verified v4 draw: the transcript and its digest (SPEC §7.3).
#[derive(Debug, Clone)]
pub struct ListsDraw {
    pub transcript: ListsTranscript,
    pub transcript_digest: Hash32,
    pub passed: Vec<Passed>,
}

/// Wraps a failure of list `i` so that it names the list (SPEC §17.7).
fn in_list(i: usize, name: &str, f: Failure) -> Failure {
    let what = What::InList { number: i as u64 + 1, name: name.to_string(), what: Box::new(f.what) };
    Failure { what, ..f }
}

/// Runs `each` on every list in order; the details by name, or the first
/// failure naming its list.
fn per_list(c: &ListsCommitment, mut each: impl FnMut(usize) -> Option<Step>) -> Step {
    let mut details = Vec::new();
    for (i, l) in c.doc.lists.iter().enumerate() {
        match each(i) {
            Some(Ok(d)) => details.push((l.name.clone(), d)),
            Some(Err(f)) => return Err(in_list(i, &l.name, f)),
            None => {}
        }
    }
    Ok(Detail::PerList(details))
}

fn commitment_steps(c: &ListsCommitment) -> Steps<'_> {
    vec![
        (Check::Format, Box::new(|| Ok(Detail::CommitmentFormat { commitment: c.doc.format.clone() }))),
        (Check::CommitmentDigest, Box::new(|| commitment_digest(c))),
        (Check::CanonicalOrder, Box::new(|| per_list(c, |i| Some(canonical_order_of(c.entries(i)))))),
        (
            Check::Counts,
            Box::new(|| {
                per_list(c, |i| {
                    let l = &c.doc.lists[i];
                    let at = format!("commitment.lists[{i}]");
                    let total = c.lists[i].total_weight;
                    Some(counts_of(c.entries(i), &l.candidates, total, (l.recipients, l.reserves), &at))
                })
            }),
        ),
        (
            Check::Pot,
            Box::new(|| {
                per_list(c, |i| {
                    let l = &c.doc.lists[i];
                    l.pot.as_ref().map(|p| pot_of(p, l.recipients, &format!("commitment.lists[{i}]")))
                })
            }),
        ),
        (Check::Companions, Box::new(|| companions(c))),
    ]
}

/// SPEC §17.7 for a v4 commitment alone: format, digest, order, counts, pot, companions.
pub fn verify_lists_commitment(c: ListsCommitment) -> Report<ListsCommitment> {
    let (passed, failure) = run(commitment_steps(&c));
    Report { passed, skipped: Vec::new(), outcome: failure.map_or(Ok(Verified(c)), Err) }
}

/// SPEC §17.7: every check of a v4 transcript; `published` is the
/// commitment as published before the draw.
pub fn verify_lists_transcript(t: ListsTranscript, published: Option<&ListsCommitment>) -> Report<ListsDraw> {
    verify_lists_transcript_published(t, published.map(Published::Lists))
}

/// [`verify_lists_transcript`] with a published commitment of any layout
/// (SPEC §17.7 step 2: one of another layout fails `published-commitment`).
pub fn verify_lists_transcript_published(t: ListsTranscript, published: Option<Published<'_>>) -> Report<ListsDraw> {
    let (passed, failure) = {
        let c = &t.commitment;
        let mut steps: Steps<'_> = vec![(
            Check::Format,
            Box::new(|| Ok(Detail::Format { transcript: t.doc.format.clone(), commitment: c.doc.format.clone() })),
        )];
        if let Some(p) = published {
            steps.push((Check::PublishedCommitment, Box::new(move || published_commitment(c, p))));
        }
        steps.extend(commitment_steps(c).into_iter().skip(1));
        steps.push((Check::SeedCommitment, Box::new(|| seed_commitment(&t))));
        steps.push((Check::EntropyPlan, Box::new(|| entropy_plan_of(&c.plan, &t.entropy))));
        steps.push((Check::Beacon, Box::new(|| beacons_of(&c.plan, &t.entropy))));
        steps.push((Check::DrawReplay, Box::new(|| draw_replay(&t))));
        steps.push((Check::Result, Box::new(|| result(&t))));
        run(steps)
    };
    let outcome = match failure {
        Some(f) => Err(f),
        None => {
            // Every check passed, so every number is within the JCS domain.
            let transcript_digest = transcript_digest(&t.doc).expect("a verified transcript is within the JCS domain");
            Ok(Verified(ListsDraw { transcript: t, transcript_digest, passed: passed.clone() }))
        }
    };
    Report { passed, skipped: Vec::new(), outcome }
}

fn published_commitment(embedded: &ListsCommitment, published: Published<'_>) -> Step {
    let published = match published {
        Published::Lists(p) => p,
        Published::One(p) => {
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

fn commitment_digest(c: &ListsCommitment) -> Step {
    let computed = digest_of(&c.doc)
        .map_err(|e| fail(Check::CommitmentDigest, What::CanonicalEncoding, "JCS-encodable body", e))?;
    if computed != c.digest {
        let what = What::CommitmentDigest { tag: hash::tag::COMMITMENT };
        return Err(fail(Check::CommitmentDigest, what, hex::encode(computed), &c.doc.digest));
    }
    Ok(Detail::CommitmentDigest { digest: c.doc.digest.clone() })
}

/// SPEC §17.7 step 7: each companions list names another list of a fixed
/// number or a pot, and has as many recipients.
fn companions(c: &ListsCommitment) -> Step {
    let mut pairs = Vec::new();
    for (i, l) in c.lists.iter().enumerate() {
        let Rule::Companions(of) = &l.rule else { continue };
        let at = format!("commitment.lists[{i}].companions_of");
        let f =
            |expected: String, found: String| in_list(i, &l.name, fail(Check::Companions, at.clone(), expected, found));
        let Some((j, x)) = c.find(of).filter(|(j, _)| *j != i) else {
            return Err(f("the name of another list of this commitment".into(), format!("\"{of}\"")));
        };
        if !matches!(c.lists[j].rule, Rule::Fixed | Rule::Pot) {
            return Err(f(
                format!("a list whose rule is \"fixed\" or \"pot\" (\"{of}\" has rule \"{}\")", x.rule),
                format!("\"{of}\""),
            ));
        }
        let k = c.doc.lists[i].recipients;
        if k != x.recipients {
            let at = format!("commitment.lists[{i}].recipients");
            return Err(in_list(i, &l.name, fail(Check::Companions, at, x.recipients, k)));
        }
        pairs.push((l.name.clone(), of.clone(), k));
    }
    Ok(Detail::Companions { pairs })
}

fn seed_commitment(t: &ListsTranscript) -> Step {
    let found = hash::seed_commitment(&t.seed);
    if found != t.commitment.seed_commitment {
        let expected = hex::encode(t.commitment.seed_commitment);
        return Err(fail(Check::SeedCommitment, What::SeedCommitment, expected, hex::encode(found)));
    }
    Ok(Detail::SeedCommitment)
}

/// SPEC §17.7 step 11: the entropy digest, the draw seed, then each list's
/// name, list seed and picks.
fn draw_replay(t: &ListsTranscript) -> Step {
    let c = &t.commitment;
    let values: Vec<&str> = t.entropy.iter().map(|e| e.value.as_str()).collect();
    let entropy =
        entropy_digest(&c.plan, &values).map_err(|fe| fail(Check::DrawReplay, fe.field, fe.expected, fe.found))?;
    if entropy != t.entropy_digest {
        return Err(fail(Check::DrawReplay, "transcript.entropy_digest", hex::encode(entropy), &t.doc.entropy_digest));
    }
    let draw_seed = hash::draw_seed(&c.digest, &t.seed, &entropy);
    if draw_seed != t.draw_seed {
        return Err(fail(Check::DrawReplay, "transcript.draw_seed", hex::encode(draw_seed), &t.doc.draw_seed));
    }
    if t.lists.len() != c.lists.len() {
        return Err(fail(Check::DrawReplay, What::ListCount, c.lists.len(), t.lists.len()));
    }
    let mut details = Vec::new();
    for (i, (l, r)) in c.doc.lists.iter().zip(&t.lists).enumerate() {
        let f = |what: What, expected: String, found: String| {
            Err(in_list(i, &l.name, fail(Check::DrawReplay, what, expected, found)))
        };
        let at = |m: &str| What::Field(format!("transcript.lists[{i}].{m}"));
        if r.name != l.name {
            return f(at("name"), format!("\"{}\"", l.name), potdraw_core::error::quote(&r.name));
        }
        let seed = list_seed(&draw_seed, &l.name);
        if seed != r.list_seed {
            return f(at("list_seed"), hex::encode(seed), t.doc.lists[i].list_seed.clone());
        }
        // Saturating: `counts` has bounded the sum by the entries.
        let count = usize::try_from(l.recipients.saturating_add(l.reserves)).unwrap_or(usize::MAX);
        let replay = list_picks(c.entries(i), count, &draw_seed, &l.name)
            .map_err(|e| in_list(i, &l.name, fail(Check::DrawReplay, What::Selection, "a valid list", e)))?;
        if r.result.len() != count {
            return f(What::ResultCount, count.to_string(), r.result.len().to_string());
        }
        for (j, (&want, got)) in replay.iter().zip(&r.result).enumerate() {
            if want as u64 != got.index {
                return f(at(&format!("result[{j}].index")), want.to_string(), got.index.to_string());
            }
        }
        details.push((l.name.clone(), Detail::ListReplay { picks: count as u64, list_seed: hex::encode(seed) }));
    }
    Ok(Detail::PerList(details))
}

/// SPEC §17.7 step 12: each list's result lines against its entries.
fn result(t: &ListsTranscript) -> Step {
    let c = &t.commitment;
    per_list(c, |i| {
        let l = &c.doc.lists[i];
        for (j, r) in t.lists[i].result.iter().enumerate() {
            let at = |m: &str| format!("transcript.lists[{i}].result[{j}].{m}");
            let (role, rank) = role_of(j, l.recipients);
            let e = c.entries(i)[r.index as usize]; // draw-replay has shown index < entries
            let mismatch = if r.position != j as u64 + 1 {
                Some((at("position"), (j + 1).to_string(), r.position.to_string()))
            } else if r.role != role {
                Some((at("role"), role.name().to_string(), r.role.name().to_string()))
            } else if r.rank != rank {
                Some((at("rank"), rank.to_string(), r.rank.to_string()))
            } else if r.leaf != e.leaf {
                Some((at("leaf"), hex::encode(e.leaf), hex::encode(r.leaf)))
            } else if r.weight != e.weight {
                Some((at("weight"), e.weight.to_string(), r.weight.to_string()))
            } else {
                None
            };
            if let Some((what, expected, found)) = mismatch {
                return Some(Err(fail(Check::Result, what, expected, found)));
            }
        }
        Some(Ok(Detail::Result { recipients: l.recipients, reserves: l.reserves }))
    })
}

/// Where a ticket stands in a verified v4 draw (SPEC §17.9).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListTicket {
    NotInDraw,
    InDraw {
        /// The list's name (`None` for the one list of a draw of one list,
        /// which has no name) and its position in the commitment.
        list: Option<String>,
        list_index: usize,
        weight: u64,
        outcome: crate::Outcome,
        /// For a recipient of a companions list: the list travelled with,
        /// and the place (SPEC §17.6).
        companion_of: Option<(String, u64)>,
        /// For any ticket of a companions list (recipient, reserve or not
        /// drawn): the list it travels with, so that no reader calls a
        /// companion's reserve place a reserve place for a grant.
        companions_list: Option<String>,
    },
}

impl Verified<ListsDraw> {
    /// SPEC §17.9: the ticket `leaf` of the list at `list_index`.
    pub fn ticket_in(&self, list_index: usize, leaf: &Hash32) -> ListTicket {
        let t = &self.get().transcript;
        let c = &t.commitment;
        let entries = c.entries(list_index);
        let Ok(index) = entries.binary_search_by(|e| e.leaf.cmp(leaf)) else {
            return ListTicket::NotInDraw;
        };
        let l = &c.lists[list_index];
        let pick = t.lists[list_index].result.iter().find(|r| r.index == index as u64);
        let outcome = match pick {
            Some(r) if r.role == Role::Recipient => crate::Outcome::Recipient(r.rank),
            Some(r) => crate::Outcome::Reserve(r.rank),
            None => crate::Outcome::NotDrawn,
        };
        let companion_of = match (&l.rule, outcome) {
            (Rule::Companions(of), crate::Outcome::Recipient(rank)) => Some((of.clone(), rank)),
            _ => None,
        };
        let companions_list = match &l.rule {
            Rule::Companions(of) => Some(of.clone()),
            _ => None,
        };
        ListTicket::InDraw {
            list: Some(l.name.clone()),
            list_index,
            weight: entries[index].weight,
            outcome,
            companion_of,
            companions_list,
        }
    }

    /// SPEC §17.9: a ticket given by id and salt (from a code) is looked
    /// for in every list, with the leaf that list's name makes.
    pub fn ticket_of_id(&self, id: &str, salt: &[u8; 16]) -> ListTicket {
        let c = &self.get().transcript.commitment;
        for (i, l) in c.lists.iter().enumerate() {
            let found = self.ticket_in(i, &leaf(&l.name, id, salt));
            if found != ListTicket::NotInDraw {
                return found;
            }
        }
        ListTicket::NotInDraw
    }

    /// SPEC §17.9: the ticket of a receipt naming `list`; `None` when this
    /// draw has no list of that name (an error, never "not in the draw").
    pub fn ticket_of_receipt(&self, list: &str, leaf: &Hash32) -> Option<ListTicket> {
        let (i, _) = self.get().transcript.commitment.find(list)?;
        Some(self.ticket_in(i, leaf))
    }
}
