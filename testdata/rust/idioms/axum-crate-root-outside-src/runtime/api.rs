use axum::routing::{get, post};
use axum::Router;

pub fn routes() -> Router {
    Router::new().route("/", get(list)).route("/run", post(run))
}

async fn list() -> &'static str {
    "[]"
}

async fn run() -> &'static str {
    "ok"
}
