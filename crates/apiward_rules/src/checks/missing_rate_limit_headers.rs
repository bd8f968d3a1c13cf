//! `missing-rate-limit-headers`: success and client-error responses that declare no
//! rate-limit headers.

use apiward_spec::load::{NodeRef, Workspace};

use super::missing_401_response::{op_name, responses_at};
use super::shared::normalize_name;
use crate::checks::SpecRule;
use crate::{Context, Finding, Rule};

/// Whether a response declares a header about rate limits: `RateLimit`,
/// `RateLimit-Limit`, `RateLimit-Policy`, `X-RateLimit-Limit`, `X-Rate-Limit-Remaining`, ...
pub(super) fn has_header(ws: &Workspace, resp: NodeRef, pred: impl Fn(&str) -> bool) -> bool {
    ws.get(resp, "headers")
        .is_some_and(|h| ws.entries(h).any(|(name, _)| pred(&normalize_name(name))))
}

/// Registered success and client-error codes (RFC 9110 and the IANA registry), and the
/// ranges `2XX`/`4XX`: a made-up code (`460`, `299`) is not asked for headers.
fn standard_code(code: &str) -> bool {
    if code.eq_ignore_ascii_case("2XX") || code.eq_ignore_ascii_case("4XX") {
        return true;
    }
    matches!(
        code.parse::<u16>(),
        Ok(200..=208 | 226 | 400..=418 | 421..=426 | 428 | 429 | 431 | 451)
    )
}

pub(crate) struct MissingRateLimitHeaders;

impl SpecRule for MissingRateLimitHeaders {
    const RULE: Rule = Rule::MissingRateLimitHeaders;

    /// Once per operation, at its `responses`: the success and client-error responses that
    /// declare no rate-limit header.
    fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
        let ws = cx.ws;
        for op in &cx.api.operations {
            let lacking: Vec<String> = op
                .responses
                .iter()
                .filter(|(code, resp)| {
                    standard_code(code) && !has_header(ws, *resp, |n| n.contains("ratelimit"))
                })
                .map(|(code, _)| format!("`{code}`"))
                .collect();
            if lacking.is_empty() {
                continue;
            }
            let (at, span) = responses_at(cx, op);
            out.push(Finding {
                cap: None,
                at,
                span,
                message: cx.message(&[("operation", &op_name(op)), ("codes", &lacking.join(", "))]),
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
        r#"
swagger: "2.0"
info: {title: t, version: "1"}
paths:
  /a:
    get:
      responses:
        "200": {description: ok, headers: {X-Total: {type: integer}}}
"#,
        // Once per operation; a made-up code is not asked.
        r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    post:
      responses:
        "201": {description: created}
        "400": {description: bad}
        "401": {description: unauthenticated}
        "460": {description: client closed}
        "500": {description: error}
"#,
    ];

    #[test]
    fn missing_rate_limit_headers() {
        insta::assert_snapshot!(test_rule(Rule::MissingRateLimitHeaders, PASS, FAIL));
    }
}
