//! Issue 28: the project's own Dutch word list, `docs/woordenlijst.md`, and
//! the Dutch catalogue agree. Every word the list marks as used (between
//! backticks in the column "Nederlands" of "Gebruikt") is in a Dutch
//! message, and no word it marks as not used (the first column of "Niet
//! gebruikt") is, as a whole word outside placeholders (`{digest}`) and
//! machine names (`commitment.digest`). So the list cannot promise a word
//! the program does not say, and a banned word cannot creep back in.

use potdraw_cli::i18n::{parse, CATALOGUES};
use std::path::Path;

/// The Dutch messages, lower case, placeholders removed.
fn dutch() -> String {
    let (code, text) = CATALOGUES.iter().find(|(c, _)| *c == "nl").expect("a Dutch catalogue");
    let messages = parse(code, text).unwrap_or_else(|e| panic!("{e}"));
    let mut out = String::new();
    for raw in messages.values() {
        let mut rest = *raw;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            rest = rest[open..].find('}').map_or("", |close| &rest[open + close + 1..]);
        }
        out.push_str(rest);
        out.push('\n');
    }
    out.to_lowercase()
}

/// Whether `word` is in `text` with neither neighbour a letter or digit (nor,
/// when `machine` is set, a `.`, `_` or `-` that joins it to a machine name:
/// `commitment.digest`, `csv-id`; a full stop after it ends a sentence).
fn has_word(text: &str, word: &str, machine: bool) -> bool {
    let joins = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || (machine && matches!(c, '.' | '_' | '-')));
    text.match_indices(word).any(|(at, w)| {
        let after = &text[at + w.len()..];
        let mut next = after.chars();
        let joined_after = match next.next() {
            Some('.') => machine && next.next().is_some_and(char::is_alphanumeric),
            c => joins(c),
        };
        !joins(text[..at].chars().next_back()) && !joined_after
    })
}

/// The backticked terms of column `column` of the table under `## heading`.
fn terms(list: &str, heading: &str, column: usize) -> Vec<String> {
    let section = list.split("\n## ").find(|s| s.starts_with(heading)).unwrap_or_else(|| panic!("no ## {heading}"));
    let rows = section.lines().filter(|l| l.starts_with('|')).skip(2);
    let mut out = Vec::new();
    for row in rows {
        let cell = row.split('|').nth(column + 1).unwrap_or_else(|| panic!("a row without column {column}: {row}"));
        out.extend(cell.split('`').skip(1).step_by(2).map(str::to_lowercase));
    }
    out
}

fn list() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/woordenlijst.md")).unwrap()
}

#[test]
fn every_word_the_list_uses_is_in_the_dutch_messages() {
    let (list, nl) = (list(), dutch());
    let used = terms(&list, "Gebruikt", 1);
    assert!(used.len() >= 40, "the list's used words were read: {used:?}");
    let missing: Vec<&String> = used.iter().filter(|w| !has_word(&nl, w, false)).collect();
    assert!(missing.is_empty(), "docs/woordenlijst.md uses words no Dutch message has: {missing:?}");
}

#[test]
fn no_word_the_list_refuses_is_in_the_dutch_messages() {
    let (list, nl) = (list(), dutch());
    let refused = terms(&list, "Niet gebruikt", 0);
    assert!(refused.len() >= 6, "the list's refused words were read: {refused:?}");
    let found: Vec<(&String, Vec<&str>)> = refused
        .iter()
        .filter(|w| has_word(&nl, w, true))
        .map(|w| (w, nl.lines().filter(|l| has_word(l, w, true)).collect()))
        .collect();
    assert!(found.is_empty(), "Dutch messages use words docs/woordenlijst.md refuses: {found:#?}");
}

/// The check itself: a refused word inside a machine name or a placeholder
/// does not count, a whole word does.
#[test]
fn a_word_is_a_whole_word_outside_machine_names() {
    assert!(has_word("de hash is digest.", "digest", true));
    assert!(!has_word("niet gelijk aan commitment.digest", "digest", true));
    assert!(!has_word("de loting", "lot", false));
    assert!(has_word("uw lot is getrokken", "lot", false));
}
