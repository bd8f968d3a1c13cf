//! Abstract evaluation of router-building code.
//!
//! Every function that may build routes is evaluated on a small value domain (strings,
//! routers, method routers, Rocket route lists, function references, middleware). Calls to
//! project functions are followed (arguments bound to parameters), so a router assembled
//! across functions, modules and crates composes its prefixes. Routers a function builds and
//! does not hand to another router are its outputs; the outputs of functions no other
//! evaluated function calls (the roots: `main`, `#[launch]`, an unused `app()`) are the
//! inventory.

use std::collections::{BTreeMap, HashMap, HashSet};

/// Prefix of middleware descriptions that apply only under a runtime condition.
const CONDITIONAL: &str = "conditional ";
/// Prefix of middleware descriptions that authenticate callers who bring credentials and
/// let the others through.
const OPTIONAL: &str = "optional ";

use apiward_diagnostics::Span;

use crate::auth::{name_says_auth, param_auth, ParamAuth};
use crate::cond;
use crate::ir::{Block, Closure, Ex, Param, Pat, Stmt};
use crate::path::{join_concat, join_nest, normalize_path};
use crate::project::{key, Project};
use crate::{Auth, Framework, Location, Route, RouteKind};

/// Evaluation steps allowed in total; a safety net against pathological code.
const BUDGET: u64 = 5_000_000;
const MAX_DEPTH: usize = 32;
/// Items of a route table a `for` loop is evaluated for.
const MAX_LOOP_ITEMS: usize = 4096;

const METHODS: &[&str] = &[
    "get", "post", "put", "delete", "patch", "head", "options", "trace", "connect",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct Loc {
    file: usize,
    span: Span,
}

#[derive(Clone, Debug)]
enum HRef<'p> {
    Fn(usize),
    Closure(&'p Closure, usize),
    Service(String),
    Unknown,
}

#[derive(Clone, Debug)]
struct Entry<'p> {
    method: String,
    path: String,
    handler: HRef<'p>,
    fw: Framework,
    kind: RouteKind,
    reg: Loc,
    mw: Vec<String>,
    /// The condition it is registered under (`cfg(feature="x")`), if any.
    cond: Option<String>,
    /// When it was registered into its router, in the order of evaluation: a middleware
    /// added in an `if`/`match` arm holds unconditionally only for the routes registered
    /// since that arm began.
    seq: u64,
    /// Registered through a code-first generator that documents what it registers
    /// (utoipa-axum's `routes!`, aide's `api_route`).
    code_doc: bool,
}

impl<'p> Entry<'p> {
    /// A handler's route, with no middleware or condition of its own yet.
    fn handler(method: String, path: String, handler: HRef<'p>, fw: Framework, reg: Loc) -> Self {
        Entry {
            method,
            path,
            handler,
            fw,
            kind: RouteKind::Handler,
            reg,
            mw: Vec::new(),
            cond: None,
            seq: 0,
            code_doc: false,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum RvKind {
    Axum,
    ActixApp,
    ActixScope,
    ActixResource,
    ActixConfig,
    Rocket,
    /// poem's `Route`, and poem-openapi's `OpenApiService` (an endpoint of the operations
    /// of the APIs it is given).
    Poem,
}

impl RvKind {
    /// The framework whose router this is.
    fn framework(self) -> Framework {
        match self {
            RvKind::Axum => Framework::Axum,
            RvKind::Rocket => Framework::Rocket,
            RvKind::Poem => Framework::Poem,
            _ => Framework::ActixWeb,
        }
    }

    fn is_actix(self) -> bool {
        matches!(
            self,
            RvKind::ActixApp | RvKind::ActixScope | RvKind::ActixResource | RvKind::ActixConfig
        )
    }
}

#[derive(Clone, Debug)]
struct Rv<'p> {
    id: u64,
    kind: RvKind,
    /// Scope or resource path (actix); empty otherwise.
    prefix: String,
    /// The other paths of a resource given several (`web::resource(["/a/{x}", "/a"])`).
    alt_prefixes: Vec<String>,
    /// Shared with the copy kept among the frame's outputs (cheap to clone; copied on write
    /// only while that copy is alive, so a chain of `.route(..)` calls is linear).
    entries: std::rc::Rc<Vec<Entry<'p>>>,
    /// actix `.wrap` applies to the whole app/scope/resource, also to services added later.
    sticky: Vec<String>,
    method_guard: Option<String>,
    /// Built by a closure handed to a function of another library (`HttpBuilder::new(|cfg|
    /// ..)`), which registers it: never dead code (see `apps` in [`run`]).
    handed: bool,
    /// The function of the project that returned it (see `Ev::dropped_from`).
    returned_by: Option<usize>,
}

#[derive(Clone, Debug)]
struct MEntry<'p> {
    method: String,
    handler: Option<HRef<'p>>,
    fw: Framework,
    kind: RouteKind,
    reg: Loc,
    mw: Vec<String>,
}

#[derive(Clone, Debug)]
enum RItem<'p> {
    /// A handler with a route attribute, where it is listed, and the condition it was
    /// appended to a route list under (`if config.admin { routes.append(..) }`).
    Attr(usize, Loc, Option<String>),
    Manual {
        method: String,
        path: String,
        handler: HRef<'p>,
        reg: Loc,
        cond: Option<String>,
    },
}

/// Rocket's routes in a value a function defined under a `cfg` returns (also in a table of
/// mounts): each under that `cfg` unless it has a condition already.
fn under_cfg<'p>(v: Val<'p>, cfg: &Option<String>) -> Val<'p> {
    if cfg.is_none() {
        return v;
    }
    match v {
        Val::Rocket(items) => Val::Rocket(items.into_iter().map(|i| i.under(cfg)).collect()),
        Val::List(items) => Val::List(items.into_iter().map(|v| under_cfg(v, cfg)).collect()),
        v => v,
    }
}

impl RItem<'_> {
    /// Appended under the condition of the arm being evaluated, unless it already has one.
    fn under(mut self, c: &Option<String>) -> Self {
        let slot = match &mut self {
            RItem::Attr(_, _, cond) | RItem::Manual { cond, .. } => cond,
        };
        if slot.is_none() {
            slot.clone_from(c);
        }
        self
    }
}

#[derive(Clone, Debug)]
enum Val<'p> {
    Str(String),
    Router(Rv<'p>),
    Methods(Vec<MEntry<'p>>),
    Rocket(Vec<RItem<'p>>),
    Fn(usize),
    Closure(&'p Closure),
    Mw(String),
    MethodGuard(String),
    List(Vec<Val<'p>>),
    /// A struct value (a constant table of paths), its fields by name.
    Struct(Vec<(&'p str, Val<'p>)>),
    /// `true`/`false` written out (`proxy_routes(true)` for `fn proxy_routes(auth: bool)`).
    Bool(bool),
    /// A leptos application's page routes (`generate_route_list(App)`), where each is
    /// declared.
    Pages(Vec<(String, Loc)>),
    Unknown,
}

struct Frame<'p> {
    module: &'p [String],
    /// The function evaluated (its nested functions resolve first).
    fid: Option<usize>,
    /// The type `Self` names: the function's own, or the one a blanket impl's method was
    /// called on (`Status::route()` running `impl<P: FixedPlace> Place for P`).
    self_ty: Option<&'p str>,
    file: usize,
    scopes: Vec<HashMap<&'p str, Val<'p>>>,
    outputs: BTreeMap<u64, Rv<'p>>,
    ret: Option<Val<'p>>,
}

impl<'p> Frame<'p> {
    /// A frame evaluating a constant in `module` of `file`.
    fn new(module: &'p [String], fid: Option<usize>, file: usize) -> Self {
        Frame {
            module,
            fid,
            self_ty: None,
            file,
            scopes: vec![HashMap::new()],
            outputs: BTreeMap::new(),
            ret: None,
        }
    }

    /// A frame evaluating function `f` (number `fid`).
    fn of(fid: usize, f: &'p crate::ir::FnDef) -> Self {
        Frame {
            self_ty: f.self_ty.as_deref(),
            ..Frame::new(&f.module, Some(fid), f.file)
        }
    }
}

struct Ev<'p> {
    p: &'p Project,
    builds: Vec<bool>,
    next_id: u64,
    stack: Vec<usize>,
    inlined: HashSet<usize>,
    /// The paths each auth middleware lets through ([`Ev::mw_exemptions`]).
    mw_exempt: HashMap<String, Vec<crate::ir::PathGate>>,
    /// Optional auth middleware that identifies the callers who bring credentials and lets
    /// the others in as anonymous (an authorizer of the project's own), by description:
    /// whether a route behind it is optional depends on its handler.
    identifying: std::cell::RefCell<HashSet<String>>,
    /// Functions whose returned router a caller dropped (`let (_, spec) = web::router()?` to
    /// write the OpenAPI document): still listed on their own, the caller that serves the
    /// router being maybe one not read here.
    dropped_from: HashSet<usize>,
    /// Functions whose returned router a caller used (registered it, moved it on).
    kept_from: HashSet<usize>,
    /// The request extensions such a middleware function reads to attach who called
    /// (`req.extensions().get::<RequestState>()`): a handler taking one may read it.
    attached_types: std::cell::RefCell<HashSet<String>>,
    budget: u64,
    /// A variable rebound by the statement being evaluated (`let r = r.route(..)`,
    /// `r = r.route(..)`): its old value is moved into the expression, not copied, so that
    /// a chain of rebindings is linear.
    rebinding: Option<&'p str>,
    /// The conditions of the `if`/`match` arms (and `cfg`'d statements) being evaluated,
    /// outermost first: what they register is conditional.
    branch: Vec<&'p str>,
    /// Above zero while the arms of a `match` on a known value are evaluated (a table of
    /// routes applied in a loop, `match method { .. }`): their patterns are no condition.
    branch_off: u32,
    /// For each arm in `branch`, the registration count when it began (see `Entry::seq`).
    arm_start: Vec<u64>,
    /// Routes registered so far (`Entry::seq`).
    registered: std::cell::Cell<u64>,
    frames: Vec<Frame<'p>>,
    /// Registrations seen and not resolved: where, why, and the prefix (as written so far)
    /// under which routes may be missing.
    /// Where, why, under which prefix, whether the routes are listed, and the crate whose
    /// code registers them.
    unresolved: Vec<(Loc, String, String, bool, String)>,
    /// Where routes whose whole path is a run-time value are registered (listed at `/{?}`).
    runtime_paths: HashSet<(usize, Span)>,
    /// poem-openapi operations served by an `OpenApiService` seen.
    oai_served: HashSet<usize>,
    /// Methods of the project called to build a router nested under a prefix, on a value
    /// whose type apiward could not follow (`self.0.axum_router()`): what they build is
    /// mounted there, not at the root.
    nested_unfollowed: HashSet<&'p str>,
    /// The arm a conditional middleware was added in ([`Ev::arm_mw`]): it holds for a route
    /// served only under that arm (`if auth_on { app = app.merge(api.layer(auth)) }`).
    mw_arm: std::cell::RefCell<HashMap<String, HashSet<&'p str>>>,
}

/// Lists the routes of the project, and the registrations that could not be resolved.
pub(crate) fn run(p: &Project) -> (Vec<Route>, Vec<crate::Unresolved>) {
    let mut ev = Ev {
        p,
        builds: p.builds_routes(),
        next_id: 1,
        stack: Vec::new(),
        inlined: HashSet::new(),
        mw_exempt: HashMap::new(),
        identifying: Default::default(),
        dropped_from: HashSet::new(),
        kept_from: HashSet::new(),
        attached_types: Default::default(),
        budget: BUDGET,
        rebinding: None,
        branch: Vec::new(),
        branch_off: 0,
        arm_start: Vec::new(),
        registered: std::cell::Cell::new(0),
        frames: Vec::new(),
        unresolved: Vec::new(),
        runtime_paths: HashSet::new(),
        oai_served: HashSet::new(),
        nested_unfollowed: HashSet::new(),
        mw_arm: Default::default(),
    };
    let mut per_root: Vec<(usize, Vec<Rv>)> = Vec::new();
    // The registrations not resolved while each root was evaluated on its own.
    let mut notes_of: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
    for (fid, f) in p.fns.iter().enumerate() {
        // A support file's router is listed only where the analysed code mounts it; a
        // deprecated function's only where a caller registers it.
        if f.is_test || f.deprecated || !ev.builds[fid] || f.file >= p.support_from {
            continue;
        }
        let first_note = ev.unresolved.len();
        ev.stack.push(fid);
        ev.frames.push(Frame::of(fid, f));
        ev.bind_params(&f.params, Vec::new());
        let tail = ev.block(&f.body);
        // A configuration closure it returns (`Ok((move |cfg: &mut ServiceConfig| ..,
        // checks))`) to a caller not seen here (its body builds no router): registered there.
        let mut returned = closures_in(&tail);
        if let Some(r) = &ev.frame().ret {
            returned.extend(closures_in(r));
        }
        ev.run_handed(returned);
        let frame = ev.frames.pop().expect("frame pushed above");
        ev.stack.pop();
        per_root.push((fid, frame.outputs.into_values().collect()));
        notes_of.push((fid, first_note..ev.unresolved.len()));
    }
    // A function another one calls was evaluated there with its arguments: what it could not
    // resolve on its own, its parameters unknown (`fn versioned(api: Router)`), is no news.
    // A function whose router a caller dropped, and no caller read here used, stays one of
    // the outermost (see `Ev::dropped_from`): the one that serves it was not read.
    let kept: HashSet<usize> = per_root
        .iter()
        .flat_map(|(_, outs)| outs.iter().filter_map(|rv| rv.returned_by))
        .chain(ev.kept_from.iter().copied())
        .collect();
    for fid in std::mem::take(&mut ev.dropped_from) {
        if !kept.contains(&fid) {
            ev.inlined.remove(&fid);
        }
    }
    let mut keep = vec![true; ev.unresolved.len()];
    for (fid, r) in notes_of {
        if ev.inlined.contains(&fid) {
            keep[r].fill(false);
        }
    }
    let mut keep = keep.into_iter();
    ev.unresolved.retain(|_| keep.next().unwrap_or(true));
    ev.unserved_operations();
    // Crates whose actix-web application is built in code seen here: a configuration
    // function, scope or resource of theirs that nothing registers is dead code (meilisearch
    // keeps hand-written `configure` and `resources()` beside the tables that replaced them).
    let apps: HashSet<&str> = per_root
        .iter()
        .filter(|(fid, outs)| {
            !ev.inlined.contains(fid)
                && outs
                    .iter()
                    .any(|rv| rv.kind == RvKind::ActixApp && !rv.entries.is_empty())
        })
        .map(|(fid, _)| p.fns[*fid].module[0].as_str())
        .collect();
    let builder_layers = ev.builder_layers();
    let mut routes = Vec::new();
    for (fid, outs) in per_root {
        let f = &p.fns[fid];
        if ev.inlined.contains(&fid)
            || (f.receiver && ev.nested_unfollowed.contains(f.name.as_str()))
        {
            continue;
        }
        // The crate (or binary) whose function builds the server serves its routes.
        let service = &p.fns[fid].module[0];
        let server = format!("{}::{}", f.module.join("::"), f.name);
        for rv in outs {
            if apps.contains(service.as_str())
                && !rv.handed
                && matches!(
                    rv.kind,
                    RvKind::ActixConfig | RvKind::ActixScope | RvKind::ActixResource
                )
            {
                continue;
            }
            for mut e in std::rc::Rc::unwrap_or_clone(rv.entries) {
                // A layer another step of the builder puts on the router this one filled.
                for (file, within, mws) in &builder_layers {
                    if e.reg.file == *file && within.contains(&e.reg.span.start) {
                        for m in mws {
                            if !e.mw.contains(m) {
                                e.mw.push(m.clone());
                            }
                        }
                    }
                }
                // A path that is nothing but a run-time part says nothing unless it is a
                // run-time value: its registration is in the unresolved list.
                let listed = ev.runtime_paths.contains(&(e.reg.file, e.reg.span));
                if let Some(mut r) = ev.route(e).filter(|r| listed || r.path != "/{?}") {
                    r.service.clone_from(service);
                    r.server = crate::Server(server.clone());
                    routes.push(r);
                }
            }
        }
    }
    routes.sort_by(|a, b| {
        (
            &a.path,
            &a.method,
            &a.registration.file,
            a.registration.range.start,
        )
            .cmp(&(
                &b.path,
                &b.method,
                &b.registration.file,
                b.registration.range.start,
            ))
            .then_with(|| a.handler.cmp(&b.handler))
    });
    merge_arm_twins(&mut routes);
    drop_subsumed(&mut routes);
    // One registration reached from two outermost functions is one route (of the first:
    // a route's server is no part of its identity).
    routes.dedup();
    // One handler at one path registered by two places (the same routes written again for
    // a second way to start the server) is one endpoint.
    let mut once = HashSet::new();
    routes.retain(|r| {
        r.handler.is_none()
            || once.insert((
                r.method.clone(),
                r.path.clone(),
                r.handler.clone(),
                r.service.clone(),
                r.auth,
                r.condition.clone(),
            ))
    });
    drop_unknown_base_twins(&mut routes);
    let mut unresolved: Vec<crate::Unresolved> = std::mem::take(&mut ev.unresolved)
        .into_iter()
        .filter_map(|(loc, reason, prefix, routes_listed, service)| {
            Some(crate::Unresolved {
                location: ev.location(loc)?,
                reason,
                prefix,
                routes_listed,
                service,
                framework: None,
            })
        })
        .collect();
    unresolved.sort();
    unresolved.dedup_by(|a, b| a.location == b.location);
    (routes, unresolved)
}

/// The arms of a `match` or `if` whose every arm is a string literal, with their
/// conditions: two or more.
fn literal_arms(e: &Ex) -> Option<Vec<(Option<&str>, &str)>> {
    // A `match` is lowered as its scrutinee and its arms; an `if` as its arms.
    let arms = match e {
        Ex::Branches(arms) => arms,
        Ex::Other(v) => match v.as_slice() {
            [_, Ex::Branches(arms)] => arms,
            _ => return None,
        },
        _ => return None,
    };
    let alts: Vec<(Option<&str>, &str)> = arms
        .iter()
        .map(|a| match a {
            Ex::Cond(c) => match &c.1 {
                Ex::Str(s, _) => Some((Some(c.0.as_str()), s.as_str())),
                _ => None,
            },
            Ex::Str(s, _) => Some((None, s.as_str())),
            _ => None,
        })
        .collect::<Option<_>>()?;
    (alts.len() > 1).then_some(alts)
}

/// The closures of a value, also inside a tuple or list.
fn closures_in<'p>(v: &Val<'p>) -> Vec<&'p Closure> {
    match v {
        Val::Closure(c) => vec![*c],
        Val::List(vs) => vs.iter().flat_map(closures_in).collect(),
        _ => Vec::new(),
    }
}

/// The arguments of a method chain's `.layer(..)` and `.route_layer(..)` calls, outermost
/// first, and what the chain starts from; it goes through the other methods `through`
/// allows, and stops at the others.
fn layer_chain<'e>(mut e: &'e Ex, through: &dyn Fn(&str) -> bool) -> (Vec<&'e Ex>, &'e Ex) {
    let mut layers = Vec::new();
    while let Ex::Method {
        recv, name, args, ..
    } = e
    {
        if matches!(name.as_str(), "layer" | "route_layer") && args.len() == 1 {
            layers.push(&args[0]);
        } else if !through(name) {
            break;
        }
        e = recv;
    }
    (layers, e)
}

/// The type whose associated function a method chain starts from (`ReportServer::new()
/// .with_x()` → `ReportServer`).
fn built_type(mut e: &Ex) -> Option<&str> {
    loop {
        match e {
            Ex::Method { recv, .. } => e = recv,
            Ex::Call { func, .. } => {
                let Ex::Path(q, _, _) = &**func else {
                    return None;
                };
                let t = q.get(q.len().checked_sub(2)?)?;
                return t
                    .starts_with(|c: char| c.is_ascii_uppercase())
                    .then_some(t.as_str());
            }
            _ => return None,
        }
    }
}

/// Calls of a builder type's layering steps (`names` of type `ty`) in a function's body;
/// `others` are its variables holding a value of another type.
struct StepScan<'a> {
    names: &'a HashSet<&'a str>,
    ty: &'a str,
    others: &'a HashSet<&'a str>,
}

impl StepScan<'_> {
    /// Whether a call of one of the steps is this type's: not on a value built by another
    /// type (`ReportServer::new().with_guard()`, a variable bound to one).
    fn ours(&self, e: &Ex) -> bool {
        let Ex::Method { name, recv, .. } = e else {
            return false;
        };
        if !self.names.contains(name.as_str()) {
            return false;
        }
        let mut base = &**recv;
        while let Ex::Method { recv, .. } = base {
            base = recv;
        }
        match base {
            Ex::Path(q, _, _) if q.len() == 1 => !self.others.contains(q[0].as_str()),
            _ => built_type(recv).is_none_or(|b| b == self.ty),
        }
    }

    /// Looks for calls of the steps in `e`: whether one is called, and whether one is called
    /// under a condition (`under`), unless each arm of that condition calls one of them
    /// (`covered`: `if local { b.with_dev_auth() } else { b.with_admin_key(..) }`).
    fn calls(&self, e: &Ex, under: bool, covered: bool, called: &mut bool, conditional: &mut bool) {
        if self.ours(e) {
            *called = true;
            *conditional |= under;
        }
        let mut go = |x: &Ex, under: bool| self.calls(x, under, false, called, conditional);
        match e {
            Ex::Branches(arms) => {
                let calls_one = |a: &Ex| {
                    let mut found = false;
                    crate::project::walk(a, &mut |x| found |= self.ours(x));
                    found
                };
                let all = arms.len() > 1 && arms.iter().all(calls_one);
                for a in arms {
                    self.calls(a, under, all, called, conditional);
                }
            }
            Ex::Cond(c) => go(&c.1, under || !covered),
            Ex::Method { recv, args, .. } => {
                go(recv, under);
                args.iter().for_each(|a| go(a, under));
            }
            Ex::Call { func, args, .. } => {
                go(func, under);
                args.iter().for_each(|a| go(a, under));
            }
            Ex::Macro { args, .. } => args.iter().for_each(|a| go(a, under)),
            Ex::Closure(c) => go(&c.body, under),
            Ex::Block(b) => {
                for s in &b.stmts {
                    let (Stmt::Let(_, x) | Stmt::Expr(x, _) | Stmt::Assign(_, x)) = s;
                    go(x, under);
                }
            }
            Ex::List(v) | Ex::Concat(v) | Ex::Other(v) => v.iter().for_each(|a| go(a, under)),
            Ex::Return(x) | Ex::Field(x, _) => go(x, under),
            Ex::Struct(_, v) => v.iter().for_each(|(_, x)| go(x, under)),
            // A loop may run no time.
            Ex::For(b) => {
                go(&b.1, under);
                for s in &b.2.stmts {
                    let (Stmt::Let(_, x) | Stmt::Expr(x, _) | Stmt::Assign(_, x)) = s;
                    go(x, true);
                }
            }
            Ex::Str(..) | Ex::Path(..) => {}
        }
    }
}

/// A router both served as it is and nested under a base path known only at run time
/// (`if base.is_empty() { app } else { Router::new().nest(base, app) }`) is listed once, as
/// it is: `/{?}/x` goes when `/x` is there with the same method and handler, registered by
/// the same call. A route whose whole path is a run-time value (`.route(&env_path, get(h))`
/// beside `.route("/", get(h))`) is another route, registered elsewhere: it stays.
fn drop_unknown_base_twins(routes: &mut Vec<Route>) {
    type Key = (String, String, Option<String>, String, u32);
    let key = |r: &Route, path: &str| -> Key {
        (
            r.method.clone(),
            path.to_string(),
            r.handler.clone(),
            r.registration.file.clone(),
            r.registration.range.start.offset,
        )
    };
    let plain: HashSet<Key> = routes
        .iter()
        .filter(|r| !r.path.starts_with("/{?}"))
        .map(|r| key(r, &r.path))
        .collect();
    routes.retain(|r| {
        let Some(rest) = r.path.strip_prefix("/{?}") else {
            return true;
        };
        let rest = if rest.is_empty() { "/" } else { rest };
        !plain.contains(&key(r, rest))
    });
}

/// A route registered by one call under two sets of conditions, one holding the other's
/// and more (an application factory handed to a serverless runner under `cfg(feature =
/// "lambda")` and to `HttpServer::new`), is served under the fewer: the other goes.
fn drop_subsumed(routes: &mut Vec<Route>) {
    type Key<'r> = (
        &'r str,
        &'r str,
        Option<&'r str>,
        &'r str,
        &'r str,
        u32,
        Auth,
    );
    fn key(r: &Route) -> Key<'_> {
        (
            &r.method,
            &r.path,
            r.handler.as_deref(),
            &r.service,
            &r.registration.file,
            r.registration.range.start.offset,
            r.auth,
        )
    }
    fn parts(r: &Route) -> Vec<&str> {
        r.condition
            .as_deref()
            .map(|c| c.split(cond::AND).collect())
            .unwrap_or_default()
    }
    let mut by_key: HashMap<Key, Vec<Vec<&str>>> = HashMap::new();
    for r in routes.iter() {
        by_key.entry(key(r)).or_default().push(parts(r));
    }
    let keep: Vec<bool> = routes
        .iter()
        .map(|r| {
            let mine = parts(r);
            !by_key[&key(r)]
                .iter()
                .any(|other| other.len() < mine.len() && other.iter().all(|c| mine.contains(c)))
        })
        .collect();
    let mut keep = keep.into_iter();
    routes.retain(|_| keep.next().unwrap_or(true));
}

/// A route that every arm of a choice registers (`if c { mount(all) } else {
/// mount(all_but_one) }`, several arms of one `match`) is no conditional route: it is listed
/// once, without the condition (or with the conditions the choice itself is under).
/// `routes` is sorted.
fn merge_arm_twins(routes: &mut Vec<Route>) {
    // The innermost condition's choice (with the conditions around it) and arm.
    let arm_of = |c: &str| -> Option<(String, String)> {
        let (outer, c) = match c.rsplit_once(cond::AND) {
            Some((outer, inner)) => (format!("{outer}{}", cond::AND), inner),
            None => (String::new(), c),
        };
        if let Some(x) = c.strip_prefix(cond::ELSE_OF) {
            return Some((format!("{outer}{x}"), "else".into()));
        }
        if c.starts_with("if ") {
            return Some((format!("{outer}{c}"), "then".into()));
        }
        // A function defined twice, `#[cfg(x)]` and `#[cfg(not(x))]`: one arm each.
        if let Some(x) = cond::negated_cfg(c) {
            return Some((format!("{outer}{x}"), "else".into()));
        }
        if c.starts_with("cfg(") {
            return Some((format!("{outer}{c}"), "then".into()));
        }
        let (scrutinee, pat) = c.strip_prefix("match ")?.split_once(": ")?;
        Some((format!("{outer}{scrutinee}"), pat.to_string()))
    };
    // What a route's condition is once the innermost choice is merged away.
    let outer_of = |c: &str| c.rsplit_once(cond::AND).map(|(outer, _)| outer.to_string());
    // `/{?}/x` and `/x` are one route (`if base.is_empty() { app } else { nest(base, app) }`).
    // Arms that register a route with different auth (`if auth_on { r.layer(auth) } else {
    // r }`) are two answers: each stays under its condition.
    let key = |r: &Route| {
        let path = r.path.strip_prefix("/{?}").unwrap_or(&r.path);
        (
            r.method.clone(),
            path.to_string(),
            r.handler.clone(),
            r.service.clone(),
            r.auth,
        )
    };
    let mut arms: HashMap<_, HashMap<String, HashSet<String>>> = HashMap::new();
    for r in routes.iter() {
        if let Some((choice, arm)) = r.condition.as_deref().and_then(arm_of) {
            arms.entry(key(r))
                .or_default()
                .entry(choice)
                .or_default()
                .insert(arm);
        }
    }
    // Registered also where no condition holds (a router built again to write the OpenAPI
    // document in one arm of `match command`): the unconditional one stands.
    let exact = |r: &Route| {
        (
            r.method.clone(),
            r.path.clone(),
            r.handler.clone(),
            r.service.clone(),
            r.auth,
        )
    };
    let always: HashSet<_> = routes
        .iter()
        .filter(|r| r.condition.is_none())
        .map(exact)
        .collect();
    // Or served always at the other path of a base known only at run time.
    let always_at_base: HashSet<_> = routes
        .iter()
        .filter(|r| r.condition.is_none())
        .map(key)
        .collect();
    let mut seen = HashSet::new();
    routes.retain_mut(|r| {
        if r.condition.is_some() && always.contains(&exact(r)) {
            return false;
        }
        let Some((choice, _)) = r.condition.as_deref().and_then(arm_of) else {
            return true;
        };
        let k = key(r);
        if !always_at_base.contains(&k)
            && arms
                .get(&k)
                .and_then(|c| c.get(&choice))
                .is_none_or(|a| a.len() < 2)
        {
            return true;
        }
        r.condition = r.condition.as_deref().and_then(outer_of);
        r.dev_only = false;
        seen.insert((exact(r), r.condition.clone()))
    });
    // The same for the outermost choice of a route under nested ones: one registered under
    // the same inner condition in several arms of an outer `match` (a server spawned the same
    // way for each combination of ports) is listed once, under the inner condition.
    let split_outer = |c: &str| -> Option<(String, String, String)> {
        let (first, rest) = c.split_once(cond::AND)?;
        let (choice, arm) = arm_of(first)?;
        Some((choice, arm, rest.to_string()))
    };
    let mut outer_arms: HashMap<_, HashSet<String>> = HashMap::new();
    for r in routes.iter() {
        if let Some((choice, arm, rest)) = r.condition.as_deref().and_then(split_outer) {
            outer_arms
                .entry((key(r), choice, rest))
                .or_default()
                .insert(arm);
        }
    }
    let mut seen = HashSet::new();
    routes.retain_mut(|r| {
        let Some((choice, _, rest)) = r.condition.as_deref().and_then(split_outer) else {
            return true;
        };
        let k = (key(r), choice, rest);
        if outer_arms.get(&k).is_none_or(|a| a.len() < 2) {
            return true;
        }
        r.condition = Some(k.2);
        r.dev_only = r.condition.as_deref().is_some_and(cond::dev_only);
        seen.insert((exact(r), r.condition.clone()))
    });
    // The conditions every route of a service is under, outermost first (the server started
    // in the `Commands::Start` arm of `main`, in the `else` of `if node.is_router()`) are the
    // service's, not a route's: the leading arms every route of the service shares go (a
    // `cfg` stays, and so does all when one route is served unconditionally). A
    // development-only route shows its development condition alone: it does not count.
    let mut shared: HashMap<&str, Option<Vec<&str>>> = HashMap::new();
    for r in routes.iter().filter(|r| !r.dev_only) {
        let parts: Vec<&str> = match r.condition.as_deref() {
            Some(c) => c.split(cond::AND).collect(),
            None => Vec::new(),
        };
        let common = shared
            .entry(r.service.as_str())
            .or_insert_with(|| Some(parts.clone()));
        if let Some(common) = common {
            let n = common
                .iter()
                .zip(&parts)
                .take_while(|(a, b)| a == b)
                .count();
            common.truncate(n);
        }
    }
    let shared: HashMap<String, usize> = shared
        .into_iter()
        .filter_map(|(s, common)| {
            // Only arms: a `cfg` every route shares is still each route's condition.
            let n = common?
                .iter()
                .take_while(|c| !c.starts_with("cfg(") && arm_of(c).is_some())
                .count();
            (n > 0).then(|| (s.to_string(), n))
        })
        .collect();
    for r in routes.iter_mut() {
        let (Some(&n), Some(c), false) = (shared.get(&r.service), &r.condition, r.dev_only) else {
            continue;
        };
        let rest: Vec<&str> = c.split(cond::AND).skip(n).collect();
        r.condition = (!rest.is_empty()).then(|| rest.join(cond::AND));
        r.dev_only = r.condition.as_deref().is_some_and(cond::dev_only);
    }
}

/// The value a variable is first bound to in a function's body (its nested blocks and
/// closures too): `let name = <init>;`.
fn let_init<'a>(body: &'a crate::ir::Block, name: &str) -> Option<&'a Ex> {
    fn in_block<'a>(b: &'a crate::ir::Block, name: &str) -> Option<&'a Ex> {
        for s in &b.stmts {
            if let crate::ir::Stmt::Let(Pat::Name(n), e) = s {
                if n == name {
                    return Some(e);
                }
            }
        }
        b.stmts.iter().find_map(|s| {
            let (crate::ir::Stmt::Let(_, e)
            | crate::ir::Stmt::Expr(e, _)
            | crate::ir::Stmt::Assign(_, e)) = s;
            in_ex(e, name)
        })
    }
    fn in_ex<'a>(e: &'a Ex, name: &str) -> Option<&'a Ex> {
        match e {
            Ex::Block(b) => in_block(b, name),
            Ex::Closure(c) => in_ex(&c.body, name),
            Ex::Call { func, args, .. } => {
                in_ex(func, name).or_else(|| args.iter().find_map(|a| in_ex(a, name)))
            }
            Ex::Method { recv, args, .. } => {
                in_ex(recv, name).or_else(|| args.iter().find_map(|a| in_ex(a, name)))
            }
            Ex::Macro { args: v, .. }
            | Ex::List(v)
            | Ex::Branches(v)
            | Ex::Concat(v)
            | Ex::Other(v) => v.iter().find_map(|a| in_ex(a, name)),
            Ex::Return(x) | Ex::Field(x, _) => in_ex(x, name),
            Ex::Cond(c) => in_ex(&c.1, name),
            Ex::For(f) => in_ex(&f.1, name).or_else(|| in_block(&f.2, name)),
            Ex::Struct(_, v) => v.iter().find_map(|(_, x)| in_ex(x, name)),
            Ex::Str(..) | Ex::Path(..) => None,
        }
    }
    in_block(body, name)
}

/// Strings joined (`concat!`, `a + b`, `[a, b].concat()`); a part that is not known is
/// [`UNKNOWN`], and nothing known at all is not a string.
/// The routes of either of two routers (the arms of an `if`/`match`): a registration both
/// hold is listed once, and a middleware only one of them adds to it holds only under that
/// arm's condition (`match mode { None => api, Key(k) => api.layer(auth(k)) }`).
fn join_entries<'p>(into: &mut Vec<Entry<'p>>, other: Vec<Entry<'p>>) {
    let conditional = |m: &String| {
        if m.starts_with(CONDITIONAL) || m.starts_with(OPTIONAL) {
            m.clone()
        } else {
            format!("{CONDITIONAL}{m}")
        }
    };
    let mut at: HashMap<(String, String, Loc), usize> = HashMap::new();
    for (i, e) in into.iter().enumerate() {
        at.entry((e.method.clone(), e.path.clone(), e.reg))
            .or_insert(i);
    }
    for e in other {
        let Some(&i) = at.get(&(e.method.clone(), e.path.clone(), e.reg)) else {
            into.push(e);
            continue;
        };
        let mine = &mut into[i];
        // Registered in both: under the conditions both arms are under only (`if a {
        // r.nest("/x", x()) } else { r.nest("/x", x()) }` registers `/x` either way).
        if mine.cond != e.cond {
            mine.cond = common_conditions(mine.cond.as_deref(), e.cond.as_deref());
        }
        let theirs: Vec<String> =
            e.mw.iter()
                .filter(|m| !mine.mw.contains(m))
                .map(conditional)
                .collect();
        for m in &mut mine.mw {
            if !e.mw.contains(m) {
                *m = conditional(m);
            }
        }
        for m in theirs {
            if !mine.mw.contains(&m) {
                mine.mw.push(m);
            }
        }
    }
}

/// The conditions under which a route both arms of one choice register holds: `if a;
/// cfg(x)` and `else of if a; cfg(x)` give `cfg(x)` (registered whichever arm runs). Two
/// conditions that differ in more than one complementary pair (`if a` and `else of if a;
/// if b`: nothing registers it when neither holds) keep the first.
fn common_conditions(a: Option<&str>, b: Option<&str>) -> Option<String> {
    let (a, b) = (a?, b?);
    let mine: Vec<&str> = a.split(cond::AND).collect();
    let theirs: Vec<&str> = b.split(cond::AND).collect();
    let only_mine: Vec<&str> = mine
        .iter()
        .copied()
        .filter(|x| !theirs.contains(x))
        .collect();
    let only_theirs: Vec<&str> = theirs
        .iter()
        .copied()
        .filter(|x| !mine.contains(x))
        .collect();
    match (only_mine.as_slice(), only_theirs.as_slice()) {
        ([x], [y]) if cond::complementary(x, y) => {
            let shared: Vec<&str> = mine.iter().copied().filter(|c| c != x).collect();
            (!shared.is_empty()).then(|| shared.join(cond::AND))
        }
        _ => Some(a.to_owned()),
    }
}

fn joined_str(vals: &[Val], sep: &str) -> Val<'static> {
    if !vals.iter().any(|v| matches!(v, Val::Str(_))) {
        return Val::Unknown;
    }
    let parts: Vec<String> = vals
        .iter()
        .map(|v| str_of(v).unwrap_or_else(|| UNKNOWN.to_string()))
        .collect();
    Val::Str(parts.join(sep))
}

/// The types a function reads from the request's extensions (`extensions().get::<T>()`,
/// `extensions_mut().get_mut::<T>()`).
fn extension_types(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices("extensions") {
        let rest = &text[i..];
        let Some(j) = rest.find("::<") else {
            continue;
        };
        // On the same chain: `extensions().get::<T>()`, a few characters on.
        if j > 40 || rest[..j].contains(';') {
            continue;
        }
        // The type inside the wrappers (`get::<Arc<Session>>()` is a `Session`).
        let mut at = j + 3;
        let ty = loop {
            let ty: String = rest[at..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let wrapper = matches!(
                ty.as_str(),
                "Arc" | "Rc" | "Box" | "Option" | "Mutex" | "RwLock" | "RefCell" | "Cell"
            );
            if wrapper && rest[at + ty.len()..].starts_with('<') {
                at += ty.len() + 1;
                continue;
            }
            break (!wrapper).then_some(ty);
        };
        if let Some(ty) = ty.filter(|t| !t.is_empty()) {
            out.push(ty);
        }
    }
    out
}

/// Whether every string and character literal of a function's text is punctuation of a
/// path (`/`, brackets, `:`, `*`), format placeholders aside, and some name a parameter's
/// syntax (`{`, `}`, `:`): it rewrites how parameters are written and adds no text to a
/// path (not `env::var(key).unwrap_or_default()`, which has no literal at all).
fn literals_only_punctuate(text: &str) -> bool {
    let mut syntax = false;
    let b = text.as_bytes();
    let ok = |lit: &str| {
        let mut rest = lit;
        // `{}` and `{name}` placeholders of a format string say nothing.
        while let Some(i) = rest.find('{') {
            match rest[i..].find('}') {
                Some(j)
                    if rest[i + 1..i + j]
                        .chars()
                        .all(|c| c.is_alphanumeric() || c == '_') =>
                {
                    if !rest[..i].chars().all(|c| "/{}:*".contains(c)) {
                        return false;
                    }
                    rest = &rest[i + j + 1..];
                }
                _ => break,
            }
        }
        rest.chars().all(|c| "/{}:*".contains(c))
    };
    let mut ok = |lit: &str| {
        syntax |= lit.contains(['{', '}', ':']);
        ok(lit)
    };
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                if !ok(text.get(start..i.min(b.len())).unwrap_or("")) {
                    return false;
                }
            }
            // A character literal (`'/'`), not a lifetime (`'a`).
            b'\'' if b.get(i + 2) == Some(&b'\'') => {
                if !ok(text.get(i + 1..i + 2).unwrap_or("")) {
                    return false;
                }
                i += 2;
            }
            _ => {}
        }
        i += 1;
    }
    syntax
}

fn str_of(v: &Val) -> Option<String> {
    match v {
        Val::Str(s) => Some(s.clone()),
        _ => None,
    }
}

/// The arm an `if` or a `match` takes on a value known here: `true`/`false`, or a tuple of
/// them, against patterns written with `true`, `false` and `_` (`(true, false) => ..`).
/// `None` when a pattern says more (a guard, a binding, a variant) before one matches.
fn arm_for_value<'e>(v: &Val, arms: &'e [Ex]) -> Option<&'e Ex> {
    let bools: Vec<bool> = match v {
        Val::Bool(b) => vec![*b],
        Val::List(items) if !items.is_empty() => items
            .iter()
            .map(|i| match i {
                Val::Bool(b) => Some(*b),
                _ => None,
            })
            .collect::<Option<_>>()?,
        _ => return None,
    };
    // An `if`: its arms labelled, or (one of them diverging) its `else` lowered to nothing.
    let is_if = match arms {
        [Ex::Cond(c), Ex::Cond(_)] => c.0.starts_with("if "),
        [Ex::Block(_), Ex::Other(none)] => none.is_empty(),
        _ => false,
    };
    if let ([b], true) = (&bools[..], is_if) {
        let arm = if *b { &arms[0] } else { &arms[1] };
        return Some(match arm {
            Ex::Cond(c) => &c.1,
            other => other,
        });
    }
    for a in arms {
        let Ex::Cond(c) = a else {
            return None;
        };
        let (_, pat) = c.0.strip_prefix("match ")?.rsplit_once(": ")?;
        let pat: String = pat.chars().filter(|c| !c.is_whitespace()).collect();
        let parts: Vec<&str> = match (pat.strip_prefix('('), bools.len()) {
            (Some(inner), n) if n > 1 => inner.strip_suffix(')')?.split(',').collect(),
            _ => vec![pat.as_str()],
        };
        let matches = |p: &str, b: bool| match p {
            "_" => Some(true),
            "true" => Some(b),
            "false" => Some(!b),
            _ => None,
        };
        let hit = if parts == ["_"] {
            true
        } else if parts.len() == bools.len() {
            parts
                .iter()
                .zip(&bools)
                .map(|(p, b)| matches(p, *b))
                .collect::<Option<Vec<bool>>>()?
                .into_iter()
                .all(|x| x)
        } else {
            return None;
        };
        if hit {
            return Some(&c.1);
        }
    }
    None
}

/// A short description of an expression (`ServeDir::new`, `handlers::list`).
fn describe(e: &Ex) -> String {
    match e {
        Ex::Path(p, _, _) => key(p),
        Ex::Call { func, .. } => describe(func),
        Ex::Method { recv, name, .. } => {
            let r = describe(recv);
            if r.is_empty() {
                name.clone()
            } else {
                r
            }
        }
        Ex::Macro { name, .. } => format!("{name}!"),
        Ex::Field(b, n) => format!("{}.{n}", describe(b)),
        Ex::Closure(_) => "closure".to_string(),
        _ => String::new(),
    }
}

/// poem-openapi's `OpenApiService` methods that give an endpoint of a docs UI or of the
/// description.
const POEM_DOCS: &[&str] = &[
    "swagger_ui",
    "rapidoc",
    "redoc",
    "scalar",
    "openapi_explorer",
    "stoplight_elements",
    "spec_endpoint",
    "spec_endpoint_yaml",
];

/// An expression as a short text for a note (`CONFIG.base`, `format!(..)`), bounded.
fn describe_path(e: &Ex) -> String {
    let d = match e {
        Ex::Other(v) if !v.is_empty() => describe_path(&v[0]),
        Ex::Concat(v) | Ex::List(v) => v.iter().map(describe_path).collect::<Vec<_>>().join(", "),
        Ex::Str(s, _) => format!("{s:?}"),
        _ => describe(e),
    };
    let d = if d.is_empty() {
        "an expression".to_string()
    } else {
        d
    };
    match d.char_indices().nth(60) {
        Some((i, _)) => format!("{}..", &d[..i]),
        None => d,
    }
}

/// The service an axum method router wraps (`get_service(ServeDir::new(dir))` serves what
/// `ServeDir` does, for `GET`), or the expression itself.
fn method_service_inner(e: &Ex) -> &Ex {
    match e {
        Ex::Call { func, args, .. } if args.len() == 1 => match &**func {
            Ex::Path(p, _, _)
                if p.last().is_some_and(|l| {
                    matches!(l.as_str(), "get_service" | "any_service" | "head_service")
                }) =>
            {
                &args[0]
            }
            _ => e,
        },
        _ => e,
    }
}

/// Whether a function takes the request, or its headers.
fn takes_request(g: &crate::ir::FnDef) -> bool {
    g.params.iter().any(|p| {
        p.ty.as_ref()
            .and_then(|t| t.path.last())
            .is_some_and(|t| crate::auth::REQUEST_TYPES.contains(&t.as_str()) || t == "HeaderMap")
    })
}

/// Whether a service, by the name of what builds it (`ServeDir::new`, `FileServer::from`,
/// actix's `Files::new`, `ResourceFiles::new`, a `static_files` helper), serves files.
/// A single `file` or `asset` only with a word that serves it (`ServeFile`, `FileServer`;
/// not a `FileUploadService`).
fn serves_files(what: &str) -> bool {
    what.rsplit("::").take(2).any(|seg| {
        let w = crate::auth::words(seg);
        let has = |set: &[&str]| w.iter().any(|x| set.contains(&x.as_str()));
        has(&["dir", "files", "static", "statics", "assets", "spa"])
            || (has(&["file", "asset"]) && has(&["serve", "server", "serves"]))
    })
}

/// Whether a service is an API docs UI of a library (utoipa's `SwaggerUi::new`, `Redoc`,
/// `RapiDoc`, `Scalar`): its pages and the description it serves.
fn docs_ui(what: &str) -> bool {
    what.rsplit("::")
        .nth(1)
        .is_some_and(|t| matches!(t, "SwaggerUi" | "Redoc" | "RapiDoc" | "Scalar"))
}

/// Whether a service only answers with a redirect (actix-web's `web::redirect(from, to)`,
/// tower-http's `Redirect::permanent(uri)`): it reads no credentials and serves nothing.
fn redirects_only(what: &str) -> bool {
    let mut segs = what.rsplit("::");
    matches!(
        (segs.next(), segs.next()),
        (Some("redirect"), None | Some("web" | "actix_web")) | (Some(_), Some("Redirect"))
    )
}

/// The type names of a path's turbofish (`get_file::<BlobPath>`).
fn turbofish(e: &Ex) -> &[String] {
    match e {
        Ex::Path(_, _, generics) => generics,
        _ => &[],
    }
}

/// The method of an axum-extra `RouterExt` typed route (`typed_get` → `GET`).
fn typed_method(name: &str) -> Option<String> {
    let m = name.strip_prefix("typed_")?;
    METHODS.contains(&m).then(|| m.to_ascii_uppercase())
}

/// What a page rendered by leptos' own handler is described as (`leptos page of
/// leptos_routes`).
const LEPTOS_PAGE: &str = "leptos page of ";

/// What a handler that is a value answering every request alike is described as (axum's
/// `get("up and running")`, `get(Json(info))`): it reads nothing of the request.
const FIXED_RESPONSE: &str = "fixed response ";

/// The marker of a path part that could not be evaluated (`{?}` once normalised).
pub(crate) const UNKNOWN: &str = "<?>";

/// A path whose parameters' patterns hold a part known only at run time, those patterns
/// dropped (`/nar/{hash:[<?>]{52}}.nar` → `/nar/{hash}.nar`); others as they are.
fn unknown_patterns_dropped(path: String) -> String {
    if !path.contains(UNKNOWN) {
        return path;
    }
    let mut out = String::with_capacity(path.len());
    let mut rest = path.as_str();
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        // The parameter's extent, its pattern's own braces (`{52}`) balanced.
        let Some(end) = crate::path::closing_brace(rest, open) else {
            out.push_str(&rest[open..]);
            return out;
        };
        let param = &rest[open + 1..end];
        match param.split_once(':') {
            Some((name, pattern)) if pattern.contains(UNKNOWN) && !name.contains(UNKNOWN) => {
                out.push('{');
                out.push_str(name);
                out.push('}');
            }
            _ => out.push_str(&rest[open..=end]),
        }
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The first string literal inside an expression (`Files::new("/static", ".")`).
fn first_str(e: &Ex) -> Option<String> {
    let mut found = None;
    crate::project::walk(e, &mut |x| {
        if found.is_none() {
            if let Ex::Str(s, _) = x {
                found = Some(s.clone());
            }
        }
    });
    found
}

/// The variable a method chain starts from (`cfg` in `cfg.service(a).service(b)`).
/// Whether an expression names a constant (`bus::SERVICE_NAME`): a path whose last segment
/// is in upper case.
fn names_constant(e: &Ex) -> bool {
    matches!(e, Ex::Path(p, _, _) if p.last().is_some_and(|l| {
        l.chars().any(|c| c.is_ascii_uppercase())
            && l.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
    }))
}

fn chain_root(e: &Ex) -> Option<&str> {
    match e {
        Ex::Method { recv, .. } => match &**recv {
            Ex::Path(p, _, _) if p.len() == 1 => Some(p[0].as_str()),
            inner @ Ex::Method { .. } => chain_root(inner),
            _ => None,
        },
        Ex::Cond(c) => chain_root(&c.1),
        _ => None,
    }
}

fn method_from_filter(e: &Ex) -> Option<String> {
    match e {
        Ex::Path(p, _, _) => p.last().map(|s| s.to_ascii_uppercase()),
        // An extension method by its name: `Method::from_bytes(b"QUERY").unwrap()`,
        // `Method::from_str("PURGE")`.
        Ex::Method { recv, name, .. } if matches!(name.as_str(), "unwrap" | "expect") => {
            method_from_filter(recv)
        }
        Ex::Call { func, args, .. } => match &**func {
            Ex::Path(p, _, _)
                if p.last()
                    .is_some_and(|l| matches!(l.as_str(), "from_bytes" | "from_str")) =>
            {
                match args.as_slice() {
                    [Ex::Str(m, _)] => Some(m.to_ascii_uppercase()),
                    _ => None,
                }
            }
            _ => method_from_filter(func),
        },
        _ => None,
    }
}

impl<'p> Ev<'p> {
    fn frame(&mut self) -> &mut Frame<'p> {
        self.frames
            .last_mut()
            .expect("evaluation runs inside a frame")
    }

    fn loc(&self, span: Span) -> Loc {
        Loc {
            file: self.frames.last().map_or(0, |f| f.file),
            span,
        }
    }

    fn new_rv(&mut self, kind: RvKind, prefix: String) -> Rv<'p> {
        self.next_id += 1;
        Rv {
            id: self.next_id,
            kind,
            prefix,
            alt_prefixes: Vec::new(),
            entries: std::rc::Rc::new(Vec::new()),
            sticky: Vec::new(),
            method_guard: None,
            handed: false,
            returned_by: None,
        }
    }

    /// Registers a router as built by the current function.
    fn produce(&mut self, mut rv: Rv<'p>) -> Val<'p> {
        self.next_id += 1;
        rv.id = self.next_id;
        self.frame().outputs.insert(rv.id, rv.clone());
        Val::Router(rv)
    }

    fn consume(&mut self, id: u64) {
        if let Some(f) = self
            .frame()
            .outputs
            .remove(&id)
            .and_then(|rv| rv.returned_by)
        {
            self.kept_from.insert(f);
        }
    }

    /// A router dropped unused (see [`Self::bind_pat`]): gone, and the function that
    /// returned it noted (`Ev::dropped_from`).
    fn drop_router(&mut self, rv: &Rv<'p>) {
        self.frame().outputs.remove(&rv.id);
        self.dropped_from.extend(rv.returned_by);
    }

    /// The value of a variable, not copied.
    fn peek(&self, name: &str) -> Option<&Val<'p>> {
        let f = self.frames.last()?;
        f.scopes.iter().rev().find_map(|s| s.get(name))
    }

    fn lookup(&self, name: &str) -> Option<Val<'p>> {
        let f = self.frames.last()?;
        f.scopes.iter().rev().find_map(|s| s.get(name).cloned())
    }

    /// The value of a variable, moved out (it is about to be rebound).
    fn take_var(&mut self, name: &str) -> Option<Val<'p>> {
        let f = self.frames.last_mut()?;
        f.scopes
            .iter_mut()
            .rev()
            .find_map(|s| s.get_mut(name))
            .map(|slot| std::mem::replace(slot, Val::Unknown))
    }

    fn set_var(&mut self, name: &'p str, v: Val<'p>) {
        let f = self.frame();
        for s in f.scopes.iter_mut().rev() {
            if let Some(slot) = s.get_mut(name) {
                *slot = v;
                return;
            }
        }
        if let Some(s) = f.scopes.last_mut() {
            s.insert(name, v);
        }
    }

    /// Binds a pattern: a tuple pattern takes a list's items (`let (router, api) = ..`).
    fn bind_pat(&mut self, pat: &'p Pat, v: Val<'p>) {
        match (pat, v) {
            // An axum router bound to `_` or to a name written unused (`let (_router, api) =
            // ..split_for_parts()` to write the OpenAPI document): dropped, never served. (A
            // Rocket is bound so once launched: `let _ = rocket::build()..launch().await`.)
            (Pat::Name(n), Val::Router(rv)) if n.starts_with('_') && rv.kind == RvKind::Axum => {
                self.drop_router(&rv);
                self.bind(n, Val::Unknown);
            }
            (Pat::Ignore, Val::Router(rv)) if rv.kind == RvKind::Axum => self.drop_router(&rv),
            (Pat::Ignore, _) => {}
            (Pat::Name(n), v) => self.bind(n, v),
            (Pat::Tuple(ps), Val::List(vs)) => {
                let mut vs = vs.into_iter();
                for p in ps {
                    let v = vs.next().unwrap_or(Val::Unknown);
                    self.bind_pat(p, v);
                }
            }
            (Pat::Tuple(ps), _) => {
                for p in ps {
                    self.bind_pat(p, Val::Unknown);
                }
            }
            // A struct taken apart by its fields' names: each field's value where the struct
            // was built here (`Settings { mounts, .. }`), unknown otherwise.
            (Pat::Struct(fs), v) => {
                let mut known = match v {
                    Val::Struct(fields) => fields,
                    _ => Vec::new(),
                };
                for (name, p) in fs {
                    let v = known
                        .iter()
                        .position(|(n, _)| n == name)
                        .map_or(Val::Unknown, |i| known.swap_remove(i).1);
                    self.bind_pat(p, v);
                }
            }
        }
    }

    fn bind(&mut self, name: &'p str, v: Val<'p>) {
        if let Some(s) = self.frame().scopes.last_mut() {
            s.insert(name, v);
        }
    }

    fn default_for(&mut self, param: &Param) -> Val<'p> {
        match param.ty.as_ref().map(super::ir::Ty::name) {
            Some("ServiceConfig") => Val::Router(self.new_rv(RvKind::ActixConfig, String::new())),
            _ => Val::Unknown,
        }
    }

    fn bind_params(&mut self, params: &'p [Param], args: Vec<Val<'p>>) {
        let mut args = args.into_iter();
        for param in params {
            // An argument not known here (`console(cfg)` in a closure whose `cfg` has no
            // type written) is what the parameter's type says (`cfg: &mut ServiceConfig`).
            let v = match args.next() {
                Some(Val::Unknown) | None => self.default_for(param),
                Some(v) => v,
            };
            if let Some(n) = &param.name {
                self.bind(n, v);
            }
        }
    }

    /// What a function of the project left in the routers and route lists it was given
    /// (`register(cfg)`, `svc.register_endpoints(cfg)`), put back in the caller's variables.
    fn hand_back(&mut self, fid: usize, args: &'p [Ex], finals: Vec<Option<Val<'p>>>) {
        let params = &self.p.fns[fid].params;
        for (i, (a, fin)) in args.iter().zip(finals).enumerate() {
            // A value moved into the function is not the caller's any more.
            if params.get(i).is_some_and(|p| p.moved) {
                continue;
            }
            if let (Ex::Path(var, _, _), Some(v)) = (a, fin) {
                if let [var] = var.as_slice() {
                    let Some(old) = self.lookup(var) else {
                        continue;
                    };
                    match v {
                        Val::Router(rv) => {
                            if let Val::Router(o) = old {
                                self.consume(o.id);
                            }
                            let v = self.produce(rv);
                            self.set_var(var, v);
                        }
                        Val::Rocket(_) => self.set_var(var, v),
                        _ => {}
                    }
                }
            }
        }
    }

    fn param_finals(&self, params: &'p [Param]) -> Vec<Option<Val<'p>>> {
        params
            .iter()
            .map(|p| p.name.as_deref().and_then(|n| self.lookup(n)))
            .collect()
    }

    fn call_fn(&mut self, fid: usize, args: Vec<Val<'p>>) -> (Val<'p>, Vec<Option<Val<'p>>>) {
        self.call_method_fn(fid, None, None, args)
    }

    /// Calls a function and each of its definitions under another `cfg` ([`Project::cfg_twins`]):
    /// what they build is joined, each route under its definition's `cfg`. `self_ty`: the
    /// type a blanket impl's method runs for ([`Frame::self_ty`]).
    fn call_fn_each_cfg(
        &mut self,
        fid: usize,
        self_ty: Option<&'p str>,
        args: Vec<Val<'p>>,
    ) -> (Val<'p>, Vec<Option<Val<'p>>>) {
        let twins = self.p.cfg_twins(fid);
        if twins.is_empty() || !self.builds[fid] {
            return self.call_method_fn(fid, None, self_ty, args);
        }
        let (ret, finals) = self.call_method_fn(fid, None, self_ty, args.clone());
        let first = (under_cfg(ret, &self.p.fns[fid].cfg), finals);
        twins.iter().fold(first, |(ret, finals), &twin| {
            self.inlined.insert(twin);
            let (r, f) = self.call_method_fn(twin, None, self_ty, args.clone());
            let r = under_cfg(r, &self.p.fns[twin].cfg);
            // Tables of mounts each definition returns (`vec![("/api", api::routes())]`
            // and, with a feature, `("/", site::routes())` too): every row of either.
            let ret = match (ret, r) {
                (Val::List(mut a), Val::List(b))
                    if [&a, &b]
                        .iter()
                        .all(|l| !l.is_empty() && l.iter().all(|v| matches!(v, Val::List(_)))) =>
                {
                    a.extend(b);
                    Val::List(a)
                }
                (ret, r) => self.join(ret, r),
            };
            let mut f = f.into_iter();
            let finals = finals
                .into_iter()
                .map(|a| match (a, f.next().flatten()) {
                    (Some(a), Some(b)) => Some(self.join(a, b)),
                    (a, b) => a.or(b),
                })
                .collect();
            (ret, finals)
        })
    }

    /// Calls a function; a method's receiver is bound to `self`; `Self` is `self_ty` when
    /// given (a blanket impl's method called on a type), else the function's own type.
    fn call_method_fn(
        &mut self,
        fid: usize,
        recv: Option<Val<'p>>,
        self_ty: Option<&'p str>,
        args: Vec<Val<'p>>,
    ) -> (Val<'p>, Vec<Option<Val<'p>>>) {
        if self.stack.contains(&fid) || self.stack.len() > MAX_DEPTH {
            return (Val::Unknown, Vec::new());
        }
        let f = &self.p.fns[fid];
        // A router moved into the function is the function's to mount, return or serve: it
        // leaves the caller's outputs (`api = wrap(api)` is not also `api` at the root).
        let moved: Vec<Rv<'p>> = f
            .params
            .iter()
            .zip(&args)
            .filter_map(|(p, a)| match a {
                Val::Router(rv) if p.moved => Some(rv.clone()),
                _ => None,
            })
            .collect();
        for rv in &moved {
            self.consume(rv.id);
        }
        // A helper that builds a string (`fn concat_path(first: &str, second: &str) ->
        // String`) given a value known only at run time: a marked part of the string.
        let mut args = args;
        // The one path a helper of one string parameter is given, for one that only rewrites
        // its parameters' syntax (see below).
        let path_in = match (&f.params[..], &args[..]) {
            ([p], [Val::Str(s)])
                if s.starts_with('/')
                    && matches!(f.ret_ty.as_deref(), Some("String" | "str"))
                    && p.ty
                        .as_ref()
                        .is_some_and(|t| matches!(t.name(), "str" | "String"))
                    && !s.contains(UNKNOWN) =>
            {
                Some(s.clone())
            }
            _ => None,
        };
        if matches!(f.ret_ty.as_deref(), Some("String" | "str")) {
            for (p, a) in f.params.iter().zip(args.iter_mut()) {
                if matches!(a, Val::Unknown)
                    && p.ty
                        .as_ref()
                        .is_some_and(|t| matches!(t.name(), "str" | "String"))
                {
                    *a = Val::Str(UNKNOWN.to_string());
                }
            }
        }
        self.stack.push(fid);
        let mut frame = Frame::of(fid, f);
        if self_ty.is_some() {
            frame.self_ty = self_ty;
        }
        self.frames.push(frame);
        for rv in moved {
            self.frame().outputs.insert(rv.id, rv);
        }
        self.bind_params(&f.params, args);
        if let Some(r) = recv {
            self.bind("self", r);
        }
        let v = self.block(&f.body);
        // Every `return` and the tail contribute (`if off { return routes![a]; } routes![b]`).
        let ret = match self.frame().ret.take() {
            Some(r) => self.join(r, v),
            None => v,
        };
        // A helper given one path that it rewrites in a way not followed here, with no text
        // of its own but separators and brackets (`fn axum_params(p: &str) -> String {
        // p.split('/').map(|s| .. format!(":{}", ..)).join("/") }`, `{id}` to `:id`): the
        // path, as written (parameters are listed in one syntax anyway).
        let ret = match path_in {
            Some(p)
                if str_of(&ret).is_none()
                    && self.p.fn_text(f).is_some_and(literals_only_punctuate) =>
            {
                Val::Str(p)
            }
            _ => ret,
        };
        let finals = self.param_finals(&f.params);
        let mut frame = self.frames.pop().expect("frame pushed above");
        self.stack.pop();
        // The routers it returns, also inside a tuple (`(names, router)`), are the caller's.
        match &ret {
            Val::Router(rv) => {
                frame.outputs.remove(&rv.id);
            }
            Val::List(items) => {
                for v in items {
                    if let Val::Router(rv) = v {
                        frame.outputs.remove(&rv.id);
                    }
                }
            }
            _ => {}
        }
        // What it leaves in a parameter is the caller's, but for a router moved in: that is
        // the function's to serve (`fn serve(app: Router) { .. }`).
        for (p, fin) in f.params.iter().zip(&finals) {
            if let (false, Some(Val::Router(rv))) = (p.moved, fin) {
                frame.outputs.remove(&rv.id);
            }
        }
        // Routers the callee built and handed to no router stay live (a Rocket fairing
        // that mounts routes, a server started inside the function).
        for (_, rv) in std::mem::take(&mut frame.outputs) {
            self.produce(rv);
        }
        let ret = match ret {
            Val::Router(mut rv) => {
                rv.returned_by = Some(fid);
                self.produce(rv)
            }
            Val::List(items) => Val::List(
                items
                    .into_iter()
                    .map(|v| match v {
                        Val::Router(mut rv) => {
                            rv.returned_by = Some(fid);
                            self.produce(rv)
                        }
                        other => other,
                    })
                    .collect(),
            ),
            other => other,
        };
        (ret, finals)
    }

    fn run_closure(
        &mut self,
        c: &'p Closure,
        args: Vec<Val<'p>>,
    ) -> (Val<'p>, Vec<Option<Val<'p>>>) {
        if self.frames.is_empty() {
            return (Val::Unknown, Vec::new());
        }
        // What it registers is located in its own file, also when a function returned it
        // to be run here (`fn service(state) -> impl Fn(&mut ServiceConfig)`).
        let file = std::mem::replace(&mut self.frame().file, c.file);
        self.frame().scopes.push(HashMap::new());
        self.bind_params(&c.params, args);
        // A `return` in its body gives the closure's value, not the function's around it.
        let outer_ret = self.frame().ret.take();
        let v = self.eval(&c.body);
        let v = match self.frame().ret.take() {
            Some(r) => self.join(r, v),
            None => v,
        };
        self.frame().ret = outer_ret;
        let finals = self.param_finals(&c.params);
        self.frame().scopes.pop();
        self.frame().file = file;
        (v, finals)
    }

    fn block(&mut self, b: &'p Block) -> Val<'p> {
        self.frame().scopes.push(HashMap::new());
        let mut result = Val::Unknown;
        let n = b.stmts.len();
        for (i, s) in b.stmts.iter().enumerate() {
            match s {
                Stmt::Let(pat, e) => {
                    self.rebinding = match pat {
                        Pat::Name(n) => chain_root(e).filter(|r| r == n),
                        _ => None,
                    };
                    let v = self.eval(e);
                    self.rebinding = None;
                    self.bind_pat(pat, v);
                }
                Stmt::Assign(name, e) => {
                    self.rebinding = chain_root(e).filter(|r| r == name);
                    let v = self.eval(e);
                    self.rebinding = None;
                    self.set_var(name, v);
                }
                Stmt::Expr(e, semi) => {
                    let v = self.eval_updating(e);
                    if !semi && i + 1 == n {
                        result = v;
                    }
                }
            }
        }
        self.frame().scopes.pop();
        result
    }

    /// The one arm of a `match` (lowered as its scrutinee and arms) that a scrutinee known
    /// when compiling takes: an enum variant written out or held by a constant, matched by
    /// an arm naming that variant, else by a catch-all `_`.
    fn taken_arm(&self, v: &'p [Ex]) -> Option<&'p Ex> {
        let [scrutinee, Ex::Branches(arms)] = v else {
            return None;
        };
        let variant = |e: &Ex| match e {
            Ex::Path(q, _, _)
                if q.len() >= 2
                    && q[q.len() - 2].starts_with(|c: char| c.is_ascii_uppercase())
                    && q[q.len() - 1].starts_with(|c: char| c.is_ascii_uppercase()) =>
            {
                Some(q[q.len() - 2..].join("::"))
            }
            _ => None,
        };
        let known = variant(scrutinee).or_else(|| {
            let Ex::Path(p, _, _) = scrutinee else {
                return None;
            };
            let module = self.frames.last()?.module;
            variant(&self.p.resolve_const(module, p)?.value)
        })?;
        let pattern = |a: &'p Ex| match a {
            Ex::Cond(c) if c.0.starts_with("match ") => {
                c.0.rsplit_once(": ").map(|(_, pat)| (pat.trim(), &c.1))
            }
            _ => None,
        };
        let pats: Vec<(&str, &'p Ex)> = arms.iter().map(pattern).collect::<Option<_>>()?;
        let names = |pat: &str, known: &str| {
            pat == known
                || pat.ends_with(&format!("::{known}"))
                || known.ends_with(&format!("::{pat}"))
        };
        let mut hits = pats.iter().filter(|(p, _)| names(p, &known));
        match (hits.next(), hits.next()) {
            (Some((_, arm)), None) => Some(arm),
            (None, _) => pats.iter().find(|(p, _)| *p == "_").map(|(_, arm)| *arm),
            _ => None,
        }
    }

    /// The arm of an `if` whose condition is a flag known here: `true`/`false`, or a
    /// variable holding one (`if enable_auth { .. }` in `fn proxy_routes(enable_auth: bool)`
    /// called as `proxy_routes(true)`).
    fn taken_if(&self, v: &'p [Ex]) -> Option<&'p Ex> {
        let [Ex::Path(p, _, _), Ex::Branches(arms)] = v else {
            return None;
        };
        let [Ex::Cond(then), Ex::Cond(els)] = &arms[..] else {
            return None;
        };
        if !then.0.starts_with("if ") {
            return None;
        }
        let known = match &p[..] {
            [b] if b == "true" => true,
            [b] if b == "false" => false,
            [var] => match self.peek(var)? {
                Val::Bool(b) => *b,
                _ => return None,
            },
            _ => return None,
        };
        Some(if known { &then.1 } else { &els.1 })
    }

    /// `cfg.service(x);` / `routes.extend(...)`, a statement or the arm of a `match`: the
    /// chain updates its variable. A router held by the variable is moved into the chain (not
    /// copied), so that a run of such statements is linear, as for rebindings.
    fn eval_updating(&mut self, e: &'p Ex) -> Val<'p> {
        let root = chain_root(e).filter(|var| self.peek(var).is_some());
        self.rebinding =
            root.filter(|var| matches!(self.peek(var), Some(Val::Router(_) | Val::Rocket(_))));
        let v = self.eval(e);
        self.rebinding = None;
        if let Some(var) = root {
            if matches!(v, Val::Router(_) | Val::Rocket(_) | Val::Methods(_)) {
                self.set_var(var, v.clone());
            }
        }
        v
    }

    fn eval(&mut self, e: &'p Ex) -> Val<'p> {
        if self.budget == 0 {
            return Val::Unknown;
        }
        self.budget -= 1;
        match e {
            Ex::Str(s, _) => Val::Str(s.clone()),
            Ex::Path(p, _, _) => self.path(p),
            Ex::Call { func, args, span } => self.call(e, func, args, *span),
            Ex::Method {
                recv,
                name,
                args,
                span,
            } => {
                if args.is_empty() {
                    if let Some(s) = self.variant_str(recv, name) {
                        return Val::Str(s);
                    }
                }
                let r = self.eval(recv);
                let a: Vec<Val> = args.iter().map(|x| self.eval(x)).collect();
                self.method(e, r, name, a, args, *span)
            }
            Ex::Macro { name, args, span } => self.mac(name, args, *span),
            Ex::Closure(c) => Val::Closure(c),
            Ex::Block(b) => self.block(b),
            Ex::List(v) => Val::List(v.iter().map(|x| self.eval(x)).collect()),
            Ex::Branches(v) => {
                let vals: Vec<Val> = v.iter().map(|x| self.eval_updating(x)).collect();
                if let Some(m) = self.documented_dispatch(&vals) {
                    return m;
                }
                let mut out = Val::Unknown;
                for v in vals {
                    out = self.join(out, v);
                }
                out
            }
            Ex::Concat(v) => {
                let vals: Vec<Val> = v.iter().map(|x| self.eval(x)).collect();
                joined_str(&vals, "")
            }
            Ex::Cond(c) => {
                let on = self.branch_off == 0;
                if on {
                    self.branch.push(c.0.as_str());
                    self.arm_start.push(self.registered.get());
                }
                let v = self.eval_updating(&c.1);
                if on {
                    self.branch.pop();
                    self.arm_start.pop();
                }
                v
            }
            Ex::Return(x) => {
                let v = self.eval(x);
                let joined = match self.frame().ret.take() {
                    Some(r) => self.join(r, v.clone()),
                    None => v.clone(),
                };
                self.frame().ret = Some(joined);
                v
            }
            // A table of routes applied in a loop: the body once per item of a known list
            // (bounded), in a scope of its own; the variables it assigns are the function's.
            Ex::For(f) => {
                let (pat, iter, body) = &**f;
                let Val::List(items) = self.eval(iter) else {
                    self.frame().scopes.push(HashMap::new());
                    self.bind_pat(pat, Val::Unknown);
                    self.block(body);
                    self.frame().scopes.pop();
                    return Val::Unknown;
                };
                for item in items.into_iter().take(MAX_LOOP_ITEMS) {
                    self.frame().scopes.push(HashMap::new());
                    self.bind_pat(pat, item);
                    self.block(body);
                    self.frame().scopes.pop();
                }
                Val::Unknown
            }
            Ex::Struct(_, fields) => Val::Struct(
                fields
                    .iter()
                    .map(|(n, e)| (n.as_str(), self.eval(e)))
                    .collect(),
            ),
            Ex::Field(base, name) => match self.eval(base) {
                Val::Struct(fields) => fields
                    .into_iter()
                    .find(|(n, _)| *n == name)
                    .map_or(Val::Unknown, |(_, v)| v),
                _ => Val::Unknown,
            },
            // The value of an `if`/`match` is its arms'.
            Ex::Other(v) => {
                // A `match` on a value known when compiling (`match MODE { Mode::Full => ..
                // }` with `const MODE: Mode = Mode::Full`), an `if` on a flag known here (a
                // literal, a parameter given one): only the arm taken, unconditionally.
                if let Some(arm) = self.taken_arm(v).or_else(|| self.taken_if(v)) {
                    self.branch_off += 1;
                    let out = self.eval_updating(arm);
                    self.branch_off -= 1;
                    return out;
                }
                // A condition or scrutinee whose value is known here (`if path.is_empty()`
                // in a path helper, `match (a.is_empty(), b.is_empty())`): the arm it takes.
                let mut scrutinee = None;
                if let [x, Ex::Branches(arms)] = &v[..] {
                    let val = self.eval(x);
                    if let Some(arm) = arm_for_value(&val, arms) {
                        self.branch_off += 1;
                        let out = self.eval_updating(arm);
                        self.branch_off -= 1;
                        return out;
                    }
                    scrutinee = Some(val);
                }
                let mut out = Val::Unknown;
                let mut known = false;
                for x in v {
                    if let Some(val) = scrutinee.take() {
                        known = matches!(val, Val::Str(_) | Val::Fn(_) | Val::Methods(_));
                        continue;
                    }
                    if matches!(x, Ex::Branches(_)) {
                        self.branch_off += u32::from(known);
                        out = self.eval(x);
                        self.branch_off -= u32::from(known);
                    } else {
                        known = matches!(self.eval(x), Val::Str(_) | Val::Fn(_) | Val::Methods(_));
                    }
                }
                out
            }
        }
    }

    fn path(&mut self, p: &'p [String]) -> Val<'p> {
        if let [b] = p {
            match b.as_str() {
                "true" => return Val::Bool(true),
                "false" => return Val::Bool(false),
                _ => {}
            }
        }
        if p.len() == 1 {
            if self.rebinding == Some(p[0].as_str()) {
                self.rebinding = None;
                if let Some(v) = self.take_var(&p[0]) {
                    return v;
                }
            }
            if let Some(v) = self.lookup(&p[0]) {
                return v;
            }
        }
        let module = self.frames.last().map_or(&[][..], |f| f.module);
        if module.is_empty() {
            return Val::Unknown;
        }
        let own;
        let p = match (p, self.frames.last().and_then(|f| f.self_ty)) {
            ([first, rest @ ..], Some(ty)) if first == "Self" && !rest.is_empty() => {
                own = [&[ty.to_string()], rest].concat();
                &own[..]
            }
            _ => p,
        };
        if let Some(c) = self.p.resolve_const(module, p) {
            if let Ex::Str(s, _) = &c.value {
                return Val::Str(s.clone());
            }
            // Constants built from other constants, `concat!`, struct literals and `const fn`
            // calls (`pub const ROUTES: Routes = Routes::new();`), in the constant's module.
            if self.frames.len() < MAX_DEPTH {
                let file = self.frames.last().map_or(0, |f| f.file);
                self.frames.push(Frame::new(&c.module, None, file));
                let v = self.eval(&c.value);
                self.frames.pop();
                return v;
            }
        }
        match self.resolve(p) {
            Some(fid) => Val::Fn(fid),
            None => Val::Unknown,
        }
    }

    /// The string value of a variable or constant named in a `format!` string.
    fn named_str(&self, name: &str) -> Option<String> {
        if let Some(v) = self.lookup(name) {
            return str_of(&v);
        }
        let module = self.frames.last().map(|f| f.module)?;
        match &self.p.resolve_const(module, &[name.to_string()])?.value {
            Ex::Str(s, _) => Some(s.clone()),
            _ => None,
        }
    }

    /// Resolves a function path from the current function: its nested functions first.
    fn resolve(&self, p: &[String]) -> Option<usize> {
        let frame = self.frames.last()?;
        if p.first().is_some_and(|s| s == "Self") {
            let mut q = p.to_vec();
            q[0] = frame.self_ty?.to_string();
            return self.p.resolve_fn(frame.module, &q);
        }
        if let (Some(fid), [name]) = (frame.fid, p) {
            let outer = &self.p.fns[fid];
            let mut nested = outer.module.clone();
            nested.push(outer.name.clone());
            nested.push(name.clone());
            if let Some(id) = self.p.fn_at(&nested) {
                return Some(id);
            }
        }
        // Through the `use`s written in the function's body first.
        if let Some(fid) = frame.fid {
            let outer = &self.p.fns[fid];
            let mut inner = outer.module.clone();
            inner.push(outer.name.clone());
            if self.p.has_uses(&inner) {
                if let Some(id) = self.p.resolve_fn(&inner, p) {
                    return Some(id);
                }
            }
        }
        self.p.resolve_fn(frame.module, p)
    }

    /// A service argument: a handler turned into a service stays a handler.
    fn service_ref(&self, v: &Val<'p>, e: &Ex) -> (HRef<'p>, RouteKind) {
        match v {
            Val::Fn(_) | Val::Closure(_) => (self.href(v), RouteKind::Handler),
            _ => (HRef::Service(describe(e)), RouteKind::Service),
        }
    }

    /// An axum handler that is a value answering every request alike: a string literal,
    /// `Json(..)`/`Html(..)` of anything, or a variable of the function bound to one
    /// (`let info = Json(json!({..})); .route("/info", get(info))`); described.
    fn fixed_response(&self, v: &Val<'p>, e: &'p Ex) -> Option<String> {
        fn value(e: &Ex) -> Option<String> {
            match e {
                Ex::Str(s, _) => Some(format!("{:?}", crate::cond::bounded(s))),
                Ex::Call { func, .. } => match &**func {
                    Ex::Path(p, _, _)
                        if p.last()
                            .is_some_and(|l| matches!(l.as_str(), "Json" | "Html")) =>
                    {
                        Some(format!("{}(..)", p.last()?))
                    }
                    _ => None,
                },
                _ => None,
            }
        }
        // A function or closure of that name is the handler.
        if matches!(v, Val::Fn(_) | Val::Closure(_)) {
            return None;
        }
        match e {
            Ex::Path(p, _, _) if p.len() == 1 => {
                let fid = self.frames.last()?.fid?;
                value(let_init(&self.p.fns[fid].body, &p[0])?)
            }
            e => value(e),
        }
    }

    fn href(&self, v: &Val<'p>) -> HRef<'p> {
        match v {
            Val::Fn(fid) => HRef::Fn(*fid),
            Val::Closure(c) => match self.delegate(c) {
                Some(fid) => HRef::Fn(fid),
                None => HRef::Closure(c, self.frames.last().map_or(0, |f| f.file)),
            },
            _ => HRef::Unknown,
        }
    }

    /// The function of the project a closure handler hands the request to, passing every
    /// parameter on (`post(move |state, body| chat(state, body, models))`, `|req| async move
    /// { proxy(req).await }`): that function is the handler, its parameters the extractors.
    fn delegate(&self, c: &Closure) -> Option<usize> {
        let mut body = &c.body;
        while let Ex::Block(b) = body {
            match b.stmts.as_slice() {
                [Stmt::Expr(e, false)] => body = e,
                _ => return None,
            }
        }
        let Ex::Call { func, args, .. } = body else {
            return None;
        };
        let Ex::Path(p, _, _) = &**func else {
            return None;
        };
        let passed = c.params.iter().all(|prm| {
            prm.name.as_deref().is_some_and(|n| {
                args.iter()
                    .any(|a| matches!(a, Ex::Path(q, _, _) if q.len() == 1 && q[0] == n))
            })
        });
        if !passed {
            return None;
        }
        let fid = self.resolve(p)?;
        let f = &self.p.fns[fid];
        // Not a function that builds a router (its text may mention one; its type says).
        let router = f
            .ret_ty
            .as_deref()
            .is_some_and(|t| crate::ir::ROUTER_TYPES.contains(&t) || t == "Rocket");
        (!f.is_test && f.routes.is_empty() && !router).then_some(fid)
    }

    fn call(&mut self, whole: &'p Ex, func: &'p Ex, args: &'p [Ex], span: Span) -> Val<'p> {
        let vals: Vec<Val> = args.iter().map(|x| self.eval(x)).collect();
        let Ex::Path(p, _, _) = func else {
            self.eval(func);
            return Val::Unknown;
        };
        let last = p.last().map_or("", String::as_str);
        // A type of the project named like a framework's router (`struct App { router, .. }`
        // with `impl App { fn new(..) }`): its constructor is the project's function, no
        // framework's.
        // (Not one written with the framework's crate: `axum::Router::new()`.)
        let framework_crate = p.first().is_some_and(|c| {
            matches!(
                c.as_str(),
                "axum" | "actix_web" | "rocket" | "aide" | "utoipa_axum"
            )
        });
        // (Nor one the calling module imports from a framework: a `tui` crate's `App` is no
        // `App` of the web crate beside it, which imports actix's.)
        let module = self.frames.last().map_or(&[][..], |f| f.module);
        let own_ty = match p.as_slice() {
            [.., ty, _]
                if !framework_crate
                    && self.p.router_named_types.contains(ty)
                    && !self.p.imports_from_framework(module, ty) =>
            {
                self.resolve(p)
                    .filter(|&f| self.p.fns[f].self_ty.as_deref() == Some(ty.as_str()))
                    .map(|_| ty.as_str())
            }
            _ => None,
        };
        let has = |s: &str| own_ty != Some(s) && p.iter().any(|x| x == s);
        let arg_span = |i: usize| args.get(i).and_then(Ex::span).unwrap_or(span);
        // A closure held in a variable (`let (console, _) = configurator(..)?;` then
        // `console(cfg)`): run with the arguments.
        if let [name] = p.as_slice() {
            if let Some(Val::Closure(c)) = self.lookup(name) {
                return self.run_closure(c, vals).0;
            }
            // A function handed in as an argument (`fn with<F>(self, f: F) -> Self { f(self) }`
            // given `orders::register`): called with the arguments.
            if let Some(Val::Fn(fid)) = self.lookup(name) {
                self.inlined.insert(fid);
                return self.call_fn(fid, vals).0;
            }
        }

        // Constructors.
        // utoipa-rapidoc's `RapiDoc::new(spec_url)` names where its page loads the description
        // from: the page is at `/` until `.path(..)` moves it, and the description is served
        // by `with_openapi(spec_url, ..)` and `with_url(page, spec_url, ..)` only.
        if has("RapiDoc")
            && matches!(last, "new" | "with_openapi" | "with_url")
            && matches!(vals.first(), Some(Val::Str(_)))
        {
            let mut rv = self.new_rv(RvKind::Axum, String::new());
            let reg = self.loc(arg_span(0));
            let (page, spec) = match last {
                "with_url" => (
                    self.path_arg(vals.first(), args.first(), span),
                    Some(self.path_arg(vals.get(1), args.get(1), span)),
                ),
                "with_openapi" => (
                    "/".to_string(),
                    Some(self.path_arg(vals.first(), args.first(), span)),
                ),
                _ => ("/".to_string(), None),
            };
            // The page first: `.path(..)` moves it.
            self.docs_page(&mut rv, page, describe(func), reg);
            if let Some(spec) = spec {
                self.docs_page(&mut rv, spec, describe(func), reg);
            }
            return self.produce(rv);
        }
        // API docs UIs (utoipa-swagger-ui, -redoc, -scalar): a page at their path.
        // (Arrow's `Scalar::new(array)` is no docs UI: the others take a path.)
        if (has("SwaggerUi")
            || ((has("Redoc") || has("Scalar")) && matches!(vals.first(), Some(Val::Str(_)))))
            && (last == "new" || last.starts_with("with_url"))
        {
            let mut rv = self.new_rv(RvKind::Axum, String::new());
            let path = self.path_arg(vals.first(), args.first(), span);
            let reg = self.loc(arg_span(0));
            // Swagger UI answers its path with a slash too (`/docs/`) and loads its assets
            // from below it (`/docs/{*rest}`), unless the path is a catch-all already
            // (`/swagger-ui/{_:.*}`).
            let catch_all = path
                .rsplit('/')
                .next()
                .is_some_and(|s| s.starts_with("{*") || s.ends_with(":.*}") || s.ends_with(":.+}"));
            if has("SwaggerUi") && !catch_all {
                let below = join_nest(&path, "/{*rest}");
                self.docs_page(&mut rv, below, describe(func), reg);
                // (Not after a catch-all written in the path: `/swagger-ui/{_:.*}`.)
                if !path.ends_with(['/', '}']) {
                    self.docs_page(&mut rv, format!("{path}/"), describe(func), reg);
                }
            }
            self.docs_page(&mut rv, path, describe(func), reg);
            return self.produce(rv);
        }
        // leptos: the pages of the application component's route tree.
        if last.starts_with("generate_route_list") {
            if let Some(Val::Fn(app)) = vals.first() {
                let mut pages = Vec::new();
                self.pages_of(*app, "", 0, &mut pages);
                return Val::Pages(pages);
            }
        }
        // poem's `Route::new()` (Rocket's takes a method, a path and a handler).
        if has("Route") && last == "new" && args.is_empty() && self.names_poem() {
            let rv = self.new_rv(RvKind::Poem, String::new());
            return self.produce(rv);
        }
        // poem-openapi's `OpenApiService::new(api, title, version)`: the operations of the
        // `#[OpenApi]` impls of the value it is given (one, or a tuple of them).
        if has("OpenApiService") && last == "new" && !args.is_empty() {
            let mut rv = self.new_rv(RvKind::Poem, String::new());
            let mut types = Vec::new();
            self.api_types(&args[0], arg_span(0), &mut types, 0);
            if types.is_empty() {
                self.note(
                    arg_span(0),
                    format!("API not followed: {}", describe_path(&args[0])),
                );
            }
            for (ty, at) in types {
                let fids = self.oai_operations(ty);
                if fids.is_empty() {
                    self.note(
                        at,
                        format!("API not followed: {ty} (no #[OpenApi] impl seen)"),
                    );
                }
                let reg = self.loc(at);
                for fid in fids {
                    self.attr_entries(&mut rv, fid, reg, Framework::Poem);
                }
            }
            return self.produce(rv);
        }
        let code_first_router = has("OpenApiRouter") || has("ApiRouter");
        if (has("Router") || code_first_router)
            && matches!(last, "new" | "default" | "with_openapi")
        {
            let rv = self.new_rv(RvKind::Axum, String::new());
            return self.produce(rv);
        }
        // oasgen's builder (`Server::axum().get("/search", search)..freeze()`), made an axum
        // router by `.into_router()`.
        if has("Server") && last == "axum" && args.is_empty() {
            let rv = self.new_rv(RvKind::Axum, String::new());
            return self.produce(rv);
        }
        if has("App") && last == "new" {
            let rv = self.new_rv(RvKind::ActixApp, String::new());
            return self.produce(rv);
        }
        // actix's `web::scope(..)`/`web::resource(..)` (also imported bare, and utoipa-actix-
        // web's `utoipa_actix_web::scope(..)`), `Scope::new`,
        // `Resource::new` with a path; not a function of the project so named
        // (`resource(crate_name, version)` building telemetry attributes) nor another
        // crate's `Resource::new(attributes)`.
        let actix_ctor = |ev: &Self, name: &str, ty: &str| {
            ((last == name
                && (has("web")
                    || has("utoipa_actix_web")
                    || (p.len() == 1 && ev.resolve(p).is_none())))
                || (has(ty) && last == "new"))
                && match vals.first() {
                    Some(Val::List(l)) => l.iter().any(|v| matches!(v, Val::Str(_))),
                    Some(v) => matches!(v, Val::Str(_) | Val::Unknown),
                    None => true,
                }
        };
        if actix_ctor(self, "scope", "Scope") {
            let prefix = self.prefix_arg(vals.first(), args.first(), span);
            let rv = self.new_rv(RvKind::ActixScope, prefix);
            return self.produce(rv);
        }
        if actix_ctor(self, "resource", "Resource") {
            let (prefix, alts) = match vals.first() {
                Some(Val::List(l)) => (
                    self.path_arg(l.first(), args.first(), span),
                    l.iter().skip(1).filter_map(str_of).collect::<Vec<_>>(),
                ),
                v => (self.path_arg(v, args.first(), span), Vec::new()),
            };
            let mut rv = self.new_rv(RvKind::ActixResource, prefix);
            rv.alt_prefixes = alts;
            return self.produce(rv);
        }
        if (has("rocket") || has("Rocket")) && matches!(last, "build" | "custom") {
            let rv = self.new_rv(RvKind::Rocket, String::new());
            return self.produce(rv);
        }
        if has("Vec") && matches!(last, "new" | "with_capacity") {
            return Val::List(Vec::new());
        }
        if has("MethodRouter") && last == "new" {
            return Val::Methods(Vec::new());
        }
        // actix route builders: web::get(), web::route(), web::method(Method::GET) (also
        // imported bare; not a type's `Login::route()`).
        if args.is_empty()
            && (METHODS.contains(&last) || last == "route")
            && (p.len() == 1 || has("web"))
        {
            let method = if last == "route" {
                "ANY".to_string()
            } else {
                last.to_ascii_uppercase()
            };
            return Val::Methods(vec![MEntry {
                method,
                handler: None,
                fw: Framework::ActixWeb,
                kind: RouteKind::Handler,
                reg: self.loc(span),
                mw: Vec::new(),
            }]);
        }
        // (`web::to(h)`, also imported bare; not a function of the project so named.)
        if last == "to"
            && (has("web") || (p.len() == 1 && self.resolve(p).is_none()))
            && args.len() == 1
        {
            return Val::Methods(vec![MEntry {
                method: "ANY".into(),
                handler: Some(self.href(&vals[0])),
                fw: Framework::ActixWeb,
                kind: RouteKind::Handler,
                reg: self.loc(arg_span(0)),
                mw: Vec::new(),
            }]);
        }
        if last == "method" && has("web") && args.len() == 1 {
            return Val::Methods(vec![MEntry {
                method: method_from_filter(&args[0]).unwrap_or_else(|| "ANY".into()),
                handler: None,
                fw: Framework::ActixWeb,
                kind: RouteKind::Handler,
                reg: self.loc(span),
                mw: Vec::new(),
            }]);
        }
        // axum method routers: get(h), any(h), on(filter, h), get_service(svc); aide's
        // get_with(h, docs).
        let last = match last.strip_suffix("_with") {
            Some(m) if args.len() == 2 && (METHODS.contains(&m) || m == "any") => m,
            _ => last,
        };
        let one_handler =
            args.len() == 1 || (args.len() == 2 && p.last().is_some_and(|l| l.ends_with("_with")));
        if one_handler && (METHODS.contains(&last) || last == "any") {
            let method = if last == "any" {
                "ANY".to_string()
            } else {
                last.to_ascii_uppercase()
            };
            let handler = match self.fixed_response(&vals[0], &args[0]) {
                Some(what) => HRef::Service(format!("{FIXED_RESPONSE}{what}")),
                None => self.href(&vals[0]),
            };
            return Val::Methods(vec![MEntry {
                method,
                handler: Some(handler),
                fw: Framework::Axum,
                kind: RouteKind::Handler,
                reg: self.loc(arg_span(0)),
                mw: self.handler_layers(&args[0]),
            }]);
        }
        if args.len() == 2 && last == "on" {
            return Val::Methods(vec![MEntry {
                method: method_from_filter(&args[0]).unwrap_or_else(|| "ANY".into()),
                handler: Some(self.href(&vals[1])),
                fw: Framework::Axum,
                kind: RouteKind::Handler,
                reg: self.loc(arg_span(1)),
                mw: Vec::new(),
            }]);
        }
        if args.len() == 1 {
            if let Some(m) = last.strip_suffix("_service") {
                if METHODS.contains(&m) || m == "any" {
                    let (handler, kind) = self.service_ref(&vals[0], &args[0]);
                    return Val::Methods(vec![MEntry {
                        method: if m == "any" {
                            "ANY".into()
                        } else {
                            m.to_ascii_uppercase()
                        },
                        handler: Some(handler),
                        fw: Framework::Axum,
                        kind,
                        reg: self.loc(arg_span(0)),
                        mw: Vec::new(),
                    }]);
                }
            }
        }
        // Rocket manual routes: Route::new(Method::Get, "/path", handler).
        if has("Route") && (last == "new" || last == "ranked") && args.len() >= 3 {
            let off = args.len() - 3;
            let method = method_from_filter(&args[off]).unwrap_or_else(|| "ANY".into());
            let path = self.path_arg(vals.get(off + 1), args.get(off + 1), span);
            return Val::Rocket(vec![RItem::Manual {
                method,
                path,
                handler: self.href(&vals[off + 2]),
                reg: self.loc(arg_span(off + 2)),
                cond: None,
            }]);
        }
        // actix guards: guard::Get(), guard::Method(Method::GET).
        if has("guard") && args.len() <= 1 {
            let m = if last == "Method" {
                args.first().and_then(method_from_filter)
            } else if METHODS.contains(&last.to_ascii_lowercase().as_str()) {
                Some(last.to_ascii_uppercase())
            } else {
                None
            };
            if let Some(m) = m {
                return Val::MethodGuard(m);
            }
        }
        // Wrappers that hand their argument through (utoipa-axum's
        // `OpenApiRouter::from(router)` is that router).
        if matches!(last, "Some" | "Ok")
            || (matches!(last, "from" | "new") && (has("String") || has("Box") || has("Arc")))
            || (last == "from" && (has("OpenApiRouter") || has("ApiRouter") || has("Router")))
        {
            return vals.into_iter().next().unwrap_or(Val::Unknown);
        }
        // The closures passed in, for when nothing below takes them (see the end).
        let closures: Vec<&'p Closure> = vals
            .iter()
            .filter_map(|v| match v {
                Val::Closure(c) => Some(*c),
                _ => None,
            })
            .collect();
        // A function of the project: evaluate it with its arguments; what it leaves in a
        // variable handed by `&mut` (a `ServiceConfig`, a route list) is the caller's. One that
        // builds routes is never middleware, whatever its name; one that gives no value
        // (a constructor whose body is not read) may still be (`AuthLayer::new()`).
        if let Some(fid) = self.resolve(p) {
            if !self.p.fns[fid].is_test
                && (self.builds[fid] || !self.p.fns[fid].body.stmts.is_empty())
            {
                if self.builds[fid] {
                    self.inlined.insert(fid);
                }
                // A blanket impl's method runs for the type it was called on.
                let self_ty = match &p[..] {
                    _ if self.p.fns[fid].self_bounds.is_empty() => None,
                    [.., ty, _] if ty == "Self" => self.frames.last().and_then(|f| f.self_ty),
                    [.., ty, _] => Some(ty.as_str()),
                    _ => None,
                };
                let (ret, finals) = self.call_fn_each_cfg(fid, self_ty, vals);
                self.hand_back(fid, args, finals);
                if self.builds[fid] || !matches!(ret, Val::Unknown) {
                    return ret;
                }
            }
        }
        if let Some(mw) = self.classify_mw(whole) {
            return Val::Mw(mw);
        }
        // Anything else (HttpServer::new(|| App::new()...), AdHoc::on_ignite(.., |r| ..)):
        // closures passed in may build routers. What one leaves in its `ServiceConfig` is
        // the other library's to register.
        self.run_handed(closures);
        Val::Unknown
    }

    /// Runs closures handed to code not seen here (a function of another library, the
    /// caller of a function nothing here calls): the routers they build are marked
    /// [`Rv::handed`].
    fn run_handed(&mut self, closures: Vec<&'p Closure>) {
        for c in closures {
            // Routers are numbered in the order they are made: those made by the closure
            // come after `first`.
            let first = self.next_id;
            self.run_closure(c, Vec::new());
            for (_, rv) in self.frame().outputs.range_mut(first + 1..) {
                rv.handed = true;
            }
        }
    }

    fn mac(&mut self, name: &str, args: &'p [Ex], span: Span) -> Val<'p> {
        match name {
            "openapi_get_routes_spec" => {
                let routes = self.mac("routes", args, span);
                Val::List(vec![routes, Val::Unknown])
            }
            // rocket_okapi: `mount_endpoints_and_merged_docs! { rocket, base, settings,
            // "/users" => users::routes(), .. }` mounts each list under base + path.
            "mount_endpoints_and_merged_docs" if args.len() >= 3 => {
                let Ex::Path(var, _, _) = &args[0] else {
                    return Val::Unknown;
                };
                let Some(Val::Router(mut rv)) = self.lookup(&var[0]) else {
                    return Val::Unknown;
                };
                let base_v = self.eval(&args[1]);
                let base = self.prefix_arg(Some(&base_v), Some(&args[1]), span);
                for a in &args[3..] {
                    let Ex::List(kv) = a else { continue };
                    let [k, v] = kv.as_slice() else { continue };
                    let kv_val = self.eval(k);
                    let path = self.path_arg(Some(&kv_val), Some(k), span);
                    let items = self.eval(v);
                    let prefix = Val::Str(join_nest(&base, &path));
                    let out = self.router_method(rv, "mount", vec![prefix, items], kv, span);
                    rv = match out {
                        Val::Router(r) => r,
                        _ => return Val::Unknown,
                    };
                }
                let var0: &'p str = &var[0];
                let v = Val::Router(rv);
                self.set_var(var0, v.clone());
                v
            }
            "routes" | "openapi_get_routes" => {
                let mut items = Vec::new();
                for a in args {
                    if let Ex::Path(p, s, _) = a {
                        if let Some(fid) = self.resolve(p) {
                            items.push(RItem::Attr(fid, self.loc(*s), None));
                        }
                    }
                }
                Val::Rocket(items)
            }
            "vec" => {
                let vals: Vec<Val> = args.iter().map(|x| self.eval(x)).collect();
                if !vals.is_empty() && vals.iter().all(|v| matches!(v, Val::Rocket(_))) {
                    let mut items = Vec::new();
                    for v in vals {
                        if let Val::Rocket(i) = v {
                            items.extend(i);
                        }
                    }
                    Val::Rocket(items)
                } else {
                    Val::List(vals)
                }
            }
            // (const_format's `concatcp!(BASE, "/bls")` too.)
            "concat" | "concatcp" => {
                let vals: Vec<Val> = args.iter().map(|x| self.eval(x)).collect();
                joined_str(&vals, "")
            }
            // `stringify!(devices)`, a macro's identifier argument made a path part.
            "stringify" => match args {
                [Ex::Path(p, _, _)] => Val::Str(p.join("::")),
                _ => Val::Unknown,
            },
            "format" | "formatcp" => {
                let vals: Vec<Val> = args.iter().map(|x| self.eval(x)).collect();
                self.format(&vals)
            }
            _ => {
                for a in args {
                    self.eval(a);
                }
                if name_says_auth(self.p, name) {
                    Val::Mw(format!("middleware {name}!"))
                } else {
                    let _ = span;
                    Val::Unknown
                }
            }
        }
    }

    /// `format!` with `{}`, `{0}` and `{name}` placeholders whose values are evident.
    fn format(&mut self, vals: &[Val<'p>]) -> Val<'p> {
        let Some(Val::Str(fmt)) = vals.first() else {
            return Val::Unknown;
        };
        let mut out = String::new();
        let mut unknown = 0;
        let mut next = 1;
        for piece in crate::fmt::pieces(fmt) {
            let arg = match piece {
                crate::fmt::Piece::Lit(s) => {
                    out.push_str(&s);
                    continue;
                }
                crate::fmt::Piece::Arg { arg, .. } => arg,
            };
            let v = match arg {
                crate::fmt::Arg::Next => {
                    next += 1;
                    vals.get(next - 1).cloned()
                }
                crate::fmt::Arg::Index(i) => vals.get(i + 1).cloned(),
                crate::fmt::Arg::Name(name) => self.named_str(&name).map(Val::Str),
            };
            if let Some(s) = v.as_ref().and_then(str_of) {
                out.push_str(&s);
            } else {
                out.push_str(UNKNOWN);
                unknown += 1;
            }
        }
        // Nothing but unknown parts is not a path.
        if unknown > 0 && out.len() == unknown * UNKNOWN.len() {
            return Val::Unknown;
        }
        Val::Str(out)
    }

    fn method(
        &mut self,
        whole: &'p Ex,
        recv: Val<'p>,
        name: &'p str,
        args: Vec<Val<'p>>,
        arg_ex: &'p [Ex],
        span: Span,
    ) -> Val<'p> {
        match recv {
            Val::Router(rv) => self.router_method(rv, name, args, arg_ex, span),
            Val::Methods(ms) => self.methods_method(ms, name, args, arg_ex, span),
            Val::Rocket(mut items) => match name {
                // What is appended in an arm taken only under a condition is listed under it.
                "extend" | "append" | "chain" | "push" => {
                    let c = self.branch_cond();
                    for a in args {
                        match a {
                            Val::Rocket(more) => {
                                items.extend(more.into_iter().map(|i| i.under(&c)));
                            }
                            Val::List(l) => {
                                for v in l {
                                    if let Val::Rocket(more) = v {
                                        items.extend(more.into_iter().map(|i| i.under(&c)));
                                    }
                                }
                            }
                            _ => {}
                        }
                    }
                    Val::Rocket(items)
                }
                "clone" | "into_iter" | "iter" | "collect" | "to_vec" | "into" | "remove"
                | "swap_remove" | "drain" => Val::Rocket(items),
                _ => Val::Unknown,
            },
            Val::List(vals) => match name {
                "concat" | "join" => {
                    if vals.iter().all(|v| matches!(v, Val::Rocket(_))) && !vals.is_empty() {
                        let mut items = Vec::new();
                        for v in vals {
                            if let Val::Rocket(i) = v {
                                items.extend(i);
                            }
                        }
                        return Val::Rocket(items);
                    }
                    let sep = if name == "join" {
                        args.first().and_then(str_of).unwrap_or_default()
                    } else {
                        String::new()
                    };
                    joined_str(&vals, &sep)
                }
                // A route list built step by step from an empty `Vec`.
                "append" | "extend" | "push" if vals.is_empty() => {
                    let c = self.branch_cond();
                    let mut items = Vec::new();
                    for a in args {
                        if let Val::Rocket(more) = a {
                            items.extend(more.into_iter().map(|i| i.under(&c)));
                        }
                    }
                    if items.is_empty() {
                        Val::List(vals)
                    } else {
                        Val::Rocket(items)
                    }
                }
                // A tuple returned in a `Result` (`configurator(..).await.unwrap()`).
                "clone" | "into_iter" | "iter" | "collect" | "to_vec" | "unwrap" | "expect" => {
                    Val::List(vals)
                }
                _ => Val::Unknown,
            },
            Val::Str(s) => match name {
                "to_string" | "to_owned" | "as_str" | "into" | "clone" | "as_ref" | "to_str" => {
                    Val::Str(s)
                }
                // `path.replace("{id}", &format!("{{id:{}}}", ID_REGEX))` in a path helper.
                "replace" => match (args.first().and_then(str_of), args.get(1).and_then(str_of)) {
                    (Some(from), Some(to)) if !from.is_empty() => Val::Str(s.replace(&from, &to)),
                    _ => Val::Unknown,
                },
                "trim_end_matches" | "trim_start_matches" | "trim_matches" => {
                    let pat = args.first().and_then(str_of).unwrap_or_default();
                    Val::Str(match name {
                        _ if pat.is_empty() => s,
                        "trim_end_matches" => s.trim_end_matches(pat.as_str()).to_string(),
                        "trim_start_matches" => s.trim_start_matches(pat.as_str()).to_string(),
                        _ => s
                            .trim_start_matches(pat.as_str())
                            .trim_end_matches(pat.as_str())
                            .to_string(),
                    })
                }
                "trim" => Val::Str(s.trim().to_string()),
                // A run-time part (`<?>`) is kept as a segment of its own: not empty.
                "is_empty" => Val::Bool(s.is_empty()),
                _ => Val::Unknown,
            },
            // `router.layer(auth)` on a router we did not see reads as a middleware stack;
            // a router method called on it says it was a router (`let r = r.layer(..);
            // r.nest("/debug", ..)`): what follows is built on an empty one.
            // actix's `.wrap` holds for services added after it too; axum's `.layer` only
            // for the routes before it.
            Val::Mw(m) => match self.unseen_router_kind(whole, name, &args) {
                Some(kind) => {
                    let mut rv = self.new_rv(kind, String::new());
                    if kind.is_actix() {
                        rv.sticky.push(m);
                    }
                    self.router_method(rv, name, args, arg_ex, span)
                }
                None => Val::Mw(m),
            },
            // A handler with a layer or state (`kv_get.layer(..)`) is still that handler.
            Val::Fn(fid)
                if matches!(
                    name,
                    "layer" | "with_state" | "into_service" | "into_make_service"
                ) =>
            {
                Val::Fn(fid)
            }
            _ => {
                // A method of the project's type called on what its constructor builds
                // (`CalendarService::new(store).axum_router()`), or on `self`: followed,
                // `self` unknown.
                if let Some(fid) = self.method_of_built(whole, name) {
                    self.inlined.insert(fid);
                    let (ret, finals) = self.call_method_fn(fid, Some(Val::Unknown), None, args);
                    self.hand_back(fid, arg_ex, finals);
                    return ret;
                }
                // A builder of the project keeping a function to configure its actix app
                // with (`ServerBuilder::new().post_configure(|svc| ui(svc))`): what it
                // registers is served, as with `App::configure`.
                if self.keeps_config_fn(name, &args) {
                    let rv = self.new_rv(RvKind::ActixConfig, String::new());
                    return self.router_method(rv, name, args, arg_ex, span);
                }
                // A router whose construction we did not see (a parameter, `rocket` in an
                // AdHoc closure, `cfg` in a configure closure): start from an empty one.
                let kind = self.unseen_router_kind(whole, name, &args);
                if let Some(kind) = kind {
                    let rv = self.new_rv(kind, String::new());
                    return self.router_method(rv, name, args, arg_ex, span);
                }
                if name == "layer" {
                    if let Some(Val::Mw(m)) = args.first() {
                        return Val::Mw(m.clone());
                    }
                }
                for v in args {
                    if let Val::Closure(c) = v {
                        self.run_closure(c, Vec::new());
                    }
                }
                match self.classify_mw(whole) {
                    Some(m) => Val::Mw(m),
                    None => Val::Unknown,
                }
            }
        }
    }

    /// Whether `.name(f)` is a method of the project that keeps a function of an actix
    /// `ServiceConfig` ([`crate::ir::FnDef::takes_config_fn`]), given one.
    /// (Not a method of an extension trait on a framework's router, `fn secured<F:
    /// Fn(&mut ServiceConfig)>(self, f: F)` on `App`: that one is followed as such; nor a
    /// call in a file that never names actix-web.)
    fn keeps_config_fn(&self, name: &str, args: &[Val<'p>]) -> bool {
        matches!(args, [Val::Closure(_) | Val::Fn(_)])
            && self.file_names_actix()
            && self.p.fns_named(name).iter().any(|&f| {
                let d = &self.p.fns[f];
                d.receiver
                    && d.takes_config_fn
                    && !d.is_test
                    && !d
                        .self_ty
                        .as_deref()
                        .is_some_and(|t| crate::ir::ROUTER_TYPES.contains(&t) || t == "UtoipaApp")
            })
    }

    /// The page routes a leptos component declares, and those of the project's components
    /// named inside its route tree, below `prefix`.
    fn pages_of(&self, fid: usize, prefix: &str, depth: u32, out: &mut Vec<(String, Loc)>) {
        let f = &self.p.fns[fid];
        if depth > 4 {
            return;
        }
        for (path, span) in &f.pages {
            let full = join_nest(prefix, path);
            let loc = Loc {
                file: f.file,
                span: *span,
            };
            out.push((full, loc));
        }
        for (name, under) in &f.page_components {
            if let Some(g) = self.p.resolve_fn(&f.module, std::slice::from_ref(name)) {
                self.pages_of(g, &join_nest(prefix, under), depth + 1, out);
            }
        }
    }

    /// What a method of an enum of the project gives for the variant it is called on, when
    /// it matches `self` to string literals (`GossipRoutes::Transaction.as_str()` with
    /// `match self { Self::Transaction => "/transaction", .. }`; the same in every method of
    /// that name of the type).
    fn variant_str(&self, recv: &Ex, name: &str) -> Option<String> {
        let Ex::Path(p, _, _) = recv else {
            return None;
        };
        let [.., ty, variant] = &p[..] else {
            return None;
        };
        if !variant.starts_with(|c: char| c.is_ascii_uppercase()) {
            return None;
        }
        let ty = if ty == "Self" {
            self.frames.last()?.self_ty?
        } else {
            ty.as_str()
        };
        let mut found = self.p.fns_named(name).iter().filter_map(|&f| {
            let d = &self.p.fns[f];
            if d.self_ty.as_deref() != Some(ty) {
                return None;
            }
            d.variant_strs
                .iter()
                .find(|(v, _)| v == variant)
                .map(|(_, s)| s.as_str())
        });
        let first = found.next()?;
        found.all(|s| s == first).then(|| first.to_string())
    }

    /// The router-building method `name` of the project's type `T` when `whole` calls it on
    /// `T::new(..)` (any associated function of `T`), on a variable of the function given
    /// one (`let fetch = fetch::Config::new(core); .. fetch.into_router()`), or on `self` in
    /// a method of `T` (`self.api_route()` merging `self.common_route()`). Of several types
    /// so named (a `Config` per module), the one of the module the path names.
    fn method_of_built(&self, whole: &Ex, name: &str) -> Option<usize> {
        let Ex::Method { recv, .. } = whole else {
            return None;
        };
        let recv: &Ex = match &**recv {
            Ex::Path(p, _, _) if matches!(&p[..], [v] if v != "self") => {
                let fid = self.frames.last()?.fid?;
                let_init(&self.p.fns[fid].body, &p[0])?
            }
            r => r,
        };
        let (ty, module): (&str, &[String]) = match recv {
            Ex::Path(p, _, _) if matches!(&p[..], [s] if s == "self") => {
                (self.frames.last()?.self_ty?, &[])
            }
            Ex::Call { func, .. } => {
                let Ex::Path(p, _, _) = &**func else {
                    return None;
                };
                let i = p.len().checked_sub(2)?;
                (p[i].as_str(), &p[..i])
            }
            _ => return None,
        };
        if !ty.starts_with(|c: char| c.is_ascii_uppercase()) {
            return None;
        }
        let methods: Vec<usize> = self
            .p
            .fns_named(name)
            .iter()
            .copied()
            .filter(|&f| {
                let d = &self.p.fns[f];
                d.receiver && self.builds[f] && d.self_ty.as_deref() == Some(ty)
            })
            .collect();
        match &methods[..] {
            [fid] => Some(*fid),
            [] => None,
            // `fetch::Config`: the one in a module whose path ends with `fetch`.
            _ if !module.is_empty()
                && !matches!(module[0].as_str(), "crate" | "self" | "super") =>
            {
                let mut of = methods
                    .iter()
                    .filter(|&&f| self.p.fns[f].module.ends_with(module));
                match (of.next(), of.next()) {
                    (Some(fid), None) => Some(*fid),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// The router-building methods of the project an expression calls (`.axum_router()` in
    /// `self.0.clone().axum_router().layer(..)`).
    fn own_methods_in(&self, e: &'p Ex) -> Vec<&'p str> {
        let mut out = Vec::new();
        let mut cur = e;
        while let Ex::Method { recv, name, .. } = cur {
            let builds = self.p.fns_named(name).iter().any(|&f| {
                let d = &self.p.fns[f];
                d.receiver && self.builds[f] && d.self_ty.is_some()
            });
            if builds {
                out.push(name.as_str());
            }
            cur = recv;
        }
        out
    }

    /// The kind of router a method called on a value we did not see builds, if it builds
    /// one (`.route(p, get(h))`, `.nest(..)`, `.mount(..)`, a method of the project's
    /// extension trait).
    fn unseen_router_kind(&self, whole: &Ex, name: &str, args: &[Val<'p>]) -> Option<RvKind> {
        match (name, args) {
            ("route", [_, Val::Methods(ms)]) => Some(match ms.first().map(|m| m.fw) {
                Some(Framework::ActixWeb) => RvKind::ActixConfig,
                _ => RvKind::Axum,
            }),
            ("mount", [_, _]) => Some(RvKind::Rocket),
            ("routes", [Val::Rocket(_)])
            | ("api_route" | "api_route_with", [_, Val::Methods(_), ..]) => Some(RvKind::Axum),
            ("nest" | "nest_service" | "route_service", [_, _]) | ("merge", [Val::Router(_)]) => {
                Some(RvKind::Axum)
            }
            (n, [Val::Fn(_)]) if typed_method(n).is_some() => Some(RvKind::Axum),
            // (Not one given a string or a constant, which no actix service is:
            // `points.clone().service(bus::SERVICE_NAME)` of a message bus; nor in a file that
            // never names actix-web, `Arc::new(gsb.service(name()))`.)
            ("service" | "configure" | "default_service", [a])
                if chain_root(whole).is_some()
                    && self.file_names_actix()
                    && !matches!(a, Val::Str(_))
                    && !matches!(whole, Ex::Method { args, .. }
                        if args.first().is_some_and(names_constant)) =>
            {
                Some(RvKind::ActixConfig)
            }
            // A method of the project's extension trait on a router type.
            _ => self.router_ext(name, Some(args)).map(|(_, kind)| kind),
        }
    }

    /// A crate of poem-openapi operations none of which an `OpenApiService` seen here serves
    /// (handed to a framework built on poem that apiward does not read, `add_module(code,
    /// (UserApi, RoleApi))`): one registration not resolved, at its first operation. (In a
    /// crate some of whose operations are served, the others are dead code.)
    fn unserved_operations(&mut self) {
        let mut by_crate: Vec<(&str, usize, Vec<&str>, bool)> = Vec::new();
        for (fid, f) in self.p.fns.iter().enumerate() {
            if f.is_test || f.file >= self.p.support_from || !f.routes.iter().any(|r| r.poem) {
                continue;
            }
            let krate = f.module[0].as_str();
            let i = if let Some(i) = by_crate.iter().position(|c| c.0 == krate) {
                i
            } else {
                by_crate.push((krate, fid, Vec::new(), false));
                by_crate.len() - 1
            };
            let c = &mut by_crate[i];
            c.3 |= self.oai_served.contains(&fid);
            if let Some(t) = f.self_ty.as_deref().filter(|t| !c.2.contains(t)) {
                c.2.push(t);
            }
        }
        for (krate, first, types, served) in by_crate {
            if served {
                continue;
            }
            let f = &self.p.fns[first];
            let ops: usize = self
                .p
                .fns
                .iter()
                .filter(|g| g.module[0] == krate && !g.is_test)
                .map(|g| g.routes.iter().filter(|r| r.poem).count())
                .sum();
            self.unresolved.push((
                Loc {
                    file: f.file,
                    span: f.span,
                },
                format!(
                    "{ops} poem-openapi operations of {} #[OpenApi] impls not seen served (no OpenApiService::new(..) given them): not listed",
                    types.len()
                ),
                "/".to_string(),
                false,
                krate.to_string(),
            ));
        }
    }

    /// Whether the file evaluated names actix-web (its crate, `web::`, `ServiceConfig`).
    fn file_names_actix(&self) -> bool {
        self.file_names(&["actix", "web::", "ServiceConfig"])
    }

    /// Whether the code evaluated is poem's: its file names poem, or (imported through a
    /// prelude of the crate, `use super::prelude::*`) a module of its crate imports from
    /// poem and the project has no `Route::new` of its own.
    fn names_poem(&self) -> bool {
        if self.file_names(&["poem"]) {
            return true;
        }
        !self
            .p
            .fns_named("new")
            .iter()
            .any(|&i| self.p.fns[i].self_ty.as_deref() == Some("Route"))
            && self.p.crate_imports(&self.crate_now(), "poem")
    }

    /// Whether the text of the file evaluated holds one of `words`.
    fn file_names(&self, words: &[&str]) -> bool {
        let file = self.frames.last().map_or(0, |f| f.file);
        self.p.file(file).is_none_or(|f| {
            words
                .iter()
                .any(|w| memchr::memmem::find(f.text.as_bytes(), w.as_bytes()).is_some())
        })
    }

    /// The types of the values handed to poem-openapi's `OpenApiService::new(..)`, each with
    /// where it is written: `Api`, `Api { db }`, `Api::new(db)`, `Api(db)`, a tuple of them, or
    /// what a function of the project returns (`api::get()` giving `(auth::Api, info::Api)`).
    fn api_types(&self, e: &'p Ex, at: Span, out: &mut Vec<(&'p str, Span)>, depth: u32) {
        let upper = |s: &str| s.starts_with(|c: char| c.is_ascii_uppercase());
        match e {
            Ex::Path(p, s, _) => {
                if let Some(t) = p.last().filter(|t| upper(t)) {
                    out.push((t, *s));
                }
            }
            Ex::Struct(t, _) => out.push((t.rsplit("::").next().unwrap_or(t), at)),
            Ex::Call { func, span, .. } => {
                let Ex::Path(p, _, _) = &**func else { return };
                match p.as_slice() {
                    [.., t] if upper(t) => out.push((t, *span)),
                    [.., t, _] if upper(t) => out.push((t, *span)),
                    _ if depth < 3 => {
                        let Some(fid) = self.resolve(p) else { return };
                        let tail =
                            self.p.fns[fid]
                                .body
                                .stmts
                                .iter()
                                .rev()
                                .find_map(|st| match st {
                                    crate::ir::Stmt::Expr(x, false) => Some(x),
                                    _ => None,
                                });
                        // Located at the call, in the file evaluated.
                        if let Some(x) = tail {
                            let from = out.len();
                            self.api_types(x, *span, out, depth + 1);
                            for t in &mut out[from..] {
                                t.1 = *span;
                            }
                        }
                    }
                    _ => {}
                }
            }
            Ex::List(items) => {
                for i in items {
                    self.api_types(i, i.span().unwrap_or(at), out, depth);
                }
            }
            Ex::Method { recv, .. } => self.api_types(recv, at, out, depth),
            _ => {}
        }
    }

    /// The operations of poem-openapi's `#[OpenApi]` impls of type `ty`: those of the crate
    /// evaluated when it has one of that name, else every crate's.
    fn oai_operations(&self, ty: &str) -> Vec<usize> {
        let all: Vec<usize> = (0..self.p.fns.len())
            .filter(|&i| {
                let f = &self.p.fns[i];
                f.self_ty.as_deref() == Some(ty) && f.routes.iter().any(|r| r.poem) && !f.is_test
            })
            .collect();
        let here = self.crate_now();
        let own: Vec<usize> = all
            .iter()
            .copied()
            .filter(|&i| self.p.fns[i].module.first() == Some(&here))
            .collect();
        if own.is_empty() {
            all
        } else {
            own
        }
    }

    /// The method of the project named `name` that extends a framework's router type
    /// (`impl RouterExt for Router { fn ruma_route(self, ..) }`), or a router type of the
    /// project's own named like one (`impl Router { fn routes(self, paths, h) }`), and the
    /// kind of router it extends. Called on a value not seen (`unseen`: the call's
    /// arguments), a method of the project's own type is taken only when the arguments fit
    /// it: as many as it has parameters, and a router for each it types `Self` (`.merge(x)`
    /// of metrics, `.iter().any(|r| ..)` are no calls of a `Router::merge(self, Self)` or
    /// `Router::any(self, path, handler)` of the project's).
    fn router_ext(&self, name: &str, unseen: Option<&[Val<'p>]>) -> Option<(usize, RvKind)> {
        self.p.fns_named(name).iter().find_map(|&f| {
            let d = &self.p.fns[f];
            if !d.receiver || d.is_test {
                return None;
            }
            // One that takes a function (`impl<T> ExtendScope for Scope<T> { fn extend<F:
            // FnOnce(Self) -> Self>(self, f: F) }`), called on a value not seen, is given
            // one: not `offers.extend(page.into_iter())` of a `Vec`.
            if let (true, Some(args)) = (d.takes_fn, unseen) {
                if !args
                    .iter()
                    .any(|a| matches!(a, Val::Fn(_) | Val::Closure(_)))
                {
                    return None;
                }
            }
            if let (false, Some(args)) = (d.trait_impl, unseen) {
                let fits = args.len() == d.params.len()
                    && d.params.iter().zip(args).all(|(p, a)| {
                        !p.ty.as_ref().is_some_and(|t| {
                            t.name() == "Self" || Some(t.name()) == d.self_ty.as_deref()
                        }) || matches!(a, Val::Router(_))
                    });
                // A router of the project's own named like a framework's registers routes:
                // a method given a path, a handler or another router (`routes(self, paths,
                // handler)`), not one given a flag (`graceful(self, on: bool)`).
                // (A method with no parameter but `self` registers nothing either.)
                fn routing(t: &crate::ir::Ty) -> bool {
                    !(crate::scalar_type(t.name()) || t.name() == "Duration")
                }
                let own = d
                    .self_ty
                    .as_deref()
                    .is_some_and(|t| self.p.router_named_types.contains(t));
                let routes = !own || d.params.iter().any(|p| p.ty.as_ref().is_none_or(routing));
                if !fits || !routes {
                    return None;
                }
            }
            let kind = match d.self_ty.as_deref()? {
                "Router" | "ApiRouter" | "OpenApiRouter" => RvKind::Axum,
                "Rocket" => RvKind::Rocket,
                "App" | "UtoipaApp" => RvKind::ActixApp,
                "Scope" => RvKind::ActixScope,
                "ServiceConfig" => RvKind::ActixConfig,
                "Resource" => RvKind::ActixResource,
                _ => return None,
            };
            Some((f, kind))
        })
    }

    /// A method the project defines on a framework's route type (actix's `Route`, axum's
    /// `MethodRouter`).
    fn methods_ext(&self, name: &str) -> Option<usize> {
        self.p.fns_named(name).iter().copied().find(|&f| {
            let d = &self.p.fns[f];
            d.receiver
                && !d.is_test
                && matches!(d.self_ty.as_deref(), Some("Route" | "MethodRouter"))
        })
    }

    /// The `cfg` of the innermost function being evaluated that has one.
    fn current_cfg(&self) -> Option<String> {
        self.stack
            .iter()
            .rev()
            .find_map(|&fid| self.p.fns[fid].cfg.clone())
    }

    /// The condition of the arms being evaluated that a route registered now is under: the
    /// outermost that names a development environment, else all of them from the outermost,
    /// joined by [`cond::AND`] (`cfg(feature = "cloud"); if let Ok(p) = env::var("P")`).
    fn branch_cond(&self) -> Option<String> {
        self.branch_cond_with(None)
    }

    /// [`Self::branch_cond`], with the `cfg` of the function registering the route or of
    /// its handler as the innermost condition.
    fn branch_cond_with(&self, cfg: Option<String>) -> Option<String> {
        let mut all: Vec<&str> = self.branch.clone();
        if let Some(c) = cfg.as_deref() {
            if !all.contains(&c) {
                all.push(c);
            }
        }
        if let Some(dev) = all.iter().find(|c| cond::dev_only(c)) {
            return Some(dev.to_string());
        }
        (!all.is_empty()).then(|| all.join(cond::AND))
    }

    /// The arms of a `match` on a method not known here, each routing one handler with
    /// another method (`match method { Get => get(handler), Post => post(handler), .. }` in
    /// a function given the handler): the methods the handler's code-first OpenAPI
    /// attribute names (`#[utoipa::path(post, ..)]`), which is what such a function reads.
    fn documented_dispatch(&self, arms: &[Val<'p>]) -> Option<Val<'p>> {
        let mut one: Vec<&MEntry<'p>> = Vec::new();
        for a in arms {
            match a {
                Val::Methods(m) if m.len() == 1 => one.push(&m[0]),
                Val::Unknown => {}
                _ => return None,
            }
        }
        let HRef::Fn(fid) = one.first()?.handler.as_ref()? else {
            return None;
        };
        let same = one
            .iter()
            .all(|m| matches!(&m.handler, Some(HRef::Fn(f)) if f == fid));
        let distinct: HashSet<&str> = one.iter().map(|m| m.method.as_str()).collect();
        if one.len() < 2 || !same || distinct.len() < one.len() {
            return None;
        }
        let crate::ir::OpenapiOp::Listed(l) = &self.p.fns[*fid].openapi_op else {
            return None;
        };
        let picked: Vec<MEntry<'p>> = one
            .iter()
            .filter(|m| l.0.iter().any(|w| w.eq_ignore_ascii_case(&m.method)))
            .map(|m| (*m).clone())
            .collect();
        (!picked.is_empty()).then_some(Val::Methods(picked))
    }

    /// What either of two values may be: route lists and routers are united (the arms of
    /// an `if`, a `return` and the tail); otherwise the first that is known.
    fn join(&mut self, a: Val<'p>, b: Val<'p>) -> Val<'p> {
        match (a, b) {
            (Val::Unknown, b) => b,
            (a, Val::Unknown) => a,
            (Val::Rocket(mut x), Val::Rocket(y)) => {
                x.extend(y);
                Val::Rocket(x)
            }
            (Val::List(l), Val::Rocket(y)) | (Val::Rocket(y), Val::List(l)) if l.is_empty() => {
                Val::Rocket(y)
            }
            (Val::Router(x), Val::Router(y)) if x.id != y.id => {
                self.consume(x.id);
                self.consume(y.id);
                let mut merged = x;
                join_entries(
                    std::rc::Rc::make_mut(&mut merged.entries),
                    std::rc::Rc::unwrap_or_clone(y.entries),
                );
                self.produce(merged)
            }
            (a, _) => a,
        }
    }

    /// A path argument's value; a part that could not be evaluated is `<?>` (one marked
    /// segment) and the registration is noted as unresolved, with the expression.
    fn path_arg(&mut self, v: Option<&Val<'p>>, e: Option<&'p Ex>, span: Span) -> String {
        self.path_arg_of(v, e, span, false)
    }

    /// [`Self::path_arg`] of a base path (`nest`, `mount`, `scope`): the routes below a base
    /// known only at run time are still listed (`/{?}/x`), so its note says nothing is
    /// missing.
    fn prefix_arg(&mut self, v: Option<&Val<'p>>, e: Option<&'p Ex>, span: Span) -> String {
        self.path_arg_of(v, e, span, true)
    }

    fn path_arg_of(
        &mut self,
        v: Option<&Val<'p>>,
        e: Option<&'p Ex>,
        span: Span,
        prefix: bool,
    ) -> String {
        // A part known only at run time inside a parameter's pattern (`format!("/nar/{{h:[{}]{{52}}}}.nar",
        // ALPHABET)`) leaves the path known: the parameter, its pattern dropped.
        let s = v.and_then(str_of).map(unknown_patterns_dropped);
        let what = e.map(describe_path).unwrap_or_default();
        let reason = match &s {
            None => Some(format!("path not evaluated: {what}")),
            Some(s) if s.contains(UNKNOWN) => {
                Some(format!("path part known only at run time: {what}"))
            }
            _ => None,
        };
        // A route's path whose only unknown part is its start (`format!("{}/realms",
        // root_path)`) is listed under that base (`/{?}/realms`) and compared without it, as
        // the routes below a base of `nest`: nothing is missing.
        let listed = prefix
            || s.as_deref().is_some_and(|s| {
                s.trim_start_matches('/').starts_with(UNKNOWN) && s.matches(UNKNOWN).count() == 1
            });
        if let Some(r) = reason {
            let span = e.and_then(Ex::span).unwrap_or(span);
            let loc = self.loc(span);
            let krate = self.crate_now();
            self.unresolved
                .push((loc, r, "/".to_string(), listed, krate));
        }
        s.unwrap_or_else(|| UNKNOWN.into())
    }

    /// Whether a path argument is a value known only at run time: a variable or parameter
    /// (`p` bound by `Some(p) =>`), or a field of one (`config.metrics_path`), through
    /// conversions (`p.as_str()`), never a constant that was not evaluated.
    fn runtime_value(&self, e: &Ex) -> bool {
        // A parameter of a function evaluated with no caller seen (a helper that registers
        // the paths its callers give, `fn add_route(r, path: &str)`) holds any path, not a
        // configured one.
        let mut bare = e;
        while let Ex::Method { recv, .. } = bare {
            bare = recv;
        }
        if let Ex::Path(p, _, _) = bare {
            if self.frames.len() == 1
                && self.frames[0].fid.is_some_and(|f| {
                    self.p.fns[f]
                        .params
                        .iter()
                        .any(|q| q.name.as_ref() == p.first())
                })
            {
                return false;
            }
        }
        self.runtime_part(e)
    }

    fn runtime_part(&self, e: &Ex) -> bool {
        match e {
            Ex::Path(p, _, _) => {
                p.len() == 1
                    && p[0].starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
                    && self.named_str(&p[0]).is_none()
                    && self
                        .frames
                        .last()
                        .is_none_or(|f| self.p.resolve_const(f.module, p).is_none())
            }
            Ex::Field(base, _) => self.runtime_part(base),
            Ex::Method {
                recv, name, args, ..
            } => {
                args.is_empty()
                    && matches!(
                        name.as_str(),
                        "as_str"
                            | "as_ref"
                            | "as_deref"
                            | "to_string"
                            | "to_owned"
                            | "clone"
                            | "unwrap"
                            | "into"
                    )
                    && self.runtime_part(recv)
            }
            _ => false,
        }
    }

    /// The `#[typed_path]` of the type of a handler's first parameter, resolved where the
    /// handler is written.
    /// A generic handler's parameter (`async fn get_file<P: PathParts>(path: P)`) takes the
    /// type named by the registration's turbofish (`typed_get(get_file::<BlobPath>)`).
    fn typed_path_of(&self, fid: usize, turbofish: &[String]) -> Option<String> {
        let f = &self.p.fns[fid];
        let ty = f.params.first()?.ty.as_ref()?;
        if let Some(path) = self.p.resolve_typed_path(&f.module, &ty.path) {
            return Some(path.to_string());
        }
        if ty.path.len() != 1 {
            return None;
        }
        let frame = self.frames.last()?;
        turbofish
            .iter()
            .find_map(|t| {
                let q: Vec<String> = t.split("::").map(str::to_string).collect();
                self.p.resolve_typed_path(frame.module, &q)
            })
            .map(str::to_string)
    }

    /// A page a docs UI serves (`SwaggerUi::new("/docs")`, its `.url(..)` documents).
    fn docs_page(&mut self, rv: &mut Rv<'p>, path: String, what: String, reg: Loc) {
        self.add(
            rv,
            Entry {
                seq: 0,
                code_doc: false,
                cond: None,
                method: "GET".into(),
                path,
                handler: HRef::Service(what),
                fw: rv.kind.framework(),
                kind: RouteKind::Service,
                reg,
                mw: Vec::new(),
            },
        );
    }

    /// Whether an expression builds a service with a library's constructor
    /// (`FileServer::from("static")`, `ServeDir::new(..)`), not with a function of the project.
    fn is_library_service(&self, e: &Ex) -> bool {
        match e {
            Ex::Call { func, .. } => match &**func {
                Ex::Path(p, _, _) => {
                    p.len() > 1
                        && p[p.len() - 2].starts_with(|c: char| c.is_ascii_uppercase())
                        && self.resolve(p).is_none()
                }
                _ => false,
            },
            Ex::Method { recv, .. } => self.is_library_service(recv),
            _ => false,
        }
    }

    /// The crate of the code being evaluated.
    fn crate_now(&self) -> String {
        self.frames
            .last()
            .and_then(|f| f.module.first())
            .cloned()
            .unwrap_or_default()
    }

    /// Notes a router nested under `prefix` that could not be followed.
    fn nest_not_followed(&mut self, rv: &Rv<'p>, span: Span, inner: &Ex, prefix: &str) {
        self.note_under(
            span,
            format!(
                "router not followed: {} (nested under {})",
                describe_path(inner),
                normalize_path(prefix)
            ),
            join_nest(&rv.prefix, prefix),
        );
    }

    /// Notes a registration that could not be resolved.
    fn note(&mut self, span: Span, reason: String) {
        self.note_under(span, reason, "/".to_string());
    }

    /// Notes a registration whose routes, under `prefix`, could not be resolved.
    fn note_under(&mut self, span: Span, reason: String, prefix: String) {
        let loc = self.loc(span);
        let prefix = if prefix.contains(UNKNOWN) || prefix.is_empty() {
            "/".to_string()
        } else {
            normalize_path(&prefix)
        };
        let krate = self.crate_now();
        self.unresolved.push((loc, reason, prefix, false, krate));
    }

    /// A middleware added now holds for the routes registered since the innermost `if` or
    /// `match` arm being evaluated began (`if c { Router::new().route(..).layer(auth) }`);
    /// for those registered before, only when that arm is taken: `if let Some(creds) = ..
    /// { router.layer(auth) } else { router }` leaves auth to the run-time setting.
    /// Returns that count (0 outside any arm) and the middleware as a conditional one.
    fn arm_mw(&self, m: &str) -> (u64, String) {
        match self.arm_start.last() {
            // Optional auth lets anonymous callers in whether it is there or not.
            Some(&since)
                if self.branch_off == 0
                    && !m.starts_with(CONDITIONAL)
                    && !m.starts_with(OPTIONAL) =>
            {
                let c = format!("{CONDITIONAL}{m}");
                if let Some(arm) = self.branch.last() {
                    self.mw_arm
                        .borrow_mut()
                        .entry(c.clone())
                        .or_default()
                        .insert(arm);
                }
                (since, c)
            }
            _ => (0, m.to_string()),
        }
    }

    fn add(&self, rv: &mut Rv<'p>, mut e: Entry<'p>) {
        if rv.kind == RvKind::Poem {
            e.fw = Framework::Poem;
        }
        e.seq = self.registered.get();
        self.registered.set(e.seq + 1);
        if e.cond.is_none() {
            // A handler defined again under the opposite `cfg` is served either way: its
            // own `cfg` is no condition of the route.
            let handler_cfg = match &e.handler {
                HRef::Fn(fid) => {
                    let f = &self.p.fns[*fid];
                    let either_way = f.cfg.as_deref().is_some_and(|c| {
                        self.p.cfg_twins(*fid).iter().any(|&t| {
                            self.p.fns[t]
                                .cfg
                                .as_deref()
                                .is_some_and(|d| cond::complementary(c, d))
                        })
                    });
                    f.cfg.clone().filter(|_| !either_way)
                }
                _ => None,
            };
            e.cond = self.branch_cond_with(handler_cfg.or_else(|| self.current_cfg()));
        }
        for m in &rv.sticky {
            if !e.mw.contains(m) {
                e.mw.push(m.clone());
            }
        }
        // A resource with several paths serves each route at every one of them.
        for alt in &rv.alt_prefixes {
            let mut twin = e.clone();
            twin.path = join_concat(alt, &e.path);
            std::rc::Rc::make_mut(&mut rv.entries).push(twin);
        }
        e.path = if rv.kind.is_actix() {
            join_concat(&rv.prefix, &e.path)
        } else {
            join_nest(&rv.prefix, &e.path)
        };
        std::rc::Rc::make_mut(&mut rv.entries).push(e);
    }

    fn entries_from_methods(
        &self,
        rv: &mut Rv<'p>,
        path: &str,
        ms: Vec<MEntry<'p>>,
        code_doc: bool,
    ) {
        for m in ms {
            let method = if m.method == "ANY" {
                rv.method_guard.clone().unwrap_or(m.method)
            } else {
                m.method
            };
            self.add(
                rv,
                Entry {
                    seq: 0,
                    code_doc,
                    cond: None,
                    method,
                    path: path.to_string(),
                    handler: m.handler.unwrap_or(HRef::Unknown),
                    fw: m.fw,
                    kind: m.kind,
                    reg: m.reg,
                    mw: m.mw,
                },
            );
        }
    }

    /// Whether a middleware written as a call of a function of the project
    /// (`wrap = "crate::api::get_middleware()"`) is an auth middleware: every function of
    /// that name returns a type named for auth (`Authentication<Routes>`) or builds one
    /// (`Authentication::with_identity(..)`).
    fn factory_says_auth(&self, call: &str) -> bool {
        let Some(head) = call
            .trim()
            .strip_suffix(')')
            .and_then(|c| c.split('(').next())
        else {
            return false;
        };
        let name = head.rsplit("::").next().unwrap_or(head).trim();
        let fns = self.p.fns_named(name);
        !fns.is_empty()
            && fns.iter().all(|&i| {
                let g = &self.p.fns[i];
                g.ret_ty
                    .as_deref()
                    .is_some_and(|t| name_says_auth(self.p, t))
                    || g.calls.iter().any(|c| {
                        c.rsplit_once("::").is_some_and(|(ty, _)| {
                            ty.starts_with(|ch: char| ch.is_ascii_uppercase())
                                && name_says_auth(self.p, ty)
                        })
                    })
            })
    }

    fn attr_entries(&mut self, rv: &mut Rv<'p>, fid: usize, reg: Loc, fw: Framework) {
        if fw == Framework::Poem {
            self.oai_served.insert(fid);
        }
        let f: &'p crate::ir::FnDef = &self.p.fns[fid];
        for attr in &f.routes {
            // `path = "crate::ROUTES.auth.login"`: evaluated where the handler is.
            let path = match &attr.path_expr {
                Some(e) => {
                    self.frames.push(Frame::of(fid, f));
                    let v = self.eval(e);
                    let path = self.path_arg(Some(&v), Some(e), f.span);
                    self.frames.pop();
                    path
                }
                None => attr.path.clone(),
            };
            let mut mw: Vec<String> = attr
                .wraps
                .iter()
                .filter(|w| name_says_auth(self.p, w) || self.factory_says_auth(w))
                .map(|w| format!("middleware {w} (wrap attribute)"))
                .collect();
            mw.extend(
                attr.guards
                    .iter()
                    .filter(|g| self.guard_checks_key(g))
                    .map(|g| format!("guard {g} (guard attribute)")),
            );
            for m in &attr.methods {
                self.add(
                    rv,
                    Entry {
                        seq: 0,
                        // A path from `#[utoipa::path]` itself: registered by `routes!`.
                        code_doc: attr.doc_only,
                        cond: None,
                        method: m.clone(),
                        path: path.clone(),
                        handler: HRef::Fn(fid),
                        fw,
                        kind: RouteKind::Handler,
                        reg,
                        mw: mw.clone(),
                    },
                );
            }
        }
    }

    fn nested(&mut self, rv: &mut Rv<'p>, inner: Rv<'p>, prefix: &str) {
        self.consume(inner.id);
        // Put under a base path known only at run time in one arm (`if !base.is_empty() {
        // app = Router::new().nest(base, app) }`): the routes are served in every arm, at
        // one path or the other.
        let arms = if prefix.contains(UNKNOWN) {
            (
                std::mem::take(&mut self.branch),
                std::mem::take(&mut self.arm_start),
            )
        } else {
            Default::default()
        };
        for mut e in std::rc::Rc::unwrap_or_clone(inner.entries) {
            if !prefix.is_empty() {
                e.path = join_nest(prefix, &e.path);
            }
            self.add(rv, e);
        }
        if !arms.0.is_empty() {
            (self.branch, self.arm_start) = arms;
        }
    }

    /// A service a library builds, mounted at `prefix` (`nest_service("/assets",
    /// ServeDir::new(..))`, `.mount("/static", FileServer::from(..))`, actix's
    /// `Files::new("/static", ..)`): it answers the prefix and every path below. A file
    /// server is listed as the `GET` of the paths below; another service at its prefix.
    fn mounted_service(&self, rv: &mut Rv<'p>, prefix: &str, what: String, reg: Loc) {
        if !serves_files(&what) {
            self.unseen(rv, prefix.to_string(), what, RouteKind::Service, reg);
            return;
        }
        let path = join_nest(prefix, "/{*path}");
        self.unseen_as(rv, "GET", path, what, RouteKind::Service, reg);
    }

    /// The prefix and the name of the file server that a call to a local closure or to a
    /// function of the project builds and returns (`let dir = || { let mut f =
    /// Files::new("", root); ..; f }; app.service(dir())`).
    fn built_files(&self, e: &Ex) -> Option<(String, String)> {
        let Ex::Call { func, args, .. } = e else {
            return None;
        };
        let Ex::Path(p, _, _) = &**func else {
            return None;
        };
        let mut found = None;
        let mut look = |x: &Ex| {
            if let Ex::Call { func, .. } = x {
                if found.is_none() && serves_files(&describe(func)) {
                    found = first_str(x).map(|path| (path, describe(x)));
                }
            }
        };
        match (p.as_slice(), args.is_empty()) {
            ([name], true) if matches!(self.lookup(name), Some(Val::Closure(_))) => {
                if let Some(Val::Closure(c)) = self.lookup(name) {
                    crate::project::walk(&c.body, &mut look);
                }
            }
            _ => {
                let fid = self.resolve(p)?;
                for s in &self.p.fns[fid].body.stmts {
                    match s {
                        Stmt::Let(_, x) | Stmt::Expr(x, _) | Stmt::Assign(_, x) => {
                            crate::project::walk(x, &mut look);
                        }
                    }
                }
            }
        }
        found
    }

    fn unseen(&self, rv: &mut Rv<'p>, path: String, what: String, kind: RouteKind, reg: Loc) {
        self.unseen_as(rv, "ANY", path, what, kind, reg);
    }

    /// A route to something apiward does not read (a library's service, a value it could not
    /// follow), answering `method`.
    fn unseen_as(
        &self,
        rv: &mut Rv<'p>,
        method: &str,
        path: String,
        what: String,
        kind: RouteKind,
        reg: Loc,
    ) {
        let fw = rv.kind.framework();
        self.add(
            rv,
            Entry {
                seq: 0,
                code_doc: false,
                cond: None,
                method: method.into(),
                path,
                handler: if what.is_empty() {
                    HRef::Unknown
                } else {
                    HRef::Service(what)
                },
                fw,
                kind,
                reg,
                mw: Vec::new(),
            },
        );
    }

    /// Auth layers a builder's step puts on the router its type holds (`fn with_auth(mut
    /// self) -> Self { self.router = self.router.layer(AuthLayer::new(..)); self }`), for
    /// the registrations of the type's other steps and constructors (functions of it that
    /// give `Self` back): where each is (file, byte range) and the layers. A step another
    /// function calls only under a condition gives a conditional layer, unless each arm of
    /// that condition calls one of the type's layering steps. A finishing method (`fn
    /// into_router(self) -> Router`) is called last: the routes it adds come after the layers.
    fn builder_layers(&mut self) -> Vec<(usize, std::ops::Range<u32>, Vec<String>)> {
        let p = self.p;
        let gives_self = |g: &crate::ir::FnDef, t: &str| matches!(g.ret_ty.as_deref(), Some(r) if r == "Self" || r == t);
        let mut layering: BTreeMap<&'p str, Vec<(&'p str, String)>> = BTreeMap::new();
        for (gid, g) in p.fns.iter().enumerate() {
            let Some(t) = g.self_ty.as_deref() else {
                continue;
            };
            if g.is_test || !g.receiver || !gives_self(g, t) {
                continue;
            }
            for s in &g.body.stmts {
                // `self.router = self.router.layer(..)` (an assignment to a field is kept as
                // its value).
                let Stmt::Expr(Ex::Other(v), _) = s else {
                    continue;
                };
                let [rhs] = &v[..] else {
                    continue;
                };
                let (layers, cur) = layer_chain(rhs, &|_| true);
                let Ex::Field(base, _) = cur else {
                    continue;
                };
                if !matches!(&**base, Ex::Path(q, _, _) if q.len() == 1 && q[0] == "self") {
                    continue;
                }
                self.frames.push(Frame::of(gid, g));
                for a in layers {
                    if let Some(m) = self.classify_mw(a) {
                        layering.entry(t).or_default().push((g.name.as_str(), m));
                    }
                }
                self.frames.pop();
            }
        }
        let mut out = Vec::new();
        for (t, ms) in layering {
            let names: HashSet<&str> = ms.iter().map(|(n, _)| *n).collect();
            let (mut called, mut conditional) = (false, false);
            for f in p
                .fns
                .iter()
                .filter(|f| !f.is_test && f.self_ty.as_deref() != Some(t))
            {
                // Variables the function binds to a value of another type (`let mut r =
                // ReportServer::new()`): a step called on them is that type's.
                let mut others: HashSet<&str> = HashSet::new();
                for s in &f.body.stmts {
                    if let Stmt::Let(Pat::Name(v), e) = s {
                        if built_type(e).is_some_and(|b| b != t) {
                            others.insert(v.as_str());
                        }
                    }
                }
                let scan = StepScan {
                    names: &names,
                    ty: t,
                    others: &others,
                };
                for s in &f.body.stmts {
                    let (Stmt::Let(_, e) | Stmt::Expr(e, _) | Stmt::Assign(_, e)) = s;
                    scan.calls(e, false, false, &mut called, &mut conditional);
                }
            }
            if !called {
                continue;
            }
            let mws: Vec<String> = ms
                .into_iter()
                .map(|(_, m)| {
                    if conditional && !m.starts_with(CONDITIONAL) {
                        format!("{CONDITIONAL}{m}")
                    } else {
                        m
                    }
                })
                .collect();
            for g in &p.fns {
                if g.is_test
                    || g.self_ty.as_deref() != Some(t)
                    || names.contains(g.name.as_str())
                    || !gives_self(g, t)
                {
                    continue;
                }
                let (mut lo, mut hi) = (u32::MAX, 0);
                for s in &g.body.stmts {
                    let (Stmt::Let(_, e) | Stmt::Expr(e, _) | Stmt::Assign(_, e)) = s;
                    crate::project::walk(e, &mut |x| {
                        if let Some(sp) = x.span() {
                            lo = lo.min(sp.start);
                            hi = hi.max(sp.end);
                        }
                    });
                }
                if lo < hi {
                    out.push((g.file, lo..hi, mws.clone()));
                }
            }
        }
        out
    }

    /// The middleware a handler carries itself (axum's `Handler::layer`: `post(purge.layer(
    /// RoleGateLayer::new(..)))`), innermost last: it guards that handler's route only.
    fn handler_layers(&mut self, e: &'p Ex) -> Vec<String> {
        let mut out = Vec::new();
        for a in layer_chain(e, &|n| n == "with_state").0 {
            // A layer built beforehand (`let gate = RoleGateLayer::new(..)`).
            let v = match a {
                Ex::Path(p, _, _) if p.len() == 1 => self.lookup(&p[0]),
                _ => None,
            };
            if let Some(m) = self.mw_of(v.as_ref(), Some(a), "layer") {
                out.push(m);
            }
        }
        out.reverse();
        out
    }

    fn mw_of(&mut self, v: Option<&Val<'p>>, e: Option<&'p Ex>, method: &str) -> Option<String> {
        let m = match (v, e) {
            (Some(Val::Mw(m)), _) => m.clone(),
            // Named with where it is written: the paths one closure lets through are not
            // another's.
            (_, Some(Ex::Closure(c))) => ((c.flags.credentials && c.flags.rejects)
                || (c.flags.rejects_auth && self.calls_credential_reader(&c.body)))
            .then(|| {
                let at = self
                    .location(Loc {
                        file: c.file,
                        span: c.span,
                    })
                    .map(|l| {
                        let name = l.file.rsplit('/').next().unwrap_or(&l.file).to_string();
                        format!(" at {name}:{}", l.range.start.line)
                    })
                    .unwrap_or_default();
                format!("middleware {method}(closure{at})")
            })?,
            (_, Some(e)) => self.classify_mw(e)?,
            (_, None) => return None,
        };
        if let Some(e) = e {
            let mut exempt: Vec<crate::ir::PathGate> = self
                .mw_exemptions(e)
                .into_iter()
                .map(|(path, prefix)| crate::ir::PathGate {
                    path,
                    prefix,
                    outside: false,
                })
                .collect();
            // A middleware function that tests the path first and hands some on.
            if let Some(d) = self.mw_def(e) {
                exempt.extend(d.path_gates.iter().cloned());
            }
            if !exempt.is_empty() {
                self.mw_exempt.entry(m.clone()).or_default().extend(exempt);
            }
        }
        Some(m)
    }

    /// Whether a closure calls a function of the project that reads the request's
    /// credentials (`wrap_fn(|req, srv| { if has_valid_key(&req, &key) { .. } else { 401 }
    /// })`, the header read in `has_valid_key`).
    fn calls_credential_reader(&self, e: &Ex) -> bool {
        fn calls<'a>(e: &'a Ex, out: &mut Vec<&'a [String]>) {
            if let Ex::Call { func, .. } = e {
                if let Ex::Path(p, _, _) = &**func {
                    out.push(p);
                }
            }
            e.for_each_child(&mut |c| calls(c, out));
        }
        let mut out = Vec::new();
        calls(e, &mut out);
        // A function given the request or its headers, not named for a CSRF token (a
        // `wrap_fn` turning away forged forms checks no caller).
        out.into_iter().any(|p| {
            !crate::auth::csrf_call(&p.join("::"))
                && self.resolve(p).is_some_and(|i| {
                    let g = &self.p.fns[i];
                    g.flags.reads_request_auth && takes_request(g)
                })
        })
    }

    /// The project's function a middleware runs (`from_fn(auth)`, `from_fn_with_state(s,
    /// auth)`).
    fn mw_def(&self, e: &'p Ex) -> Option<&'p crate::ir::FnDef> {
        // Built in a variable of the function (`let auth = from_fn(..); r.layer(auth)`).
        let e = match e {
            Ex::Path(v, _, _) if v.len() == 1 => {
                let fid = self.frames.last()?.fid?;
                let_init(&self.p.fns[fid].body, &v[0])?
            }
            e => e,
        };
        let Ex::Call { func, args, .. } = e else {
            return None;
        };
        let Ex::Path(p, _, _) = &**func else {
            return None;
        };
        let ctor = p.last()?;
        if !matches!(
            ctor.as_str(),
            "from_fn" | "from_fn_with_state" | "map_request" | "map_request_with_state"
        ) {
            return None;
        }
        match args.last()? {
            Ex::Path(f, _, _) => self.resolve(f).map(|i| &self.p.fns[i]),
            _ => None,
        }
    }

    /// The paths an auth middleware lets through (`AuthTransform::new(keys,
    /// api_key_whitelist)` with `let api_key_whitelist = vec![WhitelistItem::exact("/healthz"),
    /// WhitelistItem::prefix("/readyz")]`, `.skip_path("/metrics")`): path literals in its
    /// construction, or in the `let` of a variable it names (two steps), where the call,
    /// method or variable they are given to is named for an exemption. A prefix when the
    /// call that wraps one is named for a prefix.
    fn mw_exemptions(&self, e: &'p Ex) -> Vec<(String, bool)> {
        // Marks a variable whose paths are prefixes.
        const PREFIX_MARK: &str = "prefix:";
        // By its words (`api_key_whitelist`, `WhitelistItem`, `skip_path`), not any
        // substring (`openid_config` is not open).
        fn exempting(name: &str) -> bool {
            crate::auth::words(name).iter().any(|w| {
                matches!(
                    w.as_str(),
                    "whitelist"
                        | "whitelisted"
                        | "allowlist"
                        | "allow"
                        | "allowed"
                        | "skip"
                        | "exclude"
                        | "excluded"
                        | "exempt"
                        | "public"
                        | "ignore"
                        | "ignored"
                        | "bypass"
                        | "unprotected"
                        | "anonymous"
                        | "open"
                )
            })
        }
        fn collect(e: &Ex, ctx: &[&str], out: &mut Vec<(String, bool)>, vars: &mut Vec<String>) {
            match e {
                // `CONST.iter().any(|p| path.starts_with(p))`: every path of the list is a
                // prefix (the variable is marked for the lookup below).
                Ex::Method {
                    recv, name, args, ..
                } if name == "any"
                    && matches!(&args[..], [Ex::Closure(c)]
                        if matches!(&c.body, Ex::Method { name, .. } if name == "starts_with")) =>
                {
                    if let Ex::Method { recv, name, .. } = &**recv {
                        if let (Ex::Path(p, _, _), "iter") = (&**recv, name.as_str()) {
                            if let [v] = &p[..] {
                                vars.push(format!("{PREFIX_MARK}{v}"));
                            }
                        }
                    }
                }
                // A closure's statements: only the lists tested as prefixes of the path
                // (a literal there may sit under a `!`: `!path.starts_with("/admin")`).
                Ex::Block(_) => {
                    fn prefix_lists(e: &Ex, vars: &mut Vec<String>) {
                        if matches!(e, Ex::Method { name, .. } if name == "any") {
                            collect(e, &[], &mut Vec::new(), vars);
                        } else {
                            e.for_each_child(&mut |c| prefix_lists(c, vars));
                        }
                    }
                    prefix_lists(e, vars);
                }
                Ex::Str(s, _) if s.starts_with('/') && ctx.iter().any(|c| exempting(c)) => {
                    let prefix = ctx.last().is_some_and(|c| {
                        let c = c.to_ascii_lowercase();
                        c.contains("prefix") || c.contains("starts")
                    });
                    out.push((s.clone(), prefix));
                }
                Ex::Path(p, _, _) => {
                    if let [v] = &p[..] {
                        vars.push(v.clone());
                    }
                }
                Ex::Call { func, args, .. } => {
                    let mut c = ctx.to_vec();
                    if let Ex::Path(p, _, _) = &**func {
                        c.extend(p.iter().map(String::as_str));
                    }
                    args.iter().for_each(|a| collect(a, &c, out, vars));
                }
                Ex::Method {
                    recv, name, args, ..
                } => {
                    collect(recv, ctx, out, vars);
                    let mut c = ctx.to_vec();
                    c.push(name);
                    args.iter().for_each(|a| collect(a, &c, out, vars));
                }
                Ex::Macro { args, .. } | Ex::List(args) | Ex::Other(args) => {
                    args.iter().for_each(|a| collect(a, ctx, out, vars));
                }
                Ex::Closure(c) => collect(&c.body, ctx, out, vars),
                _ => {}
            }
        }
        let mut out = Vec::new();
        let mut vars = Vec::new();
        collect(e, &[], &mut out, &mut vars);
        let Some(fid) = self.frames.last().and_then(|f| f.fid) else {
            return out;
        };
        let body = &self.p.fns[fid].body;
        let module = &self.p.fns[fid].module;
        let mut seen: Vec<String> = Vec::new();
        for _ in 0..2 {
            let names: Vec<String> = std::mem::take(&mut vars)
                .into_iter()
                .filter(|v| !seen.contains(v))
                .collect();
            for marked in names {
                let (name, prefix) = match marked.strip_prefix(PREFIX_MARK) {
                    Some(n) => (n, true),
                    None => (marked.as_str(), false),
                };
                // A variable of the function, or a constant of the project (`const
                // PUBLIC_ENDPOINTS: &[&str] = &["/health", ..]`).
                let init = let_init(body, name).or_else(|| {
                    self.p
                        .resolve_const(module, &[name.to_string()])
                        .map(|c| &c.value)
                });
                if let Some(init) = init {
                    let ctx: Vec<&str> = vec![name];
                    let from = out.len();
                    collect(init, &ctx, &mut out, &mut vars);
                    if prefix {
                        out[from..].iter_mut().for_each(|(_, p)| *p = true);
                    }
                }
                seen.push(marked);
            }
        }
        out
    }

    fn router_method(
        &mut self,
        mut rv: Rv<'p>,
        name: &str,
        args: Vec<Val<'p>>,
        arg_ex: &'p [Ex],
        span: Span,
    ) -> Val<'p> {
        // poem-openapi's docs UIs and description of an `OpenApiService` (`api.swagger_ui()`,
        // `api.spec_endpoint()`): an endpoint of their own, nested where the page is served;
        // the service itself is still to be served.
        if rv.kind == RvKind::Poem && args.is_empty() && POEM_DOCS.contains(&name) {
            let mut ui = self.new_rv(RvKind::Poem, String::new());
            let reg = self.loc(span);
            self.docs_page(
                &mut ui,
                "/".to_string(),
                format!("{FIXED_RESPONSE}poem-openapi {name}"),
                reg,
            );
            return self.produce(ui);
        }
        self.consume(rv.id);
        // Its description as a string (`api.spec()`, printed by a tool that writes the
        // document): the service is not served there.
        if rv.kind == RvKind::Poem && args.is_empty() && matches!(name, "spec" | "spec_yaml") {
            return Val::Unknown;
        }
        // utoipa-axum's router consumed for its OpenAPI document (`router.into_openapi()`,
        // to print or merge the description): not served.
        if rv.kind == RvKind::Axum && args.is_empty() && name == "into_openapi" {
            return Val::Unknown;
        }
        let reg_of = |i: usize| arg_ex.get(i).and_then(Ex::span).unwrap_or(span);
        let reg0 = self.loc(reg_of(0));
        let reg1 = self.loc(reg_of(1));
        match (rv.kind, name, args.len()) {
            // utoipa_axum: `.routes(routes!(a, b))`, each handler's `#[utoipa::path]`.
            (RvKind::Axum, "routes", 1) => {
                if let Some(Val::Rocket(items)) = args.into_iter().next() {
                    for it in items {
                        if let RItem::Attr(fid, reg, _) = it {
                            self.attr_entries(&mut rv, fid, reg, Framework::Axum);
                        }
                    }
                } else {
                    self.note(
                        span,
                        format!("handlers not followed: {}", describe_path(&arg_ex[0])),
                    );
                }
            }
            // `(router, api)`: the router, and a value of no interest (utoipa-axum's
            // `OpenApiRouter`, utoipa-actix-web's `UtoipaApp`).
            (RvKind::Axum | RvKind::ActixApp, "split_for_parts", 0) => {
                let r = self.produce(rv);
                return Val::List(vec![r, Val::Unknown]);
            }
            // paperclip's document of the API it collects (`App::new().wrap_api()
            // .with_json_spec_at("/api/spec")`) and its UI (`.with_swagger_ui_at("/docs")`).
            (
                RvKind::ActixApp,
                "with_json_spec_at"
                | "with_json_spec_v3_at"
                | "with_swagger_ui_at"
                | "with_rapidoc_at",
                1,
            ) => {
                let path = self.path_arg(args.first(), arg_ex.first(), span);
                let ui = name.starts_with("with_swagger") || name.starts_with("with_rapidoc");
                let what = if ui {
                    "paperclip docs UI"
                } else {
                    "paperclip OpenAPI document"
                };
                // Served by the library, as a docs UI's document is.
                self.docs_page(&mut rv, path, format!("{FIXED_RESPONSE}{what}"), reg0);
            }
            // RapiDoc's page moved from `/`: `RapiDoc::new(spec_url).path("/rapidoc")`.
            (RvKind::Axum, "path", 1)
                if rv.entries.first().is_some_and(|e| {
                    e.kind == RouteKind::Service
                        && matches!(&e.handler, HRef::Service(d) if d.contains("RapiDoc"))
                }) =>
            {
                let path = self.path_arg(args.first(), arg_ex.first(), span);
                let page = &mut std::rc::Rc::make_mut(&mut rv.entries)[0];
                page.path = path;
                page.reg = reg0;
            }
            // A docs UI's document: `.url("/api-docs/openapi.json", ApiDoc::openapi())`.
            (_, "url", 2) if rv.entries.iter().any(|e| e.kind == RouteKind::Service) => {
                let path = self.path_arg(args.first(), arg_ex.first(), span);
                let what = rv
                    .entries
                    .first()
                    .map(|e| match &e.handler {
                        HRef::Service(d) => d.clone(),
                        _ => String::new(),
                    })
                    .unwrap_or_default();
                self.docs_page(&mut rv, path, what, reg0);
            }
            // `route`, aide's `api_route(_with)`, and route-like methods of extension traits
            // (axum-extra's `route_with_tsr`): a path and a method router.
            (RvKind::Axum, _, 2 | 3)
                if matches!(name, "route" | "api_route" | "api_route_with")
                    || (name.starts_with("route_") && matches!(args[1], Val::Methods(_))) =>
            {
                // `r.route(p, get(h))` with `p` a parameter or a field of the configuration:
                // listed at `/{?}` with its handler and auth.
                let runtime = args.first().and_then(str_of).is_none()
                    && arg_ex.first().is_some_and(|e| self.runtime_value(e));
                // Listed so when its handlers are known.
                let listed = runtime
                    && matches!(&args[1], Val::Methods(ms)
                        if !ms.is_empty() && ms.iter().all(|m| m.handler.is_some()));
                let path = if listed {
                    let e = &arg_ex[0];
                    let loc = self.loc(e.span().unwrap_or(span));
                    let krate = self.crate_now();
                    self.unresolved.push((
                        loc,
                        format!("path known only at run time: {}", describe_path(e)),
                        "/".to_string(),
                        true,
                        krate,
                    ));
                    UNKNOWN.to_string()
                } else {
                    self.path_arg(args.first(), arg_ex.first(), span)
                };
                match args.into_iter().nth(1) {
                    Some(Val::Methods(ms)) => {
                        if listed {
                            self.runtime_paths
                                .extend(ms.iter().map(|m| (m.reg.file, m.reg.span)));
                        }
                        // aide's `api_route` documents what it registers, unless a
                        // transform hides it (`|op| op.hidden(true)`).
                        let code_doc = name.starts_with("api_route")
                            && !arg_ex[1..].iter().any(|t| calls_method(t, "hidden"));
                        self.entries_from_methods(&mut rv, &path, ms, code_doc);
                    }
                    _ => self.unseen(
                        &mut rv,
                        path,
                        describe(&arg_ex[1]),
                        RouteKind::Handler,
                        reg1,
                    ),
                }
            }
            // axum-extra's `RouterExt::typed_get(h)`: the path is the `#[typed_path]` of the
            // type of the handler's first parameter.
            (RvKind::Axum, _, 1) if typed_method(name).is_some() => {
                let method = typed_method(name).unwrap_or_default();
                match &args[0] {
                    Val::Fn(fid) => {
                        if let Some(path) = self.typed_path_of(*fid, turbofish(&arg_ex[0])) {
                            let e =
                                Entry::handler(method, path, HRef::Fn(*fid), Framework::Axum, reg0);
                            self.add(&mut rv, e);
                        } else {
                            let ty = self.p.fns[*fid]
                                .params
                                .first()
                                .and_then(|p| p.ty.as_ref())
                                .map(|t| t.path.join("::"))
                                .unwrap_or_default();
                            self.note_under(
                                reg0.span,
                                format!(
                                    "typed path not resolved: {} (first parameter {ty})",
                                    describe_path(&arg_ex[0])
                                ),
                                rv.prefix.clone(),
                            );
                        }
                    }
                    _ => self.note_under(
                        reg0.span,
                        format!("handler not followed: {}", describe_path(&arg_ex[0])),
                        rv.prefix.clone(),
                    ),
                }
            }
            // A router handed to `nest_service` (aide's `nest_api_service`) is nested.
            (RvKind::Axum, "route_service", 2) if !matches!(args[1], Val::Router(_)) => {
                let path = self.path_arg(args.first(), arg_ex.first(), span);
                self.unseen(
                    &mut rv,
                    path,
                    describe(&arg_ex[1]),
                    RouteKind::Service,
                    reg1,
                );
            }
            (RvKind::Axum, "nest_service" | "nest_api_service", 2)
                if !matches!(args[1], Val::Router(_)) =>
            {
                let path = self.path_arg(args.first(), arg_ex.first(), span);
                let served = describe(method_service_inner(&arg_ex[1]));
                self.mounted_service(&mut rv, &path, served, reg1);
            }
            (RvKind::Axum, "nest" | "nest_service" | "nest_api_service", 2) => {
                // A base chosen by a `match` or `if` on the configuration (`match tenancy {
                // Multi => "/{account}/{dataset}", Single => "/{dataset}" }`): the router is
                // nested under each, its routes under that arm's condition.
                let known_arm = match arg_ex.first() {
                    Some(Ex::Other(v)) => self.taken_arm(v).or_else(|| self.taken_if(v)).is_some(),
                    _ => false,
                };
                if let (false, Some(alts), Some(Val::Router(inner))) = (
                    known_arm,
                    arg_ex.first().and_then(literal_arms),
                    args.get(1),
                ) {
                    let inner = inner.clone();
                    for (cond, prefix) in alts {
                        let on = self.branch_off == 0 && cond.is_some();
                        if let Some(c) = cond.filter(|_| on) {
                            self.branch.push(c);
                            self.arm_start.push(self.registered.get());
                        }
                        self.nested(&mut rv, inner.clone(), prefix);
                        if on {
                            self.branch.pop();
                            self.arm_start.pop();
                        }
                    }
                    return self.produce(rv);
                }
                let prefix = self.prefix_arg(args.first(), arg_ex.first(), span);
                if let Some(Val::Router(inner)) = args.into_iter().nth(1) {
                    self.nested(&mut rv, inner, &prefix);
                } else {
                    self.nested_unfollowed
                        .extend(self.own_methods_in(&arg_ex[1]));
                    self.nest_not_followed(&rv, reg1.span, &arg_ex[1], &prefix);
                }
            }
            // A builder that registers by method (oasgen's `.get("/search", search)`): an
            // axum `Router` has no such two-argument methods.
            (RvKind::Axum, m, 2) if METHODS.contains(&m) => {
                let path = self.path_arg(args.first(), arg_ex.first(), span);
                let ms = vec![MEntry {
                    method: m.to_ascii_uppercase(),
                    handler: Some(self.href(&args[1])),
                    fw: Framework::Axum,
                    kind: RouteKind::Handler,
                    reg: reg1,
                    mw: Vec::new(),
                }];
                self.entries_from_methods(&mut rv, &path, ms, false);
            }
            // oasgen serves the description it generates.
            (RvKind::Axum, "route_yaml_spec" | "route_json_spec" | "swagger_ui", 1) => {
                let path = self.path_arg(args.first(), arg_ex.first(), span);
                self.docs_page(&mut rv, path, format!(".{name}(..)"), reg0);
            }
            (RvKind::Axum, "merge", 1) => {
                // A router apiward could not follow (built by a library it does not read,
                // `api.into_router()`): its routes are missing, and said to be.
                match args.into_iter().next() {
                    Some(Val::Router(inner)) => self.nested(&mut rv, inner, ""),
                    _ => self.note_under(
                        reg_of(0),
                        format!(
                            "router not followed: {} (merged)",
                            describe_path(&arg_ex[0])
                        ),
                        rv.prefix.clone(),
                    ),
                }
            }
            // leptos' server integration serves each page of the application's route tree
            // (`.leptos_routes(&options, routes, App)`, `.leptos_routes_with_handler(routes,
            // get(handler))`) with a `GET` that renders it.
            (_, n, _) if n.starts_with("leptos_routes") => {
                let handler = args.iter().find_map(|a| match a {
                    Val::Methods(ms) => ms.first().and_then(|m| m.handler.clone()),
                    Val::Fn(_) if n.ends_with("with_handler") => Some(self.href(a)),
                    _ => None,
                });
                let fw = rv.kind.framework();
                let pages = args.into_iter().find_map(|a| match a {
                    Val::Pages(p) => Some(p),
                    _ => None,
                });
                if let Some(pages) = pages {
                    for (path, reg) in pages {
                        let (handler, kind) = match &handler {
                            Some(h) => (h.clone(), RouteKind::Handler),
                            None => (
                                HRef::Service(format!("{LEPTOS_PAGE}{n}")),
                                RouteKind::Service,
                            ),
                        };
                        self.add(
                            &mut rv,
                            Entry {
                                seq: 0,
                                code_doc: false,
                                cond: None,
                                method: "GET".into(),
                                path,
                                handler,
                                fw,
                                kind,
                                reg,
                                mw: Vec::new(),
                            },
                        );
                    }
                } else {
                    let prefix = rv.prefix.clone();
                    self.note_under(
                        span,
                        format!("leptos page routes not found: .{n}(..)"),
                        prefix,
                    );
                }
            }
            // A router given as the fallback (`.fallback_service(static_files)`) answers what
            // nothing else matches with its own routes and fallback.
            (RvKind::Axum, "fallback_service", 1) if matches!(args[0], Val::Router(_)) => {
                if let Some(Val::Router(inner)) = args.into_iter().next() {
                    self.nested(&mut rv, inner, "");
                }
            }
            // A method router as the fallback (`.fallback_service(get(static_handler))`)
            // answers what nothing else matches for its methods only.
            (RvKind::Axum, "fallback" | "fallback_service", 1)
                if matches!(&args[0], Val::Methods(ms)
                    if ms.len() > 1 && ms.iter().all(|m| m.handler.is_some() && m.method != "ANY")) =>
            {
                if let Some(Val::Methods(ms)) = args.into_iter().next() {
                    for m in ms {
                        let handler = m.handler.unwrap_or(HRef::Unknown);
                        self.add(
                            &mut rv,
                            Entry {
                                seq: 0,
                                code_doc: false,
                                cond: None,
                                method: m.method,
                                path: "/{*path}".into(),
                                handler,
                                fw: Framework::Axum,
                                kind: RouteKind::Fallback,
                                reg: reg0,
                                mw: m.mw,
                            },
                        );
                    }
                }
            }
            (_, "fallback" | "fallback_service" | "default_service", 1) => {
                let handler = match &args[0] {
                    Val::Fn(_) | Val::Closure(_) => self.href(&args[0]),
                    Val::Methods(ms) if ms.len() == 1 && ms[0].handler.is_some() => {
                        ms[0].handler.clone().unwrap_or(HRef::Unknown)
                    }
                    _ => HRef::Service(describe(&arg_ex[0])),
                };
                let fw = if rv.kind.is_actix() {
                    Framework::ActixWeb
                } else {
                    Framework::Axum
                };
                // What nothing else matches: any path below the router's, for the one method
                // of a method router (`fallback_service(get(h))`).
                let method = match (&args[0], &handler) {
                    (Val::Methods(ms), _)
                        if rv.kind == RvKind::Axum && ms.len() == 1 && ms[0].method != "ANY" =>
                    {
                        ms[0].method.as_str()
                    }
                    (_, HRef::Service(what)) if serves_files(what) => "GET",
                    _ => "ANY",
                };
                self.add(
                    &mut rv,
                    Entry {
                        seq: 0,
                        code_doc: false,
                        cond: None,
                        method: method.into(),
                        path: "/{*path}".into(),
                        handler,
                        fw,
                        kind: RouteKind::Fallback,
                        reg: reg0,
                        mw: Vec::new(),
                    },
                );
            }
            // poem: `.at(path, get(h).post(g))`; a handler alone answers every method.
            (RvKind::Poem, "at", 2) => {
                let path = self.path_arg(args.first(), arg_ex.first(), span);
                match args.into_iter().nth(1) {
                    Some(Val::Methods(ms)) => self.entries_from_methods(&mut rv, &path, ms, false),
                    Some(Val::Router(inner)) => self.nested(&mut rv, inner, &path),
                    Some(v @ Val::Fn(_)) => {
                        let e = Entry::handler(
                            "ANY".into(),
                            path,
                            self.href(&v),
                            Framework::Poem,
                            reg1,
                        );
                        self.add(&mut rv, e);
                    }
                    _ => self.unseen(
                        &mut rv,
                        path,
                        describe(&arg_ex[1]),
                        RouteKind::Handler,
                        reg1,
                    ),
                }
            }
            // poem: `.nest(prefix, endpoint)` (the prefix stripped) and `.nest_no_strip(..)`
            // serve it below the prefix.
            // (An endpoint nested so is handed the whole path: poem-openapi's operations
            // nested with `nest_no_strip("/api/v1", api)` carry `/api/v1` in their own.)
            (RvKind::Poem, "nest" | "nest_no_strip", 2) => {
                let prefix = self.prefix_arg(args.first(), arg_ex.first(), span);
                match args.into_iter().nth(1) {
                    Some(Val::Router(inner)) if name == "nest_no_strip" => {
                        self.nested(&mut rv, inner, "");
                    }
                    Some(Val::Router(inner)) => self.nested(&mut rv, inner, &prefix),
                    // A method router nested: it answers at the prefix.
                    Some(Val::Methods(ms)) => {
                        self.entries_from_methods(&mut rv, &prefix, ms, false);
                    }
                    _ if self.is_library_service(&arg_ex[1]) => {
                        self.mounted_service(&mut rv, &prefix, describe(&arg_ex[1]), reg1);
                    }
                    _ => self.nest_not_followed(&rv, reg1.span, &arg_ex[1], &prefix),
                }
            }
            (RvKind::Axum, "layer" | "route_layer", 1) | (RvKind::Poem, "with", 1) => {
                if let Some(m) = self.mw_of(args.first(), arg_ex.first(), name) {
                    let (since, cond) = self.arm_mw(&m);
                    for e in std::rc::Rc::make_mut(&mut rv.entries).iter_mut() {
                        e.mw.push(if e.seq < since {
                            cond.clone()
                        } else {
                            m.clone()
                        });
                    }
                }
            }
            (k, "service", 1) if k.is_actix() => {
                let mut vals = args;
                if let Some(Val::List(l)) = vals.first() {
                    vals = l.clone();
                }
                for (i, v) in vals.into_iter().enumerate() {
                    let reg = match arg_ex.first() {
                        Some(Ex::List(items)) => {
                            self.loc(items.get(i).and_then(Ex::span).unwrap_or(span))
                        }
                        _ => reg0,
                    };
                    match v {
                        Val::Fn(fid) if !self.p.fns[fid].routes.is_empty() => {
                            self.attr_entries(&mut rv, fid, reg, Framework::ActixWeb);
                        }
                        Val::Router(inner) => self.nested(&mut rv, inner, ""),
                        Val::Fn(_) => {}
                        _ => {
                            let e = match arg_ex.first() {
                                Some(Ex::List(items)) => items.get(i),
                                other => other,
                            };
                            if let Some(e) = e {
                                if let Some(path) = first_str(e) {
                                    self.mounted_service(&mut rv, &path, describe(e), reg);
                                } else if let Some((path, what)) = self.built_files(e) {
                                    self.mounted_service(&mut rv, &path, what, reg);
                                } else if let Ex::Method { recv, name, .. } = e {
                                    // A scope or service a library's value builds
                                    // (`bridge.0.scope()`): its routes are missing, and
                                    // said to be.
                                    let prefix = rv.prefix.clone();
                                    self.note_under(
                                        reg.span,
                                        format!(
                                            "service not followed: {}.{name}()",
                                            describe_path(recv)
                                        ),
                                        prefix,
                                    );
                                } else if matches!(e, Ex::Path(p, ..) if p.len() > 1) {
                                    // A handler or service named through a module that the
                                    // project's files do not define as far as they were
                                    // read: said, not dropped. (A bare name may be a local
                                    // value: `self.service(client)` of a tower builder.)
                                    let prefix = rv.prefix.clone();
                                    self.note_under(
                                        reg.span,
                                        format!("service not followed: {}", describe_path(e)),
                                        prefix,
                                    );
                                }
                            }
                        }
                    }
                }
            }
            (k, "route", 2) if k.is_actix() => {
                let path = self.path_arg(args.first(), arg_ex.first(), span);
                if let Some(Val::Methods(ms)) = args.into_iter().nth(1) {
                    self.entries_from_methods(&mut rv, &path, ms, false);
                }
            }
            (RvKind::ActixResource, "route", 1) => {
                if let Some(Val::Methods(ms)) = args.into_iter().next() {
                    self.entries_from_methods(&mut rv, "", ms, false);
                }
            }
            // `web::resource("/x").get(h)`: actix-web's shortcut for `.route(web::get().to(h))`.
            (
                RvKind::ActixResource,
                "to" | "get" | "post" | "put" | "patch" | "delete" | "head" | "trace",
                1,
            ) => {
                let handler = self.href(&args[0]);
                let method = match name {
                    "to" => rv.method_guard.clone().unwrap_or_else(|| "ANY".into()),
                    m => m.to_ascii_uppercase(),
                };
                self.add(
                    &mut rv,
                    Entry {
                        seq: 0,
                        code_doc: false,
                        cond: None,
                        method,
                        path: String::new(),
                        handler,
                        fw: Framework::ActixWeb,
                        kind: RouteKind::Handler,
                        reg: reg0,
                        mw: Vec::new(),
                    },
                );
            }
            // utoipa-actix-web's `scope("/api").map(|scope| scope.wrap(auth))` (and
            // `UtoipaApp::map`): the closure is given the scope and returns it.
            (k, "map", 1) if k.is_actix() && matches!(args[0], Val::Closure(_)) => {
                let Some(Val::Closure(c)) = args.into_iter().next() else {
                    unreachable!("matched above")
                };
                let given = self.produce(rv.clone());
                let given_id = match &given {
                    Val::Router(g) => g.id,
                    _ => 0,
                };
                // (The one given is consumed whatever comes back: a closure building
                // another scope, `|_| web::scope("/x")`, leaves no copy of it listed.)
                let out = self.run_closure(c, vec![given]).0;
                self.consume(given_id);
                if let Val::Router(out) = out {
                    self.consume(out.id);
                    rv = out;
                }
            }
            (k, _, 1)
                if k.is_actix() && (name == "configure" || self.keeps_config_fn(name, &args)) =>
            {
                let cfg = Val::Router(self.new_rv(RvKind::ActixConfig, String::new()));
                let finals = match &args[0] {
                    Val::Fn(fid) => {
                        let fid = *fid;
                        self.inlined.insert(fid);
                        self.call_fn(fid, vec![cfg]).1
                    }
                    Val::Closure(c) => self.run_closure(c, vec![cfg]).1,
                    _ => {
                        let prefix = rv.prefix.clone();
                        self.note_under(
                            reg0.span,
                            format!(
                                "configure function not followed: {}",
                                describe_path(&arg_ex[0])
                            ),
                            prefix,
                        );
                        Vec::new()
                    }
                };
                if let Some(Some(Val::Router(inner))) = finals.into_iter().next() {
                    self.nested(&mut rv, inner, "");
                }
                // A builder of the project keeps the function to configure its app with.
                if name != "configure" {
                    rv.handed = true;
                }
            }
            (k, "wrap" | "wrap_fn", 1) if k.is_actix() => {
                if let Some(m) = self.mw_of(args.first(), arg_ex.first(), name) {
                    let (since, cond) = self.arm_mw(&m);
                    for e in std::rc::Rc::make_mut(&mut rv.entries).iter_mut() {
                        let m = if e.seq < since { &cond } else { &m };
                        if !e.mw.contains(m) {
                            e.mw.push(m.clone());
                        }
                    }
                    rv.sticky.push(if since > 0 { cond } else { m });
                }
            }
            (k, "guard", 1) if k.is_actix() => {
                if let Val::MethodGuard(m) = &args[0] {
                    for e in std::rc::Rc::make_mut(&mut rv.entries).iter_mut() {
                        if e.method == "ANY" {
                            e.method = m.clone();
                        }
                    }
                    rv.method_guard = Some(m.clone());
                }
            }
            (RvKind::Rocket, "mount", 2) => {
                let prefix = self.prefix_arg(args.first(), arg_ex.first(), span);
                let items = match args.into_iter().nth(1) {
                    Some(Val::Rocket(items)) => Some(items),
                    // A list of route lists, or okapi's `(routes, spec)`.
                    Some(Val::List(l)) if l.iter().any(|v| matches!(v, Val::Rocket(_))) => Some(
                        l.into_iter()
                            .flat_map(|v| match v {
                                Val::Rocket(i) => i,
                                _ => Vec::new(),
                            })
                            .collect(),
                    ),
                    _ => None,
                };
                match items {
                    Some(items) => {
                        for it in items {
                            match it {
                                RItem::Attr(fid, reg, cond) => {
                                    let before = rv.entries.len();
                                    self.attr_entries(&mut rv, fid, reg, Framework::Rocket);
                                    for e in &mut std::rc::Rc::make_mut(&mut rv.entries)[before..] {
                                        e.path = join_nest(&prefix, &e.path);
                                        if e.cond.is_none() {
                                            e.cond.clone_from(&cond);
                                        }
                                    }
                                }
                                RItem::Manual {
                                    method,
                                    path,
                                    handler,
                                    reg,
                                    cond,
                                } => self.add(
                                    &mut rv,
                                    Entry {
                                        seq: 0,
                                        code_doc: false,
                                        cond,
                                        method,
                                        path: join_nest(&prefix, &path),
                                        handler,
                                        fw: Framework::Rocket,
                                        kind: RouteKind::Handler,
                                        reg,
                                        mw: Vec::new(),
                                    },
                                ),
                            }
                        }
                    }
                    // A file server or another service built by a library.
                    None if self.is_library_service(&arg_ex[1]) => {
                        self.mounted_service(&mut rv, &prefix, describe(&arg_ex[1]), reg1);
                    }
                    None => self.note_under(
                        reg1.span,
                        format!(
                            "route list not followed: {} (mounted at {})",
                            describe_path(&arg_ex[1]),
                            normalize_path(&prefix)
                        ),
                        prefix.clone(),
                    ),
                }
            }
            _ => {
                // A method the project defines on the framework's router type (an extension
                // trait: `router.ruma_route(&h)`, `app.with_health()`) is followed with the
                // router as `self`. When it gives no router back, the router goes on as it
                // was and the call is listed as not resolved.
                let kind = rv.kind;
                let ext = self.router_ext(name, None).filter(|&(_, k)| {
                    k.is_actix() == kind.is_actix() && (k == RvKind::Axum) == (kind == RvKind::Axum)
                });
                if let Some((fid, _)) = ext {
                    self.inlined.insert(fid);
                    let before = rv.clone();
                    let (ret, _) = self.call_method_fn(fid, Some(Val::Router(rv)), None, args);
                    if let Val::Router(r) = ret {
                        return Val::Router(r);
                    }
                    rv = before;
                    self.consume(rv.id);
                    let d = &self.p.fns[fid];
                    if self.builds[fid]
                        || d.ret_ty
                            .as_deref()
                            .is_some_and(|t| t == "Self" || crate::ir::ROUTER_TYPES.contains(&t))
                    {
                        let prefix = rv.prefix.clone();
                        let call = arg_ex
                            .iter()
                            .map(describe_path)
                            .collect::<Vec<_>>()
                            .join(", ");
                        self.note_under(
                            span,
                            format!("router method of the project not followed: .{name}({call})"),
                            prefix,
                        );
                    }
                    return self.produce(rv);
                }
                // A method of the project's own extension trait that builds routes
                // (`router.typed_route::<Login>()`): its routes are not seen.
                let own = self
                    .p
                    .fns_named(name)
                    .iter()
                    .any(|&f| self.builds[f] && self.p.fns[f].self_ty.is_some());
                if own {
                    // (Handed to the project's code: served there, as far as can be told.)
                    rv.handed = true;
                }
                // (One taking nothing but the router that starts a server with it, `.run()`
                // building `HttpServer::new(..)`, registers nothing of its own here: what it
                // builds is evaluated where it is defined.)
                let launches = args.is_empty()
                    && self.p.fns_named(name).iter().any(|&f| {
                        let d = &self.p.fns[f];
                        d.receiver
                            && self.builds[f]
                            && self.p.fn_text(d).is_some_and(|t| {
                                ["HttpServer::new", "axum::serve", ".launch(", ".bind("]
                                    .iter()
                                    .any(|w| t.contains(w))
                            })
                    });
                if own && !launches {
                    let prefix = rv.prefix.clone();
                    self.note_under(
                        span,
                        format!("router method of the project not followed: .{name}(..)"),
                        prefix,
                    );
                }
                // with_state, into_make_service, app_data, attach, manage, launch...: the
                // same router. Closures given to them may build routers of their own.
                for v in args {
                    if let Val::Closure(c) = v {
                        self.run_closure(c, Vec::new());
                    }
                }
            }
        }
        self.produce(rv)
    }

    fn methods_method(
        &mut self,
        mut ms: Vec<MEntry<'p>>,
        name: &str,
        args: Vec<Val<'p>>,
        arg_ex: &'p [Ex],
        span: Span,
    ) -> Val<'p> {
        let fw = ms.first().map_or(Framework::Axum, |m| m.fw);
        let reg_of = |i: usize| arg_ex.get(i).and_then(Ex::span).unwrap_or(span);
        // aide's `.get_with(h, docs)`: the handler is the first argument.
        let (name, args) = match name.strip_suffix("_with") {
            Some(m) if args.len() == 2 && METHODS.contains(&m) => {
                (m, args.into_iter().take(1).collect::<Vec<_>>())
            }
            _ => (name, args),
        };
        match (name, args.len()) {
            (m, 1) if METHODS.contains(&m) => ms.push(MEntry {
                method: m.to_ascii_uppercase(),
                handler: Some(self.href(&args[0])),
                fw,
                kind: RouteKind::Handler,
                reg: self.loc(reg_of(0)),
                mw: arg_ex
                    .first()
                    .map(|e| self.handler_layers(e))
                    .unwrap_or_default(),
            }),
            ("on", 2) => ms.push(MEntry {
                method: method_from_filter(&arg_ex[0]).unwrap_or_else(|| "ANY".into()),
                handler: Some(self.href(&args[1])),
                fw,
                kind: RouteKind::Handler,
                reg: self.loc(reg_of(1)),
                mw: Vec::new(),
            }),
            (m, 1) if m.ends_with("_service") => {
                let base = m.trim_end_matches("_service");
                let (handler, kind) = self.service_ref(&args[0], &arg_ex[0]);
                ms.push(MEntry {
                    method: if base == "any" {
                        "ANY".into()
                    } else {
                        base.to_ascii_uppercase()
                    },
                    handler: Some(handler),
                    fw,
                    kind,
                    reg: self.loc(reg_of(0)),
                    mw: Vec::new(),
                });
            }
            // (poem's `get(h).with(mw)`: a middleware around the endpoint.)
            ("layer" | "route_layer" | "wrap" | "with", 1) => {
                if let Some(m) = self.mw_of(args.first(), arg_ex.first(), name) {
                    for e in &mut ms {
                        e.mw.push(m.clone());
                    }
                }
            }
            ("to", 1) => {
                // A response of actix-web's own (`.to(HttpResponse::NotFound)`): a fixed
                // answer that reads no credentials.
                let h = match arg_ex.first() {
                    Some(Ex::Path(p, _, _))
                        if p.len() >= 2
                            && p[p.len() - 2] == "HttpResponse"
                            && self.resolve(p).is_none() =>
                    {
                        HRef::Service(format!("{FIXED_RESPONSE}{}", p.join("::")))
                    }
                    _ => self.href(&args[0]),
                };
                let reg = self.loc(reg_of(0));
                if ms.is_empty() {
                    ms.push(MEntry {
                        method: "ANY".into(),
                        handler: None,
                        fw: Framework::ActixWeb,
                        kind: RouteKind::Handler,
                        reg,
                        mw: Vec::new(),
                    });
                }
                for e in &mut ms {
                    if e.handler.is_none() {
                        e.handler = Some(h.clone());
                        e.reg = reg;
                    }
                }
            }
            // A method of the project's extension trait on the framework's route type
            // (`web::get().to(h).authorize(Action::X)` with `impl RouteExt for Route { fn
            // authorize(self, ..) -> Self { self.wrap(Auth { .. }) } }`): followed with the
            // route as `self`.
            (_, n) if n <= 3 && self.methods_ext(name).is_some() => {
                let fid = self.methods_ext(name).expect("checked");
                let before = ms.clone();
                if let (Val::Methods(out), _) =
                    self.call_method_fn(fid, Some(Val::Methods(ms)), None, args)
                {
                    return Val::Methods(out);
                }
                ms = before;
            }
            ("guard", 1) => {
                if let Val::MethodGuard(m) = &args[0] {
                    for e in &mut ms {
                        if e.method == "ANY" {
                            e.method = m.clone();
                        }
                    }
                }
            }
            ("method", 1) => {
                if let Some(m) = method_from_filter(&arg_ex[0]) {
                    for e in &mut ms {
                        e.method = m.clone();
                    }
                }
            }
            _ => {}
        }
        Val::Methods(ms)
    }

    /// Whether an expression builds authentication middleware; its description if so.
    fn classify_mw(&self, e: &'p Ex) -> Option<String> {
        match e {
            Ex::Call { func, args, .. } => {
                let Ex::Path(p, _, generics) = &**func else {
                    return None;
                };
                let last = p.last().map_or("", String::as_str);
                let has = |s: &str| p.iter().any(|x| x == s);
                // Middleware applied only when a runtime condition holds (actix `Condition`,
                // `ConditionEx`, axum `option_layer`): auth that may be off is not "required".
                let conditional_inner = match last {
                    "new" if has("Condition") => args.get(1),
                    "from_option" if has("ConditionEx") => args.first(),
                    "option_layer" => args.first(),
                    _ => None,
                };
                if let Some(inner) = conditional_inner {
                    let says_auth = self.classify_mw(inner).is_some()
                        || describe(inner)
                            .split(|c: char| !c.is_alphanumeric() && c != '_')
                            .any(|s| !s.is_empty() && name_says_auth(self.p, s));
                    return says_auth.then(|| format!("{CONDITIONAL}middleware {}", describe(e)));
                }
                match last {
                    "from_fn" | "from_fn_with_state" | "map_request" | "map_request_with_state" => {
                        return self.mw_fn(args.last()?, last);
                    }
                    "from_extractor" | "from_extractor_with_state" => {
                        let t = generics.first()?;
                        return self
                            .p
                            .auth_types
                            .contains_key(t)
                            .then(|| format!("middleware {last}::<{t}>"));
                    }
                    _ => {}
                }
                if has("HttpAuthentication") {
                    return Some(format!("middleware HttpAuthentication::{last}"));
                }
                for layer in [
                    "ValidateRequestHeaderLayer",
                    "RequireAuthorizationLayer",
                    "AsyncRequireAuthorizationLayer",
                ] {
                    if has(layer) {
                        // `RequireAuthorizationLayer::bearer(..)`/`basic(..)` reject a caller
                        // without the credentials. An authorizer of the project's own
                        // (`AsyncRequireAuthorizationLayer::new(MyAuth)`) decides for itself,
                        // and often lets callers without credentials in as anonymous: it
                        // makes authentication optional as far as apiward can tell.
                        if matches!(last, "bearer" | "basic") {
                            return Some(format!("middleware {layer}::{last}"));
                        }
                        let custom = layer != "ValidateRequestHeaderLayer";
                        let by_arg = args.iter().any(|a| {
                            let d = describe(a);
                            d.split("::").any(|s| name_says_auth(self.p, s))
                        });
                        return if custom {
                            let d = format!("{OPTIONAL}middleware {layer}::{last}");
                            self.identifying.borrow_mut().insert(d.clone());
                            Some(d)
                        } else {
                            by_arg.then(|| format!("middleware {layer}::{last}"))
                        };
                    }
                }
                // The project's middleware named for auth that only attaches who called (its
                // `Service` reads the credentials and turns no one away): optional, each
                // handler deciding.
                if let Some(d) = self.attaching_mw(p) {
                    return Some(d);
                }
                // A wrapper around one middleware (`Compat::new(HttpAuthentication::basic(..))`,
                // `Box::new(auth)`) authenticates as what it wraps; an authorizer handed to a layer
                // is judged above.
                if let ("new", [inner]) = (last, args.as_slice()) {
                    if let Some(d) = self.classify_mw(inner) {
                        return Some(d);
                    }
                }
                // The function's own name and the types on its path (`AuthLayer::new`), not
                // the modules it lives in (`auth::router()` is not a middleware).
                p.iter()
                    .enumerate()
                    .filter(|(i, s)| {
                        (*i + 1 == p.len() || s.starts_with(|c: char| c.is_ascii_uppercase()))
                            && *s != "new"
                            && *s != "default"
                    })
                    .any(|(_, s)| name_says_auth(self.p, s))
                    .then(|| format!("middleware {}", key(p)))
            }
            Ex::Path(p, _, _) => {
                let last = p.last()?;
                // A unit struct (`.wrap(auth_middleware::AuthMiddlewareFactory)`).
                if let Some(d) = self.attaching_mw(p) {
                    return Some(d);
                }
                if name_says_auth(self.p, last) {
                    // `wrap_fn(authentication_middleware)` that hands a request without
                    // credentials on: optional, each handler deciding.
                    let def = self.resolve(p).map(|fid| &self.p.fns[fid]);
                    if def.is_some_and(|d| d.flags.lets_absent_through) {
                        let d = format!("{OPTIONAL}middleware {last}");
                        self.identifying.borrow_mut().insert(d.clone());
                        return Some(d);
                    }
                    return Some(format!("middleware {last}"));
                }
                None
            }
            // `.wrap(Auth { action, method: auth_no_context })`.
            Ex::Struct(ty, _) => name_says_auth(self.p, ty).then(|| format!("middleware {ty}")),
            // State handed to the handlers (`.app_data(web::Data::new(authenticator))`,
            // `.with_state(..)`, Rocket's `.manage(..)`) is no middleware, whatever it holds.
            Ex::Method { recv, name, .. }
                if matches!(name.as_str(), "app_data" | "data" | "manage" | "with_state") =>
            {
                self.classify_mw(recv)
            }
            Ex::Method { recv, args, .. } => args
                .iter()
                .find_map(|a| self.classify_mw(a))
                .or_else(|| self.classify_mw(recv)),
            Ex::Macro { name, .. } => {
                name_says_auth(self.p, name).then(|| format!("middleware {name}!"))
            }
            _ => None,
        }
    }

    /// The project's middleware named for auth that only attaches who called (its `Service`
    /// reads the credentials and turns away no one without them): optional, each handler
    /// deciding. By the crate of the constructor or type named (`other::AuthLayer::new()`),
    /// when it is the project's: the function's, or the crate the path starts with.
    fn attaching_mw(&self, p: &[String]) -> Option<String> {
        let krate = self
            .resolve(p)
            .map(|i| self.p.fns[i].module[0].as_str())
            .or_else(|| match p.first().map(String::as_str) {
                Some("crate") => self.frames.last().map(|f| f.module[0].as_str()),
                Some(c) if p.len() > 1 && self.p.crates.contains(c) => Some(c),
                _ => None,
            });
        let t = p.iter().find(|s| {
            let attaching = match krate {
                Some(c) => self
                    .p
                    .attaching_mw_in
                    .contains(&(c.to_string(), (*s).clone())),
                None => self.p.attaching_mw_types.contains(s.as_str()),
            };
            attaching && name_says_auth(self.p, s)
        })?;
        let d = format!("{OPTIONAL}middleware {t}");
        self.identifying.borrow_mut().insert(d.clone());
        Some(d)
    }

    /// `from_fn(f)`: `f` authenticates when it reads credentials and rejects, takes an auth
    /// extractor, or is named so.
    fn mw_fn(&self, f: &'p Ex, ctor: &str) -> Option<String> {
        match f {
            Ex::Path(p, _, _) => {
                let def = self.resolve(p).map(|fid| &self.p.fns[fid]);
                self.mw_named(&key(p), p.last().map(String::as_str), def, ctor)
            }
            // A closure that hands its arguments to a function of the project
            // (`move |state, auth, req, next| require_permission(P, state, auth, req, next)`)
            // authenticates as that function does.
            Ex::Closure(c) => match self.delegate(c) {
                Some(fid) => {
                    let d = &self.p.fns[fid];
                    self.mw_named(&d.name, Some(&d.name), Some(d), ctor)
                }
                None => (c.flags.credentials && c.flags.rejects)
                    .then(|| format!("middleware {ctor}(closure)")),
            },
            _ => None,
        }
    }

    /// [`Self::mw_fn`] of a function `name` (as written; `last` its own name), with its
    /// definition when it is the project's.
    fn mw_named(
        &self,
        name: &str,
        last: Option<&str>,
        def: Option<&crate::ir::FnDef>,
        ctor: &str,
    ) -> Option<String> {
        let by_name = last.is_some_and(|l| name_says_auth(self.p, l));
        let by_body = def.is_some_and(|d| {
            (d.flags.credentials && d.flags.rejects)
                // The check a call or two down, its refusal handed on (`check_permission(
                // P, state, req, next).await` in a middleware returning a `Result`).
                || (d.ret_ty.as_deref() == Some("Result") && {
                    let (reads, _) = self.credential_chain(d);
                    reads && self.in_chain(d, 0, &|h| h.flags.rejects_auth)
                })
                || d.params.iter().any(|prm| {
                    prm.ty.as_ref().is_some_and(|t| {
                        matches!(param_auth(self.p, t), Some(ParamAuth::Required(_)))
                    })
                })
        });
        // `auth_when_required`, `optional_auth`: lets callers without credentials in;
        // so does one that only attaches who called.
        // One that checks the credentials that come and hands the others on
        // (`None => return srv.call(req)`) lets anonymous callers in too.
        let attaches_only = (!by_body && def.is_some_and(|d| self.attaches_only(d)))
            || (by_body && def.is_some_and(|d| d.flags.lets_absent_through))
            // One that attaches an identity whose variant for no one it gives
            // (`Authentication::Unauthenticated` when no header came).
            || def.is_some_and(|d| self.p.fn_gives_anonymous(d));
        let optional = attaches_only
            || last.is_some_and(|l| {
                crate::auth::words(l)
                    .iter()
                    .any(|w| matches!(w.as_str(), "optional" | "maybe" | "when" | "if"))
            });
        (by_name || by_body).then(|| {
            let lead = if optional { OPTIONAL } else { "" };
            let m = format!("{lead}middleware {ctor}({name})");
            // Whether a route behind it is optional depends on its handler.
            if attaches_only {
                self.identifying.borrow_mut().insert(m.clone());
                if let Some(t) = def.and_then(|d| self.p.fn_text(d)) {
                    self.attached_types.borrow_mut().extend(extension_types(t));
                }
            }
            m
        })
    }

    /// A middleware function named for auth whose body reads the credentials, attaches who
    /// called, and can turn no one away: it answers 401/403 nowhere, itself or through the
    /// project's functions it calls, calls no token or session function whose result could
    /// be the rejection (`match Token::from_header(..) { Err(status) => .. }`; a value built,
    /// `Auth(Some(token))`, is none), and returns no `Result` to reject with (ibis'
    /// `auth_middleware` -> `Response`).
    fn attaches_only(&self, d: &crate::ir::FnDef) -> bool {
        d.flags.credentials
            && !d.flags.rejects
            && d.ret_ty.as_deref() != Some("Result")
            // (Not one whose every failure it lets pass: `Token::from_jwt(..)` turned into
            // no token with `.ok()`.)
            && !d.calls.iter().filter(|c| !d.tolerated.contains(c)).any(|c| {
                (crate::auth::call_checks_auth(c).1
                    && !c
                        .rsplit("::")
                        .next()
                        .is_some_and(|l| l.starts_with(char::is_uppercase)))
                    || self
                        .p
                        .helper_of(c)
                        .is_some_and(|g| g.flags.rejects || g.flags.rejects_auth)
            })
    }

    /// Auth a handler checks in its body: it reads the caller's credentials and answers
    /// 401/403 itself, or calls a check (`check_token(..)?`, `AuthCheck::default().check(..)`,
    /// `p.validate_api_key_or_admin_session()?`, `BearerAuth::from_request(..)`), or a
    /// function of the project that does. Sign-in, sign-up, token and callback handlers read
    /// credentials to grant them: their own reading is not a check.
    /// Whether a handler is named for signing in or up (public by nature), or, named by its
    /// method alone, its module is named so and for nothing else (`views::login::post`,
    /// `upstream_oauth2::callback::handler`; not `login_sso_complete::get`, a step after
    /// signing in, nor `backchannel_logout::post`).
    fn entry_point(&self, f: &crate::ir::FnDef) -> bool {
        let generic = matches!(
            f.name.as_str(),
            "get" | "post" | "put" | "patch" | "delete" | "handler" | "handle" | "index"
        );
        crate::auth::entry_point_name(&f.name)
            || (generic
                && f.module.last().is_some_and(|m| {
                    crate::auth::words(m).len() == 1 && crate::auth::entry_point_name(m)
                }))
    }

    fn body_auth(&self, f: &crate::ir::FnDef, skip: Option<&str>) -> Option<String> {
        // A handler of a CAPTCHA (`post_captcha_verify`) checks the answer to a challenge
        // it handed out, not who calls.
        if crate::auth::words(&f.name).iter().any(|w| w == "captcha") {
            return None;
        }
        let found = self.body_auth_in(f, false, skip)?;
        // A handler named for an entry point (`first_login_done`, `reset_user_password`)
        // still checks its caller when it calls a guard of an API key, a role or a
        // permission: a sign-in's own checks are of the credentials it is given. A sign-out
        // grants nothing: what it checks is the session it ends.
        if self.entry_point(f) && !crate::auth::sign_out_name(&f.name) {
            let w = crate::auth::words(&found);
            let guard = w.iter().any(|x| {
                matches!(
                    x.as_str(),
                    "admin" | "apikey" | "permission" | "permissions" | "role" | "roles"
                )
            }) || w.windows(2).any(|p| p[0] == "api" && p[1] == "key");
            if !guard {
                return None;
            }
        }
        Some(found)
    }

    /// A function of the project a handler calls to learn who is calling: it reads the
    /// request's credentials (itself or through the helpers it calls) and falls back to an
    /// anonymous caller when there are none (`get_client_agent(headers)` → `ForAgent::Public`).
    /// The handler serves both: optional auth. Gives the call as written.
    fn body_identity<'f>(&self, f: &'f crate::ir::FnDef) -> Option<&'f str> {
        if self.entry_point(f) {
            return None;
        }
        f.calls
            .iter()
            .map(String::as_str)
            .find(|c| {
                self.p.helper_of(c).is_some_and(|g| {
                    let (reads, anonymous) = self.credential_chain(g);
                    reads && anonymous
                })
            })
            // A check whose failure the body lets pass (`match authorize_session(..) {
            // Ok(s) => Some(s.id()), Err(_) => None }`).
            .or_else(|| {
                f.tolerated
                    .iter()
                    .map(String::as_str)
                    .find(|c| self.checks_caller(c))
            })
            // The same in the helper the handler hands its work to (`v3::project_get(..)`
            // reading who calls with `get_user(..).await.ok()`).
            .or_else(|| {
                f.calls.iter().map(String::as_str).find(|c| {
                    self.p.helper_of(c).is_some_and(|g| {
                        !std::ptr::eq(g, f)
                            && !self.entry_point(g)
                            && g.tolerated.iter().any(|t| self.checks_caller(t))
                    })
                })
            })
            // The request's cookies handed to a function of the project named for the
            // caller that reads the session from them and gives nothing for no one
            // (`cookie.and_then(|c| Claim::get(&DB, &c, &config))`): the handler serves both.
            .or_else(|| {
                if !f.flags.reads_request_auth {
                    return None;
                }
                f.calls.iter().map(String::as_str).find(|c| {
                    let name = c.split('(').next().unwrap_or(c);
                    // (Named for who calls, not for a credential: `extract_token(auth)`
                    // hands the token on to be checked.)
                    let caller = crate::auth::words(name).iter().any(|w| {
                        matches!(
                            w.as_str(),
                            "claim"
                                | "claims"
                                | "session"
                                | "user"
                                | "identity"
                                | "principal"
                                | "member"
                                | "account"
                                | "viewer"
                        )
                    });
                    caller
                        && self.assoc_or_helper(name).is_some_and(|g| {
                            !std::ptr::eq(g, f)
                                && g.flags.reads_request_auth
                                && g.ret_ty.as_deref() == Some("Option")
                        })
                })
            })
    }

    /// The function of the project a call names: a helper ([`Project::helper_of`]), or the
    /// only method so named of the type named (`Claim::get`).
    fn assoc_or_helper(&self, call: &str) -> Option<&'p crate::ir::FnDef> {
        self.p.helper_of(call).or_else(|| {
            let (ty, name) = call.rsplit_once("::")?;
            self.p.assoc_fn(ty.rsplit("::").next().unwrap_or(ty), name)
        })
    }

    /// Whether a call checks the caller's credentials: named for the check, or a function of
    /// the project named for credentials that reads and rejects them, or one failing
    /// unauthenticated callers ([`Self::fails_unauthenticated`]).
    fn checks_caller(&self, c: &str) -> bool {
        crate::auth::call_checks_auth(c).0
            || self.p.helper_of(c).is_some_and(|g| {
                (crate::auth::call_checks_auth(c).1 && g.flags.reads_auth && g.flags.rejects_auth)
                    || self.fails_unauthenticated(g)
            })
    }

    /// Whether an actix guard function of the project (`guard = "admin_key_guard"`) matches
    /// the route only for callers holding a secret: named for a key, token, secret or
    /// signature (or for auth), it reads the request's headers. One matching by the peer's
    /// network (`internal_network_guard`) is no credential.
    fn guard_checks_key(&self, name: &str) -> bool {
        let Some(g) = self.p.helper_of(name) else {
            return false;
        };
        let named = crate::auth::words(&g.name).iter().any(|w| {
            matches!(
                w.as_str(),
                "key" | "token" | "secret" | "signature" | "auth" | "apikey" | "password"
            )
        });
        named && self.p.fn_text(g).is_some_and(|t| t.contains(".headers()"))
    }

    /// The call of a handler that is handed the value of one of its optional auth extractors
    /// (`ExtractOptionalLoggedInUser(maybe_user_id)`) and whose every function of that name in
    /// the project turns the request away when it is absent ([`crate::ir::Param::demanded`]),
    /// its failure not let pass.
    fn hands_absent_caller_to<'f>(&self, f: &'f crate::ir::FnDef) -> Option<&'f str> {
        let optional: Vec<&str> = f
            .params
            .iter()
            .filter(|p| {
                p.ty.as_ref()
                    .is_some_and(|t| matches!(param_auth(self.p, t), Some(ParamAuth::Optional(_))))
            })
            .filter_map(|p| p.name.as_deref())
            .collect();
        f.hands.iter().find_map(|h| {
            if !optional.contains(&h.var.as_str()) || f.tolerated.contains(&h.call) {
                return None;
            }
            let name = h.call.rsplit("::").next().unwrap_or(&h.call);
            // A method of the optional value's own type that answers 401/403 when no one
            // called (`web_user.into_user()?` whose `WebUser::Anonymous => die!(UNAUTHORIZED)`).
            if h.arg == crate::ir::Hand::RECEIVER {
                let ty = f
                    .params
                    .iter()
                    .find(|p| p.name.as_deref() == Some(h.var.as_str()))?
                    .ty
                    .as_ref()?
                    .name();
                let methods: Vec<&crate::ir::FnDef> = self
                    .p
                    .fns_named(name)
                    .iter()
                    .map(|&i| &self.p.fns[i])
                    .filter(|g| g.receiver && !g.is_test && g.self_ty.as_deref() == Some(ty))
                    .collect();
                // It refuses the value for no one, not only some callers (`can_read(&repo)?`
                // answering 403 for a private repository): its text names the empty variant
                // (`WebUser::Anonymous`, `None`) beside the 401/403.
                // (An enum's variant for no one; an `Option` wrapper's `None`.)
                let absent = match self.p.anonymous_variant(ty) {
                    Some(v) => format!("::{v}"),
                    None => "None".to_string(),
                };
                let refuses = |g: &&crate::ir::FnDef| {
                    g.flags.rejects_auth && self.p.fn_text(g).is_some_and(|t| t.contains(&absent))
                };
                return (!methods.is_empty() && methods.iter().all(refuses))
                    .then_some(h.call.as_str());
            }
            let mut found: Vec<&crate::ir::FnDef> = self
                .p
                .fns_named(name)
                .iter()
                .map(|&i| &self.p.fns[i])
                .filter(|g| g.routes.is_empty() && !g.is_test && !std::ptr::eq(*g, f))
                .collect();
            // A method called on a value named for its type (`profile_service` of a
            // `ProfileService`): the methods of that type.
            if let Some(r) = &h.receiver {
                let mine = |g: &&crate::ir::FnDef| {
                    g.self_ty
                        .as_deref()
                        .is_some_and(|t| crate::auth::words(t) == crate::auth::words(r))
                };
                if found.iter().any(mine) {
                    found.retain(mine);
                }
            }
            (!found.is_empty()
                && found
                    .iter()
                    .all(|g| g.params.get(h.arg).is_some_and(|p| p.demanded)))
            .then_some(h.call.as_str())
        })
    }

    /// Whether a function of the project (not a sign-in), or one it calls (three calls deep
    /// at most), reads the request's credentials and fails with an error type of the
    /// project that answers 401/403, with no anonymous caller to fall back to: calling it
    /// and handing its failure on turns away callers without credentials.
    fn fails_unauthenticated(&self, g: &crate::ir::FnDef) -> bool {
        !self.entry_point(g)
            && self.fails_in_chain(g, 0)
            && !self.in_chain(g, 0, &|h| h.flags.anonymous)
    }

    /// [`Self::fails_unauthenticated`]'s walk: through the calls whose failure a function
    /// hands on (not those it lets pass, `who(&req).await.ok()`).
    fn fails_in_chain(&self, g: &crate::ir::FnDef, depth: u32) -> bool {
        let Some(err) = g.err_ty.as_deref() else {
            return false;
        };
        (takes_request(g) && g.flags.reads_request_auth && self.p.answers_401(err))
            || (depth < 3
                && g.calls
                    .iter()
                    .filter(|c| !g.tolerated.contains(c))
                    .any(|c| {
                        self.p
                            .helper_of(c)
                            .filter(|h| !std::ptr::eq(*h, g))
                            .is_some_and(|h| self.fails_in_chain(h, depth + 1))
                    }))
    }

    /// Whether a function, or a helper of the project it calls (three calls deep at most),
    /// reads the request's credentials, and whether one of them falls back to an anonymous
    /// caller.
    fn credential_chain(&self, g: &crate::ir::FnDef) -> (bool, bool) {
        (
            self.in_chain(g, 0, &|f| f.flags.reads_request_auth),
            self.in_chain(g, 0, &|f| f.flags.anonymous),
        )
    }

    /// Whether `holds` is true of a function, or of a helper of the project it calls (three
    /// calls deep at most).
    fn in_chain(
        &self,
        g: &crate::ir::FnDef,
        depth: u32,
        holds: &dyn Fn(&crate::ir::FnDef) -> bool,
    ) -> bool {
        holds(g)
            || (depth < 3
                && g.calls.iter().any(|c| {
                    self.p
                        .helper_of(c)
                        .filter(|h| !std::ptr::eq(*h, g))
                        .is_some_and(|h| self.in_chain(h, depth + 1, holds))
                }))
    }

    /// [`Self::body_auth`] of a handler, or (`helper`) of the function of the project it hands
    /// its work to (`add_owners` → `modify_owners` → `AuthCheck::default().check(..)`), where
    /// only a call named for the check counts: a helper's other calls are too far from the
    /// request to tell (`db_read` → `get`).
    fn body_auth_in(
        &self,
        f: &crate::ir::FnDef,
        helper: bool,
        skip: Option<&str>,
    ) -> Option<String> {
        if !helper && f.flags.reads_request_auth && f.flags.rejects_auth {
            return Some("check in handler body".to_string());
        }
        for c in f
            .calls
            .iter()
            .filter(|c| {
                Some(c.as_str()) != skip && !f.tolerated.contains(c) && !crate::auth::csrf_call(c)
            })
            // A helper reading who calls and letting a failed check pass
            // (`visibility_for_optional_session(&req, ..)`).
            .filter(|c| {
                !self
                    .p
                    .helper_of(c)
                    .is_some_and(|g| g.tolerated.iter().any(|t| self.checks_caller(t)))
            })
        {
            let (checks_auth, strong) = crate::auth::call_checks_auth(c);
            // A check given a value named for credentials, not for the caller's session,
            // claims or token (`validate(credentials_body)`), counts when a refusal is
            // 401/403, here or in what it calls: a validation of a body of tickets
            // answering 400 checks the data, not the caller.
            let of_value = || {
                c.ends_with(')')
                    && !crate::auth::words(c.split('(').nth(1).unwrap_or(""))
                        .iter()
                        .any(|w| matches!(w.as_str(), "session" | "claims" | "principal" | "token"))
            };
            if checks_auth
                && !self.answer_unused(f, c)
                && (!of_value()
                    || f.flags.rejects_auth
                    || self
                        .p
                        .helper_of(c.split('(').next().unwrap_or(c))
                        .is_some_and(|g| self.in_chain(g, 0, &|h| h.flags.rejects_auth)))
            {
                return Some(format!("check in handler body ({c})"));
            }
            // A function of the project whose failure the body hands on, a call or three
            // above one reading the request's credentials and failing with an error type
            // of the project that answers 401/403, whatever they are named
            // (`member_from_request(&req).await?` → `header_value(req)`, failing with
            // `LookupError::MissingHeader`).
            if self
                .p
                .helper_of(c)
                .is_some_and(|g| !std::ptr::eq(g, f) && self.fails_unauthenticated(g))
            {
                return Some(format!("check in handler body ({c})"));
            }
            // An auth extractor run by hand: `BearerAuth::from_request(&req, ..)`.
            if let Some((ty, m)) = c.rsplit_once("::") {
                if matches!(m, "from_request" | "from_request_parts" | "extract")
                    && self.p.auth_types.contains_key(ty)
                {
                    return Some(format!("check in handler body ({c})"));
                }
            }
            // A function of the project, the only one of its name, named for what it
            // checks, that reads credentials and answers 401/403 (also in the helper a
            // handler hands its work to: `do_upload_start(&req)` calling
            // `authorize_session(&req, ..)?`).
            let name = c.rsplit("::").next().unwrap_or(c);
            let [one] = self.p.fns_named(name) else {
                continue;
            };
            let g = &self.p.fns[*one];
            if !g.routes.is_empty() || std::ptr::eq(g, f) {
                continue;
            }
            if strong && g.flags.reads_auth && g.flags.rejects_auth {
                return Some(format!("check in handler body ({c})"));
            }
            // The handler's own check moved out: a function given the request or its
            // headers that reads the caller's credentials from them and answers 401/403,
            // its failure handed on (`verify_admin_secret(&headers)?` comparing
            // `x-admin-secret`).
            if takes_request(g)
                && g.flags.reads_request_auth
                && g.flags.rejects_auth
                && !self.entry_point(g)
            {
                return Some(format!("check in handler body ({c})"));
            }
            if helper {
                continue;
            }
            // A handler that answers 401/403 itself after asking a function of the project
            // about the caller's credentials ([`Self::asks_about_caller`]).
            if f.flags.rejects_auth && !self.entry_point(f) && self.asks_about_caller(g, strong) {
                return Some(format!("check in handler body ({c})"));
            }
            // A function named for credentials (`claims_from_token(&q.token, ..)?`) whose
            // own helpers answer 401/403: the decoding that rejects sits a call or two down.
            if strong && self.in_chain(g, 0, &|f| f.flags.rejects_auth) {
                return Some(format!("check in handler body ({c})"));
            }
            // A helper the handler hands its work to, checking the caller itself.
            if let Some(g) = self.p.helper_of(c).filter(|g| !self.entry_point(g)) {
                if let Some(found) = self.body_auth_in(g, true, None) {
                    let inner = found
                        .strip_prefix("check in handler body (")
                        .and_then(|s| s.strip_suffix(')'))
                        .unwrap_or("");
                    let via = if inner.is_empty() {
                        name.to_string()
                    } else {
                        format!("{name} → {inner}")
                    };
                    return Some(format!("check in handler body ({via})"));
                }
            }
        }
        None
    }

    /// Whether a function of the project a handler calls (then answering 401/403 itself)
    /// answers about the caller's credentials: it gives a yes or no or a `Result` (an
    /// `Option` handed on, `unlock_jwt.as_deref()`, decides nothing), makes no credential
    /// (`create_jwt_admin`), falls back to no anonymous caller (its 403 would be a
    /// per-resource right), and either takes the request or its headers and reads
    /// credentials from them (`has_admin_key(&req)`), or is named for credentials and reads
    /// them (`get_user_from_api_key_query(&q.key, ..)?`).
    fn asks_about_caller(&self, g: &crate::ir::FnDef, strong: bool) -> bool {
        let makes = crate::auth::words(&g.name).iter().any(|w| {
            matches!(
                w.as_str(),
                "create" | "issue" | "generate" | "mint" | "encode" | "sign" | "new" | "make"
            )
        });
        if makes || !matches!(g.ret_ty.as_deref(), Some("bool" | "Result")) {
            return false;
        }
        let (request, anonymous) = self.credential_chain(g);
        let takes_request = takes_request(g);
        !anonymous
            && ((takes_request && request)
                || (strong && self.in_chain(g, 0, &|h| h.flags.reads_auth)))
    }

    /// Whether a service is built by a function of the project (`route_service("/metrics",
    /// telemetry::metrics_service())`) that reads no credentials: neither it, nor the
    /// functions of the project it calls, nor those of its file it names
    /// (`tower::service_fn(export as _)`) mention credentials or auth.
    /// Whether a service checks no credentials: a file server, an API docs UI, a redirect,
    /// a page leptos renders (what a page calls is routes of its own), or one a function of
    /// the project builds that reads none ([`Self::plain_project_service`]).
    fn service_reads_no_credentials(&self, what: &str) -> bool {
        serves_files(what)
            || docs_ui(what)
            || redirects_only(what)
            || what.starts_with(LEPTOS_PAGE)
            || what.starts_with(FIXED_RESPONSE)
            || self.plain_project_service(what)
    }

    fn plain_project_service(&self, what: &str) -> bool {
        let Some(g) = self.p.helper_of(what) else {
            return false;
        };
        let plain = |h: &crate::ir::FnDef| {
            !(h.flags.credentials || h.flags.mentions_auth || h.flags.reads_auth)
        };
        let Some(text) = self.p.fn_text(g).filter(|t| !t.is_empty()) else {
            return false;
        };
        plain(g)
            && g.calls
                .iter()
                .all(|c| self.p.helper_of(c).is_none_or(plain))
            && text
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .filter(|w| !w.is_empty() && *w != g.name)
                .all(|w| self.p.fns_named(w).iter().all(|&i| plain(&self.p.fns[i])))
    }

    /// Whether a check's answer can turn no one away: a function of the project that
    /// answers yes or no (`fn verify_owner_token(..) -> bool`), called by a body that
    /// answers 401/403 or a redirect nowhere (microbin's owner cookie only skips a counter).
    fn answer_unused(&self, f: &crate::ir::FnDef, call: &str) -> bool {
        let name = call.rsplit("::").next().unwrap_or(call);
        !f.flags.rejects
            && matches!(self.p.fns_named(name), [one]
                if self.p.fns[*one].ret_ty.as_deref() == Some("bool"))
    }

    fn location(&self, loc: Loc) -> Option<Location> {
        let f = self.p.file(loc.file)?;
        Some(Location {
            file: f.name.clone(),
            range: f.range(loc.span),
        })
    }

    fn params_auth(&self, params: &[Param], fw: Framework) -> (Auth, Option<String>) {
        let word = if fw == Framework::Rocket {
            "guard"
        } else {
            "extractor"
        };
        let mut optional = None;
        for prm in params {
            let Some(t) = &prm.ty else { continue };
            let never_fails = self.p.never_failing.contains(t.name());
            match param_auth(self.p, t) {
                Some(ParamAuth::Required(t)) => {
                    return (Auth::Required, Some(format!("{word} {t}")))
                }
                // An optional extractor whose absence the handler turns away (also by
                // failing with a method of a guard that never fails: `caller.email()?`).
                Some(ParamAuth::Optional(t))
                    if prm.demanded || (prm.method_demanded && never_fails) =>
                {
                    return (
                        Auth::Required,
                        Some(format!("{word} {t}, absent: turned away in the handler")),
                    )
                }
                // A cookie jar the handler reads no caller from (a CSRF token, a flow's
                // state) says nothing of who may call.
                Some(ParamAuth::Optional(_))
                    if t.name().contains("Cookie") && !prm.reads_identity => {}
                Some(ParamAuth::Optional(t)) if optional.is_none() => {
                    optional = Some(format!("{word} {t}"));
                }
                _ => {}
            }
        }
        match optional {
            Some(o) => (Auth::Optional, Some(o)),
            None => (Auth::None, None),
        }
    }

    /// Whether a handler may read the identity an optional auth middleware attaches: it
    /// is not a visible function, or it takes the request, or a value whose type names a
    /// caller (`Extension<Session>`, `CurrentUser`, `Claims`).
    fn may_read_identity(&self, h: &HRef) -> bool {
        let params = match h {
            // A sign-in or sign-up handler serves callers who have no identity yet.
            // (`signin::handler` too).
            // (`signin::handler` too, whatever the function's name.)
            HRef::Fn(fid)
                if self.entry_point(&self.p.fns[*fid])
                    || self.p.fns[*fid]
                        .module
                        .last()
                        .is_some_and(|m| crate::auth::entry_point_name(m)) =>
            {
                return false
            }
            HRef::Fn(fid) => &self.p.fns[*fid].params,
            HRef::Closure(c, _) => &c.params,
            HRef::Service(d) => return !self.service_reads_no_credentials(d),
            HRef::Unknown => return true,
        };
        // Or an enum of the project with a variant for no one (`Extension<Visitor>`), or a
        // request extension an identifying middleware attaches who called to.
        let attached = self.attached_types.borrow();
        let own = |t: &crate::ir::Ty| {
            self.p.anonymous_variant(t.name()).is_some() || attached.contains(t.name())
        };
        params.iter().any(|p| {
            p.ty.as_ref()
                .is_none_or(|t| crate::auth::type_names_caller(t) || t.mentions(&own))
        })
    }

    fn route(&self, mut e: Entry<'p>) -> Option<Route> {
        let registration = self.location(e.reg)?;
        // A middleware added in an arm the route is served only under holds for it.
        if let Some(c) = &e.cond {
            let arms = self.mw_arm.borrow();
            for m in &mut e.mw {
                if let Some(arms) = arms.get(m.as_str()) {
                    if c.split(cond::AND).any(|part| arms.contains(part)) {
                        *m = m[CONDITIONAL.len()..].to_string();
                    }
                }
            }
        }
        let (handler, handler_location, (auth, auth_source)) = match &e.handler {
            HRef::Fn(fid) => {
                let f = &self.p.fns[*fid];
                let mut auth = self.params_auth(&f.params, e.fw);
                // A sign-in handler takes the identity it creates (actix-identity's
                // `Identity` in a login handler): that is no auth.
                if auth.0 == Auth::Required && f.flags.signs_in {
                    auth = (Auth::None, None);
                }
                // `#[protect("ADMIN")]`, `#[has_permissions(..)]` (actix-web-grants,
                // protect-endpoints) on the handler.
                if auth.0 != Auth::Required {
                    if let Some(a) = &f.auth_attr {
                        auth = (Auth::Required, Some(format!("attribute #[{a}]")));
                    }
                }
                let identity = self.body_identity(f);
                if auth.0 != Auth::Required {
                    if let Some(src) = self.body_auth(f, identity) {
                        auth = (Auth::Required, Some(src));
                    }
                }
                // An optional extractor whose absence the handler answers with 401/403
                // (`let Some(user) = maybe else { return Err(Unauthorized) }`).
                if auth.0 == Auth::Optional && f.flags.rejects_auth && !self.entry_point(f) {
                    let src = auth.1.take().unwrap_or_default();
                    auth = (
                        Auth::Required,
                        Some(format!("{src}, rejected in the body when absent")),
                    );
                }
                // An optional identity handed to a function of the project that turns the
                // request away without it (`profile_service.change_password(maybe_user_id,
                // ..)` whose `let Some(user_id) = maybe_user_id else { return
                // Err(UnauthorizedActionForGuests) }`), its failure handed on.
                if auth.0 == Auth::Optional && !self.entry_point(f) {
                    if let Some(c) = self.hands_absent_caller_to(f) {
                        let src = auth.1.take().unwrap_or_default();
                        auth = (
                            Auth::Required,
                            Some(format!("{src}, absent: refused by {c}")),
                        );
                    }
                }
                // A caller without a session sent to sign in, or turned away, before the
                // work (`let Some(session) = maybe_session else { return redirect(login) }`).
                if auth.0 != Auth::Required && f.flags.turns_away_no_session && !self.entry_point(f)
                {
                    let src = match auth.1.take() {
                        Some(s) => format!("{s}, absent session turned away in the body"),
                        None => "absent session turned away in the handler body".to_string(),
                    };
                    auth = (Auth::Required, Some(src));
                }
                if let Some(via) = identity.filter(|_| auth.0 == Auth::None) {
                    auth = (
                        Auth::Optional,
                        Some(format!(
                            "identity read in handler body ({via}), anonymous callers let in"
                        )),
                    );
                }
                (
                    Some(f.full_name()),
                    self.location(Loc {
                        file: f.file,
                        span: f.span,
                    }),
                    auth,
                )
            }
            HRef::Closure(c, file) => {
                let auth = if c.params.iter().all(|p| p.ty.is_some()) {
                    self.params_auth(&c.params, e.fw)
                } else {
                    (Auth::Unknown, None)
                };
                (
                    None,
                    self.location(Loc {
                        file: *file,
                        span: c.span,
                    }),
                    auth,
                )
            }
            // A layer around it still may check credentials.
            HRef::Service(d) if self.service_reads_no_credentials(d) => {
                (Some(d.clone()), None, (Auth::None, None))
            }
            HRef::Service(d) if !d.is_empty() => (Some(d.clone()), None, (Auth::Unknown, None)),
            HRef::Service(_) | HRef::Unknown => (None, None, (Auth::Unknown, None)),
        };
        // Middleware that lets this path through does not apply to it.
        let path = normalize_path(&e.path);
        let applies = |m: &&String| {
            !self.mw_exempt.get(*m).is_some_and(|ex| {
                ex.iter()
                    .any(|g| g.lets_through(&path, &normalize_path(&g.path)))
            })
        };
        let always =
            e.mw.iter()
                .filter(applies)
                .find(|m| !m.starts_with(CONDITIONAL) && !m.starts_with(OPTIONAL));
        let conditional =
            e.mw.iter()
                .filter(applies)
                .find(|m| m.starts_with(CONDITIONAL));
        let optional =
            e.mw.iter()
                .filter(applies)
                .find(|m| m.starts_with(OPTIONAL));
        let (auth, auth_source) = match (always, conditional, optional) {
            (Some(m), _, _) => (Auth::Required, Some(m.clone())),
            (None, Some(m), _) if auth != Auth::Required => (Auth::Unknown, Some(m.clone())),
            // An authorizer of the project's own that identifies callers who bring
            // credentials and lets the others in as anonymous: optional auth for a handler
            // that can read who called; a handler taking nothing that carries an identity
            // serves everyone alike. Middleware enforced only under a setting
            // (`auth_when_required`) stays optional.
            (None, None, Some(m))
                if auth == Auth::None
                    && (!self.identifying.borrow().contains(m)
                        || self.may_read_identity(&e.handler)) =>
            {
                (Auth::Optional, Some(m.clone()))
            }
            (None, None, Some(m)) if auth == Auth::None => (
                Auth::None,
                Some(format!(
                    "{m} lets anonymous callers in; the handler reads no identity"
                )),
            ),
            _ => (auth, auth_source),
        };
        let websocket = match &e.handler {
            HRef::Fn(fid) => {
                let f = &self.p.fns[*fid];
                f.flags.upgrades
                    || f.params.iter().any(|p| {
                        p.ty.as_ref().is_some_and(|t| {
                            matches!(t.name(), "WebSocketUpgrade" | "WebSocket" | "WsUpgrade")
                        })
                    })
            }
            _ => false,
        };
        // (A page is read: a change of state answering a line of HTML, `Html("Ok")` to
        // `DELETE /api/messages`, is an API call.)
        let page = matches!(e.method.as_str(), "GET" | "HEAD" | "ANY")
            && matches!(&e.handler, HRef::Fn(fid) if self.p.fns[*fid].flags.renders_page);
        let code_doc = e.code_doc
            || match &e.handler {
                HRef::Fn(fid) => {
                    let f = &self.p.fns[*fid];
                    match &f.openapi_op {
                        crate::ir::OpenapiOp::Auto => true,
                        // Documented where the attribute says: a description that puts
                        // it at another method or path does not document this route.
                        crate::ir::OpenapiOp::Listed(at) => {
                            let (methods, path) = &**at;
                            self.p.openapi_lists(f)
                                && (methods.is_empty() || methods.contains(&e.method))
                                && path.as_deref().is_none_or(|p| ends_with_path(&e.path, p))
                        }
                        crate::ir::OpenapiOp::None => false,
                    }
                }
                _ => false,
            };
        Some(Route {
            code_doc,
            method: e.method,
            path: normalize_path(&e.path),
            handler,
            framework: e.fw,
            kind: e.kind,
            registration,
            handler_location,
            auth,
            auth_source,
            dev_only: e.cond.as_deref().is_some_and(cond::dev_only),
            condition: e.cond,
            service: String::new(),
            server: crate::Server::default(),
            websocket,
            page,
        })
    }
}

/// Whether expression `e` calls a method named `name` (in a chain, a closure's body).
fn calls_method(e: &Ex, name: &str) -> bool {
    match e {
        Ex::Method {
            recv,
            name: n,
            args,
            ..
        } => n == name || calls_method(recv, name) || args.iter().any(|a| calls_method(a, name)),
        Ex::Call { func, args, .. } => {
            calls_method(func, name) || args.iter().any(|a| calls_method(a, name))
        }
        Ex::Closure(c) => calls_method(&c.body, name),
        Ex::List(xs) | Ex::Other(xs) => xs.iter().any(|a| calls_method(a, name)),
        _ => false,
    }
}

/// Whether path `full` ends with the segments of `tail`, parameters of any name matching
/// (`/v2/user/{id}` ends with `/user/{user_id}`).
fn ends_with_path(full: &str, tail: &str) -> bool {
    let segs = |p: &str| -> Vec<String> {
        normalize_path(p)
            .split('/')
            .filter(|s| !s.is_empty())
            .map(|s| {
                if s.starts_with('{') || s.starts_with(':') || s.starts_with('<') {
                    "{}".to_string()
                } else {
                    s.to_string()
                }
            })
            .collect()
    };
    let (full, tail) = (segs(full), segs(tail));
    // `path = "/"` documents the root of where it is mounted, not every route.
    if tail.is_empty() {
        return full.is_empty();
    }
    full.ends_with(&tail)
}

#[cfg(test)]
mod tests {
    #[test]
    fn unknown_parts_of_parameter_patterns() {
        let d = |p: &str| super::unknown_patterns_dropped(p.to_string());
        assert_eq!(d("/nar/{h:[<?>]{52}}.nar"), "/nar/{h}.nar");
        assert_eq!(
            d("/nar/{o:[<?>]{32}}-{h:[<?>]{52}}.nar"),
            "/nar/{o}-{h}.nar"
        );
        assert_eq!(d("/x/{id:[0-9]+}/<?>"), "/x/{id:[0-9]+}/<?>");
        assert_eq!(d("/<?>/{id}"), "/<?>/{id}");
        assert_eq!(d("/a/{unclosed"), "/a/{unclosed");
    }

    use super::*;

    /// A helper rewriting a path's parameter syntax keeps the path; one that reads a
    /// setting, strips a prefix or trims a slash is not taken for one.
    #[test]
    fn path_syntax_helpers() {
        let f = super::literals_only_punctuate;
        assert!(f("fn axum_params(p: &str) -> String { p.split('/').map(|s| if s.starts_with('{') && s.ends_with('}') { format!(\":{}\", &s[1..s.len() - 1]) } else { s.to_string() }).join(\"/\") }"));
        assert!(!f(
            "fn setting(key: &str) -> String { std::env::var(key).unwrap_or_default() }"
        ));
        assert!(!f(
            "fn rel(p: &str) -> String { p.strip_prefix(\"/api/v1\").unwrap_or(p).to_string() }"
        ));
        assert!(!f(
            "fn trim(p: &str) -> String { p.trim_end_matches('/').to_string() }"
        ));
    }

    /// The request extensions a middleware attaches who called to, wrappers peeled.
    #[test]
    fn extension_types_read() {
        let t = super::extension_types(
            "let s = req.extensions().get::<RequestState>().unwrap(); req.extensions_mut().get_mut::<Arc<Session>>(); let a: Arc<State> = x;",
        );
        assert_eq!(t, vec!["RequestState".to_string(), "Session".to_string()]);
        assert!(
            super::extension_types("req.extensions().get::<Arc<Mutex<u8>>>()")
                .iter()
                .all(|t| t == "u8")
        );
    }

    #[test]
    fn paths_ending_with_a_documented_one() {
        assert!(ends_with_path("/v2/user/{id}", "/user/{user_id}"));
        assert!(ends_with_path("/api/items", "/items"));
        assert!(!ends_with_path("/api/items", "/orders"));
        // `/` documents the root it is mounted at, not every route of the handler.
        assert!(!ends_with_path("/admin/debug/dump", "/"));
        assert!(ends_with_path("/", "/"));
    }

    /// A route both arms of one choice register loses only that choice's complementary pair.
    #[test]
    fn conditions_shared_by_two_arms() {
        let c = |a: &str, b: &str| common_conditions(Some(a), Some(b));
        assert_eq!(c("if a", "else of if a"), None);
        assert_eq!(
            c("if a; cfg(x)", "else of if a; cfg(x)"),
            Some("cfg(x)".into())
        );
        assert_eq!(c("cfg(feature=\"e\")", "cfg(not (feature=\"e\"))"), None);
        // `if a {..} else if b {..}`: nothing registers it when neither holds.
        assert_eq!(c("if a", "else of if a; if b"), Some("if a".into()));
        assert_eq!(c("if a", "if b"), Some("if a".into()));
        assert_eq!(common_conditions(None, Some("if a")), None);
    }

    #[test]
    fn file_servers_by_name() {
        for s in [
            "ServeDir::new",
            "tower_http::services::ServeFile::new",
            "FileServer::from",
            "Files::new",
            "ResourceFiles::new",
            "static_file_service",
            "serve_assets",
        ] {
            assert!(serves_files(s), "{s}");
        }
        for s in [
            "FileUploadService::new",
            "ProfileService::new",
            "with_caching",
            "mcp_router",
        ] {
            assert!(!serves_files(s), "{s}");
        }
        assert!(docs_ui("SwaggerUi::new"));
        assert!(redirects_only("web::redirect"));
        assert!(redirects_only("Redirect::permanent"));
        assert!(!redirects_only("auth::redirect_to_login"));
        assert!(!docs_ui("arrow::array::Scalar"));
    }
}
