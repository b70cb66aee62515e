//! `potdraw beacon`: drand rounds checked offline (SPEC §13), and the glue
//! between the CLI's flags and files and the pure potdraw-beacon crate.

use crate::args::{BeaconCommand, BeaconRoundAtArgs, BeaconTimeOfArgs, BeaconVerifyArgs};
use crate::i18n::Lang;
use crate::ops::drand::{chain, describe, hex_arg};
use crate::{t, Exit};
use anyhow::Result;
use potdraw_core::time::{format_utc, parse_utc};

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
    // Issue 28: as `drand:LABEL:CHAIN:TIME` reads it, a time without a zone is Dutch time.
    let t = crate::localtime::parse(&a.time).ok_or_else(|| {
        let found = potdraw_core::error::quote(&a.time);
        crate::problem!("drand-input", detail = t!(Lang::current(), "beacon.time-invalid", found = found))
    })?;
    let r = potdraw_beacon::round_at(&c, t);
    let at = potdraw_beacon::time_of(&c, r).map_err(|e| crate::problem!("drand-input", detail = describe(&e)))?;
    println!("{r}");
    let lang = Lang::current();
    let (chain, time) = (c.label(), crate::localtime::show(lang, at));
    eprintln!("{}", t!(lang, "beacon.round-at", round = r, chain = chain, time = time, asked = a.time));
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

#[cfg(feature = "fetch")]
mod fetch {
    //! `potdraw beacon fetch` (feature `fetch`, off by default): the only
    //! code in potdraw that touches the network. What it fetches is verified
    //! with the same function as everything else before it is printed.
    use super::*;
    use crate::args::BeaconFetchArgs;
    use crate::ops::drand::fetch::get;

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
