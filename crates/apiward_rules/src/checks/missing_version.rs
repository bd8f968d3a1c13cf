//! `missing-version`: descriptions without an `info.version`.

use apiward_spec::tree::Value;

use crate::checks::SpecRule;
use crate::{Context, Finding, Rule};

pub(crate) struct MissingVersion;

impl SpecRule for MissingVersion {
    const RULE: Rule = Rule::MissingVersion;

    fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
        let ws = cx.ws;
        let root = cx.api.root;
        let tree = ws.tree(root.doc);
        let (at, span, message) = if let Some(info) = ws.get_raw(root, "info") {
            let version = ws.get(info, "version");
            let empty = match version.map(|v| ws.value(v)) {
                None | Some(Value::Null) => true,
                Some(Value::String(s)) => s.trim().is_empty(),
                _ => false,
            };
            if !empty {
                return;
            }
            let message = match version {
                Some(_) => {
                    "`info.version` is empty: deployed versions cannot be told apart".to_owned()
                }
                None => cx.message(&[]),
            };
            let span = tree
                .key_span(info.node)
                .unwrap_or_else(|| tree.span(info.node));
            (info, span, message)
        } else {
            // No `info` at all: underline the first key of the document.
            let Some(first) = tree.as_map(root.node).and_then(|m| m.first()) else {
                return;
            };
            (
                root,
                first.key_span,
                "the description has no `info` object, so no `info.version`".to_owned(),
            )
        };
        out.push(Finding {
            at,
            span,
            message,
            cap: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::tester::test_rule;
    use crate::Rule;

    const PASS: &[&str] = &[
        r#"
openapi: 3.0.3
info: {title: t, version: "2024-06-01"}
paths: {}
"#,
        r#"
swagger: "2.0"
info: {title: t, version: 2}
paths: {}
"#,
    ];

    const FAIL: &[&str] = &[
        r"
openapi: 3.0.3
info:
  title: t
paths: {}
",
        r#"
openapi: 3.1.0
info: {title: t, version: ""}
paths: {}
"#,
        r#"
swagger: "2.0"
paths: {}
"#,
    ];

    #[test]
    fn missing_version() {
        insta::assert_snapshot!(test_rule(Rule::MissingVersion, PASS, FAIL));
    }
}
