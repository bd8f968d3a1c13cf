//! `unauthenticated-route`: a route whose auth is `none` (its handler takes no auth
//! extractor or guard, and no auth middleware encloses it) that changes state (`POST`,
//! `PUT`, `PATCH`, `DELETE`) or sits under an admin, internal, debug or management path.
//!
//! Public flows are not findings: a path segment that names a login, registration, token,
//! password reset, OAuth callback, webhook or health check exempts the route. Routes whose
//! auth is `unknown` (handler not seen) or `optional` are never findings.
//!
//! Reported at the registration (the handler reference in `post(h)`, `.service(h)`,
//! `routes![h]`). Not yet: a config allowlist of public paths (use
//! `// apiward: ignore[unauthenticated-route] -- reason` on the registration line meanwhile).

use apiward_diagnostics::Diagnostic;
use apiward_source::{Auth, Inventory, Route, RouteKind};

use crate::meta::RuleMeta;
use crate::public::{changes_state, is_public_flow, privileged_segment};
use crate::select::Selection;
use crate::Rule;

/// Why the route needs authentication, if it does.
fn reason(route: &Route) -> Option<String> {
    if route.kind != RouteKind::Handler || route.auth != Auth::None {
        return None;
    }
    // Development-only code (`cfg(debug_assertions)`, `cfg(test)`) is not served.
    if route
        .condition
        .as_deref()
        .is_some_and(|c| c.contains("debug_assertions") || c.contains("test"))
    {
        return None;
    }
    let handler_name = route
        .handler
        .as_deref()
        .map(|h| h.rsplit("::").next().unwrap_or(h));
    if is_public_flow(&route.path)
        || handler_name.is_some_and(apiward_source::auth::entry_point_name)
    {
        return None;
    }
    if let Some(seg) = privileged_segment(&route.path) {
        return Some(format!("sits under `/{seg}`"));
    }
    if changes_state(&route.method) {
        return Some("changes state".into());
    }
    None
}

/// Whether `path` is listed as public: equal to an entry, or under one ending in `/`.
fn listed_public(path: &str, public: &[String]) -> bool {
    public.iter().any(|p| match p.strip_suffix('/') {
        Some(prefix) => path == prefix || path.starts_with(p.as_str()),
        None => path == p,
    })
}

pub(crate) fn check(
    inv: &Inventory,
    meta: &'static RuleMeta,
    sel: &Selection,
    public: &[String],
) -> Vec<Diagnostic> {
    inv.routes
        .iter()
        .filter(|r| !listed_public(&r.path, public))
        .filter_map(|r| {
            let why = reason(r)?;
            let handler = r
                .handler
                .as_deref()
                .map(|h| format!(" (handler `{}`)", h.rsplit("::").next().unwrap_or(h)))
                .unwrap_or_default();
            let message = format!(
                "`{} {}` {why} and no authentication applies to it{handler}: no auth extractor, guard or middleware",
                r.method, r.path
            );
            Some(super::diagnostic(
                meta,
                sel,
                r.registration.file.clone(),
                r.registration.range,
                message,
            ))
        })
        .collect()
}

pub(crate) struct UnauthenticatedRoute;

impl super::RustRule for UnauthenticatedRoute {
    fn rule(&self) -> Rule {
        Rule::UnauthenticatedRoute
    }

    /// None: the rule reads the route inventory, not the syntax.
    fn markers(&self) -> &'static [&'static str] {
        &[]
    }

    fn routes(
        &self,
        inv: &Inventory,
        sel: &Selection,
        opts: &super::RustRuleOptions,
    ) -> Vec<Diagnostic> {
        check(
            inv,
            crate::rule(Rule::UnauthenticatedRoute),
            sel,
            &opts.public_paths,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn development_only_routes_are_not_reported() {
        let pos = apiward_diagnostics::Position {
            line: 1,
            column: 1,
            offset: 0,
        };
        let loc = apiward_source::Location {
            file: "src/main.rs".into(),
            range: apiward_diagnostics::Range {
                start: pos,
                end: pos,
            },
        };
        let route = |path: &str, condition: Option<&str>| Route {
            method: "DELETE".into(),
            path: path.into(),
            handler: None,
            framework: apiward_source::Framework::Axum,
            kind: RouteKind::Handler,
            registration: loc.clone(),
            handler_location: None,
            auth: Auth::None,
            auth_source: None,
            condition: condition.map(String::from),
            dev_only: false,
            service: "svc".into(),
            server: apiward_source::Server("svc::main".into()),
            websocket: false,
            page: false,
            code_doc: false,
        };
        assert!(reason(&route("/items/{id}", None)).is_some());
        assert!(reason(&route("/items/{id}", Some("cfg(feature=\"x\")"))).is_some());
        assert!(reason(&route("/items/{id}", Some("cfg(debug_assertions)"))).is_none());
        // A base path known only at run time does not make the route public.
        assert!(reason(&route("/{?}/items/{id}", None)).is_some());
        // Sign-in handlers and federation inboxes are public by nature, under /admin too.
        let named = |path: &str, handler: &str| Route {
            handler: Some(handler.into()),
            ..route(path, None)
        };
        assert!(reason(&named("/admin", "svc::admin::post_admin_login")).is_none());
        assert!(reason(&named("/inbox", "svc::ap::shared_inbox")).is_none());
        assert!(reason(&named("/admin", "svc::admin::delete_user")).is_some());
    }
}
