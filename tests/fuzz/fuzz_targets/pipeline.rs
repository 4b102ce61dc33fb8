//! Any bytes through the whole pipeline — load (any document kind) → validate → derive →
//! render (Markdown and HTML) — must give a result or a diagnostic, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(loaded) = gongkai::load::input_from_bytes("fuzz.yaml", data) else {
        return;
    };
    let opts = gongkai::Options {
        formats: vec![gongkai::Format::Markdown, gongkai::Format::Html],
        draft: true,
        ..gongkai::Options::default()
    };
    let _ = gongkai::build_input(loaded, &opts);
});
