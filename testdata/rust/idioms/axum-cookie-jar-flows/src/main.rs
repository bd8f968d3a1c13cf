mod jar;
mod views;

use axum::routing::{get, post};
use axum::Router;

#[tokio::main]
async fn main() {
    let app = Router::new()
        .route("/sign-up", post(views::sign_up::post))
        .route("/account", get(views::account::get))
        .route("/login", post(views::login::post));
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
