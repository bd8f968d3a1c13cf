//! `missing-auth`: operations that can be called without credentials.
//!
//! Judged as the code side judges routes ([`crate::public`]): sign-in, sign-up, token,
//! password reset, OAuth callback, webhook and health operations, reads of the documentation
//! and of the root page are public by nature and not reported. An operation that changes
//! state or sits under an admin path is an error; one that only reads, a warning. A global
//! `security` that lists the empty requirement `{}` (authentication optional everywhere, a
//! deliberate setting) is reported once, at the `{}`, with the number of operations it
//! covers; on one operation, at that operation.

use std::collections::BTreeMap;

use apiward_diagnostics::Severity;
use apiward_spec::load::NodeRef;
use apiward_spec::tree::Value;

use crate::public::{changes_state, is_public_flow, privileged_segment, public_read};
use crate::{Context, Finding};

/// The severity an operation without authentication deserves: an error when it changes
/// state or sits under an admin path, a warning when it only reads.
fn cap(method: &str, path: &str) -> Severity {
    if changes_state(method) || privileged_segment(path).is_some() {
        Severity::Error
    } else {
        Severity::Warning
    }
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ws = cx.ws;
    // Operations made optional by a `{}` shared with others (the document's `security`).
    let mut optional: BTreeMap<NodeRef, Vec<String>> = BTreeMap::new();
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
            None => out.push(Finding {
                cap: severity,
                at: op.node,
                span: op_span,
                message: cx.message(&fields),
            }),
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
        let shown: Vec<&str> = ops.iter().take(3).map(String::as_str).collect();
        let more = if ops.len() > 3 {
            format!(" and {} more", ops.len() - 3)
        } else {
            String::new()
        };
        let n = ops.len();
        let s = if n == 1 { "" } else { "s" };
        out.push(Finding {
            cap: Some(Severity::Warning),
            at: empty,
            span: ws.tree(empty.doc).span(empty.node),
            message: format!(
                "the document's `security` lists the empty requirement `{{}}`: authentication is optional for the {n} operation{s} that inherit it ({}{more})",
                shown.join(", ")
            ),
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::tester::test_rule;

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
paths:
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
    ];

    #[test]
    fn missing_auth() {
        insta::assert_snapshot!(test_rule("missing-auth", PASS, FAIL));
    }
}
