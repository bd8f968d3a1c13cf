//! What a local variable holds: a request value ([`Taint`]) and/or an error ([`Fault`]).

use super::*;

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
    /// Text rendered (`format!`, `Display`) from values of these named types only (an
    /// extractor's struct, a parameter's enum): no text at all if every one of them is an
    /// enum of unit variants, a closed set of words ([`Cond::NotClosed`]).
    Shown(Vec<String>),
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
    /// Of a struct built here (`ParamsPage { anchor, n, is_desc }`), the named fields that
    /// hold request data: its other fields do not (`page.n` from the configuration). None:
    /// any field may.
    pub fields: Option<Box<[String]>>,
    /// The field of a parameter it was read from as the parameter came (`page.n`): none once
    /// joined with a value of another field.
    pub param_field: Option<String>,
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
    /// The error's text shows more than its `Display`: rendered with `Debug` (`{e:?}`), in
    /// the alternate form (`{e:#}`, anyhow's whole chain), or its backtrace.
    pub err_debug: bool,
}

impl Val {
    pub(super) fn req(t: Taint) -> Self {
        Val {
            req: Some(t),
            ..Val::default()
        }
    }
    pub(super) fn err(e: Fault, src: Span) -> Self {
        Val {
            err: Some(e),
            err_src: src.start,
            ..Val::default()
        }
    }
    pub(super) fn is_empty(&self) -> bool {
        self.req.is_none() && self.err.is_none()
    }
    /// Whether the value is request data itself (text, a number), not an object holding
    /// some: a method called on it is no helper of the project, nor an API taking it.
    pub(crate) fn is_request_data(&self) -> bool {
        self.req.as_ref().is_some_and(|t| {
            matches!(
                t.kind,
                Kind::Text | Kind::Field(..) | Kind::Unknown | Kind::Number | Kind::Shown(_)
            )
        })
    }
    pub(super) fn union(mut self, o: Val) -> Val {
        self.req = match (self.req.take(), o.req) {
            // Text rendered from named types gives way to any other text (which may not be
            // judged safe later), and joins the types of another such text.
            (Some(a), Some(b)) => Some(either(a, b)),
            (a, b) => a.or(b),
        };
        if self.err.is_none() || (self.err != Some(Fault::Text) && o.err == Some(Fault::Text)) {
            self.err_src = o.err_src;
        }
        self.err = match (self.err, o.err) {
            (Some(Fault::Text), _) | (_, Some(Fault::Text)) => Some(Fault::Text),
            (a, b) => a.or(b),
        };
        self.err_debug |= o.err_debug;
        self
    }
    /// The value rendered with `Display` (`to_string`, `{}`) or `Debug` (`{:?}`).
    pub(super) fn rendered(mut self, debug: bool) -> Val {
        self.err = match self.err {
            Some(Fault::Curated | Fault::Parse) if !debug => None,
            Some(Fault::Plain) => None,
            // Text already: printed as it is, whichever way.
            Some(Fault::Text) => Some(Fault::Text),
            Some(_) => {
                self.err_debug |= debug;
                Some(Fault::Text)
            }
            None => None,
        };
        if let Some(t) = &mut self.req {
            t.kind = match &t.kind {
                Kind::Number | Kind::Field(..) | Kind::Shown(_) => t.kind.clone(),
                // A value of a named type prints what its `Display`/`Debug` says.
                Kind::Struct(s) => Kind::Shown(vec![s.clone()]),
                _ => Kind::Text,
            };
        }
        self
    }
}

/// Of two request values joined into one, the one to keep: the one the client's text is at
/// the start of; text rendered from named types ([`Kind::Shown`]) gives way to any other
/// text (which may not be judged safe later), wins over a number, and joins the types of
/// another such text.
fn either(mut a: Taint, mut b: Taint) -> Taint {
    // The fields that may hold request data in either (any, when one does not say).
    let fields = match (a.fields.take(), b.fields.take()) {
        (Some(x), Some(y)) => {
            let mut all = x.into_vec();
            for f in y.into_vec() {
                if !all.contains(&f) {
                    all.push(f);
                }
            }
            Some(all.into_boxed_slice())
        }
        _ => None,
    };
    let param_field = if a.param_field == b.param_field {
        a.param_field.take()
    } else {
        None
    };
    let mut kept = either_kind(a, b);
    kept.fields = fields;
    kept.param_field = param_field;
    kept
}

/// [`either`]'s choice of the kind and place kept.
fn either_kind(mut a: Taint, b: Taint) -> Taint {
    let shown = |k: &Kind| matches!(k, Kind::Shown(_));
    match (shown(&a.kind), shown(&b.kind)) {
        (true, true) => {
            if let (Kind::Shown(x), Kind::Shown(y)) = (&mut a.kind, &b.kind) {
                for t in y {
                    if !x.contains(t) {
                        x.push(t.clone());
                    }
                }
            }
            a
        }
        (true, false) if b.kind == Kind::Number => a,
        (true, false) => b,
        (false, true) if a.kind == Kind::Number => b,
        (false, true) => a,
        (false, false) if !a.whole && b.whole => b,
        (false, false) => a,
    }
}
