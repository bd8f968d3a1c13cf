use axum::extract::Query;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Mark {
    service: String,
}

/// Calls this crate's own `record_mark` (a store), not the relay binary's.
pub async fn update_mark(Query(m): Query<Mark>) -> &'static str {
    record_mark(&m.service).await;
    "ok"
}

async fn record_mark(service: &str) {
    println!("{service}");
}
