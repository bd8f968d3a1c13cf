use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::response::Response;

/// A helper handed the request's body by one caller and a response's by another: what a
/// client sent is read whole.
pub async fn echo(req: Request) -> Response {
    let (_head, payload) = req.into_parts();
    Response::new(Body::from(read_all(payload).await))
}

pub async fn relay(upstream: Response) -> Vec<u8> {
    read_all(upstream.into_body()).await
}

async fn read_all(payload: Body) -> Vec<u8> {
    to_bytes(payload, usize::MAX).await.unwrap_or_default().to_vec() //~ unbounded-body
}
