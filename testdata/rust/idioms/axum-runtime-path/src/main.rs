use axum::extract::FromRequestParts;
use axum::http::{request::Parts, StatusCode};
use axum::routing::get;
use axum::Router;

struct Config {
    metrics_path: Option<String>,
    status_path: String,
}

struct Operator;

impl<S: Send + Sync> FromRequestParts<S> for Operator {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .headers
            .get("Authorization")
            .map(|_| Operator)
            .ok_or(StatusCode::UNAUTHORIZED)
    }
}

async fn ping() -> &'static str {
    "pong"
}

async fn metrics(_op: Operator) -> String {
    String::new()
}

async fn status() -> &'static str {
    "up"
}

// The scrape route's path is configured: known only at run time.
fn router(metrics_path: Option<&str>, config: &Config) -> Router {
    let r = Router::new()
        .route("/ping", get(ping))
        .route(&config.status_path, get(status));
    match metrics_path {
        Some(p) => r.route(p, get(metrics)),
        None => r,
    }
}

#[tokio::main]
async fn main() {
    let config = Config {
        metrics_path: std::env::var("METRICS_PATH").ok(),
        status_path: "/status".into(),
    };
    let app = router(config.metrics_path.as_deref(), &config);
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}

// A helper that registers whatever path its callers give (none is seen here): not a
// configured path, nothing listed.
pub fn add_route(r: Router, path: &str) -> Router {
    r.route(path, get(ping))
}
