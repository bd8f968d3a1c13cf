//! The JSON parser against serde_json: both accept or both refuse (but for lone
//! surrogates, which serde_json refuses and apiward replaces), and every span lies within
//! the text, on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let ours = apiward_spec::json::parse(text);
    let theirs = serde_json::from_str::<serde_json::Value>(text);
    match (&ours, &theirs) {
        (Ok(_), Ok(_)) | (Err(_), Err(_)) => {}
        (Ok(_), Err(e)) => assert!(e.to_string().contains("surrogate"), "{e}"),
        (Err(e), Ok(_)) => panic!("refused valid JSON: {e:?}"),
    }
    match ours {
        Ok(tree) => {
            for i in 0..tree.nodes.len() {
                let s = tree.nodes[i].span;
                assert!(s.start <= s.end && s.end as usize <= text.len());
                assert!(text.is_char_boundary(s.start as usize));
                assert!(text.is_char_boundary(s.end as usize));
            }
        }
        Err(e) => assert!(e.offset as usize <= text.len()),
    }
});
