use axum::http::{HeaderMap, StatusCode};

pub struct Counters;

impl Counters {
    pub async fn read_stats(&self) -> u64 {
        0
    }

    pub async fn reset_stats(&mut self) {}
}

pub async fn read_stats() -> &'static str {
    "0 visits"
}

/// Only an operator holding the reset key may clear the counters.
pub async fn reset_stats(headers: HeaderMap) -> Result<&'static str, StatusCode> {
    let key = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .ok_or(StatusCode::UNAUTHORIZED)?;
    if key != "Bearer reset" {
        return Err(StatusCode::UNAUTHORIZED);
    }
    Ok("reset")
}
