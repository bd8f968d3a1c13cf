//! Between the editor's coordinates and apiward's: `file://` URIs and paths, and positions
//! (0-based line, column in UTF-16 code units, as LSP counts them by default) and the
//! diagnostics' 1-based line and column in characters.

use std::path::{Path, PathBuf};

use apiward_diagnostics::LineIndex;
use serde_json::{json, Value};

/// The path of a `file://` URI (percent-decoded); `None` for other schemes.
pub fn uri_to_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    // `file://localhost/x` and `file:///x` name the same file.
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push((hex(h)? * 16 + hex(l)?) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    Some(PathBuf::from(String::from_utf8(out).ok()?))
}

/// The `file://` URI of an absolute path, with every byte outside the unreserved set and
/// `/` percent-encoded.
pub fn path_to_uri(path: &Path) -> String {
    let s = apiward_diagnostics::display_path(path);
    let mut out = String::from("file://");
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A file's text with its line index, to place positions in it.
pub struct Located<'t> {
    pub text: &'t str,
    pub lines: LineIndex,
}

impl<'t> Located<'t> {
    pub fn new(text: &'t str) -> Located<'t> {
        Located {
            lines: LineIndex::new(text),
            text,
        }
    }

    /// The text of a 0-based line, without its line break.
    pub fn line(&self, line0: usize) -> &'t str {
        let Some(start) = self.lines.line_start(line0) else {
            return "";
        };
        let end = self
            .lines
            .line_start(line0 + 1)
            .map_or(self.text.len(), |e| e as usize);
        self.text[start as usize..end].trim_end_matches(['\n', '\r'])
    }

    /// The LSP position of a 1-based line and 1-based column in characters.
    pub fn position(&self, line: u32, column: u32) -> Value {
        let line0 = line.saturating_sub(1) as usize;
        let character: usize = self
            .line(line0)
            .chars()
            .take(column.saturating_sub(1) as usize)
            .map(char::len_utf16)
            .sum();
        json!({ "line": line0, "character": character })
    }

    /// The LSP range of a diagnostic's range.
    pub fn range(&self, r: &apiward_diagnostics::Range) -> Value {
        json!({
            "start": self.position(r.start.line, r.start.column),
            "end": self.position(r.end.line, r.end.column),
        })
    }

    /// The byte offset of an LSP position (clamped to its line).
    pub fn offset(&self, line0: usize, character: usize) -> usize {
        let Some(start) = self.lines.line_start(line0) else {
            return self.text.len();
        };
        let mut units = 0;
        for (i, c) in self.line(line0).char_indices() {
            if units >= character {
                return start as usize + i;
            }
            units += c.len_utf16();
        }
        start as usize + self.line(line0).len()
    }

    /// The LSP position of a byte offset.
    pub fn position_of(&self, offset: usize) -> Value {
        let line0 = self.lines.line_of(offset as u32);
        let start = self.lines.line_start(line0).unwrap_or(0) as usize;
        let character: usize = self.text[start..offset].chars().map(char::len_utf16).sum();
        json!({ "line": line0, "character": character })
    }
}

/// `(line, character)` of an LSP position.
pub fn line_char(pos: &Value) -> (usize, usize) {
    let n = |k: &str| pos[k].as_u64().unwrap_or(0) as usize;
    (n("line"), n("character"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_round_trip() {
        let p = Path::new("/work/my api/ö.yaml");
        let uri = path_to_uri(p);
        assert_eq!(uri, "file:///work/my%20api/%C3%B6.yaml");
        assert_eq!(uri_to_path(&uri).unwrap(), p);
        assert_eq!(
            uri_to_path("file://localhost/a/b.json").unwrap(),
            Path::new("/a/b.json")
        );
        assert!(uri_to_path("untitled:Untitled-1").is_none());
    }

    #[test]
    fn columns_are_utf16_code_units() {
        // `😀` is one character, two UTF-16 units, four bytes.
        let text = "a: 1\ntitle: 😀 é x\n";
        let l = Located::new(text);
        // `x` is the 12th character (column 12), after 12 UTF-16 units.
        assert_eq!(l.position(2, 12), json!({"line": 1, "character": 12}));
        let x = text.find('x').unwrap();
        assert_eq!(l.offset(1, 12), x);
        assert_eq!(l.position_of(x), json!({"line": 1, "character": 12}));
        assert_eq!(l.line(1), "title: 😀 é x");
    }
}
