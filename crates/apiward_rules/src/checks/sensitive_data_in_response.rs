//! `sensitive-data-in-response`: response properties named like secrets or payment and
//! identity data.

use std::collections::HashSet;

use apiward_spec::load::NodeRef;
use apiward_spec::tree::Value;

use super::shared::{is_true, normalize_name, properties, reach, type_node};
use crate::checks::SpecRule;
use crate::{Context, Finding, Rule};

/// What a sensitive name is, for the message; `None` when the name is not sensitive.
/// Names are normalised (`new_password` → `newpassword`).
fn never_returned(norm: &str) -> Option<&'static str> {
    if [
        "password",
        "passwd",
        "passphrase",
        "passwordhash",
        "passwordsalt",
    ]
    .iter()
    .any(|s| norm.ends_with(s))
        || norm == "hashedpassword"
        || norm == "pwd"
    {
        return Some("a password");
    }
    if matches!(
        norm,
        "ssn" | "socialsecuritynumber" | "socialsecurityno" | "socialinsurancenumber"
    ) {
        return Some("a social security number");
    }
    if matches!(
        norm,
        "creditcard"
            | "creditcardnumber"
            | "cardnumber"
            | "cardno"
            | "ccnumber"
            | "pan"
            | "primaryaccountnumber"
    ) {
        return Some("a payment card number");
    }
    if matches!(
        norm,
        "cvv" | "cvv2" | "cvc" | "cvc2" | "cardverificationcode" | "cardsecuritycode"
    ) {
        return Some("a card security code");
    }
    if norm.ends_with("privatekey") {
        return Some("a private key");
    }
    None
}

/// Credentials that endpoints issuing them legitimately return (once).
fn credential(norm: &str) -> Option<&'static str> {
    if norm.ends_with("secret") || norm.ends_with("secretkey") || norm == "secretaccesskey" {
        return Some("a secret");
    }
    if norm.ends_with("apikey") || norm == "apitoken" {
        return Some("an API key");
    }
    if matches!(
        norm,
        "accesstoken"
            | "refreshtoken"
            | "idtoken"
            | "authtoken"
            | "authorizationtoken"
            | "bearertoken"
            | "sessiontoken"
            | "personalaccesstoken"
    ) {
        return Some("an access token");
    }
    None
}

/// Markers of a value shown only in part, or of data about the secret, not the secret.
const HARMLESS: &[&str] = &[
    "masked",
    "redacted",
    "obfuscated",
    "hint",
    "last4",
    "partial",
];

/// Whether an operation issues or rotates credentials: creating a resource (POST), or a
/// path about tokens, sessions, logins, keys or secrets.
fn issues_credentials(method: &str, path: &str) -> bool {
    if method == "post" {
        return true;
    }
    let p = path.to_ascii_lowercase();
    [
        "token",
        "oauth",
        "login",
        "signin",
        "sign-in",
        "session",
        "auth",
        "key",
        "secret",
        "credential",
        "password",
        "register",
        "signup",
    ]
    .iter()
    .any(|w| p.contains(w))
}

/// Names (normalised) of an expiry next to a credential: the object is a short-lived
/// credential being issued (an OAuth token response, a temporary TURN password).
const EXPIRY: &[&str] = &[
    "expiresin",
    "expiresat",
    "expiration",
    "expiry",
    "ttl",
    "tokentype",
];

pub(crate) struct SensitiveDataInResponse;

impl SpecRule for SensitiveDataInResponse {
    const RULE: Rule = Rule::SensitiveDataInResponse;

    fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
        let ws = cx.ws;
        // Schemas reached from responses of operations that do not issue credentials.
        let plain: HashSet<NodeRef> = reach(
            ws,
            cx.api,
            cx.api
                .operations
                .iter()
                .filter(|op| !issues_credentials(op.method, &op.path)),
            false,
        );
        let mut schemas: Vec<NodeRef> = cx
            .api
            .schemas
            .iter()
            .filter(|(_, u)| u.output)
            .map(|(s, _)| *s)
            .collect();
        schemas.sort();
        let mut seen: HashSet<NodeRef> = HashSet::new();
        for schema in schemas {
            let props = properties(ws, schema);
            let issued = props
                .iter()
                .any(|(n, _, _)| EXPIRY.contains(&normalize_name(n).as_str()));
            if issued {
                continue;
            }
            for (name, key_span, prop) in props {
                let norm = normalize_name(&name);
                if HARMLESS.iter().any(|h| norm.contains(h)) {
                    continue;
                }
                let what = match (never_returned(&norm), credential(&norm)) {
                    (Some(w), _) => w,
                    (None, Some(w)) if plain.contains(&schema) => w,
                    _ => continue,
                };
                let p = ws.deref(prop);
                // Only values that can hold the secret: strings (or untyped), sent back.
                let typed = ws.get_raw(p, "type").is_some();
                if (typed && type_node(ws, p, "string").is_none())
                    || is_true(ws, p, "writeOnly")
                    || holds_no_secret(ws, prop, 0)
                    || matches!(
                        ws.get(p, "format").and_then(|f| ws.as_str(f)),
                        Some("date" | "date-time")
                    )
                    || !matches!(ws.value(p), Value::Map(_))
                {
                    continue;
                }
                if !seen.insert(prop) {
                    continue;
                }
                out.push(Finding {
                    cap: None,
                    at: prop,
                    span: key_span,
                    message: cx.message(&[("name", &name), ("what", what)]),
                });
            }
        }
    }
}

/// What a schema's description says when the value it sends is not the secret: masked,
/// redacted, or kept from the responses.
const MASKED: &[&str] = &[
    "*****",
    "redacted",
    "masked",
    "never sent",
    "never returned",
    "not returned",
    "never exposed",
    "never included in",
    "not included in responses",
    "write-only",
    "write only",
];

/// Whether a property's value cannot carry the secret its name says: one of fixed values
/// (`enum: [Unset, Set]`, `const`), or one its description (of the property or of the schema
/// it refers to) says is masked or never sent out; through `oneOf`/`anyOf` (every branch
/// but `null`) and `allOf` (any part).
fn holds_no_secret(ws: &apiward_spec::load::Workspace, prop: NodeRef, depth: usize) -> bool {
    if depth > 4 {
        return false;
    }
    let said = |r: NodeRef| {
        ws.tree(r.doc)
            .get_str(r.node, "description")
            .is_some_and(|d| {
                // Whole words: not "unmasked", "unredacted".
                let d = d.to_ascii_lowercase();
                MASKED.iter().any(|m| {
                    d.match_indices(m).any(|(i, _)| {
                        !d[..i].ends_with(|c: char| c.is_ascii_alphanumeric())
                            && !d[i + m.len()..].starts_with(|c: char| c.is_ascii_alphanumeric())
                    })
                })
            })
    };
    let p = ws.deref(prop);
    if said(prop) || said(p) || ws.get_raw(p, "enum").is_some() || ws.get_raw(p, "const").is_some()
    {
        return true;
    }
    let null = |r: NodeRef| {
        ws.get_str(r, "type") == Some("null")
            || ws
                .get(r, "enum")
                .is_some_and(|e| ws.items(e).all(|v| matches!(ws.value(v), Value::Null)))
    };
    for key in ["oneOf", "anyOf"] {
        if let Some(alts) = ws.get(p, key) {
            let mut branches = ws.items(alts).filter(|&b| !null(b)).peekable();
            if branches.peek().is_some() {
                return branches.all(|b| holds_no_secret(ws, b, depth + 1));
            }
        }
    }
    ws.get(p, "allOf")
        .is_some_and(|parts| ws.items(parts).any(|b| holds_no_secret(ws, b, depth + 1)))
}

#[cfg(test)]
mod tests {
    use crate::tester::test_rule;
    use crate::Rule;

    const PASS: &[&str] = &[
        // Write-only secrets, flags and dates about them, masked numbers, pagination
        // tokens, tokens returned by a token endpoint, request-only passwords.
        r##"
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
    put:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                new_password: {type: string, maxLength: 64}
      responses: {"204": {description: ok}}
  /oauth/token:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  access_token: {type: string}
                  refresh_token: {type: string}
components:
  schemas:
    User:
      type: object
      properties:
        password: {type: string, writeOnly: true}
        has_password: {type: boolean}
        passwordChangedAt: {type: string, format: date-time}
        password_policy: {type: object}
        masked_card_number: {type: string}
        next_page_token: {type: string}
        embed_link: {$ref: "#/components/schemas/EmbedToken"}
    EmbedToken:
      type: object
      properties:
        access_token: {type: string}
        expires_in: {type: integer}
"##,
        // Client secrets shown once, when the client is created.
        r#"
openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /apps:
    post:
      responses:
        "201":
          description: created
          content:
            application/json:
              schema:
                type: object
                properties:
                  client_secret: {type: string}
"#,
        // Values that cannot carry the secret: whether a password is set (an enum), a
        // wrapper whose description says it is sent out masked (behind `oneOf` with
        // `null`), a property whose description says it is never sent out.
        r##"
openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /providers/{id}:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Provider"}
components:
  schemas:
    Provider:
      type: object
      properties:
        password: {$ref: "#/components/schemas/PasswordState"}
        secretKey:
          oneOf:
            - {type: "null"}
            - {$ref: "#/components/schemas/Secret"}
        secret_access_key:
          type: string
          description: Empty on the API; the stored secret is never sent out.
    PasswordState:
      type: string
      enum: [Unset, Set]
    Secret:
      type: string
      description: A wrapper that serializes to "*****" in responses.
"##,
    ];

    const FAIL: &[&str] = &[
        r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /users:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: array
                items: {$ref: "#/components/schemas/User"}
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/User"}
      responses: {"201": {description: created}}
components:
  schemas:
    User:
      type: object
      properties:
        name: {type: string}
        password:
          type: string
        ssn: {type: string}
        cardNumber: {$ref: "#/components/schemas/Pan"}
        api_key: {type: string}
        privateKey:
          oneOf:
            - {type: "null"}
            - {$ref: "#/components/schemas/Pan"}
        socialSecurityNumber:
          type: string
          description: The unmasked, unredacted number (pii:read scope).
    Pan: {type: string}
"##,
        // Swagger 2.0 (no writeOnly there: a separate response schema is the fix).
        r#"
swagger: "2.0"
info: {title: t, version: "1"}
paths:
  /accounts/{id}:
    get:
      responses:
        "200":
          description: ok
          schema:
            type: object
            properties:
              private_key: {type: string}
              cvv: {type: string}
"#,
    ];

    #[test]
    fn sensitive_data_in_response() {
        insta::assert_snapshot!(test_rule(Rule::SensitiveDataInResponse, PASS, FAIL));
    }
}
