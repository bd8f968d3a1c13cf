use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;

#[derive(Clone)]
struct Keys(Vec<String>);

/// Checks the API key of the REST API; the pages and probes beside it are handed on.
async fn require_key(
    State(keys): State<Keys>,
    req: Request<Body>,
    next: Next,
) -> Result<Response, StatusCode> {
    if !req.uri().path().starts_with("/api/") {
        return Ok(next.run(req).await);
    }
    let key = req
        .headers()
        .get("x-api-key")
        .and_then(|v| v.to_str().ok())
        .ok_or(StatusCode::UNAUTHORIZED)?;
    if !keys.0.iter().any(|k| k == key) {
        return Err(StatusCode::UNAUTHORIZED);
    }
    Ok(next.run(req).await)
}

/// Checks the session cookie of the console, but for its sign-in page and public files.
async fn console_session(req: Request<Body>, next: Next) -> Result<Response, StatusCode> {
    let path = req.uri().path().to_owned();
    if path == "/console/login" || path.starts_with("/console/public/") {
        return Ok(next.run(req).await);
    }
    match req.headers().get("cookie") {
        Some(c) if c.to_str().is_ok_and(|c| c.contains("session=")) => Ok(next.run(req).await),
        _ => Err(StatusCode::UNAUTHORIZED),
    }
}

/// Checks the caller first; its path test comes after the check and exempts no one.
async fn staff_only(req: Request<Body>, next: Next) -> Result<Response, StatusCode> {
    let user = req
        .headers()
        .get("x-staff-token")
        .ok_or(StatusCode::UNAUTHORIZED)?;
    if !req.uri().path().starts_with("/staff/admin") {
        return Ok(next.run(req).await);
    }
    if user.is_empty() {
        return Err(StatusCode::FORBIDDEN);
    }
    Ok(next.run(req).await)
}

async fn ok() -> &'static str {
    "ok"
}

#[tokio::main]
async fn main() {
    let keys = Keys(vec!["k1".into()]);
    let key_layer = middleware::from_fn_with_state(keys.clone(), require_key);
    let console = Router::new()
        .route("/console/login", get(ok))
        .route("/console/public/logo.svg", get(ok))
        .route("/console/home", get(ok))
        .layer(middleware::from_fn(console_session));
    let staff = Router::new()
        .route("/staff/reports", get(ok))
        .layer(middleware::from_fn(staff_only));
    let app = Router::new()
        .route("/health", get(ok))
        .route("/files/{id}", get(ok))
        .route("/api/items", get(ok).post(ok))
        .route("/api/orders", post(ok))
        .merge(console)
        .merge(staff)
        .layer(key_layer)
        .with_state(keys);
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
