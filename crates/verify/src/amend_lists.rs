//! The checks of a version 2 amendments record against a draw with several
//! lists (SPEC §15.8, §17.10), the final list per list, and a participant's
//! final outcome per list.
//!
//! WHY apart from [`crate::amend`]: the steps are the same (§15.4, run by
//! the same function), but what a verified record establishes differs: one
//! final list per list, each replayed with its own k, r and L and continued
//! from its own list seed (§17.4), and the pairing of places between a
//! companions list and the list it travels with (§17.6). A v1 record names
//! no list, so it is refused here as unusable, never checked (§17.10).

use crate::amend::{fate_in, final_places, reason_counts, run, AmendReport, Fate, FinalPlace};
use crate::{ListsDraw, Verified};
use potdraw_core::amend::{digest, Amendments, Reason, Version};
use potdraw_core::lists::Rule;
use potdraw_core::succession::State;
use potdraw_core::succession_v2::{continued_list_picks, Layout, Replayed};
use potdraw_core::Hash32;

/// SPEC §17.10: a `potdraw/amendments/v1` record given with a v4 transcript.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a potdraw/amendments/v1 record names no list: substitutions in a draw with several lists need potdraw/amendments/v2 (SPEC §17.10)")]
pub struct V1ForLists;

/// One list after the substitutions.
#[derive(Debug, Clone)]
pub struct ListAmended {
    pub name: String,
    /// `Some(X)` for a companions list of X (SPEC §17.6).
    pub companions_of: Option<String>,
    pub state: State,
    /// The first k + max(r, called) picks of this list's selection (SPEC §15.1, §17.4).
    pub picks: Vec<usize>,
    pub places: Vec<FinalPlace>,
    pub recipients: u64,
    pub reserves: u64,
}

/// A v2 record that passed every check against a v4 draw.
#[derive(Debug, Clone)]
pub struct ListsAmended {
    pub record: Amendments,
    pub digest: Hash32,
    /// In the order of `T.commitment.lists`.
    pub lists: Vec<ListAmended>,
    pub undone: usize,
    pub in_effect: Vec<usize>,
}

/// SPEC §15.4 with §15.8 for a v4 draw; `Err` for a v1 record (unusable, §17.10).
pub fn verify_lists_amendments(
    draw: &Verified<ListsDraw>,
    record: Amendments,
    earlier: Option<&Amendments>,
) -> Result<AmendReport<ListsAmended>, V1ForLists> {
    if record.version == Version::V1 {
        return Err(V1ForLists);
    }
    let t = &draw.get().transcript;
    let mut passed = Vec::new();
    let events = record.events.len();
    let earlier_events = earlier.map(|o| o.events.len());
    let draw_date = t.commitment.doc.created_at[..10].to_string();
    let layout = Layout::of_lists(t);
    let checked = run(draw.get().transcript_digest, &draw_date, &layout, &record, earlier, &mut passed);
    let outcome = checked.map(|replayed| {
        let Replayed { states, in_effect, undone } = replayed;
        let lists = states
            .into_iter()
            .enumerate()
            .map(|(i, state)| {
                let l = &t.commitment.doc.lists[i];
                // The replay kept every called reserve within L = n, so the selection can make them.
                let picks = continued_list_picks(t, i, state.called).expect("the replay keeps k + m within the list");
                let places = final_places(&state, l.recipients, &picks, t.commitment.entries(i));
                let companions_of = match &t.commitment.lists[i].rule {
                    Rule::Companions(of) => Some(of.clone()),
                    _ => None,
                };
                ListAmended {
                    name: l.name.clone(),
                    companions_of,
                    state,
                    picks,
                    places,
                    recipients: l.recipients,
                    reserves: l.reserves,
                }
            })
            .collect();
        let digest = digest(&record.doc).expect("a checked record is within the JCS domain");
        Verified(ListsAmended { record, digest, lists, undone, in_effect })
    });
    Ok(AmendReport { passed, events, earlier_events, draw_date, outcome })
}

/// A participant's final outcome in one list (SPEC §15.5, §15.8, §17.9).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListFate {
    pub list: String,
    pub fate: Fate,
    /// For the holder of place j of a companions list: the list travelled
    /// with and j (SPEC §15.8: the pairing is by place).
    pub travels_with: Option<(String, u64)>,
}

impl Verified<ListsAmended> {
    /// The final outcome of entry `index` of the list at `list_index`.
    pub fn fate(&self, list_index: usize, index: usize) -> ListFate {
        let l = &self.get().lists[list_index];
        let fate = fate_in(&l.picks, l.recipients, &l.places, &l.state, index);
        let travels_with = match (&l.companions_of, fate) {
            (Some(of), Fate::Holds { place, .. }) => Some((of.clone(), place)),
            _ => None,
        };
        ListFate { list: l.name.clone(), fate, travels_with }
    }

    /// SPEC §9.9: the events in effect by reason, all lists together.
    pub fn reason_counts(&self) -> Vec<(Reason, usize)> {
        reason_counts(&self.get().record, &self.get().in_effect)
    }
}
