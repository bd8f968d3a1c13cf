//! `missing-retry-after`: 429 responses that do not tell clients when to retry.

use std::collections::BTreeSet;

use apiward_spec::load::NodeRef;

use super::missing_rate_limit_headers::has_header;
use super::shared::key_span;
use crate::checks::SpecRule;
use crate::{Context, Finding, Rule};

/// Headers (normalised names) that say when the quota resets.
const RETRY_HEADERS: &[&str] = &[
    "retryafter",
    "ratelimit",
    "ratelimitreset",
    "xratelimitreset",
    "xratelimitresetafter",
];

pub(crate) struct MissingRetryAfter;

impl SpecRule for MissingRetryAfter {
    const RULE: Rule = Rule::MissingRetryAfter;

    fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
        let ws = cx.ws;
        let responses: BTreeSet<NodeRef> = cx
            .api
            .operations
            .iter()
            .flat_map(|op| op.responses.iter())
            .filter(|(code, _)| code == "429")
            .map(|(_, r)| *r)
            .collect();
        for resp in responses {
            if has_header(ws, resp, |n| RETRY_HEADERS.contains(&n)) {
                continue;
            }
            out.push(Finding {
                cap: None,
                at: resp,
                span: key_span(ws, resp),
                message: cx.message(&[]),
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
        "429":
          description: slow down
          headers:
            retry-after: {schema: {type: integer}}
  /b:
    get:
      responses:
        "429": {$ref: "#/components/responses/TooMany"}
components:
  responses:
    TooMany:
      description: slow down
      headers:
        X-Rate-Limit-Reset: {schema: {type: integer}}
"##];

    const FAIL: &[&str] = &[
        r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    get:
      responses:
        "429": {$ref: "#/components/responses/TooMany"}
  /b:
    get:
      responses:
        "429": {$ref: "#/components/responses/TooMany"}
    post:
      responses:
        "429":
          description: slow down
          headers:
            X-RateLimit-Limit: {schema: {type: integer}}
components:
  responses:
    TooMany: {description: slow down}
"##,
        r#"
swagger: "2.0"
info: {title: t, version: "1"}
paths:
  /a:
    get:
      responses:
        "429": {description: slow down}
"#,
    ];

    #[test]
    fn missing_retry_after() {
        insta::assert_snapshot!(test_rule(Rule::MissingRetryAfter, PASS, FAIL));
    }
}
