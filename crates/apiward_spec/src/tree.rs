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
                        key: e.key.clone(),
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
                if self.nodes[v.index()].parent == Some(map) {
                    let n = &mut self.nodes[v.index()];
                    n.parent = None;
                    n.slot = Slot::Root;
                }
            }
            for (j, e) in kept.iter().enumerate() {
                if self.nodes[e.value.index()].parent == Some(map) {
                    self.nodes[e.value.index()].slot = Slot::Entry(j as u32);
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
            match self.node(id).parent {
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
