//! potdraw-verify: replays a published transcript (SPEC §8).
//!
//! This crate is deliberately small and depends on potdraw-core, plus
//! potdraw-beacon for the drand `beacon` check, so an auditor can read all of it. It runs the named checks of SPEC §8 in order
//! and stops at the first failure, reporting what was expected and what was
//! found. A [`Verified`] value can only be made here, by passing every check:
//! code that reports a participant's outcome takes a `&Verified<Draw>`, so it
//! cannot report on a transcript that did not verify.
#![forbid(unsafe_code)]

pub mod amend;
pub mod amend_lists;
mod beacon;
mod checks;
mod drawn;
pub mod history;
mod lists;
mod participant;
mod reason;
pub mod signature;

pub use beacon::chain_info;
pub use checks::{verify_commitment, verify_transcript, verify_transcript_published, Published};
pub use drawn::{ByVersion, Drawn, DrawnList, ReceiptList};
pub use lists::{
    verify_lists_commitment, verify_lists_transcript, verify_lists_transcript_published, ListTicket, ListsDraw,
};
pub use participant::{Outcome, Ticket};
pub use reason::{Detail, What, AT_MOST, PHRASES};

use potdraw_core::model::Transcript;
use potdraw_core::Hash32;

/// The checks of SPEC §8, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Check {
    Format,
    PublishedCommitment,
    CommitmentDigest,
    CanonicalOrder,
    Counts,
    Pot,
    /// Version 4 only (SPEC §17.7): each companions list goes with a list of
    /// a fixed number or a pot, and has as many recipients.
    Companions,
    SeedCommitment,
    EntropyPlan,
    Beacon,
    DrawReplay,
    Result,
}

impl Check {
    pub const ALL: [Check; 12] = [
        Check::Format,
        Check::PublishedCommitment,
        Check::CommitmentDigest,
        Check::CanonicalOrder,
        Check::Counts,
        Check::Pot,
        Check::Companions,
        Check::SeedCommitment,
        Check::EntropyPlan,
        Check::Beacon,
        Check::DrawReplay,
        Check::Result,
    ];

    /// The stable identifier of SPEC §8.
    pub fn id(self) -> &'static str {
        match self {
            Check::Format => "format",
            Check::PublishedCommitment => "published-commitment",
            Check::CommitmentDigest => "commitment-digest",
            Check::CanonicalOrder => "canonical-order",
            Check::Counts => "counts",
            Check::Pot => "pot",
            Check::Companions => "companions",
            Check::SeedCommitment => "seed-commitment",
            Check::EntropyPlan => "entropy-plan",
            Check::Beacon => "beacon",
            Check::DrawReplay => "draw-replay",
            Check::Result => "result",
        }
    }

    pub fn from_id(id: &str) -> Option<Check> {
        Check::ALL.into_iter().find(|c| c.id() == id)
    }
}

/// A check that passed, with what it established (its `Display` is the
/// stable English one-liner of `--json`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passed {
    pub check: Check,
    pub detail: Detail,
}

/// A check that does not apply to a document's method, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub check: Check,
    pub why: &'static str,
}

/// The first check that failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("check {} failed: {what}: expected {expected}, found {found}", check.id())]
pub struct Failure {
    pub check: Check,
    pub what: What,
    pub expected: String,
    pub found: String,
}

/// A value that has passed verification. Only this crate can make one.
#[derive(Debug, Clone)]
pub struct Verified<T>(T);

impl<T> Verified<T> {
    pub fn get(&self) -> &T {
        &self.0
    }
}

/// A verified draw: the transcript and its digest (SPEC §7.3).
#[derive(Debug, Clone)]
pub struct Draw {
    pub transcript: Transcript,
    pub transcript_digest: Hash32,
    /// What each check established, in order (for reports of the draw).
    pub passed: Vec<Passed>,
    /// Checks the method does not have (SPEC §12.5).
    pub skipped: Vec<Skipped>,
}

/// Everything a verification established, up to the first failure.
#[derive(Debug)]
pub struct Report<T> {
    pub passed: Vec<Passed>,
    /// Checks that the document's method does not have (SPEC §12.5).
    pub skipped: Vec<Skipped>,
    pub outcome: std::result::Result<Verified<T>, Failure>,
}

impl<T> Report<T> {
    pub fn is_verified(&self) -> bool {
        self.outcome.is_ok()
    }
}
