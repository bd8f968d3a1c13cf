use axum::{extract::Request, middleware::Next, response::Response, routing, Router};

pub async fn query() -> &'static str {
    "rows"
}
pub async fn write() -> &'static str {
    "ok"
}
pub async fn metrics() -> &'static str {
    "# metrics"
}
pub async fn log_level() -> &'static str {
    "info"
}
pub async fn trace(req: Request, next: Next) -> Response {
    next.run(req).await
}

pub fn sql_routes() -> Router {
    Router::new().route("/sql", routing::get(query).post(query))
}

pub fn prom_routes() -> Router {
    Router::new().route("/write", routing::post(write))
}

pub fn metrics_routes() -> Router {
    Router::new().route("/metrics", routing::get(metrics))
}
