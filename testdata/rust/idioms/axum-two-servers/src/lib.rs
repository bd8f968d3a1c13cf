use axum::routing::get;
use axum::Router;

/// Shared by both servers.
pub fn health() -> Router {
    Router::new().route("/health", get(ok))
}

async fn ok() -> &'static str {
    "ok"
}
