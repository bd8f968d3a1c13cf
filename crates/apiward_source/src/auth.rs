//! What authenticates: extractor and guard types in handler signatures, and names of
//! middleware.

use crate::ir::Ty;
use crate::project::Project;

/// Auth a handler argument brings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ParamAuth {
    /// The extractor rejects unauthenticated requests; carries the type as written.
    Required(String),
    /// `Option<T>` / `Result<T, _>` of an auth extractor.
    Optional(String),
}

/// Wrappers whose generic argument is the credential (`TypedHeader<Authorization<Bearer>>`).
const HEADER_WRAPPERS: &[&str] = &["TypedHeader", "Header"];

fn is_auth_type(p: &Project, ty: &Ty) -> bool {
    let name = ty.name();
    if p.auth_types.contains_key(name) || projects_to(p, ty, |t| p.auth_types.contains_key(t)) {
        return true;
    }
    HEADER_WRAPPERS.contains(&name) && ty.args.iter().any(|a| is_auth_type(p, a))
}

/// Whether a projection on a type parameter (`C::Session`, `<C as Ctx>::Session`) is one
/// the test holds of, read as every type the project's trait impls give that associated
/// type (`impl ApplicationContext for PgContext { type Session = UserSession; }`).
fn projects_to(p: &Project, ty: &Ty, test: impl Fn(&str) -> bool) -> bool {
    if !ty.is_projection() {
        return false;
    }
    p.assoc_types
        .get(ty.name())
        .is_some_and(|targets| targets.iter().all(|t| test(t)))
}

pub(crate) fn param_auth(p: &Project, ty: &Ty) -> Option<ParamAuth> {
    match ty.name() {
        // A `Result` alias of the project's (`HandlerResult<Broadcaster>`) as well.
        name if name == "Option" || name == "Result" || p.result_aliases.contains(name) => {
            let inner = ty.args.first()?;
            is_auth_type(p, inner).then(|| ParamAuth::Optional(ty.display()))
        }
        name if p.optional_types.contains(name)
            || projects_to(p, ty, |t| p.optional_types.contains(t)) =>
        {
            Some(ParamAuth::Optional(ty.display()))
        }
        _ => is_auth_type(p, ty).then(|| ParamAuth::Required(ty.display())),
    }
}

/// Whether a middleware (function, type or macro) name says it authenticates, read as words
/// (`require_auth`, `JwtLayer`, `AuthMiddleware`; not `Rauthy`, `authors`, `UNAUTHORIZED`).
pub(crate) fn name_says_auth(p: &Project, name: &str) -> bool {
    if p.extra_auth_middleware.iter().any(|n| n == name) || p.auth_mw_types.contains(name) {
        return true;
    }
    let words = words(name);
    let has = |w: &str| words.iter().any(|x| x == w);
    let pair = |a: &str, b: &str| words.windows(2).any(|w| w[0] == a && w[1] == b);
    [
        "auth",
        "authn",
        "authz",
        "authenticate",
        "authenticated",
        "authentication",
        "authenticator",
        "authorize",
        "authorized",
        "authorization",
        "jwt",
        "bearer",
        "apikey",
    ]
    .iter()
    .any(|w| has(w))
        || pair("api", "key")
        || pair("login", "required")
        || pair("require", "login")
        || (pair("require", "user") && !has("agent"))
        || pair("permission", "required")
        // A request signed with the caller's key (`ValidateSignature`, `verify_signatures`),
        // turned away unsigned whatever the status; not one checking what an upstream
        // answered.
        || (["signature", "signatures", "signed"].iter().any(|w| has(w))
            && ["verify", "validate", "check", "require", "requires"]
                .iter()
                .any(|w| has(w))
            && !checks_upstream_answer(&words))
}

/// Whether a name (as [`words`]) says it checks the signature or hash of what an upstream
/// answered (`verify_response_hash_and_signature`, `check_reply_sig`): not who calls. (A
/// challenge's response is the caller's: `verify_challenge_response`.)
fn checks_upstream_answer(w: &[String]) -> bool {
    let has = |set: &[&str]| w.iter().any(|x| set.contains(&x.as_str()));
    has(&["response", "responses", "reply"])
        && has(&["signature", "signatures", "sig", "hash", "digest"])
        && !has(&["challenge"])
}

/// Whether a handler is named for signing in, up or out, or for a step of those flows
/// (`post_admin_login`, `oauth_callback`, `reset_password`): public by nature, its reading
/// of credentials grants them rather than checks them.
/// OAuth alone names a step of the flow (`oauth`, `oauth_redirect`), not when the name
/// manages it (`get_oauth`, `update_oauth_credential`: an admin's settings).
pub fn entry_point_name(name: &str) -> bool {
    const MANAGES: &[&str] = &[
        "get",
        "read",
        "list",
        "update",
        "set",
        "delete",
        "remove",
        "create",
        "add",
        "edit",
        "credential",
        "credentials",
        "settings",
        "setting",
        "config",
        "client",
        "clients",
    ];
    let w = words(name);
    let has = |set: &[&str]| w.iter().any(|x| set.contains(&x.as_str()));
    has(&[
        "login", "signin", "logon", "logout", "signout", "register", "signup", "callback",
        "prelogin",
    ])
        // `reset_password`, `forgot_pin`: not `reset` alone (`POST /reset` of a database).
        || (has(&["reset", "forgot", "forgotten", "recover"])
            && has(&[
                "password", "passwd", "pass", "pw", "credential", "credentials", "pin", "secret",
                "totp", "mfa", "otp", "2fa",
            ]))
        // A handler whose name starts with the verb (`authenticate(code)`,
        // `authenticate_user`): it signs the caller in.
        || w.first().is_some_and(|x| x == "authenticate")
        || (w.iter().any(|x| x == "oauth") && !has(MANAGES))
        // A step of single sign-on (`initiate_sso`, `oidc_redirect`, `exchange_oidc_token`),
        // not its management (`enable_sso`, `put_oidc_provider`).
        || (has(&["sso", "oidc"])
            && has(&[
                "start", "initiate", "begin", "redirect", "authorize", "callback", "init",
                "exchange", "return",
            ])
            && !has(MANAGES))
}

/// Whether a handler is named for signing out (`logout`, `sign_out_user`): it ends the
/// caller's session rather than granting one.
pub(crate) fn sign_out_name(name: &str) -> bool {
    let w = words(name);
    w.iter()
        .any(|x| matches!(x.as_str(), "logout" | "signout" | "logoff"))
        || w.windows(2)
            .any(|p| matches!(p[0].as_str(), "log" | "sign") && p[1] == "out")
}

/// Words of a value or type that holds who is calling: the credentials or identity an auth
/// step produced (`session`, `claims`, `token`).
const IDENTITY_WORDS: &[&str] = &["session", "claims", "principal", "credentials", "token"];

/// Words of a type that names a caller beside [`IDENTITY_WORDS`] (`CurrentUser`,
/// `Extension<Account>`).
const CALLER_WORDS: &[&str] = &[
    "user", "auth", "identity", "account", "actor", "caller", "subject", "login", "viewer",
    "member",
];

/// A variable named for the caller's identity (`session`, `jwt_claims`): a check given it
/// checks the caller.
pub(crate) fn names_identity(name: &str) -> bool {
    words(name)
        .iter()
        .any(|w| IDENTITY_WORDS.contains(&w.as_str()))
}

/// Whether a word names who called ([`IDENTITY_WORDS`], [`CALLER_WORDS`]).
fn caller_word(w: &str) -> bool {
    IDENTITY_WORDS.contains(&w) || CALLER_WORDS.contains(&w)
}

/// The request as the frameworks hand it to a handler or middleware.
pub(crate) const REQUEST_TYPES: &[&str] = &["HttpRequest", "Request", "Parts", "ServiceRequest"];

/// A type that can carry who called: the request itself, or a type named for the caller,
/// also as a generic argument (`Extension<Session>`, `Option<CurrentUser>`).
pub(crate) fn type_names_caller(t: &Ty) -> bool {
    REQUEST_TYPES.contains(&t.name())
        || words(t.name()).iter().any(|w| caller_word(w))
        || t.args.iter().any(type_names_caller)
}

/// Whether a function or method is named for reading who called (`session_info`,
/// `load_session`, `current_user`); a CSRF token is not who called (`csrf_token`).
pub(crate) fn names_caller(name: &str) -> bool {
    let w = words(name);
    !w.iter().any(|x| x == "csrf") && w.iter().any(|x| caller_word(x))
}

/// Whether a call (`verify_csrf_token(&headers)`) is named for a CSRF token: it tells a
/// forged request from the page's own, not who calls.
pub(crate) fn csrf_call(call: &str) -> bool {
    let w = words(call.split('(').next().unwrap_or(call));
    let csrf = |x: &String| x == "csrf" || x == "xsrf";
    // Not one that checks the caller too (`require_session_and_csrf(&headers)?`): a word
    // naming the caller left once the CSRF token's own are set aside.
    w.iter().any(csrf)
        && !w.iter().enumerate().any(|(i, x)| {
            // The CSRF token's own words (`csrf`, and `token` after it) set aside.
            let own = csrf(x) || (x == "token" && i > 0 && csrf(&w[i - 1]));
            !own && (caller_word(x)
                || matches!(
                    x.as_str(),
                    "authn" | "authenticate" | "authorize" | "jwt" | "bearer"
                ))
        })
}

/// Whether a call is named for checking the caller (`validate_access_token`,
/// `require_admin_user`, `AuthCheck::check`), and whether its name is about credentials at
/// all (a strong auth word: `token`, `session`, `permission`, ...).
pub(crate) fn call_checks_auth(call: &str) -> (bool, bool) {
    if csrf_call(call) {
        return (false, false);
    }
    let w = words(call);
    let any = |set: &[&str]| w.iter().any(|x| set.contains(&x.as_str()));
    if checks_upstream_answer(&words(call.split('(').next().unwrap_or(call))) {
        return (false, false);
    }
    let strong = any(&[
        "auth",
        "authn",
        "authz",
        "authenticate",
        "authenticated",
        "authorize",
        "authorized",
        "session",
        "token",
        "jwt",
        "apikey",
        "principal",
        "permission",
        "permissions",
        "credentials",
        "bearer",
        // A signed webhook's sender (`verify_gh_signature(&headers, &body, secret)`).
        "signature",
        "hmac",
    ]) || w.windows(2).any(|p| p[0] == "api" && p[1] == "key");
    let weak = any(&["user", "admin", "login", "logged", "owner"]);
    let checks = any(&["check", "validate", "verify"]);
    // `admin_guard(&state, &headers).await?`: a guard demands what it is named for.
    let demands = any(&["require", "ensure", "assert", "must", "guard"]);
    // `authenticate(&req)?`, `ctx.authenticate_user(..)`: the verb itself is the check (not
    // `authorize_url(..)`, which builds an OAuth link).
    let name = call.rsplit("::").next().unwrap_or(call);
    let name = name.trim_start_matches('.');
    let verb = name == "authorize"
        || name.starts_with("authenticate")
        // A token decoded with a key ([`crate::ir`]'s call names).
        || call == "jsonwebtoken::decode";
    (
        (strong && (checks || demands)) || (weak && demands) || verb,
        strong,
    )
}

/// The words of an identifier, lower-cased: `snake_case`, `CamelCase`, `SCREAMING_CASE`,
/// `HTTPServer` (`http`, `server`).
pub fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for chunk in name.split(|c: char| !c.is_ascii_alphanumeric()) {
        let chars: Vec<char> = chunk.chars().collect();
        let mut cur = String::new();
        for (i, &c) in chars.iter().enumerate() {
            let prev = i.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(i + 1).copied();
            let boundary = c.is_ascii_uppercase()
                && prev.is_some_and(|p| {
                    p.is_ascii_lowercase()
                        || p.is_ascii_digit()
                        || (p.is_ascii_uppercase() && next.is_some_and(|n| n.is_ascii_lowercase()))
                });
            if boundary && !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            cur.push(c.to_ascii_lowercase());
        }
        if !cur.is_empty() {
            out.push(cur);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{csrf_call, entry_point_name, sign_out_name, words};

    #[test]
    fn checks_of_a_response_are_not_of_the_caller() {
        use super::call_checks_auth;
        for c in [
            "verify_response_hash_and_signature(&body, &sig)",
            "utils::check_reply_sig(t)",
        ] {
            assert_eq!(call_checks_auth(c), (false, false), "{c}");
        }
        for c in [
            "verify_signature(&headers, &body)",
            "check_token(response_token)",
            "verify_auth_response(&headers, &nonce)",
            "verify_challenge_response_signature(&headers, &nonce)",
            "AuthResponse::verify(token)",
        ] {
            assert!(call_checks_auth(c).0, "{c}");
        }
    }

    #[test]
    fn csrf_calls() {
        for c in [
            "verify_csrf_token(headers)",
            "check_xsrf(&req)",
            "CsrfGuard::validate",
        ] {
            assert!(csrf_call(c), "{c}");
        }
        // A check of the caller too, or no CSRF at all.
        for c in [
            "require_session_and_csrf(&headers)",
            "validate_token(t)",
            "csrf_user_check(&req)",
        ] {
            assert!(!csrf_call(c), "{c}");
        }
    }

    #[test]
    fn sign_outs() {
        for n in ["logout", "sign_out_user", "SignOut", "logoff", "log_out"] {
            assert!(sign_out_name(n), "{n}");
        }
        for n in ["login", "signup", "checkout", "logo_outline"] {
            assert!(!sign_out_name(n), "{n}");
        }
    }

    #[test]
    fn entry_points() {
        for n in [
            "login",
            "oauth",
            "oauth_redirect",
            "github_oauth_callback",
            "reset_password",
            "forgot_password",
            "authenticate",
            "authenticate_user",
        ] {
            assert!(entry_point_name(n), "{n}");
        }
        for n in [
            "get_oauth",
            "update_oauth_credential",
            "list_oauth_clients",
            "stats",
            "reset",
            "reset_collection",
            "reauthenticate",
        ] {
            assert!(!entry_point_name(n), "{n}");
        }
    }

    #[test]
    fn identifier_words() {
        assert_eq!(words("require_auth"), ["require", "auth"]);
        assert_eq!(words("JwtAuthLayer"), ["jwt", "auth", "layer"]);
        assert_eq!(words("HTTPAuthMiddleware"), ["http", "auth", "middleware"]);
        assert_eq!(words("UNAUTHORIZED"), ["unauthorized"]);
        assert_eq!(
            words("RauthyLoggingMiddleware"),
            ["rauthy", "logging", "middleware"]
        );
    }
}
