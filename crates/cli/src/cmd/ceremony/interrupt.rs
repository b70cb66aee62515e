//! Ctrl-C during the ceremony: say how to resume, leave nothing behind.
//!
//! The `ctrlc` crate turns SIGINT into a call on its own thread (the main
//! thread may be waiting for a line of input, and reads restart after the
//! signal). That call prints the resume message and exits with 130, unless
//! the transcript is being written or has been: the write holds [`WRITE`]
//! from the creation of its temporary file to the rename, so an interrupt
//! either comes before it (nothing on disk; the process exits before the
//! write starts) or waits until the complete file is in place (and is then
//! ignored: the ceremony is over). No temporary file can be left behind.

use anyhow::{anyhow, Result};
use std::io::Write;
use std::sync::Mutex;

/// True once the transcript is written; held while it is being written.
static WRITE: Mutex<bool> = Mutex::new(false);

/// The exit status after Ctrl-C: 128 + SIGINT, as shells report it.
pub const INTERRUPTED: i32 = 130;

/// Installs the handler; `message` is printed on Ctrl-C before the end.
pub fn install(message: String) -> Result<()> {
    ctrlc::set_handler(move || {
        let written = WRITE.lock().unwrap_or_else(|e| e.into_inner());
        if *written {
            return;
        }
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(message.as_bytes()).and_then(|_| out.flush());
        std::process::exit(INTERRUPTED);
    })
    .map_err(|e| anyhow!("cannot handle Ctrl-C: {e}"))
}

/// Runs the write with Ctrl-C held off, and marks the ceremony as written.
pub fn write_once(write: impl FnOnce() -> Result<()>) -> Result<()> {
    let mut written = WRITE.lock().unwrap_or_else(|e| e.into_inner());
    write()?;
    *written = true;
    Ok(())
}
