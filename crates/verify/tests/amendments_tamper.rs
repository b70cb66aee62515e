//! A record with any values in its numbered members (SPEC §15.2 allows every
//! integer up to 2^64 − 1 at parse time) is verified or refused by a named
//! check, never a panic; and whatever verifies has a final list without a
//! duplicate, each holder being one of the picks of the continued selection.

use potdraw_core::amend::{self, AmendmentsDoc, EventDoc, Reason};
use potdraw_core::parse;
use potdraw_verify::amend::verify_amendments;
use potdraw_verify::verify_transcript;
use proptest::prelude::*;
use std::path::PathBuf;

fn number() -> impl Strategy<Value = u64> {
    prop_oneof![0u64..30, Just(u64::MAX), Just(1u64 << 53), any::<u64>()]
}

fn event() -> impl Strategy<Value = (bool, u64, u64, u64, u8, u8)> {
    (any::<bool>(), number(), number(), number(), 0u8..3, 0u8..40)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]
    #[test]
    fn any_numbers_give_an_outcome_never_a_panic(events in prop::collection::vec(event(), 0..12), sequential in any::<bool>()) {
        let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
        let t = parse::transcript(&std::fs::read(fixtures.join("example/transcript.json")).unwrap()).unwrap();
        let draw = verify_transcript(t, None).outcome.unwrap();
        let mut doc = AmendmentsDoc::new(&draw.get().transcript_digest);
        for (i, (vacate, a, b, seq, reason, day)) in events.into_iter().enumerate() {
            let seq = if sequential { i as u64 + 1 } else { seq };
            let date = format!("2026-{}-{:02}", if day < 20 { "11" } else { "12" }, 1 + day % 28);
            let reason = Reason::ALL[reason as usize];
            doc.events.push(if vacate { EventDoc::vacate(seq, &date, a, reason, b) } else { EventDoc::skip(seq, &date, a, reason) });
        }
        let record = amend::parse(doc.to_pretty().as_bytes()).unwrap();
        if let Ok(a) = verify_amendments(&draw, record, None).outcome {
            let mut seen = std::collections::HashSet::new();
            for p in &a.get().places {
                if let Some(i) = p.index {
                    prop_assert!(seen.insert(i), "entry {} holds two places", i);
                    prop_assert!(a.get().picks.contains(&i));
                }
            }
        }
    }
}
