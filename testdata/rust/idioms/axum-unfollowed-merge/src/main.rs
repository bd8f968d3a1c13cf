use axum::routing::get;
use axum::Router;

async fn search() -> &'static str {
    "[]"
}

async fn frames() -> &'static str {
    "[]"
}

/// Most endpoints are registered through a builder of a library apiward does not read,
/// then turned into a router and merged: they are missing from the list, and that is said.
fn app() -> Router {
    let api = openapi_builder::Spec::build()
        .endpoint("/search", search)
        .freeze();
    Router::new()
        .route("/frames", get(frames))
        .merge(api.into_router())
}

#[tokio::main]
async fn main() {
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app()).await.unwrap();
}
