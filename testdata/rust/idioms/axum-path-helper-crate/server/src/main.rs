use axum::{routing::get, Router};
use paths::{join_path, join_path_rooted};

const API_PATH: &str = "api/v1";
const STREAM_PATH: &str = "stream";

async fn status() {}
async fn live() {}
async fn index() {}

/// The API under a base path read from the configuration (empty by default).
fn api(base: &str) -> Router {
    let prefix = join_path_rooted(base, API_PATH);
    Router::new().nest(&prefix, Router::new().route("/status", get(status)))
}

#[tokio::main]
async fn main() {
    let base = std::env::var("BASE_PATH").unwrap_or_default();
    let live_path = format!("/{}/{{id}}", join_path(STREAM_PATH, "live"));
    let app: Router = Router::new()
        .merge(api(&base))
        .route(&live_path, get(live))
        .route(&join_path_rooted("", "index.html"), get(index));
    let listener = tokio::net::TcpListener::bind("0.0.0.0:8080").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
