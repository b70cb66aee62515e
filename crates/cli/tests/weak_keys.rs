//! Issue 26 through the real binary: a key of small order (or not
//! canonical) is refused by `verify --key`, `audit --key` and `sign`, and
//! Debian's `minisign -V` (libsodium) refuses the forged signatures as
//! well, so potdraw and the reference tool agree (SPEC §16.1–§16.2).

mod common;

#[path = "../../verify/tests/forge/mod.rs"]
mod forge;

use common::*;
use std::path::Path;
use std::process::Command;

const MINISIGN: &str = "/usr/bin/minisign";
const KEY_ID: [u8; 8] = [0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef];

fn vectors() -> Vec<serde_json::Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/signatures/weak-keys.json");
    let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    doc["cases"].as_array().unwrap().clone()
}

fn key_of(case: &serde_json::Value) -> [u8; 32] {
    let hex = case["key"].as_str().unwrap();
    let mut key = [0u8; 32];
    for (i, b) in key.iter_mut().enumerate() {
        *b = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap();
    }
    key
}

#[test]
fn the_reviewers_forgery_is_refused_by_verify_and_audit() {
    let p = Pot::drawn();
    let d = p.dir.path();
    let case = vectors().into_iter().find(|c| c["name"] == "order-2").unwrap();
    let line = case["line"].as_str().unwrap();
    let bytes = std::fs::read(&p.transcript).unwrap();
    let sig = forge::forged_minisig(&KEY_ID, &key_of(&case), &bytes, "potdraw file:transcript.json").unwrap();
    std::fs::write(d.join("transcript.json.minisig"), sig).unwrap();
    std::fs::write(d.join("potdraw.pub"), format!("untrusted comment: minisign public key\n{line}\n")).unwrap();
    for key in [line, "potdraw.pub"] {
        let err = fails(p.cmd().args(["verify", "transcript.json", "--key", key]), 2, &["key-public-small-order"]);
        assert!(err.contains("order 2"), "{err}");
        let err = fails(p.cmd().args(["audit", ".", "--key", key, "--json"]), 2, &["key-public-small-order"]);
        assert!(err.contains("order 2"), "{err}");
    }
    // Without --key the audit still reads the folder; the weak key file
    // beside the documents is a public key by its form and is ignored.
    let out = p.cmd().args(["audit", ".", "--json"]).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(json["ignored"].as_array().unwrap().iter().any(|f| f == "potdraw.pub"), "{json}");
}

#[test]
fn debian_minisign_refuses_every_forgery_potdraw_refuses() {
    if !Path::new(MINISIGN).exists() {
        assert!(std::env::var_os("POTDRAW_CI").is_none(), "{MINISIGN} is missing under POTDRAW_CI");
        eprintln!("note: {MINISIGN} is missing; skipped");
        return;
    }
    let p = Pot::drawn();
    let d = p.dir.path();
    let bytes = std::fs::read(&p.transcript).unwrap();
    let mut checked = 0;
    for case in vectors() {
        let name = case["name"].as_str().unwrap();
        let line = case["line"].as_str().unwrap();
        let Some(sig) = forge::forged_minisig(&KEY_ID, &key_of(&case), &bytes, "forged") else { continue };
        std::fs::write(d.join("transcript.json.minisig"), &sig).unwrap();
        let out = Command::new(MINISIGN).current_dir(d).args(["-Vm", "transcript.json", "-P", line]).output().unwrap();
        assert!(!out.status.success(), "{name}: minisign accepted a forgery\n{sig}");
        let expected = format!("key-public-{}", case["expect"].as_str().unwrap());
        fails(p.cmd().args(["verify", "transcript.json", "--key", line]), 2, &[&expected]);
        checked += 1;
    }
    assert_eq!(checked, 14);
}

/// An unencrypted minisign secret key (`minisign -G -W`, zero checksum)
/// whose stored public half is `public`: a crafted file, since no key
/// generator makes one.
fn secret_key_file(public: &[u8; 32]) -> String {
    let mut bin = b"Ed\0\0B2".to_vec();
    bin.extend_from_slice(&[0u8; 48]);
    bin.extend_from_slice(&KEY_ID);
    bin.extend_from_slice(&[7u8; 32]);
    bin.extend_from_slice(public);
    bin.extend_from_slice(&[0u8; 32]);
    format!("untrusted comment: crafted\n{}\n", forge::b64(&bin))
}

#[test]
fn sign_refuses_a_secret_key_whose_public_half_has_small_order() {
    let p = Pot::drawn();
    let d = p.dir.path();
    for name in ["order-2", "order-8-a", "identity-y-p-plus-1"] {
        let case = vectors().into_iter().find(|c| c["name"] == name).unwrap();
        std::fs::write(d.join("weak.key"), secret_key_file(&key_of(&case))).unwrap();
        let err = fails(p.cmd().args(["sign", "transcript.json", "--key", "weak.key"]), 2, &["key-secret-weak"]);
        assert!(err.contains(&format!("key-{}", case["expect"].as_str().unwrap())), "{name}: {err}");
        assert!(!d.join("transcript.json.minisig").exists(), "{name}: nothing written");
    }
    // The same file with the seed's real public half signs (so the refusal
    // above is the key's, not the crafted file's).
    let seed = ed25519_public_of_seed([7u8; 32]);
    std::fs::write(d.join("good.key"), secret_key_file(&seed)).unwrap();
    succeeds(p.cmd().args(["sign", "transcript.json", "--key", "good.key"]));
    let line = forge::key_line(&KEY_ID, &seed);
    succeeds(p.cmd().args(["verify", "transcript.json", "--key", &line]));
}

/// RFC 8032 §5.1.5: A = [clamp(SHA-512(seed)[..32])]B.
fn ed25519_public_of_seed(seed: [u8; 32]) -> [u8; 32] {
    use sha2::Digest;
    let h = sha2::Sha512::digest(seed);
    let mut a = [0u8; 32];
    a.copy_from_slice(&h[..32]);
    curve25519_dalek::EdwardsPoint::mul_base_clamped(a).compress().to_bytes()
}

/// A key of mixed order, `A = [a]B + T` with `T` of order 8, is not of
/// small order and is accepted, as libsodium accepts it; its owner can make
/// signatures that only a cofactored verifier accepts. potdraw checks
/// without the cofactor, like libsodium, so potdraw and Debian's minisign
/// agree on both kinds of signature (SPEC §16.2).
#[test]
fn potdraw_and_minisign_agree_on_a_key_of_mixed_order() {
    use blake2::{Blake2b512, Digest};
    use curve25519_dalek::{EdwardsPoint, Scalar};
    if !Path::new(MINISIGN).exists() {
        assert!(std::env::var_os("POTDRAW_CI").is_none(), "{MINISIGN} is missing under POTDRAW_CI");
        return;
    }
    let a = Scalar::from(0x5eed_u64) * Scalar::from(0x1234_5678_9abc_u64);
    let t = curve25519_dalek::edwards::CompressedEdwardsY(key_of(
        &vectors().into_iter().find(|c| c["name"] == "order-8-a").unwrap(),
    ))
    .decompress()
    .unwrap();
    let public = (EdwardsPoint::mul_base(&a) + t).compress().to_bytes();
    // Signs `m` with R = [r]B; `cofactorless` chooses k ≡ 0 (mod 8), so
    // [k]T vanishes and [S]B = R + [k]A holds exactly; else only
    // [8][S]B = [8](R + [k]A) holds.
    let sign = |m: &[u8], cofactorless: bool| -> Vec<u8> {
        for r in 1u64.. {
            let rr = EdwardsPoint::mul_base(&Scalar::from(r)).compress().to_bytes();
            let h = sha2::Sha512::new().chain_update(rr).chain_update(public).chain_update(m).finalize();
            let k = Scalar::from_bytes_mod_order_wide(&h.into());
            if (k.as_bytes()[0] % 8 == 0) == cofactorless {
                return [rr, (Scalar::from(r) + k * a).to_bytes()].concat();
            }
        }
        unreachable!()
    };
    let p = Pot::drawn();
    let d = p.dir.path();
    let bytes = std::fs::read(&p.transcript).unwrap();
    let line = forge::key_line(&KEY_ID, &public);
    for cofactorless in [true, false] {
        let sig = sign(&Blake2b512::digest(&bytes), cofactorless);
        let global = sign(&[&sig[..], b"mixed"].concat(), cofactorless);
        let mut first = b"ED".to_vec();
        first.extend_from_slice(&KEY_ID);
        first.extend_from_slice(&sig);
        let text =
            format!("untrusted comment: t\n{}\ntrusted comment: mixed\n{}\n", forge::b64(&first), forge::b64(&global));
        std::fs::write(d.join("transcript.json.minisig"), &text).unwrap();
        let minisign_ok =
            Command::new(MINISIGN).current_dir(d).args(["-Vm", "transcript.json", "-P", &line]).output().unwrap();
        let potdraw_ok = p.cmd().args(["verify", "transcript.json", "--key", &line]).output().unwrap();
        assert_eq!(minisign_ok.status.success(), cofactorless, "minisign, cofactorless {cofactorless}");
        assert_eq!(potdraw_ok.status.code(), Some(if cofactorless { 0 } else { 1 }), "{}", stdout(&potdraw_ok));
    }
}
