use axum::routing::get;
use axum::Router;

use crate::handlers::pages::dashboard;

pub fn routes() -> Router {
    Router::new().route("/dashboard", get(dashboard))
}
