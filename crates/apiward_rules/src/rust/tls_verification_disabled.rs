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
//! and not reported; so is a literal flag or a verifier used only in a branch on a setting
//! that names the insecurity (`if endpoint.skip_tls_verify { .. }`, `if !cfg.verify_tls`,
//! `match self.accept_invalid_certs`): the same choice written as a branch, left to the
//! operator. A branch on anything else (`if tracing_enabled`, `else` of `if let Some(ca)`)
//! turns verification off whenever the service takes it: reported, naming the condition.

use syn::visit::Visit;
use syn::{Expr, ExprMethodCall, ImplItem, ItemImpl, Stmt};

use super::{call_path, ends_with, is_lit_bool, peel, segments, Branch, Walker};
use crate::Rule;

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
    let branches = w.branches.clone();
    report(w, span, format!("`{name}`: {what}"), &branches);
}

/// Records the finding unless a branch it sits in is taken on an insecure setting; names
/// the innermost run-time condition it depends on.
fn report(
    w: &mut Walker<'_, '_>,
    span: apiward_diagnostics::Span,
    message: String,
    branches: &[Branch<'_>],
) {
    if branches.iter().any(|b| insecure_switch(b.cond, b.negated)) || opt_in_helper(w) {
        return;
    }
    let message = match branches.last() {
        Some(b) => {
            let text = apiward_source::cond::bounded(w.source(w.span(b.cond)));
            let holds = if b.negated { "does not hold" } else { "holds" };
            format!("{message} (whenever `{text}` {holds})")
        }
        None => message,
    };
    w.hit(Rule::TlsVerificationDisabled, span, message);
}

/// Whether the function the finding is in is a helper named for the insecurity
/// (`fn make_insecure(client: ClientBuilder) -> ClientBuilder`) that its file calls only
/// in branches on an insecure setting (`if self.insecure { b = make_insecure(b) }`): the
/// same opt-in, one call away.
fn opt_in_helper(w: &Walker<'_, '_>) -> bool {
    let Some(name) = w.func.map(ToString::to_string) else {
        return false;
    };
    let named = syn::parse_str::<Expr>(&name).is_ok_and(|e| insecure_switch(&e, false));
    if !named {
        return false;
    }
    let uses = uses_of(w, &name);
    !uses.unconditional
        && uses
            .branches
            .is_some_and(|bs| bs.iter().any(|b| insecure_switch(b.cond, b.negated)))
}

/// Whether a branch on `cond` (its `else` when `negated`) is taken on a setting that names
/// the insecurity itself: `skip_tls_verify`, `disable_tls_validation`, `insecure`,
/// `accept_invalid_certs`, `!verify_tls`, the `else` of `if verify_certs`, an environment
/// variable so named. A setting about verifying *client* certificates (incoming mutual
/// TLS) says nothing about outgoing connections.
pub(crate) fn insecure_switch(cond: &Expr, negated: bool) -> bool {
    if let Expr::Unary(u) = peel(cond) {
        if matches!(u.op, syn::UnOp::Not(_)) {
            return insecure_switch(&u.expr, !negated);
        }
    }
    let mut names = Names(Vec::new());
    names.visit_expr(cond);
    names.0.iter().any(|name| {
        let words = apiward_source::identifier_words(name);
        let joined: String = words.concat();
        let danger = [
            "insecure",
            "danger",
            "unverified",
            "acceptinvalid",
            "allowinvalid",
            "trustall",
            "selfsigned",
            "noverif",
            "skipverif",
        ]
        .iter()
        .any(|d| joined.contains(d));
        let target = |w: &String| {
            ["verif", "valid", "cert", "tls", "ssl", "hostname", "https"]
                .iter()
                .any(|t| w.starts_with(t))
        };
        let negator = words.iter().any(|w| {
            matches!(
                w.as_str(),
                "skip"
                    | "disable"
                    | "disabled"
                    | "ignore"
                    | "no"
                    | "without"
                    | "bypass"
                    | "dont"
                    | "not"
            )
        });
        let client = words.iter().any(|w| w == "client");
        danger
            || (negator && words.iter().any(target))
            || (negated
                && !client
                && words
                    .iter()
                    .any(|w| w.starts_with("verif") || w.starts_with("valid")))
    })
}

/// The names a condition reads: path segments, fields, methods, string literals.
struct Names(Vec<String>);

impl<'ast> Visit<'ast> for Names {
    fn visit_ident(&mut self, i: &'ast proc_macro2::Ident) {
        self.0.push(i.to_string());
    }
    fn visit_lit_str(&mut self, l: &'ast syn::LitStr) {
        self.0.push(l.value());
    }
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
            // Installed only in branches on a run-time condition: judged by where it is used
            // (`if cfg.no_verify { .. }` is the operator's choice).
            let uses = ty.map(|t| uses_of(w, &t)).unwrap_or_default();
            match uses.branches.filter(|_| !uses.unconditional) {
                Some(b) => report(w, span, message.into(), &b),
                None => w.hit(Rule::TlsVerificationDisabled, span, message.into()),
            }
        }
    }
}

/// Where a type is named as a value in the file (`Arc::new(NoVerifier)`, `NoVerifier {}`):
/// whether any of those places is outside a branch taken on a run-time condition, and the
/// branches of a conditional one (one not on an insecure setting when there is such).
#[derive(Default)]
struct Uses<'ast> {
    unconditional: bool,
    branches: Option<Vec<Branch<'ast>>>,
}

fn uses_of<'ast>(w: &Walker<'ast, '_>, ty: &str) -> Uses<'ast> {
    struct Finder<'a, 'ast> {
        ty: &'a str,
        branches: Vec<Branch<'ast>>,
        uses: Uses<'ast>,
    }
    impl<'ast> Visit<'ast> for Finder<'_, 'ast> {
        fn visit_expr_if(&mut self, i: &'ast syn::ExprIf) {
            self.visit_expr(&i.cond);
            let branch = Branch::of_if(i);
            let runtime = branch.is_some();
            self.branches.extend(branch);
            self.visit_block(&i.then_branch);
            if let Some((_, e)) = &i.else_branch {
                if let Some(b) = self.branches.last_mut().filter(|_| runtime) {
                    b.negated = true;
                }
                self.visit_expr(e);
            }
            if runtime {
                self.branches.pop();
            }
        }
        fn visit_expr_match(&mut self, m: &'ast syn::ExprMatch) {
            self.visit_expr(&m.expr);
            let branch = Branch::of_match(m);
            let runtime = branch.is_some();
            self.branches.extend(branch);
            for a in &m.arms {
                self.visit_arm(a);
            }
            if runtime {
                self.branches.pop();
            }
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
                if self.branches.is_empty() {
                    self.uses.unconditional = true;
                } else {
                    let switch =
                        |bs: &[Branch<'_>]| bs.iter().any(|b| insecure_switch(b.cond, b.negated));
                    let keep = match &self.uses.branches {
                        None => true,
                        Some(old) => switch(old) && !switch(&self.branches),
                    };
                    if keep {
                        self.uses.branches = Some(self.branches.clone());
                    }
                }
            }
            syn::visit::visit_expr(self, e);
        }
    }
    let Some(file) = w.file else {
        return Uses::default();
    };
    let mut f = Finder {
        ty,
        branches: Vec::new(),
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

pub(crate) struct TlsVerificationDisabled;

impl super::RustRule for TlsVerificationDisabled {
    fn rule(&self) -> Rule {
        Rule::TlsVerificationDisabled
    }

    fn markers(&self) -> &'static [&'static str] {
        MARKERS
    }

    fn item_impl(&self, w: &mut Walker<'_, '_>, i: &ItemImpl) {
        item_impl(w, i);
    }

    fn method(&self, w: &mut Walker<'_, '_>, m: &ExprMethodCall, _top: bool) {
        method(w, m);
    }
}

#[cfg(test)]
mod tests {
    use apiward_diagnostics::Severity;

    use crate::meta::Preset;
    use crate::rust::{check_rust, RustRuleOptions};
    use crate::select::Selection;
    use crate::Rule;

    fn findings(src: &str) -> Vec<(Severity, u32)> {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("client.rs");
        std::fs::write(&file, src).unwrap();
        let files = [file];
        let inv = apiward_source::inventory(&files, &apiward_source::SourceOptions::default());
        let sel = Selection::new(
            Preset::All,
            &[Rule::TlsVerificationDisabled.into()],
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
    fn a_setting_that_names_the_insecurity_is_the_operators_choice() {
        let src = r"
pub fn client(cfg: &Config) -> reqwest::Client {
    let mut b = reqwest::Client::builder();
    if cfg.accept_invalid_certs {
        b = b.danger_accept_invalid_certs(true);
    }
    if cfg.tracing_enabled {
        b = b.danger_accept_invalid_hostnames(true);
    }
    b.build().unwrap()
}
pub fn always() -> reqwest::Client {
    reqwest::Client::builder().danger_accept_invalid_certs(true).build().unwrap()
}
";
        assert_eq!(findings(src), [(Severity::Error, 8), (Severity::Error, 13)]);
    }

    #[test]
    fn switches_are_told_by_their_names() {
        let switch = |cond: &str, negated: bool| {
            super::insecure_switch(&syn::parse_str(cond).unwrap(), negated)
        };
        for on in [
            "cfg.skip_tls_verify",
            "endpoint.disable_tls_validation",
            "self.accept_invalid_certs",
            "insecure",
            "pg_tls_no_verify",
            "opts.dangerousDisableTlsVerification",
            "!cfg.verify_tls",
            "std::env::var(\"SKIP_CERT_CHECK\").is_ok()",
            "a && cfg.self_signed",
        ] {
            assert!(switch(on, false), "{on}");
        }
        assert!(switch("cfg.verify_certificates", true));
        for off in [
            "tracing_enabled",
            "config.contains(\"sslmode=require\")",
            "!verify_https_client_certificate",
            "let Some(ca) = cfg.ca_cert",
            "cfg.tls.enabled",
        ] {
            assert!(!switch(off, false), "{off}");
        }
    }

    #[test]
    fn a_verifier_is_judged_by_the_branches_that_install_it() {
        let verifier = r"
impl ServerCertVerifier for NoVerifier {
    fn verify_server_cert(&self, _: &CertificateDer<'_>, _: &[CertificateDer<'_>], _: &ServerName<'_>, _: &[u8], _: UnixTime) -> Result<ServerCertVerified, Error> {
        Ok(ServerCertVerified::assertion())
    }
}
";
        let opt_in = format!(
            "{verifier}\npub fn tls(no_verify: bool) -> ClientConfig {{\n    if no_verify {{\n        return ClientConfig::builder().dangerous().with_custom_certificate_verifier(Arc::new(NoVerifier)).with_no_client_auth();\n    }}\n    default_config()\n}}\n"
        );
        assert_eq!(findings(&opt_in), []);
        let in_method = format!(
            "{verifier}\nimpl Db {{\n    async fn connect(&self) -> ClientConfig {{\n        if self.no_verify {{\n            return ClientConfig::builder().dangerous().with_custom_certificate_verifier(Arc::new(NoVerifier {{}})).with_no_client_auth();\n        }}\n        default_config()\n    }}\n}}\n"
        );
        assert_eq!(findings(&in_method), []);
        // Whenever the database URL asks for TLS, the certificate is not checked.
        let with_tls = format!(
            "{verifier}\npub fn tls(url: &str) -> Option<ClientConfig> {{\n    if url.contains(\"sslmode=require\") {{\n        return Some(ClientConfig::builder().dangerous().with_custom_certificate_verifier(Arc::new(NoVerifier)).with_no_client_auth());\n    }}\n    None\n}}\n"
        );
        assert_eq!(findings(&with_tls), [(Severity::Error, 3)]);
        let always = format!(
            "{verifier}\npub fn tls() -> ClientConfig {{\n    ClientConfig::builder().dangerous().with_custom_certificate_verifier(Arc::new(NoVerifier)).with_no_client_auth()\n}}\n"
        );
        assert_eq!(findings(&always), [(Severity::Error, 3)]);
    }
}
