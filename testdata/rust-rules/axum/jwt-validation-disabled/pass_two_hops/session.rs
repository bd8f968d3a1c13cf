use axum::http::{HeaderMap, StatusCode};
use axum::routing::get;
use axum::Router;

use crate::cookies::Cookies;
use crate::token::Claims;

pub fn session(headers: &HeaderMap, secret: &[u8], now: i64) -> Result<Claims, StatusCode> {
    let claims = Cookies { secret }
        .from_cookie(headers)
        .map_err(|_| StatusCode::UNAUTHORIZED)?;
    if claims.is_expired(now) {
        return Err(StatusCode::UNAUTHORIZED);
    }
    Ok(claims)
}

pub async fn me(headers: HeaderMap) -> Result<String, StatusCode> {
    let claims = session(&headers, b"from-config", 0)?;
    Ok(claims.sub)
}

pub fn app() -> Router {
    Router::new().route("/me", get(me))
}
