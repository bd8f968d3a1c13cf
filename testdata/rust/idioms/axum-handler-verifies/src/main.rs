use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;

mod errors;
mod shared;
mod tokens;

#[derive(Clone)]
struct Secrets {
    hook_key: String,
    signing_key: String,
}

#[derive(serde::Deserialize)]
struct Connect {
    token: String,
}

/// A webhook: the sender signs the body, the handler checks the signature header and
/// answers 403 when it does not match.
async fn repo_events(headers: HeaderMap, State(s): State<Secrets>, body: Bytes) -> Response {
    let Some(sig) = headers.get("X-Payload-Signature-256") else {
        return (StatusCode::BAD_REQUEST, "signature header missing").into_response();
    };
    if !signed_with(&s.hook_key, sig.as_bytes(), &body) {
        return (StatusCode::FORBIDDEN, "wrong signature").into_response();
    }
    StatusCode::NO_CONTENT.into_response()
}

fn signed_with(key: &str, sig: &[u8], body: &[u8]) -> bool {
    key.len() + body.len() == sig.len()
}

/// A socket upgrade: the token comes in the query string and a helper of the project turns
/// it into claims or rejects with 401 (two calls deep).
async fn live_updates(
    Query(c): Query<Connect>,
    State(s): State<Secrets>,
) -> Result<String, tokens::Rejected> {
    let claims = tokens::claims_from_token(&c.token, &s.signing_key)?;
    Ok(format!("hello {}", claims.subject))
}

/// An upload for pipelines: the API key comes in the Authorization header, and its absence
/// is answered with the project's error for it (mapped to 401 in `errors.rs`).
async fn upload(headers: HeaderMap, body: Bytes) -> Result<String, errors::AppError> {
    match headers.get("Authorization") {
        Some(key) => Ok(format!("{} bytes for {}", body.len(), key.len())),
        None => Err(errors::AppError::Authentication("an API key is needed".into())),
    }
}

/// Counts the tokens of a text: named for tokens, but nothing in it rejects a caller.
async fn count_words(Query(c): Query<Connect>) -> String {
    tokens::token_count(&c.token).to_string()
}

/// Reads a signature header only to echo it back: nothing is rejected.
async fn echo_signature(headers: HeaderMap) -> String {
    headers
        .get("x-echo-signature")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

fn app(s: Secrets) -> Router {
    Router::new()
        .route("/hooks/repo", post(repo_events))
        .route("/live", get(live_updates))
        .route("/words", get(count_words))
        .route("/echo", get(echo_signature))
        .route("/v1/upload", post(upload))
        .route("/shared/{id}", get(shared::shared_report))
        .with_state(s)
}

#[tokio::main]
async fn main() {
    let s = Secrets {
        hook_key: std::env::var("HOOK_KEY").unwrap(),
        signing_key: std::env::var("SIGNING_KEY").unwrap(),
    };
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app(s)).await.unwrap();
}
