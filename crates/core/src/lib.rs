//! potdraw-core: protocol v1 of potdraw, without I/O.
//!
//! Everything a verifier must agree on byte for byte lives here and cites
//! the section of `docs/SPEC.md` it implements: the tagged hash (§3), leaves
//! and receipt codes (§4), entropy and the draw seed (§5), the ChaCha20
//! stream, the unbiased sampler and the weighted selection (§6), and the
//! documents with their canonical encoding (§2.3, §7). The CLI adds files,
//! clocks and the operating system's randomness; the verify crate adds the
//! named checks.
#![forbid(unsafe_code)]

pub mod amend;
pub mod canon;
pub mod code;
pub mod commit;
pub mod draw;
pub mod entries;
pub mod entropy;
pub mod error;
pub mod hash;
pub mod jcs;
pub mod lists;
pub mod lists_draw;
pub mod model;
pub mod money;
pub mod par;
pub mod parse;
pub mod plan;
pub mod receipts;
pub mod rfc3797;
pub mod select;
pub mod stream;
pub mod succession;
pub mod succession_v2;
pub mod time;
pub mod unicode;
pub mod vector;
pub mod wire;

pub use error::FieldError;
pub use hash::Hash32;
