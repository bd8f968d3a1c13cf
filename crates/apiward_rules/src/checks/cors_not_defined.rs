//! `cors-not-defined`: operations none of whose responses declare an
//! `Access-Control-Allow-Origin` header.

use apiward_diagnostics::Span;
use apiward_spec::load::NodeRef;

use super::missing_401_response::{op_name, responses_at};
use crate::checks::SpecRule;
use crate::{Context, Finding, Rule};

/// The header `name` (compared without case) a response declares: the span of its key,
/// the header as written, and the header dereferenced.
pub(super) fn response_header(
    cx: &Context<'_>,
    response: NodeRef,
    name: &str,
) -> Option<(Span, NodeRef, NodeRef)> {
    let ws = cx.ws;
    let headers = ws.get(response, "headers")?;
    let tree = ws.tree(headers.doc);
    let e = tree
        .as_map(headers.node)?
        .iter()
        .find(|e| e.key.eq_ignore_ascii_case(name))?;
    let raw = NodeRef {
        doc: headers.doc,
        node: e.value,
    };
    Some((e.key_span, raw, ws.deref(raw)))
}

pub(crate) struct CorsNotDefined;

impl SpecRule for CorsNotDefined {
    const RULE: Rule = Rule::CorsNotDefined;

    fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
        for op in &cx.api.operations {
            let declared = op
                .responses
                .iter()
                .any(|(_, r)| response_header(cx, *r, "Access-Control-Allow-Origin").is_some());
            if declared {
                continue;
            }
            let (at, span) = responses_at(cx, op);
            out.push(Finding {
                cap: None,
                at,
                span,
                message: cx.message(&[("operation", &op_name(op))]),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::tester::test_rule;
    use crate::Rule;

    const PASS: &[&str] = &[
        r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    get:
      responses:
        "200":
          description: ok
          headers:
            Access-Control-Allow-Origin:
              schema: {type: string, enum: ["https://app.example.com"]}
        "404": {description: not found}
    post:
      responses:
        "201": {$ref: "#/components/responses/Created"}
components:
  responses:
    Created:
      description: created
      headers:
        access-control-allow-origin: {schema: {type: string}}
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
            Access-Control-Allow-Origin: {type: string}
"#,
    ];

    const FAIL: &[&str] = &[r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    get:
      responses:
        "200":
          description: ok
          headers:
            X-Request-Id: {schema: {type: string, format: uuid}}
    delete:
      responses:
        "204": {description: deleted}
"#];

    #[test]
    fn cors_not_defined() {
        insta::assert_snapshot!(test_rule(Rule::CorsNotDefined, PASS, FAIL));
    }
}
