//! `basic-auth`: security schemes using HTTP Basic authentication.

use crate::checks::SpecRule;
use crate::{Context, Finding, Rule};

pub(crate) struct BasicAuth;

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
