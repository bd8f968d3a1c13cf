//! How deep a Rust file nests, measured on its bytes before `syn` is asked to parse it.
//!
//! `syn` parses recursively, and every walk of its tree (the lowering, the rules, the
//! data-flow engine, even dropping the tree) recurses as deep as the tree is: a file of a
//! few hundred nested generics, blocks or closures, or a chain of thousands of operators,
//! overflows the stack and takes the whole run down. Such files are refused here, with a
//! located diagnostic, and the run goes on. Threads that parse and walk Rust are given
//! [`STACK_SIZE`] bytes of stack, enough for any file under the limits.
//!
//! The scan is one pass over the bytes, aware of comments, string, raw string and character
//! literals (brackets in them do not count). It measures, at every byte:
//! - the **nesting**: open `(`, `[`, `{`, plus angle brackets that look like generics;
//! - the **chain**: the operators (each character of `+-*/%^!&|.=<>?`, and the keywords
//!   `as`, `else`, `return`, `break`), counted per open bracket since the last `,` or `;` in it
//!   (or a block that ends a statement), summed over the open brackets. A left-nested tree
//!   of `a + b + ..`, `x.f().g()..`, `|a| |b| ..`, `- - ..` or `else if ..` is as deep as
//!   its chain.
//!
//! Both are upper bounds of the depth of the tree `syn` would build: real code stays far
//! below the limits, generated or hostile code past them is not analysed.

/// Most open brackets (of every kind, angle brackets of generics included) a file may have.
pub const MAX_NESTING: usize = 256;

/// Longest chain of operators, summed over the open brackets, a file may have.
pub const MAX_CHAIN: usize = 4096;

/// Stack of every thread that parses or walks Rust: enough for a file at both limits in a
/// debug build, with room to spare (measured: a file at the limits needs under a quarter).
pub const STACK_SIZE: usize = 64 * 1024 * 1024;

/// Where and why a file is too deep to analyse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooDeep {
    /// Byte offset (in the text given to [`too_deep`]) where a limit is first passed.
    pub offset: usize,
    /// `true`: the nesting limit; `false`: the chain limit.
    pub nesting: bool,
}

impl TooDeep {
    /// What the diagnostic says.
    pub fn message(&self) -> String {
        let what = if self.nesting {
            format!("more than {MAX_NESTING} nested brackets, parentheses or generics")
        } else {
            format!("an expression or type of more than {MAX_CHAIN} chained operators or calls")
        };
        format!("{MESSAGE_START}: {what} here; routes and findings in it are not listed")
    }
}

/// How the message of a file refused here starts.
pub const MESSAGE_START: &str = "file is nested too deeply to analyse";

/// A rayon pool builder whose threads have [`STACK_SIZE`] bytes of stack: the binary builds
/// its global pool with it, and tests that parse deep files their own pool.
pub fn pool_builder() -> rayon::ThreadPoolBuilder {
    rayon::ThreadPoolBuilder::new().stack_size(STACK_SIZE)
}

pub(crate) fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

fn is_op(b: u8) -> bool {
    matches!(
        b,
        b'+' | b'-'
            | b'*'
            | b'/'
            | b'%'
            | b'^'
            | b'!'
            | b'&'
            | b'|'
            | b'.'
            | b'='
            | b'<'
            | b'>'
            | b'?'
    )
}

/// Where `text` first passes [`MAX_NESTING`] or [`MAX_CHAIN`], if it does.
pub fn too_deep(text: &str) -> Option<TooDeep> {
    let b = text.as_bytes();
    // Operators counted in each open bracket (the file's top level first).
    let mut levels: Vec<usize> = vec![0];
    let mut chain = 0usize;
    let mut angles = 0usize;
    let mut i = 0;
    let next_significant = |mut j: usize| {
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        j
    };
    while i < b.len() {
        let c = b[i];
        let at = i;
        match c {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                i = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |n| i + n);
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i = skip_block_comment(b, i);
                continue;
            }
            b'"' => {
                i = skip_string(b, i + 1);
                continue;
            }
            b'\'' => {
                i = skip_char(b, i);
                continue;
            }
            b'(' | b'[' | b'{' => {
                levels.push(0);
                if c == b'{' {
                    angles = 0;
                }
                i += 1;
            }
            b')' | b']' | b'}' => {
                if levels.len() > 1 {
                    chain -= levels.pop().unwrap_or(0);
                }
                if c == b'}' {
                    angles = 0;
                    // A block that ends a statement or an item ends its chain; one an
                    // operator or `else` follows does not. A comment (the next item's doc
                    // comment) is not an operator.
                    let n = next_significant(i + 1);
                    let comment = b[n..].starts_with(b"//") || b[n..].starts_with(b"/*");
                    let goes_on = n < b.len()
                        && !comment
                        && (is_op(b[n]) || b[n..].starts_with(b"else") && !word_goes_on(b, n + 4));
                    if !goes_on {
                        if let Some(last) = levels.last_mut() {
                            chain -= *last;
                            *last = 0;
                        }
                    }
                }
                i += 1;
            }
            b',' | b';' => {
                if let Some(last) = levels.last_mut() {
                    chain -= *last;
                    *last = 0;
                }
                if c == b';' {
                    angles = 0;
                }
                i += 1;
            }
            b':' if b.get(i + 1) == Some(&b':') => i += 2,
            _ if is_op(c) => {
                let mut j = i;
                while j < b.len() && is_op(b[j]) && !b[j..].starts_with(b"//") {
                    j += 1;
                }
                let run = &b[i..j];
                if c == b'<' && run != b"<=" && run != b"<<=" {
                    // `Vec<Vec<T>>`: each `<` opens an angle bracket; so does a comparison
                    // (no way to tell on bytes), closed by the next `;` or brace.
                    angles += run.iter().take_while(|&&x| x == b'<').count();
                } else if c == b'>' && run != b">=" && run != b">>=" {
                    let closes = run.iter().take_while(|&&x| x == b'>').count();
                    angles = angles.saturating_sub(closes);
                }
                // Each character counts: `!!!!x` and `----x` nest as deep as they are long.
                if let Some(last) = levels.last_mut() {
                    *last += run.len();
                }
                chain += run.len();
                i = j;
            }
            _ if is_ident(c) => {
                let start = i;
                // Raw strings and byte/C strings: `r#"…"#`, `br"…"`, `b"…"`, `c"…"`.
                if let Some(end) = raw_or_prefixed_string(b, i) {
                    i = end;
                    continue;
                }
                while i < b.len() && is_ident(b[i]) {
                    i += 1;
                }
                if matches!(&b[start..i], b"as" | b"else" | b"return" | b"break") {
                    if let Some(last) = levels.last_mut() {
                        *last += 1;
                    }
                    chain += 1;
                }
                continue;
            }
            _ => i += 1,
        }
        // `levels` holds the top level too.
        if levels.len() - 1 + angles > MAX_NESTING {
            return Some(TooDeep {
                offset: at,
                nesting: true,
            });
        }
        if chain > MAX_CHAIN {
            return Some(TooDeep {
                offset: at,
                nesting: false,
            });
        }
    }
    None
}

/// Whether an identifier goes on at `i` (`elsewhere` is not `else`).
fn word_goes_on(b: &[u8], i: usize) -> bool {
    b.get(i).is_some_and(|&c| is_ident(c))
}

/// After a (nested) block comment starting at `i`.
pub(crate) fn skip_block_comment(b: &[u8], mut i: usize) -> usize {
    let mut depth = 0usize;
    while i < b.len() {
        if b[i..].starts_with(b"/*") {
            depth += 1;
            i += 2;
        } else if b[i..].starts_with(b"*/") {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    b.len()
}

/// After the closing quote of a string whose contents start at `i`.
pub(crate) fn skip_string(b: &[u8], mut i: usize) -> usize {
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

/// After a character literal at `i` (`'a'`, `'\n'`, `'\u{1F600}'`), or after the quote of
/// a lifetime or label (`'a`, `'static`).
pub(crate) fn skip_char(b: &[u8], i: usize) -> usize {
    match b.get(i + 1) {
        Some(b'\\') => {
            // The escaped character first (`'\''`, `'\\'`), then up to the closing quote.
            let mut j = i + 3;
            while j < b.len() && b[j] != b'\'' && b[j] != b'\n' {
                j += 1;
            }
            (j + 1).min(b.len())
        }
        Some(&lead) => {
            // One character (its length from its first byte), then a quote: a literal.
            let len = match lead {
                0xF0.. => 4,
                0xE0.. => 3,
                0xC0.. => 2,
                _ => 1,
            };
            if b.get(i + 1 + len) == Some(&b'\'') {
                i + 2 + len
            } else {
                i + 1
            }
        }
        None => i + 1,
    }
}

/// After a raw, byte or C string starting at the identifier byte `i`, if one does.
pub(crate) fn raw_or_prefixed_string(b: &[u8], i: usize) -> Option<usize> {
    if i > 0 && is_ident(b[i - 1]) {
        return None;
    }
    let mut j = i;
    if matches!(b[j], b'b' | b'c') {
        j += 1;
    }
    let raw = b.get(j) == Some(&b'r');
    if raw {
        j += 1;
    }
    if j == i {
        return None;
    }
    if !raw {
        return (b.get(j) == Some(&b'"')).then(|| skip_string(b, j + 1));
    }
    let hashes = b[j..].iter().take_while(|&&c| c == b'#').count();
    j += hashes;
    if b.get(j) != Some(&b'"') {
        return None;
    }
    j += 1;
    while j < b.len() {
        if b[j] == b'"'
            && b[j + 1..]
                .iter()
                .take(hashes)
                .filter(|&&c| c == b'#')
                .count()
                == hashes
        {
            return Some(j + 1 + hashes);
        }
        j += 1;
    }
    Some(b.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_code_passes() {
        let src = r##"
            //! Docs with ((((( and <<<<.
            use std::collections::HashMap;
            /* a /* nested */ comment {{{{ */
            fn f<'a, T: Into<Vec<u8>>>(x: &'a [T]) -> Result<HashMap<String, Vec<u8>>, ()> {
                let s = "(((((((";
                let r = r#"{{{{"#;
                let c = '{';
                let q = '\'';
                let l: &'static str = "";
                if a < b && c > d { x.iter().map(|y| y + 1).sum() } else if e { 1 } else { 2 }
            }
        "##;
        assert_eq!(too_deep(src), None);
        // Many items, statements and arms: chains end with their statement.
        let many: String = (0..10_000)
            .map(|i| format!("fn f{i}() -> u8 {{ let a = b + c.d()?; if a {{}} else {{}} }}\n"))
            .collect();
        assert_eq!(too_deep(&many), None);
        // Items after a comment: the `->` of 5,000 documented functions was one chain.
        let documented: String = (0..5_000)
            .map(|i| {
                format!("/// f{i}\nfn f{i}() -> u8 {{ 1 }}\n/* x */ fn g{i}() -> u8 {{ 1 }}\n")
            })
            .collect();
        assert_eq!(too_deep(&documented), None);
    }

    /// Each kind of nesting and chain, generated just under and just over its limit.
    #[test]
    fn deep_nesting_and_long_chains_are_found() {
        type Gen = fn(usize) -> String;
        let nests: [Gen; 6] = [
            |n| format!("type T = {}u8{};", "Vec<".repeat(n), ">".repeat(n)),
            |n| format!("fn f() {}{}", "{".repeat(n), "}".repeat(n)),
            |n| format!("{}{}", "mod m { ".repeat(n), "}".repeat(n)),
            |n| format!("const X: u8 = {}1{};", "(".repeat(n), ")".repeat(n)),
            |n| format!("const X: u8 = {}1{};", "[".repeat(n), "]".repeat(n)),
            |n| format!("#[a{}]", "(b".repeat(n) + &")".repeat(n)),
        ];
        for (k, gen) in nests.iter().enumerate() {
            // The top-level item's own brackets count too: leave room for them.
            assert_eq!(too_deep(&gen(MAX_NESTING - 2)), None, "nest {k}");
            let found = too_deep(&gen(MAX_NESTING + 1)).expect("too deep");
            assert!(found.nesting, "nest {k}");
        }
        let chains: [Gen; 9] = [
            |n| format!("fn f() {{ let c = {}; }}", vec!["a"; n].join(" + ")),
            |n| format!("fn f() {{ let c = q{}; }}", ".f()".repeat(n - 1)),
            |n| format!("fn f() {{ let c = {}1; }}", "|x| ".repeat(n / 2)),
            |n| format!("fn f() {{ let c = {}1; }}", "- ".repeat(n - 1)),
            |n| format!("fn f() {{ let c = {}1; }}", "-".repeat(n - 1)),
            |n| format!("fn f() {{ let c = {}x; }}", "&".repeat(n - 1)),
            |n| format!("fn f() {{ if a {{}} {} }}", "else if a {} ".repeat(n)),
            |n| format!("fn f() {{ let c = x{}; }}", " as u8".repeat(n - 1)),
            |n| format!("fn f() {{ let c = {}; }}", vec!["{1}"; n].join(" * ")),
        ];
        for (k, gen) in chains.iter().enumerate() {
            assert_eq!(too_deep(&gen(MAX_CHAIN / 2)), None, "chain {k}");
            let found = too_deep(&gen(MAX_CHAIN + 8)).expect("too long");
            assert!(!found.nesting, "chain {k}");
        }
    }

    #[test]
    fn the_offset_is_where_the_limit_is_passed() {
        let src = format!(
            "fn f() {{ let a = \"((\"; {} }}",
            "(".repeat(MAX_NESTING + 10)
        );
        let found = too_deep(&src).unwrap();
        // `fn f() {` opens one; then the parentheses.
        let first_paren = src.find("; (").unwrap() + 2;
        assert_eq!(found.offset, first_paren + MAX_NESTING - 1);
    }
}
