//! The ceremony of a draw with several lists (SPEC §17): the steps of one
//! list, with the picks shown for each list in turn — its recipients one at
//! a time, a travel companion with the place they travel with, then its
//! reserves — each list's two steps counted in one step count (issue 27:
//! "Step 4 of 6" was shown four times), then a final overview of every list.
//!
//! The transcript is the one `potdraw draw` writes for the same values
//! ([`crate::ops::drawing::lists_transcript`]), and, as for one list, nothing is
//! written before the last pick has been shown; the printable report is
//! written with it, both or neither, as for one list.

use super::screen::{Room, Stop, Style, Tone};
use super::{heading_of, interrupt, report_command, shell_words, show_seed, sources, stopped_message, verify_command};
use crate::config::CeremonyConfig;
use crate::i18n::Lang;
use crate::shown;
use crate::{render, t, Exit};
use anyhow::Result;
use potdraw_core::lists::{ListsCommitment, ListsTranscriptDoc};
use potdraw_core::unicode::visible;
use std::io::{BufRead, Write};

pub fn run(cfg: &CeremonyConfig, lang: Lang) -> Result<Exit> {
    let verified =
        match potdraw_verify::verify_lists_commitment(crate::ops::documents::read_lists_commitment(&cfg.commitment)?)
            .outcome
        {
            Ok(v) => v,
            Err(f) => {
                eprintln!("potdraw: {}", t!(lang, "ceremony.commitment.fails", file = cfg.commitment.display()));
                eprintln!("{}", visible(&f.to_string()));
                return Ok(Exit::Failed);
            }
        };
    let Some(seed_path) = cfg.seed.as_deref() else {
        return Err(crate::problem!("seed-required", file = cfg.commitment.display()));
    };
    let seed = crate::cmd::read_seed(seed_path)?;
    let style = Style::detect();
    let command = shell_words(&std::env::args().collect::<Vec<_>>());
    let stopped = stopped_message(lang, &command, style);
    interrupt::install(stopped.clone())?;
    let stdin = std::io::stdin();
    let mut room = Room::new(stdin.lock(), std::io::stdout(), style, lang);
    match walk(&mut room, lang, cfg, verified.get(), (seed_path, &seed)) {
        Ok(exit) => Ok(exit),
        Err(e) => {
            print!("{stopped}");
            match e.downcast_ref::<Stop>() {
                Some(Stop::EndOfInput) => Ok(Exit::Unusable),
                None => Err(e),
            }
        }
    }
}

fn walk<R: BufRead, W: Write>(
    room: &mut Room<R, W>,
    lang: Lang,
    cfg: &CeremonyConfig,
    c: &ListsCommitment,
    (seed_path, seed): (&std::path::Path, &[u8; 32]),
) -> Result<Exit> {
    let total = steps(c.doc.lists.len());
    show_commitment(room, lang, c, total)?;
    if !show_seed(room, lang, Some(c.seed_commitment), Some(seed), total)? {
        return Ok(Exit::Unusable);
    }
    let mut given = Vec::with_capacity(c.plan.len());
    let mut beacons = Vec::new();
    for (i, entry) in c.plan.iter().enumerate() {
        let what = t!(lang, "ceremony.sources.heading", n = i + 1, total = c.plan.len(), label = entry.label);
        let answer = sources::ask(room, lang, entry, &heading_of(lang, 3, total, &what))?;
        given.push((entry.label.clone(), answer.value));
        beacons.extend(answer.beacon.map(|b| (entry.label.clone(), b)));
    }
    let (doc, bytes) = crate::ops::drawing::lists_transcript(c, &cfg.commitment, (seed_path, seed), &given, &beacons)?;
    room.screen(&heading_of(lang, 4, total, &t!(lang, "ceremony.mix.heading")));
    for e in &doc.entropy {
        room.line(&format!("{:<20} {}", visible(&e.label), visible(&e.value)));
    }
    room.line("");
    room.line(&t!(lang, "ceremony.mix.v1"));
    room.line(&format!("  {}", doc.draw_seed));
    room.line(&t!(lang, "ceremony.lists.each-own"));
    room.pause(&t!(lang, "ceremony.mix.reveal"))?;
    for i in 0..doc.lists.len() {
        reveal(room, lang, &doc, i, total)?;
    }
    // The printable report, published with the transcript as for one list.
    let rendered = crate::ops::report::verify_and_render_lists(&bytes, &cfg.commitment, lang);
    let report_failed = super::publish_with_report(cfg, lang, &bytes, rendered)?;
    room.screen(&heading_of(lang, total, total, &t!(lang, "ceremony.transcript.heading")));
    overview(room, lang, &doc);
    room.styled(&t!(lang, "ceremony.transcript.written", file = cfg.out.display()), Tone::Good);
    room.line(&t!(lang, "ceremony.transcript.verify"));
    room.command(&verify_command(&cfg.out, &cfg.commitment));
    match report_failed {
        None => {
            room.line(&t!(lang, "ceremony.report.written", file = cfg.report.display()));
            Ok(Exit::Success)
        }
        Some(why) => {
            room.styled(&t!(lang, "ceremony.report.failed", why = why), Tone::Bad);
            room.command(&report_command(&cfg.out, &cfg.commitment, &cfg.report));
            Ok(Exit::Unusable)
        }
    }
}

/// The steps of a ceremony of `lists` lists: the commitment, the seed, the
/// sources and the mix (1 to 4), each list's recipients and reserves (two
/// steps a list), and the result.
fn steps(lists: usize) -> u32 {
    5 + 2 * u32::try_from(lists).unwrap_or(u32::MAX / 4)
}

/// Lines of each list shown in the overview; a larger list refers to the transcript.
const OVERVIEW_LINES: usize = 10;

/// The last screen's overview: every list, its picks by place with the
/// fingerprint the room saw, companions with the place they travel with.
fn overview<R: BufRead, W: Write>(room: &mut Room<R, W>, lang: Lang, doc: &ListsTranscriptDoc) {
    let lists = &doc.commitment.lists;
    for (l, r) in lists.iter().zip(&doc.lists) {
        room.styled(&t!(lang, "verify.lists.heading", list = shown::list(lists, &l.name)), Tone::Strong);
        let of = l.companions_of.as_deref().map(|of| shown::list(lists, of));
        for p in r.result.iter().take(OVERVIEW_LINES) {
            let role = render::list_role_word(lang, &p.role, l.companions_of.is_some());
            let pair = match (&of, p.role.as_str()) {
                (Some(of), "recipient") => format!("  {}", t!(lang, "verify.lists.pair", place = p.rank, of = of)),
                _ => String::new(),
            };
            room.line(&format!("  {role:<10} {:>3}  {}{pair}", p.rank, render::fingerprint(&p.leaf)));
        }
        if r.result.len() > OVERVIEW_LINES {
            room.line(&t!(lang, "ceremony.summary.more", count = r.result.len() - OVERVIEW_LINES));
        }
    }
    room.line("");
}

/// Step 1: the commitment, each list with its rule, and the fingerprint.
fn show_commitment<R: BufRead, W: Write>(
    room: &mut Room<R, W>,
    lang: Lang,
    c: &ListsCommitment,
    total: u32,
) -> Result<(), Stop> {
    let d = &c.doc;
    room.screen(&heading_of(lang, 1, total, &t!(lang, "ceremony.commitment.heading")));
    room.styled(&visible(&d.title), Tone::Strong);
    room.line(&t!(lang, "ceremony.commitment.intro"));
    room.line("");
    for l in &d.lists {
        // SPEC §19.3: the room reads each list as people call it.
        let list = shown::list(&d.lists, &l.name);
        room.line(&match (&l.companions_of, &l.pot) {
            (Some(of), _) => t!(
                lang,
                "ceremony.lists.companions",
                list = list,
                of = shown::list(&d.lists, of),
                recipients = l.recipients,
                reserves = l.reserves,
                tickets = l.candidates.count
            ),
            (None, Some(p)) => t!(
                lang,
                "ceremony.lists.pot",
                list = list,
                recipients = l.recipients,
                reserves = l.reserves,
                tickets = l.candidates.count,
                grant = lang.money(p.grant_cents),
                monthly = lang.money(p.grant_monthly_cents),
                months = crate::tn!(lang, "count.month", p.grant_months),
                pot = lang.money(p.amount_cents)
            ),
            (None, None) => t!(
                lang,
                "ceremony.lists.fixed",
                list = list,
                recipients = l.recipients,
                reserves = l.reserves,
                tickets = l.candidates.count
            ),
        });
    }
    room.line("");
    room.line(&t!(lang, "ceremony.commitment.digest"));
    room.line(&format!("  {}", d.digest));
    room.line(&t!(lang, "ceremony.commitment.fingerprint"));
    room.big(&render::fingerprint(&d.digest));
    room.pause(&t!(lang, "ceremony.continue"))
}

/// Steps 4 and 5 for list `i`: its picks, one screen each.
fn reveal<R: BufRead, W: Write>(
    room: &mut Room<R, W>,
    lang: Lang,
    doc: &ListsTranscriptDoc,
    i: usize,
    steps: u32,
) -> Result<(), Stop> {
    let l = &doc.commitment.lists[i];
    let picks = &doc.lists[i].result;
    let total = |role: &str| picks.iter().filter(|p| p.role == role).count();
    for p in picks {
        // A list of travel companions is named so on the projector: a
        // companion is never shown as "Recipient number 1" (issue 27).
        let companions = l.companions_of.is_some();
        // Steps 5 and 6 for the first list, 7 and 8 for the second, …
        let first = 5 + 2 * u32::try_from(i).unwrap_or(0);
        let (step, key) = match (p.role == "recipient", companions) {
            (true, false) => (first, "ceremony.recipients.heading"),
            (true, true) => (first, "ceremony.companions.heading"),
            (false, _) => (first + 1, "ceremony.reserves.heading"),
        };
        let what = t!(
            lang,
            "ceremony.lists.heading",
            list = shown::list(&doc.commitment.lists, &l.name),
            n = i + 1,
            total = doc.lists.len(),
            what = lang.t(key, &[])
        );
        room.screen(&heading_of(lang, step, steps, &what));
        let place = if p.role == "recipient" && companions {
            t!(lang, "ceremony.companion", rank = p.rank, total = total("recipient"))
        } else if p.role == "recipient" {
            t!(lang, "ceremony.recipient", rank = p.rank, total = total("recipient"))
        } else {
            t!(lang, "ceremony.reserve", rank = p.rank, total = total("reserve"))
        };
        room.styled(&place, Tone::Good);
        if let (Some(of), "recipient") = (&l.companions_of, p.role.as_str()) {
            let of = shown::list(&doc.commitment.lists, of);
            room.styled(&t!(lang, "verify.lists.pair", place = p.rank, of = of), Tone::Strong);
        }
        room.line("");
        room.big(&render::fingerprint(&p.leaf));
        room.line("");
        room.line(&t!(lang, "ceremony.ticket", short = render::short(&p.leaf), weight = p.weight));
        room.line(&format!("  {}", p.leaf));
        room.pause(&t!(lang, "ceremony.next"))?;
    }
    Ok(())
}
