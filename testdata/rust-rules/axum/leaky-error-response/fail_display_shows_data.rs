// An error type whose `Display` prints what it holds: a thiserror message naming a text
// field, and a hand-written `fmt` printing `self`'s field. Its text in a 500 is the
// database's or the filesystem's message.
use std::fmt;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("store unavailable")]
    Unavailable,
    #[error("query failed: {0}")]
    Query(String),
}

#[derive(Debug)]
pub struct DiskError(std::io::Error);

impl fmt::Display for DiskError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "disk error: {}", self.0)
    }
}

pub struct Store;

impl Store {
    pub async fn save(&self, doc: String) -> Result<(), StoreError> {
        Err(StoreError::Query(doc))
    }
    pub async fn flush(&self) -> Result<(), DiskError> {
        Err(DiskError(std::io::Error::other("device full at /var/lib/store")))
    }
}

pub async fn save(store: axum::extract::State<std::sync::Arc<Store>>, body: String) -> Response {
    if let Err(e) = store.save(body).await {
        return (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(); //~ leaky-error-response
    }
    match store.flush().await {
        Ok(()) => StatusCode::OK.into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, format!("{e}")).into_response(), //~ leaky-error-response
    }
}
