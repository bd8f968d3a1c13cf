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

/// The text of a key or a scalar: up to 24 bytes inline (most keys and values of a
/// description: no allocation each), longer on the heap. Reads as a `&str`.
pub type Str = compact_str::CompactString;

/// One entry of a mapping.
#[derive(Debug, Clone)]
pub struct Entry {
    pub key: Str,
    pub key_span: Span,
    pub value: NodeId,
}

/// What a node holds.
#[derive(Debug, Clone)]
pub enum Value {
    Null,
    Bool(bool),
    /// A number, kept as written (OpenAPI documents hold integers outside i64).
    Number(Str),
    String(Str),
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
    /// The parent and the slot in it, packed in 8 bytes ([`Place`]): an arena of millions
    /// of nodes (520k operations: 2.6M) is 48 bytes a node instead of 56.
    place: Place,
}

/// A node's parent (`u32::MAX`: none) and its index there, the top bit set for a sequence
/// item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Place {
    parent: u32,
    index: u32,
}

const NO_PARENT: u32 = u32::MAX;
const ITEM: u32 = 1 << 31;

impl Place {
    const ROOT: Place = Place {
        parent: NO_PARENT,
        index: 0,
    };

    fn new(parent: NodeId, slot: Slot) -> Place {
        let index = match slot {
            Slot::Root => return Place::ROOT,
            Slot::Entry(i) => i,
            Slot::Item(i) => i | ITEM,
        };
        Place {
            parent: parent.0,
            index,
        }
    }
}

impl NodeData {
    /// The collection holding this node; `None` for the root and detached values.
    pub fn parent(&self) -> Option<NodeId> {
        (self.place.parent != NO_PARENT).then_some(NodeId(self.place.parent))
    }

    /// Where the node sits in its parent.
    pub fn slot(&self) -> Slot {
        match self.place {
            Place {
                parent: NO_PARENT, ..
            } => Slot::Root,
            Place { index, .. } if index & ITEM != 0 => Slot::Item(index & !ITEM),
            Place { index, .. } => Slot::Entry(index),
        }
    }

    /// Hangs the node under `parent` at `slot`, or detaches it (`None`).
    pub(crate) fn set_place(&mut self, at: Option<(NodeId, Slot)>) {
        self.place = at.map_or(Place::ROOT, |(p, s)| Place::new(p, s));
    }
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
    /// An empty tree with room for every node a text of `len` bytes can hold: a node takes
    /// at least two bytes (`[1,1]`, `- \n- \n`), so the arena is never reallocated while
    /// it is built. Growing it by doubling copied it, the old and the new array alive at
    /// once; room that is never written stays unpaged address space, not memory.
    pub(crate) fn with_room_for(len: usize) -> Tree {
        Tree {
            nodes: Vec::with_capacity(len / 2 + 2),
            root: None,
            ref_holders: Vec::new(),
        }
    }

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
        match (n.parent(), n.slot()) {
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
        match (n.parent(), n.slot()) {
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
        while let Some(parent) = self.node(cur).parent() {
            steps.push(cur);
            cur = parent;
        }
        let mut out = String::new();
        for &step in steps.iter().rev() {
            match self.node(step).slot() {
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
        self.lookup_in(tokens, &LargeMaps::default())
    }

    /// The keys of every mapping of at least [`LARGE_MAP`] entries, hashed: a `$ref` into
    /// a `components/schemas` of 100k entries is then one lookup, not a search of them.
    pub fn large_maps(&self) -> LargeMaps<'_> {
        let mut maps = LargeMaps::default();
        for (i, n) in self.nodes.iter().enumerate() {
            if let Value::Map(entries) = &n.value {
                if entries.len() >= LARGE_MAP {
                    let keys = entries.iter().map(|e| (&*e.key, e.value)).collect();
                    maps.by_node.insert(NodeId(i as u32), keys);
                }
            }
        }
        maps
    }

    /// [`Tree::lookup`], with the keys of large mappings looked up in `large`.
    pub fn lookup_in<'a, I: IntoIterator<Item = &'a str>>(
        &self,
        tokens: I,
        large: &LargeMaps<'_>,
    ) -> Option<NodeId> {
        let mut cur = self.root?;
        for tok in tokens {
            cur = self.resolve_alias(cur);
            if let Some(keys) = large.by_node.get(&cur) {
                cur = *keys.get(tok)?;
                continue;
            }
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
            place: Place::ROOT,
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
        self.nodes[child.index()].set_place(Some((parent, slot)));
    }
}

/// Mappings from this many entries on are indexed by [`Tree::large_maps`].
pub const LARGE_MAP: usize = 64;

/// The keys of a tree's large mappings (see [`Tree::large_maps`]); keys are unique once
/// [`Tree::dedup_keys`] has run.
#[derive(Debug, Default)]
pub struct LargeMaps<'t> {
    by_node: std::collections::HashMap<NodeId, std::collections::HashMap<&'t str, NodeId>>,
}

/// A key written twice in one mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    /// The mapping.
    pub map: NodeId,
    pub key: String,
    /// The key's first occurrence, whose value is dropped.
    pub first: Span,
    /// A later occurrence.
    pub again: Span,
}

impl Tree {
    /// Keeps the last entry of each key of every mapping, as JSON and YAML consumers do
    /// (Python, `serde_json`, JavaScript), and says which keys were repeated. The values
    /// dropped stay in the arena, detached (no parent, no longer a `$ref` holder). Linear:
    /// small mappings are compared pairwise, large ones through a hash set.
    pub fn dedup_keys(&mut self) -> Vec<Duplicate> {
        let mut found = Vec::new();
        for i in 0..self.nodes.len() {
            let Value::Map(entries) = &self.nodes[i].value else {
                continue;
            };
            if !has_duplicate_key(entries) {
                continue;
            }
            let Value::Map(entries) = std::mem::replace(&mut self.nodes[i].value, Value::Null)
            else {
                continue;
            };
            let map = NodeId(i as u32);
            // The index of the last entry of each key.
            let mut last: std::collections::HashMap<&str, usize> =
                std::collections::HashMap::with_capacity(entries.len());
            for (j, e) in entries.iter().enumerate() {
                last.insert(&e.key, j);
            }
            let mut first: std::collections::HashMap<&str, Span> = std::collections::HashMap::new();
            let mut dropped = Vec::new();
            for (j, e) in entries.iter().enumerate() {
                match first.get(&*e.key) {
                    Some(&span) => found.push(Duplicate {
                        map,
                        key: e.key.to_string(),
                        first: span,
                        again: e.key_span,
                    }),
                    None => {
                        first.insert(&e.key, e.key_span);
                    }
                }
                if last[&*e.key] != j {
                    dropped.push(e.value);
                }
            }
            let kept: Vec<Entry> = entries
                .iter()
                .enumerate()
                .filter(|(j, e)| last[&*e.key] == *j)
                .map(|(_, e)| e.clone())
                .collect();
            drop((last, first));
            for v in dropped {
                // A value shared by an alias elsewhere keeps its place there.
                if self.nodes[v.index()].parent() == Some(map) {
                    self.nodes[v.index()].set_place(None);
                }
            }
            for (j, e) in kept.iter().enumerate() {
                if self.nodes[e.value.index()].parent() == Some(map) {
                    self.nodes[e.value.index()].set_place(Some((map, Slot::Entry(j as u32))));
                }
            }
            self.nodes[i].value = Value::Map(kept);
        }
        if !found.is_empty() {
            // `$ref`s under a dropped value are not followed.
            let holders = std::mem::take(&mut self.ref_holders);
            self.ref_holders = holders.into_iter().filter(|&h| self.attached(h)).collect();
        }
        found
    }

    /// Whether `id` hangs from the root.
    fn attached(&self, mut id: NodeId) -> bool {
        loop {
            if Some(id) == self.root {
                return true;
            }
            match self.node(id).parent() {
                Some(p) => id = p,
                None => return false,
            }
        }
    }
}

fn has_duplicate_key(entries: &[Entry]) -> bool {
    if entries.len() <= 16 {
        return entries
            .iter()
            .enumerate()
            .any(|(i, e)| entries[i + 1..].iter().any(|x| x.key == e.key));
    }
    let mut seen = std::collections::HashSet::with_capacity(entries.len());
    !entries.iter().all(|e| seen.insert(&*e.key))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: bool, text: &str) -> Tree {
        if json {
            crate::json::parse(text).unwrap()
        } else {
            crate::yaml::parse_indexed(text).1.unwrap()
        }
    }

    /// A mapping of `n` keys `k0..`, with key `k{dup}` written again at position `at`,
    /// under `outer` (nested) or at the root, in JSON or in YAML.
    fn document(json: bool, n: usize, dup: usize, at: usize) -> String {
        let mut entries: Vec<(String, String)> =
            (0..n).map(|i| (format!("k{i}"), format!("v{i}"))).collect();
        entries.insert(at, (format!("k{dup}"), "again".into()));
        if json {
            let body: Vec<String> = entries
                .iter()
                .map(|(k, v)| format!("\"{k}\": \"{v}\""))
                .collect();
            format!("{{\"outer\": {{{}}}, \"z\": 1}}", body.join(", "))
        } else {
            let body: String = entries
                .iter()
                .map(|(k, v)| format!("  {k}: {v}\n"))
                .collect();
            format!("outer:\n{body}z: 1\n")
        }
    }

    /// Small and large mappings, the repeat before and after the first occurrence: the last
    /// value is kept, and the repeat is reported at the later key.
    #[test]
    fn the_last_value_of_a_repeated_key_wins() {
        for json in [true, false] {
            for n in [1, 2, 5, 16, 17, 300] {
                for dup in [0, n / 2, n - 1] {
                    for at in [0, dup, dup + 1, n] {
                        let text = document(json, n, dup, at);
                        let mut tree = parse(json, &text);
                        let found = tree.dedup_keys();
                        let key = format!("k{dup}");
                        let case = format!("json {json}, n {n}, dup {dup}, at {at}: {text}");
                        assert_eq!(found.len(), 1, "{case}");
                        let d = &found[0];
                        assert_eq!(d.key, key, "{case}");
                        let first = d.first.start as usize;
                        let again = d.again.start as usize;
                        assert!(first < again, "{case}");
                        for s in [d.first, d.again] {
                            let written = &text[s.start as usize..s.end as usize];
                            assert_eq!(written.trim_matches('"'), key, "{case}");
                        }
                        let outer = tree.get(tree.root.unwrap(), "outer").unwrap();
                        assert_eq!(tree.as_map(outer).unwrap().len(), n, "{case}");
                        let value = tree.get(outer, &key).unwrap();
                        // The later of the two values.
                        let expected = if at <= dup {
                            format!("v{dup}")
                        } else {
                            "again".into()
                        };
                        assert_eq!(tree.as_str(value), Some(&*expected), "{case}");
                        // Entries and their slots agree; pointers name the kept keys.
                        for e in tree.as_map(outer).unwrap() {
                            assert_eq!(tree.pointer(e.value), format!("/outer/{}", e.key));
                        }
                        assert!(tree.dedup_keys().is_empty(), "{case}");
                    }
                }
            }
            // Without repeats nothing changes.
            let text = document(json, 40, 0, 0).replacen("\"k0\": \"again\", ", "", 1);
            let text = text.replacen("  k0: again\n", "", 1);
            let mut tree = parse(json, &text);
            assert!(tree.dedup_keys().is_empty(), "{text}");
        }
    }

    /// What a document of millions of small nodes costs (issue 17: 520k operations): a
    /// node and an entry stay this small, short keys and scalars are not allocated, and the
    /// arena is never grown while it is built (no old and new array alive at once).
    #[test]
    fn nodes_stay_small_and_the_arena_is_not_regrown() {
        assert!(std::mem::size_of::<NodeData>() <= 48);
        assert!(std::mem::size_of::<Entry>() <= 40);
        let mut text = String::from("openapi: 3.0.3\npaths:\n");
        let mut json = String::from("[");
        for i in 0..20_000 {
            text.push_str(&format!(
                "  /p{i}:\n    get: {{responses: {{'200': {{description: ok}}}}}}\n"
            ));
            json.push_str(if i == 0 { "[1,[]]" } else { ",[1,[]]" });
        }
        json.push(']');
        for (json, text) in [(false, &text), (true, &json)] {
            let tree = parse(json, text);
            assert_eq!(tree.nodes.capacity(), text.len() / 2 + 2, "json {json}");
            assert!(tree.nodes.len() <= tree.nodes.capacity());
        }
        let tree = parse(false, &text);
        let paths = tree.get(tree.root.unwrap(), "paths").unwrap();
        for e in tree.as_map(paths).unwrap() {
            assert!(!e.key.is_heap_allocated(), "{}", e.key);
            let get = tree.get(e.value, "get").unwrap();
            let ok = tree
                .get(
                    tree.get(tree.get(get, "responses").unwrap(), "200")
                        .unwrap(),
                    "description",
                )
                .unwrap();
            assert!(matches!(tree.value(ok), Value::String(s) if !s.is_heap_allocated()));
        }
    }

    /// A node's parent and slot, packed in 8 bytes, read back as they were set.
    #[test]
    fn places_read_back() {
        let mut tree = Tree::default();
        let a = tree.push(Value::Null, Span::default());
        let b = tree.push(Value::Null, Span::default());
        assert_eq!(
            (tree.node(a).parent(), tree.node(a).slot()),
            (None, Slot::Root)
        );
        for slot in [
            Slot::Entry(0),
            Slot::Item(0),
            Slot::Entry((1 << 31) - 1),
            Slot::Item(7),
        ] {
            tree.set_parent(b, a, slot);
            assert_eq!(
                (tree.node(b).parent(), tree.node(b).slot()),
                (Some(a), slot)
            );
        }
        tree.nodes[b.index()].set_place(None);
        assert_eq!(
            (tree.node(b).parent(), tree.node(b).slot()),
            (None, Slot::Root)
        );
    }

    /// `$ref`s under a dropped value are not followed.
    #[test]
    fn refs_under_dropped_values_are_forgotten() {
        let text = "a: {$ref: '#/x'}\nb: 1\na: {$ref: '#/y'}\nx: 1\ny: 2\n";
        let mut tree = parse(false, text);
        assert_eq!(tree.ref_holders.len(), 2);
        tree.dedup_keys();
        assert_eq!(tree.ref_holders.len(), 1);
        let a = tree.get(tree.root.unwrap(), "a").unwrap();
        assert_eq!(tree.ref_holders, vec![a]);
    }
}
