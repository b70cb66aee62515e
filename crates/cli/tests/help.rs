//! `--help` speaks every language of the catalogue (issue 18): the whole
//! clap tree is walked, and every command and every argument must have its
//! `help.<path>` / `help.<path>.<arg-id>` key in every catalogue, so a flag
//! added without its Dutch help fails here, not in front of a resident.

use potdraw_cli::help::{arg_key, command, paths, value_key};
use potdraw_cli::i18n::{parse, Lang, CATALOGUES};

#[test]
fn every_command_and_argument_has_its_help_in_every_language() {
    let tree = command(Lang::en());
    let mut keys = Vec::new();
    for (path, cmd) in paths(&tree) {
        keys.push(format!("help.{path}"));
        keys.extend(cmd.get_arguments().map(|a| arg_key(&path, a)));
    }
    // The value names (`<FILE>`) are translated too; the English tree has them as written.
    for (_, cmd) in paths(&tree) {
        for a in cmd.get_arguments().filter(|a| a.get_action().takes_values()) {
            keys.extend(a.get_value_names().unwrap_or_default().iter().map(|n| value_key(n.as_str())));
        }
    }
    assert!(keys.len() > 100, "the walk found only {} keys", keys.len());
    // `beacon fetch` exists only with the feature `fetch`; its keys are required all the same.
    // So does `timestamp` (issue 30).
    for k in [
        "help.beacon.fetch",
        "help.beacon.fetch.relay",
        "help.beacon.fetch.out",
        "help.timestamp",
        "help.timestamp.commitment",
        "help.timestamp.tsa",
        "help.timestamp.tsa-roots",
        "help.timestamp.force",
    ] {
        keys.push(k.to_string());
    }
    let mut missing = Vec::new();
    for (code, text) in CATALOGUES {
        let map = parse(code, text).unwrap();
        for k in &keys {
            if !map.contains_key(k.as_str()) {
                missing.push(format!("{code}.txt lacks {k}"));
            }
        }
    }
    missing.sort();
    missing.dedup();
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// The text shown is the catalogue's, in each language, with clap's own
/// words (headings, -h, defaults) translated too.
#[test]
fn help_is_rendered_from_the_catalogue_in_each_language() {
    for lang in Lang::all() {
        let mut tree = command(lang);
        let commit = tree.find_subcommand_mut("commit").unwrap();
        let text = commit.render_long_help().to_string();
        for key in ["help.commit", "help.commit.out", "clap.usage", "clap.options", "clap.help"] {
            let want = lang.t(key, &[]);
            assert!(text.contains(&want), "{lang}: {key} ({want:?}) not in:\n{text}");
        }
        let default = lang.t("clap.default", &[("value", &"1000")]);
        assert!(text.contains(&format!("[{default}]")), "{lang}: no {default:?} in:\n{text}");
        let top = tree.render_long_help().to_string();
        for key in ["help.potdraw", "clap.commands", "clap.version", "help-extra.potdraw"] {
            assert!(top.contains(&lang.t(key, &[])), "{lang}: {key} not in:\n{top}");
        }
    }
}
