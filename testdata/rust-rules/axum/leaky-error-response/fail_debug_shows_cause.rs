// The same kind of error printed with `Debug` (`{e:?}`): the derived `Debug` prints the
// wrapped database error, its query and connection details; the alternate form of an
// anyhow error (`{e:#}`) prints its whole chain of causes.
use anyhow::Context;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

#[derive(Debug, thiserror::Error)]
pub enum DispatchError {
    #[error("sink unreachable")]
    Sink(#[source] sqlx::Error),
    #[error("gave up after {0} attempts")]
    Retries(u32),
}

// A message naming no field, over the database's error: `e.source` is that error itself.
#[derive(Debug, thiserror::Error)]
#[error("the event could not be stored")]
pub struct StoreFailed {
    #[source]
    pub source: sqlx::Error,
}

pub struct Dispatcher;

impl Dispatcher {
    pub async fn deliver(&self, event: String) -> Result<(), DispatchError> {
        let _ = event;
        Err(DispatchError::Retries(3))
    }
    pub async fn archive(&self, event: String) -> anyhow::Result<()> {
        std::fs::write("/var/spool/archive", event).context("cannot archive the event")?;
        Ok(())
    }
    pub async fn store(&self, event: String) -> Result<(), StoreFailed> {
        let _ = event;
        Ok(())
    }
}

pub async fn publish(dispatcher: axum::extract::State<std::sync::Arc<Dispatcher>>, body: String) -> Response {
    match dispatcher.deliver(body).await {
        Ok(()) => StatusCode::ACCEPTED.into_response(),
        Err(e) => (StatusCode::BAD_GATEWAY, format!("not delivered: {e:?}")).into_response(), //~ leaky-error-response
    }
}

pub async fn archive(dispatcher: axum::extract::State<std::sync::Arc<Dispatcher>>, body: String) -> Response {
    if let Err(err) = dispatcher.archive(body).await {
        return (StatusCode::INTERNAL_SERVER_ERROR, format!("{err:#}")).into_response(); //~ leaky-error-response
    }
    StatusCode::ACCEPTED.into_response()
}

#[derive(Debug, thiserror::Error)]
pub enum RosterError {
    #[error("roster unavailable")]
    Unavailable,
    #[error("cannot write roster: {0}")]
    Write(String),
}

pub struct Roster;

impl Roster {
    pub fn open_roster(dir: &str) -> Result<Roster, RosterError> {
        let _ = dir;
        Err(RosterError::Unavailable)
    }
    pub fn enroll(&mut self, name: &str) -> Result<(), RosterError> {
        Err(RosterError::Write(name.to_string()))
    }
}

pub async fn store(dispatcher: axum::extract::State<std::sync::Arc<Dispatcher>>, body: String) -> Response {
    match dispatcher.store(body).await {
        Ok(()) => StatusCode::ACCEPTED.into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.source.to_string()).into_response(), //~ leaky-error-response
    }
}

// One call of the chain fails with a message that prints what it holds.
pub async fn add_user(body: String) -> Response {
    match Roster::open_roster("/var/lib/users").and_then(|mut roster| roster.enroll(body.trim())) {
        Ok(()) => StatusCode::CREATED.into_response(),
        Err(err) => (StatusCode::INTERNAL_SERVER_ERROR, format!("cannot add: {err}")).into_response(), //~ leaky-error-response
    }
}
