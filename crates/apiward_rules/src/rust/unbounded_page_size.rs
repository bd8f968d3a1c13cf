//! `unbounded-page-size`: a pagination field of a query (`limit`, `per_page`, …) read and never
//! bounded in the handler or the helper it is passed to, nor by a validation bound on the
//! struct field it is read from or put into.
//!
//! A data-flow rule: the engine (`flow/`) follows request values from the handlers'
//! extractors; this file holds the rule's sinks (a page size bound to a query, `.limit(n)`,
//! a `query!` argument, `LIMIT {}`) and decides, at the end of each handler, which page sizes
//! reached one unbounded, there or in the helpers they were passed to ([`Cond::UsedBy`]).

use std::collections::HashMap;

use apiward_diagnostics::Span;
use syn::Expr;

use super::flow::{
    CallFact, Cond, FlowSink, FnSink, FnStart, Fx, Kind, MethodCall, Src, Taint, Val,
    SOURCE_MARKERS,
};
use super::sinks::squash;
use super::Hit;
use crate::Rule;

pub(crate) struct UnboundedPageSize;

impl super::RustRule for UnboundedPageSize {
    fn rule(&self) -> Rule {
        Rule::UnboundedPageSize
    }

    /// The request extractors of handlers, where the values come from.
    fn markers(&self) -> &'static [&'static str] {
        SOURCE_MARKERS
    }

    fn flow(&self) -> Option<&dyn FlowSink> {
        Some(self)
    }

    fn sink_markers(&self) -> &'static [&'static str] {
        &[
            "bind",
            "limit",
            "query!",
            "query_as!",
            "LIMIT",
            "per_page",
            "page_size",
        ]
    }
}

impl FlowSink for UnboundedPageSize {
    fn start(&self, _f: &FnStart<'_>) -> Box<dyn FnSink> {
        Box::new(Pages::default())
    }

    /// sqlx's checked queries: the SQL is a literal, the arguments are bound.
    fn arg_macros(&self) -> &'static [&'static str] {
        &[
            "query",
            "query_as",
            "query_scalar",
            "query_unchecked",
            "query_as_unchecked",
            "query_scalar_unchecked",
        ]
    }
}

/// The rule's sinks in one function.
#[derive(Default)]
struct Pages {
    /// Pagination values reaching a query: origin, where, value.
    reads: Vec<(String, Span, Taint)>,
    /// Pagination values passed to helpers: origin, where, (callee, method, index).
    calls: Vec<(String, Span, (String, bool, usize))>,
}

impl FnSink for Pages {
    fn method(&mut self, cx: &mut Fx<'_, '_, '_>, m: &MethodCall<'_>) {
        if matches!(
            m.name,
            "bind" | "push_bind" | "limit" | "set_limit" | "page_size" | "per_page" | "fetch_first"
        ) {
            if let (Some(a), Some(v)) = (m.expr.args.first(), m.args.first()) {
                let at = cx.span(a);
                self.page_use(cx, v, at);
            }
        }
    }

    fn macro_arg(&mut self, cx: &mut Fx<'_, '_, '_>, a: &Expr, v: &Val) {
        let at = cx.span(a);
        self.page_use(cx, v, at);
    }

    fn format(&mut self, cx: &mut Fx<'_, '_, '_>, fmt: &str, at: &Expr, args: &[Val]) {
        let f = fmt.to_ascii_lowercase();
        if f.contains("limit ") || f.contains("fetch first") {
            let at = cx.span(at);
            for v in args {
                self.page_use(cx, v, at);
            }
        }
    }

    fn helper_call(&mut self, callee: (&str, bool, usize), t: &Taint, at: Span) {
        let last = t.origin.rsplit('.').next().unwrap_or(&t.origin);
        if is_page_name(last) && t.src == Src::Query && !t.bounded {
            let (callee, method, arg) = callee;
            self.calls
                .push((t.origin.clone(), at, (callee.to_owned(), method, arg)));
        }
    }

    fn finish(&mut self, cx: &mut Fx<'_, '_, '_>) {
        if cx.in_helper() || !cx.on(Rule::UnboundedPageSize) || cx.in_test() {
            return;
        }
        // Where each unbounded page size is used: a query here, else helpers.
        let mut order: Vec<String> = Vec::new();
        let mut first: HashMap<String, (Span, Option<Taint>)> = HashMap::new();
        for (origin, at, t) in &self.reads {
            if !first.contains_key(origin) {
                order.push(origin.clone());
                first.insert(origin.clone(), (*at, Some(t.clone())));
            }
        }
        for (origin, at, _) in &self.calls {
            if !first.contains_key(origin) {
                order.push(origin.clone());
                first.insert(origin.clone(), (*at, None));
            }
        }
        for origin in order {
            if cx.bounded_origin(&origin) {
                continue;
            }
            let (at, direct) = first[&origin].clone();
            let mut conds = Vec::new();
            let field = origin.rsplit('.').next().unwrap_or(&origin).to_owned();
            if let Some((s, f)) = origin_struct(&self.reads, &origin, cx.calls()) {
                conds.push(Cond::FieldWide(s, f));
            }
            // Put into a struct whose field is validated: bounded there.
            for (o, s, f) in cx.stored_in_fields() {
                if *o == origin {
                    conds.push(Cond::Into(s.clone(), f.clone()));
                }
            }
            if direct.is_none() {
                let helpers: Vec<(String, bool, usize)> = self
                    .calls
                    .iter()
                    .filter(|(o, _, _)| *o == origin)
                    .map(|(_, _, c)| c.clone())
                    .collect();
                conds.push(Cond::UsedBy {
                    rule: Rule::UnboundedPageSize,
                    calls: helpers,
                });
            }
            cx.push_hit(
                Hit {
                    rule: Rule::UnboundedPageSize,
                    span: at,
                    message: format!(
                        "page size `{field}` from the query string reaches a query with no upper bound"
                    ),
                    info: false,
                },
                conds,
            );
        }
    }

    fn uses_param(&self, i: usize) -> bool {
        self.reads.iter().any(|(_, _, t)| t.src == Src::Param(i))
    }
}

impl Pages {
    /// A page size reaching a query (`.bind(limit)`, `.limit(n)`, a `query!` argument,
    /// `LIMIT {}`): in a handler, a pagination field of the query string; in a helper, a
    /// parameter.
    fn page_use(&mut self, cx: &Fx<'_, '_, '_>, v: &Val, at: Span) {
        let Some(t) = &v.req else { return };
        if cx.in_bound() || t.bounded {
            return;
        }
        if !matches!(t.kind, Kind::Number | Kind::Field(..) | Kind::Unknown) {
            return;
        }
        let page = match t.src {
            Src::Query => is_page_name(t.origin.rsplit('.').next().unwrap_or(&t.origin)),
            Src::Param(_) => true,
            _ => false,
        };
        if page {
            self.reads.push((t.origin.clone(), at, t.clone()));
        }
    }
}

/// The struct and field a page-size origin was read from (`p.limit` of `Query<Pagination>`).
fn origin_struct(
    reads: &[(String, Span, Taint)],
    origin: &str,
    facts: &[CallFact],
) -> Option<(String, String)> {
    let kind = reads
        .iter()
        .find(|(o, _, _)| o == origin)
        .map(|(_, _, t)| &t.kind)
        .or_else(|| {
            facts
                .iter()
                .find(|c| c.taint.origin == origin)
                .map(|c| &c.taint.kind)
        })?;
    match kind {
        Kind::Field(s, f) => Some((s.clone(), f.clone())),
        _ => None,
    }
}

/// Pagination sizes (`limit`, `per_page`, `pageSize`, …).
pub(crate) fn is_page_name(name: &str) -> bool {
    let n = squash(name);
    matches!(
        n.as_str(),
        "limit"
            | "pagesize"
            | "perpage"
            | "pagelimit"
            | "size"
            | "count"
            | "take"
            | "first"
            | "last"
            | "maxresults"
            | "maxitems"
            | "top"
            | "numresults"
            | "results"
            | "rows"
            | "batchsize"
    )
}

#[cfg(test)]
mod tests {
    use super::is_page_name;

    #[test]
    fn page_names() {
        for n in ["limit", "page_size", "perPage", "maxResults", "per-page"] {
            assert!(is_page_name(n), "{n}");
        }
        for n in ["offset", "page", "cursor", "limiter"] {
            assert!(!is_page_name(n), "{n}");
        }
    }
}
