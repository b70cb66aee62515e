//! fixtures/rfc3797/rfc-example.txt: the fully worked example of RFC 3797
//! §6, copied from the RFC (not generated). Every output is recomputed from
//! the inputs: the key string, each MD5 value and divisor, and the picks.

use potdraw_core::rfc3797;
use potdraw_core::vector::{self, Expect};
use serde_json::Value;
use std::path::PathBuf;

fn example() -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/rfc3797/rfc-example.txt");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let v = vector::parse(&text).unwrap();
    assert_eq!(v.header("kind"), Some("rfc3797-example"));
    assert_eq!(v.header("source"), Some("RFC 3797 section 6"));
    assert_eq!(v.expect, Expect::Match);
    serde_json::from_str(&v.body).unwrap()
}

#[test]
fn rfc_3797_section_6_reproduces() {
    let v = example();
    let inputs = &v["inputs"];
    let outputs = &v["outputs"];
    let sources: Vec<&str> = inputs["sources"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
    let parsed: Vec<Vec<&str>> =
        sources.iter().enumerate().map(|(i, s)| rfc3797::parse_numbers(&format!("source {i}"), s).unwrap()).collect();
    let key = rfc3797::key(&parsed);
    assert_eq!(key, outputs["key"].as_str().unwrap());
    assert_eq!(key, "9319./2.5.8.10.12./9.18.26.34.41.45./");

    let pool = inputs["pool"].as_u64().unwrap();
    let picks = inputs["select"].as_u64().unwrap();
    let steps = rfc3797::select(&key, pool, picks).unwrap();
    let want = outputs["steps"].as_array().unwrap();
    assert_eq!(steps.len(), want.len());
    for (s, w) in steps.iter().zip(want) {
        assert_eq!(u64::from(s.counter) + 1, w["index"].as_u64().unwrap());
        assert_eq!(hex::encode(s.md5), w["md5"].as_str().unwrap(), "MD5 of step {}", s.counter + 1);
        assert_eq!(s.remaining, w["div"].as_u64().unwrap());
        // The RFC numbers the pool from 1.
        assert_eq!(s.index + 1, w["selected"].as_u64().unwrap(), "pick {}", s.counter + 1);
    }
    let selected: Vec<u64> = steps.iter().map(|s| s.index + 1).collect();
    let want_selected: Vec<u64> = outputs["selected"].as_array().unwrap().iter().map(|x| x.as_u64().unwrap()).collect();
    assert_eq!(selected, want_selected);
    // The RFC's ten selectees: Lee, Doc, Mary, Charity, Kasczynski, Envy, Sneazy, Anger, Chastity, Pandora.
    assert_eq!(&selected[..10], &[17, 7, 2, 16, 25, 23, 8, 24, 19, 13]);
}

/// The order of the numbers within a source does not matter; the order of the sources does.
#[test]
fn key_depends_on_source_order_only() {
    let a = rfc3797::key(&[vec!["9319"], vec!["10", "8", "12", "5", "2"], vec!["45", "41", "34", "26", "18", "9"]]);
    assert_eq!(a, "9319./2.5.8.10.12./9.18.26.34.41.45./");
    let b = rfc3797::key(&[vec!["2", "5", "12", "8", "10"], vec!["9319"], vec!["9", "18", "26", "34", "41", "45"]]);
    assert_ne!(a, b);
    assert_ne!(rfc3797::select(&a, 25, 3).unwrap(), rfc3797::select(&b, 25, 3).unwrap());
}
