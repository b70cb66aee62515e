//! Each method's documents hold exactly their own members (SPEC §12.2): a v1
//! member in an rfc3797-v1 document, or the reverse, is unusable, and the
//! error names the member.

use potdraw_core::parse::{self, ParseError};
use serde_json::Value;
use std::path::PathBuf;

fn read(path: &str) -> Value {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures").join(path);
    serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap()
}

fn field_error(v: &Value) -> String {
    match parse::transcript(&serde_json::to_vec(v).unwrap()) {
        Err(ParseError::Field(e)) => e.field,
        other => panic!("expected a field error, got {other:?}"),
    }
}

#[test]
fn v1_transcript_refuses_rfc3797_members() {
    let v1 = read("example/transcript.json");
    assert!(parse::transcript(&serde_json::to_vec(&v1).unwrap()).is_ok());
    let mut with_key = v1.clone();
    with_key["key"] = "1./".into();
    assert_eq!(field_error(&with_key), "transcript.key");
    let mut without_seed = v1.clone();
    without_seed.as_object_mut().unwrap().remove("seed");
    assert_eq!(field_error(&without_seed), "transcript.seed");
    let mut no_seed_commitment = v1.clone();
    no_seed_commitment["commitment"].as_object_mut().unwrap().remove("seed_commitment");
    assert_eq!(field_error(&no_seed_commitment), "transcript.commitment.seed_commitment");
    let mut numbers = v1;
    numbers["commitment"]["entropy_plan"][1] = serde_json::json!({"label": "lotto-2026-12-05", "kind": "numbers"});
    assert_eq!(field_error(&numbers), "transcript.commitment.entropy_plan[1].kind");
}

#[test]
fn rfc3797_transcript_refuses_v1_members() {
    let rfc = read("rfc3797/example/transcript.json");
    let t = parse::transcript(&serde_json::to_vec(&rfc).unwrap()).unwrap();
    assert_eq!(t.commitment.method, potdraw_core::model::Method::Rfc3797);
    for member in ["seed", "entropy_digest", "draw_seed"] {
        let mut v = rfc.clone();
        v[member] = "00".repeat(32).into();
        assert_eq!(field_error(&v), format!("transcript.{member}"));
    }
    let mut bad_key = rfc.clone();
    bad_key["key"] = "1.2./ 3./".into();
    assert_eq!(field_error(&bad_key), "transcript.key");
    let mut null_key = rfc;
    null_key["key"] = Value::Null;
    assert!(matches!(parse::transcript(&serde_json::to_vec(&null_key).unwrap()), Err(ParseError::Json { .. })));
}
