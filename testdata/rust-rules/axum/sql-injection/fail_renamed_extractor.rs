// The body extractor imported under another name (`Json as JsonBody`) is still the
// request body.
use axum::extract::State;
use axum::response::Json as JsonBody;
use serde::Deserialize;
use sqlx::SqlitePool;

#[derive(Deserialize)]
pub struct RawQuery {
    sql: String,
}

pub async fn run_query(State(pool): State<SqlitePool>, JsonBody(q): JsonBody<RawQuery>) -> String {
    let rows = sqlx::query(&q.sql).fetch_all(&pool).await.unwrap(); //~ sql-injection
    rows.len().to_string()
}
