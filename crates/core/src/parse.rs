//! Reading documents from bytes: JSON syntax first (with line and column),
//! then the field syntax of [`crate::model`]. Both failures mean the input is
//! unusable, as opposed to a well-formed document that fails verification.

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

pub(crate) fn json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ParseError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
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
}
