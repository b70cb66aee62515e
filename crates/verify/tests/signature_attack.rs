//! Issue 26: the reviewer's attack on the order-2 key, end to end through
//! `OrganiserKey`.
mod forge;

use potdraw_verify::signature::OrganiserKey;

const REVIEWER_KEY: &str = "RWQBI0VniavN7+z///////////////////////////////////////9/";

#[test]
fn a_forged_signature_for_the_order_2_key_is_refused() {
    let file = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/example/transcript.json")).unwrap();
    let mut point = [0xffu8; 32];
    point[0] = 0xec;
    point[31] = 0x7f;
    let id = [0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef];
    assert_eq!(forge::key_line(&id, &point), REVIEWER_KEY);
    let minisig = forge::forged_minisig(&id, &point, &file, "potdraw file:transcript.json").unwrap();
    let accepted = OrganiserKey::parse(REVIEWER_KEY).map(|k| k.verify(&file, &minisig));
    assert!(!matches!(accepted, Ok(Ok(_))), "the forgery passes: {accepted:?}\n{minisig}");
}

// Beyond the reviewer's key: changes to a good signature by the fixtures'
// TEST KEY (its secret half is published in fixtures/audit/test-key/), each
// of which must be refused with its stable reason (SPEC §16.2).

use base64::Engine;
use blake2::{Blake2b512, Digest};
use ed25519_dalek::{Signer, SigningKey};
use potdraw_verify::signature::SignatureError;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/audit/").to_string() + name).unwrap()
}

fn b64d(s: &str) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD.decode(s).unwrap()
}

/// The TEST KEY: its public key, its signing key and key id.
fn test_key() -> (OrganiserKey, SigningKey, [u8; 8]) {
    let public = OrganiserKey::parse(&String::from_utf8(fixture("test-key/potdraw.pub")).unwrap()).unwrap();
    let secret = String::from_utf8(fixture("test-key/potdraw.key")).unwrap();
    let bin = b64d(secret.lines().nth(1).unwrap());
    let sk = SigningKey::from_bytes(&bin[62..94].try_into().unwrap());
    (public, sk, bin[54..62].try_into().unwrap())
}

/// A minisign signature file from its parts.
fn minisig(alg: &[u8; 2], id: &[u8; 8], sig: &[u8], comment: &str, global: &[u8]) -> String {
    let mut line = alg.to_vec();
    line.extend_from_slice(id);
    line.extend_from_slice(sig);
    format!("untrusted comment: t\n{}\ntrusted comment: {comment}\n{}\n", forge::b64(&line), forge::b64(global))
}

/// A signature made by the test key; `prehashed` false gives the legacy `Ed`.
fn signed(sk: &SigningKey, id: &[u8; 8], file: &[u8], comment: &str, prehashed: bool) -> String {
    let sig = if prehashed { sk.sign(&Blake2b512::digest(file)) } else { sk.sign(file) }.to_bytes();
    let global = sk.sign(&[&sig[..], comment.as_bytes()].concat()).to_bytes();
    minisig(if prehashed { b"ED" } else { b"Ed" }, id, &sig, comment, &global)
}

/// S + L, as 32 little-endian bytes (S < L < 2^253, so no overflow).
fn plus_l(s: &[u8]) -> [u8; 32] {
    const L: [u8; 32] = [
        0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
    ];
    let mut out = [0u8; 32];
    let mut carry = 0u16;
    for i in 0..32 {
        let v = u16::from(s[i]) + u16::from(L[i]) + carry;
        out[i] = v as u8;
        carry = v >> 8;
    }
    out
}

#[test]
fn changes_to_a_good_signature_are_refused_for_their_reason() {
    let (key, sk, id) = test_key();
    let file = fixture("healthy/2027-04/transcript.json");
    let comment = "potdraw file:transcript.json";
    let good = signed(&sk, &id, &file, comment, true);
    assert_eq!(key.verify(&file, &good).as_deref(), Ok(comment), "the test key signs (control)");
    let sig: [u8; 64] = sk.sign(&Blake2b512::digest(&file)).to_bytes();
    let global = sk.sign(&[&sig[..], comment.as_bytes()].concat()).to_bytes();

    // S ≥ L: the same S modulo L, so a verifier that reduces S accepts it.
    let mut malleable = sig;
    malleable[32..].copy_from_slice(&plus_l(&sig[32..]));
    let global_m = sk.sign(&[&malleable[..], comment.as_bytes()].concat()).to_bytes();
    let m = minisig(b"ED", &id, &malleable, comment, &global_m);
    assert_eq!(key.verify(&file, &m), Err(SignatureError::Mismatch), "S + L in the signature");
    let mut g = global;
    g[32..].copy_from_slice(&plus_l(&global[32..]));
    assert_eq!(
        key.verify(&file, &minisig(b"ED", &id, &sig, comment, &g)),
        Err(SignatureError::Mismatch),
        "S + L, global"
    );

    // R replaced by each point of small order, S kept.
    for t in 0..8u8 {
        let mut r = sig;
        let torsion = forge::small_order_point(t);
        r[..32].copy_from_slice(&torsion);
        let global_r = sk.sign(&[&r[..], comment.as_bytes()].concat()).to_bytes();
        let text = minisig(b"ED", &id, &r, comment, &global_r);
        assert_eq!(key.verify(&file, &text), Err(SignatureError::Mismatch), "R = small-order point {t}");
    }

    // Another key id: named as such, before any arithmetic.
    let mut other = id;
    other[0] ^= 1;
    assert_eq!(key.verify(&file, &minisig(b"ED", &other, &sig, comment, &global)), Err(SignatureError::OtherKey));

    // A legacy signature (`Ed`, over the file itself), good as such: refused.
    let legacy = signed(&sk, &id, &file, comment, false);
    assert_eq!(key.verify(&file, &legacy), Err(SignatureError::Algorithm));
    // and relabelled `ED`: the prehash does not match.
    let relabelled = legacy.replacen(&legacy.lines().nth(1).unwrap()[..3], &good.lines().nth(1).unwrap()[..3], 1);
    assert_eq!(key.verify(&file, &relabelled), Err(SignatureError::Mismatch), "{relabelled}");

    // The trusted comment altered, one byte added, or the global signature swapped.
    let altered =
        good.replace("trusted comment: potdraw file:transcript.json", "trusted comment: potdraw file:transcript2.json");
    assert_eq!(key.verify(&file, &altered), Err(SignatureError::Mismatch));
    let appended = good.replace(comment, &format!("{comment} "));
    assert_eq!(key.verify(&file, &appended), Err(SignatureError::Mismatch));
    let zero_global = minisig(b"ED", &id, &sig, comment, &[0u8; 64]);
    assert_eq!(key.verify(&file, &zero_global), Err(SignatureError::Mismatch));
    // The file changed by one byte.
    let mut changed = file.clone();
    changed.push(b'\n');
    assert_eq!(key.verify(&changed, &good), Err(SignatureError::Mismatch));
    // CRLF line ends read as LF, as minisign-verify read them (unchanged).
    assert_eq!(key.verify(&file, &good.replace('\n', "\r\n")).as_deref(), Ok(comment));
}

/// The owner of a good key can make a signature whose `R` is the identity:
/// `S = k·a` satisfies `[S]B = R + [k]A` exactly. A lenient verifier
/// accepts it; SPEC §16.2 refuses small-order `R`, and here that is the only
/// thing wrong with the signature.
#[test]
fn an_owner_made_signature_with_r_the_identity_is_refused() {
    use curve25519_dalek::Scalar;
    use sha2::Sha512;
    let (key, sk, id) = test_key();
    let public = sk.verifying_key().to_bytes();
    let h = Sha512::digest(sk.to_bytes());
    let a = Scalar::from_bytes_mod_order(curve25519_dalek::scalar::clamp_integer(h[..32].try_into().unwrap()));
    let identity = curve25519_dalek::EdwardsPoint::default().compress().to_bytes();
    let sign_r_identity = |m: &[u8]| {
        let k = Sha512::new().chain_update(identity).chain_update(public).chain_update(m).finalize();
        let s = Scalar::from_bytes_mod_order_wide(&k.into()) * a;
        [identity, s.to_bytes()].concat()
    };
    let file = fixture("healthy/2027-04/transcript.json");
    let comment = "potdraw file:transcript.json";
    let sig = sign_r_identity(&Blake2b512::digest(&file));
    let global = sign_r_identity(&[&sig[..], comment.as_bytes()].concat());
    let text = minisig(b"ED", &id, &sig, comment, &global);
    let old = minisign_verify::PublicKey::from_base64(&key.line).unwrap();
    assert!(old.verify(&file, &minisign_verify::Signature::decode(&text).unwrap(), false).is_ok(), "lenient: valid");
    assert_eq!(key.verify(&file, &text), Err(SignatureError::Mismatch), "strict: refused");
}

/// The audit classifies a file as a signature by `is_signature` (SPEC
/// §16.4), which must read exactly what minisign-verify 0.3 read before
/// issue 26 replaced it (the decoder is now base64's): a differential test
/// over every byte of a good `.minisig` replaced by characters that matter
/// to base64 and to line splitting, and over lines added or removed.
#[test]
fn is_signature_reads_what_minisign_verify_read() {
    let good = String::from_utf8(fixture("healthy/2027-04/transcript.json.minisig")).unwrap();
    let old = |t: &str| t.starts_with("untrusted comment:") && minisign_verify::Signature::decode(t).is_ok();
    let mut variants = vec![
        good.clone(),
        good.replace('\n', "\r\n"),
        format!("\u{feff}{good}"),
        format!("{good}extra line\n"),
        good.trim_end().to_string(),
        good.lines().take(3).collect::<Vec<_>>().join("\n"),
        good.replace("==", ""),
        good.replace("==", "="),
        good.replace("=\n", "\n"),
        good.replace("trusted comment: ", "trusted comment:"),
    ];
    let bytes = good.as_bytes();
    for i in 0..bytes.len() {
        for c in [b'=', b'A', b'B', b'/', b'-', b' ', b'\r', b'\n'] {
            let mut v = bytes.to_vec();
            v[i] = c;
            if let Ok(s) = String::from_utf8(v) {
                variants.push(s);
            }
        }
        let mut v = bytes.to_vec();
        v.remove(i);
        variants.push(String::from_utf8_lossy(&v).into_owned());
    }
    let mut differ = Vec::new();
    let mut accepted = 0;
    for v in &variants {
        let new = potdraw_verify::signature::is_signature(v);
        accepted += usize::from(new);
        if new != old(v) {
            differ.push(v.clone());
        }
    }
    assert!(differ.is_empty(), "{} of {} variants read differently, e.g.\n{}", differ.len(), variants.len(), differ[0]);
    assert!(accepted > 1 && accepted < variants.len(), "both answers occur: {accepted} of {}", variants.len());
}
