//! Tamper resistance, field by field (SPEC §7.6, §8.2).
//!
//! tamper.rs samples mutations; here every leaf of a valid transcript is
//! changed in turn — every field, every entry, every result line, every hex
//! digit of every hash — and verification must fail at the check SPEC §7.6
//! names as that member's owner (or the document must be unusable). Then
//! commitment members are changed *with the digest recomputed*, as a forger
//! would, and the owning check must still catch each one; with the published
//! commitment at hand, `published-commitment` catches them all first.

use potdraw_core::commit::{commit, digest_of, Candidate, CommitParams, PotPolicy};
use potdraw_core::entropy::{PlanEntry, SourceKind};
use potdraw_core::model::{Commitment, Transcript};
use potdraw_core::wire::{CommitmentDoc, TranscriptDoc};
use potdraw_verify::{verify_commitment, verify_transcript, Check};
use proptest::prelude::*;
use rand_chacha::ChaCha20Rng;
use rand_core::{RngCore, SeedableRng};
use serde_json::Value;

/// A valid draw of `k` recipients and `r` reserves from `n` candidates, policy `min..=max`.
fn draw(seed: [u8; 32], n: usize, k: u64, r: u64, min: u64, max: u64) -> TranscriptDoc {
    let mut rng = ChaCha20Rng::from_seed(seed);
    let candidates: Vec<Candidate> = (0..n)
        .map(|i| Candidate {
            id: format!("C-{i:04}"),
            weight: 1 + rng.next_u64() % 4,
            line: i as u64 + 2,
            columns: vec![],
        })
        .collect();
    let params = CommitParams {
        title: "fields".into(),
        created_at: 1_800_000_000,
        pot: PotPolicy {
            amount_cents: k * 1_200_000 + rng.next_u64() % 1_000_000,
            min_recipients: min,
            max_recipients: max,
            ..PotPolicy::default()
        },
        recipients: Some(k),
        reserves: r,
        plan: vec![
            PlanEntry { label: "room".into(), kind: SourceKind::Dice { count: 6, faces: 6 } },
            PlanEntry { label: "lotto".into(), kind: SourceKind::Text },
        ],
        previous: None,
    };
    let committed = commit(&params, candidates, &mut |b| rng.fill_bytes(b)).unwrap();
    let c = Commitment::try_from(committed.commitment).unwrap();
    let given = vec![("room".to_string(), "314152".to_string()), ("lotto".to_string(), "1 2 3".to_string())];
    potdraw_core::draw::run(&c, &committed.seed, &given).unwrap()
}

/// The outcome of verifying a JSON value: `Err(None)` when it cannot even be read.
fn verify_value(v: &Value, published: Option<&Commitment>) -> Result<(), Option<Check>> {
    let doc: TranscriptDoc = serde_json::from_value(v.clone()).map_err(|_| None)?;
    let t = Transcript::try_from(doc).map_err(|_| None)?;
    verify_transcript(t, published).outcome.map(|_| ()).map_err(|f| Some(f.check))
}

/// SPEC §7.6: the check that owns a transcript member changed *without*
/// recomputing any digest.
fn owner(path: &str) -> Check {
    let p = path.trim_start_matches('/');
    if p.starts_with("commitment/") {
        return Check::CommitmentDigest;
    }
    match p.split('/').collect::<Vec<_>>().as_slice() {
        ["seed"] => Check::SeedCommitment,
        ["entropy", _, "label" | "kind"] => Check::EntropyPlan,
        ["entropy", _, "value"] | ["entropy_digest"] | ["draw_seed"] | ["result", _, "index"] => Check::DrawReplay,
        ["result", _, _] => Check::Result,
        other => panic!("no owner for {other:?}"),
    }
}

/// The members whose changed value (see [`changes`]) violates a syntax rule of
/// SPEC §7.6: a format identifier, a time, a plan kind, 7 faces.
fn breaks_syntax(path: &str) -> bool {
    path.ends_with("/format")
        || path == "/commitment/created_at"
        || (path.starts_with("/commitment/entropy_plan/") && (path.ends_with("/kind") || path.ends_with("/faces")))
}

/// Every scalar leaf with its JSON pointer.
fn leaves(v: &Value, at: String, out: &mut Vec<(String, Value)>) {
    match v {
        Value::Object(m) => m.iter().for_each(|(k, x)| leaves(x, format!("{at}/{k}"), out)),
        Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| leaves(x, format!("{at}/{i}"), out)),
        _ => out.push((at, v.clone())),
    }
}

fn is_hash(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Every single-leaf change of `v`: each hex digit of each hash, every other value once.
fn changes(v: &Value) -> Vec<(String, Value, Option<Check>)> {
    let mut all = Vec::new();
    leaves(v, String::new(), &mut all);
    let mut out = Vec::new();
    for (path, leaf) in all {
        match &leaf {
            Value::String(s) if is_hash(s) => {
                for pos in 0..64 {
                    let mut t = s.clone();
                    let new = if &t[pos..=pos] == "0" { "1" } else { "0" };
                    t.replace_range(pos..=pos, new);
                    out.push((path.clone(), Value::String(t), None));
                }
            }
            Value::String(s) if path.ends_with("/role") => {
                let other = if s == "recipient" { "reserve" } else { "recipient" };
                out.push((path, Value::String(other.into()), None));
            }
            Value::String(s) if path.ends_with("/value") && s.bytes().all(|b| b.is_ascii_digit()) => {
                // A die showing another face (another draw); then a die more than
                // the plan announced (the value does not fit the plan).
                let first = if s.starts_with('1') { '2' } else { '1' };
                out.push((path.clone(), Value::String(format!("{first}{}", &s[1..])), None));
                out.push((path, Value::String(format!("{s}1")), Some(Check::EntropyPlan)));
            }
            Value::String(s) if path.ends_with("/total_weight") => {
                out.push((path, Value::String((s.parse::<u64>().unwrap() + 1).to_string()), None))
            }
            Value::String(s) => out.push((path, Value::String(format!("{s}x")), None)),
            Value::Number(n) => out.push((path, Value::from(n.as_u64().unwrap() + 1), None)),
            other => panic!("unexpected leaf {other}"),
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    /// Every single-leaf change is caught, by the owning check; with the
    /// published commitment, changes inside the commitment fail `published-commitment`.
    #[test]
    fn every_leaf_change_fails_its_owning_check(seed in any::<[u8; 32]>(), n in 9usize..16) {
        let doc = draw(seed, n, 5, 3, 5, 9);
        let original = serde_json::to_value(&doc).unwrap();
        let published = Commitment::try_from(doc.commitment.clone()).unwrap();
        prop_assert_eq!(verify_value(&original, None), Ok(()));
        let all = changes(&original);
        prop_assert!(all.len() > 64 * (n + 8));
        for (path, new, special) in all {
            let mut v = original.clone();
            *v.pointer_mut(&path).unwrap() = new.clone();
            let got = verify_value(&v, None);
            // A member with a syntax rule that the change breaks is unusable
            // (SPEC §7.1, §7.6); everything else has an owner.
            if breaks_syntax(&path) {
                prop_assert_eq!(got, Err(None), "{} = {}", path, new);
                continue;
            }
            let own = special.unwrap_or_else(|| owner(&path));
            prop_assert_eq!(got, Err(Some(own)), "{} = {}", path, new);
            let with_published = verify_value(&v, Some(&published));
            let want = if path.starts_with("/commitment/") { Check::PublishedCommitment } else { own };
            prop_assert_eq!(with_published, Err(Some(want)), "{} = {} (published)", path, new);
        }
    }

    /// A forger who edits the commitment and recomputes its digest is still
    /// caught by the check that owns the member (SPEC §7.6), and always by
    /// `published-commitment`; the commitment alone fails the same check.
    #[test]
    fn redigested_changes_fail_the_owning_check(seed in any::<[u8; 32]>(), n in 9usize..16, i in 0usize..1000) {
        let doc = draw(seed, n, 5, 3, 5, 9);
        let published = Commitment::try_from(doc.commitment.clone()).unwrap();
        let e = i % n;
        type Edit = Box<dyn Fn(&mut CommitmentDoc)>;
        let edits: Vec<(&str, Edit, Option<Check>)> = vec![
            ("count", Box::new(|c| c.candidates.count += 1), Some(Check::Counts)),
            ("total", Box::new(|c| c.candidates.total_weight = format!("{}", c.candidates.total_weight.parse::<u64>().unwrap() + 1)), Some(Check::Counts)),
            ("weight", Box::new(move |c| c.candidates.entries.edit(|v| v[e].weight += 1)), Some(Check::Counts)),
            ("swap", Box::new(move |c| c.candidates.entries.edit(|v| v.swap(e, (e + 1) % n))), Some(Check::CanonicalOrder)),
            ("duplicate", Box::new(move |c| c.candidates.entries.edit(|v| v[(e + 1) % n] = v[e].clone())), Some(Check::CanonicalOrder)),
            ("recipients-zero", Box::new(|c| c.recipients = 0), Some(Check::Counts)),
            ("too-many-picks", Box::new(move |c| c.reserves = n as u64 - c.recipients + 1), Some(Check::Counts)),
            ("surplus", Box::new(|c| c.pot.surplus_cents += 1), Some(Check::Pot)),
            ("amount", Box::new(|c| c.pot.amount_cents += 1), Some(Check::Pot)),
            ("grant", Box::new(|c| c.pot.grant_cents += 1), Some(Check::Pot)),
            ("grant-zero", Box::new(|c| { c.pot.grant_monthly_cents = 0; c.pot.grant_cents = 0; }), Some(Check::Pot)),
            ("min-zero", Box::new(|c| c.pot.min_recipients = 0), Some(Check::Pot)),
            ("min-above-max", Box::new(|c| { c.pot.min_recipients = 9; c.pot.max_recipients = 8; }), Some(Check::Pot)),
            ("below-min", Box::new(|c| c.pot.min_recipients = 6), Some(Check::Pot)),
            ("above-max", Box::new(|c| c.pot.max_recipients = 4), Some(Check::Pot)),
            ("unaffordable", Box::new(|c| { c.pot.amount_cents = 4 * c.pot.grant_cents; c.pot.surplus_cents = 0; }), Some(Check::Pot)),
            ("seed-commitment", Box::new(|c| { let s = c.seed_commitment.as_mut().unwrap(); let x = if s.ends_with('0') { "1" } else { "0" }; s.replace_range(63..64, x); }), Some(Check::SeedCommitment)),
            ("plan-dice", Box::new(|c| c.entropy_plan[0].dice = Some(7)), Some(Check::EntropyPlan)),
            ("plan-label", Box::new(|c| c.entropy_plan[1].label = "lotto2".into()), Some(Check::EntropyPlan)),
            ("reserves-one-fewer", Box::new(|c| c.reserves -= 1), Some(Check::DrawReplay)),
            // Members no other check reads: the new digest changes the draw seed (SPEC §5.3).
            ("title", Box::new(|c| c.title.push('!')), Some(Check::DrawReplay)),
            ("created-at", Box::new(|c| c.created_at = "2031-01-01T00:00:00Z".into()), Some(Check::DrawReplay)),
        ];
        for (name, edit, want) in edits {
            let mut t = doc.clone();
            edit(t.commitment_mut());
            t.commitment_mut().digest = hex::encode(digest_of(&t.commitment).unwrap());
            let v = serde_json::to_value(&t).unwrap();
            prop_assert_eq!(verify_value(&v, None), want.map_or(Ok(()), |c| Err(Some(c))), "{}", name);
            prop_assert_eq!(verify_value(&v, Some(&published)), Err(Some(Check::PublishedCommitment)), "{} (published)", name);
            // The commitment alone: the same check, when it is one of the commitment's (SPEC §8.3).
            let alone = verify_commitment(Commitment::try_from(t.commitment.clone()).unwrap()).outcome.map(|_| ()).map_err(|f| f.check);
            if let Some(c @ (Check::Counts | Check::CanonicalOrder | Check::Pot)) = want {
                prop_assert_eq!(alone, Err(c), "{} (commitment alone)", name);
            } else {
                prop_assert_eq!(alone, Ok(()), "{} (commitment alone)", name);
            }
        }
    }

    /// The edges of the policy verify: k = min, k = max, min = max, and
    /// recipients + reserves = the number of entries.
    #[test]
    fn boundaries_verify(seed in any::<[u8; 32]>(), k in 1u64..6) {
        let n = 8usize;
        for (k, r, min, max) in [(k, 0, k, k), (k, 8 - k, 1, k), (k, 1, k, 9), (1, 0, 1, 1)] {
            let doc = draw(seed, n, k, r, min, max);
            let v = serde_json::to_value(&doc).unwrap();
            prop_assert_eq!(verify_value(&v, None), Ok(()), "k {} r {} min {} max {}", k, r, min, max);
        }
    }
}

/// `verify` never says verified for a document it was not given intact, and
/// the report agrees with its outcome.
#[test]
fn reports_and_digests_belong_to_what_was_verified() {
    let doc = draw([7; 32], 12, 5, 3, 5, 9);
    let t = Transcript::try_from(doc.clone()).unwrap();
    let report = verify_transcript(t.clone(), None);
    assert!(report.is_verified());
    let digest = report.outcome.unwrap().get().transcript_digest;
    let canonical = potdraw_core::jcs::canonicalize(&serde_json::to_value(&doc).unwrap()).unwrap();
    assert_eq!(digest, potdraw_core::hash::transcript_digest(&canonical));
    assert_ne!(digest, potdraw_core::hash::rfc3797_transcript_digest(&canonical));

    let mut bad = doc.clone();
    bad.result[0].rank += 1;
    let report = verify_transcript(Transcript::try_from(bad).unwrap(), None);
    assert!(!report.is_verified());
    assert_eq!(report.outcome.unwrap_err().check, Check::Result);

    // A failure says what was expected and what was found.
    let mut shifted = doc.clone();
    shifted.result[2].position = 7;
    let f = verify_transcript(Transcript::try_from(shifted).unwrap(), None).outcome.unwrap_err();
    assert_eq!((f.check, f.what.to_string()), (Check::Result, "transcript.result[2].position".to_string()));
    assert_eq!((f.expected.as_str(), f.found.as_str()), ("3", "7"));

    // The published commitment must be exactly the embedded one, digest and all.
    let published = Commitment::try_from(doc.commitment.clone()).unwrap();
    assert!(verify_transcript(t.clone(), Some(&published)).is_verified());
    let mut other = (*doc.commitment).clone();
    other.title.push('!');
    other.digest = hex::encode(digest_of(&other).unwrap());
    let other = Commitment::try_from(other).unwrap();
    let f = verify_transcript(t.clone(), Some(&other)).outcome.unwrap_err();
    assert_eq!((f.check, f.expected.as_str()), (Check::PublishedCommitment, other.doc.digest.as_str()));
    assert!(f.what.to_string().contains("another digest"), "{}", f.what);
    // Same digest, another member (an edit without re-digesting): said so.
    let mut same_digest = (*doc.commitment).clone();
    same_digest.title.push('!');
    let same_digest = Commitment::try_from(same_digest).unwrap();
    let f = verify_transcript(t, Some(&same_digest)).outcome.unwrap_err();
    assert_eq!(f.check, Check::PublishedCommitment);
    assert!(f.what.to_string().contains("other than the digest"), "{}", f.what);
}

/// Each pot rule is reported as itself, not as a later consequence (SPEC §8.2 `pot`).
#[test]
fn pot_failures_name_the_member() {
    let doc = draw([9; 32], 12, 5, 3, 5, 9);
    let what = |edit: &dyn Fn(&mut CommitmentDoc)| {
        let mut c = (*doc.commitment).clone();
        edit(&mut c);
        c.digest = hex::encode(digest_of(&c).unwrap());
        let f = verify_commitment(Commitment::try_from(c).unwrap()).outcome.unwrap_err();
        assert_eq!(f.check, Check::Pot);
        f.what.to_string()
    };
    assert_eq!(what(&|c| c.pot.grant_cents += 1), "commitment.pot.grant_cents");
    assert_eq!(what(&|c| (c.pot.grant_monthly_cents, c.pot.grant_cents) = (0, 0)), "commitment.pot.grant_cents");
    assert_eq!(what(&|c| c.pot.min_recipients = 0), "commitment.pot.min_recipients");
    assert_eq!(what(&|c| (c.pot.min_recipients, c.pot.max_recipients) = (6, 5)), "commitment.pot.min_recipients");
    assert_eq!(what(&|c| (c.pot.min_recipients, c.pot.max_recipients) = (1, 4)), "commitment.recipients");
    assert_eq!(what(&|c| c.pot.min_recipients = 6), "commitment.recipients");
    assert_eq!(what(&|c| c.pot.surplus_cents += 1), "commitment.pot.surplus_cents");
}

/// RFC 3797 transcripts are digested under their own tag (SPEC §12.2).
#[test]
fn rfc3797_transcript_digest_uses_its_tag() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/rfc3797/example/transcript.json");
    let t = potdraw_core::parse::transcript(&std::fs::read(path).unwrap()).unwrap();
    let canonical = potdraw_core::jcs::canonicalize(&serde_json::to_value(&t.doc).unwrap()).unwrap();
    let report = verify_transcript(t, None);
    let digest = report.outcome.expect("the RFC 3797 example verifies").get().transcript_digest;
    assert_eq!(digest, potdraw_core::hash::rfc3797_transcript_digest(&canonical));
    assert_ne!(digest, potdraw_core::hash::transcript_digest(&canonical));
}
