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

/// The package version, e.g. `0.1.0`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Every format identifier this potdraw writes and verifies: the parsers'
/// own table ([`potdraw_core::parse::FORMATS`], which `parse::kind` reads).
pub fn formats() -> Vec<&'static str> {
    potdraw_core::parse::FORMATS.iter().map(|(id, _)| *id).collect()
}

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
            "formats": formats(),
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
    for f in formats() {
        out.push_str(&format!("  {f}\n"));
    }
    out
}
