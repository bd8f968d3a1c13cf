// Drifted from ../openapi.yaml on purpose: see the cross tests.
use axum::{
    extract::{FromRequestParts, Path},
    http::{request::Parts, StatusCode},
    routing::{delete, get},
    Router,
};

pub struct Customer;

impl<S: Send + Sync> FromRequestParts<S> for Customer {
    type Rejection = StatusCode;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts.headers.get("authorization").map(|_| Customer).ok_or(StatusCode::UNAUTHORIZED)
    }
}

async fn list_orders(_c: Customer) -> String {
    String::new()
}
async fn cancel_order(Path(id): Path<u64>) -> String {
    id.to_string()
}
async fn export_orders() -> String {
    String::new()
}

pub fn app() -> Router {
    Router::new()
        .route("/api/orders", get(list_orders))
        .route("/api/orders/:order_id", delete(cancel_order))
        .route("/api/orders/export", get(export_orders))
}
