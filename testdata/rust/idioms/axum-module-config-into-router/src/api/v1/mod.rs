pub mod content;
pub mod fetch;

use axum::Router;

pub fn create_router(files_dir: String) -> Router {
    // One `Config` type per module, each building its routes.
    let fetch_config = fetch::Config::new(1);
    let content_config = content::Config::new(files_dir);
    Router::new()
        .nest("/content", content_config.into_router())
        .nest("/fetch", fetch_config.into_router())
}
