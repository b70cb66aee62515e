//! `potdraw web`: write the participant's verifier page, `web/verify.html`
//! (an independent JavaScript verifier in one self-contained HTML file).

use crate::args::WebArgs;
use crate::files::{self, Access};
use crate::Exit;
use anyhow::Result;

pub use crate::verifier_page::{page_in, VERIFY_HTML};

pub fn run(a: WebArgs) -> Result<Exit> {
    files::ensure_writable(&a.out, a.force)?;
    let lang = crate::i18n::Lang::current();
    let page = page_in(lang);
    files::write(&a.out, page.as_bytes(), Access::Public, a.force)?;
    println!("{}", crate::t!(lang, "web.written", file = a.out.display(), bytes = page.len()));
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
        let page = page_in(crate::i18n::Lang::current());
        assert_eq!(std::fs::read_to_string(&out).unwrap(), page);
        assert!(page.contains("<meta name=\"potdraw-lang\""), "the page says its language");
        assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o644);
        std::fs::write(&out, "old").unwrap();
        let err = run(WebArgs { out: out.clone(), force: false }).unwrap_err().to_string();
        assert!(err.contains("already exists"), "{err}");
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "old");
        run(WebArgs { out: out.clone(), force: true }).unwrap();
        assert_eq!(std::fs::read_to_string(&out).unwrap(), page);
    }

    #[test]
    fn the_page_is_self_contained() {
        assert!(VERIFY_HTML.contains("default-src 'none'"));
        assert!(VERIFY_HTML.contains("async function verifyTranscript"));
        assert!(!VERIFY_HTML.contains("/*__POTDRAW_VERIFY_JS__*/"));
    }
}
