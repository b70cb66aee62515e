//! A receipt code as a participant types it (SPEC §4.3).
#![no_main]
use libfuzzer_sys::fuzz_target;
use potdraw_core::code;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let digest = [0x5au8; 32];
    if let Ok(parsed) = code::parse(text) {
        // Whatever reads as a code re-encodes to a code that reads back to the same salt.
        let again = code::encode(&parsed.salt, &digest);
        assert_eq!(code::parse_for_draw(&again, &digest), Ok(parsed.salt));
    }
    let _ = code::parse_for_draw(text, &digest);
});
