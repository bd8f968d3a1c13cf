use axum::{body::to_bytes, extract::Request, middleware::Next, response::Response};

/// Rewrites the HTML the service itself answers: the body read whole is the response's,
/// not what a client sent.
pub async fn rewrite_base_href(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let (parts, body) = response.into_parts();
    let bytes = to_bytes(body, usize::MAX).await.unwrap_or_default();
    let html = String::from_utf8_lossy(&bytes).replace("href=\"/\"", "href=\"/app/\"");
    Response::from_parts(parts, html.into())
}

/// Reads an upstream's answer whole.
pub async fn upstream_text(resp: Response) -> String {
    let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX)
        .await
        .unwrap_or_default();
    String::from_utf8_lossy(&bytes).into_owned()
}
