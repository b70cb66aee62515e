//! SPEC §2.4, §5.1: a text value outside the Unicode 15.0.0 repertoire fails
//! `entropy-plan`, naming the code point, in every format version; invisible
//! but assigned characters are values like any other (the web verifier
//! agrees: web/test/unicode.test.mjs, web/test/page-dom.test.mjs).

use potdraw_verify::{verify_transcript, Check};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures").join(name)
}

fn outcome(doc: &Value) -> Result<(), (Check, String, String)> {
    let t = potdraw_core::parse::transcript(&serde_json::to_vec(doc).unwrap()).unwrap();
    match verify_transcript(t, None).outcome {
        Ok(_) => Ok(()),
        Err(f) => Err((f.check, f.expected, f.found)),
    }
}

#[test]
fn a_text_value_outside_unicode_15_fails_entropy_plan_naming_the_code_point() {
    let example: Value = serde_json::from_slice(&std::fs::read(fixture("example/transcript.json")).unwrap()).unwrap();
    assert_eq!(outcome(&example), Ok(()));
    // The marks the verifiers disagreed on (Unicode 16.0 and 17.0), each after a letter.
    for (cp, name) in [(0x1ADE, "U+1ADE"), (0x10EF0, "U+10EF0"), (0x1D127, "U+1D127"), (0x2FFC, "U+2FFC")] {
        let mut doc = example.clone();
        let c = char::from_u32(cp).unwrap();
        doc["entropy"][1]["value"] = Value::String(format!("Lotto a{c}"));
        let (check, expected, found) = outcome(&doc).unwrap_err();
        assert_eq!(check, Check::EntropyPlan);
        assert_eq!(expected, format!("characters assigned in Unicode 15.0.0 ({name} at character 8 is not)"));
        assert!(found.starts_with("\"Lotto a"), "{found}");
    }
}

#[test]
fn invisible_characters_are_values_like_any_other() {
    let doc: Value =
        serde_json::from_slice(&std::fs::read(fixture("unicode/transcript-zero-width.json")).unwrap()).unwrap();
    assert_eq!(doc["entropy"][1]["value"], "\u{200B}Lotto 5 december 2026: 3 14 15 22 35 41\u{200B}");
    assert_eq!(outcome(&doc), Ok(()));
}
