use axum::extract::{Json, Path, Query, State};
use serde::Deserialize;
use sqlx::{PgPool, QueryBuilder};

#[derive(Deserialize)]
pub struct Search {
    name: String,
    sort: Option<String>,
    page: i64,
}

#[derive(Deserialize)]
pub struct Rename {
    title: String,
}

pub async fn search(State(pool): State<PgPool>, Query(q): Query<Search>) -> String {
    let sql = format!("SELECT id FROM users WHERE name = '{}'", q.name);
    let rows = sqlx::query(&sql).fetch_all(&pool).await.unwrap(); //~ sql-injection
    format!("{}", rows.len())
}

pub async fn sorted(State(pool): State<PgPool>, Query(q): Query<Search>) -> String {
    let mut sql = String::from("SELECT id FROM users ORDER BY ");
    let column = q.sort.unwrap_or_default();
    sql.push_str(&column);
    sql.push_str(&format!(" OFFSET {}", q.page * 20));
    sqlx::query_scalar::<_, i64>(&sql).fetch_one(&pool).await.unwrap(); //~ sql-injection
    String::new()
}

pub async fn rename(
    State(pool): State<PgPool>,
    Path(table): Path<String>,
    Json(body): Json<Rename>,
) {
    let mut qb = QueryBuilder::new("UPDATE ");
    qb.push(&table); //~ sql-injection
    qb.push(" SET title = ");
    qb.push_bind(body.title);
    qb.build().execute(&pool).await.unwrap();
}

pub async fn delete(State(pool): State<PgPool>, Json(body): Json<Rename>) {
    remove_by_title(&pool, &body.title).await;
}

async fn remove_by_title(pool: &PgPool, title: &str) {
    let sql = "DELETE FROM posts WHERE title = '".to_owned() + title + "'";
    sqlx::query(&sql).execute(pool).await.unwrap(); //~ sql-injection
}
