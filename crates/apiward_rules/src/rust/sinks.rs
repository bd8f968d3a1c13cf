//! What the sinks of more than one data-flow rule ask (`sql-injection` and `ssrf`,
//! `leaky-error-response` and `unbounded-page-size`): one place, so that no rule's file
//! imports another's.

use syn::Expr;

use super::flow::{Cond, Kind, Taint};

/// The verbs of HTTP clients' request methods (`client.get(url)`).
pub(crate) const HTTP_VERBS: &[&str] = &["get", "post", "put", "patch", "delete", "head"];

/// A chain that builds an outgoing HTTP request (`client.get(url).query(..)`).
pub(crate) fn http_chain(e: &Expr) -> bool {
    match super::peel_try(e) {
        Expr::MethodCall(m) => {
            HTTP_VERBS.contains(&m.method.to_string().as_str())
                || m.method == "request"
                || http_chain(&m.receiver)
        }
        _ => false,
    }
}

/// Whether request value `t` can carry text (SQL, a URL) to a sink: `None` if not (a
/// number, an extractor's whole struct, the request), else the conditions it needs (a field
/// of a struct defined elsewhere holds text; text printed from a type is not from a closed
/// enum).
pub(crate) fn text_conds(t: &Taint) -> Option<Vec<Cond>> {
    match &t.kind {
        Kind::Number | Kind::Struct(_) | Kind::Request => None,
        Kind::Field(s, f) => Some(vec![Cond::FieldText(s.clone(), f.clone())]),
        Kind::Shown(types) => Some(vec![Cond::NotClosed(types.clone())]),
        Kind::Text | Kind::Unknown => Some(Vec::new()),
    }
}

/// A name in lower case without separators (`page_size`, `PageSize`, `PAGE-SIZE` →
/// `pagesize`).
pub(crate) fn squash(name: &str) -> String {
    name.chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}
