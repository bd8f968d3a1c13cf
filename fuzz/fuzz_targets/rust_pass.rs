//! The Rust pass (prefilter, depth limits, syn, lowering, router evaluation) on one file:
//! it never panics or overflows its stack; a file it cannot read is a diagnostic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let src = dir.path().join("src");
    std::fs::create_dir_all(&src).expect("src");
    std::fs::write(dir.path().join("Cargo.toml"), "[package]\nname = \"f\"\n").expect("manifest");
    let file = src.join("main.rs");
    std::fs::write(&file, data).expect("main.rs");
    let inv = apiward_source::inventory(&[file], &apiward_source::SourceOptions::default());
    for d in &inv.diagnostics {
        assert!(!d.message.is_empty());
    }
});
