//! JSON → located tree.
//!
//! A hand-written RFC 8259 parser that builds a [`Tree`] in which every node knows the exact
//! byte span of its text: an object from `{` to `}`, an array from `[` to `]`, a string with
//! its quotes, a number its characters, a literal its word. Each object entry also keeps the
//! span of its key (quotes included).
//!
//! Choices:
//! - **Iterative.** Containers are tracked on an explicit stack, so deep input cannot overflow
//!   the thread stack; nesting deeper than [`MAX_DEPTH`] is a [`ParseError`].
//! - **Duplicate keys** are all kept, in document order; lookups ([`Tree::get`],
//!   [`Tree::lookup`]) find the first. Rules that care about duplicates can see them all.
//! - **Lone surrogates** (`\uD800` without a following low surrogate, or a low surrogate on
//!   its own) decode to U+FFFD rather than failing: a linter should still read a document
//!   whose example text holds a broken escape.
//! - **Numbers** are validated against the RFC grammar and kept as written, never converted.
//! - A UTF-8 byte order mark at the start is skipped; spans stay byte offsets into `text`
//!   as given (so they count the mark).
//! - Nodes are pushed in document order (a container before its children).

use apiward_diagnostics::Span;
use memchr::memchr2;

use crate::tree::{Entry, NodeId, ParseError, Slot, Tree, Value, MAX_DEPTH};

/// Parses one JSON document into a located tree.
pub fn parse(text: &str) -> Result<Tree, ParseError> {
    if text.len() > u32::MAX as usize {
        return Err(ParseError {
            message: "document larger than 4 GiB".to_owned(),
            offset: u32::MAX,
        });
    }
    let mut parser = Parser::new(text);
    parser.run()?;
    Ok(parser.tree)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Array,
    Object,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Array => "array",
            Kind::Object => "object",
        }
    }
}

/// An open container: its node and where its children start in the scratch vectors.
#[derive(Debug, Clone, Copy)]
struct Frame {
    kind: Kind,
    node: NodeId,
    base: usize,
}

/// Placeholder value of an entry whose value has not been parsed yet.
const PENDING: NodeId = NodeId(u32::MAX);

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    tree: Tree,
    stack: Vec<Frame>,
    /// Items of all open arrays, innermost last.
    items: Vec<NodeId>,
    /// Entries of all open objects, innermost last.
    entries: Vec<Entry>,
    /// Buffer for decoding strings that hold escapes.
    scratch: String,
}

/// A character for a message: itself in backticks, control characters escaped.
fn show(c: char) -> String {
    if c.is_control() {
        format!("`{}`", c.escape_debug())
    } else {
        format!("`{c}`")
    }
}

#[inline]
fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\n' | b'\r' | b'\t')
}

#[inline]
fn is_digit(c: Option<&u8>) -> bool {
    matches!(c, Some(b'0'..=b'9'))
}

#[inline]
fn span(start: usize, end: usize) -> Span {
    // `parse` refuses documents whose offsets do not fit in u32.
    Span::new(start as u32, end as u32)
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Self {
        Parser {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            tree: Tree::with_room_for(text.len()),
            stack: Vec::with_capacity(32),
            items: Vec::with_capacity(64),
            entries: Vec::with_capacity(64),
            scratch: String::new(),
        }
    }

    fn run(&mut self) -> Result<(), ParseError> {
        let b = self.bytes;
        if b.starts_with(b"\xEF\xBB\xBF") {
            self.pos = 3;
        }
        self.skip_ws();
        'value: loop {
            // A value starts at `self.pos`, whitespace already skipped.
            let start = self.pos;
            match b.get(start) {
                Some(b'{') => {
                    self.open(Kind::Object, start)?;
                    self.pos += 1;
                    self.skip_ws();
                    match b.get(self.pos) {
                        Some(b'}') => {
                            self.pos += 1;
                            self.close();
                        }
                        Some(b'"') => {
                            self.key()?;
                            continue 'value;
                        }
                        None => return Err(self.eof_inside(Kind::Object)),
                        Some(_) => {
                            return Err(self.error(
                                self.pos,
                                format!(
                                    "expected a string key or `}}` after `{{`, found {}",
                                    self.found(self.pos)
                                ),
                            ))
                        }
                    }
                }
                Some(b'[') => {
                    self.open(Kind::Array, start)?;
                    self.pos += 1;
                    self.skip_ws();
                    if b.get(self.pos) == Some(&b']') {
                        self.pos += 1;
                        self.close();
                    } else {
                        continue 'value;
                    }
                }
                Some(b'"') => {
                    let s = self.string()?;
                    self.node(Value::String(s.into()), start, self.pos);
                }
                Some(b'-' | b'0'..=b'9') => {
                    let n = self.number()?;
                    self.node(Value::Number(n.into()), start, self.pos);
                }
                Some(b't') => self.literal("true", Value::Bool(true))?,
                Some(b'f') => self.literal("false", Value::Bool(false))?,
                Some(b'n') => self.literal("null", Value::Null)?,
                _ => return Err(self.expected_value()),
            }
            // A value is complete: close containers until one wants another value.
            loop {
                self.skip_ws();
                let Some(top) = self.stack.last() else {
                    break 'value;
                };
                let kind = top.kind;
                match (kind, b.get(self.pos)) {
                    (_, Some(b',')) => {
                        let comma = self.pos;
                        self.pos += 1;
                        self.skip_ws();
                        match (kind, b.get(self.pos)) {
                            (Kind::Array, Some(b']')) | (Kind::Object, Some(b'}')) => {
                                return Err(self.error(
                                    self.pos,
                                    format!(
                                        "trailing comma in {}: expected a {} after `,` (at offset {comma}), found {}",
                                        kind.name(),
                                        if kind == Kind::Array { "value" } else { "string key" },
                                        self.found(self.pos)
                                    ),
                                ));
                            }
                            (Kind::Array, _) => continue 'value,
                            (Kind::Object, Some(b'"')) => {
                                self.key()?;
                                continue 'value;
                            }
                            (Kind::Object, None) => return Err(self.eof_inside(Kind::Object)),
                            (Kind::Object, Some(_)) => {
                                return Err(self.error(
                                    self.pos,
                                    format!(
                                        "expected a string key after `,`, found {}",
                                        self.found(self.pos)
                                    ),
                                ))
                            }
                        }
                    }
                    (Kind::Array, Some(b']')) | (Kind::Object, Some(b'}')) => {
                        self.pos += 1;
                        self.close();
                    }
                    (_, None) => return Err(self.eof_inside(kind)),
                    (Kind::Array, Some(_)) => {
                        return Err(self.error(
                            self.pos,
                            format!(
                                "expected `,` or `]` after array item, found {}",
                                self.found(self.pos)
                            ),
                        ))
                    }
                    (Kind::Object, Some(_)) => {
                        return Err(self.error(
                            self.pos,
                            format!(
                                "expected `,` or `}}` after object entry, found {}",
                                self.found(self.pos)
                            ),
                        ))
                    }
                }
            }
        }
        // `skip_ws` ran after the root value.
        if self.pos < b.len() {
            return Err(self.error(
                self.pos,
                format!(
                    "expected end of input after the root value, found {}",
                    self.found(self.pos)
                ),
            ));
        }
        Ok(())
    }

    #[inline]
    fn skip_ws(&mut self) {
        let b = self.bytes;
        let mut i = self.pos;
        while let Some(&c) = b.get(i) {
            if !is_ws(c) {
                break;
            }
            i += 1;
        }
        self.pos = i;
    }

    /// Adds a node and hangs it in the innermost open container (or makes it the root).
    #[inline]
    fn node(&mut self, value: Value, start: usize, end: usize) -> NodeId {
        let id = self.tree.push(value, span(start, end));
        match self.stack.last().copied() {
            None => self.tree.root = Some(id),
            Some(frame) => {
                let slot = match frame.kind {
                    Kind::Array => {
                        let i = self.items.len() - frame.base;
                        self.items.push(id);
                        Slot::Item(i as u32)
                    }
                    Kind::Object => {
                        // `key` pushed the entry this value belongs to.
                        let i = self.entries.len() - 1 - frame.base;
                        if let Some(e) = self.entries.last_mut() {
                            e.value = id;
                        }
                        Slot::Entry(i as u32)
                    }
                };
                self.tree.set_parent(id, frame.node, slot);
            }
        }
        id
    }

    /// Opens a container whose opening bracket is at `start`.
    fn open(&mut self, kind: Kind, start: usize) -> Result<(), ParseError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(self.error(start, format!("nesting deeper than {MAX_DEPTH} levels")));
        }
        let node = self.node(Value::Null, start, start);
        let base = match kind {
            Kind::Array => self.items.len(),
            Kind::Object => self.entries.len(),
        };
        self.stack.push(Frame { kind, node, base });
        Ok(())
    }

    /// Closes the innermost container; `self.pos` is just past its closing bracket.
    fn close(&mut self) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        let value = match frame.kind {
            Kind::Array => {
                let items = self.items[frame.base..].to_vec();
                self.items.truncate(frame.base);
                Value::Seq(items)
            }
            Kind::Object => {
                let entries: Vec<Entry> = self.entries.drain(frame.base..).collect();
                self.tree.note_ref_holder(frame.node, &entries);
                Value::Map(entries)
            }
        };
        let node = &mut self.tree.nodes[frame.node.index()];
        node.value = value;
        node.span.end = self.pos as u32;
    }

    /// Parses `"key"` `:` at `self.pos` and leaves `self.pos` at the start of the value.
    fn key(&mut self) -> Result<(), ParseError> {
        let start = self.pos;
        let key = self.string()?;
        self.entries.push(Entry {
            key: key.into(),
            key_span: span(start, self.pos),
            value: PENDING,
        });
        self.skip_ws();
        match self.bytes.get(self.pos) {
            Some(b':') => {
                self.pos += 1;
                self.skip_ws();
                Ok(())
            }
            None => Err(self.eof_inside(Kind::Object)),
            Some(_) => Err(self.error(
                self.pos,
                format!(
                    "expected `:` after object key, found {}",
                    self.found(self.pos)
                ),
            )),
        }
    }

    /// Parses the string whose opening quote is at `self.pos`; leaves `self.pos` past the
    /// closing quote.
    #[inline]
    fn string(&mut self) -> Result<Box<str>, ParseError> {
        let b = self.bytes;
        let open = self.pos;
        let start = open + 1;
        let Some(k) = memchr2(b'"', b'\\', &b[start..]) else {
            return Err(self.unterminated(open));
        };
        let end = start + k;
        self.check_controls(start, end)?;
        if b[end] == b'"' {
            self.pos = end + 1;
            // Both ends sit next to an ASCII quote, so they are character boundaries.
            return Ok(Box::from(&self.text[start..end]));
        }
        self.escaped_string(open, start, end)
    }

    /// The slow path of [`Self::string`]: `text[start..backslash]` is plain, then escapes.
    #[cold]
    fn escaped_string(
        &mut self,
        open: usize,
        start: usize,
        backslash: usize,
    ) -> Result<Box<str>, ParseError> {
        let b = self.bytes;
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        scratch.push_str(&self.text[start..backslash]);
        let mut i = backslash;
        let result = loop {
            // `b[i]` is a backslash.
            match self.escape(open, i, &mut scratch) {
                Ok(next) => i = next,
                Err(e) => break Err(e),
            }
            let Some(k) = memchr2(b'"', b'\\', &b[i..]) else {
                break Err(self.unterminated(open));
            };
            let end = i + k;
            if let Err(e) = self.check_controls(i, end) {
                break Err(e);
            }
            scratch.push_str(&self.text[i..end]);
            if b[end] == b'"' {
                self.pos = end + 1;
                break Ok(Box::from(scratch.as_str()));
            }
            i = end;
        };
        self.scratch = scratch;
        result
    }

    /// Decodes the escape whose backslash is at `i` into `out`; returns the offset after it.
    fn escape(&self, open: usize, i: usize, out: &mut String) -> Result<usize, ParseError> {
        let b = self.bytes;
        let c = match b.get(i + 1) {
            None => return Err(self.unterminated(open)),
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                let hi = self.hex4(open, i + 2)?;
                let mut next = i + 6;
                let c = if (0xD800..0xDC00).contains(&hi) {
                    // A high surrogate: pairs with an immediately following `\uDC00`–`\uDFFF`.
                    if b.get(next) == Some(&b'\\') && b.get(next + 1) == Some(&b'u') {
                        let lo = self.hex4(open, next + 2)?;
                        if (0xDC00..0xE000).contains(&lo) {
                            next += 6;
                            char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
                                .unwrap_or(char::REPLACEMENT_CHARACTER)
                        } else {
                            // Not a pair: the next escape is decoded on its own.
                            char::REPLACEMENT_CHARACTER
                        }
                    } else {
                        char::REPLACEMENT_CHARACTER
                    }
                } else {
                    // A lone low surrogate is not a scalar value.
                    char::from_u32(hi).unwrap_or(char::REPLACEMENT_CHARACTER)
                };
                out.push(c);
                return Ok(next);
            }
            Some(_) => {
                let shown = self.text[i + 1..].chars().next().unwrap_or(' ');
                let shown = if shown.is_control() {
                    shown.escape_debug().to_string()
                } else {
                    shown.to_string()
                };
                return Err(self.error(
                    i,
                    format!(
                        "invalid escape `\\{shown}` in string (expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)"
                    ),
                ));
            }
        };
        out.push(c);
        Ok(i + 2)
    }

    /// Reads the four hex digits of a `\u` escape starting at `at`.
    fn hex4(&self, open: usize, at: usize) -> Result<u32, ParseError> {
        let mut v = 0u32;
        for k in at..at + 4 {
            let d = match self.bytes.get(k) {
                None => return Err(self.unterminated(open)),
                Some(&c @ b'0'..=b'9') => c - b'0',
                Some(&c @ b'a'..=b'f') => c - b'a' + 10,
                Some(&c @ b'A'..=b'F') => c - b'A' + 10,
                Some(_) => {
                    return Err(self.error(
                        k,
                        format!(
                            "invalid `\\u` escape: expected four hex digits, found {}",
                            self.found(k)
                        ),
                    ))
                }
            };
            v = v << 4 | u32::from(d);
        }
        Ok(v)
    }

    /// Refuses raw control characters (U+0000–U+001F) in `bytes[start..end]` of a string.
    #[inline]
    fn check_controls(&self, start: usize, end: usize) -> Result<(), ParseError> {
        let s = &self.bytes[start..end];
        // Branch-free over the whole slice so the compiler can vectorise it; strings are
        // almost always clean.
        #[allow(clippy::unnecessary_fold)]
        if s.iter().fold(false, |acc, &c| acc || (c < 0x20)) {
            return Err(self.control_error(start, end));
        }
        Ok(())
    }

    #[cold]
    fn control_error(&self, start: usize, end: usize) -> ParseError {
        let at = start
            + self.bytes[start..end]
                .iter()
                .position(|&c| c < 0x20)
                .unwrap_or(0);
        self.error(
            at,
            format!(
                "control character U+{:04X} in string must be escaped",
                self.bytes[at]
            ),
        )
    }

    /// Validates the number at `self.pos` and returns its text; leaves `self.pos` past it.
    #[inline]
    fn number(&mut self) -> Result<Box<str>, ParseError> {
        let b = self.bytes;
        let start = self.pos;
        let mut i = start;
        if b[i] == b'-' {
            i += 1;
        }
        match b.get(i) {
            Some(b'0') => {
                i += 1;
                if is_digit(b.get(i)) {
                    return Err(self.error(
                        start,
                        "invalid number: leading zeros are not allowed".to_owned(),
                    ));
                }
            }
            Some(b'1'..=b'9') => {
                i += 1;
                while is_digit(b.get(i)) {
                    i += 1;
                }
            }
            _ => {
                return Err(self.error(
                    i,
                    format!(
                        "invalid number: expected a digit after `-`, found {}",
                        self.found(i)
                    ),
                ))
            }
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            if !is_digit(b.get(i)) {
                return Err(self.error(
                    i,
                    format!(
                        "invalid number: expected a digit after `.`, found {}",
                        self.found(i)
                    ),
                ));
            }
            while is_digit(b.get(i)) {
                i += 1;
            }
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            i += 1;
            if matches!(b.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            if !is_digit(b.get(i)) {
                return Err(self.error(
                    i,
                    format!(
                        "invalid number: expected a digit in the exponent, found {}",
                        self.found(i)
                    ),
                ));
            }
            while is_digit(b.get(i)) {
                i += 1;
            }
        }
        self.pos = i;
        Ok(Box::from(&self.text[start..i]))
    }

    /// Reads `word` (`true`, `false` or `null`) at `self.pos` as a node.
    fn literal(&mut self, word: &str, value: Value) -> Result<(), ParseError> {
        let start = self.pos;
        if !self.bytes[start..].starts_with(word.as_bytes()) {
            return Err(self.error(start, format!("invalid literal: expected `{word}`")));
        }
        self.pos = start + word.len();
        self.node(value, start, self.pos);
        Ok(())
    }

    // ---- errors -------------------------------------------------------------------------

    #[cold]
    fn error(&self, offset: usize, message: String) -> ParseError {
        ParseError {
            message,
            offset: offset.min(self.bytes.len()) as u32,
        }
    }

    /// What is at `pos`, for messages: "`x`" or "end of input".
    #[cold]
    fn found(&self, pos: usize) -> String {
        if pos >= self.bytes.len() {
            return "end of input".to_owned();
        }
        match self.text.get(pos..).and_then(|s| s.chars().next()) {
            Some(c) => show(c),
            None => format!("byte 0x{:02X}", self.bytes[pos]),
        }
    }

    #[cold]
    fn expected_value(&self) -> ParseError {
        if self.pos >= self.bytes.len() {
            return match self.stack.last() {
                Some(f) => self.eof_inside(f.kind),
                None => self.error(
                    self.pos,
                    "expected a JSON value, found end of input".to_owned(),
                ),
            };
        }
        self.error(
            self.pos,
            format!("expected a value, found {}", self.found(self.pos)),
        )
    }

    #[cold]
    fn eof_inside(&self, kind: Kind) -> ParseError {
        self.error(
            self.bytes.len(),
            format!("unexpected end of input inside {}", kind.name()),
        )
    }

    #[cold]
    fn unterminated(&self, open: usize) -> ParseError {
        self.error(open, "unterminated string".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slice(text: &str, s: Span) -> &str {
        &text[s.start as usize..s.end as usize]
    }

    fn root(tree: &Tree) -> NodeId {
        tree.root.expect("root")
    }

    fn err(text: &str) -> ParseError {
        match parse(text) {
            Ok(_) => panic!("expected an error for {text:?}"),
            Err(e) => e,
        }
    }

    /// Converts a node to serde_json's model, to compare with serde_json's own parse.
    fn to_serde(tree: &Tree, id: NodeId) -> serde_json::Value {
        match tree.value(id) {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Number(n) => serde_json::from_str(n).expect("number"),
            Value::String(s) => serde_json::Value::String(s.to_string()),
            Value::Seq(items) => items.iter().map(|&i| to_serde(tree, i)).collect(),
            Value::Map(entries) => {
                let mut m = serde_json::Map::new();
                for e in entries {
                    // serde_json keeps the last duplicate; do the same for the comparison.
                    m.insert(e.key.to_string(), to_serde(tree, e.value));
                }
                serde_json::Value::Object(m)
            }
            Value::Alias(_) => unreachable!("JSON has no aliases"),
        }
    }

    /// Every node's span slices to text of the right shape, and every parent/slot is right.
    fn check_tree(text: &str, tree: &Tree) {
        let root = root(tree);
        assert_eq!(tree.node(root).parent(), None);
        assert_eq!(tree.node(root).slot(), Slot::Root);
        for (i, n) in tree.nodes.iter().enumerate() {
            let s = text
                .get(n.span.start as usize..n.span.end as usize)
                .unwrap_or_else(|| panic!("node {i}: span {:?} not a valid slice", n.span));
            let first = s.as_bytes().first().copied().unwrap_or(0);
            let last = s.as_bytes().last().copied().unwrap_or(0);
            match &n.value {
                Value::Null => assert_eq!(s, "null"),
                Value::Bool(b) => assert_eq!(s, if *b { "true" } else { "false" }),
                Value::Number(num) => {
                    assert!(first == b'-' || first.is_ascii_digit(), "number {s:?}");
                    assert_eq!(s, &**num);
                }
                Value::String(_) => {
                    assert!(
                        first == b'"' && last == b'"' && s.len() >= 2,
                        "string {s:?}"
                    );
                }
                Value::Seq(items) => {
                    assert!(first == b'[' && last == b']', "array {s:?}");
                    for (k, &c) in items.iter().enumerate() {
                        assert_eq!(tree.node(c).parent(), Some(NodeId(i as u32)));
                        assert_eq!(tree.node(c).slot(), Slot::Item(k as u32));
                        let cs = tree.span(c);
                        assert!(cs.start > n.span.start && cs.end < n.span.end);
                    }
                }
                Value::Map(entries) => {
                    assert!(first == b'{' && last == b'}', "object {s:?}");
                    for (k, e) in entries.iter().enumerate() {
                        assert_eq!(tree.node(e.value).parent(), Some(NodeId(i as u32)));
                        assert_eq!(tree.node(e.value).slot(), Slot::Entry(k as u32));
                        let ks = slice(text, e.key_span);
                        assert!(ks.starts_with('"') && ks.ends_with('"') && ks.len() >= 2);
                        assert!(e.key_span.end <= tree.span(e.value).start);
                        assert!(e.key_span.start > n.span.start);
                        // The key text decodes to the key.
                        let kt = parse(ks).expect("key reparses");
                        assert_eq!(kt.as_str(kt.root.unwrap()), Some(&*e.key));
                    }
                }
                Value::Alias(_) => panic!("alias in JSON"),
            }
            // Scalars reparse, on their own, to the same value.
            if matches!(n.value, Value::String(_) | Value::Number(_)) {
                let t = parse(s).expect("scalar reparses");
                let r = t.root.unwrap();
                match (&n.value, t.value(r)) {
                    (Value::String(a), Value::String(b)) => assert_eq!(a, b),
                    (Value::Number(a), Value::Number(b)) => assert_eq!(a, b),
                    _ => panic!("scalar {s:?} reparsed differently"),
                }
            }
        }
    }

    const DOC: &str = r#"{
  "openapi": "3.1.0",
  "paths": {
    "/users": {
      "get": {"responses": {"200": {"description": "ok"}}},
      "x": [1, -2.5e3, true, false, null, "s\n", [], {}]
    }
  },
  "a~b": {"c/d": 0}
}"#;

    #[test]
    fn json_spans_and_key_spans_are_exact() {
        let t = parse(DOC).unwrap();
        check_tree(DOC, &t);
        let r = root(&t);
        assert_eq!(slice(DOC, t.span(r)), DOC);
        let e = t.entry(r, "openapi").unwrap();
        assert_eq!(slice(DOC, e.key_span), "\"openapi\"");
        assert_eq!(slice(DOC, t.span(e.value)), "\"3.1.0\"");
        assert_eq!(t.as_str(e.value), Some("3.1.0"));

        let get = t.lookup(["paths", "/users", "get"]).unwrap();
        assert_eq!(
            slice(DOC, t.span(get)),
            r#"{"responses": {"200": {"description": "ok"}}}"#
        );
        assert_eq!(slice(DOC, t.key_span(get).unwrap()), "\"get\"");
        assert_eq!(t.key_of(get), Some("get"));

        let x = t.lookup(["paths", "/users", "x"]).unwrap();
        assert_eq!(
            slice(DOC, t.span(x)),
            r#"[1, -2.5e3, true, false, null, "s\n", [], {}]"#
        );
        let items = t.as_seq(x).unwrap();
        let texts: Vec<&str> = items.iter().map(|&i| slice(DOC, t.span(i))).collect();
        assert_eq!(
            texts,
            ["1", "-2.5e3", "true", "false", "null", r#""s\n""#, "[]", "{}"]
        );
        assert_eq!(t.as_number(items[1]), Some("-2.5e3"));
        assert_eq!(t.as_bool(items[2]), Some(true));
        assert_eq!(t.as_bool(items[3]), Some(false));
        assert!(matches!(t.value(items[4]), Value::Null));
        assert_eq!(t.as_str(items[5]), Some("s\n"));
        assert_eq!(t.as_seq(items[6]), Some(&[][..]));
        assert_eq!(t.as_map(items[7]).map(<[Entry]>::len), Some(0));
        // Nodes come in document order, containers before their children.
        assert_eq!(r, NodeId(0));
        assert!(t
            .nodes
            .windows(2)
            .all(|w| w[0].span.start < w[1].span.start));
    }

    #[test]
    fn json_pointers_and_lookup() {
        let t = parse(DOC).unwrap();
        let r = root(&t);
        assert_eq!(t.pointer(r), "");
        let get = t.lookup(["paths", "/users", "get"]).unwrap();
        assert_eq!(t.pointer(get), "/paths/~1users/get");
        let d = t
            .lookup(["paths", "/users", "get", "responses", "200", "description"])
            .unwrap();
        assert_eq!(t.pointer(d), "/paths/~1users/get/responses/200/description");
        assert_eq!(t.as_str(d), Some("ok"));
        let n = t.lookup(["paths", "/users", "x", "1"]).unwrap();
        assert_eq!(t.pointer(n), "/paths/~1users/x/1");
        let cd = t.lookup(["a~b", "c/d"]).unwrap();
        assert_eq!(t.pointer(cd), "/a~0b/c~1d");
        assert_eq!(t.as_number(cd), Some("0"));
        assert_eq!(t.lookup(["paths", "/nope"]), None);
        assert_eq!(t.lookup(["paths", "/users", "x", "99"]), None);
        assert_eq!(t.lookup(["openapi", "deeper"]), None);
    }

    #[test]
    fn json_escapes_and_surrogates() {
        let text =
            r#"["a\nb\t\"\\\/\b\f\r", "\u0041\u00e9\u20AC\ud83d\ude00", "é😀 raw", "\u0000"]"#;
        let t = parse(text).unwrap();
        check_tree(text, &t);
        let items = t.as_seq(root(&t)).unwrap();
        assert_eq!(t.as_str(items[0]), Some("a\nb\t\"\\/\u{8}\u{c}\r"));
        assert_eq!(t.as_str(items[1]), Some("Aé€😀"));
        assert_eq!(t.as_str(items[2]), Some("é😀 raw"));
        assert_eq!(t.as_str(items[3]), Some("\0"));
        assert_eq!(
            slice(text, t.span(items[1])),
            r#""\u0041\u00e9\u20AC\ud83d\ude00""#
        );

        // Lone surrogates decode to U+FFFD; what follows is decoded on its own.
        let cases = [
            (r#""\ud800""#, "\u{FFFD}"),
            (r#""\udc00x""#, "\u{FFFD}x"),
            (r#""\ud800\u0041""#, "\u{FFFD}A"),
            (r#""\ud800\ud83d\ude00""#, "\u{FFFD}😀"),
            (r#""\ude00\ud83d""#, "\u{FFFD}\u{FFFD}"),
            (r#""x\ud800\n""#, "x\u{FFFD}\n"),
        ];
        for (src, want) in cases {
            let t = parse(src).unwrap();
            assert_eq!(t.as_str(root(&t)), Some(want), "{src}");
        }
        // Escaped keys decode too, and their spans keep the raw text.
        let text = r#"{"a\/b": 1, "\u00e9": 2}"#;
        let t = parse(text).unwrap();
        let es = t.as_map(root(&t)).unwrap();
        assert_eq!(&*es[0].key, "a/b");
        assert_eq!(slice(text, es[0].key_span), r#""a\/b""#);
        assert_eq!(&*es[1].key, "é");
        assert_eq!(t.pointer(es[0].value), "/a~1b");
    }

    #[test]
    fn json_numbers_kept_verbatim() {
        let text = "[-9223372036854776000, 1e400, 18446744073709551616, 0, -0, 0.5, 1E+2, 1e-7, 123456789012345678901234567890.0000000000000000001]";
        let t = parse(text).unwrap();
        let got: Vec<&str> = t
            .as_seq(root(&t))
            .unwrap()
            .iter()
            .map(|&i| t.as_number(i).unwrap())
            .collect();
        assert_eq!(
            got,
            [
                "-9223372036854776000",
                "1e400",
                "18446744073709551616",
                "0",
                "-0",
                "0.5",
                "1E+2",
                "1e-7",
                "123456789012345678901234567890.0000000000000000001"
            ]
        );
        let t = parse(" 42 ").unwrap();
        assert_eq!(t.as_number(root(&t)), Some("42"));
        assert_eq!(t.span(root(&t)), Span::new(1, 3));
    }

    #[test]
    fn json_duplicate_keys_all_kept_first_found() {
        let text = r#"{"a": 1, "b": 2, "a": 3}"#;
        let t = parse(text).unwrap();
        let es = t.as_map(root(&t)).unwrap();
        let keys: Vec<&str> = es.iter().map(|e| &*e.key).collect();
        assert_eq!(keys, ["a", "b", "a"]);
        assert_eq!(t.as_number(t.get(root(&t), "a").unwrap()), Some("1"));
        assert_eq!(slice(text, es[2].key_span), "\"a\"");
        assert_eq!(es[2].key_span.start, 17);
        assert_eq!(t.pointer(es[2].value), "/a");
    }

    #[test]
    fn json_bom_and_whitespace() {
        let text = "\u{FEFF} \t\r\n{ \"a\" \n:\r [ ] , \"b\":\t\"c\" }\n\n";
        let t = parse(text).unwrap();
        check_tree(text, &t);
        let r = root(&t);
        assert_eq!(t.span(r).start, 7);
        assert_eq!(t.span(r).end as usize, text.len() - 2);
        assert_eq!(t.get_str(r, "b"), Some("c"));
        // A BOM anywhere else is not whitespace.
        assert!(parse("1 \u{FEFF}").is_err());
        assert!(parse(" \u{FEFF}1").is_err());
        // Nor are other Unicode spaces.
        assert!(parse("\u{A0}1").is_err());
        assert!(parse("\u{B}1").is_err());
    }

    #[test]
    fn json_errors_name_what_and_where() {
        // (input, offset, expected message fragment)
        let cases: &[(&str, u32, &str)] = &[
            ("", 0, "expected a JSON value, found end of input"),
            ("   \n ", 5, "expected a JSON value, found end of input"),
            ("\u{FEFF}", 3, "expected a JSON value, found end of input"),
            (
                "{\"a\": 1]",
                7,
                "expected `,` or `}` after object entry, found `]`",
            ),
            (
                "[1 2]",
                3,
                "expected `,` or `]` after array item, found `2`",
            ),
            ("[1, 2,]", 6, "trailing comma in array"),
            ("{\"a\": 1,}", 8, "trailing comma in object"),
            (
                "{\"a\": 1, 2}",
                9,
                "expected a string key after `,`, found `2`",
            ),
            (
                "{1: 2}",
                1,
                "expected a string key or `}` after `{`, found `1`",
            ),
            ("{\"a\" 1}", 5, "expected `:` after object key, found `1`"),
            ("[1,", 3, "unexpected end of input inside array"),
            ("[", 1, "unexpected end of input inside array"),
            ("{", 1, "unexpected end of input inside object"),
            ("{\"a\":", 5, "unexpected end of input inside object"),
            ("{\"a\"", 4, "unexpected end of input inside object"),
            ("[\"abc", 1, "unterminated string"),
            ("\"abc\\", 0, "unterminated string"),
            ("\"\\u12", 0, "unterminated string"),
            ("\"a\\x\"", 2, "invalid escape `\\x` in string"),
            (
                "\"a\\u12G4\"",
                6,
                "invalid `\\u` escape: expected four hex digits, found `G`",
            ),
            (
                "\"a\nb\"",
                2,
                "control character U+000A in string must be escaped",
            ),
            ("\"a\u{1}\"", 2, "control character U+0001"),
            ("\"\\n\t\"", 3, "control character U+0009"),
            ("[01]", 1, "invalid number: leading zeros are not allowed"),
            ("-01", 0, "invalid number: leading zeros are not allowed"),
            (
                "[-]",
                2,
                "invalid number: expected a digit after `-`, found `]`",
            ),
            (
                "-Infinity",
                1,
                "invalid number: expected a digit after `-`, found `I`",
            ),
            (
                "1.",
                2,
                "invalid number: expected a digit after `.`, found end of input",
            ),
            (
                "1.e5",
                2,
                "invalid number: expected a digit after `.`, found `e`",
            ),
            ("1e", 2, "invalid number: expected a digit in the exponent"),
            ("1e+", 3, "invalid number: expected a digit in the exponent"),
            ("[.5]", 1, "expected a value, found `.`"),
            ("+1", 0, "expected a value, found `+`"),
            ("NaN", 0, "expected a value, found `N`"),
            ("[Infinity]", 1, "expected a value, found `I`"),
            ("[tru]", 1, "invalid literal: expected `true`"),
            ("nul", 0, "invalid literal: expected `null`"),
            ("[True]", 1, "expected a value, found `T`"),
            (
                "[truex]",
                5,
                "expected `,` or `]` after array item, found `x`",
            ),
            (
                "{} {}",
                3,
                "expected end of input after the root value, found `{`",
            ),
            (
                "1 2",
                2,
                "expected end of input after the root value, found `2`",
            ),
            (
                "[1]]",
                3,
                "expected end of input after the root value, found `]`",
            ),
            ("'a'", 0, "expected a value, found `'`"),
            ("[é]", 1, "expected a value, found `é`"),
            ("{\"a\":1 é}", 7, "found `é`"),
            ("[1,,2]", 3, "expected a value, found `,`"),
            ("]", 0, "expected a value, found `]`"),
            ("[\u{0}]", 1, "expected a value, found `\\0`"),
        ];
        for &(input, offset, fragment) in cases {
            let e = err(input);
            assert!(
                e.message.contains(fragment),
                "{input:?}: message {:?} lacks {fragment:?}",
                e.message
            );
            assert_eq!(e.offset, offset, "{input:?}: {}", e.message);
        }
    }

    #[test]
    fn json_truncation_at_every_position_is_an_error() {
        for doc in [
            DOC,
            r#"{"k\u00e9y": ["v\"", -1.5e+10, {"n": null}], "é": "😀"}"#,
        ] {
            assert!(parse(doc).is_ok());
            for cut in 0..doc.len() {
                let Some(prefix) = doc.get(..cut) else {
                    continue;
                };
                let Err(e) = parse(prefix) else {
                    panic!("prefix {prefix:?} parsed")
                };
                assert!(e.offset as usize <= prefix.len(), "{prefix:?}: {e:?}");
                assert!(!e.message.is_empty());
            }
        }
    }

    #[test]
    fn json_mutations_never_panic() {
        // A small deterministic generator; every mutated document must parse or fail, and a
        // parsed one must have well-formed spans.
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let alphabet = b"{}[],:\"\\ \nu0123456789abcdefe+-.tfnlrsE\x01";
        let base = DOC.as_bytes();
        for _ in 0..20_000 {
            let mut doc = base.to_vec();
            for _ in 0..=(next() % 4) {
                let at = (next() % doc.len() as u64) as usize;
                let c = alphabet[(next() % alphabet.len() as u64) as usize];
                match next() % 3 {
                    0 => doc[at] = c,
                    1 => doc.insert(at, c),
                    _ => {
                        doc.remove(at);
                    }
                }
                if doc.is_empty() {
                    doc.push(b'[');
                }
            }
            let Ok(text) = std::str::from_utf8(&doc) else {
                continue;
            };
            match parse(text) {
                Ok(t) => check_tree(text, &t),
                Err(e) => assert!(e.offset as usize <= text.len()),
            }
            // Agreement with serde_json on validity, but for lone surrogates, which serde_json
            // refuses and this parser replaces.
            match (parse(text), serde_json::from_str::<serde_json::Value>(text)) {
                (Ok(_), Ok(_)) | (Err(_), Err(_)) => {}
                (Ok(_), Err(e)) => assert!(e.to_string().contains("surrogate"), "{text}: {e}"),
                (Err(e), Ok(_)) => panic!("{text}: {e:?}"),
            }
        }
    }

    /// A seeded generator of JSON texts, mostly valid and sometimes one slip away (a bad
    /// number, escape, literal or separator, a raw control character, trailing text), for
    /// the differential test below.
    struct Gen {
        state: u64,
        /// One slip in this many choices.
        slip: u64,
    }

    impl Gen {
        fn next(&mut self) -> u64 {
            // xorshift64*
            self.state ^= self.state >> 12;
            self.state ^= self.state << 25;
            self.state ^= self.state >> 27;
            self.state.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }

        fn pick<'a>(&mut self, options: &[&'a str]) -> &'a str {
            options[self.below(options.len())]
        }

        fn slips(&mut self) -> bool {
            self.next() % self.slip == 0
        }

        fn ws(&mut self, out: &mut String) {
            for _ in 0..self.below(3) {
                let ws = if self.slips() {
                    self.pick(&["\u{c}", "\u{a0}", "\u{feff}", "\u{b}"])
                } else {
                    self.pick(&[" ", "\t", "\n", "\r", "\r\n"])
                };
                out.push_str(ws);
            }
        }

        fn digits(&mut self, out: &mut String, min: usize) {
            for _ in 0..min + self.below(4) {
                out.push(char::from(b'0' + self.below(10) as u8));
            }
        }

        fn number(&mut self, out: &mut String) {
            if self.slips() {
                let bad = [
                    "01", "-", "1.", ".5", "1e", "1e+", "+1", "--1", "0x10", "1.e3", "NaN",
                    "Infinity", "-01", "1_000", "1E+-2",
                ];
                out.push_str(self.pick(&bad));
                return;
            }
            if self.below(3) == 0 {
                out.push('-');
            }
            if self.below(4) == 0 {
                out.push('0');
            } else {
                out.push(char::from(b'1' + self.below(9) as u8));
                self.digits(out, 0);
                if self.below(8) == 0 {
                    // Past u64 and i64.
                    self.digits(out, 20);
                }
            }
            if self.below(3) == 0 {
                out.push('.');
                self.digits(out, 1);
            }
            if self.below(4) == 0 {
                out.push_str(self.pick(&["e", "E", "e+", "e-", "E-"]));
                self.digits(out, 1);
            }
        }

        fn string(&mut self, out: &mut String) {
            out.push('"');
            for _ in 0..self.below(8) {
                if self.slips() {
                    let bad = [
                        "\\x41", "\\u12", "\\uZZZZ", "\\", "\\'", "\u{1}", "\n", "\t", "\u{1f}",
                        "\\U0041", "\\uD800", "\\uDC00x",
                    ];
                    out.push_str(self.pick(&bad));
                    continue;
                }
                let piece = [
                    "a",
                    "Z",
                    " ",
                    "é",
                    "—",
                    "🦀",
                    "\u{7f}",
                    "/",
                    "'",
                    "\\\"",
                    "\\\\",
                    "\\/",
                    "\\b",
                    "\\f",
                    "\\n",
                    "\\r",
                    "\\t",
                    "\\u0041",
                    "\\u00e9",
                    "\\u20AC",
                    "\\u0000",
                    "\\u001f",
                    "\\uD83E\\uDD80",
                    "\\ud83e\\udd80",
                    "\\uFFFF",
                    "\\uFEFF",
                ];
                out.push_str(self.pick(&piece));
            }
            out.push('"');
        }

        fn value(&mut self, out: &mut String, depth: usize) {
            self.ws(out);
            let kind = if depth >= 4 {
                self.below(4)
            } else {
                self.below(6)
            };
            match kind {
                0 => {
                    let literals = if self.slips() {
                        ["nul", "True", "fals", "NULL", "truee", "undefined"]
                    } else {
                        ["null", "true", "false", "null", "true", "false"]
                    };
                    out.push_str(literals[self.below(literals.len())]);
                }
                1 => self.number(out),
                2 | 3 => self.string(out),
                4 => self.container(out, depth, '[', ']', false),
                _ => self.container(out, depth, '{', '}', true),
            }
            self.ws(out);
        }

        fn container(
            &mut self,
            out: &mut String,
            depth: usize,
            open: char,
            close: char,
            object: bool,
        ) {
            out.push(open);
            let n = self.below(5);
            if n == 0 {
                self.ws(out);
            }
            for i in 0..n {
                if i > 0 {
                    out.push_str(if self.slips() {
                        self.pick(&["", ",,", ";"])
                    } else {
                        ","
                    });
                }
                if object {
                    self.ws(out);
                    if self.slips() {
                        // A key that is not a string.
                        self.number(out);
                    } else if self.below(4) == 0 {
                        // A key seen before in this object, often.
                        out.push_str(self.pick(&["\"a\"", "\"\\u0061\""]));
                    } else {
                        self.string(out);
                    }
                    self.ws(out);
                    out.push_str(if self.slips() {
                        self.pick(&["", "=", "::"])
                    } else {
                        ":"
                    });
                }
                self.value(out, depth + 1);
            }
            if n > 0 && self.slips() {
                out.push(',');
            }
            if !self.slips() {
                out.push(close);
            }
        }

        /// A document: one value, sometimes with more text after it.
        fn document(&mut self) -> String {
            let mut out = String::new();
            self.value(&mut out, 0);
            if self.slips() {
                out.push_str(self.pick(&["0", "{}", "x", "]", "\"\""]));
            }
            out
        }
    }

    /// `text` as serde_json should read it to agree with the parser's documented choices: a
    /// byte order mark at the start left out, and every lone surrogate escape (one not in a
    /// high-low pair) written `\uFFFD`, what the parser decodes it to.
    fn as_serde_reads_it(text: &str) -> String {
        let b = text.strip_prefix('\u{feff}').unwrap_or(text).as_bytes();
        let hex = |at: usize| {
            b.get(at..at + 6)
                .filter(|e| e.starts_with(b"\\u"))
                .and_then(|e| std::str::from_utf8(&e[2..]).ok())
                .and_then(|h| u16::from_str_radix(h, 16).ok())
        };
        let (mut out, mut i) = (Vec::with_capacity(b.len()), 0);
        while i < b.len() {
            let take = match (hex(i), hex(i + 6)) {
                (Some(0xD800..=0xDBFF), Some(0xDC00..=0xDFFF)) => 12,
                (Some(0xD800..=0xDFFF), _) => {
                    out.extend_from_slice(b"\\uFFFD");
                    i += 6;
                    continue;
                }
                (Some(_), _) => 6,
                _ if b[i] == b'\\' => 2,
                _ => 1,
            };
            let end = (i + take).min(b.len());
            out.extend_from_slice(&b[i..end]);
            i = end;
        }
        String::from_utf8(out).expect("only ASCII escapes were replaced")
    }

    /// Generated documents, against serde_json: the parser accepts exactly what serde_json
    /// accepts, and what it accepts has serde_json's value (numbers compared as serde_json
    /// reads them, the last of duplicate keys), but for the parser's documented choices
    /// ([`as_serde_reads_it`]) and its numbers kept as written (serde_json refuses a float
    /// past f64's range, `1e400`).
    #[test]
    fn json_generated_documents_agree_with_serde_json() {
        let (mut valid, mut refused) = (0, 0);
        for slip in [1_000_000, 40, 8] {
            let mut g = Gen {
                state: 0x9E37_79B9_7F4A_7C15 ^ slip,
                slip,
            };
            for _ in 0..10_000 {
                let text = g.document();
                let ours = parse(&text);
                let theirs = serde_json::from_str::<serde_json::Value>(&as_serde_reads_it(&text));
                match (&ours, &theirs) {
                    (Ok(tree), Ok(want)) => {
                        check_tree(&text, tree);
                        assert_eq!(&to_serde(tree, root(tree)), want, "{text:?}");
                        valid += 1;
                    }
                    (Err(e), Err(_)) => {
                        assert!(e.offset as usize <= text.len(), "{text:?}: {e:?}");
                        refused += 1;
                    }
                    (Ok(_), Err(e)) => assert!(
                        e.to_string().contains("number out of range"),
                        "accepted what serde_json refuses: {text:?}: {e}"
                    ),
                    (Err(e), Ok(_)) => panic!("refused what serde_json accepts: {text:?}: {e:?}"),
                }
            }
        }
        // Both kinds were generated in number.
        assert!(
            valid > 10_000 && refused > 5_000,
            "{valid} valid, {refused} refused"
        );
    }

    #[test]
    fn lone_surrogates_and_marks_as_serde_reads_them() {
        assert_eq!(
            as_serde_reads_it("\u{feff}[\"\\uD800\\uDC00\\uD800\\\\uDC00\\uDC00x\\u0041\"]"),
            "[\"\\uD800\\uDC00\\uFFFD\\\\uDC00\\uFFFDx\\u0041\"]"
        );
        assert_eq!(as_serde_reads_it("\"\\uD8"), "\"\\uD8");
    }

    #[test]
    fn json_depth_limit() {
        let nested = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        let t = parse(&nested(500)).unwrap();
        assert_eq!(t.nodes.len(), 500);
        assert!(parse(&nested(MAX_DEPTH)).is_ok());
        let e = err(&nested(MAX_DEPTH + 1));
        assert_eq!(e.message, "nesting deeper than 512 levels");
        assert_eq!(e.offset, 512);
        let e = err(&"[".repeat(100_000));
        assert_eq!(e.message, "nesting deeper than 512 levels");
        assert_eq!(e.offset, 512);
        let e = err(&"{\"a\":".repeat(100_000));
        assert_eq!(e.message, "nesting deeper than 512 levels");
        let objects = |n: usize| format!("{}0{}", "{\"a\":".repeat(n), "}".repeat(n));
        let t = parse(&objects(MAX_DEPTH)).unwrap();
        let leaf = t.lookup(vec!["a"; MAX_DEPTH]).unwrap();
        assert_eq!(t.as_number(leaf), Some("0"));
        assert!(err(&objects(MAX_DEPTH + 1)).message.contains("nesting"));
        // A deep tree drops without recursion.
        drop(t);
    }

    #[test]
    fn json_agrees_with_serde_json() {
        let docs = [
            DOC,
            "[]",
            "{}",
            "\"\"",
            "0",
            "null",
            r#"{"a":[{"b":{"c":[1,2,{"d":"\u00e9\n"}]}}],"e":-0.0e-0}"#,
        ];
        for doc in docs {
            let t = parse(doc).unwrap();
            let want: serde_json::Value = serde_json::from_str(doc).unwrap();
            assert_eq!(to_serde(&t, root(&t)), want, "{doc}");
        }
    }

    fn corpus(name: &str) -> Option<String> {
        let path = std::path::Path::new("/work/shared/corpus/specs").join(name);
        match std::fs::read_to_string(&path) {
            Ok(text) => Some(text),
            Err(e) => {
                eprintln!("skipping: cannot read {}: {e}", path.display());
                None
            }
        }
    }

    #[test]
    fn json_corpus_specs_parse_with_exact_spans() {
        for name in ["box.json", "crapi.json"] {
            let Some(text) = corpus(name) else {
                continue;
            };
            let t = parse(&text).unwrap_or_else(|e| panic!("{name}: {e:?}"));
            check_tree(&text, &t);
            let want: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(to_serde(&t, root(&t)), want, "{name}");
            let r = root(&t);
            assert!(t.get_str(r, "openapi").is_some(), "{name}");
            let paths = t.get(r, "paths").unwrap();
            for e in t.as_map(paths).unwrap() {
                let ptr = t.pointer(e.value);
                assert_eq!(
                    ptr,
                    format!("/paths/{}", crate::tree::escape_pointer(&e.key))
                );
                assert_eq!(t.lookup(["paths", &*e.key]), Some(e.value));
            }
        }
    }

    /// `cargo test --release -p apiward_spec json_bench -- --ignored --nocapture`
    #[test]
    #[ignore = "timing; run in release"]
    fn json_bench_against_serde_json() {
        use std::hint::black_box;
        use std::time::{Duration, Instant};
        fn best<F: FnMut()>(mut f: F) -> Duration {
            (0..30)
                .map(|_| {
                    let t = Instant::now();
                    f();
                    t.elapsed()
                })
                .min()
                .unwrap()
        }
        for name in ["box.json", "crapi.json"] {
            let Some(text) = corpus(name) else {
                continue;
            };
            let ours = best(|| drop(black_box(parse(black_box(&text)).unwrap())));
            let serde = best(|| {
                drop(black_box(
                    serde_json::from_str::<serde_json::Value>(black_box(&text)).unwrap(),
                ));
            });
            let nodes = parse(&text).unwrap().nodes.len();
            eprintln!(
                "{name}: {} bytes, {nodes} nodes: apiward {ours:?}, serde_json::Value {serde:?} ({:.2}x)",
                text.len(),
                ours.as_secs_f64() / serde.as_secs_f64()
            );
        }
    }
}
