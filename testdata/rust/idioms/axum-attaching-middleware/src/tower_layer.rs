// A tower `Layer` and the `Service` it builds: the service reads the Authorization header,
// attaches the user when the password is right, and hands every request on. Its `Error` is
// the inner service's, whatever the project's own `Error` answers.
use std::task::{Context, Poll};

use axum::extract::{FromRequestParts, Request};
use axum::http::{request::Parts, StatusCode};
use axum::response::{IntoResponse, Response};
use futures::future::BoxFuture;
use tower::{Layer, Service};

#[derive(Clone)]
pub struct Principal(pub String);

#[derive(Clone)]
pub struct Users(pub Vec<String>);

#[derive(Clone)]
pub struct AuthenticationLayer {
    users: Users,
}

impl AuthenticationLayer {
    pub fn new(users: Users) -> Self {
        AuthenticationLayer { users }
    }
}

impl<S> Layer<S> for AuthenticationLayer {
    type Service = AuthenticationMiddleware<S>;

    fn layer(&self, inner: S) -> Self::Service {
        AuthenticationMiddleware {
            inner,
            users: self.users.clone(),
        }
    }
}

#[derive(Clone)]
pub struct AuthenticationMiddleware<S> {
    inner: S,
    users: Users,
}

impl<S> Service<Request> for AuthenticationMiddleware<S>
where
    S: Service<Request, Response = Response> + Clone + Send + 'static,
    S::Future: Send + 'static,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = BoxFuture<'static, Result<Self::Response, Self::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request) -> Self::Future {
        let header = request
            .headers()
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let mut inner = self.inner.clone();
        let users = self.users.clone();
        Box::pin(async move {
            if let Some(user) = header.and_then(|h| h.strip_prefix("Basic ").map(str::to_string)) {
                if users.0.contains(&user) {
                    request.extensions_mut().insert(Principal(user));
                }
            }
            inner.call(request).await
        })
    }
}

/// The project's error: its `Unauthorized` answers 401 (the middleware never builds one).
pub enum Error {
    Unauthorized,
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        match self {
            Error::Unauthorized => StatusCode::UNAUTHORIZED.into_response(),
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Principal {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Principal>()
            .cloned()
            .ok_or(Error::Unauthorized)
    }
}
