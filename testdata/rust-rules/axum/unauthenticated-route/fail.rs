use axum::extract::{Json, Path};
use axum::http::StatusCode;
use axum::routing::{delete, get, post};
use axum::Router;

async fn create_order(Json(order): Json<NewOrder>) -> StatusCode {
    StatusCode::CREATED
}

async fn remove_user(Path(id): Path<u64>) -> StatusCode {
    StatusCode::NO_CONTENT
}

async fn stats() -> String {
    String::new()
}

pub fn app() -> Router {
    Router::new()
        .route("/orders", post(create_order)) //~ unauthenticated-route
        .route("/users/:id", delete(remove_user)) //~ unauthenticated-route
        .route("/admin/stats", get(stats)) //~ unauthenticated-route
}
