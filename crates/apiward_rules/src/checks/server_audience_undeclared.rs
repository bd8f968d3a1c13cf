//! `server-audience-undeclared`: servers that do not say with `x-internal` whether they are
//! for the public or for internal use.

use apiward_spec::tree::Value;

use crate::checks::SpecRule;
use crate::{Context, Finding, Rule};

pub(crate) struct ServerAudienceUndeclared;

impl SpecRule for ServerAudienceUndeclared {
    const RULE: Rule = Rule::ServerAudienceUndeclared;

    fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
        let ws = cx.ws;
        let Some(servers) = ws.get_raw(cx.api.root, "servers") else {
            return;
        };
        for server in ws.items(servers) {
            let server = ws.deref(server);
            if !matches!(ws.value(server), Value::Map(_)) || ws.get(server, "x-internal").is_some()
            {
                continue;
            }
            let Some(url) = ws.get_raw(server, "url") else {
                continue;
            };
            let text = ws.as_str(url).unwrap_or_default();
            out.push(Finding {
                cap: None,
                at: url,
                span: ws.tree(url.doc).span(url.node),
                message: cx.message(&[("url", text)]),
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
servers:
  - url: https://api.example.com/v1
    description: production
    x-internal: false
  - url: https://admin.internal.example.com/v1
    description: production, back office
    x-internal: true
paths: {}
"#];

    const FAIL: &[&str] = &[r#"
openapi: 3.0.3
info: {title: t, version: "1"}
servers:
  - url: https://api.example.com/v1
    description: production
paths: {}
"#];

    #[test]
    fn server_audience_undeclared() {
        insta::assert_snapshot!(test_rule(Rule::ServerAudienceUndeclared, PASS, FAIL));
    }
}
