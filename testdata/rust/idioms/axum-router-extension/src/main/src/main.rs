use axum::Router;

#[tokio::main]
async fn main() {
    let app = relay_api::build(Router::new());
    let listener = tokio::net::TcpListener::bind("0.0.0.0:8008").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
