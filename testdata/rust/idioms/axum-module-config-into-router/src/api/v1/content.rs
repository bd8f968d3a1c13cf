use axum::{extract::Path, routing::get, Router};

#[derive(Clone)]
pub struct Config {
    files_dir: String,
}

impl Config {
    pub fn new(files_dir: String) -> Self {
        Self { files_dir }
    }

    pub fn into_router(self) -> Router {
        let _ = self.files_dir;
        Router::new().route("/:digest", get(content))
    }
}

async fn content(Path(digest): Path<String>) -> String {
    digest
}
