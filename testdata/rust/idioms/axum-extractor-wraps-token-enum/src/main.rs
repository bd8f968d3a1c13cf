use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::routing::{get, post};
use axum::Router;

/// What a caller presented: a deployment key, a user's token, or nothing.
pub enum Token {
    Key(String),
    User(String),
    None,
}

/// The caller's token, read from the Authorization header; a caller without one is served
/// as `Token::None` (public functions run for anyone).
pub struct CallerToken(pub Token);

impl<S: Sync> FromRequestParts<S> for CallerToken {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        if let Some(h) = parts.headers.get(header::AUTHORIZATION) {
            let h = h.to_str().map_err(|_| StatusCode::BAD_REQUEST)?;
            return match h.strip_prefix("Key ") {
                Some(k) => Ok(Self(Token::Key(k.to_string()))),
                None => Ok(Self(Token::User(h.trim_start_matches("Bearer ").to_string()))),
            };
        }
        Ok(Self(Token::None))
    }
}

/// A deployment key, or 401.
pub struct DeployKey(pub String);

impl<S: Sync> FromRequestParts<S> for DeployKey {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        match parts.headers.get(header::AUTHORIZATION).and_then(|h| h.to_str().ok()) {
            Some(h) if h.starts_with("Key ") => Ok(Self(h[4..].to_string())),
            _ => Err(StatusCode::UNAUTHORIZED),
        }
    }
}

async fn run_query(CallerToken(token): CallerToken) -> &'static str {
    match token {
        Token::Key(_) | Token::User(_) => "as caller",
        Token::None => "as anyone",
    }
}

async fn push_code(DeployKey(key): DeployKey) -> String {
    key
}

#[tokio::main]
async fn main() {
    let app = Router::new()
        .route("/api/query", get(run_query).post(run_query))
        .route("/api/push", post(push_code));
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3210").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
