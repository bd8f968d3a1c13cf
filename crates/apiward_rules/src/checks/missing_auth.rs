//! `missing-auth`: operations that can be called without credentials.
//!
//! Judged as the code side judges routes ([`crate::public`]): sign-in, sign-up, token,
//! password reset, OAuth callback, webhook and health operations, reads of the documentation
//! and of the root page are public by nature and not reported. An operation that changes
//! state or sits under an admin path is an error; one that only reads, a warning. A global
//! `security` that lists the empty requirement `{}` (authentication optional everywhere, a
//! deliberate setting) is reported once, at the `{}`, with the number of operations it
//! covers; on one operation, at that operation. A description that says nothing about
//! authentication (no scheme, no `security` anywhere) is reported once, at `paths`, with
//! the credentials it passes as plain header or cookie parameters, if any.

use std::collections::BTreeMap;

use apiward_diagnostics::Severity;
use apiward_spec::load::NodeRef;
use apiward_spec::tree::Value;

use super::shared::words;
use crate::checks::SpecRule;
use crate::public::{changes_state, is_public_flow, privileged_segment, public_read};
use crate::{Context, Finding, Rule};

/// The severity an operation without authentication deserves: an error when it changes
/// state or sits under an admin path, a warning when it only reads.
fn cap(method: &str, path: &str) -> Severity {
    if changes_state(method) || privileged_segment(path).is_some() {
        Severity::Error
    } else {
        Severity::Warning
    }
}

/// Words of a header or cookie parameter's name that mark a credential: the description
/// passes authentication as a plain parameter instead of a security scheme.
const CREDENTIAL_WORDS: &[&str] = &[
    "authorization",
    "auth",
    "token",
    "apikey",
    "key",
    "signature",
    "session",
    "jwt",
    "bearer",
    "credential",
    "credentials",
    "secret",
    "password",
];

/// Header and cookie parameters of the description whose names name a credential
/// (`Authorization`, `X-Api-Key`, `x-atomic-signature`), each name once.
fn credential_parameters(cx: &Context<'_>) -> Vec<String> {
    let ws = cx.ws;
    let mut names: Vec<String> = Vec::new();
    for op in &cx.api.operations {
        for &p in &op.parameters {
            if !matches!(ws.get_str(p, "in"), Some("header" | "cookie")) {
                continue;
            }
            let Some(name) = ws.get_str(p, "name") else {
                continue;
            };
            let credential = words(name)
                .iter()
                .any(|w| CREDENTIAL_WORDS.contains(&w.as_str()));
            if credential && !names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
                names.push(name.to_owned());
            }
        }
    }
    names
}

/// `` `A`, `B`, `C` and 4 more ``.
fn listing(items: &[String]) -> String {
    let shown: Vec<&str> = items.iter().take(3).map(String::as_str).collect();
    let more = if items.len() > 3 {
        format!(" and {} more", items.len() - 3)
    } else {
        String::new()
    };
    format!("{}{more}", shown.join(", "))
}

/// Whether the description says nothing about authentication anywhere: no security
/// scheme and no `security` on the document or an operation.
fn silent_on_auth(cx: &Context<'_>) -> bool {
    cx.api.security_schemes.is_empty()
        && cx.api.security.is_none()
        && cx
            .api
            .operations
            .iter()
            .all(|op| cx.ws.get_raw(op.node, "security").is_none())
}

pub(crate) struct MissingAuth;

impl SpecRule for MissingAuth {
    const RULE: Rule = Rule::MissingAuth;

    fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
        let ws = cx.ws;
        // Operations made optional by a `{}` shared with others (the document's `security`).
        let mut optional: BTreeMap<NodeRef, Vec<String>> = BTreeMap::new();
        // Operations without security in a description that says nothing about
        // authentication: one fact about the document, reported once when there are several.
        let silent = silent_on_auth(cx);
        let mut unsaid: Vec<(Finding, String)> = Vec::new();
        for op in &cx.api.operations {
            let tree = ws.tree(op.node.doc);
            // Underline the method key (`get:`), where the operation starts.
            let op_span = tree
                .key_span(op.node.node)
                .unwrap_or_else(|| tree.span(op.node.node));
            let method = op.method.to_ascii_uppercase();
            if is_public_flow(&op.path) || public_read(&method, &op.path) {
                continue;
            }
            let severity = Some(cap(&method, &op.path));
            let fields = [("method", method.as_str()), ("path", op.path.as_str())];
            match cx.api.effective_security(op) {
                None => {
                    let finding = Finding {
                        cap: severity,
                        at: op.node,
                        span: op_span,
                        message: cx.message(&fields),
                    };
                    // An operation suppressed on its own keeps its finding, for the
                    // suppression to take (and be counted as used).
                    let own =
                        crate::suppress::suppressed_by(ws, op.node, op_span, cx.meta).is_some();
                    if silent && !own {
                        unsaid.push((finding, format!("`{method} {}`", op.path)));
                    } else {
                        out.push(finding);
                    }
                }
                Some(sec) => {
                    let items: Vec<NodeRef> = ws.items(sec).collect();
                    if items.is_empty() {
                        // `security: []` on the operation (or the document) removes authentication.
                        let sec_tree = ws.tree(sec.doc);
                        let span = sec_tree
                            .key_span(sec.node)
                            .map(|k| k.cover(sec_tree.span(sec.node)))
                            .unwrap_or(op_span);
                        let (at, span) = if sec.doc == op.node.doc {
                            (op.node, span)
                        } else {
                            (op.node, op_span)
                        };
                        out.push(Finding {
                            cap: severity,
                            at,
                            span,
                            message: format!(
                                "`{method} {}` sets `security: []`: anyone can call it",
                                op.path
                            ),
                        });
                    } else if let Some(empty) = items
                        .iter()
                        .find(|i| matches!(ws.value(**i), Value::Map(m) if m.is_empty()))
                    {
                        if ws.get_raw(op.node, "security").is_none() {
                            optional
                                .entry(*empty)
                                .or_default()
                                .push(format!("`{method} {}`", op.path));
                            continue;
                        }
                        out.push(Finding {
                            cap: severity,
                            at: op.node,
                            span: ws.tree(empty.doc).span(empty.node),
                            message: format!(
                                "`{method} {}` lists the empty requirement `{{}}`: authentication is optional",
                                op.path
                            ),
                        });
                    }
                }
            }
        }
        for (empty, ops) in optional {
            let n = ops.len();
            let s = if n == 1 { "" } else { "s" };
            out.push(Finding {
                cap: Some(Severity::Warning),
                at: empty,
                span: ws.tree(empty.doc).span(empty.node),
                message: format!(
                    "the document's `security` lists the empty requirement `{{}}`: authentication is optional for the {n} operation{s} that inherit it ({})",
                    listing(&ops)
                ),
            });
        }
        if unsaid.len() < 2 {
            out.extend(unsaid.into_iter().map(|(f, _)| f));
            return;
        }
        // Once, at the `paths` key: the description names no security scheme at all.
        let ops: Vec<String> = unsaid.into_iter().map(|(_, op)| op).collect();
        let tree = ws.tree(cx.api.root.doc);
        let (at, span) = match ws.get_raw(cx.api.root, "paths") {
            Some(p) if p.doc == cx.api.root.doc => (
                p,
                tree.key_span(p.node).unwrap_or_else(|| tree.span(p.node)),
            ),
            _ => (cx.api.root, tree.span(cx.api.root.node)),
        };
        let credentials = credential_parameters(cx);
        let seen = if credentials.is_empty() {
            String::new()
        } else {
            let quoted: Vec<String> = credentials.iter().map(|c| format!("`{c}`")).collect();
            format!(
                "; credentials appear only as parameters ({}), which clients, gateways and tools do not read as authentication",
                listing(&quoted)
            )
        };
        out.push(Finding {
            cap: Some(Severity::Warning),
            at,
            span,
            message: format!(
                "the description declares no security scheme and no `security`: it does not say whether or how callers authenticate to {} operations ({}){seen}",
                ops.len(),
                listing(&ops)
            ),
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::tester::test_rule;
    use crate::Rule;

    const PASS: &[&str] = &[
        // Global security applies to every operation.
        r##"
openapi: 3.0.3
info: {title: t, version: "1"}
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
security: [{bearer: []}]
paths:
  /orders:
    get:
      responses: {"200": {description: ok}}
"##,
        // Operation-level security.
        r##"
openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /orders:
    post:
      security: [{key: []}]
      responses: {"201": {description: created}}
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Key}
"##,
        // Swagger 2.0 with global security.
        r##"
swagger: "2.0"
info: {title: t, version: "1"}
securityDefinitions:
  basic: {type: basic}
security: [{basic: []}]
paths:
  /a:
    get:
      responses: {"200": {description: ok}}
"##,
        // Suppressed on purpose.
        r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /health:
    get:
      x-apiward-ignore: [missing-auth]
      responses: {"200": {description: ok}}
  /login:
    post: # apiward: ignore[missing-auth]
      responses: {"200": {description: ok}}
"##,
    ];

    const FAIL: &[&str] = &[
        // No security anywhere.
        r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /orders/{id}:
    delete:
      responses: {"204": {description: deleted}}
"##,
        // Removed on one operation, optional on another.
        r##"
openapi: 3.0.3
info: {title: t, version: "1"}
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
security: [{bearer: []}]
paths:
  /orders:
    get:
      security: []
      responses: {"200": {description: ok}}
    post:
      security: [{bearer: []}, {}]
      responses: {"201": {description: created}}
"##,
        // A read is a warning, a write or an admin read an error.
        r##"
openapi: 3.0.3
info: {title: t, version: "1"}
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
paths:
  /me:
    get:
      security: [{bearer: []}]
      responses: {"200": {description: ok}}
  /orders:
    get:
      responses: {"200": {description: ok}}
    post:
      responses: {"201": {description: created}}
  /admin/users:
    get:
      responses: {"200": {description: ok}}
"##,
        // Authentication optional for the whole document: once, at the `{}`.
        r##"
openapi: 3.0.3
info: {title: t, version: "1"}
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: api-key}
security: [{key: []}, {}]
paths:
  /a:
    get:
      responses: {"200": {description: ok}}
  /b:
    delete:
      responses: {"204": {description: ok}}
  /c:
    put:
      responses: {"204": {description: ok}}
  /d:
    post:
      responses: {"204": {description: ok}}
  /e:
    post:
      security: [{key: []}]
      responses: {"204": {description: ok}}
"##,
        // A description silent on authentication: once, at `paths`, naming the
        // credentials it passes as parameters.
        r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /:
    get:
      parameters:
        - {in: header, name: x-app-signature, schema: {type: string}}
        - {in: header, name: x-app-timestamp, schema: {type: string}}
        - {in: query, name: token, schema: {type: string}}
      responses: {"200": {description: ok}}
  /upload:
    post:
      responses: {"200": {description: ok}}
  /search:
    get:
      responses: {"200": {description: ok}}
    post:
      responses: {"200": {description: ok}}
  /health:
    get:
      responses: {"200": {description: ok}}
"##,
    ];

    #[test]
    fn missing_auth() {
        insta::assert_snapshot!(test_rule(Rule::MissingAuth, PASS, FAIL));
    }
}
