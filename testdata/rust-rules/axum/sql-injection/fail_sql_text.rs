// No database crate named in this file, but the text is SQL.
use axum::extract::{Query, State};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Filter {
    owner: String,
}

pub async fn by_owner(State(db): State<Db>, Query(f): Query<Filter>) -> String {
    let text = format!("SELECT id FROM items WHERE owner = '{}'", f.owner);
    db.execute(&text).await //~ sql-injection
}
