//! Criterion benchmarks of `potdraw audit` (SPEC §16.4, issue 20: at least
//! 5,000 small transcripts a second on two cores).
//!
//! Run with `cargo bench -p potdraw-cli --bench audit`. Each benchmark is
//! one step the audit takes per file, on the fixtures' 24-ticket documents
//! (fixtures/audit/healthy): reading what a file is and verifying it
//! (`published::classify`), checking its signature, and matching a
//! folder's summaries (`history::assemble`) at 20,000 documents.
//! scripts/audit-speed times the whole command on a folder of 20,000
//! documents next to sha256sum; benches/README.md has the figures.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use potdraw_cli::published::{classify, Found};
use potdraw_verify::history::{assemble, Doc, DrawInfo, Signed, Summary};
use potdraw_verify::signature::OrganiserKey;
use std::path::Path;

fn fixture(name: &str) -> Vec<u8> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/audit").join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn per_file(c: &mut Criterion) {
    let transcript = fixture("healthy/2027-04/transcript.json");
    let commitment = fixture("healthy/2027-04/commitment.json");
    let signature = String::from_utf8(fixture("healthy/2027-04/transcript.json.minisig")).unwrap();
    let key = OrganiserKey::parse(&String::from_utf8(fixture("test-key/potdraw.pub")).unwrap()).unwrap();
    let path = Path::new("transcript.json");
    let mut g = c.benchmark_group("audit-file");
    g.throughput(Throughput::Elements(1));
    g.bench_function("classify-and-verify-transcript-24", |b| {
        b.iter(|| match classify(path, transcript.clone()) {
            Found::Transcript(r) => assert!(r.is_verified()),
            _ => panic!("a transcript"),
        })
    });
    g.bench_function("classify-and-verify-commitment-24", |b| {
        b.iter(|| match classify(path, commitment.clone()) {
            Found::Commitment(r) => assert!(r.is_verified()),
            _ => panic!("a commitment"),
        })
    });
    g.bench_function("signature-transcript-24", |b| b.iter(|| key.verify(&transcript, &signature).unwrap()));
    // SPEC §19: a draw of four lists with display names (fixtures/v5).
    let v5 = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/v5/two-neighbourhoods/transcript.json"),
    )
    .unwrap();
    g.bench_function("classify-and-verify-v5-transcript-4-lists", |b| {
        b.iter(|| match classify(path, v5.clone()) {
            Found::ListsTranscript(r) => assert!(r.is_verified()),
            _ => panic!("a transcript with lists"),
        })
    });
    // Issue 26, F4: a report page is read whole for the digests it names
    // (the report of the same 24-ticket draw, as `potdraw report` writes it).
    let parsed = potdraw_core::parse::transcript(&transcript).unwrap();
    let verified = potdraw_verify::verify_transcript(parsed, None).outcome.unwrap();
    let lang = potdraw_cli::i18n::Lang::from_code("nl").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.html");
    std::fs::write(&report, potdraw_cli::report::render_html(&verified, lang)).unwrap();
    g.bench_function("page-digests-report-24", |b| {
        b.iter(|| assert!(!potdraw_cli::ops::audit_pages::digests_named(&report).is_empty()))
    });
    g.finish();
}

fn matching(c: &mut Criterion) {
    // 10,000 draws in one chain: a commitment and a transcript each.
    let mut files = Vec::new();
    for i in 0..10_000u32 {
        let digest = |n: u32| potdraw_core::hash::h("bench", &[&n.to_le_bytes()]);
        let info = DrawInfo {
            commitment: digest(i),
            previous: (i > 0).then(|| digest(i - 1)),
            created_at: format!("2027-01-01T00:00:{:02}Z", i % 60),
            title: format!("loting {i}"),
            tickets: 24,
            recipients: 5,
            companions: 0,
        };
        let dir = format!("{i:05}");
        files.push(Summary {
            path: format!("{dir}/commitment.json"),
            doc: Doc::Commitment(info.clone()),
            signature: Signed::Good,
        });
        let doc = Doc::Transcript { draw: info, digest: digest(1_000_000 + i) };
        files.push(Summary { path: format!("{dir}/transcript.json"), doc, signature: Signed::Good });
    }
    let mut g = c.benchmark_group("audit-match");
    g.throughput(Throughput::Elements(files.len() as u64));
    g.sample_size(20);
    g.bench_function("assemble-20000", |b| b.iter(|| assert!(assemble(files.clone()).is_clean())));
    g.finish();
}

criterion_group!(benches, per_file, matching);
criterion_main!(benches);
