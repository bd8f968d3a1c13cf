use std::net::SocketAddr;

use axum::{routing::get, Router};

#[tokio::main]
async fn main() {
    let app = Router::new().route("/", get(|| async { "hello" }));
    let listener = tokio::net::TcpListener::bind("0.0.0.0:8080").await.unwrap(); //~ plain-http-listener
    axum::serve(listener, app.clone()).await.unwrap();

    let addr = SocketAddr::from(([0, 0, 0, 0], 3000));
    axum::Server::bind(&addr) //~ plain-http-listener
        .serve(app.into_make_service())
        .await
        .unwrap();
}
