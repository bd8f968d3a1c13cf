//! Local data flow inside functions: where request values and error texts go.
//!
//! One pass over each function body, statement by statement, tracks what every local
//! variable holds ([`Val`]): a value from the request (a [`Taint`], with where it came from
//! and what kind of value it is) and/or an error (raw, or rendered to text). The engine names
//! no rule: at each place a value can end up (a call, a method call, a macro, a tuple, a
//! repetition count, a format string, a value passed to a helper) it asks the sinks of the
//! data-flow rules ([`FlowSink`], each in its rule's file), which decide whether the value is
//! a finding of their rule there and report it ([`Fx::report`], [`Fx::push_hit`]).
//!
//! Sources are the extractor arguments of handlers (`Query(q)`, `Json(body)`, `Path(id)`,
//! `web::Query<T>`, `HttpRequest`, `HeaderMap`, Rocket's `<params>` and `data`), error
//! values (`Err(e)`, `.map_err(|e| …)`, parameters typed as errors, `self` in
//! `IntoResponse`/`ResponseError` impls). What derives from them by field access, method
//! calls, `format!`, concatenation and pattern bindings carries the taint. Bounds (`min`,
//! `clamp`, a comparison, `%`, a narrow cast, a function named as a check) are noted on the
//! values and their origins.
//!
//! Helpers are followed one level: every other function is analysed with its parameters as
//! sources and yields a [`Summary`] (which parameter reaches which rule's sink, which
//! parameter it bounds); a handler's call passing a request value is matched with the
//! summaries of the project after the parallel pass, the sink's rule judging the caller's
//! value ([`FlowSink::reaches`]). Kinds that depend on a struct defined elsewhere (is
//! `q.name` a `String` or an `i64`?) are [`Cond`]itions resolved the same way; structs of
//! files not walked, another crate's, are read on demand ([`wanted_structs`]).

use std::collections::{HashMap, HashSet};

use apiward_diagnostics::Span;
use syn::punctuated::Punctuated;
use syn::visit::{self, Visit};
use syn::{Expr, Pat, Type};

use super::{pat_ident, segments, Hit, MacroArgs, Walker};
use crate::Rule;

/// Byte strings of request extractors as they appear in handler signatures: a file without
/// any can hold no handler. Helpers (where the sinks often are) are parsed on demand, when a
/// handler passes them a request value, so sink names are not markers.
pub(crate) const SOURCE_MARKERS: &[&str] = &[
    "Query<",
    "Query(",
    "Json<",
    "Json(",
    "Form<",
    "Form(",
    "Path<",
    "Path(",
    "HttpRequest",
    "HeaderMap",
    ": Request",
    // `body: Bytes`, `web::Bytes` (not zerocopy's `FromBytes, IntoBytes` derives).
    ": Bytes,",
    ": Bytes)",
    "::Bytes,",
    "::Bytes)",
    "Multipart",
    // An extractor imported under another name (`use axum::Json as JsonResponse`).
    "Json as ",
    "Query as ",
    "Form as ",
    "Path as ",
    // Route attributes (not pyo3's `#[getter]`).
    "#[get(",
    "#[post(",
    "#[put(",
    "#[delete(",
    "#[patch(",
    "#[route(",
];

/// Byte strings of validation bounds on struct fields (`#[garde(range(max = ..))]`,
/// `#[validate(range(..))]`, `#[param(maximum = ..)]`): the structs of a file holding one
/// are read when a finding depends on them (see [`wanted_structs`]).
pub(crate) const BOUND_ATTR_MARKERS: &[&str] = &["garde(", "validate(", "maximum"];

/// Byte strings of collection types in struct fields (`HashMap<`, `Vec<`): the structs of
/// a file holding one are read when a finding depends on whether a field is a collection
/// (see [`Cond::NotCollection`]).
pub(crate) const COLLECTION_MARKERS: &[&str] = &[
    "HashMap<",
    "BTreeMap<",
    "HashSet<",
    "BTreeSet<",
    "Vec<",
    "VecDeque<",
    "DashMap<",
    "DashSet<",
    "IndexMap<",
    "IndexSet<",
];

/// Collections of values kept in memory (std's, `dashmap`'s, `indexmap`'s): a value of one
/// is never an HTTP client, whatever its name.
const COLLECTIONS: &[&str] = &[
    "HashMap",
    "BTreeMap",
    "HashSet",
    "BTreeSet",
    "Vec",
    "VecDeque",
    "DashMap",
    "DashSet",
    "IndexMap",
    "IndexSet",
    "LinkedList",
    "BinaryHeap",
];

/// Whether a collection type is named here: `HashMap` in `HashMap::new`, the last segment of a
/// path.
pub(crate) fn is_collection_name(name: &str) -> bool {
    COLLECTIONS.contains(&name)
}

/// Whether a declared type is a collection ([`COLLECTIONS`]), through references and shared
/// pointers (`&HashMap<K, V>`, `Arc<DashMap<K, V>>`).
pub(crate) fn is_collection_type(ty: &Type) -> bool {
    let Some(seg) = last_seg(strip_ty(ty)) else {
        return false;
    };
    let name = seg.ident.to_string();
    match name.as_str() {
        "Arc" | "Rc" | "Box" => type_args(seg)
            .first()
            .is_some_and(|t| is_collection_type(t)),
        n => is_collection_name(n),
    }
}

// ---------------------------------------------------------------------------------------
// Facts that leave the file.

/// How a value of a struct field or a type is judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// Strings, paths, URLs, JSON values: can carry SQL or a URL.
    Text,
    /// Integers and floats of 32 bits or more: can size an allocation.
    Number,
    /// `u8`, `i16`, `bool`, …: too small to matter.
    Narrow,
    /// Uuids, dates, addresses: parsed, cannot carry text.
    Safe,
    /// Another struct or enum, a generic.
    Other,
}

/// The fields of a struct (for kinds decided after the parallel pass).
#[derive(Debug, Clone)]
pub(crate) struct StructFact {
    pub name: String,
    pub fields: Vec<(String, Class, bool)>,
    /// The fields declared as collections ([`is_collection_type`]).
    pub collections: Vec<String>,
}

/// A finding stands only if its conditions hold.
#[derive(Debug, Clone)]
pub(crate) enum Cond {
    /// Field `.1` of struct `.0` holds text (or the struct is not in the project).
    FieldText(String, String),
    /// Field `.1` of struct `.0` is a wide number without a validation bound.
    FieldWide(String, String),
    /// One of these helpers (name, is method, argument index) makes a use of its argument
    /// that counts for `rule` ([`Effect::Use`]) without bounding it.
    UsedBy {
        rule: Rule,
        calls: Vec<(String, bool, usize)>,
    },
    /// The value was put into field `.1` of struct `.0` (a literal, a builder's setter):
    /// holds unless that field has a validation bound or a narrow type.
    Into(String, String),
    /// The error came from a call of this function: holds unless it is one of the
    /// project's in-memory encoders ([`in_memory_encoder`]).
    NotEncoder(String),
    /// Field `.1` of struct `.0` is not declared as a collection ([`is_collection_type`]):
    /// holds unless the struct's definition in the project says it is.
    NotCollection(String, String),
}

/// What a function does with one of its parameters.
#[derive(Debug, Clone)]
pub(crate) enum Effect {
    /// The parameter reaches a sink of `rule` (an id the sink chose, for the engine opaque).
    Sink {
        rule: Rule,
        span: Span,
        /// The parameter is at the start of the value reaching the sink.
        whole: bool,
        /// The message around the request value's description.
        what: (String, String),
        conds: Vec<Cond>,
    },
    /// The parameter is bounded before use.
    Bounds,
    /// The parameter reaches, unbounded, a use that counts for `rule` only where a caller's
    /// finding asks for it ([`Cond::UsedBy`]).
    Use(Rule),
}

#[derive(Debug, Clone)]
pub(crate) struct Summary {
    pub func: String,
    pub method: bool,
    /// Its parameters (not counting `self`): a call with another number of arguments is
    /// of another function.
    pub arity: usize,
    pub param: usize,
    pub effect: Effect,
}

/// A handler passing a request value to a function.
#[derive(Debug, Clone)]
pub(crate) struct CallFact {
    pub callee: String,
    /// The module a function call names before the function (`scheduler` in
    /// `db::scheduler::delete(..)`): the callee is the function of that module's file.
    pub module: Option<String>,
    pub method: bool,
    /// The call's arguments (not counting the receiver).
    pub arity: usize,
    pub arg: usize,
    pub taint: Taint,
    pub handler: String,
    pub span: Span,
}

/// Everything the flow rules yield for one file.
#[derive(Debug, Default)]
pub(crate) struct FlowFacts {
    /// The flow pass ran on the whole file.
    pub walked: bool,
    pub structs: Vec<StructFact>,
    pub hits: Vec<(Hit, Vec<Cond>)>,
    pub summaries: Vec<Summary>,
    pub calls: Vec<CallFact>,
    /// Functions of the file that only encode values into memory ([`in_memory_encoder`]):
    /// the errors they fail with are formatting errors, fixed text.
    pub encoders: Vec<String>,
}

// ---------------------------------------------------------------------------------------
// Sinks.

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

    /// A call of a named function.
    fn call(&mut self, _cx: &mut Fx<'_, '_, '_>, _c: &Call<'_>) {}

    /// A method call.
    fn method(&mut self, _cx: &mut Fx<'_, '_, '_>, _m: &MethodCall<'_>) {}

    /// A tuple, with its elements' values.
    fn tuple(&mut self, _cx: &mut Fx<'_, '_, '_>, _t: &syn::ExprTuple, _vals: &[Val]) {}

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
struct Sink {
    rule: Rule,
    def: &'static dyn FlowSink,
    state: Box<dyn FnSink>,
}

/// The sinks of the data-flow rules (all of them: see [`FlowSink`]), with their rules.
fn flow_sinks() -> impl Iterator<Item = (Rule, &'static dyn FlowSink)> {
    super::RUST_RULES
        .iter()
        .filter_map(|r| r.flow().map(|s| (r.rule(), s)))
}

// ---------------------------------------------------------------------------------------
// Values.

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Kind {
    Text,
    Number,
    /// An extractor's struct (`Query<Params>`): its fields are looked up.
    Struct(String),
    /// Field `.1` of struct `.0`: its kind is a [`Cond`].
    Field(String, String),
    /// An `HttpRequest`/`Request`: some methods give request text.
    Request,
    Unknown,
}

/// Where a request value came from, for messages and for the sinks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Src {
    Query,
    Body,
    Path,
    Header,
    Request,
    /// A parameter of a helper (summary mode).
    Param(usize),
}

#[derive(Debug, Clone)]
pub(crate) struct Taint {
    pub kind: Kind,
    pub src: Src,
    /// The expression it was read from (`q.limit`).
    pub origin: String,
    /// The value starts with request data (a URL's scheme and host are the client's).
    pub whole: bool,
    /// Bounded by `min`, `clamp`, `%`, a comparison or a narrow cast.
    pub bounded: bool,
}

/// An error value: raw, rendered to text, or `self` of an error type (whose `Display` is
/// the author's message, whose `Debug` is not).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fault {
    Raw,
    Text,
    Curated,
    /// `self` of an error type that wraps no other error: its `Debug` shows nothing more.
    Plain,
    /// The error of parsing or converting a value (`s.parse()`, `u32::try_from(n)`,
    /// `from_utf8`, a glob pattern): its `Display` describes the value (the client's own
    /// input, a setting), not the server's internals; its `Debug` is still not shown.
    Parse,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Val {
    pub req: Option<Taint>,
    pub err: Option<Fault>,
    /// Where the error was bound (`Err(e)`, `|e|`): one report per error.
    pub err_src: u32,
}

impl Val {
    fn req(t: Taint) -> Self {
        Val {
            req: Some(t),
            ..Val::default()
        }
    }
    fn err(e: Fault, src: Span) -> Self {
        Val {
            err: Some(e),
            err_src: src.start,
            ..Val::default()
        }
    }
    fn is_empty(&self) -> bool {
        self.req.is_none() && self.err.is_none()
    }
    /// Whether the value is request data itself (text, a number), not an object holding
    /// some: a method called on it is no helper of the project, nor an API taking it.
    pub(crate) fn is_request_data(&self) -> bool {
        self.req.as_ref().is_some_and(|t| {
            matches!(
                t.kind,
                Kind::Text | Kind::Field(..) | Kind::Unknown | Kind::Number
            )
        })
    }
    fn union(mut self, o: Val) -> Val {
        self.req = match (self.req.take(), o.req) {
            (Some(a), Some(b)) => Some(if !a.whole && b.whole { b } else { a }),
            (a, b) => a.or(b),
        };
        if self.err.is_none() || (self.err != Some(Fault::Text) && o.err == Some(Fault::Text)) {
            self.err_src = o.err_src;
        }
        self.err = match (self.err, o.err) {
            (Some(Fault::Text), _) | (_, Some(Fault::Text)) => Some(Fault::Text),
            (a, b) => a.or(b),
        };
        self
    }
    /// The value rendered with `Display` (`to_string`, `{}`) or `Debug` (`{:?}`).
    fn rendered(mut self, debug: bool) -> Val {
        self.err = match self.err {
            Some(Fault::Curated | Fault::Parse) if !debug => None,
            Some(Fault::Plain) => None,
            Some(_) => Some(Fault::Text),
            None => None,
        };
        if let Some(t) = &mut self.req {
            if !matches!(t.kind, Kind::Number) {
                t.kind = match &t.kind {
                    Kind::Field(..) => t.kind.clone(),
                    _ => Kind::Text,
                };
            }
        }
        self
    }
}

// ---------------------------------------------------------------------------------------
// Types.

fn last_seg(ty: &Type) -> Option<&syn::PathSegment> {
    match ty {
        Type::Path(p) => p.path.segments.last(),
        _ => None,
    }
}

fn type_args(seg: &syn::PathSegment) -> Vec<&Type> {
    match &seg.arguments {
        syn::PathArguments::AngleBracketed(a) => a
            .args
            .iter()
            .filter_map(|g| match g {
                syn::GenericArgument::Type(t) => Some(t),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn strip_ty(mut ty: &Type) -> &Type {
    loop {
        ty = match ty {
            Type::Reference(r) => &r.elem,
            Type::Paren(p) => &p.elem,
            Type::Group(g) => &g.elem,
            _ => return ty,
        };
    }
}

/// Whether a type's name says it is an error or a refusal (`ApiError`, `AppErr`,
/// `AuthRejection`, `Failure`, `Problem`): one of its words.
fn names_error(name: &str) -> bool {
    apiward_source::auth::words(name).iter().any(|w| {
        matches!(
            w.as_str(),
            "error"
                | "errors"
                | "err"
                | "rejection"
                | "reject"
                | "failure"
                | "fail"
                | "problem"
                | "fault"
                | "exception"
        )
    })
}

pub(crate) fn classify_name(name: &str) -> Option<Class> {
    Some(match name {
        "u32" | "u64" | "u128" | "usize" | "i32" | "i64" | "i128" | "isize" | "f32" | "f64"
        | "NonZeroU32" | "NonZeroU64" | "NonZeroUsize" => Class::Number,
        "u8" | "i8" | "u16" | "i16" | "bool" | "char" | "NonZeroU8" | "NonZeroU16" => Class::Narrow,
        "String" | "str" | "PathBuf" | "OsString" | "Url" | "Uri" | "Value" | "Bytes"
        | "BytesMut" | "HashMap" | "BTreeMap" | "IndexMap" | "Map" => Class::Text,
        "Uuid" | "DateTime" | "NaiveDate" | "NaiveDateTime" | "NaiveTime" | "Date" | "Time"
        | "OffsetDateTime" | "PrimitiveDateTime" | "IpAddr" | "Ipv4Addr" | "Ipv6Addr"
        | "SocketAddr" | "Duration" | "Ulid" | "Decimal" | "StatusCode" => Class::Safe,
        _ => return None,
    })
}

/// How a type is judged; wrappers (`Option`, `Vec`, `Box`, `Cow`, …) are seen through.
pub(crate) fn classify(ty: &Type) -> Class {
    let ty = strip_ty(ty);
    match ty {
        Type::Slice(syn::TypeSlice { elem, .. }) | Type::Array(syn::TypeArray { elem, .. })
            if matches!(classify(elem), Class::Narrow) =>
        {
            Class::Text
        }
        Type::Path(p) => {
            let Some(seg) = p.path.segments.last() else {
                return Class::Other;
            };
            let name = seg.ident.to_string();
            if let Some(c) = classify_name(&name) {
                return c;
            }
            match name.as_str() {
                "Option" | "Vec" | "Box" | "Arc" | "Rc" | "Cow" | "HashSet" | "BTreeSet"
                | "VecDeque" | "Json" | "Form" | "Query" | "Path" | "Data" => {
                    let args = type_args(seg);
                    match args.first() {
                        Some(t) => {
                            let c = classify(t);
                            // `Vec<u8>`: bytes of text.
                            if name == "Vec" && c == Class::Narrow {
                                Class::Text
                            } else {
                                c
                            }
                        }
                        None => Class::Other,
                    }
                }
                _ => Class::Other,
            }
        }
        _ => Class::Other,
    }
}

/// The struct a type names, through wrappers (`Option<Json<Params>>` → `Params`).
fn struct_name(ty: &Type) -> Option<String> {
    let seg = last_seg(strip_ty(ty))?;
    let name = seg.ident.to_string();
    if classify_name(&name).is_some() {
        return None;
    }
    match name.as_str() {
        "Option" | "Vec" | "Box" | "Arc" | "Rc" | "Json" | "Form" | "Query" | "Path" => {
            type_args(seg).first().and_then(|t| struct_name(t))
        }
        _ if name.len() == 1 => None,
        _ => Some(name),
    }
}

/// What an extractor of this name carries (`Json` → the body), without its argument.
fn extractor_name(name: &str) -> Option<Src> {
    Some(match name {
        "Query" | "QsQuery" | "Qs" | "QueryParams" | "RawQuery" => Src::Query,
        "Json" | "Form" | "QsForm" | "JsonBody" | "RawForm" | "Multipart" | "Bytes" => Src::Body,
        "Path" => Src::Path,
        "HeaderMap" => Src::Header,
        "HttpRequest" | "Request" => Src::Request,
        _ => return None,
    })
}

/// Extractors and what they carry; `renames` are the file's imports of extractors under
/// another name.
fn extractor<'t>(
    ty: &'t Type,
    renames: &HashMap<String, String>,
) -> Option<(Src, Option<&'t Type>)> {
    let seg = last_seg(strip_ty(ty))?;
    let own = seg.ident.to_string();
    let name = renames.get(&own).map_or(own.as_str(), String::as_str);
    let args = type_args(seg);
    let inner = args.first().copied();
    match name {
        "Option" | "Result" => return inner.and_then(|t| extractor(t, renames)),
        "Json" | "Form" | "QsForm" | "JsonBody" if inner.is_none() => return None,
        "Path" if inner.is_none() => return None,
        n if n.starts_with("Valid") => {
            let t = inner?;
            return extractor(t, renames).or(Some((Src::Body, Some(t))));
        }
        _ => {}
    }
    Some((extractor_name(name)?, inner))
}

/// The request value an extractor of type `inner` yields.
fn value_of(inner: Option<&Type>, src: Src, origin: &str) -> Option<Taint> {
    let kind = match (src, inner) {
        (Src::Request, _) => Kind::Request,
        (_, None) => Kind::Text,
        (_, Some(t)) => match classify(t) {
            Class::Text => Kind::Text,
            Class::Number => Kind::Number,
            Class::Narrow | Class::Safe => return None,
            Class::Other => match struct_name(t) {
                Some(s) => Kind::Struct(s),
                None => Kind::Unknown,
            },
        },
    };
    Some(Taint {
        kind,
        src,
        origin: origin.to_owned(),
        whole: true,
        bounded: false,
    })
}

/// `("'", "''")` (also `('\'', "''")`): the arguments of a `replace` that doubles single
/// quotes.
fn sql_quote_doubling(args: &Punctuated<Expr, syn::Token![,]>) -> bool {
    let lit = |e: &Expr| match e {
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) => Some(s.value()),
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Char(c),
            ..
        }) => Some(c.value().to_string()),
        _ => None,
    };
    let mut it = args.iter();
    matches!(
        (it.next().and_then(lit), it.next().and_then(lit), it.next()),
        (Some(a), Some(b), None) if a == "'" && b == "''"
    )
}

/// Whether trait bounds leave a type opaque to text: at least one trait, none of those
/// that turn a value into text (`AsRef<str>`, `Into<String>`, `Display`, `ToString`).
fn opaque_bounds<'b>(bounds: impl Iterator<Item = &'b syn::TypeParamBound>) -> bool {
    let mut traits = 0;
    for b in bounds {
        if let syn::TypeParamBound::Trait(t) = b {
            let Some(last) = t.path.segments.last() else {
                continue;
            };
            traits += 1;
            if matches!(
                last.ident.to_string().as_str(),
                "AsRef"
                    | "Into"
                    | "ToString"
                    | "Display"
                    | "Borrow"
                    | "Deref"
                    | "From"
                    | "ToOwned"
                    | "Serialize"
                    | "Debug"
            ) {
                return false;
            }
        }
    }
    traits > 0
}

fn is_error_type(ty: &Type) -> bool {
    match strip_ty(ty) {
        Type::Path(p) => p.path.segments.last().is_some_and(|s| {
            let n = s.ident.to_string();
            if n == "Box" {
                return type_args(s).first().is_some_and(|t| is_error_type(t));
            }
            (n.ends_with("Error") && n != "ResponseError") || n == "Report"
        }),
        Type::TraitObject(t) => t.bounds.iter().any(|b| match b {
            syn::TypeParamBound::Trait(t) => {
                t.path.segments.last().is_some_and(|s| s.ident == "Error")
            }
            _ => false,
        }),
        Type::ImplTrait(t) => t.bounds.iter().any(|b| match b {
            syn::TypeParamBound::Trait(t) => {
                t.path.segments.last().is_some_and(|s| s.ident == "Error")
            }
            _ => false,
        }),
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------
// Format strings.

enum Piece {
    Lit(String),
    Arg { arg: Arg, debug: bool },
}

enum Arg {
    Next,
    Index(usize),
    Name(String),
}

fn pieces(fmt: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut lit = String::new();
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                lit.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                lit.push('}');
            }
            '{' => {
                let mut inner = String::new();
                for c in chars.by_ref() {
                    if c == '}' {
                        break;
                    }
                    inner.push(c);
                }
                if !lit.is_empty() {
                    out.push(Piece::Lit(std::mem::take(&mut lit)));
                }
                let (name, spec) = inner.split_once(':').unwrap_or((inner.as_str(), ""));
                let name = name.trim();
                let arg = if name.is_empty() {
                    Arg::Next
                } else if let Ok(i) = name.parse() {
                    Arg::Index(i)
                } else {
                    Arg::Name(name.to_owned())
                };
                out.push(Piece::Arg {
                    arg,
                    debug: spec.contains('?'),
                });
            }
            c => lit.push(c),
        }
    }
    if !lit.is_empty() {
        out.push(Piece::Lit(lit));
    }
    out
}

/// Whether text written so far leaves the URL's host to what follows (`""`, `"https://"`,
/// `"http://api."`): then request text after it picks the host.
fn host_open(prefix: &str) -> bool {
    if prefix.is_empty() {
        return true;
    }
    match prefix.find("://") {
        Some(i) => !prefix[i + 3..].contains(['/', '?', '#']),
        None => false,
    }
}

// ---------------------------------------------------------------------------------------
// The file pass.

/// File-local definitions the analysis needs while it runs.
#[derive(Default)]
pub(crate) struct Defs {
    /// Enum variants and the classes of their payloads.
    enums: HashMap<String, HashMap<String, Payload>>,
    /// Struct fields (named and positional) and their classes.
    structs: HashMap<String, Vec<(String, Class)>>,
    /// Extractors imported under another name (`use axum::Json as JsonResponse`): the
    /// alias and the extractor's own name.
    renames: HashMap<String, String>,
}

/// The `use` renames of a tree (`Json as JsonResponse`): each alias and the last name of
/// the path it stands for.
fn use_renames(tree: &syn::UseTree, out: &mut HashMap<String, String>) {
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

fn bound_attr(attrs: &[syn::Attribute]) -> bool {
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

struct DefCollector<'f> {
    defs: &'f mut Defs,
    facts: &'f mut Vec<StructFact>,
}

impl<'ast> Visit<'ast> for DefCollector<'_> {
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
                .map(|i| i.to_string())
                .unwrap_or_else(|| i.to_string());
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
                    (f.ident.as_ref().map(|i| i.to_string()), c)
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
    let defs = match whole {
        Some((defs, structs)) => {
            if !w.out.flow.walked {
                facts.structs = structs.to_vec();
            }
            defs
        }
        None => {
            gather_defs(file, &mut own, &mut facts.structs);
            &own
        }
    };
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
    let before = &mut w.out.flow;
    if before.walked {
        before.structs.append(&mut facts.structs);
        before.hits.append(&mut facts.hits);
        before.summaries.append(&mut facts.summaries);
        before.calls.append(&mut facts.calls);
        before.encoders.append(&mut facts.encoders);
    } else {
        *before = facts;
    }
}

struct FnCollector<'c, 'ast, 'a> {
    w: &'c mut Walker<'ast, 'a>,
    defs: &'c Defs,
    facts: &'c mut FlowFacts,
    impl_self: Option<String>,
    error_impl: bool,
}

impl<'v> Visit<'v> for FnCollector<'_, '_, '_> {
    fn visit_item_mod(&mut self, m: &'v syn::ItemMod) {
        let t = super::is_test_module(m);
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
fn rocket_params(attrs: &[syn::Attribute]) -> Option<Vec<(String, Src)>> {
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
fn member_name(m: &syn::Member) -> String {
    match m {
        syn::Member::Named(n) => n.to_string(),
        syn::Member::Unnamed(i) => i.index.to_string(),
    }
}

impl FnCollector<'_, '_, '_> {
    fn analyse(&mut self, sig: &syn::Signature, attrs: &[syn::Attribute], body: &syn::Block) {
        let name = sig.ident.to_string();
        if sig.asyncness.is_none() {
            let at = self.w.span(&body.brace_token.span.join());
            if in_memory_encoder(sig, self.w.source(at)) {
                self.facts.encoders.push(name.clone());
            }
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
            scrutinee_callee: None,
            err_callees: HashMap::new(),
            depth: 0,
            channels: HashSet::new(),
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

// ---------------------------------------------------------------------------------------
// One function.

/// The fields of an enum variant and their classes.
type Payload = Vec<(Option<String>, Class)>;

/// A payload binding of an error enum: wrapped errors are raw errors, text is the
/// author's message.
fn payload_val(class: Option<Class>, at: Span) -> Val {
    match class {
        Some(Class::Other) => Val::err(Fault::Raw, at),
        _ => Val::default(),
    }
}

/// The walk of one function: what the sinks are handed to read values and report.
pub(crate) struct Fx<'f, 'ast, 'a> {
    w: &'f mut Walker<'ast, 'a>,
    defs: &'f Defs,
    facts: &'f mut FlowFacts,
    vars: HashMap<String, Val>,
    /// Origins bounded by a check (`q.limit`).
    bounded: HashSet<String>,
    /// Request values put into a struct's field: origin, struct, field.
    into_fields: Vec<(String, String, String)>,
    /// The data-flow rules' sinks, with their state in this function.
    sinks: Vec<Sink>,
    /// Summary mode (a helper): effects on parameters instead of findings.
    summary: Option<Vec<Summary>>,
    /// The function's parameters, not counting `self`.
    arity: usize,
    name: String,
    method: bool,
    self_ty: Option<String>,
    /// Above zero while evaluating a bound (`x.min(..)`, a comparison).
    in_bound: u32,
    /// The error an `Err(e)` pattern binds in the `match`/`let` being bound.
    scrutinee_err: Fault,
    /// The function of the project whose result that `match`/`let` looks at, if it is a
    /// plain call (`match to_csv(&rows) { Err(e) => .. }`).
    scrutinee_callee: Option<String>,
    /// The function each error bound from such a call came from, by where it was bound.
    err_callees: HashMap<u32, String>,
    /// Expressions being evaluated, one inside the other (see [`MAX_EXPR_DEPTH`]).
    depth: u32,
    /// The ends of channels made in the function (`let (tx, rx) = oneshot::channel()`):
    /// their errors are fixed text ([`Fx::error_of`]).
    channels: HashSet<String>,
}

/// Expressions nested deeper than this (a chain of a thousand method calls, say) are not
/// followed: their value is unknown. The walk recurses once per level, and must not run out
/// of stack, whatever the code.
const MAX_EXPR_DEPTH: u32 = 1024;

/// Methods that give a value of the same request text back (views, copies, unwrapping).
fn is_passthrough(m: &str) -> bool {
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
fn is_opaque(m: &str) -> bool {
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

impl<'ast> Fx<'_, 'ast, '_> {
    pub(crate) fn span(&self, n: &impl syn::spanned::Spanned) -> Span {
        self.w.span(n)
    }

    // -- bindings --------------------------------------------------------------------

    fn bind(&mut self, pat: &Pat, v: Val) {
        match pat {
            // `None`, `MAX`: a unit variant or a constant compared with, not a binding (a
            // later `None` is not the scrutinee's value).
            Pat::Ident(i)
                if i.subpat.is_none()
                    && i.by_ref.is_none()
                    && i.mutability.is_none()
                    && i.ident.to_string().starts_with(char::is_uppercase) => {}
            Pat::Ident(i) => {
                let name = i.ident.to_string();
                if v.is_empty() {
                    self.vars.remove(&name);
                } else {
                    self.vars.insert(name, v);
                }
            }
            Pat::Type(t) => {
                let v = self.typed(v, &t.ty);
                self.bind(&t.pat, v)
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
                            if let Some(f) = &self.scrutinee_callee {
                                self.err_callees.insert(at.start, f.clone());
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
                        None => self.field_of(&v, &name),
                    };
                    self.bind(&f.pat, fv);
                }
            }
            Pat::Tuple(t) => {
                for p in &t.elems {
                    self.bind(p, v.clone());
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
    fn payload(&self, path: &syn::Path, variant: &str, v: &Val) -> Option<Payload> {
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
    fn typed(&self, mut v: Val, ty: &Type) -> Val {
        if let Some(t) = &mut v.req {
            match classify(ty) {
                Class::Number => t.kind = Kind::Number,
                Class::Narrow | Class::Safe => v.req = None,
                _ => {}
            }
        }
        v
    }

    fn field_of(&self, base: &Val, field: &str) -> Val {
        let mut out = Val::default();
        if let Some(t) = &base.req {
            let origin = format!("{}.{field}", t.origin);
            let kind = match &t.kind {
                Kind::Struct(s) => Kind::Field(s.clone(), field.to_owned()),
                Kind::Number => Kind::Number,
                Kind::Request => return Val::default(),
                _ => Kind::Text,
            };
            let nt = Taint {
                kind,
                origin,
                ..t.clone()
            };
            out.req = Some(nt);
        }
        if let Some(e) = base.err {
            out.err_src = base.err_src;
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

    fn bound(&mut self, v: &Val) {
        if let Some(t) = &v.req {
            self.bounded.insert(t.origin.clone());
        }
    }

    // -- statements ------------------------------------------------------------------

    fn block(&mut self, b: &syn::Block) -> Val {
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

    fn exprs<'e>(&mut self, es: impl IntoIterator<Item = &'e Expr>) -> Val {
        let mut v = Val::default();
        for e in es {
            let x = self.expr(e);
            v = v.union(x);
        }
        v
    }

    fn expr(&mut self, e: &Expr) -> Val {
        if self.depth >= MAX_EXPR_DEPTH {
            return Val::default();
        }
        self.depth += 1;
        let v = self.expr_at(e);
        self.depth -= 1;
        v
    }

    fn expr_at(&mut self, e: &Expr) -> Val {
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
                            t.kind = Kind::Number
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
                let it = match super::peel(&f.expr) {
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
                let a = self.block(&i.then_branch);
                let b = match &i.else_branch {
                    Some((_, e)) => self.expr(e),
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
                let callee = std::mem::replace(&mut self.scrutinee_callee, plain_callee(&l.expr));
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
                let callee = plain_callee(&m.expr);
                for arm in &m.arms {
                    let outer = std::mem::replace(&mut self.scrutinee_err, err);
                    let outer_callee =
                        std::mem::replace(&mut self.scrutinee_callee, callee.clone());
                    self.bind(&arm.pat, v.clone());
                    self.scrutinee_err = outer;
                    self.scrutinee_callee = outer_callee;
                    if let Some((_, g)) = &arm.guard {
                        self.expr(g);
                    }
                    let x = self.expr(&arm.body);
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
                for f in &s.fields {
                    let x = self.expr(&f.expr);
                    if let (Some(t), Some(st), syn::Member::Named(field)) =
                        (&x.req, &name, &f.member)
                    {
                        self.into_fields
                            .push((t.origin.clone(), st.clone(), field.to_string()));
                    }
                    v = v.union(x);
                }
                if let Some(r) = &s.rest {
                    self.expr(r);
                }
                if let Some(t) = &mut v.req {
                    t.whole = false;
                    t.kind = Kind::Unknown;
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

    fn closure(&mut self, c: &syn::ExprClosure, param: Val) -> Val {
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

    fn binary(&mut self, b: &syn::ExprBinary) -> Val {
        use syn::BinOp::*;
        let comparison = matches!(b.op, Lt(_) | Le(_) | Gt(_) | Ge(_));
        if comparison {
            self.in_bound += 1;
        }
        let l = self.expr(&b.left);
        let r = self.expr(&b.right);
        if comparison {
            self.in_bound -= 1;
            self.bound(&l);
            self.bound(&r);
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

    fn tuple(&mut self, t: &syn::ExprTuple) -> Val {
        let vals: Vec<Val> = self.args(Args::Tuple(t), |me| {
            t.elems.iter().map(|x| me.expr(x)).collect()
        });
        self.ask(|s, cx| s.tuple(cx, t, &vals));
        vals.into_iter().fold(Val::default(), Val::union)
    }

    /// Evaluates an argument list between the sinks' [`FnSink::enter`] and
    /// [`FnSink::leave`].
    fn args<T>(&mut self, args: Args<'_>, f: impl FnOnce(&mut Self) -> T) -> T {
        for s in &mut self.sinks {
            s.state.enter(args);
        }
        let out = f(self);
        for s in &mut self.sinks {
            s.state.leave(args);
        }
        out
    }

    /// Asks every sink: `f` gets each in turn, with the walk.
    fn ask(&mut self, mut f: impl FnMut(&mut dyn FnSink, &mut Self)) {
        let mut sinks = std::mem::take(&mut self.sinks);
        for s in &mut sinks {
            f(s.state.as_mut(), self);
        }
        self.sinks = sinks;
    }

    fn call(&mut self, c: &syn::ExprCall) -> Val {
        let Some(path) = super::call_path(c) else {
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
        // A helper: followed through its summary.
        if self.summary.is_none() {
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

    fn call_fact(&mut self, callee: (&str, usize), method: bool, arg: usize, t: Taint, span: Span) {
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

    fn method(&mut self, m: &syn::ExprMethodCall) -> Val {
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
        let mut args = Vec::with_capacity(m.args.len());
        for (i, a) in m.args.iter().enumerate() {
            let v = match a {
                Expr::Closure(c) => {
                    // The error handler of a `Result` gets the error.
                    let param = if on_error && i == 0 && !c.inputs.is_empty() {
                        Val::err(self.error_of(&m.receiver), self.span(c))
                    } else {
                        r.clone()
                    };
                    self.closure(c, param)
                }
                a => self.expr(a),
            };
            args.push(v);
        }
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
                if matches!(super::peel(&m.receiver), Expr::Range(_))
                    || matches!(super::peel(&m.receiver), Expr::Paren(_))
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
                        t.whole = t.whole && !self.vars.contains_key(&var);
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
            ..Val::default()
        };
        if let Some(e) = r.err {
            out.err = match (e, name.as_str()) {
                (_, "to_string" | "description" | "backtrace") => {
                    if matches!(e, Fault::Curated | Fault::Plain | Fault::Parse)
                        && name == "to_string"
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
            if is_passthrough(&name) || matches!(t.kind, Kind::Field(..) | Kind::Text) {
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

    fn mac(&mut self, m: &syn::Macro) -> Val {
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

    fn mac_value(&mut self, m: &syn::Macro, name: &str) -> Val {
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
                        t.whole = t.whole && cur.req.is_none();
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
                            parts.push(Default::default())
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
                for a in args.iter() {
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

    fn format<'e>(&mut self, mut args: impl Iterator<Item = &'e Expr>) -> Val {
        let Some(fmt_expr) = args.next() else {
            return Val::default();
        };
        let fmt = match super::peel(fmt_expr) {
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
                        if !seen_req {
                            t.whole = t.whole && host_open(&prefix);
                            seen_req = true;
                        } else {
                            t.whole = false;
                        }
                    }
                    out = out.union(v);
                    prefix.push('X');
                }
            }
        }
        if let Some(t) = &mut out.req {
            if !all_numbers && !matches!(t.kind, Kind::Field(..)) {
                t.kind = Kind::Text;
            }
        }
        self.ask(|s, cx| s.format(cx, &fmt, fmt_expr, &rendered));
        out
    }

    // -- what the sinks are handed ----------------------------------------------------

    /// Reports request value `t` reaching a sink of `rule` at `at`: in a handler a finding
    /// (its message: `what.0`, the value, `what.1`), standing if `conds` hold; in a helper
    /// an effect on the parameter it came from, for the callers.
    pub(crate) fn report(
        &mut self,
        rule: Rule,
        at: Span,
        t: &Taint,
        what: (String, String),
        conds: Vec<Cond>,
    ) {
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
                    conds,
                },
            }),
            (Some(_), _) | (None, Src::Param(_)) => {}
            (None, _) => {
                let message = format!("{} {}{}", what.0, describe(t), what.1);
                if self.w.in_test() {
                    return;
                }
                self.facts.hits.push((
                    Hit {
                        rule,
                        span: at,
                        message,
                        info: false,
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
        let mut x = super::peel_try(e);
        if let Expr::Await(a) = x {
            x = super::peel_try(&a.base);
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
    pub(crate) fn err_callee(&self, src: u32) -> Option<&str> {
        self.err_callees.get(&src).map(String::as_str)
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

    fn finish(&mut self) {
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

/// The text of a string literal, also behind `.to_string()`, `.to_owned()`, `String::from`.
fn literal_text(e: &Expr) -> Option<String> {
    match super::peel(e) {
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) => Some(s.value()),
        Expr::MethodCall(m)
            if matches!(
                m.method.to_string().as_str(),
                "to_string" | "to_owned" | "into"
            ) =>
        {
            literal_text(&m.receiver)
        }
        Expr::Call(c) if c.args.len() == 1 => literal_text(&c.args[0]),
        _ => None,
    }
}

/// The function a plain call names (`to_csv(&rows)`, `helpers::encode(x)?`, awaited or
/// not), when its error is not already known to be a parse or encoding one.
fn plain_callee(e: &Expr) -> Option<String> {
    if error_of(e) != Fault::Raw {
        return None;
    }
    match super::peel_try(e) {
        Expr::Await(a) => plain_callee(&a.base),
        Expr::Call(c) => match &*c.func {
            Expr::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
            _ => None,
        },
        _ => None,
    }
}

/// A function that only encodes values into memory: not `async`, returns a `Result`,
/// builds a buffer of its own (`Vec::new()`, `vec![]`, `String::new()`, a `Cursor`) that a
/// writer or serializer fills (`csv::Writer::from_writer(vec![])`, `ArrayWriter::new(buf)`),
/// and touches no file, socket, database or process. Its errors are formatting errors of
/// the server's own values: their text tells nothing of its internals.
fn in_memory_encoder(sig: &syn::Signature, text: &str) -> bool {
    let returns_result = match &sig.output {
        syn::ReturnType::Type(_, ty) => {
            last_seg(ty).is_some_and(|s| s.ident.to_string().ends_with("Result"))
        }
        syn::ReturnType::Default => false,
    };
    if sig.asyncness.is_some() || !returns_result {
        return false;
    }
    let has = |needles: &[&str]| needles.iter().any(|n| text.contains(n));
    has(&[
        "Vec::new()",
        "vec![]",
        "Vec::with_capacity(",
        "String::new()",
        "Cursor::new(",
    ]) && has(&["Writer", "writer", "serialize", "encode"])
        && !has(&[
            "File", "fs::", "open(", "connect", "query", "execute", "fetch", "send(", "request",
            "Command", "socket", "Tcp", "read(", ".await",
        ])
}

/// Functions and methods that parse or convert a value: their errors describe the value.
fn is_parse_name(name: &str) -> bool {
    name.starts_with("parse")
        || matches!(
            name,
            "from_str"
                | "from_str_radix"
                | "try_from"
                | "try_into"
                | "from_utf8"
                | "from_utf16"
                | "to_str"
                | "glob"
                | "glob_with"
        )
}

/// The error a `Result`-giving expression fails with: [`Fault::Parse`] when it parses or
/// converts a value (`s.parse::<u64>()`, `u16::try_from(n)`, `humantime::parse_duration(s)`,
/// `String::from_utf8(b)`, `glob(p)`, `Pattern::new(p)`); [`Fault::Plain`] when it encodes
/// into a buffer of the server's (`encode(&mut body, &registry)`, a metrics text encoder's
/// `.encode(&families, &mut buf)`): a formatting error, fixed text; else a raw error (a
/// driver's, an io error: they can tell what the server holds).
pub(crate) fn error_of(e: &Expr) -> Fault {
    let into_buffer = |name: &str, args: &syn::punctuated::Punctuated<Expr, syn::Token![,]>| {
        matches!(name, "encode" | "encode_to_string")
            && args
                .iter()
                .any(|a| matches!(a, Expr::Reference(r) if r.mutability.is_some()))
    };
    match e {
        Expr::Paren(p) => error_of(&p.expr),
        Expr::Reference(r) => error_of(&r.expr),
        Expr::MethodCall(m) if is_parse_name(&m.method.to_string()) => Fault::Parse,
        Expr::MethodCall(m) if into_buffer(&m.method.to_string(), &m.args) => Fault::Plain,
        // `Namespace::parse(s).map(|n| ..)`: the same error, its value changed.
        Expr::MethodCall(m) if keeps_error(&m.method.to_string()) => error_of(&m.receiver),
        // `Response::builder().header(..).body(..)`: an `http::Error`, whose text names the
        // part that was invalid (`invalid header value`), never its value.
        Expr::MethodCall(m) if m.method == "body" && builds_message(&m.receiver) => Fault::Plain,
        Expr::Call(c) => match &*c.func {
            Expr::Path(p) => {
                let segs = segments(&p.path);
                let n = segs.len();
                let last = segs.last().map_or("", |s| s.as_str());
                let owner = if n >= 2 { segs[n - 2].as_str() } else { "" };
                if into_buffer(last, &c.args) || serializes_to_memory(owner, last) {
                    Fault::Plain
                } else if is_parse_name(last)
                    || (last == "new" && matches!(owner, "Pattern" | "Glob" | "Regex"))
                {
                    Fault::Parse
                } else {
                    Fault::Raw
                }
            }
            _ => Fault::Raw,
        },
        _ => Fault::Raw,
    }
}

/// A call that makes a channel (`oneshot::channel()`, `mpsc::unbounded_channel()`,
/// `flume::bounded(8)`, `crossbeam_channel::unbounded()`).
fn makes_channel(e: &Expr) -> bool {
    let Expr::Call(c) = super::peel(e) else {
        return false;
    };
    super::call_path(c).is_some_and(|p| {
        let segs = segments(p);
        let n = segs.len();
        let owner = if n >= 2 { segs[n - 2].as_str() } else { "" };
        match segs[n - 1].as_str() {
            "channel" | "unbounded_channel" => true,
            "bounded" | "unbounded" => matches!(
                owner,
                "flume" | "crossbeam_channel" | "async_channel" | "kanal" | "mpsc" | "channel"
            ),
            _ => false,
        }
    })
}

/// Every variable a pattern binds (`(tx, rx)`, `Pair { a, b }`).
fn pat_names(p: &Pat, f: &mut dyn FnMut(String)) {
    match p {
        Pat::Ident(i) => f(i.ident.to_string()),
        Pat::Type(t) => pat_names(&t.pat, f),
        Pat::Reference(r) => pat_names(&r.pat, f),
        Pat::Paren(x) => pat_names(&x.pat, f),
        Pat::Tuple(t) => t.elems.iter().for_each(|e| pat_names(e, f)),
        Pat::TupleStruct(t) => t.elems.iter().for_each(|e| pat_names(e, f)),
        Pat::Struct(s) => s.fields.iter().for_each(|x| pat_names(&x.pat, f)),
        _ => {}
    }
}

/// Methods of `Result` that keep its error and change only its value (`r.map(|v| ..)`).
fn keeps_error(name: &str) -> bool {
    matches!(
        name,
        "map" | "as_ref" | "as_mut" | "as_deref" | "inspect" | "cloned" | "copied"
    )
}

/// The functions of serde's formats that serialize a value into memory
/// (`serde_json::to_vec(&v)`, `rmp_serde::to_vec_named(&v)`, `toml::to_string(&v)`): they
/// touch no file or socket, and fail only on the value's shape (`key must be a string`),
/// fixed text.
fn serializes_to_memory(owner: &str, name: &str) -> bool {
    matches!(
        owner,
        "serde_json"
            | "rmp_serde"
            | "serde_yaml"
            | "serde_yml"
            | "toml"
            | "serde_cbor"
            | "serde_urlencoded"
            | "serde_qs"
            | "ron"
            | "postcard"
            | "bincode"
            | "quick_xml"
            | "serde_xml_rs"
            | "simd_json"
            | "sonic_rs"
    ) && (matches!(name, "to_value" | "serialize" | "encode_to_vec")
        || name.starts_with("to_vec")
        || name.starts_with("to_string")
        || name.starts_with("to_allocvec")
        || name.starts_with("to_stdvec"))
}

/// A chain building an HTTP message of the `http` crate (`Response::builder().status(..)`,
/// `http::Request::builder().uri(..)`).
fn builds_message(e: &Expr) -> bool {
    let (root, _) = match super::peel_try(e) {
        Expr::MethodCall(m) => super::chain(m),
        other => (other, Vec::new()),
    };
    super::root_call_segments(root).is_some_and(|s| {
        let n = s.len();
        n >= 2 && s[n - 1] == "builder" && matches!(s[n - 2].as_str(), "Response" | "Request")
    })
}

/// Functions whose name says they bound a number (`limit_fetch`, `clamp_page_size`).
fn is_bound_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n != "limit"
        && [
            "limit",
            "clamp",
            "bound",
            "valid",
            "check",
            "sanitize",
            "normalize",
        ]
        .iter()
        .any(|w| n.contains(w))
}

fn describe(t: &Taint) -> String {
    let what = match t.src {
        Src::Query => "query parameter",
        Src::Body => "request body value",
        Src::Path => "path parameter",
        Src::Header => "request header value",
        Src::Request => "request value",
        Src::Param(_) => "parameter",
    };
    format!("{what} `{}`", t.origin)
}

/// The variable a receiver is (`sql` of `sql.push_str(..)`).
pub(crate) fn receiver_ident(e: &Expr) -> Option<String> {
    match super::peel(e) {
        Expr::Path(p) => p.path.get_ident().map(|i| i.to_string()),
        _ => None,
    }
}

/// The struct a builder chain builds: `Params::builder().a(x)` (typed-builder, bon),
/// `ParamsBuilder::default().a(x)` (derive_builder).
fn built_struct(e: &Expr) -> Option<String> {
    match super::peel(e) {
        Expr::MethodCall(m) => built_struct(&m.receiver),
        Expr::Call(c) if c.args.is_empty() => {
            let segs = segments(super::call_path(c)?);
            let n = segs.len();
            if n < 2 {
                return None;
            }
            let (owner, last) = (segs[n - 2].as_str(), segs[n - 1].as_str());
            match last {
                "builder" => Some(owner.to_owned()),
                "default" | "new" => owner
                    .strip_suffix("Builder")
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned),
                _ => None,
            }
        }
        _ => None,
    }
}

fn is_common_method(m: &str) -> bool {
    is_passthrough(m)
        || is_opaque(m)
        || matches!(
            m,
            "insert"
                | "push"
                | "push_str"
                | "extend"
                | "remove"
                | "bind"
                | "fetch"
                | "fetch_one"
                | "fetch_all"
                | "fetch_optional"
                | "send"
                | "await"
                | "filter"
                | "find"
                | "set"
                | "append"
                | "json"
                | "body"
                | "header"
                | "write"
                | "min"
                | "max"
                | "clamp"
                | "await_"
                | "entry"
                | "format"
        )
        || flow_sinks().any(|(_, s)| s.sink_methods().contains(&m))
}

fn turbofish(m: &syn::ExprMethodCall) -> Option<&Type> {
    m.turbofish.as_ref()?.args.iter().find_map(|a| match a {
        syn::GenericArgument::Type(t) => Some(t),
        _ => None,
    })
}

/// Identifiers in a token stream, with whether a `.` precedes them.
fn scan_idents(ts: proc_macro2::TokenStream, f: &mut dyn FnMut(String, bool)) {
    let mut dot = false;
    for tt in ts {
        match tt {
            proc_macro2::TokenTree::Ident(i) => {
                f(i.to_string(), dot);
                dot = false;
            }
            proc_macro2::TokenTree::Punct(p) => dot = p.as_char() == '.',
            proc_macro2::TokenTree::Group(g) => {
                scan_idents(g.stream(), f);
                dot = false;
            }
            proc_macro2::TokenTree::Literal(l) => {
                // `format!("{err}")` inside: the captured names.
                if let syn::Lit::Str(s) = syn::Lit::new(l) {
                    for p in pieces(&s.value()) {
                        if let Piece::Arg {
                            arg: Arg::Name(n), ..
                        } = p
                        {
                            f(n, false);
                        }
                    }
                }
                dot = false;
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// After the parallel pass.

/// Summaries by function name, method or not, and parameter; with their file.
type Summaries<'p> = HashMap<(&'p str, bool, usize), Vec<(usize, &'p Summary)>>;

/// Field facts of the project, by struct name.
pub(crate) struct Project<'p> {
    structs: HashMap<&'p str, Vec<(usize, &'p StructFact)>>,
    summaries: Summaries<'p>,
    /// Functions defined more than once (by name and kind): not followed for methods.
    ambiguous_methods: HashSet<&'p str>,
    /// The module each file is (its stem, or its folder for a `mod.rs`), if known.
    modules: Vec<Option<&'p str>>,
    /// The in-memory encoders of the files walked ([`FlowFacts::encoders`]).
    encoders: HashSet<&'p str>,
}

impl<'p> Project<'p> {
    pub fn new(files: &[Option<&'p FlowFacts>], modules: Vec<Option<&'p str>>) -> Self {
        let mut structs: HashMap<&str, Vec<(usize, &StructFact)>> = HashMap::new();
        let mut summaries: Summaries = HashMap::new();
        let mut defined: HashMap<&str, HashSet<usize>> = HashMap::new();
        let mut encoders = HashSet::new();
        for (fi, f) in files.iter().enumerate() {
            let Some(f) = f else { continue };
            encoders.extend(f.encoders.iter().map(String::as_str));
            for s in &f.structs {
                structs.entry(s.name.as_str()).or_default().push((fi, s));
            }
            for s in &f.summaries {
                summaries
                    .entry((s.func.as_str(), s.method, s.param))
                    .or_default()
                    .push((fi, s));
                if s.method {
                    defined.entry(s.func.as_str()).or_default().insert(fi);
                }
            }
        }
        let ambiguous_methods = defined
            .into_iter()
            .filter(|(_, f)| f.len() > 1)
            .map(|(n, _)| n)
            .collect();
        Project {
            structs,
            summaries,
            ambiguous_methods,
            modules,
            encoders,
        }
    }

    /// Whether a condition of a finding in file `home` holds.
    pub fn holds(&self, c: &Cond, home: usize) -> bool {
        match c {
            Cond::FieldText(s, f) => self.field(home, s, f, |class, _| class == Class::Text),
            Cond::FieldWide(s, f) => self.field(home, s, f, |class, bounded| {
                class == Class::Number && !bounded
            }),
            Cond::Into(s, f) => self.field(home, s, f, |class, bounded| {
                class != Class::Narrow && !bounded
            }),
            Cond::NotEncoder(f) => !self.encoders.contains(f.as_str()),
            Cond::NotCollection(s, f) => !self
                .definitions(home, s)
                .iter()
                .any(|d| d.collections.iter().any(|c| c == f)),
            Cond::UsedBy { rule, calls } => calls.iter().any(|(name, method, i)| {
                if *method && self.ambiguous_methods.contains(name.as_str()) {
                    return false;
                }
                self.summaries
                    .get(&(name.as_str(), *method, *i))
                    .is_some_and(|v| {
                        v.iter()
                            .any(|(_, s)| matches!(s.effect, Effect::Use(r) if r == *rule))
                            && !v.iter().any(|(_, s)| matches!(s.effect, Effect::Bounds))
                    })
            }),
        }
    }

    /// Judges field `f` of struct `s` by its definitions: the one in file `home` if there
    /// is one, else those that have the field; none (a struct from a dependency, a
    /// flattened field) is not judged and holds.
    fn field(&self, home: usize, s: &str, f: &str, ok: impl Fn(Class, bool) -> bool) -> bool {
        let found: Vec<(Class, bool)> = self
            .definitions(home, s)
            .iter()
            .filter_map(|d| d.fields.iter().find(|(n, _, _)| n == f))
            .map(|(_, c, b)| (*c, *b))
            .collect();
        found.is_empty() || found.iter().any(|(c, b)| ok(*c, *b))
    }

    /// The definitions of struct `s`: the one in file `home` if there is one, else all.
    fn definitions(&self, home: usize, s: &str) -> Vec<&'p StructFact> {
        let Some(defs) = self.structs.get(s) else {
            return Vec::new();
        };
        let local: Vec<_> = defs
            .iter()
            .filter(|(fi, _)| *fi == home)
            .map(|(_, d)| *d)
            .collect();
        if local.is_empty() {
            defs.iter().map(|(_, d)| *d).collect()
        } else {
            local
        }
    }

    /// Sinks in helpers reached by a handler's call: (file index, the summary's sink).
    pub fn reached(&self, call: &'p CallFact, home: usize) -> Vec<(usize, &'p Summary)> {
        if call.method && self.ambiguous_methods.contains(call.callee.as_str()) {
            return Vec::new();
        }
        let Some(list) = self
            .summaries
            .get(&(call.callee.as_str(), call.method, call.arg))
        else {
            return Vec::new();
        };
        // Of another arity, or (`scheduler::delete(..)`) of another module than the call
        // names: a same-named function, not the one called.
        let module_ok = |hfi: usize| match (&call.module, self.modules.get(hfi).copied().flatten())
        {
            (Some(called), Some(defined)) => called == defined,
            _ => true,
        };
        list.iter()
            .filter(|(hfi, s)| s.arity == call.arity && module_ok(*hfi))
            .filter(|(hfi, s)| match &s.effect {
                Effect::Sink {
                    rule, whole, conds, ..
                } => {
                    // The sink's rule judges the caller's value.
                    let caller = super::rust_rule(*rule)
                        .and_then(|r| r.flow())
                        .and_then(|sink| sink.reaches(*whole, &call.taint));
                    caller.is_some_and(|c| c.iter().all(|c| self.holds(c, home)))
                        && conds.iter().all(|c| self.holds(c, *hfi))
                }
                Effect::Bounds | Effect::Use(_) => false,
            })
            .copied()
            .collect()
    }
}

/// What the structs a file defines may decide, by the markers it holds.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct StructKinds {
    /// A validation bound ([`BOUND_ATTR_MARKERS`]): wide-number findings.
    pub bounds: bool,
    /// A collection type ([`COLLECTION_MARKERS`]): receivers of sinks.
    pub collections: bool,
}

/// Structs whose fields decide a finding of the file or a helper's sink, each with what it
/// decides: a wide number read from or put into one (`bounds`), a receiver that may be a
/// collection (`collections`). Those defined in files not walked are read on demand.
pub(crate) fn wanted_structs(f: &FlowFacts) -> impl Iterator<Item = (&str, StructKinds)> {
    // Of a helper's conditions, only a receiver's: its wide numbers are the caller's.
    let helpers = f
        .summaries
        .iter()
        .flat_map(|s| match &s.effect {
            Effect::Sink { conds, .. } => &conds[..],
            Effect::Bounds | Effect::Use(_) => &[],
        })
        .filter(|c| matches!(c, Cond::NotCollection(..)));
    let hits = f.hits.iter().flat_map(|(_, c)| c);
    hits.chain(helpers).filter_map(|c| match c {
        Cond::FieldWide(s, _) | Cond::Into(s, _) => Some((
            s.as_str(),
            StructKinds {
                bounds: true,
                collections: false,
            },
        )),
        Cond::NotCollection(s, _) => Some((
            s.as_str(),
            StructKinds {
                bounds: false,
                collections: true,
            },
        )),
        _ => None,
    })
}

/// The names of the structs a file defines (`struct Name`), by a byte scan.
pub(crate) fn struct_names(b: &[u8]) -> impl Iterator<Item = (usize, &str)> {
    memchr::memmem::find_iter(b, b"struct ").filter_map(move |i| {
        if i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_') {
            return None;
        }
        let rest = &b[i + 7..];
        let end = rest
            .iter()
            .position(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
            .unwrap_or(rest.len());
        Some((i, std::str::from_utf8(&rest[..end]).ok()?))
    })
}

/// The field facts of the structs named `names` that `text` defines with named fields,
/// each item found by [`struct_names`] and parsed on its own.
pub(crate) fn struct_facts_named(text: &str, names: &HashSet<&str>) -> Vec<StructFact> {
    let b = text.as_bytes();
    let mut defs = Defs::default();
    let mut facts = Vec::new();
    for (i, name) in struct_names(b) {
        if !names.contains(name) {
            continue;
        }
        let Some(close) = item_end(b, i + 7 + name.len()) else {
            continue;
        };
        let src = &text[i..close];
        if apiward_source::depth::too_deep(src).is_some() {
            continue;
        }
        if let Ok(item) = syn::parse_str::<syn::ItemStruct>(src) {
            DefCollector {
                defs: &mut defs,
                facts: &mut facts,
            }
            .visit_item_struct(&item);
        }
    }
    facts
}

/// Functions the file's handlers pass request values to (for the on-demand parse of the
/// files that define them).
pub(crate) fn callees(f: &FlowFacts) -> impl Iterator<Item = &str> {
    let conds = f.hits.iter().flat_map(|(_, c)| c).flat_map(|c| match c {
        Cond::UsedBy { calls, .. } => calls.iter().map(|(n, _, _)| n.as_str()).collect::<Vec<_>>(),
        _ => Vec::new(),
    });
    f.calls.iter().map(|c| c.callee.as_str()).chain(conds)
}

/// The functions named `names` in `text`, as (byte offset, source, the type of the `impl`
/// block holding it) of each whole item, found by a byte scan that skips comments, strings
/// and character literals while it matches braces: the on-demand parse of helpers reads
/// only them, not their files.
pub(crate) fn helper_items<'t>(
    text: &'t str,
    names: &HashSet<&str>,
) -> Vec<(u32, &'t str, Option<String>)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut impls: Option<Vec<(usize, usize, String)>> = None;
    for (i, name) in fn_names(b) {
        if !names.contains(name) {
            continue;
        }
        let start = b[..i]
            .iter()
            .rposition(|c| *c == b'\n')
            .map_or(0, |p| p + 1);
        if let Some(close) = item_end(b, i + 3 + name.len()) {
            let self_ty = impls
                .get_or_insert_with(|| impl_blocks(text))
                .iter()
                .filter(|(from, to, _)| *from < i && i < *to)
                .max_by_key(|(from, _, _)| *from)
                .map(|(_, _, ty)| ty.clone());
            out.push((start as u32, &text[start..close], self_ty));
        }
    }
    out
}

/// The `impl` blocks of `text`, by a byte scan: where each starts and ends, and the last
/// name of its type (`Table` of `impl<K> Lookup for Table<K> {`).
fn impl_blocks(text: &str) -> Vec<(usize, usize, String)> {
    let b = text.as_bytes();
    memchr::memmem::find_iter(b, b"impl")
        .filter(|&i| {
            (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_'))
                && matches!(b.get(i + 4), Some(b' ' | b'<' | b'\n'))
        })
        .filter_map(|i| {
            let end = item_end(b, i)?;
            let open = i + memchr::memchr(b'{', &b[i..end])?;
            let header = format!("{} {{}}", &text[i..open]);
            let item = syn::parse_str::<syn::ItemImpl>(&header).ok()?;
            let ty = last_seg(&item.self_ty)?.ident.to_string();
            Some((i, end, ty))
        })
        .collect()
}

/// The functions `text` defines, by a byte scan: where each `fn` keyword is, and the name
/// after it.
pub(crate) fn fn_names(b: &[u8]) -> impl Iterator<Item = (usize, &str)> {
    memchr::memmem::find_iter(b, b"fn ").filter_map(move |i| {
        if i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_') {
            return None;
        }
        let rest = &b[i + 3..];
        let end = rest
            .iter()
            .position(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
            .unwrap_or(rest.len());
        Some((i, std::str::from_utf8(&rest[..end]).ok()?))
    })
}

/// The end (after the closing brace) of the function whose signature starts at `from`;
/// `None` for a declaration without a body.
pub(crate) fn item_end(b: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    let mut depth = 0usize;
    let mut started = false;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                i += b[i..]
                    .iter()
                    .position(|c| *c == b'\n')
                    .unwrap_or(b.len() - i);
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let mut nest = 1;
                i += 2;
                while i < b.len() && nest > 0 {
                    if b[i..].starts_with(b"/*") {
                        nest += 1;
                        i += 2;
                    } else if b[i..].starts_with(b"*/") {
                        nest -= 1;
                        i += 2;
                    } else {
                        i += 1;
                    }
                }
                continue;
            }
            b'r' if matches!(b.get(i + 1), Some(b'"' | b'#'))
                && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')) =>
            {
                let hashes = b[i + 1..].iter().take_while(|c| **c == b'#').count();
                if b.get(i + 1 + hashes) != Some(&b'"') {
                    i += 1;
                    continue;
                }
                let mut close = vec![b'"'];
                close.extend(std::iter::repeat_n(b'#', hashes));
                let body = i + 2 + hashes;
                i = memchr::memmem::find(&b[body..], &close)
                    .map_or(b.len(), |p| body + p + close.len());
                continue;
            }
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'\'' => {
                // A character literal (`'x'`, `'\n'`, `'\u{1F600}'`), or a lifetime.
                if b.get(i + 1) == Some(&b'\\') {
                    i += 2;
                    while i < b.len() && b[i] != b'\'' {
                        i += 1;
                    }
                } else if let Some(len) = std::str::from_utf8(&b[i + 1..(i + 6).min(b.len())])
                    .ok()
                    .or_else(|| std::str::from_utf8(&b[i + 1..(i + 2).min(b.len())]).ok())
                    .and_then(|s| s.chars().next())
                    .map(char::len_utf8)
                    .filter(|l| b.get(i + 1 + l) == Some(&b'\''))
                {
                    i += 1 + len;
                }
            }
            b';' if !started && depth == 0 => return None,
            b'{' => {
                started = true;
                depth += 1;
            }
            b'}' => {
                depth = depth.checked_sub(1)?;
                if started && depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
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

pub(crate) fn describe_call(call: &CallFact) -> String {
    format!("{} in `{}`", describe(&call.taint), call.handler)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_pieces() {
        let p = pieces("a {} {{x}} {name:?} {0:>4}");
        let args: Vec<String> = p
            .iter()
            .map(|p| match p {
                Piece::Lit(s) => format!("lit({s})"),
                Piece::Arg { arg, debug } => match arg {
                    Arg::Next => format!("next({debug})"),
                    Arg::Index(i) => format!("index({i},{debug})"),
                    Arg::Name(n) => format!("name({n},{debug})"),
                },
            })
            .collect();
        assert_eq!(
            args,
            [
                "lit(a )",
                "next(false)",
                "lit( {x} )",
                "name(name,true)",
                "lit( )",
                "index(0,false)"
            ]
        );
    }

    #[test]
    fn host_position() {
        assert!(host_open(""));
        assert!(host_open("https://"));
        assert!(host_open("http://api."));
        assert!(!host_open("https://api.example.com/"));
        assert!(!host_open("X/users/"));
        assert!(!host_open("/users/"));
    }

    #[test]
    fn names_and_types() {
        let ty = |s: &str| classify(&syn::parse_str::<Type>(s).unwrap());
        assert_eq!(ty("Option<String>"), Class::Text);
        assert_eq!(ty("&'a str"), Class::Text);
        assert_eq!(ty("Option<i64>"), Class::Number);
        assert_eq!(ty("u16"), Class::Narrow);
        assert_eq!(ty("Vec<u8>"), Class::Text);
        assert_eq!(ty("uuid::Uuid"), Class::Safe);
        assert_eq!(ty("Pagination"), Class::Other);
        assert!(is_bound_name("limit_fetch_check"));
        assert!(!is_bound_name("limit"));
    }
}
