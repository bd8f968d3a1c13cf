mod platform;

#[tokio::main]
async fn main() {
    let app = axum::Router::new()
        .nest("/platform", platform::router())
        .nest("/metrics", platform::stats_router());
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
