pub mod v1;

use axum::Router;

pub fn create_router(files_dir: String) -> Router {
    Router::new().nest("/v1", v1::create_router(files_dir))
}
