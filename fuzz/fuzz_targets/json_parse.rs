//! The JSON parser against serde_json: both accept or both refuse, and every span lies
//! within the text, on character boundaries. Where apiward is deliberately more lenient
//! than serde_json it may accept what serde_json refuses: lone surrogate escapes (replaced
//! by U+FFFD; serde_json says "lone leading surrogate" or "unexpected end of hex escape"),
//! a leading byte order mark (skipped; serde_json says "expected value") and numbers past
//! f64's range (kept as written; serde_json says "number out of range"). The differential
//! test in `crates/apiward_spec/src/json.rs` checks the same on generated documents.
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
        (Ok(_), Err(e)) => {
            let m = e.to_string();
            let lenient = m.contains("surrogate")
                || m.contains("hex escape")
                || m.contains("number out of range")
                || text.starts_with('\u{feff}');
            assert!(lenient, "{e}");
        }
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
