use axum::routing::{get, get_service};
use axum::Router;
use tower_http::services::ServeDir;

async fn version() -> &'static str {
    "1.0"
}

async fn songs() -> &'static str {
    "[]"
}

// A router handed on as the fallback answers what nothing else matches with its own routes
// and its own fallback: one file server, listed once.
fn app() -> Router {
    let site = Router::new()
        .route("/version", get(version))
        .fallback_service(ServeDir::new("web"));
    // A file server wrapped in a method router serves what it wraps, for that method.
    Router::new()
        .route("/api/songs", get(songs))
        .nest_service("/uploads", get_service(ServeDir::new("uploads")))
        .fallback_service(site)
}

#[tokio::main]
async fn main() {
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app()).await.unwrap();
}
