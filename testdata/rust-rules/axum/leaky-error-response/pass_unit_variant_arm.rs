// In the arm of a unit variant, the error matched is that variant: its text is the
// variant's fixed message. A health report serialized by a serde format into memory fails
// only on the value's shape.
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("the database is out of energy")]
    OutOfEnergy,
    #[error("rejected: {0}")]
    Rejected(String),
}

pub fn connect_error_response(err: ConnectError) -> Response {
    match err {
        ConnectError::Rejected(msg) => (StatusCode::FORBIDDEN, msg).into_response(),
        ConnectError::OutOfEnergy => (StatusCode::SERVICE_UNAVAILABLE, err.to_string()).into_response(),
    }
}

#[derive(serde::Serialize)]
pub struct Health {
    pub ok: bool,
}

pub async fn health() -> Response {
    match serde_json5::to_string(&Health { ok: true }) {
        Ok(body) => body.into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, format!("Internal Failure: {e:?}")).into_response(),
    }
}
