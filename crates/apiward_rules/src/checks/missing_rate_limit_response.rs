//! `missing-rate-limit-response`: operations that document no 429 response.

use super::shared::key_span;
use crate::checks::SpecRule;
use crate::{Context, Finding, Rule};

pub(crate) struct MissingRateLimitResponse;

impl SpecRule for MissingRateLimitResponse {
    const RULE: Rule = Rule::MissingRateLimitResponse;

    fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
        let ws = cx.ws;
        for op in &cx.api.operations {
            if op.responses.iter().any(|(code, _)| code == "429") {
                continue;
            }
            // Underline `responses:` when the operation has it, else the method key.
            let span = match ws.get_raw(op.node, "responses") {
                Some(r) if r.doc == op.node.doc => key_span(ws, r),
                _ => key_span(ws, op.node),
            };
            let method = op.method.to_ascii_uppercase();
            out.push(Finding {
                cap: None,
                at: op.node,
                span,
                message: cx.message(&[("method", &method), ("path", &op.path)]),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::tester::test_rule;
    use crate::Rule;

    const PASS: &[&str] = &[r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    get:
      responses:
        "200": {description: ok}
        "429": {$ref: "#/components/responses/TooMany"}
components:
  responses:
    TooMany: {description: slow down}
"##];

    const FAIL: &[&str] = &[
        r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    get:
      responses:
        "200": {description: ok}
        4XX: {description: client error}
        default: {description: error}
"#,
        r#"
swagger: "2.0"
info: {title: t, version: "1"}
paths:
  /a:
    post:
      responses:
        "201": {description: created}
"#,
    ];

    #[test]
    fn missing_rate_limit_response() {
        insta::assert_snapshot!(test_rule(Rule::MissingRateLimitResponse, PASS, FAIL));
    }
}
