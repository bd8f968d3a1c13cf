//! `undefined-security-scheme`: security requirements naming a scheme that the document
//! does not define, so that the requirement protects nothing a tool or gateway can enforce.

use std::collections::HashSet;

use apiward_spec::load::NodeRef;
use apiward_spec::model::SpecVersion;

use crate::checks::SpecRule;
use crate::{Context, Finding, Rule};

pub(crate) struct UndefinedSecurityScheme;

impl SpecRule for UndefinedSecurityScheme {
    const RULE: Rule = Rule::UndefinedSecurityScheme;

    fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
        let ws = cx.ws;
        let defined: HashSet<&str> = cx
            .api
            .security_schemes
            .iter()
            .map(|(n, _)| n.as_str())
            .collect();
        let place = if cx.api.version == SpecVersion::Swagger2 {
            "securityDefinitions"
        } else {
            "components.securitySchemes"
        };
        let mut lists: Vec<NodeRef> = Vec::new();
        lists.extend(cx.api.security);
        lists.extend(cx.api.operations.iter().filter_map(|op| op.security));
        let mut seen: HashSet<NodeRef> = HashSet::new();
        for list in lists {
            let list = ws.deref(list);
            if !seen.insert(list) {
                continue;
            }
            for requirement in ws.items(list) {
                let requirement = ws.deref(requirement);
                let tree = ws.tree(requirement.doc);
                let Some(entries) = tree.as_map(requirement.node) else {
                    continue;
                };
                for e in entries {
                    if defined.contains(e.key.as_str()) {
                        continue;
                    }
                    out.push(Finding {
                        cap: None,
                        at: NodeRef {
                            doc: requirement.doc,
                            node: e.value,
                        },
                        span: e.key_span,
                        message: cx.message(&[("name", &e.key), ("where", place)]),
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::tester::test_rule;
    use crate::Rule;

    const PASS: &[&str] = &[
        r##"
openapi: 3.0.3
info: {title: t, version: "1"}
security: [{bearer: []}]
paths:
  /a:
    get:
      security: [{key: [], bearer: []}, {}]
      responses: {"200": {description: ok}}
    post:
      security: []
      responses: {"200": {description: ok}}
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
    key:
      $ref: "#/components/x-key"
  x-key: {type: apiKey, in: header, name: X-Key}
"##,
        r#"
swagger: "2.0"
info: {title: t, version: "1"}
securityDefinitions:
  basic: {type: basic}
security: [{basic: []}]
paths: {}
"#,
    ];

    const FAIL: &[&str] = &[
        r#"
openapi: 3.0.3
info: {title: t, version: "1"}
security: [{Bearer: []}]
paths:
  /a:
    get:
      security:
        - bearer: []
          apiKey: []
      responses: {"200": {description: ok}}
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
"#,
        // No definitions at all.
        r#"
swagger: "2.0"
info: {title: t, version: "1"}
paths:
  /a:
    get:
      security: [{oauth: [read]}]
      responses: {"200": {description: ok}}
"#,
    ];

    #[test]
    fn undefined_security_scheme() {
        insta::assert_snapshot!(test_rule(Rule::UndefinedSecurityScheme, PASS, FAIL));
    }
}
