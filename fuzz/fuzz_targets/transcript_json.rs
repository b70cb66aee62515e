//! A transcript document: parse, then replay whatever parses (SPEC §7.3, §8).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(t) = potdraw_core::parse::transcript(data) {
        let published = t.commitment.clone();
        let report = potdraw_verify::verify_transcript(t, Some(&published));
        if let Ok(v) = report.outcome {
            // A verified draw answers a participant's question without panicking.
            let _ = v.ticket(&[0u8; 32]);
        }
    }
});
