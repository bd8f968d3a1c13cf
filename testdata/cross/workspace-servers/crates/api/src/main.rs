//! The service the description documents.
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

async fn list(_k: ApiKey) -> &'static str {
    "[]"
}

async fn create(_k: ApiKey) -> StatusCode {
    StatusCode::CREATED
}

async fn one(_k: ApiKey, Path(id): Path<String>) -> String {
    id
}

async fn stats(_k: ApiKey) -> &'static str {
    "{}"
}

#[tokio::main]
async fn main() {
    let app = Router::new()
        .route("/items", get(list).post(create))
        .route("/items/{id}", get(one))
        .route("/stats", get(stats));
    let l = tokio::net::TcpListener::bind("0.0.0.0:8080").await.unwrap();
    axum::serve(l, app).await.unwrap();
}
