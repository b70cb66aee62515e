//! The `potdraw` command line: publishes and checks draws.
//!
//! `main` is `run(parse())`, as in ripgrep: [`args`] holds the raw flags,
//! [`config`] validates them, and each command in [`cmd`] works on a
//! validated configuration. Errors are `anyhow` here and only here; the
//! libraries below return typed errors.
#![forbid(unsafe_code)]

pub mod amount;
pub mod args;
pub mod candidates;
pub mod cmd;
pub mod columns;
pub mod config;
pub mod config_lists;
pub mod demo;
pub mod files;
pub mod handouts;
pub mod help;
pub mod i18n;
pub mod id_variants;
pub mod layout;
pub mod list;
pub mod localtime;
pub mod ops;
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
pub mod render_check;
pub mod render_details;
pub mod render_lists;
pub mod report;
pub mod report_amend;
pub mod report_lists;
pub mod report_stamps;
pub mod sheet;
pub mod shown;
pub mod site;
pub mod slips;
pub mod slips_fit;
pub mod spreadsheet_safe;
pub mod timestamps;
pub mod verifier_page;
pub mod version;
pub mod workbook;

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
    eprintln!("{}", problem::error_line(env, "lang-unknown", &message));
    Exit::Unusable
}

/// Runs a parsed command line and maps the outcome to an exit code.
/// Exit code when the reader of standard output went away (`potdraw verify
/// --json | head`): 128 + SIGPIPE, as shells report a command a closed pipe
/// ended.
pub const CLOSED_PIPE_EXIT: i32 = 141;

/// A reader that closes the pipe early makes `println!` panic with "failed
/// printing to stdout: Broken pipe" (Rust ignores SIGPIPE, so every write
/// then fails). Nothing is lost — nobody reads the rest — so the command
/// ends quietly with [`CLOSED_PIPE_EXIT`] instead of a panic message
/// (never a panic, issue 26's review). Every other panic is reported as
/// before.
pub fn quiet_on_closed_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.starts_with("failed printing to std") && message.contains("Broken pipe") {
            std::process::exit(CLOSED_PIPE_EXIT);
        }
        default(info);
    }));
}

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
        args::Command::Publish(a) => cmd::publish::run(a),
        args::Command::Report(a) => config::report(a).and_then(cmd::report::run),
        args::Command::Beacon(c) => cmd::beacon::run(c),
        args::Command::Version(a) => version::run(a),
        args::Command::Slips(a) => cmd::slips::run(a),
        args::Command::Results(a) => cmd::results::run(a),
        args::Command::SeedSheet(a) => cmd::seed_sheet::run(a),
        args::Command::Key(c) => cmd::key::run(c),
        args::Command::Sign(a) => cmd::sign::run(a),
        args::Command::Audit(a) => cmd::audit::run(a),
        #[cfg(feature = "fetch")]
        args::Command::Timestamp(a) => cmd::timestamp::run(a),
    };
    let exit = match outcome {
        Ok(exit) => exit,
        Err(e) => {
            let (class, message) = problem::describe(&e);
            eprintln!("{}", problem::error_line(lang, class, &message));
            Exit::Unusable
        }
    };
    ExitCode::from(exit as u8)
}
