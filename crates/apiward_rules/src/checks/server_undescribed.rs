//! `server-undescribed`: servers that do not say which environment they are.

use apiward_spec::load::{NodeRef, Workspace};
use apiward_spec::tree::Value;

use super::shared::words;
use crate::checks::SpecRule;
use crate::{Context, Finding, Rule};

/// Words that name an environment.
const ENVIRONMENTS: &[&str] = &[
    "local",
    "localhost",
    "dev",
    "devel",
    "develop",
    "development",
    "devnet",
    "test",
    "tests",
    "testing",
    "testnet",
    "qa",
    "uat",
    "int",
    "integration",
    "stage",
    "staging",
    "stg",
    "preprod",
    "preproduction",
    "prod",
    "production",
    "live",
    "mainnet",
    "sandbox",
    "demo",
    "mock",
    "alpha",
    "beta",
    "canary",
    "preview",
    "next",
];

/// Whether a text names an environment.
pub(super) fn names_environment(text: &str) -> bool {
    words(text)
        .iter()
        .any(|w| ENVIRONMENTS.contains(&w.as_str()))
}

/// The URL's host and path, its variables' defaults, values and descriptions.
fn url_texts(ws: &Workspace, server: NodeRef) -> Vec<String> {
    let mut out: Vec<String> = ws
        .get_str(server, "url")
        .map(str::to_owned)
        .into_iter()
        .collect();
    // `https://` and `.com` are not environments; the scheme is dropped.
    if let Some(u) = out.first_mut() {
        if let Some((_, rest)) = u.split_once("://") {
            *u = rest.to_owned();
        }
    }
    if let Some(vars) = ws.get(server, "variables") {
        for (_, v) in ws.entries(vars) {
            for key in ["default", "description"] {
                out.extend(ws.get_str(v, key).map(str::to_owned));
            }
            if let Some(e) = ws.get(v, "enum") {
                out.extend(ws.items(e).filter_map(|x| ws.as_str(x).map(str::to_owned)));
            }
        }
    }
    out
}

pub(crate) struct ServerUndescribed;

impl SpecRule for ServerUndescribed {
    const RULE: Rule = Rule::ServerUndescribed;

    fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
        let ws = cx.ws;
        let Some(servers) = ws.get_raw(cx.api.root, "servers") else {
            return;
        };
        for server in ws.items(servers) {
            let server = ws.deref(server);
            if !matches!(ws.value(server), Value::Map(_)) {
                continue;
            }
            let description = ws.get_raw(server, "description");
            let described = description
                .and_then(|d| ws.as_str(d))
                .is_some_and(names_environment);
            if described || url_texts(ws, server).iter().any(|t| names_environment(t)) {
                continue;
            }
            let url = ws.get_str(server, "url").unwrap_or_default();
            // Underline the description that does not name one, else the URL.
            let Some(at) = description.or_else(|| ws.get_raw(server, "url")) else {
                continue;
            };
            let tree = ws.tree(at.doc);
            let message = if description.is_some() {
                format!("the description of server `{url}` does not say which environment it is (production, staging, sandbox, ...)")
            } else {
                cx.message(&[("url", url)])
            };
            out.push(Finding {
                cap: None,
                at,
                span: tree.span(at.node),
                message,
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
servers:
  - url: https://api.example.com/v1
    description: Production
  - url: https://api.example.com/v1
    description: "Pre-production: release candidates"
  - url: https://sandbox.example.com/v1
  - url: http://localhost:8080
  - url: https://{env}.example.com
    variables:
      env: {default: api, enum: [api, staging]}
paths: {}
"#,
        // Swagger 2.0 has no server objects to describe.
        r#"
swagger: "2.0"
info: {title: t, version: "1"}
host: api.example.com
paths: {}
"#,
    ];

    const FAIL: &[&str] = &[r#"
openapi: 3.1.0
info: {title: t, version: "1"}
servers:
  - url: https://api.example.com/v1
  - url: https://eu.example.com/v1
    description: European customers
  - url: https://developer.example.com/v1
paths: {}
"#];

    #[test]
    fn server_undescribed() {
        insta::assert_snapshot!(test_rule(Rule::ServerUndescribed, PASS, FAIL));
    }
}
