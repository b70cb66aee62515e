//! The TimeStampReq that asks an authority for a commitment's token (SPEC
//! §18.1): D itself as a SHA-256 imprint, a fresh nonce so that an old or
//! replayed reply is refused, and certReq so that the token carries the
//! signer's certificate and verifies offline, years later.

use crate::sig::HashAlg;
use der::asn1::{Any, Int, OctetString};
use der::Encode;
use spki::AlgorithmIdentifier;
use x509_tsp::{MessageImprint, TimeStampReq, TspVersion};

/// A request, and the nonce its reply must carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// The DER `TimeStampReq`, for `Content-Type: application/timestamp-query`.
    pub der: Vec<u8>,
    /// The nonce as the token will carry it (a positive INTEGER's bytes).
    pub nonce: Vec<u8>,
}

/// Builds the request for digest D with 8 random bytes of `nonce_seed`
/// (from the operating system's generator, in the CLI). The first byte is
/// made 0x40–0x7f, so the INTEGER is positive and minimally encoded.
pub fn request(digest: &[u8; 32], nonce_seed: [u8; 8]) -> Result<Request, der::Error> {
    let mut nonce = nonce_seed;
    nonce[0] = (nonce[0] & 0x3f) | 0x40;
    let req = TimeStampReq {
        version: TspVersion::V1,
        message_imprint: MessageImprint {
            hash_algorithm: AlgorithmIdentifier { oid: HashAlg::Sha256.oid(), parameters: Some(Any::null()) },
            hashed_message: OctetString::new(digest.to_vec())?,
        },
        req_policy: None,
        nonce: Some(Int::new(&nonce)?),
        cert_req: true,
        extensions: None,
    };
    Ok(Request { der: req.to_der()?, nonce: nonce.to_vec() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use der::Decode;

    #[test]
    fn the_request_carries_d_a_positive_nonce_and_cert_req() {
        let d = [7u8; 32];
        let r = request(&d, [0xff; 8]).unwrap();
        let back = TimeStampReq::from_der(&r.der).unwrap();
        assert_eq!(back.message_imprint.hashed_message.as_bytes(), &d);
        assert_eq!(back.message_imprint.hash_algorithm.oid, HashAlg::Sha256.oid());
        assert!(back.cert_req);
        assert_eq!(back.nonce.unwrap().as_bytes(), &[0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
        assert_eq!(r.nonce[0], 0x7f);
    }
}
