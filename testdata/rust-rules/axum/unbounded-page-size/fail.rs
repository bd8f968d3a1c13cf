use axum::extract::{Query, State};
use serde::Deserialize;
use sqlx::PgPool;

#[derive(Deserialize)]
pub struct Pagination {
    limit: Option<i64>,
    offset: Option<i64>,
}

#[derive(Deserialize)]
pub struct ListParams {
    per_page: u32,
    page: u32,
}

pub async fn list(State(pool): State<PgPool>, Query(p): Query<Pagination>) -> String {
    let rows = sqlx::query("SELECT id FROM items LIMIT $1 OFFSET $2")
        .bind(p.limit.unwrap_or(20)) //~ unbounded-page-size
        .bind(p.offset.unwrap_or(0))
        .fetch_all(&pool)
        .await
        .unwrap();
    format!("{}", rows.len())
}

pub async fn search(
    State(pool): State<PgPool>,
    Query(ListParams { per_page, page }): Query<ListParams>,
) -> String {
    let sql = format!("SELECT id FROM items LIMIT {per_page} OFFSET {}", page * per_page); //~ unbounded-page-size
    let n = sqlx::query(&sql).fetch_all(&pool).await;
    format!("{}", n.is_ok())
}

pub async fn feed(State(pool): State<PgPool>, Query(p): Query<Pagination>) -> String {
    load(&pool, p.limit.unwrap_or(50)).await //~ unbounded-page-size
}

async fn load(pool: &PgPool, limit: i64) -> String {
    let n = sqlx::query("SELECT id FROM feed LIMIT $1").bind(limit).fetch_all(pool).await;
    format!("{}", n.is_ok())
}
