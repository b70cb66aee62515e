//! Issue 15: a receipt is parsed by the rules of every other document
//! (SPEC §2.3.1, §7.4): its id is a normalised id, its `columns` a flat
//! object of strings with each name once. Each case would have been
//! accepted before: the leaf and the code belong to the receipt's salt.

use potdraw_core::model::{Receipt, MAX_ID_BYTES};
use potdraw_core::parse::{self, ParseError};
use potdraw_core::wire::{Columns, ReceiptDoc, RECEIPT_V1};

const SALT: [u8; 16] = [3; 16];
const DIGEST: [u8; 32] = [9; 32];

fn receipt(id: &str) -> ReceiptDoc {
    ReceiptDoc {
        format: RECEIPT_V1.into(),
        list: None,
        commitment_digest: hex::encode(DIGEST),
        title: "t".into(),
        id: id.into(),
        salt: hex::encode(SALT),
        leaf: hex::encode(potdraw_core::hash::leaf(id, &SALT)),
        weight: 1,
        code: potdraw_core::code::encode(&SALT, &DIGEST),
        line: 2,
        columns: Columns(vec![("name".into(), "Piet".into()), ("contact".into(), "06".into())]),
    }
}

#[test]
fn an_id_that_is_not_normalised_makes_the_receipt_unusable() {
    let long = "x".repeat(MAX_ID_BYTES + 1);
    for id in ["Rene\u{301}", " A-1", "A-1\n", "", "A\u{7}1", long.as_str()] {
        let e = Receipt::try_from(receipt(id)).unwrap_err();
        assert_eq!((e.field.as_str(), e.kind.class()), ("receipt.id", "field-receipt-id"), "{id:?}");
    }
    let at_limit = "x".repeat(MAX_ID_BYTES);
    for id in ["Ren\u{e9}", at_limit.as_str(), "A 1", "ZUID-001"] {
        assert!(Receipt::try_from(receipt(id)).is_ok(), "{id:?}");
    }
}

/// The receipt as one JSON line, with `columns` replaced by `columns_json`.
fn line_with_columns(columns_json: &str) -> Vec<u8> {
    let text = serde_json::to_string(&receipt("A-1")).unwrap();
    let (head, _) = text.split_once("\"columns\":").unwrap();
    format!("{head}\"columns\":{columns_json}}}").into_bytes()
}

#[test]
fn columns_are_a_flat_object_of_strings_each_name_once() {
    // Written and read back: the same receipt, the columns in their order.
    let doc = receipt("A-1");
    let text = serde_json::to_string(&doc).unwrap();
    assert!(text.ends_with(r#""columns":{"name":"Piet","contact":"06"}}"#), "{text}");
    let back = parse::receipt(text.as_bytes()).unwrap();
    assert_eq!(back.doc, doc);
    assert_eq!(back.doc.columns.get("contact"), Some("06"));
    assert!(parse::receipt(&line_with_columns("{}")).is_ok());
    let refused = [
        (r#"{"name":"a","name":"b"}"#, "duplicate field `name`"),
        (r#"{"name":null}"#, "receipt column `name` holds `null`"),
        (r#"{"name":1.5}"#, "receipt column `name` holds `1.5`"),
        (r#"{"name":-1}"#, "receipt column `name` holds `-1`"),
        (r#"{"name":7}"#, "receipt column `name` holds `7`"),
        (r#"{"name":true}"#, "receipt column `name` holds `true`"),
        (r#"{"name":["a"]}"#, "receipt column `name` holds `[\"a\"]`"),
        (r#"{"name":{"a":"b"}}"#, "receipt column `name` holds `{\"a\":\"b\"}`"),
        (r#""name""#, "invalid type"),
        ("null", "invalid type"),
    ];
    for (columns, want) in refused {
        match parse::receipt(&line_with_columns(columns)) {
            Err(ParseError::Json { line: 1, message, .. }) => {
                assert!(message.starts_with(want), "{columns}: {message}")
            }
            other => panic!("{columns}: {other:?}"),
        }
    }
}
