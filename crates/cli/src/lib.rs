//! The `potdraw` command line: publishes and checks draws.
//!
//! `main` is `run(parse())`, as in ripgrep: [`args`] holds the raw flags,
//! [`config`] validates them, and each command in [`cmd`] works on a
//! validated configuration. Errors are `anyhow` here and only here; the
//! libraries below return typed errors.
#![forbid(unsafe_code)]

pub mod amend_holder;
pub mod args;
pub mod candidates;
pub mod cmd;
pub mod columns;
pub mod config;
pub mod demo;
pub mod files;
pub mod handouts;
pub mod help;
pub mod i18n;
pub mod id_variants;
pub mod layout;
pub mod list;
pub mod os;
pub mod parser_words;
pub mod pretty;
pub mod problem;
pub mod progress;
pub mod published;
pub mod quoting;
pub mod render;
pub mod render_amend;
pub mod render_amend_lists;
pub mod render_audit;
pub mod report;
pub mod report_amend;
pub mod report_lists;
pub mod results_final;
pub mod sheet;
pub mod slips;
pub mod spreadsheet_safe;
pub mod version;

use std::process::ExitCode;

/// The exit statuses of every potdraw command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: done, or verified.
    Success = 0,
    /// 1: verification failed (or, for `check`, the ticket is not in the draw).
    Failed = 1,
    /// 2: usage or input error.
    Unusable = 2,
}

/// Refuses an unknown `--lang`, in the language of the environment (English
/// by default): there is no other language to say it in.
pub fn refuse_lang(e: &i18n::UnknownLang) -> Exit {
    let env = i18n::Lang::from_env();
    let found = potdraw_core::unicode::visible(&potdraw_core::error::quote(&e.found));
    let message = t!(env, "errors.lang-unknown", expected = e.expected, found = found);
    eprintln!("potdraw: {}[lang-unknown]: {message}", t!(env, "general.error"));
    Exit::Unusable
}

/// Runs a parsed command line and maps the outcome to an exit code.
pub fn run(cli: args::Cli) -> ExitCode {
    let lang = match i18n::Lang::resolve(cli.lang.as_deref()) {
        Ok(lang) => lang,
        Err(e) => return ExitCode::from(refuse_lang(&e) as u8),
    };
    lang.set_current();
    let outcome = match cli.command {
        args::Command::Commit(a) => config::commit(a).and_then(cmd::commit::run),
        args::Command::Draw(a) => config::draw(a).and_then(cmd::draw::run),
        args::Command::Ceremony(a) => config::ceremony(a).and_then(|c| cmd::ceremony::run(c, lang)),
        args::Command::Verify(a) => cmd::verify::run(a),
        args::Command::Check(a) => cmd::check::run(a),
        args::Command::Amend(a) => cmd::amend::config(a).and_then(cmd::amend::run),
        args::Command::Demo(a) => demo::run(a),
        args::Command::Rfc3797(a) => cmd::rfc3797::run(a),
        args::Command::Web(a) => cmd::web::run(a),
        args::Command::Report(a) => config::report(a).and_then(cmd::report::run),
        args::Command::Beacon(c) => cmd::beacon::run(c),
        args::Command::Version(a) => version::run(a),
        args::Command::Slips(a) => cmd::slips::run(a),
        args::Command::Results(a) => cmd::results::run(a),
        args::Command::SeedSheet(a) => cmd::seed_sheet::run(a),
        args::Command::Key(c) => cmd::key::run(c),
        args::Command::Sign(a) => cmd::sign::run(a),
        args::Command::Audit(a) => cmd::audit::run(a),
    };
    let exit = match outcome {
        Ok(exit) => exit,
        Err(e) => {
            let (class, message) = problem::describe(&e);
            eprintln!("potdraw: {}[{class}]: {message}", t!(lang, "general.error"));
            Exit::Unusable
        }
    };
    ExitCode::from(exit as u8)
}
