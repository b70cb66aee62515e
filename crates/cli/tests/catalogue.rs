//! The message catalogues are complete: every language has exactly the keys
//! of English, with the same placeholders, and every key the code asks for
//! exists. A missing translation fails here, not in front of a room.

use potdraw_cli::i18n::{parse, placeholders, CATALOGUES};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

fn parsed() -> HashMap<&'static str, HashMap<&'static str, &'static str>> {
    CATALOGUES.iter().map(|(code, text)| (*code, parse(code, text).unwrap_or_else(|e| panic!("{e}")))).collect()
}

#[test]
fn english_and_dutch_are_compiled_in() {
    let codes: Vec<&str> = CATALOGUES.iter().map(|(c, _)| *c).collect();
    assert!(codes.contains(&"en") && codes.contains(&"nl"), "found {codes:?}");
}

#[test]
fn every_language_has_every_key_with_the_same_placeholders() {
    let all = parsed();
    let en = &all["en"];
    let mut problems = Vec::new();
    for (code, messages) in &all {
        for (key, raw) in en {
            match messages.get(key) {
                None => problems.push(format!("{code}.txt lacks {key}")),
                Some(other) => {
                    let want: BTreeSet<_> = placeholders(raw).into_iter().collect();
                    let have: BTreeSet<_> = placeholders(other).into_iter().collect();
                    if want != have {
                        problems.push(format!("{code}.txt {key}: placeholders {have:?}, English has {want:?}"));
                    }
                }
            }
        }
        for key in messages.keys().filter(|k| !en.contains_key(*k)) {
            problems.push(format!("{code}.txt has {key}, which en.txt lacks"));
        }
    }
    problems.sort();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The string literal right after `marker` in `source`, for each occurrence.
fn keys_after<'a>(source: &'a str, marker: &str) -> Vec<&'a str> {
    source
        .match_indices(marker)
        .filter_map(|(at, _)| {
            // `t!(` but not `format!(` or `print!(`.
            let before = source[..at].chars().next_back();
            if (marker == "t!(" || marker == "tn!(") && before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                return None;
            }
            let rest = &source[at + marker.len()..];
            let open = rest.find('"')?;
            // Only the first argument after the language: `t!(lang, "key"`.
            if rest[..open].contains(['(', ')', ';']) {
                return None;
            }
            let body = &rest[open + 1..];
            Some(&body[..body.find('"')?])
        })
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable src folder") {
        let path = entry.expect("readable entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_key_the_code_uses_exists() {
    let en = &parsed()["en"];
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    let mut used = 0;
    let mut missing = Vec::new();
    // i18n.rs defines the mechanism; its docs and tests name example keys.
    for file in files.into_iter().filter(|f| !f.ends_with("i18n.rs")) {
        let source = std::fs::read_to_string(&file).expect("readable source");
        for key in keys_after(&source, "t!(").into_iter().chain(keys_after(&source, ".t(")) {
            used += 1;
            if !en.contains_key(key) {
                missing.push(format!("{}: {key}", file.display()));
            }
        }
        // A plural message is two keys, `KEY.one` and `KEY.other`.
        for key in keys_after(&source, "tn!(").into_iter().chain(keys_after(&source, ".tn(")) {
            used += 1;
            for form in ["one", "other"] {
                if !en.contains_key(format!("{key}.{form}").as_str()) {
                    missing.push(format!("{}: {key}.{form}", file.display()));
                }
            }
        }
    }
    assert!(used > 0, "the scan found no message keys at all; is the t! macro still used?");
    assert!(missing.is_empty(), "keys used in code but missing from en.txt:\n{}", missing.join("\n"));
}

/// Plural forms come in pairs (issue 18): every `KEY.one` has its
/// `KEY.other` and the other way round, in every language, so the code can
/// choose by number ([`potdraw_cli::i18n::Lang::tn`]).
#[test]
fn every_plural_message_has_both_forms_in_every_language() {
    let mut problems = Vec::new();
    let mut pairs = 0;
    for (code, messages) in &parsed() {
        for key in messages.keys() {
            for (have, want) in [(".one", ".other"), (".other", ".one")] {
                if let Some(stem) = key.strip_suffix(have) {
                    pairs += 1;
                    if !messages.contains_key(format!("{stem}{want}").as_str()) {
                        problems.push(format!("{code}.txt has {key} but not {stem}{want}"));
                    }
                }
            }
        }
    }
    assert!(pairs >= 10, "only {pairs} plural forms found");
    problems.sort();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
