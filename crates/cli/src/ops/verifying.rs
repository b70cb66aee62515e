//! `potdraw verify`'s operation (SPEC §8, §17.7 for several lists): a
//! transcript of any version read and verified, against the commitment as
//! published when one is given, and its amendments record checked when the
//! transcript verified (SPEC §15.4, §15.8).
//!
//! WHY the version stays in here: each version has its own checks (SPEC
//! §8.2 for one list, §17.7 for several) and its own record (§15.2, §15.8);
//! the command asks for "the verification" and renders it
//! ([`crate::render_check::verification_text`]), whatever the version.

use crate::ops::amendments::{check_lists_record, check_one_record, Checked};
use crate::ops::documents::{self, AnyCommitment};
use anyhow::Result;
use potdraw_core::entropy::PlanEntry;
use potdraw_core::parse::Kind;
use potdraw_core::Hash32;
use potdraw_verify::{Draw, ListsDraw, Report};
use std::path::Path;

/// A transcript's verification, in its version.
pub enum Verification {
    One(Report<Draw>),
    Lists(Report<ListsDraw>),
}

impl Verification {
    pub fn is_verified(&self) -> bool {
        match self {
            Verification::One(r) => r.is_verified(),
            Verification::Lists(r) => r.is_verified(),
        }
    }

    /// For a draw that verified: its commitment digest and entropy plan
    /// (what a time-stamp token is held against, SPEC §18).
    pub fn commitment(&self) -> Option<(&Hash32, &[PlanEntry])> {
        match self {
            Verification::One(r) => r.outcome.as_ref().ok().map(|v| {
                let c = &v.get().transcript.commitment;
                (&c.digest, c.plan.as_slice())
            }),
            Verification::Lists(r) => r.outcome.as_ref().ok().map(|v| {
                let c = &v.get().transcript.commitment;
                (&c.digest, c.plan.as_slice())
            }),
        }
    }

    /// The record at `record` checked against the draw, when it verified
    /// (SPEC §15.4: a record says nothing of a draw that did not).
    pub fn check_record(&self, transcript: &Path, record: &Path, earlier: Option<&Path>) -> Result<Option<Checked>> {
        Ok(match self {
            Verification::One(r) => match &r.outcome {
                Ok(draw) => Some(Checked::One(check_one_record(draw, record, earlier)?)),
                Err(_) => None,
            },
            Verification::Lists(r) => match &r.outcome {
                Ok(draw) => Some(Checked::Lists(
                    check_lists_record(draw, transcript, record, earlier)?,
                    crate::shown::Names::of_docs(&draw.get().transcript.commitment.doc.lists),
                )),
                Err(_) => None,
            },
        })
    }
}

/// Reads and verifies the transcript at `transcript`, with the commitment
/// as published at `commitment` (either layout: one of the other layout
/// fails `published-commitment`, SPEC §8.2 step 2).
pub fn verify(transcript: &Path, commitment: Option<&Path>) -> Result<Verification> {
    let lists = documents::kind_of(transcript)? == Kind::ListsTranscript;
    let published = commitment.map(AnyCommitment::read).transpose()?;
    let published = published.as_ref().map(AnyCommitment::published);
    Ok(if lists {
        let t = documents::read_lists_transcript(transcript)?;
        Verification::Lists(potdraw_verify::verify_lists_transcript_published(t, published))
    } else {
        let t = documents::read_transcript(transcript)?;
        Verification::One(potdraw_verify::verify_transcript_published(t, published))
    })
}
