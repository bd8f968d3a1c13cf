//! A storage crate whose request types check nothing about their sizes.

use sqlx::PgPool;
use typed_builder::TypedBuilder;

#[derive(TypedBuilder, garde::Validate)]
pub struct BinRequest {
    #[garde(skip)]
    pub limit: u32,
    #[builder(default)]
    #[garde(skip)]
    pub after: Option<i64>,
}

pub struct ReturnRequest {
    pub per_page: u32,
    pub member: i64,
}

#[derive(serde::Deserialize, validator::Validate)]
pub struct OpenPaging {
    #[validate(length(min = 1))]
    pub label: String,
    pub page_size: u32,
}

pub async fn bins(pool: &PgPool, req: BinRequest) -> Result<usize, sqlx::Error> {
    let rows = sqlx::query("SELECT id FROM bins LIMIT $1")
        .bind(req.limit as i64)
        .fetch_all(pool)
        .await?;
    Ok(rows.len())
}

pub async fn returns(pool: &PgPool, req: ReturnRequest) -> Result<usize, sqlx::Error> {
    let rows = sqlx::query("SELECT id FROM returns WHERE member = $1 LIMIT $2")
        .bind(req.member)
        .bind(req.per_page as i64)
        .fetch_all(pool)
        .await?;
    Ok(rows.len())
}

pub async fn archive(pool: &PgPool, page_size: u32) -> Result<usize, sqlx::Error> {
    let rows = sqlx::query("SELECT id FROM archive LIMIT $1")
        .bind(page_size as i64)
        .fetch_all(pool)
        .await?;
    Ok(rows.len())
}
