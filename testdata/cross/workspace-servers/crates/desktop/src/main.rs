//! A desktop shell's own loopback server: another program, not the documented API.
use axum::routing::post;
use axum::Router;

async fn notify() -> &'static str {
    "shown"
}

async fn close_window() -> &'static str {
    "closed"
}

#[tokio::main]
async fn main() {
    let app = Router::new()
        .route("/notify", post(notify))
        .route("/window/close", post(close_window));
    let l = tokio::net::TcpListener::bind("127.0.0.1:9090").await.unwrap();
    axum::serve(l, app).await.unwrap();
}
