//! Tests of `commit`: what it keeps secret, what it refuses, and the pot
//! arithmetic (kept apart so that commit.rs stays readable).

#[cfg(test)]
mod secret_tests {
    use crate::commit::*;
    use crate::entropy::{PlanEntry, SourceKind};

    #[test]
    fn debug_never_shows_the_seed_salts_or_codes() {
        let candidates: Vec<Candidate> =
            (0..10).map(|i| Candidate { id: format!("S-{i}"), weight: 1, line: i + 2, columns: vec![] }).collect();
        let params = CommitParams {
            title: "t".into(),
            created_at: 1_800_000_000,
            pot: PotPolicy { amount_cents: 6_500_000, ..PotPolicy::default() },
            recipients: None,
            reserves: 2,
            plan: vec![PlanEntry { label: "room".into(), kind: SourceKind::Dice { count: 5, faces: 6 } }],
            previous: None,
        };
        let mut n = 0u8;
        let c = commit(&params, candidates, &mut |b| {
            b.iter_mut().for_each(|x| {
                n = n.wrapping_add(37);
                *x = n
            })
        })
        .unwrap();
        let text = format!("{c:?} {:?} {:#?}", c.receipts, c.receipts.get(0).unwrap());
        let receipt = crate::model::Receipt::try_from(c.receipts.get(0).unwrap()).unwrap();
        let text = format!("{text} {receipt:?}");
        assert!(!text.contains(&hex::encode(c.seed)), "the seed leaks through Debug");
        for r in c.receipts.iter() {
            assert!(!text.contains(&r.salt) && !text.contains(&r.code), "a receipt leaks through Debug");
        }
        assert!(text.contains("<secret>") && text.contains(&c.commitment.digest));
        let own = format!("{c:?}");
        assert!(own.starts_with("Committed {") && own.contains("seed: \"<secret>\""), "{own}");
        assert!(own.contains("<10 secret receipts>"), "{own}");
    }

    /// The list's own checks, in the list's order: the first id used twice
    /// (naming both lines), a weight out of range, on the line where it is.
    #[test]
    fn the_list_is_checked_line_by_line() {
        let params = numbers_params(2);
        let mut fill = |b: &mut [u8]| b.fill(7);
        let list = |ids: &[&str], weights: &[u64]| -> Vec<Candidate> {
            ids.iter()
                .zip(weights)
                .enumerate()
                .map(|(i, (id, &weight))| Candidate { id: id.to_string(), weight, line: i as u64 + 2, columns: vec![] })
                .collect()
        };
        let ids = ["a", "b", "c", "d", "b", "e", "a", "f"];
        let e = commit(&params, list(&ids, &[1; 8]), &mut fill).unwrap_err();
        assert_eq!(e, CommitError::DuplicateId { id: "b".into(), line: 6, first_line: 3 });
        // A weight out of range before the duplicate is reported first; after it, not.
        let e = commit(&params, list(&ids, &[1, 1, 1, 0, 1, 1, 1, 1]), &mut fill).unwrap_err();
        assert_eq!(e, CommitError::Weight { line: 5, weight: 0 });
        let e = commit(&params, list(&ids, &[1, 1, 1, 1, 1, MAX_WEIGHT + 1, 1, 1]), &mut fill).unwrap_err();
        assert_eq!(e, CommitError::DuplicateId { id: "b".into(), line: 6, first_line: 3 });
        let unique: Vec<String> = (0..1000).map(|i| format!("id-{i}")).collect();
        let unique: Vec<&str> = unique.iter().map(String::as_str).collect();
        assert!(commit(&params, list(&unique, &[1; 1000]), &mut |b| b
            .iter_mut()
            .enumerate()
            .for_each(|(i, x)| *x = i as u8))
        .is_ok());
    }

    /// The canonical buffer's first size holds a commitment's canonical
    /// bytes (so a million entries never grow it), at every list size.
    #[test]
    fn canonical_size_holds_the_canonical_bytes() {
        let mut fill = |b: &mut [u8]| b.iter_mut().enumerate().for_each(|(i, x)| *x = (i * 7) as u8);
        for n in [10, 10_000] {
            let c = commit(&numbers_params(2), unweighted(n), &mut fill).unwrap();
            let bytes = crate::canon::to_canonical(&c.commitment).unwrap().len();
            let size = canonical_size(&c.commitment);
            assert!(bytes <= size && size <= bytes / 4 * 5 + 64 * 1024, "{n} entries: {bytes} bytes, room for {size}");
        }
    }

    fn numbers_params(reserves: u64) -> CommitParams {
        CommitParams {
            title: "t".into(),
            created_at: 1_800_000_000,
            pot: PotPolicy { amount_cents: 6_500_000, ..PotPolicy::default() },
            recipients: None,
            reserves,
            plan: vec![PlanEntry { label: "lotto".into(), kind: SourceKind::Numbers }],
            previous: None,
        }
    }

    fn unweighted(n: u64) -> Vec<Candidate> {
        (0..n).map(|i| Candidate { id: format!("R-{i}"), weight: 1, line: i + 2, columns: vec![] }).collect()
    }

    /// SPEC §12.2: numbers only, weight 1 only, at most 4096 picks (§12.1); the
    /// outputs hide the receipts from Debug.
    #[test]
    fn rfc3797_commitments_refuse_what_the_method_cannot_draw() {
        let mut fill = |b: &mut [u8]| b.fill(7);
        let c = commit_rfc3797(&numbers_params(2), unweighted(10), &mut fill).unwrap();
        assert_eq!(c.commitment.format, COMMITMENT_RFC3797);
        let own = format!("{c:?}");
        assert!(own.starts_with("CommittedRfc3797 {") && own.contains("<10 secret receipts>"), "{own}");
        assert!(!own.contains(&c.receipts.get(0).unwrap().salt));

        let mut dice = numbers_params(2);
        dice.plan.push(PlanEntry { label: "room".into(), kind: SourceKind::Dice { count: 5, faces: 6 } });
        let e = commit_rfc3797(&dice, unweighted(10), &mut fill).unwrap_err();
        assert_eq!(e, CommitError::NotNumbers { label: "room".into(), kind: "dice".into() });

        let mut weighted = unweighted(10);
        weighted[3].weight = 2;
        let e = commit_rfc3797(&numbers_params(2), weighted, &mut fill).unwrap_err();
        assert_eq!(e, CommitError::Weighted { line: 5, weight: 2 });

        // k = 5 recipients: 4091 reserves make 4096 picks, allowed; one more is not.
        let many = unweighted(4097);
        assert!(commit_rfc3797(&numbers_params(4091), many.clone(), &mut fill).is_ok());
        let e = commit_rfc3797(&numbers_params(4092), many, &mut fill).unwrap_err();
        assert_eq!(e, CommitError::TooManyPicks { picks: 4097 });
    }
}

#[cfg(test)]
mod pot_tests {
    use crate::commit::*;

    fn policy(amount_cents: u64, min: u64, max: u64) -> PotPolicy {
        PotPolicy { amount_cents, min_recipients: min, max_recipients: max, ..PotPolicy::default() }
    }

    #[test]
    fn the_policy_edges_are_allowed_and_one_past_them_is_not() {
        let g = 1_200_000;
        assert_eq!(plan_pot(policy(5 * g, 5, 5), None).map(|(_, k)| k), Ok(5));
        assert_eq!(plan_pot(policy(5 * g, 1, 5), Some(1)).map(|(_, k)| k), Ok(1));
        assert!(matches!(plan_pot(policy(5 * g, 0, 5), None), Err(PotError::Bounds { min: 0, max: 5 })));
        assert!(matches!(plan_pot(policy(5 * g, 6, 5), None), Err(PotError::Bounds { .. })));
        assert!(matches!(plan_pot(policy(5 * g, 2, 5), Some(1)), Err(PotError::OutOfBounds { k: 1, .. })));
        assert!(matches!(plan_pot(policy(9 * g, 2, 5), Some(6)), Err(PotError::OutOfBounds { k: 6, .. })));
        assert_eq!(plan_pot(policy(9 * g, 2, 5), Some(5)).map(|(_, k)| k), Ok(5));
        // The grant: 1 cent a month is usable, 0 is not, and neither is one above 2^53 - 1 cents.
        let grant =
            |monthly, months| PotPolicy { grant_monthly_cents: monthly, grant_months: months, ..policy(100, 1, 9) };
        assert_eq!(plan_pot(grant(1, 12), None).map(|(p, _)| p.grant_cents), Ok(12));
        assert!(matches!(plan_pot(grant(0, 12), None), Err(PotError::Grant { .. })));
        assert!(plan_pot(PotPolicy { amount_cents: MAX_CENTS, ..grant(MAX_CENTS, 1) }, None).is_ok());
        assert!(matches!(plan_pot(grant(MAX_CENTS + 1, 1), None), Err(PotError::Grant { .. })));
    }
}

/// Issue 15: counts and money meet in checked arithmetic only. Every amount
/// is recomputed here in 128 bits, where nothing of 64 bits can wrap.
#[cfg(test)]
mod overflow_tests {
    use crate::commit::*;
    use crate::entropy::{PlanEntry, SourceKind};
    use crate::money::MAX_CENTS;
    use proptest::prelude::*;

    /// The values where 64-bit arithmetic breaks, and a few ordinary ones.
    fn edge() -> impl Strategy<Value = u64> {
        prop_oneof![
            prop::sample::select(vec![
                0,
                1,
                2,
                5,
                9,
                12,
                100_000,
                MAX_CENTS,
                MAX_CENTS + 1,
                1 << 32,
                u64::MAX - 1,
                u64::MAX
            ]),
            0u64..20,
            any::<u64>(),
        ]
    }

    proptest! {
        #[test]
        fn plan_pot_never_wraps(amount in edge(), monthly in edge(), months in edge(), min in edge(), max in edge(),
                                fixed in prop::option::of(edge())) {
            let policy = PotPolicy {
                amount_cents: amount, grant_monthly_cents: monthly, grant_months: months,
                min_recipients: min, max_recipients: max,
            };
            let grant = u128::from(monthly) * u128::from(months);
            let big = |x: u64| u128::from(x);
            match plan_pot(policy, fixed) {
                Ok((pot, k)) => {
                    prop_assert_eq!(big(pot.grant_cents), grant);
                    prop_assert!(min <= k && k <= max);
                    prop_assert_eq!(big(k) * grant + big(pot.surplus_cents), big(amount));
                    if let Some(f) = fixed { prop_assert_eq!(k, f); }
                }
                Err(PotError::Grant { .. }) => prop_assert!(grant == 0 || grant > big(MAX_CENTS)),
                Err(PotError::Bounds { .. }) => prop_assert!(min < 1 || min > max),
                Err(PotError::OutOfBounds { k, .. }) => prop_assert!(k < min || k > max),
                Err(PotError::Unaffordable { k, needed_cents, pot_cents }) => {
                    prop_assert_eq!(big(needed_cents), big(k) * grant);
                    prop_assert!(needed_cents > pot_cents && pot_cents == amount);
                }
                Err(PotError::TooSmall { missing_cents, min: m, .. }) => {
                    prop_assert_eq!(big(missing_cents) + big(amount), big(m) * grant);
                    prop_assert!(missing_cents > 0);
                }
                Err(PotError::TooManyGrants { grants, grant_cents, .. }) => {
                    prop_assert_eq!(big(grant_cents), grant);
                    prop_assert!(big(grants) * grant > big(MAX_CENTS));
                }
            }
        }
    }

    /// The reported command: `--recipients 2 --reserves 18446744073709551615`.
    #[test]
    fn reserves_that_do_not_fit_are_refused_not_wrapped() {
        let candidates: Vec<Candidate> =
            (0..4).map(|i| Candidate { id: format!("O-{i}"), weight: 1, line: i + 2, columns: vec![] }).collect();
        let mut params = CommitParams {
            title: "t".into(),
            created_at: 1_800_000_000,
            pot: PotPolicy { amount_cents: 100_000_000, min_recipients: 1, ..PotPolicy::default() },
            recipients: Some(2),
            reserves: u64::MAX,
            plan: vec![PlanEntry { label: "room".into(), kind: SourceKind::Numbers }],
            previous: None,
        };
        let fill = &mut |b: &mut [u8]| b.fill(7);
        let overflow = Err(CommitError::PicksOverflow { recipients: 2, reserves: u64::MAX });
        assert_eq!(commit(&params, candidates.clone(), fill).map(|_| ()), overflow);
        assert_eq!(commit_rfc3797(&params, candidates.clone(), fill).map(|_| ()), overflow);
        // One less fits in 64 bits: too few candidates, with the exact sum.
        params.reserves = u64::MAX - 2;
        let e = commit(&params, candidates.clone(), fill).map(|_| ()).unwrap_err();
        assert_eq!(
            e,
            CommitError::TooFewCandidates { needed: u64::MAX, recipients: 2, reserves: u64::MAX - 2, found: 4 }
        );
        params.reserves = 2;
        assert!(commit_rfc3797(&params, candidates, fill).is_ok());
    }

    /// A fixed or minimum number of grants that costs more than any amount.
    #[test]
    fn grants_beyond_the_largest_amount_are_named() {
        let p = PotPolicy { amount_cents: 100, min_recipients: 1, max_recipients: u64::MAX, ..PotPolicy::default() };
        assert_eq!(
            plan_pot(p, Some(u64::MAX)),
            Err(PotError::TooManyGrants { grants: u64::MAX, grant_cents: 1_200_000, of: "recipients" })
        );
        let p = PotPolicy { min_recipients: u64::MAX, ..p };
        assert_eq!(
            plan_pot(p, None),
            Err(PotError::TooManyGrants { grants: u64::MAX, grant_cents: 1_200_000, of: "min_recipients" })
        );
        // The largest count whose grants still have an amount: an exact shortfall.
        let n = MAX_CENTS / 1_200_000;
        let p = PotPolicy { min_recipients: n, ..p };
        assert_eq!(
            plan_pot(p, None),
            Err(PotError::TooSmall {
                pot_cents: 100,
                grant_cents: 1_200_000,
                affordable: 0,
                min: n,
                missing_cents: n * 1_200_000 - 100
            })
        );
        assert!(matches!(
            plan_pot(PotPolicy { min_recipients: n + 1, ..p }, None),
            Err(PotError::TooManyGrants { .. })
        ));
    }
}
