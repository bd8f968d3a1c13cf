//! `missing-500-response`: operations that describe no response for a server error.

use super::missing_401_response::{has_response, op_name, responses_at};
use crate::checks::SpecRule;
use crate::{Context, Finding, Rule};

pub(crate) struct Missing500Response;

impl SpecRule for Missing500Response {
    const RULE: Rule = Rule::Missing500Response;

    fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
        for op in &cx.api.operations {
            if has_response(op, &["500", "5XX", "default"]) {
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

    const PASS: &[&str] = &[r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    get:
      responses:
        "200": {description: ok}
        "500": {description: server error}
    post:
      responses:
        "201": {description: created}
        5XX: {description: server error}
    put:
      responses:
        "200": {description: ok}
        default: {description: error}
"#];

    const FAIL: &[&str] = &[
        r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    get:
      responses:
        "200": {description: ok}
        "400": {description: bad request}
"#,
        r#"
swagger: "2.0"
info: {title: t, version: "1"}
paths:
  /a:
    get:
      responses: {"200": {description: ok}}
"#,
    ];

    #[test]
    fn missing_500_response() {
        insta::assert_snapshot!(test_rule(Rule::Missing500Response, PASS, FAIL));
    }
}
