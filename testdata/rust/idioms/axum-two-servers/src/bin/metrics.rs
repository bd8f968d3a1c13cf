use axum::routing::get;
use axum::Router;

async fn metrics() -> &'static str {
    "# metrics"
}

#[tokio::main]
async fn main() {
    let app = Router::new()
        .route("/metrics", get(metrics))
        .merge(two_servers::health());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:9100").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
