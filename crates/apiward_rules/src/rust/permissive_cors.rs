//! `permissive-cors`: CORS configurations that let any web site call the API from a
//! browser with the user's credentials.
//!
//! - `CorsLayer::very_permissive()` (tower-http) and `Cors::permissive()` (actix-cors),
//!   which mirror any origin and allow credentials: reported at the call;
//!   `CorsLayer::permissive()` allows no credentials and is reported only when a chain adds
//!   them (`CorsLayer::permissive().allow_credentials(true)`);
//! - a builder chain that allows any origin (`allow_origin(Any)`, `AllowOrigin::any()`,
//!   `allow_any_origin()`, `send_wildcard()`) or mirrors the caller's origin
//!   (`AllowOrigin::mirror_request()`, an origin predicate that always says yes) *and*
//!   allows credentials (`allow_credentials(true)`, `supports_credentials()`): reported at
//!   the origin call. Any origin without credentials is a public API and not reported;
//! - rocket_cors: `CorsOptions` (literal or builder) allowing credentials with every origin
//!   (`AllowedOrigins::all()`, or the default when no origins are set).

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use apiward_diagnostics::{Diagnostic, Severity, Span};
use apiward_source::{Auth, Inventory};
use syn::{Expr, ExprCall, ExprMethodCall, ExprStruct, Member};

use super::{call_path, chain, ends_with, is_lit_bool, peel, root_call_segments, segments, Walker};
use crate::Rule;

pub(crate) const MARKERS: &[&str] = &["Cors", "cors"];

/// While a file is walked: the layers of its chains, each a `.wrap(..)`/`.layer(..)`
/// argument and the chain (scope, router) it is applied in, and whether the chain brings
/// routes registered elsewhere (`.configure(f)`, `.nest(p, api())`).
#[derive(Default)]
struct Layers(Vec<(Span, Span, bool)>);

/// What a file leaves for the end of the run: for a finding (by its start) whose CORS
/// layer sits in a `.wrap(..)`/`.layer(..)` of a chain, that chain's span, which holds the
/// registrations of the routes the layer covers, and whether it brings routes registered
/// elsewhere.
#[derive(Debug, Default)]
pub(crate) struct Facts {
    pub scopes: Vec<(u32, Span, bool)>,
}

/// Each finding's chain by its file (as reported) and start, from the files' [`Facts`]; read
/// before the facts go to the findings.
pub(crate) fn scopes(
    facts: &[Option<super::FileFacts>],
    files: &[PathBuf],
) -> HashMap<(String, u32), (Span, bool)> {
    facts
        .iter()
        .enumerate()
        .filter_map(|(i, f)| Some((i, f.as_ref()?.rules.get::<Facts>()?)))
        .flat_map(|(i, f)| {
            let file = apiward_diagnostics::display_path(&files[i]);
            f.scopes
                .iter()
                .map(move |(at, chain, brings)| ((file.clone(), *at), (*chain, *brings)))
        })
        .collect()
}

/// Records a finding and, when its layer is applied in a chain, the chain.
fn hit(w: &mut Walker<'_, '_>, span: Span, message: String) {
    let chain = w.scratch.get::<Layers>().and_then(|l| {
        l.0.iter()
            .filter(|(arg, _, _)| arg.start <= span.start && span.end <= arg.end)
            .min_by_key(|(arg, _, _)| arg.end - arg.start)
            .map(|(_, chain, brings)| (*chain, *brings))
    });
    if let Some((chain, brings)) = chain {
        w.out
            .rules
            .entry::<Facts>()
            .scopes
            .push((span.start, chain, brings));
    }
    w.hit(Rule::PermissiveCors, span, message);
}

/// Judges each finding by the routes its layer covers: those registered in the chain the
/// layer is applied in (an actix scope, an axum router), else every route of the services
/// whose routes the layer's file registers (a library's server function run by a binary),
/// else of the crate's service. `scopes` holds each finding's chain by its file and start ([`Facts`]).
///
/// - Over routes that are all open (`none`: no route requires, reads or may read
///   credentials) it is left out: with no credentials to send, allowing them changes
///   nothing, and the layer is `allow_origin(Any)` alone, a public API's setting the rule
///   does not report either.
/// - When the code of the layer's crate, and of the crates it depends on, reads no
///   credential a browser attaches by itself (a cookie, a session, HTTP Basic auth, a
///   client certificate: [`reads_browser_credentials`]), the routes take only credentials
///   a page on another site does not have (a bearer token, an API key header, a
///   signature): info, saying so.
pub(crate) fn judge_by_routes(
    found: &mut Vec<Diagnostic>,
    inv: &Inventory,
    files: &[PathBuf],
    crates: &super::served::CrateGraph,
    scopes: &HashMap<(String, u32), (Span, bool)>,
) {
    if !found.iter().any(|d| d.rule == Rule::PermissiveCors) {
        return;
    }
    let index: HashMap<String, usize> = files
        .iter()
        .enumerate()
        .map(|(i, f)| (apiward_diagnostics::display_path(f), i))
        .collect();
    // By crate (its package name), once: the files it and its dependencies hold are read.
    let mut ambient: HashMap<Option<&str>, bool> = HashMap::new();
    found.retain_mut(|d| {
        if d.rule != Rule::PermissiveCors {
            return true;
        }
        let at = index.get(&d.file).copied();
        // The routes registered in the layer's chain, if it has one that registers any;
        // else those of the crate's service.
        let applied = scopes.get(&(d.file.clone(), d.range.start.offset));
        let chain = applied.filter(|(_, brings)| !brings).map(|(c, _)| c);
        let in_chain = |r: &&apiward_source::Route| {
            chain.is_some_and(|c| {
                r.registration.file == d.file
                    && (c.start..c.end).contains(&r.registration.range.start.offset)
            })
        };
        // (Not a fallback: what answers the paths no route takes, often a router built
        // elsewhere, says nothing of the routes the layer covers.)
        let routed = |r: &&apiward_source::Route| r.kind != apiward_source::RouteKind::Fallback;
        let mut covered: Vec<&apiward_source::Route> =
            inv.routes.iter().filter(in_chain).filter(routed).collect();
        if covered.is_empty() {
            // Applied in a chain that brings its routes from elsewhere (`.configure(f)`):
            // the services the chain's file registers routes of (a library crate's server
            // function, run by a binary that names the service); else the crate's own.
            let mut services: HashSet<&str> = inv
                .routes
                .iter()
                .filter(|r| applied.is_some() && r.registration.file == d.file)
                .map(|r| r.service.as_str())
                .collect();
            if services.is_empty() {
                services.extend(at.and_then(|i| crates.crate_name(i)));
            }
            covered = inv
                .routes
                .iter()
                .filter(|r| services.contains(r.service.as_str()))
                .filter(routed)
                .collect();
        }
        // No route known: nothing to judge by.
        if covered.is_empty() {
            return true;
        }
        if covered.iter().all(|r| r.auth == Auth::None) {
            return false;
        }
        if let Some(i) = at {
            let browser = *ambient
                .entry(crates.crate_name(i))
                .or_insert_with(|| reads_browser_credentials(files, crates, i));
            if !browser {
                d.severity = Severity::Info;
                d.message = format!(
                    "{}; but no code of this crate reads a credential a browser sends by \
                     itself (a cookie, a session, HTTP Basic auth, a client certificate): \
                     the routes take credentials a page on another site does not have (a \
                     bearer token, an API key header, a signature), so it cannot act as the \
                     user; apiward could not see credentials read outside the project",
                    d.message
                );
            }
        }
        true
    });
}

/// Whether the code of the crate of file `at`, or of a crate it depends on, reads a
/// credential a browser attaches by itself: it names a cookie, a session layer or extractor
/// of the usual crates, an identity cookie, HTTP Basic auth as a server reads it, or a
/// client certificate (case-insensitive, comments too: reading more keeps the error). Not a
/// bare `session` (a checkout session, an S3 session token), nor an outgoing request's
/// `.basic_auth(..)`.
fn reads_browser_credentials(
    files: &[PathBuf],
    crates: &super::served::CrateGraph,
    at: usize,
) -> bool {
    const WORDS: &[&str] = &[
        "cookie",
        "actix_session",
        "tower_sessions",
        "axum_sessions",
        "sessionlayer",
        "sessionmiddleware",
        "authsession",
        "actix_identity",
        "identitymiddleware",
        "basicauth",
        "authorization<basic",
        "::basic(",
        "\"basic ",
        "peer_cert",
        "client_cert",
        "x509",
        "mtls",
    ];
    (0..files.len())
        .filter(|&j| crates.reaches(at, j))
        .any(|j| {
            apiward_diagnostics::read::read_text(&files[j]).is_ok_and(|t| {
                let lower = t.to_ascii_lowercase();
                WORDS.iter().any(|w| lower.contains(w))
            })
        })
}

pub(crate) fn call(w: &mut Walker<'_, '_>, c: &ExprCall, segs: &[String]) {
    let what = if ends_with(segs, &["CorsLayer", "very_permissive"]) {
        "`CorsLayer::very_permissive()` mirrors every origin and allows credentials: any web site can call the API as the signed-in user"
    } else if ends_with(segs, &["Cors", "permissive"]) {
        "`Cors::permissive()` mirrors every origin, method and header and allows credentials: any web site can call the API as the signed-in user"
    } else {
        return;
    };
    let span = w.span(c);
    hit(w, span, what.to_string());
}

#[derive(PartialEq)]
enum Origin {
    Any,
    Mirror,
}

/// What an `allow_origin(..)`-like call allows.
fn origin_of(m: &ExprMethodCall) -> Option<Origin> {
    let name = m.method.to_string();
    match name.as_str() {
        "allow_any_origin" | "send_wildcard" => Some(Origin::Any),
        "allow_origin" => {
            let arg = peel(m.args.first()?);
            match arg {
                Expr::Path(p) if segments(&p.path).last().is_some_and(|s| s == "Any") => {
                    Some(Origin::Any)
                }
                Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) if s.value() == "*" => Some(Origin::Any),
                Expr::Call(c) => {
                    let segs = segments(call_path(c)?);
                    if ends_with(&segs, &["AllowOrigin", "any"]) {
                        Some(Origin::Any)
                    } else if ends_with(&segs, &["AllowOrigin", "mirror_request"]) {
                        Some(Origin::Mirror)
                    } else if ends_with(&segs, &["AllowOrigin", "predicate"])
                        || ends_with(&segs, &["AllowOrigin", "async_predicate"])
                    {
                        c.args
                            .first()
                            .is_some_and(always_true)
                            .then_some(Origin::Mirror)
                    } else {
                        None
                    }
                }
                _ => None,
            }
        }
        "allowed_origins" => m
            .args
            .first()
            .is_some_and(is_all_origins)
            .then_some(Origin::Any),
        "allowed_origin_fn" => m
            .args
            .first()
            .is_some_and(always_true)
            .then_some(Origin::Mirror),
        _ => None,
    }
}

/// rocket_cors `AllowedOrigins::all()`.
fn is_all_origins(e: &Expr) -> bool {
    matches!(peel(e), Expr::Call(c) if call_path(c)
        .is_some_and(|p| ends_with(&segments(p), &["AllowedOrigins", "all"])))
}

/// A closure whose body is `true`.
fn always_true(e: &Expr) -> bool {
    match peel(e) {
        Expr::Closure(c) => match peel(&c.body) {
            Expr::Block(b) => match b.block.stmts.as_slice() {
                [syn::Stmt::Expr(e, None)] => is_lit_bool(e, true),
                _ => false,
            },
            body => is_lit_bool(body, true),
        },
        _ => false,
    }
}

fn allows_credentials(m: &ExprMethodCall) -> bool {
    match m.method.to_string().as_str() {
        "supports_credentials" => true,
        "allow_credentials" => m.args.first().is_some_and(|a| is_lit_bool(a, true)),
        _ => false,
    }
}

/// The outermost call of a builder chain.
pub(crate) fn builder(w: &mut Walker<'_, '_>, top: &ExprMethodCall) {
    let (root, calls) = chain(top);
    let Some(creds) = calls.iter().find(|m| allows_credentials(m)) else {
        return;
    };
    // rocket_cors: `CorsOptions::default()` allows every origin until told otherwise.
    let rocket_default =
        root_call_segments(root).is_some_and(|s| ends_with(&s, &["CorsOptions", "default"]));
    if rocket_default && !calls.iter().any(|m| m.method == "allowed_origins") {
        let span = w.method_span(creds);
        hit(
            w,
            span,
            "CORS allows credentials and `CorsOptions::default()` allows every origin: every web site can call the API with the user's cookies or tokens".into(),
        );
        return;
    }
    // `CorsLayer::permissive()` allows any origin; credentials on top of it.
    if root_call_segments(root).is_some_and(|s| ends_with(&s, &["CorsLayer", "permissive"])) {
        let span = w.method_span(creds);
        hit(
            w,
            span,
            "CORS allows credentials on top of `CorsLayer::permissive()`, which allows any origin: every web site can call the API with the user's cookies or tokens".into(),
        );
        return;
    }
    for m in &calls {
        let Some(origin) = origin_of(m) else { continue };
        let (shown, what) = match origin {
            Origin::Any => ("any origin", "every web site"),
            Origin::Mirror => ("the caller's origin mirrored back", "every web site"),
        };
        let span = w.method_span(m);
        let msg = format!(
            "CORS allows {shown} together with credentials: {what} can call the API with the user's cookies or tokens"
        );
        hit(w, span, msg);
        return;
    }
}

/// rocket_cors `CorsOptions { allow_credentials: true, .. }` whose origins are all (the
/// default, or `AllowedOrigins::all()`).
pub(crate) fn struct_lit(w: &mut Walker<'_, '_>, s: &ExprStruct) {
    if segments(&s.path).last().is_none_or(|n| n != "CorsOptions") {
        return;
    }
    let field = |name: &str| {
        s.fields
            .iter()
            .find(|f| matches!(&f.member, Member::Named(n) if n == name))
    };
    let Some(creds) = field("allow_credentials").filter(|f| is_lit_bool(&f.expr, true)) else {
        return;
    };
    let at = match field("allowed_origins") {
        Some(o) if is_all_origins(&o.expr) => o,
        Some(_) => return,
        None if s.rest.is_some() => creds,
        None => return,
    };
    let span = w.span(at);
    hit(
        w,
        span,
        "CORS allows every origin together with credentials: every web site can call the API with the user's cookies or tokens".into(),
    );
}

pub(crate) struct PermissiveCors;

impl super::RustRule for PermissiveCors {
    fn rule(&self) -> Rule {
        Rule::PermissiveCors
    }

    fn markers(&self) -> &'static [&'static str] {
        MARKERS
    }

    fn struct_lit(&self, w: &mut Walker<'_, '_>, s: &ExprStruct) {
        struct_lit(w, s);
    }

    fn call(&self, w: &mut Walker<'_, '_>, c: &ExprCall, segs: &[String]) {
        call(w, c, segs);
    }

    fn method(&self, w: &mut Walker<'_, '_>, m: &ExprMethodCall, top: bool) {
        if top {
            // The layers this chain applies, visited before their arguments, and whether the
            // chain brings routers built elsewhere (`.configure(f)`, `.nest(p, api())`,
            // `.service(scope)` of a variable): such a layer is judged by the services the
            // chain's file serves, not by the routes registered in the chain itself.
            let chain_span = w.span(m);
            let (_, calls) = chain(m);
            let brings_routes = calls.iter().any(|c| {
                let name = c.method.to_string();
                matches!(
                    name.as_str(),
                    "nest" | "merge" | "nest_service" | "configure" | "mount" | "attach"
                ) || (name == "service"
                    && c.args.first().is_some_and(
                        |a| matches!(peel(a), Expr::Path(p) if p.path.segments.len() == 1),
                    ))
            });
            for c in &calls {
                if matches!(c.method.to_string().as_str(), "wrap" | "layer") {
                    if let Some(a) = c.args.first() {
                        let arg = w.span(a);
                        w.scratch
                            .entry::<Layers>()
                            .0
                            .push((arg, chain_span, brings_routes));
                    }
                }
            }
            builder(w, m);
        }
    }
}
