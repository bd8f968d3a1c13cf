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
//!
//! The files, one concern each: `sources` (extractors, classification of types and names,
//! the prefilter's markers), `values` (what a variable holds), `file` (the file pass),
//! `fx` (the engine's walk of one function), `syntax` (its small syntax and name helpers),
//! `sink` (the interface of the sinks), `facts` (what leaves the file), `project` (after
//! the parallel pass) and `text` (format strings, byte scans of a file's text).

use std::collections::{HashMap, HashSet};

use apiward_diagnostics::Span;
use syn::punctuated::Punctuated;
use syn::visit::{self, Visit};
use syn::{Expr, Pat, Type};

use super::{pat_ident, segments, Hit, MacroArgs, Walker};
use crate::Rule;

mod debug_only;
mod display;
mod facts;
mod file;
mod fx;
mod project;
mod sink;
mod sources;
mod syntax;
mod text;
mod values;

pub(crate) use debug_only::*;
pub(crate) use display::*;
pub(crate) use facts::*;
pub(crate) use file::*;
pub(crate) use fx::*;
pub(crate) use project::*;
pub(crate) use sink::*;
pub(crate) use sources::*;
pub(crate) use syntax::*;
pub(crate) use text::*;
pub(crate) use values::*;
