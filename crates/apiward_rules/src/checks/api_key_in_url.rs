//! `api-key-in-url`: API key security schemes sent in the query string or the path.

use crate::checks::SpecRule;
use crate::{Context, Finding, Rule};

pub(crate) struct ApiKeyInUrl;

impl SpecRule for ApiKeyInUrl {
    const RULE: Rule = Rule::ApiKeyInUrl;

    fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
        let ws = cx.ws;
        for (name, scheme) in &cx.api.security_schemes {
            if !ws
                .get_str(*scheme, "type")
                .is_some_and(|t| t.eq_ignore_ascii_case("apiKey"))
            {
                continue;
            }
            let Some(at) = ws.get_raw(*scheme, "in") else {
                continue;
            };
            let Some(location) = ws.as_str(at) else {
                continue;
            };
            if !(location.eq_ignore_ascii_case("query") || location.eq_ignore_ascii_case("path")) {
                continue;
            }
            let key = ws.get_str(*scheme, "name").unwrap_or(name);
            out.push(Finding {
                cap: None,
                at,
                span: ws.tree(at.doc).span(at.node),
                message: cx.message(&[("name", name), ("key", key), ("in", location)]),
            });
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
    header: {type: apiKey, in: header, name: X-API-Key}
    cookie: {type: apiKey, in: cookie, name: session}
paths: {}
"#,
        r#"
swagger: "2.0"
info: {title: t, version: "1"}
securityDefinitions:
  header: {type: apiKey, in: header, name: X-API-Key}
paths: {}
"#,
    ];

    const FAIL: &[&str] = &[
        r#"
openapi: 3.0.3
info: {title: t, version: "1"}
components:
  securitySchemes:
    query: {type: apiKey, in: query, name: api_key}
    header: {type: apiKey, in: header, name: X-API-Key}
paths: {}
"#,
        r#"
swagger: "2.0"
info: {title: t, version: "1"}
securityDefinitions:
  key:
    type: apiKey
    in: query
    name: key
paths: {}
"#,
    ];

    #[test]
    fn api_key_in_url() {
        insta::assert_snapshot!(test_rule(Rule::ApiKeyInUrl, PASS, FAIL));
    }
}
