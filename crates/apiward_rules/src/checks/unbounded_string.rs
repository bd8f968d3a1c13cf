//! `unbounded-string`: strings accepted in requests without a maximum length.

use apiward_spec::load::NodeRef;
use apiward_spec::model::{bound, bounds_string};

use super::shared::{entry_span, read_only, type_node};
use crate::checks::SpecRule;
use crate::{Context, Finding, Rule};

pub(crate) struct UnboundedString;

impl SpecRule for UnboundedString {
    const RULE: Rule = Rule::UnboundedString;

    fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
        let ws = cx.ws;
        let mut found: Vec<(NodeRef, NodeRef)> = cx
            .api
            .schemas
            .iter()
            .filter(|(_, u)| u.input_unbounded(bound::STRING))
            .filter_map(|(schema, _)| type_node(ws, *schema, "string").map(|ty| (*schema, ty)))
            .collect();
        found.sort();
        for (schema, ty) in found {
            if bounds_string(ws, schema) {
                continue;
            }
            if read_only(ws, schema) {
                continue; // never sent by clients
            }
            if matches!(ws.get_str(schema, "format"), Some("binary" | "byte")) {
                continue; // uploads: a rule of their own
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
    use crate::tester::{run, test_rule};
    use crate::Rule;

    const PASS: &[&str] = &[
        // Bounded by maxLength, enum, const, fixed-length format, bounded pattern.
        r#"
openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /a:
    post:
      parameters:
        - {name: q, in: query, schema: {type: string, maxLength: 50}}
        - {name: sort, in: query, schema: {type: string, enum: [asc, desc]}}
        - {name: since, in: query, schema: {type: string, format: date-time}}
        - {name: id, in: path, required: true, schema: {type: string, format: uuid}}
        - {name: code, in: query, schema: {type: string, pattern: "^[A-Z]{2,3}$"}}
        - {name: kind, in: query, schema: {const: a, type: string}}
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                name: {type: [string, "null"], maxLength: 20}
                id: {type: string, readOnly: true}
                etag: {type: string, description: "Output only. Set by the server."}
                state: {type: string, description: "[Output Only] The state."}
                owner: {type: string, description: "Read-only: the creator."}
      responses: {"200": {description: ok}}
"#,
        // Response-only strings are not input.
        r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Out"}
components:
  schemas:
    Out:
      type: object
      properties:
        text: {type: string}
    Unused: {type: string}
"##,
        // A bound added through allOf counts.
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
              type: object
              properties:
                name:
                  allOf:
                    - {$ref: "#/components/schemas/Name"}
                    - {maxLength: 64}
      responses: {"200": {description: ok}}
components:
  schemas:
    Name: {type: string}
"##,
        // Swagger 2.0 parameters carry the bound themselves.
        r#"
swagger: "2.0"
info: {title: t, version: "1"}
paths:
  /a:
    get:
      parameters:
        - {name: q, in: query, type: string, maxLength: 10}
      responses: {"200": {description: ok}}
"#,
        // Strings in the request's head (path, query, header, cookie parameters, also the
        // items of a query array and a 2.0 query parameter): the server's limit on the
        // request line and headers caps them.
        r##"
openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /search/{scope}:
    get:
      parameters:
        - {name: scope, in: path, required: true, schema: {type: string}}
        - {name: q, in: query, schema: {type: [string, "null"]}}
        - {name: tags, in: query, schema: {type: array, maxItems: 5, items: {type: string}}}
        - {name: X-Workspace, in: header, schema: {$ref: "#/components/schemas/Name"}}
        - {name: session, in: cookie, schema: {type: string}}
      responses: {"200": {description: ok}}
components:
  schemas:
    Name: {type: string}
"##,
        r#"
swagger: "2.0"
info: {title: t, version: "1"}
paths:
  /a:
    get:
      parameters:
        - {name: q, in: query, type: string}
      responses: {"200": {description: ok}}
"#,
    ];

    const FAIL: &[&str] = &[
        // A schema a header parameter and a body share: the body is not capped.
        r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /search:
    post:
      parameters:
        - {name: X-Name, in: header, schema: {$ref: "#/components/schemas/Name"}}
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                name: {$ref: "#/components/schemas/Name"}
      responses: {"200": {description: ok}}
components:
  schemas:
    Name: {type: string}
"##,
        // Used in a request and a response: reported once, at the definition.
        r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /users:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/User"}
      responses:
        "201":
          description: created
          content:
            application/json:
              schema: {$ref: "#/components/schemas/User"}
    put:
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/User"}
      responses: {"200": {description: ok}}
components:
  schemas:
    User:
      type: object
      properties:
        name:
          type: string
        email: {type: string, maxLength: 254}
"##,
        // Swagger 2.0 form and body parameters.
        r#"
swagger: "2.0"
info: {title: t, version: "1"}
paths:
  /a:
    post:
      parameters:
        - {name: q, in: formData, type: string}
        - name: body
          in: body
          schema:
            type: object
            properties:
              note: {type: string}
      responses: {"200": {description: ok}}
"#,
        // 3.1 type lists.
        r#"
openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /a:
    post:
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {q: {type: [string, "null"]}}}
      responses: {"200": {description: ok}}
"#,
    ];

    #[test]
    fn unbounded_string() {
        insta::assert_snapshot!(test_rule(Rule::UnboundedString, PASS, FAIL));
    }

    #[test]
    fn findings_live_in_the_file_that_defines_the_schema() {
        let api = r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: "schemas/thing.yaml#/Thing"}
      responses: {"200": {description: ok}}
"#;
        let thing = "Thing:\n  type: object\n  properties:\n    label:\n      type: string\n";
        let found = run(
            Rule::UnboundedString,
            &[("api/openapi.yaml", api), ("api/schemas/thing.yaml", thing)],
        );
        assert_eq!(
            found,
            ["api/schemas/thing.yaml:5:7-5:19 /Thing/properties/label: [unbounded-string] string accepted in requests has no `maxLength`"]
        );
    }
}
