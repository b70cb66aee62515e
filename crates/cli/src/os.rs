//! Operating-system errors in the user's language (issue 18).
//!
//! Why: `std::io::Error` says "No such file or directory (os error 2)" in
//! English whatever the user reads. A person who reads only Dutch must learn
//! what went wrong and what to do, so [`reason`] says the cause and the
//! remedy from the catalogue (`os.<cause>` and `os.<cause>.do`), chosen by
//! the error's kind or errno, and keeps the operating system's own words in
//! brackets after it: a help desk can still search for them.
//!
//! Every `file-read`, `file-write`, `file-temp`, `folder-create`,
//! `seed-missing` and `seed-stdin` message takes its `{reason}` from here.
//! The errno is read through rustix because the `io::ErrorKind`s for a
//! directory, a read-only file system and a full disk are newer than the
//! workspace's rust-version (1.80).

use crate::i18n::Lang;
use rustix::io::Errno;
use std::io::{Error, ErrorKind};

/// The catalogue's name of what went wrong.
pub fn cause(e: &Error) -> &'static str {
    match Errno::from_io_error(e) {
        Some(Errno::ISDIR) => return "is-a-folder",
        Some(Errno::NOTDIR) => return "not-a-folder",
        Some(Errno::ROFS) => return "read-only",
        Some(Errno::NOSPC) | Some(Errno::DQUOT) => return "full",
        Some(Errno::NAMETOOLONG) => return "name-too-long",
        Some(Errno::LOOP) => return "loop",
        _ => {}
    }
    match e.kind() {
        ErrorKind::NotFound => "not-found",
        ErrorKind::PermissionDenied => "permission",
        ErrorKind::AlreadyExists => "exists",
        ErrorKind::InvalidData => "not-utf8",
        ErrorKind::UnexpectedEof => "ended",
        ErrorKind::Interrupted => "interrupted",
        _ => "unknown",
    }
}

/// The operating system's own words, `No such file or directory, os error 2`.
pub fn raw(e: &Error) -> String {
    let text = e.to_string();
    match e.raw_os_error() {
        Some(code) => {
            // tempfile adds the path after the bracket: `… (os error 2) at path "…"`.
            let words = text.replace(&format!(" (os error {code})"), "");
            format!("{words}, os error {code}")
        }
        None => text,
    }
}

/// What went wrong and what to do, in the language of this run, with the
/// operating system's words in brackets: "the file or folder does not exist
/// (No such file or directory, os error 2). Check the name and the folder."
pub fn reason(e: &Error) -> String {
    let lang = Lang::current();
    let cause = cause(e);
    let what = lang.t(&format!("os.{cause}"), &[]);
    let todo = lang.t(&format!("os.{cause}.do"), &[]);
    crate::t!(lang, "os.reason", cause = what, os = raw(e), todo = todo)
}

/// The reason for a path that exists but is not a folder where one is needed.
pub fn not_a_folder() -> String {
    let lang = Lang::current();
    crate::t!(
        lang,
        "os.reason-plain",
        cause = lang.t("os.not-a-folder-here", &[]),
        todo = lang.t("os.not-a-folder-here.do", &[])
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every cause has its sentence and its remedy in every language.
    #[test]
    fn every_cause_has_words_in_every_language() {
        let causes = [
            "is-a-folder",
            "not-a-folder",
            "read-only",
            "full",
            "name-too-long",
            "loop",
            "not-found",
            "permission",
            "exists",
            "not-utf8",
            "ended",
            "interrupted",
            "unknown",
            "not-a-folder-here",
        ];
        for lang in Lang::all() {
            for c in causes {
                for key in [format!("os.{c}"), format!("os.{c}.do")] {
                    assert_ne!(lang.t(&key, &[]), key, "{lang} lacks {key}");
                }
            }
        }
    }

    #[test]
    fn the_cause_follows_the_errno_then_the_kind() {
        assert_eq!(cause(&Error::from_raw_os_error(21)), "is-a-folder");
        assert_eq!(cause(&Error::from_raw_os_error(30)), "read-only");
        assert_eq!(cause(&Error::from_raw_os_error(28)), "full");
        assert_eq!(cause(&Error::from_raw_os_error(2)), "not-found");
        assert_eq!(cause(&Error::from_raw_os_error(13)), "permission");
        assert_eq!(cause(&Error::other("x")), "unknown");
        assert_eq!(raw(&Error::from_raw_os_error(2)), "No such file or directory, os error 2");
    }
}
