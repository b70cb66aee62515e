//! The published JSON documents, field for field (SPEC §7).
//!
//! These types mirror the bytes on disk and nothing more: every field is
//! required, unknown fields and duplicate fields are refused by serde, and
//! numbers are unsigned integers (a float or a negative number fails to
//! parse). Hex strings and other syntax are validated when converting to the
//! domain types in [`crate::model`]. Because nothing is dropped or defaulted,
//! re-serialising a parsed document gives the same RFC 8785 bytes as the
//! document that was read, which is what the commitment digest covers.

pub use crate::entries::{Entries, EntryDoc, Leaf};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// SPEC §7.1 format identifiers. A new layout or algorithm gets a new identifier.
pub const COMMITMENT_V1: &str = "potdraw/commitment/v1";
pub const TRANSCRIPT_V1: &str = "potdraw/transcript/v1";
pub const RECEIPT_V1: &str = "potdraw/receipt/v1";
/// SPEC §13.5: v1 plus the `drand` entropy kind. Every v1 rule holds unchanged.
pub const COMMITMENT_V2: &str = "potdraw/commitment/v2";
pub const TRANSCRIPT_V2: &str = "potdraw/transcript/v2";
/// SPEC §14: v2 with the `numbers` kind instead of `text`, and an optional
/// `previous` member (the organiser's chain).
pub const COMMITMENT_V3: &str = "potdraw/commitment/v3";
pub const TRANSCRIPT_V3: &str = "potdraw/transcript/v3";
/// SPEC §12: the RFC 3797 method. Receipts are the same as in v1.
pub const COMMITMENT_RFC3797: &str = "potdraw/commitment/rfc3797-v1";
pub const TRANSCRIPT_RFC3797: &str = "potdraw/transcript/rfc3797-v1";
/// SPEC §12.9: the RFC 3797 method with counted numbers in one canonical form.
pub const COMMITMENT_RFC3797_V2: &str = "potdraw/commitment/rfc3797-v2";
pub const TRANSCRIPT_RFC3797_V2: &str = "potdraw/transcript/rfc3797-v2";

/// SPEC §12.2, §12.9: whether a commitment format is the RFC 3797 method's
/// (its digests use the method's own tags).
pub fn is_rfc3797_commitment(format: &str) -> bool {
    format == COMMITMENT_RFC3797 || format == COMMITMENT_RFC3797_V2
}

/// SPEC §12.2, §12.9: whether a transcript format is the RFC 3797 method's.
pub fn is_rfc3797_transcript(format: &str) -> bool {
    format == TRANSCRIPT_RFC3797 || format == TRANSCRIPT_RFC3797_V2
}

/// SPEC §7.2: the commitment, published before the draw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommitmentDoc {
    pub format: String,
    pub title: String,
    pub created_at: String,
    pub pot: PotDoc,
    pub recipients: u64,
    pub reserves: u64,
    /// Present exactly in v1 (SPEC §7.2); absent in rfc3797-v1 (SPEC §12.2).
    #[serde(default, deserialize_with = "present_string", skip_serializing_if = "Option::is_none")]
    pub seed_commitment: Option<String>,
    pub entropy_plan: Vec<PlanEntryDoc>,
    pub candidates: CandidatesDoc,
    /// v3 only, optional (SPEC §14.3): the digest of the organiser's previous commitment.
    #[serde(default, deserialize_with = "present_string", skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
    /// H("potdraw/v1/commitment", JCS(every other member)); SPEC §4.5.
    pub digest: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PotDoc {
    pub amount_cents: u64,
    pub grant_monthly_cents: u64,
    pub grant_months: u64,
    pub grant_cents: u64,
    pub min_recipients: u64,
    pub max_recipients: u64,
    pub surplus_cents: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanEntryDoc {
    pub label: String,
    pub kind: String,
    /// Number of dice, present exactly when kind is "dice".
    #[serde(default, deserialize_with = "present_u64", skip_serializing_if = "Option::is_none")]
    pub dice: Option<u64>,
    /// Sides of each die (6 or 10), present exactly when kind is "dice".
    #[serde(default, deserialize_with = "present_u64", skip_serializing_if = "Option::is_none")]
    pub faces: Option<u64>,
    /// v3 only (SPEC §14.1): how many numbers, present exactly when kind is "numbers".
    #[serde(default, deserialize_with = "present_u64", skip_serializing_if = "Option::is_none")]
    pub count: Option<u64>,
    /// v2 only (SPEC §13.5): the drand round, present exactly when kind is "drand".
    #[serde(default, deserialize_with = "present_u64", skip_serializing_if = "Option::is_none")]
    pub round: Option<u64>,
    /// v2 only (SPEC §13.5): the drand chain, present exactly when kind is "drand".
    #[serde(default, deserialize_with = "present_chain", skip_serializing_if = "Option::is_none")]
    pub chain: Option<DrandChainDoc>,
}

/// SPEC §13.5: everything needed to verify a drand chain's rounds offline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DrandChainDoc {
    pub beacon_id: String,
    pub hash: String,
    pub scheme: String,
    pub public_key: String,
    pub genesis_time: u64,
    pub period: u64,
    pub group_hash: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CandidatesDoc {
    pub count: u64,
    /// Decimal string: the total may exceed 2^53 (SPEC §2.3).
    pub total_weight: String,
    pub entries: Entries,
}

/// SPEC §7.3: the transcript, published after the draw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TranscriptDoc {
    pub format: String,
    /// Shared with the [`crate::model::Commitment`] made from it: a million
    /// entries are held once.
    pub commitment: Arc<CommitmentDoc>,
    /// `seed`, `entropy_digest` and `draw_seed` are present exactly in v1
    /// (SPEC §7.3); `key` exactly in rfc3797-v1 (SPEC §12.2).
    #[serde(default, deserialize_with = "present_string", skip_serializing_if = "Option::is_none")]
    pub seed: Option<String>,
    pub entropy: Vec<EntropyValueDoc>,
    #[serde(default, deserialize_with = "present_string", skip_serializing_if = "Option::is_none")]
    pub entropy_digest: Option<String>,
    #[serde(default, deserialize_with = "present_string", skip_serializing_if = "Option::is_none")]
    pub draw_seed: Option<String>,
    #[serde(default, deserialize_with = "present_string", skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    pub result: Vec<ResultEntryDoc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntropyValueDoc {
    pub label: String,
    pub kind: String,
    pub value: String,
    /// v2 only (SPEC §13.5), for kind "drand": the round, its signature and,
    /// for a chained scheme, the previous round's signature.
    #[serde(default, deserialize_with = "present_u64", skip_serializing_if = "Option::is_none")]
    pub round: Option<u64>,
    #[serde(default, deserialize_with = "present_string", skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
    #[serde(default, deserialize_with = "present_string", skip_serializing_if = "Option::is_none")]
    pub previous_signature: Option<String>,
}

impl EntropyValueDoc {
    /// A revealed value without drand members (every kind but "drand").
    pub fn plain(label: impl Into<String>, kind: impl Into<String>, value: impl Into<String>) -> Self {
        EntropyValueDoc {
            label: label.into(),
            kind: kind.into(),
            value: value.into(),
            round: None,
            signature: None,
            previous_signature: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultEntryDoc {
    pub position: u64,
    pub role: String,
    pub rank: u64,
    pub index: u64,
    pub leaf: String,
    pub weight: u64,
}

/// SPEC §7.4: one candidate's private receipt (one JSON object per line in receipts.jsonl).
/// `Debug` hides the salt and the code: with them anyone can find the ticket.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReceiptDoc {
    pub format: String,
    /// `potdraw/receipt/v2` only (SPEC §17.8): the name of the entry's list.
    /// Absent from v1 receipts, whose bytes stay as they were.
    #[serde(default, deserialize_with = "present_string", skip_serializing_if = "Option::is_none")]
    pub list: Option<String>,
    pub commitment_digest: String,
    pub title: String,
    pub id: String,
    pub salt: String,
    pub leaf: String,
    pub weight: u64,
    pub code: String,
    pub line: u64,
    pub columns: Columns,
}

/// SPEC §7.4: a receipt's `columns`, the other columns of the list by
/// header name: a flat object of strings, in the list's column order.
///
/// WHY not a JSON map: a map takes the last of two members with one name,
/// and any value — `null`, a float, a negative number, an object nested a
/// hundred levels. A receipt is a document like the others (SPEC §2.3.1):
/// each name once, and here every value a string.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Columns(pub Vec<(String, String)>);

impl Columns {
    /// The value of the column `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

impl Serialize for Columns {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Columns {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Columns;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object of strings")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Columns, A::Error> {
                use serde::de::Error;
                let mut out: Vec<(String, String)> = Vec::new();
                // Names seen, in a set: a receipt with many columns costs no quadratic search.
                let mut seen = std::collections::HashSet::new();
                while let Some(name) = map.next_key::<String>()? {
                    // Read as any value (nesting stays bounded by the parser's
                    // depth limit), then refused unless it is a string.
                    let value = match map.next_value::<serde_json::Value>()? {
                        serde_json::Value::String(v) => v,
                        other => {
                            // The JSON as written, shortened; its backticks would end the quotation.
                            let json = other.to_string().replace('`', "'");
                            let text = match json.char_indices().nth(40) {
                                Some((cut, _)) => format!("{}…", &json[..cut]),
                                None => json,
                            };
                            return Err(A::Error::custom(format!("receipt column `{name}` holds `{text}`")));
                        }
                    };
                    // The message serde gives a duplicate member of a struct.
                    if !seen.insert(name.clone()) {
                        return Err(A::Error::custom(format!("duplicate field `{name}`")));
                    }
                    out.push((name, value));
                }
                Ok(Columns(out))
            }
        }
        d.deserialize_map(Visit)
    }
}

impl std::fmt::Debug for ReceiptDoc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReceiptDoc")
            .field("format", &self.format)
            .field("list", &self.list)
            .field("commitment_digest", &self.commitment_digest)
            .field("title", &self.title)
            .field("id", &self.id)
            .field("salt", &"<secret>")
            .field("leaf", &self.leaf)
            .field("weight", &self.weight)
            .field("code", &"<secret>")
            .field("line", &self.line)
            .field("columns", &self.columns)
            .finish()
    }
}

/// An optional member that, when present, must be a string (never `null`).
pub(crate) fn present_string<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    String::deserialize(d).map(Some)
}

/// An optional object member that, when present, must be the object (never `null`).
fn present_chain<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<DrandChainDoc>, D::Error> {
    DrandChainDoc::deserialize(d).map(Some)
}

/// An optional member that, when present, must be an integer (never `null`),
/// so that parsing and re-serialising cannot change the canonical bytes.
fn present_u64<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    u64::deserialize(d).map(Some)
}

impl TranscriptDoc {
    /// The embedded commitment, to change (a copy first if it is shared).
    pub fn commitment_mut(&mut self) -> &mut CommitmentDoc {
        Arc::make_mut(&mut self.commitment)
    }
}

impl CommitmentDoc {
    /// SPEC §4.5: the commitment body is the document without its `digest` member.
    pub fn body_value(&self) -> serde_json::Value {
        let mut v = serde_json::to_value(self).expect("wire types always serialise");
        if let serde_json::Value::Object(map) = &mut v {
            map.remove("digest");
        }
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = r#"{"label":"room","kind":"dice","dice":20,"faces":6}"#;

    #[test]
    fn plan_entry_round_trips_and_refuses_null() {
        let p: PlanEntryDoc = serde_json::from_str(PLAN).unwrap();
        assert_eq!(p.dice, Some(20));
        assert_eq!(serde_json::to_string(&p).unwrap(), PLAN);
        let t: PlanEntryDoc = serde_json::from_str(r#"{"label":"l","kind":"text"}"#).unwrap();
        assert_eq!(serde_json::to_string(&t).unwrap(), r#"{"label":"l","kind":"text"}"#);
        assert!(serde_json::from_str::<PlanEntryDoc>(r#"{"label":"l","kind":"text","dice":null}"#).is_err());
    }

    /// The published example's digest is H(tag, JCS(body)) of its body (SPEC §4.5).
    #[test]
    fn body_is_the_document_without_its_digest() {
        let doc: CommitmentDoc =
            serde_json::from_str(include_str!("../../../fixtures/example/commitment.json")).unwrap();
        let body = doc.body_value();
        assert!(body.get("digest").is_none() && body.get("candidates").is_some());
        assert_eq!(hex::encode(crate::commit::digest_of(&doc).unwrap()), doc.digest);
    }

    /// A receipt's Debug names its ticket but hides the salt and the code.
    #[test]
    fn receipt_debug_hides_the_secrets() {
        let doc = ReceiptDoc {
            format: RECEIPT_V1.into(),
            list: None,
            commitment_digest: "cd".into(),
            title: "Pot".into(),
            id: "A-1".into(),
            salt: "5a175a175a175a175a175a175a175a17".into(),
            leaf: "1eaf".into(),
            weight: 2,
            code: "C0DE-SECRET".into(),
            line: 7,
            columns: Columns::default(),
        };
        let debug = format!("{doc:?}");
        assert!(debug.starts_with("ReceiptDoc {") && debug.contains("\"A-1\"") && debug.contains("1eaf"), "{debug}");
        assert_eq!(debug.matches("<secret>").count(), 2, "{debug}");
        assert!(!debug.contains("5a17") && !debug.contains("C0DE"), "{debug}");
    }

    #[test]
    fn refuses_unknown_duplicate_float_and_negative() {
        let ok = r#"{"leaf":"aa","weight":1}"#;
        assert!(serde_json::from_str::<EntryDoc>(ok).is_ok());
        for bad in [
            r#"{"leaf":"aa","weight":1,"x":1}"#,
            r#"{"leaf":"aa","weight":1,"weight":2}"#,
            r#"{"leaf":"aa","weight":1.0}"#,
            r#"{"leaf":"aa","weight":-1}"#,
            r#"{"leaf":"aa"}"#,
            r#"{"leaf":"aa","weight":18446744073709551616}"#,
        ] {
            assert!(serde_json::from_str::<EntryDoc>(bad).is_err(), "accepted {bad}");
        }
    }
}
