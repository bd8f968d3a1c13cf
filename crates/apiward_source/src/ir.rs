//! A small, thread-safe summary of one parsed file: the functions (with a reduced expression
//! tree of their bodies), trait impls, `use` declarations and string constants that route
//! discovery needs. `syn` trees are not `Send`, so each file is lowered to this form on the
//! thread that parsed it, and the router evaluation runs on the summaries.

use apiward_diagnostics::Span;

use crate::cond;
use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::Token;

/// An expression, reduced to what building routers uses.
#[derive(Debug, Clone)]
pub(crate) enum Ex {
    Str(String, Span),
    /// A path, with the type names of its turbofish generics (`from_extractor::<Auth>`).
    Path(Vec<String>, Span, Vec<String>),
    Call {
        func: Box<Ex>,
        args: Vec<Ex>,
        span: Span,
    },
    Method {
        recv: Box<Ex>,
        name: String,
        args: Vec<Ex>,
        span: Span,
    },
    Macro {
        name: String,
        args: Vec<Ex>,
        span: Span,
    },
    Closure(Box<Closure>),
    Block(Block),
    /// Arrays and tuples.
    List(Vec<Ex>),
    /// The arms of an `if` or `match`: any of them may be the value.
    Branches(Vec<Ex>),
    /// What an arm taken only under a condition registers (`if config.dev_mode`,
    /// `else of if is_production()`, `match env: Env::Dev`, a statement's `cfg(..)`):
    /// the condition's text, bounded.
    Cond(Box<(String, Ex)>),
    /// `a + b` (string building).
    Concat(Vec<Ex>),
    /// `for pat in iter { body }`: the body runs once per item of a known list.
    For(Box<(Pat, Ex, Block)>),
    /// `base.field` (a field of a constant table of paths).
    Field(Box<Ex>, String),
    /// `Type { field: value, .. }`: the type's name and the fields.
    Struct(String, Vec<(String, Ex)>),
    Return(Box<Ex>),
    /// Anything else; its sub-expressions are still evaluated for what they build.
    Other(Vec<Ex>),
}

impl Ex {
    /// Calls `f` on each expression directly inside this one (statements of a block, the
    /// body of a closure, arms, arguments, receivers).
    pub(crate) fn for_each_child<'a>(&'a self, f: &mut impl FnMut(&'a Ex)) {
        match self {
            Ex::Call { func, args, .. } => {
                f(func);
                args.iter().for_each(f);
            }
            Ex::Method { recv, args, .. } => {
                f(recv);
                args.iter().for_each(f);
            }
            Ex::Macro { args, .. }
            | Ex::List(args)
            | Ex::Branches(args)
            | Ex::Concat(args)
            | Ex::Other(args) => args.iter().for_each(f),
            Ex::Closure(c) => f(&c.body),
            Ex::Block(b) => b.stmts.iter().for_each(|s| {
                let (Stmt::Let(_, e) | Stmt::Expr(e, _) | Stmt::Assign(_, e)) = s;
                f(e);
            }),
            Ex::Cond(c) => f(&c.1),
            Ex::For(x) => {
                f(&x.1);
                x.2.stmts.iter().for_each(|s| {
                    let (Stmt::Let(_, e) | Stmt::Expr(e, _) | Stmt::Assign(_, e)) = s;
                    f(e);
                });
            }
            Ex::Field(e, _) | Ex::Return(e) => f(e),
            Ex::Struct(_, fields) => fields.iter().for_each(|(_, e)| f(e)),
            Ex::Str(..) | Ex::Path(..) => {}
        }
    }

    pub(crate) fn span(&self) -> Option<Span> {
        match self {
            Ex::Str(_, s) | Ex::Path(_, s, _) => Some(*s),
            Ex::Call { span, .. } | Ex::Method { span, .. } | Ex::Macro { span, .. } => Some(*span),
            Ex::Closure(c) => Some(c.span),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Closure {
    pub params: Vec<Param>,
    pub body: Ex,
    pub span: Span,
    pub flags: TextFlags,
    /// The file it is written in (a closure a function returns runs in its caller's frame).
    pub file: usize,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Block {
    pub stmts: Vec<Stmt>,
}

/// The variable an `if let` keeps its scrutinee's value in for the arm that binds it (no
/// identifier: it cannot meet a name of the code).
const IF_LET: &str = "if let";

/// A binding pattern: a name, a tuple of patterns, a struct's fields by name (`let
/// Options { mounts, .. } = options`), or anything else (bound to nothing).
#[derive(Debug, Clone)]
pub(crate) enum Pat {
    Name(String),
    Tuple(Vec<Pat>),
    Struct(Vec<(String, Pat)>),
    Ignore,
}

#[derive(Debug, Clone)]
pub(crate) enum Stmt {
    Let(Pat, Ex),
    /// An expression; `true` when it ends in `;` (its value is not the block's).
    Expr(Ex, bool),
    Assign(String, Ex),
}

#[derive(Debug, Clone)]
pub(crate) struct Param {
    pub name: Option<String>,
    pub ty: Option<Ty>,
    /// The body turns the request away when this (optional) value is absent: `let Some(a)
    /// = auth else { return .. };`, `let a = auth.ok_or(..)?;`, `if auth.is_none() {
    /// return .. }`, `let u = auth.user.clone().unwrap();` among its first statements.
    pub demanded: bool,
    /// The body fails the request, among its first statements, with the failure of one of
    /// this value's methods (`caller.email()?`): a demand of a caller where the value is a
    /// guard that never fails ([`ImplDef::never_fails`]), whose methods are how a handler
    /// asks for one.
    pub method_demanded: bool,
    /// A cookie jar (its type named for cookies) the body reads who is calling from: a
    /// method of it or a call it is handed to is named for a session or a user
    /// (`jar.session_info()`, `load_session(&jar)`), or it is used otherwise. A jar only
    /// read for a CSRF token or a flow's state, and handed back with the answer, is not.
    pub reads_identity: bool,
    /// Taken by value (a type that is not a reference): what the function does to it is not
    /// the caller's to see (`fn wrap(r: Router) -> Router { r.layer(..) }`).
    pub moved: bool,
}

/// A type, as its path and generic arguments (references and parentheses removed).
#[derive(Debug, Clone)]
pub(crate) struct Ty {
    pub path: Vec<String>,
    pub args: Vec<Ty>,
}

impl Ty {
    pub(crate) fn name(&self) -> &str {
        self.path.last().map_or("", String::as_str)
    }
    /// Whether the type or one of its type arguments, at any depth, is one `f` accepts.
    pub(crate) fn mentions(&self, f: &impl Fn(&Ty) -> bool) -> bool {
        f(self) || self.args.iter().any(|a| a.mentions(f))
    }
    /// A projection on a type parameter or trait (`C::Session`, `<C as Ctx>::Session`, read
    /// as `Ctx::Session`): a path of two segments or more whose first is a type's.
    pub(crate) fn is_projection(&self) -> bool {
        self.path.len() >= 2 && self.path[0].starts_with(|c: char| c.is_ascii_uppercase())
    }

    pub(crate) fn display(&self) -> String {
        // A projection shows what it projects from (`C::Session`, not `Session`).
        let mut s = if self.is_projection() {
            self.path[self.path.len() - 2..].join("::")
        } else {
            self.name().to_string()
        };
        if !self.args.is_empty() {
            s.push('<');
            let args: Vec<String> = self.args.iter().map(Ty::display).collect();
            s.push_str(&args.join(", "));
            s.push('>');
        }
        s
    }
}

/// What the source text of a body mentions (case-insensitive).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct TextFlags {
    /// Credentials: the Authorization header, bearer tokens, cookies, sessions, JWTs, keys.
    pub credentials: bool,
    /// Rejection: 401/403, `Unauthorized`, `Forbidden`, redirect to a login page.
    pub rejects: bool,
    /// Reads what a caller authenticates with: the Authorization header, a bearer token, a
    /// session or its cookie, a JWT, an API key (not every `token`).
    pub reads_auth: bool,
    /// Reads credentials from the request itself: the Authorization header, a bearer token,
    /// a cookie, an `X-API-Key` header (not a field named `api_key` of a body).
    pub reads_request_auth: bool,
    /// Answers 401/403 (`Unauthorized`, `Forbidden`): not a redirect, not a login page.
    pub rejects_auth: bool,
    /// Signs a caller in (`Identity::login`, `.remember(..)`): a sign-in handler.
    pub signs_in: bool,
    /// Names a credential no other data is carried in: the Authorization header, a bearer
    /// token, a JWT, an `X-API-Key` header (not a cookie, which may hold anything).
    pub strong_credential: bool,
    /// Hands the request on to another route (Rocket's `Outcome::Forward`, `.or_forward(..)`):
    /// a guard that fails this way turns the caller away from the route.
    pub forwards: bool,
    /// Mentions `auth` at all (`get_auth(..)`, `authentication::check`): a function whose
    /// calls are worth keeping, for the auth its callers may hand it.
    pub mentions_auth: bool,
    /// Upgrades the connection to a WebSocket (`ws::start(..)`, `actix_ws::handle(..)`,
    /// `.on_upgrade(..)`).
    pub upgrades: bool,
    /// Answers with an HTML page only (`Template::render(..)`, a `template!` macro,
    /// `Html(..)`, `tera.render(..)`), never JSON: a page of the site the server renders
    /// beside its API.
    pub renders_page: bool,
    /// Falls back to an anonymous caller (`ForAgent::Public`, `User::Anonymous`,
    /// `Role::Guest`): who calls is read when credentials come, and everyone else is let in.
    pub anonymous: bool,
    /// A middleware that hands a request without credentials on to the service (`None =>
    /// return srv.call(req)`, `let Some(h) = auth else { return next.run(req).await }`):
    /// it checks the credentials that come and lets the other callers in. Set from the
    /// syntax (see [`lets_absent_through`]), not the text.
    pub lets_absent_through: bool,
    /// A handler that turns away a caller without a session: `let Some(session) =
    /// maybe_session else { return <redirect to sign in, or 401/403> };` among its
    /// statements. Set from the syntax (see [`turns_away_no_session`]).
    pub turns_away_no_session: bool,
}

impl TextFlags {
    /// From the text of a body, comments left out (a comment that mentions tokens does not
    /// make an extractor an auth extractor).
    pub(crate) fn of(text: &str) -> TextFlags {
        let stripped = strip_comments(text);
        let anonymous = ["::Public", "::Anonymous", "::Anon", "::Guest"]
            .iter()
            .any(|n| {
                memchr::memmem::find_iter(stripped.as_bytes(), n.as_bytes()).any(|i| {
                    // The whole variant, not the start of a longer name (`::PublicKey`); a
                    // `Public` of a caller's type (`ForAgent::Public`), not of a file's or a
                    // project's visibility (`FileHostPublicity::Public`).
                    !stripped.as_bytes()[i + n.len()..]
                        .first()
                        .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
                        && (*n != "::Public" || caller_type_before(&stripped[..i]))
                })
            });
        // A module named for authorization (`authorization::auth_org(..)`) is no header.
        let lower = stripped
            .to_ascii_lowercase()
            .replace("authorization::", "authz::");
        let has = |needles: &[&str]| {
            needles
                .iter()
                .any(|n| memchr::memmem::find(lower.as_bytes(), n.as_bytes()).is_some())
        };
        // A signature header named by a constant (`headers.get(SIGNATURE)`,
        // `req.headers().get(&X_SIGNATURE)`): read from the headers, not any map.
        let signature_header = lower.contains("signature") && {
            let compact: String = lower.chars().filter(|c| !c.is_whitespace()).collect();
            ["headers.get(", "headers().get("].iter().any(|h| {
                compact.match_indices(h).any(|(i, _)| {
                    let arg = compact[i + h.len()..].trim_start_matches('&');
                    let name = arg
                        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                        .next()
                        .unwrap_or("");
                    name.rsplit("::")
                        .next()
                        .is_some_and(|n| n.contains("signature"))
                })
            })
        };
        TextFlags {
            credentials: has(&[
                "authorization",
                "bearer",
                "cookie",
                "session",
                "token",
                "jwt",
                "api_key",
                "apikey",
                "api-key",
                "credential",
            ]),
            rejects: has(&[
                "unauthorized",
                "unauthorised",
                "forbidden",
                "401",
                "403",
                "redirect",
                "login",
            ]),
            reads_auth: has(&[
                "authorization",
                "bearer",
                "cookie",
                "session",
                "jwt",
                "api_key",
                "apikey",
                "api-key",
            ]),
            // A signed request's signature header (`X-Hub-Signature-256`, `Stripe-Signature`,
            // `Webhook-Signature`): a webhook checking its sender. A token or secret header
            // of the project's (`"X-Cluster-Token"`, `CLUSTER_TOKEN_HEADER`,
            // `"x-admin-secret"`).
            reads_request_auth: signature_header
                || has(&[
                    "authorization",
                    "bearer",
                    "cookie",
                    "x-api-key",
                    "-signature",
                    "-token\"",
                    "token_header",
                    "-secret\"",
                    "secret_header",
                ]),
            // Also an error of the project named for it (`Err(AppError::Authentication(..))`,
            // `WebError::Authorization(..)`, `Status::unauthenticated(..)`), which its response
            // mapping answers with 401.
            rejects_auth: has(&[
                "unauthorized",
                "unauthorised",
                "forbidden",
                "401",
                "403",
                "unauthenticated",
                "accessdenied",
            ]) || error_variant(
                &lower,
                &[
                    "::authentication",
                    "::authorization",
                    "::autherror",
                    "::auth_error",
                    "::authenticationerror",
                    // The caller not signed in (`cookie.ok_or(AppError::NonLogin)?`). (Not
                    // `NotAuthenticated`, `NotLoggedIn`: outcomes matched as often as raised.)
                    "::nonlogin",
                    "::loginrequired",
                    "::needlogin",
                ],
            ),
            signs_in: has(&["identity::login(", ".remember(", "insert_identity("]),
            strong_credential: has(&["authorization", "bearer", "x-api-key", "jwt"]),
            // (Not actix's `forward_ready!(service)`, which every middleware's `Service`
            // writes, nor a comment saying it forwards the request.)
            forwards: has(&[
                "outcome::forward",
                "or_forward(",
                "forward(()",
                "forward((",
                "forward(status",
            ]),
            mentions_auth: has(&["auth"]),
            upgrades: has(&[
                "ws::start(",
                "actix_ws::handle(",
                ".on_upgrade(",
                "ws::handle(",
            ]),
            renders_page: (has(&[
                "template::render(",
                "template!",
                "tera.render(",
                "templates.render(",
                "handlebars.render(",
                "hbs.render(",
                "render_template(",
            ]) || lower.match_indices("html(").any(|(i, _)| {
                // `Html(..)`, not `markdown_to_html(..)`.
                !lower[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_')
            })) && !has(&["json"]),
            anonymous,
            lets_absent_through: false,
            turns_away_no_session: false,
        }
    }
}

/// Whether the type named at the end of `text` (before a `::Variant`) is one of who calls:
/// `ForAgent`, `CurrentUser`, `Principal`, `Role`.
fn caller_type_before(text: &str) -> bool {
    let start = text
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .map_or(0, |i| i + 1);
    crate::auth::words(&text[start..]).iter().any(|w| {
        matches!(
            w.as_str(),
            "agent"
                | "user"
                | "caller"
                | "principal"
                | "identity"
                | "role"
                | "actor"
                | "auth"
                | "viewer"
                | "requester"
                | "subject"
                | "account"
                | "session"
                | "member"
                | "visitor"
                | "who"
        )
    })
}

/// Whether lower-cased text names one of these enum variants as a value
/// (`Err(Error::Authentication)`, `AppError::Authorization(..)`, `=> Error::Authentication,`),
/// not a module (`crate::authentication::check`), a struct built (`dto::Authorization {
/// .. }`) or a longer name.
fn error_variant(lower: &str, variants: &[&str]) -> bool {
    let b = lower.as_bytes();
    variants.iter().any(|v| {
        memchr::memmem::find_iter(b, v.as_bytes()).any(|i| {
            let rest = &lower[i + v.len()..];
            matches!(rest.as_bytes().first(), Some(b'(' | b')' | b',' | b';'))
                // A struct variant built (`Err(ProxyError::AuthError { reason })`), of a
                // name that says it is an error (not `dto::Authorization { token, .. }`),
                // not matched (`Err(ApiError::AuthError { .. }) => ..`).
                || (v.ends_with("error") && struct_built(rest))
        })
    })
}

/// Whether `rest`, the text after a struct variant's name, builds it: braces whose fields are
/// not `..` and that no `=>` or `|` of a pattern follows.
fn struct_built(rest: &str) -> bool {
    let Some(body) = rest.trim_start().strip_prefix('{') else {
        return false;
    };
    let mut depth = 1;
    let Some(end) = body.char_indices().find_map(|(i, c)| {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        (depth == 0).then_some(i)
    }) else {
        return false;
    };
    let after = body[end + 1..].trim_start();
    let after = after.trim_start_matches(')').trim_start();
    !body[..end].trim_end().ends_with("..") && !after.starts_with("=>") && !after.starts_with('|')
}

/// The text without `//` and `/* */` comments (string literals kept; a `//` inside a string
/// such as a URL cuts the rest of its line, which only loses words).
fn strip_comments(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("//") && !text.contains("/*") {
        return std::borrow::Cow::Borrowed(text);
    }
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut start = 0;
    while i + 1 < b.len() {
        if b[i] == b'/' && b[i + 1] == b'/' {
            out.push_str(&text[start..i]);
            i = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |n| i + n);
            start = i;
        } else if b[i] == b'/' && b[i + 1] == b'*' {
            out.push_str(&text[start..i]);
            i = memchr::memmem::find(&b[i + 2..], b"*/").map_or(b.len(), |n| i + 2 + n + 2);
            start = i;
        } else {
            i += 1;
        }
    }
    out.push_str(&text[start.min(text.len())..]);
    std::borrow::Cow::Owned(out)
}

/// The functions and methods a body calls (`check_token`, `AuthCheck::check`), for the
/// handlers whose auth may be a check in their body.
#[derive(Default)]
struct CallCollector {
    calls: Vec<String>,
    /// See [`FnDef::hands`].
    hands: Vec<Hand>,
    /// The calls whose failure a `match`/`if let` lets pass, and how often (rare: counted
    /// against all their calls by [`CallCollector::tolerated`]).
    let_pass: Vec<(String, u32)>,
    /// Calls whose failure turned into an `Option` is then turned into an error again
    /// (`check(..).ok().ok_or(Unauthorized)?`): never let pass.
    veto: Vec<String>,
    /// The function's parameters: a method called on one is noted (see [`Hand::RECEIVER`]).
    params: Vec<String>,
    /// The methods called on a parameter ([`Hand::RECEIVER`]).
    on_params: Vec<Hand>,
    /// Variables bound to a call's result (`let res = Token::from_jwt(..)`): a failure let
    /// pass through the variable (`res.ok()`) is that call's.
    bound: Vec<(String, String)>,
}

/// A call handed a variable named for the caller ([`FnDef::hands`]).
#[derive(Debug, Clone)]
pub(crate) struct Hand {
    pub call: String,
    pub arg: usize,
    pub var: String,
    pub receiver: Option<String>,
}

impl Hand {
    /// [`Hand::arg`] of a method called on the variable itself.
    pub const RECEIVER: usize = usize::MAX;
}

/// The name [`CallCollector`] gives a function call (`check_token`, `auth::check`).
fn call_name(c: &syn::ExprCall) -> Option<String> {
    let syn::Expr::Path(p) = &*c.func else {
        return None;
    };
    let segs = segments(&p.path);
    let n = segs.len();
    // jsonwebtoken's `decode::<Claims>(&token, &DecodingKey::from_secret(..), &validation)`
    // verifies a token's signature and expiry, however it is imported.
    if segs.last().is_some_and(|s| s == "decode")
        && c.args.iter().any(|a| {
            let t = a.to_token_stream().to_string();
            t.contains("DecodingKey") || t.contains("decoding_key")
        })
    {
        return Some("jsonwebtoken::decode".to_string());
    }
    Some(segs[n.saturating_sub(2)..].join("::"))
}

/// The name [`CallCollector`] gives a method call (`check`, `AuthCheck::check` for
/// `AuthCheck::default().check(..)`: the type the method is called on).
fn method_call_name(m: &syn::ExprMethodCall) -> String {
    let name = m.method.to_string();
    let mut recv = &*m.receiver;
    while let syn::Expr::MethodCall(inner) = recv {
        recv = &inner.receiver;
    }
    if let syn::Expr::Call(c) = recv {
        if let syn::Expr::Path(p) = &*c.func {
            let segs = &p.path.segments;
            if segs.len() >= 2 {
                let ty = segs[segs.len() - 2].ident.to_string();
                if ty.starts_with(|c: char| c.is_ascii_uppercase()) {
                    return format!("{ty}::{name}");
                }
            }
        }
    }
    name
}

/// The call whose result a `match` or `if let` looks at (`.await` and parentheses peeled).
fn scrutinee_call(mut e: &syn::Expr) -> Option<String> {
    loop {
        match e {
            syn::Expr::Await(a) => e = &a.base,
            syn::Expr::Paren(p) => e = &p.expr,
            syn::Expr::Call(c) => return call_name(c),
            syn::Expr::MethodCall(m) => return Some(method_call_name(m)),
            _ => return None,
        }
    }
}

/// Token text without the arguments of logging macros (`debug!("skipping unauthorized
/// origin")`): what a branch logs is not what it answers.
fn without_log_calls(text: &str) -> String {
    const LOGS: &[&str] = &[
        "trace ! (",
        "debug ! (",
        "info ! (",
        "warn ! (",
        "error ! (",
        "println ! (",
        "eprintln ! (",
    ];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((i, m)) = LOGS
        .iter()
        .filter_map(|m| rest.find(m).map(|i| (i, m)))
        .min_by_key(|(i, _)| *i)
    {
        out.push_str(&rest[..i]);
        // To the closing parenthesis, string literals skipped (`debug!("a ( b")`).
        let (mut depth, mut in_str, mut escaped) = (0usize, false, false);
        let mut end = rest.len();
        for (j, c) in rest[i + m.len() - 1..].char_indices() {
            match c {
                _ if escaped => escaped = false,
                '\\' if in_str => escaped = true,
                '"' => in_str = !in_str,
                '(' if !in_str => depth += 1,
                ')' if !in_str => {
                    depth -= 1;
                    if depth == 0 {
                        end = i + m.len() - 1 + j + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The operands of a condition's `&&`s (parentheses peeled).
fn conjuncts<'e>(e: &'e syn::Expr, out: &mut Vec<&'e syn::Expr>) {
    match e {
        syn::Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => {
            conjuncts(&b.left, out);
            conjuncts(&b.right, out);
        }
        syn::Expr::Paren(p) => conjuncts(&p.expr, out),
        _ => out.push(e),
    }
}

/// A `Result` under the adapters that keep its failure a failure (`.map(|(_, u)| u)`,
/// `.map_err(..)`, `.inspect_err(..)`): the call that may fail.
fn peel_adapters(mut e: &syn::Expr) -> &syn::Expr {
    while let syn::Expr::MethodCall(m) = e {
        if !matches!(
            m.method.to_string().as_str(),
            "map" | "map_err" | "inspect" | "inspect_err"
        ) {
            break;
        }
        e = &m.receiver;
    }
    e
}

/// An arm or branch taken when a call fails that goes on with the request: no `return`,
/// `?` or `bail!`, no 401/403 or redirect (`Err(_) => None`).
/// The variable a `Some(x)` pattern binds.
fn some_binding(p: &syn::Pat) -> Option<String> {
    let syn::Pat::TupleStruct(t) = p else {
        return None;
    };
    if !t.path.is_ident("Some") {
        return None;
    }
    match t.elems.first() {
        Some(syn::Pat::Ident(i)) => Some(i.ident.to_string()),
        _ => None,
    }
}

fn is_none_pat(p: &syn::Pat) -> bool {
    matches!(p, syn::Pat::Ident(i) if i.ident == "None")
        || matches!(p, syn::Pat::Path(x) if x.path.is_ident("None"))
}

/// Whether an arm or `else` turns every caller away (`return Err(Unauthorized)`,
/// `Err(AuthError::Missing)?`), not only under a condition of its own.
fn rejects_outright<T: ToTokens>(body: &T) -> bool {
    let text = without_log_calls(&body.to_token_stream().to_string());
    let conditional = text.contains("if ") || text.contains("match ");
    !conditional && !goes_on(body)
}

fn goes_on<T: ToTokens>(body: &T) -> bool {
    let text = without_log_calls(&body.to_token_stream().to_string());
    !text.contains("return")
        && !text.contains('?')
        && !text.contains("bail")
        && !text.contains("panic")
        && !TextFlags::of(&text).rejects
}

impl CallCollector {
    /// The failure of the call `e` is let pass here.
    fn tolerate(&mut self, e: &syn::Expr) {
        if let Some(name) = scrutinee_call(e) {
            self.tolerate_call(name);
        }
    }

    /// The calls in `body` given the variable `x` (or a method's answer of it): let pass.
    fn tolerate_given<T: ToTokens>(&mut self, body: &T, x: &str) {
        struct Given<'a>(&'a str, Vec<String>);
        impl<'ast> Visit<'ast> for Given<'_> {
            fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
                let mentions = c.args.iter().any(|a| {
                    a.to_token_stream()
                        .into_iter()
                        .any(|t| matches!(t, proc_macro2::TokenTree::Ident(ref i) if i == self.0))
                });
                if let (true, Some(name)) = (mentions, call_name(c)) {
                    self.1.push(name);
                }
                syn::visit::visit_expr_call(self, c);
            }
            fn visit_item(&mut self, _: &'ast syn::Item) {}
        }
        let Ok(e) = syn::parse2::<syn::Expr>(body.to_token_stream()) else {
            return;
        };
        let mut g = Given(x, Vec::new());
        g.visit_expr(&e);
        for name in g.1 {
            self.tolerate_call(name);
        }
    }

    fn tolerate_call(&mut self, name: String) {
        match self.let_pass.iter_mut().find(|(n, _)| *n == name) {
            Some((_, k)) => *k += 1,
            None => self.let_pass.push((name, 1)),
        }
    }

    /// The calls of `block` whose every failure the body lets pass (`match
    /// authorize_session(..) { Ok(s) => Some(s), Err(_) => None }`): a check whose answer
    /// only identifies the caller. A call also made elsewhere in the body is not.
    fn tolerated(&self, block: &syn::Block) -> Vec<String> {
        if self.let_pass.is_empty() {
            return Vec::new();
        }
        struct Count<'n>(&'n [(String, u32)], Vec<u32>);
        impl Count<'_> {
            fn saw(&mut self, name: &str) {
                if let Some(i) = self.0.iter().position(|(n, _)| n == name) {
                    self.1[i] += 1;
                }
            }
        }
        impl<'ast> Visit<'ast> for Count<'_> {
            fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
                if let Some(name) = call_name(c) {
                    self.saw(&name);
                }
                syn::visit::visit_expr_call(self, c);
            }
            fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
                self.saw(&method_call_name(m));
                syn::visit::visit_expr_method_call(self, m);
            }
            fn visit_item(&mut self, _: &'ast syn::Item) {}
        }
        let mut count = Count(&self.let_pass, vec![0; self.let_pass.len()]);
        count.visit_block(block);
        let mut out: Vec<String> = self
            .let_pass
            .iter()
            .zip(&count.1)
            .filter(|((n, tol), all)| tol >= all && !self.veto.contains(n))
            .map(|((n, _), _)| n.clone())
            .collect();
        out.sort();
        out
    }
}

impl<'ast> Visit<'ast> for CallCollector {
    fn visit_local(&mut self, l: &'ast syn::Local) {
        if let (syn::Pat::Ident(i), Some(init)) = (&l.pat, &l.init) {
            if let Some(c) = scrutinee_call(&init.expr) {
                self.bound.push((i.ident.to_string(), c));
            }
        }
        syn::visit::visit_local(self, l);
    }
    fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
        if let Some(name) = call_name(c) {
            self.hand(&name, &c.args, None);
            self.push(name);
        }
        syn::visit::visit_expr_call(self, c);
    }
    fn visit_expr_match(&mut self, m: &'ast syn::ExprMatch) {
        // `match auth { Some(auth) => get_current_user(.., auth.token()).await?, None => .. }`
        // on an optional parameter: the check runs only for a caller who sent credentials.
        if expr_ident(&m.expr).is_some_and(|v| self.params.contains(&v)) {
            let bound = m
                .arms
                .iter()
                .find_map(|a| some_binding(&a.pat).map(|x| (x, a)));
            let none = m
                .arms
                .iter()
                .find(|a| is_none_pat(&a.pat) || matches!(a.pat, syn::Pat::Wild(_)));
            if let (Some((x, some)), Some(none)) = (bound, none) {
                if !rejects_outright(&none.body) {
                    self.tolerate_given(&some.body, &x);
                }
            }
        }
        let failure = |p: &syn::Pat| failure_pattern(p, true);
        // `Err(err) => err.into()`: the error is the answer.
        let answers_error = |a: &syn::Arm| match &a.pat {
            syn::Pat::TupleStruct(t) => t
                .elems
                .iter()
                .any(|p| matches!(p, syn::Pat::Ident(i) if !i.ident.to_string().starts_with('_'))),
            _ => false,
        };
        if m.arms.iter().any(|a| failure(&a.pat))
            && m.arms
                .iter()
                .filter(|a| failure(&a.pat))
                .all(|a| !answers_error(a) && goes_on(&a.body))
        {
            self.tolerate(&m.expr);
        }
        syn::visit::visit_expr_match(self, m);
    }
    fn visit_expr_if(&mut self, i: &'ast syn::ExprIf) {
        // `if session.is_some() && authorize(..).is_ok() { more }` with no `else` that turns
        // the caller away; `if check(..).is_err() { go on }`: the failure only decides what
        // more is served.
        let mut tests = Vec::new();
        conjuncts(&i.cond, &mut tests);
        for t in tests {
            if let syn::Expr::MethodCall(m) = t {
                let passes = match m.method.to_string().as_str() {
                    "is_ok" => i.else_branch.as_ref().is_none_or(|(_, b)| goes_on(&**b)),
                    "is_err" => goes_on(&i.then_branch),
                    _ => false,
                };
                if passes {
                    self.tolerate(&m.receiver);
                }
            }
        }
        // `if let Some(auth) = auth { check(auth)?; }` on an optional parameter, with no
        // `else` that turns the caller away: the check runs only for a caller who sent
        // credentials.
        if let syn::Expr::Let(l) = &*i.cond {
            if let (Some(x), true) = (
                some_binding(&l.pat),
                expr_ident(&l.expr).is_some_and(|v| self.params.contains(&v)),
            ) {
                if i.else_branch
                    .as_ref()
                    .is_none_or(|(_, b)| !rejects_outright(&**b))
                {
                    self.tolerate_given(&i.then_branch, &x);
                }
            }
        }
        // `if let Ok(s) = check(..) { .. }` with no `else`, or one that goes on.
        if let syn::Expr::Let(l) = &*i.cond {
            let ok = match &*l.pat {
                syn::Pat::TupleStruct(t) => t.path.is_ident("Ok") || t.path.is_ident("Some"),
                _ => false,
            };
            if ok && i.else_branch.as_ref().is_none_or(|(_, b)| goes_on(&**b)) {
                self.tolerate(&l.expr);
            }
        }
        syn::visit::visit_expr_if(self, i);
    }
    fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
        let name = method_call_name(m);
        // `db.check(&session, ..)`, `perms.verify(claims)`: a check of the caller's
        // identity value, named with what it checks (`check(session)`).
        let words = crate::auth::words(&m.method.to_string());
        if words.iter().any(|w| {
            matches!(
                w.as_str(),
                "check" | "verify" | "validate" | "require" | "ensure" | "authorize"
            )
        }) {
            for a in &m.args {
                let mut a = a;
                while let syn::Expr::Reference(r) = a {
                    a = &r.expr;
                }
                if let Some(v) = expr_ident(a).filter(|v| crate::auth::names_identity(v)) {
                    self.push(format!("{}({v})", m.method));
                }
            }
        }
        // `who(&req).await.ok()`, `.unwrap_or_default()`: the failure becomes no one (not
        // `.unwrap_or_else(error_to_response)`, an answer).
        match m.method.to_string().as_str() {
            "ok" | "unwrap_or_default" => {
                let r = peel_adapters(&m.receiver);
                self.tolerate(r);
                // Through the variable the call's result was bound to (`let parsed =
                // Token::from_jwt(raw); .. parsed.ok()`).
                if let Some(c) = expr_ident(r).and_then(|v| {
                    self.bound
                        .iter()
                        .rev()
                        .find(|(n, _)| *n == v)
                        .map(|(_, c)| c.clone())
                }) {
                    self.tolerate_call(c);
                }
            }
            "ok_or" | "ok_or_else" | "expect" | "unwrap" | "context" | "with_context" => {
                if let syn::Expr::MethodCall(inner) = &*m.receiver {
                    if inner.method == "ok" {
                        if let Some(n) = scrutinee_call(&inner.receiver) {
                            self.veto.push(n);
                        }
                    }
                }
            }
            _ => {}
        }
        let receiver = match &*m.receiver {
            syn::Expr::Field(f) => match &f.member {
                syn::Member::Named(n) => Some(n.to_string()),
                syn::Member::Unnamed(_) => None,
            },
            other => expr_ident(other),
        };
        self.hand(&name, &m.args, receiver);
        // A method of a parameter itself (`web_user.into_user()?`): kept apart, once each,
        // so that many calls on a state or a database handle crowd out no other.
        if let Some(v) = expr_ident(&m.receiver).filter(|v| self.params.contains(v)) {
            let seen = self.on_params.iter().any(|h| h.var == v && h.call == name);
            if !seen && self.on_params.len() < 32 {
                self.on_params.push(Hand {
                    call: name.clone(),
                    arg: Hand::RECEIVER,
                    var: v,
                    receiver: None,
                });
            }
        }
        self.push(name);
        syn::visit::visit_expr_method_call(self, m);
    }
    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

impl CallCollector {
    /// Notes the arguments of the call `name` that are variables named for the caller
    /// (`&maybe_user`, `user.clone()`).
    fn hand(
        &mut self,
        name: &str,
        args: &syn::punctuated::Punctuated<syn::Expr, syn::Token![,]>,
        receiver: Option<String>,
    ) {
        for (k, a) in args.iter().enumerate() {
            let mut a = a;
            loop {
                match a {
                    syn::Expr::Reference(r) => a = &r.expr,
                    syn::Expr::MethodCall(m)
                        if matches!(m.method.to_string().as_str(), "clone" | "as_ref") =>
                    {
                        a = &m.receiver;
                    }
                    _ => break,
                }
            }
            if let Some(v) = expr_ident(a).filter(|v| crate::auth::names_caller(v)) {
                if self.hands.len() < 32 {
                    self.hands.push(Hand {
                        call: name.to_string(),
                        arg: k,
                        var: v,
                        receiver: receiver.clone(),
                    });
                }
            }
        }
    }

    fn push(&mut self, name: String) {
        if self.calls.len() < 64 && !self.calls.contains(&name) {
            self.calls.push(name);
        }
    }
}

/// A route attribute (`#[get("/x")]`, `#[route("/x", method = "GET")]`).
#[derive(Debug, Clone)]
pub(crate) struct RouteAttr {
    pub methods: Vec<String>,
    pub path: String,
    /// actix-web's `wrap = "Middleware"` argument.
    pub wraps: Vec<String>,
    /// actix-web's `guard = "function"` argument.
    pub guards: Vec<String>,
    /// A code-first OpenAPI attribute (`#[utoipa::path(get, path = "/x")]`): the route a
    /// router built from the handler (`routes!(h)`) serves.
    pub doc_only: bool,
    /// The path as an expression, when the attribute's string is one.
    pub path_expr: Option<Ex>,
    /// poem-openapi's `#[oai(path = "/x", method = "get")]` on a method of an `#[OpenApi]`
    /// impl: served where a value of its type is handed to `OpenApiService::new(..)`.
    pub poem: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct FnDef {
    pub name: String,
    /// Its text in the file, from `fn` to the closing brace (empty for one made up from a
    /// macro).
    pub text: Span,
    /// `Some(Type)` for a method of an inherent impl.
    pub self_ty: Option<String>,
    /// Crate name first, then modules.
    pub module: Vec<String>,
    pub file: usize,
    pub span: Span,
    pub params: Vec<Param>,
    pub routes: Vec<RouteAttr>,
    pub body: Block,
    pub flags: TextFlags,
    pub is_test: bool,
    /// Marked `#[deprecated]`: kept for callers elsewhere, never a server of its own (its
    /// routes count where a caller registers them).
    pub deprecated: bool,
    /// What a body calls (async functions, route-attributed ones, free functions and those
    /// that mention `auth` only).
    pub calls: Vec<String>,
    /// Calls handed a variable named for the caller (`service.change_password(maybe_user,
    /// ..)`): the call as [`FnDef::calls`] names it, the argument's index, the variable,
    /// and for a method the name its receiver ends with (`profile_service`).
    pub hands: Vec<Hand>,
    /// The calls of `calls` whose every failure the body lets pass (`match
    /// authorize_session(..) { Ok(s) => Some(s), Err(_) => None }`): not a check that turns
    /// callers away, a reading of who called.
    pub tolerated: Box<[String]>,
    /// A `const fn` or a function returning a string: its body is read for the value it
    /// gives (a path, a table of paths), not because it may build a router.
    pub value_fn: bool,
    /// Takes a function or closure: a parameter bounded by `Fn`, `FnMut` or `FnOnce`, or of
    /// a `fn(..)` pointer type (`fn extend<F: FnOnce(Self) -> Self>(self, f: F)`).
    pub takes_fn: bool,
    /// Takes a function handed an actix `ServiceConfig` (`fn post_configure<F>(self, f: F)
    /// where F: Fn(&mut web::ServiceConfig)`): a builder that keeps it to configure its app
    /// with later, as `App::configure` does.
    pub takes_config_fn: bool,
    /// An attribute that rejects callers without a role or permission
    /// (`#[protect("ADMIN")]`, `#[has_permissions("x")]`).
    pub auth_attr: Option<String>,
    /// The `cfg` predicate it is compiled under (its own, its impl's or its module's), other
    /// than `test`: `debug_assertions`, `feature = "x"`.
    pub cfg: Option<String>,
    /// It takes `self` (a method called with `.name(..)`).
    pub receiver: bool,
    /// It is a method of a trait's impl (`impl RouterExt for Router`), not of the type's own
    /// (`impl Router`, which only a type of the project can have).
    pub trait_impl: bool,
    /// The last name of the type it returns (`Self`, `Router`, `String`).
    pub ret_ty: Option<String>,
    /// The last name of the error type of the `Result` it returns (`ApiError`).
    pub err_ty: Option<String>,
    /// The page routes its leptos `view!` declares (`<Route path=.. view=../>`), located at
    /// their elements, and the project's components named inside its route tree with the
    /// prefix they sit under.
    pub pages: Vec<(String, Span)>,
    pub page_components: Vec<(String, String)>,
    /// The path tests at the top of its body that hand the request on (a middleware that
    /// lets paths through): see [`path_gates`].
    pub path_gates: Box<[PathGate]>,
    /// A method of a blanket impl (`impl<P: FixedPlace> Place for P`): the traits its self
    /// type is bounded by, `self_ty` being the type parameter. Called as `Status::route()`,
    /// `Self` is the type named, when that type implements one of them.
    pub self_bounds: Box<[String]>,
    /// A code-first OpenAPI generator's attribute on it (see [`OpenapiOp`]).
    pub openapi_op: OpenapiOp,
    /// A method of an enum matching `self` to string literals (`match self {
    /// Self::Transaction => "/transaction", .. }`): the literal of each variant.
    pub variant_strs: Box<[(String, String)]>,
}

/// The string literal each variant of `self` gives in a method whose body is a `match` on
/// `self` (`*self`, `&self`): `Self::Transaction => "/transaction"`, `A | B => "/x"`. Arms
/// whose value is not a literal are left out.
fn variant_strs(block: &syn::Block) -> Box<[(String, String)]> {
    fn peel(e: &syn::Expr) -> &syn::Expr {
        match e {
            syn::Expr::Paren(p) => peel(&p.expr),
            syn::Expr::Reference(r) => peel(&r.expr),
            syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => peel(&u.expr),
            syn::Expr::Return(syn::ExprReturn { expr: Some(x), .. }) => peel(x),
            syn::Expr::Block(b) => match b.block.stmts.as_slice() {
                [syn::Stmt::Expr(x, None)] => peel(x),
                _ => e,
            },
            _ => e,
        }
    }
    fn variants(p: &syn::Pat, out: &mut Vec<String>) {
        let last = |path: &syn::Path| path.segments.last().map(|s| s.ident.to_string());
        match p {
            syn::Pat::Or(o) => o.cases.iter().for_each(|c| variants(c, out)),
            syn::Pat::Path(x) => out.extend(last(&x.path)),
            syn::Pat::TupleStruct(x) => out.extend(last(&x.path)),
            syn::Pat::Struct(x) => out.extend(last(&x.path)),
            _ => {}
        }
    }
    let [syn::Stmt::Expr(body, None)] = block.stmts.as_slice() else {
        return Box::default();
    };
    let syn::Expr::Match(m) = peel(body) else {
        return Box::default();
    };
    if !matches!(peel(&m.expr), syn::Expr::Path(p) if p.path.is_ident("self")) {
        return Box::default();
    }
    let mut out = Vec::new();
    for arm in &m.arms {
        let syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(lit),
            ..
        }) = peel(&arm.body)
        else {
            continue;
        };
        if arm.guard.is_some() {
            continue;
        }
        let mut names = Vec::new();
        variants(&arm.pat, &mut names);
        out.extend(names.into_iter().map(|n| (n, lit.value())));
    }
    out.into_boxed_slice()
}

/// What a code-first OpenAPI generator makes of a handler it annotates.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) enum OpenapiOp {
    #[default]
    None,
    /// In the description the generator builds whenever the handler is served, where it
    /// is served (paperclip's `#[api_v2_operation]`, rocket_okapi's `#[openapi]`, without
    /// `skip`).
    Auto,
    /// In it when listed (`#[utoipa::path]`: in a `#[openapi(paths(..))]` or registered
    /// through utoipa-axum's `routes!`), at the methods and path the attribute says (none
    /// said: where the framework's attribute serves it, utoipa's `actix_extras`).
    Listed(Box<(Vec<String>, Option<String>)>),
}

/// The generator's attribute on a handler, if any.
fn openapi_op(attrs: &[syn::Attribute]) -> OpenapiOp {
    for a in attrs {
        let segs: Vec<String> = a
            .path()
            .segments
            .iter()
            .map(|s| s.ident.to_string())
            .collect();
        let skip = || match &a.meta {
            syn::Meta::List(l) => l
                .tokens
                .clone()
                .into_iter()
                .any(|t| matches!(&t, proc_macro2::TokenTree::Ident(i) if i == "skip")),
            _ => false,
        };
        match segs.iter().map(String::as_str).collect::<Vec<_>>()[..] {
            ["utoipa", "path"] => {
                // The methods even when the path is no literal (`path = ITEMS`): then the
                // path is not compared, the methods still are.
                let (methods, path) = utoipa_parts(a);
                return OpenapiOp::Listed(Box::new((methods, path)));
            }
            [.., "api_v2_operation"] | ["openapi"] | ["rocket_okapi", "openapi"] => {
                return if skip() {
                    OpenapiOp::None
                } else {
                    OpenapiOp::Auto
                }
            }
            _ => {}
        }
    }
    OpenapiOp::None
}

/// The handlers a derived description lists: `#[openapi(paths(a::b, c))]` beside
/// `#[derive(OpenApi)]` (utoipa), each as its path's segments.
fn openapi_paths(attrs: &[syn::Attribute]) -> Vec<Vec<String>> {
    use proc_macro2::TokenTree as T;
    let derives_openapi = attrs.iter().any(|a| {
        a.path().is_ident("derive")
            && a.meta
                .require_list()
                .is_ok_and(|l| l.tokens.to_string().contains("OpenApi"))
    });
    let mut out = Vec::new();
    if !derives_openapi {
        return out;
    }
    for a in attrs.iter().filter(|a| a.path().is_ident("openapi")) {
        let Ok(list) = a.meta.require_list() else {
            continue;
        };
        let mut toks = list.tokens.clone().into_iter().peekable();
        while let Some(t) = toks.next() {
            let T::Ident(i) = &t else { continue };
            if i != "paths" {
                continue;
            }
            let Some(T::Group(g)) = toks.peek() else {
                continue;
            };
            let mut path = Vec::new();
            for t in g.stream() {
                match t {
                    T::Ident(i) => path.push(i.to_string()),
                    T::Punct(p) if p.as_char() == ',' => {
                        if !path.is_empty() {
                            out.push(std::mem::take(&mut path));
                        }
                    }
                    // `::`, generics: the names are what matter.
                    T::Punct(_) => {}
                    // `paths(h1, h2)` only: a group inside is no handler.
                    _ => path.clear(),
                }
            }
            if !path.is_empty() {
                out.push(path);
            }
        }
    }
    out
}

/// A path a middleware lets through: `path` itself, or every path under it when `prefix`;
/// every other path when `outside` (`if !path.starts_with("/api/") { return
/// next.run(req).await }` lets through all but what is under `/api/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PathGate {
    pub path: String,
    pub prefix: bool,
    pub outside: bool,
}

impl PathGate {
    /// Whether it lets request path `p` through, `gate` its own path (both normalized).
    pub(crate) fn lets_through(&self, p: &str, gate: &str) -> bool {
        let hit = if self.prefix {
            p.starts_with(gate)
        } else {
            p == gate
        };
        hit != self.outside
    }
}

impl FnDef {
    pub(crate) fn full_name(&self) -> String {
        let mut s = self.module.join("::");
        if let Some(t) = &self.self_ty {
            s.push_str("::");
            s.push_str(t);
        }
        s.push_str("::");
        s.push_str(&self.name);
        s
    }
}

/// A function being lowered ([`Lowerer::fn_stmts`]): its definition so far and what its
/// statements are read for.
pub(crate) struct OpenFn {
    def: FnDef,
    /// The module of the functions declared inside it.
    inner_module: Vec<String>,
    is_test: bool,
    /// Its text holds a leptos route tree (`view!` and `Route`).
    pages: bool,
    /// What it calls is kept ([`FnDef::calls`]).
    calls: bool,
    /// Its body is lowered (it may build routers, or gives a value).
    lower_body: bool,
    tolerated: Vec<String>,
    /// A `cfg` of its attributes is in force until it is closed.
    pushed_cfg: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct ImplDef {
    /// Last segment of the trait path (`FromRequestParts`, `Transform`, `Layer`...).
    pub trait_name: String,
    /// Last segment of the self type.
    pub self_ty: String,
    /// The crate it is written in.
    pub krate: String,
    pub flags: TextFlags,
    /// Capitalised identifiers the impl mentions (types it builds on).
    pub mentions: Vec<String>,
    /// Its `Rejection`/`Error` type is `Infallible`: the extractor never rejects a request.
    pub infallible: bool,
    /// Its method reads credentials and can only succeed (see [`never_fails`]): a guard
    /// that reads who calls, if anyone, and turns no one away.
    pub never_fails: bool,
    /// It can succeed with nothing (`Ok(Self(None))`): an optional wrapper.
    pub yields_none: bool,
    /// What its methods call (`access_check`, `validate_token`): an extractor may hand the
    /// check to a function of the project.
    pub calls: Vec<String>,
    /// It reads the request (its headers or its extensions) and answers 401 itself (see
    /// [`gate_401`]): a layer or an extractor that turns away an unauthenticated caller,
    /// whatever it is named.
    pub gates_401: bool,
    /// Every 401/403 it answers is under a test that a value is present (`if let
    /// Some(key) = api_key { .. Err(Unauthorized) }`): it turns away only callers whose
    /// credentials do not cover the request, and lets those without any through.
    pub rejects_only_present: bool,
    /// Capitalised names its methods use as values (`ApiError`, `Some(ApiError)`,
    /// `AuthError::Missing`, `Reply { .. }`): the errors it builds, not the types it only
    /// names (`type Error = S::Error`).
    pub builds: Vec<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct UseDecl {
    pub module: Vec<String>,
    pub alias: String,
    pub path: Vec<String>,
    pub glob: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct ConstDef {
    pub module: Vec<String>,
    /// The type of an associated constant (`impl FixedPlace for Status { const AT: &str =
    /// "/status"; }`).
    pub self_ty: Option<String>,
    pub name: String,
    pub value: Ex,
}

/// Everything kept of one file.
#[derive(Debug, Default)]
pub(crate) struct FileIr {
    pub fns: Vec<FnDef>,
    pub impls: Vec<ImplDef>,
    pub uses: Vec<UseDecl>,
    pub consts: Vec<ConstDef>,
    /// Modules this file declares (`mod x;` or inline), with whether they are `cfg(test)`
    /// and another `cfg` predicate they are compiled under.
    pub modules: Vec<(Vec<String>, bool, Option<String>)>,
    /// Structs whose only field is an `Option<T>`: an extractor of such a type lets the
    /// request through without `T`.
    pub option_wrappers: Vec<String>,
    /// Enums with a variant for no one (`WebUser::Anonymous`): type and variant.
    pub anonymous_enums: Vec<(String, String)>,
    /// `type Alias = Target<..>;`: alias name and the target's last segment.
    pub type_aliases: Vec<(String, String)>,
    /// Structs of the file named like a framework's router type (a project's own `struct
    /// App { router: Router, .. }`): its `App::new` is no actix `App`.
    pub router_named_types: Vec<String>,
    /// `type Session = UserSession;` in a trait impl outside tests: the associated type's
    /// name and the target's last segment (what `C::Session` of a handler may be).
    pub assoc_types: Vec<(String, String)>,
    /// Files the code embeds (`include_str!("../openapi.yaml")`, `include_bytes!`), as
    /// written (relative to this file's directory).
    pub embeds: Vec<String>,
    /// The file's `#[macro_export]` macros (name, body text): other files may invoke them.
    pub exported_macros: Vec<(String, String)>,
    /// Structs with axum-extra's `#[typed_path("/x/{id}")]`: the path a handler taking one
    /// first serves (`.typed_get(h)`).
    pub typed_paths: Vec<TypedPathDef>,
    /// The handlers derived descriptions list (see [`openapi_paths`]), outside tests, with
    /// the module the description is derived in.
    pub openapi_paths: Vec<(Vec<String>, Vec<String>)>,
}

/// A struct with a `#[typed_path(..)]` attribute.
#[derive(Debug, Clone)]
pub(crate) struct TypedPathDef {
    pub module: Vec<String>,
    pub name: String,
    pub path: String,
}

/// The path of axum-extra's `#[typed_path("/x/{id}", rejection(R))]`.
fn typed_path_attr(attrs: &[syn::Attribute]) -> Option<String> {
    let a = attrs.iter().find(|a| a.path().is_ident("typed_path"))?;
    a.parse_args_with(|input: syn::parse::ParseStream| {
        let s: syn::LitStr = input.parse()?;
        let _: TokenStream = input.parse()?;
        Ok(s.value())
    })
    .ok()
}

/// The string literals given to `include_str!`/`include_bytes!` in a text.
fn embedded_files(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for pat in ["include_str!(", "include_bytes!("] {
        for (at, _) in text.match_indices(pat) {
            let rest = text[at + pat.len()..].trim_start();
            if let Some(lit) = rest.strip_prefix('"') {
                if let Some(end) = lit.find('"') {
                    let p = &lit[..end];
                    if !p.contains('\\') && !p.is_empty() {
                        out.push(p.to_string());
                    }
                }
            }
        }
    }
    out
}

pub(crate) struct Lowerer<'a> {
    pub file: usize,
    /// Byte offset of the parsed text inside the file (a BOM or shebang was cut off).
    pub base: u32,
    pub text: &'a str,
    pub out: FileIr,
    /// The `cfg` predicates of the items being lowered (outermost first).
    pub cfgs: Vec<String>,
    /// While lowering an expression parsed from a string (a route attribute's
    /// `path = "crate::ROUTES.auth.login"`), the span of that string for all of it.
    pub fixed_span: std::cell::Cell<Option<Span>>,
    /// The file's `macro_rules!` macros, expanded where they are invoked.
    pub macros: crate::macros::Macros,
    /// How many macro expansions deep the lowering is, and the tokens expansions may still
    /// produce in this file.
    pub expansion: std::cell::Cell<(u32, usize)>,
    /// The expansion depth at which another file's macro was invoked (its expansion is
    /// located at the invocation, in [`Self::fixed_span`]).
    pub foreign_from: std::cell::Cell<Option<u32>>,
    /// The file is parsed and lowered in parts ([`crate::parts`]), `base` being the part's.
    pub in_parts: bool,
    /// Functions a macro of this file wrote inside a body being lowered (`post(handler!(..))`
    /// expanding to `{ async fn handle(..) { .. } handle }`): registered as functions of
    /// that body's module once it is lowered.
    pub expanded_fns: std::cell::RefCell<Vec<syn::ItemFn>>,
    /// While lowering the methods of a blanket impl, its type parameter and that
    /// parameter's trait bounds ([`FnDef::self_bounds`]).
    pub impl_bounds: Option<(String, Box<[String]>)>,
    /// While lowering the methods of a poem-openapi `#[OpenApi(prefix_path = "/x")]` impl,
    /// the prefix of its operations' paths (empty without one).
    pub oai_prefix: Option<String>,
    /// For the function being opened, when a macro wrote it: whether it may build routers
    /// ([`Self::expanded_routing_of`], read by [`Self::may_route`]).
    pub expanded_routing: std::cell::Cell<Option<bool>>,
}

impl<'a> Lowerer<'a> {
    #[cfg(test)]
    pub(crate) fn new(file: usize, base: u32, text: &'a str, items: &[syn::Item]) -> Self {
        Self::with_foreign(file, base, text, items, &[])
    }

    /// [`Self::new`] with the `#[macro_export]` macros of other files the file may invoke.
    pub(crate) fn with_foreign(
        file: usize,
        base: u32,
        text: &'a str,
        items: &[syn::Item],
        foreign: &[(String, String)],
    ) -> Self {
        let mut macros = crate::macros::Macros::new();
        crate::macros::collect(items, &mut macros);
        let mut exported_macros = Vec::new();
        crate::macros::exported(items, &mut exported_macros);
        Self::with_macros(file, base, text, macros, exported_macros, foreign)
    }

    /// [`Self::with_foreign`] with the file's macros collected already (from the parts of a
    /// file read in parts).
    pub(crate) fn with_macros(
        file: usize,
        base: u32,
        text: &'a str,
        mut macros: crate::macros::Macros,
        exported_macros: Vec<(String, String)>,
        foreign: &[(String, String)],
    ) -> Self {
        crate::macros::foreign(foreign, &mut macros);
        Lowerer {
            file,
            base,
            text,
            out: FileIr {
                embeds: embedded_files(text),
                exported_macros,
                ..FileIr::default()
            },
            cfgs: Vec::new(),
            fixed_span: std::cell::Cell::new(None),
            macros,
            expansion: std::cell::Cell::new((0, crate::macros::FILE_BUDGET)),
            foreign_from: std::cell::Cell::new(None),
            in_parts: false,
            expanded_fns: Default::default(),
            impl_bounds: None,
            oai_prefix: None,
            expanded_routing: std::cell::Cell::new(None),
        }
    }

    /// The expansion of an invocation of one of the file's macros, parsed with `parse`,
    /// with its tokens charged to the file's budget; the caller lowers it between
    /// [`Self::enter_expansion`] and [`Self::leave_expansion`]. `None` when it is not the
    /// project's macro, no rule matches, or a limit is reached.
    fn expansion<T>(
        &self,
        mac: &syn::Macro,
        parse: impl Fn(TokenStream) -> syn::Result<T>,
    ) -> Option<T> {
        let (depth, budget) = self.expansion.get();
        if depth >= crate::macros::MAX_DEPTH {
            return None;
        }
        // `paste!` (a macro of the project often writes it: `web::[<$method:lower>]()`):
        // its tokens with the identifiers it pastes.
        if crate::macros::is_paste(&mac.path) {
            let ts = crate::macros::paste(mac.tokens.clone())?;
            let n = crate::macros::count_tokens(&ts);
            if n > budget || crate::depth::too_deep(&ts.to_string()).is_some() {
                return None;
            }
            let parsed = parse(ts).ok()?;
            self.expansion.set((depth, budget - n));
            return Some(parsed);
        }
        let name = mac.path.segments.last()?.ident.to_string();
        let def = self.macros.get(&name)?;
        let ts = crate::macros::expand(def, mac.tokens.clone(), None)?;
        let n = crate::macros::count_tokens(&ts);
        if n > budget || crate::depth::too_deep(&ts.to_string()).is_some() {
            return None;
        }
        let parsed = parse(ts).ok()?;
        self.expansion.set((depth, budget - n));
        // What another file's macro writes is located at the invocation.
        // So is what a macro of a file read in parts writes: its tokens are located in the
        // part that defines it, not in the one being lowered.
        if (def.foreign || self.in_parts) && self.fixed_span.get().is_none() {
            let r = mac.path.span().byte_range();
            let at = Span::new(r.start as u32 + self.base, r.end as u32 + self.base);
            self.fixed_span.set(Some(at));
            self.foreign_from.set(Some(depth));
        }
        Some(parsed)
    }

    fn enter_expansion(&self) {
        let (d, b) = self.expansion.get();
        self.expansion.set((d + 1, b));
    }

    fn leave_expansion(&self) {
        let (d, b) = self.expansion.get();
        self.expansion.set((d - 1, b));
        if self.foreign_from.get() == Some(d - 1) {
            self.foreign_from.set(None);
            self.fixed_span.set(None);
        }
    }

    /// The text of the file a span covers (empty when it is not the file's own text).
    fn source(&self, s: proc_macro2::Span) -> &'a str {
        if self.fixed_span.get().is_some() || self.expansion.get().0 > 0 {
            return "";
        }
        self.text.get(self.shift(s.byte_range())).unwrap_or("")
    }

    /// A byte range of the parsed text (or part) as a range of the file's text.
    fn shift(&self, r: std::ops::Range<usize>) -> std::ops::Range<usize> {
        r.start + self.base as usize..r.end + self.base as usize
    }

    fn span(&self, s: proc_macro2::Span) -> Span {
        if let Some(fixed) = self.fixed_span.get() {
            return fixed;
        }
        let r = s.byte_range();
        Span::new(r.start as u32 + self.base, r.end as u32 + self.base)
    }

    /// For a function a macro of the project writes, whether its tokens name a router or a
    /// registration ([`crate::macros::names_routing`]); `None` for one written in the file.
    fn expanded_routing_of(&self, sig: &syn::Signature, block: &syn::Block) -> Option<bool> {
        use quote::ToTokens;
        if self.expansion.get().0 == 0 && self.fixed_span.get().is_none() {
            return None;
        }
        Some(
            crate::macros::names_routing(&sig.to_token_stream())
                || crate::macros::names_routing(&block.to_token_stream()),
        )
    }

    /// Whether a function can build routers or register routes: its text (signature and
    /// body, from `fn` to `whole`'s end) holds a routing word, its parameters one other
    /// than a handler's `web::` extractors. Other bodies (most of a large codebase) are not
    /// lowered; their signatures, extractors and text flags still are.
    fn may_route(&self, sig: &syn::Signature, end: usize) -> bool {
        // Written by a macro (`fn router() -> Router { crate::routes!(@router ..) }`): its
        // tokens, not the file's text at the invocation, say.
        if let Some(routing) = self.expanded_routing.take() {
            return routing;
        }
        let start = self.shift(sig.fn_token.span.byte_range()).start;
        let Some(t) = self.text.get(start..end) else {
            return true;
        };
        // It invokes one of the file's macros that builds routers.
        if self
            .macros
            .iter()
            .any(|(name, def)| def.routes && t.contains(&format!("{name}!")))
        {
            return true;
        }
        let inputs = self.shift(sig.paren_token.span.join().byte_range());
        match (
            inputs.start.checked_sub(start),
            inputs.end.checked_sub(start),
        ) {
            (Some(a), Some(b)) if a <= b && b <= t.len() => {
                let t = t.as_bytes();
                // The name with its `(`: `fn auth_layer(`, `fn layer(` are routing words.
                crate::fn_body_may_route(&t[..(a + 1).min(b)])
                    || crate::params_may_route(&t[a..b])
                    || crate::fn_body_may_route(&t[b..])
            }
            _ => crate::fn_body_may_route(t.as_bytes()),
        }
    }

    /// What function parameters a function's signature (its where clause too, up to
    /// `body_start`) takes: any function or closure, a parameter bounded by `Fn`, `FnMut`
    /// or `FnOnce` or of a `fn(..)` pointer type ([`FnDef::takes_fn`]); and one handed an
    /// actix `ServiceConfig` among its arguments ([`FnDef::takes_config_fn`]).
    fn takes_fns(&self, sig: &syn::Signature, body_start: usize) -> (bool, bool) {
        let start = self.shift(sig.fn_token.span.byte_range()).start;
        // (After the function's own `fn name`.)
        let t = self
            .text
            .get(start..body_start)
            .and_then(|t| t.get(2..))
            .unwrap_or("");
        let (mut any, mut config) = (false, false);
        for w in ["Fn(", "FnMut(", "FnOnce(", "fn("] {
            for (i, _) in t.match_indices(w) {
                if t[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                any = true;
                let args = &t[i + w.len()..];
                config |= args[..args.find(')').unwrap_or(args.len())].contains("ServiceConfig");
            }
        }
        (any, config)
    }

    /// The methods of an impl block as functions of its type (`routing_only`: only those
    /// whose text may build routers).
    fn impl_fns(
        &mut self,
        imp: &syn::ItemImpl,
        self_ty: &str,
        module: &[String],
        test: bool,
        routing_only: bool,
    ) {
        let outer = self.push_cfg(&imp.attrs);
        self.impl_bounds = blanket_bounds(imp, self_ty);
        self.oai_prefix = openapi_prefix(&imp.attrs);
        for it in &imp.items {
            if let syn::ImplItem::Const(c) = it {
                // A string the type is known by (`const PATH: &'static str = "/health"`).
                if lower_type(&c.ty).is_some_and(|t| matches!(t.name(), "str" | "String")) {
                    self.out.consts.push(ConstDef {
                        module: module.to_vec(),
                        self_ty: Some(self_ty.to_string()),
                        name: c.ident.to_string(),
                        value: self.expr(&c.expr),
                    });
                }
            }
            if let syn::ImplItem::Fn(m) = it {
                // A method of an extension trait on a framework's router type is kept whatever
                // its text: the evaluator follows it, or lists it as not resolved.
                let router_ext = ROUTER_TYPES.contains(&self_ty)
                    && matches!(m.sig.inputs.first(), Some(syn::FnArg::Receiver(_)));
                // A trait's function giving a string (`fn route() -> &'static str`): a path
                // the type stands for.
                let value = m.sig.inputs.is_empty() && returns_string(&m.sig);
                self.expanded_routing
                    .set(self.expanded_routing_of(&m.sig, &m.block));
                let skip = routing_only
                    && !router_ext
                    && !value
                    && !self.may_route(
                        &m.sig,
                        self.shift(m.block.brace_token.span.close().byte_range())
                            .end,
                    );
                self.expanded_routing.set(None);
                if skip {
                    continue;
                }
                let pushed = self.push_cfg(&m.attrs);
                let before = self.out.fns.len();
                self.func(
                    &m.sig,
                    &m.block,
                    &m.attrs,
                    Some(self_ty.to_string()),
                    module,
                    test || is_test_attr(&m.attrs),
                );
                for f in &mut self.out.fns[before..] {
                    f.trait_impl = routing_only;
                }
                self.pop_cfg(pushed);
            }
        }
        self.impl_bounds = None;
        self.oai_prefix = None;
        self.pop_cfg(outer);
    }

    /// Enters the `cfg` of an item (if it has one other than `test`): whether one was pushed.
    fn push_cfg(&mut self, attrs: &[syn::Attribute]) -> bool {
        match cfg_predicate(attrs) {
            Some(c) => {
                self.cfgs.push(c);
                true
            }
            None => false,
        }
    }

    fn pop_cfg(&mut self, pushed: bool) {
        if pushed {
            self.cfgs.pop();
        }
    }

    fn flags(&self, s: proc_macro2::Span) -> TextFlags {
        self.flags_of(self.shift(s.byte_range()))
    }

    fn flags_of(&self, r: std::ops::Range<usize>) -> TextFlags {
        self.text.get(r).map(TextFlags::of).unwrap_or_default()
    }

    pub(crate) fn items(&mut self, items: &[syn::Item], module: &[String], in_test: bool) {
        for item in items {
            match item {
                syn::Item::Fn(f) => {
                    let is_test = in_test || is_test_attr(&f.attrs);
                    let pushed = self.push_cfg(&f.attrs);
                    self.func(&f.sig, &f.block, &f.attrs, None, module, is_test);
                    self.pop_cfg(pushed);
                }
                syn::Item::Impl(imp) => {
                    let self_ty = type_last_name(&imp.self_ty).unwrap_or_default();
                    let test = in_test || is_cfg_test(&imp.attrs);
                    match &imp.trait_ {
                        Some((_, path, _)) => {
                            let trait_name = path
                                .segments
                                .last()
                                .map(|s| s.ident.to_string())
                                .unwrap_or_default();
                            let mut idents = IdentCollector::default();
                            idents.visit_item_impl(imp);
                            let infallible = imp.items.iter().any(|it| match it {
                                syn::ImplItem::Type(t) => {
                                    matches!(t.ident.to_string().as_str(), "Rejection" | "Error")
                                        && (type_last_name(&t.ty).as_deref() == Some("Infallible")
                                            || matches!(t.ty, syn::Type::Never(_)))
                                }
                                _ => false,
                            });
                            let never_fails = never_fails(imp);
                            if !test {
                                for it in &imp.items {
                                    if let syn::ImplItem::Type(t) = it {
                                        if let Some(target) = type_last_name(&t.ty) {
                                            self.out
                                                .assoc_types
                                                .push((t.ident.to_string(), target));
                                        }
                                    }
                                }
                            }
                            let r = self.shift(impl_range(imp));
                            let yields_none = self.text.get(r.clone()).is_some_and(|t| {
                                // `Ok(Self(None))`; Rocket's `guard::<User>().succeeded()`;
                                // `Ok(AuthHeader::None)`: the user is optional.
                                oks_none_wrapper(t)
                                    || t.contains(".succeeded()")
                                    || oks_absent_variant(t)
                            });
                            // Methods of a trait impl that build routers (`impl Routes for
                            // Api { fn configure(cfg) }`, a router factory, an extension
                            // trait): functions of the type like inherent ones.
                            self.impl_fns(imp, &self_ty, module, test, true);
                            let mut calls = CallCollector::default();
                            for it in &imp.items {
                                if let syn::ImplItem::Fn(f) = it {
                                    calls.visit_block(&f.block);
                                }
                            }
                            self.out.impls.push(ImplDef {
                                trait_name,
                                self_ty,
                                krate: module.first().cloned().unwrap_or_default(),
                                flags: self.flags_of(r.clone()),
                                mentions: idents.0,
                                infallible,
                                never_fails,
                                yields_none,
                                calls: tight(calls.calls),
                                gates_401: self.text.get(r).is_some_and(gate_401),
                                rejects_only_present: rejects_only_present(imp),
                                builds: value_types(imp),
                            });
                        }
                        None => self.impl_fns(imp, &self_ty, module, test, false),
                    }
                }
                syn::Item::Use(u) => {
                    let mut prefix = Vec::new();
                    self.use_tree(&u.tree, &mut prefix, module);
                }
                // `type LaxAuth = Auth<false>;`: an alias of an extractor is that extractor.
                syn::Item::Type(t) => {
                    if let Some(target) = type_last_name(&t.ty) {
                        self.out.type_aliases.push((t.ident.to_string(), target));
                    }
                }
                // `enum WebUser { Anonymous, Authenticated(User) }`: an extractor of such a
                // type that gives the variant for no one lets the request through without a
                // user, as `Option<T>` does.
                syn::Item::Enum(en) => {
                    if let Some(v) = anonymous_variant(en) {
                        self.out.anonymous_enums.push((en.ident.to_string(), v));
                    }
                }
                syn::Item::Struct(st) => {
                    if ROUTER_TYPES.contains(&st.ident.to_string().as_str()) {
                        self.out.router_named_types.push(st.ident.to_string());
                    }
                    if !in_test {
                        self.out.openapi_paths.extend(
                            openapi_paths(&st.attrs)
                                .into_iter()
                                .map(|p| (module.to_vec(), p)),
                        );
                    }
                    if let Some(path) = typed_path_attr(&st.attrs) {
                        self.out.typed_paths.push(TypedPathDef {
                            module: module.to_vec(),
                            name: st.ident.to_string(),
                            path,
                        });
                    }
                    if let Some(f) = st
                        .attrs
                        .iter()
                        .find_map(|a| self.route_table(a, &st.ident, module, in_test))
                    {
                        self.out.fns.push(f);
                    }
                    let mut fields = st.fields.iter();
                    if let (Some(f), None) = (fields.next(), fields.next()) {
                        if type_last_name(&f.ty).as_deref() == Some("Option") {
                            self.out.option_wrappers.push(st.ident.to_string());
                        }
                    }
                    if let Some(mut imp) = derived_extractor(st) {
                        imp.krate = module.first().cloned().unwrap_or_default();
                        self.out.impls.push(imp);
                    }
                }
                syn::Item::Const(c) => self.out.consts.push(ConstDef {
                    module: module.to_vec(),
                    self_ty: None,
                    name: c.ident.to_string(),
                    value: self.expr(&c.expr),
                }),
                syn::Item::Static(c) => self.out.consts.push(ConstDef {
                    module: module.to_vec(),
                    self_ty: None,
                    name: c.ident.to_string(),
                    value: self.expr(&c.expr),
                }),
                syn::Item::Macro(m) if m.ident.is_none() => {
                    let parse = |ts: TokenStream| {
                        syn::parse::Parser::parse2(
                            |input: syn::parse::ParseStream| {
                                let mut items = Vec::new();
                                while !input.is_empty() {
                                    items.push(input.parse::<syn::Item>()?);
                                }
                                Ok(items)
                            },
                            ts,
                        )
                    };
                    if let Some(expanded) = self.expansion(&m.mac, parse) {
                        // Macros the expansion defines serve the rest of the file.
                        crate::macros::collect(&expanded, &mut self.macros);
                        self.enter_expansion();
                        self.items(&expanded, module, in_test);
                        self.leave_expansion();
                    }
                }
                syn::Item::Mod(m) => {
                    let mut sub = module.to_vec();
                    sub.push(m.ident.to_string());
                    let test = in_test || is_cfg_test(&m.attrs);
                    let cfg = cfg_predicate(&m.attrs);
                    self.out.modules.push((sub.clone(), test, cfg));
                    if let Some((_, items)) = &m.content {
                        let pushed = self.push_cfg(&m.attrs);
                        self.items(items, &sub, test);
                        self.pop_cfg(pushed);
                    }
                }
                _ => {}
            }
        }
    }

    fn use_tree(&mut self, tree: &syn::UseTree, prefix: &mut Vec<String>, module: &[String]) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(&p.tree, prefix, module);
                prefix.pop();
            }
            syn::UseTree::Name(n) => {
                let name = n.ident.to_string();
                let mut path = prefix.clone();
                if name == "self" {
                    if let Some(last) = prefix.last() {
                        self.out.uses.push(UseDecl {
                            module: module.to_vec(),
                            alias: last.clone(),
                            path,
                            glob: false,
                        });
                    }
                    return;
                }
                path.push(name.clone());
                self.out.uses.push(UseDecl {
                    module: module.to_vec(),
                    alias: name,
                    path,
                    glob: false,
                });
            }
            syn::UseTree::Rename(r) => {
                let mut path = prefix.clone();
                let name = r.ident.to_string();
                // `use args::Args as Ruma;`: a type under another name is that type.
                if name.starts_with(|c: char| c.is_ascii_uppercase()) {
                    self.out
                        .type_aliases
                        .push((r.rename.to_string(), name.clone()));
                }
                if name != "self" {
                    path.push(name);
                }
                self.out.uses.push(UseDecl {
                    module: module.to_vec(),
                    alias: r.rename.to_string(),
                    path,
                    glob: false,
                });
            }
            syn::UseTree::Glob(_) => self.out.uses.push(UseDecl {
                module: module.to_vec(),
                alias: String::new(),
                path: prefix.clone(),
                glob: true,
            }),
            syn::UseTree::Group(g) => {
                for t in &g.items {
                    self.use_tree(t, prefix, module);
                }
            }
        }
    }

    fn func(
        &mut self,
        sig: &syn::Signature,
        block: &syn::Block,
        attrs: &[syn::Attribute],
        self_ty: Option<String>,
        module: &[String],
        is_test: bool,
    ) {
        // The braces' span, not `Spanned::span`: that prints the whole body back into
        // tokens to find its ends.
        let body = self.shift(block.brace_token.span.join().byte_range());
        self.expanded_routing
            .set(self.expanded_routing_of(sig, block));
        let mut f = self.open_fn(sig, attrs, self_ty, module, is_test, body.clone());
        self.expanded_routing.set(None);
        self.fn_stmts(&mut f, block, body);
        self.close_fn(f);
    }

    /// A top-level function too large to parse whole, from its head (its body parsed
    /// empty): `body` is the range of its braces in the file. Its statements are added with
    /// [`Self::fn_stmts`] as they are parsed, and it is kept with [`Self::close_fn`].
    pub(crate) fn open_item_fn(
        &mut self,
        f: &syn::ItemFn,
        module: &[String],
        body: std::ops::Range<usize>,
    ) -> OpenFn {
        let is_test = is_test_attr(&f.attrs);
        let pushed = self.push_cfg(&f.attrs);
        let mut open = self.open_fn(&f.sig, &f.attrs, None, module, is_test, body);
        open.pushed_cfg = pushed;
        open
    }

    /// What a function's signature, attributes and whole text say: everything of its
    /// [`FnDef`] but what its statements give.
    fn open_fn(
        &mut self,
        sig: &syn::Signature,
        attrs: &[syn::Attribute],
        self_ty: Option<String>,
        module: &[String],
        is_test: bool,
        body: std::ops::Range<usize>,
    ) -> OpenFn {
        let params: Vec<Param> = sig
            .inputs
            .iter()
            .flat_map(|a| match a {
                // actix-web extracts a tuple element by element: `(user, actor, i18n):
                // (SignedInUser, CurrentActor, Data<I18n>)` is three extractors.
                syn::FnArg::Typed(pt) => match (&*pt.pat, &*pt.ty) {
                    (syn::Pat::Tuple(ps), syn::Type::Tuple(ts))
                        if ps.elems.len() == ts.elems.len() && !ts.elems.is_empty() =>
                    {
                        ps.elems
                            .iter()
                            .zip(&ts.elems)
                            .map(|(p, t)| self.param(p, Some(t)))
                            .collect()
                    }
                    _ => vec![self.param(&pt.pat, Some(&pt.ty))],
                },
                syn::FnArg::Receiver(_) => Vec::new(),
            })
            .collect();
        let params = tight(params);
        let mut routes: Vec<RouteAttr> = tight(attrs.iter().filter_map(route_attr).collect());
        // poem-openapi's operations are paths only in an `#[OpenApi]` impl, below its
        // `prefix_path`.
        routes.retain_mut(|r| {
            if !r.poem {
                return true;
            }
            match &self.oai_prefix {
                // (`path = "/"` is the prefix itself.)
                Some(prefix) if !prefix.is_empty() && r.path == "/" => {
                    r.path = prefix.clone();
                    true
                }
                Some(prefix) => {
                    r.path = format!("{prefix}{}", r.path);
                    true
                }
                None => false,
            }
        });
        // A path written as an expression in a string (`path = "crate::ROUTES.auth.login"`,
        // custom route macros): evaluated later, located at the function's name. Words and
        // segments (`#[get("authorize")]`, `"notifications/email-sync"`: actix puts the
        // slash in front) are paths.
        for r in &mut routes {
            if !r.path.is_empty() && !r.path.starts_with('/') && names_a_value(&r.path) {
                if let Ok(e) = syn::parse_str::<syn::Expr>(&r.path) {
                    self.fixed_span.set(Some(self.span(sig.ident.span())));
                    r.path_expr = Some(self.expr(&e));
                    self.fixed_span.set(None);
                }
            }
        }
        // A framework's own route attribute says where the handler is served; a code-first
        // OpenAPI attribute beside it only documents it (`#[utoipa::path]` with `#[get]`).
        if routes.iter().any(|r| !r.doc_only) {
            routes.retain(|r| !r.doc_only);
        }
        // Functions declared inside this one live in a module named after it.
        let mut inner_module = module.to_vec();
        inner_module.push(sig.ident.to_string());
        let flags = self.flags_of(body.clone());
        // The function's text, from `fn` to its closing brace.
        let start = self.shift(sig.fn_token.span.byte_range()).start;
        let text = self.text.get(start..body.end);
        let value_fn = sig.constness.is_some() || returns_string(sig);
        let free = self_ty.is_none();
        let pages = text.is_some_and(|t| t.contains("view!") && t.contains("Route"));
        let calls = sig.asyncness.is_some() || !routes.is_empty() || flags.mentions_auth || free;
        // Bodies that build routers, `const fn`s (tables of paths) and helpers that return a
        // string (`fn api_path(p: &str) -> String`).
        // So are those of a method extending a framework's router that takes a function,
        // whatever their words (`fn with<F: FnOnce(Self) -> Self>(self, f: F) -> Self {
        // f(self) }` hands the router to the function it is given).
        let (takes_fn, takes_config_fn) = self.takes_fns(sig, body.start);
        let router_ext = self_ty
            .as_deref()
            .is_some_and(|t| ROUTER_TYPES.contains(&t))
            && matches!(sig.inputs.first(), Some(syn::FnArg::Receiver(_)));
        let lower_body = self.may_route(sig, body.end) || value_fn || (router_ext && takes_fn);
        let def = FnDef {
            pages: Vec::new(),
            page_components: Vec::new(),
            path_gates: Box::default(),
            self_bounds: match (&self.impl_bounds, &self_ty) {
                (Some((param, bounds)), Some(t)) if param == t => bounds.clone(),
                _ => Box::default(),
            },
            name: sig.ident.to_string(),
            text: Span::new(start as u32, body.end as u32),
            self_ty,
            module: module.to_vec(),
            file: self.file,
            span: self.span(sig.ident.span()),
            params,
            routes,
            body: Block::default(),
            flags,
            is_test,
            deprecated: attrs.iter().any(|a| a.path().is_ident("deprecated")),
            // Free functions too: the helpers a handler hands its work to (and its reading
            // of who calls) are followed through them.
            calls: Vec::new(),
            hands: Vec::new(),
            tolerated: Box::default(),
            cfg: self.cfgs.last().cloned(),
            value_fn,
            takes_fn,
            takes_config_fn,
            receiver: matches!(sig.inputs.first(), Some(syn::FnArg::Receiver(_))),
            trait_impl: false,
            ret_ty: match &sig.output {
                syn::ReturnType::Type(_, t) => type_last_name(t),
                syn::ReturnType::Default => None,
            },
            err_ty: match &sig.output {
                syn::ReturnType::Type(_, t) => result_err_name(t),
                syn::ReturnType::Default => None,
            },
            auth_attr: attrs.iter().find_map(|a| {
                let name = a.path().segments.last()?.ident.to_string();
                matches!(
                    name.as_str(),
                    "protect"
                        | "has_permissions"
                        | "has_any_permission"
                        | "has_roles"
                        | "has_any_role"
                )
                .then_some(name)
            }),
            openapi_op: openapi_op(attrs),
            variant_strs: Box::default(),
        };
        OpenFn {
            def,
            inner_module,
            is_test,
            pages,
            calls,
            lower_body,
            tolerated: Vec::new(),
            pushed_cfg: false,
        }
    }

    /// Statements of the body of function `f` (all of them, or the next of a large one's),
    /// written at `range` of the file.
    pub(crate) fn fn_stmts(
        &mut self,
        f: &mut OpenFn,
        block: &syn::Block,
        range: std::ops::Range<usize>,
    ) {
        for p in &mut f.def.params {
            if let Some(n) = &p.name {
                let (plain, by_method) = demands(block, n);
                p.demanded |= plain;
                p.method_demanded |= !p.demanded && by_method;
                if p.ty.as_ref().is_some_and(|t| t.name().contains("Cookie")) {
                    p.reads_identity |= jar_reads_identity(block, n);
                }
            }
        }
        if f.def.path_gates.is_empty()
            && self
                .text
                .get(range.clone())
                .is_some_and(|t| t.contains(".path()"))
        {
            f.def.path_gates = path_gates(block).into_boxed_slice();
        }
        // `macro_rules!` defined in the body (`macro_rules! handler { .. }` beside the router
        // that invokes it): known from here on in the file.
        if self
            .text
            .get(range)
            .is_some_and(|s| s.contains("macro_rules"))
        {
            #[derive(Default)]
            struct Defs(Vec<syn::Item>);
            impl<'ast> Visit<'ast> for Defs {
                fn visit_item_macro(&mut self, m: &'ast syn::ItemMacro) {
                    if m.mac.path.is_ident("macro_rules") {
                        self.0.push(syn::Item::Macro(m.clone()));
                    }
                }
            }
            let mut defs = Defs::default();
            defs.visit_block(block);
            crate::macros::collect(&defs.0, &mut self.macros);
        }
        for st in &block.stmts {
            match st {
                syn::Stmt::Item(syn::Item::Fn(inner)) => self.func(
                    &inner.sig,
                    &inner.block,
                    &inner.attrs,
                    None,
                    &f.inner_module,
                    f.is_test,
                ),
                // `use crate::platform::handlers;` in a router function: its names, in that
                // function (`routes!(handlers::login)`), kept in the module of the functions
                // declared inside it.
                syn::Stmt::Item(syn::Item::Use(u)) => {
                    let module = f.inner_module.clone();
                    let from = self.out.uses.len();
                    self.use_tree(&u.tree, &mut Vec::new(), &module);
                    // `self` and `super` are the function's module and its parent, not the
                    // module of the functions declared inside it: made absolute.
                    for u in &mut self.out.uses[from..] {
                        let supers = u.path.iter().take_while(|s| *s == "super").count();
                        let own =
                            usize::from(supers == 0 && u.path.first().is_some_and(|s| s == "self"));
                        let outer = &f.def.module;
                        if supers + own > 0 && supers < outer.len() {
                            let mut path = vec!["crate".to_string()];
                            path.extend_from_slice(&outer[1..outer.len() - supers]);
                            path.extend_from_slice(&u.path[supers + own..]);
                            u.path = path;
                        }
                    }
                }
                _ => {}
            }
        }
        let flags = &mut f.def.flags;
        if flags.credentials && flags.rejects {
            flags.lets_absent_through |= lets_absent_through(block);
        }
        if flags.rejects {
            flags.turns_away_no_session |= turns_away_no_session(block, |b| {
                // The source text, as `flags` reads it; tokens printed back only where a
                // macro wrote the code (no text of its own).
                match self.source(b.brace_token.span.join()) {
                    "" => b.to_token_stream().to_string(),
                    t => t.to_string(),
                }
            });
        }
        if f.pages {
            for item in crate::leptos::page_items(block) {
                match item {
                    crate::leptos::PageItem::Route { path, at } => {
                        f.def.pages.push((path, self.span(at)));
                    }
                    crate::leptos::PageItem::Component { name, prefix } => {
                        f.def.page_components.push((name, prefix));
                    }
                }
            }
        }
        if f.calls {
            let mut c = CallCollector {
                params: f.def.params.iter().filter_map(|p| p.name.clone()).collect(),
                ..CallCollector::default()
            };
            c.visit_block(block);
            f.tolerated.extend(c.tolerated(block));
            if f.def.calls.is_empty() {
                f.def.calls = c.calls;
            } else {
                f.def.calls.extend(c.calls);
            }
            f.def.hands.extend(c.hands);
            f.def.hands.extend(c.on_params);
        }
        if f.def.receiver && f.def.value_fn {
            f.def.variant_strs = variant_strs(block);
        }
        if f.lower_body {
            let lowered = self.block(block);
            if f.def.body.stmts.is_empty() {
                f.def.body = lowered;
            } else {
                f.def.body.stmts.extend(lowered.stmts);
            }
        }
    }

    /// Keeps function `f`, its statements all added.
    pub(crate) fn close_fn(&mut self, f: OpenFn) {
        let OpenFn {
            mut def,
            inner_module,
            is_test,
            tolerated,
            pushed_cfg,
            ..
        } = f;
        def.calls = tight(def.calls);
        def.tolerated = tolerated.into_boxed_slice();
        self.out.fns.push(def);
        let expanded = std::mem::take(&mut *self.expanded_fns.borrow_mut());
        for f in &expanded {
            self.func(&f.sig, &f.block, &f.attrs, None, &inner_module, is_test);
        }
        self.pop_cfg(pushed_cfg);
    }

    fn param(&self, pat: &syn::Pat, ty: Option<&syn::Type>) -> Param {
        let name = match pat {
            syn::Pat::Ident(i) => Some(i.ident.to_string()),
            // `ExtractOptionalUser(maybe_user)`: the value the extractor holds.
            syn::Pat::TupleStruct(t) => match t.elems.iter().collect::<Vec<_>>()[..] {
                [syn::Pat::Ident(i)] => Some(i.ident.to_string()),
                _ => None,
            },
            _ => None,
        };
        Param {
            name,
            moved: ty.is_some_and(|t| !matches!(peel_type(t), syn::Type::Reference(_))),
            ty: ty.and_then(lower_type),
            demanded: false,
            method_demanded: false,
            reads_identity: false,
        }
    }

    fn block(&self, block: &syn::Block) -> Block {
        let mut stmts = Vec::with_capacity(block.stmts.len());
        for s in &block.stmts {
            match s {
                syn::Stmt::Local(l) => {
                    let name = pat(&l.pat);
                    let init = l
                        .init
                        .as_ref()
                        .map_or(Ex::Other(Vec::new()), |i| self.expr(&i.expr));
                    stmts.push(Stmt::Let(name, under_cfg(&l.attrs, init)));
                }
                syn::Stmt::Expr(e, semi) => {
                    let attrs = stmt_attrs(e);
                    if let syn::Expr::Assign(a) = e {
                        if let Some(name) = expr_ident(&a.left) {
                            let value = under_cfg(attrs, self.expr(&a.right));
                            stmts.push(Stmt::Assign(name, value));
                            continue;
                        }
                    }
                    stmts.push(Stmt::Expr(under_cfg(attrs, self.expr(e)), semi.is_some()));
                }
                syn::Stmt::Macro(m) => {
                    let parse =
                        |ts: TokenStream| syn::parse::Parser::parse2(syn::Block::parse_within, ts);
                    if let Some(expanded) = self.expansion(&m.mac, parse) {
                        self.enter_expansion();
                        let block = self.block(&syn::Block {
                            brace_token: Default::default(),
                            stmts: expanded,
                        });
                        self.leave_expansion();
                        stmts.extend(block.stmts);
                        continue;
                    }
                    stmts.push(Stmt::Expr(self.mac(&m.mac), m.semi_token.is_some()));
                }
                // A function a macro of this file writes (its text is this file's).
                syn::Stmt::Item(syn::Item::Fn(f))
                    if self.expansion.get().0 > 0 && self.fixed_span.get().is_none() =>
                {
                    let mut fns = self.expanded_fns.borrow_mut();
                    if fns.len() < 64 && !fns.iter().any(|g| g.sig.ident == f.sig.ident) {
                        fns.push(f.clone());
                    }
                }
                syn::Stmt::Item(_) => {}
            }
        }
        Block { stmts }
    }

    fn mac(&self, mac: &syn::Macro) -> Ex {
        // The project's own macro: what it expands to (an expression, or statements).
        let parse = |ts: TokenStream| {
            syn::parse2::<syn::Expr>(ts.clone()).or_else(|_| {
                syn::parse::Parser::parse2(syn::Block::parse_within, ts).map(|stmts| {
                    syn::Expr::Block(syn::ExprBlock {
                        attrs: Vec::new(),
                        label: None,
                        block: syn::Block {
                            brace_token: Default::default(),
                            stmts,
                        },
                    })
                })
            })
        };
        if let Some(expanded) = self.expansion(mac, parse) {
            self.enter_expansion();
            let ex = self.expr(&expanded);
            self.leave_expansion();
            return ex;
        }
        let name = mac
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default();
        let args = mac
            .parse_body_with(Punctuated::<syn::Expr, Token![,]>::parse_terminated)
            .map(|p| p.iter().map(|e| self.expr(e)).collect())
            // `key => value` pairs (`mount_endpoints_and_merged_docs! { r, base, s, "/a" => a() }`),
            // each as a two-item list.
            .or_else(|_| {
                mac.parse_body_with(Punctuated::<MapArg, Token![,]>::parse_terminated)
                    // Only tables keyed by path literals (not `select! { x = f => .. }`).
                    .and_then(|p| {
                        let paths = p.iter().all(|a| {
                            a.value.is_none()
                                || matches!(
                                    &a.key,
                                    syn::Expr::Lit(syn::ExprLit {
                                        lit: syn::Lit::Str(_),
                                        ..
                                    })
                                )
                        });
                        if paths {
                            Ok(p)
                        } else {
                            Err(syn::Error::new(
                                proc_macro2::Span::call_site(),
                                "not a table",
                            ))
                        }
                    })
                    .map(|p| {
                        p.iter()
                            .map(|a| match &a.value {
                                Some(v) => Ex::List(vec![self.expr(&a.key), self.expr(v)]),
                                None => self.expr(&a.key),
                            })
                            .collect()
                    })
            })
            .unwrap_or_default();
        Ex::Macro {
            name,
            args,
            span: self.span(mac.span()),
        }
    }

    /// A table of routes in an attribute of the project's own (a proc macro that writes
    /// the registrations): `#[api(routes("/a" => get(a), "/b" => [get(b), post(c)], "/s" =>
    /// sub(other::Api)))] struct Api;`. The table becomes what such a macro generates for
    /// actix-web, `Api::configure(cfg)` registering each path on `cfg` and nesting a `sub`
    /// table's `configure` under its path, each registration located at its path.
    fn route_table(
        &self,
        attr: &syn::Attribute,
        ty: &syn::Ident,
        module: &[String],
        in_test: bool,
    ) -> Option<FnDef> {
        use proc_macro2::TokenTree;
        let syn::Meta::List(list) = &attr.meta else {
            return None;
        };
        let mut toks = list.tokens.clone().into_iter();
        let table = loop {
            match toks.next()? {
                TokenTree::Ident(i) if i == "routes" => {
                    if let Some(TokenTree::Group(g)) = toks.next() {
                        break g.stream();
                    }
                }
                _ => {}
            }
        };
        let entries = syn::parse::Parser::parse2(
            Punctuated::<TableEntry, Token![,]>::parse_terminated,
            table,
        )
        .ok()?;
        // Only in a file of actix-web code: the registrations are written as its calls
        // (looked for once a table is found: every struct's attributes come here).
        if entries.is_empty() || !self.text.contains("actix_web") {
            return None;
        }
        let mut stmts = TokenStream::new();
        for e in &entries {
            let path = e.path.to_token_stream().to_string();
            let text = if let Some(sub) = &e.sub {
                format!(
                    "cfg.service(web::scope({path}).configure({}::configure));",
                    sub.to_token_stream()
                )
            } else {
                let mut t = format!("cfg.service(web::resource({path})");
                for (m, h) in &e.handlers {
                    t.push_str(&format!(".route(web::{m}().to({}))", h.to_token_stream()));
                }
                t + ");"
            };
            let ts: TokenStream = text.parse().ok()?;
            stmts.extend(crate::macros::respan(ts, e.path.span()));
        }
        let block: syn::Block = syn::parse2(quote_braces(stmts)).ok()?;
        Some(FnDef {
            name: "configure".to_string(),
            text: Span::default(),
            self_ty: Some(ty.to_string()),
            module: module.to_vec(),
            file: self.file,
            span: self.span(ty.span()),
            params: vec![Param {
                name: Some("cfg".to_string()),
                ty: None,
                demanded: false,
                method_demanded: false,
                reads_identity: false,
                moved: false,
            }],
            routes: Vec::new(),
            body: self.block(&block),
            flags: TextFlags::default(),
            is_test: in_test,
            deprecated: false,
            calls: Vec::new(),
            hands: Vec::new(),
            tolerated: Box::default(),
            value_fn: false,
            takes_fn: false,
            takes_config_fn: false,
            auth_attr: None,
            cfg: self.cfgs.last().cloned(),
            receiver: false,
            trait_impl: false,
            ret_ty: None,
            err_ty: None,
            pages: Vec::new(),
            page_components: Vec::new(),
            path_gates: Box::default(),
            self_bounds: Box::default(),
            openapi_op: OpenapiOp::None,
            variant_strs: Box::default(),
        })
    }

    fn exprs<'e>(&self, it: impl IntoIterator<Item = &'e syn::Expr>) -> Vec<Ex> {
        tight(it.into_iter().map(|e| self.expr(e)).collect())
    }

    pub(crate) fn expr(&self, e: &syn::Expr) -> Ex {
        use syn::Expr as E;
        match e {
            E::Lit(l) => match &l.lit {
                syn::Lit::Str(s) => Ex::Str(s.value(), self.span(s.span())),
                // `Method::from_bytes(b"QUERY")`.
                syn::Lit::ByteStr(s) => Ex::Str(
                    String::from_utf8_lossy(&s.value()).into_owned(),
                    self.span(s.span()),
                ),
                syn::Lit::Bool(b) => {
                    Ex::Path(vec![b.value.to_string()], self.span(b.span), Vec::new())
                }
                _ => Ex::Other(Vec::new()),
            },
            E::Path(p) => Ex::Path(
                // `<Api as Routes>::configure` is `Api::configure`.
                match &p.qself {
                    Some(q) => match lower_type(&q.ty) {
                        Some(t) => t
                            .path
                            .into_iter()
                            .chain(segments(&p.path).into_iter().skip(q.position))
                            .collect(),
                        None => segments(&p.path),
                    },
                    None => segments(&p.path),
                },
                self.span(p.span()),
                p.path
                    .segments
                    .iter()
                    .filter_map(|s| match &s.arguments {
                        syn::PathArguments::AngleBracketed(a) => Some(a),
                        _ => None,
                    })
                    .flat_map(|a| a.args.iter())
                    .filter_map(|g| match g {
                        syn::GenericArgument::Type(t) => {
                            lower_type(t).map(|t| t.name().to_string())
                        }
                        _ => None,
                    })
                    .collect(),
            ),
            E::Call(c) => Ex::Call {
                func: Box::new(self.expr(&c.func)),
                args: self.exprs(&c.args),
                span: self.span(c.span()),
            },
            E::MethodCall(m) => Ex::Method {
                recv: Box::new(self.expr(&m.receiver)),
                name: m.method.to_string(),
                args: self.exprs(&m.args),
                span: self.span(m.method.span()),
            },
            E::Macro(m) => self.mac(&m.mac),
            E::Closure(c) => Ex::Closure(Box::new(Closure {
                params: c.inputs.iter().map(|p| self.closure_param(p)).collect(),
                body: self.expr(&c.body),
                span: self.span(c.span()),
                flags: self.flags(c.body.span()),
                file: self.file,
            })),
            E::Block(b) => Ex::Block(self.block(&b.block)),
            E::Async(b) => Ex::Block(self.block(&b.block)),
            E::Unsafe(b) => Ex::Block(self.block(&b.block)),
            E::TryBlock(b) => Ex::Block(self.block(&b.block)),
            E::Paren(p) => self.expr(&p.expr),
            E::Group(g) => self.expr(&g.expr),
            E::Reference(r) => self.expr(&r.expr),
            E::Try(t) => self.expr(&t.expr),
            E::Await(a) => self.expr(&a.base),
            E::Cast(c) => self.expr(&c.expr),
            E::Array(a) => Ex::List(self.exprs(&a.elems)),
            E::Tuple(t) => Ex::List(self.exprs(&t.elems)),
            E::If(i) => {
                let c = cond::bounded(self.source(i.cond.span()));
                let mut then = self.block(&i.then_branch);
                // `if let Some((proto, api)) = routers { .. }`: the arm binds the pattern to
                // the scrutinee's value, evaluated once before the arms (see the end).
                let scrutinee_span = self.span(i.cond.span());
                if let syn::Expr::Let(l) = &*i.cond {
                    then.stmts.insert(
                        0,
                        Stmt::Let(
                            pat(&l.pat),
                            Ex::Path(vec![IF_LET.to_owned()], scrutinee_span, Vec::new()),
                        ),
                    );
                }
                let mut arms = vec![(
                    Ex::Block(then),
                    format!("if {c}"),
                    block_diverges(&i.then_branch),
                )];
                let (els, diverges) = match &i.else_branch {
                    Some((_, els)) => (self.expr(els), diverges(els)),
                    None => (Ex::Other(Vec::new()), false),
                };
                arms.push((els, format!("{}if {c}", cond::ELSE_OF), diverges));
                // An `if let` evaluates its scrutinee once, whichever arm is taken (what it
                // registers is not conditional: `if let Err(e) = server::run(..).await`),
                // into a variable the binding arm reads (a router built there twice would be
                // listed once unmounted).
                match &*i.cond {
                    syn::Expr::Let(l) => Ex::Block(Block {
                        stmts: vec![
                            Stmt::Let(Pat::Name(IF_LET.to_owned()), self.expr(&l.expr)),
                            Stmt::Expr(conditional_arms(arms), false),
                        ],
                    }),
                    cond => Ex::Other(vec![self.expr(cond), conditional_arms(arms)]),
                }
            }
            E::Match(m) => {
                let c = cond::bounded(self.source(m.expr.span()));
                let arms = m.arms.iter().map(|a| {
                    let pat = cond::bounded(self.source(a.pat.span()));
                    (
                        self.expr(&a.body),
                        format!("match {c}: {pat}"),
                        diverges(&a.body),
                    )
                });
                Ex::Other(vec![self.expr(&m.expr), conditional_arms(arms.collect())])
            }
            E::Binary(b) if matches!(b.op, syn::BinOp::Add(_)) => {
                Ex::Concat(vec![self.expr(&b.left), self.expr(&b.right)])
            }
            E::Binary(b) => Ex::Other(vec![self.expr(&b.left), self.expr(&b.right)]),
            E::Return(r) => match &r.expr {
                Some(x) => Ex::Return(Box::new(self.expr(x))),
                None => Ex::Other(Vec::new()),
            },
            E::Let(l) => Ex::Other(vec![self.expr(&l.expr)]),
            E::Loop(l) => Ex::Other(vec![Ex::Block(self.block(&l.body))]),
            E::While(w) => Ex::Other(vec![self.expr(&w.cond), Ex::Block(self.block(&w.body))]),
            E::ForLoop(f) => Ex::For(Box::new((
                pat(&f.pat),
                self.expr(&f.expr),
                self.block(&f.body),
            ))),
            E::Struct(s) => Ex::Struct(
                s.path
                    .segments
                    .last()
                    .map(|x| x.ident.to_string())
                    .unwrap_or_default(),
                s.fields
                    .iter()
                    .map(|f| (member_name(&f.member), self.expr(&f.expr)))
                    .collect(),
            ),
            E::Field(f) => Ex::Field(Box::new(self.expr(&f.base)), member_name(&f.member)),
            E::Index(i) => Ex::Other(vec![self.expr(&i.expr)]),
            E::Unary(u) => match u.op {
                syn::UnOp::Deref(_) => self.expr(&u.expr),
                _ => Ex::Other(vec![self.expr(&u.expr)]),
            },
            E::Assign(a) => Ex::Other(vec![self.expr(&a.right)]),
            _ => Ex::Other(Vec::new()),
        }
    }

    fn closure_param(&self, p: &syn::Pat) -> Param {
        match p {
            syn::Pat::Type(pt) => self.param(&pt.pat, Some(&pt.ty)),
            other => self.param(other, None),
        }
    }
}

/// A macro argument `expr` or `expr => expr`.
struct MapArg {
    key: syn::Expr,
    value: Option<syn::Expr>,
}

impl syn::parse::Parse for MapArg {
    fn parse(input: syn::parse::ParseStream) -> syn::Result<Self> {
        let key = input.parse()?;
        let value = if input.peek(Token![=>]) {
            input.parse::<Token![=>]>()?;
            Some(input.parse()?)
        } else {
            None
        };
        Ok(MapArg { key, value })
    }
}

/// The capitalised names an impl's methods use as values: in paths of expressions
/// (`ApiError`, `AuthError::Missing`, the callee of `Reply::new(..)`) and of struct
/// literals (`Reply { .. }`).
fn value_types(imp: &syn::ItemImpl) -> Vec<String> {
    #[derive(Default)]
    struct V(Vec<String>);
    impl V {
        fn add(&mut self, p: &syn::Path) {
            for seg in &p.segments {
                let s = seg.ident.to_string();
                if s.starts_with(|c: char| c.is_ascii_uppercase())
                    && s != "Self"
                    && !self.0.contains(&s)
                {
                    self.0.push(s);
                }
            }
        }
    }
    impl<'ast> Visit<'ast> for V {
        fn visit_expr_path(&mut self, e: &'ast syn::ExprPath) {
            self.add(&e.path);
        }
        fn visit_expr_struct(&mut self, e: &'ast syn::ExprStruct) {
            self.add(&e.path);
            syn::visit::visit_expr_struct(self, e);
        }
    }
    let mut v = V::default();
    for it in &imp.items {
        if let syn::ImplItem::Fn(f) = it {
            v.visit_block(&f.block);
        }
    }
    v.0
}

#[derive(Default)]
struct IdentCollector(Vec<String>);

impl<'ast> Visit<'ast> for IdentCollector {
    fn visit_ident(&mut self, i: &'ast proc_macro2::Ident) {
        let s = i.to_string();
        if s.starts_with(|c: char| c.is_ascii_uppercase()) && !self.0.contains(&s) {
            self.0.push(s);
        }
    }
    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        collect_token_idents(&m.tokens, &mut self.0);
        syn::visit::visit_macro(self, m);
    }
}

fn collect_token_idents(ts: &TokenStream, out: &mut Vec<String>) {
    for tt in ts.clone() {
        match tt {
            proc_macro2::TokenTree::Ident(i) => {
                let s = i.to_string();
                if s.starts_with(|c: char| c.is_ascii_uppercase()) && !out.contains(&s) {
                    out.push(s);
                }
            }
            proc_macro2::TokenTree::Group(g) => collect_token_idents(&g.stream(), out),
            _ => {}
        }
    }
}

fn pat(p: &syn::Pat) -> Pat {
    match p {
        syn::Pat::Ident(i) => Pat::Name(i.ident.to_string()),
        syn::Pat::Type(t) => pat(&t.pat),
        syn::Pat::Tuple(t) => Pat::Tuple(t.elems.iter().map(pat).collect()),
        syn::Pat::Struct(s) => Pat::Struct(
            s.fields
                .iter()
                .map(|f| (member_name(&f.member), pat(&f.pat)))
                .collect(),
        ),
        syn::Pat::Paren(p) => pat(&p.pat),
        syn::Pat::Reference(r) => pat(&r.pat),
        // `Some(x)`, `Ok(x)`: the value they wrap (as `Some(x)` evaluates to `x`).
        syn::Pat::TupleStruct(t)
            if t.elems.len() == 1
                && t.path
                    .segments
                    .last()
                    .is_some_and(|s| s.ident == "Some" || s.ident == "Ok") =>
        {
            pat(&t.elems[0])
        }
        _ => Pat::Ignore,
    }
}

fn expr_ident(e: &syn::Expr) -> Option<String> {
    match e {
        syn::Expr::Path(p) if p.path.segments.len() == 1 => {
            Some(p.path.segments[0].ident.to_string())
        }
        _ => None,
    }
}

/// A path's segments as names (`crate::api::list` → `[crate, api, list]`), generics left out.
fn segments(path: &syn::Path) -> Vec<String> {
    tight(path.segments.iter().map(|s| s.ident.to_string()).collect())
}

/// `v` without spare room. A list collected from a filtered or punctuated iterator starts
/// with room for four: the IR of a 30 MB file (333,000 functions, each a parameter or two
/// of a generic type) held more spare room than items.
pub(crate) fn tight<T>(mut v: Vec<T>) -> Vec<T> {
    v.shrink_to_fit();
    v
}

/// A type without its parentheses and invisible groups.
fn peel_type(t: &syn::Type) -> &syn::Type {
    match t {
        syn::Type::Paren(p) => peel_type(&p.elem),
        syn::Type::Group(g) => peel_type(&g.elem),
        other => other,
    }
}

pub(crate) fn lower_type(t: &syn::Type) -> Option<Ty> {
    match t {
        syn::Type::Path(p) => {
            let path = segments(&p.path);
            let args = match p.path.segments.last().map(|s| &s.arguments) {
                Some(syn::PathArguments::AngleBracketed(a)) => a
                    .args
                    .iter()
                    .filter_map(|g| match g {
                        syn::GenericArgument::Type(t) => lower_type(t),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            };
            Some(Ty {
                path,
                args: tight(args),
            })
        }
        syn::Type::Reference(r) => lower_type(&r.elem),
        syn::Type::Paren(p) => lower_type(&p.elem),
        syn::Type::Group(g) => lower_type(&g.elem),
        _ => None,
    }
}

/// The byte range of an impl block from its first token (an outer attribute, `default`,
/// `unsafe` or `impl`) to its closing brace: what `Spanned::span` gives, without printing
/// the whole block back into tokens to find its ends.
fn impl_range(imp: &syn::ItemImpl) -> std::ops::Range<usize> {
    let start = imp
        .attrs
        .first()
        .map(|a| a.pound_token.spans[0])
        .into_iter()
        .chain(imp.defaultness.map(|d| d.span))
        .chain(imp.unsafety.map(|u| u.span))
        .chain([imp.impl_token.span])
        .map(|s| s.byte_range().start)
        .min()
        .unwrap_or_default();
    start..imp.brace_token.span.close().byte_range().end
}

/// The last name of the error type of a `Result<T, E>` (`Result<(Scopes, User),
/// AuthError>` → `AuthError`).
fn result_err_name(t: &syn::Type) -> Option<String> {
    let syn::Type::Path(p) = t else {
        return None;
    };
    let last = p.path.segments.last()?;
    if last.ident != "Result" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(a) = &last.arguments else {
        return None;
    };
    a.args
        .iter()
        .filter_map(|g| match g {
            syn::GenericArgument::Type(t) => Some(t),
            _ => None,
        })
        .nth(1)
        .and_then(type_last_name)
}

fn type_last_name(t: &syn::Type) -> Option<String> {
    lower_type(t).map(|t| t.name().to_string())
}

/// The variant of an enum that holds no one (`Anonymous`, `Guest`, `Unauthenticated`), when
/// another holds a value.
fn anonymous_variant(en: &syn::ItemEnum) -> Option<String> {
    let anonymous = en.variants.iter().find(|v| {
        let name = v.ident.to_string().to_ascii_lowercase();
        matches!(v.fields, syn::Fields::Unit)
            && (name.starts_with("anon")
                || name.starts_with("guest")
                || name.starts_with("unauthenticated")
                || name.starts_with("notauthenticated")
                || name.starts_with("notloggedin")
                || name.starts_with("loggedout")
                || name == "visitor")
    });
    let holds = en
        .variants
        .iter()
        .any(|v| !matches!(v.fields, syn::Fields::Unit));
    anonymous.filter(|_| holds).map(|v| v.ident.to_string())
}

/// An extractor derived with axum-macros (`#[derive(FromRequestParts)]
/// #[from_request(rejection(NotLoggedIn))] struct UserExt { #[from_request(via(Extension))]
/// user: LocalUser }`): as an impl of the trait that mentions its rejection type and its
/// fields' types; it can succeed with nothing when every field is an `Option`.
fn derived_extractor(st: &syn::ItemStruct) -> Option<ImplDef> {
    let mut trait_name = None;
    let mut rejection = None;
    for a in &st.attrs {
        let (derive, from_request) = (
            a.path().is_ident("derive"),
            a.path().is_ident("from_request"),
        );
        let Ok(list) = a.meta.require_list() else {
            continue;
        };
        if !derive && !from_request {
            continue;
        }
        let text = list.tokens.to_string().replace(' ', "");
        if derive {
            trait_name = text
                .split(',')
                .map(|t| t.rsplit("::").next().unwrap_or(t))
                .find(|t| matches!(*t, "FromRequestParts" | "FromRequest" | "SecurityScheme"))
                .map(str::to_string);
        } else {
            rejection = text
                .split_once("rejection(")
                .and_then(|(_, r)| r.split(')').next())
                .map(|r| r.rsplit("::").next().unwrap_or(r).to_string());
        }
    }
    let trait_name = trait_name?;
    // poem-openapi's security scheme: an operation taking one answers 401 without the
    // credential it describes (a bearer token, an API key, basic auth).
    let scheme = trait_name == "SecurityScheme";
    let trait_name = if scheme {
        "FromRequest".to_string()
    } else {
        trait_name
    };
    let mut mentions: Vec<String> = rejection.into_iter().collect();
    mentions.extend(st.fields.iter().filter_map(|f| type_last_name(&f.ty)));
    let yields_none = !st.fields.is_empty()
        && st
            .fields
            .iter()
            .all(|f| type_last_name(&f.ty).as_deref() == Some("Option"));
    Some(ImplDef {
        trait_name,
        self_ty: st.ident.to_string(),
        krate: String::new(),
        flags: TextFlags::default(),
        mentions,
        infallible: false,
        never_fails: false,
        yields_none,
        calls: Vec::new(),
        gates_401: scheme,
        rejects_only_present: false,
        builds: Vec::new(),
    })
}

/// Whether a route attribute's path text not starting with `/` is an expression naming a
/// value (`crate::ROUTES.auth.login`, `paths::LOGIN`, `API_LOGIN`), not a path relative to
/// its scope (`authorize`, `email/sync`).
fn names_a_value(text: &str) -> bool {
    text.contains("::")
        || text.contains(['.', '(', '[', '&'])
        || (text.chars().any(|c| c.is_ascii_uppercase())
            && text
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'))
}

/// The frameworks' router types: axum (and aide's, utoipa-axum's), actix-web, Rocket.
pub(crate) const ROUTER_TYPES: &[&str] = &[
    "Router",
    "ApiRouter",
    "OpenApiRouter",
    "App",
    "Scope",
    "ServiceConfig",
    "Resource",
    "Rocket",
];

const METHOD_ATTRS: &[&str] = &[
    "get", "post", "put", "delete", "patch", "head", "options", "trace", "connect",
];

fn route_attr(attr: &syn::Attribute) -> Option<RouteAttr> {
    let name = attr.path().segments.last()?.ident.to_string();
    let is_method = METHOD_ATTRS.contains(&name.as_str());
    // `#[utoipa::path(get, path = "/x", ..)]`
    let utoipa = name == "path" && attr.path().segments.first()?.ident == "utoipa";
    if utoipa {
        return utoipa_attr(attr);
    }
    let poem = name == "oai";
    if !is_method && name != "route" && !poem {
        return None;
    }
    let args = attr
        .parse_args_with(Punctuated::<syn::Expr, Token![,]>::parse_terminated)
        .ok()?;
    let mut path = None;
    let mut methods = Vec::new();
    let mut wraps = Vec::new();
    let mut guards = Vec::new();
    if is_method {
        methods.push(name.to_ascii_uppercase());
    }
    for a in &args {
        match a {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) if path.is_none() => path = Some(s.value()),
            // Rocket: #[route(GET, uri = "/x")]
            syn::Expr::Path(p) if name == "route" => {
                if let Some(seg) = p.path.segments.last() {
                    methods.push(seg.ident.to_string().to_ascii_uppercase());
                }
            }
            syn::Expr::Assign(asg) => {
                let key = expr_ident(&asg.left).unwrap_or_default();
                let value = match &*asg.right {
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(s),
                        ..
                    }) => Some(s.value()),
                    syn::Expr::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
                    _ => None,
                };
                match (key.as_str(), value) {
                    ("method", Some(v)) => methods.push(v.to_ascii_uppercase()),
                    ("uri" | "path", Some(v)) if path.is_none() => path = Some(v),
                    ("wrap", Some(v)) => wraps.push(v),
                    ("guard", Some(v)) => guards.push(v),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    let mut r = RouteAttr::new(methods, path?, wraps, false);
    r.guards = guards;
    r.poem = poem;
    Some(r)
}

impl RouteAttr {
    /// A route attribute; no method word means every method.
    fn new(mut methods: Vec<String>, path: String, wraps: Vec<String>, doc_only: bool) -> Self {
        if methods.is_empty() {
            methods.push("ANY".to_string());
        }
        RouteAttr {
            methods,
            path,
            wraps,
            guards: Vec::new(),
            doc_only,
            path_expr: None,
            poem: false,
        }
    }
}

/// A `#[utoipa::path(get, path = "/x", security(..), ..)]`'s method words, and its path
/// when a literal (`path = ITEMS` gives none: the methods still count).
fn utoipa_parts(attr: &syn::Attribute) -> (Vec<String>, Option<String>) {
    let syn::Meta::List(list) = &attr.meta else {
        return (Vec::new(), None);
    };
    let mut methods = Vec::new();
    let mut path = None;
    let mut tokens = list.tokens.clone().into_iter().peekable();
    let mut at_start = true;
    while let Some(tt) = tokens.next() {
        match &tt {
            proc_macro2::TokenTree::Ident(i) if at_start => {
                let w = i.to_string();
                let is_eq = matches!(tokens.peek(), Some(proc_macro2::TokenTree::Punct(p)) if p.as_char() == '=');
                if w == "path" && is_eq {
                    tokens.next();
                    if let Some(proc_macro2::TokenTree::Literal(l)) = tokens.next() {
                        if let Ok(syn::Lit::Str(s)) = syn::parse_str::<syn::Lit>(&l.to_string()) {
                            path = Some(s.value());
                        }
                    }
                } else if METHOD_ATTRS.contains(&w.as_str()) && !is_eq {
                    methods.push(w.to_ascii_uppercase());
                }
                at_start = false;
            }
            proc_macro2::TokenTree::Punct(p) if p.as_char() == ',' => at_start = true,
            _ => at_start = false,
        }
    }
    (methods, path)
}

/// The `prefix_path` of poem-openapi's `#[OpenApi(prefix_path = "/x", ..)]` on an impl (empty
/// without one); none for an impl without that attribute.
fn openapi_prefix(attrs: &[syn::Attribute]) -> Option<String> {
    let attr = attrs.iter().find(|a| {
        a.path()
            .segments
            .last()
            .is_some_and(|s| s.ident == "OpenApi")
    })?;
    let syn::Meta::List(_) = &attr.meta else {
        return Some(String::new());
    };
    let args = attr
        .parse_args_with(Punctuated::<syn::Expr, Token![,]>::parse_terminated)
        .ok()?;
    let prefix = args.iter().find_map(|a| match a {
        syn::Expr::Assign(asg) if expr_ident(&asg.left).as_deref() == Some("prefix_path") => {
            match &*asg.right {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value()),
                _ => None,
            }
        }
        _ => None,
    });
    Some(prefix.unwrap_or_default())
}

/// `#[utoipa::path(..)]` as the route it documents: its method words and its path.
fn utoipa_attr(attr: &syn::Attribute) -> Option<RouteAttr> {
    let (methods, path) = utoipa_parts(attr);
    Some(RouteAttr::new(methods, path?, Vec::new(), true))
}

/// `"/path" => get(h)`, `"/path" => [get(a), post(b)]` or `"/path" => sub(Api)`.
struct TableEntry {
    path: syn::LitStr,
    handlers: Vec<(String, syn::Path)>,
    sub: Option<syn::Path>,
}

impl syn::parse::Parse for TableEntry {
    fn parse(input: syn::parse::ParseStream) -> syn::Result<Self> {
        let path: syn::LitStr = input.parse()?;
        input.parse::<Token![=>]>()?;
        let one = |input: syn::parse::ParseStream| -> syn::Result<(String, syn::Path)> {
            let m: syn::Ident = input.parse()?;
            let inner;
            syn::parenthesized!(inner in input);
            Ok((m.to_string(), inner.parse()?))
        };
        let calls = if input.peek(syn::token::Bracket) {
            let inner;
            syn::bracketed!(inner in input);
            inner
                .parse_terminated(one, Token![,])?
                .into_iter()
                .collect::<Vec<_>>()
        } else {
            vec![one(input)?]
        };
        let mut handlers = Vec::new();
        let mut sub = None;
        for (m, p) in calls {
            if m == "sub" {
                sub = Some(p);
            } else if METHOD_ATTRS.contains(&m.as_str()) {
                handlers.push((m, p));
            } else {
                return Err(input.error("not a method"));
            }
        }
        Ok(TableEntry {
            path,
            handlers,
            sub,
        })
    }
}

fn quote_braces(ts: TokenStream) -> TokenStream {
    std::iter::once(proc_macro2::TokenTree::Group(proc_macro2::Group::new(
        proc_macro2::Delimiter::Brace,
        ts,
    )))
    .collect()
}

pub(crate) fn is_cfg_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg")
            && match &a.meta {
                syn::Meta::List(l) => {
                    let s = l.tokens.to_string();
                    s == "test" || s.starts_with("all (test") || s.starts_with("all(test")
                }
                _ => false,
            }
    })
}

/// The predicate of a `#[cfg(..)]` attribute other than `cfg(test)`, as written
/// (`debug_assertions`, `feature = "admin"`).
fn cfg_predicate(attrs: &[syn::Attribute]) -> Option<String> {
    attrs.iter().find_map(|a| {
        if !a.path().is_ident("cfg") {
            return None;
        }
        let syn::Meta::List(l) = &a.meta else {
            return None;
        };
        let s = l.tokens.to_string();
        (s != "test").then(|| format!("cfg({})", s.replace(" = ", "=").replace(" ,", ",")))
    })
}

fn member_name(m: &syn::Member) -> String {
    match m {
        syn::Member::Named(n) => n.to_string(),
        syn::Member::Unnamed(i) => i.index.to_string(),
    }
}

/// The arms of an `if` or `match`, each with its condition and whether it diverges
/// (`return`, `panic!`, `exit(..)`): each arm registers under its condition when two or more
/// arms go on (an `if` without `else` has an empty one); with one, what it registers is
/// registered whenever the code goes on.
fn conditional_arms(arms: Vec<(Ex, String, bool)>) -> Ex {
    let going_on = arms.iter().filter(|(_, _, d)| !d).count();
    Ex::Branches(
        arms.into_iter()
            .map(|(ex, c, _)| {
                if going_on > 1 && !c.ends_with(' ') && !c.ends_with(": ") {
                    Ex::Cond(Box::new((c, ex)))
                } else {
                    ex
                }
            })
            .collect(),
    )
}

/// What a statement under `#[cfg(..)]` (other than `cfg(test)`) registers is registered
/// under that condition.
fn under_cfg(attrs: &[syn::Attribute], ex: Ex) -> Ex {
    match cfg_predicate(attrs) {
        Some(c) => Ex::Cond(Box::new((c, ex))),
        None => ex,
    }
}

/// The attributes of an expression statement that can register routes.
fn stmt_attrs(e: &syn::Expr) -> &[syn::Attribute] {
    match e {
        syn::Expr::Assign(x) => &x.attrs,
        syn::Expr::MethodCall(x) => &x.attrs,
        syn::Expr::Call(x) => &x.attrs,
        syn::Expr::Block(x) => &x.attrs,
        syn::Expr::If(x) => &x.attrs,
        syn::Expr::Macro(x) => &x.attrs,
        _ => &[],
    }
}

/// Whether evaluating an expression never goes on: `return`, `break`, `continue`,
/// `panic!`-like macros, `process::exit(..)`, or a block that ends in one.
fn diverges(e: &syn::Expr) -> bool {
    match e {
        syn::Expr::Return(_) | syn::Expr::Break(_) | syn::Expr::Continue(_) => true,
        syn::Expr::Macro(m) => diverging_macro(&m.mac),
        syn::Expr::Call(c) => {
            matches!(&*c.func, syn::Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "exit"))
        }
        syn::Expr::Block(b) => block_diverges(&b.block),
        _ => false,
    }
}

fn block_diverges(b: &syn::Block) -> bool {
    match b.stmts.last() {
        Some(syn::Stmt::Expr(e, _)) => diverges(e),
        Some(syn::Stmt::Macro(m)) => diverging_macro(&m.mac),
        _ => false,
    }
}

fn diverging_macro(m: &syn::Macro) -> bool {
    m.path.segments.last().is_some_and(|s| {
        matches!(
            s.ident.to_string().as_str(),
            "panic" | "unreachable" | "todo" | "unimplemented" | "bail"
        )
    })
}

/// Names of an enum variant an extractor gives for a caller without credentials.
const ABSENT_VARIANTS: &[&str] = &[
    "None",
    "Anonymous",
    "Anon",
    "Guest",
    "Unauthenticated",
    "Missing",
    "NoAuth",
];

/// Whether code reads the request's extensions (`req.extensions().get::<Claim>()`,
/// `parts.extensions.get::<User>()`): where an upstream auth layer left who called. `t` is
/// code without its comments.
fn reads_extensions(t: &str) -> bool {
    t.match_indices("extensions").any(|(i, n)| {
        let rest = t[i + n.len()..].trim_start();
        let rest = rest.strip_prefix("()").unwrap_or(rest).trim_start();
        rest.starts_with(".get")
    })
        // Held in a variable first: `let ext = req.extensions(); match ext.get::<Role>()`.
        || (t.contains("extensions()") && t.contains(".get::<"))
}

/// Whether an impl's code reads the request (headers or extensions) and answers 401 itself
/// (`StatusCode::UNAUTHORIZED`, actix's `ErrorUnauthorized(..)`,
/// `HttpResponse::Unauthorized()`), not only compares a response's status with it (`if
/// res.status() == StatusCode::UNAUTHORIZED`, a logging layer).
fn gate_401(text: &str) -> bool {
    let t = strip_comments(text);
    let reads = t.contains("headers") || reads_extensions(&t);
    reads
        && ["UNAUTHORIZED", "Unauthorized", "unauthorized("]
            .iter()
            .any(|n| {
                t.match_indices(n).any(|(i, _)| {
                    let line = t[..i].rsplit('\n').next().unwrap_or("");
                    let after = &t[i + n.len()..];
                    // A whole name (`UNAUTHORIZED`, not `UNAUTHORIZED_PAGE`), as a value: not
                    // compared, nor a `match` arm's pattern (`StatusCode::UNAUTHORIZED =>`).
                    !after.starts_with(|c: char| c.is_alphanumeric() || c == '_')
                        && !after.trim_start().starts_with("=>")
                        && !after.trim_start().starts_with('|')
                        && !line.contains("==")
                        && !line.contains("!=")
                        && !line.contains("matches!")
                })
            })
}

/// Whether every 401/403 an impl answers (a name for it, `Unauthorized`, `FORBIDDEN`, or the
/// number) is under a test that a value is present: the `then` of `if let Some(..)` /
/// `if let Ok(Some(..))` / `if x.is_some()`, or a `Some(..)`/`Ok(Some(..))` arm (see
/// [`ImplDef::rejects_only_present`]). False when it answers none.
fn rejects_only_present(imp: &syn::ItemImpl) -> bool {
    // Names of a 401/403 answer, lower-cased (`Unauthorized`, `FORBIDDEN`, `ErrorUnauthorized`).
    const REJECTS: &[&str] = &[
        "unauthorized",
        "unauthorised",
        "forbidden",
        "unauthenticated",
    ];
    #[derive(Default)]
    struct Sites {
        present: u32,
        inside: usize,
        outside: usize,
    }
    // `Some(..)`, `Ok(Some(..))` (not `Ok(_)`, which holds `Ok(None)` too).
    fn present_pat(p: &syn::Pat) -> bool {
        match p {
            syn::Pat::TupleStruct(t) => t.path.segments.last().is_some_and(|s| {
                s.ident == "Some"
                    || (s.ident == "Ok" && matches!(t.elems.first(), Some(p) if present_pat(p)))
            }),
            syn::Pat::Ident(i) => i.subpat.as_ref().is_some_and(|(_, p)| present_pat(p)),
            _ => false,
        }
    }
    fn present_test(c: &syn::Expr) -> bool {
        match c {
            syn::Expr::Let(l) => present_pat(&l.pat),
            syn::Expr::MethodCall(m) => m.method == "is_some",
            syn::Expr::Paren(p) => present_test(&p.expr),
            _ => false,
        }
    }
    impl Sites {
        fn site(&mut self) {
            if self.present > 0 {
                self.inside += 1;
            } else {
                self.outside += 1;
            }
        }
    }
    impl<'ast> Visit<'ast> for Sites {
        fn visit_expr_if(&mut self, e: &'ast syn::ExprIf) {
            if !present_test(&e.cond) {
                return syn::visit::visit_expr_if(self, e);
            }
            self.visit_expr(&e.cond);
            self.present += 1;
            self.visit_block(&e.then_branch);
            self.present -= 1;
            if let Some((_, els)) = &e.else_branch {
                self.visit_expr(els);
            }
        }
        fn visit_arm(&mut self, a: &'ast syn::Arm) {
            let present = present_pat(&a.pat);
            self.present += u32::from(present);
            syn::visit::visit_arm(self, a);
            self.present -= u32::from(present);
        }
        fn visit_ident(&mut self, i: &'ast proc_macro2::Ident) {
            let s = i.to_string().to_ascii_lowercase();
            if REJECTS.iter().any(|w| s.contains(w)) {
                self.site();
            }
        }
        fn visit_lit_int(&mut self, l: &'ast syn::LitInt) {
            if matches!(l.base10_digits(), "401" | "403") {
                self.site();
            }
        }
        // Macros' tokens are not read: a rejection written in one counts as outside.
        fn visit_macro(&mut self, m: &'ast syn::Macro) {
            let t = m.tokens.to_string().to_ascii_lowercase();
            if REJECTS.iter().chain(&["401", "403"]).any(|w| t.contains(w)) {
                self.outside += 1;
            }
        }
    }
    let mut sites = Sites::default();
    for it in &imp.items {
        if let syn::ImplItem::Fn(f) = it {
            sites.visit_block(&f.block);
        }
    }
    sites.inside > 0 && sites.outside == 0
}

/// Whether an extractor's text succeeds with a wrapper of nothing (`Ok(Self(None))`,
/// `ready(Ok(MaybeUser(None)))`); not an error variant whose detail is `None`
/// (`Err(Rejection::BadType(None))`), which rejects.
fn oks_none_wrapper(text: &str) -> bool {
    text.match_indices("(None))").any(|(i, _)| {
        let before =
            text[..i].trim_end_matches(|c: char| c.is_alphanumeric() || c == '_' || c == ':');
        // `Ok(None))` itself, or a path called with `None` inside `Ok(..)`.
        text[before.len()..i] == *"Ok" || before.trim_end().ends_with("Ok(")
    })
}

/// Whether an extractor's text succeeds with a variant that stands for no caller
/// (`Ok(AuthHeader::None)`, `ready(Ok(Auth::None { reason }))`, `Ok(Self::Anonymous)`), also
/// inside the extractor's own wrapper (`Ok(Self(Token::None))`, `Ok(Caller(Token::None))`).
fn oks_absent_variant(text: &str) -> bool {
    text.match_indices("Ok(").any(|(i, _)| {
        let mut rest = text[i + 3..].trim_start();
        for _ in 0..2 {
            let path_len = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(rest.len());
            let path = &rest[..path_len];
            if path.contains("::") {
                return path
                    .rsplit("::")
                    .next()
                    .is_some_and(|v| ABSENT_VARIANTS.contains(&v));
            }
            // A wrapper of one value, a type's name (`Self(..)`, `Caller(..)`).
            match rest[path_len..].strip_prefix('(') {
                // (Not `Some(..)`: `Ok(Some(Role::None))` gives a value, the role `None`.)
                Some(inner)
                    if path.starts_with(|c: char| c.is_ascii_uppercase()) && path != "Some" =>
                {
                    rest = inner.trim_start();
                }
                _ => return false,
            }
        }
        false
    })
}

/// Whether a `match` arm's pattern is the case of a missing caller: `None`, a variant named
/// so (`Auth::None { .. }`, `AuthHeader::Anonymous`), or `_` (every case not matched
/// above, which names the ones that pass).
fn absent_pattern(pat: &syn::Pat) -> bool {
    let last_is_absent = |p: &syn::Path| {
        p.segments
            .last()
            .is_some_and(|s| ABSENT_VARIANTS.contains(&s.ident.to_string().as_str()))
    };
    match pat {
        syn::Pat::Ident(i) => i.ident == "None",
        syn::Pat::Path(p) => last_is_absent(&p.path),
        syn::Pat::Struct(p) => last_is_absent(&p.path),
        syn::Pat::TupleStruct(p) => last_is_absent(&p.path),
        syn::Pat::Wild(_) => true,
        syn::Pat::Or(o) => o.cases.iter().any(absent_pattern),
        _ => false,
    }
}

/// Whether a `match` arm's pattern is the failure of a lookup or a call: `None`, `Err(..)`
/// (one of several: `None | Err(_)`), and `_` when `wild`.
fn failure_pattern(p: &syn::Pat, wild: bool) -> bool {
    match p {
        syn::Pat::Ident(i) => i.ident == "None",
        syn::Pat::Path(p) => p.path.is_ident("None"),
        syn::Pat::TupleStruct(t) => t.path.is_ident("Err"),
        syn::Pat::Wild(_) => wild,
        syn::Pat::Or(o) => o.cases.iter().any(|c| failure_pattern(c, wild)),
        _ => false,
    }
}

/// A body that hands the request on: an expression or a block.
#[derive(Clone, Copy)]
enum Body<'a> {
    Expr(&'a syn::Expr),
    Block(&'a syn::Block),
}

/// Whether an extractor's or request guard's method reads a credential (the Authorization
/// header, a bearer token, a JWT) and can only succeed: its body builds
/// `Outcome::Success(..)` or `Ok(..)` and has no way out but that (no `Error`, `Failure`,
/// `Forward` or `Err`, no `?`, no `return`, no `try_outcome!`, `or_error`/`or_forward`, no
/// `bail!`/`reject`): a guard that reads who calls, if anyone (openfairdb's `Auth`), and
/// turns no one away.
fn never_fails(imp: &syn::ItemImpl) -> bool {
    let method = imp.items.iter().find_map(|it| match it {
        syn::ImplItem::Fn(f)
            if matches!(
                f.sig.ident.to_string().as_str(),
                "from_request" | "from_request_parts"
            ) =>
        {
            Some(f)
        }
        _ => None,
    });
    let Some(method) = method else {
        return false;
    };
    // Macros that only format, log or build values; any other (`err_handler!(..)`, a
    // project's own) may leave the method with a failure.
    const PLAIN_MACROS: &[&str] = &[
        "format",
        "vec",
        "println",
        "print",
        "eprintln",
        "debug",
        "info",
        "warn",
        "error",
        "trace",
        "matches",
        "concat",
        "write",
        "writeln",
        "json",
        "format_args",
        "stringify",
        "env",
        "cfg",
        "dbg",
    ];
    fn scan(ts: proc_macro2::TokenStream, succeeds: &mut bool) -> bool {
        let mut last: Option<String> = None;
        for t in ts {
            let ident = match &t {
                proc_macro2::TokenTree::Ident(i) => Some(i.to_string()),
                _ => None,
            };
            match t {
                proc_macro2::TokenTree::Group(g) if !scan(g.stream(), succeeds) => return false,
                proc_macro2::TokenTree::Punct(p) if p.as_char() == '?' => return false,
                proc_macro2::TokenTree::Punct(p)
                    if p.as_char() == '!'
                        && last.as_deref().is_some_and(|m| !PLAIN_MACROS.contains(&m)) =>
                {
                    return false;
                }
                proc_macro2::TokenTree::Ident(i) => {
                    let i = i.to_string();
                    if matches!(i.as_str(), "Success" | "Ok") {
                        *succeeds = true;
                    }
                    if matches!(
                        i.as_str(),
                        "Error"
                            | "Failure"
                            | "Forward"
                            | "Err"
                            | "return"
                            | "try_outcome"
                            | "or_error"
                            | "or_forward"
                            | "bail"
                            | "reject"
                    ) {
                        return false;
                    }
                }
                _ => {}
            }
            last = ident;
        }
        true
    }
    let body = method.block.to_token_stream();
    let mut succeeds = false;
    scan(body.clone(), &mut succeeds)
        && succeeds
        && TextFlags::of(&body.to_string()).strong_credential
}

/// Whether a body calls the next service with the request (`srv.call(req)`,
/// `next.run(req)`), and turns no one away.
fn passes_on(body: Body<'_>) -> bool {
    #[derive(Default)]
    struct Call(bool);
    impl<'ast> Visit<'ast> for Call {
        fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
            if matches!(m.method.to_string().as_str(), "call" | "run")
                && m.args.len() == 1
                && matches!(&m.args[0], syn::Expr::Path(p) if p.path.get_ident().is_some())
            {
                self.0 = true;
            }
            syn::visit::visit_expr_method_call(self, m);
        }
    }
    let mut c = Call::default();
    match body {
        Body::Expr(e) => c.visit_expr(e),
        Body::Block(b) => c.visit_block(b),
    }
    let text = match body {
        Body::Expr(e) => e.to_token_stream(),
        Body::Block(b) => b.to_token_stream(),
    };
    c.0 && !TextFlags::of(&text.to_string()).rejects_auth
}

/// The paths a middleware lets through by a test at the top of its body whose branch
/// returns the request handed on: `if !req.uri().path().starts_with("/api/") { return
/// Ok(next.run(req).await); }` (all but `/api/..`), `if path == "/health" ||
/// path.starts_with("/public/") { return next.run(req).await; }`.
fn path_gates(block: &syn::Block) -> Vec<PathGate> {
    // The request's path: `req.uri().path()`, or a variable named `path`.
    fn reads_path(e: &syn::Expr) -> bool {
        match e {
            syn::Expr::Path(p) => p.path.is_ident("path"),
            e => e.to_token_stream().to_string().contains("path ()"),
        }
    }
    fn lit_path(e: &syn::Expr) -> Option<String> {
        match e {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) => Some(s.value()).filter(|v| v.starts_with('/')),
            syn::Expr::Reference(r) => lit_path(&r.expr),
            _ => None,
        }
    }
    fn gates(e: &syn::Expr, negated: bool, out: &mut Vec<PathGate>) {
        match e {
            syn::Expr::Paren(p) => gates(&p.expr, negated, out),
            syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Not(_)) => {
                gates(&u.expr, !negated, out);
            }
            syn::Expr::Binary(b) if matches!(b.op, syn::BinOp::Or(_)) && !negated => {
                gates(&b.left, false, out);
                gates(&b.right, false, out);
            }
            syn::Expr::MethodCall(m) if m.method == "starts_with" && reads_path(&m.receiver) => {
                if let Some(path) = m.args.first().and_then(lit_path) {
                    out.push(PathGate {
                        path,
                        prefix: true,
                        outside: negated,
                    });
                }
            }
            syn::Expr::Binary(b) if matches!(b.op, syn::BinOp::Eq(_) | syn::BinOp::Ne(_)) => {
                let (lit, other) = match (lit_path(&b.left), lit_path(&b.right)) {
                    (Some(l), None) => (l, &b.right),
                    (None, Some(l)) => (l, &b.left),
                    _ => return,
                };
                if reads_path(other) {
                    out.push(PathGate {
                        path: lit,
                        prefix: false,
                        outside: negated != matches!(b.op, syn::BinOp::Ne(_)),
                    });
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    // The statements before any check: `let`s that turn no one away, and the tests.
    for s in &block.stmts {
        match s {
            syn::Stmt::Local(l) => {
                let text = l.to_token_stream().to_string();
                if text.contains('?') || l.init.as_ref().is_some_and(|i| i.diverge.is_some()) {
                    break;
                }
            }
            syn::Stmt::Expr(syn::Expr::If(i), _) => {
                // Its branch only hands the request on.
                let only_return = matches!(
                    &i.then_branch.stmts[..],
                    [syn::Stmt::Expr(syn::Expr::Return(_), _)]
                );
                if i.else_branch.is_none() && only_return && passes_on(Body::Block(&i.then_branch))
                {
                    gates(&i.cond, false, &mut out);
                } else {
                    break;
                }
            }
            _ => break,
        }
    }
    out
}

/// Whether a middleware's body hands a request that brings no credentials on to the
/// service: an arm for the absent value of a credential's lookup (`match
/// req.headers().get(AUTHORIZATION) { None => return srv.call(req), .. }`), the `else` of
/// `let Some(..) = <lookup> else { .. }` or of `if let Some(..) = <lookup>`, or `if
/// <lookup>.is_none() { .. }`, that calls the next service (`srv.call(req)`,
/// `next.run(req)`) and answers no 401/403.
fn lets_absent_through(block: &syn::Block) -> bool {
    #[derive(Default)]
    struct Finder(bool);
    fn reads_credential(e: &syn::Expr) -> bool {
        TextFlags::of(&e.to_token_stream().to_string()).credentials
    }
    impl<'ast> Visit<'ast> for Finder {
        fn visit_expr_match(&mut self, m: &'ast syn::ExprMatch) {
            if reads_credential(&m.expr)
                && m.arms
                    .iter()
                    .any(|a| failure_pattern(&a.pat, false) && passes_on(Body::Expr(&a.body)))
            {
                self.0 = true;
            }
            syn::visit::visit_expr_match(self, m);
        }
        fn visit_local(&mut self, l: &'ast syn::Local) {
            if let Some(init) = &l.init {
                if let Some((_, e)) = &init.diverge {
                    if reads_credential(&init.expr) && passes_on(Body::Expr(e)) {
                        self.0 = true;
                    }
                }
            }
            syn::visit::visit_local(self, l);
        }
        fn visit_expr_if(&mut self, i: &'ast syn::ExprIf) {
            // `if let Some(h) = <lookup> { .. } else { <absent> }` (not `if let Err(e) =
            // session.insert(..) { .. } else { next.run(req) }`).
            let lookup = match &*i.cond {
                syn::Expr::Let(l)
                    if matches!(&*l.pat, syn::Pat::TupleStruct(t)
                        if t.path.is_ident("Some") || t.path.is_ident("Ok")) =>
                {
                    Some((&*l.expr, true))
                }
                syn::Expr::MethodCall(m) if m.method == "is_none" => Some((&*m.receiver, false)),
                _ => None,
            };
            if let Some((e, is_let)) = lookup {
                let absent_branch = if is_let {
                    i.else_branch
                        .as_ref()
                        .map(|(_, b)| passes_on(Body::Expr(b)))
                } else {
                    Some(passes_on(Body::Block(&i.then_branch)))
                };
                if reads_credential(e) && absent_branch == Some(true) {
                    self.0 = true;
                }
            }
            syn::visit::visit_expr_if(self, i);
        }
    }
    let mut f = Finder::default();
    f.visit_block(block);
    f.0
}

/// Whether a handler's body turns away a caller without a session: one of its statements is
/// `let Some(<x>) = <y> else { .. }` where `x` or `y` is named for who calls (`session`,
/// `user`, `maybe_session`), and the `else` leaves the handler with a redirect to sign in
/// (`redirect(&Login::and_then(..))`, `Redirect::to("/login")`) or a 401/403.
fn turns_away_no_session(block: &syn::Block, text_of: impl Fn(&syn::Block) -> String) -> bool {
    let names_caller = |name: &str| {
        crate::auth::names_identity(name)
            || crate::auth::words(name)
                .iter()
                .any(|w| matches!(w.as_str(), "user" | "account" | "identity" | "caller"))
    };
    block.stmts.iter().any(|s| {
        let syn::Stmt::Local(l) = s else {
            return false;
        };
        let (Some(init), syn::Pat::TupleStruct(t)) = (&l.init, &l.pat) else {
            return false;
        };
        let Some((_, alt)) = &init.diverge else {
            return false;
        };
        if !t.path.is_ident("Some") {
            return false;
        }
        let bound = t.elems.iter().any(|p| match p {
            syn::Pat::Ident(i) => names_caller(&i.ident.to_string()),
            _ => false,
        });
        let from = expr_ident(&init.expr).is_some_and(|i| names_caller(&i));
        if !(bound || from) {
            return false;
        }
        let syn::Expr::Block(b) = &**alt else {
            return false;
        };
        let leaves = b
            .block
            .stmts
            .iter()
            .any(|s| matches!(s, syn::Stmt::Expr(syn::Expr::Return(_), _)));
        let text = text_of(&b.block);
        let lower = text.to_ascii_lowercase();
        let to_sign_in = lower.contains("redirect")
            && ["login", "signin", "sign_in"]
                .iter()
                .any(|w| lower.contains(w));
        leaves && (to_sign_in || TextFlags::of(&text).rejects_auth)
    })
}

/// Whether a body reads who is calling from the cookie jar `name` (see
/// [`Param::reads_identity`]).
fn jar_reads_identity(block: &syn::Block, name: &str) -> bool {
    struct Uses<'n> {
        name: &'n str,
        reads: bool,
    }
    impl Uses<'_> {
        /// `jar`, `&jar`, `&mut jar`.
        fn is_jar(&self, e: &syn::Expr) -> bool {
            match e {
                syn::Expr::Reference(r) => self.is_jar(&r.expr),
                e => expr_ident(e).is_some_and(|i| i == self.name),
            }
        }

        /// An argument of a call named `named` for who calls (or not): the jar handed to it
        /// is read by that name; anything else is visited.
        fn argument(&mut self, a: &syn::Expr, named: bool) {
            if self.is_jar(a) {
                self.reads |= named;
            } else {
                self.visit_expr(a);
            }
        }
    }
    impl<'ast> Visit<'ast> for Uses<'_> {
        fn visit_expr(&mut self, e: &'ast syn::Expr) {
            if self.reads {
                return;
            }
            match e {
                syn::Expr::MethodCall(m) => {
                    let named = crate::auth::names_caller(&m.method.to_string());
                    if self.is_jar(&m.receiver) {
                        self.reads |= named;
                    } else {
                        self.visit_expr(&m.receiver);
                    }
                    for a in &m.args {
                        self.argument(a, named);
                    }
                }
                syn::Expr::Call(c) => {
                    let named = match &*c.func {
                        syn::Expr::Path(p) => p
                            .path
                            .segments
                            .last()
                            .is_some_and(|s| crate::auth::names_caller(&s.ident.to_string())),
                        f => {
                            self.visit_expr(f);
                            false
                        }
                    };
                    for a in &c.args {
                        self.argument(a, named);
                    }
                }
                // Handed back with the answer: `Ok((jar, Html(page)))`.
                syn::Expr::Tuple(t) => {
                    for x in &t.elems {
                        if !self.is_jar(x) {
                            self.visit_expr(x);
                        }
                    }
                }
                e if self.is_jar(e) => self.reads = true,
                e => syn::visit::visit_expr(self, e),
            }
        }
    }
    let mut uses = Uses { name, reads: false };
    uses.visit_block(block);
    uses.reads
}

/// Whether one of a body's first statements turns the request away when the optional value
/// `name` is absent (see [`Param::demanded`]), and, when not, whether one fails the request
/// with the failure of one of its methods (see [`Param::method_demanded`]): one walk.
fn demands(block: &syn::Block, name: &str) -> (bool, bool) {
    let is_name = |e: &syn::Expr| expr_ident(e).is_some_and(|i| i == name);
    // Leaves the handler with something other than a success: a caller without the value
    // is turned away (`return Err(..)`, a redirect to sign in), not answered `200 OK` (an
    // anonymous session-info answer: `return Ok(json(.., StatusCode::OK))`).
    let diverges = |b: &syn::Block| {
        b.stmts.iter().any(|s| {
            matches!(s, syn::Stmt::Expr(syn::Expr::Return(_), _))
                || matches!(s, syn::Stmt::Macro(m) if m.mac.path.is_ident("bail"))
        }) && !answers_ok(b)
    };
    // `auth.unwrap()`, `rockets.user.clone().expect(..)`: taken out of the value (or a
    // field of it), failing the request when absent.
    let unwrapped = |mut e: &syn::Expr| {
        while let syn::Expr::Field(f) = e {
            e = &f.base;
        }
        let syn::Expr::MethodCall(m) = e else {
            return false;
        };
        if !matches!(m.method.to_string().as_str(), "unwrap" | "expect") {
            return false;
        }
        let mut r = &*m.receiver;
        loop {
            match r {
                syn::Expr::MethodCall(x)
                    if matches!(x.method.to_string().as_str(), "clone" | "as_ref" | "take") =>
                {
                    r = &x.receiver;
                }
                syn::Expr::Field(f) => r = &f.base,
                _ => return is_name(r),
            }
        }
    };
    // `match auth { Some(s) => s, None => return Ok(Redirect::to(..)) }`: the arm for an
    // absent value leaves the handler. As the body's answer (`match auth { Auth::None { .. }
    // => HttpResponse::Unauthorized().finish(), _ => .. }`), the arm answers 401/403.
    let none_arm_diverges = |e: &syn::Expr, answer: bool| {
        let syn::Expr::Match(m) = e else {
            return false;
        };
        // `_` stands for the absent caller only when no arm names it (`Caller::None { .. }
        // => public(), _ => Forbidden` serves the anonymous caller).
        let named = m
            .arms
            .iter()
            .any(|a| !matches!(a.pat, syn::Pat::Wild(_)) && absent_pattern(&a.pat));
        is_name(&m.expr)
            && m.arms.iter().any(|a| {
                absent_pattern(&a.pat)
                    && !(named && matches!(a.pat, syn::Pat::Wild(_)))
                    && match &*a.body {
                        syn::Expr::Return(_) => true,
                        syn::Expr::Block(b) => diverges(&b.block),
                        syn::Expr::Macro(m) => m.mac.path.is_ident("bail"),
                        body => {
                            answer
                                && TextFlags::of(&body.to_token_stream().to_string()).rejects_auth
                        }
                    }
            })
    };
    // `reader?.read_all(..)`: the value or the request fails with its error, in a statement
    // every request runs: not after an early `return` (`if item.public { return .. }`), not in
    // a branch some requests take, a closure or an `async` block, the right of `&&`/`||`, nor
    // a `let .. else` arm.
    // Also a method of the value whose failure the request fails with (`auth.account_email()?`,
    // `auth.user_with_min_role(&db, Role::Admin)?` on a guard that reads who calls, if
    // anyone), also in the branch taken when another such method fails (`if
    // auth.user_with_min_role(..).is_err() { auth.organization(&db)?; }`).
    fn of_value(mut e: &syn::Expr, name: &str) -> bool {
        loop {
            match e {
                syn::Expr::MethodCall(m) => e = &m.receiver,
                syn::Expr::Await(a) => e = &a.base,
                syn::Expr::Field(f) => e = &f.base,
                _ => return expr_ident(e).is_some_and(|i| i == name),
            }
        }
    }
    struct Tried<'n> {
        name: &'n str,
        /// `name?` in a statement every request runs.
        plain: bool,
        /// `name.method(..)?`, there or in the branch taken when another method fails.
        method: bool,
        /// Inside such a branch (where only the second counts).
        in_err_branch: bool,
    }
    impl<'ast> Visit<'ast> for Tried<'_> {
        fn visit_expr_try(&mut self, t: &'ast syn::ExprTry) {
            self.plain |=
                !self.in_err_branch && expr_ident(&t.expr).is_some_and(|i| i == self.name);
            self.method |= matches!(&*t.expr, syn::Expr::MethodCall(_) | syn::Expr::Await(_))
                && of_value(&t.expr, self.name);
            syn::visit::visit_expr_try(self, t);
        }
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
        fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
        fn visit_expr_if(&mut self, i: &'ast syn::ExprIf) {
            self.visit_expr(&i.cond);
            if i.else_branch.is_none()
                && matches!(&*i.cond, syn::Expr::MethodCall(m)
                    if matches!(m.method.to_string().as_str(), "is_err" | "is_none")
                        && matches!(&*m.receiver, syn::Expr::MethodCall(_))
                        && of_value(&m.receiver, self.name))
            {
                let outer = std::mem::replace(&mut self.in_err_branch, true);
                self.visit_block(&i.then_branch);
                self.in_err_branch = outer;
            }
        }
        fn visit_expr_match(&mut self, m: &'ast syn::ExprMatch) {
            self.visit_expr(&m.expr);
        }
        fn visit_expr_for_loop(&mut self, f: &'ast syn::ExprForLoop) {
            self.visit_expr(&f.expr);
        }
        fn visit_expr_while(&mut self, w: &'ast syn::ExprWhile) {
            self.visit_expr(&w.cond);
        }
        fn visit_expr_loop(&mut self, _: &'ast syn::ExprLoop) {}
        fn visit_expr_binary(&mut self, b: &'ast syn::ExprBinary) {
            self.visit_expr(&b.left);
            if !matches!(b.op, syn::BinOp::And(_) | syn::BinOp::Or(_)) {
                self.visit_expr(&b.right);
            }
        }
        fn visit_local(&mut self, l: &'ast syn::Local) {
            if let Some(init) = &l.init {
                self.visit_expr(&init.expr);
            }
        }
    }
    // An early answer some requests get: a `return` of anything but a failure (`return
    // Err(..)` and `bail!` turn the request away, as the `?` would).
    struct Returns(bool);
    impl<'ast> Visit<'ast> for Returns {
        fn visit_expr_return(&mut self, r: &'ast syn::ExprReturn) {
            let fails = r.expr.as_deref().is_some_and(|e| {
                matches!(e, syn::Expr::Call(c) if matches!(&*c.func,
                    syn::Expr::Path(p) if p.path.is_ident("Err")))
            });
            self.0 |= !fails;
        }
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
        fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
    }
    let mut by_method = false;
    for s in &block.stmts {
        let mut tried = Tried {
            name,
            plain: false,
            method: false,
            in_err_branch: false,
        };
        tried.visit_stmt(s);
        if tried.plain {
            return (true, false);
        }
        by_method |= tried.method;
        let mut r = Returns(false);
        r.visit_stmt(s);
        if r.0 {
            break;
        }
    }
    let plain = block.stmts.iter().take(8).any(|s| match s {
        syn::Stmt::Local(l) => l.init.as_ref().is_some_and(|init| {
            unwrapped(&init.expr)
            || none_arm_diverges(&init.expr, false)
            // `let Some(a) = auth else { .. }`: the else diverges.
            || (init.diverge.as_ref().is_some_and(|(_, e)| {
                !matches!(&**e, syn::Expr::Block(b) if answers_ok(&b.block))
            }) && is_name(&init.expr))
                // `let a = auth.ok_or(Error::Unauthorized)?;`
                || matches!(&*init.expr, syn::Expr::Try(t) if matches!(&*t.expr,
                    syn::Expr::MethodCall(m) if is_name(&m.receiver)
                        && matches!(m.method.to_string().as_str(), "ok_or" | "ok_or_else" | "context")))
        }),
        syn::Stmt::Expr(e @ syn::Expr::Match(_), semi) => none_arm_diverges(e, semi.is_none()),
        // `if auth.is_none() { return .. }`
        syn::Stmt::Expr(syn::Expr::If(i), _) => {
            matches!(&*i.cond, syn::Expr::MethodCall(m) if is_name(&m.receiver) && m.method == "is_none")
                && diverges(&i.then_branch)
        }
        _ => false,
    });
    (plain, by_method && !plain)
}

/// Whether a block answers a success status written out (`StatusCode::OK`,
/// `HttpResponse::Ok()`, Rocket's `Status::Ok`) and no rejection.
fn answers_ok(b: &syn::Block) -> bool {
    let t = b.to_token_stream().to_string();
    ["StatusCode :: OK", "HttpResponse :: Ok", "Status :: Ok"]
        .iter()
        .any(|m| t.contains(m))
        && !TextFlags::of(&t).rejects
}

/// The type parameter a blanket impl is for and its trait bounds (`impl<P: FixedPlace>
/// Place for P`, also `where P: FixedPlace`).
fn blanket_bounds(imp: &syn::ItemImpl, self_ty: &str) -> Option<(String, Box<[String]>)> {
    let param = imp.generics.type_params().find(|t| t.ident == self_ty)?;
    let names = |bounds: &syn::punctuated::Punctuated<syn::TypeParamBound, syn::Token![+]>| {
        bounds
            .iter()
            .filter_map(|b| match b {
                syn::TypeParamBound::Trait(t) => {
                    t.path.segments.last().map(|s| s.ident.to_string())
                }
                _ => None,
            })
            .collect::<Vec<_>>()
    };
    let mut bounds = names(&param.bounds);
    if let Some(w) = &imp.generics.where_clause {
        for p in &w.predicates {
            if let syn::WherePredicate::Type(t) = p {
                if type_last_name(&t.bounded_ty).as_deref() == Some(self_ty) {
                    bounds.extend(names(&t.bounds));
                }
            }
        }
    }
    (!bounds.is_empty()).then(|| (self_ty.to_string(), bounds.into_boxed_slice()))
}

fn returns_string(sig: &syn::Signature) -> bool {
    match &sig.output {
        syn::ReturnType::Type(_, t) => {
            lower_type(t).is_some_and(|t| matches!(t.name(), "String" | "str" | "Cow"))
        }
        syn::ReturnType::Default => false,
    }
}

pub(crate) fn is_test_attr(attrs: &[syn::Attribute]) -> bool {
    is_cfg_test(attrs)
        || attrs.iter().any(|a| {
            a.path()
                .segments
                .last()
                .is_some_and(|s| s.ident == "test" || s.ident == "async_test")
        })
}

#[cfg(test)]
mod tests {
    use syn::spanned::Spanned;

    /// A header naming a secret of the project's is the caller's credential; a module named
    /// for authorization is not the Authorization header.
    #[test]
    fn request_credentials_in_text() {
        let f = super::TextFlags::of;
        assert!(f(r#"headers.get("x-admin-secret")"#).reads_request_auth);
        assert!(f("headers.get(ADMIN_SECRET_HEADER)").reads_request_auth);
        assert!(f("headers.get(header::AUTHORIZATION)").reads_request_auth);
        let module = f(r#"headers.get("X-ORG"); authorization::auth_org(org).await"#);
        assert!(!module.reads_request_auth && !module.strong_credential);
        assert!(!f(r#"headers.get("x-idempotency-key")"#).reads_request_auth);
    }

    /// A guard that hands the request to another route (Rocket's `Outcome::Forward`,
    /// `.or_forward(..)`) forwards; actix's `forward_ready!(service)`, which every
    /// middleware's `Service` writes, and a comment that says so do not.
    #[test]
    fn forwarding_guards_in_text() {
        let f = super::TextFlags::of;
        assert!(f("None => Outcome::Forward(Status::Unauthorized)").forwards);
        assert!(f("request::Outcome::Forward(())").forwards);
        assert!(f("token.or_forward(Status::Unauthorized)").forwards);
        // `use rocket::outcome::Outcome::*;` then the variant alone.
        assert!(f("None => Forward(Status::Unauthorized)").forwards);
        assert!(f("Err(_) => Forward((data, Status::NotFound))").forwards);
        assert!(
            !f("forward_ready!(backend_service); fn call(&self, req: ServiceRequest)").forwards
        );
        assert!(!f("// processes and forwards requests to the backend").forwards);
    }

    #[test]
    fn auth_error_variants() {
        let f = |t: &str| super::TextFlags::of(t).rejects_auth;
        assert!(f("Err(AppError::Authentication(e))"));
        assert!(f("Err(ProxyError::AuthError { reason })"));
        assert!(f("Err(ProxyError::Auth_Error{ reason })"));
        assert!(!f("Ok(Json(dto::Authorization { token, is_admin }))"));
        assert!(!f("Err(ProxyError::AuthErrorCount { n })"));
        // Matched, not built.
        assert!(!f("match r { Err(UpstreamError::AuthError { .. }) => Err(StatusCode::BAD_GATEWAY), _ => Ok(()) }"));
    }

    #[test]
    fn signature_headers_and_pages() {
        let f = |t: &str| super::TextFlags::of(t);
        assert!(f("let s = headers\n    .get(SIGNATURE)\n    .ok_or(E)?;").reads_request_auth);
        assert!(f("req.headers().get(&crate::X_SIGNATURE)").reads_request_auth);
        assert!(!f("state.cache.get(signature.as_str())").reads_request_auth);
        assert!(!f("let sig = body.get(SIGNATURE_FIELD)").reads_request_auth);
        assert!(f("Html(format!(\"<p>{name}</p>\"))").renders_page);
        assert!(f("Ok(Template::render(\"index\", ctx))").renders_page);
        assert!(!f("comrak::markdown_to_html(&text, &opts)").renders_page);
        assert!(
            !f("if wants_json { Json(v).into_response() } else { Html(page).into_response() }")
                .renders_page
        );
    }

    /// What an extractor gives a caller without credentials: a variant for no one.
    #[test]
    fn absent_callers_given() {
        for t in [
            "Ok(AuthHeader::None)",
            "ready(Ok(Auth::None { reason }))",
            "Ok(Self::Anonymous)",
            "Ok(Self(Token::None))",
            "Ok( Caller( Token::Guest ) )",
        ] {
            assert!(super::oks_absent_variant(t), "{t}");
        }
        for t in [
            "Ok(Self(Token::User(u)))",
            "Ok(Self(token))",
            "Ok(wrap(Token::None))",
            "Err(Self(Token::None))",
            "Ok(Some(Token::Admin))",
            "Ok(Some(Role::None))",
        ] {
            assert!(!super::oks_absent_variant(t), "{t}");
        }
    }

    /// What a branch logs is left out of what it answers, string literals and all.
    #[test]
    fn log_calls_left_out() {
        let w = super::without_log_calls;
        assert_eq!(
            w(r#"{ debug ! ("skipping unauthorized ( origin") ; continue ; }"#),
            "{  ; continue ; }"
        );
        assert_eq!(
            w(r#"{ warn ! ("a \" ) b") ; return Err (Unauthorized) ; }"#),
            "{  ; return Err (Unauthorized) ; }"
        );
        assert_eq!(w("{ f (x) ; }"), "{ f (x) ; }");
    }

    /// The ranges read from the first and last tokens are the ones `Spanned` computes.
    #[test]
    fn impl_and_body_ranges_match_spanned() {
        let src = "// lead\n#[async_trait]\n#[cfg(feature = \"x\")]\nunsafe impl<S: Send> FromRequestParts<S> for User {\n    #![allow(unused)]\n    fn f() { let x = 1; }\n}\nimpl A { #![allow(dead_code)] }\ndefault impl<T> B for T {}\n";
        let file: syn::File = syn::parse_str(src).unwrap();
        let mut impls = 0;
        for item in &file.items {
            if let syn::Item::Impl(imp) = item {
                impls += 1;
                assert_eq!(super::impl_range(imp), imp.span().byte_range());
                for it in &imp.items {
                    if let syn::ImplItem::Fn(f) = it {
                        let b = &f.block;
                        assert_eq!(
                            b.brace_token.span.join().byte_range(),
                            b.span().byte_range()
                        );
                    }
                }
            }
        }
        assert_eq!(impls, 3);
    }
}
