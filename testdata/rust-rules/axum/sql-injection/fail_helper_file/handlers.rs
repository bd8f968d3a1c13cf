// The handler passes request text to a helper in another file. Whether the helper is
// followed must not depend on the other rules selected: its file holds no extractor but
// answers with a status code (a marker of `leaky-error-response`).
use axum::extract::{Query, State};
use serde::Deserialize;
use sqlx::PgPool;

use crate::store;

#[derive(Deserialize)]
pub struct Lookup {
    tag: String,
}

pub async fn by_tag(State(pool): State<PgPool>, Query(q): Query<Lookup>) -> String {
    store::count_tagged(&pool, &q.tag).await;
    String::new()
}
