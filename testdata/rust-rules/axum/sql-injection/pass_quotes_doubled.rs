// The term is escaped for an SQL string literal by doubling its quotes (SQLite and
// PostgreSQL have no backslash escape in a standard literal): no injection.
use axum::extract::{Query, State};
use serde::Deserialize;
use sqlx::SqlitePool;

#[derive(Deserialize)]
pub struct Find {
    term: String,
}

pub async fn rank(State(pool): State<SqlitePool>, Query(f): Query<Find>) -> String {
    let term = f.term.to_lowercase();
    let sql = format!(
        "SELECT id FROM notes WHERE LOWER(title) LIKE '%{}%'",
        term.replace("'", "''")
    );
    let rows = sqlx::query(&sql).fetch_all(&pool).await.unwrap();
    rows.len().to_string()
}
