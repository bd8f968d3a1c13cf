//! The RPC bridge's authentication: a request without a token is answered 401.
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use tower::{Layer, Service};

type Answer<E> = Pin<Box<dyn Future<Output = Result<Response, E>> + Send>>;

fn has_token(headers: &HeaderMap) -> bool {
    headers.contains_key("authorization")
}

#[derive(Clone)]
pub struct AuthenticationMiddleware<S> {
    next: S,
}

impl<S> Service<Request<Body>> for AuthenticationMiddleware<S>
where
    S: Service<Request<Body>, Response = Response> + Clone + Send + 'static,
    S::Future: Send + 'static,
{
    type Response = Response;
    type Error = S::Error;
    type Future = Answer<S::Error>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.next.poll_ready(cx)
    }

    fn call(&mut self, request: Request<Body>) -> Answer<S::Error> {
        if !has_token(request.headers()) {
            return Box::pin(async { Ok((StatusCode::UNAUTHORIZED, "token required").into_response()) });
        }
        Box::pin(self.next.call(request))
    }
}

#[derive(Clone, Default)]
pub struct AuthenticationLayer;

impl AuthenticationLayer {
    pub fn new() -> Self {
        Self
    }
}

impl<S> Layer<S> for AuthenticationLayer {
    type Service = AuthenticationMiddleware<S>;

    fn layer(&self, next: S) -> AuthenticationMiddleware<S> {
        AuthenticationMiddleware { next }
    }
}
