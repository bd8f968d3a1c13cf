//! `unbounded-body`: request size limits turned off or set absurdly high, so one request can
//! exhaust the server's memory or disk.
//!
//! - axum: `DefaultBodyLimit::disable()`; `DefaultBodyLimit::max(n)` above the ceiling, and
//!   tower-http `RequestBodyLimitLayer::new(n)` above it where the chain also disables the
//!   default limit (alone it lifts nothing); `axum::body::to_bytes(body, n)` reading a raw
//!   body with a limit above the ceiling (`usize::MAX`);
//! - actix-web: `PayloadConfig::new(n)`, and `.limit(n)` on a `JsonConfig`, `FormConfig`,
//!   `PayloadConfig` or `UrlEncoded` builder (`total_limit`/`memory_limit` on
//!   `MultipartFormConfig`) above the ceiling;
//! - Rocket: `Limits::new().limit("json", n)` above the ceiling, and `data.open(n)`.
//!
//! `n` is evaluated from integer literals, arithmetic, `usize::MAX`-style constants,
//! constants of the same file and Rocket byte units (`10.gibibytes()`); a limit that is not
//! known from the source (a variable, a config value) is not reported. The ceiling is
//! 100 MiB unless the project sets `max-body` in `[rust]` ([`RustRuleOptions::body_ceiling`]);
//! messages name the ceiling in use.
//!
//! [`RustRuleOptions::body_ceiling`]: super::RustRuleOptions::body_ceiling

use std::collections::HashMap;

use syn::visit::{self, Visit};
use syn::{Expr, ExprCall, ExprMethodCall};

use super::{chain, ends_with, eval_int, human_bytes, pat_ident, root_call_segments, Walker};
use crate::Rule;

pub(crate) const MARKERS: &[&str] = &[
    "DefaultBodyLimit",
    "RequestBodyLimit",
    "PayloadConfig",
    "JsonConfig",
    "FormConfig",
    "UrlEncoded",
    "MultipartFormConfig",
    "Limits",
    "to_bytes",
    // Rocket's `data.open(2.mebibytes())` (not `File::open(..)`).
    ".open(",
];

/// The prefilter's second look at a file whose [`MARKERS`] matched: the common words among
/// them only count in the shape the rule reads. `Limits` with a `.limit(` call (Rocket's
/// `Limits::new().limit("json", n)`), a free `to_bytes(` (`axum::body::to_bytes(body, n)`,
/// not `key.to_bytes()`), `.open(` with a size near it (`data.open(2.mebibytes())`, not
/// `OpenOptions::new().open(path)`).
pub(crate) fn worth_parsing(bytes: &[u8], has: &dyn Fn(&str) -> bool) -> bool {
    use memchr::memmem::{find, find_iter};
    let common = |m: &&&str| matches!(**m, "Limits" | "to_bytes" | ".open(");
    MARKERS.iter().filter(|m| !common(m)).any(|m| has(m))
        || (has("Limits") && has(".limit("))
        || find_iter(bytes, b"to_bytes(").any(|i| i == 0 || bytes[i - 1] != b'.')
        || find_iter(bytes, b".open(").any(|i| {
            let line = &bytes[i..];
            let line = &line[..memchr::memchr(b'\n', line).unwrap_or(line.len())];
            [&b"bytes"[..], b"MAX", b"ByteUnit"]
                .iter()
                .any(|u| find(line, u).is_some())
        })
}

const RULE: Rule = Rule::UnboundedBody;

/// Limits above this many bytes are reported, unless the project sets its own ceiling.
pub(crate) const CEILING: u128 = 100 << 20;

/// The ceiling in use: `max-body` from the config, else [`CEILING`].
fn ceiling(w: &Walker<'_, '_>) -> u128 {
    w.opts.body_ceiling.unwrap_or(CEILING)
}

/// A ceiling as the user likely wrote it: `10 MiB`, or `10 MB` for a decimal one.
fn show_ceiling(n: u128) -> String {
    let binary = human_bytes(n);
    if !binary.ends_with(" bytes") {
        return binary;
    }
    for (unit, size) in [
        ("TB", 1_000_000_000_000u128),
        ("GB", 1_000_000_000),
        ("MB", 1_000_000),
        ("kB", 1_000),
    ] {
        if n >= size && n % size == 0 {
            return format!("{} {unit}", n / size);
        }
    }
    binary
}

fn over(w: &Walker<'_, '_>, e: &Expr) -> Option<u128> {
    let ceiling = ceiling(w);
    eval_int(e, &w.consts, 0).filter(|n| *n > ceiling)
}

/// Limits up to this size are an upload size someone chose (info); larger ones are no limit
/// in effect.
const DELIBERATE: u128 = 16 << 30;

/// A limit lifted (`usize::MAX`, or past [`DELIBERATE`]) or past the project's own
/// `max-body` is a warning; a finite one above the default ceiling was chosen by someone (a
/// large upload size, often commented as such) and is info, saying what to check.
fn report(w: &mut Walker<'_, '_>, span: apiward_diagnostics::Span, what: &str, n: u128) {
    let limit = human_bytes(n);
    if limit == "no limit" {
        w.hit(
            RULE,
            span,
            format!("{what} lifts the request body limit: one request can exhaust memory or disk"),
        );
        return;
    }
    // Past the project's own `max-body`, or so large that it is no limit in effect.
    if n > DELIBERATE || w.opts.body_ceiling.is_some() {
        w.hit(
            RULE,
            span,
            format!(
                "{what} sets the request body limit to {limit} (above {}): one request can exhaust memory or disk",
                show_ceiling(ceiling(w))
            ),
        );
        return;
    }
    w.hit_info(
        RULE,
        span,
        format!(
            "{what} sets the request body limit to {limit} (above {}): if this size is meant, the routes that take such bodies should check the caller before reading them and stream them to disk rather than memory",
            show_ceiling(ceiling(w))
        ),
    );
}

pub(crate) fn call(w: &mut Walker<'_, '_>, c: &ExprCall, segs: &[String]) {
    if ends_with(segs, &["DefaultBodyLimit", "disable"]) {
        // axum's documented way to set a limit of one's own: drop the default and add
        // tower-http's `RequestBodyLimitLayer` in the same chain (see [`replacing_layers`]).
        let span = w.span(c);
        if w.scratch
            .get::<ReplacedLimits>()
            .is_some_and(|r| r.disables.contains(&span.start))
        {
            return;
        }
        w.hit(
            RULE,
            span,
            "`DefaultBodyLimit::disable()` removes the request body limit: one request can exhaust memory or disk".into(),
        );
        return;
    }
    let (what, arg) = if ends_with(segs, &["DefaultBodyLimit", "max"]) {
        ("`DefaultBodyLimit::max`", c.args.first())
    } else if ends_with(segs, &["RequestBodyLimitLayer", "new"]) {
        // tower-http's limit only adds to axum's default one (2 MB for `Bytes`, `Json`,
        // `Form`): a large one lifts a limit only where the chain also disables the default.
        let start = w.span(c).start;
        if !w
            .scratch
            .get::<ReplacedLimits>()
            .is_some_and(|r| r.layers.contains(&start))
        {
            return;
        }
        ("`RequestBodyLimitLayer::new`", c.args.first())
    } else if ends_with(segs, &["PayloadConfig", "new"]) {
        ("`PayloadConfig::new`", c.args.first())
    } else if segs.last().is_some_and(|s| s == "to_bytes")
        && c.args.len() == 2
        && !c.args.first().is_some_and(|b| of_response(w, b))
    {
        ("`to_bytes`", c.args.iter().nth(1))
    } else {
        return;
    };
    if let Some(n) = arg.and_then(|a| over(w, a)) {
        let span = w.span(arg.expect("checked"));
        report(w, span, what, n);
    }
}

/// Whether text names a response (`response`, `resp.into_body()`, `upstream_res`).
fn says_response(text: &str) -> bool {
    apiward_source::identifier_words(text)
        .iter()
        .any(|x| matches!(x.as_str(), "response" | "resp" | "res" | "reply"))
}

/// Whether the body `to_bytes` reads is a response's (`response.into_body()`, or `body`
/// of `let (parts, body) = resp.into_parts()`): the service's own or an upstream's answer,
/// not what a client sent. A parameter of the function is one when every call of the
/// function in the file passes a response's body ([`param_of_response`]).
fn of_response(w: &Walker<'_, '_>, body: &Expr) -> bool {
    let at = w.span(body);
    if says_response(w.source(at)) {
        return true;
    }
    let Expr::Path(p) = body else {
        return false;
    };
    let Some(id) = p.path.get_ident().map(std::string::ToString::to_string) else {
        return false;
    };
    // The binding before this read (`let body = to_bytes(body, ..)` rebinds it).
    match w.locals.get(&id) {
        Some(s) if s.end <= at.start => says_response(w.source(*s)),
        _ => param_of_response(w, &id, at),
    }
}

/// Whether `name` is a parameter of the function holding `at` and every call of that
/// function in the file (there is one at least) passes a response's body there: a
/// middleware's `let (parts, body) = res.into_parts(); rewrite(parts, body)`.
fn param_of_response(w: &Walker<'_, '_>, name: &str, at: apiward_diagnostics::Span) -> bool {
    let Some(file) = w.file else { return false };
    let mut holder = Holder {
        w,
        at,
        name,
        found: None,
    };
    holder.visit_file(file);
    let Some((func, index)) = holder.found else {
        return false;
    };
    let mut calls = Callers {
        w,
        func: &func,
        index,
        locals: HashMap::new(),
        calls: 0,
        response: 0,
    };
    calls.visit_file(file);
    calls.calls > 0 && calls.calls == calls.response
}

/// Finds the innermost function holding `at` that has a parameter `name`: its name and the
/// parameter's index (not counting `self`).
struct Holder<'w, 'ast, 'a> {
    w: &'w Walker<'ast, 'a>,
    at: apiward_diagnostics::Span,
    name: &'w str,
    found: Option<(String, usize)>,
}

impl Holder<'_, '_, '_> {
    fn check(&mut self, sig: &syn::Signature, whole: apiward_diagnostics::Span) {
        if !(whole.start <= self.at.start && self.at.end <= whole.end) {
            return;
        }
        let typed = sig.inputs.iter().filter_map(|a| match a {
            syn::FnArg::Typed(pt) => Some(&pt.pat),
            syn::FnArg::Receiver(_) => None,
        });
        if let Some(i) = typed
            .into_iter()
            .position(|p| pat_ident(p).as_deref() == Some(self.name))
        {
            self.found = Some((sig.ident.to_string(), i));
        }
    }
}

impl<'v> Visit<'v> for Holder<'_, '_, '_> {
    fn visit_item_fn(&mut self, f: &'v syn::ItemFn) {
        self.check(&f.sig, self.w.span(f));
        visit::visit_item_fn(self, f);
    }
    fn visit_impl_item_fn(&mut self, f: &'v syn::ImplItemFn) {
        self.check(&f.sig, self.w.span(f));
        visit::visit_impl_item_fn(self, f);
    }
}

/// Counts the calls of `func` in a file, and those whose argument `index` is a response's
/// body (its text, or the initializer of the local it names, says response).
struct Callers<'w, 'ast, 'a> {
    w: &'w Walker<'ast, 'a>,
    func: &'w str,
    index: usize,
    /// `let` bindings of the function being visited: name → span of the initializer.
    locals: HashMap<String, apiward_diagnostics::Span>,
    calls: usize,
    response: usize,
}

impl Callers<'_, '_, '_> {
    fn arg(&mut self, args: &syn::punctuated::Punctuated<Expr, syn::Token![,]>) {
        let Some(a) = args.iter().nth(self.index) else {
            return;
        };
        self.calls += 1;
        let a = super::peel(a);
        let text = self.w.source(self.w.span(a));
        let local = match a {
            Expr::Path(p) => p
                .path
                .get_ident()
                .and_then(|i| self.locals.get(&i.to_string())),
            _ => None,
        };
        if says_response(text) || local.is_some_and(|s| says_response(self.w.source(*s))) {
            self.response += 1;
        }
    }

    fn in_fn(&mut self, f: impl FnOnce(&mut Self)) {
        let saved = std::mem::take(&mut self.locals);
        f(self);
        self.locals = saved;
    }
}

impl<'v> Visit<'v> for Callers<'_, '_, '_> {
    fn visit_item_fn(&mut self, f: &'v syn::ItemFn) {
        self.in_fn(|me| visit::visit_item_fn(me, f));
    }
    fn visit_impl_item_fn(&mut self, f: &'v syn::ImplItemFn) {
        self.in_fn(|me| visit::visit_impl_item_fn(me, f));
    }
    fn visit_local(&mut self, l: &'v syn::Local) {
        visit::visit_local(self, l);
        let Some(init) = &l.init else { return };
        let at = self.w.span(&*init.expr);
        let names: Vec<String> = match &l.pat {
            syn::Pat::Tuple(t) => t.elems.iter().filter_map(pat_ident).collect(),
            p => pat_ident(p).into_iter().collect(),
        };
        for n in names {
            self.locals.insert(n, at);
        }
    }
    fn visit_expr_call(&mut self, c: &'v ExprCall) {
        let named = super::call_path(c)
            .and_then(|p| p.segments.last())
            .is_some_and(|s| s.ident == self.func);
        if named {
            self.arg(&c.args);
        }
        visit::visit_expr_call(self, c);
    }
    fn visit_expr_method_call(&mut self, m: &'v ExprMethodCall) {
        if m.method == self.func {
            self.arg(&m.args);
        }
        visit::visit_expr_method_call(self, m);
    }
}

const ACTIX_CONFIGS: &[&str] = &[
    "JsonConfig",
    "FormConfig",
    "PayloadConfig",
    "UrlEncoded",
    "MultipartFormConfig",
    "Json",
    "Form",
];

/// In a chain of `.layer(..)`/`.route_layer(..)` calls, `DefaultBodyLimit::disable()` next
/// to a `RequestBodyLimitLayer::new(n)` replaces the default limit by the project's own
/// (axum's documented way to set it): the spans of those `disable()` calls are remembered
/// so that [`call`] does not report them, and those of the layers so that [`call`] judges
/// their `n` (reported when above the ceiling). Called once per chain, at its outermost
/// call (before the calls inside it are visited).
pub(crate) fn replacing_layers(w: &mut Walker<'_, '_>, m: &ExprMethodCall) {
    let (_, calls) = chain(m);
    fn layer_arg<'e>(c: &&'e ExprMethodCall) -> Option<&'e ExprCall> {
        if !matches!(c.method.to_string().as_str(), "layer" | "route_layer") {
            return None;
        }
        match c.args.first().map(super::peel) {
            Some(Expr::Call(call)) => Some(call),
            _ => None,
        }
    }
    let segs_of = |c: &ExprCall| super::call_path(c).map(super::segments).unwrap_or_default();
    let own: Vec<&ExprCall> = calls
        .iter()
        .filter_map(layer_arg)
        .filter(|c| ends_with(&segs_of(c), &["RequestBodyLimitLayer", "new"]))
        .collect();
    let disabled: Vec<u32> = calls
        .iter()
        .filter_map(layer_arg)
        .filter(|c| ends_with(&segs_of(c), &["DefaultBodyLimit", "disable"]))
        .map(|c| w.span(c).start)
        .collect();
    // Or one bound to a variable first (`let limit = RequestBodyLimitLayer::new(250 *
    // 1024 * 1024); .. .layer(DefaultBodyLimit::disable()).layer(limit)`): its `n`, read
    // from the initializer, is judged here, at the initializer.
    let own_vars: Vec<(apiward_diagnostics::Span, Option<Expr>)> = calls
        .iter()
        .filter(|c| matches!(c.method.to_string().as_str(), "layer" | "route_layer"))
        .filter_map(|c| match c.args.first().map(super::peel) {
            Some(Expr::Path(p)) => p.path.get_ident().map(ToString::to_string),
            _ => None,
        })
        .filter_map(|v| {
            let span = *w.locals.get(&v)?;
            let init = syn::parse_str::<Expr>(w.source(span)).ok()?;
            let Expr::Call(call) = super::peel(&init) else {
                return None;
            };
            let segs = super::call_path(call).map(super::segments)?;
            ends_with(&segs, &["RequestBodyLimitLayer", "new"])
                .then(|| (span, call.args.first().cloned()))
        })
        .collect();
    if (own.is_empty() && own_vars.is_empty()) || disabled.is_empty() {
        return;
    }
    for (span, n) in &own_vars {
        if let Some(n) = n.as_ref().and_then(|a| over(w, a)) {
            report(w, *span, "`RequestBodyLimitLayer::new`", n);
        }
    }
    // The limit in force is the layer's: reported there when it is above the ceiling.
    let layers: Vec<u32> = own.iter().map(|c| w.span(*c).start).collect();
    let r = w.scratch.entry::<ReplacedLimits>();
    r.disables.extend(disabled);
    r.layers.extend(layers);
}

/// `DefaultBodyLimit::disable()` calls (span starts) of the file whose chain sets a
/// `RequestBodyLimitLayer` of its own, and those `RequestBodyLimitLayer::new` calls.
#[derive(Default)]
struct ReplacedLimits {
    disables: std::collections::HashSet<u32>,
    layers: std::collections::HashSet<u32>,
}

pub(crate) fn method(w: &mut Walker<'_, '_>, m: &ExprMethodCall) {
    let name = m.method.to_string();
    let arg = match (name.as_str(), m.args.len()) {
        ("limit" | "total_limit" | "memory_limit", 1) => {
            let (root, _) = chain(m);
            let Some(segs) = root_call_segments(root) else {
                return;
            };
            if !segs.iter().any(|s| ACTIX_CONFIGS.contains(&s.as_str())) {
                return;
            }
            m.args.first()
        }
        ("limit", 2) => {
            let (root, _) = chain(m);
            let Some(segs) = root_call_segments(root) else {
                return;
            };
            if !segs.iter().any(|s| s == "Limits") {
                return;
            }
            m.args.iter().nth(1)
        }
        ("open", 1) => m.args.first().filter(|a| has_byte_unit(a)),
        _ => return,
    };
    let Some(arg) = arg else { return };
    if let Some(n) = over(w, arg) {
        let span = w.span(arg);
        let shown = format!("`.{name}({})`", w.source(span));
        report(w, span, &shown, n);
    }
}

/// `2.gibibytes()`, `ByteUnit::Gibibyte(2)`, `usize::MAX`: a size, not a path or a mode.
fn has_byte_unit(e: &Expr) -> bool {
    match e {
        Expr::MethodCall(m) => m.method.to_string().ends_with("bytes"),
        Expr::Call(_) => true,
        Expr::Path(p) => p.path.segments.last().is_some_and(|s| s.ident == "MAX"),
        Expr::Binary(b) => has_byte_unit(&b.left) || has_byte_unit(&b.right),
        _ => false,
    }
}

pub(crate) struct UnboundedBody;

impl super::RustRule for UnboundedBody {
    fn rule(&self) -> Rule {
        Rule::UnboundedBody
    }

    fn markers(&self) -> &'static [&'static str] {
        MARKERS
    }

    fn worth_parsing(&self, bytes: &[u8], has: &dyn Fn(&str) -> bool) -> bool {
        worth_parsing(bytes, has)
    }

    fn call(&self, w: &mut Walker<'_, '_>, c: &ExprCall, segs: &[String]) {
        call(w, c, segs);
    }

    fn method(&self, w: &mut Walker<'_, '_>, m: &ExprMethodCall, top: bool) {
        if top {
            replacing_layers(w, m);
        }
        method(w, m);
    }
}

#[cfg(test)]
mod tests {
    use crate::meta::Preset;
    use crate::rust::{check_rust, RustRuleOptions};
    use crate::select::Selection;
    use crate::Rule;

    fn findings(src: &str, ceiling: Option<u128>) -> Vec<String> {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("app.rs");
        std::fs::write(&file, src).unwrap();
        let files = [file];
        let inv = apiward_source::inventory(&files, &apiward_source::SourceOptions::default());
        let sel = Selection::new(Preset::All, &[Rule::UnboundedBody.into()], &[], &[]).unwrap();
        let opts = RustRuleOptions {
            body_ceiling: ceiling,
            ..RustRuleOptions::default()
        };
        check_rust(&files, &inv, &sel, &opts)
            .into_iter()
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn the_ceiling_is_configurable() {
        let src = "pub fn app() -> Router {\n    Router::new().layer(DefaultBodyLimit::max(50 * 1024 * 1024))\n}\n";
        assert!(findings(src, None).is_empty());
        assert_eq!(
            findings(src, Some(10 << 20)),
            ["`DefaultBodyLimit::max` sets the request body limit to 50 MiB (above 10 MiB): one request can exhaust memory or disk"]
        );
        assert_eq!(
            findings(src, Some(10_000_000)),
            ["`DefaultBodyLimit::max` sets the request body limit to 50 MiB (above 10 MB): one request can exhaust memory or disk"]
        );
        assert!(findings(src, Some(1 << 30)).is_empty());
        // Above the default ceiling, a finite size someone chose: said at info.
        let chosen = "pub fn app() -> Router {\n    Router::new().layer(DefaultBodyLimit::max(525 * 1000 * 1000))\n}\n";
        assert_eq!(
            findings(chosen, None),
            ["`DefaultBodyLimit::max` sets the request body limit to 525000000 bytes (above 100 MiB): if this size is meant, the routes that take such bodies should check the caller before reading them and stream them to disk rather than memory"]
        );
    }

    #[test]
    fn a_limit_layer_replaces_the_default_one() {
        let replaced = "pub fn app() -> Router {\n    Router::new()\n        .route_layer(DefaultBodyLimit::disable())\n        .layer(RequestBodyLimitLayer::new(MAX_BODY))\n}\n";
        assert!(findings(replaced, None).is_empty());
        let too_big = "pub fn app() -> Router {\n    Router::new()\n        .route_layer(DefaultBodyLimit::disable())\n        .layer(RequestBodyLimitLayer::new(usize::MAX))\n}\n";
        // A replacement above the ceiling is the limit in force: reported once, there.
        assert_eq!(
            findings(too_big, None),
            ["`RequestBodyLimitLayer::new` lifts the request body limit: one request can exhaust memory or disk"]
        );
        // Alone, tower-http's limit adds to axum's default one and lifts nothing.
        let alone = "pub fn app() -> Router {\n    Router::new().layer(RequestBodyLimitLayer::new(usize::MAX))\n}\n";
        assert!(findings(alone, None).is_empty());
        let removed =
            "pub fn app() -> Router {\n    Router::new().layer(DefaultBodyLimit::disable())\n}\n";
        assert_eq!(findings(removed, None).len(), 1);
    }
}
