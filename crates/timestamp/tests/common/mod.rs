//! Running OpenSSL beside potdraw's checker: the verdict of
//! `openssl ts -verify` on a token, at the token's own genTime.

#![allow(dead_code)]

pub mod tsa;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The openssl binary; CI installs it (.ci/run), so a missing one fails there.
pub fn openssl() -> Option<PathBuf> {
    let path = PathBuf::from("/usr/bin/openssl");
    if path.exists() {
        return Some(path);
    }
    assert!(std::env::var_os("POTDRAW_CI").is_none(), "openssl is missing, and CI needs it");
    eprintln!("skipping: /usr/bin/openssl is missing");
    None
}

/// What the token is checked against: a file's bytes or a bare digest.
pub enum Against<'a> {
    Data(&'a Path),
    Digest(&'a [u8]),
}

/// `openssl ts -verify` at `attime` (POSIX seconds), the chain file as both
/// the trusted roots and the untrusted certificates, as potdraw reads `--tsa-roots`.
pub fn openssl_verifies(token: &Path, against: &Against<'_>, chain: &Path, attime: i64) -> bool {
    let bin = openssl().expect("openssl");
    let mut cmd = Command::new(bin);
    cmd.args(["ts", "-verify", "-in"]).arg(token);
    match against {
        Against::Data(p) => cmd.arg("-data").arg(p),
        Against::Digest(d) => cmd.arg("-digest").arg(hex::encode(d)),
    };
    cmd.arg("-CAfile").arg(chain).arg("-untrusted").arg(chain).arg("-attime").arg(attime.to_string());
    let out = cmd.output().expect("run openssl");
    let text = String::from_utf8_lossy(&out.stdout);
    out.status.success() && text.contains("Verification: OK")
}

/// The directory of this crate's test data.
pub fn data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(rel)
}
