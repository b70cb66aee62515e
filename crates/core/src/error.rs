//! The one error type of the document layer: which field, what was expected,
//! what was found. Paths read like `commitment.candidates.entries[17].leaf`.
//!
//! The library stays language-free: `expected` is an English sentence for
//! logs and `Display`, and [`FieldKind`] says the same thing as data (which
//! rule, with which numbers), so a program can say it in its user's language
//! without parsing English. `found` holds the offending value, quoted.

/// A field of an input document that does not have the required form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: expected {expected}, found {found}")]
pub struct FieldError {
    pub field: String,
    pub expected: String,
    pub found: String,
    /// The rule that was broken, as data (see [`FieldKind::class`]).
    pub kind: FieldKind,
}

/// What a field should have been, as data. Every variant has a stable
/// class id ([`FieldKind::class`]) and an English sentence (`Display`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    /// SPEC §2.2: fixed-length lowercase hex; `found_chars` is the length found.
    Hex {
        chars: usize,
        found_chars: usize,
    },
    /// SPEC §10: a format identifier this potdraw reads.
    Version {
        versions: String,
    },
    /// A member the method requires is absent.
    MemberRequired {
        method: &'static str,
    },
    /// A member the method does not define is present.
    MemberForbidden {
        method: &'static str,
    },
    Title {
        max: usize,
    },
    Time,
    /// SPEC §5.1 label syntax.
    Label,
    LabelReused,
    PlanEmpty,
    /// SPEC §5.1: more sources than a plan may have.
    PlanSize {
        max: usize,
    },
    DiceCount {
        max: u64,
    },
    Faces,
    DiceMember,
    FacesMember,
    /// "dice"/"faces" given for a kind that has none.
    NoDiceFaces {
        kind: &'static str,
    },
    /// The source kinds a method allows, e.g. "\"dice\" or \"text\"".
    PlanKind {
        allowed: &'static str,
    },
    Weight {
        max: u64,
    },
    UnweightedMethod,
    Decimal,
    /// The commitment format that belongs to a transcript format.
    CommitmentFormat {
        want: &'static str,
    },
    Role,
    Key {
        max: usize,
    },
    /// SPEC §12.1: more picks (recipients + reserves) than the RFC 3797 method allows.
    Picks {
        max: u64,
    },
    /// The receipt's leaf is not H(entry, id, salt).
    LeafOfSalt,
    /// SPEC §7.4: the receipt's id is not a normalised id (§4.1).
    ReceiptId {
        max: usize,
    },
    /// The receipt's code is not the code of its salt in its draw.
    ReceiptCode {
        code: String,
    },
    /// A die value holds a character that is not a digit of the die.
    DiceDigit {
        count: u64,
        lo: char,
        hi: char,
        position: usize,
    },
    /// A die value has the wrong number of digits (`found` is the number).
    DiceLength {
        count: u64,
        lo: char,
        hi: char,
    },
    Text {
        max: usize,
    },
    /// SPEC §2.4: a code point outside the Unicode 15.0.0 repertoire, at a
    /// 1-based character position.
    Unassigned {
        code_point: u32,
        position: usize,
    },
    /// SPEC §12.3 numbers.
    Numbers {
        max_numbers: usize,
        max_digits: usize,
    },
    /// SPEC §14.2: a v3 numbers value that is not `count` whole numbers.
    CountedNumbers {
        count: u64,
        max_digits: usize,
    },
    /// SPEC §14.2: the wrong number of numbers (`found` is the number found).
    NumbersCount {
        count: u64,
    },
    /// SPEC §14.2: a stored numbers value that is not its canonical form.
    NumbersCanonical {
        canonical: String,
    },
    /// SPEC §14.1: a v3 plan's `count` is out of range.
    NumbersPlanCount {
        max: u64,
    },
    /// SPEC §15.2: a date `YYYY-MM-DD`.
    Date,
    /// SPEC §15.2: a reason from the closed set.
    Reason,
    /// SPEC §15.2: an event has `place` and `taken_by`, or `reserve`.
    EventMembers,
    /// SPEC §15.8: a v2 event is a vacate, a skip (each optionally with
    /// `list`) or an undo (`seq`, `date`, `undoes` only).
    EventMembersV2,
    /// A sentence without a typed form (English only).
    Other,
}

impl FieldKind {
    /// A stable id for the rule, used as an error class (`field-hex`, …).
    pub fn class(&self) -> &'static str {
        use FieldKind::*;
        match self {
            Hex { .. } => "field-hex",
            Version { .. } => "field-version",
            MemberRequired { .. } => "field-member-required",
            MemberForbidden { .. } => "field-member-forbidden",
            Title { .. } => "field-title",
            Time => "field-time",
            Label => "field-label",
            LabelReused => "field-label-reused",
            PlanEmpty => "field-plan-empty",
            PlanSize { .. } => "field-plan-size",
            DiceCount { .. } => "field-dice-count",
            Faces => "field-faces",
            DiceMember => "field-dice-member",
            FacesMember => "field-faces-member",
            NoDiceFaces { .. } => "field-no-dice-faces",
            PlanKind { .. } => "field-plan-kind",
            Weight { .. } => "field-weight",
            UnweightedMethod => "field-unweighted",
            Decimal => "field-decimal",
            CommitmentFormat { .. } => "field-commitment-format",
            Role => "field-role",
            Key { .. } => "field-key",
            Picks { .. } => "field-picks",
            LeafOfSalt => "field-leaf-of-salt",
            ReceiptId { .. } => "field-receipt-id",
            ReceiptCode { .. } => "field-receipt-code",
            DiceDigit { .. } => "field-dice-digit",
            DiceLength { .. } => "field-dice-length",
            Text { .. } => "field-text",
            Unassigned { .. } => "field-unassigned",
            Numbers { .. } => "field-numbers",
            CountedNumbers { .. } => "field-counted-numbers",
            NumbersCount { .. } => "field-numbers-count",
            NumbersCanonical { .. } => "field-numbers-canonical",
            NumbersPlanCount { .. } => "field-numbers-plan-count",
            Date => "field-date",
            Reason => "field-reason",
            EventMembers => "field-event-members",
            EventMembersV2 => "field-event-members-v2",
            Other => "field",
        }
    }

    /// The English sentence for `expected`.
    pub fn english(&self) -> String {
        use FieldKind::*;
        match self {
            Hex { chars, .. } => format!("{chars} lowercase hexadecimal characters ({} bytes)", chars / 2),
            Version { versions } => format!("{versions} (the versions this potdraw reads)"),
            MemberRequired { method } => format!("this member (method {method})"),
            MemberForbidden { method } => {
                format!("no such member: method {method} does not define it (SPEC §12.2)")
            }
            Title { max } => format!("at most {max} characters, no control characters"),
            Time => "a UTC time like 2026-12-05T19:30:00Z".into(),
            Label => "a label of 1-64 characters a-z, 0-9, '.', '_', '-' starting with a letter or digit".into(),
            LabelReused => "a label not used before in the plan".into(),
            PlanEmpty => "at least one public entropy source".into(),
            PlanSize { max } => format!("at most {max} public entropy sources"),
            DiceCount { max } => format!("1 to {max} dice"),
            Faces => "6 or 10".into(),
            DiceMember => "the number of dice".into(),
            FacesMember => "the faces of each die (6 or 10)".into(),
            NoDiceFaces { kind } => format!("no \"dice\" or \"faces\" member for kind {kind:?}"),
            PlanKind { allowed } => allowed.to_string(),
            Weight { max } => format!("a whole number from 1 to {max}"),
            UnweightedMethod => "1 (the RFC 3797 method is unweighted)".into(),
            Decimal => "a decimal integer below 2^64 without leading zeros".into(),
            CommitmentFormat { want } => format!("{want:?} (the commitment format of this transcript's method)"),
            Role => "\"recipient\" or \"reserve\"".into(),
            Key { max } => format!("an RFC 3797 key string of at most {max} digits, '.' and '/'"),
            Picks { max } => format!("at most {max} recipients and reserves together (the RFC 3797 method's limit)"),
            LeafOfSalt => "H(entry, id, salt) of the receipt's own id and salt".into(),
            ReceiptId { max } => {
                format!("a normalised id (SPEC §4.1): trimmed, in Unicode NFC, 1 to {max} bytes, no control characters")
            }
            ReceiptCode { code } => format!("{code} (the code of the receipt's salt in its draw)"),
            DiceDigit { count, lo, hi, position } => {
                format!("{count} dice as digits {lo}-{hi} (character {position} is not)")
            }
            DiceLength { count, lo, hi } => format!("{count} dice as digits {lo}-{hi}"),
            Text { max } => format!("a non-empty text of at most {max} bytes without control characters"),
            Unassigned { code_point, position } => format!(
                "characters assigned in Unicode {} (U+{code_point:04X} at character {position} is not)",
                crate::unicode::VERSION
            ),
            Numbers { max_numbers, max_digits } => format!(
                "1 to {max_numbers} non-negative whole numbers of at most {max_digits} digits, \
                 separated by single spaces (RFC 3797 numeric source)"
            ),
            CountedNumbers { count, max_digits } => {
                format!("{count} whole numbers of at most {max_digits} digits, separated by spaces or commas")
            }
            NumbersCount { count } => format!("exactly {count} numbers"),
            NumbersCanonical { canonical } => {
                format!("the canonical form {canonical:?} (sorted, no leading zeros, single spaces; SPEC §14.2)")
            }
            NumbersPlanCount { max } => format!("a count of 1 to {max} numbers"),
            Date => "a UTC date like 2026-12-20 (YYYY-MM-DD, year 1970-9999)".into(),
            Reason => "\"declined\", \"unreachable\" or \"not-eligible\"".into(),
            EventMembers => {
                "either \"place\" and \"taken_by\" (a place vacated) or \"reserve\" (a reserve skipped)".into()
            }
            EventMembersV2 => "\"place\", \"taken_by\" and \"reason\" (a place vacated), \"reserve\" and \"reason\" \
                               (a reserve skipped), each optionally with \"list\", or only \"undoes\" (an undo)"
                .into(),
            Other => String::new(),
        }
    }
}

impl FieldError {
    /// A field error with an English-only expectation ([`FieldKind::Other`]).
    pub fn new(field: impl Into<String>, expected: impl Into<String>, found: impl Into<String>) -> Self {
        FieldError { field: field.into(), expected: expected.into(), found: found.into(), kind: FieldKind::Other }
    }

    /// A field error whose expectation is a typed rule.
    pub fn typed(field: impl Into<String>, kind: FieldKind, found: impl Into<String>) -> Self {
        FieldError { field: field.into(), expected: kind.english(), found: found.into(), kind }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_errors_carry_english_and_a_class() {
        let e = FieldError::typed("c.digest", FieldKind::Hex { chars: 64, found_chars: 3 }, "\"abc\"");
        assert_eq!(e.to_string(), "c.digest: expected 64 lowercase hexadecimal characters (32 bytes), found \"abc\"");
        assert_eq!(e.kind.class(), "field-hex");
        assert_eq!(FieldError::new("f", "x", "y").kind.class(), "field");
    }

    #[test]
    fn long_values_are_shortened() {
        let q = quote(&"a".repeat(1000));
        assert!(q.ends_with("… (1000 characters)") && q.len() < 110, "{q}");
        assert_eq!(quote("ab"), "\"ab\"");
    }
}
