//! Comparing X.509 names as RFC 5280 §7.1 and OpenSSL do (SPEC §18.2).
//!
//! Two names are the same when they have the same RDNs with the same
//! attribute types, and string values equal after folding ASCII case and
//! runs of white space (OpenSSL's `X509_NAME_cmp` canonical form). A
//! checker that compared raw bytes would not find the signer that OpenSSL
//! finds when an authority writes its name in another case in one place.

use der::asn1::AnyRef;
use der::{Encode, Tag, Tagged};
use x509_cert::name::Name;

/// Whether two names are equal in the canonical form of RFC 5280 §7.1.
pub(crate) fn same(a: &Name, b: &Name) -> bool {
    canonical(a) == canonical(b)
}

/// An RDN's attributes as (type, canonical value), sorted.
type Rdn = Vec<(String, Vec<u8>)>;

/// One value per attribute: (type, canonical value).
fn canonical(name: &Name) -> Option<Vec<Rdn>> {
    name.0
        .iter()
        .map(|rdn| {
            let mut set: Vec<(String, Vec<u8>)> = rdn
                .0
                .iter()
                .map(|atv| {
                    let value = AnyRef::from(&atv.value);
                    Some((atv.oid.to_string(), canonical_value(&value)?))
                })
                .collect::<Option<_>>()?;
            set.sort();
            Some(set)
        })
        .collect()
}

/// A string value folded to lowercase ASCII with single spaces; any other value as its DER.
fn canonical_value(value: &AnyRef<'_>) -> Option<Vec<u8>> {
    let text = match value.tag() {
        Tag::Utf8String | Tag::PrintableString | Tag::Ia5String | Tag::VisibleString | Tag::TeletexString => {
            Some(String::from_utf8_lossy(value.value()).into_owned())
        }
        Tag::BmpString => {
            let units: Option<Vec<u16>> =
                value.value().chunks(2).map(|c| Some(u16::from_be_bytes([*c.first()?, *c.get(1)?]))).collect();
            Some(String::from_utf16_lossy(&units?))
        }
        _ => None,
    };
    match text {
        Some(t) => {
            let folded: Vec<&str> = t.split(|c: char| c.is_ascii_whitespace()).filter(|w| !w.is_empty()).collect();
            let mut out = b"S".to_vec();
            out.extend(folded.join(" ").to_ascii_lowercase().into_bytes());
            Some(out)
        }
        None => value.to_der().ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn case_and_spaces_do_not_matter_but_words_do() {
        let a = Name::from_str("CN=Sigstore  TSA,O=sigstore.dev").unwrap();
        let b = Name::from_str("CN=sigstore tsa,O=SIGSTORE.dev").unwrap();
        let c = Name::from_str("CN=sigstore tsb,O=sigstore.dev").unwrap();
        assert!(same(&a, &b));
        assert!(!same(&a, &c));
    }
}
