use axum::extract::Request;
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::{from_fn, Next};
use axum::response::Response;
use axum::routing::post;
use axum::Router;

mod verify;

/// Looks the bearer token up; 401 without a valid one.
async fn check_auth(headers: &HeaderMap) -> Result<i64, StatusCode> {
    let token = headers
        .get("Authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or(StatusCode::UNAUTHORIZED)?;
    if token.len() == 32 {
        Ok(1)
    } else {
        Err(StatusCode::UNAUTHORIZED)
    }
}

/// Picks the node that serves a sealed request; checks the caller on the way.
async fn sealed_routing(req: Request, next: Next) -> Result<Response, StatusCode> {
    let (parts, body) = req.into_parts();
    let user = tokio::spawn(async move { check_auth(&parts.headers).await.map(|u| (u, parts)) })
        .await
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)??;
    let (_, parts) = user;
    Ok(next.run(Request::from_parts(parts, body)).await)
}

/// The gateway's errors; `AuthError` answers 401 (see `status`).
pub enum GatewayError {
    AuthError { reason: String },
    Upstream(String),
}

impl GatewayError {
    pub fn status(&self) -> StatusCode {
        match self {
            GatewayError::AuthError { .. } => StatusCode::from_u16(401).unwrap(),
            GatewayError::Upstream(_) => StatusCode::BAD_GATEWAY,
        }
    }
}

/// The caller's key, from the `x-api-key` header.
fn check_key(headers: &HeaderMap) -> Result<String, GatewayError> {
    match headers.get("x-api-key").and_then(|v| v.to_str().ok()) {
        Some(k) if k.len() == 40 => Ok(k.to_string()),
        _ => Err(GatewayError::AuthError {
            reason: "missing or malformed key".into(),
        }),
    }
}

/// Pins the request to one node, after checking the caller's key.
async fn pinned_routing(req: Request, next: Next) -> Result<Response, GatewayError> {
    check_key(req.headers())?;
    Ok(next.run(req).await)
}

async fn sealed_chat(body: String) -> Result<String, StatusCode> {
    // The node's answer carries its signature; a bad one is a 502, not the caller's fault.
    verify::verify_response_signature(&body).map_err(|_| StatusCode::BAD_GATEWAY)?;
    Ok(body)
}

async fn open_chat(body: String) -> Result<String, StatusCode> {
    verify::verify_response_signature(&body).map_err(|_| StatusCode::UNAUTHORIZED)?;
    Ok(body)
}

#[tokio::main]
async fn main() {
    let sealed = Router::new()
        .route("/v1/sealed/chat", post(sealed_chat))
        .layer(from_fn(sealed_routing));
    let pinned = Router::new()
        .route("/v1/pinned/chat", post(sealed_chat))
        .layer(from_fn(pinned_routing));
    let app = Router::new()
        .route("/v1/chat", post(open_chat))
        .merge(sealed)
        .merge(pinned);
    let listener = tokio::net::TcpListener::bind("0.0.0.0:8080").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
