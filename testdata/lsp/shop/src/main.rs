mod auth;
mod users;

use axum::{routing::get, Router};

#[tokio::main]
async fn main() {
    let app = Router::new().route("/v1/users/{id}", get(users::read));
    let _upstream = reqwest::Client::builder().danger_accept_invalid_certs(true).build();
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
