//! `potdraw ceremony`: the draw, live, on a projector, for a room of people
//! who will never read JSON.
//!
//! Six steps, each advanced by the organiser pressing Enter: (1) the
//! published commitment and its fingerprint, (2) the seed and its match with
//! the commitment (SPEC §6.2), (3) each announced public source in turn
//! ([`sources`]), (4) the recipients one at a time, (5) the reserves, (6) the
//! transcript. The ceremony adds no protocol of its own: step 6 writes the
//! bytes `potdraw draw` writes for the same commitment, seed and values,
//! because it calls the same function ([`crate::ops::drawing::transcript`]).
//!
//! Why nothing is written before the end: a draw that stops half way must
//! leave no document that could be mistaken for a result. Every file is read
//! and every refusal that does not need the room (a transcript that already
//! exists, a commitment that does not verify, an unreadable seed) happens
//! before the first screen; the transcript is written only after the last
//! reserve is shown. Ctrl-C before that prints how to resume and exits with
//! 130 (128 + SIGINT, as shells report an interrupted command); end of input
//! (Ctrl-D) exits with 2, as any input error. Since the draw is
//! deterministic, running the command again and typing the same values gives
//! the same result — which is also why the resume message says not to roll
//! the dice again.

mod drand;
mod interrupt;
mod lists;
pub mod screen;
pub mod sources;

use crate::config::CeremonyConfig;
use crate::i18n::Lang;
use crate::ops::drawing as draw;
use crate::{files, render, t, Exit};
use anyhow::Result;
use potdraw_core::model::{Commitment, Method};
use potdraw_core::unicode::visible;
use potdraw_core::wire::{ResultEntryDoc, TranscriptDoc};
use screen::{Room, Stop, Style, Tone};
use std::io::{BufRead, Write};
use std::path::Path;

/// The number of steps shown in headings ("Step 2 of 6").
const STEPS: u32 = 6;
/// Result lines listed on the last screen; a larger draw refers to the transcript.
const SUMMARY_LINES: usize = 10;

pub fn run(cfg: CeremonyConfig, lang: Lang) -> Result<Exit> {
    files::ensure_writable(&cfg.out, cfg.force)?;
    files::ensure_writable(&cfg.report, cfg.force)?;
    // SPEC §17: several lists are shown one after the other.
    if crate::ops::documents::has_lists(&cfg.commitment)? {
        return lists::run(&cfg, lang);
    }
    let verified =
        match potdraw_verify::verify_commitment(crate::ops::documents::read_commitment(&cfg.commitment)?).outcome {
            Ok(v) => v,
            Err(f) => {
                eprintln!("potdraw: {}", t!(lang, "ceremony.commitment.fails", file = cfg.commitment.display()));
                eprintln!("{}", visible(&f.to_string()));
                return Ok(Exit::Failed);
            }
        };
    let commitment = verified.get();
    let seed = draw::seed_for(commitment.method, cfg.seed.as_deref(), &cfg.commitment, &crate::cmd::read_seed)?;
    let style = Style::detect();
    let command = shell_words(&std::env::args_os().map(|a| a.to_string_lossy().into_owned()).collect::<Vec<_>>());
    let stopped = stopped_message(lang, &command, style);
    interrupt::install(stopped.clone())?;

    let stdin = std::io::stdin();
    let mut room = Room::new(stdin.lock(), std::io::stdout(), style, lang);
    match walk(&mut room, lang, &cfg, commitment, seed.as_ref()) {
        Ok(exit) => Ok(exit),
        Err(e) => {
            // Nothing was written (the write is the last thing that can fail).
            print!("{stopped}");
            match e.downcast_ref::<Stop>() {
                Some(Stop::EndOfInput) => Ok(Exit::Unusable),
                None => Err(e),
            }
        }
    }
}

/// What the room sees when the ceremony stops early, and how to resume.
pub(crate) fn stopped_message(lang: Lang, command: &str, style: Style) -> String {
    let reset = if style.colour { "\x1b[0m" } else { "" };
    let para = |text: String| screen::wrap(&text).iter().map(|l| format!("  {l}\n")).collect::<String>();
    format!(
        "{reset}\n\n{}\n{}    {command}\n{}",
        para(t!(lang, "ceremony.stopped")),
        para(t!(lang, "ceremony.resume")),
        para(t!(lang, "ceremony.resume-same"))
    )
}

pub(crate) fn heading(lang: Lang, n: u32, what: &str) -> String {
    heading_of(lang, n, STEPS, what)
}

/// A step's heading when the ceremony has `total` steps (several lists).
pub(crate) fn heading_of(lang: Lang, n: u32, total: u32, what: &str) -> String {
    t!(lang, "ceremony.step", n = n, total = total, what = what)
}

/// The six steps; returns the exit status, or an error (a [`Stop`] when the input ended).
fn walk<R: BufRead, W: Write>(
    room: &mut Room<R, W>,
    lang: Lang,
    cfg: &CeremonyConfig,
    commitment: &Commitment,
    seed: Option<&[u8; 32]>,
) -> Result<Exit> {
    show_commitment(room, lang, commitment)?;
    if !show_seed(room, lang, commitment.seed_commitment, seed, STEPS)? {
        return Ok(Exit::Unusable);
    }

    let plan = &commitment.plan;
    let mut given = Vec::with_capacity(plan.len());
    let mut beacons = Vec::new();
    for (i, entry) in plan.iter().enumerate() {
        let what = t!(lang, "ceremony.sources.heading", n = i + 1, total = plan.len(), label = entry.label);
        let answer = sources::ask(room, lang, entry, &heading(lang, 3, &what))?;
        given.push((entry.label.clone(), answer.value));
        beacons.extend(answer.beacon.map(|b| (entry.label.clone(), b)));
    }
    let seed_file = cfg.seed.as_deref().zip(seed);
    let (doc, bytes) = draw::transcript(commitment, &cfg.commitment, seed_file, &given, &beacons)?;

    show_mix(room, lang, &doc)?;
    reveal(room, lang, &doc, "recipient")?;
    reveal(room, lang, &doc, "reserve")?;

    let report = crate::ops::report::verify_and_render(&bytes, &cfg.commitment, lang);
    let report_failed = publish_with_report(cfg, lang, &bytes, report)?;
    Ok(if finish(room, lang, cfg, &doc, report_failed) { Exit::Success } else { Exit::Unusable })
}

/// The transcript `bytes` and its printable report, published together.
///
/// The report is made as `potdraw report` makes it: verified again against
/// the published commitment (`rendered`). The transcript and the report are
/// published together, both or neither (issue 15); a report that cannot be
/// made leaves the transcript to be published alone, and the reason is
/// returned for the room to hear. One list and several lists alike.
pub(crate) fn publish_with_report<E>(
    cfg: &CeremonyConfig,
    lang: Lang,
    bytes: &[u8],
    rendered: Result<Result<String, E>>,
) -> Result<Option<String>> {
    let report = match rendered {
        Ok(Ok(html)) => Ok(html),
        Ok(Err(_)) => Err(t!(lang, "ceremony.report.unverified")),
        Err(e) => Err(format!("{e:#}")),
    };
    interrupt::write_once(|| {
        let mut set = vec![files::stage(&cfg.out, bytes, files::Access::Public)?];
        if let Ok(html) = &report {
            set.push(files::stage(&cfg.report, html.as_bytes(), files::Access::Public)?);
        }
        files::publish(set, cfg.force)
    })?;
    Ok(report.err())
}

/// Step 1: the commitment as published, with its arithmetic and fingerprint.
fn show_commitment<R: BufRead, W: Write>(room: &mut Room<R, W>, lang: Lang, c: &Commitment) -> Result<(), Stop> {
    let d = &c.doc;
    let p = &d.pot;
    room.screen(&heading(lang, 1, &t!(lang, "ceremony.commitment.heading")));
    room.styled(&visible(&d.title), Tone::Strong);
    room.line(&t!(lang, "ceremony.commitment.intro"));
    room.line("");
    room.line(&t!(
        lang,
        "ceremony.commitment.pot",
        pot = lang.money(p.amount_cents),
        recipients = d.recipients,
        grant = lang.money(p.grant_cents),
        rest = lang.money(p.surplus_cents)
    ));
    room.line(&t!(
        lang,
        "ceremony.commitment.grant",
        monthly = lang.money(p.grant_monthly_cents),
        months = p.grant_months
    ));
    room.line(&t!(
        lang,
        "ceremony.commitment.counts",
        recipients = d.recipients,
        reserves = d.reserves,
        tickets = d.candidates.count,
        weight = c.total_weight
    ));
    let time = crate::localtime::show_utc(lang, &d.created_at);
    room.line(&match c.method {
        Method::PotdrawV1 => t!(lang, "ceremony.commitment.method-v1", time = time),
        Method::Rfc3797 => t!(lang, "ceremony.commitment.method-rfc3797", time = time),
    });
    room.line("");
    room.line(&t!(lang, "ceremony.commitment.digest"));
    room.line(&format!("  {}", d.digest));
    room.line(&t!(lang, "ceremony.commitment.fingerprint"));
    room.big(&render::fingerprint(&d.digest));
    room.pause(&t!(lang, "ceremony.continue"))
}

/// Step 2: the seed, H(seed) and the published seed commitment side by
/// side (SPEC §6.2). Returns false, after saying so, when they differ.
pub(crate) fn show_seed<R: BufRead, W: Write>(
    room: &mut Room<R, W>,
    lang: Lang,
    committed: Option<potdraw_core::Hash32>,
    seed: Option<&[u8; 32]>,
    total: u32,
) -> Result<bool, Stop> {
    let (Some(seed), Some(committed)) = (seed, committed) else {
        room.screen(&heading_of(lang, 2, total, &t!(lang, "ceremony.seed.none-heading")));
        room.line(&t!(lang, "ceremony.seed.none"));
        room.pause(&t!(lang, "ceremony.continue"))?;
        return Ok(true);
    };
    let computed = potdraw_core::hash::seed_commitment(seed);
    room.screen(&heading_of(lang, 2, total, &t!(lang, "ceremony.seed.heading")));
    room.line(&t!(lang, "ceremony.seed.revealed"));
    if computed == committed {
        room.styled(&format!("  {}", hex::encode(seed)), Tone::Strong);
    } else {
        // A wrong file may hold the secret seed of another draw: never show it.
        room.line(&format!("  {}", t!(lang, "ceremony.seed.withheld")));
    }
    room.line("");
    room.line(&t!(lang, "ceremony.seed.computed"));
    room.line(&format!("  {}", hex::encode(computed)));
    room.line(&t!(lang, "ceremony.seed.committed"));
    room.line(&format!("  {}", hex::encode(committed)));
    room.line("");
    if computed != committed {
        room.styled(&t!(lang, "ceremony.seed.mismatch"), Tone::Bad);
        room.line(&t!(lang, "ceremony.seed.stopped"));
        return Ok(false);
    }
    room.styled(&t!(lang, "ceremony.seed.match"), Tone::Good);
    room.pause(&t!(lang, "ceremony.continue"))?;
    Ok(true)
}

/// The opening of step 4: what the sources were mixed into.
fn show_mix<R: BufRead, W: Write>(room: &mut Room<R, W>, lang: Lang, doc: &TranscriptDoc) -> Result<(), Stop> {
    room.screen(&heading(lang, 4, &t!(lang, "ceremony.mix.heading")));
    for e in &doc.entropy {
        room.line(&format!("{:<20} {}", visible(&e.label), visible(&e.value)));
    }
    room.line("");
    match (&doc.draw_seed, &doc.key) {
        (Some(draw_seed), _) => {
            room.line(&t!(lang, "ceremony.mix.v1"));
            room.line(&format!("  {draw_seed}"));
        }
        (None, Some(key)) => {
            room.line(&t!(lang, "ceremony.mix.rfc3797"));
            room.line(&format!("  {key}"));
        }
        (None, None) => {}
    }
    room.pause(&t!(lang, "ceremony.mix.reveal"))
}

/// Steps 4 and 5: the picks of one role, one screen each.
fn reveal<R: BufRead, W: Write>(
    room: &mut Room<R, W>,
    lang: Lang,
    doc: &TranscriptDoc,
    role: &str,
) -> Result<(), Stop> {
    let picks: Vec<&ResultEntryDoc> = doc.result.iter().filter(|r| r.role == role).collect();
    let (step, title) = if role == "recipient" {
        (4, t!(lang, "ceremony.recipients.heading"))
    } else {
        (5, t!(lang, "ceremony.reserves.heading"))
    };
    if picks.is_empty() {
        room.screen(&heading(lang, step, &title));
        room.line(&t!(lang, "ceremony.reserves.none"));
        return room.pause(&t!(lang, "ceremony.continue"));
    }
    for r in &picks {
        room.screen(&heading(lang, step, &title));
        let place = if role == "recipient" {
            t!(lang, "ceremony.recipient", rank = r.rank, total = picks.len())
        } else {
            t!(lang, "ceremony.reserve", rank = r.rank, total = picks.len())
        };
        room.styled(&place, Tone::Good);
        room.line("");
        room.big(&render::fingerprint(&r.leaf));
        room.line("");
        room.line(&t!(lang, "ceremony.ticket", short = render::short(&r.leaf), weight = r.weight));
        room.line(&format!("  {}", r.leaf));
        room.pause(&t!(lang, "ceremony.next"))?;
    }
    Ok(())
}

/// Step 6, after the transcript (and its report) are written: the result in
/// brief and how to check it. `report_failed` says why no report was made.
/// Returns false if there is no report (the transcript is written).
fn finish<R: BufRead, W: Write>(
    room: &mut Room<R, W>,
    lang: Lang,
    cfg: &CeremonyConfig,
    doc: &TranscriptDoc,
    report_failed: Option<String>,
) -> bool {
    room.screen(&heading(lang, 6, &t!(lang, "ceremony.transcript.heading")));
    for r in doc.result.iter().take(SUMMARY_LINES) {
        let place = if r.role == "recipient" {
            t!(lang, "ceremony.summary.recipient", rank = r.rank)
        } else {
            t!(lang, "ceremony.summary.reserve", rank = r.rank)
        };
        room.line(&format!("{place:<16} {}  {}", render::fingerprint(&r.leaf), render::short(&r.leaf)));
    }
    if doc.result.len() > SUMMARY_LINES {
        room.line(&t!(lang, "ceremony.summary.more", count = doc.result.len() - SUMMARY_LINES));
    }
    room.line("");
    room.styled(&t!(lang, "ceremony.transcript.written", file = cfg.out.display()), Tone::Good);
    room.line(&t!(lang, "ceremony.transcript.verify"));
    room.command(&verify_command(&cfg.out, &cfg.commitment));
    match report_failed {
        None => {
            room.line(&t!(lang, "ceremony.report.written", file = cfg.report.display()));
            true
        }
        Some(why) => {
            room.styled(&t!(lang, "ceremony.report.failed", why = why), Tone::Bad);
            room.command(&report_command(&cfg.out, &cfg.commitment, &cfg.report));
            false
        }
    }
}

/// `potdraw report TRANSCRIPT --commitment COMMITMENT --out REPORT`, to make the report later.
pub(crate) fn report_command(transcript: &Path, commitment: &Path, report: &Path) -> String {
    let words = ["potdraw", "report", &transcript.display().to_string(), "--commitment"]
        .map(String::from)
        .into_iter()
        .chain([commitment.display().to_string(), "--out".into(), report.display().to_string()])
        .collect::<Vec<_>>();
    shell_words(&words)
}

/// `potdraw verify TRANSCRIPT --commitment COMMITMENT`, quoted for a shell.
pub fn verify_command(transcript: &Path, commitment: &Path) -> String {
    let args = ["potdraw", "verify", &transcript.display().to_string(), "--commitment"]
        .map(String::from)
        .into_iter()
        .chain([commitment.display().to_string()])
        .collect::<Vec<_>>();
    shell_words(&args)
}

/// Words joined for a POSIX shell, single-quoting those that need it.
pub fn shell_words(words: &[String]) -> String {
    words
        .iter()
        .map(|w| {
            if !w.is_empty() && w.chars().all(|c| c.is_ascii_alphanumeric() || "-_./:=,+@".contains(c)) {
                w.clone()
            } else {
                format!("'{}'", w.replace('\'', "'\\''"))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_are_quoted_for_a_shell() {
        let words: Vec<String> = ["potdraw", "--out", "my file's.json", ""].map(String::from).into();
        assert_eq!(shell_words(&words), "potdraw --out 'my file'\\''s.json' ''");
        assert_eq!(
            verify_command(Path::new("pot/transcript.json"), Path::new("pot/commitment.json")),
            "potdraw verify pot/transcript.json --commitment pot/commitment.json"
        );
    }
}
