use axum::{routing::{get, post}, Router};

enum Kind { Text, Image }

async fn health() -> &'static str { "ok" }
async fn info() -> &'static str { "info" }
async fn classify() -> &'static str { "c" }
async fn describe() -> &'static str { "d" }
async fn cloud_predict() -> &'static str { "p" }

fn app(kind: Kind) -> Router {
    let mut api = Router::new().route("/info", get(info));
    #[allow(unused_mut)]
    let mut open = Router::new()
        .route("/health", get(health))
        .route("/", get(health));

    #[cfg(feature = "cloud")]
    {
        if let Ok(predict_at) = std::env::var("PREDICT_ROUTE") {
            api = api.route(&predict_at, post(cloud_predict));
        }
        if let Ok(health_at) = std::env::var("HEALTH_ROUTE") {
            open = open.route(&health_at, get(health));
        }
    }
    #[cfg(not(feature = "cloud"))]
    {
        api = match kind {
            Kind::Text => api.route("/", post(classify)),
            Kind::Image => api.route("/", post(describe)),
        };
    }
    Router::new().merge(api).merge(open)
}

#[tokio::main]
async fn main() {
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app(Kind::Text)).await.unwrap();
}
