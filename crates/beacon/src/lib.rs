//! potdraw-beacon: the trust boundary between potdraw and the drand network
//! (SPEC §13). Everything here is a pure function of its arguments: no
//! network, no files, no clock. The CLI fetches or reads bytes and hands them
//! in; this crate says whether they are a genuine drand round.
//!
//! Why a separate crate: the BLS pairing code (through `drand-verify`) is by
//! far the largest dependency potdraw has, and an auditor should be able to
//! see at a glance where it is used and what it decides. The verify crate
//! calls exactly one function of it, [`verify`], for every `drand` source.
//!
//! Each encoding decision lives in one small named function: what is signed
//! ([`message`]), how randomness is derived ([`randomness`]), how a round maps
//! to a time ([`time_of`], [`round_at`]) and how a chain is identified
//! ([`ChainInfo::computed_hash`]).
#![forbid(unsafe_code)]

mod chain;
mod error;
mod verify;

pub use chain::{builtin, builtin_name, ChainInfo, Scheme, BUILTIN_NAMES};
pub use error::{BeaconError, Rejection};
pub use verify::{message, parse_beacon, randomness, round_at, time_of, verify, verify_beacon, Beacon};
