//! `missing-rate-limit-headers`: success and client-error responses that declare no
//! rate-limit headers.

use std::collections::BTreeMap;

use apiward_spec::load::{NodeRef, Workspace};

use super::shared::{key_span, normalize_name};
use crate::{Context, Finding};

/// Whether a response declares a header about rate limits: `RateLimit`,
/// `RateLimit-Limit`, `RateLimit-Policy`, `X-RateLimit-Limit`, `X-Rate-Limit-Remaining`, ...
pub(super) fn has_header(ws: &Workspace, resp: NodeRef, pred: impl Fn(&str) -> bool) -> bool {
    ws.get(resp, "headers")
        .is_some_and(|h| ws.entries(h).any(|(name, _)| pred(&normalize_name(name))))
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ws = cx.ws;
    // Each response once (shared ones are reported at their definition).
    let mut responses: BTreeMap<NodeRef, String> = BTreeMap::new();
    for op in &cx.api.operations {
        for (code, resp) in &op.responses {
            if code.starts_with('2') || code.starts_with('4') {
                responses.entry(*resp).or_insert_with(|| code.clone());
            }
        }
    }
    for (resp, code) in responses {
        if has_header(ws, resp, |n| n.contains("ratelimit")) {
            continue;
        }
        out.push(Finding {
            cap: None,
            at: resp,
            span: key_span(ws, resp),
            message: cx.message(&[("code", &code)]),
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::tester::test_rule;

    const PASS: &[&str] = &[r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    get:
      responses:
        "200":
          description: ok
          headers:
            X-RateLimit-Limit: {schema: {type: integer}}
        "404":
          description: missing
          headers:
            RateLimit: {$ref: "#/components/headers/RateLimit"}
        "500": {description: error}
        "302": {description: moved}
components:
  headers:
    RateLimit: {schema: {type: string}}
"##];

    const FAIL: &[&str] = &[
        r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    get:
      responses:
        "200": {description: ok}
        "404": {$ref: "#/components/responses/NotFound"}
  /b:
    get:
      responses:
        "200":
          description: ok
          headers:
            X-Request-Id: {schema: {type: string}}
        "404": {$ref: "#/components/responses/NotFound"}
components:
  responses:
    NotFound: {description: missing}
"##,
        r##"
swagger: "2.0"
info: {title: t, version: "1"}
paths:
  /a:
    get:
      responses:
        "200": {description: ok, headers: {X-Total: {type: integer}}}
"##,
    ];

    #[test]
    fn missing_rate_limit_headers() {
        insta::assert_snapshot!(test_rule("missing-rate-limit-headers", PASS, FAIL));
    }
}
