//! `missing-auth`: operations that can be called without credentials.

use apiward_spec::load::NodeRef;
use apiward_spec::tree::Value;

use crate::{Context, Finding};

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ws = cx.ws;
    for op in &cx.api.operations {
        let tree = ws.tree(op.node.doc);
        // Underline the method key (`get:`), where the operation starts.
        let op_span = tree
            .key_span(op.node.node)
            .unwrap_or_else(|| tree.span(op.node.node));
        let method = op.method.to_ascii_uppercase();
        let fields = [("method", method.as_str()), ("path", op.path.as_str())];
        match cx.api.effective_security(op) {
            None => out.push(Finding {
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
                    out.push(Finding {
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
    ];

    #[test]
    fn missing_auth() {
        insta::assert_snapshot!(test_rule("missing-auth", PASS, FAIL));
    }
}
