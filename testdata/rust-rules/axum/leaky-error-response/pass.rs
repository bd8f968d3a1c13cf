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
        .map_err(|e| {
            tracing::error!("listing users: {e}");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error".to_string())
        })?;
    Ok(format!("{}", rows.len()))
}

pub async fn parse(body: String) -> Result<String, (StatusCode, String)> {
    // The client's own mistake, described to the client.
    let v: serde_json::Value =
        serde_json::from_str(&body).map_err(|e| (StatusCode::BAD_REQUEST, e.to_string()))?;
    Ok(v.to_string())
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("not found")]
    NotFound,
    #[error("{0}")]
    Invalid(String),
    #[error("internal error")]
    Database(#[from] sqlx::Error),
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = match &self {
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Database(e) => {
                tracing::error!(error = %e, "database");
                StatusCode::INTERNAL_SERVER_ERROR
            }
        };
        // The type's own Display: messages its author wrote for clients.
        (status, Json(json!({ "error": self.to_string() }))).into_response()
    }
}

/// An exit code and a message of a worker thread: not an HTTP status.
pub fn worker_result(r: Result<(), std::io::Error>) -> (i32, String) {
    match r {
        Ok(()) => (0, String::new()),
        Err(e) => (256, format!("worker failed: {e:?}")),
    }
}

pub enum TokenError {
    Expired,
    Other(anyhow::Error),
}

impl IntoResponse for TokenError {
    fn into_response(self) -> Response {
        match self {
            // A 4xx with the error's text in a JSON body built inside the tuple.
            TokenError::Expired => (
                StatusCode::UNAUTHORIZED,
                [("www-authenticate", "Bearer")],
                Json(json!({ "error": "token expired" })),
            )
                .into_response(),
            TokenError::Other(e) => (
                StatusCode::FORBIDDEN,
                Json(json!({ "error": e.to_string() })),
            )
                .into_response(),
        }
    }
}

// A project's own status enum names engine conditions, not HTTP statuses: an internal
// error value built with one is no response (the HTTP layer decides what clients see).
mod engine {
    pub enum StatusCode {
        EngineExecuteQuery,
        StorageUnavailable,
    }

    pub struct PlainError(String, StatusCode);

    impl PlainError {
        pub fn new(msg: String, code: StatusCode) -> Self {
            PlainError(msg, code)
        }
    }

    pub fn encode(cell: u64) -> Result<String, PlainError> {
        geohash::encode(cell).map_err(|e| {
            PlainError::new(format!("Geohash error: {}", e), StatusCode::EngineExecuteQuery)
        })
    }

    pub fn put(store: &Store, key: &str) -> Result<(), PlainError> {
        store
            .write(key)
            .map_err(|e| PlainError::new(e.to_string(), StatusCode::StorageUnavailable))
    }
}

/// A success response carrying its version in a header: `self` here is no error, and its
/// number rendered to text is no error text.
pub struct VersionedDoc(pub store::Versioned);

impl IntoResponse for VersionedDoc {
    fn into_response(self) -> Response {
        (
            axum::response::AppendHeaders([("etag", u32::from(self.0.version).to_string())]),
            self.0.value,
        )
            .into_response()
    }
}
