//! The `beacon` check (SPEC §8.2 step 9, §13.5): every drand source of a v2
//! transcript is re-verified offline against the chain its commitment
//! announced. Run only for v2 documents; v1 has no drand kind.

use crate::checks::{fail, Step};
use crate::{Check, Detail};
use potdraw_beacon::{BeaconError, ChainInfo, Scheme};
use potdraw_core::entropy::{DrandSource, SourceKind};
use potdraw_core::model::Transcript;

/// The chain a plan entry announced, in potdraw-beacon's terms. Fails for a
/// scheme the beacon crate does not know (core accepts the same set).
pub fn chain_info(d: &DrandSource) -> Result<ChainInfo, BeaconError> {
    Ok(ChainInfo {
        beacon_id: d.beacon_id.clone(),
        public_key: d.public_key.clone(),
        period: d.period,
        genesis_time: d.genesis_time,
        scheme: Scheme::from_id("scheme", &d.scheme)?,
        hash: d.hash,
        group_hash: d.group_hash,
    })
}

fn hex_member(field: &str, text: &str) -> Result<Vec<u8>, crate::Failure> {
    let ok = text.len() % 2 == 0 && text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    match hex::decode(text) {
        Ok(v) if ok => Ok(v),
        _ => Err(fail(Check::Beacon, field, "lowercase hexadecimal bytes", potdraw_core::error::quote(text))),
    }
}

fn failure(at: &str, e: BeaconError) -> crate::Failure {
    let what = match e.rejection() {
        Some(r) => format!("{at}.{} ({})", e.field(), r.id()),
        None => format!("{at}.{}", e.field()),
    };
    fail(Check::Beacon, what, e.expected(), e.found())
}

/// SPEC §8.2 step 9: for each drand source, in plan order: the chain's hash
/// matches its members; the transcript records the planned round; the
/// signature verifies for that round; and the value is SHA-256 of the signature.
pub(crate) fn beacons(t: &Transcript) -> Step {
    beacons_of(&t.commitment.plan, &t.entropy)
}

/// [`beacons`] for a plan and the revealed values (a v4 transcript's too, SPEC §17.7).
pub(crate) fn beacons_of(plan: &[potdraw_core::entropy::PlanEntry], entropy: &[potdraw_core::model::Revealed]) -> Step {
    let mut rounds = Vec::new();
    // entropy-plan has shown that labels, kinds and lengths agree.
    for (i, (p, e)) in plan.iter().zip(entropy).enumerate() {
        let SourceKind::Drand(d) = &p.kind else { continue };
        let at = format!("transcript.entropy[{i}]");
        let plan_at = format!("commitment.entropy_plan[{i}].chain");
        let chain = chain_info(d).map_err(|e| failure(&plan_at, e))?;
        chain.check().map_err(|e| failure(&plan_at, e))?;
        let b = e.beacon.clone().unwrap_or(potdraw_core::model::RevealedBeacon {
            round: None,
            signature: None,
            previous_signature: None,
        });
        match b.round {
            Some(r) if r == d.round => {}
            Some(r) => return Err(fail(Check::Beacon, format!("{at}.round"), d.round, r)),
            None => return Err(fail(Check::Beacon, format!("{at}.round"), d.round, "no \"round\" member")),
        }
        let Some(sig) = &b.signature else {
            return Err(fail(Check::Beacon, format!("{at}.signature"), "the round's signature", "no such member"));
        };
        let signature = hex_member(&format!("{at}.signature"), sig)?;
        let previous = match &b.previous_signature {
            Some(p) => Some(hex_member(&format!("{at}.previous_signature"), p)?),
            None => None,
        };
        let randomness =
            potdraw_beacon::verify(&chain, d.round, &signature, previous.as_deref()).map_err(|e| failure(&at, e))?;
        if e.value != hex::encode(randomness) {
            return Err(fail(
                Check::Beacon,
                format!("{at}.value (SHA-256 of the signature)"),
                hex::encode(randomness),
                &e.value,
            ));
        }
        // SPEC §13.7: whoever holds a chain's key can sign any round, so
        // the report says whether the key is a League of Entropy chain's.
        match potdraw_beacon::builtin_name(&chain) {
            Some(name) => rounds.push(format!("{name} round {}", d.round)),
            None => rounds.push(format!("round {} of {}, NOT a built-in chain", d.round, chain.label())),
        }
    }
    Ok(Detail::Beacon { rounds })
}

#[cfg(test)]
mod tests {
    use potdraw_core::entropy::DRAND_SCHEMES;

    /// SPEC §13.5: signatures are lowercase hexadecimal bytes; uppercase,
    /// an odd length or another letter is named as the member's failure.
    #[test]
    fn hex_members_are_lowercase_bytes() {
        assert_eq!(super::hex_member("s", "00ab").unwrap(), vec![0, 0xab]);
        assert_eq!(super::hex_member("s", "").unwrap(), Vec::<u8>::new());
        for bad in ["00AB", "Ab", "abc", "0g", " 00"] {
            let f = super::hex_member("transcript.entropy[0].signature", bad).unwrap_err();
            assert_eq!(f.check, crate::Check::Beacon);
            assert_eq!(f.what.to_string(), "transcript.entropy[0].signature", "{bad}");
            assert_eq!(f.found, format!("{bad:?}"));
        }
    }

    #[test]
    fn core_and_beacon_agree_on_schemes() {
        assert_eq!(DRAND_SCHEMES.len(), potdraw_beacon::Scheme::ALL.len());
        for s in potdraw_beacon::Scheme::ALL {
            assert!(DRAND_SCHEMES.contains(&(s.id(), s.public_key_len(), s.signature_len())), "{}", s.id());
        }
    }
}
