//! The draw stream and the unbiased integer sampler (SPEC §6.1, §6.2).
//!
//! Only `ChaCha20Rng::from_seed` and `next_u64` are used: the ChaCha20
//! keystream (RFC 8439 block function, 20 rounds, zero nonce, counter from 0)
//! read as little-endian 64-bit words. `rand`'s convenience samplers
//! (`gen_range`, `shuffle`, …) are not value-stable across versions and are
//! never used.

use rand_chacha::ChaCha20Rng;
use rand_core::{RngCore, SeedableRng};

/// The sequence of 64-bit words derived from a draw seed (SPEC §6.1).
pub struct DrawStream {
    rng: ChaCha20Rng,
    words_used: u64,
}

impl DrawStream {
    pub fn new(draw_seed: &[u8; 32]) -> Self {
        DrawStream { rng: ChaCha20Rng::from_seed(*draw_seed), words_used: 0 }
    }

    /// SPEC §6.1: the next 8 keystream bytes as a little-endian integer.
    pub fn next_word(&mut self) -> u64 {
        self.words_used += 1;
        self.rng.next_u64()
    }

    /// How many words have been taken so far (for test vectors and audits).
    pub fn words_used(&self) -> u64 {
        self.words_used
    }

    /// SPEC §6.2: a uniform integer in 0..m by rejection sampling.
    ///
    /// zone = 2^64 − (2^64 mod m); words ≥ zone are rejected; the result is
    /// word mod m. Every residue then has exactly zone/m preimages.
    ///
    /// Callers guarantee m ≥ 1 (every entry weighs at least 1); m = 0 is
    /// treated as m = 1 rather than dividing by zero.
    pub fn uniform(&mut self, m: u64) -> u64 {
        debug_assert!(m >= 1, "uniform(0) is undefined");
        let m = m.max(1);
        let two64: u128 = 1 << 64;
        let zone: u128 = two64 - (two64 % m as u128);
        loop {
            let w = self.next_word();
            if (w as u128) < zone {
                return w % m;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zone_rejects_the_biased_tail() {
        // For m = 2^63 + 1, zone = 2^63 + 1: about half the words are rejected,
        // so 1,000 draws must consume clearly more than 1,000 words.
        let mut s = DrawStream::new(&[9; 32]);
        let m = (1u64 << 63) + 1;
        for _ in 0..1000 {
            assert!(s.uniform(m) < m);
        }
        assert!(s.words_used() > 1500, "used {}", s.words_used());
    }

    #[test]
    fn power_of_two_never_rejects() {
        let mut s = DrawStream::new(&[1; 32]);
        for _ in 0..1000 {
            assert!(s.uniform(1 << 20) < 1 << 20);
        }
        assert_eq!(s.words_used(), 1000);
    }
}
