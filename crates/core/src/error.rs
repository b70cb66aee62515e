//! The one error type of the document layer: which field, what was expected,
//! what was found. Paths read like `commitment.candidates.entries[17].leaf`.

/// A field of an input document that does not have the required form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: expected {expected}, found {found}")]
pub struct FieldError {
    pub field: String,
    pub expected: String,
    pub found: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, expected: impl Into<String>, found: impl Into<String>) -> Self {
        FieldError { field: field.into(), expected: expected.into(), found: found.into() }
    }
}

/// Shortens what we quote back to the user so a 100 MB field stays readable.
pub fn quote(s: &str) -> String {
    const MAX: usize = 80;
    if s.chars().count() <= MAX {
        format!("{s:?}")
    } else {
        let head: String = s.chars().take(MAX).collect();
        format!("{head:?}… ({} characters)", s.chars().count())
    }
}
