//! `potdraw timestamp FILE --tsa URL` (feature `fetch`, SPEC §18.1): a
//! time-stamp token from each authority over the commitment's digest,
//! checked completely with the request's nonce, written beside the
//! commitment as `commitment.json.NAME.tsr`. The operation is
//! [`crate::ops::timestamping`]; only its `post` touches the network.
//!
//! A reply that fails the check, and a token that is not before the plan's
//! first drand round (it would prove nothing, SPEC §18.3), are named and not
//! written: exit 1. An authority that cannot be reached stops the command
//! (exit 2); tokens written before it stay, each complete.

use crate::args::TimestampArgs;
use crate::i18n::Lang;
use crate::ops::timestamping::{self, Authority, Target};
use crate::timestamps::{moments, reason, when};
use crate::{t, Exit};
use anyhow::Result;
use potdraw_core::unicode::visible;
use potdraw_timestamp::{published_before, PublishedBefore, Roots, Trust};

pub fn run(a: TimestampArgs) -> Result<Exit> {
    let target = timestamping::target(&a.commitment)?;
    let authorities = timestamping::authorities(&a.commitment, &a.tsa, a.force)?;
    let roots = crate::timestamps::roots(a.tsa_roots.as_deref())?;
    let mut exit = Exit::Success;
    for authority in &authorities {
        if !one(&target, authority, &roots, a.force)? {
            exit = Exit::Failed;
        }
    }
    Ok(exit)
}

/// One authority: request, check, write. `Ok(false)` when nothing was written.
fn one(target: &Target, authority: &Authority, roots: &Roots, force: bool) -> Result<bool> {
    let lang = Lang::current();
    let url = visible(&authority.url);
    let request = timestamping::request(target)?;
    let reply = timestamping::post(&authority.url, &request.der)?;
    let checked = match timestamping::check_reply(&reply, target, &request.nonce, roots) {
        Ok(c) => c,
        Err(e) => {
            println!("{}", t!(lang, "timestamp.fetch.refused", url = url, reason = reason(lang, &e)));
            return Ok(false);
        }
    };
    // SPEC §18.3: a token not before the first drand round proves nothing.
    if let PublishedBefore::Failed { token, label, round, entropy_time } =
        published_before(&[checked.time()], &moments(&target.plan))
    {
        println!(
            "{}",
            t!(
                lang,
                "timestamp.fetch.too-late",
                url = url,
                token = when(lang, token.gen_time.unix),
                label = visible(&label),
                round = round,
                entropy = when(lang, entropy_time)
            )
        );
        return Ok(false);
    }
    timestamping::write(authority, &reply, force)?;
    let file = visible(&authority.file.display().to_string());
    let time = when(lang, checked.gen_time.unix);
    println!("{}", t!(lang, "timestamp.fetch.written", file = file, time = time, signer = visible(&checked.signer)));
    let trust = match checked.trust {
        Trust::Trusted => t!(lang, "timestamp.fetch.trusted"),
        Trust::UntrustedRoot => t!(lang, "timestamp.fetch.untrusted", root = visible(&checked.root)),
        Trust::IssuerMissing => t!(lang, "timestamp.fetch.issuer-missing", issuer = visible(&checked.root)),
    };
    println!("  {trust}");
    Ok(true)
}
