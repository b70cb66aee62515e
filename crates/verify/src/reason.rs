//! What a check established, and what a failed check was about, as typed
//! values rather than sentences.
//!
//! Why typed: the people who read a verification speak Dutch or English, and
//! this crate must stay small and language-free. It names the fact (which
//! check, which field, which numbers and digests) and the command line turns
//! it into a sentence from its message catalogue. `Display` gives the stable
//! English wording that `--json` has always carried; machines and old
//! scripts read that, so it never changes.

use std::fmt;

/// What a passed check established (SPEC §8), with its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detail {
    /// `format` on a transcript: both format identifiers.
    Format { transcript: String, commitment: String },
    /// `format` on a commitment alone.
    CommitmentFormat { commitment: String },
    /// The transcript embeds exactly the published commitment with this digest.
    PublishedCommitment { digest: String },
    /// The commitment digest recomputes to this value.
    CommitmentDigest { digest: String },
    /// The entries are strictly ascending by leaf.
    CanonicalOrder { entries: u64 },
    /// Entries, total weight, recipients and reserves add up.
    Counts { entries: u64, total_weight: u64, recipients: u64, reserves: u64 },
    /// The pot pays `grants` grants of `grant_cents`, leaving `surplus_cents`.
    Pot { grants: u64, grant_cents: u64, amount_cents: u64, surplus_cents: u64 },
    /// The revealed seed is the committed one.
    SeedCommitment,
    /// Every announced source was revealed once, in plan order.
    EntropyPlan { sources: u64 },
    /// Protocol v1: the picks replayed from the draw seed.
    DrawReplay { picks: u64, draw_seed: String },
    /// RFC 3797: the picks replayed from the key string.
    DrawReplayRfc3797 { picks: u64, key: String },
    /// Every drand round's BLS signature verified offline (SPEC §13), each
    /// named as "CHAIN round N"; empty when the plan has no drand source.
    Beacon { rounds: Vec<String> },
    /// Every drawn recipient and reserve matches the list.
    Result { recipients: u64, reserves: u64 },
    /// Version 4 (SPEC §17.7): what a check established for each list, by
    /// name, in the commitment's order; empty when the check concerns none
    /// of the lists (`pot` without a pot list).
    PerList(Vec<(String, Detail)>),
    /// Version 4 `draw-replay` of one list: the picks replayed from its list seed.
    ListReplay { picks: u64, list_seed: String },
    /// Version 4 `companions`: each companions list, the list it travels
    /// with, and the number of pairs; empty when there is no companions list.
    Companions { pairs: Vec<(String, String, u64)> },
}

impl fmt::Display for Detail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Detail::Format { transcript, commitment } => write!(f, "{transcript} with {commitment}"),
            Detail::CommitmentFormat { commitment } => f.write_str(commitment),
            Detail::PublishedCommitment { digest } => {
                write!(f, "the transcript embeds exactly the published commitment {digest}")
            }
            Detail::CommitmentDigest { digest } => f.write_str(digest),
            Detail::CanonicalOrder { entries } => write!(f, "{entries} entries strictly ascending by leaf"),
            Detail::Counts { entries, total_weight, recipients, reserves } => {
                write!(
                    f,
                    "{entries} entries, total weight {total_weight}, {recipients} recipients + {reserves} reserves"
                )
            }
            Detail::Pot { grants, grant_cents, amount_cents, surplus_cents } => {
                write!(f, "{grants} grants of {grant_cents} cents from {amount_cents} cents, surplus {surplus_cents}")
            }
            Detail::SeedCommitment => f.write_str("the revealed seed is the committed one"),
            Detail::EntropyPlan { sources } => {
                write!(f, "{sources} announced source(s), each revealed once, in plan order")
            }
            Detail::DrawReplay { picks, draw_seed } => write!(f, "replayed {picks} picks from draw seed {draw_seed}"),
            Detail::DrawReplayRfc3797 { picks, key } => write!(f, "replayed {picks} RFC 3797 picks from key {key}"),
            Detail::Beacon { rounds } if rounds.is_empty() => f.write_str("no drand source in the plan"),
            Detail::Beacon { rounds } => {
                write!(f, "genuine drand signature(s), verified offline: {}", rounds.join(", "))
            }
            Detail::Result { recipients, reserves } => {
                write!(f, "{recipients} recipient(s) and {reserves} reserve(s) match the list")
            }
            Detail::ListReplay { picks, list_seed } => write!(f, "replayed {picks} picks from list seed {list_seed}"),
            Detail::PerList(lists) if lists.is_empty() => f.write_str("no list has this rule"),
            Detail::PerList(lists) => {
                let each: Vec<String> = lists.iter().map(|(name, d)| format!("{name}: {d}")).collect();
                f.write_str(&each.join("; "))
            }
            Detail::Companions { pairs } if pairs.is_empty() => f.write_str("no companions list"),
            Detail::Companions { pairs } => {
                let each: Vec<String> =
                    pairs.iter().map(|(list, of, k)| format!("{list} travels with {of}: {k} pair(s)")).collect();
                f.write_str(&each.join("; "))
            }
        }
    }
}

/// What a failed check found wrong. `expected` and `found` of the
/// [`crate::Failure`] carry the values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum What {
    /// A member of a document (a path such as `transcript.result[0].leaf`)
    /// does not hold what the replay or the arithmetic gives.
    Field(String),
    /// The transcript embeds a commitment with another digest than the published one.
    PublishedDigest,
    /// The embedded commitment differs from the published one elsewhere.
    PublishedMember,
    /// The commitment body cannot be canonically encoded.
    CanonicalEncoding,
    /// H(tag, JCS(body)) is not the recorded commitment digest.
    CommitmentDigest { tag: &'static str },
    /// Entry `index` does not sort strictly after the one before it.
    Order { index: u64 },
    /// The weights add up to more than 2^64.
    WeightSum,
    /// More recipients and reserves than entries.
    TooManyPicks,
    /// The pot cannot pay the recipients' grants.
    PotTooSmall,
    /// The revealed seed does not hash to the seed commitment.
    SeedCommitment,
    /// The revealed sources are not the planned ones, in plan order.
    EntropySources,
    /// The selection itself could not be made.
    Selection,
    /// The result has another number of entries than the draw makes.
    ResultCount,
    /// Version 4 (SPEC §17.7): what failed in list `number` (1-based), named `name`.
    InList { number: u64, name: String, what: Box<What> },
    /// Version 4: the transcript holds another number of lists than the commitment.
    ListCount,
}

impl fmt::Display for What {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            What::Field(path) => f.write_str(path),
            What::PublishedDigest => {
                f.write_str("the transcript embeds a commitment with another digest than the one published")
            }
            What::PublishedMember => f.write_str(
                "the transcript's commitment differs from the published one in a member other than the digest",
            ),
            What::CanonicalEncoding => f.write_str("canonical encoding"),
            What::CommitmentDigest { tag } => write!(f, "H(\"{tag}\", JCS(body)) does not equal commitment.digest"),
            What::Order { index } => write!(
                f,
                "commitment.candidates.entries[{index}] must sort strictly after entries[{}]",
                index.saturating_sub(1)
            ),
            What::WeightSum => f.write_str("sum of weights"),
            What::TooManyPicks => f.write_str("recipients + reserves"),
            What::PotTooSmall => f.write_str("recipients × grant_cents"),
            What::SeedCommitment => {
                f.write_str("H(\"potdraw/v1/seed-commitment\", seed) does not equal commitment.seed_commitment")
            }
            What::EntropySources => f.write_str("transcript.entropy must hold the planned sources in plan order"),
            What::Selection => f.write_str("selection"),
            What::ResultCount => f.write_str("number of transcript.result entries"),
            What::InList { number, name, what } => write!(f, "list {number} ({name}): {what}"),
            What::ListCount => f.write_str("number of transcript.lists"),
        }
    }
}

/// The fixed English phrases a failure's `expected` or `found` may hold in
/// place of a value, each with the key under which a front end says it in
/// another language (`at most N` is the one pattern with a number, see
/// [`AT_MOST`]). Values (digests, counts, quoted text) are never translated.
pub const PHRASES: [(&str, &str); 12] = [
    ("JCS-encodable body", "jcs-encodable"),
    ("a total below 2^64", "total-below-2-64"),
    ("an overflow", "overflow"),
    ("at least 1", "at-least-one"),
    ("more", "more"),
    ("a seed and a seed commitment", "seed-and-commitment"),
    ("none", "none"),
    ("a valid list", "valid-list"),
    ("lowercase hexadecimal bytes", "lowercase-hex"),
    ("the round's signature", "round-signature"),
    ("no such member", "no-such-member"),
    ("no \"round\" member", "no-round-member"),
];

/// `at most N`: the prefix of the one numeric phrase.
pub const AT_MOST: &str = "at most ";

/// Any other description is a member of a document.
impl From<&str> for What {
    fn from(path: &str) -> What {
        What::Field(path.to_string())
    }
}

impl From<String> for What {
    fn from(path: String) -> What {
        What::Field(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `--json` carries these words; scripts may match them, so they stay as they were.
    #[test]
    fn the_english_of_json_is_stable() {
        let pot = Detail::Pot { grants: 5, grant_cents: 1_200_000, amount_cents: 6_500_000, surplus_cents: 500_000 };
        assert_eq!(pot.to_string(), "5 grants of 1200000 cents from 6500000 cents, surplus 500000");
        let counts = Detail::Counts { entries: 24, total_weight: 29, recipients: 5, reserves: 3 };
        assert_eq!(counts.to_string(), "24 entries, total weight 29, 5 recipients + 3 reserves");
        assert_eq!(
            What::Order { index: 4 }.to_string(),
            "commitment.candidates.entries[4] must sort strictly after entries[3]"
        );
        assert_eq!(What::from("transcript.result[0].leaf").to_string(), "transcript.result[0].leaf");
        assert_eq!(Detail::Beacon { rounds: vec![] }.to_string(), "no drand source in the plan");
        assert_eq!(
            Detail::Beacon { rounds: vec!["quicknet round 7".into()] }.to_string(),
            "genuine drand signature(s), verified offline: quicknet round 7"
        );
        assert_eq!(
            What::CommitmentDigest { tag: "potdraw/v1/commitment" }.to_string(),
            "H(\"potdraw/v1/commitment\", JCS(body)) does not equal commitment.digest"
        );
    }
}
