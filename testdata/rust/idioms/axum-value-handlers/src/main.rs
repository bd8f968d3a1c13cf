use axum::{response::Html, routing::get, Json, Router};
use tower_http::validate_request::ValidateRequestHeaderLayer;

async fn reports() -> &'static str {
    "[]"
}

fn app(build: &str, admin_token: &str) -> Router {
    // Handlers that are values: every request gets the same answer.
    let about = Json(serde_json::json!({ "build": build }));
    let public = Router::new()
        .route("/", get("beacon is up"))
        .route("/about", get(about))
        .route("/welcome", get(Html("<h1>beacon</h1>")));
    let admin = Router::new()
        .route("/admin/motd", get("maintenance at noon"))
        .route("/admin/reports", get(reports))
        .layer(ValidateRequestHeaderLayer::bearer(admin_token));
    public.merge(admin)
}

#[tokio::main]
async fn main() {
    let token = std::env::var("ADMIN_TOKEN").unwrap();
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app(env!("CARGO_PKG_VERSION"), &token))
        .await
        .unwrap();
}
