//! Domain types: published documents after their syntax has been checked
//! (SPEC §7). `TryFrom<…Doc>` refuses anything that is not well-formed —
//! wrong hex length, unknown format, bad label — naming the field. Whether a
//! well-formed document is *consistent* (digest, order, counts, replay) is
//! not decided here but by the verify crate, check by check.

use crate::entropy::{PlanEntry, MAX_PLAN_SOURCES};
use crate::error::{quote, FieldError, FieldKind};
use crate::hash::Hash32;
use crate::wire::{
    CommitmentDoc, ReceiptDoc, TranscriptDoc, COMMITMENT_RFC3797, COMMITMENT_RFC3797_V2, COMMITMENT_V1, COMMITMENT_V2,
    COMMITMENT_V3, RECEIPT_V1, TRANSCRIPT_RFC3797, TRANSCRIPT_RFC3797_V2, TRANSCRIPT_V1, TRANSCRIPT_V2, TRANSCRIPT_V3,
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
use crate::plan::{drand_plan_entry, rfc3797_v2_plan_entry, v3_plan_entry};
pub use crate::plan::{plan_entry, rfc3797_plan_entry};

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
/// fixes, and its version (v2: v1 plus the drand kind, SPEC §13.5; v3: SPEC §14;
/// for the RFC 3797 method, V2 is rfc3797-v2, SPEC §12.9).
fn method_of(
    field: &str,
    found: &str,
    [v1, v2, v3, rfc3797, rfc3797_v2]: [&str; 5],
) -> Result<(Method, Version), FieldError> {
    match found {
        f if f == v1 => Ok((Method::PotdrawV1, Version::V1)),
        f if f == v2 => Ok((Method::PotdrawV1, Version::V2)),
        f if f == v3 => Ok((Method::PotdrawV1, Version::V3)),
        f if f == rfc3797 => Ok((Method::Rfc3797, Version::V1)),
        f if f == rfc3797_v2 => Ok((Method::Rfc3797, Version::V2)),
        _ => Err(FieldError::typed(
            field,
            FieldKind::Version { versions: format!("{v1:?}, {v2:?}, {v3:?}, {rfc3797:?} or {rfc3797_v2:?}") },
            quote(found),
        )),
    }
}

/// The commitment and transcript identifiers of a method and version.
pub fn formats(method: Method, version: Version) -> (&'static str, &'static str) {
    match (method, version) {
        (Method::PotdrawV1, v) => v.formats(),
        (Method::Rfc3797, Version::V1) => (COMMITMENT_RFC3797, TRANSCRIPT_RFC3797),
        (Method::Rfc3797, _) => (COMMITMENT_RFC3797_V2, TRANSCRIPT_RFC3797_V2),
    }
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

impl TryFrom<Arc<CommitmentDoc>> for Commitment {
    type Error = FieldError;

    fn try_from(doc: Arc<CommitmentDoc>) -> Result<Self, FieldError> {
        let (method, version) = method_of(
            "commitment.format",
            &doc.format,
            [COMMITMENT_V1, COMMITMENT_V2, COMMITMENT_V3, COMMITMENT_RFC3797, COMMITMENT_RFC3797_V2],
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
                Method::Rfc3797 if version == Version::V2 => rfc3797_v2_plan_entry(&field, p)?,
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
            [TRANSCRIPT_V1, TRANSCRIPT_V2, TRANSCRIPT_V3, TRANSCRIPT_RFC3797, TRANSCRIPT_RFC3797_V2],
        )?;
        let commitment = Commitment::try_from(Arc::clone(&doc.commitment))
            .map_err(|e| FieldError { field: format!("transcript.{}", e.field), ..e })?;
        if commitment.method != method || commitment.version != version {
            let want = formats(method, version).0;
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
        // SPEC §17.8: a v2 receipt names its list, and its leaf hashes the name.
        match (doc.format.as_str(), &doc.list) {
            (RECEIPT_V1, None) => {}
            (crate::lists::RECEIPT_V2, Some(name)) => crate::entropy::check_label("receipt.list", name)?,
            (RECEIPT_V1 | crate::lists::RECEIPT_V2, _) => {
                return Err(FieldError::new(
                    "receipt.list",
                    "a \"list\" member exactly in a potdraw/receipt/v2 (SPEC §17.8)",
                    format!("{} {} a list", doc.format, if doc.list.is_some() { "with" } else { "without" }),
                ))
            }
            _ => require_format("receipt.format", &doc.format, RECEIPT_V1)?,
        }
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
        let computed = match &doc.list {
            Some(name) => crate::lists_draw::leaf(name, &doc.id, &salt),
            None => crate::hash::leaf(&doc.id, &salt),
        };
        if computed != leaf {
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
#[path = "model_tests.rs"]
mod model_tests;
