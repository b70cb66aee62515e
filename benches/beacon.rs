//! BLS verification of one drand round per scheme (SPEC §13.2): what the
//! `beacon` check adds to a verification, per drand source.
//! `cargo bench -p potdraw-beacon --bench beacon`

use criterion::{criterion_group, criterion_main, Criterion};
use potdraw_beacon::{builtin, verify};

fn bench(c: &mut Criterion) {
    // quicknet round 2 and mainnet round 72785 (fixtures/drand, sources named there).
    let quicknet = builtin("quicknet").unwrap();
    let q_sig =
        hex::decode("b6b6a585449b66eb12e875b64fcbab3799861a00e4dbf092d99e969a5eac57dd3f798acf61e705fe4f093db926626807")
            .unwrap();
    c.bench_function("verify quicknet round (G1 signature, RFC 9380)", |b| {
        b.iter(|| verify(&quicknet, 2, &q_sig, None).unwrap())
    });
    let mainnet = builtin("mainnet").unwrap();
    let m_sig = hex::decode("82f5d3d2de4db19d40a6980e8aa37842a0e55d1df06bd68bddc8d60002e8e959eb9cfa368b3c1b77d18f02a54fe047b80f0989315f83b12a74fd8679c4f12aae86eaf6ab5690b34f1fddd50ee3cc6f6cdf59e95526d5a5d82aaa84fa6f181e42").unwrap();
    let m_prev = hex::decode("a609e19a03c2fcc559e8dae14900aaefe517cb55c840f6e69bc8e4f66c8d18e8a609685d9917efbfb0c37f058c2de88f13d297c7e19e0ab24813079efe57a182554ff054c7638153f9b26a60e7111f71a0ff63d9571704905d3ca6df0b031747").unwrap();
    c.bench_function("verify mainnet round (G2 signature, chained)", |b| {
        b.iter(|| verify(&mainnet, 72785, &m_sig, Some(&m_prev)).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
