//! `potdraw timestamp`'s operation (SPEC §18.1): a time-stamp token over a
//! commitment's digest from each authority named, checked completely (its
//! nonce too) before it is written beside the commitment as
//! `commitment.json.NAME.tsr`, NAME from the authority's host.
//!
//! WHY split from the network: everything but the one HTTP POST (naming,
//! the request, the check of the reply, the atomic write) is plain code that
//! the default build and its tests run; only [`fetch::post`] needs the
//! `fetch` feature, the only network code in potdraw besides `beacon fetch`.

use crate::ops::documents::AnyCommitment;
use anyhow::Result;
use potdraw_core::entropy::PlanEntry;
use potdraw_timestamp::{Checked, Roots, TokenError};
use std::path::{Path, PathBuf};

/// The largest reply read: real tokens are a few kilobytes.
pub const MAX_REPLY_BYTES: u64 = 1 << 20;

/// The commitment a token is asked for: its digest (SPEC §4.5) and plan.
pub struct Target {
    pub path: PathBuf,
    pub digest: [u8; 32],
    pub plan: Vec<PlanEntry>,
}

/// Reads the commitment (either layout) that the tokens will stamp, and
/// checks it (SPEC §8.3): a commitment that fails its own checks is not
/// worth a proof of its time, so nothing is sent for it.
pub fn target(path: &Path) -> Result<Target> {
    let failed = |check: &dyn std::fmt::Display| {
        crate::problem!("timestamp-commitment-failed", file = path.display(), check = check)
    };
    let (digest, plan) = match AnyCommitment::read(path)? {
        AnyCommitment::One(c) => match potdraw_verify::verify_commitment(c).outcome {
            Ok(v) => (v.get().digest, v.get().plan.clone()),
            Err(f) => return Err(failed(&f.check.id())),
        },
        AnyCommitment::Lists(c) => match potdraw_verify::verify_lists_commitment(c).outcome {
            Ok(v) => (v.get().digest, v.get().plan.clone()),
            Err(f) => return Err(failed(&f.check.id())),
        },
    };
    Ok(Target { path: path.to_path_buf(), digest, plan })
}

/// An authority: its URL and the file its token goes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authority {
    pub url: String,
    pub name: String,
    pub file: PathBuf,
}

/// The name of a token from an authority's URL: its host, lower case, with
/// anything but letters, digits, dots and hyphens made a hyphen, and the
/// port when the URL gives one (`https://freetsa.org/tsr` → `freetsa.org`,
/// `http://127.0.0.1:8080/` → `127.0.0.1-8080`). Only http and https.
pub fn name_of(url: &str) -> Result<String> {
    let bad = || crate::problem!("tsa-url", found = potdraw_core::error::quote(url));
    let lower = url.trim().to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://")).ok_or_else(bad)?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let (host, port) = if let Some(v6) = host_port.strip_prefix('[') {
        let (h, after) = v6.split_once(']').ok_or_else(bad)?;
        (h, after.strip_prefix(':'))
    } else {
        match host_port.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (host_port, None),
        }
    };
    if host.is_empty() || port.is_some_and(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
        return Err(bad());
    }
    let clean = |s: &str| -> String {
        s.chars().map(|c| if c.is_ascii_alphanumeric() || c == '.' || c == '-' { c } else { '-' }).collect()
    };
    let name = clean(host).trim_matches(['.', '-']).to_string();
    if name.is_empty() {
        return Err(bad());
    }
    Ok(match port {
        Some(p) => format!("{name}-{p}"),
        None => name,
    })
}

/// The authorities of `--tsa`, each with its file beside the commitment
/// (SPEC §18.1). Refused before anything is sent: an address that is not
/// http(s), two addresses with one name, or a file that exists without
/// `force` (so no request is wasted and no token overwritten).
pub fn authorities(commitment: &Path, urls: &[String], force: bool) -> Result<Vec<Authority>> {
    let file_name = commitment.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut out: Vec<Authority> = Vec::with_capacity(urls.len());
    for url in urls {
        let name = name_of(url)?;
        if let Some(first) = out.iter().find(|a| a.name == name) {
            return Err(crate::problem!("tsa-url-twice", first = first.url, second = url, name = name));
        }
        let file = commitment.with_file_name(format!("{file_name}.{name}.tsr"));
        crate::files::ensure_writable(&file, force)?;
        out.push(Authority { url: url.trim().to_string(), name, file });
    }
    Ok(out)
}

/// A request for the target's digest with a fresh nonce from the operating
/// system's generator (SPEC §18.1).
pub fn request(t: &Target) -> Result<potdraw_timestamp::Request> {
    let mut seed = [0u8; 8];
    getrandom::fill(&mut seed).map_err(|e| anyhow::anyhow!("the operating system's random generator failed: {e}"))?;
    potdraw_timestamp::request(&t.digest, seed).map_err(|e| anyhow::anyhow!("internal error: {e}"))
}

/// SPEC §18.2 on a reply, with the request's nonce (step 9): a reply that
/// fails is never written.
pub fn check_reply(reply: &[u8], t: &Target, nonce: &[u8], roots: &Roots) -> Result<Checked, TokenError> {
    potdraw_timestamp::check(reply, &t.digest, roots, Some(nonce))
}

/// Writes a checked reply beside the commitment, atomically, never over an
/// existing file unless `force`.
pub fn write(a: &Authority, reply: &[u8], force: bool) -> Result<()> {
    crate::files::write(&a.file, reply, crate::files::Access::Public, force)
}

#[cfg(feature = "fetch")]
pub use fetch::post;

/// Feature `fetch` (off by default): the HTTP POST of RFC 3161 §3.4.
#[cfg(feature = "fetch")]
pub mod fetch {
    use anyhow::Result;
    use std::io::Read;

    /// Sends the DER request as `application/timestamp-query` and returns
    /// the reply's bytes (at most [`super::MAX_REPLY_BYTES`]), not yet checked.
    pub fn post(url: &str, der: &[u8]) -> Result<Vec<u8>> {
        let failed = |detail: String| crate::problem!("tsa-request", url = url, detail = detail);
        let agent = ureq::AgentBuilder::new().timeout(std::time::Duration::from_secs(30)).build();
        let reply = agent
            .post(url)
            .set("Content-Type", "application/timestamp-query")
            .set("Accept", "application/timestamp-reply")
            .send_bytes(der)
            .map_err(|e| failed(e.to_string()))?;
        let mut body = Vec::new();
        reply
            .into_reader()
            .take(super::MAX_REPLY_BYTES + 1)
            .read_to_end(&mut body)
            .map_err(|e| failed(e.to_string()))?;
        if body.len() as u64 > super::MAX_REPLY_BYTES {
            return Err(failed(format!("the reply is larger than {} bytes", super::MAX_REPLY_BYTES)));
        }
        Ok(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_named_by_its_authority_s_host() {
        assert_eq!(name_of("https://freetsa.org/tsr").unwrap(), "freetsa.org");
        assert_eq!(name_of("HTTP://Timestamp.Sectigo.com").unwrap(), "timestamp.sectigo.com");
        assert_eq!(name_of("http://127.0.0.1:8080/").unwrap(), "127.0.0.1-8080");
        assert_eq!(name_of("http://user:pw@tsa.example:80/x?y").unwrap(), "tsa.example-80");
        assert_eq!(name_of("http://[::1]:9/").unwrap(), "1-9");
        for bad in ["ftp://x/", "freetsa.org", "http:///tsr", "http://:80/", "http://h:x/", "http://../"] {
            assert!(name_of(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn two_addresses_with_one_name_and_existing_tokens_are_refused_before_sending() {
        let dir = tempfile::tempdir().unwrap();
        let c = dir.path().join("commitment.json");
        let urls = ["https://a.example/tsr".to_string(), "https://b.example:8443/".to_string()];
        let a = authorities(&c, &urls, false).unwrap();
        assert_eq!(a[0].file, dir.path().join("commitment.json.a.example.tsr"));
        assert_eq!(a[1].file, dir.path().join("commitment.json.b.example-8443.tsr"));
        let twice = ["https://a.example/one".to_string(), "http://A.example/two".to_string()];
        let e = authorities(&c, &twice, false).unwrap_err();
        assert_eq!(crate::problem::describe(&e).0, "tsa-url-twice");
        std::fs::write(&a[0].file, b"old").unwrap();
        let e = authorities(&c, &urls, false).unwrap_err();
        assert_eq!(crate::problem::describe(&e).0, "file-exists");
        assert!(authorities(&c, &urls, true).is_ok());
    }
}
