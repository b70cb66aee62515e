//! Tests of the audit's classification and record checks that need its
//! private parts (issue 26). WHY a disguise generator: the audit once took
//! a first look of its own at a file and was fooled by a byte order mark and
//! `\u0070otdraw`; these tests rewrite every published fixture document in
//! ways every JSON parser reads as the same values, and require the audit
//! to answer exactly what verification answers for the original.

use super::*;
use proptest::prelude::*;
use serde_json::Value;
use std::sync::OnceLock;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

/// What verification says of a document, read with the parser of its
/// `format` as written in the fixture (not through `kind`).
#[derive(Debug, Clone, PartialEq)]
enum Verdict {
    Commitment(Hash32),
    Transcript(Hash32),
    Amendments(Hash32),
    Receipt,
    Failed(String),
    Unusable,
}

fn verdict(format: &str, bytes: &[u8]) -> Verdict {
    use potdraw_core::{amend, lists, parse};
    let failed = |id: &str| Verdict::Failed(id.to_string());
    if format == lists::COMMITMENT_V4 {
        match lists::parse_commitment(bytes) {
            Ok(c) => potdraw_verify::verify_lists_commitment(c)
                .outcome
                .map_or_else(|f| failed(f.check.id()), |c| Verdict::Commitment(c.get().digest)),
            Err(_) => Verdict::Unusable,
        }
    } else if format == lists::TRANSCRIPT_V4 {
        match lists::parse_transcript(bytes) {
            Ok(t) => potdraw_verify::verify_lists_transcript(t, None)
                .outcome
                .map_or_else(|f| failed(f.check.id()), |d| Verdict::Transcript(d.get().transcript_digest)),
            Err(_) => Verdict::Unusable,
        }
    } else if format.starts_with("potdraw/commitment/") {
        match parse::commitment(bytes) {
            Ok(c) => potdraw_verify::verify_commitment(c)
                .outcome
                .map_or_else(|f| failed(f.check.id()), |c| Verdict::Commitment(c.get().digest)),
            Err(_) => Verdict::Unusable,
        }
    } else if format.starts_with("potdraw/transcript/") {
        match parse::transcript(bytes) {
            Ok(t) => potdraw_verify::verify_transcript(t, None)
                .outcome
                .map_or_else(|f| failed(f.check.id()), |d| Verdict::Transcript(d.get().transcript_digest)),
            Err(_) => Verdict::Unusable,
        }
    } else if format.starts_with("potdraw/amendments/") {
        amend::parse(bytes).map_or(Verdict::Unusable, |a| Verdict::Amendments(a.transcript))
    } else if format.starts_with("potdraw/receipt/") {
        Verdict::Receipt
    } else {
        Verdict::Unusable
    }
}

/// The audit's answer for a file, in the terms of [`Verdict`]; anything
/// else (ignored, not potdraw) is `None`.
fn audit_verdict(doc: &Doc) -> Option<Verdict> {
    Some(match doc {
        Doc::Commitment(info) => Verdict::Commitment(info.commitment),
        Doc::Transcript { digest, .. } => Verdict::Transcript(*digest),
        Doc::Amendments { transcript, .. } => Verdict::Amendments(*transcript),
        Doc::Private => Verdict::Receipt,
        Doc::Failed { check } => Verdict::Failed(check.clone()),
        Doc::Unusable { .. } => Verdict::Unusable,
        _ => return None,
    })
}

/// Every published fixture document (`*.json`) that names a potdraw format,
/// parsed, with what verification says of it.
fn documents() -> &'static [(PathBuf, Value, Verdict)] {
    static DOCS: OnceLock<Vec<(PathBuf, Value, Verdict)>> = OnceLock::new();
    DOCS.get_or_init(|| {
        let mut docs = Vec::new();
        let mut folders: Vec<PathBuf> =
            ["v1", "v2", "v3", "v4", "example", "amendments", "audit"].iter().map(|d| fixtures().join(d)).collect();
        while let Some(dir) = folders.pop() {
            for e in std::fs::read_dir(&dir).unwrap() {
                let path = e.unwrap().path();
                if path.is_dir() {
                    folders.push(path);
                    continue;
                }
                if !path.extension().is_some_and(|x| x == "json") {
                    continue;
                }
                let bytes = std::fs::read(&path).unwrap();
                let Ok(value) = serde_json::from_slice::<Value>(&bytes) else { continue };
                let Some(format) = value.get("format").and_then(Value::as_str) else { continue };
                if format.starts_with("potdraw/") {
                    let v = verdict(format, &bytes);
                    docs.push((path, value, v));
                }
            }
        }
        docs.sort_by(|a, b| a.0.cmp(&b.0));
        assert!(docs.len() >= 40, "the fixtures hold at least 40 documents, found {}", docs.len());
        docs
    })
}

/// A small deterministic generator (splitmix64), seeded by proptest.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// How much of each disguise to use, each in 0..=4 (4: always).
#[derive(Debug, Clone, Copy)]
struct Disguise {
    bom: bool,
    escapes: u64,
    shuffle: u64,
    space: u64,
}

/// `value` written as JSON with the disguise: `\uXXXX` escapes of any
/// characters in member names and strings, members in another order, JSON
/// whitespace between any tokens.
fn write(value: &Value, d: Disguise, rng: &mut Rng, out: &mut String) {
    let space = |rng: &mut Rng, out: &mut String| {
        while rng.below(5) < d.space {
            out.push([' ', '\t', '\n', '\r'][rng.below(4) as usize]);
            if rng.below(2) == 0 {
                break;
            }
        }
    };
    space(rng, out);
    match value {
        Value::Object(map) => {
            let mut members: Vec<_> = map.iter().collect();
            if rng.below(5) < d.shuffle {
                for i in (1..members.len()).rev() {
                    members.swap(i, rng.below(i as u64 + 1) as usize);
                }
            }
            out.push('{');
            for (i, (k, v)) in members.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                space(rng, out);
                string(k, d, rng, out);
                space(rng, out);
                out.push(':');
                write(v, d, rng, out);
            }
            space(rng, out);
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(v, d, rng, out);
            }
            space(rng, out);
            out.push(']');
        }
        Value::String(s) => string(s, d, rng, out),
        other => out.push_str(&other.to_string()),
    }
    space(rng, out);
}

fn string(s: &str, d: Disguise, rng: &mut Rng, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        let must = c == '"' || c == '\\' || (c as u32) < 0x20;
        if must || rng.below(5) < d.escapes {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                if rng.below(2) == 0 {
                    out.push_str(&format!("\\u{u:04x}"));
                } else {
                    out.push_str(&format!("\\u{u:04X}"));
                }
            }
        } else {
            out.push(c);
        }
    }
    out.push('"');
}

fn disguised(value: &Value, d: Disguise, seed: u64) -> Vec<u8> {
    let mut text = String::new();
    write(value, d, &mut Rng(seed), &mut text);
    let bom: &[u8] = if d.bom { b"\xef\xbb\xbf" } else { b"" };
    [bom, text.as_bytes()].concat()
}

/// The audit's summary of `bytes` saved as `name` in a fresh folder.
fn summarise_as(name: &str, bytes: &[u8]) -> Summary {
    let dir = tempfile::tempdir().unwrap();
    let rel = PathBuf::from(name);
    std::fs::write(dir.path().join(&rel), bytes).unwrap();
    let entry = Entry { display: display_path(&rel), rel, kind: EntryKind::File };
    summarise(dir.path(), &entry, None)
}

/// `bytes` is the document `value` (verification reads it as the same
/// values), and the audit answers for it what verification answers.
fn check_disguise(path: &Path, value: &Value, want: &Verdict, bytes: &[u8], name: &str) -> Result<(), String> {
    let format = value["format"].as_str().unwrap();
    let read = verdict(format, bytes);
    if &read != want {
        return Err(format!("{}: verification of the disguise says {read:?}, not {want:?}", path.display()));
    }
    if !potdraw_core::parse::kind(bytes).is_potdraw() {
        return Err(format!("{}: kind says not potdraw", path.display()));
    }
    let s = summarise_as(name, bytes);
    match audit_verdict(&s.doc) {
        Some(v) if &v == want => Ok(()),
        _ => Err(format!("{} as {name:?}: the audit says {:?}, verification {want:?}", path.display(), s.doc)),
    }
}

#[test]
fn every_fixture_document_fully_disguised_is_what_verification_says() {
    let all = Disguise { bom: true, escapes: 4, shuffle: 4, space: 4 };
    for (i, (path, value, want)) in documents().iter().enumerate() {
        let bytes = disguised(value, all, i as u64);
        check_disguise(path, value, want, &bytes, "README-evening.json").unwrap();
        assert_eq!(potdraw_core::parse::kind(&bytes), potdraw_core::parse::kind(&std::fs::read(path).unwrap()));
    }
}

fn names() -> impl Strategy<Value = String> {
    prop_oneof![
        "README[a-zA-Z._-]{0,10}",
        "readme\\.(md|txt|json)",
        "[a-z]{1,8}\\.txt",
        "\\.[a-z]{1,8}",
        "[a-z]{1,8}\\.json",
        "[a-z]{1,8}\\.json\\.minisig",
        "[a-z]{1,8}\\.(pub|key|bak)",
    ]
}

proptest! {
    // 1,000 disguises in total, over all the fixture documents.
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]
    #[test]
    fn a_disguised_document_is_classified_as_verification_reads_it(
        which in any::<prop::sample::Index>(),
        bom in any::<bool>(),
        escapes in 0u64..=4,
        shuffle in 0u64..=4,
        space in 0u64..=4,
        seed in any::<u64>(),
        name in names(),
    ) {
        let docs = documents();
        let (path, value, want) = &docs[which.index(docs.len())];
        let bytes = disguised(value, Disguise { bom, escapes, shuffle, space }, seed);
        if let Err(e) = check_disguise(path, value, want, &bytes, &name) {
            return Err(TestCaseError::fail(e));
        }
    }
}

/// Makes `n` copies of the January record beside its transcript.
fn folder_with_records(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = fixtures().join("audit/amendments/2027-01");
    for name in ["commitment.json", "transcript.json", "amendments.json", "amendments-reserve-2.json"] {
        std::fs::copy(from.join(name), dir.path().join(name)).unwrap();
    }
    for i in 0..n {
        std::fs::copy(from.join("amendments.json"), dir.path().join(format!("amendments-copy-{i:03}.json"))).unwrap();
    }
    dir
}

#[test]
fn a_transcript_is_verified_once_however_many_records_name_it() {
    let dir = folder_with_records(30);
    let entries = walk(dir.path()).unwrap();
    let mut files = summarise_all(dir.path(), &entries, None);
    let mut versions = BTreeMap::new();
    let mut loads = Vec::new();
    verify_records(dir.path(), &entries, &mut files, &mut versions, &mut |p: &Path| {
        loads.push(p.to_path_buf());
        load_transcript(p)
    });
    assert_eq!(loads, [dir.path().join("transcript.json")], "one verification of the one transcript");
    // And every record was still checked against it: 31 verify, one does not.
    assert_eq!(versions.values().map(Vec::len).sum::<usize>(), 31);
    let failed: Vec<_> = files
        .iter()
        .filter_map(|f| match &f.doc {
            Doc::Amendments { failed: Some(check), .. } => Some((f.path.as_str(), check.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert_eq!(failed[0].0, "amendments-reserve-2.json");
}
