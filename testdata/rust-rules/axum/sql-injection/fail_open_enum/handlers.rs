// An enum with a variant that carries text is no closed set: its `Display` may print
// what the client sent.
use axum::extract::{Query, State};
use sqlx::PgPool;

use crate::filters::Order;

pub async fn ordered(State(pool): State<PgPool>, Query(order): Query<Order>) -> String {
    let sql = format!("SELECT id FROM archive ORDER BY {order}");
    let _ = sqlx::query(&sql).execute(&pool).await; //~ sql-injection
    String::new()
}
