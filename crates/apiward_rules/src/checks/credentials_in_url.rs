//! `credentials-in-url`: path and query parameters that carry passwords, secrets, tokens or
//! API keys, which then end up in logs, browser history and `Referer` headers.

use std::collections::HashSet;

use apiward_spec::load::NodeRef;
use apiward_spec::tree::Value;

use super::shared::words;
use crate::checks::SpecRule;
use crate::{Context, Finding, Rule};

/// Words before `token` that make it a position in a listing, not a credential.
const PAGINATION_WORDS: &[&str] = &[
    "page",
    "next",
    "prev",
    "previous",
    "continuation",
    "continue",
    "cursor",
    "pagination",
    "paging",
    "sync",
    "resume",
    "start",
    "starting",
    "skip",
    "marker",
    "offset",
    "after",
    "before",
    "last",
    "first",
    "more",
    "delta",
    "change",
    "changes",
    "watch",
    "search",
];

/// What a credential-looking name carries, or `None`. The credential word must be the
/// head (last word) of the name: `access_token` and `client_secret` are credentials,
/// `token_type`, `password_policy` and `secret_name` are about one.
pub(crate) fn credential_kind(name: &str) -> Option<&'static str> {
    let w = words(name);
    // A CAPTCHA's token is a one-time challenge id, no credential.
    if w.iter().any(|x| x == "captcha") {
        return None;
    }
    let last = w.last()?.as_str();
    let before = w.len().checked_sub(2).map(|i| w[i].as_str());
    let kind = match last {
        "password" | "passwd" | "passphrase" | "passcode" | "pwd" => "a password",
        "secret" | "clientsecret" | "apisecret" => "a secret",
        "token" | "accesstoken" | "refreshtoken" | "idtoken" | "authtoken" | "apitoken"
        | "bearertoken" | "sessiontoken" | "oauthtoken" | "jwt" => {
            if last == "token" && before.is_some_and(|b| PAGINATION_WORDS.contains(&b)) {
                return None;
            }
            "a token"
        }
        "apikey" => "an API key",
        "key" => match before {
            Some("api") => "an API key",
            // Not `access_key`: like AWS access key ids, it names a key pair and is public.
            Some("secret" | "private" | "auth" | "client" | "signing") => "a secret key",
            _ => return None,
        },
        "secretkey" | "privatekey" => "a secret key",
        "credential" | "credentials" => "credentials",
        "auth" | "authorization" => "credentials",
        _ => return None,
    };
    Some(kind)
}

/// Whether a parameter's description says the value is a position in a listing.
fn described_as_pagination(desc: &str) -> bool {
    let d = desc.to_ascii_lowercase();
    [
        "pagination",
        "paginat",
        "next page",
        "page of results",
        "continuation",
        "cursor",
    ]
    .iter()
    .any(|s| d.contains(s))
}

/// Whether a parameter's description starts by saying it identifies the credential's record
/// rather than carrying it (`{token}`: "The UUID for a token.", "ID of the API key to revoke").
fn described_as_record_id(desc: &str) -> bool {
    let d = desc.trim_start().to_ascii_lowercase();
    let d = ["the ", "a ", "an ", "unique "]
        .iter()
        .fold(d.as_str(), |d, a| d.strip_prefix(a).unwrap_or(d));
    ["uuid", "id", "identifier"].iter().any(|w| {
        ["for", "of"]
            .iter()
            .any(|of| d.starts_with(&format!("{w} {of} ")))
    })
}

/// Whether a `token` parameter is a currency or asset token, not a credential: its
/// description says so ("The gas token", "token contract address", a symbol or
/// denomination), or its example is an on-chain address (`0x` and 40 hex digits).
fn names_an_asset(cx: &Context<'_>, p: NodeRef, desc: &str) -> bool {
    let d = desc.to_ascii_lowercase();
    let said = [
        "gas token",
        "address",
        "contract",
        "symbol",
        "denom",
        "currency",
        "coin",
        "erc-20",
        "erc20",
        "asset",
    ]
    .iter()
    .any(|w| d.contains(w));
    let ws = cx.ws;
    let holder = ws.get(p, "schema").unwrap_or(p);
    let example = ws
        .get_str(holder, "example")
        .or_else(|| ws.get_str(p, "example"))
        .unwrap_or("");
    let address = example
        .strip_prefix("0x")
        .is_some_and(|h| h.len() == 40 && h.bytes().all(|b| b.is_ascii_hexdigit()));
    said || address
}

/// Whether a parameter's description says it is an API key (for the bare name `key`).
fn described_as_api_key(desc: &str) -> bool {
    let d = desc.to_ascii_lowercase();
    d.contains("api key") || d.contains("api_key") || d.contains("apikey")
}

/// The schema type of a parameter (3.x `schema.type`, 2.0 `type`), if a single one.
fn param_type<'a>(cx: &'a Context<'_>, p: NodeRef) -> Option<&'a str> {
    let ws = cx.ws;
    let holder = ws.get(p, "schema").unwrap_or(p);
    match ws.get(holder, "type").map(|t| ws.value(t)) {
        Some(Value::String(s)) => Some(s),
        _ => None,
    }
}

/// Whether a parameter's values are listed (`enum`, `const`): written in the description
/// itself, none of them is a secret (`showSecretKey=true` asks for the key in the body).
fn listed_values(cx: &Context<'_>, p: NodeRef) -> bool {
    let ws = cx.ws;
    let holder = ws.get(p, "schema").unwrap_or(p);
    ws.get(holder, "enum").is_some() || ws.get(holder, "const").is_some()
}

pub(crate) struct CredentialsInUrl;

impl SpecRule for CredentialsInUrl {
    const RULE: Rule = Rule::CredentialsInUrl;

    fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
        let ws = cx.ws;
        let mut seen: HashSet<NodeRef> = HashSet::new();
        for op in &cx.api.operations {
            for &p in &op.parameters {
                let Some(location) = ws.get_str(p, "in") else {
                    continue;
                };
                if location != "query" && location != "path" {
                    continue;
                }
                let Some(name_node) = ws.get_raw(p, "name") else {
                    continue;
                };
                let Some(name) = ws.as_str(name_node) else {
                    continue;
                };
                if !seen.insert(name_node) {
                    continue;
                }
                let desc = ws.get_str(p, "description").unwrap_or("");
                let kind = match credential_kind(name) {
                    Some(k) => k,
                    None if words(name).last().is_some_and(|w| w == "key")
                        && described_as_api_key(desc) =>
                    {
                        "an API key"
                    }
                    None => continue,
                };
                if (kind == "a token"
                    && (described_as_pagination(desc) || names_an_asset(cx, p, desc)))
                    || described_as_record_id(desc)
                {
                    continue;
                }
                // A flag or a number is not a secret (`has_password: true`), nor is a
                // value the description lists.
                if matches!(
                    param_type(cx, p),
                    Some("boolean" | "integer" | "number" | "array" | "object")
                ) || listed_values(cx, p)
                {
                    continue;
                }
                let tree = ws.tree(name_node.doc);
                out.push(Finding {
                    cap: None,
                    at: name_node,
                    span: tree.span(name_node.node),
                    message: cx.message(&[("name", name), ("in", location), ("kind", kind)]),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{credential_kind, words};
    use crate::tester::test_rule;
    use crate::Rule;

    #[test]
    fn record_ids() {
        for d in [
            "The UUID for a token.",
            "ID of the API key to revoke",
            "identifier of the key",
        ] {
            assert!(super::described_as_record_id(d), "{d}");
        }
        for d in [
            "The access token.",
            "Your API key, paid of course",
            "A token identifier",
            "Your API key, a unique identifier for your application",
            "Holds the id of the session",
        ] {
            assert!(!super::described_as_record_id(d), "{d}");
        }
    }

    #[test]
    fn splitting() {
        assert_eq!(words("X-API-Key"), ["x", "api", "key"]);
        assert_eq!(words("pageToken"), ["page", "token"]);
        assert_eq!(words("APIKey"), ["api", "key"]);
        assert_eq!(words("client_secret"), ["client", "secret"]);
        assert_eq!(words("userID"), ["user", "id"]);
        assert_eq!(words("oauth2Token"), ["oauth2", "token"]);
    }

    #[test]
    fn names() {
        for yes in [
            "password",
            "access_token",
            "accessToken",
            "api_key",
            "apiKey",
            "api-key",
            "apikey",
            "X-API-Key",
            "client_secret",
            "refresh_token",
            "token",
            "id_token",
            "jwt",
            "auth",
            "credentials",
            "newPassword",
        ] {
            assert!(credential_kind(yes).is_some(), "{yes}");
        }
        for no in [
            "token_type",
            "page_token",
            "pageToken",
            "nextPageToken",
            "next_token",
            "continuation_token",
            "password_policy",
            "secret_name",
            "authorId",
            "key",
            "sort_key",
            "access_key_id",
            "access_key",
            "tokenizer",
            "author",
            "captcha_token",
        ] {
            assert!(credential_kind(no).is_none(), "{no}");
        }
    }

    const PASS: &[&str] = &[
        // Pagination tokens, names about credentials, headers, flags.
        r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /items:
    get:
      parameters:
        - {name: page_token, in: query, schema: {type: string}}
        - {name: pageToken, in: query, schema: {type: string}}
        - {name: nextPageToken, in: query, schema: {type: string}}
        - {name: token_type, in: query, schema: {type: string}}
        - {name: password_policy, in: query, schema: {type: string}}
        - {name: Authorization, in: header, schema: {type: string}}
        - {name: X-API-Key, in: header, schema: {type: string}}
        - {name: has_password, in: query, schema: {type: boolean}}
        - {name: showSecretKey, in: query, schema: {type: string, enum: ["true", "false"]}}
        - {name: token, in: query, description: The UUID for a token., schema: {type: string, format: uuid}}
        - {name: api_key, in: query, description: ID of the API key to revoke, schema: {type: string}}
        - name: token
          in: query
          description: Continuation token returned by the previous page of results.
          schema: {type: string}
        - {name: key, in: query, description: Sort key., schema: {type: string}}
        - {name: access_key, in: query, description: The access key's ID., schema: {type: string}}
      responses: {"200": {description: ok}}
  # A currency or asset token (said, or an on-chain address as the example), a CAPTCHA's.
  /gas-price/{token}:
    get:
      parameters:
        - {name: token, in: path, required: true, description: The gas token., schema: {type: string}}
      responses: {"200": {description: ok}}
  /transfers:
    get:
      parameters:
        - {name: token, in: query, schema: {type: string, example: "0xb81afe27c103bcd42f4026cf719af6d802928765"}}
      responses: {"200": {description: ok}}
  /captcha/{captcha-token}/verify:
    post:
      parameters:
        - {name: captcha-token, in: path, required: true, schema: {type: string}}
      responses: {"200": {description: ok}}
"#,
        // Swagger 2.0 credentials in a header or body are fine.
        r#"
swagger: "2.0"
info: {title: t, version: "1"}
paths:
  /login:
    post:
      parameters:
        - {name: password, in: formData, type: string}
        - {name: X-Auth-Token, in: header, type: string}
      responses: {"200": {description: ok}}
"#,
    ];

    const FAIL: &[&str] = &[
        r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /reset/{token}:
    parameters:
      - {name: token, in: path, required: true, schema: {type: string}}
    get:
      parameters:
        - {name: access_token, in: query, schema: {type: string}}
        - {name: api_key, in: query, schema: {type: string}}
        - $ref: "#/components/parameters/Secret"
      responses: {"200": {description: ok}}
    post:
      parameters:
        - $ref: "#/components/parameters/Secret"
      responses: {"200": {description: ok}}
components:
  parameters:
    Secret: {name: clientSecret, in: query, schema: {type: string}}
"##,
        // Swagger 2.0, and the bare `key` described as an API key.
        r#"
swagger: "2.0"
info: {title: t, version: "1"}
paths:
  /login:
    get:
      parameters:
        - {name: password, in: query, type: string}
        - {name: key, in: query, type: string, description: Your API key.}
        - {name: access_key, in: query, type: string, description: Your API key.}
      responses: {"200": {description: ok}}
"#,
    ];

    #[test]
    fn credentials_in_url() {
        insta::assert_snapshot!(test_rule(Rule::CredentialsInUrl, PASS, FAIL));
    }
}
