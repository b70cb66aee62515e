//! RFC 8785 (JSON Canonicalization Scheme) for the value domain of potdraw
//! documents (SPEC §2.3).
//!
//! potdraw documents contain no floating-point numbers and no integer of
//! 2^53 or more (larger quantities are decimal strings), so RFC 8785's number
//! serialisation reduces to plain decimal integers. What remains is: object
//! members sorted by their names as UTF-16 code units, no insignificant
//! whitespace, and RFC 8785's string escaping. Anything outside that domain is
//! an error rather than a guess, so two implementations can never silently
//! disagree on a byte.

use serde_json::Value;
use std::fmt::Write as _;

/// 2^53: the smallest integer that is not exactly representable in every
/// JSON implementation (RFC 8785 §3.2.2.3 / I-JSON).
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// A value JCS cannot encode within potdraw's domain.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JcsError {
    #[error("floating-point number {found} is not allowed (potdraw documents use integers only)")]
    Float { found: String },
    #[error("integer {found} is outside the exactly representable range 0..=2^53-1")]
    IntegerRange { found: String },
    #[error("{found} cannot be written as JSON")]
    Unsupported { found: String },
}

/// Canonical bytes of `value` (RFC 8785).
pub fn canonicalize(value: &Value) -> Result<Vec<u8>, JcsError> {
    let mut out = String::new();
    write_value(&mut out, value)?;
    Ok(out.into_bytes())
}

fn write_value(out: &mut String, value: &Value) -> Result<(), JcsError> {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => write_number(out, n)?,
        Value::String(s) => write_string(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item)?;
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut members: Vec<(&String, &Value)> = map.iter().collect();
            members.sort_by(|a, b| utf16_order(a.0, b.0));
            out.push('{');
            for (i, (key, item)) in members.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(out, key);
                out.push(':');
                write_value(out, item)?;
            }
            out.push('}');
        }
    }
    Ok(())
}

/// RFC 8785 §3.2.3: member names are sorted by their UTF-16 code units.
pub fn utf16_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// RFC 8785 §3.2.2.3 restricted to integers in 0..=2^53-1 (and their negatives).
fn write_number(out: &mut String, n: &serde_json::Number) -> Result<(), JcsError> {
    if let Some(u) = n.as_u64() {
        if u > MAX_SAFE_INTEGER {
            return Err(JcsError::IntegerRange { found: u.to_string() });
        }
        let _ = write!(out, "{u}");
    } else if let Some(i) = n.as_i64() {
        if i.unsigned_abs() > MAX_SAFE_INTEGER {
            return Err(JcsError::IntegerRange { found: i.to_string() });
        }
        let _ = write!(out, "{i}");
    } else {
        return Err(JcsError::Float { found: n.to_string() });
    }
    Ok(())
}

/// RFC 8785 §3.2.2.2: escape `"` and `\`, use the short forms \b \t \n \f \r,
/// write other control characters below U+0020 as \u00xx with lowercase hex,
/// and every other character (U+007F and non-ASCII included) as itself.
pub fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn text(v: &Value) -> String {
        String::from_utf8(canonicalize(v).unwrap()).unwrap()
    }

    #[test]
    fn sorts_members_recursively_and_drops_whitespace() {
        let v: Value = serde_json::from_str(r#"{ "b": [ 1, {"d":2, "c":3} ], "a": null }"#).unwrap();
        assert_eq!(text(&v), r#"{"a":null,"b":[1,{"c":3,"d":2}]}"#);
    }

    // RFC 8785 §3.2.3 example: sorting by UTF-16 code units, not by code points
    // (U+1F600 is a surrogate pair 0xD83D… and sorts before U+FB33).
    #[test]
    fn rfc8785_sorting_example() {
        let v = json!({
            "\u{20ac}": "Euro Sign", "\r": "Carriage Return", "\u{fb33}": "Hebrew Letter Dalet With Dagesh",
            "1": "One", "\u{1f600}": "Emoji: Grinning Face", "\u{80}": "Control", "\u{f6}": "Latin Small Letter O With Diaeresis"
        });
        let want = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u{80}\":\"Control\",\
                    \"\u{f6}\":\"Latin Small Letter O With Diaeresis\",\"\u{20ac}\":\"Euro Sign\",\
                    \"\u{1f600}\":\"Emoji: Grinning Face\",\"\u{fb33}\":\"Hebrew Letter Dalet With Dagesh\"}";
        assert_eq!(text(&v), want);
    }

    // RFC 8785 §3.2.2.2 string escaping.
    #[test]
    fn escapes_exactly_as_rfc8785() {
        let v = json!("\u{1}\u{8}\t\n\u{b}\u{c}\r\u{1f}\"\\/\u{7f}\u{2028}é");
        assert_eq!(text(&v), "\"\\u0001\\b\\t\\n\\u000b\\f\\r\\u001f\\\"\\\\/\u{7f}\u{2028}é\"");
    }

    #[test]
    fn refuses_floats_and_unsafe_integers() {
        assert!(matches!(canonicalize(&json!(1.5)), Err(JcsError::Float { .. })));
        assert!(matches!(canonicalize(&json!(1u64 << 53)), Err(JcsError::IntegerRange { .. })));
        assert_eq!(text(&json!(MAX_SAFE_INTEGER)), "9007199254740991");
        assert_eq!(text(&json!(-5)), "-5");
        // Negative integers have the same bound as positive ones.
        let min = -(MAX_SAFE_INTEGER as i64);
        assert_eq!(text(&json!(min)), "-9007199254740991");
        assert!(matches!(canonicalize(&json!(min - 1)), Err(JcsError::IntegerRange { .. })));
    }
}
