//! Plan entries (SPEC §5.1, §12.2, §12.9, §13.5, §14.1): each version's
//! source kinds and their members, read from the document into the domain's
//! [`PlanEntry`]. Kept apart from model.rs because every format version adds
//! a rule here, and the rules of one version must be read side by side.

use crate::entropy::{
    check_label, drand_public_key_len, DrandSource, PlanEntry, SourceKind, DIE_FACES, MAX_COUNTED_NUMBERS, MAX_DICE,
};
use crate::error::{quote, FieldError, FieldKind};
use crate::model::parse_hex;
use crate::wire::PlanEntryDoc;

/// SPEC §12.9: a plan entry of an rfc3797-v2 commitment: "numbers" with its
/// `count`, read and stored like a v3 numbers source (SPEC §14.1, §14.2).
pub(crate) fn rfc3797_v2_plan_entry(field: &str, p: &PlanEntryDoc) -> Result<PlanEntry, FieldError> {
    if p.kind != "numbers" {
        return Err(FieldError::typed(
            format!("{field}.kind"),
            FieldKind::PlanKind { allowed: "\"numbers\" (the only source kind of the RFC 3797 method)" },
            quote(&p.kind),
        ));
    }
    v3_plan_entry(field, p)
}

/// SPEC §14.1: a plan entry of a v3 commitment: "dice" and "drand" as in v2,
/// "numbers" with its `count`; "text" is not a v3 kind.
pub(crate) fn v3_plan_entry(field: &str, p: &PlanEntryDoc) -> Result<PlanEntry, FieldError> {
    // SPEC §13.5: `round` and `chain` are present exactly for kind "drand"
    // (a dice or numbers source must not look like a beacon to a reader).
    if p.kind != "drand" && (p.round.is_some() || p.chain.is_some()) {
        return Err(FieldError::new(
            field,
            "no \"round\" or \"chain\" member: only a drand source has them",
            "one of them",
        ));
    }
    match (p.kind.as_str(), p.count) {
        ("drand", None) => drand_plan_entry(field, p),
        ("numbers", Some(count)) => {
            check_label(&format!("{field}.label"), &p.label)?;
            if p.dice.is_some() || p.faces.is_some() {
                return Err(FieldError::typed(field, FieldKind::NoDiceFaces { kind: "numbers" }, "one of them"));
            }
            if !(1..=MAX_COUNTED_NUMBERS).contains(&count) {
                return Err(FieldError::typed(
                    format!("{field}.count"),
                    FieldKind::NumbersPlanCount { max: MAX_COUNTED_NUMBERS },
                    count.to_string(),
                ));
            }
            Ok(PlanEntry { label: p.label.clone(), kind: SourceKind::CountedNumbers { count } })
        }
        ("numbers", None) => {
            Err(FieldError::new(format!("{field}.count"), "the number of numbers", "no \"count\" member"))
        }
        (_, Some(_)) => Err(FieldError::new(
            format!("{field}.count"),
            "no \"count\" member: only a numbers source of a v3 commitment has one",
            "the member",
        )),
        ("text", None) => Err(FieldError::typed(
            format!("{field}.kind"),
            FieldKind::PlanKind { allowed: V3_KINDS },
            "\"text\" (a free text has many spellings; v3 has \"numbers\" instead, SPEC §14.1)",
        )),
        ("dice", None) => plan_entry(field, &p.label, &p.kind, p.dice, p.faces),
        (other, None) => {
            Err(FieldError::typed(format!("{field}.kind"), FieldKind::PlanKind { allowed: V3_KINDS }, quote(other)))
        }
    }
}

/// The source kinds of a v3 plan (SPEC §14.1).
const V3_KINDS: &str = "\"dice\", \"numbers\" or \"drand\" (protocol v3)";

/// SPEC §13.5: a drand plan entry of a v2 commitment: `round` and `chain`, no `dice` or `faces`.
pub(crate) fn drand_plan_entry(field: &str, p: &PlanEntryDoc) -> Result<PlanEntry, FieldError> {
    check_label(&format!("{field}.label"), &p.label)?;
    if p.dice.is_some() || p.faces.is_some() {
        return Err(FieldError::new(field, "no \"dice\" or \"faces\" member for kind \"drand\"", "one of them"));
    }
    let round = match p.round {
        Some(r) if r >= 1 => r,
        Some(r) => return Err(FieldError::new(format!("{field}.round"), "a drand round of at least 1", r.to_string())),
        None => return Err(FieldError::new(format!("{field}.round"), "the drand round", "no \"round\" member")),
    };
    let Some(c) = &p.chain else {
        return Err(FieldError::new(format!("{field}.chain"), "the drand chain's information", "no \"chain\" member"));
    };
    let at = |m: &str| format!("{field}.chain.{m}");
    check_label(&at("beacon_id"), &c.beacon_id)?;
    let Some(pk_len) = drand_public_key_len(&c.scheme) else {
        let known: Vec<&str> = crate::entropy::DRAND_SCHEMES.iter().map(|s| s.0).collect();
        return Err(FieldError::new(at("scheme"), format!("one of {}", known.join(", ")), quote(&c.scheme)));
    };
    let public_key = match pk_len {
        48 => parse_hex::<48>(&at("public_key"), &c.public_key)?.to_vec(),
        _ => parse_hex::<96>(&at("public_key"), &c.public_key)?.to_vec(),
    };
    if c.period == 0 {
        return Err(FieldError::new(at("period"), "at least 1 second", "0"));
    }
    Ok(PlanEntry {
        label: p.label.clone(),
        kind: SourceKind::Drand(DrandSource {
            round,
            beacon_id: c.beacon_id.clone(),
            hash: parse_hex(&at("hash"), &c.hash)?,
            scheme: c.scheme.clone(),
            public_key,
            genesis_time: c.genesis_time,
            period: c.period,
            group_hash: parse_hex(&at("group_hash"), &c.group_hash)?,
        }),
    })
}

/// SPEC §12.2: a plan entry of the RFC 3797 method is of kind "numbers", without "dice" or "faces".
pub fn rfc3797_plan_entry(
    field: &str,
    label: &str,
    kind: &str,
    dice: Option<u64>,
    faces: Option<u64>,
) -> Result<PlanEntry, FieldError> {
    check_label(&format!("{field}.label"), label)?;
    match (kind, dice, faces) {
        ("numbers", None, None) => Ok(PlanEntry { label: label.to_string(), kind: SourceKind::Numbers }),
        ("numbers", _, _) => Err(FieldError::typed(field, FieldKind::NoDiceFaces { kind: "numbers" }, "one of them")),
        (other, _, _) => Err(FieldError::typed(
            format!("{field}.kind"),
            FieldKind::PlanKind { allowed: "\"numbers\" (the only source kind of the RFC 3797 method)" },
            quote(other),
        )),
    }
}

/// SPEC §7.2: a plan entry; `dice` and `faces` are present exactly for kind "dice".
pub fn plan_entry(
    field: &str,
    label: &str,
    kind: &str,
    dice: Option<u64>,
    faces: Option<u64>,
) -> Result<PlanEntry, FieldError> {
    check_label(&format!("{field}.label"), label)?;
    let kind = match (kind, dice, faces) {
        ("dice", Some(count), Some(faces)) => {
            if !(1..=MAX_DICE).contains(&count) {
                return Err(FieldError::typed(
                    format!("{field}.dice"),
                    FieldKind::DiceCount { max: MAX_DICE },
                    count.to_string(),
                ));
            }
            if !DIE_FACES.contains(&faces) {
                return Err(FieldError::typed(format!("{field}.faces"), FieldKind::Faces, faces.to_string()));
            }
            SourceKind::Dice { count, faces }
        }
        ("dice", None, _) => {
            return Err(FieldError::typed(format!("{field}.dice"), FieldKind::DiceMember, "no \"dice\" member"))
        }
        ("dice", _, None) => {
            return Err(FieldError::typed(format!("{field}.faces"), FieldKind::FacesMember, "no \"faces\" member"))
        }
        ("text", None, None) => SourceKind::Text,
        ("text", _, _) => return Err(FieldError::typed(field, FieldKind::NoDiceFaces { kind: "text" }, "one of them")),
        (other, _, _) => {
            return Err(FieldError::typed(
                format!("{field}.kind"),
                FieldKind::PlanKind { allowed: "\"dice\" or \"text\" (protocol v1)" },
                quote(other),
            ))
        }
    };
    Ok(PlanEntry { label: label.to_string(), kind })
}
