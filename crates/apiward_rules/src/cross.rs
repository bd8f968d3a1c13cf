//! Code against spec: each OpenAPI description is paired with the Rust service that should
//! implement it, and their endpoints are compared by method and path shape.
//! `undocumented-endpoint` (served, not described), `unimplemented-endpoint` (described, not
//! served) and `auth-mismatch` (the two disagree on authentication).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use apiward_diagnostics::{Diagnostic, Related};
use apiward_source::{Auth, Inventory, Route, RouteKind};
use apiward_spec::load::Workspace;
use apiward_spec::model::{Api, Operation};
use apiward_spec::tree::Value;

use crate::meta::RuleMeta;
use crate::select::Selection;
use crate::Rule;

/// How specs and services are paired and what is not compared.
#[derive(Debug, Clone, Default)]
pub struct CrossOptions {
    /// Explicit pairs `(spec file, source directory)`, absolute. When empty, each spec pairs
    /// with the Rust crate in its directory or the nearest one above.
    pub services: Vec<(PathBuf, PathBuf)>,
    /// Paths (or prefixes ending in `/`) never reported as undocumented.
    pub ignore_paths: Vec<String>,
    /// The working directory route files are relative to.
    pub cwd: PathBuf,
    /// Routes registered only in a development-environment branch are compared too
    /// (`[rust] dev-routes`).
    pub dev_routes: bool,
}

/// The rules that hold the code's routes against the descriptions.
pub(crate) const RULES: &[Rule] = &[
    Rule::UndocumentedEndpoint,
    Rule::UnimplementedEndpoint,
    Rule::AuthMismatch,
    Rule::IncompleteRouteInventory,
    Rule::SupersededDescription,
    Rule::AmbiguousPairing,
];

/// Paths of routes that operate the service rather than serve the API.
pub const DEFAULT_IGNORED_PATHS: &[&str] = &[
    "/health",
    "/healthz",
    "/health/",
    "/ready",
    "/readyz",
    "/live",
    "/livez",
    "/ping",
    "/metrics",
    "/status",
    "/favicon.ico",
    "/robots.txt",
    "/version",
];

/// `/users/{id}/` → `/users/{}`: parameter names dropped, trailing slash removed.
pub fn path_shape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '{' => {
                if depth == 0 {
                    out.push_str("{}");
                }
                depth += 1;
            }
            '}' if depth > 0 => depth -= 1,
            _ if depth > 0 => {}
            _ => out.push(c),
        }
    }
    while out.len() > 1 && out.ends_with('/') {
        out.pop();
    }
    if !out.starts_with('/') {
        out.insert(0, '/');
    }
    out
}

/// The path part of a server URL (`https://x.example/v1/` → `/v1`), `""` for none.
fn server_prefix(url: &str) -> String {
    let rest = match url.split_once("://") {
        Some((_, r)) => r.split_once('/').map_or("", |(_, p)| p),
        None => url.trim_start_matches('/'),
    };
    let p = rest
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .trim_end_matches('/');
    if p.is_empty() {
        String::new()
    } else {
        format!("/{p}")
    }
}

/// The path prefixes under which the API's paths are served.
fn prefixes(api: &Api) -> Vec<String> {
    // Where the code was found to mount the operations ([`infer_mounts`]): there only (the
    // servers' base is a proxy's; pages at the root with the same paths are another thing).
    if !api.mounts.is_empty() {
        return api.mounts.clone();
    }
    let mut out: Vec<String> = api.servers.iter().map(|s| server_prefix(&s.url)).collect();
    // Code often mounts the API at the root even when servers name a base path.
    out.push(String::new());
    out.sort();
    out.dedup();
    out
}

/// Infers where the code mounts each description's operations when no server of it says
/// (its servers name `/v0`, a proxy's path, and the code serves them under `/api`): the base
/// of one or two leading static segments of the routes under which at least three and at
/// least half of the operations are served (two of a description of two or three), and
/// more than twice as many as under the description's own bases. Kept in
/// [`Api::mounts`], compared as a server's base is.
pub fn infer_mounts(apis: &mut [Api], inv: &Inventory) {
    let routes: Vec<(&Route, String)> = inv
        .routes
        .iter()
        .filter(|r| r.kind == RouteKind::Handler)
        .filter_map(|r| Some((r, compared_shape(&r.path)?)))
        .collect();
    let mut bases: Vec<String> = Vec::new();
    for (r, _) in &routes {
        let segs: Vec<&str> = r
            .path
            .split('/')
            .filter(|s| !s.is_empty())
            .take_while(|s| !s.contains('{'))
            .collect();
        for n in 1..=2 {
            if segs.len() > n {
                let b = format!("/{}", segs[..n].join("/"));
                if !bases.contains(&b) {
                    bases.push(b);
                }
            }
        }
    }
    if bases.is_empty() {
        return;
    }
    for api in apis.iter_mut() {
        let ops = api.operations.len();
        // (Inferred once: a second call finds nothing new.)
        if ops < 2 || !api.mounts.is_empty() {
            continue;
        }
        let served = |api: &Api, pre: &[String]| {
            let shapes = op_shapes(api, pre);
            api.operations
                .iter()
                .zip(&shapes)
                .filter(|(op, sh)| routes.iter().any(|(r, s)| serves(r, s, op, sh)))
                .count()
        };
        let own = prefixes(api);
        let already = served(api, &own);
        let best = bases
            .iter()
            .filter(|b| !own.contains(b))
            .map(|b| (served(api, std::slice::from_ref(b)), b))
            .max_by_key(|(n, _)| *n);
        if let Some((n, b)) = best {
            if (n >= 3 && 2 * n >= ops || n == 2 && 2 * n > ops) && n > 2 * already {
                api.mounts.push(b.clone());
            }
        }
    }
}

/// The part of the URL space a description covers: the static leading segments its
/// operations share (`/api/v1/` when every path starts so), under each base of
/// [`prefixes`]. A description of three or more operations that all sit under `/api/`
/// documents the API, not the pages the same server renders (`/join`, `/panel/..`). `None`
/// when the paths share no segment: the description covers everything.
fn scope(api: &Api, prefixes: &[String]) -> Option<Vec<String>> {
    if api.operations.len() < 3 {
        return None;
    }
    let mut common: Option<Vec<&str>> = None;
    for op in &api.operations {
        let segs: Vec<&str> = op.path.split('/').filter(|s| !s.is_empty()).collect();
        // Leading static segments, the last one excluded (the operation's own name).
        let dir: Vec<&str> = segs[..segs.len().saturating_sub(1)]
            .iter()
            .take_while(|s| !s.contains('{'))
            .copied()
            .collect();
        common = Some(match common {
            None => dir,
            Some(c) => c
                .iter()
                .zip(&dir)
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| *a)
                .collect(),
        });
    }
    let common = common.filter(|c| !c.is_empty())?;
    let tail = common.join("/");
    Some(
        prefixes
            .iter()
            .map(|p| format!("{}/{tail}/", p.trim_end_matches('/')))
            .collect(),
    )
}

/// The base paths every server of a description names (`https://api.example/v2` → `/v2/`),
/// when the code serves routes under one of them: the API is mounted there, and a route
/// outside every base (`/v3/..`, `/_internal/..`) belongs to an API this description does
/// not cover. `None` when a server has no base path or no route sits under one. A path's or
/// an operation's own `servers` speak for that operation only (it is compared as usual).
fn served_bases(api: &Api, served: &[(&Route, String)]) -> Option<Vec<String>> {
    let bases: Vec<String> = api
        .servers
        .iter()
        .filter(|s| s.top_level)
        .map(|s| server_prefix(&s.url))
        .map(|p| format!("{p}/"))
        .collect();
    if bases.is_empty() || bases.iter().any(|b| b == "/") {
        return None;
    }
    served
        .iter()
        .any(|(r, _)| {
            let p = format!("{}/", r.path);
            bases.iter().any(|b| p.starts_with(b.as_str()))
        })
        .then_some(bases)
}

fn absolute(p: &str, cwd: &Path) -> PathBuf {
    let p = Path::new(p);
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        cwd.join(p)
    };
    apiward_spec::load::normalize(&abs)
}

/// The directory whose routes document `spec`: the nearest directory at or above the spec
/// holding a `Cargo.toml`.
fn crate_dir_of(spec: &Path) -> Option<PathBuf> {
    let mut dir = spec.parent();
    while let Some(d) = dir {
        if d.join("Cargo.toml").is_file() {
            return Some(d.to_path_buf());
        }
        dir = d.parent();
    }
    None
}

/// The features each crate builds with by default (its `default` list and the features they
/// turn on), read from its `Cargo.toml` once.
#[derive(Default)]
struct DefaultFeatures(HashMap<PathBuf, Option<HashSet<String>>>);

impl DefaultFeatures {
    /// Whether a route is registered only under a feature its crate does not build by default
    /// (`#[cfg(feature = "profiling")]`): the default build does not serve it, and a
    /// description documents the default build.
    fn off_by_default(&mut self, r: &Route, opts: &CrossOptions) -> bool {
        let Some(feature) = r
            .condition
            .as_deref()
            .and_then(|c| c.strip_prefix("cfg(feature=\""))
            .and_then(|c| c.strip_suffix("\")"))
        else {
            return false;
        };
        let Some(dir) = crate_dir_of(&absolute(&r.registration.file, &opts.cwd)) else {
            return false;
        };
        let on = self
            .0
            .entry(dir)
            .or_insert_with_key(|dir| default_features(&dir.join("Cargo.toml")));
        on.as_ref().is_some_and(|on| !on.contains(feature))
    }
}

/// The features a manifest turns on by default, `None` when it cannot be read.
fn default_features(manifest: &Path) -> Option<HashSet<String>> {
    let text = std::fs::read_to_string(manifest).ok()?;
    let doc: toml::Table = text.parse().ok()?;
    let features = doc.get("features").and_then(|f| f.as_table());
    let mut on = std::collections::HashSet::new();
    let mut todo = vec!["default".to_owned()];
    while let Some(f) = todo.pop() {
        if !on.insert(f.clone()) {
            continue;
        }
        let implied = features
            .and_then(|t| t.get(&f))
            .and_then(|v| v.as_array())
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str())
            // `dep:x` and `other-crate/feature` turn on no feature of this crate.
            .filter(|v| !v.contains(':') && !v.contains('/'));
        todo.extend(implied.map(str::to_owned));
    }
    Some(on)
}

fn ignored(path: &str, opts: &CrossOptions) -> bool {
    let listed = |p: &str| {
        if let Some(prefix) = p.strip_suffix('/') {
            path == prefix || path.starts_with(p)
        } else {
            path == p
        }
    };
    DEFAULT_IGNORED_PATHS.iter().any(|p| listed(p)) || opts.ignore_paths.iter().any(|p| listed(p))
}

fn method_matches(route: &Route, op: &Operation) -> bool {
    route.method == "ANY" || route.method.eq_ignore_ascii_case(op.method)
}

/// Whether the route serves the operation at one of the API's prefixes.
/// The shape of each operation's path under each of the description's prefixes.
fn op_shapes(api: &Api, prefixes: &[String]) -> Vec<Vec<String>> {
    api.operations
        .iter()
        .map(|op| {
            prefixes
                .iter()
                .map(|pre| path_shape(&format!("{pre}{}", op.path)))
                .collect()
        })
        .collect()
}

/// Whether the route (of shape `route_shape`) serves `op`, whose shapes under each of the
/// description's prefixes are `op_shapes`.
fn serves(route: &Route, route_shape: &str, op: &Operation, op_shapes: &[String]) -> bool {
    if !method_matches(route, op) {
        return false;
    }
    op_shapes
        .iter()
        .any(|op_shape| answers(route.kind, &route.path, route_shape, op_shape))
}

/// Whether a route of `kind` at `path` (of shape `route_shape`) answers requests to a path
/// of shape `op_shape`.
fn answers(kind: RouteKind, path: &str, route_shape: &str, op_shape: &str) -> bool {
    // A path ending in a catch-all (`/files/{*rest}`) answers every path below its base.
    let last = path.rsplit('/').next().unwrap_or("");
    let catch_all = last.starts_with("{*");
    // One glued to a literal (`/call{*route}`, actix's `/call{route:.*}`) answers the
    // literal itself and whatever follows it.
    let glued = (!catch_all && last.contains("{*") && last.ends_with('}'))
        .then(|| route_shape.strip_suffix("{}"))
        .flatten();
    let below = |base: &str| {
        let base = base.trim_end_matches('/');
        op_shape.starts_with(base) && op_shape[base.len()..].starts_with('/')
    };
    let base = if catch_all {
        route_shape.strip_suffix("/{}").unwrap_or(route_shape)
    } else {
        route_shape
    };
    match kind {
        RouteKind::Handler => {
            route_shape == op_shape
                || (catch_all && below(base))
                || glued.is_some_and(|g| op_shape.starts_with(g))
        }
        // A mounted service answers its prefix and everything under it.
        RouteKind::Service => op_shape == route_shape || op_shape == base || below(base),
        RouteKind::Fallback => false,
    }
}

/// Whether the description requires credentials for the operation (a requirement list
/// that is present, not empty, and has no empty `{}` alternative).
fn spec_requires_auth(ws: &Workspace, api: &Api, op: &Operation) -> bool {
    let Some(sec) = api.effective_security(op) else {
        return false;
    };
    let items: Vec<_> = ws.items(sec).collect();
    !items.is_empty()
        && !items
            .iter()
            .any(|i| matches!(ws.value(*i), Value::Map(m) if m.is_empty()))
}

struct Ctx<'a> {
    ws: &'a Workspace,
    sel: &'a Selection,
}

impl Ctx<'_> {
    fn spec_diag(&self, meta: &RuleMeta, op: &Operation, message: String) -> Diagnostic {
        let doc = self.ws.doc(op.node.doc);
        let span = doc
            .tree
            .key_span(op.node.node)
            .unwrap_or_else(|| doc.tree.span(op.node.node));
        Diagnostic {
            rule: meta.id.into(),
            owasp: Some(meta.owasp.clone()),
            severity: self.sel.severity(meta),
            message: apiward_diagnostics::bounded(message),
            file: doc.path.clone(),
            range: doc.range(span),
            pointer: Some(doc.tree.pointer(op.node.node)),
            help: Some(meta.help.clone()),
            label: None,
            related: Vec::new(),
            input_error: false,
        }
    }

    fn code_diag(&self, meta: &RuleMeta, route: &Route, message: String) -> Diagnostic {
        Diagnostic {
            rule: meta.id.into(),
            owasp: Some(meta.owasp.clone()),
            severity: self.sel.severity(meta),
            message: apiward_diagnostics::bounded(message),
            file: route.registration.file.clone(),
            range: route.registration.range,
            pointer: None,
            help: Some(meta.help.clone()),
            label: None,
            related: Vec::new(),
            input_error: false,
        }
    }

    fn op_related(&self, op: &Operation, message: &str) -> Related {
        let doc = self.ws.doc(op.node.doc);
        let span = doc
            .tree
            .key_span(op.node.node)
            .unwrap_or_else(|| doc.tree.span(op.node.node));
        Related {
            message: apiward_diagnostics::bounded(message.into()),
            file: doc.path.clone(),
            range: doc.range(span),
            pointer: Some(doc.tree.pointer(op.node.node)),
        }
    }
}

fn route_related(route: &Route, message: &str) -> Related {
    Related {
        message: apiward_diagnostics::bounded(message.into()),
        file: route.registration.file.clone(),
        range: route.registration.range,
        pointer: None,
    }
}

/// Crate directories that several descriptions pair with implicitly (no `[[service]]`),
/// with those descriptions: which one documents the crate cannot be guessed, unless the
/// code embeds one of them (`include_str!("../openapi.yaml")`: the description it serves),
/// which is then the crate's and the others are not paired (listed in `set_aside`).
fn ambiguous(
    ws: &Workspace,
    apis: &[Api],
    inv: &Inventory,
    opts: &CrossOptions,
    unparsed: &[(PathBuf, String)],
    set_aside: &mut Vec<usize>,
) -> Vec<(PathBuf, Vec<usize>)> {
    if !opts.services.is_empty() {
        return Vec::new();
    }
    let embedded: Vec<PathBuf> = inv
        .embedded
        .iter()
        .filter_map(|p| std::fs::canonicalize(opts.cwd.join(p)).ok())
        .collect();
    let mut by_dir: Vec<(PathBuf, Vec<usize>)> = Vec::new();
    for (i, api) in apis.iter().enumerate() {
        if let Some(dir) = crate_dir_of(&ws.doc(api.doc).canonical) {
            match by_dir.iter_mut().find(|(d, _)| *d == dir) {
                Some((_, list)) => list.push(i),
                None => by_dir.push((dir, vec![i])),
            }
        }
    }
    by_dir.retain(|(dir, list)| {
        // A description beside it that could not be parsed may be the one that documents
        // the code (a crate with a client and an admin description, one broken): which
        // one does is as open as with two that parse.
        let broken = unparsed.iter().filter(|(d, _)| d == dir).count();
        if list.len() + broken < 2 {
            return false;
        }
        let served: Vec<usize> = list
            .iter()
            .copied()
            .filter(|&i| embedded.contains(&ws.doc(apis[i].doc).canonical))
            .collect();
        if let [one] = served[..] {
            set_aside.extend(list.iter().copied().filter(|&i| i != one));
            return false;
        }
        // One description written out twice (`spec.json` and `spec.yaml` from one
        // generator): the same operations, the same security schemes; the first documents
        // the code, the others are set aside (their own findings are folded into the
        // first's as the same in a copy).
        if broken == 0 && copies(ws, apis, list) {
            set_aside.extend(list.iter().copied().skip(1));
            return false;
        }
        broken > 0 || !splits_routes(apis, list, inv, dir, opts)
    });
    by_dir
}

/// Whether the descriptions `list` are one written out in several formats: files of one
/// name but for the extension, in one folder (`spec.json`, `spec.yaml`), with the same
/// operations (method and path) and the same security schemes, at least one operation.
/// (Two copies under other names, `public/` and `internal/`, may be meant for different
/// audiences: which one documents the code stays open.)
fn copies(ws: &Workspace, apis: &[Api], list: &[usize]) -> bool {
    let stem = |i: usize| {
        let p = Path::new(ws.doc(apis[i].doc).path.as_str());
        (
            p.parent().map(Path::to_path_buf),
            p.file_stem().map(std::ffi::OsStr::to_os_string),
        )
    };
    let one_name = stem(list[0]);
    if list[1..].iter().any(|&i| stem(i) != one_name) {
        return false;
    }
    let shape = |i: usize| {
        let mut ops: Vec<(&str, &str)> = apis[i]
            .operations
            .iter()
            .map(|o| (o.method, o.path.as_str()))
            .collect();
        ops.sort_unstable();
        let mut schemes: Vec<&str> = apis[i]
            .security_schemes
            .iter()
            .map(|(n, _)| n.as_str())
            .collect();
        schemes.sort_unstable();
        (ops, schemes)
    };
    let first = shape(list[0]);
    !first.0.is_empty() && list[1..].iter().all(|&i| shape(i) == first)
}

/// Whether the descriptions `list` of one crate each document routes of it that no other
/// does, and the routes two of them document (a health check, shared key management) are
/// fewer than those only one does: parts of one service (a v1 and a v2 API, a public and
/// an admin API), each held against the code, not copies to choose from.
fn splits_routes(
    apis: &[Api],
    list: &[usize],
    inv: &Inventory,
    dir: &Path,
    opts: &CrossOptions,
) -> bool {
    let routes: Vec<(&Route, String)> = inv
        .routes
        .iter()
        .filter(|r| {
            r.kind == RouteKind::Handler
                && absolute(&r.registration.file, &opts.cwd).starts_with(dir)
        })
        .filter_map(|r| Some((r, compared_shape(&r.path)?)))
        .collect();
    // For each route, the descriptions documenting it.
    let mut by: Vec<Vec<usize>> = vec![Vec::new(); routes.len()];
    for &i in list {
        let api = &apis[i];
        let shapes = op_shapes(api, &prefixes(api));
        for (n, (r, shape)) in routes.iter().enumerate() {
            if documents_route(api, &shapes, r, shape) {
                by[n].push(i);
            }
        }
    }
    let own = |i: usize| by.iter().any(|d| d[..] == [i]);
    let alone = by.iter().filter(|d| d.len() == 1).count();
    let shared = by.iter().filter(|d| d.len() > 1).count();
    // Two modes of one API (single- and multi-tenant: `/{dataset}/tail` beside
    // `/{account}/{dataset}/tail`) are alternatives, not parts: their own routes are the
    // same endpoints once the leading parameters are left out.
    let mut bare: HashMap<&str, usize> = HashMap::new();
    for ((_, shape), d) in routes.iter().zip(&by) {
        if let [i] = d[..] {
            let b = without_param_prefix(shape).unwrap_or(shape.as_str());
            if bare.insert(b, i).is_some_and(|o| o != i) {
                return false;
            }
        }
    }
    list.iter().all(|&i| own(i)) && shared < alone
}

/// Whether one of `api`'s operations (of shapes `op_shapes`) is served by the route.
fn documents_route(api: &Api, op_shapes: &[Vec<String>], r: &Route, shape: &str) -> bool {
    api.operations
        .iter()
        .zip(op_shapes)
        .any(|(op, shapes)| serves(r, shape, op, shapes))
}

/// The crate directories of the descriptions that could not be parsed, with their paths
/// as shown.
fn unparsed_by_dir(ws: &Workspace, opts: &CrossOptions) -> Vec<(PathBuf, String)> {
    ws.failed_sources
        .iter()
        .filter_map(|(shown, _)| {
            let canonical = std::fs::canonicalize(opts.cwd.join(shown)).ok()?;
            Some((crate_dir_of(&canonical)?, shown.clone()))
        })
        .collect()
}

/// The routes that implement `api`, by explicit pairing or by crate directory.
pub fn paired_routes<'a>(
    ws: &Workspace,
    api: &Api,
    inv: &'a Inventory,
    apis: usize,
    opts: &CrossOptions,
) -> Vec<&'a Route> {
    let routes = placed_routes(ws, api, inv, apis, opts);
    // Found by its place alone, a description that documents none of the routes beside it
    // describes another service (see `unmatched-description`).
    if opts.services.is_empty() && documents_none(api, &routes, opts) {
        return Vec::new();
    }
    routes
}

/// The routes `api` would be held against: those of the `[[service]]` that names it, else
/// those of the services of its crate that it documents.
fn placed_routes<'a>(
    ws: &Workspace,
    api: &Api,
    inv: &'a Inventory,
    apis: usize,
    opts: &CrossOptions,
) -> Vec<&'a Route> {
    let spec = &ws.doc(api.doc).canonical;
    let dir = if opts.services.is_empty() {
        crate_dir_of(spec)
    } else {
        match opts.services.iter().find(|(s, _)| s == spec) {
            Some((_, src)) => Some(src.clone()),
            None => return Vec::new(),
        }
    };
    let routes: Vec<&Route> = match dir {
        Some(d) => inv
            .routes
            .iter()
            .filter(|r| absolute(&r.registration.file, &opts.cwd).starts_with(&d))
            .collect(),
        // A single description with no crate above it documents every route found.
        None if apis == 1 => inv.routes.iter().collect(),
        None => Vec::new(),
    };
    if opts.services.is_empty() {
        documented_services(api, routes, opts)
    } else {
        routes
    }
}

/// A route's shape without the path parameters it starts with (`/{}/{}/config` →
/// `/config`), when it starts with some and goes on after them.
fn without_param_prefix(shape: &str) -> Option<&str> {
    let mut rest = shape;
    while let Some(r) = rest.strip_prefix("/{}") {
        if !r.starts_with('/') {
            break;
        }
        rest = r;
    }
    (rest.len() < shape.len()).then_some(rest)
}

/// The shape a route's path is compared with operations by: a base path known only at run
/// time (`/{?}/api/x`) is left out; `None` for a path with an unknown part elsewhere.
fn compared_shape(path: &str) -> Option<String> {
    match path.strip_prefix("/{?}") {
        Some(rest) if !rest.contains("{?}") => Some(path_shape(rest)),
        _ if path.contains("{?}") => None,
        _ => Some(path_shape(path)),
    }
}

/// The note of a description set aside for documenting none of the routes beside it.
fn unmatched_note(
    ws: &Workspace,
    api: &Api,
    routes: &[&Route],
    opts: &CrossOptions,
    severity: apiward_diagnostics::Severity,
) -> Diagnostic {
    let doc = ws.doc(api.doc);
    let dir = crate_dir_of(&doc.canonical).map_or_else(
        || ".".to_string(),
        |d| {
            let shown = d
                .strip_prefix(&opts.cwd)
                .unwrap_or(&d)
                .display()
                .to_string();
            if shown.is_empty() {
                ".".to_string()
            } else {
                shown
            }
        },
    );
    Diagnostic {
        rule: Rule::UnmatchedDescription.into(),
        owasp: None,
        severity,
        message: format!(
            "`{}` documents none of the {} routes of the Rust crate in `{dir}`: code and spec were not compared",
            doc.path,
            routes.len()
        ),
        file: doc.path.clone(),
        range: doc.range(apiward_diagnostics::Span::new(0, 0)),
        pointer: None,
        help: Some(
            "if it does document this code, say so with `[[service]]` in apiward.toml".into(),
        ),
        label: None,
        related: Vec::new(),
        input_error: false,
    }
}

/// Whether not one route of `routes` that names its path (a handler, not a catch-all or an
/// ignored probe) serves an operation of `api`, while some could: a sibling's published
/// docs, a hosted product's API. A route under a base path known only at run time
/// (`/{?}/api/x`) is compared without it, as [`check`] compares it; one with an unknown part
/// elsewhere names no path.
fn documents_none(api: &Api, routes: &[&Route], opts: &CrossOptions) -> bool {
    let named: Vec<(&Route, String)> = routes
        .iter()
        .filter(|r| {
            r.kind == RouteKind::Handler
                && !ignored(&r.path, opts)
                && !r
                    .path
                    .rsplit('/')
                    .next()
                    .is_some_and(|s| s.starts_with("{*"))
        })
        .filter_map(|r| Some((*r, compared_shape(&r.path)?)))
        .collect();
    if named.is_empty() || api.operations.is_empty() {
        return false;
    }
    let op_shapes = op_shapes(api, &prefixes(api));
    !named.iter().any(|(r, shape)| {
        api.operations
            .iter()
            .zip(&op_shapes)
            .any(|(op, shapes)| serves(r, shape, op, shapes))
    })
}

/// Of the routes under a description's crate, those of the servers it documents, when
/// the crate (a workspace) holds several: the one that serves the most of its operations,
/// and any other that it mostly documents (half its routes or more). A desktop shell's own
/// loopback server, a helper binary beside the documented API, or an internal server the
/// same program runs on another port (its router built by a function of its own) is
/// another server: held against this description, every route of it would be
/// "undocumented". Probes and pages every server has (`/health`, `/metrics`) count for none.
fn documented_services<'a>(
    api: &Api,
    routes: Vec<&'a Route>,
    opts: &CrossOptions,
) -> Vec<&'a Route> {
    fn server(r: &Route) -> (&str, &str) {
        (r.service.as_str(), r.server.0.as_str())
    }
    let mut services: Vec<((&str, &str), usize, usize)> = Vec::new();
    for r in &routes {
        if !services.iter().any(|(s, _, _)| *s == server(r)) {
            services.push((server(r), 0, 0));
        }
    }
    if services.len() < 2 {
        return routes;
    }
    let op_shapes = op_shapes(api, &prefixes(api));
    for r in routes
        .iter()
        .filter(|r| r.kind == RouteKind::Handler && !ignored(&r.path, opts))
    {
        let shape = path_shape(&r.path);
        let documented = api
            .operations
            .iter()
            .zip(&op_shapes)
            .any(|(op, shapes)| serves(r, &shape, op, shapes));
        if let Some(s) = services.iter_mut().find(|(s, _, _)| *s == server(r)) {
            s.1 += 1;
            s.2 += usize::from(documented);
        }
    }
    let best = services.iter().map(|s| s.2).max().unwrap_or(0);
    if best == 0 {
        return routes;
    }
    let kept: Vec<(&str, &str)> = services
        .iter()
        .filter(|(_, all, documented)| *documented == best || 2 * documented >= *all)
        .map(|(s, _, _)| *s)
        .collect();
    routes
        .into_iter()
        .filter(|r| kept.contains(&server(r)))
        .collect()
}

/// The most other endpoints one handler serves beside an operation for them to be its
/// aliases (`PUT` beside `PATCH`, `/list` beside `/`, `/v1/x` beside `/x`).
const MAX_ALIASES: usize = 2;

/// Whether an undocumented route (`method`, `shape`) is another spelling of a documented
/// one its handler also serves: a read beside any method on the same path (`GET` beside a
/// `POST` query), an update beside the other update (`PUT`/`PATCH`); or the same method at
/// a path one segment longer or shorter at either end (`/context/list` beside `/context`,
/// `/v1/embeddings` beside `/embeddings`), or with a format's extension on the last segment
/// (`/items.json` beside `/items`: the same resource in a format chosen by the path). A
/// change of state never rides on a read.
fn aliases(method: &str, shape: &str, doc_method: &str, doc_shape: &str) -> bool {
    fn format_of(s: &str) -> Option<(&str, &str)> {
        s.rsplit_once('.').filter(|(rest, ext)| {
            !rest.ends_with('/')
                && (1..=8).contains(&ext.len())
                && ext.starts_with(|c: char| c.is_ascii_alphabetic())
                && ext.bytes().all(|b| b.is_ascii_alphanumeric())
        })
    }
    if method == doc_method
        && (format_of(shape).is_some_and(|(bare, _)| bare == doc_shape)
            || format_of(doc_shape).is_some_and(|(bare, _)| bare == shape))
    {
        return true;
    }
    if shape == doc_shape {
        return matches!(method, "GET" | "HEAD")
            || (matches!(method, "PUT" | "PATCH") && matches!(doc_method, "PUT" | "PATCH"));
    }
    if method != doc_method {
        return false;
    }
    let segs = |p: &str| -> Vec<String> {
        p.split('/')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    };
    let (a, b) = (segs(shape), segs(doc_shape));
    let (long, short) = if a.len() > b.len() { (a, b) } else { (b, a) };
    long.len() == short.len() + 1 && (long.starts_with(&short) || long.ends_with(&short))
}

/// Runs the cross rules that `sel` enables on every description paired with routes.
pub fn check(
    ws: &Workspace,
    apis: &[Api],
    inv: &Inventory,
    opts: &CrossOptions,
    sel: &Selection,
) -> Vec<Diagnostic> {
    let (undoc, unimpl, auth) = (
        sel.on(Rule::UndocumentedEndpoint),
        sel.on(Rule::UnimplementedEndpoint),
        sel.on(Rule::AuthMismatch),
    );
    if undoc.is_none() && unimpl.is_none() && auth.is_none() {
        return Vec::new();
    }
    let cx = Ctx { ws, sel };
    let mut out = Vec::new();
    let mut set_aside = Vec::new();
    let unparsed = unparsed_by_dir(ws, opts);
    // Every route of the tree with its compared shape, once: an operation a service the
    // description is not paired with serves is implemented all the same (see below).
    let all_served: Vec<(&Route, String)> = match unimpl {
        Some(_) => inv
            .routes
            .iter()
            .filter_map(|r| Some((r, compared_shape(&r.path)?)))
            .collect(),
        None => Vec::new(),
    };
    let ambiguous = ambiguous(ws, apis, inv, opts, &unparsed, &mut set_aside);
    let note = sel.enabled(Rule::AmbiguousPairing);
    for (dir, members) in ambiguous.iter().filter(|_| note) {
        if !inv
            .routes
            .iter()
            .any(|r| absolute(&r.registration.file, &opts.cwd).starts_with(dir))
        {
            continue;
        }
        let first = ws.doc(apis[members[0]].doc);
        let names: Vec<&str> = members
            .iter()
            .map(|i| ws.doc(apis[*i].doc).path.as_str())
            .chain(
                unparsed
                    .iter()
                    .filter(|(d, _)| d == dir)
                    .map(|(_, shown)| shown.as_str()),
            )
            .collect();
        out.push(Diagnostic {
            rule: Rule::AmbiguousPairing.into(),
            owasp: None,
            severity: apiward_diagnostics::Severity::Info,
            message: format!(
                "{} descriptions ({}) pair with the Rust crate in `{}`: code and spec were not compared",
                names.len(),
                names.join(", "),
                dir.display()
            ),
            file: first.path.clone(),
            range: first.range(apiward_diagnostics::Span::new(0, 0)),
            pointer: None,
            help: Some("say which description documents which code with `[[service]]` in apiward.toml".into()),
            label: None,
            related: Vec::new(),
            input_error: false,
        });
    }
    // A route that none of the descriptions of a service's parts documents: reported once,
    // by the first whose part of the URL space holds it.
    let mut split_reported: HashSet<(String, String)> = HashSet::new();
    // The crate directory of each description, looked up once.
    let spec_dirs: Vec<Option<PathBuf>> = apis
        .iter()
        .map(|a| crate_dir_of(&ws.doc(a.doc).canonical))
        .collect();
    for (i, api) in apis.iter().enumerate() {
        if ambiguous.iter().any(|(_, m)| m.contains(&i)) || set_aside.contains(&i) {
            continue;
        }
        let routes = placed_routes(ws, api, inv, apis.len(), opts);
        if opts.services.is_empty() && documents_none(api, &routes, opts) {
            if let Some(meta) = sel.on(Rule::UnmatchedDescription) {
                out.push(unmatched_note(ws, api, &routes, opts, sel.severity(meta)));
            }
            continue;
        }
        if routes.is_empty() {
            continue;
        }
        let spec_name = ws.doc(api.doc).path.clone();
        // The other descriptions of its crate that are paired too document other parts of
        // the service ([`splits_routes`]): their routes are not this one's to document.
        let dir = &spec_dirs[i];
        let siblings: Vec<(usize, &Api, Vec<Vec<String>>)> = apis
            .iter()
            .enumerate()
            .filter(|&(j, _)| {
                j != i
                    && opts.services.is_empty()
                    && !set_aside.contains(&j)
                    && dir.is_some()
                    && spec_dirs[j] == *dir
            })
            .map(|(j, other)| (j, other, op_shapes(other, &prefixes(other))))
            .collect();

        let prefixes = prefixes(api);
        // Shapes computed once, not per comparison. A route under a base path known only at
        // run time (`/{?}/api/x`) may serve `/api/x`: it is compared without its base, but
        // never reported as undocumented.
        let served: Vec<(&Route, String)> = routes
            .iter()
            .copied()
            .filter_map(|r| Some((r, compared_shape(&r.path)?)))
            .collect();
        let op_shapes = op_shapes(api, &prefixes);
        let scope = scope(api, &prefixes);
        // Under a base the code mounts the operations at, found from the routes: the
        // routes outside it (the pages of a site served beside the API) are not this
        // description's.
        let based = if api.mounts.is_empty() {
            served_bases(api, &served)
        } else {
            Some(api.mounts.iter().map(|m| format!("{m}/")).collect())
        };
        let in_scope = |path: &str| {
            let p = format!("{path}/");
            scope
                .as_ref()
                .is_none_or(|bases| bases.iter().any(|b| p.starts_with(b.as_str())))
                && based
                    .as_ref()
                    .is_none_or(|bases| bases.iter().any(|b| p.starts_with(b.as_str())))
        };
        if let Some(meta) = undoc {
            let mut undocumented: HashMap<(&str, &str, &str), usize> = HashMap::new();
            let mut defaults = DefaultFeatures::default();
            for (r, shape) in served
                .iter()
                .filter(|(r, _)| r.kind == RouteKind::Handler && !r.path.contains("{?}"))
            {
                // Documentation pages, probes and the root page are served beside an API,
                // rarely described in it; pages outside the part of the URL space the
                // description covers are not its business.
                // A WebSocket upgrade is a protocol OpenAPI cannot describe. A handler
                // answering only with an HTML page it renders is the site, not the API.
                if ignored(&r.path, opts)
                    || r.websocket
                    || r.page
                    || (r.dev_only && !opts.dev_routes)
                    || defaults.off_by_default(r, opts)
                    || matches!(r.method.as_str(), "OPTIONS" | "HEAD")
                    || crate::public::public_read(&r.method, &r.path)
                    || !in_scope(&r.path)
                    // A description the code builds documents it (a code-first generator's
                    // attribute on the handler): the file beside it may be a subset made
                    // on purpose (an SDK's surface) or another of the service's APIs.
                    || r.code_doc
                {
                    continue;
                }
                let documents =
                    |route: &Route, shape: &str| documents_route(api, &op_shapes, route, shape);
                let documented = |shape: &str| documents(r, shape);
                if documented(shape)
                    || siblings
                        .iter()
                        .any(|(_, other, shapes)| documents_route(other, shapes, r, shape))
                {
                    continue;
                }
                // Another method or path of a documented operation: its handler, with the
                // same auth, serves a route the description has (`#[put]` beside the
                // documented `#[patch]` on one function, `"/list"` beside `""`). A handler
                // serving more endpoints than an operation and its aliases (a proxy, a
                // stub answering many) is no sign of one operation.
                if r.handler.is_some() {
                    let same: Vec<&(&Route, String)> = served
                        .iter()
                        .filter(|(o, _)| o.handler == r.handler && o.kind == RouteKind::Handler)
                        .collect();
                    let endpoints: HashSet<(&str, &str)> = same
                        .iter()
                        .map(|(o, s)| {
                            (
                                o.method.as_str(),
                                without_param_prefix(s).unwrap_or(s.as_str()),
                            )
                        })
                        .collect();
                    if endpoints.len() <= MAX_ALIASES + 1
                        && same.iter().any(|(o, s)| {
                            o.auth == r.auth
                                && (o.method != r.method || o.path != r.path)
                                && aliases(&r.method, shape, &o.method, s)
                                && documents(o, s)
                        })
                    {
                        continue;
                    }
                }
                // One router mounted twice, under a prefix of parameters too
                // (`/{org_id}/{workspace}/config` beside `/config`, the tenant in the path
                // or in headers): the same endpoint, documented or reported once, unprefixed.
                if let Some(bare) = without_param_prefix(shape) {
                    let mounted_bare = served
                        .iter()
                        .any(|(o, s)| o.method == r.method && s.as_str() == bare);
                    if mounted_bare || documented(bare) {
                        continue;
                    }
                }
                // One finding per endpoint: the same method and path registered again (in
                // each arm of a `match` on the model, once per feature) are the same gap in
                // the description, its other registrations named as related.
                if !siblings.is_empty()
                    && !split_reported.insert((r.method.clone(), r.path.clone()))
                {
                    continue;
                }
                let key = (r.service.as_str(), r.method.as_str(), r.path.as_str());
                if let Some(&n) = undocumented.get(&key) {
                    let d: &mut Diagnostic = &mut out[n];
                    d.related.push(Related {
                        message: format!(
                            "also registered here{}",
                            r.handler
                                .as_deref()
                                .map(|h| format!(" ({h})"))
                                .unwrap_or_default()
                        ),
                        file: r.registration.file.clone(),
                        range: r.registration.range,
                        pointer: None,
                    });
                    continue;
                }
                // Not in any of the descriptions of the service's parts.
                let specs = std::iter::once(spec_name.clone())
                    .chain(
                        siblings
                            .iter()
                            .map(|(_, other, _)| ws.doc(other.doc).path.clone()),
                    )
                    .collect::<Vec<_>>()
                    .join("` nor `");
                let msg = crate::fill(
                    &meta.message,
                    &[("method", &r.method), ("path", &r.path), ("spec", &specs)],
                );
                undocumented.insert(key, out.len());
                out.push(cx.code_diag(meta, r, msg));
            }
        }
        // An operation is unimplemented only if no route (even one with a partly unknown
        // path) could serve it, and no registration apiward could not resolve may hold it.
        let unknown_paths = routes
            .iter()
            .any(|r| r.path.contains("{?}") && !r.path.starts_with("/{?}/"))
            // A service that is one fallback handler dispatching by hand (`Router::new()
            // .fallback(any(handle))`): any path may be served there.
            || (routes.iter().all(|r| r.kind != RouteKind::Handler)
                && routes
                    .iter()
                    .any(|r| r.kind == RouteKind::Fallback && r.handler.is_some()));
        // Registrations not resolved in the services of these routes, by the prefix their
        // routes would have (`/` when it could be anywhere), with a trailing slash.
        let services: std::collections::HashSet<&str> = routes
            .iter()
            .map(|r| service_dir(&r.registration.file))
            .collect();
        let unseen: Vec<String> = inv
            .unresolved
            .iter()
            // A crate of a framework apiward does not read may serve any operation.
            .filter(|u| {
                !u.routes_listed
                    && (u.framework.is_some() || services.contains(service_dir(&u.location.file)))
            })
            .map(|u| format!("{}/", u.prefix.trim_end_matches('/')))
            .collect();
        let maybe_unseen = |path: &str| {
            unseen
                .iter()
                .any(|p| p == "/" || format!("{path}/").contains(p.as_str()))
        };
        // Routes of the other services of the tree: an operation one of them serves is
        // implemented here (services run together in one server, a description of the whole
        // platform kept beside one of them), whatever the pairing.
        let paired: std::collections::HashSet<*const Route> =
            routes.iter().map(|r| std::ptr::from_ref(*r)).collect();
        // Operations declaring no required security whose routes require auth: one finding
        // each, or one for the description when it documents security on almost none of its
        // operations (a description silent on auth, not a few operations left out).
        // Each with the operation it is about (`POST /realms`).
        let mut unsaid: Vec<(String, Diagnostic)> = Vec::new();
        // Operations the description secures served by routes without auth, and
        // operations no route serves: one finding each, or one for the description when
        // they say the description is not this code's (see below).
        let mut unguarded: Vec<(String, Diagnostic)> = Vec::new();
        let mut unserved: Vec<(String, Diagnostic)> = Vec::new();
        let requiring = api
            .operations
            .iter()
            .filter(|op| spec_requires_auth(ws, api, op))
            .count();
        for (op, shapes) in api.operations.iter().zip(&op_shapes) {
            let matching: Vec<&Route> = served
                .iter()
                .filter(|(r, shape)| serves(r, shape, op, shapes))
                .map(|(r, _)| *r)
                .collect();
            if matching.is_empty() {
                if let Some(meta) = unimpl {
                    let served_elsewhere = || {
                        all_served.iter().any(|(r, shape)| {
                            !paired.contains(&std::ptr::from_ref(*r))
                                && serves(r, shape, op, shapes)
                        })
                    };
                    if !unknown_paths && !maybe_unseen(&op.path) && !served_elsewhere() {
                        let method = op.method.to_ascii_uppercase();
                        let msg =
                            crate::fill(&meta.message, &[("method", &method), ("path", &op.path)]);
                        unserved
                            .push((format!("{method} {}", op.path), cx.spec_diag(meta, op, msg)));
                    }
                }
                continue;
            }
            let Some(meta) = auth else { continue };
            let requires = spec_requires_auth(ws, api, op);
            let method = op.method.to_ascii_uppercase();
            // Another handler for the same method and path that requires auth (Rocket's
            // ranked routes: the guarded one first, a fallback answering 401 after it).
            let guarded_twin = |r: &Route| {
                matching.iter().any(|o| {
                    o.kind == RouteKind::Handler
                        && o.auth == Auth::Required
                        && o.method == r.method
                        && path_shape(&o.path) == path_shape(&r.path)
                })
            };
            for r in matching.iter().filter(|r| r.kind == RouteKind::Handler) {
                if requires && r.auth == Auth::None && !guarded_twin(r) {
                    let msg = crate::fill(
                        &meta.message,
                        &[
                            ("method", &method),
                            ("path", &op.path),
                            ("spec", &spec_name),
                        ],
                    );
                    let mut d = cx.code_diag(meta, r, msg);
                    d.related
                        .push(cx.op_related(op, "the operation that requires authentication"));
                    unguarded.push((format!("{} {}", r.method, r.path), d));
                } else if requires && r.auth == Auth::Optional {
                    // The code reads credentials but serves a caller without them: the
                    // description's requirement misleads clients, and no 401 comes. A fact
                    // about the documentation, at info.
                    let source = r.auth_source.as_deref().unwrap_or("optional auth");
                    let msg = format!(
                        "`{method} {}` requires authentication in `{spec_name}`, but its route serves callers without credentials too ({source}): the description's requirement is stricter than the code",
                        op.path
                    );
                    let mut d = cx.code_diag(meta, r, msg);
                    d.severity = apiward_diagnostics::Severity::Info;
                    d.related
                        .push(cx.op_related(op, "the operation that requires authentication"));
                    out.push(d);
                } else if !requires && r.auth == Auth::Required {
                    let source = r.auth_source.as_deref().unwrap_or("auth");
                    let msg = format!(
                        "`{method} {}` declares no required security, but the code requires authentication ({source})",
                        op.path
                    );
                    let mut d = cx.spec_diag(meta, op, msg);
                    d.severity = apiward_diagnostics::Severity::Info;
                    d.related
                        .push(route_related(r, "the route that requires authentication"));
                    // Once per operation, whatever number of routes serve it.
                    if !unsaid.iter().any(|(_, u)| u.pointer == d.pointer) {
                        unsaid.push((format!("{method} {}", op.path), d));
                    }
                }
            }
        }
        if let (Some(meta), true) = (
            auth,
            unsaid.len() >= 3 && requiring * 10 <= api.operations.len(),
        ) {
            out.push(undocumented_security(&cx, meta, api, &spec_name, unsaid));
        } else {
            out.extend(unsaid.into_iter().map(|(_, d)| d));
        }
        // Code that reads no credentials on any route, behind a description that requires
        // them: one cause (the description documents a hosted deployment the code is
        // compatible with, or auth happens in front of the service, or nowhere), said once.
        let authenticates = routes
            .iter()
            .any(|r| matches!(r.auth, Auth::Required | Auth::Optional));
        if let (Some(meta), true) = (auth, unguarded.len() >= 3 && !authenticates) {
            out.push(unauthenticated_service(
                &cx, meta, api, &spec_name, unguarded,
            ));
        } else {
            out.extend(unguarded.into_iter().map(|(_, d)| d));
        }
        // Many operations served by no route, a good part of the description: it documents
        // more than this service (a larger or another deployment, a planned API), said once.
        if let (Some(meta), true) = (
            unimpl,
            unserved.len() >= MANY_UNSERVED && unserved.len() * 3 >= api.operations.len(),
        ) {
            out.push(unserved_operations(&cx, meta, api, &spec_name, unserved));
        } else {
            out.extend(unserved.into_iter().map(|(_, d)| d));
        }
    }
    out
}

/// How many unserved operations of one description are reported as one finding (when they
/// are also a third of its operations or more).
const MANY_UNSERVED: usize = 5;

/// `` `GET /a`, `GET /b`, `GET /c` and 4 more ``.
fn first_few(each: &[(String, Diagnostic)]) -> String {
    let shown: Vec<String> = each
        .iter()
        .take(3)
        .map(|(op, _)| format!("`{op}`"))
        .collect();
    let more = each.len().saturating_sub(shown.len());
    if more > 0 {
        format!("{} and {more} more", shown.join(", "))
    } else {
        shown.join(", ")
    }
}

/// One finding at the key `key` of the description (`paths` when it has none), with the
/// findings it stands for as related places.
fn summary(
    cx: &Ctx<'_>,
    meta: &RuleMeta,
    api: &Api,
    key: &str,
    message: String,
    each: Vec<(String, Diagnostic)>,
    related: impl Fn(&str) -> String,
) -> Diagnostic {
    let ws = cx.ws;
    let doc = ws.doc(api.doc);
    let at = [key, "paths"]
        .iter()
        .find_map(|k| ws.get_raw(api.root, k).filter(|p| p.doc == api.doc));
    let (node, span) = match at {
        Some(p) => (
            p,
            doc.tree
                .key_span(p.node)
                .unwrap_or_else(|| doc.tree.span(p.node)),
        ),
        None => (api.root, doc.tree.span(api.root.node)),
    };
    let mut d = each[0].1.clone();
    d.rule = meta.id.into();
    d.message = apiward_diagnostics::bounded(message);
    d.file = doc.path.clone();
    d.range = doc.range(span);
    d.pointer = Some(doc.tree.pointer(node.node));
    d.related = each
        .into_iter()
        .map(|(op, e)| Related {
            message: apiward_diagnostics::bounded(related(&op)),
            file: e.file,
            range: e.range,
            pointer: e.pointer,
        })
        .collect();
    d
}

/// One finding for a description that requires credentials on operations served by a
/// service none of whose routes reads any: at its `security` key, at most a warning, each
/// route a related place.
fn unauthenticated_service(
    cx: &Ctx<'_>,
    meta: &RuleMeta,
    api: &Api,
    spec_name: &str,
    each: Vec<(String, Diagnostic)>,
) -> Diagnostic {
    let hosts: Vec<String> = api
        .servers
        .iter()
        .filter(|s| s.top_level)
        .filter_map(|s| {
            let host = s.url.split("://").nth(1)?.split(['/', ':']).next()?;
            (!host.is_empty() && !matches!(host, "localhost" | "127.0.0.1" | "0.0.0.0"))
                .then(|| format!("`{host}`"))
        })
        .take(3)
        .collect();
    let deployment = if hosts.is_empty() {
        "another deployment".to_string()
    } else {
        format!("another deployment (its servers: {})", hosts.join(", "))
    };
    let n = each.len();
    let message = format!(
        "`{spec_name}` requires authentication on the operations of {n} routes of the paired service ({}), but no route of the service reads credentials: the service is open to anyone, or authentication happens in front of it, or the description documents {deployment}",
        first_few(&each)
    );
    let mut d = summary(cx, meta, api, "security", message, each, |r| {
        format!("`{r}` is served without credentials")
    });
    d.severity = d.severity.min(apiward_diagnostics::Severity::Warning);
    d
}

/// One finding for a description many of whose operations no route serves: at its `paths`
/// key, each operation a related place.
fn unserved_operations(
    cx: &Ctx<'_>,
    meta: &RuleMeta,
    api: &Api,
    spec_name: &str,
    each: Vec<(String, Diagnostic)>,
) -> Diagnostic {
    let (n, of) = (each.len(), api.operations.len());
    let message = format!(
        "`{spec_name}` documents {n} of its {of} operations that no route of the paired service serves ({}): the description documents more than this service (another or a larger deployment, a planned API), or the routes are missing",
        first_few(&each)
    );
    summary(cx, meta, api, "paths", message, each, |op| {
        format!("`{op}` is served by no route")
    })
}

/// One finding for a description that declares security on (almost) none of the
/// operations whose routes require authentication: at its `paths` key, naming how many and
/// the first few, each operation a related place.
fn undocumented_security(
    cx: &Ctx<'_>,
    meta: &RuleMeta,
    api: &Api,
    spec_name: &str,
    each: Vec<(String, Diagnostic)>,
) -> Diagnostic {
    let n = each.len();
    let message = format!(
        "`{spec_name}` declares no required security on {n} operations whose routes require authentication ({}): the description does not say how clients authenticate",
        first_few(&each)
    );
    summary(cx, meta, api, "paths", message, each, |op| {
        format!("`{op}` declares no required security")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_of_an_operation() {
        // Another method on the same path: a read, or the other update.
        assert!(aliases("GET", "/config", "POST", "/config"));
        assert!(aliases("PUT", "/items/{}", "PATCH", "/items/{}"));
        assert!(!aliases("DELETE", "/items/{}", "GET", "/items/{}"));
        assert!(!aliases("POST", "/items", "GET", "/items"));
        // The same method one segment away at either end.
        assert!(aliases("GET", "/context/list", "GET", "/context"));
        assert!(aliases("POST", "/v1/embeddings", "POST", "/embeddings"));
        assert!(aliases("GET", "/groups/{}", "GET", "/groups/{}/{}"));
        // Another resource is not an alias (a generic handler, `list::<Teams>`).
        assert!(!aliases("GET", "/teams", "GET", "/users"));
        assert!(aliases(
            "GET",
            "/collections/{}/items.json",
            "GET",
            "/collections/{}/items"
        ));
        assert!(aliases(
            "GET",
            "/collections/{}",
            "GET",
            "/collections/{}.json"
        ));
        assert!(!aliases("DELETE", "/items.json", "GET", "/items"));
        assert!(!aliases("GET", "/api/v1.2", "GET", "/api/v1"));
        assert!(!aliases("GET", "/schema/2.0", "GET", "/schema/2"));
        assert!(!aliases("GET", "/a/b/c", "GET", "/a"));
    }

    #[test]
    fn shapes() {
        assert_eq!(path_shape("/users/{id}/"), "/users/{}");
        assert_eq!(path_shape("/a/{slug}"), path_shape("/a/{id}"));
        assert_eq!(path_shape("/files/{name}.json"), "/files/{}.json");
        assert_eq!(path_shape("/"), "/");
        assert_eq!(path_shape("users"), "/users");
    }

    #[test]
    fn catch_alls_answer_below() {
        let h = RouteKind::Handler;
        let s = RouteKind::Service;
        assert!(answers(h, "/files/{*rest}", "/files/{}", "/files/{}/raw"));
        assert!(answers(h, "/files/{*rest}", "/files/{}", "/files/{}"));
        assert!(!answers(h, "/files/{*rest}", "/files/{}", "/filesystem"));
        assert!(!answers(h, "/files/{id}", "/files/{}", "/files/{}/raw"));
        assert!(answers(s, "/assets/{*path}", "/assets/{}", "/assets"));
        assert!(answers(
            s,
            "/assets/{*path}",
            "/assets/{}",
            "/assets/app.js"
        ));
        assert!(answers(s, "/mcp", "/mcp", "/mcp/tools"));
        assert!(!answers(RouteKind::Fallback, "/{*path}", "/{}", "/x"));
        // A catch-all glued to a literal: the literal, and what follows it.
        let glued = ("/p/{id}/call{*route}", "/p/{}/call{}");
        assert!(answers(h, glued.0, glued.1, "/p/{}/call"));
        assert!(answers(h, glued.0, glued.1, "/p/{}/call/x/y"));
        assert!(!answers(h, glued.0, glued.1, "/p/{}/cal"));
        assert!(!answers(h, glued.0, glued.1, "/p/{}"));
    }

    #[test]
    fn server_prefixes() {
        assert_eq!(server_prefix("https://api.example.com/v1/"), "/v1");
        assert_eq!(server_prefix("https://api.example.com"), "");
        assert_eq!(server_prefix("/api"), "/api");
        assert_eq!(server_prefix("http://localhost:8080/api/v2?x=1"), "/api/v2");
    }
}

/// The service a file belongs to: the folder that holds its `src/` (or the file's own).
fn service_dir(file: &str) -> &str {
    match file.rfind("/src/") {
        Some(i) => &file[..i],
        None if file.starts_with("src/") => ".",
        // A file at the root (`Cargo.toml`, a `main.rs` a manifest names) is the root's.
        None => file.rsplit_once('/').map_or(".", |(dir, _)| dir),
    }
}

/// `incomplete-route-inventory`: one info finding per service whose route list misses
/// registrations apiward could not resolve, at the first of them.
pub fn incomplete_inventory(inv: &Inventory, sel: &Selection) -> Vec<Diagnostic> {
    let Some(meta) = sel.on(Rule::IncompleteRouteInventory) else {
        return Vec::new();
    };
    let mut groups: Vec<(String, Vec<&apiward_source::Unresolved>)> = Vec::new();
    // A base path known only at run time hides no route: those below it are listed.
    // The crates that define routes with a framework apiward does not read: one finding per
    // framework, whatever the number of crates.
    // (Nor does one in test support: a test harness's app, `test-context/src/call.rs`,
    // judged from its crate's own folder on, not from where the project is checked out.)
    let in_test_support = |file: &str| {
        let dir = service_dir(file);
        let crate_folder = Path::new(dir).file_name().map(Path::new);
        let inside = file.strip_prefix(dir).unwrap_or(file);
        crate_folder.is_some_and(apiward_source::test_like)
            || apiward_source::test_like(Path::new(inside))
    };
    for u in inv.unresolved.iter().filter(|u| {
        !u.routes_listed && (u.framework.is_some() || !in_test_support(&u.location.file))
    }) {
        let s = if let Some(f) = &u.framework {
            format!("\0{f}")
        } else if u.service.is_empty() {
            service_dir(&u.location.file).to_string()
        } else {
            u.service.clone()
        };
        match groups.iter_mut().find(|(k, _)| *k == s) {
            Some((_, v)) => v.push(u),
            None => groups.push((s, vec![u])),
        }
    }
    groups
        .into_iter()
        .map(|(svc, list)| {
            let first = list[0];
            let shown = if svc.is_empty() { "." } else { svc.as_str() };
            let message = match &first.framework {
                Some(f) => {
                    let mut crates: Vec<String> = list
                        .iter()
                        .take(3)
                        .map(|u| format!("`{}`", u.service))
                        .collect();
                    if list.len() > 3 {
                        crates.push(format!("and {} more", list.len() - 3));
                    }
                    let (verb, their) = if list.len() == 1 {
                        ("defines", "its")
                    } else {
                        ("define", "their")
                    };
                    format!(
                        "{} {verb} routes with {f}, a web framework apiward does not read: {their} routes are not listed nor compared with a description",
                        crates.join(", "),
                    )
                }
                None => crate::fill(
                    &meta.message,
                    &[("count", &list.len().to_string()), ("service", shown)],
                ),
            };
            Diagnostic {
                rule: meta.id.into(),
                owasp: Some(meta.owasp.clone()),
                severity: sel.severity(meta),
                message,
                file: first.location.file.clone(),
                range: first.location.range,
                pointer: None,
                help: Some(match &first.framework {
                    Some(_) => "apiward lists the routes of axum, actix-web, Rocket and poem: what it says about routes (missing auth, endpoints served but not documented or documented but not served) does not cover these crates".into(),
                    None => meta.help.clone(),
                }),
                label: Some(first.reason.clone()),
                related: list[1..]
                    .iter()
                    .take(20)
                    .map(|u| Related {
                        message: u.reason.clone(),
                        file: u.location.file.clone(),
                        range: u.location.range,
                        pointer: None,
                    })
                    .collect(),
                input_error: false,
            }
        })
        .collect()
}

/// The operation of a paired description that documents a route.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DocumentedBy {
    /// The description's file.
    pub spec: String,
    /// `GET /users/{id}` as the description writes it.
    pub operation: String,
    pub pointer: String,
}

/// For each description of `apis`: whether it is paired with routes of `inv`.
pub fn paired(ws: &Workspace, apis: &[Api], inv: &Inventory, opts: &CrossOptions) -> Vec<bool> {
    let mut set_aside = Vec::new();
    let unparsed = unparsed_by_dir(ws, opts);
    let ambiguous = ambiguous(ws, apis, inv, opts, &unparsed, &mut set_aside);
    apis.iter()
        .enumerate()
        .map(|(i, api)| {
            let unpaired = ambiguous.iter().any(|(_, m)| m.contains(&i)) || set_aside.contains(&i);
            !unpaired && !paired_routes(ws, api, inv, apis.len(), opts).is_empty()
        })
        .collect()
}

/// Calls `f` with each route of `inv` paired with a description (its index) and the
/// operation of that description that documents it, if any.
fn each_paired(
    ws: &Workspace,
    apis: &[Api],
    inv: &Inventory,
    opts: &CrossOptions,
    mut f: impl FnMut(usize, &Api, Option<&Operation>),
) {
    let mut set_aside = Vec::new();
    let unparsed = unparsed_by_dir(ws, opts);
    let ambiguous = ambiguous(ws, apis, inv, opts, &unparsed, &mut set_aside);
    for (i, api) in apis.iter().enumerate() {
        if ambiguous.iter().any(|(_, m)| m.contains(&i)) || set_aside.contains(&i) {
            continue;
        }
        let paired = paired_routes(ws, api, inv, apis.len(), opts);
        let op_shapes = op_shapes(api, &prefixes(api));
        for r in paired {
            let Some(i) = inv.routes.iter().position(|x| std::ptr::eq(x, r)) else {
                continue;
            };
            let shape = compared_shape(&r.path).unwrap_or_else(|| path_shape(&r.path));
            let found = api
                .operations
                .iter()
                .zip(&op_shapes)
                .find(|(op, shapes)| serves(r, &shape, op, shapes))
                .map(|(op, _)| op);
            f(i, api, found);
        }
    }
}

/// For each route of `inv` (same order): `None` when no description is paired with it,
/// `Some(None)` when one is but no operation matches, `Some(Some(op))` when `op` documents it.
pub fn documentation(
    ws: &Workspace,
    apis: &[Api],
    inv: &Inventory,
    opts: &CrossOptions,
) -> Vec<Option<Option<DocumentedBy>>> {
    let mut out: Vec<Option<Option<DocumentedBy>>> = vec![None; inv.routes.len()];
    each_paired(ws, apis, inv, opts, |i, api, op| {
        let found = op.map(|op| {
            let op_doc = ws.doc(op.node.doc);
            DocumentedBy {
                spec: ws.doc(api.doc).path.clone(),
                operation: format!("{} {}", op.method.to_ascii_uppercase(), op.path),
                pointer: op_doc.tree.pointer(op.node.node),
            }
        });
        match (&out[i], found) {
            (Some(Some(_)), _) => {}
            (_, f) => out[i] = Some(f),
        }
    });
    out
}

/// Findings of a description about an operation's auth that the code behind it answers
/// (issue 15): where every route documenting the operation reads no credentials, the code
/// never answers 401 there, so `missing-401-response` is not reported (a security
/// requirement the code does not enforce is `auth-mismatch`'s). A read (`GET`, `HEAD`) whose
/// routes read who calls when credentials come and serve everyone else (`optional`), or read
/// no credentials at all, is public by design, the description and the code agreeing:
/// `missing-auth` is not reported (a read under an admin path still is). Writes keep their
/// findings.
pub fn judge_by_routes(
    ws: &Workspace,
    apis: &[Api],
    inv: &Inventory,
    opts: &CrossOptions,
    diags: &mut Vec<Diagnostic>,
) {
    if !diags
        .iter()
        .any(|d| d.rule == Rule::Missing401Response || d.rule == Rule::MissingAuth)
    {
        return;
    }
    // The method of each operation documenting handlers, by its file and pointer, with the
    // auth of those handlers (and their index).
    type Documented = (&'static str, Vec<(Auth, usize)>);
    let mut by_op: HashMap<(String, String), Documented> = HashMap::new();
    each_paired(ws, apis, inv, opts, |i, _, op| {
        let (Some(op), r) = (op, &inv.routes[i]) else {
            return;
        };
        if r.kind != RouteKind::Handler {
            return;
        }
        let doc = ws.doc(op.node.doc);
        by_op
            .entry((doc.path.clone(), doc.tree.pointer(op.node.node)))
            .or_insert((op.method, Vec::new()))
            .1
            .push((r.auth, i));
    });
    let op_of = |d: &Diagnostic| {
        let p = d.pointer.as_deref()?;
        std::iter::once(p.len())
            .chain(memchr::memrchr_iter(b'/', p.as_bytes()))
            .find_map(|end| by_op.get(&(d.file.clone(), p[..end].to_string())))
    };
    // The operation's path, from the pointer `/paths/~1admin~1users/post`.
    let under_admin = |d: &Diagnostic| {
        d.pointer
            .as_deref()
            .and_then(|p| p.strip_prefix("/paths/"))
            .and_then(|p| p.split('/').next())
            .is_some_and(|p| {
                crate::public::privileged_segment(&p.replace("~1", "/").replace("~0", "~"))
                    .is_some()
            })
    };
    diags.retain(|d| {
        let Some((method, auths)) = op_of(d) else {
            return true;
        };
        let all = |a: Auth| auths.iter().all(|(x, _)| *x == a);
        // A route that reads no credentials, or serves a caller without them (optional
        // auth), does not answer 401 for want of them.
        if d.rule == Rule::Missing401Response {
            return !auths
                .iter()
                .all(|(x, _)| matches!(x, Auth::None | Auth::Optional));
        }
        if d.rule != Rule::MissingAuth {
            return true;
        }
        // Optional auth: the code reads the caller's credentials and serves one without
        // them on purpose (a public lookup that shows more to its owner), also by `POST`;
        // under an admin path the finding stays.
        if all(Auth::Optional) && !under_admin(d) {
            return false;
        }
        if !matches!(*method, "get" | "head") {
            return true;
        }
        // A plain read whose routes read no credentials, whatever its severity (one under
        // an admin path stays): a `401` the description lists is not what it answers (the
        // note that it expects credentials goes too).
        !all(Auth::None) || under_admin(d)
    });
}
