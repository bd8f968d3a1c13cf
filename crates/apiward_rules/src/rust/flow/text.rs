//! Text helpers: format strings cut into pieces ([`apiward_source::fmt`]), and byte scans of a file's text (its
//! structs, functions, `impl` blocks and where an item ends) that need no parse.

use super::*;

/// Format strings are cut by the route inventory's parser: one reading of `{}`, `{0}`,
/// `{name:?}` and `{{` for the whole project.
pub(super) use apiward_source::fmt::{pieces, Arg, Piece};

/// Whether text written so far leaves the URL's host to what follows (`""`, `"https://"`,
/// `"http://api."`): then request text after it picks the host.
pub(super) fn host_open(prefix: &str) -> bool {
    if prefix.is_empty() {
        return true;
    }
    match prefix.find("://") {
        Some(i) => !prefix[i + 3..].contains(['/', '?', '#']),
        None => false,
    }
}

/// The names of the structs a file defines (`struct Name`), by a byte scan.
pub(crate) fn struct_names(b: &[u8]) -> impl Iterator<Item = (usize, &str)> {
    item_names(b, b"struct ")
}

/// The names of the enums a file defines (`enum Name`), by a byte scan.
pub(crate) fn enum_names(b: &[u8]) -> impl Iterator<Item = (usize, &str)> {
    item_names(b, b"enum ")
}

/// The names after keyword `kw` (with its space), at word starts.
fn item_names<'b>(b: &'b [u8], kw: &'static [u8]) -> impl Iterator<Item = (usize, &'b str)> {
    memchr::memmem::find_iter(b, kw).filter_map(move |i| {
        if i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_') {
            return None;
        }
        let rest = &b[i + kw.len()..];
        let end = rest
            .iter()
            .position(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
            .unwrap_or(rest.len());
        Some((i, std::str::from_utf8(&rest[..end]).ok()?))
    })
}

/// The functions named `names` in `text`, as (byte offset, source, the type of the `impl`
/// block holding it) of each whole item, found by a byte scan that skips comments, strings
/// and character literals while it matches braces: the on-demand parse of helpers reads
/// only them, not their files.
pub(crate) fn helper_items<'t>(
    text: &'t str,
    names: &HashSet<&str>,
) -> Vec<(u32, &'t str, Option<String>)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut impls: Option<Vec<(usize, usize, String)>> = None;
    for (i, name) in fn_names(b) {
        if !names.contains(name) {
            continue;
        }
        let start = b[..i]
            .iter()
            .rposition(|c| *c == b'\n')
            .map_or(0, |p| p + 1);
        if let Some(close) = item_end(b, i + 3 + name.len()) {
            let self_ty = impls
                .get_or_insert_with(|| impl_blocks(text))
                .iter()
                .filter(|(from, to, _)| *from < i && i < *to)
                .max_by_key(|(from, _, _)| *from)
                .map(|(_, _, ty)| ty.clone());
            out.push((start as u32, &text[start..close], self_ty));
        }
    }
    out
}

/// The `impl` blocks of `text`, by a byte scan: where each starts and ends, and the last
/// name of its type (`Table` of `impl<K> Lookup for Table<K> {`).
pub(super) fn impl_blocks(text: &str) -> Vec<(usize, usize, String)> {
    let b = text.as_bytes();
    memchr::memmem::find_iter(b, b"impl")
        .filter(|&i| {
            (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_'))
                && matches!(b.get(i + 4), Some(b' ' | b'<' | b'\n'))
        })
        .filter_map(|i| {
            let end = item_end(b, i)?;
            let open = i + memchr::memchr(b'{', &b[i..end])?;
            let header = format!("{} {{}}", &text[i..open]);
            let item = syn::parse_str::<syn::ItemImpl>(&header).ok()?;
            let ty = last_seg(&item.self_ty)?.ident.to_string();
            Some((i, end, ty))
        })
        .collect()
}

/// The functions `text` defines, by a byte scan: where each `fn` keyword is, and the name
/// after it.
pub(crate) fn fn_names(b: &[u8]) -> impl Iterator<Item = (usize, &str)> {
    memchr::memmem::find_iter(b, b"fn ").filter_map(move |i| {
        if i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_') {
            return None;
        }
        let rest = &b[i + 3..];
        let end = rest
            .iter()
            .position(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
            .unwrap_or(rest.len());
        Some((i, std::str::from_utf8(&rest[..end]).ok()?))
    })
}

/// The end (after the closing brace) of the function whose signature starts at `from`;
/// `None` for a declaration without a body.
pub(crate) fn item_end(b: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    let mut depth = 0usize;
    let mut started = false;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                i += b[i..]
                    .iter()
                    .position(|c| *c == b'\n')
                    .unwrap_or(b.len() - i);
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let mut nest = 1;
                i += 2;
                while i < b.len() && nest > 0 {
                    if b[i..].starts_with(b"/*") {
                        nest += 1;
                        i += 2;
                    } else if b[i..].starts_with(b"*/") {
                        nest -= 1;
                        i += 2;
                    } else {
                        i += 1;
                    }
                }
                continue;
            }
            b'r' if matches!(b.get(i + 1), Some(b'"' | b'#'))
                && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')) =>
            {
                let hashes = b[i + 1..].iter().take_while(|c| **c == b'#').count();
                if b.get(i + 1 + hashes) != Some(&b'"') {
                    i += 1;
                    continue;
                }
                let mut close = vec![b'"'];
                close.extend(std::iter::repeat_n(b'#', hashes));
                let body = i + 2 + hashes;
                i = memchr::memmem::find(&b[body..], &close)
                    .map_or(b.len(), |p| body + p + close.len());
                continue;
            }
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'\'' => {
                // A character literal (`'x'`, `'\n'`, `'\u{1F600}'`), or a lifetime.
                if b.get(i + 1) == Some(&b'\\') {
                    i += 2;
                    while i < b.len() && b[i] != b'\'' {
                        i += 1;
                    }
                } else if let Some(len) = std::str::from_utf8(&b[i + 1..(i + 6).min(b.len())])
                    .ok()
                    .or_else(|| std::str::from_utf8(&b[i + 1..(i + 2).min(b.len())]).ok())
                    .and_then(|s| s.chars().next())
                    .map(char::len_utf8)
                    .filter(|l| b.get(i + 1 + l) == Some(&b'\''))
                {
                    i += 1 + len;
                }
            }
            b';' if !started && depth == 0 => return None,
            b'{' => {
                started = true;
                depth += 1;
            }
            b'}' => {
                depth = depth.checked_sub(1)?;
                if started && depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_position() {
        assert!(host_open(""));
        assert!(host_open("https://"));
        assert!(host_open("http://api."));
        assert!(!host_open("https://api.example.com/"));
        assert!(!host_open("X/users/"));
        assert!(!host_open("/users/"));
    }
}
