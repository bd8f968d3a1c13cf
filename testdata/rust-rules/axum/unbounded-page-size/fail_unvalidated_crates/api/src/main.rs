use axum::extract::{Query, State};
use serde::Deserialize;
use sqlx::PgPool;
use store_open::{BinRequest, OpenPaging, ReturnRequest};

#[derive(Deserialize)]
pub struct BinQuery {
    limit: u32,
    after: Option<i64>,
}

#[derive(Deserialize)]
pub struct ReturnQuery {
    per_page: u32,
    member: i64,
}

/// The builder's field has no bound: the limit is used as sent.
pub async fn bins(State(pool): State<PgPool>, Query(q): Query<BinQuery>) -> String {
    let req = BinRequest::builder().limit(q.limit).after(q.after).build(); //~ unbounded-page-size
    format!("{:?}", store_open::bins(&pool, req).await.is_ok())
}

/// The literal's field has no bound either.
pub async fn returns(State(pool): State<PgPool>, Query(q): Query<ReturnQuery>) -> String {
    let req = ReturnRequest {
        per_page: q.per_page,
        member: q.member,
    };
    format!("{:?}", store_open::returns(&pool, req).await.is_ok()) //~ unbounded-page-size
}

/// The query struct of the store crate validates a label, not the page size.
pub async fn archive(State(pool): State<PgPool>, Query(p): Query<OpenPaging>) -> String {
    format!("{:?}", store_open::archive(&pool, p.page_size).await.is_ok()) //~ unbounded-page-size
}

fn main() {}
