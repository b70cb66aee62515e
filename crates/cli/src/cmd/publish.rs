//! `potdraw publish DIR --out SITE [--url URL]`: the draw's folder made
//! ready for any static web host (issue 29). The operation is
//! [`crate::ops::publish::publish`]; this command parses and says.
//!
//! Exit 0: written. Exit 1: the transcript, the record or the commitment does
//! not verify, and nothing is written. Exit 2: unusable input.

use crate::i18n::Lang;
use crate::ops::publish::{self, Outcome, Request};
use crate::render_check::{record_text, verification_text};
use crate::{t, Exit};
use anyhow::Result;
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct PublishArgs {
    /// The draw's folder, as `potdraw commit` made it (with public/; private/ is never read).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// The folder to write for the website (it must not exist, unless --force).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// The address the folder will have on the web, e.g. https://buurtpot.nl/loting (for `slips --page-url`).
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// Replace an existing SITE folder.
    #[arg(long)]
    pub force: bool,
    /// Trust anchors (PEM) for the time stamps beside the documents (SPEC §18): the draw's page then says whether the commitment was public before the draw.
    #[arg(long, value_name = "FILE")]
    pub tsa_roots: Option<PathBuf>,
}

pub fn run(a: PublishArgs) -> Result<Exit> {
    let lang = Lang::current();
    let req = Request {
        dir: &a.dir,
        out: &a.out,
        url: a.url.as_deref(),
        force: a.force,
        lang,
        tsa_roots: a.tsa_roots.as_deref(),
    };
    match publish::publish(&req)? {
        Outcome::Written(site) => {
            println!("{}", t!(lang, "publish.written", folder = a.out.display(), count = site.files.len()));
            for f in &site.files {
                println!("  {f}");
            }
            if !site.drawn {
                println!("{}", t!(lang, "publish.not-drawn"));
            }
            match &site.page_url {
                Some(page) => println!("{}", t!(lang, "publish.url", page = page)),
                None => println!("{}", t!(lang, "publish.no-url")),
            }
            Ok(Exit::Success)
        }
        Outcome::NotVerified { file, verification } => {
            eprint!("{}", verification_text(lang, &verification));
            eprintln!("potdraw: {}", t!(lang, "publish.refused", file = file.display()));
            Ok(Exit::Failed)
        }
        Outcome::RecordFailed { file, record } => {
            eprint!("{}", record_text(lang, &file.display().to_string(), &record));
            eprintln!("potdraw: {}", t!(lang, "publish.refused", file = file.display()));
            Ok(Exit::Failed)
        }
        Outcome::PublishedAfter { file, stamps } => {
            eprint!("{}", crate::timestamps::text(lang, &stamps));
            eprintln!("potdraw: {}", t!(lang, "publish.refused", file = file.display()));
            Ok(Exit::Failed)
        }
        Outcome::CommitmentFailed { file, check } => {
            eprintln!("potdraw: {}", t!(lang, "publish.refused-commitment", file = file.display(), check = check));
            Ok(Exit::Failed)
        }
    }
}
