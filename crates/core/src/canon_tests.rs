//! Tests of [`super`]: the direct writer against RFC 8785 of the `serde_json::Value` tree.

/// Members omitted and inserted at the start, in the middle and at the
/// end come out in RFC 8785 order (UTF-16 code units, so an astral
/// character sorts before U+FF61), as if the document held them; an
/// inserted member replaces one of the same name.
#[test]
fn pieces_with_places_members_in_order() {
    let v = serde_json::json!({"b": 1, "d": [2], "f": {"g": 3}, "\u{ff61}": 4});
    let c = to_canonical_pieces(&v, None).unwrap();
    let whole = |p: Vec<&[u8]>| String::from_utf8(p.concat()).unwrap();
    assert_eq!(whole(c.pieces()), r#"{"b":1,"d":[2],"f":{"g":3},"｡":4}"#);
    let x = || vec![&b"{"[..], &b"\"y\":0"[..], &b"}"[..]];
    for (name, omit, want) in [
        ("a", None, r#"{"a":{"y":0},"b":1,"d":[2],"f":{"g":3},"｡":4}"#),
        ("c", None, r#"{"b":1,"c":{"y":0},"d":[2],"f":{"g":3},"｡":4}"#),
        ("z", None, r#"{"b":1,"d":[2],"f":{"g":3},"z":{"y":0},"｡":4}"#),
        ("\u{1f600}", None, r#"{"b":1,"d":[2],"f":{"g":3},"😀":{"y":0},"｡":4}"#),
        ("\u{ff62}", None, r#"{"b":1,"d":[2],"f":{"g":3},"｡":4,"｢":{"y":0}}"#),
        ("d", None, r#"{"b":1,"d":{"y":0},"f":{"g":3},"｡":4}"#),
        ("a", Some("b"), r#"{"a":{"y":0},"d":[2],"f":{"g":3},"｡":4}"#),
        ("e", Some("f"), r#"{"b":1,"d":[2],"e":{"y":0},"｡":4}"#),
    ] {
        assert_eq!(whole(c.pieces_with(omit, Some((name, x())))), want, "{name}");
    }
    assert_eq!(whole(c.pieces_with(Some("d"), None)), r#"{"b":1,"f":{"g":3},"｡":4}"#);
    let empty = to_canonical_pieces(&serde_json::json!({}), None).unwrap();
    assert_eq!(whole(empty.pieces_with(None, Some(("a", x())))), r#"{"a":{"y":0}}"#);
    let array = to_canonical_pieces(&serde_json::json!([1, 2]), None).unwrap();
    assert_eq!(whole(array.pieces_with(Some("a"), None)), "[1,2]");
}

#[test]
#[should_panic(expected = "needs an escape")]
fn pieces_with_refuses_a_name_needing_an_escape() {
    let c = to_canonical_pieces(&serde_json::json!({"a": 1}), None).unwrap();
    c.pieces_with(None, Some(("\n", vec![&b"0"[..]])));
}

use super::*;
use crate::jcs::canonicalize;
use proptest::prelude::*;
use serde::Serialize;
use serde_json::{json, Value};

fn reference<T: Serialize>(v: &T) -> Result<Vec<u8>, JcsError> {
    canonicalize(&serde_json::to_value(v).unwrap())
}

/// JSON values within and just outside potdraw's domain: keys and
/// strings with escapes, non-ASCII and astral characters, integers near
/// 2^53, floats, duplicate-free maps in any order.
fn arb_value() -> impl Strategy<Value = Value> {
    let text = "[a-z\"\\\\\u{0}-\u{1f}\u{7f}é€\u{1f600}\u{fb33}]{0,6}";
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (0u64..=MAX_SAFE_INTEGER + 2).prop_map(|n| json!(n)),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        (-1e6f64..1e6).prop_map(|f| json!(f)),
        text.prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            // Up to 12 members, in any order: put in order in place (`rearrange_in_place`).
            prop::collection::vec((text, inner), 0..12)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn equals_jcs_of_the_value_tree(v in arb_value()) {
        // Same bytes, or both refuse (the first offending number may differ: the tree is
        // checked in sorted order, the serializer in serde's order).
        match (to_canonical(&v), reference(&v)) {
            (Ok(fast), Ok(slow)) => {
                let pieces = to_canonical_pieces(&v, None).unwrap().pieces().concat();
                prop_assert_eq!(&pieces, &slow);
                prop_assert_eq!(fast, slow)
            }
            (Err(_), Err(_)) => {}
            (fast, slow) => prop_assert!(false, "serializer {:?}, tree {:?}", fast, slow),
        }
    }

    #[test]
    fn strings_equal_jcs(s in "\\PC{0,12}|[\u{0}-\u{7f}]{0,12}") {
        let mut fast = Vec::new();
        write_string(&mut fast, &s);
        let mut slow = String::new();
        crate::jcs::write_string(&mut slow, &s);
        prop_assert_eq!(fast, slow.into_bytes());
    }
}

#[derive(Serialize)]
struct Unsorted {
    zeta: u64,
    alpha: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    gone: Option<u64>,
    digest: &'static str,
    nested: Vec<Inner>,
}

#[derive(Serialize)]
enum Inner {
    Unit,
    New(u8),
    Tuple(i32, bool),
    Struct { b: char, a: () },
}

#[test]
fn structs_enums_and_omission_equal_the_tree() {
    let v = Unsorted {
        zeta: 1,
        alpha: None,
        gone: None,
        digest: "x",
        nested: vec![Inner::Unit, Inner::New(7), Inner::Tuple(-3, true), Inner::Struct { b: 'é', a: () }],
    };
    assert_eq!(to_canonical(&v), reference(&v));
    let mut body = serde_json::to_value(&v).unwrap();
    body.as_object_mut().unwrap().remove("digest");
    assert_eq!(to_canonical_without(&v, Some("digest")).unwrap(), canonicalize(&body).unwrap());
    // Only the top level loses the member.
    let nested = json!({"a": {"digest": 1}, "digest": 2});
    assert_eq!(to_canonical_without(&nested, Some("digest")).unwrap(), br#"{"a":{"digest":1}}"#);
}

#[test]
fn pieces_concatenate_to_the_canonical_bytes() {
    let values = [
        json!({"b": [1, {"d": 2, "c": 3}], "a": null, "digest": "x"}),
        json!({}),
        json!([{"b": 1, "a": 2}]),
        json!("text"),
        json!({"a": 1, "digest": 2}),
    ];
    for v in values {
        for omit in [None, Some("digest")] {
            let joined: Vec<u8> = to_canonical_pieces(&v, omit).unwrap().pieces().concat();
            assert_eq!(joined, to_canonical_without(&v, omit).unwrap(), "{v} without {omit:?}");
        }
    }
}

#[test]
fn refuses_what_jcs_refuses() {
    assert!(matches!(to_canonical(&1.5f64), Err(JcsError::Float { .. })));
    assert!(matches!(to_canonical(&(1u64 << 53)), Err(JcsError::IntegerRange { .. })));
    assert!(matches!(to_canonical(&-(1i64 << 53)), Err(JcsError::IntegerRange { .. })));
    assert_eq!(to_canonical(&f64::NAN).unwrap(), reference(&f64::NAN).unwrap());
}

#[test]
fn the_domain_edges_are_exact() {
    assert_eq!(to_canonical(&((1u64 << 53) - 1)).unwrap(), b"9007199254740991");
    assert_eq!(to_canonical(&(1i64 - (1 << 53))).unwrap(), b"-9007199254740991");
    assert_eq!(to_canonical(&((1i64 << 53) - 1)).unwrap(), b"9007199254740991");
    assert!(matches!(to_canonical(&(1i64 << 53)), Err(JcsError::IntegerRange { .. })));
    assert_eq!(to_canonical(&(1i128 - (1 << 53))).unwrap(), b"-9007199254740991");
    assert!(matches!(to_canonical(&(1i128 << 64)), Err(JcsError::IntegerRange { .. })));
    assert_eq!(to_canonical(&((1u128 << 53) - 1)).unwrap(), b"9007199254740991");
    assert!(matches!(to_canonical(&(1u128 << 64)), Err(JcsError::IntegerRange { .. })));
    assert!(matches!(to_canonical(&1.5f32), Err(JcsError::Float { .. })));
    assert_eq!(to_canonical(&f32::INFINITY).unwrap(), b"null");
}

/// Every serde data type a document could use writes what the tree writes.
#[test]
fn every_serde_type_equals_the_tree() {
    struct Bytes(&'static [u8]);
    impl Serialize for Bytes {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(self.0)
        }
    }
    #[derive(Serialize)]
    struct Newtype(u16);
    #[derive(Serialize)]
    struct UnitStruct;
    #[derive(Serialize)]
    struct TupleStruct(i8, u32);
    fn same<T: Serialize>(v: T, want: &str) {
        assert_eq!(String::from_utf8(to_canonical(&v).unwrap()).unwrap(), want);
        assert_eq!(to_canonical(&v), reference(&v));
    }
    same(-5i8, "-5");
    same(-300i16, "-300");
    same(-70000i32, "-70000");
    same(250u8, "250");
    same(65535u16, "65535");
    same(4_000_000_000u32, "4000000000");
    same(true, "true");
    same(false, "false");
    same('"', r#""\"""#);
    same('\\', r#""\\""#);
    same(r"\\", r#""\\\\""#);
    same(r#""""#, r#""\"\"""#);
    same((), "null");
    same(Some(3u8), "3");
    same(None::<u8>, "null");
    same(Bytes(&[0, 255]), "[0,255]");
    same(Newtype(7), "7");
    same(UnitStruct, "null");
    same(TupleStruct(-1, 2), "[-1,2]");
    same((1u8, "a"), r#"[1,"a"]"#);
    same(std::collections::BTreeMap::from([("b", 1), ("a", 2)]), r#"{"a":2,"b":1}"#);
}

/// The serializer's error reads as the JCS error it carries.
#[test]
fn errors_read_as_their_cause() {
    let e = <Error as ser::Error>::custom("no maps with number keys");
    assert_eq!(e.to_string(), JcsError::Unsupported { found: "no maps with number keys".into() }.to_string());
    assert!(!e.to_string().is_empty());
}

/// Map keys: integers become their decimal text, as serde_json writes them;
/// a float or any other non-string key is refused.
#[test]
fn map_keys_are_strings_or_integers() {
    let ints = std::collections::BTreeMap::from([(-2i64, "b"), (1, "a"), (10, "c")]);
    assert_eq!(to_canonical(&ints).unwrap(), br#"{"-2":"b","1":"a","10":"c"}"#);
    assert_eq!(to_canonical(&ints), reference(&ints));
    struct Keyed<K>(K);
    impl<K: Serialize> Serialize for Keyed<K> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeMap;
            let mut m = s.serialize_map(Some(1))?;
            m.serialize_entry(&self.0, &0u8)?;
            m.end()
        }
    }
    assert_eq!(to_canonical(&Keyed(u64::MAX)).unwrap(), format!(r#"{{"{}":0}}"#, u64::MAX).as_bytes());
    for bad in [to_canonical(&Keyed(1.5f64)), to_canonical(&Keyed(true)), to_canonical(&Keyed(()))] {
        assert!(matches!(bad, Err(JcsError::Unsupported { .. })), "{bad:?}");
    }
}

/// A name written twice keeps its last value, in objects of 2 to 12
/// members, at any depth; as serde_json's map (and so the tree) keeps it.
#[test]
fn a_name_written_twice_keeps_the_last_value() {
    struct Members(Vec<(String, u64)>);
    impl Serialize for Members {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeMap;
            let mut m = s.serialize_map(Some(self.0.len()))?;
            for (k, v) in &self.0 {
                m.serialize_entry(k, v)?;
            }
            m.end()
        }
    }
    let names = ["d", "b", "a", "b", "e", "c", "a", "f", "b", "g", "h", "i"];
    for n in 2..=names.len() {
        let members = Members(names[..n].iter().enumerate().map(|(i, k)| (k.to_string(), i as u64)).collect());
        assert_eq!(to_canonical(&members), reference(&members), "{n} members");
        // Nested, after other bytes: the ranges are not at the start of the buffer.
        let nested = (vec![1u8, 2], &members, "z");
        assert_eq!(to_canonical(&nested), reference(&nested), "{n} members, nested");
    }
    let last = Members(vec![("b".into(), 1), ("a".into(), 2), ("b".into(), 3)]);
    assert_eq!(to_canonical(&last).unwrap(), br#"{"a":2,"b":3}"#);
}

/// The shape of a commitment's `candidates` (written `count`,
/// `total_weight`, `entries`; canonical `count`, `entries`,
/// `total_weight`) with many entries, through the in-place rearrangement.
#[test]
fn a_large_object_is_put_in_order_in_place() {
    #[derive(Serialize)]
    struct Candidates {
        count: u64,
        total_weight: String,
        entries: Vec<(String, u64)>,
    }
    let c = Candidates {
        count: 3000,
        total_weight: "x".repeat(300),
        entries: (0..3000).map(|i| (format!("{i:064}"), i)).collect(),
    };
    assert_eq!(to_canonical(&c), reference(&c));
    assert_eq!(to_canonical_pieces(&(1, &c), None).unwrap().pieces().concat(), reference(&(1, &c)).unwrap());
}
