//! fixtures/v4/ (SPEC §17.12): two draws with several lists — the bundled
//! example's list with a list of travel companions, and three lists of two
//! neighbourhoods — their files, and single changes to their transcripts,
//! each with the check that must catch it or `unusable`.

use crate::{clean, example_args, fixed_rng, flip, vector, write, EXAMPLE_DICE};
use anyhow::Result;
use potdraw_core::commit::{Candidate, PotPolicy};
use potdraw_core::lists::{parse_commitment, ListsTranscriptDoc};
use potdraw_core::lists_draw::{commit_lists, digest_of, run, ListInput, ListsParams, RuleInput};
use potdraw_core::vector::Expect;
use rand_core::RngCore;
use serde_json::Value;
use std::path::Path;

/// One list of a fixture: name, rule, reserves, candidates file (relative
/// to `fixtures/`), written by the generator unless it is the example's.
pub(crate) struct Spec {
    pub name: &'static str,
    /// SPEC §19: a display name makes the draw version 5.
    pub display: Option<&'static str>,
    pub rule: RuleInput,
    pub reserves: u64,
    pub csv: String,
}

pub fn write_all(root: &Path) -> Result<()> {
    let dir = root.join("v4");
    // The volunteers who travel with the recipients: nine, two of them twice as likely.
    write(&dir.join("two-lists/reisgenoten.csv"), &csv("REIS", 9, &[2, 6]))?;
    write(&dir.join("three-lists/kanaleneiland.csv"), &csv("KAN", 12, &[3]))?;
    write(&dir.join("three-lists/overvecht.csv"), &csv("OVV", 10, &[1, 4]))?;
    write(&dir.join("three-lists/overvecht-reisgenoten.csv"), &csv("OVR", 6, &[]))?;
    let example_pot = PotPolicy { amount_cents: 6_500_000, ..PotPolicy::default() };
    let two = draw(
        root,
        "v4/two-lists",
        "Reisgezelschap Zuid, december 2026",
        vec![
            Spec {
                display: None,
                name: "ontvangers",
                rule: RuleInput::Pot(example_pot, None),
                reserves: 3,
                csv: "example/candidates.csv".into(),
            },
            Spec {
                display: None,
                name: "reisgenoten",
                rule: RuleInput::Companions("ontvangers".into()),
                reserves: 2,
                csv: "v4/two-lists/reisgenoten.csv".into(),
            },
        ],
    )?;
    let small_pot = PotPolicy { amount_cents: 4_000_000, min_recipients: 2, max_recipients: 5, ..PotPolicy::default() };
    let three = draw(
        root,
        "v4/three-lists",
        "Buurtpotten Utrecht, december 2026",
        vec![
            Spec {
                display: None,
                name: "kanaleneiland",
                rule: RuleInput::Fixed(4),
                reserves: 2,
                csv: "v4/three-lists/kanaleneiland.csv".into(),
            },
            Spec {
                display: None,
                name: "overvecht",
                rule: RuleInput::Pot(small_pot, None),
                reserves: 2,
                csv: "v4/three-lists/overvecht.csv".into(),
            },
            Spec {
                display: None,
                name: "overvecht-reisgenoten",
                rule: RuleInput::Companions("overvecht".into()),
                reserves: 1,
                csv: "v4/three-lists/overvecht-reisgenoten.csv".into(),
            },
        ],
    )?;
    vectors(&dir.join("transcripts"), &two, &three)
}

/// A generated candidate list: `n` ids PREFIX-001 …, weight 2 at the given positions.
pub(crate) fn csv(prefix: &str, n: usize, heavy: &[usize]) -> Vec<u8> {
    let mut out = String::from("id,weight\n");
    for i in 1..=n {
        out.push_str(&format!("{prefix}-{i:03},{}\n", if heavy.contains(&i) { 2 } else { 1 }));
    }
    out.into_bytes()
}

/// Commits the lists into `fixtures/FOLDER` and draws them with the
/// example's dice and numbers.
pub(crate) fn draw(root: &Path, folder: &str, title: &str, specs: Vec<Spec>) -> Result<ListsTranscriptDoc> {
    let dir = root.join(folder);
    let entropy = vec!["dice:room:10".into(), "numbers:lotto-2026-12-05:6".into()];
    let cfg = potdraw_cli::config::commit(example_args(
        root.join("example/candidates.csv"),
        dir.clone(),
        entropy,
        "potdraw-v1",
        title,
    ))?;
    let mut lists = Vec::new();
    for s in specs {
        let candidates: Vec<Candidate> = potdraw_cli::candidates::parse(&std::fs::read(root.join(&s.csv))?)?;
        let display = s.display.map(String::from);
        lists.push(ListInput { name: s.name.into(), display, rule: s.rule, reserves: s.reserves, candidates });
    }
    let params = ListsParams {
        title: title.into(),
        created_at: cfg.params.created_at,
        plan: cfg.params.plan.clone(),
        previous: None,
    };
    // The stream's name is the one the v4 fixtures were made with.
    let mut rng = fixed_rng(&folder.replacen("v4/", "v4-", 1).replacen("v5/", "v5-", 1));
    let made = commit_lists(&params, lists, &mut |b| rng.fill_bytes(b))?;
    let doc = potdraw_cli::pretty::document(&made.commitment)?;
    write(&dir.join("commitment.json"), &doc)?;
    write(&dir.join("seed"), format!("{}\n", hex::encode(made.seed)).as_bytes())?;
    let mut receipts = Vec::new();
    for r in &made.receipts {
        receipts.extend(potdraw_cli::cmd::commit::jsonl(r)?);
    }
    write(&dir.join("receipts.jsonl"), &receipts)?;
    let commitment = parse_commitment(&doc)?;
    let typed = potdraw_cli::ops::drawing::normalise(Some(&commitment.plan[1].kind), crate::v3::TYPED_NUMBERS);
    let given = vec![("room".to_string(), EXAMPLE_DICE.to_string()), ("lotto-2026-12-05".to_string(), typed)];
    let transcript = run(&commitment, &made.seed, &given, &[])?;
    write(&dir.join("transcript.json"), &potdraw_cli::pretty::document(&transcript)?)?;
    Ok(transcript)
}

/// A transcript as it is laid out on disk.
pub(crate) fn body(t: &ListsTranscriptDoc) -> String {
    String::from_utf8(potdraw_cli::render::document(&serde_json::to_value(t).unwrap())).unwrap()
}

/// Recomputes the embedded commitment's digest, as a forger would.
pub(crate) fn redigest(t: &mut ListsTranscriptDoc) {
    let c = t.commitment_mut();
    c.digest = hex::encode(digest_of(c).unwrap());
}

type Failing<'a> = (&'a str, &'a str, &'a str, fn(&mut ListsTranscriptDoc));
type Unusable<'a> = (&'a str, &'a str, fn(&mut Value));

fn vectors(dir: &Path, two: &ListsTranscriptDoc, three: &ListsTranscriptDoc) -> Result<()> {
    clean(dir)?;
    for (name, t, published) in
        [("two-lists", two, "v4/two-lists/commitment.json"), ("three-lists", three, "v4/three-lists/commitment.json")]
    {
        let what = |s: &str| ("description", format!("the {s} draw of {name}"));
        vector(dir, &format!("{name}-valid"), "transcript", Expect::Verified, &[what("v4")], body(t))?;
        vector(
            dir,
            &format!("{name}-valid-with-published-commitment"),
            "transcript",
            Expect::Verified,
            &[("published-commitment", published.into()), what("v4")],
            body(t),
        )?;
    }
    // The two-lists draw with its commitment re-made (another title), against the published one.
    let mut remade = two.clone();
    remade.commitment_mut().title.push('!');
    redigest(&mut remade);
    vector(
        dir,
        "two-lists-commitment-remade",
        "transcript",
        Expect::Failed("published-commitment".into()),
        &[
            ("published-commitment", "v4/two-lists/commitment.json".into()),
            ("description", "the transcript embeds a re-made commitment, not the published one".into()),
        ],
        body(&remade),
    )?;
    let failed_two: Vec<Failing> = vec![
        ("two-lists-name-changed", "commitment-digest", "a list renamed after publication", |t| {
            t.commitment_mut().lists[1].name = "reisgenote".into()
        }),
        ("two-lists-lists-swapped", "commitment-digest", "the commitment's lists in another order", |t| {
            t.commitment_mut().lists.swap(0, 1)
        }),
        ("two-lists-order", "canonical-order", "two entries of list 2 swapped, digest recomputed", |t| {
            t.commitment_mut().lists[1].candidates.entries.edit(|e| e.swap(2, 3));
            redigest(t)
        }),
        ("two-lists-count", "counts", "list 2 claims one candidate more, digest recomputed", |t| {
            t.commitment_mut().lists[1].candidates.count += 1;
            redigest(t)
        }),
        ("two-lists-surplus", "pot", "list 1's surplus changed, digest recomputed", |t| {
            t.commitment_mut().lists[0].pot.as_mut().unwrap().surplus_cents += 1;
            redigest(t)
        }),
        (
            "two-lists-companions-fewer",
            "companions",
            "four travel companions for five recipients, digest recomputed",
            |t| {
                t.commitment_mut().lists[1].recipients = 4;
                redigest(t)
            },
        ),
        (
            "two-lists-companions-self",
            "companions",
            "the companions list travels with itself, digest recomputed",
            |t| {
                t.commitment_mut().lists[1].companions_of = Some("reisgenoten".into());
                redigest(t)
            },
        ),
        (
            "two-lists-companions-unknown",
            "companions",
            "the companions list names no list of the draw, digest recomputed",
            |t| {
                t.commitment_mut().lists[1].companions_of = Some("overvecht".into());
                redigest(t)
            },
        ),
        ("two-lists-seed", "seed-commitment", "another seed", |t| flip(&mut t.seed)),
        ("two-lists-dice", "entropy-plan", "nine dice where ten were announced", |t| {
            t.entropy[0].value.pop();
        }),
        ("two-lists-numbers", "draw-replay", "another sixth number", |t| {
            t.entropy[1].value = "3 14 15 22 35 42".into()
        }),
        ("two-lists-list-seed", "draw-replay", "list 2's list seed changed", |t| flip(&mut t.lists[1].list_seed)),
        ("two-lists-results-swapped", "draw-replay", "the two lists' results in the other order", |t| {
            t.lists.swap(0, 1)
        }),
        ("two-lists-result-missing", "draw-replay", "list 2's result without its last reserve", |t| {
            t.lists[1].result.pop();
        }),
        ("two-lists-one-result", "draw-replay", "only the first list's result", |t| {
            t.lists.pop();
        }),
        ("two-lists-companions-reordered", "draw-replay", "travel companions 1 and 2 swapped (another pairing)", |t| {
            let r = &mut t.lists[1].result;
            let (a, b) = (r[0].clone(), r[1].clone());
            r[0] = potdraw_core::wire::ResultEntryDoc { position: 1, rank: 1, ..b };
            r[1] = potdraw_core::wire::ResultEntryDoc { position: 2, rank: 2, ..a };
        }),
        ("two-lists-rank", "result", "list 2's first reserve written as rank 2", |t| t.lists[1].result[5].rank = 2),
        ("two-lists-leaf", "result", "list 1's third recipient with another leaf", |t| {
            flip(&mut t.lists[0].result[2].leaf)
        }),
    ];
    failed(dir, two, failed_two)?;
    let failed_three: Vec<Failing> = vec![
        (
            "three-lists-companions-of-fixed-other-k",
            "companions",
            "the companions travel with a list of four, digest recomputed",
            |t| {
                t.commitment_mut().lists[2].companions_of = Some("kanaleneiland".into());
                redigest(t)
            },
        ),
        (
            "three-lists-companions-chain",
            "companions",
            "a list travels with the companions list, digest recomputed",
            |t| {
                let l = &mut t.commitment_mut().lists[0];
                l.rule = "companions".into();
                l.companions_of = Some("overvecht-reisgenoten".into());
                l.recipients = 3;
                redigest(t)
            },
        ),
        ("three-lists-fixed-zero", "counts", "a fixed list of no recipients, digest recomputed", |t| {
            t.commitment_mut().lists[0].recipients = 0;
            redigest(t)
        }),
        ("three-lists-weight", "result", "list 3's first recipient with another weight", |t| {
            t.lists[2].result[0].weight += 1
        }),
        ("three-lists-index", "draw-replay", "list 1's first pick points at another entry", |t| {
            let r = &mut t.lists[0].result[0];
            r.index = (r.index + 1) % 12;
        }),
    ];
    failed(dir, three, failed_three)?;
    let unusable: Vec<Unusable> = vec![
        ("unusable-one-list", "a v4 commitment and transcript with one list", |v| {
            v["commitment"]["lists"].as_array_mut().unwrap().remove(1);
            v["lists"].as_array_mut().unwrap().remove(1);
        }),
        ("unusable-name-uppercase", "a list name with an uppercase letter", |v| {
            v["commitment"]["lists"][0]["name"] = "Ontvangers".into()
        }),
        ("unusable-name-space", "a list name with a trailing space", |v| {
            v["commitment"]["lists"][0]["name"] = "ontvangers ".into()
        }),
        ("unusable-names-twice", "two lists of the same name", |v| {
            v["commitment"]["lists"][1]["name"] = "ontvangers".into()
        }),
        ("unusable-rule-unknown", "a rule that does not exist", |v| {
            v["commitment"]["lists"][1]["rule"] = "half".into()
        }),
        ("unusable-pot-rule-without-pot", "rule pot without a pot member", |v| {
            v["commitment"]["lists"][0].as_object_mut().unwrap().remove("pot");
        }),
        ("unusable-pot-on-fixed", "a pot member on a list whose rule is fixed", |v| {
            v["commitment"]["lists"][0]["rule"] = "fixed".into()
        }),
        ("unusable-companions-of-missing", "rule companions without companions_of", |v| {
            v["commitment"]["lists"][1].as_object_mut().unwrap().remove("companions_of");
        }),
        ("unusable-companions-of-null", "companions_of that is null", |v| {
            v["commitment"]["lists"][1]["companions_of"] = Value::Null
        }),
        ("unusable-top-level-recipients", "a v4 commitment with a top-level recipients member", |v| {
            v["commitment"]["recipients"] = 5.into()
        }),
        ("unusable-top-level-result", "a v4 transcript with a top-level result member", |v| {
            v["result"] = Value::Array(vec![])
        }),
        ("unusable-v3-transcript-v4-commitment", "a v3 transcript embedding a v4 commitment", |v| {
            v["format"] = "potdraw/transcript/v3".into()
        }),
        ("unusable-v4-transcript-v3-commitment", "a v4 transcript whose commitment says v3", |v| {
            v["commitment"]["format"] = "potdraw/commitment/v3".into()
        }),
        ("unusable-list-seed-short", "a list seed of 63 hex digits", |v| {
            let s = v["lists"][0]["list_seed"].as_str().unwrap()[..63].to_string();
            v["lists"][0]["list_seed"] = s.into()
        }),
        ("unusable-text-kind", "a plan entry of kind text, which v4 does not have", |v| {
            let p = &mut v["commitment"]["entropy_plan"][1];
            p["kind"] = "text".into();
            p.as_object_mut().unwrap().remove("count");
        }),
        ("unusable-list-result-extra-member", "a list result with an unknown member", |v| {
            v["lists"][0]["pairs"] = Value::Array(vec![])
        }),
    ];
    let value = serde_json::to_value(two)?;
    for (name, description, edit) in unusable {
        let mut v = value.clone();
        edit(&mut v);
        let text = String::from_utf8(potdraw_cli::render::document(&v))?;
        vector(dir, name, "transcript", Expect::Unusable, &[("description", description.into())], text)?;
    }
    Ok(())
}

fn failed(dir: &Path, ex: &ListsTranscriptDoc, changes: Vec<Failing>) -> Result<()> {
    for (name, check, description, edit) in changes {
        let mut t = ex.clone();
        edit(&mut t);
        vector(
            dir,
            name,
            "transcript",
            Expect::Failed(check.into()),
            &[("description", description.into())],
            body(&t),
        )?;
    }
    Ok(())
}
