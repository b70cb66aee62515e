//! Checking one token (SPEC §18.2): a real ECDSA P-384 token (Sigstore
//! staging) and a real RSA token with a three-certificate path (IdenTrust),
//! as `verify` checks each token beside a commitment.

use criterion::{criterion_group, criterion_main, Criterion};
use potdraw_timestamp::{check_imprint, HashAlg, Imprint, Roots};
use std::path::Path;

fn data(rel: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(rel)).unwrap()
}

fn bench(c: &mut Criterion) {
    let hello = data("hello");
    for (name, token, chain, alg) in [
        ("sigstore-p384", "sigstore-staging/response-sha256.tsr", "sigstore-staging/ts_chain.pem", HashAlg::Sha256),
        ("identrust-rsa", "identrust/response-sha512.tsr", "identrust/root.pem", HashAlg::Sha512),
    ] {
        let token = data(token);
        let roots = Roots::from_pem(&data(chain)).unwrap();
        let imprint = Imprint::of_data(alg, &hello);
        assert!(check_imprint(&token, &imprint, &roots, None).is_ok());
        c.bench_function(&format!("check token {name}"), |b| {
            b.iter(|| check_imprint(std::hint::black_box(&token), &imprint, &roots, None))
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
