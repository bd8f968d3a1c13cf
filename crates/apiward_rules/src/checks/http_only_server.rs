//! `http-only-server`: server URLs and 2.0 schemes that use plain HTTP.

use crate::checks::SpecRule;
use crate::{Context, Finding, Rule};

/// The host of a URL (`http://user@host:port/path` → `host`), lowercased.
fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    let host = if authority.starts_with('[') {
        authority
            .split(']')
            .next()
            .map(|h| format!("{h}]"))
            .unwrap_or_default()
    } else {
        authority.split(':').next().unwrap_or("").to_owned()
    };
    host.to_ascii_lowercase()
}

fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host.ends_with(".localhost")
        || host.starts_with("127.")
        || host == "[::1]"
        || host == "0.0.0.0"
}

pub(crate) struct HttpOnlyServer;

impl SpecRule for HttpOnlyServer {
    const RULE: Rule = Rule::HttpOnlyServer;

    fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
        for server in &cx.api.servers {
            let lower = server.url.to_ascii_lowercase();
            let plain = lower.starts_with("http://") || lower.starts_with("ws://");
            if !plain || is_loopback(&host(&lower)) {
                continue;
            }
            let tree = cx.ws.tree(server.node.doc);
            out.push(Finding {
                cap: None,
                at: server.node,
                span: tree.span(server.node.node),
                message: cx.message(&[("url", &server.url)]),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::host;
    use crate::tester::test_rule;
    use crate::Rule;

    #[test]
    fn hosts() {
        assert_eq!(
            host("http://user:pw@API.example.com:80/v1"),
            "api.example.com"
        );
        assert_eq!(host("http://[::1]:8080/"), "[::1]");
        assert_eq!(host("http://localhost"), "localhost");
    }

    const PASS: &[&str] = &[
        r#"
openapi: 3.0.3
info: {title: t, version: "1"}
servers:
  - url: https://api.example.com/v1
  - url: http://localhost:8080
  - url: http://127.0.0.1:3000/api
  - url: "http://[::1]:8000"
  - url: /relative
paths: {}
"#,
        r#"
swagger: "2.0"
info: {title: t, version: "1"}
host: api.example.com
schemes: [https]
paths: {}
"#,
        r#"
swagger: "2.0"
info: {title: t, version: "1"}
host: localhost:8080
schemes: [http]
paths: {}
"#,
    ];

    const FAIL: &[&str] = &[
        r#"
openapi: 3.0.3
info: {title: t, version: "1"}
servers:
  - url: https://api.example.com/v1
  - url: http://api.example.com/v1
paths: {}
"#,
        // A variable whose default is plain HTTP, declared on an operation.
        r#"
openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /a:
    get:
      servers:
        - url: "{scheme}://api.example.com"
          variables:
            scheme: {default: http, enum: [http, https]}
      responses: {"200": {description: ok}}
"#,
        r#"
swagger: "2.0"
info: {title: t, version: "1"}
host: api.example.com
schemes:
  - https
  - http
paths: {}
"#,
    ];

    #[test]
    fn http_only_server() {
        insta::assert_snapshot!(test_rule(Rule::HttpOnlyServer, PASS, FAIL));
    }
}
