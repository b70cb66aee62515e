//! Reading documents by what they are (SPEC §16.4 [`parse::kind`]), and the
//! verified draw of any version as one model ([`Drawn`], issue 27).

use anyhow::Result;
use potdraw_core::lists::{ListsCommitment, ListsTranscript};
use potdraw_core::model::{Commitment, Transcript};
use potdraw_core::parse::{self, Kind, ParseError};
use potdraw_verify::{Drawn, Failure};
use std::path::Path;

/// Largest document we read (a 10-million-entry transcript is about 1 GB).
pub const MAX_DOCUMENT_BYTES: u64 = 4 << 30;

fn located(path: &Path, e: ParseError) -> anyhow::Error {
    crate::problem::parse(&path.display(), &e)
}

/// The kind of the document in a file, as every command reads it.
pub fn kind_of(path: &Path) -> Result<Kind> {
    Ok(parse::kind(&crate::files::read(path, MAX_DOCUMENT_BYTES)?))
}

/// Whether the file holds a document with several lists (SPEC §17.1).
pub fn has_lists(path: &Path) -> Result<bool> {
    Ok(matches!(kind_of(path)?, Kind::ListsCommitment | Kind::ListsTranscript))
}

/// A transcript of any version, read and verified: the draw as one model, or
/// the failure (the caller says it; exit 1, SPEC §8.1).
pub fn verified_draw(path: &Path) -> Result<Result<Drawn, Failure>> {
    let bytes = crate::files::read(path, MAX_DOCUMENT_BYTES)?;
    Ok(match parse::kind(&bytes) {
        Kind::ListsTranscript => {
            let t = potdraw_core::lists::parse_transcript(&bytes).map_err(|e| located(path, e))?;
            potdraw_verify::verify_lists_transcript(t, None).outcome.map(Drawn::from)
        }
        _ => potdraw_verify::verify_transcript(transcript_of(path, bytes)?, None).outcome.map(Drawn::from),
    })
}

/// A commitment with one list; one with several lists (SPEC §17) is named
/// as such, not as a document with an unknown member `lists` (issue 26: the
/// advice "remove it" must never be given for a published file).
pub fn read_commitment(path: &Path) -> Result<Commitment> {
    let bytes = crate::files::read(path, MAX_DOCUMENT_BYTES)?;
    if parse::kind(&bytes) == Kind::ListsCommitment {
        return Err(crate::problem!("commitment-of-lists", file = path.display()));
    }
    parse::commitment_owned(bytes).map_err(|e| located(path, e))
}

/// A transcript with one list; a commitment or a receipt given in its place
/// is named as such in one sentence (issue 17), and so is a transcript with
/// several lists (issue 26), not as "an unknown member". The kind is read by
/// [`parse::kind`], as every command reads it.
pub fn read_transcript(path: &Path) -> Result<Transcript> {
    transcript_of(path, crate::files::read(path, MAX_DOCUMENT_BYTES)?)
}

fn transcript_of(path: &Path, bytes: Vec<u8>) -> Result<Transcript> {
    match parse::kind(&bytes) {
        Kind::Commitment | Kind::ListsCommitment => {
            Err(crate::problem!("transcript-is-commitment", file = path.display()))
        }
        Kind::Receipt => Err(crate::problem!("transcript-is-receipt", file = path.display())),
        Kind::ListsTranscript => Err(crate::problem!("transcript-of-lists", file = path.display())),
        _ => parse::transcript_owned(bytes).map_err(|e| located(path, e)),
    }
}

/// A commitment as published before the draw, read by its own `format`
/// (SPEC §8.2 step 2, §17.7 step 2): either layout is usable, and one of the
/// other layout than the transcript's fails `published-commitment`.
pub enum AnyCommitment {
    One(potdraw_core::model::Commitment),
    Lists(ListsCommitment),
}

impl AnyCommitment {
    pub fn read(path: &Path) -> Result<AnyCommitment> {
        Ok(if has_lists(path)? {
            AnyCommitment::Lists(read_lists_commitment(path)?)
        } else {
            AnyCommitment::One(read_commitment(path)?)
        })
    }

    /// What a page about the commitment names, whatever its layout: the
    /// title, the digest (hex), `created_at`, and the seed commitment (none
    /// for the RFC 3797 method, which has no seed).
    pub fn head(&self) -> (&str, &str, &str, Option<potdraw_core::Hash32>) {
        match self {
            AnyCommitment::One(c) => (&c.doc.title, &c.doc.digest, &c.doc.created_at, c.seed_commitment),
            AnyCommitment::Lists(c) => (&c.doc.title, &c.doc.digest, &c.doc.created_at, Some(c.seed_commitment)),
        }
    }

    /// The commitment digest (SPEC §4.5).
    /// The lists by name with their display names (SPEC §19); empty for one list.
    pub fn names(&self) -> crate::shown::Names {
        match self {
            AnyCommitment::One(_) => crate::shown::Names::default(),
            AnyCommitment::Lists(c) => crate::shown::Names::of_docs(&c.doc.lists),
        }
    }

    pub fn digest(&self) -> &potdraw_core::Hash32 {
        match self {
            AnyCommitment::One(c) => &c.digest,
            AnyCommitment::Lists(c) => &c.digest,
        }
    }

    pub fn published(&self) -> potdraw_verify::Published<'_> {
        match self {
            AnyCommitment::One(c) => potdraw_verify::Published::One(c),
            AnyCommitment::Lists(c) => potdraw_verify::Published::Lists(c),
        }
    }
}

/// A transcript with several lists (SPEC §17.5).
pub fn read_lists_transcript(path: &Path) -> Result<ListsTranscript> {
    let bytes = crate::files::read(path, MAX_DOCUMENT_BYTES)?;
    potdraw_core::lists::parse_transcript(&bytes).map_err(|e| located(path, e))
}

/// A commitment with several lists (SPEC §17.2).
pub fn read_lists_commitment(path: &Path) -> Result<ListsCommitment> {
    let bytes = crate::files::read(path, MAX_DOCUMENT_BYTES)?;
    potdraw_core::lists::parse_commitment(&bytes).map_err(|e| located(path, e))
}
