//! `ssrf-url-input`: request parameters and request-body properties that carry a URL the
//! server may fetch or redirect to, with nothing that restricts where it points.

use std::collections::HashSet;

use apiward_spec::load::{NodeRef, Workspace};
use apiward_spec::model::SpecVersion;
use apiward_spec::tree::Value;

use super::shared::{properties, reach_until, read_only, words};
use crate::checks::SpecRule;
use crate::{Context, Finding, Rule};

/// Whether a name says its value is a URL. A `link` or `href` is not enough: it is as often
/// a hyperlink the server stores and hands back for people to follow (`problem_link`, a
/// chunk's `link` that "can also be any string"); those are URLs only by their format.
fn url_name(name: &str) -> bool {
    let w = words(name);
    let Some(last) = w.last().map(String::as_str) else {
        return false;
    };
    if matches!(
        last,
        "url" | "urls" | "uri" | "uris" | "webhook" | "endpoint"
    ) {
        return true;
    }
    let first = w[0].as_str();
    // `callback`, `redirect`, `redirect_to`, `callbackTarget`, `return_to`.
    if matches!(first, "callback" | "redirect") || (w.len() <= 2 && first == "webhook") {
        return w.len() == 1 || matches!(last, "to" | "target" | "location");
    }
    w.len() == 2 && first == "return" && last == "to"
}

const URL_FORMATS: [&str; 5] = ["uri", "url", "uri-reference", "iri", "iri-reference"];

/// What a value schema accepts, as far as URLs go.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Strings (or arrays of strings).
    Str,
    /// Objects, numbers, booleans, ...: not a URL.
    Not,
    /// No type anywhere (e.g. a member holding only a description).
    Unknown,
}

/// The [`Kind`] of a schema, looking through `allOf`/`anyOf`/`oneOf` members and array
/// `items`.
fn kind(ws: &Workspace, schema: NodeRef, depth: u8) -> Kind {
    let schema = ws.deref(schema);
    if depth > 4 || !matches!(ws.value(schema), Value::Map(_)) {
        return Kind::Unknown;
    }
    if let Some(ty) = ws.get(schema, "type") {
        match ws.value(ty) {
            Value::String(t) if &**t == "string" => return Kind::Str,
            Value::String(t) if &**t == "array" => {
                return match ws.get(schema, "items").map(|i| kind(ws, i, depth + 1)) {
                    Some(Kind::Str) => Kind::Str,
                    _ => Kind::Not,
                };
            }
            Value::String(_) => return Kind::Not,
            Value::Seq(_) => {
                return if ws.items(ty).any(|t| ws.as_str(t) == Some("string")) {
                    Kind::Str
                } else {
                    Kind::Not
                };
            }
            _ => {}
        }
    }
    let mut kinds = Vec::new();
    for key in ["allOf", "anyOf", "oneOf"] {
        if let Some(list) = ws.get(schema, key) {
            kinds.extend(ws.items(list).map(|m| kind(ws, m, depth + 1)));
        }
    }
    if kinds.contains(&Kind::Str) {
        return Kind::Str;
    }
    let structured = ["properties", "items", "additionalProperties"]
        .iter()
        .any(|k| ws.get(schema, k).is_some());
    if kinds.contains(&Kind::Not) || structured {
        return Kind::Not;
    }
    Kind::Unknown
}

/// Whether the schema, a composition member or the array items have a URL format.
fn url_format(ws: &Workspace, schema: NodeRef, depth: u8) -> bool {
    let schema = ws.deref(schema);
    if depth > 4 || !matches!(ws.value(schema), Value::Map(_)) {
        return false;
    }
    if ws
        .get_str(schema, "format")
        .is_some_and(|f| URL_FORMATS.contains(&f))
    {
        return true;
    }
    let mut members: Vec<NodeRef> = ws.get(schema, "items").into_iter().collect();
    for key in ["allOf", "anyOf", "oneOf"] {
        if let Some(list) = ws.get(schema, key) {
            members.extend(ws.items(list));
        }
    }
    members.into_iter().any(|m| url_format(ws, m, depth + 1))
}

/// Whether an `x-` extension of the node names an allowlist (`x-allowed-hosts`,
/// `x-url-allowlist`, `x-allowed-domains`, ...).
fn allowlist_hint(ws: &Workspace, node: NodeRef) -> bool {
    ws.entries(node).any(|(k, _)| {
        let k = k.to_ascii_lowercase();
        k.starts_with("x-") && (k.contains("allow") || k.contains("whitelist"))
    })
}

/// Whether the value schema (or one it is composed of) restricts the URL: a `pattern`,
/// an `enum`/`const`, or an allowlist extension.
fn restricted(ws: &Workspace, schema: NodeRef, depth: u8) -> bool {
    let schema = ws.deref(schema);
    if depth > 4 || !matches!(ws.value(schema), Value::Map(_)) {
        return false;
    }
    if ["pattern", "enum", "const"]
        .iter()
        .any(|k| ws.get(schema, k).is_some())
        || allowlist_hint(ws, schema)
    {
        return true;
    }
    let mut members = Vec::new();
    for key in ["allOf", "anyOf", "oneOf"] {
        if let Some(list) = ws.get(schema, key) {
            members.extend(ws.items(list));
        }
    }
    if key_is(ws, schema, "type", "array") {
        members.extend(ws.get(schema, "items"));
    }
    // allOf: one restricted member is enough; anyOf/oneOf would need all, kept simple.
    members.into_iter().any(|m| restricted(ws, m, depth + 1))
}

fn key_is(ws: &Workspace, node: NodeRef, key: &str, value: &str) -> bool {
    ws.get_str(node, key) == Some(value)
}

/// Words of a name for URLs that people's browsers load or follow, not the server: a logo,
/// an avatar, a font, a stylesheet, a colour theme, a link to a dashboard, a home page or
/// terms, a project's links shown to its visitors (issue tracker, wiki, chat, donations,
/// licence text); and storage destinations the server writes to through its cloud SDK (an
/// S3 log location).
const NOT_FETCHED: &[&str] = &[
    "issues",
    "tracker",
    "wiki",
    "discord",
    "donation",
    "donations",
    "donate",
    "license",
    "licence",
    "changelog",
    "forum",
    "twitter",
    "patreon",
    "logo",
    "icon",
    "avatar",
    "favicon",
    "font",
    "fonts",
    "css",
    "style",
    "stylesheet",
    "theme",
    "color",
    "colour",
    "banner",
    "dashboard",
    "docs",
    "documentation",
    "homepage",
    "website",
    "privacy",
    "terms",
    "tos",
    "support",
    "help",
    "s3",
    "gcs",
    "bucket",
    "blob",
    "storage",
];

/// Whether a parameter's name says it filters a listing by a stored field, in the bracket
/// form of JSON:API and its kin (`filter[client-uri]`, `where[url]`): the value is matched
/// against stored URLs (often as a substring), not fetched.
fn filter_param(name: &str) -> bool {
    let Some((outer, _)) = name.split_once('[') else {
        return false;
    };
    matches!(
        outer.to_ascii_lowercase().as_str(),
        "filter" | "filters" | "search" | "where" | "q" | "query" | "match"
    )
}

/// Words of a schema's name that say its URLs are links shown to a project's visitors
/// (`ProjectDonationURL`, `SocialLink`). Not the storage words of [`NOT_FETCHED`]: an
/// `S3Config`'s `endpointUrl` is where the server sends its requests.
fn shown_links(name: &str) -> bool {
    words(name).iter().any(|w| {
        matches!(
            w.as_str(),
            "donation"
                | "donations"
                | "donate"
                | "social"
                | "socials"
                | "wiki"
                | "forum"
                | "discord"
                | "twitter"
                | "patreon"
                | "homepage"
                | "website"
        )
    })
}

/// The name of a schema of `components/schemas` (`definitions`).
fn component_name(ws: &Workspace, schema: NodeRef) -> Option<String> {
    let pointer = ws.tree(schema.doc).pointer(schema.node);
    match pointer.rsplit_once('/')? {
        ("/components/schemas" | "/definitions", name) => {
            Some(name.replace("~1", "/").replace("~0", "~"))
        }
        _ => None,
    }
}

/// Whether a parameter names an item that exists by its URL rather than a URL to fetch:
/// one of a `DELETE`, or one whose description says it picks the item to change ("URL of
/// the image to modify"). The server looks the stored item up by it.
fn names_existing(ws: &Workspace, op: &apiward_spec::model::Operation, p: NodeRef) -> bool {
    if op.method.eq_ignore_ascii_case("delete") {
        return true;
    }
    let Some(text) = ws.get_str(p, "description") else {
        return false;
    };
    let text = text.to_ascii_lowercase();
    [
        "modify", "delete", "remove", "update", "edit", "change", "replace",
    ]
    .iter()
    .any(|verb| text.contains(&format!(" to {verb}")))
}

/// Whether a name is OAuth's or OpenID Connect's redirect parameter (`redirect_uri`,
/// `post_logout_redirect_uri`).
fn oauth_redirect(name: &str) -> bool {
    matches!(
        words(name).iter().map(String::as_str).collect::<Vec<_>>()[..],
        ["redirect", "uri"] | ["post", "logout", "redirect", "uri"]
    )
}

/// Whether a name identifies the OAuth client of a request (`client_id`, or the ID token
/// of RP-initiated logout, `id_token_hint`).
fn oauth_client(name: &str) -> bool {
    matches!(
        words(name).iter().map(String::as_str).collect::<Vec<_>>()[..],
        ["client", "id"] | ["id", "token", "hint"]
    )
}

/// Whether an operation takes a parameter that names its OAuth client: its redirect
/// parameter is then the protocol's, which the server must compare with the URIs that
/// client registered (RFC 6749 §3.1.2.3, OpenID Connect RP-Initiated Logout §2) before it
/// redirects, and never fetches.
fn names_oauth_client(ws: &Workspace, op: &apiward_spec::model::Operation) -> bool {
    op.parameters
        .iter()
        .filter_map(|p| ws.get_str(*p, "name"))
        .any(oauth_client)
}

/// Whether a name says its URL is not one the server fetches, or (`callback` alone, as
/// JSONP names the function to wrap a response in) is no URL at all unless its format says so.
fn not_fetched(name: &str, by_format: bool) -> bool {
    let w = words(name);
    w.iter().any(|w| NOT_FETCHED.contains(&w.as_str()))
        || (!by_format && w.len() == 1 && w[0] == "callback")
}

/// Whether a value with this name and schema is a URL taken without restriction.
fn concerning(ws: &Workspace, name: &str, schema: NodeRef) -> bool {
    let by_format = url_format(ws, schema, 0);
    if not_fetched(name, by_format) {
        return false;
    }
    let url = match kind(ws, schema, 0) {
        Kind::Str => by_format || url_name(name),
        // Untyped: a URL only when its format says so.
        Kind::Unknown => by_format,
        Kind::Not => false,
    };
    url && !restricted(ws, schema, 0) && !read_only(ws, schema)
}

/// The schemas a client writes: reachable from a parameter or request body without
/// passing through a `readOnly` schema (the model's `usage.input` does not stop there).
fn writable_input(cx: &Context<'_>) -> HashSet<NodeRef> {
    reach_until(cx.ws, cx.api, &cx.api.operations, true, |n| {
        read_only(cx.ws, n)
    })
}

pub(crate) struct SsrfUrlInput;

impl SpecRule for SsrfUrlInput {
    const RULE: Rule = Rule::SsrfUrlInput;

    fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
        let ws = cx.ws;
        let swagger = cx.api.version == SpecVersion::Swagger2;
        let mut seen: HashSet<NodeRef> = HashSet::new();
        for op in &cx.api.operations {
            for p in &op.parameters {
                if !seen.insert(*p) || ws.get_str(*p, "in") == Some("body") {
                    continue;
                }
                let Some(name_node) = ws.get_raw(*p, "name") else {
                    continue;
                };
                let Some(name) = ws.as_str(name_node) else {
                    continue;
                };
                if allowlist_hint(ws, *p)
                    || filter_param(name)
                    || names_existing(ws, op, *p)
                    || (oauth_redirect(name) && names_oauth_client(ws, op))
                {
                    continue;
                }
                let mut schemas: Vec<NodeRef> = Vec::new();
                if swagger {
                    schemas.push(*p);
                }
                schemas.extend(ws.get(*p, "schema"));
                if let Some(content) = ws.get(*p, "content") {
                    schemas.extend(ws.entries(content).filter_map(|(_, m)| ws.get(m, "schema")));
                }
                if schemas.iter().any(|s| concerning(ws, name, *s)) {
                    out.push(Finding {
                        cap: None,
                        at: name_node,
                        span: ws.tree(name_node.doc).span(name_node.node),
                        message: cx.message(&[("name", name)]),
                    });
                }
            }
        }
        let mut schemas: Vec<NodeRef> = writable_input(cx).into_iter().collect();
        schemas.sort();
        for schema in schemas {
            // The properties of a schema named for links shown to people
            // (`ProjectDonationURL`) are such links.
            if component_name(ws, schema).is_some_and(|n| shown_links(&n)) {
                continue;
            }
            let props = properties(ws, schema);
            // A token request's form: its `redirect_uri` is compared with the one the
            // authorization request was granted for (RFC 6749 §4.1.3).
            let oauth = props.iter().any(|(n, _, _)| oauth_client(n));
            for (name, key_span, prop) in props {
                if oauth && oauth_redirect(&name) {
                    continue;
                }
                if concerning(ws, &name, prop) {
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
}

#[cfg(test)]
mod tests {
    use super::url_name;
    use crate::checks::shared::words;
    use crate::tester::test_rule;
    use crate::Rule;

    #[test]
    fn names() {
        assert_eq!(words("callbackURL"), ["callback", "url"]);
        assert_eq!(words("URLPath"), ["url", "path"]);
        assert_eq!(words("X-Webhook-Url"), ["x", "webhook", "url"]);
        for n in [
            "url",
            "image_url",
            "avatarUrl",
            "redirect_uri",
            "redirectUris",
            "callback",
            "callback_url",
            "webhook",
            "webhookUrl",
            "return_to",
            "redirect_to",
            "X-Callback-Url",
            "next_url",
        ] {
            assert!(url_name(n), "{n}");
        }
        for n in [
            "url_id",
            "webhook_id",
            "callback_id",
            "curl",
            "next",
            "target",
            "hurl",
            "redirect_count",
            "linked",
            "urlencoded",
            "callbackEnabled",
            "link",
            "problemLink",
            "href",
        ] {
            assert!(!url_name(n), "{n}");
        }
        // A project's links for its visitors: URLs, but not ones the server fetches.
        for n in [
            "issues_url",
            "wiki_url",
            "discord_url",
            "donation_urls",
            "license_url",
        ] {
            assert!(url_name(n) && super::not_fetched(n, false), "{n}");
        }
        for n in ["source_url", "feed_url", "import_url"] {
            assert!(!super::not_fetched(n, false), "{n}");
        }
    }

    const PASS: &[&str] = &[
        // Restricted by pattern, enum, const, allowlist extension; ids; non-strings;
        // response-only URLs; readOnly; `next` without a URL format.
        r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /hooks:
    post:
      parameters:
        - {name: webhook_id, in: query, schema: {type: string}}
        - {name: next, in: query, schema: {type: string}}
        - {name: callback, in: query, schema: {type: string}}
        - {name: customLogoUrl, in: query, schema: {type: string, format: uri}}
        - {name: s3_log_url, in: query, schema: {type: string}}
        - {name: theme_css_url, in: query, schema: {type: string, format: uri}}
        - {name: "filter[client-uri]", in: query, schema: {type: string}}
        - {name: "where[source_url]", in: query, schema: {type: string, format: uri}}
        - {name: redirect_uri, in: query, schema: {type: string, enum: ["https://app.example.com/cb"]}}
        - name: callback_url
          in: query
          x-allowed-hosts: [hooks.example.com]
          schema: {type: string, format: uri}
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                url: {type: string, format: uri, pattern: "^https://([a-z0-9-]+\\.)?example\\.com/"}
                image_url:
                  allOf:
                    - {$ref: "#/components/schemas/Url"}
                    - {pattern: "^https://cdn\\.example\\.com/"}
                link: {type: object, properties: {rel: {type: string, maxLength: 9}}}
                problem_link: {type: string, description: Shown under the results.}
                source_href: {type: string}
                avatar_url: {type: string, format: uri}
                self_url: {type: string, readOnly: true}
                shared_link:
                  allOf:
                    - {type: object, properties: {access: {type: string, enum: [open]}}}
                    - {description: The shared link of the file.}
                stats:
                  type: object
                  readOnly: true
                  properties:
                    last_tagged_uri: {type: string}
                untyped_url: {description: anything}
                retries: {type: integer, maximum: 3}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  avatar_url: {type: string, format: uri}
components:
  schemas:
    Url: {type: string, format: uri}
"##,
        // Swagger 2.0 with an enum.
        r#"
swagger: "2.0"
info: {title: t, version: "1"}
paths:
  /a:
    get:
      parameters:
        - {name: returnUrl, in: query, type: string, enum: [/home, /account]}
      responses: {"200": {description: ok}}
"#,
        // A URL naming the stored item to change or delete; a schema of links shown to
        // people (donation links).
        r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /project/{id}/gallery:
    patch:
      parameters:
        - {name: url, in: query, description: URL link of the image to modify, schema: {type: string, format: uri}}
      responses: {"204": {description: ok}}
    delete:
      parameters:
        - {name: url, in: query, schema: {type: string, format: uri}}
      responses: {"204": {description: ok}}
  /project/{id}:
    patch:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                donation_urls: {type: array, items: {$ref: "#/components/schemas/ProjectDonationURL"}}
      responses: {"204": {description: ok}}
components:
  schemas:
    ProjectDonationURL:
      type: object
      properties:
        platform: {type: string}
        url: {type: string, format: uri}
"##,
        // OAuth and OpenID Connect: the redirect parameters of a request naming its client
        // are compared with the client's registered URIs.
        r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /oauth/authorize:
    get:
      parameters:
        - {name: client_id, in: query, schema: {type: string}}
        - {name: redirect_uri, in: query, schema: {type: string}}
      responses: {"302": {description: to the client}}
  /oauth/logout:
    get:
      parameters:
        - {name: id_token_hint, in: query, schema: {type: string}}
        - {name: post_logout_redirect_uri, in: query, schema: {type: string, format: uri}}
      responses: {"302": {description: to the client}}
  /oauth/token:
    post:
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              properties:
                grant_type: {type: string, enum: [authorization_code]}
                code: {type: string}
                clientId: {type: string}
                redirectUri: {type: string}
      responses: {"200": {description: tokens}}
"#,
    ];

    const FAIL: &[&str] = &[
        // A redirect parameter of a request that names no OAuth client.
        r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /previews:
    post:
      parameters:
        - name: redirect_uri
          in: query
          schema: {type: string}
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Preview"}
      responses: {"201": {description: created}}
  /previews/{id}:
    patch:
      parameters:
        - {name: url, in: query, description: The page to fetch the preview from, schema: {type: string, format: uri}}
      responses: {"204": {description: ok}}
components:
  schemas:
    Preview:
      type: object
      properties:
        source: {type: string, format: uri}
        callbackUrl: {type: string}
        mirrors:
          type: array
          maxItems: 3
          items: {type: string, format: url, maxLength: 2000}
        next: {type: string, format: uri}
        title: {type: string, maxLength: 20}
"##,
        // Swagger 2.0 query, formData and body, a header, a 3.1 type list.
        r#"
swagger: "2.0"
info: {title: t, version: "1"}
paths:
  /a:
    post:
      parameters:
        - {name: callback, in: query, type: string}
        - {name: X-Webhook-Url, in: header, type: string}
        - name: body
          in: body
          schema:
            type: object
            properties:
              import_url: {type: string}
              source_link: {type: string, format: uri}
      responses: {"200": {description: ok}}
"#,
        r#"
openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /a:
    get:
      parameters:
        - {name: target, in: query, schema: {type: [string, "null"], format: uri}}
      responses: {"200": {description: ok}}
"#,
        // Reached through the keywords every schema walk follows (`unevaluatedProperties`,
        // `dependentSchemas`), not only `properties` and `items`.
        r#"
openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /hooks:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              unevaluatedProperties:
                type: object
                properties:
                  callback_url: {type: string}
              dependentSchemas:
                mirror:
                  properties:
                    source_url: {type: string}
      responses: {"200": {description: ok}}
"#,
    ];

    /// The bad and good examples of the API7–API9 rules' files do what they say.

    #[test]
    fn ssrf_url_input() {
        insta::assert_snapshot!(test_rule(Rule::SsrfUrlInput, PASS, FAIL));
    }
}
