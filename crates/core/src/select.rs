//! Weighted selection without replacement (SPEC §6.3).
//!
//! The specification describes the selection as a walk over the entries in
//! canonical order; [`select_reference`] is that walk, line for line, and is
//! quadratic in the worst case. [`select`] gives the same picks using a
//! Fenwick (binary indexed) tree over the weights: a picked entry's weight is
//! set to zero, and "the first entry at which the running sum exceeds t" is
//! the first index whose prefix sum exceeds t, found by descending the tree.
//! A zero-weight entry can never be that index, so skipping picked entries
//! and zeroing them are the same thing. Tests hold the two to each other.

use crate::stream::DrawStream;

/// Why a selection cannot run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SelectError {
    #[error("{picks} picks requested but only {entries} entries are in the list")]
    TooFewEntries { picks: usize, entries: usize },
    #[error("entry {index} has weight 0; every weight must be at least 1")]
    ZeroWeight { index: usize },
    #[error("the total weight does not fit in 64 bits")]
    TotalOverflow,
}

fn validate(weights: &[u64], picks: usize) -> Result<u64, SelectError> {
    if picks > weights.len() {
        return Err(SelectError::TooFewEntries { picks, entries: weights.len() });
    }
    let mut total: u64 = 0;
    for (index, &w) in weights.iter().enumerate() {
        if w == 0 {
            return Err(SelectError::ZeroWeight { index });
        }
        total = total.checked_add(w).ok_or(SelectError::TotalOverflow)?;
    }
    Ok(total)
}

/// SPEC §6.3 as written: returns the 0-based canonical positions of the picks, in pick order.
pub fn select_reference(stream: &mut DrawStream, weights: &[u64], picks: usize) -> Result<Vec<usize>, SelectError> {
    let mut remaining = validate(weights, picks)?;
    let mut picked = vec![false; weights.len()];
    let mut out = Vec::with_capacity(picks);
    for _ in 0..picks {
        let t = stream.uniform(remaining);
        let mut running: u64 = 0;
        let mut chosen = None;
        for (i, &w) in weights.iter().enumerate() {
            if picked[i] {
                continue;
            }
            running += w;
            if running > t {
                chosen = Some(i);
                break;
            }
        }
        // t < remaining = the sum over unpicked entries, so the walk always stops.
        let i = chosen.expect("t is below the remaining total weight");
        picked[i] = true;
        remaining -= weights[i];
        out.push(i);
    }
    Ok(out)
}

/// The same picks as [`select_reference`] in O(n + picks · log n).
pub fn select(stream: &mut DrawStream, weights: &[u64], picks: usize) -> Result<Vec<usize>, SelectError> {
    let mut remaining = validate(weights, picks)?;
    let mut tree = Fenwick::new(weights);
    let mut out = Vec::with_capacity(picks);
    for _ in 0..picks {
        let t = stream.uniform(remaining);
        let i = tree.first_exceeding(t);
        tree.zero(i, weights[i]);
        remaining -= weights[i];
        out.push(i);
    }
    Ok(out)
}

/// Fenwick tree over u64 weights; every partial sum is at most the total,
/// which [`validate`] has shown fits in a u64.
struct Fenwick {
    tree: Vec<u64>, // 1-based; tree[0] unused
    top_bit: usize,
}

impl Fenwick {
    /// Linear-time construction.
    fn new(weights: &[u64]) -> Self {
        let n = weights.len();
        let mut tree = vec![0u64; n + 1];
        tree[1..].copy_from_slice(weights);
        for i in 1..=n {
            let parent = i + (i & i.wrapping_neg());
            if parent <= n {
                tree[parent] += tree[i];
            }
        }
        let top_bit = if n == 0 { 0 } else { 1 << (usize::BITS - 1 - n.leading_zeros()) };
        Fenwick { tree, top_bit }
    }

    /// Subtract `w` at 0-based index `i`.
    fn zero(&mut self, i: usize, w: u64) {
        let mut j = i + 1;
        while j < self.tree.len() {
            self.tree[j] -= w;
            j += j & j.wrapping_neg();
        }
    }

    /// The smallest 0-based index whose prefix sum (inclusive) exceeds `t`,
    /// given t < total.
    fn first_exceeding(&self, mut t: u64) -> usize {
        let n = self.tree.len() - 1;
        let mut pos = 0usize; // largest 1-based prefix with sum ≤ t so far
        let mut step = self.top_bit;
        while step > 0 {
            let next = pos + step;
            if next <= n && self.tree[next] <= t {
                pos = next;
                t -= self.tree[next];
            }
            step >>= 1;
        }
        pos // the 1-based index pos+1 is the answer, i.e. 0-based pos
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn fenwick_equals_reference_walk(
            seed in any::<[u8; 32]>(),
            weights in prop::collection::vec(1u64..=1000, 1..200),
            extra in 0usize..200,
        ) {
            let picks = extra % (weights.len() + 1);
            let a = select_reference(&mut DrawStream::new(&seed), &weights, picks).unwrap();
            let b = select(&mut DrawStream::new(&seed), &weights, picks).unwrap();
            prop_assert_eq!(a, b);
        }

        #[test]
        fn fenwick_equals_reference_with_huge_weights(
            seed in any::<[u8; 32]>(),
            weights in prop::collection::vec(1u64..=u32::MAX as u64, 1..40),
        ) {
            let picks = weights.len();
            let a = select_reference(&mut DrawStream::new(&seed), &weights, picks).unwrap();
            let b = select(&mut DrawStream::new(&seed), &weights, picks).unwrap();
            prop_assert_eq!(a, b);
        }

        #[test]
        fn picks_are_distinct_and_in_range(
            seed in any::<[u8; 32]>(),
            weights in prop::collection::vec(1u64..=5, 1..300),
            extra in 0usize..300,
        ) {
            let picks = extra % (weights.len() + 1);
            let got = select(&mut DrawStream::new(&seed), &weights, picks).unwrap();
            prop_assert_eq!(got.len(), picks);
            let mut seen = std::collections::HashSet::new();
            for &i in &got {
                prop_assert!(i < weights.len());
                prop_assert!(seen.insert(i), "position {} picked twice", i);
            }
        }
    }

    #[test]
    fn refuses_bad_lists() {
        let mut s = DrawStream::new(&[0; 32]);
        assert_eq!(select(&mut s, &[1, 1], 3), Err(SelectError::TooFewEntries { picks: 3, entries: 2 }));
        assert_eq!(select(&mut s, &[1, 0], 1), Err(SelectError::ZeroWeight { index: 1 }));
        assert_eq!(select(&mut s, &[u64::MAX, 1], 1), Err(SelectError::TotalOverflow));
    }

    #[test]
    fn all_entries_picked_is_a_permutation() {
        let w: Vec<u64> = (1..=50).collect();
        let mut got = select(&mut DrawStream::new(&[3; 32]), &w, 50).unwrap();
        got.sort_unstable();
        assert_eq!(got, (0..50).collect::<Vec<_>>());
    }
}
