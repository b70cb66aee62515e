//! Tests of the document model: format identifiers, hex, titles, plan
//! entries and receipts (kept apart so that model.rs stays readable).

use super::*;
use crate::entropy::SourceKind;

/// SPEC §7.3 role names and the method names of the command line, as written.
#[test]
fn names_are_the_written_ones() {
    assert_eq!((Role::Recipient.name(), Role::Reserve.name()), ("recipient", "reserve"));
    assert_eq!((Method::PotdrawV1.name(), Method::Rfc3797.name()), ("potdraw-v1", "rfc3797"));
}

#[test]
fn titles_and_keys_are_bounded_exactly() {
    assert!(check_title("t", &"é".repeat(MAX_TITLE_CHARS)).is_ok());
    assert_eq!(check_title("t", &"é".repeat(MAX_TITLE_CHARS + 1)).unwrap_err().kind, FieldKind::Title { max: 200 });
    assert!(check_title("t", "a\tb").is_err());
    assert!(check_title("t", "").is_ok());
    let text = include_str!("../../../fixtures/rfc3797/example/transcript.json");
    let doc: TranscriptDoc = serde_json::from_str(text).unwrap();
    let with_key = |key: String| Transcript::try_from(TranscriptDoc { key: Some(key), ..doc.clone() });
    assert!(with_key("1".repeat(MAX_KEY_BYTES)).is_ok());
    let e = with_key("1".repeat(MAX_KEY_BYTES + 1)).unwrap_err();
    assert_eq!((e.field.as_str(), e.kind.class()), ("transcript.key", "field-key"));
    assert_eq!(with_key("1/2.x".into()).unwrap_err().field, "transcript.key");
}

#[test]
fn unknown_formats_are_refused() {
    let all = [COMMITMENT_V1, COMMITMENT_V2, COMMITMENT_V3, COMMITMENT_RFC3797, COMMITMENT_RFC3797_V2];
    let e = method_of("c.format", "potdraw/commitment/v4", all).unwrap_err();
    assert_eq!((e.field.as_str(), e.kind.class()), ("c.format", "field-version"));
    assert!(e.expected.contains(COMMITMENT_V3), "{}", e.expected);
    assert_eq!(method_of("f", COMMITMENT_RFC3797, all), Ok((Method::Rfc3797, Version::V1)));
    assert_eq!(method_of("f", COMMITMENT_RFC3797_V2, all), Ok((Method::Rfc3797, Version::V2)));
    assert_eq!(method_of("f", COMMITMENT_V1, all), Ok((Method::PotdrawV1, Version::V1)));
    assert_eq!(method_of("f", COMMITMENT_V2, all), Ok((Method::PotdrawV1, Version::V2)));
    assert_eq!(method_of("f", COMMITMENT_V3, all), Ok((Method::PotdrawV1, Version::V3)));
    assert!(require_format("r.format", "potdraw/receipt/v2", RECEIPT_V1).is_err());
    assert!(require_format("r.format", RECEIPT_V1, RECEIPT_V1).is_ok());
    let e = parse_hex::<32>("d", "abc").unwrap_err();
    assert_eq!(e.kind, FieldKind::Hex { chars: 64, found_chars: 3 });
}

#[test]
fn hex_is_strict() {
    assert_eq!(parse_hex::<2>("f", "0aff").unwrap(), [0x0a, 0xff]);
    assert_eq!(parse_hex::<4>("f", "0123456789abcdef".get(..8).unwrap()).unwrap(), [0x01, 0x23, 0x45, 0x67]);
    assert_eq!(parse_hex::<4>("f", "89abcdef").unwrap(), [0x89, 0xab, 0xcd, 0xef]);
    // (Including pairs of two bad digits, and no good digit at all.)
    for bad in ["0AFF", "0af", "0affe", "0ag0", " 0af", "0a/f", "0a:f", "0a`f", "0a\u{e9}", "AAFF", "ggzz", "00::"] {
        let e = parse_hex::<2>("f", bad).unwrap_err();
        assert_eq!(e.field, "f");
        assert!(e.expected.starts_with("4 lowercase"), "{e}");
        assert_eq!(e.kind, FieldKind::Hex { chars: 4, found_chars: bad.chars().count() });
    }
}

proptest::proptest! {
    // The table decoder accepts and decodes exactly what the straightforward check + hex crate did.
    #[test]
    fn hex_table_equals_check_and_hex_crate(text in "[0-9a-fA-Fg/:`@\u{e9} ]{0,9}") {
        let well_formed = text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        let mut want = [0u8; 4];
        let want = (well_formed && hex::decode_to_slice(&text, &mut want).is_ok()).then_some(want);
        proptest::prop_assert_eq!(decode_lower_hex::<4>(&text), want);
    }
}

#[test]
fn receipt_code_and_leaf_must_belong_to_its_salt() {
    let (salt, digest) = ([3u8; 16], [9u8; 32]);
    let doc = ReceiptDoc {
        format: RECEIPT_V1.into(),
        list: None,
        commitment_digest: hex::encode(digest),
        title: "t".into(),
        id: "A-1".into(),
        salt: hex::encode(salt),
        leaf: hex::encode(crate::hash::leaf("A-1", &salt)),
        weight: 1,
        code: crate::code::encode(&salt, &digest),
        line: 2,
        columns: Default::default(),
    };
    let receipt = Receipt::try_from(doc.clone()).unwrap();
    // Debug shows the ticket, never the salt (nor the code, in the document's Debug).
    let debug = format!("{receipt:?}");
    assert!(debug.starts_with("Receipt {") && debug.contains(&hex::encode(receipt.leaf)), "{debug}");
    assert!(debug.contains("<secret>") && !debug.contains(&hex::encode(salt)), "{debug}");
    let other_draw = ReceiptDoc { code: crate::code::encode(&salt, &[8u8; 32]), ..doc.clone() };
    assert_eq!(Receipt::try_from(other_draw).unwrap_err().field, "receipt.code");
    let other_id = ReceiptDoc { id: "A-2".into(), ..doc };
    assert_eq!(Receipt::try_from(other_id).unwrap_err().field, "receipt.leaf");
}

#[test]
fn decimal_strings_are_canonical() {
    assert_eq!(parse_decimal_u64("t", "0").unwrap(), 0);
    assert_eq!(parse_decimal_u64("t", "18446744073709551615").unwrap(), u64::MAX);
    for bad in ["", "01", "-1", "1.0", "18446744073709551616", " 1"] {
        assert!(parse_decimal_u64("t", bad).is_err(), "{bad}");
    }
}

#[test]
fn plan_entries() {
    assert_eq!(
        plan_entry("p", "room", "dice", Some(20), Some(6)).unwrap().kind,
        SourceKind::Dice { count: 20, faces: 6 }
    );
    assert_eq!(plan_entry("p", "lotto", "text", None, None).unwrap().kind, SourceKind::Text);
    assert_eq!(plan_entry("p", "r", "dice", None, Some(6)).unwrap_err().field, "p.dice");
    assert_eq!(plan_entry("p", "r", "dice", Some(0), Some(6)).unwrap_err().field, "p.dice");
    assert_eq!(plan_entry("p", "r", "dice", Some(5), Some(8)).unwrap_err().field, "p.faces");
    assert_eq!(plan_entry("p", "r", "dice", Some(5), None).unwrap_err().field, "p.faces");
    assert_eq!(plan_entry("p", "r", "text", Some(5), None).unwrap_err().field, "p");
    assert_eq!(plan_entry("p", "r", "drand", None, None).unwrap_err().field, "p.kind");
    assert_eq!(plan_entry("p", "R", "text", None, None).unwrap_err().field, "p.label");
}
