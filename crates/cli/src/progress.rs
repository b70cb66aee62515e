//! A progress bar for long commands on a terminal, and silence elsewhere.
//!
//! `commit` of a million candidates takes seconds: on a terminal the
//! organiser sees which step it is in (`[####------] 2/5 hashing …`) on
//! stderr, redrawn in place and erased when done. When stderr is not a
//! terminal (a script, a pipe, a log file) nothing at all is written, so
//! logs and the tests' expectations of stderr stay clean. The steps are the
//! command's phases, not a time estimate: honest, and free to compute.
//! Hand-rolled (20 lines of drawing) rather than indicatif: no spinner
//! thread, no extra dependencies, and the bar only moves between phases.

use std::io::{IsTerminal, Write};

/// The bar of one command: `steps` phases, drawn only when `out` is a terminal.
pub struct Progress {
    out: Option<Box<dyn Write>>,
    steps: usize,
    done: usize,
}

const WIDTH: usize = 20;

impl Progress {
    /// On stderr when it is a terminal; otherwise silent.
    pub fn on_stderr(steps: usize) -> Progress {
        let terminal = std::io::stderr().is_terminal();
        Progress::to(terminal.then(|| Box::new(std::io::stderr()) as Box<dyn Write>), steps)
    }

    /// To `out`, or nowhere when `out` is None (for tests of the drawing).
    pub fn to(out: Option<Box<dyn Write>>, steps: usize) -> Progress {
        Progress { out, steps, done: 0 }
    }

    /// Starts the next phase, described by `what`.
    pub fn step(&mut self, what: &str) {
        self.done = (self.done + 1).min(self.steps);
        let Some(out) = self.out.as_mut() else { return };
        let filled = WIDTH * (self.done - 1) / self.steps.max(1);
        let bar = format!("{}{}", "#".repeat(filled), "-".repeat(WIDTH - filled));
        // \r and "erase line": the bar is redrawn in place.
        let _ = write!(out, "\r\x1b[2K[{bar}] {}/{} {what}", self.done, self.steps);
        let _ = out.flush();
    }

    /// Erases the bar (the command's own output follows on a clean line).
    pub fn finish(&mut self) {
        if let Some(out) = self.out.as_mut() {
            let _ = write!(out, "\r\x1b[2K");
            let _ = out.flush();
        }
        self.out = None;
    }
}

impl Drop for Progress {
    /// An error also leaves a clean line for its message.
    fn drop(&mut self) {
        self.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn draws_each_step_in_place_and_erases_itself() {
        let sink = Shared::default();
        let mut p = Progress::to(Some(Box::new(sink.clone())), 4);
        p.step("reading");
        p.step("hashing");
        drop(p);
        let text = String::from_utf8(sink.0.lock().unwrap().clone()).unwrap();
        assert_eq!(
            text,
            "\r\x1b[2K[--------------------] 1/4 reading\r\x1b[2K[#####---------------] 2/4 hashing\r\x1b[2K"
        );
    }

    #[test]
    fn silent_without_a_terminal() {
        let mut p = Progress::to(None, 3);
        p.step("reading");
        p.finish();
        assert_eq!(p.done, 1);
    }
}
