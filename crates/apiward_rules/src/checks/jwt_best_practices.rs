//! `jwt-best-practices`: security schemes that carry JSON Web Tokens without saying that
//! they follow the JWT Best Current Practices (RFC 8725).

use crate::checks::SpecRule;
use crate::{Context, Finding, Rule};

/// Whether a text names JWTs: the word `JWT` (`JWTs`, `JWT-based`) or `JSON Web Token`.
pub(crate) fn mentions_jwt(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    if lower.contains("json web token") {
        return true;
    }
    let b = lower.as_bytes();
    lower.match_indices("jwt").any(|(i, _)| {
        let before_ok = i == 0 || !b[i - 1].is_ascii_alphanumeric();
        let after = b.get(i + 3).copied();
        // `jwt`, `jwts`, `jwt-based`, not `jwtfoo`.
        let after_ok = match after {
            None => true,
            Some(c) if !c.is_ascii_alphanumeric() => true,
            Some(b's') => b.get(i + 4).is_none_or(|c| !c.is_ascii_alphanumeric()),
            _ => false,
        };
        before_ok && after_ok
    })
}

/// Whether a text says the tokens follow RFC 8725 (`RFC 8725`, `RFC8725`, `rfc-8725`,
/// `BCP 225`).
pub(crate) fn cites_rfc8725(text: &str) -> bool {
    let compact: String = text
        .to_ascii_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '_')
        .collect();
    compact.contains("rfc8725") || compact.contains("bcp225")
}

pub(crate) struct JwtBestPractices;

impl SpecRule for JwtBestPractices {
    const RULE: Rule = Rule::JwtBestPractices;

    fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
        let ws = cx.ws;
        for (name, scheme) in &cx.api.security_schemes {
            let kind = ws
                .get_str(*scheme, "type")
                .unwrap_or("")
                .to_ascii_lowercase();
            if !matches!(
                kind.as_str(),
                "http" | "oauth2" | "openidconnect" | "apikey"
            ) {
                continue;
            }
            if kind == "http"
                && !ws
                    .get_str(*scheme, "scheme")
                    .is_some_and(|s| s.eq_ignore_ascii_case("bearer"))
            {
                continue;
            }
            let description = ws.get_raw(*scheme, "description");
            let desc_text = description.and_then(|d| ws.as_str(d)).unwrap_or("");
            if cites_rfc8725(desc_text) {
                continue;
            }
            let format = ws.get_raw(*scheme, "bearerFormat").filter(|f| {
                ws.as_str(*f)
                    .is_some_and(|s| mentions_jwt(s) || s.eq_ignore_ascii_case("jws"))
            });
            // Report at `bearerFormat: JWT`, or else at the description that says JWT.
            let at = match (format, description) {
                (Some(f), _) => f,
                (None, Some(d)) if mentions_jwt(desc_text) => d,
                _ => continue,
            };
            out.push(Finding {
                cap: None,
                at,
                span: ws.tree(at.doc).span(at.node),
                message: cx.message(&[("name", name)]),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{cites_rfc8725, mentions_jwt};
    use crate::tester::test_rule;
    use crate::Rule;

    #[test]
    fn texts() {
        assert!(mentions_jwt("JWT"));
        assert!(mentions_jwt("Pass JWTs in the header"));
        assert!(mentions_jwt("a JSON Web Token"));
        assert!(!mentions_jwt("jwtfoo"));
        assert!(cites_rfc8725("Follows RFC 8725."));
        assert!(cites_rfc8725("rfc-8725"));
        assert!(!cites_rfc8725("RFC 7519"));
    }

    const PASS: &[&str] = &[
        // Opaque tokens, OAuth 2 without JWTs (Spectral asks every OAuth 2 scheme), and a
        // JWT scheme that cites RFC 8725.
        r#"
openapi: 3.0.3
info: {title: t, version: "1"}
components:
  securitySchemes:
    opaque: {type: http, scheme: bearer}
    oauth:
      type: oauth2
      flows:
        clientCredentials: {tokenUrl: "https://example.com/token", scopes: {}}
    jwt:
      type: http
      scheme: bearer
      bearerFormat: JWT
      description: Signed JWTs validated as RFC 8725 recommends (no `none`, fixed algorithms).
paths: {}
"#,
    ];

    const FAIL: &[&str] = &[
        r#"
openapi: 3.0.3
info: {title: t, version: "1"}
components:
  securitySchemes:
    jwt: {type: http, scheme: bearer, bearerFormat: JWT}
    oidc:
      type: openIdConnect
      openIdConnectUrl: https://example.com/.well-known/openid-configuration
      description: Access tokens are JWTs signed with RS256.
paths: {}
"#,
        // Swagger 2.0 has no bearer scheme: JWTs travel as an API key header.
        r#"
swagger: "2.0"
info: {title: t, version: "1"}
securityDefinitions:
  token:
    type: apiKey
    in: header
    name: Authorization
    description: "JWT token: `Bearer <jwt>`"
paths: {}
"#,
    ];

    #[test]
    fn jwt_best_practices() {
        insta::assert_snapshot!(test_rule(Rule::JwtBestPractices, PASS, FAIL));
    }
}
