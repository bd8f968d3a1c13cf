// An error type whose `into_response` pairs each variant's message with its status, the
// status written after the text: the wrapped errors' text only goes out under a 400, the
// 500s carry fixed messages.
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

#[derive(Debug, thiserror::Error)]
pub enum PayError {
    #[error("not joined: {0}")]
    NotJoined(anyhow::Error),
    #[error("backend: {0}")]
    Backend(anyhow::Error),
    #[error("unexpected: {0}")]
    Unexpected(#[from] anyhow::Error),
}

impl IntoResponse for PayError {
    fn into_response(self) -> Response {
        let (message, status) = match &self {
            PayError::NotJoined(e) => (e.to_string(), StatusCode::BAD_REQUEST),
            PayError::Backend(_) => (
                "payment failed, ask the operator".to_string(),
                StatusCode::INTERNAL_SERVER_ERROR,
            ),
            PayError::Unexpected(e) => (e.to_string(), StatusCode::BAD_REQUEST),
        };
        Response::builder()
            .status(status)
            .body(message.into())
            .expect("valid response")
    }
}
