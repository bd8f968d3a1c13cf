mod paths;

use axum::routing::{get, post};
use axum::Router;

use crate::paths::{KEYS_PATH, SIGN_PATH, SIGN_PROXY_PATH};

async fn sign() -> &'static str {
    "signature"
}

async fn sign_proxy() -> &'static str {
    "proxy signature"
}

async fn keys() -> &'static str {
    "[]"
}

#[tokio::main]
async fn main() {
    let app = Router::new()
        .route(SIGN_PATH, post(sign))
        .route(SIGN_PROXY_PATH, post(sign_proxy))
        .route(KEYS_PATH, get(keys));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
