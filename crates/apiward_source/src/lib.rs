//! Rust web services → route inventory.
//!
//! [`inventory`] reads the `.rs` files of a project (every crate of a workspace), and lists
//! the HTTP routes that axum, actix-web, Rocket and poem code registers: method, full path in
//! OpenAPI style, handler, where it is registered and defined, and the authentication that
//! applies to it (an extractor or request guard in the handler's arguments, or an auth
//! middleware on an enclosing router or scope).
//!
//! How it works: each file is scanned for framework markers (a byte search), parsed with
//! `syn` in parallel, and lowered to a small summary ([`ir`]); routers are then evaluated
//! abstractly from the functions that build them, following calls across modules and
//! crates, so prefixes from `nest`/`scope`/`mount` compose wherever they are written.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use apiward_diagnostics::{Diagnostic, LineIndex, Range, Severity, Span};
use rayon::prelude::*;
use serde::Serialize;

pub mod auth;
pub mod cond;
pub mod depth;
mod eval;
pub mod fmt;
mod ir;
mod leptos;
mod macros;
pub mod parts;
mod path;
mod project;

pub use auth::words as identifier_words;
pub use path::normalize_path;

/// What the user adds to the built-in knowledge (from `apiward.toml`).
#[derive(Debug, Clone, Default)]
pub struct SourceOptions {
    /// Names of types that authenticate a request when a handler takes them
    /// (`CurrentUser`), matched on the last path segment.
    pub extra_auth_types: Vec<String>,
    /// Names of middleware (functions, layer or middleware types) that reject
    /// unauthenticated requests (`require_session`, `AuthLayer`).
    pub extra_auth_middleware: Vec<String>,
    /// Files of the workspace crates the analysed ones depend on (a service's folder named
    /// alone: its constants, path types and helpers in a sibling crate). Read only for what
    /// the analysed code names; never visited by the rules, never reported on, and routers
    /// built there are listed only where the analysed code mounts them.
    pub support: Vec<PathBuf>,
}

/// Every route found, and what could not be read.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Inventory {
    /// Sorted by path, method, file, line.
    pub routes: Vec<Route>,
    /// Files that could not be read or parsed (rule `parse-error`), one each.
    pub diagnostics: Vec<Diagnostic>,
    /// Registrations seen but not resolved (a router value that could not be followed, a
    /// mount whose routes were not found, a path that could not be evaluated), each with
    /// where it is and why; sorted by place.
    pub unresolved: Vec<Unresolved>,
    /// Files the parsed code embeds (`include_str!`, `include_bytes!`), resolved from the
    /// including file's directory (a description the service serves).
    #[serde(skip)]
    pub embedded: Vec<PathBuf>,
    /// Files parsed with `syn`.
    pub files_parsed: usize,
    /// Files skipped by the byte prefilter (no framework marker in them).
    pub files_skipped: usize,
}

/// One endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Route {
    /// `GET`, `POST`, … or `ANY` (all methods: services, fallbacks, `any(h)`, `.to(h)`).
    pub method: String,
    /// Full path in OpenAPI style (`/users/{id}`); a part that could not be computed is `<?>`.
    pub path: String,
    /// The handler function as a module path (`my_crate::users::get_user`), whose first
    /// segment is the crate name; for a service, the expression that builds it
    /// (`ServeDir::new`); `None` for closures and handlers that could not be resolved.
    pub handler: Option<String>,
    pub framework: Framework,
    pub kind: RouteKind,
    /// Where the route is registered (the handler reference in `get(h)`, `.service(h)`,
    /// `routes![h]`).
    pub registration: Location,
    /// Where the handler is defined.
    pub handler_location: Option<Location>,
    pub auth: Auth,
    /// What provides the auth: `extractor AuthUser`, `guard ApiKey`,
    /// `middleware from_fn(require_auth)`; for `optional`, the optional extractor.
    pub auth_source: Option<String>,
    /// When the route is served only under a condition: `cfg(test)`, `cfg(debug_assertions)`,
    /// `cfg(feature="x")`, or the arm of an `if`/`match` that registers it when other arms
    /// do not: `if config.dev_mode`, `else of if config.is_production()`,
    /// `match env: Env::Development` (source text on one line, at most 60 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
    /// The condition names a development or test environment ([`cond::dev_only`]): the
    /// route is not served in production builds or deployments.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub dev_only: bool,
    /// The crate or binary that serves it: the one whose function builds the server or
    /// router it is registered on (a workspace with several servers lists each's routes).
    pub service: String,
    /// The function whose router tree the route is registered on, outermost
    /// (`pipeline_manager::compiler::main::compiler_main`): one program may run several
    /// servers (a public API, an internal one on another port), each built by its own.
    #[serde(skip)]
    pub server: Server,
    /// The handler upgrades the connection to a WebSocket (`WebSocketUpgrade`,
    /// `ws::start(..)`): a protocol OpenAPI cannot describe.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub websocket: bool,
    /// The handler answers with an HTML page only (a template it renders, `Html(..)`), never
    /// JSON: a page of the site the server renders beside its API.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub page: bool,
    /// A description the code builds documents it: a code-first generator's attribute on
    /// the handler puts it there (paperclip's `#[api_v2_operation]`, a `#[utoipa::path]`
    /// a derived `#[openapi(paths(..))]` lists or `routes!` registers, aide's `api_route`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub code_doc: bool,
}

/// The function whose router tree a route is registered on (see [`Route::server`]). It is
/// no part of a route's identity: one registration reached from two such functions is one
/// route, so any two compare equal.
#[derive(Debug, Clone, Default, Eq)]
pub struct Server(pub String);

impl PartialEq for Server {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// A registration apiward saw and could not resolve.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Unresolved {
    pub location: Location,
    /// Why, in words (`router not followed: api::router (nested under /api)`).
    pub reason: String,
    /// The path prefix under which routes may be missing (`/api`; `/` when it could be
    /// anywhere).
    pub prefix: String,
    /// Only a base path was not known (`nest(base, api)` with `base` read at run time): the
    /// routes below it are listed, under `/{?}`.
    pub routes_listed: bool,
    /// The crate whose code makes the registration (its package name, `-` as `_`).
    pub service: String,
    /// The web framework apiward does not read that the crate defines routes with (`dropshot`),
    /// when that is why its routes are missing: the place is the dependency in its
    /// manifest.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub framework: Option<String>,
}

/// A place in a file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Location {
    /// The path as given to [`inventory`], with forward slashes.
    pub file: String,
    pub range: Range,
}

/// Whether a route requires an authenticated caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Auth {
    /// An auth middleware encloses it, or its handler takes an auth extractor/guard.
    Required,
    /// Its handler takes an auth extractor as `Option<T>` (or `Result<T, _>`).
    Optional,
    /// Its handler is visible and takes no auth extractor, and no auth middleware encloses it.
    None,
    /// The handler or service could not be seen.
    Unknown,
}

impl Auth {
    pub fn as_str(self) -> &'static str {
        match self {
            Auth::Required => "required",
            Auth::Optional => "optional",
            Auth::None => "none",
            Auth::Unknown => "unknown",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Framework {
    #[serde(rename = "axum")]
    Axum,
    #[serde(rename = "actix-web")]
    ActixWeb,
    #[serde(rename = "rocket")]
    Rocket,
    #[serde(rename = "poem")]
    Poem,
}

impl Framework {
    pub fn as_str(self) -> &'static str {
        match self {
            Framework::Axum => "axum",
            Framework::ActixWeb => "actix-web",
            Framework::Rocket => "rocket",
            Framework::Poem => "poem",
        }
    }
}

/// What serves the route.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RouteKind {
    /// A handler function or closure.
    Handler,
    /// A mounted service (`route_service`, `nest_service`, static files, a nested router
    /// that could not be followed): the path is a prefix or a single endpoint.
    Service,
    /// What answers when nothing else matches (`fallback`, `default_service`); the path is
    /// the prefix it covers.
    Fallback,
}

/// Byte strings whose presence makes a file worth parsing: routers, route macros, handlers,
/// extractor impls, middleware, and the re-exports that name resolution follows. Public so
/// that a [`FileVisitor`] scanning each file for its own markers can look for these in the
/// same scan (see [`RouteMarks`]).
pub const ROUTE_MARKERS: &[&str] = &[
    "Router",
    // `.route(..)`, `#[route(..)]`, `web::route()` (not every `routing`, `routed`).
    "route(",
    "route_service(",
    "route_layer(",
    // `self.router.nest("/v1", api())` in a builder method that names no router type.
    ".nest(",
    "Route::",
    "routes!",
    // poem-openapi's service of the operations of `#[OpenApi]` impls, and the security
    // schemes its operations take.
    "OpenApiService",
    "SecurityScheme",
    "#[OpenApi",
    // A function giving poem-openapi APIs (`fn get() -> impl OpenApi { (a::Api, b::Api)
    // }`) to an `OpenApiService`.
    "impl OpenApi",
    // rocket_okapi's `openapi_get_routes_spec![..]`.
    "routes_spec!",
    ".service(",
    "web::",
    "App::",
    "ServiceConfig",
    "FromRequest",
    "FromData",
    // axum-extra's `.typed_get(h)`; the `#[typed_path("/x")]` structs whose paths they
    // serve (wanted when a handler takes one first).
    ".typed_",
    "typed_path",
    // `.mount("/", routes![..])` (not every `amount`).
    ".mount(",
    "async fn",
    // A macro other files invoke (`permission_layer!(state, P)` in a `.layer(..)`, a route
    // table): expanded where it is invoked.
    "#[macro_export]",
    // A description derived from the handlers it lists (`#[derive(utoipa::OpenApi)]
    // #[openapi(paths(..))]`).
    "#[openapi(",
    // Route attributes (not pyo3's `#[getter]`).
    "#[get(",
    "#[post(",
    "#[put(",
    "#[delete(",
    "#[patch(",
    "#[head(",
    "#[options(",
    // `.layer(..)`, `impl<S> Layer<S>`; `.wrap(..)`, `wrap_fn` (not every `unwrap`, not
    // `GraphLayer`); actix's `impl<S, B> Transform<S, ServiceRequest>` (not every
    // `Transformer`).
    "layer(",
    " Layer<",
    "::Layer<",
    ".wrap(",
    "wrap_fn",
    "Transform<S",
    "pub use",
    // Re-exports within the crate (`pub(super) use rooms::*;`, `pub(crate) use
    // self::args::Args as Ruma;`).
    "use self::",
    "pub(crate) use",
    "pub(super) use",
    "rocket",
    // Code that answers 401/403 (`StatusCode::UNAUTHORIZED`, `ErrorUnauthorized`,
    // `Forbidden`): a helper a handler calls to check its caller, also in a file that
    // builds no router and has no handler (`fn decode_claims(..) -> Result<_, Rejected>`).
    "nauthorized",
    "NAUTHORIZED",
    "orbidden",
    "ORBIDDEN",
];

/// Markers that only say a file may hold handlers (`async fn`) or re-exports (`pub use`),
/// not build routers.
const HANDLER_ONLY: &[&str] = &[
    "async fn",
    "typed_path",
    "nauthorized",
    "NAUTHORIZED",
    "orbidden",
    "ORBIDDEN",
    "pub use",
    "use self::",
    "pub(crate) use",
    "pub(super) use",
];

/// What the [`ROUTE_MARKERS`] found in a file say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteMarks {
    /// The file may hold routes, handlers or auth extractors.
    pub any: bool,
    /// It may build routers or register routes (a marker besides [`HANDLER_ONLY`]'s).
    pub routing: bool,
}

impl RouteMarks {
    /// From which of [`ROUTE_MARKERS`] (by position) a scan found.
    pub fn of(found: impl Fn(usize) -> bool) -> RouteMarks {
        let mut marks = RouteMarks {
            any: false,
            routing: false,
        };
        for (i, m) in ROUTE_MARKERS.iter().enumerate() {
            if found(i) {
                marks.any = true;
                marks.routing |= !HANDLER_ONLY.contains(m);
            }
        }
        marks
    }

    /// The same from scans of `text` of their own (what [`inventory`] does, the second only
    /// when the first found a marker and the answer matters, for a file its visitor did
    /// not scan).
    pub fn scan(text: &[u8]) -> RouteMarks {
        let any = may_hold_routes(text);
        RouteMarks {
            any,
            routing: any && body_may_route(text),
        }
    }
}

/// Whether a type (its last name) is a number, a flag or a character: a value of one is no
/// path, handler or text.
pub fn scalar_type(name: &str) -> bool {
    matches!(
        name,
        "bool"
            | "char"
            | "u8"
            | "u16"
            | "u32"
            | "u64"
            | "u128"
            | "usize"
            | "i8"
            | "i16"
            | "i32"
            | "i64"
            | "i128"
            | "isize"
            | "f32"
            | "f64"
    )
}

/// Whether a file may hold routes, handlers or auth extractors (cheap byte scan).
pub fn may_hold_routes(text: &[u8]) -> bool {
    static ANY: LazyLock<Markers> = LazyLock::new(|| Markers::new(ROUTE_MARKERS.iter().copied()));
    ANY.any_in(text)
}

/// Byte strings searched for all at once, with an automaton built once (a searcher per word
/// read a file without any of them once per word).
struct Markers(aho_corasick::AhoCorasick);

impl Markers {
    fn new(words: impl IntoIterator<Item = &'static str>) -> Markers {
        Markers(
            aho_corasick::AhoCorasick::builder()
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(words)
                .expect("markers are plain strings"),
        )
    }

    /// Whether `text` holds any of the words.
    fn any_in(&self, text: &[u8]) -> bool {
        self.0.is_match(text)
    }
}

/// What a deferred file must define to be needed: the names the route builders mention
/// (paths, turbofish types) and the parameter types of the handlers they name, and the
/// associated functions the builders call on a type (`Store::open`), wanted only from a
/// file that implements something for that type (a `fn new` is in every other file).
#[derive(Default)]
struct Wanted {
    names: HashSet<String>,
    /// Associated types a handler's parameter projects (`Session` of `C::Session`): wanted
    /// from a file whose trait impl sets one (`type Session = UserSession;`).
    projected: HashSet<String>,
    /// Function name → the types it is called on, for names never mentioned alone.
    assoc: HashMap<String, HashSet<String>>,
    /// Function name → the modules it is called through, for names never mentioned alone
    /// (`handlers::get`: wanted from a file of a `handlers` module, not from every file with
    /// a `fn get`; `web::get` from none).
    qualified: HashMap<String, HashSet<String>>,
    /// A crate's prelude a parsed file imports by glob (`use super::prelude::*`): what it
    /// re-exports is what the file's names are (poem's `Route`).
    prelude: bool,
}

impl Wanted {
    /// From the parsed files: bodies only of the functions that build routes (the only
    /// ones the evaluation walks; a handler's body is lowered when its signature names
    /// `web::Json`, but nothing in it can register a route), and parameter types only of
    /// the functions those bodies name (handlers, middleware functions) and of
    /// route-attributed handlers: extractor types and their aliases.
    fn of(loaded: &[Loaded]) -> Wanted {
        let mut w = Wanted::default();
        let fns = || {
            loaded.iter().flat_map(|l| match l {
                Loaded::Parsed(_, ir) => &ir.fns[..],
                _ => &[],
            })
        };
        for f in fns().filter(|f| project::direct_builder(f)) {
            for s in &f.body.stmts {
                let e = match s {
                    ir::Stmt::Let(_, e) | ir::Stmt::Expr(e, _) | ir::Stmt::Assign(_, e) => e,
                };
                project::walk(e, &mut |e| match e {
                    ir::Ex::Path(p, _, turbo) => {
                        w.path(p);
                        w.names.extend(turbo.iter().cloned());
                    }
                    // A method called on a variant of an enum (`GossipRoute::Chunk.as_str()`):
                    // wanted from a file implementing for the enum.
                    ir::Ex::Method { recv, name, .. } => {
                        if let ir::Ex::Path(p, _, _) = &**recv {
                            if let [.., ty, v] = &p[..] {
                                if [ty, v]
                                    .iter()
                                    .all(|s| s.starts_with(|c: char| c.is_ascii_uppercase()))
                                {
                                    w.assoc.entry(name.clone()).or_default().insert(ty.clone());
                                }
                            }
                        }
                    }
                    _ => {}
                });
            }
        }
        // Paths written as expressions in route attributes' strings.
        for f in fns() {
            for r in &f.routes {
                if let Some(e) = &r.path_expr {
                    project::walk(e, &mut |e| match e {
                        ir::Ex::Path(p, _, _) => w.path(p),
                        ir::Ex::Field(_, n) => {
                            w.names.insert(n.clone());
                        }
                        _ => {}
                    });
                }
            }
        }
        let handler_types: Vec<&ir::Ty> = fns()
            .filter(|f| !f.routes.is_empty() || w.names.contains(&f.name))
            .flat_map(|f| f.params.iter().filter_map(|p| p.ty.as_ref()))
            .collect();
        for t in handler_types {
            w.ty(t);
        }
        // What a handler calls by a name about credentials (`claims_from_token(..)?`), and
        // what such a function calls in turn: where its check may answer 401/403.
        let strong = |name: &str| auth::call_checks_auth(name).1;
        let checks: Vec<String> = fns()
            .filter(|f| !f.routes.is_empty() || w.names.contains(&f.name) || strong(&f.name))
            .flat_map(|f| {
                let all = strong(&f.name);
                f.calls
                    .iter()
                    .filter(move |c| !c.starts_with('.') && (all || strong(c)))
            })
            .filter(|c| {
                c.rsplit("::")
                    .next()
                    .is_some_and(|n| n.starts_with(|ch: char| ch.is_ascii_lowercase()))
            })
            .cloned()
            .collect();
        // (`Claims::new(..)` from a file implementing for `Claims`, `jwt::decode` from one of
        // a `jwt` module.)
        for c in checks {
            let p: Vec<String> = c.split("::").map(str::to_string).collect();
            w.path(&p);
        }
        w.prelude = loaded.iter().any(|l| {
            matches!(l, Loaded::Parsed(_, ir) if ir.uses.iter().any(|u| {
                u.glob && u.path.last().is_some_and(|m| m == "prelude")
            }))
        });
        // What an extractor's implementation calls (`auth::auth(..)` in `impl FromRequest
        // for Args`): where it checks the caller.
        for l in loaded {
            if let Loaded::Parsed(_, ir) = l {
                for imp in ir
                    .impls
                    .iter()
                    .filter(|i| project::is_extract_trait(&i.trait_name))
                {
                    // `Type::new(..)` is wanted from a file implementing for `Type`, not
                    // from every file with a `fn new`; `.method(..)` calls name nothing.
                    for c in imp.calls.iter().filter(|c| !c.starts_with('.')) {
                        let p: Vec<String> = c.split("::").map(str::to_string).collect();
                        w.path(&p);
                    }
                }
            }
        }
        // What a wanted name is an alias of (`pub use paths::ROUTES as API_ROUTES`,
        // `use args::Args as Ruma`).
        for _ in 0..2 {
            let mut more = Vec::new();
            for l in loaded {
                if let Loaded::Parsed(_, ir) = l {
                    for u in ir
                        .uses
                        .iter()
                        .filter(|u| !u.glob && w.names.contains(&u.alias))
                    {
                        more.extend(u.path.last().map(|t| (u.alias.clone(), t.clone())));
                    }
                }
            }
            // A module named by an alias (`use crate::handler::{balance as
            // balance_handlers}` and `balance_handlers::get_balance`): its functions are
            // wanted from files of the module it stands for.
            for mods in w.qualified.values_mut() {
                for (alias, target) in &more {
                    if mods.contains(alias) {
                        mods.insert(target.clone());
                    }
                }
            }
            w.names.extend(more.into_iter().map(|(_, t)| t));
        }
        // A type's functions may come from the traits it implements (a blanket impl over
        // them, `impl<P: FixedPlace> Place for P`, gives `Status::route()`).
        let mut traits: HashMap<&str, Vec<&str>> = HashMap::new();
        for l in loaded {
            if let Loaded::Parsed(_, ir) = l {
                for imp in ir.impls.iter().filter(|i| !i.trait_name.is_empty()) {
                    traits
                        .entry(&imp.self_ty)
                        .or_default()
                        .push(&imp.trait_name);
                }
            }
        }
        for tys in w.assoc.values_mut() {
            let of: Vec<&str> = tys
                .iter()
                .filter_map(|t| traits.get(t.as_str()))
                .flatten()
                .copied()
                .collect();
            tys.extend(of.into_iter().map(str::to_string));
        }
        w.assoc.retain(|f, _| !w.names.contains(f));
        w.qualified.retain(|f, _| !w.names.contains(f));
        // Path keywords name no item (every `pub use self::..` would be wanted).
        for k in ["crate", "self", "super", "Self"] {
            w.names.remove(k);
        }
        w
    }

    fn path(&mut self, p: &[String]) {
        match p {
            [.., ty, f] if ty.starts_with(|c: char| c.is_ascii_uppercase()) => {
                self.names.extend(p[..p.len() - 1].iter().cloned());
                self.assoc.entry(f.clone()).or_default().insert(ty.clone());
            }
            [.., m, f]
                if m.starts_with(|c: char| c.is_ascii_lowercase())
                    && !matches!(m.as_str(), "crate" | "self" | "super")
                    && f.starts_with(|c: char| c.is_ascii_lowercase()) =>
            {
                self.names.extend(p[..p.len() - 1].iter().cloned());
                self.qualified
                    .entry(f.clone())
                    .or_default()
                    .insert(m.clone());
            }
            _ => self.names.extend(p.iter().cloned()),
        }
    }

    fn ty(&mut self, t: &ir::Ty) {
        self.names.extend(t.path.iter().cloned());
        if t.is_projection() {
            self.projected.insert(t.name().to_string());
        }
        for a in &t.args {
            self.ty(a);
        }
    }

    /// Whether a file defines (`fn name`, `struct name`, an inline `mod name { .. }`, ...)
    /// or re-exports (`pub use`) a wanted name, by a byte scan.
    fn defined_in(&self, text: &[u8], module: &[String]) -> bool {
        self.defined_with(
            text,
            module,
            &[
                "fn ", "struct ", "enum ", "type ", "mod ", "const ", "static ",
            ],
        )
    }

    /// Whether a file of constants defines a wanted constant (its other items are read
    /// only for that one), or a wanted function that builds a string (a path helper,
    /// `fn concat_path(first: &str, second: &str) -> String`, in a crate of utilities).
    fn const_defined_in(&self, text: &[u8]) -> bool {
        let mut impl_words = None;
        self.defined_with(text, &[], &["const ", "static "])
            || (!self.projected.is_empty()
                && memchr::memmem::find_iter(text, b"type ").any(|i| {
                    let at = i + 5;
                    let end = at
                        + text[at..]
                            .iter()
                            .position(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
                            .unwrap_or(text.len() - at);
                    std::str::from_utf8(&text[at..end]).is_ok_and(|n| self.projected.contains(n))
                }))
            || memchr::memmem::find_iter(text, b"fn ").any(|i| {
                let at = i + 3;
                let end = at
                    + text[at..]
                        .iter()
                        .position(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
                        .unwrap_or(text.len() - at);
                (i == 0 || !text[i - 1].is_ascii_alphanumeric() && text[i - 1] != b'_')
                    && returns_string(&text[end..])
                    && std::str::from_utf8(&text[at..end]).is_ok_and(|n| {
                        self.names.contains(n) || self.assoc_in(n, text, &mut impl_words)
                    })
            })
    }

    /// Whether `n` is a wanted type's function or constant (`Status::route()`,
    /// `Status::AT`) and the text has an impl naming that type or a trait it implements
    /// (the words of its impl headers read once, into `words`).
    fn assoc_in<'t>(&self, n: &str, text: &'t [u8], words: &mut Option<HashSet<&'t [u8]>>) -> bool {
        self.assoc.get(n).is_some_and(|tys| {
            let words = words.get_or_insert_with(|| impl_header_words(text));
            tys.iter().any(|t| words.contains(t.as_bytes()))
        })
    }

    fn defined_with(&self, text: &[u8], module: &[String], keywords: &[&str]) -> bool {
        // A function called through a module, defined in a file of that module.
        let through = |n: &str| {
            self.qualified
                .get(n)
                .is_some_and(|ms| module.iter().any(|m| ms.contains(m)))
        };
        let word_end = |at: usize| {
            at + text[at..]
                .iter()
                .position(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
                .unwrap_or(text.len() - at)
        };
        let ident_after = |at: usize| std::str::from_utf8(&text[at..word_end(at)]).ok();
        // The words of every `impl .. {` header, read once when an associated function
        // or constant is defined.
        let mut impl_words = None;
        let defined = keywords.iter().any(|kw| {
            memchr::memmem::find_iter(text, kw.as_bytes()).any(|i| {
                // A keyword, not a lifetime (`&'static str`), a const generic (`<const N:
                // usize>`) or a raw pointer (`*const T`).
                if i > 0 && matches!(text[i - 1], b'\'' | b'<' | b'*' | b'_') {
                    return false;
                }
                let at = i + kw.len();
                let Some(n) = ident_after(at) else {
                    return false;
                };
                if *kw == "mod " {
                    // `mod name;` declares a file whose module path is known already.
                    let rest = &text[word_end(at)..];
                    let next = rest.iter().find(|c| !c.is_ascii_whitespace());
                    return next == Some(&b'{') && self.names.contains(n);
                }
                self.names.contains(n)
                    || (matches!(*kw, "fn " | "const ") && self.assoc_in(n, text, &mut impl_words))
                    || (*kw == "fn " && through(n))
            })
        });
        // `use args::Args as Ruma;` (any visibility) names a wanted type.
        let renamed = || {
            memchr::memmem::find_iter(text, b" as ").any(|i| {
                ident_after(i + 4).is_some_and(|n| {
                    n.starts_with(|c: char| c.is_ascii_uppercase()) && self.names.contains(n)
                })
            })
        };
        defined
            || renamed()
            || reexports(text).any(|i| {
                let stmt = &text[i..];
                let end = memchr::memchr(b';', stmt).unwrap_or(stmt.len());
                stmt[..end]
                    .split(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
                    .filter_map(|w| std::str::from_utf8(w).ok())
                    .any(|w| self.names.contains(w) || self.assoc.contains_key(w) || through(w))
            })
    }
}

/// Where each re-export (`pub use`, `pub(crate) use`, `pub(super) use`, `pub(in x) use`)
/// of a text starts, by a byte scan.
fn reexports(text: &[u8]) -> impl Iterator<Item = usize> + '_ {
    memchr::memmem::find_iter(text, b"pub").filter(move |&i| {
        if i > 0 && (text[i - 1].is_ascii_alphanumeric() || text[i - 1] == b'_') {
            return false;
        }
        let rest = &text[i + 3..];
        let rest = match rest.first() {
            Some(b'(') => memchr::memchr(b')', rest).map_or(&[][..], |c| &rest[c + 1..]),
            _ => rest,
        };
        let after = rest.trim_ascii_start();
        after.len() < rest.len() && after.starts_with(b"use ")
    })
}

/// Whether a function's text may build routers or register routes: the file markers but
/// those that only say a file may hold handlers (`async fn`) or re-exports (`pub use`).
pub(crate) fn body_may_route(text: &[u8]) -> bool {
    static ROUTING: LazyLock<Markers> = LazyLock::new(|| Markers::new(routing_words()));
    ROUTING.any_in(text)
}

/// Whether a function of a file parsed for its routes may build routers: a routing word, or
/// a builder handed a function to configure its app with later (`ServerBuilder::new()
/// .configure(|svc| api(svc)).run()`; too common a word elsewhere to parse a file for).
pub(crate) fn fn_body_may_route(text: &[u8]) -> bool {
    body_may_route(text) || memchr::memmem::find(text, b".configure(").is_some()
}

/// Whether a function's parameters may make it one that builds routers: a routing word
/// but `web::`, which a handler's extractors name (`web::Path<String>`).
pub(crate) fn params_may_route(text: &[u8]) -> bool {
    static ROUTING: LazyLock<Markers> =
        LazyLock::new(|| Markers::new(routing_words().filter(|w| *w != "web::")));
    ROUTING.any_in(text)
}

/// The words of [`body_may_route`].
fn routing_words() -> impl Iterator<Item = &'static str> {
    // `Self { router: self.router.merge(metrics()), ..self }`: `.merge(` is too common a word
    // elsewhere to make a file worth parsing, but a function of a parsed file that merges
    // may build: one more word of the same scan. So may one that returns Rocket's route list
    // built from others' (`fn routes() -> Vec<Route> { let mut v = Vec::new();
    // v.extend(cms::routes()); v }`), a docs UI (`fn swagger_ui() -> SwaggerUi {
    // SwaggerUi::new("/swagger-ui").url(..) }`, merged by its caller) or a file server.
    ROUTE_MARKERS
        .iter()
        .copied()
        .filter(|m| !HANDLER_ONLY.contains(m))
        .chain([
            ".merge(",
            "<Route>",
            "::Route>",
            "SwaggerUi::",
            "Redoc::",
            "RapiDoc::",
            "Scalar::with_url",
            // A function that builds actix's file server for its caller's `service`.
            "Files::new(",
            // One that launches a Rocket another function built, or returns one (`#[launch]
            // fn start() -> Rocket<Build> { instance(mounts()) }`).
            ".launch(",
            "Rocket<",
        ])
}

pub(crate) struct LoadedFile {
    pub id: usize,
    pub name: String,
    pub text: apiward_diagnostics::Text,
    pub lines: LineIndex,
}

impl LoadedFile {
    pub(crate) fn range(&self, span: Span) -> Range {
        self.lines.range(&self.text, span)
    }
}

enum Loaded {
    Skipped,
    /// Holds only handler-like code (`async fn`, `pub use`): parsed later if a router
    /// names something it defines.
    Deferred,
    /// Holds no route marker but constants: parsed later if a router names one of them.
    DeferredConsts,
    /// Parsed for the visitor only (no route marker in it).
    Visited,
    Parsed(LoadedFile, Box<ir::FileIr>),
    Failed(Diagnostic),
}

/// Work done on each file besides listing its routes (the rule walkers), on the thread that
/// parsed it: every `.rs` file is read and parsed at most once per run.
pub trait FileVisitor: Sync {
    type Out: Send;
    /// Whether the visitor needs file `index` parsed (a byte prefilter on its contents),
    /// and, when its scan looked for the [`ROUTE_MARKERS`] too, what they said (each file's
    /// bytes are then scanned once, not once for the routes and once for the visitor).
    fn wants(&self, index: usize, bytes: &[u8]) -> (bool, Option<RouteMarks>);
    /// What the visitor needs of a whole file that is parsed in parts ([`parts`]), gathered
    /// from its parts before any is visited.
    type Whole: Default;
    /// Whether the text of a part may hold what [`Self::gather`] collects.
    fn gathers(&self, _part: &str) -> bool {
        false
    }
    /// The first pass over the parts of a file parsed in parts.
    fn gather(&self, _index: usize, _part: &syn::File, _whole: &mut Self::Whole) {}
    /// Called with the parsed file, or with each part of a file parsed in parts, in order;
    /// `base` is the byte offset of the parsed text (or part) in `text` (a BOM or a shebang
    /// line is cut before parsing). `whole` is what [`Self::gather`] collected (`None` for
    /// a file parsed whole), `prev` what the earlier parts gave. The text is shared: a
    /// visitor that keeps it keeps a reference, not a copy.
    fn visit(
        &self,
        index: usize,
        text: &apiward_diagnostics::Text,
        base: u32,
        file: &syn::File,
        whole: Option<&Self::Whole>,
        prev: Option<Self::Out>,
    ) -> Self::Out;
}

/// The visitor that wants nothing.
struct NoVisitor;

impl FileVisitor for NoVisitor {
    type Out = ();
    type Whole = ();
    fn wants(&self, _: usize, _: &[u8]) -> (bool, Option<RouteMarks>) {
        (false, None)
    }
    fn visit(
        &self,
        _: usize,
        _: &apiward_diagnostics::Text,
        _: u32,
        _: &syn::File,
        _: Option<&()>,
        _: Option<()>,
    ) {
    }
}

/// Lists the routes of the Rust services whose `.rs` files are given (every file of the
/// project; files in other crates of the workspace resolve handlers and routers too).
///
/// Never panics on any input: a file that cannot be read or parsed is reported once in
/// [`Inventory::diagnostics`] and skipped.
pub fn inventory(files: &[PathBuf], opts: &SourceOptions) -> Inventory {
    inventory_with(files, opts, &NoVisitor).0
}

/// [`inventory`], and `visitor` run on every file it wants, from the same parse: the
/// visitor's output per file (by position in `files`; `None` for files it did not want or
/// that did not parse).
pub fn inventory_with<V: FileVisitor>(
    files: &[PathBuf],
    opts: &SourceOptions,
    visitor: &V,
) -> (Inventory, Vec<Option<V::Out>>) {
    let (scanned, visited) = scan_with(files, opts, visitor);
    (scanned.evaluate(), visited)
}

/// The files of a tree read, parsed and lowered, their routes not evaluated yet (the
/// evaluation is serial: a caller may do other work meanwhile).
pub struct Scanned<'a> {
    inv: Inventory,
    by_id: Vec<Option<(LoadedFile, ir::FileIr)>>,
    opts: &'a SourceOptions,
    crate_names: CrateNames,
    /// Files from this id on are support files (see [`SourceOptions::support`]).
    primary: usize,
    /// Crates that define routes with a web framework apiward does not read
    /// ([`unread_frameworks`]).
    unread: Vec<Unresolved>,
}

impl Scanned<'_> {
    /// Evaluates the routers: the inventory.
    pub fn evaluate(self) -> Inventory {
        let mut inv = self.inv;
        let mut project = project::Project::new(self.by_id, self.opts, self.crate_names.names());
        project.support_from = self.primary;
        (inv.routes, inv.unresolved) = eval::run(&project);
        inv.unresolved.extend(self.unread);
        inv.unresolved.sort();
        // Freeing every file's IR is serial work nothing waits for.
        rayon::spawn(move || drop(project));
        apiward_diagnostics::sort_and_dedup(&mut inv.diagnostics);
        inv
    }
}

/// The first step of [`inventory_with`]: every file read, parsed (when it may matter) and
/// visited, in parallel.
pub fn scan_with<'a, V: FileVisitor>(
    files: &[PathBuf],
    opts: &'a SourceOptions,
    visitor: &V,
) -> (Scanned<'a>, Vec<Option<V::Out>>) {
    // The support files follow the analysed ones: ids from `primary` on.
    let primary = files.len();
    let named: HashSet<&PathBuf> = files.iter().collect();
    let all: Vec<PathBuf> = files
        .iter()
        .chain(opts.support.iter().filter(|p| !named.contains(p)))
        .cloned()
        .collect();
    let files = &all[..];
    let mut crate_names = CrateNames {
        root: common_dir(files),
        ..CrateNames::default()
    };
    let modules: Vec<Vec<String>> = files
        .iter()
        .map(|f| module_of(f, &mut crate_names))
        .collect();

    let (loaded, mut visited): (Vec<Loaded>, Vec<Option<V::Out>>) = files
        .par_iter()
        .zip(modules.par_iter())
        .enumerate()
        // Small pieces: rayon's adaptive splitting otherwise leaves a quarter of the list to
        // one thread, and the cost of a file (skipped, parsed, walked) varies a hundredfold.
        .with_max_len(8)
        .map(|(i, (path, module))| {
            if i < primary {
                load(i, path, module, visitor, false)
            } else {
                (Loaded::Deferred, None)
            }
        })
        .unzip();
    visited.truncate(primary);

    let mut inv = Inventory::default();
    // Project file ids are positions in `files`.
    let mut by_id: Vec<Option<(LoadedFile, ir::FileIr)>> = (0..files.len()).map(|_| None).collect();
    let deferred: Vec<usize> = loaded
        .iter()
        .enumerate()
        .filter(|(_, l)| matches!(l, Loaded::Deferred | Loaded::DeferredConsts))
        .map(|(i, _)| i)
        .collect();
    let mut loaded = loaded;
    reload_for_exported_macros(&files[..primary], &modules, &mut loaded);
    let mut deferred = deferred;
    deferred.retain(|&i| matches!(loaded[i], Loaded::Deferred | Loaded::DeferredConsts));
    // Files of handlers and re-exports, parsed when the routers name what they define; a
    // file parsed so may name more (an extractor's file, the helper its check calls): a
    // few rounds.
    for _ in 0..3 {
        if deferred.is_empty() {
            break;
        }
        let wanted = Wanted::of(&loaded);
        let more: Vec<(usize, Loaded)> = deferred
            .par_iter()
            .with_max_len(8)
            .filter_map(|&i| {
                let bytes = apiward_diagnostics::read::read_file(&files[i]).ok()?;
                let needed = if matches!(loaded[i], Loaded::DeferredConsts) {
                    wanted.const_defined_in(&bytes)
                } else {
                    // A wanted module that re-exports its children's items by glob
                    // (`client::room_state`, `client/mod.rs`: `pub(super) use rooms::*;`).
                    wanted.defined_in(&bytes, &modules[i])
                        || (modules[i].last().is_some_and(|m| wanted.names.contains(m))
                            && memchr::memmem::find(&bytes, b"::*;").is_some())
                        || (wanted.prelude
                            && modules[i].len() > 1
                            && modules[i].last().is_some_and(|m| m == "prelude"))
                };
                needed.then(|| {
                    let (l, _) =
                        load_bytes(i, &files[i], bytes, &modules[i], &NoVisitor, true, &[]);
                    (i, l)
                })
            })
            .collect();
        if more.is_empty() {
            break;
        }
        for (i, l) in more {
            loaded[i] = l;
        }
        deferred.retain(|&i| matches!(loaded[i], Loaded::Deferred | Loaded::DeferredConsts));
    }
    for (i, l) in loaded.into_iter().enumerate() {
        // A support file is no input: not counted, nor reported.
        let input = i < primary;
        match l {
            Loaded::Skipped | Loaded::Visited | Loaded::Deferred | Loaded::DeferredConsts => {
                inv.files_skipped += usize::from(input);
            }
            Loaded::Parsed(f, ir) => {
                let id = f.id;
                if input {
                    inv.files_parsed += 1;
                    if let Some(dir) = files[id].parent() {
                        inv.embedded.extend(ir.embeds.iter().map(|e| dir.join(e)));
                    }
                }
                by_id[id] = Some((f, *ir));
            }
            Loaded::Failed(d) => {
                if input {
                    inv.diagnostics.push(d);
                }
            }
        }
    }

    let unread = unread_frameworks(&files[..primary], &crate_names);
    let scanned = Scanned {
        inv,
        by_id,
        opts,
        crate_names,
        primary,
        unread,
    };
    (scanned, visited)
}

/// Web frameworks whose routers apiward does not read, each with what only a crate that
/// defines routes with it writes (an endpoint attribute, a router, a path filter): a crate
/// that uses one of its types (`warp::log`) or only serves a router it is handed (an adapter
/// library) defines none.
const UNREAD_FRAMEWORKS: &[(&str, &[&str])] = &[
    (
        "dropshot",
        &["#[endpoint", "#[channel", "ApiDescription::new"],
    ),
    ("warp", &["warp::path", "path!("]),
    ("salvo", &["Router::with_path", "#[handler]"]),
    ("salvo_core", &["Router::with_path", "#[handler]"]),
    ("tide", &[".at(\""]),
    ("ntex", &["web::resource(", "#[web::"]),
    ("gotham", &["build_simple_router", "build_router("]),
    ("viz", &["Router::new()"]),
    ("trillium", &["trillium_router", "Router::new()"]),
    ("rouille", &["router!("]),
    ("iron", &["router!(", "Router::new()"]),
];

/// The crates of the files that define routes with a web framework apiward does not read: one
/// unresolved registration each, at the dependency in the crate's manifest (its routes,
/// not listed, are not compared with a description either).
fn unread_frameworks(files: &[PathBuf], names: &CrateNames) -> Vec<Unresolved> {
    // Each crate directory with the files in it, nearest crate first.
    let mut crates: HashMap<&Path, Vec<&PathBuf>> = HashMap::new();
    for f in files {
        // The crate of `src/main.rs` is `.` ([`module_of`]).
        let dir = f
            .ancestors()
            .skip(1)
            .take(10)
            .map(|d| {
                if d.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    d
                }
            })
            .find(|d| names.by_dir.contains_key(*d));
        if let Some(dir) = dir {
            crates.entry(dir).or_default().push(f);
        }
    }
    let mut out = Vec::new();
    for (dir, in_crate) in crates {
        let manifest = if dir == Path::new(".") {
            PathBuf::from("Cargo.toml")
        } else {
            dir.join("Cargo.toml")
        };
        let Ok(text) = apiward_diagnostics::read::read_text(&manifest) else {
            continue;
        };
        let deps = framework_dependencies(&text);
        if deps.is_empty() {
            continue;
        }
        let texts: Vec<(&PathBuf, Vec<u8>)> = in_crate
            .iter()
            .filter_map(|f| Some((*f, apiward_diagnostics::read::read_file(f).ok()?)))
            .collect();
        let has = |b: &[u8], m: &str| memchr::memmem::find(b, m.as_bytes()).is_some();
        let Some((key, framework, _)) = deps.into_iter().find(|(_, f, marks)| {
            if *f == HAND_ROUTED {
                // Every mark in one file, not a test's, a mock's or an example's (judged by
                // its path inside the crate).
                texts.iter().any(|(path, b)| {
                    !test_like(path.strip_prefix(dir).unwrap_or(path))
                        && marks.iter().all(|m| has(b, m))
                })
            } else {
                texts.iter().any(|(_, b)| marks.iter().any(|m| has(b, m)))
            }
        }) else {
            continue;
        };
        let lines = LineIndex::new(&text);
        let at = dependency_line(&text, &key).unwrap_or(0);
        out.push(Unresolved {
            location: Location {
                file: apiward_diagnostics::display_path(&manifest),
                range: lines.range(&text, Span::new(at as u32, (at + key.len()) as u32)),
            },
            reason: format!(
                "defines routes with {framework}, a web framework apiward does not read"
            ),
            prefix: "/".to_string(),
            routes_listed: false,
            service: names.by_dir[dir].clone(),
            framework: Some(framework.to_string()),
        });
    }
    out
}

/// Whether a file's inner attributes, before its first item, make it test code
/// (`#![cfg(test)]`, `#![cfg(all(test, feature = "db"))]`).
fn cfg_test_file(text: &str) -> bool {
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        if rest.starts_with("//") {
            rest = rest.split_once('\n').map_or("", |(_, r)| r);
        } else if let Some(r) = rest.strip_prefix("/*") {
            rest = r.split_once("*/").map_or("", |(_, r)| r);
        } else if let Some(r) = rest.strip_prefix("#![") {
            let Some((attr, r)) = r.split_once(']') else {
                return false;
            };
            // Judged as an item's `#[cfg(test)]` is.
            let outer = format!("#[{attr}]");
            let parsed = syn::parse::Parser::parse_str(syn::Attribute::parse_outer, &outer);
            if parsed.is_ok_and(|a| ir::is_cfg_test(&a)) {
                return true;
            }
            rest = r;
        } else {
            return false;
        }
    }
}

/// A file of tests, of a mock server or an example, by its path inside its crate (`tests/`,
/// `e2e_test/`, `src/sync/test.rs`, `src/mock_server.rs`, `examples/`).
pub fn test_like(path: &Path) -> bool {
    path.iter().any(|c| {
        let c = c.to_string_lossy().to_ascii_lowercase();
        c.starts_with("test")
            || c.contains("_test")
            || c.contains("mock")
            || matches!(c.as_str(), "benches" | "bench" | "examples")
    })
}

/// A server on hyper alone (see [`framework_dependencies`]): every one of its marks is in
/// the crate.
const HAND_ROUTED: &str = "hyper (routing by hand)";

/// The dependencies of a manifest on frameworks of [`UNREAD_FRAMEWORKS`]: each one's key,
/// the framework, and what a crate defining routes with it writes.
fn framework_dependencies(text: &str) -> Vec<(String, &'static str, &'static [&'static str])> {
    let mut out = Vec::new();
    let Ok(doc) = text.parse::<toml::Table>() else {
        return out;
    };
    let tables = std::iter::once(doc.get("dependencies")).chain(
        doc.get("target")
            .and_then(toml::Value::as_table)
            .into_iter()
            .flat_map(|t| t.values().map(|t| t.get("dependencies"))),
    );
    let (mut hyper, mut framework) = (None, false);
    for deps in tables.flatten().filter_map(toml::Value::as_table) {
        for (key, value) in deps {
            let package = value
                .get("package")
                .and_then(toml::Value::as_str)
                .unwrap_or(key);
            if let Some((name, marks)) = UNREAD_FRAMEWORKS.iter().find(|(n, _)| *n == package) {
                out.push((key.clone(), *name, *marks));
            }
            if package == "hyper" {
                hyper = Some(key.clone());
            }
            framework |= matches!(
                package,
                "axum" | "actix-web" | "rocket" | "rocket_codegen" | "poem" | "warp" | "salvo"
            );
        }
    }
    // A server on hyper alone, its requests routed by hand (`service_fn(serve)`, a `match`
    // and the request's path read in one file; not a proxy handing every request on): no
    // router to read. (Not one of the crates already named for another framework.)
    if let (Some(key), false, true) = (hyper, framework, out.is_empty()) {
        out.push((key, HAND_ROUTED, &["service_fn(", "uri().path()", "match "]));
    }
    out
}

/// The byte offset of the line of a manifest that names dependency `key` (`key = ..`,
/// `key.workspace = true`, `[dependencies.key]`).
fn dependency_line(text: &str, key: &str) -> Option<usize> {
    let mut at = 0;
    // In a `[dependencies]` table (also `[target.'cfg(..)'.dependencies]`), not in
    // `[dev-dependencies]`, `[features]` or `[workspace.dependencies]`.
    let mut in_deps = false;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        let indent = line.len() - t.len();
        if let Some(header) = t.strip_prefix('[') {
            let header = header.trim_end().trim_end_matches(']');
            let runtime = |h: &str| {
                h == "dependencies" || (h.starts_with("target.") && h.ends_with(".dependencies"))
            };
            in_deps = runtime(header);
            // `[dependencies.warp]`: the key in the header.
            if let Some((table, k)) = header.rsplit_once('.') {
                if runtime(table) && k.trim_matches('"') == key {
                    let k_at = t.rfind(k).unwrap_or(0);
                    return Some(at + indent + k_at);
                }
            }
        } else if in_deps {
            let unquoted = t.strip_prefix('"').unwrap_or(t);
            let named = unquoted.strip_prefix(key).is_some_and(|rest| {
                rest.trim_start_matches('"')
                    .trim_start()
                    .starts_with(['=', '.'])
            });
            if named {
                return Some(at + indent + (t.len() - unquoted.len()));
            }
        }
        at += line.len();
    }
    None
}

/// Files that invoke another file's `#[macro_export]` macro (`crate::api_crud! { .. }`),
/// lowered again with it: what it writes (handlers, routers) is theirs.
fn reload_for_exported_macros(files: &[PathBuf], modules: &[Vec<String>], loaded: &mut [Loaded]) {
    let exported: Vec<(String, String)> = loaded
        .iter()
        .filter_map(|l| match l {
            Loaded::Parsed(_, ir) => Some(ir.exported_macros.iter().cloned()),
            _ => None,
        })
        .flatten()
        // Those that may register routes, write handlers or build middleware (not every
        // logging or error macro of the crate: each file invoking one is read again).
        .filter(|(_, body)| {
            let tight: String = body.chars().filter(|c| !c.is_whitespace()).collect();
            may_hold_routes(body.as_bytes())
                || may_hold_routes(tight.as_bytes())
                || tight.contains("from_fn")
                || tight.contains("middleware")
        })
        .collect();
    if exported.is_empty() {
        return;
    }
    let invocations: Vec<String> = exported.iter().map(|(n, _)| format!("{n}!")).collect();
    let again: Vec<(usize, Loaded)> = (0..files.len())
        .into_par_iter()
        .with_max_len(8)
        .filter(|&i| !matches!(loaded[i], Loaded::Failed(_)))
        .filter_map(|i| {
            let bytes = apiward_diagnostics::read::read_file(&files[i]).ok()?;
            let invokes = invocations
                .iter()
                .any(|m| memchr::memmem::find(&bytes, m.as_bytes()).is_some());
            let defines_all = |ir: &ir::FileIr| {
                exported
                    .iter()
                    .all(|(n, _)| ir.exported_macros.iter().any(|(d, _)| d == n))
            };
            if !invokes || matches!(&loaded[i], Loaded::Parsed(_, ir) if defines_all(ir)) {
                return None;
            }
            let (l, _) = load_bytes(
                i,
                &files[i],
                bytes,
                &modules[i],
                &NoVisitor,
                true,
                &exported,
            );
            Some((i, l))
        })
        .collect();
    for (i, l) in again {
        loaded[i] = l;
    }
}

/// Reads, filters, parses and lowers one file; `all` parses files that only hold handlers
/// too (the second round).
fn load<V: FileVisitor>(
    id: usize,
    path: &Path,
    module: &[String],
    visitor: &V,
    all: bool,
) -> (Loaded, Option<V::Out>) {
    match apiward_diagnostics::read::read_file(path) {
        Ok(bytes) => load_bytes(id, path, bytes, module, visitor, all, &[]),
        Err(e) => {
            let name = apiward_diagnostics::display_path(path);
            let d = file_diagnostic(
                &name,
                Range::default_start(),
                format!("cannot read file: {e}"),
            );
            (Loaded::Failed(d), None)
        }
    }
}

/// The words of every `impl .. {` header of a file (the types and traits its impls are
/// for).
fn impl_header_words(text: &[u8]) -> HashSet<&[u8]> {
    memchr::memmem::find_iter(text, b"impl")
        .flat_map(|i| {
            let header = &text[i..];
            let end = memchr::memchr2(b'{', b';', header).unwrap_or(header.len());
            header[..end]
                .split(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
                .filter(|w| !w.is_empty())
        })
        .collect()
}

/// Whether the function signature at the start of `sig` (up to its body's `{` or a `;`)
/// returns a string: `-> String`, `-> &str`, `-> &'static str`, `-> Cow<..>`.
fn returns_string(sig: &[u8]) -> bool {
    let end = memchr::memchr2(b'{', b';', sig).unwrap_or(sig.len());
    let sig = &sig[..end];
    memchr::memmem::rfind(sig, b"->").is_some_and(|i| {
        let ret: Vec<u8> = sig[i + 2..]
            .iter()
            .copied()
            .filter(|c| !c.is_ascii_whitespace())
            .collect();
        ret == b"String"
            || ret == b"&str"
            || ret == b"&'staticstr"
            || ret.starts_with(b"Cow<")
            || ret.starts_with(b"std::borrow::Cow<")
    })
}

/// [`load`] of bytes already read, with the `#[macro_export]` macros of other files that
/// it may invoke.
fn load_bytes<V: FileVisitor>(
    id: usize,
    path: &Path,
    bytes: Vec<u8>,
    module: &[String],
    visitor: &V,
    all: bool,
    foreign: &[(String, String)],
) -> (Loaded, Option<V::Out>) {
    let name = apiward_diagnostics::display_path(path);
    let (wanted, marks) = visitor.wants(id, &bytes);
    // The second round parses what a router names, route-less files of string constants
    // too.
    let routes = all || marks.map_or_else(|| may_hold_routes(&bytes), |m| m.any);
    // A file of constants or string helpers (paths a router may name or build), or of
    // type aliases and trait impls with associated types (what a handler's `C::Session`
    // is): parsed if a router or a handler names one.
    let consts = !routes
        && (memchr::memmem::find(&bytes, b"const ").is_some()
            || memchr::memmem::find(&bytes, b"static ").is_some()
            || memchr::memmem::find(&bytes, b"type ").is_some()
            || memchr::memmem::find_iter(&bytes, b"fn ").any(|i| returns_string(&bytes[i..])));
    // A file of a function building an API docs UI for its caller to merge (`fn
    // serve_docs() -> Scalar<..> { Scalar::with_url("/docs", ..) }`): parsed if a router
    // names it.
    let docs_ui = !routes
        && ["SwaggerUi::", "Scalar::with_url", "Redoc::", "RapiDoc::"]
            .iter()
            .any(|m| memchr::memmem::find(&bytes, m.as_bytes()).is_some());
    if !routes && !wanted {
        return if docs_ui {
            (Loaded::Deferred, None)
        } else if consts {
            (Loaded::DeferredConsts, None)
        } else {
            (Loaded::Skipped, None)
        };
    }
    if routes && !wanted && !all && !marks.map_or_else(|| body_may_route(&bytes), |m| m.routing) {
        return (Loaded::Deferred, None);
    }
    let text: apiward_diagnostics::Text = match String::from_utf8(bytes) {
        Ok(s) => Arc::from(s),
        Err(_) if !routes => return (Loaded::Skipped, None),
        Err(_) => {
            let d = file_diagnostic(
                &name,
                Range::default_start(),
                "file is not valid UTF-8".to_string(),
            );
            return (Loaded::Failed(d), None);
        }
    };
    let (base, content) = strip_preamble(&text);
    if let Some(deep) = depth::too_deep(content) {
        let at = base + deep.offset as u32;
        let range = LineIndex::new(&text).range(&text, Span::new(at, at + 1));
        return (
            Loaded::Failed(file_diagnostic(&name, range, deep.message())),
            None,
        );
    }
    let mut out = parse_and_lower(
        id, &name, &text, base, content, module, visitor, wanted, routes, foreign,
    );
    // The span source map of this thread holds the whole text; nothing needs it any more.
    proc_macro2::extra::invalidate_current_thread_spans();
    // Visited for the rules only, a file of constants is still one a router may name (a
    // rule's marker in it, `count_tokens`, must not hide its paths from the routes).
    if consts && matches!(out.0, Loaded::Visited) {
        out.0 = Loaded::DeferredConsts;
    }
    out
}

/// Parses `content` (the text of file `id` from byte `base`) and lowers it when `routes`,
/// visiting it when `wanted`: whole, or one part at a time ([`parts`]), the macros and what
/// the visitor needs of the whole file gathered first.
#[allow(clippy::too_many_arguments)]
fn parse_and_lower<V: FileVisitor>(
    id: usize,
    name: &str,
    text: &apiward_diagnostics::Text,
    base: u32,
    content: &str,
    module: &[String],
    visitor: &V,
    wanted: bool,
    routes: bool,
    foreign: &[(String, String)],
) -> (Loaded, Option<V::Out>) {
    let pieces = parts::pieces(content);
    let mut whole = None;
    let mut gathered = None;
    // Whether a part's spans are needed after it is walked: by macros or constants gathered
    // from it, or by another file's macros (parsed in this thread's span map too).
    let mut keep_spans = !foreign.is_empty();
    if pieces.len() > 1 {
        let mut w = V::Whole::default();
        let mut macros = macros::Macros::new();
        let mut exported = Vec::new();
        let has_macro = |t: &str| routes && t.contains("macro_rules");
        parts::gather(
            content,
            &pieces,
            |t| has_macro(t) || (wanted && visitor.gathers(t)),
            |file, t| {
                keep_spans = true;
                if has_macro(t) {
                    macros::collect(&file.items, &mut macros);
                    macros::exported(&file.items, &mut exported);
                }
                if wanted && visitor.gathers(t) {
                    visitor.gather(id, file, &mut w);
                }
            },
        );
        whole = Some(w);
        gathered = Some((macros, exported));
    }
    let in_parts = whole.is_some();
    // A module file that is test code as a whole (`#![cfg(test)]` at its top).
    let file_test = cfg_test_file(content);
    let mut visited: Option<V::Out> = None;
    let mut lw: Option<ir::Lowerer> = None;
    let mut parser = parts::PieceParser::new(content);
    // A function parsed in pieces: open until its last statements are lowered.
    let mut open: Option<ir::OpenFn> = None;
    for p in &pieces {
        if let (Some(lw), false) = (lw.as_mut(), matches!(p, parts::Piece::Stmts(_))) {
            if let Some(f) = open.take() {
                lw.close_fn(f);
            }
        }
        let part = match parser.parse(p) {
            Ok(p) => p,
            Err(_) if !routes => return (Loaded::Skipped, None),
            Err((r, message)) => {
                let span = Span::new(r.start as u32 + base, r.end as u32 + base);
                let lines = LineIndex::new(text);
                let range = lines.range(text, span);
                let d = file_diagnostic(
                    name,
                    range,
                    format!("cannot parse Rust file, routes in it are not listed: {message}"),
                );
                return (Loaded::Failed(d), None);
            }
        };
        let at = base + part.offset as u32;
        if wanted {
            let prev = visited.take();
            visited = Some(visitor.visit(id, text, at, &part.file, whole.as_ref(), prev));
        }
        if routes {
            let lw = lw.get_or_insert_with(|| match gathered.take() {
                Some((macros, exported)) => {
                    let mut lw = ir::Lowerer::with_macros(id, at, text, macros, exported, foreign);
                    lw.in_parts = in_parts;
                    lw
                }
                None => ir::Lowerer::with_foreign(id, at, text, &part.file.items, foreign),
            });
            lw.base = at;
            let file = |r: &std::ops::Range<usize>| r.start + base as usize..r.end + base as usize;
            match (p, part.file.items.first()) {
                (parts::Piece::FnHead { body, .. }, Some(syn::Item::Fn(f))) => {
                    open = Some(lw.open_item_fn(f, module, file(body)));
                }
                (parts::Piece::Stmts(r), Some(syn::Item::Fn(f))) => {
                    if let Some(o) = open.as_mut() {
                        lw.fn_stmts(o, &f.block, file(r));
                    }
                }
                _ => lw.items(&part.file.items, module, file_test),
            }
        }
        if in_parts && !keep_spans {
            // The span map of this thread holds the part's text, its line starts and a cache
            // of every span looked up: forgotten with the part, so that they do not add up.
            drop(part);
            proc_macro2::extra::invalidate_current_thread_spans();
        }
    }
    if let (Some(lw), Some(f)) = (lw.as_mut(), open.take()) {
        lw.close_fn(f);
    }
    match lw {
        None => (Loaded::Visited, visited),
        Some(mut lw) => {
            // A file of 200,000 handlers: the room the vector grew into, given back.
            lw.out.fns.shrink_to_fit();
            let file = LoadedFile {
                id,
                name: name.to_string(),
                text: text.clone(),
                lines: LineIndex::new(text),
            };
            (Loaded::Parsed(file, Box::new(lw.out)), visited)
        }
    }
}

/// Parses `content` (the text of file `index` from byte `base`), whole or in parts, and runs
/// `visitor` on it: `None` when it does not parse.
pub fn visit_parsed<V: FileVisitor>(
    visitor: &V,
    index: usize,
    text: &apiward_diagnostics::Text,
    base: u32,
    content: &str,
) -> Option<V::Out> {
    parse_and_lower(
        index,
        "",
        text,
        base,
        content,
        &[],
        visitor,
        true,
        false,
        &[],
    )
    .1
}

/// `syn` cuts a BOM and a shebang line: cut them here and keep the byte offset.
pub fn strip_preamble(text: &str) -> (u32, &str) {
    let mut base = 0usize;
    let mut content = text;
    if let Some(rest) = content.strip_prefix('\u{feff}') {
        base += 3;
        content = rest;
    }
    if content.starts_with("#!") && !content[2..].trim_start().starts_with('[') {
        let cut = content.find('\n').unwrap_or(content.len());
        base += cut;
        content = &content[cut..];
    }
    (base as u32, content)
}

fn file_diagnostic(file: &str, range: Range, message: String) -> Diagnostic {
    Diagnostic {
        rule: apiward_diagnostics::Rule::ParseError.into(),
        owasp: None,
        severity: Severity::Warning,
        message: apiward_diagnostics::bounded(message),
        file: file.to_string(),
        range,
        pointer: None,
        help: Some("fix the syntax error, or exclude the file from the analysed paths".into()),
        label: None,
        related: Vec::new(),
        input_error: false,
    }
}

/// Crate names by crate directory, read from `Cargo.toml` (`[package] name`).
#[derive(Default)]
struct CrateNames {
    /// The folder every analysed file is in: manifests are looked for up to it, not above.
    root: PathBuf,
    by_dir: HashMap<PathBuf, String>,
    /// Folders looked at for a manifest naming crate root files outside `src/` (`[[bin]]
    /// path = "main.rs"`, `[lib] path = "lib.rs"`): each root's crate name and file, or
    /// `None` for a folder with no package manifest.
    roots: HashMap<PathBuf, Option<Vec<(String, PathBuf)>>>,
    /// Directories below a `src/` looked at for a manifest of their own: the crate's name
    /// and its library's root file (`[lib] path = "mod.rs"`), or `None`.
    inner: HashMap<PathBuf, Option<(String, PathBuf)>>,
}

impl CrateNames {
    /// A crate whose manifest sits below a `src/` folder (a workspace with `members =
    /// ["src/*"]`): its name and the directory its library's root file is in.
    fn inner_crate(&mut self, dir: &Path) -> Option<(String, PathBuf)> {
        if let Some(c) = self.inner.get(dir) {
            return c.clone();
        }
        let found = apiward_diagnostics::read::read_text(&dir.join("Cargo.toml"))
            .ok()
            .and_then(|m| {
                let m = Manifest::parse(&m)?;
                let name = m.name.replace('-', "_");
                let lib = m.lib.map_or_else(|| "src/lib.rs".into(), |(_, p)| p);
                let lib_dir = Path::new(&lib)
                    .parent()
                    .map(|p| dir.join(p))
                    .unwrap_or(dir.to_path_buf());
                Some((name, lib_dir))
            });
        if let Some((name, _)) = &found {
            self.by_dir.insert(dir.to_path_buf(), name.clone());
        }
        self.inner.insert(dir.to_path_buf(), found.clone());
        found
    }

    /// The module of a file in no `src/` folder, below a crate root file its package's
    /// manifest names (`[[bin]] path = "main.rs"`, `[lib] path = "lib.rs"`): the manifest
    /// nearest the file, looked for up to [`Self::root`].
    fn outside_src(&mut self, file: &Path) -> Option<Vec<String>> {
        let mut dir = file.parent()?;
        for _ in 0..8 {
            if !dir.starts_with(&self.root) {
                return None;
            }
            if let Some(roots) = self.crate_roots(dir) {
                // The file a root names is that crate's root; below a root's folder, a
                // library's modules before a binary's (a binary beside its library uses
                // it by the crate's name).
                if let Some((name, _)) = roots.iter().find(|(_, f)| f == file) {
                    return Some(vec![name.clone()]);
                }
                return roots.iter().find_map(|(name, f)| {
                    let rel = file.strip_prefix(f.parent()?).ok()?;
                    let rest = rel
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy().into_owned())
                        .collect();
                    Some(module_below(name.clone(), rest))
                });
            }
            dir = dir.parent()?;
        }
        None
    }

    /// The crate root files a folder's package manifest names outside `src/`, the library
    /// first, with the name of each crate.
    fn crate_roots(&mut self, dir: &Path) -> Option<Vec<(String, PathBuf)>> {
        if let Some(r) = self.roots.get(dir) {
            return r.clone();
        }
        let found = apiward_diagnostics::read::read_text(&dir.join("Cargo.toml"))
            .ok()
            .and_then(|m| {
                let m = Manifest::parse(&m)?;
                let mut roots = Vec::new();
                let named = m
                    .lib
                    .iter()
                    .map(|l| (true, l))
                    .chain(m.bins.iter().map(|b| (false, b)));
                for (lib, (name, path)) in named {
                    if Path::new(path).components().any(|c| {
                        !matches!(c, std::path::Component::Normal(_)) || c.as_os_str() == "src"
                    }) {
                        continue;
                    }
                    let name = name.as_deref().unwrap_or(&m.name).replace('-', "_");
                    roots.push((lib, name, dir.join(path)));
                }
                roots.sort_by_key(|(lib, _, _)| !lib);
                self.by_dir
                    .insert(dir.to_path_buf(), m.name.replace('-', "_"));
                Some(roots.into_iter().map(|(_, n, f)| (n, f)).collect())
            });
        self.roots.insert(dir.to_path_buf(), found.clone());
        found
    }

    fn name_for(&mut self, dir: &Path) -> String {
        if let Some(n) = self.by_dir.get(dir) {
            return n.clone();
        }
        let from_manifest = apiward_diagnostics::read::read_text(&dir.join("Cargo.toml"))
            .ok()
            .and_then(|m| package_name(&m));
        let name = from_manifest
            .or_else(|| dir.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "crate".to_string())
            .replace('-', "_");
        self.by_dir.insert(dir.to_path_buf(), name.clone());
        name
    }

    fn names(&self) -> Vec<String> {
        let mut v: Vec<String> = self.by_dir.values().cloned().collect();
        v.sort();
        v.dedup();
        v
    }
}

/// The `[package] name` of a `Cargo.toml`'s text, as written (`None` for a workspace's
/// manifest or one that is no TOML).
pub fn package_name(manifest: &str) -> Option<String> {
    Manifest::parse(manifest).map(|m| m.name)
}

/// What apiward reads of a crate's `Cargo.toml`: its package name (as written), its
/// `[lib]` and each `[[bin]]` that names its root file (its `name`, if given, and `path`).
struct Manifest {
    name: String,
    lib: Option<(Option<String>, String)>,
    bins: Vec<(Option<String>, String)>,
}

impl Manifest {
    /// `None` for a manifest with no `[package]` (a workspace's) or that is no TOML.
    fn parse(text: &str) -> Option<Manifest> {
        let doc: toml::Table = text.parse().ok()?;
        let name = doc.get("package")?.get("name")?.as_str()?.to_string();
        let text_of =
            |t: &toml::Value, k: &str| t.get(k).and_then(toml::Value::as_str).map(str::to_string);
        let target = |t: &toml::Value| Some((text_of(t, "name"), text_of(t, "path")?));
        let lib = doc.get("lib").and_then(target);
        let bins = doc
            .get("bin")
            .and_then(toml::Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(target)
            .collect();
        Some(Manifest { name, lib, bins })
    }
}

/// The folder all the files are in (their longest common parent).
fn common_dir(files: &[PathBuf]) -> PathBuf {
    let mut common: Option<PathBuf> = None;
    for f in files {
        let dir = f.parent().unwrap_or(Path::new(""));
        common = Some(match common {
            None => dir.to_path_buf(),
            Some(c) => c
                .ancestors()
                .find(|a| dir.starts_with(a))
                .unwrap_or(Path::new(""))
                .to_path_buf(),
        });
    }
    common.unwrap_or_default()
}

/// The module path of a file: crate name, then the modules below `src/` (`src/users/mod.rs`
/// → `[crate, users]`). Binaries, examples, tests and benches are crate roots of their own.
fn module_of(file: &Path, names: &mut CrateNames) -> Vec<String> {
    let comps: Vec<String> = file
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let root_pos = comps
        .iter()
        .rposition(|c| c == "src" || c == "examples" || c == "tests" || c == "benches");
    let Some(pos) = root_pos else {
        if let Some(m) = names.outside_src(file) {
            return m;
        }
        let stem = file
            .file_stem()
            .map_or_else(|| "crate".into(), |s| s.to_string_lossy().replace('-', "_"));
        return vec![stem];
    };
    // A crate below that `src/` (`src/api/Cargo.toml` with `[lib] path = "mod.rs"`): its
    // modules are the folders below its library's root file.
    for k in (pos + 1..comps.len()).rev() {
        let dir: PathBuf = comps[..k].iter().collect();
        if let Some((name, lib_dir)) = names.inner_crate(&dir) {
            let Ok(rel) = file.strip_prefix(&lib_dir) else {
                break;
            };
            let rest: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            return module_below(name, rest);
        }
    }
    let crate_dir: PathBuf = comps[..pos].iter().collect();
    let mut crate_name = names.name_for(if crate_dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        &crate_dir
    });
    let mut rest: Vec<String> = comps[pos + 1..].to_vec();
    let kind = comps[pos].as_str();
    if kind == "src" && rest.first().is_some_and(|r| r == "bin") && rest.len() > 1 {
        rest.remove(0);
        crate_name = strip_rs(&rest.remove(0));
    } else if kind != "src" && !rest.is_empty() {
        // examples/foo.rs or examples/foo/main.rs: its own crate root.
        crate_name = strip_rs(&rest.remove(0));
    }
    module_below(crate_name, rest)
}

/// The module of a file at `rest` below its crate's root folder.
fn module_below(crate_name: String, rest: Vec<String>) -> Vec<String> {
    let mut module = vec![crate_name.replace('-', "_")];
    let n = rest.len();
    for (i, c) in rest.into_iter().enumerate() {
        let last = i + 1 == n;
        if last {
            let stem = strip_rs(&c);
            if (i == 0 && (stem == "main" || stem == "lib")) || stem == "mod" {
                continue;
            }
            module.push(stem);
        } else {
            module.push(c);
        }
    }
    module
}

fn strip_rs(s: &str) -> String {
    s.strip_suffix(".rs").unwrap_or(s).replace('-', "_")
}

trait DefaultStart {
    fn default_start() -> Range;
}

impl DefaultStart for Range {
    fn default_start() -> Range {
        let p = apiward_diagnostics::Position {
            line: 1,
            column: 1,
            offset: 0,
        };
        Range { start: p, end: p }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_of_tests_by_their_inner_cfg() {
        assert!(super::cfg_test_file("#![cfg(test)]\nuse x;"));
        assert!(super::cfg_test_file(
            "// Copyright\n/* licence */\n#![allow(dead_code)]\n#![cfg( all(test, feature = \"db\") )]\n"
        ));
        assert!(!super::cfg_test_file("use x;\n#![cfg(test)]"));
        assert!(!super::cfg_test_file(
            "#![cfg(feature = \"test-utils\")]\nfn f() {}"
        ));
        assert!(!super::cfg_test_file("#![cfg(not(test))]"));
    }

    #[test]
    fn framework_dependencies_and_their_lines() {
        let m = "[package]\nname = \"a\"\n\n[dev-dependencies]\nwarp = \"0.3\"\n\n\
                 [dependencies]\ntide = \"0.16\"\n\"warp\" = { version = \"0.3\" }\n\n\
                 [dependencies.dropshot]\nversion = \"0.12\"\n";
        let deps: Vec<&str> = framework_dependencies(m).iter().map(|d| d.1).collect();
        assert_eq!(deps, ["dropshot", "tide", "warp"]);
        let line = |k: &str| m[..dependency_line(m, k).unwrap()].matches('\n').count() + 1;
        // Not the dev-dependency before it; a quoted key; a key in a table header.
        assert_eq!(line("warp"), 9);
        assert_eq!(line("tide"), 8);
        assert_eq!(line("dropshot"), 11);
        assert_eq!(
            &m[dependency_line(m, "dropshot").unwrap()..][..8],
            "dropshot"
        );
        assert_eq!(dependency_line(m, "poem"), None);
    }

    #[test]
    fn module_paths() {
        let mut n = CrateNames::default();
        assert_eq!(module_of(Path::new("/x/svc/src/main.rs"), &mut n), ["svc"]);
        assert_eq!(
            module_of(Path::new("/x/svc/src/users/mod.rs"), &mut n),
            ["svc", "users"]
        );
        assert_eq!(
            module_of(Path::new("/x/svc/src/users/db.rs"), &mut n),
            ["svc", "users", "db"]
        );
        assert_eq!(
            module_of(Path::new("/x/svc/src/bin/tool.rs"), &mut n),
            ["tool"]
        );
        assert_eq!(
            module_of(Path::new("/x/svc/examples/demo/main.rs"), &mut n),
            ["demo"]
        );
        assert_eq!(module_of(Path::new("loose.rs"), &mut n), ["loose"]);
    }

    #[test]
    fn deferred_files_wanted_for_what_the_builders_name() {
        let tmp = tempfile::tempdir().unwrap();
        let router = tmp.path().join("main.rs");
        std::fs::write(
            &router,
            "fn app() -> Router {\n\
             \x20   let store = Store::open(\"db\");\n\
             \x20   Router::new().route(\"/a\", get(handlers::list)).route(\"/b\", get(show))\n\
             }\n\
             async fn show(web::Path(id): web::Path<u32>, who: Caller) -> String {\n\
             \x20   helper_named_in_a_handler(id).await\n\
             }\n\
             async fn unrouted(db: Pool) -> String { todo!() }\n",
        )
        .unwrap();
        let (loaded, _) = load(0, &router, &["svc".to_string()], &NoVisitor, false);
        assert!(matches!(loaded, Loaded::Parsed(..)));
        let w = Wanted::of(&[loaded]);
        let module = |m: &str| m.split("::").map(str::to_string).collect::<Vec<_>>();
        let wanted = |text: &str| w.defined_in(text.as_bytes(), &module("svc::handlers"));
        // What a route builder names, and the parameter types of the handlers it names.
        assert!(wanted("pub async fn list() {}"));
        // `handlers::list` from a file of a `handlers` module, not from any with a `fn list`.
        assert!(!w.defined_in(b"pub async fn list() {}", &module("svc::store")));
        assert!(wanted("mod handlers {\n    pub async fn other() {}\n}"));
        assert!(wanted("pub struct Caller;"));
        assert!(wanted("pub use crate::api::list;"));
        // `mod handlers;` only declares the file the module is in.
        assert!(!wanted("mod handlers;\npub async fn other() {}"));
        // A handler's body registers no route: what it calls is not wanted; nor are the
        // parameter types of a function no builder names.
        assert!(!wanted("pub async fn helper_named_in_a_handler() {}"));
        assert!(!wanted("pub struct Pool;"));
        // `Store::open` is wanted from a file implementing something for `Store`, not from
        // any file with an `open` function.
        assert!(wanted(
            "impl Store {\n    pub fn open(p: &str) -> Self { todo!() }\n}"
        ));
        assert!(wanted(
            "impl<T> Persist for Store<T> where T: Send {\n    fn open() {}\n}"
        ));
        assert!(!wanted(
            "impl File {\n    pub fn open(p: &str) -> Self { todo!() }\n}"
        ));
        assert!(!wanted("pub fn open(p: &str) {}"));
        // Keywords only: a lifetime's `'static str` defines nothing.
        assert!(!wanted("pub fn name() -> &'static str { \"x\" }"));
    }

    #[test]
    fn route_marks_from_a_shared_scan() {
        let texts = [
            "",
            "fn main() {}",
            "pub async fn list() {}",
            "pub use crate::api::list;",
            "fn app() -> Router { Router::new() }",
            "cfg.service(web::resource(\"/x\"))",
            "async fn h() {} fn f(a: App) { a.wrap(Auth) }",
        ];
        for t in texts {
            let found = |i: usize| t.contains(ROUTE_MARKERS[i]);
            assert_eq!(RouteMarks::of(found), RouteMarks::scan(t.as_bytes()), "{t}");
        }
        let handler = RouteMarks::scan(b"pub async fn list() {}");
        assert!(handler.any && !handler.routing);
        assert!(!RouteMarks::scan(b"fn main() {}").any);
        assert!(RouteMarks::scan(b"Router::new()").routing);
    }

    #[test]
    fn crate_roots_outside_src() {
        let tmp = tempfile::tempdir().unwrap();
        let web = tmp.path().join("web");
        std::fs::create_dir_all(web.join("handlers")).unwrap();
        std::fs::write(
            web.join("Cargo.toml"),
            "[package]\nname = \"web-server\"\n\n[lib]\npath = \"lib.rs\"\n\n\
             [[bin]]\nname = \"serve\"\npath = \"main.rs\" # the server\n",
        )
        .unwrap();
        let files = [web.join("main.rs"), web.join("handlers/users.rs")];
        let mut n = CrateNames {
            root: common_dir(&files),
            ..CrateNames::default()
        };
        assert_eq!(n.root, web);
        assert_eq!(module_of(&web.join("main.rs"), &mut n), ["serve"]);
        assert_eq!(module_of(&web.join("lib.rs"), &mut n), ["web_server"]);
        assert_eq!(
            module_of(&web.join("handlers/users.rs"), &mut n),
            ["web_server", "handlers", "users"]
        );
        // Manifests above the analysed folder are not read.
        let mut n = CrateNames {
            root: web.join("handlers"),
            ..CrateNames::default()
        };
        assert_eq!(module_of(&web.join("handlers/users.rs"), &mut n), ["users"]);
    }

    #[test]
    fn package_names() {
        assert_eq!(
            package_name("[package]\nname = \"my-api\"\nversion = \"0.1.0\"\n").as_deref(),
            Some("my-api")
        );
        assert_eq!(package_name("[workspace]\nmembers = []\n"), None);
    }
}
