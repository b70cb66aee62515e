//! SPEC §14.2: one canonical form per set of published numbers. Whatever
//! way a person types the same numbers (order, separators, leading zeros),
//! `canonical_numbers` gives the same string; that string is the only
//! accepted value; and it draws the same as any other typing of it.

use potdraw_core::entropy::{canonical_numbers, value_bytes, SourceKind};
use proptest::prelude::*;

fn typed(numbers: &[u64], zeros: &[usize], seps: &[usize]) -> String {
    const SEPARATORS: [&str; 6] = [" ", ", ", ",", ";", "\t", "  "];
    let mut s = String::new();
    for (i, n) in numbers.iter().enumerate() {
        if i > 0 {
            s.push_str(SEPARATORS[seps[i % seps.len()] % SEPARATORS.len()]);
        }
        s.push_str(&"0".repeat(zeros[i % zeros.len()] % 3));
        s.push_str(&n.to_string());
    }
    s
}

proptest! {
    #[test]
    fn every_typing_of_the_same_numbers_has_one_canonical_form(
        numbers in proptest::collection::vec(0u64..100_000_000_000, 1..12),
        zeros in proptest::collection::vec(0usize..3, 1..12),
        seps in proptest::collection::vec(0usize..6, 1..12),
        rotate in 0usize..12,
    ) {
        let count = numbers.len() as u64;
        let kind = SourceKind::CountedNumbers { count };
        let mut sorted = numbers.clone();
        sorted.sort_unstable();
        let want = sorted.iter().map(u64::to_string).collect::<Vec<_>>().join(" ");
        let mut shuffled = numbers.clone();
        shuffled.rotate_left(rotate % numbers.len());
        for t in [typed(&numbers, &zeros, &seps), typed(&shuffled, &seps, &zeros)] {
            let c = canonical_numbers("v", count, &t).unwrap();
            prop_assert_eq!(&c, &want);
            prop_assert_eq!(value_bytes("v", &kind, &c).unwrap(), want.as_bytes().to_vec());
            // Only the canonical form itself is accepted as a stored value.
            if t != want {
                prop_assert!(value_bytes("v", &kind, &t).is_err(), "{:?} accepted", t);
            }
        }
        // One number more or fewer is never the same value.
        prop_assert!(canonical_numbers("v", count + 1, &want).is_err());
    }
}
