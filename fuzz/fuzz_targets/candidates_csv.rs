//! The organiser's candidate list, through the CLI's own reader (SPEC §4.1).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(list) = potdraw_cli::candidates::parse(data) {
        // What was accepted must hold the reader's promises.
        assert!(!list.is_empty());
        for c in &list {
            assert!(!c.id.is_empty() && c.id.len() <= potdraw_cli::candidates::MAX_ID_BYTES);
            assert!((1..=potdraw_core::model::MAX_WEIGHT).contains(&c.weight));
        }
    }
});
