mod actions;
mod list;

use axum::Router;
use axum_extra::routing::RouterExt;

pub use actions::{create, remove};
pub use list::index;

pub fn routes() -> Router {
    Router::new().typed_get(index).typed_post(create).typed_post(remove)
}
