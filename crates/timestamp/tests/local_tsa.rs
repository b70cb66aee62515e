//! A local OpenSSL TSA, made at test time (SPEC §18.6): tokens over the
//! fixture commitments' digests, RSA and ECDSA, ESSCertID v1 and v2, each
//! checked by potdraw and by `openssl ts -verify`; then published-before
//! against drand rounds after and before the token.

mod common;

use common::tsa::{make, Key, Options};
use common::{openssl, openssl_verifies, Against};
use potdraw_timestamp::{check, published_before, request, PublishedBefore, Roots, SourceMoment, TokenError, Trust};

/// The digest of a fixture commitment (SPEC §4.5), as the document states it.
fn fixture_digest(rel: &str) -> [u8; 32] {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures").join(rel);
    let text = std::fs::read_to_string(path).unwrap();
    let at = text.find("\"digest\": \"").or_else(|| text.find("\"digest\":\"")).unwrap();
    let hex_start =
        text[at..].find(": \"").map(|i| at + i + 3).or_else(|| text[at..].find(":\"").map(|i| at + i + 2)).unwrap();
    hex::decode(&text[hex_start..hex_start + 64]).unwrap().try_into().unwrap()
}

struct Made {
    token: Vec<u8>,
    path: std::path::PathBuf,
    root: std::path::PathBuf,
    digest: [u8; 32],
}

fn token_from(dir: &std::path::Path, name: &str, o: &Options, fixture: &str) -> (Made, Vec<u8>) {
    let tsa = make(&dir.join(name), name, o);
    let digest = fixture_digest(fixture);
    let req = request(&digest, *b"potdraw!").unwrap();
    let token = tsa.reply(&req.der);
    let path = dir.join(format!("{name}.tsr"));
    std::fs::write(&path, &token).unwrap();
    (Made { token, path, root: tsa.root, digest }, req.nonce)
}

fn roots(path: &std::path::Path) -> Roots {
    Roots::from_pem(&std::fs::read(path).unwrap()).unwrap()
}

fn openssl_says(m: &Made, at: i64) -> bool {
    openssl_verifies(&m.path, &Against::Digest(&m.digest), &m.root, at)
}

#[test]
fn rsa_and_ecdsa_tokens_over_fixture_commitments_verify_like_openssl() {
    if openssl().is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let kinds = [
        ("rsa", Options::default(), "example/commitment.json"),
        (
            "p256",
            Options { ca_key: Key::P256, tsa_key: Key::P256, ess_alg: "sha1", ..Options::default() },
            "v2/commitment.json",
        ),
        (
            "p384",
            Options { ca_key: Key::Rsa, tsa_key: Key::P384, digest: "sha384", ..Options::default() },
            "v3/commitment.json",
        ),
        (
            "rsa512",
            Options { ca_key: Key::P384, digest: "sha512", ..Options::default() },
            "v4/two-lists/commitment.json",
        ),
    ];
    for (name, o, fixture) in kinds {
        let (m, nonce) = token_from(dir.path(), name, &o, fixture);
        let c = check(&m.token, &m.digest, &roots(&m.root), Some(&nonce)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(c.trust, Trust::Trusted, "{name}");
        assert_eq!(c.accuracy_micros, Some(1_500_000));
        assert!(openssl_says(&m, c.gen_time.unix), "{name}: openssl");
        // Another commitment's digest: both refuse.
        let mut other = m.digest;
        other[0] ^= 1;
        assert!(matches!(check(&m.token, &other, &roots(&m.root), None), Err(TokenError::Imprint { .. })));
        assert!(!openssl_verifies(&m.path, &Against::Digest(&other), &m.root, c.gen_time.unix));
    }
}

#[test]
fn a_certificate_expired_before_gen_time_fails_like_openssl() {
    if openssl().is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // A TSA certificate that expired before the token was made.
    let expired = Options { validity: Some(("20200101000000Z", "20210101000000Z")), ..Options::default() };
    let (m, _) = token_from(dir.path(), "expired", &expired, "v2/commitment.json");
    let err = check(&m.token, &m.digest, &roots(&m.root), None).unwrap_err();
    assert!(matches!(err, TokenError::CertificateTime { .. }), "{err:?}");
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    assert!(!openssl_says(&m, now));
}

#[test]
fn a_short_policy_oid_is_read_as_der_allows() {
    if openssl().is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // 1.2.3 is two bytes in DER (2a 03): valid, though const-oid 0.9 refuses it.
    let short = Options { policy: "1.2.3", ..Options::default() };
    let (m, nonce) = token_from(dir.path(), "short-policy", &short, "example/commitment.json");
    let c = check(&m.token, &m.digest, &roots(&m.root), Some(&nonce)).unwrap();
    assert_eq!((c.trust, c.policy.as_str()), (Trust::Trusted, "1.2.3"));
    assert!(openssl_says(&m, c.gen_time.unix));
}

#[test]
fn a_missing_issuer_is_named_as_missing_not_as_the_root() {
    if openssl().is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // The token carries only the TSA's certificate; its issuer is nowhere.
    let (m, _) = token_from(dir.path(), "lonely", &Options::default(), "example/commitment.json");
    let c = check(&m.token, &m.digest, &Roots::none(), None).unwrap();
    assert_eq!(c.trust, Trust::IssuerMissing);
    assert_eq!(c.root, "CN=lonely root,O=potdraw test");
    assert!(c.signer.contains("CN=lonely TSA"), "{}", c.signer);
}

/// SPEC §13.4 for quicknet: genesis 1692803367, period 3.
fn quicknet_round(at: i64) -> (u64, i64) {
    let (genesis, period) = (1_692_803_367i64, 3i64);
    let round = 1 + (at - genesis + period - 1).div_euclid(period);
    (round as u64, genesis + (round - 1) * period)
}

#[test]
fn published_before_passes_for_a_later_round_and_fails_for_an_earlier_one() {
    if openssl().is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (m, _) = token_from(dir.path(), "pb", &Options::default(), "v2/commitment.json");
    let c = check(&m.token, &m.digest, &roots(&m.root), None).unwrap();
    let gen = c.gen_time.unix;
    let moment = |at: i64| {
        let (round, time) = quicknet_round(at);
        SourceMoment::Drand { label: "beacon".into(), round, time }
    };
    // An hour later: passed. The token's accuracy (1.5 s) is counted.
    assert!(matches!(published_before(&[c.time()], &[moment(gen + 3600)]), PublishedBefore::Passed { .. }));
    // A round one second after genTime is within the token's accuracy: not before.
    let within = SourceMoment::Drand { label: "beacon".into(), round: 9, time: gen + 1 };
    assert!(matches!(published_before(&[c.time()], &[within]), PublishedBefore::Failed { .. }));
    // A round a minute before the token: failed, with both times.
    match published_before(&[c.time()], &[moment(gen - 60)]) {
        PublishedBefore::Failed { token, entropy_time, .. } => {
            assert!(entropy_time < token.gen_time.unix);
        }
        other => panic!("{other:?}"),
    }
    // An untrusted token is no token: the CLI passes only trusted ones, and none means so.
    assert_eq!(published_before(&[], &[moment(gen + 3600)]), PublishedBefore::NoTrustedToken);
}
