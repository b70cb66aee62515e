//! A command in a pseudo-terminal (rexpect), as the organiser's laptop at
//! the projector runs it: what it showed is kept, and [`plain`] turns it
//! into the text a person read (no escape codes, no carriage returns).
//!
//! rexpect hands the terminal's output over byte by byte, each byte as one
//! `char`; a needle is compared in that form, and what was seen is turned
//! back into UTF-8 for assertions and failure messages.

use rexpect::process::WaitStatus;
use rexpect::session::{spawn_with_options, PtySession};

pub struct Pty {
    session: PtySession,
    seen: Vec<u8>,
}

impl Pty {
    /// `cmd` in a new pseudo-terminal; every wait ends after `timeout_ms`.
    pub fn spawn(cmd: std::process::Command, timeout_ms: u64) -> Pty {
        let options = rexpect::reader::Options { timeout_ms: Some(timeout_ms), strip_ansi_escape_codes: false };
        Pty { session: spawn_with_options(cmd, options).expect("a pseudo-terminal"), seen: Vec::new() }
    }

    /// Everything the terminal showed so far, as UTF-8.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.seen).into_owned()
    }

    /// Waits until `needle` is shown; panics with the screen so far if it is not.
    pub fn expect(&mut self, needle: &str) {
        let as_chars: String = needle.bytes().map(char::from).collect();
        match self.session.exp_string(&as_chars) {
            Ok(before) => {
                self.seen.extend(before.chars().map(|c| c as u8));
                self.seen.extend(needle.bytes());
            }
            Err(e) => panic!("waiting for {needle:?}: {e}\nthe screen so far:\n{}", plain(&self.text())),
        }
    }

    /// Types `line` and Enter.
    pub fn enter(&mut self, line: &str) {
        self.session.send_line(line).expect("the terminal takes the keys");
    }

    /// Reads to the end and returns the exit status.
    pub fn finish(&mut self) -> WaitStatus {
        let rest = self.session.exp_eof().unwrap_or_default();
        self.seen.extend(rest.chars().map(|c| c as u8));
        self.session.process.wait().expect("the process ends")
    }
}

/// Terminal output as a person read it: without escape sequences (ESC [
/// … final byte) and with line ends as `\n`.
pub fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => {
                if chars.peek() == Some(&'[') {
                    chars.next();
                    for d in chars.by_ref() {
                        if ('@'..='~').contains(&d) {
                            break;
                        }
                    }
                }
            }
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}
