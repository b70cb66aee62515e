//! The amendments record (SPEC §15): substitutions after the draw, in a
//! document of its own.
//!
//! WHY a separate document: it is written after the transcript, grows over
//! weeks, and must not change a single transcript byte (SPEC §10). It names
//! its transcript by the transcript digest (SPEC §7.3), holds no names and no
//! free text — only numbers, dates and a reason from a closed set — and is
//! append-only: each version contains the previous one as its prefix.
//!
//! Version 2 of the record (SPEC §15.8) adds an optional `list` to each
//! event (a draw with several lists, §17) and an `undo` event that cancels
//! the most recent event in effect. WHY one document type for both
//! versions: a v2 record continues a v1 one event for event (`amendments-
//! prefix` compares them member for member), so both are read into the same
//! [`AmendmentsDoc`]; a v1 record is still read by the exact v1 members
//! ([`EventDocV1`]), so `list` and `undoes` stay unknown members there.
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
/// SPEC §15.8: the record with lists and undo events.
pub const AMENDMENTS_V2: &str = "potdraw/amendments/v2";
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

/// SPEC §15.2, §15.8: one event; `place` with `taken_by`, or `reserve`
/// (each with a `reason`, and in v2 optionally a `list`), or in v2 `undoes`.
/// The member order is the order the tool writes (a v1 event is written
/// byte for byte as before: `list` and `undoes` are absent from it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventDoc {
    pub seq: u64,
    pub date: String,
    #[serde(default, deserialize_with = "present_string", skip_serializing_if = "Option::is_none")]
    pub list: Option<String>,
    #[serde(default, deserialize_with = "present_u64", skip_serializing_if = "Option::is_none")]
    pub place: Option<u64>,
    #[serde(default, deserialize_with = "present_u64", skip_serializing_if = "Option::is_none")]
    pub reserve: Option<u64>,
    #[serde(default, deserialize_with = "present_string", skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, deserialize_with = "present_u64", skip_serializing_if = "Option::is_none")]
    pub taken_by: Option<u64>,
    #[serde(default, deserialize_with = "present_u64", skip_serializing_if = "Option::is_none")]
    pub undoes: Option<u64>,
}

/// SPEC §15.2: a v1 record, member for member (no `list`, no `undoes`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AmendmentsDocV1 {
    format: String,
    transcript: String,
    events: Vec<EventDocV1>,
}

/// SPEC §15.2: a v1 event exactly.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EventDocV1 {
    seq: u64,
    date: String,
    #[serde(default, deserialize_with = "present_u64")]
    place: Option<u64>,
    #[serde(default, deserialize_with = "present_u64")]
    reserve: Option<u64>,
    reason: String,
    #[serde(default, deserialize_with = "present_u64")]
    taken_by: Option<u64>,
}

impl From<AmendmentsDocV1> for AmendmentsDoc {
    fn from(d: AmendmentsDocV1) -> Self {
        let events = d
            .events
            .into_iter()
            .map(|e| EventDoc {
                seq: e.seq,
                date: e.date,
                list: None,
                place: e.place,
                reserve: e.reserve,
                reason: Some(e.reason),
                taken_by: e.taken_by,
                undoes: None,
            })
            .collect();
        AmendmentsDoc { format: d.format, transcript: d.transcript, events }
    }
}

/// Only the `format` member, to choose the version's members.
#[derive(Deserialize)]
struct FormatOnly {
    format: String,
}

/// An optional string member that, when present, is a string (never `null`).
fn present_string<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    String::deserialize(d).map(Some)
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

/// What an event does (SPEC §15.3, §15.8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// The holder of `place` leaves it; reserve `taken_by` takes it (0: nobody is left).
    Vacate { place: u64, taken_by: u64 },
    /// Reserve `reserve` of the transcript is passed over.
    Skip { reserve: u64 },
    /// SPEC §15.8 (v2 only): cancels the event in effect whose `seq` is `undoes`.
    Undo { undoes: u64 },
}

/// A well-formed event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub seq: u64,
    /// `YYYY-MM-DD`, a real date (checked).
    pub date: String,
    /// The reason of a vacate or skip event; `None` exactly for an undo.
    pub reason: Option<Reason>,
    pub action: Action,
    /// SPEC §15.8: the list a vacate or skip event names (v2 only; a name
    /// in the syntax of §17.2, checked).
    pub list: Option<String>,
}

/// The version of a record (SPEC §15.2, §15.8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    V1,
    V2,
}

/// A well-formed record (not yet checked against a transcript).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amendments {
    pub doc: AmendmentsDoc,
    pub transcript: Hash32,
    pub events: Vec<Event>,
    pub version: Version,
}

impl Amendments {
    /// How many undo events the record holds (SPEC §15.8: each undoes one event).
    pub fn undos(&self) -> usize {
        self.events.iter().filter(|e| matches!(e.action, Action::Undo { .. })).count()
    }
}

/// SPEC §15.2: `YYYY-MM-DD`, a real Gregorian date, year 1970–9999.
pub fn valid_date(text: &str) -> bool {
    text.len() == 10 && crate::time::parse_utc(&format!("{text}T00:00:00Z")).is_some()
}

impl TryFrom<AmendmentsDoc> for Amendments {
    type Error = FieldError;

    fn try_from(doc: AmendmentsDoc) -> Result<Self, FieldError> {
        let version = match doc.format.as_str() {
            AMENDMENTS_V1 => Version::V1,
            AMENDMENTS_V2 => Version::V2,
            _ => {
                return Err(FieldError::typed(
                    "amendments.format",
                    FieldKind::Version { versions: format!("{AMENDMENTS_V1:?} or {AMENDMENTS_V2:?}") },
                    quote(&doc.format),
                ))
            }
        };
        let transcript = parse_hex("amendments.transcript", &doc.transcript)?;
        let mut events = Vec::with_capacity(doc.events.len());
        for (i, e) in doc.events.iter().enumerate() {
            events.push(event(version, i, e)?);
        }
        Ok(Amendments { doc, transcript, events, version })
    }
}

/// SPEC §15.2, §15.8: one event's members, exactly.
fn event(version: Version, i: usize, e: &EventDoc) -> Result<Event, FieldError> {
    let field = |m: &str| format!("amendments.events[{i}]{m}");
    if !valid_date(&e.date) {
        return Err(FieldError::typed(field(".date"), FieldKind::Date, quote(&e.date)));
    }
    let members = || {
        let present: Vec<&str> = [
            ("list", e.list.is_some()),
            ("place", e.place.is_some()),
            ("reserve", e.reserve.is_some()),
            ("reason", e.reason.is_some()),
            ("taken_by", e.taken_by.is_some()),
            ("undoes", e.undoes.is_some()),
        ]
        .into_iter()
        .filter_map(|(n, p)| p.then_some(n))
        .collect();
        let found = if present.is_empty() { "none of them".to_string() } else { present.join(", ") };
        let kind = if version == Version::V1 { FieldKind::EventMembers } else { FieldKind::EventMembersV2 };
        FieldError::typed(field(""), kind, found)
    };
    if let Some(undoes) = e.undoes {
        // SPEC §15.8: an undo has exactly seq, date and undoes (v2 only; a v1
        // document never reaches here with `undoes`, see [`parse`]).
        let only = e.list.is_none() && e.place.is_none() && e.reserve.is_none();
        if version == Version::V1 || !only || e.reason.is_some() || e.taken_by.is_some() {
            return Err(members());
        }
        return Ok(Event {
            seq: e.seq,
            date: e.date.clone(),
            reason: None,
            action: Action::Undo { undoes },
            list: None,
        });
    }
    let Some(reason_text) = &e.reason else { return Err(members()) };
    let reason = Reason::from_name(reason_text)
        .ok_or_else(|| FieldError::typed(field(".reason"), FieldKind::Reason, quote(reason_text)))?;
    let action = match (e.place, e.taken_by, e.reserve) {
        (Some(place), Some(taken_by), None) => Action::Vacate { place, taken_by },
        (None, None, Some(reserve)) => Action::Skip { reserve },
        _ => return Err(members()),
    };
    if let Some(list) = &e.list {
        if version == Version::V1 {
            return Err(members());
        }
        // SPEC §15.8: `list` is a name in the syntax of §17.2 (the label rule of §5.1).
        crate::entropy::check_label(&field(".list"), list)?;
    }
    Ok(Event { seq: e.seq, date: e.date.clone(), reason: Some(reason), action, list: e.list.clone() })
}

/// Reads a record from bytes: JSON syntax (§2.3.1), then §15.2.
/// A record whose `format` is not `potdraw/amendments/v2` is read by the
/// v1 members exactly, as before v2 existed (SPEC §15.2: `list` and
/// `undoes` are unknown members there, and every message is unchanged).
pub fn parse(bytes: &[u8]) -> Result<Amendments, ParseError> {
    let v2 = crate::parse::json::<FormatOnly>(bytes).is_ok_and(|f| f.format == AMENDMENTS_V2);
    let doc = if v2 {
        crate::parse::json::<AmendmentsDoc>(bytes)?
    } else {
        AmendmentsDoc::from(crate::parse::json::<AmendmentsDocV1>(bytes)?)
    };
    Ok(Amendments::try_from(doc)?)
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

    /// A v2 record with no events (SPEC §15.8: what the tool writes for a v4 transcript).
    pub fn new_v2(transcript: &Hash32) -> Self {
        AmendmentsDoc { format: AMENDMENTS_V2.to_string(), ..AmendmentsDoc::new(transcript) }
    }

    /// The same events under `potdraw/amendments/v2` (SPEC §15.8: a v1
    /// record continued as v2 keeps its events as they were).
    pub fn into_v2(self) -> Self {
        AmendmentsDoc { format: AMENDMENTS_V2.to_string(), ..self }
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
            list: None,
            place: Some(place),
            reserve: None,
            reason: Some(reason.name().to_string()),
            taken_by: Some(taken_by),
            undoes: None,
        }
    }

    pub fn skip(seq: u64, date: &str, reserve: u64, reason: Reason) -> Self {
        EventDoc {
            seq,
            date: date.to_string(),
            list: None,
            place: None,
            reserve: Some(reserve),
            reason: Some(reason.name().to_string()),
            taken_by: None,
            undoes: None,
        }
    }

    /// SPEC §15.8: an undo of the event whose `seq` is `undoes`.
    pub fn undo(seq: u64, date: &str, undoes: u64) -> Self {
        EventDoc {
            seq,
            date: date.to_string(),
            list: None,
            place: None,
            reserve: None,
            reason: None,
            taken_by: None,
            undoes: Some(undoes),
        }
    }

    /// The same event naming `list` (SPEC §15.8).
    pub fn in_list(self, list: &str) -> Self {
        EventDoc { list: Some(list.to_string()), ..self }
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
        assert_eq!(a.events[1].reason, Some(Reason::NotEligible));
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
        let other = record("").replace("amendments/v1", "amendments/v3");
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

    fn record_v2(events: &str) -> String {
        record(events).replace("amendments/v1", "amendments/v2")
    }

    /// SPEC §15.8: the three kinds of a v2 event, `list` optional.
    #[test]
    fn reads_v2_events_of_each_kind() {
        let a = parse(
            record_v2(
                r#"{"seq":1,"date":"2026-12-15","list":"noord","place":2,"reason":"declined","taken_by":1},
                   {"seq":2,"date":"2026-12-15","place":2,"reason":"declined","taken_by":2},
                   {"seq":3,"date":"2026-12-16","undoes":2},
                   {"seq":4,"date":"2026-12-18","list":"reisgenoten","reserve":1,"reason":"unreachable"}"#,
            )
            .as_bytes(),
        )
        .unwrap();
        assert_eq!(a.version, Version::V2);
        assert_eq!(a.events[0].list.as_deref(), Some("noord"));
        assert_eq!(a.events[1].list, None);
        assert_eq!(a.events[2].action, Action::Undo { undoes: 2 });
        assert_eq!(a.events[2].reason, None);
        assert_eq!(a.events[3].action, Action::Skip { reserve: 1 });
        assert_eq!(a.undos(), 1);
    }

    /// SPEC §15.8: any other combination, `null` or an unknown member is unusable.
    #[test]
    fn refuses_each_v2_syntax_violation() {
        let field_errors = [
            r#"{"seq":1,"date":"2026-12-16","undoes":2,"reason":"declined"}"#,
            r#"{"seq":1,"date":"2026-12-16","undoes":2,"list":"noord"}"#,
            r#"{"seq":1,"date":"2026-12-16","undoes":2,"place":1,"taken_by":1}"#,
            r#"{"seq":1,"date":"2026-12-16","list":"noord","place":1,"taken_by":1}"#,
            r#"{"seq":1,"date":"2026-12-16"}"#,
        ];
        for event in field_errors {
            match parse(record_v2(event).as_bytes()) {
                Err(ParseError::Field(e)) => {
                    assert_eq!(e.field, "amendments.events[0]", "{event}");
                    assert_eq!(e.kind, FieldKind::EventMembersV2, "{event}");
                }
                other => panic!("{event}: {other:?}"),
            }
        }
        for (list, ok) in [("noord", true), ("Noord", false), ("noord ", false), ("", false), ("-a", false)] {
            let event = format!(r#"{{"seq":1,"date":"2026-12-16","list":"{list}","reserve":1,"reason":"declined"}}"#);
            match parse(record_v2(&event).as_bytes()) {
                Ok(_) => assert!(ok, "{list:?}"),
                Err(ParseError::Field(e)) => assert!(!ok && e.field == "amendments.events[0].list", "{list:?}: {e:?}"),
                Err(e) => panic!("{list:?}: {e:?}"),
            }
        }
        for bad in [
            r#"{"seq":1,"date":"2026-12-16","undoes":null}"#,
            r#"{"seq":1,"date":"2026-12-16","undoes":-1}"#,
            r#"{"seq":1,"date":"2026-12-16","undoes":2,"why":"typo"}"#,
            r#"{"seq":1,"date":"2026-12-16","list":null,"reserve":1,"reason":"declined"}"#,
        ] {
            assert!(matches!(parse(record_v2(bad).as_bytes()), Err(ParseError::Json { .. })), "{bad}");
        }
    }

    /// SPEC §15.2: in a v1 record `list` and `undoes` are unknown members,
    /// refused by the JSON layer exactly as any other unknown member.
    #[test]
    fn a_v1_record_still_refuses_list_and_undoes_as_unknown_members() {
        for (event, member) in [
            (r#"{"seq":1,"date":"2026-12-16","list":"noord","reserve":1,"reason":"declined"}"#, "list"),
            (r#"{"seq":1,"date":"2026-12-16","undoes":1}"#, "undoes"),
        ] {
            match parse(record(event).as_bytes()) {
                Err(ParseError::Json { message, .. }) => {
                    assert!(message.starts_with(&format!("unknown field `{member}`")), "{message}");
                    assert!(!message.contains("undoes") || member == "undoes", "{message}");
                }
                other => panic!("{event}: {other:?}"),
            }
        }
    }

    /// SPEC §15.8: a v1 record and the same events as v2 differ only in
    /// `format`; the v1 bytes the tool writes have no `list` or `undoes`.
    #[test]
    fn v1_and_v2_documents_differ_only_in_format() {
        let v1 =
            parse(record(r#"{"seq":1,"date":"2026-12-14","place":3,"reason":"declined","taken_by":1}"#).as_bytes())
                .unwrap();
        let v2 = v1.doc.clone().into_v2();
        let (a, b) = (v1.doc.to_pretty(), v2.to_pretty());
        assert_eq!(a.replace("amendments/v1", "amendments/v2"), b);
        assert!(!a.contains("list") && !a.contains("undoes"), "{a}");
        assert_eq!(parse(b.as_bytes()).unwrap().events, v1.events);
        let mut undo = v2;
        undo.events.push(EventDoc::undo(2, "2026-12-15", 1));
        assert!(undo.to_pretty().contains("\"undoes\": 1"));
        assert_eq!(parse(undo.to_pretty().as_bytes()).unwrap().events[1].action, Action::Undo { undoes: 1 });
    }
}
