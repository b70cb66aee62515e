//! drand's JSON as potdraw reads it (SPEC §13): a beacon as the HTTP API
//! serves it (`draw --beacon`), and chain information as served at `/info`
//! (`--chain FILE`). Neither may panic, and a parsed beacon is verified
//! against both built-in chains without panicking either.
#![no_main]
use libfuzzer_sys::fuzz_target;
use potdraw_beacon::{builtin, parse_beacon, verify_beacon, ChainInfo};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(beacon) = parse_beacon(text) {
        for chain in ["quicknet", "mainnet"] {
            let chain = builtin(chain).expect("built-in chain");
            let _ = verify_beacon(&chain, &beacon, None);
            let _ = verify_beacon(&chain, &beacon, Some(beacon.round.wrapping_add(1)));
        }
    }
    if let Ok(chain) = ChainInfo::from_info_json(text) {
        let _ = chain.check();
        let _ = potdraw_beacon::round_at(&chain, u64::from_le_bytes([data.len() as u8; 8]));
        let _ = potdraw_beacon::time_of(&chain, data.len() as u64);
    }
});
