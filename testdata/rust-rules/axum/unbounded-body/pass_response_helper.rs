use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use http::response::Parts;

/// Adds a checksum header to what the service answers: the middleware takes its own
/// response apart and hands the body to a helper, which reads it whole.
pub async fn checksum_layer(req: Request, next: Next) -> Response {
    let resp = next.run(req).await;
    let (head, payload) = resp.into_parts();
    with_checksum(head, payload).await
}

async fn with_checksum(mut head: Parts, payload: Body) -> Response {
    let bytes = to_bytes(payload, usize::MAX).await.unwrap_or_default();
    let sum = bytes.iter().fold(0u32, |a, b| a.wrapping_add(u32::from(*b)));
    head.headers.insert("x-checksum", sum.into());
    Response::from_parts(head, Body::from(bytes))
}
