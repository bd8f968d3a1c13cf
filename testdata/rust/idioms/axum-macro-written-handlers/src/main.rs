use axum::{
    async_trait,
    extract::FromRequestParts,
    http::{request::Parts, StatusCode},
    routing::{get, post},
    Router,
};

pub struct Auth(String);

#[async_trait]
impl<S: Send + Sync> FromRequestParts<S> for Auth {
    type Rejection = StatusCode;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .map(|v| Auth(v.to_string()))
            .ok_or(StatusCode::UNAUTHORIZED)
    }
}

async fn run(version: u32, user: &str, body: String) -> String {
    format!("{version} {user} {}", body.len())
}

async fn health() -> &'static str {
    "ok"
}

fn router() -> Router {
    macro_rules! pipeline {
        ($version:expr) => {{
            async fn handle(auth: Auth, body: String) -> String {
                run($version, &auth.0, body).await
            }
            handle
        }};
    }

    Router::new()
        .route("/health", get(health))
        .route("/v2/pipeline", post(pipeline!(2)))
        .route("/v3/pipeline", post(pipeline!(3)))
}

#[tokio::main]
async fn main() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await.unwrap();
    axum::serve(listener, router()).await.unwrap();
}
