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
//! and not reported. A literal flag or a verifier used only in a branch taken on a run-time
//! condition (`if settings.no_verify { .. }`) is an opt-in setting: reported at info.

use syn::visit::Visit;
use syn::{Expr, ExprMethodCall, ImplItem, ItemImpl, Stmt};

use super::{call_path, ends_with, is_lit_bool, peel, runtime_condition, segments, Walker};

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
    w.hit_unless_opt_in(
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
            let message = "this `ServerCertVerifier` accepts every certificate: `verify_server_cert` returns `Ok` without checking anything";
            let ty = match &*i.self_ty {
                syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
                _ => None,
            };
            // Installed only when a setting asks for it (`if cfg.no_verify { .. }`): an opt-in.
            let uses = ty.map(|t| uses_of(w, &t)).unwrap_or_default();
            if uses.any && !uses.unconditional {
                let saved = w.cond_depth;
                w.cond_depth = 1;
                w.hit_unless_opt_in("tls-verification-disabled", span, message.into());
                w.cond_depth = saved;
            } else {
                w.hit("tls-verification-disabled", span, message.into());
            }
        }
    }
}

/// Where a type is named as a value in the file (`Arc::new(NoVerifier)`, `NoVerifier {}`),
/// and whether any of those places is outside a branch taken on a run-time condition.
#[derive(Default)]
struct Uses {
    any: bool,
    unconditional: bool,
}

fn uses_of(w: &Walker<'_, '_>, ty: &str) -> Uses {
    struct Finder<'a> {
        ty: &'a str,
        depth: u32,
        uses: Uses,
    }
    impl<'ast> Visit<'ast> for Finder<'_> {
        fn visit_expr_if(&mut self, i: &'ast syn::ExprIf) {
            self.visit_expr(&i.cond);
            let c = u32::from(runtime_condition(&i.cond));
            self.depth += c;
            self.visit_block(&i.then_branch);
            if let Some((_, e)) = &i.else_branch {
                self.visit_expr(e);
            }
            self.depth -= c;
        }
        fn visit_expr_match(&mut self, m: &'ast syn::ExprMatch) {
            self.visit_expr(&m.expr);
            let c = u32::from(runtime_condition(&m.expr) && m.arms.len() > 1);
            self.depth += c;
            for a in &m.arms {
                self.visit_arm(a);
            }
            self.depth -= c;
        }
        // The verifier's own impl names the type without using it; other impls' methods
        // (`impl Db { fn connect() }`) may install it.
        fn visit_item_impl(&mut self, i: &'ast ItemImpl) {
            let own = matches!(&*i.self_ty, syn::Type::Path(p)
                if p.path.segments.last().is_some_and(|s| s.ident == self.ty));
            if !own {
                syn::visit::visit_item_impl(self, i);
            }
        }
        fn visit_expr(&mut self, e: &'ast Expr) {
            let named = match e {
                Expr::Path(p) => p.path.segments.iter().any(|s| s.ident == self.ty),
                Expr::Struct(s) => s.path.segments.last().is_some_and(|s| s.ident == self.ty),
                _ => false,
            };
            if named {
                self.uses.any = true;
                self.uses.unconditional |= self.depth == 0;
            }
            syn::visit::visit_expr(self, e);
        }
    }
    let Some(file) = w.file else {
        return Uses::default();
    };
    let mut f = Finder {
        ty,
        depth: 0,
        uses: Uses::default(),
    };
    f.visit_file(file);
    f.uses
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

#[cfg(test)]
mod tests {
    use apiward_diagnostics::Severity;

    use crate::meta::Preset;
    use crate::rust::{check_rust, RustRuleOptions};
    use crate::select::Selection;

    fn findings(src: &str) -> Vec<(Severity, u32)> {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("client.rs");
        std::fs::write(&file, src).unwrap();
        let files = [file];
        let inv = apiward_source::inventory(&files, &apiward_source::SourceOptions::default());
        let sel = Selection::new(
            Preset::All,
            &["tls-verification-disabled".to_owned()],
            &[],
            &[],
        )
        .unwrap();
        check_rust(&files, &inv, &sel, &RustRuleOptions::default())
            .into_iter()
            .map(|d| (d.severity, d.range.start.line))
            .collect()
    }

    #[test]
    fn a_setting_that_turns_verification_off_is_an_opt_in() {
        let src = r#"
pub fn client(cfg: &Config) -> reqwest::Client {
    let mut b = reqwest::Client::builder();
    if cfg.accept_invalid_certs {
        b = b.danger_accept_invalid_certs(true);
    }
    b.build().unwrap()
}
pub fn always() -> reqwest::Client {
    reqwest::Client::builder().danger_accept_invalid_certs(true).build().unwrap()
}
"#;
        assert_eq!(findings(src), [(Severity::Info, 5), (Severity::Error, 10)]);
    }

    #[test]
    fn a_verifier_installed_only_on_request_is_an_opt_in() {
        let verifier = r#"
impl ServerCertVerifier for NoVerifier {
    fn verify_server_cert(&self, _: &CertificateDer<'_>, _: &[CertificateDer<'_>], _: &ServerName<'_>, _: &[u8], _: UnixTime) -> Result<ServerCertVerified, Error> {
        Ok(ServerCertVerified::assertion())
    }
}
"#;
        let opt_in = format!(
            "{verifier}\npub fn tls(no_verify: bool) -> ClientConfig {{\n    if no_verify {{\n        return ClientConfig::builder().dangerous().with_custom_certificate_verifier(Arc::new(NoVerifier)).with_no_client_auth();\n    }}\n    default_config()\n}}\n"
        );
        assert_eq!(findings(&opt_in), [(Severity::Info, 3)]);
        let in_method = format!(
            "{verifier}\nimpl Db {{\n    async fn connect(&self) -> ClientConfig {{\n        if self.no_verify {{\n            return ClientConfig::builder().dangerous().with_custom_certificate_verifier(Arc::new(NoVerifier {{}})).with_no_client_auth();\n        }}\n        default_config()\n    }}\n}}\n"
        );
        assert_eq!(findings(&in_method), [(Severity::Info, 3)]);
        let always = format!(
            "{verifier}\npub fn tls() -> ClientConfig {{\n    ClientConfig::builder().dangerous().with_custom_certificate_verifier(Arc::new(NoVerifier)).with_no_client_auth()\n}}\n"
        );
        assert_eq!(findings(&always), [(Severity::Error, 3)]);
    }
}
