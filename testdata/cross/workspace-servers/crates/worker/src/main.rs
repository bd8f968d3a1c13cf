//! A second server that serves part of the documented API (one item by id) beside its own
//! job queue: it shares the description.
use axum::extract::{FromRequestParts, Path};
use axum::http::{request::Parts, StatusCode};
use axum::routing::get;
use axum::Router;

pub struct ApiKey;

impl<S: Send + Sync> FromRequestParts<S> for ApiKey {
    type Rejection = StatusCode;
    async fn from_request_parts(p: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        p.headers
            .get("x-api-key")
            .map(|_| ApiKey)
            .ok_or(StatusCode::UNAUTHORIZED)
    }
}

async fn one(_k: ApiKey, Path(id): Path<String>) -> String {
    id
}

async fn jobs(_k: ApiKey) -> &'static str {
    "[]"
}

#[tokio::main]
async fn main() {
    let app = Router::new()
        .route("/items/{id}", get(one))
        .route("/jobs", get(jobs));
    let l = tokio::net::TcpListener::bind("0.0.0.0:8081").await.unwrap();
    axum::serve(l, app).await.unwrap();
}
