//! The ASN.1 shapes of a token that the crates do not give in the form a
//! verifier needs (SPEC §18.2). Everything is decoded by `der`'s derive
//! macros; nothing here reads bytes by hand.
//!
//! Why our own shapes: `der` 0.7 sorts every `SET OF` while decoding, so a
//! signature checked over a re-encoded `signedAttrs` (or a certificate's
//! re-encoded TBS) would verify over sorted bytes the signer never signed,
//! and a token whose signed attributes were reordered would still pass.
//! The parts that are signed are therefore kept as the raw elements they
//! arrived as (`AnyRef`), and the certificates set is walked in its own
//! order, as OpenSSL does. The TSTInfo is ours because `der`'s
//! `GeneralizedTime` refuses fractional seconds, which RFC 3161 allows.

use der::asn1::{AnyRef, BitStringRef, IntRef, ObjectIdentifier, OctetStringRef};
use der::{Decode, Reader, Sequence, SliceReader, Tag, Tagged};
use spki::AlgorithmIdentifierOwned;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::Extensions;

/// `ContentInfo` (RFC 5652 §3) with its content kept raw.
#[derive(Sequence)]
pub(crate) struct RawContentInfo<'a> {
    pub content_type: ObjectIdentifier,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    pub content: AnyRef<'a>,
}

/// `TimeStampResp` (RFC 3161 §2.4.2), the status decoded, the token raw.
#[derive(Sequence)]
pub(crate) struct RawResponse<'a> {
    pub status: AnyRef<'a>,
    #[asn1(optional = "true")]
    pub token: Option<AnyRef<'a>>,
}

/// `PKIStatusInfo` (RFC 3161 §2.4.2): only the status is used.
#[derive(Sequence)]
pub(crate) struct RawStatus<'a> {
    pub status: IntRef<'a>,
    #[asn1(optional = "true")]
    pub text: Option<der::asn1::SequenceOf<der::asn1::Utf8StringRef<'a>, 16>>,
    #[asn1(optional = "true")]
    pub fail_info: Option<BitStringRef<'a>>,
}

/// `SignedData` (RFC 5652 §5.1), the sets raw so that their order is kept.
#[derive(Sequence)]
pub(crate) struct RawSignedData<'a> {
    pub version: IntRef<'a>,
    pub digest_algorithms: AnyRef<'a>,
    pub encap: RawEncap<'a>,
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT", constructed = "true", optional = "true")]
    pub certificates: Option<AnyRef<'a>>,
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", constructed = "true", optional = "true")]
    pub crls: Option<AnyRef<'a>>,
    pub signer_infos: AnyRef<'a>,
}

/// `EncapsulatedContentInfo` (RFC 5652 §5.2).
#[derive(Sequence)]
pub(crate) struct RawEncap<'a> {
    pub content_type: ObjectIdentifier,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub content: Option<OctetStringRef<'a>>,
}

/// `SignerInfo` (RFC 5652 §5.3) with `signedAttrs` raw: the signature is
/// over exactly those bytes, with the tag of a SET.
#[derive(Sequence)]
pub(crate) struct RawSignerInfo<'a> {
    pub version: IntRef<'a>,
    pub sid: AnyRef<'a>,
    pub digest_algorithm: AnyRef<'a>,
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT", constructed = "true", optional = "true")]
    pub signed_attrs: Option<AnyRef<'a>>,
    pub signature_algorithm: AnyRef<'a>,
    pub signature: OctetStringRef<'a>,
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", constructed = "true", optional = "true")]
    pub unsigned_attrs: Option<AnyRef<'a>>,
}

/// `IssuerAndSerialNumber` (RFC 5652 §10.2.4).
#[derive(Sequence)]
pub(crate) struct IssuerAndSerial<'a> {
    pub issuer: x509_cert::name::Name,
    pub serial: IntRef<'a>,
}

/// `Attribute` (RFC 5652 §5.3), values raw and in their order.
#[derive(Sequence)]
pub(crate) struct RawAttribute<'a> {
    pub oid: ObjectIdentifier,
    pub values: AnyRef<'a>,
}

/// A certificate with its TBS kept raw, for its signature (RFC 5280 §4.1).
#[derive(Sequence)]
pub(crate) struct RawCertificate<'a> {
    pub tbs: AnyRef<'a>,
    pub signature_algorithm: AlgorithmIdentifierOwned,
    pub signature: BitStringRef<'a>,
}

/// `TSTInfo` (RFC 3161 §2.4.2), with genTime kept as its element.
#[derive(Sequence)]
pub(crate) struct TstInfo<'a> {
    pub version: IntRef<'a>,
    /// Raw, read by [`oid_text`]: `der`'s ObjectIdentifier (const-oid 0.9)
    /// refuses an OID of fewer than 3 encoded bytes, such as `1.2.3`, which
    /// DER allows and OpenSSL's TSA accepts as a policy.
    pub policy: AnyRef<'a>,
    pub message_imprint: x509_tsp::MessageImprint,
    pub serial_number: IntRef<'a>,
    pub gen_time: AnyRef<'a>,
    #[asn1(optional = "true")]
    pub accuracy: Option<Accuracy<'a>>,
    #[asn1(default = "Default::default")]
    pub ordering: bool,
    #[asn1(optional = "true")]
    pub nonce: Option<IntRef<'a>>,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub tsa: Option<GeneralName>,
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", optional = "true")]
    pub extensions: Option<Extensions>,
}

/// `Accuracy` (RFC 3161 §2.4.2), integers kept as given, checked when used.
#[derive(Sequence)]
pub(crate) struct Accuracy<'a> {
    #[asn1(optional = "true")]
    pub seconds: Option<IntRef<'a>>,
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT", optional = "true")]
    pub millis: Option<IntRef<'a>>,
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", optional = "true")]
    pub micros: Option<IntRef<'a>>,
}

/// `SigningCertificate` (RFC 2634 §5.4) and `SigningCertificateV2` (RFC 5035 §3).
#[derive(Sequence)]
pub(crate) struct SigningCertificate<'a> {
    pub certs: Vec<EssCertId<'a>>,
    #[asn1(optional = "true")]
    pub policies: Option<AnyRef<'a>>,
}

/// `ESSCertID` (RFC 2634 §5.4.1): SHA-1 of the whole certificate.
#[derive(Sequence)]
pub(crate) struct EssCertId<'a> {
    pub hash: OctetStringRef<'a>,
    #[asn1(optional = "true")]
    pub issuer_serial: Option<IssuerSerial<'a>>,
}

/// `SigningCertificateV2` (RFC 5035 §3).
#[derive(Sequence)]
pub(crate) struct SigningCertificateV2<'a> {
    pub certs: Vec<EssCertIdV2<'a>>,
    #[asn1(optional = "true")]
    pub policies: Option<AnyRef<'a>>,
}

/// `ESSCertIDv2` (RFC 5035 §4): the hash algorithm defaults to SHA-256.
#[derive(Sequence)]
pub(crate) struct EssCertIdV2<'a> {
    #[asn1(optional = "true")]
    pub hash_algorithm: Option<AlgorithmIdentifierOwned>,
    pub hash: OctetStringRef<'a>,
    #[asn1(optional = "true")]
    pub issuer_serial: Option<IssuerSerial<'a>>,
}

/// `IssuerSerial` (RFC 2634 §5.4.1).
#[derive(Sequence)]
pub(crate) struct IssuerSerial<'a> {
    pub issuer: Vec<GeneralName>,
    pub serial: IntRef<'a>,
}

/// The elements of a SET OF or SEQUENCE OF, raw and in the order given.
pub(crate) fn elements<'a>(set: &AnyRef<'a>) -> der::Result<Vec<AnyRef<'a>>> {
    let mut reader = SliceReader::new(set.value())?;
    let mut out = Vec::new();
    while !reader.is_finished() {
        out.push(AnyRef::decode(&mut reader)?);
    }
    Ok(out)
}

/// The OID that opens an AlgorithmIdentifier, its parameters left unread.
///
/// CMS names digest algorithms in unsigned places (SignedData's list, the
/// SignerInfo); only their OIDs matter, and reading no further keeps the
/// verdict OpenSSL's when the parameters hold an element `der` cannot read.
pub(crate) fn algorithm_oid(alg: &AnyRef<'_>) -> der::Result<ObjectIdentifier> {
    if alg.tag() != Tag::Sequence {
        return Err(alg.tag().unexpected_error(Some(Tag::Sequence)));
    }
    let mut reader = SliceReader::new(alg.value())?;
    ObjectIdentifier::decode(&mut reader)
}

/// The DER bytes of a raw element with another tag: `[0] IMPLICIT` signed
/// attributes are signed with the tag of a SET (RFC 5652 §5.4).
pub(crate) fn retagged(element: &AnyRef<'_>, tag: Tag) -> der::Result<Vec<u8>> {
    use der::Encode;
    AnyRef::new(tag, element.value())?.to_der()
}

/// The dotted text of an OBJECT IDENTIFIER element (X.690 §8.19), of any
/// length DER allows: const-oid 0.9 refuses one of fewer than 3 or more
/// than 39 encoded bytes (`1.2.3` is `2a 03`), a limit of that crate, not of
/// DER. `None` when it is no OID: another tag, no bytes, a subidentifier
/// with a leading 0x80 (not minimal) or cut short, or one over 128 bits.
pub(crate) fn oid_text(element: &AnyRef<'_>) -> Option<String> {
    if element.tag() != Tag::ObjectIdentifier {
        return None;
    }
    let bytes = element.value();
    if bytes.is_empty() || bytes.last().is_some_and(|b| b & 0x80 != 0) {
        return None;
    }
    let mut arcs: Vec<u128> = Vec::new();
    let mut value: u128 = 0;
    let mut start = true;
    for &b in bytes {
        if start && b == 0x80 {
            return None;
        }
        value = value.checked_mul(128)?.checked_add(u128::from(b & 0x7f))?;
        start = b & 0x80 == 0;
        if start {
            arcs.push(value);
            value = 0;
        }
    }
    let first = arcs[0];
    let (x, y) = match first {
        0..=39 => (0, first),
        40..=79 => (1, first - 40),
        _ => (2, first - 80),
    };
    let mut text = format!("{x}.{y}");
    for arc in &arcs[1..] {
        text.push_str(&format!(".{arc}"));
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn oid(bytes: &[u8]) -> Option<String> {
        oid_text(&AnyRef::new(Tag::ObjectIdentifier, bytes).unwrap())
    }

    #[test]
    fn short_and_long_oids_read_as_der_allows() {
        // 1.2.3: two bytes, which const-oid 0.9 refuses; DER and OpenSSL do not.
        assert!(ObjectIdentifier::from_bytes(&[0x2a, 0x03]).is_err());
        assert_eq!(oid(&[0x2a, 0x03]).as_deref(), Some("1.2.3"));
        assert_eq!(oid(&[0x2a]).as_deref(), Some("1.2"));
        assert_eq!(oid(&[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x08]).as_deref(), Some("1.3.6.1.5.5.7.3.8"));
        assert_eq!(oid(&[0x88, 0x37, 0x03]).as_deref(), Some("2.999.3"));
        let long = [&[0x2a][..], &[0x81, 0x00].repeat(30)].concat();
        assert!(oid(&long).unwrap().starts_with("1.2.128.128"));
        // Not minimal, cut short, empty: refused.
        assert_eq!(oid(&[0x2a, 0x80, 0x01]), None);
        assert_eq!(oid(&[0x2a, 0x81]), None);
        assert_eq!(oid(&[]), None);
    }
}
