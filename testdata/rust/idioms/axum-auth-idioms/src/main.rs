use axum::extract::{FromRequestParts, Request};
use axum::http::{request::Parts, HeaderMap, StatusCode};
use axum::middleware::{from_fn, Next};
use axum::response::Response;
use axum::routing::{get, post, put};
use axum::Router;

mod checks;

/// Reads the instance's domain; never rejects (a comment about tokens is not auth).
pub struct DomainInfo(String);

impl<S: Send + Sync> FromRequestParts<S> for DomainInfo {
    type Rejection = (StatusCode, &'static str);
    async fn from_request_parts(p: &mut Parts, _s: &S) -> Result<Self, Self::Rejection> {
        // never log bearer tokens or the session cookie here
        Ok(DomainInfo(p.uri.host().unwrap_or_default().to_string()))
    }
}

/// Rejects requests without a user agent: not authentication.
async fn require_user_agent(req: Request, next: Next) -> Result<Response, StatusCode> {
    if req.headers().get("user-agent").is_none() {
        return Err(StatusCode::FORBIDDEN);
    }
    Ok(next.run(req).await)
}

/// Authenticates only when the registry is configured to: lets anonymous callers in.
async fn session_auth_when_required(req: Request, next: Next) -> Result<Response, StatusCode> {
    let needs = std::env::var("AUTH_REQUIRED").is_ok();
    if needs && req.headers().get("authorization").is_none() {
        return Err(StatusCode::UNAUTHORIZED);
    }
    Ok(next.run(req).await)
}

fn app() -> Router {
    let ui = Router::new()
        .route("/ui/crates", get(checks::list))
        .layer(from_fn(session_auth_when_required));
    Router::new()
        .route("/domain", get(domain))
        .route("/admin/stats", get(checks::stats))
        .route("/tokens", post(checks::create_token))
        .route("/metrics", get(checks::metrics))
        .route("/login", post(checks::login))
        .route("/members", get(checks::members).put(checks::add_member))
        .route("/publish", post(checks::publish))
        .route("/links/github", get(checks::github_link))
        .route("/admin/oauth", put(checks::update_oauth_settings))
        .route("/oauth/start", get(checks::oauth_redirect))
        .route("/cluster/rpc", get(checks::cluster_rpc))
        .route("/oauth/userinfo", get(checks::userinfo))
        .route("/pastes/{id}", get(checks::view_paste).delete(checks::delete_paste))
        .merge(ui)
        .layer(from_fn(require_user_agent))
}

async fn domain(d: DomainInfo) -> String {
    d.0
}

pub fn headers(h: &HeaderMap) -> Option<&str> {
    h.get("x").and_then(|v| v.to_str().ok())
}

#[tokio::main]
async fn main() {
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app()).await.unwrap();
}
