//! The limits of the syntax that bound a verifier's work (SPEC §5.1, §7.7,
//! §12.1): a plan of at most 64 sources, and at most 4096 picks for the RFC
//! 3797 method. A document just inside a limit is usable; one just outside it
//! (or far outside it, or overflowing) is unusable, naming the field.

use potdraw_core::entropy::MAX_PLAN_SOURCES;
use potdraw_core::error::FieldKind;
use potdraw_core::model::Commitment;
use potdraw_core::wire::{CommitmentDoc, PlanEntryDoc};

/// SPEC §5.1, §7.7: at most 64 plan sources, labels unique; found with a
/// set, so that a plan far above the limit costs no more than reading it.
#[test]
fn plans_are_bounded_and_labels_unique() {
    let text = include_str!("../../../fixtures/example/commitment.json");
    let doc: CommitmentDoc = serde_json::from_str(text).unwrap();
    let with_plan = |n: usize, label: &dyn Fn(usize) -> String| {
        let plan = (0..n).map(|i| PlanEntryDoc { label: label(i), ..doc.entropy_plan[0].clone() }).collect();
        Commitment::try_from(CommitmentDoc { entropy_plan: plan, ..doc.clone() })
    };
    let numbered = |i: usize| format!("s{i}");
    assert_eq!(with_plan(MAX_PLAN_SOURCES, &numbered).unwrap().plan.len(), 64);
    let e = with_plan(MAX_PLAN_SOURCES + 1, &numbered).unwrap_err();
    assert_eq!((e.field.as_str(), &e.kind), ("commitment.entropy_plan", &FieldKind::PlanSize { max: 64 }));
    assert_eq!(e.found, "65");
    assert_eq!(with_plan(80_000, &numbered).unwrap_err().found, "80000");
    let twice = |i: usize| if i == 40 { "s7".to_string() } else { numbered(i) };
    let e = with_plan(MAX_PLAN_SOURCES, &twice).unwrap_err();
    assert_eq!((e.field.as_str(), e.kind), ("commitment.entropy_plan[40].label", FieldKind::LabelReused));
}

/// SPEC §12.1: an RFC 3797 commitment of more than 4096 picks is unusable,
/// also when recipients + reserves would overflow; a v1 commitment has no such limit.
#[test]
fn rfc3797_picks_are_bounded_exactly() {
    let text = include_str!("../../../fixtures/rfc3797/example/commitment.json");
    let doc: CommitmentDoc = serde_json::from_str(text).unwrap();
    let with =
        |recipients: u64, reserves: u64| Commitment::try_from(CommitmentDoc { recipients, reserves, ..doc.clone() });
    assert!(with(5, 4091).is_ok());
    let e = with(5, 4092).unwrap_err();
    assert_eq!((e.field.as_str(), &e.kind), ("commitment.recipients + reserves", &FieldKind::Picks { max: 4096 }));
    assert_eq!(e.found, "5 + 4092");
    assert_eq!(with(u64::MAX, u64::MAX).unwrap_err().kind, FieldKind::Picks { max: 4096 });
    let v1 = include_str!("../../../fixtures/example/commitment.json");
    let v1: CommitmentDoc = serde_json::from_str(v1).unwrap();
    assert!(Commitment::try_from(CommitmentDoc { reserves: 1 << 40, ..v1 }).is_ok());
}
