use axum::extract::FromRequestParts;
use axum::http::{request::Parts, StatusCode};

pub struct User(pub String);

impl<S: Send + Sync> FromRequestParts<S> for User {
    type Rejection = StatusCode;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get("authorization")
            .ok_or(StatusCode::UNAUTHORIZED)?;
        Ok(User(token.to_str().unwrap_or_default().to_string()))
    }
}
