//! `potdraw report`: the printable report of a draw, for the room and the
//! record. The transcript is verified first (SPEC §8); a transcript that does
//! not verify gets no report at all — exit 1, the failed check on stderr, and
//! nothing written — because a nicely printed page of a forged draw would be
//! worse than none. With `--amendments` the record of substitutions is
//! verified as well (SPEC §15.4), and the page adds the final list. Time
//! stamps beside the transcript and the commitment (SPEC §18, with
//! `--tsa-roots`) add the published-before line; a trusted one after the
//! draw's entropy gets no page, as `verify` fails it. The
//! operation is [`crate::ops::report::make`], for a draw of any version.

use crate::config::ReportRun;
use crate::files::{self, Access};
use crate::i18n::Lang;
use crate::ops::report::Made;
use crate::render_check::{record_text, verification_text};
use crate::{t, Exit};
use anyhow::Result;

pub fn run(run: ReportRun) -> Result<Exit> {
    let ReportRun { cfg, tsa_roots } = run;
    let lang = Lang::current();
    match crate::ops::report::make_with_roots(&cfg, tsa_roots.as_deref(), lang)? {
        Made::Page(html) => {
            files::write(&cfg.out, html.as_bytes(), Access::Public, cfg.force)?;
            println!("{}", t!(lang, "report.written", file = cfg.out.display()));
            Ok(Exit::Success)
        }
        Made::NotVerified(v) => {
            eprint!("{}", verification_text(lang, &v));
            eprintln!("potdraw: {}", t!(lang, "report.refused", file = cfg.transcript.display()));
            Ok(Exit::Failed)
        }
        Made::PublishedAfter(stamps) => {
            eprint!("{}", crate::timestamps::text(lang, &stamps));
            eprintln!("potdraw: {}", t!(lang, "report.refused-published-after", file = cfg.transcript.display()));
            Ok(Exit::Failed)
        }
        Made::RecordFailed(record) => {
            let path = cfg.amendments.as_deref().map(|p| p.display().to_string()).unwrap_or_default();
            eprint!("{}", record_text(lang, &path, &record));
            eprintln!("potdraw: {}", t!(lang, "report.refused-amendments", file = path));
            Ok(Exit::Failed)
        }
    }
}
