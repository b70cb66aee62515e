//! Typed errors. Two families, because callers treat them differently: an
//! [`BeaconError::Input`] is malformed input (a usage error, exit 2), a
//! [`BeaconError::Rejected`] is a well-formed beacon that is not genuine for
//! this chain and round (a forgery or a mistake, exit 1 in `beacon verify`).

/// Why a well-formed beacon was rejected. The ids are stable: test vectors
/// (`fixtures/drand/*.txt`, `expect: rejected ID`) and reports use them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rejection {
    /// The signature has the wrong length for the chain's scheme (e.g. a
    /// quicknet signature presented for mainnet).
    SignatureLength,
    /// The signature is not a valid group element, or the pairing check
    /// against the chain's public key fails for this round's message.
    BadSignature,
    /// A chained scheme needs the previous round's signature.
    MissingPreviousSignature,
    /// An unchained scheme signs the round alone; a previous signature is refused.
    UnexpectedPreviousSignature,
    /// The beacon's `randomness` is not SHA-256 of its signature.
    RandomnessMismatch,
    /// A chain's `hash` does not match its other members.
    ChainHash,
}

impl Rejection {
    pub const ALL: [Rejection; 6] = [
        Rejection::SignatureLength,
        Rejection::BadSignature,
        Rejection::MissingPreviousSignature,
        Rejection::UnexpectedPreviousSignature,
        Rejection::RandomnessMismatch,
        Rejection::ChainHash,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Rejection::SignatureLength => "signature-length",
            Rejection::BadSignature => "bad-signature",
            Rejection::MissingPreviousSignature => "missing-previous-signature",
            Rejection::UnexpectedPreviousSignature => "unexpected-previous-signature",
            Rejection::RandomnessMismatch => "randomness-mismatch",
            Rejection::ChainHash => "chain-hash",
        }
    }

    pub fn from_id(id: &str) -> Option<Rejection> {
        Rejection::ALL.into_iter().find(|r| r.id() == id)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BeaconError {
    /// The input does not have the required form.
    #[error("{field}: expected {expected}, found {found}")]
    Input { field: String, expected: String, found: String },
    /// The input is well-formed but not a genuine beacon of this chain and round.
    #[error("{field}: {} ({}): expected {expected}, found {found}", .kind.id(), describe(*.kind))]
    Rejected { kind: Rejection, field: String, expected: String, found: String },
}

fn describe(kind: Rejection) -> &'static str {
    match kind {
        Rejection::SignatureLength => "the signature does not fit the chain's scheme",
        Rejection::BadSignature => "the BLS signature does not verify for this chain and round",
        Rejection::MissingPreviousSignature => "the chained scheme needs the previous signature",
        Rejection::UnexpectedPreviousSignature => "an unchained scheme has no previous signature",
        Rejection::RandomnessMismatch => "randomness is not SHA-256 of the signature",
        Rejection::ChainHash => "the chain hash does not match the chain's members",
    }
}

impl BeaconError {
    pub(crate) fn input(field: impl Into<String>, expected: impl Into<String>, found: impl ToString) -> Self {
        BeaconError::Input { field: field.into(), expected: expected.into(), found: found.to_string() }
    }

    pub(crate) fn rejected(
        kind: Rejection,
        field: impl Into<String>,
        expected: impl Into<String>,
        found: impl ToString,
    ) -> Self {
        BeaconError::Rejected { kind, field: field.into(), expected: expected.into(), found: found.to_string() }
    }

    /// The rejection, if the input was well-formed but not genuine.
    pub fn rejection(&self) -> Option<Rejection> {
        match self {
            BeaconError::Rejected { kind, .. } => Some(*kind),
            BeaconError::Input { .. } => None,
        }
    }

    pub fn field(&self) -> &str {
        match self {
            BeaconError::Input { field, .. } | BeaconError::Rejected { field, .. } => field,
        }
    }

    pub fn expected(&self) -> &str {
        match self {
            BeaconError::Input { expected, .. } | BeaconError::Rejected { expected, .. } => expected,
        }
    }

    pub fn found(&self) -> &str {
        match self {
            BeaconError::Input { found, .. } | BeaconError::Rejected { found, .. } => found,
        }
    }

    /// The same error reported under another field path (e.g. inside a transcript).
    pub fn under(self, prefix: &str) -> Self {
        match self {
            BeaconError::Input { field, expected, found } => {
                BeaconError::Input { field: format!("{prefix}.{field}"), expected, found }
            }
            BeaconError::Rejected { kind, field, expected, found } => {
                BeaconError::Rejected { kind, field: format!("{prefix}.{field}"), expected, found }
            }
        }
    }
}
