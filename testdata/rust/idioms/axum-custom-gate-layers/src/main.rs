mod layers;

use axum::{
    routing::{delete, get, post},
    Router,
};
use layers::{DenialCountLayer, RoleGateLayer, SharedKeyLayer};

async fn purge() {}
async fn drop_user() {}
async fn sync() {}
async fn health() {}

#[tokio::main]
async fn main() {
    let staff = Router::new()
        .route("/purge", post(purge))
        .route("/users/:id", delete(drop_user))
        .layer(RoleGateLayer::new("staff"));
    let internal = Router::new()
        .route("/sync", post(sync))
        .layer(SharedKeyLayer::new(std::env::var("KEY").unwrap_or_default()));
    let app = Router::new()
        .nest("/staff", staff)
        .nest("/internal", internal)
        .route("/health", get(health))
        .layer(DenialCountLayer);
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
