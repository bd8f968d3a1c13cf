use axum::{
    body::Body,
    http::{Request, StatusCode},
    response::{IntoResponse, Response},
};
use futures::future::BoxFuture;
use std::task::{Context, Poll};
use tower::{Layer, Service};

#[derive(Clone)]
pub struct Badge {
    pub roles: Vec<String>,
}

/// Lets through only callers whose badge (left in the extensions upstream) holds a role.
#[derive(Clone)]
pub struct RoleGateLayer {
    role: String,
}

impl RoleGateLayer {
    pub fn new(role: &str) -> Self {
        Self { role: role.to_owned() }
    }
}

impl<S> Layer<S> for RoleGateLayer {
    type Service = RoleGate<S>;

    fn layer(&self, inner: S) -> Self::Service {
        RoleGate { inner, role: self.role.clone() }
    }
}

#[derive(Clone)]
pub struct RoleGate<S> {
    inner: S,
    role: String,
}

impl<S> Service<Request<Body>> for RoleGate<S>
where
    S: Service<Request<Body>, Response = Response> + Send + 'static,
    S::Future: Send + 'static,
{
    type Response = Response;
    type Error = S::Error;
    type Future = BoxFuture<'static, Result<Response, S::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request<Body>) -> Self::Future {
        let Some(badge) = req.extensions().get::<Badge>() else {
            return Box::pin(async { Ok(StatusCode::UNAUTHORIZED.into_response()) });
        };
        if !badge.roles.contains(&self.role) {
            return Box::pin(async { Ok(StatusCode::FORBIDDEN.into_response()) });
        }
        Box::pin(self.inner.call(req))
    }
}

/// Compares a shared key header with the configured one.
#[derive(Clone)]
pub struct SharedKeyLayer {
    key: String,
}

impl SharedKeyLayer {
    pub fn new(key: String) -> Self {
        Self { key }
    }
}

impl<S> Layer<S> for SharedKeyLayer {
    type Service = SharedKey<S>;

    fn layer(&self, inner: S) -> Self::Service {
        SharedKey { inner, key: self.key.clone() }
    }
}

#[derive(Clone)]
pub struct SharedKey<S> {
    inner: S,
    key: String,
}

impl<S> Service<Request<Body>> for SharedKey<S>
where
    S: Service<Request<Body>, Response = Response> + Send + 'static,
    S::Future: Send + 'static,
{
    type Response = Response;
    type Error = S::Error;
    type Future = BoxFuture<'static, Result<Response, S::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request<Body>) -> Self::Future {
        let given = req.headers().get("x-shared-key").and_then(|v| v.to_str().ok());
        if given != Some(self.key.as_str()) {
            return Box::pin(async { Ok(StatusCode::UNAUTHORIZED.into_response()) });
        }
        Box::pin(self.inner.call(req))
    }
}

/// Counts the answers that were 401, turning no one away.
#[derive(Clone)]
pub struct DenialCountLayer;

impl<S> Layer<S> for DenialCountLayer {
    type Service = DenialCount<S>;

    fn layer(&self, inner: S) -> Self::Service {
        DenialCount { inner }
    }
}

#[derive(Clone)]
pub struct DenialCount<S> {
    inner: S,
}

impl<S> Service<Request<Body>> for DenialCount<S>
where
    S: Service<Request<Body>, Response = Response> + Send + 'static,
    S::Future: Send + 'static,
{
    type Response = Response;
    type Error = S::Error;
    type Future = BoxFuture<'static, Result<Response, S::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request<Body>) -> Self::Future {
        let agent = req.headers().get("user-agent").cloned();
        let fut = self.inner.call(req);
        Box::pin(async move {
            let res = fut.await?;
            if res.status() == StatusCode::UNAUTHORIZED {
                eprintln!("denied {agent:?}");
            }
            Ok(res)
        })
    }
}
