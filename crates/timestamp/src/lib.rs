//! RFC 3161 time-stamp tokens for potdraw (SPEC §18): the proof, checked
//! offline, that a commitment existed before its draw's entropy did.
//!
//! Every guarantee of SPEC §9 rests on the commitment having been public
//! before the entropy existed. A time-stamp authority (TSA) signs "this
//! hash existed at time T"; this crate checks such a token completely,
//! against roots the verifier chose, and compares T with the moment the
//! draw's entropy could first be known ([`published_before`]).
//!
//! It is a trust boundary: tokens come from anyone, so every byte is
//! decoded by RustCrypto's `der`/`cms`/`x509-cert` crates, every signature
//! checked by RustCrypto's RSA and ECDSA, and no input panics. Its verdicts
//! are held against `openssl ts -verify` in the tests (real tokens, a local
//! OpenSSL TSA, and 1,000 mutated tokens). It does no I/O: the CLI reads
//! files and speaks to authorities.

#![forbid(unsafe_code)]

mod asn1;
mod before;
mod chain;
mod check;
mod error;
mod names;
mod request;
mod sig;
mod time;

pub use before::{published_before, PublishedBefore, SourceMoment, TokenTime, Undecided};
pub use check::check_imprint;
pub use error::TokenError;
pub use request::{request, Request};
pub use sig::HashAlg;
pub use time::{rfc3339, GenTime};

use chain::Cert;

/// The hash a token must carry as its message imprint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imprint {
    /// The hash algorithm named in the imprint.
    pub alg: HashAlg,
    /// The hashed message.
    pub hash: Vec<u8>,
}

impl Imprint {
    /// SPEC §18.1: a commitment's token carries the commitment digest D (§4.5)
    /// itself as a SHA-256 imprint.
    pub fn commitment(digest: &[u8; 32]) -> Imprint {
        Imprint { alg: HashAlg::Sha256, hash: digest.to_vec() }
    }

    /// The imprint of a file's bytes, as `openssl ts -query -data FILE` makes it.
    pub fn of_data(alg: HashAlg, data: &[u8]) -> Imprint {
        Imprint { alg, hash: alg.digest(data) }
    }
}

/// The certificates a verifier chose: the self-issued ones are trust
/// anchors, the others may serve as intermediates or as the signer's.
#[derive(Clone, Default)]
pub struct Roots {
    certs: Vec<Cert>,
}

impl Roots {
    /// No certificate: every token is then at best untrusted.
    pub fn none() -> Roots {
        Roots::default()
    }

    /// Reads every `CERTIFICATE` block of a PEM text.
    pub fn from_pem(pem: &[u8]) -> Result<Roots, TokenError> {
        let certs =
            x509_cert::Certificate::load_pem_chain(pem).map_err(|e| TokenError::malformed("PEM certificates", e))?;
        let mut out = Vec::with_capacity(certs.len());
        for c in certs {
            let der = der::Encode::to_der(&c).map_err(|e| TokenError::malformed("PEM certificates", e))?;
            out.push(Cert::from_der(&der).map_err(|e| TokenError::malformed("PEM certificates", e))?);
        }
        Ok(Roots { certs: out })
    }

    /// The number of certificates.
    pub fn len(&self) -> usize {
        self.certs.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.certs.is_empty()
    }

    pub(crate) fn certs(&self) -> &[Cert] {
        &self.certs
    }
}

/// Whether a valid token's chain ends at a root the verifier chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trust {
    /// The path ends at one of the chosen roots: the token is proof.
    Trusted,
    /// Everything verifies, but the path ends at a self-issued certificate
    /// nobody chose: never counted as proof (SPEC §18.2).
    UntrustedRoot,
    /// Everything verifies as far as it goes, but the issuer of the top
    /// certificate is neither in the token nor among the chosen
    /// certificates: never counted as proof (SPEC §18.2). [`Checked::root`]
    /// is then the issuer's name, the certificate that is missing.
    IssuerMissing,
}

/// A token that passed every check of SPEC §18.2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// When the authority says the imprint existed.
    pub gen_time: GenTime,
    /// The authority's stated accuracy, in microseconds, when it gives one.
    pub accuracy_micros: Option<u64>,
    /// The imprint's hash algorithm.
    pub imprint_hash: Option<HashAlg>,
    /// The token's serial number, hex.
    pub serial: String,
    /// The authority's policy OID.
    pub policy: String,
    /// The nonce, hex, when the token has one.
    pub nonce: Option<String>,
    /// The subject of the signer's certificate.
    pub signer: String,
    /// The subject of the top of the path; with [`Trust::IssuerMissing`],
    /// the name of the missing issuer of that top.
    pub root: String,
    /// Whether that top is a chosen root.
    pub trust: Trust,
}

impl Checked {
    /// The time and accuracy that published-before compares (SPEC §18.3).
    pub fn time(&self) -> TokenTime {
        TokenTime { gen_time: self.gen_time, accuracy_micros: self.accuracy_micros }
    }
}

/// SPEC §18.2: checks a token for a commitment digest D: the imprint must be
/// SHA-256 with D as its hash (SPEC §18.1).
pub fn check(token: &[u8], digest: &[u8; 32], roots: &Roots, nonce: Option<&[u8]>) -> Result<Checked, TokenError> {
    check_imprint(token, &Imprint::commitment(digest), roots, nonce)
}
