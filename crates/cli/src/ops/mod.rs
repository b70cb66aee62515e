//! The layer under the commands: reading and classifying documents,
//! receipts, drand rounds, the entropy people type, amendments records and
//! the audit's walk of a published folder.
//!
//! WHY a layer: `potdraw` has two front ends in view — this command line,
//! and a local web page for the organiser (planned next). Both must do
//! exactly the same thing with the same files, so everything that is not
//! "parse flags" or "say it" lives here, once, and the commands in
//! [`crate::cmd`] are thin: they parse arguments, call one operation here,
//! and render its answer. Nothing here uses clap or prints (a test in
//! `crates/cli/tests/layers.rs` holds that), and no command imports another.
//! The reading modules it builds on stay at the crate's top level —
//! [`crate::candidates`], [`crate::sheet`], [`crate::columns`],
//! [`crate::handouts`], [`crate::amount`], [`crate::files`],
//! [`crate::published`], [`crate::localtime`] and their kin — and are held
//! to the same rule by the same test.
//! Errors are [`crate::problem::Problem`]s with a class and a sentence from
//! the catalogue, so a second front end shows the same words.

pub mod amendments;
pub mod audit;
pub mod audit_pages;
pub mod audit_stamps;
pub mod documents;
pub mod drand;
pub mod drawing;
pub mod participant;
pub mod publish;
pub mod receipts;
pub mod report;
pub mod timestamping;
pub mod verifying;
