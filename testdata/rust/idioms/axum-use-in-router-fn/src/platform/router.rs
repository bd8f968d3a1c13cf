use axum::routing::{get, post};
use axum::Router;

/// The handlers are named through a module imported inside the function.
pub fn router() -> Router {
    use crate::platform::handlers;

    Router::new()
        .route("/login", post(handlers::sign_in))
        .route("/token/check", get(handlers::check_token))
}

/// The handlers are imported by a `use super::..` inside the function, after a statement:
/// `super` is the parent of the function's module. Methods of the same names elsewhere are
/// not them.
pub fn stats_router() -> Router {
    let base = Router::new();
    use super::stats::{read_stats, reset_stats};
    base.route("/stats", get(read_stats))
        .route("/stats/reset", post(reset_stats))
}
