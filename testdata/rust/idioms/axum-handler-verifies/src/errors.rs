use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

pub enum AppError {
    Authentication(String),
    Storage(String),
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match self {
            AppError::Authentication(m) => (StatusCode::UNAUTHORIZED, m).into_response(),
            AppError::Storage(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        }
    }
}
