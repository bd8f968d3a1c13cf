//! `unbounded-integer`: integers accepted in requests without a minimum and a maximum.

use std::collections::HashSet;

use apiward_spec::load::{NodeRef, Workspace};
use apiward_spec::model::{bound, bounds, SpecVersion};
use apiward_spec::tree::Value;

use super::shared::{entry_span, read_only, type_node};
use crate::checks::SpecRule;
use crate::{Context, Finding, Rule};

/// Whether the schema bounds its instances from below: `minimum`, a numeric
/// `exclusiveMinimum` (3.1), `enum` or `const`.
fn has_lower_bound(ws: &Workspace, schema: NodeRef) -> bool {
    let has = |k: &str| ws.get(schema, k).is_some();
    has("minimum")
        || has("enum")
        || has("const")
        || ws
            .get(schema, "exclusiveMinimum")
            .is_some_and(|v| matches!(ws.value(v), Value::Number(_)))
}

/// Schemas of path parameters: identifiers, looked up rather than iterated over.
pub(super) fn path_parameter_schemas(cx: &Context<'_>) -> HashSet<NodeRef> {
    let ws = cx.ws;
    let mut out = HashSet::new();
    for op in &cx.api.operations {
        for p in &op.parameters {
            if ws.get_str(*p, "in") != Some("path") {
                continue;
            }
            if cx.api.version == SpecVersion::Swagger2 {
                out.insert(*p);
            } else if let Some(s) = ws.get(*p, "schema") {
                out.insert(s);
            }
        }
    }
    out
}

pub(crate) struct UnboundedInteger;

impl SpecRule for UnboundedInteger {
    const RULE: Rule = Rule::UnboundedInteger;

    fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
        let ws = cx.ws;
        let path_params = path_parameter_schemas(cx);
        let mut found: Vec<(NodeRef, NodeRef)> = cx
            .api
            .schemas
            .iter()
            // A maximum given by an enclosing allOf/anyOf/oneOf for every use: the context
            // sets the range, not this schema.
            .filter(|(_, u)| u.input && u.input_unbounded(bound::NUMBER))
            .filter(|(s, _)| !path_params.contains(*s))
            .filter_map(|(schema, _)| type_node(ws, *schema, "integer").map(|ty| (*schema, ty)))
            .collect();
        found.sort();
        for (schema, ty) in found {
            if read_only(ws, schema) {
                continue;
            }
            let max = bounds(ws, schema) & bound::NUMBER != 0;
            let min = has_lower_bound(ws, schema);
            let missing = match (min, max) {
                (true, true) => continue,
                (false, true) => "`minimum`",
                (true, false) => "`maximum`",
                (false, false) => "`minimum` and no `maximum`",
            };
            out.push(Finding {
                cap: None,
                at: schema,
                span: entry_span(ws, ty),
                message: cx.message(&[("missing", missing)]),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::tester::test_rule;
    use crate::Rule;

    const PASS: &[&str] = &[
        // Both bounds (3.1 exclusive numbers count), enum, const, read-only, path ids.
        r#"
openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /a/{id}:
    post:
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
        - {name: n, in: query, schema: {type: integer, minimum: 1, maximum: 100}}
        - {name: m, in: query, schema: {type: [integer, "null"], exclusiveMinimum: 0, exclusiveMaximum: 10}}
        - {name: level, in: query, schema: {type: integer, enum: [1, 2, 3]}}
        - {name: one, in: query, schema: {type: integer, const: 1}}
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                version: {type: integer, readOnly: true}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {total: {type: integer}}}
"#,
        // The range comes from allOf; Swagger 2.0 parameters carry it themselves.
        r##"
swagger: "2.0"
info: {title: t, version: "1"}
paths:
  /a:
    post:
      parameters:
        - {name: n, in: query, type: integer, minimum: 0, maximum: 9}
        - name: body
          in: body
          schema:
            allOf:
              - {$ref: "#/definitions/Qty"}
              - {minimum: 1, maximum: 99}
      responses: {"200": {description: ok}}
definitions:
  Qty: {type: integer}
"##,
    ];

    const FAIL: &[&str] = &[
        r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /orders:
    post:
      parameters:
        - {name: offset, in: query, schema: {type: integer, minimum: 0}}
        - {name: depth, in: query, schema: {type: integer, format: int32, maximum: 5}}
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                quantity:
                  type: integer
      responses: {"201": {description: created}}
"#,
        // Swagger 2.0 parameters and 3.1 type lists.
        r#"
swagger: "2.0"
info: {title: t, version: "1"}
paths:
  /a:
    get:
      parameters:
        - {name: n, in: query, type: integer}
      responses: {"200": {description: ok}}
"#,
        r#"
openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /a:
    get:
      parameters:
        - {name: n, in: header, schema: {type: [integer, "null"], exclusiveMinimum: 0}}
      responses: {"200": {description: ok}}
"#,
    ];

    #[test]
    fn unbounded_integer() {
        insta::assert_snapshot!(test_rule(Rule::UnboundedInteger, PASS, FAIL));
    }
}
