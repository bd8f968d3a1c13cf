//! `ssrf`: an outgoing request whose URL starts with request text (its host is chosen by
//! the client) and that was never host-checked.
//!
//! A data-flow rule: the engine (`flow.rs`) follows request values from the handlers'
//! extractors; this file holds the rule's sinks (the URL of an HTTP client's request) and
//! the host checks that clear a value on the way.

use std::collections::HashSet;

use syn::Expr;

use super::flow::{
    Call, Cond, FlowSink, FnSink, FnStart, Fx, MethodCall, Taint, Val, SOURCE_MARKERS,
};
use super::sinks::{text_conds, HTTP_VERBS};
use crate::Rule;

pub(crate) struct Ssrf;

impl super::RustRule for Ssrf {
    fn rule(&self) -> Rule {
        Rule::Ssrf
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
            "reqwest",
            "ureq",
            "surf",
            "hyper",
            "awc",
            "isahc",
            "attohttpc",
            "Client",
            "uri(",
            "client",
            "http",
        ]
    }
}

impl FlowSink for Ssrf {
    fn start(&self, _f: &FnStart<'_>) -> Box<dyn FnSink> {
        Box::new(Requests::default())
    }

    fn sink_methods(&self) -> &'static [&'static str] {
        HTTP_VERBS
    }

    /// The helper's parameter must be the start of the URL, and the caller's value the start
    /// of what it passes.
    fn reaches(&self, whole: bool, t: &Taint) -> Option<Vec<Cond>> {
        if whole && t.whole {
            text_conds(t)
        } else {
            None
        }
    }
}

/// The rule's sinks in one function.
#[derive(Default)]
struct Requests {
    /// Origins whose host was checked (`q.url`).
    host_checked: HashSet<String>,
    /// Origins already reported: one value sent by each arm of a `match` on the verb is
    /// one request, one finding.
    reported: HashSet<String>,
}

impl FnSink for Requests {
    fn call(&mut self, cx: &mut Fx<'_, '_, '_>, c: &Call<'_>) {
        let (last, owner) = (c.name, c.owner);
        if matches!(
            owner,
            "reqwest" | "blocking" | "ureq" | "surf" | "isahc" | "attohttpc"
        ) && (HTTP_VERBS.contains(&last) || last == "request")
            || owner == "Request" && HTTP_VERBS.contains(&last)
        {
            let i = usize::from(last == "request");
            if let (Some(a), Some(v)) = (c.expr.args.get(i), c.args.get(i)) {
                self.sink(cx, a, v);
            }
        }
        // `is_allowed(&url)`, `validate_url(&u)`: a host check.
        if is_check_name(last) {
            self.checked(c.args);
        }
    }

    fn method(&mut self, cx: &mut Fx<'_, '_, '_>, m: &MethodCall<'_>) {
        let (e, name) = (m.expr, m.name);
        // HTTP clients' verb methods take the URL alone (`client.delete(url)`); a
        // `store.delete(org, kind, key)` is not a request.
        if (HTTP_VERBS.contains(&name) && e.args.len() == 1 && is_client(cx, &e.receiver))
            || name == "uri" && builds_request(&e.receiver)
        {
            if let (Some(a), Some(v)) = (e.args.first(), m.args.first()) {
                self.sink(cx, a, v);
            }
        }
        if name == "request" && is_client(cx, &e.receiver) && e.args.len() == 2 {
            self.sink(cx, &e.args[1], &m.args[1]);
        }

        // Checks: `url.host_str()`, `allowed.contains(&url)`, `verify_host(&u)`.
        match name {
            "host_str" | "host" | "domain" | "starts_with" => self.checked([m.recv]),
            "contains" | "contains_key" => self.checked(m.args.first()),
            _ => {}
        }
        if is_check_name(name) {
            self.checked(m.args);
        }
    }
}

impl Requests {
    /// Request value `v` as the URL `a` of an outgoing request.
    fn sink(&mut self, cx: &mut Fx<'_, '_, '_>, a: &Expr, v: &Val) {
        let Some(t) = &v.req else { return };
        if !t.whole || self.host_checked.contains(&t.origin) {
            return;
        }
        let Some(conds) = text_conds(t) else { return };
        if !self.reported.insert(t.origin.clone()) {
            return;
        }
        let at = cx.span(a);
        cx.report(
            Rule::Ssrf,
            at,
            t,
            (
                "the server sends a request to a URL whose host comes from".into(),
                ", with no host check on the way".into(),
            ),
            conds,
        );
    }

    /// The hosts of these values were checked.
    fn checked<'v>(&mut self, vals: impl IntoIterator<Item = &'v Val>) {
        for v in vals {
            if let Some(t) = &v.req {
                self.host_checked.insert(t.origin.clone());
            }
        }
    }
}

/// Functions whose name says they check a value against a policy.
fn is_check_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    [
        "allow",
        "valid",
        "permit",
        "trusted",
        "whitelist",
        "safe",
        "verify",
    ]
    .iter()
    .any(|w| n.contains(w))
}

/// Whether a receiver looks like an HTTP client (`client`, `state.http`, `Client::new()`,
/// `reqwest::Client::builder().build()?`).
fn is_client(cx: &Fx<'_, '_, '_>, e: &Expr) -> bool {
    let whole = cx.source(cx.span(e)).to_ascii_lowercase();
    // The last name of the receiver (`state.http_client` → `http_client`).
    let last = whole
        .rsplit(['.', ':'])
        .find(|s| !s.is_empty())
        .unwrap_or("");
    ["client", "http", "agent"].iter().any(|w| last.contains(w))
        || whole.contains("client::")
        || whole.contains("reqwest")
}

/// `Request::builder()…` (http/hyper) before `.uri(..)`.
fn builds_request(e: &Expr) -> bool {
    let (root, _) = match super::peel_try(e) {
        Expr::MethodCall(m) => super::chain(m),
        other => (other, Vec::new()),
    };
    super::root_call_segments(root).is_some_and(|s| {
        s.iter().any(|x| x == "Request") && s.last().is_some_and(|l| l == "builder")
    })
}
