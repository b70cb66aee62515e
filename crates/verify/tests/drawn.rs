//! One model of a draw (issue 27): [`Drawn`] answers for a draw of one
//! list exactly what the version's own API answers, and for a draw with
//! lists exactly what the v4 API answers, on the published fixtures.

use potdraw_core::code;
use potdraw_core::model::Receipt;
use potdraw_core::parse;
use potdraw_verify::{verify_lists_transcript, verify_transcript, Drawn, ListTicket, Outcome, ReceiptList, Ticket};
use std::path::PathBuf;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

fn receipts(path: PathBuf) -> Vec<Receipt> {
    let text = std::fs::read_to_string(&path).unwrap();
    text.lines().map(|l| parse::receipt(l.as_bytes()).unwrap()).collect()
}

/// The bundled example (one list): one unnamed list with the pot rule; every
/// receipt's place is the one `Verified<Draw>::ticket` gives, by receipt and
/// by id and code.
#[test]
fn a_draw_of_one_list_is_one_unnamed_list() {
    let t = parse::transcript(&std::fs::read(fixtures().join("example/transcript.json")).unwrap()).unwrap();
    let one = verify_transcript(t, None).outcome.unwrap();
    let drawn = Drawn::from(one.clone());
    let lists = drawn.lists();
    assert_eq!(lists.len(), 1);
    assert_eq!(lists[0].name, None);
    assert!(!drawn.has_named_lists());
    assert_eq!(lists[0].recipients, one.get().transcript.commitment.doc.recipients);
    assert_eq!(lists[0].result.len() as u64, lists[0].recipients + lists[0].reserves);
    assert_eq!(drawn.title(), one.get().transcript.commitment.doc.title);
    assert_eq!(drawn.transcript_digest(), &one.get().transcript_digest);
    let mut drawn_places = 0;
    for r in receipts(fixtures().join("example/receipts.jsonl")) {
        assert_eq!(drawn.list_of_receipt(r.doc.list.as_deref()), Ok(0));
        let place = drawn.ticket_in(0, &r.leaf);
        let salt = code::parse_for_draw(&r.doc.code, &r.commitment_digest).unwrap();
        assert_eq!(drawn.ticket_of_id(&r.doc.id, &salt), (place.clone(), Some(r.leaf)));
        let (Ticket::InDraw { weight, outcome }, ListTicket::InDraw { list, weight: w, outcome: o, .. }) =
            (one.ticket(&r.leaf), place)
        else {
            panic!("{} not in the draw", r.doc.id)
        };
        assert_eq!((list, w, o), (None, weight, outcome));
        if o != Outcome::NotDrawn {
            drawn_places += 1;
        }
    }
    assert_eq!(drawn_places, 8, "5 recipients + 3 reserves among the receipts");
    assert_eq!(drawn.list_of_receipt(Some("noord")), Err(ReceiptList::NamesAList));
    assert_eq!(drawn.ticket_in(1, &[0; 32]), ListTicket::NotInDraw);
}

/// A draw with lists: the lists by name and rule, and every receipt's place
/// as the v4 API gives it.
#[test]
fn a_draw_with_lists_answers_as_v4() {
    for folder in ["two-lists", "three-lists"] {
        let dir = fixtures().join(format!("v4/{folder}"));
        let t = potdraw_core::lists::parse_transcript(&std::fs::read(dir.join("transcript.json")).unwrap()).unwrap();
        let v4 = verify_lists_transcript(t, None).outcome.unwrap();
        let drawn = Drawn::from(v4.clone());
        assert!(drawn.has_named_lists());
        let names: Vec<_> = drawn.lists().iter().map(|l| l.name.map(str::to_string)).collect();
        let want: Vec<_> = v4.get().transcript.commitment.lists.iter().map(|l| Some(l.name.clone())).collect();
        assert_eq!(names, want, "{folder}");
        let companions = drawn.lists().iter().filter(|l| l.companions_of().is_some()).count();
        assert!(companions >= 1, "{folder}: a companions list");
        for r in receipts(dir.join("receipts.jsonl")) {
            let i = drawn.list_of_receipt(r.doc.list.as_deref()).unwrap();
            let place = drawn.ticket_in(i, &r.leaf);
            assert_eq!(Some(place.clone()), v4.ticket_of_receipt(r.doc.list.as_deref().unwrap(), &r.leaf));
            let salt = code::parse_for_draw(&r.doc.code, &r.commitment_digest).unwrap();
            assert_eq!(drawn.ticket_of_id(&r.doc.id, &salt), (place, Some(r.leaf)), "{folder} {}", r.doc.id);
        }
        assert_eq!(drawn.list_of_receipt(None), Err(ReceiptList::NamesNoList));
        assert_eq!(drawn.list_of_receipt(Some("nobody")), Err(ReceiptList::UnknownList));
    }
}
