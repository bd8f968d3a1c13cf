use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::{Json, Router};

#[derive(Clone)]
struct Settings {
    admin_secret: String,
    jwt_key: String,
}

#[derive(Debug)]
enum AccountError {
    Unauthorized,
    Storage,
}

impl From<AccountError> for StatusCode {
    fn from(e: AccountError) -> StatusCode {
        match e {
            AccountError::Unauthorized => StatusCode::UNAUTHORIZED,
            AccountError::Storage => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

fn settings() -> Result<Settings, AccountError> {
    Err(AccountError::Storage)
}

/// Creating a tenant: the operator's secret comes in a header of the project's, compared
/// with the configured one; a mismatch is answered 401.
async fn create_tenant(headers: HeaderMap, Json(name): Json<String>) -> Result<String, StatusCode> {
    let s = settings()?;
    let provided = headers
        .get("x-operator-secret")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if provided != s.admin_secret {
        return Err(AccountError::Unauthorized.into());
    }
    Ok(name)
}

/// The same comparison in a function of the project the handlers call first.
fn verify_operator_secret(headers: &HeaderMap) -> Result<(), AccountError> {
    let s = settings()?;
    let provided = headers
        .get("x-operator-secret")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if provided != s.admin_secret {
        return Err(AccountError::Unauthorized);
    }
    Ok(())
}

async fn rebuild_index(headers: HeaderMap) -> Result<&'static str, StatusCode> {
    verify_operator_secret(&headers)?;
    Ok("rebuilt")
}

struct Claims {
    sub: String,
}

fn bearer(headers: &HeaderMap) -> Result<&str, AccountError> {
    headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or(AccountError::Unauthorized)
}

fn verify_jwt(token: &str, key: &str) -> Result<Claims, AccountError> {
    if token.len() > key.len() {
        Ok(Claims { sub: token.to_owned() })
    } else {
        Err(AccountError::Unauthorized)
    }
}

/// Signing out: it ends the caller's session, so the caller must hold one; the token is
/// verified and a bad one answered 401.
async fn logout(headers: HeaderMap) -> Result<String, StatusCode> {
    let token = bearer(&headers)?;
    let s = settings()?;
    let claims = verify_jwt(token, &s.jwt_key)?;
    Ok(claims.sub)
}

/// Signing in: what it reads is the credentials it grants a session for.
async fn login(headers: HeaderMap) -> Result<String, StatusCode> {
    let token = bearer(&headers)?;
    Ok(token.to_owned())
}

/// A header of the project naming no credential (an idempotency key): nothing checked.
async fn replay(headers: HeaderMap) -> Result<String, StatusCode> {
    let key = headers
        .get("x-idempotency-key")
        .and_then(|v| v.to_str().ok())
        .ok_or(StatusCode::BAD_REQUEST)?;
    Ok(key.to_owned())
}

/// A CSRF check: the token of a cookie compared with the one of a header, 403 on a
/// mismatch. It tells a forged form from the page's own, not who calls.
fn verify_csrf_token(headers: &HeaderMap) -> Result<(), StatusCode> {
    let cookie = headers
        .get("cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|c| c.strip_prefix("csrf="))
        .unwrap_or("");
    let sent = headers
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if cookie.is_empty() || cookie != sent {
        return Err(StatusCode::FORBIDDEN);
    }
    Ok(())
}

async fn send_feedback(headers: HeaderMap, Json(text): Json<String>) -> Result<String, StatusCode> {
    verify_csrf_token(&headers)?;
    Ok(text)
}

fn app() -> Router {
    Router::new()
        .route("/tenants", post(create_tenant))
        .route("/auth/logout", post(logout))
        .route("/auth/login", post(login))
        .route("/replay", post(replay))
        .route("/admin/reindex", post(rebuild_index))
        .route("/feedback", post(send_feedback))
}

#[tokio::main]
async fn main() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await.unwrap();
    axum::serve(listener, app()).await.unwrap();
}
