//! A candidate list as a spreadsheet (issue 16), through the CLI's reader:
//! any bytes as .xlsx, .xls or .ods must give a list or an error, never a
//! crash (calamine's own panics are turned into errors by the reader).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = potdraw_cli::candidates::Options::default();
    for format in ["xlsx", "xls", "ods"] {
        if let Ok(s) = potdraw_cli::sheet::read(data, format, None, &options) {
            // What was accepted must hold the validator's promises.
            assert!(!s.list.candidates.is_empty());
            for c in &s.list.candidates {
                assert!(!c.id.is_empty() && c.id.len() <= potdraw_cli::candidates::MAX_ID_BYTES);
                assert!((1..=potdraw_core::model::MAX_WEIGHT).contains(&c.weight));
            }
        }
    }
});
