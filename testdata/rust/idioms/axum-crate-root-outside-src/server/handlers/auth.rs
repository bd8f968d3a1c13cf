use axum::extract::FromRequestParts;
use axum::http::{request::Parts, StatusCode};

pub struct Admin;

impl<S: Send + Sync> FromRequestParts<S> for Admin {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        match parts.headers.get("Authorization") {
            Some(_) => Ok(Admin),
            None => Err(StatusCode::UNAUTHORIZED),
        }
    }
}
