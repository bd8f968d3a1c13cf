//! `open-request-object`: request objects that declare their properties but do not close
//! the object (`additionalProperties` absent).

use apiward_spec::load::NodeRef;

use super::mass_assignment::is_object;
use super::shared::{key_span, read_only};
use crate::checks::SpecRule;
use crate::{Context, Finding, Rule};

pub(crate) struct OpenRequestObject;

impl SpecRule for OpenRequestObject {
    const RULE: Rule = Rule::OpenRequestObject;

    fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
        let ws = cx.ws;
        let mut found: Vec<(NodeRef, NodeRef)> = Vec::new();
        for (schema, usage) in &cx.api.schemas {
            let s = *schema;
            if !usage.input || !is_object(ws, s) || read_only(ws, s) {
                continue;
            }
            // Composed objects cannot be closed with additionalProperties in 3.0; their
            // members are judged on their own.
            let open = [
                "additionalProperties",
                "unevaluatedProperties",
                "allOf",
                "anyOf",
                "oneOf",
                "enum",
                "const",
            ]
            .iter()
            .all(|k| ws.get_raw(s, k).is_none());
            let Some(props) = ws.get_raw(s, "properties") else {
                continue;
            };
            if open && ws.entries(props).next().is_some() {
                found.push((s, props));
            }
        }
        found.sort();
        for (schema, props) in found {
            out.push(Finding {
                cap: None,
                at: schema,
                span: key_span(ws, props),
                message: cx.message(&[]),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::tester::test_rule;
    use crate::Rule;

    const PASS: &[&str] = &[r##"
openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /a:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              additionalProperties: false
              properties:
                composed:
                  allOf: [{$ref: "#/components/schemas/Base"}]
                  unevaluatedProperties: false
                free: {type: object}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {id: {type: string}}}
components:
  schemas:
    Base: {type: object, additionalProperties: false, properties: {a: {type: string}}}
"##];

    const FAIL: &[&str] = &[r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /users:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                name: {type: string, maxLength: 40}
      responses: {"201": {description: created}}
"#];

    #[test]
    fn open_request_object() {
        insta::assert_snapshot!(test_rule(Rule::OpenRequestObject, PASS, FAIL));
    }
}
