//! fixtures/amendments-v2/ (SPEC §15.8): version 2 records, with undo
//! events, for the bundled single-list example and for the two v4 draws.
//!
//! WHY each expected final list is written here by hand-rule: the vectors
//! are what another implementation (the JavaScript verifier) is held to, so
//! they must not be whatever this repository's verifier says. Each valid
//! scenario states its final list as holders ("recipient p", "reserve m"),
//! resolved to entry indices from the transcript's own `result` (and, for a
//! continued reserve, from the selection continued with core's `select`,
//! SPEC §15.1, §17.4), and the generator stops if the verifier disagrees.

use crate::amend::pretty;
use crate::{clean, vector, write};
use anyhow::{bail, Context, Result};
use potdraw_core::amend::{AmendmentsDoc, EventDoc, Reason};
use potdraw_core::vector::Expect;
use potdraw_verify::amend::verify_amendments;
use potdraw_verify::amend_lists::verify_lists_amendments;
use serde_json::json;
use std::path::Path;

const V1: &str = "example/transcript.json";
const TWO: &str = "v4/two-lists/transcript.json";
const THREE: &str = "v4/three-lists/transcript.json";

use Reason::{Declined as D, NotEligible as N, Unreachable as U};

/// An event of a scenario.
#[derive(Clone, Copy)]
enum Ev {
    /// (date, list, place, reason, taken_by)
    Vacate(&'static str, Option<&'static str>, u64, Reason, u64),
    /// (date, list, reserve, reason)
    Skip(&'static str, Option<&'static str>, u64, Reason),
    /// (date, undoes)
    Undo(&'static str, u64),
}

/// Who holds a place, by hand-rule: recipient p, reserve m, or nobody.
#[derive(Clone, Copy)]
enum H {
    R(u64),
    S(u64),
}

fn events(list: &[Ev]) -> Vec<EventDoc> {
    list.iter()
        .enumerate()
        .map(|(i, e)| {
            let seq = i as u64 + 1;
            let (doc, list) = match *e {
                Ev::Vacate(date, list, place, reason, m) => (EventDoc::vacate(seq, date, place, reason, m), list),
                Ev::Skip(date, list, reserve, reason) => (EventDoc::skip(seq, date, reserve, reason), list),
                Ev::Undo(date, undoes) => (EventDoc::undo(seq, date, undoes), None),
            };
            match list {
                Some(l) => doc.in_list(l),
                None => doc,
            }
        })
        .collect()
}

/// The transcript at `path` (relative to fixtures/).
fn bytes(root: &Path, path: &str) -> Result<Vec<u8>> {
    std::fs::read(root.join(path)).with_context(|| path.to_string())
}

/// One list of a transcript, as a hand-rule needs it: k, r, the picks of
/// the evening, and the continued selection on demand.
struct ListFacts {
    k: u64,
    r: u64,
    picks: Vec<usize>,
    more: Box<dyn Fn(usize) -> Vec<usize>>,
}

impl ListFacts {
    fn index(&self, h: H) -> usize {
        match h {
            H::R(p) => self.picks[(p - 1) as usize],
            H::S(m) if m <= self.r => self.picks[(self.k + m - 1) as usize],
            H::S(m) => (self.more)((self.k + m) as usize)[(self.k + m - 1) as usize],
        }
    }
}

fn facts(root: &Path, transcript: &str) -> Result<Vec<ListFacts>> {
    let b = bytes(root, transcript)?;
    if potdraw_core::lists::is_v4(&b) {
        let t = potdraw_core::lists::parse_transcript(&b)?;
        let mut out = Vec::new();
        for (i, l) in t.commitment.doc.lists.iter().enumerate() {
            let entries = t.commitment.entries(i).to_vec();
            let (seed, name) = (t.draw_seed, l.name.clone());
            out.push(ListFacts {
                k: l.recipients,
                r: l.reserves,
                picks: t.lists[i].result.iter().map(|p| p.index as usize).collect(),
                more: Box::new(move |n| {
                    potdraw_core::lists_draw::list_picks(&entries, n, &seed, &name).expect("n ≤ entries")
                }),
            });
        }
        return Ok(out);
    }
    let t = potdraw_core::parse::transcript(&b)?;
    let potdraw_core::model::Replay::PotdrawV1 { draw_seed, .. } = t.replay else { bail!("{transcript}: v1 method") };
    let entries = t.commitment.entries().to_vec();
    Ok(vec![ListFacts {
        k: t.commitment.doc.recipients,
        r: t.commitment.doc.reserves,
        picks: t.result.iter().map(|p| p.index as usize).collect(),
        more: Box::new(move |n| potdraw_core::draw::picks(&entries, n, &draw_seed).expect("n ≤ entries")),
    }])
}

/// `final:` from hand-rule holders: lists separated by ` | ` (SPEC §15.8).
fn final_of(root: &Path, transcript: &str, lists: &[&[H]]) -> Result<String> {
    let f = facts(root, transcript)?;
    let each: Vec<String> = lists
        .iter()
        .zip(&f)
        .map(|(hs, l)| hs.iter().map(|&h| l.index(h).to_string()).collect::<Vec<_>>().join(" "))
        .collect();
    Ok(each.join(" | "))
}

struct Maker<'a> {
    root: &'a Path,
    dir: std::path::PathBuf,
}

impl Maker<'_> {
    fn digest(&self, transcript: &str) -> Result<potdraw_core::Hash32> {
        let b = bytes(self.root, transcript)?;
        Ok(if potdraw_core::lists::is_v4(&b) {
            potdraw_core::lists_draw::transcript_digest(&potdraw_core::lists::parse_transcript(&b)?.doc)?
        } else {
            let t = potdraw_core::parse::transcript(&b)?;
            let draw = potdraw_verify::verify_transcript(t, None).outcome.map_err(|f| anyhow::anyhow!("{f}"))?;
            draw.get().transcript_digest
        })
    }

    fn record(&self, transcript: &str, list: &[Ev]) -> Result<AmendmentsDoc> {
        let mut doc = AmendmentsDoc::new_v2(&self.digest(transcript)?);
        doc.events = events(list);
        Ok(doc)
    }

    /// What the reference verifier says: the outcome and, when verified, the final lists.
    fn verdict(&self, transcript: &str, earlier: Option<&str>, body: &str) -> Result<(Expect, Option<String>)> {
        let Ok(record) = potdraw_core::amend::parse(body.as_bytes()) else { return Ok((Expect::Unusable, None)) };
        let older = match earlier {
            Some(e) => {
                let text = std::fs::read_to_string(self.root.join(e))?;
                Some(potdraw_core::amend::parse(potdraw_core::vector::parse(&text)?.body.as_bytes())?)
            }
            None => None,
        };
        let index = |p: &potdraw_verify::amend::FinalPlace| p.index.map_or("-".to_string(), |i| i.to_string());
        let b = bytes(self.root, transcript)?;
        if potdraw_core::lists::is_v4(&b) {
            let t = potdraw_core::lists::parse_transcript(&b)?;
            let draw = potdraw_verify::verify_lists_transcript(t, None).outcome.map_err(|f| anyhow::anyhow!("{f}"))?;
            let Ok(report) = verify_lists_amendments(&draw, record, older.as_ref()) else {
                return Ok((Expect::Unusable, None));
            };
            return Ok(match report.outcome {
                Ok(a) => {
                    let lists: Vec<String> = a
                        .get()
                        .lists
                        .iter()
                        .map(|l| l.places.iter().map(index).collect::<Vec<_>>().join(" "))
                        .collect();
                    (Expect::Verified, Some(lists.join(" | ")))
                }
                Err(f) => (Expect::Failed(f.check.id().to_string()), None),
            });
        }
        let t = potdraw_core::parse::transcript(&b)?;
        let draw = potdraw_verify::verify_transcript(t, None).outcome.map_err(|f| anyhow::anyhow!("{f}"))?;
        Ok(match verify_amendments(&draw, record, older.as_ref()).outcome {
            Ok(a) => (Expect::Verified, Some(a.get().places.iter().map(index).collect::<Vec<_>>().join(" "))),
            Err(f) => (Expect::Failed(f.check.id().to_string()), None),
        })
    }

    /// Writes a vector stating `want` (and `hand`, the final list by
    /// hand-rule); the generator stops when the verifier disagrees.
    #[allow(clippy::too_many_arguments)]
    fn write(
        &self,
        name: &str,
        transcript: &str,
        earlier: Option<&str>,
        body: String,
        want: Expect,
        hand: Option<String>,
        what: &str,
    ) -> Result<()> {
        let (got, final_list) = self.verdict(transcript, earlier, &body)?;
        if got != want || final_list != hand {
            bail!("amendments-v2/{name}: stated {want:?} {hand:?}, the verifier says {got:?} {final_list:?}");
        }
        let mut headers = vec![("transcript", transcript.to_string())];
        if let Some(e) = earlier {
            headers.push(("earlier", e.to_string()));
        }
        if let Some(f) = hand {
            headers.push(("final", f));
        }
        headers.push(("description", what.to_string()));
        vector(&self.dir, name, "amendments", want, &headers, body)
    }

    fn ok(&self, name: &str, t: &str, earlier: Option<&str>, evs: &[Ev], hand: &[&[H]], what: &str) -> Result<()> {
        let fin = final_of(self.root, t, hand)?;
        self.write(name, t, earlier, self.record(t, evs)?.to_pretty(), Expect::Verified, Some(fin), what)
    }

    fn failed(&self, name: &str, t: &str, earlier: Option<&str>, evs: &[Ev], check: &str, what: &str) -> Result<()> {
        let body = self.record(t, evs)?.to_pretty();
        self.write(name, t, earlier, body, Expect::Failed(check.into()), None, what)
    }

    fn unusable(&self, name: &str, t: &str, body: String, what: &str) -> Result<()> {
        self.write(name, t, None, body, Expect::Unusable, None, what)
    }
}

pub fn write_all(root: &Path) -> Result<()> {
    let dir = root.join("amendments-v2");
    clean(&dir)?;
    let m = Maker { root, dir };
    let (o, g) = (Some("ontvangers"), Some("reisgenoten"));
    use H::{R, S};
    let draw5: &[H] = &[R(1), R(2), R(3), R(4), R(5)];

    // Single-list draw (the bundled example: k = 5, r = 3, n = 24).
    let repeated = [Ev::Vacate("2026-12-15", None, 2, D, 1), Ev::Vacate("2026-12-15", None, 2, D, 2)];
    m.ok(
        "valid-undo-repeated-decline",
        V1,
        None,
        &[repeated[0], repeated[1], Ev::Undo("2026-12-16", 2)],
        &[&[R(1), S(1), R(3), R(4), R(5)]],
        "place 2 declined, then the same command again (reserve 1 did not decline); the second is undone: \
         reserve 1 holds place 2 again, reserve 2 waits again",
    )?;
    m.ok(
        "valid-undo-then-decline",
        V1,
        None,
        &[Ev::Vacate("2026-12-15", None, 2, D, 1), Ev::Undo("2026-12-16", 1), Ev::Vacate("2026-12-17", None, 4, U, 1)],
        &[&[R(1), R(2), R(3), S(1), R(5)]],
        "place 2's decline is undone; then place 4 is vacated and reserve 1, waiting again, takes it",
    )?;
    m.ok(
        "valid-two-undos",
        V1,
        None,
        &[
            Ev::Vacate("2026-12-15", None, 2, D, 1),
            Ev::Skip("2026-12-15", None, 2, N),
            Ev::Undo("2026-12-16", 2),
            Ev::Undo("2026-12-16", 1),
        ],
        &[draw5],
        "two undos in a row: the skip of reserve 2, then the decline of place 2; the final list is the draw's",
    )?;
    m.ok(
        "valid-continues-v1",
        V1,
        Some("amendments/valid-one-decline.txt"),
        &[Ev::Vacate("2026-12-10", None, 3, D, 1), Ev::Undo("2026-12-11", 1)],
        &[draw5],
        "the published v1 record valid-one-decline continued as v2 with an undo of its event: the prefix check \
         passes across versions",
    )?;
    m.failed(
        "failed-undo-nothing-in-effect",
        V1,
        None,
        &[Ev::Vacate("2026-12-15", None, 2, D, 1), Ev::Undo("2026-12-16", 1), Ev::Undo("2026-12-16", 1)],
        "amendments-rules",
        "event 1 is undone twice: at event 3 no event is in effect",
    )?;
    m.failed(
        "failed-undo-wrong-seq",
        V1,
        None,
        &[Ev::Vacate("2026-12-15", None, 2, D, 1), Ev::Vacate("2026-12-15", None, 3, D, 2), Ev::Undo("2026-12-16", 1)],
        "amendments-rules",
        "an undo naming event 1 while event 2 is the most recent in effect",
    )?;
    m.failed(
        "failed-list-on-single-list-draw",
        V1,
        None,
        &[Ev::Vacate("2026-12-15", o, 2, D, 1)],
        "amendments-rules",
        "an event naming a list in a draw with one list",
    )?;
    m.failed(
        "failed-undo-dated-before-event",
        V1,
        None,
        &[Ev::Vacate("2026-12-15", None, 2, D, 1), Ev::Undo("2026-12-14", 1)],
        "amendments-dates",
        "an undo dated before the event before it (§15.4 step 3 holds for undo events)",
    )?;
    m.failed(
        "failed-v1-earlier-rewritten",
        V1,
        Some("amendments/valid-one-decline.txt"),
        &[Ev::Vacate("2026-12-10", None, 3, U, 1), Ev::Undo("2026-12-11", 1)],
        "amendments-prefix",
        "a v2 continuation of valid-one-decline whose first event now says unreachable",
    )?;

    // Two lists: ontvangers (k = 5, r = 3, n = 24), reisgenoten (companions, k = 5, r = 2, n = 9).
    m.ok(
        "v4-decline-and-unreachable-companion",
        TWO,
        None,
        &[Ev::Vacate("2026-12-15", o, 2, D, 1), Ev::Vacate("2026-12-18", g, 4, U, 1)],
        &[&[R(1), S(1), R(3), R(4), R(5)], &[R(1), R(2), R(3), S(1), R(5)]],
        "place 2 of ontvangers declines (its reserve 1 takes it); companion 4 cannot be reached (reserve 1 of \
         reisgenoten takes place 4, and travels with place 4 of ontvangers)",
    )?;
    m.ok(
        "v4-continued-reserve",
        TWO,
        None,
        &[
            Ev::Vacate("2026-12-15", g, 1, D, 1),
            Ev::Vacate("2026-12-15", g, 2, D, 2),
            Ev::Vacate("2026-12-16", g, 3, N, 3),
            Ev::Vacate("2026-12-16", g, 5, U, 4),
        ],
        &[draw5, &[S(1), S(2), S(3), R(4), S(4)]],
        "reisgenoten's two reserves are used, then its selection continues from its own list seed: reserves 3 and \
         4 (picks 8 and 9 of 9 entries); ontvangers is untouched",
    )?;
    m.ok(
        "v4-undo-across-lists",
        TWO,
        None,
        &[
            Ev::Vacate("2026-12-15", o, 1, D, 1),
            Ev::Vacate("2026-12-15", g, 3, D, 1),
            Ev::Undo("2026-12-16", 2),
            Ev::Vacate("2026-12-17", o, 2, U, 2),
        ],
        &[&[S(1), S(2), R(3), R(4), R(5)], &[R(1), R(2), R(3), R(4), R(5)]],
        "the most recent event in effect is in reisgenoten: the undo cancels it, then ontvangers goes on",
    )?;
    m.failed(
        "v4-failed-undo-not-most-recent",
        TWO,
        None,
        &[Ev::Vacate("2026-12-15", o, 1, D, 1), Ev::Vacate("2026-12-15", g, 3, D, 1), Ev::Undo("2026-12-16", 1)],
        "amendments-rules",
        "an undo of ontvangers' event while reisgenoten's later event is the most recent in effect",
    )?;
    m.failed(
        "v4-failed-event-without-list",
        TWO,
        None,
        &[Ev::Vacate("2026-12-15", None, 2, D, 1)],
        "amendments-rules",
        "a vacate event naming no list in a draw with several lists",
    )?;
    m.failed(
        "v4-failed-unknown-list",
        TWO,
        None,
        &[Ev::Vacate("2026-12-15", Some("noord"), 2, D, 1)],
        "amendments-rules",
        "an event naming a list that is not in the draw",
    )?;
    m.failed(
        "v4-failed-reserve-of-other-list",
        TWO,
        None,
        &[Ev::Skip("2026-12-15", g, 3, N)],
        "amendments-rules",
        "reserve 3 of reisgenoten, which has 2 reserves (ontvangers has 3: the list's own r applies)",
    )?;
    m.ok(
        "v4-three-lists",
        THREE,
        None,
        &[
            Ev::Vacate("2026-12-15", Some("kanaleneiland"), 4, D, 1),
            Ev::Skip("2026-12-15", Some("overvecht"), 1, N),
            Ev::Vacate("2026-12-16", Some("overvecht"), 3, D, 2),
            Ev::Vacate("2026-12-16", Some("overvecht-reisgenoten"), 2, U, 1),
            Ev::Vacate("2026-12-17", Some("overvecht-reisgenoten"), 2, D, 2),
        ],
        &[&[R(1), R(2), R(3), S(1)], &[R(1), R(2), S(2)], &[R(1), S(2), R(3)]],
        "three lists: kanaleneiland's place 4 to its reserve 1; overvecht passes over reserve 1 and reserve 2 takes \
         place 3; overvecht-reisgenoten's one reserve takes place 2, then its continued reserve 2",
    )?;

    let base =
        serde_json::to_value(m.record(TWO, &[Ev::Vacate("2026-12-15", o, 2, D, 1), Ev::Undo("2026-12-16", 1)])?)?;
    let mut name = base.clone();
    name["events"][0]["name"] = json!("J. Jansen");
    m.unusable("v4-unusable-unknown-member", TWO, pretty(&name), "an event with a name: an unknown member")?;
    let mut extra = base.clone();
    extra["events"][1]["reason"] = json!("declined");
    m.unusable(
        "v4-unusable-undo-with-reason",
        TWO,
        pretty(&extra),
        "an undo event with a reason: undoes has extra members",
    )?;
    let mut listed = base.clone();
    listed["events"][1]["list"] = json!("ontvangers");
    m.unusable("v4-unusable-undo-with-list", TWO, pretty(&listed), "an undo event naming a list")?;
    let mut upper = base.clone();
    upper["events"][0]["list"] = json!("Ontvangers");
    m.unusable(
        "v4-unusable-list-name",
        TWO,
        pretty(&upper),
        "a list name with an uppercase letter (§17.2 name syntax)",
    )?;
    let mut v1 = base;
    v1["format"] = json!("potdraw/amendments/v1");
    v1["events"][0].as_object_mut().map(|e| e.remove("list"));
    if let Some(a) = v1["events"].as_array_mut() {
        a.truncate(1);
    }
    m.unusable("v4-unusable-v1-record", TWO, pretty(&v1), "a v1 record for a draw with several lists (SPEC §17.10)")?;
    write(&root.join("amendments-v2/README.md"), README.as_bytes())
}

const README: &str = "\
# Amendments records, version 2 (SPEC §15.8)

Generated by `cargo run -p potdraw-fixgen`; do not edit. Each `.txt` file is a
test vector (SPEC §11.2, §15.7, §15.8) with `kind: amendments` whose body is a
`potdraw/amendments/v2` record (or, in `v4-unusable-v1-record.txt`, a v1 record
that a draw with several lists refuses). `transcript:` names the transcript
(relative to `fixtures/`): `example/transcript.json` (one list) or
`v4/two-lists/transcript.json`, `v4/three-lists/transcript.json`;
`earlier:` an earlier version (here the v1 record
`amendments/valid-one-decline.txt`) for `amendments-prefix`; `final:` the final
list: for one list the entry index of each place's holder, `-` for an empty
place; for several lists each list so, in the commitment's order, separated by
` | `. `expect:` is `verified`, `failed CHECK` or `unusable`.

The final lists were written by hand-rule (recipient p is `result[p - 1]`,
reserve m is pick k + m of the list's selection, continued for m > r) and the
generator stops when the reference verifier disagrees.
";
