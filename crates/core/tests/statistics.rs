//! Deterministic statistical tests of the selection (SPEC §6.3).
//!
//! Over many draws with fixed draw seeds (H("potdraw/stats", i)), the
//! observed frequencies must match the exact probabilities of weighted
//! sampling without replacement. Pearson's chi-square statistic is compared
//! with the critical value at significance 0.001 for the degrees of freedom
//! (from standard tables). The seeds are fixed, so the test is repeatable:
//! it cannot flake, and a biased sampler (modulo bias, an off-by-one in the
//! walk, picking with replacement) fails it by a wide margin.

use potdraw_core::hash::h;
use potdraw_core::select::select;
use potdraw_core::stream::DrawStream;

fn draw_seed(test: &str, i: u64) -> [u8; 32] {
    h("potdraw/stats", &[test.as_bytes(), &i.to_be_bytes()])
}

fn chi_square(observed: &[u64], expected: &[f64]) -> f64 {
    observed.iter().zip(expected).map(|(&o, &e)| (o as f64 - e).powi(2) / e).sum()
}

/// Critical values of chi-square at p = 0.001.
fn critical(df: usize) -> f64 {
    match df {
        4 => 18.467,
        9 => 27.877,
        11 => 31.264,
        19 => 43.820,
        _ => panic!("no table value for {df} degrees of freedom"),
    }
}

const DRAWS: u64 = 40_000;

#[test]
fn uniform_single_pick_is_uniform() {
    let weights = [1u64; 10];
    let mut counts = [0u64; 10];
    for i in 0..DRAWS {
        counts[select(&mut DrawStream::new(&draw_seed("uniform", i)), &weights, 1).unwrap()[0]] += 1;
    }
    let expected = vec![DRAWS as f64 / 10.0; 10];
    let x2 = chi_square(&counts, &expected);
    assert!(x2 < critical(9), "chi-square {x2:.2} ≥ {} (counts {counts:?})", critical(9));
}

#[test]
fn weighted_single_pick_follows_weights() {
    let weights = [1u64, 2, 3, 4, 10];
    let total: u64 = weights.iter().sum();
    let mut counts = [0u64; 5];
    for i in 0..DRAWS {
        counts[select(&mut DrawStream::new(&draw_seed("weighted", i)), &weights, 1).unwrap()[0]] += 1;
    }
    let expected: Vec<f64> = weights.iter().map(|&w| DRAWS as f64 * w as f64 / total as f64).collect();
    let x2 = chi_square(&counts, &expected);
    assert!(x2 < critical(4), "chi-square {x2:.2} (counts {counts:?})");
}

/// Ordered pairs (first pick, second pick): P(i, j) = w_i / W · w_j / (W − w_i).
#[test]
fn weighted_ordered_pairs_follow_sequential_probabilities() {
    let weights = [1u64, 2, 3, 4];
    let total: u64 = weights.iter().sum();
    let mut observed = Vec::new();
    let mut expected = Vec::new();
    let mut counts = [[0u64; 4]; 4];
    for i in 0..DRAWS {
        let p = select(&mut DrawStream::new(&draw_seed("pairs", i)), &weights, 2).unwrap();
        counts[p[0]][p[1]] += 1;
    }
    for a in 0..4 {
        for b in 0..4 {
            if a != b {
                let p = weights[a] as f64 / total as f64 * weights[b] as f64 / (total - weights[a]) as f64;
                observed.push(counts[a][b]);
                expected.push(p * DRAWS as f64);
            } else {
                assert_eq!(counts[a][b], 0, "an entry was picked twice");
            }
        }
    }
    let x2 = chi_square(&observed, &expected);
    assert!(x2 < critical(11), "chi-square {x2:.2}");
}

/// With 5 recipients out of 20 equal tickets, each ticket is drawn with
/// probability 1/4, and each place in the order is uniform over the tickets.
#[test]
fn every_place_of_a_five_from_twenty_draw_is_uniform() {
    let weights = [1u64; 20];
    let mut by_place = vec![[0u64; 20]; 5];
    for i in 0..DRAWS {
        let p = select(&mut DrawStream::new(&draw_seed("places", i)), &weights, 5).unwrap();
        for (place, &entry) in p.iter().enumerate() {
            by_place[place][entry] += 1;
        }
    }
    let expected = vec![DRAWS as f64 / 20.0; 20];
    for (place, counts) in by_place.iter().enumerate() {
        let x2 = chi_square(counts, &expected);
        assert!(x2 < critical(19), "place {}: chi-square {x2:.2}", place + 1);
    }
}

/// The sampler's rejection step matters: with m = 2^63 + 2^62 (3·2^62),
/// plain `word mod m` would give the low quarter of values twice the
/// probability. Split 0..m into three equal thirds and count.
#[test]
fn no_modulo_bias_for_large_ranges() {
    let m: u64 = 3 << 62;
    let third = m / 3;
    let mut counts = [0u64; 3];
    let mut s = DrawStream::new(&draw_seed("modulo", 0));
    for _ in 0..30_000 {
        counts[(s.uniform(m) / third) as usize] += 1;
    }
    let expected = vec![10_000.0; 3];
    let x2 = chi_square(&counts, &expected);
    // df = 2: critical value 13.816 at p = 0.001.
    assert!(x2 < 13.816, "chi-square {x2:.2} (counts {counts:?})");
}
