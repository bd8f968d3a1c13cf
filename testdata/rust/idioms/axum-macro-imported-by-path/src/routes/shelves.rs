use axum::extract::Path;
use axum::routing::{get, put};
use axum::Router;

use crate::routes::macros::nested_routes;

async fn list_items(Path(one): Path<String>) -> String {
    one
}

async fn list_items_deep(Path((one, two)): Path<(String, String)>) -> String {
    format!("{one}/{two}")
}

async fn put_item(Path(one): Path<String>) -> String {
    one
}

async fn put_item_deep(Path((one, two)): Path<(String, String)>) -> String {
    format!("{one}/{two}")
}

pub fn route(mut app: Router) -> Router {
    nested_routes!(
        app,
        "/shelves" "/items",
        get(list_items, list_items_deep),
        put(put_item, put_item_deep)
    );
    app
}
