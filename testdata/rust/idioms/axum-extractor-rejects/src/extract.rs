use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;

/// Failure to reach the store of issued tokens: a server error, nothing to do with the caller.
pub struct TokenStoreError;

impl IntoResponse for TokenStoreError {
    fn into_response(self) -> Response {
        StatusCode::INTERNAL_SERVER_ERROR.into_response()
    }
}

/// A handle on the database.
pub struct Store(pub u32);

impl<S: Send + Sync> FromRequestParts<S> for Store {
    type Rejection = TokenStoreError;

    async fn from_request_parts(_parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Store(1))
    }
}

/// The colour scheme a cookie asks for; turned away only when the cookie is malformed.
pub struct Theme(pub String);

impl<S: Send + Sync> FromRequestParts<S> for Theme {
    type Rejection = (StatusCode, &'static str);

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let jar = CookieJar::from_headers(&parts.headers);
        match jar.get("scheme").map(|c| c.value().to_string()) {
            Some(v) if v.len() > 16 => Err((StatusCode::BAD_REQUEST, "scheme")),
            Some(v) => Ok(Theme(v)),
            None => Ok(Theme("light".into())),
        }
    }
}

/// Who is calling, found by a function of the type itself.
pub struct Visitor(pub String);

impl Visitor {
    async fn lookup(parts: &Parts) -> Result<Visitor, StatusCode> {
        let jar = CookieJar::from_headers(&parts.headers);
        let sid = jar.get("sid").ok_or(StatusCode::UNAUTHORIZED)?;
        Ok(Visitor(sid.value().to_string()))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Visitor {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Self::lookup(parts).await
    }
}

/// Its error type answers 401.
pub enum KeyError {
    Missing,
}

impl IntoResponse for KeyError {
    fn into_response(self) -> Response {
        StatusCode::UNAUTHORIZED.into_response()
    }
}

pub struct KeyHolder(pub String);

impl<S: Send + Sync> FromRequestParts<S> for KeyHolder {
    type Rejection = KeyError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let jar = CookieJar::from_headers(&parts.headers);
        jar.get("key")
            .map(|c| KeyHolder(c.value().to_string()))
            .ok_or(KeyError::Missing)
    }
}
