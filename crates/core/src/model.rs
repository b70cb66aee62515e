//! Domain types: published documents after their syntax has been checked
//! (SPEC §7). `TryFrom<…Doc>` refuses anything that is not well-formed —
//! wrong hex length, unknown format, bad label — naming the field. Whether a
//! well-formed document is *consistent* (digest, order, counts, replay) is
//! not decided here but by the verify crate, check by check.

use crate::entropy::{
    check_label, drand_public_key_len, DrandSource, PlanEntry, SourceKind, DIE_FACES, MAX_COUNTED_NUMBERS, MAX_DICE,
    MAX_PLAN_SOURCES,
};
use crate::error::{quote, FieldError, FieldKind};
use crate::hash::Hash32;
use crate::wire::{
    CommitmentDoc, PlanEntryDoc, ReceiptDoc, TranscriptDoc, COMMITMENT_RFC3797, COMMITMENT_V1, COMMITMENT_V2,
    COMMITMENT_V3, RECEIPT_V1, TRANSCRIPT_RFC3797, TRANSCRIPT_V1, TRANSCRIPT_V2, TRANSCRIPT_V3,
};
use std::sync::Arc;

/// The largest weight of one entry (SPEC §4.2).
pub const MAX_WEIGHT: u64 = u32::MAX as u64;
/// The longest RFC 3797 key string a transcript may record, in bytes (SPEC §12.1).
pub const MAX_KEY_BYTES: usize = crate::rfc3797::MAX_KEY_BYTES;
/// The longest title in characters.
pub const MAX_TITLE_CHARS: usize = 200;
/// The longest candidate id in bytes, after normalisation (SPEC §4.1).
pub const MAX_ID_BYTES: usize = 256;

/// SPEC §4.1: whether `id` is a normalised id — trimmed of White_Space, in
/// NFC, non-empty, without a Cc character, at most [`MAX_ID_BYTES`] bytes —
/// the form `commit` writes into receipts and `check --id` compares with.
pub fn is_normalised_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_BYTES
        && id.trim() == id
        && !id.chars().any(char::is_control)
        && crate::hash::nfc(id) == id
}

pub use crate::entries::Entry;

/// The draw method a commitment fixes, named by its format identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// `potdraw/commitment/v1`: secret seed, ChaCha20, weighted selection (SPEC §4–§6).
    PotdrawV1,
    /// `potdraw/commitment/rfc3797-v1`: RFC 3797's MD5 selection, no seed, no weights (SPEC §12).
    Rfc3797,
}

impl Method {
    /// The name used on the command line (`--method`).
    pub fn name(self) -> &'static str {
        match self {
            Method::PotdrawV1 => "potdraw-v1",
            Method::Rfc3797 => "rfc3797",
        }
    }
}

/// The version of a potdraw-v1-method document (SPEC §10): v1, v1 plus the
/// drand kind (v2, SPEC §13), or v2 with `numbers` for `text` and the
/// optional `previous` link (v3, SPEC §14). The RFC 3797 method has its own
/// identifiers and is always `V1` here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Version {
    V1,
    V2,
    V3,
}

impl Version {
    /// The commitment and transcript identifiers of this version.
    pub fn formats(self) -> (&'static str, &'static str) {
        match self {
            Version::V1 => (COMMITMENT_V1, TRANSCRIPT_V1),
            Version::V2 => (COMMITMENT_V2, TRANSCRIPT_V2),
            Version::V3 => (COMMITMENT_V3, TRANSCRIPT_V3),
        }
    }
}

/// A well-formed commitment (not yet verified).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commitment {
    /// Shared with the transcript that embeds it; its entries are the
    /// domain's entries ([`Commitment::entries`]), held once.
    pub doc: Arc<CommitmentDoc>,
    pub method: Method,
    /// Which potdraw-v1-method format (SPEC §10); `V1` for the RFC 3797 method.
    pub version: Version,
    /// v3 only (SPEC §14.3): the digest of the organiser's previous commitment.
    pub previous: Option<Hash32>,
    pub created_at: u64,
    /// Present exactly for [`Method::PotdrawV1`].
    pub seed_commitment: Option<Hash32>,
    pub digest: Hash32,
    pub plan: Vec<PlanEntry>,
    /// The total as written in the document (may disagree with the entries).
    pub total_weight: u64,
}

impl Commitment {
    /// The candidate list (SPEC §4.2), in the document's order. `TryFrom`
    /// refuses a document with a malformed leaf, so every entry is here;
    /// a `doc` replaced afterwards by one with a malformed leaf gives none.
    pub fn entries(&self) -> &[Entry] {
        self.doc.candidates.entries.well_formed().unwrap_or(&[])
    }
}

/// The role of a drawn entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Recipient,
    Reserve,
}

impl Role {
    pub fn name(self) -> &'static str {
        match self {
            Role::Recipient => "recipient",
            Role::Reserve => "reserve",
        }
    }
}

/// One line of a transcript's result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pick {
    pub position: u64,
    pub role: Role,
    pub rank: u64,
    pub index: u64,
    pub leaf: Hash32,
    pub weight: u64,
}

/// One revealed entropy value, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revealed {
    pub label: String,
    pub kind: String,
    pub value: String,
    /// v2, kind "drand" (SPEC §13.5): as written; checked by the `beacon` check.
    pub beacon: Option<RevealedBeacon>,
}

/// The drand members of a revealed value, as written (SPEC §13.5). Their
/// presence and form are decided by the `beacon` check, not at parse time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevealedBeacon {
    pub round: Option<u64>,
    pub signature: Option<String>,
    pub previous_signature: Option<String>,
}

/// What a transcript records of how the result was reached, by method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Replay {
    /// SPEC §5: the revealed seed, the entropy digest and the draw seed.
    PotdrawV1 { seed: [u8; 32], entropy_digest: Hash32, draw_seed: Hash32 },
    /// SPEC §12.4: the RFC 3797 key string.
    Rfc3797 { key: String },
}

/// A well-formed transcript (not yet verified).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transcript {
    pub doc: TranscriptDoc,
    pub commitment: Commitment,
    pub entropy: Vec<Revealed>,
    pub replay: Replay,
    pub result: Vec<Pick>,
}

/// A well-formed receipt. `Debug` hides the salt (see [`ReceiptDoc`]).
#[derive(Clone, PartialEq, Eq)]
pub struct Receipt {
    pub doc: ReceiptDoc,
    pub commitment_digest: Hash32,
    pub salt: [u8; 16],
    pub leaf: Hash32,
}

impl std::fmt::Debug for Receipt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Receipt")
            .field("doc", &self.doc)
            .field("commitment_digest", &hex::encode(self.commitment_digest))
            .field("salt", &"<secret>")
            .field("leaf", &hex::encode(self.leaf))
            .finish()
    }
}

/// SPEC §2.2: fixed-length lowercase hexadecimal.
pub fn parse_hex<const N: usize>(field: &str, text: &str) -> Result<[u8; N], FieldError> {
    parse_hex_at(|| field.to_string(), text)
}

/// [`parse_hex`] naming the field only on failure: a million leaves are
/// parsed without formatting a million field names.
pub fn parse_hex_at<const N: usize>(field: impl FnOnce() -> String, text: &str) -> Result<[u8; N], FieldError> {
    decode_lower_hex(text).ok_or_else(|| {
        FieldError::typed(field(), FieldKind::Hex { chars: 2 * N, found_chars: text.chars().count() }, quote(text))
    })
}

/// The value of each lowercase hexadecimal digit; 0xff for every other byte.
const HEX_VALUE: [u8; 256] = {
    let mut t = [0xffu8; 256];
    let mut i = 0;
    while i < 10 {
        t[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 6 {
        t[b'a' as usize + i] = 10 + i as u8;
        i += 1;
    }
    t
};

/// SPEC §2.2: exactly 2N digits of 0-9 a-f (uppercase is refused), else None.
pub(crate) fn decode_lower_hex<const N: usize>(text: &str) -> Option<[u8; N]> {
    let bytes = text.as_bytes();
    if bytes.len() != 2 * N {
        return None;
    }
    let mut out = [0u8; N];
    let mut bad = 0u8;
    for (o, pair) in out.iter_mut().zip(bytes.chunks_exact(2)) {
        let (hi, lo) = (HEX_VALUE[pair[0] as usize], HEX_VALUE[pair[1] as usize]);
        bad |= hi | lo;
        *o = (hi << 4) | (lo & 15);
    }
    // Valid digits are below 16; 0xff in any position sets the high bits.
    (bad < 16).then_some(out)
}

/// SPEC §10: the format identifiers this potdraw reads, the method each
/// fixes, and its version (v2: v1 plus the drand kind, SPEC §13.5; v3: SPEC §14).
fn method_of(field: &str, found: &str, [v1, v2, v3, rfc3797]: [&str; 4]) -> Result<(Method, Version), FieldError> {
    match found {
        f if f == v1 => Ok((Method::PotdrawV1, Version::V1)),
        f if f == v2 => Ok((Method::PotdrawV1, Version::V2)),
        f if f == v3 => Ok((Method::PotdrawV1, Version::V3)),
        f if f == rfc3797 => Ok((Method::Rfc3797, Version::V1)),
        _ => Err(FieldError::typed(
            field,
            FieldKind::Version { versions: format!("{v1:?}, {v2:?}, {v3:?} or {rfc3797:?}") },
            quote(found),
        )),
    }
}

/// SPEC §14.1: a plan entry of a v3 commitment: "dice" and "drand" as in v2,
/// "numbers" with its `count`; "text" is not a v3 kind.
fn v3_plan_entry(field: &str, p: &PlanEntryDoc) -> Result<PlanEntry, FieldError> {
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
fn drand_plan_entry(field: &str, p: &PlanEntryDoc) -> Result<PlanEntry, FieldError> {
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

fn require_format(field: &str, found: &str, want: &str) -> Result<(), FieldError> {
    if found == want {
        Ok(())
    } else {
        Err(FieldError::typed(field, FieldKind::Version { versions: format!("{want:?}") }, quote(found)))
    }
}

/// A member present in one method's layout and absent from the other's.
fn member<'a>(
    field: &str,
    value: &'a Option<String>,
    method: Method,
    wanted: bool,
) -> Result<Option<&'a str>, FieldError> {
    match (value, wanted) {
        (Some(v), true) => Ok(Some(v)),
        (None, false) => Ok(None),
        (None, true) => {
            Err(FieldError::typed(field, FieldKind::MemberRequired { method: method.name() }, "no such member"))
        }
        (Some(_), false) => {
            Err(FieldError::typed(field, FieldKind::MemberForbidden { method: method.name() }, "the member"))
        }
    }
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

/// SPEC §2.3: a decimal string for an integer that may exceed 2^53.
pub fn parse_decimal_u64(field: &str, text: &str) -> Result<u64, FieldError> {
    let canonical =
        !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) && (text == "0" || !text.starts_with('0'));
    match text.parse::<u64>() {
        Ok(v) if canonical => Ok(v),
        _ => Err(FieldError::typed(field, FieldKind::Decimal, quote(text))),
    }
}

fn check_title(field: &str, title: &str) -> Result<(), FieldError> {
    if title.chars().count() > MAX_TITLE_CHARS || title.chars().any(char::is_control) {
        return Err(FieldError::typed(field, FieldKind::Title { max: MAX_TITLE_CHARS }, quote(title)));
    }
    Ok(())
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

impl TryFrom<Arc<CommitmentDoc>> for Commitment {
    type Error = FieldError;

    fn try_from(doc: Arc<CommitmentDoc>) -> Result<Self, FieldError> {
        let (method, version) = method_of(
            "commitment.format",
            &doc.format,
            [COMMITMENT_V1, COMMITMENT_V2, COMMITMENT_V3, COMMITMENT_RFC3797],
        )?;
        check_title("commitment.title", &doc.title)?;
        let created_at = crate::time::parse_utc(&doc.created_at)
            .ok_or_else(|| FieldError::typed("commitment.created_at", FieldKind::Time, quote(&doc.created_at)))?;
        let seed_commitment =
            match member("commitment.seed_commitment", &doc.seed_commitment, method, method == Method::PotdrawV1)? {
                Some(text) => Some(parse_hex("commitment.seed_commitment", text)?),
                None => None,
            };
        let digest = parse_hex("commitment.digest", &doc.digest)?;
        // SPEC §12.1: the picks of the RFC 3797 method are bounded, and with them a replay's MD5 work.
        let picks = doc.recipients.saturating_add(doc.reserves);
        if method == Method::Rfc3797 && picks > crate::rfc3797::MAX_PICKS {
            return Err(FieldError::typed(
                "commitment.recipients + reserves",
                FieldKind::Picks { max: crate::rfc3797::MAX_PICKS },
                format!("{} + {}", doc.recipients, doc.reserves),
            ));
        }
        // SPEC §5.1, §7.7: a plan of at most 64 sources, labels unique (a set, not pairs).
        if doc.entropy_plan.len() > MAX_PLAN_SOURCES {
            return Err(FieldError::typed(
                "commitment.entropy_plan",
                FieldKind::PlanSize { max: MAX_PLAN_SOURCES },
                doc.entropy_plan.len().to_string(),
            ));
        }
        let mut plan = Vec::with_capacity(doc.entropy_plan.len());
        let mut labels = std::collections::HashSet::with_capacity(doc.entropy_plan.len());
        for (i, p) in doc.entropy_plan.iter().enumerate() {
            let field = format!("commitment.entropy_plan[{i}]");
            let entry = match method {
                Method::PotdrawV1 if version == Version::V3 => v3_plan_entry(&field, p)?,
                _ if p.count.is_some() => {
                    return Err(FieldError::new(
                        format!("{field}.count"),
                        "no \"count\" member: only a numbers source of a v3 commitment has one",
                        "the member",
                    ))
                }
                Method::PotdrawV1 if version == Version::V2 && p.kind == "drand" => drand_plan_entry(&field, p)?,
                _ if p.round.is_some() || p.chain.is_some() => {
                    return Err(FieldError::new(
                        field,
                        "no \"round\" or \"chain\" member: only a drand source of a v2 commitment has them",
                        "one of them",
                    ))
                }
                Method::PotdrawV1 => plan_entry(&field, &p.label, &p.kind, p.dice, p.faces)?,
                Method::Rfc3797 => rfc3797_plan_entry(&field, &p.label, &p.kind, p.dice, p.faces)?,
            };
            if !labels.insert(&p.label) {
                return Err(FieldError::typed(format!("{field}.label"), FieldKind::LabelReused, quote(&entry.label)));
            }
            plan.push(entry);
        }
        if plan.is_empty() {
            return Err(FieldError::typed("commitment.entropy_plan", FieldKind::PlanEmpty, "an empty plan"));
        }
        let total_weight = parse_decimal_u64("commitment.candidates.total_weight", &doc.candidates.total_weight)?;
        // The entries are used where they are (Entries, no copy); a malformed
        // leaf is refused here, in order with the weights, naming the entry.
        for (i, e) in doc.candidates.entries.iter().enumerate() {
            if e.leaf.bytes().is_none() {
                parse_hex_at::<32>(|| format!("commitment.candidates.entries[{i}].leaf"), &e.leaf.text())?;
            }
            if method == Method::Rfc3797 && e.weight != 1 {
                return Err(FieldError::typed(
                    format!("commitment.candidates.entries[{i}].weight"),
                    FieldKind::UnweightedMethod,
                    e.weight.to_string(),
                ));
            }
            if !(1..=MAX_WEIGHT).contains(&e.weight) {
                return Err(FieldError::typed(
                    format!("commitment.candidates.entries[{i}].weight"),
                    FieldKind::Weight { max: MAX_WEIGHT },
                    e.weight.to_string(),
                ));
            }
        }
        let previous = match (&doc.previous, version) {
            (None, _) => None,
            (Some(text), Version::V3) => Some(parse_hex("commitment.previous", text)?),
            (Some(_), _) => {
                return Err(FieldError::new(
                    "commitment.previous",
                    "no \"previous\" member: only a v3 commitment has one (SPEC §14.3)",
                    "the member",
                ))
            }
        };
        Ok(Commitment { doc, method, version, previous, created_at, seed_commitment, digest, plan, total_weight })
    }
}

impl TryFrom<CommitmentDoc> for Commitment {
    type Error = FieldError;

    fn try_from(doc: CommitmentDoc) -> Result<Self, FieldError> {
        Commitment::try_from(Arc::new(doc))
    }
}

impl TryFrom<TranscriptDoc> for Transcript {
    type Error = FieldError;

    fn try_from(doc: TranscriptDoc) -> Result<Self, FieldError> {
        let (method, version) = method_of(
            "transcript.format",
            &doc.format,
            [TRANSCRIPT_V1, TRANSCRIPT_V2, TRANSCRIPT_V3, TRANSCRIPT_RFC3797],
        )?;
        let commitment = Commitment::try_from(Arc::clone(&doc.commitment))
            .map_err(|e| FieldError { field: format!("transcript.{}", e.field), ..e })?;
        if commitment.method != method || commitment.version != version {
            let want = match method {
                Method::PotdrawV1 => version.formats().0,
                Method::Rfc3797 => COMMITMENT_RFC3797,
            };
            return Err(FieldError::typed(
                "transcript.commitment.format",
                FieldKind::CommitmentFormat { want },
                quote(&doc.commitment.format),
            ));
        }
        let v1 = method == Method::PotdrawV1;
        let seed = member("transcript.seed", &doc.seed, method, v1)?;
        let entropy_digest = member("transcript.entropy_digest", &doc.entropy_digest, method, v1)?;
        let draw_seed = member("transcript.draw_seed", &doc.draw_seed, method, v1)?;
        let key = member("transcript.key", &doc.key, method, !v1)?;
        let replay = match (seed, entropy_digest, draw_seed, key) {
            (Some(seed), Some(entropy_digest), Some(draw_seed), None) => Replay::PotdrawV1 {
                seed: parse_hex("transcript.seed", seed)?,
                entropy_digest: parse_hex("transcript.entropy_digest", entropy_digest)?,
                draw_seed: parse_hex("transcript.draw_seed", draw_seed)?,
            },
            (_, _, _, Some(key)) => {
                if key.len() > MAX_KEY_BYTES || !key.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b'/') {
                    return Err(FieldError::typed("transcript.key", FieldKind::Key { max: MAX_KEY_BYTES }, quote(key)));
                }
                Replay::Rfc3797 { key: key.to_string() }
            }
            // `member` has refused every other combination.
            _ => return Err(FieldError::new("transcript", "the members of its method", "a mixture")),
        };
        let mut entropy = Vec::with_capacity(doc.entropy.len());
        for (i, e) in doc.entropy.iter().enumerate() {
            let has_beacon = e.round.is_some() || e.signature.is_some() || e.previous_signature.is_some();
            if has_beacon && version < Version::V2 {
                return Err(FieldError::new(
                    format!("transcript.entropy[{i}]"),
                    "only \"label\", \"kind\" and \"value\" (drand members exist in v2 and v3 transcripts only)",
                    "\"round\", \"signature\" or \"previous_signature\"",
                ));
            }
            let beacon = has_beacon.then(|| RevealedBeacon {
                round: e.round,
                signature: e.signature.clone(),
                previous_signature: e.previous_signature.clone(),
            });
            entropy.push(Revealed { label: e.label.clone(), kind: e.kind.clone(), value: e.value.clone(), beacon });
        }
        let mut result = Vec::with_capacity(doc.result.len());
        for (i, r) in doc.result.iter().enumerate() {
            let field = format!("transcript.result[{i}]");
            let role = match r.role.as_str() {
                "recipient" => Role::Recipient,
                "reserve" => Role::Reserve,
                other => return Err(FieldError::typed(format!("{field}.role"), FieldKind::Role, quote(other))),
            };
            let leaf = parse_hex(&format!("{field}.leaf"), &r.leaf)?;
            result.push(Pick { position: r.position, role, rank: r.rank, index: r.index, leaf, weight: r.weight });
        }
        Ok(Transcript { doc, commitment, entropy, replay, result })
    }
}

impl TryFrom<ReceiptDoc> for Receipt {
    type Error = FieldError;

    fn try_from(doc: ReceiptDoc) -> Result<Self, FieldError> {
        require_format("receipt.format", &doc.format, RECEIPT_V1)?;
        // SPEC §7.4: an id not in its normalised form (an NFD "René") has
        // the leaf of its NFC form, but is never the id a person types.
        if !is_normalised_id(&doc.id) {
            return Err(FieldError::typed("receipt.id", FieldKind::ReceiptId { max: MAX_ID_BYTES }, quote(&doc.id)));
        }
        let commitment_digest = parse_hex("receipt.commitment_digest", &doc.commitment_digest)?;
        let salt = parse_hex("receipt.salt", &doc.salt)?;
        let leaf = parse_hex("receipt.leaf", &doc.leaf)?;
        // SPEC §2.4: outside the repertoire an id has no NFC every verifier agrees on.
        if let Some((position, c)) = crate::unicode::first_unassigned(&doc.id) {
            let kind = FieldKind::Unassigned { code_point: c as u32, position };
            return Err(FieldError::typed("receipt.id", kind, quote(&doc.id)));
        }
        if crate::hash::leaf(&doc.id, &salt) != leaf {
            return Err(FieldError::typed("receipt.leaf", FieldKind::LeafOfSalt, quote(&doc.leaf)));
        }
        let code = crate::code::encode(&salt, &commitment_digest);
        if doc.code != code {
            return Err(FieldError::typed("receipt.code", FieldKind::ReceiptCode { code }, quote(&doc.code)));
        }
        Ok(Receipt { doc, commitment_digest, salt, leaf })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SPEC §7.3 role names and the method names of the command line, as written.
    #[test]
    fn names_are_the_written_ones() {
        assert_eq!((Role::Recipient.name(), Role::Reserve.name()), ("recipient", "reserve"));
        assert_eq!((Method::PotdrawV1.name(), Method::Rfc3797.name()), ("potdraw-v1", "rfc3797"));
    }

    #[test]
    fn titles_and_keys_are_bounded_exactly() {
        assert!(check_title("t", &"é".repeat(MAX_TITLE_CHARS)).is_ok());
        assert_eq!(check_title("t", &"é".repeat(MAX_TITLE_CHARS + 1)).unwrap_err().kind, FieldKind::Title { max: 200 });
        assert!(check_title("t", "a\tb").is_err());
        assert!(check_title("t", "").is_ok());
        let text = include_str!("../../../fixtures/rfc3797/example/transcript.json");
        let doc: TranscriptDoc = serde_json::from_str(text).unwrap();
        let with_key = |key: String| Transcript::try_from(TranscriptDoc { key: Some(key), ..doc.clone() });
        assert!(with_key("1".repeat(MAX_KEY_BYTES)).is_ok());
        let e = with_key("1".repeat(MAX_KEY_BYTES + 1)).unwrap_err();
        assert_eq!((e.field.as_str(), e.kind.class()), ("transcript.key", "field-key"));
        assert_eq!(with_key("1/2.x".into()).unwrap_err().field, "transcript.key");
    }

    #[test]
    fn unknown_formats_are_refused() {
        let all = [COMMITMENT_V1, COMMITMENT_V2, COMMITMENT_V3, COMMITMENT_RFC3797];
        let e = method_of("c.format", "potdraw/commitment/v4", all).unwrap_err();
        assert_eq!((e.field.as_str(), e.kind.class()), ("c.format", "field-version"));
        assert!(e.expected.contains(COMMITMENT_V3), "{}", e.expected);
        assert_eq!(method_of("f", COMMITMENT_RFC3797, all), Ok((Method::Rfc3797, Version::V1)));
        assert_eq!(method_of("f", COMMITMENT_V1, all), Ok((Method::PotdrawV1, Version::V1)));
        assert_eq!(method_of("f", COMMITMENT_V2, all), Ok((Method::PotdrawV1, Version::V2)));
        assert_eq!(method_of("f", COMMITMENT_V3, all), Ok((Method::PotdrawV1, Version::V3)));
        assert!(require_format("r.format", "potdraw/receipt/v2", RECEIPT_V1).is_err());
        assert!(require_format("r.format", RECEIPT_V1, RECEIPT_V1).is_ok());
        let e = parse_hex::<32>("d", "abc").unwrap_err();
        assert_eq!(e.kind, FieldKind::Hex { chars: 64, found_chars: 3 });
    }

    #[test]
    fn hex_is_strict() {
        assert_eq!(parse_hex::<2>("f", "0aff").unwrap(), [0x0a, 0xff]);
        assert_eq!(parse_hex::<4>("f", "0123456789abcdef".get(..8).unwrap()).unwrap(), [0x01, 0x23, 0x45, 0x67]);
        assert_eq!(parse_hex::<4>("f", "89abcdef").unwrap(), [0x89, 0xab, 0xcd, 0xef]);
        // (Including pairs of two bad digits, and no good digit at all.)
        for bad in ["0AFF", "0af", "0affe", "0ag0", " 0af", "0a/f", "0a:f", "0a`f", "0a\u{e9}", "AAFF", "ggzz", "00::"]
        {
            let e = parse_hex::<2>("f", bad).unwrap_err();
            assert_eq!(e.field, "f");
            assert!(e.expected.starts_with("4 lowercase"), "{e}");
            assert_eq!(e.kind, FieldKind::Hex { chars: 4, found_chars: bad.chars().count() });
        }
    }

    proptest::proptest! {
        // The table decoder accepts and decodes exactly what the straightforward check + hex crate did.
        #[test]
        fn hex_table_equals_check_and_hex_crate(text in "[0-9a-fA-Fg/:`@\u{e9} ]{0,9}") {
            let well_formed = text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
            let mut want = [0u8; 4];
            let want = (well_formed && hex::decode_to_slice(&text, &mut want).is_ok()).then_some(want);
            proptest::prop_assert_eq!(decode_lower_hex::<4>(&text), want);
        }
    }

    #[test]
    fn receipt_code_and_leaf_must_belong_to_its_salt() {
        let (salt, digest) = ([3u8; 16], [9u8; 32]);
        let doc = ReceiptDoc {
            format: RECEIPT_V1.into(),
            commitment_digest: hex::encode(digest),
            title: "t".into(),
            id: "A-1".into(),
            salt: hex::encode(salt),
            leaf: hex::encode(crate::hash::leaf("A-1", &salt)),
            weight: 1,
            code: crate::code::encode(&salt, &digest),
            line: 2,
            columns: Default::default(),
        };
        let receipt = Receipt::try_from(doc.clone()).unwrap();
        // Debug shows the ticket, never the salt (nor the code, in the document's Debug).
        let debug = format!("{receipt:?}");
        assert!(debug.starts_with("Receipt {") && debug.contains(&hex::encode(receipt.leaf)), "{debug}");
        assert!(debug.contains("<secret>") && !debug.contains(&hex::encode(salt)), "{debug}");
        let other_draw = ReceiptDoc { code: crate::code::encode(&salt, &[8u8; 32]), ..doc.clone() };
        assert_eq!(Receipt::try_from(other_draw).unwrap_err().field, "receipt.code");
        let other_id = ReceiptDoc { id: "A-2".into(), ..doc };
        assert_eq!(Receipt::try_from(other_id).unwrap_err().field, "receipt.leaf");
    }

    #[test]
    fn decimal_strings_are_canonical() {
        assert_eq!(parse_decimal_u64("t", "0").unwrap(), 0);
        assert_eq!(parse_decimal_u64("t", "18446744073709551615").unwrap(), u64::MAX);
        for bad in ["", "01", "-1", "1.0", "18446744073709551616", " 1"] {
            assert!(parse_decimal_u64("t", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn plan_entries() {
        assert_eq!(
            plan_entry("p", "room", "dice", Some(20), Some(6)).unwrap().kind,
            SourceKind::Dice { count: 20, faces: 6 }
        );
        assert_eq!(plan_entry("p", "lotto", "text", None, None).unwrap().kind, SourceKind::Text);
        assert_eq!(plan_entry("p", "r", "dice", None, Some(6)).unwrap_err().field, "p.dice");
        assert_eq!(plan_entry("p", "r", "dice", Some(0), Some(6)).unwrap_err().field, "p.dice");
        assert_eq!(plan_entry("p", "r", "dice", Some(5), Some(8)).unwrap_err().field, "p.faces");
        assert_eq!(plan_entry("p", "r", "dice", Some(5), None).unwrap_err().field, "p.faces");
        assert_eq!(plan_entry("p", "r", "text", Some(5), None).unwrap_err().field, "p");
        assert_eq!(plan_entry("p", "r", "drand", None, None).unwrap_err().field, "p.kind");
        assert_eq!(plan_entry("p", "R", "text", None, None).unwrap_err().field, "p.label");
    }
}
