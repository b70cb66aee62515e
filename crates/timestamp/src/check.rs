//! The complete check of one token (SPEC §18.2), in the order of its steps.
//!
//! A token proves "this digest existed at genTime" only when every link
//! holds: the TSA signed the signed attributes; those name the TSTInfo by
//! its hash and the TSA's certificate by its hash; the certificate is for
//! time-stamping and chains, at genTime, to a root the verifier chose; and
//! the TSTInfo's imprint is the commitment digest. A link left unchecked
//! lets a token made for something else, or by someone else, pass.

use crate::asn1::{
    algorithm_oid, elements, retagged, IssuerAndSerial, RawAttribute, RawContentInfo, RawResponse, RawSignedData,
    RawSignerInfo, RawStatus, SigningCertificate, SigningCertificateV2, TstInfo,
};
use crate::chain::{self, Cert};
use crate::sig::{self, HashAlg, SigError};
use crate::{names, Checked, GenTime, Imprint, Roots, TokenError, Trust};
use const_oid::db::rfc5911::{ID_AA_SIGNING_CERTIFICATE, ID_AA_SIGNING_CERTIFICATE_V_2, ID_SIGNED_DATA};
use const_oid::db::rfc5911::{ID_CONTENT_TYPE, ID_MESSAGE_DIGEST};
use der::asn1::{AnyRef, IntRef, ObjectIdentifier, OctetStringRef};
use der::{Decode, Encode, Tag, Tagged};
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::SubjectAltName;

/// id-ct-TSTInfo (RFC 3161 §2.4.2), not in const-oid's database.
const ID_CT_TST_INFO: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.1.4");

/// SPEC §18.2: checks `token` (a TimeStampResp or a bare TimeStampToken, DER).
pub fn check_imprint(
    token: &[u8],
    expected: &Imprint,
    roots: &Roots,
    nonce: Option<&[u8]>,
) -> Result<Checked, TokenError> {
    let content_info = token_of(token)?;
    // Step 1: SignedData over a TSTInfo, one signer.
    let ci = RawContentInfo::from_der(content_info).map_err(|e| TokenError::malformed("ContentInfo", e))?;
    if ci.content_type != ID_SIGNED_DATA {
        return Err(TokenError::NotATimeStamp {
            detail: format!("content type {} is not signedData", ci.content_type),
        });
    }
    let sd_der = ci.content.to_der().map_err(|e| TokenError::malformed("SignedData", e))?;
    let sd = RawSignedData::from_der(&sd_der).map_err(|e| TokenError::malformed("SignedData", e))?;
    if sd.encap.content_type != ID_CT_TST_INFO {
        return Err(TokenError::NotATimeStamp {
            detail: format!("content {} is not a TSTInfo", sd.encap.content_type),
        });
    }
    let tst_der =
        sd.encap.content.ok_or(TokenError::NotATimeStamp { detail: "the TSTInfo is missing".into() })?.as_bytes();
    let tst = TstInfo::from_der(tst_der).map_err(|e| TokenError::malformed("TSTInfo", e))?;
    if sd.signer_infos.tag() != Tag::Set {
        return Err(TokenError::malformed("SignerInfos", "not a SET"));
    }
    let signer_infos = elements(&sd.signer_infos).map_err(|e| TokenError::malformed("SignerInfos", e))?;
    let [si_any] = signer_infos.as_slice() else {
        return Err(TokenError::NotATimeStamp { detail: format!("{} signers instead of one", signer_infos.len()) });
    };
    let si_der = si_any.to_der().map_err(|e| TokenError::malformed("SignerInfo", e))?;
    let si = RawSignerInfo::from_der(&si_der).map_err(|e| TokenError::malformed("SignerInfo", e))?;
    // The signature algorithm is not used beyond its form: the key and the
    // digest algorithm decide the check (RFC 5652 §5.6), as in OpenSSL.
    if !opens_with_oid(&si.signature_algorithm) {
        return Err(TokenError::malformed("SignerInfo", "the signature algorithm is not an AlgorithmIdentifier"));
    }
    let digest_oid = algorithm_oid(&si.digest_algorithm).map_err(|e| TokenError::malformed("SignerInfo", e))?;
    let digest_alg = HashAlg::from_oid(&digest_oid, false)
        .ok_or_else(|| TokenError::Unsupported { what: "digest algorithm", found: digest_oid.to_string() })?;
    let listed = elements(&sd.digest_algorithms)
        .map_err(|e| TokenError::malformed("digestAlgorithms", e))?
        .iter()
        .map(algorithm_oid)
        .collect::<der::Result<Vec<_>>>()
        .map_err(|e| TokenError::malformed("digestAlgorithms", e))?;
    if sd.digest_algorithms.tag() != Tag::Set || !listed.contains(&digest_oid) {
        return Err(TokenError::NotATimeStamp {
            detail: "the signer's digest algorithm is not listed in SignedData".into(),
        });
    }
    let policy = crate::asn1::oid_text(&tst.policy)
        .ok_or_else(|| TokenError::malformed("TSTInfo", "the policy is not an OID"))?;
    let version = int_value(&tst.version);
    if version != Some(1) {
        return Err(TokenError::Version { found: hex_of(tst.version.as_bytes()) });
    }
    let gen_time = gen_time(&tst.gen_time)?;

    // Step 2: the signer's certificate, from the verifier's certificates first.
    let embedded = embedded_certificates(sd.certificates.as_ref())?;
    let signer = find_signer(&si.sid, roots.certs(), &embedded)?;

    // Steps 3 and 4: the path at genTime, and the signer's purpose.
    let path = chain::path(signer, roots.certs(), &embedded, gen_time.unix)?;

    // Steps 5 to 7: the signed attributes, then the signature over them.
    let attrs_any =
        si.signed_attrs.ok_or(TokenError::SigningCertificate { detail: "is missing (no signed attributes)" })?;
    let attrs = elements(&attrs_any)
        .and_then(|v| v.into_iter().map(|a| a.decode_as::<RawAttribute<'_>>()).collect::<der::Result<Vec<_>>>())
        .map_err(|e| TokenError::malformed("signed attributes", e))?;
    check_signing_certificate(&attrs, &path.certs)?;
    let digest = first_value(&attrs, ID_MESSAGE_DIGEST)
        .ok_or(TokenError::MessageDigest { detail: "is missing" })?
        .decode_as::<OctetStringRef<'_>>()
        .map_err(|_| TokenError::MessageDigest { detail: "is not an OCTET STRING" })?;
    if digest.as_bytes() != digest_alg.digest(tst_der).as_slice() {
        return Err(TokenError::MessageDigest { detail: "is not the hash of the TSTInfo" });
    }
    let content_type = first_value(&attrs, ID_CONTENT_TYPE).ok_or(TokenError::ContentType { detail: "is missing" })?;
    if content_type.decode_as::<ObjectIdentifier>().ok() != Some(ID_CT_TST_INFO) {
        return Err(TokenError::ContentType { detail: "is not id-ct-TSTInfo" });
    }
    let signed = retagged(&attrs_any, Tag::Set).map_err(|e| TokenError::malformed("signed attributes", e))?;
    let key = &signer.cert.tbs_certificate.subject_public_key_info;
    sig::verify(key, digest_alg, &digest_alg.digest(&signed), si.signature.as_bytes()).map_err(|e| match e {
        SigError::Unsupported(found) => TokenError::Unsupported { what: "signer key", found },
        SigError::Bad => TokenError::Signature { signer: signer.subject() },
    })?;

    // Steps 8 to 10: the TSTInfo's imprint, nonce and authority name.
    check_imprint_field(&tst, expected)?;
    if let Some(want) = nonce {
        let found = tst.nonce.as_ref().map(|n| hex_of(trim(n.as_bytes()))).unwrap_or_else(|| "none".into());
        if found != hex_of(trim(want)) {
            return Err(TokenError::Nonce { expected: hex_of(trim(want)), found });
        }
    }
    if let Some(tsa) = &tst.tsa {
        check_tsa_name(tsa, signer)?;
    }
    let trust = if path.anchored {
        Trust::Trusted
    } else if path.missing_issuer().is_some() {
        Trust::IssuerMissing
    } else {
        Trust::UntrustedRoot
    };
    let top = path.missing_issuer().or_else(|| path.certs.last().map(Cert::subject)).unwrap_or_default();
    Ok(Checked {
        gen_time,
        accuracy_micros: accuracy_micros(&tst)?,
        imprint_hash: HashAlg::from_oid(&tst.message_imprint.hash_algorithm.oid, true),
        serial: hex_of(tst.serial_number.as_bytes()),
        policy,
        nonce: tst.nonce.as_ref().map(|n| hex_of(n.as_bytes())),
        signer: signer.subject(),
        root: top,
        trust,
    })
}

/// An AlgorithmIdentifier's form: a SEQUENCE whose first element is an OID.
fn opens_with_oid(alg: &AnyRef<'_>) -> bool {
    alg.tag() == Tag::Sequence
        && elements(alg).is_ok_and(|e| e.first().is_some_and(|o| o.tag() == Tag::ObjectIdentifier))
}

/// The ContentInfo of a TimeStampResp (status granted) or of a bare token.
fn token_of(bytes: &[u8]) -> Result<&[u8], TokenError> {
    let response = match RawResponse::from_der(bytes) {
        Ok(r) => r,
        Err(response_error) => {
            return match RawContentInfo::from_der(bytes) {
                Ok(_) => Ok(bytes),
                Err(_) => Err(TokenError::malformed("TimeStampResp", response_error)),
            };
        }
    };
    let status_der = response.status.to_der().map_err(|e| TokenError::malformed("PKIStatusInfo", e))?;
    let status = RawStatus::from_der(&status_der).map_err(|e| TokenError::malformed("PKIStatusInfo", e))?;
    match int_value(&status.status) {
        Some(0 | 1) => {}
        other => {
            return Err(TokenError::NotGranted { status: other.and_then(|s| u8::try_from(s).ok()).unwrap_or(u8::MAX) })
        }
    }
    let token = response.token.ok_or(TokenError::NoToken)?;
    // The token is a sub-slice of `bytes`: find where it starts.
    let token_len =
        token.encoded_len().and_then(usize::try_from).map_err(|e| TokenError::malformed("TimeStampToken", e))?;
    bytes.len().checked_sub(token_len).and_then(|start| bytes.get(start..)).ok_or(TokenError::NoToken)
}

/// The certificates inside the token, in their order; only plain
/// certificates, each of which must decode, used or not (SPEC §18.2).
fn embedded_certificates(set: Option<&AnyRef<'_>>) -> Result<Vec<Cert>, TokenError> {
    let Some(set) = set else { return Ok(Vec::new()) };
    let items = elements(set).map_err(|e| TokenError::malformed("certificates", e))?;
    items
        .iter()
        .map(|c| {
            if c.tag() != Tag::Sequence {
                return Err(TokenError::Unsupported { what: "certificate choice", found: format!("{}", c.tag()) });
            }
            let der = c.to_der().map_err(|e| TokenError::malformed("certificate", e))?;
            Cert::from_der(&der).map_err(|e| TokenError::malformed("certificate", e))
        })
        .collect()
}

/// The certificate that the SignerInfo names by issuer and serial number.
fn find_signer<'c>(sid: &AnyRef<'_>, roots: &'c [Cert], embedded: &'c [Cert]) -> Result<&'c Cert, TokenError> {
    if sid.tag() != Tag::Sequence {
        return Err(TokenError::Unsupported { what: "signer identifier", found: "subjectKeyIdentifier".into() });
    }
    let der = sid.to_der().map_err(|e| TokenError::malformed("signer identifier", e))?;
    let ias = IssuerAndSerial::from_der(&der).map_err(|e| TokenError::malformed("signer identifier", e))?;
    roots
        .iter()
        .chain(embedded)
        .find(|c| {
            let tbs = &c.cert.tbs_certificate;
            tbs.serial_number.as_bytes() == ias.serial.as_bytes() && names::same(&tbs.issuer, &ias.issuer)
        })
        .ok_or(TokenError::SignerCertificateMissing)
}

/// The first value of the first attribute of type `oid` (as OpenSSL takes it).
fn first_value<'a>(attrs: &[RawAttribute<'a>], oid: ObjectIdentifier) -> Option<AnyRef<'a>> {
    let attr = attrs.iter().find(|a| a.oid == oid)?;
    elements(&attr.values).ok()?.into_iter().next()
}

/// One ESSCertID or ESSCertIDv2: hash algorithm, hash, optional issuer and serial.
type CertId<'a> = (HashAlg, Vec<u8>, Option<crate::asn1::IssuerSerial<'a>>);

/// RFC 2634 §5.4 / RFC 5035: each ESSCertID names a certificate of the path,
/// the first of them the signer's (both lists when both attributes are present).
fn check_signing_certificate(attrs: &[RawAttribute<'_>], path: &[Cert]) -> Result<(), TokenError> {
    let v1 = first_value(attrs, ID_AA_SIGNING_CERTIFICATE);
    let v2 = first_value(attrs, ID_AA_SIGNING_CERTIFICATE_V_2);
    if v1.is_none() && v2.is_none() {
        return Err(TokenError::SigningCertificate { detail: "is missing" });
    }
    let unreadable = TokenError::SigningCertificate { detail: "cannot be read" };
    let mut ids: Vec<Vec<CertId<'_>>> = Vec::new();
    if let Some(v) = &v1 {
        let sc: SigningCertificate<'_> = v.decode_as().map_err(|_| unreadable.clone())?;
        ids.push(sc.certs.into_iter().map(|c| (HashAlg::Sha1, c.hash.as_bytes().to_vec(), c.issuer_serial)).collect());
    }
    if let Some(v) = &v2 {
        let sc: SigningCertificateV2<'_> = v.decode_as().map_err(|_| unreadable.clone())?;
        let mut list = Vec::new();
        for c in sc.certs {
            let oid = c.hash_algorithm.map_or(HashAlg::Sha256.oid(), |a| a.oid);
            let alg = HashAlg::from_oid(&oid, true)
                .ok_or_else(|| TokenError::Unsupported { what: "ESSCertIDv2 hash", found: oid.to_string() })?;
            list.push((alg, c.hash.as_bytes().to_vec(), c.issuer_serial));
        }
        ids.push(list);
    }
    for list in &ids {
        if list.is_empty() {
            return Err(TokenError::SigningCertificate { detail: "names no certificate" });
        }
        for (i, (alg, hash, issuer_serial)) in list.iter().enumerate() {
            let matches = |c: &Cert| {
                alg.digest(&c.der) == *hash
                    && issuer_serial.as_ref().map_or(true, |is| {
                        let tbs = &c.cert.tbs_certificate;
                        matches!(is.issuer.as_slice(), [GeneralName::DirectoryName(n)] if names::same(n, &tbs.issuer))
                            && is.serial.as_bytes() == tbs.serial_number.as_bytes()
                    })
            };
            let found = if i == 0 { path.first().is_some_and(matches) } else { path.iter().any(matches) };
            if !found {
                return Err(TokenError::SigningCertificate {
                    detail: if i == 0 {
                        "does not name the signer's certificate"
                    } else {
                        "names a certificate outside the path"
                    },
                });
            }
        }
    }
    Ok(())
}

/// Step 8: the imprint's algorithm (parameters absent or NULL) and hash.
fn check_imprint_field(tst: &TstInfo<'_>, expected: &Imprint) -> Result<(), TokenError> {
    let mi = &tst.message_imprint;
    let params_ok =
        mi.hash_algorithm.parameters.as_ref().map_or(true, |p| p.tag() == Tag::Null && p.value().is_empty());
    let found_alg = HashAlg::from_oid(&mi.hash_algorithm.oid, true);
    if found_alg != Some(expected.alg) || !params_ok || mi.hashed_message.as_bytes() != expected.hash.as_slice() {
        let name = found_alg.map_or_else(|| mi.hash_algorithm.oid.to_string(), |a| a.name().to_string());
        return Err(TokenError::Imprint {
            expected: format!("{} {}", expected.alg.name(), hex_of(&expected.hash)),
            found: format!("{name} {}", hex_of(mi.hashed_message.as_bytes())),
        });
    }
    Ok(())
}

/// Step 10: a `tsa` name is the signer's subject or one of its alternative names.
fn check_tsa_name(tsa: &GeneralName, signer: &Cert) -> Result<(), TokenError> {
    let tbs = &signer.cert.tbs_certificate;
    let ok = match tsa {
        GeneralName::DirectoryName(n) if names::same(n, &tbs.subject) => true,
        other => tbs.get::<SubjectAltName>().ok().flatten().is_some_and(|(_, san)| san.0.iter().any(|g| g == other)),
    };
    if ok {
        return Ok(());
    }
    let tsa = match tsa {
        GeneralName::DirectoryName(n) => n.to_string(),
        other => format!("{other:?}"),
    };
    Err(TokenError::TsaName { tsa, signer: signer.subject() })
}

/// genTime, read by RFC 3161's grammar.
fn gen_time(element: &AnyRef<'_>) -> Result<GenTime, TokenError> {
    if element.tag() != Tag::GeneralizedTime {
        return Err(TokenError::malformed("genTime", "not a GeneralizedTime"));
    }
    GenTime::parse(element.value()).ok_or_else(|| TokenError::malformed("genTime", "not YYYYMMDDHHMMSS[.fraction]Z"))
}

/// The accuracy in microseconds; seconds, then millis and micros of 1 to 999 (RFC 3161 §2.4.2).
fn accuracy_micros(tst: &TstInfo<'_>) -> Result<Option<u64>, TokenError> {
    let Some(acc) = &tst.accuracy else { return Ok(None) };
    let bad = || TokenError::malformed("accuracy", "not seconds, millis (1-999) and micros (1-999)");
    let part = |v: &Option<IntRef<'_>>, max: u64| -> Result<u64, TokenError> {
        match v {
            None => Ok(0),
            Some(i) => int_value(i).filter(|n| *n <= max && (max == u64::from(u32::MAX) || *n >= 1)).ok_or_else(bad),
        }
    };
    let seconds = part(&acc.seconds, u64::from(u32::MAX))?;
    let millis = part(&acc.millis, 999)?;
    let micros = part(&acc.micros, 999)?;
    Ok(Some(seconds * 1_000_000 + millis * 1000 + micros))
}

/// A non-negative INTEGER that fits in 64 bits.
fn int_value(i: &IntRef<'_>) -> Option<u64> {
    let bytes = i.as_bytes();
    if bytes.first().is_some_and(|b| b & 0x80 != 0) {
        return None;
    }
    let bytes = trim(bytes);
    if bytes.len() > 8 {
        return None;
    }
    Some(bytes.iter().fold(0u64, |n, b| (n << 8) | u64::from(*b)))
}

fn trim(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
    &bytes[start..]
}

fn hex_of(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
