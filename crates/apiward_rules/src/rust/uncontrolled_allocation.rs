//! `uncontrolled-allocation`: an allocation or repetition sized by a request number that was
//! never bounded (`min`, `clamp`, a comparison, `%`, a narrow cast).
//!
//! A data-flow rule: the engine (`flow/`) follows request values from the handlers'
//! extractors; this file holds the rule's sinks: the sizes of allocations, repetitions and
//! loops, which a request number must not choose unbounded.

use syn::Expr;

use super::flow::{
    Call, Cond, Count, FlowSink, FnSink, FnStart, Fx, Kind, MethodCall, Taint, Val, SOURCE_MARKERS,
};
use crate::Rule;

pub(crate) struct UncontrolledAllocation;

impl super::RustRule for UncontrolledAllocation {
    fn rule(&self) -> Rule {
        Rule::UncontrolledAllocation
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
            "with_capacity",
            "vec![",
            "repeat",
            "reserve",
            "resize",
            "take(",
            "zeroed",
            "0..",
            "[0",
            "from_elem",
        ]
    }
}

impl FlowSink for UncontrolledAllocation {
    fn start(&self, _f: &FnStart<'_>) -> Box<dyn FnSink> {
        Box::new(Sizes)
    }

    /// A caller's value that is not text and was not bounded; a field of a struct defined
    /// elsewhere must be a wide number without a validation bound.
    fn reaches(&self, _whole: bool, t: &Taint) -> Option<Vec<Cond>> {
        match &t.kind {
            _ if t.bounded => None,
            Kind::Text | Kind::Shown(_) => None,
            Kind::Field(s, f) => Some(vec![Cond::FieldWide(s.clone(), f.clone())]),
            _ => Some(Vec::new()),
        }
    }
}

/// The rule's sinks in one function.
struct Sizes;

impl FnSink for Sizes {
    fn call(&mut self, cx: &mut Fx<'_, '_, '_>, c: &Call<'_>) {
        if matches!(
            c.name,
            "with_capacity" | "zeroed" | "repeat_n" | "from_elem"
        ) {
            let i = usize::from(c.name == "repeat_n" || c.name == "from_elem");
            if let (Some(a), Some(v)) = (c.expr.args.get(i), c.args.get(i)) {
                sink(cx, a, v, "memory is reserved for as many items");
            }
        }
    }

    fn method(&mut self, cx: &mut Fx<'_, '_, '_>, m: &MethodCall<'_>) {
        let (Some(a), Some(v)) = (m.expr.args.first(), m.args.first()) else {
            return;
        };
        match m.name {
            "reserve" | "reserve_exact" | "resize" | "repeat" | "with_capacity" => {
                sink(cx, a, v, "memory is reserved for as many items");
            }
            "take" if infinite(&m.expr.receiver) => {
                sink(cx, a, v, "an endless iterator yields as many items");
            }
            _ => {}
        }
    }

    fn count(&mut self, cx: &mut Fx<'_, '_, '_>, what: Count, len: &Expr, v: &Val) {
        let what = match what {
            Count::Loop => "a loop runs as many times",
            Count::Array => "an array is allocated as large",
            Count::Vec => "a vector is allocated as large",
        };
        sink(cx, len, v, what);
    }
}

/// Request number `v` as the size `a` of what `what` says.
fn sink(cx: &mut Fx<'_, '_, '_>, a: &Expr, v: &Val, what: &str) {
    let Some(t) = &v.req else { return };
    // A size is a number, passed by value: a reference handed to a function of that name
    // (`ScrapeData::zeroed(&info_hashes)`, statistics for each item of a list) is no count.
    if matches!(a, Expr::Reference(_)) {
        return;
    }
    if cx.is_bounded(t) {
        return;
    }
    let conds = match &t.kind {
        Kind::Text | Kind::Shown(_) | Kind::Struct(_) | Kind::Request => return,
        Kind::Field(s, f) => vec![Cond::FieldWide(s.clone(), f.clone())],
        _ => Vec::new(),
    };
    let at = cx.span(a);
    cx.report(
        Rule::UncontrolledAllocation,
        at,
        t,
        (format!("{what} as"), " asks, with no upper bound".into()),
        None,
        conds,
    );
}

/// Iterators without an end (`repeat(x)`, `(0..)`, `.cycle()`, `from_fn`).
fn infinite(e: &Expr) -> bool {
    match super::peel_try(e) {
        Expr::MethodCall(m) => m.method == "cycle" || infinite(&m.receiver),
        Expr::Call(c) => super::call_path(c).is_some_and(|p| {
            let s = super::segments(p);
            matches!(
                s.last().map(String::as_str),
                Some("repeat" | "repeat_with" | "from_fn" | "successors")
            )
        }),
        Expr::Range(r) => r.end.is_none(),
        Expr::Paren(p) => infinite(&p.expr),
        _ => false,
    }
}
