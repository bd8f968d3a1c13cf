//! The interface of the sinks: what the engine asks the data-flow rules (each in its rule's
//! file) at each place a value can end up.

use super::*;

/// The sinks of a data-flow rule, in the rule's file: the engine computes the values, and at
/// each place a value can end up asks every data-flow rule's sinks (whether the rule is
/// selected or not: a helper's summary serves callers in any file). A sink decides whether
/// the value there is a finding of its rule and reports it through the [`Fx`] it is handed.
pub(crate) trait FlowSink: Sync {
    /// The sinks' state for one function.
    fn start(&self, f: &FnStart<'_>) -> Box<dyn FnSink>;

    /// Methods whose calls are the rule's sinks: not followed as the project's helpers.
    fn sink_methods(&self) -> &'static [&'static str] {
        &[]
    }

    /// Macros whose arguments are expressions: the engine evaluates them and hands each to
    /// [`FnSink::macro_arg`].
    fn arg_macros(&self) -> &'static [&'static str] {
        &[]
    }

    /// Whether a caller's request value `t`, passed to a helper's parameter that reaches a
    /// sink of the rule ([`Effect::Sink`], `whole`: at the start of the value), is a finding:
    /// `None` if not, else the conditions it needs in the caller's file.
    fn reaches(&self, _whole: bool, _t: &Taint) -> Option<Vec<Cond>> {
        None
    }
}

/// What the sinks learn of a function before its body is walked.
pub(crate) struct FnStart<'f> {
    pub sig: &'f syn::Signature,
    pub body: &'f syn::Block,
    /// A method of an `IntoResponse`/`ResponseError`/`Responder`/`Reject` impl.
    pub response_impl: bool,
}

/// A call of a named function, as the sinks see it.
pub(crate) struct Call<'e> {
    pub expr: &'e syn::ExprCall,
    /// The segments of its path (`["sqlx", "query"]`).
    pub segs: &'e [String],
    /// The last segment (`query`).
    pub name: &'e str,
    /// The segment before the last (`sqlx`), or `""`.
    pub owner: &'e str,
    /// The arguments' values.
    pub args: &'e [Val],
}

/// A method call, as the sinks see it.
pub(crate) struct MethodCall<'e> {
    pub expr: &'e syn::ExprMethodCall,
    pub name: &'e str,
    /// The receiver's value.
    pub recv: &'e Val,
    /// The arguments' values.
    pub args: &'e [Val],
}

/// Argument lists the engine is about to evaluate ([`FnSink::enter`]).
#[derive(Clone, Copy)]
pub(crate) enum Args<'e> {
    Tuple(&'e syn::ExprTuple),
    Call(&'e syn::ExprCall),
    /// A method call's arguments (its receiver evaluated before).
    Method(&'e syn::ExprMethodCall),
}

/// Where a value counts how many times something is done or allocated.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Count {
    /// The end of a loop's range (`for i in 0..n`).
    Loop,
    /// The length of an array (`[0; n]`).
    Array,
    /// The length of `vec![x; n]`.
    Vec,
}

/// A data-flow rule's sinks in one function, with their state: the engine calls these hooks
/// as it walks the body, with the values it computed. Every hook does nothing unless the
/// rule overrides it.
pub(crate) trait FnSink {
    /// A `let` with an initializer, once the initializer is evaluated.
    fn local(&mut self, _l: &syn::Local, _init: &Expr) {}

    /// Before the engine evaluates an argument list (the sink may change how it judges what
    /// is built inside).
    fn enter(&mut self, _args: Args<'_>) {}

    /// After the argument list of the last [`FnSink::enter`] is evaluated.
    fn leave(&mut self, _args: Args<'_>) {}

    /// Before the engine walks a branch of an `if` on `cond`: the one taken when it holds
    /// (`then`), or the `else` (the sink may change how it judges what is built inside).
    fn enter_branch(&mut self, _cond: &Expr, _then: bool) {}

    /// After the branch of the last [`FnSink::enter_branch`] is walked.
    fn leave_branch(&mut self) {}

    /// A call of a named function.
    fn call(&mut self, _cx: &mut Fx<'_, '_, '_>, _c: &Call<'_>) {}

    /// A method call.
    fn method(&mut self, _cx: &mut Fx<'_, '_, '_>, _m: &MethodCall<'_>) {}

    /// A tuple, with its elements' values. `true` when it pairs its values with a client
    /// error's status (`(e.to_string(), StatusCode::BAD_REQUEST)`): the response it is the
    /// parts of is a 4xx, and the errors' text in it is not followed further.
    fn tuple(&mut self, _cx: &mut Fx<'_, '_, '_>, _t: &syn::ExprTuple, _vals: &[Val]) -> bool {
        false
    }

    /// A count (`len`, of value `v`).
    fn count(&mut self, _cx: &mut Fx<'_, '_, '_>, _what: Count, _len: &Expr, _v: &Val) {}

    /// A macro (named `name`) and the value it yields.
    fn mac(&mut self, _cx: &mut Fx<'_, '_, '_>, _m: &syn::Macro, _name: &str, _v: &Val) {}

    /// An argument of one of the rule's [`FlowSink::arg_macros`].
    fn macro_arg(&mut self, _cx: &mut Fx<'_, '_, '_>, _a: &Expr, _v: &Val) {}

    /// A format string (`fmt`, written at `at`) and the values of the arguments it
    /// renders, in order, before rendering.
    fn format(&mut self, _cx: &mut Fx<'_, '_, '_>, _fmt: &str, _at: &Expr, _args: &[Val]) {}

    /// A handler passes request value `t` (at `at`) as argument `arg` to `callee` (a
    /// method or not): the helper's summary decides after the parallel pass.
    fn helper_call(&mut self, _callee: (&str, bool, usize), _t: &Taint, _at: Span) {}

    /// The end of the function.
    fn finish(&mut self, _cx: &mut Fx<'_, '_, '_>) {}

    /// In a helper: whether parameter `i` reaches, unbounded, a use that counts for the rule
    /// only where a caller's finding asks for it ([`Effect::Use`]).
    fn uses_param(&self, _i: usize) -> bool {
        false
    }
}

/// A data-flow rule's sinks in the function being walked.
pub(super) struct Sink {
    pub(super) rule: Rule,
    pub(super) def: &'static dyn FlowSink,
    pub(super) state: Box<dyn FnSink>,
}

/// The sinks of the data-flow rules (all of them: see [`FlowSink`]), with their rules.
pub(super) fn flow_sinks() -> impl Iterator<Item = (Rule, &'static dyn FlowSink)> {
    crate::rust::RUST_RULES
        .iter()
        .filter_map(|r| r.flow().map(|s| (r.rule(), s)))
}
