//! Criterion benchmark of one organiser signature check (SPEC §16.2, issue
//! 26): potdraw's strict check (ed25519-dalek `verify_strict`, twice, plus
//! BLAKE2b-512 of the file) beside minisign-verify 0.3, the lenient check it
//! replaced, on the same file, signature and key (fixtures/audit/healthy,
//! a 24-ticket transcript). Both include decoding the `.minisig` text.
//!
//! Run with `cargo bench -p potdraw-verify --bench signature -- --warm-up-time 1 --measurement-time 3`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use potdraw_verify::signature::OrganiserKey;
use std::path::Path;

fn fixture(name: &str) -> Vec<u8> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/audit").join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn signature(c: &mut Criterion) {
    let file = fixture("healthy/2027-04/transcript.json");
    let sig = String::from_utf8(fixture("healthy/2027-04/transcript.json.minisig")).unwrap();
    let public = String::from_utf8(fixture("test-key/potdraw.pub")).unwrap();
    let key = OrganiserKey::parse(&public).unwrap();
    let old_key = minisign_verify::PublicKey::decode(&public).unwrap();
    let mut g = c.benchmark_group("signature");
    g.throughput(Throughput::Elements(1));
    g.bench_function("strict-dalek", |b| b.iter(|| key.verify(&file, &sig).unwrap()));
    g.bench_function("minisign-verify-0.3", |b| {
        b.iter(|| {
            let s = minisign_verify::Signature::decode(&sig).unwrap();
            old_key.verify(&file, &s, false).unwrap()
        })
    });
    g.bench_function("parse-key-strict", |b| b.iter(|| OrganiserKey::parse(&public).unwrap()));
    g.finish();
}

criterion_group!(benches, signature);
criterion_main!(benches);
