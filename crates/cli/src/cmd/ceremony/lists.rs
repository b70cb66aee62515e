//! The ceremony of a draw with several lists (SPEC §17): the same six
//! steps as for one list, with step 4 and 5 shown for each list in turn —
//! its recipients one at a time, a travel companion with the place they
//! travel with, then its reserves.
//!
//! The transcript is the one `potdraw draw` writes for the same values
//! ([`crate::cmd::lists::transcript`]), and, as for one list, nothing is
//! written before the last pick has been shown. The printable report of a
//! draw with several lists is made by `potdraw report`.

use super::screen::{Room, Stop, Style, Tone};
use super::{heading, interrupt, shell_words, show_seed, sources, stopped_message, verify_command};
use crate::config::CeremonyConfig;
use crate::i18n::Lang;
use crate::{files, render, t, Exit};
use anyhow::Result;
use potdraw_core::lists::{ListsCommitment, ListsTranscriptDoc};
use potdraw_core::unicode::visible;
use std::io::{BufRead, Write};

pub fn run(cfg: &CeremonyConfig, lang: Lang) -> Result<Exit> {
    let verified =
        match potdraw_verify::verify_lists_commitment(crate::cmd::lists::read_commitment(&cfg.commitment)?).outcome {
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
    show_commitment(room, lang, c)?;
    if !show_seed(room, lang, Some(c.seed_commitment), Some(seed))? {
        return Ok(Exit::Unusable);
    }
    let mut given = Vec::with_capacity(c.plan.len());
    let mut beacons = Vec::new();
    for (i, entry) in c.plan.iter().enumerate() {
        let what = t!(lang, "ceremony.sources.heading", n = i + 1, total = c.plan.len(), label = entry.label);
        let answer = sources::ask(room, lang, entry, &heading(lang, 3, &what))?;
        given.push((entry.label.clone(), answer.value));
        beacons.extend(answer.beacon.map(|b| (entry.label.clone(), b)));
    }
    let (doc, bytes) = crate::cmd::lists::transcript(c, &cfg.commitment, (seed_path, seed), &given, &beacons)?;
    room.screen(&heading(lang, 4, &t!(lang, "ceremony.mix.heading")));
    for e in &doc.entropy {
        room.line(&format!("{:<20} {}", visible(&e.label), visible(&e.value)));
    }
    room.line("");
    room.line(&t!(lang, "ceremony.mix.v1"));
    room.line(&format!("  {}", doc.draw_seed));
    room.line(&t!(lang, "ceremony.lists.each-own"));
    room.pause(&t!(lang, "ceremony.mix.reveal"))?;
    for i in 0..doc.lists.len() {
        reveal(room, lang, &doc, i)?;
    }
    interrupt::write_once(|| files::publish(vec![files::stage(&cfg.out, &bytes, files::Access::Public)?], cfg.force))?;
    room.screen(&heading(lang, 6, &t!(lang, "ceremony.transcript.heading")));
    room.styled(&t!(lang, "ceremony.transcript.written", file = cfg.out.display()), Tone::Good);
    room.line(&t!(lang, "ceremony.transcript.verify"));
    room.command(&verify_command(&cfg.out, &cfg.commitment));
    room.line(&t!(lang, "ceremony.lists.report"));
    Ok(Exit::Success)
}

/// Step 1: the commitment, each list with its rule, and the fingerprint.
fn show_commitment<R: BufRead, W: Write>(room: &mut Room<R, W>, lang: Lang, c: &ListsCommitment) -> Result<(), Stop> {
    let d = &c.doc;
    room.screen(&heading(lang, 1, &t!(lang, "ceremony.commitment.heading")));
    room.styled(&visible(&d.title), Tone::Strong);
    room.line(&t!(lang, "ceremony.commitment.intro"));
    room.line("");
    for l in &d.lists {
        room.line(&match (&l.companions_of, &l.pot) {
            (Some(of), _) => t!(
                lang,
                "ceremony.lists.companions",
                list = l.name,
                of = of,
                recipients = l.recipients,
                reserves = l.reserves,
                tickets = l.candidates.count
            ),
            (None, Some(p)) => t!(
                lang,
                "ceremony.lists.pot",
                list = l.name,
                recipients = l.recipients,
                reserves = l.reserves,
                tickets = l.candidates.count,
                grant = lang.money(p.grant_cents),
                pot = lang.money(p.amount_cents)
            ),
            (None, None) => t!(
                lang,
                "ceremony.lists.fixed",
                list = l.name,
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
) -> Result<(), Stop> {
    let l = &doc.commitment.lists[i];
    let picks = &doc.lists[i].result;
    let total = |role: &str| picks.iter().filter(|p| p.role == role).count();
    for p in picks {
        // A list of travel companions is named so on the projector: a
        // companion is never shown as "Recipient number 1" (issue 27).
        let companions = l.companions_of.is_some();
        let (step, key) = match (p.role == "recipient", companions) {
            (true, false) => (4, "ceremony.recipients.heading"),
            (true, true) => (4, "ceremony.companions.heading"),
            (false, _) => (5, "ceremony.reserves.heading"),
        };
        let what = t!(
            lang,
            "ceremony.lists.heading",
            list = l.name,
            n = i + 1,
            total = doc.lists.len(),
            what = lang.t(key, &[])
        );
        room.screen(&heading(lang, step, &what));
        let place = if p.role == "recipient" && companions {
            t!(lang, "ceremony.companion", rank = p.rank, total = total("recipient"))
        } else if p.role == "recipient" {
            t!(lang, "ceremony.recipient", rank = p.rank, total = total("recipient"))
        } else {
            t!(lang, "ceremony.reserve", rank = p.rank, total = total("reserve"))
        };
        room.styled(&place, Tone::Good);
        if let (Some(of), "recipient") = (&l.companions_of, p.role.as_str()) {
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
