//! `short-lived-access-tokens`: OAuth 2 flows that issue refresh tokens by design
//! (authorization code, password) but declare no `refreshUrl`.

use crate::checks::SpecRule;
use crate::{Context, Finding, Rule};

/// Whether a description says how tokens expire or are refreshed.
fn speaks_of_expiry(text: &str) -> bool {
    let t = text.to_ascii_lowercase();
    [
        "refresh",
        "expire",
        "expiry",
        "expiration",
        "short-lived",
        "lifetime",
    ]
    .iter()
    .any(|w| t.contains(w))
}

pub(crate) struct ShortLivedAccessTokens;

impl SpecRule for ShortLivedAccessTokens {
    const RULE: Rule = Rule::ShortLivedAccessTokens;

    fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
        let ws = cx.ws;
        for (name, scheme) in &cx.api.security_schemes {
            if !ws
                .get_str(*scheme, "type")
                .is_some_and(|t| t.eq_ignore_ascii_case("oauth2"))
            {
                continue;
            }
            // Swagger 2.0 has no `refreshUrl`: nothing to ask for.
            let Some(flows) = ws.get(*scheme, "flows") else {
                continue;
            };
            if ws
                .get_str(*scheme, "description")
                .is_some_and(speaks_of_expiry)
            {
                continue;
            }
            for (flow, body) in ws.entries(flows) {
                // Implicit and client-credentials flows issue no refresh token (RFC 6749 4.2.2,
                // 4.4.3): a `refreshUrl` would be meaningless there.
                if flow != "authorizationCode" && flow != "password" {
                    continue;
                }
                let refresh = ws
                    .get_str(body, "refreshUrl")
                    .is_some_and(|u| !u.trim().is_empty());
                if refresh {
                    continue;
                }
                let tree = ws.tree(body.doc);
                let span = tree
                    .key_span(body.node)
                    .unwrap_or_else(|| tree.span(body.node));
                out.push(Finding {
                    cap: None,
                    at: body,
                    span,
                    message: cx.message(&[("name", name), ("flow", flow)]),
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
          refreshUrl: https://example.com/token
          scopes: {}
        # No refresh tokens in these flows (RFC 6749).
        clientCredentials: {tokenUrl: "https://example.com/token", scopes: {}}
        implicit: {authorizationUrl: "https://example.com/authorize", scopes: {}}
    documented:
      type: oauth2
      description: Access tokens expire after 15 minutes; use the refresh token at the token URL.
      flows:
        password: {tokenUrl: "https://example.com/token", scopes: {}}
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

    const FAIL: &[&str] = &[r#"
openapi: 3.1.0
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
        password:
          tokenUrl: https://example.com/token
          refreshUrl: ""
          scopes: {}
paths: {}
"#];

    #[test]
    fn short_lived_access_tokens() {
        insta::assert_snapshot!(test_rule(Rule::ShortLivedAccessTokens, PASS, FAIL));
    }
}
