// An error type whose status is a field: the 500 branch answers with a fixed or empty body,
// so the error's text is only sent under the other statuses (4xx rejections the handlers
// chose, with their own messages).
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

#[derive(serde::Serialize)]
pub struct Problem {
    pub detail: String,
}

pub struct RouteFailure {
    pub code: StatusCode,
    pub cause: anyhow::Error,
}

impl IntoResponse for RouteFailure {
    fn into_response(self) -> Response {
        if self.code == StatusCode::INTERNAL_SERVER_ERROR {
            tracing::error!(error = ?self.cause, "request failed");
            (self.code, "").into_response()
        } else {
            let body = Json(Problem {
                detail: self.cause.to_string(),
            });
            (self.code, body).into_response()
        }
    }
}

pub struct JobFailure {
    pub status: StatusCode,
    pub source: Box<dyn std::error::Error + Send + Sync>,
}

impl IntoResponse for JobFailure {
    fn into_response(self) -> Response {
        if !self.status.is_server_error() {
            (self.status, format!("job rejected: {}", self.source)).into_response()
        } else {
            (self.status, "job failed").into_response()
        }
    }
}
