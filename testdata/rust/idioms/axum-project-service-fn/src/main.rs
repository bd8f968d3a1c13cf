use axum::{routing::get, Router};

mod telemetry;

async fn health() -> &'static str {
    "ok"
}

#[tokio::main]
async fn main() {
    let app = Router::new()
        .route("/health", get(health))
        .route_service("/metrics", crate::telemetry::metrics_service())
        .route_service("/internal/stats", telemetry::stats_service());
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
