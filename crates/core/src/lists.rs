//! Version 4: several named lists in one commitment (SPEC §17).
//!
//! WHY a module of its own rather than more optional members on the v1
//! types: a v4 commitment has no top-level `pot`, `recipients`, `reserves`
//! or `candidates`, and a v4 transcript no top-level `result`. Making those
//! optional on [`crate::wire::CommitmentDoc`] would let every v1–v3 reader
//! meet a document without them; a separate layout keeps the v1–v3 types
//! (and their bytes) exactly as they were, and every v4 rule in one place.
//! The pieces that do not change — the hash, the plan, entries, the
//! selection — are reused from the v1 modules.
//!
//! This file holds the layouts (wire types, field for field) and their
//! syntax (the domain types, refused as unusable when malformed);
//! [`crate::lists_draw`] holds leaves, list seeds, commit and the draw.

use crate::entropy::{check_label, PlanEntry, MAX_PLAN_SOURCES};
use crate::error::{quote, FieldError, FieldKind};
use crate::hash::Hash32;
use crate::model::{parse_decimal_u64, parse_hex, parse_hex_at, Entry, Pick, Revealed, RevealedBeacon, Role};
use crate::parse::{json, ParseError};
use crate::plan::v3_plan_entry;
use crate::wire::{present_string, CandidatesDoc, EntropyValueDoc, PlanEntryDoc, PotDoc, ResultEntryDoc};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// SPEC §17.1 format identifiers.
pub const COMMITMENT_V4: &str = "potdraw/commitment/v4";
pub const TRANSCRIPT_V4: &str = "potdraw/transcript/v4";
/// SPEC §19.1: version 4 with each list's display name.
pub const COMMITMENT_V5: &str = "potdraw/commitment/v5";
pub const TRANSCRIPT_V5: &str = "potdraw/transcript/v5";
/// SPEC §17.8: a receipt naming its list.
pub const RECEIPT_V2: &str = "potdraw/receipt/v2";

/// SPEC §17.2: a v4 commitment has 2 to 16 lists.
pub const MIN_LISTS: usize = 2;
pub const MAX_LISTS: usize = 16;

/// SPEC §17.2: the commitment with several lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListsCommitmentDoc {
    pub format: String,
    pub title: String,
    pub created_at: String,
    pub seed_commitment: String,
    pub entropy_plan: Vec<PlanEntryDoc>,
    pub lists: Vec<ListDoc>,
    /// Optional (SPEC §14.3): the digest of the organiser's previous commitment.
    #[serde(default, deserialize_with = "present_string", skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
    pub digest: String,
}

/// SPEC §17.2: one named list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListDoc {
    pub name: String,
    /// SPEC §19.1: present exactly in a v5 commitment.
    #[serde(default, deserialize_with = "present_string", skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    pub rule: String,
    /// Present exactly when `rule` is "pot".
    #[serde(default, deserialize_with = "present_pot", skip_serializing_if = "Option::is_none")]
    pub pot: Option<PotDoc>,
    /// Present exactly when `rule` is "companions".
    #[serde(default, deserialize_with = "present_string", skip_serializing_if = "Option::is_none")]
    pub companions_of: Option<String>,
    pub recipients: u64,
    pub reserves: u64,
    pub candidates: CandidatesDoc,
}

/// SPEC §17.5: the transcript of a v4 commitment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListsTranscriptDoc {
    pub format: String,
    pub commitment: Arc<ListsCommitmentDoc>,
    pub seed: String,
    pub entropy: Vec<EntropyValueDoc>,
    pub entropy_digest: String,
    pub draw_seed: String,
    pub lists: Vec<ListResultDoc>,
}

/// SPEC §17.5: the result of one list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListResultDoc {
    pub name: String,
    pub list_seed: String,
    pub result: Vec<ResultEntryDoc>,
}

fn present_pot<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<PotDoc>, D::Error> {
    PotDoc::deserialize(d).map(Some)
}

impl ListsTranscriptDoc {
    /// The embedded commitment, to change (a copy first if it is shared).
    pub fn commitment_mut(&mut self) -> &mut ListsCommitmentDoc {
        Arc::make_mut(&mut self.commitment)
    }
}

/// SPEC §17.6: where a list's number of recipients comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    Fixed,
    Pot,
    /// The name of the list this list travels with.
    Companions(String),
}

impl Rule {
    pub fn name(&self) -> &'static str {
        match self {
            Rule::Fixed => "fixed",
            Rule::Pot => "pot",
            Rule::Companions(_) => "companions",
        }
    }
}

/// A well-formed list (not yet verified).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List {
    pub name: String,
    /// SPEC §19: the display name of a v5 list; `None` in v4.
    pub display: Option<String>,
    pub rule: Rule,
    /// The total as written (may disagree with the entries; `counts` decides).
    pub total_weight: u64,
}

/// A well-formed v4 commitment (not yet verified).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListsCommitment {
    pub doc: Arc<ListsCommitmentDoc>,
    pub previous: Option<Hash32>,
    pub created_at: u64,
    pub seed_commitment: Hash32,
    pub digest: Hash32,
    pub plan: Vec<PlanEntry>,
    pub lists: Vec<List>,
}

impl ListsCommitment {
    /// Whether the commitment is of version 5 (SPEC §19), with display names.
    pub fn has_display_names(&self) -> bool {
        self.doc.format == COMMITMENT_V5
    }

    /// The entries of list `i` in the document's order (every leaf is
    /// well-formed: `TryFrom` refuses a document with a malformed one).
    pub fn entries(&self, i: usize) -> &[Entry] {
        self.doc.lists.get(i).and_then(|l| l.candidates.entries.well_formed()).unwrap_or(&[])
    }

    /// The list named `name`, with its position.
    pub fn find(&self, name: &str) -> Option<(usize, &ListDoc)> {
        self.doc.lists.iter().enumerate().find(|(_, l)| l.name == name)
    }
}

/// The result of one list, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListResult {
    pub name: String,
    pub list_seed: Hash32,
    pub result: Vec<Pick>,
}

/// A well-formed v4 transcript (not yet verified).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListsTranscript {
    pub doc: ListsTranscriptDoc,
    pub commitment: ListsCommitment,
    pub entropy: Vec<Revealed>,
    pub seed: [u8; 32],
    pub entropy_digest: Hash32,
    pub draw_seed: Hash32,
    pub lists: Vec<ListResult>,
}

fn require(field: &str, found: &str, want: &str) -> Result<(), FieldError> {
    if found == want {
        return Ok(());
    }
    Err(FieldError::typed(field, FieldKind::Version { versions: format!("{want:?}") }, quote(found)))
}

impl TryFrom<Arc<ListsCommitmentDoc>> for ListsCommitment {
    type Error = FieldError;

    fn try_from(doc: Arc<ListsCommitmentDoc>) -> Result<Self, FieldError> {
        let v5 = match doc.format.as_str() {
            COMMITMENT_V4 => false,
            COMMITMENT_V5 => true,
            other => {
                let versions = format!("{COMMITMENT_V4:?} or {COMMITMENT_V5:?}");
                return Err(FieldError::typed("commitment.format", FieldKind::Version { versions }, quote(other)));
            }
        };
        if doc.title.chars().count() > crate::model::MAX_TITLE_CHARS || doc.title.chars().any(char::is_control) {
            let kind = FieldKind::Title { max: crate::model::MAX_TITLE_CHARS };
            return Err(FieldError::typed("commitment.title", kind, quote(&doc.title)));
        }
        let created_at = crate::time::parse_utc(&doc.created_at)
            .ok_or_else(|| FieldError::typed("commitment.created_at", FieldKind::Time, quote(&doc.created_at)))?;
        let seed_commitment = parse_hex("commitment.seed_commitment", &doc.seed_commitment)?;
        let digest = parse_hex("commitment.digest", &doc.digest)?;
        // SPEC §17.2: the plan is a v3 plan (§14.1).
        if doc.entropy_plan.len() > MAX_PLAN_SOURCES {
            let kind = FieldKind::PlanSize { max: MAX_PLAN_SOURCES };
            return Err(FieldError::typed("commitment.entropy_plan", kind, doc.entropy_plan.len().to_string()));
        }
        let mut plan = Vec::with_capacity(doc.entropy_plan.len());
        let mut labels = std::collections::HashSet::new();
        for (i, p) in doc.entropy_plan.iter().enumerate() {
            let field = format!("commitment.entropy_plan[{i}]");
            let entry = v3_plan_entry(&field, p)?;
            if !labels.insert(&p.label) {
                return Err(FieldError::typed(format!("{field}.label"), FieldKind::LabelReused, quote(&entry.label)));
            }
            plan.push(entry);
        }
        if plan.is_empty() {
            return Err(FieldError::typed("commitment.entropy_plan", FieldKind::PlanEmpty, "an empty plan"));
        }
        if !(MIN_LISTS..=MAX_LISTS).contains(&doc.lists.len()) {
            return Err(FieldError::new(
                "commitment.lists",
                format!("{MIN_LISTS} to {MAX_LISTS} lists (SPEC §17.2)"),
                doc.lists.len().to_string(),
            ));
        }
        let mut names = std::collections::HashSet::new();
        let mut displays = std::collections::HashSet::new();
        let mut lists = Vec::with_capacity(doc.lists.len());
        for (i, l) in doc.lists.iter().enumerate() {
            let field = format!("commitment.lists[{i}]");
            check_label(&format!("{field}.name"), &l.name)?;
            if !names.insert(l.name.as_str()) {
                return Err(FieldError::new(
                    format!("{field}.name"),
                    "a name no other list of the commitment has (SPEC §17.2)",
                    quote(&l.name),
                ));
            }
            let display = display_of(&field, v5, l.display.as_deref())?;
            if let Some(d) = l.display.as_deref() {
                if !displays.insert(d) {
                    return Err(FieldError::new(
                        format!("{field}.display"),
                        "a display name no other list of the commitment has (SPEC §19.1)",
                        quote(d),
                    ));
                }
            }
            let rule = match (l.rule.as_str(), &l.pot, &l.companions_of) {
                ("fixed", None, None) => Rule::Fixed,
                ("pot", Some(_), None) => Rule::Pot,
                ("companions", None, Some(of)) => {
                    check_label(&format!("{field}.companions_of"), of)?;
                    Rule::Companions(of.clone())
                }
                ("fixed" | "pot" | "companions", _, _) => {
                    return Err(FieldError::new(
                        field,
                        "\"pot\" exactly with rule \"pot\" and \"companions_of\" exactly with rule \"companions\" (SPEC §17.2)",
                        format!("rule {}", quote(&l.rule)),
                    ))
                }
                (other, _, _) => {
                    return Err(FieldError::new(
                        format!("{field}.rule"),
                        "\"fixed\", \"pot\" or \"companions\" (SPEC §17.2)",
                        quote(other),
                    ))
                }
            };
            let total_weight =
                parse_decimal_u64(&format!("{field}.candidates.total_weight"), &l.candidates.total_weight)?;
            for (j, e) in l.candidates.entries.iter().enumerate() {
                if e.leaf.bytes().is_none() {
                    parse_hex_at::<32>(|| format!("{field}.candidates.entries[{j}].leaf"), &e.leaf.text())?;
                }
                if !(1..=crate::model::MAX_WEIGHT).contains(&e.weight) {
                    return Err(FieldError::typed(
                        format!("{field}.candidates.entries[{j}].weight"),
                        FieldKind::Weight { max: crate::model::MAX_WEIGHT },
                        e.weight.to_string(),
                    ));
                }
            }
            lists.push(List { name: l.name.clone(), display, rule, total_weight });
        }
        let previous = match &doc.previous {
            Some(text) => Some(parse_hex("commitment.previous", text)?),
            None => None,
        };
        Ok(ListsCommitment { doc, previous, created_at, seed_commitment, digest, plan, lists })
    }
}

impl TryFrom<ListsTranscriptDoc> for ListsTranscript {
    type Error = FieldError;

    fn try_from(doc: ListsTranscriptDoc) -> Result<Self, FieldError> {
        // SPEC §17.1, §19.1: a v4 transcript embeds a v4 commitment, a v5 one a v5.
        let want = match doc.format.as_str() {
            TRANSCRIPT_V4 => COMMITMENT_V4,
            TRANSCRIPT_V5 => COMMITMENT_V5,
            other => {
                let versions = format!("{TRANSCRIPT_V4:?} or {TRANSCRIPT_V5:?}");
                return Err(FieldError::typed("transcript.format", FieldKind::Version { versions }, quote(other)));
            }
        };
        require("transcript.commitment.format", &doc.commitment.format, want)?;
        let commitment = ListsCommitment::try_from(Arc::clone(&doc.commitment))
            .map_err(|e| FieldError { field: format!("transcript.{}", e.field), ..e })?;
        let seed = parse_hex("transcript.seed", &doc.seed)?;
        let entropy_digest = parse_hex("transcript.entropy_digest", &doc.entropy_digest)?;
        let draw_seed = parse_hex("transcript.draw_seed", &doc.draw_seed)?;
        let entropy = doc
            .entropy
            .iter()
            .map(|e| {
                let has_beacon = e.round.is_some() || e.signature.is_some() || e.previous_signature.is_some();
                let beacon = has_beacon.then(|| RevealedBeacon {
                    round: e.round,
                    signature: e.signature.clone(),
                    previous_signature: e.previous_signature.clone(),
                });
                Revealed { label: e.label.clone(), kind: e.kind.clone(), value: e.value.clone(), beacon }
            })
            .collect();
        let mut lists = Vec::with_capacity(doc.lists.len());
        for (i, l) in doc.lists.iter().enumerate() {
            let field = format!("transcript.lists[{i}]");
            let list_seed = parse_hex(&format!("{field}.list_seed"), &l.list_seed)?;
            let mut result = Vec::with_capacity(l.result.len());
            for (j, r) in l.result.iter().enumerate() {
                let at = format!("{field}.result[{j}]");
                let role = match r.role.as_str() {
                    "recipient" => Role::Recipient,
                    "reserve" => Role::Reserve,
                    other => return Err(FieldError::typed(format!("{at}.role"), FieldKind::Role, quote(other))),
                };
                let leaf = parse_hex(&format!("{at}.leaf"), &r.leaf)?;
                result.push(Pick { position: r.position, role, rank: r.rank, index: r.index, leaf, weight: r.weight });
            }
            lists.push(ListResult { name: l.name.clone(), list_seed, result });
        }
        Ok(ListsTranscript { doc, commitment, entropy, seed, entropy_digest, draw_seed, lists })
    }
}

/// SPEC §19.1–§19.2: a list's `display` member, required and well-formed in
/// v5 and an unknown member (so unusable) in v4.
fn display_of(field: &str, v5: bool, display: Option<&str>) -> Result<Option<String>, FieldError> {
    match (v5, display) {
        (false, None) => Ok(None),
        (false, Some(d)) => Err(FieldError::new(
            format!("{field}.display"),
            "no member \"display\" in a v4 list (display names are version 5, SPEC §19)",
            quote(d),
        )),
        (true, None) => Err(FieldError::new(
            format!("{field}.display"),
            "a display name in every list of a v5 commitment (SPEC §19.1)",
            "no member \"display\"",
        )),
        (true, Some(d)) => match crate::unicode::check_display(d) {
            Ok(()) => Ok(Some(d.to_string())),
            Err(e) => {
                Err(FieldError::new(format!("{field}.display"), format!("a display name (SPEC §19.2): {e}"), quote(d)))
            }
        },
    }
}

/// Whether a document is of version 4 or 5 (SPEC §17.1, §19.1), by its `format` member
/// as [`crate::parse::kind`] reads it (the one reading every command shares).
pub fn is_v4(bytes: &[u8]) -> bool {
    use crate::parse::{kind, Kind};
    matches!(kind(bytes), Kind::ListsCommitment | Kind::ListsTranscript)
}

/// SPEC §17.2: reads a v4 commitment.
pub fn parse_commitment(bytes: &[u8]) -> Result<ListsCommitment, ParseError> {
    Ok(ListsCommitment::try_from(Arc::new(json::<ListsCommitmentDoc>(bytes)?))?)
}

/// SPEC §17.5: reads a v4 transcript.
pub fn parse_transcript(bytes: &[u8]) -> Result<ListsTranscript, ParseError> {
    Ok(ListsTranscript::try_from(json::<ListsTranscriptDoc>(bytes)?)?)
}
