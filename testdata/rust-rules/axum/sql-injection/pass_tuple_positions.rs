use axum::extract::{Query, State};
use serde::Deserialize;
use sqlx::PgPool;

#[derive(Deserialize)]
pub struct Search {
    q: Option<String>,
}

const BY_ID: &str = "SELECT * FROM items WHERE id = $1";
const BY_NAME: &str = "SELECT * FROM items WHERE name ILIKE $1";
const LIMIT: usize = 50;

/// A fixed statement and the request value bound to it, chosen together as a pair: each
/// name takes its own element, the statement holds no request text.
pub async fn search(State(pool): State<PgPool>, Query(s): Query<Search>) -> String {
    let q = s.q.unwrap_or_default();
    let (stmt, param) = if q.parse::<u64>().is_ok() {
        (format!("{BY_ID} LIMIT {LIMIT}"), q.to_string())
    } else {
        (format!("{BY_NAME} LIMIT {LIMIT}"), format!("%{q}%"))
    };
    sqlx::query(&stmt).bind(param).execute(&pool).await.unwrap();
    let pair = (BY_ID, q.clone());
    sqlx::query(pair.0).bind(pair.1).execute(&pool).await.unwrap();
    String::new()
}
