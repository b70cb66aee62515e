//! The syntax of v2 (SPEC §13.5) and its border with v1 (SPEC §10): drand
//! members are well-formed only in v2 documents, and only on drand sources.

use potdraw_core::entropy::SourceKind;
use potdraw_core::parse::{self, ParseError};
use serde_json::Value;
use std::path::PathBuf;

fn fixture(p: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures").join(p);
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn commitment_error(v: &Value) -> String {
    match parse::commitment(&serde_json::to_vec(v).unwrap()) {
        Err(ParseError::Field(e)) => e.field,
        Err(e) => format!("json: {e}"),
        Ok(_) => panic!("parsed: {v}"),
    }
}

#[test]
fn the_v2_example_commitment_parses_with_its_chain() {
    let c = parse::commitment(&serde_json::to_vec(&fixture("v2/commitment.json")).unwrap()).unwrap();
    assert_eq!(c.version, potdraw_core::model::Version::V2);
    let SourceKind::Drand(d) = &c.plan[1].kind else { panic!("the second source is drand") };
    assert_eq!((d.round, d.period, d.scheme.as_str()), (30_662_982, 3, "bls-unchained-g1-rfc9380"));
    assert_eq!(d.public_key.len(), 96);
}

#[test]
fn drand_members_are_refused_outside_v2_drand_sources() {
    let v2 = fixture("v2/commitment.json");
    let mut v1 = v2.clone();
    v1["format"] = "potdraw/commitment/v1".into();
    assert_eq!(commitment_error(&v1), "commitment.entropy_plan[1]");
    let mut on_dice = v2.clone();
    on_dice["entropy_plan"][0]["round"] = 5.into();
    assert_eq!(commitment_error(&on_dice), "commitment.entropy_plan[0]");
    let mut no_chain = v2.clone();
    no_chain["entropy_plan"][1].as_object_mut().unwrap().remove("chain");
    assert_eq!(commitment_error(&no_chain), "commitment.entropy_plan[1].chain");
    let mut null_chain = v2.clone();
    null_chain["entropy_plan"][1]["chain"] = Value::Null;
    assert!(commitment_error(&null_chain).starts_with("json"));
    let mut scheme = v2.clone();
    scheme["entropy_plan"][1]["chain"]["scheme"] = "bls-unchained-on-g1".into();
    assert_eq!(commitment_error(&scheme), "commitment.entropy_plan[1].chain.scheme");
    let mut key = v2.clone();
    key["entropy_plan"][1]["chain"]["public_key"] = "ab".into();
    assert_eq!(commitment_error(&key), "commitment.entropy_plan[1].chain.public_key");
    let mut round0 = v2;
    round0["entropy_plan"][1]["round"] = 0.into();
    assert_eq!(commitment_error(&round0), "commitment.entropy_plan[1].round");
}

#[test]
fn a_v1_transcript_with_drand_members_is_unusable() {
    let mut t = fixture("example/transcript.json");
    t["entropy"][0]["signature"] = "00".into();
    match parse::transcript(&serde_json::to_vec(&t).unwrap()) {
        Err(ParseError::Field(e)) => assert_eq!(e.field, "transcript.entropy[0]"),
        other => panic!("{other:?}"),
    }
}

/// A drand source has neither `dice` nor `faces` (either one is refused);
/// a scheme with a 48-byte key (mainnet's pedersen-bls-chained) takes one
/// of 96 hexadecimal digits and refuses a 96-byte one.
#[test]
fn drand_sources_take_their_scheme_s_key_and_no_dice() {
    let v2 = fixture("v2/commitment.json");
    for member in ["dice", "faces"] {
        let mut one = v2.clone();
        one["entropy_plan"][1][member] = 6.into();
        assert_eq!(commitment_error(&one), "commitment.entropy_plan[1]", "{member}");
    }
    let mut mainnet = v2.clone();
    mainnet["entropy_plan"][1]["chain"]["scheme"] = "pedersen-bls-chained".into();
    let key = "8".repeat(96);
    mainnet["entropy_plan"][1]["chain"]["public_key"] = key.clone().into();
    let c = parse::commitment(&serde_json::to_vec(&mainnet).unwrap()).unwrap();
    let SourceKind::Drand(d) = &c.plan[1].kind else { panic!("the second source is drand") };
    assert_eq!(hex::encode(&d.public_key), key);
    mainnet["entropy_plan"][1]["chain"]["public_key"] = "8".repeat(192).into();
    assert_eq!(commitment_error(&mainnet), "commitment.entropy_plan[1].chain.public_key");
}

/// The transcript's format and its commitment's are of one version: a v2
/// transcript around a v1 commitment, or the reverse, is unusable.
#[test]
fn transcript_and_commitment_versions_agree() {
    let v1 = fixture("example/transcript.json");
    let mut up = v1;
    up["format"] = "potdraw/transcript/v2".into();
    let vector = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/v2/transcripts/valid.txt");
    let text = std::fs::read_to_string(vector).unwrap();
    let mut down: Value = serde_json::from_str(text.split_once("\n\n").unwrap().1).unwrap();
    assert!(parse::transcript(&serde_json::to_vec(&down).unwrap()).is_ok());
    down["format"] = "potdraw/transcript/v1".into();
    for t in [up, down] {
        match parse::transcript(&serde_json::to_vec(&t).unwrap()) {
            Err(ParseError::Field(e)) => assert_eq!(e.field, "transcript.commitment.format"),
            other => panic!("{other:?}"),
        }
    }
}
