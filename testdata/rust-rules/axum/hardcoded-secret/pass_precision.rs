// Values named like credentials that are not server secrets, and a secret only
// development builds use.

/// Header that pins a client to one replica: a header name, not a token.
pub const HTTP_HEADER_AFFINITY_TOKEN: &str = "x-shard-route-affinity";

/// Write-only key of the usage analytics service, meant to ship in clients.
const SEGMENT_API_KEY: &str = "Wq3ZkT9mLx2Rb7Nc4Hd8Js1Pe6Ga0KuY";

/// Stripe publishable key (the browser checkout uses it).
pub const STRIPE_API_KEY: &str = "pk_live_51Hq8ZtRk2mNv7Wp3Lx9Bc4DfGh";

/// Development default, used only by debug builds.
const SESSION_SECRET: &str = "9fQ2Lm7Zx4Kw8Rt3Vb6Nc1Hd5Js0Pe";

#[cfg(debug_assertions)]
const DEBUG_API_TOKEN: &str = "dbg-7Kq2Zx9Lm4Wt";

pub fn session_secret() -> String {
    std::env::var("APP_SESSION_SECRET").unwrap_or_else(|_| {
        if cfg!(debug_assertions) {
            SESSION_SECRET.to_owned()
        } else {
            panic!("APP_SESSION_SECRET is not set")
        }
    })
}

pub fn routing() -> (&'static str, &'static str) {
    let routing_token = "session-routing-hint";
    (routing_token, SEGMENT_API_KEY)
}

/// The name of the header a signed request carries its session token in (a digit inside a
/// word of the name), handed to `HeaderName::from_static`: a name, not the token.
pub fn session_token_header(session: bool) -> Option<http::HeaderName> {
    if session {
        let token = http::HeaderName::from_static("x-amz-s3session-token");
        return Some(token);
    }
    None
}

pub const S3_SESSION_TOKEN: &str = "x-amz-s3session-token";
