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
//!
//! One item can be too large too: a generated `config` function of 200,000 registrations
//! (5 MB) held 45% of the heap at the peak of issue 17's 26 MiB file. A top-level function
//! over [`FN_BYTES`] is parsed in pieces ([`Piece`]): its head (attributes and signature, the
//! body parsed empty) and its statements, cut after a `;` at the body's level (where a
//! statement always ends). The routes' lowering adds each piece's statements to the one
//! function; the rules see each piece as a function of its own, with the function's name
//! but no parameters, so a value is followed within a piece only (a finding whose source and
//! sink are in two pieces of such a function is missed).

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
    *SIZES.get_or_init(|| env_sizes("APIWARD_PARSE_PARTS", (WHOLE_BYTES, PART_BYTES)))
}

/// The value of environment variable `var` (a size in bytes) for both sizes, or `default`.
fn env_sizes(var: &str, default: (usize, usize)) -> (usize, usize) {
    match std::env::var(var)
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
    {
        Some(n) => (n, n),
        None => default,
    }
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

/// Functions larger than this are parsed in pieces of statements (see [`Piece`]).
pub const FN_BYTES: usize = 512 * 1024;

/// The size from which a top-level function is parsed in pieces of statements, and of a
/// piece: [`FN_BYTES`] and [`PART_BYTES`], or the value of the environment variable
/// `APIWARD_PARSE_FN` (a size in bytes for both).
fn fn_sizes() -> (usize, usize) {
    static SIZES: std::sync::OnceLock<(usize, usize)> = std::sync::OnceLock::new();
    *SIZES.get_or_init(|| env_sizes("APIWARD_PARSE_FN", (FN_BYTES, PART_BYTES)))
}

/// A piece of a file to parse on its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    /// Top-level items.
    Items(Range<usize>),
    /// A top-level function too large to parse whole (a generated router of 200,000
    /// routes), up to its body's `{`: parsed with a `}` added, its body empty. `body` is
    /// the range of its braces.
    FnHead {
        head: Range<usize>,
        body: Range<usize>,
    },
    /// Statements of the body of the last [`Piece::FnHead`]'s function, cut after a `;` at
    /// the body's level.
    Stmts(Range<usize>),
}

impl Piece {
    /// The bytes it is parsed from.
    pub fn range(&self) -> Range<usize> {
        match self {
            Piece::Items(r) | Piece::Stmts(r) => r.clone(),
            Piece::FnHead { head, .. } => head.clone(),
        }
    }
}

/// The pieces of `content` to parse one after the other: [`cut`]'s parts, with each
/// top-level function over [`FN_BYTES`] in pieces of its statements (the function's
/// statements are lowered as one body; the rules see each piece as a function of its own).
pub fn pieces(content: &str) -> Vec<Piece> {
    let (whole, part) = sizes();
    let (fn_whole, fn_part) = fn_sizes();
    pieces_of(content, (whole, part), (fn_whole, fn_part))
}

/// [`pieces`] with the sizes given: a file parsed whole up to `whole`, in parts of
/// `part`; a function in pieces past `fn_whole`, of `fn_part`.
fn pieces_of(
    content: &str,
    (whole, part): (usize, usize),
    (fn_whole, fn_part): (usize, usize),
) -> Vec<Piece> {
    if content.len() <= whole {
        return vec![Piece::Items(0..content.len())];
    }
    let mut ends = boundaries(content);
    if ends.last() != Some(&content.len()) {
        ends.push(content.len());
    }
    let mut out = Vec::new();
    let (mut start, mut item) = (0, 0);
    for end in ends {
        if end - item > fn_whole {
            if let Some(fn_pieces) = fn_pieces(content, item..end, fn_part) {
                if item > start {
                    out.push(Piece::Items(start..item));
                }
                out.extend(fn_pieces);
                (start, item) = (end, end);
                continue;
            }
        }
        if end - start >= part {
            out.push(Piece::Items(start..end));
            start = end;
        }
        item = end;
    }
    if start < content.len() || out.is_empty() {
        out.push(Piece::Items(start..content.len()));
    }
    out
}

/// The pieces of item `item` when it is a function with a body (its attributes, `pub`,
/// `async`, `const`, `unsafe` and `extern "C"` before `fn`), its statements cut into
/// pieces of at least `target` bytes: `None` for any other item.
fn fn_pieces(content: &str, item: Range<usize>, target: usize) -> Option<Vec<Piece>> {
    let mut head = tokens(content, item.start, item.end);
    let mut level = 0usize;
    let mut seen_fn = false;
    let open = loop {
        let (tok, _, end) = head.next()?;
        if level > 0 {
            match tok {
                Tok::Punct(b'(' | b'[' | b'{') => level += 1,
                Tok::Punct(b')' | b']' | b'}') => level -= 1,
                _ => {}
            }
            continue;
        }
        match tok {
            Tok::Punct(b'{') if seen_fn => break end,
            Tok::Punct(b'(' | b'[') => level += 1,
            Tok::Word("fn") => seen_fn = true,
            _ if seen_fn => {}
            Tok::Punct(b'#') | Tok::Lit => {}
            Tok::Word("pub" | "async" | "const" | "unsafe" | "extern" | "safe") => {}
            _ => return None,
        }
    };
    // The body's inner attributes (`#![expect(..)]`) go with the head.
    let mut first = open;
    let mut inner = tokens(content, open, item.end);
    while let (Some((Tok::Punct(b'#'), ..)), Some((Tok::Punct(b'!'), ..))) =
        (inner.next(), inner.next())
    {
        let mut depth = 0usize;
        for (tok, _, end) in inner.by_ref() {
            match tok {
                Tok::Punct(b'(' | b'[' | b'{') => depth += 1,
                Tok::Punct(b')' | b']' | b'}') => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        first = end;
                        break;
                    }
                }
                _ => {}
            }
        }
        inner = tokens(content, first, item.end);
    }
    // An inner doc comment (`//!`, `/*!`) is an attribute of the body: parsed whole.
    let lead = tokens(content, first, item.end)
        .next()
        .map_or(item.end, |(_, s, _)| s);
    if content[first..lead].contains("//!") || content[first..lead].contains("/*!") {
        return None;
    }
    // The statements: cut after a `;` at the body's level, up to its closing brace.
    let mut toks = tokens(content, first, item.end);
    let mut out = vec![];
    let (mut start, mut close) = (first, None);
    for (tok, s, end) in toks.by_ref() {
        match tok {
            Tok::Punct(b'{' | b'(' | b'[') => level += 1,
            Tok::Punct(b'}') if level == 0 => {
                close = Some(s);
                break;
            }
            Tok::Punct(b'}' | b')' | b']') => level = level.saturating_sub(1),
            Tok::Punct(b';') if level == 0 && end - start >= target => {
                out.push(Piece::Stmts(start..end));
                start = end;
            }
            _ => {}
        }
    }
    let close = close?;
    // Nothing but the function.
    if toks.next().is_some() {
        return None;
    }
    out.push(Piece::Stmts(start..close));
    out.insert(
        0,
        Piece::FnHead {
            head: item.start..first,
            body: open - 1..close + 1,
        },
    );
    Some(out)
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

/// Parses the pieces of a file one after the other: a function's head with its body
/// empty, its statements in a function of their own of the same name (a test when the
/// function is one), located from their own start.
pub struct PieceParser<'c> {
    content: &'c str,
    /// The name of the function of the last head, and whether it is a test.
    name: String,
    test: bool,
}

impl<'c> PieceParser<'c> {
    pub fn new(content: &'c str) -> Self {
        PieceParser {
            content,
            name: String::new(),
            test: false,
        }
    }

    /// Parses piece `p`: a syntax error is returned located in the content (byte range)
    /// with `syn`'s message.
    pub fn parse(&mut self, p: &Piece) -> Result<Part, (Range<usize>, String)> {
        let located = |r: &Range<usize>, e: syn::Error| {
            let s = e.span().byte_range();
            let end = (s.end + r.start).min(r.end);
            ((s.start + r.start).min(end)..end, e.to_string())
        };
        match p {
            Piece::Items(r) => parse(self.content, r.clone()),
            Piece::FnHead { head, .. } => {
                let text = format!("{}}}", &self.content[head.clone()]);
                let file = syn::parse_str::<syn::File>(&text).map_err(|e| located(head, e))?;
                if let Some(syn::Item::Fn(f)) = file.items.first() {
                    self.name = f.sig.ident.to_string();
                    self.test = crate::ir::is_test_attr(&f.attrs);
                }
                Ok(Part {
                    offset: head.start,
                    file,
                })
            }
            Piece::Stmts(r) => {
                let text = &self.content[r.clone()];
                let stmts = syn::parse::Parser::parse_str(syn::Block::parse_within, text)
                    .map_err(|e| located(r, e))?;
                if self.name.is_empty() {
                    // Its head did not parse (reported by the walk).
                    return Err((r.clone(), "the function's head does not parse".to_string()));
                }
                let ident = match self.name.strip_prefix("r#") {
                    Some(raw) => syn::Ident::new_raw(raw, proc_macro2::Span::call_site()),
                    None => syn::Ident::new(&self.name, proc_macro2::Span::call_site()),
                };
                let mut f: syn::ItemFn = if self.test {
                    syn::parse_quote!(#[test] fn #ident() {})
                } else {
                    syn::parse_quote!(fn #ident() {})
                };
                f.block.stmts = stmts;
                Ok(Part {
                    offset: r.start,
                    file: syn::File {
                        shebang: None,
                        attrs: Vec::new(),
                        items: vec![syn::Item::Fn(f)],
                    },
                })
            }
        }
    }
}

/// The first pass over a file cut in several parts: `f` on each part whose text `wants`
/// selects, in order, with that text (what the walk of one part needs of the others, as
/// plain data). A part that does not parse is skipped: the walk reports it.
pub fn gather(
    content: &str,
    pieces: &[Piece],
    wants: impl Fn(&str) -> bool,
    mut f: impl FnMut(&syn::File, &str),
) {
    let mut parser = PieceParser::new(content);
    for p in pieces {
        let text = &content[p.range()];
        // A head is parsed for its name, whatever its text.
        if wants(text) || matches!(p, Piece::FnHead { .. }) {
            if let Ok(part) = parser.parse(p) {
                if wants(text) {
                    f(&part.file, text);
                }
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

/// A token of the small lexer, as much as cutting needs: a word, a punctuation byte, or a
/// literal (string, char, byte or raw string). Whitespace and comments are skipped.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Tok<'a> {
    Word(&'a str),
    Punct(u8),
    Lit,
}

/// The tokens of `content[from..to]`, each with its start and end byte offsets.
fn tokens(content: &str, from: usize, to: usize) -> impl Iterator<Item = (Tok<'_>, usize, usize)> {
    let b = &content.as_bytes()[..to];
    let n = b.len();
    let mut i = from;
    std::iter::from_fn(move || {
        while i < n {
            let c = b[i];
            let s = i;
            match c {
                b' ' | b'\t' | b'\n' | b'\r' => i += 1,
                b'/' if b.get(i + 1) == Some(&b'/') => {
                    i = memchr::memchr(b'\n', &b[i..]).map_or(n, |k| i + k + 1);
                }
                b'/' if b.get(i + 1) == Some(&b'*') => i = depth::skip_block_comment(b, i),
                b'"' => {
                    i = depth::skip_string(b, i + 1);
                    return Some((Tok::Lit, s, i));
                }
                b'\'' => {
                    i = depth::skip_char(b, i);
                    return Some((Tok::Lit, s, i));
                }
                c if depth::is_ident(c) => {
                    if let Some(end) = depth::raw_or_prefixed_string(b, i) {
                        i = end;
                        return Some((Tok::Lit, s, i));
                    }
                    while i < n && depth::is_ident(b[i]) {
                        i += 1;
                    }
                    return Some((Tok::Word(&content[s..i]), s, i));
                }
                _ => {
                    i += 1;
                    return Some((Tok::Punct(c), s, i));
                }
            }
        }
        None
    })
}

/// Byte offsets just after each top-level item (where the next one may start).
fn boundaries(content: &str) -> Vec<usize> {
    let b = content.as_bytes();
    let mut out = Vec::new();
    let mut level = 0usize;
    // After a `;` or `}` at depth 0: where a cut would go, if the next token starts an item.
    let mut pending: Option<usize> = None;
    for (tok, _, end) in tokens(content, 0, content.len()) {
        let starts_item = match tok {
            Tok::Lit => false,
            Tok::Word(w) => ITEM_START.contains(&w) || b.get(end) == Some(&b'!'),
            Tok::Punct(c) => c == b'#',
        };
        if let Some(p) = pending.take() {
            if starts_item {
                out.push(p);
            }
        }
        if let Tok::Punct(c) = tok {
            match c {
                b'{' | b'(' | b'[' => level += 1,
                b'}' | b')' | b']' => {
                    level = level.saturating_sub(1);
                    if c == b'}' && level == 0 {
                        pending = Some(end);
                    }
                }
                b';' if level == 0 => pending = Some(end),
                _ => {}
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
        let text = r###"//! inner doc
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
"###;
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

    /// The statements of `text`'s functions parsed whole, and parsed in pieces (every
    /// function of over `fn_whole` bytes in pieces of `fn_part`): the same statements at the
    /// same byte ranges, and the same items around them.
    fn pieces_same_as_whole(text: &str, fn_whole: usize, fn_part: usize) -> Vec<Piece> {
        use quote::ToTokens;
        use syn::spanned::Spanned;
        let whole = syn::parse_str::<syn::File>(text).expect("whole parses");
        let located = |t: &dyn Spanned, off: usize, tokens: String| {
            let r = t.span().byte_range();
            (r.start + off, r.end + off, tokens)
        };
        let mut expected = Vec::new();
        for it in &whole.items {
            match it {
                syn::Item::Fn(f) => {
                    expected.push(located(&f.sig.ident, 0, f.sig.ident.to_string()));
                    for st in &f.block.stmts {
                        expected.push(located(st, 0, st.to_token_stream().to_string()));
                    }
                }
                it => expected.push(located(it, 0, it.to_token_stream().to_string())),
            }
        }
        let pieces = pieces_of(text, (0, 1), (fn_whole, fn_part));
        let mut parser = PieceParser::new(text);
        let mut got = Vec::new();
        for p in &pieces {
            let part = parser.parse(p).expect("piece parses");
            for it in &part.file.items {
                match (p, it) {
                    (Piece::Stmts(_), syn::Item::Fn(f)) => {
                        for st in &f.block.stmts {
                            got.push(located(st, part.offset, st.to_token_stream().to_string()));
                        }
                    }
                    (_, syn::Item::Fn(f)) => {
                        got.push(located(&f.sig.ident, part.offset, f.sig.ident.to_string()));
                        for st in &f.block.stmts {
                            got.push(located(st, part.offset, st.to_token_stream().to_string()));
                        }
                    }
                    (_, it) => got.push(located(it, part.offset, it.to_token_stream().to_string())),
                }
            }
        }
        assert_eq!(got, expected);
        pieces
    }

    #[test]
    fn a_large_function_is_parsed_in_pieces_of_statements() {
        let mut text = String::from("use a::b;\nconst K: u32 = 1;\n");
        text.push_str("/// doc; }\n#[cfg(feature = \"x\")]\npub(crate) async fn config<'a, T: Fn(u8) -> [u8; 2]>(cfg: &mut web::ServiceConfig) -> Result<(), E> where T: Clone {\n    #![allow(unused)] #![cfg_attr(x, expect(y))]\n");
        for i in 0..200 {
            text.push_str(&format!(
                "    cfg.service(h{i}); let _s = \"}};{i}\"; let _c = ';'; /* ; }} */ let _a = [0u8; {i}];\n    if matches!(c, '\\''|'\"') {{ y(); }} else {{ z(); }}\n    fn inner{i}() {{ a; }}\n"
            ));
        }
        text.push_str("    tail(cfg)\n}\nstruct After;\nfn r#match() { a(); b(); c(); }\n#[test]\nfn big_test() { #![allow(x)] let x = 1; let y = x; let z = y; }\nimpl S { fn m(&self) { a(); b(); } }\n");
        let pieces = pieces_same_as_whole(&text, 20, 500);
        // Three functions in pieces: each a head and statements; the impl whole.
        let heads = pieces
            .iter()
            .filter(|p| matches!(p, Piece::FnHead { .. }))
            .count();
        assert_eq!(heads, 3, "{pieces:?}");
        assert!(
            pieces
                .iter()
                .filter(|p| matches!(p, Piece::Stmts(_)))
                .count()
                > 20
        );
        // A head's body range is that of the function's braces.
        let Some(Piece::FnHead { head, body }) =
            pieces.iter().find(|p| matches!(p, Piece::FnHead { .. }))
        else {
            unreachable!()
        };
        assert!(text[head.clone()].trim_start().starts_with("/// doc"));
        assert_eq!(&text[body.start..=body.start], "{");
        assert!(text[..body.end].ends_with("tail(cfg)\n}"));
        // The statements of a test are those of a test; a raw name is kept.
        let mut parser = PieceParser::new(&text);
        let mut names = Vec::new();
        for p in &pieces {
            let part = parser.parse(p).unwrap();
            if let (Piece::Stmts(_), Some(syn::Item::Fn(f))) = (p, part.file.items.first()) {
                names.push((f.sig.ident.to_string(), !f.attrs.is_empty()));
            }
        }
        assert!(names.contains(&("config".to_string(), false)));
        assert!(names.contains(&("r#match".to_string(), false)));
        assert!(names.contains(&("big_test".to_string(), true)));
    }

    #[test]
    fn only_functions_with_bodies_are_cut_in_statements() {
        // Large items that are not a function's body: whole.
        let mut text = String::from("const T: &[&str] = &[");
        for i in 0..100 {
            text.push_str(&format!("\"p{i}\", "));
        }
        text.push_str("];\nimpl S { fn m(&self) { a(); b(); c(); d(); e(); f(); g(); } }\nextern \"C\" { fn ext(a: u8); }\nmacro_rules! m { () => { a; b; c; d; e; f; g; h; } }\n");
        let pieces = pieces_same_as_whole(&text, 10, 10);
        assert!(
            pieces.iter().all(|p| matches!(p, Piece::Items(_))),
            "{pieces:?}"
        );
    }

    #[test]
    fn small_files_are_one_part() {
        let parts = cut("fn f() {}");
        assert_eq!((parts.len(), parts[0].clone()), (1, 0..9));
    }
}
