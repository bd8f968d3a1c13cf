//! A storage crate: its request types carry the bounds, checked before each query.

use garde::Validate as _;
use sqlx::PgPool;
use typed_builder::TypedBuilder;
use validator::Validate;

pub struct Ctx {
    pub most: u32,
}

/// Built field by field; the bound depends on a context.
#[derive(TypedBuilder, garde::Validate)]
#[garde(context(Ctx as ctx))]
pub struct ShelfRequest {
    #[garde(range(max = ctx.most))]
    pub limit: u32,
    #[builder(default)]
    #[garde(skip)]
    pub after: Option<i64>,
}

/// Written as a literal by its callers.
#[derive(garde::Validate)]
pub struct LendingRequest {
    #[garde(range(min = 1, max = 60))]
    pub per_page: u32,
    #[garde(skip)]
    pub member: i64,
}

/// Read straight from the query string of another crate's handlers.
#[derive(serde::Deserialize, Validate)]
pub struct Paging {
    #[validate(range(max = 25))]
    pub page_size: u32,
}

pub async fn shelf(pool: &PgPool, req: ShelfRequest) -> Result<usize, sqlx::Error> {
    req.validate_with(&Ctx { most: 40 }).map_err(|_| sqlx::Error::RowNotFound)?;
    let rows = sqlx::query("SELECT id FROM shelf LIMIT $1")
        .bind(req.limit as i64)
        .fetch_all(pool)
        .await?;
    Ok(rows.len())
}

pub async fn lendings(pool: &PgPool, req: LendingRequest) -> Result<usize, sqlx::Error> {
    req.validate_with(&()).map_err(|_| sqlx::Error::RowNotFound)?;
    let rows = sqlx::query("SELECT id FROM lending WHERE member = $1 LIMIT $2")
        .bind(req.member)
        .bind(req.per_page as i64)
        .fetch_all(pool)
        .await?;
    Ok(rows.len())
}

pub async fn catalogue(pool: &PgPool, page_size: u32) -> Result<usize, sqlx::Error> {
    let rows = sqlx::query("SELECT id FROM catalogue LIMIT $1")
        .bind(page_size as i64)
        .fetch_all(pool)
        .await?;
    Ok(rows.len())
}
