//! `potdraw beacon`: drand rounds checked offline (SPEC §13), and the glue
//! between the CLI's flags and files and the pure potdraw-beacon crate.

use crate::args::{BeaconCommand, BeaconRoundAtArgs, BeaconTimeOfArgs, BeaconVerifyArgs};
use crate::i18n::Lang;
use crate::{t, Exit};
use anyhow::Result;
use potdraw_beacon::{builtin, BeaconError, ChainInfo, BUILTIN_NAMES};
use potdraw_core::entropy::{DrandSource, PlanEntry, SourceKind};
use potdraw_core::time::{format_utc, parse_utc};
use std::path::Path;

/// The largest chain-info or beacon JSON file we read.
const MAX_JSON_BYTES: u64 = 1 << 20;

/// `--chain`: a built-in chain name, or a chain-info JSON file as drand serves it at /info.
pub fn chain(arg: &str) -> Result<ChainInfo> {
    if let Some(c) = builtin(arg) {
        return Ok(c);
    }
    let path = Path::new(arg);
    if !path.exists() {
        return Err(crate::problem!(
            "drand-input",
            detail = t!(
                Lang::current(),
                "drand.chain-arg",
                arg = potdraw_core::error::quote(arg),
                names = BUILTIN_NAMES.join(", ")
            )
        ));
    }
    let bytes = crate::files::read(path, MAX_JSON_BYTES)?;
    let text = String::from_utf8(bytes)
        .map_err(|_| crate::problem!("drand-input", detail = t!(Lang::current(), "drand.not-utf8", file = arg)))?;
    ChainInfo::from_info_json(&text).map_err(|e| {
        crate::problem!("drand-input", detail = t!(Lang::current(), "drand.file", file = arg, detail = describe(&e)))
    })
}

/// A beacon JSON file (`draw --beacon LABEL=FILE`).
pub fn read_beacon(path: &Path) -> Result<potdraw_beacon::Beacon> {
    let bytes = crate::files::read(path, MAX_JSON_BYTES)?;
    let text = String::from_utf8(bytes).map_err(|_| {
        crate::problem!("drand-input", detail = t!(Lang::current(), "drand.not-utf8", file = path.display()))
    })?;
    potdraw_beacon::parse_beacon(&text).map_err(|e| {
        let file = path.display();
        crate::problem!("drand-input", detail = t!(Lang::current(), "drand.file", file = file, detail = describe(&e)))
    })
}

/// The plan entry that embeds the whole chain, so the round verifies offline for ever (SPEC §13.5).
pub fn plan_source(label: &str, c: &ChainInfo, round: u64) -> PlanEntry {
    PlanEntry {
        label: label.to_string(),
        kind: SourceKind::Drand(DrandSource {
            round,
            beacon_id: c.beacon_id.clone(),
            hash: c.hash,
            scheme: c.scheme.id().to_string(),
            public_key: c.public_key.clone(),
            genesis_time: c.genesis_time,
            period: c.period,
            group_hash: c.group_hash,
        }),
    }
}

/// Lowercase or uppercase hex from the command line.
pub fn hex_arg(flag: &str, text: &str) -> Result<Vec<u8>> {
    hex::decode(text.trim()).map_err(|_| {
        let found = potdraw_core::error::quote(text.trim());
        crate::problem!("drand-input", detail = t!(Lang::current(), "beacon.hex", flag = flag, found = found))
    })
}

/// A beacon error in the language of this run: a rejection by its reason
/// (`errors.drand-reason.<id>`), anything else by field, expected and found.
pub fn describe(e: &BeaconError) -> String {
    let lang = Lang::current();
    match e.rejection() {
        Some(r) => {
            let reason = lang.t(&format!("errors.drand-reason.{}", r.id()), &[]);
            t!(lang, "beacon.rejected", field = e.field(), id = r.id(), reason = reason)
        }
        None => t!(lang, "beacon.mismatch", field = e.field(), expected = e.expected(), found = e.found()),
    }
}

pub fn run(cmd: BeaconCommand) -> Result<Exit> {
    match cmd {
        BeaconCommand::Verify(a) => verify(a),
        BeaconCommand::RoundAt(a) => round_at(a),
        BeaconCommand::TimeOf(a) => time_of(a),
        #[cfg(feature = "fetch")]
        BeaconCommand::Fetch(a) => fetch::run(a),
    }
}

fn verify(a: BeaconVerifyArgs) -> Result<Exit> {
    let c = chain(&a.chain)?;
    let signature = hex_arg("--signature", &a.signature)?;
    let previous = a.previous_signature.as_deref().map(|p| hex_arg("--previous-signature", p)).transpose()?;
    match potdraw_beacon::verify(&c, a.round, &signature, previous.as_deref()) {
        Ok(randomness) => {
            let lang = Lang::current();
            println!("{}", t!(lang, "beacon.genuine", round = a.round, chain = c.label()));
            println!("{}", t!(lang, "beacon.randomness", hex = hex::encode(randomness)));
            Ok(Exit::Success)
        }
        Err(e) if e.rejection().is_some() => {
            println!("{}", t!(Lang::current(), "beacon.forged", round = a.round, chain = c.label()));
            println!("  {}", describe(&e));
            Ok(Exit::Failed)
        }
        Err(e) => Err(crate::problem!("drand-input", detail = describe(&e))),
    }
}

fn round_at(a: BeaconRoundAtArgs) -> Result<Exit> {
    let c = chain(&a.chain)?;
    let t = parse_utc(&a.time).ok_or_else(|| {
        let found = potdraw_core::error::quote(&a.time);
        crate::problem!("drand-input", detail = t!(Lang::current(), "beacon.time-invalid", found = found))
    })?;
    let r = potdraw_beacon::round_at(&c, t);
    let at = potdraw_beacon::time_of(&c, r).map_err(|e| crate::problem!("drand-input", detail = describe(&e)))?;
    println!("{r}");
    let (chain, time) = (c.label(), format_utc(at));
    eprintln!("{}", t!(Lang::current(), "beacon.round-at", round = r, chain = chain, time = time, asked = a.time));
    Ok(Exit::Success)
}

fn time_of(a: BeaconTimeOfArgs) -> Result<Exit> {
    let c = chain(&a.chain)?;
    let t = potdraw_beacon::time_of(&c, a.round).map_err(|e| {
        crate::problem!("drand-input", detail = t!(Lang::current(), "beacon.round", detail = describe(&e)))
    })?;
    if parse_utc("9999-12-31T23:59:59Z").is_some_and(|max| t > max) {
        return Err(crate::problem!(
            "drand-input",
            detail = t!(Lang::current(), "beacon.round-too-late", found = a.round)
        ));
    }
    println!("{}", format_utc(t));
    Ok(Exit::Success)
}

/// "drand source "label": …", in the language of this run.
pub fn source_problem(label: &str, detail: &str) -> String {
    t!(Lang::current(), "beacon.source", label = potdraw_core::error::quote(label), detail = detail)
}

/// A drand source at the draw: its signature from `--entropy` or `--beacon`,
/// verified against the chain the commitment announced, or refused naming
/// the label, the field, what was expected and what was found.
pub fn verified_round(
    label: &str,
    source: &DrandSource,
    signature: &[u8],
    previous: Option<&[u8]>,
) -> Result<([u8; 32], potdraw_core::draw::BeaconRecord)> {
    let c = potdraw_verify::chain_info(source)
        .map_err(|e| crate::problem!("drand-input", detail = source_problem(label, &describe(&e))))?;
    c.check().map_err(|e| {
        let said = t!(Lang::current(), "beacon.commitment-chain", detail = describe(&e));
        crate::problem!("drand-input", detail = source_problem(label, &said))
    })?;
    let randomness = potdraw_beacon::verify(&c, source.round, signature, previous)
        .map_err(|e| crate::problem::beacon(label, source.round, &c.label(), &e))?;
    let record = potdraw_core::draw::BeaconRecord {
        round: source.round,
        signature: hex::encode(signature),
        previous_signature: previous.map(hex::encode),
    };
    Ok((randomness, record))
}

#[cfg(feature = "fetch")]
pub use fetch::fetch_round;

#[cfg(feature = "fetch")]
mod fetch {
    //! `potdraw beacon fetch` (feature `fetch`, off by default): the only
    //! code in potdraw that touches the network. What it fetches is verified
    //! with the same function as everything else before it is printed.
    use super::*;
    use crate::args::BeaconFetchArgs;

    /// The default relay of `potdraw beacon fetch` and of the ceremony.
    pub const RELAY: &str = "https://api.drand.sh";

    /// The beacon JSON of `round` as a relay serves it (not yet verified).
    fn get(relay: &str, c: &ChainInfo, round: u64) -> Result<(String, String)> {
        let url = format!("{}/{}/public/{}", relay.trim_end_matches('/'), hex::encode(c.hash), round);
        let body = ureq::get(&url)
            .call()
            .map_err(|e| crate::problem!("drand-input", detail = format!("{url}: {e}")))?
            .into_string()?;
        Ok((url, body))
    }

    /// A round fetched from the default relay, parsed; the caller verifies it.
    pub fn fetch_round(c: &ChainInfo, round: u64) -> Result<potdraw_beacon::Beacon> {
        let (url, body) = get(RELAY, c, round)?;
        potdraw_beacon::parse_beacon(&body).map_err(|e| crate::problem!("drand-input", detail = format!("{url}: {e}")))
    }

    pub fn run(a: BeaconFetchArgs) -> Result<Exit> {
        let c = chain(&a.chain)?;
        let (url, body) = get(&a.relay, &c, a.round)?;
        let beacon = potdraw_beacon::parse_beacon(&body)
            .map_err(|e| crate::problem!("drand-input", detail = format!("{url}: {e}")))?;
        match potdraw_beacon::verify_beacon(&c, &beacon, Some(a.round)) {
            Ok(_) => {}
            Err(e) if e.rejection().is_some() => {
                eprintln!("potdraw: {}", t!(Lang::current(), "beacon.fetch-forged", url = url, detail = describe(&e)));
                return Ok(Exit::Failed);
            }
            Err(e) => return Err(crate::problem!("drand-input", detail = format!("{url}: {}", describe(&e)))),
        }
        match &a.out {
            Some(path) => crate::files::write(path, body.as_bytes(), crate::files::Access::Public, false)?,
            None => println!("{}", body.trim()),
        }
        eprintln!("{}", t!(Lang::current(), "beacon.fetched", round = a.round, chain = c.label()));
        Ok(Exit::Success)
    }
}
