//! Small helpers shared by the checks: schema type tests, the spans findings underline,
//! name normalisation and splitting, and per-operation schema reachability.

use apiward_diagnostics::Span;
use apiward_spec::load::{NodeRef, Workspace};
use apiward_spec::tree::Value;

/// The `type` node of `schema` when it is `ty` or a 3.1 type list containing `ty`.
pub(crate) fn type_node(ws: &Workspace, schema: NodeRef, ty: &str) -> Option<NodeRef> {
    let node = ws.get_raw(schema, "type")?;
    let matches = match ws.value(node) {
        Value::String(s) => &**s == ty,
        Value::Seq(_) => ws.items(node).any(|t| ws.as_str(t) == Some(ty)),
        _ => false,
    };
    matches.then_some(node)
}

/// Whether `schema` has `key: true`.
pub(crate) fn is_true(ws: &Workspace, schema: NodeRef, key: &str) -> bool {
    ws.get(schema, key)
        .is_some_and(|v| matches!(ws.value(v), Value::Bool(true)))
}

/// Whether clients never write `schema`: `readOnly: true`, or a description that says so
/// in its first words ("Output only.", "[Output Only]", "Read-only", "Read only"), the way
/// Google-style descriptions mark server-set fields without the keyword, or anywhere
/// ("you cannot modify this in a PATCH request").
pub(crate) fn read_only(ws: &Workspace, schema: NodeRef) -> bool {
    if is_true(ws, schema, "readOnly") {
        return true;
    }
    let Some(desc) = ws.get_str(schema, "description") else {
        return false;
    };
    let start =
        desc.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '[' | '(' | '*' | '_'));
    // Compared in place: this runs for every schema the input rules look at.
    [
        "output only",
        "output-only",
        "read-only",
        "read only",
        "readonly",
    ]
    .iter()
    .any(|p| {
        start
            .get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p))
    })
        // "(note, you cannot modify this in a PATCH request)": anywhere in it.
        || [
            "cannot modify",
            "can't modify",
            "cannot be modified",
            "can't be modified",
            "cannot be changed",
            "can't be changed",
            "not modifiable",
        ]
        .iter()
        .any(|p| {
            desc.as_bytes()
                .windows(p.len())
                .any(|w| w.eq_ignore_ascii_case(p.as_bytes()))
        })
}

/// The span of the entry holding `node` (`key: value`), or of the node alone.
pub(crate) fn entry_span(ws: &Workspace, node: NodeRef) -> Span {
    let tree = ws.tree(node.doc);
    let span = tree.span(node.node);
    tree.key_span(node.node).map_or(span, |k| k.cover(span))
}

/// The span of the key under which `node` sits, or of the node alone.
pub(crate) fn key_span(ws: &Workspace, node: NodeRef) -> Span {
    let tree = ws.tree(node.doc);
    tree.key_span(node.node)
        .unwrap_or_else(|| tree.span(node.node))
}

/// A name lowercased with everything but letters and digits removed: `page_size`,
/// `pageSize`, `page-size` and `page[size]` all become `pagesize`.
pub(crate) fn normalize_name(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The request body schemas of `op` as written (3.x `requestBody` media types; 2.0 the
/// `schema` of its `in: body` parameter).
pub(crate) fn request_body_schemas(
    ws: &Workspace,
    api: &apiward_spec::model::Api,
    op: &apiward_spec::model::Operation,
) -> Vec<NodeRef> {
    let mut out = Vec::new();
    if api.version == apiward_spec::model::SpecVersion::Swagger2 {
        for &p in &op.parameters {
            if ws.get_str(p, "in") == Some("body") {
                out.extend(ws.get(p, "schema"));
            }
        }
    } else if let Some(content) = op.request_body.and_then(|b| ws.get(b, "content")) {
        for (_, media) in ws.entries(content) {
            out.extend(ws.get(media, "schema"));
        }
    }
    out
}

/// Schemas of the requests (`request: true`: parameters and bodies) or of the responses of
/// `ops`, and every schema they contain (properties, items, compositions), dereferenced. One
/// walk for all the operations: shared schemas are visited once.
pub(crate) fn reach<'a>(
    ws: &Workspace,
    api: &apiward_spec::model::Api,
    ops: impl IntoIterator<Item = &'a apiward_spec::model::Operation>,
    request: bool,
) -> std::collections::HashSet<NodeRef> {
    reach_until(ws, api, ops, request, |_| false)
}

/// [`reach`], not entering (nor keeping) the schemas `stop` says (`readOnly` ones: what a
/// client writes).
pub(crate) fn reach_until<'a>(
    ws: &Workspace,
    api: &apiward_spec::model::Api,
    ops: impl IntoIterator<Item = &'a apiward_spec::model::Operation>,
    request: bool,
    stop: impl Fn(NodeRef) -> bool,
) -> std::collections::HashSet<NodeRef> {
    let swagger = api.version == apiward_spec::model::SpecVersion::Swagger2;
    let mut stack: Vec<NodeRef> = Vec::new();
    let push_media = |holder: NodeRef, stack: &mut Vec<NodeRef>| {
        if let Some(s) = ws.get(holder, "schema") {
            stack.push(s);
        }
        if let Some(content) = ws.get(holder, "content") {
            for (_, media) in ws.entries(content) {
                if let Some(s) = ws.get(media, "schema") {
                    stack.push(s);
                }
            }
        }
    };
    for op in ops {
        if request {
            for p in &op.parameters {
                if swagger && ws.get_str(*p, "in") != Some("body") {
                    stack.push(*p);
                }
                push_media(*p, &mut stack);
            }
            if let (Some(body), false) = (op.request_body, swagger) {
                push_media(body, &mut stack);
            }
        } else {
            for (_, resp) in &op.responses {
                push_media(*resp, &mut stack);
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    while let Some(n) = stack.pop() {
        let n = ws.deref(n);
        if !matches!(ws.value(n), Value::Map(_)) || stop(n) || !seen.insert(n) {
            continue;
        }
        apiward_spec::model::subschemas(ws, n, |k, c| {
            if apiward_spec::model::holds(k) {
                stack.push(c);
            }
        });
    }
    seen
}

/// The entries of `schema`'s `properties`: name, the span of the name, and the property
/// node as written (not dereferenced, so that findings sit in the properties map).
pub(crate) fn properties(ws: &Workspace, schema: NodeRef) -> Vec<(String, Span, NodeRef)> {
    let Some(props) = ws.get(schema, "properties") else {
        return Vec::new();
    };
    let tree = ws.tree(props.doc);
    tree.as_map(props.node)
        .map(|entries| {
            entries
                .iter()
                .map(|e| {
                    (
                        e.key.to_string(),
                        e.key_span,
                        NodeRef {
                            doc: props.doc,
                            node: e.value,
                        },
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The words of an identifier, lowercased: `snake_case`, `kebab-case`, `dot.case`,
/// `camelCase` and `HTTPHeader`-style acronyms are split (`X-API-Key` → `x api key`,
/// `pageToken` → `page token`, `APIKey` → `api key`).
pub(crate) fn words(name: &str) -> Vec<String> {
    apiward_source::identifier_words(name)
}
