//! `internal-exposed`: servers, paths and operations marked `x-internal: true` in a
//! description that is linted (and so, presumably, published).

use std::collections::HashSet;

use apiward_spec::load::NodeRef;
use apiward_spec::model::METHODS;
use apiward_spec::tree::Value;

use crate::checks::SpecRule;
use crate::{Context, Finding, Rule};

struct Scan<'a, 'c> {
    cx: &'a Context<'c>,
    seen: HashSet<NodeRef>,
    out: &'a mut Vec<Finding>,
}

impl Scan<'_, '_> {
    /// Reports `x-internal: true` on `node`, which is `what`.
    fn mark(&mut self, node: NodeRef, what: &str) {
        let ws = self.cx.ws;
        let Some(flag) = ws.get_raw(node, "x-internal") else {
            return;
        };
        let internal = match ws.value(flag) {
            Value::Bool(b) => *b,
            Value::String(s) => s.eq_ignore_ascii_case("true"),
            _ => false,
        };
        if !internal || !self.seen.insert(flag) {
            return;
        }
        let tree = ws.tree(flag.doc);
        let span = tree.span(flag.node);
        let span = tree.key_span(flag.node).map_or(span, |k| k.cover(span));
        self.out.push(Finding {
            cap: None,
            at: flag,
            span,
            message: self.cx.message(&[("what", what)]),
        });
    }

    fn servers(&mut self, holder: NodeRef) {
        let ws = self.cx.ws;
        if let Some(list) = ws.get(holder, "servers") {
            for s in ws.items(list) {
                let url = ws.get_str(s, "url").unwrap_or_default().to_owned();
                self.mark(s, &format!("server `{url}`"));
            }
        }
    }
}

pub(crate) struct InternalExposed;

impl SpecRule for InternalExposed {
    const RULE: Rule = Rule::InternalExposed;

    fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
        let ws = cx.ws;
        let root = cx.api.root;
        let mut scan = Scan {
            cx,
            seen: HashSet::new(),
            out,
        };
        scan.servers(root);
        for (key, list) in [("paths", "path"), ("webhooks", "webhook")] {
            let Some(paths) = ws.get(root, key) else {
                continue;
            };
            for (path, item) in ws.entries(paths) {
                if path.starts_with("x-") {
                    continue;
                }
                let item = ws.deref(item);
                scan.mark(item, &format!("{list} `{path}`"));
                scan.servers(item);
                for (method, op) in ws.entries(item) {
                    if METHODS.contains(&method) {
                        let method = method.to_ascii_uppercase();
                        let what = if list == "path" {
                            format!("operation `{method} {path}`")
                        } else {
                            format!("webhook `{path}` ({method})")
                        };
                        scan.mark(op, &what);
                        scan.servers(op);
                    }
                }
            }
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
  - url: https://api.example.com
    x-internal: false
paths:
  /orders:
    get:
      x-internal: false
      responses: {"200": {description: ok}}
"#];

    const FAIL: &[&str] = &[r#"
openapi: 3.1.0
info: {title: t, version: "1"}
servers:
  - url: https://ops.example.com
    x-internal: true
paths:
  /admin/reindex:
    x-internal: true
    post:
      responses: {"202": {description: accepted}}
  /orders:
    delete:
      x-internal: true
      responses: {"204": {description: deleted}}
webhooks:
  audit:
    post:
      x-internal: true
      responses: {"200": {description: ok}}
"#];

    #[test]
    fn internal_exposed() {
        insta::assert_snapshot!(test_rule(Rule::InternalExposed, PASS, FAIL));
    }
}
