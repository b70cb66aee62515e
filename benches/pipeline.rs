//! Criterion benchmarks of the potdraw pipeline and its kernels.
//!
//! Run with `cargo bench -p potdraw-cli --bench pipeline`; add a regex
//! filter such as `-- commit/` or `-- 'draw/10000$'` to run part of it
//! (without the `$`, 10000 also matches 1000000). Every pipeline group runs
//! at 100, 10,000 and 1,000,000 candidates; benches/README.md says what each
//! benchmark covers and gives the figures measured so far.
//!
//! Inputs are generated deterministically (ChaCha20 with fixed seeds) and
//! prepared once per size, outside the timed closures: the candidate CSV, the
//! commitment document as `potdraw commit` writes it, and the transcript as
//! `potdraw draw` writes it. The groups run size by size, so the small sizes
//! never share the heap with the large inputs. The timed closures include
//! dropping what they built, as the commands do.

use criterion::measurement::WallTime;
use criterion::{criterion_group, criterion_main, BenchmarkGroup, BenchmarkId, Criterion, SamplingMode, Throughput};
use potdraw_cli::{candidates, pretty, render};
use potdraw_core::commit::{commit, digest_of, CommitParams, PotPolicy};
use potdraw_core::draw;
use potdraw_core::entropy::{PlanEntry, SourceKind};
use potdraw_core::hash::{self, tag};
use potdraw_core::model::Commitment;
use potdraw_core::parse;
use potdraw_core::select::{select, select_reference};
use potdraw_core::stream::DrawStream;
use potdraw_core::wire::{CommitmentDoc, TranscriptDoc};
use potdraw_core::{canon, jcs};
use potdraw_verify::{verify_commitment, verify_transcript};
use rand_chacha::ChaCha20Rng;
use rand_core::{RngCore, SeedableRng};
use std::cell::OnceCell;
use std::hint::black_box;
use std::time::Duration;

/// The list sizes every pipeline group runs at.
const SIZES: [usize; 3] = [100, 10_000, 1_000_000];
/// From this size on a benchmark takes 10 samples (whole commands: flat sampling).
const LARGE: usize = 1_000_000;

/// Seeds of the generated inputs; fixed so every run measures the same bytes.
const LIST_SEED: u64 = 0x706f_7464_7261_7721;
const FILL_SEED: u64 = 0x5345_4544_5341_4c54;
const DRAW_SEED: [u8; 32] = [7; 32];

const DICE: &str = "36152413625143625163";
const LOTTO: &str = "Lotto 5 december 2026: 3 14 15 22 35 41";
const ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/// A CSV list of `n` candidates: unique ASCII ids of 10–20 characters
/// (a 7-digit serial, a dash, 2–12 random letters and digits), weights 1–5.
fn candidate_csv(n: usize) -> Vec<u8> {
    let mut rng = ChaCha20Rng::seed_from_u64(LIST_SEED);
    let mut csv = String::with_capacity(n * 24 + 16);
    csv.push_str("id,weight\n");
    for i in 0..n {
        let tail = 2 + (rng.next_u32() % 11) as usize;
        csv.push_str(&format!("{i:07}-"));
        for _ in 0..tail {
            csv.push(ALNUM[(rng.next_u32() % ALNUM.len() as u32) as usize] as char);
        }
        csv.push_str(&format!(",{}\n", 1 + rng.next_u32() % 5));
    }
    csv.into_bytes()
}

/// 9 recipients (€120,000 pays 10 grants of €12,000, capped at the maximum of 9) and 3 reserves.
fn params() -> CommitParams {
    CommitParams {
        title: "Benchmark pot, december 2026".to_string(),
        created_at: 1_796_140_800, // 2026-12-01T16:00:00Z
        pot: PotPolicy { amount_cents: 12_000_000, ..PotPolicy::default() },
        recipients: None,
        reserves: 3,
        plan: vec![
            PlanEntry { label: "room".to_string(), kind: SourceKind::Dice { count: 20, faces: 6 } },
            PlanEntry { label: "lotto-2026-12-05".to_string(), kind: SourceKind::Text },
        ],
        previous: None,
    }
}

fn entropy() -> Vec<(String, String)> {
    vec![("room".to_string(), DICE.to_string()), ("lotto-2026-12-05".to_string(), LOTTO.to_string())]
}

/// Everything the benchmarks of one size read, built once by the real pipeline.
struct Fixture {
    csv: Vec<u8>,
    params: CommitParams,
    entropy: Vec<(String, String)>,
    seed: [u8; 32],
    /// The commitment as `potdraw commit` writes it.
    commitment_bytes: Vec<u8>,
    commitment_doc: CommitmentDoc,
    /// The published commitment `potdraw verify --commitment` compares against.
    published: Commitment,
    /// The transcript as `potdraw draw` writes it.
    transcript_bytes: Vec<u8>,
    transcript_doc: TranscriptDoc,
    /// Weights in canonical order.
    weights: Vec<u64>,
}

impl Fixture {
    fn build(n: usize) -> Fixture {
        let csv = candidate_csv(n);
        let params = params();
        let entropy = entropy();
        let list = candidates::parse(&csv).expect("generated list parses");
        assert_eq!(list.len(), n);
        let mut rng = ChaCha20Rng::seed_from_u64(FILL_SEED);
        let committed = commit(&params, list, &mut |buf| rng.fill_bytes(buf)).expect("generated list commits");
        let commitment_bytes = render::document(&serde_json::to_value(&committed.commitment).unwrap());
        let published = parse::commitment(&commitment_bytes).expect("commitment parses");
        assert!(verify_commitment(published.clone()).is_verified(), "generated commitment verifies");
        let transcript = draw::run(&published, &committed.seed, &entropy).expect("draw runs");
        let transcript_bytes = render::document(&serde_json::to_value(&transcript).unwrap());
        assert_eq!(pretty::document(&transcript).unwrap(), transcript_bytes, "the two writers agree");
        let parsed = parse::transcript(&transcript_bytes).expect("transcript parses");
        assert!(verify_transcript(parsed, Some(&published)).is_verified(), "generated transcript verifies");
        let weights = published.entries().iter().map(|e| e.weight).collect();
        Fixture {
            csv,
            params,
            entropy,
            seed: committed.seed,
            commitment_bytes,
            commitment_doc: committed.commitment,
            published,
            transcript_bytes,
            transcript_doc: transcript,
            weights,
        }
    }
}

/// The fixture of one size, built on first use (so a filtered run builds
/// only the sizes it measures) and dropped when that size is done.
struct Lazy {
    n: usize,
    cell: OnceCell<Fixture>,
}

impl Lazy {
    fn new(n: usize) -> Lazy {
        Lazy { n, cell: OnceCell::new() }
    }

    fn get(&self) -> &Fixture {
        self.cell.get_or_init(|| Fixture::build(self.n))
    }
}

/// Per-size settings. Up to 1,000,000: 30 samples in about 3 seconds
/// (criterion switches to flat sampling by itself when an iteration is
/// long); `slow` (the whole-command benchmarks) gets 5 seconds at 10,000.
/// At 1,000,000: 10 samples; a whole command runs in flat mode for 15
/// seconds, which at more than 1.5 s an iteration means one iteration a
/// sample, about eleven runs in all (criterion then warns that it cannot
/// finish in the target time: expected, not a problem).
fn configure(group: &mut BenchmarkGroup<'_, WallTime>, n: usize, slow: bool) {
    group.throughput(Throughput::Elements(n as u64));
    group.warm_up_time(Duration::from_secs(1));
    let (mode, samples, secs) = match (n >= LARGE, slow) {
        (true, true) => (SamplingMode::Flat, 10, 15),
        (true, false) => (SamplingMode::Auto, 10, 5),
        (false, true) if n >= 10_000 => (SamplingMode::Auto, 30, 5),
        (false, _) => (SamplingMode::Auto, 30, 3),
    };
    group.sampling_mode(mode).sample_size(samples).measurement_time(Duration::from_secs(secs));
}

/// `potdraw commit` minus the file writes: CSV bytes → candidates → commitment → document bytes.
fn bench_commit(c: &mut Criterion, fx: &Lazy) {
    let mut group = c.benchmark_group("commit");
    configure(&mut group, fx.n, true);
    group.bench_function(BenchmarkId::from_parameter(fx.n), |b| {
        let fx = fx.get();
        b.iter(|| {
            let list = candidates::parse(black_box(&fx.csv)).unwrap();
            let mut rng = ChaCha20Rng::seed_from_u64(FILL_SEED);
            let committed = commit(&fx.params, list, &mut |buf| rng.fill_bytes(buf)).unwrap();
            let bytes = pretty::document(&committed.commitment).unwrap();
            (bytes, committed)
        })
    });
    group.finish();
}

/// `potdraw draw` minus the file I/O and the self-check of the new transcript:
/// commitment bytes → parse → verify_commitment → draw::run → document bytes.
fn bench_draw(c: &mut Criterion, fx: &Lazy) {
    let mut group = c.benchmark_group("draw");
    configure(&mut group, fx.n, true);
    group.bench_function(BenchmarkId::from_parameter(fx.n), |b| {
        let fx = fx.get();
        b.iter(|| {
            let commitment = parse::commitment(black_box(&fx.commitment_bytes)).unwrap();
            let verified = verify_commitment(commitment).outcome.unwrap();
            let doc = draw::run(verified.get(), &fx.seed, &fx.entropy).unwrap();
            pretty::document(&doc).unwrap()
        })
    });
    group.finish();
}

/// `potdraw verify transcript.json --commitment commitment.json` with the
/// published commitment already parsed: transcript bytes → parse → every check.
fn bench_verify(c: &mut Criterion, fx: &Lazy) {
    let mut group = c.benchmark_group("verify");
    configure(&mut group, fx.n, true);
    group.bench_function(BenchmarkId::from_parameter(fx.n), |b| {
        let fx = fx.get();
        b.iter(|| {
            let t = parse::transcript(black_box(&fx.transcript_bytes)).unwrap();
            let report = verify_transcript(t, Some(&fx.published));
            assert!(report.is_verified());
            report
        })
    });
    group.finish();
}

/// Leaf hashing, 1,000 leaves per iteration: the whole of `hash::leaf`, and
/// its two halves (NFC of the id, the tagged SHA-256) on their own.
fn bench_leaf(c: &mut Criterion) {
    const LEAVES: usize = 1_000;
    let list = candidates::parse(&candidate_csv(LEAVES)).unwrap();
    let mut rng = ChaCha20Rng::seed_from_u64(FILL_SEED);
    let salts: Vec<[u8; 16]> = (0..LEAVES)
        .map(|_| {
            let mut s = [0u8; 16];
            rng.fill_bytes(&mut s);
            s
        })
        .collect();
    let ids: Vec<&str> = list.iter().map(|c| c.id.as_str()).collect();

    let mut group = c.benchmark_group("leaf");
    configure(&mut group, LEAVES, false);
    group.bench_function("nfc+sha256", |b| {
        b.iter(|| {
            let mut acc = 0u8;
            for (id, salt) in ids.iter().zip(&salts) {
                acc ^= hash::leaf(black_box(id), salt)[0];
            }
            acc
        })
    });
    group.bench_function("sha256", |b| {
        b.iter(|| {
            let mut acc = 0u8;
            for (id, salt) in ids.iter().zip(&salts) {
                acc ^= hash::h(tag::ENTRY, &[black_box(id).as_bytes(), salt])[0];
            }
            acc
        })
    });
    group.bench_function("nfc", |b| {
        b.iter(|| {
            let mut len = 0usize;
            for id in &ids {
                len += hash::nfc(black_box(id)).len();
            }
            len
        })
    });
    group.finish();
}

/// The commitment digest: building the `serde_json::Value` body,
/// canonicalising it (RFC 8785), and the whole of `digest_of` (both, the
/// SHA-256 of the canonical bytes, and dropping the Value).
fn bench_jcs(c: &mut Criterion, fx: &Lazy) {
    let mut group = c.benchmark_group("jcs");
    configure(&mut group, fx.n, false);
    group.bench_function(BenchmarkId::new("body_value", fx.n), |b| {
        let doc = &fx.get().commitment_doc;
        b.iter(|| black_box(doc).body_value())
    });
    group.bench_function(BenchmarkId::new("canonicalize", fx.n), |b| {
        let body = fx.get().commitment_doc.body_value();
        b.iter(|| jcs::canonicalize(black_box(&body)).unwrap())
    });
    group.bench_function(BenchmarkId::new("digest_of", fx.n), |b| {
        let doc = &fx.get().commitment_doc;
        b.iter(|| digest_of(black_box(doc)).unwrap())
    });
    // The writer `digest_of` now uses, alone: the same bytes as canonicalize(body_value).
    group.bench_function(BenchmarkId::new("canon_body", fx.n), |b| {
        let doc = &fx.get().commitment_doc;
        b.iter(|| canon::to_canonical_without(black_box(doc), Some("digest")).unwrap())
    });
    // The SHA-256 of the canonical body alone (the digest step of digest_of).
    group.bench_function(BenchmarkId::new("sha256_body", fx.n), |b| {
        let body = canon::to_canonical_without(&fx.get().commitment_doc, Some("digest")).unwrap();
        b.iter(|| hash::commitment_digest(black_box(&body)))
    });
    // The transcript digest's canonical bytes: the Value tree path and the direct writer.
    group.bench_function(BenchmarkId::new("transcript_tree", fx.n), |b| {
        let doc = &fx.get().transcript_doc;
        b.iter(|| jcs::canonicalize(&serde_json::to_value(black_box(doc)).unwrap()).unwrap())
    });
    group.bench_function(BenchmarkId::new("transcript_canon", fx.n), |b| {
        let doc = &fx.get().transcript_doc;
        b.iter(|| canon::to_canonical(black_box(doc)).unwrap())
    });
    group.finish();
}

/// The on-disk layout of the commitment: `render::document` of the Value
/// tree (the old path) and the direct writer `pretty::document` (same bytes).
fn bench_document(c: &mut Criterion, fx: &Lazy) {
    let mut group = c.benchmark_group("document");
    configure(&mut group, fx.n, false);
    group.bench_function(BenchmarkId::new("render_value", fx.n), |b| {
        let doc = &fx.get().commitment_doc;
        b.iter(|| render::document(&serde_json::to_value(black_box(doc)).unwrap()))
    });
    group.bench_function(BenchmarkId::new("pretty", fx.n), |b| {
        let doc = &fx.get().commitment_doc;
        b.iter(|| pretty::document(black_box(doc)).unwrap())
    });
    group.finish();
}

/// Weighted selection over the canonical weights: the Fenwick `select` with
/// 9 and 350 picks, and the specification's linear walk `select_reference`
/// (quadratic in the worst case) at 100 and 10,000 only.
fn bench_select(c: &mut Criterion, fx: &Lazy) {
    let mut group = c.benchmark_group("select");
    configure(&mut group, fx.n, false);
    for picks in [9usize, 350] {
        if picks > fx.n {
            continue;
        }
        group.bench_function(BenchmarkId::new(format!("fenwick_{picks}"), fx.n), |b| {
            let w = &fx.get().weights;
            b.iter(|| select(&mut DrawStream::new(&DRAW_SEED), black_box(w), picks).unwrap())
        });
        if fx.n <= 10_000 {
            group.bench_function(BenchmarkId::new(format!("reference_{picks}"), fx.n), |b| {
                let w = &fx.get().weights;
                b.iter(|| select_reference(&mut DrawStream::new(&DRAW_SEED), black_box(w), picks).unwrap())
            });
        }
    }
    group.finish();
}

/// Size-major order: every group at 100, then at 10,000, then at 1,000,000,
/// each size's fixture dropped before the next is built, so the small sizes
/// are measured on a small heap.
fn benches(c: &mut Criterion) {
    bench_leaf(c);
    for n in SIZES {
        let fx = Lazy::new(n);
        bench_select(c, &fx);
        bench_jcs(c, &fx);
        bench_document(c, &fx);
        bench_commit(c, &fx);
        bench_draw(c, &fx);
        bench_verify(c, &fx);
    }
}

criterion_group!(pipeline, benches);
criterion_main!(pipeline);
