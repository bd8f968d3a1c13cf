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

use std::collections::HashMap;
use std::path::PathBuf;

use apiward_diagnostics::{Diagnostic, Span};
use apiward_source::{Auth, Inventory};
use syn::{Expr, ExprCall, ExprMethodCall, ExprStruct, Member};

use super::{call_path, chain, ends_with, is_lit_bool, peel, root_call_segments, segments, Walker};
use crate::Rule;

pub(crate) const MARKERS: &[&str] = &["Cors", "cors"];

/// While a file is walked: the layers of its chains, each a `.wrap(..)`/`.layer(..)`
/// argument and the chain (scope, router) it is applied in.
#[derive(Default)]
struct Layers(Vec<(Span, Span)>);

/// What a file leaves for the end of the run: for a finding (by its start) whose CORS
/// layer sits in a `.wrap(..)`/`.layer(..)` of a chain, that chain's span, which holds the
/// registrations of the routes the layer covers.
#[derive(Debug, Default)]
pub(crate) struct Facts {
    pub scopes: Vec<(u32, Span)>,
}

/// Each finding's chain by its file (as reported) and start, from the files' [`Facts`]; read
/// before the facts go to the findings.
pub(crate) fn scopes(
    facts: &[Option<super::FileFacts>],
    files: &[PathBuf],
) -> HashMap<(String, u32), Span> {
    facts
        .iter()
        .enumerate()
        .filter_map(|(i, f)| Some((i, f.as_ref()?.rules.get::<Facts>()?)))
        .flat_map(|(i, f)| {
            let file = apiward_diagnostics::display_path(&files[i]);
            f.scopes
                .iter()
                .map(move |(at, chain)| ((file.clone(), *at), *chain))
        })
        .collect()
}

/// Records a finding and, when its layer is applied in a chain, the chain.
fn hit(w: &mut Walker<'_, '_>, span: Span, message: String) {
    let chain = w.scratch.get::<Layers>().and_then(|l| {
        l.0.iter()
            .filter(|(arg, _)| arg.start <= span.start && span.end <= arg.end)
            .min_by_key(|(arg, _)| arg.end - arg.start)
            .map(|(_, chain)| *chain)
    });
    if let Some(chain) = chain {
        w.out
            .rules
            .entry::<Facts>()
            .scopes
            .push((span.start, chain));
    }
    w.hit(Rule::PermissiveCors, span, message);
}

/// Leaves out the findings whose layer covers only open routes (`none`: no route requires,
/// reads or may read credentials): those registered in the chain the layer is applied in
/// (an actix scope, an axum router), else every route of the crate's service. With no
/// credentials to send, allowing them changes nothing: the layer is `allow_origin(Any)`
/// alone, a public API's setting, which the rule does not report either. `scopes` holds
/// each finding's chain by its file and start ([`Facts`]).
pub(crate) fn drop_open_services(
    found: &mut Vec<Diagnostic>,
    inv: &Inventory,
    files: &[PathBuf],
    crates: &super::served::CrateGraph,
    scopes: &HashMap<(String, u32), Span>,
) {
    if !found.iter().any(|d| d.rule == Rule::PermissiveCors) {
        return;
    }
    let index: HashMap<String, usize> = files
        .iter()
        .enumerate()
        .map(|(i, f)| (apiward_diagnostics::display_path(f), i))
        .collect();
    // Per service (the crate that builds the server): whether every route is open.
    let mut open: HashMap<&str, bool> = HashMap::new();
    for r in &inv.routes {
        let all = open.entry(r.service.as_str()).or_insert(true);
        *all &= r.auth == Auth::None;
    }
    found.retain(|d| {
        if d.rule != Rule::PermissiveCors {
            return true;
        }
        // The routes registered in the layer's chain, if it has one that registers any.
        let under: Vec<&apiward_source::Route> = scopes
            .get(&(d.file.clone(), d.range.start.offset))
            .map(|chain| {
                inv.routes
                    .iter()
                    .filter(|r| {
                        r.registration.file == d.file
                            && (chain.start..chain.end).contains(&r.registration.range.start.offset)
                    })
                    .collect()
            })
            .unwrap_or_default();
        let all_open = if under.is_empty() {
            let service = index.get(&d.file).and_then(|&i| crates.crate_name(i));
            service.and_then(|c| open.get(c)).copied() == Some(true)
        } else {
            under.iter().all(|r| r.auth == Auth::None)
        };
        !all_open
    });
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
            // The layers this chain applies, visited before their arguments; only in a chain
            // that registers its routes itself (not one nesting or merging routers built
            // elsewhere, `.configure(f)`, `.service(scope)` of a variable): else the layer
            // is judged by its service.
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
            if brings_routes {
                builder(w, m);
                return;
            }
            for c in calls {
                if matches!(c.method.to_string().as_str(), "wrap" | "layer") {
                    if let Some(a) = c.args.first() {
                        let arg = w.span(a);
                        w.scratch.entry::<Layers>().0.push((arg, chain_span));
                    }
                }
            }
            builder(w, m);
        }
    }
}
