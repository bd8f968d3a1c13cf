use std::net::{Ipv4Addr, SocketAddr};

use axum::{routing::get, Router};

#[tokio::main]
async fn main() {
    let app = Router::new().route("/", get(|| async { "hello" }));
    // Loopback: local development, or TLS ends at a proxy on the same host.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await.unwrap();
    axum::serve(listener, app.clone()).await.unwrap();
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, 3001));
    let listener = tokio::net::TcpListener::bind(addr).await.unwrap();
    axum::serve(listener, app.clone()).await.unwrap();
    // The address is configured; the literal is only a fallback when it is not.
    let configured = std::env::var("LISTEN_ADDR").unwrap_or_default();
    let addr = if configured.is_empty() {
        "0.0.0.0:3002".to_string()
    } else {
        configured
    };
    let listener = tokio::net::TcpListener::bind(addr).await.unwrap();
    axum::serve(listener, app.clone()).await.unwrap();
    // A TcpListener that serves no HTTP (a raw protocol).
    let raw = std::net::TcpListener::bind("0.0.0.0:7000").unwrap();
    drop(raw);
}
