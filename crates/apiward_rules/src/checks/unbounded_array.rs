//! `unbounded-array`: arrays accepted in requests without a maximum number of items.

use apiward_spec::load::NodeRef;
use apiward_spec::model::{bound, bounds};

use super::shared::{entry_span, read_only, type_node};
use crate::checks::SpecRule;
use crate::{Context, Finding, Rule};

pub(crate) struct UnboundedArray;

impl SpecRule for UnboundedArray {
    const RULE: Rule = Rule::UnboundedArray;

    fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
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
            if bounds(ws, schema) & bound::ARRAY != 0 || read_only(ws, schema) {
                continue;
            }
            out.push(Finding {
                cap: None,
                at: schema,
                span: entry_span(ws, ty),
                message: cx.message(&[]),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::tester::test_rule;
    use crate::Rule;

    const PASS: &[&str] = &[
        // Bounded by maxItems, enum; read-only arrays are never sent.
        r#"
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
"#,
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
        r#"
swagger: "2.0"
info: {title: t, version: "1"}
paths:
  /a:
    get:
      parameters:
        - {name: ids, in: query, type: array, maxItems: 10, items: {type: integer}}
      responses: {"200": {description: ok}}
"#,
        // A set of values from an enum (inline, by `$ref`, through `allOf`), of booleans:
        // no more items than the enum has values.
        r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /reports:
    get:
      parameters:
        - {name: fields, in: query, schema: {type: array, uniqueItems: true, items: {type: string, enum: [name, size]}}}
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                include: {type: array, uniqueItems: true, items: {$ref: "#/components/schemas/Part"}}
                sections:
                  type: array
                  uniqueItems: true
                  items: {allOf: [{$ref: "#/components/schemas/Part"}], nullable: true}
                flags: {type: array, uniqueItems: true, items: {type: boolean}}
      responses: {"200": {description: ok}}
components:
  schemas:
    Part: {type: string, enum: [header, body, footer]}
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
        r#"
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
"#,
        // 3.1 type lists.
        r#"
openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /a:
    get:
      parameters:
        - {name: ids, in: query, schema: {type: [array, "null"], items: {type: integer}}}
      responses: {"200": {description: ok}}
"#,
        // Unique but of an open set; of an enum but repeatable.
        r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    get:
      parameters:
        - {name: tags, in: query, schema: {type: array, uniqueItems: true, items: {type: string, maxLength: 9}}}
        - {name: kinds, in: query, schema: {type: array, items: {type: string, enum: [a, b]}}}
        - {name: any, in: query, schema: {type: array, uniqueItems: true, items: {anyOf: [{enum: [a]}, {type: string}]}}}
      responses: {"200": {description: ok}}
"#,
    ];

    #[test]
    fn unbounded_array() {
        insta::assert_snapshot!(test_rule(Rule::UnboundedArray, PASS, FAIL));
    }
}
