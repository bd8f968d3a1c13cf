// Sort keys and time buckets arrive as enums whose variants are all units: whatever the
// client sends, only one of a fixed set of words reaches the SQL text (by `Display`, by
// `format!`, by `.to_string()`). The enums are defined in a file the data-flow pass does
// not walk (`kinds.rs`); one enum of the request is matched by variants with fields.
use axum::extract::{Json, Query, State};
use sqlx::PgPool;

use crate::kinds::{Bucket, Column, Direction, Report};
use crate::ledger;

pub async fn by_column(
    State(pool): State<PgPool>,
    Query(dir): Query<Direction>,
) -> String {
    let sql = format!("SELECT id FROM entries ORDER BY amount {dir}");
    sqlx::query(&sql).execute(&pool).await.ok();
    let text = dir.to_string();
    sqlx::query(&format!("SELECT id FROM entries ORDER BY id {}", text))
        .execute(&pool)
        .await
        .ok();
    String::new()
}

pub async fn report(State(pool): State<PgPool>, Json(body): Json<Report>) -> String {
    match body {
        Report::Top { column, direction } => {
            ledger::top(&pool, column, direction).await;
        }
        Report::Series { bucket } => {
            ledger::series(&pool, bucket).await;
        }
    }
    String::new()
}
