use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::response::{IntoResponse, Response};
use tower::{Layer, Service};

/// Who called: a signed-in account, or no one.
#[derive(Clone, Debug)]
pub enum Caller {
    Account(String),
    Nobody,
}

#[derive(Clone, Default)]
pub struct AuthenticationLayer;

impl AuthenticationLayer {
    pub fn new() -> Self {
        AuthenticationLayer
    }
}

impl<S> Layer<S> for AuthenticationLayer {
    type Service = AuthenticationMiddleware<S>;

    fn layer(&self, inner: S) -> Self::Service {
        AuthenticationMiddleware { inner }
    }
}

#[derive(Clone)]
pub struct AuthenticationMiddleware<S> {
    inner: S,
}

impl<S> Service<Request<Body>> for AuthenticationMiddleware<S>
where
    S: Service<Request<Body>, Response = Response> + Clone + Send + 'static,
    S::Future: Send + 'static,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Response, S::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request<Body>) -> Self::Future {
        let mut inner = self.inner.clone();
        Box::pin(async move {
            let header = request.headers().get("authorization").cloned();
            // A token that is expired or unknown makes the caller no one; only a header that
            // cannot be read is answered.
            let caller = match header.map(|h| h.to_str().map(str::to_owned)) {
                None => Caller::Nobody,
                Some(Err(_)) => return Ok((StatusCode::BAD_REQUEST, "bad header").into_response()),
                Some(Ok(token)) => match token.strip_prefix("Bearer ") {
                    Some(t) if !t.is_empty() => Caller::Account(t.to_string()),
                    _ => Caller::Nobody,
                },
            };
            request.extensions_mut().insert(caller);
            inner.call(request).await
        })
    }
}
