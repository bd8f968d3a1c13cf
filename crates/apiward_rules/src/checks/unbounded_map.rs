//! `unbounded-map`: request objects that accept any number of extra keys (a map) without
//! `maxProperties`.

use apiward_spec::load::NodeRef;
use apiward_spec::tree::Value;

use super::mass_assignment::{is_object, open_entry};
use super::shared::{entry_span, read_only};
use crate::checks::SpecRule;
use crate::{Context, Finding, Rule};

pub(crate) struct UnboundedMap;

impl SpecRule for UnboundedMap {
    const RULE: Rule = Rule::UnboundedMap;

    fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
        let ws = cx.ws;
        let mut found: Vec<(NodeRef, NodeRef, &str)> = Vec::new();
        for (schema, usage) in &cx.api.schemas {
            let s = *schema;
            if !usage.input || !is_object(ws, s) || read_only(ws, s) {
                continue;
            }
            if ["maxProperties", "enum", "const"]
                .iter()
                .any(|k| ws.get(s, k).is_some())
            {
                continue;
            }
            let declares = ws
                .get(s, "properties")
                .is_some_and(|p| ws.entries(p).next().is_some());
            if declares && open_entry(ws, s).is_some() {
                continue; // mass-assignment's
            }
            let extra = ["additionalProperties", "unevaluatedProperties"]
                .into_iter()
                .find_map(|key| {
                    let v = ws.get_raw(s, key)?;
                    let allows = match ws.value(ws.deref(v)) {
                        Value::Bool(b) => *b,
                        Value::Map(_) => true,
                        _ => false,
                    };
                    allows.then_some((v, key))
                });
            if let Some((v, key)) = extra {
                found.push((s, v, key));
            }
        }
        found.sort();
        for (schema, value, key) in found {
            out.push(Finding {
                cap: None,
                at: schema,
                span: entry_span(ws, value),
                message: cx.message(&[("key", key)]),
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
      requestBody:
        content:
          application/json:
            schema:
              type: object
              additionalProperties: false
              properties:
                labels:
                  type: object
                  maxProperties: 20
                  additionalProperties: {type: string, maxLength: 9}
                closed:
                  type: object
                  properties: {a: {type: string}}
                  unevaluatedProperties: false
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: object, additionalProperties: {type: string}}
"#];

    const FAIL: &[&str] = &[
        r#"
openapi: 3.0.3
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
                labels:
                  type: object
                  additionalProperties: {type: string, maxLength: 9}
                metadata: {type: object, additionalProperties: true}
      responses: {"200": {description: ok}}
"#,
        r#"
openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /a:
    get:
      parameters:
        - name: filter
          in: query
          style: deepObject
          schema:
            type: object
            unevaluatedProperties: {type: string, maxLength: 9}
      responses: {"200": {description: ok}}
"#,
    ];

    #[test]
    fn unbounded_map() {
        insta::assert_snapshot!(test_rule(Rule::UnboundedMap, PASS, FAIL));
    }
}
