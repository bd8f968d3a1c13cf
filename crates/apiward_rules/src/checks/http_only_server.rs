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

/// A host that only resolves inside a private network: a single-label name (a container or
/// cluster service, `http://doc-engine:8000`), a name under a suffix reserved for internal
/// use (`.internal`, `.local`, `.svc`, `.cluster.local`), or a private IPv4 address. Traffic
/// to it stays behind the network's edge, where TLS is the deployment's concern.
fn is_private_network(host: &str) -> bool {
    if host.is_empty() || host.contains(['{', '[']) {
        return false;
    }
    if !host.contains('.') {
        return true;
    }
    if [".internal", ".local", ".svc"]
        .iter()
        .any(|s| host.ends_with(s))
    {
        return true;
    }
    let octets: Option<Vec<u8>> = host.split('.').map(|o| o.parse().ok()).collect();
    match octets.as_deref() {
        Some([10, _, _, _] | [192, 168, _, _]) => true,
        Some([172, b, _, _]) => (16..32).contains(b),
        _ => false,
    }
}

pub(crate) struct HttpOnlyServer;

impl SpecRule for HttpOnlyServer {
    const RULE: Rule = Rule::HttpOnlyServer;

    fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
        for server in &cx.api.servers {
            let lower = server.url.to_ascii_lowercase();
            let plain = lower.starts_with("http://") || lower.starts_with("ws://");
            let host = host(&lower);
            if !plain || is_loopback(&host) || is_private_network(&host) {
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
    use super::{host, is_private_network};
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
        for h in [
            "doc-engine",
            "api.internal",
            "search.default.svc.cluster.local",
            "10.0.3.7",
            "172.20.0.2",
            "192.168.1.10",
        ] {
            assert!(is_private_network(h), "{h}");
        }
        for h in [
            "",
            "api.example.com",
            "172.32.0.1",
            "8.8.8.8",
            "{host}",
            "[fd00::1]",
        ] {
            assert!(!is_private_network(h), "{h}");
        }
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
  - url: http://doc-engine:8000
  - url: http://search.default.svc.cluster.local/v1
  - url: http://10.0.3.7:9200
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
