//! The `published-before` check (SPEC §18.3): was the commitment
//! time-stamped before anyone could know the draw's entropy?
//!
//! A pure comparison. The moment compared with is the earliest one the
//! plan itself fixes: the time of a drand round (SPEC §13.4), which anyone
//! can compute from the committed chain. Dice are rolled at the event, and
//! a `numbers` source or a v1 `text` source records no date in its plan, so
//! for them only the event's own record (or the lottery's publication)
//! gives that moment; the check says so instead of guessing.

use crate::GenTime;

/// A trusted token's time: genTime and the authority's accuracy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenTime {
    /// genTime.
    pub gen_time: GenTime,
    /// The accuracy in microseconds; `None` when the token states none.
    pub accuracy_micros: Option<u64>,
}

/// SPEC §18.3: a token without `accuracy` is taken as accurate to one
/// second, the resolution of a genTime without fraction.
pub const DEFAULT_ACCURACY_MICROS: u64 = 1_000_000;

impl TokenTime {
    /// The latest moment the token allows, in microseconds since 1970:
    /// genTime plus its accuracy.
    pub fn latest_micros(&self) -> i128 {
        let at = i128::from(self.gen_time.unix) * 1_000_000 + i128::from(self.gen_time.nanos / 1000);
        at + i128::from(self.accuracy_micros.unwrap_or(DEFAULT_ACCURACY_MICROS))
    }

    /// The latest moment, rounded up to a whole POSIX second, for people.
    pub fn latest_unix(&self) -> i64 {
        let micros = self.latest_micros();
        i64::try_from((micros + 999_999).div_euclid(1_000_000)).unwrap_or(i64::MAX)
    }
}

/// A source of the commitment's entropy plan, with what the plan says of its time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceMoment {
    /// A drand round, published at `time` (POSIX seconds, SPEC §13.4).
    Drand { label: String, round: u64, time: i64 },
    /// Dice, rolled at the event.
    Dice { label: String },
    /// Published numbers (v3): the plan records no date.
    Numbers { label: String },
    /// A published text (v1, v2): the plan records no date.
    Text { label: String },
}

/// Why a source's moment is not known from the documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undecided {
    /// Dice: only the event's own record says when they were rolled.
    Dice { label: String },
    /// Numbers or text: the plan records no date of the publication.
    NoDate { label: String },
}

/// The outcome of `published-before` (SPEC §18.3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PublishedBefore {
    /// No trusted token: the manual route of SPEC §9.6 remains.
    NoTrustedToken,
    /// The plan fixes no moment (no drand source): `undecided` says why for each source.
    NotDecidable { undecided: Vec<Undecided> },
    /// The earliest token's latest moment is before the earliest drand round.
    Passed { token: TokenTime, label: String, round: u64, entropy_time: i64, undecided: Vec<Undecided> },
    /// Even the earliest token is not before the earliest drand round.
    Failed { token: TokenTime, label: String, round: u64, entropy_time: i64 },
}

impl PublishedBefore {
    /// The stable name of the outcome, for `--json`.
    pub fn code(&self) -> &'static str {
        match self {
            PublishedBefore::NoTrustedToken => "no-trusted-token",
            PublishedBefore::NotDecidable { .. } => "not-decidable",
            PublishedBefore::Passed { .. } => "passed",
            PublishedBefore::Failed { .. } => "failed",
        }
    }
}

/// SPEC §18.3: compares the earliest trusted token with the earliest moment
/// the plan fixes. Strict: a token whose latest moment equals the round's
/// time does not pass, because the round may be known at that very second.
pub fn published_before(tokens: &[TokenTime], sources: &[SourceMoment]) -> PublishedBefore {
    let Some(token) = tokens.iter().min_by_key(|t| t.latest_micros()).copied() else {
        return PublishedBefore::NoTrustedToken;
    };
    let undecided: Vec<Undecided> = sources
        .iter()
        .filter_map(|s| match s {
            SourceMoment::Drand { .. } => None,
            SourceMoment::Dice { label } => Some(Undecided::Dice { label: label.clone() }),
            SourceMoment::Numbers { label } | SourceMoment::Text { label } => {
                Some(Undecided::NoDate { label: label.clone() })
            }
        })
        .collect();
    let earliest = sources
        .iter()
        .filter_map(|s| match s {
            SourceMoment::Drand { label, round, time } => Some((label, *round, *time)),
            _ => None,
        })
        .min_by_key(|(_, _, time)| *time);
    let Some((label, round, entropy_time)) = earliest else {
        return PublishedBefore::NotDecidable { undecided };
    };
    let label = label.clone();
    if token.latest_micros() < i128::from(entropy_time) * 1_000_000 {
        PublishedBefore::Passed { token, label, round, entropy_time, undecided }
    } else {
        PublishedBefore::Failed { token, label, round, entropy_time }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(unix: i64, nanos: u32, acc: Option<u64>) -> TokenTime {
        TokenTime { gen_time: GenTime { unix, nanos }, accuracy_micros: acc }
    }

    fn drand(time: i64) -> SourceMoment {
        SourceMoment::Drand { label: "beacon".into(), round: 7, time }
    }

    #[test]
    fn accuracy_decides_at_the_boundary() {
        // 1 s before the round with 0.5 s accuracy: before.
        assert_eq!(published_before(&[at(99, 0, Some(500_000))], &[drand(100)]).code(), "passed");
        // Exactly at the round's second, or reaching it through accuracy: not before.
        assert_eq!(published_before(&[at(100, 0, Some(0))], &[drand(100)]).code(), "failed");
        assert_eq!(published_before(&[at(99, 0, Some(1_000_000))], &[drand(100)]).code(), "failed");
        // No accuracy stated: one second is assumed.
        assert_eq!(published_before(&[at(99, 0, None)], &[drand(100)]).code(), "failed");
        assert_eq!(published_before(&[at(98, 999_999_000, None)], &[drand(100)]).code(), "passed");
    }

    #[test]
    fn the_earliest_token_and_the_earliest_round_count() {
        let tokens = [at(500, 0, Some(0)), at(90, 0, Some(0))];
        let sources = [drand(1000), SourceMoment::Drand { label: "early".into(), round: 1, time: 95 }];
        match published_before(&tokens, &sources) {
            PublishedBefore::Passed { label, entropy_time, token, .. } => {
                assert_eq!((label.as_str(), entropy_time, token.gen_time.unix), ("early", 95, 90));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn dice_and_numbers_are_named_not_guessed() {
        let sources = [SourceMoment::Dice { label: "room".into() }, SourceMoment::Numbers { label: "lotto".into() }];
        assert_eq!(
            published_before(&[at(1, 0, None)], &sources),
            PublishedBefore::NotDecidable {
                undecided: vec![Undecided::Dice { label: "room".into() }, Undecided::NoDate { label: "lotto".into() }]
            }
        );
        assert_eq!(published_before(&[], &sources), PublishedBefore::NoTrustedToken);
        let mixed = [SourceMoment::Dice { label: "room".into() }, drand(100)];
        match published_before(&[at(1, 0, None)], &mixed) {
            PublishedBefore::Passed { undecided, .. } => {
                assert_eq!(undecided, vec![Undecided::Dice { label: "room".into() }])
            }
            other => panic!("{other:?}"),
        }
    }
}
