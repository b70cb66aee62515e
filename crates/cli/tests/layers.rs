//! The layering of the command line (issue 27: commands are thin).
//!
//! `crates/cli/src/ops` is the layer a second front end (a local web page)
//! calls unchanged: it must not use clap, the command line's flags, or print.
//! The commands in `crates/cli/src/cmd` parse arguments, call an operation
//! and render; one command never imports another (the seams of an earlier
//! batch came from commands calling each other's internals).

use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file below `dir`, with its text.
fn sources(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p).unwrap();
                out.push((p, text));
            }
        }
    }
    out.sort();
    out
}

/// Code lines (comments dropped), so a doc comment may name what it avoids.
fn code(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().filter(|(_, l)| !l.trim_start().starts_with("//")).map(|(n, l)| (n + 1, l))
}

/// The reading modules the layer is built on (they stay at the crate's top
/// level, where `ops` and the renderers both use them).
const READERS: &[&str] = &[
    "candidates.rs",
    "sheet.rs",
    "sheet",
    "columns.rs",
    "handouts.rs",
    "amount.rs",
    "files.rs",
    "published.rs",
    "id_variants.rs",
    "spreadsheet_safe.rs",
    "localtime.rs",
    "slips.rs",
    "list.rs",
    "quoting.rs",
];

#[test]
fn the_layer_has_no_clap_and_prints_nothing() {
    let mut files = sources(&src().join("ops"));
    assert!(files.len() >= 8, "the layer's files: {}", files.len());
    for r in READERS {
        let p = src().join(r);
        if p.is_dir() {
            files.extend(sources(&p));
        } else {
            files.push((p.clone(), std::fs::read_to_string(&p).unwrap()));
        }
    }
    let forbidden =
        ["clap", "crate::args", "crate::cmd", "print!", "println!", "eprint!", "eprintln!", "stdout()", "stderr()"];
    let mut found = Vec::new();
    for (path, text) in &files {
        for (n, line) in code(text) {
            for f in forbidden {
                if line.contains(f) {
                    found.push(format!("{}:{n}: {f}", path.display()));
                }
            }
        }
    }
    assert!(found.is_empty(), "the layer must not use clap or print:\n{}", found.join("\n"));
}

/// The command a file under `cmd/` belongs to: `cmd/check.rs` → check,
/// `cmd/amend/holder.rs` → amend; `None` for `cmd/mod.rs` (the commands'
/// shared helpers).
fn command_of(cmd: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(cmd).unwrap();
    let first = rel.iter().next()?.to_str()?.to_string();
    if first == "mod.rs" {
        return None;
    }
    Some(first.trim_end_matches(".rs").to_string())
}

#[test]
fn no_command_imports_another() {
    let cmd = src().join("cmd");
    let files = sources(&cmd);
    let commands: Vec<String> = files.iter().filter_map(|(p, _)| command_of(&cmd, p)).collect();
    assert!(commands.iter().any(|c| c == "check") && commands.iter().any(|c| c == "amend"), "{commands:?}");
    let mut found = Vec::new();
    for (path, text) in &files {
        let Some(own) = command_of(&cmd, path) else { continue };
        let depth = path.strip_prefix(&cmd).unwrap().components().count();
        // From cmd/x.rs `super::y::` names command y; from cmd/x/z.rs it is `super::super::y::`.
        let up = if depth == 1 { "super::" } else { "super::super::" };
        for (n, line) in code(text) {
            for other in commands.iter().filter(|c| **c != own) {
                for path_to in [format!("crate::cmd::{other}::"), format!("{up}{other}::")] {
                    if line.contains(&path_to) && !line.contains(&format!("{up}{up}")) {
                        found.push(format!("{}:{n}: {own} uses {path_to}", path.display()));
                    }
                }
            }
        }
    }
    assert!(found.is_empty(), "a command imports another:\n{}", found.join("\n"));
}

/// A file belongs to the command of its first path part below `cmd/`.
#[test]
fn a_file_belongs_to_its_command() {
    let cmd = PathBuf::from("/x/cmd");
    assert_eq!(command_of(&cmd, &cmd.join("amend/holder.rs")).as_deref(), Some("amend"));
    assert_eq!(command_of(&cmd, &cmd.join("check.rs")).as_deref(), Some("check"));
    assert_eq!(command_of(&cmd, &cmd.join("mod.rs")), None);
}
