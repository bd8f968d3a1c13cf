mod extract;
mod webhook;

use axum::routing::get;
use axum::Router;
use extract::{KeyHolder, Store, Theme, Visitor};

async fn health(Store(n): Store) -> String {
    n.to_string()
}

async fn theme(Theme(t): Theme) -> String {
    t
}

async fn me(Visitor(v): Visitor) -> String {
    v
}

async fn keys(KeyHolder(k): KeyHolder) -> String {
    k
}

async fn delivery(webhook::SignedDelivery(body): webhook::SignedDelivery) -> String {
    body.len().to_string()
}

#[tokio::main]
async fn main() {
    let app = Router::new()
        .route("/health", get(health))
        .route("/theme", get(theme))
        .route("/me", get(me))
        .route("/keys", get(keys))
        .route("/github", axum::routing::post(delivery));
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
