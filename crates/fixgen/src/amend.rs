//! fixtures/amendments/ (SPEC §15.7): amendments records for the bundled
//! v1 example, the v3 example and the RFC 3797 example. Valid ones (one
//! decline, a reserve skipped, reserves exhausted so the continued selection
//! draws new people, everyone picked, a later version) state their final
//! list; invalid ones name the check that must catch them, or `unusable`.
//!
//! WHY the transcripts are read back from disk: they are written by the
//! other generators just before, and a record names its transcript by the
//! digest of exactly those bytes' document.

use crate::{clean, vector, write};
use anyhow::{bail, Context, Result};
use potdraw_core::amend::{AmendmentsDoc, EventDoc, Reason};
use potdraw_core::vector::Expect;
use potdraw_verify::amend::verify_amendments;
use potdraw_verify::verify_transcript;
use serde_json::{json, Value};
use std::path::Path;

const V1: &str = "example/transcript.json";
const V3: &str = "v3/transcripts/valid.txt";
const RFC: &str = "rfc3797/example/transcript.json";

use Reason::{Declined as D, NotEligible as N, Unreachable as U};

/// A change to a record's JSON that makes it unusable.
type ValueEdit = fn(&mut Value);

/// An event: `Ok((place, taken_by))` vacates a place, `Err(reserve)` skips a reserve.
type Ev = (&'static str, Result<(u64, u64), u64>, Reason);

fn events(list: &[Ev]) -> Vec<EventDoc> {
    list.iter()
        .enumerate()
        .map(|(i, (date, what, reason))| match what {
            Ok((place, taken_by)) => EventDoc::vacate(i as u64 + 1, date, *place, *reason, *taken_by),
            Err(reserve) => EventDoc::skip(i as u64 + 1, date, *reserve, *reason),
        })
        .collect()
}

/// The transcript at `path` (relative to fixtures/): a JSON file, or the body of a vector file.
fn transcript_bytes(root: &Path, path: &str) -> Result<Vec<u8>> {
    let bytes = std::fs::read(root.join(path)).with_context(|| path.to_string())?;
    if path.ends_with(".txt") {
        let v = potdraw_core::vector::parse(std::str::from_utf8(&bytes)?)?;
        return Ok(v.body.into_bytes());
    }
    Ok(bytes)
}

struct Maker<'a> {
    root: &'a Path,
    dir: std::path::PathBuf,
}

impl Maker<'_> {
    fn record(&self, transcript: &str, list: &[Ev]) -> Result<AmendmentsDoc> {
        let t = potdraw_core::parse::transcript(&transcript_bytes(self.root, transcript)?)?;
        let draw = verify_transcript(t, None).outcome.map_err(|f| anyhow::anyhow!("{transcript}: {f}"))?;
        let mut doc = AmendmentsDoc::new(&draw.get().transcript_digest);
        doc.events = events(list);
        Ok(doc)
    }

    /// Writes a vector whose outcome is computed by the reference verifier
    /// and must be `want` (a generator bug stops here rather than publishing).
    fn write(
        &self,
        name: &str,
        transcript: &str,
        earlier: Option<&str>,
        body: String,
        want: Expect,
        what: &str,
    ) -> Result<()> {
        let t = potdraw_core::parse::transcript(&transcript_bytes(self.root, transcript)?)?;
        let draw = verify_transcript(t, None).outcome.map_err(|f| anyhow::anyhow!("{f}"))?;
        let mut headers = vec![("transcript", transcript.to_string())];
        if let Some(e) = earlier {
            headers.push(("earlier", e.to_string()));
        }
        let got = match potdraw_core::amend::parse(body.as_bytes()) {
            Err(_) => Expect::Unusable,
            Ok(record) => {
                let older = match earlier {
                    Some(e) => {
                        let text = std::fs::read_to_string(self.root.join(e))?;
                        Some(potdraw_core::amend::parse(potdraw_core::vector::parse(&text)?.body.as_bytes())?)
                    }
                    None => None,
                };
                match verify_amendments(&draw, record, older.as_ref()).outcome {
                    Ok(a) => {
                        let places: Vec<String> =
                            a.get().places.iter().map(|p| p.index.map_or("-".to_string(), |i| i.to_string())).collect();
                        headers.push(("final", places.join(" ")));
                        Expect::Verified
                    }
                    Err(f) => Expect::Failed(f.check.id().to_string()),
                }
            }
        };
        if got != want {
            bail!("amendments/{name}: expected {want:?}, the verifier says {got:?}");
        }
        headers.push(("description", what.to_string()));
        let headers: Vec<(&str, String)> = headers.into_iter().collect();
        vector(&self.dir, name, "amendments", want, &headers, body)
    }
}

/// A record as the vector files write it: pretty JSON and a final newline
/// (one writer for the v1 and v2 vectors).
pub(crate) fn pretty(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).expect("a Value serialises");
    s.push('\n');
    s
}

pub fn write_all(root: &Path) -> Result<()> {
    let dir = root.join("amendments");
    clean(&dir)?;
    let m = Maker { root, dir };
    let ok = |n: &str, t: &str, e: Option<&str>, list: &[Ev], what: &str| -> Result<()> {
        m.write(n, t, e, m.record(t, list)?.to_pretty(), Expect::Verified, what)
    };
    let failed = |n: &str, t: &str, e: Option<&str>, doc: AmendmentsDoc, check: &str, what: &str| -> Result<()> {
        m.write(n, t, e, doc.to_pretty(), Expect::Failed(check.into()), what)
    };
    let one: &[Ev] = &[("2026-12-10", Ok((3, 1)), D)];
    ok("valid-empty", V1, None, &[], "no substitutions yet: the final list is the draw's")?;
    ok("valid-one-decline", V1, None, one, "recipient 3 declines; reserve 1 takes place 3")?;
    ok(
        "valid-reserve-skipped",
        V1,
        None,
        &[("2026-12-08", Err(1), N), ("2026-12-10", Ok((2, 2)), D)],
        "reserve 1 is not eligible and is passed over; recipient 2 declines and reserve 2 takes place 2",
    )?;
    let exhausted: &[Ev] = &[
        ("2026-12-10", Ok((1, 1)), D),
        ("2026-12-11", Ok((2, 2)), U),
        ("2026-12-11", Ok((3, 3)), N),
        ("2026-12-12", Ok((4, 4)), D),
        ("2026-12-15", Ok((1, 5)), D),
    ];
    ok(
        "valid-reserves-exhausted",
        V1,
        None,
        exhausted,
        "the three reserves are used, then the continued selection draws reserves 4 and 5",
    )?;
    let everyone: Vec<Ev> = (1..=20u64).map(|m| ("2026-12-20", Ok((5, if m <= 19 { m } else { 0 })), U)).collect();
    ok(
        "valid-everyone-picked",
        V1,
        None,
        &everyone,
        "place 5 is vacated 20 times: all 19 others are called, then it stays empty",
    )?;
    ok(
        "valid-later-version",
        V1,
        Some("amendments/valid-one-decline.txt"),
        &[("2026-12-10", Ok((3, 1)), D), ("2026-12-12", Err(2), U), ("2026-12-14", Ok((5, 3)), D)],
        "a later version of valid-one-decline: its event unchanged, two more after it",
    )?;
    ok("valid-v3-one-decline", V3, None, one, "the v3 example: recipient 3 declines")?;
    ok(
        "valid-rfc3797-exhausted",
        RFC,
        None,
        &[
            ("2026-12-10", Err(1), D),
            ("2026-12-10", Ok((1, 2)), D),
            ("2026-12-11", Ok((2, 3)), D),
            ("2026-12-12", Ok((3, 4)), U),
        ],
        "RFC 3797 method: the continued selection is the same MD5 sequence continued",
    )?;

    failed(
        "failed-reserve-skipped-without-event",
        V1,
        None,
        m.record(V1, &[("2026-12-10", Ok((3, 2)), D)])?,
        "amendments-rules",
        "place 3 given to reserve 2 while reserve 1 was neither used nor skipped",
    )?;
    failed(
        "failed-place-not-drawn",
        V1,
        None,
        m.record(V1, &[("2026-12-10", Ok((6, 1)), D)])?,
        "amendments-rules",
        "place 6 of a draw with 5 recipients",
    )?;
    failed(
        "failed-reserve-used-twice",
        V1,
        None,
        m.record(V1, &[("2026-12-10", Ok((3, 1)), D), ("2026-12-11", Ok((4, 1)), D)])?,
        "amendments-rules",
        "reserve 1 takes place 3, then place 4 as well",
    )?;
    failed(
        "failed-used-reserve-skipped",
        V1,
        None,
        m.record(V1, &[("2026-12-10", Ok((3, 1)), D), ("2026-12-11", Err(1), N)])?,
        "amendments-rules",
        "reserve 1 took place 3 and is then skipped as a reserve",
    )?;
    failed(
        "failed-continued-reserve-skipped",
        V1,
        None,
        m.record(V1, &[("2026-12-10", Err(4), N)])?,
        "amendments-rules",
        "reserve 4 is not in the transcript (continued reserves cannot be skipped)",
    )?;
    failed(
        "failed-nobody-left-claimed",
        V1,
        None,
        m.record(V1, &[("2026-12-20", Ok((1, 0)), D)])?,
        "amendments-rules",
        "taken_by 0 while reserve 1 is waiting",
    )?;
    failed(
        "failed-event-before-draw",
        V1,
        None,
        m.record(V1, &[("2026-11-23", Ok((3, 1)), D)])?,
        "amendments-dates",
        "an event dated the day before the commitment's date 2026-11-24",
    )?;
    failed(
        "failed-dates-out-of-order",
        V1,
        None,
        m.record(V1, &[("2026-12-10", Ok((3, 1)), D), ("2026-12-09", Ok((4, 2)), D)])?,
        "amendments-dates",
        "the second event is dated before the first",
    )?;
    let mut gap = m.record(V1, &[("2026-12-10", Ok((3, 1)), D), ("2026-12-11", Ok((4, 2)), D)])?;
    gap.events[1].seq = 3;
    failed("failed-sequence-gap", V1, None, gap, "amendments-sequence", "events numbered 1, 3")?;
    failed(
        "failed-rewrites-earlier",
        V1,
        Some("amendments/valid-one-decline.txt"),
        m.record(V1, &[("2026-12-10", Ok((3, 1)), U), ("2026-12-12", Ok((4, 2)), D)])?,
        "amendments-prefix",
        "a later version of valid-one-decline whose first event now says unreachable",
    )?;
    failed(
        "failed-drops-earlier-event",
        V1,
        Some("amendments/valid-later-version.txt"),
        m.record(V1, one)?,
        "amendments-prefix",
        "an 'update' of valid-later-version that has fewer events",
    )?;
    failed(
        "failed-another-transcript",
        V1,
        None,
        m.record(V3, one)?,
        "amendments-transcript",
        "a record for the v3 example given with the v1 example",
    )?;

    let base = serde_json::to_value(m.record(V1, one)?)?;
    let unusable: Vec<(&str, &str, ValueEdit)> = vec![
        ("unusable-name-member", "an event with a name: no names or free text", |v| {
            v["events"][0]["name"] = json!("J. Jansen")
        }),
        ("unusable-reason-not-in-set", "a reason outside the closed set", |v| {
            v["events"][0]["reason"] = json!("moved-away")
        }),
        ("unusable-date-form", "a date written 10-12-2026", |v| v["events"][0]["date"] = json!("10-12-2026")),
        ("unusable-date-impossible", "the 31st of November", |v| v["events"][0]["date"] = json!("2026-11-31")),
        ("unusable-place-and-reserve", "an event with both place and reserve", |v| {
            v["events"][0]["reserve"] = json!(1)
        }),
        ("unusable-place-without-taken-by", "a vacated place without its successor", |v| {
            v["events"][0].as_object_mut().map(|o| o.remove("taken_by"));
        }),
        ("unusable-taken-by-null", "taken_by null", |v| v["events"][0]["taken_by"] = Value::Null),
        ("unusable-transcript-uppercase", "the transcript digest in uppercase hex", |v| {
            let t = v["transcript"].as_str().unwrap().to_uppercase();
            v["transcript"] = json!(t);
        }),
        // WHY v9 (it was v2 until SPEC §15.8 made potdraw/amendments/v2 a
        // format; the vector's point, an unknown identifier, is kept).
        ("unusable-format", "an unknown format identifier", |v| v["format"] = json!("potdraw/amendments/v9")),
    ];
    for (name, what, edit) in unusable {
        let mut v = base.clone();
        edit(&mut v);
        m.write(name, V1, None, pretty(&v), Expect::Unusable, what)?;
    }
    write(&root.join("amendments/README.md"), README.as_bytes())
}

const README: &str = "\
# Amendments records (SPEC §15)

Generated by `cargo run -p potdraw-fixgen`; do not edit. Each `.txt` file is a
test vector (SPEC §11.2, §15.7) with `kind: amendments`: its body is a record,
`transcript:` names the transcript it amends (relative to `fixtures/`; a
`.txt` path means the body of that vector file), `earlier:` an earlier version
to check with `amendments-prefix`, and `final:` the final list of a valid
record (the entry index of each place's holder, `-` for an empty place).
";
