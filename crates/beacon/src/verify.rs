//! What a round signs, how it is verified and what randomness it yields
//! (SPEC §13.2–§13.4), and drand's beacon JSON as the HTTP API serves it.

use crate::chain::{hex32, hex_bytes, ChainInfo, Scheme};
use crate::error::{BeaconError, Rejection};
use drand_verify::{G1Pubkey, G2PubkeyRfc, Pubkey};
use serde::Deserialize;
use sha2::{Digest, Sha256};

/// SPEC §13.2: the 32-byte message a round signs. Chained:
/// SHA-256(previous_signature ‖ u64be(round)); unchained: SHA-256(u64be(round)).
/// drand-verify computes the same internally; this copy documents it and
/// lets tests pin it.
pub fn message(round: u64, previous_signature: Option<&[u8]>) -> [u8; 32] {
    let mut h = Sha256::new();
    if let Some(prev) = previous_signature {
        h.update(prev);
    }
    h.update(round.to_be_bytes());
    h.finalize().into()
}

/// SPEC §13.3: a round's randomness is SHA-256 of its signature.
pub fn randomness(signature: &[u8]) -> [u8; 32] {
    Sha256::digest(signature).into()
}

/// SPEC §13.4: the Unix time of round `round` (round 1 is at genesis).
pub fn time_of(chain: &ChainInfo, round: u64) -> Result<u64, BeaconError> {
    if round == 0 {
        return Err(BeaconError::input("round", "a round number of at least 1", 0));
    }
    (round - 1)
        .checked_mul(chain.period)
        .and_then(|d| d.checked_add(chain.genesis_time))
        .ok_or_else(|| BeaconError::input("round", "a round whose time is below 2^64 seconds", round))
}

/// SPEC §13.4: the first round whose time is at or after `unix_time`:
/// 1 if `unix_time ≤ genesis`, else 1 + ⌈(unix_time − genesis) / period⌉.
pub fn round_at(chain: &ChainInfo, unix_time: u64) -> u64 {
    if unix_time <= chain.genesis_time || chain.period == 0 {
        return 1;
    }
    let since = unix_time - chain.genesis_time;
    1 + since / chain.period + u64::from(since % chain.period != 0)
}

/// Checks that the chain's public key is a valid group element.
/// SPEC §13.2: the ZCash compressed encoding marks the point at infinity
/// with bit 6 of the first byte.
pub fn is_infinity(point: &[u8]) -> bool {
    point.first().is_some_and(|b| b & 0x40 != 0)
}

pub(crate) fn public_key_valid(chain: &ChainInfo) -> Result<(), BeaconError> {
    if is_infinity(&chain.public_key) {
        return Err(BeaconError::input("public_key", "a valid BLS12-381 point", "the point at infinity"));
    }
    let bad = |e: drand_verify::InvalidPoint| BeaconError::input("public_key", "a valid compressed BLS12-381 point", e);
    match chain.scheme {
        Scheme::PedersenBlsChained | Scheme::PedersenBlsUnchained => {
            G1Pubkey::from_variable(&chain.public_key).map(drop)
        }
        Scheme::BlsUnchainedG1Rfc9380 => G2PubkeyRfc::from_variable(&chain.public_key).map(drop),
    }
    .map_err(bad)
}

/// SPEC §13.2: verifies that `signature` is the chain's signature of round
/// `round` and returns the round's randomness. For a chained scheme the
/// previous round's signature is required; for an unchained one it is refused.
pub fn verify(
    chain: &ChainInfo,
    round: u64,
    signature: &[u8],
    previous_signature: Option<&[u8]>,
) -> Result<[u8; 32], BeaconError> {
    if round == 0 {
        return Err(BeaconError::input("round", "a round number of at least 1", 0));
    }
    let scheme = chain.scheme;
    if signature.len() != scheme.signature_len() {
        return Err(BeaconError::rejected(
            Rejection::SignatureLength,
            "signature",
            format!("{} bytes (scheme {} of chain {})", scheme.signature_len(), scheme.id(), chain.label()),
            format!("{} bytes", signature.len()),
        ));
    }
    let prev: &[u8] = match (scheme.is_chained(), previous_signature) {
        (true, Some(p)) => p,
        (true, None) => {
            return Err(BeaconError::rejected(
                Rejection::MissingPreviousSignature,
                "previous_signature",
                format!("the signature of round {} (scheme {})", round - 1, scheme.id()),
                "none",
            ))
        }
        (false, None) => b"",
        (false, Some(_)) => {
            return Err(BeaconError::rejected(
                Rejection::UnexpectedPreviousSignature,
                "previous_signature",
                format!("none (scheme {} signs the round alone)", scheme.id()),
                "a previous signature",
            ))
        }
    };
    // SPEC §13.2: the point at infinity is a valid encoding but never a
    // signature: with it (and an infinity key) the pairing equation holds
    // for every message.
    if is_infinity(signature) {
        return Err(BeaconError::rejected(
            Rejection::BadSignature,
            "signature",
            format!("a BLS signature of round {round} by chain {}", chain.label()),
            "the point at infinity",
        ));
    }
    public_key_valid(chain)?;
    let key_error = |e: drand_verify::InvalidPoint| BeaconError::input("public_key", "a valid BLS12-381 point", e);
    let outcome = match scheme {
        Scheme::PedersenBlsChained | Scheme::PedersenBlsUnchained => {
            G1Pubkey::from_variable(&chain.public_key).map_err(key_error)?.verify(round, prev, signature)
        }
        Scheme::BlsUnchainedG1Rfc9380 => {
            G2PubkeyRfc::from_variable(&chain.public_key).map_err(key_error)?.verify(round, prev, signature)
        }
    };
    match outcome {
        Ok(true) => Ok(randomness(signature)),
        Ok(false) => Err(BeaconError::rejected(
            Rejection::BadSignature,
            "signature",
            format!("a BLS signature of round {round} by chain {}", chain.label()),
            "a signature that does not verify",
        )),
        Err(e) => Err(BeaconError::rejected(
            Rejection::BadSignature,
            "signature",
            format!("a BLS signature of round {round} by chain {}", chain.label()),
            format!("no valid group element ({e})"),
        )),
    }
}

/// One round as drand's HTTP API serves it at `/public/{round}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Beacon {
    pub round: u64,
    pub signature: Vec<u8>,
    /// Served for chained schemes only.
    pub previous_signature: Option<Vec<u8>>,
    /// As served; [`verify_beacon`] checks it equals SHA-256(signature).
    pub randomness: Option<[u8; 32]>,
}

#[derive(Deserialize)]
struct BeaconJson {
    round: u64,
    #[serde(default)]
    randomness: Option<String>,
    signature: String,
    #[serde(default)]
    previous_signature: Option<String>,
}

/// Parses `{"round":…,"randomness":…,"signature":…,"previous_signature":…}`.
/// Unknown members are ignored (drand's v2 API adds none we need).
pub fn parse_beacon(text: &str) -> Result<Beacon, BeaconError> {
    let j: BeaconJson = serde_json::from_str(text).map_err(|e| {
        BeaconError::input(
            "beacon",
            "drand's beacon JSON {\"round\":N,\"randomness\":HEX,\"signature\":HEX[,\"previous_signature\":HEX]}",
            e.to_string(),
        )
    })?;
    Ok(Beacon {
        round: j.round,
        signature: hex_bytes("signature", &j.signature, None)?,
        previous_signature: j.previous_signature.map(|p| hex_bytes("previous_signature", &p, None)).transpose()?,
        randomness: j.randomness.map(|r| hex32("randomness", &r)).transpose()?,
    })
}

/// Verifies a served beacon for `expected_round` (when given) and returns its randomness.
pub fn verify_beacon(chain: &ChainInfo, beacon: &Beacon, expected_round: Option<u64>) -> Result<[u8; 32], BeaconError> {
    if let Some(want) = expected_round {
        if beacon.round != want {
            return Err(BeaconError::input("round", format!("round {want}"), beacon.round));
        }
    }
    let got = verify(chain, beacon.round, &beacon.signature, beacon.previous_signature.as_deref())?;
    match beacon.randomness {
        Some(served) if served != got => Err(BeaconError::rejected(
            Rejection::RandomnessMismatch,
            "randomness",
            hex::encode(got),
            hex::encode(served),
        )),
        _ => Ok(got),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chain::builtin;

    #[test]
    fn rounds_and_times() {
        let q = builtin("quicknet").unwrap();
        assert_eq!(time_of(&q, 1).unwrap(), q.genesis_time);
        assert_eq!(time_of(&q, 123).unwrap(), q.genesis_time + 122 * 3);
        assert!(time_of(&q, 0).is_err());
        assert!(time_of(&q, u64::MAX).is_err());
        assert_eq!(round_at(&q, 0), 1);
        assert_eq!(round_at(&q, q.genesis_time), 1);
        assert_eq!(round_at(&q, q.genesis_time + 1), 2);
        assert_eq!(round_at(&q, q.genesis_time + 3), 2);
        assert_eq!(round_at(&q, q.genesis_time + 4), 3);
        for r in [1u64, 2, 123, 30_662_982] {
            let t = time_of(&q, r).unwrap();
            assert_eq!(round_at(&q, t), r);
            assert_eq!(round_at(&q, t - 1), r);
            assert_eq!(round_at(&q, t + 1), r + 1);
        }
    }

    /// The identity is a valid encoding (0xc0 then zeros) and, as key and
    /// signature together, satisfies the pairing equation for any round: it
    /// must be refused as a signature and as a key.
    #[test]
    fn the_point_at_infinity_is_refused() {
        let quicknet = builtin("quicknet").unwrap();
        let mut inf_sig = vec![0u8; 48];
        inf_sig[0] = 0xc0;
        let e = verify(&quicknet, 5, &inf_sig, None).unwrap_err();
        assert_eq!((e.rejection(), e.found()), (Some(Rejection::BadSignature), "the point at infinity"));
        let mut inf_key = quicknet.clone();
        inf_key.public_key = vec![0u8; 96];
        inf_key.public_key[0] = 0xc0;
        let e = verify(&inf_key, 5, &inf_sig, None).unwrap_err();
        assert_eq!(e.found(), "the point at infinity");
        let mut sig = inf_sig.clone();
        sig[0] = 0x80;
        assert_eq!(verify(&inf_key, 5, &sig, None).unwrap_err().field(), "public_key");
        assert!(!is_infinity(&sig) && is_infinity(&inf_sig));
    }

    #[test]
    fn message_layout() {
        // SHA-256 of the 8 bytes 00 00 00 00 00 00 00 01.
        assert_eq!(hex::encode(message(1, None)), "cd2662154e6d76b2b2b92e70c0cac3ccf534f9b74eb5b89819ec509083d00a50");
        assert_ne!(message(1, Some(b"")), message(2, None));
    }

    #[test]
    fn randomness_of_drand_verify_example() {
        // drand-verify 0.6.2 src/randomness.rs: mainnet round 72785.
        let sig = hex::decode("82f5d3d2de4db19d40a6980e8aa37842a0e55d1df06bd68bddc8d60002e8e959eb9cfa368b3c1b77d18f02a54fe047b80f0989315f83b12a74fd8679c4f12aae86eaf6ab5690b34f1fddd50ee3cc6f6cdf59e95526d5a5d82aaa84fa6f181e42").unwrap();
        assert_eq!(hex::encode(randomness(&sig)), "8b676484b5fb1f37f9ec5c413d7d29883504e5b669f604a1ce68b3388e9ae3d9");
    }
}
