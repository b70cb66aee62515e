//! SPEC §15.8 on a v4 draw through this crate: each list continues its own
//! selection from its own list seed, and a participant's final outcome is
//! given in their list, a companion's with the place they travel with.
//! Expected entries come from the transcript's `result` and from core's
//! `list_picks` (SPEC §17.4), not from the record's replay.

use potdraw_core::amend::{self, AmendmentsDoc, EventDoc, Reason};
use potdraw_core::lists;
use potdraw_core::succession::Holder;
use potdraw_verify::amend::Fate;
use potdraw_verify::amend_lists::verify_lists_amendments;
use std::path::PathBuf;

#[test]
fn each_list_continues_its_own_selection_and_companions_travel_by_place() {
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let t = lists::parse_transcript(&std::fs::read(fixtures.join("v4/two-lists/transcript.json")).unwrap()).unwrap();
    let (seed, entries) = (t.draw_seed, t.commitment.entries(1).to_vec());
    let evening: Vec<usize> = t.lists[1].result.iter().map(|p| p.index as usize).collect();
    let draw = potdraw_verify::verify_lists_transcript(t, None).outcome.unwrap();
    let mut doc = AmendmentsDoc::new_v2(&draw.get().transcript_digest);
    // reisgenoten: k = 5, r = 2, n = 9. Places 1, 2, 3 vacated: reserves 1, 2, then continued reserve 3.
    for (seq, place, m) in [(1, 1, 1), (2, 2, 2), (3, 3, 3)] {
        doc.events.push(EventDoc::vacate(seq, "2026-12-15", place, Reason::Declined, m).in_list("reisgenoten"));
    }
    let record = amend::parse(doc.to_pretty().as_bytes()).unwrap();
    let a = verify_lists_amendments(&draw, record, None).unwrap().outcome.unwrap();
    let longer = potdraw_core::lists_draw::list_picks(&entries, 8, &seed, "reisgenoten").unwrap();
    assert_eq!(&longer[..7], &evening[..], "the evening's picks start the continued selection");
    let g = &a.get().lists[1];
    assert_eq!(g.places[2].holder, Holder::Reserve(3));
    assert_eq!(g.places[2].index, Some(longer[7]));
    assert_eq!(
        a.get().lists[0].places.iter().map(|p| p.holder).collect::<Vec<_>>(),
        (1..=5).map(Holder::Recipient).collect::<Vec<_>>()
    );
    // The continued reserve holds place 3 of reisgenoten: travels with place 3 of ontvangers.
    let f = a.fate(1, longer[7]);
    assert_eq!(f.fate, Fate::Holds { place: 3, holder: Holder::Reserve(3) });
    assert_eq!(f.travels_with, Some(("ontvangers".to_string(), 3)));
    // Companion 1 left; nobody travels for them.
    let f = a.fate(1, evening[0]);
    assert!(matches!(f.fate, Fate::Left { .. }) && f.travels_with.is_none(), "{f:?}");
    // A recipient of ontvangers travels with nobody: it is not a companions list.
    let o = &draw.get().transcript.lists[0].result;
    assert_eq!(a.fate(0, o[0].index as usize).travels_with, None);
    // A v1 record is refused for several lists (SPEC §17.10).
    let v1 = amend::parse(AmendmentsDoc::new(&draw.get().transcript_digest).to_pretty().as_bytes()).unwrap();
    assert!(verify_lists_amendments(&draw, v1, None).is_err());
}
