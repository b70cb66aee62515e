//! Tokens from real authorities (Sigstore staging, IdenTrust, a Sigstore
//! test instance; tests/data/README.md): potdraw's verdict on each is the
//! one `openssl ts -verify -attime genTime` gives, and the named reason of
//! a failure is the right one (SPEC §18.6).

mod common;

use common::{data, openssl, openssl_verifies, Against};
use potdraw_timestamp::{check_imprint, HashAlg, Imprint, Roots, TokenError, Trust};

fn roots(rel: &str) -> Roots {
    Roots::from_pem(&std::fs::read(data(rel)).unwrap()).unwrap()
}

/// (token, chain, hash, expected verdict: Some(trust) or None for failed)
const CASES: &[(&str, &str, HashAlg, bool)] = &[
    ("sigstore-staging/response-sha256.tsr", "sigstore-staging/ts_chain.pem", HashAlg::Sha256, true),
    ("sigstore-staging/response-sha384.tsr", "sigstore-staging/ts_chain.pem", HashAlg::Sha384, true),
    ("sigstore-staging/response-no-embedded-cert.tsr", "sigstore-staging/ts_chain.pem", HashAlg::Sha256, true),
    ("sigstore-staging/response-invalid-signature.tsr", "sigstore-staging/ts_chain.pem", HashAlg::Sha256, false),
    ("identrust/response-sha512.tsr", "identrust/root.pem", HashAlg::Sha512, true),
    ("local-test-tsa/response.tsr", "local-test-tsa/ts_chain.pem", HashAlg::Sha512, true),
];

#[test]
fn every_real_token_gets_the_verdict_openssl_gives() {
    let hello = std::fs::read(data("hello")).unwrap();
    for (token, chain, alg, valid) in CASES {
        let bytes = std::fs::read(data(token)).unwrap();
        let result = check_imprint(&bytes, &Imprint::of_data(*alg, &hello), &roots(chain), None);
        match (&result, valid) {
            (Ok(c), true) => assert_eq!(c.trust, Trust::Trusted, "{token}"),
            (Err(_), false) => {}
            _ => panic!("{token}: {result:?}"),
        }
        if openssl().is_some() {
            // The invalid token has no readable genTime check of its own; use the valid twin's.
            let at = result.as_ref().map(|c| c.gen_time.unix).unwrap_or(1_746_791_935);
            let ossl = openssl_verifies(&data(token), &Against::Data(&data("hello")), &data(chain), at);
            assert_eq!(ossl, *valid, "openssl on {token}");
        }
    }
}

#[test]
fn the_altered_signature_is_named_as_such() {
    let hello = std::fs::read(data("hello")).unwrap();
    let bytes = std::fs::read(data("sigstore-staging/response-invalid-signature.tsr")).unwrap();
    let err = check_imprint(
        &bytes,
        &Imprint::of_data(HashAlg::Sha256, &hello),
        &roots("sigstore-staging/ts_chain.pem"),
        None,
    )
    .unwrap_err();
    assert!(matches!(err, TokenError::Signature { .. }), "{err:?}");
}

#[test]
fn identrust_is_judged_at_its_gen_time_not_now() {
    let hello = std::fs::read(data("hello")).unwrap();
    let bytes = std::fs::read(data("identrust/response-sha512.tsr")).unwrap();
    let c =
        check_imprint(&bytes, &Imprint::of_data(HashAlg::Sha512, &hello), &roots("identrust/root.pem"), None).unwrap();
    assert_eq!(potdraw_timestamp::rfc3339(c.gen_time.unix), "2025-03-11T08:52:08Z");
    assert_eq!(c.accuracy_micros, None);
    // OpenSSL agrees at genTime, and refuses today (the TSA certificate has expired).
    if openssl().is_some() {
        let against = Against::Data(&data("hello"));
        assert!(openssl_verifies(
            &data("identrust/response-sha512.tsr"),
            &against,
            &data("identrust/root.pem"),
            c.gen_time.unix
        ));
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
        assert!(!openssl_verifies(&data("identrust/response-sha512.tsr"), &against, &data("identrust/root.pem"), now));
    }
}

#[test]
fn another_hash_is_refused_with_both_hashes_named() {
    let bytes = std::fs::read(data("sigstore-staging/response-sha256.tsr")).unwrap();
    let err = check_imprint(
        &bytes,
        &Imprint::of_data(HashAlg::Sha256, b"hellO"),
        &roots("sigstore-staging/ts_chain.pem"),
        None,
    )
    .unwrap_err();
    match err {
        TokenError::Imprint { expected, found } => {
            assert!(found.starts_with("SHA-256 2cf24dba"), "{found}");
            assert_ne!(expected, found);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn without_the_chosen_root_a_valid_token_is_untrusted_never_proof() {
    let hello = std::fs::read(data("hello")).unwrap();
    let imprint = Imprint::of_data(HashAlg::Sha512, &hello);
    let bytes = std::fs::read(data("identrust/response-sha512.tsr")).unwrap();
    // The token carries only the TSA's certificate: its issuer is missing,
    // and that issuer, not the TSA's own certificate, is what is named.
    let c = check_imprint(&bytes, &imprint, &Roots::none(), None).unwrap();
    assert_eq!(c.trust, Trust::IssuerMissing);
    assert_ne!(c.root, c.signer);
    // Another authority's root does not make it trusted either.
    let c = check_imprint(&bytes, &imprint, &roots("sigstore-staging/ts_chain.pem"), None).unwrap();
    assert_eq!(c.trust, Trust::IssuerMissing);
    // With its own root it is trusted.
    let c = check_imprint(&bytes, &imprint, &roots("identrust/root.pem"), None).unwrap();
    assert_eq!(c.trust, Trust::Trusted);
}

#[test]
fn the_nonce_of_the_request_must_be_in_the_token() {
    let hello = std::fs::read(data("hello")).unwrap();
    let imprint = Imprint::of_data(HashAlg::Sha512, &hello);
    let bytes = std::fs::read(data("identrust/response-sha512.tsr")).unwrap();
    let r = roots("identrust/root.pem");
    assert!(check_imprint(&bytes, &imprint, &r, Some(&hex::decode("75C3B3214AC39FBB").unwrap())).is_ok());
    let err = check_imprint(&bytes, &imprint, &r, Some(&[1, 2, 3])).unwrap_err();
    assert!(matches!(err, TokenError::Nonce { .. }), "{err:?}");
}
