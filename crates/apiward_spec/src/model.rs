//! The version-neutral view the rules see: operations, parameters, bodies, responses,
//! servers, security, and which schemas are reachable from requests and from responses.
//! Swagger 2.0 and OpenAPI 3.0/3.1 differences are settled here, once.

use std::collections::HashSet;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::load::{DocId, NodeRef, Workspace};
use crate::tree::{Str, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpecVersion {
    Swagger2,
    OpenApi30,
    OpenApi31,
}

pub const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// A server the API is served from: 3.x `servers[]` or 2.0 `schemes` × `host`.
#[derive(Debug, Clone)]
pub struct Server {
    /// The URL with variables replaced by their defaults (3.x) or composed (2.0).
    pub url: String,
    /// The node to report at: the `url` string (3.x) or the scheme item (2.0).
    pub node: NodeRef,
    /// Declared for the whole document (not a path item's or an operation's override).
    pub top_level: bool,
}

/// One operation, with what it inherits from its path item and the document settled.
#[derive(Debug, Clone)]
pub struct Operation {
    pub method: &'static str,
    /// Inline up to 24 bytes ([`Str`]): no allocation for most paths.
    pub path: Str,
    /// The operation object (dereferenced).
    pub node: NodeRef,
    /// Parameters after merging path-level ones (operation-level win by `name`+`in`),
    /// each dereferenced.
    pub parameters: Vec<NodeRef>,
    /// 3.x `requestBody` (dereferenced); 2.0: the `in: body` parameter.
    pub request_body: Option<NodeRef>,
    /// `(status code, response)` pairs, responses dereferenced.
    pub responses: Vec<(String, NodeRef)>,
    /// The operation's own `security`, if it sets one.
    pub security: Option<NodeRef>,
}

/// Kinds of bound a schema (or its context) can put on an instance.
pub mod bound {
    /// String length: `maxLength`, `enum`, `const`, a fixed-length `format`, an anchored
    /// pattern without unbounded repetition.
    pub const STRING: u8 = 1;
    /// Array length: `maxItems`, `enum`, `const`, `uniqueItems` of items from a closed set
    /// (an `enum`, a `const`, booleans): no more items than the set has values.
    pub const ARRAY: u8 = 2;
    /// Number size: `maximum`, `exclusiveMaximum` (a number), `enum`, `const`.
    pub const NUMBER: u8 = 4;
    pub const ALL: u8 = STRING | ARRAY | NUMBER;
    /// Not a bound of the description: the value travels in the request's head (a path,
    /// query, header or cookie parameter), where the server's limit on the request line
    /// and headers (8 to 64 KB) caps every string. Carried to every part of the value.
    pub const HEAD: u8 = 8;
}

/// Where a schema is used.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Usage {
    /// Reachable from a parameter or a request body.
    pub input: bool,
    /// Reachable from a response.
    pub output: bool,
    /// [`bound`] kinds that some request reaches this schema without: no enclosing
    /// `allOf`/`anyOf`/`oneOf` (or `allOf` sibling) provides them. A rule about an
    /// unbounded input of kind K reports a schema when `unbounded_in & K != 0` and the
    /// schema does not bound K itself.
    pub unbounded_in: u8,
}

impl Usage {
    /// Whether some request reaches the schema without a context bound of kind `kind`.
    pub fn input_unbounded(&self, kind: u8) -> bool {
        self.unbounded_in & kind != 0
    }
}

/// One API description, seen through the version-neutral model.
#[derive(Debug)]
pub struct Api {
    pub doc: DocId,
    pub root: NodeRef,
    pub version: SpecVersion,
    pub servers: Vec<Server>,
    pub operations: Vec<Operation>,
    /// Top-level `security`.
    pub security: Option<NodeRef>,
    /// Security schemes by name (3.x `components.securitySchemes`, 2.0 `securityDefinitions`).
    pub security_schemes: Vec<(String, NodeRef)>,
    /// Every schema reachable from an operation, and how (dereferenced nodes).
    pub schemas: FxHashMap<NodeRef, Usage>,
    /// Base paths the code mounts the described operations under that no server names
    /// (`/api` behind a proxy that serves it as `/v0`), inferred once the routes are known.
    pub mounts: Vec<String>,
}

impl Api {
    /// Builds the model of the API description `doc`.
    pub fn build(ws: &Workspace, doc: DocId) -> Api {
        let tree = ws.tree(doc);
        let root = NodeRef {
            doc,
            node: tree.root.expect("documents have roots"),
        };
        let version = match (ws.get_str(root, "swagger"), ws.get(root, "openapi")) {
            (Some(_), _) => SpecVersion::Swagger2,
            (_, Some(v)) => {
                let v = match ws.value(v) {
                    Value::String(s) | Value::Number(s) => s.to_string(),
                    _ => String::new(),
                };
                if v.starts_with("3.0") {
                    SpecVersion::OpenApi30
                } else if v.starts_with('2') {
                    SpecVersion::Swagger2
                } else {
                    SpecVersion::OpenApi31
                }
            }
            _ => SpecVersion::OpenApi30,
        };
        let mut api = Api {
            doc,
            root,
            version,
            servers: Vec::new(),
            operations: Vec::new(),
            security: ws.get_raw(root, "security"),
            security_schemes: Vec::new(),
            schemas: FxHashMap::default(),
            mounts: Vec::new(),
        };
        api.servers = servers(ws, &api, root);
        let schemes_container = if version == SpecVersion::Swagger2 {
            ws.get(root, "securityDefinitions")
        } else {
            ws.get(root, "components")
                .and_then(|c| ws.get(c, "securitySchemes"))
        };
        if let Some(c) = schemes_container {
            api.security_schemes = ws
                .entries(c)
                .map(|(k, v)| (k.to_owned(), ws.deref(v)))
                .collect();
        }
        if let Some(paths) = ws.get(root, "paths") {
            // Counted first: 520k operations grown by doubling held the old and the new
            // array at once.
            let count = ws
                .entries(paths)
                .filter(|(path, _)| path.starts_with('/'))
                .map(|(_, item)| {
                    let item = ws.deref(item);
                    ws.entries(item)
                        .filter(|(m, _)| METHODS.contains(m))
                        .count()
                })
                .sum();
            api.operations.reserve_exact(count);
            for (path, item) in ws.entries(paths) {
                if !path.starts_with('/') {
                    continue; // extensions such as `x-...`
                }
                let item = ws.deref(item);
                let shared: Vec<NodeRef> = ws
                    .get(item, "parameters")
                    .map(|p| ws.items(p).map(|x| ws.deref(x)).collect())
                    .unwrap_or_default();
                for (method, op) in ws.entries(item) {
                    let Some(method) = METHODS.iter().find(|m| **m == method) else {
                        continue;
                    };
                    let op = ws.deref(op);
                    api.operations
                        .push(operation(ws, &api, method, path, op, &shared));
                }
            }
        }
        api.schemas = reachability(ws, &api);
        api
    }

    /// The security requirements in force for `op`: its own, or the document's.
    pub fn effective_security(&self, op: &Operation) -> Option<NodeRef> {
        op.security.or(self.security)
    }
}

fn param_key(ws: &Workspace, p: NodeRef) -> (String, String) {
    (
        ws.get_str(p, "name").unwrap_or_default().to_owned(),
        ws.get_str(p, "in").unwrap_or_default().to_owned(),
    )
}

fn operation(
    ws: &Workspace,
    api: &Api,
    method: &'static str,
    path: &str,
    op: NodeRef,
    shared: &[NodeRef],
) -> Operation {
    let own: Vec<NodeRef> = ws
        .get(op, "parameters")
        .map(|p| ws.items(p).map(|x| ws.deref(x)).collect())
        .unwrap_or_default();
    let own_keys: HashSet<(String, String)> = own.iter().map(|p| param_key(ws, *p)).collect();
    let mut parameters: Vec<NodeRef> = shared
        .iter()
        .copied()
        .filter(|p| !own_keys.contains(&param_key(ws, *p)))
        .collect();
    parameters.extend(own);
    let request_body = if api.version == SpecVersion::Swagger2 {
        parameters
            .iter()
            .copied()
            .find(|p| ws.get_str(*p, "in") == Some("body"))
    } else {
        ws.get(op, "requestBody")
    };
    let responses = ws
        .get(op, "responses")
        .map(|r| {
            ws.entries(r)
                .map(|(code, resp)| (code.to_owned(), ws.deref(resp)))
                .collect()
        })
        .unwrap_or_default();
    Operation {
        method,
        path: path.into(),
        node: op,
        parameters,
        request_body,
        responses,
        security: ws.get_raw(op, "security"),
    }
}

fn servers(ws: &Workspace, api: &Api, root: NodeRef) -> Vec<Server> {
    let mut out = Vec::new();
    if api.version == SpecVersion::Swagger2 {
        let host = ws.get_str(root, "host").unwrap_or("");
        let base = ws.get_str(root, "basePath").unwrap_or("");
        if let Some(schemes) = ws.get_raw(root, "schemes") {
            for s in ws.items(schemes) {
                if let Some(scheme) = ws.as_str(s) {
                    out.push(Server {
                        url: format!("{scheme}://{host}{base}"),
                        node: s,
                        top_level: true,
                    });
                }
            }
        }
        return out;
    }
    let mut lists: Vec<(NodeRef, bool)> = Vec::new();
    if let Some(s) = ws.get_raw(root, "servers") {
        lists.push((s, true));
    }
    if let Some(paths) = ws.get(root, "paths") {
        for (_, item) in ws.entries(paths) {
            if let Some(s) = ws.get_raw(item, "servers") {
                lists.push((s, false));
            }
            for (m, op) in ws.entries(item) {
                if METHODS.contains(&m) {
                    if let Some(s) = ws.get_raw(op, "servers") {
                        lists.push((s, false));
                    }
                }
            }
        }
    }
    for (list, top_level) in lists {
        for server in ws.items(list) {
            let Some(url_node) = ws.get_raw(server, "url") else {
                continue;
            };
            let Some(url) = ws.as_str(url_node) else {
                continue;
            };
            let url = expand_variables(ws, server, url);
            out.push(Server {
                url,
                node: url_node,
                top_level,
            });
        }
    }
    out
}

/// Replaces `{var}` in a server URL with the variable's default.
fn expand_variables(ws: &Workspace, server: NodeRef, url: &str) -> String {
    if !url.contains('{') {
        return url.to_owned();
    }
    let vars = ws.get(server, "variables");
    let mut out = String::with_capacity(url.len());
    let mut rest = url;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let name = &rest[open + 1..open + close];
        let default = vars
            .and_then(|v| ws.get(v, name))
            .and_then(|v| ws.get_str(v, "default"));
        match default {
            Some(d) => out.push_str(d),
            None => out.push_str(&rest[open..=open + close]),
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

/// Formats whose valid strings have a fixed or small maximum length, so that a validator
/// enforcing the format bounds the input.
pub const FIXED_LENGTH_FORMATS: [&str; 8] = [
    "date",
    "date-time",
    "time",
    "uuid",
    "ipv4",
    "ipv6",
    "int32",
    "int64",
];

/// Whether a schema itself bounds the length of a string instance.
pub fn bounds_string(ws: &Workspace, schema: NodeRef) -> bool {
    bounds(ws, schema) & bound::STRING != 0
}

/// The [`bound`] kinds a schema itself provides.
pub fn bounds(ws: &Workspace, schema: NodeRef) -> u8 {
    // One pass over the keys: this runs for every schema the reachability walk visits.
    let mut b = 0;
    for (key, v) in ws.entries(schema) {
        match key {
            "enum" | "const" => return bound::ALL,
            "maxLength" => b |= bound::STRING,
            "format"
                if ws
                    .as_str(v)
                    .is_some_and(|f| FIXED_LENGTH_FORMATS.contains(&f)) =>
            {
                b |= bound::STRING;
            }
            "pattern" if ws.as_str(v).is_some_and(pattern_is_bounded) => b |= bound::STRING,
            "maxItems" => b |= bound::ARRAY,
            "uniqueItems"
                if matches!(ws.value(v), Value::Bool(true))
                    && ws
                        .get(schema, "items")
                        .is_some_and(|i| closed_set(ws, i, 0)) =>
            {
                b |= bound::ARRAY;
            }
            "maximum" => b |= bound::NUMBER,
            "exclusiveMaximum" if matches!(ws.value(v), Value::Number(_)) => b |= bound::NUMBER,
            _ => {}
        }
    }
    b
}

/// Whether a schema's instances come from a closed set of values: an `enum`, a `const`,
/// booleans, or compositions of those (one closed `allOf` member; every `anyOf`/`oneOf`
/// member closed).
fn closed_set(ws: &Workspace, schema: NodeRef, depth: u8) -> bool {
    let schema = ws.deref(schema);
    if depth > 4 || !matches!(ws.value(schema), Value::Map(_)) {
        return false;
    }
    if ws.get(schema, "enum").is_some()
        || ws.get(schema, "const").is_some()
        || ws.get_str(schema, "type") == Some("boolean")
    {
        return true;
    }
    let members = |key| ws.get(schema, key).map(|l| ws.items(l).collect::<Vec<_>>());
    members("allOf").is_some_and(|m| m.into_iter().any(|m| closed_set(ws, m, depth + 1)))
        || ["anyOf", "oneOf"].into_iter().any(|k| {
            members(k).is_some_and(|m| {
                !m.is_empty() && m.into_iter().all(|m| closed_set(ws, m, depth + 1))
            })
        })
}

/// Whether a regular expression only matches strings of bounded length: anchored at both
/// ends, with no unbounded repetition (`*`, `+`, `{n,}`).
pub fn pattern_is_bounded(pattern: &str) -> bool {
    let p = pattern.trim();
    if !(p.starts_with('^') && p.ends_with('$')) || p.ends_with("\\$") {
        return false;
    }
    let b = p.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 1, // skip the escaped character
            // A character class: `*` and `+` in `[a-z0-9+/=]` are characters, not repeats.
            b'[' => {
                i += 1;
                if b.get(i) == Some(&b']') {
                    i += 1; // `[]a]`: a leading `]` is a character
                }
                while i < b.len() && b[i] != b']' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                if i >= b.len() {
                    return false;
                }
            }
            b'*' | b'+' => return false,
            b'{' => {
                let close = match p[i..].find('}') {
                    Some(c) => i + c,
                    None => return false,
                };
                if p[i + 1..close].ends_with(',') {
                    return false;
                }
                i = close;
            }
            _ => {}
        }
        i += 1;
    }
    true
}

#[derive(Clone, Copy)]
enum Side {
    Input,
    Output,
}

fn reachability(ws: &Workspace, api: &Api) -> FxHashMap<NodeRef, Usage> {
    let mut usage: FxHashMap<NodeRef, Usage> = FxHashMap::default();
    // (schema, side, bound kinds its context provides)
    let mut seen: FxHashSet<(NodeRef, bool, u8)> = FxHashSet::default();
    let mut stack: Vec<(NodeRef, Side, u8)> = Vec::new();
    let swagger = api.version == SpecVersion::Swagger2;
    for op in &api.operations {
        for p in &op.parameters {
            let place = ws.get_str(*p, "in");
            let head = if matches!(place, Some("path" | "query" | "header" | "cookie")) {
                bound::HEAD
            } else {
                0
            };
            if swagger && place != Some("body") {
                // 2.0 non-body parameters carry their schema keywords themselves.
                stack.push((*p, Side::Input, head));
            }
            push_media_schemas(ws, *p, Side::Input, head, &mut stack);
        }
        if let Some(body) = op.request_body {
            if !swagger {
                push_media_schemas(ws, body, Side::Input, 0, &mut stack);
            }
        }
        for (_, resp) in &op.responses {
            push_media_schemas(ws, *resp, Side::Output, 0, &mut stack);
            if let Some(headers) = ws.get(*resp, "headers") {
                for (_, h) in ws.entries(headers) {
                    push_media_schemas(ws, ws.deref(h), Side::Output, 0, &mut stack);
                }
            }
        }
    }
    while let Some((node, side, bounded)) = stack.pop() {
        let node = ws.deref(node);
        let input = matches!(side, Side::Input);
        if !seen.insert((node, input, bounded)) {
            continue;
        }
        if !matches!(ws.value(node), Value::Map(_)) {
            continue;
        }
        let u = usage.entry(node).or_default();
        match side {
            Side::Input => {
                u.input = true;
                let head = if bounded & bound::HEAD != 0 {
                    bound::STRING
                } else {
                    0
                };
                u.unbounded_in |= !(bounded | head) & bound::ALL;
            }
            Side::Output => u.output = true,
        }
        let here_bounded = bounded | bounds(ws, node);
        // `allOf` members share the instance: each gets its siblings' bounds.
        let sibling_bound = ws.get(node, "allOf").map_or(0, |all| {
            ws.items(all)
                .fold(0, |acc, m| acc | bounds(ws, ws.deref(m)))
        });
        subschemas(ws, node, |key, child| {
            let carried = match key {
                // The same instance: bounds of the parent, and for `allOf` of the
                // siblings, carry.
                "allOf" => here_bounded | sibling_bound,
                "anyOf" | "oneOf" | "then" | "else" => here_bounded,
                // Parts of the instance: bounds of the parent do not carry.
                _ => 0,
            };
            // The request's head caps every part of a parameter.
            stack.push((child, side, carried | (bounded & bound::HEAD)));
        });
    }
    usage
}

/// The subschemas of a schema, each with the keyword that holds it: the one list of
/// keywords every walk over schemas follows (the model's reachability, and the rules that
/// look for properties, URLs or leaky fields). Parts of the instance: `properties`,
/// `patternProperties` and `dependentSchemas` (each value), `items` (a schema, or a list in
/// older drafts), `prefixItems`, `additionalItems`, `additionalProperties`,
/// `unevaluatedProperties`, `unevaluatedItems`, `contains`, `propertyNames` (the keys);
/// the same instance: `allOf`, `anyOf`, `oneOf` (each member), `if`, `then`, `else`, `not`
/// (what it must not be). The model's bounds carry into `allOf`/`anyOf`/`oneOf`, `then` and
/// `else` only; a walk for what an instance holds leaves out `not` and `propertyNames`
/// ([`holds`]).
pub fn subschemas(ws: &Workspace, schema: NodeRef, mut f: impl FnMut(&str, NodeRef)) {
    // One pass over the schema's keys (a lookup per keyword scanned them a dozen times).
    for (key, child) in ws.entries(schema) {
        match key {
            "properties" | "patternProperties" | "dependentSchemas" => {
                for (_, c) in ws.entries(child) {
                    f(key, c);
                }
            }
            "items"
            | "additionalProperties"
            | "unevaluatedProperties"
            | "unevaluatedItems"
            | "contains"
            | "propertyNames"
            | "additionalItems"
            | "if"
            | "not" => match ws.value(child) {
                Value::Map(_) => f(key, child),
                Value::Seq(_) => {
                    for c in ws.items(child) {
                        f(key, c);
                    }
                }
                _ => {}
            },
            "prefixItems" | "allOf" | "anyOf" | "oneOf" => {
                for c in ws.items(child) {
                    f(key, c);
                }
            }
            "then" | "else" => f(key, child),
            _ => {}
        }
    }
}

/// Whether a subschema under `key` describes data the instance holds: not `not` (what it
/// must not be) nor `propertyNames` (its keys).
pub fn holds(key: &str) -> bool {
    !matches!(key, "not" | "propertyNames")
}

/// Pushes the schemas of a parameter, header, request body or response: `schema` directly
/// (3.x parameters and headers, 2.0 everything) and `content.*.schema` (3.x).
fn push_media_schemas(
    ws: &Workspace,
    holder: NodeRef,
    side: Side,
    bounded: u8,
    stack: &mut Vec<(NodeRef, Side, u8)>,
) {
    if let Some(s) = ws.get(holder, "schema") {
        stack.push((s, side, bounded));
    }
    if let Some(content) = ws.get(holder, "content") {
        for (_, media) in ws.entries(content) {
            if let Some(s) = ws.get(media, "schema") {
                stack.push((s, side, bounded));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_patterns() {
        assert!(pattern_is_bounded("^[a-z]{1,10}$"));
        assert!(pattern_is_bounded("^\\d{4}-\\d{2}$"));
        assert!(!pattern_is_bounded("^[a-z]+$"));
        assert!(!pattern_is_bounded("^a{2,}$"));
        assert!(!pattern_is_bounded("[a-z]{1,10}"));
        assert!(!pattern_is_bounded("^.*$"));
        assert!(pattern_is_bounded("^\\*x$"));
        // Repeat signs inside a character class are characters.
        assert!(pattern_is_bounded("^(whsec_)?[a-zA-Z0-9+/=]{32,100}$"));
        assert!(pattern_is_bounded("^[*\\]+]{1,3}$"));
        assert!(!pattern_is_bounded("^[a-z+]+$"));
        assert!(!pattern_is_bounded("^[a-z$"));
    }
}
