//! `--help` and clap's usage errors in the user's language (issue 18).
//!
//! Why here and not in the doc comments: clap takes its help text from the
//! doc comments of [`crate::args`], which are English, and says its own
//! words ("Usage:", "Options:", "Print help", "unexpected argument …") in
//! English. A person who reads only Dutch must be able to find out how to
//! call potdraw, so the language is chosen *before* clap parses
//! ([`prescan`]), and [`command`] rewrites the whole clap tree from the
//! catalogue:
//!
//! - a command's about is `help.<path>` (path: the subcommand names joined
//!   by `.`, `help.potdraw` for the top; `help-extra.<path>` if present is
//!   shown after the arguments);
//! - an argument's help is `help.<path>.<arg-id>` (clap's id with `_`
//!   written as `-`);
//! - clap's own words are `clap.*`: the headings, by our own help template,
//!   `-h`/`-V` and the `help` subcommand, `[default: …]` and
//!   `[possible values: …]` (hidden from clap and written by us).
//!
//! The English doc comments stay as the reference for programmers; the
//! catalogue is what people read. `tests/help.rs` walks the tree and fails
//! on any command or argument without its key in every language, so a new
//! flag cannot ship with English-only help.
//!
//! Usage errors ([`usage_error`]) are said from the error's kind and
//! context (the argument, the value found, the valid values), never from
//! clap's English sentence.

use crate::i18n::Lang;
use crate::t;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, Command};

/// The `--lang` value and the first word that is not a flag (the
/// subcommand, if it is one), read from the raw arguments before clap does:
/// `--lang X` or `--lang=X`, anywhere before a `--`.
pub fn prescan(args: &[String]) -> (Option<String>, Option<String>) {
    let (mut flag, mut command) = (None, None);
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if a == "--" {
            break;
        } else if a == "--lang" {
            flag = args.get(i + 1).cloned();
            i += 1;
        } else if let Some(v) = a.strip_prefix("--lang=") {
            flag = Some(v.to_string());
        } else if command.is_none() && !a.starts_with('-') {
            command = Some(a.clone());
        }
        i += 1;
    }
    (flag, command)
}

/// The clap tree of [`crate::args::Cli`] with every text from the catalogue
/// of `lang`. It is built first, so clap's generated `-h`, `-V` and `help`
/// subcommands exist and are translated too.
pub fn command(lang: Lang) -> Command {
    use clap::CommandFactory;
    let mut cmd = crate::args::Cli::command();
    cmd.build();
    localize(cmd, lang, "potdraw")
}

/// The catalogue path of every command in the tree (clap's `help` left
/// out), with the command.
pub fn paths(cmd: &Command) -> Vec<(String, &Command)> {
    fn walk<'c>(cmd: &'c Command, path: String, out: &mut Vec<(String, &'c Command)>) {
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            walk(sub, child(&path, sub.get_name()), out);
        }
        out.push((path, cmd));
    }
    let mut out = Vec::new();
    walk(cmd, "potdraw".into(), &mut out);
    out
}

fn child(path: &str, name: &str) -> String {
    if path == "potdraw" {
        name.to_string()
    } else {
        format!("{path}.{name}")
    }
}

/// The catalogue key of an argument of the command at `path`: clap's own
/// `-h` and `-V` are `clap.help` and `clap.version`; a global argument
/// (`--lang`) is the top command's.
pub fn arg_key(path: &str, arg: &Arg) -> String {
    let id = arg.get_id().as_str();
    match id {
        "help" => "clap.help".into(),
        "version" => "clap.version".into(),
        _ if arg.is_global_set() => format!("help.potdraw.{}", id.replace('_', "-")),
        _ => format!("help.{path}.{}", id.replace('_', "-")),
    }
}

fn localize(cmd: Command, lang: Lang, path: &str) -> Command {
    let keys: Vec<(String, String)> = cmd.get_arguments().map(|a| (a.get_id().to_string(), arg_key(path, a))).collect();
    let subs: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    let has_positionals = cmd.get_positionals().next().is_some();
    let about = lang.t(&format!("help.{path}"), &[]);
    let mut cmd = cmd.subcommand_value_name(lang.raw("clap.command-value").unwrap_or("COMMAND"));
    for (id, key) in keys {
        cmd = cmd.mut_arg(&id, |a| localize_arg(a, lang, &key));
    }
    // clap writes `[OPTIONS]` in its usage line whatever the language.
    let usage = cmd.render_usage().to_string();
    let usage = usage.trim_start().strip_prefix("Usage:").unwrap_or(&usage).trim().to_string();
    let usage = usage.replace("[OPTIONS]", &format!("[{}]", lang.t("clap.options-value", &[])));
    let template = template(lang, !subs.is_empty(), has_positionals);
    let mut cmd = cmd.about(about.clone()).long_about(about).override_usage(usage).help_template(template);
    if let Some(extra) = lang.get(&format!("help-extra.{path}"), &[]) {
        // The template puts no space between the options and this paragraph.
        let extra = format!("\n{extra}");
        cmd = cmd.after_help(extra.clone()).after_long_help(extra);
    }
    for name in subs {
        cmd = if name == "help" {
            cmd.mut_subcommand(&name, |s| help_tree(s, lang, path))
        } else {
            let sub_path = child(path, &name);
            cmd.mut_subcommand(&name, |s| localize(s, lang, &sub_path))
        };
    }
    cmd
}

fn localize_arg(a: Arg, lang: Lang, key: &str) -> Arg {
    let mut text = lang.t(key, &[]);
    let takes_value = a.get_action().takes_values();
    // A value that is a sign (`,` `;`) is said as a word with the sign, so
    // the list reads as a sentence (issue 28: "mogelijke waarden: ,, ;, tab").
    let values: Vec<String> = a
        .get_possible_values()
        .iter()
        .map(|v| match v.get_name() {
            "," => t!(lang, "clap.value-comma"),
            ";" => t!(lang, "clap.value-semicolon"),
            other => other.to_string(),
        })
        .collect();
    if takes_value && !values.is_empty() && !a.is_hide_possible_values_set() {
        text.push_str(&format!(" [{}]", t!(lang, "clap.possible-values", values = values.join(", "))));
    }
    let defaults: Vec<String> = a.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
    if takes_value && !defaults.is_empty() && !a.is_hide_default_value_set() {
        text.push_str(&format!(" [{}]", t!(lang, "clap.default", value = defaults.join(", "))));
    }
    // A value name (`<FILE>`) in the user's words (`<BESTAND>`), from `clap.value.<name>`.
    // A name without a key stays as written (tests/help.rs requires a key for each).
    let names: Vec<clap::builder::Str> = a
        .get_value_names()
        .unwrap_or_default()
        .iter()
        .map(|n| lang.raw(&value_key(n.as_str())).map(clap::builder::Str::from).unwrap_or_else(|| n.clone()))
        .collect();
    let a = if names.is_empty() || !takes_value { a } else { a.value_names(names) };
    a.help(text.clone()).long_help(text).hide_default_value(true).hide_possible_values(true)
}

/// The catalogue key of a value name: `KIND:LABEL` is `clap.value.kind-label`.
pub fn value_key(name: &str) -> String {
    let words: Vec<String> = name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    format!("clap.value.{}", words.join("-"))
}

/// clap's default layout with the headings in the user's language.
fn template(lang: Lang, commands: bool, positionals: bool) -> String {
    let mut s = format!("{{about-with-newline}}\n{} {{usage}}\n", lang.t("clap.usage", &[]));
    if commands {
        s.push_str(&format!("\n{}\n{{subcommands}}\n", lang.t("clap.commands", &[])));
    }
    if positionals {
        s.push_str(&format!("\n{}\n{{positionals}}\n", lang.t("clap.arguments", &[])));
    }
    s.push_str(&format!("\n{}\n{{options}}{{after-help}}", lang.t("clap.options", &[])));
    s
}

/// clap's `help` subcommand of the command at `parent`: `potdraw help
/// commit` lists the same about as `potdraw commit --help`.
fn help_tree(cmd: Command, lang: Lang, parent: &str) -> Command {
    let ids: Vec<String> = cmd.get_arguments().map(|a| a.get_id().to_string()).collect();
    let subs: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    let has_positionals = cmd.get_positionals().next().is_some();
    let mut cmd = cmd
        .about(lang.t("clap.help-command", &[]))
        .long_about(lang.t("clap.help-command", &[]))
        .subcommand_value_name(lang.raw("clap.command-value").unwrap_or("COMMAND"))
        .help_template(template(lang, !subs.is_empty(), has_positionals));
    for id in ids {
        let text = if id == "help" { lang.t("clap.help", &[]) } else { lang.t("clap.help-command-arg", &[]) };
        cmd = cmd.mut_arg(&id, |a| a.help(text.clone()).long_help(text));
    }
    for name in subs {
        let path = child(parent, &name);
        cmd = cmd.mut_subcommand(&name, |s| {
            let s = help_tree(s, lang, &path);
            let about = match name.as_str() {
                "help" => lang.t("clap.help-command", &[]),
                _ => lang.t(&format!("help.{path}"), &[]),
            };
            s.about(about.clone()).long_about(about)
        });
    }
    cmd
}

/// A usage error in the user's language: the class `usage`, a sentence that
/// names the argument and the value found, and where to find help. Exit 2;
/// `--help` and `--version` are not errors and print as clap does (exit 0).
pub fn usage_error(e: &clap::Error, lang: Lang, command: &str) -> String {
    let get = |k: ContextKind| -> String {
        match e.get(k) {
            Some(ContextValue::String(s)) => s.clone(),
            Some(ContextValue::Strings(v)) => v.join(", "),
            Some(ContextValue::StyledStr(s)) => s.to_string(),
            Some(ContextValue::StyledStrs(v)) => v.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(", "),
            Some(ContextValue::Number(n)) => n.to_string(),
            _ => String::new(),
        }
    };
    let quote = |s: String| format!("\"{s}\"");
    let arg = get(ContextKind::InvalidArg);
    let value = quote(get(ContextKind::InvalidValue));
    let command_line = if command == "COMMAND" { "potdraw".to_string() } else { format!("potdraw {command}") };
    let message = match e.kind() {
        ErrorKind::UnknownArgument => {
            let mut m = t!(lang, "usage.unknown-argument", found = quote(arg), command = command_line);
            let suggested = get(ContextKind::SuggestedArg);
            if !suggested.is_empty() {
                m.push(' ');
                m.push_str(&t!(lang, "usage.did-you-mean", suggestion = suggested));
            }
            m
        }
        ErrorKind::InvalidSubcommand => {
            let mut m = t!(lang, "usage.unknown-command", found = quote(get(ContextKind::InvalidSubcommand)));
            let suggested = get(ContextKind::SuggestedSubcommand);
            if !suggested.is_empty() {
                m.push(' ');
                m.push_str(&t!(lang, "usage.did-you-mean", suggestion = suggested));
            }
            m
        }
        ErrorKind::MissingRequiredArgument => {
            let missing = match e.get(ContextKind::InvalidArg) {
                Some(ContextValue::Strings(v)) => v.len(),
                _ => 1,
            };
            crate::tn!(lang, "usage.missing", missing, args = arg, command = command_line)
        }
        ErrorKind::InvalidValue => {
            let valid = get(ContextKind::ValidValue);
            if get(ContextKind::InvalidValue).is_empty() {
                t!(lang, "usage.value-missing", arg = arg)
            } else if valid.is_empty() {
                t!(lang, "usage.invalid-value", arg = arg, found = value)
            } else {
                t!(lang, "usage.invalid-choice", arg = arg, found = value, valid = valid)
            }
        }
        ErrorKind::ValueValidation => t!(lang, "usage.value-validation", arg = arg, found = value),
        ErrorKind::ArgumentConflict => {
            let prior = get(ContextKind::PriorArg);
            t!(lang, "usage.conflict", arg = arg, other = prior)
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            t!(lang, "usage.value-count", arg = arg, found = value)
        }
        ErrorKind::NoEquals => t!(lang, "usage.no-equals", arg = arg),
        ErrorKind::InvalidUtf8 => t!(lang, "usage.not-utf8"),
        ErrorKind::MissingSubcommand => t!(lang, "usage.missing-command", command = command_line),
        _ => t!(lang, "usage.unparsed", command = command_line),
    };
    potdraw_core::unicode::visible(&message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split(' ').map(String::from).collect()
    }

    #[test]
    fn prescan_finds_lang_and_the_command_before_clap() {
        let (flag, command) = prescan(&words("--lang nl verify t.json"));
        assert_eq!((flag.as_deref(), command.as_deref()), (Some("nl"), Some("verify")));
        let (flag, command) = prescan(&words("check t.json --lang=nl_NL.UTF-8 --id A"));
        assert_eq!((flag.as_deref(), command.as_deref()), (Some("nl_NL.UTF-8"), Some("check")));
        // After `--` nothing is a flag; a missing value is no language.
        assert_eq!(prescan(&words("verify -- --lang nl")).0, None);
        assert_eq!(prescan(&words("verify --lang")).0, None);
    }

    #[test]
    fn value_names_have_keys_of_words() {
        assert_eq!(value_key("KIND:LABEL"), "clap.value.kind-label");
        assert_eq!(value_key("YYYY-MM-DD"), "clap.value.yyyy-mm-dd");
        assert_eq!(value_key("FILE"), "clap.value.file");
    }

    #[test]
    fn usage_errors_name_the_argument_and_the_value_in_dutch() {
        let nl = Lang::from_code("nl").unwrap();
        let e = command(nl).try_get_matches_from(["potdraw", "verify", "t.json", "--bogus"]).unwrap_err();
        assert_eq!(usage_error(&e, nl, "verify"), "potdraw verify kent de optie \"--bogus\" niet.");
        let argv =
            ["potdraw", "commit", "--pot", "1", "--candidates", "a", "--entropy", "d", "--out", "o", "--months", "x"];
        let e = command(nl).try_get_matches_from(argv).unwrap_err();
        let said = usage_error(&e, nl, "commit");
        assert!(said.starts_with("--months <N> kan de waarde \"x\" niet aannemen"), "{said}");
    }
}
