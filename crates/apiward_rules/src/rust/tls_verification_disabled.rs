//! `tls-verification-disabled`: outgoing connections that do not check who they talk to.
//!
//! - `danger_accept_invalid_certs(true)`, `danger_accept_invalid_hostnames(true)` (reqwest,
//!   native-tls, hyper-tls), `disable_verification(true)` (ureq): at the call;
//! - openssl `set_verify(SslVerifyMode::NONE)`: at the call;
//! - a rustls `ServerCertVerifier` whose `verify_server_cert` returns `Ok` unconditionally
//!   (the verifier that `.dangerous().set_certificate_verifier(..)` installs): at the
//!   `verify_server_cert` of the impl. A verifier that checks anything (an `if`, a `match`,
//!   a `?`, a call to another verifier) is not reported.
//!
//! A flag set from a variable (`danger_accept_invalid_certs(cfg.insecure)`) is configuration
//! and not reported.

use syn::{Expr, ExprMethodCall, ImplItem, ItemImpl, Stmt};

use super::{call_path, ends_with, is_lit_bool, peel, segments, Walker};

pub(crate) const MARKERS: &[&str] = &[
    "danger_accept_invalid",
    "ServerCertVerifier",
    "SslVerifyMode",
    "disable_verification",
];

pub(crate) fn method(w: &mut Walker<'_, '_>, m: &ExprMethodCall) {
    let name = m.method.to_string();
    let what = match name.as_str() {
        "danger_accept_invalid_certs" | "disable_verification"
            if m.args.first().is_some_and(|a| is_lit_bool(a, true)) =>
        {
            "certificate verification is disabled: any server, or anyone on the network path, can impersonate the remote end"
        }
        "danger_accept_invalid_hostnames" if m.args.first().is_some_and(|a| is_lit_bool(a, true)) => {
            "hostname verification is disabled: a valid certificate for any other host is accepted"
        }
        "set_verify" if m.args.first().is_some_and(is_verify_none) => {
            "`SslVerifyMode::NONE`: the peer's certificate is not verified"
        }
        _ => return,
    };
    let span = w.method_span(m);
    w.hit(
        "tls-verification-disabled",
        span,
        format!("`{name}`: {what}"),
    );
}

fn is_verify_none(e: &Expr) -> bool {
    matches!(peel(e), Expr::Path(p) if ends_with(&segments(&p.path), &["SslVerifyMode", "NONE"]))
}

pub(crate) fn item_impl(w: &mut Walker<'_, '_>, i: &ItemImpl) {
    let Some((_, trait_path, _)) = &i.trait_ else {
        return;
    };
    if segments(trait_path)
        .last()
        .is_none_or(|s| s != "ServerCertVerifier")
    {
        return;
    }
    for item in &i.items {
        let ImplItem::Fn(f) = item else { continue };
        if f.sig.ident != "verify_server_cert" {
            continue;
        }
        if accepts_everything(&f.block.stmts) {
            let span = w.span(&f.sig.ident);
            w.hit(
                "tls-verification-disabled",
                span,
                "this `ServerCertVerifier` accepts every certificate: `verify_server_cert` returns `Ok` without checking anything".into(),
            );
        }
    }
}

/// A body whose only effect is `Ok(ServerCertVerified::assertion())` (optionally behind
/// `let _ = ..;` statements or `return`).
fn accepts_everything(stmts: &[Stmt]) -> bool {
    let Some((last, before)) = stmts.split_last() else {
        return false;
    };
    let harmless = before.iter().all(|s| match s {
        Stmt::Local(l) => matches!(l.pat, syn::Pat::Wild(_)),
        Stmt::Item(_) => true,
        _ => false,
    });
    let tail = match last {
        Stmt::Expr(Expr::Return(r), _) => r.expr.as_deref(),
        Stmt::Expr(e, None) => Some(e),
        _ => None,
    };
    harmless && tail.is_some_and(is_ok_assertion)
}

fn is_ok_assertion(e: &Expr) -> bool {
    let Expr::Call(c) = peel(e) else { return false };
    let Some(p) = call_path(c) else { return false };
    if segments(p).last().is_none_or(|s| s != "Ok") {
        return false;
    }
    match c.args.first().map(peel) {
        Some(Expr::Call(inner)) => {
            call_path(inner).is_some_and(|p| segments(p).last().is_some_and(|s| s == "assertion"))
        }
        _ => false,
    }
}
