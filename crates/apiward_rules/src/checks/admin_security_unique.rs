//! `admin-security-unique`: administrative operations that accept exactly the credentials
//! that ordinary operations accept, so that nothing in the description separates admin
//! functions from the rest.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use apiward_spec::model::Operation;
use apiward_spec::tree::Value;

use super::shared::words;
use crate::checks::SpecRule;
use crate::{Context, Finding, Rule};

/// One security requirement, normalised: scheme → scopes, both sorted.
type Requirement = BTreeMap<String, BTreeSet<String>>;

/// Path segments that name an administrative area by themselves.
const ADMIN_SEGMENTS: &[&str] = &[
    "admin",
    "admins",
    "administrator",
    "administrators",
    "administration",
    "internal",
    "manage",
    "management",
    "superuser",
    "superusers",
    "sudo",
    "backoffice",
    "back-office",
    "wp-admin",
];

/// Words that make a segment administrative when it starts with them (`admin-users`,
/// `adminSettings`, `_admin`).
const ADMIN_WORDS: &[&str] = &["admin", "administrator", "administration", "superuser"];

/// The administrative segment of a path, if any.
pub(crate) fn admin_segment(path: &str) -> Option<&str> {
    path.split('/')
        .filter(|s| !s.is_empty() && !s.starts_with('{'))
        .find(|s| {
            let lower = s.to_ascii_lowercase();
            ADMIN_SEGMENTS.contains(&lower.as_str())
                || words(s)
                    .first()
                    .is_some_and(|w| ADMIN_WORDS.contains(&w.as_str()))
        })
}

/// Whether a requirement is meant for administrators: a scheme or a scope named so
/// (`AdminApiKeyAuth`, `admin:org`). Operations sharing it are admin operations too.
fn admin_specific(r: &Requirement) -> bool {
    r.iter()
        .flat_map(|(scheme, scopes)| std::iter::once(scheme).chain(scopes))
        .any(|name| {
            words(name)
                .iter()
                .any(|w| ADMIN_WORDS.contains(&w.as_str()))
        })
}

/// The non-empty alternatives of the security in force for an operation.
fn requirements(cx: &Context<'_>, op: &Operation) -> Vec<Requirement> {
    let ws = cx.ws;
    let Some(list) = cx.api.effective_security(op) else {
        return Vec::new();
    };
    let mut out: Vec<Requirement> = ws
        .items(list)
        .map(|item| {
            ws.entries(item)
                .map(|(scheme, scopes)| {
                    let scopes = match ws.value(scopes) {
                        Value::Seq(_) => ws
                            .items(scopes)
                            .filter_map(|s| ws.as_str(s).map(str::to_owned))
                            .collect(),
                        _ => BTreeSet::new(),
                    };
                    (scheme.to_owned(), scopes)
                })
                .collect::<Requirement>()
        })
        .filter(|r| !r.is_empty())
        .collect();
    out.sort();
    out.dedup();
    out
}

fn describe(r: &Requirement) -> String {
    r.iter()
        .map(|(scheme, scopes)| {
            if scopes.is_empty() {
                scheme.clone()
            } else {
                let s: Vec<&str> = scopes.iter().map(String::as_str).collect();
                format!("{scheme} [{}]", s.join(", "))
            }
        })
        .collect::<Vec<_>>()
        .join(" + ")
}

pub(crate) struct AdminSecurityUnique;

impl SpecRule for AdminSecurityUnique {
    const RULE: Rule = Rule::AdminSecurityUnique;

    fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
        let ops = &cx.api.operations;
        let admin: Vec<bool> = ops
            .iter()
            .map(|op| admin_segment(&op.path).is_some())
            .collect();
        if !admin.iter().any(|a| *a) {
            return;
        }
        // Each requirement ordinary operations accept, with the first such operation.
        let mut ordinary: HashMap<Requirement, &Operation> = HashMap::new();
        for (op, _) in ops.iter().zip(&admin).filter(|(_, a)| !**a) {
            for r in requirements(cx, op) {
                ordinary.entry(r).or_insert(op);
            }
        }
        for (op, _) in ops.iter().zip(&admin).filter(|(_, a)| **a) {
            let shared = requirements(cx, op)
                .into_iter()
                .filter(|r| !admin_specific(r))
                .find_map(|r| ordinary.get(&r).map(|other| (r, *other)));
            let Some((r, other)) = shared else { continue };
            let tree = cx.ws.tree(op.node.doc);
            let span = tree
                .key_span(op.node.node)
                .unwrap_or_else(|| tree.span(op.node.node));
            let method = op.method.to_ascii_uppercase();
            let other_op = format!("{} {}", other.method.to_ascii_uppercase(), other.path);
            out.push(Finding {
                cap: None,
                at: op.node,
                span,
                message: cx.message(&[
                    ("method", &method),
                    ("path", &op.path),
                    ("requirement", &describe(&r)),
                    ("other", &other_op),
                ]),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::admin_segment;
    use crate::tester::test_rule;
    use crate::Rule;

    #[test]
    fn admin_paths() {
        assert!(admin_segment("/admin/users").is_some());
        assert!(admin_segment("/v1/admin-users/{id}").is_some());
        assert!(admin_segment("/api/internal/jobs").is_some());
        assert!(admin_segment("/adminSettings").is_some());
        assert!(admin_segment("/administrators").is_some());
        assert!(admin_segment("/users/{admin}").is_none());
        assert!(admin_segment("/managementGroups").is_none());
        assert!(admin_segment("/badminton").is_none());
    }

    const PASS: &[&str] = &[
        // Admin operations need a scope (or a scheme) ordinary ones do not.
        r#"
openapi: 3.0.3
info: {title: t, version: "1"}
security: [{oauth: [read]}]
paths:
  /orders:
    get:
      responses: {"200": {description: ok}}
  /admin/users:
    get:
      security: [{oauth: [admin, read]}]
      responses: {"200": {description: ok}}
    delete:
      security: [{adminKey: []}]
      responses: {"204": {description: gone}}
components:
  securitySchemes:
    adminKey: {type: apiKey, in: header, name: X-Admin-Key}
    oauth:
      type: oauth2
      flows:
        clientCredentials:
          tokenUrl: https://example.com/token
          scopes: {read: read, admin: admin}
"#,
        // A scheme meant for administrators, shared by admin-only operations elsewhere.
        r#"
openapi: 3.0.3
info: {title: t, version: "1"}
security: [{AdminApiKeyAuth: []}]
paths:
  /organization/audit_logs:
    get:
      responses: {"200": {description: ok}}
  /organization/admin_api_keys:
    get:
      responses: {"200": {description: ok}}
components:
  securitySchemes:
    AdminApiKeyAuth: {type: http, scheme: bearer}
"#,
        // No security at all is missing-auth's business, not this rule's.
        r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /orders:
    get:
      responses: {"200": {description: ok}}
  /admin/users:
    get:
      responses: {"200": {description: ok}}
"#,
    ];

    const FAIL: &[&str] = &[
        // Inherited from the document, and declared the same way on the operation.
        r#"
openapi: 3.0.3
info: {title: t, version: "1"}
security: [{bearer: []}]
paths:
  /orders:
    get:
      responses: {"200": {description: ok}}
  /admin/users:
    get:
      responses: {"200": {description: ok}}
    post:
      security: [{adminKey: []}, {bearer: []}]
      responses: {"201": {description: created}}
  /internal/reindex:
    post:
      security: [{adminKey: []}]
      responses: {"202": {description: accepted}}
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
    adminKey: {type: apiKey, in: header, name: X-Admin-Key}
"#,
    ];

    #[test]
    fn admin_security_unique() {
        insta::assert_snapshot!(test_rule(Rule::AdminSecurityUnique, PASS, FAIL));
    }
}
