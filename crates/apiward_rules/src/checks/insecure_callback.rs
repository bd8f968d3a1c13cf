//! `insecure-callback`: callbacks (3.x) and webhooks (3.1) delivered over plain HTTP.

use std::collections::HashSet;

use apiward_spec::load::{NodeRef, Workspace};
use apiward_spec::model::METHODS;

use crate::checks::SpecRule;
use crate::{Context, Finding, Rule};

/// Whether a URL (or callback URL expression) starts with a plain `http://` or `ws://`
/// scheme and does not point at the loopback interface.
fn plain_http(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("http://")
        .or_else(|| lower.strip_prefix("ws://"))
    else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    let host = if authority.starts_with('[') {
        authority.split(']').next().unwrap_or("").to_owned() + "]"
    } else {
        authority.split(':').next().unwrap_or("").to_owned()
    };
    let loopback = host == "localhost"
        || host.ends_with(".localhost")
        || host.starts_with("127.")
        || host == "[::1]"
        || host == "0.0.0.0";
    !loopback
}

/// Reports `servers[].url` of a callback or webhook path item and of its operations.
fn check_servers(
    cx: &Context<'_>,
    item: NodeRef,
    what: &str,
    seen: &mut HashSet<NodeRef>,
    out: &mut Vec<Finding>,
) {
    let ws = cx.ws;
    let mut lists: Vec<NodeRef> = ws.get(item, "servers").into_iter().collect();
    for (m, op) in ws.entries(item) {
        if METHODS.contains(&m) {
            lists.extend(ws.get(op, "servers"));
        }
    }
    for list in lists {
        for server in ws.items(list) {
            let Some(url) = ws.get_raw(server, "url") else {
                continue;
            };
            let Some(text) = ws.as_str(url) else {
                continue;
            };
            if plain_http(text) && seen.insert(url) {
                out.push(Finding {
                    cap: None,
                    at: url,
                    span: ws.tree(url.doc).span(url.node),
                    message: format!(
                        "{what} server `{text}` uses plain HTTP: the events sent to it travel unencrypted"
                    ),
                });
            }
        }
    }
}

fn check_callback(
    cx: &Context<'_>,
    callback: NodeRef,
    seen: &mut HashSet<NodeRef>,
    out: &mut Vec<Finding>,
) {
    let ws: &Workspace = cx.ws;
    let callback = ws.deref(callback);
    if !seen.insert(callback) {
        return;
    }
    let tree = ws.tree(callback.doc);
    let Some(entries) = tree.as_map(callback.node) else {
        return;
    };
    for e in entries {
        let item = NodeRef {
            doc: callback.doc,
            node: e.value,
        };
        if plain_http(&e.key) {
            out.push(Finding {
                cap: None,
                at: item,
                span: e.key_span,
                message: cx.message(&[("url", &e.key)]),
            });
        }
        check_servers(cx, ws.deref(item), "callback", seen, out);
    }
}

pub(crate) struct InsecureCallback;

impl SpecRule for InsecureCallback {
    const RULE: Rule = Rule::InsecureCallback;

    fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
        let ws = cx.ws;
        let mut seen: HashSet<NodeRef> = HashSet::new();
        for op in &cx.api.operations {
            if let Some(callbacks) = ws.get(op.node, "callbacks") {
                for (_, cb) in ws.entries(callbacks) {
                    check_callback(cx, cb, &mut seen, out);
                }
            }
        }
        let root = cx.api.root;
        if let Some(callbacks) = ws
            .get(root, "components")
            .and_then(|c| ws.get(c, "callbacks"))
        {
            for (_, cb) in ws.entries(callbacks) {
                check_callback(cx, cb, &mut seen, out);
            }
        }
        if let Some(webhooks) = ws.get(root, "webhooks") {
            for (_, item) in ws.entries(webhooks) {
                check_servers(cx, ws.deref(item), "webhook", &mut seen, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::tester::test_rule;
    use crate::Rule;

    const PASS: &[&str] = &[
        // A runtime expression (the subscriber's URL: ssrf-url-input's business), HTTPS,
        // loopback.
        r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /subscriptions:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                callbackUrl: {type: string, format: uri, pattern: "^https://"}
      callbacks:
        onEvent:
          "{$request.body#/callbackUrl}":
            post:
              responses: {"200": {description: ok}}
          "https://hooks.example.com/events?id={$response.body#/id}":
            post:
              responses: {"200": {description: ok}}
          "http://localhost:9000/events":
            post:
              responses: {"200": {description: ok}}
      responses: {"201": {description: created}}
"#,
        // 3.1 webhooks are named, not addressed.
        r#"
openapi: 3.1.0
info: {title: t, version: "1"}
webhooks:
  newPet:
    post:
      responses: {"200": {description: ok}}
"#,
    ];

    const FAIL: &[&str] = &[
        r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /subscriptions:
    post:
      callbacks:
        onEvent: {$ref: "#/components/callbacks/Event"}
      responses: {"201": {description: created}}
    put:
      callbacks:
        onEvent: {$ref: "#/components/callbacks/Event"}
      responses: {"200": {description: ok}}
components:
  callbacks:
    Event:
      "http://notify.example.com/events?id={$request.body#/id}":
        post:
          responses: {"200": {description: ok}}
"##,
        r#"
openapi: 3.1.0
info: {title: t, version: "1"}
webhooks:
  newPet:
    servers:
      - url: http://hooks.example.com
    post:
      responses: {"200": {description: ok}}
"#,
    ];

    #[test]
    fn insecure_callback() {
        insta::assert_snapshot!(test_rule(Rule::InsecureCallback, PASS, FAIL));
    }
}
