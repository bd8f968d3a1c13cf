//! Routes declared in an attribute of the project's own proc macro (`api_macros::routes`),
//! which writes `impl Routes for X { fn configure(cfg) }` registering each path; `sub`
//! nests another table under a path.
use actix_web::web;

pub mod items;

pub trait Routes {
    fn configure(cfg: &mut web::ServiceConfig);
}

#[api_macros::routes(
    routes(
        "/health" => get(health),
        "/items" => sub(items::ItemsApi),
    ),
    tag = "Root",
)]
pub struct RootApi;

pub async fn health() -> &'static str {
    "ok"
}

/// A hand-written configuration nothing registers any more (the table replaced it): dead
/// code, not served.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/old-health").route(web::get().to(health)));
}
