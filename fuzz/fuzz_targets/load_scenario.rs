//! Any bytes given to the scenario loader come back as a scenario or as
//! diagnostics, never as a panic; the diagnostics render without panicking
//! and point inside the text.

#![no_main]

use demarche::scenario::diagnostic::render;
use demarche::scenario::load;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let loaded = load::from_bytes("fuzz", data);
    if loaded.scenario.is_none() {
        assert!(loaded.errors() > 0, "a scenario refused without an error");
    } else {
        assert_eq!(loaded.errors(), 0, "a scenario accepted with errors");
    }
    for d in &loaded.diagnostics {
        if let Some(span) = &d.span {
            assert!(
                span.start <= span.end && span.end <= loaded.source.len() + 1,
                "span {span:?} outside a source of {} bytes",
                loaded.source.len()
            );
        }
    }
    let _ = render("fuzz.ron", &loaded.source, &loaded.diagnostics, false);
});
