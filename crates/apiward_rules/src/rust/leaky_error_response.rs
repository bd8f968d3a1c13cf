//! `leaky-error-response`: an error's text in a response that is not a 4xx.
//!
//! A data-flow rule: the engine (`flow/`) follows error values (raw, or rendered to text);
//! this file holds the rule's sinks: the bodies of responses whose status is not a 4xx
//! (`(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())`, `HttpResponse::InternalServerError()
//! .body(..)`, `ErrorInternalServerError(e)`, every body built in an `IntoResponse` or
//! `ResponseError` impl).

use std::collections::HashSet;

use apiward_diagnostics::Span;
use syn::spanned::Spanned;
use syn::Expr;

use super::flow::{Args, Call, Cond, Fault, FlowSink, FnSink, FnStart, Fx, MethodCall, Val};
use super::sinks::squash;
use super::Hit;
use crate::Rule;

const MARKERS: &[&str] = &[
    "StatusCode",
    "HttpResponse",
    "Status::",
    "IntoResponse",
    "ResponseError",
    "Responder",
    "ErrorInternalServerError",
];

/// The leak rule's second look at a file its markers let through: `Status::` counts only as
/// a type of its own (`Status::InternalServerError`, `http::Status::`), not as the end of
/// another name (`UpdateStatus::Completed` in a codebase's own enums).
pub(crate) fn worth_parsing(bytes: &[u8], has: &dyn Fn(&str) -> bool) -> bool {
    MARKERS.iter().filter(|m| **m != "Status::").any(|m| has(m))
        || memchr::memmem::find_iter(bytes, b"Status::")
            .any(|i| i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_'))
}

pub(crate) struct LeakyErrorResponse;

impl super::RustRule for LeakyErrorResponse {
    fn rule(&self) -> Rule {
        Rule::LeakyErrorResponse
    }

    fn markers(&self) -> &'static [&'static str] {
        MARKERS
    }

    fn worth_parsing(&self, bytes: &[u8], has: &dyn Fn(&str) -> bool) -> bool {
        worth_parsing(bytes, has)
    }

    fn flow(&self) -> Option<&dyn FlowSink> {
        Some(self)
    }
}

impl FlowSink for LeakyErrorResponse {
    fn start(&self, f: &FnStart<'_>) -> Box<dyn FnSink> {
        Box::new(Bodies {
            error_fn: f.response_impl,
            chunks: yields_chunks(f.sig),
            outer: Vec::new(),
            leaked: HashSet::new(),
        })
    }
}

/// The rule's sinks in one function.
struct Bodies {
    /// Inside `IntoResponse::into_response`/`ResponseError::error_response`: every body
    /// built here is an error response (but under a 4xx status).
    error_fn: bool,
    /// `error_fn` outside the argument lists being evaluated.
    outer: Vec<bool>,
    /// Errors already reported (by where they were bound).
    leaked: HashSet<u32>,
    /// The function yields the chunks of a streamed body (`-> Result<Bytes, Error>`, or a
    /// mapper returning one): an error it yields ends the stream, its text is not sent.
    chunks: bool,
}

/// Whether a function's return type is, or returns, `Result<Bytes, _>`: a chunk of a
/// streamed body (`fn batch(..) -> impl FnMut(Batch) -> Result<Bytes, actix_web::Error>`).
fn yields_chunks(sig: &syn::Signature) -> bool {
    struct Find(bool);
    impl<'a> syn::visit::Visit<'a> for Find {
        fn visit_path_segment(&mut self, seg: &'a syn::PathSegment) {
            if seg.ident == "Result" {
                if let syn::PathArguments::AngleBracketed(a) = &seg.arguments {
                    if let Some(syn::GenericArgument::Type(syn::Type::Path(ok))) = a.args.first() {
                        self.0 |= ok.path.segments.last().is_some_and(|l| l.ident == "Bytes");
                    }
                }
            }
            syn::visit::visit_path_segment(self, seg);
        }
    }
    let syn::ReturnType::Type(_, ty) = &sig.output else {
        return false;
    };
    let mut f = Find(false);
    syn::visit::Visit::visit_type(&mut f, ty);
    f.0
}

const TEXT_SENT: &str = "the error's text is sent to the client in a response that is not a 4xx";
const TEXT_500: &str = "the error's text becomes the body of a 500 response";

impl FnSink for Bodies {
    /// Under a 4xx (`(StatusCode::UNAUTHORIZED, Json(ErrorResponse { error: e.to_string()
    /// }))`, `HttpResponse::BadRequest().json(Reply::new(..))`) a body built inside is not
    /// an error function's 5xx body.
    fn enter(&mut self, args: Args<'_>) {
        let status = match args {
            Args::Tuple(t) => t.elems.iter().find_map(status_of),
            Args::Call(c) => c.args.iter().find_map(status_of),
            Args::Method(m) if is_body_method(&m.method.to_string()) => chain_status(&m.receiver),
            Args::Method(_) => None,
        };
        self.outer.push(self.error_fn);
        if status == Some(Status::Client) {
            self.error_fn = false;
        }
    }

    fn leave(&mut self, _args: Args<'_>) {
        if let Some(e) = self.outer.pop() {
            self.error_fn = e;
        }
    }

    /// A branch that only runs for a status other than the server error its condition
    /// names (the `else` of `if self.status == StatusCode::INTERNAL_SERVER_ERROR`, whose
    /// own branch answers 500s; the `then` of `if !status.is_server_error()`): a body built
    /// there is not a 5xx body.
    fn enter_branch(&mut self, cond: &Expr, then: bool) {
        self.outer.push(self.error_fn);
        if guard(cond) == Some(!then) {
            self.error_fn = false;
        }
    }

    fn leave_branch(&mut self) {
        if let Some(e) = self.outer.pop() {
            self.error_fn = e;
        }
    }

    fn call(&mut self, cx: &mut Fx<'_, '_, '_>, c: &Call<'_>) {
        let (last, args) = (c.name, c.expr.args.iter().zip(c.args));
        // actix's `ErrorInternalServerError(e)`: the error's `Display` is the body.
        if last.starts_with("Error") && last.len() > 5 {
            if is_server_error_name(last) && !self.chunks {
                for (a, v) in args {
                    if matches!(v.err, Some(Fault::Text | Fault::Raw)) {
                        self.leak(cx, a, v, TEXT_500);
                    }
                }
            }
        } else {
            // `Custom(Status::InternalServerError, e.to_string())`, `ApiError::new(status,
            // msg)`: a status and a body.
            let status = c.expr.args.iter().find_map(status_of);
            if status == Some(Status::Other)
                || (self.error_fn && is_body_wrapper(last) && status.is_none())
            {
                for (a, v) in args {
                    if status_of(a).is_none() {
                        self.leak_text(cx, a, v);
                    }
                }
            }
        }
    }

    fn method(&mut self, cx: &mut Fx<'_, '_, '_>, m: &MethodCall<'_>) {
        let e = m.expr;
        if is_body_method(m.name) {
            let leaks = match chain_status(&e.receiver) {
                Some(Status::Client) => false,
                Some(Status::Other) => true,
                None => self.error_fn,
            };
            if leaks {
                for (a, v) in e.args.iter().zip(m.args) {
                    self.leak_text(cx, a, v);
                }
            }
        }
        // `.map_err(ErrorInternalServerError)`
        if matches!(m.name, "map_err" | "or_else") && !self.chunks {
            for a in &e.args {
                if let Expr::Path(p) = a {
                    let last = p.path.segments.last().map(|s| s.ident.to_string());
                    if last.is_some_and(|l| l.starts_with("Error") && is_server_error_name(&l))
                        && !matches!(cx.error_of(&e.receiver), Fault::Parse | Fault::Plain)
                    {
                        let at = cx.span(a);
                        hit(cx, at, TEXT_500);
                    }
                }
            }
        }
    }

    fn tuple(&mut self, cx: &mut Fx<'_, '_, '_>, t: &syn::ExprTuple, vals: &[Val]) -> bool {
        // `(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())`; the status also after the
        // text (`(e.to_string(), StatusCode::BAD_REQUEST)`, a match arm's pair whose parts
        // build the response later).
        let status = t.elems.iter().find_map(status_of);
        if status == Some(Status::Other) || (self.error_fn && status.is_none()) {
            for (x, v) in t.elems.iter().zip(vals) {
                if status_of(x).is_none() {
                    self.leak_text(cx, x, v);
                }
            }
        }
        status == Some(Status::Client)
    }
}

impl Bodies {
    /// Error text in a response body.
    fn leak_text(&mut self, cx: &mut Fx<'_, '_, '_>, n: &impl Spanned, v: &Val) {
        if v.err == Some(Fault::Text) {
            self.leak(cx, n, v, TEXT_SENT);
        }
    }

    /// The error of `v`, at `n`: once per error; unless it came from one of the project's
    /// in-memory encoders (decided once the project is known).
    fn leak(&mut self, cx: &mut Fx<'_, '_, '_>, n: &impl Spanned, v: &Val, message: &str) {
        if self.leaked.insert(v.err_src) {
            let at = cx.span(n);
            let conds = cx
                .err_callee(v.err_src)
                .map(|fs| vec![Cond::NotEncoder(fs.to_vec(), v.err_debug)])
                .unwrap_or_default();
            hit_if(cx, at, message, conds);
        }
    }
}

/// A finding at `at`, unless one overlaps it.
fn hit(cx: &mut Fx<'_, '_, '_>, at: Span, message: &str) {
    hit_if(cx, at, message, Vec::new());
}

/// A finding at `at` that stands if `conds` hold, unless one overlaps it.
fn hit_if(cx: &mut Fx<'_, '_, '_>, at: Span, message: &str, conds: Vec<Cond>) {
    let rule = Rule::LeakyErrorResponse;
    if !cx.on(rule) || cx.in_test() {
        return;
    }
    let src = cx.source(at);
    let message = if src.len() <= 60 && !src.contains('\n') {
        format!("`{src}`: {message}")
    } else {
        message.to_owned()
    };
    if cx
        .hits()
        .iter()
        .any(|(h, _)| h.rule == rule && h.span.start < at.end && at.start < h.span.end)
    {
        return;
    }
    cx.push_hit(
        Hit {
            rule,
            span: at,
            message,
            info: false,
        },
        conds,
    );
}

/// The methods of a response builder that set its body.
fn is_body_method(name: &str) -> bool {
    matches!(
        name,
        "body" | "json" | "set_body" | "sized_body" | "text" | "content" | "html"
    )
}

/// The 4xx reasons in any spelling (`BAD_REQUEST`, `BadRequest`, `ErrorBadRequest`).
fn is_client_error_name(name: &str) -> bool {
    let n = squash(name.trim_start_matches("Error"));
    matches!(
        n.as_str(),
        "badrequest"
            | "unauthorized"
            | "paymentrequired"
            | "forbidden"
            | "notfound"
            | "methodnotallowed"
            | "notacceptable"
            | "proxyauthenticationrequired"
            | "requesttimeout"
            | "conflict"
            | "gone"
            | "lengthrequired"
            | "preconditionfailed"
            | "payloadtoolarge"
            | "uritoolong"
            | "unsupportedmediatype"
            | "rangenotsatisfiable"
            | "expectationfailed"
            | "imateapot"
            | "misdirectedrequest"
            | "unprocessableentity"
            | "locked"
            | "faileddependency"
            | "upgraderequired"
            | "preconditionrequired"
            | "toomanyrequests"
            | "requestheaderfieldstoolarge"
            | "unavailableforlegalreasons"
    )
}

/// Status names that are errors of the server (`INTERNAL_SERVER_ERROR`, …).
fn is_server_error_name(name: &str) -> bool {
    let n = squash(name.trim_start_matches("Error"));
    matches!(
        n.as_str(),
        "internalservererror"
            | "notimplemented"
            | "badgateway"
            | "serviceunavailable"
            | "gatewaytimeout"
            | "insufficientstorage"
    )
}

/// Names of HTTP statuses, in any case (`NOT_FOUND`, `NotFound`).
fn is_http_status_name(name: &str) -> bool {
    is_client_error_name(name)
        || is_server_error_name(name)
        || matches!(
            squash(name).as_str(),
            "continue"
                | "switchingprotocols"
                | "processing"
                | "ok"
                | "created"
                | "accepted"
                | "nonauthoritativeinformation"
                | "nocontent"
                | "resetcontent"
                | "partialcontent"
                | "multistatus"
                | "alreadyreported"
                | "imused"
                | "multiplechoices"
                | "movedpermanently"
                | "found"
                | "seeother"
                | "notmodified"
                | "useproxy"
                | "temporaryredirect"
                | "permanentredirect"
                | "httpversionnotsupported"
                | "variantalsonegotiates"
                | "loopdetected"
                | "notextended"
                | "networkauthenticationrequired"
        )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Client,
    Other,
}

/// Whether `e` is a status code, and of which class.
fn status_of(e: &Expr) -> Option<Status> {
    match super::peel(e) {
        Expr::Path(p) => {
            let segs = super::segments(&p.path);
            let n = segs.len();
            // An HTTP status by name (`StatusCode::BAD_GATEWAY`, Rocket's
            // `Status::InternalServerError`); a project's own status enum
            // (`StatusCode::EngineExecuteQuery`, a database's error codes) is no response.
            if n >= 2
                && matches!(segs[n - 2].as_str(), "StatusCode" | "Status")
                && is_http_status_name(&segs[n - 1])
            {
                Some(if is_client_error_name(&segs[n - 1]) {
                    Status::Client
                } else {
                    Status::Other
                })
            } else {
                None
            }
        }
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Int(i),
            ..
        }) => {
            // Only error statuses: other integers beside a message are rarely statuses.
            match i.base10_parse::<u32>().ok()? {
                400..=499 => Some(Status::Client),
                500..=599 => Some(Status::Other),
                _ => None,
            }
        }
        Expr::Call(c) => {
            let segs = super::segments(super::call_path(c)?);
            if segs.iter().any(|s| s == "StatusCode" || s == "Status") {
                Some(c.args.first().and_then(status_of).unwrap_or(Status::Other))
            } else {
                None
            }
        }
        Expr::MethodCall(m) if m.method == "unwrap" || m.method == "unwrap_or" => {
            status_of(&m.receiver)
        }
        _ => None,
    }
}

/// The status of a response builder chain (`HttpResponse::InternalServerError()`,
/// `HttpResponse::build(StatusCode::BAD_REQUEST)`, `Response::builder().status(500)`).
fn chain_status(e: &Expr) -> Option<Status> {
    let (root, calls) = match super::peel_try(e) {
        Expr::MethodCall(m) => super::chain(m),
        other => (other, Vec::new()),
    };
    // A status given by a value read at run time (`HttpResponse::build(status)`, in the
    // branch for client errors of `if status.is_server_error()`) is unknown: judged by where
    // the body is built.
    for c in &calls {
        if c.method == "status" {
            return c.args.first().and_then(status_of);
        }
    }
    let Expr::Call(c) = root else { return None };
    let segs = super::segments(super::call_path(c)?);
    let n = segs.len();
    if n >= 2 && matches!(segs[n - 2].as_str(), "HttpResponse" | "HttpResponseBuilder") {
        let last = &segs[n - 1];
        if last == "build" {
            return c.args.first().and_then(status_of);
        }
        return Some(if is_client_error_name(last) {
            Status::Client
        } else if last == "Ok" || last == "Created" || last == "Accepted" {
            // A success response: error text here is the author's choice of payload.
            Status::Client
        } else {
            Status::Other
        });
    }
    None
}

/// Whether a condition tests a status for a server error: `Some(true)` when it holds for
/// one (`status == StatusCode::INTERNAL_SERVER_ERROR`, `status.is_server_error()`,
/// `code.as_u16() >= 500`), `Some(false)` when it holds only for the others (`!=`, `<
/// 500`, `is_client_error()`, a negation of the former), `None` when it says nothing of
/// that.
fn guard(cond: &Expr) -> Option<bool> {
    use syn::BinOp;
    match super::peel(cond) {
        Expr::Unary(syn::ExprUnary {
            op: syn::UnOp::Not(_),
            expr,
            ..
        }) => guard(expr).map(|g| !g),
        Expr::MethodCall(m) if m.args.is_empty() => match m.method.to_string().as_str() {
            "is_server_error" => Some(true),
            "is_client_error" | "is_success" | "is_informational" | "is_redirection" => Some(false),
            _ => None,
        },
        Expr::Binary(b) => {
            let int = |e: &Expr| match super::peel(e) {
                Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Int(i),
                    ..
                }) => i.base10_parse::<u32>().ok(),
                _ => None,
            };
            // `code.as_u16() >= 500`, `code.as_u16() < 500`.
            match (&b.op, int(&b.right)) {
                (BinOp::Ge(_), Some(500)) | (BinOp::Gt(_), Some(499)) => return Some(true),
                (BinOp::Lt(_), Some(500)) | (BinOp::Le(_), Some(499)) => return Some(false),
                _ => {}
            }
            let server =
                [&b.left, &b.right].into_iter().find_map(|e| status_of(e))? == Status::Other;
            match b.op {
                BinOp::Eq(_) if server => Some(true),
                BinOp::Ne(_) if server => Some(false),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Response wrappers whose argument is the body (`Json(..)`, `Html(..)`, `Body::from`).
fn is_body_wrapper(name: &str) -> bool {
    matches!(name, "Json" | "Html" | "from" | "new" | "Custom" | "Text")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_names() {
        assert!(is_client_error_name("BAD_REQUEST"));
        assert!(is_client_error_name("ErrorNotFound"));
        assert!(!is_client_error_name("INTERNAL_SERVER_ERROR"));
        assert!(is_server_error_name("ErrorInternalServerError"));
    }
}
