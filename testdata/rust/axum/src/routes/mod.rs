mod admin;
pub mod users;

use axum::{middleware, routing::get, Router};

use crate::auth::require_auth;
use crate::handlers;

pub fn api_router() -> Router {
    let version = "v2";
    Router::new()
        .nest("/users", users::router())
        // Everything registered above needs a session; what follows does not.
        .layer(middleware::from_fn(require_auth))
        .route("/status", get(handlers::status))
        .route(&format!("/{version}/ping"), get(handlers::status))
        .nest("/admin", admin::router())
}
