//! Chain information (SPEC §13.1): what identifies a drand chain and what a
//! verifier needs to check its rounds offline, forever. Two League of
//! Entropy chains are built in; any other chain is read from the JSON that
//! drand serves at `/info` (or `/{chain hash}/info`).

use crate::error::{BeaconError, Rejection};
use serde::Deserialize;
use sha2::{Digest, Sha256};

/// The signature schemes potdraw verifies (drand's `schemeID`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scheme {
    /// `pedersen-bls-chained`: public key on G1 (48 bytes), signature on G2
    /// (96 bytes), message SHA-256(previous signature ‖ round). Mainnet "default".
    PedersenBlsChained,
    /// `pedersen-bls-unchained`: as above, message SHA-256(round).
    PedersenBlsUnchained,
    /// `bls-unchained-g1-rfc9380`: public key on G2 (96 bytes), signature on
    /// G1 (48 bytes), message SHA-256(round), hashed to G1 per RFC 9380. Quicknet.
    BlsUnchainedG1Rfc9380,
}

impl Scheme {
    pub const ALL: [Scheme; 3] =
        [Scheme::PedersenBlsChained, Scheme::PedersenBlsUnchained, Scheme::BlsUnchainedG1Rfc9380];

    /// drand's `schemeID`.
    pub fn id(self) -> &'static str {
        match self {
            Scheme::PedersenBlsChained => "pedersen-bls-chained",
            Scheme::PedersenBlsUnchained => "pedersen-bls-unchained",
            Scheme::BlsUnchainedG1Rfc9380 => "bls-unchained-g1-rfc9380",
        }
    }

    pub fn from_id(field: &str, id: &str) -> Result<Scheme, BeaconError> {
        Scheme::ALL.into_iter().find(|s| s.id() == id).ok_or_else(|| {
            let known: Vec<&str> = Scheme::ALL.iter().map(|s| s.id()).collect();
            BeaconError::input(field, format!("one of {}", known.join(", ")), format!("{id:?}"))
        })
    }

    /// Whether the message includes the previous round's signature.
    pub fn is_chained(self) -> bool {
        self == Scheme::PedersenBlsChained
    }

    /// Bytes of a compressed public key.
    pub fn public_key_len(self) -> usize {
        match self {
            Scheme::PedersenBlsChained | Scheme::PedersenBlsUnchained => 48,
            Scheme::BlsUnchainedG1Rfc9380 => 96,
        }
    }

    /// Bytes of a compressed signature.
    pub fn signature_len(self) -> usize {
        match self {
            Scheme::PedersenBlsChained | Scheme::PedersenBlsUnchained => 96,
            Scheme::BlsUnchainedG1Rfc9380 => 48,
        }
    }
}

/// Everything needed to verify a chain's rounds and map them to time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainInfo {
    /// drand's `metadata.beaconID` ("default" for the classic mainnet).
    pub beacon_id: String,
    pub public_key: Vec<u8>,
    /// Seconds between rounds, at least 1.
    pub period: u64,
    /// Unix time of round 1.
    pub genesis_time: u64,
    pub scheme: Scheme,
    /// drand's chain hash, which identifies the chain (SPEC §13.1).
    pub hash: [u8; 32],
    /// drand's `groupHash`, the genesis seed; part of the chain hash.
    pub group_hash: [u8; 32],
}

/// The names `builtin` knows, for messages.
pub const BUILTIN_NAMES: [&str; 3] = ["mainnet", "default", "quicknet"];

/// The built-in League of Entropy chains, as served at
/// `https://api.drand.sh/{hash}/info` (values also in drand-verify 0.6.2's
/// tests and ChainSafe/forest `src/beacon/tests/fixtures/drand_*.json`).
/// `mainnet` and `default` name the same chain.
pub fn builtin(name: &str) -> Option<ChainInfo> {
    let h = |s: &str| hex::decode(s).expect("built-in hex is valid");
    let h32 = |s: &str| <[u8; 32]>::try_from(h(s)).expect("built-in hashes are 32 bytes");
    match name {
        "mainnet" | "default" => Some(ChainInfo {
            beacon_id: "default".into(),
            public_key: h("868f005eb8e6e4ca0a47c8a77ceaa5309a47978a7c71bc5cce96366b5d7a569937c529eeda66c7293784a9402801af31"),
            period: 30,
            genesis_time: 1_595_431_050,
            scheme: Scheme::PedersenBlsChained,
            hash: h32("8990e7a9aaed2ffed73dbd7092123d6f289930540d7651336225dc172e51b2ce"),
            group_hash: h32("176f93498eac9ca337150b46d21dd58673ea4e3581185f869672e59fa4cb390a"),
        }),
        "quicknet" => Some(ChainInfo {
            beacon_id: "quicknet".into(),
            public_key: h("83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a"),
            period: 3,
            genesis_time: 1_692_803_367,
            scheme: Scheme::BlsUnchainedG1Rfc9380,
            hash: h32("52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971"),
            group_hash: h32("f477d5c89f21a17c863a7f937c6a6d15859414d2be09cd448d4279af331c5d3e"),
        }),
        _ => None,
    }
}

/// The built-in chain whose complete information (not only the hash)
/// equals `chain`, by name: a custom chain may call itself "quicknet".
pub fn builtin_name(chain: &ChainInfo) -> Option<&'static str> {
    ["mainnet", "quicknet"].into_iter().find(|n| builtin(n).as_ref() == Some(chain))
}

/// drand's `/info` JSON. Unknown members are ignored: drand may add some,
/// and none of them enters verification.
#[derive(Deserialize)]
struct InfoJson {
    public_key: String,
    period: u64,
    genesis_time: u64,
    hash: String,
    #[serde(rename = "groupHash")]
    group_hash: String,
    /// Absent in the first mainnet's `/info`: then the scheme is the chained one.
    #[serde(rename = "schemeID", default)]
    scheme_id: Option<String>,
    #[serde(default)]
    metadata: Option<MetadataJson>,
}

#[derive(Deserialize)]
struct MetadataJson {
    #[serde(rename = "beaconID", default)]
    beacon_id: Option<String>,
}

/// Lowercase or uppercase hex of exactly `len` bytes.
pub(crate) fn hex_bytes(field: &str, text: &str, len: Option<usize>) -> Result<Vec<u8>, BeaconError> {
    let want = || match len {
        Some(n) => format!("{} hexadecimal characters ({n} bytes)", 2 * n),
        None => "hexadecimal bytes".to_string(),
    };
    let shown = || if text.len() > 200 { format!("{} characters", text.len()) } else { format!("{text:?}") };
    let bytes = hex::decode(text).map_err(|_| BeaconError::input(field, want(), shown()))?;
    match len {
        Some(n) if bytes.len() != n => Err(BeaconError::input(field, want(), format!("{} bytes", bytes.len()))),
        _ => Ok(bytes),
    }
}

pub(crate) fn hex32(field: &str, text: &str) -> Result<[u8; 32], BeaconError> {
    let v = hex_bytes(field, text, Some(32))?;
    Ok(v.try_into().expect("length checked"))
}

impl ChainInfo {
    /// Parses drand's chain-info JSON and checks it (see [`ChainInfo::check`]).
    pub fn from_info_json(text: &str) -> Result<ChainInfo, BeaconError> {
        let j: InfoJson = serde_json::from_str(text)
            .map_err(|e| BeaconError::input("chain info", "drand's /info JSON", e.to_string()))?;
        let scheme = match &j.scheme_id {
            Some(id) => Scheme::from_id("schemeID", id)?,
            None => Scheme::PedersenBlsChained,
        };
        let beacon_id = j.metadata.and_then(|m| m.beacon_id).unwrap_or_else(|| "default".to_string());
        let info = ChainInfo {
            beacon_id,
            public_key: hex_bytes("public_key", &j.public_key, Some(scheme.public_key_len()))?,
            period: j.period,
            genesis_time: j.genesis_time,
            scheme,
            hash: hex32("hash", &j.hash)?,
            group_hash: hex32("groupHash", &j.group_hash)?,
        };
        info.check()?;
        Ok(info)
    }

    /// SPEC §13.1: drand's chain hash,
    /// SHA-256(u32be(period) ‖ i64be(genesis_time) ‖ public_key ‖ group_hash ‖ beacon_id),
    /// where beacon_id is omitted when it is "default" or empty.
    /// The scheme is not part of it; a commitment binds the scheme itself.
    pub fn computed_hash(&self) -> Result<[u8; 32], BeaconError> {
        let period = u32::try_from(self.period)
            .map_err(|_| BeaconError::input("period", "at most 2^32 - 1 seconds", self.period))?;
        let genesis = i64::try_from(self.genesis_time)
            .map_err(|_| BeaconError::input("genesis_time", "below 2^63", self.genesis_time))?;
        let mut h = Sha256::new();
        h.update(period.to_be_bytes());
        h.update(genesis.to_be_bytes());
        h.update(&self.public_key);
        h.update(self.group_hash);
        if !self.beacon_id.is_empty() && self.beacon_id != "default" {
            h.update(self.beacon_id.as_bytes());
        }
        Ok(h.finalize().into())
    }

    /// The members are consistent: a period of at least 1 s, a public key of
    /// the scheme's length that is a valid group element, and a chain hash
    /// that matches the other members.
    pub fn check(&self) -> Result<(), BeaconError> {
        if self.period == 0 {
            return Err(BeaconError::input("period", "at least 1 second", 0));
        }
        let want = self.scheme.public_key_len();
        if self.public_key.len() != want {
            return Err(BeaconError::input(
                "public_key",
                format!("{want} bytes for scheme {}", self.scheme.id()),
                format!("{} bytes", self.public_key.len()),
            ));
        }
        crate::verify::public_key_valid(self)?;
        let computed = self.computed_hash()?;
        if computed != self.hash {
            return Err(BeaconError::rejected(
                Rejection::ChainHash,
                "hash",
                format!(
                    "{} (computed from period, genesis_time, public_key, groupHash, beaconID)",
                    hex::encode(computed)
                ),
                hex::encode(self.hash),
            ));
        }
        Ok(())
    }

    /// A short human name: the beacon id and the first 8 hex digits of the chain hash.
    pub fn label(&self) -> String {
        format!("{} ({}…)", self.beacon_id, &hex::encode(self.hash)[..8])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A chain is named only when every member equals a built-in chain's.
    #[test]
    fn builtin_name_needs_the_whole_chain() {
        let q = builtin("quicknet").unwrap();
        assert_eq!(builtin_name(&q), Some("quicknet"));
        assert_eq!(builtin_name(&builtin("default").unwrap()), Some("mainnet"));
        let mut other = q.clone();
        other.public_key[5] ^= 1;
        assert_eq!(builtin_name(&other), None);
    }

    #[test]
    fn builtins_are_consistent() {
        for name in BUILTIN_NAMES {
            let c = builtin(name).unwrap();
            c.check().unwrap();
        }
        assert_eq!(builtin("mainnet"), builtin("default"));
        assert!(builtin("fastnet").is_none());
    }

    /// Byte for byte what https://api.drand.sh/52db9ba7…/info serves (copied from
    /// ChainSafe/forest src/beacon/tests/fixtures/drand_quicknet.json).
    const QUICKNET_INFO: &str = r#"{"public_key":"83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a","period":3,"genesis_time":1692803367,"hash":"52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971","groupHash":"f477d5c89f21a17c863a7f937c6a6d15859414d2be09cd448d4279af331c5d3e","schemeID":"bls-unchained-g1-rfc9380","metadata":{"beaconID":"quicknet"}}"#;

    #[test]
    fn info_json_parses_to_the_builtin() {
        assert_eq!(ChainInfo::from_info_json(QUICKNET_INFO).unwrap(), builtin("quicknet").unwrap());
    }

    #[test]
    fn info_json_with_a_changed_member_is_refused() {
        let other_period = QUICKNET_INFO.replace("\"period\":3", "\"period\":4");
        let e = ChainInfo::from_info_json(&other_period).unwrap_err();
        assert_eq!(e.rejection(), Some(Rejection::ChainHash), "{e}");
        let other_scheme = QUICKNET_INFO.replace("bls-unchained-g1-rfc9380", "bls-unchained-on-g1");
        assert_eq!(ChainInfo::from_info_json(&other_scheme).unwrap_err().field(), "schemeID");
        let short_key = QUICKNET_INFO.replace("\"83cf0f", "\"");
        assert_eq!(ChainInfo::from_info_json(&short_key).unwrap_err().field(), "public_key");
        assert_eq!(ChainInfo::from_info_json("[]").unwrap_err().field(), "chain info");
    }
}
