use axum::body::to_bytes;
use axum::extract::{DefaultBodyLimit, Request};
use axum::routing::post;
use axum::Router;
use tower_http::limit::RequestBodyLimitLayer;

const MAX_UPLOAD: usize = 50 * 1024 * 1024;

async fn upload(req: Request) -> Vec<u8> {
    to_bytes(req.into_body(), 1 << 20).await.unwrap().to_vec()
}

pub fn app(settings: &Settings) -> Router {
    Router::new()
        .route("/upload", post(upload).layer(DefaultBodyLimit::max(MAX_UPLOAD)))
        .layer(DefaultBodyLimit::max(settings.body_limit))
        .layer(RequestBodyLimitLayer::new(2 * 1024 * 1024))
}

/// tower-http's limit set to the largest size with axum's default one left in place: it
/// lifts nothing (the `Json`, `Form`, `Bytes` extractors still stop at 2 MB; this handler
/// reads its raw body with a limit of its own, 1 MiB).
pub fn media_app() -> Router {
    Router::new()
        .route("/media", post(upload))
        .layer(RequestBodyLimitLayer::new(usize::MAX))
}

/// axum's default limit replaced by tower-http's, the layer built first and bound to a
/// variable: the limit in force is the layer's (64 MiB, under the ceiling).
pub fn archive_app() -> Router {
    let payload_limit = RequestBodyLimitLayer::new(64 * 1024 * 1024);
    Router::new()
        .route("/archives", post(upload))
        .layer(DefaultBodyLimit::disable())
        .layer(payload_limit)
}
