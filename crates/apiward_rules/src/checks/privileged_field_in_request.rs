//! `privileged-field-in-request`: request schemas that let clients set fields the server
//! should own (roles, admin flags, balances, ownership).

use std::collections::HashSet;

use apiward_spec::load::{NodeRef, Workspace};

use super::shared::{normalize_name, properties, reach, read_only};
use crate::checks::SpecRule;
use crate::{Context, Finding, Rule};

/// Names (normalised) of fields that decide privileges, money or ownership by their mere
/// presence in a request.
const PRIVILEGED: &[&str] = &[
    "admin",
    "isadmin",
    "isadministrator",
    "superuser",
    "issuperuser",
    "isstaff",
    "verified",
    "isverified",
    "emailverified",
    "isemailverified",
    "balance",
    "accountbalance",
    "credit",
    "credits",
    "availablecredit",
    "ownerid",
];

/// Names that are privileges only when their values are: `role` is also a chat message's
/// author or a signer's part, `permission` an ACL the caller manages on purpose.
const ROLE_LIKE: &[&str] = &[
    "role",
    "roles",
    "userrole",
    "userroles",
    "accountrole",
    "permission",
    "permissions",
    "privilege",
    "privileges",
    "accesslevel",
];

/// Values of a role that grant administration.
const ADMIN_VALUES: &[&str] = &[
    "admin",
    "administrator",
    "superuser",
    "superadmin",
    "root",
    "owner",
];

/// Whether the property (or its items) enumerates an administrative value.
fn enumerates_admin(ws: &Workspace, prop: NodeRef) -> bool {
    let mut schemas = vec![prop];
    if let Some(items) = ws.get(prop, "items") {
        schemas.push(items);
    }
    schemas.into_iter().any(|s| {
        ws.get(s, "enum").is_some_and(|e| {
            ws.items(e).any(|v| {
                ws.as_str(v)
                    .is_some_and(|v| ADMIN_VALUES.contains(&normalize_name(v).as_str()))
            })
        })
    })
}

/// Names (normalised) of a user account's identity: a role next to them is the account's
/// own (an ACL entry or a database user setting grants a role to something else).
const ACCOUNT_FIELDS: &[&str] = &["email", "username", "login", "password", "userid"];

/// Whether a property name (and, for role-like names, its values and the object it sits
/// in) marks a privileged field. `siblings` are the normalised names of the object's
/// properties.
fn is_privileged(ws: &Workspace, name: &str, prop: NodeRef, siblings: &[String]) -> bool {
    let norm = normalize_name(name);
    PRIVILEGED.contains(&norm.as_str())
        || (ROLE_LIKE.contains(&norm.as_str())
            && enumerates_admin(ws, prop)
            && siblings
                .iter()
                .any(|n| ACCOUNT_FIELDS.contains(&n.as_str())))
}

/// Operations of an administration API, where setting roles is the point.
fn is_admin_path(path: &str) -> bool {
    path.split('/')
        .any(|seg| seg.to_ascii_lowercase().contains("admin"))
}

pub(crate) struct PrivilegedFieldInRequest;

impl SpecRule for PrivilegedFieldInRequest {
    const RULE: Rule = Rule::PrivilegedFieldInRequest;

    fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
        let ws = cx.ws;
        let inputs: HashSet<NodeRef> = reach(
            ws,
            cx.api,
            cx.api
                .operations
                .iter()
                .filter(|op| !is_admin_path(&op.path)),
            true,
        );
        let mut schemas: Vec<NodeRef> = inputs
            .into_iter()
            .filter(|s| {
                // The same schema describes what the server returns: a model reused as input,
                // the classic way server-owned fields become writable.
                cx.api.schemas.get(s).is_some_and(|u| u.output)
            })
            .collect();
        schemas.sort();
        let mut seen: HashSet<NodeRef> = HashSet::new();
        for schema in schemas {
            if read_only(ws, schema) {
                continue;
            }
            let props = properties(ws, schema);
            let siblings: Vec<String> = props.iter().map(|(n, _, _)| normalize_name(n)).collect();
            for (name, key_span, prop) in props {
                let p = ws.deref(prop);
                if !is_privileged(ws, &name, p, &siblings) || read_only(ws, p) || !seen.insert(prop)
                {
                    continue;
                }
                out.push(Finding {
                    cap: None,
                    at: prop,
                    span: key_span,
                    message: cx.message(&[("name", &name)]),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::tester::test_rule;
    use crate::Rule;

    const PASS: &[&str] = &[
        // Read-only privileged fields; request-only schemas; admin endpoints; response-only.
        r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /users/{id}:
    put:
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/User"}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/User"}
  /invites:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                role: {type: string, enum: [viewer, editor]}
      responses: {"201": {description: created}}
  /admin/users/{id}:
    put:
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Account"}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Account"}
components:
  schemas:
    User:
      type: object
      properties:
        name: {type: string}
        role: {type: string, readOnly: true}
        is_admin: {type: boolean, readOnly: true}
        balance:
          type: integer
          description: The balance available to withdraw (note, you cannot modify this in a PATCH request)
    Account:
      type: object
      properties:
        balance: {type: number}
"##,
        // Role-like names whose values grant nothing (a chat message's author).
        r##"
openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /messages:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Message"}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Message"}
components:
  schemas:
    Message:
      type: object
      properties:
        role: {type: string, enum: [user, assistant, system]}
        permissions: {type: array, items: {type: string, enum: [read, write]}}
        acl: {$ref: "#/components/schemas/Acl"}
    Acl:
      type: object
      properties:
        index: {type: string}
        permission: {type: string, enum: [read, admin]}
"##,
    ];

    const FAIL: &[&str] = &[r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /users/{id}:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/User"}
    patch:
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/User"}
      responses: {"204": {description: ok}}
components:
  schemas:
    User:
      type: object
      properties:
        email: {type: string}
        role: {type: string, enum: [member, Admin]}
        isAdmin: {type: boolean}
        available_credit: {type: number}
        owner_id: {type: string}
"##];

    #[test]
    fn privileged_field_in_request() {
        insta::assert_snapshot!(test_rule(Rule::PrivilegedFieldInRequest, PASS, FAIL));
    }
}
