//! `hardcoded-secret`: keys, passwords, tokens and API keys written in the source.
//!
//! Three kinds of finding, each at the literal (or key argument):
//!
//! - **Key material.** Calls that take key material, when the key is a literal (`b"…"`,
//!   `"…".as_bytes()`, `&[0; 64]`) or a `const`/`static` whose value is one (in any file of
//!   the project): `EncodingKey::from_secret`, `DecodingKey::from_secret`,
//!   `…::from_base64_secret` (jsonwebtoken), `Hmac::<…>::new_from_slice`/`new_varkey` and
//!   aliases named `*Hmac*` (hmac), `Key::from`/`Key::derive_from`/`Key::try_from` (cookie
//!   keys of actix-web, axum-extra, Rocket) and Rocket's `SecretKey::from`. Any literal counts:
//!   a placeholder used as a signing key still signs.
//! - **Named credentials.** A string literal given to something named like a credential:
//!   `let`, `const`/`static`, struct literal fields (`password: "…".into()`) and one-argument
//!   builder methods (`.password("…")`) whose name ends with the words `password`, `passwd`,
//!   `pwd`, `passphrase`, `secret`, `api key`/`apikey`, `access key`, `private key`,
//!   `secret key`, `signing key` or `token` (snake or camel case: `dbPassword`, `API_KEY`;
//!   `token_url`, `password_hash`, `secret_name` do not end with one). Requests that carry a
//!   literal credential: `.bearer_auth("…")`, `.basic_auth(user, Some("…"))`,
//!   `.header("Authorization", "Bearer …")`, `.header("x-api-key", "…")` (also `insert` and
//!   `append`, `AUTHORIZATION` constants, `("api_key", "…")` pairs, Rocket's
//!   `.merge(("secret_key", "…"))`) and `HeaderValue::from_static("Bearer …")`; servers
//!   that accept one: tower-http's `ValidateRequestHeaderLayer::bearer("…")` and
//!   `::basic(user, "…")`.
//!   Builder methods count with at most two words after `set_`/`with_` (`.client_secret(..)`,
//!   not `.list_user_auth_token(id)`).
//! - **Well-known key formats**, in any string literal of those places and of call
//!   arguments, whatever the name: Stripe live keys (`sk_live_`, `rk_live_`), AWS access key
//!   ids (`AKIA` and 16 capitals or digits), GitHub tokens (`ghp_`, `gho_`, `ghu_`, `ghs_`,
//!   `ghr_`, `github_pat_`), Slack tokens (`xoxb-`, …), GitLab tokens (`glpat-`), Google API
//!   keys (`AIza`), OpenAI and Anthropic keys (`sk-proj-`, `sk-ant-`) and PEM private keys
//!   (`-----BEGIN … PRIVATE KEY-----` with a body).
//!
//! Precision over recall, for named credentials: a value is not reported when it is empty,
//! shorter than 4 characters (8 for tokens and API keys, which must also hold something
//! other than letters), holds whitespace (a message) or braces (a format string), looks like
//! an environment variable name (`"DATABASE_PASSWORD"`), a path, a URL or a password hash
//! (`$argon2…`), only names the setting (`"api_key"`, `"x-auth-token"`, `client_secret:
//! "github-client-secret"`: lower case words holding the name's), or is a placeholder:
//! `changeme`, `replace…`, `your-…`, `<…>`, `${…}`, `xxx`, `TODO`, `example`, `dummy`, `test`,
//! `fake`, `none`, `topsecret`, a value that says it is a default (`acme-default-secret`),
//! the stock password of a local database or broker image (`postgres`, `mysql`, `root`,
//! `guest`, `minioadmin`),
//! one character repeated. (`changeme` and friends are defaults meant to be
//! overridden; when one is used as a signing key it is reported as key material.) Nothing is
//! read through the environment or a macro (`env::var("API_KEY")`, `env!`, `format!`).
//!
//! Tokens and API keys must look generated (a digit, or both cases: not `route-affinity`),
//! and no credential is an `x-…` header name. Keys meant to ship in clients are not server
//! secrets: names that say `publishable`, `public`, `write key` or name a client-side
//! analytics service (Segment, Mixpanel, Amplitude, PostHog, RudderStack), and Stripe
//! `pk_…`/PostHog `phc_…` values (not when the name also says secret, password or private).
//! A named credential in the project's own analytics or telemetry code (`analytics.rs`, the
//! `mod.rs` of a `telemetry` module) is said at info: a collector's ingestion key ships by
//! design. A known key format or key material there is reported as anywhere.
//!
//! Not reported anywhere: test and development code (`#[test]`, a `cfg` that holds only for
//! `test`, `debug_assertions` or a test/dev feature, on the item, on the `mod x;` that brings
//! the file in or a module above it, and the branch of `if cfg!(debug_assertions)`), files
//! below `tests/`, `benches/` or `examples/` or named for tests (`test_keys.rs`), a private
//! constant that only such code uses, and (except key material) functions named for test or
//! sample data (`fn samples()` giving an API reference's examples, `fn mock_user()`) and
//! values whose name or callee names test data: a word `test`, `mock`, `fake`, `dummy`, `example`,
//! `sample`, `demo`, `fixture` or `stub` (`TEST_PASSWORD`, `TestValue::Single("ghp_…")`).

use std::collections::{HashMap, HashSet};

use proc_macro2::TokenTree;
use rayon::prelude::*;
use syn::visit::{self, Visit};
use syn::{Expr, ExprCall, ExprMethodCall, ExprStruct, Member};

use super::{
    dev_only_condition, has_test_attr, is_literal_value, is_view_method, peel, segments, Hit,
    Walker,
};
use crate::Rule;

/// Calls that take key material: a file holding one is read whatever else it holds (the key
/// may be a constant defined elsewhere).
const KEY_MARKERS: &[&str] = &[
    "from_secret",
    "from_base64_secret",
    "new_from_slice",
    "new_varkey",
    // Cookie keys (`Key::from`, `SecretKey::from`; not every `Key::MIN` of a codebase's own
    // key type).
    "Key::from(",
    "Key::derive_from(",
    "Key::try_from(",
    // A PEM body spans lines; its quote may be far from this line.
    "PRIVATE KEY",
];

pub(crate) const MARKERS: &[&str] = &[
    // Key material.
    "from_secret",
    "from_base64_secret",
    "new_from_slice",
    "new_varkey",
    "Key::from(",
    "Key::derive_from(",
    "Key::try_from(",
    // Credential names. The prefilter is case-sensitive: snake and screaming case for Rust
    // names, and the camel and kebab forms of parameter and header names inside strings
    // (`"apiKey"`, `"X-Auth-Token"`). Camel-case words alone (`Token`, `Password`, `Secret`)
    // would match every proc macro (`TokenStream`) and password hashing module.
    "password",
    "PASSWORD",
    "Password\"",
    "passwd",
    "PASSWD",
    "pwd",
    "PWD",
    "passphrase",
    "PASSPHRASE",
    "secret",
    "SECRET",
    "Secret\"",
    "api_key",
    "apikey",
    "apiKey",
    "API_KEY",
    "APIKEY",
    "Api-Key",
    "api-key",
    "API-KEY",
    "access_key",
    "accessKey",
    "ACCESS_KEY",
    "private_key",
    "PRIVATE_KEY",
    "signing_key",
    "SIGNING_KEY",
    "_token",
    "let token",
    "mut token",
    "token:",
    "token =",
    ".token(",
    "-token",
    "Token\"",
    "TOKEN",
    // Credentials in requests.
    "bearer_auth",
    "basic_auth",
    "uthorization",
    "AUTHORIZATION",
    "Bearer ",
    "Basic ",
    // Well-known key formats.
    "sk_live_",
    "rk_live_",
    "AKIA",
    "ghp_",
    "gho_",
    "ghu_",
    "ghs_",
    "ghr_",
    "github_pat_",
    "xoxa-",
    "xoxb-",
    "xoxp-",
    "xoxr-",
    "xoxs-",
    "glpat-",
    "AIza",
    "sk-proj-",
    "sk-ant-",
    "PRIVATE KEY",
];

/// The prefilter's second look at a file whose [`MARKERS`] matched: key material, or a
/// credential name, request credential or key format with a string literal near it (its
/// line, the line before or the three after: rustfmt puts a long literal on the next line,
/// a `basic_auth(user, Some("…"))` over several). Most files naming a password or a token
/// hash, load or pass one, with no literal in sight.
pub(crate) fn worth_parsing(bytes: &[u8], has: &dyn Fn(&str) -> bool) -> bool {
    KEY_MARKERS.iter().any(|m| has(m))
        || MARKERS
            .iter()
            .filter(|m| !KEY_MARKERS.contains(m))
            .any(|m| has(m) && super::near_quote(bytes, m.as_bytes(), 3))
}

const RULE: Rule = Rule::HardcodedSecret;

const CONSEQUENCE: &str = "anyone who can read the code or the binary can use it";

// ---------------------------------------------------------------------------------------
// Entry points (the walker skips test code and examples before calling them).

/// `let password = "…";`
pub(crate) fn local(w: &mut Walker<'_, '_>, l: &syn::Local) {
    let Some(init) = &l.init else { return };
    match super::pat_ident(&l.pat) {
        Some(n) => named(w, &n, &init.expr),
        None => formats(w, &init.expr, 0),
    }
}

/// `const API_KEY: &str = "…";`, `static …`, associated constants. A private constant that
/// only development builds use (every use under `if cfg!(debug_assertions)`,
/// `#[cfg(test)]` or a test) is a development default, not a deployed secret.
pub(crate) fn item(
    w: &mut Walker<'_, '_>,
    attrs: &[syn::Attribute],
    vis: &syn::Visibility,
    name: &syn::Ident,
    e: &Expr,
) {
    if w.test_attr(attrs) {
        return;
    }
    let name = name.to_string();
    if matches!(vis, syn::Visibility::Inherited) && !w.opts.test_code {
        if let Some(file) = w.file {
            let mut uses = DevUses {
                name: &name,
                dev: 0,
                uses: 0,
                dev_uses: 0,
            };
            uses.visit_file(file);
            if uses.uses > 0 && uses.uses == uses.dev_uses {
                return;
            }
        }
    }
    named(w, &name, e);
}

/// Counts the uses of a constant, and those in code only test or development builds run.
struct DevUses<'n> {
    name: &'n str,
    dev: u32,
    uses: u32,
    dev_uses: u32,
}

impl DevUses<'_> {
    fn scoped(&mut self, dev: bool, f: impl FnOnce(&mut Self)) {
        self.dev += u32::from(dev);
        f(self);
        self.dev -= u32::from(dev);
    }
}

impl<'ast> Visit<'ast> for DevUses<'_> {
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        self.scoped(has_test_attr(&f.attrs), |s| visit::visit_item_fn(s, f));
    }
    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        self.scoped(has_test_attr(&f.attrs), |s| visit::visit_impl_item_fn(s, f));
    }
    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        self.scoped(has_test_attr(&m.attrs), |s| visit::visit_item_mod(s, m));
    }
    fn visit_expr_if(&mut self, i: &'ast syn::ExprIf) {
        let dev = dev_only_condition(&i.cond);
        self.visit_expr(&i.cond);
        self.scoped(dev == Some(true), |s| s.visit_block(&i.then_branch));
        if let Some((_, e)) = &i.else_branch {
            self.scoped(dev == Some(false), |s| s.visit_expr(e));
        }
    }
    fn visit_expr_path(&mut self, p: &'ast syn::ExprPath) {
        if p.path.segments.last().is_some_and(|s| s.ident == self.name) {
            self.uses += 1;
            self.dev_uses += u32::from(self.dev > 0);
        }
    }
    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        // `format!("{}", SECRET)`, `json!({ "k": SECRET })`: a use, counted as such.
        let found = m
            .tokens
            .clone()
            .into_iter()
            .any(|t| super::mentions(&t, self.name));
        if found {
            self.uses += 1;
            self.dev_uses += u32::from(self.dev > 0);
        }
    }
}

/// `Config { password: "…".into(), .. }`
pub(crate) fn struct_lit(w: &mut Walker<'_, '_>, s: &ExprStruct) {
    if s.path
        .segments
        .iter()
        .any(|seg| is_test_data_name(&seg.ident.to_string()))
    {
        return; // `MockUser { password: "…" }`
    }
    for f in &s.fields {
        match &f.member {
            Member::Named(n) => named(w, &n.to_string(), &f.expr),
            Member::Unnamed(_) => formats(w, &f.expr, 0),
        }
    }
}

pub(crate) fn call(w: &mut Walker<'_, '_>, c: &ExprCall, segs: &[String]) {
    if key_use(w, c, segs).is_some() {
        key_material(w, c, segs);
        return;
    }
    if segs.iter().any(|s| is_test_data_name(s)) {
        return; // `TestValue::Single("ghp_…")`: test vectors
    }
    let last = segs.last().map_or("", String::as_str);
    // tower-http: `ValidateRequestHeaderLayer::bearer("…")`, `::basic(user, "…")`.
    let n = segs.len();
    if n >= 2
        && matches!(
            segs[n - 2].as_str(),
            "ValidateRequestHeaderLayer" | "RequireAuthorizationLayer"
        )
    {
        let (arg, kind, what) = match (last, c.args.len()) {
            ("bearer", 1) => (c.args.first(), Kind::Token, "token"),
            ("basic", 2) => (c.args.iter().nth(1), Kind::Password, "password"),
            _ => (None, Kind::Token, ""),
        };
        if let Some((lit, value)) = arg.and_then(|a| lit_value(a, 0)) {
            if known_format(&value).is_none() && credential(&value, kind) {
                let span = w.span(&lit);
                let callee = segs[n - 2..].join("::");
                report(
                    w,
                    span,
                    format!("`{callee}` accepts a {what} written in the source: anyone who can read the code or the binary can call the service"),
                );
            }
        }
    }
    // `HeaderValue::from_static("Bearer …")`
    if matches!(last, "from_static" | "from_str" | "from_bytes")
        && (segs.len() == 1 || segs.iter().any(|s| s == "HeaderValue"))
    {
        if let Some(arg) = c.args.first() {
            if let Some((lit, value)) = lit_value(arg, 0) {
                if known_format(&value).is_none() && auth_value(&value) {
                    let span = w.span(&lit);
                    report(w, span, auth_message(&value));
                }
            }
        }
    }
    for a in &c.args {
        formats(w, a, 0);
    }
}

/// Reports `arg` of a request builder when it is a literal credential of `kind`.
fn sent(w: &mut Walker<'_, '_>, arg: &Expr, kind: Kind, what: &str) {
    if let Some((lit, value)) = lit_value(arg, 0) {
        if known_format(&value).is_none() && credential(&value, kind) {
            let span = w.span(&lit);
            report(
                w,
                span,
                format!("{what} written in the source: {CONSEQUENCE}"),
            );
        }
    }
}

pub(crate) fn method(w: &mut Walker<'_, '_>, m: &ExprMethodCall) {
    let name = m.method.to_string();
    if is_test_data_name(&name) {
        return;
    }
    let args: Vec<&Expr> = m.args.iter().collect();
    match (name.as_str(), args.as_slice()) {
        ("bearer_auth", [token]) => sent(w, token, Kind::Token, "`.bearer_auth` sends a token"),
        ("basic_auth", [_, password]) => sent(
            w,
            password,
            Kind::Password,
            "`.basic_auth` sends a password",
        ),
        ("header" | "insert" | "append" | "header_append" | "set_header", [key, value]) => {
            pair(w, key, value);
        }
        (_, [value]) if is_setter(&name) => named(w, &name, value),
        _ => {}
    }
    for a in &args {
        pairs_in(w, a, 0);
        formats(w, a, 0);
    }
}

/// A one-argument builder method named like a credential: `.password(..)`,
/// `.set_api_key(..)`, `.with_token(..)`, `.client_secret(..)`; not a longer name that
/// ends like one (`.list_user_auth_token(id)`), nor a lookup by the secret's name
/// (`.get_secret("spiceai_api_key")`, `.read_password(key)`).
fn is_setter(name: &str) -> bool {
    let mut w = words(name);
    if w.first().is_some_and(|f| {
        matches!(
            f.as_str(),
            "get"
                | "read"
                | "fetch"
                | "load"
                | "lookup"
                | "find"
                | "resolve"
                | "remove"
                | "delete"
                | "has"
                | "contains"
                | "take"
                | "retrieve"
        )
    }) {
        return false;
    }
    if w.first().is_some_and(|f| f == "set" || f == "with") {
        w.remove(0);
    }
    w.len() <= 2 && kind_of_name(name).is_some()
}

// ---------------------------------------------------------------------------------------
// Findings.

/// Records a finding other than key material (which signs wherever it is written).
fn report(w: &mut Walker<'_, '_>, span: apiward_diagnostics::Span, message: String) {
    if w.example || in_sample_fn(w) {
        return;
    }
    // Only a value given to a name (`CLIENT_SECRET = ".."`): a key of a known format (an
    // AWS or Stripe key) or key material is reported wherever it is.
    if w.telemetry && !w.in_test() && message.starts_with('`') && message.contains("` is set to ") {
        // An analytics service's ingestion key ships in every build by design (as a
        // client-side write key does) and lets one send events; a reviewer checks that it
        // grants no more.
        let head = message.split_once(": ").map_or(&*message, |(h, _)| h);
        w.out.hits.push(Hit {
            rule: RULE,
            span,
            message: format!("{head}, in the project's analytics code: if it is the collector's ingestion key it ships by design; make sure it lets one send events and nothing more"),
            info: true,
        });
        return;
    }
    w.hit(RULE, span, message);
}

/// Words that make a name (of a variable, constant, function or type) test data.
const TEST_WORDS: &[&str] = &[
    "test", "tests", "testing", "mock", "mocks", "fake", "dummy", "example", "examples", "sample",
    "samples", "demo", "fixture", "fixtures", "stub",
];

/// `TEST_PASSWORD`, `TestValue`, `mock_token`: test data, not a deployed credential.
fn is_test_data_name(name: &str) -> bool {
    words(name).iter().any(|w| TEST_WORDS.contains(&w.as_str()))
}

/// A value given to `name`: a finding if it is a well-known key format, or a plausible
/// credential and `name` names one.
fn named(w: &mut Walker<'_, '_>, name: &str, e: &Expr) {
    if is_test_data_name(name) {
        return;
    }
    let Some((lit, value)) = lit_value(e, 0) else {
        formats(w, e, 0);
        return;
    };
    let span = w.span(&lit);
    if let Some(desc) = known_format(&value) {
        report(w, span, format_message(desc));
        return;
    }
    let Some(kind) = kind_of_name(name) else {
        return;
    };
    if publishable(name, &value) {
        return;
    }
    if credential(&value, kind) && !names_a_setting(&value, name) {
        report(
            w,
            span,
            format!(
                "`{name}` is set to {} written in the source: {CONSEQUENCE}",
                kind.noun()
            ),
        );
    }
}

fn format_message(desc: &str) -> String {
    let article = if desc.starts_with(['A', 'E', 'I', 'O', 'U']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {desc} is written in the source: {CONSEQUENCE}")
}

/// Well-known key formats in the string literals of `e` (through arrays, tuples, wrappers
/// and macro arguments such as `vec![..]`).
fn formats(w: &mut Walker<'_, '_>, e: &Expr, depth: u32) {
    if depth > 4 {
        return;
    }
    if let Some((lit, value)) = lit_value(e, 0) {
        if let Some(desc) = known_format(&value) {
            let span = w.span(&lit);
            report(w, span, format_message(desc));
        }
        return;
    }
    match peel(e) {
        Expr::Array(a) => {
            for x in &a.elems {
                formats(w, x, depth + 1);
            }
        }
        Expr::Tuple(t) => {
            for x in &t.elems {
                formats(w, x, depth + 1);
            }
        }
        Expr::Macro(m) => macro_formats(w, m.mac.tokens.clone(), 0),
        _ => {}
    }
}

fn macro_formats(w: &mut Walker<'_, '_>, tokens: proc_macro2::TokenStream, depth: u32) {
    if depth > 8 {
        return;
    }
    for tt in tokens {
        match tt {
            TokenTree::Literal(l) => {
                if let syn::Lit::Str(s) = syn::Lit::new(l) {
                    if let Some(desc) = known_format(&s.value()) {
                        let span = w.span(&s);
                        report(w, span, format_message(desc));
                    }
                }
            }
            TokenTree::Group(g) => macro_formats(w, g.stream(), depth + 1),
            _ => {}
        }
    }
}

/// `("api_key", "…")` pairs in arrays of request parameters: `.query(&[("api_key", "…")])`.
fn pairs_in(w: &mut Walker<'_, '_>, e: &Expr, depth: u32) {
    if depth > 3 {
        return;
    }
    match peel(e) {
        Expr::Array(a) => {
            for x in &a.elems {
                pairs_in(w, x, depth + 1);
            }
        }
        Expr::Tuple(t) if t.elems.len() == 2 => {
            let (k, v) = (&t.elems[0], &t.elems[1]);
            pair(w, k, v);
        }
        _ => {}
    }
}

/// A header (or parameter) and its value: `("Authorization", "Bearer …")`,
/// `(AUTHORIZATION, HeaderValue::from_static("…"))`, `("x-api-key", "…")`.
fn pair(w: &mut Walker<'_, '_>, key: &Expr, value: &Expr) {
    let Some(header) = header_name(key) else {
        return;
    };
    let Some((lit, v)) = lit_value(value, 0) else {
        return;
    };
    if known_format(&v).is_some() {
        return; // reported as a key format, once
    }
    let lower = header.to_ascii_lowercase();
    if auth_value(&v) && lower.ends_with("authorization") {
        // The same message as `HeaderValue::from_static("Bearer …")`: one finding.
        let span = w.span(&lit);
        report(w, span, auth_message(&v));
        return;
    }
    let noun = if lower == "authorization" || lower == "proxy-authorization" {
        (!v.contains(' ') && credential(&v, Kind::Token)).then_some("a credential")
    } else {
        kind_of_name(&header)
            .filter(|kind| credential(&v, *kind) && !names_a_setting(&v, &header))
            .map(Kind::noun)
    };
    if let Some(noun) = noun {
        let span = w.span(&lit);
        report(
            w,
            span,
            format!("`{header}` is set to {noun} written in the source: {CONSEQUENCE}"),
        );
    }
}

/// The name of a header: a string literal, `AUTHORIZATION`-style constants of `http`, or
/// `HeaderName::from_static("…")`.
fn header_name(e: &Expr) -> Option<String> {
    if let Some((_, v)) = lit_value(e, 0) {
        return Some(v);
    }
    if let Expr::Path(p) = peel(e) {
        let last = p.path.segments.last()?.ident.to_string();
        if last == "AUTHORIZATION" || last == "PROXY_AUTHORIZATION" {
            return Some(last.to_ascii_lowercase().replace('_', "-"));
        }
    }
    None
}

fn auth_message(v: &str) -> String {
    let scheme = v.split(' ').next().unwrap_or("");
    format!("an `Authorization` credential (`{scheme} …`) is written in the source: {CONSEQUENCE}")
}

/// `Bearer abc123`, `Basic dXNlcjpwYXNz`, `token ghx…`: an authorization scheme and a
/// plausible credential.
fn auth_value(v: &str) -> bool {
    let Some((scheme, cred)) = v.split_once(' ') else {
        return false;
    };
    matches!(
        scheme.to_ascii_lowercase().as_str(),
        "bearer" | "basic" | "token" | "bot" | "apikey" | "api-key" | "sso-key"
    ) && credential(cred.trim(), Kind::Token)
}

// ---------------------------------------------------------------------------------------
// Names.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Password,
    Secret,
    ApiKey,
    AccessKey,
    PrivateKey,
    Token,
}

impl Kind {
    fn noun(self) -> &'static str {
        match self {
            Kind::Password => "a password",
            Kind::Secret => "a secret",
            Kind::ApiKey => "an API key",
            Kind::AccessKey => "an access key",
            Kind::PrivateKey => "a private key",
            Kind::Token => "a token",
        }
    }
}

/// The words of a snake, kebab or camel case name, lowercase: `dbPassword` → `db`,
/// `password`; `APIKey` → `api`, `key`; `X-Api-Key` → `x`, `api`, `key`.
fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut out = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if c.is_ascii_uppercase() && !cur.is_empty() {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(char::is_ascii_lowercase);
            if prev.is_ascii_lowercase()
                || prev.is_ascii_digit()
                || (prev.is_ascii_uppercase() && next_lower)
            {
                out.push(std::mem::take(&mut cur));
            }
        }
        cur.push(c.to_ascii_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Words before `token` that make it something else than a credential.
const NOT_CREDENTIAL_TOKENS: &[&str] = &[
    "page",
    "next",
    "prev",
    "previous",
    "continuation",
    "cursor",
    "sync",
    "cancel",
    "cancellation",
    "pagination",
    "resume",
    "csrf",
    "xsrf",
    "lexer",
    "parse",
    "parser",
    "last",
    "first",
    "current",
    "eof",
    "end",
    "start",
    "special",
    "unk",
    "unknown",
    "pad",
    "bos",
    "eos",
    "sep",
    "cls",
    "mask",
    "split",
    "stop",
    "delimiter",
];

/// What a name says it holds, from its last word or two.
fn kind_of_name(name: &str) -> Option<Kind> {
    let words = words(name);
    let last = words.last()?.trim_end_matches(|c: char| c.is_ascii_digit());
    let prev = words.len().checked_sub(2).map_or("", |i| words[i].as_str());
    match last {
        "password" | "passwd" | "pwd" | "passphrase" => {
            (!matches!(prev, "hashed" | "hash" | "encrypted" | "enc")).then_some(Kind::Password)
        }
        "secret" => Some(Kind::Secret),
        "apikey" => Some(Kind::ApiKey),
        "key" => match prev {
            "api" => Some(Kind::ApiKey),
            "access" => Some(Kind::AccessKey),
            "private" => Some(Kind::PrivateKey),
            "secret" | "signing" => Some(Kind::Secret),
            _ => None,
        },
        "token" => (!NOT_CREDENTIAL_TOKENS.contains(&prev)).then_some(Kind::Token),
        _ => None,
    }
}

/// Words that name a credential setting rather than hold one (`"x-api-key"`,
/// `"auth_token"`, `"password"`).
const SETTING_WORDS: &[&str] = &[
    "password",
    "passwd",
    "pwd",
    "passphrase",
    "pass",
    "secret",
    "secrets",
    "api",
    "apikey",
    "key",
    "keys",
    "access",
    "private",
    "signing",
    "token",
    "tokens",
    "auth",
    "authorization",
    "authentication",
    "bearer",
    "basic",
    "x",
    "client",
    "user",
    "username",
    "id",
    "session",
    "jwt",
    "refresh",
    "header",
    "value",
    "name",
    "field",
    "param",
    "cookie",
    "oauth",
    "oauth2",
    "app",
    "application",
    "db",
    "database",
    "new",
    "old",
    "current",
    "confirm",
    "confirmation",
    "hash",
    "hashed",
    "type",
];

/// Whether a value only names the setting (its words are those of `name` or of credential
/// settings): `const AUTH_TOKEN: &str = "auth_token"`, `"x-api-key"`; or, in lower case
/// words, holds every word of the name and qualifies it (`client_secret:
/// "github-client-secret"`, the key a configuration store files it under).
fn names_a_setting(value: &str, name: &str) -> bool {
    if !value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ':'))
    {
        return false;
    }
    let own = words(name);
    let theirs = words(value);
    theirs
        .iter()
        .all(|w| own.contains(w) || SETTING_WORDS.contains(&w.as_str()))
        || (theirs.len() > own.len()
            && own.iter().all(|w| theirs.contains(w))
            && value
                .chars()
                .all(|c| c.is_ascii_lowercase() || matches!(c, '_' | '-' | '.')))
}

// ---------------------------------------------------------------------------------------
// Values.

/// The string literal an expression is, through wrappers that keep its value:
/// `"…".into()`, `String::from("…")`, `Some("…")`, `"…".parse().unwrap()`,
/// `HeaderValue::from_static("…")`, `SecretString::new(..)`, `b"…"`.
fn lit_value(e: &Expr, depth: u32) -> Option<(syn::Lit, String)> {
    if depth > 6 {
        return None;
    }
    match peel(e) {
        Expr::Lit(l) => match &l.lit {
            syn::Lit::Str(s) => Some((l.lit.clone(), s.value())),
            syn::Lit::ByteStr(b) => String::from_utf8(b.value())
                .ok()
                .map(|v| (l.lit.clone(), v)),
            _ => None,
        },
        Expr::Try(t) => lit_value(&t.expr, depth + 1),
        Expr::MethodCall(m) => {
            let name = m.method.to_string();
            let keeps = is_view_method(&name)
                || (m.args.is_empty() && matches!(name.as_str(), "unwrap" | "parse" | "try_into"))
                || (name == "expect" && m.args.len() == 1);
            if keeps {
                lit_value(&m.receiver, depth + 1)
            } else {
                None
            }
        }
        Expr::Call(c) if c.args.len() == 1 => {
            let Expr::Path(p) = &*c.func else { return None };
            let segs = segments(&p.path);
            let last = segs.last()?.as_str();
            let owner = segs.len().checked_sub(2).map_or("", |i| segs[i].as_str());
            // (`HeaderName::from_static("x-amz-security-token")` is a header's name, not
            // its value.)
            if owner == "HeaderName" {
                return None;
            }
            let keeps = matches!(
                last,
                "from" | "Some" | "Borrowed" | "Owned" | "from_static" | "from_str" | "from_bytes"
            ) || (last == "new"
                && ["Secret", "Sensitive", "Zeroizing", "Password", "Protected"]
                    .iter()
                    .any(|k| owner.contains(k)));
            if keeps {
                lit_value(c.args.first()?, depth + 1)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// Services whose keys are meant to ship in clients (browsers, apps, CLIs): they only
/// write events, and grant no access to anything.
const PUBLISHABLE_SERVICES: &[&str] =
    &["segment", "mixpanel", "amplitude", "posthog", "rudderstack"];

/// A key that is published by design, not a server secret: a name that says so
/// (`PUBLISHABLE_KEY`, `SEGMENT_WRITE_KEY`, `MIXPANEL_TOKEN`) or a publishable format (Stripe
/// `pk_live_…`, PostHog `phc_…`). Not a name that also says secret or password.
fn publishable(name: &str, v: &str) -> bool {
    let words = words(name);
    let has = |w: &str| words.iter().any(|x| x == w);
    if has("secret") || has("password") || has("private") || has("admin") {
        return false;
    }
    let by_name = has("publishable")
        || has("public")
        || (has("write") && has("key"))
        || PUBLISHABLE_SERVICES.iter().any(|s| has(s));
    by_name
        || ["pk_live_", "pk_test_", "phc_"]
            .iter()
            .any(|p| v.starts_with(p))
}

/// `x-request-id`, `x-qdrant-route-affinity`, `x-amz-s3session-token`: a header name
/// (words joined by `-`, each with a letter, starting `x-`), not a value.
fn looks_like_header_name(v: &str) -> bool {
    let lower = v.to_ascii_lowercase();
    lower.starts_with("x-")
        && v.split('-').count() >= 2
        && v.split('-').all(|w| {
            // Words, not a key's random part (`x-api-key-3f9a8b7c6d5e`): letters outnumber
            // digits.
            let digits = w.chars().filter(char::is_ascii_digit).count();
            w.chars().all(|c| c.is_ascii_alphanumeric())
                && w.chars().filter(char::is_ascii_alphabetic).count() > digits
        })
}

/// Whether a literal given to a credential setting can be a real credential (see the module
/// docs for what is not).
fn credential(v: &str, kind: Kind) -> bool {
    let len = v.chars().count();
    if len < 4
        || v.chars().any(char::is_whitespace)
        || !v.chars().any(|c| c.is_ascii_alphanumeric())
        || v.contains(['{', '}'])
        || v.starts_with('$')
    {
        return false;
    }
    if looks_like_env_name(v)
        || is_placeholder(v)
        || looks_like_path_or_url(v)
        || looks_like_header_name(v)
    {
        return false;
    }
    // Tokens and keys are generated: long enough, and not words alone (`route-affinity`,
    // `session_id`) but with a digit or both cases.
    if matches!(kind, Kind::Token | Kind::ApiKey | Kind::AccessKey) {
        let digit = v.chars().any(|c| c.is_ascii_digit());
        let upper = v.chars().any(|c| c.is_ascii_uppercase());
        let lower = v.chars().any(|c| c.is_ascii_lowercase());
        if len < 8 || !(digit || (upper && lower)) {
            return false;
        }
    }
    true
}

/// `DATABASE_PASSWORD`, `API_KEY`, `SECRET`: the name of a variable, not its value.
fn looks_like_env_name(v: &str) -> bool {
    v.starts_with(|c: char| c.is_ascii_uppercase())
        && v.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        && (v.contains('_') || !v.chars().any(|c| c.is_ascii_digit()))
}

fn is_placeholder(v: &str) -> bool {
    let lower = v.to_ascii_lowercase();
    const PARTS: &[&str] = &[
        "changeme",
        "change-me",
        "change_me",
        "changethis",
        "change-this",
        "change_this",
        "replace",
        "xxx",
        "<",
        ">",
        "%s",
        "todo",
        "fixme",
        "tbd",
        "placeholder",
        // A default meant to be overridden: `acme-default-secret`.
        "default",
        "example",
        "dummy",
        "redacted",
        "***",
        "...",
        "\u{2026}",
        "test",
        "fake",
        "mock",
        "sample",
        "insert",
        "-here",
        "_here",
    ];
    const WHOLE: &[&str] = &[
        "none",
        "null",
        "nil",
        "undefined",
        "unknown",
        "empty",
        "n/a",
        "false",
        "true",
        "unset",
        "disabled",
        "secret",
        "password",
        "token",
        "topsecret",
        "supersecret",
        // The stock passwords of local database and broker images (`postgres`/`postgres`,
        // MySQL's `root`, RabbitMQ's `guest`, MinIO's `minioadmin`): a development default,
        // known to everyone, not a secret of the code.
        "postgres",
        "mysql",
        "root",
        "guest",
        "minioadmin",
    ];
    let mut distinct: Vec<char> = lower.chars().collect();
    distinct.sort_unstable();
    distinct.dedup();
    lower.starts_with("your")
        || PARTS.iter().any(|p| lower.contains(p))
        || WHOLE.contains(&lower.as_str())
        || distinct.len() <= 1
}

/// `/run/secrets/db`, `./key.pem`, `https://…`, `config/token.json`.
fn looks_like_path_or_url(v: &str) -> bool {
    let lower = v.to_ascii_lowercase();
    lower.contains("://")
        || lower.starts_with("urn:")
        || lower.starts_with(['/', '\\', '~'])
        || lower.starts_with("./")
        || lower.starts_with("../")
        || [
            ".pem", ".key", ".crt", ".der", ".p12", ".pfx", ".json", ".txt", ".toml", ".yaml",
            ".yml", ".env", ".pub",
        ]
        .iter()
        .any(|x| lower.ends_with(x))
}

// ---------------------------------------------------------------------------------------
// Well-known key formats.

/// A prefix, the characters and count of the random part after it, and what it is.
struct Format {
    prefix: &'static str,
    body: fn(char) -> bool,
    min: usize,
    /// Exact length of the random part (`AKIA` + 16), if fixed.
    exact: bool,
    what: &'static str,
}

const fn fmt(
    prefix: &'static str,
    body: fn(char) -> bool,
    min: usize,
    exact: bool,
    what: &'static str,
) -> Format {
    Format {
        prefix,
        body,
        min,
        exact,
        what,
    }
}

fn alnum(c: char) -> bool {
    c.is_ascii_alphanumeric()
}
fn upper_alnum(c: char) -> bool {
    c.is_ascii_uppercase() || c.is_ascii_digit()
}
fn alnum_underscore(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}
fn alnum_dash(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-'
}
fn url_safe(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

const FORMATS: &[Format] = &[
    fmt("sk_live_", alnum, 20, false, "Stripe live secret key"),
    fmt("rk_live_", alnum, 20, false, "Stripe live restricted key"),
    fmt("AKIA", upper_alnum, 16, true, "AWS access key ID"),
    fmt("ghp_", alnum, 36, false, "GitHub token"),
    fmt("gho_", alnum, 36, false, "GitHub token"),
    fmt("ghu_", alnum, 36, false, "GitHub token"),
    fmt("ghs_", alnum, 36, false, "GitHub token"),
    fmt("ghr_", alnum, 36, false, "GitHub token"),
    fmt("github_pat_", alnum_underscore, 22, false, "GitHub token"),
    fmt("xoxa-", alnum_dash, 10, false, "Slack token"),
    fmt("xoxb-", alnum_dash, 10, false, "Slack token"),
    fmt("xoxp-", alnum_dash, 10, false, "Slack token"),
    fmt("xoxr-", alnum_dash, 10, false, "Slack token"),
    fmt("xoxs-", alnum_dash, 10, false, "Slack token"),
    fmt("glpat-", url_safe, 20, false, "GitLab token"),
    fmt("AIza", url_safe, 35, true, "Google API key"),
    fmt("sk-proj-", url_safe, 32, false, "OpenAI API key"),
    fmt("sk-ant-", url_safe, 32, false, "Anthropic API key"),
];

/// What well-known kind of key `v` holds, if any.
pub(crate) fn known_format(v: &str) -> Option<&'static str> {
    for f in FORMATS {
        let mut from = 0;
        while let Some(i) = v[from..].find(f.prefix) {
            let at = from + i;
            from = at + f.prefix.len();
            let before_ok = v[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_ascii_alphanumeric());
            if !before_ok {
                continue;
            }
            let body: String = v[from..].chars().take_while(|c| (f.body)(*c)).collect();
            let n = body.chars().count();
            let size_ok = if f.exact { n == f.min } else { n >= f.min };
            if size_ok && random_enough(&body) {
                return Some(f.what);
            }
        }
    }
    private_key_block(v).then_some("private key")
}

/// The random part of a key, not a placeholder (`XXXX…`, `EXAMPLE`, `0000…`).
fn random_enough(body: &str) -> bool {
    let lower = body.to_ascii_lowercase();
    if ["xxxx", "example", "0000", "1234", "abcd", "your"]
        .iter()
        .any(|p| lower.contains(p))
    {
        return false;
    }
    let mut distinct: Vec<char> = lower.chars().collect();
    distinct.sort_unstable();
    distinct.dedup();
    distinct.len() >= 6
}

/// `-----BEGIN (RSA |EC |OPENSSH |ENCRYPTED )PRIVATE KEY-----` followed by a body, not the
/// marker alone (code that parses PEM files names it).
fn private_key_block(v: &str) -> bool {
    let Some(begin) = v.find("-----BEGIN ") else {
        return false;
    };
    let rest = &v[begin + "-----BEGIN ".len()..];
    let Some(end) = rest.find("-----") else {
        return false;
    };
    let label = &rest[..end];
    if !label.ends_with("PRIVATE KEY") || label.len() > 40 {
        return false;
    }
    let body: String = rest[end + 5..]
        .chars()
        .take_while(|c| *c != '-')
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '='))
        .collect();
    body.len() >= 40 && random_enough(&body)
}

// ---------------------------------------------------------------------------------------
// Key material.

/// What the call does with its key, for the message.
fn key_use(w: &Walker<'_, '_>, c: &ExprCall, segs: &[String]) -> Option<&'static str> {
    let n = segs.len();
    let last = segs.last()?.as_str();
    let owner = if n >= 2 {
        segs[n - 2].as_str()
    } else {
        match &*c.func {
            Expr::Path(p) => match &p.qself {
                Some(q) => {
                    let ty = w.source(w.span(&*q.ty));
                    if ty.contains("Hmac") {
                        "Hmac"
                    } else {
                        ""
                    }
                }
                None => "",
            },
            _ => "",
        }
    };
    match (owner, last) {
        ("EncodingKey", "from_secret" | "from_base64_secret") => Some("the tokens it signs"),
        ("DecodingKey", "from_secret" | "from_base64_secret") => Some("tokens it accepts"),
        (o, "new_from_slice" | "new_varkey") if o.contains("Hmac") => {
            Some("the signatures it checks")
        }
        // A cookie key: `cookie::Key`, re-exported by actix-web, axum-extra, tower-cookies;
        // not another crate's `Key` (`opentelemetry::Key::from("code.lineno")` names an
        // attribute). Unqualified, the file must bring in a cookie key.
        ("Key", "from" | "derive_from" | "try_from") if cookie_key(w, &segs[..n - 2]) => {
            Some("session and private cookies")
        }
        ("SecretKey", "from" | "derive_from") => Some("session and private cookies"),
        _ => None,
    }
}

/// Whether `Key` qualified by `qualifier` (the path's segments before it) is a cookie key.
fn cookie_key(w: &Walker<'_, '_>, qualifier: &[String]) -> bool {
    match qualifier.first() {
        Some(_) => qualifier.iter().any(|s| {
            matches!(
                s.as_str(),
                "cookie" | "actix_web" | "axum_extra" | "tower_cookies" | "rocket"
            )
        }),
        None => w.text.contains("cookie::") || w.text.contains("cookies::"),
    }
}

fn key_material(w: &mut Walker<'_, '_>, c: &ExprCall, segs: &[String]) {
    let Some(what) = key_use(w, c, segs) else {
        return;
    };
    let Some(arg) = c.args.first() else { return };
    // A decoding key for a `Validation` whose signature check is turned off
    // (`insecure_disable_signature_validation()`: reading a token's claims without verifying
    // it) checks nothing: a placeholder, not a secret.
    if what == "tokens it accepts" && w.func_body.is_some_and(skips_signature) {
        return;
    }
    let callee = segs[segs.len().saturating_sub(2)..].join("::");
    let span = w.span(arg);
    let message = format!(
        "the key passed to `{callee}` is written in the source: anyone with the code can forge {what}"
    );
    // Views of a value: `SECRET.as_bytes()`, `&KEY`.
    let mut e = peel(arg);
    while let Expr::MethodCall(m) = e {
        if !is_view_method(&m.method.to_string()) {
            break;
        }
        e = peel(&m.receiver);
    }
    if is_literal_value(e, &w.consts, 0) {
        w.hit(RULE, span, message);
        return;
    }
    // A constant of another file: decided once every file is read.
    if let Expr::Path(p) = e {
        let segs = segments(&p.path);
        let name = segs.last().cloned().unwrap_or_default();
        let looks_const = name.chars().any(|c| c.is_ascii_uppercase())
            && !name.chars().any(|c| c.is_ascii_lowercase());
        if looks_const && !w.consts.contains_key(&name) {
            w.out.rules.entry::<Facts>().pending.push(Pending {
                hit: Hit {
                    rule: RULE,
                    span,
                    message,
                    info: false,
                },
                name,
            });
        }
    }
}

/// What a file leaves for the end of the run.
#[derive(Debug, Default)]
pub(crate) struct Facts {
    /// Findings that stand only if their constant has a literal value in another file.
    pending: Vec<Pending>,
    /// Constants and statics of the file whose value is a literal string, byte string or
    /// array (by name).
    literal_consts: Vec<String>,
}

/// A finding that stands only if `name` is a constant with a literal value somewhere in the
/// project (`Key::from(SECRET)`, with `SECRET` defined in another file).
#[derive(Debug, Clone)]
struct Pending {
    hit: Hit,
    name: String,
}

pub(crate) struct HardcodedSecret;

impl super::RustRule for HardcodedSecret {
    fn rule(&self) -> Rule {
        Rule::HardcodedSecret
    }

    fn markers(&self) -> &'static [&'static str] {
        MARKERS
    }

    fn worth_parsing(&self, bytes: &[u8], has: &dyn Fn(&str) -> bool) -> bool {
        worth_parsing(bytes, has)
    }

    fn about_service(&self) -> bool {
        false
    }

    /// The pending findings whose constant has a literal value somewhere in the project.
    fn finish(&self, p: &super::Project<'_>) -> Vec<(usize, Hit)> {
        let literal: HashSet<&str> = p
            .facts
            .iter()
            .flatten()
            .filter_map(|f| f.rules.get::<Facts>())
            .flat_map(|f| f.literal_consts.iter().map(String::as_str))
            .collect();
        // Constants named by pending findings, in files the prefilter skipped.
        let mut unresolved: Vec<&str> = p
            .facts
            .iter()
            .flatten()
            .filter_map(|f| f.rules.get::<Facts>())
            .flat_map(|f| f.pending.iter().map(|p| p.name.as_str()))
            .filter(|n| !literal.contains(n))
            .collect();
        unresolved.sort_unstable();
        unresolved.dedup();
        let more: HashSet<String> = if unresolved.is_empty() {
            HashSet::new()
        } else {
            p.files
                .par_iter()
                .flat_map_iter(|f| super::literal_consts_named(f, &unresolved))
                .collect()
        };
        let mut out = Vec::new();
        for (i, f) in p.facts.iter().enumerate() {
            let Some(f) = f.as_ref().and_then(|f| f.rules.get::<Facts>()) else {
                continue;
            };
            for pending in &f.pending {
                if literal.contains(pending.name.as_str()) || more.contains(&pending.name) {
                    out.push((i, pending.hit.clone()));
                }
            }
        }
        out
    }

    fn file(&self, w: &mut Walker<'_, '_>) {
        let mut literal: Vec<String> = w
            .consts
            .iter()
            .filter(|(_, e)| is_literal_value(e, &HashMap::new(), 0))
            .map(|(n, _)| n.clone())
            .collect();
        literal.sort();
        w.out.rules.entry::<Facts>().literal_consts = literal;
    }

    fn item_value(
        &self,
        w: &mut Walker<'_, '_>,
        attrs: &[syn::Attribute],
        vis: &syn::Visibility,
        ident: &syn::Ident,
        expr: &Expr,
    ) {
        if reads(w) {
            item(w, attrs, vis, ident, expr);
        }
    }

    fn local(&self, w: &mut Walker<'_, '_>, l: &syn::Local) {
        if reads(w) {
            local(w, l);
        }
    }

    fn struct_lit(&self, w: &mut Walker<'_, '_>, s: &ExprStruct) {
        if reads(w) {
            struct_lit(w, s);
        }
    }

    fn call(&self, w: &mut Walker<'_, '_>, c: &ExprCall, segs: &[String]) {
        if reads(w) {
            call(w, c, segs);
        }
    }

    fn method(&self, w: &mut Walker<'_, '_>, m: &ExprMethodCall, _top: bool) {
        if reads(w) {
            method(w, m);
        }
    }
}

/// Whether a function body turns off the signature check of a JWT `Validation`.
fn skips_signature(body: &syn::Block) -> bool {
    struct Find(bool);
    impl<'a> syn::visit::Visit<'a> for Find {
        fn visit_expr_method_call(&mut self, m: &'a syn::ExprMethodCall) {
            self.0 |= m.method == "insecure_disable_signature_validation";
            syn::visit::visit_expr_method_call(self, m);
        }
    }
    let mut f = Find(false);
    syn::visit::Visit::visit_block(&mut f, body);
    f.0
}

/// Test code and examples are not read: their secrets are not deployed.
fn reads(w: &Walker<'_, '_>) -> bool {
    !w.in_test() && !w.example
}

/// Inside a function that makes sample data (`fn samples()` giving the API documentation's
/// examples, `fn mock_user()`): its credentials are not deployed (key material still is
/// reported: it signs).
fn in_sample_fn(w: &Walker<'_, '_>) -> bool {
    w.func.is_some_and(|f| is_test_data_name(&f.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for (n, k) in [
            ("password", Some(Kind::Password)),
            ("db_password", Some(Kind::Password)),
            ("dbPassword", Some(Kind::Password)),
            ("PASSWORD2", Some(Kind::Password)),
            ("API_KEY", Some(Kind::ApiKey)),
            ("apiKey", Some(Kind::ApiKey)),
            ("XApiKey", Some(Kind::ApiKey)),
            ("apikey", Some(Kind::ApiKey)),
            ("aws_access_key", Some(Kind::AccessKey)),
            ("client_secret", Some(Kind::Secret)),
            ("jwtSecret", Some(Kind::Secret)),
            ("auth_token", Some(Kind::Token)),
            ("set_password", Some(Kind::Password)),
            ("token_url", None),
            ("password_hash", None),
            ("hashed_password", None),
            ("secret_name", None),
            ("PASSWORD_MIN_LEN", None),
            ("next_page_token", None),
            ("csrf_token", None),
            ("key", None),
            ("token_type", None),
        ] {
            assert_eq!(kind_of_name(n), k, "{n}");
        }
    }

    #[test]
    fn values() {
        for v in ["hunter2", "s3cr3t-pa55", "admin123"] {
            assert!(credential(v, Kind::Password), "{v}");
        }
        for v in [
            "",
            "abc",
            "invalid password",
            "DATABASE_PASSWORD",
            "PASSWORD",
            "changeme",
            "postgres",
            "minioadmin",
            "<your-key>",
            "${API_KEY}",
            "xxxxxxxx",
            "your-api-key",
            "TODO",
            "********",
            "password: {}",
            "/run/secrets/db",
            "https://auth.example.com/token",
            "$argon2id$v=19$m=65536",
            "tls/key.pem",
            "topsecret",
            "pinepods-default-secret",
        ] {
            assert!(!credential(v, Kind::Password), "{v}");
        }
        assert!(!credential("bearer", Kind::Token));
        assert!(!credential("x-route-affinity", Kind::Token));
        assert!(!credential("x-tenant-signature", Kind::Secret));
        assert!(!credential("session-routing-hint", Kind::Token));
        assert!(publishable("ANALYTICS_SEGMENT_KEY", "Q7wLm3Zx9Kf4Wt8RbN2c"));
        assert!(publishable("STRIPE_KEY", "pk_live_51Hq8ZtRk2mNv7Wp3"));
        assert!(!publishable("SEGMENT_SECRET", "Q7wLm3Zx9Kf4Wt8RbN2c"));
        assert!(!publishable("BILLING_API_KEY", "Q7wLm3Zx9Kf4Wt8RbN2c"));
        assert!(!credential("refresh", Kind::Token));
        assert!(credential("tok_9f8e7d6c5b4a", Kind::Token));
        assert!(names_a_setting("x-api-key", "API_KEY_HEADER"));
        assert!(names_a_setting("auth_token", "AUTH_TOKEN"));
        assert!(!names_a_setting("my_secret_key", "jwt_secret"));
        assert!(names_a_setting("github-client-secret", "client_secret"));
        assert!(names_a_setting("smtp.password", "password"));
        assert!(!names_a_setting("hunter2-client-secret", "client_secret"));
        assert!(!names_a_setting("Github-Client-Secret9", "client_secret"));
    }

    #[test]
    fn formats() {
        let stripe = format!("sk_live_{}", "4eC39HqLyjWDarjtT1zdp7dc");
        assert_eq!(known_format(&stripe), Some("Stripe live secret key"));
        assert_eq!(
            known_format(&format!("AKIA{}", "Z7Q3K9D2M4B8X6W1")),
            Some("AWS access key ID")
        );
        assert_eq!(known_format(&format!("AKIA{}", "IOSFODNN7EXAMPLE")), None);
        assert_eq!(known_format("AKIA"), None);
        assert_eq!(known_format("sk_live_xxxxxxxxxxxxxxxxxxxxxxxx"), None);
        assert_eq!(known_format("-----BEGIN PRIVATE KEY-----"), None);
        let pem = format!(
            "-----BEGIN RSA PRIVATE KEY-----\n{}\n-----END RSA PRIVATE KEY-----",
            "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun"
        );
        assert_eq!(known_format(&pem), Some("private key"));
        assert_eq!(
            known_format(&format!("xoxb-{}", "2716-48193-aZ9kQ")),
            Some("Slack token")
        );
    }
}
