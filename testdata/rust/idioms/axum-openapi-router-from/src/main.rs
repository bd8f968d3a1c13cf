use axum::{routing::post, Router};
use utoipa_axum::router::OpenApiRouter;

async fn mark_read() -> &'static str {
    "ok"
}

/// A group not yet described: a plain axum router.
fn inbox_routes() -> Router {
    Router::new().route("/mark-read", post(mark_read))
}

fn api() -> OpenApiRouter {
    // `OpenApiRouter::from(router)` is the same routes under the code-first router.
    OpenApiRouter::new().nest("/api/inbox", OpenApiRouter::from(inbox_routes()))
}

#[tokio::main]
async fn main() {
    let (router, _spec) = api().split_for_parts();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await.unwrap();
    axum::serve(listener, router).await.unwrap();
}
