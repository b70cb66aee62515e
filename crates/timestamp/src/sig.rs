//! Hashes and signatures (SPEC §18.2): SHA-256/384/512, RSA PKCS#1 v1.5 and
//! ECDSA over P-256 and P-384, through RustCrypto's crates. Each function
//! takes the hash already computed ("prehash"), because CMS fixes the hash
//! (the SignerInfo's digestAlgorithm) apart from the key.

use const_oid::db::rfc5912::{
    ECDSA_WITH_SHA_256, ECDSA_WITH_SHA_384, ECDSA_WITH_SHA_512, ID_EC_PUBLIC_KEY, ID_SHA_1, ID_SHA_256, ID_SHA_384,
    ID_SHA_512, RSA_ENCRYPTION, SECP_256_R_1, SECP_384_R_1, SHA_256_WITH_RSA_ENCRYPTION, SHA_384_WITH_RSA_ENCRYPTION,
    SHA_512_WITH_RSA_ENCRYPTION,
};
use der::asn1::ObjectIdentifier;
use sha2::Digest;
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};

/// The hashes a token may use for its digest, imprint and certificates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HashAlg {
    /// SHA-1: only to find a certificate by its ESSCertID, never for a signature.
    Sha1,
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

impl HashAlg {
    /// The algorithm of a digest OID; SHA-1 only where `allow_sha1`.
    pub(crate) fn from_oid(oid: &ObjectIdentifier, allow_sha1: bool) -> Option<HashAlg> {
        match *oid {
            ID_SHA_256 => Some(HashAlg::Sha256),
            ID_SHA_384 => Some(HashAlg::Sha384),
            ID_SHA_512 => Some(HashAlg::Sha512),
            ID_SHA_1 if allow_sha1 => Some(HashAlg::Sha1),
            _ => None,
        }
    }

    /// The OID of the algorithm.
    pub fn oid(self) -> ObjectIdentifier {
        match self {
            HashAlg::Sha1 => ID_SHA_1,
            HashAlg::Sha256 => ID_SHA_256,
            HashAlg::Sha384 => ID_SHA_384,
            HashAlg::Sha512 => ID_SHA_512,
        }
    }

    /// The hash of `data`.
    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        match self {
            HashAlg::Sha1 => sha1::Sha1::digest(data).to_vec(),
            HashAlg::Sha256 => sha2::Sha256::digest(data).to_vec(),
            HashAlg::Sha384 => sha2::Sha384::digest(data).to_vec(),
            HashAlg::Sha512 => sha2::Sha512::digest(data).to_vec(),
        }
    }

    /// The name people know, `SHA-256`.
    pub fn name(self) -> &'static str {
        match self {
            HashAlg::Sha1 => "SHA-1",
            HashAlg::Sha256 => "SHA-256",
            HashAlg::Sha384 => "SHA-384",
            HashAlg::Sha512 => "SHA-512",
        }
    }
}

/// An AlgorithmIdentifier's parameters are absent or NULL (RFC 5754 §2).
pub(crate) fn null_or_absent(alg: &AlgorithmIdentifierOwned) -> bool {
    alg.parameters.as_ref().map_or(true, |p| der::Tagged::tag(p) == der::Tag::Null && p.value().is_empty())
}

/// Why a signature could not be checked or did not verify.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum SigError {
    /// A key or algorithm this checker does not implement.
    Unsupported(String),
    /// The signature does not verify.
    Bad,
}

/// Verifies `signature` over `hash` (made with `hash_alg`) with the key of `spki`:
/// RSA PKCS#1 v1.5, or ECDSA (DER signature) over P-256 or P-384.
pub(crate) fn verify(
    spki: &SubjectPublicKeyInfoOwned,
    hash_alg: HashAlg,
    hash: &[u8],
    signature: &[u8],
) -> Result<(), SigError> {
    use ecdsa::signature::hazmat::PrehashVerifier;
    let key = spki.subject_public_key.as_bytes().ok_or(SigError::Bad)?;
    match spki.algorithm.oid {
        RSA_ENCRYPTION => {
            use rsa::pkcs1::DecodeRsaPublicKey;
            let key =
                rsa::RsaPublicKey::from_pkcs1_der(key).map_err(|e| SigError::Unsupported(format!("RSA key ({e})")))?;
            let scheme = match hash_alg {
                HashAlg::Sha256 => rsa::Pkcs1v15Sign::new::<sha2::Sha256>(),
                HashAlg::Sha384 => rsa::Pkcs1v15Sign::new::<sha2::Sha384>(),
                HashAlg::Sha512 => rsa::Pkcs1v15Sign::new::<sha2::Sha512>(),
                HashAlg::Sha1 => return Err(SigError::Unsupported("RSA with SHA-1".into())),
            };
            key.verify(scheme, hash, signature).map_err(|_| SigError::Bad)
        }
        ID_EC_PUBLIC_KEY => {
            let curve = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.decode_as::<ObjectIdentifier>().ok())
                .ok_or_else(|| SigError::Unsupported("EC key without a named curve".into()))?;
            if hash_alg == HashAlg::Sha1 {
                return Err(SigError::Unsupported("ECDSA with SHA-1".into()));
            }
            match curve {
                SECP_256_R_1 => {
                    let key = p256::ecdsa::VerifyingKey::from_sec1_bytes(key).map_err(|_| SigError::Bad)?;
                    let sig = p256::ecdsa::Signature::from_der(signature).map_err(|_| SigError::Bad)?;
                    key.verify_prehash(hash, &sig).map_err(|_| SigError::Bad)
                }
                SECP_384_R_1 => {
                    let key = p384::ecdsa::VerifyingKey::from_sec1_bytes(key).map_err(|_| SigError::Bad)?;
                    let sig = p384::ecdsa::Signature::from_der(signature).map_err(|_| SigError::Bad)?;
                    key.verify_prehash(hash, &sig).map_err(|_| SigError::Bad)
                }
                other => Err(SigError::Unsupported(format!("elliptic curve {other}"))),
            }
        }
        other => Err(SigError::Unsupported(format!("public-key algorithm {other}"))),
    }
}

/// The hash of a certificate signature algorithm, when the key's family matches.
pub(crate) fn certificate_signature_hash(
    alg: &AlgorithmIdentifierOwned,
    key: &SubjectPublicKeyInfoOwned,
) -> Result<HashAlg, SigError> {
    let (family, hash) = match alg.oid {
        SHA_256_WITH_RSA_ENCRYPTION => (RSA_ENCRYPTION, HashAlg::Sha256),
        SHA_384_WITH_RSA_ENCRYPTION => (RSA_ENCRYPTION, HashAlg::Sha384),
        SHA_512_WITH_RSA_ENCRYPTION => (RSA_ENCRYPTION, HashAlg::Sha512),
        ECDSA_WITH_SHA_256 => (ID_EC_PUBLIC_KEY, HashAlg::Sha256),
        ECDSA_WITH_SHA_384 => (ID_EC_PUBLIC_KEY, HashAlg::Sha384),
        ECDSA_WITH_SHA_512 => (ID_EC_PUBLIC_KEY, HashAlg::Sha512),
        other => return Err(SigError::Unsupported(format!("certificate signature algorithm {other}"))),
    };
    // RSA's parameters are NULL, ECDSA's are absent (RFC 4055 §5, RFC 5758 §3.2).
    let params_ok = if family == RSA_ENCRYPTION { null_or_absent(alg) } else { alg.parameters.is_none() };
    if family != key.algorithm.oid || !params_ok {
        return Err(SigError::Bad);
    }
    Ok(hash)
}
