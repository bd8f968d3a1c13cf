//! `mass-assignment`: request objects that declare their properties and explicitly accept
//! any other property too.

use apiward_spec::load::{NodeRef, Workspace};
use apiward_spec::tree::Value;

use super::shared::{entry_span, read_only, type_node};
use crate::checks::SpecRule;
use crate::{Context, Finding, Rule};

/// `additionalProperties` / `unevaluatedProperties` entry of `schema` that lets any
/// undeclared property through: `true` or the empty schema `{}`.
pub(super) fn open_entry(ws: &Workspace, schema: NodeRef) -> Option<(NodeRef, &'static str)> {
    ["additionalProperties", "unevaluatedProperties"]
        .into_iter()
        .find_map(|key| {
            let v = ws.get_raw(schema, key)?;
            let open = match ws.value(v) {
                Value::Bool(b) => *b,
                Value::Map(m) => m.is_empty(),
                _ => false,
            };
            open.then_some((v, key))
        })
}

/// Whether `schema` describes an object: `type: object` (or a 3.1 list with it), or no
/// type and object keywords.
pub(super) fn is_object(ws: &Workspace, schema: NodeRef) -> bool {
    type_node(ws, schema, "object").is_some()
        || (ws.get_raw(schema, "type").is_none()
            && (ws.get(schema, "properties").is_some()
                || ws.get(schema, "additionalProperties").is_some()))
}

/// Whether the schema's description says it holds whatever the client chooses ("a JSON
/// object containing arbitrary data attached to a device", "free-form", "any other
/// properties"), or that it is passed on to another component as it is ("passed through
/// to the scorer", "forwarded as is"; not "applied verbatim to the record", which is the
/// danger itself): its openness is its contract, and the fields the server owns live
/// elsewhere.
/// "Arbitrary" as it is often misspelled too (`arbritrary`, `arbitary`).
fn says_free_form(ws: &Workspace, schema: NodeRef) -> bool {
    ws.get_str(schema, "description").is_some_and(|d| {
        let d = d.to_ascii_lowercase();
        let arbitrary = d
            .split(|c: char| !c.is_ascii_alphabetic())
            .any(|w| w.starts_with("arb") && (w.ends_with("ry") || w.ends_with("rily")));
        arbitrary
            || [
                "free-form",
                "freeform",
                "free form",
                "any other propert",
                "any additional propert",
                "passthrough",
                "pass-through",
                "passed through",
                "forwarded as is",
                "forwarded as-is",
            ]
            .iter()
            .any(|w| d.contains(w))
    })
}

pub(crate) struct MassAssignment;

impl SpecRule for MassAssignment {
    const RULE: Rule = Rule::MassAssignment;

    fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
        let ws = cx.ws;
        let mut found: Vec<(NodeRef, NodeRef, &str)> = cx
            .api
            .schemas
            .iter()
            .filter(|(_, u)| u.input)
            .filter(|(s, _)| is_object(ws, **s) && !read_only(ws, **s))
            .filter(|(s, _)| {
                ws.get(**s, "properties")
                    .is_some_and(|p| ws.entries(p).next().is_some())
            })
            .filter(|(s, _)| !says_free_form(ws, **s))
            .filter_map(|(s, _)| open_entry(ws, *s).map(|(v, k)| (*s, v, k)))
            .collect();
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

    const PASS: &[&str] = &[
        // Closed objects, typed maps (unbounded-map's), free-form bags without declared
        // properties, open objects only in responses, read-only objects.
        r#"
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
                name: {type: string, maxLength: 9}
                labels:
                  type: object
                  additionalProperties: {type: string, maxLength: 9}
                metadata: {type: object, additionalProperties: true}
                context:
                  type: object
                  description: The caller's context, passed through to the scorer.
                  properties: {region: {type: string, maxLength: 9}}
                  additionalProperties: true
                audit:
                  type: object
                  readOnly: true
                  properties: {by: {type: string}}
                  additionalProperties: true
                extra:
                  type: object
                  properties: {a: {type: string}}
                  unevaluatedProperties: false
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties: {id: {type: string}}
                additionalProperties: true
"#,
        // An object whose description says it holds whatever the client chooses.
        r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /devices:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              additionalProperties: false
              properties:
                spec:
                  type: object
                  description: A JSON object containing arbritrary data attached to a device.
                  additionalProperties: true
                  properties:
                    alias: {type: string, maxLength: 40}
      responses: {"200": {description: ok}}
"#,
        // Absent additionalProperties: open in JSON Schema, but a separate rule
        // (open-request-object) judges that.
        r#"
swagger: "2.0"
info: {title: t, version: "1"}
paths:
  /a:
    post:
      parameters:
        - name: body
          in: body
          schema:
            type: object
            properties: {name: {type: string}}
      responses: {"200": {description: ok}}
"#,
    ];

    const FAIL: &[&str] = &[
        r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /users/{id}:
    patch:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string, format: uuid}}
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/UserPatch"}
      responses: {"200": {description: ok}}
components:
  schemas:
    UserPatch:
      type: object
      description: Fields applied verbatim to the full internal user record.
      properties:
        name: {type: string, maxLength: 40}
      additionalProperties: true
"##,
        // 3.1 unevaluatedProperties, and the empty schema.
        r#"
openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /a:
    put:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties: {name: {type: string, maxLength: 40}}
              unevaluatedProperties: true
          application/merge-patch+json:
            schema:
              properties: {name: {type: string, maxLength: 40}}
              additionalProperties: {}
      responses: {"200": {description: ok}}
"#,
    ];

    #[test]
    fn mass_assignment() {
        insta::assert_snapshot!(test_rule(Rule::MassAssignment, PASS, FAIL));
    }
}
