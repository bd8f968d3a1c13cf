//! `plain-http-listener`: a server listening on plain TCP on a non-loopback address, in
//! a crate that sets up no TLS listener anywhere.
//!
//! Plain listeners: `TcpListener::bind(addr)` whose listener is served in the same file
//! (`let l = TcpListener::bind(..)` then `axum::serve(l, app)`), `Server::bind(&addr)` (axum 0.6, hyper), `axum_server::bind(addr)`,
//! actix `HttpServer::new(..).bind(addr)`, and Rocket (`rocket::build()`/`custom()`) whose
//! `Rocket.toml` sets a non-loopback `address` and no `tls` (Rocket binds 127.0.0.1 unless
//! told otherwise). Reported at the bind (Rocket: at the build call).
//!
//! Only addresses known from the source to be public are reported: a literal that is not
//! loopback (`"0.0.0.0:8080"`, `("0.0.0.0", port)`) or the unspecified address
//! (`[0, 0, 0, 0]`, `Ipv4Addr::UNSPECIFIED`). Loopback (`127.0.0.1`, `localhost`, `[::1]`,
//! `Ipv4Addr::LOCALHOST`) is local development; an address from configuration or the
//! environment is not known and not reported (on actix/examples both such binds were
//! loopback in practice). TLS anywhere in the crate (`bind_rustls*`,
//! `bind_openssl`, `RustlsConfig`, `TlsAcceptor`, `SslAcceptor`, Rocket `TlsConfig` or a
//! `tls` table in `Rocket.toml`) clears every plain bind of that crate: a redirect listener
//! next to an HTTPS one is normal; so does `tls = "proxy"` in apiward.toml. A plain bind is
//! reported at info: most such services sit behind a proxy or an ingress that ends TLS,
//! which the code cannot show.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use syn::{Expr, ExprCall, ExprMethodCall};

use super::{chain, ends_with, peel, peel_try, root_call_segments, Hit, Walker};
use crate::Rule;

/// Every bind the rule reads is a call of a function or method named `bind` (not every
/// `bindings` module or `channel_binding`).
pub(crate) const MARKERS: &[&str] = &["bind(", "rocket::build", "rocket::custom"];

/// Byte strings of TLS set-ups: a crate holding one is not reported as plain HTTP.
pub(crate) const TLS_MARKERS: &[&str] = &[
    "bind_rustls",
    "bind_openssl",
    "bind_native_tls",
    "RustlsConfig",
    "OpenSSLConfig",
    "TlsAcceptor",
    "tls_rustls",
    "tokio_rustls",
    "SslAcceptor",
    "TlsConfig",
    "TlsListener",
];

/// Whether the address is known from the source to be a public one: a literal that is not
/// loopback, or the unspecified address (`0.0.0.0`, `[0, 0, 0, 0]`, `UNSPECIFIED`). A
/// variable is looked up in the `let`s of the enclosing function; an address that comes
/// from configuration or the environment is not known, and not reported.
fn is_public(w: &Walker<'_, '_>, e: &Expr) -> bool {
    let e = peel_try(peel(e));
    let mut text = w.source(w.span(e));
    if let Expr::Path(p) = e {
        if let Some(id) = p.path.get_ident() {
            if let Some(span) = w.locals.get(&id.to_string()).copied() {
                text = w.source(span);
            }
        }
    }
    if loopback_text(text) || configured(text) {
        return false;
    }
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    t.contains('"')
        || ["UNSPECIFIED", "[0,0,0,0]", "(0,0,0,0)"]
            .iter()
            .any(|m| t.contains(m))
}

/// An address chosen at run time between a configured value and a fallback
/// (`if cfg.addr.is_empty() { "0.0.0.0" } else { cfg.addr }`,
/// `env::var("HOST").unwrap_or(..)`): what production listens on is not in the source.
fn configured(text: &str) -> bool {
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().any(|w| {
        matches!(
            *w,
            "if" | "match"
                | "unwrap_or"
                | "unwrap_or_else"
                | "unwrap_or_default"
                | "or"
                | "or_else"
                | "var"
                | "env"
        )
    })
}

fn loopback_text(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    [
        "127.0.0.1",
        "localhost",
        "[::1]",
        "\"::1\"",
        "LOCALHOST",
        "[127,0,0,1]",
        "(127,0,0,1)",
    ]
    .iter()
    .any(|m| t.contains(m))
}

fn plain(w: &mut Walker<'_, '_>, addr: &Expr, span: apiward_diagnostics::Span, needs_serve: bool) {
    if w.in_test() || !is_public(w, addr) {
        return;
    }
    let shown: String = w
        .source(w.span(addr))
        .chars()
        .filter(|c| *c != '\n')
        .take(60)
        .collect();
    w.out.rules.entry::<Facts>().binds.push(Bind {
        span,
        message: format!(
            "the server listens on `{shown}` over plain HTTP and this crate sets up no TLS listener: credentials and data travel unencrypted"
        ),
        needs_serve,
        var: w.let_name.clone(),
        rocket: false,
    });
}

/// What a file leaves for the end of the run.
#[derive(Debug, Default)]
pub(crate) struct Facts {
    binds: Vec<Bind>,
    /// A call to something named `serve` (`axum::serve(listener, app)`).
    serves: bool,
    /// Variables passed first to such a call (`listener`).
    served: Vec<String>,
}

/// A server listening on plain TCP.
#[derive(Debug, Clone)]
struct Bind {
    span: apiward_diagnostics::Span,
    message: String,
    /// `TcpListener::bind` is a server only if it is served (`axum::serve(listener, ..)`).
    needs_serve: bool,
    /// The variable the listener is bound to (`let listener = TcpListener::bind(..)`).
    var: Option<String>,
    /// Rocket's address comes from its configuration (`Rocket.toml`), not from the code.
    rocket: bool,
}

pub(crate) fn call(w: &mut Walker<'_, '_>, c: &ExprCall, segs: &[String]) {
    // Test code serves too: what it serves is known whichever bind it serves.
    if segs.last().is_some_and(|s| s == "serve") {
        let served = match c.args.first().map(peel) {
            Some(Expr::Path(p)) => p.path.get_ident().map(ToString::to_string),
            _ => None,
        };
        let facts = w.out.rules.entry::<Facts>();
        facts.serves = true;
        facts.served.extend(served);
    }
    if w.in_test() {
        return;
    }
    let Some(addr) = c.args.first() else {
        if segs == ["rocket", "build"] {
            let span = w.span(c);
            w.out.rules.entry::<Facts>().binds.push(Bind {
                span,
                message: String::new(),
                needs_serve: false,
                var: None,
                rocket: true,
            });
        }
        return;
    };
    if ends_with(segs, &["TcpListener", "bind"]) {
        let span = w.span(c);
        plain(w, addr, span, true);
    } else if ends_with(segs, &["Server", "bind"]) || segs == ["axum_server", "bind"] {
        let span = w.span(c);
        plain(w, addr, span, false);
    } else if segs == ["rocket", "custom"] {
        let span = w.span(c);
        w.out.rules.entry::<Facts>().binds.push(Bind {
            span,
            message: String::new(),
            needs_serve: false,
            var: None,
            rocket: true,
        });
    }
}

pub(crate) fn method(w: &mut Walker<'_, '_>, m: &ExprMethodCall) {
    if m.method == "serve" {
        w.out.rules.entry::<Facts>().serves = true;
    }
    if m.method != "bind" || m.args.len() != 1 {
        return;
    }
    let (root, _) = chain(m);
    if root_call_segments(root).is_some_and(|s| ends_with(&s, &["HttpServer", "new"])) {
        let span = w.method_span(m);
        plain(w, &m.args[0], span, false);
    }
}

/// What `Rocket.toml` in a crate directory says about the listener.
#[derive(Debug, Default)]
pub(crate) struct RocketConfig {
    pub tls: bool,
    pub public_address: bool,
    pub address: String,
}

impl RocketConfig {
    pub(crate) fn read(dir: &Path) -> RocketConfig {
        let mut cfg = RocketConfig::default();
        let Ok(text) = apiward_diagnostics::read::read_text(&dir.join("Rocket.toml")) else {
            return cfg;
        };
        for line in text.lines() {
            let t = line.trim();
            if t.starts_with('#') {
                continue;
            }
            if t.contains("tls") {
                cfg.tls = true;
            }
            if let Some(v) = t.strip_prefix("address") {
                let v = v
                    .trim_start()
                    .trim_start_matches('=')
                    .trim()
                    .trim_matches('"');
                if !loopback_text(v) {
                    cfg.public_address = true;
                    cfg.address = v.to_string();
                }
            }
        }
        cfg
    }
}

pub(crate) fn rocket_message(cfg: &RocketConfig) -> String {
    format!(
        "Rocket listens on `{}` (Rocket.toml) over plain HTTP and no TLS is configured: credentials and data travel unencrypted",
        cfg.address
    )
}

pub(crate) struct PlainHttpListener;

impl super::RustRule for PlainHttpListener {
    fn rule(&self) -> Rule {
        Rule::PlainHttpListener
    }

    fn markers(&self) -> &'static [&'static str] {
        MARKERS
    }

    fn crate_markers(&self) -> &'static [&'static str] {
        TLS_MARKERS
    }

    fn off(&self, opts: &super::RustRuleOptions) -> bool {
        opts.tls_at_proxy
    }

    /// The binds that serve, in crates that set up no TLS listener anywhere.
    fn finish(&self, p: &super::Project<'_>) -> Vec<(usize, Hit)> {
        // TLS anywhere in a crate.
        let tls_crates: HashSet<&Path> = p
            .facts
            .iter()
            .zip(p.places)
            .filter(|(f, _)| f.as_ref().is_some_and(|f| f.crate_marked))
            .map(|(_, place)| place.crate_dir.as_path())
            .collect();
        let mut rocket_config: BTreeMap<&Path, RocketConfig> = BTreeMap::new();
        let mut out = Vec::new();
        for (i, (f, place)) in p.facts.iter().zip(p.places).enumerate() {
            let Some(f) = f.as_ref().and_then(|f| f.rules.get::<Facts>()) else {
                continue;
            };
            if tls_crates.contains(place.crate_dir.as_path()) {
                continue;
            }
            for b in &f.binds {
                let served = match &b.var {
                    Some(v) => f.served.contains(v),
                    None => f.serves,
                };
                if b.needs_serve && !served {
                    continue;
                }
                let mut message = b.message.clone();
                if b.rocket {
                    let cfg = rocket_config
                        .entry(&place.crate_dir)
                        .or_insert_with(|| RocketConfig::read(&place.crate_dir));
                    if cfg.tls || !cfg.public_address {
                        continue;
                    }
                    message = rocket_message(cfg);
                }
                // Most services that listen on plain HTTP sit behind a proxy or ingress
                // that ends TLS, which the code cannot show: said at info, with the way
                // to say so.
                out.push((
                    i,
                    Hit {
                        rule: Rule::PlainHttpListener,
                        span: b.span,
                        message: format!(
                            "{message}, unless TLS ends at a proxy in front (then set `tls = \"proxy\"` in apiward.toml)"
                        ),
                        info: true,
                    },
                ));
            }
        }
        out
    }

    fn call(&self, w: &mut Walker<'_, '_>, c: &ExprCall, segs: &[String]) {
        call(w, c, segs);
    }

    fn method(&self, w: &mut Walker<'_, '_>, m: &ExprMethodCall, _top: bool) {
        method(w, m);
    }
}
