// An error type whose messages name none of the errors it wraps: thiserror prints only
// "sink unreachable" or "event rejected", the wrapped database or JSON error is kept for
// the logs (`source()`). Its `Display` in a 500 tells nothing of the server's internals.
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

#[derive(Debug, thiserror::Error)]
pub enum DeliverError {
    #[error("sink unreachable")]
    Sink(#[source] sqlx::Error),
    #[error("event rejected")]
    Event(#[from] serde_json::Error),
    #[error("gave up after {0} attempts")]
    Retries(u32),
}

pub struct Outbox;

impl Outbox {
    pub async fn deliver(&self, event: String) -> Result<(), DeliverError> {
        let _: serde_json::Value = serde_json::from_str(&event)?;
        Err(DeliverError::Retries(3))
    }
}

pub async fn publish(outbox: axum::extract::State<std::sync::Arc<Outbox>>, body: String) -> Response {
    match outbox.deliver(body).await {
        Ok(()) => StatusCode::ACCEPTED.into_response(),
        Err(e) => (StatusCode::BAD_GATEWAY, format!("not delivered: {e}")).into_response(),
    }
}

pub async fn republish(outbox: axum::extract::State<std::sync::Arc<Outbox>>, body: String) -> Response {
    if let Err(err) = outbox.deliver(body).await {
        return (StatusCode::INTERNAL_SERVER_ERROR, err.to_string()).into_response();
    }
    StatusCode::ACCEPTED.into_response()
}

pub struct Ledger;

impl Ledger {
    pub fn open_ledger(dir: &str) -> Result<Ledger, DeliverError> {
        let _ = dir;
        Ok(Ledger)
    }
    pub fn append_entry(&mut self, name: &str) -> Result<(), DeliverError> {
        let _ = name;
        Err(DeliverError::Retries(1))
    }
}

// Both calls of the chain fail with the same fixed messages.
pub async fn add_user(body: String) -> Response {
    match Ledger::open_ledger("/var/lib/users").and_then(|mut ledger| ledger.append_entry(body.trim())) {
        Ok(()) => StatusCode::CREATED.into_response(),
        Err(err) => (StatusCode::INTERNAL_SERVER_ERROR, format!("cannot add: {err}")).into_response(),
    }
}
