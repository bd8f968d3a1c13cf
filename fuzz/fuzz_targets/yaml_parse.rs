//! The YAML parser (the parallel parts where the text can be cut, else serial) never
//! panics, and positions of every span can be computed.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (lines, tree) = apiward_spec::yaml::parse_indexed(text);
    match tree {
        Ok(tree) => {
            for i in 0..tree.nodes.len() {
                let s = tree.nodes[i].span;
                assert!(s.start <= s.end && s.end as usize <= text.len());
                let _ = lines.range(text, s);
            }
        }
        Err(e) => assert!(e.offset as usize <= text.len()),
    }
});
