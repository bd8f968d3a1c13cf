//! `ssrf`: an outgoing request whose URL starts with request text (its host is chosen by
//! the client) and that was never host-checked.
//!
//! A data-flow rule: the engine (`flow/`) follows request values from the handlers'
//! extractors; this file holds the rule's sinks (the URL of an HTTP client's request) and
//! the host checks that clear a value on the way.

use std::collections::HashSet;

use syn::Expr;

use super::flow::{
    is_collection_name, is_collection_type, receiver_ident, Call, Cond, FlowSink, FnSink, FnStart,
    Fx, MethodCall, Taint, Val, SOURCE_MARKERS,
};
use super::pat_ident;
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
    fn start(&self, f: &FnStart<'_>) -> Box<dyn FnSink> {
        // Parameters declared as collections (`index: &HashMap<String, Url>`).
        let collections = f
            .sig
            .inputs
            .iter()
            .filter_map(|a| match a {
                syn::FnArg::Typed(pt) if is_collection_type(&pt.ty) => pat_ident(&pt.pat),
                _ => None,
            })
            .collect();
        Box::new(Requests {
            collections,
            ..Requests::default()
        })
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
    /// Variables declared as collections (`let cache: HashMap<..>`, `= BTreeMap::new()`, a
    /// parameter `&HashMap<..>`): never a client, whatever their names.
    collections: HashSet<String>,
}

impl FnSink for Requests {
    fn local(&mut self, l: &syn::Local, init: &Expr) {
        let (pat, ty) = match &l.pat {
            syn::Pat::Type(t) => (&*t.pat, Some(&*t.ty)),
            p => (p, None),
        };
        let Some(name) = pat_ident(pat) else { return };
        if ty.is_some_and(is_collection_type) || makes_collection(init) {
            self.collections.insert(name);
        } else {
            self.collections.remove(&name);
        }
    }

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
                self.sink(cx, a, v, Vec::new());
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
        let client = || self.client(cx, &e.receiver);
        let at = if HTTP_VERBS.contains(&name) && e.args.len() == 1 {
            client().map(|c| (0, c))
        } else if name == "uri" && builds_request(&e.receiver) {
            Some((0, Vec::new()))
        } else if name == "request" && e.args.len() == 2 {
            client().map(|c| (1, c))
        } else {
            None
        };
        if let Some((i, conds)) = at {
            if let (Some(a), Some(v)) = (e.args.get(i), m.args.get(i)) {
                self.sink(cx, a, v, conds);
            }
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
    /// Request value `v` as the URL `a` of an outgoing request, if the receiver's
    /// conditions `recv` hold.
    fn sink(&mut self, cx: &mut Fx<'_, '_, '_>, a: &Expr, v: &Val, recv: Vec<Cond>) {
        let Some(t) = &v.req else { return };
        if !t.whole || self.host_checked.contains(&t.origin) || names_identifier(&t.origin) {
            return;
        }
        let Some(mut conds) = text_conds(t) else {
            return;
        };
        conds.extend(recv);
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
            None,
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

/// Functions whose name says they check a value against a policy, or compute its
/// signature: a keyed digest of the URL (`signature(&config, &url, &KEY)`, `url_hmac(&url)`)
/// that the caller must bring back is a signed URL, one the server chose. (Not the verb:
/// `sign_request(&url)` signs an outgoing request to wherever the URL points.)
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
        || apiward_source::identifier_words(name)
            .iter()
            .any(|w| matches!(w.as_str(), "signature" | "hmac"))
}

impl Requests {
    /// Whether a receiver looks like an HTTP client (`client`, `state.http`,
    /// `Client::new()`, `reqwest::Client::builder().build()?`): `None` if not, else the
    /// conditions it needs. A variable declared as a collection is none; a field of `self`
    /// is one unless its struct declares it a collection
    /// (`self.client_tokens.get(id)`: [`Cond::NotCollection`]).
    fn client(&self, cx: &Fx<'_, '_, '_>, e: &Expr) -> Option<Vec<Cond>> {
        let whole = cx.source(cx.span(e)).to_ascii_lowercase();
        if whole.contains("client::") || whole.contains("reqwest") {
            return Some(Vec::new());
        }
        // The last name of the receiver (`state.http_client` → `http_client`).
        let last = whole
            .rsplit(['.', ':'])
            .find(|s| !s.is_empty())
            .unwrap_or("");
        if !["client", "http", "agent"].iter().any(|w| last.contains(w)) {
            return None;
        }
        match super::peel(e) {
            Expr::Path(p) => {
                let declared = p
                    .path
                    .get_ident()
                    .is_some_and(|i| self.collections.contains(&i.to_string()));
                (!declared).then(Vec::new)
            }
            Expr::Field(f) if receiver_ident(&f.base).as_deref() == Some("self") => {
                match (cx.self_ty(), &f.member) {
                    (Some(ty), syn::Member::Named(field)) => {
                        Some(vec![Cond::NotCollection(ty.to_owned(), field.to_string())])
                    }
                    _ => Some(Vec::new()),
                }
            }
            _ => Some(Vec::new()),
        }
    }
}

/// Whether a request value is named as an identifier (`q.orchestration_id`, `key`): passed
/// whole where a URL goes, the receiver is a store's client looking a record up by it, not
/// an HTTP client (a request to a bare id has no scheme nor host).
fn names_identifier(origin: &str) -> bool {
    let last = origin
        .rsplit(['.', ':'])
        .find(|s| !s.is_empty())
        .unwrap_or("");
    let words = apiward_source::identifier_words(last);
    words
        .last()
        .is_some_and(|w| matches!(w.as_str(), "id" | "ids" | "uuid" | "key" | "keys"))
}

/// An expression that makes a new collection (`HashMap::new()`,
/// `BTreeMap::<K, V>::default()`, `Vec::with_capacity(n)`).
fn makes_collection(e: &Expr) -> bool {
    let Expr::Call(c) = super::peel_try(e) else {
        return false;
    };
    super::call_path(c).is_some_and(|p| {
        let segs = super::segments(p);
        let n = segs.len();
        n >= 2
            && is_collection_name(&segs[n - 2])
            && matches!(segs[n - 1].as_str(), "new" | "default" | "with_capacity")
    })
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
