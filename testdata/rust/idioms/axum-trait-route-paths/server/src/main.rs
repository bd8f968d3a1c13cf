use axum::routing::{get, post};
use axum::Router;
use shop_paths::Place;

async fn status() -> &'static str {
    "ok"
}

async fn basket() -> &'static str {
    "[]"
}

async fn sign_in() -> &'static str {
    "welcome"
}

async fn receipt() -> &'static str {
    "receipt"
}

fn router() -> Router {
    Router::new()
        .route(shop_paths::Status::route(), get(status))
        .route(shop_paths::Basket::route(), get(basket).post(basket))
        .route(shop_paths::SignIn::route(), post(sign_in))
        .route(shop_paths::Receipt::route(), get(receipt))
        .route(shop_paths::Status::AT, post(status))
}

#[tokio::main]
async fn main() {
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, router()).await.unwrap();
}
