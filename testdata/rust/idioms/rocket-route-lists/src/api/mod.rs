mod admin;
pub mod core;
mod web;

pub use self::admin::routes as admin_routes;
pub use self::core::routes as core_routes;
pub use self::web::{hub_routes, routes as web_routes};
