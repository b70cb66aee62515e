//! The participant's verifier page, `web/verify.html`, as `potdraw web` and
//! `potdraw publish` write it (one self-contained HTML file, an independent
//! JavaScript verifier). Here and not in a command, so both commands share it
//! without one importing the other.

/// The committed page, built by `node web/build.mjs` (a test checks it is current).
pub const VERIFY_HTML: &str = include_str!("../../../web/verify.html");

/// The page with `lang` as its language when the address names none (issue
/// 29: `web --lang nl` wrote the same bytes as `--lang en`, and a phone set to
/// English showed English to a Dutch resident). The page without it (the
/// committed one) follows the phone.
pub fn page_in(lang: crate::i18n::Lang) -> String {
    let marker = "<meta name=\"potdraw-page\" content=\"verifier\">";
    VERIFY_HTML.replacen(marker, &format!("{marker}\n<meta name=\"potdraw-lang\" content=\"{}\">", lang.code()), 1)
}
