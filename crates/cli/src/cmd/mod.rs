//! One module per subcommand. Each returns the exit status on an answer and
//! an error (exit 2) when the input cannot be used.

pub mod amend;
pub mod audit;
pub mod beacon;
pub mod ceremony;
pub mod check;
pub mod commit;
pub mod draw;
pub mod key;
pub mod publish;
pub mod report;
pub mod results;
pub mod rfc3797;
pub mod seed_sheet;
pub mod sign;
pub mod slips;
#[cfg(feature = "fetch")]
pub mod timestamp;
pub mod verify;
pub mod web;

use anyhow::Result;
use std::path::Path;

/// The seed: 64 hexadecimal characters, in a file or typed at a prompt
/// (`--seed -`).
///
/// WHY forgiving: the seed may come back from the printed seed sheet
/// (`potdraw seed-sheet`) in groups of four, so spaces, hyphens, line breaks
/// and upper case are ignored; the seed commitment still rejects any typing
/// mistake. WHY no inline `--seed HEX`: a seed typed on the command line
/// lands in the shell's history and in the process list before the draw.
/// WHY [`seed-missing`]: a seed that cannot be read is not a file problem
/// but the end of the commitment unless a copy is found; the message says so.
pub fn read_seed(path: &Path) -> Result<[u8; 32]> {
    let bytes = if path.as_os_str() == "-" {
        read_seed_stdin()?
    } else {
        let handle = std::fs::File::open(path)
            .map_err(|e| crate::problem!("seed-missing", file = path.display(), reason = crate::os::reason(&e)))?;
        crate::files::read_opened(handle, path, 4096)?
    };
    let text = String::from_utf8_lossy(&bytes);
    let typed: String =
        text.chars().filter(|c| !c.is_whitespace() && *c != '-').map(|c| c.to_ascii_lowercase()).collect();
    potdraw_core::model::parse_hex::<32>("seed", &typed).map_err(|e| crate::problem::field(&path.display(), &e))
}

/// One line from standard input, with a prompt on a terminal.
fn read_seed_stdin() -> Result<Vec<u8>> {
    use std::io::{BufRead, IsTerminal, Read};
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprint!("{}", crate::i18n::Lang::current().t("seed.prompt", &[]));
    }
    let mut line = Vec::new();
    stdin
        .lock()
        .take(4097)
        .read_until(b'\n', &mut line)
        .map_err(|e| crate::problem!("seed-stdin", reason = crate::os::reason(&e)))?;
    if line.len() > 4096 {
        return Err(crate::problem!("file-too-large-stream", file = "-", max = 4096));
    }
    Ok(line)
}
