//! `integer-format`: integers accepted in requests without `format: int32` or `int64`.

use apiward_spec::load::NodeRef;

use super::shared::{entry_span, read_only, type_node};
use crate::checks::SpecRule;
use crate::{Context, Finding, Rule};

pub(crate) struct IntegerFormat;

impl SpecRule for IntegerFormat {
    const RULE: Rule = Rule::IntegerFormat;

    fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
        let ws = cx.ws;
        let mut found: Vec<(NodeRef, NodeRef)> = cx
            .api
            .schemas
            .iter()
            .filter(|(_, u)| u.input)
            .filter_map(|(schema, _)| type_node(ws, *schema, "integer").map(|ty| (*schema, ty)))
            .collect();
        found.sort();
        for (schema, ty) in found {
            if ws.get(schema, "format").is_some()
                || ws.get(schema, "enum").is_some()
                || ws.get(schema, "const").is_some()
                || read_only(ws, schema)
            {
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

    const PASS: &[&str] = &[r#"
openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /a:
    post:
      parameters:
        - {name: n, in: query, schema: {type: integer, format: int32}}
        - {name: level, in: query, schema: {type: integer, enum: [1, 2]}}
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
"#];

    const FAIL: &[&str] = &[
        r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    get:
      parameters:
        - {name: n, in: query, schema: {type: integer, minimum: 0, maximum: 9}}
      responses: {"200": {description: ok}}
"#,
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
    ];

    #[test]
    fn integer_format() {
        insta::assert_snapshot!(test_rule(Rule::IntegerFormat, PASS, FAIL));
    }
}
