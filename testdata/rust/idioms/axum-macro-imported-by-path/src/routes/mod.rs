mod macros;
mod shelves;

use axum::routing::get;
use axum::Router;

async fn index() -> &'static str {
    "shelf"
}

pub fn app() -> Router {
    let mut app = Router::new().route("/", get(index));
    app = shelves::route(app);
    app
}
