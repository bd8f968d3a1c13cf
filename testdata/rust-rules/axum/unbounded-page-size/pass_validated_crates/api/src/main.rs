use axum::extract::{Query, State};
use serde::Deserialize;
use sqlx::PgPool;
use store::{LendingRequest, Paging, ShelfRequest};

#[derive(Deserialize)]
pub struct ShelfQuery {
    limit: u32,
    after: Option<i64>,
}

#[derive(Deserialize)]
pub struct LendingQuery {
    per_page: u32,
    member: i64,
}

/// The limit goes into a builder whose field is range-checked in the store crate.
pub async fn shelf(State(pool): State<PgPool>, Query(q): Query<ShelfQuery>) -> String {
    let req = ShelfRequest::builder().limit(q.limit).after(q.after).build();
    format!("{:?}", store::shelf(&pool, req).await.is_ok())
}

/// The page size goes into a struct literal whose field is range-checked.
pub async fn lendings(State(pool): State<PgPool>, Query(q): Query<LendingQuery>) -> String {
    let req = LendingRequest {
        per_page: q.per_page,
        member: q.member,
    };
    format!("{:?}", store::lendings(&pool, req).await.is_ok())
}

/// The query struct itself is defined, with its bound, in the store crate.
pub async fn catalogue(State(pool): State<PgPool>, Query(p): Query<Paging>) -> String {
    format!("{:?}", store::catalogue(&pool, p.page_size).await.is_ok())
}

fn main() {}
