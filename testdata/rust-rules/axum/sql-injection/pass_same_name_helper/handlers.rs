// Two modules define a function of the same name; the handler calls the one of
// `scheduler`, which hands the value to a storage client whose `query` takes six
// arguments (not a SQL statement). The `remove_all` of `reports` builds SQL text, but
// nothing passes it request data.
use axum::extract::{Path, State};
use sqlx::PgPool;

use crate::scheduler;

pub async fn purge(State(pool): State<PgPool>, Path(org): Path<String>) -> &'static str {
    scheduler::remove_all(&pool, &org).await;
    scheduler::list(&pool, &org).await;
    "ok"
}
