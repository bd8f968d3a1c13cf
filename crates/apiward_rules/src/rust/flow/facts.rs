//! Facts that leave the file: what the data-flow pass of one file yields (findings with
//! their conditions, helper summaries, calls passing request values, structs), as plain data.

use super::*;

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
    /// The error came from a call of one of these functions: holds unless each is one of
    /// the project's in-memory encoders ([`in_memory_encoder`]) or fails only with phrases
    /// of the code (`Project::fails_fixed`: every definition the caller's crate can call),
    /// printed with `Debug` when `.1` (what the error wraps shows), else with `Display`.
    NotEncoder(Vec<String>, bool),
    /// Field `.1` of struct `.0` is not declared as a collection ([`is_collection_type`]):
    /// holds unless the struct's definition in the project says it is.
    NotCollection(String, String),
    /// Text printed from values of these types ([`Kind::Shown`]): holds unless every one
    /// is an enum of the project whose variants are all units (a closed set of words that
    /// cannot carry the client's text), and no struct has its name.
    NotClosed(Vec<String>),
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
        /// The message when the caller's value reaches the sink whole (the parameter is
        /// at its start, and so is the request value in the caller): at info (see
        /// [`Fx::report`](super::Fx::report)).
        as_is: Option<(String, String)>,
        conds: Vec<Cond>,
        /// The field of the parameter that reaches the sink (`page.n`), when one does: a
        /// caller's struct whose other fields only hold request data does not reach it.
        field: Option<String>,
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
    /// Functions of the file that only encode values into memory ([`in_memory_encoder`]), or
    /// fail with string literals (`Result<_, &'static str>`): the errors they fail with are
    /// formatting errors or fixed phrases, no internal text.
    pub encoders: Vec<String>,
    /// Functions of the file that fail with phrases if the functions they hand failures on
    /// from do ([`fails_with_phrases`]).
    pub encoders_if: Vec<(String, Vec<String>)>,
    /// Enums defined in the file whose variants are all units (`enum Order { Asc, Desc }`).
    pub closed: Vec<String>,
    /// The file's functions returning `Result<_, E>`, with `E` ([`error_type`]).
    pub fails_with: Vec<(String, String)>,
    /// The error types the file defines with a `Display` ([`error_texts`]).
    pub error_texts: Vec<ErrorText>,
}
