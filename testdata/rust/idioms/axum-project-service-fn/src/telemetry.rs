use std::convert::Infallible;
use std::future::Ready;

use axum::body::Body;
use axum::http::{Request, Response, StatusCode};

type Answer = Ready<Result<Response<Body>, Infallible>>;

fn export(_req: Request<Body>) -> Answer {
    std::future::ready(Ok(Response::new(Body::from("requests_total 3"))))
}

/// The exporter's page, built by a function of the project: it reads no credentials.
pub fn metrics_service() -> tower::util::ServiceFn<fn(Request<Body>) -> Answer> {
    tower::service_fn(export as _)
}

fn stats(req: Request<Body>) -> Answer {
    let allowed = req
        .headers()
        .get("authorization")
        .is_some_and(|v| v.as_bytes() == b"Bearer stats");
    let status = if allowed { StatusCode::OK } else { StatusCode::UNAUTHORIZED };
    let mut res = Response::new(Body::empty());
    *res.status_mut() = status;
    std::future::ready(Ok(res))
}

/// Statistics for operators, checking a bearer token itself.
pub fn stats_service() -> tower::util::ServiceFn<fn(Request<Body>) -> Answer> {
    tower::service_fn(stats as _)
}
