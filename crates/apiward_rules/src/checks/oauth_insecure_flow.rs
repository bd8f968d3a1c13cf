//! `oauth-insecure-flow`: OAuth 2 implicit and resource-owner password flows, which the
//! OAuth 2.0 Security Best Current Practice (RFC 9700) says not to use.

use crate::checks::SpecRule;
use crate::{Context, Finding, Rule};

fn why(flow: &str) -> Option<&'static str> {
    match flow {
        "implicit" => Some(
            "the access token comes back in the redirect URL, where it leaks and can be injected; use the authorization code flow with PKCE",
        ),
        "password" => Some(
            "the client sees the user's password, and the flow cannot carry multi-factor authentication; use the authorization code flow (or client credentials between services)",
        ),
        _ => None,
    }
}

pub(crate) struct OauthInsecureFlow;

impl SpecRule for OauthInsecureFlow {
    const RULE: Rule = Rule::OauthInsecureFlow;

    fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
        let ws = cx.ws;
        for (name, scheme) in &cx.api.security_schemes {
            if !ws
                .get_str(*scheme, "type")
                .is_some_and(|t| t.eq_ignore_ascii_case("oauth2"))
            {
                continue;
            }
            // 3.x: `flows: {implicit: ..., password: ...}`, reported at the flow key.
            if let Some(flows) = ws.get(*scheme, "flows") {
                for (flow, body) in ws.entries(flows) {
                    let Some(reason) = why(flow) else { continue };
                    let tree = ws.tree(body.doc);
                    let span = tree
                        .key_span(body.node)
                        .unwrap_or_else(|| tree.span(body.node));
                    out.push(Finding {
                        cap: None,
                        at: body,
                        span,
                        message: cx.message(&[("name", name), ("flow", flow), ("why", reason)]),
                    });
                }
            }
            // 2.0: `flow: implicit | password`, reported at the value.
            if let Some(at) = ws.get_raw(*scheme, "flow") {
                if let Some(flow) = ws.as_str(at) {
                    if let Some(reason) = why(flow) {
                        out.push(Finding {
                            cap: None,
                            at,
                            span: ws.tree(at.doc).span(at.node),
                            message: cx.message(&[("name", name), ("flow", flow), ("why", reason)]),
                        });
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::tester::test_rule;
    use crate::Rule;

    const PASS: &[&str] = &[
        r#"
openapi: 3.0.3
info: {title: t, version: "1"}
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows:
        authorizationCode:
          authorizationUrl: https://example.com/authorize
          tokenUrl: https://example.com/token
          scopes: {}
        clientCredentials: {tokenUrl: "https://example.com/token", scopes: {}}
paths: {}
"#,
        r#"
swagger: "2.0"
info: {title: t, version: "1"}
securityDefinitions:
  oauth:
    type: oauth2
    flow: accessCode
    authorizationUrl: https://example.com/authorize
    tokenUrl: https://example.com/token
    scopes: {}
paths: {}
"#,
    ];

    const FAIL: &[&str] = &[
        r#"
openapi: 3.0.3
info: {title: t, version: "1"}
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows:
        implicit: {authorizationUrl: "https://example.com/authorize", scopes: {}}
        password: {tokenUrl: "https://example.com/token", scopes: {}}
        authorizationCode:
          authorizationUrl: https://example.com/authorize
          tokenUrl: https://example.com/token
          scopes: {}
paths: {}
"#,
        r#"
swagger: "2.0"
info: {title: t, version: "1"}
securityDefinitions:
  petstore_auth:
    type: oauth2
    flow: implicit
    authorizationUrl: https://example.com/authorize
    scopes: {}
paths: {}
"#,
    ];

    #[test]
    fn oauth_insecure_flow() {
        insta::assert_snapshot!(test_rule(Rule::OauthInsecureFlow, PASS, FAIL));
    }
}
