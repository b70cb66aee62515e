//! `potdraw version`: what this binary is, so that a notary or an auditor
//! can tie a result to the exact program that produced or verified it
//! (docs/RELEASE.md): the version, the git commit and the rustc it was built
//! from, the sha256 of the protocol text (docs/SPEC.md) it implements, and
//! the document formats it writes and verifies.
//!
//! The commit, rustc and SPEC hash are fixed at build time by build.rs.

use crate::args::VersionArgs;
use crate::i18n::Lang;
use crate::{t, Exit};
use anyhow::Result;
use potdraw_core::wire;

/// The package version, e.g. `0.1.0`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Every format identifier of SPEC §7.1 (`crates/core/src/wire.rs`). This
/// potdraw writes each of them (the lowest version that can express a plan,
/// SPEC §10) and verifies each of them. A test checks that no identifier of
/// wire.rs is missing here.
pub const FORMATS: &[&str] = &[
    wire::COMMITMENT_V1,
    wire::COMMITMENT_V2,
    wire::COMMITMENT_V3,
    wire::COMMITMENT_RFC3797,
    wire::COMMITMENT_RFC3797_V2,
    wire::TRANSCRIPT_V1,
    wire::TRANSCRIPT_V2,
    wire::TRANSCRIPT_V3,
    wire::TRANSCRIPT_RFC3797,
    wire::TRANSCRIPT_RFC3797_V2,
    wire::RECEIPT_V1,
    potdraw_core::lists::COMMITMENT_V4,
    potdraw_core::lists::TRANSCRIPT_V4,
    potdraw_core::lists::RECEIPT_V2,
    potdraw_core::amend::AMENDMENTS_V1,
    potdraw_core::amend::AMENDMENTS_V2,
];

/// The git commit this binary was built from (40 hex characters), if known.
pub fn commit() -> Option<&'static str> {
    Some(env!("POTDRAW_BUILD_COMMIT")).filter(|c| !c.is_empty())
}

/// `rustc -V` of the compiler that built this binary.
pub fn rustc() -> Option<&'static str> {
    Some(env!("POTDRAW_BUILD_RUSTC")).filter(|c| !c.is_empty())
}

/// The sha256 of docs/SPEC.md at build time, if the file was there.
pub fn spec_sha256() -> Option<&'static str> {
    Some(env!("POTDRAW_BUILD_SPEC_SHA256")).filter(|c| !c.is_empty())
}

/// The commit for a sentence: its id, or "unknown" in the user's language.
pub fn commit_or_unknown(lang: Lang) -> String {
    commit().map_or_else(|| t!(lang, "version.unknown"), str::to_owned)
}

pub fn run(a: VersionArgs) -> Result<Exit> {
    if a.json {
        let json = serde_json::json!({
            "name": "potdraw",
            "version": VERSION,
            "commit": commit(),
            "rustc": rustc(),
            "target": format!("{}-{}", std::env::consts::ARCH, std::env::consts::OS),
            "spec": { "file": "docs/SPEC.md", "sha256": spec_sha256() },
            "formats": FORMATS,
        });
        println!("{}", serde_json::to_string_pretty(&json)?);
        return Ok(Exit::Success);
    }
    print!("{}", text(Lang::current()));
    Ok(Exit::Success)
}

/// The long form for people.
pub fn text(lang: Lang) -> String {
    let unknown = t!(lang, "version.unknown");
    let mut out = format!("potdraw {VERSION}\n");
    let commit = match commit() {
        Some(c) => t!(lang, "version.commit", commit = c),
        None => t!(lang, "version.commit-unknown"),
    };
    out.push_str(&format!("{commit}\n"));
    out.push_str(&format!("{}\n", t!(lang, "version.rustc", rustc = rustc().unwrap_or(&unknown))));
    let spec = match spec_sha256() {
        Some(sha256) => t!(lang, "version.spec", sha256 = sha256),
        None => t!(lang, "version.spec-unknown"),
    };
    out.push_str(&format!("{spec}\n{}\n", t!(lang, "version.formats")));
    for f in FORMATS {
        out.push_str(&format!("  {f}\n"));
    }
    out
}
