use axum::extract::FromRequestParts;
use axum::http::{header, request::Parts, StatusCode};

/// What the caller may do, read from its token.
pub struct Grant {
    pub scopes: Vec<String>,
}

impl Grant {
    fn from_header(parts: &Parts) -> Result<Grant, StatusCode> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or(StatusCode::UNAUTHORIZED)?;
        Ok(Grant {
            scopes: token.split(',').map(str::to_string).collect(),
        })
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Grant {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        // The type's own associated function, called by the type's name.
        Grant::from_header(parts)
    }
}
