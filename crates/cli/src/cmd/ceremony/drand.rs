//! Step 3 for a drand source (SPEC §13): the round the commitment announced,
//! its time, and its signature, verified before it goes in.
//!
//! Why the room sees the time: a round's value cannot be known before its
//! time, and the commitment was published before that time; showing both
//! lets the room see that nobody could have chosen the round after seeing
//! it. With the `fetch` feature the ceremony waits for the round and fetches
//! it; otherwise (the default build has no network code) the organiser
//! pastes the signature from any drand relay or mirror. Either way the round
//! is verified offline against the chain's public key in the commitment, by
//! the same function `potdraw draw` uses, and a wrong length, a forged
//! signature or another round's signature is explained and asked again.

use super::screen::{Room, Stop, Tone};
use super::sources::Answer;
use crate::i18n::Lang;
use crate::ops::drand::verified_round;
use crate::t;
use potdraw_core::entropy::DrandSource;
use std::io::{BufRead, Write};

/// Asks for the drand round of `source` until a genuine signature is given.
pub fn ask<R: BufRead, W: Write>(
    room: &mut Room<R, W>,
    lang: Lang,
    label: &str,
    source: &DrandSource,
    heading: &str,
) -> Result<Answer, Stop> {
    let chain = potdraw_verify::chain_info(source).ok();
    let chain_name = chain.as_ref().map_or_else(|| hex::encode(source.hash), |c| c.label());
    let published = chain.as_ref().and_then(|c| potdraw_beacon::time_of(c, source.round).ok());
    let chained = chain.as_ref().is_some_and(|c| c.scheme.is_chained());
    let sig_len = chain.as_ref().map_or(0, |c| c.scheme.signature_len());
    let intro = |room: &mut Room<R, W>| {
        room.screen(heading);
        room.line(&t!(lang, "ceremony.drand.round", round = source.round, chain = chain_name));
        if let Some(at) = published {
            room.line(&t!(lang, "ceremony.drand.time", time = crate::localtime::show(lang, at)));
            if now() < at {
                let time = crate::render::duration_words(lang, at - now());
                room.styled(&t!(lang, "ceremony.drand.not-yet", time = time), Tone::Bad);
            }
        }
    };
    intro(room);
    let mut fetch = fetched(room, lang, source, published);
    loop {
        let (signature, previous) = match fetch.take() {
            Some(round) => round,
            None => {
                let ask = t!(lang, "ceremony.drand.ask-signature", chars = sig_len * 2);
                let signature = ask_hex(room, lang, &ask, sig_len)?;
                let previous = if chained {
                    let ask = t!(lang, "ceremony.drand.ask-previous", chars = sig_len * 2);
                    Some(ask_hex(room, lang, &ask, sig_len)?)
                } else {
                    None
                };
                (signature, previous)
            }
        };
        match verified_round(label, source, &signature, previous.as_deref()) {
            Ok((randomness, record)) => return confirm(room, lang, heading, hex::encode(randomness), record),
            Err(e) => {
                intro(room);
                room.styled(
                    &t!(lang, "ceremony.drand.forged", round = source.round, why = format!("{e:#}")),
                    Tone::Bad,
                );
                room.line(&t!(lang, "ceremony.value.again"));
            }
        }
    }
}

/// Reads hex of `len` bytes (any case, spaces allowed), explaining a refusal.
fn ask_hex<R: BufRead, W: Write>(room: &mut Room<R, W>, lang: Lang, prompt: &str, len: usize) -> Result<Vec<u8>, Stop> {
    loop {
        let typed: String = room.ask(prompt)?.split_whitespace().collect();
        match hex::decode(&typed) {
            Ok(bytes) if bytes.len() == len => return Ok(bytes),
            Ok(_) | Err(_) if typed.is_empty() => room.styled(&t!(lang, "ceremony.value.empty"), Tone::Bad),
            Ok(bytes) => {
                room.styled(&t!(lang, "ceremony.drand.length", found = bytes.len() * 2, expected = len * 2), Tone::Bad)
            }
            Err(_) => room.styled(&t!(lang, "ceremony.drand.not-hex"), Tone::Bad),
        }
    }
}

fn confirm<R: BufRead, W: Write>(
    room: &mut Room<R, W>,
    lang: Lang,
    heading: &str,
    randomness: String,
    record: potdraw_core::draw::BeaconRecord,
) -> Result<Answer, Stop> {
    room.screen(heading);
    room.styled(&t!(lang, "ceremony.drand.genuine", round = record.round), Tone::Good);
    room.line(&t!(lang, "ceremony.drand.randomness"));
    room.styled(&format!("  {randomness}"), Tone::Strong);
    room.pause(&t!(lang, "ceremony.continue"))?;
    Ok(Answer { value: randomness, beacon: Some(record) })
}

fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// A round's signature and, for a chained scheme, the previous one.
type Signatures = (Vec<u8>, Option<Vec<u8>>);

/// With the `fetch` feature: wait for the round's time and fetch it from the
/// drand relay (it is verified by the caller, like a pasted one). `None`
/// (then the signature is pasted) when the feature is off or the fetch fails.
#[cfg(feature = "fetch")]
fn fetched<R: BufRead, W: Write>(
    room: &mut Room<R, W>,
    lang: Lang,
    source: &DrandSource,
    published: Option<u64>,
) -> Option<Signatures> {
    let at = published?;
    room.line(&t!(lang, "ceremony.drand.fetching"));
    while now() < at + 1 {
        std::thread::sleep(std::time::Duration::from_millis(500));
    }
    let chain = potdraw_verify::chain_info(source).ok()?;
    match crate::ops::drand::fetch_round(&chain, source.round) {
        Ok(b) => Some((b.signature, b.previous_signature)),
        Err(e) => {
            room.styled(&t!(lang, "ceremony.drand.fetch-failed", why = format!("{e:#}")), Tone::Bad);
            None
        }
    }
}

#[cfg(not(feature = "fetch"))]
fn fetched<R: BufRead, W: Write>(_: &mut Room<R, W>, _: Lang, _: &DrandSource, _: Option<u64>) -> Option<Signatures> {
    None
}
