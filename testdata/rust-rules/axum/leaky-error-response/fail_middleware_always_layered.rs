// The same body-archiving middleware layered for every request: its 500 carries the
// file system's error text (reading the client's body fails only with the stream's).
use axum::body::Body;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::{from_fn, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

async fn log_bodies(request: Request, next: Next) -> Result<Response, Response> {
    let (parts, body) = request.into_parts();
    let bytes = buffer(body).await?;
    tracing::debug!(?bytes, "request body");
    Ok(next.run(Request::from_parts(parts, Body::from(bytes))).await)
}

async fn buffer(body: Body) -> Result<axum::body::Bytes, Response> {
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .map_err(|err| (StatusCode::INTERNAL_SERVER_ERROR, err.to_string()).into_response())?;
    std::fs::write("/var/spool/bodies/last", &bytes)
        .map_err(|err| (StatusCode::INTERNAL_SERVER_ERROR, err.to_string()).into_response())?; //~ leaky-error-response
    Ok(bytes)
}

async fn home() -> &'static str {
    "hi"
}

pub fn router(verbose: bool) -> Router {
    let mut router = Router::new().route("/", get(home));
    if verbose {
        router = router.layer(from_fn(log_bodies));
    }
    router
}
