use axum::{
    handler::Handler,
    routing::{get, post},
    Router,
};
use std::time::Duration;
use tower_http::{timeout::TimeoutLayer, validate_request::ValidateRequestHeaderLayer};

async fn rotate_keys() {}
async fn list_keys() {}
async fn import_keys() {}
async fn ping() {}

#[tokio::main]
async fn main() {
    let token = std::env::var("OPS_TOKEN").unwrap_or_default();
    let guard = ValidateRequestHeaderLayer::bearer(&token);
    let app = Router::new()
        // The layer is the handler's own: it guards this route only.
        .route(
            "/keys/rotate",
            post(rotate_keys.layer(ValidateRequestHeaderLayer::bearer(&token))),
        )
        // A handler layered twice, its guard built beforehand; the other method is open.
        .route(
            "/keys",
            get(list_keys).post(
                import_keys
                    .layer(guard)
                    .layer(TimeoutLayer::new(Duration::from_secs(5))),
            ),
        )
        .route("/ping", get(ping.layer(TimeoutLayer::new(Duration::from_secs(1)))));
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
