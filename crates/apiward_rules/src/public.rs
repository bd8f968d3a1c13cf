//! Which operations are public by nature, and which hold operator functions: one answer
//! for the description (`missing-auth` on an operation) and the code (`missing-auth` on a
//! route), so that the two sides agree.
//!
//! Sign-in, sign-up, token exchange, password reset, OAuth callbacks, webhooks receivers and
//! health probes are meant to be called without credentials ([`is_public_flow`]); so are
//! reads of the service's documentation and of its root page ([`public_read`]), and, for a
//! description's operations, reads whose path says they are public ([`says_public`]: the
//! code side reports no read without auth anyway). Operations
//! under an admin, internal, debug or management segment ([`privileged_segment`]) are the
//! ones whose lack of authentication matters most.

/// Path segments that hold operator functions.
const PRIVILEGED: &[&str] = &[
    "admin",
    "admins",
    "administration",
    "internal",
    "debug",
    "management",
    "manage",
    "actuator",
    "_admin",
    "superuser",
    "sudo",
];

/// Words in a path segment that mark a flow meant to be called without credentials.
const PUBLIC_WORDS: &[&str] = &[
    "login",
    "logout",
    "signin",
    "signup",
    "register",
    "registration",
    "token",
    "refresh",
    "password",
    "forgot",
    "reset",
    "oauth",
    "oauth2",
    "callback",
    "authorize",
    "auth",
    "authenticate",
    "webhook",
    "webhooks",
    "health",
    "healthz",
    "readyz",
    "livez",
    "ready",
    "live",
    "ping",
    "metrics",
    "verify",
    "confirm",
    "activate",
    "otp",
    "session",
    "sessions",
    // ActivityPub inboxes take posts from other servers, signed with HTTP Signatures that
    // the handler verifies.
    "inbox",
    // OAuth and OpenID Connect endpoints: the key set relying parties fetch (`/certs`,
    // `/jwks`), and token revocation and introspection, where the token and the client's
    // own credentials in the body are what is checked (RFC 7009, RFC 7662).
    "certs",
    "jwks",
    "revoke",
    "revocation",
    "introspect",
    "introspection",
];

/// Single sign-on protocols: a step of signing in with one is public
/// ([`is_sign_in_step`]), their settings are not.
const SSO_WORDS: &[&str] = &["sso", "oidc", "saml"];

/// The steps of a sign-in flow a word of the last segment names (`/sso/providers/{name}/start`,
/// `/oidc/callback`, `/saml/acs`), beside [`PUBLIC_WORDS`].
const STEP_WORDS: &[&str] = &[
    "start", "init", "login", "callback", "return", "acs", "redirect", "logout",
];

/// A step of a sign-in flow by its last segment: the first of its words (at a change of case
/// too, `oidcLogin` → [oidc, login]) a sign-in word, or single sign-on named in the path with
/// a step word last (`/sso/providers/{name}/start`, `/sso/return`); a visitor's session
/// (`POST /anonymous`). Not under an operator's segment (`/admin/sso/login` is the admin's).
fn is_sign_in_step(path: &str) -> bool {
    if privileged_segment(path).is_some() {
        return false;
    }
    let Some(last) = segments(path).last() else {
        return false;
    };
    let w = crate::checks::shared::words(last);
    let sso = segments(path).any(|s| {
        crate::checks::shared::words(s)
            .iter()
            .any(|x| SSO_WORDS.contains(&x.as_str()))
    });
    let first_sign_in = w.first().is_some_and(|x| {
        matches!(
            x.as_str(),
            "login" | "logout" | "signin" | "signup" | "register" | "authenticate"
        ) || (SSO_WORDS.contains(&x.as_str()) && w.len() > 1 && STEP_WORDS.contains(&w[1].as_str()))
    });
    first_sign_in
        || (sso && w.last().is_some_and(|x| STEP_WORDS.contains(&x.as_str())))
        || last.eq_ignore_ascii_case("anonymous")
}

/// The words of a path segment: `sign-in` → `signin`, `reset_password` → [reset, password].
fn words(segment: &str) -> Vec<String> {
    let lower = segment.to_ascii_lowercase();
    let mut out: Vec<String> = lower
        .split(['-', '_', '.'])
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    out.push(lower.replace(['-', '_', '.'], ""));
    out
}

fn segments(path: &str) -> impl Iterator<Item = &str> {
    path.split('/')
        .filter(|s| !s.is_empty() && !s.starts_with('{'))
}

/// Names a sign-up form checks before an account exists.
const SIGN_UP_NAMES: &[&str] = &["username", "email", "handle", "nickname", "login"];

/// Last segments of an availability check (`/username/exists`, `/email/available`).
const AVAILABILITY: &[&str] = &["exists", "exist", "available", "availability", "taken"];

pub fn is_public_flow(path: &str) -> bool {
    segments(path).any(|s| words(s).iter().any(|w| PUBLIC_WORDS.contains(&w.as_str())))
        || is_availability_check(path)
        || is_sign_in_step(path)
}

/// Whether the path carries a secret the caller was handed (`/invitation-tokens/{token}/accept`,
/// `/s/{share_token}`, `/reset/{secret}`): the link is the credential, whoever follows it
/// has no account yet, and a security scheme is not how it is checked.
pub fn carries_capability(path: &str) -> bool {
    path.split('/')
        .filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'))
        .any(|p| {
            let w = crate::checks::shared::words(p);
            w.last()
                .is_some_and(|l| matches!(l.as_str(), "token" | "secret"))
        })
}

/// A sign-up form's check that a name is free (`/account/username/exists`,
/// `/email/available`): called before the caller has an account.
fn is_availability_check(path: &str) -> bool {
    let segs: Vec<&str> = segments(path).collect();
    let [.., name, last] = segs.as_slice() else {
        return false;
    };
    words(last)
        .iter()
        .any(|w| AVAILABILITY.contains(&w.as_str()))
        && words(name)
            .iter()
            .any(|w| SIGN_UP_NAMES.contains(&w.as_str()))
}

/// Whether an operation's `operationId` names a step of signing in or up (`register_user`,
/// `oidcLogin`, `signUp`): its words a sign-in verb and, beside it, at most who signs in
/// (`user`, `account`) and `handler` (not `registerDevice`, `updateLoginPolicy`,
/// `listLoginEvents`). Not under an operator's segment.
pub fn names_sign_in(operation_id: &str, path: &str) -> bool {
    const VERBS: &[&str] = &[
        "login",
        "logout",
        "signin",
        "signup",
        "register",
        "authenticate",
        "oidc",
        "sso",
        "saml",
    ];
    const OTHER: &[&str] = &[
        "user", "users", "account", "me", "handler", "new", "init", "start", "callback", "in",
        "up", "sign", "log", "out", "post", "get",
    ];
    if privileged_segment(path).is_some() {
        return false;
    }
    let w = crate::checks::shared::words(operation_id);
    let joined = w.concat();
    (w.iter().any(|x| VERBS.contains(&x.as_str()))
        || ["signin", "signup", "login", "logout"]
            .iter()
            .any(|v| joined.contains(v)))
        && w.iter()
            .all(|x| VERBS.contains(&x.as_str()) || OTHER.contains(&x.as_str()))
}

/// Whether `path` ends a session (`/logout`, `/sign-out`): without a valid session there
/// is nothing to end, and servers answer such a request as they answer a sign-out, or
/// with a redirect to the sign-in page, rather than with a 401.
pub fn is_sign_out(path: &str) -> bool {
    segments(path).last().is_some_and(|s| {
        words(s)
            .iter()
            .any(|w| matches!(w.as_str(), "logout" | "signout" | "logoff"))
    })
}

pub fn privileged_segment(path: &str) -> Option<&str> {
    segments(path).find(|s| {
        let l = s.to_ascii_lowercase();
        PRIVILEGED.contains(&l.as_str())
    })
}

/// Whether a method changes state (`POST`, `PUT`, `PATCH`, `DELETE`): such an operation
/// without authentication is an error, a read a warning.
pub fn changes_state(method: &str) -> bool {
    ["POST", "PUT", "PATCH", "DELETE"]
        .iter()
        .any(|m| m.eq_ignore_ascii_case(method))
}

/// Documentation pages and files, read without credentials: `GET /docs`, `/swagger-ui`,
/// `/openapi.json`, `/redoc`.
const DOC_WORDS: &[&str] = &[
    "docs",
    "doc",
    "swagger",
    "swaggerui",
    "redoc",
    "rapidoc",
    "scalar",
    "openapi",
    "openapijson",
    "openapiyaml",
    "openapiyml",
    "swaggerjson",
    "swaggeryaml",
    "apidocs",
    "apidoc",
];

/// Probes and identity of the service, read without credentials: `GET /version`,
/// `/status`, `/healthcheck`, `/heartbeat`.
const PROBE_WORDS: &[&str] = &[
    "health",
    "healthz",
    "readyz",
    "livez",
    "ping",
    "ready",
    "live",
    "version",
    "status",
    "healthcheck",
    "heartbeat",
    "alive",
    "liveness",
    "readiness",
    "robots",
    "favicon",
    // The keys that verify the service's tokens (`/jwks.json`, `/oauth2/jwks`): public so
    // that anyone can check a signature.
    "jwks",
];

/// Whether a read (`GET`, `HEAD`, `OPTIONS`) of `path` is public by nature: the root page,
/// a documentation page or file (its last segment), a probe of the service, or metadata
/// under `/.well-known/` (RFC 8615: OIDC discovery, JWKS, `security.txt`).
pub fn public_read(method: &str, path: &str) -> bool {
    if !["GET", "HEAD", "OPTIONS"].contains(&method.to_ascii_uppercase().as_str()) {
        return false;
    }
    let Some(last) = path.split('/').rfind(|s| !s.is_empty()) else {
        return true;
    };
    if segments(path).any(|s| s.eq_ignore_ascii_case(".well-known")) {
        return true;
    }
    if last.starts_with('{') {
        return false;
    }
    let w = words(last);
    w.iter()
        .any(|w| DOC_WORDS.contains(&w.as_str()) || PROBE_WORDS.contains(&w.as_str()))
        || is_build_info(path, &w)
        || is_service_info(path)
}

/// What the service says about itself (`GET /info`, `/api/v1/about`): the
/// only segment beside an API or version prefix, not the information of something the path
/// names (`/account/info`, `/projects/{id}/about`).
fn is_service_info(path: &str) -> bool {
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let Some((last, before)) = segs.split_last() else {
        return false;
    };
    let prefix = |s: &&str| {
        let l = s.to_ascii_lowercase();
        l == "api"
            || l == "rest"
            || l.strip_prefix('v')
                .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit() || c == '.'))
    };
    before.iter().all(prefix) && matches!(last.to_ascii_lowercase().as_str(), "info" | "about")
}

/// Whether a read (`GET`, `HEAD`, `OPTIONS`) of `path` is public by what a segment of the
/// path says (`/public/..`, `/api/public_page/{id}`, `/public_oidc_providers`): an API
/// endpoint meant for anyone, unlike the pages of [`public_read`] still an endpoint to
/// describe.
/// Not under a privileged segment (`/admin/public_stats` stays the admin's).
pub fn says_public(method: &str, path: &str) -> bool {
    ["GET", "HEAD", "OPTIONS"].contains(&method.to_ascii_uppercase().as_str())
        && privileged_segment(path).is_none()
        && segments(path).any(|s| words(s).first().is_some_and(|w| w == "public"))
}

/// The build the service runs (`GET /meta/build`, `/api/buildinfo`): a version probe. A
/// `build` of something the path names (`/projects/{id}/build`) is not.
fn is_build_info(path: &str, last_words: &[String]) -> bool {
    !path.contains('{')
        && last_words
            .iter()
            .any(|w| matches!(w.as_str(), "build" | "buildinfo"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_flows_and_privileged_paths() {
        assert!(is_public_flow("/api/users/login"));
        assert!(is_public_flow("/auth/sign-in"));
        assert!(is_public_flow("/password_reset/{token}"));
        assert!(is_public_flow("/oauth/github/callback"));
        assert!(is_public_flow(
            "/realms/{realm}/protocol/openid-connect/certs"
        ));
        assert!(is_public_flow(
            "/realms/{realm}/protocol/openid-connect/revoke"
        ));
        assert!(is_public_flow("/.well-known/jwks.json"));
        assert!(!is_public_flow("/users/{id}"));
        assert!(!is_public_flow("/orders"));
        assert!(is_public_flow("/api/v1/account/username/exists"));
        assert!(is_public_flow("/email/available"));
        assert!(!is_public_flow("/orders/{id}/exists"));
        assert!(!is_public_flow("/files/exists"));
        // A secret handed to the caller in the link.
        assert!(carries_capability("/v1/invitation-tokens/{token}/accept"));
        assert!(carries_capability("/s/{shareToken}"));
        assert!(!carries_capability("/tokens/{token_id}"));
        assert!(!carries_capability("/api/tokens"));
        assert!(is_sign_out("/api/v1/signout"));
        assert!(is_sign_out("/auth/log-out"));
        assert!(!is_sign_out("/logout/{id}/devices"));
        assert_eq!(privileged_segment("/api/admin/users"), Some("admin"));
        assert_eq!(privileged_segment("/administrator"), None);
        assert_eq!(privileged_segment("/debug/pprof"), Some("debug"));
        // Sign-in steps by the last segment's first word at a change of case, single
        // sign-on steps, a visitor's session; not the settings of single sign-on, not
        // camel-case words elsewhere, not under an operator's segment.
        assert!(is_public_flow("/oidcLogin"));
        assert!(is_public_flow("/oidcInit"));
        assert!(is_public_flow("/sso/providers/{name}/start"));
        assert!(is_public_flow("/sso/return"));
        assert!(is_public_flow("/anonymous"));
        assert!(!is_public_flow("/api/v1/sso-settings/{key}"));
        assert!(!is_public_flow("/oidc/clients"));
        assert!(!is_public_flow("/admin/sso/config"));
        assert!(!is_public_flow("/orders/{orderId}/confirmDelivery"));
        assert!(!is_public_flow("/settings/anonymous-access"));
    }

    #[test]
    fn public_reads() {
        assert!(public_read("GET", "/"));
        assert!(public_read("HEAD", "/api/v1/version"));
        assert!(public_read("GET", "/docs"));
        assert!(public_read("GET", "/api/v1/openapi.json"));
        assert!(public_read("GET", "/swagger-ui"));
        assert!(!public_read("POST", "/docs"));
        assert!(!public_read("GET", "/docs/{id}"));
        assert!(!public_read("GET", "/users"));
        // What the service says about itself, not what something the path names says.
        assert!(public_read("GET", "/info"));
        assert!(public_read("GET", "/api/v2/about"));
        assert!(!public_read("GET", "/api/v1/available"));
        assert!(!public_read("GET", "/account/info"));
        assert!(!public_read("GET", "/projects/{id}/info"));
        assert!(!public_read("POST", "/info"));
    }

    #[test]
    fn sign_in_operation_ids() {
        assert!(names_sign_in("register_user_handler", "/user"));
        assert!(names_sign_in("oidcLogin", "/oidc/login"));
        assert!(names_sign_in("signUp", "/accounts"));
        assert!(!names_sign_in("registerDevice", "/devices"));
        assert!(!names_sign_in(
            "updateLoginPolicy",
            "/settings/authentication"
        ));
        assert!(!names_sign_in("listLoginEvents", "/audit/events"));
        assert!(!names_sign_in("register_user", "/admin/users"));
        assert!(!public_read("GET", "/documents"));
        assert!(public_read("GET", "/api/v1/meta/build"));
        assert!(public_read("GET", "/buildinfo"));
        assert!(!public_read("GET", "/projects/{id}/build"));
        assert!(!public_read("POST", "/meta/build"));
        assert!(public_read("GET", "/.well-known/openid-configuration"));
        assert!(public_read("GET", "/.well-known/{name}"));
        assert!(public_read("GET", "/oauth2/jwks"));
        assert!(public_read("GET", "/.well-known/jwks.json"));
        assert!(!public_read("POST", "/.well-known/jwks.json"));
        assert!(!public_read("GET", "/api/public_page/{dataset_id}"));
        assert!(says_public("GET", "/api/public_page/{dataset_id}"));
        assert!(says_public("GET", "/public/datasets/{id}"));
        assert!(says_public("GET", "/api/data/public_oidc_providers"));
        assert!(!says_public("POST", "/api/public_page/{dataset_id}"));
        assert!(!says_public("GET", "/publications/{id}"));
        assert!(!says_public("GET", "/users/{public_id}"));
        assert!(!says_public("GET", "/admin/public_stats"));
    }
}
