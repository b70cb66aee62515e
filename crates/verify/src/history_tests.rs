use super::*;

fn info(n: u8, previous: Option<u8>) -> DrawInfo {
    DrawInfo {
        commitment: [n; 32],
        previous: previous.map(|p| [p; 32]),
        created_at: format!("2026-0{n}-01T12:00:00Z"),
        title: format!("draw {n}"),
        tickets: 24,
        companions: 0,
        recipients: 5,
    }
}

fn file(path: &str, doc: Doc) -> Summary {
    Summary { path: path.to_string(), doc, signature: Signed::NotChecked }
}

fn commitment(n: u8, previous: Option<u8>) -> Summary {
    file(&format!("{n}/commitment.json"), Doc::Commitment(info(n, previous)))
}

fn transcript(n: u8, previous: Option<u8>, t: u8) -> Summary {
    file(&format!("{n}/transcript-{t}.json"), Doc::Transcript { draw: info(n, previous), digest: [100 + t; 32] })
}

fn names(h: &History) -> Vec<&'static str> {
    h.problems.iter().map(|p| p.kind.id()).collect()
}

fn healthy() -> Vec<Summary> {
    vec![
        commitment(1, None),
        transcript(1, None, 1),
        commitment(2, Some(1)),
        transcript(2, Some(1), 2),
        commitment(3, Some(2)),
        transcript(3, Some(2), 3),
    ]
}

#[test]
fn a_healthy_chain_has_no_problem_and_its_draws_in_date_order() {
    let h = assemble(healthy());
    assert_eq!(names(&h), Vec::<&str>::new());
    let titles: Vec<_> = h.draws.iter().map(|d| (d.info.title.as_str(), d.status)).collect();
    assert_eq!(titles, [("draw 1", Status::Drawn), ("draw 2", Status::Drawn), ("draw 3", Status::Drawn)]);
}

#[test]
fn the_order_of_the_files_does_not_matter() {
    let mut files = healthy();
    files.push(transcript(2, Some(1), 9));
    files.push(commitment(4, Some(2)));
    let forward = assemble(files.clone());
    files.reverse();
    assert_eq!(assemble(files), forward);
}

#[test]
fn two_transcripts_of_one_commitment_are_a_re_draw_naming_both() {
    let mut files = healthy();
    files.push(transcript(2, Some(1), 9));
    let h = assemble(files);
    assert_eq!(names(&h), ["re-draw"]);
    assert_eq!(h.problems[0].files, ["2/transcript-2.json", "2/transcript-9.json"]);
    assert_eq!(h.problems[0].digest, Some([2; 32]));
    assert_eq!(h.draws[1].status, Status::ReDrawn);
}

#[test]
fn one_transcript_published_twice_is_not_a_re_draw() {
    let mut files = healthy();
    let mut copy = transcript(2, Some(1), 2);
    copy.path = "mirror/transcript.json".into();
    files.push(copy);
    assert_eq!(names(&assemble(files)), Vec::<&str>::new());
}

#[test]
fn undrawn_missing_commitment_fork_gap_and_two_starts_are_each_named() {
    let files = vec![
        commitment(1, None),
        transcript(1, None, 1),
        commitment(2, Some(1)),    // never drawn
        commitment(3, Some(1)),    // fork with 2
        transcript(4, Some(3), 4), // commitment not published
        commitment(5, Some(7)),    // gap: 7 is not here
        transcript(5, Some(7), 5),
        commitment(6, None), // a second start
        transcript(6, None, 6),
    ];
    let h = assemble(files);
    let mut got = names(&h);
    got.sort();
    let mut want = vec!["not-drawn", "not-drawn", "commitment-missing", "fork", "gap", "chain-start"];
    want.sort();
    assert_eq!(got, want);
    let fork = h.problems.iter().find(|p| p.kind == Kind::Fork).unwrap();
    assert_eq!(fork.files, ["2/commitment.json", "3/commitment.json"]);
    let gap = h.problems.iter().find(|p| p.kind == Kind::Gap).unwrap();
    assert_eq!(gap.digest, Some([7; 32]));
    let missing = h.problems.iter().find(|p| p.kind == Kind::CommitmentMissing).unwrap();
    assert_eq!(missing.files, ["4/transcript-4.json"]);
}

#[test]
fn signatures_failures_junk_and_records_are_named() {
    let mut files = healthy();
    files[0].signature = Signed::Missing;
    files[1].signature = Signed::Bad("mismatch");
    files.push(file("3/forged.json", Doc::Failed { check: "draw-replay".into() }));
    files.push(file("notes.docx", Doc::NotPotdraw));
    files.push(file("README.txt", Doc::Ignored));
    files.push(file("old.json.minisig", Doc::Signature { signs: "old.json".into() }));
    files.push(file("1/amendments.json", Doc::Amendments { transcript: [101; 32], failed: None, rewritten: None }));
    files.push(file(
        "x/amendments.json",
        Doc::Amendments { transcript: [42; 32], failed: Some("amendments-rules".into()), rewritten: None },
    ));
    let h = assemble(files);
    assert_eq!(
        names(&h),
        [
            "verification-failed",
            "signature-missing",
            "signature-bad",
            "signature-without-file",
            "amendments-failed",
            "amendments-transcript-missing",
            "not-potdraw"
        ]
    );
    assert_eq!(h.problems[2].detail.as_deref(), Some("mismatch"));
}

#[test]
fn chain_start_names_its_files_sorted_by_path() {
    // Draw 1 (the smaller digest) lives at the later path.
    let files = vec![
        file("z/commitment.json", Doc::Commitment(info(1, None))),
        file("a/commitment.json", Doc::Commitment(info(2, None))),
    ];
    let h = assemble(files);
    let start = h.problems.iter().find(|p| p.kind == Kind::ChainStart).unwrap();
    assert_eq!(start.files, ["a/commitment.json", "z/commitment.json"]);
}

#[test]
fn a_second_draw_with_the_same_title_is_a_warning_not_a_problem() {
    // SPEC §9.10: committing again after July, with July's title, is a
    // valid chain; only the repeated title shows it.
    let mut files = healthy();
    let mut again = info(4, Some(3));
    again.title = "draw 3".into();
    files.push(file("4/commitment.json", Doc::Commitment(again.clone())));
    files.push(file("4/transcript.json", Doc::Transcript { draw: again, digest: [104; 32] }));
    let h = assemble(files);
    assert_eq!(names(&h), Vec::<&str>::new());
    assert_eq!(h.warnings.len(), 1);
    assert_eq!(h.warnings[0].kind, Kind::DuplicateTitle);
    assert_eq!(h.warnings[0].files, ["3/commitment.json", "4/commitment.json"]);
    assert_eq!(h.warnings[0].detail.as_deref(), Some("draw 3"));
    assert!(assemble(healthy()).warnings.is_empty());
}
