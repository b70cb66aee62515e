//! The spellings of a typed id that a participant most likely meant.
//!
//! Why: a resident who types `zuid-002` with their own correct code finds no
//! ticket, because ids are hashed exactly as written (SPEC §4.2) and stay
//! case-sensitive. The code's check characters already show that the code
//! belongs to this draw (SPEC §4.3), so the id as typed is almost surely a
//! typing difference. `check` then tries these variants with the same salt and
//! names the one that matches ("Did you mean ZUID-002?"). This is informative
//! (SPEC §8.4): the protocol and the leaves do not change, and the web page
//! (web/potdraw-verify.js, `idVariants`) tries the same list in the same order.
//!
//! The variants: the id with runs of White_Space collapsed to one space, or
//! removed; each of those with the separator between letters and digits
//! (a run of hyphens and White_Space) removed, or written as one hyphen, or
//! one space; each of those as typed, in upper case and in lower case. Only
//! variants that are valid ids (SPEC §4.1) and differ from the id as typed are
//! kept, in that order, each once: at most 36 leaves to compute.

use potdraw_core::unicode::check_id;

/// The distinct valid ids (in NFC) that `typed` may have meant, the id as
/// typed excluded, in the order described in the module documentation.
pub fn variants(typed: &str) -> Vec<String> {
    let trimmed = typed.trim();
    let base = check_id(trimmed).ok();
    let mut out: Vec<String> = Vec::new();
    for spaced in [trimmed.to_owned(), collapse(trimmed), trimmed.chars().filter(|c| !c.is_whitespace()).collect()] {
        let bare = bare(&spaced);
        for joined in [spaced.clone(), bare.clone(), join(&bare, '-'), join(&bare, ' ')] {
            for cased in [joined.clone(), joined.to_uppercase(), joined.to_lowercase()] {
                if let Ok(id) = check_id(&cased) {
                    if Some(&id) != base.as_ref() && !out.contains(&id) {
                        out.push(id);
                    }
                }
            }
        }
    }
    out
}

/// Runs of White_Space written as one space.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

fn letter(c: char) -> bool {
    c.is_alphabetic()
}

fn digit(c: char) -> bool {
    c.is_ascii_digit()
}

/// A letter next to a digit, in either order.
fn boundary(a: char, b: char) -> bool {
    (letter(a) && digit(b)) || (digit(a) && letter(b))
}

/// Every run of hyphens and White_Space between a letter and a digit removed.
fn bare(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let sep = |c: char| c == '-' || c.is_whitespace();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        if sep(chars[i]) && i > 0 {
            let end = (i..chars.len()).find(|&j| !sep(chars[j])).unwrap_or(chars.len());
            if end < chars.len() && boundary(chars[i - 1], chars[end]) {
                i = end;
                continue;
            }
            out.extend(&chars[i..end]);
            i = end;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// `sep` written between every letter and digit that touch.
fn join(s: &str, sep: char) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    let mut prev: Option<char> = None;
    for c in s.chars() {
        if prev.is_some_and(|p| boundary(p, c)) {
            out.push(sep);
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_variants_of_a_lower_case_id() {
        let v = variants("zuid-002");
        assert!(v.contains(&"ZUID-002".to_owned()), "{v:?}");
        assert!(!v.contains(&"zuid-002".to_owned()), "the id as typed is not a variant: {v:?}");
    }

    #[test]
    fn whitespace_and_separator_variants() {
        assert!(variants("ZUID - 002").contains(&"ZUID-002".to_owned()));
        assert!(variants(" ZUID  002 ").contains(&"ZUID-002".to_owned()));
        assert!(variants("ZUID002").contains(&"ZUID-002".to_owned()));
        assert!(variants("ZUID-002").contains(&"ZUID002".to_owned()));
        assert!(variants("zuid 002").contains(&"ZUID-002".to_owned()));
        assert!(variants("Jan\u{a0}\u{a0}Jansen").contains(&"Jan Jansen".to_owned()));
        // A hyphen between two letters is part of the id, not a separator.
        assert_eq!(bare("DE-BOER-7"), "DE-BOER7");
        assert_eq!(join("AB12CD", '-'), "AB-12-CD");
    }

    /// The same lists, in the same order, as the web page's `idVariants`
    /// (web/test/transcripts.test.mjs asserts these lists too).
    #[test]
    fn the_order_is_the_web_pages() {
        assert_eq!(
            variants("ZUID - 002"),
            ["zuid - 002", "ZUID002", "zuid002", "ZUID-002", "zuid-002", "ZUID 002", "zuid 002"]
        );
        assert_eq!(
            variants("Ren\u{e9} 3"),
            [
                "REN\u{c9} 3",
                "ren\u{e9} 3",
                "Ren\u{e9}3",
                "REN\u{c9}3",
                "ren\u{e9}3",
                "Ren\u{e9}-3",
                "REN\u{c9}-3",
                "ren\u{e9}-3"
            ]
        );
    }

    #[test]
    fn variants_are_distinct_valid_and_few() {
        for typed in ["zuid-002", "ZUID - 002", "a", "René 3", "x\u{2003}y-9 z"] {
            let v = variants(typed);
            assert!(v.len() <= 36, "{typed}: {v:?}");
            for (i, id) in v.iter().enumerate() {
                assert_eq!(check_id(id).ok().as_ref(), Some(id), "{typed}: {id:?} is a valid NFC id");
                assert!(!v[..i].contains(id), "{typed}: {id:?} twice");
            }
        }
        assert!(variants("0").is_empty(), "an id with nothing to vary has no variants");
    }
}
