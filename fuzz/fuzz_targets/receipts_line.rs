//! One line of receipts.jsonl, or a single receipt file (SPEC §7.4).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(r) = potdraw_core::parse::receipt(data) {
        // A receipt that parses has a code that reads back to its own salt.
        let salt = potdraw_core::code::parse_for_draw(&r.doc.code, &r.commitment_digest);
        assert_eq!(salt, Ok(r.salt));
    }
});
