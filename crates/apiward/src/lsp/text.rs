//! Between the editor's coordinates and apiward's: `file://` URIs and paths, and positions
//! (0-based line, column in UTF-16 code units, as LSP counts them by default) and the
//! diagnostics' 1-based line and column in characters.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use apiward_diagnostics::LineIndex;
use serde::Serialize;
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

/// An LSP position: 0-based line, column in UTF-16 code units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Pos {
    pub line: u32,
    pub character: u32,
}

/// An LSP range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span16 {
    pub start: Pos,
    pub end: Pos,
}

/// Lines at least this long get marks to start counting from.
const LONG_LINE: usize = 4096;
/// Characters between two marks of a long line.
const STRIDE: usize = 512;

/// A long line's marks: every [`STRIDE`] characters, the byte and UTF-16 offsets reached
/// (from the line's start). A minified JSON description is one line of megabytes: its
/// findings' columns are counted from the nearest mark, not from the start of the line.
struct Marks {
    ascii: bool,
    /// `(byte, utf16)` after `i * STRIDE` characters.
    at: Vec<(u32, u32)>,
}

impl Marks {
    fn new(line: &str) -> Marks {
        if line.is_ascii() {
            return Marks {
                ascii: true,
                at: Vec::new(),
            };
        }
        let mut at = Vec::with_capacity(line.len() / STRIDE + 1);
        let mut units = 0u32;
        for (n, (byte, c)) in line.char_indices().enumerate() {
            if n % STRIDE == 0 {
                at.push((byte as u32, units));
            }
            units += c.len_utf16() as u32;
        }
        Marks { ascii: false, at }
    }

    /// The UTF-16 units of the line's first `chars` characters.
    fn units(&self, line: &str, chars: usize) -> u32 {
        if self.ascii {
            return chars.min(line.len()) as u32;
        }
        let Some(&(byte, units)) = self.at.get(chars / STRIDE) else {
            return line.encode_utf16().count() as u32;
        };
        let rest: u32 = line[byte as usize..]
            .chars()
            .take(chars % STRIDE)
            .map(|c| c.len_utf16() as u32)
            .sum();
        units + rest
    }
}

/// A file's text with its line index, to place positions in it.
pub struct Located<'t> {
    pub text: &'t str,
    pub lines: Cow<'t, LineIndex>,
    /// The marks of the long lines met so far.
    long: RefCell<HashMap<usize, Marks>>,
}

impl<'t> Located<'t> {
    pub fn new(text: &'t str) -> Located<'t> {
        Located::with_lines(text, Cow::Owned(LineIndex::new(text)))
    }

    /// With the text's line index, made earlier.
    pub fn with_lines(text: &'t str, lines: Cow<'t, LineIndex>) -> Located<'t> {
        Located {
            text,
            lines,
            long: RefCell::new(HashMap::new()),
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
    pub fn pos(&self, line: u32, column: u32) -> Pos {
        let line0 = line.saturating_sub(1) as usize;
        let chars = column.saturating_sub(1) as usize;
        let text = self.line(line0);
        let character = if text.len() < LONG_LINE {
            text.chars().take(chars).map(|c| c.len_utf16() as u32).sum()
        } else {
            let mut long = self.long.borrow_mut();
            let marks = long.entry(line0).or_insert_with(|| Marks::new(text));
            marks.units(text, chars)
        };
        Pos {
            line: line0 as u32,
            character,
        }
    }

    /// The LSP range of a diagnostic's range.
    pub fn span(&self, r: &apiward_diagnostics::Range) -> Span16 {
        Span16 {
            start: self.pos(r.start.line, r.start.column),
            end: self.pos(r.end.line, r.end.column),
        }
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
        assert_eq!(
            l.pos(2, 12),
            Pos {
                line: 1,
                character: 12
            }
        );
        let x = text.find('x').unwrap();
        assert_eq!(l.offset(1, 12), x);
        assert_eq!(l.position_of(x), json!({"line": 1, "character": 12}));
        assert_eq!(l.line(1), "title: 😀 é x");
    }

    #[test]
    fn long_lines_are_counted_from_their_marks() {
        // A minified description: one line, non-ASCII characters all along it.
        let unit = "{\"a\":\"😀é\"},";
        let line = unit.repeat(3 * LONG_LINE / unit.len());
        let text = format!("x\n{line}\n");
        let l = Located::new(&text);
        for chars in [
            0,
            1,
            7,
            STRIDE - 1,
            STRIDE,
            STRIDE + 3,
            1000,
            2 * STRIDE + 5,
        ] {
            let expected: usize = line.chars().take(chars).map(char::len_utf16).sum();
            let column = chars as u32 + 1;
            assert_eq!(l.pos(2, column).character as usize, expected, "{chars}");
        }
        // Past the end: the whole line.
        let all = line.encode_utf16().count() as u32;
        assert_eq!(l.pos(2, u32::MAX).character, all);
        let ascii = "a".repeat(2 * LONG_LINE);
        let l = Located::new(&ascii);
        assert_eq!(l.pos(1, 5000).character, 4999);
        assert_eq!(l.pos(1, u32::MAX).character, 2 * LONG_LINE as u32);
    }
}
