//! An organiser's history (SPEC §16.4): what a folder of publications
//! shows when its documents are read together.
//!
//! WHY a separate, pure module: one transcript proves one draw (SPEC §8);
//! only the collection shows a re-draw (two transcripts of one commitment),
//! a draw whose commitment was never published, or a fork or gap in the
//! chain of `previous` links (SPEC §14.3). That matching is the part an
//! auditor must be able to read, so it lives here, without I/O: the caller
//! reads and verifies each file once and hands over a small [`Summary`]
//! (digests, counts, outcome), so memory grows with the number of files by
//! a few hundred bytes each, never with their size.

use potdraw_core::Hash32;
use std::collections::{BTreeMap, BTreeSet};

/// What a draw's commitment says about itself (from a commitment file or
/// from the commitment a transcript embeds).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrawInfo {
    pub commitment: Hash32,
    pub previous: Option<Hash32>,
    /// `created_at` as written (self-declared, SPEC §9.6).
    pub created_at: String,
    pub title: String,
    /// `candidates.count`: one ticket per entry.
    pub tickets: u64,
    /// The recipients of every list that is not a list of travel companions.
    pub recipients: u64,
    /// The travel companions drawn (SPEC §17.6): never counted as recipients
    /// of a grant (issue 27: "ontvangers 18" for 9 grants).
    pub companions: u64,
}

/// One file of the folder, as the caller found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// The path relative to the audited folder, `/`-separated.
    pub path: String,
    pub doc: Doc,
    /// The outcome of `FILE.minisig`, when a key was given.
    pub signature: Signed,
}

/// The signature of one file (SPEC §16.3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signed {
    /// No key was given: signatures are not checked.
    NotChecked,
    /// Not a potdraw document: its signature is not required.
    NotRequired,
    Missing,
    Good,
    /// The stable name of [`crate::signature::SignatureError`].
    Bad(&'static str),
}

/// What a file is, and whether it verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Doc {
    /// A commitment that passed its checks (SPEC §8.3).
    Commitment(DrawInfo),
    /// A transcript that verified (SPEC §8.2), with its digest (SPEC §7.3).
    Transcript { draw: DrawInfo, digest: Hash32 },
    /// An amendments record (SPEC §15) naming `transcript`; `failed` is the
    /// first failed check, if any (only known when the transcript is here).
    /// `rewritten`: the path of a longer verified record of the same
    /// transcript of which this one is not a prefix (SPEC §15.4 step 5,
    /// `amendments-prefix`): one of the two was rewritten after publication.
    Amendments { transcript: Hash32, failed: Option<String>, rewritten: Option<String> },
    /// A `.minisig` file; `signs` is the path of the file it signs.
    Signature { signs: String },
    /// A time-stamp token (SPEC §18) in a `DOC.NAME.tsr` file: `stamps` is
    /// the path of the document it lies beside, if that is here; `trusted`
    /// whether it passed against the auditor's roots; `failed` the reason
    /// it did not (SPEC §18.2's code, or `published-before`). Unchecked
    /// without roots: both then false and `None`.
    TimeStamp { stamps: Option<String>, trusted: bool, failed: Option<String> },
    /// A potdraw document that parsed but failed a named check.
    Failed { check: String },
    /// A potdraw document that cannot be parsed (SPEC §8.1).
    Unusable { reason: String },
    /// A receipt (SPEC §7.4): private, it links a person to a ticket.
    Private,
    /// Anything else.
    NotPotdraw,
    /// A README beside the documents (SPEC §16.4): listed, never a problem.
    Ignored,
    /// A page the tool writes for publishing about one draw (the report, the
    /// draw's page), with every digest it names (SPEC §16.4): listed as
    /// ignored when it names a transcript of the folder, else a problem.
    Page { names: Vec<Hash32> },
}

/// How a draw stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Drawn,
    NotDrawn,
    ReDrawn,
}

impl Status {
    pub fn id(self) -> &'static str {
        match self {
            Status::Drawn => "drawn",
            Status::NotDrawn => "not-drawn",
            Status::ReDrawn => "re-drawn",
        }
    }
}

/// One draw: a commitment digest, and every file about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draw {
    pub info: DrawInfo,
    pub status: Status,
    /// The commitment files (copies of one document may be published twice).
    pub commitment_files: Vec<String>,
    /// Verified transcripts, by path.
    pub transcripts: Vec<(String, Hash32)>,
}

/// The problems an audit names (SPEC §16.4), by stable name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    ReDraw,
    VerificationFailed,
    Unusable,
    CommitmentMissing,
    NotDrawn,
    Fork,
    Gap,
    ChainStart,
    SignatureMissing,
    SignatureBad,
    SignatureWithoutFile,
    TimeStampWithoutDocument,
    TimeStampFailed,
    AmendmentsFailed,
    AmendmentsRewritten,
    AmendmentsTranscriptMissing,
    PageUnknownDraw,
    PrivateFile,
    NotPotdraw,
    /// A warning, not a problem: two draws in the folder with one title.
    DuplicateTitle,
}

impl Kind {
    pub const ALL: [Kind; 20] = [
        Kind::ReDraw,
        Kind::VerificationFailed,
        Kind::Unusable,
        Kind::CommitmentMissing,
        Kind::NotDrawn,
        Kind::Fork,
        Kind::Gap,
        Kind::ChainStart,
        Kind::SignatureMissing,
        Kind::SignatureBad,
        Kind::SignatureWithoutFile,
        Kind::TimeStampWithoutDocument,
        Kind::TimeStampFailed,
        Kind::AmendmentsFailed,
        Kind::AmendmentsRewritten,
        Kind::AmendmentsTranscriptMissing,
        Kind::PageUnknownDraw,
        Kind::PrivateFile,
        Kind::NotPotdraw,
        Kind::DuplicateTitle,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Kind::ReDraw => "re-draw",
            Kind::VerificationFailed => "verification-failed",
            Kind::Unusable => "unusable",
            Kind::CommitmentMissing => "commitment-missing",
            Kind::NotDrawn => "not-drawn",
            Kind::Fork => "fork",
            Kind::Gap => "gap",
            Kind::ChainStart => "chain-start",
            Kind::SignatureMissing => "signature-missing",
            Kind::SignatureBad => "signature-bad",
            Kind::SignatureWithoutFile => "signature-without-file",
            Kind::TimeStampWithoutDocument => "time-stamp-without-document",
            Kind::TimeStampFailed => "time-stamp-failed",
            Kind::AmendmentsFailed => "amendments-failed",
            Kind::AmendmentsRewritten => "amendments-rewritten",
            Kind::AmendmentsTranscriptMissing => "amendments-transcript-missing",
            Kind::PageUnknownDraw => "page-unknown-draw",
            Kind::PrivateFile => "private-file",
            Kind::NotPotdraw => "not-potdraw",
            Kind::DuplicateTitle => "duplicate-title",
        }
    }
}

/// One problem: its name, the files it concerns (sorted), the digest it is
/// about (a commitment's, or the `previous` of a gap or fork), and a detail
/// (the failed check, the reason a file is unusable).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub kind: Kind,
    pub files: Vec<String>,
    pub digest: Option<Hash32>,
    pub detail: Option<String>,
}

/// What the folder shows: the draws in date order, then the problems in
/// the order of [`Kind::ALL`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History {
    pub draws: Vec<Draw>,
    /// Files that are not potdraw documents and are no problem (a README,
    /// the organiser's public key), sorted: listed so a reader sees what
    /// the audit passed over (SPEC §16.4).
    pub ignored: Vec<String>,
    /// Warnings (SPEC §16.4): worth a question, not a failed audit.
    pub warnings: Vec<Problem>,
    pub problems: Vec<Problem>,
}

impl History {
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Matches the files of a folder (any order) into draws and problems. The
/// result depends only on the set of summaries, not on their order.
pub fn assemble(mut files: Vec<Summary>) -> History {
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let mut problems = Vec::new();
    let mut draws: BTreeMap<Hash32, Draw> = BTreeMap::new();
    let mut transcripts_by_digest: BTreeSet<Hash32> = BTreeSet::new();
    let paths: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let problem = |kind, files: Vec<String>, digest, detail| Problem { kind, files, digest, detail };

    for f in &files {
        let path = f.path.clone();
        match &f.doc {
            Doc::Commitment(info) => {
                draw_of(&mut draws, info).commitment_files.push(path.clone());
            }
            Doc::Transcript { draw, digest } => {
                transcripts_by_digest.insert(*digest);
                let d = draw_of(&mut draws, draw);
                if !d.transcripts.iter().any(|(_, t)| t == digest) {
                    d.transcripts.push((path.clone(), *digest));
                }
            }
            Doc::Amendments { failed: Some(check), .. } => {
                problems.push(problem(Kind::AmendmentsFailed, vec![path.clone()], None, Some(check.clone())));
            }
            Doc::Amendments { failed: None, rewritten: Some(longer), transcript } => {
                let mut both = vec![path.clone(), longer.clone()];
                both.sort();
                problems.push(problem(Kind::AmendmentsRewritten, both, Some(*transcript), None));
            }
            Doc::Amendments { failed: None, rewritten: None, .. } | Doc::Ignored | Doc::Page { .. } => {}
            Doc::Signature { signs } => {
                if !paths.contains(signs.as_str()) {
                    problems.push(problem(Kind::SignatureWithoutFile, vec![path.clone()], None, None));
                }
            }
            Doc::TimeStamp { stamps: None, .. } => {
                problems.push(problem(Kind::TimeStampWithoutDocument, vec![path.clone()], None, None));
            }
            Doc::TimeStamp { failed: Some(why), .. } => {
                problems.push(problem(Kind::TimeStampFailed, vec![path.clone()], None, Some(why.clone())));
            }
            Doc::TimeStamp { .. } => {}
            Doc::Failed { check } => {
                problems.push(problem(Kind::VerificationFailed, vec![path.clone()], None, Some(check.clone())));
            }
            Doc::Unusable { reason } => {
                problems.push(problem(Kind::Unusable, vec![path.clone()], None, Some(reason.clone())));
            }
            Doc::NotPotdraw => problems.push(problem(Kind::NotPotdraw, vec![path.clone()], None, None)),
            Doc::Private => problems.push(problem(Kind::PrivateFile, vec![path.clone()], None, None)),
        }
        match &f.signature {
            Signed::Missing => problems.push(problem(Kind::SignatureMissing, vec![path], None, None)),
            Signed::Bad(why) => problems.push(problem(Kind::SignatureBad, vec![path], None, Some(why.to_string()))),
            Signed::NotChecked | Signed::NotRequired | Signed::Good => {}
        }
    }
    // SPEC §16.4 `page-unknown-draw`: a report or draw's page that names no
    // transcript of this folder tells its readers of a draw nobody can replay.
    for f in &files {
        if let Doc::Page { names } = &f.doc {
            if !names.iter().any(|d| transcripts_by_digest.contains(d)) {
                problems.push(problem(Kind::PageUnknownDraw, vec![f.path.clone()], None, None));
            }
        }
    }
    // A record naming a transcript that is not here.
    for f in &files {
        if let Doc::Amendments { transcript, .. } = &f.doc {
            if !transcripts_by_digest.contains(transcript) {
                problems.push(problem(
                    Kind::AmendmentsTranscriptMissing,
                    vec![f.path.clone()],
                    Some(*transcript),
                    None,
                ));
            }
        }
    }
    for d in draws.values_mut() {
        d.status = match d.transcripts.len() {
            0 => Status::NotDrawn,
            1 => Status::Drawn,
            _ => Status::ReDrawn,
        };
        let files = |v: &Vec<(String, Hash32)>| v.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
        let digest = Some(d.info.commitment);
        match d.status {
            Status::ReDrawn => problems.push(problem(Kind::ReDraw, files(&d.transcripts), digest, None)),
            Status::NotDrawn => problems.push(problem(Kind::NotDrawn, d.commitment_files.clone(), digest, None)),
            Status::Drawn => {}
        }
        if d.commitment_files.is_empty() {
            problems.push(problem(Kind::CommitmentMissing, files(&d.transcripts), digest, None));
        }
    }
    chain_problems(&draws, &mut problems);
    problems.sort();
    let mut draws: Vec<Draw> = draws.into_values().collect();
    draws.sort_by(|a, b| (&a.info.created_at, a.info.commitment).cmp(&(&b.info.created_at, b.info.commitment)));
    let ignored =
        files.iter().filter(|f| matches!(f.doc, Doc::Ignored | Doc::Page { .. })).map(|f| f.path.clone()).collect();
    let warnings = duplicate_titles(&draws);
    History { draws, ignored, warnings, problems }
}

fn draw_of<'a>(draws: &'a mut BTreeMap<Hash32, Draw>, info: &DrawInfo) -> &'a mut Draw {
    draws.entry(info.commitment).or_insert_with(|| Draw {
        info: info.clone(),
        status: Status::NotDrawn,
        commitment_files: Vec::new(),
        transcripts: Vec::new(),
    })
}

/// SPEC §16.4 `duplicate-title`: two draws with one title. A re-draw made
/// by committing again (a new commitment, `previous` the one before) is a
/// valid chain and cannot be told from an honest next draw by the
/// documents alone (SPEC §9.10); the same title twice is the visible trace
/// it leaves, so the audit points at it without calling it proof.
fn duplicate_titles(draws: &[Draw]) -> Vec<Problem> {
    let mut by_title: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for d in draws {
        let files = if d.commitment_files.is_empty() {
            d.transcripts.iter().map(|(p, _)| p.clone()).collect()
        } else {
            d.commitment_files.clone()
        };
        by_title.entry(d.info.title.as_str()).or_default().extend(files);
    }
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for d in draws {
        *counts.entry(d.info.title.as_str()).or_default() += 1;
    }
    by_title
        .into_iter()
        .filter(|(t, _)| counts.get(t).copied().unwrap_or(0) > 1)
        .map(|(t, mut files)| {
            files.sort();
            Problem { kind: Kind::DuplicateTitle, files, digest: None, detail: Some(t.to_string()) }
        })
        .collect()
}

/// SPEC §14.3 and §16.4: one first draw, no two draws naming one
/// `previous`, and no `previous` naming a draw that is not here. A draw
/// known only from its transcript still counts as a link.
fn chain_problems(draws: &BTreeMap<Hash32, Draw>, problems: &mut Vec<Problem>) {
    // A draw is named by its commitment files, or by its transcripts when
    // the commitment was not published on its own.
    let files_of = |d: &Draw| -> Vec<String> {
        if d.commitment_files.is_empty() {
            d.transcripts.iter().map(|(p, _)| p.clone()).collect()
        } else {
            d.commitment_files.clone()
        }
    };
    let mut children: BTreeMap<Hash32, Vec<&Draw>> = BTreeMap::new();
    let mut starts = Vec::new();
    for d in draws.values() {
        match d.info.previous {
            None => starts.push(d),
            Some(p) => children.entry(p).or_default().push(d),
        }
    }
    if starts.len() > 1 {
        let mut files: Vec<String> = starts.iter().flat_map(|d| files_of(d)).collect();
        files.sort();
        problems.push(Problem { kind: Kind::ChainStart, files, digest: None, detail: None });
    }
    for (previous, kids) in &children {
        if kids.len() > 1 {
            let mut files: Vec<String> = kids.iter().flat_map(|d| files_of(d)).collect();
            files.sort();
            problems.push(Problem { kind: Kind::Fork, files, digest: Some(*previous), detail: None });
        }
        if !draws.contains_key(previous) {
            let mut files: Vec<String> = kids.iter().flat_map(|d| files_of(d)).collect();
            files.sort();
            problems.push(Problem { kind: Kind::Gap, files, digest: Some(*previous), detail: None });
        }
    }
}

#[cfg(test)]
#[path = "history_tests.rs"]
mod tests;
