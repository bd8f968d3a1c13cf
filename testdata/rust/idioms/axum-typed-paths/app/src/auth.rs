use axum::extract::FromRequestParts;
use axum::http::{request::Parts, StatusCode};

/// The signed-in user, from the session cookie.
pub struct Session {
    pub user: String,
}

fn session_cookie(parts: &Parts) -> Option<String> {
    let cookies = parts.headers.get("cookie")?.to_str().ok()?;
    cookies
        .split(';')
        .find_map(|c| c.trim().strip_prefix("session=").map(str::to_string))
}

impl<S: Send + Sync> FromRequestParts<S> for Session {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        session_cookie(parts)
            .map(|user| Session { user })
            .ok_or(StatusCode::UNAUTHORIZED)
    }
}
