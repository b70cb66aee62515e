//! drand rounds for the CLI's flags and files (SPEC §13): the chain named by
//! `--chain`, beacon files, hex typed on the command line, and the check of
//! a round at the draw against the chain the commitment announced; with the
//! pure potdraw-beacon crate underneath.

use crate::i18n::Lang;
use crate::t;
use anyhow::Result;
use potdraw_beacon::{builtin, BeaconError, ChainInfo, BUILTIN_NAMES};
use potdraw_core::entropy::{DrandSource, PlanEntry, SourceKind};
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

/// Feature `fetch` (off by default): the only code in potdraw that touches
/// the network. What it fetches is verified with the same function as
/// everything else before it is used.
#[cfg(feature = "fetch")]
pub mod fetch {
    use anyhow::Result;
    use potdraw_beacon::ChainInfo;

    /// The default relay of `potdraw beacon fetch` and of the ceremony.
    pub const RELAY: &str = "https://api.drand.sh";

    /// The beacon JSON of `round` as a relay serves it (not yet verified).
    pub fn get(relay: &str, c: &ChainInfo, round: u64) -> Result<(String, String)> {
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
}
