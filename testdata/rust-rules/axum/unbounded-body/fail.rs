use axum::body::{to_bytes, Body};
use axum::extract::{DefaultBodyLimit, Request};
use axum::routing::post;
use axum::Router;
use tower_http::limit::RequestBodyLimitLayer;

const MAX_UPLOAD: usize = 4 * 1024 * 1024 * 1024;

async fn upload(req: Request) -> Vec<u8> {
    to_bytes(req.into_body(), usize::MAX).await.unwrap().to_vec() //~ unbounded-body
}

pub fn app() -> Router {
    Router::new()
        .route("/upload", post(upload))
        .route("/import", post(upload).layer(DefaultBodyLimit::max(MAX_UPLOAD))) //~ unbounded-body
        .layer(DefaultBodyLimit::disable()) //~ unbounded-body
        .layer(RequestBodyLimitLayer::new(1024 * 1024 * 1024)) //~ unbounded-body
}
