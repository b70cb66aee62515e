//! The scan for English in Dutch output (issue 18): the words the issue
//! lists, and bracketed plurals such as `ontvanger(s)`.
//!
//! What the scan does not count as English, deliberately:
//! - the operating system's own words in the brackets potdraw puts them in,
//!   `(No such file or directory, os error 2)`: the sentence around them is
//!   Dutch, and the raw text is kept for a help desk;
//! - machine names: an error class or check in square brackets
//!   (`[foutcode: draw-replay]`), and any word joined to others by `-`, `_`, `.`,
//!   `/`, `:`, `=` or a digit: check names in verify's table
//!   (`draw-replay`), flags (`--draw-date`), file names, paths, ids
//!   (`ZUID-002`);
//! - text between backticks, the word after `potdraw` and shell lines
//!   starting with `$ `: commands to type, such as `potdraw draw`, are the
//!   same in every language.
//!
//! Everything else is a word, compared case-insensitively as a whole word.
#![allow(dead_code)]

/// The English words the issue names; any of them as a whole word is English.
pub const WORDS: [&str; 7] = ["expected", "found", "error", "the", "columns", "recipient", "draw"];

/// The lines of `text` that hold English, each with what was found in it.
pub fn english_in(text: &str) -> Vec<String> {
    english_words_in(text, &WORDS)
}

/// As [`english_in`], with `words` as the English words looked for.
pub fn english_words_in(text: &str, words: &[&str]) -> Vec<String> {
    let mut problems = Vec::new();
    for line in text.lines() {
        if line.trim_start().starts_with("$ ") {
            continue;
        }
        let cleaned = without_machine_text(line);
        let mut found: Vec<String> = Vec::new();
        if cleaned.contains("No such file") {
            found.push("No such file".into());
        }
        let mut previous = "";
        for token in cleaned.split_whitespace() {
            let word = token.trim_matches(|c: char| !c.is_alphanumeric());
            // `potdraw draw`: a command to type, named as the program knows it.
            let command = previous == "potdraw";
            previous = token;
            let machine = command || word.chars().any(|c| "-_./:=@#".contains(c) || c.is_ascii_digit());
            if !machine && words.iter().any(|w| w.eq_ignore_ascii_case(word)) {
                found.push(word.to_string());
            }
        }
        if let Some(plural) = bracketed_plural(&cleaned) {
            found.push(plural);
        }
        if !found.is_empty() {
            problems.push(format!("{found:?} in: {line}"));
        }
    }
    problems
}

/// A bracketed plural such as `ontvanger(s)`, `lot(en)`, `bijdrage(n)`.
pub fn bracketed_plural(line: &str) -> Option<String> {
    let chars: Vec<char> = line.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if *c != '(' || i == 0 || !chars[i - 1].is_alphanumeric() {
            continue;
        }
        for ending in ["s", "en", "n", "e"] {
            let end: String = chars[i + 1..].iter().take(ending.len() + 1).collect();
            if end == format!("{ending})") {
                let start = chars[..i].iter().rposition(|c| !c.is_alphanumeric()).map_or(0, |p| p + 1);
                return Some(chars[start..i + ending.len() + 2].iter().collect());
            }
        }
    }
    None
}

/// The line without the operating system's words in brackets, machine
/// names in square brackets and text between backticks.
pub fn without_machine_text(line: &str) -> String {
    let mut s = line.to_string();
    // (…, os error N): from the opening bracket before "os error" to the closing one after it.
    while let Some(at) = s.find("os error ") {
        let open = s[..at].rfind('(');
        let close = s[at..].find(')').map(|c| at + c);
        match (open, close) {
            (Some(o), Some(c)) => s.replace_range(o..=c, ""),
            _ => break,
        }
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s.as_str();
    loop {
        let square = rest.find('[').filter(|&o| {
            rest[o + 1..].find(']').is_some_and(|c| {
                let inner = &rest[o + 1..o + 1 + c];
                !inner.is_empty() && inner.chars().all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-')
            })
        });
        let tick = rest.find('`').filter(|&o| rest[o + 1..].contains('`'));
        let next = match (square, tick) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let Some(o) = next else {
            out.push_str(rest);
            break;
        };
        out.push_str(&rest[..o]);
        let closer = if rest.as_bytes()[o] == b'[' { ']' } else { '`' };
        let c = o + 1 + rest[o + 1..].find(closer).unwrap_or(0);
        out.push(' ');
        rest = &rest[c + 1..];
    }
    out
}

#[test]
fn the_scan_finds_english_and_bracketed_plurals_and_spares_machine_text() {
    assert_eq!(english_in("gevonden the columns").len(), 1);
    assert!(english_in("Draw: 5 recipients")[0].contains("Draw"));
    assert!(english_in("--entropy: entropy \"zaal\": expected x")[0].contains("expected"));
    assert!(english_in("kan niet gelezen worden: No such file or directory (os error 2)")[0].contains("No such file"));
    assert!(english_in("5 ontvanger(s) uit 24 lot(en)")[0].contains("ontvanger(s)"));
    assert!(!english_in("3 bijdrage(n)").is_empty());
    assert!(
        english_in("het bestand bestaat niet (No such file or directory, os error 2). Controleer de naam.").is_empty()
    );
    assert!(english_in("potdraw: fout: goed    draw-replay   --draw-date ZUID-002 [foutcode: draw-replay]").is_empty());
    assert!(english_in("voer `potdraw draw --out x` uit").is_empty());
    assert!(english_in("$ potdraw draw --commitment c.json").is_empty());
    assert!(english_in("Gebruik: potdraw draw [OPTIONS]").is_empty());
    assert!(english_in("Een lot (gewicht 3) en (nog) niet: theorie, errors, drawn").is_empty());
}
