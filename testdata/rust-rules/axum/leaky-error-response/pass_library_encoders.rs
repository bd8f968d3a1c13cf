use axum::body::Body;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use bytes::{BufMut, BytesMut};

/// A body type writing its JSON into a buffer of its own: serde's errors are about the
/// value's shape, fixed text.
pub struct Compact(pub serde_json::Value);

impl IntoResponse for Compact {
    fn into_response(self) -> Response {
        let mut buf = BytesMut::with_capacity(128).writer();
        match serde_json::to_writer(&mut buf, &self.0) {
            Ok(()) => buf.into_inner().freeze().into_response(),
            Err(err) => (StatusCode::INTERNAL_SERVER_ERROR, err.to_string()).into_response(),
        }
    }
}

/// A metrics text encoder gives the text itself: a formatting error at worst.
pub async fn scrape_families() -> (StatusCode, String) {
    let families = prometheus::gather();
    match prometheus::TextEncoder::new().encode_to_string(&families) {
        Ok(text) => (StatusCode::OK, text),
        Err(e) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("could not encode metrics: {e}"),
        ),
    }
}

/// Reading the client's own body: its error is the stream's or the limit's.
pub async fn ingest_raw(body: Body) -> Result<String, (StatusCode, String)> {
    let bytes = axum::body::to_bytes(body, 1 << 20)
        .await
        .map_err(|e| (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    Ok(format!("{} bytes", bytes.len()))
}
