//! The amendments record (SPEC §15): substitutions after the draw, in a
//! document of its own.
//!
//! WHY a separate document: it is written after the transcript, grows over
//! weeks, and must not change a single transcript byte (SPEC §10). It names
//! its transcript by the transcript digest (SPEC §7.3), holds no names and no
//! free text — only numbers, dates and a reason from a closed set — and is
//! append-only: each version contains the previous one as its prefix.
//!
//! This module is the document layer, as `wire.rs` and `model.rs` are for the
//! transcript: [`AmendmentsDoc`] mirrors the bytes, [`Amendments`] is the
//! same document after its syntax (SPEC §15.2) has been checked. Whether a
//! well-formed record follows the rules is decided by [`crate::succession`]
//! and the named checks of the verify crate.

use crate::error::{quote, FieldError, FieldKind};
use crate::hash::{self, Hash32};
use crate::jcs::JcsError;
use crate::model::parse_hex;
use crate::parse::ParseError;
use serde::{Deserialize, Serialize};

/// SPEC §15: the format identifier of the record.
pub const AMENDMENTS_V1: &str = "potdraw/amendments/v1";
/// SPEC §3.2, §15.2: the tag of the amendments digest.
pub const TAG: &str = "potdraw/v1/amendments";

/// SPEC §15.2: the record, member for member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AmendmentsDoc {
    pub format: String,
    /// The transcript digest (SPEC §7.3), 64 lowercase hex characters.
    pub transcript: String,
    pub events: Vec<EventDoc>,
}

/// SPEC §15.2: one event; `place` with `taken_by`, or `reserve`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventDoc {
    pub seq: u64,
    pub date: String,
    #[serde(default, deserialize_with = "present_u64", skip_serializing_if = "Option::is_none")]
    pub place: Option<u64>,
    #[serde(default, deserialize_with = "present_u64", skip_serializing_if = "Option::is_none")]
    pub reserve: Option<u64>,
    pub reason: String,
    #[serde(default, deserialize_with = "present_u64", skip_serializing_if = "Option::is_none")]
    pub taken_by: Option<u64>,
}

/// An optional integer member that, when present, is an integer (never `null`).
fn present_u64<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    u64::deserialize(d).map(Some)
}

/// SPEC §15.2: the closed set of reasons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reason {
    Declined,
    Unreachable,
    NotEligible,
}

impl Reason {
    pub const ALL: [Reason; 3] = [Reason::Declined, Reason::Unreachable, Reason::NotEligible];

    /// The stable name written in the record.
    pub fn name(self) -> &'static str {
        match self {
            Reason::Declined => "declined",
            Reason::Unreachable => "unreachable",
            Reason::NotEligible => "not-eligible",
        }
    }

    pub fn from_name(name: &str) -> Option<Reason> {
        Reason::ALL.into_iter().find(|r| r.name() == name)
    }
}

/// What an event does (SPEC §15.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// The holder of `place` leaves it; reserve `taken_by` takes it (0: nobody is left).
    Vacate { place: u64, taken_by: u64 },
    /// Reserve `reserve` of the transcript is passed over.
    Skip { reserve: u64 },
}

/// A well-formed event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub seq: u64,
    /// `YYYY-MM-DD`, a real date (checked).
    pub date: String,
    pub reason: Reason,
    pub action: Action,
}

/// A well-formed record (not yet checked against a transcript).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amendments {
    pub doc: AmendmentsDoc,
    pub transcript: Hash32,
    pub events: Vec<Event>,
}

/// SPEC §15.2: `YYYY-MM-DD`, a real Gregorian date, year 1970–9999.
pub fn valid_date(text: &str) -> bool {
    text.len() == 10 && crate::time::parse_utc(&format!("{text}T00:00:00Z")).is_some()
}

impl TryFrom<AmendmentsDoc> for Amendments {
    type Error = FieldError;

    fn try_from(doc: AmendmentsDoc) -> Result<Self, FieldError> {
        if doc.format != AMENDMENTS_V1 {
            return Err(FieldError::typed(
                "amendments.format",
                FieldKind::Version { versions: format!("{AMENDMENTS_V1:?}") },
                quote(&doc.format),
            ));
        }
        let transcript = parse_hex("amendments.transcript", &doc.transcript)?;
        let mut events = Vec::with_capacity(doc.events.len());
        for (i, e) in doc.events.iter().enumerate() {
            let field = |m: &str| format!("amendments.events[{i}]{m}");
            if !valid_date(&e.date) {
                return Err(FieldError::typed(field(".date"), FieldKind::Date, quote(&e.date)));
            }
            let reason = Reason::from_name(&e.reason)
                .ok_or_else(|| FieldError::typed(field(".reason"), FieldKind::Reason, quote(&e.reason)))?;
            let action = match (e.place, e.taken_by, e.reserve) {
                (Some(place), Some(taken_by), None) => Action::Vacate { place, taken_by },
                (None, None, Some(reserve)) => Action::Skip { reserve },
                _ => {
                    let present: Vec<&str> = [("place", e.place), ("taken_by", e.taken_by), ("reserve", e.reserve)]
                        .into_iter()
                        .filter_map(|(n, v)| v.map(|_| n))
                        .collect();
                    let found = if present.is_empty() { "none of them".to_string() } else { present.join(", ") };
                    return Err(FieldError::typed(field(""), FieldKind::EventMembers, found));
                }
            };
            events.push(Event { seq: e.seq, date: e.date.clone(), reason, action });
        }
        Ok(Amendments { doc, transcript, events })
    }
}

/// Reads a record from bytes: JSON syntax (§2.3.1), then §15.2.
pub fn parse(bytes: &[u8]) -> Result<Amendments, ParseError> {
    Ok(Amendments::try_from(crate::parse::json::<AmendmentsDoc>(bytes)?)?)
}

/// SPEC §15.2: H("potdraw/v1/amendments", JCS(record)).
pub fn digest(doc: &AmendmentsDoc) -> Result<Hash32, JcsError> {
    Ok(hash::h(TAG, &[&crate::canon::to_canonical(doc)?]))
}

impl AmendmentsDoc {
    /// A record with no events for the transcript of this digest.
    pub fn new(transcript: &Hash32) -> Self {
        AmendmentsDoc { format: AMENDMENTS_V1.to_string(), transcript: hex::encode(transcript), events: Vec::new() }
    }

    /// The file's bytes as the reference tool writes them: pretty-printed,
    /// members in a reading order, one LF at the end (only JCS is hashed).
    pub fn to_pretty(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("wire types always serialise");
        s.push('\n');
        s
    }
}

impl EventDoc {
    pub fn vacate(seq: u64, date: &str, place: u64, reason: Reason, taken_by: u64) -> Self {
        EventDoc {
            seq,
            date: date.to_string(),
            place: Some(place),
            reserve: None,
            reason: reason.name().to_string(),
            taken_by: Some(taken_by),
        }
    }

    pub fn skip(seq: u64, date: &str, reserve: u64, reason: Reason) -> Self {
        EventDoc {
            seq,
            date: date.to_string(),
            place: None,
            reserve: Some(reserve),
            reason: reason.name().to_string(),
            taken_by: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: &str = "7b2bea58e0cb1dba5f35f7b97f9d978345c8db011efa5c2abf307db9bb2eb8a1";

    fn record(events: &str) -> String {
        format!(r#"{{"format":"potdraw/amendments/v1","transcript":"{T}","events":[{events}]}}"#)
    }

    #[test]
    fn reads_both_kinds_of_event() {
        let a = parse(
            record(
                r#"{"seq":1,"date":"2026-12-14","place":3,"reason":"declined","taken_by":1},
                   {"seq":2,"date":"2026-12-20","reserve":2,"reason":"not-eligible"}"#,
            )
            .as_bytes(),
        )
        .unwrap();
        assert_eq!(a.events[0].action, Action::Vacate { place: 3, taken_by: 1 });
        assert_eq!(a.events[1].action, Action::Skip { reserve: 2 });
        assert_eq!(a.events[1].reason, Reason::NotEligible);
        assert_eq!(hex::encode(a.transcript), T);
    }

    /// SPEC §15.2: every syntax rule makes the record unusable, naming the field.
    #[test]
    fn refuses_each_syntax_violation_naming_the_field() {
        let cases = [
            (r#"{"seq":1,"date":"2026-12-14","place":3,"reason":"moved","taken_by":1}"#, "amendments.events[0].reason"),
            (
                r#"{"seq":1,"date":"2026-02-30","place":3,"reason":"declined","taken_by":1}"#,
                "amendments.events[0].date",
            ),
            (r#"{"seq":1,"date":"2026-12-1","place":3,"reason":"declined","taken_by":1}"#, "amendments.events[0].date"),
            (r#"{"seq":1,"date":"2026-12-14","place":3,"reason":"declined"}"#, "amendments.events[0]"),
            (r#"{"seq":1,"date":"2026-12-14","reserve":3,"reason":"declined","taken_by":1}"#, "amendments.events[0]"),
            (
                r#"{"seq":1,"date":"2026-12-14","place":3,"reserve":1,"reason":"declined","taken_by":1}"#,
                "amendments.events[0]",
            ),
        ];
        for (event, field) in cases {
            match parse(record(event).as_bytes()) {
                Err(ParseError::Field(e)) => assert_eq!(e.field, field, "{event}"),
                other => panic!("{event}: {other:?}"),
            }
        }
        for bad in [
            record(r#"{"seq":1,"date":"2026-12-14","place":3,"reason":"declined","taken_by":1,"name":"x"}"#),
            record(r#"{"seq":1,"date":"2026-12-14","place":null,"reason":"declined","taken_by":1}"#),
            record(r#"{"seq":-1,"date":"2026-12-14","place":3,"reason":"declined","taken_by":1}"#),
        ] {
            assert!(matches!(parse(bad.as_bytes()), Err(ParseError::Json { .. })), "{bad}");
        }
        let other = record("").replace("amendments/v1", "amendments/v2");
        assert!(matches!(parse(other.as_bytes()), Err(ParseError::Field(e)) if e.field == "amendments.format"));
        let short = record("").replace(T, "7b2b");
        assert!(matches!(parse(short.as_bytes()), Err(ParseError::Field(e)) if e.field == "amendments.transcript"));
    }

    /// The digest covers the canonical form only: whitespace and member order do not change it.
    #[test]
    fn digest_is_of_the_canonical_form() {
        let a = parse(record(r#"{"seq":1,"date":"2026-12-14","place":3,"reason":"declined","taken_by":1}"#).as_bytes())
            .unwrap();
        let pretty = parse(a.doc.to_pretty().as_bytes()).unwrap();
        assert_eq!(digest(&a.doc).unwrap(), digest(&pretty.doc).unwrap());
        let canonical = crate::canon::to_canonical(&a.doc).unwrap();
        assert_eq!(digest(&a.doc).unwrap(), hash::h(TAG, &[&canonical]));
        assert!(String::from_utf8(canonical).unwrap().starts_with(r#"{"events":[{"date":"2026-12-14","place":3,"#));
        let mut changed = a.doc.clone();
        changed.events[0].taken_by = Some(2);
        assert_ne!(digest(&a.doc).unwrap(), digest(&changed).unwrap());
    }
}
