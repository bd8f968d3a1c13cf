use axum::routing::get;
use axum::Router;

use super::auth::Admin;

pub fn routes() -> Router {
    Router::new().route("/about", get(about))
}

pub async fn home() -> &'static str {
    "home"
}

pub async fn about() -> &'static str {
    "about"
}

pub async fn dashboard(_who: Admin) -> &'static str {
    "dashboard"
}
