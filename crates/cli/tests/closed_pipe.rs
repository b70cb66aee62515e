//! A reader that closes the pipe early (`potdraw verify --json | head -1`)
//! ends the command quietly with 141 (128 + SIGPIPE), never with a panic
//! message (issue 26's review: "failed printing to stdout: Broken pipe").

use std::io::Read;
use std::process::{Command, Stdio};

#[test]
fn a_closed_pipe_ends_the_command_without_a_panic() {
    // WHY this command: its output (4,000 lines) is larger than a pipe's
    // buffer, so it writes after the reader is gone even when it starts
    // before the test closes the pipe; a small output could fit the buffer.
    let big = ["rfc3797", "--pool", "60000", "--select", "4000", "--source", "1 2 3"];
    {
        let args = &big[..];
        let mut child = Command::new(env!("CARGO_BIN_EXE_potdraw"))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away before the first line is written, as `head` does after its lines.
        drop(child.stdout.take());
        let mut err = String::new();
        child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
        let status = child.wait().unwrap();
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(status.code(), Some(potdraw_cli::CLOSED_PIPE_EXIT), "{args:?}: {err}");
    }
}
