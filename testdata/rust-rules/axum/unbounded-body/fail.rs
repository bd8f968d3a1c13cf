use axum::body::{to_bytes, Body};
use axum::extract::{DefaultBodyLimit, Request};
use axum::routing::post;
use axum::Router;
use tower_http::limit::RequestBodyLimitLayer;

const MAX_UPLOAD: usize = 4 * 1024 * 1024 * 1024;

async fn upload(req: Request) -> Vec<u8> {
    to_bytes(req.into_body(), usize::MAX).await.unwrap().to_vec() //~ unbounded-body
}

/// The request's body, taken apart and read whole under the same name (the rebinding's
/// own initializer, which mentions a response, is not where `body` comes from).
async fn extract(in_req: Request) -> axum::response::Response {
    let (_parts, body) = in_req.into_parts();
    let body = match to_bytes(body, usize::MAX).await { //~ unbounded-body
        Ok(bytes) => bytes,
        Err(_) => return axum::response::Response::default(),
    };
    axum::response::Response::new(Body::from(body))
}

pub fn app() -> Router {
    Router::new()
        .route("/upload", post(upload))
        .route("/import", post(upload).layer(DefaultBodyLimit::max(MAX_UPLOAD))) //~ unbounded-body
        // The default limit is replaced by tower-http's, which is the one too large.
        .layer(DefaultBodyLimit::disable())
        .layer(RequestBodyLimitLayer::new(1024 * 1024 * 1024)) //~ unbounded-body
}

/// The same with the layer bound to a variable first: the limit it sets is judged where it
/// is built, and it lifts the limit.
pub fn bulk_app() -> Router {
    let lifted = RequestBodyLimitLayer::new(usize::MAX); //~ unbounded-body
    Router::new()
        .route("/bulk", post(upload))
        .layer(DefaultBodyLimit::disable())
        .layer(lifted)
}
