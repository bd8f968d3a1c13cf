//! `missing-401-response`: operations that require credentials but describe no response
//! for a request without valid ones.

use apiward_diagnostics::Span;
use apiward_spec::load::NodeRef;
use apiward_spec::model::Operation;
use apiward_spec::tree::Value;

use crate::checks::SpecRule;
use crate::public::is_sign_out;
use crate::{Context, Finding, Rule};

/// Where to report a missing response of `op`: the `responses` key, or the method key
/// when there is no `responses`.
pub(super) fn responses_at(cx: &Context<'_>, op: &Operation) -> (NodeRef, Span) {
    let ws = cx.ws;
    let tree = ws.tree(op.node.doc);
    match ws.get_raw(op.node, "responses") {
        Some(r) if r.doc == op.node.doc => (
            r,
            tree.key_span(r.node).unwrap_or_else(|| tree.span(r.node)),
        ),
        _ => (
            op.node,
            tree.key_span(op.node.node)
                .unwrap_or_else(|| tree.span(op.node.node)),
        ),
    }
}

/// Whether `op` declares a response whose code is one of `codes` (compared without case:
/// `4XX` and `4xx` are the same).
pub(super) fn has_response(op: &Operation, codes: &[&str]) -> bool {
    op.responses
        .iter()
        .any(|(c, _)| codes.iter().any(|w| c.eq_ignore_ascii_case(w)))
}

/// `GET /path`, for messages.
pub(super) fn op_name(op: &Operation) -> String {
    format!("{} {}", op.method.to_ascii_uppercase(), op.path)
}

pub(crate) struct Missing401Response;

/// Whether `op` describes a 403 as the answer to missing or invalid credentials
/// ("Authentication secret is missing or invalid"): the API's own status for a caller
/// without valid ones, described.
fn answers_missing_credentials(cx: &Context<'_>, op: &Operation) -> bool {
    op.responses.iter().any(|(c, r)| {
        c == "403"
            && cx.ws.get_str(*r, "description").is_some_and(|d| {
                let d = d.to_ascii_lowercase();
                let about = ["authenticat", "credential", "api key", "token", "secret"]
                    .iter()
                    .any(|w| d.contains(w));
                let absent = [
                    "missing",
                    "invalid",
                    "not provided",
                    "no valid",
                    "unauthenticated",
                ]
                .iter()
                .any(|w| d.contains(w));
                // A 403 for a right the caller lacks ("the token is missing the required
                // scope", "missing permission") is authorisation, not the absent credential.
                let right = ["scope", "permission", "role", "privilege", "access to"]
                    .iter()
                    .any(|w| d.contains(w));
                about && absent && !right
            })
    })
}

impl SpecRule for Missing401Response {
    const RULE: Rule = Rule::Missing401Response;

    fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
        let ws = cx.ws;
        for op in &cx.api.operations {
            let Some(sec) = cx.api.effective_security(op) else {
                continue;
            };
            // Some requirement that names a scheme, and none empty: the operation checks
            // credentials. With `{}` among them (`[{}, {api_key: []}]`) a caller without
            // any is served: authentication is optional, no 401 need answer its absence.
            let requires = ws
                .items(sec)
                .any(|r| matches!(ws.value(r), Value::Map(m) if !m.is_empty()))
                && !ws
                    .items(sec)
                    .any(|r| matches!(ws.value(r), Value::Map(m) if m.is_empty()));
            if !requires
                || has_response(op, &["401", "4XX", "default"])
                || answers_missing_credentials(cx, op)
                || is_sign_out(&op.path)
            {
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
        // 401, 4XX or default described; public operations are not asked for a 401.
        r#"
openapi: 3.0.3
info: {title: t, version: "1"}
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
  responses:
    NoKey: {description: Authentication secret is missing or invalid}
security: [{bearer: []}]
paths:
  /a:
    get:
      responses:
        "200": {description: ok}
        "401": {description: unauthorized}
    post:
      responses:
        "201": {description: created}
        4xx: {description: client error}
    put:
      responses:
        "200": {description: ok}
        default: {description: error}
  /health:
    get:
      security: []
      responses: {"200": {description: ok}}
  /api/v1/signout:
    post:
      responses: {"200": {description: signed out}}
  /feed:
    get:
      # Optional authentication: a caller without credentials is served.
      security: [{}, {bearer: []}]
      responses: {"200": {description: ok}}
  /usage:
    get:
      # The API answers a missing key with 403, and says so.
      responses:
        "200": {description: ok}
        "403": {$ref: '#/components/responses/NoKey'}
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

    const FAIL: &[&str] = &[
        r#"
openapi: 3.0.3
info: {title: t, version: "1"}
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
security: [{bearer: []}]
paths:
  /a:
    get:
      responses:
        "200": {description: ok}
        "403": {description: forbidden}
  /b:
    get:
      responses:
        "200": {description: ok}
        "403": {description: The token is missing the required scope}
"#,
        r#"
swagger: "2.0"
info: {title: t, version: "1"}
securityDefinitions:
  key: {type: apiKey, in: header, name: X-Key}
paths:
  /a:
    delete:
      security: [{key: []}]
      responses:
        "204": {description: deleted}
"#,
    ];

    #[test]
    fn missing_401_response() {
        insta::assert_snapshot!(test_rule(Rule::Missing401Response, PASS, FAIL));
    }
}
