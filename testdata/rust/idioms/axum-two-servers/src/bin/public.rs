use axum::routing::get;
use axum::Router;

async fn items() -> &'static str {
    "[]"
}

#[tokio::main]
async fn main() {
    let app = Router::new()
        .route("/items", get(items))
        .merge(two_servers::health());
    let listener = tokio::net::TcpListener::bind("0.0.0.0:8080").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
