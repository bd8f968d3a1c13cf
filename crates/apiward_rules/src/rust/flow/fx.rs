//! The engine: one pass over a function body, statement by statement, that tracks what
//! every local variable holds and asks the sinks at each place a value can end up.

use super::*;

/// The fields of an enum variant and their classes.
pub(super) type Payload = Vec<(Option<String>, Class)>;

/// A payload binding of an error enum: wrapped errors are raw errors, text is the
/// author's message.
pub(super) fn payload_val(class: Option<Class>, at: Span) -> Val {
    match class {
        Some(Class::Other) => Val::err(Fault::Raw, at),
        _ => Val::default(),
    }
}

/// Whether a named field of an error's variant holds the error it wraps, by its name.
fn names_a_cause(name: &str) -> bool {
    matches!(
        name,
        "source" | "error" | "err" | "e" | "cause" | "inner" | "reason" | "backtrace"
    ) || name.ends_with("_error")
        || name.ends_with("_err")
        || name.ends_with("_source")
}

/// The walk of one function: what the sinks are handed to read values and report.
pub(crate) struct Fx<'f, 'ast, 'a> {
    pub(super) w: &'f mut Walker<'ast, 'a>,
    pub(super) defs: &'f Defs,
    pub(super) facts: &'f mut FlowFacts,
    pub(super) vars: HashMap<String, Val>,
    /// Origins bounded by a check (`q.limit`).
    pub(super) bounded: HashSet<String>,
    /// Request values put into a struct's field: origin, struct, field.
    pub(super) into_fields: Vec<(String, String, String)>,
    /// The data-flow rules' sinks, with their state in this function.
    pub(super) sinks: Vec<Sink>,
    /// Summary mode (a helper): effects on parameters instead of findings.
    pub(super) summary: Option<Vec<Summary>>,
    /// The function's parameters, not counting `self`.
    pub(super) arity: usize,
    pub(super) name: String,
    pub(super) method: bool,
    pub(super) self_ty: Option<String>,
    /// Above zero while evaluating a bound (`x.min(..)`, a comparison).
    pub(super) in_bound: u32,
    /// The error an `Err(e)` pattern binds in the `match`/`let` being bound.
    pub(super) scrutinee_err: Fault,
    /// The function of the project whose result that `match`/`let` looks at, if it is a
    /// plain call (`match to_csv(&rows) { Err(e) => .. }`).
    pub(super) scrutinee_callee: Vec<String>,
    /// The function each error bound from such a call came from, by where it was bound.
    pub(super) err_callees: HashMap<u32, Vec<String>>,
    /// Expressions being evaluated, one inside the other (see [`MAX_EXPR_DEPTH`]).
    pub(super) depth: u32,
    /// The ends of channels made in the function (`let (tx, rx) = oneshot::channel()`):
    /// their errors are fixed text ([`Fx::error_of`]).
    pub(super) channels: HashSet<String>,
    /// Locals that start with the function's own text (`let mut sql =
    /// String::from("SELECT ..")`): request text pushed onto them is not at their start.
    pub(super) texts: HashSet<String>,
}

/// Whether an expression is text that starts with characters of its own: a non-empty
/// literal as [`literal_text`] reads it (`"SELECT .."`, `String::from("..")`,
/// `"..".to_string()`), or a `format!` whose template does not start with a placeholder.
fn starts_with_text(e: &Expr) -> bool {
    if let Some(t) = literal_text(e) {
        return !t.is_empty();
    }
    match crate::rust::peel(e) {
        // Only the template, the macro's first token, is read.
        Expr::Macro(m) if m.mac.path.is_ident("format") => m
            .mac
            .tokens
            .clone()
            .into_iter()
            .next()
            .and_then(|t| syn::parse2::<syn::LitStr>(t.into()).ok())
            .is_some_and(|t| {
                let t = t.value();
                !t.is_empty() && !t.starts_with('{')
            }),
        _ => false,
    }
}

/// Expressions nested deeper than this (a chain of a thousand method calls, say) are not
/// followed: their value is unknown. The walk recurses once per level, and must not run out
/// of stack, whatever the code.
pub(super) const MAX_EXPR_DEPTH: u32 = 1024;

/// Methods that give a value of the same request text back (views, copies, unwrapping).
pub(super) fn is_passthrough(m: &str) -> bool {
    matches!(
        m,
        "to_string"
            | "to_owned"
            | "into"
            | "clone"
            | "as_str"
            | "as_ref"
            | "as_deref"
            | "as_bytes"
            | "trim"
            | "trim_start"
            | "trim_end"
            | "to_lowercase"
            | "to_uppercase"
            | "to_ascii_lowercase"
            | "unwrap"
            | "expect"
            | "unwrap_or"
            | "unwrap_or_default"
            | "unwrap_or_else"
            | "into_inner"
            | "0"
            | "borrow"
            | "deref"
            | "as_path"
            | "display"
            | "to_str"
            | "to_string_lossy"
            | "iter"
            | "into_iter"
            | "join"
            | "concat"
            | "collect"
            | "map"
            | "and_then"
            | "ok"
            | "ok_or"
            | "ok_or_else"
            | "cloned"
            | "copied"
            | "first"
            | "last"
            | "get"
            | "nth"
            | "split"
            | "replace"
            | "as_slice"
            | "into_string"
            | "try_into"
            | "parse"
            | "chars"
            | "bytes"
            | "skip"
            | "filter"
            | "rev"
            | "inner"
            | "to_vec"
            | "query"
            | "path"
            | "fragment"
    )
}

/// Methods whose result says nothing about the text: lengths, tests, comparisons.
pub(super) fn is_opaque(m: &str) -> bool {
    m.starts_with("is_")
        || matches!(
            m,
            "len"
                | "count"
                | "eq"
                | "ne"
                | "cmp"
                | "partial_cmp"
                | "contains"
                | "contains_key"
                | "starts_with"
                | "ends_with"
                | "matches"
                | "hash"
                | "any"
                | "all"
                | "position"
        )
}

/// A pattern matching only unit variants (`Error::OutOfEnergy`, `Closed | Full`).
fn unit_variant(p: &Pat) -> bool {
    match p {
        Pat::Path(_) => true,
        Pat::Ident(i) => variant_ident(i),
        Pat::Or(o) => o.cases.iter().all(unit_variant),
        _ => false,
    }
}

/// `None`, `MAX`, `Closed` in a pattern: a unit variant or a constant compared with, not a
/// binding.
pub(super) fn variant_ident(i: &syn::PatIdent) -> bool {
    i.subpat.is_none()
        && i.by_ref.is_none()
        && i.mutability.is_none()
        && i.ident.to_string().starts_with(char::is_uppercase)
}

impl<'ast> Fx<'_, 'ast, '_> {
    pub(crate) fn span(&self, n: &impl syn::spanned::Spanned) -> Span {
        self.w.span(n)
    }

    // -- bindings --------------------------------------------------------------------

    pub(super) fn bind(&mut self, pat: &Pat, v: Val) {
        match pat {
            // `None`, `MAX`: a unit variant or a constant compared with, not a binding (a
            // later `None` is not the scrutinee's value).
            Pat::Ident(i) if variant_ident(i) => {}
            Pat::Ident(i) => {
                let name = i.ident.to_string();
                // `e @ Error::NotEnabled`: a unit variant of an error carries nothing; its
                // text is the fixed message of the variant.
                let mut v = v;
                if matches!(i.subpat.as_ref().map(|(_, p)| &**p), Some(Pat::Path(_)))
                    && v.err.is_some()
                {
                    v.err = Some(Fault::Plain);
                }
                if v.is_empty() {
                    self.vars.remove(&name);
                } else {
                    self.vars.insert(name, v);
                }
            }
            Pat::Type(t) => {
                let v = self.typed(v, &t.ty);
                self.bind(&t.pat, v);
            }
            Pat::Reference(r) => self.bind(&r.pat, v),
            Pat::Paren(p) => self.bind(&p.pat, v),
            Pat::Or(o) => {
                for c in &o.cases {
                    self.bind(c, v.clone());
                }
            }
            Pat::TupleStruct(ts) => {
                let last = ts.path.segments.last().map(|s| s.ident.to_string());
                match last.as_deref() {
                    Some("Err") => {
                        for p in &ts.elems {
                            let at = self.span(p);
                            if !self.scrutinee_callee.is_empty() {
                                self.err_callees
                                    .insert(at.start, self.scrutinee_callee.clone());
                            }
                            self.bind(p, Val::err(self.scrutinee_err, at));
                        }
                    }
                    Some("Some" | "Ok") => {
                        for p in &ts.elems {
                            self.bind(p, v.clone());
                        }
                    }
                    Some(variant) => {
                        let payload = self.payload(&ts.path, variant, &v);
                        for (i, p) in ts.elems.iter().enumerate() {
                            let pv = match &payload {
                                Some(fields) => {
                                    payload_val(fields.get(i).map(|(_, c)| *c), self.span(p))
                                }
                                None => Val {
                                    req: v.req.clone(),
                                    ..Val::default()
                                },
                            };
                            self.bind(p, pv);
                        }
                    }
                    None => {}
                }
            }
            Pat::Struct(ps) => {
                let variant = ps
                    .path
                    .segments
                    .last()
                    .map(|s| s.ident.to_string())
                    .unwrap_or_default();
                let payload = self.payload(&ps.path, &variant, &v);
                for f in &ps.fields {
                    let name = member_name(&f.member);
                    let fv = match &payload {
                        Some(fields) => payload_val(
                            fields
                                .iter()
                                .find(|(f, _)| f.as_deref() == Some(name.as_str()))
                                .map(|(_, c)| *c),
                            self.span(&f.pat),
                        ),
                        // A variant defined elsewhere: a named field is a wrapped error
                        // when its name says so (`{ source }`, `{ cause }`); another
                        // (`VersionBlobMissing { hash }`) is data the author put in it.
                        None if v.err.is_some() && !names_a_cause(&name) => Val::default(),
                        None => self.field_of(&v, &name),
                    };
                    self.bind(&f.pat, fv);
                }
            }
            Pat::Tuple(t) => {
                // A tuple built here: each name its own element's request data (none for a
                // position given none); another, the whole value's.
                let positions = v
                    .req
                    .as_ref()
                    .and_then(|t| t.fields.as_deref())
                    .filter(|fs| fs.iter().all(|f| f.bytes().all(|b| b.is_ascii_digit())));
                let unset: Vec<bool> = (0..t.elems.len())
                    .map(|i| positions.is_some_and(|fs| !fs.iter().any(|f| *f == i.to_string())))
                    .collect();
                for (p, unset) in t.elems.iter().zip(unset) {
                    let mut pv = v.clone();
                    if unset {
                        pv.req = None;
                    } else if let (Some(t), Some(_)) = (pv.req.as_mut(), positions) {
                        // Which fields of the element hold request data is not known.
                        t.fields = None;
                    }
                    self.bind(p, pv);
                }
            }
            Pat::Slice(s) => {
                for p in &s.elems {
                    self.bind(p, v.clone());
                }
            }
            _ => {}
        }
    }

    /// For a pattern on an error enum (`Self::Db(e)` while matching `self` in an error
    /// impl): the payload fields of the variant, if the enum is defined in this file.
    pub(super) fn payload(&self, path: &syn::Path, variant: &str, v: &Val) -> Option<Payload> {
        if !matches!(v.err, Some(Fault::Curated | Fault::Plain)) {
            return None;
        }
        let segs = segments(path);
        let owner = if segs.len() >= 2 && segs[segs.len() - 2] != "Self" {
            Some(segs[segs.len() - 2].clone())
        } else {
            self.self_ty.clone()
        };
        Some(
            owner
                .and_then(|o| self.defs.enums.get(&o))
                .and_then(|e| e.get(variant))
                .cloned()
                .unwrap_or_default(),
        )
    }

    /// A value seen through a type annotation (`let n: usize = ...`).
    pub(super) fn typed(&self, mut v: Val, ty: &Type) -> Val {
        if let Some(t) = &mut v.req {
            match classify(ty) {
                Class::Number => t.kind = Kind::Number,
                Class::Narrow | Class::Safe => v.req = None,
                _ => {}
            }
        }
        v
    }

    /// A field of a local struct given request data after it was built (`page.n = q.n`,
    /// `page.n += q.n`): any of its fields may hold some now.
    fn field_assigned(&mut self, left: &Expr, v: &Val) {
        if v.req.is_none() {
            return;
        }
        let mut base = left;
        while let Expr::Field(f) = base {
            base = &f.base;
        }
        if let Expr::Path(p) = base {
            if let Some(id) = p.path.get_ident() {
                if let Some(t) = self
                    .vars
                    .get_mut(&id.to_string())
                    .and_then(|x| x.req.as_mut())
                {
                    t.fields = None;
                }
            }
        }
    }

    pub(super) fn field_of(&self, base: &Val, field: &str) -> Val {
        let mut out = Val::default();
        // The base's taint, unless it is a struct built here whose field `field` was given
        // no request data.
        let given = |t: &Taint| {
            t.fields
                .as_deref()
                .is_none_or(|fs| fs.iter().any(|f| f == field))
        };
        if let Some(t) = base.req.as_ref().filter(|t| given(t)) {
            let origin = format!("{}.{field}", t.origin);
            let kind = match &t.kind {
                Kind::Struct(s) => Kind::Field(s.clone(), field.to_owned()),
                Kind::Number => Kind::Number,
                Kind::Request => return Val::default(),
                _ => Kind::Text,
            };
            // A field read from a parameter as it came (`page.n` of `page: &Page`).
            let param_field = (matches!(t.src, Src::Param(_)) && !t.origin.contains('.'))
                .then(|| field.to_owned());
            let nt = Taint {
                kind,
                origin,
                fields: None,
                param_field,
                ..t.clone()
            };
            out.req = Some(nt);
        }
        if let Some(e) = base.err {
            out.err_src = base.err_src;
            // A field of the error (`e.source`) is not what its `Display` prints: judged by
            // every field of the type, as its `Debug` is.
            out.err_debug = base.err_debug || matches!(e, Fault::Raw | Fault::Parse);
            out.err = Some(match e {
                Fault::Curated | Fault::Plain => {
                    // `self.0` of an error struct: a wrapped error unless it is text.
                    let class = self
                        .self_ty
                        .as_ref()
                        .and_then(|s| self.defs.structs.get(s))
                        .and_then(|f| f.iter().find(|(n, _)| n == field))
                        .map(|(_, c)| *c);
                    match class {
                        Some(Class::Other) => Fault::Raw,
                        _ => return out,
                    }
                }
                e => e,
            });
        }
        out
    }

    /// Whether `t` was bounded, or the value it was read from.
    pub(crate) fn is_bounded(&self, t: &Taint) -> bool {
        t.bounded || self.bounded_origin(&t.origin)
    }

    /// Whether a bound was put on `origin` or a value it was read from.
    pub(crate) fn bounded_origin(&self, origin: &str) -> bool {
        let mut o = origin;
        loop {
            if self.bounded.contains(o) {
                return true;
            }
            match o.rfind('.') {
                Some(i) => o = &o[..i],
                None => return false,
            }
        }
    }

    pub(super) fn bound(&mut self, v: &Val) {
        if let Some(t) = &v.req {
            self.bounded.insert(t.origin.clone());
        }
    }

    // -- statements ------------------------------------------------------------------

    pub(super) fn block(&mut self, b: &syn::Block) -> Val {
        let mut last = Val::default();
        for s in &b.stmts {
            last = Val::default();
            match s {
                syn::Stmt::Local(l) => {
                    if l.init.as_ref().is_some_and(|i| makes_channel(&i.expr)) {
                        pat_names(&l.pat, &mut |n| {
                            self.channels.insert(n);
                        });
                    }
                    if let (Some(init), Some(name)) = (&l.init, crate::rust::pat_ident(&l.pat)) {
                        if starts_with_text(&init.expr) {
                            self.texts.insert(name);
                        } else {
                            self.texts.remove(&name);
                        }
                    }
                    let v = match &l.init {
                        Some(init) => {
                            let v = self.expr(&init.expr);
                            if let Some((_, d)) = &init.diverge {
                                self.expr(d);
                            }
                            self.ask(|s, _| s.local(l, &init.expr));
                            v
                        }
                        None => Val::default(),
                    };
                    self.bind(&l.pat, v);
                }
                syn::Stmt::Expr(e, semi) => {
                    let v = self.expr(e);
                    if semi.is_none() {
                        last = v;
                    }
                }
                syn::Stmt::Macro(m) => {
                    self.mac(&m.mac);
                }
                syn::Stmt::Item(_) => {}
            }
        }
        last
    }

    // -- expressions -----------------------------------------------------------------

    pub(super) fn exprs<'e>(&mut self, es: impl IntoIterator<Item = &'e Expr>) -> Val {
        let mut v = Val::default();
        for e in es {
            let x = self.expr(e);
            v = v.union(x);
        }
        v
    }

    pub(super) fn expr(&mut self, e: &Expr) -> Val {
        if self.depth >= MAX_EXPR_DEPTH {
            return Val::default();
        }
        self.depth += 1;
        let v = self.expr_at(e);
        self.depth -= 1;
        v
    }

    pub(super) fn expr_at(&mut self, e: &Expr) -> Val {
        match e {
            Expr::Array(a) => self.exprs(&a.elems),
            Expr::Assign(a) => {
                let v = self.expr(&a.right);
                if let Expr::Path(p) = &*a.left {
                    if let Some(id) = p.path.get_ident() {
                        let name = id.to_string();
                        if v.is_empty() {
                            self.vars.remove(&name);
                        } else {
                            self.vars.insert(name, v);
                        }
                        return Val::default();
                    }
                }
                self.field_assigned(&a.left, &v);
                self.expr(&a.left);
                Val::default()
            }
            Expr::Async(a) => self.block(&a.block),
            Expr::Await(a) => self.expr(&a.base),
            Expr::Binary(b) => self.binary(b),
            Expr::Block(b) => self.block(&b.block),
            Expr::Break(b) => {
                if let Some(x) = &b.expr {
                    self.expr(x);
                }
                Val::default()
            }
            Expr::Call(c) => self.call(c),
            Expr::Cast(c) => {
                let mut v = self.expr(&c.expr);
                if let Some(t) = &mut v.req {
                    match classify(&c.ty) {
                        Class::Narrow => v.req = None,
                        Class::Number if !matches!(t.kind, Kind::Field(..)) => {
                            t.kind = Kind::Number;
                        }
                        _ => {}
                    }
                }
                v
            }
            Expr::Closure(c) => {
                self.closure(c, Val::default());
                Val::default()
            }
            Expr::Field(f) => {
                let base = self.expr(&f.base);
                self.field_of(&base, &member_name(&f.member))
            }
            Expr::ForLoop(f) => {
                let it = match crate::rust::peel(&f.expr) {
                    Expr::Range(r) => {
                        if let Some(s) = &r.start {
                            self.expr(s);
                        }
                        match &r.end {
                            Some(end) => {
                                let v = self.expr(end);
                                self.ask(|s, cx| s.count(cx, Count::Loop, end, &v));
                                v
                            }
                            None => Val::default(),
                        }
                    }
                    _ => self.expr(&f.expr),
                };
                self.bind(&f.pat, it);
                self.block(&f.body);
                Val::default()
            }
            Expr::Group(g) => self.expr(&g.expr),
            Expr::If(i) => {
                self.expr(&i.cond);
                let a = self.branch(&i.cond, true, |me| me.block(&i.then_branch));
                let b = match &i.else_branch {
                    Some((_, e)) => self.branch(&i.cond, false, |me| me.expr(e)),
                    None => Val::default(),
                };
                a.union(b)
            }
            Expr::Index(i) => {
                let v = self.expr(&i.expr);
                self.expr(&i.index);
                v
            }
            Expr::Let(l) => {
                let v = self.expr(&l.expr);
                let err = self.error_of(&l.expr);
                let outer = std::mem::replace(&mut self.scrutinee_err, err);
                let callee = std::mem::replace(&mut self.scrutinee_callee, error_callees(&l.expr));
                self.bind(&l.pat, v);
                self.scrutinee_err = outer;
                self.scrutinee_callee = callee;
                Val::default()
            }
            Expr::Loop(l) => {
                self.block(&l.body);
                Val::default()
            }
            Expr::Macro(m) => self.mac(&m.mac),
            Expr::Match(m) => {
                let v = self.expr(&m.expr);
                let mut out = Val::default();
                let err = self.error_of(&m.expr);
                let callee = error_callees(&m.expr);
                // `match err { Error::OutOfEnergy => .. err.to_string() .. }`: in an arm of a
                // unit variant, the error matched is that variant, whose text is its fixed
                // message.
                let var = match &*m.expr {
                    Expr::Path(p) => p.path.get_ident().map(ToString::to_string),
                    _ => None,
                }
                .filter(|_| v.err.is_some());
                for arm in &m.arms {
                    let outer = std::mem::replace(&mut self.scrutinee_err, err);
                    let outer_callee =
                        std::mem::replace(&mut self.scrutinee_callee, callee.clone());
                    self.bind(&arm.pat, v.clone());
                    self.scrutinee_err = outer;
                    self.scrutinee_callee = outer_callee;
                    let unit = var.as_ref().filter(|_| unit_variant(&arm.pat));
                    let before = unit.and_then(|n| {
                        let held = self.vars.get(n)?.clone();
                        let plain = Val {
                            err: Some(Fault::Plain),
                            ..held.clone()
                        };
                        self.vars.insert(n.clone(), plain);
                        Some((n.clone(), held))
                    });
                    if let Some((_, g)) = &arm.guard {
                        self.expr(g);
                    }
                    let x = self.expr(&arm.body);
                    if let Some((n, held)) = before {
                        self.vars.insert(n, held);
                    }
                    out = out.union(x);
                }
                out
            }
            Expr::MethodCall(m) => self.method(m),
            Expr::Paren(p) => self.expr(&p.expr),
            Expr::Path(p) => {
                let Some(id) = p.path.get_ident() else {
                    return Val::default();
                };
                self.vars.get(&id.to_string()).cloned().unwrap_or_default()
            }
            Expr::Range(r) => {
                let mut v = Val::default();
                if let Some(s) = &r.start {
                    v = v.union(self.expr(s));
                }
                if let Some(x) = &r.end {
                    v = v.union(self.expr(x));
                }
                v
            }
            Expr::Reference(r) => self.expr(&r.expr),
            Expr::Repeat(r) => {
                let v = self.expr(&r.expr);
                let n = self.expr(&r.len);
                self.ask(|s, cx| s.count(cx, Count::Array, &r.len, &n));
                v
            }
            Expr::Return(r) => {
                if let Some(x) = &r.expr {
                    self.expr(x);
                }
                Val::default()
            }
            Expr::Struct(s) => {
                let name = s.path.segments.last().map(|x| x.ident.to_string());
                let name = match name.as_deref() {
                    Some("Self") => self.self_ty.clone(),
                    _ => name,
                };
                let mut v = Val::default();
                // The named fields given request data (none known for a positional one).
                let mut tainted: Option<Vec<String>> = Some(Vec::new());
                for f in &s.fields {
                    let x = self.expr(&f.expr);
                    if let (Some(t), Some(st), syn::Member::Named(field)) =
                        (&x.req, &name, &f.member)
                    {
                        self.into_fields
                            .push((t.origin.clone(), st.clone(), field.to_string()));
                    }
                    if x.req.is_some() {
                        match (&mut tainted, &f.member) {
                            (Some(list), syn::Member::Named(field)) => list.push(field.to_string()),
                            _ => tainted = None,
                        }
                    }
                    v = v.union(x);
                }
                let rest = s.rest.as_ref().map(|r| self.expr(r));
                if rest.is_some_and(|r| r.req.is_some()) {
                    tainted = None;
                }
                if let Some(t) = &mut v.req {
                    t.whole = false;
                    t.kind = Kind::Unknown;
                    t.fields = tainted.map(Vec::into_boxed_slice);
                }
                v
            }
            Expr::Try(t) => self.expr(&t.expr),
            Expr::TryBlock(t) => self.block(&t.block),
            Expr::Tuple(t) => self.tuple(t),
            Expr::Unary(u) => {
                let v = self.expr(&u.expr);
                match u.op {
                    syn::UnOp::Not(_) => Val::default(),
                    _ => v,
                }
            }
            Expr::Unsafe(u) => self.block(&u.block),
            Expr::While(w) => {
                self.expr(&w.cond);
                self.block(&w.body);
                Val::default()
            }
            Expr::Yield(y) => {
                if let Some(x) = &y.expr {
                    self.expr(x);
                }
                Val::default()
            }
            _ => Val::default(),
        }
    }

    pub(super) fn closure(&mut self, c: &syn::ExprClosure, param: Val) -> Val {
        let saved = self.vars.clone();
        for p in &c.inputs {
            self.bind(p, param.clone());
        }
        let v = self.expr(&c.body);
        // Assignments inside the closure to captured variables stay.
        for (k, val) in saved {
            self.vars.entry(k).or_insert(val);
        }
        v
    }

    pub(super) fn binary(&mut self, b: &syn::ExprBinary) -> Val {
        use syn::BinOp::*;
        let comparison = matches!(b.op, Lt(_) | Le(_) | Gt(_) | Ge(_));
        if comparison {
            self.in_bound += 1;
        }
        let l = self.expr(&b.left);
        let r = self.expr(&b.right);
        if comparison {
            self.in_bound -= 1;
            // A test that a value is there, no upper bound: against zero (`if limit > 0`), or
            // a lower bound of one (`n >= 1`, `n < 1`; not `n > 1`, which caps it).
            let lit = |e: &Expr, v: &str| {
                matches!(e, Expr::Lit(l)
                    if matches!(&l.lit, syn::Lit::Int(i) if i.base10_digits() == v))
            };
            let right_floor =
                lit(&b.right, "0") || (lit(&b.right, "1") && matches!(b.op, Ge(_) | Lt(_)));
            let left_floor =
                lit(&b.left, "0") || (lit(&b.left, "1") && matches!(b.op, Le(_) | Gt(_)));
            if !right_floor {
                self.bound(&l);
            }
            if !left_floor {
                self.bound(&r);
            }
            return Val::default();
        }
        match b.op {
            Eq(_) | Ne(_) | And(_) | Or(_) => Val::default(),
            Add(_) => {
                if l.req.is_some() {
                    l.union(r)
                } else {
                    let open = literal_text(&b.left).is_some_and(|s| host_open(&s));
                    let mut r = r;
                    if let Some(t) = &mut r.req {
                        t.whole = t.whole && open;
                    }
                    l.union(r)
                }
            }
            AddAssign(_) => {
                self.field_assigned(&b.left, &r);
                if let Expr::Path(p) = &*b.left {
                    if let Some(id) = p.path.get_ident() {
                        let mut r = r;
                        if let Some(t) = &mut r.req {
                            t.whole = false;
                        }
                        let cur = self.vars.remove(&id.to_string()).unwrap_or_default();
                        let v = cur.union(r);
                        if !v.is_empty() {
                            self.vars.insert(id.to_string(), v);
                        }
                    }
                }
                Val::default()
            }
            Rem(_) | BitAnd(_) => {
                let mut v = l.union(r);
                if let Some(t) = &mut v.req {
                    t.bounded = true;
                }
                v
            }
            _ => {
                let mut v = l.union(r);
                if let Some(t) = &mut v.req {
                    if !matches!(t.kind, Kind::Field(..)) {
                        t.kind = Kind::Number;
                    }
                }
                v
            }
        }
    }

    pub(super) fn tuple(&mut self, t: &syn::ExprTuple) -> Val {
        let vals: Vec<Val> = self.args(Args::Tuple(t), |me| {
            t.elems.iter().map(|x| me.expr(x)).collect()
        });
        let mut client = false;
        self.ask(|s, cx| client |= s.tuple(cx, t, &vals));
        // The positions that hold request data (`(format!("{BY_ID} LIMIT 50"), q)`: `1`),
        // as a struct built here names its fields: `.0` and `let (stmt, param) = ..` take
        // their own element's.
        let given: Box<[String]> = (vals.iter().enumerate())
            .filter(|(_, v)| v.req.is_some())
            .map(|(i, _)| i.to_string())
            .collect();
        let mut v = vals.into_iter().fold(Val::default(), Val::union);
        if let Some(t) = v.req.as_mut() {
            t.fields = Some(given);
        }
        if client {
            v.err = None;
        }
        v
    }

    /// Evaluates an argument list between the sinks' [`FnSink::enter`] and
    /// [`FnSink::leave`].
    pub(super) fn args<T>(&mut self, args: Args<'_>, f: impl FnOnce(&mut Self) -> T) -> T {
        for s in &mut self.sinks {
            s.state.enter(args);
        }
        let out = f(self);
        for s in &mut self.sinks {
            s.state.leave(args);
        }
        out
    }

    /// Walks a branch of an `if` on `cond` between the sinks' [`FnSink::enter_branch`] and
    /// [`FnSink::leave_branch`].
    pub(super) fn branch<T>(
        &mut self,
        cond: &Expr,
        then: bool,
        f: impl FnOnce(&mut Self) -> T,
    ) -> T {
        for s in &mut self.sinks {
            s.state.enter_branch(cond, then);
        }
        let out = f(self);
        for s in &mut self.sinks {
            s.state.leave_branch();
        }
        out
    }

    /// Asks every sink: `f` gets each in turn, with the walk.
    pub(super) fn ask(&mut self, mut f: impl FnMut(&mut dyn FnSink, &mut Self)) {
        let mut sinks = std::mem::take(&mut self.sinks);
        for s in &mut sinks {
            f(s.state.as_mut(), self);
        }
        self.sinks = sinks;
    }

    pub(super) fn call(&mut self, c: &syn::ExprCall) -> Val {
        let Some(path) = crate::rust::call_path(c) else {
            self.expr(&c.func);
            return self.exprs(&c.args);
        };
        let segs = segments(path);
        let last = segs.last().cloned().unwrap_or_default();
        let n = segs.len();
        let owner = if n >= 2 { segs[n - 2].as_str() } else { "" };
        let args: Vec<Val> = self.args(Args::Call(c), |me| {
            c.args.iter().map(|a| me.expr(a)).collect()
        });
        let first = args.first().cloned().unwrap_or_default();
        let call = Call {
            expr: c,
            segs: &segs,
            name: &last,
            owner,
            args: &args,
        };
        self.ask(|s, cx| s.call(cx, &call));

        // `limit_fetch(limit)`, `clamp_page(n)`: a bound.
        if is_bound_name(&last) {
            for v in &args {
                self.bound(v);
            }
        }

        // Values.
        let numeric_owner = classify_name(owner);
        if last == "min" && args.len() == 2 {
            let (a, b) = (&args[0], &args[1]);
            if a.req.is_some() != b.req.is_some() {
                let mut v = a.clone().union(b.clone());
                self.bound(&v);
                if let Some(t) = &mut v.req {
                    t.bounded = true;
                }
                return v;
            }
        }
        if last == "Err" {
            return first;
        }
        if matches!(numeric_owner, Some(Class::Safe | Class::Narrow)) {
            return Val::default();
        }
        if matches!(
            last.as_str(),
            "from" | "try_from" | "from_str" | "parse" | "parse_str" | "new" | "from_utf8"
        ) || last.chars().next().is_some_and(char::is_uppercase)
        {
            let mut v = args.into_iter().fold(Val::default(), Val::union);
            if let Some(t) = &mut v.req {
                if numeric_owner == Some(Class::Number) {
                    t.kind = Kind::Number;
                } else if last == "new" && owner.starts_with(char::is_uppercase) {
                    // `Driver::new(request, ..)`: an object holding the value, not its text.
                    t.kind = Kind::Struct(owner.to_owned());
                    t.whole = false;
                }
            }
            return v;
        }
        // A helper: followed through its summary (not a constructor of std's collections,
        // `Vec::with_capacity(n)`, whatever the project's types name theirs).
        if self.summary.is_none() && !std_type(owner) {
            let module = (n >= 2
                && owner.starts_with(|c: char| c.is_ascii_lowercase())
                && !matches!(owner, "self" | "super" | "crate"))
            .then(|| owner.to_owned());
            for (i, v) in args.iter().enumerate() {
                if let Some(t) = &v.req {
                    self.call_fact(
                        (&last, c.args.len()),
                        false,
                        i,
                        t.clone(),
                        self.span(&c.args[i]),
                    );
                    if let Some(f) = self.facts.calls.last_mut() {
                        f.module.clone_from(&module);
                    }
                }
            }
        }
        if last == "min" || last == "clamp" {
            let v = args.into_iter().fold(Val::default(), Val::union);
            self.bound(&v);
            return Val::default();
        }
        Val::default()
    }

    pub(super) fn call_fact(
        &mut self,
        callee: (&str, usize),
        method: bool,
        arg: usize,
        t: Taint,
        span: Span,
    ) {
        let (callee, arity) = callee;
        self.ask(|s, _| s.helper_call((callee, method, arg), &t, span));
        self.facts.calls.push(CallFact {
            callee: callee.to_owned(),
            module: None,
            method,
            arity,
            arg,
            taint: t,
            handler: self.name.clone(),
            span,
        });
    }

    pub(super) fn method(&mut self, m: &syn::ExprMethodCall) -> Val {
        let name = m.method.to_string();
        let bounding = matches!(name.as_str(), "min" | "clamp");
        let r = self.expr(&m.receiver);
        if bounding {
            self.in_bound += 1;
        }
        let on_error = matches!(
            name.as_str(),
            "map_err" | "or_else" | "unwrap_or_else" | "inspect_err" | "map_or_else"
        );
        let args: Vec<Val> = self.args(Args::Method(m), |me| {
            let mut args = Vec::with_capacity(m.args.len());
            for (i, a) in m.args.iter().enumerate() {
                let v = match a {
                    Expr::Closure(c) => {
                        // The error handler of a `Result` gets the error.
                        let param = if on_error && i == 0 && !c.inputs.is_empty() {
                            let at = me.span(c);
                            let fs = error_callees(&m.receiver);
                            if !fs.is_empty() {
                                me.err_callees.insert(at.start, fs);
                            }
                            Val::err(me.error_of(&m.receiver), at)
                        } else {
                            r.clone()
                        };
                        me.closure(c, param)
                    }
                    a => me.expr(a),
                };
                args.push(v);
            }
            args
        });
        if bounding {
            self.in_bound -= 1;
        }
        let first = args.first().cloned().unwrap_or_default();
        let any_arg = args.iter().cloned().fold(Val::default(), Val::union);
        // `Params::builder().limit(q.limit)`: a setter of the struct's field.
        if let (Some(t), 1) = (&first.req, m.args.len()) {
            if let Some(st) = built_struct(&m.receiver) {
                self.into_fields.push((t.origin.clone(), st, name.clone()));
            }
        }

        let call = MethodCall {
            expr: m,
            name: &name,
            recv: &r,
            args: &args,
        };
        self.ask(|s, cx| s.method(cx, &call));

        // Bounds: `(1..=100).contains(&n)`, `q.validate()`, `clamp_page(n)`.
        if matches!(name.as_str(), "contains" | "contains_key") {
            if let Some(t) = &first.req {
                if matches!(crate::rust::peel(&m.receiver), Expr::Range(_))
                    || matches!(crate::rust::peel(&m.receiver), Expr::Paren(_))
                {
                    self.bounded.insert(t.origin.clone());
                }
            }
        }
        if name == "validate" {
            self.bound(&r);
        }
        if is_bound_name(&name) {
            for v in &args {
                self.bound(v);
            }
        }

        // Side effects on locals: `sql.push_str(&q.name)`, `url.push_str(..)`.
        if matches!(
            name.as_str(),
            "push_str" | "push" | "extend" | "insert_str" | "write_str" | "append"
        ) {
            if let Some(var) = receiver_ident(&m.receiver) {
                if any_arg.req.is_some() || any_arg.err.is_some() {
                    let mut add = any_arg.clone();
                    if let Some(t) = &mut add.req {
                        t.whole =
                            t.whole && !self.vars.contains_key(&var) && !self.texts.contains(&var);
                    }
                    let cur = self.vars.remove(&var).unwrap_or_default();
                    self.vars.insert(var, cur.union(add));
                }
            }
        }

        // Helpers defined in the project.
        if self.summary.is_none() && !r.is_request_data() && !is_common_method(&name) {
            for (i, v) in args.iter().enumerate() {
                if let Some(t) = &v.req {
                    let at = self.span(&m.args[i]);
                    self.call_fact((&name, m.args.len()), true, i, t.clone(), at);
                }
            }
        }

        // Values.
        if bounding {
            if r.req.is_some() && first.req.is_none() {
                self.bound(&r);
                let mut v = r;
                if let Some(t) = &mut v.req {
                    t.bounded = true;
                }
                return v;
            }
            return r.union(first);
        }
        if let Some(Kind::Request) = r.req.as_ref().map(|t| &t.kind) {
            return match name.as_str() {
                "match_info" | "query_string" | "uri" | "headers" | "path" | "query" | "cookie"
                | "cookies" | "body" | "full_url" | "url" => {
                    let mut v = r;
                    if let Some(t) = &mut v.req {
                        t.kind = Kind::Text;
                        t.src = Src::Request;
                        t.origin = format!("{}.{name}()", t.origin);
                    }
                    v
                }
                _ => Val::default(),
            };
        }
        if is_opaque(&name) {
            return Val::default();
        }
        let mut out = Val {
            err_src: r.err_src,
            err_debug: r.err_debug || name == "backtrace",
            ..Val::default()
        };
        // `e.message()` of an error bound whole: its own text (git2's, many libraries'); not
        // a field's (`self.message.message()`, a message the project built).
        let own_message = name == "message" && matches!(&*m.receiver, Expr::Path(_));
        if let Some(e) = r.err {
            out.err = match (e, name.as_str()) {
                (_, "message") if !own_message => None,
                (_, "to_string" | "description" | "backtrace" | "message") => {
                    if matches!(e, Fault::Curated | Fault::Plain | Fault::Parse)
                        && matches!(name.as_str(), "to_string" | "message")
                    {
                        None
                    } else {
                        Some(Fault::Text)
                    }
                }
                (Fault::Text, _) => Some(Fault::Text),
                (Fault::Raw, "into" | "clone" | "as_ref" | "context") => Some(Fault::Raw),
                _ => None,
            };
        }
        if name == "backtrace" {
            out.err = Some(Fault::Text);
        }
        if let Some(t) = r.req {
            // `term.replace("'", "''")`: quotes doubled for an SQL string literal, the escape
            // written by hand (`LIKE '%{}%'`); its only use is SQL text.
            if name == "replace" && sql_quote_doubling(&m.args) {
                return out;
            }
            if is_passthrough(&name)
                || matches!(t.kind, Kind::Field(..) | Kind::Text | Kind::Shown(_))
            {
                let mut t = t;
                if name == "parse" {
                    if let Some(ty) = turbofish(m) {
                        match classify(ty) {
                            Class::Number => t.kind = Kind::Number,
                            Class::Narrow | Class::Safe => return out,
                            _ => {}
                        }
                    }
                }
                out.req = Some(t);
            }
        } else if matches!(
            name.as_str(),
            "join" | "replace" | "replacen" | "add" | "concat"
        ) {
            // `base.join(&path)`: the argument's position decides the host.
            if let Some(mut t) = any_arg.req {
                if name != "join" {
                    t.whole = false;
                }
                out.req = Some(t);
            }
        }
        out
    }

    pub(super) fn mac(&mut self, m: &syn::Macro) -> Val {
        let name = m
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default();
        let v = self.mac_value(m, &name);
        self.ask(|s, cx| s.mac(cx, m, &name, &v));
        v
    }

    pub(super) fn mac_value(&mut self, m: &syn::Macro, name: &str) -> Val {
        match name {
            "format" | "format_args" | "write" | "writeln" | "anyhow" | "eyre" => {
                let Ok(args) =
                    m.parse_body_with(Punctuated::<Expr, syn::Token![,]>::parse_terminated)
                else {
                    return Val::default();
                };
                let args: &'ast MacroArgs = self.w.macro_args.alloc(args);
                let skip = usize::from(matches!(name, "write" | "writeln"));
                let dest = if skip == 1 {
                    args.first().and_then(receiver_ident)
                } else {
                    None
                };
                let v = self.format(args.iter().skip(skip));
                if let Some(d) = dest {
                    let cur = self.vars.remove(&d).unwrap_or_default();
                    let mut v = v;
                    if let Some(t) = &mut v.req {
                        t.whole = t.whole && cur.req.is_none() && !self.texts.contains(&d);
                    }
                    self.vars.insert(d, cur.union(v));
                    return Val::default();
                }
                v
            }
            "vec" => {
                let tokens = m.tokens.clone();
                let mut parts: Vec<proc_macro2::TokenStream> = vec![Default::default()];
                for tt in tokens {
                    match &tt {
                        proc_macro2::TokenTree::Punct(p) if p.as_char() == ';' => {
                            parts.push(Default::default());
                        }
                        _ => parts.last_mut().unwrap().extend([tt]),
                    }
                }
                if parts.len() == 2 {
                    let elem = syn::parse2::<Expr>(parts[0].clone());
                    let len = syn::parse2::<Expr>(parts[1].clone());
                    if let (Ok(elem), Ok(len)) = (elem, len) {
                        let v = self.expr(&elem);
                        let n = self.expr(&len);
                        self.ask(|s, cx| s.count(cx, Count::Vec, &len, &n));
                        return v;
                    }
                    return Val::default();
                }
                match m.parse_body_with(Punctuated::<Expr, syn::Token![,]>::parse_terminated) {
                    Ok(args) => {
                        let args: &'ast MacroArgs = self.w.macro_args.alloc(args);
                        self.exprs(args)
                    }
                    Err(_) => Val::default(),
                }
            }
            "json" => {
                // Not Rust syntax: the variables it mentions, rendered.
                let mut v = Val::default();
                let vars = &self.vars;
                scan_idents(m.tokens.clone(), &mut |id, dot| {
                    if !dot {
                        if let Some(x) = vars.get(&id) {
                            v = std::mem::take(&mut v).union(x.clone());
                        }
                    }
                });
                v.rendered(false)
            }
            "assert" | "ensure" | "debug_assert" | "assert_eq" | "assert_ne" => {
                if let Ok(args) =
                    m.parse_body_with(Punctuated::<Expr, syn::Token![,]>::parse_terminated)
                {
                    let args: &'ast MacroArgs = self.w.macro_args.alloc(args);
                    self.exprs(args);
                }
                Val::default()
            }
            n if self.sinks.iter().any(|s| s.def.arg_macros().contains(&n)) => {
                let Ok(args) =
                    m.parse_body_with(Punctuated::<Expr, syn::Token![,]>::parse_terminated)
                else {
                    return Val::default();
                };
                for a in &args {
                    let v = self.expr(a);
                    let mut sinks = std::mem::take(&mut self.sinks);
                    for s in sinks.iter_mut().filter(|s| s.def.arg_macros().contains(&n)) {
                        s.state.macro_arg(self, a, &v);
                    }
                    self.sinks = sinks;
                }
                Val::default()
            }
            _ => Val::default(),
        }
    }

    pub(super) fn format<'e>(&mut self, mut args: impl Iterator<Item = &'e Expr>) -> Val {
        let Some(fmt_expr) = args.next() else {
            return Val::default();
        };
        let fmt = match crate::rust::peel(fmt_expr) {
            Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) => s.value(),
            _ => return Val::default(),
        };
        let mut positional: Vec<Val> = Vec::new();
        let mut named: HashMap<String, Val> = HashMap::new();
        for a in args {
            match a {
                Expr::Assign(asg) => {
                    let v = self.expr(&asg.right);
                    if let Expr::Path(p) = &*asg.left {
                        if let Some(id) = p.path.get_ident() {
                            named.insert(id.to_string(), v);
                        }
                    }
                }
                a => positional.push(self.expr(a)),
            }
        }
        let mut rendered = Vec::new();
        let mut next = 0;
        let mut prefix = String::new();
        let mut out = Val::default();
        let mut seen_req = false;
        let mut all_numbers = true;
        for p in pieces(&fmt) {
            match p {
                Piece::Lit(s) => prefix.push_str(&s),
                Piece::Arg { arg, debug } => {
                    let v = match arg {
                        Arg::Next => {
                            next += 1;
                            positional.get(next - 1).cloned()
                        }
                        Arg::Index(i) => positional.get(i).cloned(),
                        Arg::Name(n) => named
                            .get(&n)
                            .cloned()
                            .or_else(|| self.vars.get(&n).cloned()),
                    }
                    .unwrap_or_default();
                    rendered.push(v.clone());
                    let mut v = v.rendered(debug);
                    if let Some(t) = &mut v.req {
                        if !matches!(t.kind, Kind::Number) {
                            all_numbers = false;
                        }
                        if seen_req {
                            t.whole = false;
                        } else {
                            t.whole = t.whole && host_open(&prefix);
                            seen_req = true;
                        }
                    }
                    out = out.union(v);
                    prefix.push('X');
                }
            }
        }
        if let Some(t) = &mut out.req {
            // Text printed from named types only stays so ([`Val::union`] lets any other
            // text win).
            if !all_numbers && !matches!(t.kind, Kind::Field(..) | Kind::Shown(_)) {
                t.kind = Kind::Text;
            }
        }
        self.ask(|s, cx| s.format(cx, &fmt, fmt_expr, &rendered));
        out
    }

    // -- what the sinks are handed ----------------------------------------------------

    /// Reports request value `t` reaching a sink of `rule` at `at`: in a handler a finding
    /// (its message: `what.0`, the value, `what.1`), standing if `conds` hold; in a helper
    /// an effect on the parameter it came from, for the callers. `as_is`: the message when
    /// the value is the request's own from its start (`t.whole`), at info: what the sink
    /// takes whole by the endpoint's contract (a query endpoint's statement), not request
    /// text spliced into the server's.
    pub(crate) fn report(
        &mut self,
        rule: Rule,
        at: Span,
        t: &Taint,
        what: (String, String),
        as_is: Option<(String, String)>,
        conds: Vec<Cond>,
    ) {
        let as_is = as_is.filter(|_| t.whole);
        // A helper's effects are noted for every data-flow rule (the helper may serve a
        // caller in a file where the rule reports); findings only where the rule is on.
        if self.summary.is_none() && !self.w.on(rule) {
            return;
        }
        match (&mut self.summary, t.src) {
            (Some(s), Src::Param(i)) => s.push(Summary {
                func: self.name.clone(),
                method: self.method,
                arity: self.arity,
                param: i,
                effect: Effect::Sink {
                    rule,
                    span: at,
                    whole: t.whole,
                    what,
                    as_is,
                    conds,
                    field: t.param_field.clone(),
                },
            }),
            (Some(_), _) | (None, Src::Param(_)) => {}
            (None, _) => {
                let info = as_is.is_some();
                let what = as_is.unwrap_or(what);
                let message = format!("{} {}{}", what.0, describe(t), what.1);
                if self.w.in_test() {
                    return;
                }
                self.facts.hits.push((
                    Hit {
                        rule,
                        span: at,
                        message,
                        info,
                    },
                    conds,
                ));
            }
        }
    }

    /// Whether the function is a helper, analysed for its summary: its sinks' effects are
    /// noted on its parameters, and it yields no findings of its own.
    pub(crate) fn in_helper(&self) -> bool {
        self.summary.is_some()
    }

    /// Whether `rule` reports in this file.
    pub(crate) fn on(&self, rule: Rule) -> bool {
        self.w.on(rule)
    }

    /// Inside test code (see [`Walker::in_test`]).
    pub(crate) fn in_test(&self) -> bool {
        self.w.in_test()
    }

    /// Above zero while evaluating a bound (`x.min(..)`, a comparison).
    pub(crate) fn in_bound(&self) -> bool {
        self.in_bound > 0
    }

    /// The error a `Result`-giving expression fails with ([`error_of`]); a channel's
    /// (`rx.await`, `tx.send(v).await`, `rx.recv()` on the ends of a channel made here) is
    /// fixed text (`channel closed`): [`Fault::Plain`].
    pub(crate) fn error_of(&self, e: &Expr) -> Fault {
        let mut x = crate::rust::peel_try(e);
        if let Expr::Await(a) = x {
            x = crate::rust::peel_try(&a.base);
        }
        let end = match x {
            Expr::MethodCall(m)
                if matches!(
                    m.method.to_string().as_str(),
                    "recv"
                        | "send"
                        | "try_recv"
                        | "try_send"
                        | "recv_async"
                        | "send_async"
                        | "blocking_recv"
                        | "blocking_send"
                        | "recv_timeout"
                        | "send_timeout"
                        | "changed"
                ) =>
            {
                receiver_ident(&m.receiver)
            }
            other => receiver_ident(other),
        };
        if end.is_some_and(|n| self.channels.contains(&n)) {
            return Fault::Plain;
        }
        error_of(e)
    }

    /// The type of `self` in the function (of its `impl` block), if known.
    pub(crate) fn self_ty(&self) -> Option<&str> {
        self.self_ty.as_deref()
    }

    /// The text of the file.
    pub(crate) fn text(&self) -> &str {
        self.w.text
    }

    /// The source text at `at`.
    pub(crate) fn source(&self, at: Span) -> &str {
        self.w.source(at)
    }

    /// The function of the project an error bound at `src` came from (a plain call whose
    /// result a `match`/`if let` looked at).
    pub(crate) fn err_callee(&self, src: u32) -> Option<&[String]> {
        self.err_callees.get(&src).map(Vec::as_slice)
    }

    /// The findings of the file so far, with their conditions.
    pub(crate) fn hits(&self) -> &[(Hit, Vec<Cond>)] {
        &self.facts.hits
    }

    /// Records a finding that stands if its conditions hold in the project.
    pub(crate) fn push_hit(&mut self, hit: Hit, conds: Vec<Cond>) {
        self.facts.hits.push((hit, conds));
    }

    /// The request values the file's handlers passed to functions so far.
    pub(crate) fn calls(&self) -> &[CallFact] {
        &self.facts.calls
    }

    /// The request values put into a struct's field (origin, struct, field), sorted; whole
    /// once the body is walked ([`FnSink::finish`]).
    pub(crate) fn stored_in_fields(&self) -> &[(String, String, String)] {
        &self.into_fields
    }

    pub(super) fn finish(&mut self) {
        self.into_fields.sort();
        self.into_fields.dedup();
        self.ask(|s, cx| s.finish(cx));
        if let Some(mut s) = self.summary.take() {
            // Parameters bounded in the helper.
            let mut params: Vec<(usize, String)> = self
                .vars
                .values()
                .filter_map(|v| v.req.as_ref())
                .filter_map(|t| match t.src {
                    Src::Param(i) => Some((i, t.origin.split('.').next()?.to_owned())),
                    _ => None,
                })
                .collect();
            params.sort();
            params.dedup();
            for (i, root) in params {
                let bounded = self
                    .bounded
                    .iter()
                    .any(|b| b.split('.').next() == Some(root.as_str()));
                let used = self.sinks.iter().find(|s| s.state.uses_param(i));
                let effect = match used {
                    _ if bounded => Effect::Bounds,
                    Some(s) => Effect::Use(s.rule),
                    None => continue,
                };
                s.push(Summary {
                    func: self.name.clone(),
                    method: self.method,
                    arity: self.arity,
                    param: i,
                    effect,
                });
            }
            self.facts.summaries.extend(s);
        }
    }
}

/// A type of std whose associated functions are never the project's: its collections,
/// strings and pointers.
fn std_type(name: &str) -> bool {
    super::sources::COLLECTIONS.contains(&name)
        || matches!(
            name,
            "String" | "Box" | "Arc" | "Rc" | "Cow" | "Option" | "Result"
        )
}
