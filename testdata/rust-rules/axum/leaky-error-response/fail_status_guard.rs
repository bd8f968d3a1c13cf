// The guarded branch is not the one that redacts: a 500 still gets the error's text.
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

pub struct ExportFailure {
    pub code: StatusCode,
    pub cause: anyhow::Error,
}

impl IntoResponse for ExportFailure {
    fn into_response(self) -> Response {
        if self.code == StatusCode::NOT_FOUND {
            (self.code, "no such export").into_response()
        } else {
            (self.code, self.cause.to_string()).into_response() //~ leaky-error-response
        }
    }
}
