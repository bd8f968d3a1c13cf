//! `no-numeric-ids`: path parameters that identify objects with integers, which are
//! usually sequential and so can be enumerated.

use std::collections::HashSet;

use apiward_spec::load::NodeRef;
use apiward_spec::model::SpecVersion;
use apiward_spec::tree::Value;

use super::shared::words;
use crate::{Context, Finding};

/// Lowercase words ending in `id` that are not identifiers.
const NOT_IDS: &[&str] = &[
    "uuid", "guid", "paid", "valid", "invalid", "void", "grid", "android", "hybrid", "fluid",
    "liquid", "solid", "rapid", "raid", "said", "avoid", "squid", "pyramid", "acid", "bid", "kid",
    "lid", "mid", "rid", "vid", "did", "hid", "aid", "maid", "plaid", "period",
];

/// Whether a parameter name names an identifier: `id`, `user_id`, `userId`, `user-id`,
/// `userID`, or a run-together `userid`.
pub(crate) fn is_id_name(name: &str) -> bool {
    let w = words(name);
    match w.last() {
        Some(last) if last == "id" => true,
        Some(last) if w.len() == 1 => {
            last.len() > 2 && last.ends_with("id") && !NOT_IDS.contains(&last.as_str())
        }
        _ => false,
    }
}

/// Whether a `type` value is `integer` (or, in 3.1, a list of `integer` and `null`).
fn is_integer_type(v: &Value, ws: &apiward_spec::load::Workspace, t: NodeRef) -> bool {
    match v {
        Value::String(s) => s == "integer",
        Value::Seq(_) => {
            let kinds: Vec<&str> = ws.items(t).filter_map(|i| ws.as_str(i)).collect();
            kinds.contains(&"integer") && kinds.iter().all(|k| *k == "integer" || *k == "null")
        }
        _ => false,
    }
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ws = cx.ws;
    let mut seen: HashSet<NodeRef> = HashSet::new();
    for op in &cx.api.operations {
        for &p in &op.parameters {
            if ws.get_str(p, "in") != Some("path") {
                continue;
            }
            let Some(name) = ws.get_str(p, "name") else {
                continue;
            };
            if !is_id_name(name) {
                continue;
            }
            let schema = if cx.api.version == SpecVersion::Swagger2 {
                Some(p)
            } else {
                ws.get(p, "schema")
            };
            let Some(schema) = schema else { continue };
            let Some(t) = ws.get_raw(schema, "type") else {
                continue;
            };
            if !is_integer_type(ws.value(t), ws, t) || !seen.insert(t) {
                continue;
            }
            let tree = ws.tree(t.doc);
            let span = tree.span(t.node);
            let span = tree.key_span(t.node).map_or(span, |k| k.cover(span));
            out.push(Finding {
                cap: None,
                at: t,
                span,
                message: cx.message(&[("name", name)]),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_id_name;
    use crate::tester::test_rule;

    #[test]
    fn id_names() {
        for yes in [
            "id", "ID", "user_id", "userId", "userID", "user-id", "orderid",
        ] {
            assert!(is_id_name(yes), "{yes}");
        }
        for no in [
            "paid",
            "valid",
            "uuid",
            "idempotency",
            "width",
            "page",
            "version",
        ] {
            assert!(!is_id_name(no), "{no}");
        }
    }

    const PASS: &[&str] = &[
        // String and UUID ids; integers that are not ids; integer ids outside the path.
        r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /users/{userId}/posts/{page}:
    get:
      parameters:
        - {name: userId, in: path, required: true, schema: {type: string, format: uuid}}
        - {name: page, in: path, required: true, schema: {type: integer}}
        - {name: parent_id, in: query, schema: {type: integer}}
      responses: {"200": {description: ok}}
  /orders/{id}:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses: {"200": {description: ok}}
"##,
        r##"
swagger: "2.0"
info: {title: t, version: "1"}
paths:
  /pets/{petId}:
    get:
      parameters:
        - {name: petId, in: path, required: true, type: string}
      responses: {"200": {description: ok}}
"##,
    ];

    const FAIL: &[&str] = &[
        // Reported once at a shared schema, and at each inline integer id.
        r##"
openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /users/{user_id}:
    parameters:
      - {name: user_id, in: path, required: true, schema: {$ref: "#/components/schemas/Id"}}
    get:
      responses: {"200": {description: ok}}
    delete:
      responses: {"204": {description: gone}}
  /orders/{orderId}:
    get:
      parameters:
        - name: orderId
          in: path
          required: true
          schema:
            type: [integer, "null"]
            format: int64
      responses: {"200": {description: ok}}
components:
  schemas:
    Id: {type: integer, format: int64}
"##,
        r##"
swagger: "2.0"
info: {title: t, version: "1"}
paths:
  /pets/{petId}:
    get:
      parameters:
        - {name: petId, in: path, required: true, type: integer, format: int64}
      responses: {"200": {description: ok}}
"##,
    ];

    #[test]
    fn no_numeric_ids() {
        insta::assert_snapshot!(test_rule("no-numeric-ids", PASS, FAIL));
    }
}
