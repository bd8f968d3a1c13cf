use axum::extract::{Query, State};
use serde::Deserialize;
use sqlx::PgPool;
use validator::Validate;

#[derive(Deserialize)]
pub struct Pagination {
    limit: Option<i64>,
    offset: Option<i64>,
}

#[derive(Deserialize, Validate)]
pub struct Validated {
    #[validate(range(min = 1, max = 100))]
    per_page: u32,
}

#[derive(Deserialize)]
pub struct Small {
    size: u8,
}

pub async fn list(State(pool): State<PgPool>, Query(p): Query<Pagination>) -> String {
    let limit = p.limit.unwrap_or(20).clamp(1, 100);
    let rows = sqlx::query("SELECT id FROM items LIMIT $1 OFFSET $2")
        .bind(limit)
        .bind(p.offset.unwrap_or(0))
        .fetch_all(&pool)
        .await
        .unwrap();
    format!("{}", rows.len())
}

pub async fn checked(Query(p): Query<Pagination>) -> Result<String, String> {
    if p.limit.unwrap_or(0) > 100 {
        return Err("limit too large".into());
    }
    Ok(format!("{:?}", p.limit))
}

pub async fn validated(Query(v): Query<Validated>) -> String {
    format!("{}", v.per_page)
}

pub async fn small(Query(s): Query<Small>) -> String {
    format!("{}", s.size)
}

pub async fn feed(State(pool): State<PgPool>, Query(p): Query<Pagination>) -> String {
    load_page(&pool, p.limit.unwrap_or(50)).await
}

async fn load_page(pool: &PgPool, limit: i64) -> String {
    let limit = limit.min(100);
    let n = sqlx::query("SELECT id FROM feed LIMIT $1").bind(limit).fetch_all(pool).await;
    format!("{}", n.is_ok())
}

#[derive(Validate)]
pub struct Listing {
    #[validate(range(min = 1, max = 50))]
    page_size: i64,
}

pub async fn listing(State(pool): State<PgPool>, Query(p): Query<Pagination>) -> String {
    let listing = ListingBuilder::default()
        .page_size(p.limit.unwrap_or(10))
        .build()
        .unwrap();
    format!("{}", fetch_listing(&pool, listing).await)
}

pub async fn listing_literal(State(pool): State<PgPool>, Query(p): Query<Pagination>) -> String {
    let listing = Listing {
        page_size: p.limit.unwrap_or(10),
    };
    format!("{}", fetch_listing(&pool, listing).await)
}

async fn fetch_listing(pool: &PgPool, l: Listing) -> bool {
    sqlx::query("SELECT id FROM listing LIMIT $1")
        .bind(l.page_size)
        .fetch_all(pool)
        .await
        .is_ok()
}
