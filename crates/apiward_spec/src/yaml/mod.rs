//! YAML → located tree, built from saphyr-parser's event stream with an explicit stack (no
//! recursion, so nesting depth is a checked limit, not a stack overflow). Aliases become
//! [`Value::Alias`] nodes that share the anchored node; merge keys (`<<`) copy entry
//! references, within a budget.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use apiward_diagnostics::{LineIndex, Span};
use saphyr_parser::{Event, Marker, Parser, ScalarStyle, ScanError, Tag};

use crate::tree::{Entry, NodeId, ParseError, Slot, Str, Tree, Value, MAX_DEPTH};

mod parts;

enum Frame {
    Seq {
        id: NodeId,
        items: Vec<NodeId>,
        flow: bool,
    },
    Map {
        id: NodeId,
        entries: Vec<Entry>,
        key: Option<(Str, Span)>,
        flow: bool,
    },
}

/// Maps saphyr's positions to byte offsets of the document's text.
struct Offsets<'a> {
    /// The text parsed: the whole document, or one part of it (see [`parts`]).
    text: &'a str,
    /// The index of `text`'s lines: needed for non-ASCII text only (saphyr counts
    /// characters, not bytes).
    lines: &'a LineIndex,
    ascii: bool,
    /// Where `text` starts in the document.
    start: usize,
    /// A part is parsed behind a made-up head of `head_len` bytes in `head_lines` whole
    /// lines; positions in the head map to the part's start.
    head_len: usize,
    head_lines: usize,
}

impl<'a> Offsets<'a> {
    /// The offsets of a whole document.
    fn whole(text: &'a str, lines: &'a LineIndex, ascii: bool) -> Offsets<'a> {
        Offsets {
            text,
            lines,
            ascii,
            start: 0,
            head_len: 0,
            head_lines: 0,
        }
    }

    fn of(&self, m: &Marker) -> u32 {
        let local = if self.ascii {
            m.index()
                .checked_sub(self.head_len)
                .map_or(0, |i| i.min(self.text.len()))
        } else if m.line() > self.head_lines {
            self.lines
                .offset_of(self.text, m.line() - self.head_lines, m.col()) as usize
        } else {
            0
        };
        (self.start + local) as u32
    }

    /// The byte at a document offset.
    fn byte_at(&self, offset: u32) -> Option<u8> {
        let i = (offset as usize).checked_sub(self.start)?;
        self.text.as_bytes().get(i).copied()
    }
}

/// One item of saphyr's event stream.
type Item<'a> = Result<(Event<'a>, saphyr_parser::Span), ScanError>;

/// Documents at least this large are scanned on a thread of their own while this one builds
/// the tree: the scanner and the builder then overlap (on openai.yaml, 3 MB, the build is a
/// third of the parse). Smaller documents are not worth a thread.
const PIPELINE_MIN: usize = 512 * 1024;
/// Events per message between the scanning and the building thread.
const BATCH: usize = 1024;
/// Batches sent and not yet read.
const IN_FLIGHT: usize = 16;

/// Parses the first YAML document of `text`.
pub fn parse(text: &str, lines: &LineIndex) -> Result<Tree, ParseError> {
    let ascii = text.is_ascii();
    if let Some(cuts) = parts::cuts(text) {
        if let (_, Some(tree)) = parts::parse(text, ascii, &cuts) {
            return Ok(tree);
        }
    }
    parse_whole(text, ascii, || lines).1
}

/// Parses the first YAML document of `text` and indexes its lines; on a large document the
/// index is built while the parts are parsed, or while the scanner starts on its thread.
pub fn parse_indexed(text: &str) -> (LineIndex, Result<Tree, ParseError>) {
    let ascii = text.is_ascii();
    if let Some(cuts) = parts::cuts(text) {
        let (lines, tree) = parts::parse(text, ascii, &cuts);
        return match tree {
            Some(tree) => (lines, Ok(tree)),
            None => parse_whole(text, ascii, || lines),
        };
    }
    parse_whole(text, ascii, || LineIndex::new(text))
}

/// Parses `text` in one piece, with the line index `lines` gives: scanned on a thread of
/// its own when it is large (the index is then made while the scanner starts).
fn parse_whole<L: std::borrow::Borrow<LineIndex>>(
    text: &str,
    ascii: bool,
    lines: impl FnOnce() -> L,
) -> (L, Result<Tree, ParseError>) {
    if !pipelined(text) {
        let lines = lines();
        let off = Offsets::whole(text, lines.borrow(), ascii);
        let tree = build(&off, text.len(), 0, Parser::new_from_str(text));
        return (lines, tree.map_err(|e| at_offending_line(text, e)));
    }
    std::thread::scope(|scope| {
        let batches = scan_on_thread(scope, text);
        let lines = lines();
        let off = Offsets::whole(text, lines.borrow(), ascii);
        let tree = build(&off, text.len(), 0, batches);
        (lines, tree.map_err(|e| at_offending_line(text, e)))
    })
}

/// saphyr places "invalid indentation in quoted scalar" at the scalar's opening quote; the
/// line to fix is the first one after it indented less than the line the scalar starts on
/// (a closing quote at column 0). The error moves there when it is found.
fn at_offending_line(text: &str, mut e: ParseError) -> ParseError {
    if e.message != "invalid indentation in quoted scalar" {
        return e;
    }
    let start = (e.offset as usize).min(text.len());
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let indent = |line: &str| line.len() - line.trim_start_matches(' ').len();
    let key_indent = indent(&text[line_start..start]);
    let Some(nl) = text[start..].find('\n') else {
        return e;
    };
    let mut at = start + nl + 1;
    for line in text[at..].split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        if !body.trim().is_empty() && indent(body) < key_indent {
            e.offset = u32::try_from(at).unwrap_or(e.offset);
            return e;
        }
        at += line.len();
    }
    e
}

/// Whether `text` is scanned on a thread of its own: large enough, and more than one thread
/// allowed (`RAYON_NUM_THREADS=1` means one).
fn pipelined(text: &str) -> bool {
    text.len() >= PIPELINE_MIN && rayon::current_num_threads() > 1
}

/// Where the builder takes its events from, and gives back the scalars' strings once it
/// has copied them.
trait Events<'a> {
    fn next_event(&mut self) -> Option<Item<'a>>;
    /// A scalar's text the builder is done with. saphyr gives every scalar an owned string
    /// with room for 128 more bytes; the tree keeps exact copies instead (a third of the
    /// memory on openai.yaml), and the originals are freed by the thread that allocated
    /// them, where their memory is reused at once.
    fn recycle(&mut self, text: Cow<'a, str>);
}

impl<'a> Events<'a> for Parser<'a, saphyr_parser::StrInput<'a>> {
    fn next_event(&mut self) -> Option<Item<'a>> {
        Parser::next_event(self)
    }

    fn recycle(&mut self, _text: Cow<'a, str>) {}
}

/// A batch of events on its way to the builder, or on its way back: emptied of events and
/// carrying the strings to free.
type Batch<'a> = (Vec<Item<'a>>, Vec<Cow<'a, str>>);

/// Runs saphyr's scanner and parser over `text` on a scoped thread, sending its events in
/// batches; emptied batches come back for reuse, with the strings the builder has copied.
/// The channel is bounded, so that a builder that stops early (a depth limit) also stops
/// the scanner within a few batches: it finds the channel closed.
fn scan_on_thread<'scope, 'a: 'scope>(
    scope: &'scope std::thread::Scope<'scope, '_>,
    text: &'a str,
) -> Batches<'a> {
    let (tx, rx) = std::sync::mpsc::sync_channel::<Batch<'a>>(IN_FLIGHT);
    let (back_tx, back_rx) = std::sync::mpsc::channel::<Batch<'a>>();
    scope.spawn(move || {
        let mut parser = Parser::new_from_str(text);
        let fresh = || (Vec::with_capacity(BATCH), Vec::with_capacity(BATCH));
        let mut batch: Batch<'a> = fresh();
        loop {
            let item = parser.next_event();
            let last = !matches!(item, Some(Ok((ref e, _))) if !matches!(e, Event::StreamEnd));
            batch.0.extend(item);
            if last || batch.0.len() == BATCH {
                let next = match back_rx.try_recv() {
                    Ok((events, mut dead)) => {
                        dead.clear();
                        (events, dead)
                    }
                    Err(_) => fresh(),
                };
                if tx.send(std::mem::replace(&mut batch, next)).is_err() || last {
                    return;
                }
            }
        }
    });
    Batches {
        rx,
        back: back_tx,
        cur: (Vec::new(), Vec::new()),
    }
}

/// The builder's end of the channel: yields the events of each batch in order.
struct Batches<'a> {
    rx: std::sync::mpsc::Receiver<Batch<'a>>,
    back: std::sync::mpsc::Sender<Batch<'a>>,
    /// The batch being read, its events reversed so that `pop` yields them in order.
    cur: Batch<'a>,
}

impl<'a> Events<'a> for Batches<'a> {
    fn next_event(&mut self) -> Option<Item<'a>> {
        loop {
            if let Some(item) = self.cur.0.pop() {
                return Some(item);
            }
            let mut batch = self.rx.recv().ok()?;
            batch.0.reverse();
            let done = std::mem::replace(&mut self.cur, batch);
            if done.0.capacity() > 0 {
                let _ = self.back.send(done);
            }
        }
    }

    fn recycle(&mut self, text: Cow<'a, str>) {
        self.cur.1.push(text);
    }
}

/// Builds the tree from an event stream. `size` is the length of the text the events come from; mappings with an id below
/// `always_noted` are noted as `$ref` holders whatever their keys (the made-up head of a
/// part: see [`parts`]).
fn build<'a>(
    off: &Offsets,
    size: usize,
    always_noted: usize,
    mut events: impl Events<'a>,
) -> Result<Tree, ParseError> {
    let mut tree = Tree::with_room_for(size);
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, NodeId> = HashMap::new();
    // Entries copied by merge keys, counted against a budget so that merges cannot blow up.
    let mut merge_budget: usize = 1_000_000 + size;
    let mut in_document = false;
    // Whether the last scalar carried an anchor (then it must stay in the arena).
    let mut key_anchored = false;

    loop {
        let (event, span) = match events.next_event() {
            None => break,
            Some(Ok(ev)) => ev,
            Some(Err(e)) => {
                let message = match e.info() {
                    // saphyr counts flow nesting in a u8.
                    "recursion limit exceeded" => {
                        "nesting deeper than 255 levels of `[`/`{`".to_owned()
                    }
                    info => info.to_owned(),
                };
                return Err(ParseError {
                    message,
                    offset: off.of(e.marker()),
                });
            }
        };
        let start = off.of(&span.start);
        let end = off.of(&span.end).max(start);
        let node = match event {
            Event::StreamStart | Event::Nothing => continue,
            Event::StreamEnd => break,
            Event::DocumentStart(_) => {
                in_document = true;
                continue;
            }
            Event::DocumentEnd => {
                if tree.root.is_some() {
                    break;
                }
                continue;
            }
            Event::Alias(anchor) => match anchors.get(&anchor) {
                Some(&target) => tree.push(Value::Alias(target), Span::new(start, end)),
                None => {
                    return Err(ParseError {
                        message: "alias names an anchor that is not defined before it".into(),
                        offset: start,
                    })
                }
            },
            Event::Scalar(value, style, anchor, tag) => {
                key_anchored = anchor > 0;
                // A block scalar starts at its first line of content; one with none (`key: |`
                // and blank lines) is empty where that line would be, its end. saphyr marks
                // it so when more follows, but from the indicator when the text ends there:
                // as the last value of a part of a parallel parse, it must not differ.
                let block = matches!(style, ScalarStyle::Literal | ScalarStyle::Folded);
                let start = if block && value.bytes().all(|b| b == b'\n') {
                    end
                } else {
                    start
                };
                let v = scalar_value(&value, style, tag.as_deref());
                events.recycle(value);
                let id = tree.push(v, Span::new(start, end));
                if anchor > 0 {
                    anchors.insert(anchor, id);
                }
                id
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(ParseError {
                        message: format!("nesting deeper than {MAX_DEPTH} levels"),
                        offset: start,
                    });
                }
                let is_map = matches!(event, Event::MappingStart(..));
                let flow = matches!(off.byte_at(start), Some(b'[' | b'{'));
                let id = tree.push(
                    if is_map {
                        Value::Map(Vec::new())
                    } else {
                        Value::Seq(Vec::new())
                    },
                    Span::new(start, end),
                );
                if anchor > 0 {
                    anchors.insert(anchor, id);
                }
                stack.push(if is_map {
                    Frame::Map {
                        id,
                        entries: Vec::new(),
                        key: None,
                        flow,
                    }
                } else {
                    Frame::Seq {
                        id,
                        items: Vec::new(),
                        flow,
                    }
                });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = stack.pop() else {
                    return Err(ParseError {
                        message: "unbalanced collection end".into(),
                        offset: start,
                    });
                };
                match frame {
                    Frame::Seq { id, items, flow } => {
                        let last_end = items.last().map(|c| tree.span(*c).end);
                        finish_span(&mut tree, id, flow, end, last_end);
                        for (i, c) in items.iter().enumerate() {
                            tree.set_parent(*c, id, Slot::Item(i as u32));
                        }
                        // Grown by pushes (room for 4 at the first): a document of small
                        // collections kept that room, a third of its tree (520k one-entry
                        // mappings: 797 → 511 MiB).
                        let mut items = items;
                        items.shrink_to_fit();
                        tree.nodes[id.index()].value = Value::Seq(items);
                        id
                    }
                    Frame::Map {
                        id,
                        mut entries,
                        flow,
                        ..
                    } => {
                        let last_end = entries.last().map(|e| tree.span(e.value).end);
                        finish_span(&mut tree, id, flow, end, last_end);
                        for (i, e) in entries.iter().enumerate() {
                            tree.set_parent(e.value, id, Slot::Entry(i as u32));
                        }
                        if entries.iter().any(|e| &*e.key == "<<") {
                            apply_merges(&tree, &mut entries, &mut merge_budget).map_err(
                                |message| ParseError {
                                    message,
                                    offset: tree.span(id).start,
                                },
                            )?;
                        }
                        if id.index() < always_noted {
                            tree.ref_holders.push(id);
                        } else {
                            tree.note_ref_holder(id, &entries);
                        }
                        entries.shrink_to_fit();
                        tree.nodes[id.index()].value = Value::Map(entries);
                        id
                    }
                }
            }
        };
        // A finished node: attach it to the collection being built, or make it the root.
        match stack.last_mut() {
            None => {
                if in_document && tree.root.is_none() {
                    tree.root = Some(node);
                }
            }
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                None => {
                    let key_span = tree.span(node);
                    // A scalar key that no alias can name is moved out of the arena
                    // rather than kept as an orphan node.
                    let is_scalar = matches!(
                        tree.nodes[node.index()].value,
                        Value::String(_) | Value::Number(_) | Value::Bool(_) | Value::Null
                    );
                    let k = if is_scalar && node.index() + 1 == tree.nodes.len() && !key_anchored {
                        match tree.nodes.pop().map(|n| n.value) {
                            Some(Value::String(s) | Value::Number(s)) => s,
                            Some(Value::Bool(b)) => bool_text(b),
                            Some(Value::Null) => "null".into(),
                            _ => "<complex key>".into(),
                        }
                    } else {
                        key_text(&tree, node)
                    };
                    *key = Some((k, key_span));
                }
                Some((k, key_span)) => entries.push(Entry {
                    key: k,
                    key_span,
                    value: node,
                }),
            },
        }
    }
    if tree.root.is_none() {
        // An empty document is an empty value.
        let id = tree.push(Value::Null, Span::new(0, 0));
        tree.root = Some(id);
    }
    Ok(tree)
}

fn finish_span(tree: &mut Tree, id: NodeId, flow: bool, end_event: u32, last_child: Option<u32>) {
    let span = &mut tree.nodes[id.index()].span;
    span.end = if flow {
        end_event.max(span.start)
    } else {
        // A block collection ends with its last child, not at the next token.
        last_child.unwrap_or(span.start).max(span.start)
    };
}

/// The text of a mapping key. Keys are scalars in every OpenAPI document; other keys are
/// kept under a placeholder so that their values are still located.
fn key_text(tree: &Tree, id: NodeId) -> Str {
    match tree.value(id) {
        Value::String(s) | Value::Number(s) => s.clone(),
        Value::Bool(b) => bool_text(*b),
        Value::Null => "null".into(),
        Value::Seq(_) | Value::Map(_) | Value::Alias(_) => "<complex key>".into(),
    }
}

fn bool_text(b: bool) -> Str {
    Str::const_new(if b { "true" } else { "false" })
}

/// Expands `<<` merge keys: entries of the merged mappings that the mapping does not set
/// itself are added, sharing their value nodes.
fn apply_merges(tree: &Tree, entries: &mut Vec<Entry>, budget: &mut usize) -> Result<(), String> {
    let merges: Vec<NodeId> = entries
        .iter()
        .filter(|e| &*e.key == "<<")
        .map(|e| e.value)
        .collect();
    entries.retain(|e| &*e.key != "<<");
    let mut sources = Vec::new();
    for m in merges {
        match tree.value(m) {
            Value::Map(_) => sources.push(m),
            Value::Seq(items) => sources.extend(items.iter().copied()),
            _ => return Err("merge key `<<` must name a mapping or a list of mappings".into()),
        }
    }
    // Keys set so far, in a hash set: a list searched for each merged key made large
    // merges quadratic (25 merges of 60k keys: two minutes).
    let mut seen: HashSet<&str> = entries.iter().map(|e| &*e.key).collect();
    let mut added = Vec::new();
    for src in sources {
        let Some(src_entries) = tree.as_map(src) else {
            return Err("merge key `<<` must name a mapping or a list of mappings".into());
        };
        for e in src_entries {
            if seen.insert(&e.key) {
                if *budget == 0 {
                    return Err("merge keys expand to too many entries".into());
                }
                *budget -= 1;
                added.push(e.clone());
            }
        }
    }
    drop(seen);
    entries.extend(added);
    Ok(())
}

/// Resolves a scalar to a value by the YAML 1.2 core schema.
fn scalar_value(s: &str, style: ScalarStyle, tag: Option<&Tag>) -> Value {
    if let Some(tag) = tag {
        if tag.handle == "tag:yaml.org,2002:" || tag.handle == "!!" {
            match tag.suffix.as_str() {
                "str" | "binary" | "timestamp" => return Value::String(s.into()),
                "null" => return Value::Null,
                _ => {}
            }
        }
    }
    if style != ScalarStyle::Plain {
        return Value::String(s.into());
    }
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    if is_yaml_number(s) {
        return Value::Number(s.into());
    }
    Value::String(s.into())
}

/// Core-schema integers and floats: `12`, `-3`, `0x1F`, `0o17`, `1.5`, `-2e10`, `.inf`, `.nan`.
fn is_yaml_number(s: &str) -> bool {
    let b = s.as_bytes();
    if b.is_empty() {
        return false;
    }
    if let Some(hex) = s.strip_prefix("0x") {
        return !hex.is_empty() && hex.bytes().all(|c| c.is_ascii_hexdigit());
    }
    if let Some(oct) = s.strip_prefix("0o") {
        return !oct.is_empty() && oct.bytes().all(|c| (b'0'..=b'7').contains(&c));
    }
    let body = s.strip_prefix(['-', '+']).unwrap_or(s);
    if matches!(body, ".inf" | ".Inf" | ".INF") || matches!(s, ".nan" | ".NaN" | ".NAN") {
        return true;
    }
    // [0-9]* ( . [0-9]* )? ( [eE] [-+]? [0-9]+ )?, with at least one digit before the exponent.
    let bytes = body.as_bytes();
    let mut i = 0;
    let mut digits = 0;
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        i += 1;
        digits += 1;
    }
    if i < bytes.len() && bytes[i] == b'.' {
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
            digits += 1;
        }
    }
    if digits == 0 {
        return false;
    }
    if i < bytes.len() && (bytes[i] == b'e' || bytes[i] == b'E') {
        i += 1;
        if i < bytes.len() && (bytes[i] == b'-' || bytes[i] == b'+') {
            i += 1;
        }
        let exp_start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i == exp_start {
            return false;
        }
    }
    i == bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Tree {
        parse(text, &LineIndex::new(text)).unwrap()
    }

    fn slice(text: &str, span: Span) -> &str {
        &text[span.start as usize..span.end as usize]
    }

    #[test]
    fn spans_and_pointers() {
        let text = "openapi: 3.0.3\npaths:\n  /users/{id}:\n    get:\n      summary: \"Get é\"\n      tags: [a, b]\n";
        let t = load(text);
        let root = t.root.unwrap();
        let get = t.lookup(["paths", "/users/{id}", "get"]).unwrap();
        assert_eq!(t.pointer(get), "/paths/~1users~1{id}/get");
        assert_eq!(slice(text, t.key_span(get).unwrap()), "get");
        let summary = t.get(get, "summary").unwrap();
        assert_eq!(slice(text, t.span(summary)), "\"Get é\"");
        assert_eq!(t.as_str(summary), Some("Get é"));
        let tags = t.get(get, "tags").unwrap();
        assert_eq!(slice(text, t.span(tags)), "[a, b]");
        let b = t.as_seq(tags).unwrap()[1];
        assert_eq!(t.pointer(b), "/paths/~1users~1{id}/get/tags/1");
        assert_eq!(t.as_number(t.get(root, "openapi").unwrap()), None);
        assert_eq!(t.get_str(root, "openapi"), Some("3.0.3"));
        // A block mapping ends with its last value.
        assert!(slice(text, t.span(get)).starts_with("summary"));
        assert!(slice(text, t.span(get)).ends_with("[a, b]"));
    }

    #[test]
    fn scalars_follow_the_core_schema() {
        let t = load("a: 12\nb: -9223372036854776000\nc: true\nd: ~\ne: '12'\nf: 1.5e3\ng: 0x1F\nh: 1.2.3\ni: .inf\n");
        let r = t.root.unwrap();
        assert_eq!(t.as_number(t.get(r, "a").unwrap()), Some("12"));
        assert_eq!(
            t.as_number(t.get(r, "b").unwrap()),
            Some("-9223372036854776000")
        );
        assert_eq!(t.as_bool(t.get(r, "c").unwrap()), Some(true));
        assert!(matches!(t.value(t.get(r, "d").unwrap()), Value::Null));
        assert_eq!(t.as_str(t.get(r, "e").unwrap()), Some("12"));
        assert_eq!(t.as_number(t.get(r, "f").unwrap()), Some("1.5e3"));
        assert_eq!(t.as_number(t.get(r, "g").unwrap()), Some("0x1F"));
        assert_eq!(t.as_str(t.get(r, "h").unwrap()), Some("1.2.3"));
        assert_eq!(t.as_number(t.get(r, "i").unwrap()), Some(".inf"));
    }

    #[test]
    fn aliases_share_and_merges_copy_entries() {
        let text = "base: &b {x: 1, y: 2}\nuse: *b\nm:\n  <<: *b\n  y: 3\n";
        let t = load(text);
        let r = t.root.unwrap();
        let used = t.get(r, "use").unwrap();
        assert_eq!(t.resolve_alias(used), t.get(r, "base").unwrap());
        // An alias as a key names the anchored scalar.
        let k = load("a: &k name\n*k : 1\n");
        assert!(k.get(k.root.unwrap(), "name").is_some());
        let m = t.get(r, "m").unwrap();
        let keys: Vec<&str> = t.as_map(m).unwrap().iter().map(|e| &*e.key).collect();
        assert_eq!(keys, ["y", "x"]);
        // The merged value is reported where it is written.
        let x = t.get(m, "x").unwrap();
        assert_eq!(t.pointer(x), "/base/x");
    }

    /// Many large merges: each merged key is looked up among the keys set so far, which
    /// must not cost a search of them all (6 merges of 20k keys took minutes).
    #[test]
    fn large_merges_keep_the_first_value_of_each_key() {
        let (keys, merges) = (20_000, 6);
        let mut text = String::new();
        for m in 0..merges {
            text.push_str(&format!("b{m}: &b{m}\n"));
            // Each base shares half its keys with the previous one.
            for k in (m * keys / 2)..(m * keys / 2 + keys) {
                text.push_str(&format!("  k{k}: {m}\n"));
            }
        }
        text.push_str("m:\n  k0: own\n");
        for m in 0..merges {
            text.push_str(&format!("  <<: *b{m}\n"));
        }
        let t = load(&text);
        let map = t.get(t.root.unwrap(), "m").unwrap();
        let entries = t.as_map(map).unwrap();
        assert_eq!(entries.len(), (merges + 1) * keys / 2);
        // The mapping's own key wins; then the first merge that sets a key.
        assert_eq!(t.as_str(t.get(map, "k0").unwrap()), Some("own"));
        assert_eq!(t.as_number(t.get(map, "k1").unwrap()), Some("0"));
        let last = format!("k{}", (merges + 1) * keys / 2 - 1);
        let from = (merges - 1).to_string();
        assert_eq!(t.as_number(t.get(map, &last).unwrap()), Some(&*from));
    }

    /// Collections keep no room beyond their entries: a description of many one-entry
    /// mappings held room for four in each (a third of its tree's memory).
    #[test]
    fn collections_keep_no_spare_room() {
        let mut text = String::from("paths:\n");
        for i in 0..200 {
            text.push_str(&format!(
                "  /p{i}:\n    get: {{responses: {{'200': {{description: ok}}}}, tags: [a]}}\n"
            ));
        }
        let t = load(&text);
        for n in &t.nodes {
            match &n.value {
                Value::Map(e) => assert_eq!(e.capacity(), e.len()),
                Value::Seq(i) => assert_eq!(i.capacity(), i.len()),
                _ => {}
            }
        }
    }

    #[test]
    fn alias_bomb_stays_small() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..30 {
            let p = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let t = load(&text);
        assert!(t.nodes.len() < 1000);
    }

    #[test]
    fn depth_is_limited_not_overflowed() {
        let deep = "[".repeat(200_000);
        let err = parse(&deep, &LineIndex::new(&deep)).unwrap_err();
        assert!(err.message.contains("nesting"), "{err:?}");
        let ok = format!("{}{}", "[".repeat(200), "]".repeat(200));
        parse(&ok, &LineIndex::new(&ok)).unwrap();
        let block: String = (0..MAX_DEPTH + 5)
            .map(|i| format!("{}k:\n", " ".repeat(i)))
            .collect();
        assert!(parse(&block, &LineIndex::new(&block)).is_err());
    }

    #[test]
    fn errors_are_located() {
        let text = "a: 1\nb: [1, 2\nc: 3\n";
        let err = parse(text, &LineIndex::new(text)).unwrap_err();
        assert!(err.offset as usize <= text.len());
        let bad = "a: \"unterminated\n";
        assert!(parse(bad, &LineIndex::new(bad)).is_err());
        let undefined = "a: *nope\n";
        assert!(parse(undefined, &LineIndex::new(undefined)).is_err());
    }

    /// A quoted scalar whose closing quote sits at column 0 (accepted by PyYAML, refused by
    /// saphyr, js-yaml and eemeli/yaml) is reported on that line, not at the opening quote.
    #[test]
    fn under_indented_quoted_scalar_is_located_at_its_line() {
        let text = "paths:\n  /a:\n    description: 'two\n      lines\n\n'\n";
        let err = parse(text, &LineIndex::new(text)).unwrap_err();
        assert_eq!(err.message, "invalid indentation in quoted scalar");
        assert_eq!(err.offset as usize, text.rfind('\'').unwrap(), "{err:?}");
    }

    #[test]
    fn truncation_never_panics() {
        let text = "openapi: 3.1.0\ninfo: {title: \"t\", version: '1'}\npaths:\n  /a:\n    get:\n      parameters:\n        - {name: q, in: query}\n      responses: {\"200\": {description: ok}}\n";
        for i in 0..text.len() {
            let part = &text[..i];
            let _ = parse(part, &LineIndex::new(part));
        }
    }

    /// The serial path, whatever the document's size.
    fn serial(text: &str) -> Result<Tree, ParseError> {
        let lines = LineIndex::new(text);
        let off = Offsets::whole(text, &lines, text.is_ascii());
        build(&off, text.len(), 0, Parser::new_from_str(text))
            .map_err(|e| at_offending_line(text, e))
    }

    /// A document over the threshold with what the builder must get right: non-ASCII text,
    /// anchors, aliases, merge keys, flow collections, block scalars, `$ref`s.
    fn large(tail: &str) -> String {
        let mut text =
            String::from("openapi: 3.1.0\nbase: &base {type: string, maxLength: 9}\npaths:\n");
        let mut i = 0;
        while text.len() < 2 * PIPELINE_MIN {
            text.push_str(&format!(
                "  /r{i}/ünï:\n    get:\n      description: |\n        Grüße {i}\n        — line two\n      parameters:\n        - {{name: q{i}, in: query, schema: {{<<: *base, minLength: 1}}}}\n        - $ref: '#/components/parameters/p'\n      x-meta: [a, b, *base]\n"
            ));
            i += 1;
        }
        text.push_str(tail);
        text
    }

    #[test]
    fn threaded_parse_builds_the_serial_tree() {
        let text = large("components: {parameters: {p: {name: p, in: query}}}\n");
        assert!(pipelined(&text) || rayon::current_num_threads() < 2);
        let lines = LineIndex::new(&text);
        let threaded = parse(&text, &lines).unwrap();
        let (indexed_lines, indexed) = parse_indexed(&text);
        let serial = serial(&text).unwrap();
        assert!(serial.ref_holders.len() > 1000);
        let want = format!("{serial:?}");
        assert_eq!(format!("{threaded:?}"), want);
        assert_eq!(format!("{:?}", indexed.unwrap()), want);
        assert_eq!(indexed_lines.line_count(), lines.line_count());
    }

    #[test]
    fn threaded_parse_reports_errors_like_the_serial_one() {
        // An error at the very end, one found early by the scanner, and one found early by
        // the builder (the scanner then stops at the closed channel, it is not waited for to
        // the end of the document).
        let bad_end = large("oops: [1, 2\n");
        let deep = format!("a: {}\n{}", "[".repeat(300), large(""));
        let undefined_alias = format!("a: *nope\n{}", large(""));
        for text in [bad_end, deep, undefined_alias] {
            let threaded = parse(&text, &LineIndex::new(&text)).unwrap_err();
            let serial = serial(&text).unwrap_err();
            assert_eq!(
                (threaded.message, threaded.offset),
                (serial.message, serial.offset)
            );
        }
    }
}
