//! Reading documents from bytes: JSON syntax first (with line and column),
//! then the field syntax of [`crate::model`]. Both failures mean the input is
//! unusable, as opposed to a well-formed document that fails verification.
//!
//! [`kind`] is the one answer to "what is this document" for every command
//! (SPEC §16.4): WHY here, beside the parsers, is that a document's kind
//! must be read by the same rules as the document itself (one leading byte
//! order mark, `\uXXXX` escapes, any member order, any JSON whitespace). A
//! first look by other rules let a re-draw hide from `audit` (issue 26).

use crate::error::FieldError;
use crate::model::{Commitment, Receipt, Transcript};
use crate::wire::{CommitmentDoc, ReceiptDoc, TranscriptDoc};
use serde::de::DeserializeOwned;

/// Why a document could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("line {line}, column {column}: {message}")]
    Json { line: usize, column: usize, message: String },
    #[error(transparent)]
    Field(#[from] FieldError),
}

/// The document's bytes without one leading UTF-8 byte order mark (what a
/// Windows editor writes), as every reader here sees them.
fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes)
}

pub(crate) fn json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ParseError> {
    let bytes = without_bom(bytes);
    serde_json::from_slice(bytes).map_err(|e| ParseError::Json {
        line: e.line(),
        column: e.column(),
        message: e.to_string().split(" at line ").next().unwrap_or_default().to_string(),
    })
}

pub fn commitment(bytes: &[u8]) -> Result<Commitment, ParseError> {
    Ok(Commitment::try_from(json::<CommitmentDoc>(bytes)?)?)
}

pub fn transcript(bytes: &[u8]) -> Result<Transcript, ParseError> {
    Ok(Transcript::try_from(json::<TranscriptDoc>(bytes)?)?)
}

/// [`commitment`], freeing the bytes before the domain types are built (a
/// million-candidate document is 100 MB that need not be held any longer).
pub fn commitment_owned(bytes: Vec<u8>) -> Result<Commitment, ParseError> {
    let doc = json::<CommitmentDoc>(&bytes)?;
    drop(bytes);
    Ok(Commitment::try_from(doc)?)
}

/// [`transcript`], freeing the bytes first, as [`commitment_owned`].
pub fn transcript_owned(bytes: Vec<u8>) -> Result<Transcript, ParseError> {
    let doc = json::<TranscriptDoc>(&bytes)?;
    drop(bytes);
    Ok(Transcript::try_from(doc)?)
}

pub fn receipt(bytes: &[u8]) -> Result<Receipt, ParseError> {
    Ok(Receipt::try_from(json::<ReceiptDoc>(bytes)?)?)
}

/// What a document says it is: the family of its top-level `format`
/// member (SPEC §7.1, §15.2, §17.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// `potdraw/commitment/…` with one list (v1–v3, rfc3797).
    Commitment,
    /// `potdraw/transcript/…` with one list.
    Transcript,
    /// `potdraw/commitment/v4` or `v5`: several lists (SPEC §17, §19).
    ListsCommitment,
    /// `potdraw/transcript/v4` or `v5`: several lists (SPEC §17, §19).
    ListsTranscript,
    /// `potdraw/amendments/…` (SPEC §15).
    Amendments,
    /// `potdraw/receipt/…`: private (SPEC §7.4).
    Receipt,
    /// Another `potdraw/…` format, of no kind this version reads.
    OtherPotdraw(String),
    /// No top-level `format` naming a potdraw format.
    NotPotdraw,
}

impl Kind {
    /// Whether the document names a potdraw format.
    pub fn is_potdraw(&self) -> bool {
        *self != Kind::NotPotdraw
    }
}

/// Every document format this version reads and writes (SPEC §7.1, §12.2,
/// §13, §14, §15.2, §15.8, §17.1), with its kind: the one table [`kind`]
/// classifies by and `potdraw version` lists, so that a format cannot be
/// read without being listed, nor listed without being read.
pub static FORMATS: &[(&str, Kind)] = &[
    (crate::wire::COMMITMENT_V1, Kind::Commitment),
    (crate::wire::COMMITMENT_V2, Kind::Commitment),
    (crate::wire::COMMITMENT_V3, Kind::Commitment),
    (crate::wire::COMMITMENT_RFC3797, Kind::Commitment),
    (crate::wire::COMMITMENT_RFC3797_V2, Kind::Commitment),
    (crate::lists::COMMITMENT_V4, Kind::ListsCommitment),
    (crate::lists::COMMITMENT_V5, Kind::ListsCommitment),
    (crate::wire::TRANSCRIPT_V1, Kind::Transcript),
    (crate::wire::TRANSCRIPT_V2, Kind::Transcript),
    (crate::wire::TRANSCRIPT_V3, Kind::Transcript),
    (crate::wire::TRANSCRIPT_RFC3797, Kind::Transcript),
    (crate::wire::TRANSCRIPT_RFC3797_V2, Kind::Transcript),
    (crate::lists::TRANSCRIPT_V4, Kind::ListsTranscript),
    (crate::lists::TRANSCRIPT_V5, Kind::ListsTranscript),
    (crate::wire::RECEIPT_V1, Kind::Receipt),
    (crate::lists::RECEIPT_V2, Kind::Receipt),
    (crate::amend::AMENDMENTS_V1, Kind::Amendments),
    (crate::amend::AMENDMENTS_V2, Kind::Amendments),
];

/// SPEC §16.4: the kind of the document in `bytes`, by its top-level
/// `format` member, read by the parsers' own rules (one byte order mark
/// skipped, escapes decoded, members in any order).
///
/// WHY it never needs the whole document to be valid: members are read in
/// order and a potdraw `format` counts as soon as it is read, so a document
/// broken after it (truncated, a NUL byte, trailing bytes, a duplicate
/// member) is still of that kind, and its own parser then says why it
/// cannot be used. When `format` appears twice, a potdraw value wins for
/// the same reason. Only the first JSON value counts (receipts.jsonl holds
/// one receipt a line). The `format` of an embedded commitment is never
/// mistaken for the document's own: only top-level members are looked at.
pub fn kind(bytes: &[u8]) -> Kind {
    use serde::de::DeserializeSeed;
    let mut found = None;
    let mut de = serde_json::Deserializer::from_slice(without_bom(bytes));
    // An error only ends the reading; what was read before it stands.
    let _ = TopFormat(&mut found).deserialize(&mut de);
    let Some(f) = found else { return Kind::NotPotdraw };
    if let Some((_, k)) = FORMATS.iter().find(|(id, _)| *id == f) {
        return k.clone();
    }
    // A format of a later version (or a mistyped one) is of its family, so
    // that its own parser names the versions it knows (SPEC §10).
    let in_family = |family: &str| f.strip_prefix("potdraw/").is_some_and(|r| r.starts_with(family));
    if in_family("commitment/") {
        Kind::Commitment
    } else if in_family("transcript/") {
        Kind::Transcript
    } else if in_family("amendments/") {
        Kind::Amendments
    } else if in_family("receipt/") {
        Kind::Receipt
    } else if f.starts_with("potdraw/") {
        Kind::OtherPotdraw(f)
    } else {
        Kind::NotPotdraw
    }
}

/// Reads the top-level members of an object, keeping the string value of
/// `format` (a potdraw one over any other) and skipping the rest unkept.
struct TopFormat<'a>(&'a mut Option<String>);

impl<'de> serde::de::DeserializeSeed<'de> for TopFormat<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> serde::de::Visitor<'de> for TopFormat<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(name) = map.next_key::<String>()? {
            if name != "format" {
                map.next_value::<serde::de::IgnoredAny>()?;
                continue;
            }
            if let serde_json::Value::String(f) = map.next_value::<serde_json::Value>()? {
                if !self.0.as_deref().is_some_and(|old| old.starts_with("potdraw/")) {
                    *self.0 = Some(f);
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_errors_carry_position() {
        match transcript(b"{\n  \"format\": 1\n}") {
            Err(ParseError::Json { line: 2, message, .. }) => {
                assert!(message.contains("expected a string"), "{message}")
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(transcript(b"{} trailing"), Err(ParseError::Json { .. })));
    }

    #[test]
    fn kind_reads_format_as_the_parsers_do() {
        let t = Kind::Transcript;
        assert_eq!(kind(br#"{"format":"potdraw/transcript/v1"}"#), t);
        // A byte order mark, escapes in the name and in the value, another order.
        assert_eq!(
            kind(b"\xef\xbb\xbf {\"a\":[1,{\"format\":\"x\"}],\"form\\u0061t\":\"\\u0070otdraw/transcript/v1\"}"),
            t
        );
        // Broken after the format, a duplicate, trailing bytes: still a transcript.
        assert_eq!(kind(b"{\"format\":\"potdraw/transcript/v1\",\0"), t);
        assert_eq!(kind(br#"{"format":"potdraw/transcript/v1","format":"note"}"#), t);
        assert_eq!(kind(br#"{"format":"note","format":"potdraw/transcript/v1"}"#), t);
        assert_eq!(kind(br#"{"format":"potdraw/transcript/v1"} {"#), t);
        assert_eq!(kind(br#"{"format":"potdraw/transcript/v4"}"#), Kind::ListsTranscript);
        assert_eq!(kind(br#"{"format":"potdraw/commitment/v4"}"#), Kind::ListsCommitment);
        assert_eq!(kind(br#"{"format":"potdraw/commitment/rfc3797-v2"}"#), Kind::Commitment);
        assert_eq!(kind(br#"{"format":"potdraw/receipt/v2"}"#), Kind::Receipt);
        assert_eq!(kind(br#"{"format":"potdraw/amendments/v1"}"#), Kind::Amendments);
        assert_eq!(kind(br#"{"format":"potdraw/ballot/v1"}"#), Kind::OtherPotdraw("potdraw/ballot/v1".into()));
        // Not potdraw: another format, a format that is not a string, only an
        // embedded one, two byte order marks (the parsers refuse the second), not an object.
        for other in [
            &br#"{"format":"geojson"}"#[..],
            br#"{"format":5}"#,
            br#"{"commitment":{"format":"potdraw/commitment/v1"}}"#,
            b"\xef\xbb\xbf\xef\xbb\xbf{\"format\":\"potdraw/transcript/v1\"}",
            br#"["potdraw/transcript/v1"]"#,
            b"",
        ] {
            assert_eq!(kind(other), Kind::NotPotdraw, "{}", String::from_utf8_lossy(other));
        }
    }
}
