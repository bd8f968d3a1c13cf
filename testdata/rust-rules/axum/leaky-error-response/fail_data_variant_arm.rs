// In the arm of a variant holding an error, the error's text is the database's.
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("the database is out of energy")]
    OutOfEnergy,
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
}

pub fn connect_error_response(err: ConnectError) -> Response {
    match err {
        ConnectError::OutOfEnergy => (StatusCode::SERVICE_UNAVAILABLE, "out of energy").into_response(),
        ConnectError::Db(_) => (StatusCode::INTERNAL_SERVER_ERROR, err.to_string()).into_response(), //~ leaky-error-response
    }
}
