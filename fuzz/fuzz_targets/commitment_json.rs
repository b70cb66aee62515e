//! A commitment document: parse, then verify whatever parses (SPEC §7.2, §8).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(c) = potdraw_core::parse::commitment(data) {
        let _ = potdraw_verify::verify_commitment(c);
    }
});
