//! Two things the binary needs at compile time.
//!
//! The message catalogues: every `locales/<code>.txt` is compiled into the
//! binary, so a new language is a new file there, not a code change, and
//! `potdraw --lang <code>` can select it.
//!
//! What `potdraw version` says about this build (docs/RELEASE.md): the git
//! commit, the rustc that compiled it, and the sha256 of docs/SPEC.md. None
//! of them depends on the folder, the clock or the user, so two builds of one
//! commit stay byte-identical (scripts/reproducible-check).

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::{env, fs};

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    catalogues(&manifest);
    let workspace = manifest.join("../..");
    let commit = commit(&workspace).unwrap_or_default();
    // `potdraw --version`: "0.1.0 (90a29ad7c3b1)", or "0.1.0" outside git.
    let short = match commit.get(..12) {
        Some(c) => format!("{} ({c})", env::var("CARGO_PKG_VERSION").expect("cargo sets CARGO_PKG_VERSION")),
        None => env::var("CARGO_PKG_VERSION").expect("cargo sets CARGO_PKG_VERSION"),
    };
    println!("cargo:rustc-env=POTDRAW_BUILD_VERSION_SHORT={short}");
    println!("cargo:rustc-env=POTDRAW_BUILD_COMMIT={commit}");
    println!("cargo:rustc-env=POTDRAW_BUILD_RUSTC={}", rustc_version());
    let spec = workspace.join("docs/SPEC.md");
    println!("cargo:rerun-if-changed={}", spec.display());
    let spec_sha256 = fs::read(&spec).map(|bytes| hex(&Sha256::digest(bytes))).unwrap_or_default();
    println!("cargo:rustc-env=POTDRAW_BUILD_SPEC_SHA256={spec_sha256}");
}

fn catalogues(manifest: &Path) {
    let dir = manifest.join("locales");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut codes: Vec<String> = fs::read_dir(&dir)
        .expect("crates/cli/locales exists")
        .filter_map(|e| {
            let path = e.expect("readable locales entry").path();
            let name = path.file_name()?.to_str()?.to_owned();
            name.strip_suffix(".txt").map(str::to_owned)
        })
        .collect();
    codes.sort();
    let mut out = String::from("/// Every catalogue in `locales/`, as (language code, file text), sorted by code.\n");
    out.push_str("pub static CATALOGUES: &[(&str, &str)] = &[\n");
    for code in &codes {
        let path = dir.join(format!("{code}.txt"));
        println!("cargo:rerun-if-changed={}", path.display());
        // The path through CARGO_MANIFEST_DIR, not spelled out: this file's
        // bytes (and their hash, which goes into the binary) must not
        // depend on the folder the build runs in.
        out.push_str(&format!(
            "    ({code:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/locales/{code}.txt\"))),\n"
        ));
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("catalogues.rs");
    fs::write(dest, out).expect("OUT_DIR is writable");
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The commit: `POTDRAW_COMMIT` if set (a build from a source tarball can
/// name its commit), else `git rev-parse HEAD` when this workspace is the top
/// of a git checkout, else none ("unknown"). A crate unpacked inside some
/// other repository does not take that repository's commit.
fn commit(workspace: &Path) -> Option<String> {
    println!("cargo:rerun-if-env-changed=POTDRAW_COMMIT");
    if let Some(c) = env::var("POTDRAW_COMMIT").ok().filter(|c| !c.is_empty()) {
        let hex_id =
            (c.len() == 40 || c.len() == 64) && c.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        assert!(
            hex_id,
            "POTDRAW_COMMIT: expected a full git commit id (40 or 64 lowercase hex characters), found {c:?}"
        );
        return Some(c);
    }
    let top = git(workspace, &["rev-parse", "--show-toplevel"])?;
    if fs::canonicalize(top).ok()? != fs::canonicalize(workspace).ok()? {
        return None;
    }
    // Build again when HEAD moves: HEAD itself, the branch it names, packed refs.
    let mut watched = vec!["HEAD".to_string(), "packed-refs".to_string()];
    watched.extend(git(workspace, &["symbolic-ref", "-q", "HEAD"]));
    for name in watched {
        if let Some(path) = git(workspace, &["rev-parse", "--path-format=absolute", "--git-path", &name]) {
            if Path::new(&path).exists() {
                println!("cargo:rerun-if-changed={path}");
            }
        }
    }
    git(workspace, &["rev-parse", "HEAD"])
}

/// One line of git's output, if git is there and succeeds.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git").arg("-C").arg(dir).args(args).output().ok()?;
    let line = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && !line.is_empty()).then_some(line)
}

/// `rustc -V` of the compiler cargo uses, e.g. "rustc 1.95.0 (59807616e 2026-04-14)":
/// a rebuild must use the same one to get the same bytes (docs/RELEASE.md).
fn rustc_version() -> String {
    let rustc = env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    Command::new(rustc)
        .arg("-V")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}
