//! `basic-auth`: security schemes using HTTP Basic authentication.

use crate::checks::SpecRule;
use crate::{Context, Finding, Rule};

pub(crate) struct BasicAuth;

/// Whether the operations that accept scheme `name` are all sign-ins (`POST /v1/login`,
/// `/auth/token`): the password is sent once, to get a token the other operations take,
/// not with every request.
fn only_signs_in(cx: &Context<'_>, name: &str) -> bool {
    let ws = cx.ws;
    let mut any = false;
    for op in &cx.api.operations {
        let Some(sec) = cx.api.effective_security(op) else {
            continue;
        };
        let uses = ws
            .items(sec)
            .any(|req| ws.entries(req).any(|(k, _)| k == name));
        if uses {
            if !crate::public::is_public_flow(&op.path) {
                return false;
            }
            any = true;
        }
    }
    any
}

impl SpecRule for BasicAuth {
    const RULE: Rule = Rule::BasicAuth;

    fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
        let ws = cx.ws;
        for (name, scheme) in &cx.api.security_schemes {
            let Some(kind) = ws.get_str(*scheme, "type") else {
                continue;
            };
            // 3.x: `type: http, scheme: basic`; 2.0: `type: basic`.
            let at = if kind.eq_ignore_ascii_case("http") {
                ws.get_raw(*scheme, "scheme").filter(|s| {
                    ws.as_str(*s)
                        .is_some_and(|v| v.trim().eq_ignore_ascii_case("basic"))
                })
            } else if kind.eq_ignore_ascii_case("basic") {
                ws.get_raw(*scheme, "type")
            } else {
                None
            };
            if let Some(at) = at {
                if only_signs_in(cx, name) {
                    continue;
                }
                out.push(Finding {
                    cap: None,
                    at,
                    span: ws.tree(at.doc).span(at.node),
                    message: cx.message(&[("name", name)]),
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
        // Basic only where the caller signs in for a token the other operations take.
        r#"
openapi: 3.0.3
info: {title: t, version: "1"}
components:
  securitySchemes:
    basic: {type: http, scheme: basic}
    bearer: {type: http, scheme: bearer}
security: [{bearer: []}]
paths:
  /v1/login:
    post:
      security: [{basic: []}]
      responses: {"200": {description: token}}
  /v1/members:
    get:
      responses: {"200": {description: ok}}
"#,
        r#"
openapi: 3.0.3
info: {title: t, version: "1"}
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer, bearerFormat: opaque}
    key: {type: apiKey, in: header, name: X-Key}
    # Not HTTP Basic, although the word appears in a description.
    oauth:
      type: oauth2
      description: Replaces the basic scheme we used before.
      flows:
        clientCredentials: {tokenUrl: "https://example.com/token", scopes: {}}
paths: {}
"#,
        r#"
swagger: "2.0"
info: {title: t, version: "1"}
securityDefinitions:
  key: {type: apiKey, in: header, name: X-Key}
paths: {}
"#,
    ];

    const FAIL: &[&str] = &[
        r##"
openapi: 3.1.0
info: {title: t, version: "1"}
components:
  securitySchemes:
    basic: {type: http, scheme: basic}
    legacy:
      $ref: "#/components/x-schemes/legacy"
  x-schemes:
    legacy: {type: http, scheme: Basic}
paths: {}
"##,
        r#"
swagger: "2.0"
info: {title: t, version: "1"}
securityDefinitions:
  basic:
    type: basic
paths: {}
"#,
    ];

    #[test]
    fn basic_auth() {
        insta::assert_snapshot!(test_rule(Rule::BasicAuth, PASS, FAIL));
    }
}
