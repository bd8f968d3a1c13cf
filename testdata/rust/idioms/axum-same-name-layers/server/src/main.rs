use axum::routing::{get, post};
use axum::Router;

async fn info() -> &'static str {
    "node 1"
}

async fn call() -> &'static str {
    "done"
}

#[tokio::main]
async fn main() {
    // The web API: who called is attached when a token is sent, no one is turned away.
    let api = Router::new()
        .route("/info", get(info))
        .layer(web_auth::AuthenticationLayer::new());
    // The RPC bridge: a layer of the same name in another crate that answers 401.
    let rpc = Router::new()
        .route("/rpc/call", post(call))
        .layer(rpc_auth::AuthenticationLayer::new());
    let app = Router::new().nest("/api", api).merge(rpc);
    let listener = tokio::net::TcpListener::bind("0.0.0.0:8080").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
