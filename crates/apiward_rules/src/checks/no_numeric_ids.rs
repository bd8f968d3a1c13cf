//! `no-numeric-ids`: path parameters that identify objects with integers, which are
//! usually sequential and so can be enumerated.

use std::collections::HashSet;

use apiward_spec::load::NodeRef;
use apiward_spec::model::SpecVersion;
use apiward_spec::tree::Value;

use super::shared::{is_true, properties, request_body_schemas, words};
use crate::checks::SpecRule;
use crate::{Context, Finding, Rule};

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

/// The `type` node of a schema (`$ref`s followed) when it says `integer`.
fn integer_type(ws: &apiward_spec::load::Workspace, schema: NodeRef) -> Option<NodeRef> {
    let t = ws.get_raw(ws.deref(schema), "type")?;
    is_integer_type(ws.value(t), ws, t).then_some(t)
}

/// Whether `name` is listed in `schema`'s `required`.
fn required_in(ws: &apiward_spec::load::Workspace, schema: NodeRef, name: &str) -> bool {
    ws.get(schema, "required")
        .is_some_and(|r| ws.items(r).any(|i| ws.as_str(i) == Some(name)))
}

pub(crate) struct NoNumericIds;

impl SpecRule for NoNumericIds {
    const RULE: Rule = Rule::NoNumericIds;

    fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
        let ws = cx.ws;
        let mut seen: HashSet<NodeRef> = HashSet::new();
        let mut report = |t: NodeRef, what: &str, name: &str, out: &mut Vec<Finding>| {
            if !seen.insert(t) {
                return;
            }
            let tree = ws.tree(t.doc);
            let span = tree.span(t.node);
            let span = tree.key_span(t.node).map_or(span, |k| k.cover(span));
            out.push(Finding {
                cap: None,
                at: t,
                span,
                message: cx.message(&[("what", what), ("name", name)]),
            });
        };
        for op in &cx.api.operations {
            let mut path_id = false;
            for &p in &op.parameters {
                let place = ws.get_str(p, "in");
                let Some(name) = ws.get_str(p, "name") else {
                    continue;
                };
                if !is_id_name(name) {
                    continue;
                }
                let what = match place {
                    Some("path") => {
                        path_id = true;
                        "path parameter"
                    }
                    // A required id in the query names the one object the operation is
                    // about (`GET /report?report_id=7`); an optional one filters a list.
                    Some("query") if is_true(ws, p, "required") => "query parameter",
                    _ => continue,
                };
                let schema = if cx.api.version == SpecVersion::Swagger2 {
                    Some(p)
                } else {
                    ws.get(p, "schema")
                };
                if let Some(t) = schema.and_then(|s| integer_type(ws, s)) {
                    report(t, what, name, out);
                }
            }
            // A body that names the object to act on (`POST /orders/cancel` with a required
            // `order_id`), when the path names none.
            if path_id || op.path.contains('{') {
                continue;
            }
            for schema in request_body_schemas(ws, cx.api, op) {
                let schema = ws.deref(schema);
                for (name, _, prop) in properties(ws, schema) {
                    if !is_id_name(&name) || !required_in(ws, schema, &name) {
                        continue;
                    }
                    if let Some(t) = integer_type(ws, prop) {
                        report(t, "request body property", &name, out);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_id_name;
    use crate::tester::test_rule;
    use crate::Rule;

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
        r#"
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
"#,
        r#"
swagger: "2.0"
info: {title: t, version: "1"}
paths:
  /pets/{petId}:
    get:
      parameters:
        - {name: petId, in: path, required: true, type: string}
      responses: {"200": {description: ok}}
"#,
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
        r#"
swagger: "2.0"
info: {title: t, version: "1"}
paths:
  /pets/{petId}:
    get:
      parameters:
        - {name: petId, in: path, required: true, type: integer, format: int64}
      responses: {"200": {description: ok}}
"#,
        // An id outside the path that names the object acted on: a required query
        // parameter, a required body property when the path names none.
        r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /report:
    get:
      parameters:
        - {name: report_id, in: query, required: true, schema: {type: integer}}
        - {name: owner_id, in: query, schema: {type: integer}}
      responses: {"200": {description: ok}}
  /orders/cancel:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Cancel"}
      responses: {"200": {description: ok}}
  /orders/{uuid}/notes:
    post:
      parameters:
        - {name: uuid, in: path, required: true, schema: {type: string}}
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [author_id]
              properties:
                author_id: {type: integer}
      responses: {"200": {description: ok}}
components:
  schemas:
    Cancel:
      type: object
      required: [orderId, reason_code]
      properties:
        orderId: {type: integer, format: int64}
        reason_code: {type: integer}
        shop_id: {type: integer}
"##,
    ];

    #[test]
    fn no_numeric_ids() {
        insta::assert_snapshot!(test_rule(Rule::NoNumericIds, PASS, FAIL));
    }
}
