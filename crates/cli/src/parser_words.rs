//! The words of the JSON parser (serde_json) and the spreadsheet reader
//! (calamine) in the user's language (issue 18).
//!
//! Why: both libraries describe a problem in English ("invalid type: null,
//! expected a string", "expected value", "Zip error: …"), and those words
//! reached Dutch messages as they were. The kinds of problem are few and
//! stable, so they are recognised here and said from the catalogue
//! (`json.*`, `list.sheet-*`); the library's own words are kept only in
//! English, where they add detail, and for messages not recognised.

use crate::i18n::Lang;
use crate::t;

/// What a JSON value is, from serde's words: `null`, `a string`,
/// `sequence`, `integer \`5\``, `u64`, `struct Entry`.
fn kind(lang: Lang, words: &str) -> String {
    let w = words.trim();
    let bare = w.strip_prefix("a ").or_else(|| w.strip_prefix("an ")).unwrap_or(w);
    let key = match bare.split([' ', '`']).next().unwrap_or_default() {
        "null" | "unit" => "json.kind.null",
        "boolean" | "bool" => "json.kind.boolean",
        "integer" | "u8" | "u16" | "u32" | "u64" | "i64" | "usize" => "json.kind.integer",
        "floating" | "f64" => "json.kind.number",
        "string" | "str" | "char" => "json.kind.string",
        "sequence" | "tuple" | "array" => "json.kind.array",
        "map" | "struct" => "json.kind.object",
        _ => return potdraw_core::unicode::visible(w),
    };
    lang.t(key, &[])
}

/// serde_json's "invalid type: X, expected Y" (or "invalid value: …") in
/// the user's language; the message itself when it has another shape.
pub fn json_type(lang: Lang, message: &str) -> String {
    let body = message.strip_prefix("invalid type: ").or_else(|| message.strip_prefix("invalid value: "));
    match body.and_then(|b| b.rsplit_once(", expected ")) {
        Some((found, expected)) => {
            t!(lang, "json.type-mismatch", found = kind(lang, found), expected = kind(lang, expected))
        }
        None => potdraw_core::unicode::visible(message),
    }
}

/// serde_json's syntax messages in the user's language: the common ones
/// by name, any other in English in brackets after a sentence that says it
/// is not well-formed JSON.
pub fn json_syntax(lang: Lang, message: &str) -> String {
    let key = match message {
        "expected value" => "json.syntax.value",
        "expected `,` or `]`" => "json.syntax.comma-or-bracket",
        "expected `,` or `}`" => "json.syntax.comma-or-brace",
        "expected `:`" => "json.syntax.colon",
        "key must be a string" => "json.syntax.key",
        "trailing comma" => "json.syntax.trailing-comma",
        "invalid number" | "invalid escape" | "invalid unicode code point" => "json.syntax.invalid",
        m if m.starts_with("control character") => "json.syntax.control",
        m if m.starts_with("expected ident") => "json.syntax.value",
        _ => return t!(lang, "json.syntax.unknown", detail = potdraw_core::unicode::visible(message)),
    };
    lang.t(key, &[])
}

/// Why calamine could not open a spreadsheet: not a zip archive (an xlsx or
/// ods file is one), or damaged inside. In English the library's own words
/// follow in brackets.
pub fn sheet_open(lang: Lang, raw: &str) -> String {
    let key = if raw.contains("Zip") || raw.contains("zip") { "list.sheet-not-zip" } else { "list.sheet-damaged" };
    let said = lang.t(key, &[]);
    if lang == Lang::en() && !raw.is_empty() {
        format!("{said}: {}", potdraw_core::unicode::visible(raw))
    } else {
        said
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_words_become_the_users() {
        let nl = Lang::from_code("nl").unwrap();
        assert_eq!(json_type(nl, "invalid type: null, expected a string"), "null in plaats van een tekst");
        assert_eq!(json_type(nl, "invalid type: sequence, expected u64"), "een lijst in plaats van een geheel getal");
        assert_eq!(json_type(Lang::en(), "invalid type: map, expected a string"), "an object instead of a text");
        assert_eq!(json_type(nl, "something else"), "something else");
        assert!(!json_syntax(nl, "expected value").contains("expected"));
        assert!(json_syntax(nl, "weird").ends_with(": weird)"));
        assert!(!sheet_open(nl, "Zip error: invalid Zip archive").contains("Zip error"));
        assert!(sheet_open(Lang::en(), "Zip error: x").ends_with("Zip error: x"));
    }
}
