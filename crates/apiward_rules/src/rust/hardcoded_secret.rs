//! `hardcoded-secret`: keys that sign or verify tokens and cookies, written in the source.
//!
//! Calls that take key material, when the key is a literal (`b"…"`, `"…".as_bytes()`,
//! `&[0; 64]`) or a `const`/`static` whose value is one (in any file of the project):
//! `EncodingKey::from_secret`, `DecodingKey::from_secret`, `…::from_base64_secret`
//! (jsonwebtoken), `Hmac::<…>::new_from_slice`/`new_varkey` and aliases named `*Hmac*`
//! (hmac), `Key::from`/`Key::derive_from`/`Key::try_from` (cookie keys of actix-web,
//! axum-extra, Rocket) and Rocket's `SecretKey::from`. Reported at the key argument.
//!
//! Not reported: keys read from the environment or configuration (anything but a literal),
//! code under `#[cfg(test)]`/`#[test]`, and files below `tests/`, `benches/` or `examples/`.

use syn::{Expr, ExprCall};

use super::{is_literal_value, is_view_method, peel, segments, Hit, Pending, Walker};

pub(crate) const MARKERS: &[&str] = &[
    "from_secret",
    "from_base64_secret",
    "new_from_slice",
    "new_varkey",
    "Key::",
];

/// What the call does with its key, for the message.
fn key_use(w: &Walker<'_, '_>, c: &ExprCall, segs: &[String]) -> Option<&'static str> {
    let n = segs.len();
    let last = segs.last()?.as_str();
    let owner = if n >= 2 {
        segs[n - 2].as_str()
    } else {
        match &*c.func {
            Expr::Path(p) => match &p.qself {
                Some(q) => {
                    let ty = w.source(w.span(&*q.ty));
                    if ty.contains("Hmac") {
                        "Hmac"
                    } else {
                        ""
                    }
                }
                None => "",
            },
            _ => "",
        }
    };
    match (owner, last) {
        ("EncodingKey", "from_secret" | "from_base64_secret") => Some("the tokens it signs"),
        ("DecodingKey", "from_secret" | "from_base64_secret") => Some("tokens it accepts"),
        (o, "new_from_slice" | "new_varkey") if o.contains("Hmac") => {
            Some("the signatures it checks")
        }
        ("Key", "from" | "derive_from" | "try_from") => Some("session and private cookies"),
        ("SecretKey", "from" | "derive_from") => Some("session and private cookies"),
        _ => None,
    }
}

pub(crate) fn call(w: &mut Walker<'_, '_>, c: &ExprCall, segs: &[String]) {
    let Some(what) = key_use(w, c, segs) else {
        return;
    };
    let Some(arg) = c.args.first() else { return };
    let callee = segs[segs.len().saturating_sub(2)..].join("::");
    let span = w.span(arg);
    let message = format!(
        "the key passed to `{callee}` is written in the source: anyone with the code can forge {what}"
    );
    // Views of a value: `SECRET.as_bytes()`, `&KEY`.
    let mut e = peel(arg);
    while let Expr::MethodCall(m) = e {
        if !is_view_method(&m.method.to_string()) {
            break;
        }
        e = peel(&m.receiver);
    }
    if is_literal_value(e, &w.consts, 0) {
        w.hit("hardcoded-secret", span, message);
        return;
    }
    // A constant of another file: decided once every file is read.
    if let Expr::Path(p) = e {
        let segs = segments(&p.path);
        let name = segs.last().cloned().unwrap_or_default();
        let looks_const = name.chars().any(|c| c.is_ascii_uppercase())
            && !name.chars().any(|c| c.is_ascii_lowercase());
        if looks_const && !w.consts.contains_key(&name) {
            w.out.pending.push(Pending {
                hit: Hit {
                    rule: "hardcoded-secret",
                    span,
                    message,
                },
                name,
            });
        }
    }
}
