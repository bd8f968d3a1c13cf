use axum::body::Body;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

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
