//! A large Rust file parsed in parts: its text is cut at top-level item boundaries by a
//! small lexer, and each part is parsed (and walked) on its own, so that the syntax tree of
//! the whole file never exists at once. `syn` keeps ≈ 100 bytes of tree and tokens per byte
//! of text (a 27 MB file of handlers peaked at 2.7 GB); a part of [`PART_BYTES`] keeps ≈ 25 MB.
//!
//! Every span stays exact: a part's tree is located from the part's byte offset in the file
//! (`syn` locates a parsed text from its own start). A file up to [`WHOLE_BYTES`] is one
//! part, parsed as before.
//!
//! The lexer (that of [`crate::depth`]) knows what can hide a `;` or a brace: line and
//! (nested) block comments, doc comments, strings, raw strings (`r#".."#`), byte and C
//! strings, char and byte literals (told from lifetimes and labels). A cut is made after a `;` or `}` at depth 0 only when
//! the next token starts an item (`#`, `pub`, `fn`, `struct`, .., `name!`): inside a
//! `const` initializer a `}` can be followed by `else` or an operator, never by those.
//!
//! What a part needs of the others is gathered first, as plain data, from the parts whose
//! text may hold it: the file's `macro_rules!` macros (for the routes) and, for the rules,
//! its constants, structs and enums (`FileVisitor::gather`). Known differences from a whole
//! parse, in files over [`WHOLE_BYTES`] only: what a macro of the file writes is located at
//! the invocation (as another file's macro is); the lookups of three rules across the file
//! see the part being walked (`hardcoded-secret`: whether a private constant is used only in
//! test code; `jwt-validation-disabled`: the file's decode calls and checks;
//! `tls-verification-disabled`: where a verifier type is used). Measured on the trial
//! repositories with every item its own part (`APIWARD_PARSE_PARTS=1`): 10 of 33 outputs
//! differ, all by these; with the default sizes none does.

use std::ops::Range;

use crate::depth;

/// Files up to this size are parsed whole.
pub const WHOLE_BYTES: usize = 512 * 1024;
/// The size a part of a larger file grows to (at least one item).
pub const PART_BYTES: usize = 256 * 1024;

/// The sizes in force: [`WHOLE_BYTES`] and [`PART_BYTES`], or the value of the environment
/// variable `APIWARD_PARSE_PARTS` (a size in bytes for both), with which the tests and the
/// differential runs cut every file.
fn sizes() -> (usize, usize) {
    static SIZES: std::sync::OnceLock<(usize, usize)> = std::sync::OnceLock::new();
    *SIZES.get_or_init(|| {
        match std::env::var("APIWARD_PARSE_PARTS")
            .ok()
            .and_then(|v| v.parse::<usize>().ok())
        {
            Some(n) => (n, n),
            None => (WHOLE_BYTES, PART_BYTES),
        }
    })
}

/// The byte ranges of `content` to parse one after the other: one range for a file up to
/// the whole-file size.
pub fn cut(content: &str) -> Vec<Range<usize>> {
    let (whole, part) = sizes();
    if content.len() <= whole {
        return std::iter::once(0..content.len()).collect();
    }
    cut_at(content, part)
}

/// A parsed part: its tree and the byte offset of its text in the parsed content.
pub struct Part {
    pub offset: usize,
    pub file: syn::File,
}

/// Parses part `r` of `content`. A syntax error is returned located in `content` (byte
/// range) with `syn`'s message.
pub fn parse(content: &str, r: Range<usize>) -> Result<Part, (Range<usize>, String)> {
    match syn::parse_str::<syn::File>(&content[r.clone()]) {
        Ok(file) => Ok(Part {
            offset: r.start,
            file,
        }),
        Err(e) => {
            let s = e.span().byte_range();
            Err((s.start + r.start..s.end + r.start, e.to_string()))
        }
    }
}

/// The first pass over a file cut in several parts: `f` on each part whose text `wants`
/// selects, in order, with that text (what the walk of one part needs of the others, as
/// plain data). A part that does not parse is skipped: the walk reports it.
pub fn gather(
    content: &str,
    ranges: &[Range<usize>],
    wants: impl Fn(&str) -> bool,
    mut f: impl FnMut(&syn::File, &str),
) {
    for r in ranges {
        let text = &content[r.clone()];
        if wants(text) {
            if let Ok(p) = parse(content, r.clone()) {
                f(&p.file, text);
            }
        }
    }
}

/// Cuts `content` into ranges of at least `target` bytes (the last one may be shorter) at
/// top-level item boundaries.
pub fn cut_at(content: &str, target: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for b in boundaries(content) {
        if b - start >= target {
            out.push(start..b);
            start = b;
        }
    }
    if start < content.len() || out.is_empty() {
        out.push(start..content.len());
    }
    out
}

/// Item keywords that can follow the end of the previous item.
const ITEM_START: &[&str] = &[
    "pub",
    "fn",
    "struct",
    "enum",
    "union",
    "impl",
    "mod",
    "use",
    "const",
    "static",
    "trait",
    "type",
    "extern",
    "unsafe",
    "async",
    "macro_rules",
    "auto",
    "default",
];

/// Byte offsets just after each top-level item (where the next one may start).
fn boundaries(content: &str) -> Vec<usize> {
    let b = content.as_bytes();
    let n = b.len();
    let mut out = Vec::new();
    let mut level = 0usize;
    // After a `;` or `}` at depth 0: where a cut would go, if the next token starts an item.
    let mut pending: Option<usize> = None;
    let mut i = 0;
    // Whether `tok` (the token starting at `at`) confirms a pending cut.
    let confirm = |pending: &mut Option<usize>, out: &mut Vec<usize>, starts_item: bool| {
        if let Some(p) = pending.take() {
            if starts_item {
                out.push(p);
            }
        }
    };
    while i < n {
        let c = b[i];
        match c {
            b' ' | b'\t' | b'\n' | b'\r' => i += 1,
            b'/' if b.get(i + 1) == Some(&b'/') => {
                i = memchr::memchr(b'\n', &b[i..]).map_or(n, |k| i + k + 1);
            }
            b'/' if b.get(i + 1) == Some(&b'*') => i = depth::skip_block_comment(b, i),
            b'"' => {
                confirm(&mut pending, &mut out, false);
                i = depth::skip_string(b, i + 1);
            }
            b'\'' => {
                confirm(&mut pending, &mut out, false);
                i = depth::skip_char(b, i);
            }
            c if depth::is_ident(c) => {
                if let Some(end) = depth::raw_or_prefixed_string(b, i) {
                    confirm(&mut pending, &mut out, false);
                    i = end;
                    continue;
                }
                let s = i;
                while i < n && depth::is_ident(b[i]) {
                    i += 1;
                }
                let word = &content[s..i];
                let starts = ITEM_START.contains(&word) || b.get(i) == Some(&b'!');
                confirm(&mut pending, &mut out, starts);
            }
            _ => {
                confirm(&mut pending, &mut out, c == b'#');
                match c {
                    b'{' | b'(' | b'[' => level += 1,
                    b'}' | b')' | b']' => {
                        level = level.saturating_sub(1);
                        if c == b'}' && level == 0 {
                            pending = Some(i + 1);
                        }
                    }
                    b';' if level == 0 => pending = Some(i + 1),
                    _ => {}
                }
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The items of `text` parsed whole and in parts cut after every item: same items at
    /// the same byte ranges.
    fn same_as_whole(text: &str) {
        let whole = syn::parse_str::<syn::File>(text).expect("whole parses");
        let spans = |items: &[syn::Item], off: usize| -> Vec<(usize, usize, String)> {
            use quote::ToTokens;
            items
                .iter()
                .map(|it| {
                    let r = syn::spanned::Spanned::span(it).byte_range();
                    (r.start + off, r.end + off, it.to_token_stream().to_string())
                })
                .collect()
        };
        let expected = spans(&whole.items, 0);
        let mut got = Vec::new();
        let parts = cut_at(text, 1);
        for r in parts {
            let p = parse(text, r).expect("part parses");
            got.extend(spans(&p.file.items, p.offset));
        }
        assert_eq!(got, expected);
    }

    #[test]
    fn cuts_after_items_only() {
        let text = r####"//! inner doc
#![allow(dead_code)]
use a::b; /* ; } */ use c::{d, e};
/// doc ; }
#[derive(Debug)]
struct S { a: [u8; 3] }
const A: i32 = if true { 1 } else { 2 };
const F: &dyn Fn() = &|| {};
static R: &str = r#"}; fn x() {"#;
static B: &[u8] = br##"" "# }"##;
const C: char = '}'; const D: char = '\''; const E: u8 = b';';
fn f<'a>(x: &'a str) -> &'a str { 'l: loop { break 'l; } x }
m! { ; }
n!(;);
impl S { fn g(&self) -> [(); { 1 }] { [()] } }
const G: u32 = { 1 } + 2;
/* nested /* } */ ; */
pub(crate) mod m { fn h() {} }
fn r#match() {}
const U: &str = "ü}'";
const V: char = 'ü';
"####;
        same_as_whole(text);
        // Every item boundary is a cut (19 items: 18 boundaries), none elsewhere.
        let cuts = boundaries(text);
        for c in &cuts {
            let rest = text[*c..].trim_start();
            assert!(
                !rest.starts_with("else") && !rest.starts_with('+') && !rest.starts_with(';'),
                "bad cut before {:?}",
                &rest[..10.min(rest.len())]
            );
        }
        assert_eq!(cuts.len(), 18, "{cuts:?}");
    }

    #[test]
    fn generated_files_cut_like_whole() {
        // Items of every kind, with the hiding places of `;` and `}` in between, repeated
        // with variations: each cut must give the whole parse's items.
        let mut text = String::new();
        for i in 0..300 {
            text.push_str(&format!(
                "/// item {i}; }}\n#[cfg(feature = \"x{i}\")]\npub fn f{i}<'a>(s: &'a str) -> &'a str {{ let _c = '{{'; let _r = r#\"}}\"#; s }}\n"
            ));
            text.push_str(&format!(
                "const K{i}: u32 = match {i} {{ 0 => 1, _ => 2 }} * 3;\n"
            ));
            text.push_str(&format!("impl T for S{i} {{ type X = [u8; {i}]; }}\n"));
            text.push_str(&format!("m{i}! {{ a; b }}\nstruct S{i}(u8);\n"));
        }
        same_as_whole(&text);
        let parts = cut_at(&text, 4096);
        assert!(parts.len() > 10);
        assert!(parts.windows(2).all(|w| w[0].end == w[1].start));
        assert_eq!(parts.last().unwrap().end, text.len());
    }

    #[test]
    fn small_files_are_one_part() {
        let parts = cut("fn f() {}");
        assert_eq!((parts.len(), parts[0].clone()), (1, 0..9));
    }
}
