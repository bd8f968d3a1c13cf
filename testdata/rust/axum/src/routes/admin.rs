use axum::{routing::{delete, get}, Router};
use axum_extra::TypedHeader;
use headers::{authorization::Bearer, Authorization};
use tower_http::validate_request::ValidateRequestHeaderLayer;

use crate::auth::{AdminUser, AuthLayer};

pub(super) fn router() -> Router {
    Router::new()
        .route("/stats", get(stats))
        .route("/keys/{key}", delete(drop_key))
        .route_layer(ValidateRequestHeaderLayer::bearer("secret"))
        .route("/audit", get(audit).layer(AuthLayer::new()))
        .route("/token-info", get(token_info))
        .route("/who", get(who))
}

async fn stats() {}

async fn drop_key() {}

async fn audit() {}

async fn token_info(TypedHeader(auth): TypedHeader<Authorization<Bearer>>) -> String {
    auth.token().to_string()
}

async fn who(admin: AdminUser) {}
