//! fixtures/v5/ (SPEC §19.5): one evening of two neighbourhoods, each with
//! its travel companions, whose lists carry the display names people call
//! them by; and single changes to its transcript — a display name changed
//! after publication, and every display name §19.2 refuses.

use crate::v4::{body, csv, draw, Spec};
use crate::{vector, write};
use anyhow::Result;
use potdraw_core::commit::PotPolicy;
use potdraw_core::lists::ListsTranscriptDoc;
use potdraw_core::lists_draw::RuleInput;
use potdraw_core::vector::Expect;
use serde_json::Value;
use std::path::Path;

/// A vector's name, what it changes, and the change.
type Edit = (&'static str, &'static str, fn(&mut ListsTranscriptDoc));

const FOLDER: &str = "v5/two-neighbourhoods";

pub fn write_all(root: &Path) -> Result<()> {
    let dir = root.join(FOLDER);
    write(&dir.join("noord.csv"), &csv("NOORD", 10, &[3, 8]))?;
    write(&dir.join("zuid.csv"), &csv("ZUID", 8, &[5]))?;
    write(&dir.join("reisgenoten-noord.csv"), &csv("REISN", 7, &[]))?;
    write(&dir.join("reisgenoten-zuid.csv"), &csv("REISZ", 6, &[2]))?;
    let noord = PotPolicy { amount_cents: 6_000_000, ..PotPolicy::default() };
    let zuid = PotPolicy { amount_cents: 4_800_000, min_recipients: 2, max_recipients: 5, ..PotPolicy::default() };
    let list = |name: &'static str, display, rule, reserves| Spec {
        name,
        display: Some(display),
        rule,
        reserves,
        csv: format!("{FOLDER}/{name}.csv"),
    };
    let t = draw(
        root,
        FOLDER,
        "Buurtpot Noord en Zuid, december 2026",
        vec![
            list("noord", "Noord", RuleInput::Pot(noord, None), 3),
            list("zuid", "Zuid – Rivierenwijk", RuleInput::Pot(zuid, None), 2),
            list("reisgenoten-noord", "Reisgenoten Noord", RuleInput::Companions("noord".into()), 2),
            list("reisgenoten-zuid", "Reisgenoten Zuid", RuleInput::Companions("zuid".into()), 1),
        ],
    )?;
    vectors(&root.join("v5/transcripts"), &t)
}

type Unusable<'a> = (&'a str, &'a str, fn(&mut Value));

/// The first list's display name, replaced.
fn display(v: &mut Value, d: Value) {
    v["commitment"]["lists"][0]["display"] = d;
}

fn vectors(dir: &Path, t: &ListsTranscriptDoc) -> Result<()> {
    crate::clean(dir)?;
    let published = format!("{FOLDER}/commitment.json");
    let what = ("description", "the v5 draw of two neighbourhoods with their travel companions".to_string());
    vector(dir, "valid", "transcript", Expect::Verified, std::slice::from_ref(&what), body(t))?;
    vector(
        dir,
        "valid-with-published-commitment",
        "transcript",
        Expect::Verified,
        &[("published-commitment", published), what],
        body(t),
    )?;
    let failed: Vec<Edit> = vec![
        ("display-changed", "a display name changed after publication", |t| {
            t.commitment_mut().lists[0].display = Some("Noord-Oost".into())
        }),
        ("displays-swapped", "the display names of the two neighbourhoods swapped", |t| {
            let l = &mut t.commitment_mut().lists;
            let (a, b) = (l[0].display.take(), l[1].display.take());
            (l[0].display, l[1].display) = (b, a);
        }),
    ];
    for (name, description, edit) in failed {
        let mut changed = t.clone();
        edit(&mut changed);
        let expect = Expect::Failed("commitment-digest".into());
        vector(dir, name, "transcript", expect, &[("description", description.into())], body(&changed))?;
    }
    let unusable: Vec<Unusable> = vec![
        ("unusable-display-missing", "a v5 list without a display name", |v| {
            v["commitment"]["lists"][2].as_object_mut().unwrap().remove("display");
        }),
        ("unusable-display-null", "a display name that is null", |v| display(v, Value::Null)),
        ("unusable-display-empty", "an empty display name", |v| display(v, "".into())),
        ("unusable-display-too-long", "a display name of 65 characters", |v| display(v, "é".repeat(65).into())),
        ("unusable-display-not-nfc", "a display name not in NFC (o and a combining diaeresis)", |v| {
            display(v, "No\u{308}ord".into())
        }),
        ("unusable-display-control", "a display name with a control character", |v| display(v, "Noord\u{7}".into())),
        ("unusable-display-zero-width", "a display name with a zero-width space", |v| {
            display(v, "No\u{200B}ord".into())
        }),
        ("unusable-display-no-break-space", "a display name with a no-break space", |v| {
            display(v, "Noord\u{A0}Oost".into())
        }),
        ("unusable-display-leading-space", "a display name beginning with a space", |v| display(v, " Noord".into())),
        ("unusable-display-trailing-space", "a display name ending with a space", |v| display(v, "Noord ".into())),
        ("unusable-display-double-space", "two spaces in a row", |v| display(v, "Noord  Oost".into())),
        ("unusable-display-unassigned", "a display name with a mark not assigned in Unicode 15.0", |v| {
            display(v, "Noord\u{1ADE}".into())
        }),
        ("unusable-display-twice", "two lists with the same display name", |v| {
            v["commitment"]["lists"][1]["display"] = "Noord".into()
        }),
        ("unusable-v4-with-display", "a v4 commitment and transcript whose lists have display names", |v| {
            v["format"] = "potdraw/transcript/v4".into();
            v["commitment"]["format"] = "potdraw/commitment/v4".into();
        }),
        ("unusable-v5-transcript-v4-commitment", "a v5 transcript whose commitment says v4", |v| {
            v["commitment"]["format"] = "potdraw/commitment/v4".into()
        }),
        ("unusable-v4-transcript-v5-commitment", "a v4 transcript embedding a v5 commitment", |v| {
            v["format"] = "potdraw/transcript/v4".into()
        }),
    ];
    let value = serde_json::to_value(t)?;
    for (name, description, edit) in unusable {
        let mut v = value.clone();
        edit(&mut v);
        let text = String::from_utf8(potdraw_cli::render::document(&v))?;
        vector(dir, name, "transcript", Expect::Unusable, &[("description", description.into())], text)?;
    }
    Ok(())
}
