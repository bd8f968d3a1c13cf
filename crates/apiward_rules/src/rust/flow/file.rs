//! The file pass: definitions gathered from the whole file (structs, enums, `use`
//! renames), then every function handed to the engine ([`Fx`]) with its sources.

use super::*;

/// File-local definitions the analysis needs while it runs.
#[derive(Default)]
pub(crate) struct Defs {
    /// Enum variants and the classes of their payloads.
    pub(super) enums: HashMap<String, HashMap<String, Payload>>,
    /// Struct fields (named and positional) and their classes.
    pub(super) structs: HashMap<String, Vec<(String, Class)>>,
    /// Extractors imported under another name (`use axum::Json as JsonResponse`): the
    /// alias and the extractor's own name.
    pub(super) renames: HashMap<String, String>,
}

impl Defs {
    /// The enums whose variants are all units: their values are a fixed set of words.
    pub(super) fn closed(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .enums
            .iter()
            .filter(|(_, v)| !v.is_empty() && v.values().all(Vec::is_empty))
            .map(|(n, _)| n.clone())
            .collect();
        out.sort();
        out
    }
}

/// The `use` renames of a tree (`Json as JsonResponse`): each alias and the last name of
/// the path it stands for.
pub(super) fn use_renames(tree: &syn::UseTree, out: &mut HashMap<String, String>) {
    match tree {
        syn::UseTree::Path(p) => use_renames(&p.tree, out),
        syn::UseTree::Group(g) => g.items.iter().for_each(|t| use_renames(t, out)),
        syn::UseTree::Rename(r) => {
            let name = r.ident.to_string();
            if extractor_name(&name).is_some() {
                out.insert(r.rename.to_string(), name);
            }
        }
        syn::UseTree::Name(_) | syn::UseTree::Glob(_) => {}
    }
}

pub(super) fn bound_attr(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        let p = a.path();
        let name = p.segments.last().map(|s| s.ident.to_string());
        matches!(
            name.as_deref(),
            Some("validate" | "garde" | "param" | "schema" | "oai" | "serde_as" | "field")
        ) && match &a.meta {
            syn::Meta::List(l) => {
                let t = l.tokens.to_string();
                t.contains("max") || t.contains("range") || t.contains("maximum")
            }
            _ => false,
        }
    })
}

pub(super) struct DefCollector<'f> {
    pub(super) defs: &'f mut Defs,
    pub(super) facts: &'f mut Vec<StructFact>,
}

impl Visit<'_> for DefCollector<'_> {
    fn visit_item_use(&mut self, u: &syn::ItemUse) {
        use_renames(&u.tree, &mut self.defs.renames);
    }
    fn visit_item_struct(&mut self, s: &syn::ItemStruct) {
        let name = s.ident.to_string();
        let mut fields = Vec::new();
        let mut fact = Vec::new();
        let mut collections = Vec::new();
        for (i, f) in s.fields.iter().enumerate() {
            let fname = f
                .ident
                .as_ref()
                .map_or_else(|| i.to_string(), std::string::ToString::to_string);
            let c = classify(&f.ty);
            if is_collection_type(&f.ty) {
                collections.push(fname.clone());
            }
            fields.push((fname.clone(), c));
            fact.push((fname, c, bound_attr(&f.attrs)));
        }
        self.defs.structs.insert(name.clone(), fields);
        self.facts.push(StructFact {
            name,
            fields: fact,
            collections,
        });
    }
    fn visit_item_enum(&mut self, e: &syn::ItemEnum) {
        let mut variants = HashMap::new();
        for v in &e.variants {
            let fields = v
                .fields
                .iter()
                .map(|f| {
                    let c = if is_error_type(&f.ty) {
                        Class::Other
                    } else {
                        classify(&f.ty)
                    };
                    (f.ident.as_ref().map(std::string::ToString::to_string), c)
                })
                .collect();
            variants.insert(v.ident.to_string(), fields);
        }
        self.defs.enums.insert(e.ident.to_string(), variants);
    }
}

/// The structs and enums of `file` (or of a part of it).
pub(crate) fn gather_defs(file: &syn::File, defs: &mut Defs, structs: &mut Vec<StructFact>) {
    DefCollector {
        defs,
        facts: structs,
    }
    .visit_file(file);
}

/// Runs the flow rules over every function of `file`, or of a part of a file with the
/// structs and enums of the whole file (`whole`), after the parts before.
pub(crate) fn run(w: &mut Walker<'_, '_>, file: &syn::File, whole: Option<(&Defs, &[StructFact])>) {
    let mut own = Defs::default();
    let mut facts = FlowFacts {
        walked: true,
        ..FlowFacts::default()
    };
    let defs = if let Some((defs, structs)) = whole {
        if !w.out.flow.walked {
            facts.structs = structs.to_vec();
            facts.closed = defs.closed();
        }
        defs
    } else {
        gather_defs(file, &mut own, &mut facts.structs);
        facts.closed = own.closed();
        &own
    };
    facts.error_texts = error_texts(file);
    let test = w.test_depth;
    let mut fns = FnCollector {
        w,
        defs,
        facts: &mut facts,
        impl_self: None,
        error_impl: false,
    };
    fns.visit_file(file);
    fns.w.test_depth = test;
    // Findings in functions only a debug setting runs, unless test code is asked for.
    if whole.is_none() && !w.opts.test_code && !facts.hits.is_empty() {
        let debug = debug_only_fns(w, file);
        facts.hits.retain(|(h, _)| {
            !debug
                .iter()
                .any(|d| d.start <= h.span.start && h.span.end <= d.end)
        });
    }
    let before = &mut w.out.flow;
    if before.walked {
        before.structs.append(&mut facts.structs);
        before.hits.append(&mut facts.hits);
        before.summaries.append(&mut facts.summaries);
        before.calls.append(&mut facts.calls);
        before.encoders.append(&mut facts.encoders);
        before.encoders_if.append(&mut facts.encoders_if);
        before.closed.append(&mut facts.closed);
        before.fails_with.append(&mut facts.fails_with);
        before.error_texts.append(&mut facts.error_texts);
    } else {
        *before = facts;
    }
}

pub(super) struct FnCollector<'c, 'ast, 'a> {
    pub(super) w: &'c mut Walker<'ast, 'a>,
    pub(super) defs: &'c Defs,
    pub(super) facts: &'c mut FlowFacts,
    pub(super) impl_self: Option<String>,
    pub(super) error_impl: bool,
}

impl<'v> Visit<'v> for FnCollector<'_, '_, '_> {
    fn visit_item_mod(&mut self, m: &'v syn::ItemMod) {
        let t = crate::rust::is_test_module(m);
        self.w.test_depth += u32::from(t);
        visit::visit_item_mod(self, m);
        self.w.test_depth -= u32::from(t);
    }

    fn visit_item_impl(&mut self, i: &'v syn::ItemImpl) {
        let saved = (self.impl_self.take(), self.error_impl);
        self.impl_self = last_seg(&i.self_ty).map(|s| s.ident.to_string());
        // `ResponseError` and `Reject` are implemented by errors; `IntoResponse` and
        // `Responder` by any response, so only by a type named for an error (`ApiError`,
        // `AuthRejection`): a success response's header values are no error text.
        let error_named = self.impl_self.as_deref().is_some_and(names_error);
        self.error_impl = i.trait_.as_ref().is_some_and(|(_, p, _)| {
            p.segments
                .last()
                .is_some_and(|s| match s.ident.to_string().as_str() {
                    "ResponseError" | "Reject" => true,
                    "IntoResponse" | "Responder" => error_named,
                    _ => false,
                })
        });
        visit::visit_item_impl(self, i);
        (self.impl_self, self.error_impl) = saved;
    }

    fn visit_item_fn(&mut self, f: &'v syn::ItemFn) {
        if self.w.test_attr(&f.attrs) || self.w.in_test() {
            return;
        }
        self.analyse(&f.sig, &f.attrs, &f.block);
        // Functions defined inside functions.
        visit::visit_item_fn(self, f);
    }

    fn visit_impl_item_fn(&mut self, f: &'v syn::ImplItemFn) {
        if self.w.test_attr(&f.attrs) || self.w.in_test() {
            return;
        }
        self.analyse(&f.sig, &f.attrs, &f.block);
        visit::visit_impl_item_fn(self, f);
    }
}

/// Rocket route parameters: `<id>`, `<path..>` in the route and `data = "<form>"`.
pub(super) fn rocket_params(attrs: &[syn::Attribute]) -> Option<Vec<(String, Src)>> {
    for a in attrs {
        let name = a.path().segments.last()?.ident.to_string();
        if !matches!(
            name.as_str(),
            "get" | "post" | "put" | "delete" | "patch" | "head" | "options" | "route"
        ) {
            continue;
        }
        let syn::Meta::List(l) = &a.meta else {
            continue;
        };
        let mut out = Vec::new();
        let mut data_next = false;
        for tt in l.tokens.clone() {
            match tt {
                proc_macro2::TokenTree::Ident(i) if i == "data" => data_next = true,
                proc_macro2::TokenTree::Literal(lit) => {
                    let s = lit.to_string();
                    let s = s.trim_matches('"');
                    if data_next {
                        out.push((s.trim_matches(['<', '>']).to_owned(), Src::Body));
                        data_next = false;
                        continue;
                    }
                    let (path, query) = s.split_once('?').unwrap_or((s, ""));
                    for (part, src) in [(path, Src::Path), (query, Src::Query)] {
                        let mut rest = part;
                        while let Some(i) = rest.find('<') {
                            let Some(j) = rest[i..].find('>') else { break };
                            let p = rest[i + 1..i + j].trim_end_matches("..");
                            out.push((p.to_owned(), src));
                            rest = &rest[i + j + 1..];
                        }
                    }
                }
                _ => {}
            }
        }
        return Some(out);
    }
    None
}

/// `a` of `x.a`, `0` of `x.0`.
pub(super) fn member_name(m: &syn::Member) -> String {
    match m {
        syn::Member::Named(n) => n.to_string(),
        syn::Member::Unnamed(i) => i.index.to_string(),
    }
}

impl FnCollector<'_, '_, '_> {
    pub(super) fn analyse(
        &mut self,
        sig: &syn::Signature,
        attrs: &[syn::Attribute],
        body: &syn::Block,
    ) {
        let name = sig.ident.to_string();
        let at = self.w.span(&body.brace_token.span.join());
        match fails_with_phrases(sig, body, self.w.source(at)) {
            Some(deps) if deps.is_empty() => self.facts.encoders.push(name.clone()),
            Some(deps) => self.facts.encoders_if.push((name.clone(), deps)),
            None => {}
        }
        if let Some(e) = error_type(sig) {
            self.facts.fails_with.push((name.clone(), e));
        }
        let start = FnStart {
            sig,
            body,
            response_impl: self.error_impl,
        };
        let mut fx = Fx {
            w: &mut *self.w,
            defs: self.defs,
            facts: &mut *self.facts,
            vars: HashMap::new(),
            bounded: HashSet::new(),
            into_fields: Vec::new(),
            sinks: flow_sinks()
                .map(|(rule, def)| Sink {
                    rule,
                    def,
                    state: def.start(&start),
                })
                .collect(),
            summary: None,
            name: name.clone(),
            method: sig.receiver().is_some(),
            arity: sig
                .inputs
                .iter()
                .filter(|a| matches!(a, syn::FnArg::Typed(_)))
                .count(),
            self_ty: self.impl_self.clone(),
            in_bound: 0,
            scrutinee_err: Fault::Raw,
            scrutinee_callee: Vec::new(),
            err_callees: HashMap::new(),
            depth: 0,
            channels: HashSet::new(),
            texts: HashSet::new(),
        };
        let rocket = rocket_params(attrs);
        let generic_errors: HashSet<String> = sig
            .generics
            .params
            .iter()
            .filter_map(|g| match g {
                syn::GenericParam::Type(t)
                    if t.bounds.iter().any(|b| match b {
                        syn::TypeParamBound::Trait(t) => {
                            t.path.segments.last().is_some_and(|s| s.ident == "Error")
                        }
                        _ => false,
                    }) =>
                {
                    Some(t.ident.to_string())
                }
                _ => None,
            })
            .collect();
        // Type parameters bound only by traits that are not text (`C: ConnectionTrait`): a
        // parameter of such a type is an executor or a service, never request text.
        let opaque: HashSet<String> = sig
            .generics
            .params
            .iter()
            .filter_map(|g| match g {
                syn::GenericParam::Type(t) if opaque_bounds(t.bounds.iter()) => {
                    Some(t.ident.to_string())
                }
                _ => None,
            })
            .collect();
        let mut handler = rocket.is_some();
        let mut bindings: Vec<(&Pat, Val)> = Vec::new();
        let mut params: Vec<(&Pat, &Type)> = Vec::new();
        for arg in &sig.inputs {
            match arg {
                syn::FnArg::Receiver(_) => {
                    if self.error_impl {
                        let at = fx.span(arg);
                        let wraps = self.impl_self.as_ref().is_some_and(|t| {
                            self.defs.enums.get(t).is_some_and(|e| {
                                e.values().flatten().any(|(_, c)| *c == Class::Other)
                            }) || self
                                .defs
                                .structs
                                .get(t)
                                .is_some_and(|f| f.iter().any(|(_, c)| *c == Class::Other))
                        });
                        let fault = if wraps { Fault::Curated } else { Fault::Plain };
                        fx.vars.insert("self".into(), Val::err(fault, at));
                    }
                }
                syn::FnArg::Typed(pt) => params.push((&pt.pat, &pt.ty)),
            }
        }
        for (pat, ty) in &params {
            let ident = pat_ident(pat);
            if is_error_type(ty)
                || last_seg(strip_ty(ty))
                    .is_some_and(|s| generic_errors.contains(&s.ident.to_string()))
            {
                bindings.push((pat, Val::err(Fault::Raw, fx.span(*pat))));
                continue;
            }
            if let Some(rp) = &rocket {
                if let Some((_, src)) = rp.iter().find(|(n, _)| Some(n) == ident.as_ref()) {
                    let (src, inner) = match extractor(ty, &self.defs.renames) {
                        Some((s, inner)) => (s, inner),
                        None => (*src, Some(*ty)),
                    };
                    let origin = ident.clone().unwrap_or_default();
                    if let Some(t) = value_of(inner, src, &origin) {
                        bindings.push((pat, Val::req(t)));
                    }
                    continue;
                }
            }
            if let Some((src, inner)) = extractor(ty, &self.defs.renames) {
                // `Bytes`, `HeaderMap`, `Request`: extractors only in async handlers (a
                // `fn parse(buf: Bytes)` is a decoder, not a handler).
                if inner.is_none() && sig.asyncness.is_none() {
                    continue;
                }
                handler = true;
                // `Query(q)`: the pattern inside the extractor's.
                let (pat, origin) = match pat {
                    Pat::TupleStruct(ts) if ts.elems.len() == 1 => {
                        let p = &ts.elems[0];
                        (p, pat_ident(p).unwrap_or_default())
                    }
                    p => (*p, ident.clone().unwrap_or_default()),
                };
                // `Path((a, b)): Path<(String, u32)>`: element by element.
                if let (Pat::Tuple(pt), Some(Type::Tuple(tt))) = (pat, inner.map(strip_ty)) {
                    for (p, t) in pt.elems.iter().zip(&tt.elems) {
                        let o = pat_ident(p).unwrap_or_default();
                        if let Some(v) = value_of(Some(t), src, &o) {
                            bindings.push((p, Val::req(v)));
                        }
                    }
                    continue;
                }
                if let Some(v) = value_of(inner, src, &origin) {
                    bindings.push((pat, Val::req(v)));
                }
            }
        }
        if !handler {
            // A helper: its parameters are the sources, for its summary.
            fx.summary = Some(Vec::new());
            for (i, (pat, ty)) in params.iter().enumerate() {
                if bindings.iter().any(|(p, _)| std::ptr::eq(*p, *pat)) {
                    continue;
                }
                let opaque_ty = match strip_ty(ty) {
                    Type::ImplTrait(it) => opaque_bounds(it.bounds.iter()),
                    t => last_seg(t).is_some_and(|s| opaque.contains(&s.ident.to_string())),
                };
                if opaque_ty {
                    continue;
                }
                let origin = pat_ident(pat).unwrap_or_default();
                if let Some(mut t) = value_of(Some(ty), Src::Param(i), &origin) {
                    t.whole = true;
                    bindings.push((pat, Val::req(t)));
                }
            }
        }
        for (pat, v) in bindings {
            fx.bind(pat, v);
        }
        fx.block(body);
        fx.finish();
    }
}

/// Runs the flow analysis on helper functions parsed on their own (`base` of each is its
/// byte offset in the walker's text, with the type of the `impl` block holding it):
/// summaries only.
pub(crate) fn run_items(w: &mut Walker<'_, '_>, items: &[(u32, syn::ItemFn, Option<String>)]) {
    let defs = Defs::default();
    let mut facts = FlowFacts::default();
    let base = w.base;
    for (offset, item, self_ty) in items {
        w.base = *offset;
        let mut fns = FnCollector {
            w: &mut *w,
            defs: &defs,
            facts: &mut facts,
            impl_self: self_ty.clone(),
            error_impl: false,
        };
        fns.visit_item_fn(item);
    }
    w.base = base;
    w.out.flow = facts;
}
