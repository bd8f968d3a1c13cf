//! `missing-validation-response`: operations that take input but describe no response for
//! input that fails validation.

use super::missing_401_response::{has_response, op_name, responses_at};
use crate::checks::SpecRule;
use crate::{Context, Finding, Rule};

pub(crate) struct MissingValidationResponse;

impl SpecRule for MissingValidationResponse {
    const RULE: Rule = Rule::MissingValidationResponse;

    fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
        for op in &cx.api.operations {
            let takes_input = !op.parameters.is_empty() || op.request_body.is_some();
            if !takes_input || has_response(op, &["400", "422", "4XX", "default"]) {
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
        // 400, 422, 4XX, default; an operation without input has nothing to validate.
        r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a/{id}:
    parameters:
      - {name: id, in: path, required: true, schema: {type: string, format: uuid}}
    get:
      responses:
        "200": {description: ok}
        "400": {description: bad request}
    put:
      requestBody:
        content:
          application/json:
            schema: {type: object}
      responses:
        "200": {description: ok}
        "422": {description: invalid}
    patch:
      responses:
        "200": {description: ok}
        4XX: {description: client error}
    delete:
      responses:
        "204": {description: deleted}
        default: {description: error}
  /health:
    get:
      responses: {"200": {description: ok}}
"#,
    ];

    const FAIL: &[&str] = &[
        r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a/{id}:
    parameters:
      - {name: id, in: path, required: true, schema: {type: string, format: uuid}}
    get:
      responses:
        "200": {description: ok}
        "404": {description: not found}
  /b:
    post:
      requestBody:
        content:
          application/json:
            schema: {type: object}
      responses:
        "201": {description: created}
"#,
        r#"
swagger: "2.0"
info: {title: t, version: "1"}
paths:
  /a:
    get:
      parameters:
        - {name: q, in: query, type: string, maxLength: 9}
      responses: {"200": {description: ok}}
"#,
    ];

    #[test]
    fn missing_validation_response() {
        insta::assert_snapshot!(test_rule(Rule::MissingValidationResponse, PASS, FAIL));
    }
}
