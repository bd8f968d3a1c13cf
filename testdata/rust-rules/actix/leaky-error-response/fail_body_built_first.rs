// In an error type's `error_response`, a JSON body built first in a variable and then sent
// under a 4xx (`HttpResponse::BadRequest().json(body)`), one built by a wrapper inside a
// 4xx builder's body (`.json(Reply::new(..))`), or in the branch for client errors of a
// status read at run time, is no 5xx body. Sent under a 500 it is (the last arm).
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use serde_json::json;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("behind")]
    Behind(std::io::Error),
    #[error("upstream: {0}")]
    Upstream(actix_web::Error),
    #[error("disk: {0}")]
    Disk(std::io::Error),
    #[error("query: {0}")]
    Query(std::io::Error),
}

#[derive(serde::Serialize)]
pub struct Reply {
    detail: String,
}

impl Reply {
    pub fn new(detail: String) -> Self {
        Reply { detail }
    }
}

impl ResponseError for StoreError {
    fn error_response(&self) -> HttpResponse {
        match self {
            StoreError::BadRequest(desc) => {
                let body = json!({ "error": { "detail": desc.to_string() } });
                HttpResponse::BadRequest().json(body)
            }
            StoreError::Behind(e) => {
                let body = json!({ "detail": format!("workspace behind: {e}") });
                HttpResponse::Conflict().json(body)
            }
            StoreError::Upstream(error) => {
                let status = error.as_response_error().status_code();
                if status.is_server_error() {
                    HttpResponse::build(status).json(json!({ "error": "internal" }))
                } else {
                    let body = json!({ "detail": format!("{error}") });
                    HttpResponse::build(status).json(body)
                }
            }
            StoreError::Query(e) => HttpResponse::BadRequest().json(Reply::new(e.to_string())),
            StoreError::Disk(e) => {
                let body = json!({ "detail": e.to_string() });
                HttpResponse::build(StatusCode::INTERNAL_SERVER_ERROR).json(body) //~ leaky-error-response
            }
        }
    }
}
