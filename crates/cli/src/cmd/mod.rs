//! One module per subcommand. Each returns the exit status on an answer and
//! an error (exit 2) when the input cannot be used.

pub mod amend;
pub mod beacon;
pub mod ceremony;
pub mod check;
pub mod commit;
pub mod draw;
pub mod report;
pub mod rfc3797;
pub mod verify;
pub mod web;

use anyhow::Result;
use potdraw_core::model::{Commitment, Transcript};
use potdraw_core::parse::{self, ParseError};
use std::path::Path;

/// Largest document we read (a 10-million-entry transcript is about 1 GB).
pub const MAX_DOCUMENT_BYTES: u64 = 4 << 30;

fn located(path: &Path, e: ParseError) -> anyhow::Error {
    crate::problem::parse(&path.display(), &e)
}

pub fn read_commitment(path: &Path) -> Result<Commitment> {
    parse::commitment_owned(crate::files::read(path, MAX_DOCUMENT_BYTES)?).map_err(|e| located(path, e))
}

pub fn read_transcript(path: &Path) -> Result<Transcript> {
    parse::transcript_owned(crate::files::read(path, MAX_DOCUMENT_BYTES)?).map_err(|e| located(path, e))
}

/// The seed file: 64 hexadecimal characters, optionally followed by a newline.
pub fn read_seed(path: &Path) -> Result<[u8; 32]> {
    let bytes = crate::files::read(path, 4096)?;
    let text = String::from_utf8_lossy(&bytes);
    potdraw_core::model::parse_hex::<32>("seed", &text.trim().to_ascii_lowercase())
        .map_err(|e| crate::problem::field(&path.display(), &e))
}
