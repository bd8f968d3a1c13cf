use axum::routing::{get, post};
use axum::Router;

/// The handlers are named through a module imported inside the function.
pub fn router() -> Router {
    use crate::platform::handlers;

    Router::new()
        .route("/login", post(handlers::sign_in))
        .route("/token/check", get(handlers::check_token))
}
