// The status written after the text: a 500 whose body is the wrapped error's own text.
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

#[derive(Debug, thiserror::Error)]
pub enum PayError {
    #[error("not joined: {0}")]
    NotJoined(anyhow::Error),
    #[error("backend: {0}")]
    Backend(anyhow::Error),
    #[error("store: {0}")]
    Store(git2::Error),
}

impl IntoResponse for PayError {
    fn into_response(self) -> Response {
        let (message, status) = match &self {
            PayError::NotJoined(e) => (e.to_string(), StatusCode::BAD_REQUEST),
            PayError::Backend(e) => (e.to_string(), StatusCode::INTERNAL_SERVER_ERROR), //~ leaky-error-response
            // A library error's own message (`git2::Error::message`).
            PayError::Store(e) => (e.message().to_owned(), StatusCode::INTERNAL_SERVER_ERROR), //~ leaky-error-response
        };
        Response::builder()
            .status(status)
            .body(message.into())
            .expect("valid response")
    }
}
