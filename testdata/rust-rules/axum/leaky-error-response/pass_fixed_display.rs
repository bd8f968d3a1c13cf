// Errors whose `Display` prints only the code's own phrases: a unit struct whose `fmt`
// writes a literal, and a thiserror enum whose every message prints no field but a number
// or a standard parse error (whose text is fixed too). Their text in a 500 tells nothing
// of the server's internals.
use std::fmt;
use std::net::{AddrParseError, IpAddr};

use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

#[derive(Debug)]
pub struct QueueClosed;

impl fmt::Display for QueueClosed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the work queue is closed")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ClientIpError {
    #[error("no client address in the request")]
    Missing,
    #[error("client address unreadable: {0}")]
    Parse(#[from] AddrParseError),
    #[error("{count} forwarding hops")]
    TooManyHops { count: u8 },
}

pub struct Queue;

impl Queue {
    pub async fn push(&self, job: String) -> Result<(), QueueClosed> {
        let _ = job;
        Err(QueueClosed)
    }
}

fn client_ip(headers: &HeaderMap) -> Result<IpAddr, ClientIpError> {
    let v = headers.get("x-real-ip").ok_or(ClientIpError::Missing)?;
    Ok(v.to_str().unwrap_or_default().parse()?)
}

pub async fn enqueue(queue: axum::extract::State<std::sync::Arc<Queue>>, body: String) -> Response {
    if let Err(e) = queue.push(body).await {
        return (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response();
    }
    StatusCode::ACCEPTED.into_response()
}

pub async fn whoami(headers: HeaderMap) -> Response {
    match client_ip(&headers) {
        Ok(ip) => ip.to_string().into_response(),
        Err(err) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("cannot tell who you are: {err}"),
        )
            .into_response(),
    }
}
