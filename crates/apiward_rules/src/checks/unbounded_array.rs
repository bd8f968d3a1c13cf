//! `unbounded-array`: arrays accepted in requests without a maximum number of items.
//!
//! Also home of the small schema helpers shared by the other input and data-exposure
//! checks (type tests, spans of entries, name normalisation).

use apiward_diagnostics::Span;
use apiward_spec::load::{NodeRef, Workspace};
use apiward_spec::model::{bound, bounds};
use apiward_spec::tree::Value;

use crate::{Context, Finding};

/// The `type` node of `schema` when it is `ty` or a 3.1 type list containing `ty`.
pub(super) fn type_node(ws: &Workspace, schema: NodeRef, ty: &str) -> Option<NodeRef> {
    let node = ws.get_raw(schema, "type")?;
    let matches = match ws.value(node) {
        Value::String(s) => &**s == ty,
        Value::Seq(_) => ws.items(node).any(|t| ws.as_str(t) == Some(ty)),
        _ => false,
    };
    matches.then_some(node)
}

/// Whether `schema` has `key: true`.
pub(super) fn is_true(ws: &Workspace, schema: NodeRef, key: &str) -> bool {
    ws.get(schema, key)
        .is_some_and(|v| matches!(ws.value(v), Value::Bool(true)))
}

/// The span of the entry holding `node` (`key: value`), or of the node alone.
pub(super) fn entry_span(ws: &Workspace, node: NodeRef) -> Span {
    let tree = ws.tree(node.doc);
    let span = tree.span(node.node);
    tree.key_span(node.node).map_or(span, |k| k.cover(span))
}

/// The span of the key under which `node` sits, or of the node alone.
pub(super) fn key_span(ws: &Workspace, node: NodeRef) -> Span {
    let tree = ws.tree(node.doc);
    tree.key_span(node.node)
        .unwrap_or_else(|| tree.span(node.node))
}

/// A name lowercased with everything but letters and digits removed: `page_size`,
/// `pageSize`, `page-size` and `page[size]` all become `pagesize`.
pub(super) fn normalize_name(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Schemas of a request (`request: true`: parameters and body) or of the responses of
/// `op`, and every schema they contain (properties, items, compositions), dereferenced.
pub(super) fn reach(
    ws: &Workspace,
    api: &apiward_spec::model::Api,
    op: &apiward_spec::model::Operation,
    request: bool,
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
    let mut seen = std::collections::HashSet::new();
    while let Some(n) = stack.pop() {
        let n = ws.deref(n);
        if !matches!(ws.value(n), Value::Map(_)) || !seen.insert(n) {
            continue;
        }
        for key in ["properties", "patternProperties"] {
            if let Some(m) = ws.get(n, key) {
                stack.extend(ws.entries(m).map(|(_, c)| c));
            }
        }
        for key in ["items", "additionalProperties", "unevaluatedProperties"] {
            if let Some(c) = ws.get(n, key) {
                match ws.value(c) {
                    Value::Seq(_) => stack.extend(ws.items(c)),
                    _ => stack.push(c),
                }
            }
        }
        for key in ["allOf", "anyOf", "oneOf", "prefixItems"] {
            if let Some(list) = ws.get(n, key) {
                stack.extend(ws.items(list));
            }
        }
    }
    seen
}

/// The entries of `schema`'s `properties`: name, the span of the name, and the property
/// node as written (not dereferenced, so that findings sit in the properties map).
pub(super) fn properties(ws: &Workspace, schema: NodeRef) -> Vec<(String, Span, NodeRef)> {
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

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ws = cx.ws;
    let mut found: Vec<(NodeRef, NodeRef)> = cx
        .api
        .schemas
        .iter()
        .filter(|(_, u)| u.input_unbounded(bound::ARRAY))
        .filter_map(|(schema, _)| type_node(ws, *schema, "array").map(|ty| (*schema, ty)))
        .collect();
    found.sort();
    for (schema, ty) in found {
        if bounds(ws, schema) & bound::ARRAY != 0 || is_true(ws, schema, "readOnly") {
            continue;
        }
        out.push(Finding {
            at: schema,
            span: entry_span(ws, ty),
            message: cx.message(&[]),
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::tester::test_rule;

    const PASS: &[&str] = &[
        // Bounded by maxItems, enum; read-only arrays are never sent.
        r##"
openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /a:
    post:
      parameters:
        - {name: ids, in: query, schema: {type: array, maxItems: 50, items: {type: integer}}}
        - {name: pair, in: query, schema: {type: array, enum: [[1, 2]]}}
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                tags: {type: [array, "null"], maxItems: 10, items: {type: string, maxLength: 5}}
                history: {type: array, readOnly: true, items: {type: string}}
      responses: {"200": {description: ok}}
"##,
        // Response-only arrays, and a bound added through allOf.
        r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    post:
      requestBody:
        content:
          application/json:
            schema:
              allOf:
                - {$ref: "#/components/schemas/Ids"}
                - {maxItems: 20}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: array, items: {type: integer}}
components:
  schemas:
    Ids: {type: array, items: {type: integer, maximum: 9}}
"##,
        // Swagger 2.0 parameters carry maxItems themselves.
        r##"
swagger: "2.0"
info: {title: t, version: "1"}
paths:
  /a:
    get:
      parameters:
        - {name: ids, in: query, type: array, maxItems: 10, items: {type: integer}}
      responses: {"200": {description: ok}}
"##,
    ];

    const FAIL: &[&str] = &[
        r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /orders:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Order"}
      responses:
        "201":
          description: created
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Order"}
    put:
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Order"}
      responses: {"200": {description: ok}}
components:
  schemas:
    Order:
      type: object
      properties:
        lines:
          type: array
          items: {type: string, maxLength: 10}
"##,
        // Swagger 2.0 query and body parameters.
        r##"
swagger: "2.0"
info: {title: t, version: "1"}
paths:
  /a:
    post:
      parameters:
        - {name: ids, in: query, type: array, items: {type: integer}}
        - name: body
          in: body
          schema:
            type: array
            items: {type: integer}
      responses: {"200": {description: ok}}
"##,
        // 3.1 type lists.
        r##"
openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /a:
    get:
      parameters:
        - {name: ids, in: query, schema: {type: [array, "null"], items: {type: integer}}}
      responses: {"200": {description: ok}}
"##,
    ];

    #[test]
    fn unbounded_array() {
        insta::assert_snapshot!(test_rule("unbounded-array", PASS, FAIL));
    }

    /// The bad example of each of these rules' files triggers it; the good one does not.
    #[test]
    fn rule_file_examples() {
        for id in [
            "integer-format",
            "mass-assignment",
            "missing-rate-limit-headers",
            "missing-rate-limit-response",
            "missing-retry-after",
            "open-request-object",
            "privileged-field-in-request",
            "sensitive-data-in-response",
            "unbounded-array",
            "unbounded-integer",
            "unbounded-map",
            "unbounded-page-size",
            "unbounded-upload",
        ] {
            let meta = crate::rule(id).unwrap();
            let tag = format!("[{id}]");
            let bad = crate::tester::run(id, &[("openapi.yaml", &meta.bad)]);
            assert!(
                bad.iter().any(|f| f.contains(&tag)),
                "{id}: bad example passes"
            );
            let good = crate::tester::run(id, &[("openapi.yaml", &meta.good)]);
            assert!(
                !good.iter().any(|f| f.contains(&tag)),
                "{id}: good example fails: {good:?}"
            );
        }
    }
}
