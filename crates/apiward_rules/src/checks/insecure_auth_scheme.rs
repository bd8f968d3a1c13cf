//! `insecure-auth-scheme`: HTTP authentication schemes that are outdated or weak
//! (Negotiate/NTLM, OAuth 1.0, Digest).

use crate::checks::SpecRule;
use crate::{Context, Finding, Rule};

/// Why an HTTP authentication scheme (lowercased) is weak, or `None`.
fn weakness(scheme: &str) -> Option<&'static str> {
    match scheme {
        "negotiate" => Some("SPNEGO may fall back to NTLM, whose hashes can be relayed and cracked"),
        "ntlm" => Some("NTLM hashes can be relayed and cracked"),
        "oauth" => Some("OAuth 1.0 signatures rely on shared secrets and HMAC-SHA1, and the protocol is obsolete"),
        "digest" => Some("Digest is commonly deployed with MD5, keeps passwords in a recoverable form on the server, and is open to downgrade"),
        _ => None,
    }
}

pub(crate) struct InsecureAuthScheme;

impl SpecRule for InsecureAuthScheme {
    const RULE: Rule = Rule::InsecureAuthScheme;

    fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
        let ws = cx.ws;
        for (name, scheme) in &cx.api.security_schemes {
            if !ws
                .get_str(*scheme, "type")
                .is_some_and(|t| t.eq_ignore_ascii_case("http"))
            {
                continue;
            }
            let Some(at) = ws.get_raw(*scheme, "scheme") else {
                continue;
            };
            let Some(value) = ws.as_str(at) else {
                continue;
            };
            let Some(why) = weakness(&value.trim().to_ascii_lowercase()) else {
                continue;
            };
            out.push(Finding {
                cap: None,
                at,
                span: ws.tree(at.doc).span(at.node),
                message: cx.message(&[("name", name), ("scheme", value), ("why", why)]),
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
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
    # OAuth 2 is fine; only the `OAuth` HTTP scheme (1.0) is obsolete.
    oauth2:
      type: oauth2
      flows:
        clientCredentials: {tokenUrl: "https://example.com/token", scopes: {}}
paths: {}
"#];

    const FAIL: &[&str] = &[r#"
openapi: 3.0.3
info: {title: t, version: "1"}
components:
  securitySchemes:
    kerberos: {type: http, scheme: negotiate}
    oauth1: {type: http, scheme: OAuth}
    digest: {type: http, scheme: Digest}
    bearer: {type: http, scheme: bearer}
paths: {}
"#];

    #[test]
    fn insecure_auth_scheme() {
        insta::assert_snapshot!(test_rule(Rule::InsecureAuthScheme, PASS, FAIL));
    }
}
