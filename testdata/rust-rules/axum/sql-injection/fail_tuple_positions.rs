use axum::extract::{Query, State};
use serde::Deserialize;
use sqlx::PgPool;

#[derive(Deserialize)]
pub struct Search {
    q: Option<String>,
}

/// The request text in the statement's element of a pair.
pub async fn search(State(pool): State<PgPool>, Query(s): Query<Search>) -> String {
    let q = s.q.unwrap_or_default();
    let (stmt, limit) = if q.is_empty() {
        ("SELECT * FROM items".to_string(), 10)
    } else {
        (format!("SELECT * FROM items WHERE name = '{q}'"), 50)
    };
    sqlx::query(&stmt).bind(limit).execute(&pool).await.unwrap(); //~ sql-injection
    let pair = (format!("SELECT * FROM items WHERE name = '{q}'"), 1);
    sqlx::query(&pair.0).execute(&pool).await.unwrap(); //~ sql-injection
    String::new()
}
