use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;
use sqlx::PgPool;

pub async fn users(State(pool): State<PgPool>) -> Result<String, (StatusCode, String)> {
    let rows = sqlx::query("SELECT id FROM users")
        .fetch_all(&pool)
        .await
        .map_err(|e| (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?; //~ leaky-error-response
    Ok(format!("{}", rows.len()))
}

pub async fn orders(State(pool): State<PgPool>) -> Response {
    match sqlx::query("SELECT id FROM orders").fetch_all(&pool).await {
        Ok(rows) => format!("{}", rows.len()).into_response(),
        Err(err) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            Json(json!({ "error": format!("query failed: {err:?}") })), //~ leaky-error-response
        )
            .into_response(),
    }
}

fn internal_error<E: std::error::Error>(err: E) -> (StatusCode, String) {
    (StatusCode::INTERNAL_SERVER_ERROR, err.to_string()) //~ leaky-error-response
}

pub struct AppError(anyhow::Error);

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        (
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("Something went wrong: {}", self.0), //~ leaky-error-response
        )
            .into_response()
    }
}

pub enum ApiError {
    NotFound(String),
    Database(sqlx::Error),
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::NotFound(msg) => (StatusCode::NOT_FOUND, msg).into_response(),
            ApiError::Database(e) => {
                let body = Json(json!({ "error": e.to_string() })); //~ leaky-error-response
                (StatusCode::INTERNAL_SERVER_ERROR, body).into_response()
            }
        }
    }
}

/// Reads a file: not an in-memory encoder, its error can tell where the server keeps it.
fn report_from_disk(path: &str) -> Result<String, std::io::Error> {
    let mut buf = Vec::new();
    let text = std::fs::read_to_string(path)?;
    buf.extend_from_slice(text.as_bytes());
    Ok(String::from_utf8_lossy(&buf).into_owned())
}

pub async fn report() -> Response {
    match report_from_disk("/var/lib/app/report.txt") {
        Ok(text) => (StatusCode::OK, text).into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(), //~ leaky-error-response
    }
}
