//! `potdraw web`: write the participant's verifier page, `web/verify.html`
//! (an independent JavaScript verifier in one self-contained HTML file).

use crate::args::WebArgs;
use crate::files::{self, Access};
use crate::Exit;
use anyhow::Result;

/// The committed page, built by `node web/build.mjs` (a test checks it is current).
pub const VERIFY_HTML: &str = include_str!("../../../../web/verify.html");

pub fn run(a: WebArgs) -> Result<Exit> {
    files::ensure_writable(&a.out, a.force)?;
    files::write(&a.out, VERIFY_HTML.as_bytes(), Access::Public, a.force)?;
    let lang = crate::i18n::Lang::current();
    println!("{}", crate::t!(lang, "web.written", file = a.out.display(), bytes = VERIFY_HTML.len()));
    Ok(Exit::Success)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn writes_the_page_0644_and_never_clobbers_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("verify.html");
        assert_eq!(run(WebArgs { out: out.clone(), force: false }).unwrap(), Exit::Success);
        assert_eq!(std::fs::read_to_string(&out).unwrap(), VERIFY_HTML);
        assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o644);
        std::fs::write(&out, "old").unwrap();
        let err = run(WebArgs { out: out.clone(), force: false }).unwrap_err().to_string();
        assert!(err.contains("already exists"), "{err}");
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "old");
        run(WebArgs { out: out.clone(), force: true }).unwrap();
        assert_eq!(std::fs::read_to_string(&out).unwrap(), VERIFY_HTML);
    }

    #[test]
    fn the_page_is_self_contained() {
        assert!(VERIFY_HTML.contains("default-src 'none'"));
        assert!(VERIFY_HTML.contains("export async function verifyTranscript"));
        assert!(!VERIFY_HTML.contains("/*__POTDRAW_VERIFY_JS__*/"));
    }
}
