//! `permissive-cors`: responses that let any origin (`*`, `null`, or the caller's own
//! origin echoed back) read them while also allowing credentials.

use std::collections::HashSet;

use apiward_spec::load::{NodeRef, Workspace};
use apiward_spec::tree::Value;

use super::cors_not_defined::response_header;
use crate::checks::SpecRule;
use crate::{Context, Finding, Rule};

/// The literal values a header declares: its schema's (or, in 2.0, its own) `enum`,
/// `const`, `default` and `example`, and the header's `example`/`examples`.
fn declared_values(ws: &Workspace, header: NodeRef) -> Vec<String> {
    let mut out = Vec::new();
    let scalar = |n: NodeRef, out: &mut Vec<String>| match ws.value(n) {
        Value::String(s) | Value::Number(s) => out.push(s.trim().to_ascii_lowercase()),
        Value::Bool(b) => out.push(b.to_string()),
        _ => {}
    };
    let mut holders = vec![header];
    holders.extend(ws.get(header, "schema"));
    for h in holders {
        for key in ["const", "default", "example", "x-example"] {
            if let Some(v) = ws.get(h, key) {
                scalar(v, &mut out);
            }
        }
        if let Some(list) = ws.get(h, "enum") {
            for v in ws.items(list) {
                scalar(v, &mut out);
            }
        }
    }
    if let Some(examples) = ws.get(header, "examples") {
        for (_, ex) in ws.entries(examples) {
            if let Some(v) = ws.get(ex, "value") {
                scalar(v, &mut out);
            }
        }
    }
    out
}

/// Whether the header's description says the request's `Origin` is sent back as is.
fn reflects_origin(ws: &Workspace, header: NodeRef) -> bool {
    let Some(d) = ws.get_str(header, "description") else {
        return false;
    };
    let d = d.to_ascii_lowercase();
    d.contains("origin")
        && [
            "reflect",
            "echo",
            "mirror",
            "copied from",
            "same as the request",
        ]
        .iter()
        .any(|w| d.contains(w))
}

pub(crate) struct PermissiveCors;

impl SpecRule for PermissiveCors {
    const RULE: Rule = Rule::PermissiveCors;

    fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
        let ws = cx.ws;
        let mut seen: HashSet<NodeRef> = HashSet::new();
        for op in &cx.api.operations {
            for (_, resp) in &op.responses {
                if !seen.insert(*resp) {
                    continue;
                }
                let Some((span, raw, origin)) =
                    response_header(cx, *resp, "Access-Control-Allow-Origin")
                else {
                    continue;
                };
                let credentials = response_header(cx, *resp, "Access-Control-Allow-Credentials")
                    .is_some_and(|(_, _, h)| declared_values(ws, h).iter().any(|v| v == "true"));
                if !credentials {
                    continue;
                }
                let values = declared_values(ws, origin);
                let what = if values.iter().any(|v| v == "*") {
                    "`*` (any origin)"
                } else if values.iter().any(|v| v == "null") {
                    "`null` (sandboxed and file: pages)"
                } else if reflects_origin(ws, origin) {
                    "the caller's own origin"
                } else {
                    continue;
                };
                out.push(Finding {
                    cap: None,
                    at: raw,
                    span,
                    message: cx.message(&[("origin", what)]),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::tester::test_rule;
    use crate::Rule;

    const PASS: &[&str] = &[
        // `*` without credentials (a public, cookie-less API), a fixed origin with
        // credentials, credentials false.
        r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /public:
    get:
      responses:
        "200":
          description: ok
          headers:
            Access-Control-Allow-Origin: {schema: {type: string, enum: ["*"]}}
  /account:
    get:
      responses:
        "200":
          description: ok
          headers:
            Access-Control-Allow-Origin: {schema: {type: string, enum: ["https://app.example.com"]}}
            Access-Control-Allow-Credentials: {schema: {type: boolean, enum: [true]}}
        "404":
          description: none
          headers:
            Access-Control-Allow-Origin: {schema: {type: string, example: "*"}}
            Access-Control-Allow-Credentials: {schema: {type: string, const: "false"}}
"#,
    ];

    const FAIL: &[&str] = &[
        r##"
openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /account:
    get:
      responses:
        "200":
          description: ok
          headers:
            Access-Control-Allow-Origin:
              schema: {type: string, default: "*"}
            Access-Control-Allow-Credentials:
              schema: {type: string, const: "true"}
        "400": {$ref: "#/components/responses/Bad"}
    put:
      responses:
        "400": {$ref: "#/components/responses/Bad"}
components:
  responses:
    Bad:
      description: bad
      headers:
        access-control-allow-origin:
          description: The Origin of the request, echoed back.
          schema: {type: string}
        access-control-allow-credentials:
          schema: {type: boolean}
          example: true
"##,
        r#"
swagger: "2.0"
info: {title: t, version: "1"}
paths:
  /a:
    get:
      responses:
        "200":
          description: ok
          headers:
            Access-Control-Allow-Origin: {type: string, enum: ["null"]}
            Access-Control-Allow-Credentials: {type: boolean, default: true}
"#,
    ];

    #[test]
    fn permissive_cors() {
        insta::assert_snapshot!(test_rule(Rule::PermissiveCors, PASS, FAIL));
    }
}
