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
//! the credentials it passes as plain header or cookie parameters, if any. An operation
//! without security whose description shows credentials expected another way (a
//! credential parameter or body field, a documented 401/403, prose), says it is public on
//! purpose, or whose request apiward could not read (a `$ref` of its parameters or body that
//! does not resolve), is an info about the documentation ([`unmodeled`]). A read whose path
//! says it is public (`/api/public_page/{id}`, [`crate::public::says_public`]) is not
//! reported.

use std::collections::BTreeMap;

use apiward_diagnostics::Severity;
use apiward_spec::load::{NodeRef, Workspace};
use apiward_spec::tree::Value;

use super::shared::{properties, request_body_schemas, words};
use crate::checks::SpecRule;
use crate::public::{
    carries_capability, changes_state, is_public_flow, privileged_segment, public_read, says_public,
};
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

/// First words of an operation that sets a service up before anyone can sign in: its
/// `operationId` or summary (`init_first_account`, "Initialize the Workspace"), or a segment
/// of its path (`/init/first-account`, `/setup`).
const SETUP_WORDS: &[&str] = &[
    "init",
    "initialize",
    "initialise",
    "setup",
    "bootstrap",
    "install",
];

/// Whether the operation (one that sets `security: []` itself) is a first-run setup: the
/// words that say so.
fn first_run_setup(ws: &Workspace, op: &apiward_spec::model::Operation) -> Option<String> {
    ws.get_raw(op.node, "security")?;
    let said = ["operationId", "summary"].iter().find_map(|k| {
        let text = ws.get_str(op.node, k)?;
        let first = text
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty())?;
        let first = words(first).into_iter().next()?.to_ascii_lowercase();
        SETUP_WORDS
            .contains(&first.as_str())
            .then(|| format!("{k} \"{text}\""))
    });
    said.or_else(|| {
        op.path
            .split('/')
            .find(|seg| {
                words(seg)
                    .first()
                    .is_some_and(|w| SETUP_WORDS.contains(&w.as_str()))
            })
            .map(|seg| format!("path segment `{seg}`"))
    })
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

/// Words of a parameter's name that, alone, mark a credential. `key` and `token` need a
/// qualifier before them (`api_key`, `access_token`; not `Idempotency-Key`, `page_token`,
/// `token_id`): a bare `key` is a lookup key, a bare `token` as often a page cursor.
const INPUT_CREDENTIAL_WORDS: &[&str] = &[
    "apikey",
    "authorization",
    "authentication",
    "jwt",
    "signature",
    "session",
];

/// Qualifiers that make a following `key` or `token` a credential.
const CREDENTIAL_QUALIFIERS: &[&str] = &["api", "access", "auth", "id", "bearer", "session"];

/// Whether an input's name names a credential (see [`INPUT_CREDENTIAL_WORDS`]).
fn names_credential(name: &str) -> bool {
    let ws = words(name);
    if ws
        .last()
        .is_some_and(|w| matches!(w.as_str(), "id" | "ids"))
    {
        return false;
    }
    ws.iter()
        .any(|w| INPUT_CREDENTIAL_WORDS.contains(&w.as_str()))
        || ws.windows(2).any(|p| {
            CREDENTIAL_QUALIFIERS.contains(&p[0].as_str())
                && matches!(p[1].as_str(), "key" | "token")
        })
}

/// Whether a request-body field carries the caller's own credential (`authentication`,
/// `access_token`), not one the operation stores (`api_key`, `credentials` of a connector
/// being configured).
fn body_credential(name: &str) -> bool {
    let ws = words(name);
    ws.iter()
        .any(|w| matches!(w.as_str(), "authentication" | "authorization" | "jwt"))
        || ws.windows(2).any(|p| {
            matches!(p[0].as_str(), "access" | "id" | "auth" | "bearer") && p[1] == "token"
        })
}

/// Phrases of an operation's description that say how its callers authenticate.
const SAYS_AUTH: &[&str] = &[
    "authentication:",
    "**authentication**",
    "requires authentication",
    "authentication required",
    "authentication is required",
    "must be authenticated",
    "requires an authenticated",
    "currently authenticated",
    "authenticated user",
    "authenticated session",
    "client certificate required",
    "mtls",
    "signature version 4",
    "sigv4",
];

/// Phrases of an operation's description that say it is public on purpose.
const SAYS_PUBLIC: &[&str] = &[
    "no authentication",
    "without authentication",
    "does not require authentication",
    "doesn't require authentication",
    "no auth required",
    "authentication: none",
    "auth: none",
    "public endpoint",
];

/// What the description says about an operation's callers although it declares no
/// security requirement for it.
enum Unmodeled {
    /// Credentials are expected, but not as a security scheme: a credential input, a
    /// documented 401/403, or prose. Holds how the description shows it.
    Expected(String),
    /// The operation's text says it is public on purpose.
    Public(String),
    /// Part of the request could not be read (a `$ref` that does not resolve): it may carry
    /// credentials apiward cannot see. Holds the reference.
    Unread(String),
}

/// The first of `phrases` that `text` contains, case-insensitively.
fn phrase<'a>(text: &str, phrases: &[&'a str]) -> Option<&'a str> {
    let lower = text.to_ascii_lowercase();
    phrases.iter().copied().find(|p| lower.contains(p))
}

/// The top-level property names of an operation's request body ([`request_body_schemas`]),
/// with those of its `allOf` members (a few, dereferenced).
fn body_properties(cx: &Context<'_>, op: &apiward_spec::model::Operation) -> Vec<String> {
    let ws = cx.ws;
    let mut schemas = request_body_schemas(ws, cx.api, op);
    let mut names = Vec::new();
    let mut i = 0;
    while i < schemas.len() && i < 16 {
        let schema = ws.deref(schemas[i]);
        i += 1;
        if let Some(all) = ws.get(schema, "allOf") {
            schemas.extend(ws.items(all));
        }
        names.extend(properties(ws, schema).into_iter().map(|(name, ..)| name));
    }
    names
}

/// Why an operation without a security requirement still expects credentials (or says
/// it is public on purpose), if the description shows it.
fn unmodeled(cx: &Context<'_>, op: &apiward_spec::model::Operation) -> Option<Unmodeled> {
    let ws = cx.ws;
    let text = [
        ws.get_str(op.node, "summary"),
        ws.get_str(op.node, "description"),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    for &p in &op.parameters {
        let (Some(name), Some(place)) = (ws.get_str(p, "name"), ws.get_str(p, "in")) else {
            continue;
        };
        if matches!(place, "header" | "cookie" | "query") && names_credential(name) {
            return Some(Unmodeled::Expected(format!(
                "a credential in the {place} parameter `{name}`"
            )));
        }
    }
    if let Some(name) = body_properties(cx, op)
        .into_iter()
        .find(|n| body_credential(n))
    {
        return Some(Unmodeled::Expected(format!(
            "a credential in the request body, `{name}`"
        )));
    }
    if let Some((code, _)) = op.responses.iter().find(|(c, _)| c == "401" || c == "403") {
        return Some(Unmodeled::Expected(format!(
            "a documented `{code}` response"
        )));
    }
    // Checked after the evidence above: "Returns 401 if no authentication token is sent"
    // is no public operation.
    if let Some(p) = phrase(&text, SAYS_PUBLIC) {
        return Some(Unmodeled::Public(format!(
            "its description says it is public on purpose (\"{p}\")"
        )));
    }
    if phrase(&text, SAYS_AUTH).is_some() {
        return Some(Unmodeled::Expected("by its description".to_owned()));
    }
    unresolved_request_ref(cx, op).map(Unmodeled::Unread)
}

/// The first `$ref` of an operation's parameters or request body schemas that does not
/// resolve (a dereferenced node that still holds `$ref`).
fn unresolved_request_ref(cx: &Context<'_>, op: &apiward_spec::model::Operation) -> Option<String> {
    let ws = cx.ws;
    op.parameters
        .iter()
        .copied()
        .chain(op.request_body)
        .chain(request_body_schemas(ws, cx.api, op))
        .find_map(|n| ws.get_str(ws.deref(n), "$ref").map(str::to_owned))
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

/// Whether the description's `info` (its title, summary or description) says its
/// operations are public ([`SAYS_PUBLIC`]: "Endpoints that require no authentication"),
/// and says nothing of credentials expected ([`SAYS_AUTH`]: "requests with no
/// authentication get 401"), nor passes one as a plain parameter.
fn says_public_api(cx: &Context<'_>) -> bool {
    let ws = cx.ws;
    let Some(info) = ws.get(cx.api.root, "info") else {
        return false;
    };
    let text = ["title", "summary", "description"]
        .iter()
        .filter_map(|k| ws.get_str(info, k))
        .collect::<Vec<_>>()
        .join(" ");
    let lower = text.to_ascii_lowercase();
    phrase(&text, SAYS_PUBLIC).is_some()
        && phrase(&text, SAYS_AUTH).is_none()
        && !lower.contains("401")
        && !lower.contains("403")
        && credential_parameters(cx).is_empty()
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
            // (Also an `operationId` that names only a sign-in or sign-up step:
            // `register_user`, `oidcLogin`; not `registerDevice`.)
            if is_public_flow(&op.path)
                || ws
                    .get_str(op.node, "operationId")
                    .is_some_and(|id| crate::public::names_sign_in(id, &op.path))
                || carries_capability(&op.path)
                || public_read(&method, &op.path)
                || says_public(&method, &op.path)
            {
                continue;
            }
            let severity = Some(cap(&method, &op.path));
            let fields = [("method", method.as_str()), ("path", op.path.as_str())];
            match cx.api.effective_security(op) {
                None => {
                    let mut finding = Finding {
                        cap: severity,
                        at: op.node,
                        span: op_span,
                        message: cx.message(&fields),
                    };
                    // The description shows what its `security` does not say: credentials
                    // expected some other way, or a public operation meant so. A fact about
                    // the documentation, at info: apiward cannot see whether anyone checks.
                    if !silent {
                        match unmodeled(cx, op) {
                            Some(Unmodeled::Expected(why)) => {
                                finding.cap = Some(Severity::Info);
                                finding.message = format!(
                                    "`{method} {}` expects credentials ({why}) but declares no security requirement: clients, gateways and tools cannot tell how to authenticate (declare a security scheme and require it)",
                                    op.path
                                );
                            }
                            Some(Unmodeled::Unread(reference)) => {
                                finding.cap = Some(Severity::Info);
                                finding.message = format!(
                                    "`{method} {}` has no security requirement, and its request could not be read (`{reference}` does not resolve): apiward cannot tell whether it carries credentials",
                                    op.path
                                );
                            }
                            Some(Unmodeled::Public(why)) => {
                                finding.cap = Some(Severity::Info);
                                finding.message = format!(
                                    "`{method} {}` has no security requirement; {why}",
                                    op.path
                                );
                            }
                            None => {}
                        }
                    }
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
                            .map_or(op_span, |k| k.cover(sec_tree.span(sec.node)));
                        let (at, span) = if sec.doc == op.node.doc {
                            (op.node, span)
                        } else {
                            (op.node, op_span)
                        };
                        // A first-run setup (the first account, the workspace) is public
                        // until it has been done: what to check is that it is refused then.
                        let setup = changes_state(&method)
                            .then(|| first_run_setup(ws, op))
                            .flatten();
                        let (cap, message) = match setup {
                            Some(why) => (
                                Some(Severity::Info),
                                format!(
                                    "`{method} {}` sets `security: []`: it sets the service up on first run ({why}); check that it is refused once that is done",
                                    op.path
                                ),
                            ),
                            None => (
                                severity,
                                format!(
                                    "`{method} {}` sets `security: []`: anyone can call it",
                                    op.path
                                ),
                            ),
                        };
                        out.push(Finding {
                            at,
                            span,
                            message,
                            cap,
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
        // A description that says in its `info` that its operations need no credentials
        // ("Endpoints that require no authentication") is public on purpose: said, not
        // silent.
        if !unsaid.is_empty() && says_public_api(cx) {
            return;
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
        // The description's `info` says its operations need no credentials.
        r#"
openapi: 3.1.0
info:
  title: Public HTTP routes
  description: Endpoints that require no authentication
  version: "1"
paths:
  /query:
    post:
      responses: {"200": {description: ok}}
  /mutation:
    post:
      responses: {"200": {description: ok}}
  /status:
    get:
      responses: {"200": {description: ok}}
"#,
        // A secret handed to the caller in the link is the credential.
        r#"
openapi: 3.0.3
info: {title: t, version: "1"}
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
security: [{bearer: []}]
paths:
  /v1/invitation-tokens/{token}/accept:
    put:
      security: []
      parameters:
        - {in: path, name: token, required: true, schema: {type: string}}
      responses: {"200": {description: ok}}
"#,
        // Reads whose path says they are public.
        r#"
openapi: 3.0.3
info: {title: t, version: "1"}
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
paths:
  /api/public_page/{dataset_id}:
    get:
      parameters:
        - {in: path, name: dataset_id, required: true, schema: {type: string}}
      responses: {"200": {description: ok}}
  /public/datasets:
    get:
      responses: {"200": {description: ok}}
"#,
        // Global security applies to every operation.
        r#"
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
"#,
        // Operation-level security.
        r#"
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
"#,
        // Swagger 2.0 with global security.
        r#"
swagger: "2.0"
info: {title: t, version: "1"}
securityDefinitions:
  basic: {type: basic}
security: [{basic: []}]
paths:
  /a:
    get:
      responses: {"200": {description: ok}}
"#,
        // Suppressed on purpose.
        r#"
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
"#,
        // Well-known metadata and key sets are public by nature.
        r#"
openapi: 3.0.3
info: {title: t, version: "1"}
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
paths:
  /.well-known/openid-configuration:
    get:
      responses: {"200": {description: ok}}
  /.well-known/jwks.json:
    get:
      security: []
      responses: {"200": {description: ok}}
  /oauth2/jwks:
    get:
      responses: {"200": {description: ok}}
"#,
        // Sign-in and sign-up steps by their path's words (at a change of case too), or by
        // their `operationId` when the path does not say it; what the service says of
        // itself.
        r#"
openapi: 3.0.3
info: {title: t, version: "1"}
components:
  securitySchemes:
    session: {type: http, scheme: bearer}
security: [{session: []}]
paths:
  /oidcLogin:
    post:
      security: []
      responses: {"200": {description: ok}}
  /sso/providers/{name}/start:
    get:
      security: []
      parameters:
        - {in: path, name: name, required: true, schema: {type: string}}
      responses: {"302": {description: to the provider}}
  /anonymous:
    post:
      security: []
      responses: {"200": {description: a session}}
  /user:
    post:
      operationId: register_user_handler
      security: []
      responses: {"200": {description: ok}}
  /info:
    get:
      security: []
      responses: {"200": {description: version and build}}
"#,
    ];

    const FAIL: &[&str] = &[
        // An `info` naming "no authentication" only to say what it answers then.
        r#"
openapi: 3.0.3
info:
  title: Orders
  version: "1"
  description: Send X-Api-Key; requests with no authentication get 401.
paths:
  /orders:
    post:
      parameters:
        - {name: X-Api-Key, in: header, required: true, schema: {type: string}}
      responses: {"200": {description: ok}}
  /orders/{id}:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses: {"200": {description: ok}}
"#,
        // The information of something the path names, and an `operationId` that manages
        // accounts rather than signs one up, are no public flow.
        r#"
openapi: 3.0.3
info: {title: t, version: "1"}
components:
  securitySchemes:
    session: {type: http, scheme: bearer}
security: [{session: []}]
paths:
  /account/info:
    get:
      security: []
      responses: {"200": {description: ok}}
  /user:
    post:
      operationId: update_user_handler
      security: []
      responses: {"200": {description: ok}}
  /devices:
    post:
      operationId: registerDevice
      security: []
      responses: {"200": {description: ok}}
  /sso-settings/{key}:
    put:
      security: []
      parameters:
        - {in: path, name: key, required: true, schema: {type: string}}
      responses: {"200": {description: ok}}
"#,
        // No security anywhere.
        r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /orders/{id}:
    delete:
      responses: {"204": {description: deleted}}
"#,
        // Removed on one operation, optional on another.
        r#"
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
"#,
        // A read is a warning, a write or an admin read an error.
        r#"
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
"#,
        // Authentication optional for the whole document: once, at the `{}`.
        r#"
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
"#,
        // A description silent on authentication: once, at `paths`, naming the
        // credentials it passes as parameters.
        r#"
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
"#,
    ];

    /// Operations whose description shows credentials expected some other way, or says
    /// they are public on purpose: info, saying which. A pagination `page_token`, a bare
    /// `key`, an `Idempotency-Key`, a `token_id`, a body that stores a connector's `api_key`
    /// and a body without credential fields are not evidence; "401 if unauthenticated" is
    /// no public operation (and here no evidence either). A request body whose `$ref` does
    /// not resolve may hold credentials apiward cannot see.
    const UNMODELED: &str = r##"
openapi: 3.0.3
info: {title: t, version: "1"}
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
paths:
  /feed/{user}:
    get:
      parameters:
        - {in: query, name: api_key, required: true, schema: {type: string}}
      responses: {"200": {description: ok}}
  /keys/{id}/encrypt:
    post:
      responses: {"200": {description: ok}, "401": {description: bad signature}}
  /wrap:
    post:
      requestBody:
        content:
          application/json:
            schema:
              allOf:
                - properties: {authentication: {type: string}}
                - properties: {key: {type: string}}
      responses: {"200": {description: ok}}
  /info:
    post:
      description: "**Authentication**: mTLS, a client certificate is required."
      responses: {"200": {description: ok}}
  /operations:
    get:
      description: Supported operations. No authentication required.
      responses: {"200": {description: ok}}
  /items:
    get:
      parameters:
        - {in: query, name: page_token, schema: {type: string}}
        - {in: query, name: key, schema: {type: string}}
      responses: {"200": {description: ok}}
  /notes:
    post:
      requestBody:
        content:
          application/json:
            schema:
              properties: {text: {type: string}, next_token: {type: string}}
      responses: {"200": {description: ok}}
  /transfers:
    post:
      description: Returns 401 if unauthenticated.
      parameters:
        - {in: header, name: Idempotency-Key, schema: {type: string}}
        - {in: query, name: token_id, schema: {type: string}}
      requestBody:
        content:
          application/json:
            schema:
              properties: {api_key: {type: string}, credentials: {type: object}}
      responses: {"200": {description: ok}}
  /digest:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/DigestRequest"}
      responses: {"200": {description: ok}}
  /rewrap:
    post:
      requestBody: {$ref: "#/components/requestBodies/Rewrap"}
      responses: {"200": {description: ok}}
"##;

    /// Operations that set the service up on its first run, public until that is done: at
    /// info, by their `operationId`, summary or path; a read of the same path, an operation
    /// that does not itself set `security: []`, and an "initiate" are not such.
    const SETUP: &str = r#"
openapi: 3.0.3
info: {title: t, version: "1"}
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
security: [{bearer: []}]
paths:
  /v1/init/first-account:
    put:
      security: []
      responses: {"201": {description: created}}
    head:
      security: []
      responses: {"204": {description: done}}
  /v1/workspace:
    put:
      summary: Initialize the workspace
      security: []
      responses: {"201": {description: created}}
  /v1/tenants:
    post:
      operationId: bootstrapTenant
      security: []
      responses: {"201": {description: created}}
  /v1/payments:
    post:
      operationId: initiatePayment
      security: []
      responses: {"201": {description: created}}
"#;

    #[test]
    fn first_run_setup_is_info() {
        insta::assert_snapshot!(test_rule(Rule::MissingAuth, &[], &[SETUP]));
    }

    #[test]
    fn unmodeled_auth_is_info() {
        insta::assert_snapshot!(test_rule(Rule::MissingAuth, &[], &[UNMODELED]));
    }

    #[test]
    fn missing_auth() {
        insta::assert_snapshot!(test_rule(Rule::MissingAuth, PASS, FAIL));
    }
}
