//! The located tree: one document's nodes in a flat arena, each with its byte span, its
//! parent and its place in the parent, so that any node can say where it is (file:line:col)
//! and what its JSON pointer is. A flat arena keeps deep documents from overflowing the
//! stack on drop and lets YAML aliases share a node instead of copying it.

use apiward_diagnostics::Span;

/// Index of a node in its document's arena.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub u32);

impl NodeId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// One entry of a mapping.
#[derive(Debug, Clone)]
pub struct Entry {
    pub key: String,
    pub key_span: Span,
    pub value: NodeId,
}

/// What a node holds.
#[derive(Debug, Clone)]
pub enum Value {
    Null,
    Bool(bool),
    /// A number, kept as written (OpenAPI documents hold integers outside i64).
    Number(String),
    String(String),
    Seq(Vec<NodeId>),
    Map(Vec<Entry>),
    /// A YAML alias: the node it names. Never expanded, so alias bombs stay small.
    Alias(NodeId),
}

/// Where a node sits in its parent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    Root,
    /// Index of the entry in the parent mapping.
    Entry(u32),
    /// Index in the parent sequence.
    Item(u32),
}

#[derive(Debug, Clone)]
pub struct NodeData {
    pub value: Value,
    pub span: Span,
    pub parent: Option<NodeId>,
    pub slot: Slot,
}

/// A parsed document: nodes in an arena, the root last added or at `root`.
#[derive(Debug, Clone, Default)]
pub struct Tree {
    pub nodes: Vec<NodeData>,
    pub root: Option<NodeId>,
    /// The mappings holding a `$ref` key, noted by the parsers as they close each mapping
    /// (so the loader need not walk the whole tree to find references).
    pub ref_holders: Vec<NodeId>,
}

impl Tree {
    pub fn node(&self, id: NodeId) -> &NodeData {
        &self.nodes[id.index()]
    }

    /// Follows aliases to the node holding the value.
    pub fn resolve_alias(&self, mut id: NodeId) -> NodeId {
        // Aliases only ever point at nodes created before them, so this terminates.
        while let Value::Alias(target) = self.nodes[id.index()].value {
            id = target;
        }
        id
    }

    pub fn value(&self, id: NodeId) -> &Value {
        &self.nodes[self.resolve_alias(id).index()].value
    }

    pub fn span(&self, id: NodeId) -> Span {
        self.nodes[id.index()].span
    }

    pub fn as_map(&self, id: NodeId) -> Option<&[Entry]> {
        match self.value(id) {
            Value::Map(e) => Some(e),
            _ => None,
        }
    }

    pub fn as_seq(&self, id: NodeId) -> Option<&[NodeId]> {
        match self.value(id) {
            Value::Seq(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_str(&self, id: NodeId) -> Option<&str> {
        match self.value(id) {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self, id: NodeId) -> Option<bool> {
        match self.value(id) {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_number(&self, id: NodeId) -> Option<&str> {
        match self.value(id) {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    /// The entry of mapping `id` named `key`.
    pub fn entry(&self, id: NodeId, key: &str) -> Option<&Entry> {
        // Length and first byte before the full comparison: the rules look keys up by the
        // hundred thousand, and most keys of a mapping differ in one of the two.
        let k = key.as_bytes();
        let first = k.first();
        self.as_map(id)?.iter().find(|e| {
            let b = e.key.as_bytes();
            b.len() == k.len() && b.first() == first && b == k
        })
    }

    /// The value of mapping `id` at `key`.
    pub fn get(&self, id: NodeId, key: &str) -> Option<NodeId> {
        self.entry(id, key).map(|e| e.value)
    }

    pub fn get_str(&self, id: NodeId, key: &str) -> Option<&str> {
        self.get(id, key).and_then(|v| self.as_str(v))
    }

    /// The span of the key under which `id` sits in its parent mapping, if it does.
    pub fn key_span(&self, id: NodeId) -> Option<Span> {
        let n = self.node(id);
        match (n.parent, n.slot) {
            (Some(p), Slot::Entry(i)) => match &self.node(p).value {
                Value::Map(entries) => entries.get(i as usize).map(|e| e.key_span),
                _ => None,
            },
            _ => None,
        }
    }

    /// The key under which `id` sits in its parent mapping, if it does.
    pub fn key_of(&self, id: NodeId) -> Option<&str> {
        let n = self.node(id);
        match (n.parent, n.slot) {
            (Some(p), Slot::Entry(i)) => match &self.node(p).value {
                Value::Map(entries) => entries.get(i as usize).map(|e| &*e.key),
                _ => None,
            },
            _ => None,
        }
    }

    /// The RFC 6901 JSON pointer of a node (`""` for the root).
    pub fn pointer(&self, id: NodeId) -> String {
        // The steps from the node up, written root first into one string (every finding
        // has a pointer: no string per step).
        let mut steps: Vec<NodeId> = Vec::new();
        let mut cur = id;
        while let Some(parent) = self.node(cur).parent {
            steps.push(cur);
            cur = parent;
        }
        let mut out = String::new();
        for &step in steps.iter().rev() {
            match self.node(step).slot {
                Slot::Entry(_) => {
                    out.push('/');
                    let key = self.key_of(step).unwrap_or_default();
                    if key.contains(['~', '/']) {
                        out.push_str(&escape_pointer(key));
                    } else {
                        out.push_str(key);
                    }
                }
                Slot::Item(i) => {
                    out.push('/');
                    out.push_str(&i.to_string());
                }
                Slot::Root => {}
            }
        }
        out
    }

    /// Walks a JSON pointer (already split on `/` and unescaped) from the root.
    pub fn lookup<'a, I: IntoIterator<Item = &'a str>>(&self, tokens: I) -> Option<NodeId> {
        let mut cur = self.root?;
        for tok in tokens {
            cur = self.resolve_alias(cur);
            cur = match &self.node(cur).value {
                Value::Map(entries) => entries.iter().find(|e| &*e.key == tok)?.value,
                Value::Seq(items) => {
                    let i: usize = tok.parse().ok()?;
                    *items.get(i)?
                }
                _ => return None,
            };
        }
        Some(cur)
    }

    /// Adds a node; used by the parsers.
    pub(crate) fn push(&mut self, value: Value, span: Span) -> NodeId {
        let id = NodeId(self.nodes.len() as u32);
        self.nodes.push(NodeData {
            value,
            span,
            parent: None,
            slot: Slot::Root,
        });
        id
    }

    /// Notes `id` as a `$ref` holder if its entries hold one; used by the parsers.
    pub(crate) fn note_ref_holder(&mut self, id: NodeId, entries: &[Entry]) {
        if entries.iter().any(|e| e.key == "$ref") {
            self.ref_holders.push(id);
        }
    }

    pub(crate) fn set_parent(&mut self, child: NodeId, parent: NodeId, slot: Slot) {
        let n = &mut self.nodes[child.index()];
        n.parent = Some(parent);
        n.slot = slot;
    }
}

/// Escapes one JSON pointer token (`~` → `~0`, `/` → `~1`).
pub fn escape_pointer(token: &str) -> String {
    if token.contains(['~', '/']) {
        token.replace('~', "~0").replace('/', "~1")
    } else {
        token.to_owned()
    }
}

/// Unescapes one JSON pointer token.
pub fn unescape_pointer(token: &str) -> String {
    if token.contains('~') {
        token.replace("~1", "/").replace("~0", "~")
    } else {
        token.to_owned()
    }
}

/// Why a document could not be parsed, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub message: String,
    /// Byte offset of the problem.
    pub offset: u32,
}

/// The deepest nesting a document may have; deeper input is refused, not overflowed.
pub const MAX_DEPTH: usize = 512;
