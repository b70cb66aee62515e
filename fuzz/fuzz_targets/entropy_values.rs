//! Entropy: the plan spec as typed (`--entropy dice:room:20d6`), the value
//! as typed at the draw (`--entropy room=...`), and its contribution to the
//! entropy digest (SPEC §5.1, §12.3, §14.2).
#![no_main]
use libfuzzer_sys::fuzz_target;
use potdraw_core::entropy::{value_bytes, SourceKind};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // First line: a plan spec; the rest: a value.
    let (spec, value) = text.split_once('\n').unwrap_or((text, ""));
    let _ = potdraw_cli::config::plan_entry(spec);
    for kind in [
        SourceKind::Dice { count: 5, faces: 6 },
        SourceKind::Dice { count: 3, faces: 10 },
        SourceKind::Text,
        SourceKind::Numbers,
        SourceKind::CountedNumbers { count: 6 },
    ] {
        // As `draw` and the ceremony take it.
        let typed = potdraw_cli::ops::drawing::normalise(Some(&kind), value);
        let accepted = value_bytes("v", &kind, &typed);
        // SPEC §14.2: what draw records for a v3 numbers source is accepted
        // as it is, and is a fixed point of the normalisation.
        if let (SourceKind::CountedNumbers { .. }, Ok(_)) = (&kind, &accepted) {
            assert_eq!(potdraw_cli::ops::drawing::normalise(Some(&kind), &typed), typed);
        }
    }
    let _ = potdraw_core::rfc3797::parse_numbers("v", value);
});
