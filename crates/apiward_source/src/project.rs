//! The whole project: every function, impl, `use` and constant, indexed for pragmatic name
//! resolution (module paths through `use` declarations, globs and re-exports; by last segment
//! when that is unambiguous).

use std::collections::{HashMap, HashSet};

use crate::ir::{ConstDef, Ex, FileIr, FnDef, ImplDef, TypedPathDef, UseDecl};
use crate::{LoadedFile, SourceOptions};

pub(crate) struct Project {
    pub files: Vec<Option<LoadedFile>>,
    pub fns: Vec<FnDef>,
    pub impls: Vec<ImplDef>,
    by_path: HashMap<String, Vec<usize>>,
    by_name: HashMap<String, Vec<usize>>,
    /// Functions defined again at their path under another `cfg` ([`Self::cfg_twins`]).
    cfg_twins: HashMap<usize, Vec<usize>>,
    uses: HashMap<String, Vec<UseDecl>>,
    modules: HashSet<String>,
    pub(crate) crates: HashSet<String>,
    consts: Vec<ConstDef>,
    consts_by_path: HashMap<String, usize>,
    consts_by_name: HashMap<String, Vec<usize>>,
    /// Associated constants by `Type::NAME` (the type's last name).
    consts_by_type: HashMap<String, Vec<usize>>,
    typed_paths: Vec<TypedPathDef>,
    typed_by_path: HashMap<String, usize>,
    typed_by_name: HashMap<String, Vec<usize>>,
    /// Auth extractor / guard types by name, with why.
    pub auth_types: HashMap<String, String>,
    /// The types trait impls give an associated type of this name (`type Session =
    /// UserSession;`): what a projection `C::Session` in a generic handler may be.
    pub assoc_types: HashMap<String, Vec<String>>,
    /// Extractor types that authenticate when credentials are present and let the request
    /// through when they are not.
    pub optional_types: std::collections::HashSet<String>,
    /// Guards that read who calls and never fail (see `ImplDef::never_fails`): a handler
    /// asks for a caller through their methods (`caller.email()?`).
    pub never_failing: std::collections::HashSet<String>,
    /// Structs whose only field is an `Option` (see `FileIr::option_wrappers`).
    pub option_wrappers: std::collections::HashSet<String>,
    /// The project's aliases of `Result` (`type HandlerResult<T> = Result<T, HandlerError>`).
    pub result_aliases: HashSet<String>,
    /// Its structs named like a framework's router type (`struct App { router, .. }`).
    pub router_named_types: HashSet<String>,
    /// Enums with a variant for no one (`WebUser::Anonymous`), by type.
    anonymous_enums: HashMap<String, String>,
    /// Middleware types (a tower `Service` and the `Layer` built on it, an actix `Transform`)
    /// that read the caller's credentials and attach who called, turning no one away: auth is
    /// optional behind them, each handler deciding.
    pub attaching_mw_types: HashSet<String>,
    /// The same, by crate and type: a type of that name in another crate may authenticate
    /// (a gRPC layer answering `unauthenticated` beside the HTTP one that attaches).
    pub attaching_mw_in: HashSet<(String, String)>,
    /// Files from this id on are support files: their routers are no roots.
    pub support_from: usize,
    /// Middleware types (layers, transforms) that authenticate.
    pub auth_mw_types: HashSet<String>,
    /// The same, by crate and type.
    pub auth_mw_in: HashSet<(String, String)>,
    pub extra_auth_middleware: Vec<String>,
    /// The handlers derived OpenAPI descriptions list (`#[openapi(paths(a::b))]`), with the
    /// module each description is derived in.
    openapi_listed: Vec<(Vec<String>, Vec<String>)>,
}

pub(crate) fn key(path: &[String]) -> String {
    path.join("::")
}

/// Traits whose implementors are extractors / request guards.
/// Whether a trait is one through which a framework extracts a value from a request.
pub(crate) fn is_extract_trait(name: &str) -> bool {
    EXTRACT_TRAITS.contains(&name)
}

const EXTRACT_TRAITS: &[&str] = &[
    "FromRequestParts",
    "FromRequest",
    "OptionalFromRequestParts",
    "OptionalFromRequest",
    // Rocket's data guards (0.4's `FromDataSimple`): a signed webhook's body checked there.
    "FromData",
    "FromDataSimple",
];
/// Adds to `set` the middleware types built on one of its types (a `Layer` whose `Service`
/// is in it), until none is left to add; none of `not`.
fn built_on(impls: &[ImplDef], set: &mut HashSet<String>, not: &HashSet<String>) {
    loop {
        let before = set.len();
        for imp in impls {
            if MW_TRAITS.contains(&imp.trait_name.as_str())
                && !imp.self_ty.is_empty()
                && !set.contains(&imp.self_ty)
                && !not.contains(&imp.self_ty)
                && imp
                    .mentions
                    .iter()
                    .any(|m| *m != imp.self_ty && set.contains(m))
            {
                set.insert(imp.self_ty.clone());
            }
        }
        if set.len() == before {
            break;
        }
    }
}

/// [`built_on`] by crate and type: a type of a crate built on one of the same crate.
fn built_on_in(
    impls: &[ImplDef],
    set: &mut HashSet<(String, String)>,
    not: &HashSet<(String, String)>,
) {
    loop {
        let before = set.len();
        for imp in impls {
            let key = (imp.krate.clone(), imp.self_ty.clone());
            if MW_TRAITS.contains(&imp.trait_name.as_str())
                && !imp.self_ty.is_empty()
                && !set.contains(&key)
                && !not.contains(&key)
                && imp
                    .mentions
                    .iter()
                    .any(|m| *m != imp.self_ty && set.contains(&(imp.krate.clone(), m.clone())))
            {
                set.insert(key);
            }
        }
        if set.len() == before {
            break;
        }
    }
}

/// Traits whose implementors are middleware.
const MW_TRAITS: &[&str] = &[
    "Layer",
    "Service",
    // poem's: a `Middleware` transforms an endpoint into its own `Endpoint`.
    "Middleware",
    "Endpoint",
    "Transform",
    "ValidateRequest",
    "AuthorizeRequest",
    "AsyncAuthorizeRequest",
];

/// Auth extractors of well-known crates (actix-web-httpauth, axum-auth, actix-identity,
/// axum-login, headers' `Authorization` inside `TypedHeader`).
const KNOWN_AUTH_TYPES: &[&str] = &[
    "BearerAuth",
    "BasicAuth",
    "AuthBearer",
    "AuthBasic",
    "Identity",
    "AuthSession",
    "Authorization",
];

impl Project {
    /// Whether a derived OpenAPI description lists the handler: `#[openapi(paths(..))]`
    /// names it by its name, the modules it qualifies it with ending the handler's module
    /// path, and the handler lives in the crate of the description, below the module that
    /// holds the description's (`routes::v2::openapi::ApiDoc` lists handlers under
    /// `routes::v2`), unless the entry names another crate first.
    pub(crate) fn openapi_lists(&self, f: &crate::ir::FnDef) -> bool {
        self.openapi_listed.iter().any(|(doc, path)| {
            let Some((name, quals)) = path.split_last() else {
                return false;
            };
            let quals: Vec<&String> = quals
                .iter()
                .filter(|s| !matches!(s.as_str(), "crate" | "self" | "super"))
                .collect();
            let ends = f.module.len() >= quals.len()
                && f.module[f.module.len() - quals.len()..]
                    .iter()
                    .zip(&quals)
                    .all(|(a, b)| a == *b);
            let other_crate = quals
                .first()
                .is_some_and(|q| doc.first() != Some(*q) && f.module.first() == Some(*q));
            let parent = &doc[..doc.len().saturating_sub(1).max(1).min(doc.len())];
            *name == f.name && ends && (other_crate || f.module.starts_with(parent))
        })
    }

    pub(crate) fn new(
        files: Vec<Option<(LoadedFile, FileIr)>>,
        opts: &SourceOptions,
        crate_names: Vec<String>,
    ) -> Project {
        let mut p = Project {
            files: Vec::with_capacity(files.len()),
            fns: Vec::new(),
            impls: Vec::new(),
            by_path: HashMap::new(),
            cfg_twins: HashMap::new(),
            by_name: HashMap::new(),
            uses: HashMap::new(),
            modules: HashSet::new(),
            crates: crate_names.into_iter().collect(),
            consts: Vec::new(),
            consts_by_path: HashMap::new(),
            consts_by_name: HashMap::new(),
            consts_by_type: HashMap::new(),
            typed_paths: Vec::new(),
            openapi_listed: Vec::new(),
            typed_by_path: HashMap::new(),
            typed_by_name: HashMap::new(),
            auth_types: HashMap::new(),
            assoc_types: HashMap::new(),
            optional_types: Default::default(),
            never_failing: Default::default(),
            result_aliases: HashSet::new(),
            option_wrappers: Default::default(),
            router_named_types: Default::default(),
            anonymous_enums: Default::default(),
            auth_mw_types: HashSet::new(),
            auth_mw_in: HashSet::new(),
            attaching_mw_types: HashSet::new(),
            attaching_mw_in: HashSet::new(),
            support_from: usize::MAX,
            extra_auth_middleware: opts.extra_auth_middleware.clone(),
        };
        let mut test_modules = HashSet::new();
        let mut type_aliases: Vec<(String, String)> = Vec::new();
        let mut cfg_modules: HashMap<String, String> = HashMap::new();
        // The functions of every file in one list, made once at its final size: a list grown
        // by doubling holds its old and new arrays at once (a 30 MB file has 333,000).
        let mut fns_left: usize = files.iter().flatten().map(|(_, ir)| ir.fns.len()).sum();
        for slot in files {
            let Some((file, mut ir)) = slot else {
                p.files.push(None);
                continue;
            };
            p.files.push(Some(file));
            for (m, test, cfg) in ir.modules {
                if test {
                    test_modules.insert(key(&m));
                }
                if let Some(c) = cfg {
                    cfg_modules.insert(key(&m), c);
                }
                p.modules.insert(key(&m));
            }
            for f in &ir.fns {
                p.crates.insert(f.module[0].clone());
                for i in 1..=f.module.len() {
                    p.modules.insert(key(&f.module[..i]));
                }
            }
            fns_left -= ir.fns.len();
            if p.fns.is_empty() {
                // The first file's list is kept (not copied), with room for the others'.
                p.fns = std::mem::take(&mut ir.fns);
                p.fns.reserve_exact(fns_left);
            } else {
                p.fns.append(&mut ir.fns);
            }
            p.impls.extend(ir.impls);
            p.option_wrappers.extend(ir.option_wrappers);
            p.router_named_types.extend(ir.router_named_types);
            p.anonymous_enums.extend(ir.anonymous_enums);
            type_aliases.extend(ir.type_aliases);
            for (name, target) in ir.assoc_types {
                p.assoc_types.entry(name).or_default().push(target);
            }
            for u in ir.uses {
                p.uses.entry(key(&u.module)).or_default().push(u);
            }
            p.consts.extend(ir.consts);
            p.typed_paths.extend(ir.typed_paths);
            p.openapi_listed.extend(ir.openapi_paths);
        }
        // Functions inside `#[cfg(test)] mod tests;` declared in another file, and inside a
        // module named for tests whatever its `cfg` (`pub mod tests;` of test helpers that
        // build a test app: its routes are not the service's).
        for f in &mut p.fns {
            if !f.is_test {
                f.is_test = (1..=f.module.len())
                    .any(|i| test_modules.contains(&key(&f.module[..i])))
                    || f.module.iter().skip(1).any(|m| {
                        matches!(
                            m.as_str(),
                            "tests" | "test_utils" | "test_util" | "testutils" | "test_helpers"
                        )
                    });
            }
            // `#[cfg(feature = "x")] mod x;` declared in another file.
            if f.cfg.is_none() && !cfg_modules.is_empty() {
                f.cfg = (1..=f.module.len())
                    .rev()
                    .find_map(|i| cfg_modules.get(&key(&f.module[..i])).cloned());
            }
        }
        for (i, f) in p.fns.iter().enumerate() {
            let mut full = f.module.clone();
            if let Some(t) = &f.self_ty {
                full.push(t.clone());
            }
            full.push(f.name.clone());
            p.by_path.entry(key(&full)).or_default().push(i);
            p.by_name.entry(f.name.clone()).or_default().push(i);
        }
        for ids in p.by_path.values().filter(|ids| ids.len() > 1) {
            let live = |i: &&usize| !p.fns[**i].is_test && p.fns[**i].cfg.is_some();
            for &i in ids.iter().filter(live) {
                let twins: Vec<usize> = ids
                    .iter()
                    .filter(live)
                    .copied()
                    .filter(|&j| p.fns[j].cfg != p.fns[i].cfg)
                    .collect();
                if !twins.is_empty() {
                    p.cfg_twins.insert(i, twins);
                }
            }
        }
        for (i, c) in p.consts.iter().enumerate() {
            let mut full = c.module.clone();
            full.extend(c.self_ty.iter().cloned());
            full.push(c.name.clone());
            p.consts_by_path.insert(key(&full), i);
            match &c.self_ty {
                Some(ty) => p
                    .consts_by_type
                    .entry(format!("{ty}::{}", c.name))
                    .or_default()
                    .push(i),
                None => p.consts_by_name.entry(c.name.clone()).or_default().push(i),
            }
        }
        for (i, t) in p.typed_paths.iter().enumerate() {
            let mut full = t.module.clone();
            full.push(t.name.clone());
            p.typed_by_path.insert(key(&full), i);
            p.typed_by_name.entry(t.name.clone()).or_default().push(i);
        }
        p.classify_types(opts);
        // Through chains of aliases too (`type ApiResult<T> = AppResult<T>;`).
        p.result_aliases.insert("Result".to_string());
        for _ in 0..3 {
            for (alias, target) in &type_aliases {
                if p.result_aliases.contains(target) {
                    p.result_aliases.insert(alias.clone());
                }
            }
        }
        p.result_aliases.remove("Result");
        // Aliases of auth and optional extractors (`type LaxAuth = Auth<false>`), through
        // chains of aliases.
        for _ in 0..3 {
            for (alias, target) in &type_aliases {
                if let Some(why) = p.auth_types.get(target).cloned() {
                    p.auth_types.entry(alias.clone()).or_insert(why);
                }
                if p.optional_types.contains(target) {
                    p.optional_types.insert(alias.clone());
                }
            }
        }
        p
    }

    /// Finds auth extractor and auth middleware types from what their impls do.
    fn classify_types(&mut self, opts: &SourceOptions) {
        for n in KNOWN_AUTH_TYPES {
            self.auth_types
                .insert(n.to_string(), format!("{n} (well-known)"));
        }
        for n in &opts.extra_auth_types {
            self.auth_types
                .insert(n.clone(), format!("{n} (configured)"));
        }
        for imp in &self.impls {
            let extractor =
                EXTRACT_TRAITS.contains(&imp.trait_name.as_str()) && !imp.self_ty.is_empty();
            // An extractor that never rejects (`Rejection = Infallible`), or that can
            // succeed with nothing (`Ok(Self(None))`), does not require authentication; if it
            // reads credentials, it makes authentication optional.
            if extractor
                && (imp.infallible
                    || imp.never_fails
                    || imp.yields_none
                    || self.option_wrappers.contains(&imp.self_ty)
                    || self.gives_anonymous(imp))
            {
                let builds_on_auth = imp
                    .mentions
                    .iter()
                    .any(|m| *m != imp.self_ty && self.auth_types.contains_key(m));
                if imp.flags.credentials || builds_on_auth {
                    self.optional_types.insert(imp.self_ty.clone());
                    if imp.never_fails {
                        self.never_failing.insert(imp.self_ty.clone());
                    }
                }
                continue;
            }
            // It reads a credential and can turn the request away (401/403, a redirect to
            // sign in, an error type that answers 401/403), or calls a check named for it.
            // Reading a cookie or a header without ever rejecting is information about the
            // caller (a platform cookie, a database handle), not auth.
            // Also one that reads the request (a header, or the identity an upstream layer
            // left in its extensions) and answers 401 itself.
            if extractor
                && ((imp.flags.strong_credential && !imp.infallible)
                    || (self.reads_credential(imp) && self.can_reject(imp))
                    || imp.gates_401
                    || self.calls_check(&imp.calls))
            {
                self.auth_types
                    .entry(imp.self_ty.clone())
                    .or_insert_with(|| imp.self_ty.clone());
            }
            // A middleware that reads credentials and can turn the caller away (itself, or by
            // building an error of the project that answers 401/403: pict-rs' `ApiError`), or
            // that reads the request and answers 401 itself whatever it is named
            // (`ScopedLayer`'s service checking the identity left in the extensions).
            // So is a poem `Endpoint` that hands the request to a check of the project named
            // for it (`authorize_access(&req).await?`), as an extractor may; not a tower
            // `Service` reading who called for the handlers (`if let Ok(Some(user)) =
            // provider.validate_app_token(..)`), which turns no one away.
            if MW_TRAITS.contains(&imp.trait_name.as_str())
                && ((imp.flags.credentials
                    && (imp.flags.rejects || imp.builds.iter().any(|t| self.answers_401(t))))
                    || imp.gates_401
                    || (imp.trait_name == "Endpoint" && self.calls_check(&imp.calls)))
                && !imp.rejects_only_present
            {
                self.auth_mw_types.insert(imp.self_ty.clone());
                self.auth_mw_in
                    .insert((imp.krate.clone(), imp.self_ty.clone()));
            }
        }
        // Types built on auth types are auth types (`AdminUser` extracts `AuthUser`).
        loop {
            let mut changed = false;
            for imp in &self.impls {
                if imp.self_ty.is_empty() {
                    continue;
                }
                let t = imp.trait_name.as_str();
                if EXTRACT_TRAITS.contains(&t)
                    && !self.auth_types.contains_key(&imp.self_ty)
                    && !self.optional_types.contains(&imp.self_ty)
                    && imp.mentions.iter().any(|m| {
                        *m != imp.self_ty && self.auth_types.contains_key(m) && m != "Authorization"
                    })
                {
                    // Built on an auth type: an auth type, or an optional one when it can
                    // succeed without it (`guard::<User>().succeeded()`, `Ok(Self(None))`).
                    if imp.infallible
                        || imp.yields_none
                        || self.option_wrappers.contains(&imp.self_ty)
                        || self.gives_anonymous(imp)
                    {
                        self.optional_types.insert(imp.self_ty.clone());
                    } else {
                        self.auth_types
                            .insert(imp.self_ty.clone(), imp.self_ty.clone());
                    }
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        // Types built on optional ones, auth types of neither kind, are optional: they read
        // who called when someone did (`Repository` extracting `WebUser` to hide a private
        // repository from anyone but its owner).
        loop {
            let mut changed = false;
            for imp in &self.impls {
                if !imp.self_ty.is_empty()
                    && EXTRACT_TRAITS.contains(&imp.trait_name.as_str())
                    && !self.auth_types.contains_key(&imp.self_ty)
                    && !self.optional_types.contains(&imp.self_ty)
                    && imp
                        .mentions
                        .iter()
                        .any(|m| *m != imp.self_ty && self.optional_types.contains(m))
                {
                    self.optional_types.insert(imp.self_ty.clone());
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        // An `AuthLayer` whose service is an `AuthMiddleware`.
        built_on(&self.impls, &mut self.auth_mw_types, &HashSet::new());
        built_on_in(&self.impls, &mut self.auth_mw_in, &HashSet::new());
        // Middleware that reads credentials and can answer 401/403 nowhere, itself or through
        // the functions of the project it calls, and the types built on it (its `Layer`), by
        // crate: a type of the same name in another crate may authenticate.
        // (Not by the types it mentions, as for extractors: a `Service`'s `Error` is its inner
        // service's, whatever the project's `Error` answers.)
        // (Also one that turns away only callers whose credentials do not cover the request:
        // the others go through.)
        let mut attaching = HashSet::new();
        for imp in &self.impls {
            if MW_TRAITS.contains(&imp.trait_name.as_str())
                && !imp.self_ty.is_empty()
                && imp.rejects_only_present
                && !self
                    .auth_mw_in
                    .contains(&(imp.krate.clone(), imp.self_ty.clone()))
            {
                attaching.insert((imp.krate.clone(), imp.self_ty.clone()));
                continue;
            }
            if MW_TRAITS.contains(&imp.trait_name.as_str())
                && !imp.self_ty.is_empty()
                && imp.flags.credentials
                && !imp.flags.rejects
                && !imp.flags.forwards
                && !self
                    .called_by(imp)
                    .any(|g| g.flags.rejects_auth || g.flags.forwards)
                && !self
                    .auth_mw_in
                    .contains(&(imp.krate.clone(), imp.self_ty.clone()))
            {
                attaching.insert((imp.krate.clone(), imp.self_ty.clone()));
            }
        }
        built_on_in(&self.impls, &mut attaching, &self.auth_mw_in);
        // By name alone (where the crate of a type a router names is not known): attaching
        // when no type of that name authenticates.
        self.attaching_mw_types = attaching
            .iter()
            .filter(|(_, t)| !self.auth_mw_types.contains(t))
            .map(|(_, t)| t.clone())
            .collect();
        self.attaching_mw_in = attaching;
    }

    /// Whether an extractor reads what a caller authenticates with: its own text names a
    /// credential (the Authorization header, a cookie, a session, a token), its type is named
    /// for auth or for the caller (`Auth`, `LocalUserView`, `CurrentUser`), or a function of the project it calls reads one
    /// (`extract_auth_from_request(req)`).
    fn reads_credential(&self, imp: &ImplDef) -> bool {
        imp.flags.credentials
            // A sender's signature header (`X-Hub-Signature-256`).
            || imp.flags.reads_request_auth
            || crate::auth::name_says_auth(self, &imp.self_ty)
            || crate::auth::type_names_caller(&crate::ir::Ty {
                path: vec![imp.self_ty.clone()],
                args: Vec::new(),
            })
            || self.called_by(imp).any(|g| g.flags.credentials)
    }

    /// Whether a type of the project answers 401/403 as a response (`impl ResponseError for
    /// ApiError { fn status_code(..) { StatusCode::UNAUTHORIZED } }`).
    pub(crate) fn answers_401(&self, ty: &str) -> bool {
        self.impls.iter().any(|e| {
            e.self_ty == ty
                && matches!(
                    e.trait_name.as_str(),
                    "IntoResponse" | "ResponseError" | "Responder" | "From"
                )
                && e.flags.rejects_auth
        })
    }

    /// Whether an extractor can turn a request away as unauthenticated: its own text answers
    /// 401/403 or sends to a sign-in page, it names an error type of the project whose
    /// response is 401/403 (`impl IntoResponse for AuthError`), or it hands the work to a
    /// function of the project that answers so.
    fn can_reject(&self, imp: &ImplDef) -> bool {
        if imp.flags.rejects || imp.flags.forwards {
            return true;
        }
        let answers_401 = |ty: &str| self.answers_401(ty);
        // An error type named for auth (`AuthError`, `AuthenticationError::Missing`).
        let auth_error = |ty: &str| {
            let w = crate::auth::words(ty);
            w.last()
                .is_some_and(|l| matches!(l.as_str(), "error" | "rejection"))
                && crate::auth::name_says_auth(self, ty)
        };
        imp.mentions
            .iter()
            .any(|m| *m != imp.self_ty && (answers_401(m) || auth_error(m)))
            || self
                .called_by(imp)
                .any(|g| g.flags.rejects_auth || g.flags.forwards)
    }

    /// Whether an extractor of an enum with a variant for no one gives that variant, itself
    /// or in a helper it calls (`WebUser::Anonymous` when the session names no one): it
    /// lets callers without credentials through. (Not one whose anonymous variant only an
    /// auth strategy it consults may give, when auth is switched off.)
    fn gives_anonymous(&self, imp: &ImplDef) -> bool {
        let Some(variant) = self.anonymous_enums.get(&imp.self_ty) else {
            return false;
        };
        // Not one that answers 401/403 itself (`Principal::NotLoggedIn =>
        // Err(ErrorUnauthorized(..))`: the variant read in a pattern, refused).
        if imp.flags.rejects_auth {
            return false;
        }
        let own = format!("{}::{variant}", imp.self_ty);
        imp.builds.iter().any(|b| b == variant)
            || self.called_by(imp).any(|g| {
                !g.flags.rejects_auth
                    && self.fn_text(g).is_some_and(|t| {
                        t.contains(&own) || t.contains(&format!("Self::{variant}"))
                    })
            })
    }

    /// Whether a function (a middleware) gives the variant for no one of an enum of the
    /// project, itself or in a helper it calls (`authenticate(..)` answering
    /// `Ok(Authentication::Unauthenticated)` when no credential came; its refusals are for
    /// bad credentials): what it attaches to the request lets callers without credentials
    /// through. A variant read in a pattern (`Visitor::Unauthenticated =>`) is not given.
    pub(crate) fn fn_gives_anonymous(&self, f: &FnDef) -> bool {
        // Each place a text names a variant for no one: given (`Ok(E::Anonymous)`, `return
        // E::Anonymous;`) or read in a pattern (`E::Anonymous =>`, `Ok(E::Anonymous) =>`,
        // `if let E::Anonymous = ..`, `matches!(p, E::Anonymous)`).
        let uses = |t: &str| -> (bool, bool) {
            let (mut gives, mut reads) = (false, false);
            for (e, v) in &self.anonymous_enums {
                for name in [format!("{e}::{v}"), format!("Self::{v}")] {
                    for (i, _) in t.match_indices(&name) {
                        let after = t[i + name.len()..].trim_start_matches([')', ' ', '\n']);
                        let mut before = t[..i].trim_end();
                        for w in ["Ok(", "Some(", "Err("] {
                            before = before.strip_suffix(w).unwrap_or(before).trim_end();
                        }
                        let line = t[..i].rsplit('\n').next().unwrap_or("");
                        if after.starts_with("=>")
                            || after.starts_with('|')
                            || (after.starts_with('=') && !after.starts_with("=="))
                            || before.ends_with("let")
                            || before.ends_with('|')
                            || line.contains("matches!")
                        {
                            reads = true;
                        } else {
                            gives = true;
                        }
                    }
                }
            }
            (gives, reads)
        };
        let Some(own) = self.fn_text(f) else {
            return false;
        };
        let (gives_here, reads_here) = uses(own);
        // It attaches what it learnt to the request (`req.extensions_mut().insert(who)`) and
        // decides nothing itself: no exit but `?` and the next service (a middleware refusing
        // `Principal::Anonymous => Err(NotLoggedIn)`, or keeping only `let
        // Visitor::Member(a) = .. else { return Err(..) }`, requires auth, whoever gives the
        // variant), no redirect to sign in.
        let decides = ["Err(", "return", "else {", "else{", "_ =>", "bail!"]
            .iter()
            .any(|w| own.contains(w));
        !f.flags.rejects_auth
            && !f.flags.rejects
            && !decides
            && own.contains("insert(")
            && !reads_here
            && (gives_here
                || f.calls
                    .iter()
                    .filter_map(|c| self.helper_of(c))
                    .any(|g| self.fn_text(g).is_some_and(|t| uses(t).0)))
    }

    /// The variant for no one of an enum of the project (`Anonymous` of `enum WebUser {
    /// Anonymous, Authenticated(User) }`).
    pub(crate) fn anonymous_variant(&self, ty: &str) -> Option<&str> {
        self.anonymous_enums.get(ty).map(String::as_str)
    }

    /// The functions of the project an impl's methods call: free helpers
    /// ([`Self::helper_of`]) and the type's own associated functions (`Self::extract_token(..)`,
    /// also called by the type's name).
    fn called_by<'a>(&'a self, imp: &'a ImplDef) -> impl Iterator<Item = &'a FnDef> + 'a {
        imp.calls.iter().filter_map(move |c| {
            // (`Self::from_token(..)`, `AuthAwareService::from_token(..)`.)
            if let Some((_, m)) = c
                .rsplit_once("::")
                .filter(|(q, _)| *q == "Self" || q.rsplit("::").next() == Some(&imp.self_ty))
            {
                return self.assoc_fn(&imp.self_ty, m);
            }
            self.helper_of(c)
        })
    }

    /// The only function named `name` of type `ty`'s own (`Claim::get`, `Self::from_token`).
    pub(crate) fn assoc_fn(&self, ty: &str, name: &str) -> Option<&FnDef> {
        let mut own = self
            .fns_named(name)
            .iter()
            .map(|&i| &self.fns[i])
            .filter(|g| g.self_ty.as_deref() == Some(ty));
        match (own.next(), own.next()) {
            (Some(one), None) => Some(one),
            _ => None,
        }
    }

    /// Whether an extractor's calls check the caller: a call named for it
    /// (`validate_access_token(..)`), or a helper of the project ([`Self::helper_of`]) whose
    /// own calls are (`access_check(req, ..)` → `validate_access_token`).
    fn calls_check(&self, calls: &[String]) -> bool {
        calls.iter().any(|c| {
            let (checks, strong) = crate::auth::call_checks_auth(c);
            checks
                || self.helper_of(c).is_some_and(|g| {
                    g.calls.iter().any(|c| crate::auth::call_checks_auth(c).0)
                        // `auth::auth(..)`: named for auth, reads the request's credentials
                        // and answers 401/403.
                        || (strong && g.flags.reads_request_auth && g.flags.rejects_auth)
                })
        })
    }

    /// The function of the project a call hands work to: a free function (no `self` type,
    /// registering no route), the only one of its name, called by its name or module path
    /// (`modify_owners(..)`, `auth::access_check(..)`); not a method whose name many types
    /// share (`Type::from`, `.get()`).
    pub(crate) fn helper_of(&self, call: &str) -> Option<&FnDef> {
        let mut segs = call.rsplit("::");
        let name = segs.next()?;
        let by_type = segs
            .next()
            .is_some_and(|q| q.starts_with(|ch: char| ch.is_ascii_uppercase()));
        if call.starts_with('.') || by_type {
            return None;
        }
        let found = self.fns_named(name);
        let one = if let [one] = found {
            *one
        } else {
            // Several of the name, called by a module path (`v3::notes::list(..)`): the one
            // whose module ends so that is no handler itself.
            let quals: Vec<&str> = call
                .rsplit("::")
                .skip(1)
                .take_while(|q| !matches!(*q, "crate" | "super" | "self"))
                .collect();
            if quals.is_empty() {
                return None;
            }
            let mut by_module = found.iter().filter(|&&i| {
                let g = &self.fns[i];
                g.self_ty.is_none()
                    && g.routes.is_empty()
                    && g.module.len() > quals.len()
                    && g.module
                        .iter()
                        .rev()
                        .zip(&quals)
                        .all(|(a, b)| a.as_str() == *b)
            });
            match (by_module.next(), by_module.next()) {
                (Some(i), None) => *i,
                _ => return None,
            }
        };
        let g = &self.fns[one];
        (g.self_ty.is_none() && g.routes.is_empty()).then_some(g)
    }

    pub(crate) fn file(&self, id: usize) -> Option<&LoadedFile> {
        self.files.get(id).and_then(Option::as_ref)
    }

    /// The source text of a function (empty for one made up from a macro), if its file is
    /// loaded.
    pub(crate) fn fn_text(&self, g: &FnDef) -> Option<&str> {
        self.file(g.file)
            .and_then(|f| f.text.get(g.text.start as usize..g.text.end as usize))
    }

    /// Candidate absolute paths for `path` as written in `module`.
    fn absolute(&self, module: &[String], path: &[String], depth: u32) -> Vec<Vec<String>> {
        let mut out = Vec::new();
        if path.is_empty() || depth > 8 || module.is_empty() {
            return out;
        }
        let first = path[0].as_str();
        let rest = &path[1..];
        match first {
            "crate" => {
                let mut v = vec![module[0].clone()];
                v.extend_from_slice(rest);
                out.push(v);
                return out;
            }
            "self" => {
                let mut v = module.to_vec();
                v.extend_from_slice(rest);
                out.push(v);
                return out;
            }
            "super" => {
                let parent = &module[..module.len().saturating_sub(1).max(1)];
                return self.absolute(
                    parent,
                    &[vec!["self".to_string()], rest.to_vec()].concat(),
                    depth + 1,
                );
            }
            _ => {}
        }
        // Items and modules of this module.
        let mut local = module.to_vec();
        local.extend_from_slice(path);
        out.push(local);
        // `use` declarations of this module.
        if let Some(uses) = self.uses.get(&key(module)) {
            for u in uses {
                if !u.glob && u.alias == first {
                    for mut abs in self.absolute_use(module, &u.path, depth + 1) {
                        abs.extend_from_slice(rest);
                        out.push(abs);
                    }
                }
            }
            for u in uses.iter().filter(|u| u.glob) {
                for mut abs in self.absolute_use(module, &u.path, depth + 1) {
                    abs.extend_from_slice(path);
                    out.push(abs);
                }
            }
        }
        // Another crate of the workspace.
        if self.crates.contains(first) {
            out.push(path.to_vec());
        }
        out
    }

    /// A `use` path: relative to the crate root, `self`/`super`, another crate, or (2018
    /// edition) a child module.
    fn absolute_use(&self, module: &[String], path: &[String], depth: u32) -> Vec<Vec<String>> {
        if path.is_empty() || depth > 8 {
            return Vec::new();
        }
        let first = path[0].as_str();
        if matches!(first, "crate" | "self" | "super") {
            return self.absolute(module, path, depth + 1);
        }
        let mut out = Vec::new();
        if self.crates.contains(first) {
            out.push(path.to_vec());
        }
        let mut child = module.to_vec();
        child.push(first.to_string());
        if self.modules.contains(&key(&child)) {
            child.extend_from_slice(&path[1..]);
            out.push(child);
        }
        out
    }

    /// The other definitions of function `fid` at its path under another `cfg`
    /// (`#[cfg(feature = "x")] fn routes()` beside `#[cfg(not(feature = "x"))] fn routes()`):
    /// which one a call runs depends on the build, so each is followed.
    pub(crate) fn cfg_twins(&self, fid: usize) -> &[usize] {
        self.cfg_twins.get(&fid).map_or(&[], Vec::as_slice)
    }

    /// Follows re-exports: `a::b::name` where `a::b` has `use x::name` or a glob.
    fn find_fn_at(&self, abs: &[String], depth: u32) -> Option<usize> {
        self.find_at(abs, depth, &|k| {
            self.by_path.get(k).and_then(|v| v.first().copied())
        })
    }

    /// What `direct` finds at an absolute path, or where a `use` of its module leads
    /// (aliases, globs, re-exports of re-exports).
    fn find_at(
        &self,
        abs: &[String],
        depth: u32,
        direct: &dyn Fn(&str) -> Option<usize>,
    ) -> Option<usize> {
        if let Some(i) = direct(&key(abs)) {
            return Some(i);
        }
        if depth > 6 || abs.len() < 2 {
            return None;
        }
        // `module::Type::method` paths need the type's module, so try re-exports of each
        // split point.
        let (module, name) = abs.split_at(abs.len() - 1);
        for u in self.uses.get(&key(module))? {
            if u.glob || u.alias == name[0] {
                for mut target in self.absolute_use(module, &u.path, depth + 1) {
                    if u.glob {
                        target.push(name[0].clone());
                    }
                    if target.as_slice() != abs {
                        if let Some(i) = self.find_at(&target, depth + 1, direct) {
                            return Some(i);
                        }
                    }
                }
            }
        }
        None
    }

    /// The functions of a name.
    pub(crate) fn fns_named(&self, name: &str) -> &[usize] {
        self.by_name.get(name).map_or(&[], Vec::as_slice)
    }

    /// A constant at an absolute path, or re-exported there (`pub use v1::ROUTES as API`).
    fn find_const_at(&self, abs: &[String], depth: u32) -> Option<usize> {
        self.find_at(abs, depth, &|k| self.consts_by_path.get(k).copied())
    }

    /// The function at an absolute path, if any.
    pub(crate) fn fn_at(&self, abs: &[String]) -> Option<usize> {
        self.by_path.get(&key(abs)).and_then(|v| v.first().copied())
    }

    /// Whether `module` imports `name` from a crate of the web frameworks (`use
    /// actix_web::App;`, `use axum::{Router, ..}`, `use actix_web::*`).
    pub(crate) fn imports_from_framework(&self, module: &[String], name: &str) -> bool {
        self.uses.get(&key(module)).is_some_and(|us| {
            us.iter().any(|u| {
                (u.alias == name || u.glob)
                    && u.path.first().is_some_and(|c| {
                        matches!(
                            c.as_str(),
                            "axum" | "actix_web" | "rocket" | "aide" | "utoipa_axum"
                        )
                    })
            })
        })
    }

    /// Whether a module of crate `krate` imports from crate `from` (`use poem::{Route, ..}`).
    pub(crate) fn crate_imports(&self, krate: &str, from: &str) -> bool {
        self.uses.values().flatten().any(|u| {
            u.module.first().is_some_and(|c| c == krate)
                && u.path.first().is_some_and(|c| c == from)
        })
    }

    /// Whether `module` has `use` declarations of its own.
    pub(crate) fn has_uses(&self, module: &[String]) -> bool {
        self.uses.contains_key(&key(module))
    }

    /// Resolves a function path as written in `module`.
    pub(crate) fn resolve_fn(&self, module: &[String], path: &[String]) -> Option<usize> {
        let last = path.last()?;
        // Through `use` aliases and re-exports first (`api::core_routes` may be
        // `pub use self::core::routes as core_routes`: no function has that name).
        for abs in self.absolute(module, path, 0) {
            if let Some(id) = self.find_fn_at(&abs, 0) {
                return Some(id);
            }
        }
        let candidates = self.by_name.get(last)?;
        // Last segment, when unambiguous (or unambiguous within the crate, or by suffix).
        // Counted without allocating: names like `new` have thousands of candidates.
        let live = || candidates.iter().copied().filter(|&i| !self.fns[i].is_test);
        // `Type::f` names an associated function of `Type`: a free function or another
        // type's `f` of the project is not it (`HttpServer::new` is not the project's
        // `Store::new`).
        if let [.., ty, _] = path {
            if ty.starts_with(|c: char| c.is_ascii_uppercase()) {
                // `F::configure_router()` in `fn serve<F: RouterFactory>()`: a generic
                // parameter (named as one: one or two capitals) stands for the type
                // implementing the trait; when the project has one method of that name on
                // a type, it is the one called.
                if ty.len() <= 2 && ty.chars().all(|c| c.is_ascii_uppercase()) {
                    return single(live().filter(|&i| self.fns[i].self_ty.is_some()));
                }
                return single(live().filter(|&i| self.fns[i].self_ty.as_ref() == Some(ty)))
                    .or_else(|| self.blanket_fn(ty, live()));
            }
        }
        // A lone name: the only function of that name (in the project, or in this crate),
        // unless this module imports the name from another crate (`use
        // actix_web::web::resource;` is not the project's telemetry `fn resource`).
        if path.len() == 1 {
            if self.imports_external(module, last) {
                return None;
            }
            if let Some(one) = single(live()) {
                return Some(one);
            }
            return single(live().filter(|&i| self.fns[i].module[0] == module[0]));
        }
        // `a::b::f`: a function whose module path ends with `a::b` (never another
        // crate's `f`: `thread::spawn` is not the project's `Task::spawn`).
        let (last, init) = path.split_last()?;
        single(live().filter(|&i| {
            let f = &self.fns[i];
            // `module.. self_ty? name` ends with `path`.
            if *last != f.name {
                return false;
            }
            let ty = f.self_ty.iter();
            let full = f.module.iter().chain(ty);
            let n = f.module.len() + usize::from(f.self_ty.is_some());
            n >= init.len() && full.skip(n - init.len()).eq(init.iter())
        }))
    }

    /// The method of a blanket impl (`impl<P: FixedPlace> Place for P`) among `candidates`
    /// that type `ty` gets by implementing one of its bounds (`impl FixedPlace for Status`).
    fn blanket_fn(&self, ty: &str, candidates: impl Iterator<Item = usize>) -> Option<usize> {
        single(candidates.filter(|&i| {
            let bounds = &self.fns[i].self_bounds;
            !bounds.is_empty()
                && self
                    .impls
                    .iter()
                    .any(|imp| imp.self_ty == ty && bounds.contains(&imp.trait_name))
        }))
    }

    /// Whether `module` imports `name` from a crate outside the project (a `use` whose path
    /// starts with neither `crate`/`self`/`super`, a workspace crate nor a child module).
    fn imports_external(&self, module: &[String], name: &str) -> bool {
        let Some(uses) = self.uses.get(&key(module)) else {
            return false;
        };
        uses.iter().any(|u| {
            !u.glob
                && u.alias == name
                && u.path.first().is_some_and(|first| {
                    !matches!(first.as_str(), "crate" | "self" | "super")
                        && !self.crates.contains(first)
                        && !self
                            .modules
                            .contains(&key(&[module, std::slice::from_ref(first)].concat()))
                })
        })
    }

    /// Resolves a constant or static (through `use` aliases and re-exports).
    pub(crate) fn resolve_const(&self, module: &[String], path: &[String]) -> Option<&ConstDef> {
        let last = path.last()?;
        for abs in self.absolute(module, path, 0) {
            if let Some(i) = self.find_const_at(&abs, 0) {
                return Some(&self.consts[i]);
            }
        }
        // `Type::NAME`: the one associated constant of that name of a type so named.
        let by_name = match path {
            [.., ty, _] if ty.starts_with(|c: char| c.is_ascii_uppercase()) => {
                self.consts_by_type.get(&format!("{ty}::{last}"))
            }
            _ => self.consts_by_name.get(last),
        };
        match by_name.map(Vec::as_slice) {
            Some([one]) => Some(&self.consts[*one]),
            _ => None,
        }
    }

    /// The `#[typed_path]` of a struct named by `path` in `module` (through `use`
    /// declarations and re-exports; by its name alone only when one struct has it).
    pub(crate) fn resolve_typed_path(&self, module: &[String], path: &[String]) -> Option<&str> {
        let last = path.last()?;
        for abs in self.absolute(module, path, 0) {
            if let Some(i) = self.find_at(&abs, 0, &|k| self.typed_by_path.get(k).copied()) {
                return Some(&self.typed_paths[i].path);
            }
        }
        // A name the module imports from elsewhere is not another struct of that name.
        let imported = self
            .uses
            .get(&key(module))
            .is_some_and(|us| us.iter().any(|u| !u.glob && u.alias == path[0]));
        match self.typed_by_name.get(last).map(Vec::as_slice) {
            Some([one]) if path.len() == 1 && !imported => Some(&self.typed_paths[*one].path),
            _ => None,
        }
    }

    /// Whether a function may build routers (checked syntactically, then through calls).
    pub(crate) fn builds_routes(&self) -> Vec<bool> {
        let mut builds: Vec<bool> = self.fns.iter().map(direct_builder).collect();
        let paths: Vec<Vec<Vec<String>>> = self
            .fns
            .iter()
            .map(|f| {
                let mut paths = Vec::new();
                for s in &f.body.stmts {
                    match s {
                        crate::ir::Stmt::Let(_, e)
                        | crate::ir::Stmt::Expr(e, _)
                        | crate::ir::Stmt::Assign(_, e) => called_paths(e, &mut paths),
                    }
                }
                paths
            })
            .collect();
        // Callers of builders are builders. A call can only resolve to a function of its
        // last segment's name, so only calls named like a known builder are resolved
        // (resolving every call of a large codebase grew faster than linearly).
        let mut names: HashSet<&str> = self
            .fns
            .iter()
            .zip(&builds)
            .filter(|(_, b)| **b)
            .map(|(f, _)| f.name.as_str())
            .collect();
        loop {
            let mut changed = false;
            for (i, f) in self.fns.iter().enumerate() {
                if builds[i] {
                    continue;
                }
                let calls_builder = paths[i].iter().any(|p| {
                    p.last().is_some_and(|l| names.contains(l.as_str()))
                        && self.resolve_fn(&f.module, p).is_some_and(|c| builds[c])
                });
                if calls_builder {
                    builds[i] = true;
                    names.insert(f.name.as_str());
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        builds
    }
}

const BUILDER_METHODS: &[&str] = &[
    "route",
    "route_service",
    "nest",
    "nest_service",
    "merge",
    "fallback",
    "fallback_service",
    "service",
    "mount",
    "configure",
    "default_service",
    "to",
    // axum-extra's `RouterExt`.
    "typed_get",
    "typed_post",
    "typed_put",
    "typed_delete",
    "typed_patch",
    "typed_head",
    "typed_options",
    "typed_trace",
    "typed_connect",
];
const BUILDER_CALLS: &[&str] = &[
    "get", "post", "put", "delete", "patch", "head", "options", "trace", "any", "on", "scope",
    "resource", "build", "custom",
];

pub(crate) fn direct_builder(f: &FnDef) -> bool {
    if f.value_fn {
        return false;
    }
    if f.params
        .iter()
        .any(|p| p.ty.as_ref().is_some_and(|t| t.name() == "ServiceConfig"))
    {
        return true;
    }
    let mut found = false;
    for s in &f.body.stmts {
        let e = match s {
            crate::ir::Stmt::Let(_, e)
            | crate::ir::Stmt::Expr(e, _)
            | crate::ir::Stmt::Assign(_, e) => e,
        };
        walk(e, &mut |e| match e {
            Ex::Method { name, .. } if BUILDER_METHODS.contains(&name.as_str()) => found = true,
            Ex::Macro { name, .. }
                if matches!(
                    name.as_str(),
                    "routes"
                        | "openapi_get_routes"
                        | "openapi_get_routes_spec"
                        | "mount_endpoints_and_merged_docs"
                ) =>
            {
                found = true;
            }
            Ex::Call { func, .. } => {
                if let Ex::Path(p, _, _) = &**func {
                    let last = p.last().map_or("", String::as_str);
                    // (Also an API docs UI built at a path, `Scalar::with_url("/docs", ..)`,
                    // which becomes a router when merged.)
                    if BUILDER_CALLS.contains(&last)
                        || (last == "new"
                            && p.iter()
                                .any(|s| s == "Router" || s == "App" || s == "MethodRouter"))
                        || matches!(
                            p.as_slice(),
                            [.., ty, f] if matches!(
                                (ty.as_str(), f.as_str()),
                                ("SwaggerUi" | "RapiDoc", "new")
                                    | ("Scalar" | "Redoc" | "RapiDoc", "with_url")
                            )
                        )
                    {
                        found = true;
                    }
                }
            }
            _ => {}
        });
        if found {
            return true;
        }
    }
    false
}

fn called_paths(e: &Ex, out: &mut Vec<Vec<String>>) {
    walk(e, &mut |e| {
        if let Ex::Call { func, .. } = e {
            if let Ex::Path(p, _, _) = &**func {
                out.push(p.clone());
            }
        }
        // Functions passed by name (`.configure(users::config)`).
        if let Ex::Method { args, .. } = e {
            for a in args {
                if let Ex::Path(p, _, _) = a {
                    out.push(p.clone());
                }
            }
        }
    });
}

/// Visits an expression and every expression inside it.
pub(crate) fn walk(e: &Ex, f: &mut dyn FnMut(&Ex)) {
    f(e);
    match e {
        Ex::Str(..) | Ex::Path(..) => {}
        Ex::Call { func, args, .. } => {
            walk(func, f);
            args.iter().for_each(|a| walk(a, f));
        }
        Ex::Method { recv, args, .. } => {
            walk(recv, f);
            args.iter().for_each(|a| walk(a, f));
        }
        Ex::Macro { args, .. } => args.iter().for_each(|a| walk(a, f)),
        Ex::Closure(c) => walk(&c.body, f),
        Ex::Block(b) => {
            for s in &b.stmts {
                match s {
                    crate::ir::Stmt::Let(_, e)
                    | crate::ir::Stmt::Expr(e, _)
                    | crate::ir::Stmt::Assign(_, e) => walk(e, f),
                }
            }
        }
        Ex::List(v) | Ex::Branches(v) | Ex::Concat(v) | Ex::Other(v) => {
            v.iter().for_each(|a| walk(a, f));
        }
        Ex::Return(x) => walk(x, f),
        Ex::Cond(c) => walk(&c.1, f),
        Ex::Field(b, _) => walk(b, f),
        Ex::Struct(_, v) => v.iter().for_each(|(_, e)| walk(e, f)),
        Ex::For(b) => {
            walk(&b.1, f);
            for s in &b.2.stmts {
                match s {
                    crate::ir::Stmt::Let(_, e)
                    | crate::ir::Stmt::Expr(e, _)
                    | crate::ir::Stmt::Assign(_, e) => walk(e, f),
                }
            }
        }
    }
}

/// The only item of an iterator, if it has exactly one.
fn single(mut it: impl Iterator<Item = usize>) -> Option<usize> {
    let first = it.next()?;
    it.next().is_none().then_some(first)
}
