use axum::{routing::get, routing::post, Router};

#[derive(Clone)]
pub struct Config {
    shard: u32,
}

impl Config {
    pub fn new(shard: u32) -> Self {
        Self { shard }
    }

    pub fn into_router(self) -> Router {
        let _ = self.shard;
        Router::new()
            .route("/checkpoint", get(checkpoint))
            .route("/logs", post(logs))
    }
}

async fn checkpoint() -> &'static str {
    "{}"
}

async fn logs() -> &'static str {
    "[]"
}
