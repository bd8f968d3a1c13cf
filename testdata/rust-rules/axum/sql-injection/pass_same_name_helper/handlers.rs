// Two modules define a function of the same name; the handler calls the one of
// `scheduler`, which hands the value to a storage client whose `query` takes six
// arguments (not a SQL statement). The `remove_all` of `reports` builds SQL text, but
// nothing passes it request data. Calls of another arity or type are not followed there.
use axum::extract::{Path, State};
use sqlx::PgPool;

use crate::scheduler;

pub async fn purge(State(pool): State<PgPool>, Path(org): Path<String>) -> &'static str {
    scheduler::remove_all(&pool, &org).await;
    scheduler::list(&pool, &org).await;
    // Another crate's type, one argument: not `reports::delete_all(conn)`, whose one
    // parameter is an executor of a generic type.
    Storage::delete_all(&org).await;
    // Two arguments: not the one-parameter `fetch` of `reports`.
    fetch(&org, "jobs").await;
    "ok"
}
